//! Disclosure control: which figures of a table may be published.
//!
//! A table with dimensions D₁…Dₖ (n₁…nₖ values each, in the order of
//! `labels`) is a full cross-classification: one *cell* per combination of
//! values; a combination the file does not list is a structural zero. The
//! *figures* of a table are every cell and every marginal total over every
//! subset of the dimensions: ∏(nᵢ + 1) figures in all. Pages may show any of
//! them, so one pattern is decided per table over all of its figures (per
//! population, when tables are linked, see below), and every view reads from
//! that pattern.
//!
//! **The reader.** Protection is judged against a reader who knows every
//! published figure of every table of the population, and who knows that
//! each hidden count is a whole number, at least 1 (zeros are printed),
//! at most N−1 when marked "fewer than N" (primary), and at least N when
//! marked "not shown" (secondary: only a figure of N or more is ever hidden
//! that way, and the two marks differ on the page). For a hidden figure, the
//! reader's *interval* is its smallest and largest value over all tables of
//! whole, non-negative counts that agree with all of that: the *feasibility
//! interval* of the statistical offices' cell-suppression literature
//! (Fischetti and Salazar 2000; the Handbook on Statistical Disclosure
//! Control, §4.2; τ-ARGUS, sdcTable).
//!
//! **Rule** (N = `suppress_below`, 10 by default, never under 5; P = the
//! protection level, ⌈N/2⌉ by default, at most N−2):
//!
//! 1. *Primary suppression.* Every figure whose value is from 1 to N−1 is
//!    hidden. Zero is published as 0.
//! 2. *Protection intervals.* Every hidden figure's interval must be at least
//!    P wide: P is a *sliding protection level* in the sense of Fischetti and
//!    Salazar (sdcTable's `SPL`): the interval must span P, wherever the true
//!    value lies in it. When even hiding every non-zero figure leaves a
//!    figure narrower than P (five cities of 1 child each under a total
//!    marked "fewer than 10": each is 1 to 5, from the marks alone), the
//!    figure must keep that width instead, and a figure that the marks alone
//!    give away exactly (nine cells of 1 under a total of 9) stops the build.
//! 3. *Secondary suppression.* While some hidden figure F (the first in the
//!    canonical order: cells first, then totals over more and more
//!    dimensions, the grand total last) is not shown to be wide enough, more
//!    figures are hidden. A figure is *shown* wide enough by *witnesses*:
//!    other tables of whole counts that agree with everything published and
//!    with every bound above, checked exactly; F is as wide as the distance
//!    between the values it takes in them. Witnesses come from hypercubes
//!    (see [`super::hypercube`]): the cheapest set of corners with F at one
//!    corner whose hiding lets F move far enough is hidden, "cheapest" being
//!    the smallest sum of newly hidden values, then the fewest, then the
//!    first in a fixed enumeration. When no hypercube will do (linked
//!    tables, figures hemmed in by small neighbours), a linear programme
//!    finds a table that moves F far enough while changing as few cells as
//!    possible; it is rounded, checked exactly as a witness, and every figure
//!    it changes is hidden.
//! 4. *Fail-safe.* Should that fail too, every non-zero figure is hidden and
//!    each must still be shown wide enough, or the build stops naming the
//!    table; it never publishes a pattern it has not shown to be safe.
//!
//! **Soundness.** The reader's true interval contains every value a witness
//! shows, so a width shown by witnesses is never more than the reader's
//! real width: the rule can only err towards hiding more. The linear
//! programme's own optimum (real numbers, floating point) is used only where
//! an over-estimate is safe: to bound what hiding everything could achieve.
//!
//! **Linked tables.** Tables that declare one `population` are protected
//! together: a figure is named by the dimension values it fixes, so a
//! by-city table's Baku cell and the Baku total of a programme × city table
//! are one figure with one status, and the reader's unknowns are the cells
//! of all the tables at once (see [`super::group`]).
//!
//! Deterministic: no clock, no randomness, no hash order reaches a decision.
//! A table whose protection would exceed a fixed amount of work is refused
//! (split it, or merge values of a dimension) rather than published half
//! checked.

use super::group::{Group, GroupError, TableInput};
use super::lattice::Lattice;
use super::search::Search;
use std::fmt;

/// Largest ∏(nᵢ + 1) accepted for one table.
pub const MAX_FIGURES: usize = 10_000;

/// The thresholds of the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// N: counts 1..N−1 are never published.
    pub threshold: u64,
    /// P: every hidden figure's interval spans at least this much.
    pub protection: u64,
}

impl Rule {
    /// The rule for threshold N with the default protection level.
    pub fn new(threshold: u64) -> Rule {
        Rule {
            threshold,
            protection: default_protection(threshold),
        }
    }
}

/// ⌈N/2⌉: a reader keeps more than half of 1..N−1 open for a small count.
pub fn default_protection(threshold: u64) -> u64 {
    threshold.div_ceil(2)
}

/// N−2: a count marked "fewer than N" cannot range wider than 1..N−1.
pub fn max_protection(threshold: u64) -> u64 {
    threshold.saturating_sub(2)
}

/// What may be printed for one figure of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FigureStatus {
    /// The value may be printed.
    Published(u64),
    /// Hidden because the value itself is small (1 to N−1).
    Primary,
    /// Hidden so that a small value cannot be worked out or narrowed down.
    Secondary,
}

impl FigureStatus {
    /// True unless the figure is published.
    pub fn is_suppressed(self) -> bool {
        !matches!(self, FigureStatus::Published(_))
    }
}

/// Why a figure is hidden, as `ocaq check` reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reason {
    /// Its own value is small.
    Primary,
    /// Hidden so that another hidden figure of this table cannot be worked out.
    Secondary,
    /// Hidden so that another hidden figure of this table keeps a wide enough interval.
    Interval,
    /// Hidden for a figure of another table of the same population.
    Linked,
}

/// A hidden figure: why, and what a reader can tell of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hidden {
    /// Why it is hidden.
    pub reason: Reason,
    /// The reader cannot rule out this value or any above it up to `high`.
    pub low: u64,
    /// `None`: no upper limit.
    pub high: Option<u64>,
    /// The reader's interval is exactly `low..=high`, not merely at least it.
    pub exact: bool,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Primary => "primary",
            Reason::Secondary => "secondary",
            Reason::Interval => "interval",
            Reason::Linked => "linked",
        })
    }
}

impl Hidden {
    /// `high − low`, `None` when unbounded.
    pub fn width(&self) -> Option<u64> {
        self.high.map(|h| h.saturating_sub(self.low))
    }
}

/// Why a table (or population) cannot be protected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProtectError {
    /// Wrong number of cells, or too many figures.
    Shape {
        /// The table's position in the group.
        table: usize,
        /// What is wrong, in words.
        message: String,
    },
    /// Two linked tables give one figure different values.
    Disagree {
        /// The first table's position in the group.
        first: usize,
        /// The second table's position in the group.
        second: usize,
        /// The figure: (dimension, value index) for each fixed dimension.
        figure: Vec<(String, usize)>,
        /// Its value in the first table.
        first_value: u64,
        /// Its value in the second table.
        second_value: u64,
    },
    /// The marks alone ("fewer than N", "not shown", zeros) give a count away.
    MarksGiveAway {
        /// The table's position in the group.
        table: usize,
        /// The figure given away.
        figure: Coord,
    },
    /// No pattern could be shown safe.
    Unprotectable {
        /// The table's position in the group.
        table: usize,
        /// The figure left unsafe.
        figure: Coord,
    },
    /// Protection would take more work than allowed.
    TooMuchWork {
        /// The table's position in the group.
        table: usize,
    },
}

impl fmt::Display for ProtectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProtectError::Shape { message, .. } => f.write_str(message),
            ProtectError::Disagree { figure, first_value, second_value, .. } => write!(
                f,
                "two tables of the population give {} different values: {first_value} and {second_value}",
                describe_key(figure)
            ),
            ProtectError::MarksGiveAway { .. } => f.write_str(
                "its counts are so small that the \"fewer than\" marks alone give one of them away",
            ),
            ProtectError::Unprotectable { .. } => {
                f.write_str("no way of hiding figures was found that keeps every hidden count safe")
            }
            ProtectError::TooMuchWork { .. } => {
                f.write_str("it is too large to check for privacy in reasonable time")
            }
        }
    }
}

fn describe_key(key: &[(String, usize)]) -> String {
    if key.is_empty() {
        return "the grand total".into();
    }
    let parts: Vec<String> = key.iter().map(|(d, v)| format!("{d} #{}", v + 1)).collect();
    format!("the figure for {}", parts.join(", "))
}

impl From<GroupError> for ProtectError {
    fn from(e: GroupError) -> ProtectError {
        match e {
            GroupError::Shape { table, message } => ProtectError::Shape { table, message },
            GroupError::Disagree {
                first,
                second,
                figure,
                first_value,
                second_value,
            } => ProtectError::Disagree {
                first,
                second,
                figure,
                first_value,
                second_value,
            },
        }
    }
}

/// A figure's position: per dimension, a value index, or `None` for its total.
pub type Coord = Vec<Option<usize>>;

/// The decided status of every figure of one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub(crate) lattice: Lattice,
    pub(crate) statuses: Vec<FigureStatus>,
    pub(crate) hidden: Vec<Option<Hidden>>,
    pub(crate) order: Vec<usize>,
}

impl Pattern {
    /// Number of values of each dimension.
    pub fn sizes(&self) -> &[usize] {
        self.lattice.sizes()
    }

    /// Status of the figure at `coord`; `None` if `coord` is outside the table.
    pub fn status(&self, coord: &[Option<usize>]) -> Option<FigureStatus> {
        self.lattice
            .index(coord)
            .and_then(|i| self.statuses.get(i).copied())
    }

    /// Why the figure at `coord` is hidden and how wide the reader's interval is.
    pub fn hidden(&self, coord: &[Option<usize>]) -> Option<Hidden> {
        self.lattice
            .index(coord)
            .and_then(|i| self.hidden.get(i).copied().flatten())
    }

    /// Every figure with its status, in the canonical order (cells first).
    pub fn figures(&self) -> impl Iterator<Item = (Coord, FigureStatus)> + '_ {
        self.order.iter().filter_map(move |&i| {
            let status = *self.statuses.get(i)?;
            Some((self.lattice.coord(i), status))
        })
    }

    /// Every hidden figure with why and its interval, in the canonical order.
    pub fn hidden_figures(&self) -> impl Iterator<Item = (Coord, Hidden)> + '_ {
        self.order.iter().filter_map(move |&i| {
            let h = (*self.hidden.get(i)?)?;
            Some((self.lattice.coord(i), h))
        })
    }
}

/// Decides which figures of a table may be published, with the default
/// protection level; see the module docs.
///
/// `cells` are in row-major order over `sizes` (the last dimension varies
/// fastest); `threshold` is N: values 1..N−1 are never published.
pub fn protect(sizes: &[usize], cells: &[u64], threshold: u64) -> Result<Pattern, ProtectError> {
    protect_table(sizes, cells, Rule::new(threshold))
}

/// [`protect`] with an explicit rule.
pub fn protect_table(sizes: &[usize], cells: &[u64], rule: Rule) -> Result<Pattern, ProtectError> {
    let input = TableInput {
        dims: (0..sizes.len()).map(|k| k.to_string()).collect(),
        sizes: sizes.to_vec(),
        cells: cells.to_vec(),
    };
    let mut patterns = protect_linked(&[input], rule)?;
    patterns.pop().ok_or(ProtectError::Unprotectable {
        table: 0,
        figure: Vec::new(),
    })
}

/// Protects tables of one population together: one pattern per table, in order.
pub fn protect_linked(inputs: &[TableInput], rule: Rule) -> Result<Vec<Pattern>, ProtectError> {
    let group = Group::new(inputs, MAX_FIGURES)?;
    let mut search = Search::new(&group, rule);
    search.run()?;
    search.finish_intervals();
    Ok((0..group.tables.len()).map(|t| search.pattern(t)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(sizes: &[usize], cells: &[u64]) -> Pattern {
        protect(sizes, cells, 10).unwrap_or_else(|e| panic!("{e}"))
    }

    fn hidden(p: &Pattern) -> Vec<(Coord, FigureStatus)> {
        p.figures().filter(|(_, s)| s.is_suppressed()).collect()
    }

    #[test]
    fn what_check_reports_of_a_hidden_figure() {
        // `ocaq check` lists each hidden figure with its reason and the width of what
        // a reader can tell of it ("a reader can tell only 1–9, width 8").
        let p = pattern(&[2, 3], &[3, 40, 25, 30, 12, 50]);
        assert_eq!(p.sizes(), &[2, 3]);
        let h = p
            .hidden(&[Some(0), Some(0)])
            .unwrap_or_else(|| panic!("{p:?}"));
        assert_eq!(
            (h.reason.to_string(), h.width()),
            ("primary".into(), Some(8))
        );
        let open = Hidden {
            reason: Reason::Interval,
            low: 10,
            high: None,
            exact: false,
        };
        assert_eq!(open.width(), None);
        let words: Vec<String> = [
            Reason::Primary,
            Reason::Secondary,
            Reason::Interval,
            Reason::Linked,
        ]
        .iter()
        .map(Reason::to_string)
        .collect();
        assert_eq!(words, ["primary", "secondary", "interval", "linked"]);
    }

    #[test]
    fn refusals_say_which_figure_and_why_in_words() {
        let disagree = |figure: Vec<(String, usize)>| ProtectError::Disagree {
            first: 0,
            second: 1,
            figure,
            first_value: 12,
            second_value: 13,
        };
        assert_eq!(
            disagree(vec![("city".into(), 1), ("programme".into(), 0)]).to_string(),
            "two tables of the population give the figure for city #2, programme #1 different values: 12 and 13"
        );
        assert_eq!(
            disagree(Vec::new()).to_string(),
            "two tables of the population give the grand total different values: 12 and 13"
        );
        let shape = ProtectError::Shape {
            table: 0,
            message: "6 cells expected, 5 given".into(),
        };
        assert_eq!(shape.to_string(), "6 cells expected, 5 given");
        assert!(ProtectError::MarksGiveAway {
            table: 0,
            figure: vec![None]
        }
        .to_string()
        .contains("\"fewer than\" marks alone give one of them away"));
        assert!(ProtectError::TooMuchWork { table: 0 }
            .to_string()
            .contains("too large"));
    }

    #[test]
    fn small_values_are_primary_and_zero_is_published() {
        let p = pattern(&[3], &[0, 3, 0]);
        assert_eq!(p.status(&[Some(0)]), Some(FigureStatus::Published(0)));
        assert_eq!(p.status(&[Some(1)]), Some(FigureStatus::Primary));
        // The total is 3 too: small, so primary; the two move together, 1..9.
        assert_eq!(p.status(&[None]), Some(FigureStatus::Primary));
        let h = p.hidden(&[Some(1)]).unwrap_or_else(|| panic!("{p:?}"));
        assert_eq!(
            (h.low, h.high, h.exact, h.reason),
            (1, Some(9), true, Reason::Primary)
        );
    }

    #[test]
    fn one_small_cell_takes_the_smallest_other_cell_with_it() {
        // Baku 3, Ganja 40, Sumgait 25: hiding 25 leaves 3 anywhere in 1..9.
        let p = pattern(&[3], &[3, 40, 25]);
        assert_eq!(
            hidden(&p),
            vec![
                (vec![Some(0)], FigureStatus::Primary),
                (vec![Some(2)], FigureStatus::Secondary)
            ]
        );
        assert_eq!(p.status(&[None]), Some(FigureStatus::Published(68)));
        let h = p.hidden(&[Some(2)]).unwrap_or_else(|| panic!("{p:?}"));
        assert_eq!((h.low, h.high, h.reason), (19, Some(27), Reason::Secondary));
    }

    #[test]
    fn ties_go_to_the_value_listed_first() {
        let p = pattern(&[3], &[3, 20, 20]);
        assert_eq!(p.status(&[Some(1)]), Some(FigureStatus::Secondary));
        assert_eq!(p.status(&[Some(2)]), Some(FigureStatus::Published(20)));
    }

    #[test]
    fn two_ones_beside_baku_hide_baku_and_keep_the_total() {
        let p = pattern(&[3], &[41, 1, 1]);
        assert_eq!(p.status(&[Some(0)]), Some(FigureStatus::Secondary));
        assert_eq!(p.status(&[None]), Some(FigureStatus::Published(43)));
        // Baku is 43 − (1..9) − (1..9): 25..41.
        let h = p.hidden(&[Some(0)]).unwrap_or_else(|| panic!("{p:?}"));
        assert_eq!((h.low, h.high, h.exact), (25, Some(41), true));
    }

    #[test]
    fn a_two_way_table_hides_the_cheapest_rectangle() {
        // rows: family-care, youth; columns: baku, ganja, sumqayit.
        let p = pattern(&[2, 3], &[3, 50, 60, 40, 30, 70]);
        let coords: Vec<Coord> = hidden(&p).into_iter().map(|(c, _)| c).collect();
        assert_eq!(
            coords,
            vec![
                vec![Some(0), Some(0)],
                vec![Some(0), Some(1)],
                vec![Some(1), Some(0)],
                vec![Some(1), Some(1)],
            ]
        );
        assert_eq!(
            p.status(&[Some(0), None]),
            Some(FigureStatus::Published(113))
        );
        assert_eq!(p.status(&[None, None]), Some(FigureStatus::Published(253)));
    }

    #[test]
    fn a_table_with_nothing_small_publishes_everything() {
        let p = pattern(&[2, 2], &[10, 20, 30, 0]);
        assert!(p.figures().all(|(_, s)| !s.is_suppressed()));
        assert_eq!(p.figures().count(), 9);
    }

    #[test]
    fn wrong_shapes_are_refused_not_panicked_on() {
        assert!(matches!(
            protect(&[2, 2], &[1, 2, 3], 10),
            Err(ProtectError::Shape { table: 0, .. })
        ));
        assert!(matches!(
            protect(&[100, 100], &[], 10),
            Err(ProtectError::Shape { .. })
        ));
        let p = pattern(&[2], &[1, 2]);
        assert_eq!(p.status(&[Some(2)]), None);
        assert_eq!(p.status(&[Some(0), None]), None);
    }

    #[test]
    fn the_default_protection_level_is_half_the_threshold_rounded_up() {
        assert_eq!((default_protection(10), max_protection(10)), (5, 8));
        assert_eq!((default_protection(5), max_protection(5)), (3, 3));
        assert_eq!(
            Rule::new(11),
            Rule {
                threshold: 11,
                protection: 6
            }
        );
    }
}
