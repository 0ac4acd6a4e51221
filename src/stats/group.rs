//! Tables that count one population, as one set of figures.
//!
//! Each table's figures are its cells and totals (see [`Lattice`]). A figure
//! is named by the dimension values it fixes (`{city: baku}`), so the total
//! for Baku of a programme × city table and the Baku cell of a by-city table
//! are one *global figure*: one value, one status. A table whose dimensions
//! are all found in another table of the group adds no unknowns of its own
//! (every figure of it is a figure of the larger one); the others are the
//! *active* tables, whose cells are the reader's unknowns. A global figure in
//! two active tables links them: both sums must agree.

use super::lattice::Lattice;
use std::collections::HashMap;

/// "No upper bound" for a hidden figure's value.
pub(crate) const UNBOUNDED: i128 = i128::MAX;

/// One table of a group, as given to [`Group::new`].
#[derive(Debug, Clone)]
pub struct TableInput {
    /// Dimension names; a name shared with another table is the same variable.
    pub dims: Vec<String>,
    /// Values per dimension.
    pub sizes: Vec<usize>,
    /// Cells, row-major over `sizes`.
    pub cells: Vec<u64>,
}

/// Why a group cannot be formed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GroupError {
    /// A table has the wrong number of cells or too many figures.
    Shape {
        /// Position of the table in the group.
        table: usize,
        /// What is wrong.
        message: String,
    },
    /// Two tables give one figure different values.
    Disagree {
        /// First table (position in the group).
        first: usize,
        /// Second table.
        second: usize,
        /// The figure: (dimension name, value index) pairs.
        figure: Vec<(String, usize)>,
        /// Value in the first table.
        first_value: u64,
        /// Value in the second table.
        second_value: u64,
    },
}

/// One table inside a group.
#[derive(Debug, Clone)]
pub(crate) struct GroupTable {
    pub lattice: Lattice,
    /// Global figure of each local figure.
    pub global: Vec<usize>,
    /// Its cells have unknowns of their own.
    pub active: bool,
    /// True cell values (row-major).
    pub cells: Vec<u64>,
}

/// A figure of the group, in every table it appears in.
#[derive(Debug, Clone)]
pub(crate) struct GlobalFigure {
    pub value: u64,
    /// (table, local figure) in every table, active or not.
    pub places: Vec<(usize, usize)>,
    /// Found in two or more active tables.
    pub shared: bool,
}

/// The tables of one population with their global figures.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub tables: Vec<GroupTable>,
    pub figures: Vec<GlobalFigure>,
    /// Global figures in canonical order (by first table, then its own order).
    pub order: Vec<usize>,
}

impl Group {
    pub(super) fn new(inputs: &[TableInput], max_figures: usize) -> Result<Group, GroupError> {
        let mut tables = Vec::new();
        let mut figures: Vec<GlobalFigure> = Vec::new();
        let mut by_key: HashMap<Vec<(String, usize)>, usize> = HashMap::new();
        let mut owner: Vec<usize> = Vec::new();
        for (t, input) in inputs.iter().enumerate() {
            let lattice = shape(t, input, max_figures)?;
            let cells: Vec<i128> = input.cells.iter().map(|&c| i128::from(c)).collect();
            let sums = lattice.sums(&cells).ok_or_else(|| GroupError::Shape {
                table: t,
                message: "the counts are too large to add up".into(),
            })?;
            let mut global = Vec::with_capacity(lattice.figures());
            for (f, &sum) in sums.iter().enumerate() {
                let key = figure_key(&input.dims, &lattice, f);
                let value = u64::try_from(sum).unwrap_or(u64::MAX);
                let g = match by_key.get(&key) {
                    Some(&g) => {
                        if figures[g].value != value {
                            return Err(GroupError::Disagree {
                                first: owner[g],
                                second: t,
                                figure: key,
                                first_value: figures[g].value,
                                second_value: value,
                            });
                        }
                        figures[g].places.push((t, f));
                        g
                    }
                    None => {
                        by_key.insert(key, figures.len());
                        owner.push(t);
                        figures.push(GlobalFigure {
                            value,
                            places: vec![(t, f)],
                            shared: false,
                        });
                        figures.len() - 1
                    }
                };
                global.push(g);
            }
            tables.push(GroupTable {
                lattice,
                global,
                active: true,
                cells: input.cells.clone(),
            });
        }
        mark_active(inputs, &mut tables);
        for g in figures.iter_mut() {
            let active = g.places.iter().filter(|(t, _)| tables[*t].active).count();
            g.shared = active > 1;
        }
        let order = canonical_order(&tables, figures.len());
        Ok(Group {
            tables,
            figures,
            order,
        })
    }

    /// Indices of the active tables.
    pub(super) fn active(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.tables.len()).filter(|&t| self.tables[t].active)
    }

    /// Checks a candidate table set: every active table's cells (`cells[t]`,
    /// empty for inactive ones) give each global figure one value, within
    /// `bounds(g)`. Returns the global values, or `None` if anything fails.
    /// Exact integer arithmetic: this is what makes a witness a proof.
    pub(super) fn verify(
        &self,
        cells: &[Vec<i128>],
        bounds: impl Fn(usize) -> (i128, i128),
    ) -> Option<Vec<i128>> {
        let mut value: Vec<Option<i128>> = vec![None; self.figures.len()];
        for t in self.active() {
            let table = &self.tables[t];
            let sums = table.lattice.sums(cells.get(t)?)?;
            for (f, &g) in table.global.iter().enumerate() {
                let s = sums[f];
                match value[g] {
                    Some(v) if v != s => return None,
                    _ => value[g] = Some(s),
                }
            }
        }
        let mut out = Vec::with_capacity(value.len());
        for (g, v) in value.into_iter().enumerate() {
            let v = v?;
            let (lo, hi) = bounds(g);
            if v < lo || v > hi || v < 0 {
                return None;
            }
            out.push(v);
        }
        Some(out)
    }

    /// True cells of every table as `i128`, inactive ones empty.
    #[cfg(test)]
    pub(super) fn true_cells(&self) -> Vec<Vec<i128>> {
        self.tables
            .iter()
            .map(|t| {
                if t.active {
                    t.cells.iter().map(|&c| i128::from(c)).collect()
                } else {
                    Vec::new()
                }
            })
            .collect()
    }
}

fn shape(t: usize, input: &TableInput, max_figures: usize) -> Result<Lattice, GroupError> {
    let error = |message: String| GroupError::Shape { table: t, message };
    if input.dims.len() != input.sizes.len() {
        return Err(error("each dimension needs a name".into()));
    }
    let lattice = Lattice::new(&input.sizes)
        .ok_or_else(|| error("the table has too many figures to count".into()))?;
    if lattice.figures() > max_figures {
        return Err(error(format!(
            "the table has {} figures (cells and totals); at most {max_figures} can be checked",
            lattice.figures()
        )));
    }
    if input.cells.len() != lattice.cells() {
        return Err(error(format!(
            "{} cells given for a table of {}",
            input.cells.len(),
            lattice.cells()
        )));
    }
    Ok(lattice)
}

/// The dimension values a figure fixes, sorted by dimension name.
fn figure_key(dims: &[String], lattice: &Lattice, f: usize) -> Vec<(String, usize)> {
    let mut key: Vec<(String, usize)> = dims
        .iter()
        .zip(lattice.digits(f))
        .zip(lattice.sizes())
        .filter(|((_, d), n)| d < *n)
        .map(|((name, d), _)| (name.clone(), d))
        .collect();
    key.sort();
    key
}

/// A table whose dimensions all belong to another table has no unknowns of
/// its own; of two tables with the same dimensions the first keeps them.
fn mark_active(inputs: &[TableInput], tables: &mut [GroupTable]) {
    for a in 0..inputs.len() {
        let dims_a = &inputs[a].dims;
        let absorbed = (0..inputs.len()).any(|b| {
            let dims_b = &inputs[b].dims;
            let subset = dims_a.iter().all(|d| dims_b.contains(d));
            b != a && subset && (dims_b.len() > dims_a.len() || b < a)
        });
        tables[a].active = !absorbed;
    }
}

fn canonical_order(tables: &[GroupTable], n: usize) -> Vec<usize> {
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for table in tables {
        for f in table.lattice.canonical_order() {
            let g = table.global[f];
            if !seen[g] {
                seen[g] = true;
                order.push(g);
            }
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(dims: &[&str], sizes: &[usize], cells: &[u64]) -> TableInput {
        TableInput {
            dims: dims.iter().map(|d| d.to_string()).collect(),
            sizes: sizes.to_vec(),
            cells: cells.to_vec(),
        }
    }

    #[test]
    fn a_by_city_table_is_the_city_totals_of_a_programme_by_city_table() {
        let by_city = input(&["city"], &[2], &[30, 12]);
        let cross = input(&["programme", "city"], &[2, 2], &[20, 5, 10, 7]);
        let g = Group::new(&[by_city, cross], 10_000).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!g.tables[0].active && g.tables[1].active);
        // 3 figures of the by-city table are 3 of the 9 of the cross table.
        assert_eq!(g.figures.len(), 9);
        assert_eq!(
            g.tables[0].global[0],
            g.tables[1].global[g.tables[1].lattice.index(&[None, Some(0)]).unwrap_or(0)]
        );
        assert!(g.figures.iter().all(|f| !f.shared));
    }

    #[test]
    fn tables_that_disagree_on_a_shared_figure_are_refused() {
        let by_city = input(&["city"], &[2], &[31, 12]);
        let cross = input(&["programme", "city"], &[2, 2], &[20, 5, 10, 7]);
        let err = Group::new(&[by_city, cross], 10_000).err();
        assert!(
            matches!(
                err,
                Some(GroupError::Disagree {
                    first: 0,
                    second: 1,
                    first_value: 31,
                    second_value: 30,
                    ..
                })
            ),
            "{err:?}"
        );
    }

    #[test]
    fn two_crossings_sharing_a_dimension_are_linked() {
        let a = input(&["programme", "city"], &[2, 2], &[20, 5, 10, 7]);
        let b = input(&["city", "age"], &[2, 2], &[15, 15, 6, 6]);
        let g = Group::new(&[a, b], 10_000).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(g.tables.iter().all(|t| t.active));
        // City totals and the grand total are in both.
        assert_eq!(g.figures.iter().filter(|f| f.shared).count(), 3);
        let truth = g.true_cells();
        assert!(g
            .verify(&truth, |g2| (0, i128::from(g.figures[g2].value)))
            .is_some());
        let mut moved = truth.clone();
        moved[0][0] += 1;
        moved[0][1] -= 1; // programme 0: Baku +1, Ganja −1: city totals change
        assert!(g.verify(&moved, |_| (0, UNBOUNDED)).is_none());
    }
}
