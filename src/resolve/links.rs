//! Links: every link slot of a page gets its URL in the page's language, or a
//! located error; a missing translation falls back to the default language
//! with a warning.

use super::site::Page;
use super::url::{link_key, normalize};
use crate::diagnostic::Diagnostic;
use crate::load::config::Config;
use crate::load::page::SourcePage;
use crate::markdown::{LinkRef, LinkTarget};
use std::collections::HashMap;
use std::path::Path;

/// What resolving a page's links needs to look up.
pub(crate) struct Lookup<'a> {
    /// Settings.
    pub(crate) config: &'a Config,
    /// (key, lang) → page index.
    pub(crate) index: &'a HashMap<(String, String), usize>,
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
                "check the heading's id; headings get ids like `#bizim-meqsedlerimiz`",
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
        let joined = match path.strip_prefix('/') {
            Some(abs) => Some(abs.to_string()),
            None if here.dir.is_empty() => normalize(path),
            None => normalize(&format!("{}/{path}", here.dir)),
        };
        match joined.as_ref().and_then(|k| self.asset_urls.get(k)) {
            Some(u) => u.clone(),
            None => {
                diags.push(Diagnostic::error(
                    &here.file,
                    link.line,
                    link.column,
                    format!("the file `{path}` does not exist"),
                    "put the file beside the page in content/, or fix the name (it is case-sensitive)",
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
        let resolved = link_key(&here.dir, path, &self.config.languages);
        let target = resolved.as_ref().and_then(|(key, explicit)| {
            let lang = explicit.as_deref().unwrap_or(&here.lang);
            self.index
                .get(&(key.clone(), lang.to_string()))
                .map(|&t| (t, false))
                .or_else(|| {
                    self.index
                        .get(&(key.clone(), default.clone()))
                        .map(|&t| (t, true))
                })
        });
        let Some((t, fell_back)) = target else {
            diags.push(Diagnostic::error(
                &here.file,
                link.line,
                link.column,
                format!("the link to `{path}` points to a page that does not exist"),
                "check the path: it is relative to this file, or to content/ when it starts with /",
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
                    diags.push(missing_anchor(&here.file, link, path, a));
                }
                format!("{}#{a}", pages[t].url)
            }
            None => pages[t].url.clone(),
        };
        (url, Some(t))
    }
}

/// The error for a link to a heading the page it names does not have.
pub(crate) fn missing_anchor(file: &Path, link: &LinkRef, path: &str, anchor: &str) -> Diagnostic {
    Diagnostic::error(
        file,
        link.line,
        link.column,
        format!("`{path}` has no heading `#{anchor}`"),
        "check the heading's id in that page (ids are made from heading text: `## Bizim tarix` → `#bizim-tarix`)",
    )
}

/// Footnote references link to ids pulldown-cmark generates, not headings.
fn is_footnote_anchor(anchor: &str) -> bool {
    anchor.starts_with("fn-") || anchor.starts_with("fnref")
}
