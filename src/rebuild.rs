//! Rebuilds for `serve`: the last good site kept in memory, and edits to a
//! page re-rendering only that page and the pages that list or link to it.

use crate::build::{self, BuildError, BuildOptions, Loaded, Prepared, Sink};
use crate::content::{Content, SourcePage};
use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::front_matter::{FrontMatter, Located};
use crate::images::{self, Pictures};
use crate::markdown::LinkTarget;
use crate::render::{summary, Summary};
use crate::site::{self, Lookup, Site};
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
    prepared: Prepared,
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
) -> Result<(Files, Prepared), BuildError> {
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
    Ok((files, prepared))
}

/// True when two versions of a page's front matter give the site the same shape: the
/// same addresses, redirects, dates, order keys and template data beyond title and
/// description. Only then can an edit be applied to the site in place.
fn same_shape(a: &FrontMatter, b: &FrontMatter) -> bool {
    let value = |l: &Option<Located<String>>| l.as_ref().map(|x| x.value.clone());
    a.date == b.date
        && a.updated == b.updated
        && a.draft == b.draft
        && a.weight == b.weight
        && value(&a.slug) == value(&b.slug)
        && value(&a.template) == value(&b.template)
        && value(&a.image) == value(&b.image)
        && a.image_alt == b.image_alt
        && a.extra == b.extra
        && a.aliases
            .iter()
            .map(|x| &x.value)
            .eq(b.aliases.iter().map(|x| &x.value))
}

/// True when every image `new` shows was already shown by `old`, so no photo needs copies.
fn shows_no_new_image(old: &SourcePage, new: &SourcePage) -> bool {
    let targets = |p: &SourcePage| -> Vec<LinkTarget> {
        p.doc
            .images
            .iter()
            .filter_map(|im| p.doc.links.get(im.slot).map(|l| l.target.clone()))
            .collect()
    };
    let before = targets(old);
    targets(new).iter().all(|t| before.contains(t))
}

impl State {
    /// A full build into memory.
    pub fn build(opts: &BuildOptions) -> Result<(State, Outcome), BuildError> {
        let started = Instant::now();
        let loaded = build::load(opts)?;
        let all: Vec<usize> = (0..loaded.site.pages.len()).collect();
        let pictures = make_pictures(opts, &loaded, &Pictures::new())?;
        let (files, prepared) = render_into(opts, &loaded, pictures.clone(), &all, None)?;
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
                prepared,
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
        let in_place = replaced.values().all(|p| {
            old.get(&p.key, &p.lang).is_some_and(|o| {
                same_shape(&o.source.front, &p.front) && shows_no_new_image(&o.source, p)
            })
        });
        if in_place {
            return self.apply_in_place(replaced, started).map(Some);
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
        let (files, prepared) = render_into(
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
        self.prepared = prepared;
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

impl State {
    /// Applies edits that keep the site's shape (see [`same_shape`]) to the site in place:
    /// only the edited pages' links are resolved again and only what they affect is
    /// rendered, so a save costs about the same on a site of 20 pages or 20,000.
    fn apply_in_place(
        &mut self,
        replaced: HashMap<(String, String), SourcePage>,
        started: Instant,
    ) -> Result<Outcome, BuildError> {
        let site = &self.loaded.site;
        let lookup = Lookup {
            config: &site.config,
            index: &site.index,
            asset_urls: &site.asset_urls,
        };
        let mut diags = Vec::new();
        let mut updates = Vec::new();
        for (id, source) in replaced {
            let Some(&i) = site.index.get(&id) else {
                continue;
            };
            let (urls, targets) = lookup.links(&site.pages, &source, i, &mut diags);
            // Links from other pages to an anchor here must still find their heading.
            for &j in site.backlinks[i].iter().filter(|&&j| j != i) {
                let from = &site.pages[j];
                for (link, t) in from.source.doc.links.iter().zip(&from.link_targets) {
                    if *t != Some(i) {
                        continue;
                    }
                    if let LinkTarget::Page {
                        path,
                        anchor: Some(a),
                    } = &link.target
                    {
                        if !source.doc.headings.iter().any(|h| &h.id == a) {
                            diags.push(Diagnostic::error(
                                &from.source.file,
                                link.line,
                                link.column,
                                format!("`{path}` has no heading `#{a}`"),
                                "check the heading's id in that page (ids are made from heading text: `## Bizim tarix` → `#bizim-tarix`)",
                            ));
                        }
                    }
                }
            }
            updates.push((i, source, urls, targets));
        }
        if diags.iter().any(Diagnostic::is_error) {
            sort_and_dedup(&mut diags);
            return Err(BuildError::Content(diags));
        }

        // Nothing can fail from here on: change the site.
        let mut affected = BTreeSet::new();
        let mut relisted = false;
        let mut menu_changed = false;
        let site = &mut self.loaded.site;
        let files_changed: BTreeSet<PathBuf> = updates.iter().map(|u| u.1.file.clone()).collect();
        let edited: Vec<usize> = updates.iter().map(|u| u.0).collect();
        for (i, source, urls, targets) in updates {
            let before = summary(site, &site.pages[i]);
            for &t in site.pages[i].link_targets.iter().flatten() {
                site.backlinks[t].retain(|&j| j != i);
            }
            for &t in targets.iter().flatten() {
                if !site.backlinks[t].contains(&i) {
                    site.backlinks[t].push(i);
                }
            }
            let page = &mut site.pages[i];
            page.source = source;
            page.link_urls = urls;
            page.link_targets = targets;
            affected.insert(i);
            affected.extend(site.backlinks[i].iter().copied());
            let after = summary(site, &site.pages[i]);
            if listed_differently(&before, &after) {
                relisted = true;
                if let Some(p) = site.pages[i].parent {
                    // A title can decide the order of a section's list.
                    let mut kids = std::mem::take(&mut site.pages[p].children);
                    kids.sort_by(|&a, &b| site::display_order(&site.pages[a], &site.pages[b]));
                    site.pages[p].children = kids;
                }
                let weighted = site.pages[i].source.front.weight.is_some();
                menu_changed |= add_listings(site, i, weighted, &mut affected);
            }
        }
        self.loaded
            .warnings
            .retain(|w| !files_changed.contains(&w.file));
        self.loaded.warnings.extend(diags.iter().cloned());
        for &i in &edited {
            let doc = &self.loaded.site.pages[i].source.doc;
            self.loaded
                .warnings
                .extend(doc.diagnostics.iter().filter(|d| !d.is_error()).cloned());
        }
        sort_and_dedup(&mut self.loaded.warnings);
        if relisted {
            self.prepared = self.prepared.rebind(&self.loaded, &edited);
        }
        let affected: Vec<usize> = affected.into_iter().collect();
        let sink = MemorySink::default();
        let mut errors = build::render_pages(&self.loaded, &self.prepared, &affected, &sink);
        errors.extend(build::render_changed_extras(
            &self.loaded,
            &self.prepared,
            &affected,
            menu_changed,
            &sink,
        ));
        if errors.iter().any(Diagnostic::is_error) {
            // A template failed on the new text. The files served stay as they were; the
            // site already holds the new text, so the next save renders these pages again.
            sort_and_dedup(&mut errors);
            return Err(BuildError::Content(errors));
        }
        let mut files = (*self.files).clone();
        files.extend(sink.into_files());
        self.files = Arc::new(files);
        Ok(Outcome {
            rendered: affected
                .iter()
                .map(|&i| self.loaded.site.pages[i].url.clone())
                .collect(),
            total: self.loaded.site.pages.len(),
            elapsed: started.elapsed(),
            incremental: true,
            warnings: self.loaded.warnings.clone(),
        })
    }
}

/// True when an edit shows outside its page: in section lists, menus and feeds.
fn listed_differently(before: &Summary, after: &Summary) -> bool {
    before.title != after.title
        || before.description != after.description
        || before.date != after.date
        || before.weight != after.weight
        || before.extra != after.extra
}

/// Adds the pages that list page `i` to `out`: its sections up to the home page, and
/// every page of its language when it is a menu entry (`weighted`, under the home page).
/// Returns true in that last case: the menu changed.
fn add_listings(site: &Site, i: usize, weighted: bool, out: &mut BTreeSet<usize>) -> bool {
    let mut parent = site.pages[i].parent;
    while let Some(p) = parent {
        out.insert(p);
        parent = site.pages[p].parent;
    }
    let in_menu = weighted
        && site.pages[i]
            .parent
            .is_some_and(|p| site.pages[p].is_home());
    if in_menu {
        let lang = &site.pages[i].source.lang;
        out.extend(
            site.pages
                .iter()
                .enumerate()
                .filter(|(_, p)| &p.source.lang == lang)
                .map(|(j, _)| j),
        );
    }
    in_menu
}

/// Pages whose output can change when the pages `changed` were edited: the
/// pages themselves, pages linking to them, and — when a title, description,
/// date or weight changed — the sections listing them, the home page, and
/// every page of the language if the page is in the menu.
pub fn affected_pages(old: &Site, new: &Site, changed: &BTreeSet<(String, String)>) -> Vec<usize> {
    let mut out: BTreeSet<usize> = BTreeSet::new();
    for (key, lang) in changed {
        let Some(&i) = new.index.get(&(key.clone(), lang.clone())) else {
            continue;
        };
        out.insert(i);
        out.extend(new.backlinks[i].iter().copied());
        let (before, after) = (summary(old, &old.pages[i]), summary(new, &new.pages[i]));
        if listed_differently(&before, &after) {
            let weighted = before.weight.is_some() || after.weight.is_some();
            add_listings(new, i, weighted, &mut out);
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SITE: &str =
        "title: T\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\n";

    /// A first full build, which must succeed.
    fn start(opts: &BuildOptions) -> State {
        match State::build(opts) {
            Ok((state, _)) => state,
            Err(e) => panic!("{:?}", e.diagnostics()),
        }
    }

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
        // The page itself, and the page that links to it: /a/ links to the Azerbaijani b,
        // which did not change, so it is left alone.
        assert_eq!(rendered, vec!["/en/a/", "/en/news/b/"]);
        let html = String::from_utf8_lossy(&state.files()["en/news/b/index.html"]).into_owned();
        assert!(html.contains("New text."));
    }

    #[test]
    fn a_new_title_also_re_renders_the_section_that_lists_it() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        let mut state = start(&opts);
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
    fn edits_applied_in_place_give_the_same_files_as_a_fresh_build() {
        let dir = site();
        for lang in ["az", "en"] {
            write(
                dir.path(),
                &format!("content/about.{lang}.md"),
                "---\ntitle: About\nweight: 1\n---\nIn the menu.\n",
            );
        }
        let opts = BuildOptions::new(dir.path());
        let mut state = start(&opts);
        // A body edit, a title that moves the page to the top of its list, a new heading.
        let edits = [
            (
                "content/news/b.en.md",
                "---\ntitle: b\ndescription: About b.\n---\n## Fresh\n\nNew.\n",
            ),
            (
                "content/news/c.az.md",
                "---\ntitle: A first\ndescription: Təzə.\n---\nText c.\n",
            ),
            (
                "content/a.en.md",
                "---\ntitle: A\n---\nSee [b](news/b.md#fresh).\n",
            ),
            // A menu entry renamed: every English page and the English 404 change.
            (
                "content/about.en.md",
                "---\ntitle: Who we are\nweight: 1\n---\nIn the menu.\n",
            ),
        ];
        for (rel, text) in edits {
            write(dir.path(), rel, text);
            let out = state
                .rebuild(&[dir.path().join(rel)])
                .unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
            assert!(out.incremental, "{rel}");
            assert!(out.rendered.len() < out.total, "{rel}: {:?}", out.rendered);
        }
        for page in ["en/index.html", "en/404.html", "en/news/b/index.html"] {
            let html = String::from_utf8_lossy(&state.files()[page]).into_owned();
            assert!(html.contains("Who we are"), "{page} keeps the old menu");
        }
        let fresh = start(&opts);
        let (now, want) = (state.files(), fresh.files());
        let mut names: Vec<&String> = want.keys().collect();
        names.sort();
        assert_eq!(now.len(), want.len());
        for name in names {
            assert_eq!(
                String::from_utf8_lossy(&now[name]),
                String::from_utf8_lossy(&want[name]),
                "{name} differs from a fresh build"
            );
        }
    }

    #[test]
    fn removing_a_heading_another_page_links_to_is_an_error_there() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        write(
            dir.path(),
            "content/news/b.en.md",
            "---\ntitle: b\ndescription: About b.\n---\n## Fresh\n\nNew.\n",
        );
        write(
            dir.path(),
            "content/a.en.md",
            "---\ntitle: A\n---\nSee [b](news/b.md#fresh).\n",
        );
        let mut state = start(&opts);
        let before = state.files();
        write(
            dir.path(),
            "content/news/b.en.md",
            "---\ntitle: b\ndescription: About b.\n---\n## Renamed\n\nNew.\n",
        );
        let err = match state.rebuild(&[dir.path().join("content/news/b.en.md")]) {
            Ok(o) => panic!("the broken anchor was accepted: {:?}", o.rendered),
            Err(e) => e,
        };
        let d = &err.diagnostics()[0];
        assert_eq!(d.file, Path::new("content/a.en.md"));
        assert_eq!(d.line, 4);
        assert!(d.message.contains("#fresh"), "{}", d.message);
        assert_eq!(
            state.files()["en/news/b/index.html"],
            before["en/news/b/index.html"]
        );
    }

    #[test]
    fn a_broken_edit_keeps_the_last_good_files() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        let mut state = start(&opts);
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
