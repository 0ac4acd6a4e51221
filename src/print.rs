//! How the binary prints what the library returns (part of the binary, not
//! the library): problems one per line with their place, the build summary,
//! and `check`'s report as text or JSON; or, for `--format github`, every problem
//! as a GitHub workflow annotation, so a pull request shows it on its line.

use ocaq::check::{coverage_table, CheckReport};
use ocaq::{BuildError, BuildReport, Diagnostic, Severity};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// What `translated` recorded, a line per file.
pub(crate) fn translated(marked: &[ocaq::Marked]) -> ExitCode {
    for m in marked {
        println!(
            "{}: translated from {} as it is now ({})",
            m.file.display(),
            m.source.display(),
            m.hash
        );
    }
    ExitCode::SUCCESS
}

/// A successful build: its warnings, then one line of what it did.
pub(crate) fn built(report: &BuildReport) -> ExitCode {
    print_all(&report.warnings);
    built_summary(report)
}

/// The one line of what a successful build did.
fn built_summary(report: &BuildReport) -> ExitCode {
    let photos = if report.images.pictures == 0 {
        String::new()
    } else {
        format!(
            ", {} (copies: {} resized, {} from the cache)",
            plural(report.images.pictures, "photo"),
            report.images.made,
            report.images.reused
        )
    };
    let warnings = if report.warnings.is_empty() {
        String::new()
    } else {
        format!(", {}", plural(report.warnings.len(), "warning"))
    };
    eprintln!(
        "built {} ({}){photos} into {} in {} ms{warnings}",
        plural(report.pages, "page"),
        plural(report.files, "file"),
        report.out.display(),
        report.elapsed.as_millis(),
    );
    ExitCode::SUCCESS
}

/// A failure: every problem, then what failed and what it means.
pub(crate) fn failed(e: &BuildError, what: &str, consequence: &str) -> ExitCode {
    print_all(e.diagnostics());
    summary_of_failure(e, what, consequence)
}

/// The one line of what failed, with the exit status it calls for.
fn summary_of_failure(e: &BuildError, what: &str, consequence: &str) -> ExitCode {
    let diags = e.diagnostics();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!("{what}: {}; {consequence}", plural(errors, "error"));
    ExitCode::from(e.exit_code() as u8)
}

/// The pages `new` created.
pub(crate) fn created(files: &[PathBuf]) -> ExitCode {
    for f in files {
        println!("created {}", f.display());
    }
    ExitCode::SUCCESS
}

/// Exit status of a check: errors fail, and warnings too when `strict`.
fn check_status(report: &CheckReport, strict: bool) -> ExitCode {
    if report.errors() > 0 || (strict && report.warnings() > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `check`'s report as text: problems, the translation table, hidden statistics.
pub(crate) fn check_text(result: &Result<CheckReport, BuildError>, strict: bool) -> ExitCode {
    let report = match result {
        Ok(r) => r,
        Err(e) => return failed(e, "check failed", "fix these and run it again"),
    };
    print_all(&report.diagnostics);
    let languages: Vec<String> = report
        .coverage
        .first()
        .map(|c| c.languages.keys().cloned().collect())
        .unwrap_or_default();
    println!("translations:\n{}", coverage_table(report, &languages));
    if !report.overrides.is_empty() {
        println!("theme files this site replaces with its own:");
        for f in &report.overrides {
            println!("  {}", f.display());
        }
    }
    if !report.suppressed.is_empty() {
        println!("statistics hidden to protect children:");
        for s in &report.suppressed {
            println!("  {}", s.line());
        }
    }
    if !report.search.is_empty() {
        println!("search index:");
        for s in &report.search {
            println!("  {}", s.line());
        }
    }
    println!(
        "{}, {}",
        plural(report.errors(), "error"),
        plural(report.warnings(), "warning")
    );
    check_status(report, strict)
}

/// `check`'s report as JSON (a failed check has only its diagnostics).
pub(crate) fn check_json(result: &Result<CheckReport, BuildError>, strict: bool) -> ExitCode {
    match result {
        Ok(report) => {
            match serde_json::to_string_pretty(report) {
                Ok(json) => println!("{json}"),
                Err(e) => eprintln!("cannot write the report: {e}"),
            }
            check_status(report, strict)
        }
        Err(e) => {
            let json =
                serde_json::json!({"diagnostics": e.diagnostics(), "coverage": [], "unused": []});
            println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            );
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Text in a workflow command's message: `%`, CR and LF escaped as GitHub documents
/// (otherwise a newline would end the annotation and the rest become a log line).
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Text in a workflow command's property (`file=…`): also `:` and `,`, which would
/// end the property.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One problem as a GitHub workflow annotation:
/// `::error file=content/a.md,line=3,col=5::what is wrong — what to do`.
/// Line and column are left out when unknown (0), so GitHub marks the whole file.
/// The file is named from the repository, where GitHub looks for it: problems name
/// it from the site's folder, so a `--root` other than `.` is put in front.
pub(crate) fn annotation(d: &Diagnostic, root: &Path) -> String {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let file = if root == Path::new(".") || root.as_os_str().is_empty() {
        d.file.clone()
    } else {
        root.join(&d.file)
    };
    let mut props = format!("file={}", escape_property(&file.to_string_lossy()));
    if d.line > 0 {
        props.push_str(&format!(",line={}", d.line));
        if d.column > 0 {
            props.push_str(&format!(",col={}", d.column));
        }
    }
    let mut message = d.what();
    if !d.hint.is_empty() {
        message.push_str(" — ");
        message.push_str(&d.hint);
    }
    format!("::{command} {props}::{}", escape_data(&message))
}

/// Every problem as an annotation, on standard output where the runner reads them.
fn annotate_all(diags: &[Diagnostic], root: &Path) {
    for d in diags {
        println!("{}", annotation(d, root));
    }
}

/// `build --format github`: annotations, then the usual one-line summary.
pub(crate) fn build_github(result: &Result<BuildReport, BuildError>, root: &Path) -> ExitCode {
    match result {
        Ok(report) => {
            annotate_all(&report.warnings, root);
            built_summary(report)
        }
        Err(e) => {
            annotate_all(e.diagnostics(), root);
            summary_of_failure(e, "build failed", "nothing was published")
        }
    }
}

/// `build --format json`: `{"diagnostics": [...]}` on stdout (warnings of a good build,
/// or every problem of a failed one), then the usual one-line summary.
pub(crate) fn build_json(result: &Result<BuildReport, BuildError>) -> ExitCode {
    let diags = match result {
        Ok(report) => &report.warnings[..],
        Err(e) => e.diagnostics(),
    };
    let json = serde_json::json!({ "diagnostics": diags });
    println!(
        "{}",
        serde_json::to_string_pretty(&json).unwrap_or_default()
    );
    match result {
        Ok(report) => built_summary(report),
        Err(e) => summary_of_failure(e, "build failed", "nothing was published"),
    }
}

/// `check --format github`: annotations and the counts; no translation table.
pub(crate) fn check_github(
    result: &Result<CheckReport, BuildError>,
    strict: bool,
    root: &Path,
) -> ExitCode {
    match result {
        Ok(report) => {
            annotate_all(&report.diagnostics, root);
            eprintln!(
                "{}, {}",
                plural(report.errors(), "error"),
                plural(report.warnings(), "warning")
            );
            check_status(report, strict)
        }
        Err(e) => {
            annotate_all(e.diagnostics(), root);
            summary_of_failure(e, "check failed", "fix these and run it again")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_annotation_names_file_line_and_column() {
        let d = Diagnostic::error("content/a.az.md", 3, 5, "broken link", "fix the path");
        let here = Path::new(".");
        assert_eq!(
            annotation(&d, here),
            "::error file=content/a.az.md,line=3,col=5::broken link — fix the path"
        );
        let w = Diagnostic::warning("site.yaml", 0, 0, "old", "");
        assert_eq!(annotation(&w, here), "::warning file=site.yaml::old");
        let no_col = Diagnostic::error("a.md", 2, 0, "x", "y");
        assert_eq!(annotation(&no_col, here), "::error file=a.md,line=2::x — y");
        // `--root site`: named from the repository, where GitHub looks.
        assert_eq!(
            annotation(&no_col, Path::new("site")),
            "::error file=site/a.md,line=2::x — y"
        );
    }

    #[test]
    fn percent_newlines_and_property_separators_are_escaped() {
        let d = Diagnostic::error("con,tent/a:b.md", 1, 1, "50% done\r\nnext", "a:b, c");
        assert_eq!(
            annotation(&d, Path::new(".")),
            "::error file=con%2Ctent/a%3Ab.md,line=1,col=1::50%25 done%0D%0Anext — a:b, c"
        );
    }
}
