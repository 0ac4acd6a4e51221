//! The theme's Tera templates, compiled once, with one instance per language.
//!
//! Each language gets a clone of the compiled templates with its own `t`
//! function and date/number filters, so templates write `t(key="read-more")`
//! without passing the language around.

use crate::diagnostic::Diagnostic;
use crate::front_matter::PartialDate;
use crate::locale::{Arg, Locale, Locales};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

/// Templates every theme must have.
pub const REQUIRED: &[&str] = &[
    "base.html",
    "home.html",
    "section.html",
    "page.html",
    "404.html",
];

/// Compiled templates of the theme.
#[derive(Debug, Clone)]
pub struct Theme {
    tera: Tera,
    /// Template name → file relative to the site root, for messages.
    pub files: BTreeMap<String, PathBuf>,
}

/// Extracts `line:column` from Tera's parse error text (` --> 3:5`).
fn parse_position(text: &str) -> (usize, usize) {
    text.split("-->")
        .nth(1)
        .and_then(|rest| {
            let mut it = rest
                .trim()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty());
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .unwrap_or((0, 0))
}

/// The full chain of an error's messages, joined.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(inner) = cur {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        cur = inner.source();
    }
    s
}

impl Theme {
    /// Reads and compiles `themes/<name>/templates/**/*.html`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let dir_rel = Path::new("themes").join(name).join("templates");
        let dir = root.join(&dir_rel);
        if !dir.is_dir() {
            return Err(vec![Diagnostic::error(
                "site.yaml",
                0,
                0,
                format!(
                    "the theme `{name}` has no templates folder ({})",
                    dir_rel.display()
                ),
                "check `theme:` in site.yaml, or create the folder",
            )]);
        }
        let mut sources = Vec::new();
        let mut files = BTreeMap::new();
        let mut errors = Vec::new();
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            if !entry.file_type().is_file() {
                continue;
            }
            let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
            let tpl_name = crate::content::path_to_key(rel);
            let file_rel = dir_rel.join(rel);
            match std::fs::read_to_string(entry.path()) {
                Ok(text) => {
                    let text = text
                        .strip_prefix('\u{feff}')
                        .map(str::to_string)
                        .unwrap_or(text);
                    files.insert(tpl_name.clone(), file_rel);
                    sources.push((tpl_name, text));
                }
                Err(e) => errors.push(Diagnostic::error(
                    file_rel,
                    0,
                    0,
                    format!("cannot read this template: {e}"),
                    "save it as UTF-8 text",
                )),
            }
        }
        for req in REQUIRED {
            if !files.contains_key(*req) {
                errors.push(Diagnostic::error(
                    dir_rel.join(req),
                    0,
                    0,
                    format!("the theme has no `{req}` template"),
                    "every theme needs base.html, home.html, section.html, page.html and 404.html",
                ));
            }
        }
        // Parse each template alone first, so a syntax error names its own file and line.
        for (tpl_name, text) in &sources {
            let mut probe = Tera::default();
            if let Err(e) = probe.add_raw_template(tpl_name, text) {
                let chain = error_chain(&e);
                if chain.contains("Failed to parse") {
                    let (line, column) = parse_position(&chain);
                    let detail = chain
                        .lines()
                        .last()
                        .unwrap_or("")
                        .trim()
                        .trim_start_matches("= ")
                        .to_string();
                    errors.push(
                        Diagnostic::error(
                            &files[tpl_name],
                            line,
                            column,
                            format!("this template has a syntax error: {detail}"),
                            "check that every {{ has a }}, every {% if %} an {% endif %} and every {% block %} an {% endblock %}",
                        )
                        .with_source(text),
                    );
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default escaper also rewrites `/` as `&#x2F;`, bloating every URL.
        tera.set_escape_fn(escape_html);
        if let Err(e) =
            tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            return Err(vec![Diagnostic::error(
                dir_rel,
                0,
                0,
                format!("the templates do not fit together: {}", error_chain(&e)),
                "check the names in {% extends %} and {% include %}",
            )]);
        }
        Ok(Theme { tera, files })
    }

    /// True if the theme has this template.
    pub fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// A language's copy of the templates, with its strings and the site's data bound.
    pub fn for_language(&self, locale: Arc<LocaleHandle>, data: Arc<TemplateData>) -> Tera {
        let mut tera = self.tera.clone();
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
}

/// A language's strings, shared by the template functions of that language.
#[derive(Debug)]
pub struct LocaleHandle {
    locales: Arc<Locales>,
    code: String,
}

impl LocaleHandle {
    /// A handle on `code`'s strings.
    pub fn new(locales: Arc<Locales>, code: &str) -> Option<Self> {
        locales.get(code)?;
        Some(LocaleHandle {
            locales,
            code: code.to_string(),
        })
    }

    /// The language's strings.
    pub fn get(&self) -> &Locale {
        // Checked in `new`; the map is never changed afterwards.
        match self.locales.get(&self.code) {
            Some(l) => l,
            None => unreachable!("LocaleHandle::new checked the language"),
        }
    }
}

/// A page's entry in a listing or a menu.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
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
pub struct TemplateData {
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

/// Escapes the five characters that matter in HTML text and attributes.
fn escape_html(input: &str) -> String {
    crate::highlight::escape_attr(input)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tera_parse_positions_are_found() {
        assert_eq!(
            parse_position("Failed to parse 'x'\n --> 3:14\n  |"),
            (3, 14)
        );
        assert_eq!(parse_position("nothing"), (0, 0));
    }
}
