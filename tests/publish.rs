//! What a CDN is given: minified pages, hashed assets, feeds, and `_headers`.

mod common;

use ocaq::{build, BuildOptions};
use std::collections::BTreeMap;
use std::path::Path;

fn build_default(root: &Path) {
    if let Err(e) = build(&BuildOptions::new(root)) {
        panic!("{}", common::show(e.diagnostics()));
    }
}

/// The values of `href`, `src` and `srcset` attributes, quoted or not (minified HTML drops quotes).
fn references(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=", " src=", " srcset="] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            let value = match rest.chars().next() {
                Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
                _ => rest.split([' ', '>']).next().unwrap_or(""),
            };
            for candidate in value.split(',') {
                out.push(candidate.trim().split(' ').next().unwrap_or("").to_string());
            }
        }
    }
    out
}

fn html_files(out: &Path) -> BTreeMap<String, String> {
    common::snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8_lossy(&b).into_owned()))
        .collect()
}

#[test]
fn every_local_reference_in_every_page_points_to_a_file_that_exists() {
    let site = common::fixture("three_langs");
    build_default(site.path());
    let out = site.path().join("public");
    let pages = html_files(&out);
    assert!(pages.len() > 10);
    let mut checked = 0;
    for (page, html) in &pages {
        for r in references(html) {
            let path = r.split(['#', '?']).next().unwrap_or("");
            if !path.starts_with('/') || path.starts_with("//") {
                continue;
            }
            let target = out.join(path.trim_start_matches('/'));
            let exists = if path.ends_with('/') {
                target.join("index.html").is_file()
            } else {
                target.is_file()
            };
            assert!(exists, "{page} refers to {r}, which is not in the output");
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} references checked");
}

#[test]
fn pages_are_minified_by_default_and_keep_their_language() {
    let site = common::fixture("three_langs");
    build_default(site.path());
    let home = common::read(&site.path().join("public"), "en/index.html");
    assert!(
        home.contains("<html lang=en>") || home.contains("<html lang=\"en\">"),
        "{home}"
    );
    assert!(!home.contains("\n<"), "no newlines between tags");
    let css = common::snapshot(&site.path().join("public/assets"));
    let style = css
        .iter()
        .find(|(n, _)| n.starts_with("style."))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    assert!(
        !style.contains("/*") && !style.contains("\n  "),
        "CSS minified"
    );
}

#[test]
fn a_changed_stylesheet_changes_its_hashed_name_and_every_reference() {
    let site = common::fixture("three_langs");
    build_default(site.path());
    let out = site.path().join("public");
    let name = |out: &Path| {
        std::fs::read_dir(out.join("assets"))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("style."))
            .unwrap_or_default()
    };
    let before = name(&out);
    common::edit(
        site.path(),
        "themes/default/static/style.css",
        "--brand:#0b57a4",
        "--brand:#0a4f96",
    );
    build_default(site.path());
    let after = name(&out);
    assert!(
        before.starts_with("style.") && after.starts_with("style.") && before != after,
        "{before} → {after}"
    );
    for (page, html) in html_files(&out) {
        if page.contains("404")
            || html.contains("http-equiv=refresh")
            || html.contains("http-equiv=\"refresh\"")
        {
            continue;
        }
        assert!(
            html.contains(&format!("/assets/{after}")),
            "{page} does not use the new stylesheet"
        );
        assert!(
            !html.contains(&before),
            "{page} still refers to the old stylesheet"
        );
    }
}

#[test]
fn feeds_are_well_formed_atom_with_absolute_urls_and_are_linked() {
    let site = common::fixture("three_langs");
    common::edit(
        site.path(),
        "content/programmes/_index.en.md",
        "weight: 2\n",
        "weight: 2\nextra: {feed: true}\n",
    );
    build_default(site.path());
    let out = site.path().join("public");
    let feed = common::read(&out, "en/programmes/atom.xml");
    let mut reader = quick_xml::Reader::from_str(&feed);
    let mut hrefs = Vec::new();
    let mut ids = Vec::new();
    let mut in_id = false;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e)) => {
                in_id = e.name().as_ref() == b"id";
                for a in e.attributes().flatten() {
                    if a.key.as_ref() == b"href" {
                        hrefs.push(String::from_utf8_lossy(&a.value).into_owned());
                    }
                }
            }
            Ok(quick_xml::events::Event::Text(t)) if in_id => {
                ids.push(String::from_utf8_lossy(t.as_ref()).into_owned());
                in_id = false;
            }
            Ok(_) => {}
            Err(e) => panic!("the feed is not well-formed XML: {e}\n{feed}"),
        }
    }
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(
        hrefs.len() >= 3
            && hrefs
                .iter()
                .all(|h| h.starts_with("https://test.example.org/")),
        "{hrefs:?}"
    );
    assert!(
        !ids.is_empty() && ids.iter().all(|i| i.starts_with("https://")),
        "{ids:?}"
    );
    let section = common::read(&out, "en/programmes/index.html");
    assert!(
        section.contains("application/atom+xml"),
        "the section links its feed"
    );
}

#[test]
fn the_headers_file_parses_with_a_strict_csp_and_one_cache_rule_per_file() {
    let site = common::fixture("three_langs");
    build_default(site.path());
    let text = common::read(&site.path().join("public"), "_headers");
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('/') {
            rules.push((line.trim().to_string(), Vec::new()));
            continue;
        }
        let (name, value) = line
            .trim()
            .split_once(": ")
            .unwrap_or_else(|| panic!("line {}: not `Name: value`: {line}", n + 1));
        assert!(
            line.starts_with("  "),
            "line {}: headers are indented",
            n + 1
        );
        rules
            .last_mut()
            .unwrap_or_else(|| panic!("a header before any path"))
            .1
            .push((name.into(), value.into()));
    }
    let all = &rules
        .iter()
        .find(|(p, _)| p == "/*")
        .unwrap_or_else(|| panic!("no /* rule"))
        .1;
    let csp = all
        .iter()
        .find(|(n, _)| n == "Content-Security-Policy")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
        "{csp}"
    );
    for h in [
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
    ] {
        assert!(all.iter().any(|(n, _)| n == h), "missing {h}");
    }
    assert!(rules.iter().any(|(p, h)| p == "/assets/*"
        && h.iter()
            .any(|(n, v)| n == "Cache-Control" && v.contains("immutable"))));
    assert!(rules.iter().any(|(p, h)| p == "/en/about/"
        && h.iter()
            .any(|(n, v)| n == "Cache-Control" && v.contains("max-age=300"))));
    assert!(
        !all.iter().any(|(n, _)| n == "Cache-Control"),
        "Cache-Control on /* would be joined with the others"
    );
}
