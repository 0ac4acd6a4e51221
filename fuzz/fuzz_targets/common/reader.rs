//! A bounds-aware attacker for one small table, apart from the protection
//! code: whole counts, every hidden one at least 1, at most N−1 when marked
//! "fewer than N" and at least N when "not shown". A depth-first search over
//! whole-number tables (values a published sum forces are not branched on)
//! finds how far each hidden figure can move.

use ocaq::stats::disclosure::Rule;
use ocaq::stats::{FigureStatus, Pattern};

use super::all_coords;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Known {
    Value(i64),
    Small,
    NotShown,
}

struct Reader {
    n: i64,
    truth: Vec<i64>,
    known: Vec<Known>,
    sets: Vec<Vec<usize>>,
    value: Vec<i64>,
    member: Vec<Vec<usize>>,
}

fn cell_indices(sizes: &[usize], coord: &[Option<usize>]) -> Vec<usize> {
    let mut out = vec![0usize];
    for (&n, c) in sizes.iter().zip(coord) {
        let choices: Vec<usize> = match c {
            Some(v) => vec![*v],
            None => (0..n).collect(),
        };
        out = out
            .iter()
            .flat_map(|&p| choices.iter().map(move |&v| p * n + v))
            .collect();
    }
    out
}

impl Reader {
    fn new(
        sizes: &[usize],
        cells: &[u64],
        n: u64,
        status: impl Fn(&[Option<usize>], i64) -> Known,
    ) -> Reader {
        let truth: Vec<i64> = cells.iter().map(|&c| c as i64).collect();
        let (mut known, mut sets, mut value) = (Vec::new(), Vec::new(), Vec::new());
        for coord in all_coords(sizes) {
            let vars = cell_indices(sizes, &coord);
            let v: i64 = vars.iter().map(|&i| truth[i]).sum();
            known.push(status(&coord, v));
            sets.push(vars);
            value.push(v);
        }
        let mut member = vec![Vec::new(); truth.len()];
        for (g, vars) in sets.iter().enumerate() {
            for &v in vars {
                member[v].push(g);
            }
        }
        Reader {
            n: n as i64,
            truth,
            known,
            sets,
            value,
            member,
        }
    }

    fn limits(&self, g: usize, target: (usize, i64, i64)) -> (i64, i64) {
        let (lo, hi) = match self.known[g] {
            Known::Value(v) => (v, v),
            Known::Small => (1, self.n - 1),
            Known::NotShown => (self.n, i64::MAX),
        };
        if g == target.0 {
            (lo.max(target.1), hi.min(target.2))
        } else {
            (lo, hi)
        }
    }

    fn reach(&self, g: usize, cap: i64) -> Option<(i64, i64)> {
        let x = self.value[g];
        let mut up = 0;
        while up < cap && self.exists((g, x + up + 1, i64::MAX))? {
            up += 1;
        }
        let mut down = 0;
        while down < cap && self.exists((g, i64::MIN, x - down - 1))? {
            down += 1;
        }
        Some((up, down))
    }

    fn exists(&self, target: (usize, i64, i64)) -> Option<bool> {
        let mut s = Dfs {
            r: self,
            target,
            assigned: vec![None; self.truth.len()],
            sum: vec![0; self.sets.len()],
            open: self.sets.iter().map(Vec::len).collect(),
            steps: 0,
        };
        s.run()
    }
}

struct Dfs<'a> {
    r: &'a Reader,
    target: (usize, i64, i64),
    assigned: Vec<Option<i64>>,
    sum: Vec<i64>,
    open: Vec<usize>,
    steps: u64,
}

impl Dfs<'_> {
    fn domain(&self, v: usize) -> (i64, i64) {
        let (mut lo, mut hi) = (0, self.r.truth[v] + 40);
        for &g in &self.r.member[v] {
            let (a, b) = self.r.limits(g, self.target);
            if self.r.sets[g].len() == 1 {
                lo = lo.max(a);
                hi = hi.min(b);
            }
            if let Known::Value(x) = self.r.known[g] {
                hi = hi.min(x);
            }
        }
        (lo, hi)
    }

    fn set(&mut self, v: usize, x: Option<i64>) {
        let old = self.assigned[v];
        self.assigned[v] = x;
        for &g in &self.r.member[v] {
            match (old, x) {
                (None, Some(x)) => {
                    self.sum[g] += x;
                    self.open[g] -= 1;
                }
                (Some(o), None) => {
                    self.sum[g] -= o;
                    self.open[g] += 1;
                }
                _ => {}
            }
        }
    }

    fn ok(&self, v: usize) -> bool {
        self.r.member[v].iter().all(|&g| {
            let (lo, hi) = self.r.limits(g, self.target);
            self.sum[g] <= hi && (self.open[g] > 0 || self.sum[g] >= lo)
        })
    }

    fn forced(&self) -> Option<(usize, i64)> {
        (0..self.r.sets.len()).find_map(|g| {
            let (lo, hi) = self.r.limits(g, self.target);
            if lo != hi || self.open[g] != 1 {
                return None;
            }
            let v = self.r.sets[g]
                .iter()
                .copied()
                .find(|&v| self.assigned[v].is_none())?;
            Some((v, lo - self.sum[g]))
        })
    }

    fn run(&mut self) -> Option<bool> {
        self.steps += 1;
        if self.steps > 2_000_000 {
            return None;
        }
        let (v, choices): (usize, Vec<i64>) = match self.forced() {
            Some((v, x)) => {
                let (lo, hi) = self.domain(v);
                if x < lo || x > hi {
                    return Some(false);
                }
                (v, vec![x])
            }
            None => match self.assigned.iter().position(Option::is_none) {
                None => return Some(true),
                Some(v) => {
                    let (lo, hi) = self.domain(v);
                    (v, (lo..=hi).collect())
                }
            },
        };
        for x in choices {
            self.set(v, Some(x));
            if self.ok(v) && self.run()? {
                return Some(true);
            }
            self.set(v, None);
        }
        Some(false)
    }
}

fn all_hidden(n: u64) -> impl Fn(&[Option<usize>], i64) -> Known {
    move |_, v| match v {
        0 => Known::Value(0),
        v if v < n as i64 => Known::Small,
        _ => Known::NotShown,
    }
}

/// True if, with every non-zero figure hidden, some figure cannot move at all.
pub fn marks_pin_something(sizes: &[usize], cells: &[u64], n: u64) -> bool {
    let r = Reader::new(sizes, cells, n, all_hidden(n));
    (0..r.known.len())
        .any(|g| r.known[g] != Known::Value(r.value[g]) && r.reach(g, 1) == Some((0, 0)))
}

/// Every hidden figure moves at least min(P, what hiding everything allows), and at least 1.
pub fn check_bounds(sizes: &[usize], cells: &[u64], pattern: &Pattern, rule: Rule) {
    let shown = |c: &[Option<usize>], _| match pattern.status(c) {
        Some(FigureStatus::Published(v)) => Known::Value(v as i64),
        Some(FigureStatus::Primary) => Known::Small,
        _ => Known::NotShown,
    };
    let after = Reader::new(sizes, cells, rule.threshold, shown);
    let before = Reader::new(sizes, cells, rule.threshold, all_hidden(rule.threshold));
    let p = rule.protection as i64;
    for g in 0..after.known.len() {
        if matches!(after.known[g], Known::Value(_)) {
            continue;
        }
        let (Some((up, down)), Some((up0, down0))) = (after.reach(g, p), before.reach(g, p)) else {
            continue;
        };
        let need = p.min(up0 + down0).max(1);
        assert!(
            up + down >= need,
            "hidden figure {g} moves {down} down, {up} up; needs {need}: sizes {sizes:?} cells {cells:?} rule {rule:?}"
        );
    }
}
