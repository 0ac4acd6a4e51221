//! Template mistakes as a theme author meets them, and a site's overrides of
//! its theme, on the three-language fixture.

mod common;

use common::{edit, fixture, read};
use ocaq::check::check;
use ocaq::{build, BuildOptions, Diagnostic};
use std::path::Path;

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        minify: false,
        ..BuildOptions::new(root)
    }
}

/// The errors of a build that must fail.
fn errors_of(root: &Path) -> Vec<Diagnostic> {
    match build(&options(root)) {
        Ok(_) => panic!("the build should have failed"),
        Err(e) => e
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect(),
    }
}

/// Writes `text` at `rel` under the site root.
fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("mkdir: {e}"));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
}

/// The line number (1-based) of the first line of `rel` containing `needle`.
fn line_of(root: &Path, rel: &str, needle: &str) -> usize {
    read(root, rel)
        .lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in {rel}"))
        + 1
}

const PAGE: &str = "themes/default/templates/page.html";

#[test]
fn a_misspelt_variable_is_one_error_at_its_place_with_the_pages_it_broke() {
    let site = fixture("three_langs");
    let root = site.path();
    edit(
        root,
        PAGE,
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.titel }}</h1>",
    );
    let line = line_of(root, PAGE, "page.titel");
    let column = read(root, PAGE)
        .lines()
        .nth(line - 1)
        .and_then(|l| l.find("titel"))
        .map(|c| c + 1);
    let errors = errors_of(root);
    assert_eq!(errors.len(), 1, "{}", common::show(&errors));
    let d = &errors[0];
    assert_eq!(d.file, Path::new(PAGE));
    assert_eq!((d.line, Some(d.column)), (line, column));
    // Every page that uses page.html failed (21 of them), and the count says so.
    assert_eq!(
        d.what(),
        "`page.titel` is not defined — did you mean `page.title`? (on 21 pages, such as \
         content/about.az.md, content/about.en.md, content/guide.az.md)"
    );
    assert!(d
        .source_line
        .as_deref()
        .unwrap_or("")
        .contains("page.titel"));
    assert!(
        !root.join("public").exists(),
        "a failed build must publish nothing"
    );
}

#[test]
fn an_unknown_filter_stops_the_build_at_load_with_a_suggestion() {
    let site = fixture("three_langs");
    let root = site.path();
    edit(
        root,
        PAGE,
        "page.date | local_date",
        "page.date | local_dat",
    );
    let errors = errors_of(root);
    assert_eq!(errors.len(), 1, "{}", common::show(&errors));
    assert_eq!(errors[0].file, Path::new(PAGE));
    assert_eq!(errors[0].line, line_of(root, PAGE, "local_dat }}"));
    assert_eq!(
        errors[0].message,
        "there is no filter `local_dat` — did you mean `local_date`?"
    );
    // `check` fails the same way: it runs the same load.
    match check(&options(root)) {
        Ok(r) => assert!(r.errors() > 0, "check passed a broken template"),
        Err(e) => assert_eq!(e.diagnostics()[0].message, errors[0].message),
    }
}

#[test]
fn a_syntax_error_is_reported_at_its_line_before_any_page_is_rendered() {
    let site = fixture("three_langs");
    let root = site.path();
    edit(
        root,
        PAGE,
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.title </h1>\n",
    );
    let errors = errors_of(root);
    assert_eq!(errors.len(), 1, "{}", common::show(&errors));
    assert_eq!(errors[0].file, Path::new(PAGE));
    assert_eq!(errors[0].line, line_of(root, PAGE, "{{ page.title </h1>"));
    assert!(
        errors[0]
            .message
            .starts_with("this template has a syntax error"),
        "{}",
        errors[0].message
    );
    // Rendering never started: no page is named.
    assert!(
        !errors[0].message.contains("content/"),
        "{}",
        errors[0].message
    );
}

#[test]
fn an_error_inside_an_included_partial_is_reported_in_the_partial() {
    let site = fixture("three_langs");
    let root = site.path();
    let partial = "themes/default/templates/partials/contact.html";
    edit(
        root,
        partial,
        "<dl class=\"details\">",
        "<dl class=\"{{ site.contact.fax }}\">",
    );
    let errors = errors_of(root);
    assert_eq!(errors.len(), 1, "{}", common::show(&errors));
    assert_eq!(errors[0].file, Path::new(partial));
    assert_eq!(errors[0].line, line_of(root, partial, "site.contact.fax"));
    assert!(
        errors[0]
            .message
            .starts_with("`site.contact.fax` is not defined"),
        "{}",
        errors[0].message
    );
}

#[test]
fn a_site_overrides_a_theme_template_and_static_file_and_falls_back_when_removed() {
    let site = fixture("three_langs");
    let root = site.path();
    let theme_page = read(root, PAGE);
    write(
        root,
        "templates/page.html",
        &theme_page.replace(
            "<article class=\"wrap prose\">",
            "<article class=\"site-own\">",
        ),
    );
    write(root, "static/style.css", "body{color:#123456}");
    let report =
        check(&options(root)).unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert_eq!(
        report.overrides,
        vec![
            Path::new("static/style.css").to_path_buf(),
            Path::new("templates/page.html").to_path_buf()
        ]
    );
    build(&options(root)).unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let about = read(&root.join("public"), "en/about/index.html");
    assert!(
        about.contains("<article class=\"site-own\">"),
        "override not used"
    );
    let css_link = about
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_default()
        .to_string();
    let css = read(&root.join("public"), css_link.trim_start_matches('/'));
    assert!(
        css.contains("#123456"),
        "the site's style.css is not the one published"
    );

    std::fs::remove_file(root.join("templates/page.html")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(root.join("static/style.css")).unwrap_or_else(|e| panic!("{e}"));
    build(&options(root)).unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let about = read(&root.join("public"), "en/about/index.html");
    assert!(!about.contains("site-own"));
    assert!(about.contains("<article class=\"wrap prose\">"));
    let css_link = about
        .split("rel=\"stylesheet\" href=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap_or_default()
        .to_string();
    assert!(!read(&root.join("public"), css_link.trim_start_matches('/')).contains("#123456"));
}

#[test]
fn components_render_site_values_in_the_page_language() {
    let site = fixture("three_langs");
    let root = site.path();
    // The contact page of the fixture uses the `value`/`note` components via contact.html.
    write(
        root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}<p id=\"v\">{{<value v={page.extra.place}/>}}</p>{% endblock content %}",
    );
    edit(
        root,
        "content/about.en.md",
        "title:",
        "extra:\n  place: {az: Bakı, en: Baku, ru: Баку}\ntitle:",
    );
    build(&options(root)).unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let about = read(&root.join("public"), "en/about/index.html");
    assert!(about.contains("<p id=\"v\">Baku</p>"), "{about}");
}
