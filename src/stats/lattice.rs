//! The figures of one table as a lattice: per dimension a value index or the
//! total, which takes the index `n` (one past the last value).
//!
//! A figure's index is mixed radix over (nᵢ + 1), the last dimension varying
//! fastest; a cell's index is mixed radix over nᵢ. Sums over every figure are
//! computed dimension by dimension (each total is the sum of its line), so a
//! table of F figures and d dimensions costs O(F·d), never O(F·cells).

/// The shape of one table: how many values each dimension has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Lattice {
    sizes: Vec<usize>,
    /// Figure-index stride of each dimension.
    strides: Vec<usize>,
    figures: usize,
    cells: usize,
}

impl Lattice {
    /// `None` when the number of figures does not fit in a `usize`.
    pub(crate) fn new(sizes: &[usize]) -> Option<Lattice> {
        let mut strides = vec![0; sizes.len()];
        let mut figures = 1usize;
        let mut cells = 1usize;
        for (k, &n) in sizes.iter().enumerate().rev() {
            strides[k] = figures;
            figures = figures.checked_mul(n.checked_add(1)?)?;
            cells = cells.checked_mul(n)?;
        }
        Some(Lattice {
            sizes: sizes.to_vec(),
            strides,
            figures,
            cells,
        })
    }

    /// Values of each dimension.
    pub(crate) fn sizes(&self) -> &[usize] {
        &self.sizes
    }

    /// Figure-index stride of each dimension.
    pub(crate) fn strides(&self) -> &[usize] {
        &self.strides
    }

    /// ∏(nᵢ + 1).
    pub(crate) fn figures(&self) -> usize {
        self.figures
    }

    /// ∏ nᵢ.
    pub(crate) fn cells(&self) -> usize {
        self.cells
    }

    /// Figure index of a coordinate (`None` = total); `None` if outside.
    pub(crate) fn index(&self, coord: &[Option<usize>]) -> Option<usize> {
        if coord.len() != self.sizes.len() {
            return None;
        }
        let mut index = 0;
        for ((c, &n), &s) in coord.iter().zip(&self.sizes).zip(&self.strides) {
            let digit = match c {
                Some(v) if *v < n => *v,
                Some(_) => return None,
                None => n,
            };
            index += digit * s;
        }
        Some(index)
    }

    /// Per dimension the digit of figure `f`: a value index, or nᵢ for the total.
    pub(crate) fn digits(&self, f: usize) -> Vec<usize> {
        self.sizes
            .iter()
            .zip(&self.strides)
            .map(|(&n, &s)| (f / s) % (n + 1))
            .collect()
    }

    /// Coordinate of figure `f`, `None` for each totalled dimension.
    pub(crate) fn coord(&self, f: usize) -> Vec<Option<usize>> {
        self.digits(f)
            .into_iter()
            .zip(&self.sizes)
            .map(|(d, &n)| (d < n).then_some(d))
            .collect()
    }

    /// Figure index from digits (each at most nᵢ).
    #[cfg(test)]
    pub(crate) fn index_of_digits(&self, digits: &[usize]) -> usize {
        digits.iter().zip(&self.strides).map(|(d, s)| d * s).sum()
    }

    /// Figure index of cell `c` (row-major over the values).
    pub(crate) fn cell_figure(&self, mut c: usize) -> usize {
        let mut f = 0;
        for (&n, &s) in self.sizes.iter().zip(&self.strides).rev() {
            f += (c % n) * s;
            c /= n;
        }
        f
    }

    /// True if figure `f` fixes every dimension.
    pub(crate) fn is_cell(&self, f: usize) -> bool {
        self.digits(f).iter().zip(&self.sizes).all(|(d, n)| d < n)
    }

    /// Number of totalled dimensions of figure `f`.
    pub(crate) fn free_dims(&self, f: usize) -> usize {
        self.digits(f)
            .iter()
            .zip(&self.sizes)
            .filter(|(d, n)| d == n)
            .count()
    }

    /// Every figure's sum from the cells (row-major), exactly; `None` on overflow.
    pub(crate) fn sums(&self, cells: &[i128]) -> Option<Vec<i128>> {
        if cells.len() != self.cells {
            return None;
        }
        let mut all = vec![0i128; self.figures];
        for (c, &v) in cells.iter().enumerate() {
            all[self.cell_figure(c)] = v;
        }
        // Fill each dimension's total slot with the sum of its line, in turn:
        // after dimension k, every figure totalled over any of 0..=k is right.
        for (k, &n) in self.sizes.iter().enumerate() {
            let s = self.strides[k];
            for f in 0..self.figures {
                if (f / s) % (n + 1) != n {
                    continue;
                }
                let base = f - n * s;
                let mut total = 0i128;
                for v in 0..n {
                    total = total.checked_add(all[base + v * s])?;
                }
                all[f] = total;
            }
        }
        Some(all)
    }

    /// Cells (row-major indices) that figure `f` adds up.
    pub(crate) fn cells_in(&self, f: usize) -> Vec<usize> {
        let digits = self.digits(f);
        let mut out = vec![0usize];
        for (&d, &n) in digits.iter().zip(&self.sizes) {
            let choices: Vec<usize> = if d == n { (0..n).collect() } else { vec![d] };
            out = out
                .iter()
                .flat_map(|&prefix| choices.iter().map(move |&v| prefix * n + v))
                .collect();
        }
        out
    }

    /// Canonical order: cells first, then figures with more and more
    /// dimensions totalled, the grand total last; within that by digits.
    pub(crate) fn canonical_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.figures).collect();
        order.sort_by_key(|&f| (self.free_dims(f), self.digits(f)));
        order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lattice(sizes: &[usize]) -> Lattice {
        Lattice::new(sizes).unwrap_or_else(|| panic!("too large"))
    }

    #[test]
    fn indices_digits_and_coords_round_trip() {
        let l = lattice(&[2, 3]);
        assert_eq!(l.figures(), 12);
        assert_eq!(l.cells(), 6);
        for f in 0..l.figures() {
            assert_eq!(l.index(&l.coord(f)), Some(f));
            assert_eq!(l.index_of_digits(&l.digits(f)), f);
        }
        assert_eq!(l.index(&[Some(1), None]), Some(7));
        assert_eq!(l.index(&[Some(2), None]), None);
        assert_eq!(l.index(&[None]), None);
        assert_eq!(l.cell_figure(5), l.index(&[Some(1), Some(2)]).unwrap_or(0));
    }

    #[test]
    fn sums_add_up_every_total() {
        let l = lattice(&[2, 3]);
        let s = l.sums(&[1, 2, 3, 10, 20, 30]).unwrap_or_default();
        let at = |c: &[Option<usize>]| s[l.index(c).unwrap_or(0)];
        assert_eq!(at(&[Some(0), None]), 6);
        assert_eq!(at(&[Some(1), None]), 60);
        assert_eq!(at(&[None, Some(2)]), 33);
        assert_eq!(at(&[None, None]), 66);
        assert_eq!(at(&[Some(1), Some(1)]), 20);
        assert_eq!(
            l.cells_in(l.index(&[None, Some(1)]).unwrap_or(0)),
            vec![1, 4]
        );
    }

    #[test]
    fn canonical_order_puts_cells_first_and_the_grand_total_last() {
        let l = lattice(&[2, 2]);
        let order: Vec<Vec<Option<usize>>> = l
            .canonical_order()
            .into_iter()
            .map(|f| l.coord(f))
            .collect();
        assert_eq!(order[0], vec![Some(0), Some(0)]);
        assert_eq!(order[4], vec![Some(0), None]);
        assert_eq!(order[6], vec![None, Some(0)]);
        assert_eq!(order[8], vec![None, None]);
    }
}
