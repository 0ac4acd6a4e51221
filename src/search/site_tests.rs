//! Whole-site checks: the index of our real content and of the three-language
//! fixture, searched through the Rust mirror of the script. Until the render
//! stage builds the index, page text comes from the Markdown (pulldown-cmark
//! text events), the title from the front matter.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use pulldown_cmark::{Event, Parser};

use super::query::Session;
use super::{build_index, Document};

/// (title, body) of a Markdown file with YAML front matter.
fn split(text: &str) -> (String, String) {
    let mut title = String::new();
    let Some(rest) = text.strip_prefix("---\n") else {
        return (title, text.to_string());
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return (title, rest[offset..].to_string());
        }
        if let Some(t) = line.strip_prefix("title:") {
            title = t.trim().trim_matches('"').to_string();
        }
    }
    (title, String::new())
}

fn plain_text(md: &str) -> String {
    let mut out = String::new();
    for ev in Parser::new(md) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// Every language's index of a content folder; page URLs are the files' paths.
fn site(content: &str) -> HashMap<String, Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(content);
    let mut docs: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    let mut paths: Vec<_> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    paths.sort();
    for p in paths {
        let rel = p
            .strip_prefix(&root)
            .unwrap_or(&p)
            .to_string_lossy()
            .to_string();
        let mut parts = rel.rsplitn(3, '.');
        let (_, lang, stem) = (parts.next(), parts.next(), parts.next());
        let (Some(lang), Some(stem)) = (lang, stem) else {
            continue;
        };
        let (title, body) = split(&std::fs::read_to_string(&p).unwrap_or_default());
        docs.entry(lang.to_string()).or_default().push(Document {
            url: format!("{lang}/{stem}"),
            title,
            text: plain_text(&body),
        });
    }
    let mut files = HashMap::new();
    for (lang, d) in docs {
        files.extend(build_index(&lang, &d).files);
    }
    files
}

fn first(files: &HashMap<String, Vec<u8>>, lang: &str, q: &str) -> String {
    let Some(mut s) = Session::open(files, lang) else {
        return format!("no index for {lang}");
    };
    let Some(hit) = s.search(q).first().cloned() else {
        return format!("nothing for {q:?}");
    };
    s.record(hit.page).map(|r| r.url).unwrap_or_default()
}

#[test]
fn our_content_is_found_without_the_letters_and_with_inflections() {
    let f = site("content");
    for (q, want) in [
        // Typed on a keyboard without Azerbaijani letters.
        ("gence", "az/news/short-term-care-ganja"),
        ("qisa muddetli gence", "az/news/short-term-care-ganja"),
        ("Gəncə", "az/news/short-term-care-ganja"),
        ("genclər evi", "az/programmes/youth-house"),
        // Inflected forms, some of which the text never uses.
        ("gənclər evində", "az/programmes/youth-house"),
        ("gunerzi qaygi merkezine", "az/programmes/day-care-centre"),
        ("İCTİMAİ VƏKİLLİK", "az/programmes/advocacy"),
    ] {
        assert_eq!(first(&f, "az", q), want, "az query {q:?}");
    }
    for (q, want) in [
        ("ganja", "en/news/short-term-care-ganja"),
        ("youth house", "en/programmes/youth-house"),
        ("ADVOCACY", "en/programmes/advocacy"),
    ] {
        assert_eq!(first(&f, "en", q), want, "en query {q:?}");
    }
}

#[test]
fn the_three_language_fixture_is_found_in_each_language() {
    let f = site("tests/fixtures/three_langs/content");
    assert_eq!(
        first(&f, "az", "qisa muddetli"),
        "az/programmes/short-term-care"
    );
    assert_eq!(first(&f, "az", "proqramlarımızda"), "az/programmes/_index");
    assert_eq!(first(&f, "en", "ganja"), "en/programmes/short-term-care");
    // Russian: folding alone (no stemmer), prefix for the word being typed.
    assert_eq!(first(&f, "ru", "гянджа"), "ru/programmes/short-term-care");
    assert_eq!(first(&f, "ru", "ГЯНДЖА"), "ru/programmes/short-term-care");
    assert_eq!(
        first(&f, "ru", "краткосроч"),
        "ru/programmes/short-term-care"
    );
    assert_eq!(first(&f, "ru", "наши программы"), "ru/programmes/_index");
}
