//! Reading the text files editors write: UTF-8, maybe with a byte-order mark
//! and Windows line endings, never larger than a page can sensibly be.

use crate::diagnostic::{line_col, Diagnostic};
use std::path::Path;

/// Largest text file accepted; a page larger than this is almost surely a mistake.
pub(crate) const MAX_TEXT_BYTES: u64 = 8 * 1024 * 1024;

/// Drops the byte-order mark editors such as Notepad put at the start of a file.
pub(crate) fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// What a file was when it was read: its size and time of last change. A page's
/// Markdown is read again at render time in a build, and must be what was loaded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
}

/// Reads a text file the way editors save them: UTF-8, maybe with a BOM and CRLF.
/// `rel` is the path shown in messages.
pub(crate) fn text_file(path: &Path, rel: &Path) -> Result<String, Diagnostic> {
    stamped_text_file(path, rel).map(|(text, _)| text)
}

/// [`text_file`], with the file's [`Stamp`] as it was read.
pub(crate) fn stamped_text_file(path: &Path, rel: &Path) -> Result<(String, Stamp), Diagnostic> {
    let cannot = |e: std::io::Error| {
        Diagnostic::error(
            rel,
            0,
            0,
            format!("cannot read this file: {e}"),
            "check that it exists and can be read",
        )
    };
    // One open for the size and the text: a second lookup of the path cost as
    // much as reading a page.
    let mut file = std::fs::File::open(path).map_err(cannot)?;
    let meta = file.metadata().map_err(cannot)?;
    if meta.len() > MAX_TEXT_BYTES {
        return Err(Diagnostic::error(
            rel,
            0,
            0,
            format!(
                "this file is {} MB, more than the {} MB a page may have",
                meta.len() / (1024 * 1024),
                MAX_TEXT_BYTES / (1024 * 1024)
            ),
            "split it into several pages, or move large data into a separate file",
        ));
    }
    let stamp = Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
    };
    let bytes = read_all(&mut file, meta.len() as usize).map_err(cannot)?;
    // A copy of the checked text costs less than std's own check of it.
    let text = match simdutf8::basic::from_utf8(&bytes) {
        Ok(t) => t.to_owned(),
        Err(_) => {
            let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
            let (line, column) = line_col(&String::from_utf8_lossy(&bytes[..valid]), valid);
            return Err(Diagnostic::error(
                rel,
                line,
                column,
                "this file is not UTF-8 text (it may be saved in another encoding)",
                "save it again as UTF-8 in your editor (\"Save with encoding: UTF-8\")",
            ));
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Ok((text, stamp))
}

/// The rest of `file`, expected to be `size` bytes. `read_to_end` asks the file
/// its size and position again, two system calls more per page.
fn read_all(file: &mut std::fs::File, size: usize) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    // One byte more than expected, so a file that grew since is read to its end.
    let mut bytes = vec![0; size + 1];
    let mut n = 0;
    loop {
        if n == bytes.len() {
            bytes.resize(n * 2, 0);
        }
        match file.read(&mut bytes[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    bytes.truncate(n);
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_and_windows_line_endings_are_accepted() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("a.md");
        std::fs::write(&p, "\u{feff}---\r\ntitle: A\r\n---\r\nHi\r\n").unwrap_or_default();
        let t = text_file(&p, Path::new("a.md")).map_err(|d| d.to_string());
        assert_eq!(t.as_deref(), Ok("---\ntitle: A\n---\nHi\n"));
    }

    #[test]
    fn non_utf8_is_refused_with_its_line() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("a.md");
        std::fs::write(&p, b"---\ntitle: \xe7ocuq\n---\n").unwrap_or_default();
        let e = text_file(&p, Path::new("a.md")).err();
        assert_eq!(
            e.map(|d| (d.line, d.message.contains("UTF-8"))),
            Some((2, true))
        );
        // Deep in a long text of letters outside ASCII, where the check is vectorised.
        let mut long = "uşaq kəndi\n".repeat(100).into_bytes();
        long.extend_from_slice(b"ail\xc9 \xe7ocuq\n");
        std::fs::write(&p, &long).unwrap_or_default();
        let e = text_file(&p, Path::new("a.md")).err();
        assert_eq!(e.map(|d| (d.line, d.column)), Some((101, 4)));
    }

    #[test]
    fn a_file_is_read_whole_whatever_size_was_expected() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let p = dir.path().join("a.md");
        let text = "uşaq kəndi\n".repeat(100);
        std::fs::write(&p, &text).unwrap_or_default();
        for expected in [0, 5, text.len(), text.len() + 10] {
            let mut f = std::fs::File::open(&p).unwrap_or_else(|e| panic!("{e}"));
            let bytes = read_all(&mut f, expected).unwrap_or_default();
            assert_eq!(bytes, text.as_bytes(), "expected {expected} bytes");
        }
    }

    #[test]
    fn a_bom_is_dropped_once() {
        assert_eq!(strip_bom("\u{feff}title: A"), "title: A");
        assert_eq!(strip_bom("title: A"), "title: A");
    }
}
