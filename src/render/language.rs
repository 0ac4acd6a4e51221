//! What every page of one language shares: its copy of the templates with
//! its functions bound, the `site` value templates see, and its menu.

use super::functions::{self, LocaleHandle, TemplateData};
use super::menu::{Menu, MENU_PARTIAL};
use crate::load::locale::Locales;
use crate::load::theme::Theme;
use crate::load::Resources;
use crate::resolve::Site;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use tera::Tera;

/// A JSON value as a template value.
pub(crate) fn to_template(v: &Value) -> tera::Value {
    tera::Value::from_serializable(v)
}

/// Per-language values shared by every page of that language.
pub(crate) struct LanguageData {
    /// Tera with this language's functions, and `site` and `lang` in its global context.
    pub(crate) tera: Tera,
    /// Navigation menu.
    pub(crate) menu: Menu,
}

/// Prepares each language's templates and shared values.
pub(crate) fn languages(
    site: &Site,
    resources: &Resources,
    data: &Arc<TemplateData>,
) -> HashMap<String, LanguageData> {
    let (theme, locales, data_files) = (&resources.theme, &resources.locales, &resources.data);
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
        let mut tera = functions::for_language(theme, Arc::new(handle), data.clone());
        let search = search_url(site, theme, locales, lang);
        let site_value = to_template(&site_value(site, lang, &langs, search));
        // Every page of the language sees the same two, so they are set once.
        tera.global_context().insert_value("site", site_value);
        tera.global_context().insert("lang", lang);
        tera.global_context()
            .insert_value("data", to_template(&data_files.for_lang(lang)));
        out.insert(
            lang.clone(),
            LanguageData {
                tera,
                menu: Menu::new(site, lang, theme.has(MENU_PARTIAL)),
            },
        );
    }
    out
}

/// The search page of `lang`, when the theme has one.
fn search_url(site: &Site, theme: &Theme, locales: &Locales, lang: &str) -> Option<String> {
    theme
        .has(super::search::TEMPLATE)
        .then(|| super::search::page_url(site, locales, lang))
}

/// The `site` value templates see in `lang`; `search_url` is its search page, if any.
fn site_value(site: &Site, lang: &str, langs: &[Value], search_url: Option<String>) -> Value {
    let config = &site.config;
    let d = &config.default_language;
    let mut value = json!({
        "title": config.title.get(lang, d),
        "description": config.description.as_ref().map(|x| x.get(lang, d)).unwrap_or(""),
        "base_url": config.base_url,
        "lang": lang,
        "default_language": d,
        "languages": langs,
        "home_url": config.language_root(lang),
        "search_url": search_url,
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
    if let Value::Object(m) = &mut value {
        m.insert("json_ld".into(), Value::String(json_ld(site, lang)));
    }
    value
}

/// Structured data about the organisation (schema.org `NGO`), safe inside `<script>`.
///
/// `extra.json_ld` in site.yaml adds or overrides properties (founding date, membership).
fn json_ld(site: &Site, lang: &str) -> String {
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
