//! `sitemap.xml` with translation alternates, and `robots.txt` pointing to it.

use super::extras::Parts;
use super::listing::{Listed, Listings};
use crate::escape::xml_into;
use crate::resolve::{Page, Site};

/// One address of the sitemap: a page or a listing page, borrowed from the site.
enum Entry<'a> {
    Page(&'a Page),
    Listed(&'a Listed),
}

impl Entry<'_> {
    fn url(&self) -> &str {
        match self {
            Entry::Page(p) => &p.url,
            Entry::Listed(l) => &l.url,
        }
    }
}

/// Addresses written per part of the sitemap.
const PER_PART: usize = 1024;

/// The sitemap: every page and listing page, with `xhtml:link` alternates and
/// `x-default`, made a part at a time as it is written.
///
/// In parts, not one string: on 20,000 pages the sitemap is 9 MB, and a part is let
/// go once it is written (a string grown to that size had held twice its text while
/// it was copied from one buffer to the next).
pub(crate) fn sitemap<'a>(site: &'a Site, listings: &'a Listings) -> Parts<'a> {
    let mut entries: Vec<Entry<'a>> = site.pages.iter().map(Entry::Page).collect();
    entries.extend(listings.pages.iter().map(Entry::Listed));
    entries.sort_by(|a, b| a.url().cmp(b.url()));
    let head = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n";
    let count = entries.len();
    let body = (0..count).step_by(PER_PART).map(move |from| {
        let part = &entries[from..count.min(from + PER_PART)];
        // About 450 bytes an address with two languages.
        let mut out = String::with_capacity(part.len() * 512);
        for e in part {
            entry(&mut out, site, listings, e);
        }
        out.into_bytes()
    });
    Box::new(
        std::iter::once(head.to_vec())
            .chain(body)
            .chain(std::iter::once(b"</urlset>\n".to_vec())),
    )
}

/// Writes one `<url>` element of the sitemap to `out`.
fn entry(out: &mut String, site: &Site, listings: &Listings, e: &Entry<'_>) {
    let base = &site.config.base_url;
    let (lastmod, alternates): (_, Vec<(&str, &str)>) = match e {
        Entry::Page(page) => (
            page.source.front.updated.or(page.source.front.date),
            site.translations(page)
                .iter()
                .map(|t| (t.source.lang.as_str(), t.url.as_str()))
                .collect(),
        ),
        Entry::Listed(l) => (
            None,
            listings
                .translations(l)
                .iter()
                .map(|t| (t.lang.as_str(), t.url.as_str()))
                .collect(),
        ),
    };
    // Escaped in two pieces, as escaping works character by character: no copy joined.
    let full = |out: &mut String, url: &str| {
        xml_into(out, base);
        xml_into(out, url);
    };
    out.push_str("  <url>\n    <loc>");
    full(out, e.url());
    out.push_str("</loc>\n");
    if let Some(d) = lastmod {
        out.push_str("    <lastmod>");
        out.push_str(&d.iso());
        out.push_str("</lastmod>\n");
    }
    if alternates.len() > 1 {
        for (lang, url) in &alternates {
            out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"");
            xml_into(out, lang);
            out.push_str("\" href=\"");
            full(out, url);
            out.push_str("\"/>\n");
        }
        if let Some((_, url)) = alternates.first() {
            out.push_str("    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"");
            full(out, url);
            out.push_str("\"/>\n");
        }
    }
    out.push_str("  </url>\n");
}

/// `robots.txt` allowing everything and naming the sitemap.
pub(crate) fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
}
