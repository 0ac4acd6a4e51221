//! A page's content as published: the Markdown pass run again (now writing
//! HTML and highlighting code), its photos placed, its link slots filled.

use super::components::Components;
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::images::{self, Pictures};
use crate::markdown::{self, Heading, SLOT_PREFIX};
use crate::resolve::Page;

/// A page's content as its template shows it.
pub(crate) struct Shown {
    /// The content HTML, ready for the template.
    pub(crate) html: String,
    /// The text that HTML shows, its components' after it, when asked for (the search
    /// index's input; empty otherwise).
    pub(crate) text: String,
    /// The headings, as the Markdown pass found them again.
    pub(crate) headings: Vec<Heading>,
}

/// The content of a page whose Markdown is `body`, with its text when `text` asks for
/// it. The Markdown pass is the same as at load time, so it finds the same slots and
/// headings.
pub(crate) fn content_html(
    (page, body): (&Page, &str),
    markdown: &markdown::Settings<'_>,
    (pictures, components): (&Pictures, &Components<'_>),
    text: bool,
) -> Result<Shown, Diagnostic> {
    let src = &page.source;
    let mut cx = markdown.context(&src.file, src.body_line, &src.lang, true);
    cx.text = text;
    let mut doc = markdown::render(body, &cx);
    // Components first: their HTML holds photo marks and link slots of its own. What
    // they show (a caption, a document's title) can be searched too, after the text.
    let shown = text.then_some(&mut doc.text);
    let html = components.place(
        &doc.html,
        &doc.outline.components,
        &page.link_urls,
        (&src.file, shown),
    )?;
    let with_images = images::place(&html, &src.doc.images, &page.link_urls, pictures);
    Ok(Shown {
        html: fill_slots(&with_images, &page.link_urls),
        text: doc.text,
        headings: doc.outline.headings,
    })
}

/// Replaces `ocaq-link:N` slots in `href`/`src` with the resolved URLs.
fn fill_slots(html: &str, urls: &[String]) -> String {
    if urls.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + urls.len() * 16);
    let mut rest = html;
    while let Some(pos) = rest.find(SLOT_PREFIX) {
        // Only a slot that is a whole attribute value counts, so text can never be rewritten.
        let is_attr = rest[..pos].ends_with("=\"");
        out.push_str(&rest[..pos]);
        let after = &rest[pos + SLOT_PREFIX.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| urls.get(n))
        {
            Some(url) if is_attr && after[digits..].starts_with('"') => {
                out.push_str(&escape::attr(url));
                rest = &after[digits..];
            }
            _ => {
                out.push_str(SLOT_PREFIX);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_only_inside_attributes() {
        let html = "<a href=\"ocaq-link:1\">x</a> ocaq-link:0 <img src=\"ocaq-link:0\">";
        let urls = vec!["/a/".to_string(), "/b/?x=1&y=2".to_string()];
        assert_eq!(
            fill_slots(html, &urls),
            "<a href=\"/b/?x=1&amp;y=2\">x</a> ocaq-link:0 <img src=\"/a/\">"
        );
    }
}
