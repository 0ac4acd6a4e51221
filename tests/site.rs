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
    let site = ocaq::config::Config::parse(
        std::path::Path::new("site.yaml"),
        &common::read(&common::repo(), "site.yaml"),
    )
    .unwrap_or_else(|e| panic!("{e:?}"));
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
                .unwrap_or((stem, site.default_language.as_str()));
            langs_by_page
                .entry(page.to_string())
                .or_default()
                .insert(lang.to_string());
        }
    }
    assert!(langs_by_page.len() >= 18, "{langs_by_page:?}");
    let all: BTreeSet<String> = site.languages.iter().cloned().collect();
    let missing: Vec<_> = langs_by_page.iter().filter(|(_, l)| **l != all).collect();
    assert!(
        missing.is_empty(),
        "pages missing a translation: {missing:?}"
    );
}

/// Front-matter value of `key` (quoted or not) in a content file.
fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let block = text.strip_prefix("---\n")?.split("\n---").next()?;
    block.lines().find_map(|l| {
        l.strip_prefix(&format!("{key}:"))
            .map(|v| v.trim().trim_matches('"').to_string())
    })
}

#[test]
fn russian_urls_are_the_icao_transliteration_of_their_titles() {
    // ICAO Doc 9303 (Russian passports): Получить помощь → poluchit-pomoshch.
    let content = common::repo().join("content");
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().to_string_lossy().ends_with(".ru.md"))
    {
        let text = std::fs::read_to_string(entry.path()).unwrap_or_else(|e| panic!("{e}"));
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.path().parent() == Some(content.as_path()) && name == "_index.ru.md" {
            continue; // the home page has no segment of its own
        }
        let title = front_matter_value(&text, "title").unwrap_or_default();
        let slug = front_matter_value(&text, "slug")
            .unwrap_or_else(|| panic!("{}: a Russian page needs a slug", entry.path().display()));
        assert_eq!(
            slug,
            ocaq::slug::slugify(&title),
            "{}",
            entry.path().display()
        );
        checked += 1;
    }
    assert!(checked >= 20, "{checked} Russian pages");
}

#[test]
fn counts_and_dates_take_each_languages_own_forms() {
    let langs: Vec<String> = ["az", "en", "ru"].iter().map(|s| s.to_string()).collect();
    let locales = ocaq::locale::Locales::load(&common::repo(), &langs)
        .unwrap_or_else(|e| panic!("{}", common::show(&e)));
    let count = |lang: &str, n: f64| {
        locales
            .get(lang)
            .and_then(|l| {
                l.message("section-count", &[("count", ocaq::locale::Arg::Number(n))])
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
        let d = ocaq::front_matter::PartialDate::parse(iso).unwrap_or_else(|| panic!("{iso}"));
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

#[test]
fn placeholders_read_not_yet_available_in_every_language_and_never_leak() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut opts = BuildOptions {
        minify: false,
        ..BuildOptions::new(common::repo())
    };
    opts.out = Some(out.path().join("public"));
    if let Err(e) = build(&opts) {
        panic!("{}", common::show(e.diagnostics()));
    }
    let public = out.path().join("public");
    for entry in walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let bytes = std::fs::read(entry.path()).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("PLACEHOLDER"),
            "{} shows a raw PLACEHOLDER value",
            entry.path().display()
        );
    }
    // While site.yaml has placeholders, the donate and get-help pages say so in each language.
    for (page, text) in [
        ("iane/index.html", "Hələ əlavə olunmayıb"),
        ("komek-almaq/index.html", "Hələ əlavə olunmayıb"),
        ("en/donate/index.html", "Not yet available"),
        ("en/get-help/index.html", "Not yet available"),
        ("ru/pozhertvovat/index.html", "Пока не опубликовано"),
        ("ru/poluchit-pomoshch/index.html", "Пока не опубликовано"),
    ] {
        let html = common::read(&public, page);
        // Bank, VÖEN, IBAN, SWIFT, online link, use of funds, reports; or the four
        // help items and four addresses.
        let shown = html
            .matches(&format!("class=\"placeholder\">{text}<"))
            .count();
        assert!(shown >= 7, "{page}: {shown} placeholders");
    }
}
