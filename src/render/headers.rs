//! The `_headers` file that Netlify and Cloudflare Pages read: caching and security.
//!
//! Both hosts join the values of a header set by several matching rules, so
//! `Cache-Control` is set by exactly one rule per file: `/assets/*` (content-
//! hashed, cached for a year) and each HTML page (five minutes).

/// The Content-Security-Policy of the site: nothing inline may run or style.
pub(super) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

/// Security headers for every response.
pub(super) const SECURITY: &[(&str, &str)] = &[
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
];

/// Cache for files whose name carries their content hash.
pub(super) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache for HTML: short, so a new build is seen within minutes.
pub(super) const HTML: &str = "public, max-age=300, must-revalidate";

/// The `_headers` text for a site whose HTML files are `html_paths` (site paths, `/en/about/`).
pub(super) fn headers_file(html_paths: &[String]) -> String {
    let mut out = String::from("# Written by ocaq: caching and security headers (Netlify and Cloudflare Pages read this file).\n/*\n");
    for (name, value) in SECURITY {
        out.push_str(&format!("  {name}: {value}\n"));
    }
    out.push_str(&format!("\n/assets/*\n  Cache-Control: {IMMUTABLE}\n"));
    let mut paths: Vec<&String> = html_paths.iter().collect();
    paths.sort();
    paths.dedup();
    for p in paths {
        out.push_str(&format!("\n{p}\n  Cache-Control: {HTML}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_a_path_and_indented_headers_and_cache_control_is_never_doubled() {
        let text = headers_file(&["/en/".into(), "/".into(), "/404.html".into()]);
        let mut rules: Vec<(String, Vec<String>)> = Vec::new();
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            if line.starts_with('/') {
                rules.push((line.to_string(), Vec::new()));
            } else if let Some(last) = rules.last_mut() {
                assert!(line.starts_with("  ") && line.contains(": "), "{line}");
                last.1.push(line.trim().to_string());
            }
        }
        assert_eq!(rules[0].0, "/*");
        assert!(rules[0]
            .1
            .iter()
            .any(|h| h.starts_with("Content-Security-Policy:") && !h.contains("unsafe-inline")));
        assert!(rules[0].1.iter().all(|h| !h.starts_with("Cache-Control")));
        assert_eq!(rules.iter().filter(|(p, _)| p == "/").count(), 1);
        assert!(rules
            .iter()
            .any(|(p, h)| p == "/assets/*" && h[0].contains("immutable")));
    }
}
