//! A page's front matter: the YAML block between `---` lines at its top.

use crate::date::PartialDate;
use crate::diagnostic::Diagnostic;
use crate::load::flat_yaml::{self, Flat};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::Path;

/// A YAML scalar that may be written as a number (`2011`) or as text (`2011-03`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
enum Scalar {
    Int(i64),
    Text(String),
}

impl Scalar {
    fn text(&self) -> String {
        match self {
            Scalar::Int(i) => i.to_string(),
            Scalar::Text(s) => s.clone(),
        }
    }
}

/// Every key of a page's front matter, as [`Raw`] names them (a taxonomy cannot be
/// named after one). A test checks the list against what the parser accepts.
pub(crate) const KEYS: &[&str] = &[
    "title",
    "description",
    "date",
    "updated",
    "draft",
    "noindex",
    "weight",
    "slug",
    "aliases",
    "image",
    "image_alt",
    "template",
    "paginate_by",
    "extra",
    "translated_from",
];

/// The front matter as written, each value where it is written. Besides what people
/// write, it takes what a CMS writes for a field left empty: `''` or nothing after
/// the colon (`null`). Read by serde-saphyr, or by [`flat_yaml`] when every line is
/// a plain `key: value`.
#[derive(Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    title: InBlock<String>,
    description: Option<String>,
    date: Option<InBlock<Option<Scalar>>>,
    updated: Option<InBlock<Option<Scalar>>>,
    draft: Option<bool>,
    noindex: Option<bool>,
    weight: Option<InBlock<Option<Scalar>>>,
    slug: Option<InBlock<String>>,
    aliases: Option<Vec<InBlock<String>>>,
    image: Option<InBlock<String>>,
    image_alt: Option<String>,
    template: Option<InBlock<String>>,
    paginate_by: Option<InBlock<i64>>,
    extra: Option<serde_json::Map<String, serde_json::Value>>,
    translated_from: Option<InBlock<String>>,
}

/// A front-matter value where it is written in the file. serde-saphyr gives its
/// place (as `Spanned`) counted from the block, which starts on file line 2.
#[derive(Debug, Clone, Default, PartialEq)]
struct InBlock<T>(Located<T>);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for InBlock<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Spanned::<T>::deserialize(d)?;
        Ok(InBlock(Located {
            line: s.referenced.line() as usize + 1,
            column: s.referenced.column() as usize,
            value: s.value,
        }))
    }
}

impl Raw {
    /// The front matter of plain `key: value` lines, or `None` when the YAML parser
    /// must read them: a key that is not a plain setting, a key given twice, a value
    /// of the wrong kind, or no title (the parser's errors say what is wrong).
    fn from_flat(entries: Vec<flat_yaml::Entry<'_>>) -> Option<Raw> {
        let (mut f, mut title) = (Raw::default(), None);
        for e in entries {
            let scalar = || match e.value {
                Flat::Int(i) => Some(Scalar::Int(i)),
                Flat::Text(t) => Some(Scalar::Text(t.to_string())),
                Flat::Bool(_) => None,
            };
            match (e.key, e.value) {
                ("title", Flat::Text(t)) => set(&mut title, placed(t.to_string(), &e))?,
                ("description", Flat::Text(t)) => set(&mut f.description, t.to_string())?,
                ("date", _) => set(&mut f.date, placed(Some(scalar()?), &e))?,
                ("updated", _) => set(&mut f.updated, placed(Some(scalar()?), &e))?,
                ("weight", _) => set(&mut f.weight, placed(Some(scalar()?), &e))?,
                ("draft", Flat::Bool(b)) => set(&mut f.draft, b)?,
                ("noindex", Flat::Bool(b)) => set(&mut f.noindex, b)?,
                ("slug", Flat::Text(t)) => set(&mut f.slug, placed(t.to_string(), &e))?,
                ("image", Flat::Text(t)) => set(&mut f.image, placed(t.to_string(), &e))?,
                ("image_alt", Flat::Text(t)) => set(&mut f.image_alt, t.to_string())?,
                ("template", Flat::Text(t)) => set(&mut f.template, placed(t.to_string(), &e))?,
                ("paginate_by", Flat::Int(i)) => set(&mut f.paginate_by, placed(i, &e))?,
                ("translated_from", Flat::Text(t)) => {
                    set(&mut f.translated_from, placed(t.to_string(), &e))?
                }
                _ => return None,
            }
        }
        f.title = title?;
        Some(f)
    }
}

/// `value` where entry `e` is written.
fn placed<T>(value: T, e: &flat_yaml::Entry<'_>) -> InBlock<T> {
    InBlock(Located {
        value,
        line: e.line,
        column: e.column,
    })
}

/// Fills an empty `slot`; `None` if it was filled already (a key given twice).
fn set<T>(slot: &mut Option<T>, value: T) -> Option<()> {
    slot.is_none().then(|| *slot = Some(value))
}

/// The fields of a front matter block that starts on file line 2: plain lines are
/// read directly, anything else by the YAML parser.
fn read_fields(file: &Path, yaml: &str) -> Result<Raw, Diagnostic> {
    if let Some(raw) = flat_yaml::entries(yaml, 2).and_then(Raw::from_flat) {
        return Ok(raw);
    }
    crate::load::yaml::parse(file, yaml, 2)
}

/// A value with the file line it was written on.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line in the page file.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
}

/// The checked front matter of a page.
#[derive(Debug, Clone, Default)]
pub(crate) struct FrontMatter {
    /// Title, required.
    pub title: String,
    /// Meta description.
    pub description: Option<String>,
    /// Publication date.
    pub date: Option<PartialDate>,
    /// Last update.
    pub updated: Option<PartialDate>,
    /// Left out of the build unless `--drafts`.
    pub draft: bool,
    /// Published, but kept out of the site's search.
    pub noindex: bool,
    /// Order among siblings (lower first); pages with a weight appear in navigation.
    pub weight: Option<i64>,
    /// The last URL segment for this language.
    pub slug: Option<Located<String>>,
    /// Social-card and listing image, relative to the page.
    pub image: Option<Located<String>>,
    /// Terms by taxonomy (`topics: [childrens-rights]`), each where it is written.
    pub taxonomies: BTreeMap<String, Vec<Located<String>>>,
    /// Free map for themes.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The file line of each top-level key written, for messages about a key as a whole.
    pub lines: KeyLines,
    /// The keys few pages set, apart: a page that sets none of them holds one pointer
    /// (a large site holds every page's front matter from load to the end).
    pub rare: Option<Box<Rare>>,
}

/// The keys of the front matter few pages set.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Rare {
    /// Old URLs that should redirect here.
    pub aliases: Vec<Located<String>>,
    /// Text alternative for `image`.
    pub image_alt: Option<String>,
    /// Template to use instead of the default for its kind.
    pub template: Option<Located<String>>,
    /// Pages per listing page of a section (`paginate_by: 10`); `None` lists all on one.
    pub paginate_by: Option<Located<usize>>,
    /// In a translation: the short hash of the default-language page it was made from
    /// (written by `ocaq translated`).
    pub translated_from: Option<Located<String>>,
}

/// What a page that sets none of the rare keys has.
static NO_RARE: Rare = Rare {
    aliases: Vec::new(),
    image_alt: None,
    template: None,
    paginate_by: None,
    translated_from: None,
};

impl FrontMatter {
    /// The rare keys: `aliases`, `image_alt`, `template`, `paginate_by`, `translated_from`.
    pub(crate) fn rare(&self) -> &Rare {
        self.rare.as_deref().unwrap_or(&NO_RARE)
    }

    /// Sets the rare keys (kept apart only when one is set).
    pub(crate) fn set_rare(&mut self, rare: Rare) {
        self.rare = (rare != Rare::default()).then(|| Box::new(rare));
    }
}

/// A page file split into its front matter and Markdown body.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    /// The YAML text between the fences.
    pub yaml: &'a str,
    /// The Markdown after the closing fence.
    pub body: &'a str,
    /// File line on which the body starts (1-based).
    pub body_line: usize,
}

/// Finds the `---` fences; the text must already have `\n` line endings and no BOM.
pub(crate) fn split<'a>(file: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        let hint = "start the file with a line `---`, then `title: ...`, then another `---` line";
        let message = if text.trim().is_empty() {
            "this page is empty"
        } else {
            "this page has no front matter (the settings block at the top)"
        };
        return Err(Diagnostic::error(file, 1, 1, message, hint).with_source(text));
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut offset = yaml_start;
    for (line, l) in (2..).zip(text[yaml_start..].split_inclusive('\n')) {
        let trimmed = l.trim_end();
        if trimmed == "---" {
            let body_start = offset + l.len();
            return Ok(Split {
                yaml: &text[yaml_start..offset],
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(Diagnostic::error(
        file,
        1,
        1,
        "the front matter is never closed",
        "add a line `---` after the last setting, before the page text",
    )
    .with_source(text))
}

/// Parses and checks the YAML of a front matter block that starts on file line 2, for a
/// site without taxonomies.
#[cfg(any(test, feature = "fuzzing"))]
pub(crate) fn parse(
    file: &Path,
    yaml: &str,
    full_text: &str,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    parse_with(file, yaml, full_text, &[])
}

/// Parses and checks a front matter block in which the site's `taxonomies` (names
/// declared in site.yaml) are keys too.
pub(crate) fn parse_with(
    file: &Path,
    yaml: &str,
    full_text: &str,
    taxonomies: &[String],
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let (rest, blocks) = split_taxonomy_blocks(yaml, taxonomies);
    let raw = read_fields(file, &rest).map_err(|d| vec![d.with_source(full_text)])?;
    let terms = taxonomy_terms(file, blocks, full_text)?;
    let mut errors = Vec::new();
    let mut date = |field: &str, v: &Option<InBlock<Option<Scalar>>>| -> Option<PartialDate> {
        let v = &v.as_ref()?.0;
        let text = v.value.as_ref()?.text();
        if text.trim().is_empty() {
            return None;
        }
        let parsed = PartialDate::parse(&text);
        if parsed.is_none() {
            errors.push(
                Diagnostic::error(
                    file,
                    v.line,
                    v.column,
                    format!("`{field}: {text}` is not a date"),
                    "write it as YYYY-MM-DD (2026-11-24), or YYYY-MM or YYYY when the day is not known; \
                     in the CMS, pick the day again in the date field",
                )
                .with_source(full_text),
            );
        }
        parsed
    };
    let date_v = date("date", &raw.date);
    let updated = date("updated", &raw.updated);
    let title = raw.title.0;
    if title.value.trim().is_empty() {
        errors.push(
            Diagnostic::error(
                file,
                title.line,
                title.column,
                "the title is empty",
                "give the page a title",
            )
            .with_source(full_text),
        );
    }
    let weight = weight(file, full_text, &raw.weight).unwrap_or_else(|d| {
        errors.push(d);
        None
    });
    let slug = non_empty(raw.slug);
    if let Some(s) = &slug {
        if let Some(problem) = slug_problem(&s.value) {
            errors.push(
                Diagnostic::error(file, s.line, s.column, format!("the slug `{}` {problem}", s.value),
                    "use only lowercase letters a-z, digits and hyphens, like `qisa-muddetli-qaygi` \
                     (in the CMS, the field “Address (slug)”)")
                .with_source(full_text),
            );
        }
    }
    let aliases: Vec<_> = raw.aliases.into_iter().flatten().map(|a| a.0).collect();
    errors.extend(
        aliases
            .iter()
            .filter_map(|a| alias_error(file, a, full_text)),
    );
    let paginate_by = paginate_by(file, raw.paginate_by.as_ref(), full_text, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut front = FrontMatter {
        title: title.value,
        description: raw.description.filter(|d| !d.trim().is_empty()),
        date: date_v,
        updated,
        draft: raw.draft.unwrap_or(false),
        noindex: raw.noindex.unwrap_or(false),
        weight,
        slug,
        image: non_empty(raw.image),
        taxonomies: terms,
        extra: raw.extra.unwrap_or_default(),
        lines: key_lines(yaml),
        rare: None,
    };
    front.set_rare(Rare {
        aliases,
        image_alt: raw.image_alt.filter(|a| !a.trim().is_empty()),
        template: non_empty(raw.template),
        paginate_by,
        translated_from: non_empty(raw.translated_from),
    });
    Ok(front)
}

/// The error for an alias that is not a path from the site root.
fn alias_error(file: &Path, alias: &Located<String>, full_text: &str) -> Option<Diagnostic> {
    let a = &alias.value;
    let bad = !a.starts_with('/')
        || a.split('/').any(|seg| seg == ".." || seg == ".")
        || a.contains(['\\', '?', '#']);
    bad.then(|| {
        Diagnostic::error(
            file,
            alias.line,
            alias.column,
            format!("the alias `{a}` is not a site path"),
            "write the old address as a path from the site root, like `/old/page/`",
        )
        .with_source(full_text)
    })
}

/// The file line of each top-level key, packed in two buffers: kept for every page
/// of a build and read only for a rare warning, where a map of strings cost 370 bytes
/// a page in a dozen allocations.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct KeyLines {
    /// The keys one after another.
    names: String,
    /// Where each key ends in `names`, and its line.
    ends: Vec<(u32, u32)>,
}

impl KeyLines {
    /// The line of `key`'s first occurrence.
    pub(crate) fn get(&self, key: &str) -> Option<usize> {
        let mut start = 0;
        for &(end, line) in &self.ends {
            let end = end as usize;
            if self.names.get(start..end) == Some(key) {
                return Some(line as usize);
            }
            start = end;
        }
        None
    }

    /// Records `key` on `line` unless it was seen before.
    pub(crate) fn insert(&mut self, key: &str, line: usize) {
        if self.get(key).is_none() {
            self.names.push_str(key);
            self.ends.push((self.names.len() as u32, line as u32));
        }
    }
}

/// The file line of each top-level key of a block that starts on file line 2.
fn key_lines(yaml: &str) -> KeyLines {
    let mut out = KeyLines::default();
    for (n, line) in yaml.split_inclusive('\n').enumerate() {
        if line.trim().is_empty() || line.starts_with([' ', '\t', '-', '#']) {
            continue;
        }
        if let Some((key, _)) = line.split_once(':') {
            out.insert(key.trim().trim_matches(['"', '\'']), n + 2);
        }
    }
    out.names.shrink_to_fit();
    out.ends.shrink_to_fit();
    out
}

/// A text setting, unless a CMS wrote it empty (`slug: ''`): empty means not set.
fn non_empty(v: Option<InBlock<String>>) -> Option<Located<String>> {
    v.map(|v| v.0).filter(|s| !s.value.trim().is_empty())
}

/// The order of a page: a whole number, written bare or (as some CMS number
/// fields do) quoted; empty means not set.
fn weight(
    file: &Path,
    full_text: &str,
    v: &Option<InBlock<Option<Scalar>>>,
) -> Result<Option<i64>, Diagnostic> {
    let Some(InBlock(v)) = v else { return Ok(None) };
    match &v.value {
        None => Ok(None),
        Some(Scalar::Int(i)) => Ok(Some(*i)),
        Some(Scalar::Text(t)) if t.trim().is_empty() => Ok(None),
        Some(Scalar::Text(t)) => t.trim().parse().map(Some).map_err(|_| {
            Diagnostic::error(
                file,
                v.line,
                v.column,
                format!("`weight: {t}` is not a whole number"),
                "write a whole number like 3, or leave the order field empty in the CMS",
            )
            .with_source(full_text)
        }),
    }
}

/// True for a translation a CMS created before anyone wrote it: no title and no
/// text. Decap CMS writes such a file for every language as soon as a field that
/// is the same in every language (a date, a photo) is set. It is a missing
/// translation, not a broken page.
pub(crate) fn is_unwritten(text: &str) -> bool {
    if text.trim().is_empty() {
        return true;
    }
    let Ok(split) = split(Path::new(""), text) else {
        return false;
    };
    if !split.body.trim().is_empty() {
        return false;
    }
    #[derive(Deserialize)]
    struct TitleOnly {
        title: Option<serde_json::Value>,
    }
    match serde_saphyr::from_str::<Option<TitleOnly>>(split.yaml) {
        Ok(None) => true,
        Ok(Some(t)) => match t.title {
            None | Some(serde_json::Value::Null) => true,
            Some(serde_json::Value::String(s)) => s.trim().is_empty(),
            Some(_) => false,
        },
        Err(_) => false,
    }
}

/// The terms of each taxonomy block, each where it is written.
fn taxonomy_terms(
    file: &Path,
    blocks: Vec<(String, String)>,
    full_text: &str,
) -> Result<BTreeMap<String, Vec<Located<String>>>, Vec<Diagnostic>> {
    let mut terms = BTreeMap::new();
    for (name, block) in blocks {
        // `cities: null` (or nothing after the colon) is what a CMS writes for a choice
        // left empty: not set, so a translation takes the default language's terms.
        let list: BTreeMap<String, Option<Vec<InBlock<String>>>> =
            crate::load::yaml::parse(file, &block, 2).map_err(|d| {
                let mut d = d.with_source(full_text);
                d.hint = format!("list the {name} by key, like `{name}: [first-key, second-key]`");
                vec![d]
            })?;
        for (k, v) in list {
            let Some(v) = v else { continue };
            let located = v.into_iter().map(|s| s.0).collect();
            terms.insert(k, located);
        }
    }
    Ok(terms)
}

/// The checked `paginate_by`: a whole number from 1, in a section's `_index` file only.
fn paginate_by(
    file: &Path,
    value: Option<&InBlock<i64>>,
    full_text: &str,
    errors: &mut Vec<Diagnostic>,
) -> Option<Located<usize>> {
    let v = &value?.0;
    let (line, column) = (v.line, v.column);
    let is_section = file
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("_index."));
    let problem = if !is_section {
        Some((
            "`paginate_by` splits a section's list of pages, and this page is not a section"
                .to_string(),
            "move it to the `_index` file of the folder whose list should be split",
        ))
    } else if v.value < 1 {
        Some((
            format!("`paginate_by: {}` is not a number of pages", v.value),
            "write how many pages each listing page shows, like `paginate_by: 10`",
        ))
    } else {
        None
    };
    if let Some((message, hint)) = problem {
        errors.push(Diagnostic::error(file, line, column, message, hint).with_source(full_text));
        return None;
    }
    Some(Located {
        value: usize::try_from(v.value).unwrap_or(usize::MAX),
        line,
        column,
    })
}

/// The front matter without its taxonomy keys, and each taxonomy key's block alone;
/// every text keeps the block's line numbers (other lines are left blank), so errors
/// point at the page's own lines. A taxonomy block is its top-level `name:` line and
/// the indented or `- ` lines under it.
fn split_taxonomy_blocks(yaml: &str, taxonomies: &[String]) -> (String, Vec<(String, String)>) {
    let mut rest = String::with_capacity(yaml.len());
    let mut blocks: Vec<(String, String)> = Vec::new();
    let mut current: Option<usize> = None;
    for (n, line) in yaml.split_inclusive('\n').enumerate() {
        let starts_key = !line.trim().is_empty() && !line.starts_with([' ', '\t', '-', '#']);
        if starts_key {
            let key = line.split_once(':').map_or("", |(k, _)| k.trim());
            current = taxonomies.iter().any(|t| t == key).then(|| {
                blocks.push((key.to_string(), "\n".repeat(n)));
                blocks.len() - 1
            });
        }
        rest.push_str(if current.is_none() { line } else { "\n" });
        for (b, block) in blocks.iter_mut().enumerate() {
            block
                .1
                .push_str(if current == Some(b) { line } else { "\n" });
        }
    }
    (rest, blocks)
}

/// Why a front-matter slug cannot be a URL segment, if it cannot.
fn slug_problem(slug: &str) -> Option<&'static str> {
    if slug.is_empty() {
        Some("is empty")
    } else if slug.contains('/') || slug.contains('\\') {
        Some("contains a slash; a slug is one part of an address")
    } else if slug == "." || slug == ".." || slug.contains("..") {
        Some("contains `..`")
    } else if !slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        Some("has characters other than a-z, 0-9 and -")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_page(text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        parse_file("content/a.az.md", text)
    }

    fn parse_file(file: &str, text: &str) -> Result<FrontMatter, Vec<Diagnostic>> {
        let p = Path::new(file);
        let s = split(p, text).map_err(|d| vec![d])?;
        parse(p, s.yaml, text)
    }

    #[test]
    fn body_line_and_front_matter_are_split() {
        let text = "---\ntitle: A\n---\nHello\n";
        let s = split(Path::new("a"), text).map_err(|d| d.to_string());
        let s = s.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Hello\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn unclosed_front_matter_and_missing_front_matter_are_errors() {
        let e = split(Path::new("a"), "---\ntitle: A\nHello\n")
            .err()
            .map(|d| d.message);
        assert_eq!(e.as_deref(), Some("the front matter is never closed"));
        let e = split(Path::new("a"), "Hello\n").err().map(|d| d.message);
        assert!(e.unwrap_or_default().contains("no front matter"));
        let e = split(Path::new("a"), "").err().map(|d| d.message);
        assert_eq!(e.as_deref(), Some("this page is empty"));
    }

    /// The (line, message) of each error a page's front matter gives.
    fn errors(text: &str) -> Vec<(usize, String)> {
        parse_page(text)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|d| (d.line, d.message))
            .collect()
    }

    #[test]
    fn an_empty_title_is_told_on_its_own_line() {
        assert_eq!(
            errors("---\ndate: 2020-01-01\ntitle: '  '\n---\n"),
            [(3, "the title is empty".to_string())]
        );
    }

    #[test]
    fn an_alias_must_be_a_plain_path_from_the_site_root() {
        for bad in ["kohne/", "/a/../b/", "/a/./b/", "/a?b=1", "/a#b", "/a\\b/"] {
            let text = format!("---\ntitle: A\naliases:\n  - /ok/\n  - '{bad}'\n---\n");
            assert_eq!(
                errors(&text),
                [(5, format!("the alias `{bad}` is not a site path"))],
                "{bad}"
            );
        }
        assert_eq!(
            errors("---\ntitle: A\naliases: [/kohne/, /a.b/c/]\n---\n"),
            []
        );
    }

    #[test]
    fn paginate_by_is_a_whole_number_from_one_in_a_section_only() {
        let at = parse_file;
        let text = |n: &str| format!("---\ntitle: A\npaginate_by: {n}\n---\n");
        let fm = at("content/news/_index.az.md", &text("1"));
        let p = fm.ok().and_then(|f| f.rare().paginate_by.clone());
        assert_eq!(p.map(|p| (p.value, p.line, p.column)), Some((1, 3, 14)));
        let zero = at("content/news/_index.az.md", &text("0")).err();
        let zero: Vec<_> = zero
            .iter()
            .flatten()
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert_eq!(zero, [(3, "`paginate_by: 0` is not a number of pages")]);
        let page = at("content/news/index.az.md", &text("10")).err();
        let page: Vec<_> = page.iter().flatten().map(|d| d.message.as_str()).collect();
        assert_eq!(
            page,
            ["`paginate_by` splits a section's list of pages, and this page is not a section"]
        );
    }

    #[test]
    fn each_slug_problem_is_named_for_what_is_wrong() {
        let slash = Some("contains a slash; a slug is one part of an address");
        let dots = Some("contains `..`");
        assert_eq!(slug_problem("a/b"), slash);
        assert_eq!(slug_problem("a\\b"), slash);
        assert_eq!(slug_problem("."), dots);
        assert_eq!(slug_problem(".."), dots);
        assert_eq!(slug_problem("a..b"), dots);
        assert_eq!(slug_problem(""), Some("is empty"));
        assert_eq!(
            slug_problem("Gence"),
            Some("has characters other than a-z, 0-9 and -")
        );
        assert_eq!(slug_problem("gence-2"), None);
    }

    #[test]
    fn key_lines_are_file_lines_of_top_level_keys_only() {
        let yaml = "title: A\nextra:\n  nested: 1\n- item\n# note\n\n'slug': x\ntitle: again\n";
        let lines = key_lines(yaml);
        let got: Vec<_> = [
            "title", "extra", "nested", "item", "slug", "'slug'", "draft",
        ]
        .iter()
        .map(|k| lines.get(k))
        .collect();
        // The first `title` counts; nested keys, list items and comments are no keys.
        assert_eq!(got, [Some(2), Some(3), None, None, Some(8), None, None]);
    }

    #[test]
    fn yaml_errors_point_at_the_file_line_not_the_block_line() {
        let errs = parse_page("---\ntitle: A\ntitel: B\n---\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1);
        assert_eq!(
            (errs[0].line, errs[0].message.as_str()),
            (3, "unknown setting `titel`")
        );
        let errs = parse_page("---\ntitle: A\ndate: 2020-02-30\n---\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errs[0].line, 3);
    }

    #[test]
    fn slugs_with_slashes_or_dots_are_refused() {
        for bad in ["a/b", "..", "a..b", "Böyük"] {
            let errs = parse_page(&format!("---\ntitle: A\nslug: \"{bad}\"\n---\n"))
                .err()
                .unwrap_or_default();
            assert_eq!(errs.len(), 1, "{bad}");
            assert_eq!(errs[0].line, 3);
        }
    }

    #[test]
    fn a_full_front_matter_is_read() {
        let fm = parse_page("---\ntitle: Tarix\ndate: 2000-11\nweight: 3\nslug: tarix\naliases: [/kohne/]\nextra: {feed: true}\n---\n");
        let fm = fm
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fm.title, "Tarix");
        assert_eq!(fm.date.map(|d| d.iso()), Some("2000-11".into()));
        assert_eq!(fm.weight, Some(3));
        assert_eq!(
            fm.slug.map(|s| (s.value, s.line)),
            Some(("tarix".into(), 5))
        );
        assert_eq!(fm.extra.get("feed"), Some(&serde_json::Value::Bool(true)));
    }
    fn front(text: &str) -> FrontMatter {
        parse_page(text)
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_cms_timestamp_where_a_date_is_expected_is_kept_as_the_date() {
        for written in [
            "2026-11-28T05:04:00.000Z",
            "'2026-11-28T09:04:00+04:00'",
            "2026-11-28 09:04:00",
        ] {
            let fm = front(&format!(
                "---\ntitle: A\ndate: {written}\nupdated: {written}\n---\n"
            ));
            assert_eq!(
                fm.date.map(|d| d.iso()),
                Some("2026-11-28".into()),
                "{written}"
            );
            assert_eq!(
                fm.updated.map(|d| d.iso()),
                Some("2026-11-28".into()),
                "{written}"
            );
        }
    }

    #[test]
    fn fields_a_cms_leaves_empty_are_not_set() {
        let fm = front(
            "---\ntitle: A\ndescription: ''\ndate: ''\nupdated:\nslug: ''\nweight: ''\ndraft:\naliases:\nimage: ''\nimage_alt: ''\ntemplate: ''\n---\n",
        );
        assert_eq!(fm.description, None);
        assert_eq!((fm.date, fm.updated), (None, None));
        assert_eq!(fm.slug, None);
        assert_eq!(fm.weight, None);
        assert!(!fm.draft);
        assert!(fm.rare().aliases.is_empty());
        assert_eq!(fm.image, None);
        assert_eq!(fm.rare(), &Rare::default());
    }

    #[test]
    fn decap_key_order_quoting_and_folded_text_are_read() {
        let fm = front(
            "---\ntitle: 'Gəncə: yeni ailə evi'\ndescription: >-\n  Uşaqlar yeni evə köçdü,\n  bağçası olan evə.\ndate: 2026-11-28\nslug: gence-yeni-ev\nweight: '3'\ndraft: false\nimage: ev.jpg\nimage_alt: \"Uşaqlar bağda\"\n---\nMətn\n",
        );
        assert_eq!(fm.title, "Gəncə: yeni ailə evi");
        assert_eq!(
            fm.description.as_deref(),
            Some("Uşaqlar yeni evə köçdü, bağçası olan evə.")
        );
        assert_eq!(fm.date.map(|d| d.iso()), Some("2026-11-28".into()));
        assert_eq!(fm.weight, Some(3));
        assert_eq!(
            fm.image.as_ref().map(|i| (i.value.as_str(), i.line)),
            Some(("ev.jpg", 10))
        );
        assert_eq!(fm.rare().image_alt.as_deref(), Some("Uşaqlar bağda"));
    }

    #[test]
    fn what_is_still_refused_says_what_to_change_in_the_cms() {
        let errs = parse_page("---\ntitle: A\nweight: first\n---\n")
            .err()
            .unwrap_or_default();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(errs[0].line, 3);
        assert!(errs[0].hint.contains("CMS"), "{}", errs[0].hint);
        let errs = parse_page("---\ntitle: A\nslug: Gəncə\n---\n")
            .err()
            .unwrap_or_default();
        assert!(errs[0].hint.contains("Address (slug)"), "{}", errs[0].hint);
        let errs = parse_page("---\ntitle: A\ndate: 28.11.2026\n---\n")
            .err()
            .unwrap_or_default();
        assert!(errs[0].hint.contains("in the CMS"), "{}", errs[0].hint);
    }

    #[test]
    fn a_translation_the_cms_created_but_nobody_wrote_is_unwritten() {
        for text in [
            "",
            "\n",
            "---\n---\n",
            "---\ntitle: ''\n---\n",
            "---\ntitle:\n---\n",
            "---\ndate: 2026-11-28\ndraft: false\nimage: ev.jpg\n---\n",
            "---\ndate: 2026-11-28\n---\n\n  \n",
        ] {
            assert!(is_unwritten(text), "{text:?}");
        }
        for text in [
            "---\ntitle: Ev\n---\n",
            "---\ndate: 2026-11-28\n---\nMətn var\n",
            "no front matter, just text\n",
            "---\ntitle: [broken\n---\n",
        ] {
            assert!(!is_unwritten(text), "{text:?}");
        }
    }

    #[test]
    fn a_taxonomy_the_cms_left_empty_is_not_set() {
        // Decap writes `cities: null` into a translation when the choice is empty.
        let names = ["topics".to_string(), "cities".to_string()];
        let p = Path::new("content/a.en.md");
        for text in [
            "---\ntitle: A\ncities: null\ntopics: [education]\n---\n",
            "---\ntitle: A\ncities:\ntopics: [education]\n---\n",
        ] {
            let s = split(p, text)
                .map_err(|d| d.to_string())
                .unwrap_or_else(|e| panic!("{e}"));
            let fm = parse_with(p, s.yaml, text, &names)
                .map_err(|e| format!("{e:?}"))
                .unwrap_or_else(|e| panic!("{text}: {e}"));
            assert!(!fm.taxonomies.contains_key("cities"), "{text}");
            assert_eq!(fm.taxonomies["topics"][0].value, "education");
        }
    }

    #[test]
    fn taxonomy_keys_are_read_with_their_lines_and_other_keys_stay_unknown() {
        let text = "---\ntitle: A\ntopics:\n  - childrens-rights\n  - education\ncities: [baku]\nweight: 2\n---\n";
        let p = Path::new("content/a.az.md");
        let s = split(p, text)
            .map_err(|d| d.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let names = ["topics".to_string(), "cities".to_string()];
        let fm = parse_with(p, s.yaml, text, &names).map_err(|e| format!("{e:?}"));
        let fm = fm.unwrap_or_else(|e| panic!("{e}"));
        let topics: Vec<_> = fm.taxonomies["topics"]
            .iter()
            .map(|t| (t.value.as_str(), t.line))
            .collect();
        assert_eq!(topics, [("childrens-rights", 4), ("education", 5)]);
        assert_eq!(fm.taxonomies["cities"][0].line, 6);
        assert_eq!(fm.weight, Some(2));
        // Without the taxonomy declared, the key is an unknown setting at its line.
        let errs = parse(p, s.yaml, text).err().unwrap_or_default();
        assert_eq!(
            (errs[0].line, errs[0].message.as_str()),
            (3, "unknown setting `topics`")
        );
    }

    #[test]
    fn paginate_by_is_a_positive_number_on_sections_only() {
        let ok = "---\ntitle: A\npaginate_by: 10\n---\n";
        let p = Path::new("content/news/_index.az.md");
        let s = split(p, ok)
            .map_err(|d| d.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let fm = parse(p, s.yaml, ok)
            .map_err(|e| format!("{e:?}"))
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(fm.rare().paginate_by.as_ref().map(|v| v.value), Some(10));
        let zero = "---\ntitle: A\npaginate_by: 0\n---\n";
        let s = split(p, zero)
            .map_err(|d| d.to_string())
            .unwrap_or_else(|e| panic!("{e}"));
        let errs = parse(p, s.yaml, zero).err().unwrap_or_default();
        assert_eq!(errs[0].line, 3, "{errs:?}");
        let errs = parse_page(ok).err().unwrap_or_default();
        assert!(errs[0].message.contains("not a section"), "{errs:?}");
    }

    #[test]
    fn the_key_list_is_what_the_parser_accepts() {
        let errs = parse_page("---\ntitle: A\nnot_a_key: 1\n---\n")
            .err()
            .unwrap_or_default();
        let listed = errs.first().map(|d| d.hint.clone()).unwrap_or_default();
        assert!(listed.ends_with(&KEYS.join(", ")), "{listed}");
    }

    /// What the YAML parser reads from `yaml`, a block starting on file line 2.
    fn parsed(yaml: &str) -> Option<Raw> {
        crate::load::yaml::parse::<Raw>(Path::new("a.az.md"), yaml, 2).ok()
    }

    /// A value as people and CMSs write them, and as they should not.
    fn any_value() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        // Words with at most one character that means something to YAML, anywhere.
        let special = [
            "", "#", " #", ":", ": ", "'", "\"", "\\", "\\\"", "-", "[", "]", "{", "}", "&", "*",
            "!", "|", ">", "%", "@", "`", "~", "+", "?", ".", "\t", ",", "\u{feff}",
        ];
        let word = "[a-zA-Z0-9 əıİşğüöç—]{0,6}";
        let text = (word, proptest::sample::select(special.to_vec()), word)
            .prop_map(|(a, s, b)| format!("{a}{s}{b}"));
        let odd = [
            "true",
            "false",
            "yes",
            "No",
            "TRUE",
            "null",
            "Null",
            "~",
            "0",
            "007",
            "325",
            "-3",
            "1.5",
            "2025-06-15",
            "2025-6-1",
            "2025-06",
            "2025-06-15T10:00:00Z",
            ".inf",
            "0x1F",
            "1e3",
            "+5",
            "99999999999999999999",
            "2011",
            "y",
            "",
            "a:",
            "a: b",
            "2025-06-1",
        ];
        let tail = prop_oneof![
            6 => Just(""),
            1 => proptest::sample::select(vec!["  ", " # note", "#x", " #", "\t", " '"]),
        ];
        (
            prop_oneof![
                text.clone(),
                text.clone().prop_map(|t| format!("\"{t}\"")),
                text.prop_map(|t| format!("'{t}'")),
                proptest::sample::select(odd.to_vec()).prop_map(|t| t.to_string()),
                proptest::sample::select(odd.to_vec()).prop_map(|t| format!("\"{t}\"")),
            ],
            tail,
        )
            .prop_map(|(v, t)| format!("{v}{t}"))
    }

    /// A line of front matter: mostly a setting the flat reader knows, with a value
    /// of any kind, or what else a block may hold.
    fn any_line() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let known = KEYS
            .iter()
            .copied()
            .filter(|k| !["aliases", "extra"].contains(k));
        let unknown = ["aliases", "extra", "titel", "Title", "topics"];
        let other = [
            "\n",
            "# a note\n",
            "  # an indented note\n",
            "  - /old/\n",
            "  more words\n",
            "extra:\n  a: 1\n",
            "aliases: [/a/]\n",
            "   \n",
        ];
        let key = prop_oneof![
            8 => proptest::sample::select(known.collect::<Vec<_>>()),
            1 => proptest::sample::select(unknown.to_vec()),
        ];
        let sep = prop_oneof![6 => Just(": "), 1 => Just(":   "), 1 => Just(":"), 1 => Just(":\t")];
        prop_oneof![
            6 => (key, sep, any_value()).prop_map(|(k, sep, v)| format!("{k}{sep}{v}\n")),
            1 => proptest::sample::select(other.to_vec()).prop_map(|l| l.to_string()),
        ]
    }

    /// A block of such lines, with a plain title unless one of them sets it.
    fn any_block() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        proptest::collection::vec(any_line(), 1..4).prop_map(|lines| {
            let mut yaml = lines.concat();
            if !lines.iter().any(|l| l.starts_with("title")) {
                yaml.push_str("title: Başlıq\n");
            }
            yaml
        })
    }

    /// A block the flat reader should take: plain settings, each once.
    fn plain_block() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let word = "[a-zA-Zəıİşğüöç][a-zA-Z0-9 əıİşğüöç—#,.()'/-]{0,12}[a-zA-Z0-9əıİşğüöç.)]";
        (
            word.prop_map(|w| format!("title: {w}\n")),
            proptest::option::of(word.prop_map(|w| format!("description: \"{w}\"\n"))),
            proptest::option::of(
                (1990u32..2030, 1u32..13, 1u32..29)
                    .prop_map(|(y, m, d)| format!("date: {y}-{m:02}-{d:02}\n")),
            ),
            proptest::option::of((0i64..100_000).prop_map(|w| format!("weight: {w}\n"))),
            proptest::option::of("[a-z0-9-]{1,20}".prop_map(|s| format!("slug: '{s}'   # here\n"))),
            proptest::option::of(proptest::bool::ANY.prop_map(|b| format!("draft: {b}\n"))),
            proptest::sample::select(vec!["", "\n", "# a note\n"]),
        )
            .prop_map(|(t, d, date, w, s, draft, gap)| {
                let lines = [Some(t), d, date, Some(gap.to_string()), w, s, draft];
                lines.into_iter().flatten().collect()
            })
    }

    /// Every page of the association's site reads the same with the flat reader as
    /// with the YAML parser, and most are read by the flat reader.
    #[test]
    fn the_sites_pages_read_the_same_both_ways() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let (mut pages, mut flat_read) = (0, 0);
        for entry in walkdir::WalkDir::new(content).into_iter().flatten() {
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            let Ok(split) = split(entry.path(), &text) else {
                continue;
            };
            let (rest, _) =
                split_taxonomy_blocks(split.yaml, &["topics".to_string(), "cities".to_string()]);
            pages += 1;
            if let Some(flat) = flat_yaml::entries(&rest, 2).and_then(Raw::from_flat) {
                flat_read += 1;
                assert_eq!(parsed(&rest), Some(flat), "{}", entry.path().display());
            }
        }
        assert!(
            pages > 50 && flat_read * 2 > pages,
            "{flat_read} of {pages}"
        );
    }

    proptest::proptest! {
        // Many cases: most random blocks have a line the flat reader leaves to the
        // parser, and each case costs microseconds.
        #![proptest_config(proptest::test_runner::Config {
            cases: 4096,
            ..crate::proptest_config::fixed("proptest-regressions/front_matter.txt")
        })]

        /// Whatever the flat reader takes, the YAML parser reads the same, with the
        /// same lines and columns: the flat reader only ever saves time.
        #[test]
        fn what_the_flat_reader_takes_the_yaml_parser_reads_the_same(yaml in any_block()) {
            if let Some(flat) = flat_yaml::entries(&yaml, 2).and_then(Raw::from_flat) {
                proptest::prop_assert_eq!(parsed(&yaml), Some(flat), "{:?}", yaml);
            }
        }

        /// Plain settings are taken by the flat reader (the parser is not asked).
        #[test]
        fn plain_settings_are_read_without_the_yaml_parser(yaml in plain_block()) {
            let flat = flat_yaml::entries(&yaml, 2).and_then(Raw::from_flat);
            proptest::prop_assert!(flat.is_some(), "{:?}", yaml);
            proptest::prop_assert_eq!(parsed(&yaml), flat, "{:?}", yaml);
        }
    }
}
