//! `--format github`: the real binary prints each problem as a GitHub workflow
//! annotation on standard output, at the file (named from the repository) and
//! line, so a pull request shows it where the editor wrote it.

mod common;

use std::path::Path;
use std::process::{Command, Output};

/// The three-language fixture as `site/` in a fresh folder, with a misspelt page
/// link and a link to a file with `%` in its name.
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
            stderr.contains(&format!("{command} failed: 2 errors")),
            "{command}: {stderr}"
        );
    }
}

/// A warning the fixture has anyway, and the two errors, `%` escaped as `%25`.
const EXPECTED: [&str; 3] = [
    "::warning file=site/content/_index.ru.md,line=5,col=60::`about.md` has no `ru` translation; \
     the link goes to the `az` page — translate that page, or link to another one",
    "::error file=site/content/about.en.md,line=8,col=11::the link to `programmes/short-term-car.md` \
     points to a page that does not exist — did you mean `programmes/short-term-care.md`?",
    "::error file=site/content/about.en.md,line=9,col=5::the file `report-100%25.pdf` does not exist \
     — put the file beside the page in content/, or fix the name (it is case-sensitive)",
];
