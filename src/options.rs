//! What a run is asked to do: the options `build`, `check` and `serve` share.

use std::path::PathBuf;

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `site.yaml`.
    pub root: PathBuf,
    /// Output folder; `<root>/public` when not given.
    pub out: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml (previews, staging hosts).
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Minify HTML and CSS (on for `build`, off for `serve`).
    pub minify: bool,
}

impl BuildOptions {
    /// Options for building the site in `root` with the defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: None,
            base_url: None,
            drafts: false,
            minify: true,
        }
    }

    /// The output folder this build writes.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
}
