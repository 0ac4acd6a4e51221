//! Responsive images: photos shown in pages get smaller copies for phones.
//!
//! Rendering writes each image a page shows from the site's files ([`place`]):
//! a `<picture>` with `srcset`, `sizes`, `width` and `height` when its file has
//! copies ([`Picture`]), else a plain `<img>`. Making the copies comes next.

use crate::highlight::escape_attr;
use crate::markdown::{ImageRef, IMAGE_MARK, SLOT_PREFIX};
use crate::slug::slugify;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The widths copies are made at, in pixels: phones, tablets and laptops, large screens.
pub const WIDTHS: [u32; 3] = [480, 960, 1600];

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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

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
