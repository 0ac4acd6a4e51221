//! The theme: its Tera templates, compiled once (a syntax error is reported at
//! its file and line before any page is rendered), and its static files, read
//! as they are (render minifies and names them).

use crate::diagnostic::Diagnostic;
use crate::load::read;
use crate::load::walk::path_to_key;
use std::collections::BTreeMap;
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

/// The theme, read and compiled.
#[derive(Debug, Clone)]
pub(crate) struct Theme {
    tera: Tera,
    /// Template name → file relative to the site root, for messages.
    pub(crate) files: BTreeMap<String, PathBuf>,
    /// The static files, in path order.
    pub(crate) statics: Vec<StaticFile>,
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
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
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
    /// Reads and compiles `themes/<name>/templates/**/*.html` and reads `static/`.
    pub(crate) fn load(root: &Path, name: &str) -> Result<Theme, Vec<Diagnostic>> {
        let dir_rel = Path::new("themes").join(name).join("templates");
        let (sources, files, mut errors) = read_templates(root, &dir_rel);
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
            if let Some(d) = syntax_error(tpl_name, text, &files[tpl_name]) {
                errors.push(d);
            }
        }
        let statics = read_statics(root, name).map_err(|e| errors.extend(e)).ok();
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        // Tera's default escaper also rewrites `/` as `&#x2F;`, bloating every URL.
        tera.set_escape_fn(crate::escape::attr);
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
        Ok(Theme {
            tera,
            files,
            statics: statics.unwrap_or_default(),
        })
    }

    /// True if the theme has this template.
    pub(crate) fn has(&self, name: &str) -> bool {
        self.files.contains_key(name)
    }

    /// The compiled templates, before any language's functions are bound.
    pub(crate) fn tera(&self) -> &Tera {
        &self.tera
    }
}

/// Template sources by name, their files, and the files that could not be read.
type Templates = (
    Vec<(String, String)>,
    BTreeMap<String, PathBuf>,
    Vec<Diagnostic>,
);

/// Reads every file under the templates folder `dir_rel`.
fn read_templates(root: &Path, dir_rel: &Path) -> Templates {
    let dir = root.join(dir_rel);
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
        let tpl_name = path_to_key(rel);
        let file_rel = dir_rel.join(rel);
        match read::text_file(entry.path(), &file_rel) {
            Ok(text) => {
                files.insert(tpl_name.clone(), file_rel);
                sources.push((tpl_name, text));
            }
            Err(d) => errors.push(d),
        }
    }
    (sources, files, errors)
}

/// The syntax error of one template parsed alone, located in its file.
fn syntax_error(name: &str, text: &str, file: &Path) -> Option<Diagnostic> {
    let e = Tera::default().add_raw_template(name, text).err()?;
    let chain = error_chain(&e);
    if !chain.contains("Failed to parse") {
        return None;
    }
    let (line, column) = parse_position(&chain);
    let detail = chain
        .lines()
        .last()
        .unwrap_or("")
        .trim()
        .trim_start_matches("= ")
        .to_string();
    Some(
        Diagnostic::error(
            file,
            line,
            column,
            format!("this template has a syntax error: {detail}"),
            "check that every {{ has a }}, every {% if %} an {% endif %} and every {% block %} an {% endblock %}",
        )
        .with_source(text),
    )
}

/// Reads the theme's static files (hidden files are skipped).
fn read_statics(root: &Path, theme: &str) -> Result<Vec<StaticFile>, Vec<Diagnostic>> {
    let dir_rel = Path::new("themes").join(theme).join("static");
    let dir = root.join(&dir_rel);
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| dir_rel.clone(), Path::to_path_buf);
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
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
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
