//! Load: read everything the site is made of and check it, file by file.
//!
//! `site.yaml`, the strings of every language, the theme, the statistics and
//! every page under `content/` (front matter parsed, Markdown checked, in
//! parallel). Nothing here knows URLs; that is the resolve step's job.

pub(crate) mod config;
pub(crate) mod data;
pub(crate) mod flat_yaml;
pub(crate) mod front_matter;
pub(crate) mod locale;
pub(crate) mod page;
pub(crate) mod read;
pub(crate) mod theme;
pub(crate) mod walk;
pub(crate) mod yaml;

use crate::diagnostic::{BuildError, Diagnostic, Problems};
use crate::markdown::components::Catalog;
use crate::markdown::embeds::SiteEmbeds;
use crate::markdown::highlight::Highlighter;
use crate::markdown::{self};
use crate::options::BuildOptions;
use crate::stats::{self, Statistics};
use config::Config;
use locale::Locales;
use page::{Asset, Body, Content, SourcePage};
use rayon::prelude::*;
use std::path::Path;
use std::sync::Arc;
use theme::Theme;
use walk::FileKind;

/// What every page is built with, read once: the strings of every language, the
/// theme, the statistics and the code highlighter.
pub(crate) struct Resources {
    /// Strings of every language.
    pub(crate) locales: Arc<Locales>,
    /// The theme's templates and static files.
    pub(crate) theme: Theme,
    /// The statistics file, parsed and protected, if the site has one.
    pub(crate) statistics: Option<Arc<Statistics>>,
    /// The code highlighter, kept so rebuilds do not reload its grammars.
    pub(crate) highlighter: Arc<Highlighter>,
    /// `data/*.yaml`, resolved per language.
    pub(crate) data: Arc<data::Data>,
}

impl Resources {
    /// The Markdown pass's settings for this site.
    pub(crate) fn markdown<'a>(&'a self, config: &'a Config) -> markdown::Settings<'a> {
        markdown::Settings {
            unsafe_html: config.unsafe_html,
            highlighter: &self.highlighter,
            embeds: SiteEmbeds::new(
                &config.languages,
                Some(&self.locales),
                self.statistics.as_ref(),
            ),
            components: &self.theme.catalog,
            languages: &config.languages,
        }
    }
}

/// Everything read from disk: the settings, what pages are built with, and the pages.
pub(crate) struct Loaded {
    /// `site.yaml`.
    pub(crate) config: Config,
    /// Strings, theme, statistics.
    pub(crate) resources: Resources,
    /// The pages and files under `content/`.
    pub(crate) content: Content,
}

/// Reads and checks the whole site, each page keeping its Markdown as `body` says;
/// every problem goes to `problems`, and the run stops here if any is an error.
pub(crate) fn load(
    opts: &BuildOptions,
    body: Body,
    problems: &mut Problems,
) -> Result<Loaded, BuildError> {
    let root = &opts.root;
    let config = config::load(root, opts.base_url.as_deref())?;
    let locales = Locales::load(root, &config.languages)
        .map_err(|e| problems.extend(e))
        .ok();
    let theme = Theme::load(root, &config.theme)
        .map_err(|e| problems.extend(e))
        .ok();
    let data = data::load(root, &config.languages)
        .map_err(|e| problems.extend(e))
        .unwrap_or_default();
    let highlighter = Arc::new(Highlighter::default());
    let statistics = load_statistics(root, &config.languages)
        .map_err(|e| problems.extend(e))
        .ok()
        .flatten();
    if let Some(s) = &statistics {
        // Tables that look like one population but do not say so.
        problems.extend(s.warnings.iter().cloned());
    }
    let content = {
        // Without a theme (it failed to load, and says so) no block is a component.
        let no_components = Catalog::default();
        let settings = markdown::Settings {
            unsafe_html: config.unsafe_html,
            highlighter: &highlighter,
            embeds: SiteEmbeds::new(&config.languages, locales.as_ref(), statistics.as_ref()),
            components: theme.as_ref().map_or(&no_components, |t| &t.catalog),
            languages: &config.languages,
        };
        load_content(root, &config, (opts.drafts, body), &settings, problems)
    };
    problems.stop_if_errors()?;
    match (locales, theme) {
        (Some(locales), Some(theme)) => Ok(Loaded {
            config,
            resources: Resources {
                locales: Arc::new(locales),
                theme,
                statistics,
                highlighter,
                data: Arc::new(data),
            },
            content,
        }),
        // Both report errors when they fail, so the run stopped above.
        _ => Err(BuildError::Content(std::mem::take(problems).into_sorted())),
    }
}

/// Reads one page again after an edit, with the same settings as the full load;
/// `Ok(None)` when it is not a page (any more) or a draft left out.
pub(crate) fn reload_page(
    opts: &BuildOptions,
    config: &Config,
    resources: &Resources,
    path: &Path,
) -> Result<Option<SourcePage>, Vec<Diagnostic>> {
    let rel = path.strip_prefix(&opts.root).unwrap_or(path);
    let in_content = rel.strip_prefix("content").unwrap_or(rel);
    match walk::classify(in_content, config) {
        Ok(FileKind::Page { key, lang }) => page::load_page(
            path,
            rel,
            &key,
            (&lang, &config.default_language),
            (
                opts.drafts,
                &config.taxonomies.keys().cloned().collect::<Vec<_>>(),
                Body::Kept,
            ),
            &resources.markdown(config),
        ),
        Ok(_) => Ok(None),
        Err(d) => Err(vec![d]),
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
    let text = read::text_file(&path, &rel).map_err(|d| vec![d])?;
    stats::parse(&rel, &text, languages).map(|s| Some(Arc::new(s)))
}

/// Walks and loads everything under `content/`.
fn load_content(
    root: &Path,
    config: &Config,
    (drafts, body): (bool, Body),
    markdown: &markdown::Settings<'_>,
    problems: &mut Problems,
) -> Content {
    let mut walk_errors = Vec::new();
    let mut content = Content::default();
    let taxonomies: Vec<String> = config.taxonomies.keys().cloned().collect();
    // Pages are read while the walk goes on: the walk alone kept one core busy for a
    // fiftieth of a large build, with the other idle.
    let mut results: Vec<_> = std::thread::scope(|scope| {
        let (send, pages) = std::sync::mpsc::channel();
        let (errors, assets) = (&mut walk_errors, &mut content.assets);
        scope.spawn(move || {
            let mut order = 0;
            walk::walk(root, config, errors, &mut |f| match f.kind {
                FileKind::Page { key, lang } => {
                    // Only fails once nothing reads pages any more, when nothing is left to do.
                    let _ = send.send((order, f.path, f.rel, key, lang));
                    order += 1;
                }
                FileKind::Asset => {
                    let key = walk::path_to_key(f.rel.strip_prefix("content").unwrap_or(&f.rel));
                    assets.push(Asset { key, path: f.path });
                }
                // Read before the pages, since pages embed its tables.
                FileKind::Statistics | FileKind::Ignored => {}
            });
        });
        pages
            .into_iter()
            .par_bridge()
            .map(|(order, path, rel, key, lang)| {
                let langs = (lang.as_str(), config.default_language.as_str());
                let page = page::load_page(
                    &path,
                    &rel,
                    &key,
                    langs,
                    (drafts, &taxonomies, body),
                    markdown,
                );
                (order, page.map(|p| p.map(Box::new)))
            })
            .collect()
    });
    problems.extend(walk_errors);
    // In the walk's order, so that of two files for one page the same one is kept.
    results.sort_unstable_by_key(|(order, _)| *order);
    content.pages = results
        .into_iter()
        .filter_map(|(_, r)| match r {
            Ok(Some(page)) => {
                problems.extend(page.doc.diagnostics.iter().cloned());
                Some(page)
            }
            Ok(None) => None,
            Err(errs) => {
                problems.extend(errs);
                None
            }
        })
        .collect();
    content
}
