//! `sitemap.xml` with translation alternates, and `robots.txt` pointing to it.

use crate::escape::xml as xml_escape;
use crate::resolve::Site;

/// The sitemap: every page, with `xhtml:link` alternates and `x-default`.
pub(crate) fn sitemap(site: &Site) -> String {
    let base = &site.config.base_url;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut pages: Vec<_> = site.pages.iter().collect();
    pages.sort_by(|a, b| a.url.cmp(&b.url));
    for page in pages {
        out.push_str("  <url>\n    <loc>");
        out.push_str(&xml_escape(&format!("{base}{}", page.url)));
        out.push_str("</loc>\n");
        if let Some(d) = page.source.front.updated.or(page.source.front.date) {
            out.push_str(&format!("    <lastmod>{}</lastmod>\n", d.iso()));
        }
        let translations = site.translations(page);
        if translations.len() > 1 {
            for t in &translations {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    xml_escape(&t.source.lang),
                    xml_escape(&format!("{base}{}", t.url))
                ));
            }
            if let Some(d) = translations.first() {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\"/>\n",
                    xml_escape(&format!("{base}{}", d.url))
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
