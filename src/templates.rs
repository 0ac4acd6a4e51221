//! The template engine as ocaq sets it up (Tera 2): the escaper, the names of
//! the functions and filters every theme may call, and Tera's errors turned
//! into located diagnostics a theme author can act on.
//!
//! Load compiles the theme with [`engine`]; render clones that engine per
//! language and binds the real functions under the same names. Tera 2 checks
//! at load that every function, filter, test and component a template calls
//! exists, so the names must be known before the templates are added.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tera::{ErrorKind, Kwargs, ReportError, State, Tera, Value};

/// Functions ocaq gives templates (bound per language in render).
pub(crate) const FUNCTIONS: &[&str] = &["t", "asset", "get_page", "get_section"];
/// Filters ocaq gives templates, beside Tera's own.
pub(crate) const FILTERS: &[&str] = &["local_date", "local_number"];

/// Tera's own filters, for suggestions when a name is misspelt.
const TERA_FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
];

/// A template's source and the file it came from (relative to the site root).
#[derive(Debug, Clone)]
pub(crate) struct Source {
    /// The file, relative to the site root (`themes/default/templates/page.html`).
    pub(crate) file: PathBuf,
    /// Its text.
    pub(crate) text: String,
}

/// Template name → its source, for locating errors.
pub(crate) type Sources = BTreeMap<String, Source>;

/// Tera's escaper writes `&#x2F;` for every `/`, bloating each URL; ours does not.
fn escape(input: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    crate::escape::attr_to(out, input)
}

/// An engine with ocaq's escaping and every ocaq function and filter declared
/// (as stand-ins that fail, until render binds the real ones).
pub(crate) fn engine() -> Tera {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape);
    for name in FUNCTIONS {
        tera.register_function(*name, |_: Kwargs, _: &State| -> tera::TeraResult<Value> {
            Err(tera::Error::message("this function is not bound yet"))
        });
    }
    for name in FILTERS {
        tera.register_filter(
            *name,
            |_: Value, _: Kwargs, _: &State| -> tera::TeraResult<Value> {
                Err(tera::Error::message("this filter is not bound yet"))
            },
        );
    }
    tera
}

/// Compiles `sources` into an engine; every error in them is reported at its place.
pub(crate) fn compile(sources: &Sources, folder: &Path) -> Result<Tera, Vec<Diagnostic>> {
    // Each template alone first, so that each syntax error is found, not just the first.
    let mut errors = Vec::new();
    for (name, source) in sources {
        // Alone, a child misses its parent; only syntax errors count here.
        if let Err(e) = engine().add_raw_template(name, &source.text) {
            if matches!(e.kind(), ErrorKind::SyntaxError(_)) {
                errors.extend(diagnostics(&e, sources, folder));
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tera = engine();
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.text.as_str())))
        .map_err(|e| diagnostics(&e, sources, folder))?;
    Ok(tera)
}

/// Tera's error as diagnostics at their template, line and column; `folder` is where
/// the templates live, for errors that belong to no one file.
pub(crate) fn diagnostics(e: &tera::Error, sources: &Sources, folder: &Path) -> Vec<Diagnostic> {
    match e.kind() {
        ErrorKind::SyntaxError(r) => vec![located(r.message(), r, sources, true)],
        ErrorKind::RenderingError(r) => vec![located(r.message(), r, sources, false)],
        ErrorKind::Msg(text) => {
            let found: Vec<Diagnostic> = reports(text)
                .into_iter()
                .map(|(msg, name, line, col)| at(&msg, &name, (line, col), sources, false))
                .collect();
            if found.is_empty() {
                vec![whole(folder, text)]
            } else {
                found
            }
        }
        ErrorKind::MissingParent { current, parent } => vec![Diagnostic::error(
            file_of(current, sources),
            0,
            0,
            format!("this template extends `{parent}`, which does not exist"),
            known_templates(sources),
        )],
        ErrorKind::TemplateNotFound(name) => vec![Diagnostic::error(
            folder,
            0,
            0,
            format!("there is no template `{name}`"),
            known_templates(sources),
        )],
        _ => vec![whole(folder, &e.to_string())],
    }
}

/// A diagnostic for an error that Tera could not place in one template.
fn whole(folder: &Path, text: &str) -> Diagnostic {
    Diagnostic::error(
        folder,
        0,
        0,
        format!("the templates do not fit together: {text}"),
        "check the names in {% extends %}, {% include %} and the components",
    )
}

/// "use one of: …" with the theme's template names.
fn known_templates(sources: &Sources) -> String {
    let names: Vec<&str> = sources.keys().map(String::as_str).collect();
    format!("the templates are: {}", names.join(", "))
}

/// The file of template `name`, or the name itself when it is not one of ours.
fn file_of(name: &str, sources: &Sources) -> PathBuf {
    sources
        .get(name)
        .map_or_else(|| PathBuf::from(name), |s| s.file.clone())
}

/// One of Tera's reports, at its place.
fn located(message: &str, r: &ReportError, sources: &Sources, syntax: bool) -> Diagnostic {
    let span = r.span();
    at(
        message,
        r.filename(),
        (span.start_line, span.start_col + 1),
        sources,
        syntax,
    )
}

/// A diagnostic for Tera's `message` at (line, 1-based column) of template `name`.
fn at(
    message: &str,
    name: &str,
    (line, column): (usize, usize),
    sources: &Sources,
    syntax: bool,
) -> Diagnostic {
    let text = sources.get(name).map_or("", |s| s.text.as_str());
    let (what, hint) = explain(message, text, (line, column), syntax);
    Diagnostic::error(file_of(name, sources), line, column, what, hint).with_source(text)
}

/// Tera's reports inside a joined message: (message, template, line, 1-based column).
///
/// Tera joins the errors it finds when templates are put together (unknown
/// filters, functions, blocks) into one text of `error: …\n --> name:line:col` reports.
fn reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut out = Vec::new();
    let mut lines = text.lines().peekable();
    while let Some(l) = lines.next() {
        let Some(msg) = l.strip_prefix("error: ") else {
            continue;
        };
        let Some(place) = lines
            .peek()
            .and_then(|n| n.trim_start().strip_prefix("--> "))
        else {
            continue;
        };
        let mut parts = place.rsplitn(3, ':');
        let col = parts.next().and_then(|c| c.parse().ok());
        let line = parts.next().and_then(|c| c.parse().ok());
        if let (Some(col), Some(line), Some(name)) = (col, line, parts.next()) {
            out.push((msg.to_string(), name.to_string(), line, col));
        }
    }
    out
}

/// Tera's message reworded for a theme author, with a suggestion where one is close.
fn explain(message: &str, text: &str, place: (usize, usize), syntax: bool) -> (String, String) {
    let quoted = message.split('`').nth(1).unwrap_or("");
    let listed = |label: &str| {
        message
            .split_once(label)
            .map(|(_, l)| {
                l.trim()
                    .trim_end_matches('.')
                    .split(", ")
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    if message.starts_with("Field `") {
        let path = expression_at(text, place);
        let fields = listed("Available fields:");
        let what = format!(
            "`{path}` is not defined{}",
            did_you_mean(quoted, &fields, &path)
        );
        let hint = if fields.is_empty() {
            "this value has no fields".to_string()
        } else {
            format!("the fields here are: {}", fields.join(", "))
        };
        return (what, hint);
    }
    if message.starts_with("Variable `") {
        let vars = listed("Available variables:");
        let what = format!(
            "`{quoted}` is not defined{}",
            did_you_mean(quoted, &vars, "")
        );
        return (
            what,
            "templates see `page`, `site`, `lang`, `menu` and what they `set` themselves".into(),
        );
    }
    if message.starts_with("Unknown filter `") {
        let names: Vec<&str> = TERA_FILTERS.iter().chain(FILTERS).copied().collect();
        let what = format!(
            "there is no filter `{quoted}`{}",
            did_you_mean(quoted, &names, "")
        );
        return (
            what,
            "ocaq adds `local_date` and `local_number` to Tera's filters".into(),
        );
    }
    if message.starts_with("Unknown function `") {
        let what = format!(
            "there is no function `{quoted}`{}",
            did_you_mean(quoted, FUNCTIONS, "")
        );
        return (what, format!("the functions are: {}", FUNCTIONS.join(", ")));
    }
    if syntax {
        return (
            format!("this template has a syntax error: {message}"),
            "check that every {{ has a }}, every {% if %} an {% endif %} and every {% block %} an {% endblock %}".into(),
        );
    }
    (
        message.to_string(),
        "check the names and values this line uses".into(),
    )
}

/// " — did you mean `…`?" when one of `known` is close to `wrong`; `path` is the
/// dotted expression the wrong name ends (`page.titel`), to show the whole of it.
fn did_you_mean(wrong: &str, known: &[&str], path: &str) -> String {
    let best = crate::suggest::nearest(wrong, known.iter().copied())
        .first()
        .copied();
    match best {
        Some(k) if !path.is_empty() => {
            let stem = path.strip_suffix(wrong).unwrap_or("");
            format!(" — did you mean `{stem}{k}`?")
        }
        Some(k) => format!(" — did you mean `{k}`?"),
        None => String::new(),
    }
}

/// The dotted expression (`page.titel`) whose last name starts at (line, column) of `text`.
fn expression_at(text: &str, (line, column): (usize, usize)) -> String {
    let Some(l) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let chars: Vec<char> = l.chars().collect();
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '.';
    let start = column.saturating_sub(1).min(chars.len());
    let mut from = start;
    while from > 0 && is_name(chars[from - 1]) {
        from -= 1;
    }
    let mut to = start;
    while to < chars.len() && (chars[to].is_alphanumeric() || chars[to] == '_') {
        to += 1;
    }
    chars[from..to].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(items: &[(&str, &str)]) -> Sources {
        items
            .iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    Source {
                        file: Path::new("themes/t/templates").join(n),
                        text: t.to_string(),
                    },
                )
            })
            .collect()
    }

    #[test]
    fn a_misspelt_field_names_the_whole_path_and_the_right_one() {
        let s = sources(&[("page.html", "<h1>\n  {{ page.titel }}</h1>")]);
        let tera = compile(&s, Path::new("t")).unwrap();
        let mut cx = tera::Context::new();
        cx.insert("page", &serde_json::json!({"title": "T", "url": "/"}));
        let e = tera.render("page.html", &cx).unwrap_err();
        let d = diagnostics(&e, &s, Path::new("t"));
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].file, Path::new("themes/t/templates/page.html"));
        assert_eq!((d[0].line, d[0].column), (2, 11));
        assert_eq!(
            d[0].message,
            "`page.titel` is not defined — did you mean `page.title`?"
        );
        assert_eq!(d[0].source_line.as_deref(), Some("  {{ page.titel }}</h1>"));
    }

    #[test]
    fn every_syntax_error_is_found_at_load_in_its_own_file() {
        let s = sources(&[
            ("a.html", "ok\n{% if x %}never closed"),
            ("b.html", "{{ fine }}"),
            ("c.html", "\n\n{{ x | }}"),
        ]);
        let d = compile(&s, Path::new("t")).unwrap_err();
        let places: Vec<(String, usize)> = d
            .iter()
            .map(|d| (d.file.display().to_string(), d.line))
            .collect();
        assert_eq!(
            places,
            vec![
                ("themes/t/templates/a.html".to_string(), 2),
                ("themes/t/templates/c.html".to_string(), 3)
            ]
        );
        assert!(d[0].message.starts_with("this template has a syntax error"));
    }

    #[test]
    fn unknown_filters_and_functions_fail_at_load_with_a_suggestion() {
        let s = sources(&[(
            "a.html",
            "{{ d | local_dat }}\n{{ asset(path='x') }}{{ tt(key='k') }}",
        )]);
        let d = compile(&s, Path::new("t")).unwrap_err();
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].column), (1, 8));
        assert_eq!(
            d[0].message,
            "there is no filter `local_dat` — did you mean `local_date`?"
        );
        assert_eq!((d[1].line, d[1].column), (2, 25));
        assert_eq!(
            d[1].message,
            "there is no function `tt` — did you mean `t`?"
        );
    }

    #[test]
    fn an_error_in_an_included_partial_is_reported_in_the_partial() {
        let s = sources(&[
            ("page.html", "{% include \"partials/x.html\" %}"),
            ("partials/x.html", "a\nb {{ site.nope }}"),
        ]);
        let tera = compile(&s, Path::new("t")).unwrap();
        let mut cx = tera::Context::new();
        cx.insert("site", &serde_json::json!({"title": "T"}));
        let e = tera.render("page.html", &cx).unwrap_err();
        let d = diagnostics(&e, &s, Path::new("t"));
        assert_eq!(d[0].file, Path::new("themes/t/templates/partials/x.html"));
        assert_eq!((d[0].line, d[0].column), (2, 11));
        assert_eq!(d[0].message, "`site.nope` is not defined");
    }

    #[test]
    fn suggestions_are_only_for_close_names() {
        assert_eq!(
            did_you_mean("titel", &["title", "url"], ""),
            " — did you mean `title`?"
        );
        assert_eq!(did_you_mean("colour", &["title", "url"], ""), "");
    }
}
