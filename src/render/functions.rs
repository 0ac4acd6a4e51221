//! The functions and filters templates call: `t(key=…)` (the language's
//! strings), `local_date`, `local_number`, `asset(path=…)`, `get_page` and
//! `get_section`. Each language gets its own copy of the compiled templates
//! with these bound to it, so templates never pass the language around.

use crate::date::PartialDate;
use crate::load::locale::{Arg, Locale, Locales};
use crate::load::theme::Theme;
use crate::render::context::summary;
use crate::resolve::Site;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use tera::Tera;

/// A language's copy of the theme's templates, with its strings and the site's data bound.
pub(crate) fn for_language(
    theme: &Theme,
    locale: Arc<LocaleHandle>,
    data: Arc<TemplateData>,
) -> Tera {
    let mut tera = theme.tera().clone();
    let l = locale.clone();
    tera.register_function("t", move |args: &HashMap<String, Value>| {
        translate(&l, args)
    });
    let l = locale.clone();
    tera.register_filter(
        "local_date",
        move |v: &Value, _: &HashMap<String, Value>| {
            let s = v
                .as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v.to_string());
            match PartialDate::parse(&s) {
                Some(d) => Ok(Value::String(l.get().format_date(d))),
                None => Err(tera::Error::msg(format!("`{s}` is not a date"))),
            }
        },
    );
    let l = locale.clone();
    tera.register_filter(
        "local_number",
        move |v: &Value, _: &HashMap<String, Value>| {
            v.as_u64()
                .map(|n| Value::String(l.get().format_number(n)))
                .ok_or_else(|| tera::Error::msg("local_number needs a whole number"))
        },
    );
    let d = data.clone();
    tera.register_function("asset", move |args: &HashMap<String, Value>| {
        let path = args
            .get("path")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("asset() needs path=\"...\""))?;
        d.assets
            .get(path.trim_start_matches('/'))
            .map(|u| Value::String(u.clone()))
            .ok_or_else(|| tera::Error::msg(format!("the theme has no static file `{path}`")))
    });
    let d = data.clone();
    let lang = locale.get().code.clone();
    tera.register_function("get_page", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("get_page() needs key=\"...\""))?;
        let optional = args
            .get("optional")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        match d.page(key.trim_matches('/'), &lang) {
            Some(v) => Ok(v),
            None if optional => Ok(Value::Null),
            None => Err(tera::Error::msg(format!(
                "there is no page `{key}` in language `{lang}`"
            ))),
        }
    });
    let d = data;
    let lang = locale.get().code.clone();
    tera.register_function("get_section", move |args: &HashMap<String, Value>| {
        let key = args
            .get("key")
            .and_then(Value::as_str)
            .ok_or_else(|| tera::Error::msg("get_section() needs key=\"...\""))?;
        let full = if key.ends_with("_index") {
            key.to_string()
        } else {
            format!("{}/_index", key.trim_matches('/'))
        };
        d.section(&full, &lang).ok_or_else(|| {
            tera::Error::msg(format!("there is no section `{key}` in language `{lang}`"))
        })
    });
    tera
}

/// A language's strings, shared by the template functions of that language.
#[derive(Debug)]
pub(crate) struct LocaleHandle {
    locales: Arc<Locales>,
    code: String,
}

impl LocaleHandle {
    /// A handle on `code`'s strings.
    pub(crate) fn new(locales: Arc<Locales>, code: &str) -> Option<Self> {
        locales.get(code)?;
        Some(LocaleHandle {
            locales,
            code: code.to_string(),
        })
    }

    /// The language's strings.
    pub(crate) fn get(&self) -> &Locale {
        // Checked in `new`; the map is never changed afterwards.
        match self.locales.get(&self.code) {
            Some(l) => l,
            None => unreachable!("LocaleHandle::new checked the language"),
        }
    }
}

/// A page's entry in a listing or a menu.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Summary {
    /// Content key.
    pub key: String,
    /// Title.
    pub title: String,
    /// Site path.
    pub url: String,
    /// Absolute URL.
    pub permalink: String,
    /// Description, or the first paragraph.
    pub description: String,
    /// ISO date as precise as given.
    pub date: Option<String>,
    /// Weight.
    pub weight: Option<i64>,
    /// True for sections.
    pub is_section: bool,
    /// Free theme data.
    pub extra: serde_json::Map<String, Value>,
}

/// Data the template functions read, shared by every language.
///
/// Summaries stay plain structs and become template values only when a template asks,
/// so a large site does not hold a second copy of itself as JSON.
#[derive(Debug, Default)]
pub(crate) struct TemplateData {
    /// Static file name (`style.css`) → fingerprinted URL (`/style.1a2b3c4d.css`).
    pub assets: BTreeMap<String, String>,
    /// Every page's summary, in the site's page order (shared, so an edit copies pointers).
    pub summaries: Vec<Arc<Summary>>,
    /// (page key, lang) → index in `summaries`.
    pub index: Arc<HashMap<(String, String), usize>>,
    /// Section index → the indices of its pages, in display order.
    pub children: HashMap<usize, Vec<usize>>,
}

impl TemplateData {
    /// The template data of `site`, with the static files' published URLs.
    pub(crate) fn new(site: &Site, assets: BTreeMap<String, String>) -> TemplateData {
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
    pub(crate) fn with_changed(&self, site: &Site, changed: &[usize]) -> TemplateData {
        let mut summaries = self.summaries.clone();
        for &i in changed {
            if let (Some(slot), Some(p)) = (summaries.get_mut(i), site.pages.get(i)) {
                *slot = Arc::new(summary(site, p));
            }
        }
        TemplateData {
            assets: self.assets.clone(),
            summaries,
            index: self.index.clone(),
            children: section_children(site),
        }
    }

    /// The summary of the page `key` in `lang`, as a template value.
    fn page(&self, key: &str, lang: &str) -> Option<Value> {
        let i = *self.index.get(&(key.to_string(), lang.to_string()))?;
        serde_json::to_value(&**self.summaries.get(i)?).ok()
    }

    /// The section `key` in `lang` with its pages' summaries, as a template value.
    fn section(&self, key: &str, lang: &str) -> Option<Value> {
        let i = *self.index.get(&(key.to_string(), lang.to_string()))?;
        let kids = self.children.get(&i)?;
        let mut v = serde_json::to_value(&**self.summaries.get(i)?).ok()?;
        let pages: Vec<&Summary> = kids
            .iter()
            .filter_map(|&k| self.summaries.get(k).map(|s| &**s))
            .collect();
        if let Value::Object(m) = &mut v {
            m.insert("pages".into(), serde_json::to_value(pages).ok()?);
        }
        Some(v)
    }
}

/// Section index → its pages, for `get_section`.
fn section_children(site: &Site) -> HashMap<usize, Vec<usize>> {
    site.pages
        .iter()
        .enumerate()
        .filter(|(_, p)| p.source.is_section)
        .map(|(i, p)| (i, p.children.clone()))
        .collect()
}

fn translate(locale: &LocaleHandle, args: &HashMap<String, Value>) -> tera::Result<Value> {
    let key = args
        .get("key")
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg("t() needs key=\"...\""))?;
    let mut fargs: Vec<(&str, Arg)> = Vec::new();
    let mut names: Vec<&String> = args.keys().filter(|k| k.as_str() != "key").collect();
    names.sort();
    for name in names {
        let arg = match &args[name] {
            Value::Number(n) => Arg::Number(n.as_f64().unwrap_or(0.0)),
            Value::String(s) => Arg::Text(s.clone()),
            other => Arg::Text(other.to_string()),
        };
        fargs.push((name.as_str(), arg));
    }
    locale
        .get()
        .message(key, &fargs)
        .map(Value::String)
        .map_err(tera::Error::msg)
}
