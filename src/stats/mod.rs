//! Statistics about the children in care, published without giving anyone away.
//!
//! `content/statistics.yaml` holds aggregated counts only. [`parse`] reads and
//! checks it; each table is then protected once, over all of its figures (see
//! [`disclosure`]): no count from 1 to `suppress_below − 1` is ever printed,
//! nor anything from which one could be worked out by subtraction. Pages show
//! the tables through a fenced `stats` block ([`Statistics::render_block`])
//! and single figures through `{{stat …}}` ([`Statistics::render_inline`]);
//! both read only the decided pattern, never the raw counts.

pub mod disclosure;
mod group;
mod hypercube;
mod lattice;
mod lp;
pub mod model;
mod population;
pub mod render;
mod search;

pub use disclosure::{FigureStatus, Hidden, Pattern, Reason, Rule};
pub use group::TableInput;
pub use model::parse;

use crate::diagnostic::Diagnostic;
use serde::Serialize;
use std::collections::BTreeMap;

/// The page's language and wording, as the theme's Fluent files give them.
pub trait StatsText {
    /// Localized message by Fluent key with integer arguments, e.g. ("stats-fewer-than", &[("n", 10)]).
    fn message(&self, key: &str, args: &[(&str, i64)]) -> String;
    /// A count formatted for the page language (az `1.234`, en `1,234`).
    fn number(&self, n: u64) -> String;
    /// A `YYYY-MM-DD` date formatted for the page language (az `30 iyun 2026`).
    fn date(&self, iso: &str) -> String;
}

/// A text in each of the site's languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`; if missing (never, after [`parse`]), the first one there is.
    pub fn get(&self, lang: &str) -> &str {
        self.0
            .get(lang)
            .or_else(|| self.0.values().next())
            .map_or("", String::as_str)
    }
}

/// One value of a dimension (`baku`) with its names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DimensionValue {
    /// The id used in rows and in `{{stat … city=baku}}`.
    pub id: String,
    /// Its name in each language.
    pub label: Localized,
}

/// A dimension of a table, its values in the order of `labels`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dimension {
    /// The id (`city`).
    pub id: String,
    /// Every value listed under `labels`, in that order.
    pub values: Vec<DimensionValue>,
}

/// One table: a full cross-classification of counts, already protected.
///
/// The raw counts are not kept: everything that can be shown comes from
/// [`Table::pattern`], where suppressed figures carry no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The id pages use.
    pub id: String,
    /// The heading.
    pub title: Localized,
    /// An optional line shown under the heading.
    pub description: Option<Localized>,
    /// The population it counts, if declared: tables of one population are protected together.
    pub population: Option<String>,
    /// The dimensions, in the order the table lists them.
    pub dimensions: Vec<Dimension>,
    /// What may be shown of each figure.
    pub pattern: Pattern,
}

impl Table {
    /// The status of the figure with the given values fixed (others totalled).
    pub fn figure(&self, coord: &[Option<usize>]) -> Option<FigureStatus> {
        self.pattern.status(coord)
    }

    /// Index of dimension `id` in this table.
    pub fn dimension_index(&self, id: &str) -> Option<usize> {
        self.dimensions.iter().position(|d| d.id == id)
    }

    /// English description of a figure: "Family-based care × Baku", "total for Baku", "grand total".
    pub fn describe(&self, coord: &[Option<usize>]) -> String {
        let names: Vec<&str> = self
            .dimensions
            .iter()
            .zip(coord)
            .filter_map(|(d, c)| c.and_then(|i| d.values.get(i)))
            .map(|v| v.label.get("en"))
            .collect();
        if names.is_empty() {
            "grand total".to_string()
        } else if names.len() == self.dimensions.len() {
            names.join(" × ")
        } else {
            format!("total for {}", names.join(" × "))
        }
    }
}

/// The checked contents of `content/statistics.yaml`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Statistics {
    /// The date the figures are true on, `YYYY-MM-DD`.
    pub as_of: String,
    /// Where the figures come from.
    pub source: Localized,
    /// Counts from 1 to this minus one are never published.
    pub suppress_below: u64,
    /// Every hidden figure's interval spans at least this much.
    pub protection_level: u64,
    /// The tables, in file order.
    pub tables: Vec<Table>,
    /// Things `check` should mention (tables that look linked but are not).
    pub warnings: Vec<Diagnostic>,
}

/// One hidden figure, for `ocaq check` (text and JSON alike).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suppressed {
    /// The table's id.
    pub table: String,
    /// The figure in English: "Family-based care × Baku", "total for Baku", "grand total".
    pub figure: String,
    /// Why it is hidden: `primary`, `secondary`, `interval` or `linked`.
    pub kind: Reason,
    /// The smallest value a reader cannot rule out.
    pub low: u64,
    /// The largest; `None` when a reader has no upper limit.
    pub high: Option<u64>,
    /// `high − low`; `None` when unbounded.
    pub width: Option<u64>,
    /// False when the reader's interval may be wider still (large tables).
    pub exact: bool,
}

impl Suppressed {
    /// One line of `ocaq check`'s text report.
    pub fn line(&self) -> String {
        let why = match self.kind {
            Reason::Primary => "a count under the threshold",
            Reason::Secondary => "would let a hidden count be worked out",
            Reason::Interval => "would narrow a hidden count too far",
            Reason::Linked => "hidden with a linked table of the same population",
        };
        let interval = match self.high {
            Some(h) => format!("{}–{}", self.low, h),
            None => format!("{} or more", self.low),
        };
        let width = match self.width {
            Some(w) if self.exact => format!("width {w}"),
            Some(w) => format!("width at least {w}"),
            None => "no upper limit".to_string(),
        };
        format!(
            "{}: {} — {} ({why}); a reader can tell only {interval}, {width}",
            self.table, self.figure, self.kind
        )
    }
}

/// Why a `stats` block or a `{{stat …}}` figure cannot be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsUseError {
    /// 1-based line inside the block; 0 when it does not apply.
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

impl Statistics {
    /// The table with this id.
    pub fn table(&self, id: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.id == id)
    }

    /// Every hidden figure of every table, tables in file order, figures cells first.
    pub fn suppression_report(&self) -> Vec<Suppressed> {
        let mut out = Vec::new();
        for table in &self.tables {
            for (coord, h) in table.pattern.hidden_figures() {
                out.push(Suppressed {
                    table: table.id.clone(),
                    figure: table.describe(&coord),
                    kind: h.reason,
                    low: h.low,
                    high: h.high,
                    width: h.width(),
                    exact: h.exact,
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_report_names_hidden_figures_in_english_with_labels() {
        let text = "\
as_of: 2026-06-30
source: {az: Mənbə, en: Source}
labels:
  programme: {family-care: {az: Ailə əsaslı qayğı, en: Family-based care}, youth: {az: Gənclər, en: Youth}}
  city: {baku: {az: Bakı, en: Baku}, ganja: {az: Gəncə, en: Ganja}}
tables:
  - id: care
    title: {az: Qayğı, en: Care}
    dimensions: [programme, city]
    rows:
      - {programme: family-care, city: baku, count: 4}
      - {programme: family-care, city: ganja, count: 30}
      - {programme: youth, city: ganja, count: 50}
  - id: cities
    title: {az: Şəhərlər, en: Cities}
    dimensions: [city]
    rows:
      - {city: baku, count: 3}
";
        let langs = vec!["az".to_string(), "en".to_string()];
        let stats = parse(Path::new("s.yaml"), text, &langs).unwrap_or_else(|e| panic!("{e:#?}"));
        let report: Vec<(String, String, Reason)> = stats
            .suppression_report()
            .into_iter()
            .map(|s| (s.table, s.figure, s.kind))
            .collect();
        let row = |t: &str, f: &str, k| (t.to_string(), f.to_string(), k);
        use Reason::{Primary, Secondary};
        assert_eq!(
            report,
            vec![
                row("care", "Family-based care × Baku", Primary),
                row("care", "Family-based care × Ganja", Secondary),
                row("care", "total for Baku", Primary),
                row("care", "total for Ganja", Secondary),
                row("cities", "Baku", Primary),
                row("cities", "grand total", Primary),
            ]
        );
    }

    #[test]
    fn a_missing_language_falls_back_rather_than_printing_nothing() {
        let mut texts = BTreeMap::new();
        texts.insert("az".to_string(), "Bakı".to_string());
        let l = Localized(texts);
        assert_eq!(l.get("az"), "Bakı");
        assert_eq!(l.get("en"), "Bakı");
        assert_eq!(Localized::default().get("en"), "");
    }
}
