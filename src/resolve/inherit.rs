//! Shared front matter: the keys that do not depend on language (`date`,
//! `updated`, `weight`, `image` and the taxonomies) may be written in the
//! default-language file only; its translations take them unless they set
//! their own, and a translation that sets a different value is warned about.

use crate::date::PartialDate;
use crate::diagnostic::{Diagnostic, Problems};
use crate::load::front_matter::{FrontMatter, Located};
use crate::load::page::SourcePage;
use rayon::prelude::*;
use std::collections::HashMap;

/// Fills each translation's unset shared keys from its default-language page and warns
/// where a translation contradicts it.
pub(crate) fn shared_front_matter(
    default_language: &str,
    pages: &mut [Box<SourcePage>],
    problems: &mut Problems,
) {
    let sources: HashMap<&str, &SourcePage> = pages
        .iter()
        .filter(|p| p.lang == default_language)
        .map(|p| (p.key.as_str(), &**p))
        .collect();
    // What each translation takes from its source, and the warnings, worked out side
    // by side; then taken. Only the keys a translation does not set are copied out,
    // and only translations that take or contradict something are listed.
    let taken: Vec<(usize, Shared, Vec<Diagnostic>)> = pages
        .par_iter()
        .enumerate()
        .filter(|(_, p)| p.lang != default_language)
        .filter_map(|(i, page)| {
            let source = sources.get(page.key.as_str())?;
            let warnings: Vec<Diagnostic> = differences(&source.front, &page.front)
                .into_iter()
                .map(|(key, theirs, ours)| contradiction(page, &source.file, key, &theirs, &ours))
                .collect();
            let shared = unset_keys(&source.front, &page.front);
            (!shared.is_empty() || !warnings.is_empty()).then_some((i, shared, warnings))
        })
        .collect();
    for (i, shared, warnings) in taken {
        problems.extend(warnings);
        shared.fill(&mut pages[i].front);
    }
}

/// The shared keys a translation takes from its source: those it does not set.
#[derive(Default)]
struct Shared {
    date: Option<PartialDate>,
    updated: Option<PartialDate>,
    weight: Option<i64>,
    image: Option<Located<String>>,
    taxonomies: Vec<(String, Vec<Located<String>>)>,
}

impl Shared {
    /// True when the translation takes nothing.
    fn is_empty(&self) -> bool {
        self.date.is_none()
            && self.updated.is_none()
            && self.weight.is_none()
            && self.image.is_none()
            && self.taxonomies.is_empty()
    }

    /// Sets these keys in `front`, which does not set them itself.
    fn fill(self, front: &mut FrontMatter) {
        front.date = front.date.or(self.date);
        front.updated = front.updated.or(self.updated);
        front.weight = front.weight.or(self.weight);
        if front.image.is_none() {
            front.image = self.image;
        }
        for (name, terms) in self.taxonomies {
            front.taxonomies.entry(name).or_insert(terms);
        }
    }
}

/// `theirs` where `ours` is not set.
fn unset<T: Copy>(theirs: Option<T>, ours: Option<T>) -> Option<T> {
    if ours.is_none() {
        theirs
    } else {
        None
    }
}

/// The values of `source`'s shared keys that `own` does not set.
fn unset_keys(source: &FrontMatter, own: &FrontMatter) -> Shared {
    Shared {
        date: unset(source.date, own.date),
        updated: unset(source.updated, own.updated),
        weight: unset(source.weight, own.weight),
        image: own.image.is_none().then(|| source.image.clone()).flatten(),
        taxonomies: source
            .taxonomies
            .iter()
            .filter(|(name, _)| !own.taxonomies.contains_key(*name))
            .map(|(name, terms)| (name.clone(), terms.clone()))
            .collect(),
    }
}

/// The shared keys both pages set, to different values: (key, source's, translation's).
///
/// Values are compared as they are and written out only where they differ: every
/// translation of a large site is compared, and nearly all agree.
fn differences(source: &FrontMatter, own: &FrontMatter) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let mut differ = |key: &str, theirs: String, ours: String| {
        out.push((key.to_string(), theirs, ours));
    };
    for (key, theirs, ours) in [
        ("date", source.date, own.date),
        ("updated", source.updated, own.updated),
    ] {
        if let (Some(a), Some(b)) = (theirs, ours) {
            if a != b {
                differ(key, a.iso(), b.iso());
            }
        }
    }
    if let (Some(a), Some(b)) = (source.weight, own.weight) {
        if a != b {
            differ("weight", a.to_string(), b.to_string());
        }
    }
    if let (Some(a), Some(b)) = (&source.image, &own.image) {
        if a.value != b.value {
            differ("image", a.value.clone(), b.value.clone());
        }
    }
    for (name, terms) in &source.taxonomies {
        let Some(ours) = own.taxonomies.get(name) else {
            continue;
        };
        let (a, b) = (sorted_terms(terms), sorted_terms(ours));
        if a != b {
            differ(
                name,
                format!("[{}]", a.join(", ")),
                format!("[{}]", b.join(", ")),
            );
        }
    }
    out
}

/// A taxonomy's terms as written, in order.
fn sorted_terms(terms: &[Located<String>]) -> Vec<&str> {
    let mut v: Vec<&str> = terms.iter().map(|x| x.value.as_str()).collect();
    v.sort_unstable();
    v
}

/// The warning for a translation whose `key` says `ours` where its source says `theirs`.
fn contradiction(
    page: &SourcePage,
    source_file: &std::path::Path,
    key: String,
    theirs: &str,
    ours: &str,
) -> Diagnostic {
    let line = page.front.lines.get(&key).unwrap_or(0);
    Diagnostic::warning(
        &page.file,
        line,
        if line > 0 { 1 } else { 0 },
        format!(
            "`{key}: {ours}` here, but `{key}: {theirs}` in {}",
            source_file.display()
        ),
        format!(
            "`{key}` is the same in every language: delete this line to use the value of {} \
             (or change it there, if this one is right)",
            source_file.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn page(lang: &str, front: FrontMatter) -> Box<SourcePage> {
        Box::new(SourcePage {
            file: PathBuf::from(format!("content/about.{lang}.md")),
            key: "about".into(),
            lang: lang.into(),
            is_section: false,
            front,
            doc: crate::markdown::Outline::default(),
            body: String::new(),
            stamp: Default::default(),
            body_line: 3,
        })
    }

    fn located(v: &str, line: usize) -> Located<String> {
        Located {
            value: v.into(),
            line,
            column: 1,
        }
    }

    fn source() -> FrontMatter {
        let mut f = FrontMatter {
            title: "Haqqımızda".into(),
            date: PartialDate::parse("2019-05"),
            weight: Some(2),
            image: Some(located("photo.jpg", 5)),
            ..FrontMatter::default()
        };
        f.taxonomies
            .insert("topics".into(), vec![located("family-care", 6)]);
        f
    }

    #[test]
    fn a_translation_takes_the_shared_keys_it_does_not_set() {
        let mut pages = vec![
            page("az", source()),
            page(
                "en",
                FrontMatter {
                    title: "About".into(),
                    ..FrontMatter::default()
                },
            ),
        ];
        let mut problems = Problems::default();
        shared_front_matter("az", &mut pages, &mut problems);
        let en = &pages[1].front;
        assert_eq!(en.date.map(|d| d.iso()).as_deref(), Some("2019-05"));
        assert_eq!(en.weight, Some(2));
        assert_eq!(
            en.image.as_ref().map(|i| i.value.as_str()),
            Some("photo.jpg")
        );
        assert_eq!(en.taxonomies["topics"][0].value, "family-care");
        // The title is the translation's own.
        assert_eq!(en.title, "About");
        assert!(problems.into_sorted().is_empty());
    }

    #[test]
    fn a_translation_keeps_what_it_sets_and_is_warned_where_it_contradicts() {
        let mut own = FrontMatter {
            title: "About".into(),
            date: PartialDate::parse("2019-05"),
            weight: Some(7),
            ..FrontMatter::default()
        };
        own.lines.insert("weight", 4);
        let mut pages = vec![page("az", source()), page("en", own)];
        let mut problems = Problems::default();
        shared_front_matter("az", &mut pages, &mut problems);
        assert_eq!(pages[1].front.weight, Some(7), "its own value is kept");
        let warnings = problems.into_sorted();
        // The same date is no contradiction; the weight is.
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert_eq!(w.file, PathBuf::from("content/about.en.md"));
        assert_eq!(w.line, 4);
        assert!(!w.is_error());
        assert!(
            w.message
                .contains("`weight: 7` here, but `weight: 2` in content/about.az.md"),
            "{}",
            w.message
        );
    }

    #[test]
    fn different_topics_are_a_contradiction_and_the_order_of_terms_is_not() {
        let mut own = FrontMatter {
            title: "About".into(),
            ..FrontMatter::default()
        };
        own.taxonomies
            .insert("topics".into(), vec![located("family-care", 3)]);
        let mut pages = vec![page("az", source()), page("en", own.clone())];
        let mut problems = Problems::default();
        shared_front_matter("az", &mut pages, &mut problems);
        assert!(problems.into_sorted().is_empty());
        own.taxonomies
            .insert("topics".into(), vec![located("youth", 3)]);
        let mut pages = vec![page("az", source()), page("en", own)];
        let mut problems = Problems::default();
        shared_front_matter("az", &mut pages, &mut problems);
        assert_eq!(problems.into_sorted().len(), 1);
    }

    #[test]
    fn terms_in_another_order_agree_and_each_other_difference_is_one_warning() {
        let mut src = source();
        src.taxonomies
            .insert("tags".into(), vec![located("a", 7), located("b", 7)]);
        let mut own = FrontMatter {
            title: "About".into(),
            date: PartialDate::parse("2020"),
            image: Some(located("other.jpg", 3)),
            ..FrontMatter::default()
        };
        own.taxonomies
            .insert("tags".into(), vec![located("b", 5), located("a", 5)]);
        own.taxonomies
            .insert("topics".into(), vec![located("youth", 6)]);
        let mut pages = vec![page("az", src), page("en", own)];
        let mut problems = Problems::default();
        shared_front_matter("az", &mut pages, &mut problems);
        let mut messages: Vec<String> = problems
            .into_sorted()
            .into_iter()
            .map(|w| w.message)
            .collect();
        messages.sort();
        assert_eq!(
            messages,
            [
                "`date: 2020` here, but `date: 2019-05` in content/about.az.md",
                "`image: other.jpg` here, but `image: photo.jpg` in content/about.az.md",
                "`topics: [youth]` here, but `topics: [family-care]` in content/about.az.md",
            ]
        );
    }
}
