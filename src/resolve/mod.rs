//! Resolve: give every page its URL, pair translations, place pages in their
//! sections, and resolve every link.
//!
//! Input is the loaded content; output is a [`Site`] in which every link slot
//! of every page has its final URL and every published address is unique.
//! Nothing here renders HTML.

pub(crate) mod edit;
mod inherit;
mod links;
pub(crate) mod site;
pub(crate) mod taxonomy;
pub(crate) mod translations;
pub(crate) mod url;

use crate::diagnostic::{Diagnostic, Problems};
use crate::load::config::Config;
use crate::load::page::{Asset, Content, SourcePage};
pub(crate) use links::Lookup;
use rayon::prelude::*;
pub(crate) use site::{Page, PageIndex, Site};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// Builds the site model from loaded content; problems go to `problems`.
pub(crate) fn resolve(config: Config, content: Content, problems: &mut Problems) -> Site {
    let mut sources = unique_pages(&config, content.pages, problems);
    inherit::shared_front_matter(&config.default_language, &mut sources, problems);
    check_defaults_exist(&config, &sources, problems);
    // The pages keep their order from here on: one index serves URLs and the site.
    let index = Arc::new(PageIndex::new(
        &config.languages,
        sources.iter().map(|p| (p.key.as_str(), p.lang.as_str())),
    ));
    let pages = with_urls(&config, &index, sources);
    check_unique_urls(&pages, problems);
    let mut site = Site {
        config,
        pages,
        index,
        assets: Vec::new(),
        asset_urls: HashMap::new(),
        aliases: Vec::new(),
        backlinks: Vec::new(),
    };
    place_in_sections(&mut site);
    place_assets(&mut site, content.assets);
    resolve_links(&mut site, problems);
    taxonomy::check_terms(&site, problems);
    site.rebuild_backlinks();
    let files = page_files(&site);
    let aliases = aliases(&site, &files, problems);
    check_assets_are_not_pages(&site, &files, problems);
    drop(files);
    site.aliases = aliases;
    site
}

/// The pages sorted by key then language, with a second file for one key and language
/// (`about.md` and `about.az.md`) refused.
fn unique_pages(
    config: &Config,
    mut sources: Vec<Box<SourcePage>>,
    problems: &mut Problems,
) -> Vec<Box<SourcePage>> {
    let lang_order = |l: &str| {
        config
            .languages
            .iter()
            .position(|x| x == l)
            .unwrap_or(usize::MAX)
    };
    sources.sort_by(|a, b| {
        a.key
            .cmp(&b.key)
            .then_with(|| lang_order(&a.lang).cmp(&lang_order(&b.lang)))
    });
    let mut unique: Vec<Box<SourcePage>> = Vec::with_capacity(sources.len());
    for p in sources {
        if let Some(prev) = unique.last() {
            if prev.key == p.key && prev.lang == p.lang {
                problems.push(Diagnostic::error(
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
    unique
}

/// A translation needs a page in the default language to translate.
fn check_defaults_exist(config: &Config, pages: &[Box<SourcePage>], problems: &mut Problems) {
    let default = &config.default_language;
    let keys: std::collections::HashSet<(&str, &str)> = pages
        .iter()
        .map(|p| (p.key.as_str(), p.lang.as_str()))
        .collect();
    for p in pages {
        if &p.lang != default && !keys.contains(&(p.key.as_str(), default.as_str())) {
            problems.push(Diagnostic::error(
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
}

/// Every page with its URL (moved, not cloned: a page's body is the biggest thing a
/// build holds); `index` finds the pages of `sources` by key and language.
fn with_urls(config: &Config, index: &PageIndex, sources: Vec<Box<SourcePage>>) -> Vec<Page> {
    let urls: Vec<String> = {
        let find = |key: &str, lang: &str| index.get(key, lang).map(|i| &*sources[i]);
        sources
            .par_iter()
            .map(|p| url::page_url(config, p, &url::folder_segments(&find, p)))
            .collect()
    };
    sources
        .into_par_iter()
        .zip(urls)
        .map(|(source, url)| Page {
            url,
            source: Arc::from(source),
            link_urls: Vec::new(),
            link_targets: Vec::new(),
            parent: None,
            children: Vec::new(),
        })
        .collect()
}

/// Two pages at one address: the later would silently overwrite the earlier.
fn check_unique_urls(pages: &[Page], problems: &mut Problems) {
    let mut by_url: BTreeMap<&str, &Page> = BTreeMap::new();
    for p in pages {
        if let Some(other) = by_url.insert(&p.url, p) {
            let slug = p.source.front.slug.as_ref();
            problems.push(Diagnostic::error(
                &p.source.file,
                slug.map_or(0, |s| s.line),
                slug.map_or(0, |s| s.column),
                format!(
                    "this page has the same address {} as {}",
                    p.url,
                    other.source.file.display()
                ),
                "give one of them a different `slug` or file name",
            ));
        }
    }
}

/// Sections: the nearest `_index` above each page, in the same language; each section's
/// children in display order.
fn place_in_sections(site: &mut Site) {
    let parents: Vec<Option<usize>> = site
        .pages
        .par_iter()
        .map(|p| section_of(&site.index, &p.source))
        .collect();
    for (i, parent) in parents.into_iter().enumerate() {
        site.pages[i].parent = parent;
        if let Some(parent) = parent {
            site.pages[parent].children.push(i);
        }
    }
    // Each section's list sorted on its own core: a large site's sections list
    // thousands of pages each.
    let mut lists: Vec<(usize, Vec<usize>)> = site
        .pages
        .iter_mut()
        .enumerate()
        .filter(|(_, p)| !p.children.is_empty())
        .map(|(i, p)| (i, std::mem::take(&mut p.children)))
        .collect();
    let pages = &site.pages;
    lists.par_iter_mut().for_each(|(_, kids)| {
        kids.sort_by(|&a, &b| site::display_order(&pages[a], &pages[b]));
    });
    for (i, kids) in lists {
        site.pages[i].children = kids;
    }
}

/// The section page a page belongs to: the nearest `_index` above it in its language.
fn section_of(index: &PageIndex, p: &SourcePage) -> Option<usize> {
    if p.key == "_index" {
        return None;
    }
    let mut dir = if p.is_section {
        p.key
            .strip_suffix("/_index")
            .and_then(|d| d.rsplit_once('/').map(|(a, _)| a.to_string()))
            .unwrap_or_default()
    } else {
        p.dir().to_string()
    };
    loop {
        let key = if dir.is_empty() {
            "_index".to_string()
        } else {
            format!("{dir}/_index")
        };
        if let Some(parent) = index.get(&key, &p.lang) {
            return Some(parent);
        }
        if dir.is_empty() {
            return None;
        }
        dir = dir
            .rsplit_once('/')
            .map(|(a, _)| a.to_string())
            .unwrap_or_default();
    }
}

/// Assets are published once, in the default language's folder of their section.
fn place_assets(site: &mut Site, assets: Vec<Asset>) {
    let default = &site.config.default_language;
    let asset_urls: HashMap<String, String> = assets
        .iter()
        .map(|a| {
            let (dir, name) = a.key.rsplit_once('/').unwrap_or(("", &a.key));
            let section_url = if dir.is_empty() {
                "/".to_string()
            } else {
                site.index
                    .get(&format!("{dir}/_index"), default)
                    .map(|i| site.pages[i].url.clone())
                    .unwrap_or_else(|| format!("/{dir}/"))
            };
            (a.key.clone(), format!("{section_url}{name}"))
        })
        .collect();
    let mut placed: Vec<(Asset, String)> = assets
        .into_iter()
        .map(|a| {
            let url = asset_urls.get(&a.key).cloned().unwrap_or_default();
            (a, url)
        })
        .collect();
    placed.sort_by(|a, b| a.1.cmp(&b.1));
    site.assets = placed;
    site.asset_urls = asset_urls;
}

/// Links: every slot gets its URL or a located error. In parallel; the problems are
/// collected in page order, so output stays deterministic.
fn resolve_links(site: &mut Site, problems: &mut Problems) {
    let lookup = Lookup {
        config: &site.config,
        index: &site.index,
        asset_urls: &site.asset_urls,
    };
    let pages = &site.pages;
    let resolved: Vec<_> = (0..pages.len())
        .into_par_iter()
        .map(|i| {
            let mut found = Vec::new();
            let (urls, targets) = lookup.links(pages, &pages[i].source, i, &mut found);
            (urls, targets, found)
        })
        .collect();
    for (page, (urls, targets, found)) in site.pages.iter_mut().zip(resolved) {
        page.link_urls = urls;
        page.link_targets = targets;
        problems.extend(found);
    }
}

/// Every page's old addresses: one address leads to one page, never where a page is
/// written (an alias listed twice by one page is one redirect).
fn aliases(
    site: &Site,
    page_files: &HashMap<String, &Path>,
    problems: &mut Problems,
) -> Vec<site::Alias> {
    let mut aliases: Vec<site::Alias> = Vec::new();
    let mut by_file: HashMap<String, usize> = HashMap::new();
    for (i, page) in site.pages.iter().enumerate() {
        for alias in &page.source.front.rare().aliases {
            let path = url::alias_path(&alias.value);
            let file = url::alias_file(&path);
            let error = |message: String, hint: &str| {
                Diagnostic::error(&page.source.file, alias.line, alias.column, message, hint)
            };
            if page_files.contains_key(&file) {
                problems.push(error(
                    format!(
                        "the alias `{}` is the address of an existing page",
                        alias.value
                    ),
                    "remove the alias, or move the other page",
                ));
                continue;
            }
            if let Some(&k) = by_file.get(&file) {
                let first = &aliases[k];
                if first.page != i {
                    let other = &site.pages[first.page].source.file;
                    problems.push(error(
                        format!(
                            "the alias `{}` is also declared in {}:{} for another page; a host would redirect it to one of them only",
                            alias.value,
                            other.display(),
                            first.at.0
                        ),
                        "keep the alias on one page only",
                    ));
                }
                continue;
            }
            by_file.insert(file.clone(), aliases.len());
            aliases.push(site::Alias {
                page: i,
                path,
                file,
                at: (alias.line, alias.column),
            });
        }
    }
    aliases
}

/// A file under `content/` published where a page is written would replace it.
fn check_assets_are_not_pages(
    site: &Site,
    page_files: &HashMap<String, &Path>,
    problems: &mut Problems,
) {
    for (asset, url) in &site.assets {
        if let Some(page) = page_files.get(url) {
            problems.push(Diagnostic::error(
                Path::new("content").join(&asset.key),
                0,
                0,
                format!(
                    "this file would be published at {url}, where the page {} is written",
                    page.display()
                ),
                "rename or move the file, or give the page another slug",
            ));
        }
    }
}

/// Output file → the page written there.
fn page_files(site: &Site) -> HashMap<String, &Path> {
    site.pages
        .par_iter()
        .map(|p| (p.output_file(), p.source.file.as_path()))
        .collect()
}
