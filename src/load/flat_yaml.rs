//! Front matter written as plain `key: value` lines, read without the YAML parser.
//!
//! Nearly every page's front matter is a few such lines, and parsing them as YAML
//! was 7% of a large site's build. This reader takes only what it is sure of: one
//! `key: value` per line, the value a bare word or phrase, a whole number, `true`
//! or `false`, or text quoted without escapes. Anything else (a list, a nested map,
//! an escape, a value YAML could read as something else, like `no`, `1.5` or `~`)
//! makes it give up, and the YAML parser reads the block as before. A property test
//! checks that whatever this reader takes, the parser reads the same.

/// A value as written on its line.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Flat<'a> {
    /// Text: bare, or quoted without escapes.
    Text(&'a str),
    /// A whole number written bare.
    Int(i64),
    /// `true` or `false`, written bare.
    Bool(bool),
}

/// One `key: value` line.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry<'a> {
    /// The key, lowercase letters and `_`.
    pub key: &'a str,
    /// The value.
    pub value: Flat<'a>,
    /// File line.
    pub line: usize,
    /// 1-based column of the value's first character (its quote, if quoted).
    pub column: usize,
}

/// The entries of `yaml`, whose first line is file line `first_line`, or `None`
/// when a line is more than this reader is sure of.
pub(crate) fn entries(yaml: &str, first_line: usize) -> Option<Vec<Entry<'_>>> {
    let mut out = Vec::with_capacity(8);
    for (line, text) in (first_line..).zip(yaml.split('\n')) {
        if text.bytes().all(|b| b == b' ') || text.starts_with('#') {
            continue;
        }
        let (key, rest) = text.split_once(':')?;
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            return None;
        }
        let after = rest.strip_prefix(' ')?;
        let raw = after.trim_start_matches(' ');
        out.push(Entry {
            key,
            value: value(raw)?,
            line,
            column: key.len() + 2 + (after.len() - raw.len()) + 1,
        });
    }
    Some(out)
}

/// The value starting at `raw` (to the end of its line), if it is one this reader takes.
fn value(raw: &str) -> Option<Flat<'_>> {
    match raw.as_bytes().first()? {
        b'"' => quoted(raw, '"'),
        b'\'' => quoted(raw, '\''),
        _ => plain(raw),
    }
}

/// Quoted text with no quote or escape inside, then nothing but a comment.
fn quoted(raw: &str, quote: char) -> Option<Flat<'_>> {
    let body = &raw[1..];
    let end = body.find(quote)?;
    let (text, after) = (&body[..end], &body[end + 1..]);
    if text.contains('\\') || !text.chars().all(is_plain_char) || !is_end(after) {
        return None;
    }
    Some(Flat::Text(text))
}

/// True when what follows a quoted value is spaces, or spaces and then a comment.
fn is_end(after: &str) -> bool {
    let rest = after.trim_start_matches(' ');
    rest.is_empty() || (rest.len() < after.len() && rest.starts_with('#'))
}

/// A bare value up to a ` #` comment: text, a whole number or `true`/`false`.
fn plain(raw: &str) -> Option<Flat<'_>> {
    let text = raw
        .find(" #")
        .map_or(raw, |i| &raw[..i])
        .trim_end_matches(' ');
    let refused_start = [
        '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', '+',
        '.', '~',
    ];
    if text.is_empty()
        || text.starts_with(refused_start)
        || text.contains(": ")
        || text.ends_with(':')
        || !text.chars().all(is_plain_char)
    {
        return None;
    }
    match text {
        "true" => return Some(Flat::Bool(true)),
        "false" => return Some(Flat::Bool(false)),
        _ => {}
    }
    if text.as_bytes()[0].is_ascii_digit() {
        return number_or_date(text);
    }
    // Words YAML may read as null or true/false in some casing or version.
    let special = ["null", "true", "false", "yes", "no", "on", "off", "y", "n"];
    if special.iter().any(|w| w.eq_ignore_ascii_case(text)) {
        return None;
    }
    Some(Flat::Text(text))
}

/// A bare value that starts with a digit: a whole number without leading zeros, or
/// as text a date (`2025-06-15`, `2025-06`) or a hash; anything else is not sure.
fn number_or_date(text: &str) -> Option<Flat<'_>> {
    let b = text.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        if b.len() > 1 && b[0] == b'0' {
            return None;
        }
        return text.parse().ok().map(Flat::Int);
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    let date = match b.len() {
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    };
    (date || is_hash(b)).then_some(Flat::Text(text))
}

/// True for a short hash like `translated_from`'s (`15b7cb64`) that YAML cannot read
/// as a number: hex digits with a letter, not `0b…` (binary in YAML 1.1) and not
/// digits, `e`, digits (a float).
fn is_hash(b: &[u8]) -> bool {
    let float = match b.iter().position(|&c| c == b'e') {
        Some(i) => {
            i > 0
                && b.iter()
                    .enumerate()
                    .all(|(j, c)| j == i || c.is_ascii_digit())
        }
        None => false,
    };
    b.iter().all(|c| matches!(c, b'0'..=b'9' | b'a'..=b'f')) && !b.starts_with(b"0b") && !float
}

/// True for a character that means itself in any scalar: not a control character,
/// a byte-order mark or a Unicode line or paragraph separator.
fn is_plain_char(c: char) -> bool {
    !c.is_control() && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(yaml: &str) -> Option<Vec<(&str, Flat<'_>, usize, usize)>> {
        entries(yaml, 2).map(|es| {
            es.into_iter()
                .map(|e| (e.key, e.value, e.line, e.column))
                .collect()
        })
    }

    #[test]
    fn key_value_lines_are_read_with_their_file_line_and_column() {
        let yaml = "title: \"Uşaq hüquqları — Bakı\"\n\ndate: 2025-06-15  # day known\nweight: 325\n# a note\ndraft: false\nslug: 'usaq'\n";
        assert_eq!(
            values(yaml),
            Some(vec![
                ("title", Flat::Text("Uşaq hüquqları — Bakı"), 2, 8),
                ("date", Flat::Text("2025-06-15"), 4, 7),
                ("weight", Flat::Int(325), 5, 9),
                ("draft", Flat::Bool(false), 7, 8),
                ("slug", Flat::Text("usaq"), 8, 7),
            ])
        );
    }

    #[test]
    fn whatever_yaml_might_read_otherwise_is_left_to_the_parser() {
        for yaml in [
            "title: \"a \\\" b\"\n", // an escape
            "title: 'It''s'\n",      // a doubled quote
            "title: \"a\" b\n",      // text after the quote
            "aliases:\n  - /old/\n", // a list
            "title: a\n  b\n",       // text folded onto the next line
            "title: a: b\n",         // a map inside a value
            "title:\n",              // null
            "draft: yes\n",          // YAML 1.1's true
            "title: No\n",           // YAML 1.1's false, in another case
            "weight: 007\n",         // octal in YAML 1.1
            "weight: 1.5\n",         // not a whole number
            "weight: 99999999999999999999\n",
            "date: 2025-06-15T10:00:00Z\n",
            "title: ~\n",
            "title: -a\n",
            "Title: A\n",
            "\"title\": A\n",
            "title:\tA\n",
            "title: a\tb\n",
        ] {
            assert_eq!(values(yaml), None, "{yaml:?}");
        }
    }

    #[test]
    fn a_short_hash_is_text_unless_yaml_reads_it_as_a_number() {
        assert_eq!(value("15b7cb64"), Some(Flat::Text("15b7cb64")));
        assert_eq!(value("03079d7a"), Some(Flat::Text("03079d7a")));
        assert_eq!(value("12345678"), Some(Flat::Int(12345678)));
        for number in ["12e45678", "0b101010", "0123e45"] {
            assert_eq!(value(number), None, "{number}");
        }
    }

    #[test]
    fn a_hash_without_a_space_before_it_is_text() {
        assert_eq!(
            values("title: C# dərsləri #1 #kurs\n"),
            Some(vec![("title", Flat::Text("C# dərsləri"), 2, 8)])
        );
    }
}
