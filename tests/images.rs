//! Photos in pages: phone-sized copies, `<picture>` markup with dimensions,
//! the cache between builds, and damaged files reported where they are used.

mod common;

use image::{ImageEncoder, Rgb, RgbImage};
use ocaq::images::CACHE_DIR;
use ocaq::serve::LiveSite;
use ocaq::{build, BuildOptions, BuildReport, Diagnostic};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;
use std::time::SystemTime;

/// The page that shows the photos, and where it is published.
const PAGE: &str = "content/programmes/short-term-care.az.md";
const PAGE_HTML: &str = "proqramlar/qisa-muddetli-qaygi/index.html";

/// Something like a photo: smooth light and colour with fine grain, so the
/// encoders have real work and sizes mean something.
fn photo(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let mut h = (x.wrapping_mul(73_856_093)) ^ (y.wrapping_mul(19_349_663));
        h ^= h >> 13;
        h = h.wrapping_mul(0x5bd1_e995);
        let grain = (h >> 24) as i32 % 24 - 12;
        let fx = x as f32 / width as f32;
        let fy = y as f32 / height as f32;
        let sky = (1.0 - fy) * 200.0;
        let hill = ((fx * 9.0).sin() * 0.1 + 0.55 < fy) as i32 as f32;
        let c = |v: f32| (v as i32 + grain).clamp(0, 255) as u8;
        Rgb([
            c(sky * 0.5 + hill * 60.0 + fx * 40.0),
            c(sky * 0.7 + hill * 120.0),
            c(sky + hill * 30.0 + 40.0),
        ])
    })
}

fn jpeg(img: &RgbImage, exif: Option<Vec<u8>>) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92);
    if let Some(exif) = exif {
        enc.set_exif_metadata(exif)
            .unwrap_or_else(|e| panic!("exif: {e}"));
    }
    enc.write_image(
        img.as_raw(),
        img.width(),
        img.height(),
        image::ExtendedColorType::Rgb8,
    )
    .unwrap_or_else(|e| panic!("jpeg: {e}"));
    out
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img.as_raw(),
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap_or_else(|e| panic!("png: {e}"));
    out
}

/// EXIF saying "turn 90° clockwise to show", as phones write for portrait photos.
fn exif_rotate_90() -> Vec<u8> {
    let mut e = b"II*\0".to_vec();
    e.extend(8u32.to_le_bytes()); // first IFD
    e.extend(1u16.to_le_bytes()); // one entry
    e.extend(0x0112u16.to_le_bytes()); // Orientation
    e.extend(3u16.to_le_bytes()); // SHORT
    e.extend(1u32.to_le_bytes()); // one value
    e.extend(6u16.to_le_bytes()); // 6: rotate 90° clockwise
    e.extend([0, 0]);
    e.extend(0u32.to_le_bytes()); // no next IFD
    e
}

/// The 2000×1000 JPEG and the 600×400 PNG of the fixture, made once for all tests.
fn children_jpg() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| jpeg(&photo(2000, 1000), None))
}

fn garden_png() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| png(&photo(600, 400)))
}

fn write(root: &Path, rel: &str, bytes: &[u8]) {
    std::fs::write(root.join(rel), bytes).unwrap_or_else(|e| panic!("{rel}: {e}"));
}

/// The three-language fixture with a 2000×1000 JPEG and a 600×400 PNG shown
/// by the Azerbaijani short-term care page.
fn site_with_photos() -> tempfile::TempDir {
    let site = common::fixture("three_langs");
    let root = site.path();
    write(root, "content/programmes/children.jpg", children_jpg());
    write(root, "content/programmes/garden.png", garden_png());
    common::edit(
        root,
        PAGE,
        "![Uşaqlar oynayır](photo.svg)\n",
        "![Uşaqlar oynayır](photo.svg)\n\n![Uşaqlar bağda](children.jpg \"Gəncə, 2019\")\n\n![Bağ](garden.png)\n",
    );
    site
}

fn opts(root: &Path) -> BuildOptions {
    BuildOptions {
        minify: false,
        ..BuildOptions::new(root)
    }
}

fn built(root: &Path) -> BuildReport {
    build(&opts(root)).unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())))
}

/// The value of `name="…"` in a tag.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    tag[start..].split('"').next()
}

/// (url, width) of each candidate of a `srcset`.
fn candidates(srcset: &str) -> Vec<(String, u32)> {
    srcset
        .split(", ")
        .map(|c| {
            let (url, w) = c
                .split_once(' ')
                .unwrap_or_else(|| panic!("candidate {c:?}"));
            let w = w
                .strip_suffix('w')
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("descriptor {w:?}"));
            (url.to_string(), w)
        })
        .collect()
}

/// The `<picture>` elements of a page, by the `alt` of their `<img>`.
fn pictures(html: &str) -> BTreeMap<String, (String, String)> {
    let mut out = BTreeMap::new();
    for chunk in html.split("<picture>").skip(1) {
        let element = chunk.split("</picture>").next().unwrap_or("");
        let source = element
            .split("<source")
            .nth(1)
            .and_then(|s| s.split('>').next())
            .unwrap_or("")
            .to_string();
        let img = element
            .split("<img")
            .nth(1)
            .and_then(|s| s.split('>').next())
            .unwrap_or("")
            .to_string();
        let alt = attr(&img, "alt").unwrap_or("").to_string();
        out.insert(alt, (source, img));
    }
    out
}

/// Pixel size of a published file, decoded by its format.
fn decoded_size(out: &Path, url: &str) -> (u32, u32) {
    let bytes = std::fs::read(out.join(url.trim_start_matches('/')))
        .unwrap_or_else(|e| panic!("{url} is not in the output: {e}"));
    if url.ends_with(".webp") {
        let img = webp::Decoder::new(&bytes)
            .decode()
            .unwrap_or_else(|| panic!("{url} is not a valid WebP"));
        (img.width(), img.height())
    } else {
        let img = image::load_from_memory(&bytes)
            .unwrap_or_else(|e| panic!("{url} does not decode: {e}"));
        (img.width(), img.height())
    }
}

#[test]
fn a_photo_in_a_page_comes_out_with_srcset_sizes_and_its_dimensions() {
    let site = site_with_photos();
    let report = built(site.path());
    let out = site.path().join("public");
    let html = common::read(&out, PAGE_HTML);
    let found = pictures(&html);

    // The 2000×1000 JPEG: three copies, never the original width, dimensions of the original.
    let (source, img) = &found["Uşaqlar bağda"];
    assert_eq!(attr(img, "width"), Some("2000"), "{img}");
    assert_eq!(attr(img, "height"), Some("1000"), "{img}");
    assert_eq!(attr(img, "title"), Some("Gəncə, 2019"), "{img}");
    assert_eq!(attr(img, "sizes"), Some(ocaq::images::SIZES));
    assert_eq!(attr(source, "type"), Some("image/webp"), "{source}");
    assert_eq!(attr(source, "sizes"), Some(ocaq::images::SIZES));
    let jpegs = candidates(attr(img, "srcset").unwrap_or_default());
    let webps = candidates(attr(source, "srcset").unwrap_or_default());
    let widths = |c: &[(String, u32)]| c.iter().map(|(_, w)| *w).collect::<Vec<_>>();
    assert_eq!(widths(&jpegs), [480, 960, 1600]);
    assert_eq!(widths(&webps), [480, 960, 1600]);
    assert!(jpegs
        .iter()
        .all(|(u, _)| u.starts_with("/assets/img/children.") && u.ends_with(".jpg")));
    assert!(webps.iter().all(|(u, _)| u.ends_with(".webp")));
    assert_eq!(
        attr(img, "src"),
        Some(jpegs[1].0.as_str()),
        "the fallback is the 960 copy"
    );

    // The 600×400 PNG: nothing wider than itself, and PNG copies (it could be transparent).
    let (source, img) = &found["Bağ"];
    assert_eq!(attr(img, "width"), Some("600"));
    assert_eq!(attr(img, "height"), Some("400"));
    assert_eq!(attr(img, "title"), None);
    let pngs = candidates(attr(img, "srcset").unwrap_or_default());
    assert_eq!(widths(&pngs), [480, 600]);
    assert!(pngs.iter().all(|(u, _)| u.ends_with(".png")));
    assert_eq!(
        widths(&candidates(attr(source, "srcset").unwrap_or_default())),
        [480, 600]
    );

    // Every copy is in the output, really that wide, with the original's shape.
    for (source, img) in found.values() {
        let natural: (u32, u32) = (
            attr(img, "width").and_then(|w| w.parse().ok()).unwrap_or(0),
            attr(img, "height")
                .and_then(|h| h.parse().ok())
                .unwrap_or(0),
        );
        for set in [attr(img, "srcset"), attr(source, "srcset")] {
            for (url, w) in candidates(set.unwrap_or_default()) {
                let (dw, dh) = decoded_size(&out, &url);
                assert_eq!(dw, w, "{url} is {dw} px wide, srcset says {w}");
                let expected = (natural.1 * w + natural.0 / 2) / natural.0;
                assert_eq!(dh, expected, "{url} lost the aspect ratio");
            }
        }
    }

    // WebP is what makes phones load less: each copy smaller than its JPEG.
    for ((jurl, w), (wurl, _)) in jpegs.iter().zip(&webps) {
        let j = std::fs::metadata(out.join(jurl.trim_start_matches('/'))).map_or(0, |m| m.len());
        let p = std::fs::metadata(out.join(wurl.trim_start_matches('/'))).map_or(0, |m| m.len());
        assert!(p > 0 && p < j, "{w} px: WebP {p} bytes, JPEG {j} bytes");
    }

    // The first photo loads at once (the SVG before it is no photo), later ones lazily; no inline style (CSP).
    assert!(!found["Uşaqlar bağda"].1.contains("loading="));
    assert_eq!(attr(&found["Bağ"].1, "loading"), Some("lazy"));
    assert!(!html.contains("style="));
    // The SVG is shown as it is, and the originals are still published.
    assert!(html.contains("<img src=\"/proqramlar/photo.svg\" alt=\"Uşaqlar oynayır\">"));
    assert_eq!(
        std::fs::read(out.join("proqramlar/children.jpg")).unwrap_or_default(),
        std::fs::read(site.path().join("content/programmes/children.jpg")).unwrap_or_default()
    );
    assert_eq!(
        report.images,
        ocaq::images::Stats {
            pictures: 2,
            made: 10,
            reused: 0
        }
    );
}

/// Modification time of every file in the cache.
fn cache_times(root: &Path) -> BTreeMap<String, SystemTime> {
    walkdir::WalkDir::new(root.join(CACHE_DIR))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let t = e
                .metadata()
                .ok()
                .and_then(|m| m.modified().ok())
                .unwrap_or(SystemTime::UNIX_EPOCH);
            (e.file_name().to_string_lossy().into_owned(), t)
        })
        .collect()
}

#[test]
fn a_second_build_takes_the_copies_from_the_cache_and_a_new_photo_is_resized_again() {
    let site = site_with_photos();
    let root = site.path();
    let first = build(&BuildOptions::new(root))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert_eq!((first.images.made, first.images.reused), (10, 0));
    let out = common::snapshot(&root.join("public"));
    let times = cache_times(root);
    assert_eq!(times.len(), 10, "{times:?}");

    let second = build(&BuildOptions::new(root))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert_eq!((second.images.made, second.images.reused), (0, 10));
    assert_eq!(cache_times(root), times, "the cache was written again");
    assert!(
        out == common::snapshot(&root.join("public")),
        "a cached build differs"
    );

    // A copy lost from the cache is made again, byte for byte the same.
    let lost = times.keys().next().cloned().unwrap_or_default();
    std::fs::remove_file(root.join(CACHE_DIR).join(&lost)).unwrap_or_else(|e| panic!("{e}"));
    let third = build(&BuildOptions::new(root))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert_eq!((third.images.made, third.images.reused), (1, 9));
    assert!(
        out == common::snapshot(&root.join("public")),
        "a remade copy differs"
    );

    // Another photo under the same name: the cache is keyed by content, so it is resized anew.
    write(
        root,
        "content/programmes/children.jpg",
        &jpeg(&photo(1800, 1200), None),
    );
    let fourth = build(&BuildOptions::new(root))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert_eq!((fourth.images.made, fourth.images.reused), (6, 4));
    let html = common::read(&root.join("public"), PAGE_HTML);
    assert!(
        html.contains("width=1800") || html.contains("width=\"1800\""),
        "{html}"
    );
}

#[test]
fn a_portrait_photo_from_a_phone_is_turned_upright() {
    let site = site_with_photos();
    // Stored 800×400 with "rotate 90°": shown 400 wide and 800 high.
    write(
        site.path(),
        "content/programmes/children.jpg",
        &jpeg(&photo(800, 400), Some(exif_rotate_90())),
    );
    built(site.path());
    let out = site.path().join("public");
    let found = pictures(&common::read(&out, PAGE_HTML));
    let (_, img) = &found["Uşaqlar bağda"];
    assert_eq!(
        (attr(img, "width"), attr(img, "height")),
        (Some("400"), Some("800"))
    );
    let copies = candidates(attr(img, "srcset").unwrap_or_default());
    assert_eq!(copies.iter().map(|(_, w)| *w).collect::<Vec<_>>(), [400]);
    assert_eq!(decoded_size(&out, &copies[0].0), (400, 800));
}

/// The line of the page that shows `file`.
fn line_of(root: &Path, file: &str) -> usize {
    common::read(root, PAGE)
        .lines()
        .position(|l| l.contains(file))
        .map_or(0, |i| i + 1)
}

#[test]
fn a_damaged_photo_fails_the_build_at_the_line_that_shows_it_and_keeps_the_old_site() {
    let site = site_with_photos();
    let root = site.path();
    built(root);
    let before = common::snapshot(&root.join("public"));

    // Not a picture at all, a JPEG cut short in its header, a PNG with a broken chunk.
    let mut broken_png = garden_png().to_vec();
    let n = broken_png.len();
    for b in &mut broken_png[n / 2..n / 2 + 64] {
        *b ^= 0x5a;
    }
    let cut_jpeg = &children_jpg()[..120];
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "children.jpg",
            b"Salam, this is a text file".as_slice(),
            "not a JPEG or PNG",
        ),
        ("children.jpg", cut_jpeg, "children.jpg"),
        ("garden.png", &broken_png, "garden.png"),
    ];
    for (file, bytes, says) in cases {
        write(root, "content/programmes/children.jpg", children_jpg());
        write(root, "content/programmes/garden.png", garden_png());
        write(root, &format!("content/programmes/{file}"), bytes);
        let err = match build(&opts(root)) {
            Ok(_) => panic!("a damaged {file} was published"),
            Err(e) => e,
        };
        assert_eq!(err.exit_code(), 1);
        let errors: Vec<&Diagnostic> = err.diagnostics().iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{}", common::show(err.diagnostics()));
        let d = errors[0];
        assert_eq!(d.file, Path::new(PAGE), "{d}");
        assert_eq!((d.line, d.column), (line_of(root, file), 1), "{d}");
        assert!(d.message.contains(file) && d.message.contains(says), "{d}");
        assert!(!d.message.contains('\n'), "one line: {d:?}");
        assert!(
            d.hint.contains("JPEG or PNG") || d.hint.contains("JPEG (photos)"),
            "{d}"
        );
        assert!(
            before == common::snapshot(&root.join("public")),
            "the old site was touched"
        );

        // `check` finds the same problem without writing anything.
        let report = ocaq::check::check(&opts(root))
            .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
        assert!(
            report
                .diagnostics
                .iter()
                .any(|c| c.is_error() && c.file == d.file && c.line == d.line),
            "check missed {file}"
        );
    }
}

#[test]
fn check_reads_the_photos_but_makes_no_copies() {
    let site = site_with_photos();
    let report = ocaq::check::check(&opts(site.path()))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert_eq!(report.errors(), 0, "{}", common::show(&report.diagnostics));
    assert!(!site.path().join(CACHE_DIR).exists());
    assert!(!site.path().join("public").exists());
}

#[test]
fn serve_shows_the_copies_and_an_edit_does_not_resize_again() {
    let site = site_with_photos();
    let root = site.path();
    let (mut state, _) = LiveSite::build(&opts(root))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    let files = state.files();
    let html = String::from_utf8_lossy(&files[PAGE_HTML]).into_owned();
    let found = pictures(&html);
    let (source, img) = &found["Uşaqlar bağda"];
    for set in [attr(img, "srcset"), attr(source, "srcset")] {
        for (url, _) in candidates(set.unwrap_or_default()) {
            assert!(
                files.contains_key(url.trim_start_matches('/')),
                "serve lacks {url}"
            );
        }
    }
    let times = cache_times(root);

    // An edit to the text: the page is rendered again with the same copies, none resized.
    common::edit(root, PAGE, "2011-ci ildən.", "2011-ci ildən bəri.");
    let outcome = state
        .rebuild(&[root.join(PAGE)])
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())));
    assert!(outcome.incremental);
    assert_eq!(cache_times(root), times);
    let html = String::from_utf8_lossy(&state.files()[PAGE_HTML]).into_owned();
    assert!(html.contains("2011-ci ildən bəri."));
    assert_eq!(pictures(&html), found);
}
