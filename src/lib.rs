//! `ocaq`: the static site generator of SOS Children's Villages Azerbaijan.
//!
//! The pipeline runs one way: load (walk and parse: [`config`], [`content`],
//! [`front_matter`], [`markdown`], [`locale`], [`templates`]) → resolve
//! ([`site`]: URLs, translations, links) → render ([`render`], [`sitemap`],
//! [`feed`]) → write ([`output`]). [`build`] drives it; the binary only parses
//! arguments and prints what the library returns.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod embeds;
pub mod feed;
pub mod fingerprint;
pub mod front_matter;
pub mod headers;
pub mod highlight;
pub mod images;
pub mod locale;
pub mod markdown;
pub mod minify;
pub mod new_page;
pub mod output;
pub mod rebuild;
pub mod render;
pub mod search;
pub mod serve;
pub mod site;
pub mod sitemap;
pub mod slug;
pub mod stats;
pub mod templates;
pub mod yaml;

pub use build::{build, BuildError, BuildOptions, BuildReport};
pub use diagnostic::{Diagnostic, Severity};
