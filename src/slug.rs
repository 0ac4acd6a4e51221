//! Azerbaijani-aware slugs for URLs and heading ids.
//!
//! Generic transliteration gets Azerbaijani wrong (`ə` becomes `@`, and
//! Rust's `to_lowercase` turns `İ` into `i` plus a combining dot), so the
//! letters of the Azerbaijani alphabet are mapped here by our own table and
//! only other scripts fall back to `deunicode`.
//!
//! Russian letters follow one named standard, ICAO Doc 9303 (the table of
//! Russian passports since 2014): `ж→zh х→kh ц→ts щ→shch ъ→ie ю→iu я→ia`, `ё→e`,
//! `ь` dropped. `deunicode` alone writes `ё→io` and turns `ъ`/`ь` into
//! apostrophes, which split a word in two (`семья` → `sem-ia`).

/// The Azerbaijani letters that ASCII lowercasing cannot handle, in both cases.
fn az_letter(c: char) -> Option<char> {
    Some(match c {
        'ə' | 'Ə' => 'e',
        'ı' | 'I' | 'İ' | 'i' => 'i',
        'ş' | 'Ş' => 's',
        'ç' | 'Ç' => 'c',
        'ğ' | 'Ğ' => 'g',
        'ö' | 'Ö' => 'o',
        'ü' | 'Ü' => 'u',
        _ => return None,
    })
}

/// A Russian letter in either case, transliterated by ICAO Doc 9303 (`ь` gives nothing).
fn ru_letter(c: char) -> Option<&'static str> {
    const TABLE: [&str; 32] = [
        "a", "b", "v", "g", "d", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s",
        "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "ie", "y", "", "e", "iu", "ia",
    ];
    let lower = match c {
        'А'..='Я' => u32::from(c) - u32::from('А'),
        'а'..='я' => u32::from(c) - u32::from('а'),
        'Ё' | 'ё' => return Some("e"),
        _ => return None,
    };
    TABLE.get(lower as usize).copied()
}

/// Turns text into a URL segment: lowercase ASCII letters, digits and single hyphens.
///
/// `İctimai Vəkillik` → `ictimai-vekillik`. Returns an empty string when the
/// text has no letter or digit at all.
pub(crate) fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    let push = |out: &mut String, c: char, pending_dash: &mut bool| {
        if *pending_dash && !out.is_empty() {
            out.push('-');
        }
        *pending_dash = false;
        out.push(c);
    };
    for c in text.chars() {
        if let Some(mapped) = az_letter(c) {
            push(&mut out, mapped, &mut pending_dash);
        } else if let Some(latin) = ru_letter(c) {
            for a in latin.chars() {
                push(&mut out, a, &mut pending_dash);
            }
        } else if c.is_ascii_alphanumeric() {
            push(&mut out, c.to_ascii_lowercase(), &mut pending_dash);
        } else if c.is_alphanumeric() {
            // Combining marks and letters of other scripts: transliterate, keep only
            // what is still a letter or digit.
            let ascii = deunicode::deunicode_char(c).unwrap_or("");
            let mut any = false;
            for a in ascii.chars() {
                if a.is_ascii_alphanumeric() {
                    push(&mut out, a.to_ascii_lowercase(), &mut pending_dash);
                    any = true;
                } else {
                    pending_dash = true;
                }
            }
            if !any {
                pending_dash = true;
            }
        } else if is_combining_mark(c) {
            // A decomposed accent (e.g. the dot of a lowercased `İ`) belongs to the
            // previous letter: drop it rather than split the word.
        } else {
            pending_dash = true;
        }
    }
    out
}

/// True for the combining diacritical marks that decomposed text carries.
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Hands out heading ids for one page, so repeated headings stay distinct.
#[derive(Debug, Default)]
pub(crate) struct IdAllocator {
    used: std::collections::HashSet<String>,
}

impl IdAllocator {
    /// Reserves an id exactly as given (an explicit `{#id}`); false if it was taken.
    pub(crate) fn reserve(&mut self, id: &str) -> bool {
        self.used.insert(id.to_string())
    }

    /// The id for a heading's text: its slug, with `-1`, `-2`… added on repeats.
    pub(crate) fn allocate(&mut self, text: &str) -> String {
        let mut base = slugify(text);
        if base.is_empty() {
            base = "section".to_string();
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 1;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azerbaijani_titles_become_clean_ascii_slugs() {
        assert_eq!(slugify("İctimai Vəkillik"), "ictimai-vekillik");
        assert_eq!(slugify("QISA MÜDDƏTLİ QAYĞI"), "qisa-muddetli-qaygi");
        assert_eq!(slugify("Gənclər Evi"), "gencler-evi");
        assert_eq!(slugify("Gəncə"), "gence");
        assert_eq!(
            slugify("Şəki, Çələbi, Ördək, Üzüm"),
            "seki-celebi-ordek-uzum"
        );
    }

    #[test]
    fn a_lowercased_capital_dotted_i_leaves_no_combining_dot() {
        // What `"İ".to_lowercase()` produces: `i` followed by U+0307.
        let lowered = "İctimai".to_lowercase();
        assert_eq!(slugify(&lowered), "ictimai");
        assert!(!slugify("İ").contains('%'));
    }

    #[test]
    fn punctuation_and_spaces_collapse_to_single_hyphens() {
        assert_eq!(slugify("  Hello,   World!  "), "hello-world");
        assert_eq!(slugify("a/b/../c"), "a-b-c");
        assert_eq!(slugify("2011-ci il"), "2011-ci-il");
        assert_eq!(slugify("!!!"), "");
    }

    #[test]
    fn other_scripts_are_transliterated() {
        assert_eq!(slugify("Café déjà vu"), "cafe-deja-vu");
        assert_eq!(slugify("Москва"), "moskva");
        assert_eq!(slugify("Ελλάδα"), "ellada");
    }

    #[test]
    fn russian_follows_icao_doc_9303() {
        let table = [
            ('а', "a"),
            ('б', "b"),
            ('в', "v"),
            ('г', "g"),
            ('д', "d"),
            ('е', "e"),
            ('ё', "e"),
            ('ж', "zh"),
            ('з', "z"),
            ('и', "i"),
            ('й', "i"),
            ('к', "k"),
            ('л', "l"),
            ('м', "m"),
            ('н', "n"),
            ('о', "o"),
            ('п', "p"),
            ('р', "r"),
            ('с', "s"),
            ('т', "t"),
            ('у', "u"),
            ('ф', "f"),
            ('х', "kh"),
            ('ц', "ts"),
            ('ч', "ch"),
            ('ш', "sh"),
            ('щ', "shch"),
            ('ъ', "ie"),
            ('ы', "y"),
            ('ь', ""),
            ('э', "e"),
            ('ю', "iu"),
            ('я', "ia"),
        ];
        for (c, latin) in table {
            assert_eq!(slugify(&format!("x{c}x")), format!("x{latin}x"), "{c}");
            let upper: String = c.to_uppercase().collect();
            assert_eq!(
                slugify(&format!("x{upper}x")),
                format!("x{latin}x"),
                "{upper}"
            );
        }
    }

    #[test]
    fn russian_titles_become_whole_words() {
        // The soft and hard signs do not split a word; ё is e, as in passports.
        assert_eq!(slugify("Получить помощь"), "poluchit-pomoshch");
        assert_eq!(slugify("Семья и дети"), "semia-i-deti");
        assert_eq!(slugify("Объявления"), "obieiavleniia");
        assert_eq!(slugify("Ещё"), "eshche");
        assert_eq!(slugify("Цели программы"), "tseli-programmy");
        assert_eq!(slugify("Краткосрочный уход"), "kratkosrochnyi-ukhod");
        assert_eq!(slugify("ПОДДЕРЖКА СЕМЕЙ"), "podderzhka-semei");
        assert_eq!(
            slugify("Защита детей: 2011–2013"),
            "zashchita-detei-2011-2013"
        );
    }

    #[test]
    fn duplicate_headings_on_one_page_get_distinct_ids() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("Məqsədlər"), "meqsedler");
        assert_eq!(ids.allocate("Məqsədlər"), "meqsedler-1");
        assert_eq!(ids.allocate("MƏQSƏDLƏR"), "meqsedler-2");
        assert_eq!(ids.allocate("?"), "section");
    }

    #[test]
    fn explicit_ids_are_reserved_before_generated_ones() {
        let mut ids = IdAllocator::default();
        assert!(ids.reserve("intro"));
        assert_eq!(ids.allocate("Intro"), "intro-1");
        assert!(!ids.reserve("intro"));
    }
}
