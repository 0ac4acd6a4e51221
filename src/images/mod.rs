//! Responsive images: photos shown in pages get smaller copies for phones.
//!
//! For every JPEG or PNG a page shows with `![what it shows](photo.jpg)`, the
//! file is decoded once, turned upright (EXIF orientation), resized with
//! Lanczos3 to the widths [`widths`] picks (never wider than the original),
//! and each width is encoded twice: in the original's format and as lossy
//! WebP. The copies are kept in [`CACHE_DIR`] under names made from the
//! source's content hash and the encoder settings, so a later build copies
//! them instead of resizing again. Rendering writes the `<picture>` markup
//! ([`place`]) from the [`Picture`] each file gives. The original file is
//! still published where it was, so links to it keep working; SVG, GIF and
//! anything else are shown as they are.

mod make;
mod markup;

use crate::diagnostic::{Diagnostic, Problems};
use crate::fingerprint::fnv64;
use crate::load::page::Asset;
use crate::resolve::Site;
use crate::slug::slugify;
use make::{make, Failure, Made};
pub(crate) use markup::place;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The widths copies are made at, in pixels: phones, tablets and laptops, large screens.
pub(crate) const WIDTHS: [u32; 3] = [480, 960, 1600];

/// JPEG quality of the copies (the `image` crate's baseline encoder).
pub(crate) const JPEG_QUALITY: u8 = 80;

/// WebP quality of the copies (libwebp, lossy, its default method 4).
pub(crate) const WEBP_QUALITY: f32 = 75.0;

/// Pictures larger than this many pixels are refused: decoding one takes
/// gigabytes, and no camera a charity uses comes near it.
pub(crate) const MAX_PIXELS: u64 = 100_000_000;

/// Everything that changes the bytes of a copy. It is part of every cache key
/// and every published name, so a change here can never serve an old copy:
/// change the version whenever the resizing or an encoder setting changes.
const SETTINGS: &str =
    "ocaq-images v1: orient, lanczos3 cascade, jpeg q80, png default adaptive, webp q75 m4";

/// Where copies are kept between builds, relative to the site's root.
pub const CACHE_DIR: &str = ".ocaq-cache/images";

/// Site folder of the published copies: `/assets/*` is cached for a year, the names carry a hash.
pub(crate) const OUTPUT_DIR: &str = "/assets/img";

/// How wide a picture is shown, so the browser can pick a copy before it has the CSS:
/// the default theme's text column, `.prose>*{max-width:46rem}` inside `.wrap`'s 1rem padding.
pub const SIZES: &str = "(max-width: 48rem) calc(100vw - 2rem), 46rem";

/// The file format of a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Format {
    /// JPEG, for photos that came as JPEG.
    Jpeg,
    /// PNG, for pictures that came as PNG (they may be transparent).
    Png,
    /// Lossy WebP, offered first to every browser that takes it.
    WebP,
}

impl Format {
    /// The file name extension.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

/// One copy of a picture at one width, in one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Variant {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// File format.
    pub format: Format,
    /// Site path it is published at (`/assets/img/photo.1a2b3c4d.480.jpg`).
    pub url: String,
    /// The file in the cache that holds it.
    pub file: PathBuf,
}

/// A picture a page shows, as made for publishing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Picture {
    /// Width of the original, upright, in pixels.
    pub width: u32,
    /// Height of the original, upright, in pixels.
    pub height: u32,
    /// The copies, narrowest first, the original's format then WebP; empty when only checked.
    pub variants: Vec<Variant>,
}

impl Picture {
    /// The copies in one format, narrowest first.
    pub(crate) fn in_format(&self, format: Format) -> Vec<&Variant> {
        self.variants
            .iter()
            .filter(|v| v.format == format)
            .collect()
    }
}

/// Pictures by the site path of their original (`/proqramlar/photo.jpg`).
pub(crate) type Pictures = BTreeMap<String, Picture>;

/// What image processing did, for the build report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Pictures shown by pages.
    pub pictures: usize,
    /// Copies resized and encoded in this run.
    pub made: usize,
    /// Copies found in the cache.
    pub reused: usize,
}

/// How much to do with each picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Work {
    /// Make every copy (or take it from the cache): `build` and `serve`.
    Publish,
    /// Only read each picture to find problems; write nothing: `check`.
    Check,
}

/// True for the files that get copies: JPEG and PNG, by their name.
pub(crate) fn is_photo(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png"))
}

/// The widths of the copies of a picture `source_width` pixels wide: each of
/// [`WIDTHS`] narrower than it, and its own width when it is narrower than the
/// widest. Never wider than the original: enlarging adds bytes, not detail.
pub(crate) fn widths(source_width: u32) -> Vec<u32> {
    if source_width == 0 {
        return Vec::new();
    }
    let mut out: Vec<u32> = WIDTHS
        .iter()
        .copied()
        .filter(|&w| w < source_width)
        .collect();
    let widest = source_width.min(WIDTHS[WIDTHS.len() - 1]);
    if !out.contains(&widest) {
        out.push(widest);
    }
    out
}

/// The height of a copy `w` pixels wide of a `width`×`height` picture, rounded, at least 1.
pub(crate) fn height_for(width: u32, height: u32, w: u32) -> u32 {
    if width == 0 {
        return 0;
    }
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// The cache key of a source file: its content, its length and the encoder settings.
pub(crate) fn cache_key(bytes: &[u8]) -> u64 {
    let mut seed = Vec::with_capacity(16 + SETTINGS.len());
    seed.extend_from_slice(&fnv64(bytes).to_le_bytes());
    seed.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    seed.extend_from_slice(SETTINGS.as_bytes());
    fnv64(&seed)
}

/// The name of a copy in the cache folder: `<key>.<width>.<ext>`.
pub(crate) fn cache_name(key: u64, width: u32, format: Format) -> String {
    format!("{key:016x}.{width}.{}", format.extension())
}

/// Where a copy is published: `/assets/img/<name>.<hash>.<width>.<ext>`, the
/// name taken from the original's (`Uşaqlar evi.JPG` → `usaqlar-evi`).
pub(crate) fn published_url(original: &str, key: u64, width: u32, format: Format) -> String {
    let file = original.rsplit('/').next().unwrap_or(original);
    let stem = match file.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => file,
    };
    let mut name = slugify(stem);
    if name.is_empty() {
        name = "image".into();
    }
    let short = (key as u32) ^ ((key >> 32) as u32);
    format!(
        "{OUTPUT_DIR}/{name}.{short:08x}.{width}.{}",
        format.extension()
    )
}

/// Makes the copies of every JPEG and PNG the pages show, in parallel.
///
/// `known` are pictures already made from the same files (`serve` passes the
/// last build's when only Markdown changed); they are kept without reading.
/// Problems are errors at each place in a page that shows the picture.
pub(crate) fn process(
    root: &Path,
    site: &Site,
    work: Work,
    known: &Pictures,
    problems: &mut Problems,
) -> (Pictures, Stats) {
    let by_url: HashMap<&str, &Asset> = site.assets.iter().map(|(a, u)| (u.as_str(), a)).collect();
    // Original's address → (the file, where pages show it).
    type Uses<'a> = Vec<(&'a Path, usize, usize)>;
    let mut wanted: BTreeMap<&str, (&Asset, Uses<'_>)> = BTreeMap::new();
    for page in &site.pages {
        for image in &page.source.doc.images {
            let (Some(url), Some(link)) = (
                page.link_urls.get(image.slot),
                page.source.doc.links.get(image.slot),
            ) else {
                continue;
            };
            let Some(asset) = by_url.get(url.as_str()) else {
                continue;
            };
            if is_photo(&asset.path) {
                wanted
                    .entry(url.as_str())
                    .or_insert_with(|| (asset, Vec::new()))
                    .1
                    .push((page.source.file.as_path(), link.line, link.column));
            }
        }
    }
    let cache = root.join(CACHE_DIR);
    let wanted: Vec<_> = wanted.into_iter().collect();
    let results: Vec<(&str, Result<Made, Failure>)> = wanted
        .par_iter()
        .map(|(url, (asset, _))| {
            let result = match known.get(*url) {
                Some(p) => Ok((p.clone(), 0, 0)),
                None => {
                    let name = Path::new("content").join(&asset.key);
                    make(&asset.path, &name.to_string_lossy(), url, &cache, work)
                }
            };
            (*url, result)
        })
        .collect();
    let mut pictures = Pictures::new();
    let mut stats = Stats::default();
    for ((_, (_, uses)), (url, result)) in wanted.iter().zip(results) {
        match result {
            Ok((picture, made, reused)) => {
                stats.made += made;
                stats.reused += reused;
                pictures.insert(url.to_string(), picture);
            }
            Err(Failure::Picture { message, hint }) => {
                for (file, line, column) in uses {
                    problems.push(Diagnostic::error(*file, *line, *column, &message, hint));
                }
            }
            Err(Failure::Cache(e)) => problems.push(Diagnostic::error(
                CACHE_DIR,
                0,
                0,
                format!("cannot write the resized pictures into {CACHE_DIR}: {e}"),
                "check free disk space and that the site's folder can be written",
            )),
        }
    }
    stats.pictures = pictures.len();
    (pictures, stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_never_exceed_the_original() {
        assert_eq!(widths(4000), [480, 960, 1600]);
        assert_eq!(widths(1600), [480, 960, 1600]);
        assert_eq!(widths(1000), [480, 960, 1000]);
        assert_eq!(widths(600), [480, 600]);
        assert_eq!(widths(480), [480]);
        assert_eq!(widths(300), [300]);
        assert_eq!(widths(1), [1]);
        assert!(widths(0).is_empty());
        for w in 1..3000 {
            let ws = widths(w);
            assert!(ws.iter().all(|&x| x <= w && x <= 1600), "{w}: {ws:?}");
            assert!(ws.windows(2).all(|p| p[0] < p[1]), "{w}: {ws:?}");
        }
    }

    #[test]
    fn heights_keep_the_aspect_ratio() {
        assert_eq!(height_for(2000, 1000, 480), 240);
        assert_eq!(height_for(600, 400, 480), 320);
        assert_eq!(height_for(4000, 2250, 1600), 900);
        assert_eq!(height_for(3, 2, 1), 1);
        assert_eq!(height_for(1000, 1, 480), 1, "never zero pixels high");
    }

    #[test]
    fn names_carry_a_readable_stem_the_hash_and_the_width() {
        assert_eq!(
            published_url(
                "/proqramlar/Uşaq evi.JPG",
                0x0123_4567_89ab_cdef,
                480,
                Format::Jpeg
            ),
            "/assets/img/usaq-evi.88888888.480.jpg"
        );
        assert_eq!(
            published_url("/.jpg", 1, 960, Format::WebP),
            "/assets/img/jpg.00000001.960.webp"
        );
        assert_eq!(
            published_url("/x/şəkil-ə.png", 1, 960, Format::WebP),
            "/assets/img/sekil-e.00000001.960.webp"
        );
        assert_eq!(
            published_url("/x/____.png", 1, 960, Format::Png),
            "/assets/img/image.00000001.960.png"
        );
        assert_eq!(
            cache_name(0xab, 480, Format::WebP),
            "00000000000000ab.480.webp"
        );
    }

    #[test]
    fn the_cache_key_changes_with_the_content_only() {
        assert_eq!(cache_key(b"photo"), cache_key(b"photo"));
        assert_ne!(cache_key(b"photo"), cache_key(b"photO"));
        assert_ne!(cache_key(b""), cache_key(b"\0"));
    }

    #[test]
    fn sizes_matches_the_theme_column() {
        let css = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/style.css"),
        )
        .unwrap_or_default();
        assert!(
            css.contains(".prose>*{max-width:46rem}") && css.contains("padding:0 1rem"),
            "the text column changed: update SIZES in images.rs to match"
        );
        assert!(css.contains("img,svg{max-width:100%;height:auto}"));
    }
}
