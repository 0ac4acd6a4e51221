//! Reading and checking `content/statistics.yaml`.
//!
//! The file is read into a small located tree first and checked by hand, so
//! that every problem in it is reported at once, each at its own line, in
//! words an editor understands. Only a file with no problem at all becomes
//! [`Statistics`]; its tables are protected (see [`super::disclosure`]) before
//! anything can read them.

use super::disclosure::{default_protection, max_protection, Rule, MAX_FIGURES};
use super::population::{self, RawTable};
use super::{Dimension, DimensionValue, Localized, Statistics, Table};
use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::suggest::{did_you_mean, hint_with};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{MessageFormatter, Spanned, UserMessageFormatter};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// `suppress_below` when the file does not say.
pub const DEFAULT_SUPPRESS_BELOW: u64 = 10;
/// The smallest `suppress_below` accepted.
pub const MIN_SUPPRESS_BELOW: u64 = 5;
/// The most dimensions a table may have.
pub const MAX_DIMENSIONS: usize = 4;
/// Counts above this are refused as typing mistakes (and keep sums exact).
pub const MAX_COUNT: u64 = 1_000_000_000;

/// The `as_of` value for figures whose source gives no date.
pub const UNDATED: &str = "undated";

const TOP_KEYS: &[&str] = &[
    "as_of",
    "source",
    "suppress_below",
    "protection_level",
    "labels",
    "tables",
];
const TABLE_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "population",
    "dimensions",
    "rows",
];

/// Reads and checks the statistics file; every problem found comes back together.
///
/// `file` is the path printed in messages (`content/statistics.yaml`);
/// `languages` are the site's language codes, each of which every text needs.
pub fn parse(file: &Path, text: &str, languages: &[String]) -> Result<Statistics, Vec<Diagnostic>> {
    let root = match read_yaml(text) {
        Ok(node) => node,
        Err(e) => {
            let d = Diagnostic::error(file, e.line, e.column, e.message, e.hint).with_source(text);
            return Err(vec![d]);
        }
    };
    let mut checker = Checker {
        file,
        text,
        languages,
        errors: Vec::new(),
    };
    let stats = checker.statistics(&root);
    let mut errors = checker.errors;
    match stats {
        Some(stats) if errors.is_empty() => Ok(stats),
        _ => {
            if errors.is_empty() {
                // Unreachable by construction; refuse rather than publish unchecked data.
                errors.push(Diagnostic::error(
                    file,
                    0,
                    0,
                    "the statistics could not be checked",
                    "report this to the site's developers",
                ));
            }
            sort_and_dedup(&mut errors);
            Err(errors)
        }
    }
}

/// A YAML node with the place it starts, for messages.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What the node holds.
    pub value: NodeValue,
}

/// The content of a [`Node`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NodeValue {
    /// A mapping, keys in file order.
    Map(Vec<(Node, Node)>),
    /// A sequence.
    Seq(Vec<Node>),
    /// A scalar read as text (quoted, or plain text that is not a number).
    Text(String),
    /// A plain scalar that YAML reads as a number; `raw` is as written.
    Number { raw: String, value: Number },
    /// A plain scalar that YAML reads as true/false; `raw` is as written.
    Bool { raw: String },
    /// Nothing (`key:` with no value, `~`, `null`).
    Null,
}

/// A number as YAML read it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// A whole number.
    Int(i128),
    /// A number with a fraction or exponent.
    Float(f64),
}

impl Node {
    /// The scalar as the editor wrote it; `None` for maps, lists and nothing.
    pub(crate) fn text(&self) -> Option<&str> {
        match &self.value {
            NodeValue::Text(s) => Some(s),
            NodeValue::Number { raw, .. } | NodeValue::Bool { raw } => Some(raw),
            _ => None,
        }
    }

    /// The entries of a mapping.
    pub(crate) fn entries(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            NodeValue::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The value under key `name` of a mapping, with its key.
    pub(crate) fn get(&self, name: &str) -> Option<(&Node, &Node)> {
        self.entries()?
            .iter()
            .find(|(k, _)| k.text() == Some(name))
            .map(|(k, v)| (k, v))
    }

    /// A short description of what kind of value this is, for messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self.value {
            NodeValue::Map(_) => "a group of `key: value` lines",
            NodeValue::Seq(_) => "a list",
            NodeValue::Null => "nothing",
            _ => "a single value",
        }
    }
}

/// A YAML problem, located in the text that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// 1-based line; 0 if unknown.
    pub line: usize,
    /// 1-based column; 0 if unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// Parses YAML text into a located tree.
pub(crate) fn read_yaml(text: &str) -> Result<Node, YamlError> {
    match serde_saphyr::from_str::<Spanned<Raw>>(text) {
        Ok(root) => Ok(to_node(root, text)),
        Err(e) => {
            let (line, column) = e
                .location()
                .map(|l| (to_usize(l.line()), to_usize(l.column())))
                .unwrap_or((0, 0));
            let raw = UserMessageFormatter
                .format_message(e.without_snippet())
                .into_owned();
            let (message, hint) = explain_yaml(&raw);
            Err(YamlError {
                line,
                column,
                message,
                hint,
            })
        }
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Rewords the YAML library's message for someone who edits text, not code.
fn explain_yaml(raw: &str) -> (String, String) {
    let lower = raw.to_lowercase();
    let (what, hint) = if lower.contains("duplicate mapping key") {
        // "duplicate mapping key `a` is not allowed here"
        let key = raw.split('`').nth(1).unwrap_or("");
        (
            format!("the key `{key}` appears twice in the same place"),
            "keep only one of the two lines".to_string(),
        )
    } else if lower.contains("tab") {
        (
            "a tab character is used for indentation".to_string(),
            "YAML needs spaces for indentation: replace the tab with spaces".to_string(),
        )
    } else if lower.contains("unclosed quote") {
        (
            "a quoted text is never closed".to_string(),
            "add the closing quote mark at the end of the text".to_string(),
        )
    } else {
        (
            format!("this is not valid YAML ({raw})"),
            "check the indentation and the `:`, `-`, brackets and quotes on this line and the one before"
                .to_string(),
        )
    };
    (what, hint)
}

/// What serde-saphyr hands over, before it is turned into a [`Node`].
#[derive(Debug)]
enum Raw {
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
    Seq(Vec<Spanned<Raw>>),
    Str(String),
    Int(i128),
    Float(f64),
    Bool(bool),
    Null,
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw::Int(i128::try_from(v).unwrap_or(i128::MAX)))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Raw>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

fn to_node(raw: Spanned<Raw>, text: &str) -> Node {
    let line = to_usize(raw.referenced.line());
    let column = to_usize(raw.referenced.column());
    // Numbers and booleans keep their spelling: `07` or `no` as a value id
    // or a label must stay what the editor typed.
    let spelling = |fallback: String| {
        let span = raw.defined.span();
        span.byte_offset()
            .zip(span.byte_len())
            .and_then(|(o, n)| text.get(to_usize(o)..to_usize(o.saturating_add(n))))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .unwrap_or(fallback)
    };
    let value = match raw.value {
        Raw::Map(entries) => NodeValue::Map(
            entries
                .into_iter()
                .map(|(k, v)| (to_node(k, text), to_node(v, text)))
                .collect(),
        ),
        Raw::Seq(items) => NodeValue::Seq(items.into_iter().map(|i| to_node(i, text)).collect()),
        Raw::Str(s) => NodeValue::Text(s),
        Raw::Int(n) => NodeValue::Number {
            raw: spelling(n.to_string()),
            value: Number::Int(n),
        },
        Raw::Float(x) => NodeValue::Number {
            raw: spelling(x.to_string()),
            value: Number::Float(x),
        },
        Raw::Bool(b) => NodeValue::Bool {
            raw: spelling(b.to_string()),
        },
        Raw::Null => NodeValue::Null,
    };
    Node {
        line,
        column,
        value,
    }
}

/// True for a name usable as a table id, dimension or value: no spaces and
/// none of the characters that `{{stat id city=baku}}` gives a meaning to.
pub(crate) fn is_identifier(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "={}\"'`<>&".contains(c))
}

/// One dimension under `labels`, as read.
struct LabelDimension {
    id: String,
    values: Vec<DimensionValue>,
    /// Every value listed, even those whose label has a problem.
    names: Vec<String>,
}

/// Collects problems while walking the tree.
struct Checker<'a> {
    file: &'a Path,
    text: &'a str,
    languages: &'a [String],
    errors: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, at: &Node, message: impl Into<String>, hint: impl Into<String>) {
        self.error_at(at.line, at.column, message, hint);
    }

    fn error_at(
        &mut self,
        line: usize,
        column: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        let d = Diagnostic::error(self.file, line, column, message, hint).with_source(self.text);
        self.errors.push(d);
    }

    fn statistics(&mut self, root: &Node) -> Option<Statistics> {
        let Some(entries) = root.entries() else {
            let (message, hint) = if root.value == NodeValue::Null {
                (
                    "the statistics file is empty".to_string(),
                    "start it with `as_of:`, `source:`, `labels:` and `tables:`".to_string(),
                )
            } else {
                (
                    format!(
                        "the statistics file must be a group of `key: value` lines, but it is {}",
                        root.kind()
                    ),
                    "start it with `as_of:`, `source:`, `labels:` and `tables:`".to_string(),
                )
            };
            self.error_at(root.line.max(1), root.column.max(1), message, hint);
            return None;
        };
        for (key, _) in entries {
            let name = key.text().unwrap_or("");
            if !TOP_KEYS.contains(&name) {
                self.error(
                    key,
                    format!("unknown key `{name}` at the top of the statistics file"),
                    hint_with(
                        did_you_mean(name, TOP_KEYS.iter().copied()),
                        &format!("the allowed keys are: {}", TOP_KEYS.join(", ")),
                        &format!(
                            "check the spelling; the allowed keys are: {}",
                            TOP_KEYS.join(", ")
                        ),
                    ),
                );
            }
        }
        let as_of = self
            .required(root, "as_of", "the date the figures are true on")
            .and_then(|(_, v)| self.as_of(v));
        let source = self
            .required(root, "source", "where the figures come from")
            .and_then(|(k, v)| self.localized(k, v, "`source`"));
        let suppress_below = match root.get("suppress_below") {
            Some((_, v)) => self.suppress_below(v),
            None => Some(DEFAULT_SUPPRESS_BELOW),
        };
        let protection = match (root.get("protection_level"), suppress_below) {
            (Some((_, v)), Some(n)) => self.protection_level(v, n),
            (None, Some(n)) => Some(default_protection(n)),
            (_, None) => None,
        };
        let rule = suppress_below
            .zip(protection)
            .map(|(threshold, protection)| Rule {
                threshold,
                protection,
            });
        let labels = self
            .required(root, "labels", "the names of the values of each dimension")
            .map(|(k, v)| self.labels(k, v))
            .unwrap_or_default();
        let tables = self
            .required(root, "tables", "the tables of counts")
            .and_then(|(k, v)| self.tables(k, v, &labels, rule));
        let (tables, warnings) = tables?;
        Some(Statistics {
            as_of: as_of?,
            source: source?,
            suppress_below: suppress_below?,
            protection_level: protection?,
            tables,
            warnings,
        })
    }

    /// The value of a required key of mapping `parent`, or an error at the mapping.
    fn required<'n>(
        &mut self,
        parent: &'n Node,
        name: &str,
        what: &str,
    ) -> Option<(&'n Node, &'n Node)> {
        let found = parent.get(name);
        // A key misspelt (`dimensons`) is reported once, as unknown, with `name` suggested.
        let misspelt = parent.entries().is_some_and(|entries| {
            entries.iter().any(|(k, _)| {
                let k = k.text().unwrap_or("");
                !TOP_KEYS.contains(&k)
                    && !TABLE_KEYS.contains(&k)
                    && !crate::suggest::nearest(k, [name]).is_empty()
            })
        });
        if found.is_none() && !misspelt {
            self.error(
                parent,
                format!("the required key `{name}` ({what}) is missing"),
                format!("add a line `{name}: ...`"),
            );
        }
        found
    }

    fn as_of(&mut self, v: &Node) -> Option<String> {
        let text = v.text().unwrap_or("");
        // A figure the source gives without a date is published as undated, never with an invented one.
        if is_iso_date(text)
            || text == UNDATED
            || crate::date::PartialDate::parse(text).is_some_and(|d| d.iso() == text)
        {
            return Some(text.to_string());
        }
        self.error(
            v,
            format!("`as_of` must be a date written year-month-day, but it is `{text}`"),
            "write it like 2026-06-30 (or 2026-06, or 2026 when that is all the source says; `undated` if it gives no date)",
        );
        None
    }

    fn suppress_below(&mut self, v: &Node) -> Option<u64> {
        match whole_number(v) {
            Ok(n) if n >= i128::from(MIN_SUPPRESS_BELOW) => u64::try_from(n).ok(),
            Ok(n) => {
                self.error(
                    v,
                    format!("`suppress_below: {n}` is refused: counts this small could identify a child"),
                    format!(
                        "use {MIN_SUPPRESS_BELOW} or more, or remove the line to use the default {DEFAULT_SUPPRESS_BELOW}"
                    ),
                );
                None
            }
            Err(problem) => {
                self.error(
                    v,
                    format!("`suppress_below` must be a whole number, but {problem}"),
                    format!("write a number such as {DEFAULT_SUPPRESS_BELOW}, or remove the line"),
                );
                None
            }
        }
    }

    /// `protection_level`: at least the default for N, at most N−2.
    fn protection_level(&mut self, v: &Node, threshold: u64) -> Option<u64> {
        let (least, most) = (default_protection(threshold), max_protection(threshold));
        match whole_number(v) {
            Ok(n) if n >= i128::from(least) && n <= i128::from(most) => u64::try_from(n).ok(),
            Ok(n) if n < i128::from(least) => {
                self.error(
                    v,
                    format!("`protection_level: {n}` is refused: with `suppress_below: {threshold}` it is at least {least}"),
                    format!("use {least} or more (up to {most}), or remove the line to use {least}"),
                );
                None
            }
            Ok(n) => {
                self.error(
                    v,
                    format!("`protection_level: {n}` cannot be met: a count shown as \"fewer than {threshold}\" is 1 to {}, at most {most} apart", threshold - 1),
                    format!("use a number from {least} to {most}"),
                );
                None
            }
            Err(problem) => {
                self.error(
                    v,
                    format!("`protection_level` must be a whole number, but {problem}"),
                    format!("write a number from {least} to {most}, or remove the line"),
                );
                None
            }
        }
    }

    /// A text in every site language, such as `{az: ..., en: ...}`; errors at `key`.
    fn localized(&mut self, key: &Node, v: &Node, what: &str) -> Option<Localized> {
        let Some(entries) = v.entries() else {
            self.error(
                v,
                format!(
                    "{what} must give a text for each language, but it is {}",
                    v.kind()
                ),
                format!("write it like `{{{}}}`", self.example_languages()),
            );
            return None;
        };
        let mut texts = BTreeMap::new();
        let mut ok = true;
        for (lang_node, text_node) in entries {
            let lang = lang_node.text().unwrap_or("");
            if !self.languages.iter().any(|l| l == lang) {
                self.error(
                    lang_node,
                    format!("unknown language `{lang}` in {what}"),
                    format!(
                        "the site's languages are: {}; fix the code or remove the line",
                        self.languages.join(", ")
                    ),
                );
                ok = false;
                continue;
            }
            match text_node.text().map(str::trim) {
                Some(t) if !t.is_empty() => {
                    texts.insert(lang.to_string(), t.to_string());
                }
                None if matches!(text_node.value, NodeValue::Map(_) | NodeValue::Seq(_)) => {
                    self.error(
                        text_node,
                        format!(
                            "the `{lang}` text of {what} must be one text, but it is {}",
                            text_node.kind()
                        ),
                        "write the text on the same line, in quotes if it contains `:` or `#`",
                    );
                    ok = false;
                }
                _ => {
                    self.error(
                        text_node,
                        format!("the `{lang}` text of {what} is empty"),
                        format!("write the text after `{lang}:`"),
                    );
                    ok = false;
                }
            }
        }
        for lang in self.languages {
            if !entries.iter().any(|(k, _)| k.text() == Some(lang.as_str())) {
                self.error(
                    key,
                    format!("{what} has no `{lang}` text"),
                    format!("add `{lang}: ...` next to the other languages"),
                );
                ok = false;
            }
        }
        ok.then_some(Localized(texts))
    }

    fn example_languages(&self) -> String {
        self.languages
            .iter()
            .map(|l| format!("{l}: ..."))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn labels(&mut self, key: &Node, v: &Node) -> Vec<LabelDimension> {
        let Some(entries) = v.entries() else {
            self.error(
                v,
                format!(
                    "`labels` must list the dimensions and their values, but it is {}",
                    v.kind()
                ),
                "write it like `labels:` then `  city: {baku: {az: Bakı, en: Baku}}`",
            );
            return Vec::new();
        };
        if entries.is_empty() {
            self.error(
                key,
                "`labels` lists no dimension",
                "add one, such as `city:` with its values",
            );
        }
        let mut dims = Vec::new();
        for (dim_node, values_node) in entries {
            let dim = dim_node.text().unwrap_or("");
            if !is_identifier(dim) || dim == "count" {
                self.error(
                    dim_node,
                    format!("`{dim}` cannot be the name of a dimension"),
                    "use a short name without spaces or quotes, such as `city`; `count` is reserved",
                );
                continue;
            }
            let Some(values) = values_node.entries() else {
                self.error(
                    values_node,
                    format!(
                        "the dimension `{dim}` must list its values, but it is {}",
                        values_node.kind()
                    ),
                    format!(
                        "write it like `{dim}: {{baku: {{{}}}}}`",
                        self.example_languages()
                    ),
                );
                continue;
            };
            if values.is_empty() {
                self.error(
                    dim_node,
                    format!("the dimension `{dim}` has no values"),
                    "list at least one value with its names",
                );
            }
            let mut out = LabelDimension {
                id: dim.to_string(),
                values: Vec::new(),
                names: Vec::new(),
            };
            for (value_node, label_node) in values {
                let value = value_node.text().unwrap_or("");
                if !is_identifier(value) {
                    self.error(
                        value_node,
                        format!("`{value}` cannot be a value of `{dim}`"),
                        "use a short name without spaces or quotes, such as `baku`",
                    );
                    continue;
                }
                out.names.push(value.to_string());
                let what = format!("the label of `{dim}: {value}`");
                if let Some(label) = self.localized(value_node, label_node, &what) {
                    out.values.push(DimensionValue {
                        id: value.to_string(),
                        label,
                    });
                }
            }
            dims.push(out);
        }
        dims
    }

    fn tables(
        &mut self,
        key: &Node,
        v: &Node,
        labels: &[LabelDimension],
        rule: Option<Rule>,
    ) -> Option<(Vec<Table>, Vec<Diagnostic>)> {
        let NodeValue::Seq(items) = &v.value else {
            self.error(
                v,
                format!("`tables` must be a list of tables, but it is {}", v.kind()),
                "start each table with `- id: ...` on its own line under `tables:`",
            );
            return None;
        };
        if items.is_empty() {
            self.error(
                key,
                "`tables` lists no table",
                "add a table with `- id: ...`",
            );
        }
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        let mut raw = Vec::new();
        let mut ok = true;
        for item in items {
            match self.table(item, labels, &mut seen) {
                Some(t) => raw.push(t),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        let patterns = match population::protect_all(&raw, rule?) {
            Ok(p) => p,
            Err(e) => {
                let at = raw.get(e.table).map_or((0, 0), |t| (t.line, t.column));
                self.error_at(at.0, at.1, e.message, e.hint);
                return None;
            }
        };
        let warnings = self.lookalike_warnings(&raw);
        let tables = raw
            .into_iter()
            .zip(patterns)
            .map(|(t, pattern)| Table {
                id: t.id,
                title: t.title,
                description: t.description,
                population: t.population,
                dimensions: t.dims,
                pattern,
            })
            .collect();
        Some((tables, warnings))
    }

    fn lookalike_warnings(&self, raw: &[RawTable]) -> Vec<Diagnostic> {
        population::lookalikes(raw)
            .into_iter()
            .map(|(i, j)| {
                let (a, b) = (&raw[i], &raw[j]);
                Diagnostic::warning(
                    self.file,
                    b.line,
                    b.column,
                    format!(
                        "the tables `{}` (line {}) and `{}` (line {}) look like counts of one population (the same total, {}, and a dimension in common) but are protected apart: side by side they can give away what each hides",
                        a.id, a.line, b.id, b.line, a.cells.iter().sum::<u64>()
                    ),
                    "if they count the same children, add the same `population:` to both (such as `population: children-in-care`); if not, give each its own `population:`",
                )
                .with_source(self.text)
            })
            .collect()
    }

    fn table(
        &mut self,
        item: &Node,
        labels: &[LabelDimension],
        seen: &mut BTreeMap<String, usize>,
    ) -> Option<RawTable> {
        let Some(entries) = item.entries() else {
            self.error(
                item,
                format!(
                    "a table must be a group of `key: value` lines, but this is {}",
                    item.kind()
                ),
                "write `- id: ...` and under it `title:`, `dimensions:` and `rows:`",
            );
            return None;
        };
        let errors_before = self.errors.len();
        for (key, _) in entries {
            let name = key.text().unwrap_or("");
            if !TABLE_KEYS.contains(&name) {
                self.error(
                    key,
                    format!("unknown key `{name}` in a table"),
                    hint_with(
                        did_you_mean(name, TABLE_KEYS.iter().copied()),
                        &format!("a table may have: {}", TABLE_KEYS.join(", ")),
                        &format!(
                            "check the spelling; a table may have: {}",
                            TABLE_KEYS.join(", ")
                        ),
                    ),
                );
            }
        }
        let id = self
            .required(item, "id", "the name pages use for this table")
            .and_then(|(_, v)| {
                let id = v.text().unwrap_or("");
                if !is_identifier(id) {
                    self.error(
                        v,
                        format!("`{id}` cannot be a table id"),
                        "use a short name without spaces or quotes, such as `children-in-care`",
                    );
                    return None;
                }
                if let Some(first) = seen.get(id) {
                    self.error(
                        v,
                        format!("the table id `{id}` is used twice: also on line {first}"),
                        "give each table its own id",
                    );
                    return None;
                }
                seen.insert(id.to_string(), v.line);
                Some(id.to_string())
            });
        let title = self
            .required(item, "title", "the table's heading")
            .and_then(|(k, v)| self.localized(k, v, "the table's `title`"));
        let description = match item.get("description") {
            Some((k, v)) => self.localized(k, v, "the table's `description`").map(Some),
            None => Some(None),
        };
        let dims = self
            .required(item, "dimensions", "what the counts are broken down by")
            .and_then(|(k, v)| self.dimensions(k, v, labels));
        // The names the table declares, even unknown ones, so that its rows are
        // judged against what the editor wrote.
        let declared: Vec<String> = match item.get("dimensions").map(|(_, v)| &v.value) {
            Some(NodeValue::Seq(items)) => items
                .iter()
                .filter_map(|i| i.text().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        };
        let rows = self.required(item, "rows", "the counts");
        let cells = rows.and_then(|(_, rows)| self.rows(rows, &declared, dims.as_deref(), labels));
        if self.errors.len() > errors_before {
            return None;
        }
        let population = match item.get("population") {
            Some((_, v)) => Some(self.population(v)?),
            None => None,
        };
        Some(RawTable {
            id: id?,
            title: title?,
            description: description?,
            dims: dims?,
            cells: cells?,
            population,
            line: item.line,
            column: item.column,
        })
    }

    fn population(&mut self, v: &Node) -> Option<String> {
        let name = v.text().unwrap_or("");
        if is_identifier(name) {
            return Some(name.to_string());
        }
        self.error(
            v,
            format!("`{name}` cannot be the name of a population"),
            "use a short name without spaces or quotes, such as `children-in-care`, the same in every table that counts those children",
        );
        None
    }

    fn dimensions(
        &mut self,
        key: &Node,
        v: &Node,
        labels: &[LabelDimension],
    ) -> Option<Vec<Dimension>> {
        let NodeValue::Seq(items) = &v.value else {
            self.error(
                v,
                format!("`dimensions` must be a list, but it is {}", v.kind()),
                "write it like `dimensions: [programme, city]`",
            );
            return None;
        };
        if items.is_empty() {
            self.error(
                key,
                "this table has no dimensions",
                "list what the counts are broken down by, such as `dimensions: [city]`",
            );
            return None;
        }
        let known: Vec<&str> = labels.iter().map(|d| d.id.as_str()).collect();
        let mut dims: Vec<Dimension> = Vec::new();
        let mut ok = true;
        for item in items {
            let name = item.text().unwrap_or("");
            let Some(label) = labels.iter().find(|d| d.id == name) else {
                self.error(
                    item,
                    format!("`{name}` is not a dimension listed under `labels`"),
                    hint_with(
                        did_you_mean(name, known.iter().copied()),
                        &format!(
                            "otherwise add `{name}:` with its values under `labels`; the known dimensions are: {}",
                            known.join(", ")
                        ),
                        &format!(
                            "fix the spelling, or add `{name}:` with its values under `labels`; the known dimensions are: {}",
                            known.join(", ")
                        ),
                    ),
                );
                ok = false;
                continue;
            };
            if dims.iter().any(|d| d.id == name) {
                self.error(
                    item,
                    format!("the dimension `{name}` is listed twice"),
                    "list it once",
                );
                ok = false;
                continue;
            }
            if label.values.len() != label.names.len() {
                // Its labels have problems, reported where they are.
                ok = false;
            }
            dims.push(Dimension {
                id: name.to_string(),
                values: label.values.clone(),
            });
        }
        if items.len() > MAX_DIMENSIONS {
            self.error(
                key,
                format!(
                    "this table has {} dimensions; at most {MAX_DIMENSIONS} are allowed",
                    items.len()
                ),
                "split it into tables with fewer dimensions",
            );
            return None;
        }
        let figures = dims
            .iter()
            .try_fold(1usize, |acc, d| acc.checked_mul(d.values.len() + 1))
            .unwrap_or(usize::MAX);
        if ok && figures > MAX_FIGURES {
            self.error(
                key,
                format!("this table is too big to check for privacy: {figures} figures (cells and totals), at most {MAX_FIGURES}"),
                "split it into smaller tables, or use dimensions with fewer values",
            );
            return None;
        }
        ok.then_some(dims)
    }

    /// Checks the rows and returns the full grid of cells (row-major).
    fn rows(
        &mut self,
        v: &Node,
        declared: &[String],
        dims: Option<&[Dimension]>,
        labels: &[LabelDimension],
    ) -> Option<Vec<u64>> {
        let NodeValue::Seq(items) = &v.value else {
            self.error(
                v,
                format!("`rows` must be a list of counts, but it is {}", v.kind()),
                "write each row on its own line, like `- {programme: family-care, city: baku, count: 112}`",
            );
            return None;
        };
        let mut seen: BTreeMap<Vec<usize>, usize> = BTreeMap::new();
        let sizes: Vec<usize> = dims
            .map(|d| d.iter().map(|d| d.values.len()).collect())
            .unwrap_or_default();
        let mut cells = vec![0u64; sizes.iter().product()];
        let mut ok = dims.is_some();
        for row in items {
            let Some(entries) = row.entries() else {
                self.error(
                    row,
                    format!(
                        "a row must be a group of `key: value` pairs, but this is {}",
                        row.kind()
                    ),
                    "write it like `- {programme: family-care, city: baku, count: 112}`",
                );
                ok = false;
                continue;
            };
            let fields = self.row_fields(entries, declared, dims.is_some(), labels);
            let (Some(key), Some(count)) = (
                self.row_complete(row, entries, declared, &fields),
                fields.count,
            ) else {
                ok = false;
                continue;
            };
            if let Some(first) = seen.get(&key) {
                self.error(
                    row,
                    format!(
                        "this row repeats the row on line {first}: both are for the same {}",
                        describe_row(declared, entries)
                    ),
                    "keep one row per combination: add the two counts together, or fix the values",
                );
                ok = false;
                continue;
            }
            seen.insert(key.clone(), row.line);
            let index = key
                .iter()
                .zip(&sizes)
                .fold(0usize, |acc, (&k, &n)| acc * n + k);
            match cells.get_mut(index) {
                Some(cell) => *cell = count,
                None => ok = false,
            }
        }
        ok.then_some(cells)
    }

    /// A row's fields as written: each dimension's value index, the count, and the
    /// fields that misspelt names stand for. Problems are reported; `ok` says none was.
    fn row_fields(
        &mut self,
        entries: &[(Node, Node)],
        declared: &[String],
        dims_known: bool,
        labels: &[LabelDimension],
    ) -> RowFields {
        let mut fields = RowFields {
            position: vec![None; declared.len()],
            misspelt: Vec::new(),
            count: None,
            ok: true,
        };
        for (key, value) in entries {
            let name = key.text().unwrap_or("");
            if name == "count" {
                fields.count = self.row_count(value);
                fields.ok &= fields.count.is_some();
            } else if let Some(d) = declared.iter().position(|d| d == name) {
                let value_text = value.text().unwrap_or("");
                let Some(label) = labels.iter().find(|l| l.id == name) else {
                    // An unknown dimension is reported once, in `dimensions`.
                    fields.ok = false;
                    continue;
                };
                match label.names.iter().position(|v| v == value_text) {
                    Some(i) => {
                        if let Some(slot) = fields.position.get_mut(d) {
                            *slot = Some(i);
                        }
                    }
                    None => {
                        self.error(
                            value,
                            format!(
                                "`{value_text}` is not a value of `{name}` listed under `labels`"
                            ),
                            unknown_value_hint(label, value_text),
                        );
                        fields.ok = false;
                    }
                }
            } else if !dims_known {
                // The table's `dimensions` are missing or wrong, which is reported
                // once; every row's fields are not reported again as unknown.
                fields.ok = false;
            } else {
                let names = declared.iter().map(String::as_str).chain(["count"]);
                let near = crate::suggest::nearest(name, names);
                // The field it stands for is reported here, not again as missing.
                fields.misspelt.extend(near.first().map(|n| n.to_string()));
                self.error(
                    key,
                    format!(
                        "a row may hold only the table's dimensions ({}) and `count`, but this row has `{name}`; \
                         the statistics file must hold only aggregated counts, never data about a person \
                         (no names, birth dates or anything else that describes one child)",
                        declared.join(", ")
                    ),
                    unknown_field_hint(name, &near),
                );
                fields.ok = false;
            }
        }
        fields
    }

    /// A row's `count`: a whole number from 0 to [`MAX_COUNT`]; else reported.
    fn row_count(&mut self, value: &Node) -> Option<u64> {
        match whole_number(value) {
            Ok(n) if n < 0 => {
                self.error(
                    value,
                    format!("the count {n} is negative"),
                    "a count is a number of children: 0 or more",
                );
                None
            }
            Ok(n) if n > i128::from(MAX_COUNT) => {
                self.error(
                    value,
                    format!("the count {n} is too large to be right"),
                    "check the number",
                );
                None
            }
            Ok(n) => u64::try_from(n).ok(),
            Err(problem) => {
                self.error(
                    value,
                    format!("the count must be a whole number, but {problem}"),
                    "write a whole number of children, such as 12",
                );
                None
            }
        }
    }

    /// The row's cell (a value index per dimension) when it has every dimension and
    /// its count, and nothing wrong; what is missing is reported, except what a
    /// misspelt name stood for (reported already).
    fn row_complete(
        &mut self,
        row: &Node,
        entries: &[(Node, Node)],
        declared: &[String],
        fields: &RowFields,
    ) -> Option<Vec<usize>> {
        let mut ok = fields.ok;
        for (d, name) in declared.iter().enumerate() {
            if !entries.iter().any(|(k, _)| k.text() == Some(name.as_str())) {
                ok = false;
                if fields.misspelt.contains(name) {
                    continue;
                }
                self.error(
                    row,
                    format!("this row has no `{name}`"),
                    format!(
                        "every row needs a value for each of the table's dimensions: {}",
                        declared.join(", ")
                    ),
                );
            } else if fields.position.get(d).copied().flatten().is_none() {
                ok = false;
            }
        }
        if !entries.iter().any(|(k, _)| k.text() == Some("count"))
            && !fields.misspelt.iter().any(|m| m == "count")
        {
            self.error(
                row,
                "this row has no `count`",
                "add `count: ...` with the number of children",
            );
            ok = false;
        }
        ok.then(|| fields.position.iter().map(|p| p.unwrap_or(0)).collect())
    }
}

/// One row's fields as [`Checker::row_fields`] reads them.
struct RowFields {
    /// Per declared dimension, the index of its value.
    position: Vec<Option<usize>>,
    /// Fields a misspelt name stands for (`cuont` → `count`).
    misspelt: Vec<String>,
    /// The count, when it is a valid one.
    count: Option<u64>,
    /// Nothing wrong was found.
    ok: bool,
}

/// `programme: family-care, city: baku` for a row, in the table's order.
fn describe_row(declared: &[String], entries: &[(Node, Node)]) -> String {
    declared
        .iter()
        .map(|d| {
            let v = entries
                .iter()
                .find(|(k, _)| k.text() == Some(d.as_str()))
                .and_then(|(_, v)| v.text())
                .unwrap_or("");
            format!("{d}: {v}")
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A whole number from a node, or what is wrong with it ("it is 1.5").
fn whole_number(v: &Node) -> Result<i128, String> {
    match &v.value {
        NodeValue::Number {
            value: Number::Int(n),
            ..
        } => Ok(*n),
        NodeValue::Number {
            raw,
            value: Number::Float(x),
        } => {
            // `007` reads as a float in some YAML modes; its spelling is a whole number.
            if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_digit()) {
                return raw.parse::<i128>().map_err(|_| format!("it is `{raw}`"));
            }
            if x.is_finite() && x.fract() == 0.0 && x.abs() <= 1e15 {
                return Ok(*x as i128);
            }
            Err(format!("it is {raw}, which is not a whole number"))
        }
        NodeValue::Text(s) => {
            let t = s.trim();
            if let Ok(n) = t.parse::<i128>() {
                return Ok(n);
            }
            if t.parse::<f64>().is_ok_and(f64::is_finite) {
                return Err(format!("it is {t}, which is not a whole number"));
            }
            Err(format!("it is `{s}`, which is not a number"))
        }
        NodeValue::Bool { raw } => Err(format!("it is `{raw}`, which is not a number")),
        NodeValue::Null => Err("it has no value".to_string()),
        NodeValue::Map(_) | NodeValue::Seq(_) => Err(format!("it is {}", v.kind())),
    }
}

/// True for a real calendar date written `YYYY-MM-DD`.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1 && (1..=days).contains(&d)
}

/// What to write instead of a row's value `value_text` that `label` does not list: the
/// nearest values, found by id or by their names in any language (`Gəncə` → `ganja`).
fn unknown_value_hint(label: &LabelDimension, value_text: &str) -> String {
    let name = &label.id;
    let known = label.names.join(", ");
    let named = label.names.iter().map(|id| {
        let names = label
            .values
            .iter()
            .find(|v| &v.id == id)
            .map(|v| v.label.0.values().map(String::as_str).collect())
            .unwrap_or_default();
        (id.as_str(), names)
    });
    hint_with(
        crate::suggest::phrase(&crate::suggest::nearest_named(value_text, named)),
        &format!("otherwise add `{value_text}` with its names under `labels` → `{name}`; the known values are: {known}"),
        &format!("fix the spelling, or add `{value_text}` with its names under `labels` → `{name}`; the known values are: {known}"),
    )
}

/// What to do with a row's field `name` that is not the table's: rename it when it is
/// near one of them (`near`), else delete it (it may describe a person).
fn unknown_field_hint(name: &str, near: &[&str]) -> String {
    match crate::suggest::phrase(near) {
        // A misspelt field, not one about a person.
        Some(s) => format!("{s} Otherwise delete `{name}` from this row"),
        None => format!(
            "delete `{name}` from this row; a breakdown such as city or programme belongs in the table's `dimensions` and under `labels`"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::FigureStatus;

    const GOOD: &str = "\
as_of: 2026-06-30
source: {az: SOS Uşaq Kəndləri, en: SOS Children's Villages}
labels:
  city: {baku: {az: Bakı, en: Baku}, ganja: {az: Gəncə, en: Ganja}}
  programme:
    family-care: {az: Ailə əsaslı qayğı, en: Family-based care}
    youth: {az: Gənclər, en: Youth}
tables:
  - id: children-in-care
    title: {az: Qayğıdakı uşaqlar, en: Children in care}
    description: {az: Proqram və şəhər üzrə, en: By programme and city}
    dimensions: [programme, city]
    rows:
      - {programme: family-care, city: baku, count: 112}
      - {programme: family-care, city: ganja, count: 3}
      - {programme: youth, city: baku, count: 40}
";

    fn langs() -> Vec<String> {
        vec!["az".to_string(), "en".to_string()]
    }

    fn errors(text: &str) -> Vec<Diagnostic> {
        match parse(Path::new("content/statistics.yaml"), text, &langs()) {
            Ok(_) => panic!("expected errors"),
            Err(e) => e,
        }
    }

    /// The one error whose message contains `needle`.
    fn find<'a>(errs: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
        errs.iter()
            .find(|e| e.message.contains(needle))
            .unwrap_or_else(|| panic!("no error containing {needle:?} in {errs:#?}"))
    }

    fn with(extra_row: &str) -> String {
        format!("{GOOD}{extra_row}")
    }

    #[test]
    fn a_good_file_becomes_protected_tables() {
        let stats = parse(Path::new("content/statistics.yaml"), GOOD, &langs())
            .unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(stats.as_of, "2026-06-30");
        assert_eq!(stats.suppress_below, DEFAULT_SUPPRESS_BELOW);
        assert_eq!(stats.source.get("en"), "SOS Children's Villages");
        let t = stats
            .table("children-in-care")
            .unwrap_or_else(|| panic!("table"));
        assert_eq!(t.dimensions[0].id, "programme");
        assert_eq!(t.dimensions[1].values[1].label.get("az"), "Gəncə");
        assert_eq!(t.figure(&[Some(0), Some(1)]), Some(FigureStatus::Primary));
        // A missing combination is a published zero.
        assert_eq!(
            t.figure(&[Some(1), Some(1)]),
            Some(FigureStatus::Published(0))
        );
        // Youth has one published cell and a zero: its total stays.
        assert_eq!(
            t.figure(&[Some(1), None]),
            Some(FigureStatus::Published(40))
        );
    }

    #[test]
    fn a_name_in_a_row_is_refused_as_data_about_a_person() {
        let errs = errors(&with(
            "      - {programme: youth, city: ganja, count: 12, name: Aysel}\n",
        ));
        let e = find(&errs, "`name`");
        assert_eq!((e.line, e.column), (17, 52));
        assert!(
            e.message.contains("never data about a person"),
            "{}",
            e.message
        );
        assert!(e.hint.contains("delete `name`"), "{}", e.hint);
        assert_eq!(
            e.source_line.as_deref(),
            Some("      - {programme: youth, city: ganja, count: 12, name: Aysel}")
        );
    }

    #[test]
    fn a_misspelt_field_or_value_in_a_row_gets_the_nearest_once() {
        let errs = errors(&with(
            "      - {programme: youth, citty: ganja, count: 12}\n",
        ));
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(
            errs[0].hint,
            "did you mean `city`? Otherwise delete `citty` from this row"
        );
        let errs = errors(&with(
            "      - {programme: youth, city: ganja, cuont: 12}\n",
        ));
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(
            errs[0].hint.starts_with("did you mean `count`?"),
            "{errs:#?}"
        );
        let errs = errors(&with(
            "      - {programme: yuoth, city: gəncə, count: 12}\n",
        ));
        assert_eq!(
            find(&errs, "`yuoth`").hint,
            "did you mean `youth`? Otherwise add `yuoth` with its names under `labels` → `programme`; the known values are: family-care, youth"
        );
        assert!(find(&errs, "`gəncə`")
            .hint
            .starts_with("did you mean `ganja`?"));
        let errs = errors(&GOOD.replace("labels:", "label:"));
        assert_eq!(
            find(&errs, "unknown key `label`").hint,
            "did you mean `labels`? The allowed keys are: as_of, source, suppress_below, protection_level, labels, tables"
        );
    }

    #[test]
    fn a_birth_date_in_a_block_row_is_refused_on_its_own_line() {
        let errs = errors(&with(
            "      - programme: youth\n        city: ganja\n        count: 12\n        birth_date: 2015-04-01\n",
        ));
        assert_eq!(find(&errs, "`birth_date`").line, 20);
    }

    #[test]
    fn negative_fractional_and_non_numeric_counts_are_refused_where_they_are() {
        let errs = errors(&with(
            "      - {programme: youth, city: ganja, count: -4}\n\
             \x20     - {programme: youth, city: ganja, count: 2.5}\n",
        ));
        let neg = find(&errs, "negative");
        assert_eq!((neg.line, neg.column), (17, 48));
        let frac = find(&errs, "2.5");
        assert_eq!(frac.line, 18);
        assert!(
            frac.message.contains("not a whole number"),
            "{}",
            frac.message
        );
        let errs = errors(&with(
            "      - {programme: youth, city: ganja, count: many}\n",
        ));
        assert_eq!(find(&errs, "not a number").line, 17);
        let errs = errors(&with("      - {programme: youth, city: ganja, count: }\n"));
        assert_eq!(find(&errs, "no value").line, 17);
        let errs = errors(&with("      - {programme: youth, city: ganja}\n"));
        assert_eq!(find(&errs, "no `count`").line, 17);
    }

    #[test]
    fn a_label_missing_a_language_is_reported_at_its_value() {
        let text = GOOD.replace("youth: {az: Gənclər, en: Youth}", "youth: {az: Gənclər}");
        let errs = errors(&text);
        let e = find(&errs, "has no `en` text");
        assert_eq!(e.line, 7);
        assert!(e.message.contains("`programme: youth`"), "{}", e.message);
        assert_eq!(errs.len(), 1, "{errs:#?}");
    }

    #[test]
    fn a_duplicate_row_names_both_lines() {
        let errs = errors(&with("      - {city: baku, programme: youth, count: 5}\n"));
        let e = find(&errs, "repeats");
        assert_eq!(e.line, 17);
        assert!(e.message.contains("line 16"), "{}", e.message);
    }

    #[test]
    fn an_unknown_table_key_is_named() {
        let text = GOOD.replace(
            "    dimensions: [programme, city]",
            "    dimensons: [programme, city]",
        );
        let errs = errors(&text);
        let e = find(&errs, "unknown key `dimensons`");
        assert_eq!((e.line, e.column), (12, 5));
        assert!(e
            .hint
            .starts_with("did you mean `dimensions`? A table may have: id,"));
        // One mistake, one report: not also "`dimensions` is missing".
        assert_eq!(errs.len(), 1, "{errs:#?}");
    }

    #[test]
    fn suppress_below_under_five_is_refused() {
        let text = GOOD.replace("labels:", "suppress_below: 3\nlabels:");
        let errs = errors(&text);
        let e = find(&errs, "refused");
        assert_eq!((e.line, e.column), (3, 17));
        assert!(
            e.message.contains("could identify a child"),
            "{}",
            e.message
        );
        let ok = GOOD.replace("labels:", "suppress_below: 5\nlabels:");
        let stats = parse(Path::new("s.yaml"), &ok, &langs()).unwrap_or_else(|e| panic!("{e:#?}"));
        assert_eq!(stats.suppress_below, 5);
        let errs = errors(&GOOD.replace("labels:", "suppress_below: ten\nlabels:"));
        assert_eq!(find(&errs, "whole number").line, 3);
    }

    #[test]
    fn bad_yaml_is_located() {
        let text = GOOD.replace(
            "  city: {baku: {az: Bakı, en: Baku}, ganja",
            "  city: {baku: {az: Bakı, en: Baku, ganja",
        );
        let errs = errors(&text);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].line >= 4, "{errs:#?}");
        let errs = errors("as_of: 2026-06-30\n  source: x\n");
        assert_eq!(errs[0].line, 2, "{errs:#?}");
        let errs = errors("a: 1\na: 2\n");
        assert!(errs[0].message.contains("`a` appears twice"), "{errs:#?}");
        assert_eq!(errs[0].line, 2);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let text = "\
as_of: 30.06.2026
source: {az: Mənbə}
colour: red
labels:
  city: {baku: {az: Bakı, en: Baku}}
tables:
  - id: a
    title: {az: A, en: A}
    dimensions: []
    rows: []
  - id: a
    title: {az: B, en: B, ru: Б}
    dimensions: [city, region]
    rows:
      - {city: sumgait, count: 4}
      - {count: 1}
";
        let errs = errors(text);
        let lines = |needle: &str| find(&errs, needle).line;
        assert_eq!(lines("`as_of` must be a date"), 1);
        assert_eq!(lines("`source` has no `en`"), 2);
        assert_eq!(lines("unknown key `colour`"), 3);
        assert_eq!(lines("no dimensions"), 9);
        assert_eq!(lines("used twice: also on line 7"), 11);
        assert_eq!(lines("unknown language `ru`"), 12);
        assert_eq!(lines("`region` is not a dimension"), 13);
        assert_eq!(lines("`sumgait` is not a value of `city`"), 15);
        assert_eq!(lines("this row has no `city`"), 16);
        // The row judged against `region` too, though `region` is unknown.
        assert!(errs
            .iter()
            .any(|e| e.message == "this row has no `region`" && e.line == 15));
        let mut sorted = errs.clone();
        sort_and_dedup(&mut sorted);
        assert_eq!(sorted, errs, "errors come sorted by position");
    }

    #[test]
    fn missing_top_keys_and_empty_files_are_explained() {
        let errs = errors("as_of: 2026-06-30\n");
        for key in ["source", "labels", "tables"] {
            let e = find(&errs, &format!("`{key}`"));
            assert_eq!(e.line, 1);
            assert!(e.hint.contains(key));
        }
        assert!(errors("")[0].message.contains("empty"));
        assert!(errors("- 1\n")[0].message.contains("a list"));
    }

    #[test]
    fn dimension_values_need_labels_and_tables_need_known_dimensions() {
        let errs = errors(&with(
            "      - {programme: kindergarten, city: baku, count: 12}\n",
        ));
        let e = find(&errs, "`kindergarten`");
        assert_eq!((e.line, e.column), (17, 21));
        assert!(e.hint.contains("family-care, youth"), "{}", e.hint);
        let errs = errors(&with("      - {programme: youth, count: 12}\n"));
        assert_eq!(find(&errs, "no `city`").line, 17);
        let errs = errors(&GOOD.replace(
            "dimensions: [programme, city]",
            "dimensions: [programme, town]",
        ));
        let e = find(&errs, "`town` is not a dimension");
        assert_eq!(e.line, 12);
        assert!(e.hint.contains("city, programme"), "{}", e.hint);
    }

    #[test]
    fn dates_are_real_calendar_dates() {
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2026-02-29"));
        assert!(!is_iso_date("2026-13-01"));
        assert!(!is_iso_date("2026-6-30"));
        assert!(!is_iso_date("30.06.2026"));
        let errs = errors(&GOOD.replace("2026-06-30", "2026-06-31"));
        assert_eq!(find(&errs, "as_of").line, 1);
    }

    #[test]
    fn numbers_and_yes_no_as_ids_keep_their_spelling() {
        let text = "\
as_of: 2026-06-30
source: {az: a, en: b}
labels:
  year: {2024: {az: '2024', en: '2024'}, 007: {az: x, en: y}}
  answer: {no: {az: Xeyr, en: No}}
tables:
  - id: t
    title: {az: t, en: t}
    dimensions: [year, answer]
    rows:
      - {year: 007, answer: no, count: 12}
      - {year: 2024, answer: no, count: 0}
";
        let stats = parse(Path::new("s.yaml"), text, &langs()).unwrap_or_else(|e| panic!("{e:#?}"));
        let t = &stats.tables[0];
        assert_eq!(t.dimensions[0].values[1].id, "007");
        assert_eq!(t.dimensions[1].values[0].id, "no");
        assert_eq!(
            t.figure(&[Some(1), Some(0)]),
            Some(FigureStatus::Published(12))
        );
    }

    #[test]
    fn a_table_with_too_many_dimensions_is_refused() {
        let text = "\
as_of: 2026-06-30
source: {az: a, en: b}
labels:
  a: {x: {az: x, en: x}}
  b: {x: {az: x, en: x}}
  c: {x: {az: x, en: x}}
  d: {x: {az: x, en: x}}
  e: {x: {az: x, en: x}}
tables:
  - id: t
    title: {az: t, en: t}
    dimensions: [a, b, c, d, e]
    rows: []
";
        assert_eq!(find(&errors(text), "at most 4").line, 12);
    }
}
