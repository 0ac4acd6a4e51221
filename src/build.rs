//! The whole build: load → resolve → render → write, all or nothing.

use crate::config::Config;
use crate::content::{self, LoadOptions};
use crate::diagnostic::{sort_and_dedup, Diagnostic};
use crate::highlight::{self, Highlighter};
use crate::locale::Locales;
use crate::markdown::{Embeds, NoEmbeds};
use crate::output::Staging;
use crate::site::{self, Site};
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
}

impl BuildOptions {
    /// Options for building the site in `root` with the defaults.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            out: None,
            base_url: None,
            drafts: false,
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
}

/// Reads `site.yaml` under `root`, applying a `--base-url` override.
pub fn load_config(root: &Path, base_url: Option<&str>) -> Result<Config, BuildError> {
    let file = Path::new("site.yaml");
    let text = std::fs::read_to_string(root.join(file)).map_err(|e| {
        BuildError::Config(vec![Diagnostic::error(
            file,
            0,
            0,
            format!("cannot read site.yaml in {}: {e}", root.display()),
            "run ocaq in the folder that holds site.yaml, or give it with --root",
        )])
    })?;
    let mut config = Config::parse(file, &text).map_err(BuildError::Config)?;
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
    let highlighter = Highlighter::default();
    let no_embeds = NoEmbeds;
    let embeds: Vec<&dyn Embeds> = config
        .languages
        .iter()
        .map(|_| &no_embeds as &dyn Embeds)
        .collect();
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
    let refuse = |message: String| {
        Err(BuildError::Content(vec![Diagnostic::error(
            "--out",
            0,
            0,
            message,
            "choose an output folder outside content/, themes/ and locales/, such as public/",
        )]))
    };
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

/// Reads the theme's static files, naming each with its content hash.
fn static_files(root: &Path, theme: &str) -> Result<Vec<StaticFile>, Vec<Diagnostic>> {
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
                let name = if fingerprint::keeps_its_name(&rel) {
                    rel.clone()
                } else {
                    fingerprint::fingerprinted_name(&rel, &bytes)
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

/// Builds the site into the output folder, or changes nothing and says why.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let out_dir = opts.out_dir();
    check_out_dir(&opts.root, &out_dir)?;
    let loaded = load(opts)?;
    let Loaded {
        site,
        locales,
        theme,
        mut warnings,
    } = loaded;
    let config = &site.config;

    let mut statics = static_files(&opts.root, &config.theme).map_err(fail)?;
    let hl_css = highlight::stylesheet();
    statics.push((
        "highlight.css".into(),
        fingerprint::fingerprinted_name("highlight.css", hl_css.as_bytes()),
        hl_css.into_bytes(),
    ));
    let asset_urls: BTreeMap<String, String> = statics
        .iter()
        .map(|(rel, name, _)| (rel.clone(), format!("/{name}")))
        .collect();
    let data = Arc::new(render::template_data(&site, asset_urls));
    let languages = render::languages(&site, &theme, &locales, &data);

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
    let write_err = |rel: &str, e: std::io::Error| {
        Diagnostic::error(
            &out_dir,
            0,
            0,
            format!("could not write {rel}: {e}"),
            "check free disk space and permissions; the previous site was left as it was",
        )
    };

    let mut errors: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .filter_map(|page| {
            let lang_data = languages.get(&page.source.lang)?;
            let html = match render::render_page(&site, page, lang_data, &locales, &theme) {
                Ok(h) => h,
                Err(d) => return Some(d),
            };
            let rel = format!("{}index.html", page.url);
            staging
                .write(&rel, html.as_bytes())
                .err()
                .map(|e| write_err(&rel, e))
        })
        .collect();

    let mut files = site.pages.len();
    let mut extra: Vec<(String, Vec<u8>)> = Vec::new();
    for lang in &config.languages {
        if let Some(lang_data) = languages.get(lang) {
            match render::render_404(&site, lang, lang_data, &theme) {
                Ok(html) => extra.push((
                    format!("{}404.html", config.language_root(lang)),
                    html.into_bytes(),
                )),
                Err(d) => errors.push(d),
            }
        }
    }
    let page_urls: std::collections::HashSet<&str> =
        site.pages.iter().map(|p| p.url.as_str()).collect();
    for page in &site.pages {
        for alias in &page.source.front.aliases {
            let path = if alias.value.ends_with('/')
                || !alias.value.rsplit('/').next().unwrap_or("").contains('.')
            {
                format!("{}/", alias.value.trim_end_matches('/'))
            } else {
                alias.value.clone()
            };
            if page_urls.contains(path.as_str()) {
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
            let file = if path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path
            };
            let target = format!("{}{}", config.base_url, page.url);
            extra.push((
                file,
                render::alias_page(&page.source.lang, &target).into_bytes(),
            ));
        }
        if feed::wants_feed(page) {
            extra.push((
                format!("{}atom.xml", page.url),
                feed::atom(&site, page).into_bytes(),
            ));
        }
    }
    extra.push(("sitemap.xml".into(), sitemap::sitemap(&site).into_bytes()));
    extra.push(("robots.txt".into(), sitemap::robots(&site).into_bytes()));
    for (_, name, bytes) in &statics {
        extra.push((name.clone(), bytes.clone()));
    }
    for (rel, bytes) in &extra {
        if let Err(e) = staging.write(rel, bytes) {
            errors.push(write_err(rel, e));
        }
    }
    files += extra.len();
    for (asset, url) in &site.assets {
        if let Err(e) = staging.copy(url, &asset.path) {
            errors.push(write_err(url, e));
        }
        files += 1;
    }

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
        pages: site.pages.len(),
        files,
        warnings,
        elapsed: started.elapsed(),
        out: out_dir,
    })
}
