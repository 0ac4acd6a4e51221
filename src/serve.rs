//! `ocaq serve`: build into memory, serve over HTTP, rebuild on change and
//! reload open pages; a broken edit keeps the last good site and shows why.

use crate::build::BuildOptions;
use crate::diagnostic::Diagnostic;
use crate::rebuild::{Files, State};
use notify::{RecursiveMode, Watcher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The script `serve` adds to every HTML page (and only `serve`).
const LIVE_JS: &str = include_str!("live.js");
/// Where the script is served.
pub const LIVE_JS_PATH: &str = "/__ocaq/live.js";
const EVENTS_PATH: &str = "/__ocaq/events";
const STATUS_PATH: &str = "/__ocaq/status";

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

/// What the server shows: the last good files and the current error, if any.
#[derive(Default)]
pub struct Shared {
    files: RwLock<Arc<Files>>,
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    /// Publishes a new site; readers see the old one or the new one, never a mix.
    pub fn publish(&self, files: Arc<Files>) {
        *self.files.write().unwrap_or_else(|p| p.into_inner()) = files;
        *self.error.write().unwrap_or_else(|p| p.into_inner()) = None;
        self.broadcast("event: reload\ndata: ok\n\n");
    }

    /// Records a failed build; the last good site stays.
    pub fn fail(&self, text: String) {
        let data: String = text.lines().map(|l| format!("data: {l}\n")).collect();
        *self.error.write().unwrap_or_else(|p| p.into_inner()) = Some(text);
        self.broadcast(&format!("event: build-error\n{data}\n"));
    }

    fn broadcast(&self, message: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.retain(|c| c.send(message.to_string()).is_ok());
    }

    /// The current error text, if the last build failed.
    pub fn error(&self) -> Option<String> {
        self.error.read().unwrap_or_else(|p| p.into_inner()).clone()
    }
}

/// Decodes `%xx` escapes; `None` for invalid or non-UTF-8 escapes.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            // `from_str_radix` alone would take a sign (`%+1`): require two hex digits.
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            out.push(u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The answer to a GET of `url`: status, content type, body.
pub fn respond(files: &Files, url: &str, live: bool) -> (u16, &'static str, Vec<u8>) {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(decoded) = percent_decode(path) else {
        return (400, "text/plain; charset=utf-8", b"bad request".to_vec());
    };
    // Only files of the built site exist here; anything that climbs or smuggles is refused.
    if decoded.contains('\\')
        || decoded.contains('\0')
        || decoded.split('/').any(|s| s == ".." || s == ".")
    {
        return (400, "text/plain; charset=utf-8", b"bad request".to_vec());
    }
    let rel = decoded.trim_start_matches('/');
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.to_string(), format!("{rel}/index.html")]
    };
    for (i, c) in candidates.iter().enumerate() {
        if let Some(bytes) = files.get(c) {
            if i == 1 {
                // `/about` → `/about/`, so relative links on the page keep working.
                return (
                    301,
                    "text/plain; charset=utf-8",
                    // Built from the cleaned path: `//en` must not become `//en/`, another host.
                    format!("/{rel}/").into_bytes(),
                );
            }
            return (200, content_type(c), finish(c, bytes, live));
        }
    }
    let lang_404 = rel.split('/').next().map(|l| format!("{l}/404.html"));
    let page = lang_404
        .and_then(|p| files.get(&p))
        .or_else(|| files.get("404.html"));
    match page {
        Some(bytes) => (
            404,
            "text/html; charset=utf-8",
            finish("404.html", bytes, live),
        ),
        None => (404, "text/plain; charset=utf-8", b"not found".to_vec()),
    }
}

/// Adds the live-reload script to HTML pages.
fn finish(name: &str, bytes: &[u8], live: bool) -> Vec<u8> {
    if !live || !name.ends_with(".html") {
        return bytes.to_vec();
    }
    let tag = format!("<script src=\"{LIVE_JS_PATH}\" defer></script>\n");
    let text = String::from_utf8_lossy(bytes);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// The media type of a file by its extension.
pub fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Formats diagnostics for the terminal and the browser overlay.
pub fn report(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn handle(request: tiny_http::Request, shared: &Shared) {
    let url = request.url().to_string();
    let header = |k: &str, v: &str| tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()).ok();
    if !matches!(
        request.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        let _ = request
            .respond(tiny_http::Response::from_string("method not allowed").with_status_code(405));
        return;
    }
    match url.as_str() {
        EVENTS_PATH => {
            let (tx, rx) = mpsc::channel::<String>();
            shared
                .clients
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(tx);
            let initial = match shared.error() {
                Some(e) => format!(
                    "event: build-error\n{}\n",
                    e.lines()
                        .map(|l| format!("data: {l}\n"))
                        .collect::<String>()
                ),
                None => ":ok\n\n".to_string(),
            };
            std::thread::spawn(move || stream_events(request, &initial, &rx));
        }
        STATUS_PATH => {
            let body = shared.error().unwrap_or_default();
            let mut r = tiny_http::Response::from_string(body);
            if let Some(h) = header("Content-Type", "text/plain; charset=utf-8") {
                r = r.with_header(h);
            }
            let _ = request.respond(r);
        }
        LIVE_JS_PATH => {
            let mut r = tiny_http::Response::from_string(LIVE_JS);
            if let Some(h) = header("Content-Type", "text/javascript; charset=utf-8") {
                r = r.with_header(h);
            }
            let _ = request.respond(r);
        }
        _ => {
            let files = shared
                .files
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone();
            let (status, ctype, body) = respond(&files, &url, true);
            let mut r = if status == 301 {
                let location = String::from_utf8_lossy(&body).into_owned();
                let mut r = tiny_http::Response::from_string("moved").with_status_code(301);
                if let Some(h) = header("Location", &location) {
                    r = r.with_header(h);
                }
                r
            } else {
                tiny_http::Response::from_data(body).with_status_code(status)
            };
            if let Some(h) = header("Content-Type", ctype) {
                r = r.with_header(h);
            }
            if let Some(h) = header("Cache-Control", "no-store") {
                r = r.with_header(h);
            }
            let _ = request.respond(r);
        }
    }
}

/// Server-sent events on the raw connection, flushed one by one.
fn stream_events(request: tiny_http::Request, initial: &str, rx: &Receiver<String>) {
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.write_all(initial.as_bytes()))
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            // A comment keeps proxies from closing an idle stream and finds closed tabs.
            Err(mpsc::RecvTimeoutError::Timeout) => ":keep-alive\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(message.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Folders and files whose change triggers a rebuild.
fn watched(root: &Path) -> Vec<(PathBuf, RecursiveMode)> {
    let mut v: Vec<(PathBuf, RecursiveMode)> = ["content", "themes", "locales"]
        .iter()
        .map(|d| (root.join(d), RecursiveMode::Recursive))
        .filter(|(p, _)| p.exists())
        .collect();
    v.push((root.join("site.yaml"), RecursiveMode::NonRecursive));
    v
}

/// Runs the server until the process is stopped; `log` receives terminal lines.
pub fn serve(
    opts: &BuildOptions,
    bind: &str,
    port: u16,
    log: &mut dyn FnMut(String),
) -> Result<(), ServeError> {
    // Watch before the first build, so no save made from now on is missed.
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(move |res| {
        let _ = tx.send(res);
    })
    .map_err(|e| ServeError::Watch(e.to_string()))?;
    for (path, mode) in watched(&opts.root) {
        watcher
            .watch(&path, mode)
            .map_err(|e| ServeError::Watch(format!("{}: {e}", path.display())))?;
    }

    let shared = Arc::new(Shared::default());
    let mut state = match State::build(opts) {
        Ok((state, outcome)) => {
            log(format!(
                "built {} pages in {} ms",
                outcome.total,
                outcome.elapsed.as_millis()
            ));
            shared.publish(state.files());
            Some(state)
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

    let addr = format!("{bind}:{port}");
    let server = tiny_http::Server::http(&addr).map_err(|e| ServeError::Bind {
        addr: addr.clone(),
        reason: e.to_string(),
    })?;
    let actual = server
        .server_addr()
        .to_ip()
        .map_or(addr.clone(), |a| a.to_string());
    log(format!("serving on http://{actual}/ (Ctrl+C to stop)"));
    let server = Arc::new(server);
    for _ in 0..4 {
        let (server, shared) = (server.clone(), shared.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let shared = shared.clone();
                // Event streams hold their connection; everything else is quick.
                handle(request, &shared);
            }
        });
    }

    loop {
        let Ok(first) = rx.recv() else { return Ok(()) };
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
        while let Ok(res) = rx.recv_timeout(Duration::from_millis(80)) {
            collect(res);
        }
        changed.retain(|p| !is_editor_noise(p));
        changed.sort();
        changed.dedup();
        if changed.is_empty() {
            continue;
        }
        let result = match &mut state {
            Some(s) => s.rebuild(&changed).map(|o| (None, o)),
            None => State::build(opts).map(|(s, o)| (Some(s), o)),
        };
        match result {
            Ok((new_state, outcome)) => {
                if let Some(s) = new_state {
                    state = Some(s);
                }
                if let Some(s) = &state {
                    shared.publish(s.files());
                }
                for w in &outcome.warnings {
                    log(w.to_string());
                }
                log(format!(
                    "rebuilt {} of {} pages in {} ms{}",
                    outcome.rendered.len(),
                    outcome.total,
                    outcome.elapsed.as_millis(),
                    if outcome.incremental { "" } else { " (full)" }
                ));
            }
            Err(e) => {
                let text = report(e.diagnostics());
                log(format!("{text}\nstill serving the last good version"));
                shared.fail(text);
            }
        }
    }
}

/// Swap files, backups and hidden files that editors write beside the real one.
fn is_editor_noise(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.starts_with('#')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> Files {
        let mut f = Files::new();
        f.insert(
            "index.html".into(),
            Arc::new(b"<html><body>home</body></html>".to_vec()),
        );
        f.insert(
            "en/about/index.html".into(),
            Arc::new(b"<html><body>about</body></html>".to_vec()),
        );
        f.insert(
            "404.html".into(),
            Arc::new(b"<html><body>nope</body></html>".to_vec()),
        );
        f.insert(
            "en/404.html".into(),
            Arc::new(b"<html><body>en nope</body></html>".to_vec()),
        );
        f
    }

    #[test]
    fn pages_are_served_with_the_live_script() {
        let (status, ctype, body) = respond(&files(), "/en/about/", true);
        assert_eq!((status, ctype), (200, "text/html; charset=utf-8"));
        let body = String::from_utf8_lossy(&body);
        assert!(
            body.contains("about") && body.contains(LIVE_JS_PATH),
            "{body}"
        );
        assert_eq!(respond(&files(), "/en/about", false).0, 301);
        let (status, _, location) = respond(&files(), "//en/about", false);
        assert_eq!(
            (status, String::from_utf8_lossy(&location).as_ref()),
            (301, "/en/about/")
        );
        assert_eq!(respond(&files(), "/%+1", false).0, 400);
    }

    #[test]
    fn traversal_is_refused_and_missing_pages_get_the_language_404() {
        for bad in [
            "/../site.yaml",
            "/%2e%2e/site.yaml",
            "/en/%2E%2E/%2e%2e/site.yaml",
            "/a%5c..%5csite.yaml",
            "/%ff",
        ] {
            let (status, _, body) = respond(&files(), bad, false);
            assert!(status == 400 || status == 404, "{bad}: {status}");
            assert!(!String::from_utf8_lossy(&body).contains("title:"));
        }
        let (status, _, body) = respond(&files(), "/en/nothing/", false);
        assert_eq!(
            (status, String::from_utf8_lossy(&body).contains("en nope")),
            (404, true)
        );
    }
}
