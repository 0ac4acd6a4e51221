//! Site search: a static index per language, searched by `static/search.js`.
//!
//! The render stage calls [`build_index`] once per language with the pages
//! that may be found and writes the files it returns. Pure: no file I/O, and
//! the same input gives byte-identical output.
//!
//! What the caller passes (and so what can be found):
//! - only published pages that are not `noindex`: drafts and `noindex` pages
//!   are left out by the caller, never by this module;
//! - `text` is the plain text of the page's *rendered* content (text nodes of
//!   the HTML the page shows, without the chrome: menu, header, footer), so a
//!   statistics block is indexed only as the figures it publishes; a figure
//!   that the site hides never reaches the HTML and so never the index;
//! - `url` as links on the site write it (`/en/programmes/youth-house/`).
//!
//! Matching: words are folded ([`fold`]) on both sides and grouped by stem
//! (Azerbaijani: [`stem_az`]; English: Snowball's English (Porter2) stemmer;
//! any other language, such as Russian: folding alone, no Rust change). A
//! query word finds the pages of every form in its group, the word being
//! typed matches as a prefix. See [`index`] for the files and [`query`] for
//! the search the script runs.

pub(crate) mod fold;
pub(crate) mod index;
#[cfg(test)]
mod js_tests;
pub mod query;
pub(crate) mod stem_az;
mod text;

pub(crate) use index::{prepare, Prepared};
pub(crate) use text::push_html_text;

/// One page to index.
#[derive(Debug, Clone)]
pub struct Document {
    /// The page's URL as the site links it (`/en/about/`).
    pub url: String,
    /// The page title, shown as the result's link text.
    pub title: String,
    /// The plain text of the published content (see the module docs).
    pub text: String,
}

/// The index of one language, ready to be written.
#[derive(Debug, Clone)]
pub struct LanguageIndex {
    /// Files to write: (path relative to the output folder, bytes).
    pub files: Vec<(String, Vec<u8>)>,
    /// Pages indexed.
    pub pages: usize,
    /// Distinct keys (folded word forms and stems) in the term chunks.
    pub keys: usize,
    /// Total size of all files, in bytes (what `ocaq check` reports).
    pub bytes: usize,
}

/// The manifest of a language's index under the output folder. Its name never
/// changes, so it is cached briefly like a page; the chunks and page lists it
/// points at are in a folder named by their hash under `assets/search/<lang>/`,
/// which `_headers` already caches for a year (`render::headers::ASSETS`).
pub fn manifest_path(lang: &str) -> String {
    format!("search/{lang}/index.json")
}

/// The folder under the output folder that holds a language's hashed index folders.
pub(crate) fn search_folder(lang: &str) -> String {
    format!("assets/search/{lang}")
}

/// Builds the search index of one language; `lang` picks the stemmer (`az`, `en`, else none).
pub fn build_index(lang: &str, docs: &[Document]) -> LanguageIndex {
    use rayon::prelude::*;
    let pages: Vec<Prepared> = docs
        .par_iter()
        .map(|d| index::prepare(&d.title, &d.text))
        .collect();
    let listed: Vec<[&str; 2]> = docs.iter().map(|d| [d.url.as_str(), &d.title]).collect();
    let pages: Vec<&Prepared> = pages.iter().collect();
    lay_out(
        lang,
        index::build(lang, Stemmer::for_lang(lang), &pages, &listed),
    )
}

/// The files of one language's index, made by [`index::build`] or an [`index::Builder`].
pub(crate) fn lay_out(lang: &str, built: index::Built) -> LanguageIndex {
    let mut hash_input = Vec::new();
    for c in built.chunks.iter().chain(&built.lists) {
        hash_input.extend_from_slice(&crate::fingerprint::fnv64(c).to_le_bytes());
    }
    let hash = format!("{:016x}", crate::fingerprint::fnv64(&hash_input));
    let folder = format!("{}/{}", search_folder(lang), &hash[..12]);
    let mut manifest: serde_json::Value =
        serde_json::from_str(&built.manifest).unwrap_or(serde_json::Value::Null);
    // Relative to the manifest (`search/<lang>/`), so a site under a sub-path works too.
    manifest["dir"] = serde_json::Value::String(format!("../../{folder}"));
    let mut files = Vec::with_capacity(1 + built.chunks.len() + built.lists.len());
    files.push((manifest_path(lang), manifest.to_string().into_bytes()));
    for (i, c) in built.chunks.into_iter().enumerate() {
        files.push((format!("{folder}/t{i}.bin"), c));
    }
    for (i, p) in built.lists.into_iter().enumerate() {
        files.push((format!("{folder}/p{i}.bin"), p));
    }
    let bytes = files.iter().map(|(_, b)| b.len()).sum();
    LanguageIndex {
        files,
        pages: built.pages,
        keys: built.keys,
        bytes,
    }
}

/// The stemmer of a language.
pub(crate) enum Stemmer {
    /// Our Azerbaijani rules, which the script applies to queries too.
    Az,
    /// Snowball English (Porter2), index side only: the script finds forms by their folded spelling.
    En(rust_stemmers::Stemmer),
    /// Folding alone.
    None,
}

impl Stemmer {
    /// The stemmer for a language code (`az`, `en`, `en-GB`…).
    pub(crate) fn for_lang(lang: &str) -> Stemmer {
        match lang.split(['-', '_']).next().unwrap_or("") {
            "az" => Stemmer::Az,
            "en" => Stemmer::En(rust_stemmers::Stemmer::create(
                rust_stemmers::Algorithm::English,
            )),
            _ => Stemmer::None,
        }
    }

    /// The stem of a folded word.
    pub(crate) fn stem(&self, folded: &str) -> String {
        match self {
            Stemmer::Az => stem_az::stem(folded),
            Stemmer::En(s) => s.stem(folded).into_owned(),
            Stemmer::None => folded.to_string(),
        }
    }

    /// The rules the script applies to query words, as JSON, if it stems this language.
    pub(crate) fn rules(&self) -> Option<serde_json::Value> {
        match self {
            Stemmer::Az => serde_json::from_str(&stem_az::rules_json()).ok(),
            _ => None,
        }
    }
}
