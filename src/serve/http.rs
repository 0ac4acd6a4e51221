//! The HTTP side of `serve`: files of the last good build from memory, the
//! live-reload script and its event stream, the error overlay's status.

use crate::write::Files;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The script `serve` adds to every HTML page (and only `serve`).
const LIVE_JS: &str = include_str!("live.js");
/// Where the script is served.
pub(crate) const LIVE_JS_PATH: &str = "/__ocaq/live.js";
const EVENTS_PATH: &str = "/__ocaq/events";
const STATUS_PATH: &str = "/__ocaq/status";

/// What the server shows: the last good files and the current error, if any.
#[derive(Default)]
pub(crate) struct Shared {
    files: RwLock<Arc<Files>>,
    error: RwLock<Option<String>>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    /// Publishes a new site; readers see the old one or the new one, never a mix.
    pub(crate) fn publish(&self, files: Arc<Files>) {
        *self.files.write().unwrap_or_else(|p| p.into_inner()) = files;
        *self.error.write().unwrap_or_else(|p| p.into_inner()) = None;
        self.broadcast("event: reload\ndata: ok\n\n");
    }

    /// Records a failed build; the last good site stays.
    pub(crate) fn fail(&self, text: String) {
        let data: String = text.lines().map(|l| format!("data: {l}\n")).collect();
        *self.error.write().unwrap_or_else(|p| p.into_inner()) = Some(text);
        self.broadcast(&format!("event: build-error\n{data}\n"));
    }

    fn broadcast(&self, message: &str) {
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.retain(|c| c.send(message.to_string()).is_ok());
    }

    /// The current error text, if the last build failed.
    pub(crate) fn error(&self) -> Option<String> {
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
pub(crate) fn respond(files: &Files, url: &str, live: bool) -> (u16, &'static str, Vec<u8>) {
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
pub(crate) fn content_type(name: &str) -> &'static str {
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

/// Answers one request.
pub(crate) fn handle(request: tiny_http::Request, shared: &Shared) {
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
