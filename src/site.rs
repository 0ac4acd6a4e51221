//! Resolve: give every page its URL, pair translations, and resolve links.
//!
//! Input is the loaded content; output is a [`Site`] in which every link slot
//! of every page has its final URL. Nothing here renders HTML.

use crate::config::Config;
use crate::content::{Asset, Content, SourcePage};
use crate::diagnostic::Diagnostic;
use crate::markdown::LinkTarget;
use crate::slug::slugify;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

/// A page with everything the render step needs.
#[derive(Debug, Clone)]
pub struct Page {
    /// What was loaded.
    pub source: SourcePage,
    /// Site path, e.g. `/en/programmes/short-term-care/`.
    pub url: String,
    /// URL for each link slot of the body, by slot number.
    pub link_urls: Vec<String>,
    /// The page each link slot points to, if it points to a page.
    pub link_targets: Vec<Option<usize>>,
    /// Index of the section page this page belongs to, in the same language.
    pub parent: Option<usize>,
    /// For sections: the pages and subsections directly inside, in display order.
    pub children: Vec<usize>,
}

impl Page {
    /// True for the home page of its language.
    pub fn is_home(&self) -> bool {
        self.source.key == "_index"
    }
}

/// The resolved site.
#[derive(Debug)]
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Every page, ordered by key then language order.
    pub pages: Vec<Page>,
    /// (key, lang) → index in `pages`.
    pub index: HashMap<(String, String), usize>,
    /// Files copied as they are, with their output URL.
    pub assets: Vec<(Asset, String)>,
    /// Asset key → published URL.
    pub asset_urls: HashMap<String, String>,
    /// Page index → the pages that link to it.
    pub backlinks: Vec<Vec<usize>>,
}

impl Site {
    /// The page with this key in this language.
    pub fn get(&self, key: &str, lang: &str) -> Option<&Page> {
        self.index
            .get(&(key.to_string(), lang.to_string()))
            .map(|&i| &self.pages[i])
    }

    /// The translations of a page (itself included), in site language order.
    pub fn translations<'a>(&'a self, page: &Page) -> Vec<&'a Page> {
        self.config
            .languages
            .iter()
            .filter_map(|l| self.get(&page.source.key, l))
            .collect()
    }
}

/// Display order of pages in a section: weight, then newest date, then title.
pub fn display_order(a: &Page, b: &Page) -> std::cmp::Ordering {
    let (fa, fb) = (&a.source.front, &b.source.front);
    fa.weight
        .unwrap_or(i64::MAX)
        .cmp(&fb.weight.unwrap_or(i64::MAX))
        .then_with(|| fb.date.cmp(&fa.date))
        .then_with(|| fa.title.cmp(&fb.title))
        .then_with(|| a.source.key.cmp(&b.source.key))
}

/// The URL segment of a folder in a language: its `_index` slug there, else its name.
fn folder_segment(
    content: &HashMap<(String, String), &SourcePage>,
    folder_key: &str,
    lang: &str,
) -> String {
    let index_key = format!("{folder_key}/_index");
    let name = folder_key.rsplit('/').next().unwrap_or(folder_key);
    let own = content
        .get(&(index_key, lang.to_string()))
        .and_then(|p| p.front.slug.as_ref());
    own.map(|s| s.value.clone()).unwrap_or_else(|| {
        let s = slugify(name);
        if s.is_empty() {
            name.to_string()
        } else {
            s
        }
    })
}

/// The URL path of a page: language root, folder segments, slug, `/`.
pub fn page_url(config: &Config, page: &SourcePage, folder_segments: &[String]) -> String {
    let mut url = config.language_root(&page.lang);
    for seg in folder_segments {
        url.push_str(seg);
        url.push('/');
    }
    if !page.is_section {
        let base = page.key.rsplit('/').next().unwrap_or(&page.key);
        let slug = match &page.front.slug {
            Some(s) => s.value.clone(),
            None => {
                let s = slugify(base);
                if s.is_empty() {
                    base.to_string()
                } else {
                    s
                }
            }
        };
        url.push_str(&slug);
        url.push('/');
    }
    url
}

/// Normalizes `a/b/../c` to `a/c`; `None` when it climbs above the root.
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Resolves a `.md` link path written in page `from_dir` to (key, explicit language).
pub fn link_key(
    from_dir: &str,
    path: &str,
    languages: &[String],
) -> Option<(String, Option<String>)> {
    let joined = match path.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None if from_dir.is_empty() => path.to_string(),
        None => format!("{from_dir}/{path}"),
    };
    let normalized = normalize(&joined)?;
    let stem = normalized.strip_suffix(".md")?;
    if let Some((base, lang)) = stem.rsplit_once('.') {
        if languages.iter().any(|l| l == lang) {
            return Some((base.to_string(), Some(lang.to_string())));
        }
    }
    Some((stem.to_string(), None))
}

/// Builds the site model from loaded content; problems go to `diags`.
pub fn resolve(config: Config, content: Content, diags: &mut Vec<Diagnostic>) -> Site {
    let default = config.default_language.clone();
    let lang_order = |l: &str| {
        config
            .languages
            .iter()
            .position(|x| x == l)
            .unwrap_or(usize::MAX)
    };
    let mut sources = content.pages;
    sources.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then_with(|| lang_order(&a.lang).cmp(&lang_order(&b.lang)))
    });

    // Two files for one key and language (`about.md` and `about.az.md`).
    let mut unique: Vec<SourcePage> = Vec::with_capacity(sources.len());
    for p in sources {
        if let Some(prev) = unique.last() {
            if prev.key == p.key && prev.lang == p.lang {
                diags.push(Diagnostic::error(
                    &p.file,
                    0,
                    0,
                    format!(
                        "this page is the same page as {} (same name and language)",
                        prev.file.display()
                    ),
                    "remove or rename one of the two files",
                ));
                continue;
            }
        }
        unique.push(p);
    }

    let by_key: HashMap<(String, String), &SourcePage> = unique
        .iter()
        .map(|p| ((p.key.clone(), p.lang.clone()), p))
        .collect();

    // A translation needs a page in the default language to translate.
    for p in &unique {
        if p.lang != default && !by_key.contains_key(&(p.key.clone(), default.clone())) {
            diags.push(Diagnostic::error(
                &p.file,
                0,
                0,
                format!(
                    "this is a `{}` page, but there is no `{default}` page it translates",
                    p.lang
                ),
                format!(
                    "create {}.{default}.md first, or check the file name",
                    p.key
                ),
            ));
        }
    }

    let urls: Vec<String> = unique
        .iter()
        .map(|p| {
            let folders: Vec<String> = {
                let mut segs = Vec::new();
                let mut acc = String::new();
                let dir = if p.is_section {
                    p.key.strip_suffix("/_index").unwrap_or("")
                } else {
                    p.dir.as_str()
                };
                for part in dir.split('/').filter(|s| !s.is_empty()) {
                    if !acc.is_empty() {
                        acc.push('/');
                    }
                    acc.push_str(part);
                    segs.push(folder_segment(&by_key, &acc, &p.lang));
                }
                segs
            };
            page_url(&config, p, &folders)
        })
        .collect();
    drop(by_key);
    // Moved, not cloned: a page's body is the biggest thing a build holds.
    let mut pages: Vec<Page> = unique
        .into_iter()
        .zip(urls)
        .map(|(source, url)| Page {
            url,
            source,
            link_urls: Vec::new(),
            link_targets: Vec::new(),
            parent: None,
            children: Vec::new(),
        })
        .collect();

    let index: HashMap<(String, String), usize> = pages
        .iter()
        .enumerate()
        .map(|(i, p)| ((p.source.key.clone(), p.source.lang.clone()), i))
        .collect();

    // Two pages at one address: the later would silently overwrite the earlier.
    let mut by_url: BTreeMap<&str, &Page> = BTreeMap::new();
    for p in &pages {
        if let Some(other) = by_url.insert(&p.url, p) {
            diags.push(Diagnostic::error(
                &p.source.file,
                p.source.front.slug.as_ref().map_or(0, |s| s.line),
                p.source.front.slug.as_ref().map_or(0, |s| s.column),
                format!(
                    "this page has the same address {} as {}",
                    p.url,
                    other.source.file.display()
                ),
                "give one of them a different `slug` or file name",
            ));
        }
    }

    // Sections: the nearest `_index` above each page, in the same language.
    for page in pages.iter_mut() {
        let p = &page.source;
        if p.key == "_index" {
            continue;
        }
        let mut dir = if p.is_section {
            p.key
                .strip_suffix("/_index")
                .and_then(|d| d.rsplit_once('/').map(|(a, _)| a.to_string()))
                .unwrap_or_default()
        } else {
            p.dir.clone()
        };
        let lang = p.lang.clone();
        loop {
            let key = if dir.is_empty() {
                "_index".to_string()
            } else {
                format!("{dir}/_index")
            };
            if let Some(&parent) = index.get(&(key, lang.clone())) {
                page.parent = Some(parent);
                break;
            }
            if dir.is_empty() {
                break;
            }
            dir = dir
                .rsplit_once('/')
                .map(|(a, _)| a.to_string())
                .unwrap_or_default();
        }
    }
    for i in 0..pages.len() {
        if let Some(parent) = pages[i].parent {
            pages[parent].children.push(i);
        }
    }
    for i in 0..pages.len() {
        let mut children = std::mem::take(&mut pages[i].children);
        children.sort_by(|&a, &b| display_order(&pages[a], &pages[b]));
        pages[i].children = children;
    }

    // Assets are published once, in the default language's folder of their section.
    let asset_urls: HashMap<String, String> = content
        .assets
        .iter()
        .map(|a| {
            let (dir, name) = a.key.rsplit_once('/').unwrap_or(("", &a.key));
            let section_url = if dir.is_empty() {
                "/".to_string()
            } else {
                index
                    .get(&(format!("{dir}/_index"), default.clone()))
                    .map(|&i| pages[i].url.clone())
                    .unwrap_or_else(|| format!("/{dir}/"))
            };
            (a.key.clone(), format!("{section_url}{name}"))
        })
        .collect();

    // Links: every slot gets its URL or a located error.
    let lookup = Lookup {
        config: &config,
        index: &index,
        asset_urls: &asset_urls,
    };
    // In parallel; the problems are collected in page order, so output stays deterministic.
    let resolved: Vec<_> = (0..pages.len())
        .into_par_iter()
        .map(|i| {
            let mut found = Vec::new();
            let (urls, targets) = lookup.links(&pages, &pages[i].source, i, &mut found);
            (urls, targets, found)
        })
        .collect();
    for (page, (urls, targets, found)) in pages.iter_mut().zip(resolved) {
        page.link_urls = urls;
        page.link_targets = targets;
        diags.extend(found);
    }
    let mut backlinks = vec![Vec::new(); pages.len()];
    for (i, p) in pages.iter().enumerate() {
        for &t in p.link_targets.iter().flatten() {
            if backlinks[t].last() != Some(&i) {
                backlinks[t].push(i);
            }
        }
    }

    let mut assets: Vec<(Asset, String)> = content
        .assets
        .into_iter()
        .map(|a| {
            let url = asset_urls.get(&a.key).cloned().unwrap_or_default();
            (a, url)
        })
        .collect();
    assets.sort_by(|a, b| a.1.cmp(&b.1));

    Site {
        config,
        pages,
        index,
        assets,
        asset_urls,
        backlinks,
    }
}

/// What resolving a page's links needs to look up.
pub struct Lookup<'a> {
    /// Settings.
    pub config: &'a Config,
    /// (key, lang) → page index.
    pub index: &'a HashMap<(String, String), usize>,
    /// Asset key → published URL.
    pub asset_urls: &'a HashMap<String, String>,
}

impl Lookup<'_> {
    /// The URL of each link slot of `here` (the page at `at`, or its new version), and the
    /// page each slot points to; problems go to `diags`.
    pub fn links(
        &self,
        pages: &[Page],
        here: &SourcePage,
        at: usize,
        diags: &mut Vec<Diagnostic>,
    ) -> (Vec<String>, Vec<Option<usize>>) {
        let config = self.config;
        let default = &config.default_language;
        let mut urls = Vec::with_capacity(here.doc.links.len());
        let mut targets = Vec::with_capacity(here.doc.links.len());
        for link in &here.doc.links {
            let err = |message: String, hint: &str| {
                Diagnostic::error(&here.file, link.line, link.column, message, hint)
            };
            let mut points_to = None;
            let url = match &link.target {
                LinkTarget::Anchor(anchor) => {
                    if !here.doc.headings.iter().any(|h| &h.id == anchor)
                        && !is_footnote_anchor(anchor)
                    {
                        diags.push(err(
                            format!("there is no heading `#{anchor}` on this page"),
                            "check the heading's id; headings get ids like `#bizim-meqsedlerimiz`",
                        ));
                    }
                    format!("#{anchor}")
                }
                LinkTarget::Asset(path) => {
                    let joined = match path.strip_prefix('/') {
                        Some(abs) => Some(abs.to_string()),
                        None if here.dir.is_empty() => normalize(path),
                        None => normalize(&format!("{}/{path}", here.dir)),
                    };
                    match joined.as_ref().and_then(|k| self.asset_urls.get(k)) {
                        Some(u) => u.clone(),
                        None => {
                            diags.push(err(format!("the file `{path}` does not exist"), "put the file beside the page in content/, or fix the name (it is case-sensitive)"));
                            "#".to_string()
                        }
                    }
                }
                LinkTarget::Page { path, anchor } => {
                    let resolved = link_key(&here.dir, path, &config.languages);
                    let target = resolved.as_ref().and_then(|(key, explicit)| {
                        let lang = explicit.as_deref().unwrap_or(&here.lang);
                        self.index
                            .get(&(key.clone(), lang.to_string()))
                            .map(|&t| (t, false))
                            .or_else(|| {
                                self.index
                                    .get(&(key.clone(), default.clone()))
                                    .map(|&t| (t, true))
                            })
                    });
                    match target {
                        None => {
                            diags.push(err(
                                format!("the link to `{path}` points to a page that does not exist"),
                                "check the path: it is relative to this file, or to content/ when it starts with /",
                            ));
                            "#".to_string()
                        }
                        Some((t, fell_back)) => {
                            points_to = Some(t);
                            // A link to itself sees the page as it is now.
                            let headings = if t == at {
                                &here.doc.headings
                            } else {
                                &pages[t].source.doc.headings
                            };
                            if fell_back {
                                diags.push(Diagnostic::warning(
                                    &here.file,
                                    link.line,
                                    link.column,
                                    format!("`{path}` has no `{}` translation; the link goes to the `{default}` page", here.lang),
                                    "translate that page, or link to another one",
                                ));
                            }
                            match anchor {
                                Some(a) => {
                                    if !headings.iter().any(|h| &h.id == a) {
                                        diags.push(err(
                                            format!("`{path}` has no heading `#{a}`"),
                                            "check the heading's id in that page (ids are made from heading text: `## Bizim tarix` → `#bizim-tarix`)",
                                        ));
                                    }
                                    format!("{}#{a}", pages[t].url)
                                }
                                None => pages[t].url.clone(),
                            }
                        }
                    }
                }
            };
            urls.push(url);
            targets.push(points_to);
        }
        (urls, targets)
    }
}

/// Footnote references link to ids pulldown-cmark generates, not headings.
fn is_footnote_anchor(anchor: &str) -> bool {
    anchor.starts_with("fn-") || anchor.starts_with("fnref")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_and_refuses_climbing_out() {
        assert_eq!(normalize("a/./b/../c.md"), Some("a/c.md".into()));
        assert_eq!(normalize("../x.md"), None);
    }

    #[test]
    fn link_keys_are_relative_to_the_file_or_the_content_root() {
        let langs = vec!["az".to_string(), "en".to_string()];
        assert_eq!(
            link_key("programmes", "short-term-care.md", &langs),
            Some(("programmes/short-term-care".into(), None))
        );
        assert_eq!(
            link_key("programmes", "../about.md", &langs),
            Some(("about".into(), None))
        );
        assert_eq!(
            link_key("news", "/programmes/_index.md", &langs),
            Some(("programmes/_index".into(), None))
        );
        assert_eq!(
            link_key("", "about.en.md", &langs),
            Some(("about".into(), Some("en".into())))
        );
        assert_eq!(link_key("", "about.txt", &langs), None);
    }
}
