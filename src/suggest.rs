//! "Did you mean": the known names nearest to one that was looked up and not found.
//!
//! Every lookup that fails on a name an editor typed (a page, a heading, a
//! setting, a Fluent text, a statistics table, a file) asks here for the
//! nearest names it knows, so the message can say what to type instead of
//! only what is wrong. Names are compared the way slugs are made: Azerbaijani
//! letters folded to Latin (`ə→e ı→i İ→i ş→s ç→c ğ→g ö→o ü→u`) and case
//! ignored, so `Məqsəd` finds `meqsed` and `Photo.JPG` finds `photo.jpg`.
//! The distance is the optimal string alignment distance (an edit is an
//! insertion, a deletion, a substitution or two neighbours swapped, so `titel`
//! is one edit from `title`).

use std::fmt::Display;

/// At most this many names are suggested: more reads as a list, not a hint.
pub(crate) const MAX_SUGGESTIONS: usize = 3;

/// The name as it is compared: lowercase, Azerbaijani letters folded as slugs fold them.
pub(crate) fn fold(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match crate::slug::az_letter(c) {
            Some(folded) => out.push(folded),
            None => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// How many edits a name may be away from `wanted` and still be suggested: one in
/// three characters, at least one (as rustc and cargo judge their own suggestions).
fn limit(wanted: &str) -> usize {
    (wanted.chars().count() / 3).max(1)
}

/// The candidates close to `wanted`, nearest first (ties in the candidates' order),
/// at most [`MAX_SUGGESTIONS`]; empty when none is close.
pub(crate) fn nearest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let folded = fold(wanted);
    let max = limit(&folded);
    best(
        wanted,
        candidates.into_iter().map(|c| {
            let d = strsim::osa_distance(&folded, &fold(c));
            (c, d, d <= max)
        }),
    )
}

/// Like [`nearest`], for things known by an id and by names in each language (the
/// statistics value `ganja` is also `Gəncə` and `Ganja`): an id is as near as the
/// nearest of itself and its names, names compared as slugs (`Ailə əsaslı qayğı` as
/// `aile-esasli-qaygi`), so an editor who writes the name gets the id.
pub(crate) fn nearest_named<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = (&'a str, Vec<&'a str>)>,
) -> Vec<&'a str> {
    let folded = fold(wanted);
    let slug = crate::slug::slugify(wanted);
    let max = limit(&folded);
    best(
        wanted,
        candidates.into_iter().map(|(id, names)| {
            let by_name = names
                .iter()
                .map(|n| strsim::osa_distance(&slug, &crate::slug::slugify(n)))
                .min();
            let d = strsim::osa_distance(&folded, &fold(id)).min(by_name.unwrap_or(usize::MAX));
            (id, d, d <= max)
        }),
    )
}

/// The candidates marked close, nearest first (ties in the given order), without
/// `wanted` itself or repeats, at most [`MAX_SUGGESTIONS`].
fn best<'a>(wanted: &str, scored: impl Iterator<Item = (&'a str, usize, bool)>) -> Vec<&'a str> {
    if fold(wanted).is_empty() {
        return Vec::new();
    }
    let mut kept: Vec<(usize, usize, &str)> = Vec::new();
    for (order, (c, d, close)) in scored.enumerate() {
        if close && c != wanted && !kept.iter().any(|(_, _, s)| *s == c) {
            kept.push((d, order, c));
        }
    }
    kept.sort_unstable();
    kept.into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, _, c)| c)
        .collect()
}

/// The paths close to `wanted` (`programmes/youth-house`), nearest first, at most
/// [`MAX_SUGGESTIONS`]: those within the usual distance, and those with the same
/// file name in another folder (`about` for `programmes/about`, a link that forgot
/// its `../`), however far their folders are. `_index` is no file name for this:
/// every section has one.
pub(crate) fn nearest_path<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Vec<&'a str> {
    let name = |p: &str| fold(p.rsplit('/').next().unwrap_or(p));
    let wanted_name = name(wanted);
    let folded = fold(wanted);
    let max = limit(&folded);
    best(
        wanted,
        candidates.into_iter().map(|c| {
            let d = strsim::osa_distance(&folded, &fold(c));
            let same_name = !wanted_name.starts_with("_index") && name(c) == wanted_name;
            (c, d, d <= max || same_name)
        }),
    )
}

/// How a link from a page in folder `from_dir` (a content key's folder, `""` at the
/// top) writes the path `to` (from `content/`): relative (`../about.md`), or from
/// `content/` (`/about.md`) when `absolute`, as the editor wrote theirs.
pub(crate) fn link_path(from_dir: &str, to: &str, absolute: bool) -> String {
    if absolute {
        return format!("/{to}");
    }
    let from: Vec<&str> = from_dir.split('/').filter(|s| !s.is_empty()).collect();
    let target: Vec<&str> = to.split('/').filter(|s| !s.is_empty()).collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&target[common..]);
    parts.join("/")
}

/// "did you mean `a`?", "did you mean `a` or `b`?", "did you mean `a`, `b` or `c`?";
/// `None` for no names.
pub(crate) fn phrase<T: Display>(names: &[T]) -> Option<String> {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    let list = match quoted.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    };
    Some(format!("did you mean {list}?"))
}

/// "did you mean `title`?" for the candidates nearest to `wanted`; `None` when none is
/// close. The one entry point for every lookup of a name that failed.
pub(crate) fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    phrase(&nearest(wanted, candidates))
}

/// A hint that starts with the suggestion when there is one: `did you mean `x`? {rest}`
/// with `rest` capitalised after it, else `otherwise` alone.
pub(crate) fn hint_with(suggestion: Option<String>, rest: &str, otherwise: &str) -> String {
    match suggestion {
        Some(s) if rest.is_empty() => s,
        Some(s) => format!("{s} {}", capitalise(rest)),
        None => otherwise.to_string(),
    }
}

/// The text with its first letter in upper case.
fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &[
        "title",
        "description",
        "date",
        "updated",
        "draft",
        "weight",
        "slug",
        "aliases",
        "image",
        "image_alt",
        "template",
        "extra",
    ];

    fn keys() -> impl Iterator<Item = &'static str> {
        KEYS.iter().copied()
    }

    #[test]
    fn a_swapped_pair_of_letters_is_one_edit() {
        assert_eq!(nearest("titel", keys()), ["title"]);
        assert_eq!(
            did_you_mean("titel", keys()).as_deref(),
            Some("did you mean `title`?")
        );
        assert_eq!(nearest("wieght", keys()), ["weight"]);
    }

    #[test]
    fn azerbaijani_letters_and_case_are_folded_as_slugs_fold_them() {
        assert_eq!(fold("Bizim Məqsədlərimiz"), "bizim meqsedlerimiz");
        assert_eq!(fold("İŞÇĞÖÜI"), "iscgoui");
        let ids = ["bizim-meqsedlerimiz", "tariximiz", "elaqe"];
        assert_eq!(
            nearest("bizim-məqsədlərimiz", ids.iter().copied()),
            ["bizim-meqsedlerimiz"]
        );
        assert_eq!(
            nearest("Photo.JPG", ["photo.jpg", "photos.jpg"].iter().copied()),
            ["photo.jpg", "photos.jpg"]
        );
    }

    #[test]
    fn nothing_is_suggested_when_nothing_is_close() {
        assert!(nearest("population", keys()).is_empty());
        assert_eq!(did_you_mean("-快速上手", keys()), None);
        assert_eq!(did_you_mean("", keys()), None);
        assert_eq!(did_you_mean("titel", std::iter::empty()), None);
        // One edit in a two-letter name is half of it: still a plausible slip.
        assert_eq!(nearest("bz", ["by", "az"].iter().copied()), ["by", "az"]);
        assert!(nearest("xy", ["by"].iter().copied()).len() == 1);
        assert!(nearest("xq", ["by"].iter().copied()).is_empty());
    }

    #[test]
    fn at_most_three_nearest_first_ties_in_the_given_order() {
        let names = ["month-10", "month-1", "month-12", "month-11", "month-2"];
        assert_eq!(
            nearest("month-13", names.iter().copied()),
            ["month-10", "month-1", "month-12"]
        );
        assert_eq!(
            nearest("month1", names.iter().copied()),
            ["month-1", "month-10", "month-12"]
        );
        // The name itself is not a suggestion, and a repeated candidate counts once.
        assert_eq!(
            nearest("date", ["date", "data", "data"].iter().copied()),
            ["data"]
        );
    }

    #[test]
    fn a_name_in_any_language_finds_its_id() {
        let values = || {
            vec![
                ("baku", vec!["Bakı", "Baku"]),
                ("ganja", vec!["Gəncə", "Ganja"]),
                (
                    "family-care",
                    vec!["Ailə əsaslı qayğı", "Family-based care"],
                ),
            ]
        };
        assert_eq!(nearest_named("gəncə", values()), ["ganja"]);
        assert_eq!(nearest_named("Gence", values()), ["ganja"]);
        assert_eq!(nearest_named("bakku", values()), ["baku"]);
        assert_eq!(
            nearest_named("Ailə əsaslı qayğı", values()),
            ["family-care"]
        );
        assert_eq!(
            nearest_named("family based care", values()),
            ["family-care"]
        );
        assert!(nearest_named("sumqayit", values()).is_empty());
    }

    #[test]
    fn paths_suggest_near_ones_and_the_same_name_in_another_folder() {
        let keys = [
            "_index",
            "about",
            "programmes/_index",
            "programmes/short-term-care",
            "programmes/youth-house",
            "history/youth",
        ];
        let k = || keys.iter().copied();
        assert_eq!(
            nearest_path("programmes/short-term-car", k()),
            ["programmes/short-term-care"]
        );
        // `about.md` written in programmes/ instead of `../about.md`.
        assert_eq!(nearest_path("programmes/about", k()), ["about"]);
        assert_eq!(
            nearest_path("programmes/Youth-House", k()),
            ["programmes/youth-house"]
        );
        // Every section has an `_index`; only a near folder is suggested.
        assert_eq!(nearest_path("programes/_index", k()), ["programmes/_index"]);
        assert!(nearest_path("news/_index", k()).is_empty());
        assert!(nearest_path("programmes/nosuch", k()).is_empty());
    }

    #[test]
    fn link_paths_are_written_from_the_linking_page() {
        assert_eq!(link_path("", "about.md", false), "about.md");
        assert_eq!(link_path("programmes", "about.md", false), "../about.md");
        assert_eq!(
            link_path("programmes", "programmes/youth-house.md", false),
            "youth-house.md"
        );
        assert_eq!(
            link_path("programmes/a", "history/b/c.md", false),
            "../../history/b/c.md"
        );
        assert_eq!(link_path("", "programmes/x.md", false), "programmes/x.md");
        assert_eq!(link_path("programmes", "about.md", true), "/about.md");
    }

    #[test]
    fn the_phrase_lists_one_two_or_three_names() {
        assert_eq!(phrase::<&str>(&[]), None);
        assert_eq!(phrase(&["a"]).as_deref(), Some("did you mean `a`?"));
        assert_eq!(
            phrase(&["a", "b"]).as_deref(),
            Some("did you mean `a` or `b`?")
        );
        assert_eq!(
            phrase(&["a", "b", "c"]).as_deref(),
            Some("did you mean `a`, `b` or `c`?")
        );
    }

    #[test]
    fn a_hint_leads_with_the_suggestion_and_keeps_the_rest() {
        assert_eq!(
            hint_with(
                Some("did you mean `a`?".into()),
                "the names are: a, b",
                "check it"
            ),
            "did you mean `a`? The names are: a, b"
        );
        assert_eq!(
            hint_with(None, "the names are: a, b", "check it"),
            "check it"
        );
        assert_eq!(
            hint_with(Some("did you mean `a`?".into()), "", "check it"),
            "did you mean `a`?"
        );
    }
}
