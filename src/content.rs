//! Load: walk `content/`, read every file, parse front matter and Markdown.
//!
//! Nothing here knows URLs; that is the resolve step's job. Pages are parsed
//! in parallel and every problem in every file is collected.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, FrontMatter};
use crate::highlight::Highlighter;
use crate::markdown::{self, Document, Embeds, RenderContext};
use rayon::prelude::*;
use std::path::{Component, Path, PathBuf};

/// Largest Markdown file accepted; a page larger than this is almost surely a mistake.
pub const MAX_PAGE_BYTES: u64 = 8 * 1024 * 1024;

/// What kind of content file a path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A Markdown page or section index.
    Page {
        /// Key shared by translations: `programmes/short-term-care`, `programmes/_index`, `_index`.
        key: String,
        /// Language code from the file name.
        lang: String,
    },
    /// `content/statistics.yaml`.
    Statistics,
    /// Any other file, copied beside the pages.
    Asset,
    /// Editor leftovers and hidden files, left alone.
    Ignored,
}

/// Classifies a path relative to `content/`; `Err` for a language the site does not have.
pub fn classify(rel: &Path, config: &Config) -> Result<FileKind, (String, String)> {
    let name = rel.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.starts_with('.') || name.ends_with('~') || name.starts_with('#') {
        return Ok(FileKind::Ignored);
    }
    if rel == Path::new("statistics.yaml") {
        return Ok(FileKind::Statistics);
    }
    let Some(stem) = name.strip_suffix(".md") else {
        return Ok(FileKind::Asset);
    };
    let (base, lang) = match stem.rsplit_once('.') {
        Some((base, lang)) if looks_like_language(lang) => {
            if !config.languages.iter().any(|l| l == lang) {
                return Err((
                    format!("the file name says language `{lang}`, which site.yaml does not list"),
                    format!(
                        "rename the file to end in .{}.md (languages: {}), or add `{lang}` to `languages` in site.yaml",
                        config.default_language,
                        config.languages.join(", ")
                    ),
                ));
            }
            (base, lang.to_string())
        }
        // `about.md` without a language is the default language's page, as in Zola.
        _ => (stem, config.default_language.clone()),
    };
    let dir = rel.parent().map(path_to_key).unwrap_or_default();
    let key = if dir.is_empty() {
        base.to_string()
    } else {
        format!("{dir}/{base}")
    };
    Ok(FileKind::Page { key, lang })
}

/// True for what could be a language code in a file name (`az`, `en`, `pt-br`).
fn looks_like_language(s: &str) -> bool {
    let first = s.split('-').next().unwrap_or("");
    (2..=3).contains(&first.len())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
}

/// A relative path as a `/`-separated key.
pub fn path_to_key(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A page as read from disk, before URLs are known.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Path relative to the site root (`content/about.en.md`).
    pub file: PathBuf,
    /// Key shared by translations.
    pub key: String,
    /// Folder key relative to `content/` (`programmes`, or empty for the root).
    pub dir: String,
    /// Language code.
    pub lang: String,
    /// True for `_index` files (the home page and section pages).
    pub is_section: bool,
    /// Checked front matter.
    pub front: FrontMatter,
    /// The Markdown pass's result, without the HTML: that is written again at render
    /// time, so a build never holds every page's HTML at once.
    pub doc: Document,
    /// The Markdown body, as read.
    pub body: String,
    /// File line on which the body starts.
    pub body_line: usize,
}

/// A non-Markdown file under `content/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Path relative to `content/`, `/`-separated.
    pub key: String,
    /// Absolute path on disk.
    pub path: PathBuf,
}

/// Everything under `content/`, sorted by path.
#[derive(Debug, Default)]
pub struct Content {
    /// Pages (drafts removed unless asked for).
    pub pages: Vec<SourcePage>,
    /// Files copied as they are.
    pub assets: Vec<Asset>,
}

/// Options of the load step.
pub struct LoadOptions<'a> {
    /// The folder holding `site.yaml`.
    pub root: &'a Path,
    /// Site settings.
    pub config: &'a Config,
    /// Keep pages marked `draft: true`.
    pub drafts: bool,
    /// Shared highlighter.
    pub highlighter: &'a Highlighter,
    /// The embeds (statistics) for each language, in `config.languages` order.
    pub embeds: &'a [&'a dyn Embeds],
}

/// A file found by the walk.
struct Found {
    rel: PathBuf,
    path: PathBuf,
    kind: FileKind,
}

/// Walks `content/`, refusing links that leave it and link loops.
fn walk(root: &Path, config: &Config, errors: &mut Vec<Diagnostic>) -> Vec<Found> {
    let content = root.join("content");
    let content_real = content.canonicalize().unwrap_or_else(|_| content.clone());
    let mut found = Vec::new();
    if !content.is_dir() {
        errors.push(Diagnostic::error(
            "content",
            0,
            0,
            "there is no content folder",
            "create a folder `content` beside site.yaml with at least content/_index.<lang>.md",
        ));
        return found;
    }
    let mut entries = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let at = e
                    .path()
                    .map(|p| rel_to(root, p))
                    .unwrap_or_else(|| PathBuf::from("content"));
                let (message, hint) = if e.loop_ancestor().is_some() {
                    (
                        "this folder link points back to a folder that contains it (a loop)"
                            .to_string(),
                        "remove the link",
                    )
                } else {
                    (
                        format!(
                            "cannot read this: {}",
                            e.io_error()
                                .map_or_else(|| e.to_string(), |io| io.to_string())
                        ),
                        "check that the file exists and can be read",
                    )
                };
                errors.push(Diagnostic::error(at, 0, 0, message, hint));
                continue;
            }
        };
        let path = entry.path();
        let rel_content = path.strip_prefix(&content).unwrap_or(path).to_path_buf();
        if entry.path_is_symlink() {
            let outside = match path.canonicalize() {
                Ok(real) => !real.starts_with(&content_real),
                Err(_) => true,
            };
            if outside {
                errors.push(Diagnostic::error(
                    rel_to(root, path),
                    0,
                    0,
                    "this is a link to a file outside the content folder, which is refused",
                    "copy the file into content/ instead of linking to it",
                ));
                if entry.file_type().is_dir() {
                    // Never read what lies behind the link (a link to / would walk the disk).
                    entries.skip_current_dir();
                }
                continue;
            }
        }
        if rel_content.to_str().is_none() {
            errors.push(Diagnostic::error(
                rel_to(root, path),
                0,
                0,
                "this file or folder name is not UTF-8 text",
                "rename it using letters your editor shows correctly (for example in UTF-8)",
            ));
            if entry.file_type().is_dir() {
                entries.skip_current_dir();
            }
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        // Hidden folders (like .git) are skipped with everything inside them.
        if rel_content
            .components()
            .any(|c| c.as_os_str().to_str().is_some_and(|s| s.starts_with('.')))
        {
            continue;
        }
        match classify(&rel_content, config) {
            Ok(FileKind::Ignored) => {}
            Ok(kind) => found.push(Found {
                rel: rel_to(root, path),
                path: path.to_path_buf(),
                kind,
            }),
            Err((message, hint)) => {
                errors.push(Diagnostic::error(rel_to(root, path), 0, 0, message, hint))
            }
        }
    }
    found
}

/// `path` relative to the site root, for messages.
fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Reads a text file the way editors save them: UTF-8, maybe with a BOM and CRLF.
pub fn read_text(path: &Path, rel: &Path, limit: u64) -> Result<String, Diagnostic> {
    let meta = std::fs::metadata(path).map_err(|e| {
        Diagnostic::error(
            rel,
            0,
            0,
            format!("cannot read this file: {e}"),
            "check that it exists and can be read",
        )
    })?;
    if meta.len() > limit {
        return Err(Diagnostic::error(
            rel,
            0,
            0,
            format!(
                "this file is {} MB, more than the {} MB a page may have",
                meta.len() / (1024 * 1024),
                limit / (1024 * 1024)
            ),
            "split it into several pages, or move large data into a separate file",
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(
            rel,
            0,
            0,
            format!("cannot read this file: {e}"),
            "check that it can be read",
        )
    })?;
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let (line, column) = crate::diagnostic::line_col(
                &String::from_utf8_lossy(&e.as_bytes()[..valid]),
                valid,
            );
            return Err(Diagnostic::error(
                rel,
                line,
                column,
                "this file is not UTF-8 text (it may be saved in another encoding)",
                "save it again as UTF-8 in your editor (\"Save with encoding: UTF-8\")",
            ));
        }
    };
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// The Markdown pass's settings for a page in `lang`: that language's embeds (from
/// `embeds`, in `config.languages` order), and whether to write HTML.
pub fn render_context<'a>(
    file: &'a Path,
    body_line: usize,
    lang: &str,
    config: &Config,
    highlighter: &'a Highlighter,
    embeds: &[&'a dyn Embeds],
    html: bool,
) -> RenderContext<'a> {
    let lang_index = config.languages.iter().position(|l| l == lang).unwrap_or(0);
    RenderContext {
        file,
        body_line,
        unsafe_html: config.unsafe_html,
        highlighter,
        embeds: embeds
            .get(lang_index)
            .copied()
            .unwrap_or(&markdown::NoEmbeds),
        html,
    }
}

/// Reads and parses one page file.
pub fn load_page(
    path: &Path,
    rel: &Path,
    key: &str,
    lang: &str,
    opts: &LoadOptions<'_>,
) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
    let text = read_text(path, rel, MAX_PAGE_BYTES).map_err(|d| vec![d])?;
    let split = front_matter::split(rel, &text).map_err(|d| vec![d])?;
    let front = front_matter::parse(rel, split.yaml, &text)?;
    if front.draft && !opts.drafts {
        return Ok(None);
    }
    let cx = render_context(
        rel,
        split.body_line,
        lang,
        opts.config,
        opts.highlighter,
        opts.embeds,
        false,
    );
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

/// Walks and loads everything under `content/`; errors and warnings go to `diags`.
pub fn load(opts: &LoadOptions<'_>, diags: &mut Vec<Diagnostic>) -> Content {
    let found = walk(opts.root, opts.config, diags);
    let mut content = Content::default();
    let mut page_files = Vec::new();
    for f in found {
        match f.kind {
            FileKind::Page { key, lang } => page_files.push((f.path, f.rel, key, lang)),
            FileKind::Asset => {
                let key = path_to_key(f.rel.strip_prefix("content").unwrap_or(&f.rel));
                content.assets.push(Asset { key, path: f.path });
            }
            // Read before the pages, by the build, since pages embed its tables.
            FileKind::Statistics | FileKind::Ignored => {}
        }
    }
    let results: Vec<_> = page_files
        .par_iter()
        .map(|(path, rel, key, lang)| load_page(path, rel, key, lang, opts))
        .collect();
    for r in results {
        match r {
            Ok(Some(page)) => {
                diags.extend(page.doc.diagnostics.iter().cloned());
                content.pages.push(page);
            }
            Ok(None) => {}
            Err(errs) => diags.extend(errs),
        }
    }
    content
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> Config {
        let yaml = "title: S\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\n";
        Config::parse(Path::new("site.yaml"), yaml).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn file_names_give_key_and_language() {
        let c = config();
        let k = |p: &str| classify(Path::new(p), &c);
        assert_eq!(
            k("programmes/short-term-care.en.md"),
            Ok(FileKind::Page {
                key: "programmes/short-term-care".into(),
                lang: "en".into()
            })
        );
        assert_eq!(
            k("_index.az.md"),
            Ok(FileKind::Page {
                key: "_index".into(),
                lang: "az".into()
            })
        );
        assert_eq!(
            k("about.md"),
            Ok(FileKind::Page {
                key: "about".into(),
                lang: "az".into()
            })
        );
        assert_eq!(k("statistics.yaml"), Ok(FileKind::Statistics));
        assert_eq!(k("news/photo.jpg"), Ok(FileKind::Asset));
        assert_eq!(k("news/.draft.az.md.swp"), Ok(FileKind::Ignored));
        assert!(k("about.fr.md").is_err());
    }

    #[test]
    fn bom_and_windows_line_endings_are_accepted() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("a.md");
        std::fs::write(&p, "\u{feff}---\r\ntitle: A\r\n---\r\nHi\r\n").unwrap_or_default();
        let t = read_text(&p, Path::new("a.md"), MAX_PAGE_BYTES).map_err(|d| d.to_string());
        assert_eq!(t.as_deref(), Ok("---\ntitle: A\n---\nHi\n"));
    }

    #[test]
    fn non_utf8_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"---\ntitle: \xe7ocuq\n---\n").unwrap_or_default();
        let e = read_text(&p, Path::new("a.md"), MAX_PAGE_BYTES).err();
        assert_eq!(
            e.map(|d| (d.line, d.message.contains("UTF-8"))),
            Some((2, true))
        );
    }
}
