//! What a CDN is given: minified pages, hashed assets, feeds, `_headers` and `_redirects`.

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

/// `_headers` as (pattern, lines) in file order; a line is `! Name` or `Name: value`.
fn header_rules(text: &str) -> Vec<(String, Vec<String>)> {
    let mut rules: Vec<(String, Vec<String>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('/') {
            rules.push((line.to_string(), Vec::new()));
            continue;
        }
        let body = line
            .strip_prefix("  ")
            .unwrap_or_else(|| panic!("line {}: headers are indented: {line}", n + 1));
        assert!(
            body.starts_with("! ") || body.split_once(": ").is_some(),
            "line {}: not `Name: value` or `! Name`: {line}",
            n + 1
        );
        rules
            .last_mut()
            .unwrap_or_else(|| panic!("line {}: a header before any path", n + 1))
            .1
            .push(body.to_string());
    }
    rules
}

/// Whether a `_headers` pattern matches `path` on Cloudflare Pages (`*` matches any run of characters).
fn matches(pattern: &str, path: &str) -> bool {
    match pattern.split_once('*') {
        Some((head, tail)) => {
            path.len() >= head.len() + tail.len() && path.starts_with(head) && path.ends_with(tail)
        }
        None => pattern == path,
    }
}

/// The headers a response at `path` gets on Cloudflare Pages: every matching rule
/// in file order, `! Name` detaching what came before, a repeated header joined with ", ".
fn on_cloudflare(rules: &[(String, Vec<String>)], path: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (pattern, lines) in rules.iter().filter(|(p, _)| matches(p, path)) {
        for line in lines {
            if let Some(name) = line.strip_prefix("! ") {
                out.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            } else if let Some((name, value)) = line.split_once(": ") {
                match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                    Some(existing) => existing.1 = format!("{}, {value}", existing.1),
                    None => out.push((name.to_string(), value.to_string())),
                }
            }
        }
        assert!(!lines.is_empty(), "{pattern} sets nothing");
    }
    out
}

#[test]
fn the_headers_file_gives_every_file_one_cache_control_and_the_strict_csp_from_two_rules() {
    let site = common::fixture("three_langs");
    build_default(site.path());
    let out = site.path().join("public");
    let rules = header_rules(&common::read(&out, "_headers"));
    let patterns: Vec<&str> = rules.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        patterns,
        ["/*", "/assets/*"],
        "one rule per kind of path, not per page"
    );
    let files = common::snapshot(&out);
    assert!(files.keys().any(|f| f.starts_with("assets/")) && files.len() > 20);
    let mut html = 0;
    for rel in files.keys().filter(|f| !f.starts_with('_')) {
        let path = format!("/{}", rel.trim_end_matches("index.html"));
        let got = on_cloudflare(&rules, &path);
        let one = |name: &str| -> String {
            let values: Vec<&String> = got
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
                .collect();
            assert_eq!(values.len(), 1, "{path}: {name} {values:?}");
            values[0].clone()
        };
        let cache = one("Cache-Control");
        if rel.starts_with("assets/") {
            assert_eq!(cache, "public, max-age=31536000, immutable", "{path}");
        } else {
            // Exactly one value: two joined would read `..., public, max-age=...`.
            assert_eq!(cache, "public, max-age=300, must-revalidate", "{path}");
            html += usize::from(rel.ends_with(".html"));
        }
        let csp = one("Content-Security-Policy");
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(
                csp.split("; ").any(|d| d == directive),
                "{path}: {directive} in {csp}"
            );
        }
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(one("X-Content-Type-Options"), "nosniff");
        assert_eq!(one("X-Frame-Options"), "DENY");
        assert_eq!(one("Referrer-Policy"), "strict-origin-when-cross-origin");
        one("Permissions-Policy");
        one("Cross-Origin-Opener-Policy");
    }
    assert!(html > 10, "only {html} HTML files checked");
}

#[test]
fn an_alias_is_a_301_line_in_redirects_and_keeps_its_html_page() {
    let site = common::fixture("three_langs");
    build_default(site.path());
    let out = site.path().join("public");
    let redirects = common::read(&out, "_redirects");
    let lines: Vec<&str> = redirects.lines().filter(|l| !l.starts_with('#')).collect();
    // Beside the alias, each paginated list's `…/1/` leads to the list itself.
    assert!(
        lines.contains(&"/kohne-haqqimizda/ /haqqimizda/ 301"),
        "{redirects}"
    );
    assert!(
        lines.contains(&"/xeberler/sehife/1/ /xeberler/ 301"),
        "{redirects}"
    );
    assert_eq!(lines.len(), 10, "{redirects}");
    let page = common::read(&out, "kohne-haqqimizda/index.html");
    assert!(
        page.contains("url=https://test.example.org/haqqimizda/"),
        "{page}"
    );
}

#[test]
fn more_aliases_than_cloudflare_applies_stop_build_and_check_naming_the_limit() {
    let site = common::fixture("three_langs");
    let many: Vec<String> = (0..=2000).map(|i| format!("/old/{i:04}/")).collect();
    common::edit(
        site.path(),
        "content/about.az.md",
        "aliases: [/kohne-haqqimizda/]",
        &format!("aliases: [{}]", many.join(", ")),
    );
    let opts = BuildOptions::new(site.path());
    let errors = match build(&opts) {
        Ok(_) => panic!("2,001 aliases were accepted"),
        Err(e) => e.diagnostics().to_vec(),
    };
    let limit = |d: &ocaq::Diagnostic| {
        d.file == Path::new("content/about.az.md")
            // 2,001 aliases and the fixture's 9 first-list-page redirects.
            && d.message.contains("2010 aliases")
            && d.message
                .contains("Cloudflare Pages applies 2000 redirects")
    };
    assert!(errors.iter().any(limit), "{}", common::show(&errors));
    assert!(!site.path().join("public").exists(), "nothing was written");
    let report =
        ocaq::check::check(&opts).unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert!(
        report.diagnostics.iter().any(|d| d.is_error() && limit(d)),
        "{}",
        common::show(&report.diagnostics)
    );
}

/// `three_langs` with a `cms:` block in its settings.
fn fixture_with_cms() -> tempfile::TempDir {
    let site = common::fixture("three_langs");
    let yaml = site.path().join("site.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap_or_default();
    std::fs::write(&yaml, format!("{text}cms:\n  repo: sos-az/website\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    site
}

#[test]
fn the_cms_gets_its_own_policy_at_admin_and_every_other_file_keeps_the_strict_one() {
    let site = fixture_with_cms();
    build_default(site.path());
    let out = site.path().join("public");
    let rules = header_rules(&common::read(&out, "_headers"));
    let patterns: Vec<&str> = rules.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(patterns, ["/*", "/admin/*", "/assets/*"]);
    let config = common::read(&out, "admin/config.yml");
    for expected in [
        "folder: content/programmes",
        "file: content/programmes/_index.ru.md",
        "default_locale: az",
        "structure: multiple_files",
    ] {
        assert!(config.contains(expected), "{expected}");
    }
    let files = common::snapshot(&out);
    let mut admin = 0;
    for rel in files.keys().filter(|f| !f.starts_with('_')) {
        let path = format!("/{}", rel.trim_end_matches("index.html"));
        let got = on_cloudflare(&rules, &path);
        let one = |name: &str| -> String {
            let values: Vec<&String> = got
                .iter()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v)
                .collect();
            assert_eq!(values.len(), 1, "{path}: {name} {values:?}");
            values[0].clone()
        };
        let (csp, opener) = (
            one("Content-Security-Policy"),
            one("Cross-Origin-Opener-Policy"),
        );
        if rel.starts_with("admin/") {
            admin += 1;
            assert!(csp.contains("script-src 'self' 'unsafe-eval' https://unpkg.com"));
            assert!(csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"));
            assert_eq!(opener, "same-origin-allow-popups");
        } else {
            // The site's policy, unchanged by the CMS.
            assert_eq!(csp, "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests", "{path}");
            assert_eq!(opener, "same-origin", "{path}");
        }
    }
    assert_eq!(
        admin, 3,
        "admin/index.html, admin/config.yml and admin/components.js"
    );
}

#[test]
fn what_the_cms_writes_checks_and_builds_and_an_unwritten_translation_is_only_missing() {
    let site = fixture_with_cms();
    let dir = site.path().join("content/programmes");
    let write = |name: &str, text: &str| {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{name}: {e}"));
    };
    // As Decap CMS 3.16 wrote them in tests/cms/run.sh: its key order and
    // quoting, a timestamp for a date, empty fields, and a Russian file with
    // only the fields that are the same in every language.
    write(
        "new-house.az.md",
        "---\ntitle: 'Gəncə: yeni ev'\ndescription: >-\n  Gəncədə yeni\n  ailə evi.\ndate: 2026-11-20T08:30:00.000Z\nslug: ''\nweight: ''\ndraft: false\n---\nMətn.\n",
    );
    write(
        "new-house.en.md",
        "---\ntitle: A new house\ndate: 2026-11-20T08:30:00.000Z\nslug: new-house\ndraft: false\n---\nText.\n",
    );
    write(
        "new-house.ru.md",
        "---\ndate: 2026-11-20T08:30:00.000Z\ndraft: false\n---\n",
    );
    let report = ocaq::check::check(&BuildOptions::new(site.path()))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let problems: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(report.errors(), 0, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("new-house.az.md") && p.contains("no `ru` translation")),
        "{problems:?}"
    );
    build_default(site.path());
    let out = site.path().join("public");
    let az = common::read(&out, "proqramlar/new-house/index.html");
    assert!(az.contains("Gəncə: yeni ev") && az.contains("2026"), "{az}");
    assert!(common::read(&out, "en/programmes/new-house/index.html").contains("A new house"));
    assert!(!out.join("ru/programmy/new-house/index.html").exists());
}
