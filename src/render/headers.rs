//! The `_headers` file that Cloudflare Pages and Netlify read: caching and security.
//!
//! The policy is written with path patterns, one rule per kind of path, never
//! one per page: Cloudflare Pages reads at most 100 rules and skips the rest
//! of the file, so a rule per page dropped our headers from every page past
//! the hundredth (see docs/deploy.md).
//!
//! How the hosts combine rules decides the shape:
//! - Cloudflare Pages applies every matching rule in file order and joins the
//!   values of a header set by several of them with a comma; a `! Name` line
//!   detaches what earlier rules set. So a folder that needs another value
//!   detaches the site-wide one first, and comes after the `/*` rule.
//! - Netlify's parser drops a line without a colon, so it never sees `! Name`;
//!   a header set by a more specific (later) rule replaces the site-wide one.
//!
//! Written that way, every response gets each header exactly once on both.

use crate::diagnostic::Diagnostic;

/// The Content-Security-Policy of the site: nothing inline may run or style.
pub(crate) const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; upgrade-insecure-requests";

/// Security headers for every response.
pub(crate) const SECURITY: &[(&str, &str)] = &[
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
pub(crate) const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Cache for everything else (pages, feeds, sitemap, robots.txt, photos beside pages):
/// short, so a new build is seen within minutes.
pub(crate) const HTML: &str = "public, max-age=300, must-revalidate";

/// The folder of content-hashed files; everything under it is cached for a year.
pub(crate) const ASSETS: &str = "/assets/";

/// Cloudflare Pages reads at most this many rules and skips the rest of the file.
pub(crate) const MAX_RULES: usize = 100;
/// Cloudflare Pages ignores a line longer than this, spacing, name and value included.
pub(crate) const MAX_LINE: usize = 2_000;

/// A folder whose responses get their own cache or security policy instead of the site-wide one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Override {
    /// Site path of the folder, with both slashes: `/assets/`, `/admin/`.
    pub(crate) folder: String,
    /// `Cache-Control` for the folder, replacing [`HTML`].
    pub(crate) cache_control: Option<String>,
    /// `Content-Security-Policy` for the folder, replacing [`CSP`] (a CMS page needs its own).
    pub(crate) csp: Option<String>,
    /// `Cross-Origin-Opener-Policy` for the folder (a CMS's login window must answer its page).
    pub(crate) opener_policy: Option<String>,
    /// `folder` is one page's address, and the rule is for that page alone (not the
    /// pages and files under it): a page with a video allows its player there only.
    pub(crate) page: bool,
}

/// One block of `_headers`: a path pattern, the headers it detaches, the headers it sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rule {
    /// `/*`, `/assets/*`.
    pub(crate) pattern: String,
    /// Header names detached before this rule's own are set (Cloudflare's `! Name`).
    pub(crate) detach: Vec<String>,
    /// Header names and values, in the order they are written.
    pub(crate) set: Vec<(String, String)>,
}

/// The overrides every build has: hashed assets are immutable.
///
/// A search index fits without a new rule: content-hashed files go under
/// `/assets/` (a year), files with fixed names anywhere else (five minutes).
/// A folder of its own takes one more [`Override`].
pub(crate) fn default_overrides() -> Vec<Override> {
    vec![Override {
        folder: ASSETS.into(),
        cache_control: Some(IMMUTABLE.into()),
        csp: None,
        opener_policy: None,
        page: false,
    }]
}

/// The rule of a page that shows third-party players (`origins`, such as YouTube's): the
/// site's policy, with those origins allowed in frames on that page alone.
pub(crate) fn player_override(url: &str, origins: &[&str]) -> Override {
    Override {
        folder: url.to_string(),
        cache_control: None,
        csp: Some(format!("{CSP}; frame-src {}", origins.join(" "))),
        opener_policy: None,
        page: true,
    }
}

/// The rules for `overrides`: one site-wide rule, then one per folder, in that order.
pub(crate) fn rules(overrides: &[Override]) -> Vec<Rule> {
    let mut site: Vec<(String, String)> = SECURITY
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    site.push(("Cache-Control".into(), HTML.into()));
    let mut out = vec![Rule {
        pattern: "/*".into(),
        detach: Vec::new(),
        set: site,
    }];
    let mut folders: Vec<&Override> = overrides.iter().collect();
    folders.sort_by(|a, b| a.folder.cmp(&b.folder));
    for o in folders {
        out.push(override_rule(o));
    }
    out
}

/// A folder's rule: each header it replaces is detached, then set again, under the same name.
fn override_rule(o: &Override) -> Rule {
    let mut detach = Vec::new();
    let mut set = Vec::new();
    for (name, value) in [
        ("Content-Security-Policy", &o.csp),
        ("Cross-Origin-Opener-Policy", &o.opener_policy),
        ("Cache-Control", &o.cache_control),
    ] {
        if let Some(v) = value {
            detach.push(name.to_string());
            set.push((name.to_string(), v.clone()));
        }
    }
    let folder = o.folder.trim_matches('/');
    let pattern = match (o.page, folder.is_empty()) {
        (true, true) => "/".to_string(),
        (true, false) => format!("/{folder}/"),
        (false, _) => format!("/{folder}/*"),
    };
    Rule {
        pattern,
        detach,
        set,
    }
}

/// The text of `_headers` for `rules`.
pub(crate) fn render(rules: &[Rule]) -> String {
    let mut out = String::from(
        "# Written by ocaq: caching and security headers for Cloudflare Pages and Netlify.\n\
         # One rule per kind of path; a folder's rule detaches (`! Name`, Cloudflare) and\n\
         # sets again what it changes, so no header is ever sent twice (docs/deploy.md).\n",
    );
    for rule in rules {
        out.push('\n');
        out.push_str(&rule.pattern);
        out.push('\n');
        for name in &rule.detach {
            out.push_str(&format!("  ! {name}\n"));
        }
        for (name, value) in &rule.set {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

/// Where `text` breaks a limit of the hosts, in plain words, one problem per line or per file.
pub(crate) fn limit_problems(text: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut rules = 0;
    for (i, line) in text.lines().enumerate() {
        // The runtime counts JavaScript string length, which is UTF-16 units.
        let length = line.encode_utf16().count();
        if length > MAX_LINE {
            problems.push(Diagnostic::error(
                "_headers",
                i + 1,
                0,
                format!(
                    "this line of `_headers` is {length} characters long; Cloudflare Pages ignores lines over {MAX_LINE} characters, so its header would not be sent"
                ),
                "shorten the header value (a Content-Security-Policy can often name fewer sources)",
            ));
        }
        if line.starts_with('/') {
            rules += 1;
            if rules == MAX_RULES + 1 {
                problems.push(Diagnostic::error(
                    "_headers",
                    i + 1,
                    0,
                    format!(
                        "`_headers` would have more than {MAX_RULES} rules; Cloudflare Pages reads {MAX_RULES} and skips the rest of the file from here"
                    ),
                    "give folders a shared rule instead of a rule each",
                ));
            }
        }
    }
    problems
}

/// The `_headers` file for `overrides`, or why a host would not apply it whole.
pub(crate) fn headers_file(overrides: &[Override]) -> Result<String, Vec<Diagnostic>> {
    let text = render(&rules(overrides));
    let problems = limit_problems(&text);
    if problems.is_empty() {
        Ok(text)
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a `_headers` rule matches on Cloudflare Pages: `*` any run of characters, `:name` one segment.
    fn cloudflare_matches(pattern: &str, path: &str) -> bool {
        fn go(p: &[u8], s: &[u8]) -> bool {
            match p.first() {
                None => s.is_empty(),
                Some(b'*') => (0..=s.len()).any(|i| go(&p[1..], &s[i..])),
                Some(b':') if p.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                    let rest = p[1..]
                        .iter()
                        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                        .map_or(&p[p.len()..], |i| &p[1 + i..]);
                    (1..=s.iter().position(|c| *c == b'/').unwrap_or(s.len()))
                        .any(|i| go(rest, &s[i..]))
                }
                Some(c) => s.first() == Some(c) && go(&p[1..], &s[1..]),
            }
        }
        go(pattern.as_bytes(), path.as_bytes())
    }

    /// The `_headers` values a response at `path` gets on Cloudflare Pages, as its
    /// asset server applies them: every matching rule in file order, `! Name`
    /// detaching what came before, a header set again appended after a comma.
    fn on_cloudflare(text: &str, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut matching = false;
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            if line.starts_with('/') {
                matching = cloudflare_matches(line.trim(), path);
                continue;
            }
            if !matching {
                continue;
            }
            if let Some(name) = line.trim().strip_prefix("! ") {
                out.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
            } else if let Some((name, value)) = line.trim().split_once(": ") {
                match out.iter_mut().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
                    Some(existing) => existing.1 = format!("{}, {value}", existing.1),
                    None => out.push((name.to_string(), value.to_string())),
                }
            }
        }
        out
    }

    /// The same on Netlify, as its own local emulation (`netlify dev`) applies
    /// them: lines without a colon are dropped by its parser, a path matches
    /// with or without a trailing slash, and a later matching rule's value
    /// replaces an earlier one's (header names compared as written).
    fn on_netlify(text: &str, path: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        let mut matching = false;
        let bare = path.trim_end_matches('/');
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            if line.starts_with('/') {
                let p = line.trim();
                matching = match p.strip_suffix('*') {
                    Some(prefix) => path.starts_with(prefix.trim_end_matches('/')),
                    None => p.trim_end_matches('/') == bare,
                };
            } else if let (true, Some((name, value))) = (matching, line.trim().split_once(':')) {
                match out.iter_mut().find(|(n, _)| n == name.trim()) {
                    Some(existing) => existing.1 = value.trim().to_string(),
                    None => out.push((name.trim().to_string(), value.trim().to_string())),
                }
            }
        }
        out
    }

    fn values<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
        headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every path of the 20,042-page benchmark site (benches/gen_site.py, 10,000
    /// pages a language): az at the root, en under /en/, 20 sections, plus what a
    /// build writes beside them.
    fn benchmark_paths() -> Vec<String> {
        let mut paths = vec![
            "/".to_string(),
            "/en/".into(),
            "/404.html".into(),
            "/en/404.html".into(),
            "/sitemap.xml".into(),
            "/robots.txt".into(),
            "/favicon.ico".into(),
            "/assets/style.3f2a9c1b.css".into(),
            "/assets/highlight.0a1b2c3d.css".into(),
            "/assets/img/children.1a2b3c4d.480.webp".into(),
            "/programmes/atom.xml".into(),
            "/en/programmes/atom.xml".into(),
            "/programmes/photo.jpg".into(),
        ];
        for lang in ["", "/en"] {
            for s in 0..20 {
                paths.push(format!("{lang}/section-{s}/"));
                for p in 0..500 {
                    paths.push(format!("{lang}/section-{s}/page-{p}/"));
                }
            }
        }
        paths
    }

    #[test]
    fn a_20042_page_site_gets_two_rules_and_every_path_each_header_once_on_both_hosts() {
        let text = headers_file(&default_overrides()).unwrap_or_default();
        let paths = benchmark_paths();
        assert!(paths.len() > 20_042, "{}", paths.len());
        assert_eq!(text.lines().filter(|l| l.starts_with('/')).count(), 2);
        assert!(text.len() < 1_000, "{} bytes", text.len());
        for path in &paths {
            let expected = if path.starts_with(ASSETS) {
                IMMUTABLE
            } else {
                HTML
            };
            for (host, got) in [
                ("Cloudflare", on_cloudflare(&text, path)),
                ("Netlify", on_netlify(&text, path)),
            ] {
                assert_eq!(values(&got, "Cache-Control"), [expected], "{host} {path}");
                assert_eq!(
                    values(&got, "Content-Security-Policy"),
                    [CSP],
                    "{host} {path}"
                );
                for (name, value) in SECURITY {
                    assert_eq!(values(&got, name), [*value], "{host} {path} {name}");
                }
            }
        }
    }

    #[test]
    fn without_the_detach_line_cloudflare_would_join_two_cache_controls() {
        let text = headers_file(&default_overrides())
            .unwrap_or_default()
            .replace("  ! Cache-Control\n", "");
        let got = on_cloudflare(&text, "/assets/style.3f2a9c1b.css");
        assert_eq!(
            values(&got, "Cache-Control"),
            [format!("{HTML}, {IMMUTABLE}").as_str()]
        );
    }

    #[test]
    fn the_csp_forbids_inline_code_plugins_and_framing() {
        for directive in [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(CSP.split("; ").any(|d| d == directive), "{directive}");
        }
        assert!(!CSP.contains("unsafe"));
    }

    #[test]
    fn a_folder_can_have_its_own_csp_and_cache_without_joining_either() {
        let mut overrides = default_overrides();
        let admin_csp =
            "default-src 'self'; script-src 'self' https://unpkg.com; frame-ancestors 'none'";
        overrides.push(Override {
            folder: "/admin/".into(),
            cache_control: None,
            csp: Some(admin_csp.into()),
            opener_policy: None,
            page: false,
        });
        overrides.push(Override {
            folder: "search".into(),
            cache_control: Some(IMMUTABLE.into()),
            csp: None,
            opener_policy: None,
            page: false,
        });
        let rules = rules(&overrides);
        let patterns: Vec<&str> = rules.iter().map(|r| r.pattern.as_str()).collect();
        assert_eq!(patterns, ["/*", "/admin/*", "/assets/*", "/search/*"]);
        let text = render(&rules);
        assert!(text.contains("/admin/*\n  ! Content-Security-Policy\n  Content-Security-Policy: "));
        for (host, got) in [
            ("Cloudflare", on_cloudflare(&text, "/admin/")),
            ("Netlify", on_netlify(&text, "/admin/")),
        ] {
            assert_eq!(
                values(&got, "Content-Security-Policy"),
                [admin_csp],
                "{host}"
            );
            assert_eq!(values(&got, "Cache-Control"), [HTML], "{host}");
        }
        for host_headers in [
            on_cloudflare(&text, "/search/az.0a1b2c3d.json"),
            on_netlify(&text, "/search/az.0a1b2c3d.json"),
        ] {
            assert_eq!(values(&host_headers, "Cache-Control"), [IMMUTABLE]);
            assert_eq!(values(&host_headers, "Content-Security-Policy"), [CSP]);
        }
        assert_eq!(
            values(
                &on_cloudflare(&text, "/administration/"),
                "Content-Security-Policy"
            ),
            [CSP]
        );
    }

    #[test]
    fn the_site_wide_rule_comes_first_so_a_detach_has_something_to_detach() {
        let rules = rules(&default_overrides());
        assert_eq!(rules[0].pattern, "/*");
        assert!(rules[0].detach.is_empty());
        assert_eq!(rules[1].detach, ["Cache-Control"]);
        assert_eq!(
            rules[1].set,
            [("Cache-Control".to_string(), IMMUTABLE.to_string())]
        );
    }

    #[test]
    fn limits_name_the_limit_and_the_line() {
        let long = Override {
            folder: "/admin/".into(),
            cache_control: None,
            csp: Some(format!(
                "default-src 'self' {}",
                "https://x.example ".repeat(120)
            )),
            opener_policy: None,
            page: false,
        };
        let problems = headers_file(&[long]).err().unwrap_or_default();
        assert_eq!(problems.len(), 1, "{problems:?}");
        let p = &problems[0];
        assert!(
            p.message.contains("2000") && p.message.contains("Cloudflare Pages"),
            "{}",
            p.message
        );
        assert_eq!(p.file, std::path::Path::new("_headers"));
        assert!(p.line > 10);

        let many: Vec<Override> = (0..100)
            .map(|i| Override {
                folder: format!("/f{i}/"),
                cache_control: Some(IMMUTABLE.into()),
                csp: None,
                opener_policy: None,
                page: false,
            })
            .collect();
        let problems = headers_file(&many).err().unwrap_or_default();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].message.contains("more than 100 rules"),
            "{}",
            problems[0].message
        );
        assert!(headers_file(&many[..99]).is_ok());
    }

    #[test]
    fn a_page_with_a_video_allows_its_player_there_and_nowhere_else() {
        let mut overrides = default_overrides();
        overrides.push(player_override(
            "/en/news/open-day/",
            &["https://www.youtube-nocookie.com"],
        ));
        overrides.push(player_override("/", &["https://player.vimeo.com"]));
        let text = headers_file(&overrides).unwrap_or_default();
        assert!(
            text.contains("\n/en/news/open-day/\n  ! Content-Security-Policy\n"),
            "{text}"
        );
        let with_player = format!("{CSP}; frame-src https://www.youtube-nocookie.com");
        for (host, got) in [
            ("Cloudflare", on_cloudflare(&text, "/en/news/open-day/")),
            ("Netlify", on_netlify(&text, "/en/news/open-day/")),
        ] {
            assert_eq!(
                values(&got, "Content-Security-Policy"),
                [with_player.as_str()],
                "{host}"
            );
            assert_eq!(values(&got, "Cache-Control"), [HTML], "{host}");
        }
        for path in [
            "/en/news/",
            "/en/news/open-day/photo.jpg",
            "/en/news/other/",
            "/en/",
        ] {
            for got in [on_cloudflare(&text, path), on_netlify(&text, path)] {
                assert_eq!(values(&got, "Content-Security-Policy"), [CSP], "{path}");
            }
        }
        let home = on_cloudflare(&text, "/");
        assert_eq!(
            values(&home, "Content-Security-Policy"),
            [format!("{CSP}; frame-src https://player.vimeo.com").as_str()]
        );
    }

    #[test]
    fn the_file_is_the_same_for_the_same_overrides_in_any_order() {
        let mut a = default_overrides();
        a.push(Override {
            folder: "/search/".into(),
            cache_control: Some(HTML.into()),
            csp: None,
            opener_policy: None,
            page: false,
        });
        let mut b = a.clone();
        b.reverse();
        assert_eq!(headers_file(&a), headers_file(&b));
    }
}
