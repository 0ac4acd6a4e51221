//! Folding: what a word becomes before it is indexed or looked up.
//!
//! Readers type on phone keyboards without Azerbaijani letters (`gence` for
//! Gəncə), so both sides fold `ə→e ı→i İ→i ş→s ç→c ğ→g ö→o ü→u`, the same
//! letters as [`crate::slug`], strip the accents of other Latin letters, fold
//! Russian `ё` to `е` (customary in Russian search) and lowercase the rest
//! without a locale. `I` and `İ` both become `i`: the Turkic dotless/dotted
//! distinction is exactly what a keyboard without those letters cannot type.
//!
//! `static/search.js` folds queries with the same table: the table is written
//! into the script by [`js_table`] and a test fails when the two differ.

use std::sync::OnceLock;

/// Azerbaijani letters, in pairs (letter, folded): the slug table of [`crate::slug`].
const AZ_PAIRS: &str = "ƏeəeıiİiŞsşsÇcçcĞgğgÖoöoÜuüu";

/// Other accented Latin letters (Latin-1 and Latin Extended-A) and Russian `ё`, in pairs.
const OTHER_PAIRS: &str = "ÀaÁaÂaÃaÄaÅaÈeÉeÊeËeÌiÍiÎiÏiÑnÒoÓoÔoÕoÙuÚuÛuÝyàaáaâaãaäaåaèeéeêeëeìiíiîiïiñnòoóoôoõoùuúuûuýyÿyĀaāaĂaăaĄaąaĆcćcĈcĉcĊcċcČcčcĎdďdĒeēeĔeĕeĖeėeĘeęeĚeěeĜgĝgĠgġgĢgģgĤhĥhĨiĩiĪiīiĬiĭiĮiįiĴjĵjĶkķkĹlĺlĻlļlĽlľlŃnńnŅnņnŇnňnŌoōoŎoŏoŐoőoŔrŕrŖrŗrŘrřrŚsśsŜsŝsŠsšsŢtţtŤtťtŨuũuŪuūuŬuŭuŮuůuŰuűuŲuųuŴwŵwŶyŷyŸyŹzźzŻzżzŽzžzØoøoŁlłlĐdđdÐdðdЁеёе";

/// Letters that fold to two letters.
const MULTI: &[(char, &str)] = &[
    ('Æ', "ae"),
    ('æ', "ae"),
    ('Œ', "oe"),
    ('œ', "oe"),
    ('ß', "ss"),
];

/// The single-letter table, sorted by letter for binary search.
fn table() -> &'static [(char, char)] {
    static TABLE: OnceLock<Vec<(char, char)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(char, char)> = Vec::new();
        for pairs in [AZ_PAIRS, OTHER_PAIRS] {
            let chars: Vec<char> = pairs.chars().collect();
            for p in chars.chunks_exact(2) {
                t.push((p[0], p[1]));
            }
        }
        t.sort_unstable();
        t
    })
}

/// True for the combining diacritical marks that decomposed text carries (as in slugs).
pub(crate) fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// True for a character that belongs to a word: a letter, a digit or a combining mark.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// The letter the fold table makes of `c`, if it has `c`.
fn folded_letter(c: char) -> Option<char> {
    let t = table();
    t.binary_search_by(|(k, _)| k.cmp(&c)).ok().map(|i| t[i].1)
}

/// Appends the folded form of one character to `out`.
pub(crate) fn fold_char_into(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    if is_combining_mark(c) {
        // A decomposed accent, or the dot `"İ".to_lowercase()` leaves behind.
        return;
    }
    if let Some(l) = folded_letter(c) {
        out.push(l);
        return;
    }
    if let Some((_, s)) = MULTI.iter().find(|(k, _)| *k == c) {
        out.push_str(s);
        return;
    }
    // Locale-free lowercasing, character by character (as the script does).
    out.extend(c.to_lowercase());
}

/// The folded form of a word or a whole text (separators are kept as they are, lowercased).
#[cfg(test)]
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut out);
    }
    out
}

/// Each ASCII byte folded: the lowercase letter or digit, or 0 for a separator.
const ASCII_FOLD: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = c.to_ascii_lowercase();
        }
        b += 1;
    }
    t
};

/// Calls `f(start, end, folded)` for every word of `text`, reusing one buffer.
///
/// Every page's whole text goes through here, so ASCII bytes (most of the letters
/// of az and en text) are folded by a table without decoding, a word at a time;
/// anything else is folded by [`fold_char_into`].
pub(crate) fn for_each_token(text: &str, mut f: impl FnMut(usize, usize, &str)) {
    let bytes = text.as_bytes();
    let mut buf = String::new();
    let mut i = 0;
    while i < bytes.len() {
        // Read a word to its end.
        let start = i;
        buf.clear();
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                match ASCII_FOLD[usize::from(b)] {
                    0 => break,
                    l => buf.push(char::from(l)),
                }
                i += 1;
            } else {
                let c = text[i..].chars().next().unwrap_or_default();
                match folded_letter(c) {
                    Some(l) => buf.push(l),
                    None if is_word_char(c) => fold_char_into(c, &mut buf),
                    None => break,
                }
                i += c.len_utf8();
            }
        }
        if i == start {
            // Not a word's character: step over it.
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        } else if !buf.is_empty() {
            f(start, i, &buf);
        }
    }
}

/// The fold table as the JavaScript line that `static/search.js` carries.
///
/// One string of pairs (letter, folded letter) and an object for the letters
/// that fold to two; the script applies it exactly as [`fold_char_into`] does.
#[cfg(test)]
pub(crate) fn js_table() -> String {
    let multi: Vec<String> = MULTI
        .iter()
        .map(|(k, v)| format!("\"{k}\":\"{v}\""))
        .collect();
    format!(
        "const FOLD_PAIRS = \"{AZ_PAIRS}{OTHER_PAIRS}\", FOLD_MULTI = {{{}}};",
        multi.join(",")
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Cases shared with the script's test (tests/search_js.rs runs them through search.js).
    pub(crate) const CASES: &[(&str, &str)] = &[
        ("Gəncə", "gence"),
        ("GƏNCƏ", "gence"),
        ("qısa müddətli", "qisa muddetli"),
        ("QISA MÜDDƏTLİ QAYĞI", "qisa muddetli qaygi"),
        ("İctimai", "ictimai"),
        ("IĞDIR", "igdir"),
        ("uşaqların", "usaqlarin"),
        ("Şəki Çələbi Ördək Üzüm", "seki celebi ordek uzum"),
        // What `"İ".to_lowercase()` produces: i + U+0307; the dot must vanish.
        ("i\u{307}ctimai", "ictimai"),
        // Decomposed ü (u + U+0308) folds like the precomposed letter.
        ("mu\u{308}ddət", "muddet"),
        ("Café déjà vu", "cafe deja vu"),
        ("Straße Œuvre Ærø", "strasse oeuvre aero"),
        ("Łódź", "lodz"),
        ("Ёлка ещё", "елка еще"),
        ("Москва ДЕТИ", "москва дети"),
        ("Ελλάδα", "ελλάδα"),
        ("2011-ci il", "2011-ci il"),
    ];

    #[test]
    fn folding_follows_the_slug_letters_and_strips_other_accents() {
        for (input, want) in CASES {
            assert_eq!(fold(input), *want, "fold({input:?})");
        }
    }

    #[test]
    fn folding_agrees_with_slugs_on_azerbaijani_letters() {
        // Every Azerbaijani letter folds to what a slug makes of it.
        for c in "ƏəIıİiŞşÇçĞğÖöÜü".chars() {
            let s = c.to_string();
            assert_eq!(fold(&s), crate::slug::slugify(&s), "{c}");
        }
    }

    #[test]
    fn cyrillic_stays_cyrillic() {
        assert_eq!(fold("Дети"), "дети");
        assert_eq!(fold("ЁЖ"), "еж");
    }

    fn tokens(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        for_each_token(text, |s, e, w| out.push((s, e, w.to_string())));
        out
    }

    /// The tokenizer as first written, one decoded character at a time: what the
    /// byte-wise one must agree with.
    fn tokens_by_char(text: &str) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut buf = String::new();
        let mut start: Option<usize> = None;
        for (i, c) in text.char_indices() {
            if is_word_char(c) {
                if start.is_none() {
                    start = Some(i);
                    buf.clear();
                }
                fold_char_into(c, &mut buf);
            } else if let Some(s) = start.take() {
                if !buf.is_empty() {
                    out.push((s, i, buf.clone()));
                }
            }
        }
        if let Some(s) = start {
            if !buf.is_empty() {
                out.push((s, text.len(), buf));
            }
        }
        out
    }

    proptest::proptest! {
        #![proptest_config(crate::proptest_config::fixed("proptest-regressions/fold.txt"))]

        #[test]
        fn bytewise_tokens_agree_with_the_character_reader(
            text in "[a-zA-Z0-9 ,.!?əıİşçğöüƏŞÇĞÖÜéßœДЁё\u{307}\u{308}\u{a0}\u{2014}\u{1F600}-]{0,40}"
        ) {
            proptest::prop_assert_eq!(tokens(&text), tokens_by_char(&text));
        }
    }

    #[test]
    fn tokens_keep_offsets_into_the_original() {
        let text = "Uşaqların, Gəncədə!";
        let t = tokens(text);
        assert_eq!(t.len(), 2);
        assert_eq!(&text[t[0].0..t[0].1], "Uşaqların");
        assert_eq!(t[0].2, "usaqlarin");
        assert_eq!(&text[t[1].0..t[1].1], "Gəncədə");
        assert_eq!(t[1].2, "gencede");
    }

    #[test]
    fn a_combining_mark_does_not_split_a_word() {
        let t = tokens("İ\u{307}ctimai vəkillik");
        let words: Vec<&str> = t.iter().map(|t| t.2.as_str()).collect();
        assert_eq!(words, ["ictimai", "vekillik"]);
    }

    #[test]
    fn the_table_is_sorted_without_duplicates() {
        let t = table();
        assert!(t.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(t.iter().all(|(_, v)| !v.is_uppercase()));
        // The tokenizer takes a letter of the table for a word character unasked.
        assert!(t.iter().all(|(k, _)| is_word_char(*k)));
    }
}
