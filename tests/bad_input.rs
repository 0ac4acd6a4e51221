//! The bad-input corpus: every folder of `tests/bad_input/` is a small site
//! with one thing wrong. The real `ocaq` binary must refuse it with the right
//! exit status and a located message, without panicking, and leave the
//! previously published output byte for byte as it was; a few cases hold
//! input that must be accepted. The case format is in tests/bad_input/README.md.
//!
//! `OCAQ_BAD_INPUT_CASE=<name>` runs only that case (its output is printed);
//! `OCAQ_BAD_INPUT_PENDING=1` also runs the `pending_` cases, which describe
//! behaviour the generator does not have yet.
#![cfg(unix)]

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::ExitStatusExt;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// Files of a case folder that describe the case rather than belong to its site.
const CASE_FILES: &[&str] = &[
    "expected.txt",
    "expected_status.txt",
    "unexpected.txt",
    "setup.txt",
    "output_checks.txt",
    "README.md",
];

/// A run that takes longer than this is killed and counts as a failure (a hang).
const DEFAULT_TIMEOUT_SECONDS: u64 = 60;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> PathBuf {
    repo().join("tests/bad_input")
}

/// Copies a folder tree, keeping files already at the destination: a case's
/// own theme or locale files win over the repository's.
fn merge_tree(from: &Path, to: &Path) -> Result<(), String> {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("reading {}: {e}", from.display()))?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        if rel.components().count() == 1
            && from.starts_with(corpus())
            && CASE_FILES.iter().any(|f| rel == Path::new(f))
        {
            continue;
        }
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).map_err(|e| format!("mkdir {}: {e}", dest.display()))?;
        } else if !dest.exists() {
            std::fs::copy(entry.path(), &dest)
                .map_err(|e| format!("copy to {}: {e}", dest.display()))?;
        }
    }
    Ok(())
}

/// A site folder with the repository's theme and az/en strings filled in where it has none.
fn make_site(from: &Path, to: &Path) -> Result<(), String> {
    merge_tree(from, to)?;
    merge_tree(&repo().join("themes"), &to.join("themes"))?;
    for lang in ["az", "en"] {
        merge_tree(
            &repo().join("locales").join(lang),
            &to.join("locales").join(lang),
        )?;
    }
    Ok(())
}

/// Reads `\n`, `\r`, `\t`, `\\` and `\xNN` escapes, so cases can hold bytes a text file cannot.
fn unescape(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        match bytes.get(i + 1) {
            Some(b'n') => out.push(b'\n'),
            Some(b'r') => out.push(b'\r'),
            Some(b't') => out.push(b'\t'),
            Some(b'\\') => out.push(b'\\'),
            Some(b'x') => {
                let hex = s
                    .get(i + 2..i + 4)
                    .ok_or_else(|| format!("`\\x` needs two hex digits in {s:?}"))?;
                let b = u8::from_str_radix(hex, 16)
                    .map_err(|_| format!("`\\x{hex}` is not a hex byte in {s:?}"))?;
                out.push(b);
                i += 2;
            }
            _ => return Err(format!("unknown escape at byte {i} of {s:?}")),
        }
        i += 2;
    }
    Ok(out)
}

/// A path written in a case file, relative to the temporary folder and never leaving it.
fn rel_path(s: &str) -> Result<PathBuf, String> {
    let p = PathBuf::from(OsString::from_vec(unescape(s)?));
    if p.components().all(|c| matches!(c, Component::Normal(_))) {
        Ok(p)
    } else {
        Err(format!(
            "`{s}` must be a relative path inside the test folder"
        ))
    }
}

/// Splits `word rest` at the first space.
fn split_word(s: &str) -> (&str, &str) {
    s.split_once(' ').unwrap_or((s, ""))
}

/// Lines of an optional case file, without blank lines and `#` comments.
fn lines_of(dir: &Path, name: &str) -> Result<Vec<String>, String> {
    let path = dir.join(name);
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect())
}

/// One preparation step of `setup.txt`.
#[derive(Debug)]
enum Step {
    Write(PathBuf, Vec<u8>),
    Append(PathBuf, usize, Vec<u8>),
    Mkdir(PathBuf),
    Symlink(PathBuf, PathBuf),
}

/// A check of `output_checks.txt` on the new output of a build that must succeed.
#[derive(Debug)]
enum Check {
    Exists(String),
    Contains(String, Vec<u8>),
    Lacks(String, Vec<u8>),
    NoTagHas(String, String),
}

#[derive(Debug)]
struct Case {
    name: String,
    dir: PathBuf,
    expected: Vec<String>,
    unexpected: Vec<String>,
    status: i32,
    steps: Vec<Step>,
    out: PathBuf,
    previous_build: bool,
    readonly: Vec<PathBuf>,
    file_size_limit: Option<u64>,
    max_rss_kb: Option<u64>,
    max_seconds: Option<u64>,
    checks: Vec<Check>,
}

impl Case {
    fn read(dir: &Path) -> Result<Case, String> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let status = match std::fs::read_to_string(dir.join("expected_status.txt")) {
            Ok(s) => s
                .trim()
                .parse()
                .map_err(|_| format!("expected_status.txt: `{}` is not a number", s.trim()))?,
            Err(_) => 1,
        };
        let mut case = Case {
            name,
            dir: dir.to_path_buf(),
            expected: lines_of(dir, "expected.txt")?,
            unexpected: lines_of(dir, "unexpected.txt")?,
            status,
            steps: Vec::new(),
            out: PathBuf::from("public"),
            previous_build: true,
            readonly: Vec::new(),
            file_size_limit: None,
            max_rss_kb: None,
            max_seconds: None,
            checks: Vec::new(),
        };
        if case.expected.is_empty() && case.status != 0 {
            return Err("expected.txt is missing or empty".into());
        }
        let number = |s: &str| -> Result<u64, String> {
            s.trim()
                .parse()
                .map_err(|_| format!("`{s}` is not a number"))
        };
        for line in lines_of(dir, "setup.txt")? {
            let (word, rest) = split_word(&line);
            let (a, b) = split_word(rest);
            let step = match word {
                "write" => Step::Write(rel_path(a)?, unescape(b)?),
                "append" => Step::Append(rel_path(a)?, 1, unescape(b)?),
                "append_repeated" => {
                    let (count, text) = split_word(b);
                    Step::Append(rel_path(a)?, number(count)? as usize, unescape(text)?)
                }
                "mkdir" => Step::Mkdir(rel_path(rest)?),
                "symlink" => Step::Symlink(
                    rel_path(a)?,
                    PathBuf::from(OsString::from_vec(unescape(b)?)),
                ),
                "out" => {
                    case.out = if rest == "." {
                        PathBuf::from(".")
                    } else {
                        rel_path(rest)?
                    };
                    continue;
                }
                "no_previous_build" => {
                    case.previous_build = false;
                    continue;
                }
                "readonly" => {
                    case.readonly.push(rel_path(rest)?);
                    continue;
                }
                "file_size_limit" => {
                    case.file_size_limit = Some(number(rest)?);
                    continue;
                }
                "max_rss_mb" => {
                    case.max_rss_kb = Some(number(rest)? * 1024);
                    continue;
                }
                "max_seconds" => {
                    case.max_seconds = Some(number(rest)?);
                    continue;
                }
                other => return Err(format!("setup.txt: unknown step `{other}`")),
            };
            case.steps.push(step);
        }
        for line in lines_of(dir, "output_checks.txt")? {
            let (word, rest) = split_word(&line);
            let (path, text) = split_word(rest);
            let path = path.to_string();
            case.checks.push(match word {
                "exists" => Check::Exists(path),
                "contains" => Check::Contains(path, unescape(text)?),
                "lacks" => Check::Lacks(path, unescape(text)?),
                "no_tag_has" => Check::NoTagHas(path, text.to_lowercase()),
                other => return Err(format!("output_checks.txt: unknown check `{other}`")),
            });
        }
        if !case.checks.is_empty() && case.status != 0 {
            return Err("output_checks.txt is only for cases that must build".into());
        }
        Ok(case)
    }
}

/// What is on disk at a path, for before/after comparisons.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Node {
    Dir,
    File(Vec<u8>),
    /// Files over 1 MB are compared by size and modification time only.
    BigFile(u64, Option<std::time::SystemTime>),
    Link(PathBuf),
}

type Snapshot = BTreeMap<PathBuf, Node>;

fn snapshot(root: &Path) -> Snapshot {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(root)
                .unwrap_or(e.path())
                .to_path_buf();
            let node = if e.file_type().is_symlink() {
                Node::Link(std::fs::read_link(e.path()).unwrap_or_default())
            } else if e.file_type().is_dir() {
                Node::Dir
            } else {
                match e.metadata() {
                    Ok(m) if m.len() > 1024 * 1024 => Node::BigFile(m.len(), m.modified().ok()),
                    _ => Node::File(std::fs::read(e.path()).unwrap_or_default()),
                }
            };
            (rel, node)
        })
        .collect()
}

/// Paths that differ between two snapshots (at most a few, for the message).
fn differences(a: &Snapshot, b: &Snapshot) -> Vec<String> {
    let mut diffs = Vec::new();
    for (path, node) in a {
        match b.get(path) {
            None => diffs.push(format!("removed {}", path.display())),
            Some(other) if other != node => diffs.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in b.keys().filter(|p| !a.contains_key(*p)) {
        diffs.push(format!("added {}", path.display()));
    }
    diffs
}

fn under(path: &Path, out: &Path) -> bool {
    out == Path::new(".") || path.starts_with(out)
}

/// Makes folders read-only for the length of a case, and writable again after.
struct ReadOnly(Vec<PathBuf>);

impl Drop for ReadOnly {
    fn drop(&mut self) {
        for dir in &self.0 {
            let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755));
        }
    }
}

/// The result of one run of the binary.
struct Run {
    status: ExitStatus,
    stderr: String,
    stdout: String,
    elapsed: Duration,
    max_rss_kb: Option<u64>,
}

/// True when `/usr/bin/time -v` reports peak memory (GNU time; BSD's has no `-v`).
fn gnu_time() -> bool {
    static GNU: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *GNU.get_or_init(|| {
        Command::new("/usr/bin/time")
            .args(["-v", "true"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .is_ok_and(|o| {
                o.status.success()
                    && String::from_utf8_lossy(&o.stderr).contains("Maximum resident set size")
            })
    })
}

/// Runs `ocaq build --root <root> --out <out>` in `cwd`, killing it after `timeout`.
fn run_ocaq(
    cwd: &Path,
    root: &str,
    out: &Path,
    file_size_limit: Option<u64>,
    measure: bool,
    timeout: Duration,
) -> Result<Run, String> {
    let ocaq = env!("CARGO_BIN_EXE_ocaq");
    let rss_file = cwd.join(".rss");
    let mut argv: Vec<OsString> = Vec::new();
    if measure && gnu_time() {
        argv.extend(["/usr/bin/time".into(), "-v".into(), "-o".into()]);
        argv.push(rss_file.clone().into());
    }
    if let Some(blocks) = file_size_limit {
        // Writes past the limit fail with EFBIG, as they would with a full disk;
        // SIGXFSZ is ignored so the write returns an error instead of killing the process.
        argv.extend([
            "/bin/sh".into(),
            "-c".into(),
            format!("trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\"").into(),
        ]);
    }
    argv.extend([ocaq.into(), "build".into(), "--root".into(), root.into()]);
    argv.push("--out".into());
    argv.push(out.into());
    let started = Instant::now();
    let mut child = Command::new(&argv[0])
        .args(&argv[1..])
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", argv[0].to_string_lossy()))?;
    let reader = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let err_thread = reader(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let out_thread = reader(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "still running after {} s: killed (a hang?)",
                    timeout.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(e) => return Err(format!("waiting for ocaq: {e}")),
        }
    };
    let elapsed = started.elapsed();
    let stderr = err_thread.join().unwrap_or_default();
    let stdout = out_thread.join().unwrap_or_default();
    let max_rss_kb = std::fs::read_to_string(&rss_file).ok().and_then(|t| {
        t.lines()
            .find_map(|l| l.trim().strip_prefix("Maximum resident set size (kbytes):"))
            .and_then(|v| v.trim().parse().ok())
    });
    let _ = std::fs::remove_file(&rss_file);
    Ok(Run {
        status,
        stderr,
        stdout,
        elapsed,
        max_rss_kb,
    })
}

/// True when `line` starts with `file:line:column: error|warning: `.
fn located(line: &str) -> bool {
    let Some(i) = line.find(": error: ").or_else(|| line.find(": warning: ")) else {
        return false;
    };
    let mut parts = line[..i].rsplitn(3, ':');
    let column = parts.next().unwrap_or("");
    let number = parts.next().unwrap_or("");
    let file = parts.next().unwrap_or("");
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    !file.is_empty() && digits(number) && digits(column)
}

/// The inside of every tag of an HTML text, lowercased, without whitespace or
/// control characters (which browsers skip inside `java\tscript:`).
fn tags(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        found.push(
            after[..end]
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase(),
        );
        rest = &after[end..];
    }
    found
}

fn contains_bytes(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// The files a check looks at: one path, or `*` for every HTML file of the output.
fn check_files(out: &Path, path: &str) -> Vec<PathBuf> {
    if path != "*" {
        return vec![out.join(path)];
    }
    walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// The files a check looks at, or why there are none: a check of a file the
/// build did not write, or of `*` when it wrote no HTML, fails rather than
/// passing on nothing.
fn files_to_check(out: &Path, path: &str) -> Result<Vec<PathBuf>, String> {
    let files = check_files(out, path);
    if files.is_empty() {
        return Err(format!(
            "the build wrote no HTML file for a check of {path}"
        ));
    }
    match files.iter().find(|f| !f.is_file()) {
        Some(missing) => Err(format!(
            "the build did not write {}, which a check reads",
            missing.strip_prefix(out).unwrap_or(missing).display()
        )),
        None => Ok(files),
    }
}

fn run_checks(out: &Path, checks: &[Check], problems: &mut Vec<String>) {
    for check in checks {
        let path = match check {
            Check::Exists(_) => None,
            Check::Contains(path, _) | Check::Lacks(path, _) | Check::NoTagHas(path, _) => {
                Some(path)
            }
        };
        if let Some(Err(why)) = path.map(|p| files_to_check(out, p)) {
            problems.push(why);
            continue;
        }
        match check {
            Check::Exists(path) => {
                if !out.join(path).is_file() {
                    problems.push(format!("the build did not write {path}"));
                }
            }
            Check::Contains(path, text) | Check::Lacks(path, text) => {
                let must = matches!(check, Check::Contains(..));
                for file in check_files(out, path) {
                    let bytes = std::fs::read(&file).unwrap_or_default();
                    if contains_bytes(&bytes, text) != must {
                        problems.push(format!(
                            "{} {} {:?}",
                            file.strip_prefix(out).unwrap_or(&file).display(),
                            if must { "does not contain" } else { "contains" },
                            String::from_utf8_lossy(text)
                        ));
                    }
                }
            }
            Check::NoTagHas(path, text) => {
                for file in check_files(out, path) {
                    let html = std::fs::read_to_string(&file).unwrap_or_default();
                    for tag in tags(&html).iter().filter(|t| t.contains(text.as_str())) {
                        problems.push(format!(
                            "{} has a tag with {text:?}: {tag}",
                            file.strip_prefix(out).unwrap_or(&file).display()
                        ));
                    }
                }
            }
        }
    }
}

/// How a case ended when it did not fail.
enum Outcome {
    Passed,
    Skipped(String),
}

fn apply(tmp: &Path, step: &Step) -> Result<(), String> {
    let parent_of = |p: &Path| -> Result<(), String> {
        match tmp.join(p).parent() {
            Some(parent) => std::fs::create_dir_all(parent)
                .map_err(|e| format!("mkdir {}: {e}", parent.display())),
            None => Ok(()),
        }
    };
    match step {
        Step::Write(path, bytes) => {
            parent_of(path)?;
            std::fs::write(tmp.join(path), bytes)
                .map_err(|e| format!("write {}: {e}", path.display()))
        }
        Step::Append(path, count, bytes) => {
            parent_of(path)?;
            let file = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(tmp.join(path))
                .map_err(|e| format!("open {}: {e}", path.display()))?;
            let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
            for _ in 0..*count {
                w.write_all(bytes)
                    .map_err(|e| format!("append {}: {e}", path.display()))?;
            }
            w.flush()
                .map_err(|e| format!("append {}: {e}", path.display()))
        }
        Step::Mkdir(path) => std::fs::create_dir_all(tmp.join(path))
            .map_err(|e| format!("mkdir {}: {e}", path.display())),
        Step::Symlink(link, target) => {
            parent_of(link)?;
            std::os::unix::fs::symlink(target, tmp.join(link))
                .map_err(|e| format!("symlink {}: {e}", link.display()))
        }
    }
}

/// Runs one case in a fresh temporary folder holding `site/` (the case),
/// `good/` (the known-good site that publishes the previous output) and the output.
fn run_case(case: &Case, verbose: bool) -> Result<Outcome, String> {
    let tmp = tempfile::tempdir().map_err(|e| format!("tempdir: {e}"))?;
    let tmp = tmp.path();
    make_site(&case.dir, &tmp.join("site"))?;
    make_site(&corpus().join("_good"), &tmp.join("good"))?;
    for step in &case.steps {
        apply(tmp, step)?;
    }
    let timeout = Duration::from_secs(DEFAULT_TIMEOUT_SECONDS);
    if case.previous_build {
        let good = run_ocaq(tmp, "good", &case.out, None, false, timeout)?;
        if !good.status.success() {
            return Err(format!(
                "the known-good site did not build into {}:\n{}",
                case.out.display(),
                good.stderr
            ));
        }
    }
    let readonly = ReadOnly(case.readonly.iter().map(|p| tmp.join(p)).collect());
    for dir in &readonly.0 {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555))
            .map_err(|e| format!("chmod {}: {e}", dir.display()))?;
        let probe = dir.join(".probe");
        if std::fs::write(&probe, b"").is_ok() {
            let _ = std::fs::remove_file(&probe);
            return Ok(Outcome::Skipped(format!(
                "{} is still writable after chmod 555 (running as root?)",
                dir.strip_prefix(tmp).unwrap_or(dir).display()
            )));
        }
    }
    let before = snapshot(tmp);
    let measure = case.max_rss_kb.is_some();
    let run = run_ocaq(
        tmp,
        "site",
        &case.out,
        case.file_size_limit,
        measure,
        timeout,
    )?;
    let after = snapshot(tmp);
    drop(readonly);
    if verbose {
        eprintln!(
            "--- {}: status {:?} in {} ms{}\n{}{}",
            case.name,
            run.status.code(),
            run.elapsed.as_millis(),
            run.max_rss_kb
                .map(|kb| format!(", peak memory {} MB", kb / 1024))
                .unwrap_or_default(),
            run.stdout,
            run.stderr
        );
    }

    let mut problems = Vec::new();
    if let Some(signal) = run.status.signal() {
        problems.push(format!("killed by signal {signal}"));
    }
    if run.stderr.contains("panicked") {
        problems.push("it panicked".into());
    }
    if run.status.code() != Some(case.status) {
        problems.push(format!(
            "exit status {:?}, expected {}",
            run.status.code(),
            case.status
        ));
    }
    for line in &case.expected {
        if !run.stderr.contains(line.as_str()) {
            problems.push(format!("the output lacks: {line}"));
        }
    }
    for line in &case.unexpected {
        if run.stderr.contains(line.as_str()) {
            problems.push(format!("the output has what it must not: {line}"));
        }
    }
    for line in run.stderr.lines().filter(|l| !l.starts_with(' ')) {
        if (line.contains("error:") || line.contains("warning:")) && !located(line) {
            problems.push(format!("not in the `file:line:column: ` shape: {line}"));
        }
    }
    if case.status == 0 {
        let outside = |s: &Snapshot| -> Snapshot {
            s.iter()
                .filter(|(p, _)| !under(p, &case.out))
                .map(|(p, n)| (p.clone(), n.clone()))
                .collect()
        };
        let inside = |s: &Snapshot| -> Snapshot {
            s.iter()
                .filter(|(p, _)| under(p, &case.out))
                .map(|(p, n)| (p.clone(), n.clone()))
                .collect()
        };
        for d in differences(&outside(&before), &outside(&after))
            .iter()
            .take(10)
        {
            problems.push(format!(
                "a successful build touched something besides its output: {d}"
            ));
        }
        if inside(&before) == inside(&after) {
            problems.push("the build succeeded but its output did not change".into());
        }
        run_checks(&tmp.join(&case.out), &case.checks, &mut problems);
    } else {
        for d in differences(&before, &after).iter().take(10) {
            problems.push(format!("a failed build changed files: {d}"));
        }
    }
    if let Some(limit) = case.max_rss_kb {
        match run.max_rss_kb {
            Some(kb) if kb > limit => problems.push(format!(
                "peak memory {} MB, more than {} MB",
                kb / 1024,
                limit / 1024
            )),
            Some(_) => {}
            None => eprintln!(
                "note: {}: GNU /usr/bin/time is not available; peak memory not measured",
                case.name
            ),
        }
    }
    if let Some(secs) = case.max_seconds {
        if run.elapsed > Duration::from_secs(secs) {
            problems.push(format!(
                "took {} ms, more than {secs} s",
                run.elapsed.as_millis()
            ));
        }
    }
    if problems.is_empty() {
        Ok(Outcome::Passed)
    } else {
        Err(format!(
            "{}\n  --- its output (status {:?}):\n{}",
            problems.join("\n"),
            run.status.code(),
            run.stderr
                .lines()
                .take(40)
                .map(|l| format!("  | {l}"))
                .collect::<Vec<_>>()
                .join("\n")
        ))
    }
}

#[test]
fn every_bad_input_is_refused_clearly_and_changes_nothing() {
    let only = std::env::var("OCAQ_BAD_INPUT_CASE").ok();
    let with_pending = std::env::var_os("OCAQ_BAD_INPUT_PENDING").is_some();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap_or_else(|e| panic!("tests/bad_input: {e}"))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let started = Instant::now();
    let (mut passed, mut failures, mut skipped) = (0, Vec::new(), Vec::new());
    for dir in dirs {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('_') || only.as_ref().is_some_and(|o| *o != name) {
            continue;
        }
        if name.starts_with("pending_") && !with_pending && only.is_none() {
            skipped.push(format!(
                "{name} (pending: the generator does not do this yet)"
            ));
            continue;
        }
        let result = Case::read(&dir).and_then(|case| run_case(&case, only.is_some()));
        match result {
            Ok(Outcome::Passed) => passed += 1,
            Ok(Outcome::Skipped(why)) => skipped.push(format!("{name} ({why})")),
            Err(why) => failures.push(format!("{name}:\n  {}", why.replace('\n', "\n  "))),
        }
    }
    for s in &skipped {
        eprintln!("skipped {s}");
    }
    eprintln!(
        "bad-input corpus: {passed} passed, {} failed, {} skipped in {} ms",
        failures.len(),
        skipped.len(),
        started.elapsed().as_millis()
    );
    assert!(
        failures.is_empty(),
        "{} bad-input case(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        passed + failures.len() + skipped.len() > 0,
        "no case ran: {}",
        match &only {
            Some(name) => format!("OCAQ_BAD_INPUT_CASE={name} names no folder of tests/bad_input/"),
            None => "is tests/bad_input/ empty?".to_string(),
        }
    );
    assert!(passed > 0 || only.is_some(), "every case was skipped");
}

#[test]
fn the_harness_reads_escapes_locations_and_tags() {
    assert_eq!(unescape(r"a\x41\n\\").ok(), Some(b"aA\n\\".to_vec()));
    assert!(unescape(r"\q").is_err());
    assert!(rel_path("../x").is_err());
    assert!(rel_path("/etc").is_err());
    assert!(located("content/a.az.md:3:5: error: x"));
    assert!(located("--out:0:0: error: x"));
    assert!(!located("content/a.az.md: error: x"));
    assert_eq!(
        tags("<p>&lt;script&gt;</p><a HREF=\"java\tscript:x\">"),
        vec!["<p>", "</p>", "<ahref=\"javascript:x\">"]
    );
}
