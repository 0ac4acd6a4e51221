//! Tables as the file gives them, grouped by the population they count and
//! protected group by group.

use super::disclosure::{self, Pattern, ProtectError, Rule};
use super::group::TableInput;
use super::{Dimension, Localized};

/// A table read from the file, not yet protected.
#[derive(Debug, Clone)]
pub(crate) struct RawTable {
    pub id: String,
    pub title: Localized,
    pub description: Option<Localized>,
    pub dims: Vec<Dimension>,
    /// Row-major cells.
    pub cells: Vec<u64>,
    /// `population:` if given.
    pub population: Option<String>,
    /// Where the table starts in the file (its `- id:` line).
    pub line: usize,
    pub column: usize,
}

impl RawTable {
    fn input(&self) -> TableInput {
        TableInput {
            dims: self.dims.iter().map(|d| d.id.clone()).collect(),
            sizes: self.dims.iter().map(|d| d.values.len()).collect(),
            cells: self.cells.clone(),
        }
    }

    fn grand_total(&self) -> u64 {
        self.cells.iter().fold(0u64, |a, &c| a.saturating_add(c))
    }
}

/// A problem found while protecting, at the table it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PopulationError {
    /// Index of the table to point at.
    pub table: usize,
    pub message: String,
    pub hint: String,
}

/// Groups of table indices: one per population, in order of first table;
/// a table with no `population` is a group of its own.
pub(crate) fn groups(tables: &[RawTable]) -> Vec<Vec<usize>> {
    let mut groups: Vec<(Option<&str>, Vec<usize>)> = Vec::new();
    for (i, t) in tables.iter().enumerate() {
        let key = t.population.as_deref();
        match groups.iter_mut().find(|(k, _)| key.is_some() && *k == key) {
            Some((_, members)) => members.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    groups.into_iter().map(|(_, m)| m).collect()
}

/// True if the tables' dimension sets can be joined without a circle (GYO
/// reduction: drop dimensions found in one table only, and tables whose
/// dimensions another has, until one table or none is left). Only then do
/// tables that agree on the figures they share always come from one table
/// of whole counts over all their dimensions, which is what makes a reader
/// who looks at them side by side no stronger than the group model.
pub(crate) fn acyclic(dims: &[Vec<String>]) -> bool {
    let mut edges: Vec<Vec<String>> = dims.to_vec();
    loop {
        let size = |e: &[Vec<String>]| e.iter().map(Vec::len).sum::<usize>() + e.len();
        let before = size(&edges);
        let all = edges.clone();
        for e in edges.iter_mut() {
            e.retain(|d| all.iter().filter(|f| f.contains(d)).count() > 1);
        }
        let snapshot = edges.clone();
        let mut kept = Vec::new();
        for (i, e) in snapshot.iter().enumerate() {
            let covered = snapshot.iter().enumerate().any(|(j, f)| {
                j != i && e.iter().all(|d| f.contains(d)) && (f.len() > e.len() || j < i)
            });
            if !covered {
                kept.push(e.clone());
            }
        }
        edges = kept;
        if edges.len() <= 1 {
            return true;
        }
        if size(&edges) == before {
            return false;
        }
    }
}

/// Protects every table, population by population; patterns in table order.
pub(crate) fn protect_all(
    tables: &[RawTable],
    rule: Rule,
) -> Result<Vec<Pattern>, PopulationError> {
    let mut patterns: Vec<Option<Pattern>> = vec![None; tables.len()];
    for members in groups(tables) {
        let dims: Vec<Vec<String>> = members
            .iter()
            .map(|&i| tables[i].dims.iter().map(|d| d.id.clone()).collect())
            .collect();
        if !acyclic(&dims) {
            let names: Vec<String> = members
                .iter()
                .map(|&i| format!("`{}` (line {})", tables[i].id, tables[i].line))
                .collect();
            return Err(PopulationError {
                table: members.last().copied().unwrap_or(0),
                message: format!(
                    "the tables {} of one population cross their dimensions in a circle, which cannot be checked for privacy together",
                    names.join(", ")
                ),
                hint: "add one table over all their dimensions to the population, or leave one of them out".into(),
            });
        }

        let inputs: Vec<TableInput> = members.iter().map(|&i| tables[i].input()).collect();
        match disclosure::protect_linked(&inputs, rule) {
            Ok(found) => {
                for (&i, p) in members.iter().zip(found) {
                    patterns[i] = Some(p);
                }
            }
            Err(e) => return Err(explain(tables, &members, &e)),
        }
    }
    patterns
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            p.ok_or(PopulationError {
                table: i,
                message: "this table could not be checked for privacy".into(),
                hint: "report this to the site's developers".into(),
            })
        })
        .collect()
}

/// Words for an editor, naming tables by id and line.
fn explain(tables: &[RawTable], members: &[usize], e: &ProtectError) -> PopulationError {
    let at = |k: usize| members.get(k).copied().unwrap_or(0);
    let name = |i: usize| {
        tables
            .get(i)
            .map_or(String::new(), |t| format!("`{}` (line {})", t.id, t.line))
    };
    let coarsen = "split the table, or merge values of a dimension into fewer, larger groups";
    match e {
        ProtectError::Shape { table, message } => PopulationError {
            table: at(*table),
            message: format!("this table cannot be checked for privacy: {message}"),
            hint: "split it into smaller tables".into(),
        },
        ProtectError::Disagree {
            first,
            second,
            figure,
            first_value,
            second_value,
        } => PopulationError {
            table: at(*second),
            message: format!(
                "the tables {} and {} count one population but disagree on {}: {first_value} and {second_value}",
                name(at(*first)),
                name(at(*second)),
                describe(tables, at(*second), figure),
            ),
            hint: "correct the counts, or give the tables different `population:` values if they count different children".into(),
        },
        ProtectError::MarksGiveAway { table, .. } => PopulationError {
            table: at(*table),
            message: format!("the table {} cannot be published: {e}", name(at(*table))),
            hint: coarsen.into(),
        },
        ProtectError::Unprotectable { table, .. } | ProtectError::TooMuchWork { table } => {
            PopulationError {
                table: at(*table),
                message: format!("the table {} cannot be published: {e}", name(at(*table))),
                hint: coarsen.into(),
            }
        }
    }
}

/// "the figure for city Baku" from (dimension, value index) pairs.
fn describe(tables: &[RawTable], t: usize, key: &[(String, usize)]) -> String {
    if key.is_empty() {
        return "the grand total".into();
    }
    let dims = tables.get(t).map_or(&[][..], |t| &t.dims[..]);
    let parts: Vec<String> = key
        .iter()
        .map(|(d, v)| {
            let label = dims
                .iter()
                .find(|x| &x.id == d)
                .and_then(|x| x.values.get(*v))
                .map_or(String::new(), |x| x.id.clone());
            format!("{d} {label}")
        })
        .collect();
    format!("the figure for {}", parts.join(", "))
}

/// Pairs of tables that look like one population but are not declared as
/// one: the same non-zero grand total and a dimension in common.
pub(crate) fn lookalikes(tables: &[RawTable]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in tables.iter().enumerate() {
        for (j, b) in tables.iter().enumerate().skip(i + 1) {
            let declared = a.population.is_some() && a.population == b.population;
            let different = a.population.is_some() && b.population.is_some() && !declared;
            let shared = a.dims.iter().any(|d| b.dims.iter().any(|e| e.id == d.id));
            let total = a.grand_total();
            if !declared && !different && shared && total > 0 && total == b.grand_total() {
                out.push((i, j));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{DimensionValue, Localized};

    fn dim(id: &str, n: usize) -> Dimension {
        Dimension {
            id: id.into(),
            values: (0..n)
                .map(|v| DimensionValue {
                    id: format!("{id}{v}"),
                    label: Localized::default(),
                })
                .collect(),
        }
    }

    fn raw(
        id: &str,
        dims: Vec<Dimension>,
        cells: &[u64],
        population: Option<&str>,
        line: usize,
    ) -> RawTable {
        RawTable {
            id: id.into(),
            title: Localized::default(),
            description: None,
            dims,
            cells: cells.to_vec(),
            population: population.map(str::to_string),
            line,
            column: 5,
        }
    }

    #[test]
    fn tables_group_by_population_in_file_order() {
        let t = vec![
            raw("a", vec![dim("city", 2)], &[30, 40], Some("kids"), 10),
            raw("b", vec![dim("city", 2)], &[30, 40], None, 20),
            raw("c", vec![dim("sex", 2)], &[35, 35], Some("kids"), 30),
        ];
        assert_eq!(groups(&t), vec![vec![0, 2], vec![1]]);
    }

    #[test]
    fn lookalikes_share_a_total_and_a_dimension_but_no_population() {
        let t = vec![
            raw("a", vec![dim("city", 2)], &[30, 40], Some("kids"), 10),
            raw(
                "b",
                vec![dim("programme", 2), dim("city", 2)],
                &[10, 20, 20, 20],
                None,
                20,
            ),
            raw("c", vec![dim("sex", 2)], &[35, 35], None, 30),
            raw("d", vec![dim("city", 2)], &[30, 40], Some("staff"), 40),
        ];
        // a–d declared different populations; c shares no dimension.
        assert_eq!(lookalikes(&t), vec![(0, 1), (1, 3)]);
    }

    #[test]
    fn dimension_sets_in_a_circle_are_told_apart_from_chains_and_nests() {
        let d = |sets: &[&[&str]]| -> Vec<Vec<String>> {
            sets.iter()
                .map(|s| s.iter().map(|x| x.to_string()).collect())
                .collect()
        };
        assert!(acyclic(&d(&[&["city"], &["programme", "city"]])));
        assert!(acyclic(&d(&[
            &["programme", "city"],
            &["city", "age"],
            &["age", "sex"]
        ])));
        assert!(acyclic(&d(&[&["programme", "city"], &["age", "sex"]])));
        assert!(!acyclic(&d(&[&["a", "b"], &["b", "c"], &["a", "c"]])));
        // A table over all three closes the circle into a nest.
        assert!(acyclic(&d(&[
            &["a", "b"],
            &["b", "c"],
            &["a", "c"],
            &["a", "b", "c"]
        ])));
    }

    #[test]
    fn disagreeing_linked_tables_name_both_and_the_figure() {
        let t = vec![
            raw("by-city", vec![dim("city", 2)], &[31, 40], Some("kids"), 10),
            raw(
                "cross",
                vec![dim("programme", 2), dim("city", 2)],
                &[10, 20, 20, 20],
                Some("kids"),
                20,
            ),
        ];
        let e = protect_all(&t, Rule::new(10))
            .err()
            .unwrap_or_else(|| panic!("accepted"));
        assert_eq!(e.table, 1);
        assert_eq!(
            e.message,
            "the tables `by-city` (line 10) and `cross` (line 20) count one population but disagree on the figure for city city0: 31 and 30"
        );
    }
}
