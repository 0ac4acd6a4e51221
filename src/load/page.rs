//! Reading one page: its file, front matter and the Markdown pass that checks
//! and collects (headings, links, images, summary) without keeping HTML.

use crate::diagnostic::Diagnostic;
use crate::load::front_matter::{self, FrontMatter};
use crate::load::read;
use crate::markdown::{self, Document};
use std::path::{Path, PathBuf};

/// A page as read from disk, before URLs are known.
#[derive(Debug, Clone)]
pub(crate) struct SourcePage {
    /// Path relative to the site root (`content/about.en.md`).
    pub(crate) file: PathBuf,
    /// Key shared by translations.
    pub(crate) key: String,
    /// Folder key relative to `content/` (`programmes`, or empty for the root).
    pub(crate) dir: String,
    /// Language code.
    pub(crate) lang: String,
    /// True for `_index` files (the home page and section pages).
    pub(crate) is_section: bool,
    /// Checked front matter.
    pub(crate) front: FrontMatter,
    /// The Markdown pass's result, without the HTML: that is written again at render
    /// time, so a build never holds every page's HTML at once.
    pub(crate) doc: Document,
    /// The Markdown body, as read.
    pub(crate) body: String,
    /// File line on which the body starts.
    pub(crate) body_line: usize,
}

/// A non-Markdown file under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Asset {
    /// Path relative to `content/`, `/`-separated.
    pub(crate) key: String,
    /// Absolute path on disk.
    pub(crate) path: PathBuf,
}

/// Everything under `content/`, sorted by path.
#[derive(Debug, Default)]
pub(crate) struct Content {
    /// Pages (drafts removed unless asked for), each in its own box: the list is
    /// sorted, filtered and turned into the site's pages, and with pages moved by
    /// pointer none of those steps holds two copies of every page at once (15 MB
    /// each on the 20,000-page benchmark site).
    pub(crate) pages: Vec<Box<SourcePage>>,
    /// Files copied as they are.
    pub(crate) assets: Vec<Asset>,
}

/// Reads and parses the page file at `path` (`rel` from the site root), the page `key`
/// in `lang` (of a site whose default is `default_language`); `None` for a draft left
/// out or a translation not yet written.
pub(crate) fn load_page(
    path: &Path,
    rel: &Path,
    key: &str,
    (lang, default_language): (&str, &str),
    (drafts, taxonomies): (bool, &[String]),
    markdown: &markdown::Settings<'_>,
) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
    let text = read::text_file(path, rel).map_err(|d| vec![d])?;
    // Left out like a draft; `check` reports the translation as missing. The
    // default language's file is the page itself (a CMS always writes it), so
    // there an empty file stays an error.
    if lang != default_language && front_matter::is_unwritten(&text) {
        return Ok(None);
    }
    let split = front_matter::split(rel, &text).map_err(|d| vec![d])?;
    let front = front_matter::parse_with(rel, split.yaml, &text, taxonomies)?;
    if front.draft && !drafts {
        return Ok(None);
    }
    let cx = markdown.context(rel, split.body_line, lang, false);
    let mut doc = markdown::render(split.body, &cx);
    for d in &mut doc.diagnostics {
        if d.source_line.is_none() {
            *d = d.clone().with_source(&text);
        }
    }
    let (dir, base) = match key.rsplit_once('/') {
        Some((d, b)) => (d.to_string(), b),
        None => (String::new(), key),
    };
    Ok(Some(SourcePage {
        file: rel.to_path_buf(),
        key: key.to_string(),
        dir,
        lang: lang.to_string(),
        is_section: base == "_index",
        front,
        doc,
        body: split.body.to_string(),
        body_line: split.body_line,
    }))
}

impl SourcePage {
    /// What listings say about the page: its description, else its first paragraph.
    pub(crate) fn own_description(&self) -> Option<&str> {
        self.front
            .description
            .as_deref()
            .filter(|d| !d.is_empty())
            .or_else(|| Some(self.doc.summary.as_str()).filter(|s| !s.is_empty()))
    }
}

impl SourcePage {
    /// What lists and feeds say about the page: the text before `<!-- more -->`, else
    /// its description, else its first paragraph.
    pub(crate) fn summary_text(&self) -> Option<&str> {
        self.doc
            .more
            .as_deref()
            .filter(|m| !m.is_empty())
            .or_else(|| self.own_description())
    }
}
