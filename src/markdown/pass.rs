//! The Markdown pass itself: one walk over pulldown-cmark's events, a method
//! per kind of event, collecting what the site needs (headings, links,
//! images, the summary, problems) while it writes the HTML.

use super::components;
use super::links::{scheme, target_of, LinkTarget, SAFE_SCHEMES};
use super::{
    options, truncate_words, Document, ImageRef, LinkRef, RenderContext, IMAGE_MARK, SLOT_PREFIX,
};
use crate::diagnostic::{line_col, Diagnostic};
use crate::escape;
use crate::slug::IdAllocator;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use std::ops::Range;

/// Longest summary taken from the first paragraph, in characters.
const SUMMARY_CHARS: usize = 160;

/// A fenced or indented block being read: its text is collected until it ends.
struct OpenCode {
    info: String,
    text: String,
    start: usize,
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

/// The state of one pass over one page body.
pub(super) struct Pass<'a, 'c> {
    body: &'a str,
    cx: &'c RenderContext<'c>,
    doc: Document,
    ids: IdAllocator,
    out: Vec<Event<'a>>,
    heading: Option<OpenHeading<'a>>,
    code: Option<OpenCode>,
    image: Option<OpenImage>,
    in_first_paragraph: bool,
    summary_done: bool,
    embed_index: usize,
    /// Plain text read so far, until a `<!-- more -->` marker takes it as the summary.
    before_more: Option<String>,
    /// For the search text, each highlighted code block's own text, by the index in
    /// `out` of the HTML event that writes it: the code as written, rather than its
    /// highlighted HTML taken apart again (hundreds of spans a block).
    code_text: Vec<(usize, String)>,
}

impl<'a, 'c> Pass<'a, 'c> {
    /// A pass over `body`, with explicit `{#id}`s reserved so generated ids never take them.
    pub(super) fn new(body: &'a str, cx: &'c RenderContext<'c>) -> Self {
        let mut ids = IdAllocator::default();
        // A second parse, so only when a line could end with an id: `## Title { .x #id }`.
        if may_set_heading_ids(body) {
            for event in Parser::new_ext(body, options()) {
                if let Event::Start(Tag::Heading { id: Some(id), .. }) = &event {
                    ids.reserve(id);
                }
            }
        }
        Pass {
            body,
            cx,
            doc: Document::default(),
            ids,
            out: Vec::new(),
            heading: None,
            code: None,
            image: None,
            in_first_paragraph: false,
            summary_done: false,
            embed_index: 0,
            // A marker is an HTML comment: without one in the body, no text is kept.
            before_more: (!cx.html && memchr::memmem::find(body.as_bytes(), b"<!--").is_some())
                .then(String::new),
            code_text: Vec::new(),
        }
    }

    /// Walks every event and returns what was found.
    pub(super) fn run(mut self) -> Document {
        for (event, range) in Parser::new_ext(self.body, options()).into_offset_iter() {
            self.event(event, range);
        }
        self.finish()
    }

    /// The file line and column of a byte offset in the body.
    fn locate(&self, offset: usize) -> (usize, usize) {
        let (l, c) = line_col(self.body, offset);
        (l + self.cx.body_line - 1, c)
    }

    /// Sends an event to the open heading's buffer, or to the output.
    fn push(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some(h) => h.inner.push(event),
            // The checking pass writes no HTML: its events would only be dropped.
            None if self.cx.html => self.out.push(event),
            None => {}
        }
    }

    fn event(&mut self, event: Event<'a>, range: Range<usize>) {
        if self.code.is_some() {
            return self.in_code(event);
        }
        if self.image.as_ref().is_some_and(|i| i.slot.is_some()) {
            return self.in_deferred_image(event, range);
        }
        match event {
            Event::Start(Tag::CodeBlock(kind)) => self.start_code(kind, range.start),
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                self.heading = Some(OpenHeading {
                    level,
                    explicit_id: id.map(|i| i.to_string()),
                    classes: classes.iter().map(|c| c.to_string()).collect(),
                    inner: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.end_heading(),
            // The summary, like the word count, is the checking pass's to take.
            Event::Start(Tag::Paragraph)
                if !self.cx.html && !self.summary_done && self.heading.is_none() =>
            {
                self.in_first_paragraph = true;
                self.push(Event::Start(Tag::Paragraph));
            }
            Event::End(TagEnd::Paragraph) if self.in_first_paragraph => {
                self.read_text(" ");
                self.in_first_paragraph = false;
                self.summary_done = !self.doc.outline.summary.trim().is_empty();
                self.push(Event::End(TagEnd::Paragraph));
            }
            Event::Start(Tag::Table(_)) => {
                // A wide table scrolls sideways in its own box (the theme's CSS), which a
                // keyboard can only scroll once the table can take focus, as the
                // statistics tables and code blocks can. Written as HTML, so the writer
                // never learns the columns' alignment either: it would be inline
                // `style`, which the site's CSP forbids.
                self.push(Event::Html(CowStr::Borrowed("<table tabindex=\"0\">")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let (line, column) = self.locate(range.start);
                let dest_url = self.link_dest(&dest_url, line, column, false);
                self.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.start_image(link_type, dest_url, title, id, range),
            Event::End(TagEnd::Image) => {
                if let Some(done) = self.image.take() {
                    let (_, column) = self.locate(range.start);
                    self.warn_if_no_alt(&done, column);
                }
                self.push(Event::End(TagEnd::Image));
            }
            Event::Html(html) | Event::InlineHtml(html) if is_more_marker(&html) => {
                self.end_summary()
            }
            Event::Html(html) | Event::InlineHtml(html) if !self.cx.unsafe_html => {
                let (line, column) = self.locate(range.start);
                self.doc.outline.diagnostics.push(Diagnostic::warning(
                    self.cx.file,
                    line,
                    column,
                    "raw HTML in the text is shown as text, not used",
                    "write it in Markdown instead, or set `unsafe_html: true` in site.yaml if the HTML is trusted",
                ));
                self.push(Event::Text(html));
            }
            Event::Text(text) => {
                self.read_text(&text);
                self.text(text, range)
            }
            Event::Code(c) => {
                self.read_text(&c);
                if self.in_first_paragraph {
                    self.doc.outline.summary.push_str(&c);
                }
                self.push(Event::Code(c));
            }
            Event::SoftBreak | Event::HardBreak if self.in_first_paragraph => {
                self.read_text(" ");
                self.doc.outline.summary.push(' ');
                self.push(event);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph | TagEnd::Item) => {
                self.read_text(" ");
                self.push(event);
            }
            other => self.push(other),
        }
    }

    /// Inside a fenced block: collect its text; at its end, embed or highlight it.
    fn in_code(&mut self, event: Event<'a>) {
        match event {
            Event::Text(t) => {
                if let Some(code) = &mut self.code {
                    code.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(code) = self.code.take() {
                    let html = self.code_block(code);
                    self.push(Event::Html(html.into()));
                }
            }
            _ => {}
        }
    }

    /// The HTML of a finished block: an embed (statistics), highlighted code, or nothing
    /// when the pass only collects.
    fn code_block(&mut self, code: OpenCode) -> String {
        let (line, _) = self.locate(code.start);
        match self
            .cx
            .embeds
            .block(&code.info, &code.text, self.embed_index + 1)
        {
            Some(result) => {
                self.embed_index += 1;
                match result {
                    Ok(html) => html,
                    Err(e) => {
                        let at = if e.line == 0 { line } else { line + e.line };
                        self.doc.outline.diagnostics.push(Diagnostic::error(
                            self.cx.file,
                            at,
                            1,
                            e.message,
                            e.hint,
                        ));
                        String::new()
                    }
                }
            }
            None => {
                let name = code.info.split([' ', ',', '{']).next().unwrap_or("").trim();
                let catalog = self.cx.components;
                if catalog.has(name) {
                    return self.component(name, &code.text, line);
                }
                if !name.is_empty()
                    && name != components::STATS
                    && !self.cx.highlighter.knows(name)
                    && components::looks_like_component(catalog, name, &code.text)
                {
                    let gap = components::unknown(catalog, name);
                    self.gap(line, gap);
                    return String::new();
                }
                if self.cx.html {
                    let html = self.cx.highlighter.highlight(&code.text, &code.info);
                    if self.cx.text {
                        // The block's HTML event goes next into `out` (a code block is
                        // never inside a heading, whose events are held apart).
                        self.code_text.push((self.out.len(), code.text));
                    }
                    html
                } else {
                    String::new()
                }
            }
        }
    }

    /// A problem found in the block whose fence is on file line `line`.
    fn gap(&mut self, line: usize, (at, column, message, hint): components::Gap) {
        self.doc.outline.diagnostics.push(Diagnostic::error(
            self.cx.file,
            line + at,
            column,
            message,
            hint,
        ));
    }

    /// A component block: checked, its files given slots (its photos placed like the
    /// page's own), and written as a mark that rendering replaces with the theme's HTML.
    fn component(&mut self, name: &str, body: &str, line: usize) -> String {
        let checked = components::check(self.cx.components, name, body, line, self.cx.languages);
        let components::Checked {
            mut component,
            files,
        } = match checked {
            Ok(c) => c,
            Err(gaps) => {
                for g in gaps {
                    self.gap(line, g);
                }
                return String::new();
            }
        };
        for f in files {
            let slot = self.doc.outline.links.len();
            self.link_dest(&CowStr::from(f.path.clone()), line + f.line, f.column, true);
            if self.doc.outline.links.len() == slot {
                continue;
            }
            match f.picture {
                Some(alt) => {
                    let mark = format!("{IMAGE_MARK}{}>", self.doc.outline.images.len());
                    self.doc.outline.images.push(ImageRef {
                        slot,
                        alt,
                        title: String::new(),
                    });
                    component.args.insert(f.field.clone(), mark.into());
                    component.html_args.push(f.field);
                }
                None => {
                    let url = format!("{SLOT_PREFIX}{slot}");
                    component.args.insert("url".into(), url.into());
                    component.sized_slot = Some(slot);
                }
            }
        }
        let mark = format!("{}{}>", components::MARK, self.doc.outline.components.len());
        self.doc.outline.components.push(component);
        mark
    }

    /// Inside an image whose markup is written later: keep only its text, for alt.
    fn in_deferred_image(&mut self, event: Event<'a>, range: Range<usize>) {
        let in_first_paragraph = self.in_first_paragraph;
        let Some(open) = self.image.as_mut() else {
            return;
        };
        match event {
            Event::Start(Tag::Image { .. }) => open.depth += 1,
            Event::End(TagEnd::Image) if open.depth > 0 => open.depth -= 1,
            Event::End(TagEnd::Image) => {
                if let Some(done) = self.image.take() {
                    let (_, column) = self.locate(range.start);
                    self.warn_if_no_alt(&done, column);
                    let mark = format!("{}{}>", IMAGE_MARK, self.doc.outline.images.len());
                    self.doc.outline.images.push(ImageRef {
                        slot: done.slot.unwrap_or_default(),
                        alt: done.alt,
                        title: done.title,
                    });
                    self.push(Event::InlineHtml(mark.into()));
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
                    self.doc.outline.summary.push_str(&t);
                }
            }
            Event::SoftBreak | Event::HardBreak => open.alt.push(' '),
            _ => {}
        }
    }

    /// A heading ends: it gets its id (explicit, or from its text) and is written out.
    fn end_heading(&mut self) {
        let Some(OpenHeading {
            level,
            explicit_id,
            classes,
            inner,
        }) = self.heading.take()
        else {
            return;
        };
        let text = plain_text(&inner);
        let id = explicit_id.unwrap_or_else(|| self.ids.allocate(&text));
        let n = heading_number(level);
        if self.cx.html {
            let mut open = format!("<h{n} id=\"");
            escape::html_into(&mut open, &id);
            open.push('"');
            if !classes.is_empty() {
                open.push_str(" class=\"");
                escape::html_into(&mut open, &classes.join(" "));
                open.push('"');
            }
            open.push('>');
            self.out.push(Event::Html(open.into()));
            self.out.extend(inner);
            self.out.push(Event::Html(format!("</h{n}>\n").into()));
        }
        self.doc
            .outline
            .headings
            .push(super::Heading { level: n, id, text });
    }

    /// An image starts: a file of the site gets a slot and its markup later; a web
    /// address is written as usual.
    fn start_image(
        &mut self,
        link_type: pulldown_cmark::LinkType,
        dest_url: CowStr<'a>,
        title: CowStr<'a>,
        id: CowStr<'a>,
        range: Range<usize>,
    ) {
        let (line, column) = self.locate(range.start);
        let slots_before = self.doc.outline.links.len();
        let dest = self.link_dest(&dest_url, line, column, true);
        let slot = match self.doc.outline.links.last() {
            Some(LinkRef {
                target: LinkTarget::Asset(_),
                ..
            }) if self.doc.outline.links.len() > slots_before => Some(slots_before),
            _ => None,
        };
        self.image = Some(OpenImage {
            slot,
            alt: String::new(),
            title: title.to_string(),
            line,
            depth: 0,
        });
        if slot.is_none() {
            self.push(Event::Start(Tag::Image {
                link_type,
                dest_url: dest,
                title,
                id,
            }));
        }
    }

    /// Text: alt text of an open image, the summary's words, and `{{…}}` figures.
    fn text(&mut self, text: CowStr<'a>, range: Range<usize>) {
        if let Some(open) = &mut self.image {
            open.alt.push_str(&text);
        }
        if self.in_first_paragraph {
            self.doc.outline.summary.push_str(&text);
        }
        if text.contains("{{") {
            let (line, column) = self.locate(range.start);
            for e in self.expand_inline(&text, line, column) {
                self.push(e);
            }
            return;
        }
        self.push(Event::Text(text));
    }

    /// Warns about an image that does not say what it shows.
    fn warn_if_no_alt(&mut self, image: &OpenImage, column: usize) {
        if image.alt.trim().is_empty() {
            self.doc.outline.diagnostics.push(Diagnostic::warning(
                self.cx.file,
                image.line,
                column.max(1),
                "an image has no text alternative (alt text)",
                "describe the picture between the brackets: ![what the picture shows](file.jpg)",
            ));
        }
    }

    /// Decides what a link or image destination becomes in the fragment.
    fn link_dest(
        &mut self,
        dest: &CowStr<'a>,
        line: usize,
        column: usize,
        image: bool,
    ) -> CowStr<'a> {
        if let Some(s) = scheme(dest) {
            if !SAFE_SCHEMES.contains(&s.as_str()) {
                self.doc.outline.diagnostics.push(Diagnostic::warning(
                    self.cx.file,
                    line,
                    column,
                    format!("a link uses the unsafe `{s}:` scheme and was removed"),
                    "link only to web pages (https://…), e-mail (mailto:) or phone numbers (tel:)",
                ));
                return CowStr::from("#");
            }
            return dest.clone();
        }
        match target_of(dest) {
            Some(target) => {
                let target = match target {
                    LinkTarget::Page { .. } if image => LinkTarget::Asset(dest.to_string()),
                    t => t,
                };
                let n = self.doc.outline.links.len();
                self.doc.outline.links.push(LinkRef {
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
    fn expand_inline(&mut self, text: &str, line: usize, column: usize) -> Vec<Event<'a>> {
        let mut events = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let Some(len) = rest[start..].find("}}") else {
                break;
            };
            let inner = rest[start + 2..start + len].trim();
            let (name, spec) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
            match self.cx.embeds.inline(name, spec.trim()) {
                Some(result) => {
                    if start > 0 {
                        events.push(Event::Text(rest[..start].to_string().into()));
                    }
                    match result {
                        Ok(html) => events.push(Event::InlineHtml(html.into())),
                        Err(e) => self.doc.outline.diagnostics.push(Diagnostic::error(
                            self.cx.file,
                            line,
                            column,
                            e.message,
                            e.hint,
                        )),
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

    /// Writes the HTML (when asked) and the summary.
    /// A code block opens: its text is collected until it ends.
    fn start_code(&mut self, kind: CodeBlockKind<'_>, start: usize) {
        let info = match kind {
            CodeBlockKind::Fenced(info) => info.to_string(),
            CodeBlockKind::Indented => String::new(),
        };
        self.code = Some(OpenCode {
            info,
            text: String::new(),
            start,
        });
    }

    /// `<!-- more -->`: the text so far is the page's summary; nothing is written for it.
    fn end_summary(&mut self) {
        if let Some(text) = self.before_more.take() {
            let words: Vec<&str> = text.split_whitespace().collect();
            self.doc.outline.more = Some(words.join(" "));
        }
    }

    /// Text a reader reads: counted as words, and kept for a summary until `<!-- more -->`.
    fn read_text(&mut self, text: &str) {
        // What the page says of itself was taken when it was loaded.
        if self.cx.html {
            return;
        }
        self.doc.outline.words += count_words(text);
        if let Some(before) = &mut self.before_more {
            before.push_str(text);
        }
    }

    fn finish(mut self) -> Document {
        if self.cx.html && self.cx.text {
            self.doc.text = shown_text(&self.out, &self.doc.outline.images, &self.code_text);
        }
        if self.cx.html {
            let mut html = String::with_capacity(self.body.len() * 3 / 2);
            pulldown_cmark::html::push_html(&mut html, self.out.into_iter());
            self.doc.html = html;
        }
        if !self.cx.html {
            let words: Vec<&str> = self.doc.outline.summary.split_whitespace().collect();
            self.doc.outline.summary = truncate_words(&words.join(" "), SUMMARY_CHARS);
        }
        self.doc
    }
}

/// True when a line of `body` ends with `}` after a `#`, as `## Title {#id}` does:
/// only then can a heading carry its own id. Looks only at the `}`s, not at every
/// line.
fn may_set_heading_ids(body: &str) -> bool {
    let b = body.as_bytes();
    memchr::memchr_iter(b'}', b).any(|at| {
        let end = memchr::memchr(b'\n', &b[at..]).map_or(b.len(), |p| at + p);
        let start = memchr::memrchr(b'\n', &b[..at]).map_or(0, |p| p + 1);
        body.get(at + 1..end)
            .is_some_and(|rest| rest.trim_end().is_empty())
            && memchr::memchr(b'#', &b[start..at]).is_some()
    })
}

/// True for the `<!-- more -->` comment that ends a page's summary.
fn is_more_marker(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|h| h.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}

/// Words in a text: runs without whitespace that hold a letter or digit (a dash alone
/// is not a word).
///
/// One walk over the characters: every word of every page is counted, twice a build.
pub(crate) fn count_words(text: &str) -> usize {
    let (mut words, mut counted) = (0, false);
    for c in text.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && c.is_alphanumeric() {
            words += 1;
            counted = true;
        }
    }
    words
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

/// The text a page's HTML shows, from the events it is written from: text as it is,
/// the HTML this pass made (statistics, headings) without its tags, highlighted code
/// as `code_text` has it (by event index), and the images' alt text; blocks are kept
/// apart by a line break.
fn shown_text(events: &[Event<'_>], images: &[ImageRef], code_text: &[(usize, String)]) -> String {
    let mut s = String::new();
    let mut code = code_text.iter().peekable();
    for (i, e) in events.iter().enumerate() {
        if let Some((_, text)) = code.next_if(|(at, _)| *at == i) {
            s.push(' ');
            s.push_str(text);
            s.push(' ');
            continue;
        }
        match e {
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                s.push_str(t)
            }
            Event::Html(h) | Event::InlineHtml(h) => crate::search::push_html_text(&mut s, h),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::End(_) => s.push('\n'),
            _ => {}
        }
    }
    for image in images {
        s.push('\n');
        s.push_str(&image.alt);
    }
    s
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

#[cfg(test)]
mod tests {
    use super::{count_words, may_set_heading_ids};
    use proptest::prelude::*;

    #[test]
    fn heading_ids_are_looked_for_only_where_a_line_may_set_one() {
        assert!(may_set_heading_ids("## Tarix {#tarix}\n\nMətn.\n"));
        assert!(may_set_heading_ids("a\r\n## B { .x #b }  \r\nc"));
        assert!(may_set_heading_ids("## B {#b}"));
        assert!(!may_set_heading_ids("fn main() {\n    x\n}\n"));
        assert!(!may_set_heading_ids("# B {#b} more\n"));
        assert!(!may_set_heading_ids("#\n}\n"));
    }

    #[test]
    fn words_are_runs_with_a_letter_or_digit() {
        assert_eq!(count_words("Uşaq  kəndi — 2011-ci il"), 4);
        assert_eq!(count_words(" , . \u{a0}ə\u{a0}x "), 2);
        assert_eq!(count_words(""), 0);
        assert_eq!(count_words("-- a-- --b -"), 2);
    }

    proptest! {
        #![proptest_config(crate::proptest_config::fixed("proptest-regressions/words.txt"))]
        /// The one-walk count agrees with the rule as written: whitespace-separated
        /// runs that hold a letter or digit.
        #[test]
        fn the_count_follows_its_rule(
            text in "[a-zəı1 \\-—.,\u{a0}\u{85}\u{1680}\u{2003}\u{202f}\u{3000}²©шİ\n\t\u{b}]{0,40}"
        ) {
            let by_rule = text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            prop_assert_eq!(count_words(&text), by_rule);
        }

        /// The search by `}` agrees with the rule as written, line by line.
        #[test]
        fn the_id_check_follows_its_rule(text in "[a#{} \t\r\n]{0,30}") {
            let by_rule = text
                .lines()
                .any(|l| l.trim_end().ends_with('}') && l.contains('#'));
            prop_assert_eq!(may_set_heading_ids(&text), by_rule);
        }
    }
}
