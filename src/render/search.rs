//! Site search in the render stage: which pages may be found, the search page
//! of each language, and the index files (built by [`crate::search`]).
//!
//! All of it only when the theme has a `search.html` template: a theme without
//! a search page gets no index and no field in its header.

use super::context;
use super::extras::Output;
use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::load::locale::Locales;
use crate::load::Resources;
use crate::resolve::{Page, Site};
use crate::search::index::Builder;
use crate::search::{lay_out, prepare, Prepared, Stemmer};
use crate::slug::slugify;
use rayon::prelude::*;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;

/// The theme's template for the search page; its presence turns search on.
pub(crate) const TEMPLATE: &str = "search.html";

/// The locale message whose text is the search page's title and, slugged, its address.
const TITLE_KEY: &str = "search-title";

/// The size of one language's index, as `ocaq check` reports it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct IndexSize {
    /// Language code.
    pub lang: String,
    /// Pages that can be found.
    pub pages: usize,
    /// Files of the index.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: usize,
}

impl IndexSize {
    /// One line of `ocaq check`'s report: `az: 41 pages, 47 files, 131.2 KB`.
    pub fn line(&self) -> String {
        let size = if self.bytes >= 1_000_000 {
            format!("{:.1} MB", self.bytes as f64 / 1_000_000.0)
        } else {
            format!("{:.1} KB", self.bytes as f64 / 1_000.0)
        };
        let pages = if self.pages == 1 { "page" } else { "pages" };
        format!(
            "{}: {} {pages}, {} files, {size}",
            self.lang, self.pages, self.files
        )
    }
}

/// Whether a rendered page goes into the search index: drafts (built with
/// `--drafts`) and pages marked `noindex` never do. Aliases and the 404 page are
/// not pages, so they never reach this question.
pub(crate) fn indexed(page: &Page) -> bool {
    !page.source.front.draft && !page.source.front.noindex
}

/// The address of the search page in `lang`: the language's root and the slug of
/// the translated title (`/axtaris/`, `/en/search/`, `/ru/poisk/`).
pub(crate) fn page_url(site: &Site, locales: &Locales, lang: &str) -> String {
    let title = locales
        .get(lang)
        .map(|l| l.text(TITLE_KEY))
        .unwrap_or_default();
    let slug = match slugify(&title) {
        s if s.is_empty() => "search".to_string(),
        s => s,
    };
    format!("{}{slug}/", site.config.language_root(lang))
}

/// The entry a page gives the index, from its title and the text its content shows.
pub(crate) fn document(page: &Page, text: &str) -> Prepared {
    prepare(&page.source.front.title, text)
}

/// Gives `write` the search page of every language, then the index files of `merged`
/// one language at a time; returns each index's size.
pub(crate) fn outputs(
    (renderer, site, resources): (&Renderer, &Site, &Resources),
    merged: Merging,
    write: &mut dyn FnMut(Vec<Output<'static>>, Vec<Diagnostic>),
) -> Vec<IndexSize> {
    let (out, errors) = pages(renderer, site, resources);
    write(out, errors);
    merged.finish(site, &mut |files| write(files, Vec::new()))
}

/// The index files of each language (of those in `only`, when given) and their sizes,
/// from every indexed page's share, by page index, ascending.
pub(crate) fn index_files(
    site: &Site,
    entries: &[(usize, &Prepared)],
    only: Option<&BTreeSet<String>>,
) -> (Vec<Output<'static>>, Vec<IndexSize>) {
    let mut merging = Merging::new(site, only);
    merging.add(site, entries);
    let mut files = Vec::new();
    let sizes = merging.finish(site, &mut |f| files.extend(f));
    (files, sizes)
}

/// The index of each language, as pages are added in page order.
pub(crate) struct Merging {
    /// Per language: its index so far, and the pages in it, by page index.
    langs: Vec<(String, Builder, Vec<usize>)>,
}

impl Merging {
    /// No page yet, in every language of the site (of those in `only`, when given).
    pub(crate) fn new(site: &Site, only: Option<&BTreeSet<String>>) -> Merging {
        let langs = site.config.languages.iter();
        Merging {
            langs: langs
                .filter(|l| only.is_none_or(|o| o.contains(*l)))
                .map(|l| (l.clone(), Builder::new(Stemmer::for_lang(l)), Vec::new()))
                .collect(),
        }
    }

    /// Adds pages' shares, by page index, ascending and after those added before.
    pub(crate) fn add<P: std::borrow::Borrow<Prepared> + Sync>(
        &mut self,
        site: &Site,
        entries: &[(usize, P)],
    ) {
        self.langs
            .par_iter_mut()
            .for_each(|(lang, builder, pages)| {
                for (i, share) in entries {
                    if site.pages.get(*i).is_some_and(|p| p.source.lang == *lang) {
                        builder.add(share.borrow());
                        pages.push(*i);
                    }
                }
            });
    }

    /// Gives `take` the index files of each language, one language at a time as soon as
    /// they are laid out, and returns their sizes: a large site's index files are never
    /// all in memory at once.
    pub(crate) fn finish(
        self,
        site: &Site,
        take: &mut dyn FnMut(Vec<Output<'static>>),
    ) -> Vec<IndexSize> {
        let mut sizes = Vec::new();
        for (lang, builder, pages) in self.langs {
            let listed: Vec<[&str; 2]> = pages
                .iter()
                .filter_map(|&i| site.pages.get(i))
                .map(|p| [p.url.as_str(), &p.source.front.title])
                .collect();
            let index = lay_out(&lang, builder.finish(&lang, &listed));
            sizes.push(IndexSize {
                lang,
                pages: index.pages,
                files: index.files.len(),
                bytes: index.bytes,
            });
            take(
                index
                    .files
                    .into_iter()
                    .map(|(p, b)| Output::Bytes(p, b))
                    .collect(),
            );
        }
        sizes
    }
}

/// The search page of each language; a page of the site at the same address is an error.
/// Also rendered again by `serve` when the menu changes, like the 404 pages.
pub(super) fn pages(
    renderer: &Renderer,
    site: &Site,
    resources: &Resources,
) -> (Vec<Output<'static>>, Vec<Diagnostic>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    let locales = &resources.locales;
    for lang in &site.config.languages {
        let Some(lang_data) = renderer.languages.get(lang) else {
            continue;
        };
        let url = page_url(site, locales, lang);
        if let Some(taken) = site.pages.iter().find(|p| p.url == url) {
            errors.push(taken_error(taken, &url, lang));
            continue;
        }
        let value = page_value(site, locales, lang);
        let file = Path::new(TEMPLATE);
        match context::render(
            lang_data,
            &resources.theme,
            TEMPLATE,
            (lang, &url, file),
            tera::Value::from_serializable(&value),
        ) {
            Ok(html) => files.push(Output::Bytes(
                crate::resolve::site::output_file(&url),
                renderer.finish_html(html),
            )),
            Err(d) => errors.push(d),
        }
    }
    (files, errors)
}

/// A page whose address is the search page's.
fn taken_error(page: &Page, url: &str, lang: &str) -> Diagnostic {
    Diagnostic::error(
        &page.source.file,
        0,
        0,
        format!("this page has the address of the search page, {url}"),
        format!(
            "give the page another `slug:`, or change `{TITLE_KEY}` in locales/{lang}/main.ftl (the search page's address is made from it)"
        ),
    )
}

/// The `page` value of the search page in `lang`; its translations are the other
/// languages' search pages.
fn page_value(site: &Site, locales: &Locales, lang: &str) -> Value {
    let config = &site.config;
    let text = |l: &str, key: &str| locales.get(l).map(|x| x.text(key)).unwrap_or_default();
    let url = page_url(site, locales, lang);
    let translations: Vec<Value> = config
        .languages
        .iter()
        .map(|l| {
            let u = page_url(site, locales, l);
            json!({
                "lang": l,
                "name": text(l, "language-name"),
                "permalink": format!("{}{}", config.base_url, u),
                "url": u,
                "exists": true,
                "current": l == lang,
                "og_locale": text(l, "og-locale"),
            })
        })
        .collect();
    json!({
        "title": text(lang, TITLE_KEY),
        "description": config.description.as_ref().map(|d| d.get(lang, &config.default_language)).unwrap_or(""),
        "url": url,
        "permalink": format!("{}{}", config.base_url, url),
        "lang": lang,
        "kind": "search",
        "translations": translations,
        "ancestors": [],
        "pages": [],
        "extra": {},
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_lines_say_pages_files_and_a_readable_size() {
        let s = |pages, bytes| IndexSize {
            lang: "az".into(),
            pages,
            files: 3,
            bytes,
        };
        assert_eq!(s(1, 1_234).line(), "az: 1 page, 3 files, 1.2 KB");
        assert_eq!(
            s(20_021, 8_612_345).line(),
            "az: 20021 pages, 3 files, 8.6 MB"
        );
    }
}
