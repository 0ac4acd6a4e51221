//! The command line through the real binary: exit statuses, the flags the
//! README lists, and output that does not depend on where, in what order, with
//! how many threads or under which locale the build ran.

mod common;

use common::{edit, fixture, read, snapshot};
use std::path::Path;
use std::process::{Command, Output};

fn ocaq(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ocaq"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env_remove("OCAQ_PAUSE_AT")
        .output()
        .unwrap_or_else(|e| panic!("cannot run ocaq: {e}"))
}

fn stderr(run: &Output) -> String {
    String::from_utf8_lossy(&run.stderr).into_owned()
}

fn stdout(run: &Output) -> String {
    String::from_utf8_lossy(&run.stdout).into_owned()
}

/// Runs ocaq and requires the exit status `code`.
fn status(args: &[&str], root: &Path, code: i32) -> Output {
    let run = ocaq(args, root);
    assert_eq!(
        run.status.code(),
        Some(code),
        "ocaq {args:?}:\n{}{}",
        stdout(&run),
        stderr(&run)
    );
    run
}

#[test]
fn a_wrong_command_line_exits_2_and_says_what_is_wrong() {
    let site = fixture("three_langs");
    let run = status(&["build", "--minify-not"], site.path(), 2);
    assert!(stderr(&run).contains("--minify-not"), "{}", stderr(&run));
    assert!(!site.path().join("public").exists(), "nothing is built");
    status(&["publish"], site.path(), 2);
}

#[test]
fn a_broken_site_yaml_exits_2_and_a_content_error_exits_1() {
    let site = fixture("three_langs");
    edit(
        site.path(),
        "site.yaml",
        "languages: [az, en, ru]",
        "languages: [az, en, ru",
    );
    let run = status(&["build"], site.path(), 2);
    assert!(stderr(&run).contains("site.yaml:"), "{}", stderr(&run));

    let site = fixture("three_langs");
    edit(site.path(), "content/about.en.md", "title:", "titel:");
    let run = status(&["build"], site.path(), 1);
    assert!(
        stderr(&run).contains("content/about.en.md:2:1: error:"),
        "{}",
        stderr(&run)
    );
    assert!(!site.path().join("public").exists(), "nothing is published");
}

#[test]
fn check_fails_on_warnings_only_when_strict_and_writes_nothing() {
    // The fixture's Russian home page links to a page with no Russian version: a warning.
    let site = fixture("three_langs");
    let run = status(&["check"], site.path(), 0);
    let text = format!("{}{}", stdout(&run), stderr(&run));
    assert!(text.contains("content/_index.ru.md:5:"), "{text}");
    let run = status(&["check", "--strict"], site.path(), 1);
    let text = format!("{}{}", stdout(&run), stderr(&run));
    assert!(text.contains("content/_index.ru.md:5:"), "{text}");
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn check_as_json_is_one_document_with_the_warning_and_the_coverage() {
    let site = fixture("three_langs");
    let run = status(&["check", "--format", "json"], site.path(), 0);
    let doc: serde_json::Value = serde_json::from_slice(&run.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}):\n{}", stdout(&run)));
    let text = doc.to_string();
    assert!(text.contains("content/_index.ru.md"), "the warning: {text}");
    assert!(
        text.contains("about"),
        "the coverage lists the untranslated page: {text}"
    );
}

#[test]
fn base_url_and_no_minify_change_what_the_build_writes() {
    let site = fixture("three_langs");
    status(
        &[
            "build",
            "--base-url",
            "https://staging.example.net/",
            "--no-minify",
        ],
        site.path(),
        0,
    );
    let out = site.path().join("public");
    let page = read(&out, "en/about/index.html");
    assert!(
        page.contains("<link rel=\"canonical\" href=\"https://staging.example.net/en/about/\">"),
        "{page}"
    );
    assert!(!page.contains("test.example.org"), "{page}");
    assert!(read(&out, "sitemap.xml").contains("<loc>https://staging.example.net/en/about/</loc>"));
    assert!(page.contains("\n<"), "not minified: {page}");

    status(&["build"], site.path(), 0);
    let page = read(&out, "en/about/index.html");
    assert!(page.contains("https://test.example.org/en/about/"));
    assert!(!page.contains("\n<"), "minified by default: {page}");
}

#[test]
fn new_creates_every_language_and_never_overwrites() {
    let site = fixture("three_langs");
    let run = status(&["new", "programmes/youth-house"], site.path(), 0);
    let content = site.path().join("content/programmes");
    for lang in ["az", "en", "ru"] {
        let file = content.join(format!("youth-house.{lang}.md"));
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", file.display(), stdout(&run)));
        assert!(text.starts_with("---\ntitle:"), "{lang}: {text}");
    }
    std::fs::write(
        content.join("youth-house.az.md"),
        "---\ntitle: Edited\n---\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = ocaq(&["new", "programmes/youth-house"], site.path());
    assert!(!run.status.success(), "a second `new` must refuse");
    assert!(stderr(&run).contains("youth-house"), "{}", stderr(&run));
    assert_eq!(
        read(&content, "youth-house.az.md"),
        "---\ntitle: Edited\n---\n",
        "never overwrites"
    );
    // The new pages build.
    status(&["build"], site.path(), 0);
}

/// Copies a fixture file by file in the reverse of its sorted order, so the
/// folder lists its entries in another order than a plain copy.
fn copy_reversed(from: &Path, to: &Path) {
    let mut entries: Vec<_> = walkdir::WalkDir::new(from)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    entries.reverse();
    for e in entries {
        let dest = to.join(e.path().strip_prefix(from).unwrap_or(e.path()));
        if e.file_type().is_file() {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("{e}"));
            }
            std::fs::copy(e.path(), &dest).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

/// The fixture with a photo, a feed in every language and a page per
/// language more, so the output has everything a build can vary in.
fn rich_site() -> tempfile::TempDir {
    let site = fixture("three_langs");
    for lang in ["az", "en", "ru"] {
        let file = format!("content/programmes/_index.{lang}.md");
        let text = read(site.path(), &file).replacen("---\n", "---\nextra: {feed: true}\n", 1);
        std::fs::write(site.path().join(&file), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let img = image::RgbImage::from_fn(1200, 800, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, ((x * y) % 239) as u8])
    });
    img.save(site.path().join("content/programmes/garden.jpg"))
        .unwrap_or_else(|e| panic!("{e}"));
    edit(
        site.path(),
        "content/programmes/short-term-care.az.md",
        "## Gəncə",
        "![Uşaqlar bağda](garden.jpg \"Gəncə, 2019\")\n\n## Gəncə",
    );
    site
}

#[test]
fn builds_in_other_folders_orders_threads_and_locales_are_byte_identical() {
    let first = rich_site();
    let second = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let second_root = second.path().join("a/much/longer path/with ə in it");
    copy_reversed(first.path(), &second_root);

    let build = |root: &Path, threads: &str, tz: &str, lang: &str| {
        let run = Command::new(env!("CARGO_BIN_EXE_ocaq"))
            .args(["build", "--root"])
            .arg(root)
            .env("RAYON_NUM_THREADS", threads)
            .env("TZ", tz)
            .env("LANG", lang)
            .env("LC_ALL", lang)
            .output()
            .unwrap_or_else(|e| panic!("cannot run ocaq: {e}"));
        assert!(run.status.success(), "{}", stderr(&run));
        snapshot(&root.join("public"))
    };
    let a = build(first.path(), "1", "UTC", "C");
    let b = build(&second_root, "8", "Asia/Baku", "ru_RU.UTF-8");

    // The output has what could vary: resized photos, feeds, minified pages.
    for must in ["programmes/atom.xml", "ru/programmy/atom.xml"] {
        assert!(
            a.keys().any(|k| k.ends_with(must)),
            "no {must}: {:?}",
            a.keys()
        );
    }
    assert!(a.keys().any(|k| k.ends_with(".webp")), "no resized photo");
    assert!(a.len() > 30, "{} files", a.len());
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let differ: Vec<&String> = a.keys().filter(|k| a.get(*k) != b.get(*k)).collect();
    assert!(
        differ.is_empty(),
        "these differ between the two builds: {differ:?}"
    );
}

#[test]
fn a_translation_marked_translated_turns_stale_when_its_source_changes() {
    let site = fixture("three_langs");
    let row = |run: &Output| {
        stdout(run)
            .lines()
            .find(|l| l.starts_with("guide "))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    };
    let run = status(&["check"], site.path(), 0);
    assert_eq!(
        row(&run),
        "guide source unrecorded unrecorded",
        "{}",
        stdout(&run)
    );
    // The source itself cannot be marked, and then nothing is written.
    let before = read(site.path(), "content/guide.en.md");
    let run = status(
        &["translated", "content/guide.en.md", "content/guide.az.md"],
        site.path(),
        1,
    );
    assert!(
        stderr(&run).contains("content/guide.az.md"),
        "{}",
        stderr(&run)
    );
    assert_eq!(read(site.path(), "content/guide.en.md"), before);
    status(
        &["translated", "content/guide.en.md", "content/guide.ru.md"],
        site.path(),
        0,
    );
    let run = status(&["check"], site.path(), 0);
    assert_eq!(row(&run), "guide source current current");
    assert!(!stderr(&run).contains("older version"), "{}", stderr(&run));
    // The Azerbaijani text changes: both translations are stale, at their line.
    let az = read(site.path(), "content/guide.az.md");
    std::fs::write(
        site.path().join("content/guide.az.md"),
        az + "\nYeni abzas.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let run = status(&["check"], site.path(), 0);
    assert_eq!(row(&run), "guide source stale stale");
    let line = read(site.path(), "content/guide.en.md")
        .lines()
        .position(|l| l.starts_with("translated_from: "))
        .map(|i| i + 1)
        .unwrap_or(0);
    assert!(
        stderr(&run).contains(&format!(
            "content/guide.en.md:{line}:1: warning: this translation was made from an older version of content/guide.az.md"
        )),
        "{}",
        stderr(&run)
    );
    // Brought up to date and marked again: current.
    status(&["translated", "content/guide.en.md"], site.path(), 0);
    let run = status(&["check"], site.path(), 0);
    assert_eq!(row(&run), "guide source current stale");
}
