//! Links: every link slot of a page gets its URL in the page's language, or a
//! located error; a missing translation falls back to the default language
//! with a warning.

use super::site::{Page, PageIndex};
use super::url::{link_key, normalize};
use crate::diagnostic::Diagnostic;
use crate::load::config::Config;
use crate::load::page::SourcePage;
use crate::markdown::{Heading, LinkRef, LinkTarget};
use crate::slug::slugify;
use crate::suggest;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;

/// What resolving a page's links needs to look up.
pub(crate) struct Lookup<'a> {
    /// Settings.
    pub(crate) config: &'a Config,
    /// (key, lang) → page index.
    pub(crate) index: &'a PageIndex,
    /// Asset key → published URL.
    pub(crate) asset_urls: &'a HashMap<String, String>,
}

/// The URL of each link slot of a page, and the page each slot points to.
pub(crate) type Resolved = (Vec<String>, Vec<Option<usize>>);

impl Lookup<'_> {
    /// The URL of each link slot of `here` (the page at `at`, or its new version), and the
    /// page each slot points to; problems go to `diags`.
    pub(crate) fn links(
        &self,
        pages: &[Page],
        here: &SourcePage,
        at: usize,
        diags: &mut Vec<Diagnostic>,
    ) -> Resolved {
        let mut urls = Vec::with_capacity(here.doc.links.len());
        let mut targets = Vec::with_capacity(here.doc.links.len());
        for link in &here.doc.links {
            let (url, points_to) = match &link.target {
                LinkTarget::Anchor(anchor) => (self.anchor(here, link, anchor, diags), None),
                LinkTarget::Asset(path) => (self.asset(here, link, path, diags), None),
                LinkTarget::Page { path, anchor } => {
                    self.page(pages, (here, at), link, path, anchor.as_deref(), diags)
                }
            };
            urls.push(url);
            targets.push(points_to);
        }
        (urls, targets)
    }

    /// `#anchor` on the page itself.
    fn anchor(
        &self,
        here: &SourcePage,
        link: &LinkRef,
        anchor: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        if !here.doc.headings.iter().any(|h| h.id == anchor) && !is_footnote_anchor(anchor) {
            diags.push(Diagnostic::error(
                &here.file,
                link.line,
                link.column,
                format!("there is no heading `#{anchor}` on this page"),
                anchor_hint(anchor, &here.doc.headings, "this page"),
            ));
        }
        format!("#{anchor}")
    }

    /// A file beside the page.
    fn asset(
        &self,
        here: &SourcePage,
        link: &LinkRef,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> String {
        // `normalize` drops empty segments: a page at the content root needs no case.
        let joined = match path.strip_prefix('/') {
            Some(abs) => Some(abs.to_string()),
            None => normalize(&format!("{}/{path}", here.dir())),
        };
        match joined.as_ref().and_then(|k| self.asset_urls.get(k)) {
            Some(u) => u.clone(),
            None => {
                diags.push(Diagnostic::error(
                    &here.file,
                    link.line,
                    link.column,
                    format!("the file `{path}` does not exist"),
                    self.asset_hint(here, joined.as_deref().unwrap_or(path)),
                ));
                "#".to_string()
            }
        }
    }

    /// Another page, in the reader's language if it has a translation.
    fn page(
        &self,
        pages: &[Page],
        (here, at): (&SourcePage, usize),
        link: &LinkRef,
        path: &str,
        anchor: Option<&str>,
        diags: &mut Vec<Diagnostic>,
    ) -> (String, Option<usize>) {
        let default = &self.config.default_language;
        let resolved = link_key(here.dir(), path, &self.config.languages);
        let target = resolved.as_ref().and_then(|(key, explicit)| {
            let lang = explicit.as_deref().unwrap_or(&here.lang);
            self.index
                .get(key, lang)
                .map(|t| (t, false))
                .or_else(|| self.index.get(key, default).map(|t| (t, true)))
        });
        let Some((t, fell_back)) = target else {
            let wanted = resolved.as_ref().map_or(path, |(key, _)| key.as_str());
            diags.push(Diagnostic::error(
                &here.file,
                link.line,
                link.column,
                format!("the link to `{path}` points to a page that does not exist"),
                self.page_hint(here, wanted, path.starts_with('/')),
            ));
            return ("#".to_string(), None);
        };
        // A link to itself sees the page as it is now.
        let headings = if t == at {
            &here.doc.headings
        } else {
            &pages[t].source.doc.headings
        };
        if fell_back {
            diags.push(Diagnostic::warning(
                &here.file,
                link.line,
                link.column,
                format!(
                    "`{path}` has no `{}` translation; the link goes to the `{default}` page",
                    here.lang
                ),
                "translate that page, or link to another one",
            ));
        }
        let url = match anchor {
            Some(a) => {
                if !headings.iter().any(|h| h.id == a) {
                    diags.push(missing_anchor(&here.file, link, path, a, headings));
                }
                format!("{}#{a}", pages[t].url)
            }
            None => pages[t].url.clone(),
        };
        (url, Some(t))
    }

    /// What to write instead of a link to a page that does not exist: the nearest pages,
    /// written as the editor writes links from this file.
    fn page_hint(&self, here: &SourcePage, wanted: &str, absolute: bool) -> String {
        let keys: BTreeSet<&str> = self.index.keys().collect();
        let near: Vec<String> = suggest::nearest_path(wanted, keys)
            .into_iter()
            .map(|k| suggest::link_path(here.dir(), &format!("{k}.md"), absolute))
            .collect();
        suggest::hint_with(
            suggest::phrase(&near),
            "",
            "check the path: it is relative to this file, or to content/ when it starts with /",
        )
    }

    /// What to write instead of a link to a file that does not exist: the nearest files
    /// (and pages, for a link that forgot `.md`), written from this file.
    fn asset_hint(&self, here: &SourcePage, wanted: &str) -> String {
        let pages: BTreeSet<String> = self.index.keys().map(|k| format!("{k}.md")).collect();
        let files: BTreeSet<&str> = self
            .asset_urls
            .keys()
            .map(String::as_str)
            .chain(pages.iter().map(String::as_str))
            .collect();
        let near: Vec<String> = suggest::nearest_path(wanted, files)
            .into_iter()
            .map(|k| suggest::link_path(here.dir(), k, false))
            .collect();
        suggest::hint_with(
            suggest::phrase(&near),
            "names are case-sensitive",
            "put the file beside the page in content/, or fix the name (it is case-sensitive)",
        )
    }
}

/// The error for a link to a heading the page it names does not have; `headings` are
/// that page's.
pub(crate) fn missing_anchor(
    file: &Path,
    link: &LinkRef,
    path: &str,
    anchor: &str,
    headings: &[Heading],
) -> Diagnostic {
    Diagnostic::error(
        file,
        link.line,
        link.column,
        format!("`{path}` has no heading `#{anchor}`"),
        anchor_hint(anchor, headings, "that page"),
    )
}

/// How many of a page's heading ids a hint lists when none is near the one asked for.
const LISTED_IDS: usize = 5;

/// What to write instead of `#anchor` on a page with `headings` (`which`: "this page"
/// or "that page"): its nearest ids; the id of the heading text when the text itself
/// was written (`#Bizim tarix` → `#bizim-tarix`); else the ids it has.
pub(crate) fn anchor_hint(anchor: &str, headings: &[Heading], which: &str) -> String {
    let ids: Vec<&str> = headings.iter().map(|h| h.id.as_str()).collect();
    let from_text = slugify(anchor);
    let mut near: Vec<&str> = ids.iter().copied().filter(|id| *id == from_text).collect();
    for id in suggest::nearest(anchor, ids.iter().copied()) {
        if !near.contains(&id) && near.len() < suggest::MAX_SUGGESTIONS {
            near.push(id);
        }
    }
    let near: Vec<String> = near.iter().map(|id| format!("#{id}")).collect();
    if let Some(s) = suggest::phrase(&near) {
        return s;
    }
    if ids.is_empty() {
        return format!("{which} has no headings: link to the page without `#{anchor}`");
    }
    let listed: Vec<String> = ids
        .iter()
        .take(LISTED_IDS)
        .map(|id| format!("`#{id}`"))
        .collect();
    let more = match ids.len().saturating_sub(LISTED_IDS) {
        0 => String::new(),
        n => format!(" and {n} more"),
    };
    format!(
        "the headings of {which} have the ids {}{more} (made from the heading text: `## Bizim tarix` → `#bizim-tarix`)",
        listed.join(", ")
    )
}

/// Footnote references link to ids pulldown-cmark generates, not headings.
fn is_footnote_anchor(anchor: &str) -> bool {
    anchor.starts_with("fn-") || anchor.starts_with("fnref")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headings(ids: &[&str]) -> Vec<Heading> {
        ids.iter()
            .map(|id| Heading {
                level: 2,
                id: (*id).to_string(),
                text: (*id).to_string(),
            })
            .collect()
    }

    use crate::load::config::test_config as config;

    /// A page in `dir` whose links are `targets`, one per line from line 5.
    fn page_with(dir: &str, targets: Vec<LinkTarget>) -> SourcePage {
        let key = if dir.is_empty() {
            "about".to_string()
        } else {
            format!("{dir}/about")
        };
        let mut doc = crate::markdown::Outline {
            headings: headings(&["tariximiz"]),
            ..Default::default()
        };
        doc.links = targets
            .into_iter()
            .enumerate()
            .map(|(i, target)| LinkRef {
                target,
                line: 5 + i,
                column: 3,
            })
            .collect();
        SourcePage {
            file: format!("content/{key}.az.md").into(),
            key,
            lang: "az".into(),
            is_section: false,
            front: Default::default(),
            doc,
            body: String::new(),
            stamp: Default::default(),
            body_line: 3,
        }
    }

    /// The URLs of `page`'s links and the problems, as (line, message, hint).
    fn resolve(page: &SourcePage) -> (Vec<String>, Vec<(usize, String, String)>) {
        let config = config();
        let index = PageIndex::new(
            &config.languages,
            [("programmes/youth-house", "az")].into_iter(),
        );
        let asset_urls: HashMap<String, String> = [
            ("programmes/report.pdf", "/proqramlar/report.pdf"),
            ("logo.png", "/logo.png"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let lookup = Lookup {
            config: &config,
            index: &index,
            asset_urls: &asset_urls,
        };
        let mut diags = Vec::new();
        let (urls, _) = lookup.links(&[], page, 1, &mut diags);
        let problems = diags
            .into_iter()
            .map(|d| (d.line, d.message, d.hint))
            .collect();
        (urls, problems)
    }

    #[test]
    fn anchors_on_the_page_itself_are_checked_against_its_headings() {
        let page = page_with(
            "",
            vec![
                LinkTarget::Anchor("tariximiz".into()),
                LinkTarget::Anchor("tarixmiz".into()),
                LinkTarget::Anchor("fn-1".into()),
                LinkTarget::Anchor("fnref-1".into()),
            ],
        );
        let (urls, problems) = resolve(&page);
        assert_eq!(urls, ["#tariximiz", "#tarixmiz", "#fn-1", "#fnref-1"]);
        assert_eq!(
            problems,
            [(
                6,
                "there is no heading `#tarixmiz` on this page".to_string(),
                "did you mean `#tariximiz`?".to_string()
            )]
        );
    }

    #[test]
    fn files_are_found_beside_the_page_or_from_the_content_root() {
        let page = page_with(
            "programmes",
            vec![
                LinkTarget::Asset("report.pdf".into()),
                LinkTarget::Asset("/logo.png".into()),
                LinkTarget::Asset("../logo.png".into()),
                LinkTarget::Asset("Report.pdf".into()),
            ],
        );
        let (urls, problems) = resolve(&page);
        assert_eq!(
            urls,
            ["/proqramlar/report.pdf", "/logo.png", "/logo.png", "#"]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        let (line, message, hint) = &problems[0];
        assert_eq!(
            (*line, message.as_str()),
            (8, "the file `Report.pdf` does not exist")
        );
        assert!(hint.contains("`report.pdf`"), "{hint}");
        // A page at the content root finds files from there.
        let root = page_with("", vec![LinkTarget::Asset("logo.png".into())]);
        assert_eq!(resolve(&root), (vec!["/logo.png".to_string()], vec![]));
        let root = page_with("", vec![LinkTarget::Asset("report.pdf".into())]);
        let (urls, problems) = resolve(&root);
        assert_eq!(urls, ["#"]);
        assert!(
            problems[0].2.contains("`programmes/report.pdf`"),
            "{problems:?}"
        );
    }

    #[test]
    fn a_link_to_a_missing_page_offers_the_nearest_written_from_this_file() {
        let page = page_with(
            "",
            vec![LinkTarget::Page {
                path: "programes/youth-house.md".into(),
                anchor: None,
            }],
        );
        let (urls, problems) = resolve(&page);
        assert_eq!(urls, ["#"]);
        let (line, message, hint) = &problems[0];
        assert_eq!(*line, 5);
        assert_eq!(
            message,
            "the link to `programes/youth-house.md` points to a page that does not exist"
        );
        assert!(hint.contains("`programmes/youth-house.md`"), "{hint}");
    }

    #[test]
    fn a_missing_anchor_gets_the_pages_own_nearest_ids() {
        let h = headings(&["bizim-meqsedlerimiz", "tariximiz", "elaqe"]);
        assert_eq!(
            anchor_hint("tarixmiz", &h, "that page"),
            "did you mean `#tariximiz`?"
        );
        // The heading's text written instead of its id.
        assert_eq!(
            anchor_hint("Bizim Məqsədlərimiz", &h, "that page"),
            "did you mean `#bizim-meqsedlerimiz`?"
        );
    }

    #[test]
    fn a_hint_offers_at_most_three_ids_with_the_one_from_the_text_first() {
        // Ids set by hand (`## Tarix {#…}`) can be near the text as written while
        // the id made from that text is not: still three ids at most.
        let h = headings(&[
            "tarix-1990",
            "tarix!!! (((1991)))",
            "tarix!!! (((1992)))",
            "tarix!!! (((1993)))",
        ]);
        let hint = anchor_hint("Tarix!!! (((1990)))", &h, "that page");
        assert!(hint.starts_with("did you mean `#tarix-1990`, "), "{hint}");
        assert_eq!(
            hint.matches("`#").count(),
            suggest::MAX_SUGGESTIONS,
            "{hint}"
        );
    }

    #[test]
    fn with_nothing_near_the_hint_lists_the_ids_the_page_has() {
        let h = headings(&["a1", "b2", "c3", "d4", "e5", "f6", "g7"]);
        assert_eq!(
            anchor_hint("-快速上手", &h, "that page"),
            "the headings of that page have the ids `#a1`, `#b2`, `#c3`, `#d4`, `#e5` and 2 more \
             (made from the heading text: `## Bizim tarix` → `#bizim-tarix`)"
        );
        assert_eq!(
            anchor_hint("x", &[], "this page"),
            "this page has no headings: link to the page without `#x`"
        );
    }
}
