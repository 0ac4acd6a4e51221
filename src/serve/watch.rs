//! What `serve` watches: the site's sources, and not the files editors leave
//! beside them while saving.

use notify::RecursiveMode;
use std::path::{Path, PathBuf};

/// Folders and files whose change triggers a rebuild.
pub(super) fn watched(root: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let mut v: Vec<(PathBuf, RecursiveMode)> = [
        "content",
        "themes",
        "locales",
        "templates",
        "static",
        "data",
    ]
    .iter()
    .map(|d| (root.join(d), RecursiveMode::Recursive))
    .filter(|(p, _)| p.exists())
    .collect();
    v.push((root.join("site.yaml"), RecursiveMode::NonRecursive));
    v
}

/// Swap files, backups and hidden files that editors write beside the real one.
pub(super) fn is_editor_noise(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}
