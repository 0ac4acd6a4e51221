//! Whether each translation is up to date: a translation records the short hash
//! of the default-language page's text it was made from (`translated_from`,
//! written by `ocaq translated`); when that text changes, the hash no longer
//! matches and the translation is stale.

use super::site::Site;
use crate::diagnostic::Diagnostic;
use crate::load::page::SourcePage;
use serde::Serialize;
use std::collections::BTreeMap;

/// Where a page stands in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The default-language page, which the others are translated from.
    Source,
    /// Made from the default-language page as it is now.
    Current,
    /// Made from an older version of the default-language page.
    Stale,
    /// Written, but it does not say what it was made from.
    Unrecorded,
    /// Not written.
    Missing,
}

impl Status {
    /// The word `check`'s table shows.
    pub fn word(self) -> &'static str {
        match self {
            Status::Source => "source",
            Status::Current => "current",
            Status::Stale => "stale",
            Status::Unrecorded => "unrecorded",
            Status::Missing => "missing",
        }
    }
}

/// The short hash of what a translation is made from: the title, description and
/// text of a page, with trailing spaces and blank lines at either end left out.
pub(crate) fn text_hash(title: &str, description: Option<&str>, body: &str) -> String {
    let mut text = String::with_capacity(title.len() + body.len() + 64);
    text.push_str(title.trim());
    text.push('\n');
    text.push_str(description.unwrap_or("").trim());
    text.push('\n');
    for line in body.trim_matches('\n').lines() {
        text.push_str(line.trim_end());
        text.push('\n');
    }
    format!("{:08x}", crate::fingerprint::fnv64(text.as_bytes()) >> 32)
}

/// The hash of a loaded page's text.
pub(crate) fn page_hash(page: &SourcePage) -> String {
    text_hash(
        &page.front.title,
        page.front.description.as_deref(),
        &page.body,
    )
}

/// Each page key's status in every language, and a warning for each stale translation.
pub(crate) fn statuses(
    site: &Site,
) -> (BTreeMap<String, BTreeMap<String, Status>>, Vec<Diagnostic>) {
    let config = &site.config;
    let mut table: BTreeMap<String, BTreeMap<String, Status>> = BTreeMap::new();
    let mut warnings = Vec::new();
    for page in &site.pages {
        table.entry(page.source.key.clone()).or_default();
    }
    for (key, row) in &mut table {
        let source = site.get(key, &config.default_language);
        let hash = source.map(|s| page_hash(&s.source));
        for lang in &config.languages {
            let status = match site.get(key, lang) {
                None => Status::Missing,
                Some(_) if *lang == config.default_language => Status::Source,
                Some(p) => match (&p.source.front.rare().translated_from, &hash) {
                    (None, _) | (_, None) => Status::Unrecorded,
                    (Some(from), Some(h)) if from.value == *h => Status::Current,
                    (Some(from), Some(_)) => {
                        if let Some(s) = source {
                            warnings.push(stale(&p.source, &s.source, from.line));
                        }
                        Status::Stale
                    }
                },
            };
            row.insert(lang.clone(), status);
        }
    }
    (table, warnings)
}

/// The warning for a translation made from an older version of `source`.
fn stale(page: &SourcePage, source: &SourcePage, line: usize) -> Diagnostic {
    Diagnostic::warning(
        &page.file,
        line,
        1,
        format!(
            "this translation was made from an older version of {}",
            source.file.display()
        ),
        format!(
            "bring it up to date with {}, then run `ocaq translated {}`",
            source.file.display(),
            page.file.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_follows_the_text_not_its_trailing_spaces() {
        let a = text_hash("Haqqımızda", Some("Biz kimik."), "Mətn.\n\nİkinci abzas.\n");
        assert_eq!(a.len(), 8);
        assert_eq!(
            a,
            text_hash(
                "Haqqımızda ",
                Some("Biz kimik."),
                "\nMətn.  \n\nİkinci abzas.\n\n"
            )
        );
        assert_ne!(
            a,
            text_hash("Haqqımızda", Some("Biz kimik."), "Mətn.\n\nÜçüncü abzas.\n")
        );
        assert_ne!(
            a,
            text_hash("Tariximiz", Some("Biz kimik."), "Mətn.\n\nİkinci abzas.\n")
        );
        assert_ne!(a, text_hash("Haqqımızda", None, "Mətn.\n\nİkinci abzas.\n"));
    }
}
