//! The readable text of an HTML fragment the build wrote itself (a statistics
//! block, highlighted code, a heading's tags), for the search index.
//!
//! Not a general HTML parser: the Markdown pass hands over its text events as
//! they are and only the few HTML pieces it made go through here. Tags are
//! dropped whole, so an attribute never reaches the index (a statistics table
//! can never leak a value it does not print), and the entities our own
//! escaper writes are decoded.

/// Appends the text of `html` to `out`; every tag becomes a space, so the cells
/// of a table or the lines of a list never run together into one word.
pub(crate) fn push_html_text(out: &mut String, html: &str) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_decoded(out, &rest[..lt]);
        let after = &rest[lt..];
        // A `<` that opens no tag cannot come from our escaper; keep it as text.
        match after.find('>') {
            Some(gt) => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
                rest = &after[gt + 1..];
            }
            None => {
                push_decoded(out, after);
                return;
            }
        }
    }
    push_decoded(out, rest);
}

/// Appends `text` with the entities of `escape::html_into` (and `&nbsp;`, `&#NN;`)
/// decoded; anything else is kept as written.
fn push_decoded(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp..];
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
    }
}
