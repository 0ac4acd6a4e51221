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

/// Minifies a whole HTML document.
pub fn html(text: &[u8]) -> Vec<u8> {
    minify_html::minify(text, &cfg())
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
