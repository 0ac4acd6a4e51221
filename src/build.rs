//! The whole build: load → resolve → render → write, all or nothing.

use crate::config::Config;
use crate::content::{self, LoadOptions};
use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::embeds::StatsEmbeds;
use crate::highlight::{self, Highlighter};
use crate::images::{self, Pictures};
use crate::locale::Locales;
use crate::markdown::{Embeds, NoEmbeds};
use crate::output::Staging;
use crate::site::{self, Site};
use crate::stats::{self, Statistics};
use crate::templates::Theme;
use crate::{feed, fingerprint, render, sitemap};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The folder holding `site.yaml`.
    pub root: PathBuf,
    /// Output folder; `<root>/public` when not given.
    pub out: Option<PathBuf>,
    /// Replaces `base_url` from site.yaml (previews, staging hosts).
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`.
    pub drafts: bool,
    /// Minify HTML and CSS (on for `build`, off for `serve`).
    pub minify: bool,
}

impl BuildOptions {
    /// Options for building the site in `root` with the defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: None,
            base_url: None,
            drafts: false,
            minify: true,
        }
    }

    /// The output folder this build writes.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| self.root.join("public"))
    }
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

/// Why a build failed.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// Bad settings or command line: exit status 2.
    #[error("the site's settings are not usable")]
    Config(Vec<Diagnostic>),
    /// Bad content or a failure while building: exit status 1.
    #[error("the site has errors")]
    Content(Vec<Diagnostic>),
}

impl BuildError {
    /// Every problem, errors and warnings.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            BuildError::Config(d) | BuildError::Content(d) => d,
        }
    }

    /// The process exit status this failure calls for.
    pub fn exit_code(&self) -> i32 {
        match self {
            BuildError::Config(_) => 2,
            BuildError::Content(_) => 1,
        }
    }
}

/// Everything loaded and resolved: what `build` renders and `check` inspects.
pub struct Loaded {
    /// The resolved site.
    pub site: Site,
    /// Strings of every language.
    pub locales: Arc<Locales>,
    /// The theme's templates.
    pub theme: Theme,
    /// Warnings so far.
    pub warnings: Vec<Diagnostic>,
    /// The code highlighter, kept so incremental rebuilds do not reload its grammars.
    pub highlighter: Arc<Highlighter>,
    /// The statistics file, parsed and protected, if the site has one.
    pub statistics: Option<Arc<Statistics>>,
}

/// One language's embeds per site language, in `config.languages` order.
fn embeds_for<'a>(
    config: &Config,
    locales: Option<&'a Locales>,
    stats: &Option<Arc<Statistics>>,
) -> Vec<StatsOrNone<'a>> {
    config
        .languages
        .iter()
        .map(|l| match locales.and_then(|x| x.get(l)) {
            Some(locale) => StatsOrNone::Stats(StatsEmbeds {
                stats: stats.clone(),
                locale,
            }),
            None => StatsOrNone::None(NoEmbeds),
        })
        .collect()
}

/// Statistics embeds, or none when the language's strings failed to load.
enum StatsOrNone<'a> {
    Stats(StatsEmbeds<'a>),
    None(NoEmbeds),
}

impl StatsOrNone<'_> {
    fn as_dyn(&self) -> &dyn Embeds {
        match self {
            StatsOrNone::Stats(s) => s,
            StatsOrNone::None(n) => n,
        }
    }
}

/// Reads and protects `content/statistics.yaml`, if there is one.
fn load_statistics(
    root: &Path,
    languages: &[String],
) -> Result<Option<Arc<Statistics>>, Vec<Diagnostic>> {
    let rel = Path::new("content").join("statistics.yaml");
    let path = root.join(&rel);
    if !path.is_file() {
        return Ok(None);
    }
    let text = content::read_text(&path, &rel, content::MAX_PAGE_BYTES).map_err(|d| vec![d])?;
    stats::parse(&rel, &text, languages).map(|s| Some(Arc::new(s)))
}

impl Loaded {
    /// Reads one page again, with the same settings as the full load.
    pub fn reload_page(
        &self,
        opts: &BuildOptions,
        path: &Path,
    ) -> Result<Option<content::SourcePage>, Vec<Diagnostic>> {
        let config = &self.site.config;
        let rel = path.strip_prefix(&opts.root).unwrap_or(path);
        let in_content = rel.strip_prefix("content").unwrap_or(rel);
        let (key, lang) = match content::classify(in_content, config) {
            Ok(content::FileKind::Page { key, lang }) => (key, lang),
            Ok(_) => return Ok(None),
            Err((message, hint)) => return Err(vec![Diagnostic::error(rel, 0, 0, message, hint)]),
        };
        let owned = embeds_for(config, Some(&self.locales), &self.statistics);
        let embeds: Vec<&dyn Embeds> = owned.iter().map(StatsOrNone::as_dyn).collect();
        let load_opts = LoadOptions {
            root: &opts.root,
            config,
            drafts: opts.drafts,
            highlighter: &self.highlighter,
            embeds: &embeds,
        };
        content::load_page(path, rel, &key, &lang, &load_opts)
    }
}

/// Reads `site.yaml` under `root`, applying a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let file = Path::new("site.yaml");
    let path = root.join(file);
    if !path.is_file() {
        return Err(BuildError::Config(vec![Diagnostic::error(
            file,
            0,
            0,
            format!("there is no site.yaml in {}", root.display()),
            "run ocaq in the folder that holds site.yaml, or give it with --root",
        )]));
    }
    let text = content::read_text(&path, file, content::MAX_PAGE_BYTES)
        .map_err(|d| BuildError::Config(vec![d]))?;
    let mut config = Config::parse(file, &text).map_err(BuildError::Config)?;
    if !root
        .join("themes")
        .join(&config.theme)
        .join("templates")
        .is_dir()
    {
        let line = text
            .lines()
            .position(|l| l.starts_with("theme:"))
            .map_or(0, |i| i + 1);
        return Err(BuildError::Config(vec![Diagnostic::error(
            file,
            line,
            if line > 0 { 1 } else { 0 },
            format!(
                "the theme `{}` does not exist (no folder themes/{}/templates)",
                config.theme, config.theme
            ),
            "check `theme:` in site.yaml; the site's own theme is `default`",
        )
        .with_source(&text)]));
    }
    if let Some(url) = base_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(BuildError::Config(vec![Diagnostic::error(
                "--base-url",
                0,
                0,
                format!("`{url}` is not an absolute web address"),
                "write it in full, like https://preview.example.org",
            )]));
        }
        config.base_url = url.trim_end_matches('/').to_string();
    }
    Ok(config)
}

/// Load and resolve: everything a build checks, without writing anything.
pub fn load(opts: &BuildOptions) -> Result<Loaded, BuildError> {
    let root = &opts.root;
    let config = load_config(root, opts.base_url.as_deref())?;
    let mut diags = Vec::new();
    let locales = Locales::load(root, &config.languages)
        .map_err(|e| diags.extend(e))
        .ok();
    let theme = Theme::load(root, &config.theme)
        .map_err(|e| diags.extend(e))
        .ok();
    let highlighter = Arc::new(Highlighter::default());
    let statistics = load_statistics(root, &config.languages)
        .map_err(|e| diags.extend(e))
        .ok()
        .flatten();
    let owned = embeds_for(&config, locales.as_ref(), &statistics);
    let embeds: Vec<&dyn Embeds> = owned.iter().map(StatsOrNone::as_dyn).collect();
    let content = content::load(
        &LoadOptions {
            root,
            config: &config,
            drafts: opts.drafts,
            highlighter: &highlighter,
            embeds: &embeds,
        },
        &mut diags,
    );
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(diags));
    }
    let site = site::resolve(config, content, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(fail(diags));
    }
    match (locales, theme) {
        (Some(locales), Some(theme)) => Ok(Loaded {
            site,
            locales: Arc::new(locales),
            theme,
            warnings: diags,
            highlighter,
            statistics,
        }),
        _ => Err(fail(diags)),
    }
}

/// Sorts the problems and wraps them as a content failure.
fn fail(mut diags: Vec<Diagnostic>) -> BuildError {
    sort_and_dedup(&mut diags);
    BuildError::Content(diags)
}

/// Refuses output folders that would destroy or feed back into the sources.
fn check_out_dir(root: &Path, out: &Path) -> Result<(), BuildError> {
    let abs = |p: &Path| -> PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // The folder may not exist yet: canonicalize its nearest existing ancestor.
        let mut existing = p.clone();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (
                existing.file_name().map(|n| n.to_os_string()),
                existing.parent(),
            ) {
                (Some(name), Some(parent)) => {
                    rest.push(name);
                    existing = parent.to_path_buf();
                }
                _ => break,
            }
        }
        let mut real = existing.canonicalize().unwrap_or(existing);
        for name in rest.into_iter().rev() {
            real.push(name);
        }
        real
    };
    let (root_abs, out_abs) = (abs(root), abs(out));
    // A wrong --out is a wrong command line: exit status 2, like any other bad option.
    let refuse = |message: String| {
        Err(BuildError::Config(vec![Diagnostic::error(
            "--out",
            0,
            0,
            message,
            "choose an output folder outside content/, themes/ and locales/, such as public/",
        )]))
    };
    if out_abs.exists() && !out_abs.is_dir() {
        return refuse(format!(
            "the output {} is a file, not a folder; it would be replaced",
            out.display()
        ));
    }
    if root_abs.starts_with(&out_abs) {
        return refuse(format!(
            "the output folder {} contains the site itself; building would delete it",
            out.display()
        ));
    }
    for source in ["content", "themes", "locales"] {
        if out_abs.starts_with(root_abs.join(source)) {
            return refuse(format!(
                "the output folder {} is inside {source}/",
                out.display()
            ));
        }
    }
    Ok(())
}

/// A theme file: its path in the theme, its published (fingerprinted) name, its bytes.
type StaticFile = (String, String, Vec<u8>);

/// Reads the theme's static files, naming each with its content hash under `assets/`.
fn static_files(
    root: &Path,
    theme: &str,
    minify: bool,
) -> Result<Vec<StaticFile>, Vec<Diagnostic>> {
    let dir = root.join("themes").join(theme).join("static");
    let mut out = Vec::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        return Ok(out);
    }
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name().into_iter() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                errors.push(Diagnostic::error(
                    Path::new("themes").join(theme).join("static"),
                    0,
                    0,
                    format!("cannot read the theme's files: {e}"),
                    "check the folder",
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = content::path_to_key(entry.path().strip_prefix(&dir).unwrap_or(entry.path()));
        if rel.split('/').any(|s| s.starts_with('.')) {
            continue;
        }
        match std::fs::read(entry.path()) {
            Ok(bytes) => {
                let bytes = if minify && rel.ends_with(".css") {
                    crate::minify::css(&String::from_utf8_lossy(&bytes)).into_bytes()
                } else {
                    bytes
                };
                let name = if fingerprint::keeps_its_name(&rel) {
                    rel.clone()
                } else {
                    asset_name(&rel, &bytes)
                };
                out.push((rel, name, bytes));
            }
            Err(e) => errors.push(Diagnostic::error(
                entry.path().strip_prefix(root).unwrap_or(entry.path()),
                0,
                0,
                format!("cannot read: {e}"),
                "check the file",
            )),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The published name of a content-hashed static file: `assets/style.3f2a9c1b.css`.
fn asset_name(rel: &str, bytes: &[u8]) -> String {
    format!("assets/{}", fingerprint::fingerprinted_name(rel, bytes))
}

/// Where rendered files go: a staging folder on disk, or memory for `serve`.
pub trait Sink: Sync {
    /// Stores `bytes` at the site path `rel`.
    fn put(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()>;
    /// Stores a copy of the file at `from` at the site path `rel`.
    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()>;
}

impl Sink for Staging {
    fn put(&self, rel: &str, bytes: Vec<u8>) -> std::io::Result<()> {
        self.write(rel, &bytes)
    }
    fn copy(&self, rel: &str, from: &Path) -> std::io::Result<()> {
        Staging::copy(self, rel, from)
    }
}

/// What rendering needs beyond the site: templates per language, static files, pictures.
pub struct Prepared {
    statics: Arc<Vec<StaticFile>>,
    data: Arc<crate::templates::TemplateData>,
    minify: bool,
    languages: std::collections::HashMap<String, render::LanguageData>,
    pictures: Arc<Pictures>,
}

/// Reads the theme's static files and binds each language's templates;
/// `pictures` are the copies [`images::process`] made of the pages' photos.
pub fn prepare(
    opts: &BuildOptions,
    loaded: &Loaded,
    pictures: Arc<Pictures>,
) -> Result<Prepared, Vec<Diagnostic>> {
    let site = &loaded.site;
    let mut statics = static_files(&opts.root, &site.config.theme, opts.minify)?;
    let mut hl_css = highlight::stylesheet();
    if opts.minify {
        hl_css = crate::minify::css(&hl_css);
    }
    statics.push((
        "highlight.css".into(),
        asset_name("highlight.css", hl_css.as_bytes()),
        hl_css.into_bytes(),
    ));
    Ok(bind(loaded, Arc::new(statics), opts.minify, pictures))
}

/// Binds each language's templates to the site, with static files already read.
fn bind(
    loaded: &Loaded,
    statics: Arc<Vec<StaticFile>>,
    minify: bool,
    pictures: Arc<Pictures>,
) -> Prepared {
    let site = &loaded.site;
    let asset_urls: BTreeMap<String, String> = statics
        .iter()
        .map(|(rel, name, _)| (rel.clone(), format!("/{name}")))
        .collect();
    let data = Arc::new(render::template_data(site, asset_urls));
    let languages = render::languages(site, &loaded.theme, &loaded.locales, &data);
    Prepared {
        statics,
        data,
        minify,
        languages,
        pictures,
    }
}

impl Prepared {
    /// A rendered HTML file as it is published: minified unless `--no-minify` or `serve`.
    fn finish_html(&self, html: String) -> Vec<u8> {
        if self.minify {
            crate::minify::html(html.as_bytes())
        } else {
            html.into_bytes()
        }
    }

    /// The same static files, with templates bound to `loaded`'s site, in which only the
    /// pages at `changed` were edited.
    pub fn rebind(&self, loaded: &Loaded, changed: &[usize]) -> Prepared {
        let site = &loaded.site;
        let data = Arc::new(render::template_data_changed(site, &self.data, changed));
        let languages = render::languages(site, &loaded.theme, &loaded.locales, &data);
        Prepared {
            statics: self.statics.clone(),
            data,
            minify: self.minify,
            languages,
            pictures: self.pictures.clone(),
        }
    }
}

/// The file a page is written to.
pub fn page_file(url: &str) -> String {
    format!("{url}index.html")
}

/// Renders the pages at `indices` into `sink`; returns the problems.
pub fn render_pages(
    loaded: &Loaded,
    prepared: &Prepared,
    indices: &[usize],
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let owned = embeds_for(&site.config, Some(&loaded.locales), &loaded.statistics);
    let embeds: Vec<&dyn Embeds> = owned.iter().map(StatsOrNone::as_dyn).collect();
    indices
        .par_iter()
        .filter_map(|&i| {
            let page = site.pages.get(i)?;
            let lang_data = prepared.languages.get(&page.source.lang)?;
            let body = body_html(loaded, &embeds, &page.source);
            let html = match render::render_page(
                site,
                page,
                lang_data,
                &loaded.locales,
                &loaded.theme,
                &body,
                &prepared.pictures,
            ) {
                Ok(h) => h,
                Err(d) => return Some(d),
            };
            let rel = page_file(&page.url);
            sink.put(&rel, prepared.finish_html(html))
                .err()
                .map(|e| write_error(&rel, &e))
        })
        .collect()
}

/// A page body's HTML, link slots still to fill: the same Markdown pass as at load time,
/// so it finds the same slots, now writing HTML and highlighting code.
fn body_html(loaded: &Loaded, embeds: &[&dyn Embeds], page: &content::SourcePage) -> String {
    let cx = content::render_context(
        &page.file,
        page.body_line,
        &page.lang,
        &loaded.site.config,
        &loaded.highlighter,
        embeds,
        true,
    );
    crate::markdown::render(&page.body, &cx).html
}

fn write_error(rel: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error(
        rel,
        0,
        0,
        format!("could not write {rel}: {e}"),
        "check free disk space and permissions; the previous site was left as it was",
    )
}

/// Renders the 404 page of each language.
fn render_404s(loaded: &Loaded, prepared: &Prepared) -> (Vec<(String, Vec<u8>)>, Vec<Diagnostic>) {
    let site = &loaded.site;
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for lang in &site.config.languages {
        if let Some(lang_data) = prepared.languages.get(lang) {
            match render::render_404(site, lang, lang_data, &loaded.theme) {
                Ok(html) => files.push((
                    format!("{}404.html", site.config.language_root(lang)),
                    prepared.finish_html(html),
                )),
                Err(d) => errors.push(d),
            }
        }
    }
    (files, errors)
}

/// After an edit that kept every address: the feeds of the sections at `indices`, and
/// the 404 pages when the menu changed. Everything else outside pages stays the same.
pub fn render_changed_extras(
    loaded: &Loaded,
    prepared: &Prepared,
    indices: &[usize],
    menu_changed: bool,
    sink: &dyn Sink,
) -> Vec<Diagnostic> {
    let site = &loaded.site;
    let (mut files, mut errors) = if menu_changed {
        render_404s(loaded, prepared)
    } else {
        (Vec::new(), Vec::new())
    };
    for &i in indices {
        if let Some(page) = site.pages.get(i).filter(|p| feed::wants_feed(p)) {
            files.push((
                format!("{}atom.xml", page.url),
                feed::atom(site, page).into_bytes(),
            ));
        }
    }
    for (rel, bytes) in files {
        if let Err(e) = sink.put(&rel, bytes) {
            errors.push(write_error(&rel, &e));
        }
    }
    errors
}

/// Renders everything that is not a page: 404s, aliases, feeds, sitemap, robots, static files, assets, picture copies.
pub fn render_extras(
    loaded: &Loaded,
    prepared: &Prepared,
    sink: &dyn Sink,
) -> (usize, Vec<Diagnostic>) {
    let site = &loaded.site;
    let config = &site.config;
    let (mut extra, mut errors) = render_404s(loaded, prepared);
    // Output file → the page written there, so nothing else can silently replace it.
    let page_files: std::collections::HashMap<String, &std::path::Path> = site
        .pages
        .iter()
        .map(|p| (page_file(&p.url), p.source.file.as_path()))
        .collect();
    let mut aliases = Vec::new();
    for page in &site.pages {
        for alias in &page.source.front.aliases {
            let last = alias.value.rsplit('/').next().unwrap_or("");
            let path = if alias.value.ends_with('/') || !last.contains('.') {
                format!("{}/", alias.value.trim_end_matches('/'))
            } else {
                alias.value.clone()
            };
            let file = if path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.clone()
            };
            if page_files.contains_key(&file) {
                errors.push(Diagnostic::error(
                    &page.source.file,
                    alias.line,
                    alias.column,
                    format!(
                        "the alias `{}` is the address of an existing page",
                        alias.value
                    ),
                    "remove the alias, or move the other page",
                ));
                continue;
            }
            aliases.push(crate::redirects::Alias {
                from: path,
                to: page.url.clone(),
                file: page.source.file.clone(),
                line: alias.line,
                column: alias.column,
            });
            let target = format!("{}{}", config.base_url, page.url);
            extra.push((
                file,
                prepared.finish_html(render::alias_page(&page.source.lang, &target)),
            ));
        }
        if feed::wants_feed(page) {
            extra.push((
                format!("{}atom.xml", page.url),
                feed::atom(site, page).into_bytes(),
            ));
        }
    }
    // Both files are refused, not cut short, when a host would not apply them whole.
    match crate::headers::headers_file(&crate::headers::default_overrides()) {
        Ok(text) => extra.push(("_headers".into(), text.into_bytes())),
        Err(problems) => errors.extend(problems),
    }
    match crate::redirects::redirects_file(&aliases) {
        Ok(text) => extra.push(("_redirects".into(), text.into_bytes())),
        Err(problems) => errors.extend(problems),
    }
    extra.push(("sitemap.xml".into(), sitemap::sitemap(site).into_bytes()));
    extra.push(("robots.txt".into(), sitemap::robots(site).into_bytes()));
    for (_, name, bytes) in prepared.statics.iter() {
        extra.push((name.clone(), bytes.clone()));
    }
    let mut files = extra.len();
    for (rel, bytes) in extra {
        if let Err(e) = sink.put(&rel, bytes) {
            errors.push(write_error(&rel, &e));
        }
    }
    for (asset, url) in &site.assets {
        if let Some(page) = page_files.get(url) {
            errors.push(Diagnostic::error(
                Path::new("content").join(&asset.key),
                0,
                0,
                format!(
                    "this file would be published at {url}, where the page {} is written",
                    page.display()
                ),
                "rename or move the file, or give the page another slug",
            ));
            continue;
        }
        if let Err(e) = sink.copy(url, &asset.path) {
            errors.push(write_error(url, &e));
        }
        files += 1;
    }
    // Two originals with the same name and content share their copies.
    let copies: BTreeMap<&str, &Path> = prepared
        .pictures
        .values()
        .flat_map(|p| &p.variants)
        .map(|v| (v.url.as_str(), v.file.as_path()))
        .collect();
    for (url, file) in copies {
        if let Err(e) = sink.copy(url, file) {
            errors.push(write_error(url, &e));
        }
        files += 1;
    }
    (files, errors)
}

/// Builds the site into the output folder, or changes nothing and says why.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out_dir = opts.out_dir();
    check_out_dir(&opts.root, &out_dir)?;
    let loaded = load(opts)?;
    let (pictures, image_stats, image_errors) = images::process(
        &opts.root,
        &loaded.site,
        images::Work::Publish,
        &Pictures::new(),
    );
    if !image_errors.is_empty() {
        let mut diags = image_errors;
        diags.extend(loaded.warnings);
        return Err(fail(diags));
    }
    let prepared = prepare(opts, &loaded, Arc::new(pictures)).map_err(fail)?;
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
    let all: Vec<usize> = (0..loaded.site.pages.len()).collect();
    let mut errors = render_pages(&loaded, &prepared, &all, &staging);
    let (extra_files, extra_errors) = render_extras(&loaded, &prepared, &staging);
    errors.extend(extra_errors);
    let mut warnings = loaded.warnings;
    if errors.iter().any(Diagnostic::is_error) {
        errors.extend(warnings);
        return Err(fail(errors));
    }
    staging.commit().map_err(|e| {
        BuildError::Content(vec![Diagnostic::error(
            &out_dir,
            0,
            0,
            format!("could not put the new site in place: {e}"),
            "check permissions on the output folder's parent; the previous site was kept",
        )])
    })?;
    sort_and_dedup(&mut warnings);
    Ok(BuildReport {
        pages: loaded.site.pages.len(),
        files: loaded.site.pages.len() + extra_files,
        warnings,
        elapsed: started.elapsed(),
        out: out_dir,
        images: image_stats,
    })
}
