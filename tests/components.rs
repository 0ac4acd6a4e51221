//! Components (```figure, ```video, ```document, ```donate, ```contact) and data
//! files as editors use them, on `tests/fixtures/components`: what a reader sees,
//! and every mistake reported at its line.

mod common;

use common::{fixture, read};
use ocaq::{build, BuildOptions, Diagnostic};
use std::path::Path;

fn options(root: &Path) -> BuildOptions {
    BuildOptions {
        minify: false,
        ..BuildOptions::new(root)
    }
}

/// Builds the site, which must succeed.
fn built(root: &Path) {
    if let Err(e) = build(&options(root)) {
        panic!("{}", common::show(e.diagnostics()));
    }
}

/// The errors of a build that must fail.
fn errors_of(root: &Path) -> Vec<Diagnostic> {
    match build(&options(root)) {
        Ok(_) => panic!("the build should have failed"),
        Err(e) => e
            .diagnostics()
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect(),
    }
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("mkdir: {e}"));
    }
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("write {rel}: {e}"));
}

/// The page's `<article>`: what a reader reads, without the header and footer.
fn article(html: &str) -> &str {
    let start = html.find("<article").unwrap_or(0);
    let end = html.find("</article>").unwrap_or(html.len());
    &html[start..end]
}

const PAGE: &str = "content/media.en.md";

/// The fixture with the English test page's text replaced by `body` (front matter
/// of four lines, so the body starts on line 5).
fn with_body(body: &str) -> tempfile::TempDir {
    let site = fixture("components");
    write(
        site.path(),
        PAGE,
        &format!("---\ntitle: Media\nweight: 1\n---\n{body}"),
    );
    site
}

/// (line, column, message) of each error of a build of the page with `body`.
fn located(body: &str) -> Vec<(usize, usize, String, String)> {
    let site = with_body(body);
    errors_of(site.path())
        .into_iter()
        .map(|d| {
            assert_eq!(d.file, Path::new(PAGE), "{d}");
            (d.line, d.column, d.message, d.hint)
        })
        .collect()
}

#[test]
fn a_figure_is_a_responsive_photo_with_its_alt_caption_and_credit() {
    let site = fixture("components");
    built(site.path());
    let html = read(&site.path().join("public"), "en/media/index.html");
    let a = article(&html);
    let figure = a
        .split("<figure class=\"photo\">")
        .nth(1)
        .and_then(|f| f.split("</figure>").next())
        .unwrap_or_else(|| panic!("no figure: {a}"));
    assert!(
        figure.starts_with("\n<picture><source type=\"image/webp\" srcset=\"/assets/img/garden."),
        "{figure}"
    );
    assert!(
        figure.contains(
            " width=\"1200\" height=\"800\" alt=\"A blue sky over a green garden on a hill\""
        ),
        "{figure}"
    );
    assert!(figure.contains("<figcaption>The village garden in spring <span class=\"credit\">Photo: Test photographer</span></figcaption>"), "{figure}");
    // The same block in Azerbaijani, in Azerbaijani.
    let az = read(
        &site.path().join("public"),
        "sekiller-video-senedler/index.html",
    );
    assert!(
        article(&az).contains("<span class=\"credit\">Foto: Sınaq fotoqrafı</span>"),
        "{az}"
    );
}

#[test]
fn a_video_is_a_poster_in_a_link_and_its_player_is_allowed_on_its_page_alone() {
    let site = fixture("components");
    built(site.path());
    let out = site.path().join("public");
    let html = read(&out, "en/media/index.html");
    let a = article(&html);
    assert!(a.contains("<a class=\"video-start\" href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\" data-video-embed=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1\" data-video-title=\"A day in the village\">"), "{a}");
    assert!(
        a.contains("<span class=\"video-play\">Play the video: A day in the village</span>"),
        "{a}"
    );
    assert!(
        a.contains("alt=\"\" loading=\"lazy\""),
        "the poster is described by its link: {a}"
    );
    assert!(
        a.contains("The video loads from YouTube only when you press play"),
        "{a}"
    );
    // Nothing on the page loads from the video's site: no frame, no address of it in a src.
    assert!(!html.contains("<iframe"), "{html}");
    assert!(!html.contains("src=\"https://www.youtube"), "{html}");
    // The script that starts the player, as a file, on this page only.
    let script = html
        .split("<script src=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or_else(|| panic!("no script: {html}"));
    assert!(script.starts_with("/assets/video."), "{script}");
    assert!(read(&out, script.trim_start_matches('/')).contains("youtube-nocookie"));
    assert!(!read(&out, "en/index.html").contains("video."));
    // _headers: one rule per page with a video, each the site's policy plus the player.
    let headers = read(&out, "_headers");
    for url in [
        "/sekiller-video-senedler/",
        "/en/media/",
        "/ru/foto-video-dokumenty/",
    ] {
        let rule = headers
            .split(&format!("\n{url}\n"))
            .nth(1)
            .and_then(|r| r.split("\n\n").next())
            .unwrap_or_else(|| panic!("no rule for {url}: {headers}"));
        assert!(rule.contains("  ! Content-Security-Policy\n"), "{rule}");
        assert!(
            rule.trim_end()
                .ends_with("frame-src https://www.youtube-nocookie.com"),
            "{rule}"
        );
    }
    assert_eq!(headers.matches("frame-src").count(), 3, "{headers}");
}

#[test]
fn a_document_shows_its_title_type_size_and_language_in_the_page_language() {
    let site = fixture("components");
    built(site.path());
    let out = site.path().join("public");
    let en = read(&out, "en/media/index.html");
    assert!(article(&en).contains("<p class=\"document\"><a href=\"/annual-report.pdf\" hreflang=\"en\">Annual report</a>\n<span class=\"document-meta\">PDF, 1 KB · <span lang=\"en\">English</span></span></p>"), "{en}");
    let ru = read(&out, "ru/foto-video-dokumenty/index.html");
    assert!(article(&ru).contains(">Годовой отчёт</a>\n<span class=\"document-meta\">PDF, 1 КБ · <span lang=\"en\">English</span>"), "{ru}");
    assert!(out.join("annual-report.pdf").is_file());
}

#[test]
fn donate_and_contact_come_from_site_yaml_and_data_in_the_page_language() {
    let site = fixture("components");
    built(site.path());
    let out = site.path().join("public");
    let ru = read(&out, "ru/foto-video-dokumenty/index.html");
    let a = article(&ru);
    assert!(
        a.contains("<dt>Адрес</dt><dd>Тестовая улица, 1, Баку</dd>")
            || a.contains("<dt>Адрес</dt>\n<dd>Тестовая улица, 1, Баку</dd>"),
        "{a}"
    );
    assert!(
        a.contains("<dt>Тестовая деревня</dt>\n<dd>Садовая улица, 2, Гянджа</dd>"),
        "{a}"
    );
    assert!(a.contains("<section class=\"donate-box\">\n<h2>Поддержите нас</h2>\n<p><a class=\"button\" href=\"https://donate.example.org/\">Пожертвовать онлайн</a></p>\n</section>"), "{a}");
    let donate = read(&out, "en/donate/index.html");
    let d = article(&donate);
    assert!(d.contains("<h2>How to donate</h2>"), "{d}");
    assert!(
        d.contains("<dt>IBAN</dt>\n<dd>AZ00TEST00000000000000000000</dd>"),
        "{d}"
    );
    assert!(
        d.contains("<dt>How donations are used</dt>\n<dd>Test text.</dd>"),
        "{d}"
    );
    // The bank is a placeholder, so the note that explains it is there.
    assert!(
        d.contains("<dt>Bank</dt>\n<dd><span class=\"placeholder\">Not yet available</span></dd>"),
        "{d}"
    );
    assert!(d.contains("placeholder-note"), "{d}");
}

#[test]
fn each_required_field_missing_is_an_error_at_the_block() {
    let cases = [
        ("figure", "alt: x\n", "image"),
        ("figure", "image: garden.png\n", "alt"),
        ("video", "title: t\nposter: poster.png\n", "url"),
        (
            "video",
            "url: https://youtu.be/dQw4w9WgXcQ\nposter: poster.png\n",
            "title",
        ),
        (
            "video",
            "url: https://youtu.be/dQw4w9WgXcQ\ntitle: t\n",
            "poster",
        ),
        ("document", "title: t\n", "file"),
        ("document", "file: annual-report.pdf\n", "title"),
    ];
    for (name, fields, missing) in cases {
        let errors = located(&format!("Text.\n\n```{name}\n{fields}```\n"));
        assert_eq!(errors.len(), 1, "{name} without {missing}: {errors:?}");
        let (line, column, message, hint) = &errors[0];
        // The fence is on line 7 of the file.
        assert_eq!((*line, *column), (7, 1), "{message}");
        assert!(
            message.starts_with(&format!("this `{name}` has no `{missing}`")),
            "{message}"
        );
        assert_eq!(hint, &format!("add a line `{missing}: …` inside the block"));
    }
    // An empty value is as good as missing, and is found at its own line.
    let errors = located("```figure\nimage: garden.png\nalt: \"  \"\n```\n");
    assert_eq!((errors[0].0, errors[0].1), (7, 1), "{errors:?}");
}

#[test]
fn a_misspelt_field_a_missing_file_and_a_bad_video_are_each_at_their_line() {
    let errors = located(
        "```figure\nimage: gardn.png\nalt: x\ncaptoin: y\n```\n\n```video\nurl: https://example.org/v.mp4\ntitle: t\nposter: poster.png\n```\n",
    );
    let places: Vec<(usize, &str)> = errors.iter().map(|e| (e.0, e.2.as_str())).collect();
    assert_eq!(
        places,
        [
            (8, "`figure` has no field `captoin`"),
            (
                12,
                "`https://example.org/v.mp4` is not a YouTube or Vimeo video"
            ),
        ],
        "{errors:?}"
    );
    assert!(
        errors[0].3.starts_with("did you mean `caption`?"),
        "{}",
        errors[0].3
    );
    // With the field fixed, the misspelt file is found (links are checked after loading).
    let errors = located("```figure\nimage: gardn.png\nalt: x\n```\n");
    assert_eq!(
        (errors[0].0, errors[0].2.as_str()),
        (6, "the file `gardn.png` does not exist"),
        "{errors:?}"
    );
    assert!(errors[0].3.contains("garden.png"), "{}", errors[0].3);
}

#[test]
fn an_unknown_component_names_the_known_ones_and_the_nearest() {
    let errors = located("Text.\n\n```figur\nimage: garden.png\nalt: x\n```\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let (line, _, message, hint) = &errors[0];
    assert_eq!(*line, 7);
    assert_eq!(message, "there is no component `figur`");
    assert_eq!(
        hint,
        "did you mean `figure`? The components are: contact, document, donate, figure, stats, video"
    );
    // Not close to any, but written as settings: still a component the theme lacks.
    let errors = located("```gallery\nimages: [a.png, b.png]\n```\n");
    assert_eq!(errors[0].2, "there is no component `gallery`");
    assert!(
        errors[0]
            .3
            .starts_with("the components are: contact, document"),
        "{}",
        errors[0].3
    );
    // Code stays code: a known language, or text that is not settings.
    let site = with_body("```yaml\nimage: garden.png\n```\n\n```console\n$ ocaq build\n```\n");
    built(site.path());
    let html = read(&site.path().join("public"), "en/media/index.html");
    assert!(
        html.contains("data-lang=\"console\" tabindex=\"0\"><code>$ ocaq build"),
        "{html}"
    );
}

#[test]
fn a_markdown_table_can_be_scrolled_from_the_keyboard_in_every_language() {
    // A wide table scrolls sideways in its own box on a phone: a keyboard reaches it
    // only if it can take focus.
    let site = fixture("components");
    built(site.path());
    let public = site.path().join("public");
    for (page, first) in [
        ("beledci/index.html", "Sahə"),
        ("en/guide/index.html", "Field"),
        ("ru/rukovodstvo/index.html", "Поле"),
    ] {
        let html = read(&public, page);
        assert!(
            article(&html).contains(&format!(
                "<table tabindex=\"0\"><thead><tr><th>{first}</th>"
            )),
            "{page}: {}",
            article(&html)
        );
    }
}

#[test]
fn a_site_adds_its_own_component_and_its_fields_are_checked() {
    let site = with_body("```quote\ntext: Every child needs a loving home.\nby: Test\n```\n");
    write(
        site.path(),
        "templates/quote.html",
        "{% component quote(text, by=\"\") {\"markdown\": true} %}<blockquote class=\"q\">{{ text }}{% if by %} — {{ by }}{% endif %}</blockquote>{% endcomponent quote %}",
    );
    built(site.path());
    let html = read(&site.path().join("public"), "en/media/index.html");
    assert!(
        html.contains(
            "<blockquote class=\"q\">Every child needs a loving home. — Test</blockquote>"
        ),
        "{html}"
    );
    // Its required field is required, its unknown one unknown.
    write(
        site.path(),
        PAGE,
        "---\ntitle: Media\nweight: 1\n---\n```quote\nby: Test\nsource: x\n```\n",
    );
    let errors = errors_of(site.path());
    let what: Vec<(usize, &str)> = errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        what,
        [
            (5, "this `quote` has no `text`"),
            (7, "`quote` has no field `source`")
        ],
        "{errors:?}"
    );
}

#[test]
fn a_data_value_missing_a_language_and_bad_yaml_stop_the_build_at_their_line() {
    let site = fixture("components");
    write(
        site.path(),
        "data/locations.yaml",
        "- name: {az: Kənd, en: Village, ru: Деревня}\n  address:\n    az: Bakı\n    en: Baku\n",
    );
    let errors = errors_of(site.path());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].file, Path::new("data/locations.yaml"));
    assert_eq!((errors[0].line, errors[0].column), (2, 3));
    assert_eq!(
        errors[0].message,
        "this value has no ru text (it gives az, en)"
    );
    write(
        site.path(),
        "data/locations.yaml",
        "- name: x\n  address: [unclosed\n",
    );
    let errors = errors_of(site.path());
    assert_eq!(errors[0].file, Path::new("data/locations.yaml"));
    assert_eq!(errors[0].line, 2, "{errors:?}");
}
