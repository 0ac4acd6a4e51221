//! The theme: its Tera templates, compiled once (every syntax error, unknown
//! filter or function is reported at its file and line before any page is
//! rendered), and its static files, read as they are (render minifies and
//! names them). A site's own `templates/` and `static/` beside `site.yaml`
//! win over the theme's, file by file, as in Zola and Hugo.

use crate::diagnostic::Diagnostic;
use crate::load::read;
use crate::load::walk::path_to_key;
use crate::markdown::components::Catalog;
use crate::templates::{self, Source, Sources};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use tera::Tera;

/// Templates every theme must have.
pub(crate) const REQUIRED: &[&str] = &[
    "base.html",
    "home.html",
    "section.html",
    "page.html",
    "404.html",
];

/// A static file of the theme, as read: its path inside `static/` and its bytes.
#[derive(Debug, Clone)]
pub(crate) struct StaticFile {
    /// `/`-separated path inside the theme's `static/` folder (`style.css`).
    pub(crate) rel: String,
    /// The file's bytes.
    pub(crate) bytes: Vec<u8>,
}

/// The theme, read and compiled, with the site's overrides in place.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    tera: Tera,
    /// Template name → its file (relative to the site root) and text, for messages.
    pub(crate) sources: Sources,
    /// The static files, in path order.
    pub(crate) statics: Vec<StaticFile>,
    /// The site's files that replace a theme file of the same name, in path order.
    pub(crate) overrides: Vec<PathBuf>,
    /// The components pages can use as fenced blocks.
    pub(crate) catalog: Catalog,
}

impl Theme {
    /// Reads and compiles `themes/<name>/templates/**` and reads `static/`, each
    /// overridden file by file by the site's own `templates/` and `static/`.
    pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = Path::new("themes").join(name);
        let mut errors = Vec::new();
        let mut overrides = Vec::new();
        let mut sources = read_templates(root, &theme_dir.join("templates"), &mut errors);
        for (tpl, source) in read_templates(root, Path::new("templates"), &mut errors) {
            if sources.contains_key(&tpl) {
                overrides.push(source.file.clone());
            }
            sources.insert(tpl, source);
        }
        for req in REQUIRED {
            if !sources.contains_key(*req) {
                errors.push(Diagnostic::error(
                    theme_dir.join("templates").join(req),
                    0,
                    0,
                    format!("the theme has no `{req}` template"),
                    "every theme needs base.html, home.html, section.html, page.html and 404.html",
                ));
            }
        }
        let mut statics = read_statics(root, &theme_dir.join("static"), &mut errors);
        for file in read_statics(root, Path::new("static"), &mut errors) {
            match statics.iter_mut().find(|s| s.rel == file.rel) {
                Some(slot) => {
                    overrides.push(Path::new("static").join(&file.rel));
                    *slot = file;
                }
                None => statics.push(file),
            }
        }
        statics.sort_by(|a, b| a.rel.cmp(&b.rel));
        overrides.sort();
        if !errors.is_empty() {
            return Err(errors);
        }
        let tera = templates::compile(&sources, &theme_dir.join("templates"))?;
        Ok(Theme {
            catalog: Catalog::from_tera(&tera),
            tera,
            sources,
            statics,
            overrides,
        })
    }

    /// True if the theme has this template.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The compiled templates, before any language's functions are bound.
    pub(crate) fn tera(&self) -> &Tera {
        &self.tera
    }

    /// The file of template `name`, relative to the site root.
    pub(crate) fn file_of(&self, name: &str) -> PathBuf {
        self.sources
            .get(name)
            .map_or_else(|| PathBuf::from(name), |s| s.file.clone())
    }

    /// The keys of the pages a template asks for by name (`get_page(key="privacy")`):
    /// such a page may show on every page, as the footer's policies do.
    pub(crate) fn fetched_pages(&self) -> BTreeSet<String> {
        self.sources
            .values()
            .flat_map(|s| fetched_keys(&s.text))
            .collect()
    }
}

/// The keys written out in the `get_page(key="...")` calls of a template's text.
fn fetched_keys(text: &str) -> Vec<String> {
    text.split("get_page(")
        .skip(1)
        .filter_map(|call| {
            let args = call.split(')').next()?;
            let value = args.split("key").nth(1)?.trim_start().strip_prefix('=')?;
            let value = value.trim_start();
            let quote = value.chars().next().filter(|q| *q == '"' || *q == '\'')?;
            let key = value[1..].split(quote).next()?;
            Some(key.trim_matches('/').to_string())
        })
        .collect()
}

/// Reads every file under the templates folder `dir_rel` (absent: none).
fn read_templates(root: &Path, dir_rel: &Path, errors: &mut Vec<Diagnostic>) -> Sources {
    let dir = root.join(dir_rel);
    let mut sources = Sources::new();
    if !dir.is_dir() {
        return sources;
    }
    for entry in walkdir::WalkDir::new(&dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let tpl_name = path_to_key(rel);
        if tpl_name.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        let file = dir_rel.join(rel);
        match read::text_file(entry.path(), &file) {
            Ok(text) => {
                sources.insert(tpl_name, Source { file, text });
            }
            Err(d) => errors.push(d),
        }
    }
    sources
}

/// Reads the static files under `dir_rel` (hidden files are skipped; absent: none).
fn read_statics(root: &Path, dir_rel: &Path, errors: &mut Vec<Diagnostic>) -> Vec<StaticFile> {
    let dir = root.join(dir_rel);
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| dir_rel.to_path_buf(), Path::to_path_buf);
                errors.push(Diagnostic::error(
                    at,
                    0,
                    0,
                    format!("cannot read the theme's files: {e}"),
                    "check the folder",
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = path_to_key(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
        if rel.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => out.push(StaticFile { rel, bytes }),
            Err(e) => errors.push(Diagnostic::error(
                dir_rel.join(&rel),
                0,
                0,
                format!("cannot read: {e}"),
                "check the file",
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_asked_for_by_name_are_found_in_the_templates_text() {
        let text = r#"{% set d = get_page(key="donate", optional=true) %}
{{ get_page( optional=true, key = '/privacy/' ).title }}
{% set more = get_page(key=item.page) %}"#;
        assert_eq!(fetched_keys(text), vec!["donate", "privacy"]);
    }
}
