//! Reading one page: its file, front matter and the Markdown pass that checks
//! and collects (headings, links, images, summary) without keeping HTML.

use crate::diagnostic::Diagnostic;
use crate::load::front_matter::{self, FrontMatter};
use crate::load::read::{self, Stamp};
use crate::markdown::{self, Outline};
use std::path::{Path, PathBuf};

/// A page as read from disk, before URLs are known.
#[derive(Debug, Clone, Default)]
pub(crate) struct SourcePage {
    /// Path relative to the site root (`content/about.en.md`).
    pub(crate) file: PathBuf,
    /// Key shared by translations.
    pub(crate) key: String,
    /// Language code.
    pub(crate) lang: String,
    /// True for `_index` files (the home page and section pages).
    pub(crate) is_section: bool,
    /// Checked front matter.
    pub(crate) front: FrontMatter,
    /// The Markdown pass's result, without the HTML: that is written again at render
    /// time, so a build never holds every page's HTML at once.
    pub(crate) doc: Outline,
    /// The Markdown body, as read; empty when the load let it go ([`Body::ReadAgain`]).
    pub(crate) body: String,
    /// The file as it was read, to know it again when its body is read again.
    pub(crate) stamp: Stamp,
    /// File line on which the body starts.
    pub(crate) body_line: usize,
}

/// Whether a loaded page keeps its Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Body {
    /// Kept in the page (`serve` and `check` go back to it).
    Kept,
    /// Let go once the page is read; the render reads it again with [`body_again`]
    /// (every page's Markdown held at once was 28 MB on the 20,000-page benchmark site).
    ReadAgain,
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
    (drafts, taxonomies, body): (bool, &[String], Body),
    markdown: &markdown::Settings<'_>,
) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
    let (text, stamp) = read::stamped_text_file(path, rel).map_err(|d| vec![d])?;
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
    for d in &mut doc.outline.diagnostics {
        if d.source_line.is_none() {
            *d = d.clone().with_source(&text);
        }
    }
    let base = key.rsplit_once('/').map_or(key, |(_, b)| b);
    Ok(Some(SourcePage {
        file: rel.to_path_buf(),
        key: key.to_string(),
        lang: lang.to_string(),
        is_section: base == "_index",
        front,
        doc: doc.outline,
        body: match body {
            Body::Kept => split.body.to_string(),
            Body::ReadAgain => String::new(),
        },
        stamp,
        body_line: split.body_line,
    }))
}

/// Reads the Markdown body of `page` again from its file under `root`; an error if
/// the file changed since the page was loaded, since the page's links and headings
/// were taken from what was loaded.
pub(crate) fn body_again(root: &Path, page: &SourcePage) -> Result<Reread, Diagnostic> {
    let (text, stamp) = read::stamped_text_file(&root.join(&page.file), &page.file)?;
    let split = front_matter::split(&page.file, &text)?;
    if stamp != page.stamp || split.body_line != page.body_line {
        return Err(Diagnostic::error(
            &page.file,
            0,
            0,
            "this file changed while the site was being built",
            "build the site again once the file is saved",
        ));
    }
    let start = text.len() - split.body.len();
    Ok(Reread { text, start })
}

/// A page file read again, and where its Markdown body starts in it (the body is
/// not copied to the front of the text: every page of a build is read again).
pub(crate) struct Reread {
    text: String,
    start: usize,
}

impl Reread {
    /// The Markdown body.
    pub(crate) fn body(&self) -> &str {
        &self.text[self.start..]
    }
}

impl SourcePage {
    /// Folder key relative to `content/` (`programmes`, or empty for the root).
    pub(crate) fn dir(&self) -> &str {
        self.key.rsplit_once('/').map_or("", |(d, _)| d)
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    /// A page loaded from `text` at `content/about.md` under a new folder, without
    /// its Markdown kept.
    fn loaded(text: &str) -> (tempfile::TempDir, SourcePage) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let file = PathBuf::from("content/about.md");
        let path = dir.path().join(&file);
        std::fs::create_dir_all(dir.path().join("content")).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        let (text, stamp) = read::stamped_text_file(&path, &file).unwrap_or_else(|d| panic!("{d}"));
        let split = front_matter::split(&file, &text).unwrap_or_else(|d| panic!("{d}"));
        let page = SourcePage {
            file,
            key: "about".into(),
            lang: "az".into(),
            is_section: false,
            front: FrontMatter::default(),
            doc: Outline::default(),
            body: String::new(),
            stamp,
            body_line: split.body_line,
        };
        (dir, page)
    }

    #[test]
    fn the_body_read_again_is_the_body_loaded() {
        let (dir, page) = loaded("---\r\ntitle: A\r\n---\r\nSalam, dünya.\r\n\r\n## Başlıq\r\n");
        let body = body_again(dir.path(), &page)
            .map(|again| again.body().to_string())
            .map_err(|d| d.to_string());
        assert_eq!(body.as_deref(), Ok("Salam, dünya.\n\n## Başlıq\n"));
    }

    #[test]
    fn a_file_changed_since_it_was_loaded_is_an_error_not_another_page() {
        let text = "---\ntitle: A\n---\nSalam.\n";
        let (dir, page) = loaded(text);
        let path = dir.path().join(&page.file);
        // Longer, then the same length but written later.
        std::fs::write(&path, format!("{text}Daha bir cümlə.\n")).unwrap_or_else(|e| panic!("{e}"));
        let longer = body_again(dir.path(), &page).err().map(|d| d.message);
        std::fs::write(&path, text.replace("Salam", "Kalam")).unwrap_or_else(|e| panic!("{e}"));
        let later = std::time::SystemTime::now() + std::time::Duration::from_secs(5);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(later))
            .unwrap_or_else(|e| panic!("{e}"));
        let same_length = body_again(dir.path(), &page).err().map(|d| d.message);
        let changed = Some("this file changed while the site was being built".to_string());
        assert_eq!((longer, same_length), (changed.clone(), changed));
    }
}
