//! Listings beyond a section's own page: the later pages of a paginated list
//! (`/xeberler/sehife/2/`), and each taxonomy's pages per language (a list of its
//! terms, and a page per term, paginated too). Which exist is decided here, once
//! per renderer, so pages, the sitemap and hreflang alternates agree.

use super::context::PageValue;
use crate::load::locale::Locales;
use crate::resolve::taxonomy;
use crate::resolve::Site;
use crate::slug::slugify;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// One page of a paginated list, as the paginator shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct PageLink {
    /// 1-based page number.
    pub(crate) number: usize,
    /// Its site path.
    pub(crate) url: String,
    /// True for the page being shown.
    pub(crate) current: bool,
}

/// What a template gets to show a long list's pages: `page.paginator`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct Paginator {
    /// This page's number, from 1.
    pub(crate) number: usize,
    /// How many pages the list has.
    pub(crate) total_pages: usize,
    /// How many entries the whole list has.
    pub(crate) total_items: usize,
    /// Entries a page.
    pub(crate) per_page: usize,
    /// The previous page's path, if any.
    pub(crate) previous: Option<String>,
    /// The next page's path, if any.
    pub(crate) next: Option<String>,
    /// Every page, for numbered links.
    pub(crate) pages: Vec<PageLink>,
}

/// The path of page `n` of a list at `base`: the list's own path for page 1.
pub(crate) fn pager_url(base: &str, segment: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}{segment}/{n}/")
    }
}

/// Pages needed for `items` entries at `per_page` a page: at least one.
pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page.max(1)).max(1)
}

/// The entries page `n` shows.
pub(crate) fn slice(items: usize, per_page: usize, n: usize) -> Range<usize> {
    let start = (n.saturating_sub(1) * per_page).min(items);
    start..(start + per_page).min(items)
}

/// The paginator of page `number` of a list at `base` with `items` entries.
pub(crate) fn paginator(
    base: &str,
    segment: &str,
    (items, per_page): (usize, usize),
    number: usize,
) -> Paginator {
    let total_pages = page_count(items, per_page);
    let url = |n| pager_url(base, segment, n);
    Paginator {
        number,
        total_pages,
        total_items: items,
        per_page,
        previous: (number > 1).then(|| url(number - 1)),
        next: (number < total_pages).then(|| url(number + 1)),
        pages: (1..=total_pages)
            .map(|n| PageLink {
                number: n,
                url: url(n),
                current: n == number,
            })
            .collect(),
    }
}

/// What a listing page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Page `number` (from 2) of section page `section`'s list.
    Pager {
        /// The section's page index.
        section: usize,
        /// Page number.
        number: usize,
    },
    /// The list of a taxonomy's terms in one language.
    Taxonomy {
        /// Taxonomy key (`topics`).
        name: String,
    },
    /// Page `number` of a term's pages in one language.
    Term {
        /// Taxonomy key.
        name: String,
        /// Term key.
        term: String,
        /// Page number, from 1.
        number: usize,
    },
}

/// A listing page the build publishes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Listed {
    /// What it shows.
    pub(crate) kind: Kind,
    /// Its language.
    pub(crate) lang: String,
    /// Its site path.
    pub(crate) url: String,
    /// Shared by its translations: the same list page in other languages.
    pub(crate) key: String,
}

/// Every listing page of the site, and the pages of each term per language.
#[derive(Debug, Default)]
pub(crate) struct Listings {
    /// In a fixed order: by language, then kind.
    pub(crate) pages: Vec<Listed>,
    /// (taxonomy, term, lang) → the site's pages listing the term, in display order.
    pub(crate) terms: BTreeMap<(String, String, String), Vec<usize>>,
    /// Language → the URL segment of later list pages (`sehife`).
    pub(crate) segments: HashMap<String, String>,
    by_key: HashMap<String, Vec<usize>>,
}

impl Listings {
    /// The listing pages of `site`; page segments come from each locale's `url-page`.
    pub(crate) fn new(site: &Site, locales: &Locales) -> Listings {
        let segments: HashMap<String, String> = site
            .config
            .languages
            .iter()
            .map(|l| {
                let text = locales
                    .get(l)
                    .map(|x| x.text("url-page"))
                    .unwrap_or_default();
                let seg = slugify(&text);
                (l.clone(), if seg.is_empty() { "page".into() } else { seg })
            })
            .collect();
        let mut out = Listings {
            segments,
            ..Listings::default()
        };
        out.add_pagers(site);
        out.add_taxonomies(site);
        for (i, l) in out.pages.iter().enumerate() {
            out.by_key.entry(l.key.clone()).or_default().push(i);
        }
        out
    }

    /// The later pages of every paginated section.
    fn add_pagers(&mut self, site: &Site) {
        for (i, page) in site.pages.iter().enumerate() {
            let Some(per) = page.source.front.rare().paginate_by.as_ref() else {
                continue;
            };
            let seg = self.segment(&page.source.lang).to_string();
            for n in 2..=page_count(page.children.len(), per.value) {
                self.pages.push(Listed {
                    kind: Kind::Pager {
                        section: i,
                        number: n,
                    },
                    lang: page.source.lang.clone(),
                    url: pager_url(&page.url, &seg, n),
                    key: format!("{}#{n}", page.source.key),
                });
            }
        }
    }

    /// Each taxonomy's list page and term pages, in the languages that have pages for them.
    fn add_taxonomies(&mut self, site: &Site) {
        for lang in &site.config.languages {
            let seg = self.segment(lang).to_string();
            for (name, tax) in &site.config.taxonomies {
                let mut any = false;
                for term in tax.terms.keys() {
                    let pages = taxonomy::pages_of(site, name, term, lang);
                    if pages.is_empty() {
                        continue;
                    }
                    any = true;
                    let base = term_url(site, name, term, lang);
                    let per = tax.paginate_by.unwrap_or(usize::MAX);
                    for n in 1..=page_count(pages.len(), per) {
                        self.pages.push(Listed {
                            kind: Kind::Term {
                                name: name.clone(),
                                term: term.clone(),
                                number: n,
                            },
                            lang: lang.clone(),
                            url: pager_url(&base, &seg, n),
                            key: format!("@{name}/{term}#{n}"),
                        });
                    }
                    self.terms
                        .insert((name.clone(), term.clone(), lang.clone()), pages);
                }
                if any {
                    self.pages.push(Listed {
                        kind: Kind::Taxonomy { name: name.clone() },
                        lang: lang.clone(),
                        url: taxonomy_url(site, name, lang),
                        key: format!("@{name}"),
                    });
                }
            }
        }
    }

    /// The page segment of `lang`.
    pub(crate) fn segment(&self, lang: &str) -> &str {
        self.segments.get(lang).map_or("page", String::as_str)
    }

    /// The same listing page in every language that has it, itself included.
    pub(crate) fn translations(&self, listed: &Listed) -> Vec<&Listed> {
        self.by_key
            .get(&listed.key)
            .map(|v| v.iter().map(|&i| &self.pages[i]).collect())
            .unwrap_or_default()
    }

    /// The translation key of a section's page `n` (1 is the section itself).
    pub(crate) fn pager_of<'a>(&'a self, key: &str, lang: &str, n: usize) -> Option<&'a Listed> {
        let k = format!("{key}#{n}");
        self.by_key
            .get(&k)?
            .iter()
            .map(|&i| &self.pages[i])
            .find(|l| l.lang == lang)
    }

    /// A page written where a listing page is: one of the two would be lost.
    pub(crate) fn collisions(&self, site: &Site) -> Vec<crate::diagnostic::Diagnostic> {
        let listed: HashMap<&str, &Listed> =
            self.pages.iter().map(|l| (l.url.as_str(), l)).collect();
        site.pages
            .iter()
            .filter_map(|p| {
                let l = listed.get(p.url.as_str())?;
                let (what, hint) = match &l.kind {
                    Kind::Pager { .. } => (
                        "a page of its section's list",
                        "give the page another slug: the list's later pages are written under this address",
                    ),
                    _ => (
                        "a taxonomy page made from site.yaml",
                        "give the page another slug, or change the taxonomy's name or term's label in site.yaml",
                    ),
                };
                Some(crate::diagnostic::Diagnostic::error(
                    &p.source.file,
                    p.source.front.slug.as_ref().map_or(0, |s| s.line),
                    p.source.front.slug.as_ref().map_or(0, |s| s.column),
                    format!("this page has the address {} of {what}", p.url),
                    hint,
                ))
            })
            .collect()
    }

    /// Every file the listing pages publish: their pages, term feeds and the redirects
    /// of their first pages. `serve` removes those a rebuild no longer makes.
    pub(crate) fn files(&self, site: &Site) -> std::collections::BTreeSet<String> {
        let mut out = std::collections::BTreeSet::new();
        for l in &self.pages {
            out.insert(crate::resolve::site::output_file(&l.url));
            if let Kind::Term {
                name, number: 1, ..
            } = &l.kind
            {
                if site.config.taxonomies.get(name).is_some_and(|t| t.feed) {
                    out.insert(format!("{}atom.xml", l.url));
                }
            }
        }
        for (from, _, _) in self.first_page_redirects(site) {
            out.insert(crate::resolve::url::alias_file(&from));
        }
        out
    }

    /// Every redirect from a list's `…/page/1/` to the list itself: (from, to).
    pub(crate) fn first_page_redirects(&self, site: &Site) -> Vec<(String, String, String)> {
        let mut out: Vec<(String, String, String)> = Vec::new();
        for (i, page) in site.pages.iter().enumerate() {
            if page.source.front.rare().paginate_by.is_some() {
                let seg = self.segment(&page.source.lang);
                out.push((
                    format!("{}{seg}/1/", page.url),
                    page.url.clone(),
                    site.pages[i].source.lang.clone(),
                ));
            }
        }
        for l in &self.pages {
            if let Kind::Term { number: 1, .. } = l.kind {
                let seg = self.segment(&l.lang);
                out.push((format!("{}{seg}/1/", l.url), l.url.clone(), l.lang.clone()));
            }
        }
        out
    }
}

/// The site path of a taxonomy's list page in `lang`: `/movzular/`, `/en/topics/`.
pub(crate) fn taxonomy_url(site: &Site, name: &str, lang: &str) -> String {
    let config = &site.config;
    let label = config
        .taxonomies
        .get(name)
        .map_or(name, |t| t.name.get(lang, &config.default_language));
    format!(
        "{}{}/",
        config.language_root(lang),
        label_segment(label, name)
    )
}

/// The site path of a term's first page in `lang`: `/movzular/usaq-huquqlari/`.
pub(crate) fn term_url(site: &Site, name: &str, term: &str, lang: &str) -> String {
    let config = &site.config;
    let label = config
        .taxonomies
        .get(name)
        .and_then(|t| t.terms.get(term))
        .map_or(term, |l| l.get(lang, &config.default_language));
    format!(
        "{}{}/",
        taxonomy_url(site, name, lang),
        label_segment(label, term)
    )
}

/// The URL segment of a label: its slug, with apostrophes dropped first so
/// "Children's rights" reads `childrens-rights`; the key when nothing is left.
fn label_segment(label: &str, key: &str) -> String {
    let seg = slugify(&label.replace(['\'', '’', 'ʼ'], ""));
    if seg.is_empty() {
        key.to_string()
    } else {
        seg
    }
}

/// The files of a page before it is rendered: for a paginated section, page 1 at its
/// own address and each later page at its paged address, each with its share of the
/// list, its paginator and its alternates; for any other page, the page alone.
pub(crate) fn section_pages(
    site: &Site,
    locales: &Locales,
    listings: &Listings,
    page: &crate::resolve::Page,
    value: PageValue<'_>,
) -> Vec<(String, tera::Value)> {
    let Some(per) = page
        .source
        .front
        .rare()
        .paginate_by
        .as_ref()
        .map(|p| p.value)
    else {
        return vec![(page.url.clone(), value.to_value())];
    };
    let lang = &page.source.lang;
    let seg = listings.segment(lang);
    let items = page.children.len();
    // Taken out before the value is copied for each page: it is the long part.
    let mut value = value;
    let all = std::mem::take(&mut value.pages);
    let mut out = Vec::new();
    for n in 1..=page_count(items, per) {
        let mut v = value.clone();
        let url = pager_url(&page.url, seg, n);
        v.pages = all[slice(items, per, n)].to_vec();
        v.paginator = Some(paginator(&page.url, seg, (items, per), n));
        if n > 1 {
            let key = &page.source.key;
            v.translations = super::context::alternates(site, locales, lang, |l| {
                listings.pager_of(key, l, n).map(|x| x.url.clone())
            });
            v.permalink = format!("{}{url}", site.config.base_url);
            v.url = url.clone();
        }
        out.push((url, v.to_value()));
    }
    out
}

/// A count of pages in `lang`'s words ("3 pages").
fn count_text(locales: &Locales, lang: &str, count: usize) -> String {
    let n = crate::load::locale::Arg::Number(count as f64);
    locales
        .get(lang)
        .and_then(|x| x.message("taxonomy-count", &[("count", n)]).ok())
        .unwrap_or_default()
}

/// The `page` value of a taxonomy's list page or of a term's page.
pub(crate) fn listed_value(
    site: &Site,
    locales: &Locales,
    listings: &Listings,
    listed: &Listed,
) -> serde_json::Value {
    use serde_json::json;
    let config = &site.config;
    let (lang, d) = (&listed.lang, &config.default_language);
    let name = match &listed.kind {
        Kind::Taxonomy { name } | Kind::Term { name, .. } => name.as_str(),
        Kind::Pager { .. } => "",
    };
    let Some(tax) = config.taxonomies.get(name) else {
        return json!({});
    };
    let alts = super::context::alternates(site, locales, lang, |l| {
        listings
            .translations(listed)
            .into_iter()
            .find(|x| x.lang == l)
            .map(|x| x.url.clone())
    });
    let mut value = json!({
        "url": listed.url,
        "permalink": format!("{}{}", config.base_url, listed.url),
        "lang": lang,
        "translations": alts,
        "extra": {},
        "has_code": false,
        "taxonomy": {"key": name, "name": tax.name.get(lang, d), "url": taxonomy_url(site, name, lang)},
    });
    let more = match &listed.kind {
        Kind::Taxonomy { .. } => taxonomy_fields(site, locales, listings, (name, lang)),
        Kind::Term { term, number, .. } => {
            term_fields(site, locales, listings, (name, term, lang), *number)
        }
        Kind::Pager { .. } => json!({}),
    };
    if let (serde_json::Value::Object(m), serde_json::Value::Object(add)) = (&mut value, more) {
        m.extend(add);
    }
    value
}

/// The home page's entry, the first of every listing page's breadcrumbs.
fn home_crumb(site: &Site, lang: &str) -> Vec<serde_json::Value> {
    site.get("_index", lang)
        .map(|h| super::context::summary(site, h))
        .and_then(|s| serde_json::to_value(s).ok())
        .into_iter()
        .collect()
}

/// What a taxonomy's list page shows: its terms in `lang` that have pages, by label.
fn taxonomy_fields(
    site: &Site,
    locales: &Locales,
    listings: &Listings,
    (name, lang): (&str, &str),
) -> serde_json::Value {
    use serde_json::json;
    let config = &site.config;
    let d = &config.default_language;
    let Some(tax) = config.taxonomies.get(name) else {
        return json!({});
    };
    let tax_name = tax.name.get(lang, d);
    let mut terms: Vec<(String, serde_json::Value)> = tax
        .terms
        .iter()
        .filter_map(|(key, label)| {
            let id = (name.to_string(), key.clone(), lang.to_string());
            let count = listings.terms.get(&id)?.len();
            let label = label.get(lang, d).to_string();
            let entry = json!({
                "key": key,
                "label": label,
                "url": term_url(site, name, key, lang),
                "count": count,
                "count_text": count_text(locales, lang, count),
            });
            Some((label, entry))
        })
        .collect();
    terms.sort_by(|a, b| a.0.cmp(&b.0));
    json!({
        "kind": "taxonomy",
        "title": tax_name,
        "description": format!("{tax_name} — {}", config.title.get(lang, d)),
        "ancestors": home_crumb(site, lang),
        "terms": terms.into_iter().map(|t| t.1).collect::<Vec<_>>(),
    })
}

/// What page `number` of a term's pages in `lang` shows.
fn term_fields(
    site: &Site,
    locales: &Locales,
    listings: &Listings,
    (name, term, lang): (&str, &str, &str),
    number: usize,
) -> serde_json::Value {
    use serde_json::json;
    let config = &site.config;
    let d = &config.default_language;
    let Some(tax) = config.taxonomies.get(name) else {
        return json!({});
    };
    let tax_name = tax.name.get(lang, d);
    let label = tax.terms.get(term).map_or(term, |l| l.get(lang, d));
    let id = (name.to_string(), term.to_string(), lang.to_string());
    let pages = listings.terms.get(&id).cloned().unwrap_or_default();
    let per = tax.paginate_by.unwrap_or(usize::MAX);
    let base = term_url(site, name, term, lang);
    let shown: Vec<_> = pages[slice(pages.len(), per, number)]
        .iter()
        .map(|&i| super::context::summary(site, &site.pages[i]))
        .collect();
    let mut ancestors = home_crumb(site, lang);
    ancestors.push(json!({"title": tax_name, "url": taxonomy_url(site, name, lang)}));
    let pager = tax
        .paginate_by
        .map(|_| paginator(&base, listings.segment(lang), (pages.len(), per), number));
    json!({
        "kind": "term",
        "title": label,
        "description": format!("{label} — {tax_name}"),
        "ancestors": ancestors,
        "pages": shown,
        "count_text": count_text(locales, lang, pages.len()),
        "paginator": pager,
        "feed": (tax.feed && number == 1).then(|| format!("{base}atom.xml")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_segments_drop_apostrophes_and_fall_back_to_the_key() {
        assert_eq!(label_segment("Children's rights", "x"), "childrens-rights");
        assert_eq!(label_segment("Uşaq hüquqları", "x"), "usaq-huquqlari");
        assert_eq!(label_segment("Права детей", "x"), "prava-detei");
        assert_eq!(label_segment("!!", "key"), "key");
    }

    #[test]
    fn page_one_is_the_list_itself_and_later_pages_use_the_segment() {
        assert_eq!(pager_url("/xeberler/", "sehife", 1), "/xeberler/");
        assert_eq!(pager_url("/xeberler/", "sehife", 2), "/xeberler/sehife/2/");
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(10, 10), 1);
        assert_eq!(page_count(11, 10), 2);
        assert_eq!(slice(11, 10, 2), 10..11);
        assert_eq!(slice(3, 10, 1), 0..3);
    }

    #[test]
    fn the_paginator_links_neighbours_and_every_page() {
        let p = paginator("/en/news/", "page", (25, 10), 2);
        assert_eq!(p.total_pages, 3);
        assert_eq!(p.previous.as_deref(), Some("/en/news/"));
        assert_eq!(p.next.as_deref(), Some("/en/news/page/3/"));
        assert_eq!(p.pages.iter().filter(|l| l.current).count(), 1);
        let last = paginator("/en/news/", "page", (25, 10), 3);
        assert_eq!(last.next, None);
    }
}
