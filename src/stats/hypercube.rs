//! Hypercubes: the cheap way to show that a hidden figure can move.
//!
//! In the lattice of a table (each dimension's total as one more index), pick
//! for every dimension two indices, one of them the hidden figure's own. The
//! 2ᵈ figures at the corners, with a sign each, form a *hypercube*: per
//! dimension the two indices get opposite signs when both are values, and the
//! same sign when one of them is the total (a value and its total move
//! together). Adding δ × sign to every corner changes no line sum of the
//! table, so every figure off the corners stays as published. This is the
//! idea of τ-ARGUS's hypercube method (Repsilber; Giessing and Repsilber
//! 2002), used here as a witness: if every corner is hidden, and δ keeps each
//! corner within what a reader knows of it (≥ 1; ≤ N−1 when "fewer than N";
//! ≥ N when "not shown"), then the table shifted by δ is another table the
//! reader cannot tell from the true one, and the hidden figure takes a
//! different value in it.

use super::lattice::Lattice;

/// Calls `visit(corners, signs)` for every hypercube with figure `f` at a
/// corner (signs: `true` = moves with `f`); stops when `visit` returns false.
/// `corners` and `signs` are indexed by the bit mask of dimensions on which
/// the corner takes the other index, so corner 0 is `f` itself.
pub(crate) fn each_cube(
    lattice: &Lattice,
    f: usize,
    mut visit: impl FnMut(&[usize], &[bool]) -> bool,
) {
    let sizes = lattice.sizes();
    let strides = lattice.strides();
    let digits = lattice.digits(f);
    let d = sizes.len();
    // Per dimension: the other index, as a figure-index offset, and its sign.
    let options: Vec<Vec<(isize, bool)>> = (0..d)
        .map(|k| {
            let (n, own) = (sizes[k], digits[k]);
            (0..=n)
                .filter(|&p| p != own)
                .map(|p| {
                    let offset = (p as isize - own as isize) * strides[k] as isize;
                    (offset, own == n || p == n)
                })
                .collect()
        })
        .collect();
    if options.iter().any(Vec::is_empty) {
        return;
    }
    let mut choice = vec![0usize; d];
    let mut corners = vec![0usize; 1 << d];
    let mut signs = vec![true; 1 << d];
    loop {
        for mask in 0..(1usize << d) {
            let mut index = f as isize;
            let mut sign = true;
            for (k, opts) in options.iter().enumerate() {
                if mask & (1 << k) != 0 {
                    let (offset, same) = opts[choice[k]];
                    index += offset;
                    sign ^= !same;
                }
            }
            corners[mask] = index as usize;
            signs[mask] = sign;
        }
        if !visit(&corners, &signs) {
            return;
        }
        // Odometer over the choices, last dimension fastest.
        let mut k = d;
        loop {
            if k == 0 {
                return;
            }
            k -= 1;
            choice[k] += 1;
            if choice[k] < options[k].len() {
                break;
            }
            choice[k] = 0;
        }
    }
}

/// How far a hypercube lets its first corner move: up by `up`, down by
/// `down`, each corner staying within `(low, high)` of its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reach {
    pub up: i128,
    pub down: i128,
}

impl Reach {
    pub(super) fn width(self) -> i128 {
        self.up.saturating_add(self.down)
    }
}

/// Reach of a hypercube whose corners have `values` and known bounds `bounds`.
pub(crate) fn reach(values: &[i128], bounds: &[(i128, i128)], signs: &[bool]) -> Reach {
    let mut up = i128::MAX;
    let mut down = i128::MAX;
    for ((&x, &(lo, hi)), &plus) in values.iter().zip(bounds).zip(signs) {
        let room_up = hi.saturating_sub(x).max(0);
        let room_down = x.saturating_sub(lo).max(0);
        if plus {
            up = up.min(room_up);
            down = down.min(room_down);
        } else {
            up = up.min(room_down);
            down = down.min(room_up);
        }
    }
    Reach { up, down }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lattice(sizes: &[usize]) -> Lattice {
        Lattice::new(sizes).unwrap_or_else(|| panic!("size"))
    }

    #[test]
    fn every_cube_keeps_every_line_sum() {
        let l = lattice(&[2, 3]);
        let cells = [4i128, 50, 60, 40, 30, 70];
        let base = l.sums(&cells).unwrap_or_default();
        for f in 0..l.figures() {
            let mut count = 0;
            each_cube(&l, f, |corners, signs| {
                count += 1;
                // Shift the corners by ±1 and check every relation still holds
                // by rebuilding the totals from the shifted cells.
                let mut figs = base.clone();
                for (&c, &s) in corners.iter().zip(signs) {
                    figs[c] += if s { 1 } else { -1 };
                }
                let shifted: Vec<i128> = (0..l.cells()).map(|c| figs[l.cell_figure(c)]).collect();
                assert_eq!(
                    l.sums(&shifted).unwrap_or_default(),
                    figs,
                    "{corners:?} {signs:?}"
                );
                true
            });
            // Two choices per dimension other than its own index: 2 × 3.
            assert_eq!(count, 6);
        }
    }

    #[test]
    fn a_cube_through_a_total_moves_its_cells_with_it() {
        let l = lattice(&[3]);
        let total = l.index(&[None]).unwrap_or(0);
        let mut seen = Vec::new();
        each_cube(&l, total, |corners, signs| {
            seen.push((corners.to_vec(), signs.to_vec()));
            true
        });
        assert_eq!(seen[0], (vec![3, 0], vec![true, true]));
        assert_eq!(seen.len(), 3);
    }

    #[test]
    fn reach_is_limited_by_the_tightest_corner() {
        // A primary 3 (1..9) against a hidden 25 (10..): up 6, down 2.
        let r = reach(&[3, 25], &[(1, 9), (10, i128::MAX)], &[true, false]);
        assert_eq!(r, Reach { up: 6, down: 2 });
        assert_eq!(r.width(), 8);
        // Against another primary 1: it cannot go below 1, so 3 cannot go up.
        let r = reach(&[3, 1], &[(1, 9), (1, 9)], &[true, false]);
        assert_eq!(r, Reach { up: 0, down: 2 });
    }
}
