//! HTML for a fenced `stats` block and for an inline `{{stat …}}` figure.
//!
//! Everything shown comes from a table's decided [`Pattern`](super::Pattern):
//! a suppressed figure has no value to print, so no view can leak one. The
//! output carries no `style` attribute, `<style>` element or script (the site
//! runs under a strict Content-Security-Policy): only classes and SVG
//! presentation attributes.

use super::model::{read_yaml, NodeValue};
use super::{DimensionValue, FigureStatus, Statistics, StatsText, StatsUseError, Table};
use crate::suggest::{did_you_mean, hint_with, nearest_named, phrase};

/// Drawing width of the longest bar, in SVG user units.
// Narrow enough that its 14-unit text stays readable when a phone scales it to ~300 px.
const BAR_WIDTH: u64 = 260;
/// Width of the outlined stub drawn for a hidden figure.
const STUB_WIDTH: u64 = 16;
/// Height of one category of the chart: its label, then its bar.
const ROW_HEIGHT: u64 = 44;
/// The mark after a figure hidden because it is small.
const PRIMARY_MARK: &str = "*";
/// The mark after a figure hidden so that a small one cannot be worked out.
const SECONDARY_MARK: &str = "†";

/// How a block shows its table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum View {
    /// Rows by one dimension, columns by another, with totals.
    Cross { rows: usize, cols: usize },
    /// One line per value of one dimension, then the total.
    Breakdown { dim: usize },
}

/// Which marks a view used, so the note explains only those.
#[derive(Debug, Default)]
struct Marks {
    primary: bool,
    secondary: bool,
}

impl Statistics {
    /// Renders a fenced ```` ```stats ```` block: `table: <id>`, optionally `by: <dimension>`.
    ///
    /// `index` numbers the blocks of a page from 1 and keeps element ids unique.
    pub fn render_block(
        &self,
        body: &str,
        lang: &str,
        text: &dyn StatsText,
        index: usize,
    ) -> Result<String, StatsUseError> {
        let (table, view) = self.block_view(body)?;
        let mut marks = Marks::default();
        let mut html = String::new();
        let title_id = format!("stats-{index}-title");
        // The table scrolls sideways on a narrow screen (style.css): focusable, so a
        // keyboard can scroll it too.
        html.push_str(&format!(
            "<figure class=\"stats\" aria-labelledby=\"{title_id}\">\n<table class=\"stats-table\" tabindex=\"0\">\n<caption id=\"{title_id}\">{}",
            escape(table.title.get(lang))
        ));
        if let Some(d) = &table.description {
            html.push_str(&format!(
                "<br><span class=\"stats-description\">{}</span>",
                escape(d.get(lang))
            ));
        }
        html.push_str("</caption>\n");
        let total = escape(&text.message("stats-total", &[]));
        let categories = match view {
            View::Cross { rows, cols } => {
                html.push_str(&self.cross_table(table, rows, cols, lang, text, &mut marks));
                rows
            }
            View::Breakdown { dim } => {
                let count = escape(&text.message("stats-count", &[]));
                html.push_str(&format!(
                    "<thead>\n<tr><td></td><th scope=\"col\">{count}</th></tr>\n</thead>\n<tbody>\n"
                ));
                let dimension = table.dimensions.get(dim).map_or(&[][..], |d| &d.values[..]);
                for (i, value) in dimension.iter().enumerate() {
                    let coord = fixed(table, &[(dim, i)]);
                    html.push_str(&format!(
                        "<tr><th scope=\"row\">{}</th>{}</tr>\n",
                        escape(value.label.get(lang)),
                        self.td(table.figure(&coord), text, &mut marks)
                    ));
                }
                let grand = fixed(table, &[]);
                html.push_str(&format!(
                    "</tbody>\n<tfoot>\n<tr><th scope=\"row\">{total}</th>{}</tr>\n</tfoot>\n",
                    self.td(table.figure(&grand), text, &mut marks)
                ));
                dim
            }
        };
        html.push_str("</table>\n");
        html.push_str(&self.note(text, &marks));
        let when = if self.as_of == super::model::UNDATED {
            escape(&text.message("stats-undated", &[]))
        } else {
            format!(
                "{}: <time datetime=\"{}\">{}</time>",
                escape(&text.message("stats-as-of", &[])),
                escape(&self.as_of),
                escape(&text.date(&self.as_of))
            )
        };
        html.push_str(&format!(
            "<p class=\"stats-meta\">{when}. {}: {}</p>\n",
            escape(&text.message("stats-source", &[])),
            escape(self.source.get(lang)),
        ));
        html.push_str(&self.chart(table, categories, lang, text, index));
        html.push_str("</figure>\n");
        Ok(html)
    }

    /// Renders `{{stat <table> [dimension=value …]}}`: the total with those values fixed.
    pub fn render_inline(
        &self,
        spec: &str,
        lang: &str,
        text: &dyn StatsText,
    ) -> Result<String, StatsUseError> {
        let _ = lang;
        let mut words = spec.split_whitespace();
        let Some(id) = words.next() else {
            return Err(use_error(
                0,
                "`{{stat}}` does not say which table",
                format!(
                    "write `{{{{stat <table>}}}}` with one of: {}",
                    self.table_ids()
                ),
            ));
        };
        let table = self.find_table(id, 0)?;
        let mut coord = vec![None; table.dimensions.len()];
        for word in words {
            let Some((dim_id, value_id)) = word.split_once('=') else {
                return Err(use_error(
                    0,
                    format!("`{word}` in `{{{{stat {spec}}}}}` is not `dimension=value`"),
                    format!(
                        "write it like `{}=…`; this table's dimensions are: {}",
                        first_dim(table),
                        dim_ids(table)
                    ),
                ));
            };
            let Some(d) = table.dimension_index(dim_id) else {
                return Err(use_error(
                    0,
                    format!("the table `{}` has no dimension `{dim_id}`", table.id),
                    hint_with(
                        did_you_mean(dim_id, dims(table)),
                        &format!("its dimensions are: {}", dim_ids(table)),
                        &format!("its dimensions are: {}", dim_ids(table)),
                    ),
                ));
            };
            let values = table.dimensions.get(d).map_or(&[][..], |d| &d.values[..]);
            let Some(v) = values.iter().position(|v| v.id == value_id) else {
                let known: Vec<&str> = values.iter().map(|v| v.id.as_str()).collect();
                let list = format!("the values of `{dim_id}` are: {}", known.join(", "));
                return Err(use_error(
                    0,
                    format!("`{value_id}` is not a value of `{dim_id}`"),
                    hint_with(
                        phrase(&nearest_named(value_id, named(values))),
                        &list,
                        &list,
                    ),
                ));
            };
            let Some(slot) = coord.get_mut(d) else {
                continue;
            };
            if slot.is_some() {
                return Err(use_error(
                    0,
                    format!("`{dim_id}` is given twice in `{{{{stat {spec}}}}}`"),
                    "give each dimension once",
                ));
            }
            *slot = Some(v);
        }
        let status = table.figure(&coord);
        Ok(match status {
            Some(FigureStatus::Published(n)) => {
                format!("<span class=\"stat\">{}</span>", escape(&text.number(n)))
            }
            Some(FigureStatus::Primary) => format!(
                "<span class=\"stat suppressed\">{}</span>",
                escape(&self.fewer_than(text))
            ),
            // A figure missing from the pattern is treated as hidden, never guessed.
            Some(FigureStatus::Secondary) | None => format!(
                "<span class=\"stat suppressed\">{}</span>",
                escape(&text.message("stats-hidden", &[]))
            ),
        })
    }

    /// Reads a block's body into the table and how to show it.
    fn block_view(&self, body: &str) -> Result<(&Table, View), StatsUseError> {
        let root = read_yaml(body).map_err(|e| use_error(e.line, e.message, e.hint))?;
        let Some(entries) = root.entries() else {
            return Err(use_error(
                root.line,
                "a `stats` block must say which table to show",
                format!("write `table: <id>` with one of: {}", self.table_ids()),
            ));
        };
        for (key, _) in entries {
            let name = key.text().unwrap_or("");
            if name != "table" && name != "by" {
                return Err(use_error(
                    key.line,
                    format!("unknown key `{name}` in a `stats` block"),
                    hint_with(
                        did_you_mean(name, ["table", "by"]),
                        "",
                        "a `stats` block may have only `table:` and `by:`",
                    ),
                ));
            }
        }
        let Some((_, id_node)) = root.get("table") else {
            return Err(use_error(
                root.line,
                "this `stats` block does not say which table to show",
                format!("add `table: <id>` with one of: {}", self.table_ids()),
            ));
        };
        let id = id_node.text().unwrap_or("");
        let table = self.find_table(id, id_node.line)?;
        let view = match root.get("by") {
            Some((_, by_node)) => {
                let by = match &by_node.value {
                    NodeValue::Null => "",
                    _ => by_node.text().unwrap_or(""),
                };
                let Some(dim) = table.dimension_index(by) else {
                    return Err(use_error(
                        by_node.line,
                        format!("the table `{}` has no dimension `{by}`", table.id),
                        hint_with(
                            did_you_mean(by, dims(table)),
                            &format!("its dimensions are: {}", dim_ids(table)),
                            &format!("write `by:` with one of: {}", dim_ids(table)),
                        ),
                    ));
                };
                View::Breakdown { dim }
            }
            None => match table.dimensions.len() {
                1 => View::Breakdown { dim: 0 },
                2 => View::Cross { rows: 0, cols: 1 },
                n => {
                    return Err(use_error(
                        id_node.line,
                        format!(
                            "the table `{}` has {n} dimensions, too many to show at once",
                            table.id
                        ),
                        format!("add `by:` with one of: {}", dim_ids(table)),
                    ))
                }
            },
        };
        Ok((table, view))
    }

    fn find_table(&self, id: &str, line: usize) -> Result<&Table, StatsUseError> {
        self.table(id).ok_or_else(|| {
            use_error(
                line,
                format!("there is no table `{id}` in the statistics file"),
                hint_with(
                    did_you_mean(id, self.tables.iter().map(|t| t.id.as_str())),
                    &format!("the tables are: {}", self.table_ids()),
                    &format!("use one of: {}", self.table_ids()),
                ),
            )
        })
    }

    fn table_ids(&self) -> String {
        let ids: Vec<&str> = self.tables.iter().map(|t| t.id.as_str()).collect();
        ids.join(", ")
    }

    /// Body of a cross-table: header row, one row per value of `rows`, totals.
    fn cross_table(
        &self,
        table: &Table,
        rows: usize,
        cols: usize,
        lang: &str,
        text: &dyn StatsText,
        marks: &mut Marks,
    ) -> String {
        let total = escape(&text.message("stats-total", &[]));
        let row_values = table
            .dimensions
            .get(rows)
            .map_or(&[][..], |d| &d.values[..]);
        let col_values = table
            .dimensions
            .get(cols)
            .map_or(&[][..], |d| &d.values[..]);
        let mut html = String::from("<thead>\n<tr><td></td>");
        for v in col_values {
            html.push_str(&format!(
                "<th scope=\"col\">{}</th>",
                escape(v.label.get(lang))
            ));
        }
        html.push_str(&format!(
            "<th scope=\"col\">{total}</th></tr>\n</thead>\n<tbody>\n"
        ));
        for (r, rv) in row_values.iter().enumerate() {
            html.push_str(&format!(
                "<tr><th scope=\"row\">{}</th>",
                escape(rv.label.get(lang))
            ));
            for c in 0..col_values.len() {
                let coord = fixed(table, &[(rows, r), (cols, c)]);
                html.push_str(&self.td(table.figure(&coord), text, marks));
            }
            let coord = fixed(table, &[(rows, r)]);
            html.push_str(&self.td(table.figure(&coord), text, marks));
            html.push_str("</tr>\n");
        }
        html.push_str(&format!(
            "</tbody>\n<tfoot>\n<tr><th scope=\"row\">{total}</th>"
        ));
        for c in 0..col_values.len() {
            let coord = fixed(table, &[(cols, c)]);
            html.push_str(&self.td(table.figure(&coord), text, marks));
        }
        let grand = fixed(table, &[]);
        html.push_str(&self.td(table.figure(&grand), text, marks));
        html.push_str("</tr>\n</tfoot>\n");
        html
    }

    /// A table cell for a figure: its number, or the mark of why it is hidden.
    fn td(&self, status: Option<FigureStatus>, text: &dyn StatsText, marks: &mut Marks) -> String {
        match status {
            Some(FigureStatus::Published(n)) => format!("<td>{}</td>", escape(&text.number(n))),
            Some(FigureStatus::Primary) => {
                marks.primary = true;
                format!(
                    "<td class=\"suppressed\">{}<sup class=\"stats-mark\">{PRIMARY_MARK}</sup></td>",
                    escape(&self.fewer_than(text))
                )
            }
            Some(FigureStatus::Secondary) | None => {
                marks.secondary = true;
                format!(
                    "<td class=\"suppressed\">{}<sup class=\"stats-mark\">{SECONDARY_MARK}</sup></td>",
                    escape(&text.message("stats-hidden", &[]))
                )
            }
        }
    }

    /// "fewer than 10" in the page language.
    fn fewer_than(&self, text: &dyn StatsText) -> String {
        let n = i64::try_from(self.suppress_below).unwrap_or(i64::MAX);
        text.message(
            "stats-fewer-than",
            &[("n", n), ("max", n.saturating_sub(1))],
        )
    }

    /// The note under the table explaining the marks used, if any.
    fn note(&self, text: &dyn StatsText, marks: &Marks) -> String {
        if !marks.primary && !marks.secondary {
            return String::new();
        }
        let n = i64::try_from(self.suppress_below).unwrap_or(i64::MAX);
        let args = [("n", n), ("max", n.saturating_sub(1))];
        let mut parts = Vec::new();
        if marks.primary {
            parts.push(format!(
                "<sup class=\"stats-mark\">{PRIMARY_MARK}</sup> {}",
                escape(&text.message("stats-note-primary", &args))
            ));
        }
        if marks.secondary {
            parts.push(format!(
                "<sup class=\"stats-mark\">{SECONDARY_MARK}</sup> {}",
                escape(&text.message("stats-note-secondary", &args))
            ));
        }
        format!("<p class=\"stats-note\">{}</p>\n", parts.join(" "))
    }

    /// A horizontal bar chart of the totals for each value of dimension `dim`.
    fn chart(
        &self,
        table: &Table,
        dim: usize,
        lang: &str,
        text: &dyn StatsText,
        index: usize,
    ) -> String {
        let values = table.dimensions.get(dim).map_or(&[][..], |d| &d.values[..]);
        let statuses: Vec<Option<FigureStatus>> = (0..values.len())
            .map(|i| table.figure(&fixed(table, &[(dim, i)])))
            .collect();
        // Only published values set the scale: a hidden one must not shape it.
        let max = statuses
            .iter()
            .filter_map(|s| match s {
                Some(FigureStatus::Published(n)) => Some(*n),
                _ => None,
            })
            .max()
            .unwrap_or(0);
        let height = ROW_HEIGHT * values.len() as u64 + 4;
        let width = BAR_WIDTH + 100;
        let chart_title = format!(
            "{}: {}",
            text.message("stats-chart", &[]),
            table.title.get(lang)
        );
        let mut svg = format!(
            "<svg class=\"stats-chart\" role=\"img\" aria-labelledby=\"stats-{index}-chart-title\" viewBox=\"0 0 {width} {height}\" fill=\"currentColor\">\n<title id=\"stats-{index}-chart-title\">{}</title>\n",
            escape(&chart_title)
        );
        for (i, (value, status)) in values.iter().zip(&statuses).enumerate() {
            let top = ROW_HEIGHT * i as u64;
            let label_y = top + 14;
            let bar_y = top + 20;
            let text_y = top + 33;
            svg.push_str(&format!(
                "<text class=\"bar-label\" x=\"0\" y=\"{label_y}\">{}</text>\n",
                escape(value.label.get(lang))
            ));
            match status {
                Some(FigureStatus::Published(n)) => {
                    let w = scaled(*n, max);
                    if w > 0 {
                        svg.push_str(&format!(
                            "<rect class=\"bar\" x=\"0\" y=\"{bar_y}\" width=\"{w}\" height=\"16\"/>\n"
                        ));
                    }
                    svg.push_str(&format!(
                        "<text class=\"bar-value\" x=\"{}\" y=\"{text_y}\">{}</text>\n",
                        w + 6,
                        escape(&text.number(*n))
                    ));
                }
                other => {
                    let label = match other {
                        Some(FigureStatus::Primary) => self.fewer_than(text),
                        _ => text.message("stats-hidden", &[]),
                    };
                    svg.push_str(&format!(
                        "<rect class=\"bar-suppressed\" x=\"0.5\" y=\"{}\" width=\"{STUB_WIDTH}\" height=\"15\" fill=\"none\" stroke=\"currentColor\" stroke-dasharray=\"3 2\"/>\n",
                        bar_y
                    ));
                    svg.push_str(&format!(
                        "<text class=\"bar-value bar-suppressed-text\" x=\"{}\" y=\"{text_y}\">{}</text>\n",
                        STUB_WIDTH + 6,
                        escape(&label)
                    ));
                }
            }
        }
        svg.push_str("</svg>\n");
        svg
    }
}

/// Bar length for `n` when `max` is the longest; at least 1 for any non-zero value.
fn scaled(n: u64, max: u64) -> u64 {
    if n == 0 || max == 0 {
        return 0;
    }
    let w = u128::from(n) * u128::from(BAR_WIDTH) / u128::from(max);
    u64::try_from(w).unwrap_or(BAR_WIDTH).clamp(1, BAR_WIDTH)
}

/// A figure's coordinates: the given (dimension, value) pairs fixed, the rest totalled.
fn fixed(table: &Table, pairs: &[(usize, usize)]) -> Vec<Option<usize>> {
    let mut coord = vec![None; table.dimensions.len()];
    for &(d, v) in pairs {
        if let Some(slot) = coord.get_mut(d) {
            *slot = Some(v);
        }
    }
    coord
}

/// Each value's id with its names in every language, for "did you mean".
fn named(values: &[DimensionValue]) -> impl Iterator<Item = (&str, Vec<&str>)> {
    values.iter().map(|v| {
        (
            v.id.as_str(),
            v.label.0.values().map(String::as_str).collect(),
        )
    })
}

fn dims(table: &Table) -> impl Iterator<Item = &str> {
    table.dimensions.iter().map(|d| d.id.as_str())
}

fn dim_ids(table: &Table) -> String {
    dims(table).collect::<Vec<_>>().join(", ")
}

fn first_dim(table: &Table) -> &str {
    table.dimensions.first().map_or("city", |d| d.id.as_str())
}

fn use_error(line: usize, message: impl Into<String>, hint: impl Into<String>) -> StatsUseError {
    StatsUseError {
        line,
        message: message.into(),
        hint: hint.into(),
    }
}

/// Escapes text for HTML content and attribute values alike.
pub fn escape(s: &str) -> String {
    crate::escape::attr(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    /// A stand-in for the Fluent wording: English, numbers in brackets so that
    /// a printed count can be told from any other digits in the markup.
    struct Fake;

    impl StatsText for Fake {
        fn message(&self, key: &str, args: &[(&str, i64)]) -> String {
            let arg = |name: &str| {
                args.iter()
                    .find(|(k, _)| *k == name)
                    .map_or(String::from("?"), |(_, v)| v.to_string())
            };
            match key {
                "stats-fewer-than" => format!("fewer than {}", arg("n")),
                "stats-hidden" => "not shown".into(),
                "stats-total" => "Total".into(),
                "stats-count" => "Number".into(),
                "stats-note-primary" => format!("Fewer than {}: hidden.", arg("n")),
                "stats-note-secondary" => "Hidden too.".into(),
                "stats-as-of" => "Figures as of".into(),
                "stats-source" => "Source".into(),
                "stats-chart" => "Bar chart".into(),
                other => panic!("unknown key {other}"),
            }
        }
        fn number(&self, n: u64) -> String {
            format!("[{n}]")
        }
        fn date(&self, iso: &str) -> String {
            format!("date({iso})")
        }
    }

    const FIXTURE: &str = "\
as_of: 2026-06-30
source: {az: SOS Uşaq Kəndləri, en: SOS Children's Villages}
labels:
  programme:
    family-care: {az: Ailə əsaslı qayğı, en: Family-based care}
    youth: {az: Gənclər, en: Youth <16 & \"older\">}
  city: {baku: {az: Bakı, en: Baku}, ganja: {az: Gəncə, en: Ganja}, sumqayit: {az: Sumqayıt, en: Sumgait}}
tables:
  - id: children-in-care
    title: {az: Qayğıdakı uşaqlar, en: Children in <care> & 'more'}
    dimensions: [programme, city]
    rows:
      - {programme: family-care, city: baku, count: 3}
      - {programme: family-care, city: ganja, count: 40}
      - {programme: youth, city: baku, count: 25}
      - {programme: youth, city: ganja, count: 60}
  - id: by-city
    title: {az: Şəhərlər, en: Cities}
    description: {az: Təsvir, en: A description}
    dimensions: [city]
    rows:
      - {city: baku, count: 1234}
      - {city: ganja, count: 0}
  - id: small
    title: {az: Kiçik, en: Small}
    dimensions: [city]
    rows:
      - {city: baku, count: 4}
      - {city: ganja, count: 50}
      - {city: sumqayit, count: 70}
  - id: three-way
    title: {az: Üç, en: Three}
    dimensions: [programme, city, programme2]
    rows: []
";

    fn stats() -> Statistics {
        let text = FIXTURE.replace(
            "  city: {baku",
            "  programme2: {a: {az: a, en: a}}\n  city: {baku",
        );
        let langs = vec!["az".to_string(), "en".to_string()];
        super::super::parse(Path::new("s.yaml"), &text, &langs).unwrap_or_else(|e| panic!("{e:#?}"))
    }

    fn block(s: &Statistics, body: &str) -> String {
        s.render_block(body, "en", &Fake, 1)
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// Every view of the first table a page could show.
    fn every_view(s: &Statistics) -> String {
        let mut all = String::new();
        for body in [
            "table: children-in-care\n",
            "table: children-in-care\nby: programme\n",
            "table: children-in-care\nby: city\n",
        ] {
            all.push_str(&block(s, body));
        }
        for spec in [
            "children-in-care",
            "children-in-care programme=family-care",
            "children-in-care programme=youth",
            "children-in-care city=baku",
            "children-in-care city=ganja",
            "children-in-care programme=family-care city=baku",
            "children-in-care programme=family-care city=ganja",
            "children-in-care city=baku programme=youth",
            "children-in-care programme=youth city=ganja",
        ] {
            all.push_str(
                &s.render_inline(spec, "en", &Fake)
                    .unwrap_or_else(|e| panic!("{e:?}")),
            );
        }
        all
    }

    /// The text a reader sees: everything outside tags, split into words.
    fn words(html: &str) -> Vec<String> {
        let mut text = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    text.push(' ');
                }
                _ if !in_tag => text.push(c),
                _ => {}
            }
        }
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect()
    }

    #[test]
    fn a_cell_of_three_is_never_printed_nor_left_to_subtraction() {
        let s = stats();
        let html = every_view(&s);
        assert!(!html.contains("[3]"), "{html}");
        assert!(!words(&html).iter().any(|w| w == "3"), "{html}");
        // Family-based care: 3 + 40 = 43. Printing both 40 and 43 gives 3 away.
        assert!(!(html.contains("[40]") && html.contains("[43]")), "{html}");
        // Baku: 3 + 25 = 28.
        assert!(!(html.contains("[25]") && html.contains("[28]")), "{html}");
        assert!(html.contains("fewer than 10"));
        assert!(html.contains("not shown"));
    }

    #[test]
    fn a_cross_table_has_headers_totals_marks_and_notes() {
        let html = block(&stats(), "table: children-in-care\n");
        assert!(html.starts_with("<figure class=\"stats\" aria-labelledby=\"stats-1-title\">"));
        assert!(html.contains(
            "<caption id=\"stats-1-title\">Children in &lt;care&gt; &amp; &#39;more&#39;</caption>"
        ));
        assert!(html.contains("<th scope=\"col\">Baku</th><th scope=\"col\">Ganja</th><th scope=\"col\">Sumgait</th><th scope=\"col\">Total</th>"));
        // Structural zeros are published as 0.
        assert!(html.contains("<td>[0]</td><td>[43]</td>"), "{html}");
        assert!(html.contains("<th scope=\"row\">Youth &lt;16 &amp; &quot;older&quot;&gt;</th>"));
        assert!(html.contains(
            "<td class=\"suppressed\">fewer than 10<sup class=\"stats-mark\">*</sup></td>"
        ));
        assert!(html
            .contains("<td class=\"suppressed\">not shown<sup class=\"stats-mark\">†</sup></td>"));
        assert!(html.contains("<tfoot>\n<tr><th scope=\"row\">Total</th>"));
        assert!(
            html.contains("<td>[128]</td></tr>\n</tfoot>"),
            "grand total: {html}"
        );
        assert!(html.contains("<p class=\"stats-note\"><sup class=\"stats-mark\">*</sup> Fewer than 10: hidden. <sup class=\"stats-mark\">†</sup> Hidden too.</p>"));
        assert!(html.contains("<p class=\"stats-meta\">Figures as of: <time datetime=\"2026-06-30\">date(2026-06-30)</time>. Source: SOS Children&#39;s Villages</p>"));
        assert!(html.ends_with("</svg>\n</figure>\n"));
    }

    #[test]
    fn the_page_language_picks_the_labels() {
        let html = stats()
            .render_block("table: children-in-care", "az", &Fake, 1)
            .unwrap_or_default();
        assert!(
            html.contains("Qayğıdakı uşaqlar") && html.contains("Bakı") && html.contains("Gənclər")
        );
        assert!(!html.contains("Baku"));
    }

    #[test]
    fn a_breakdown_lists_values_then_the_total_and_notes_only_when_needed() {
        let html = block(&stats(), "table: by-city");
        assert!(html.contains("<caption id=\"stats-1-title\">Cities<br><span class=\"stats-description\">A description</span></caption>"));
        assert!(html.contains("<tr><td></td><th scope=\"col\">Number</th></tr>"));
        assert!(html.contains("<tr><th scope=\"row\">Baku</th><td>[1234]</td></tr>\n<tr><th scope=\"row\">Ganja</th><td>[0]</td></tr>\n<tr><th scope=\"row\">Sumgait</th><td>[0]</td></tr>"));
        assert!(html.contains("<tr><th scope=\"row\">Total</th><td>[1234]</td></tr>"));
        assert!(!html.contains("stats-note"), "nothing is hidden here");
    }

    #[test]
    fn the_chart_is_accessible_and_scaled_from_published_values_only() {
        let html = block(&stats(), "table: small");
        assert!(html.contains("<svg class=\"stats-chart\" role=\"img\" aria-labelledby=\"stats-1-chart-title\" viewBox=\"0 0 360 136\" fill=\"currentColor\">"), "{html}");
        assert!(html.contains("<title id=\"stats-1-chart-title\">Bar chart: Small</title>"));
        // Baku (4) and Ganja (hidden with it) are outlined stubs, never bars.
        assert_eq!(
            html.matches("<rect class=\"bar-suppressed\"").count(),
            2,
            "{html}"
        );
        assert!(html.contains(">fewer than 10</text>") && html.contains(">not shown</text>"));
        // Sumgait's 70 is the only published value: it alone sets the scale.
        assert!(
            html.contains(&format!(
                "<rect class=\"bar\" x=\"0\" y=\"108\" width=\"{BAR_WIDTH}\" height=\"16\"/>"
            )),
            "{html}"
        );
        assert_eq!(html.matches("<rect class=\"bar\"").count(), 1);
        // A published zero gets no bar at all.
        let html = block(&stats(), "table: by-city");
        assert!(html.contains("width=\"260\""));
        assert_eq!(html.matches("<rect").count(), 1);
        assert_eq!(scaled(1, 1_000_000), 1);
        assert_eq!(scaled(500, 1000), 130);
    }

    #[test]
    fn no_styles_no_scripts_unique_ids_and_the_same_output_twice() {
        let s = stats();
        let mut page = String::new();
        for (i, body) in [
            "table: children-in-care",
            "table: by-city",
            "table: children-in-care\nby: city",
        ]
        .iter()
        .enumerate()
        {
            page.push_str(&s.render_block(body, "en", &Fake, i + 1).unwrap_or_default());
        }
        assert!(!page.contains("style"), "{page}");
        assert!(!page.contains("<script"));
        let ids: Vec<&str> = page
            .split(" id=\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
            .collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        assert_eq!(ids.len(), unique.len(), "{ids:?}");
        assert_eq!(ids.len(), 6);
        assert!(unique.contains("stats-3-chart-title"));
        assert_eq!(every_view(&s), every_view(&s));
    }

    #[test]
    fn block_mistakes_are_located_inside_the_block() {
        let s = stats();
        let err = |body: &str| {
            s.render_block(body, "en", &Fake, 1)
                .err()
                .unwrap_or_else(|| panic!("no error for {body:?}"))
        };
        let e = err("by: city\ntable: nope\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("no table `nope`"), "{e:?}");
        assert!(
            e.hint
                .contains("children-in-care, by-city, small, three-way"),
            "{e:?}"
        );
        let e = err("table: children-in-care\nby: town\n");
        assert_eq!(e.line, 2);
        assert!(e.hint.contains("programme, city"), "{e:?}");
        let e = err("table: children-in-care\ncolour: red\n");
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown key `colour`"));
        let e = err("table: [children-in-care\n");
        assert!(e.line >= 1, "{e:?}");
        let e = err("table: three-way\n");
        assert!(e.message.contains("3 dimensions"), "{e:?}");
        assert!(err("").message.contains("which table"));
        assert!(err("by: city\n").message.contains("which table"));
        assert!(s
            .render_block("table: three-way\nby: city", "en", &Fake, 1)
            .is_ok());
    }

    #[test]
    fn inline_figures_read_the_same_pattern() {
        let s = stats();
        let inline = |spec: &str| s.render_inline(spec, "en", &Fake);
        assert_eq!(
            inline("by-city city=baku"),
            Ok("<span class=\"stat\">[1234]</span>".into())
        );
        assert_eq!(
            inline("by-city"),
            Ok("<span class=\"stat\">[1234]</span>".into())
        );
        assert_eq!(
            inline("children-in-care city=baku programme=family-care"),
            Ok("<span class=\"stat suppressed\">fewer than 10</span>".into())
        );
        assert_eq!(
            inline("children-in-care city=ganja programme=youth"),
            Ok("<span class=\"stat suppressed\">not shown</span>".into())
        );
        assert_eq!(
            inline("children-in-care programme=youth"),
            Ok("<span class=\"stat\">[85]</span>".into())
        );
        for (spec, needle) in [
            ("", "which table"),
            ("nope", "no table `nope`"),
            ("by-city town=baku", "no dimension `town`"),
            ("by-city city=paris", "`paris` is not a value"),
            ("by-city city", "not `dimension=value`"),
            ("by-city city=baku city=ganja", "given twice"),
        ] {
            let e = inline(spec)
                .err()
                .unwrap_or_else(|| panic!("no error for {spec:?}"));
            assert!(e.message.contains(needle), "{spec:?}: {e:?}");
            assert_eq!(e.line, 0);
        }
    }

    #[test]
    fn misspelt_tables_dimensions_values_and_keys_get_the_nearest() {
        let s = stats();
        let block_hint = |body: &str| {
            s.render_block(body, "en", &Fake, 1)
                .err()
                .map(|e| e.hint)
                .unwrap_or_default()
        };
        let inline_hint = |spec: &str| {
            s.render_inline(spec, "en", &Fake)
                .err()
                .map(|e| e.hint)
                .unwrap_or_default()
        };
        assert_eq!(
            block_hint("table: children-in-car\n"),
            "did you mean `children-in-care`? The tables are: children-in-care, by-city, small, three-way"
        );
        assert_eq!(
            block_hint("table: children-in-care\nby: cty\n"),
            "did you mean `city`? Its dimensions are: programme, city"
        );
        assert_eq!(block_hint("tabel: by-city\n"), "did you mean `table`?");
        assert_eq!(
            inline_hint("bycity"),
            "did you mean `by-city`? The tables are: children-in-care, by-city, small, three-way"
        );
        assert_eq!(
            inline_hint("by-city cty=baku"),
            "did you mean `city`? Its dimensions are: city"
        );
        assert_eq!(
            inline_hint("by-city city=bakı"),
            "did you mean `baku`? The values of `city` are: baku, ganja, sumqayit"
        );
        // The name in a language, written for the id.
        assert_eq!(
            inline_hint("by-city city=Gəncə"),
            "did you mean `ganja`? The values of `city` are: baku, ganja, sumqayit"
        );
        assert_eq!(
            inline_hint("by-city city=paris"),
            "the values of `city` are: baku, ganja, sumqayit"
        );
    }

    #[test]
    fn escape_covers_markup_and_both_quotes() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }
}
