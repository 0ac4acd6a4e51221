//! A test hook: `OCAQ_PAUSE_AT=<point>[:<n>]` makes the process stop the `n`-th
//! time (default: the first) it reaches the named point, after saying so on stderr
//! (`ocaq: paused at <point>:<n>`). On Unix the whole process stops itself
//! (SIGSTOP), every thread at once: a test may kill it there (tests/kill.rs kills
//! real builds at exact moments, inside the swap too) or change something and let
//! it go on with SIGCONT (tests/kill.rs also edits a page between load and render).
//! Elsewhere the thread that reached the point sleeps for good.
//!
//! `OCAQ_PAUSE_AT=between-renames` also makes the swap take its fallback (two
//! renames), so the window the fallback has is tested on Linux too.
//!
//! Unset, it does nothing but read the variable once: a build's behaviour and
//! output never depend on it. It is an environment variable and not a cargo
//! feature so that the binary `cargo test` runs is the one users get.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

/// The point and the hit to stop at, read once from the environment.
fn wanted() -> Option<&'static (String, usize)> {
    static WANTED: OnceLock<Option<(String, usize)>> = OnceLock::new();
    WANTED
        .get_or_init(|| parse(&std::env::var("OCAQ_PAUSE_AT").ok()?))
        .as_ref()
}

/// `point` or `point:n` (n ≥ 1).
fn parse(spec: &str) -> Option<(String, usize)> {
    match spec.rsplit_once(':') {
        Some((name, n)) => Some((name.to_string(), n.parse().ok().filter(|n| *n >= 1)?)),
        None => Some((spec.to_string(), 1)),
    }
    .filter(|(name, _)| !name.is_empty())
}

/// Whether the test hook names `name`: the swap uses this to take its two-rename
/// fallback when a test wants to stop between the two renames, which on Linux
/// would otherwise never run.
pub(crate) fn asks_for(name: &str) -> bool {
    wanted().is_some_and(|(want, _)| want == name)
}

/// Marks a point of the build; stops the process here if the test hook asks for it.
pub(crate) fn point(name: &str) {
    static HITS: AtomicUsize = AtomicUsize::new(0);
    let Some((want, n)) = wanted() else { return };
    if want != name || HITS.fetch_add(1, Ordering::SeqCst) + 1 != *n {
        return;
    }
    eprintln!("ocaq: paused at {name}:{n}");
    stop();
}

/// Stops the whole process until it is sent SIGCONT (or killed).
#[cfg(unix)]
fn stop() {
    use rustix::process::{getpid, kill_process, Signal};
    if kill_process(getpid(), Signal::STOP).is_err() {
        sleep_for_good();
    }
}

/// Stops this thread: without SIGSTOP, the other threads go on until they wait for it.
#[cfg(not(unix))]
fn stop() {
    sleep_for_good();
}

/// Sleeps for good: only a signal ends the process from here.
fn sleep_for_good() {
    loop {
        std::thread::sleep(Duration::from_secs(3600));
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn a_point_may_name_its_hit() {
        assert_eq!(parse("before-swap"), Some(("before-swap".into(), 1)));
        assert_eq!(parse("write:12"), Some(("write".into(), 12)));
        assert_eq!(parse("write:0"), None);
        assert_eq!(parse("write:x"), None);
        assert_eq!(parse(":3"), None);
        assert_eq!(parse(""), None);
    }
}
