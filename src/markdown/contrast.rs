//! Highlighting themes made readable: every colour a theme gives code meets WCAG
//! AA's contrast on the background it is drawn on.
//!
//! Syntect's bundled themes were made for editors, not for the contrast a public
//! site owes its readers (InspiredGitHub's green is 3.0:1 on white).

use syntect::highlighting::{Color, Theme};

/// The contrast every code colour reaches: WCAG AA's 4.5:1 for normal text, plus a
/// margin so that a checker's rounding never puts it below.
pub(crate) const MIN_CONTRAST: f64 = 4.6;

const WHITE: Color = Color {
    r: 255,
    g: 255,
    b: 255,
    a: 255,
};
const BLACK: Color = Color {
    r: 0,
    g: 0,
    b: 0,
    a: 255,
};

/// Relative luminance of an opaque sRGB colour (WCAG 2).
fn luminance(c: Color) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b)
}

/// WCAG 2 contrast ratio of two colours, from 1 to 21.
pub(crate) fn contrast(a: Color, b: Color) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// `fg` if it is readable on `bg`; otherwise the first mix of `fg` toward black (on
/// a light background) or white (on a dark one) that is, keeping its hue as far as
/// it can.
pub(crate) fn readable(fg: Color, bg: Color) -> Color {
    let fg = Color { a: 255, ..fg };
    if contrast(fg, bg) >= MIN_CONTRAST {
        return fg;
    }
    let toward = if contrast(BLACK, bg) >= contrast(WHITE, bg) {
        BLACK
    } else {
        WHITE
    };
    let mix =
        |a: u8, b: u8, t: f64| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    (1..=50)
        .map(|step| {
            let t = f64::from(step) / 50.0;
            Color {
                r: mix(fg.r, toward.r, t),
                g: mix(fg.g, toward.g, t),
                b: mix(fg.b, toward.b, t),
                a: 255,
            }
        })
        .find(|c| contrast(*c, bg) >= MIN_CONTRAST)
        .unwrap_or(toward)
}

/// `theme` with every foreground readable on its background.
pub(crate) fn legible(theme: &Theme) -> Theme {
    let mut theme = theme.clone();
    let bg = theme.settings.background.unwrap_or(WHITE);
    theme.settings.foreground = Some(readable(theme.settings.foreground.unwrap_or(BLACK), bg));
    for item in &mut theme.scopes {
        let under = item.style.background.unwrap_or(bg);
        if let Some(fg) = item.style.foreground {
            item.style.foreground = Some(readable(fg, under));
        }
    }
    theme
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b, a: 255 }
    }

    #[test]
    fn contrast_matches_the_wcag_figures() {
        assert!((contrast(BLACK, WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // The figure axe reported for InspiredGitHub's green on white.
        assert!((contrast(rgb(0x63, 0xa3, 0x5c), WHITE) - 3.03).abs() < 0.01);
    }

    #[test]
    fn readable_colours_are_kept_and_others_moved_just_far_enough() {
        let navy = rgb(0x18, 0x36, 0x91);
        assert!(readable(navy, WHITE) == navy);
        let green = readable(rgb(0x63, 0xa3, 0x5c), WHITE);
        assert!(contrast(green, WHITE) >= MIN_CONTRAST);
        assert!(contrast(green, WHITE) < 5.5, "darkened more than needed");
        assert!(green.g > green.r && green.g > green.b, "still green");
        // On a dark background the colour is lightened.
        let dark = rgb(0x2b, 0x30, 0x3b);
        let red = readable(rgb(0xbf, 0x61, 0x6a), dark);
        assert!(contrast(red, dark) >= MIN_CONTRAST);
        assert!(luminance(red) > luminance(rgb(0xbf, 0x61, 0x6a)));
    }

    #[test]
    fn every_colour_of_the_bundled_themes_becomes_readable() {
        let set = syntect::highlighting::ThemeSet::load_defaults();
        for (name, theme) in &set.themes {
            let t = legible(theme);
            let bg = t.settings.background.unwrap_or(WHITE);
            for item in &t.scopes {
                if let Some(fg) = item.style.foreground {
                    let under = item.style.background.unwrap_or(bg);
                    assert!(contrast(fg, under) >= MIN_CONTRAST, "{name}: {item:?}");
                }
            }
        }
    }
}
