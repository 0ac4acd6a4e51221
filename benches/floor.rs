//! The floor: the least any Markdown site generator must do with a content
//! folder, so `ocaq build` can be compared with it.
//!
//! Walks `<content-dir>` for every `.md` file, splits off the front matter (the
//! block between the first two `---` lines, not parsed), renders the body with
//! pulldown-cmark (tables, footnotes, strikethrough, task lists) and writes
//! `<out-dir>/<relpath>.html`, all files in parallel with rayon. No templates,
//! no links, no highlighting: what is left between ocaq and this is the cost of
//! everything ocaq adds.
//!
//! ```sh
//! cargo bench --bench floor -- <content-dir> <out-dir>
//! ```
//! (cargo passes `--bench`; arguments starting with `--` are ignored.)

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The body after a front-matter block delimited by `---` lines, or all of `text`.
fn body(text: &str) -> &str {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &rest[offset..];
        }
    }
    text
}

fn render(src: &Path, dst: &Path, options: Options) -> std::io::Result<usize> {
    let text = std::fs::read_to_string(src)?;
    let md = body(&text);
    let mut out = String::with_capacity(md.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(md, options));
    if let Some(parent) = dst.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(dst, &out)?;
    Ok(out.len())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: floor <content-dir> <out-dir>");
        return ExitCode::from(2);
    };
    let (content, out) = (PathBuf::from(content), PathBuf::from(out));
    let started = Instant::now();
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&content)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let results: Vec<Result<usize, String>> = files
        .par_iter()
        .map(|src| {
            let rel = src.strip_prefix(&content).unwrap_or(src);
            let mut dst = out.join(rel).into_os_string();
            dst.push(".html");
            render(src, Path::new(&dst), options).map_err(|e| format!("{}: {e}", src.display()))
        })
        .collect();
    let mut bytes = 0;
    let mut failed = false;
    for r in results {
        match r {
            Ok(n) => bytes += n,
            Err(e) => {
                eprintln!("floor: {e}");
                failed = true;
            }
        }
    }
    eprintln!(
        "floor: {} files, {} KB of HTML in {:.3} s",
        files.len(),
        bytes / 1024,
        started.elapsed().as_secs_f64()
    );
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
