//! The search for a safe pattern: the rule of [`super::disclosure`], step by step.

use super::disclosure::{Coord, FigureStatus, Hidden, Pattern, ProtectError, Reason, Rule};
use super::group::{Group, UNBOUNDED};
use super::hypercube::{each_cube, reach, Reach};
use super::lp::{self, Found, Goal};
use std::collections::BTreeSet;

/// Work allowed for one population, in hypercube corners looked at (an LP
/// solve counts its size); deterministic, unlike a clock.
const WORK_BUDGET: u64 = 1_500_000_000;

/// Whether a global figure is known, and if not, what the reader knows of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Published,
    Primary,
    /// Hidden for the figure `protects`; `stuck`: it could not be moved at all yet.
    Secondary {
        protects: usize,
        stuck: bool,
    },
}

/// The cheapest hypercube so far: cost, newly hidden, corners, signs, reach.
type Best = (u128, usize, Vec<usize>, Vec<bool>, Reach);

/// The state of the rule for one population.
pub(crate) struct Search<'a> {
    group: &'a Group,
    rule: Rule,
    status: Vec<Status>,
    /// Shown by witnesses: how far each figure can move up and down.
    up: Vec<i128>,
    down: Vec<i128>,
    /// The width each hidden figure must be shown to have.
    need: Vec<i128>,
    capped: Vec<bool>,
    rank: Vec<usize>,
    queue: BTreeSet<usize>,
    work: u64,
    /// The shown interval is the reader's whole interval (for `check`).
    exact: Vec<bool>,
}

impl<'a> Search<'a> {
    pub(super) fn new(group: &'a Group, rule: Rule) -> Search<'a> {
        let n = group.figures.len();
        let mut rank = vec![0; n];
        for (r, &g) in group.order.iter().enumerate() {
            rank[g] = r;
        }
        let status: Vec<Status> = group
            .figures
            .iter()
            .map(|f| {
                if f.value > 0 && f.value < rule.threshold {
                    Status::Primary
                } else {
                    Status::Published
                }
            })
            .collect();
        let queue = (0..n)
            .filter(|&g| status[g] != Status::Published)
            .map(|g| rank[g])
            .collect();
        Search {
            group,
            rule,
            status,
            up: vec![0; n],
            down: vec![0; n],
            need: vec![i128::from(rule.protection); n],
            capped: vec![false; n],
            rank,
            queue,
            work: 0,
            exact: vec![false; n],
        }
    }

    fn value(&self, g: usize) -> i128 {
        i128::from(self.group.figures[g].value)
    }

    /// What the reader knows of figure `g` under `status`.
    fn bounds_as(&self, g: usize, status: Status) -> (i128, i128) {
        let n = i128::from(self.rule.threshold);
        match status {
            Status::Published => (self.value(g), self.value(g)),
            Status::Primary => (1, n - 1),
            Status::Secondary { .. } => (n, UNBOUNDED),
        }
    }

    fn bounds(&self, g: usize) -> (i128, i128) {
        self.bounds_as(g, self.status[g])
    }

    /// Bounds if every non-zero figure were hidden.
    fn bounds_all_hidden(&self, g: usize) -> (i128, i128) {
        match self.status[g] {
            Status::Published if self.value(g) > 0 => self.bounds_as(
                g,
                Status::Secondary {
                    protects: g,
                    stuck: false,
                },
            ),
            s => self.bounds_as(g, s),
        }
    }

    fn width(&self, g: usize) -> i128 {
        self.up[g].saturating_add(self.down[g])
    }

    fn satisfied(&self, g: usize) -> bool {
        self.width(g) >= self.need[g]
    }

    fn spend(&mut self, amount: u64) -> Result<(), ProtectError> {
        self.work = self.work.saturating_add(amount);
        if self.work > WORK_BUDGET {
            return Err(ProtectError::TooMuchWork {
                table: self.largest_table(),
            });
        }
        Ok(())
    }

    fn largest_table(&self) -> usize {
        (0..self.group.tables.len())
            .max_by_key(|&t| (self.group.tables[t].lattice.figures(), usize::MAX - t))
            .unwrap_or(0)
    }

    pub(super) fn run(&mut self) -> Result<(), ProtectError> {
        while let Some(r) = self.queue.pop_first() {
            let g = self.group.order[r];
            if self.satisfied(g) {
                continue;
            }
            self.free_cubes(g)?;
            if self.satisfied(g) {
                continue;
            }
            if self.cheapest_cube(g)? {
                continue;
            }
            if !self.capped[g] {
                self.cap(g)?;
                self.queue.insert(r);
                continue;
            }
            if self.shift(g)? {
                continue;
            }
            return self.fail_safe();
        }
        Ok(())
    }

    /// Records that the hypercube with these corners moves by `reach`.
    fn certify(&mut self, corners: &[usize], signs: &[bool], reach: Reach) {
        for (&c, &plus) in corners.iter().zip(signs) {
            let (u, d) = if plus {
                (reach.up, reach.down)
            } else {
                (reach.down, reach.up)
            };
            self.up[c] = self.up[c].max(u);
            self.down[c] = self.down[c].max(d);
        }
    }

    /// Hypercubes whose corners are all hidden already: free witnesses.
    fn free_cubes(&mut self, g: usize) -> Result<(), ProtectError> {
        let group = self.group;
        let mut corners_g = Vec::new();
        let mut values = Vec::new();
        let mut bounds = Vec::new();
        for &(t, f) in &group.figures[g].places {
            let table = &group.tables[t];
            if !table.active {
                continue;
            }
            let size = 1u64 << table.lattice.sizes().len();
            let mut visited = 0u64;
            each_cube(&table.lattice, f, |corners, signs| {
                visited += size;
                corners_g.clear();
                values.clear();
                bounds.clear();
                for &c in corners {
                    let h = table.global[c];
                    if group.figures[h].shared || self.status[h] == Status::Published {
                        return true;
                    }
                    corners_g.push(h);
                    values.push(self.value(h));
                    bounds.push(self.bounds(h));
                }
                let r = reach(&values, &bounds, signs);
                if r.up > 0 || r.down > 0 {
                    self.certify(&corners_g, signs, r);
                }
                !self.satisfied(g)
            });
            self.spend(visited)?;
            if self.satisfied(g) {
                break;
            }
        }
        Ok(())
    }

    /// Hides the corners of the cheapest hypercube that makes `g` wide enough.
    fn cheapest_cube(&mut self, g: usize) -> Result<bool, ProtectError> {
        let group = self.group;
        // (cost, newly hidden, corners, signs, reach)
        let mut best: Option<Best> = None;
        let need = self.need[g];
        for &(t, f) in &group.figures[g].places {
            let table = &group.tables[t];
            if !table.active {
                continue;
            }
            let size = 1u64 << table.lattice.sizes().len();
            let mut visited = 0u64;
            let mut values = Vec::new();
            let mut bounds = Vec::new();
            each_cube(&table.lattice, f, |corners, signs| {
                visited += size;
                values.clear();
                bounds.clear();
                let (mut cost, mut new) = (0u128, 0usize);
                for &c in corners {
                    let h = table.global[c];
                    let figure = &group.figures[h];
                    if figure.shared || (self.status[h] == Status::Published && figure.value == 0) {
                        return true;
                    }
                    if self.status[h] == Status::Published {
                        cost += u128::from(figure.value);
                        new += 1;
                    }
                    values.push(self.value(h));
                    bounds.push(self.bounds_all_hidden(h));
                }
                let r = reach(&values, &bounds, signs);
                let better = best
                    .as_ref()
                    .is_none_or(|(c, n, ..)| (cost, new) < (*c, *n));
                if r.width() >= need && better {
                    let globals = corners.iter().map(|&c| table.global[c]).collect();
                    best = Some((cost, new, globals, signs.to_vec(), r));
                }
                true
            });
            self.spend(visited)?;
        }
        let Some((_, _, corners, signs, r)) = best else {
            return Ok(false);
        };
        let stuck = self.width(g) == 0;
        for &c in &corners {
            self.hide(c, g, stuck);
        }
        self.certify(&corners, &signs, r);
        Ok(true)
    }

    fn hide(&mut self, h: usize, protects: usize, stuck: bool) {
        if self.status[h] == Status::Published && self.value(h) > 0 {
            self.status[h] = Status::Secondary { protects, stuck };
            self.queue.insert(self.rank[h]);
        }
    }

    /// Lowers `need[g]` to what hiding every non-zero figure could give: the
    /// whole-number optimum when the solver proves it, else the real one
    /// (never smaller, so never a lower requirement than the truth).
    fn cap(&mut self, g: usize) -> Result<(), ProtectError> {
        self.capped[g] = true;
        let bounds: Vec<(i128, i128)> = (0..self.group.figures.len())
            .map(|h| self.bounds_all_hidden(h))
            .collect();
        let mut possible = None;
        // The real optimum first: it is never below the whole-number one, so
        // when it leaves `need` as it is, the costlier search is not needed.
        for integer in [false, true] {
            let high = match self.solve(&bounds, Goal::Max(g), integer)? {
                Found::Point {
                    objective, proven, ..
                } if proven || !integer => (objective + 1e-6).floor() as i128,
                Found::Unbounded => return Ok(()),
                _ => continue,
            };
            let low = match self.solve(&bounds, Goal::Min(g), integer)? {
                Found::Point {
                    objective, proven, ..
                } if proven || !integer => (objective - 1e-6).ceil() as i128,
                _ => continue,
            };
            possible = Some((high - low).max(0));
            if integer || high - low >= self.need[g] {
                break;
            }
        }
        let Some(possible) = possible else {
            return Ok(());
        };
        if possible == 0 {
            return Err(ProtectError::MarksGiveAway {
                table: self.table_of(g),
                figure: self.coord_of(g),
            });
        }
        self.need[g] = self.need[g].min(possible);
        Ok(())
    }

    fn solve(
        &mut self,
        bounds: &[(i128, i128)],
        goal: Goal,
        integer: bool,
    ) -> Result<Found, ProtectError> {
        let size: usize = self
            .group
            .tables
            .iter()
            .filter(|t| t.active)
            .map(|t| t.lattice.figures() << t.lattice.sizes().len())
            .sum();
        self.spend(size as u64 * 64)?;
        Ok(lp::solve(self.group, bounds, goal, integer))
    }

    /// A table, found by the linear programme, that moves `g` far enough;
    /// every figure it changes is hidden. False if none is found.
    fn shift(&mut self, g: usize) -> Result<bool, ProtectError> {
        let bounds: Vec<(i128, i128)> = (0..self.group.figures.len())
            .map(|h| self.bounds_all_hidden(h))
            .collect();
        let (lo, hi) = bounds[g];
        let x = self.value(g);
        let need = self.need[g];
        let up = need.min(hi.saturating_sub(x)).max(0);
        let down = (need - up).min(x - lo).max(0);
        let mut witnesses = Vec::new();
        for by in [up, -down] {
            if by == 0 {
                continue;
            }
            match self.witness(&bounds, g, by)? {
                Some(values) => witnesses.push(values),
                None => return Ok(false),
            }
        }
        let stuck = self.width(g) == 0;
        for values in &witnesses {
            for (h, &v) in values.iter().enumerate() {
                if v != self.value(h) {
                    self.hide(h, g, stuck);
                    self.record(h, v);
                }
            }
        }
        Ok(self.satisfied(g))
    }

    /// Whole-number table moving `g` by `by`, checked exactly; its figure values.
    fn witness(
        &mut self,
        bounds: &[(i128, i128)],
        g: usize,
        by: i128,
    ) -> Result<Option<Vec<i128>>, ProtectError> {
        for integer in [false, true] {
            let goal = Goal::Shift { figure: g, by };
            if let Found::Point { cells, .. } = self.solve(bounds, goal, integer)? {
                if let Some(values) = self.group.verify(&cells, |h| bounds[h]) {
                    let moved = values[g] - self.value(g);
                    if (by > 0 && moved >= by) || (by < 0 && moved <= by) {
                        return Ok(Some(values));
                    }
                }
            }
        }
        Ok(None)
    }

    /// A witness where figure `h` takes value `v`.
    fn record(&mut self, h: usize, v: i128) {
        let x = self.value(h);
        if v > x {
            self.up[h] = self.up[h].max(v - x);
        } else {
            self.down[h] = self.down[h].max(x - v);
        }
    }

    /// Hides every non-zero figure; then each hidden figure must still be
    /// shown wide enough by the linear programme's own extreme points.
    fn fail_safe(&mut self) -> Result<(), ProtectError> {
        let order = self.group.order.clone();
        for &g in &order {
            self.hide(g, g, true);
        }
        self.queue.clear();
        let bounds: Vec<(i128, i128)> = (0..self.group.figures.len())
            .map(|h| self.bounds(h))
            .collect();
        for &g in &order {
            if self.status[g] == Status::Published || self.satisfied(g) {
                continue;
            }
            for goal in [Goal::Max(g), Goal::Min(g)] {
                for integer in [false, true] {
                    if let Found::Point { cells, .. } = self.solve(&bounds, goal, integer)? {
                        if let Some(values) = self.group.verify(&cells, |h| bounds[h]) {
                            for (h, &v) in values.iter().enumerate() {
                                self.record(h, v);
                            }
                        }
                    }
                }
            }
            if !self.satisfied(g) && !self.capped[g] {
                self.cap(g)?;
            }
            if !self.satisfied(g) {
                return Err(ProtectError::Unprotectable {
                    table: self.table_of(g),
                    figure: self.coord_of(g),
                });
            }
        }
        Ok(())
    }

    /// Widens the shown intervals with the programme's extreme points and
    /// marks those that match its outer bounds, for `check`; only where the
    /// population is small enough for two solves per hidden figure.
    pub(super) fn finish_intervals(&mut self) {
        let cells: usize = self
            .group
            .tables
            .iter()
            .filter(|t| t.active)
            .map(|t| t.lattice.cells())
            .sum();
        let hidden = self
            .status
            .iter()
            .filter(|s| **s != Status::Published)
            .count();
        self.exact = vec![false; self.group.figures.len()];
        if cells.saturating_mul(hidden) > 20_000 {
            return;
        }
        let bounds: Vec<(i128, i128)> = (0..self.group.figures.len())
            .map(|h| self.bounds(h))
            .collect();
        for g in 0..self.group.figures.len() {
            if self.status[g] == Status::Published {
                continue;
            }
            let mut outer = [None, None];
            for (i, goal) in [Goal::Max(g), Goal::Min(g)].into_iter().enumerate() {
                match lp::solve(self.group, &bounds, goal, false) {
                    Found::Point {
                        objective, cells, ..
                    } => {
                        outer[i] = Some(if i == 0 {
                            (objective + 1e-6).floor()
                        } else {
                            (objective - 1e-6).ceil()
                        } as i128);
                        if let Some(values) = self.group.verify(&cells, |h| bounds[h]) {
                            for (h, &v) in values.iter().enumerate() {
                                self.record(h, v);
                            }
                        }
                    }
                    Found::Unbounded if i == 0 => outer[i] = Some(UNBOUNDED),
                    _ => {}
                }
            }
            let x = self.value(g);
            let high = x.saturating_add(self.up[g]);
            let high = if high >= i128::from(i32::MAX) {
                UNBOUNDED
            } else {
                high
            };
            self.exact[g] = outer == [Some(high), Some(x - self.down[g])];
        }
    }
}

impl Search<'_> {
    /// The first table (in group order) with figure `g`, preferring active ones.
    pub(super) fn table_of(&self, g: usize) -> usize {
        let places = &self.group.figures[g].places;
        places
            .iter()
            .find(|(t, _)| self.group.tables[*t].active)
            .or(places.first())
            .map_or(0, |(t, _)| *t)
    }

    /// Coordinate of figure `g` in [`Self::table_of`].
    pub(super) fn coord_of(&self, g: usize) -> Coord {
        let t = self.table_of(g);
        self.group.figures[g]
            .places
            .iter()
            .find(|(u, _)| *u == t)
            .map(|&(_, f)| self.group.tables[t].lattice.coord(f))
            .unwrap_or_default()
    }

    /// The decided pattern of table `t`.
    pub(super) fn pattern(&self, t: usize) -> Pattern {
        let table = &self.group.tables[t];
        let mut statuses = Vec::with_capacity(table.global.len());
        let mut hidden = Vec::with_capacity(table.global.len());
        for &g in &table.global {
            let (status, reason) = match self.status[g] {
                Status::Published => (FigureStatus::Published(self.group.figures[g].value), None),
                Status::Primary => (FigureStatus::Primary, Some(Reason::Primary)),
                Status::Secondary { protects, stuck } => {
                    let here = self.group.figures[protects]
                        .places
                        .iter()
                        .any(|(u, _)| *u == t);
                    let reason = match (here, stuck) {
                        (false, _) => Reason::Linked,
                        (true, true) => Reason::Secondary,
                        (true, false) => Reason::Interval,
                    };
                    (FigureStatus::Secondary, Some(reason))
                }
            };
            statuses.push(status);
            hidden.push(reason.map(|reason| self.hidden_info(g, reason)));
        }
        Pattern {
            lattice: table.lattice.clone(),
            statuses,
            hidden,
            order: table.lattice.canonical_order(),
        }
    }

    fn hidden_info(&self, g: usize, reason: Reason) -> Hidden {
        let x = self.value(g);
        let low = u64::try_from((x - self.down[g]).max(0)).unwrap_or(0);
        let high = x.saturating_add(self.up[g]);
        // Whole-number witnesses stop at 2³¹ − 1 (the solver's integer
        // range): a reader who cannot rule out that cannot rule out more.
        let high = if high >= i128::from(i32::MAX) {
            None
        } else {
            u64::try_from(high).ok()
        };
        Hidden {
            reason,
            low,
            high,
            exact: self.exact[g],
        }
    }
}
