//! The `_redirects` file: every alias a permanent (301) redirect to its page,
//! for the hosts that read it (Cloudflare Pages, Netlify). The small HTML
//! redirect pages stay beside it for hosts that do not.
//!
//! Every line is a static redirect (a fixed path, no `*` or `:name`): Cloudflare
//! Pages takes up to 2,000 of those but only 100 with patterns, and checks them
//! before it looks for a file, so its 301 wins over the HTML page at the same
//! address. Netlify serves an existing file before an unforced rule
//! ("shadowing"), so there the HTML page answers; see docs/deploy.md.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Cloudflare Pages applies at most this many static redirects and skips the rest.
pub(crate) const MAX_STATIC: usize = 2_000;
/// Cloudflare Pages' documented limit for one redirect line, in characters.
pub(crate) const MAX_LINE: usize = 1_000;

/// An alias of a page: the old address, the page it leads to, and where it was declared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alias {
    /// Site path the alias page is written at: `/old/page/`, `/old.html`.
    pub(crate) from: String,
    /// Site path of the page: `/en/about/`.
    pub(crate) to: String,
    /// Content file whose front matter lists the alias.
    pub(crate) file: PathBuf,
    /// 1-based line of the alias in that file.
    pub(crate) line: usize,
    /// 1-based column of the alias in that file.
    pub(crate) column: usize,
}

/// The `_redirects` text for `aliases`, or every reason a host would not apply it whole.
pub(crate) fn redirects_file(aliases: &[Alias]) -> Result<String, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    // Sorted by address, so the file is the same whatever order pages were read in.
    let mut by_source: BTreeMap<String, &Alias> = BTreeMap::new();
    for alias in aliases {
        if let Some(what) = pattern_syntax(&alias.from) {
            problems.push(at(
                alias,
                format!(
                    "the alias `{}` contains {what}, which Cloudflare Pages and Netlify read as a pattern in `_redirects`",
                    alias.from
                ),
                "an alias is one old address, not a pattern: remove this one (the host's own redirect settings take patterns)",
            ));
            continue;
        }
        // One address, one page: resolve refuses the rest.
        by_source.entry(encode_path(&alias.from)).or_insert(alias);
    }
    let mut text = String::from(
        "# Written by ocaq: each alias is a permanent redirect to its page (docs/deploy.md).\n",
    );
    for (n, (from, alias)) in by_source.iter().enumerate() {
        let line = format!("{from} {} 301", encode_path(&alias.to));
        let length = line.chars().count();
        if length > MAX_LINE {
            problems.push(at(
                alias,
                format!(
                    "the redirect for the alias `{}` is {length} characters long; Cloudflare Pages allows {MAX_LINE} a line and would ignore it",
                    alias.from
                ),
                "shorten the alias",
            ));
        }
        if n == MAX_STATIC {
            let over = by_source.len() - MAX_STATIC;
            problems.push(at(
                alias,
                format!(
                    "the site has {} aliases; Cloudflare Pages applies {MAX_STATIC} redirects and skips the rest, so {over} would not redirect, starting with this one (in address order)",
                    by_source.len()
                ),
                "remove aliases of addresses nobody visits any more",
            ));
        }
        text.push_str(&line);
        text.push('\n');
    }
    if problems.is_empty() {
        Ok(text)
    } else {
        Err(problems)
    }
}

/// An error located at the alias in its content file.
fn at(alias: &Alias, message: String, hint: &str) -> Diagnostic {
    Diagnostic::error(&alias.file, alias.line, alias.column, message, hint)
}

/// What in `path` the hosts would read as a pattern: a splat `*`, or a placeholder `:name`.
fn pattern_syntax(path: &str) -> Option<&'static str> {
    if path.contains('*') {
        return Some("`*`");
    }
    // Cloudflare takes `:` followed by a letter anywhere as a placeholder, not only at a segment's start.
    let bytes = path.as_bytes();
    bytes
        .windows(2)
        .any(|w| w[0] == b':' && w[1].is_ascii_alphabetic())
        .then_some("`:` before a letter")
}

/// A site path as a `_redirects` line needs it: whitespace, non-ASCII and
/// the characters a browser would escape are percent-encoded, as both hosts
/// compare the address the browser sends, and whitespace separates the fields.
pub(crate) fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        // WHATWG's path percent-encode set, plus `%` itself: an alias names a file, not an escape.
        let escape = b <= b' '
            || b >= 0x7f
            || matches!(
                b,
                b'"' | b'#' | b'<' | b'>' | b'?' | b'`' | b'{' | b'}' | b'%'
            );
        if escape {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push(char::from(b));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn alias(from: &str, to: &str, file: &str, line: usize) -> Alias {
        Alias {
            from: from.into(),
            to: to.into(),
            file: file.into(),
            line,
            column: 3,
        }
    }

    fn rules(text: &str) -> Vec<&str> {
        text.lines().filter(|l| !l.starts_with('#')).collect()
    }

    #[test]
    fn each_alias_is_one_301_line_sorted_by_address() {
        let text = redirects_file(&[
            alias("/kohne/", "/haqqimizda/", "content/about.az.md", 4),
            alias("/old-about.html", "/en/about/", "content/about.en.md", 5),
            alias("/en/old/", "/en/about/", "content/about.en.md", 6),
        ])
        .unwrap_or_default();
        assert!(text.starts_with("# Written by ocaq"), "{text}");
        assert_eq!(
            rules(&text),
            [
                "/en/old/ /en/about/ 301",
                "/kohne/ /haqqimizda/ 301",
                "/old-about.html /en/about/ 301",
            ]
        );
        assert_eq!(redirects_file(&[]).map(|t| rules(&t).len()), Ok(0));
    }

    #[test]
    fn addresses_are_percent_encoded_so_whitespace_cannot_split_a_line() {
        let text =
            redirects_file(&[alias("/köhnə səhifə/", "/en/a/", "a.md", 1)]).unwrap_or_default();
        assert_eq!(
            rules(&text),
            ["/k%C3%B6hn%C9%99%20s%C9%99hif%C9%99/ /en/a/ 301"]
        );
        assert_eq!(encode_path("/a%b/\"x\"/"), "/a%25b/%22x%22/");
        assert_eq!(encode_path("/plain-path_1.html"), "/plain-path_1.html");
    }

    #[test]
    fn an_alias_the_hosts_would_read_as_a_pattern_is_refused_where_it_is_declared() {
        let errors = redirects_file(&[
            alias("/old/*", "/a/", "content/a.az.md", 7),
            alias("/wiki/Special:Page/", "/b/", "content/b.az.md", 8),
            alias("/time/10:30/", "/c/", "content/c.az.md", 9),
        ])
        .err()
        .unwrap_or_default();
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert_eq!(errors[0].file, Path::new("content/a.az.md"));
        assert_eq!((errors[0].line, errors[0].column), (7, 3));
        assert!(errors[0].message.contains("`*`"), "{}", errors[0].message);
        assert!(
            errors[1].message.contains("`:` before a letter"),
            "{}",
            errors[1].message
        );
    }

    #[test]
    fn more_aliases_than_cloudflare_applies_is_an_error_naming_the_limit_and_the_first_alias_over_it(
    ) {
        let many: Vec<Alias> = (0..=MAX_STATIC)
            .map(|i| alias(&format!("/old/{i:05}/"), "/a/", "content/a.az.md", i + 1))
            .collect();
        assert!(redirects_file(&many[..MAX_STATIC]).is_ok());
        let errors = redirects_file(&many).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, MAX_STATIC + 1);
        assert!(
            errors[0].message.contains("2001 aliases")
                && errors[0].message.contains("applies 2000 redirects")
                && errors[0].message.contains("so 1 would not redirect"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn a_line_over_cloudflares_length_limit_is_an_error_at_its_alias() {
        let long = format!("/{}/", "a".repeat(MAX_LINE));
        let errors = redirects_file(&[alias(&long, "/a/", "content/a.az.md", 2)])
            .err()
            .unwrap_or_default();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 2);
        assert!(
            errors[0].message.contains("1000 a line"),
            "{}",
            errors[0].message
        );
    }
}
