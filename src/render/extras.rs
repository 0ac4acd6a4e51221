//! Everything a build publishes besides pages: the 404 page of each language,
//! alias redirects (pages and `_redirects`), Atom feeds, `_headers`, the CMS at `/admin/`, the
//! sitemap, `robots.txt`, the
//! theme's static files, the files beside pages and the copies of photos.

use super::context::{self, not_found_url};
use super::listing::{self, Kind, Listings};
use super::{cms, feed, headers, redirects, sitemap, Renderer};
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::load::Resources;
use crate::resolve::Site;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A file made a part at a time as it is written.
pub(crate) type Parts<'a> = Box<dyn Iterator<Item = Vec<u8>> + Send + 'a>;

/// One file to publish.
pub(crate) enum Output<'a> {
    /// Bytes made by the build, at a site path.
    Bytes(String, Vec<u8>),
    /// Bytes made in parts as they are written, one after another, at a site path.
    Parts(String, Parts<'a>),
    /// A file copied as it is, at a site path.
    Copy(String, PathBuf),
}

/// Which files besides pages to make.
pub(crate) enum Extras<'a> {
    /// All of them (a full build).
    All,
    /// After an edit that kept every address: the feeds of the sections at `pages`,
    /// and the 404 pages when the menu changed. Everything else stays the same.
    Changed {
        /// The pages rendered again.
        pages: &'a [usize],
        /// True when a menu entry changed.
        menu_changed: bool,
    },
}

/// The files `extras` asks for, and the problems met making them.
pub(crate) fn outputs<'a>(
    renderer: &'a Renderer,
    site: &'a Site,
    resources: &Resources,
    extras: &Extras<'_>,
) -> (Vec<Output<'a>>, Vec<Diagnostic>) {
    match extras {
        Extras::All => all(renderer, site, resources),
        Extras::Changed {
            pages,
            menu_changed,
        } => {
            let (mut out, mut errors) = if *menu_changed {
                not_found_pages(renderer, site, resources)
            } else {
                (Vec::new(), Vec::new())
            };
            // The search pages show the menu too (their index is `serve`'s to update).
            if *menu_changed && renderer.search {
                let (pages, e) = super::search::pages(renderer, site, resources);
                out.extend(pages);
                errors.extend(e);
            }
            out.extend(feeds(site, pages.iter().copied()));
            let (listed, listed_errors) = listing_pages(renderer, site, resources, Some(pages));
            out.extend(listed);
            errors.extend(listed_errors);
            (out, errors)
        }
    }
}

/// Every file besides pages.
fn all<'a>(
    renderer: &'a Renderer,
    site: &'a Site,
    resources: &Resources,
) -> (Vec<Output<'a>>, Vec<Diagnostic>) {
    let (mut out, mut errors) = not_found_pages(renderer, site, resources);
    let config = &site.config;
    for alias in &site.aliases {
        let page = &site.pages[alias.page];
        let target = format!("{}{}", config.base_url, page.url);
        let html = alias_page(&page.source.lang, &target);
        out.push(Output::Bytes(
            alias.file.clone(),
            renderer.finish_html(html.into_bytes()),
        ));
    }
    for (from, to, lang) in renderer.listings.first_page_redirects(site) {
        let target = format!("{}{to}", config.base_url);
        let html = alias_page(&lang, &target);
        out.push(Output::Bytes(
            crate::resolve::url::alias_file(&from),
            renderer.finish_html(html.into_bytes()),
        ));
    }
    out.extend(feeds(site, 0..site.pages.len()));
    let mut overrides = headers::default_overrides();
    overrides.extend(player_overrides(site));
    if let (Some(cms_settings), Some(admin)) = (&config.cms, cms::admin_override(config)) {
        overrides.push(admin);
        out.push(Output::Bytes(
            "admin/index.html".into(),
            cms::index_html().into_bytes(),
        ));
        out.push(Output::Bytes(
            "admin/components.js".into(),
            cms::components_js(&resources.theme.catalog).into_bytes(),
        ));
        out.push(Output::Bytes(
            "admin/config.yml".into(),
            cms::config_yml(site, cms_settings).into_bytes(),
        ));
    }
    let (listed, listed_errors) = listing_pages(renderer, site, resources, None);
    out.extend(listed);
    errors.extend(listed_errors);
    errors.extend(renderer.listings.collisions(site));
    // Both files are refused, not cut short, when a host would not apply them whole.
    match headers::headers_file(&overrides) {
        Ok(text) => out.push(Output::Bytes("_headers".into(), text.into_bytes())),
        Err(problems) => errors.extend(problems),
    }
    match redirects::redirects_file(&redirect_list(site, &renderer.listings)) {
        Ok(text) => out.push(Output::Bytes("_redirects".into(), text.into_bytes())),
        Err(problems) => errors.extend(problems),
    }
    out.push(Output::Parts(
        "sitemap.xml".into(),
        sitemap::sitemap(site, &renderer.listings),
    ));
    out.push(Output::Bytes(
        "robots.txt".into(),
        sitemap::robots(site).into_bytes(),
    ));
    for f in renderer.statics.iter() {
        out.push(Output::Bytes(f.name.clone(), f.bytes.clone()));
    }
    for (asset, url) in &site.assets {
        out.push(Output::Copy(url.clone(), asset.path.clone()));
    }
    // Two originals with the same name and content share their copies.
    let copies: BTreeMap<&str, &PathBuf> = renderer
        .pictures
        .values()
        .flat_map(|p| &p.variants)
        .map(|v| (v.url.as_str(), &v.file))
        .collect();
    for (url, file) in copies {
        out.push(Output::Copy(url.to_string(), file.clone()));
    }
    (out, errors)
}

/// A rule for each page that shows a video, allowing its player on that page alone.
fn player_overrides(site: &Site) -> Vec<headers::Override> {
    site.pages
        .iter()
        .filter_map(|page| {
            let origins: std::collections::BTreeSet<&str> = page
                .source
                .doc
                .components
                .iter()
                .filter_map(|c| c.frame_src)
                .collect();
            let origins: Vec<&str> = origins.into_iter().collect();
            (!origins.is_empty()).then(|| headers::player_override(&page.url, &origins))
        })
        .collect()
}

/// Every alias as a redirect to its page, where its page lists it; and each list's
/// `…/page/1/` to the list itself, where the list asks to be paginated.
fn redirect_list(site: &Site, listings: &Listings) -> Vec<redirects::Alias> {
    let first_pages = listings
        .first_page_redirects(site)
        .into_iter()
        .map(|(from, to, lang)| {
            // Located at the `paginate_by` that made it, else at site.yaml's taxonomies.
            let section = site
                .pages
                .iter()
                .find(|p| p.url == to && p.source.lang == lang);
            let at = section.and_then(|p| p.source.front.rare().paginate_by.as_ref());
            redirects::Alias {
                from,
                to,
                file: section.map_or_else(|| "site.yaml".into(), |p| p.source.file.clone()),
                line: at.map_or(0, |a| a.line),
                column: at.map_or(0, |a| a.column),
            }
        });
    let mut list: Vec<redirects::Alias> = site
        .aliases
        .iter()
        .map(|a| {
            let page = &site.pages[a.page];
            redirects::Alias {
                from: a.path.clone(),
                to: page.url.clone(),
                file: page.source.file.clone(),
                line: a.at.0,
                column: a.at.1,
            }
        })
        .collect();
    list.extend(first_pages);
    list
}

/// The taxonomy pages, and the feeds of their terms: all of them, or those that list
/// one of `changed`.
fn listing_pages(
    renderer: &Renderer,
    site: &Site,
    resources: &Resources,
    changed: Option<&[usize]>,
) -> (Vec<Output<'static>>, Vec<Diagnostic>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    let listings = &renderer.listings;
    for listed in &listings.pages {
        let (template, pages) = match &listed.kind {
            Kind::Pager { .. } => continue,
            Kind::Taxonomy { .. } => ("taxonomy_list.html", None),
            Kind::Term { name, term, .. } => (
                "taxonomy_term.html",
                listings
                    .terms
                    .get(&(name.clone(), term.clone(), listed.lang.clone())),
            ),
        };
        if let Some(changed) = changed {
            let shows_changed = pages.is_some_and(|ps| ps.iter().any(|p| changed.contains(p)));
            if !shows_changed {
                continue;
            }
        }
        let Some(lang_data) = renderer.languages.get(&listed.lang) else {
            continue;
        };
        let value = listing::listed_value(site, &resources.locales, listings, listed);
        if let (Some(feed), Some(pages)) = (value.get("feed").and_then(|f| f.as_str()), pages) {
            let entries = pages.iter().map(|&i| &site.pages[i]).collect();
            let title = value
                .get("title")
                .and_then(|t| t.as_str())
                .unwrap_or_default();
            let atom = feed::atom_of(site, &listed.lang, title, (&listed.url, feed), entries);
            files.push(Output::Bytes(feed.to_string(), atom.into_bytes()));
        }
        let file = std::path::Path::new("site.yaml");
        match context::render(
            lang_data,
            &resources.theme,
            template,
            (&listed.lang, &listed.url, file),
            tera::Value::from_serializable(&value),
        ) {
            Ok(html) => files.push(Output::Bytes(
                crate::resolve::site::output_file(&listed.url),
                renderer.finish_html(html),
            )),
            Err(d) => errors.push(d),
        }
    }
    (files, errors)
}

/// The Atom feeds of the sections among `pages` that ask for one.
fn feeds(site: &Site, pages: impl Iterator<Item = usize>) -> Vec<Output<'static>> {
    pages
        .filter_map(|i| site.pages.get(i))
        .filter_map(|page| {
            let url = page.feed_url()?;
            Some(Output::Bytes(url, feed::atom(site, page).into_bytes()))
        })
        .collect()
}

/// The not-found page of each language.
fn not_found_pages(
    renderer: &Renderer,
    site: &Site,
    resources: &Resources,
) -> (Vec<Output<'static>>, Vec<Diagnostic>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for lang in &site.config.languages {
        let Some(lang_data) = renderer.languages.get(lang) else {
            continue;
        };
        let url = not_found_url(site, lang);
        let page = context::not_found_value(site, lang);
        let file = std::path::Path::new("404.html");
        match context::render(
            lang_data,
            &resources.theme,
            "404.html",
            (lang, &url, file),
            tera::Value::from_serializable(&page),
        ) {
            Ok(html) => files.push(Output::Bytes(url, renderer.finish_html(html))),
            Err(d) => errors.push(d),
        }
    }
    (files, errors)
}

/// A small page that sends readers from an old address to the new one.
fn alias_page(lang: &str, target_permalink: &str) -> String {
    let t = escape::attr(target_permalink);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n",
        lang = escape::attr(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_pages_redirect_and_escape_the_target() {
        let html = alias_page("en", "https://e.org/en/a\"b/");
        assert!(html.contains("url=https://e.org/en/a&quot;b/"));
        assert!(html.contains("<html lang=\"en\">"));
    }
}
