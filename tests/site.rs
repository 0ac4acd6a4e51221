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

/// Front-matter value of `key` (quoted or not) in a content file.
fn front_matter_value(text: &str, key: &str) -> Option<String> {
    let block = text.strip_prefix("---\n")?.split("\n---").next()?;
    block.lines().find_map(|l| {
        l.strip_prefix(&format!("{key}:"))
            .map(|v| v.trim().trim_matches('"').to_string())
    })
}

/// A Russian title as a URL segment by ICAO Doc 9303, written here apart from the
/// generator's own table: lowercase, `ь` dropped, anything else a single hyphen.
fn icao_slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.to_lowercase().chars() {
        let latin = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' => "ie",
            'ы' => "y",
            'ь' => "",
            'ю' => "iu",
            'я' => "ia",
            c if c.is_ascii_alphanumeric() => {
                out.push(c);
                continue;
            }
            _ => "-",
        };
        if latin == "-" {
            if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        } else {
            out.push_str(latin);
        }
    }
    out.trim_end_matches('-').to_string()
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
        assert_eq!(slug, icao_slug(&title), "{}", entry.path().display());
        checked += 1;
    }
    assert!(checked >= 20, "{checked} Russian pages");
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
