//! What pages embed: statistics tables (` ```stats `) and figures (`{{stat …}}`),
//! rendered in the page's language.

use crate::date::PartialDate;
use crate::diagnostic::Problem;
use crate::load::locale::{Arg, Locale, Locales};
use crate::markdown::Embeds;
use crate::stats::{Statistics, StatsText, StatsUseError};
use std::sync::Arc;

/// A language's strings, as the statistics renderer asks for them.
struct Text<'a>(&'a Locale);

impl StatsText for Text<'_> {
    fn message(&self, key: &str, args: &[(&str, i64)]) -> String {
        let args: Vec<(&str, Arg)> = args
            .iter()
            .map(|(k, v)| (*k, Arg::Number(*v as f64)))
            .collect();
        self.0
            .message(key, &args)
            .unwrap_or_else(|_| key.to_string())
    }
    fn number(&self, n: u64) -> String {
        self.0.format_number(n)
    }
    fn date(&self, iso: &str) -> String {
        PartialDate::parse(iso).map_or_else(|| iso.to_string(), |d| self.0.format_date(d))
    }
}

/// Statistics embeds for one language; with no strings for the language (they failed to
/// load), nothing is embedded and the build reports the strings instead.
struct StatsEmbeds<'a> {
    stats: Option<&'a Arc<Statistics>>,
    locale: Option<&'a Locale>,
}

fn embed_error(e: StatsUseError) -> Problem {
    Problem {
        line: e.line,
        message: e.message,
        hint: e.hint,
    }
}

fn no_file() -> Problem {
    Problem {
        line: 0,
        message: "this page shows statistics, but the site has no content/statistics.yaml".into(),
        hint: "create content/statistics.yaml with the tables, or remove the statistics from this page".into(),
    }
}

impl Embeds for StatsEmbeds<'_> {
    fn block(&self, info: &str, body: &str, index: usize) -> Option<Result<String, Problem>> {
        let locale = self.locale?;
        if info.trim() != "stats" {
            return None;
        }
        Some(match self.stats {
            Some(s) => s
                .render_block(body, &locale.code, &Text(locale), index)
                .map_err(embed_error),
            None => Err(no_file()),
        })
    }

    fn inline(&self, name: &str, spec: &str) -> Option<Result<String, Problem>> {
        let locale = self.locale?;
        if name != "stat" {
            return None;
        }
        Some(match self.stats {
            Some(s) => s
                .render_inline(spec, &locale.code, &Text(locale))
                .map_err(embed_error),
            None => Err(no_file()),
        })
    }
}

/// The embeds of every language of the site.
pub(crate) struct SiteEmbeds<'a> {
    by_lang: Vec<(&'a str, StatsEmbeds<'a>)>,
}

impl<'a> SiteEmbeds<'a> {
    /// Embeds for `languages`, with their strings when they loaded.
    pub(crate) fn new(
        languages: &'a [String],
        locales: Option<&'a Locales>,
        stats: Option<&'a Arc<Statistics>>,
    ) -> Self {
        let by_lang = languages
            .iter()
            .map(|l| {
                let locale = locales.and_then(|x| x.get(l));
                (l.as_str(), StatsEmbeds { stats, locale })
            })
            .collect();
        SiteEmbeds { by_lang }
    }

    /// What a page in `lang` can embed.
    pub(crate) fn for_lang(&self, lang: &str) -> &dyn Embeds {
        match self.by_lang.iter().find(|(l, _)| *l == lang) {
            Some((_, e)) => e,
            None => &super::NoEmbeds,
        }
    }
}
