//! The markup of a photo in a page: `<picture>` with WebP and the original's
//! format, `srcset`, `sizes`, width and height; or a plain `<img>`.

use super::{Format, Picture, Pictures, Variant, SIZES, WIDTHS};
use crate::escape;
use crate::markdown::{ImageRef, IMAGE_MARK, SLOT_PREFIX};

/// The `srcset` value of some copies: `url 480w, url 960w`.
pub(crate) fn srcset(variants: &[&Variant]) -> String {
    variants
        .iter()
        .map(|v| format!("{} {}w", v.url, v.width))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `<picture>` (or plain `<img>`) for an image of a page.
///
/// `src` is the original's address as it goes into `src` when no copies exist
/// (it may be a link slot, filled later). `eager` leaves out `loading="lazy"`:
/// the first photo of a page is often the largest thing on screen at once.
pub(crate) fn markup(
    picture: Option<&Picture>,
    src: &str,
    image: &ImageRef,
    eager: bool,
) -> String {
    let mut out = String::new();
    let attrs = |out: &mut String| {
        out.push_str(" alt=\"");
        out.push_str(&escape::attr(&image.alt));
        out.push('"');
        if !image.title.is_empty() {
            out.push_str(" title=\"");
            out.push_str(&escape::attr(&image.title));
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
    let sizes = escape::attr(SIZES);
    out.push_str("<picture>");
    let webp = picture.in_format(Format::WebP);
    if !webp.is_empty() {
        out.push_str(&format!(
            "<source type=\"image/webp\" srcset=\"{}\" sizes=\"{sizes}\">",
            escape::attr(&srcset(&webp))
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
        escape::attr(middle),
        escape::attr(&srcset(&copies)),
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
pub(crate) fn place(
    html: &str,
    images: &[ImageRef],
    urls: &[String],
    pictures: &Pictures,
) -> String {
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
    use crate::images::published_url;
    use std::path::PathBuf;

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
}
