//! The resolved site: every page with its URL, its place among sections and
//! the URL of every link it holds. Its invariants (backlinks mirror links,
//! section children in display order) are kept here and only here.

use crate::load::config::Config;
use crate::load::page::{Asset, SourcePage};
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

/// A page with everything the render step needs.
#[derive(Debug, Clone)]
pub(crate) struct Page {
    /// What was loaded, shared with the listing entries the templates read.
    pub(crate) source: Arc<SourcePage>,
    /// Site path, e.g. `/en/programmes/short-term-care/`.
    pub(crate) url: String,
    /// URL for each link slot of the body, by slot number.
    pub(crate) link_urls: Vec<String>,
    /// The page each link slot points to, if it points to a page.
    pub(crate) link_targets: Vec<Option<usize>>,
    /// Index of the section page this page belongs to, in the same language.
    pub(crate) parent: Option<usize>,
    /// For sections: the pages and subsections directly inside, in display order.
    pub(crate) children: Vec<usize>,
}

impl Page {
    /// True for the home page of its language.
    pub(crate) fn is_home(&self) -> bool {
        self.source.key == "_index"
    }

    /// The file a page is written to.
    pub(crate) fn output_file(&self) -> String {
        output_file(&self.url)
    }

    /// The Atom feed of a section that asks for one (`extra.feed: true`).
    pub(crate) fn feed_url(&self) -> Option<String> {
        let wants = self.source.is_section
            && self
                .source
                .front
                .extra
                .get("feed")
                .and_then(|v| v.as_bool())
                == Some(true);
        wants.then(|| format!("{}atom.xml", self.url))
    }
}

/// The file written for the page at site path `url`.
pub(crate) fn output_file(url: &str) -> String {
    format!("{url}index.html")
}

/// An old address of a page, published as a redirect.
#[derive(Debug, Clone)]
pub(crate) struct Alias {
    /// The page it leads to.
    pub(crate) page: usize,
    /// The old address, as a site path (`/old/`, `/old.html`).
    pub(crate) path: String,
    /// The file written at the old address (`/old/index.html`).
    pub(crate) file: String,
    /// Where the page's front matter lists it: line and column.
    pub(crate) at: (usize, usize),
}

/// The resolved site.
#[derive(Debug)]
pub(crate) struct Site {
    /// Settings.
    pub(crate) config: Config,
    /// Every page, ordered by key then language order.
    pub(crate) pages: Vec<Page>,
    /// (key, lang) → index in `pages` (shared with the templates' data).
    pub(crate) index: Arc<PageIndex>,
    /// Files copied as they are, with their output URL, in URL order.
    pub(crate) assets: Vec<(Asset, String)>,
    /// Asset key → published URL.
    pub(crate) asset_urls: HashMap<String, String>,
    /// Old addresses that redirect to pages, in page order.
    pub(crate) aliases: Vec<Alias>,
    /// Page index → the pages that link to it.
    pub(crate) backlinks: Vec<Vec<usize>>,
}

/// Which page has a key in a language: looked up with borrowed text, as pages, links
/// and templates ask it thousands of times a build (a map keyed by a pair of strings
/// made two strings for every question).
#[derive(Debug, Default, Clone)]
pub(crate) struct PageIndex {
    /// The site's languages, in order.
    languages: Vec<String>,
    /// Page key → its page in each language (by position in `languages`).
    by_key: HashMap<String, Vec<Option<usize>>>,
}

impl PageIndex {
    /// The index of `pages`, given as (key, language), by position.
    pub(crate) fn new<'a>(
        languages: &[String],
        pages: impl Iterator<Item = (&'a str, &'a str)>,
    ) -> PageIndex {
        let mut by_key: HashMap<String, Vec<Option<usize>>> = HashMap::new();
        for (i, (key, lang)) in pages.enumerate() {
            if let Some(l) = languages.iter().position(|x| x == lang) {
                let slots = by_key
                    .entry(key.to_string())
                    .or_insert_with(|| vec![None; languages.len()]);
                slots[l] = Some(i);
            }
        }
        PageIndex {
            languages: languages.to_vec(),
            by_key,
        }
    }

    /// The index of the page with this key in this language.
    pub(crate) fn get(&self, key: &str, lang: &str) -> Option<usize> {
        let l = self.languages.iter().position(|x| x == lang)?;
        *self.by_key.get(key)?.get(l)?
    }

    /// Every page key, in no order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.by_key.keys().map(String::as_str)
    }
}

impl Site {
    /// The page with this key in this language.
    pub(crate) fn get(&self, key: &str, lang: &str) -> Option<&Page> {
        self.index.get(key, lang).map(|i| &self.pages[i])
    }

    /// Lets go of every page's links as written (what each points at, and where) and of
    /// its headings as loaded: they are read to resolve links and to find photos, and a
    /// build that keeps no site afterwards renders with the resolved addresses and the
    /// headings the Markdown pass finds again.
    pub(crate) fn let_go_of_links_and_headings(&mut self) {
        // On both cores: freeing 20,000 pages' lists one by one kept the other idle.
        self.pages.par_iter_mut().for_each(|page| {
            // A page is shared once the renderer lists it: `run` calls this before, and
            // a test build would stop here if that order changed.
            debug_assert_eq!(Arc::strong_count(&page.source), 1, "{}", page.source.key);
            if let Some(source) = Arc::get_mut(&mut page.source) {
                source.doc.links = Vec::new();
                source.doc.headings = Vec::new();
            }
        });
    }

    /// The translations of a page (itself included), in site language order.
    pub(crate) fn translations<'a>(&'a self, page: &Page) -> Vec<&'a Page> {
        self.config
            .languages
            .iter()
            .filter_map(|l| self.get(&page.source.key, l))
            .collect()
    }

    /// Gives page `i` new link URLs and targets, keeping the backlinks in step.
    pub(crate) fn set_links(&mut self, i: usize, urls: Vec<String>, targets: Vec<Option<usize>>) {
        for &t in self.pages[i].link_targets.iter().flatten() {
            self.backlinks[t].retain(|&j| j != i);
        }
        for &t in targets.iter().flatten() {
            if !self.backlinks[t].contains(&i) {
                self.backlinks[t].push(i);
            }
        }
        let page = &mut self.pages[i];
        page.link_urls = urls;
        page.link_targets = targets;
    }

    /// True for a page the theme's menu lists: a top-level page or section with a weight.
    pub(crate) fn in_menu(&self, i: usize) -> bool {
        let page = &self.pages[i];
        page.source.front.weight.is_some() && page.parent.is_some_and(|p| self.pages[p].is_home())
    }

    /// Puts the children of section `p` in display order again.
    pub(crate) fn sort_children(&mut self, p: usize) {
        let mut kids = std::mem::take(&mut self.pages[p].children);
        kids.sort_by(|&a, &b| display_order(&self.pages[a], &self.pages[b]));
        self.pages[p].children = kids;
    }

    /// The backlinks of every page, from every page's link targets.
    pub(crate) fn rebuild_backlinks(&mut self) {
        let mut backlinks = vec![Vec::new(); self.pages.len()];
        for (i, p) in self.pages.iter().enumerate() {
            for &t in p.link_targets.iter().flatten() {
                if backlinks[t].last() != Some(&i) {
                    backlinks[t].push(i);
                }
            }
        }
        self.backlinks = backlinks;
    }
}

/// Display order of pages in a section: weight, then newest date, then title.
pub(crate) fn display_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let (fa, fb) = (&a.source.front, &b.source.front);
    fa.weight
        .unwrap_or(i64::MAX)
        .cmp(&fb.weight.unwrap_or(i64::MAX))
        .then_with(|| fb.date.cmp(&fa.date))
        .then_with(|| fa.title.cmp(&fb.title))
        .then_with(|| a.source.key.cmp(&b.source.key))
}

#[cfg(test)]
mod tests {
    use super::PageIndex;

    #[test]
    fn a_page_is_found_by_key_and_language_only() {
        let langs = ["az", "en", "ru"].map(String::from);
        let pages = [
            ("_index", "az"),
            ("_index", "en"),
            ("about", "az"),
            ("news/a", "ru"),
        ];
        let index = PageIndex::new(&langs, pages.into_iter());
        assert_eq!(index.get("_index", "en"), Some(1));
        assert_eq!(index.get("about", "az"), Some(2));
        assert_eq!(index.get("news/a", "ru"), Some(3));
        // No translation, no such language, no such key.
        assert_eq!(index.get("about", "en"), None);
        assert_eq!(index.get("about", "de"), None);
        assert_eq!(index.get("news", "ru"), None);
        let mut keys: Vec<&str> = index.keys().collect();
        keys.sort_unstable();
        assert_eq!(keys, ["_index", "about", "news/a"]);
    }
}
