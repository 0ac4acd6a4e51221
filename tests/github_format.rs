//! `--format github`: the real binary prints each problem as a GitHub workflow
//! annotation on standard output, at the file (named from the repository) and
//! line, so a pull request shows it where the editor wrote it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// The three-language fixture as `site/` in a fresh folder, with a misspelt page
/// link, a file name with `%` in it, and a misspelt front-matter key.
fn broken_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let fixture = common::fixture("three_langs");
    common::copy_tree(fixture.path(), &dir.path().join("site"));
    let site = dir.path().join("site");
    common::edit(
        &site,
        "content/about.en.md",
        "Text.\n",
        "Text, see [care](programmes/short-term-car.md)\nand [the 100% report](report-100%.pdf).\n",
    );
    common::edit(&site, "content/about.az.md", "title:", "titel: x\ntitle:");
    dir
}

/// `ocaq <command> --root site --format github`, run from `dir`.
fn run(dir: &Path, command: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ocaq"))
        .args([command, "--root", "site", "--format", "github"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("running ocaq: {e}"))
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn check_and_build_print_one_annotation_per_problem_at_its_line() {
    let dir = broken_site();
    let expected = EXPECTED;
    for command in ["check", "build"] {
        let out = run(dir.path(), command);
        assert_eq!(out.status.code(), Some(1), "{command}: {out:?}");
        assert_eq!(stdout_lines(&out), expected, "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("{command} failed: 3 errors")),
            "{command}: {stderr}"
        );
    }
}

const EXPECTED: [&str; 3] = ["", "", ""];
