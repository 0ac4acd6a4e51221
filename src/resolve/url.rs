//! Addresses: the URL of a page in its language, and the page a `.md` link names.

use crate::load::config::Config;
use crate::load::page::SourcePage;
use crate::slug::slugify;

/// The page with a key in a language, if there is one.
pub(crate) type Find<'a> = dyn Fn(&str, &str) -> Option<&'a SourcePage> + Sync + 'a;

/// The URL segment of a folder in a language: its `_index` slug there, else its name.
fn folder_segment(find: &Find<'_>, folder_key: &str, lang: &str) -> String {
    let name = folder_key.rsplit('/').next().unwrap_or(folder_key);
    let own = find(&format!("{folder_key}/_index"), lang).and_then(|p| p.front.slug.as_ref());
    own.map(|s| s.value.clone())
        .unwrap_or_else(|| slug_or_name(name))
}

/// The slug of a name, or the name itself when it has no letter or digit to slug.
fn slug_or_name(name: &str) -> String {
    let s = slugify(name);
    if s.is_empty() {
        name.to_string()
    } else {
        s
    }
}

/// The folder segments of a page in its language, from `content/` down.
pub(crate) fn folder_segments(find: &Find<'_>, page: &SourcePage) -> Vec<String> {
    let dir = if page.is_section {
        page.key.strip_suffix("/_index").unwrap_or("")
    } else {
        page.dir()
    };
    let mut segs = Vec::new();
    let mut acc = String::new();
    for part in dir.split('/').filter(|s| !s.is_empty()) {
        if !acc.is_empty() {
            acc.push('/');
        }
        acc.push_str(part);
        segs.push(folder_segment(find, &acc, &page.lang));
    }
    segs
}

/// The URL path of a page: language root, folder segments, slug, `/`.
pub(crate) fn page_url(config: &Config, page: &SourcePage, folder_segments: &[String]) -> String {
    let mut url = config.language_root(&page.lang);
    for seg in folder_segments {
        url.push_str(seg);
        url.push('/');
    }
    if !page.is_section {
        let base = page.key.rsplit('/').next().unwrap_or(&page.key);
        let slug = match &page.front.slug {
            Some(s) => s.value.clone(),
            None => slug_or_name(base),
        };
        url.push_str(&slug);
        url.push('/');
    }
    url
}

/// Normalizes `a/b/../c` to `a/c`; `None` when it climbs above the root.
pub(crate) fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Resolves a `.md` link path written in page `from_dir` to (key, explicit language).
pub(crate) fn link_key(
    from_dir: &str,
    path: &str,
    languages: &[String],
) -> Option<(String, Option<String>)> {
    // `normalize` drops empty segments, so a page at the content root needs no case.
    let joined = match path.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{from_dir}/{path}"),
    };
    let normalized = normalize(&joined)?;
    let stem = normalized.strip_suffix(".md")?;
    if let Some((base, lang)) = stem.rsplit_once('.') {
        if languages.iter().any(|l| l == lang) {
            return Some((base.to_string(), Some(lang.to_string())));
        }
    }
    Some((stem.to_string(), None))
}

/// The site path an alias is published at: a folder (`/old` → `/old/`) unless it
/// names a file (`/old.html`).
pub(crate) fn alias_path(alias: &str) -> String {
    let last = alias.rsplit('/').next().unwrap_or("");
    if alias.ends_with('/') || !last.contains('.') {
        format!("{}/", alias.trim_end_matches('/'))
    } else {
        alias.to_string()
    }
}

/// The file written at an alias's site path (`/old/` → `/old/index.html`).
pub(crate) fn alias_file(path: &str) -> String {
    if path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_resolves_dots_and_refuses_climbing_out() {
        assert_eq!(normalize("a/./b/../c.md"), Some("a/c.md".into()));
        assert_eq!(normalize("../x.md"), None);
    }

    #[test]
    fn link_keys_are_relative_to_the_file_or_the_content_root() {
        let langs = vec!["az".to_string(), "en".to_string()];
        assert_eq!(
            link_key("programmes", "short-term-care.md", &langs),
            Some(("programmes/short-term-care".into(), None))
        );
        assert_eq!(
            link_key("programmes", "../about.md", &langs),
            Some(("about".into(), None))
        );
        assert_eq!(
            link_key("news", "/programmes/_index.md", &langs),
            Some(("programmes/_index".into(), None))
        );
        assert_eq!(
            link_key("", "about.en.md", &langs),
            Some(("about".into(), Some("en".into())))
        );
        assert_eq!(link_key("", "about.txt", &langs), None);
        // A dot in a name is not a language unless the site has that language.
        assert_eq!(
            link_key("", "report-1.2.md", &langs),
            Some(("report-1.2".into(), None))
        );
        assert_eq!(
            link_key("", "about.ru.md", &langs),
            Some(("about.ru".into(), None))
        );
    }

    fn source(key: &str, lang: &str, is_section: bool, slug: Option<&str>) -> SourcePage {
        SourcePage {
            file: format!("content/{key}.{lang}.md").into(),
            key: key.into(),
            lang: lang.into(),
            is_section,
            front: crate::load::front_matter::FrontMatter {
                slug: slug.map(|s| crate::load::front_matter::Located {
                    value: s.into(),
                    line: 2,
                    column: 7,
                }),
                ..Default::default()
            },
            doc: crate::markdown::Outline::default(),
            body: String::new(),
            stamp: Default::default(),
            body_line: 3,
        }
    }

    #[test]
    fn each_folder_takes_its_own_slug_in_the_page_language() {
        let pages = [
            source("programmes/_index", "az", true, Some("proqramlar")),
            source("programmes/youth/_index", "az", true, Some("gencler")),
            source("programmes/youth/_index", "en", true, None),
            source("programmes/youth/house", "az", false, None),
            source("programmes/youth/house", "en", false, None),
        ];
        let find = |key: &str, lang: &str| pages.iter().find(|p| p.key == key && p.lang == lang);
        assert_eq!(folder_segments(&find, &pages[3]), ["proqramlar", "gencler"]);
        // No English `_index` slug for either folder: their names.
        assert_eq!(folder_segments(&find, &pages[4]), ["programmes", "youth"]);
        // A section's own folder is part of its address.
        assert_eq!(folder_segments(&find, &pages[1]), ["proqramlar", "gencler"]);
    }

    #[test]
    fn aliases_are_written_as_folders_unless_they_name_a_file() {
        assert_eq!(alias_file(&alias_path("/old/")), "/old/index.html");
        assert_eq!(alias_path("/old"), "/old/");
        assert_eq!(alias_file(&alias_path("/old")), "/old/index.html");
        assert_eq!(alias_file(&alias_path("/old/page.html")), "/old/page.html");
    }
}
