//! What pages embed: statistics tables (` ```stats `) and figures (`{{stat …}}`),
//! rendered in the page's language.

use crate::front_matter::PartialDate;
use crate::locale::{Arg, Locale};
use crate::markdown::{EmbedError, Embeds};
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

/// Statistics embeds for one language.
pub struct StatsEmbeds<'a> {
    /// The parsed statistics file, if the site has one.
    pub stats: Option<Arc<Statistics>>,
    /// The page language's strings.
    pub locale: &'a Locale,
}

fn embed_error(e: StatsUseError) -> EmbedError {
    EmbedError {
        line: e.line,
        message: e.message,
        hint: e.hint,
    }
}

fn no_file() -> EmbedError {
    EmbedError {
        line: 0,
        message: "this page shows statistics, but the site has no content/statistics.yaml".into(),
        hint: "create content/statistics.yaml with the tables, or remove the statistics from this page".into(),
    }
}

impl Embeds for StatsEmbeds<'_> {
    fn block(&self, info: &str, body: &str, index: usize) -> Option<Result<String, EmbedError>> {
        if info.trim() != "stats" {
            return None;
        }
        Some(match &self.stats {
            Some(s) => s
                .render_block(body, &self.locale.code, &Text(self.locale), index)
                .map_err(embed_error),
            None => Err(no_file()),
        })
    }

    fn inline(&self, name: &str, spec: &str) -> Option<Result<String, EmbedError>> {
        if name != "stat" {
            return None;
        }
        Some(match &self.stats {
            Some(s) => s
                .render_inline(spec, &self.locale.code, &Text(self.locale))
                .map_err(embed_error),
            None => Err(no_file()),
        })
    }
}
