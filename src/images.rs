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

use crate::content::Asset;
use crate::diagnostic::Diagnostic;
use crate::fingerprint::fnv64;
use crate::highlight::escape_attr;
use crate::markdown::{ImageRef, IMAGE_MARK, SLOT_PREFIX};
use crate::site::Site;
use crate::slug::slugify;
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// The widths copies are made at, in pixels: phones, tablets and laptops, large screens.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

/// JPEG quality of the copies (the `image` crate's baseline encoder).
pub const JPEG_QUALITY: u8 = 80;

/// WebP quality of the copies (libwebp, lossy, its default method 4).
pub const WEBP_QUALITY: f32 = 75.0;

/// Pictures larger than this many pixels are refused: decoding one takes
/// gigabytes, and no camera a charity uses comes near it.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Everything that changes the bytes of a copy. It is part of every cache key
/// and every published name, so a change here can never serve an old copy:
/// change the version whenever the resizing or an encoder setting changes.
const SETTINGS: &str =
    "ocaq-images v1: orient, lanczos3 cascade, jpeg q80, png default adaptive, webp q75 m4";

/// Where copies are kept between builds, relative to the site's root.
pub const CACHE_DIR: &str = ".ocaq-cache/images";

/// Site folder of the published copies: `/assets/*` is cached for a year, the names carry a hash.
pub const OUTPUT_DIR: &str = "/assets/img";

/// How wide a picture is shown, so the browser can pick a copy before it has the CSS:
/// the default theme's text column, `.prose>*{max-width:46rem}` inside `.wrap`'s 1rem padding.
pub const SIZES: &str = "(max-width: 48rem) calc(100vw - 2rem), 46rem";

/// The file format of a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// JPEG, for photos that came as JPEG.
    Jpeg,
    /// PNG, for pictures that came as PNG (they may be transparent).
    Png,
    /// Lossy WebP, offered first to every browser that takes it.
    WebP,
}

impl Format {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
        }
    }
}

/// One copy of a picture at one width, in one format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
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
pub struct Picture {
    /// Width of the original, upright, in pixels.
    pub width: u32,
    /// Height of the original, upright, in pixels.
    pub height: u32,
    /// The copies, narrowest first, the original's format then WebP; empty when only checked.
    pub variants: Vec<Variant>,
}

impl Picture {
    /// The copies in one format, narrowest first.
    pub fn in_format(&self, format: Format) -> Vec<&Variant> {
        self.variants
            .iter()
            .filter(|v| v.format == format)
            .collect()
    }
}

/// Pictures by the site path of their original (`/proqramlar/photo.jpg`).
pub type Pictures = BTreeMap<String, Picture>;

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
pub enum Work {
    /// Make every copy (or take it from the cache): `build` and `serve`.
    Publish,
    /// Only read each picture to find problems; write nothing: `check`.
    Check,
}

/// True for the files that get copies: JPEG and PNG, by their name.
pub fn is_photo(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "jpg" | "jpeg" | "png"))
}

/// The widths of the copies of a picture `source_width` pixels wide: each of
/// [`WIDTHS`] narrower than it, and its own width when it is narrower than the
/// widest. Never wider than the original: enlarging adds bytes, not detail.
pub fn widths(source_width: u32) -> Vec<u32> {
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
pub fn height_for(width: u32, height: u32, w: u32) -> u32 {
    if width == 0 {
        return 0;
    }
    let h = (u64::from(height) * u64::from(w) + u64::from(width) / 2) / u64::from(width);
    u32::try_from(h).unwrap_or(u32::MAX).max(1)
}

/// The `srcset` value of some copies: `url 480w, url 960w`.
pub fn srcset(variants: &[&Variant]) -> String {
    variants
        .iter()
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The cache key of a source file: its content, its length and the encoder settings.
pub fn cache_key(bytes: &[u8]) -> u64 {
    let mut seed = Vec::with_capacity(16 + SETTINGS.len());
    seed.extend_from_slice(&fnv64(bytes).to_le_bytes());
    seed.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
    seed.extend_from_slice(SETTINGS.as_bytes());
    fnv64(&seed)
}

/// The name of a copy in the cache folder: `<key>.<width>.<ext>`.
pub fn cache_name(key: u64, width: u32, format: Format) -> String {
    format!("{key:016x}.{width}.{}", format.extension())
}

/// Where a copy is published: `/assets/img/<name>.<hash>.<width>.<ext>`, the
/// name taken from the original's (`Uşaqlar evi.JPG` → `usaqlar-evi`).
pub fn published_url(original: &str, key: u64, width: u32, format: Format) -> String {
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

/// The `<picture>` (or plain `<img>`) for an image of a page.
///
/// `src` is the original's address as it goes into `src` when no copies exist
/// (it may be a link slot, filled later). `eager` leaves out `loading="lazy"`:
/// the first photo of a page is often the largest thing on screen at once.
pub fn markup(picture: Option<&Picture>, src: &str, image: &ImageRef, eager: bool) -> String {
    let mut out = String::new();
    let attrs = |out: &mut String| {
        out.push_str(" alt=\"");
        out.push_str(&escape_attr(&image.alt));
        out.push('"');
        if !image.title.is_empty() {
            out.push_str(" title=\"");
            out.push_str(&escape_attr(&image.title));
            out.push('"');
        }
    };
    let fallback = picture
        .map(|p| p.in_format(Format::Jpeg))
        .filter(|v| !v.is_empty());
    let fallback = fallback.or_else(|| picture.map(|p| p.in_format(Format::Png)));
    let (Some(picture), Some(copies)) = (picture, fallback.filter(|v| !v.is_empty())) else {
        out.push_str("<img src=\"");
        out.push_str(src);
        out.push('"');
        if let Some(p) = picture {
            out.push_str(&format!(" width=\"{}\" height=\"{}\"", p.width, p.height));
        }
        attrs(&mut out);
        out.push('>');
        return out;
    };
    let sizes = escape_attr(SIZES);
    out.push_str("<picture>");
    let webp = picture.in_format(Format::WebP);
    if !webp.is_empty() {
        out.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
            escape_attr(&srcset(&webp))
        ));
    }
    // The fallback `src` for browsers without `srcset`: the copy nearest a laptop's column.
    let middle = copies
        .iter()
        .find(|v| v.width >= WIDTHS[1])
        .or(copies.last())
        .map_or("", |v| v.url.as_str());
    out.push_str(&format!(
        "<img src=\"{}\" srcset=\"{}\" sizes=\"{sizes}\" width=\"{}\" height=\"{}\"",
        escape_attr(middle),
        escape_attr(&srcset(&copies)),
        picture.width,
        picture.height
    ));
    attrs(&mut out);
    if !eager {
        out.push_str(" loading=\"lazy\"");
    }
    out.push_str(" decoding=\"async\"></picture>");
    out
}

/// Writes each `<ocaq-image:K>` mark of a fragment as the image's markup.
///
/// `urls` are the page's link slots, resolved; an image whose original has no
/// [`Picture`] keeps its slot in `src`, for the slot filler that runs next.
pub fn place(html: &str, images: &[ImageRef], urls: &[String], pictures: &Pictures) -> String {
    if images.is_empty() {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len() + images.len() * 600);
    let mut rest = html;
    let mut first = true;
    while let Some(pos) = rest.find(IMAGE_MARK) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + IMAGE_MARK.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let image = after[..digits]
            .parse::<usize>()
            .ok()
            .and_then(|k| images.get(k))
            .filter(|_| after[digits..].starts_with('>'));
        match image {
            Some(image) => {
                let picture = urls.get(image.slot).and_then(|u| pictures.get(u));
                let slot = format!("{}{}", SLOT_PREFIX, image.slot);
                out.push_str(&markup(picture, &slot, image, first));
                // Plain images never load lazily; the first photo is the one to load at once.
                first &= picture.is_none_or(|p| p.variants.is_empty());
                rest = &after[digits + 1..];
            }
            None => {
                out.push_str(IMAGE_MARK);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Why a picture could not be made.
enum Failure {
    /// The picture itself: reported at every place that shows it.
    Picture { message: String, hint: &'static str },
    /// The cache folder could not be written.
    Cache(String),
}

/// A picture's problem in words an editor can act on.
fn explain(name: &str, e: &ImageError) -> Failure {
    // The decoder's own words, on one line, for whoever looks into it.
    let detail = e
        .to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let (message, hint) = match e {
        ImageError::Unsupported(_) => (
            format!("the picture `{name}` is not a JPEG or PNG file that can be read ({detail})"),
            "save it again as JPEG (photos) or PNG (drawings, logos)",
        ),
        ImageError::Limits(_) => (
            format!("the picture `{name}` is too large to process ({detail})"),
            "make it smaller before adding it: 4000 pixels wide is plenty for the site",
        ),
        _ => (
            format!("the picture `{name}` could not be read: it is damaged or not really a picture ({detail})"),
            "open it in an image editor and save it again as JPEG or PNG",
        ),
    };
    Failure::Picture { message, hint }
}

/// True when an orientation turns the picture on its side.
fn swaps_sides(o: Orientation) -> bool {
    matches!(
        o,
        Orientation::Rotate90
            | Orientation::Rotate270
            | Orientation::Rotate90FlipH
            | Orientation::Rotate270FlipH
    )
}

/// A picture made: what it is, copies encoded now, copies taken from the cache.
type Made = (Picture, usize, usize);

/// Reads one original and makes (or finds) its copies.
fn make(path: &Path, name: &str, url: &str, cache: &Path, work: Work) -> Result<Made, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::Picture {
        message: format!("the picture `{name}` cannot be read: {e}"),
        hint: "check that the file is there and can be opened",
    })?;
    let key = cache_key(&bytes);
    let reader = ImageReader::new(Cursor::new(bytes.as_slice()))
        .with_guessed_format()
        .map_err(|e| explain(name, &ImageError::IoError(e)))?;
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        _ => {
            return Err(Failure::Picture {
                message: format!(
                    "the picture `{name}` is not a JPEG or PNG file inside, whatever its name says"
                ),
                hint: "save it again as JPEG (photos) or PNG (drawings, logos)",
            })
        }
    };
    let mut decoder = reader.into_decoder().map_err(|e| explain(name, &e))?;
    // A broken orientation tag is no reason to refuse a photo: show it as stored.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let (w, h) = decoder.dimensions();
    if u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(Failure::Picture {
            message: format!("the picture `{name}` is too large to process ({w}×{h} pixels)"),
            hint: "make it smaller before adding it: 4000 pixels wide is plenty for the site",
        });
    }
    let (width, height) = if swaps_sides(orientation) {
        (h, w)
    } else {
        (w, h)
    };
    if work == Work::Check {
        DynamicImage::from_decoder(decoder).map_err(|e| explain(name, &e))?;
        return Ok((
            Picture {
                width,
                height,
                variants: Vec::new(),
            },
            0,
            0,
        ));
    }
    let sizes: Vec<(u32, u32)> = widths(width)
        .into_iter()
        .map(|w| (w, height_for(width, height, w)))
        .collect();
    let variants: Vec<Variant> = [format, Format::WebP]
        .into_iter()
        .flat_map(|f| {
            sizes.iter().map(move |&(w, h)| Variant {
                width: w,
                height: h,
                format: f,
                url: published_url(url, key, w, f),
                file: cache.join(cache_name(key, w, f)),
            })
        })
        .collect();
    let picture = Picture {
        width,
        height,
        variants,
    };
    let missing: Vec<&Variant> = picture
        .variants
        .iter()
        .filter(|v| !v.file.is_file())
        .collect();
    let reused = picture.variants.len() - missing.len();
    if missing.is_empty() {
        return Ok((picture, 0, reused));
    }
    let mut image = DynamicImage::from_decoder(decoder).map_err(|e| explain(name, &e))?;
    image.apply_orientation(orientation);
    let image = if image.color().has_alpha() && format == Format::Png {
        DynamicImage::ImageRgba8(image.into_rgba8())
    } else {
        DynamicImage::ImageRgb8(image.into_rgb8())
    };
    // Widest first, each copy resized from the one before: the same result for
    // the same file every time, and far less work than starting from a 4000 px photo.
    let mut resized: Vec<(u32, DynamicImage)> = Vec::with_capacity(sizes.len());
    for &(w, h) in sizes.iter().rev() {
        let from = resized.last().map_or(&image, |(_, i)| i);
        let copy = if from.width() == w && from.height() == h {
            from.clone()
        } else {
            from.resize_exact(w, h, FilterType::Lanczos3)
        };
        resized.push((w, copy));
    }
    std::fs::create_dir_all(cache).map_err(|e| Failure::Cache(e.to_string()))?;
    missing
        .par_iter()
        .map(|v| {
            let Some((_, img)) = resized.iter().find(|(w, _)| *w == v.width) else {
                return Ok(());
            };
            let bytes = encode(img, v.format).map_err(|e| Failure::Picture {
                message: format!("the picture `{name}` could not be converted: {e}"),
                hint: "open it in an image editor and save it again as JPEG or PNG",
            })?;
            write_atomic(&v.file, &bytes).map_err(|e| Failure::Cache(e.to_string()))
        })
        .collect::<Result<Vec<()>, Failure>>()?;
    let made = missing.len();
    Ok((picture, made, reused))
}

/// Encodes a copy. The image is 8-bit RGB, or RGBA for a transparent PNG.
fn encode(img: &DynamicImage, format: Format) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match format {
        Format::Jpeg => img
            .write_with_encoder(JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY))
            .map_err(|e| e.to_string())?,
        Format::Png => img
            .write_with_encoder(PngEncoder::new_with_quality(
                &mut out,
                CompressionType::Default,
                PngFilter::Adaptive,
            ))
            .map_err(|e| e.to_string())?,
        Format::WebP => {
            let (w, h) = (img.width(), img.height());
            let encoder = match img {
                DynamicImage::ImageRgb8(b) => webp::Encoder::from_rgb(b.as_raw(), w, h),
                DynamicImage::ImageRgba8(b) => webp::Encoder::from_rgba(b.as_raw(), w, h),
                _ => return Err("unexpected pixel layout".into()),
            };
            let mut config =
                webp::WebPConfig::new().map_err(|()| "libwebp could not be set up".to_string())?;
            config.quality = WEBP_QUALITY;
            let encoded = encoder
                .encode_advanced(&config)
                .map_err(|e| format!("WebP encoding failed: {e:?}"))?;
            out.extend_from_slice(&encoded);
        }
    }
    Ok(out)
}

/// Writes a cache file whole or not at all: a build stopped half-way never leaves half a picture.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = path.with_extension(format!("tmp-{}-{n}", std::process::id()));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// Makes the copies of every JPEG and PNG the pages show, in parallel.
///
/// `known` are pictures already made from the same files (`serve` passes the
/// last build's when only Markdown changed); they are kept without reading.
/// Problems are errors at each place in a page that shows the picture.
pub fn process(
    root: &Path,
    site: &Site,
    work: Work,
    known: &Pictures,
) -> (Pictures, Stats, Vec<Diagnostic>) {
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
    let mut diags = Vec::new();
    for ((_, (_, uses)), (url, result)) in wanted.iter().zip(results) {
        match result {
            Ok((picture, made, reused)) => {
                stats.made += made;
                stats.reused += reused;
                pictures.insert(url.to_string(), picture);
            }
            Err(Failure::Picture { message, hint }) => {
                for (file, line, column) in uses {
                    diags.push(Diagnostic::error(*file, *line, *column, &message, hint));
                }
            }
            Err(Failure::Cache(e)) => diags.push(Diagnostic::error(
                CACHE_DIR,
                0,
                0,
                format!("cannot write the resized pictures into {CACHE_DIR}: {e}"),
                "check free disk space and that the site's folder can be written",
            )),
        }
    }
    stats.pictures = pictures.len();
    (pictures, stats, diags)
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

    fn variant(width: u32, format: Format) -> Variant {
        Variant {
            width,
            height: width / 2,
            format,
            url: published_url(
                "/proqramlar/Uşaq evi.JPG",
                0x0123_4567_89ab_cdef,
                width,
                format,
            ),
            file: PathBuf::new(),
        }
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
    fn srcset_lists_every_copy_with_its_width() {
        let a = variant(480, Format::Jpeg);
        let b = variant(960, Format::Jpeg);
        assert_eq!(
            srcset(&[&a, &b]),
            "/assets/img/usaq-evi.88888888.480.jpg 480w, /assets/img/usaq-evi.88888888.960.jpg 960w"
        );
    }

    fn image_ref(alt: &str, title: &str) -> ImageRef {
        ImageRef {
            slot: 0,
            alt: alt.into(),
            title: title.into(),
        }
    }

    #[test]
    fn a_picture_becomes_picture_markup_with_sizes_and_dimensions() {
        let picture = Picture {
            width: 2000,
            height: 1000,
            variants: [480, 960, 1600]
                .into_iter()
                .flat_map(|w| [variant(w, Format::Jpeg), variant(w, Format::WebP)])
                .collect(),
        };
        let html = markup(
            Some(&picture),
            "ocaq-link:0",
            &image_ref("Uşaqlar \"bağda\"", "Gəncə"),
            false,
        );
        assert!(html.starts_with("<picture><source type=\"image/webp\" srcset=\"/assets/img/usaq-evi.88888888.480.webp 480w, "), "{html}");
        assert!(html.contains("<img src=\"/assets/img/usaq-evi.88888888.960.jpg\" srcset=\"/assets/img/usaq-evi.88888888.480.jpg 480w, /assets/img/usaq-evi.88888888.960.jpg 960w, /assets/img/usaq-evi.88888888.1600.jpg 1600w\""), "{html}");
        assert!(html.contains(" width=\"2000\" height=\"1000\""), "{html}");
        assert!(
            html.contains(" alt=\"Uşaqlar &quot;bağda&quot;\" title=\"Gəncə\""),
            "{html}"
        );
        assert!(html.contains(&format!(" sizes=\"{SIZES}\"")), "{html}");
        assert!(
            html.ends_with(" loading=\"lazy\" decoding=\"async\"></picture>"),
            "{html}"
        );
        assert!(!html.contains("style="), "{html}");
        let eager = markup(Some(&picture), "ocaq-link:0", &image_ref("a", ""), true);
        assert!(
            !eager.contains("loading") && !eager.contains("title="),
            "{eager}"
        );
    }

    #[test]
    fn other_images_keep_a_plain_img_with_their_slot() {
        let html = markup(None, "ocaq-link:3", &image_ref("<Logo>", ""), false);
        assert_eq!(html, "<img src=\"ocaq-link:3\" alt=\"&lt;Logo&gt;\">");
        let checked = Picture {
            width: 600,
            height: 400,
            variants: Vec::new(),
        };
        let html = markup(Some(&checked), "ocaq-link:3", &image_ref("a", ""), false);
        assert_eq!(
            html,
            "<img src=\"ocaq-link:3\" width=\"600\" height=\"400\" alt=\"a\">"
        );
    }

    #[test]
    fn marks_are_replaced_in_order_and_stray_text_is_left_alone() {
        let images = vec![image_ref("one", ""), image_ref("two", "")];
        let urls = vec!["/a.svg".to_string()];
        let html = "<p><ocaq-image:0> &lt;ocaq-image:1&gt; <ocaq-image:7> <ocaq-image:1></p>";
        let out = place(html, &images, &urls, &Pictures::new());
        assert_eq!(
            out,
            "<p><img src=\"ocaq-link:0\" alt=\"one\"> &lt;ocaq-image:1&gt; <ocaq-image:7> <img src=\"ocaq-link:0\" alt=\"two\"></p>"
        );
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
