//! Making the copies of one photo: decode, turn upright, resize, encode as
//! the original's format and as WebP, or take them from the cache.

use super::{
    cache_key, cache_name, height_for, published_url, widths, Format, Picture, Variant, Work,
    JPEG_QUALITY, MAX_PIXELS, WEBP_QUALITY,
};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::FilterType;
use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, ImageError, ImageFormat, ImageReader};
use rayon::prelude::*;
use std::io::Cursor;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Why a picture could not be made.
pub(super) enum Failure {
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
pub(super) type Made = (Picture, usize, usize);

/// Reads one original and makes (or finds) its copies.
pub(super) fn make(
    path: &Path,
    name: &str,
    url: &str,
    cache: &Path,
    work: Work,
) -> Result<Made, Failure> {
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
    make_missing(
        decoder,
        (orientation, format),
        &sizes,
        &missing,
        (name, cache),
    )?;
    let made = missing.len();
    Ok((picture, made, reused))
}

/// Decodes the original, turns it upright, and writes each missing copy into the
/// cache (the sizes widest last, as [`widths`] gives them).
fn make_missing(
    decoder: impl ImageDecoder,
    (orientation, format): (Orientation, Format),
    sizes: &[(u32, u32)],
    missing: &[&Variant],
    (name, cache): (&str, &Path),
) -> Result<(), Failure> {
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
        .collect()
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
