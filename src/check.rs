//! `ocaq check`: everything a build validates, writing nothing, plus the
//! reports editors need: translation coverage and files no page uses.

use crate::diagnostic::{BuildError, Diagnostic, Problems};
use crate::markdown::LinkTarget;
use crate::options::BuildOptions;
pub use crate::render::search::IndexSize;
pub use crate::resolve::translations::Status;
use crate::resolve::Site;
use crate::run::{run, Afterwards, Built, Mode};
use crate::stats::{Statistics, Suppressed};
use crate::write::Discard;
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
    /// Language → where the page stands there (source, current, stale, unrecorded, missing).
    pub status: BTreeMap<String, Status>,
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
    pub suppressed: Vec<Suppressed>,
    /// The site's own templates and static files that replace the theme's.
    pub overrides: Vec<PathBuf>,
    /// The size of each language's search index (none when the theme has no search page).
    pub search: Vec<IndexSize>,
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

/// Validates the site under `opts.root` without writing anything.
pub fn check(opts: &BuildOptions) -> Result<CheckReport, BuildError> {
    let Built {
        site,
        resources,
        mut problems,
        search,
        ..
    } = run(opts, (Mode::Check, Afterwards::Kept), &Discard)?;
    let coverage = coverage(&site, &mut problems);
    check_image_alt(&site, &mut problems);
    let unused = unused_files(&site, &mut problems);
    let suppressed = suppressed(resources.statistics.as_deref());
    Ok(CheckReport {
        diagnostics: problems.into_sorted(),
        coverage,
        unused,
        suppressed,
        overrides: resources.theme.overrides.clone(),
        search,
    })
}

/// Every page key against every language; a missing or stale translation is a warning.
fn coverage(site: &Site, problems: &mut Problems) -> Vec<Coverage> {
    let (mut statuses, stale) = crate::resolve::translations::statuses(site);
    problems.extend(stale);
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
        // Without a default-language page (its file not yet written), the warning
        // goes on the first translation there is.
        let first = site
            .get(key, &site.config.default_language)
            .or_else(|| site.config.languages.iter().find_map(|l| site.get(key, l)));
        if let Some(default_page) = first {
            for (lang, present) in &row {
                if !present {
                    problems.push(Diagnostic::warning(
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
            status: statuses.remove(*key).unwrap_or_default(),
        });
    }
    coverage
}

/// Images in front matter need a text alternative too.
fn check_image_alt(site: &Site, problems: &mut Problems) {
    for p in &site.pages {
        if let Some(image) = &p.source.front.image {
            if p.source
                .front
                .rare()
                .image_alt
                .as_deref()
                .is_none_or(|a| a.trim().is_empty())
            {
                problems.push(Diagnostic::warning(
                    &p.source.file,
                    image.line,
                    image.column,
                    "the page image has no text alternative",
                    "add `image_alt: what the picture shows` to the front matter (in the CMS: the field “What the photo shows”, in every language)",
                ));
            }
        }
    }
}

/// Files nobody links to are published for nothing (or forgotten).
fn unused_files(site: &Site, problems: &mut Problems) -> Vec<PathBuf> {
    let mut used: BTreeSet<String> = BTreeSet::new();
    for p in &site.pages {
        for (link, url) in p.source.doc.links.iter().zip(&p.link_urls) {
            if matches!(link.target, LinkTarget::Asset(_)) {
                used.insert(url.clone());
            }
        }
        // The front-matter photo is a file beside the page's own file, published
        // at that folder's address (not under the page's).
        if let Some(image) = &p.source.front.image {
            let key = if p.source.dir().is_empty() {
                image.value.clone()
            } else {
                format!("{}/{}", p.source.dir(), image.value)
            };
            if let Some(url) = site.asset_urls.get(&key) {
                used.insert(url.clone());
            }
        }
    }
    let unused: Vec<PathBuf> = site
        .assets
        .iter()
        .filter(|(_, url)| !used.contains(url))
        .map(|(a, _)| Path::new("content").join(&a.key))
        .collect();
    for file in &unused {
        problems.push(Diagnostic::warning(
            file,
            0,
            0,
            "no page uses this file",
            "link to it from a page, or delete it",
        ));
    }
    unused
}

/// The statistics figures hidden by disclosure control, why, and what a reader can tell.
fn suppressed(statistics: Option<&Statistics>) -> Vec<Suppressed> {
    statistics
        .map(Statistics::suppression_report)
        .unwrap_or_default()
}

/// `content/about.az.md` → `content/about.en.md`.
fn translation_path(file: &Path, lang: &str) -> PathBuf {
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let stem = name.strip_suffix(".md").unwrap_or(name);
    let base = stem.rsplit_once('.').map_or(stem, |(b, _)| b);
    file.with_file_name(format!("{base}.{lang}.md"))
}

/// The translation table as text, one row per page: where it stands in each language.
pub fn coverage_table(report: &CheckReport, languages: &[String]) -> String {
    let width = report
        .coverage
        .iter()
        .map(|c| c.page.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    // Wide enough for every word a cell can hold ("unrecorded").
    let cell = 10;
    let mut out = format!("{:width$}", "page");
    for l in languages {
        out.push_str(&format!("  {l:cell$}"));
    }
    out = out.trim_end().to_string() + "\n";
    for row in &report.coverage {
        let mut line = format!("{:width$}", row.page);
        for l in languages {
            let word = row.status.get(l).map_or("missing", |s| s.word());
            line.push_str(&format!("  {word:cell$}"));
        }
        out.push_str(line.trim_end());
        out.push('\n');
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
