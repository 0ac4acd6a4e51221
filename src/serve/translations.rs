//! The translation status page `serve` offers editors at [`PATH`]: the table
//! `ocaq check` prints, as a page, kept up to date with every save.

use crate::escape::attr;
use crate::resolve::translations::{statuses, Status};
use crate::resolve::Site;

/// Where `serve` shows the table.
pub(crate) const PATH: &str = "/__ocaq/translations/";

/// The file that holds the page among the served files.
pub(crate) fn file() -> String {
    format!("{}index.html", PATH.trim_start_matches('/'))
}

/// The page: a row per page, a column per language, each cell a link to the file's page.
pub(crate) fn page(site: &Site) -> String {
    let (table, _) = statuses(site);
    let langs = &site.config.languages;
    let mut rows = String::new();
    for (key, row) in &table {
        rows.push_str(&format!("<tr><th scope=\"row\">{}</th>", attr(key)));
        for lang in langs {
            let status = row.get(lang).copied().unwrap_or(Status::Missing);
            let cell = match site.get(key, lang) {
                Some(p) => format!("<a href=\"{}\">{}</a>", attr(&p.url), status.word()),
                None => status.word().to_string(),
            };
            rows.push_str(&format!("<td class=\"{}\">{cell}</td>", status.word()));
        }
        rows.push_str("</tr>\n");
    }
    let head: String = langs
        .iter()
        .map(|l| format!("<th scope=\"col\">{}</th>", attr(l)))
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Translations</title><style>\
         body{{font-family:system-ui,sans-serif;margin:1rem}}table{{border-collapse:collapse}}\
         th,td{{border:1px solid #999;padding:.3rem .6rem;text-align:left}}\
         .stale{{background:#fde2b8}}.missing{{background:#f6c6c6}}.current{{background:#d3efd3}}\
         </style></head><body><main><h1>Translations</h1>\
         <p><strong>stale</strong>: the {default} page changed after this translation was made; \
         bring it up to date, then run <code>ocaq translated &lt;file&gt;</code>. \
         <strong>unrecorded</strong>: the translation does not say which version it was made from.</p>\
         <table><thead><tr><th scope=\"col\">page</th>{head}</tr></thead><tbody>\n{rows}</tbody></table>\
         </main></body></html>\n",
        default = attr(&site.config.default_language)
    )
}
