//! Code highlighting with CSS classes, so the page carries no inline styles.

use super::contrast::legible;
use crate::escape;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, line_tokens_to_classed_spans, ClassStyle};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Lines remembered at most: enough for any real site's repeated lines, bounded memory.
const MEMO_LINES: usize = 200_000;
/// Bytes of highlighted blocks remembered at most.
const MEMO_BLOCK_BYTES: usize = 16 << 20;

/// What the grammar made of one line, starting in a given state.
struct Parsed {
    before: ParseState,
    ops: Arc<[(usize, ScopeStackOp)]>,
    after: ParseState,
}

/// Highlights fenced code; the syntax set is loaded on first use, once per build.
///
/// Parsing a line with the grammar's regexes is nearly all the cost of highlighting, and
/// code on a site repeats (closing braces, imports, a snippet shown on several pages), so
/// each line's parse is remembered with the state it started in: the same line in the
/// same state always parses the same way, so the output is identical either way.
///
/// Whole blocks are remembered too: every translation of a page shows the same code,
/// and a snippet is often repeated across pages; a block starts in the grammar's first
/// state, so the same text in the same language always gives the same HTML. A hit
/// skips turning the parse into spans, which costs as much as a remembered parse.
#[derive(Default)]
pub(crate) struct Highlighter {
    syntaxes: OnceLock<SyntaxSet>,
    memo: Mutex<Memo>,
    blocks: Mutex<Blocks>,
}

/// Remembered blocks' HTML by code and grammar name, and their bytes in all.
#[derive(Default)]
struct Blocks {
    html: HashMap<String, Vec<(String, Arc<str>)>>,
    bytes: usize,
}

/// Remembered parses by line text, and how many there are in all.
#[derive(Default)]
struct Memo {
    lines: HashMap<String, Vec<Parsed>>,
    len: usize,
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

    /// The grammar's operations for `line`, advancing `state` past it.
    fn parse_line(
        &self,
        line: &str,
        state: &mut ParseState,
        set: &SyntaxSet,
    ) -> Result<Arc<[(usize, ScopeStackOp)]>, syntect::parsing::ParsingError> {
        if let Ok(memo) = self.memo.lock() {
            if let Some(hit) = memo
                .lines
                .get(line)
                .and_then(|v| v.iter().find(|p| p.before == *state))
            {
                state.clone_from(&hit.after);
                return Ok(hit.ops.clone());
            }
        }
        let before = state.clone();
        let ops: Arc<[(usize, ScopeStackOp)]> = state.parse_line(line, set)?.into();
        if let Ok(mut memo) = self.memo.lock() {
            if memo.len < MEMO_LINES {
                memo.len += 1;
                memo.lines
                    .entry(line.to_string())
                    .or_default()
                    .push(Parsed {
                        before,
                        ops: ops.clone(),
                        after: state.clone(),
                    });
            }
        }
        Ok(ops)
    }

    /// [`Self::classed`], remembered by grammar and code.
    fn classed_block(
        &self,
        code: &str,
        syntax: &syntect::parsing::SyntaxReference,
    ) -> Option<Arc<str>> {
        let hit = self.blocks.lock().ok()?.html.get(code).and_then(|v| {
            v.iter()
                .find(|(name, _)| *name == syntax.name)
                .map(|(_, h)| h.clone())
        });
        if hit.is_some() {
            return hit;
        }
        let html: Arc<str> = self.classed(code, syntax)?.into();
        if let Ok(mut blocks) = self.blocks.lock() {
            if blocks.bytes + html.len() <= MEMO_BLOCK_BYTES {
                blocks.bytes += html.len();
                blocks
                    .html
                    .entry(code.to_string())
                    .or_default()
                    .push((syntax.name.clone(), html.clone()));
            }
        }
        Some(html)
    }

    /// The classed spans for `code` in `syntax`, or `None` when the grammar fails on it.
    fn classed(&self, code: &str, syntax: &syntect::parsing::SyntaxReference) -> Option<String> {
        let set = self.syntaxes();
        let mut state = ParseState::new(syntax);
        let mut scopes = ScopeStack::new();
        let mut open: isize = 0;
        let mut html = String::with_capacity(code.len() * 4);
        for line in LinesWithEndings::from(code) {
            let ops = self.parse_line(line, &mut state, set).ok()?;
            let (spans, delta) =
                line_tokens_to_classed_spans(line, &ops, CLASS_STYLE, &mut scopes).ok()?;
            open += delta;
            html.push_str(&spans);
        }
        for _ in 0..open {
            html.push_str("</span>");
        }
        Some(html)
    }

    /// True when `lang` names a language the highlighter knows (`rust`, `yaml`, `text`).
    pub(crate) fn knows(&self, lang: &str) -> bool {
        self.syntaxes().find_syntax_by_token(lang).is_some()
    }

    /// A `<pre><code>` block; known languages get `hl-` classed spans. The block can
    /// take focus, so a keyboard can scroll a line wider than the screen.
    pub(crate) fn highlight(&self, code: &str, lang: &str) -> String {
        let lang = lang.split([' ', ',', '{']).next().unwrap_or("").trim();
        // A grammar that fails on this text falls back to plain: never lose the code.
        let classed = if lang.is_empty() {
            None
        } else {
            self.syntaxes()
                .find_syntax_by_token(lang)
                .and_then(|syntax| self.classed_block(code, syntax))
        };
        // Sized for what it will hold: highlighted HTML is many times the code.
        let body = classed.as_ref().map_or(code.len() * 2, |h| h.len());
        let mut out = String::with_capacity(body + lang.len() + 96);
        out.push_str(match classed {
            Some(_) => "<pre class=\"code hl-code\"",
            None => "<pre class=\"code\"",
        });
        if !lang.is_empty() {
            out.push_str(" data-lang=\"");
            out.push_str(&escape::attr(lang));
            out.push('"');
        }
        out.push_str(" tabindex=\"0\"><code>");
        match classed {
            Some(html) => out.push_str(&html),
            None => escape::html_into(&mut out, code),
        }
        out.push_str("</code></pre>\n");
        out
    }
}

/// The stylesheet for highlighted code: a light theme, and a dark one for dark mode,
/// both made readable (see [`super::contrast`]).
pub(crate) fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let (Some(light), Some(dark)) = (
        themes.themes.get("InspiredGitHub"),
        themes.themes.get("base16-ocean.dark"),
    ) else {
        return String::new();
    };
    let css = |t: &syntect::highlighting::Theme| {
        css_for_theme_with_class_style(t, CLASS_STYLE).unwrap_or_default()
    };
    let light_css = css(&legible(light, None));
    let dark_css = css(&legible(dark, Some(light)));
    format!("{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n")
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
        // Unknown and missing languages: plain blocks that still take focus.
        assert_eq!(
            html,
            "<pre class=\"code\" data-lang=\"nosuchlang\" tabindex=\"0\"><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre>\n"
        );
        assert_eq!(
            h.highlight("a < b", ""),
            "<pre class=\"code\" tabindex=\"0\"><code>a &lt; b</code></pre>\n"
        );
        assert!(h
            .highlight("x", "\"rust")
            .starts_with("<pre class=\"code\" data-lang=\"&quot;rust\" tabindex=\"0\"><code>"));
    }

    #[test]
    fn remembered_lines_give_the_same_html_as_a_fresh_parse() {
        // A string opened on one line changes how the next lines parse: the memo must
        // tell the same line apart by the state it starts in.
        let code = "let a = 1;\nlet s = \"open\n}\nlet a = 1;\n\";\n}\nlet a = 1;\n";
        let warm = Highlighter::default();
        let first = warm.highlight(code, "rust");
        let again = warm.highlight(code, "rust");
        let fresh = Highlighter::default().highlight(code, "rust");
        assert_eq!(first, again);
        assert_eq!(first, fresh);
        // Inside the string, `}` and `let a = 1;` are string text, not code.
        let in_string = first
            .split("open")
            .nth(1)
            .and_then(|rest| rest.split("hl-string hl-end").next())
            .unwrap_or("");
        assert!(in_string.contains("let a = 1;"), "{first}");
        assert!(!in_string.contains("hl-storage"), "{first}");
        let other = warm.highlight("let a = 1;\n", "python");
        assert_ne!(other, warm.highlight("let a = 1;\n", "rust"));
    }

    #[test]
    fn stylesheet_has_a_dark_mode() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
