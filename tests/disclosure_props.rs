//! Property test of disclosure control, checked by a solver written here,
//! apart from the one the generator uses.
//!
//! For a random table the generator's suppression pattern is taken as given.
//! A reader knows every published figure: each is a linear equation on the
//! cells. This file computes, with its own exact rational arithmetic, a basis
//! of the null space of those equations (directions in which the cells can
//! move without changing any published figure), checks each basis vector
//! against every published equation, and then requires each suppressed figure
//! to change along at least one of them: two tables that publish exactly the
//! same figures then differ in that suppressed figure, so it is not pinned.
//!
//! Run with many cases while changing the rule: `PROPTEST_CASES=2000 cargo test --release --test disclosure_props`.

use ocaq::stats::disclosure::{protect, FigureStatus};
use proptest::prelude::*;

/// A fraction kept in lowest terms; any overflow fails the test loudly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Frac(i128, i128);

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.abs(), b.abs());
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

impl Frac {
    fn int(n: i128) -> Frac {
        Frac(n, 1)
    }
    fn norm(n: i128, d: i128) -> Frac {
        assert!(d != 0, "division by zero in the test solver");
        let g = gcd(n, d).max(1);
        let s = if d < 0 { -1 } else { 1 };
        Frac(s * n / g, s * d / g)
    }
    fn zero(self) -> bool {
        self.0 == 0
    }
    fn times(self, o: Frac) -> Frac {
        let n = self.0.checked_mul(o.0).expect("test solver overflow");
        let d = self.1.checked_mul(o.1).expect("test solver overflow");
        Frac::norm(n, d)
    }
    fn minus(self, o: Frac) -> Frac {
        let n = self
            .0
            .checked_mul(o.1)
            .and_then(|a| o.0.checked_mul(self.1).and_then(|b| a.checked_sub(b)))
            .expect("test solver overflow");
        let d = self.1.checked_mul(o.1).expect("test solver overflow");
        Frac::norm(n, d)
    }
    fn over(self, o: Frac) -> Frac {
        self.times(Frac::norm(o.1, o.0))
    }
}

/// Every figure of a table: per dimension a value or `None` for "all".
fn all_coords(sizes: &[usize]) -> Vec<Vec<Option<usize>>> {
    let mut out: Vec<Vec<Option<usize>>> = vec![vec![]];
    for &n in sizes {
        let mut next = Vec::new();
        for prefix in &out {
            for choice in (0..n).map(Some).chain([None]) {
                let mut c = prefix.clone();
                c.push(choice);
                next.push(c);
            }
        }
        out = next;
    }
    out
}

/// Every cell, as full coordinates, in row-major order (last dimension fastest).
fn all_cells(sizes: &[usize]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = vec![vec![]];
    for &n in sizes {
        let mut next = Vec::new();
        for prefix in &out {
            for v in 0..n {
                let mut c = prefix.clone();
                c.push(v);
                next.push(c);
            }
        }
        out = next;
    }
    out
}

/// Which cells a figure adds up (1 for each cell it covers).
fn indicator(coord: &[Option<usize>], cells: &[Vec<usize>]) -> Vec<i128> {
    cells
        .iter()
        .map(|cell| {
            let inside = coord
                .iter()
                .zip(cell)
                .all(|(c, v)| c.is_none_or(|c| c == *v));
            i128::from(inside)
        })
        .collect()
}

/// A basis of { z : a · z = 0 for every row a }, by Gauss–Jordan elimination.
fn null_space(rows: &[Vec<i128>], n: usize) -> Vec<Vec<Frac>> {
    let mut m: Vec<Vec<Frac>> = rows
        .iter()
        .map(|r| r.iter().map(|&x| Frac::int(x)).collect())
        .collect();
    let mut pivot_cols = Vec::new();
    let mut r = 0;
    for col in 0..n {
        let Some(p) = (r..m.len()).find(|&i| !m[i][col].zero()) else {
            continue;
        };
        m.swap(r, p);
        let pv = m[r][col];
        for x in m[r].iter_mut() {
            *x = x.over(pv);
        }
        let pivot_row = m[r].clone();
        for (i, row) in m.iter_mut().enumerate() {
            if i == r || row[col].zero() {
                continue;
            }
            let f = row[col];
            for (x, p) in row.iter_mut().zip(&pivot_row) {
                if !p.zero() {
                    *x = x.minus(f.times(*p));
                }
            }
        }
        pivot_cols.push(col);
        r += 1;
    }
    let mut basis = Vec::new();
    for free in (0..n).filter(|c| !pivot_cols.contains(c)) {
        let mut z = vec![Frac::int(0); n];
        z[free] = Frac::int(1);
        for (i, &pc) in pivot_cols.iter().enumerate() {
            z[pc] = Frac::int(0).minus(m[i][free]);
        }
        basis.push(z);
    }
    basis
}

fn dot(a: &[i128], z: &[Frac]) -> Frac {
    a.iter()
        .zip(z)
        .filter(|(x, _)| **x != 0)
        .fold(Frac::int(0), |acc, (&x, &y)| {
            acc.minus(Frac::int(-x).times(y))
        })
}

/// A table: dimension sizes, counts (many of them small) and a threshold.
fn table() -> impl Strategy<Value = (Vec<usize>, Vec<u64>, u64)> {
    prop::collection::vec(1usize..=5, 1..=3).prop_flat_map(|sizes| {
        let n: usize = sizes.iter().product();
        let count = prop_oneof![3 => 0u64..10, 2 => 10u64..500];
        (Just(sizes), prop::collection::vec(count, n), 5u64..=15)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn nothing_suppressed_can_be_worked_out((sizes, counts, threshold) in table()) {
        let pattern = protect(&sizes, &counts, threshold).expect("a valid table");
        let cells = all_cells(&sizes);
        let mut published_rows = Vec::new();
        let mut hidden = Vec::new();
        for coord in all_coords(&sizes) {
            let ind = indicator(&coord, &cells);
            let truth: u64 = ind.iter().zip(&counts).map(|(&i, &c)| if i == 1 { c } else { 0 }).sum();
            let status = pattern.status(&coord);
            match status {
                Some(FigureStatus::Published(v)) => {
                    prop_assert_eq!(v, truth, "published value of {:?} is not the true sum", coord);
                    prop_assert!(v == 0 || v >= threshold, "{:?} = {} is published but below {}", coord, v, threshold);
                    published_rows.push(ind);
                }
                Some(FigureStatus::Primary) => {
                    prop_assert!(truth > 0 && truth < threshold, "{:?} = {} marked primary", coord, truth);
                    hidden.push((coord, ind));
                }
                Some(FigureStatus::Secondary) => {
                    prop_assert!(truth >= threshold, "{:?} = {} marked secondary", coord, truth);
                    hidden.push((coord, ind));
                }
                None => prop_assert!(false, "no status for {:?}", coord),
            }
        }
        let basis = null_space(&published_rows, cells.len());
        for z in &basis {
            for row in &published_rows {
                prop_assert!(dot(row, z).zero(), "the test's null space is wrong");
            }
        }
        for (coord, ind) in &hidden {
            let free = basis.iter().any(|z| !dot(ind, z).zero());
            prop_assert!(
                free,
                "suppressed figure {:?} can be worked out from the published ones (sizes {:?}, counts {:?}, N {})",
                coord, sizes, counts, threshold
            );
        }
        let again = protect(&sizes, &counts, threshold).expect("a valid table");
        prop_assert_eq!(again, pattern, "the pattern is not deterministic");
    }
}

#[test]
fn the_solver_here_sees_a_total_give_away_a_cell() {
    // Publish both cells' total and one cell: the other is pinned.
    let cells = all_cells(&[2]);
    let rows = vec![indicator(&[None], &cells), indicator(&[Some(1)], &cells)];
    let basis = null_space(&rows, 2);
    let hidden = indicator(&[Some(0)], &cells);
    assert!(basis.iter().all(|z| dot(&hidden, z).zero()));
    // Publish the total only: each cell can move.
    let basis = null_space(&rows[..1], 2);
    assert!(basis.iter().any(|z| !dot(&hidden, z).zero()));
}
