//! Code highlighting with CSS classes, so the page carries no inline styles.
//!
//! Tokens are coloured by kind (comment, string, keyword, …), one short class per run
//! of a kind, as Hugo's Chroma and Pygments do, instead of one span per grammar scope
//! with every atom of its name as a class: a seven-line Rust snippet is about a
//! fifth of the bytes, and the stylesheet about 2 kB, not 29 kB.

use super::contrast::{legible, readable};
use crate::escape;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::str::FromStr;
use std::sync::{Arc, Mutex, OnceLock};
use syntect::highlighting::{
    Color, FontStyle, HighlightIterator, HighlightState, ScopeSelectors, Style, StyleModifier,
    Theme, ThemeItem, ThemeSet,
};
use syntect::parsing::{ParseState, Scope, ScopeStack, ScopeStackOp, SyntaxSet};
use syntect::util::LinesWithEndings;

/// A kind of token: its class (Pygments' short names, which Chroma uses too), the
/// grammar scopes it covers, and the scopes whose colours it takes from each theme.
struct Kind {
    class: &'static str,
    scopes: &'static str,
    colour_of: &'static str,
    /// Whether spaces next to a token of this kind may share its span: not when the
    /// kind has a background, which would colour them.
    spaces: bool,
}

/// Every kind; a token takes the kind whose scopes match it most closely (syntect's
/// scoring, as for a theme), and tokens of no kind are plain text.
const KINDS: &[Kind] = &[
    kind("c", "comment, punctuation.definition.comment", "comment"),
    kind("s", "string, punctuation.definition.string", "string.quoted"),
    kind("sr", "string.regexp", "string.regexp"),
    kind("se", "constant.character.escape", "constant.character.escape"),
    kind("m", "constant.numeric", "constant.numeric"),
    kind(
        "kc",
        "constant, support.constant, variable.other.constant",
        "constant.language",
    ),
    kind("k", "keyword, storage", "keyword"),
    kind("nf", "entity.name.function, variable.function", "entity.name.function"),
    kind("nb", "support.function", "support.function"),
    kind(
        "nc",
        "entity.name.class, entity.name.type, entity.other.inherited-class, support.type, support.class",
        "entity.name.class",
    ),
    kind("nv", "variable", "variable"),
    kind("nt", "entity.name.tag", "entity.name.tag"),
    kind("na", "entity.other.attribute-name", "entity.other.attribute-name"),
    kind("err", "invalid", "invalid.illegal").on_background(),
    kind(
        "gh",
        "markup.heading, entity.name.section",
        "text.html.markdown markup.heading",
    ),
    kind("gs", "markup.bold", "text.html.markdown markup.bold"),
    kind("ge", "markup.italic", "text.html.markdown markup.italic"),
    kind("gi", "markup.inserted", "markup.inserted").on_background(),
    kind("gd", "markup.deleted", "markup.deleted").on_background(),
];

const fn kind(class: &'static str, scopes: &'static str, colour_of: &'static str) -> Kind {
    Kind {
        class,
        scopes,
        colour_of,
        spaces: true,
    }
}

impl Kind {
    /// A kind drawn on a background of its own, which must not spread to the spaces.
    const fn on_background(self) -> Kind {
        Kind {
            spaces: false,
            ..self
        }
    }

    /// The kind numbered `n` in [`KINDS`] (from 1, as [`kinds_theme`] numbers them);
    /// `None` for 0, plain text.
    fn numbered(n: usize) -> Option<&'static Kind> {
        KINDS.get(n.checked_sub(1)?)
    }
}

/// A theme that "colours" each kind's scopes with the kind's number (red channel,
/// from 1), so syntect's own matching tells which kind a token is.
fn kinds_theme() -> Theme {
    let scopes = KINDS
        .iter()
        .zip(1u8..)
        .filter_map(|(k, n)| {
            Some(ThemeItem {
                scope: ScopeSelectors::from_str(k.scopes).ok()?,
                style: StyleModifier {
                    foreground: Some(Color {
                        r: n,
                        g: 0,
                        b: 0,
                        a: 255,
                    }),
                    ..StyleModifier::default()
                },
            })
        })
        .collect();
    Theme {
        scopes,
        ..Theme::default()
    }
}

/// Highlighted HTML built token by token: a run of one kind shares one span.
struct Runs {
    html: String,
    /// The kind whose span is open (its number), or 0.
    open: usize,
}

impl Runs {
    fn push(&mut self, kind: usize, text: &str) {
        let blank = text.bytes().all(|b| b.is_ascii_whitespace());
        let kind = if blank && Kind::numbered(self.open).is_some_and(|k| k.spaces) {
            self.open
        } else {
            kind
        };
        if kind != self.open {
            if self.open != 0 {
                self.html.push_str("</span>");
            }
            if let Some(k) = Kind::numbered(kind) {
                self.html.push_str("<span class=\"");
                self.html.push_str(k.class);
                self.html.push_str("\">");
            }
            self.open = kind;
        }
        escape::html_into(&mut self.html, text);
    }

    fn finish(mut self) -> String {
        if self.open != 0 {
            self.html.push_str("</span>");
        }
        self.html
    }
}

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
    kinds: OnceLock<Theme>,
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
        let kinds = syntect::highlighting::Highlighter::new(self.kinds.get_or_init(kinds_theme));
        let mut state = ParseState::new(syntax);
        let mut styles = HighlightState::new(&kinds, ScopeStack::new());
        let mut runs = Runs {
            html: String::with_capacity(code.len() * 2),
            open: 0,
        };
        for line in LinesWithEndings::from(code) {
            let ops = self.parse_line(line, &mut state, set).ok()?;
            let mut seen = 0;
            for (style, text) in HighlightIterator::new(&mut styles, &ops, line, &kinds) {
                seen += text.len();
                runs.push(usize::from(style.foreground.r), text);
            }
            // The iterator stops early on a scope stack it cannot apply: never lose code.
            if seen != line.len() {
                return None;
            }
        }
        Some(runs.finish())
    }

    /// True when `lang` names a language the highlighter knows (`rust`, `yaml`, `text`).
    pub(crate) fn knows(&self, lang: &str) -> bool {
        self.syntaxes().find_syntax_by_token(lang).is_some()
    }

    /// A `<pre><code>` block; known languages get spans classed by kind. The block can
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
    let (light, dark) = (legible(light), legible(dark));
    let (light, dark) = (kind_styles(&light), kind_styles(&dark));
    let mut css = String::new();
    rules(&mut css, &light, &dark);
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    rules(&mut css, &dark, &light);
    css.push_str("}\n");
    css
}

/// The theme's default style, then each kind's style in it, every colour readable on
/// the background it is drawn on.
fn kind_styles(theme: &Theme) -> (Style, Vec<Style>) {
    let hl = syntect::highlighting::Highlighter::new(theme);
    let styles = KINDS
        .iter()
        .map(|k| {
            let stack: Vec<Scope> = k
                .colour_of
                .split(' ')
                .filter_map(|s| Scope::new(s).ok())
                .collect();
            let mut style = hl.style_for_stack(&stack);
            style.foreground = readable(style.foreground, style.background);
            style
        })
        .collect();
    (hl.get_default(), styles)
}

/// The rules for one colour scheme. Each property the other scheme sets for a kind is
/// set here too, so that dark mode never keeps a light-mode weight or background.
fn rules(css: &mut String, (base, kinds): &(Style, Vec<Style>), other: &(Style, Vec<Style>)) {
    let _ = writeln!(
        css,
        ".hl-code{{color:{};background-color:{}}}",
        hex(base.foreground),
        hex(base.background)
    );
    for ((k, style), theirs) in KINDS.iter().zip(kinds).zip(&other.1) {
        let _ = write!(
            css,
            ".hl-code .{}{{color:{}",
            k.class,
            hex(style.foreground)
        );
        if style.background != base.background || theirs.background != other.0.background {
            let _ = write!(css, ";background-color:{}", hex(style.background));
        }
        let either = style.font_style | theirs.font_style;
        for (flag, property, on, off) in [
            (FontStyle::BOLD, "font-weight", "700", "400"),
            (FontStyle::ITALIC, "font-style", "italic", "normal"),
            (FontStyle::UNDERLINE, "text-decoration", "underline", "none"),
        ] {
            if either.contains(flag) {
                let value = if style.font_style.contains(flag) {
                    on
                } else {
                    off
                };
                let _ = write!(css, ";{property}:{value}");
            }
        }
        css.push_str("}\n");
    }
}

/// `#rrggbb`, or `#rrggbbaa` for a colour that is not opaque.
fn hex(c: Color) -> String {
    if c.a == 255 {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    } else {
        format!("#{:02x}{:02x}{:02x}{:02x}", c.r, c.g, c.b, c.a)
    }
}

#[cfg(test)]
mod tests {
    use super::super::contrast::{contrast, MIN_CONTRAST};
    use super::*;

    #[test]
    fn tokens_get_one_short_class_per_kind_and_no_inline_styles() {
        let h = Highlighter::default();
        let html = h.highlight("// note\nfn main() { let x = \"a\\n\"; }\n", "rust");
        assert!(
            html.contains("<span class=\"c\">// note\n</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"nf\">main</span>"), "{html}");
        assert!(html.contains("<span class=\"se\">\\n</span>"), "{html}");
        // A keyword and the space after it share one span.
        assert!(html.contains("<span class=\"k\">fn </span>"), "{html}");
        assert!(!html.contains("style="), "{html}");
        // Every class used is one the stylesheet colours.
        let css = stylesheet();
        for class in html
            .split("class=\"")
            .skip(2)
            .filter_map(|c| c.split('"').next())
        {
            assert!(
                css.contains(&format!(".hl-code .{class}{{")),
                "{class} in {css}"
            );
        }
    }

    #[test]
    fn the_code_comes_back_whole_whatever_the_spans() {
        let h = Highlighter::default();
        let code = "<div class=\"a\">&amp;</div>\n\tlet s = r#\"x\"#;\n\n  \n";
        for lang in ["html", "rust", "yaml", "diff", "markdown", "json"] {
            let html = h.highlight(code, lang);
            let inner = html
                .split("<code>")
                .nth(1)
                .and_then(|r| r.split("</code>").next())
                .unwrap_or_default();
            let mut text = String::new();
            let mut rest = inner;
            while let Some(i) = rest.find('<') {
                text.push_str(&rest[..i]);
                rest = rest[i..].split_once('>').map_or("", |(_, r)| r);
            }
            text.push_str(rest);
            let text = text
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            assert_eq!(text, code, "{lang}: {html}");
        }
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
        assert!(
            first.contains("<span class=\"s\">&quot;open\n}\nlet a = 1;\n&quot;</span>"),
            "{first}"
        );
        let other = warm.highlight("let a = 1;\n", "python");
        assert_ne!(other, warm.highlight("let a = 1;\n", "rust"));
    }

    #[test]
    fn every_kind_is_readable_in_both_schemes_and_dark_mode_undoes_light_mode() {
        let themes = ThemeSet::load_defaults();
        let light = kind_styles(&legible(&themes.themes["InspiredGitHub"]));
        let dark = kind_styles(&legible(&themes.themes["base16-ocean.dark"]));
        for (base, kinds) in [&light, &dark] {
            assert!(contrast(base.foreground, base.background) >= MIN_CONTRAST);
            for (k, style) in KINDS.iter().zip(kinds) {
                let ratio = contrast(style.foreground, style.background);
                assert!(ratio >= MIN_CONTRAST, "{}: {ratio:.2}", k.class);
            }
        }
        // Light mode makes keywords bold; dark mode must say they are not, or a
        // bold light-mode keyword would stay bold in a theme that does not want it.
        let css = stylesheet();
        let (_, dark_css) = css.split_once("@media").unwrap_or_default();
        assert!(
            dark_css.contains(".hl-code .k{color:#b48ead;font-weight:400}"),
            "{css}"
        );
        for k in KINDS {
            assert!(
                dark_css.contains(&format!(".hl-code .{}{{", k.class)),
                "{}",
                k.class
            );
        }
    }

    #[test]
    fn kinds_have_distinct_classes_and_valid_scopes() {
        let theme = kinds_theme();
        assert_eq!(
            theme.scopes.len(),
            KINDS.len(),
            "a kind's scopes failed to parse"
        );
        let mut classes: Vec<&str> = KINDS.iter().map(|k| k.class).collect();
        classes.sort_unstable();
        classes.dedup();
        assert_eq!(classes.len(), KINDS.len());
    }
}
