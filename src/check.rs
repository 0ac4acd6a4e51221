//! `ocaq check`: everything a build validates, writing nothing, plus the
//! reports editors need: translation coverage and files no page uses.

use crate::build::{self, BuildError, BuildOptions, Sink};
use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::markdown::LinkTarget;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One page and the languages it exists in.
#[derive(Debug, Clone, Serialize)]
pub struct Coverage {
    /// Content key (`programmes/short-term-care`).
    pub page: String,
    /// Language → exists.
    pub languages: BTreeMap<String, bool>,
}

/// What `check` found.
#[derive(Debug, Serialize)]
pub struct CheckReport {
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
    /// Page × language table.
    pub coverage: Vec<Coverage>,
    /// Files under content/ that no page links to.
    pub unused: Vec<PathBuf>,
    /// Statistics figures hidden by disclosure control, with why and the reader's interval.
    pub suppressed: Vec<crate::stats::Suppressed>,
}

impl CheckReport {
    /// Number of errors.
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    /// Number of warnings.
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// A sink that keeps nothing: `check` renders to find template errors, not to publish.
struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: Vec<u8>) -> std::io::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, from: &Path) -> std::io::Result<()> {
        std::fs::metadata(from).map(|_| ())
    }
}

/// Validates the site under `opts.root` without writing anything.
pub fn check(opts: &BuildOptions) -> Result<CheckReport, BuildError> {
    let loaded = build::load(opts)?;
    let site = &loaded.site;
    let mut diags = loaded.warnings.clone();
    // Every photo is read in full, so a damaged one is found; nothing is resized or written.
    let (pictures, _, image_errors) = crate::images::process(
        &opts.root,
        site,
        crate::images::Work::Check,
        &crate::images::Pictures::new(),
    );
    diags.extend(image_errors);
    let prepared = build::prepare(opts, &loaded, std::sync::Arc::new(pictures))
        .map_err(BuildError::Content)?;
    let all: Vec<usize> = (0..site.pages.len()).collect();
    diags.extend(build::render_pages(&loaded, &prepared, &all, &Discard));
    diags.extend(build::render_extras(&loaded, &prepared, &Discard).1);

    // Coverage: every page key against every language.
    let mut by_key: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in &site.pages {
        by_key
            .entry(&p.source.key)
            .or_default()
            .insert(&p.source.lang);
    }
    let mut coverage = Vec::new();
    for (key, langs) in &by_key {
        let row: BTreeMap<String, bool> = site
            .config
            .languages
            .iter()
            .map(|l| (l.clone(), langs.contains(l.as_str())))
            .collect();
        if let Some(default_page) = site.get(key, &site.config.default_language) {
            for (lang, present) in &row {
                if !present {
                    diags.push(Diagnostic::warning(
                        &default_page.source.file,
                        0,
                        0,
                        format!("this page has no `{lang}` translation"),
                        format!(
                            "add {} so readers of `{lang}` get the same page",
                            translation_path(&default_page.source.file, lang).display()
                        ),
                    ));
                }
            }
        }
        coverage.push(Coverage {
            page: (*key).to_string(),
            languages: row,
        });
    }

    // Images in front matter need a text alternative too.
    for p in &site.pages {
        if let Some(image) = &p.source.front.image {
            if p.source
                .front
                .image_alt
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
            {
                diags.push(Diagnostic::warning(
                    &p.source.file,
                    image.line,
                    image.column,
                    "the page image has no text alternative",
                    "add `image_alt: what the picture shows` to the front matter",
                ));
            }
        }
    }

    // Files nobody links to are published for nothing (or forgotten).
    let mut used: BTreeSet<String> = BTreeSet::new();
    for p in &site.pages {
        for (link, url) in p.source.doc.links.iter().zip(&p.link_urls) {
            if matches!(link.target, LinkTarget::Asset(_)) {
                used.insert(url.clone());
            }
        }
        if let Some(image) = &p.source.front.image {
            let dir_url = p.url.clone();
            used.insert(format!("{dir_url}{}", image.value));
        }
    }
    let unused: Vec<PathBuf> = site
        .assets
        .iter()
        .filter(|(_, url)| !used.contains(url))
        .map(|(a, _)| Path::new("content").join(&a.key))
        .collect();
    for file in &unused {
        diags.push(Diagnostic::warning(
            file,
            0,
            0,
            "no page uses this file",
            "link to it from a page, or delete it",
        ));
    }
    let suppressed = loaded
        .statistics
        .as_ref()
        .map(|s| s.suppression_report())
        .unwrap_or_default();
    if let Some(s) = &loaded.statistics {
        diags.extend(s.warnings.iter().cloned());
    }
    sort_and_dedup(&mut diags);
    Ok(CheckReport {
        diagnostics: diags,
        coverage,
        unused,
        suppressed,
    })
}

/// `content/about.az.md` → `content/about.en.md`.
fn translation_path(file: &Path, lang: &str) -> PathBuf {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let base = stem.rsplit_once('.').map_or(stem, |(b, _)| b);
    file.with_file_name(format!("{base}.{lang}.md"))
}

/// The coverage table as text, one row per page, `✓`/`✗` per language.
pub fn coverage_table(report: &CheckReport, languages: &[String]) -> String {
    let width = report
        .coverage
        .iter()
        .map(|c| c.page.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let mut out = format!("{:width$}  {}\n", "page", languages.join("  "));
    for row in &report.coverage {
        let marks: Vec<String> = languages
            .iter()
            .map(|l| {
                let mark = if row.languages.get(l).copied().unwrap_or(false) {
                    "✓"
                } else {
                    "✗"
                };
                format!("{mark:<w$}", w = l.chars().count())
            })
            .collect();
        out.push_str(&format!("{:width$}  {}\n", row.page, marks.join("  ")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_paths_swap_the_language() {
        assert_eq!(
            translation_path(Path::new("content/a/b.az.md"), "en"),
            PathBuf::from("content/a/b.en.md")
        );
        assert_eq!(
            translation_path(Path::new("content/b.md"), "en"),
            PathBuf::from("content/b.en.md")
        );
    }
}
