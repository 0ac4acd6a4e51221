//! The theme's static files as published: CSS minified when asked, every
//! name carrying a hash of its content under `/assets/`, plus the code
//! highlighting stylesheet.

use super::minify;
use crate::fingerprint;
use crate::load::theme::StaticFile;
use crate::markdown::highlight;
use std::collections::BTreeMap;

/// A static file as published.
#[derive(Debug, Clone)]
pub(crate) struct PublishedFile {
    /// Its path inside the theme's `static/` folder (`style.css`), as templates name it.
    pub(crate) rel: String,
    /// Its site path without the leading `/` (`assets/style.3f2a9c1b.css`).
    pub(crate) name: String,
    /// Its bytes, minified when asked.
    pub(crate) bytes: Vec<u8>,
}

/// The theme's static files and the highlighting stylesheet, ready to publish.
pub(crate) fn publish(statics: &[StaticFile], minify: bool) -> Vec<PublishedFile> {
    let mut out: Vec<PublishedFile> = statics
        .iter()
        .map(|f| {
            let bytes = if minify && f.rel.ends_with(".css") {
                minify::css(&String::from_utf8_lossy(&f.bytes)).into_bytes()
            } else {
                f.bytes.clone()
            };
            let name = if fingerprint::keeps_its_name(&f.rel) {
                f.rel.clone()
            } else {
                asset_name(&f.rel, &bytes)
            };
            PublishedFile {
                rel: f.rel.clone(),
                name,
                bytes,
            }
        })
        .collect();
    let mut hl_css = highlight::stylesheet();
    if minify {
        hl_css = minify::css(&hl_css);
    }
    out.push(PublishedFile {
        rel: "highlight.css".into(),
        name: asset_name("highlight.css", hl_css.as_bytes()),
        bytes: hl_css.into_bytes(),
    });
    out
}

/// Static file (`style.css`) → its published URL (`/assets/style.3f2a9c1b.css`), for
/// the `asset()` template function.
pub(crate) fn urls(files: &[PublishedFile]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|f| (f.rel.clone(), format!("/{}", f.name)))
        .collect()
}

/// The published name of a content-hashed static file: `assets/style.3f2a9c1b.css`.
fn asset_name(rel: &str, bytes: &[u8]) -> String {
    format!("assets/{}", fingerprint::fingerprinted_name(rel, bytes))
}
