//! YAML reading with errors located in the user's file.

use crate::diagnostic::Diagnostic;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Parses `text` as YAML into `T`; `first_line` is the file line the text starts on.
///
/// Front matter starts on line 2 of a page, so its errors must be moved down by
/// one line to point into the file, not into the block.
pub(crate) fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
) -> Result<T, Diagnostic> {
    located(file, text, first_line, serde_saphyr::from_str::<T>(text))
}

/// Parses `text` as a [`Node`], like [`parse`]. Only `true` and `false` are
/// true/false: an untyped value never turns `no` or `on` (a word in a text) into one.
pub(crate) fn parse_node(file: &Path, text: &str, first_line: usize) -> Result<Node, Diagnostic> {
    let options = serde_saphyr::options! { strict_booleans: true };
    located(
        file,
        text,
        first_line,
        serde_saphyr::from_str_with_options::<Node>(text, options),
    )
}

/// A parse's error as a located diagnostic, naming a key given twice.
fn located<T>(
    file: &Path,
    text: &str,
    first_line: usize,
    result: Result<T, serde_saphyr::Error>,
) -> Result<T, Diagnostic> {
    result.map_err(|e| {
        let mut d = to_diagnostic(file, &e, first_line);
        if d.message == "the setting is given twice" {
            // Name the key, taken from the line the parser points at.
            let key = d
                .line
                .checked_sub(first_line)
                .and_then(|i| text.lines().nth(i))
                .and_then(|l| l.split_once(':'))
                .map(|(k, _)| k.trim().trim_matches(['"', '\'']).to_string())
                .filter(|k| !k.is_empty());
            if let Some(key) = key {
                d.message = format!("the setting `{key}` is given twice");
            }
        }
        d
    })
}

/// Turns a serde-saphyr error into a located, plain-language diagnostic.
pub(crate) fn to_diagnostic(file: &Path, e: &serde_saphyr::Error, first_line: usize) -> Diagnostic {
    let (line, column) = e
        .location()
        .map(|l| (l.line() as usize, l.column() as usize))
        .unwrap_or((0, 0));
    let raw = e.without_snippet().to_string();
    let message = strip_location(&raw);
    let (message, hint) = explain(message);
    let line = if line == 0 {
        first_line
    } else {
        line + first_line - 1
    };
    Diagnostic::error(file, line, column, message, hint)
}

/// The names serde lists after "expected" in an unknown-field message
/// (`` `titel`, expected one of `title`, `description` ``, or `` expected `a` or `b` ``).
fn allowed_names(rest: &str) -> Vec<&str> {
    let Some((_, expected)) = rest.split_once("expected ") else {
        return Vec::new();
    };
    let expected = expected.strip_prefix("one of ").unwrap_or(expected);
    if expected.contains('`') {
        // serde's own wording: between backticks, every odd piece is a name.
        return expected.split('`').skip(1).step_by(2).collect();
    }
    // serde-saphyr's: `expected one of title, weight`.
    expected
        .split(", ")
        .flat_map(|p| p.split(" or "))
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// Removes the " at line N, column M" tail the YAML library appends.
fn strip_location(raw: &str) -> &str {
    match raw.rfind(" at line ") {
        Some(i) => &raw[..i],
        None => raw,
    }
}

/// Rewords the YAML library's messages for someone who edits text, not code.
fn explain(message: &str) -> (String, String) {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        let allowed = allowed_names(rest);
        let hint = if allowed.is_empty() {
            "remove this line".to_string()
        } else {
            let list = format!("the allowed names are: {}", allowed.join(", "));
            crate::suggest::hint_with(
                crate::suggest::did_you_mean(name, allowed.iter().copied()),
                &list,
                &format!("check the spelling; {list}"),
            )
        };
        return (format!("unknown setting `{name}`"), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        return (
            format!("the required setting `{name}` is missing"),
            format!("add a line `{name}: ...`"),
        );
    }
    if message.contains("unclosed quote") {
        return (
            "a quoted text is never closed".into(),
            "add the closing quote mark at the end of the text".into(),
        );
    }
    if message.contains("duplicate") || message.contains("Duplicate") {
        let name = message
            .split('`')
            .nth(1)
            .map(|n| format!(" `{n}`"))
            .unwrap_or_default();
        return (
            format!("the setting{name} is given twice"),
            "keep one of the two lines".into(),
        );
    }
    if message.contains("budget") || message.contains("alias") && message.contains("limit") {
        return (
            "this block expands to too much data (aliases that repeat other aliases)".into(),
            "write the values out plainly; anchors (&) and aliases (*) are not needed in front matter".into(),
        );
    }
    if message.contains("null into") || message.contains("invalid type: null") {
        return (
            "this setting has no value".into(),
            "write a value after the colon, or remove the line".into(),
        );
    }
    if message.contains("untagged enum") {
        return (
            "this value has the wrong form: a single date or number was expected".into(),
            "write it on one line, like `date: 2026-11-24`".into(),
        );
    }
    if message.contains("expected sequence") {
        return (
            "a list was expected here".into(),
            "write it as a list, like `[/old/address/]`, or one `- item` per line".into(),
        );
    }
    if message.contains("found a tab") || message.contains("tabs disallowed") {
        return (
            "a tab character is used for indentation".into(),
            "YAML needs spaces for indentation: replace the tab with spaces".into(),
        );
    }
    if message.contains("expected string") {
        return (
            "a single text was expected here, but found a list or a map".into(),
            "write the value as plain text on one line, in quotes if it contains `:` or `#`".into(),
        );
    }
    if message.contains("unexpected end of input") {
        return (
            "the settings block is empty".into(),
            "add at least `title: ...`".into(),
        );
    }
    if message.contains("invalid i64") || message.contains("invalid u") {
        return (
            "a whole number was expected here".into(),
            "write a number without a decimal point, like 3".into(),
        );
    }
    (
        format!("this YAML cannot be read: {message}"),
        "check the indentation, the colons and the quotes on this line".into(),
    )
}

/// A value read from YAML, with the place of every value inside it, for the checks
/// made after parsing (a component's fields, a data file's languages), which must
/// point at a line as YAML's own errors do.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    /// A text, number, true/false or nothing.
    Scalar(serde_json::Value),
    /// A list.
    Seq(Vec<At<Node>>),
    /// A map, in the order written; each key with its own place.
    Map(Entries),
}

/// A map's entries, in the order written: each key and value with its place.
pub(crate) type Entries = Vec<(At<String>, At<Node>)>;

/// A value and where it is in its text (1-based line and column; 0 when unknown).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct At<T> {
    /// The value.
    pub(crate) value: T,
    /// 1-based line in the text parsed.
    pub(crate) line: usize,
    /// 1-based column.
    pub(crate) column: usize,
}

impl<T> From<serde_saphyr::Spanned<T>> for At<T> {
    fn from(s: serde_saphyr::Spanned<T>) -> Self {
        At {
            value: s.value,
            line: s.referenced.line() as usize,
            column: s.referenced.column() as usize,
        }
    }
}

impl Node {
    /// The value without places, as templates see it.
    pub(crate) fn to_json(&self) -> serde_json::Value {
        match self {
            Node::Scalar(v) => v.clone(),
            Node::Seq(items) => items.iter().map(|i| i.value.to_json()).collect(),
            Node::Map(entries) => entries
                .iter()
                .map(|(k, v)| (k.value.clone(), v.value.to_json()))
                .collect::<serde_json::Map<_, _>>()
                .into(),
        }
    }

    /// The text of a scalar (numbers and true/false written as text); `None` for a
    /// list, a map or nothing.
    pub(crate) fn as_text(&self) -> Option<String> {
        match self {
            Node::Scalar(serde_json::Value::String(s)) => Some(s.clone()),
            Node::Scalar(serde_json::Value::Number(n)) => Some(n.to_string()),
            Node::Scalar(serde_json::Value::Bool(b)) => Some(b.to_string()),
            _ => None,
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
}

/// Builds a [`Node`], asking the parser for the place of every value inside.
struct NodeVisitor;

impl<'de> serde::de::Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Scalar(v.into()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Scalar(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Scalar(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Scalar(
            serde_json::Number::from_f64(v).map_or(serde_json::Value::Null, Into::into),
        ))
    }
    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Scalar(v.into()))
    }
    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::Scalar(v.into()))
    }
    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar(serde_json::Value::Null))
    }
    fn visit_none<E>(self) -> Result<Node, E> {
        Ok(Node::Scalar(serde_json::Value::Null))
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(NodeVisitor)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<serde_saphyr::Spanned<Node>>()? {
            items.push(item.into());
        }
        Ok(Node::Seq(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<(At<String>, At<Node>)> = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<String>>()? {
            let value = map.next_value::<serde_saphyr::Spanned<Node>>()?;
            let key: At<String> = key.into();
            if entries.iter().any(|(k, _)| k.value == key.value) {
                return Err(serde::de::Error::custom(format!(
                    "duplicate key `{}`",
                    key.value
                )));
            }
            entries.push((key, value.into()));
        }
        Ok(Node::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        title: String,
    }

    #[test]
    fn unknown_key_is_named_with_its_file_line() {
        let err = parse::<T>(Path::new("a.md"), "title: x\ntitel: y\n", 2).err();
        let err = err.map(|e| (e.line, e.message)).unwrap_or_default();
        assert_eq!(err, (3, "unknown setting `titel`".to_string()));
    }

    #[test]
    fn an_unknown_key_gets_the_nearest_allowed_name() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Two {
            title: String,
            weight: Option<i64>,
        }
        let hint = |text: &str| {
            parse::<Two>(Path::new("a.md"), text, 2)
                .err()
                .map(|e| e.hint)
                .unwrap_or_default()
        };
        assert_eq!(
            hint("title: x\nwieght: 2\n"),
            "did you mean `weight`? The allowed names are: title, weight"
        );
        assert_eq!(
            hint("title: x\ncolour: red\n"),
            "check the spelling; the allowed names are: title, weight"
        );
        assert_eq!(
            allowed_names("x`, expected one of `title`, `date`"),
            ["title", "date"]
        );
        assert_eq!(allowed_names("x`, expected `a` or `b`"), ["a", "b"]);
        assert_eq!(allowed_names("x`, expected one of a, b"), ["a", "b"]);
        assert!(allowed_names("x`, there are no fields").is_empty());
    }

    #[test]
    fn unclosed_quote_is_explained() {
        let err = parse::<T>(Path::new("a.md"), "title: 'x\n", 2).err();
        let msg = err.map(|e| e.message).unwrap_or_default();
        assert!(msg.contains("never closed"), "{msg}");
    }

    #[test]
    fn nodes_know_the_line_and_column_of_every_key_and_value() {
        let text = "a: 1\nb:\n  - x\n  - {az: y, en: no}\n";
        let node = parse_node(Path::new("d.yaml"), text, 1).unwrap_or_else(|e| panic!("{e}"));
        let Node::Map(entries) = &node else {
            panic!("{node:?}")
        };
        assert_eq!((entries[1].0.value.as_str(), entries[1].0.line), ("b", 2));
        let Node::Seq(items) = &entries[1].1.value else {
            panic!("{node:?}")
        };
        assert_eq!((items[1].line, items[1].column), (4, 5));
        assert_eq!(
            node.to_json(),
            serde_json::json!({"a": 1, "b": ["x", {"az": "y", "en": "no"}]})
        );
        let twice = parse_node(Path::new("d.yaml"), "a: 1\na: 2\n", 1).err();
        assert_eq!(twice.map(|d| d.line), Some(2));
    }
}
