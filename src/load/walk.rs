//! Walking `content/`: which files are pages (and in which language), which
//! are files published beside them, and which are editor leftovers.

use crate::diagnostic::Diagnostic;
use crate::load::config::Config;
use std::path::{Component, Path, PathBuf};

/// What kind of content file a path is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FileKind {
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
pub(crate) fn classify(rel: &Path, config: &Config) -> Result<FileKind, Diagnostic> {
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
                return Err(Diagnostic::error(
                    Path::new("content").join(rel),
                    0,
                    0,
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
pub(crate) fn path_to_key(p: &Path) -> String {
    p.components()
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str(),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// A file found by the walk.
pub(crate) struct Found {
    pub(crate) rel: PathBuf,
    pub(crate) path: PathBuf,
    pub(crate) kind: FileKind,
}

/// Walks `content/`, refusing links that leave it and link loops; gives `found` each
/// file as soon as it is found, in the order of their names.
pub(crate) fn walk(
    root: &Path,
    config: &Config,
    errors: &mut Vec<Diagnostic>,
    found: &mut dyn FnMut(Found),
) {
    let content = root.join("content");
    let content_real = content.canonicalize().unwrap_or_else(|_| content.clone());
    if !content.is_dir() {
        errors.push(Diagnostic::error(
            "content",
            0,
            0,
            "there is no content folder",
            "create a folder `content` beside site.yaml with at least content/_index.<lang>.md",
        ));
        return;
    }
    let mut entries = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = entries.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(walk_error(root, &e));
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
            Ok(kind) => found(Found {
                rel: rel_to(root, path),
                path: path.to_path_buf(),
                kind,
            }),
            Err(d) => errors.push(d),
        }
    }
}

/// What the walk could not read: a folder link looping back, or an unreadable file.
fn walk_error(root: &Path, e: &walkdir::Error) -> Diagnostic {
    let at = e
        .path()
        .map(|p| rel_to(root, p))
        .unwrap_or_else(|| PathBuf::from("content"));
    let (message, hint) = if e.loop_ancestor().is_some() {
        (
            "this folder link points back to a folder that contains it (a loop)".to_string(),
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
    Diagnostic::error(at, 0, 0, message, hint)
}

/// `path` relative to the site root, for messages.
fn rel_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::load::config::test_config as config;

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
}
