//! Write: the whole site goes into a staging folder beside the target and is
//! swapped in only when every file was written, so a failed build never
//! touches the published output.

use std::io;
use std::path::{Path, PathBuf};

/// A folder being filled with a new build.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// The hidden sibling path used for staging or for the old output.
fn sibling(target: &Path, tag: &str) -> PathBuf {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public");
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    parent.join(format!(".{name}.ocaq-{tag}-{}", std::process::id()))
}

impl Staging {
    /// Creates an empty staging folder beside `target` (same file system, so the swap is a rename).
    pub(crate) fn new(target: &Path) -> io::Result<Staging> {
        let dir = sibling(target, "new");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes `bytes` at `rel` (a `/`-separated site path) inside the staging folder.
    pub(crate) fn write(&self, rel: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = rel.trim_start_matches('/');
        if rel.split('/').any(|s| s == ".." || s == ".") {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("refusing to write outside the output: {rel}"),
            ));
        }
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, bytes)
    }

    /// Copies a file into the staging folder.
    pub(crate) fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let rel = rel.trim_start_matches('/');
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path).map(|_| ())
    }

    /// Replaces the target with the staged build.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        let old = sibling(&self.target, "old");
        let had_old = self.target.exists();
        if had_old {
            if old.exists() {
                std::fs::remove_dir_all(&old)?;
            }
            std::fs::rename(&self.target, &old)?;
        }
        if let Err(e) = std::fs::rename(&self.dir, &self.target) {
            if had_old {
                // Put the previous build back: publishing nothing is worse than publishing the old site.
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(e);
        }
        self.committed = true;
        if had_old {
            // The new site is in place; a leftover old copy is only wasted space.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = tmp.path().join("public");
        std::fs::create_dir_all(&target).unwrap_or_default();
        std::fs::write(target.join("old.html"), "old").unwrap_or_default();

        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        s.write("a/index.html", b"new")
            .unwrap_or_else(|e| panic!("{e}"));
        drop(s);
        assert!(
            target.join("old.html").exists(),
            "a dropped build must not touch the output"
        );

        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        s.write("a/index.html", b"new")
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(s.write("../escape", b"x").is_err());
        s.commit().unwrap_or_else(|e| panic!("{e}"));
        assert!(!target.join("old.html").exists());
        assert_eq!(
            std::fs::read_to_string(target.join("a/index.html")).unwrap_or_default(),
            "new"
        );
        let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
            .map(|r| r.count())
            .into_iter()
            .collect();
        assert_eq!(leftovers, vec![1]);
    }
}
