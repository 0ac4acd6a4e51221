//! Atom feeds for sections that ask for one (`extra.feed: true`).

use super::context::listing_text;
use crate::escape::xml as xml_escape;
use crate::resolve::{Page, Site};

/// The Atom feed of a section: its pages, newest first, with absolute URLs.
pub(crate) fn atom(site: &Site, section: &Page) -> String {
    let entries: Vec<&Page> = section
        .children
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| !p.source.is_section)
        .collect();
    let feed = section.feed_url().unwrap_or_default();
    let lang = &section.source.lang;
    atom_of(
        site,
        lang,
        &section.source.front.title,
        (&section.url, &feed),
        entries,
    )
}

/// The Atom feed titled `title` (in `lang`) of the list at site path `list_url`,
/// published at `feed_url`: `entries` newest first, with absolute URLs.
pub(crate) fn atom_of(
    site: &Site,
    lang: &str,
    title: &str,
    (list_url, feed_url): (&str, &str),
    mut entries: Vec<&Page>,
) -> String {
    let base = &site.config.base_url;
    let site_title = site.config.title.get(lang, &site.config.default_language);
    entries.sort_by(|a, b| {
        b.source
            .front
            .date
            .cmp(&a.source.front.date)
            .then_with(|| a.url.cmp(&b.url))
    });
    let stamp = |p: &Page| {
        p.source
            .front
            .updated
            .or(p.source.front.date)
            .map(|d| d.rfc3339())
    };
    let updated = entries
        .iter()
        .filter_map(|p| stamp(p))
        .max()
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let self_url = format!("{base}{feed_url}");
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n  <title>{title}</title>\n  <id>{self_id}</id>\n  <link rel=\"self\" type=\"application/atom+xml\" href=\"{self_id}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{alt}\"/>\n  <updated>{updated}</updated>\n  <author><name>{author}</name></author>\n",
        lang = xml_escape(lang),
        title = xml_escape(&format!("{title} — {site_title}")),
        self_id = xml_escape(&self_url),
        alt = xml_escape(&format!("{base}{list_url}")),
        author = xml_escape(site_title),
    );
    for p in entries {
        let url = xml_escape(&format!("{base}{}", p.url));
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <id>{url}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n    <updated>{}</updated>\n    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&p.source.front.title),
            stamp(p).unwrap_or_else(|| updated.clone()),
            xml_escape(&listing_text(site, p)),
        ));
    }
    out.push_str("</feed>\n");
    out
}
