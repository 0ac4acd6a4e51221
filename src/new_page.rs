//! `ocaq new <path>`: a new page in every language, front matter filled in.

use crate::date::civil_from_days;
use crate::diagnostic::{BuildError, Diagnostic};
use crate::load::config::{self, Config};
use std::path::{Path, PathBuf};

/// Today's date in UTC as `YYYY-MM-DD`, for a new page's `date`.
pub fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// Creates the page `path` (`programmes/youth-house`) in every language of the site in
/// `root`, dated `date`; nothing is written if any of its files exists.
pub fn new_page(root: &Path, path: &str, date: &str) -> Result<Vec<PathBuf>, BuildError> {
    let config = config::load(root, None)?;
    create(root, &config, path, date).map_err(|d| BuildError::Content(vec![d]))
}

/// A title from a path's last part: `youth-house` → `Youth house`.
fn title_from_path(path: &str) -> String {
    let last = path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .unwrap_or(path);
    let words = last.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Creates `content/<path>.<lang>.md` for every language; nothing is written if any exists.
fn create(
    root: &Path,
    config: &Config,
    path: &str,
    date: &str,
) -> Result<Vec<PathBuf>, Diagnostic> {
    let clean = path
        .trim()
        .trim_start_matches("content/")
        .trim_matches('/')
        .trim_end_matches(".md");
    let bad = clean.is_empty()
        || clean
            .split('/')
            .any(|s| s.is_empty() || s == "." || s == ".." || s.starts_with('.'))
        || clean.contains('\\');
    if bad {
        return Err(Diagnostic::error(
            path,
            0,
            0,
            format!("`{path}` is not a page path"),
            "give a path inside content/, like programmes/youth-house",
        ));
    }
    let title = title_from_path(clean);
    let files: Vec<(PathBuf, PathBuf)> = config
        .languages
        .iter()
        .map(|lang| {
            let rel = PathBuf::from("content").join(format!("{clean}.{lang}.md"));
            (root.join(&rel), rel)
        })
        .collect();
    if let Some((_, rel)) = files.iter().find(|(abs, _)| abs.exists()) {
        return Err(Diagnostic::error(
            rel,
            0,
            0,
            "this page already exists; nothing was created",
            "choose another name, or edit the existing files",
        ));
    }
    let mut written = Vec::new();
    for (abs, rel) in files {
        if let Some(parent) = abs.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error(
                    &rel,
                    0,
                    0,
                    format!("cannot create the folder: {e}"),
                    "check permissions",
                )
            })?;
        }
        let text = format!(
            "---\ntitle: \"{}\"\ndescription: \"\"\ndate: {date}\n---\n\n",
            title.replace('\\', "\\\\").replace('"', "\\\"")
        );
        // create_new: never overwrite, even if the file appeared since the check above.
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&abs)
            .map_err(|e| {
                Diagnostic::error(
                    &rel,
                    0,
                    0,
                    format!("cannot create this file: {e}"),
                    "check permissions",
                )
            })?;
        std::io::Write::write_all(&mut f, text.as_bytes()).map_err(|e| {
            Diagnostic::error(
                &rel,
                0,
                0,
                format!("cannot write this file: {e}"),
                "check free disk space",
            )
        })?;
        written.push(rel);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_come_from_the_last_part_of_the_path() {
        assert_eq!(title_from_path("programmes/youth-house"), "Youth house");
        assert_eq!(title_from_path("xeberler/ilk_gün"), "Ilk gün");
    }

    #[test]
    fn creates_every_language_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let yaml = "title: S\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\n";
        let config =
            Config::parse(Path::new("site.yaml"), yaml).unwrap_or_else(|e| panic!("{e:?}"));
        let made = create(dir.path(), &config, "programmes/youth-house", "2026-11-24")
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            made,
            vec![
                PathBuf::from("content/programmes/youth-house.az.md"),
                PathBuf::from("content/programmes/youth-house.en.md")
            ]
        );
        let text = std::fs::read_to_string(dir.path().join(&made[1])).unwrap_or_default();
        assert_eq!(
            text,
            "---\ntitle: \"Youth house\"\ndescription: \"\"\ndate: 2026-11-24\n---\n\n"
        );
        let again = create(dir.path(), &config, "programmes/youth-house", "2026-11-25");
        assert!(again.is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join(&made[1])).unwrap_or_default(),
            text,
            "not overwritten"
        );
        assert!(create(dir.path(), &config, "../escape", "2026-11-24").is_err());
    }
}
