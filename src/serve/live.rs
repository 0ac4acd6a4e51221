//! The live site of `serve`: the last good build kept in memory, and an edit
//! re-rendering only the pages it affects (the edited page, the pages linking
//! to it, and its listings when it shows in them).

use crate::diagnostic::{BuildError, Diagnostic, Problems};
use crate::images;
use crate::load::page::{Content, SourcePage};
use crate::load::{self, Resources};
use crate::options::BuildOptions;
use crate::render::extras::Extras;
use crate::render::extras::Output;
use crate::render::search::index_files;
use crate::render::{Keep, Renderer};
use crate::resolve::edit::{self, Reach};
use crate::resolve::{self, Site};
use crate::run::{run, Afterwards, Built, Mode};
use crate::search::{search_folder, Prepared};
use crate::write::{Files, Memory};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
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
pub struct LiveSite {
    opts: BuildOptions,
    site: Site,
    resources: Resources,
    renderer: Renderer,
    warnings: Problems,
    files: Arc<Files>,
    /// Each indexed page's share of the search index, by page index, so that an edit
    /// updates its language's index without rendering every page again.
    search: BTreeMap<usize, Prepared>,
}

impl LiveSite {
    /// A full build into memory.
    pub fn build(opts: &BuildOptions) -> Result<(LiveSite, Rebuilt), BuildError> {
        let started = Instant::now();
        let sink = Memory::default();
        let Built {
            site,
            resources,
            renderer,
            mut problems,
            entries,
            ..
        } = run(opts, (Mode::Publish, Afterwards::Kept), &sink)?;
        problems.stop_if_errors()?;
        let rebuilt = Rebuilt {
            rendered: site.pages.iter().map(|p| p.url.clone()).collect(),
            total: site.pages.len(),
            elapsed: started.elapsed(),
            incremental: false,
            warnings: problems.sorted(),
        };
        let mut live = LiveSite {
            opts: opts.clone(),
            site,
            resources,
            renderer,
            warnings: problems,
            files: Arc::new(sink.into_files()),
            search: entries.into_iter().collect(),
        };
        live.with_translations();
        Ok((live, rebuilt))
    }

    /// The files of the last good build.
    pub fn files(&self) -> Arc<Files> {
        self.files.clone()
    }

    /// Rebuilds after `changed` paths changed; on error the live site is left as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Rebuilt, BuildError> {
        let started = Instant::now();
        if let Some(rebuilt) = self.try_incremental(changed, started)? {
            return Ok(rebuilt);
        }
        let (live, mut rebuilt) = LiveSite::build(&self.opts)?;
        *self = live;
        rebuilt.elapsed = started.elapsed();
        Ok(rebuilt)
    }

    /// The edited pages, read again; `Ok(None)` when the change needs a full rebuild (a
    /// file that is not an existing page, a page that became a draft).
    fn reload(&self, changed: &[PathBuf]) -> Result<Option<Vec<SourcePage>>, BuildError> {
        let content_dir = self.opts.root.join("content");
        let is_page = |p: &PathBuf| {
            p.starts_with(&content_dir) && p.extension().is_some_and(|e| e == "md") && p.is_file()
        };
        if changed.is_empty() || !changed.iter().all(is_page) {
            return Ok(None);
        }
        let mut pages = Vec::new();
        let mut errors = Problems::default();
        for path in changed {
            match load::reload_page(&self.opts, &self.site.config, &self.resources, path) {
                Ok(Some(page)) => {
                    if self.site.get(&page.key, &page.lang).is_none() {
                        return Ok(None);
                    }
                    errors.extend(
                        page.doc
                            .diagnostics
                            .iter()
                            .filter(|d| d.is_error())
                            .cloned(),
                    );
                    pages.push(page);
                }
                // A page that became a draft: the set of pages changes.
                Ok(None) => return Ok(None),
                Err(e) => errors.extend(e),
            }
        }
        errors.stop_if_errors()?;
        Ok(Some(pages))
    }

    /// An edit to existing pages' Markdown: applied in place when it keeps the site's
    /// shape, else resolved again; `Ok(None)` means the change needs a full rebuild.
    fn try_incremental(
        &mut self,
        changed: &[PathBuf],
        started: Instant,
    ) -> Result<Option<Rebuilt>, BuildError> {
        let Some(pages) = self.reload(changed)? else {
            return Ok(None);
        };
        let reach = pages
            .iter()
            .filter_map(|p| Some(edit::reach(&self.site.get(&p.key, &p.lang)?.source, p)))
            .max()
            .unwrap_or(Reach::Page);
        if reach < Reach::Shape {
            return self.apply_in_place(pages, started).map(Some);
        }
        self.resolve_again(pages, started)
    }

    /// Edits that keep the site's shape, applied to the site in place: only the edited
    /// pages' links are resolved again and only what they affect is rendered, so a save
    /// costs about the same on a site of 20 pages or 20,000.
    fn apply_in_place(
        &mut self,
        pages: Vec<SourcePage>,
        started: Instant,
    ) -> Result<Rebuilt, BuildError> {
        let files_changed: BTreeSet<PathBuf> = pages.iter().map(|p| p.file.clone()).collect();
        let (changes, diags) =
            edit::apply_in_place(&mut self.site, pages, &self.resources.theme.fetched_pages())
                .map_err(|d| BuildError::Content(problems_of(d).into_sorted()))?;
        self.warnings.retain(|w| !files_changed.contains(&w.file));
        self.warnings.extend(diags);
        for &i in &changes.edited {
            let doc = &self.site.pages[i].source.doc;
            self.warnings
                .extend(doc.diagnostics.iter().filter(|d| !d.is_error()).cloned());
        }
        if changes.relisted {
            self.renderer = self
                .renderer
                .rebind(&self.site, &self.resources, &changes.edited);
        }
        let extras = Extras::Changed {
            pages: &changes.affected,
            menu_changed: changes.menu_changed,
        };
        // A template that fails on the new text leaves the files served as they were; the
        // site already holds the new text, so the next save renders these pages again.
        self.render(&changes.affected, extras)?;
        Ok(self.rebuilt(&changes.affected, started))
    }

    /// Edits that change the site's shape but keep every address: the site is resolved
    /// again and only the affected pages are rendered; `Ok(None)` when an address changed.
    fn resolve_again(
        &mut self,
        pages: Vec<SourcePage>,
        started: Instant,
    ) -> Result<Option<Rebuilt>, BuildError> {
        let old = &self.site;
        // A default-language page lends its shared keys (dates, weight, topics) to its
        // translations: they change with it.
        let config = &old.config;
        let changed_keys: BTreeSet<(String, String)> = pages
            .iter()
            .flat_map(|p| {
                let langs = if p.lang == config.default_language {
                    config.languages.clone()
                } else {
                    vec![p.lang.clone()]
                };
                langs.into_iter().map(|l| (p.key.clone(), l))
            })
            .collect();
        let mut replaced: HashMap<(String, String), SourcePage> = pages
            .into_iter()
            .map(|p| ((p.key.clone(), p.lang.clone()), p))
            .collect();
        let content = Content {
            pages: old
                .pages
                .iter()
                .map(|p| {
                    let id = (p.source.key.clone(), p.source.lang.clone());
                    replaced
                        .remove(&id)
                        .map_or_else(|| Box::new((*p.source).clone()), Box::new)
                })
                .collect(),
            assets: old.assets.iter().map(|(a, _)| a.clone()).collect(),
        };
        let mut problems = Problems::default();
        let new_site = resolve::resolve(old.config.clone(), content, &mut problems);
        problems.stop_if_errors()?;
        let same_urls = new_site.pages.len() == old.pages.len()
            && new_site
                .pages
                .iter()
                .zip(&old.pages)
                .all(|(a, b)| a.url == b.url && a.source.key == b.source.key);
        if !same_urls {
            return Ok(None);
        }
        let fetched = self.resources.theme.fetched_pages();
        let affected = edit::affected_pages((old, &new_site), &changed_keys, &fetched);
        // Only Markdown changed: the photos are the same files, so their copies are kept;
        // a photo newly shown by an edited page is made now.
        let known = self.renderer.pictures().clone();
        let (pictures, _) = images::process(
            &self.opts.root,
            &new_site,
            images::Work::Publish,
            &known,
            &mut problems,
        );
        problems.stop_if_errors()?;
        let renderer = Renderer::new(
            &new_site,
            &self.resources,
            Arc::new(pictures),
            self.opts.minify,
        );
        // Listing pages can go: a term no page lists any more, a list grown shorter.
        let gone: Vec<String> = {
            let before = self.renderer.listings().files(&self.site);
            let after = renderer.listings().files(&new_site);
            before.difference(&after).cloned().collect()
        };
        let previous = std::mem::replace(&mut self.site, new_site);
        let previous_renderer = std::mem::replace(&mut self.renderer, renderer);
        if let Err(e) = self.render(&affected, Extras::All) {
            self.site = previous;
            self.renderer = previous_renderer;
            return Err(e);
        }
        if !gone.is_empty() {
            let mut files = (*self.files).clone();
            for f in &gone {
                files.remove(f.trim_start_matches('/'));
            }
            self.files = Arc::new(files);
        }
        // The warnings of a full build: every page's own, and what resolving found.
        for p in &self.site.pages {
            problems.extend(
                p.source
                    .doc
                    .diagnostics
                    .iter()
                    .filter(|d| !d.is_error())
                    .cloned(),
            );
        }
        self.warnings = problems;
        Ok(Some(self.rebuilt(&affected, started)))
    }

    /// Renders the pages at `pages` and the `extras` into memory, over the last files;
    /// the search index of each language whose pages were rendered is made again.
    fn render(&mut self, pages: &[usize], extras: Extras<'_>) -> Result<(), BuildError> {
        let sink = Memory::default();
        let mut problems = Problems::default();
        let rendered = self.renderer.render(
            &self.site,
            &self.resources,
            (pages, extras, Keep::All),
            &sink,
            &mut problems,
        );
        problems.stop_if_errors()?;
        let mut files = (*self.files).clone();
        files.extend(sink.into_files());
        if !rendered.entries.is_empty() {
            let langs: BTreeSet<String> = rendered
                .entries
                .iter()
                .filter_map(|(i, _)| Some(self.site.pages.get(*i)?.source.lang.clone()))
                .collect();
            self.search.extend(rendered.entries);
            let entries: Vec<(usize, &Prepared)> =
                self.search.iter().map(|(i, p)| (*i, p)).collect();
            let (index, _) = index_files(&self.site, &entries, Some(&langs));
            // The old index of those languages is in a folder named by its hash: drop it.
            for lang in &langs {
                let old = format!("{}/", search_folder(lang));
                files.retain(|path, _| !path.starts_with(&old));
            }
            for output in index {
                if let Output::Bytes(path, bytes) = output {
                    files.insert(path, Arc::new(bytes));
                }
            }
        }
        self.files = Arc::new(files);
        self.with_translations();
        Ok(())
    }

    /// The translation status page among the files, as the site now is.
    fn with_translations(&mut self) {
        let mut files = (*self.files).clone();
        files.insert(
            super::translations::file(),
            Arc::new(super::translations::page(&self.site).into_bytes()),
        );
        self.files = Arc::new(files);
    }

    /// What a rebuild that rendered the pages at `rendered` did.
    fn rebuilt(&self, rendered: &[usize], started: Instant) -> Rebuilt {
        Rebuilt {
            rendered: rendered
                .iter()
                .map(|&i| self.site.pages[i].url.clone())
                .collect(),
            total: self.site.pages.len(),
            elapsed: started.elapsed(),
            incremental: true,
            warnings: self.warnings.sorted(),
        }
    }
}

/// A list of diagnostics as a collector.
fn problems_of(diags: Vec<Diagnostic>) -> Problems {
    let mut p = Problems::default();
    p.extend(diags);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SITE: &str =
        "title: T\nbase_url: https://e.org\ndefault_language: az\nlanguages: [az, en]\n";

    /// A first full build, which must succeed.
    fn start(opts: &BuildOptions) -> LiveSite {
        match LiveSite::build(opts) {
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
            LiveSite::build(&opts).unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
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
    fn edits_applied_in_place_give_the_same_files_and_index_as_a_fresh_build() {
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
        save_each(&mut state, dir.path(), &edits);
        for page in ["en/index.html", "en/404.html", "en/news/b/index.html"] {
            let html = String::from_utf8_lossy(&state.files()[page]).into_owned();
            assert!(html.contains("Who we are"), "{page} keeps the old menu");
        }
        // The search index too: each edit made its language's index again.
        same_as_fresh(&state, &opts);
    }

    #[test]
    fn a_section_renamed_shows_its_new_title_in_its_pages_breadcrumbs() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        let mut state = start(&opts);
        let crumbs =
            |s: &LiveSite| part_of(s, "en/news/b/index.html", "class=\"breadcrumbs", "</nav>");
        assert!(crumbs(&state).contains(">News</a>"), "{}", crumbs(&state));
        let edit = (
            "content/news/_index.en.md",
            "---\ntitle: Latest news\n---\n",
        );
        save_each(&mut state, dir.path(), &[edit]);
        assert!(
            crumbs(&state).contains(">Latest news</a>"),
            "{}",
            crumbs(&state)
        );
        same_as_fresh(&state, &opts);
    }

    #[test]
    fn a_policy_renamed_shows_its_new_title_in_every_pages_footer() {
        let dir = site();
        for lang in ["az", "en"] {
            let text = "---\ntitle: Privacy\n---\nWhat we keep.\n";
            write(dir.path(), &format!("content/privacy.{lang}.md"), text);
        }
        let opts = BuildOptions::new(dir.path());
        let mut state = start(&opts);
        let footer = |s: &LiveSite| {
            part_of(
                s,
                "en/news/b/index.html",
                "id=\"footer-policies\"",
                "</section>",
            )
        };
        assert!(
            footer(&state).contains(">Privacy</a>"),
            "{}",
            footer(&state)
        );
        let edit = (
            "content/privacy.en.md",
            "---\ntitle: Privacy policy\n---\nWhat we keep.\n",
        );
        save_each(&mut state, dir.path(), &[edit]);
        assert!(
            footer(&state).contains(">Privacy policy</a>"),
            "{}",
            footer(&state)
        );
        same_as_fresh(&state, &opts);
    }

    #[test]
    fn the_translation_page_turns_stale_when_the_source_is_saved() {
        let dir = site();
        let opts = BuildOptions::new(dir.path());
        if let Err(e) =
            crate::translated::translated(dir.path(), &[PathBuf::from("content/a.en.md")])
        {
            panic!("{:?}", e.diagnostics());
        }
        let mut state = start(&opts);
        let page = |s: &LiveSite| {
            String::from_utf8_lossy(&s.files()[&super::super::translations::file()]).into_owned()
        };
        let row = |html: &str| {
            html.split("<tr><th scope=\"row\">a</th>")
                .nth(1)
                .and_then(|r| r.split("</tr>").next())
                .unwrap_or_default()
                .to_string()
        };
        assert!(
            row(&page(&state)).contains("<td class=\"current\"><a href=\"/en/a/\">current</a>"),
            "{}",
            page(&state)
        );
        let rel = "content/a.az.md";
        let text = std::fs::read_to_string(dir.path().join(rel)).unwrap_or_default();
        write(dir.path(), rel, &format!("{text}\nYeni abzas.\n"));
        if let Err(e) = state.rebuild(&[dir.path().join(rel)]) {
            panic!("{:?}", e.diagnostics());
        }
        assert!(
            row(&page(&state)).contains("class=\"stale\""),
            "{}",
            page(&state)
        );
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

    /// Writes each edit in turn and requires it to be rebuilt in part, in place.
    fn save_each(state: &mut LiveSite, root: &Path, edits: &[(&str, &str)]) {
        for (rel, text) in edits {
            write(root, rel, text);
            let out = state
                .rebuild(&[root.join(rel)])
                .unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
            assert!(out.incremental, "{rel}");
            assert!(out.rendered.len() < out.total, "{rel}: {:?}", out.rendered);
        }
    }

    /// The text of the served file `file` after `from` and before the next `to`.
    fn part_of(state: &LiveSite, file: &str, from: &str, to: &str) -> String {
        let html = String::from_utf8_lossy(&state.files()[file]).into_owned();
        html.split(from)
            .nth(1)
            .and_then(|rest| rest.split(to).next())
            .unwrap_or_default()
            .to_string()
    }

    /// Every file of `state` equals that of a fresh build of the same folder.
    fn same_as_fresh(state: &LiveSite, opts: &BuildOptions) {
        let fresh = start(opts);
        let (now, want) = (state.files(), fresh.files());
        let mut names: Vec<&String> = want.keys().chain(now.keys()).collect();
        names.sort();
        names.dedup();
        for name in names {
            assert_eq!(
                now.get(name)
                    .map(|b| String::from_utf8_lossy(b).into_owned()),
                want.get(name)
                    .map(|b| String::from_utf8_lossy(b).into_owned()),
                "{name} differs from a fresh build"
            );
        }
    }

    #[test]
    fn a_new_topic_or_a_date_moved_across_a_list_page_gives_the_same_files_as_a_fresh_build() {
        let dir = site();
        let topics = "taxonomies:\n  topics:\n    name: {az: Mövzular, en: Topics}\n    feed: true\n    terms:\n      rights: {az: Hüquqlar, en: Rights}\n      camps: {az: Düşərgələr, en: Camps}\n";
        write(dir.path(), "site.yaml", &format!("{SITE}{topics}"));
        for lang in ["az", "en"] {
            write(
                dir.path(),
                &format!("content/news/_index.{lang}.md"),
                "---\ntitle: News\npaginate_by: 2\n---\n",
            );
            for (n, month) in [("a", 1), ("b", 2), ("c", 3)] {
                let topic = if n == "c" { "topics: [rights]\n" } else { "" };
                let fm = format!("---\ntitle: {n}\ndescription: About {n}.\ndate: 2026-0{month}-01\n{topic}---\nText {n}.\n");
                write(dir.path(), &format!("content/news/{n}.{lang}.md"), &fm);
            }
        }
        let opts = BuildOptions::new(dir.path());
        let mut state = start(&opts);
        assert!(state.files().contains_key("news/sehife/2/index.html"));
        let edits = [
            // A topic added: the term's pages list the page.
            ("content/news/a.en.md", "---\ntitle: a\ndescription: About a.\ndate: 2026-01-01\ntopics: [rights, camps]\n---\nText a.\n"),
            // The oldest page becomes the newest: it moves from list page 2 to page 1.
            ("content/news/a.az.md", "---\ntitle: a\ndescription: About a.\ndate: 2026-04-01\n---\nText a.\n"),
            // The last page of a term leaves it: the term's pages go.
            ("content/news/a.en.md", "---\ntitle: a\ndescription: About a.\ndate: 2026-01-01\ntopics: [rights]\n---\nText a.\n"),
        ];
        save_each(&mut state, dir.path(), &edits);
        let second =
            String::from_utf8_lossy(&state.files()["news/sehife/2/index.html"]).into_owned();
        assert!(
            second.contains("/news/b/") && !second.contains("/news/a/"),
            "{second}"
        );
        assert!(!state.files().contains_key("en/topics/camps/index.html"));
        same_as_fresh(&state, &opts);
    }
}
