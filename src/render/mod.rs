//! Render: apply the theme to every page of the resolved site, and make every
//! other file a build publishes, into a [`Sink`].
//!
//! A [`Renderer`] holds what rendering needs beyond the site: each language's
//! templates with its functions bound, the published static files, and the
//! copies of photos. Pages are rendered in parallel; problems are collected.

mod assets;
mod body;
mod cms;
mod components;
pub(crate) mod context;
pub(crate) mod extras;
mod feed;
mod functions;
mod headers;
mod language;
pub(crate) mod listing;
mod menu;
pub(crate) mod minify;
mod redirects;
pub(crate) mod search;
mod sitemap;

use crate::diagnostic::{Diagnostic, Problems};
use crate::images::Pictures;
use crate::load::Resources;
use crate::resolve::Site;
use crate::search::Prepared;
use crate::write::Sink;
use assets::PublishedFile;
use extras::{Extras, Output};
use functions::TemplateData;
use language::LanguageData;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What rendering needs beyond the site: each language's templates, the published
/// static files, the copies of photos.
pub(crate) struct Renderer {
    statics: Arc<Vec<PublishedFile>>,
    data: Arc<TemplateData>,
    minify: bool,
    languages: HashMap<String, LanguageData>,
    pictures: Arc<Pictures>,
    listings: Arc<listing::Listings>,
    /// The theme has a search page: pages' text is collected and an index written.
    search: bool,
    /// Published address of each file beside a page → the file (a document's size).
    files: Arc<HashMap<String, PathBuf>>,
}

/// What a render keeps of what it makes, and where the pages' Markdown is.
pub(crate) enum Keep<'a> {
    /// Everything: each page's share of the search index (`serve` applies edits with
    /// them; `check` reads the site again). The Markdown is in the site.
    All,
    /// Nothing it can let go (a build): each page's share of the search index is let go
    /// once merged. The site holds no Markdown: each page's is read again from its file
    /// under this root, and let go once the page is written.
    Nothing(&'a Path),
}

/// What rendering the pages gave: how many were written, the problems found, each
/// page's share of the search index (when kept) and the index merged (when made).
#[derive(Default)]
struct Paged {
    written: usize,
    problems: Vec<Diagnostic>,
    entries: Vec<(usize, Prepared)>,
    merged: Option<search::Merging>,
}

/// Pages rendered between two merges of their shares of the search index: a build
/// holds the words of two batches at most, and each merge runs beside the next
/// batch's rendering.
const BATCH: usize = 512;

/// What a render wrote: the number of files, and the search index of each language
/// (empty when the theme has no search page or only some pages were rendered).
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    /// Files written.
    pub(crate) files: usize,
    /// The size of each language's index.
    pub(crate) search: Vec<search::IndexSize>,
    /// The search index's share of each page rendered (by page index, ascending),
    /// when the theme has a search page: `serve` keeps them to update the index.
    pub(crate) entries: Vec<(usize, Prepared)>,
}

impl Renderer {
    /// Binds each language's templates to `site`; `pictures` are the copies made of the
    /// pages' photos.
    pub(crate) fn new(
        site: &Site,
        resources: &Resources,
        pictures: Arc<Pictures>,
        minify: bool,
    ) -> Renderer {
        let statics = assets::publish(&resources.theme.statics, minify);
        let data = Arc::new(TemplateData::new(site, assets::urls(&statics)));
        Renderer {
            languages: language::languages(site, resources, &data),
            statics: Arc::new(statics),
            data,
            minify,
            pictures,
            search: resources.theme.has(search::TEMPLATE),
            listings: Arc::new(listing::Listings::new(site, &resources.locales)),
            files: Arc::new(asset_files(site)),
        }
    }

    /// The same renderer bound to `site`, in which only the pages at `changed` were edited.
    pub(crate) fn rebind(&self, site: &Site, resources: &Resources, changed: &[usize]) -> Renderer {
        let data = Arc::new(self.data.with_changed(site, changed));
        Renderer {
            languages: language::languages(site, resources, &data),
            statics: self.statics.clone(),
            data,
            minify: self.minify,
            pictures: self.pictures.clone(),
            search: self.search,
            listings: Arc::new(listing::Listings::new(site, &resources.locales)),
            files: Arc::new(asset_files(site)),
        }
    }

    /// The listing pages (later pages of lists, taxonomy pages) this renderer publishes.
    pub(crate) fn listings(&self) -> &listing::Listings {
        &self.listings
    }

    /// The copies made of the pages' photos.
    pub(crate) fn pictures(&self) -> &Arc<Pictures> {
        &self.pictures
    }

    /// Renders the pages at `pages` (ascending) and the other files `extras` asks for into
    /// `sink`; problems go to `problems`. A full render ([`Extras::All`]) also writes the
    /// search pages and index, built from the text of the pages as they were rendered.
    pub(crate) fn render(
        &self,
        site: &Site,
        resources: &Resources,
        (pages, extras, keep): (&[usize], Extras<'_>, Keep<'_>),
        sink: &dyn Sink,
        problems: &mut Problems,
    ) -> Rendered {
        // Only a render of every page has every page's share of the index; `serve`
        // updates the index of its partial renders from the shares it keeps.
        let with_search =
            self.search && matches!(extras, Extras::All) && pages.len() == site.pages.len();
        // The other files do not depend on the pages: they are made and written while
        // the pages render, so the build does not end on them with a core idle.
        let (paged, (extra_files, extra_errors)) = rayon::join(
            || self.pages(site, resources, (pages, keep, with_search), sink),
            || {
                let (outputs, mut errors) = extras::outputs(self, site, resources, &extras);
                let files = write_outputs(outputs, sink, &mut errors);
                (files, errors)
            },
        );
        problems.extend(paged.problems);
        problems.extend(extra_errors);
        let mut written = paged.written + extra_files;
        let mut sizes = Vec::new();
        if let Some(merged) = paged.merged {
            let mut write = |outputs, mut errors: Vec<Diagnostic>| {
                written += write_outputs(outputs, sink, &mut errors);
                problems.extend(errors);
            };
            sizes = search::outputs((self, site, resources), merged, &mut write);
        }
        Rendered {
            files: written,
            search: sizes,
            entries: paged.entries,
        }
    }

    /// Renders the pages at `pages` (ascending) and writes them, batch by batch; with
    /// `with_search`, also merges their shares of the search index.
    fn pages(
        &self,
        site: &Site,
        resources: &Resources,
        (pages, keep, with_search): (&[usize], Keep<'_>, bool),
        sink: &dyn Sink,
    ) -> Paged {
        let markdown = resources.markdown(&site.config);
        let mut merging = match keep {
            Keep::All => None,
            Keep::Nothing(_) => with_search.then(|| search::Merging::new(site, None)),
        };
        let mut paged = Paged::default();
        let mut shares: Vec<(usize, Prepared)> = Vec::new();
        for batch in pages.chunks(BATCH) {
            // The previous batch's shares are merged while this one renders.
            let (results, ()) = rayon::join(
                || self.batch(site, resources, &markdown, (batch, &keep), sink),
                || {
                    if let Some(m) = merging.as_mut() {
                        m.add(site, &shares);
                    }
                },
            );
            if merging.is_some() {
                shares.clear();
            }
            for (i, r) in results {
                match r {
                    Ok(doc) => {
                        paged.written += 1;
                        shares.extend(doc.map(|d| (i, d)));
                    }
                    Err(d) => paged.problems.push(d),
                }
            }
            if merging.is_none() {
                paged.entries.append(&mut shares);
            }
        }
        paged.entries.sort_unstable_by_key(|(i, _)| *i);
        paged.merged = with_search.then(|| {
            let (mut m, rest) = match merging {
                Some(m) => (m, &shares),
                None => (search::Merging::new(site, None), &paged.entries),
            };
            m.add(site, rest);
            m
        });
        paged
    }

    /// Renders the pages at `batch` and writes them, with their Markdown where `keep`
    /// says it is.
    fn batch(
        &self,
        site: &Site,
        resources: &Resources,
        markdown: &crate::markdown::Settings<'_>,
        (batch, keep): (&[usize], &Keep<'_>),
        sink: &dyn Sink,
    ) -> Vec<(usize, Result<Option<Prepared>, Diagnostic>)> {
        let one = |i: usize| {
            let page = site.pages.get(i)?;
            let text = self.search && search::indexed(page);
            let written = match keep {
                Keep::All => self.page(
                    site,
                    resources,
                    markdown,
                    (page, &page.source.body),
                    sink,
                    text,
                ),
                Keep::Nothing(root) => {
                    crate::load::page::body_again(root, &page.source).and_then(|again| {
                        self.page(site, resources, markdown, (page, again.body()), sink, text)
                    })
                }
            };
            Some((i, written))
        };
        batch.par_iter().filter_map(|&i| one(i)).collect()
    }

    /// Renders one page and writes it; returns its entry for the search index when
    /// `text` asks for one.
    fn page(
        &self,
        site: &Site,
        resources: &Resources,
        markdown: &crate::markdown::Settings<'_>,
        (page, body): (&crate::resolve::Page, &str),
        sink: &dyn Sink,
        text: bool,
    ) -> Result<Option<Prepared>, Diagnostic> {
        let lang = &page.source.lang;
        let Some(lang_data) = self.languages.get(lang) else {
            return Ok(None);
        };
        let template = context::template_name(page);
        let theme = &resources.theme;
        if !theme.has(&template) {
            return Err(context::unknown_template(page, &template, theme));
        }
        let components = components::Components {
            tera: &lang_data.tera,
            theme,
            locales: &resources.locales,
            lang,
            files: &self.files,
        };
        let shown =
            body::content_html((page, body), markdown, (&self.pictures, &components), text)?;
        let content = (shown.html, shown.headings);
        let value = context::page_value((site, &self.data), page, &resources.locales, content);
        let files = listing::section_pages(site, &resources.locales, &self.listings, page, value);
        for (url, value) in files {
            let html = context::render(
                lang_data,
                theme,
                &template,
                (lang, &url, &page.source.file),
                value,
            )?;
            let rel = crate::resolve::site::output_file(&url);
            sink.put(&rel, self.finish_html(html))
                .map_err(|e| write_error(&rel, &e))?;
        }
        Ok(text.then(|| search::document(page, &shown.text)))
    }

    /// A rendered HTML file as it is published: minified unless `--no-minify` or `serve`.
    fn finish_html(&self, html: Vec<u8>) -> Vec<u8> {
        if self.minify {
            minify::html(&html)
        } else {
            html
        }
    }
}

/// Writes `outputs` into `sink`, side by side; returns how many were written, and
/// adds a problem to `errors` for each that could not be.
fn write_outputs(outputs: Vec<Output<'_>>, sink: &dyn Sink, errors: &mut Vec<Diagnostic>) -> usize {
    let results: Vec<(String, std::io::Result<()>)> = outputs
        .into_par_iter()
        .map(|output| match output {
            Output::Bytes(rel, bytes) => {
                let r = sink.put(&rel, bytes);
                (rel, r)
            }
            Output::Parts(rel, mut parts) => {
                let r = sink.put_parts(&rel, &mut parts);
                (rel, r)
            }
            Output::Copy(rel, from) => {
                let r = sink.copy(&rel, &from);
                (rel, r)
            }
        })
        .collect();
    let mut written = 0;
    for (rel, result) in results {
        match result {
            Ok(()) => written += 1,
            Err(e) => errors.push(write_error(&rel, &e)),
        }
    }
    written
}

/// Published address → file on disk, for every file beside a page.
fn asset_files(site: &Site) -> HashMap<String, PathBuf> {
    site.assets
        .iter()
        .map(|(asset, url)| (url.clone(), asset.path.clone()))
        .collect()
}

/// A file that could not be written.
fn write_error(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        rel,
        0,
        0,
        format!("could not write {rel}: {e}"),
        "check free disk space and permissions; the previous site was left as it was",
    )
}
