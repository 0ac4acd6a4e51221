//! Markdown to an HTML fragment, with the site's rules applied in one pass.
//!
//! The pass runs while pages are loaded, before the site's URLs are known, so
//! every link that needs resolving is written as a numbered slot
//! (`ocaq-link:N`) and listed in [`Document::links`]; rendering fills the slots
//! once the whole site has been resolved. An image of the site's files is
//! written as a mark (`<ocaq-image:K>`, listed in [`Document::images`]) that
//! rendering replaces with its `<picture>` once the file has been resized.
//! Headings get Azerbaijani-aware ids, code is highlighted, `stats` blocks and
//! `{{stat …}}` figures are embedded, and raw HTML is escaped unless the site
//! allows it.

pub(crate) mod components;
mod contrast;
pub(crate) mod embeds;
pub(crate) mod highlight;
mod links;
mod pass;

use crate::diagnostic::{Diagnostic, Problem};
use components::{Catalog, ComponentUse};
use embeds::SiteEmbeds;
use highlight::Highlighter;
use pulldown_cmark::Options;
use std::path::Path;

pub(crate) use links::LinkTarget;

/// Prefix of a link slot in the fragment's `href`/`src` attributes.
pub(crate) const SLOT_PREFIX: &str = "ocaq-link:";

/// Marks where a page shows an image of the site's files: `<ocaq-image:K>`
/// for the page's K-th [`ImageRef`]. It starts with `<`, which escaped text
/// never contains, so only this pass can write one.
pub(crate) const IMAGE_MARK: &str = "<ocaq-image:";

/// A heading of the page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Heading {
    /// 1..=6.
    pub(crate) level: u8,
    /// The `id` attribute, the target of `#anchor` links.
    pub(crate) id: String,
    /// Plain text of the heading.
    pub(crate) text: String,
}

/// A link or image in the Markdown that must be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LinkRef {
    /// What it points at.
    pub(crate) target: LinkTarget,
    /// 1-based line in the page file.
    pub(crate) line: usize,
    /// 1-based column.
    pub(crate) column: usize,
}

/// An image the page shows from a file of the site (`![alt](photo.jpg "title")`).
///
/// Its markup is written at render time (`images::place`), once the file has
/// been read and resized; the fragment holds `<ocaq-image:K>` for the page's
/// K-th image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImageRef {
    /// The link slot of the file, in [`Document::links`].
    pub(crate) slot: usize,
    /// The text alternative, as plain text.
    pub(crate) alt: String,
    /// The title, if the Markdown gave one.
    pub(crate) title: String,
}

/// Content a page can embed, provided per language (statistics).
pub(crate) trait Embeds: Sync {
    /// Renders a fenced block with this info string, or `None` if it is ordinary code.
    fn block(&self, info: &str, body: &str, index: usize) -> Option<Result<String, Problem>>;
    /// Renders an inline `{{name spec}}` figure.
    fn inline(&self, name: &str, spec: &str) -> Option<Result<String, Problem>>;
}

/// No embeds: every block is code and `{{…}}` is text.
pub(crate) struct NoEmbeds;

impl Embeds for NoEmbeds {
    fn block(&self, _: &str, _: &str, _: usize) -> Option<Result<String, Problem>> {
        None
    }
    fn inline(&self, _: &str, _: &str) -> Option<Result<String, Problem>> {
        None
    }
}

/// What the Markdown pass needs from the site, the same for every page.
pub(crate) struct Settings<'a> {
    /// Keep raw HTML instead of escaping it.
    pub(crate) unsafe_html: bool,
    /// Code highlighter shared by the build.
    pub(crate) highlighter: &'a Highlighter,
    /// What pages can embed, per language.
    pub(crate) embeds: SiteEmbeds<'a>,
    /// The theme's components pages can use as fenced blocks.
    pub(crate) components: &'a Catalog,
    /// The site's languages (a document's `language` is one of them).
    pub(crate) languages: &'a [String],
}

impl<'a> Settings<'a> {
    /// The pass's settings for a page in `lang` whose body starts on `body_line` of `file`;
    /// `html` says whether to write HTML or only check and collect.
    pub(crate) fn context(
        &'a self,
        file: &'a Path,
        body_line: usize,
        lang: &str,
        html: bool,
    ) -> RenderContext<'a> {
        RenderContext {
            file,
            body_line,
            unsafe_html: self.unsafe_html,
            highlighter: self.highlighter,
            embeds: self.embeds.for_lang(lang),
            components: self.components,
            languages: self.languages,
            html,
            text: false,
        }
    }
}

/// Settings of the Markdown pass for one page.
pub(crate) struct RenderContext<'a> {
    /// The page file, for diagnostics.
    pub(crate) file: &'a Path,
    /// File line on which the Markdown body starts.
    pub(crate) body_line: usize,
    /// Keep raw HTML instead of escaping it.
    pub(crate) unsafe_html: bool,
    /// Code highlighter shared by the build.
    pub(crate) highlighter: &'a Highlighter,
    /// Statistics and other embeds for the page's language.
    pub(crate) embeds: &'a dyn Embeds,
    /// The theme's components pages can use as fenced blocks.
    pub(crate) components: &'a Catalog,
    /// The site's languages.
    pub(crate) languages: &'a [String],
    /// Write the HTML; without it the pass only checks and collects (headings, links).
    pub(crate) html: bool,
    /// With `html`, also collect the text the HTML shows ([`Document::text`]), for search.
    pub(crate) text: bool,
}

/// What the Markdown pass finds in a page body besides its HTML and text: what the
/// rest of a run keeps of a page once it is loaded.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outline {
    /// Headings in order.
    pub(crate) headings: Vec<Heading>,
    /// Slots to fill, indexed by slot number.
    pub(crate) links: Vec<LinkRef>,
    /// Images shown from the site's files, in order of their `<ocaq-image:K>` marks.
    pub(crate) images: Vec<ImageRef>,
    /// Components shown, in order of their `<ocaq-component:K>` marks.
    pub(crate) components: Vec<ComponentUse>,
    /// First paragraph as plain text, for a description when none is given (taken
    /// by the checking pass only).
    pub(crate) summary: String,
    /// The text before a `<!-- more -->` marker, when the page has one: its summary.
    /// Taken by the checking pass only, as `words` is: the page keeps them from load.
    pub(crate) more: Option<String>,
    /// Words of running text (headings, paragraphs, lists, tables; not code blocks).
    pub(crate) words: usize,
    /// Problems found (errors and warnings).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

/// A page body after the Markdown pass.
#[derive(Debug, Clone, Default)]
pub(crate) struct Document {
    /// What it found.
    pub(crate) outline: Outline,
    /// HTML with link slots.
    pub(crate) html: String,
    /// The text the HTML shows (the search index's input), when the context asks for it.
    pub(crate) text: String,
}

/// The Markdown extensions the site uses.
pub(crate) fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Runs the Markdown pass over a page body.
pub(crate) fn render(body: &str, cx: &RenderContext<'_>) -> Document {
    pass::Pass::new(body, cx).run()
}

/// Cuts text at a word boundary, adding an ellipsis when it was longer.
pub(crate) fn truncate_words(text: &str, max_chars: usize) -> String {
    let Some((end, _)) = text.char_indices().nth(max_chars) else {
        return text.to_string();
    };
    let cut = &text[..end];
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut,
    };
    // Sized exactly: every page's summary is kept for the whole build.
    let cut = cut.trim_end_matches([',', '.', ';', ':', ' ']);
    let mut out = String::with_capacity(cut.len() + '…'.len_utf8());
    out.push_str(cut);
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> Document {
        run_with(body, false)
    }

    fn run_with(body: &str, unsafe_html: bool) -> Document {
        pass(body, unsafe_html, true)
    }

    /// The checking pass of load (`html: false`), or the pass that writes HTML.
    fn pass(body: &str, unsafe_html: bool, html: bool) -> Document {
        let h = Highlighter::default();
        let cx = RenderContext {
            file: Path::new("content/a.az.md"),
            body_line: 4,
            unsafe_html,
            highlighter: &h,
            embeds: &NoEmbeds,
            components: &Catalog::default(),
            languages: &[],
            html,
            text: html,
        };
        render(body, &cx)
    }

    #[test]
    fn headings_get_azerbaijani_ids_and_repeats_stay_distinct() {
        let d = run("## İctimai Vəkillik\n\n## Məqsəd\n\n## Məqsəd\n\n## Custom {#mine}\n\n## Mine\n\n## Spaced { .x #mine-1 }\n\n## Mine\n");
        let ids: Vec<_> = d.outline.headings.iter().map(|h| h.id.as_str()).collect();
        // `mine-1` is written on a later heading, so the generated one skips it.
        assert_eq!(
            ids,
            [
                "ictimai-vekillik",
                "meqsed",
                "meqsed-1",
                "mine",
                "mine-2",
                "mine-1",
                "mine-3"
            ]
        );
        assert!(
            d.html
                .contains("<h2 id=\"ictimai-vekillik\">İctimai Vəkillik</h2>"),
            "{}",
            d.html
        );
    }

    #[test]
    fn md_links_become_slots_with_their_file_line() {
        let d = run("Intro\n\nSee [QMQ](programmes/short-term-care.md#ganja) and [top](#intro).\n");
        assert_eq!(d.outline.links.len(), 2);
        assert_eq!(
            d.outline.links[0],
            LinkRef {
                target: LinkTarget::Page {
                    path: "programmes/short-term-care.md".into(),
                    anchor: Some("ganja".into())
                },
                line: 6,
                column: 5
            }
        );
        assert_eq!(
            d.outline.links[1].target,
            LinkTarget::Anchor("intro".into())
        );
        assert!(d.html.contains("href=\"ocaq-link:0\""), "{}", d.html);
    }

    #[test]
    fn raw_html_and_script_links_never_reach_the_output() {
        let d = run("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))\n");
        assert!(!d.html.contains("<script"), "{}", d.html);
        assert!(!d.html.contains("<img"), "{}", d.html);
        assert!(!d.html.to_lowercase().contains("javascript:"), "{}", d.html);
        assert!(d.outline.diagnostics.iter().all(|x| !x.is_error()));
        assert!(d.outline.diagnostics.len() >= 3);
    }

    #[test]
    fn raw_html_is_kept_when_the_site_allows_it() {
        let d = run_with("<div class=\"note\">Hi</div>\n", true);
        assert!(d.html.contains("<div class=\"note\">"), "{}", d.html);
    }

    #[test]
    fn image_without_alt_is_a_warning_and_its_file_a_slot() {
        let d = run("![](photo.jpg)\n\n![Uşaqlar](photo.jpg)\n");
        assert_eq!(d.outline.diagnostics.len(), 1);
        assert_eq!(d.outline.diagnostics[0].line, 4);
        assert_eq!(
            d.outline.links[0].target,
            LinkTarget::Asset("photo.jpg".into())
        );
    }

    #[test]
    fn images_of_files_become_marks_with_their_alt_and_title() {
        let d = run("![Uşaqlar *bağda* `x`](photo.jpg \"Gəncə\") ![Veb](https://e.org/a.png)\n");
        assert_eq!(
            d.outline.images,
            vec![ImageRef {
                slot: 0,
                alt: "Uşaqlar bağda x".into(),
                title: "Gəncə".into()
            }]
        );
        assert!(
            d.html
                .contains("<p><ocaq-image:0> <img src=\"https://e.org/a.png\" alt=\"Veb\""),
            "{}",
            d.html
        );
        assert!(!d.html.contains("bağda</em>"), "{}", d.html);
        assert!(d.outline.diagnostics.is_empty());
    }

    #[test]
    fn code_is_highlighted_and_tables_carry_no_style_and_take_focus() {
        let d = run("```rust\nfn main() {}\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n");
        assert!(d.html.contains("hl-code"), "{}", d.html);
        assert!(!d.html.contains("style="), "{}", d.html);
        // Each table can be scrolled from the keyboard, and is whole.
        assert_eq!(
            d.html
                .matches("<table tabindex=\"0\"><thead><tr><th>")
                .count(),
            2,
            "{}",
            d.html
        );
        assert!(
            d.html.contains(
                "<th>b</th></tr></thead><tbody>\n<tr><td>1</td><td>2</td></tr>\n</tbody></table>"
            ),
            "{}",
            d.html
        );
        assert_eq!(d.html.matches("</table>").count(), 2, "{}", d.html);
    }

    #[test]
    fn text_is_what_the_html_shows_blocks_apart_tags_and_marks_dropped() {
        let d = run("## Uşaq evləri\n\nBir *iki*\nüç.\n\n- dörd\n- beş\n\n```\nx < y\n```\n\n![Gəncə bağı](photo.jpg)\n");
        let words: Vec<&str> = d.text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Uşaq", "evləri", "Bir", "iki", "üç.", "dörd", "beş", "x", "<", "y", "Gəncə",
                "bağı"
            ],
            "{:?}",
            d.text
        );
    }

    #[test]
    fn highlighted_code_is_in_the_text_as_written_in_its_place() {
        let d = run(
            "Əvvəl.\n\n```rust\nfn uşaq_sayı() -> u8 { 0x1F } // \"kənd\" & <ev>\n```\n\nSonra.\n",
        );
        assert!(d.html.contains("hl-code"), "{}", d.html);
        let words: Vec<&str> = d.text.split_whitespace().collect();
        assert_eq!(
            words,
            [
                "Əvvəl.",
                "fn",
                "uşaq_sayı()",
                "->",
                "u8",
                "{",
                "0x1F",
                "}",
                "//",
                "\"kənd\"",
                "&",
                "<ev>",
                "Sonra."
            ],
            "{:?}",
            d.text
        );
    }

    #[test]
    fn the_text_before_a_more_marker_is_the_summary_and_words_are_counted() {
        let body = "Bir *iki* üç.\n\n- dörd\n- beş\n\n<!-- more -->\n\nAltı — yeddi.\n\n```\nnot counted\n```\n";
        let d = pass(body, false, false);
        assert_eq!(d.outline.more.as_deref(), Some("Bir iki üç. dörd beş"));
        assert_eq!(d.outline.words, 7);
        assert_eq!(pass("No marker.\n", false, false).outline.more, None);
        assert!(!run(body).html.contains("more"));
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        let d = pass(
            "## Title\n\nFirst *paragraph* here.\n\nSecond.\n",
            false,
            false,
        );
        assert_eq!(d.outline.summary, "First paragraph here.");
    }

    #[test]
    fn long_text_is_cut_at_a_word_within_the_limit_in_letters() {
        // Counted in letters, not bytes: `ə` and `ş` are two bytes each.
        assert_eq!(truncate_words("uşaq kəndi", 10), "uşaq kəndi");
        assert_eq!(truncate_words("uşaq kəndi ailə", 12), "uşaq kəndi…");
        assert_eq!(truncate_words("uşaq, kəndi", 8), "uşaq…");
        // No space in the second half: cut inside the word.
        assert_eq!(truncate_words("a ailələrimizdən", 6), "a ailə…");
    }
}
