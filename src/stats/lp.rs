//! The reader's linear programme, solved with `microlp`.
//!
//! Unknowns are the cells of the group's active tables; a figure known to the
//! reader (published, or zero) fixes its sum, a hidden one bounds it. The
//! solver works in floating point, so nothing it says is trusted where safety
//! depends on it: a point it finds is rounded to whole numbers and checked
//! exactly ([`Group::verify`]) before it counts as a witness, and its optimum
//! is used only as an *outer* bound (the reader's whole-number interval lies
//! inside the real one), which can make the rule hide more, never less.

use super::group::{Group, UNBOUNDED};
use microlp::{ComparisonOp, LinearExpr, OptimizationDirection, Problem, SolveOptions, Variable};

/// What to optimise.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Goal {
    /// The largest value of a global figure.
    Max(usize),
    /// The smallest value of a global figure.
    Min(usize),
    /// A table that moves a global figure by at least `by` (down if
    /// negative) while changing as few cells, by as little, as possible.
    Shift { figure: usize, by: i128 },
}

/// What the solver found.
#[derive(Debug, Clone)]
pub(crate) enum Found {
    /// An optimum: its objective and the cells, rounded to whole numbers;
    /// `proven` unless a node limit stopped the search short of a proof.
    Point {
        objective: f64,
        cells: Vec<Vec<i128>>,
        proven: bool,
    },
    /// No table meets the constraints.
    Infeasible,
    /// The objective grows without limit.
    Unbounded,
    /// The solver gave up (numerical trouble, node limit).
    Failed,
}

/// Branch-and-bound nodes allowed when whole numbers are required.
const NODE_LIMIT: u64 = 2_000;

/// Solves `goal` over the group with each global figure within `bounds[g]`
/// (a figure with `lo == hi` is known). `integer` asks for whole cells.
pub(crate) fn solve(group: &Group, bounds: &[(i128, i128)], goal: Goal, integer: bool) -> Found {
    let direction = match goal {
        Goal::Max(_) => OptimizationDirection::Maximize,
        Goal::Min(_) | Goal::Shift { .. } => OptimizationDirection::Minimize,
    };
    let mut problem = Problem::new(direction);
    let vars = cell_vars(group, bounds, &mut problem, integer);
    let reps = add_figures(group, bounds, &vars, &mut problem);
    let target = match goal {
        Goal::Max(g) | Goal::Min(g) => g,
        Goal::Shift { figure, .. } => figure,
    };
    let Some(rep) = reps.get(target).cloned().flatten() else {
        return Found::Failed;
    };
    match goal {
        Goal::Max(_) | Goal::Min(_) => {
            let row = objective_row(&mut problem, &rep);
            problem.add_constraint(row, ComparisonOp::Eq, 0.0);
        }
        Goal::Shift { figure, by } => {
            add_l1(group, &vars, &mut problem);
            let x = group.figures[figure].value as f64;
            let (op, rhs) = if by >= 0 {
                (ComparisonOp::Ge, x + by as f64)
            } else {
                (ComparisonOp::Le, x + by as f64)
            };
            problem.add_constraint(rep.expr(), op, rhs);
        }
    }
    let mut options = SolveOptions::default();
    options.node_limit = Some(NODE_LIMIT);
    let outcome = match problem.solve_with(options) {
        Ok(o) => o,
        Err(microlp::Error::Infeasible) => return Found::Infeasible,
        Err(microlp::Error::Unbounded) => return Found::Unbounded,
        Err(_) => return Found::Failed,
    };
    let Some(solution) = outcome.solution() else {
        return Found::Failed;
    };
    let cells = vars
        .iter()
        .map(|table| {
            table
                .iter()
                .map(|cell| match cell {
                    Cell::Known(v) => *v,
                    Cell::Var(var) => solution.var_value(*var).round() as i128,
                })
                .collect()
        })
        .collect();
    Found::Point {
        objective: solution.objective(),
        cells,
        proven: solution.status() == microlp::SolutionStatus::Optimal,
    }
}

/// A cell: known to the reader, or an unknown of the programme.
#[derive(Debug, Clone, Copy)]
enum Cell {
    Known(i128),
    Var(Variable),
}

/// A hidden figure's value in the programme: one variable, or a sum.
#[derive(Debug, Clone)]
enum Rep {
    Var(Variable),
}

impl Rep {
    fn expr(&self) -> LinearExpr {
        let mut e = LinearExpr::empty();
        match self {
            Rep::Var(v) => e.add(*v, 1.0),
        }
        e
    }
}

/// The objective is carried by one free variable tied to the figure, so the
/// same model serves both directions.
fn objective_row(problem: &mut Problem, rep: &Rep) -> LinearExpr {
    let obj = problem.add_var(1.0, (f64::NEG_INFINITY, f64::INFINITY));
    let mut e = rep.expr();
    e.add(obj, -1.0);
    e
}

fn to_f64(bound: i128) -> f64 {
    if bound == UNBOUNDED {
        f64::INFINITY
    } else {
        bound as f64
    }
}

fn cell_vars(
    group: &Group,
    bounds: &[(i128, i128)],
    problem: &mut Problem,
    integer: bool,
) -> Vec<Vec<Cell>> {
    group
        .tables
        .iter()
        .map(|table| {
            if !table.active {
                return Vec::new();
            }
            (0..table.lattice.cells())
                .map(|c| {
                    let g = table.global[table.lattice.cell_figure(c)];
                    let (lo, hi) = bounds[g];
                    if lo == hi {
                        Cell::Known(lo)
                    } else if integer {
                        let hi = i32::try_from(hi).unwrap_or(i32::MAX);
                        let lo = i32::try_from(lo).unwrap_or(0);
                        Cell::Var(problem.add_integer_var(0.0, (lo, hi)))
                    } else {
                        Cell::Var(problem.add_var(0.0, (to_f64(lo), to_f64(hi))))
                    }
                })
                .collect()
        })
        .collect()
}

/// One constraint per total of each active table; returns each hidden
/// figure's representation.
fn add_figures(
    group: &Group,
    bounds: &[(i128, i128)],
    vars: &[Vec<Cell>],
    problem: &mut Problem,
) -> Vec<Option<Rep>> {
    let mut reps: Vec<Option<Rep>> = vec![None; group.figures.len()];
    // A hidden cell is its own representation.
    for (t, table) in group.tables.iter().enumerate() {
        for (c, cell) in vars[t].iter().enumerate() {
            if let Cell::Var(v) = cell {
                reps[table.global[table.lattice.cell_figure(c)]] = Some(Rep::Var(*v));
            }
        }
    }
    for (g, figure) in group.figures.iter().enumerate() {
        let (lo, hi) = bounds[g];
        for &(t, f) in &figure.places {
            let table = &group.tables[t];
            if !table.active || table.lattice.is_cell(f) {
                continue;
            }
            let mut expr = LinearExpr::empty();
            let mut known = 0i128;
            let mut any = false;
            for c in table.lattice.cells_in(f) {
                match vars[t][c] {
                    Cell::Known(v) => known += v,
                    Cell::Var(v) => {
                        expr.add(v, 1.0);
                        any = true;
                    }
                }
            }
            if lo == hi {
                if any {
                    problem.add_constraint(expr, ComparisonOp::Eq, (lo - known) as f64);
                }
                continue;
            }
            let rep = match &reps[g] {
                Some(rep) => rep.clone(),
                None => {
                    let v = problem.add_var(0.0, (to_f64(lo), to_f64(hi)));
                    reps[g] = Some(Rep::Var(v));
                    Rep::Var(v)
                }
            };
            let Rep::Var(r) = rep;
            expr.add(r, -1.0);
            problem.add_constraint(expr, ComparisonOp::Eq, -(known as f64));
        }
    }
    reps
}

/// Minimise the total change of the cells: |x − value| through two
/// non-negative parts per unknown cell.
fn add_l1(group: &Group, vars: &[Vec<Cell>], problem: &mut Problem) {
    for (t, table) in group.tables.iter().enumerate() {
        for (c, cell) in vars[t].iter().enumerate() {
            let Cell::Var(x) = cell else { continue };
            let value = table.cells[c] as f64;
            let up = problem.add_var(1.0, (0.0, f64::INFINITY));
            let down = problem.add_var(1.0, (0.0, f64::INFINITY));
            problem.add_constraint(
                [(*x, 1.0), (up, -1.0), (down, 1.0)],
                ComparisonOp::Eq,
                value,
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::group::TableInput;

    fn one_table(sizes: &[usize], cells: &[u64]) -> Group {
        let input = TableInput {
            dims: (0..sizes.len()).map(|k| k.to_string()).collect(),
            sizes: sizes.to_vec(),
            cells: cells.to_vec(),
        };
        Group::new(&[input], 10_000).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn two_ones_under_a_published_total_are_pinned() {
        // Baku 41 and the total 43 published; Ganja and Sumgait hidden, 1..9.
        let g = one_table(&[3], &[41, 1, 1]);
        let mut bounds: Vec<(i128, i128)> = g
            .figures
            .iter()
            .map(|f| (f.value as i128, f.value as i128))
            .collect();
        bounds[1] = (1, 9);
        bounds[2] = (1, 9);
        for goal in [Goal::Max(1), Goal::Min(1)] {
            match solve(&g, &bounds, goal, false) {
                Found::Point { objective, .. } => assert!((objective - 1.0).abs() < 1e-6),
                other => panic!("{other:?}"),
            }
        }
        // With Baku hidden too (10 or more), Ganja ranges over 1..9 again.
        bounds[0] = (10, UNBOUNDED);
        match solve(&g, &bounds, Goal::Max(1), false) {
            Found::Point { objective, .. } => assert!((objective - 9.0).abs() < 1e-6),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_shift_changes_few_cells_and_comes_back_whole() {
        let g = one_table(&[2, 2], &[3, 40, 30, 50]);
        let bounds: Vec<(i128, i128)> = g
            .figures
            .iter()
            .map(|f| match f.value {
                0 => (0, 0),
                1..=9 => (1, 9),
                _ => (10, UNBOUNDED),
            })
            .collect();
        let Found::Point { cells, .. } = solve(&g, &bounds, Goal::Shift { figure: 0, by: 5 }, true)
        else {
            panic!("no point");
        };
        let values = g
            .verify(&cells, |f| bounds[f])
            .unwrap_or_else(|| panic!("{cells:?}"));
        assert_eq!(values[0], 8);
    }

    #[test]
    fn an_unbounded_figure_is_reported() {
        let g = one_table(&[2], &[30, 40]);
        let bounds = vec![(10, UNBOUNDED); 3];
        assert!(matches!(
            solve(&g, &bounds, Goal::Max(0), false),
            Found::Unbounded
        ));
    }
}
