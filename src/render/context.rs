//! What a template sees for one page: `page` (its text, dates, translations,
//! ancestors and listing), `site`, `lang`, the menu. Templates get small,
//! precomputed values, never the whole site.

use super::functions::Summary;
use super::language::LanguageData;
use crate::diagnostic::Diagnostic;
use crate::load::locale::Locales;
use crate::load::theme::Theme;
use crate::resolve::{Page, Site};
use serde::Serialize;
use serde_json::json;
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

/// The listing entry of a page.
pub(crate) fn summary(site: &Site, page: &Page) -> Summary {
    Summary {
        key: page.source.key.clone(),
        title: page.source.front.title.clone(),
        url: page.url.clone(),
        permalink: format!("{}{}", site.config.base_url, page.url),
        description: description(site, page),
        date: page.source.front.date.map(|d| d.iso()),
        weight: page.source.front.weight,
        is_section: page.source.is_section,
        extra: page.source.front.extra.clone(),
    }
}

/// The template a page uses.
pub(crate) fn template_name(page: &Page) -> String {
    match &page.source.front.template {
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
    let config = &site.config;
    let text = |l: &str, key: &str| locales.get(l).map(|x| x.text(key)).unwrap_or_default();
    config
        .languages
        .iter()
        .map(|l| {
            let t = site.get(&page.source.key, l);
            let url = t
                .map(|t| t.url.clone())
                .unwrap_or_else(|| config.language_root(l));
            Alternate {
                lang: l.clone(),
                name: text(l, "language-name"),
                permalink: format!("{}{}", config.base_url, url),
                url,
                exists: t.is_some(),
                current: *l == page.source.lang,
                og_locale: text(l, "og-locale"),
            }
        })
        .collect()
}

/// The sections above a page, the home page first.
fn ancestors(site: &Site, page: &Page) -> Vec<Summary> {
    let mut out = Vec::new();
    let mut cur = page.parent;
    while let Some(i) = cur {
        out.push(summary(site, &site.pages[i]));
        cur = site.pages[i].parent;
    }
    out.reverse();
    out
}

/// A value as a template sees it.
fn value<T: Serialize + ?Sized>(v: &T) -> tera::Value {
    tera::Value::from_serializable(v)
}

/// The `page` value of a page's template, with its `content` HTML moved in.
///
/// Built as a template value directly: going through JSON would copy the content twice.
pub(crate) fn page_value(
    site: &Site,
    page: &Page,
    locales: &Locales,
    content: String,
) -> tera::Value {
    let config = &site.config;
    let children: Vec<Summary> = page
        .children
        .iter()
        .map(|&i| summary(site, &site.pages[i]))
        .collect();
    let has_code = content.contains("hl-code") || content.contains("<pre class=\"code");
    let front = &page.source.front;
    let kind = if page.is_home() {
        "home"
    } else if page.source.is_section {
        "section"
    } else {
        "page"
    };
    let mut m = tera::Map::default();
    let mut put = |k: &'static str, v: tera::Value| {
        m.insert(k.into(), v);
    };
    put("key", page.source.key.as_str().into());
    put("title", front.title.as_str().into());
    put("description", description(site, page).into());
    put("url", page.url.as_str().into());
    put(
        "permalink",
        format!("{}{}", config.base_url, page.url).into(),
    );
    put("lang", page.source.lang.as_str().into());
    put("kind", kind.into());
    put("date", front.date.map(|d| d.iso()).into());
    put("updated", front.updated.map(|d| d.iso()).into());
    put("weight", front.weight.into());
    put(
        "image",
        front.image.as_ref().map(|i| i.value.clone()).into(),
    );
    put("image_alt", value(&front.image_alt));
    put("extra", value(&front.extra));
    put("headings", value(&page.source.doc.headings));
    put("translations", value(&translations(site, page, locales)));
    put("ancestors", value(&ancestors(site, page)));
    put("pages", value(&children));
    put("has_code", has_code.into());
    put("feed", page.feed_url().into());
    put("content", content.into());
    m.into()
}

/// The `page` value of a language's not-found page.
pub(crate) fn not_found_value(site: &Site, lang: &str) -> tera::Value {
    let config = &site.config;
    value(&json!({
        "title": "404",
        "url": not_found_url(site, lang),
        "permalink": format!("{}{}404.html", config.base_url, config.language_root(lang)),
        "lang": lang,
        "kind": "404",
        "translations": [],
        "ancestors": [],
        "pages": [],
        "extra": {},
    }))
}

/// The site path of a language's not-found page.
pub(crate) fn not_found_url(site: &Site, lang: &str) -> String {
    format!("{}404.html", site.config.language_root(lang))
}

/// Renders `template` for the page at `page_url` (in `lang`) with its `page` value;
/// `file` is the page's file, for messages.
pub(crate) fn render(
    lang_data: &LanguageData,
    theme: &Theme,
    template: &str,
    (_lang, page_url, file): (&str, &str, &Path),
    page: tera::Value,
) -> Result<String, Diagnostic> {
    let fail = |e: tera::Error| template_failure(theme, &e, file);
    let menu_html = lang_data
        .menu
        .html(&lang_data.tera, page_url)
        .map_err(fail)?;
    // `site` and `lang` are in the language's global context.
    let mut cx = Context::new();
    if let Some(html) = menu_html {
        cx.insert_value("menu_html", tera::Value::from(html));
    }
    cx.insert_value("menu", lang_data.menu.for_page(page_url));
    cx.insert_value("page", page);
    lang_data.tera.render(template, &cx).map_err(fail)
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
