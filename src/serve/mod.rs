//! `ocaq serve`: build into memory, serve over HTTP, rebuild on change and
//! reload open pages; a broken edit keeps the last good site and shows why.

mod http;
mod live;
mod translations;
mod watch;

use crate::diagnostic::{BuildError, Diagnostic};
use crate::options::BuildOptions;
use http::Shared;
pub use live::{LiveSite, Rebuilt};
use notify::Watcher;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::time::Duration;

/// Why `serve` could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {reason} — choose another port with --port")]
    Bind {
        /// The address asked for.
        addr: String,
        /// What the system said.
        reason: String,
    },
    /// The folders could not be watched.
    #[error("cannot watch the site's folders for changes: {0}")]
    Watch(String),
}

/// Filesystem events, as the watcher sends them.
type Events = Receiver<notify::Result<notify::Event>>;

/// Runs the server until the process is stopped; `log` receives terminal lines.
pub fn serve(
    opts: &BuildOptions,
    bind: &str,
    port: u16,
    log: &mut dyn FnMut(String),
) -> Result<(), ServeError> {
    // Watch before the first build, so no save made from now on is missed.
    let (_watcher, events) = watch_site(opts)?;
    let shared = Arc::new(Shared::default());
    let mut live = match LiveSite::build(opts) {
        Ok((live, rebuilt)) => {
            log(format!(
                "built {} pages in {} ms",
                rebuilt.total,
                rebuilt.elapsed.as_millis()
            ));
            shared.publish(live.files());
            Some(live)
        }
        Err(e) => {
            let text = report(e.diagnostics());
            log(format!(
                "{text}\nthe site has errors; fix them and save: the page will update"
            ));
            shared.fail(text);
            None
        }
    };
    listen(bind, port, &shared, log)?;
    while let Some(changed) = next_change(&events) {
        let result = match &mut live {
            Some(l) => l.rebuild(&changed),
            None => LiveSite::build(opts).map(|(l, rebuilt)| {
                live = Some(l);
                rebuilt
            }),
        };
        publish(result, live.as_ref(), &shared, log);
    }
    Ok(())
}

/// Starts watching the site's sources.
fn watch_site(opts: &BuildOptions) -> Result<(notify::RecommendedWatcher, Events), ServeError> {
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })
    .map_err(|e| ServeError::Watch(e.to_string()))?;
    for (path, mode) in watch::watched(&opts.root) {
        watcher
            .watch(&path, mode)
            .map_err(|e| ServeError::Watch(format!("{}: {e}", path.display())))?;
    }
    Ok((watcher, rx))
}

/// Binds the address and answers requests on a few threads.
fn listen(
    bind: &str,
    port: u16,
    shared: &Arc<Shared>,
    log: &mut dyn FnMut(String),
) -> Result<(), ServeError> {
    let addr = format!("{bind}:{port}");
    let bind_error = |reason: String| ServeError::Bind {
        addr: addr.clone(),
        reason,
    };
    let listener = std::net::TcpListener::bind(&addr).map_err(|e| bind_error(e.to_string()))?;
    // tiny_http writes a response's headers and a body over 1 KiB in two writes; with
    // Nagle's algorithm the body's last segment then waits for the browser's delayed
    // ACK, about 40 ms on every request of a kept-alive connection after the first.
    // Connections accepted from this socket inherit the option (Linux, macOS, BSD);
    // where they do not, pages are only slower, so a failure here is not an error.
    let _ = rustix::net::sockopt::set_tcp_nodelay(&listener, true);
    let server =
        tiny_http::Server::from_listener(listener, None).map_err(|e| bind_error(e.to_string()))?;
    let actual = server
        .server_addr()
        .to_ip()
        .map_or(addr.clone(), |a| a.to_string());
    log(format!("serving on http://{actual}/ (Ctrl+C to stop)"));
    log(format!(
        "translations: http://{actual}{}",
        translations::PATH
    ));
    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, shared) = (server.clone(), shared.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                // Event streams hold their connection; everything else is quick.
                http::handle(request, &shared);
            }
        });
    }
    Ok(())
}

/// The next batch of changed paths; `None` when the watcher has stopped.
fn next_change(events: &Events) -> Option<Vec<PathBuf>> {
    loop {
        let first = events.recv().ok()?;
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut collect = |res: notify::Result<notify::Event>| {
            if let Ok(ev) = res {
                if !matches!(ev.kind, notify::EventKind::Access(_)) {
                    changed.extend(ev.paths);
                }
            }
        };
        collect(first);
        // Editors save in bursts (temp file, rename, chmod): wait for a quiet moment.
        while let Ok(res) = events.recv_timeout(Duration::from_millis(80)) {
            collect(res);
        }
        changed.retain(|p| !watch::is_editor_noise(p));
        changed.sort();
        changed.dedup();
        if !changed.is_empty() {
            return Some(changed);
        }
    }
}

/// Shows the result of a rebuild: the new files, or the error over the last good ones.
fn publish(
    result: Result<Rebuilt, BuildError>,
    live: Option<&LiveSite>,
    shared: &Shared,
    log: &mut dyn FnMut(String),
) {
    match result {
        Ok(rebuilt) => {
            if let Some(l) = live {
                shared.publish(l.files());
            }
            for w in &rebuilt.warnings {
                log(w.to_string());
            }
            log(format!(
                "rebuilt {} of {} pages in {} ms{}",
                rebuilt.rendered.len(),
                rebuilt.total,
                rebuilt.elapsed.as_millis(),
                if rebuilt.incremental { "" } else { " (full)" }
            ));
        }
        Err(e) => {
            let text = report(e.diagnostics());
            log(format!("{text}\nstill serving the last good version"));
            shared.fail(text);
        }
    }
}

/// Formats diagnostics for the terminal and the browser overlay.
fn report(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}
