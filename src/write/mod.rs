//! Write: where rendered files go. A build writes into a staging folder that
//! is swapped in only when every file was written; `serve` keeps the site in
//! memory; `check` keeps nothing. The three differ only in their [`Sink`].

mod out_dir;
mod staging;

pub(crate) use out_dir::check_out_dir;
pub(crate) use staging::Staging;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Where rendered files go.
pub(crate) trait Sink: Sync {
    /// Stores `bytes` at the site path `rel`.
    fn put(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    /// Stores `parts`, one after another as they are made, at the site path `rel`.
    fn put_parts(
        &self,
        rel: &str,
        parts: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> std::io::Result<()> {
        self.put(rel, parts.flatten().collect())
    }
    /// Stores a copy of the file at `from` at the site path `rel`.
    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()>;
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.write(rel, &mut std::iter::once(bytes))
    }
    // A file made in parts is written part by part, never whole in one buffer.
    fn put_parts(
        &self,
        rel: &str,
        parts: &mut dyn Iterator<Item = Vec<u8>>,
    ) -> std::io::Result<()> {
        self.write(rel, parts)
    }
    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        Staging::copy(self, rel, from)
    }
}

/// The files of a built site, by site path (`en/about/index.html`).
pub(crate) type Files = HashMap<String, Arc<Vec<u8>>>;

/// A sink that keeps the rendered files in memory (`serve`).
#[derive(Default)]
pub(crate) struct Memory {
    files: Mutex<Files>,
}

impl Memory {
    /// The files written so far.
    pub(crate) fn into_files(self) -> Files {
        self.files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for Memory {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        let key = rel.trim_start_matches('/').to_string();
        let mut files = self.files.lock().unwrap_or_else(|p| p.into_inner());
        files.insert(key, Arc::new(bytes));
        Ok(())
    }
    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(from)?;
        self.put(rel, bytes)
    }
}

/// A sink that keeps nothing: `check` renders to find template errors, not to publish.
pub(crate) struct Discard;

impl Sink for Discard {
    fn put(&self, _: &str, _: Vec<u8>) -> std::io::Result<()> {
        Ok(())
    }
    fn copy(&self, _: &str, from: &Path) -> std::io::Result<()> {
        std::fs::metadata(from).map(|_| ())
    }
}
