//! The association's own site: it builds cleanly and every page exists in every language.

mod common;

use ocaq::{build, BuildOptions};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn the_association_site_builds_without_warnings() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut opts = BuildOptions {
        minify: false,
        ..BuildOptions::new(common::repo())
    };
    opts.out = Some(out.path().join("public"));
    let report = match build(&opts) {
        Ok(r) => r,
        Err(e) => panic!("{}", common::show(e.diagnostics())),
    };
    let warnings: Vec<String> = report.warnings.iter().map(|d| d.to_string()).collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));
    assert!(report.pages >= 36, "{} pages", report.pages);
    let home = common::read(&out.path().join("public"), "index.html");
    assert!(home.contains("<html lang=\"az\">"));
    assert!(
        home.contains("\"@type\":\"NGO\""),
        "JSON-LD on the home page"
    );
}

#[test]
fn every_page_exists_in_every_language() {
    // The site's languages as the generator reads site.yaml (the default first); the
    // files are walked here, independently.
    let report = ocaq::check::check(&ocaq::BuildOptions::new(common::repo()))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let languages: Vec<String> = report
        .coverage
        .first()
        .map(|c| c.languages.keys().cloned().collect())
        .unwrap_or_default();
    let default_language = common::read(&common::repo(), "site.yaml")
        .lines()
        .find_map(|l| l.strip_prefix("default_language:"))
        .map(|l| l.trim().to_string())
        .unwrap_or_default();
    let mut langs_by_page: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let content = common::repo().join("content");
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
    {
        let rel = entry
            .path()
            .strip_prefix(&content)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .into_owned();
        if let Some(stem) = rel.strip_suffix(".md") {
            let (page, lang) = stem
                .rsplit_once('.')
                .unwrap_or((stem, default_language.as_str()));
            langs_by_page
                .entry(page.to_string())
                .or_default()
                .insert(lang.to_string());
        }
    }
    assert!(langs_by_page.len() >= 18, "{langs_by_page:?}");
    assert!(languages.len() >= 2, "{languages:?}");
    let all: BTreeSet<String> = languages.iter().cloned().collect();
    let missing: Vec<_> = langs_by_page.iter().filter(|(_, l)| **l != all).collect();
    assert!(
        missing.is_empty(),
        "pages missing a translation: {missing:?}"
    );
}
