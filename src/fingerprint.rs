//! Content hashes in static file names, so a CDN can cache them for a year.

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike `DefaultHasher`.
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `css/style.css` → `css/style.3f2a9c1b.css`, the hash taken from the content.
pub(crate) fn fingerprinted_name(path: &str, bytes: &[u8]) -> String {
    let hash = format!("{:08x}", fnv64(bytes) as u32 ^ (fnv64(bytes) >> 32) as u32);
    let (dir, file) = match path.rsplit_once('/') {
        Some((d, f)) => (format!("{d}/"), f),
        None => (String::new(), path),
    };
    match file.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{dir}{stem}.{hash}.{ext}"),
        _ => format!("{dir}{file}.{hash}"),
    }
}

/// Static files that keep their name: browsers and crawlers ask for them by it.
pub(crate) fn keeps_its_name(path: &str) -> bool {
    matches!(
        path,
        "favicon.ico" | "robots.txt" | "manifest.webmanifest" | "apple-touch-icon.png"
    ) || path.ends_with(".html")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_changes_with_the_content_only() {
        let a = fingerprinted_name("css/style.css", b"body{}");
        assert!(
            a.starts_with("css/style.")
                && a.ends_with(".css")
                && a.len() == "css/style..css".len() + 8,
            "{a}"
        );
        assert_eq!(a, fingerprinted_name("css/style.css", b"body{}"));
        assert_ne!(a, fingerprinted_name("css/style.css", b"body{color:red}"));
        assert_eq!(
            fingerprinted_name("LICENSE", b"x").len(),
            "LICENSE.".len() + 8
        );
    }
}
