//! All or nothing, under SIGKILL: the real binary is killed at many moments of a
//! build (while it stages, while it writes, before and after flushing, right after
//! the swap, and at timed moments), and after every kill the output folder holds
//! the previous site or the new one, byte for byte; the next good build leaves no
//! staging or old folder behind.
//!
//! The binary stops at a named point when `OCAQ_PAUSE_AT` names it (src/pause.rs),
//! says so on stderr, and is killed there. Stopped between loading and rendering,
//! it is also let go on after a page was saved again: the build must stop on that
//! page, not publish what it loaded beside what it reads now.
#![cfg(unix)]

mod common;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

type Tree = BTreeMap<String, Vec<u8>>;

fn ocaq_build(root: &Path, out: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_ocaq"));
    c.arg("build")
        .arg("--root")
        .arg(root)
        .arg("--out")
        .arg(out)
        .env_remove("OCAQ_PAUSE_AT")
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// A complete build; fails the test if it does not succeed.
fn good_build(root: &Path, out: &Path) {
    let run = ocaq_build(root, out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ocaq: {e}"));
    assert!(
        run.status.success(),
        "build of {} failed:\n{}",
        root.display(),
        String::from_utf8_lossy(&run.stderr)
    );
}

/// The names beside the output that a build of it may leave (`.public.ocaq-…`).
fn leftovers(out: &Path) -> Vec<String> {
    let parent = out.parent().unwrap_or(Path::new("."));
    let mut v: Vec<String> = std::fs::read_dir(parent)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".ocaq-"))
        .collect();
    v.sort();
    v
}

/// Kills `child` (SIGKILL) and reaps it.
fn kill(mut child: Child) {
    child.kill().unwrap_or_else(|e| panic!("kill: {e}"));
    let status = child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    assert!(!status.success(), "the build finished before it was killed");
}

/// Starts a build that stops at `point`; returns it, stopped there, and the lines it
/// writes on stderr from then on.
fn paused_at(root: &Path, out: &Path, point: &str) -> (Child, mpsc::Receiver<String>) {
    let mut child = ocaq_build(root, out)
        .env("OCAQ_PAUSE_AT", point)
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start ocaq: {e}"));
    let stderr = child.stderr.take().unwrap_or_else(|| panic!("no stderr"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut said = Vec::new();
    loop {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok(line) if line.starts_with("ocaq: paused at ") => return (child, rx),
            Ok(line) => said.push(line),
            // The pipe closed: the build ended without reaching the point.
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = child.wait();
                panic!(
                    "the build never reached {point} ({status:?}):\n{}",
                    said.join("\n")
                );
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        if Instant::now() > deadline {
            kill(child);
            panic!("the build did not reach {point} in 60 s");
        }
    }
}

/// Starts a build that stops at `point` and kills it there; returns its process id.
fn kill_at(root: &Path, out: &Path, point: &str) -> u32 {
    let (child, _) = paused_at(root, out, point);
    let pid = child.id();
    kill(child);
    pid
}

/// Which of the two sites the output holds, byte for byte; fails on anything else.
fn which(out: &Path, sites: &[(&str, &Tree)]) -> String {
    let now = common::snapshot(out);
    for (name, tree) in sites {
        if now == **tree {
            return name.to_string();
        }
    }
    let (_, first) = sites[0];
    let differing: Vec<&String> = now
        .keys()
        .chain(first.keys())
        .filter(|k| now.get(*k) != first.get(*k))
        .take(5)
        .collect();
    panic!(
        "the output is neither site ({} files; first differences from {}: {differing:?})",
        now.len(),
        sites[0].0
    );
}

#[test]
fn a_build_killed_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out: PathBuf = tmp.path().join("out/public");
    // Two versions of a site: each build replaces the other's output.
    let a = common::fixture("three_langs");
    let b = common::fixture("three_langs");
    common::edit(
        b.path(),
        "content/about.en.md",
        "title: About us",
        "title: About the villages",
    );
    for (lang, text) in [
        (
            "az",
            "---\ntitle: Gənclər evi\n---\nHimayədən çıxan gənclər üçün.\n",
        ),
        (
            "en",
            "---\ntitle: Youth house\n---\nFor young people leaving care.\n",
        ),
    ] {
        std::fs::write(
            b.path().join(format!("content/programmes/youth.{lang}.md")),
            text,
        )
        .unwrap_or_else(|e| panic!("{e}"));
    }

    // Each site's output, built on its own.
    let expected = |root: &Path, name: &str| -> Tree {
        let dir = tmp.path().join(name);
        good_build(root, &dir);
        common::snapshot(&dir)
    };
    let (site_a, site_b) = (expected(a.path(), "a"), expected(b.path(), "b"));
    assert_ne!(site_a, site_b, "the two versions must differ");
    // Not every file of the output passes the `write` point (the build wrote 23 of
    // 25 through it when this was written), so the write points stop short of the
    // smaller site's file count; the points after the last write follow.
    let files = site_a.len().min(site_b.len()) - 4;
    assert!(files > 16, "only {files} files");
    let mut points: Vec<(String, &str)> = vec![("staging-created".into(), "old")];
    for n in (1..=files).step_by(3) {
        points.push((format!("write:{n}"), "old"));
    }
    for (p, holds) in [
        ("before-sync", "old"),
        ("before-swap", "old"),
        ("after-swap", "new"),
    ] {
        points.push((p.into(), holds));
    }

    good_build(a.path(), &out);
    let mut current = "a";
    let mut kills = 0;
    for (point, holds) in &points {
        // Alternate the direction: a over b, then b over a.
        let (old_name, new_name) = if current == "a" {
            ("a", "b")
        } else {
            ("b", "a")
        };
        let (old_tree, new_tree, new_root) = if current == "a" {
            (&site_a, &site_b, b.path())
        } else {
            (&site_b, &site_a, a.path())
        };
        let pid = kill_at(new_root, &out, point);
        kills += 1;
        let now = which(&out, &[(old_name, old_tree), (new_name, new_tree)]);
        let want = if *holds == "old" { old_name } else { new_name };
        assert_eq!(
            now, want,
            "killed at {point}: the output should be the {holds} site"
        );
        let left = leftovers(&out);
        assert!(
            left.iter().any(|n| n.ends_with(&format!("-{pid}"))),
            "killed at {point}: its staging folder should still be there, for the next build to remove: {left:?}"
        );
        // The next good build of the same version cleans up after the killed one.
        good_build(new_root, &out);
        assert_eq!(which(&out, &[(new_name, new_tree)]), new_name);
        assert_eq!(
            leftovers(&out),
            Vec::<String>::new(),
            "after the build killed at {point}"
        );
        current = new_name;
    }

    // The fallback swap (two renames, where the platform cannot exchange) has a
    // window with no output folder: killed there, the old site waits beside it,
    // whole, and the next build puts it back before it does anything else, even
    // a build that then fails.
    let (old_name, old_tree, new_root) = if current == "a" {
        ("a", &site_a, b.path())
    } else {
        ("b", &site_b, a.path())
    };
    let pid = kill_at(new_root, &out, "between-renames");
    kills += 1;
    assert!(
        !out.exists(),
        "killed between the renames: no output folder"
    );
    let aside = out.with_file_name(format!(".public.ocaq-old-{pid}"));
    assert_eq!(which(&aside, &[(old_name, old_tree)]), old_name);
    let broken = common::fixture("three_langs");
    common::edit(broken.path(), "content/about.en.md", "title:", "titel:");
    let run = ocaq_build(broken.path(), &out)
        .output()
        .unwrap_or_else(|e| panic!("cannot run ocaq: {e}"));
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        which(&out, &[(old_name, old_tree)]),
        old_name,
        "the old site is back"
    );
    assert_eq!(
        leftovers(&out),
        Vec::<String>::new(),
        "after the build killed between renames"
    );

    // Kills at timed moments over a whole build, wherever they fall.
    let started = Instant::now();
    good_build(if current == "a" { b.path() } else { a.path() }, &out);
    current = if current == "a" { "b" } else { "a" };
    let whole = started.elapsed();
    for step in 0..12u32 {
        let (new_root, new_name) = if current == "a" {
            (b.path(), "b")
        } else {
            (a.path(), "a")
        };
        let mut child = ocaq_build(new_root, &out)
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start ocaq: {e}"));
        std::thread::sleep(whole * step / 10);
        let _ = child.kill();
        let _ = child.wait();
        kills += 1;
        which(&out, &[("a", &site_a), ("b", &site_b)]);
        good_build(new_root, &out);
        assert_eq!(
            leftovers(&out),
            Vec::<String>::new(),
            "after timed kill {step}"
        );
        current = new_name;
    }
    eprintln!(
        "{kills} kills ({} at named points), output always whole",
        points.len()
    );
}

/// A page saved again while a build runs, after the build loaded it and before it
/// read it again to render it: the build stops, names the file, and the previous
/// site stays as it was, with nothing left beside it.
#[test]
fn a_page_changed_between_load_and_render_stops_the_build_and_keeps_the_old_site() {
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let out: PathBuf = tmp.path().join("out/public");
    let site = common::fixture("three_langs");
    good_build(site.path(), &out);
    let before = common::snapshot(&out);

    let (mut child, rest) = paused_at(site.path(), &out, "before-render");
    let pid = i32::try_from(child.id())
        .ok()
        .and_then(rustix::process::Pid::from_raw)
        .unwrap_or_else(|| panic!("no process id"));
    // The build says it pauses just before it stops itself: a SIGCONT sent in
    // between would be lost, so wait until it has stopped.
    let stopped = rustix::process::waitpid(Some(pid), rustix::process::WaitOptions::UNTRACED)
        .unwrap_or_else(|e| panic!("waitpid: {e}"));
    assert!(
        stopped.is_some_and(|(_, status)| status.stopped()),
        "{stopped:?}"
    );
    let page = site.path().join("content/about.en.md");
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&page)
        .unwrap_or_else(|e| panic!("{e}"));
    std::io::Write::write_all(&mut file, b"\nOne more line, saved during the build.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    drop(file);
    rustix::process::kill_process(pid, rustix::process::Signal::CONT)
        .unwrap_or_else(|e| panic!("SIGCONT: {e}"));
    let status = child.wait().unwrap_or_else(|e| panic!("wait: {e}"));
    let said: Vec<String> = rest.iter().collect();
    let said = said.join("\n");
    assert_eq!(status.code(), Some(1), "{said}");
    assert!(
        said.contains("content/about.en.md")
            && said.contains("this file changed while the site was being built"),
        "{said}"
    );
    assert!(
        common::snapshot(&out) == before,
        "the previous site changed"
    );
    assert_eq!(leftovers(&out), Vec::<String>::new());
}
