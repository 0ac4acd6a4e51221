//! `data/*.yaml`: values templates see as `data.<name>` (`data/offices.yaml` is
//! `data.offices`), so what the association publishes (offices, reports) lives in
//! files editors can change, not in the theme.
//!
//! A map whose keys are all languages of the site (`{az: …, en: …, ru: …}`) is
//! one value per language: each language's templates see only theirs. Such a
//! map must give every language: a missing one stops the build at the map's
//! line, as a missing Fluent string does, rather than showing readers another
//! language's text without anyone noticing.

use super::read;
use super::yaml::{self, At, Node};
use crate::diagnostic::Diagnostic;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The folder of data files, beside `site.yaml`.
pub(crate) const DIR: &str = "data";

/// Every data file, resolved once per language: language → `{name: value}`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Data {
    by_lang: BTreeMap<String, Value>,
}

impl Data {
    /// What templates in `lang` see as `data` (an empty map when there are no data files).
    pub(crate) fn for_lang(&self, lang: &str) -> Value {
        self.by_lang
            .get(lang)
            .cloned()
            .unwrap_or_else(|| Value::Object(serde_json::Map::new()))
    }
}

/// Reads `data/*.yaml` under `root` for a site in `languages`.
pub(crate) fn load(root: &Path, languages: &[String]) -> Result<Data, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut by_lang: BTreeMap<String, serde_json::Map<String, Value>> = languages
        .iter()
        .map(|l| (l.clone(), serde_json::Map::new()))
        .collect();
    for (rel, name) in files(root, &mut errors) {
        let text = match read::text_file(&root.join(&rel), &rel) {
            Ok(t) => t,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let node = match yaml::parse_node(&rel, &text, 1) {
            Ok(n) => n,
            Err(d) => {
                errors.push(d.with_source(&text));
                continue;
            }
        };
        for lang in languages {
            let mut problems = Vec::new();
            let value = localize(&node, (1, 1), lang, languages, &mut problems);
            // The same gap is found in every language: report it once.
            if lang == &languages[0] {
                errors.extend(problems.into_iter().map(|(line, column, message, hint)| {
                    Diagnostic::error(&rel, line, column, message, hint).with_source(&text)
                }));
            }
            if let Some(m) = by_lang.get_mut(lang) {
                m.insert(name.clone(), value);
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Data {
        by_lang: by_lang
            .into_iter()
            .map(|(l, m)| (l, Value::Object(m)))
            .collect(),
    })
}

/// The data files (relative to `root`) and the names templates know them by, in name order.
fn files(root: &Path, errors: &mut Vec<Diagnostic>) -> Vec<(PathBuf, String)> {
    let Ok(entries) = std::fs::read_dir(root.join(DIR)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        let is_yaml = path.extension().is_some_and(|x| x == "yaml" || x == "yml");
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if !is_yaml || stem.starts_with('.') || !path.is_file() {
            continue;
        }
        let rel = Path::new(DIR).join(path.file_name().unwrap_or_default());
        let usable = !stem.is_empty()
            && stem
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !stem.starts_with(|c: char| c.is_ascii_digit());
        if !usable {
            errors.push(Diagnostic::error(
                &rel,
                0,
                0,
                format!("`{stem}` cannot be a name in templates (`data.{stem}`)"),
                format!(
                    "rename the file with small letters a–z, digits and `_`, like `{}.yaml`",
                    stem.to_ascii_lowercase().replace(['-', ' ', '.'], "_")
                ),
            ));
            continue;
        }
        out.push((rel, stem.to_string()));
    }
    out.sort();
    out
}

/// A problem inside a data file: line, column, what, what to do.
type Gap = (usize, usize, String, String);

/// `node` as templates in `lang` see it: every map of languages replaced by its
/// `lang` value; a map of languages that lacks one of `languages` is a problem.
fn localize(
    node: &Node,
    at: (usize, usize),
    lang: &str,
    languages: &[String],
    problems: &mut Vec<Gap>,
) -> Value {
    match node {
        Node::Scalar(v) => v.clone(),
        Node::Seq(items) => items
            .iter()
            .map(|i| localize(&i.value, (i.line, i.column), lang, languages, problems))
            .collect(),
        Node::Map(entries) if is_per_language(entries, languages) => {
            let missing: Vec<&str> = languages
                .iter()
                .filter(|l| !entries.iter().any(|(k, _)| &k.value == *l))
                .map(String::as_str)
                .collect();
            if !missing.is_empty() {
                let given: Vec<&str> = entries.iter().map(|(k, _)| k.value.as_str()).collect();
                problems.push((
                    at.0,
                    at.1,
                    format!(
                        "this value has no {} text (it gives {})",
                        missing.join(", "),
                        given.join(", ")
                    ),
                    format!(
                        "add {} beside the others, or write one text for every language",
                        missing
                            .iter()
                            .map(|l| format!("`{l}: …`"))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                ));
            }
            entries
                .iter()
                .find(|(k, _)| k.value == lang)
                .map(|(_, v)| localize(&v.value, (v.line, v.column), lang, languages, problems))
                .unwrap_or(Value::Null)
        }
        Node::Map(entries) => entries
            .iter()
            .map(|(k, v): &(At<String>, At<Node>)| {
                let value = localize(&v.value, (k.line, k.column), lang, languages, problems);
                (k.value.clone(), value)
            })
            .collect::<serde_json::Map<_, _>>()
            .into(),
    }
}

/// True for a map whose keys are all languages of the site: one value per language.
fn is_per_language(entries: &[(At<String>, At<Node>)], languages: &[String]) -> bool {
    !entries.is_empty() && entries.iter().all(|(k, _)| languages.contains(&k.value))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn langs() -> Vec<String> {
        ["az", "en", "ru"].iter().map(|s| s.to_string()).collect()
    }

    fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        std::fs::create_dir(dir.path().join(DIR)).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in files {
            std::fs::write(dir.path().join(DIR).join(name), text).unwrap_or_else(|e| panic!("{e}"));
        }
        dir
    }

    #[test]
    fn values_per_language_are_each_languages_own() {
        let dir = site(&[(
            "offices.yaml",
            "- name: {az: Bakı, en: Baku, ru: Баку}\n  phone: \"PLACEHOLDER: not known\"\n",
        )]);
        let data = load(dir.path(), &langs()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            data.for_lang("ru"),
            json!({"offices": [{"name": "Баку", "phone": "PLACEHOLDER: not known"}]})
        );
        assert_eq!(data.for_lang("az")["offices"][0]["name"], "Bakı");
        // A map with other keys is a map, not a value per language.
        let dir = site(&[("bank.yaml", "az: x\nswift: y\n")]);
        let data = load(dir.path(), &langs()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            data.for_lang("en"),
            json!({"bank": {"az": "x", "swift": "y"}})
        );
    }

    #[test]
    fn a_missing_language_is_an_error_at_the_values_line() {
        let dir = site(&[(
            "offices.yaml",
            "- city: Baku\n  name:\n    az: Bakı\n    en: Baku\n",
        )]);
        let errors = load(dir.path(), &langs()).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(e.file, Path::new("data/offices.yaml"));
        assert_eq!((e.line, e.column), (2, 3));
        assert_eq!(e.message, "this value has no ru text (it gives az, en)");
        assert!(e.hint.contains("`ru: …`"), "{}", e.hint);
    }

    #[test]
    fn bad_yaml_and_bad_names_are_located() {
        let dir = site(&[
            ("offices.yaml", "a: 1\nb: [x\n"),
            ("bank-details.yaml", "a: 1\n"),
        ]);
        let errors = load(dir.path(), &langs()).err().unwrap_or_default();
        let places: Vec<(String, usize)> = errors
            .iter()
            .map(|e| (e.file.display().to_string(), e.line))
            .collect();
        assert_eq!(
            places,
            [
                ("data/bank-details.yaml".to_string(), 0),
                ("data/offices.yaml".to_string(), 2)
            ],
            "{errors:?}"
        );
        assert!(
            errors[0].hint.contains("bank_details.yaml"),
            "{}",
            errors[0].hint
        );
    }

    #[test]
    fn no_data_folder_is_an_empty_map() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let data = load(dir.path(), &langs()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(data.for_lang("az"), json!({}));
    }
}
