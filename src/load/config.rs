//! `site.yaml`: the site's settings, read and checked once.

use crate::diagnostic::{BuildError, Diagnostic};
use crate::load::read;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// A text given once for every language, or once per language.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(untagged)]
pub(crate) enum Localized {
    /// The same text in every language.
    One(String),
    /// One text per language code.
    Many(BTreeMap<String, String>),
}

impl Localized {
    /// The text for `lang`, falling back to `default` and then to any text.
    pub(crate) fn get<'a>(&'a self, lang: &str, default: &str) -> &'a str {
        match self {
            Localized::One(s) => s,
            Localized::Many(m) => m
                .get(lang)
                .or_else(|| m.get(default))
                .or_else(|| m.values().next())
                .map(String::as_str)
                .unwrap_or(""),
        }
    }

    /// Languages of `languages` this text lacks.
    pub(crate) fn missing<'a>(&self, languages: &'a [String]) -> Vec<&'a str> {
        match self {
            Localized::One(_) => Vec::new(),
            Localized::Many(m) => languages
                .iter()
                .filter(|l| !m.contains_key(l.as_str()))
                .map(String::as_str)
                .collect(),
        }
    }
}

/// Contact details shown on the contact page and in the footer.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Contact {
    /// Postal address.
    pub address: Option<Localized>,
    /// Telephone number.
    pub phone: Option<String>,
    /// E-mail address.
    pub email: Option<String>,
}

/// How to give: shown on the donate page, item by item.
///
/// A value starting with `PLACEHOLDER` is not known yet; themes show it as
/// "not yet available" in the page's language.
#[derive(Debug, Clone, Deserialize, Serialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct Donate {
    /// A link to an online donation form.
    pub url: Option<String>,
    /// Bank account details in one text (for sites that do not itemise them).
    pub account: Option<Localized>,
    /// The bank's name.
    pub bank: Option<Localized>,
    /// The association's tax number (in Azerbaijan, its VÖEN).
    pub tax_number: Option<String>,
    /// The account's IBAN.
    pub iban: Option<String>,
    /// The bank's SWIFT/BIC code.
    pub swift: Option<String>,
}

/// A link to the association elsewhere (social networks).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SocialLink {
    /// Name shown to readers.
    pub name: String,
    /// Absolute URL.
    pub url: String,
}

/// Where the editors' CMS at `/admin/` saves: a GitHub repository, through an
/// OAuth service that logs editors in (see docs/editing.md).
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Cms {
    /// `owner/name` of the site's GitHub repository.
    pub repo: String,
    /// The branch the site is published from.
    #[serde(default = "default_branch")]
    pub branch: String,
    /// Address of the OAuth service that logs editors in to GitHub (Decap's `base_url`).
    #[serde(default)]
    pub auth_url: Option<String>,
}

fn default_branch() -> String {
    "main".into()
}

/// A taxonomy (topics, cities, programmes): its name and terms, one label per language.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct Taxonomy {
    /// The taxonomy's name per language; its slug is the URL segment of its pages.
    pub name: Localized,
    /// Pages per term page; all on one when not given.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// An Atom feed for each term, per language.
    #[serde(default)]
    pub feed: bool,
    /// Term key → its label per language; the label's slug is the term's URL segment.
    pub terms: BTreeMap<String, Localized>,
}

/// The raw `site.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Localized,
    #[serde(default)]
    description: Option<Localized>,
    base_url: String,
    default_language: String,
    languages: Vec<String>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    unsafe_html: bool,
    #[serde(default)]
    contact: Contact,
    #[serde(default)]
    donate: Donate,
    #[serde(default)]
    social: Vec<SocialLink>,
    #[serde(default)]
    cms: Option<Cms>,
    #[serde(default)]
    taxonomies: BTreeMap<String, Taxonomy>,
    #[serde(default)]
    extra: serde_json::Map<String, serde_json::Value>,
}

fn default_theme() -> String {
    "default".into()
}

/// The site's checked settings.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Config {
    /// Site name, per language.
    pub title: Localized,
    /// Site description, per language (the home page's meta description fallback).
    pub description: Option<Localized>,
    /// Absolute base URL without a trailing slash.
    pub base_url: String,
    /// The language served at the root.
    pub default_language: String,
    /// All languages, the default first.
    pub languages: Vec<String>,
    /// Theme folder name under `themes/`.
    pub theme: String,
    /// Keep raw HTML written in Markdown (off: it is escaped).
    pub unsafe_html: bool,
    /// Contact details.
    pub contact: Contact,
    /// Donation details.
    pub donate: Donate,
    /// Social links.
    pub social: Vec<SocialLink>,
    /// The editors' CMS at `/admin/`, when the site has one.
    pub cms: Option<Cms>,
    /// Taxonomies by key (`topics`), which pages list terms of by that key.
    pub taxonomies: BTreeMap<String, Taxonomy>,
    /// Free settings for themes.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// What is wrong with the `cms` block, if anything: its message and hint.
fn cms_problem(cms: Option<&Cms>) -> Option<(String, &'static str)> {
    let cms = cms.filter(|c| !valid_repo(&c.repo))?;
    Some((
        format!("`cms.repo: {}` is not a GitHub repository", cms.repo),
        "write it as owner/name, like `sos-az/website`",
    ))
}

/// True for `owner/name`: two non-empty parts of letters, digits, `-`, `_` and `.`.
fn valid_repo(repo: &str) -> bool {
    let ok = |p: &str| {
        !p.is_empty()
            && !p.starts_with('.')
            && p.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    matches!(repo.split_once('/'), Some((owner, name)) if ok(owner) && ok(name))
}

/// True for a language code we accept: `az`, `en`, `ru`, `en-GB`.
fn valid_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
        // Fluent must read it too, for plural rules and number formats.
        && code.parse::<unic_langid::LanguageIdentifier>().is_ok()
}

impl Config {
    /// Reads and checks `site.yaml`; every problem comes back located.
    pub(crate) fn parse(file: &Path, text: &str) -> Result<Config, Vec<Diagnostic>> {
        let text = read::strip_bom(text);
        let raw: RawConfig =
            crate::load::yaml::parse(file, text, 1).map_err(|d| vec![d.with_source(text)])?;
        let mut errors = Vec::new();
        let err = |key: &str, message: String, hint: &str| {
            Diagnostic::error(file, line_of(text, key), 1, message, hint).with_source(text)
        };
        if raw.languages.is_empty() {
            errors.push(err(
                "languages",
                "no language is listed".into(),
                "list at least one, e.g. `languages: [az, en]`",
            ));
        }
        for code in &raw.languages {
            if !valid_language_code(code) {
                errors.push(err(
                    "languages",
                    format!("`{code}` is not a language code"),
                    "use a lowercase code such as az, en or ru",
                ));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        for code in &raw.languages {
            if !seen.insert(code) {
                errors.push(err(
                    "languages",
                    format!("`{code}` is listed twice"),
                    "list each language once",
                ));
            }
        }
        if !raw.languages.contains(&raw.default_language) {
            errors.push(err(
                "default_language",
                format!(
                    "the default language `{}` is not in `languages`",
                    raw.default_language
                ),
                &default_language_hint(&raw.default_language, &raw.languages),
            ));
        }
        let base_url = raw.base_url.trim_end_matches('/').to_string();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            errors.push(err(
                "base_url",
                format!("`{}` is not an absolute web address", raw.base_url),
                "write it in full, like https://www.example.org",
            ));
        }
        if raw.theme.is_empty() || raw.theme.contains(['/', '\\']) || raw.theme.starts_with('.') {
            errors.push(err(
                "theme",
                format!("`{}` is not a theme folder name", raw.theme),
                "give the name of a folder under themes/",
            ));
        }
        for (key, value) in [
            ("title", Some(&raw.title)),
            ("description", raw.description.as_ref()),
        ] {
            if let Some(v) = value {
                let missing = v.missing(&raw.languages);
                if !missing.is_empty() {
                    errors.push(err(
                        key,
                        format!("`{key}` has no text for: {}", missing.join(", ")),
                        "add a line for each language",
                    ));
                }
            }
        }
        if let Some((message, hint)) = cms_problem(raw.cms.as_ref()) {
            errors.push(err("cms", message, hint));
        }
        for (message, hint) in taxonomy_problems(&raw.taxonomies, &raw.languages) {
            errors.push(err("taxonomies", message, hint));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        // The default language comes first, so that "first" means "default" everywhere.
        let mut languages = vec![raw.default_language.clone()];
        languages.extend(
            raw.languages
                .iter()
                .filter(|l| **l != raw.default_language)
                .cloned(),
        );
        Ok(Config {
            title: raw.title,
            description: raw.description,
            base_url,
            default_language: raw.default_language,
            languages,
            theme: raw.theme,
            unsafe_html: raw.unsafe_html,
            contact: raw.contact,
            donate: raw.donate,
            social: raw.social,
            cms: raw.cms,
            taxonomies: raw.taxonomies,
            extra: raw.extra,
        })
    }

    /// The URL path prefix of a language: `/` for the default, `/<lang>/` for others.
    pub(crate) fn language_root(&self, lang: &str) -> String {
        if lang == self.default_language {
            "/".to_string()
        } else {
            format!("/{lang}/")
        }
    }
}

/// What is wrong with the declared taxonomies: message and hint for each problem.
fn taxonomy_problems(
    taxonomies: &BTreeMap<String, Taxonomy>,
    languages: &[String],
) -> Vec<(String, &'static str)> {
    let is_key = |k: &str| {
        !k.is_empty()
            && k.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
    };
    let mut out = Vec::new();
    for (name, t) in taxonomies {
        if !is_key(name) || crate::load::front_matter::KEYS.contains(&name.as_str()) {
            out.push((
                format!(
                    "`{name}` cannot name a taxonomy: pages write it as a setting of their own"
                ),
                "use a lowercase word that is not a page setting, like `topics` or `cities`",
            ));
        }
        if t.paginate_by == Some(0) {
            out.push((
                format!("`paginate_by: 0` of the taxonomy `{name}` is not a number of pages"),
                "write how many pages each term page shows, like `paginate_by: 10`",
            ));
        }
        let missing = t.name.missing(languages);
        if !missing.is_empty() {
            out.push((
                format!(
                    "the taxonomy `{name}` has no name for: {}",
                    missing.join(", ")
                ),
                "give its `name` in every language, like `name: {az: Mövzular, en: Topics}`",
            ));
        }
        for (term, label) in &t.terms {
            if !is_key(term) {
                out.push((
                    format!("the term key `{term}` of `{name}` is not a key"),
                    "use lowercase letters a-z, digits and hyphens, like `childrens-rights`",
                ));
            }
            let missing = label.missing(languages);
            if !missing.is_empty() {
                out.push((
                    format!(
                        "the term `{term}` of `{name}` has no label for: {}",
                        missing.join(", ")
                    ),
                    "add a label for each language",
                ));
            }
        }
    }
    out
}

/// Reads `site.yaml` under `root`, checks that its theme exists, and applies a
/// `--base-url` override.
pub(crate) fn load(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let file = Path::new("site.yaml");
    let path = root.join(file);
    if !path.is_file() {
        return Err(BuildError::config(Diagnostic::error(
            file,
            0,
            0,
            format!("there is no site.yaml in {}", root.display()),
            "run ocaq in the folder that holds site.yaml, or give it with --root",
        )));
    }
    let text = read::text_file(&path, file).map_err(BuildError::config)?;
    let mut config = Config::parse(file, &text).map_err(BuildError::Config)?;
    if !root
        .join("themes")
        .join(&config.theme)
        .join("templates")
        .is_dir()
    {
        let themes = theme_names(root);
        let line = line_of(&text, "theme");
        return Err(BuildError::config(
            Diagnostic::error(
                file,
                line,
                if line > 0 { 1 } else { 0 },
                format!(
                    "the theme `{}` does not exist (no folder themes/{}/templates)",
                    config.theme, config.theme
                ),
                crate::suggest::hint_with(
                    crate::suggest::did_you_mean(&config.theme, themes.iter().map(String::as_str)),
                    "",
                    "check `theme:` in site.yaml; the site's own theme is `default`",
                ),
            )
            .with_source(&text),
        ));
    }
    if let Some(url) = base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(BuildError::config(Diagnostic::error(
                "--base-url",
                0,
                0,
                format!("`{url}` is not an absolute web address"),
                "write it in full, like https://preview.example.org",
            )));
        }
        config.base_url = url.trim_end_matches('/').to_string();
    }
    Ok(config)
}

/// What to do about a default language not in `languages`: the listed one it is near,
/// else add it or choose one.
fn default_language_hint(default: &str, languages: &[String]) -> String {
    crate::suggest::hint_with(
        crate::suggest::did_you_mean(default, languages.iter().map(String::as_str)),
        "otherwise add it to `languages`",
        "add it to `languages` or choose one that is listed",
    )
}

/// The themes the site has: folders under `themes/` with a `templates/` folder, sorted.
fn theme_names(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().join("templates").is_dir())
        .filter_map(|e| e.file_name().to_str().map(str::to_string))
        .collect();
    names.sort();
    names
}

/// The line of a top-level `key:` in site.yaml, or 0 when it is not written.
pub(crate) fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(&format!("{key}:")))
        .map_or(0, |i| i + 1)
}

/// A two-language site's settings (az, the default, and en), for unit tests.
#[cfg(test)]
pub(crate) fn test_config() -> Config {
    let yaml = "title: S\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\n";
    Config::parse(Path::new("site.yaml"), yaml).unwrap_or_else(|e| panic!("{e:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "title: {az: Sayt, en: Site}\nbase_url: https://example.org/\ndefault_language: az\nlanguages: [en, az]\n";

    #[test]
    fn default_language_comes_first_and_base_url_loses_its_slash() {
        let c = Config::parse(Path::new("site.yaml"), OK).map_err(|e| format!("{e:?}"));
        let c = c.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.languages, vec!["az", "en"]);
        assert_eq!(c.base_url, "https://example.org");
        assert_eq!(c.language_root("en"), "/en/");
        assert_eq!(c.title.get("en", "az"), "Site");
    }

    #[test]
    fn unknown_key_is_an_error_naming_key_and_line() {
        let text = format!("{OK}colour: red\n");
        let errs = Config::parse(Path::new("site.yaml"), &text)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 5);
        assert!(errs[0].message.contains("colour"));
    }

    #[test]
    fn donation_details_are_itemised_and_a_misspelt_one_is_an_error() {
        let text = format!(
            "{OK}donate:\n  url: \"PLACEHOLDER: not known\"\n  bank: {{az: Bank, en: Bank}}\n  tax_number: \"1234567890\"\n  iban: AZ00XXXX\n  swift: XXXXAZ22\n"
        );
        let c = Config::parse(Path::new("site.yaml"), &text).map_err(|e| format!("{e:?}"));
        let c = c.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(c.donate.tax_number.as_deref(), Some("1234567890"));
        assert_eq!(c.donate.iban.as_deref(), Some("AZ00XXXX"));
        assert_eq!(c.donate.swift.as_deref(), Some("XXXXAZ22"));
        assert_eq!(
            c.donate.bank.map(|b| b.get("en", "az").to_string()),
            Some("Bank".into())
        );
        let typo = format!("{OK}donate:\n  ibam: AZ00XXXX\n");
        let errs = Config::parse(Path::new("site.yaml"), &typo)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].message.contains("ibam"), "{}", errs[0]);
    }

    #[test]
    fn the_cms_block_is_read_and_a_malformed_repository_is_refused() {
        let text = format!("{OK}cms:\n  repo: sos-az/website\n");
        let c = Config::parse(Path::new("site.yaml"), &text).map_err(|e| format!("{e:?}"));
        let cms = c.unwrap_or_else(|e| panic!("{e}")).cms;
        assert_eq!(
            cms.map(|c| (c.repo, c.branch, c.auth_url)),
            Some(("sos-az/website".into(), "main".into(), None))
        );
        for bad in ["website", "a/b/c", "/website", "sos az/website"] {
            let text = format!("{OK}cms:\n  repo: \"{bad}\"\n");
            let errs = Config::parse(Path::new("site.yaml"), &text)
                .err()
                .unwrap_or_default();
            assert_eq!(errs.len(), 1, "{bad}: {errs:?}");
            assert_eq!(errs[0].line, 5, "{bad}");
            assert!(errs[0].hint.contains("owner/name"), "{bad}");
        }
    }

    #[test]
    fn missing_translation_of_title_and_unlisted_default_are_reported() {
        let text =
            "title: {az: Sayt}\nbase_url: example.org\ndefault_language: ru\nlanguages: [az, en]\n";
        let errs = Config::parse(Path::new("site.yaml"), text)
            .err()
            .unwrap_or_default();
        let all: Vec<_> = errs.iter().map(|e| (e.line, e.message.clone())).collect();
        assert!(
            all.iter().any(|(l, m)| *l == 1 && m.contains("en")),
            "{all:?}"
        );
        assert!(all.iter().any(|(l, _)| *l == 2), "{all:?}");
        assert!(
            all.iter().any(|(l, m)| *l == 3 && m.contains("ru")),
            "{all:?}"
        );
    }

    #[test]
    fn a_misspelt_default_language_gets_the_listed_one() {
        let text = OK.replace("default_language: az", "default_language: aze");
        let errs = Config::parse(Path::new("site.yaml"), &text)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            errs[0].hint,
            "did you mean `az`? Otherwise add it to `languages`"
        );
    }

    #[test]
    fn taxonomies_need_a_name_and_labels_in_every_language() {
        let text = format!(
            "{OK}taxonomies:\n  topics:\n    name: {{az: Mövzular, en: Topics}}\n    terms:\n      childrens-rights: {{az: Uşaq hüquqları, en: Children's rights}}\n"
        );
        let c = Config::parse(Path::new("site.yaml"), &text).map_err(|e| format!("{e:?}"));
        let c = c.unwrap_or_else(|e| panic!("{e}"));
        let topics = &c.taxonomies["topics"];
        assert_eq!(
            topics.terms["childrens-rights"].get("az", "az"),
            "Uşaq hüquqları"
        );
        let half = text.replace(", en: Children's rights", "");
        let errs = Config::parse(Path::new("site.yaml"), &half)
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 5);
        assert!(errs[0].message.contains("childrens-rights") && errs[0].message.contains("en"));
        let reserved = text.replace("  topics:", "  title:");
        let errs = Config::parse(Path::new("site.yaml"), &reserved)
            .err()
            .unwrap_or_default();
        assert!(errs[0].message.contains("`title` cannot name"), "{errs:?}");
    }
}
