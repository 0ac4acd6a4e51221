//! What a template sees for one page: `page` (its text, dates, translations,
//! ancestors and listing), `site`, `lang`, the menu. Templates get small,
//! precomputed values, never the whole site.

use super::functions::{Summary, TemplateData};
use super::language::LanguageData;
use crate::diagnostic::Diagnostic;
use crate::load::locale::Locales;
use crate::load::theme::Theme;
use crate::markdown::Heading;
use crate::resolve::{Page, Site};
use serde::Serialize;
use serde_json::{json, Value};
use std::path::Path;
use tera::Context;

/// A translation's entry in the language switcher.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Alternate {
    /// Language code.
    lang: String,
    /// The language's own name.
    name: String,
    /// Where the switcher leads: the translation, or that language's home page.
    url: String,
    /// Absolute URL of `url`.
    permalink: String,
    /// False when the page has no translation and `url` is the home page.
    exists: bool,
    /// True for the page's own language.
    current: bool,
    /// Open Graph locale of the language (`az_AZ`).
    og_locale: String,
}

/// The description of a page: its own, else its first paragraph, else the site's.
pub(crate) fn description(site: &Site, page: &Page) -> String {
    match page.source.own_description() {
        Some(d) => d.to_string(),
        None => site
            .config
            .description
            .as_ref()
            .map(|d| {
                d.get(&page.source.lang, &site.config.default_language)
                    .to_string()
            })
            .unwrap_or_default(),
    }
}

/// What lists and feeds say about a page: its summary (the text before `<!-- more -->`,
/// else its description, else its first paragraph), else the site's description.
pub(crate) fn listing_text(site: &Site, page: &Page) -> String {
    match page.source.summary_text() {
        Some(s) => s.to_string(),
        None => description(site, page),
    }
}

/// The listing entry of a page.
pub(crate) fn summary(site: &Site, page: &Page) -> Summary {
    Summary::new(
        page.source.clone(),
        (&site.config.base_url, &page.url),
        || description(site, page),
    )
}

/// The template a page uses.
pub(crate) fn template_name(page: &Page) -> String {
    match &page.source.front.rare().template {
        Some(t) => t.value.clone(),
        None if page.is_home() => "home.html".into(),
        None if page.source.is_section => "section.html".into(),
        None => "page.html".into(),
    }
}

/// The error for a page whose `template:` names a template the theme does not have.
pub(crate) fn unknown_template(page: &Page, template: &str, theme: &Theme) -> Diagnostic {
    let (line, column) = page
        .source
        .front
        .rare()
        .template
        .as_ref()
        .map_or((0, 0), |t| (t.line, t.column));
    Diagnostic::error(
        &page.source.file,
        line,
        column,
        format!("the template `{template}` does not exist in the theme"),
        format!(
            "use one of: {}",
            theme.sources.keys().cloned().collect::<Vec<_>>().join(", ")
        ),
    )
}

/// The language switcher's entries: every site language, the translation or that
/// language's home page.
fn translations(site: &Site, page: &Page, locales: &Locales) -> Vec<Alternate> {
    alternates(site, locales, &page.source.lang, |l| {
        site.get(&page.source.key, l).map(|t| t.url.clone())
    })
}

/// The language switcher's entries for a page in `lang` whose version in each
/// language is at `url_in(lang)`, if it has one there (else that language's home page).
pub(crate) fn alternates(
    site: &Site,
    locales: &Locales,
    lang: &str,
    url_in: impl Fn(&str) -> Option<String>,
) -> Vec<Alternate> {
    let config = &site.config;
    let text = |l: &str, key: &str| locales.get(l).map(|x| x.text(key)).unwrap_or_default();
    config
        .languages
        .iter()
        .map(|l| {
            let own = url_in(l);
            let exists = own.is_some();
            let url = own.unwrap_or_else(|| config.language_root(l));
            Alternate {
                lang: l.clone(),
                name: text(l, "language-name"),
                permalink: format!("{}{}", config.base_url, url),
                url,
                exists,
                current: *l == lang,
                og_locale: text(l, "og-locale"),
            }
        })
        .collect()
}

/// One entry of a page's table of contents, with the headings under it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub(crate) struct TocEntry {
    /// 1..=6.
    level: u8,
    /// The heading's id, the same the page's own links use.
    id: String,
    /// The heading's text.
    text: String,
    /// The headings directly under this one.
    children: Vec<TocEntry>,
}

/// The headings of a page, nested: each under the nearest heading above it of a
/// higher level.
pub(crate) fn toc(headings: &[Heading]) -> Vec<TocEntry> {
    fn place(into: &mut Vec<TocEntry>, e: TocEntry) {
        match into.last_mut() {
            Some(last) if last.level < e.level => place(&mut last.children, e),
            _ => into.push(e),
        }
    }
    let mut out = Vec::new();
    for h in headings {
        place(
            &mut out,
            TocEntry {
                level: h.level,
                id: h.id.clone(),
                text: h.text.clone(),
                children: Vec::new(),
            },
        );
    }
    out
}

/// Words of a long page (about two minutes' reading): it shows its reading time.
const TOC_WORDS: usize = 400;

/// True for a page long enough for a table of contents: four sections or more, or
/// three on a long page. On a phone, fewer are all on the first screen anyway.
fn shows_toc(page: &Page, headings: &[Heading]) -> bool {
    let sections = headings.iter().filter(|h| h.level == 2).count();
    sections >= 4 || (sections == 3 && page.source.doc.words >= TOC_WORDS)
}

/// Word count and reading time of a page in its language: `{words, minutes, text}`.
fn reading(page: &Page, locales: &Locales) -> Value {
    let words = page.source.doc.words;
    let Some(locale) = locales.get(&page.source.lang) else {
        return json!({"words": words});
    };
    let per_minute: usize = locale
        .text("reading-words-per-minute")
        .trim()
        .parse()
        .unwrap_or(200)
        .max(1);
    let minutes = words.div_ceil(per_minute).max(1);
    let text = locale
        .message(
            "reading-time",
            &[("minutes", crate::load::locale::Arg::Number(minutes as f64))],
        )
        .unwrap_or_default();
    json!({"words": words, "minutes": minutes, "text": text, "shown": words >= TOC_WORDS})
}

/// The terms a page lists, per taxonomy, with their labels and pages in its language.
fn page_terms(site: &Site, page: &Page) -> Value {
    let config = &site.config;
    let lang = &page.source.lang;
    let mut out = serde_json::Map::new();
    for (name, terms) in &page.source.front.taxonomies {
        let Some(tax) = config.taxonomies.get(name) else {
            continue;
        };
        let list: Vec<Value> = terms
            .iter()
            .filter_map(|t| {
                let label = tax.terms.get(&t.value)?;
                Some(json!({
                    "key": t.value,
                    "label": label.get(lang, &config.default_language),
                    "url": super::listing::term_url(site, name, &t.value, lang),
                }))
            })
            .collect();
        out.insert(
            name.clone(),
            json!({"name": tax.name.get(lang, &config.default_language), "terms": list}),
        );
    }
    Value::Object(out)
}

/// The sections above a page, the home page first.
fn ancestors(site: &Site, data: &TemplateData, page: &Page) -> Vec<tera::Value> {
    let mut out = Vec::new();
    let mut cur = page.parent;
    while let Some(i) = cur {
        out.extend(data.value(i));
        cur = site.pages[i].parent;
    }
    out.reverse();
    out
}

/// The `page` value of a page's template. Serialized straight into the template's
/// value: built as JSON first, every page's value was made twice (5% of a build's
/// instructions).
///
/// Fields in name order, the order the JSON object had, so a theme that walks
/// `page` sees its keys as before.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct PageValue<'a> {
    /// The sections above the page, the home page first (values shared by every page).
    ancestors: Vec<tera::Value>,
    /// The components the page shows, each once, by name.
    components: Vec<&'a str>,
    /// The page's HTML: most of the value, moved in.
    content: String,
    /// How many pages the section lists.
    count: usize,
    /// ISO date, as precise as written.
    date: Option<String>,
    /// Its own description, else the site's.
    description: String,
    /// The front matter's free `extra` map.
    extra: &'a serde_json::Map<String, Value>,
    /// The section's Atom feed, when it has one.
    feed: Option<String>,
    /// True when the page shows a code block (the theme loads its stylesheet).
    has_code: bool,
    /// Headings in order.
    headings: Vec<Heading>,
    /// Social-card and listing image.
    image: Option<&'a str>,
    /// Text alternative of `image`.
    image_alt: Option<&'a str>,
    /// Content key, shared by translations.
    key: &'a str,
    /// `home`, `section` or `page`.
    kind: &'static str,
    /// Language code.
    lang: &'a str,
    /// The pages a section lists (this page's share, when paginated).
    pub(crate) pages: Vec<Summary>,
    /// Only on the pages of a paginated list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) paginator: Option<super::listing::Paginator>,
    /// Absolute URL.
    pub(crate) permalink: String,
    /// Word count and reading time.
    reading: Value,
    /// True when the page is long enough for a table of contents.
    show_toc: bool,
    /// The text before `<!-- more -->`, when there is one.
    summary: Option<&'a str>,
    /// The terms the page lists, per taxonomy.
    taxonomies: Value,
    /// Title.
    title: &'a str,
    /// The headings, nested.
    toc: Vec<TocEntry>,
    /// The language switcher's entries.
    pub(crate) translations: Vec<Alternate>,
    /// ISO date of the last update.
    updated: Option<String>,
    /// Site path.
    pub(crate) url: String,
    /// Order among siblings.
    weight: Option<i64>,
}

impl PageValue<'_> {
    /// The template's value.
    pub(crate) fn to_value(&self) -> tera::Value {
        tera::Value::from_serializable(self)
    }
}

/// The `page` value of a page's template, with its `content` HTML moved in.
pub(crate) fn page_value<'a>(
    (site, data): (&Site, &TemplateData),
    page: &'a Page,
    locales: &Locales,
    (content, headings): (String, Vec<Heading>),
) -> PageValue<'a> {
    let config = &site.config;
    let children: Vec<Summary> = page
        .children
        .iter()
        .map(|&i| summary(site, &site.pages[i]))
        .collect();
    // Every block the highlighter writes starts so, highlighted or not.
    let has_code = content.contains("<pre class=\"code");
    let source = &page.source;
    let front = &source.front;
    let kind = if page.is_home() {
        "home"
    } else if source.is_section {
        "section"
    } else {
        "page"
    };
    PageValue {
        ancestors: ancestors(site, data, page),
        components: component_names(page),
        content,
        count: children.len(),
        date: front.date.map(|d| d.iso()),
        description: description(site, page),
        extra: &front.extra,
        feed: page.feed_url(),
        has_code,
        show_toc: shows_toc(page, &headings),
        toc: toc(&headings),
        headings,
        image: front.image.as_ref().map(|i| i.value.as_str()),
        image_alt: front.rare().image_alt.as_deref(),
        key: &source.key,
        kind,
        lang: &source.lang,
        pages: children,
        paginator: None,
        permalink: format!("{}{}", config.base_url, page.url),
        reading: reading(page, locales),
        summary: source.summary_text(),
        taxonomies: page_terms(site, page),
        title: &front.title,
        translations: translations(site, page, locales),
        updated: front.updated.map(|d| d.iso()),
        url: page.url.clone(),
        weight: front.weight,
    }
}

/// The `page` value of a language's not-found page.
pub(crate) fn not_found_value(site: &Site, lang: &str) -> Value {
    let config = &site.config;
    json!({
        "title": "404",
        "url": not_found_url(site, lang),
        "permalink": format!("{}{}404.html", config.base_url, config.language_root(lang)),
        "lang": lang,
        "kind": "404",
        "translations": [],
        "ancestors": [],
        "pages": [],
        "extra": {},
    })
}

/// The site path of a language's not-found page.
pub(crate) fn not_found_url(site: &Site, lang: &str) -> String {
    format!("{}404.html", site.config.language_root(lang))
}

/// The components a page shows, each once, in name order (a theme loads a
/// component's script only on the pages that need it).
fn component_names(page: &Page) -> Vec<&str> {
    let names: std::collections::BTreeSet<&str> = page
        .source
        .doc
        .components
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    names.into_iter().collect()
}

/// Renders `template` for the page at `page_url` (in `lang`) with its `page` value;
/// `file` is the page's file, for messages.
pub(crate) fn render(
    lang_data: &LanguageData,
    theme: &Theme,
    template: &str,
    (_lang, page_url, file): (&str, &str, &Path),
    page: tera::Value,
) -> Result<Vec<u8>, Diagnostic> {
    let fail = |e: tera::Error| template_failure(theme, &e, file);
    let (menu_html, menu) = lang_data
        .menu
        .for_page(&lang_data.tera, page_url)
        .map_err(fail)?;
    // `site` and `lang` are in the language's global context.
    let mut cx = Context::new();
    if let Some(html) = menu_html {
        cx.insert_value("menu_html", tera::Value::from(html));
    }
    cx.insert_value("menu", menu);
    cx.insert_value("page", page);
    // Written as bytes: published as bytes, so Tera need not check the page is UTF-8
    // (2% of a build). Room for a usual page before the minifier.
    let mut html = Vec::with_capacity(16 * 1024);
    lang_data
        .tera
        .render_to(template, &cx, &mut html)
        .map_err(fail)?;
    Ok(html)
}

/// A template failure, told at its place in the template and noting the page
/// being built (`page_file`): the collector reports one mistake once, with its pages.
pub(crate) fn template_failure(theme: &Theme, e: &tera::Error, page_file: &Path) -> Diagnostic {
    let folder = theme.file_of("base.html");
    let folder = folder.parent().unwrap_or(Path::new("templates"));
    let mut found = crate::templates::diagnostics(e, &theme.sources, folder);
    let diagnostic = if found.is_empty() {
        Diagnostic::error(folder, 0, 0, e.to_string(), "check the template")
    } else {
        found.swap_remove(0)
    };
    diagnostic.on_page(page_file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Heading;

    fn h(level: u8, id: &str) -> Heading {
        Heading {
            level,
            id: id.into(),
            text: id.into(),
        }
    }

    #[test]
    fn the_toc_nests_headings_under_the_nearest_higher_one() {
        let t = toc(&[
            h(2, "a"),
            h(3, "a1"),
            h(4, "a1x"),
            h(3, "a2"),
            h(2, "b"),
            h(3, "b1"),
        ]);
        let shape: Vec<(String, Vec<String>)> = t
            .iter()
            .map(|e| {
                (
                    e.id.clone(),
                    e.children.iter().map(|c| c.id.clone()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                ("a".to_string(), vec!["a1".to_string(), "a2".to_string()]),
                ("b".to_string(), vec!["b1".to_string()])
            ]
        );
        assert_eq!(t[0].children[0].children[0].id, "a1x");
        // A page starting at a lower level keeps it at the top.
        assert_eq!(toc(&[h(3, "x"), h(2, "y")]).len(), 2);
    }
}
