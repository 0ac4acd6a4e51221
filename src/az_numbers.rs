//! Azerbaijani case suffixes after numbers written in digits.
//!
//! A suffix after digits follows the vowel harmony of the number as it is
//! read aloud, and only its last word counts: `5-dən` (beş), `6-dan` (altı),
//! `10-dan` (on), `20-dən` (iyirmi), `100-dən` (yüz), `1000-dən` (min),
//! `1 000 000-dan` (milyon). The numerals are regular, so the last word
//! follows from the digits alone: the units digit if it is not 0, else the
//! tens digit, else yüz, min, milyon, milyard… by the lowest non-zero group.
//!
//! Locale strings reach this through the Fluent function `AZ_ABLATIVE`
//! (registered for every language by [`crate::locale`]):
//! `stats-fewer-than = { $n }-{ AZ_ABLATIVE($n) } az` gives `10-dan az`.

use fluent::{FluentArgs, FluentValue};

/// Units 1–9 as read aloud.
const UNITS: [&str; 9] = [
    "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz",
];
/// Tens 10–90 as read aloud.
const TENS: [&str; 9] = [
    "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan",
];
/// Powers of a thousand from 10⁶ up, as read aloud (u64 ends below 10²¹).
const BIG: [&str; 5] = ["milyon", "milyard", "trilyon", "kvadrilyon", "kvintilyon"];

/// The last word of `n` read aloud in Azerbaijani: 16 → `altı`, 40 → `qırx`, 300 → `yüz`.
pub(crate) fn last_numeral_word(n: u64) -> &'static str {
    if n == 0 {
        return "sıfır";
    }
    let digit = |x: u64| (x % 10) as usize; // 1..=9 where used
    if !n.is_multiple_of(10) {
        return UNITS[digit(n) - 1];
    }
    if !n.is_multiple_of(100) {
        return TENS[digit(n / 10) - 1];
    }
    if !n.is_multiple_of(1000) {
        return "yüz";
    }
    if !n.is_multiple_of(1_000_000) {
        return "min";
    }
    // The lowest non-zero group of three digits above the thousands names the word.
    let mut rest = n / 1_000_000;
    for word in BIG {
        if !rest.is_multiple_of(1000) {
            return word;
        }
        rest /= 1000;
    }
    "kvintilyon"
}

/// True if the last vowel of `word` is a back vowel (a ı o u).
fn ends_in_back_vowel(word: &str) -> bool {
    word.chars()
        .rev()
        .find_map(|c| match c {
            'a' | 'ı' | 'o' | 'u' => Some(true),
            'e' | 'ə' | 'i' | 'ö' | 'ü' => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}

/// The ablative suffix ("from", "than") after `n` written in digits: `dan` or `dən`.
///
/// `format!("{n}-{}", az_ablative(n))` gives `10-dan`, `5-dən`, `1000-dən`.
pub(crate) fn az_ablative(n: u64) -> &'static str {
    if ends_in_back_vowel(last_numeral_word(n)) {
        "dan"
    } else {
        "dən"
    }
}

/// The Fluent function `AZ_ABLATIVE($n)`: `dan` or `dən` for a whole number ≥ 0.
///
/// A number given as text (`"10"`) is read too; anything else (a fraction, a
/// negative number, words) is a Fluent error, which the site reports.
pub(crate) fn fluent_az_ablative<'a>(
    positional: &[FluentValue<'a>],
    _named: &FluentArgs,
) -> FluentValue<'a> {
    let n = match positional.first() {
        Some(FluentValue::Number(num)) => {
            let v = num.value;
            (v.is_finite() && v >= 0.0 && v.fract() == 0.0 && v <= u64::MAX as f64)
                .then_some(v as u64)
        }
        Some(FluentValue::String(s)) => s.trim().parse::<u64>().ok(),
        _ => None,
    };
    match n {
        Some(n) => FluentValue::from(az_ablative(n)),
        None => FluentValue::Error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reviewers_examples() {
        for (n, want) in [
            (5, "dən"),
            (6, "dan"),
            (10, "dan"),
            (20, "dən"),
            (100, "dən"),
            (1000, "dən"),
            (1_000_000, "dan"),
            (0, "dan"),
        ] {
            assert_eq!(az_ablative(n), want, "{n}");
        }
    }

    #[test]
    fn the_units_digit_decides_when_it_is_not_zero() {
        // bir iki üç dörd beş altı yeddi səkkiz doqquz
        let want = [
            "dən", "dən", "dən", "dən", "dən", "dan", "dən", "dən", "dan",
        ];
        for (i, w) in want.iter().enumerate() {
            let d = i as u64 + 1;
            for n in [d, 10 + d, 90 + d, 100 + d, 1000 + d, 1_000_000 + d] {
                assert_eq!(az_ablative(n), *w, "{n}");
            }
        }
        assert_eq!(az_ablative(12), "dən");
        assert_eq!(az_ablative(16), "dan");
        assert_eq!(az_ablative(19), "dan");
        assert_eq!(az_ablative(9), "dan");
    }

    #[test]
    fn round_tens_take_the_tens_word() {
        // on iyirmi otuz qırx əlli altmış yetmiş səksən doxsan
        let want = [
            "dan", "dən", "dan", "dan", "dən", "dan", "dən", "dən", "dan",
        ];
        for (i, w) in want.iter().enumerate() {
            let t = (i as u64 + 1) * 10;
            for n in [t, 100 + t, 2000 + t, 5_000_000 + t] {
                assert_eq!(az_ablative(n), *w, "{n}");
            }
        }
        assert_eq!(az_ablative(30), "dan");
        assert_eq!(az_ablative(40), "dan");
        assert_eq!(az_ablative(50), "dən");
    }

    #[test]
    fn hundreds_thousands_and_beyond() {
        for n in [100, 200, 300, 900, 1100, 2500, 1_000_300] {
            assert_eq!(last_numeral_word(n), "yüz", "{n}");
            assert_eq!(az_ablative(n), "dən", "{n}");
        }
        for n in [1000, 2000, 10_000, 300_000, 1_001_000] {
            assert_eq!(last_numeral_word(n), "min", "{n}");
            assert_eq!(az_ablative(n), "dən", "{n}");
        }
        assert_eq!(last_numeral_word(1_000_000), "milyon");
        assert_eq!(last_numeral_word(3_000_000_000), "milyard");
        assert_eq!(last_numeral_word(1_005_000_000), "milyon");
        assert_eq!(last_numeral_word(7_000_000_000_000), "trilyon");
        assert_eq!(last_numeral_word(10u64.pow(15)), "kvadrilyon");
        assert_eq!(last_numeral_word(10u64.pow(18)), "kvintilyon");
        for n in [1_000_000, 25_000_000, 3_000_000_000, 10u64.pow(18)] {
            assert_eq!(az_ablative(n), "dan", "{n}");
        }
        assert_eq!(az_ablative(u64::MAX), "dən"); // …615: beş
    }

    #[test]
    fn the_thresholds_an_editor_might_choose() {
        // suppress_below is any value ≥ 5: "N-dan az" / "N-dən az".
        let cases = [
            (5, "dən"),
            (6, "dan"),
            (7, "dən"),
            (8, "dən"),
            (9, "dan"),
            (10, "dan"),
            (11, "dən"),
            (13, "dən"),
            (14, "dən"),
            (15, "dən"),
            (16, "dan"),
            (17, "dən"),
            (18, "dən"),
            (20, "dən"),
            (25, "dən"),
            (30, "dan"),
            (50, "dən"),
            (60, "dan"),
            (70, "dən"),
            (80, "dən"),
            (90, "dan"),
        ];
        for (n, want) in cases {
            assert_eq!(az_ablative(n), want, "{n}");
        }
    }

    #[test]
    fn the_fluent_function_reads_numbers_and_refuses_the_rest() {
        let args = FluentArgs::new();
        let call = |v: FluentValue<'static>| fluent_az_ablative(&[v], &args);
        assert_eq!(call(FluentValue::from(10)), FluentValue::from("dan"));
        assert_eq!(call(FluentValue::from(5.0)), FluentValue::from("dən"));
        assert_eq!(call(FluentValue::from("16")), FluentValue::from("dan"));
        // FluentValue::Error never equals itself, hence matches!.
        assert!(matches!(call(FluentValue::from(2.5)), FluentValue::Error));
        assert!(matches!(call(FluentValue::from(-3)), FluentValue::Error));
        assert!(matches!(call(FluentValue::from("on")), FluentValue::Error));
        assert!(matches!(fluent_az_ablative(&[], &args), FluentValue::Error));
    }
}
