//! The readable text of an HTML fragment the build wrote itself (a statistics
//! block, highlighted code, a heading's tags), for the search index.
//!
//! Not a general HTML parser: the Markdown pass hands over its text events as
//! they are and only the few HTML pieces it made go through here. Tags are
//! dropped whole, so an attribute never reaches the index (a statistics table
//! can never leak a value it does not print), and the entities our own
//! escaper writes are decoded.

/// Appends the text of `html` to `out`; every tag becomes a space, so the cells
/// of a table or the lines of a list never run together into one word. Entities
/// are decoded as [`decode`] knows them; anything else is kept as written.
pub(crate) fn push_html_text(out: &mut String, html: &str) {
    let mut rest = html;
    // One scan for both bytes that mean something: a page hands over hundreds of
    // small pieces, where a search per byte kind cost more than the text itself.
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        if let Some(tag) = after.strip_prefix('<') {
            match memchr::memchr(b'>', tag.as_bytes()) {
                Some(gt) => {
                    if !out.ends_with(' ') {
                        out.push(' ');
                    }
                    rest = &tag[gt + 1..];
                }
                // A `<` that opens no tag cannot come from our escaper; keep it as text.
                None => {
                    out.push('<');
                    rest = tag;
                }
            }
        } else {
            let entity = after.find(';').filter(|&end| end <= 10).and_then(|end| {
                let ch = decode(&after[1..end])?;
                Some((ch, end))
            });
            match entity {
                Some((ch, end)) => {
                    out.push(ch);
                    rest = &after[end + 1..];
                }
                None => {
                    out.push('&');
                    rest = &after[1..];
                }
            }
        }
    }
    out.push_str(rest);
}

/// The character an entity name (without `&` and `;`) stands for.
fn decode(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        let mut s = String::new();
        push_html_text(&mut s, html);
        s
    }

    #[test]
    fn tags_and_their_attributes_are_dropped_cells_stay_apart() {
        let t = text(
            "<table><tr><td data-value=\"1112\">Bakı</td><td>1&#39;112 &amp; 5</td></tr></table>",
        );
        assert!(!t.contains("data-value") && !t.contains("1112"), "{t}");
        assert_eq!(
            t.split_whitespace().collect::<Vec<_>>(),
            ["Bakı", "1'112", "&", "5"]
        );
    }

    #[test]
    fn unknown_entities_and_stray_ampersands_are_kept() {
        assert_eq!(text("a &foo; b & c &lt;d&gt;"), "a &foo; b & c <d>");
        assert_eq!(text("x < y"), "x < y");
        assert_eq!(text("a < b &amp; c"), "a < b & c");
        assert_eq!(text("<b>x</b> < y &lt;"), " x  < y <");
    }
}
