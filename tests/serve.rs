//! `ocaq serve` as an editor uses it: a real server process, real HTTP, real file edits.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    let child = Command::new(env!("CARGO_BIN_EXE_ocaq"))
        .args(["serve", "--port", "0", "--root"])
        .arg(root)
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start ocaq serve: {e}"));
    // Owned by the guard at once, so every path below kills and reaps the process.
    let mut server = Server { child, port: 0 };
    let stderr = server
        .child
        .stderr
        .take()
        .unwrap_or_else(|| panic!("no stderr"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            if let Some(rest) = line.split("serving on http://").nth(1) {
                let port = rest
                    .split(['/', ' '])
                    .next()
                    .and_then(|a| a.rsplit(':').next())
                    .and_then(|p| p.parse().ok());
                if let Some(port) = port {
                    // Keep draining the log so the server never blocks on a full pipe.
                    std::thread::spawn(move || while rx.recv().is_ok() {});
                    server.port = port;
                    return server;
                }
            }
        }
    }
    panic!("ocaq serve did not say where it serves");
}

/// A raw GET, so the path reaches the server exactly as written (no client normalisation).
fn get(port: u16, path: &str) -> (u16, String) {
    let mut stream =
        TcpStream::connect(("127.0.0.1", port)).unwrap_or_else(|e| panic!("connect: {e}"));
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap_or_default();
    let request = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    stream
        .write_all(request.as_bytes())
        .unwrap_or_else(|e| panic!("send: {e}"));
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Polls until `pred` holds for the page, or fails after a generous deadline.
fn wait_for(port: u16, path: &str, what: &str, pred: impl Fn(u16, &str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (status, body) = get(port, path);
        if pred(status, &body) {
            return body;
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {what}; last answer {status}: {body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn edits_are_served_broken_edits_keep_the_last_good_site_and_fixing_clears_the_error() {
    let site = common::fixture("three_langs");
    let server = start(site.path());
    let port = server.port;
    let page = "/en/programmes/short-term-care/";
    let body = wait_for(port, page, "the first build", |s, b| {
        s == 200 && b.contains("Since 2013.")
    });
    assert!(
        body.contains("/__ocaq/live.js"),
        "serve injects the live-reload script"
    );

    let file = "content/programmes/short-term-care.en.md";
    common::edit(
        site.path(),
        file,
        "Since 2013.",
        "Since 2013, in the capital.",
    );
    wait_for(port, page, "the edited text", |s, b| {
        s == 200 && b.contains("Since 2013, in the capital.")
    });

    // Break the front matter: the last good page stays, and the error is available with file and line.
    common::edit(
        site.path(),
        file,
        "title: Short-term care",
        "title: 'Short-term care",
    );
    let status = wait_for(port, "/__ocaq/status", "the error", |s, b| {
        s == 200 && b.contains("short-term-care.en.md:2")
    });
    assert!(status.contains("never closed"), "{status}");
    let (code, body) = get(port, page);
    assert_eq!(code, 200);
    assert!(
        body.contains("Since 2013, in the capital."),
        "last good version still served"
    );

    // Fix it: the error clears and the page is served again.
    common::edit(
        site.path(),
        file,
        "title: 'Short-term care",
        "title: Short-term care (fixed)",
    );
    wait_for(port, "/__ocaq/status", "the error to clear", |s, b| {
        s == 200 && b.trim().is_empty()
    });
    wait_for(port, page, "the fixed page", |s, b| {
        s == 200 && b.contains("Short-term care (fixed)")
    });
}

#[test]
fn path_traversal_never_serves_a_file_outside_the_site() {
    let site = common::fixture("three_langs");
    let server = start(site.path());
    wait_for(server.port, "/", "the first build", |s, _| s == 200);
    for path in [
        "/../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E/%2e%2e/site.yaml",
        "/en/../../site.yaml",
        "/..%2fsite.yaml",
        "/%2e%2e%5csite.yaml",
        // A file of the site once `..` is resolved: refused all the same.
        "/en/../index.html",
        "/en/%2e%2e/index.html",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 400, "{path}");
        assert!(!body.contains("base_url"), "{path} leaked site.yaml");
    }
}
