//! Entry points for the fuzz targets in `fuzz/` (built only with the `fuzzing`
//! feature): each takes the fuzzer's bytes and checks what the code promises,
//! through the crate's own items, so the library's surface stays narrow.
//!
//! - `front_matter`: a parsed front matter has a non-empty title, a slug of
//!   [a-z0-9-] only, aliases that are site paths, dates that round-trip
//!   through `iso()`; every diagnostic can be printed; with `unsafe_html:
//!   false`, the HTML fragment has only the elements and attributes Markdown
//!   itself produces, no `style`, and no `href`/`src` with a scheme other
//!   than http, https, mailto, tel (as a browser reads the attribute).
//! - `slugify`: a slug has only `[a-z0-9-]`, never a leading, trailing or
//!   doubled `-`, and slugifying a slug gives it back; the id allocator hands
//!   out distinct ids for one page and never a reserved one.
#![allow(missing_docs)]

use crate::date::PartialDate;
use crate::images::{self, Format, Picture, Pictures, Variant};
use crate::load::front_matter;
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self, NoEmbeds, RenderContext};
use crate::slug::{self, IdAllocator};
use std::collections::HashSet;
use std::path::Path;
use std::sync::OnceLock;

static HIGHLIGHTER: OnceLock<Highlighter> = OnceLock::new();

/// A page file as an editor could write it: front matter split and parsed, then the
/// body through the Markdown pass with the site's rules (see the module docs).
pub fn front_matter(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = Path::new("f.md");
    let (body, body_line) = match front_matter::split(path, text) {
        Ok(split) => {
            assert!(split.body_line >= 3);
            match front_matter::parse(path, split.yaml, text) {
                Ok(fm) => check_front_matter(&fm),
                Err(diags) => {
                    assert!(!diags.is_empty(), "an error without a diagnostic");
                    for d in &diags {
                        let _ = d.to_string();
                    }
                }
            }
            (split.body, split.body_line)
        }
        Err(d) => {
            let _ = d.to_string();
            // Still give the Markdown pass the whole text: more to chew on.
            (text, 1)
        }
    };
    let highlighter = HIGHLIGHTER.get_or_init(Highlighter::default);
    let cx = RenderContext {
        file: path,
        body_line,
        unsafe_html: false,
        highlighter,
        embeds: &NoEmbeds,
        components: &crate::markdown::components::Catalog::default(),
        languages: &[],
        html: true,
        text: true,
    };
    let doc = markdown::render(body, &cx);
    for d in &doc.outline.diagnostics {
        let _ = d.to_string();
    }
    for h in &doc.outline.headings {
        assert!((1..=6).contains(&h.level));
    }
    // Render writes each image's markup: half of them as photos with copies.
    let urls: Vec<String> = (0..doc.outline.links.len())
        .map(|n| format!("/p{n}.jpg"))
        .collect();
    let pictures: Pictures = urls
        .iter()
        .step_by(2)
        .map(|u| {
            let variants = [Format::Jpeg, Format::WebP]
                .into_iter()
                .map(|format| Variant {
                    width: 480,
                    height: 240,
                    format,
                    url: images::published_url(u, 1, 480, format),
                    file: Default::default(),
                })
                .collect();
            let picture = Picture {
                width: 2000,
                height: 1000,
                variants,
            };
            (u.clone(), picture)
        })
        .collect();
    let html = images::place(&doc.html, &doc.outline.images, &urls, &pictures);
    assert!(
        !html.contains(markdown::IMAGE_MARK),
        "an image mark was left:\n{html}"
    );
    check_html(&html);
}

fn check_front_matter(fm: &front_matter::FrontMatter) {
    assert!(!fm.title.trim().is_empty(), "empty title accepted");
    if let Some(slug) = &fm.slug {
        assert!(
            !slug.value.is_empty()
                && slug
                    .value
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "bad slug accepted: {:?}",
            slug.value
        );
        assert!(slug.line >= 2, "slug line {}", slug.line);
    }
    for a in &fm.rare().aliases {
        assert!(a.value.starts_with('/'), "alias {:?}", a.value);
        assert!(
            !a.value.split('/').any(|s| s == ".." || s == "."),
            "alias {:?}",
            a.value
        );
    }
    for d in [fm.date, fm.updated].into_iter().flatten() {
        assert_eq!(
            PartialDate::parse(&d.iso()),
            Some(d),
            "date does not round-trip"
        );
        let _ = d.rfc3339();
    }
}

/// Elements pulldown-cmark, the highlighter and the image markup produce.
#[rustfmt::skip]
const TAGS: &[&str] = &[
    "a", "blockquote", "br", "code", "del", "div", "em", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "img", "input", "li", "ol", "p", "pre", "span", "strong", "sup", "table", "tbody", "td",
    "th", "thead", "tr", "ul", "picture", "source",
];
#[rustfmt::skip]
const ATTRS: &[&str] = &[
    "id", "class", "href", "src", "alt", "title", "type", "checked", "disabled", "start",
    "data-lang", "srcset", "sizes", "width", "height", "loading", "decoding",
];
const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ocaq-link"];

fn check_html(html: &str) {
    let b = html.as_bytes();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let mut j = start + 1;
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let name_start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric()) {
            j += 1;
        }
        let name = &html[name_start..j];
        assert!(
            TAGS.contains(&name),
            "unexpected markup `{}` in output:\n{html}",
            &html[start..(start + 40).min(html.len())]
                .chars()
                .take(40)
                .collect::<String>()
        );
        if closing {
            assert_eq!(b.get(j), Some(&b'>'), "bad closing tag in:\n{html}");
            i = j + 1;
            continue;
        }
        // Attributes: name="value" (values never contain `"` when escaped), or bare names.
        loop {
            while j < b.len() && b[j] == b' ' {
                j += 1;
            }
            match b.get(j) {
                Some(b'>') => {
                    j += 1;
                    break;
                }
                Some(b'/') if b.get(j + 1) == Some(&b'>') => {
                    j += 2;
                    break;
                }
                None => panic!("unterminated tag in:\n{html}"),
                _ => {}
            }
            let a0 = j;
            while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
                j += 1;
            }
            let attr = &html[a0..j];
            assert!(
                ATTRS.contains(&attr),
                "unexpected attribute `{attr}` on <{name}> in:\n{html}"
            );
            if b.get(j) == Some(&b'=') {
                assert_eq!(b.get(j + 1), Some(&b'"'), "unquoted attribute in:\n{html}");
                let v0 = j + 2;
                let len = html[v0..]
                    .find('"')
                    .unwrap_or_else(|| panic!("unterminated attribute in:\n{html}"));
                let value = &html[v0..v0 + len];
                assert!(
                    !value.contains(['<', '>']),
                    "raw < or > in attribute: {value:?}"
                );
                if attr == "href" || attr == "src" {
                    if let Some(s) = browser_scheme(&unescape(value)) {
                        assert!(
                            SAFE_SCHEMES.contains(&s.as_str()),
                            "unsafe scheme `{s}` kept in {attr}={value:?}"
                        );
                    }
                }
                j = v0 + len + 1;
            }
        }
        i = j;
    }
}

fn unescape(v: &str) -> String {
    v.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The scheme a browser would see (WHATWG URL parsing, simplified).
fn browser_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|&c| c != '\t' && c != '\n' && c != '\r')
        .collect();
    let colon = cleaned.find(':')?;
    let s = &cleaned[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    if !first.is_ascii_alphabetic()
        || !chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    {
        return None;
    }
    Some(s.to_ascii_lowercase())
}

fn check_slug(input: &str, s: &str) {
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
        "slugify({input:?}) = {s:?} has a character outside [a-z0-9-]"
    );
    assert!(
        !s.starts_with('-'),
        "slugify({input:?}) = {s:?} starts with -"
    );
    assert!(!s.ends_with('-'), "slugify({input:?}) = {s:?} ends with -");
    assert!(!s.contains("--"), "slugify({input:?}) = {s:?} has --");
}

/// `slugify` and `IdAllocator` on arbitrary text (see the module docs).
pub fn slugify(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let s = slug::slugify(&text);
    check_slug(&text, &s);
    // Idempotent: a slug is its own slug.
    assert_eq!(
        slug::slugify(&s),
        s,
        "slugify is not idempotent on {text:?}"
    );

    // The input as a page's headings, one per line; lines starting with `#`
    // are explicit ids (`{#id}`), reserved first as the Markdown pass does.
    let mut ids = IdAllocator::default();
    let mut reserved = HashSet::new();
    for line in text.lines() {
        if let Some(id) = line.strip_prefix('#') {
            ids.reserve(id);
            reserved.insert(id.to_string());
        }
    }
    let mut seen = HashSet::new();
    for line in text.lines().filter(|l| !l.starts_with('#')) {
        let id = ids.allocate(line);
        check_slug(line, &id);
        assert!(!id.is_empty());
        assert!(!reserved.contains(&id), "allocated reserved id {id:?}");
        assert!(seen.insert(id.clone()), "duplicate id {id:?} for {line:?}");
    }
}
