//! Site search on built sites: the index `build` writes for our own content,
//! the three-language fixture and the statistics fixture, searched through the
//! Rust mirror of search.js (`ocaq::search::query`, kept equal to the script
//! by src/search/js_tests.rs); the search page and the header field.

mod common;

use ocaq::search::query::Session;
use ocaq::{build, BuildOptions};
use std::collections::HashMap;
use std::path::Path;

/// Builds the site at `root` into `out` (not minified, so tests read plain HTML).
fn build_site(root: &Path, out: &Path, drafts: bool) {
    let mut opts = BuildOptions {
        minify: false,
        drafts,
        ..BuildOptions::new(root.to_path_buf())
    };
    opts.out = Some(out.to_path_buf());
    if let Err(e) = build(&opts) {
        panic!("{}", common::show(e.diagnostics()));
    }
}

/// The search files of a built site (manifests and the hashed folders), by site path.
fn index_files(out: &Path) -> HashMap<String, Vec<u8>> {
    common::snapshot(out)
        .into_iter()
        .filter(|(p, _)| p.starts_with("search/") || p.starts_with("assets/search/"))
        .collect()
}

/// The URLs of the results of `q` in `lang`, best first.
fn results(files: &HashMap<String, Vec<u8>>, lang: &str, q: &str) -> Vec<String> {
    let Some(mut s) = Session::open(files, lang) else {
        panic!("no search index for {lang}");
    };
    let hits: Vec<u32> = s.search(q).iter().map(|h| h.page).collect();
    hits.into_iter()
        .map(|p| s.entry(p).map(|r| r.url).unwrap_or_default())
        .collect()
}

fn first(files: &HashMap<String, Vec<u8>>, lang: &str, q: &str) -> String {
    results(files, lang, q)
        .into_iter()
        .next()
        .unwrap_or_else(|| format!("nothing for {q:?}"))
}

/// Builds a site into a fresh folder and returns the folder and its search files.
fn built(root: &Path, drafts: bool) -> (tempfile::TempDir, HashMap<String, Vec<u8>>) {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    build_site(root, &out.path().join("public"), drafts);
    let files = index_files(&out.path().join("public"));
    (out, files)
}

#[test]
fn our_site_is_found_without_the_letters_with_inflections_and_in_each_language() {
    let (_out, f) = built(&common::repo(), false);
    for (q, want) in [
        // Typed on a keyboard without Azerbaijani letters.
        ("gencler evi", "/proqramlar/gencler-evi/"),
        ("ictimai vekillik", "/proqramlar/ictimai-vekillik/"),
        (
            "gunerzi qaygi merkezine",
            "/proqramlar/gunerzi-qaygi-merkezi/",
        ),
        // Inflected forms.
        ("gənclər evində", "/proqramlar/gencler-evi/"),
        ("İCTİMAİ VƏKİLLİK", "/proqramlar/ictimai-vekillik/"),
    ] {
        assert_eq!(
            first(&f, "az", q),
            want,
            "az query {q:?}: {:?}",
            results(&f, "az", q)
        );
    }
    for (q, want) in [
        ("youth house", "/en/programmes/youth-house/"),
        ("advocacy", "/en/programmes/advocacy/"),
    ] {
        assert_eq!(
            first(&f, "en", q),
            want,
            "en query {q:?}: {:?}",
            results(&f, "en", q)
        );
    }
    for (q, want) in [
        ("молодежный дом", "/ru/programmy/molodezhnyi-dom/"),
        ("АДВОКАЦИЯ", "/ru/programmy/advokatsiia/"),
    ] {
        assert_eq!(
            first(&f, "ru", q),
            want,
            "ru query {q:?}: {:?}",
            results(&f, "ru", q)
        );
    }
    // Old addresses are redirects, not pages: they are never a result.
    for lang in ["az", "en", "ru"] {
        for q in ["qisa", "short", "кратковрем"] {
            for url in results(&f, lang, q) {
                let item_of = |section: &str| url.starts_with(section) && url != section;
                assert!(
                    !item_of("/xeberler/") && !item_of("/en/news/") && !item_of("/ru/novosti/"),
                    "{url} is an old address"
                );
            }
        }
    }
}

/// Writes a page file into a fixture copy.
fn write_page(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{rel}: {e}"));
}

#[test]
fn a_site_of_many_pages_has_the_same_index_built_as_served_and_every_page_is_found() {
    // A build merges the index a batch of pages at a time; `serve` keeps every page's
    // share and merges them at once. Both must give the same files.
    let site = common::fixture("three_langs");
    let s = site.path();
    let words = ["alma", "armud", "heyva", "nar", "üzüm", "gilas", "ərik"];
    for n in 0..1200 {
        let (a, b) = (words[n % 7], words[n / 7 % 7]);
        let text = format!("---\ntitle: Səhifə {n}\n---\n{a} {b} söz{n}x.\n");
        write_page(s, &format!("content/p{n:04}.az.md"), &text);
    }
    let (_out, built_files) = built(s, false);
    let opts = BuildOptions {
        minify: false,
        ..BuildOptions::new(s.to_path_buf())
    };
    let (live, _) = match ocaq::serve::LiveSite::build(&opts) {
        Ok(l) => l,
        Err(e) => panic!("{}", common::show(e.diagnostics())),
    };
    let served: HashMap<String, Vec<u8>> = live
        .files()
        .iter()
        .filter(|(p, _)| p.starts_with("search/") || p.starts_with("assets/search/"))
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .collect();
    assert_eq!(
        built_files
            .keys()
            .collect::<std::collections::BTreeSet<_>>(),
        served.keys().collect(),
    );
    assert!(built_files == served, "the same bytes");
    // Pages of the first batch, of a later one and the last page are found by their word.
    for n in [3, 700, 1199] {
        assert_eq!(
            results(&built_files, "az", &format!("soz{n}x")),
            [format!("/p{n:04}/")]
        );
    }
}

#[test]
fn the_three_language_fixture_is_found_and_drafts_and_noindex_pages_are_not() {
    let site = common::fixture("three_langs");
    let s = site.path();
    // The default language's pages, published, with words of their own.
    write_page(
        s,
        "content/programmes/secret.az.md",
        "---\ntitle: Plan\n---\nMətn.\n",
    );
    write_page(
        s,
        "content/programmes/hidden.az.md",
        "---\ntitle: Qeyd\n---\nMətn.\n",
    );
    write_page(
        s,
        "content/programmes/secret.en.md",
        "---\ntitle: Draft plans\ndraft: true\n---\nZanzibarian hydroponics.\n",
    );
    write_page(
        s,
        "content/programmes/hidden.en.md",
        "---\ntitle: Staff notes\nnoindex: true\n---\nQuetzalcoatl paperwork.\n",
    );
    for drafts in [false, true] {
        let (out, f) = built(s, drafts);
        assert_eq!(
            first(&f, "az", "qisa muddetli"),
            "/proqramlar/qisa-muddetli-qaygi/"
        );
        assert_eq!(first(&f, "az", "proqramlarımızda"), "/proqramlar/");
        assert_eq!(first(&f, "en", "ganja"), "/en/programmes/short-term-care/");
        // Russian: folding alone (no stemmer), a prefix for the word being typed.
        let stc = "/ru/programmy/kratkosrochnaya-opeka/";
        assert_eq!(first(&f, "ru", "ГЯНДЖА"), stc);
        assert_eq!(first(&f, "ru", "краткосроч"), stc);
        assert_eq!(first(&f, "ru", "наши программы"), "/ru/programmy/");
        // Both pages are published, and neither can be found.
        let public = out.path().join("public");
        assert!(public.join("en/programmes/hidden/index.html").exists());
        assert_eq!(
            public.join("en/programmes/secret/index.html").exists(),
            drafts
        );
        for q in [
            "zanzibarian",
            "hydroponics",
            "draft plans",
            "quetzalcoatl",
            "staff notes",
        ] {
            assert_eq!(
                results(&f, "en", q),
                Vec::<String>::new(),
                "{q} (drafts: {drafts})"
            );
        }
    }
}

#[test]
fn a_hidden_statistics_figure_never_reaches_the_index() {
    // The same move of the hidden figures as in tests/statistics.rs: every published
    // figure stays, so every file of the index must be byte for byte the same.
    let (_a, before) = built(common::fixture("small_cells").path(), false);
    let shifted = common::fixture("small_cells");
    for (from, to) in [
        ("city: ganja, count: 3}", "city: ganja, count: 5}"),
        ("city: sumgait, count: 40}", "city: sumgait, count: 38}"),
        ("city: ganja, count: 30}", "city: ganja, count: 28}"),
        ("city: sumgait, count: 18}", "city: sumgait, count: 20}"),
    ] {
        common::edit(shifted.path(), "content/statistics.yaml", from, to);
    }
    let (_b, after) = built(shifted.path(), false);
    assert!(before.len() > 4, "{:?}", before.keys());
    let mut paths: Vec<&String> = before.keys().collect();
    paths.sort();
    let mut paths_after: Vec<&String> = after.keys().collect();
    paths_after.sort();
    assert_eq!(paths, paths_after);
    for p in paths {
        assert!(
            before[p] == after[p],
            "{p} differs: a hidden figure reached the index"
        );
    }
    // What the block publishes is found: its labels and a published figure.
    assert_eq!(first(&before, "en", "sumgait"), "/en/");
    assert_eq!(first(&before, "en", "1,112"), "/en/");
}

#[test]
fn what_components_show_is_found_too() {
    let site = common::fixture("components");
    let (_out, f) = built(site.path(), false);
    // A photo's caption, a video's title and a document's title, in the page's language.
    assert_eq!(first(&f, "en", "garden spring"), "/en/media/");
    assert_eq!(first(&f, "en", "day in the village"), "/en/media/");
    // (The donate box's "Annual reports and audit" matches as well.)
    assert!(results(&f, "en", "annual report").contains(&"/en/media/".to_string()));
    let page = common::read(&site.path().join("content"), "media.az.md");
    let caption = page
        .lines()
        .find_map(|l| l.strip_prefix("caption: "))
        .unwrap_or_else(|| panic!("no caption in media.az.md"));
    assert_eq!(first(&f, "az", caption), "/sekiller-video-senedler/");
    // Text only: a component's markup and addresses are not words of the page.
    assert!(results(&f, "en", "figcaption").is_empty());
}

#[test]
fn each_language_has_a_search_page_and_every_page_a_search_field_in_its_header() {
    let site = common::fixture("three_langs");
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let public = out.path().join("public");
    build_site(site.path(), &public, false);
    for (lang, url, home) in [
        ("az", "/axtaris/", "index.html"),
        ("en", "/en/search/", "en/index.html"),
        ("ru", "/ru/poisk/", "ru/index.html"),
    ] {
        let page = common::read(&public, &format!("{}index.html", &url[1..]));
        assert!(page.contains(&format!("<html lang=\"{lang}\">")), "{page}");
        assert!(
            page.contains(&format!("data-index=\"/search/{lang}/index.json\"")),
            "{page}"
        );
        assert!(
            page.contains("data-search-nojs"),
            "the page says when JavaScript is off"
        );
        assert!(page.contains("role=\"search\""), "{page}");
        assert!(
            !page.contains("header-search"),
            "one search landmark on the search page"
        );
        let home = common::read(&public, home);
        assert!(home.contains("role=\"search\" aria-label="), "{home}");
        assert!(
            home.contains(&format!("action=\"{url}\" method=\"get\"")),
            "the header field is a plain GET form to {url}"
        );
        assert!(home.contains("<label class=\"visually-hidden\" for=\"header-q\">"));
        assert!(public.join(format!("search/{lang}/index.json")).exists());
    }
    // The manifest keeps its name (short cache); the rest is under /assets/ (a year).
    let headers = common::read(&public, "_headers");
    assert!(
        headers.contains(
            "/assets/*\n  ! Cache-Control\n  Cache-Control: public, max-age=31536000, immutable"
        ),
        "{headers}"
    );
    let files = index_files(&public);
    for p in files.keys() {
        assert!(
            p.ends_with("/index.json") && p.starts_with("search/")
                || p.starts_with("assets/search/"),
            "{p}"
        );
    }
}

#[test]
fn a_page_at_the_search_page_address_stops_the_build_and_nothing_is_written() {
    let site = common::fixture("three_langs");
    write_page(
        site.path(),
        "content/axtaris.az.md",
        "---\ntitle: Axtarış\n---\nÖz axtarış səhifəmiz.\n",
    );
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut opts = BuildOptions::new(site.path().to_path_buf());
    opts.out = Some(out.path().join("public"));
    let err = match build(&opts) {
        Ok(_) => panic!("the build should fail"),
        Err(e) => common::show(e.diagnostics()),
    };
    assert!(err.contains("content/axtaris.az.md"), "{err}");
    assert!(
        err.contains("the address of the search page, /axtaris/"),
        "{err}"
    );
    assert!(
        err.contains("`search-title` in locales/az/main.ftl"),
        "{err}"
    );
    assert!(!out.path().join("public").exists());
}

#[test]
fn check_reports_the_index_size_of_each_language() {
    let site = common::fixture("three_langs");
    let report = ocaq::check::check(&BuildOptions::new(site.path().to_path_buf()))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let langs: Vec<&str> = report.search.iter().map(|s| s.lang.as_str()).collect();
    assert_eq!(langs, ["az", "en", "ru"]);
    for s in &report.search {
        // The manifest, a term chunk and a page list at least.
        assert!(s.pages >= 3 && s.files >= 3 && s.bytes > 100, "{s:?}");
        assert!(s
            .line()
            .starts_with(&format!("{}: {} pages", s.lang, s.pages)));
    }
}
