//! What a link destination written in Markdown is: a page, an anchor, a file
//! beside the page, or an address left as written (and whether it is safe).

/// What a link slot points at, as written in the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum LinkTarget {
    /// Another page's `.md` file, relative to this file or to `content/` with a leading `/`.
    Page {
        /// The path as written, without the anchor.
        path: String,
        /// The `#anchor`, if any.
        anchor: Option<String>,
    },
    /// An anchor on this page.
    Anchor(String),
    /// A file beside the page (image, PDF).
    Asset(String),
}

/// URL schemes a link may use; anything else (`javascript:`, `data:`) is removed.
pub(super) const SAFE_SCHEMES: &[&str] = &["http", "https", "mailto", "tel"];

/// The scheme of a URL, if it has one (`https` in `https://…`).
pub(super) fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let before = &url[..colon];
    if before.is_empty() || before.contains(['/', '?', '#']) {
        return None;
    }
    // Browsers ignore tabs, newlines and leading spaces in schemes: `java\tscript:` is still javascript.
    let cleaned: String = before
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    Some(cleaned.to_ascii_lowercase())
}

/// Classifies a link destination: `None` when it is left as written.
pub(super) fn target_of(dest: &str) -> Option<LinkTarget> {
    if dest.is_empty() || dest.starts_with("//") || scheme(dest).is_some() {
        return None;
    }
    if let Some(anchor) = dest.strip_prefix('#') {
        return Some(LinkTarget::Anchor(anchor.to_string()));
    }
    let (path, anchor) = match dest.split_once('#') {
        Some((p, a)) => (p, Some(a.to_string())),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or(path);
    if path.ends_with(".md") {
        return Some(LinkTarget::Page {
            path: path.to_string(),
            anchor,
        });
    }
    if path.starts_with('/') || path.ends_with('/') || path.is_empty() {
        // A site path written by hand (`/en/about/`): kept as is.
        return None;
    }
    Some(LinkTarget::Asset(path.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(scheme("https://e.org").as_deref(), Some("https"));
        assert_eq!(
            scheme("Java\tScript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("a/b:c"), None);
        assert_eq!(scheme("about.md"), None);
    }

    #[test]
    fn destinations_are_pages_anchors_files_or_left_alone() {
        assert_eq!(
            target_of("../about.md#tarix"),
            Some(LinkTarget::Page {
                path: "../about.md".into(),
                anchor: Some("tarix".into())
            })
        );
        assert_eq!(target_of("#top"), Some(LinkTarget::Anchor("top".into())));
        assert_eq!(
            target_of("photo.jpg?v=2"),
            Some(LinkTarget::Asset("photo.jpg".into()))
        );
        assert_eq!(target_of("/en/about/"), None);
        assert_eq!(target_of("//cdn.example.org/x.js"), None);
        assert_eq!(target_of("mailto:a@e.org"), None);
    }
}
