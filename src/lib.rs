//! `ocaq`: the static site generator of SOS Children's Villages Azerbaijan.
//!
//! One pipeline, one way ([`run`](crate::run)): `build`, `check` and `serve`
//! run it and differ only in where the files go.
//!
//! ```text
//! load/     site.yaml, strings, theme, statistics, every page (front matter, Markdown checked)
//! resolve/  URLs per language, sections, links and anchors, aliases; edits for serve
//! render/   templates per language, menu, feeds, sitemap, _headers, minified HTML
//! write/    the Sink: a staging folder swapped in whole, memory (serve), nothing (check)
//! serve/    HTTP, the file watcher, the live site that applies edits
//! ```
//!
//! Beside them: `markdown/` (the one Markdown pass), `images/` (phone-sized
//! copies of photos), `stats/` (statistics and disclosure control), and the
//! shared helpers `diagnostic` (the one located problem and its collector),
//! `escape`, `date`, `slug`, `fingerprint`; `search/` (the static search
//! index per language). The binary (`main.rs`, `cli/`)
//! parses arguments and prints what the library returns.

mod az_numbers;
pub mod check;
mod date;
mod diagnostic;
mod escape;
mod fingerprint;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzz;
pub mod images;
mod load;
mod markdown;
mod new_page;
mod options;
mod pause;
#[cfg(test)]
mod proptest_config;
mod render;
mod resolve;
mod run;
pub mod search;
pub mod serve;
mod slug;
pub mod stats;
mod suggest;
mod templates;
mod translated;
mod write;

pub use diagnostic::{BuildError, Diagnostic, Severity};
pub use new_page::{new_page, today};
pub use options::BuildOptions;
pub use run::{build, BuildReport};
pub use translated::{translated, Marked};
