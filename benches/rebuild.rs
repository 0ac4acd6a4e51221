//! Incremental rebuild timing, as `ocaq serve` does it after an editor saves.
//!
//! ```sh
//! cargo bench --bench rebuild -- <site-root> [content/…/page.az.md] [--runs N]
//! ```
//! 1. Full build into memory (`ocaq::serve::LiveSite::build`), timed; done
//!    3 times, median and max reported (the first also warms the page cache).
//! 2. Body edit: the page's last paragraph gets a different sentence on disk,
//!    then `state.rebuild(&[path])`, timed; N times (default 20).
//! 3. Title edit: the page's `title:` line changes (the section listing, home
//!    page and pages linking to it render again), N times.
//!
//! The page is restored afterwards. Without a page argument the first
//! non-index `.md` file under `content/` (sorted) is used. Arguments starting
//! with `--` other than `--runs` are ignored (cargo passes `--bench`).

use ocaq::serve::LiveSite;
use ocaq::BuildOptions;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

/// Turns a page's text into its edited text for the i-th run.
type Edit = dyn Fn(&str, usize) -> String;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<Duration>) -> (f64, f64, f64) {
    v.sort();
    let median = if v.len() % 2 == 1 {
        ms(v[v.len() / 2])
    } else {
        (ms(v[v.len() / 2 - 1]) + ms(v[v.len() / 2])) / 2.0
    };
    (median, ms(v[0]), ms(v[v.len() - 1]))
}

fn first_page(root: &Path) -> Option<PathBuf> {
    walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "md")
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with("_index"))
        })
}

fn fail(what: &str, e: &ocaq::BuildError) -> ExitCode {
    eprintln!("rebuild bench: {what} failed:");
    for d in e.diagnostics() {
        eprintln!("{d}");
    }
    ExitCode::FAILURE
}

/// Rewrites the page with `edit(original, i)`, rebuilds, and times each rebuild.
fn edits(
    state: &mut LiveSite,
    page: &Path,
    original: &str,
    runs: usize,
    edit: impl Fn(&str, usize) -> String,
) -> Result<(Vec<Duration>, usize, bool), ocaq::BuildError> {
    let mut times = Vec::with_capacity(runs);
    let (mut rendered, mut incremental) = (0, true);
    for i in 0..runs {
        std::fs::write(page, edit(original, i))
            .unwrap_or_else(|e| panic!("{}: {e}", page.display()));
        let started = Instant::now();
        let outcome = state.rebuild(&[page.to_path_buf()])?;
        times.push(started.elapsed());
        rendered = rendered.max(outcome.rendered.len());
        incremental &= outcome.incremental;
    }
    Ok((times, rendered, incremental))
}

fn main() -> ExitCode {
    let mut runs = 20usize;
    let mut positional = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        if a == "--runs" {
            runs = args
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(runs)
                .max(1);
        } else if !a.starts_with("--") {
            positional.push(a);
        }
    }
    let Some(root) = positional.first() else {
        eprintln!("usage: rebuild <site-root> [page.md] [--runs N]");
        return ExitCode::from(2);
    };
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| PathBuf::from(root));
    let page = match positional.get(1) {
        Some(p) => std::fs::canonicalize(root.join(p)).unwrap_or_else(|_| root.join(p)),
        None => match first_page(&root) {
            Some(p) => p,
            None => {
                eprintln!("rebuild bench: no page under {}/content", root.display());
                return ExitCode::from(2);
            }
        },
    };
    let opts = BuildOptions::new(&root);

    let mut full = Vec::new();
    let mut state = None;
    let mut total = 0;
    for _ in 0..3 {
        let started = Instant::now();
        match LiveSite::build(&opts) {
            Ok((s, built)) => {
                full.push(started.elapsed());
                state = Some(s);
                total = built.total;
            }
            Err(e) => return fail("the full build", &e),
        }
    }
    let Some(mut state) = state else {
        return ExitCode::FAILURE;
    };
    let (fmed, fmin, fmax) = stats(full);
    println!(
        "full in-memory build ({total} pages): median {fmed:.1} ms, min {fmin:.1} ms, max {fmax:.1} ms (3 runs)"
    );

    let original = match std::fs::read_to_string(&page) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("rebuild bench: {}: {e}", page.display());
            return ExitCode::from(2);
        }
    };
    let rel = page
        .strip_prefix(&root)
        .unwrap_or(&page)
        .display()
        .to_string();
    let body_edit = |orig: &str, i: usize| {
        format!(
            "{}\nEdited paragraph number {i}: the text changed.\n",
            orig.trim_end()
        )
    };
    let title_edit = |orig: &str, i: usize| {
        orig.lines()
            .map(|l| {
                if l.starts_with("title:") {
                    format!("title: \"Edited title {i}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    let scenarios: [(&str, &Edit); 2] = [("body edit", &body_edit), ("title edit", &title_edit)];
    let mut result = ExitCode::SUCCESS;
    for (name, edit) in scenarios {
        match edits(&mut state, &page, &original, runs, edit) {
            Ok((times, rendered, incremental)) => {
                let (med, min, max) = stats(times);
                println!(
                    "{name} of {rel}: median {med:.2} ms, min {min:.2} ms, max {max:.2} ms over {runs} rebuilds; \
                     {rendered} of {total} pages rendered again; incremental: {incremental}"
                );
            }
            Err(e) => {
                result = fail(name, &e);
                break;
            }
        }
    }
    if let Err(e) = std::fs::write(&page, &original) {
        eprintln!("rebuild bench: could not restore {}: {e}", page.display());
        return ExitCode::FAILURE;
    }
    result
}
