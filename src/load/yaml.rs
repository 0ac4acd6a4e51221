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
    serde_saphyr::from_str::<T>(text).map_err(|e| {
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
        let expected = rest
            .split_once("expected one of ")
            .map(|(_, e)| e.to_string())
            .or_else(|| rest.split_once("expected ").map(|(_, e)| e.to_string()))
            .unwrap_or_default();
        let hint = if expected.is_empty() {
            "remove this line".to_string()
        } else {
            format!("check the spelling; the allowed names are: {expected}")
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
    fn unclosed_quote_is_explained() {
        let err = parse::<T>(Path::new("a.md"), "title: 'x\n", 2).err();
        let msg = err.map(|e| e.message).unwrap_or_default();
        assert!(msg.contains("never closed"), "{msg}");
    }
}
