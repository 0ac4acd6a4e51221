//! Located, plain-language problems found in a site's files.
//!
//! Every problem the generator reports is a [`Diagnostic`]: where it is
//! (file, line, column), what is wrong, and what to do about it. The library
//! only collects them; the binary decides how to print them.

use std::fmt;
use std::path::{Path, PathBuf};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The build cannot go on; nothing is published.
    Error,
    /// The site builds, but something deserves a look (`check --strict` fails on it).
    Warning,
}

/// One problem, located in a file the user edits.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Path relative to the site root, as the user would type it.
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub column: usize,
    /// What is wrong, in plain words.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// The offending line of the file, shown under the message with a caret.
    #[serde(skip_serializing_if = "Option::is_none")]
    /// (A boxed `str`: with [`Diagnostic::pages`] it keeps the type small enough to
    /// return in a `Result` everywhere.)
    pub source_line: Option<Box<str>>,
    /// The pages this problem broke, when its cause is elsewhere (a template, a text
    /// in locales/): problems alike but for their pages are reported once, with the
    /// count and a few of them (see [`Diagnostic::on_page`]).
    /// (Boxed: most problems have none, and every `Result<_, Diagnostic>` carries it.)
    #[serde(skip_serializing_if = "Option::is_none")]
    #[allow(clippy::box_collection)]
    pub pages: Option<Box<Vec<PathBuf>>>,
}

/// How many of the pages one cause broke a message names; the count says the rest.
const NAMED_PAGES: usize = 3;

impl Diagnostic {
    /// An error at a position in a file.
    pub fn error(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            column,
            message: message.into(),
            hint: hint.into(),
            source_line: None,
            pages: None,
        }
    }

    /// A warning at a position in a file.
    pub fn warning(
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, column, message, hint)
        }
    }

    /// Attaches the text of the offending line, taken from the file's source.
    pub fn with_source(mut self, source: &str) -> Self {
        if self.line > 0 {
            self.source_line = source
                .lines()
                .nth(self.line - 1)
                .map(|l| l.trim_end_matches('\r').into());
        }
        self
    }

    /// Attaches the text of the offending line itself, when the file is not at hand.
    pub(crate) fn with_source_line(mut self, text: &str) -> Self {
        if self.line > 0 && !text.is_empty() {
            self.source_line = Some(text.trim_end_matches('\r').into());
        }
        self
    }

    /// Notes a page this problem broke, for a problem located at its cause rather than
    /// in the page (a template's line, a Fluent text). Every stage's problems go through
    /// [`sort_and_dedup`], which merges the problems that are alike but for their pages
    /// into one: one mistake in a theme is one report "on 40 pages", not 40 reports.
    /// So a stage reports such a problem once per page, at the cause, with the page
    /// here and not in the message.
    pub fn on_page(mut self, page: impl Into<PathBuf>) -> Self {
        self.pages.get_or_insert_default().push(page.into());
        self
    }

    /// What is wrong, with the pages it broke when its cause is elsewhere:
    /// "no `menu` (on 40 pages, such as content/a.md, …)".
    pub fn what(&self) -> String {
        match &self.pages {
            Some(pages) if !pages.is_empty() => {
                format!("{} ({})", self.message, pages_phrase(pages))
            }
            _ => self.message.clone(),
        }
    }

    /// True for errors, false for warnings.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Sort key that orders problems by file, then position, then text.
    pub fn sort_key(&self) -> (&Path, usize, usize, &str) {
        (&self.file, self.line, self.column, &self.message)
    }
}

impl fmt::Display for Diagnostic {
    /// `file:line:column: what is wrong — what to do`, then the line and a caret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.file.display(),
            self.line,
            self.column,
            label,
            self.what()
        )?;
        if !self.hint.is_empty() {
            write!(f, " — {}", self.hint)?;
        }
        if let Some(src) = &self.source_line {
            let number = self.line.to_string();
            write!(f, "\n  {number} | {src}")?;
            if self.column > 0 {
                // The caret sits under the character, counting characters, not bytes.
                let pad: String = src
                    .chars()
                    .take(self.column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n  {} | {}^", " ".repeat(number.len()), pad)?;
            }
        }
        Ok(())
    }
}

/// Turns a byte offset in `text` into a 1-based (line, column), counting characters.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    // memchr: the Markdown pass places every link and code block, twice a build.
    let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
    let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// "on 1 page: content/a.md", "on 40 pages, such as content/a.md, content/b.md, …".
fn pages_phrase(pages: &[PathBuf]) -> String {
    let named: Vec<String> = pages
        .iter()
        .take(NAMED_PAGES)
        .map(|p| p.display().to_string())
        .collect();
    match pages.len() {
        1 => format!("on 1 page: {}", named.join(", ")),
        n if n <= NAMED_PAGES => format!("on {n} pages: {}", named.join(", ")),
        n => format!("on {n} pages, such as {}", named.join(", ")),
    }
}

/// Sorts diagnostics into a stable order, drops exact repeats, and merges the ones
/// with one cause (alike but for [`Diagnostic::pages`]) into one that lists every page.
pub(crate) fn sort_and_dedup(diags: &mut Vec<Diagnostic>) {
    /// Everything but the pages: what makes two problems one cause.
    fn cause(d: &Diagnostic) -> ((&Path, usize, usize, &str), Severity, &str, Option<&str>) {
        (d.sort_key(), d.severity, &d.hint, d.source_line.as_deref())
    }
    diags.sort_by(|a, b| cause(a).cmp(&cause(b)).then_with(|| a.pages.cmp(&b.pages)));
    let mut merged: Vec<Diagnostic> = Vec::with_capacity(diags.len());
    for d in diags.drain(..) {
        match merged.last_mut() {
            Some(last) if cause(last) == cause(&d) => {
                if let Some(pages) = d.pages {
                    last.pages.get_or_insert_default().extend(*pages);
                }
            }
            _ => merged.push(d),
        }
    }
    for pages in merged.iter_mut().filter_map(|d| d.pages.as_mut()) {
        pages.sort();
        pages.dedup();
    }
    *diags = merged;
}

/// The one collector of a run's problems: every stage adds what it finds, and the run
/// stops after a stage that found an error, reporting everything found so far.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<Diagnostic>,
}

impl Problems {
    /// Adds one problem.
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.list.push(d);
    }

    /// True when an error (not only warnings) was found.
    pub(crate) fn has_errors(&self) -> bool {
        self.list.iter().any(Diagnostic::is_error)
    }

    /// Keeps only the problems `keep` says yes to (`serve` drops an edited file's old ones).
    pub(crate) fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.list.retain(keep);
    }

    /// Ends the run as a content failure if an error was found, with every problem so far.
    pub(crate) fn stop_if_errors(&mut self) -> Result<(), BuildError> {
        if self.has_errors() {
            Err(BuildError::Content(std::mem::take(self).into_sorted()))
        } else {
            Ok(())
        }
    }

    /// Every problem, in a stable order, without repeats.
    pub(crate) fn into_sorted(mut self) -> Vec<Diagnostic> {
        sort_and_dedup(&mut self.list);
        self.list
    }

    /// The problems so far, in a stable order, without repeats.
    pub(crate) fn sorted(&self) -> Vec<Diagnostic> {
        let mut list = self.list.clone();
        sort_and_dedup(&mut list);
        list
    }
}

impl Extend<Diagnostic> for Problems {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.list.extend(iter);
    }
}

/// Why a build, check or serve could not produce a site.
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

    /// A failure of the settings or command line, with one problem.
    pub(crate) fn config(d: Diagnostic) -> BuildError {
        BuildError::Config(vec![d])
    }
}

/// A problem found inside a piece of text (a fenced block, a YAML value) before the
/// file it sits in is known: where in the text, what is wrong, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    /// 1-based line inside the text; 0 for the text's first line.
    pub(crate) line: usize,
    /// What is wrong.
    pub(crate) message: String,
    /// What to do.
    pub(crate) hint: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_column_and_what_to_do() {
        let d = Diagnostic::error("content/a.az.md", 3, 5, "broken link", "fix the path");
        assert_eq!(
            d.to_string(),
            "content/a.az.md:3:5: error: broken link — fix the path"
        );
    }

    #[test]
    fn display_shows_the_line_with_a_caret_under_the_column() {
        let d = Diagnostic::error("f.md", 2, 3, "bad", "do").with_source("one\nabcdef\n");
        assert_eq!(
            d.to_string(),
            "f.md:2:3: error: bad — do\n  2 | abcdef\n    |   ^"
        );
    }

    #[test]
    fn problems_with_one_cause_are_one_report_with_the_count_and_a_few_pages() {
        let at_template = |page: &str| {
            Diagnostic::error(
                "themes/default/templates/base.html",
                12,
                5,
                "no `menu`",
                "fix it",
            )
            .on_page(page)
        };
        let mut diags: Vec<Diagnostic> = (1..=5)
            .rev()
            .map(|i| at_template(&format!("content/p{i}.md")))
            .collect();
        diags.push(Diagnostic::error("content/a.md", 1, 1, "other", "x"));
        diags.push(at_template("content/p2.md"));
        sort_and_dedup(&mut diags);
        assert_eq!(diags.len(), 2, "{diags:#?}");
        assert_eq!(diags[1].pages.as_ref().map(|p| p.len()), Some(5));
        assert_eq!(
            diags[1].to_string(),
            "themes/default/templates/base.html:12:5: error: no `menu` \
             (on 5 pages, such as content/p1.md, content/p2.md, content/p3.md) — fix it"
        );
        let mut one = vec![at_template("content/p1.md")];
        sort_and_dedup(&mut one);
        assert_eq!(
            one[0].to_string(),
            "themes/default/templates/base.html:12:5: error: no `menu` (on 1 page: content/p1.md) — fix it"
        );
        // Problems without pages are still kept apart when they differ.
        let mut two = vec![
            Diagnostic::error("a.md", 1, 1, "same", "one"),
            Diagnostic::error("a.md", 1, 1, "same", "two"),
        ];
        sort_and_dedup(&mut two);
        assert_eq!(two.len(), 2);
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "ə\nşəki x";
        let offset = text.find('x').unwrap_or(0);
        assert_eq!(line_col(text, offset), (2, 6));
        assert_eq!(line_col(text, 0), (1, 1));
    }
}
