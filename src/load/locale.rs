//! Fluent strings, dates and numbers for each language of the site.
//!
//! Everything the theme says comes from `locales/<lang>/*.ftl`, so adding a
//! language needs no Rust change: month names, the date pattern and the digit
//! grouping separator live there too.

use crate::date::PartialDate;
use crate::diagnostic::{line_col, Diagnostic};
use fluent::concurrent::FluentBundle;
use fluent::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Keys the generator itself needs in every language, beyond what templates use.
pub(crate) const REQUIRED_KEYS: &[&str] = &[
    "language-name",
    "og-locale",
    "date-day-month-year",
    "date-month-year",
    "number-group-separator",
    "month-1",
    "month-2",
    "month-3",
    "month-4",
    "month-5",
    "month-6",
    "month-7",
    "month-8",
    "month-9",
    "month-10",
    "month-11",
    "month-12",
    "stats-fewer-than",
    "stats-hidden",
    "stats-total",
    "stats-count",
    "stats-note-primary",
    "stats-note-secondary",
    "stats-as-of",
    "stats-source",
    "stats-chart",
    "stats-undated",
];

/// The strings of one language.
pub(crate) struct Locale {
    /// Language code, e.g. `az`.
    pub code: String,
    bundle: FluentBundle<FluentResource>,
    /// Every message key of the language, sorted (for "did you mean").
    keys: Vec<String>,
    /// Each message that needs no argument, formatted once: templates ask for the
    /// same few strings (`t(key="home")`) on every page.
    plain: HashMap<String, String>,
    group_separator: String,
    months: Vec<String>,
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locale").field("code", &self.code).finish()
    }
}

/// An argument value for a message.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Arg {
    /// A number (plural selection works on it).
    Number(f64),
    /// Text.
    Text(String),
}

impl Locale {
    /// Formats message `key` with `args`; an unknown key or a bad reference is an error.
    pub(crate) fn message(&self, key: &str, args: &[(&str, Arg)]) -> Result<String, String> {
        if let (true, Some(text)) = (args.is_empty(), self.plain.get(key)) {
            return Ok(text.clone());
        }
        let msg = self.bundle.get_message(key).ok_or_else(|| {
            let mut m = format!("the text `{key}` is not in locales/{}/", self.code);
            if let Some(s) = self.did_you_mean(key) {
                m.push_str(": ");
                m.push_str(&s);
            }
            m
        })?;
        let pattern = msg
            .value()
            .ok_or_else(|| format!("the text `{key}` in locales/{}/ has no value", self.code))?;
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Number(n) => fargs.set(*name, FluentValue::from(*n)),
                Arg::Text(t) => fargs.set(*name, FluentValue::from(t.clone())),
            }
        }
        let mut errors = Vec::new();
        let out = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errors);
        if let Some(e) = errors.first() {
            return Err(format!(
                "the text `{key}` in locales/{}/ could not be filled in: {e}",
                self.code
            ));
        }
        Ok(out.into_owned())
    }

    /// Every message key of this language, sorted.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &str> {
        self.keys.iter().map(String::as_str)
    }

    /// "did you mean `read-more`?" for a key this language does not have, from its own
    /// keys; `None` when none is close.
    pub(crate) fn did_you_mean(&self, key: &str) -> Option<String> {
        crate::suggest::did_you_mean(key, self.keys())
    }

    /// A plain message with no arguments; empty if missing (keys are checked at load).
    pub(crate) fn text(&self, key: &str) -> String {
        self.message(key, &[]).unwrap_or_default()
    }

    /// A date as people write it in this language: `24 noyabr 2026`, `November 2000`, `2011`.
    pub(crate) fn format_date(&self, date: PartialDate) -> String {
        let month = date
            .month
            .and_then(|m| self.months.get(usize::from(m) - 1))
            .cloned()
            .unwrap_or_default();
        let year = Arg::Text(date.year.to_string());
        // The month's number too, so a language can pick another form of its name
        // (Russian: "30 июня 2026" but "ноябрь 2000").
        let number = Arg::Number(f64::from(date.month.unwrap_or(0)));
        match (date.month, date.day) {
            (Some(_), Some(day)) => self.message(
                "date-day-month-year",
                &[
                    ("day", Arg::Text(day.to_string())),
                    ("month", Arg::Text(month)),
                    ("month_number", number),
                    ("year", year),
                ],
            ),
            (Some(_), None) => self.message(
                "date-month-year",
                &[
                    ("month", Arg::Text(month)),
                    ("month_number", number),
                    ("year", year),
                ],
            ),
            _ => Ok(date.year.to_string()),
        }
        .unwrap_or_else(|_| date.iso())
    }

    /// A whole number with this language's digit grouping: az `1.234`, en `1,234`.
    pub(crate) fn format_number(&self, n: u64) -> String {
        group_digits(n, &self.group_separator)
    }
}

/// Inserts `sep` between groups of three digits.
pub(crate) fn group_digits(n: u64, sep: &str) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * sep.len());
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(c);
    }
    out
}

/// All languages' strings, checked to have the same keys.
#[derive(Debug)]
pub(crate) struct Locales {
    by_code: BTreeMap<String, Locale>,
}

impl Locales {
    /// The strings of `lang` (every site language has one after a successful load).
    pub(crate) fn get(&self, lang: &str) -> Option<&Locale> {
        self.by_code.get(lang)
    }

    /// Loads `locales/<lang>/*.ftl` for every language; all problems come back together.
    pub(crate) fn load(root: &Path, languages: &[String]) -> Result<Locales, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut bundles = BTreeMap::new();
        let mut defined = Defined::default();
        for lang in languages {
            if let Some(bundle) = load_language(root, lang, &mut defined, &mut errors) {
                bundles.insert(lang.clone(), bundle);
            }
        }
        // After a syntax error, keys in the broken entry look missing: report the cause only.
        if errors.is_empty() {
            errors.extend(missing_keys(&defined, languages, &bundles));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let by_code = bundles
            .into_iter()
            .map(|(code, bundle)| {
                let keys = defined
                    .keys
                    .iter()
                    .filter(|(_, langs)| langs.contains_key(&code))
                    .map(|(k, _)| k.clone())
                    .collect();
                let mut locale = Locale {
                    code: code.clone(),
                    bundle,
                    keys,
                    plain: HashMap::new(),
                    group_separator: String::new(),
                    months: Vec::new(),
                };
                locale.plain = locale
                    .keys
                    .iter()
                    .filter_map(|k| Some((k.clone(), locale.message(k, &[]).ok()?)))
                    .collect();
                locale.group_separator = locale.text("number-group-separator");
                locale.months = (1..=12)
                    .map(|m| locale.text(&format!("month-{m}")))
                    .collect();
                (code, locale)
            })
            .collect();
        Ok(Locales { by_code })
    }
}

/// Where a key is defined in one language.
#[derive(Debug, Clone)]
struct Definition {
    /// `locales/<lang>/<name>.ftl`.
    file: PathBuf,
    /// 1-based line of `key =`.
    line: usize,
    /// That line's text, shown under the message.
    text: String,
}

/// What the `.ftl` files of every language define.
#[derive(Debug, Default)]
struct Defined {
    /// Key → language → where it is defined.
    keys: BTreeMap<String, BTreeMap<String, Definition>>,
    /// Language → the names of its `.ftl` files.
    files: BTreeMap<String, BTreeSet<String>>,
}

/// Reads every `.ftl` file of one language into a bundle, noting where each key is
/// defined; `None` when the language has no folder or no valid code.
fn load_language(
    root: &Path,
    lang: &str,
    defined: &mut Defined,
    errors: &mut Vec<Diagnostic>,
) -> Option<FluentBundle<FluentResource>> {
    let dir_rel = Path::new("locales").join(lang);
    let dir = root.join(&dir_rel);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        errors.push(Diagnostic::error(
            &dir_rel,
            0,
            0,
            format!("there is no folder of texts for the language `{lang}`"),
            format!(
                "create {} with .ftl files (copy another language's and translate them)",
                dir_rel.display()
            ),
        ));
        return None;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
        .collect();
    files.sort();
    // site.yaml's check refuses codes Fluent cannot read, at their line.
    let langid = lang.parse::<unic_langid::LanguageIdentifier>().ok()?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks (U+2068/U+2069) around arguments would end up inside HTML text.
    bundle.set_use_isolating(false);
    // `{ $n }-{ AZ_ABLATIVE($n) }`: 10-dan, 5-dən (see az_numbers); any language may use it.
    if let Err(e) = bundle.add_function("AZ_ABLATIVE", crate::az_numbers::fluent_az_ablative) {
        errors.push(Diagnostic::error(
            &dir_rel,
            0,
            0,
            format!("{e}"),
            "AZ_ABLATIVE is the generator's own Fluent function",
        ));
    }
    for file in files {
        let name = file.file_name().unwrap_or_default();
        defined
            .files
            .entry(lang.to_string())
            .or_default()
            .insert(name.to_string_lossy().into_owned());
        let rel = dir_rel.join(name);
        let source = match crate::load::read::text_file(&file, &rel) {
            Ok(s) => s,
            Err(d) => {
                errors.push(d);
                continue;
            }
        };
        let resource = parse_resource(&source, &rel, errors);
        note_keys(&resource, &source, lang, &rel, defined);
        if let Err(errs) = bundle.add_resource(resource) {
            for e in errs {
                // The second definition is the one to remove or rename.
                let line = match &e {
                    fluent::FluentError::Overriding { id, .. } => last_definition(&source, id),
                    _ => 0,
                };
                errors.push(
                    Diagnostic::error(
                        &rel,
                        line,
                        usize::from(line > 0),
                        format!("{e}"),
                        "each key may be defined once per language",
                    )
                    .with_source(&source),
                );
            }
        }
    }
    Some(bundle)
}

/// Parses a Fluent file; its syntax errors are reported at the broken entry, and the
/// entries that did parse are kept.
fn parse_resource(source: &str, rel: &Path, errors: &mut Vec<Diagnostic>) -> FluentResource {
    match FluentResource::try_new(source.to_string()) {
        Ok(r) => r,
        Err((r, errs)) => {
            for e in errs {
                // The broken entry's start is where the editor must look, not where parsing gave up.
                let at = e.slice.as_ref().map_or(e.pos.start, |r| r.start);
                let (line, col) = line_col(source, at);
                errors.push(
                    Diagnostic::error(
                        rel,
                        line,
                        col,
                        format!("this Fluent text cannot be read: {}", e.kind),
                        "each entry is `key = text`; continuation lines are indented; check braces { }",
                    )
                    .with_source(source),
                );
            }
            r
        }
    }
}

/// The line of the last `id =` in a Fluent file, 0 if there is none.
fn last_definition(source: &str, id: &str) -> usize {
    source
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            l.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|(i, _)| i + 1)
        .last()
        .unwrap_or(0)
}

/// The line of the first `id =` in a Fluent file, 0 if there is none.
fn first_definition(source: &str, id: &str) -> usize {
    source
        .lines()
        .position(|l| {
            l.strip_prefix(id)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

/// Notes where each message of a file is defined, for the missing-key check.
fn note_keys(
    resource: &FluentResource,
    source: &str,
    lang: &str,
    rel: &Path,
    defined: &mut Defined,
) {
    for entry in resource.entries() {
        if let fluent_syntax::ast::Entry::Message(m) = entry {
            let id = m.id.name.to_string();
            let line = first_definition(source, &id);
            let text = line
                .checked_sub(1)
                .and_then(|i| source.lines().nth(i))
                .unwrap_or_default()
                .to_string();
            defined.keys.entry(id).or_default().insert(
                lang.to_string(),
                Definition {
                    file: rel.to_path_buf(),
                    line,
                    text,
                },
            );
        }
    }
}

/// Key → the languages (loaded, in the site's order) that lack it.
type Missing<'a> = BTreeMap<&'a str, Vec<&'a str>>;

/// Keys defined in one language (or needed by the generator) and missing in another,
/// one report per cause: a misspelt key is one report (not "missing here" and "missing
/// everywhere else"), a whole file not copied to a language is one report, and any
/// other key is one report for all the languages that lack it, at its line in a
/// language that has it.
fn missing_keys(
    defined: &Defined,
    languages: &[String],
    bundles: &BTreeMap<String, FluentBundle<FluentResource>>,
) -> Vec<Diagnostic> {
    let loaded: Vec<&str> = languages
        .iter()
        .map(String::as_str)
        .filter(|l| bundles.contains_key(*l))
        .collect();
    let mut missing: Missing<'_> = BTreeMap::new();
    let all_keys = defined
        .keys
        .keys()
        .map(String::as_str)
        .chain(REQUIRED_KEYS.iter().copied());
    for key in all_keys {
        let langs = defined.keys.get(key);
        let lacking: Vec<&str> = loaded
            .iter()
            .copied()
            .filter(|l| !langs.is_some_and(|m| m.contains_key(*l)))
            .collect();
        if !lacking.is_empty() {
            missing.insert(key, lacking);
        }
    }
    let mut errors = misspelt_keys(defined, &loaded, &mut missing);
    errors.extend(missing_files(defined, &loaded, &mut missing));
    for (key, langs) in &missing {
        errors.push(missing_key(defined, &loaded, key, langs));
    }
    errors
}

/// Where `key` is defined in the first language (in the site's order) that has it.
fn reference<'a>(defined: &'a Defined, loaded: &[&str], key: &str) -> Option<&'a Definition> {
    let langs = defined.keys.get(key)?;
    loaded.iter().find_map(|l| langs.get(*l))
}

/// A key a language lacks next to a key only that language has, close in spelling:
/// one misspelling, reported once at the misspelt line.
fn misspelt_keys(defined: &Defined, loaded: &[&str], missing: &mut Missing<'_>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if loaded.len() < 2 {
        return errors;
    }
    for (at, &lang) in loaded.iter().enumerate() {
        // The right spelling is the one the generator needs, or the one of more than one
        // language, or of a language before this one (the default language first).
        let trusted = |key: &str| {
            REQUIRED_KEYS.contains(&key)
                || defined
                    .keys
                    .get(key)
                    .is_some_and(|m| m.len() > 1 || loaded[..at].iter().any(|l| m.contains_key(*l)))
        };
        let mut own: Vec<&str> = defined
            .keys
            .iter()
            .filter(|(_, langs)| langs.len() == 1 && langs.contains_key(lang))
            .map(|(k, _)| k.as_str())
            .collect();
        let lacked: Vec<&str> = missing
            .iter()
            .filter(|(k, langs)| langs.contains(&lang) && trusted(k))
            .map(|(k, _)| *k)
            .collect();
        for wanted in lacked {
            let Some(&typo) = crate::suggest::nearest(wanted, own.iter().copied()).first() else {
                continue;
            };
            own.retain(|k| *k != typo);
            missing.remove(typo);
            if let Some(langs) = missing.get_mut(wanted) {
                langs.retain(|l| *l != lang);
                if langs.is_empty() {
                    missing.remove(wanted);
                }
            }
            let Some(def) = defined.keys.get(typo).and_then(|m| m.get(lang)) else {
                continue;
            };
            errors.push(
                Diagnostic::error(
                    &def.file,
                    def.line,
                    1,
                    format!(
                        "the text `{typo}` is only in `{lang}`, and `{wanted}` is missing in `{lang}`: is `{typo}` a misspelling of `{wanted}`?"
                    ),
                    format!("rename it `{wanted}`"),
                )
                .with_source_line(&def.text),
            );
        }
    }
    errors
}

/// A `.ftl` file of one language whose name no file of another language has, and every
/// text of which that language lacks: one report, at the file, to copy it.
fn missing_files<'a>(
    defined: &'a Defined,
    loaded: &[&str],
    missing: &mut Missing<'a>,
) -> Vec<Diagnostic> {
    // File name → (the first language that has it, its keys there).
    let mut by_name: BTreeMap<String, (&str, Vec<&str>)> = BTreeMap::new();
    for &lang in loaded {
        for name in defined.files.get(lang).into_iter().flatten() {
            let file = Path::new("locales").join(lang).join(name);
            by_name.entry(name.clone()).or_insert_with(|| {
                let keys = defined
                    .keys
                    .iter()
                    .filter(|(_, m)| m.get(lang).is_some_and(|d| d.file == file))
                    .map(|(k, _)| k.as_str())
                    .collect();
                (lang, keys)
            });
        }
    }
    let mut errors = Vec::new();
    for (name, (from, keys)) in &by_name {
        if keys.len() < 2 {
            continue;
        }
        let lacking: Vec<&str> = loaded
            .iter()
            .copied()
            .filter(|l| !defined.files.get(*l).is_some_and(|f| f.contains(name)))
            .filter(|l| {
                keys.iter()
                    .all(|k| missing.get(k).is_some_and(|m| m.contains(l)))
            })
            .collect();
        if lacking.is_empty() {
            continue;
        }
        for k in keys {
            if let Some(m) = missing.get_mut(k) {
                m.retain(|l| !lacking.contains(l));
                if m.is_empty() {
                    missing.remove(k);
                }
            }
        }
        let copies: Vec<String> = lacking
            .iter()
            .map(|l| format!("locales/{l}/{name}"))
            .collect();
        errors.push(Diagnostic::error(
            Path::new("locales").join(from).join(name),
            0,
            0,
            format!(
                "the {} texts of this file are missing in {} (no {name} there)",
                keys.len(),
                and_list(&lacking)
            ),
            format!("copy it to {} and translate it", copies.join(" and ")),
        ));
    }
    errors
}

/// One key missing in some languages: at its line in a language that has it.
fn missing_key(defined: &Defined, loaded: &[&str], key: &str, langs: &[&str]) -> Diagnostic {
    let Some(def) = reference(defined, loaded, key) else {
        let folders: Vec<String> = langs.iter().map(|l| format!("locales/{l}/")).collect();
        return Diagnostic::error(
            Path::new("locales").join(langs.first().copied().unwrap_or_default()),
            0,
            0,
            format!(
                "the generator needs the text `{key}`, and it is missing in {}",
                and_list(langs)
            ),
            format!("add `{key} = ...` to a file in {}", folders.join(" and ")),
        );
    };
    let name = def.file.file_name().unwrap_or_default().to_string_lossy();
    let targets: Vec<String> = langs
        .iter()
        .map(|l| {
            if defined
                .files
                .get(*l)
                .is_some_and(|f| f.contains(name.as_ref()))
            {
                format!("locales/{l}/{name}")
            } else {
                format!("a file in locales/{l}/")
            }
        })
        .collect();
    Diagnostic::error(
        &def.file,
        def.line,
        1,
        format!("the text `{key}` is missing in {}", and_list(langs)),
        format!("add `{key} = ...` to {}", targets.join(" and ")),
    )
    .with_source_line(&def.text)
}

/// "`en`", "`en` and `ru`", "`az`, `en` and `ru`".
fn and_list(items: &[&str]) -> String {
    let quoted: Vec<String> = items.iter().map(|i| format!("`{i}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_locale(root: &Path, lang: &str, body: &str) {
        let dir = root.join("locales").join(lang);
        std::fs::create_dir_all(&dir).unwrap_or_default();
        std::fs::write(dir.join("main.ftl"), body).unwrap_or_default();
        // The statistics strings every language needs, in a file of their own.
        let stats: String = REQUIRED_KEYS
            .iter()
            .filter(|k| k.starts_with("stats-"))
            .map(|k| format!("{k} = x\n"))
            .collect();
        std::fs::write(dir.join("stats.ftl"), stats).unwrap_or_default();
    }

    const BASE_AZ: &str = "language-name = Azərbaycanca\nog-locale = az_AZ\ndate-day-month-year = { $day } { $month } { $year }\ndate-month-year = { $month } { $year }\nnumber-group-separator = .\nmonth-1 = yanvar\nmonth-2 = fevral\nmonth-3 = mart\nmonth-4 = aprel\nmonth-5 = may\nmonth-6 = iyun\nmonth-7 = iyul\nmonth-8 = avqust\nmonth-9 = sentyabr\nmonth-10 = oktyabr\nmonth-11 = noyabr\nmonth-12 = dekabr\n";
    const BASE_EN: &str = "language-name = English\nog-locale = en_GB\ndate-day-month-year = { $day } { $month } { $year }\ndate-month-year = { $month } { $year }\nnumber-group-separator = ,\nmonth-1 = January\nmonth-2 = February\nmonth-3 = March\nmonth-4 = April\nmonth-5 = May\nmonth-6 = June\nmonth-7 = July\nmonth-8 = August\nmonth-9 = September\nmonth-10 = October\nmonth-11 = November\nmonth-12 = December\n";

    fn langs() -> Vec<String> {
        vec!["az".into(), "en".into()]
    }

    #[test]
    fn dates_numbers_and_plurals_follow_the_language() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let plural_az =
            "children = { $count -> \n    [one] { $count } uşaq (tək)\n   *[other] { $count } uşaq\n}\n";
        let plural_en = "children = { $count -> \n    [one] { $count } child\n   *[other] { $count } children\n}\n";
        write_locale(dir.path(), "az", &format!("{BASE_AZ}{plural_az}"));
        write_locale(dir.path(), "en", &format!("{BASE_EN}{plural_en}"));
        let l = Locales::load(dir.path(), &langs())
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let (az, en) = (
            l.get("az").unwrap_or_else(|| panic!()),
            l.get("en").unwrap_or_else(|| panic!()),
        );
        let d = PartialDate {
            year: 2026,
            month: Some(11),
            day: Some(24),
        };
        assert_eq!(az.format_date(d), "24 noyabr 2026");
        assert_eq!(en.format_date(d), "24 November 2026");
        assert_eq!(
            en.format_date(PartialDate {
                year: 2000,
                month: Some(11),
                day: None
            }),
            "November 2000"
        );
        assert_eq!(az.format_number(1234), "1.234");
        assert_eq!(en.format_number(1_234_567), "1,234,567");
        assert_eq!(en.format_number(999), "999");
        assert_eq!(
            en.message("children", &[("count", Arg::Number(1.0))]),
            Ok("1 child".into())
        );
        assert_eq!(
            en.message("children", &[("count", Arg::Number(5.0))]),
            Ok("5 children".into())
        );
        // The variants differ only in tests, so that az's own plural rule is what picks them.
        for (n, want) in [(1.0, "1 uşaq (tək)"), (5.0, "5 uşaq"), (21.0, "21 uşaq")] {
            assert_eq!(
                az.message("children", &[("count", Arg::Number(n))]),
                Ok(want.into())
            );
        }
    }

    #[test]
    fn strings_formatted_once_answer_as_fluent_does() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let extra = "brand = SOS\nthanks = Thank you, { brand }\ngreet = Hello, { $name }\n";
        write_locale(dir.path(), "az", &format!("{BASE_AZ}{extra}"));
        write_locale(dir.path(), "en", &format!("{BASE_EN}{extra}"));
        let l = Locales::load(dir.path(), &langs())
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let en = l.get("en").unwrap_or_else(|| panic!());
        assert_eq!(en.message("thanks", &[]), Ok("Thank you, SOS".into()));
        assert_eq!(
            en.message("greet", &[("name", Arg::Text("Aysel".into()))]),
            Ok("Hello, Aysel".into())
        );
        // A message that needs an argument is still an error without it.
        let missing = en.message("greet", &[]).err().unwrap_or_default();
        assert!(missing.contains("could not be filled in"), "{missing}");
        assert!(en.message("no-such-key", &[]).is_err());
    }

    #[test]
    fn a_key_defined_twice_is_an_error_at_its_second_definition() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", BASE_AZ);
        write_locale(dir.path(), "en", BASE_EN);
        let extra = dir.path().join("locales/en/more.ftl");
        std::fs::write(&extra, "# more\nread-more = More\nlanguage-name = Again\n")
            .unwrap_or_default();
        let errs = Locales::load(dir.path(), &langs())
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].file, Path::new("locales/en/more.ftl"));
        assert_eq!(errs[0].line, 3);
        assert!(
            errs[0].message.contains("language-name"),
            "{}",
            errs[0].message
        );
    }

    #[test]
    fn az_ablative_is_a_fluent_function_of_every_language() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let fewer = "fewer = { $n }-{ AZ_ABLATIVE($n) } az\n";
        write_locale(dir.path(), "az", &format!("{BASE_AZ}{fewer}"));
        write_locale(dir.path(), "en", &format!("{BASE_EN}{fewer}"));
        let l = Locales::load(dir.path(), &langs())
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let az = l.get("az").unwrap_or_else(|| panic!());
        let fewer_than = |n: f64| az.message("fewer", &[("n", Arg::Number(n))]);
        assert_eq!(fewer_than(10.0), Ok("10-dan az".into()));
        assert_eq!(fewer_than(5.0), Ok("5-dən az".into()));
        assert_eq!(fewer_than(16.0), Ok("16-dan az".into()));
        assert_eq!(fewer_than(20.0), Ok("20-dən az".into()));
        assert!(l.get("en").is_some_and(|en| en
            .message("fewer", &[("n", Arg::Number(6.0))])
            .is_ok_and(|s| s == "6-dan az")));
        // Not a whole number: no suffix is guessed; Fluent shows the call as it does any failed one.
        assert_eq!(fewer_than(2.5), Ok("2.5-AZ_ABLATIVE() az".into()));
    }

    #[test]
    fn a_language_can_choose_the_month_form_by_its_number() {
        // Russian: genitive after a day, nominative alone.
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let ru = BASE_EN
            .replace("month-11 = November", "month-11 = ноября")
            .replace(
                "date-month-year = { $month } { $year }",
                "date-month-year = { $month_number ->\n    [11] ноябрь\n   *[other] { $month }\n} { $year }",
            );
        write_locale(dir.path(), "az", BASE_AZ);
        write_locale(dir.path(), "ru", &ru);
        let l = Locales::load(dir.path(), &["az".into(), "ru".into()])
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"));
        let ru = l.get("ru").unwrap_or_else(|| panic!());
        let nov = |day| PartialDate {
            year: 2000,
            month: Some(11),
            day,
        };
        assert_eq!(ru.format_date(nov(Some(30))), "30 ноября 2000");
        assert_eq!(ru.format_date(nov(None)), "ноябрь 2000");
    }

    #[test]
    fn a_key_missing_in_one_language_is_an_error_naming_key_and_language() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", &format!("{BASE_AZ}read-more = Ətraflı\n"));
        write_locale(dir.path(), "en", BASE_EN);
        let errs = Locales::load(dir.path(), &langs())
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1);
        // At the line of the language that has it, telling where to add it.
        assert_eq!(
            (errs[0].file.as_path(), errs[0].line),
            (Path::new("locales/az/main.ftl"), 18)
        );
        assert_eq!(errs[0].message, "the text `read-more` is missing in `en`");
        assert_eq!(errs[0].hint, "add `read-more = ...` to locales/en/main.ftl");
        assert_eq!(errs[0].source_line.as_deref(), Some("read-more = Ətraflı"));
    }

    fn three_langs() -> Vec<String> {
        vec!["az".into(), "en".into(), "ru".into()]
    }

    #[test]
    fn a_key_missing_in_two_languages_is_one_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", &format!("{BASE_AZ}read-more = Ətraflı\n"));
        write_locale(dir.path(), "en", BASE_EN);
        write_locale(dir.path(), "ru", BASE_EN);
        let errs = Locales::load(dir.path(), &three_langs())
            .err()
            .unwrap_or_default();
        let messages: Vec<&str> = errs.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            ["the text `read-more` is missing in `en` and `ru`"]
        );
        assert_eq!(
            errs[0].hint,
            "add `read-more = ...` to locales/en/main.ftl and locales/ru/main.ftl"
        );
    }

    #[test]
    fn a_misspelt_key_is_one_error_at_the_misspelling() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", &format!("{BASE_AZ}read-more = Ətraflı\n"));
        write_locale(dir.path(), "en", &format!("{BASE_EN}read-more = More\n"));
        write_locale(
            dir.path(),
            "ru",
            &format!("{BASE_EN}# more\nread-mroe = Ещё\n"),
        );
        let errs = Locales::load(dir.path(), &three_langs())
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            (errs[0].file.as_path(), errs[0].line),
            (Path::new("locales/ru/main.ftl"), 19)
        );
        assert_eq!(
            errs[0].message,
            "the text `read-mroe` is only in `ru`, and `read-more` is missing in `ru`: is `read-mroe` a misspelling of `read-more`?"
        );
        assert_eq!(errs[0].hint, "rename it `read-more`");
    }

    #[test]
    fn a_file_not_copied_to_a_language_is_one_error() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", BASE_AZ);
        write_locale(dir.path(), "en", BASE_EN);
        write_locale(dir.path(), "ru", BASE_EN);
        let _ = std::fs::remove_file(dir.path().join("locales/ru/stats.ftl"));
        let errs = Locales::load(dir.path(), &three_langs())
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].file, Path::new("locales/az/stats.ftl"));
        let n = REQUIRED_KEYS
            .iter()
            .filter(|k| k.starts_with("stats-"))
            .count();
        assert_eq!(
            errs[0].message,
            format!("the {n} texts of this file are missing in `ru` (no stats.ftl there)")
        );
        assert_eq!(
            errs[0].hint,
            "copy it to locales/ru/stats.ftl and translate it"
        );
    }

    #[test]
    fn an_unknown_key_suggests_the_nearest_one() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", BASE_AZ);
        write_locale(dir.path(), "en", BASE_EN);
        let l = Locales::load(dir.path(), &langs()).unwrap_or_else(|e| panic!("{e:?}"));
        let en = l.get("en").unwrap_or_else(|| panic!());
        assert_eq!(
            en.message("languge-name", &[]),
            Err(
                "the text `languge-name` is not in locales/en/: did you mean `language-name`?"
                    .into()
            )
        );
        assert_eq!(
            en.message("nothing-like-it", &[]),
            Err("the text `nothing-like-it` is not in locales/en/".into())
        );
    }

    #[test]
    fn a_fluent_syntax_error_is_located() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        write_locale(dir.path(), "az", &format!("{BASE_AZ}broken = {{ $x\n"));
        write_locale(dir.path(), "en", &format!("{BASE_EN}broken = x\n"));
        let errs = Locales::load(dir.path(), &langs())
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(
            errs[0].file.ends_with("main.ftl") && errs[0].line == 18,
            "{errs:?}"
        );
    }

    #[test]
    fn the_sites_own_strings_take_each_languages_plural_and_date_forms() {
        let langs: Vec<String> = ["az", "en", "ru"].iter().map(|s| s.to_string()).collect();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        let locales = Locales::load(repo, &langs).unwrap_or_else(|e| panic!("{e:?}"));
        let count = |lang: &str, n: f64| {
            locales
                .get(lang)
                .and_then(|l| {
                    l.message("section-count", &[("count", Arg::Number(n))])
                        .ok()
                })
                .unwrap_or_default()
        };
        // Russian: one (1, 21), few (2–4, 22), many (0, 5–20, 25).
        for (n, want) in [
            (1.0, "1 страница"),
            (2.0, "2 страницы"),
            (4.0, "4 страницы"),
            (5.0, "5 страниц"),
            (11.0, "11 страниц"),
            (21.0, "21 страница"),
            (22.0, "22 страницы"),
            (25.0, "25 страниц"),
            (0.0, "0 страниц"),
        ] {
            assert_eq!(count("ru", n), want);
        }
        assert_eq!(count("en", 1.0), "1 page");
        assert_eq!(count("en", 6.0), "6 pages");
        // Azerbaijani keeps the noun singular after a number.
        assert_eq!(count("az", 1.0), "1 səhifə");
        assert_eq!(count("az", 6.0), "6 səhifə");
        let date = |lang: &str, iso: &str| {
            let d = PartialDate::parse(iso).unwrap_or_else(|| panic!("{iso}"));
            locales
                .get(lang)
                .map(|l| l.format_date(d))
                .unwrap_or_default()
        };
        assert_eq!(date("ru", "2000-11"), "ноябрь 2000 г.");
        assert_eq!(date("ru", "2026-06-30"), "30 июня 2026 г.");
        assert_eq!(date("az", "2000-11"), "noyabr 2000");
        assert_eq!(date("en", "2000-11"), "November 2000");
    }
}
