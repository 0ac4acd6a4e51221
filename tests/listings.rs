//! Listings on the three-language fixture: paginated sections, topics, contents,
//! summaries and reading time.

mod common;

use common::{edit, fixture, read};
use ocaq::{build, BuildOptions};
use std::path::{Path, PathBuf};

/// The fixture built without minifying; the path of its `public/`.
fn built(root: &Path) -> PathBuf {
    let opts = BuildOptions {
        minify: false,
        ..BuildOptions::new(root)
    };
    if let Err(e) = build(&opts) {
        panic!("build failed:\n{}", common::show(e.diagnostics()));
    }
    root.join("public")
}

/// The titles of the cards a list page shows, in order.
fn cards(html: &str) -> Vec<String> {
    html.split("<li class=\"card\">")
        .skip(1)
        .filter_map(|c| {
            let after = c.split_once("<h2><a href=\"")?.1;
            let title = after.split_once("\">")?.1.split_once("</a>")?.0;
            Some(title.to_string())
        })
        .collect()
}

/// The `hreflang` alternates in a page's head: (language, absolute URL).
fn alternates(html: &str) -> Vec<(String, String)> {
    html.lines()
        .filter(|l| l.starts_with("<link rel=\"alternate\" hreflang="))
        .filter_map(|l| {
            let lang = l.split("hreflang=\"").nth(1)?.split('"').next()?;
            let href = l.split("href=\"").nth(1)?.split('"').next()?;
            Some((lang.to_string(), href.to_string()))
        })
        .collect()
}

#[test]
fn a_paginated_section_has_translated_page_urls_newest_first_and_page_one_redirects() {
    let site = fixture("three_langs");
    let out = built(site.path());
    // Five items a language at two a page: three pages in az and en; ru has three items.
    assert_eq!(cards(&read(&out, "xeberler/index.html")), ["az 5", "az 4"]);
    assert_eq!(
        cards(&read(&out, "xeberler/sehife/2/index.html")),
        ["az 3", "az 2"]
    );
    assert_eq!(cards(&read(&out, "xeberler/sehife/3/index.html")), ["az 1"]);
    assert_eq!(cards(&read(&out, "en/news/page/3/index.html")), ["en 1"]);
    assert_eq!(
        cards(&read(&out, "ru/novosti/stranitsa/2/index.html")),
        ["ru 1"]
    );
    assert!(!out.join("ru/novosti/stranitsa/3").exists());
    assert!(!out.join("xeberler/sehife/4").exists());
    // Page 1 is the section's own address; its /1/ form redirects there.
    let redirects = read(&out, "_redirects");
    for line in [
        "/xeberler/sehife/1/ /xeberler/ 301",
        "/en/news/page/1/ /en/news/ 301",
        "/ru/novosti/stranitsa/1/ /ru/novosti/ 301",
    ] {
        assert!(
            redirects.lines().any(|l| l == line),
            "{line} in\n{redirects}"
        );
    }
    let old = read(&out, "xeberler/sehife/1/index.html");
    assert!(
        old.contains("url=https://test.example.org/xeberler/"),
        "{old}"
    );
    // The paginator: neighbours and the current page.
    let second = read(&out, "en/news/page/2/index.html");
    assert!(
        second.contains("<a href=\"/en/news/\" rel=\"prev\">"),
        "{second}"
    );
    assert!(second.contains("<a href=\"/en/news/page/3/\" rel=\"next\">"));
    assert!(second.contains("<span aria-current=\"page\">2</span>"));
    assert!(second
        .contains("<link rel=\"canonical\" href=\"https://test.example.org/en/news/page/2/\">"));
}

#[test]
fn paged_urls_have_alternates_where_the_other_language_has_that_page_and_are_in_the_sitemap() {
    let site = fixture("three_langs");
    let out = built(site.path());
    let base = "https://test.example.org";
    let two = alternates(&read(&out, "xeberler/sehife/2/index.html"));
    for (lang, url) in [
        ("az", "/xeberler/sehife/2/"),
        ("en", "/en/news/page/2/"),
        ("ru", "/ru/novosti/stranitsa/2/"),
    ] {
        assert!(
            two.contains(&(lang.into(), format!("{base}{url}"))),
            "{lang} in {two:?}"
        );
    }
    // Russian has no third page: no alternate, and the switcher says so.
    let three = read(&out, "xeberler/sehife/3/index.html");
    assert!(
        !alternates(&three).iter().any(|(l, _)| l == "ru"),
        "{three}"
    );
    assert!(three.contains("<a href=\"/ru/\" hreflang=\"ru\""));
    let sitemap = read(&out, "sitemap.xml");
    let entry = sitemap
        .split("<url>")
        .find(|e| e.contains(&format!("<loc>{base}/en/news/page/2/</loc>")))
        .unwrap_or_else(|| panic!("no /en/news/page/2/ in\n{sitemap}"));
    assert!(
        entry.contains(&format!(
            "hreflang=\"ru\" href=\"{base}/ru/novosti/stranitsa/2/\""
        )),
        "{entry}"
    );
    assert!(
        entry.contains(&format!(
            "hreflang=\"x-default\" href=\"{base}/xeberler/sehife/2/\""
        )),
        "{entry}"
    );
    assert!(sitemap.contains(&format!("<loc>{base}/movzular/usaq-huquqlari/</loc>")));
}

#[test]
fn a_terms_pages_in_three_languages_are_linked_by_hreflang_and_listed() {
    let site = fixture("three_langs");
    let out = built(site.path());
    let base = "https://test.example.org";
    let urls = [
        ("az", "/movzular/usaq-huquqlari/"),
        ("en", "/en/topics/childrens-rights/"),
        ("ru", "/ru/temy/prava-detei/"),
    ];
    for (_, url) in urls {
        let html = read(&out, &format!("{}index.html", &url[1..]));
        let alts = alternates(&html);
        for (lang, other) in urls {
            assert!(
                alts.contains(&(lang.into(), format!("{base}{other}"))),
                "{url}: {lang} in {alts:?}"
            );
        }
    }
    let az = read(&out, "movzular/usaq-huquqlari/index.html");
    assert!(az.contains("<h1>Uşaq hüquqları</h1>"), "{az}");
    assert_eq!(cards(&az), ["az 4", "az 1"]);
    // Education lists all five at two a page.
    assert_eq!(
        cards(&read(&out, "en/topics/education/page/3/index.html")),
        ["en 1"]
    );
    let list = read(&out, "ru/temy/index.html");
    assert!(
        list.contains("<a href=\"/ru/temy/prava-detei/\">Права детей</a>"),
        "{list}"
    );
    let feed = read(&out, "en/topics/childrens-rights/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 2, "{feed}");
    // A page links its terms in its own language.
    let item = read(&out, "en/news/item-1/index.html");
    assert!(
        item.contains("<a href=\"/en/topics/childrens-rights/\">Children&#39;s rights</a>"),
        "{item}"
    );
}

#[test]
fn an_undeclared_term_fails_at_its_line_with_the_closest_key_suggested() {
    let site = fixture("three_langs");
    edit(
        site.path(),
        "content/news/item-2.az.md",
        "topics: [education]",
        "topics: [educaton]",
    );
    let err = match build(&BuildOptions::new(site.path())) {
        Ok(_) => panic!("an unknown term was accepted"),
        Err(e) => e,
    };
    let d = err.diagnostics().iter().find(|d| d.is_error()).cloned();
    let d = d.unwrap_or_else(|| panic!("no error"));
    assert_eq!(d.file, Path::new("content/news/item-2.az.md"));
    assert_eq!((d.line, d.column), (6, 10), "{d}");
    assert!(
        d.message.contains("`educaton`") && d.message.contains("topics"),
        "{d}"
    );
    assert!(d.hint.contains("did you mean `education`?"), "{d}");
}

#[test]
fn a_long_page_shows_its_contents_with_azerbaijani_heading_ids() {
    let site = fixture("three_langs");
    let out = built(site.path());
    let html = read(&out, "beledci/index.html");
    let toc = html
        .split("<nav class=\"toc\"")
        .nth(1)
        .and_then(|t| t.split("</nav>").next())
        .unwrap_or_else(|| panic!("no contents in\n{html}"));
    // Nested: the h3 under its h2; ids as the headings themselves get them.
    assert!(toc.contains("<li><a href=\"#aile-esasli-qaygi\">Ailə əsaslı qayğı</a>\n<ol>\n<li><a href=\"#gencede-is\">Gəncədə iş</a></li>"), "{toc}");
    assert!(toc.contains("href=\"#illik-hesabat\""));
    assert!(html.contains("<h2 id=\"aile-esasli-qaygi\">"));
    assert!(html.contains("<h3 id=\"gencede-is\">"));
    // A short page has none.
    assert!(!read(&out, "haqqimizda/index.html").contains("class=\"toc\""));
}

#[test]
fn the_text_before_more_is_the_summary_in_lists_and_feeds() {
    let site = fixture("three_langs");
    let out = built(site.path());
    let list = read(&out, "xeberler/sehife/2/index.html");
    assert!(list.contains("<p>Yay düşərgəsi başladı.</p>"), "{list}");
    assert!(!list.contains("az description 3.") && !list.contains("Ətraflı"));
    // Without a marker, the description.
    assert!(list.contains("<p>az description 2.</p>"));
    let feed = read(&out, "en/news/atom.xml");
    assert!(
        feed.contains("<summary>The summer camp has begun.</summary>"),
        "{feed}"
    );
    assert!(!feed.contains("never in lists"));
    // The page itself still has all of its text, and its description for search engines.
    let page = read(&out, "en/news/item-3/index.html");
    assert!(page.contains("The details are here"));
    assert!(page.contains("<meta name=\"description\" content=\"en description 3.\">"));
}

#[test]
fn reading_time_is_told_in_each_language_with_its_plural_forms() {
    let site = fixture("three_langs");
    let out = built(site.path());
    assert!(read(&out, "beledci/index.html").contains("Oxu müddəti: 5 dəqiqə"));
    assert!(read(&out, "en/guide/index.html").contains("3 minutes read"));
    assert!(read(&out, "ru/rukovodstvo/index.html").contains("3 минуты чтения"));
    // A short page does not show it.
    assert!(!read(&out, "en/about/index.html").contains("minute"));
}

#[test]
fn a_translation_without_date_or_topics_takes_them_from_the_azerbaijani_page() {
    let site = fixture("three_langs");
    let rel = "content/news/item-1.en.md";
    edit(site.path(), rel, "date: 2026-01-01\n", "");
    edit(
        site.path(),
        rel,
        "topics: [childrens-rights, education]\n",
        "",
    );
    let out = built(site.path());
    // Still the oldest, so still alone on the last page, and still under its topic.
    assert_eq!(cards(&read(&out, "en/news/page/3/index.html")), ["en 1"]);
    assert!(
        cards(&read(&out, "en/topics/childrens-rights/index.html")).contains(&"en 1".to_string())
    );
    // Its own value wins, with a warning at its line: here a contradicting weight.
    edit(
        site.path(),
        rel,
        "slug: item-1\n",
        "slug: item-1\nweight: 9\n",
    );
    edit(
        site.path(),
        "content/news/item-1.az.md",
        "slug: item-1\n",
        "slug: item-1\nweight: 3\n",
    );
    let report = match ocaq::check::check(&BuildOptions::new(site.path())) {
        Ok(r) => r,
        Err(e) => panic!("check failed:\n{}", common::show(e.diagnostics())),
    };
    let w: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("`weight: 9` here"))
        .collect();
    assert_eq!(w.len(), 1, "{:?}", report.diagnostics);
    assert_eq!((w[0].file.as_path(), w[0].line), (Path::new(rel), 5));
}
