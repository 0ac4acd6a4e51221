//! Checks shared by the `statistics` and `disclosure` targets: an independent
//! oracle for the disclosure rule, and a `StatsText` that marks every number
//! it formats so the rendered HTML can be searched for printed counts.
#![allow(dead_code)]

pub mod reader;

use ocaq::stats::{FigureStatus, Pattern, StatsText};
use std::collections::HashMap;

/// Wording stand-in: every formatted count is `⟦n⟧`, so a printed count can be
/// told apart from the digits of ids, attributes and "fewer than 10".
pub struct MarkedText;

impl StatsText for MarkedText {
    fn message(&self, key: &str, args: &[(&str, i64)]) -> String {
        let mut s = format!("{{{key}");
        for (k, v) in args {
            s.push_str(&format!(" {k}:{v}"));
        }
        s.push('}');
        s
    }
    fn number(&self, n: u64) -> String {
        format!("⟦{n}⟧")
    }
    fn date(&self, iso: &str) -> String {
        format!("<date {iso}>")
    }
}

/// Every count printed in `html` through [`MarkedText::number`].
pub fn printed_numbers(html: &str) -> Vec<u64> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('⟦') {
        rest = &rest[i + '⟦'.len_utf8()..];
        let end = rest.find('⟧').expect("unterminated number mark");
        out.push(rest[..end].parse().expect("number mark holds a number"));
        rest = &rest[end..];
    }
    out
}

/// All coordinates of a table of these sizes (cells and totals), `None` for a total.
pub fn all_coords(sizes: &[usize]) -> Vec<Vec<Option<usize>>> {
    let mut out = vec![Vec::new()];
    for &n in sizes {
        let mut next = Vec::new();
        for c in &out {
            for v in (0..n).map(Some).chain([None]) {
                let mut c2 = c.clone();
                c2.push(v);
                next.push(c2);
            }
        }
        out = next;
    }
    out
}

/// The cells a figure adds up.
pub fn cells_of(coord: &[Option<usize>], sizes: &[usize]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new()];
    for (c, &n) in coord.iter().zip(sizes) {
        let choices: Vec<usize> = match c {
            Some(v) => vec![*v],
            None => (0..n).collect(),
        };
        let mut next = Vec::new();
        for o in &out {
            for &v in &choices {
                let mut o2 = o.clone();
                o2.push(v);
                next.push(o2);
            }
        }
        out = next;
    }
    out
}

const P: u128 = (1u128 << 61) - 1;

fn inv(a: u128) -> u128 {
    // Fermat: a^(P-2) mod P.
    let (mut base, mut e, mut r) = (a % P, P - 2, 1u128);
    while e > 0 {
        if e & 1 == 1 {
            r = r * base % P;
        }
        base = base * base % P;
        e >>= 1;
    }
    r
}

/// A row-echelon basis over GF(P), P = 2^61 − 1 (a 0/1 system's rank over the
/// rationals and over this field agree except with negligible probability).
pub struct Basis {
    /// (pivot column, row normalised so that row[pivot] == 1)
    pub rows: Vec<(usize, Vec<u128>)>,
}

impl Basis {
    pub fn reduce(&self, mut v: Vec<u128>) -> Vec<u128> {
        for (p, row) in &self.rows {
            let f = v[*p];
            if f != 0 {
                for (x, r) in v.iter_mut().zip(row) {
                    *x = (*x + P - f * r % P) % P;
                }
            }
        }
        v
    }
    pub fn insert(&mut self, v: Vec<u128>) {
        let v = self.reduce(v);
        if let Some(p) = v.iter().position(|&x| x != 0) {
            let k = inv(v[p]);
            let v: Vec<u128> = v.iter().map(|x| x * k % P).collect();
            // Keep earlier rows reduced against the new pivot too.
            for (_, row) in &mut self.rows {
                let f = row[p];
                if f != 0 {
                    for (x, r) in row.iter_mut().zip(&v) {
                        *x = (*x + P - f * r % P) % P;
                    }
                }
            }
            self.rows.push((p, v));
        }
    }
}

/// Most suppressed cells the exact check is run for (it is quadratic in them).
pub const MAX_UNKNOWNS: usize = 160;

/// Checks a decided pattern against the rule, independently of how it was decided.
///
/// `values`: the true value of each figure, by coordinate, when known (the
/// `disclosure` target knows the cells; the `statistics` target does not).
/// Returns the number of suppressed figures (for the caller's own checks).
pub fn check_pattern(
    pattern: &Pattern,
    threshold: u64,
    values: Option<&HashMap<Vec<Option<usize>>, u64>>,
) -> usize {
    let sizes = pattern.sizes().to_vec();
    let coords = all_coords(&sizes);
    let listed: Vec<_> = pattern.figures().collect();
    assert_eq!(listed.len(), coords.len(), "figures() misses figures");
    let status: HashMap<Vec<Option<usize>>, FigureStatus> = listed.into_iter().collect();
    assert_eq!(status.len(), coords.len(), "figures() repeats a figure");

    // Unknowns: the suppressed cells.
    let mut unknown: HashMap<Vec<usize>, usize> = HashMap::new();
    for c in &coords {
        if c.iter().all(Option::is_some) && status[c].is_suppressed() {
            let cell: Vec<usize> = c.iter().map(|x| x.unwrap_or(0)).collect();
            let n = unknown.len();
            unknown.insert(cell, n);
        }
    }
    let mut suppressed = 0;
    for c in &coords {
        let st = status[c];
        assert_eq!(pattern.status(c), Some(st));
        let truth = values.map(|v| v[c]);
        match st {
            FigureStatus::Published(v) => {
                assert!(
                    v == 0 || v >= threshold,
                    "figure {c:?} published with value {v}, under {threshold}"
                );
                if let Some(t) = truth {
                    assert_eq!(v, t, "figure {c:?} published with a wrong value");
                }
                // A published total whose cells are all published is their sum.
                let cells = cells_of(c, &sizes);
                let mut sum = Some(0u64);
                for cell in &cells {
                    let cc: Vec<Option<usize>> = cell.iter().map(|&x| Some(x)).collect();
                    sum = match (sum, status[&cc]) {
                        (Some(s), FigureStatus::Published(x)) => s.checked_add(x),
                        _ => None,
                    };
                }
                if let Some(s) = sum {
                    assert_eq!(s, v, "published total {c:?} is not the sum of its cells");
                }
            }
            FigureStatus::Primary => {
                suppressed += 1;
                if let Some(t) = truth {
                    assert!(
                        (1..threshold).contains(&t),
                        "figure {c:?} marked primary with value {t}"
                    );
                }
            }
            FigureStatus::Secondary => {
                suppressed += 1;
                if let Some(t) = truth {
                    assert!(
                        t >= threshold,
                        "figure {c:?} marked secondary with value {t} (zero or small)"
                    );
                }
            }
        }
    }
    if let Some(values) = values {
        for c in &coords {
            let t = values[c];
            if (1..threshold).contains(&t) {
                assert_eq!(
                    status[c],
                    FigureStatus::Primary,
                    "small figure {c:?}={t} not primary"
                );
            }
        }
    }

    // Secondary suppression: no suppressed figure follows from the published ones.
    let k = unknown.len();
    if k == 0 || k > MAX_UNKNOWNS {
        return suppressed;
    }
    let vector = |c: &Vec<Option<usize>>| -> Vec<u128> {
        let mut v = vec![0u128; k];
        for cell in cells_of(c, &sizes) {
            if let Some(&i) = unknown.get(&cell) {
                v[i] = 1;
            }
        }
        v
    };
    let mut basis = Basis { rows: Vec::new() };
    for c in &coords {
        if !status[c].is_suppressed() {
            basis.insert(vector(c));
        }
    }
    for c in &coords {
        if status[c].is_suppressed() {
            let r = basis.reduce(vector(c));
            assert!(
                r.iter().any(|&x| x != 0),
                "suppressed figure {c:?} ({:?}) can be worked out from the published figures; sizes {sizes:?}, statuses {:?}",
                status[c],
                coords.iter().map(|c| (c.clone(), status[c])).collect::<Vec<_>>()
            );
        }
    }
    suppressed
}
