//! `sitemap.xml` with translation alternates, and `robots.txt` pointing to it.

use super::listing::Listings;
use crate::escape::xml as xml_escape;
use crate::resolve::Site;

/// One address of the sitemap: its path, last change, and its versions by language
/// (itself included), the default language's first.
struct Entry {
    url: String,
    lastmod: Option<String>,
    alternates: Vec<(String, String)>,
}

/// The sitemap: every page and listing page, with `xhtml:link` alternates and `x-default`.
pub(crate) fn sitemap(site: &Site, listings: &Listings) -> String {
    let base = &site.config.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut entries: Vec<Entry> = site
        .pages
        .iter()
        .map(|page| Entry {
            url: page.url.clone(),
            lastmod: page
                .source
                .front
                .updated
                .or(page.source.front.date)
                .map(|d| d.iso()),
            alternates: site
                .translations(page)
                .iter()
                .map(|t| (t.source.lang.clone(), t.url.clone()))
                .collect(),
        })
        .collect();
    entries.extend(listings.pages.iter().map(|l| {
        Entry {
            url: l.url.clone(),
            lastmod: None,
            alternates: listings
                .translations(l)
                .iter()
                .map(|t| (t.lang.clone(), t.url.clone()))
                .collect(),
        }
    }));
    entries.sort_by(|a, b| a.url.cmp(&b.url));
    for e in entries {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&xml_escape(&format!("{base}{}", e.url)));
        out.push_str("</loc>\n");
        if let Some(d) = &e.lastmod {
            out.push_str(&format!("    <lastmod>{d}</lastmod>\n"));
        }
        if e.alternates.len() > 1 {
            for (lang, url) in &e.alternates {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    xml_escape(lang),
                    xml_escape(&format!("{base}{url}"))
                ));
            }
            if let Some((_, url)) = e.alternates.first() {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                    xml_escape(&format!("{base}{url}"))
                ));
            }
        }
        out.push_str("  </url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt` allowing everything and naming the sitemap.
pub(crate) fn robots(site: &Site) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        site.config.base_url
    )
}
