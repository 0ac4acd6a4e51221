//! Output-folder safety: a build must never write over the site's own sources.

use crate::diagnostic::{BuildError, Diagnostic};
use std::path::{Path, PathBuf};

/// Refuses output folders that would destroy or feed back into the sources.
pub(crate) fn check_out_dir(root: &Path, out: &Path) -> Result<(), BuildError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // The folder may not exist yet: canonicalize its nearest existing ancestor.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut real = existing.canonicalize().unwrap_or(existing);
        for name in rest.into_iter().rev() {
            real.push(name);
        }
        real
    };
    let (root_abs, out_abs) = (abs(root), abs(out));
    // A wrong --out is a wrong command line: exit status 2, like any other bad option.
    let refuse = |message: String| {
        Err(BuildError::config(Diagnostic::error(
            "--out",
            0,
            0,
            message,
            "choose an output folder outside content/, themes/ and locales/, such as public/",
        )))
    };
    if out_abs.exists() && !out_abs.is_dir() {
        return refuse(format!(
            "the output {} is a file, not a folder; it would be replaced",
            out.display()
        ));
    }
    if root_abs.starts_with(&out_abs) {
        return refuse(format!(
            "the output folder {} contains the site itself; building would delete it",
            out.display()
        ));
    }
    for source in ["content", "themes", "locales"] {
        if out_abs.starts_with(root_abs.join(source)) {
            return refuse(format!(
                "the output folder {} is inside {source}/",
                out.display()
            ));
        }
    }
    Ok(())
}
