//! Code highlighting with CSS classes, so the page carries no inline styles.

use std::sync::OnceLock;
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Highlights fenced code; the syntax set is loaded on first use, once per build.
#[derive(Default)]
pub struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Highlighter")
    }
}

impl Highlighter {
    fn syntaxes(&self) -> &SyntaxSet {
        self.syntaxes.get_or_init(SyntaxSet::load_defaults_newlines)
    }

    /// A `<pre><code>` block; known languages get `hl-` classed spans.
    pub fn highlight(&self, code: &str, lang: &str) -> String {
        let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
        let mut out = String::with_capacity(code.len() * 2 + 64);
        if lang.is_empty() {
            out.push_str("<pre class=\"code\"><code>");
            escape_into(&mut out, code);
            out.push_str("</code></pre>\n");
            return out;
        }
        let lang_attr = escape_attr(lang);
        let set = self.syntaxes();
        let Some(syntax) = set.find_syntax_by_token(lang) else {
            out.push_str(&format!(
                "<pre class=\"code\" data-lang=\"{lang_attr}\"><code>"
            ));
            escape_into(&mut out, code);
            out.push_str("</code></pre>\n");
            return out;
        };
        let mut gen = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            if gen
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                // A grammar that fails on this text: fall back to plain, never lose the code.
                let mut plain = format!("<pre class=\"code\" data-lang=\"{lang_attr}\"><code>");
                escape_into(&mut plain, code);
                plain.push_str("</code></pre>\n");
                return plain;
            }
        }
        out.push_str(&format!(
            "<pre class=\"code hl-code\" data-lang=\"{lang_attr}\"><code>"
        ));
        out.push_str(&gen.finalize());
        out.push_str("</code></pre>\n");
        out
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light = themes
        .themes
        .get("InspiredGitHub")
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default();
    let dark = themes
        .themes
        .get("base16-ocean.dark")
        .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

/// Escapes text for HTML element content.
pub fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Escapes text for an HTML attribute value (and content): the one escaper of the site's HTML.
pub fn escape_attr(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\'' => s.push_str("&#39;"),
            c => escape_into(&mut s, c.encode_utf8(&mut [0; 4])),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_not_inline_styles() {
        let h = Highlighter::default();
        let html = h.highlight("fn main() { let x = 1; }\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
    }

    #[test]
    fn unknown_language_and_html_in_code_are_escaped() {
        let h = Highlighter::default();
        let html = h.highlight("<script>alert(1)</script>", "nosuchlang");
        assert!(html.contains("&lt;script&gt;"), "{html}");
        assert!(!html.contains("<script>"));
    }

    #[test]
    fn stylesheet_has_a_dark_mode() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
