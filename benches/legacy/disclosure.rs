#![allow(dead_code)]
//! The disclosure rule as it was before issue 13 (linear equations only, one
//! table at a time), kept verbatim for `benches/disclosure.rs` to compare
//! against. Not part of the library; nothing else uses it.
//!
//! Disclosure control: which figures of a table may be published.
//!
//! A table with dimensions D₁…Dₖ (n₁…nₖ values each, in the order of
//! `labels`) is a full cross-classification: one *cell* per combination of
//! values; a combination the file does not list is a structural zero. The
//! *figures* of a table are every cell and every marginal total over every
//! subset of the dimensions (the grand total, each one-dimensional breakdown,
//! each two-way total of a three-way table, …): ∏(nᵢ + 1) figures in all.
//! Pages may show any of them (a `stats` block, a `by:` breakdown, an inline
//! `{{stat …}}`), so one suppression pattern is decided per table over all of
//! its figures, and every view reads from that pattern.
//!
//! **Rule** (N = `suppress_below`, 10 unless the file says otherwise, never
//! under 5):
//!
//! 1. *Primary suppression.* Every figure, cell or total, whose value is from
//!    1 to N−1 is suppressed. Zero is published as 0.
//! 2. *Secondary suppression.* A suppressed figure is *determined* when its
//!    value follows by linear equations from the published figures (each
//!    published cell is a known value, each published total a known sum of
//!    its cells). This is decided by Gaussian elimination in exact rational
//!    arithmetic, never floating point. While some suppressed figure is
//!    determined, one more figure is suppressed:
//!    - F is the first determined figure in the *canonical order*: cells
//!      first, then totals with fewer and fewer dimensions fixed, the grand
//!      total last; within that, by the dimensions in the table's order and
//!      their values in the order of `labels`, a dimension's total after its
//!      values.
//!    - The complement is a published figure with a non-zero value. The
//!      candidates fall in three groups: (a) cells in the same row or
//!      column as a suppressed cell, that is, sharing all but one dimension
//!      value with it, and, when F is a total, the cells F adds up; (b) the
//!      totals; (c) every other cell.
//!    - The complement is the smallest candidate of (a) whose suppression
//!      alone makes F undetermined; if there is none, the smallest such of
//!      (b), then of (c). If no single candidate frees F (it is pinned by two
//!      independent equations, say its row and its column), it is the
//!      smallest candidate of (a), or if (a) is empty of (b), or else of (c),
//!      and the loop goes on. "Smallest" means the lowest value, ties broken
//!      by the canonical order.
//!
//!    Each round suppresses one more figure, and suppressing a figure never
//!    makes another one determined, so the loop ends: at the latest when every
//!    non-zero figure is suppressed, which leaves nothing determined.
//! 3. *Fail-safe.* Should the exact arithmetic overflow (not seen for tables
//!    of the sizes allowed), every non-zero figure of the table is suppressed.
//!
//! Limits of the guarantee: the check is on linear equations, as above. Counts
//! are never negative, and every suppressed figure is at least 1, so over the
//! real numbers each suppressed figure can still move both ways; how far (a
//! protection interval) is not measured. Each table is protected on its own:
//! two tables that count the same children can give away, side by side, what
//! each hides.

use std::cmp::Ordering;
use std::fmt;

/// What may be printed for one figure of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum FigureStatus {
    /// The value may be printed.
    Published(u64),
    /// Hidden because the value itself is small (1 to N−1).
    Primary,
    /// Hidden so that a small value cannot be worked out by subtraction.
    Secondary,
}

impl FigureStatus {
    /// True unless the figure is published.
    pub(crate) fn is_suppressed(self) -> bool {
        !matches!(self, FigureStatus::Published(_))
    }
}

/// Why a table cannot be protected as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ShapeError {
    /// The number of cells is not the product of the dimension sizes.
    CellCount {
        /// Product of the dimension sizes.
        expected: usize,
        /// Cells supplied.
        found: usize,
    },
    /// The table has more figures than [`MAX_FIGURES`].
    TooLarge {
        /// ∏(nᵢ + 1).
        figures: usize,
    },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::CellCount { expected, found } => {
                write!(f, "{found} cells given for a table of {expected}")
            }
            ShapeError::TooLarge { figures } => write!(
                f,
                "the table has {figures} figures (cells and totals); at most {MAX_FIGURES} can be checked"
            ),
        }
    }
}

/// Largest ∏(nᵢ + 1) checked; bigger tables take too long to protect exactly.
pub(crate) const MAX_FIGURES: usize = 2048;

/// A figure's position: per dimension, a value index, or `None` for its total.
pub(crate) type Coord = Vec<Option<usize>>;

/// The decided status of every figure of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Pattern {
    sizes: Vec<usize>,
    statuses: Vec<FigureStatus>,
    order: Vec<usize>,
}

impl Pattern {
    /// Number of values of each dimension.
    pub(crate) fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Status of the figure at `coord`; `None` if `coord` is outside the table.
    pub(crate) fn status(&self, coord: &[Option<usize>]) -> Option<FigureStatus> {
        figure_index(&self.sizes, coord).and_then(|i| self.statuses.get(i).copied())
    }

    /// Every figure with its status, in the canonical order (cells first).
    pub(crate) fn figures(&self) -> impl Iterator<Item = (Coord, FigureStatus)> + '_ {
        self.order.iter().filter_map(move |&i| {
            let status = *self.statuses.get(i)?;
            Some((figure_coord(&self.sizes, i), status))
        })
    }
}

/// Decides which figures of a table may be published; see the module docs.
///
/// `cells` are in row-major order over `sizes` (the last dimension varies
/// fastest); `threshold` is N: values 1..N−1 are never published.
pub(crate) fn protect(
    sizes: &[usize],
    cells: &[u64],
    threshold: u64,
) -> Result<Pattern, ShapeError> {
    let lattice = Lattice::new(sizes, cells)?;
    let mut suppressed: Vec<Option<FigureStatus>> = lattice
        .value
        .iter()
        .map(|&v| (v > 0 && v < threshold).then_some(FigureStatus::Primary))
        .collect();
    if secondary(&lattice, &mut suppressed).is_none() {
        fail_safe(&lattice, &mut suppressed);
    }
    let statuses = suppressed
        .iter()
        .zip(&lattice.value)
        .map(|(s, &v)| s.unwrap_or(FigureStatus::Published(v)))
        .collect();
    Ok(Pattern {
        sizes: sizes.to_vec(),
        statuses,
        order: lattice.order,
    })
}

/// Suppresses every non-zero figure not already suppressed.
fn fail_safe(lattice: &Lattice, suppressed: &mut [Option<FigureStatus>]) {
    for (s, &v) in suppressed.iter_mut().zip(&lattice.value) {
        if s.is_none() && v > 0 {
            *s = Some(FigureStatus::Secondary);
        }
    }
}

/// Runs the secondary-suppression loop; `None` if the arithmetic overflowed.
fn secondary(lattice: &Lattice, suppressed: &mut [Option<FigureStatus>]) -> Option<()> {
    // Each round suppresses one more figure, so this many rounds always suffice.
    for _ in 0..=lattice.value.len() {
        let is_suppressed: Vec<bool> = suppressed.iter().map(Option::is_some).collect();
        let system = System::build(lattice, &is_suppressed)?;
        let Some(target) = system.first_determined() else {
            return Some(());
        };
        let complement = choose_complement(lattice, &is_suppressed, &system, target)?;
        let slot = suppressed.get_mut(complement)?;
        *slot = Some(FigureStatus::Secondary);
    }
    None
}

/// Picks the figure to suppress so that determined figure `target` (an index
/// into `system.targets`) can become undetermined, per the module's rule.
fn choose_complement(
    lattice: &Lattice,
    suppressed: &[bool],
    system: &System,
    target: usize,
) -> Option<usize> {
    let f = *system.targets.get(target)?;
    let f_cells = lattice.cells_in.get(f)?;
    let suppressed_cells: Vec<&Coord> = lattice
        .cell_figure
        .iter()
        .filter(|&&g| suppressed.get(g).copied().unwrap_or(false))
        .filter_map(|&g| lattice.coords.get(g))
        .collect();
    let mut same_line = Vec::new();
    let mut totals = Vec::new();
    let mut others = Vec::new();
    for (g, coord) in lattice.coords.iter().enumerate() {
        if suppressed.get(g).copied().unwrap_or(true) || lattice.value.get(g) == Some(&0) {
            continue;
        }
        if !lattice.is_cell(g) {
            totals.push(g);
        } else if suppressed_cells.iter().any(|s| differ_in_one(s, coord))
            || lattice
                .cells_in
                .get(g)
                .and_then(|c| c.first())
                .is_some_and(|c| f_cells.binary_search(c).is_ok())
        {
            same_line.push(g);
        } else {
            others.push(g);
        }
    }
    let by_size = |a: &usize, b: &usize| lattice.smaller(*a, *b);
    for group in [&mut same_line, &mut totals, &mut others] {
        group.sort_by(by_size);
    }
    let effective = system.effective(lattice, target)?;
    for group in [&same_line, &totals, &others] {
        if let Some(&g) = group.iter().find(|&&g| effective.contains(&g)) {
            return Some(g);
        }
    }
    // A published non-zero figure always exists here: a determined figure is a
    // combination of published ones, and its own value is not zero.
    same_line
        .first()
        .or(totals.first())
        .or(others.first())
        .copied()
}

/// True if two cells differ in exactly one dimension value.
fn differ_in_one(a: &[Option<usize>], b: &[Option<usize>]) -> bool {
    a.iter().zip(b).filter(|(x, y)| x != y).count() == 1
}

/// Index of a figure: mixed radix over (nᵢ + 1), where nᵢ stands for the total.
fn figure_index(sizes: &[usize], coord: &[Option<usize>]) -> Option<usize> {
    if coord.len() != sizes.len() {
        return None;
    }
    let mut index = 0usize;
    for (&n, c) in sizes.iter().zip(coord) {
        let digit = match c {
            Some(v) if *v < n => *v,
            Some(_) => return None,
            None => n,
        };
        index = index.checked_mul(n.checked_add(1)?)?.checked_add(digit)?;
    }
    Some(index)
}

/// Inverse of [`figure_index`].
fn figure_coord(sizes: &[usize], mut index: usize) -> Coord {
    let mut coord = vec![None; sizes.len()];
    for (slot, &n) in coord.iter_mut().zip(sizes).rev() {
        let radix = n + 1;
        let digit = index % radix;
        index /= radix;
        *slot = (digit < n).then_some(digit);
    }
    coord
}

/// The figures of one table, with their values and cells.
struct Lattice {
    /// Coordinates of each figure, by figure index.
    coords: Vec<Coord>,
    /// Value of each figure.
    value: Vec<u64>,
    /// Cell indices (row-major) that make up each figure.
    cells_in: Vec<Vec<usize>>,
    /// Figure index of each cell.
    cell_figure: Vec<usize>,
    /// Position of each figure in the canonical order.
    rank: Vec<usize>,
    /// Figure indices in the canonical order.
    order: Vec<usize>,
}

impl Lattice {
    fn new(sizes: &[usize], cells: &[u64]) -> Result<Lattice, ShapeError> {
        let too_large = ShapeError::TooLarge {
            figures: usize::MAX,
        };
        let mut figures = 1usize;
        let mut n_cells = 1usize;
        for &n in sizes {
            figures = figures
                .checked_mul(n.checked_add(1).ok_or(too_large.clone())?)
                .ok_or(too_large.clone())?;
            n_cells = n_cells.checked_mul(n).ok_or(too_large.clone())?;
        }
        if figures > MAX_FIGURES {
            return Err(ShapeError::TooLarge { figures });
        }
        if cells.len() != n_cells {
            return Err(ShapeError::CellCount {
                expected: n_cells,
                found: cells.len(),
            });
        }
        let coords: Vec<Coord> = (0..figures).map(|i| figure_coord(sizes, i)).collect();
        let cell_coords: Vec<Vec<usize>> = (0..n_cells)
            .map(|mut i| {
                let mut c = vec![0; sizes.len()];
                for (slot, &n) in c.iter_mut().zip(sizes).rev() {
                    *slot = i % n;
                    i /= n;
                }
                c
            })
            .collect();
        let mut cells_in = vec![Vec::new(); figures];
        let mut value = vec![0u64; figures];
        let mut cell_figure = vec![0usize; n_cells];
        for (f, coord) in coords.iter().enumerate() {
            for (c, cc) in cell_coords.iter().enumerate() {
                if coord.iter().zip(cc).all(|(x, y)| x.is_none_or(|x| x == *y)) {
                    cells_in[f].push(c);
                    // Counts are bounded by the model; saturating keeps this total.
                    value[f] = value[f].saturating_add(cells.get(c).copied().unwrap_or(0));
                    if coord.iter().all(Option::is_some) {
                        cell_figure[c] = f;
                    }
                }
            }
        }
        let mut order: Vec<usize> = (0..figures).collect();
        order.sort_by_key(|&f| {
            let coord = &coords[f];
            let free = coord.iter().filter(|c| c.is_none()).count();
            let digits: Vec<usize> = coord
                .iter()
                .zip(sizes)
                .map(|(c, &n)| c.unwrap_or(n))
                .collect();
            (free, digits)
        });
        let mut rank = vec![0usize; figures];
        for (position, &f) in order.iter().enumerate() {
            rank[f] = position;
        }
        Ok(Lattice {
            coords,
            value,
            cells_in,
            cell_figure,
            rank,
            order,
        })
    }

    fn is_cell(&self, f: usize) -> bool {
        self.coords
            .get(f)
            .is_some_and(|c| c.iter().all(Option::is_some))
    }

    /// Order for "smallest": value, then canonical order.
    fn smaller(&self, a: usize, b: usize) -> Ordering {
        let key = |f: usize| (self.value.get(f), self.rank.get(f));
        key(a).cmp(&key(b))
    }
}

/// An exact rational with overflow detection; the denominator stays positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Q {
    num: i128,
    den: i128,
}

impl Q {
    const ZERO: Q = Q { num: 0, den: 1 };
    const ONE: Q = Q { num: 1, den: 1 };

    fn new(num: i128, den: i128) -> Option<Q> {
        if den == 0 {
            return None;
        }
        let g = gcd(num, den);
        let (mut num, mut den) = (num.checked_div(g)?, den.checked_div(g)?);
        if den < 0 {
            num = num.checked_neg()?;
            den = den.checked_neg()?;
        }
        Some(Q { num, den })
    }

    fn is_zero(self) -> bool {
        self.num == 0
    }

    fn mul(self, o: Q) -> Option<Q> {
        // Most entries stay small integers; skip the gcds for them.
        if self.den == 1 && o.den == 1 {
            return Some(Q {
                num: self.num.checked_mul(o.num)?,
                den: 1,
            });
        }
        let g1 = gcd(self.num, o.den);
        let g2 = gcd(o.num, self.den);
        let num = (self.num / g1).checked_mul(o.num / g2)?;
        let den = (self.den / g2).checked_mul(o.den / g1)?;
        Q::new(num, den)
    }

    fn div(self, o: Q) -> Option<Q> {
        if o.is_zero() {
            return None;
        }
        if o == Q::ONE {
            return Some(self);
        }
        self.mul(Q::new(o.den, o.num)?)
    }

    fn sub(self, o: Q) -> Option<Q> {
        if o.is_zero() {
            return Some(self);
        }
        if self.den == 1 && o.den == 1 {
            return Some(Q {
                num: self.num.checked_sub(o.num)?,
                den: 1,
            });
        }
        let g = gcd(self.den, o.den);
        let left = self.num.checked_mul(o.den / g)?;
        let right = o.num.checked_mul(self.den / g)?;
        Q::new(left.checked_sub(right)?, self.den.checked_mul(o.den / g)?)
    }
}

/// Greatest common divisor, never 0 (so dividing by it is always defined).
fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(1).max(1)
}

/// The equations a reader has, reduced to answer which suppressed figures
/// they determine and which single extra suppression would free one.
///
/// Unknowns are the suppressed cells; each published total is one equation
/// (its suppressed cells sum to a known number). Published cells are known
/// values and drop out. The matrix has one row per unknown cell and one
/// column per published total, followed by one column per suppressed figure
/// (its indicator over the unknown cells); Gauss–Jordan elimination on the
/// total columns then tells, for each suppressed figure, whether it is a
/// combination of the totals (determined) and with which coefficients.
struct System {
    /// Figure indices of the published totals (the equation columns).
    totals: Vec<usize>,
    /// Figure indices of the suppressed figures, in canonical order.
    targets: Vec<usize>,
    /// Reduced matrix, `unknowns × (totals + targets)`.
    rows: Vec<Vec<Q>>,
    /// Pivot column (a total) of each of the first `rank` rows.
    pivots: Vec<usize>,
}

impl System {
    fn build(lattice: &Lattice, suppressed: &[bool]) -> Option<System> {
        let is_sup = |f: usize| suppressed.get(f).copied().unwrap_or(false);
        let unknown_cells: Vec<usize> = (0..lattice.cell_figure.len())
            .filter(|&c| lattice.cell_figure.get(c).is_some_and(|&f| is_sup(f)))
            .collect();
        let mut position = vec![None; lattice.cell_figure.len()];
        for (p, &c) in unknown_cells.iter().enumerate() {
            *position.get_mut(c)? = Some(p);
        }
        let totals: Vec<usize> = (0..lattice.coords.len())
            .filter(|&f| !lattice.is_cell(f) && !is_sup(f))
            .collect();
        let targets: Vec<usize> = lattice
            .order
            .iter()
            .copied()
            .filter(|&f| is_sup(f))
            .collect();
        let width = totals.len() + targets.len();
        let mut rows = vec![vec![Q::ZERO; width]; unknown_cells.len()];
        for (col, &f) in totals.iter().chain(&targets).enumerate() {
            for &c in lattice.cells_in.get(f)? {
                if let Some(p) = position.get(c).copied().flatten() {
                    *rows.get_mut(p)?.get_mut(col)? = Q::ONE;
                }
            }
        }
        let mut pivots = Vec::new();
        for col in 0..totals.len() {
            let r = pivots.len();
            let Some(found) = (r..rows.len()).find(|&i| !rows[i][col].is_zero()) else {
                continue;
            };
            rows.swap(r, found);
            let pivot = rows[r][col];
            for x in rows[r].iter_mut() {
                *x = x.div(pivot)?;
            }
            let pivot_row = rows[r].clone();
            for (i, row) in rows.iter_mut().enumerate() {
                let factor = row[col];
                if i == r || factor.is_zero() {
                    continue;
                }
                for (x, &p) in row.iter_mut().zip(&pivot_row) {
                    if !p.is_zero() {
                        *x = x.sub(factor.mul(p)?)?;
                    }
                }
            }
            pivots.push(col);
        }
        Some(System {
            totals,
            targets,
            rows,
            pivots,
        })
    }

    /// Index into `targets` of the first suppressed figure the equations fix.
    fn first_determined(&self) -> Option<usize> {
        let base = self.totals.len();
        (0..self.targets.len()).find(|&t| {
            self.rows
                .iter()
                .skip(self.pivots.len())
                .all(|row| row.get(base + t).is_none_or(|q| q.is_zero()))
        })
    }

    /// Published figures whose suppression alone would free determined target `t`.
    ///
    /// The published figures span the knowledge a reader has. Suppressing one
    /// of them, g, changes that knowledge only if g is not a combination of the
    /// others (a "coloop"); the target is then freed exactly when g's
    /// coefficient in the target's representation is non-zero (for a coloop it
    /// is the same in every representation).
    fn effective(&self, lattice: &Lattice, t: usize) -> Option<Vec<usize>> {
        let target = *self.targets.get(t)?;
        let base = self.totals.len();
        let rank = self.pivots.len();
        let mut is_pivot = vec![None; base];
        for (r, &col) in self.pivots.iter().enumerate() {
            *is_pivot.get_mut(col)? = Some(r);
        }
        let free: Vec<usize> = (0..base).filter(|&c| is_pivot[c].is_none()).collect();
        // Coefficient of each published total in the target's representation.
        let mut coefficient = vec![Q::ZERO; base];
        for (r, &col) in self.pivots.iter().enumerate() {
            coefficient[col] = *self.rows.get(r)?.get(base + t)?;
        }
        let mut effective = Vec::new();
        for (col, &g) in self.totals.iter().enumerate() {
            if let Some(r) = is_pivot[col] {
                let coloop = free.iter().all(|&j| self.rows[r][j].is_zero());
                if coloop && !coefficient[col].is_zero() {
                    effective.push(g);
                }
            }
        }
        // Published cells: a cell's own unit equation is redundant exactly when
        // some relation among the totals' restrictions involves it.
        let target_cells = lattice.cells_in.get(target)?;
        for (c, &g) in lattice.cell_figure.iter().enumerate() {
            if self.targets.contains(&g) {
                continue;
            }
            let in_total = |col: usize| {
                self.totals
                    .get(col)
                    .and_then(|&h| lattice.cells_in.get(h))
                    .is_some_and(|cells| cells.binary_search(&c).is_ok())
            };
            let mut coloop = true;
            for &j in &free {
                let mut sum = if in_total(j) { Q::ONE } else { Q::ZERO };
                for r in 0..rank {
                    if in_total(self.pivots[r]) {
                        sum = sum.sub(self.rows[r][j])?;
                    }
                }
                if !sum.is_zero() {
                    coloop = false;
                    break;
                }
            }
            if !coloop {
                continue;
            }
            let mut a = if target_cells.binary_search(&c).is_ok() {
                Q::ONE
            } else {
                Q::ZERO
            };
            for (col, q) in coefficient.iter().enumerate() {
                if !q.is_zero() && in_total(col) {
                    a = a.sub(*q)?;
                }
            }
            if !a.is_zero() {
                effective.push(g);
            }
        }
        Some(effective)
    }
}
