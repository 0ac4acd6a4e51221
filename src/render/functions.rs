//! The functions and filters templates call: `t(key=…)` (the language's
//! strings), `local_date`, `local_number`, `asset(path=…)`, `get_page` and
//! `get_section`. Each language gets its own copy of the compiled templates
//! with these bound to it, so templates never pass the language around.

use crate::date::PartialDate;
use crate::load::locale::{Arg, Locale, Locales};
use crate::load::page::SourcePage;
use crate::load::theme::Theme;
use crate::render::context::summary;
use crate::resolve::{PageIndex, Site};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
use tera::{Kwargs, State, Tera, TeraResult, Value};

/// A template function's failure, shown at the call in the template.
fn fail(message: impl Into<String>) -> tera::Error {
    tera::Error::message(message.into())
}

/// A language's copy of the theme's templates, with its strings and the site's data bound.
pub(crate) fn for_language(
    theme: &Theme,
    locale: Arc<LocaleHandle>,
    data: Arc<TemplateData>,
) -> Tera {
    let mut tera = theme.tera().clone();
    let l = locale.clone();
    tera.register_function("t", move |args: Kwargs, _: &State| translate(&l, &args));
    let l = locale.clone();
    tera.register_filter(
        "local_date",
        move |v: Value, _: Kwargs, _: &State| -> TeraResult<String> {
            let s = v.as_str().map_or_else(|| v.to_string(), str::to_string);
            match PartialDate::parse(&s) {
                Some(d) => Ok(l.get().format_date(d)),
                None => Err(fail(format!("`{s}` is not a date"))),
            }
        },
    );
    let l = locale.clone();
    tera.register_filter(
        "local_number",
        move |v: Value, _: Kwargs, _: &State| -> TeraResult<String> {
            v.as_u64()
                .map(|n| l.get().format_number(n))
                .ok_or_else(|| fail("local_number needs a whole number"))
        },
    );
    let d = data.clone();
    tera.register_function(
        "asset",
        move |args: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = args
                .get("path")?
                .ok_or_else(|| fail("asset() needs path=\"...\""))?;
            d.assets
                .get(path.trim_start_matches('/'))
                .cloned()
                .ok_or_else(|| fail(format!("the theme has no static file `{path}`")))
        },
    );
    let d = data.clone();
    let lang = locale.get().code.clone();
    tera.register_function(
        "get_page",
        move |args: Kwargs, _: &State| -> TeraResult<Value> {
            let key: &str = args
                .get("key")?
                .ok_or_else(|| fail("get_page() needs key=\"...\""))?;
            let optional = args.get::<bool>("optional")?.unwrap_or(false);
            match d.page(key.trim_matches('/'), &lang) {
                Some(v) => Ok(v),
                None if optional => Ok(Value::none()),
                None => Err(fail(format!(
                    "there is no page `{key}` in language `{lang}`"
                ))),
            }
        },
    );
    let d = data;
    let lang = locale.get().code.clone();
    tera.register_function(
        "get_section",
        move |args: Kwargs, _: &State| -> TeraResult<Value> {
            let key: &str = args
                .get("key")?
                .ok_or_else(|| fail("get_section() needs key=\"...\""))?;
            let full = if key.ends_with("_index") {
                key.to_string()
            } else {
                format!("{}/_index", key.trim_matches('/'))
            };
            d.section(&full, &lang)
                .ok_or_else(|| fail(format!("there is no section `{key}` in language `{lang}`")))
        },
    );
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

/// A page's entry in a listing or a menu: the page as loaded, shared rather than
/// copied (every page has one for `get_page`, 12 MB of copies on a 20,000-page site),
/// written out field by field only when a template shows it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Summary {
    /// The page as loaded.
    page: Arc<SourcePage>,
    /// Absolute URL; the site path is its end, from `path_at`.
    permalink: String,
    /// Where the site path starts in `permalink`.
    path_at: usize,
    /// The site's description in the page's language, for a page with no text of its
    /// own to be listed with.
    fallback: Option<String>,
}

impl Summary {
    /// The entry of `page`, at site path `url` of a site at `base_url`; `fallback` is
    /// what it is listed with when the page has no text of its own.
    pub(crate) fn new(
        page: Arc<SourcePage>,
        (base_url, url): (&str, &str),
        fallback: impl FnOnce() -> String,
    ) -> Summary {
        let fallback = page.summary_text().is_none().then(fallback);
        Summary {
            page,
            permalink: format!("{base_url}{url}"),
            path_at: base_url.len(),
            fallback,
        }
    }

    /// Content key.
    pub(crate) fn key(&self) -> &str {
        &self.page.key
    }

    /// Title.
    pub(crate) fn title(&self) -> &str {
        &self.page.front.title
    }

    /// Site path.
    pub(crate) fn url(&self) -> &str {
        self.permalink.get(self.path_at..).unwrap_or_default()
    }

    /// Weight.
    pub(crate) fn weight(&self) -> Option<i64> {
        self.page.front.weight
    }
}

/// The fields templates see, in the order they always had.
impl Serialize for Summary {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let front = &self.page.front;
        let description = self
            .page
            .summary_text()
            .or(self.fallback.as_deref())
            .unwrap_or_default();
        let mut m = s.serialize_struct("Summary", 9)?;
        m.serialize_field("key", self.key())?;
        m.serialize_field("title", self.title())?;
        m.serialize_field("url", self.url())?;
        m.serialize_field("permalink", &self.permalink)?;
        m.serialize_field("description", description)?;
        m.serialize_field("date", &front.date.map(|d| d.iso()))?;
        m.serialize_field("weight", &front.weight)?;
        m.serialize_field("is_section", &self.page.is_section)?;
        m.serialize_field("extra", &front.extra)?;
        m.end()
    }
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
    /// (page key, lang) → index in `summaries` (the site's own).
    pub index: Arc<PageIndex>,
    /// Section index → the indices of its pages, in display order.
    pub children: HashMap<usize, Vec<usize>>,
    /// Each summary as a template value, made the first time a template asks for it:
    /// every page asks for the same few (its sections, `get_page(key="donate")`).
    values: Vec<OnceLock<Option<Value>>>,
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
            index: site.index.clone(),
            children: section_children(site),
            values: unmade(site),
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
            values: unmade(site),
        }
    }

    /// The summary of the page `key` in `lang`, as a template value.
    fn page(&self, key: &str, lang: &str) -> Option<Value> {
        self.value(self.index.get(key, lang)?)
    }

    /// The summary of the page at index `i`, as a template value.
    pub(crate) fn value(&self, i: usize) -> Option<Value> {
        let made = || Value::try_from_serializable(&**self.summaries.get(i)?).ok();
        self.values.get(i)?.get_or_init(made).clone()
    }

    /// The section `key` in `lang` with its pages' summaries, as a template value.
    fn section(&self, key: &str, lang: &str) -> Option<Value> {
        let i = self.index.get(key, lang)?;
        let kids = self.children.get(&i)?;
        let pages: Vec<&Summary> = kids
            .iter()
            .filter_map(|&k| self.summaries.get(k).map(|s| &**s))
            .collect();
        Value::try_from_serializable(&SectionValue {
            summary: self.summaries.get(i)?,
            pages,
        })
        .ok()
    }
}

/// No summary made into a template value yet, one place for each page of `site`.
fn unmade(site: &Site) -> Vec<OnceLock<Option<Value>>> {
    site.pages.iter().map(|_| OnceLock::new()).collect()
}

/// What `get_section` gives: the section's summary and its pages' summaries.
#[derive(Serialize)]
struct SectionValue<'a> {
    /// The section's own summary, its fields at the top level.
    #[serde(flatten)]
    summary: &'a Summary,
    /// Its pages, in display order.
    pages: Vec<&'a Summary>,
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

/// `t(key=…, name=value…)`: the language's Fluent message, with its arguments.
fn translate(locale: &LocaleHandle, args: &Kwargs) -> TeraResult<String> {
    let key: &str = args
        .get("key")?
        .ok_or_else(|| fail("t() needs key=\"...\""))?;
    let mut named: Vec<(String, Arg)> = args
        .iter()
        .filter_map(|(name, v)| {
            let name = name.as_str()?;
            (name != "key").then(|| (name.to_string(), arg(v)))
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let fargs: Vec<(&str, Arg)> = named.iter().map(|(n, a)| (n.as_str(), a.clone())).collect();
    locale.get().message(key, &fargs).map_err(fail)
}

/// A template value as a Fluent argument: numbers stay numbers (for plural rules).
fn arg(v: &Value) -> Arg {
    if let Some(n) = v.as_f64() {
        Arg::Number(n)
    } else if let Some(s) = v.as_str() {
        Arg::Text(s.to_string())
    } else {
        Arg::Text(v.to_string())
    }
}
