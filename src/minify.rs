//! Minified HTML and CSS for `build` (`serve` and `--no-minify` keep them readable).

/// The settings that keep output valid HTML5, as the Nu checker reads it.
fn cfg() -> minify_html::Cfg {
    minify_html::Cfg {
        minify_css: true,
        minify_js: false,
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        keep_comments: false,
        ..minify_html::Cfg::default()
    }
}

/// Elements around whose tags whitespace never shows: it is dropped, not collapsed.
const BLOCK: &[&str] = &[
    "!doctype",
    "address",
    "article",
    "aside",
    "base",
    "blockquote",
    "body",
    "br",
    "caption",
    "col",
    "colgroup",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "li",
    "link",
    "main",
    "menu",
    "meta",
    "nav",
    "noscript",
    "ol",
    "optgroup",
    "option",
    "p",
    "picture",
    "pre",
    "script",
    "section",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
];

/// Elements whose content is copied as it is: whitespace there is meaningful or not HTML.
const VERBATIM: &[&str] = &["pre", "textarea", "script", "style"];

/// Minifies a whole HTML document: comments go, whitespace between blocks goes, runs of
/// whitespace in text become one space; tags, attributes, `<pre>` and scripts are untouched.
///
/// One linear pass with no recursion, so any page, however deeply nested, is safe, and a
/// page costs about as much as copying it (a full HTML minifier here cost more than
/// rendering the page itself). Stylesheets still go through `minify-html` in [`css`].
pub fn html(text: &[u8]) -> Vec<u8> {
    let n = text.len();
    let mut out = Vec::with_capacity(n);
    let mut i = 0;
    // Whitespace seen and not yet written; written as one space only between inline things.
    let mut pending = false;
    let mut prev_block = true;
    while i < n {
        let b = text[i];
        if b.is_ascii_whitespace() {
            pending = true;
            i += 1;
            continue;
        }
        if b == b'<' && text[i..].starts_with(b"<!--") {
            match find(text, i + 4, b"-->") {
                Some(end) => i = end + 3,
                None => {
                    flush(&mut out, &mut pending, prev_block, false);
                    out.extend_from_slice(&text[i..]);
                    break;
                }
            }
            continue;
        }
        let starts_tag = b == b'<'
            && text
                .get(i + 1)
                .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'/' || *c == b'!');
        if !starts_tag {
            flush(&mut out, &mut pending, prev_block, false);
            let end = text[i + 1..]
                .iter()
                .position(|c| *c == b'<' || c.is_ascii_whitespace())
                .map_or(n, |p| i + 1 + p);
            out.extend_from_slice(&text[i..end]);
            prev_block = false;
            i = end;
            continue;
        }
        let Some(end) = tag_end(text, i) else {
            flush(&mut out, &mut pending, prev_block, false);
            out.extend_from_slice(&text[i..]);
            break;
        };
        let closing = text[i + 1] == b'/';
        let name_start = if closing { i + 2 } else { i + 1 };
        let name_len = text[name_start..end]
            .iter()
            .position(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
            .unwrap_or(end - name_start);
        let name = &text[name_start..name_start + name_len];
        let is_block = is_one_of(name, BLOCK);
        flush(&mut out, &mut pending, prev_block, is_block);
        out.extend_from_slice(&text[i..=end]);
        prev_block = is_block;
        i = end + 1;
        if !closing && is_one_of(name, VERBATIM) {
            let mut close = b"</".to_vec();
            close.extend_from_slice(name);
            let stop = find_ignore_case(text, i, &close).unwrap_or(n);
            out.extend_from_slice(&text[i..stop]);
            i = stop;
        }
    }
    out
}

/// True if the tag name is in `names` (which are lower case), in any case.
fn is_one_of(name: &[u8], names: &[&str]) -> bool {
    names
        .iter()
        .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// Writes the pending whitespace as one space, unless a block tag is on either side.
fn flush(out: &mut Vec<u8>, pending: &mut bool, prev_block: bool, next_block: bool) {
    if *pending && !prev_block && !next_block {
        out.push(b' ');
    }
    *pending = false;
}

/// The index of the `>` that ends the tag starting at `start`, skipping quoted values.
fn tag_end(text: &[u8], start: usize) -> Option<usize> {
    let mut quote = None;
    for (k, &c) in text.iter().enumerate().skip(start + 1) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => quote = Some(c),
            None if c == b'>' => return Some(k),
            None => {}
        }
    }
    None
}

fn find(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    text.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ignore_case(text: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    text.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

/// Minifies a stylesheet, by minifying it as the content of a `<style>` element.
pub fn css(text: &str) -> String {
    let wrapped = format!("<style>{text}</style>");
    let out =
        String::from_utf8(minify_html::minify(wrapped.as_bytes(), &cfg())).unwrap_or_default();
    match out
        .strip_prefix("<style>")
        .and_then(|s| s.strip_suffix("</style>"))
    {
        Some(inner) if !inner.is_empty() => inner.to_string(),
        // Never publish a broken stylesheet: if the trick fails, keep the original.
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn min(page: &str) -> String {
        String::from_utf8(html(page.as_bytes())).unwrap_or_default()
    }

    #[test]
    fn html_loses_whitespace_but_keeps_pre_and_lang() {
        let page = "<!doctype html>\n<html lang=\"az\">\n<head>\n  <title>A</title>\n</head>\n<body>\n  <p>  Salam  </p>\n<pre>a\n  b</pre>\n</body>\n</html>\n";
        assert_eq!(
            min(page),
            "<!doctype html><html lang=\"az\"><head><title>A</title></head><body><p>Salam</p><pre>a\n  b</pre></body></html>"
        );
    }

    #[test]
    fn spaces_between_words_and_inline_elements_stay() {
        assert_eq!(
            min("<p>Uşaq   kəndi\n <a href=\"/x\">SOS</a> <em>ev</em>\n</p>\n<ul>\n <li> bir </li>\n</ul>"),
            "<p>Uşaq kəndi <a href=\"/x\">SOS</a> <em>ev</em></p><ul><li>bir</li></ul>"
        );
    }

    #[test]
    fn attributes_scripts_and_comments() {
        assert_eq!(
            min("<a title=\"a  > b\"  href='x'>t</a>\n<!-- note -->\n<script type=\"application/ld+json\">{\"a\":  \"<b>\"}</script>\n<textarea>\n  x</TEXTAREA>"),
            "<a title=\"a  > b\"  href='x'>t</a><script type=\"application/ld+json\">{\"a\":  \"<b>\"}</script><textarea>\n  x</TEXTAREA>"
        );
        // Text that only looks like markup is text; an unclosed comment or tag is kept.
        assert_eq!(min("<p>a < b</p>"), "<p>a < b</p>");
        assert_eq!(min("<p>a</p> <!-- open"), "<p>a</p><!-- open");
        assert_eq!(min("<p>a <b"), "<p>a <b");
    }

    #[test]
    fn pathological_nesting_is_fine() {
        let page = format!(
            "<!doctype html><html><body>{}x{}</body></html>",
            "<blockquote>\n".repeat(20_000),
            "</blockquote>\n".repeat(20_000)
        );
        let out = html(page.as_bytes());
        assert_eq!(out.len(), page.len() - 40_000);
    }

    #[test]
    fn css_is_smaller_and_keeps_rules() {
        let text = "/* c */\n.a {\n  color: red;\n}\n@media (prefers-color-scheme: dark) {\n  .a { color: blue; }\n}\n";
        let out = css(text);
        assert!(out.len() < text.len(), "{out}");
        assert!(
            out.contains(".a{color:red}") || out.contains(".a{color:red;}"),
            "{out}"
        );
        assert!(out.contains("prefers-color-scheme:dark"), "{out}");
    }
}
