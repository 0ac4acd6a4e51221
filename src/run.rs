//! The one pipeline: load → resolve → render → write. `build`, `check` and
//! `serve` all run it, and differ only in where the files go (a staging
//! folder, nowhere, memory) and in whether a damaged photo stops the run.

use crate::diagnostic::{BuildError, Diagnostic, Problems};
use crate::images::{self, Pictures};
use crate::load::page::Body;
use crate::load::{self, Loaded, Resources};
use crate::options::BuildOptions;
use crate::render::extras::Extras;
use crate::render::search::IndexSize;
use crate::render::{Keep, Renderer};
use crate::resolve::{self, Site};
use crate::search::Prepared;
use crate::write::{check_out_dir, Sink, Staging};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a run is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Publish the site (`build`, `serve`): photos are resized, and the run stops at
    /// the first stage that found an error.
    Publish,
    /// Check everything (`check`): photos are only read, and every stage runs so that
    /// every problem is found at once.
    Check,
}

/// Whether the site outlives the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Afterwards {
    /// The caller reads it again (`check`) or applies edits to it (`serve`).
    Kept,
    /// The caller is done with its pages once they are written (`build`): each page's
    /// Markdown is let go once it is read (and read again to render the page), and its
    /// links as written and its headings once they are resolved.
    Done,
}

/// A finished run: the resolved site (without its pages' Markdown after
/// [`Afterwards::Done`]) and what rendered it (`serve` keeps it to apply
/// edits), and what was found on the way.
pub(crate) struct Built {
    /// The resolved site.
    pub(crate) site: Site,
    /// What its pages were built with.
    pub(crate) resources: Resources,
    /// Its templates, static files and photo copies.
    pub(crate) renderer: Renderer,
    /// Warnings, and in [`Mode::Check`] also the errors of photos and templates.
    pub(crate) problems: Problems,
    /// Photos shown by pages, and their copies made or taken from the cache.
    pub(crate) images: images::Stats,
    /// Files written.
    pub(crate) files: usize,
    /// The size of each language's search index (none without a search page).
    pub(crate) search: Vec<IndexSize>,
    /// Each indexed page's share of its language's index, by page index.
    pub(crate) entries: Vec<(usize, Prepared)>,
}

/// Runs the pipeline into `sink`.
pub(crate) fn run(
    opts: &BuildOptions,
    (mode, afterwards): (Mode, Afterwards),
    sink: &dyn Sink,
) -> Result<Built, BuildError> {
    let mut problems = Problems::default();
    let Loaded {
        config,
        resources,
        content,
    } = load::load(
        opts,
        match afterwards {
            Afterwards::Kept => Body::Kept,
            Afterwards::Done => Body::ReadAgain,
        },
        &mut problems,
    )?;
    let mut site = resolve::resolve(config, content, &mut problems);
    problems.stop_if_errors()?;
    let work = match mode {
        Mode::Publish => images::Work::Publish,
        Mode::Check => images::Work::Check,
    };
    let (pictures, images) =
        images::process(&opts.root, &site, work, &Pictures::new(), &mut problems);
    if mode == Mode::Publish {
        problems.stop_if_errors()?;
    }
    if afterwards == Afterwards::Done {
        // Before the renderer's listing entries share the pages: a shared page keeps them.
        site.let_go_of_links_and_headings();
    }
    let renderer = Renderer::new(&site, &resources, Arc::new(pictures), opts.minify);
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let keep = match afterwards {
        Afterwards::Kept => Keep::All,
        Afterwards::Done => Keep::Nothing(&opts.root),
    };
    // Where a test edits a page the build has loaded and not yet read again.
    crate::pause::point("before-render");
    let rendered = renderer.render(
        &site,
        &resources,
        (&all, Extras::All, keep),
        sink,
        &mut problems,
    );
    Ok(Built {
        site,
        resources,
        renderer,
        problems,
        images,
        files: rendered.files,
        search: rendered.search,
        entries: rendered.entries,
    })
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Pages rendered (all languages).
    pub pages: usize,
    /// Files written.
    pub files: usize,
    /// Warnings found (the build still succeeded).
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
    /// Where the site was written.
    pub out: PathBuf,
    /// Photos shown by pages, and their copies made or taken from the cache.
    pub images: images::Stats,
}

/// Builds the site into the output folder, or changes nothing and says why.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out_dir = opts.out_dir();
    check_out_dir(&opts.root, &out_dir)?;
    let staging = Staging::new(&out_dir).map_err(|e| {
        BuildError::Content(vec![Diagnostic::error(
            &out_dir,
            0,
            0,
            format!(
                "cannot create the output folder beside {}: {e}",
                out_dir.display()
            ),
            "check that the folder can be written, or choose another with --out",
        )])
    })?;
    let Built {
        site,
        renderer,
        mut problems,
        images,
        files,
        ..
    } = run(opts, (Mode::Publish, Afterwards::Done), &staging)?;
    problems.stop_if_errors()?;
    staging.commit().map_err(|e| {
        BuildError::Content(vec![Diagnostic::error(
            &out_dir,
            0,
            0,
            format!("could not put the new site in place: {e}"),
            "check permissions on the output folder's parent; the previous site was kept",
        )])
    })?;
    // Only now: a failed build may have stopped before every picture was known.
    images::prune_cache(&opts.root, renderer.pictures());
    let pages = site.pages.len();
    // Freeing every page one allocation at a time took 1% of a large build, after
    // the site was already in place; the caller need not wait for it.
    std::thread::spawn(move || drop((site, renderer)));
    Ok(BuildReport {
        pages,
        files,
        warnings: problems.into_sorted(),
        elapsed: started.elapsed(),
        out: out_dir,
        images,
    })
}
