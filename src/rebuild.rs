//! Rebuilds for `serve`: the last good site kept in memory, and edits to a
//! page re-rendering only that page and the pages that list or link to it.

use crate::build::{self, BuildError, BuildOptions, Loaded, Sink};
use crate::content::Content;
use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::images::{self, Pictures};
use crate::markdown::LinkTarget;
use crate::render::summary;
use crate::site::{self, link_key, Site};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The files of a built site, by site path (`en/about/index.html`).
pub type Files = HashMap<String, Arc<Vec<u8>>>;

/// A sink that keeps the rendered files in memory.
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<Files>,
}

impl MemorySink {
    /// The files written so far.
    pub fn into_files(self) -> Files {
        self.files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl Sink for MemorySink {
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

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// Pages rendered again.
    pub rendered: Vec<String>,
    /// Pages in the site.
    pub total: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// True when only part of the site was rebuilt.
    pub incremental: bool,
    /// Warnings of the new build.
    pub warnings: Vec<Diagnostic>,
}

/// The last good build, ready to be served and updated.
pub struct State {
    opts: BuildOptions,
    loaded: Loaded,
    files: Arc<Files>,
    pictures: Arc<Pictures>,
}

/// Makes the copies of the site's photos; `known` are kept as they are.
fn make_pictures(
    opts: &BuildOptions,
    loaded: &Loaded,
    known: &Pictures,
) -> Result<Arc<Pictures>, BuildError> {
    let (pictures, _, mut errors) =
        images::process(&opts.root, &loaded.site, images::Work::Publish, known);
    if errors.is_empty() {
        Ok(Arc::new(pictures))
    } else {
        sort_and_dedup(&mut errors);
        Err(BuildError::Content(errors))
    }
}

fn render_into(
    opts: &BuildOptions,
    loaded: &Loaded,
    pictures: Arc<Pictures>,
    indices: &[usize],
    base: Option<&Files>,
) -> Result<Files, BuildError> {
    let prepared = build::prepare(opts, loaded, pictures).map_err(BuildError::Content)?;
    let sink = MemorySink::default();
    let mut errors = build::render_pages(loaded, &prepared, indices, &sink);
    errors.extend(build::render_extras(loaded, &prepared, &sink).1);
    if errors.iter().any(Diagnostic::is_error) {
        sort_and_dedup(&mut errors);
        return Err(BuildError::Content(errors));
    }
    let mut files = base.cloned().unwrap_or_default();
    files.extend(sink.into_files());
    Ok(files)
}

impl State {
    /// A full build into memory.
    pub fn build(opts: &BuildOptions) -> Result<(State, Outcome), BuildError> {
        let started = Instant::now();
        let loaded = build::load(opts)?;
        let all: Vec<usize> = (0..loaded.site.pages.len()).collect();
        let pictures = make_pictures(opts, &loaded, &Pictures::new())?;
        let files = render_into(opts, &loaded, pictures.clone(), &all, None)?;
        let outcome = Outcome {
            rendered: loaded.site.pages.iter().map(|p| p.url.clone()).collect(),
            total: loaded.site.pages.len(),
            elapsed: started.elapsed(),
            incremental: false,
            warnings: loaded.warnings.clone(),
        };
        Ok((
            State {
                opts: opts.clone(),
                loaded,
                files: Arc::new(files),
                pictures,
            },
            outcome,
        ))
    }

    /// The files of the last good build.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    /// The site of the last good build.
    pub fn site(&self) -> &Site {
        &self.loaded.site
    }

    /// Rebuilds after `changed` paths changed; on error the state is left as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Outcome, BuildError> {
        let started = Instant::now();
        if let Some(outcome) = self.try_incremental(changed, started)? {
            return Ok(outcome);
        }
        let (state, mut outcome) = State::build(&self.opts)?;
        *self = state;
        outcome.elapsed = started.elapsed();
        Ok(outcome)
    }

    /// An edit to existing pages' Markdown: reload them, resolve again, render what they affect.
    /// `Ok(None)` means the change needs a full rebuild.
    fn try_incremental(
        &mut self,
        changed: &[PathBuf],
        started: Instant,
    ) -> Result<Option<Outcome>, BuildError> {
        let content_dir = self.opts.root.join("content");
        let is_page = |p: &PathBuf| {
            p.starts_with(&content_dir) && p.extension().is_some_and(|e| e == "md") && p.is_file()
        };
        if changed.is_empty() || !changed.iter().all(is_page) {
            return Ok(None);
        }
        let old = &self.loaded.site;
        let mut replaced: HashMap<(String, String), crate::content::SourcePage> = HashMap::new();
        let mut errors = Vec::new();
        for path in changed {
            match self.loaded.reload_page(&self.opts, path) {
                Ok(Some(page)) => {
                    if !old
                        .index
                        .contains_key(&(page.key.clone(), page.lang.clone()))
                    {
                        return Ok(None);
                    }
                    errors.extend(
                        page.doc
                            .diagnostics
                            .iter()
                            .filter(|d| d.is_error())
                            .cloned(),
                    );
                    replaced.insert((page.key.clone(), page.lang.clone()), page);
                }
                // A page that became a draft, or is not a page: the set of pages changes.
                Ok(None) => return Ok(None),
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            sort_and_dedup(&mut errors);
            return Err(BuildError::Content(errors));
        }
        let changed_keys: BTreeSet<(String, String)> = replaced.keys().cloned().collect();
        let mut content = Content::default();
        for p in &old.pages {
            let id = (p.source.key.clone(), p.source.lang.clone());
            content
                .pages
                .push(replaced.remove(&id).unwrap_or_else(|| p.source.clone()));
        }
        content.assets = old.assets.iter().map(|(a, _)| a.clone()).collect();
        let mut diags = Vec::new();
        let new_site = site::resolve(old.config.clone(), content, &mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            sort_and_dedup(&mut diags);
            return Err(BuildError::Content(diags));
        }
        let same_urls = new_site.pages.len() == old.pages.len()
            && new_site
                .pages
                .iter()
                .zip(&old.pages)
                .all(|(a, b)| a.url == b.url && a.source.key == b.source.key);
        if !same_urls {
            return Ok(None);
        }
        let affected = affected_pages(old, &new_site, &changed_keys);
        let loaded = Loaded {
            site: new_site,
            locales: self.loaded.locales.clone(),
            theme: self.loaded.theme.clone(),
            warnings: diags.clone(),
            highlighter: self.loaded.highlighter.clone(),
            statistics: self.loaded.statistics.clone(),
        };
        // Only Markdown changed: the photos are the same files, so their copies are kept;
        // a photo newly shown by an edited page is made now.
        let pictures = make_pictures(&self.opts, &loaded, &self.pictures)?;
        let files = render_into(
            &self.opts,
            &loaded,
            pictures.clone(),
            &affected,
            Some(&self.files),
        )?;
        let rendered = affected
            .iter()
            .map(|&i| loaded.site.pages[i].url.clone())
            .collect();
        let total = loaded.site.pages.len();
        self.loaded = loaded;
        self.files = Arc::new(files);
        self.pictures = pictures;
        sort_and_dedup(&mut diags);
        Ok(Some(Outcome {
            rendered,
            total,
            elapsed: started.elapsed(),
            incremental: true,
            warnings: diags,
        }))
    }
}

/// Pages whose output can change when the pages `changed` were edited: the
/// pages themselves, pages linking to them, and — when a title, description,
/// date or weight changed — the sections listing them, the home page, and
/// every page of the language if the page is in the menu.
pub fn affected_pages(old: &Site, new: &Site, changed: &BTreeSet<(String, String)>) -> Vec<usize> {
    let mut out: BTreeSet<usize> = BTreeSet::new();
    let changed_keys: BTreeSet<&str> = changed.iter().map(|(k, _)| k.as_str()).collect();
    for (key, lang) in changed {
        let Some(&i) = new.index.get(&(key.clone(), lang.clone())) else {
            continue;
        };
        out.insert(i);
        let (before, after) = (summary(old, &old.pages[i]), summary(new, &new.pages[i]));
        let listed_differently = before.title != after.title
            || before.description != after.description
            || before.date != after.date
            || before.weight != after.weight
            || before.extra != after.extra;
        if listed_differently {
            let mut parent = new.pages[i].parent;
            while let Some(p) = parent {
                out.insert(p);
                parent = new.pages[p].parent;
            }
            let in_menu = new.pages[i].parent.is_some_and(|p| new.pages[p].is_home())
                && (before.weight.is_some() || after.weight.is_some());
            if in_menu {
                out.extend(
                    new.pages
                        .iter()
                        .enumerate()
                        .filter(|(_, p)| &p.source.lang == lang)
                        .map(|(j, _)| j),
                );
            }
        }
    }
    for (j, page) in new.pages.iter().enumerate() {
        let links_here = page.source.doc.links.iter().any(|l| match &l.target {
            LinkTarget::Page { path, .. } => {
                link_key(&page.source.dir, path, &new.config.languages)
                    .is_some_and(|(k, _)| changed_keys.contains(k.as_str()))
            }
            _ => false,
        });
        if links_here {
            out.insert(j);
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str =
        "title: T\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\n";

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap_or_default();
        }
        std::fs::write(p, text).unwrap_or_else(|e| panic!("{rel}: {e}"));
    }

    /// A small site on disk with the repository's theme and locales.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for sub in ["themes", "locales"] {
            for e in walkdir::WalkDir::new(repo.join(sub))
                .into_iter()
                .filter_map(Result::ok)
            {
                let rel = e.path().strip_prefix(repo).unwrap_or(e.path());
                if e.file_type().is_file() {
                    write(
                        dir.path(),
                        &rel.to_string_lossy(),
                        &std::fs::read_to_string(e.path()).unwrap_or_default(),
                    );
                }
            }
        }
        write(dir.path(), "site.yaml", SITE);
        for lang in ["az", "en"] {
            write(
                dir.path(),
                &format!("content/_index.{lang}.md"),
                "---\ntitle: Home\n---\nSee [a](a.md).\n",
            );
            write(
                dir.path(),
                &format!("content/news/_index.{lang}.md"),
                "---\ntitle: News\n---\n",
            );
            for n in ["a", "b", "c"] {
                let fm = format!("---\ntitle: {n}\ndescription: About {n}.\n---\nText {n}.\n");
                write(dir.path(), &format!("content/news/{n}.{lang}.md"), &fm);
            }
            write(
                dir.path(),
                &format!("content/a.{lang}.md"),
                "---\ntitle: A\n---\nSee [b](news/b.md).\n",
            );
            write(
                dir.path(),
                &format!("content/other.{lang}.md"),
                "---\ntitle: Other\n---\nAlone.\n",
            );
        }
        dir
    }

    #[test]
    fn editing_a_page_body_re_renders_it_and_the_pages_linking_to_it_only() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        let (mut state, first) =
            State::build(&opts).unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
        assert_eq!(first.total, 14);
        write(
            dir.path(),
            "content/news/b.en.md",
            "---\ntitle: b\ndescription: About b.\n---\nNew text.\n",
        );
        let out = state
            .rebuild(&[dir.path().join("content/news/b.en.md")])
            .unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
        assert!(out.incremental);
        let mut rendered = out.rendered.clone();
        rendered.sort();
        // The page itself, and "a" pages that link to it (in both languages, since links name no language).
        assert_eq!(rendered, vec!["/a/", "/en/a/", "/en/news/b/"]);
        let html = String::from_utf8_lossy(&state.files()["en/news/b/index.html"]).into_owned();
        assert!(html.contains("New text."));
    }

    #[test]
    fn a_new_title_also_re_renders_the_section_that_lists_it() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        let (mut state, _) =
            State::build(&opts).unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
        write(
            dir.path(),
            "content/news/c.az.md",
            "---\ntitle: Yeni başlıq\ndescription: About c.\n---\nText c.\n",
        );
        let out = state
            .rebuild(&[dir.path().join("content/news/c.az.md")])
            .unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
        let mut rendered = out.rendered.clone();
        rendered.sort();
        assert_eq!(rendered, vec!["/", "/news/", "/news/c/"]);
        let listing = String::from_utf8_lossy(&state.files()["news/index.html"]).into_owned();
        assert!(listing.contains("Yeni başlıq"));
    }

    #[test]
    fn a_broken_edit_keeps_the_last_good_files() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        let (mut state, _) =
            State::build(&opts).unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
        let before = state.files();
        write(
            dir.path(),
            "content/other.en.md",
            "---\ntitle: Other\nSee [x](missing.md)\n",
        );
        assert!(state
            .rebuild(&[dir.path().join("content/other.en.md")])
            .is_err());
        assert!(Arc::ptr_eq(&before, &state.files()));
    }
}
