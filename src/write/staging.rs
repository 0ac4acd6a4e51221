//! Write: the whole site goes into a staging folder beside the target, is
//! flushed to disk, and is swapped in only when every file was written, so a
//! failed, killed or powered-off build leaves the old site or the new one,
//! never a mix and never nothing.
//!
//! The swap is one `renameat2(RENAME_EXCHANGE)` on Linux (`renameatx_np`
//! with `RENAME_SWAP` on macOS): the kernel exchanges the two folders in one
//! step. Elsewhere, or on a file system that cannot exchange (some network
//! and FUSE file systems), it is two renames, target → `.<name>.ocaq-old-<pid>`
//! then staging → target; a crash between the two leaves no target, only the
//! old site under that name, and the next build puts it back first thing.
//!
//! A killed build leaves its staging folder (after the swap, the old site
//! under the staging folder's name). Every build removes those left by builds
//! whose process is gone, matched by name (`.<name>.ocaq-new-<pid>`,
//! `.<name>.ocaq-old-<pid>`), never anything else.

use crate::pause;
use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// A folder being filled with a new build.
#[derive(Debug)]
pub(crate) struct Staging {
    dir: PathBuf,
    target: PathBuf,
    committed: bool,
}

/// The target's folder (`.` for a bare name) and its file name.
fn parts(target: &Path) -> (&Path, &str) {
    let name = target
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("public");
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (parent, name)
}

/// The hidden sibling path used for staging (`new`) or for the old output (`old`).
fn sibling(target: &Path, tag: &str) -> PathBuf {
    let (parent, name) = parts(target);
    parent.join(format!(".{name}.ocaq-{tag}-{}", std::process::id()))
}

/// The tag and process id of a sibling some build of `name` left, or `None` for
/// any other name: only folders ocaq itself names are ever removed.
fn leftover<'a>(file_name: &'a str, name: &str) -> Option<(&'a str, u32)> {
    let rest = file_name
        .strip_prefix('.')?
        .strip_prefix(name)?
        .strip_prefix(".ocaq-")?;
    let (tag, pid) = rest.split_once('-')?;
    if !matches!(tag, "new" | "old") || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((tag, pid.parse().ok()?))
}

/// Whether process `pid` still runs; when that cannot be told, it is taken to run,
/// so a live build's folders are never removed.
#[cfg(unix)]
fn alive(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid)
        .ok()
        .and_then(rustix::process::Pid::from_raw)
    else {
        return true;
    };
    // EPERM: it runs, under another user.
    rustix::process::test_kill_process(pid) != Err(rustix::io::Errno::SRCH)
}

#[cfg(not(unix))]
fn alive(_pid: u32) -> bool {
    true
}

/// Removes the staging and old folders of builds of `target` that were killed:
/// if the target itself is missing (a crash between two renames), a dead build's
/// old site is put back instead.
fn clean_stale(target: &Path) {
    let (parent, name) = parts(target);
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut stale: Vec<(String, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .filter_map(|e| {
            let file_name = e.file_name().into_string().ok()?;
            let (tag, pid) = leftover(&file_name, name)?;
            // Our own id on a folder can only be a dead process's that had it before.
            (pid == std::process::id() || !alive(pid)).then(|| (tag.to_string(), e.path()))
        })
        .collect();
    stale.sort();
    for (tag, path) in stale {
        if tag == "old" && !target.exists() && std::fs::rename(&path, target).is_ok() {
            continue;
        }
        // Best effort: what cannot be removed now is tried again by the next build.
        let _ = std::fs::remove_dir_all(&path);
    }
}

/// Removes a folder and everything in it, the folders two levels down side by side: a
/// big site's previous build is tens of thousands of files, and removing them on one
/// thread took a second of every rebuild (20,042 pages on tmpfs; 0.6 s on two).
/// Below that level std's `remove_dir_all` does the work, which never follows a link.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries =
        |d: &Path| -> io::Result<Vec<std::fs::DirEntry>> { std::fs::read_dir(d)?.collect() };
    let top = entries(dir)?;
    let mut below = Vec::new();
    for e in &top {
        if e.file_type()?.is_dir() {
            below.extend(entries(&e.path())?);
        }
    }
    let remove = |e: &std::fs::DirEntry| {
        if e.file_type()?.is_dir() {
            std::fs::remove_dir_all(e.path())
        } else {
            std::fs::remove_file(e.path())
        }
    };
    below.par_iter().try_for_each(remove)?;
    top.par_iter().try_for_each(remove)?;
    std::fs::remove_dir(dir)
}

/// Flushes every file and folder of the build to disk.
///
/// On Linux one `syncfs` does it: one journal commit for the whole tree, where an
/// `fsync` per file would cost one each (tens of thousands on a big site).
#[cfg(target_os = "linux")]
fn sync_tree(dir: &Path) -> io::Result<()> {
    rustix::fs::syncfs(File::open(dir)?).map_err(io::Error::from)
}

/// Flushes every file and folder of the build to disk, one by one.
#[cfg(not(target_os = "linux"))]
fn sync_tree(dir: &Path) -> io::Result<()> {
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() {
            std::fs::OpenOptions::new()
                .write(true)
                .open(entry.path())?
                .sync_all()?;
        } else if entry.file_type().is_dir() {
            sync_dir(entry.path())?;
        }
    }
    Ok(())
}

/// Flushes a folder's list of entries (where a rename lives).
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a folder as a file; NTFS journals renames itself.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

/// Exchanges two folders in one step.
#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(()),
        // The file system cannot exchange: say so in the one way `swap_in` falls back on.
        Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::OPNOTSUPP) => {
            Err(io::ErrorKind::Unsupported.into())
        }
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Where folders cannot be exchanged: the old site is renamed away, then the new one
/// in. A crash between the two leaves no target but the old site at `old`, which the
/// next build puts back ([`clean_stale`]).
fn two_renames(staged: &Path, target: &Path, old: &Path) -> io::Result<()> {
    if old.exists() {
        std::fs::remove_dir_all(old)?;
    }
    std::fs::rename(target, old)?;
    pause::point("between-renames");
    if let Err(e) = std::fs::rename(staged, target) {
        // Put the previous build back: publishing nothing is worse than publishing the old site.
        let _ = std::fs::rename(old, target);
        return Err(e);
    }
    Ok(())
}

/// Puts the folder `staged` at `target`; returns where the previous site now is, to remove.
fn swap_in(staged: &Path, target: &Path, old: &Path) -> io::Result<Option<PathBuf>> {
    if !target.exists() {
        match std::fs::rename(staged, target) {
            Ok(()) => return Ok(None),
            // Another build published meanwhile: exchange with its output instead.
            Err(_) if target.exists() => {}
            Err(e) => return Err(e),
        }
    }
    let exchanged = if pause::asks_for("between-renames") {
        Err(io::ErrorKind::Unsupported.into())
    } else {
        exchange(staged, target)
    };
    match exchanged {
        Ok(()) => Ok(Some(staged.to_path_buf())),
        Err(e) if e.kind() == io::ErrorKind::Unsupported => {
            two_renames(staged, target, old).map(|()| Some(old.to_path_buf()))
        }
        Err(e) => Err(e),
    }
}

impl Staging {
    /// Creates an empty staging folder beside `target` (same file system, so the swap
    /// is a rename), after clearing what killed builds left there.
    pub(crate) fn new(target: &Path) -> io::Result<Staging> {
        clean_stale(target);
        let dir = sibling(target, "new");
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        pause::point("staging-created");
        Ok(Staging {
            dir,
            target: target.to_path_buf(),
            committed: false,
        })
    }

    /// Writes `parts`, one after another, at `rel` (a `/`-separated site path) inside
    /// the staging folder.
    pub(crate) fn write(
        &self,
        rel: &str,
        parts: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> io::Result<()> {
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
        let first = parts.next().unwrap_or_default();
        match parts.next() {
            // One write for a file made whole, as `fs::write` does it.
            None => std::fs::write(path, first)?,
            Some(second) => {
                let mut file = std::fs::File::create(path)?;
                for part in [first, second].into_iter().chain(parts) {
                    io::Write::write_all(&mut file, &part)?;
                }
            }
        }
        pause::point("write");
        Ok(())
    }

    /// Copies a file into the staging folder.
    pub(crate) fn copy(&self, rel: &str, from: &Path) -> io::Result<()> {
        let rel = rel.trim_start_matches('/');
        let path = self.dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::copy(from, path)?;
        pause::point("write");
        Ok(())
    }

    /// Flushes the staged build to disk and swaps it in for the target.
    pub(crate) fn commit(mut self) -> io::Result<()> {
        pause::point("before-sync");
        // Before the swap, so a power cut after it cannot publish empty files.
        sync_tree(&self.dir)?;
        pause::point("before-swap");
        let previous = swap_in(&self.dir, &self.target, &sibling(&self.target, "old"))?;
        self.committed = true;
        // The swap is done and cannot be undone: a failure to make it durable is not
        // "the previous site was kept", so it is not reported as one.
        let _ = sync_dir(parts(&self.target).0);
        pause::point("after-swap");
        if let Some(previous) = previous {
            // The new site is in place; a leftover old copy is only wasted space
            // (and the next build removes it).
            let _ = remove_tree(&previous);
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_tree(&self.dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn put(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        std::fs::create_dir_all(path.parent().unwrap_or(dir)).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{e}"));
    }

    fn text(path: &Path) -> String {
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The id of a process that has ended.
    fn dead_pid() -> u32 {
        let mut child = std::process::Command::new("true")
            .spawn()
            .unwrap_or_else(|e| panic!("{e}"));
        let pid = child.id();
        child.wait().unwrap_or_else(|e| panic!("{e}"));
        pid
    }

    #[test]
    fn a_tree_is_removed_at_every_depth_and_links_are_not_followed() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let tree = tmp.path().join("old");
        for rel in [
            "index.html",
            "en/index.html",
            "en/a/index.html",
            "en/a/b/c/x.bin",
        ] {
            put(&tree, rel, "x");
        }
        std::fs::create_dir_all(tree.join("empty")).unwrap_or_else(|e| panic!("{e}"));
        let keep = tmp.path().join("keep");
        put(&keep, "precious.txt", "keep me");
        #[cfg(unix)]
        for link in ["link", "en/link"] {
            std::os::unix::fs::symlink(&keep, tree.join(link)).unwrap_or_else(|e| panic!("{e}"));
        }
        remove_tree(&tree).unwrap_or_else(|e| panic!("{e}"));
        assert!(!tree.exists());
        assert_eq!(text(&keep.join("precious.txt")), "keep me");
        assert!(remove_tree(&tree).is_err(), "a missing folder is an error");
    }

    #[test]
    fn commit_replaces_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = tmp.path().join("public");
        put(&target, "old.html", "old");

        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        s.write("a/index.html", &mut std::iter::once(b"new".to_vec()))
            .unwrap_or_else(|e| panic!("{e}"));
        drop(s);
        assert_eq!(text(&target.join("old.html")), "old");
        assert_eq!(
            names(tmp.path()),
            ["public"],
            "a dropped build leaves nothing"
        );

        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        s.write("a/index.html", &mut std::iter::once(b"new".to_vec()))
            .unwrap_or_else(|e| panic!("{e}"));
        let escape = s.write("../escape", &mut std::iter::once(b"x".to_vec()));
        assert_eq!(
            escape.map_err(|e| e.kind()),
            Err(io::ErrorKind::InvalidInput)
        );
        s.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(names(&target), ["a"], "only the new site");
        assert_eq!(text(&target.join("a/index.html")), "new");
        assert_eq!(
            names(tmp.path()),
            ["public"],
            "no staging or old folder left"
        );
    }

    #[test]
    fn a_first_build_is_renamed_in() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = tmp.path().join("site");
        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        s.write("index.html", &mut std::iter::once(b"first".to_vec()))
            .unwrap_or_else(|e| panic!("{e}"));
        let parts = ["<a>", "", "<b/>", "</a>"].map(|p| p.as_bytes().to_vec());
        s.write("sitemap.xml", &mut parts.into_iter())
            .unwrap_or_else(|e| panic!("{e}"));
        s.commit().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text(&target.join("index.html")), "first");
        assert_eq!(
            text(&target.join("sitemap.xml")),
            "<a><b/></a>",
            "parts in order"
        );
        assert_eq!(names(tmp.path()), ["site"]);
    }

    #[test]
    fn only_our_own_names_are_leftovers() {
        assert_eq!(leftover(".public.ocaq-new-42", "public"), Some(("new", 42)));
        assert_eq!(leftover(".public.ocaq-old-7", "public"), Some(("old", 7)));
        for other in [
            ".public.ocaq-new-",
            ".public.ocaq-new-4x",
            ".public.ocaq-new--4",
            ".public.ocaq-tmp-4",
            ".other.ocaq-new-4",
            "public.ocaq-new-4",
            ".public.ocaq-new-99999999999",
            ".public",
        ] {
            assert_eq!(leftover(other, "public"), None, "{other}");
        }
    }

    #[test]
    fn folders_of_dead_builds_go_and_live_ones_stay() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = tmp.path().join("public");
        put(&target, "index.html", "current");
        let dead = dead_pid();
        let live = std::process::id().to_string();
        // PID 1 runs as long as the system does.
        for name in [
            format!(".public.ocaq-new-{dead}"),
            format!(".public.ocaq-old-{dead}"),
            ".public.ocaq-new-1".to_string(),
            ".other.ocaq-new-{dead}".replace("{dead}", &dead.to_string()),
            ".public.ocaq-keep-1".to_string(),
        ] {
            put(&tmp.path().join(name), "index.html", "left");
        }
        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        let mut kept = vec![
            format!(".other.ocaq-new-{dead}"),
            ".public.ocaq-keep-1".to_string(),
            format!(".public.ocaq-new-{live}"),
            ".public.ocaq-new-1".to_string(),
            "public".to_string(),
        ];
        kept.sort();
        assert_eq!(names(tmp.path()), kept);
        assert_eq!(text(&target.join("index.html")), "current");
        drop(s);
    }

    #[test]
    fn a_dead_builds_old_site_is_put_back_when_the_target_is_missing() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let target = tmp.path().join("public");
        let dead = dead_pid();
        // Killed between the two renames: the old site is aside, the new one staged.
        put(
            &tmp.path().join(format!(".public.ocaq-old-{dead}")),
            "index.html",
            "old",
        );
        put(
            &tmp.path().join(format!(".public.ocaq-new-{dead}")),
            "index.html",
            "new?",
        );
        let s = Staging::new(&target).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text(&target.join("index.html")), "old");
        drop(s);
        assert_eq!(names(tmp.path()), ["public"]);
    }

    #[test]
    fn two_renames_put_the_new_site_in_and_the_old_one_aside() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (staged, target, old) = (
            tmp.path().join("staged"),
            tmp.path().join("public"),
            tmp.path().join("old"),
        );
        put(&staged, "index.html", "new");
        put(&target, "index.html", "old");
        put(&old, "stale.html", "older");
        two_renames(&staged, &target, &old).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text(&target.join("index.html")), "new");
        assert_eq!(names(&old), ["index.html"]);
        assert_eq!(text(&old.join("index.html")), "old");
        // A failed second rename puts the old site back.
        let missing = tmp.path().join("missing");
        let failed = two_renames(&missing, &target, &old);
        assert!(failed.is_err());
        assert_eq!(text(&target.join("index.html")), "new");
    }

    #[test]
    fn the_swap_exchanges_where_it_can() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (staged, target, old) = (
            tmp.path().join("staged"),
            tmp.path().join("public"),
            tmp.path().join("old"),
        );
        put(&staged, "index.html", "new");
        put(&target, "index.html", "old");
        let previous = swap_in(&staged, &target, &old).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(text(&target.join("index.html")), "new");
        let previous = previous.unwrap_or_else(|| panic!("the old site is somewhere"));
        assert_eq!(text(&previous.join("index.html")), "old");
        if cfg!(target_os = "linux") {
            assert_eq!(previous, staged, "exchanged, not renamed twice");
        }
    }
}
