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

/// Deeper nesting than this is left unminified: the minifier recurses once per level
/// and overflows the stack on pathological pages (thousands of nested quotes).
const MAX_DEPTH: usize = 256;

/// Minifies a whole HTML document (unless it is nested too deeply to do safely).
pub fn html(text: &[u8]) -> Vec<u8> {
    if nesting_depth(text) > MAX_DEPTH {
        return text.to_vec();
    }
    minify_html::minify(text, &cfg())
}

/// A quick upper estimate of element nesting: opening tags minus closing tags, void elements aside.
fn nesting_depth(text: &[u8]) -> usize {
    const VOID: &[&[u8]] = &[
        b"br", b"img", b"meta", b"link", b"input", b"hr", b"source", b"wbr", b"area", b"base",
        b"col", b"embed", b"track", b"!",
    ];
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while i + 1 < text.len() {
        if text[i] == b'<' {
            if text[i + 1] == b'/' {
                depth = depth.saturating_sub(1);
            } else if text[i + 1].is_ascii_alphabetic() || text[i + 1] == b'!' {
                let rest = &text[i + 1..];
                let is_void = VOID.iter().any(|v| {
                    rest.len() > v.len()
                        && rest[..v.len()].eq_ignore_ascii_case(v)
                        && !rest[v.len()].is_ascii_alphanumeric()
                });
                if !is_void {
                    depth += 1;
                    max = max.max(depth);
                }
            }
        }
        i += 1;
    }
    max
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

    #[test]
    fn html_loses_whitespace_but_keeps_pre_and_lang() {
        let page = b"<!doctype html>\n<html lang=\"az\">\n<head>\n  <title>A</title>\n</head>\n<body>\n  <p>  Salam  </p>\n<pre>a\n  b</pre>\n</body>\n</html>\n";
        let out = String::from_utf8(html(page)).unwrap_or_default();
        assert!(out.len() < page.len());
        assert!(
            out.contains("<html lang=az>") || out.contains("<html lang=\"az\">"),
            "{out}"
        );
        assert!(out.contains("<pre>a\n  b</pre>"), "{out}");
    }

    #[test]
    fn pathological_nesting_is_left_alone_instead_of_overflowing() {
        let page = format!(
            "<!doctype html><html><body>{}x{}</body></html>",
            "<blockquote>".repeat(20_000),
            "</blockquote>".repeat(20_000)
        );
        assert_eq!(html(page.as_bytes()), page.as_bytes());
        assert_eq!(nesting_depth(b"<p><br><img src=x><b>a</b></p>"), 2);
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
