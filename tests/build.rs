//! Whole-site behaviour of `build` on a three-language fixture.

mod common;

use common::{edit, fixture, read, snapshot};
use ocaq::{build, BuildError, BuildOptions, BuildReport};
use std::path::Path;

/// Structure is checked on readable HTML; minification has its own test.
fn build_site(root: &Path) -> Result<BuildReport, BuildError> {
    build(&BuildOptions {
        minify: false,
        ..BuildOptions::new(root)
    })
}

fn built(root: &Path) -> BuildReport {
    match build_site(root) {
        Ok(r) => r,
        Err(e) => panic!("build failed:\n{}", common::show(e.diagnostics())),
    }
}

fn errors_of(root: &Path) -> Vec<ocaq::Diagnostic> {
    match build_site(root) {
        Ok(_) => panic!("the build should have failed"),
        Err(e) => e
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect(),
    }
}

#[test]
fn every_language_gets_its_urls_and_translated_slugs() {
    let site = fixture("three_langs");
    built(site.path());
    let out = site.path().join("public");
    for rel in [
        "index.html",
        "en/index.html",
        "ru/index.html",
        "proqramlar/index.html",
        "en/programmes/index.html",
        "ru/programmy/index.html",
        "proqramlar/qisa-muddetli-qaygi/index.html",
        "en/programmes/short-term-care/index.html",
        "ru/programmy/kratkosrochnaya-opeka/index.html",
        "haqqimizda/index.html",
        "en/about/index.html",
        "404.html",
        "en/404.html",
        "ru/404.html",
    ] {
        assert!(out.join(rel).is_file(), "missing {rel}");
    }
    assert!(
        !out.join("ru/about/index.html").exists(),
        "no ru translation, so no ru page"
    );
    assert!(read(&out, "ru/index.html").contains("<html lang=\"ru\">"));
    assert!(read(&out, "proqramlar/qisa-muddetli-qaygi/index.html").contains("<html lang=\"az\">"));
}

#[test]
fn switcher_and_hreflang_lead_to_each_translation() {
    let site = fixture("three_langs");
    built(site.path());
    let out = site.path().join("public");
    let en = read(&out, "en/programmes/short-term-care/index.html");
    for (lang, url) in [
        (
            "az",
            "https://test.example.org/proqramlar/qisa-muddetli-qaygi/",
        ),
        (
            "en",
            "https://test.example.org/en/programmes/short-term-care/",
        ),
        (
            "ru",
            "https://test.example.org/ru/programmy/kratkosrochnaya-opeka/",
        ),
        (
            "x-default",
            "https://test.example.org/proqramlar/qisa-muddetli-qaygi/",
        ),
    ] {
        assert!(
            en.contains(&format!(
                "<link rel=\"alternate\" hreflang=\"{lang}\" href=\"{url}\">"
            )),
            "hreflang {lang} missing"
        );
    }
    assert!(en.contains(
        "<link rel=\"canonical\" href=\"https://test.example.org/en/programmes/short-term-care/\">"
    ));
    assert!(en.contains("<a href=\"/ru/programmy/kratkosrochnaya-opeka/\" hreflang=\"ru\" lang=\"ru\">Русский</a>"), "{en}");
    assert!(en.contains(
        "<a href=\"/proqramlar/qisa-muddetli-qaygi/\" hreflang=\"az\" lang=\"az\">Azərbaycanca</a>"
    ));
    assert!(en.contains("<meta name=\"description\" content=\"An alternative care model.\">"));

    // No Russian translation of "about": the switcher goes to the Russian home page and says so,
    // in the page's language, marked as such inside the Russian link (for screen readers).
    let about = read(&out, "en/about/index.html");
    assert!(about.contains("<a href=\"/ru/\" hreflang=\"ru\" lang=\"ru\">Русский <span class=\"note\" lang=\"en\">(no translation – links to the home page)</span></a>"), "{about}");
    assert!(
        !about.contains("hreflang=\"ru\" href="),
        "no alternate link to a page that does not exist"
    );
}

#[test]
fn sitemap_lists_alternates_and_robots_points_to_it() {
    let site = fixture("three_langs");
    built(site.path());
    let out = site.path().join("public");
    let sitemap = read(&out, "sitemap.xml");
    assert!(
        sitemap.contains("<loc>https://test.example.org/ru/programmy/kratkosrochnaya-opeka/</loc>")
    );
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"ru\" href=\"https://test.example.org/ru/programmy/kratkosrochnaya-opeka/\"/>"));
    assert!(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://test.example.org/proqramlar/qisa-muddetli-qaygi/\"/>"));
    // 30 pages, 5 later news pages, and 14 topic pages (lists, terms, their later pages).
    assert_eq!(sitemap.matches("<url>").count(), 49, "{sitemap}");
    assert!(read(&out, "robots.txt").contains("Sitemap: https://test.example.org/sitemap.xml"));
}

#[test]
fn a_large_sitemap_is_whole_well_formed_and_in_order() {
    // More addresses than the sitemap makes in one part (it is made in parts).
    let site = fixture("three_langs");
    for n in 0..1100 {
        let page = format!("---\ntitle: Səhifə {n}\n---\nMətn.\n");
        std::fs::write(site.path().join(format!("content/p{n:04}.az.md")), page)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    built(site.path());
    let sitemap = read(&site.path().join("public"), "sitemap.xml");
    let mut reader = quick_xml::Reader::from_str(&sitemap);
    let (mut locs, mut in_loc) = (Vec::new(), false);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e)) => in_loc = e.name().as_ref() == b"loc",
            Ok(quick_xml::events::Event::Text(t)) if in_loc => {
                locs.push(String::from_utf8_lossy(t.as_ref()).into_owned());
            }
            Ok(_) => in_loc = false,
            Err(e) => panic!("the sitemap is not well-formed XML: {e}"),
        }
    }
    assert_eq!(locs.len(), 49 + 1100, "every address once");
    assert!(locs.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
    assert!(locs.contains(&"https://test.example.org/p0777/".to_string()));
    assert!(sitemap.ends_with("</urlset>\n"));
}

#[test]
fn md_links_resolve_per_language_with_anchors_and_fall_back_with_a_warning() {
    let site = fixture("three_langs");
    let report = built(site.path());
    let out = site.path().join("public");
    assert!(read(&out, "index.html").contains("href=\"/proqramlar/qisa-muddetli-qaygi/#gence\""));
    assert!(read(&out, "en/index.html").contains("href=\"/en/programmes/short-term-care/#ganja\""));
    assert!(read(&out, "proqramlar/qisa-muddetli-qaygi/index.html")
        .contains("href=\"/haqqimizda/#ictimai-vekillik-1\""));
    // The Russian home links to "about", which has no Russian page: the Azerbaijani one, and a warning.
    assert!(read(&out, "ru/index.html").contains("href=\"/haqqimizda/\""));
    let w: Vec<_> = report
        .warnings
        .iter()
        .map(|d| (d.file.to_string_lossy().into_owned(), d.line))
        .collect();
    assert_eq!(
        w,
        vec![("content/_index.ru.md".to_string(), 5)],
        "{:?}",
        report.warnings
    );
}

#[test]
fn headings_get_azerbaijani_ids_and_code_is_highlighted_with_classes() {
    let site = fixture("three_langs");
    built(site.path());
    let out = site.path().join("public");
    let about = read(&out, "haqqimizda/index.html");
    assert!(about.contains("<h2 id=\"ictimai-vekillik\">İctimai Vəkillik</h2>"));
    assert!(about.contains("<h2 id=\"ictimai-vekillik-1\">İctimai Vəkillik</h2>"));
    let page = read(&out, "proqramlar/qisa-muddetli-qaygi/index.html");
    assert!(
        page.contains("<span class=\"k\">fn </span><span class=\"nf\">main</span>"),
        "highlighted code:\n{page}"
    );
    assert!(!page.contains(" style=\""), "no inline styles");
    let css: Vec<_> = std::fs::read_dir(out.join("assets"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("highlight."))
        .collect();
    assert_eq!(css.len(), 1, "the highlight stylesheet is written once");
    assert!(page.contains(&format!("href=\"/assets/{}\"", css[0])));
    let colours = read(&out, &format!("assets/{}", css[0]));
    assert!(colours.contains(".hl-code .nf{"), "{colours}");
    let about = read(&out, "en/about/index.html");
    assert!(
        !about.contains(&css[0]),
        "a page without code does not load the highlight stylesheet:\n{about}"
    );
    assert!(page.contains("<time datetime=\"2011\">2011</time>"));
}

#[test]
fn aliases_assets_and_static_files_are_written() {
    let site = fixture("three_langs");
    built(site.path());
    let out = site.path().join("public");
    let alias = read(&out, "kohne-haqqimizda/index.html");
    assert!(
        alias.contains("url=https://test.example.org/haqqimizda/"),
        "{alias}"
    );
    assert!(out.join("proqramlar/photo.svg").is_file());
    assert!(read(&out, "proqramlar/qisa-muddetli-qaygi/index.html")
        .contains("src=\"/proqramlar/photo.svg\" alt=\"Uşaqlar oynayır\""));
    let style = std::fs::read_dir(out.join("assets"))
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.starts_with("style.") && n.ends_with(".css") && n.len() == "style..css".len() + 8
        });
    assert!(style, "fingerprinted stylesheet");
}

#[test]
fn a_broken_link_fails_the_build_with_file_and_line() {
    let site = fixture("three_langs");
    edit(
        site.path(),
        "content/programmes/short-term-care.en.md",
        "Since 2011.",
        "Since 2011. [Missing](nowhere.md)",
    );
    let errs = errors_of(site.path());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        errs[0].file,
        Path::new("content/programmes/short-term-care.en.md")
    );
    assert_eq!((errs[0].line, errs[0].column), (8, 13));
    assert!(errs[0].message.contains("nowhere.md"));
}

#[test]
fn a_missing_anchor_fails_the_build_with_its_line() {
    let site = fixture("three_langs");
    edit(site.path(), "content/_index.en.md", "#ganja", "#gence");
    let errs = errors_of(site.path());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        (errs[0].file.to_string_lossy().as_ref(), errs[0].line),
        ("content/_index.en.md", 5)
    );
    assert!(errs[0].message.contains("#gence"));
}

#[test]
fn an_unknown_front_matter_key_fails_with_its_line() {
    let site = fixture("three_langs");
    edit(
        site.path(),
        "content/about.en.md",
        "weight: 1\n",
        "weight: 1\ntitel: About\n",
    );
    let errs = errors_of(site.path());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(
        (errs[0].file.to_string_lossy().as_ref(), errs[0].line),
        ("content/about.en.md", 5)
    );
    assert!(errs[0].message.contains("titel"), "{}", errs[0]);
    assert!(
        errs[0]
            .to_string()
            .starts_with("content/about.en.md:5:1: error: unknown setting `titel`"),
        "{}",
        errs[0]
    );
}

#[test]
fn a_fluent_key_missing_in_one_language_fails_naming_key_and_language() {
    let site = fixture("three_langs");
    edit(
        site.path(),
        "locales/ru/main.ftl",
        "feed = Лента Atom\n",
        "",
    );
    let errs = errors_of(site.path());
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].message.contains("`feed`") && errs[0].message.contains("`ru`"),
        "{}",
        errs[0]
    );
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = fixture("three_langs");
    built(site.path());
    let first = snapshot(&site.path().join("public"));
    std::fs::remove_dir_all(site.path().join("public")).unwrap_or_else(|e| panic!("{e}"));
    built(site.path());
    let second = snapshot(&site.path().join("public"));
    assert!(first.len() > 20);
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(
            second.get(path) == Some(bytes),
            "{path} differs between builds"
        );
    }
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = fixture("three_langs");
    built(site.path());
    let before = snapshot(&site.path().join("public"));
    edit(
        site.path(),
        "content/about.az.md",
        "title: Haqqımızda",
        "title: 'Haqqımızda",
    );
    let errs = errors_of(site.path());
    assert!(errs[0].message.contains("never closed"), "{errs:?}");
    assert_eq!(snapshot(&site.path().join("public")), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("ocaq-"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "staging folders left behind: {leftovers:?}"
    );
}

#[test]
fn drafts_are_left_out_of_every_list_unless_asked_for() {
    let site = fixture("three_langs");
    edit(
        site.path(),
        "content/programmes/short-term-care.ru.md",
        "date: 2011\n",
        "date: 2011\ndraft: true\n",
    );
    edit(
        site.path(),
        "content/programmes/_index.ru.md",
        "weight: 2\n",
        "weight: 2\nextra: {feed: true}\n",
    );
    built(site.path());
    let out = site.path().join("public");
    let slug = "kratkosrochnaya-opeka";
    assert!(!out.join("ru/programmy").join(slug).exists(), "the page");
    assert!(!read(&out, "sitemap.xml").contains(slug), "the sitemap");
    let en = read(&out, "en/programmes/short-term-care/index.html");
    assert!(
        !en.contains(slug),
        "alternates and switcher of the other languages:\n{en}"
    );
    assert!(
        en.contains("<a href=\"/ru/\" hreflang=\"ru\" lang=\"ru\">Русский <span class=\"note\" lang=\"en\">(no translation – links to the home page)</span></a>"),
        "the switcher says, in the reader's language, that there is no Russian page:\n{en}"
    );
    let list = read(&out, "ru/programmy/index.html");
    assert!(!list.contains(slug), "the section list:\n{list}");
    assert!(
        list.contains("В этом разделе пока ничего не опубликовано."),
        "the section counts no page:\n{list}"
    );
    let feed = read(&out, "ru/programmy/atom.xml");
    assert!(!feed.contains(slug), "the feed:\n{feed}");
    assert!(!feed.contains("<entry>"), "the feed:\n{feed}");

    let mut opts = BuildOptions::new(site.path());
    opts.drafts = true;
    opts.minify = false;
    build(&opts).unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
    assert!(out
        .join("ru/programmy")
        .join(slug)
        .join("index.html")
        .exists());
    assert!(read(&out, "sitemap.xml").contains(slug));
    assert!(read(&out, "ru/programmy/index.html").contains(slug));
    assert!(read(&out, "ru/programmy/atom.xml").contains(slug));
}

/// Adds pages to the programmes section, in every language, so it holds `n`.
fn programmes(site: &Path, n: usize) {
    for i in 2..=n {
        for (lang, title) in [("az", "Səhifə"), ("en", "Page"), ("ru", "Страница")] {
            let file = site.join(format!("content/programmes/p{i}.{lang}.md"));
            std::fs::write(&file, format!("---\ntitle: {title} {i}\n---\nText.\n"))
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        }
    }
}

#[test]
fn section_counts_use_each_languages_plural_forms() {
    for (n, az, en, ru) in [
        (1, "1 səhifə", "1 page", "1 запись"),
        (2, "2 səhifə", "2 pages", "2 записи"),
        (5, "5 səhifə", "5 pages", "5 записей"),
        (21, "21 səhifə", "21 pages", "21 запись"),
    ] {
        let site = fixture("three_langs");
        programmes(site.path(), n);
        built(site.path());
        let out = site.path().join("public");
        for (page, want) in [
            ("proqramlar/index.html", az),
            ("en/programmes/index.html", en),
            ("ru/programmy/index.html", ru),
        ] {
            let html = read(&out, page);
            assert!(
                html.contains(&format!("<p class=\"meta\">{want}</p>")),
                "{page} with {n} pages should say {want:?}:\n{html}"
            );
            // Fluent's bidi isolation marks around placeables must not reach the page.
            assert!(
                !html.contains('\u{2068}') && !html.contains('\u{2069}'),
                "{page} has FSI/PDI marks"
            );
        }
    }
}

/// The menu, rendered once per menu state, still marks each page's own place in it.
#[test]
fn the_menu_marks_the_current_page_and_the_section_a_page_is_in() {
    let site = fixture("three_langs");
    built(site.path());
    let out = site.path().join("public");
    let nav = |page: &str| -> String {
        let html = read(&out, page);
        let start = html.find("class=\"main-nav\"").unwrap_or(0);
        let end = html[start..]
            .find("</nav>")
            .map_or(html.len(), |e| start + e);
        html[start..end].to_string()
    };
    let section = nav("en/programmes/index.html");
    assert!(
        section.contains("href=\"/en/programmes/\" aria-current=\"page\""),
        "{section}"
    );
    let inside = nav("en/programmes/short-term-care/index.html");
    assert!(
        inside.contains("href=\"/en/programmes/\" class=\"active\""),
        "{inside}"
    );
    assert!(!inside.contains("aria-current"), "{inside}");
    let about = nav("en/about/index.html");
    assert!(
        about.contains("href=\"/en/about/\" aria-current=\"page\""),
        "{about}"
    );
    assert!(
        about.contains("<a href=\"/en/programmes/\">"),
        "the programmes entry is plain on another page: {about}"
    );
    // Each language has its own menu.
    let ru = nav("ru/programmy/index.html");
    assert!(ru.contains("aria-current=\"page\""), "{ru}");
    assert!(!ru.contains("/en/"), "{ru}");
}
