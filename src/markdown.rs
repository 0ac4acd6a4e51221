//! Markdown to an HTML fragment, with the site's rules applied in one pass.
//!
//! The pass runs while pages are loaded, before the site's URLs are known, so
//! every link that needs resolving is written as a numbered slot
//! (`ocaq-link:N`) and listed in [`Document::links`]; rendering fills the slots
//! once the whole site has been resolved. An image of the site's files is
//! written as a mark (`<ocaq-image:K>`, listed in [`Document::images`]) that
//! rendering replaces with its `<picture>` once the file has been resized. Headings get Azerbaijani-aware ids,
//! code is highlighted, `stats` blocks and `{{stat …}}` figures are embedded,
//! and raw HTML is escaped unless the site allows it.

use crate::diagnostic::{line_col, Diagnostic};
use crate::highlight::{escape_into, Highlighter};
use crate::slug::IdAllocator;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::path::Path;

/// Prefix of a link slot in the fragment's `href`/`src` attributes.
pub const SLOT_PREFIX: &str = "ocaq-link:";

/// Marks where a page shows an image of the site's files: `<ocaq-image:K>`
/// for the page's K-th [`ImageRef`]. It starts with `<`, which escaped text
/// never contains, so only this pass can write one.
pub const IMAGE_MARK: &str = "<ocaq-image:";

/// A heading of the page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// 1..=6.
    pub level: u8,
    /// The `id` attribute, the target of `#anchor` links.
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
}

/// What a link slot points at, as written in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// Another page's `.md` file, relative to this file or to `content/` with a leading `/`.
    Page {
        /// The path as written, without the anchor.
        path: String,
        /// The `#anchor`, if any.
        anchor: Option<String>,
    },
    /// An anchor on this page.
    Anchor(String),
    /// A file beside the page (image, PDF).
    Asset(String),
}

/// A link or image in the Markdown that must be resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRef {
    /// What it points at.
    pub target: LinkTarget,
    /// 1-based line in the page file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// An image the page shows from a file of the site (`![alt](photo.jpg "title")`).
///
/// Its markup is written at render time ([`crate::images::place`]), once the
/// file has been read and resized; the fragment holds `<ocaq-image:K>` for the
/// page's K-th image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageRef {
    /// The link slot of the file, in [`Document::links`].
    pub slot: usize,
    /// The text alternative, as plain text.
    pub alt: String,
    /// The title, if the Markdown gave one.
    pub title: String,
}

/// Content a page can embed, provided per language (statistics).
pub trait Embeds: Sync {
    /// Renders a fenced block with this info string, or `None` if it is ordinary code.
    fn block(&self, info: &str, body: &str, index: usize) -> Option<Result<String, EmbedError>>;
    /// Renders an inline `{{name spec}}` figure.
    fn inline(&self, name: &str, spec: &str) -> Option<Result<String, EmbedError>>;
}

/// Why an embedded block or figure could not be rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedError {
    /// 1-based line inside the block (0: the block's first line).
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub hint: String,
}

/// No embeds: every block is code and `{{…}}` is text.
pub struct NoEmbeds;

impl Embeds for NoEmbeds {
    fn block(&self, _: &str, _: &str, _: usize) -> Option<Result<String, EmbedError>> {
        None
    }
    fn inline(&self, _: &str, _: &str) -> Option<Result<String, EmbedError>> {
        None
    }
}

/// An image being read: its alt text is collected until it ends.
struct OpenImage {
    /// The link slot of the file when the image's markup is written later (a
    /// file of the site); `None` for a web address, rendered as usual.
    slot: Option<usize>,
    alt: String,
    title: String,
    line: usize,
    /// Images nested in the alt text (`![a ![b](b.png)](a.png)`), still open.
    depth: usize,
}

/// A heading being collected: its inner events are buffered to compute its id.
struct OpenHeading<'a> {
    level: HeadingLevel,
    explicit_id: Option<String>,
    classes: Vec<String>,
    inner: Vec<Event<'a>>,
}

/// Settings of the Markdown pass.
pub struct RenderContext<'a> {
    /// The page file, for diagnostics.
    pub file: &'a Path,
    /// File line on which the Markdown body starts.
    pub body_line: usize,
    /// Keep raw HTML instead of escaping it.
    pub unsafe_html: bool,
    /// Code highlighter shared by the build.
    pub highlighter: &'a Highlighter,
    /// Statistics and other embeds for the page's language.
    pub embeds: &'a dyn Embeds,
    /// Write the HTML; without it the pass only checks and collects (headings, links).
    pub html: bool,
}

/// A page body after the Markdown pass.
#[derive(Debug, Clone, Default)]
pub struct Document {
    /// HTML with link slots.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Slots to fill, indexed by slot number.
    pub links: Vec<LinkRef>,
    /// Images shown from the site's files, in order of their `<ocaq-image:K>` marks.
    pub images: Vec<ImageRef>,
    /// First paragraph as plain text, for a description when none is given.
    pub summary: String,
    /// Problems found (errors and warnings).
    pub diagnostics: Vec<Diagnostic>,
}

/// The Markdown extensions the site uses.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// URL schemes a link may use; anything else (`javascript:`, `data:`) is removed.
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of a URL, if it has one (`https` in `https://…`).
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let before = &url[..colon];
    if before.is_empty() || before.contains(['/', '?', '#']) {
        return None;
    }
    // Browsers ignore tabs, newlines and leading spaces in schemes: `java\tscript:` is still javascript.
    let cleaned: String = before
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    Some(cleaned.to_ascii_lowercase())
}

/// Classifies a link destination: `None` when it is left as written.
fn classify(dest: &str) -> Option<LinkTarget> {
    if dest.is_empty() || dest.starts_with("//") || scheme(dest).is_some() {
        return None;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Some(LinkTarget::Anchor(anchor.to_string()));
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.ends_with(".md") {
        return Some(LinkTarget::Page {
            path: path.to_string(),
            anchor,
        });
    }
    if path.starts_with('/') || path.ends_with('/') || path.is_empty() {
        // A site path written by hand (`/en/about/`): kept as is.
        return None;
    }
    Some(LinkTarget::Asset(path.to_string()))
}

/// Runs the Markdown pass over a page body.
pub fn render(body: &str, cx: &RenderContext<'_>) -> Document {
    let mut doc = Document::default();
    let mut ids = IdAllocator::default();
    let locate = |offset: usize| -> (usize, usize) {
        let (l, c) = line_col(body, offset);
        (l + cx.body_line - 1, c)
    };

    // Explicit `{#id}`s are reserved first so generated ids never take them (a second
    // parse, so only when a line could end with one: `## Title { .x #id }`).
    if body
        .lines()
        .any(|l| l.trim_end().ends_with('}') && l.contains('#'))
    {
        for event in Parser::new_ext(body, options()) {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = &event {
                ids.reserve(id);
            }
        }
    }

    let mut out: Vec<Event<'_>> = Vec::new();
    let mut heading: Option<OpenHeading<'_>> = None;
    let mut code: Option<(String, String, usize)> = None;
    let mut image: Option<OpenImage> = None;
    let mut in_first_paragraph = false;
    let mut summary_done = false;
    let mut embed_index = 0usize;

    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        // Inside a fenced block: collect its text until it ends.
        if let Some((info, text, start)) = &mut code {
            match event {
                Event::Text(t) => text.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let (info, text, start) = (std::mem::take(info), std::mem::take(text), *start);
                    code = None;
                    let (line, _) = locate(start);
                    let html = match cx.embeds.block(&info, &text, embed_index + 1) {
                        Some(result) => {
                            embed_index += 1;
                            match result {
                                Ok(html) => html,
                                Err(e) => {
                                    let at = if e.line == 0 { line } else { line + e.line };
                                    doc.diagnostics
                                        .push(Diagnostic::error(cx.file, at, 1, e.message, e.hint));
                                    String::new()
                                }
                            }
                        }
                        None if cx.html => cx.highlighter.highlight(&text, &info),
                        None => String::new(),
                    };
                    push_to(&mut out, &mut heading, Event::Html(html.into()));
                }
                _ => {}
            }
            continue;
        }
        // Inside an image whose markup is written later: keep only its text, for alt.
        if let Some(open) = image.as_mut().filter(|i| i.slot.is_some()) {
            match event {
                Event::Start(Tag::Image { .. }) => open.depth += 1,
                Event::End(TagEnd::Image) if open.depth > 0 => open.depth -= 1,
                Event::End(TagEnd::Image) => {
                    if let Some(done) = image.take() {
                        let (_, column) = locate(range.start);
                        warn_if_no_alt(&done, column, &mut doc, cx);
                        let mark = format!("{}{}>", IMAGE_MARK, doc.images.len());
                        doc.images.push(ImageRef {
                            slot: done.slot.unwrap_or_default(),
                            alt: done.alt,
                            title: done.title,
                        });
                        push_to(&mut out, &mut heading, Event::InlineHtml(mark.into()));
                    }
                }
                Event::Text(t)
                | Event::Code(t)
                | Event::InlineMath(t)
                | Event::DisplayMath(t)
                | Event::Html(t)
                | Event::InlineHtml(t) => {
                    open.alt.push_str(&t);
                    if in_first_paragraph {
                        doc.summary.push_str(&t);
                    }
                }
                Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new(), range.start));
                continue;
            }
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some(OpenHeading {
                    level,
                    explicit_id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    inner: Vec::new(),
                });
                continue;
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(OpenHeading {
                    level,
                    explicit_id: explicit,
                    classes,
                    inner,
                }) = heading.take()
                {
                    let text = plain_text(&inner);
                    let id = explicit.unwrap_or_else(|| ids.allocate(&text));
                    let n = heading_number(level);
                    let mut open = format!("<h{n} id=\"");
                    escape_into(&mut open, &id);
                    open.push('"');
                    if !classes.is_empty() {
                        open.push_str(" class=\"");
                        escape_into(&mut open, &classes.join(" "));
                        open.push('"');
                    }
                    open.push('>');
                    out.push(Event::Html(open.into()));
                    out.extend(inner);
                    out.push(Event::Html(format!("</h{n}>\n").into()));
                    doc.headings.push(Heading { level: n, id, text });
                }
                continue;
            }
            Event::Start(Tag::Paragraph) if !summary_done && heading.is_none() => {
                in_first_paragraph = true;
                Event::Start(Tag::Paragraph)
            }
            Event::End(TagEnd::Paragraph) if in_first_paragraph => {
                in_first_paragraph = false;
                summary_done = !doc.summary.trim().is_empty();
                Event::End(TagEnd::Paragraph)
            }
            Event::Start(Tag::Table(aligns)) => {
                // Alignment would be written as inline `style`, which the site's CSP forbids.
                Event::Start(Tag::Table(vec![
                    pulldown_cmark::Alignment::None;
                    aligns.len()
                ]))
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, column) = locate(range.start);
                let dest = link_dest(&dest_url, line, column, &mut doc, cx, false);
                Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, column) = locate(range.start);
                let slots_before = doc.links.len();
                let dest = link_dest(&dest_url, line, column, &mut doc, cx, true);
                // A file of the site: its markup is written at render time, with its copies.
                let slot = match doc.links.last() {
                    Some(LinkRef {
                        target: LinkTarget::Asset(_),
                        ..
                    }) if doc.links.len() > slots_before => Some(slots_before),
                    _ => None,
                };
                image = Some(OpenImage {
                    slot,
                    alt: String::new(),
                    title: title.to_string(),
                    line,
                    depth: 0,
                });
                if slot.is_some() {
                    continue;
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                })
            }
            Event::End(TagEnd::Image) => {
                if let Some(done) = image.take() {
                    let (_, column) = locate(range.start);
                    warn_if_no_alt(&done, column, &mut doc, cx);
                }
                Event::End(TagEnd::Image)
            }
            Event::Html(html) | Event::InlineHtml(html) if !cx.unsafe_html => {
                let (line, column) = locate(range.start);
                doc.diagnostics.push(Diagnostic::warning(
                    cx.file,
                    line,
                    column,
                    "raw HTML in the text is shown as text, not used",
                    "write it in Markdown instead, or set `unsafe_html: true` in site.yaml if the HTML is trusted",
                ));
                Event::Text(html)
            }
            Event::Text(text) => {
                if let Some(open) = &mut image {
                    open.alt.push_str(&text);
                }
                if in_first_paragraph {
                    doc.summary.push_str(&text);
                }
                if text.contains("{{") {
                    let (line, column) = locate(range.start);
                    for e in expand_inline(&text, line, column, &mut doc, cx) {
                        push_to(&mut out, &mut heading, e);
                    }
                    continue;
                }
                Event::Text(text)
            }
            Event::Code(c) => {
                if in_first_paragraph {
                    doc.summary.push_str(&c);
                }
                Event::Code(c)
            }
            Event::SoftBreak | Event::HardBreak if in_first_paragraph => {
                doc.summary.push(' ');
                event
            }
            other => other,
        };
        push_to(&mut out, &mut heading, event);
    }
    if cx.html {
        let mut html = String::with_capacity(body.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        doc.html = html;
    }
    doc.summary = truncate_words(
        doc.summary
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .as_str(),
        160,
    );
    doc
}

/// Warns about an image that does not say what it shows.
fn warn_if_no_alt(image: &OpenImage, column: usize, doc: &mut Document, cx: &RenderContext<'_>) {
    if image.alt.trim().is_empty() {
        doc.diagnostics.push(Diagnostic::warning(
            cx.file,
            image.line,
            column.max(1),
            "an image has no text alternative (alt text)",
            "describe the picture between the brackets: ![what the picture shows](file.jpg)",
        ));
    }
}

/// Sends an event to the open heading's buffer, or to the output.
fn push_to<'a>(out: &mut Vec<Event<'a>>, heading: &mut Option<OpenHeading<'a>>, event: Event<'a>) {
    match heading {
        Some(h) => h.inner.push(event),
        None => out.push(event),
    }
}

/// Decides what a link or image destination becomes in the fragment.
fn link_dest<'a>(
    dest: &CowStr<'a>,
    line: usize,
    column: usize,
    doc: &mut Document,
    cx: &RenderContext<'_>,
    image: bool,
) -> CowStr<'a> {
    if let Some(s) = scheme(dest) {
        if !SAFE_SCHEMES.contains(&s.as_str()) {
            doc.diagnostics.push(Diagnostic::warning(
                cx.file,
                line,
                column,
                format!("a link uses the unsafe `{s}:` scheme and was removed"),
                "link only to web pages (https://…), e-mail (mailto:) or phone numbers (tel:)",
            ));
            return CowStr::from("#");
        }
        return dest.clone();
    }
    match classify(dest) {
        Some(target) => {
            let target = match target {
                LinkTarget::Page { .. } if image => LinkTarget::Asset(dest.to_string()),
                t => t,
            };
            let n = doc.links.len();
            doc.links.push(LinkRef {
                target,
                line,
                column,
            });
            CowStr::from(format!("{SLOT_PREFIX}{n}"))
        }
        None => dest.clone(),
    }
}

/// Replaces `{{name spec}}` figures inside a text event.
fn expand_inline<'a>(
    text: &str,
    line: usize,
    column: usize,
    doc: &mut Document,
    cx: &RenderContext<'_>,
) -> Vec<Event<'a>> {
    let mut events = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        let inner = rest[start + 2..start + len].trim();
        let (name, spec) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        match cx.embeds.inline(name, spec.trim()) {
            Some(result) => {
                if start > 0 {
                    events.push(Event::Text(rest[..start].to_string().into()));
                }
                match result {
                    Ok(html) => events.push(Event::InlineHtml(html.into())),
                    Err(e) => doc
                        .diagnostics
                        .push(Diagnostic::error(cx.file, line, column, e.message, e.hint)),
                }
            }
            None => events.push(Event::Text(rest[..start + len + 2].to_string().into())),
        }
        rest = &rest[start + len + 2..];
    }
    if !rest.is_empty() {
        events.push(Event::Text(rest.to_string().into()));
    }
    events
}

fn heading_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The readable text of some inline events.
fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            _ => {}
        }
    }
    s.trim().to_string()
}

/// Cuts text at a word boundary, adding an ellipsis when it was longer.
pub fn truncate_words(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max_chars / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(body: &str) -> Document {
        run_with(body, false)
    }

    fn run_with(body: &str, unsafe_html: bool) -> Document {
        let h = Highlighter::default();
        let cx = RenderContext {
            file: Path::new("content/a.az.md"),
            body_line: 4,
            unsafe_html,
            highlighter: &h,
            embeds: &NoEmbeds,
            html: true,
        };
        render(body, &cx)
    }

    #[test]
    fn headings_get_azerbaijani_ids_and_repeats_stay_distinct() {
        let d = run("## İctimai Vəkillik\n\n## Məqsəd\n\n## Məqsəd\n\n## Custom {#mine}\n\n## Mine\n\n## Spaced { .x #mine-1 }\n\n## Mine\n");
        let ids: Vec<_> = d.headings.iter().map(|h| h.id.as_str()).collect();
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
        assert_eq!(d.links.len(), 2);
        assert_eq!(
            d.links[0],
            LinkRef {
                target: LinkTarget::Page {
                    path: "programmes/short-term-care.md".into(),
                    anchor: Some("ganja".into())
                },
                line: 6,
                column: 5
            }
        );
        assert_eq!(d.links[1].target, LinkTarget::Anchor("intro".into()));
        assert!(d.html.contains("href=\"ocaq-link:0\""), "{}", d.html);
    }

    #[test]
    fn raw_html_and_script_links_never_reach_the_output() {
        let d = run("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](JaVaScRiPt:alert(1))\n");
        assert!(!d.html.contains("<script"), "{}", d.html);
        assert!(!d.html.contains("<img"), "{}", d.html);
        assert!(!d.html.to_lowercase().contains("javascript:"), "{}", d.html);
        assert!(d.diagnostics.iter().all(|x| !x.is_error()));
        assert!(d.diagnostics.len() >= 3);
    }

    #[test]
    fn raw_html_is_kept_when_the_site_allows_it() {
        let d = run_with("<div class=\"note\">Hi</div>\n", true);
        assert!(d.html.contains("<div class=\"note\">"), "{}", d.html);
    }

    #[test]
    fn image_without_alt_is_a_warning_and_its_file_a_slot() {
        let d = run("![](photo.jpg)\n\n![Uşaqlar](photo.jpg)\n");
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].line, 4);
        assert_eq!(d.links[0].target, LinkTarget::Asset("photo.jpg".into()));
    }

    #[test]
    fn images_of_files_become_marks_with_their_alt_and_title() {
        let d = run("![Uşaqlar *bağda* `x`](photo.jpg \"Gəncə\") ![Veb](https://e.org/a.png)\n");
        assert_eq!(
            d.images,
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
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn code_is_highlighted_and_tables_carry_no_style() {
        let d = run("```rust\nfn main() {}\n```\n\n| a | b |\n|:--|--:|\n| 1 | 2 |\n");
        assert!(d.html.contains("hl-code"), "{}", d.html);
        assert!(d.html.contains("<table>"), "{}", d.html);
        assert!(!d.html.contains("style="), "{}", d.html);
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        let d = run("## Title\n\nFirst *paragraph* here.\n\nSecond.\n");
        assert_eq!(d.summary, "First paragraph here.");
    }
}
