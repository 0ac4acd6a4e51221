//! `ocaq translated <file>…`: records in each translation which version of its
//! default-language page it was made from, so that `check` can tell when that
//! page changes after it (see [`crate::resolve::translations`]).

use crate::diagnostic::{BuildError, Diagnostic};
use crate::load::config::{self, Config};
use crate::load::walk::{self, FileKind};
use crate::load::{front_matter, read};
use crate::resolve::translations::text_hash;
use std::path::{Path, PathBuf};

/// The front-matter key that records the source's version.
const KEY: &str = "translated_from";

/// What `translated` wrote in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marked {
    /// The translation, relative to the site.
    pub file: PathBuf,
    /// The default-language page it is now recorded as made from.
    pub source: PathBuf,
    /// The short hash of that page's text.
    pub hash: String,
}

/// Marks each of `files` (translations, relative to `root` or absolute) as made from
/// its default-language page as that page is now. Nothing is written unless every
/// file can be marked.
pub fn translated(root: &Path, files: &[PathBuf]) -> Result<Vec<Marked>, BuildError> {
    let config = config::load(root, None)?;
    let mut planned = Vec::new();
    let mut errors = Vec::new();
    for file in files {
        match plan(root, &config, file) {
            Ok(p) => planned.push(p),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(BuildError::Content(errors));
    }
    let mut done = Vec::new();
    for (marked, text) in planned {
        let path = root.join(&marked.file);
        let tmp = path.with_extension("md.ocaq-tmp");
        std::fs::write(&tmp, text)
            .and_then(|()| std::fs::rename(&tmp, &path))
            .map_err(|e| {
                BuildError::Content(vec![Diagnostic::error(
                    &marked.file,
                    0,
                    0,
                    format!("could not write the file: {e}"),
                    "check that the file can be written; files listed before it were marked",
                )])
            })?;
        done.push(marked);
    }
    Ok(done)
}

/// The mark for one translation and the file's new text.
fn plan(root: &Path, config: &Config, file: &Path) -> Result<(Marked, String), Diagnostic> {
    let rel = file.strip_prefix(root).unwrap_or(file).to_path_buf();
    let in_content = rel.strip_prefix("content").map_err(|_| {
        Diagnostic::error(
            &rel,
            0,
            0,
            "this is not a page under content/",
            "name the translation's file, like content/about.en.md",
        )
    })?;
    let (key, lang) = match walk::classify(in_content, config)? {
        FileKind::Page { key, lang } => (key, lang),
        _ => {
            return Err(Diagnostic::error(
                &rel,
                0,
                0,
                "this is not a page",
                "name the translation's Markdown file, like content/about.en.md",
            ))
        }
    };
    let default = &config.default_language;
    if lang == *default {
        return Err(Diagnostic::error(
            &rel,
            0,
            0,
            format!("this is the `{default}` page itself, which the others are translated from"),
            format!("name a translation you brought up to date with it, like content/{key}.en.md"),
        ));
    }
    let source = [format!("{key}.{default}.md"), format!("{key}.md")]
        .into_iter()
        .map(|name| Path::new("content").join(name))
        .find(|p| root.join(p).is_file())
        .ok_or_else(|| {
            Diagnostic::error(
                &rel,
                0,
                0,
                format!("there is no `{default}` page to translate from"),
                format!("write content/{key}.{default}.md first"),
            )
        })?;
    let hash = source_hash(root, config, &source)?;
    let text = read::text_file(&root.join(&rel), &rel)?;
    let new_text = with_key(&rel, &text, &hash)?;
    Ok((
        Marked {
            file: rel,
            source,
            hash,
        },
        new_text,
    ))
}

/// The hash of the default-language page's text, as `check` computes it.
fn source_hash(root: &Path, config: &Config, source: &Path) -> Result<String, Diagnostic> {
    let text = read::text_file(&root.join(source), source)?;
    let split = front_matter::split(source, &text)?;
    let taxonomies: Vec<String> = config.taxonomies.keys().cloned().collect();
    let front =
        front_matter::parse_with(source, split.yaml, &text, &taxonomies).map_err(|mut e| {
            e.truncate(1);
            e.pop().unwrap_or_else(|| {
                Diagnostic::error(source, 0, 0, "the page cannot be read", "run `ocaq check`")
            })
        })?;
    Ok(text_hash(
        &front.title,
        front.description.as_deref(),
        split.body,
    ))
}

/// `text` with `translated_from: <hash>` in its front matter, replacing an older one.
fn with_key(file: &Path, text: &str, hash: &str) -> Result<String, Diagnostic> {
    let split = front_matter::split(file, text)?;
    let line = format!("{KEY}: {hash}\n");
    let mut out = String::with_capacity(text.len() + line.len());
    out.push_str("---\n");
    let mut written = false;
    for l in split.yaml.split_inclusive('\n') {
        if l.starts_with(&format!("{KEY}:")) {
            out.push_str(&line);
            written = true;
        } else {
            out.push_str(l);
            if !l.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    if !written {
        out.push_str(&line);
    }
    out.push_str("---\n");
    out.push_str(split.body);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_added_before_the_closing_line_or_replaced() {
        let f = Path::new("content/about.en.md");
        let added = with_key(f, "---\ntitle: About\n---\nText.\n", "0badc0de").ok();
        assert_eq!(
            added.as_deref(),
            Some("---\ntitle: About\ntranslated_from: 0badc0de\n---\nText.\n")
        );
        let replaced = with_key(
            f,
            "---\ntitle: About\ntranslated_from: 11111111\nweight: 2\n---\nText.\n",
            "0badc0de",
        )
        .ok();
        assert_eq!(
            replaced.as_deref(),
            Some("---\ntitle: About\ntranslated_from: 0badc0de\nweight: 2\n---\nText.\n")
        );
    }
}
