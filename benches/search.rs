//! The search index on a generated site, before the render stage builds it:
//! index time per 1,000 pages, total size, and the bytes a first query
//! downloads, through the same Rust mirror of the script that the tests use.
//!
//! Reads `<site>/content/**/*.<lang>.md`, takes the title from the front
//! matter and the plain text of the body from pulldown-cmark's text events
//! (text, inline code, code blocks: what the rendered page shows), and calls
//! `ocaq::search::build_index` per language. With `--out DIR` it also writes
//! the index files under DIR (as the build would under public/).
//!
//! A first query's bytes are the manifest, the term chunks and page lists it
//! fetches, and the pages of the first 10 results, which the script fetches for
//! their excerpts. With `--built DIR` (the site built by `ocaq build`) the
//! queries run on that build's own index and each result page is counted
//! gzip'd at level 6, as a host compresses HTML; without it they run on the
//! index built here and the pages are left out (the line says so).
//!
//! ```sh
//! python3 benches/gen_site.py --pages 10000 --out /tmp/site-10000
//! ocaq build --root /tmp/site-10000 --out /dev/shm/site-10000
//! cargo bench --bench search -- /tmp/site-10000 --built /dev/shm/site-10000 [--out /dev/shm/search-out] [--runs 5]
//! ```

use ocaq::search::{build_index, query::Session, Document};
use pulldown_cmark::{Event, Options, Parser};
use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

/// Splits front matter from body; returns (title, body).
fn split(text: &str) -> (String, &str) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (String::new(), text);
    };
    let mut offset = 0;
    let mut title = String::new();
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return (title, &rest[offset..]);
        }
        if let Some(t) = line.strip_prefix("title:") {
            title = t.trim().trim_matches('"').to_string();
        }
    }
    (title, text)
}

/// The plain text of a Markdown body: text, inline code and code block events.
fn plain_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let opts = Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    for ev in Parser::new_ext(md, opts) {
        match ev {
            Event::Text(t) | Event::Code(t) => {
                out.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => out.push(' '),
            _ => {}
        }
    }
    out
}

/// CPU time of this process so far (user + system), in ms, from /proc (Linux);
/// other work on a shared machine inflates wall time, CPU time much less.
fn cpu_ms() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name, which is in parentheses and may hold spaces.
    let rest = stat.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name; 100 ticks a second.
    (ticks(11) + ticks(12)) * 10.0
}

/// The search index files of a built site, by path under it.
fn index_files_of(built: &str) -> HashMap<String, Vec<u8>> {
    let mut files = HashMap::new();
    for top in ["search", "assets/search"] {
        for e in walkdir::WalkDir::new(Path::new(built).join(top))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            let Ok(rel) = e.path().strip_prefix(built) else {
                continue;
            };
            if let Ok(b) = std::fs::read(e.path()) {
                files.insert(rel.to_string_lossy().into_owned(), b);
            }
        }
    }
    files
}

/// The size of a built page gzip'd at level 6 (what a host sends); 0 when it is missing.
fn gzipped_page(built: &str, url: &str) -> usize {
    use std::io::Write;
    let file = Path::new(built)
        .join(url.trim_start_matches('/'))
        .join("index.html");
    let Ok(html) = std::fs::read(&file) else {
        eprintln!("no page at {}", file.display());
        return 0;
    };
    let mut z = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    if z.write_all(&html).is_err() {
        return 0;
    }
    z.finish().map(|b| b.len()).unwrap_or(0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut site = None;
    let mut out_dir = None;
    let mut built = None;
    let mut runs = 3usize;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--out" => {
                out_dir = args.get(i + 1).cloned();
                i += 1;
            }
            "--built" => {
                built = args.get(i + 1).cloned();
                i += 1;
            }
            "--runs" => {
                runs = args.get(i + 1).and_then(|r| r.parse().ok()).unwrap_or(3);
                i += 1;
            }
            a if a.starts_with("--") => {}
            a => site = Some(a.to_string()),
        }
        i += 1;
    }
    let Some(site) = site else {
        eprintln!("usage: search <site-dir> [--out DIR] [--runs N]");
        return ExitCode::from(2);
    };
    let content = Path::new(&site).join("content");
    let mut paths: Vec<_> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths.sort();
    let mut docs: HashMap<String, Vec<Document>> = HashMap::new();
    for p in &paths {
        let Ok(text) = std::fs::read_to_string(p) else {
            continue;
        };
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let parts: Vec<&str> = name.rsplitn(3, '.').collect();
        let lang = parts.get(1).copied().unwrap_or("az").to_string();
        let rel = p.strip_prefix(&content).unwrap_or(p).with_extension("");
        let rel = rel
            .with_extension("")
            .to_string_lossy()
            .replace("_index", "");
        let url = if lang == "az" {
            format!("/{rel}/")
        } else {
            format!("/{lang}/{rel}/")
        };
        let (title, body) = split(&text);
        docs.entry(lang).or_default().push(Document {
            url: url.replace("//", "/"),
            title,
            text: plain_text(body),
        });
    }
    let mut langs: Vec<&String> = docs.keys().collect();
    langs.sort();
    let total_pages: usize = docs.values().map(Vec::len).sum();
    println!("site: {site} ({total_pages} pages)");
    let mut all_files: HashMap<String, Vec<u8>> = HashMap::new();
    let mut total_ms = 0.0;
    for lang in &langs {
        let d = &docs[*lang];
        let mut best = f64::MAX;
        let mut cpu = f64::MAX;
        let mut index = None;
        for _ in 0..runs.max(1) {
            let t = Instant::now();
            let c = cpu_ms();
            let built = build_index(lang, d);
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            cpu = cpu.min(cpu_ms() - c);
            index = Some(built);
        }
        let Some(index) = index else { continue };
        total_ms += best;
        let chunks = index.files.iter().filter(|(p, _)| p.contains("/t")).count();
        let chunk_bytes: usize = index
            .files
            .iter()
            .filter(|(p, _)| p.contains("/t"))
            .map(|(_, b)| b.len())
            .sum();
        println!(
            "{lang}: {} pages, {} keys, {} chunks ({} KB), {:.1} MB total, built in {best:.0} ms wall, {cpu:.0} ms CPU ({:.1} ms wall per 1,000 pages, best of {runs})",
            index.pages,
            index.keys,
            chunks,
            chunk_bytes / 1024,
            index.bytes as f64 / 1e6,
            best * 1000.0 / index.pages as f64
        );
        all_files.extend(index.files);
    }
    println!(
        "all languages: {total_ms:.0} ms ({:.1} ms per 1,000 pages)",
        total_ms * 1000.0 / total_pages as f64
    );
    let queries: &[(&str, &str)] = &[
        ("az", "gence"),
        ("az", "qisa muddetli"),
        ("az", "uşaqların"),
        ("az", "könüllü"),
        ("az", "kənd"),
        ("en", "volunteer"),
        ("en", "short-term care"),
        ("en", "children"),
    ];
    let script = std::fs::metadata(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js"),
    )
    .map(|m| m.len() as usize)
    .unwrap_or(0);
    if let Some(dir) = &built {
        all_files = index_files_of(dir);
    }
    let pages_counted = if built.is_some() {
        "the 10 results' pages gzip'd"
    } else {
        "NOT the 10 results' pages (no --built)"
    };
    println!(
        "\nfirst query (manifest + chunks + page lists + {pages_counted}; search.js is {script} B more):"
    );
    for (lang, q) in queries {
        let Some(mut s) = Session::open(&all_files, lang) else {
            continue;
        };
        let hits = s.search(q);
        let mut first = String::new();
        let mut page_bytes = 0;
        for h in hits.iter().take(10) {
            if let Some(r) = s.entry(h.page) {
                if let Some(dir) = &built {
                    page_bytes += gzipped_page(dir, &r.url);
                }
                if first.is_empty() {
                    first = r.url;
                }
            }
        }
        let chunks = s.fetched.keys().filter(|p| p.contains("/t")).count();
        println!(
            "  {lang} {q:?}: {} results, {} B ({} B index in {} files, {chunks} chunks; {page_bytes} B pages), first {first}",
            hits.len(),
            s.bytes() + page_bytes,
            s.bytes(),
            s.fetched.len()
        );
    }
    if let Some(out) = out_dir {
        let t = Instant::now();
        let mut n = 0;
        for (p, b) in &all_files {
            let dst = Path::new(&out).join(p);
            if let Some(parent) = dst.parent() {
                if std::fs::create_dir_all(parent).is_err() {
                    return ExitCode::FAILURE;
                }
            }
            if std::fs::write(&dst, b).is_err() {
                eprintln!("cannot write {}", dst.display());
                return ExitCode::FAILURE;
            }
            n += 1;
        }
        println!(
            "wrote {n} files under {out} in {:.0} ms",
            t.elapsed().as_secs_f64() * 1000.0
        );
    }
    ExitCode::SUCCESS
}
