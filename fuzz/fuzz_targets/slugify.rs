//! `slug::slugify` and `slug::IdAllocator` on arbitrary text.
//!
//! A slug is a URL segment: only `[a-z0-9-]`, never a leading, trailing or
//! doubled `-`, and slugifying a slug gives it back unchanged. The allocator
//! hands out distinct ids for one page, and never one that was reserved.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ocaq::slug::{slugify, IdAllocator};
use std::collections::HashSet;

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

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let s = slugify(&text);
    check_slug(&text, &s);
    // Idempotent: a slug is its own slug.
    assert_eq!(slugify(&s), s, "slugify is not idempotent on {text:?}");

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
});
