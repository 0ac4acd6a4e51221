//! How the binary prints what the library returns (part of the binary, not
//! the library): problems one per line with their place, the build summary,
//! and `check`'s report as text or JSON.

use ocaq::check::{coverage_table, CheckReport};
use ocaq::{BuildError, BuildReport, Diagnostic};
use std::path::PathBuf;
use std::process::ExitCode;

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// A successful build: its warnings, then one line of what it did.
pub(crate) fn built(report: &BuildReport) -> ExitCode {
    print_all(&report.warnings);
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
    let diags = e.diagnostics();
    print_all(diags);
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
