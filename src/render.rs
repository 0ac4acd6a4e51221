//! Render: fill link slots and apply the theme's templates to every page.
//!
//! Templates get small, precomputed values (the language's site data and
//! menu, the page, its listing), never the whole site.

use crate::diagnostic::Diagnostic;
use crate::highlight::escape_attr;
use crate::images::{self, Pictures};
use crate::locale::Locales;
use crate::markdown::SLOT_PREFIX;
use crate::site::{Page, Site};
pub use crate::templates::Summary;
use crate::templates::{error_chain, LocaleHandle, TemplateData, Theme};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use tera::{Context, Tera};

/// A translation's entry in the language switcher.
#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    /// Language code.
    pub lang: String,
    /// The language's own name.
    pub name: String,
    /// Where the switcher leads: the translation, or that language's home page.
    pub url: String,
    /// Absolute URL of `url`.
    pub permalink: String,
    /// False when the page has no translation and `url` is the home page.
    pub exists: bool,
    /// True for the page's own language.
    pub current: bool,
    /// Open Graph locale of the language (`az_AZ`).
    pub og_locale: String,
}

/// The description of a page: its own, else its first paragraph, else the site's.
pub fn description(site: &Site, page: &Page) -> String {
    page.source
        .front
        .description
        .clone()
        .filter(|d| !d.is_empty())
        .or_else(|| Some(page.source.doc.summary.clone()).filter(|s| !s.is_empty()))
        .unwrap_or_else(|| {
            site.config
                .description
                .as_ref()
                .map(|d| {
                    d.get(&page.source.lang, &site.config.default_language)
                        .to_string()
                })
                .unwrap_or_default()
        })
}

/// The listing entry of a page.
pub fn summary(site: &Site, page: &Page) -> Summary {
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

/// Replaces `ocaq-link:N` slots in `href`/`src` with the resolved URLs.
pub fn fill_slots(html: &str, urls: &[String]) -> String {
    if urls.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + urls.len() * 16);
    let mut rest = html;
    while let Some(pos) = rest.find(SLOT_PREFIX) {
        // Only a slot that is a whole attribute value counts, so text can never be rewritten.
        let is_attr = rest[..pos].ends_with("=\"");
        out.push_str(&rest[..pos]);
        let after = &rest[pos + SLOT_PREFIX.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        match after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|n| urls.get(n))
        {
            Some(url) if is_attr && after[digits..].starts_with('"') => {
                out.push_str(&escape_attr(url));
                rest = &after[digits..];
            }
            _ => {
                out.push_str(SLOT_PREFIX);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Per-language values shared by every page of that language.
pub struct LanguageData {
    /// Tera with this language's functions.
    pub tera: Tera,
    /// `site` object for templates.
    pub site: Value,
    /// Navigation menu.
    pub menu: Vec<Summary>,
    /// `partials/menu.html` as rendered for each menu state (which entry is current or
    /// active), when the theme has that partial.
    menu_html: Option<std::sync::Mutex<HashMap<Vec<MenuPlace>, String>>>,
}

/// The theme partial rendered once per language and menu state, given to pages as `menu_html`.
pub const MENU_PARTIAL: &str = "partials/menu.html";

/// Builds the menu of a language: top-level pages and sections that have a weight.
fn menu(site: &Site, lang: &str) -> Vec<Summary> {
    let Some(home) = site.index.get(&("_index".to_string(), lang.to_string())) else {
        return Vec::new();
    };
    let home = &site.pages[*home];
    let mut items: Vec<Summary> = home
        .children
        .iter()
        .map(|&i| &site.pages[i])
        .filter(|p| p.source.front.weight.is_some())
        .map(|p| summary(site, p))
        .collect();
    items.sort_by_key(|s| s.weight);
    items
}

/// The template data every language shares: page summaries and static files.
pub fn template_data(
    site: &Site,
    assets: std::collections::BTreeMap<String, String>,
) -> TemplateData {
    TemplateData {
        assets,
        summaries: site
            .pages
            .par_iter()
            .map(|p| Arc::new(summary(site, p)))
            .collect(),
        index: Arc::new(site.index.clone()),
        children: section_children(site),
    }
}

/// The same template data with the summaries of the pages at `changed` made again.
pub fn template_data_changed(site: &Site, old: &TemplateData, changed: &[usize]) -> TemplateData {
    let mut summaries = old.summaries.clone();
    for &i in changed {
        if let (Some(slot), Some(p)) = (summaries.get_mut(i), site.pages.get(i)) {
            *slot = Arc::new(summary(site, p));
        }
    }
    TemplateData {
        assets: old.assets.clone(),
        summaries,
        index: old.index.clone(),
        children: section_children(site),
    }
}

fn section_children(site: &Site) -> HashMap<usize, Vec<usize>> {
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.source.is_section)
        .map(|(i, p)| (i, p.children.clone()))
        .collect()
}

/// Prepares each language's templates and shared values.
pub fn languages(
    site: &Site,
    theme: &Theme,
    locales: &Arc<Locales>,
    data: &Arc<TemplateData>,
) -> HashMap<String, LanguageData> {
    let config = &site.config;
    let langs: Vec<Value> = config
        .languages
        .iter()
        .map(|l| {
            let name = locales
                .get(l)
                .map(|x| x.text("language-name"))
                .unwrap_or_default();
            json!({"code": l, "name": name, "url": config.language_root(l)})
        })
        .collect();
    let mut out = HashMap::new();
    for lang in &config.languages {
        let Some(handle) = LocaleHandle::new(locales.clone(), lang) else {
            continue;
        };
        let tera = theme.for_language(Arc::new(handle), data.clone());
        let d = &config.default_language;
        let site_value = json!({
            "title": config.title.get(lang, d),
            "description": config.description.as_ref().map(|x| x.get(lang, d)).unwrap_or(""),
            "base_url": config.base_url,
            "lang": lang,
            "default_language": d,
            "languages": langs,
            "home_url": config.language_root(lang),
            "contact": {
                "address": config.contact.address.as_ref().map(|a| a.get(lang, d)),
                "phone": config.contact.phone,
                "email": config.contact.email,
            },
            "donate": {
                "url": config.donate.url,
                "account": config.donate.account.as_ref().map(|a| a.get(lang, d)),
                "bank": config.donate.bank.as_ref().map(|a| a.get(lang, d)),
                "tax_number": config.donate.tax_number,
                "iban": config.donate.iban,
                "swift": config.donate.swift,
            },
            "social": config.social,
            "extra": config.extra,
        });
        let mut site_value = site_value;
        if let Value::Object(m) = &mut site_value {
            m.insert("json_ld".into(), Value::String(json_ld(site, lang)));
        }
        let menu = menu(site, lang);
        out.insert(
            lang.clone(),
            LanguageData {
                tera,
                site: site_value,
                menu,
                menu_html: theme.has(MENU_PARTIAL).then(Default::default),
            },
        );
    }
    out
}

/// Structured data about the organisation (schema.org `NGO`), safe inside `<script>`.
///
/// `extra.json_ld` in site.yaml adds or overrides properties (founding date, membership).
pub fn json_ld(site: &Site, lang: &str) -> String {
    let config = &site.config;
    let d = &config.default_language;
    let mut obj = serde_json::Map::new();
    obj.insert("@context".into(), json!("https://schema.org"));
    obj.insert("@type".into(), json!("NGO"));
    obj.insert("name".into(), json!(config.title.get(lang, d)));
    obj.insert(
        "url".into(),
        json!(format!("{}{}", config.base_url, config.language_root(lang))),
    );
    if let Some(desc) = &config.description {
        obj.insert("description".into(), json!(desc.get(lang, d)));
    }
    if let Some(Value::Object(extra)) = config.extra.get("json_ld") {
        for (k, v) in extra {
            obj.insert(k.clone(), v.clone());
        }
    }
    // `</script>` inside the data would end the element early.
    Value::Object(obj)
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The template a page uses.
pub fn template_name(page: &Page) -> String {
    match &page.source.front.template {
        Some(t) => t.value.clone(),
        None if page.is_home() => "home.html".into(),
        None if page.source.is_section => "section.html".into(),
        None => "page.html".into(),
    }
}

/// Renders one page to its HTML; `pictures` are the copies made of the photos it shows.
pub fn render_page(
    site: &Site,
    page: &Page,
    lang_data: &LanguageData,
    locales: &Locales,
    theme: &Theme,
    body_html: &str,
    pictures: &Pictures,
) -> Result<String, Diagnostic> {
    let config = &site.config;
    let lang = &page.source.lang;
    let template = template_name(page);
    if !theme.has(&template) {
        let (line, column) = page
            .source
            .front
            .template
            .as_ref()
            .map_or((0, 0), |t| (t.line, t.column));
        return Err(Diagnostic::error(
            &page.source.file,
            line,
            column,
            format!("the template `{template}` does not exist in the theme"),
            format!(
                "use one of: {}",
                theme.files.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let translations: Vec<Alternate> = config
        .languages
        .iter()
        .map(|l| {
            let t = site.get(&page.source.key, l);
            let url = t
                .map(|t| t.url.clone())
                .unwrap_or_else(|| config.language_root(l));
            Alternate {
                lang: l.clone(),
                name: locales
                    .get(l)
                    .map(|x| x.text("language-name"))
                    .unwrap_or_default(),
                permalink: format!("{}{}", config.base_url, url),
                url,
                exists: t.is_some(),
                current: l == lang,
                og_locale: locales
                    .get(l)
                    .map(|x| x.text("og-locale"))
                    .unwrap_or_default(),
            }
        })
        .collect();
    let mut ancestors = Vec::new();
    let mut cur = page.parent;
    while let Some(i) = cur {
        ancestors.push(summary(site, &site.pages[i]));
        cur = site.pages[i].parent;
    }
    ancestors.reverse();
    let children: Vec<Summary> = page
        .children
        .iter()
        .map(|&i| summary(site, &site.pages[i]))
        .collect();
    let with_images = images::place(
        body_html,
        &page.source.doc.images,
        &page.link_urls,
        pictures,
    );
    let content = fill_slots(&with_images, &page.link_urls);
    let has_code = content.contains("hl-code") || content.contains("<pre class=\"code");
    let front = &page.source.front;
    let mut page_value = json!({
        "key": page.source.key,
        "title": front.title,
        "description": description(site, page),
        "url": page.url,
        "permalink": format!("{}{}", config.base_url, page.url),
        "lang": lang,
        "kind": if page.is_home() { "home" } else if page.source.is_section { "section" } else { "page" },
        "date": front.date.map(|d| d.iso()),
        "updated": front.updated.map(|d| d.iso()),
        "weight": front.weight,
        "image": front.image.as_ref().map(|i| i.value.clone()),
        "image_alt": front.image_alt,
        "extra": front.extra,
        "headings": page.source.doc.headings,
        "translations": translations,
        "ancestors": ancestors,
        "pages": children,
        "has_code": has_code,
        "feed": if page.source.is_section && front.extra.get("feed").and_then(Value::as_bool) == Some(true) {
            Some(format!("{}atom.xml", page.url))
        } else { None },
    });
    // Moved in, not copied through `json!`: it is most of the page.
    if let Value::Object(m) = &mut page_value {
        m.insert("content".into(), Value::String(content));
    }
    let menu = menu_html(lang, lang_data, &page.url, theme, &page.source.file)?;
    let cx = context(lang, lang_data, page_value, &page.url, menu);
    lang_data
        .tera
        .render(&template, &cx)
        .map_err(|e| template_error(theme, &template, &page.source.file, &e))
}

/// The menu as one page shows it: each entry knows if it is this page (`current`) or a
/// section this page is in (`active`), so templates need no string tests per entry.
fn menu_for(menu: &[Summary], page_url: &str) -> Value {
    Value::Array(
        menu.iter()
            .map(|s| {
                let mut m = serde_json::Map::new();
                m.insert("key".into(), Value::String(s.key.clone()));
                m.insert("title".into(), Value::String(s.title.clone()));
                m.insert("url".into(), Value::String(s.url.clone()));
                m.insert("weight".into(), s.weight.map_or(Value::Null, Value::from));
                let place = menu_place(page_url, &s.url);
                m.insert("current".into(), Value::Bool(place == MenuPlace::Current));
                m.insert("active".into(), Value::Bool(place == MenuPlace::Active));
                Value::Object(m)
            })
            .collect(),
    )
}

/// Where a page stands relative to a menu entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum MenuPlace {
    /// The entry is another part of the site.
    Elsewhere,
    /// The entry is this page.
    Current,
    /// The entry is a section this page is in.
    Active,
}

/// Where the page at `page_url` stands relative to the menu entry at `entry_url`.
fn menu_place(page_url: &str, entry_url: &str) -> MenuPlace {
    if page_url == entry_url {
        MenuPlace::Current
    } else if page_url.starts_with(entry_url) {
        MenuPlace::Active
    } else {
        MenuPlace::Elsewhere
    }
}

/// `partials/menu.html` for a page at `page_url`: the same for every page in the same menu
/// state, so it is rendered once per state, like Hugo's `partialCached`.
fn menu_html(
    lang: &str,
    lang_data: &LanguageData,
    page_url: &str,
    theme: &Theme,
    page_file: &std::path::Path,
) -> Result<Option<String>, Diagnostic> {
    let Some(cache) = &lang_data.menu_html else {
        return Ok(None);
    };
    let state: Vec<MenuPlace> = lang_data
        .menu
        .iter()
        .map(|s| menu_place(page_url, &s.url))
        .collect();
    if let Some(html) = cache.lock().ok().and_then(|c| c.get(&state).cloned()) {
        return Ok(Some(html));
    }
    let mut m = serde_json::Map::new();
    m.insert("lang".into(), Value::String(lang.to_string()));
    m.insert("site".into(), lang_data.site.clone());
    m.insert("menu".into(), menu_for(&lang_data.menu, page_url));
    let cx = Context::from_value(Value::Object(m)).unwrap_or_default();
    let html = lang_data
        .tera
        .render(MENU_PARTIAL, &cx)
        .map_err(|e| template_error(theme, MENU_PARTIAL, page_file, &e))?;
    if let Ok(mut c) = cache.lock() {
        c.insert(state, html.clone());
    }
    Ok(Some(html))
}

/// The template context: moved in whole, since `Context::insert` would serialise each value again.
fn context(
    lang: &str,
    lang_data: &LanguageData,
    page: Value,
    page_url: &str,
    menu_html: Option<String>,
) -> Context {
    let mut m = serde_json::Map::new();
    if let Some(html) = menu_html {
        m.insert("menu_html".into(), Value::String(html));
    }
    m.insert("lang".into(), Value::String(lang.to_string()));
    m.insert("site".into(), lang_data.site.clone());
    m.insert("menu".into(), menu_for(&lang_data.menu, page_url));
    m.insert("page".into(), page);
    // An object always converts; the fallback is never reached.
    Context::from_value(Value::Object(m)).unwrap_or_default()
}

/// A template failure, told in terms of the template file and the page being built.
pub fn template_error(
    theme: &Theme,
    template: &str,
    page_file: &std::path::Path,
    e: &tera::Error,
) -> Diagnostic {
    let file = theme
        .files
        .get(template)
        .cloned()
        .unwrap_or_else(|| template.into());
    Diagnostic::error(
        file,
        0,
        0,
        format!(
            "the template failed while building {}: {}",
            page_file.display(),
            error_chain(e)
        ),
        "check the variable and function names used in the template",
    )
}

/// Renders the not-found page of a language.
pub fn render_404(
    site: &Site,
    lang: &str,
    lang_data: &LanguageData,
    theme: &Theme,
) -> Result<String, Diagnostic> {
    let config = &site.config;
    let url404 = format!("{}404.html", config.language_root(lang));
    let page_value = json!({
        "title": "404",
        "url": url404,
        "permalink": format!("{}{}404.html", config.base_url, config.language_root(lang)),
        "lang": lang,
        "kind": "404",
        "translations": [],
        "ancestors": [],
        "pages": [],
        "extra": {},
    });
    let menu = menu_html(lang, lang_data, &url404, theme, Path::new("404.html"))?;
    let cx = context(lang, lang_data, page_value, &url404, menu);
    lang_data
        .tera
        .render("404.html", &cx)
        .map_err(|e| template_error(theme, "404.html", std::path::Path::new("404.html"), &e))
}

/// A small page that sends readers from an old address to the new one.
pub fn alias_page(lang: &str, target_permalink: &str) -> String {
    let t = escape_attr(target_permalink);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n<link rel=\"canonical\" href=\"{t}\">\n<meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n</head>\n<body>\n<p><a href=\"{t}\">{t}</a></p>\n</body>\n</html>\n",
        lang = escape_attr(lang)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_filled_only_inside_attributes() {
        let html = "<a href=\"ocaq-link:1\">x</a> ocaq-link:0 <img src=\"ocaq-link:0\">";
        let urls = vec!["/a/".to_string(), "/b/?x=1&y=2".to_string()];
        assert_eq!(
            fill_slots(html, &urls),
            "<a href=\"/b/?x=1&amp;y=2\">x</a> ocaq-link:0 <img src=\"/a/\">"
        );
    }

    #[test]
    fn alias_pages_redirect_and_escape_the_target() {
        let html = alias_page("en", "https://e.org/en/a\"b/");
        assert!(html.contains("url=https://e.org/en/a&quot;b/"));
        assert!(html.contains("<html lang=\"en\">"));
    }
}
