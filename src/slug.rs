//! Azerbaijani-aware slugs for URLs and heading ids.
//!
//! Generic transliteration gets Azerbaijani wrong (`ə` becomes `@`, and
//! Rust's `to_lowercase` turns `İ` into `i` plus a combining dot), so the
//! letters of the Azerbaijani alphabet are mapped here by our own table and
//! only other scripts fall back to `deunicode`.

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
