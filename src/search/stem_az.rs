//! A conservative suffix-stripping stemmer for Azerbaijani nouns, on folded text.
//!
//! Snowball has Turkish, not Azerbaijani, and no maintained crate stems
//! Azerbaijani, so this is our own. It works on *folded* words (see
//! [`super::fold`]) because queries arrive without the letters: `ı/i`, `ə/e`,
//! `ü/u`, `ö/o` are one letter here, so harmony pairs such as `-lar/-lər`
//! collapse into `lar`/`ler` and `-ın/-in/-un/-ün` into `in`/`un`.
//!
//! A noun is root + plural + possessive + case (+ `-dır`, + `-kı`), so the
//! suffixes are stripped from the end in that order, at most one per layer:
//! `usaq|lar|imiz|in`. What keeps it conservative:
//! - a bare vowel (dative `-a/-ə`, accusative and 3rd person `-ı/-i/-u/-ü`) is
//!   stripped only where something proves it is a suffix: a plural or a 1st/2nd
//!   person plural possessive before it (`uşaqlar|a`), a pronominal `n` after it
//!   (`kənd|i|ndə`) or the `ğ` of a `q`-final root (`uşağ|ı`). Otherwise
//!   `Gəncə` would become `gənc` (young) and `tələbə` (student) `tələb` (demand);
//! - buffer consonants (`-nın`, `-ya`, `-nı`, `-sı`) only after a vowel, and
//!   `-ya/-yə` not after `i`, where the root itself ends in `-iya`
//!   (`assosiasiya`, `strategiya`, `Konvensiya`: 47 times in our content);
//! - each suffix leaves a minimum stem (3 letters, 4 for `-da/-dan/-ın` and
//!   `-sı`, so `meydan`, `qadın` and `əsası` keep their last syllable; 2 for
//!   the plural and `-ımız`, so `evlər` and `işimiz` meet `ev` and `iş`), and a
//!   stem keeps a vowel;
//! - a stem ending in vowel + `g` (`uşağ`, `dağ`) is written with `q`, so
//!   `uşaq`, `uşağı` and `uşağa` meet.
//!
//! - a `k`-final root before a vowel is written with `y` (`dəstək`, `dəstəyi`;
//!   `vəkillik`, `vəkilliyi`): a bare `-ı/-i/-u/-ü` after `əy`, `iy` or `üy` is
//!   stripped, and a stem of four letters or more ending so is written with
//!   `k`. Not after `a`/`o` (`qaya`, `sayı`: their `y` is the root's), not
//!   for the dative (`köməyə` cannot be told from `Bakıya`), and a short stem
//!   keeps its `y` (`şeyi`, `rəyi` meet `şey`, `rəy`).
//!
//! Left alone on purpose: verbs, derivation (`-lı`, `-sız`, `-çı`: other
//! words), the first person singular `-ım` (`təlim`, `müəllim` end in it),
//! the dative of `k`-final roots and dropped vowels (`oğul/oğlu`).
//!
//! The rules are data ([`LAYERS`]) so that `static/search.js` applies the very
//! same ones to a query: the index manifest carries them ([`rules_json`]).

/// When a suffix may be stripped, judged on what would remain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cond {
    /// Always.
    Any,
    /// The remainder ends in a vowel (buffer consonants follow vowels only).
    Vowel,
    /// The remainder ends in a vowel other than `i` (`-ya` after `-i` is `-iya`).
    VowelNotI,
    /// The remainder ends in a consonant.
    Consonant,
    /// The remainder ends in a suffix, or in vowel + `g`: the bare vowel is a suffix too.
    Proven,
    /// A pronominal `n` was just stripped: this vowel is the 3rd person possessive.
    AfterN,
    /// The remainder ends in a locative `-da/-də` (for `-kı`).
    Locative,
    /// The remainder ends in `e`, `i` or `u` + `y`: a `k`-final root before a vowel.
    Alternated,
}

/// One suffix rule: the folded suffix, its condition, the shortest stem it may leave.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Rule {
    /// The folded suffix.
    pub suffix: &'static str,
    /// What the remainder must look like.
    pub cond: Cond,
    /// The fewest characters the remainder may have.
    pub min: usize,
    /// True when this suffix starts with the pronominal `n` (`-ndə`, `-na`, `-ndan`).
    pub sets_n: bool,
}

const fn r(suffix: &'static str, cond: Cond, min: usize) -> Rule {
    Rule {
        suffix,
        cond,
        min,
        sets_n: false,
    }
}

const fn n(suffix: &'static str) -> Rule {
    Rule {
        suffix,
        cond: Cond::Vowel,
        min: 3,
        sets_n: true,
    }
}

use Cond::*;

/// The layers, outermost first; within a layer the first rule that applies wins.
pub(crate) const LAYERS: &[&[Rule]] = &[
    // -kı after a locative: kəndindəki, Bakıdakı.
    &[r("ki", Locative, 4)],
    // Predicative -dır/-dir/-dur/-dür.
    &[r("dir", Any, 4), r("dur", Any, 4)],
    // Case.
    &[
        n("ndan"),
        n("nden"),
        n("nda"),
        n("nde"),
        r("dan", Any, 4),
        r("den", Any, 4),
        r("da", Any, 4),
        r("de", Any, 4),
        r("nin", Vowel, 3),
        r("nun", Vowel, 3),
        r("in", Consonant, 4),
        r("un", Consonant, 4),
        n("na"),
        n("ne"),
        r("ya", VowelNotI, 3),
        r("ye", VowelNotI, 3),
        r("ni", Vowel, 3),
        r("nu", Vowel, 3),
        r("a", Proven, 3),
        r("e", Proven, 3),
        r("i", Proven, 3),
        r("u", Proven, 3),
        r("i", Alternated, 3),
        r("u", Alternated, 3),
    ],
    // Possessive.
    &[
        r("imiz", Consonant, 2),
        r("umuz", Consonant, 2),
        r("iniz", Consonant, 2),
        r("unuz", Consonant, 2),
        r("miz", Vowel, 3),
        r("muz", Vowel, 3),
        r("niz", Vowel, 3),
        r("nuz", Vowel, 3),
        r("si", Vowel, 4),
        r("su", Vowel, 4),
        r("i", AfterN, 2),
        r("u", AfterN, 2),
        r("i", Proven, 3),
        r("u", Proven, 3),
        r("i", Alternated, 3),
        r("u", Alternated, 3),
    ],
    // Plural: -lar/-lər, even after a two-letter root (evlər, işlər).
    &[r("lar", Any, 2), r("ler", Any, 2)],
];

/// Suffixes that prove a following bare vowel is a suffix too.
const PROVING: &[&str] = &["lar", "ler", "imiz", "umuz", "iniz", "unuz"];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// True when `rest` (what would remain) satisfies `cond`.
fn holds(cond: Cond, rest: &str, after_n: bool) -> bool {
    let b = rest.as_bytes();
    let last = b.last().copied();
    match cond {
        Any => true,
        Vowel => last.is_some_and(is_vowel),
        VowelNotI => last.is_some_and(|c| is_vowel(c) && c != b'i'),
        Consonant => last.is_some_and(|c| c.is_ascii_lowercase() && !is_vowel(c)),
        Proven => {
            PROVING.iter().any(|p| rest.ends_with(p))
                || (b.len() >= 2 && b[b.len() - 1] == b'g' && is_vowel(b[b.len() - 2]))
        }
        AfterN => after_n,
        Locative => rest.ends_with("da") || rest.ends_with("de"),
        Alternated => ends_alternated(b),
    }
}

/// True for a word ending in `e`, `i` or `u` + `y`, where `y` may be a root's `k`.
fn ends_alternated(b: &[u8]) -> bool {
    b.len() >= 2 && b[b.len() - 1] == b'y' && matches!(b[b.len() - 2], b'e' | b'i' | b'u')
}

/// The stem of a folded Azerbaijani word; the word itself when no rule applies.
///
/// Words with letters outside ASCII (another script, digits with marks) are
/// returned unchanged: the rules are about Azerbaijani Latin only.
pub(crate) fn stem(word: &str) -> String {
    steps(word).pop().unwrap_or_else(|| word.to_string())
}

/// Every form the stripping passes through, the stem last (empty when no rule applies).
///
/// A query tries them all: `evində` reaches `evi` (the text's form) on its way to `ev`.
pub(crate) fn steps(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if !word.bytes().all(|c| c.is_ascii_lowercase()) {
        return out;
    }
    let mut w = word;
    let mut after_n = false;
    for layer in LAYERS {
        let mut stripped = false;
        for rule in *layer {
            let Some(rest) = w.strip_suffix(rule.suffix) else {
                continue;
            };
            if rest.len() >= rule.min
                && rest.bytes().any(is_vowel)
                && holds(rule.cond, rest, after_n)
            {
                w = rest;
                after_n = rule.sets_n;
                stripped = true;
                out.push(w.to_string());
                break;
            }
        }
        if !stripped {
            after_n = false;
        }
    }
    let b = w.as_bytes();
    if b.len() >= 2 && b[b.len() - 1] == b'g' && is_vowel(b[b.len() - 2]) {
        // uşağ- (uşağı, uşağa) and uşaq meet at `usaq`.
        out.push(format!("{}q", &w[..w.len() - 1]));
    } else if b.len() >= 4 && ends_alternated(b) {
        // dəstəy- (dəstəyi, dəstəyimiz) and dəstək meet at `destek`.
        out.push(format!("{}k", &w[..w.len() - 1]));
    }
    out
}

/// The rules as JSON for the script: `[[[suffix, cond, min, sets_n], …], …]`.
pub(crate) fn rules_json() -> String {
    let layers: Vec<String> = LAYERS
        .iter()
        .map(|layer| {
            let rules: Vec<String> = layer
                .iter()
                .map(|r| {
                    let cond = match r.cond {
                        Any => "any",
                        Vowel => "v",
                        VowelNotI => "vi",
                        Consonant => "c",
                        Proven => "p",
                        AfterN => "n",
                        Locative => "l",
                        Alternated => "y",
                    };
                    format!(
                        "[\"{}\",\"{cond}\",{},{}]",
                        r.suffix,
                        r.min,
                        u8::from(r.sets_n)
                    )
                })
                .collect();
            format!("[{}]", rules.join(","))
        })
        .collect();
    format!("{{\"layers\":[{}],\"proving\":[{}]}}", layers.join(","), {
        let p: Vec<String> = PROVING.iter().map(|s| format!("\"{s}\"")).collect();
        p.join(",")
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::search::fold::fold;

    fn st(word: &str) -> String {
        stem(&fold(word))
    }

    /// Word forms and the stem the rules must give (folded), written from the
    /// grammar: plural, possessive, case and their combinations. Shared with
    /// the script's test, which runs them through search.js.
    pub(crate) const FORMS: &[(&str, &str)] = &[
        // uşaq "child": q-final root, ğ before a vowel.
        ("uşaq", "usaq"),
        ("uşaqlar", "usaq"),
        ("uşaqların", "usaq"),
        ("uşaqlara", "usaq"),
        ("uşaqları", "usaq"),
        ("uşaqlarda", "usaq"),
        ("uşaqlardan", "usaq"),
        ("uşaqlarımız", "usaq"),
        ("uşaqlarımızın", "usaq"),
        ("uşaqlarımıza", "usaq"),
        ("uşağı", "usaq"),
        ("uşağa", "usaq"),
        ("uşağın", "usaq"),
        ("uşaqda", "usaq"),
        ("uşaqdan", "usaq"),
        ("uşaqdır", "usaq"),
        // kənd "village": consonant-final, front vowels.
        ("kənd", "kend"),
        ("kəndlər", "kend"),
        ("kəndləri", "kend"),
        ("kəndlərdə", "kend"),
        ("kəndində", "kend"),
        ("kəndindən", "kend"),
        ("kəndinə", "kend"),
        ("kəndin", "kend"),
        ("kəndimiz", "kend"),
        ("kəndimizdə", "kend"),
        ("kəndlərimizə", "kend"),
        ("kənddə", "kend"),
        ("kənddən", "kend"),
        ("kəndindəki", "kend"),
        // ailə "family": vowel-final, so buffer consonants.
        ("ailə", "aile"),
        ("ailələr", "aile"),
        ("ailənin", "aile"),
        ("ailəyə", "aile"),
        ("ailəni", "aile"),
        ("ailədə", "aile"),
        ("ailədən", "aile"),
        ("ailəsi", "aile"),
        ("ailəsinin", "aile"),
        ("ailəsinə", "aile"),
        ("ailəsində", "aile"),
        ("ailələrə", "aile"),
        ("ailəmiz", "aile"),
        // Gəncə (the city) and Bakı.
        ("Gəncə", "gence"),
        ("Gəncədə", "gence"),
        ("Gəncədən", "gence"),
        ("Gəncəyə", "gence"),
        ("Gəncənin", "gence"),
        ("Bakı", "baki"),
        ("Bakıda", "baki"),
        ("Bakıdakı", "baki"),
        ("Bakının", "baki"),
        // qayğı "care": the ğ belongs to the root here (y before it).
        ("qayğı", "qaygi"),
        ("qayğısı", "qaygi"),
        ("qayğını", "qaygi"),
        ("qayğıda", "qaygi"),
        // -iya loans keep their ending.
        ("assosiasiya", "assosiasiya"),
        ("assosiasiyanın", "assosiasiya"),
        ("assosiasiyada", "assosiasiya"),
        ("strategiya", "strategiya"),
        // ev "home", iş "work": two-letter roots take the plural only.
        ("evlər", "ev"),
        ("işlər", "is"),
        // Other site words.
        ("proqram", "proqram"),
        ("proqramlar", "proqram"),
        ("proqramlarımız", "proqram"),
        ("proqramları", "proqram"),
        ("məktəblərdə", "mekteb"),
        ("gənclər", "genc"),
        ("gənclərin", "genc"),
        ("təlim", "telim"),
        ("təlimlər", "telim"),
        ("müəllim", "muellim"),
        ("müəllimlər", "muellim"),
        ("dağ", "daq"),
        ("dağı", "daq"),
        ("dağlar", "daq"),
        // iş + -imiz: a two-letter root under a possessive (from our content).
        ("işimiz", "is"),
        ("işimizin", "is"),
        // əsas + ı + n + da, not əsa + sı + n + da.
        ("əsasında", "esas"),
        // k-final roots write y before a vowel: dəstək "support", vəkillik "advocacy".
        ("dəstək", "destek"),
        ("dəstəyi", "destek"),
        ("dəstəyimiz", "destek"),
        ("dəstəyini", "destek"),
        ("vəkillik", "vekillik"),
        ("vəkilliyi", "vekillik"),
        ("vəkilliyin", "vekillik"),
        ("köməyi", "komek"),
        ("ürəyi", "urek"),
        // ... but a short stem keeps its y, and a/o + y is the root's own.
        ("şeyi", "sey"),
        ("qaya", "qaya"),
        ("qayalar", "qaya"),
    ];

    #[test]
    fn word_forms_reduce_to_their_stems() {
        let mut wrong = Vec::new();
        for (form, want) in FORMS {
            let got = st(form);
            if got != *want {
                wrong.push(format!("{form}: got {got}, want {want}"));
            }
        }
        assert!(
            wrong.is_empty(),
            "{} wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
        assert!(FORMS.len() >= 40);
    }

    /// Different words that a careless stemmer would merge.
    pub(crate) const APART: &[(&str, &str)] = &[
        ("Gəncə", "gənc"),
        ("Gəncədə", "gənclər"),
        ("tələbə", "tələb"),
        ("bala", "bal"),
        ("ana", "an"),
        ("ata", "at"),
        ("ailə", "ail"),
        ("qala", "qal"),
        ("xala", "xal"),
        ("qadın", "qad"),
        ("meydan", "mey"),
        ("qayda", "qay"),
        ("təlim", "tel"),
        ("müəllim", "müəll"),
        ("qayğı", "qayq"),
        ("dərin", "dəri"),
        ("bütün", "büt"),
        ("dünya", "dün"),
        ("yeni", "yen"),
        ("Bakı", "bak"),
        ("kəndi", "kəndir"),
        ("rəyi", "rək"),
        ("şeyi", "şək"),
    ];

    #[test]
    fn different_words_keep_different_stems() {
        let mut merged = Vec::new();
        for (a, b) in APART {
            if st(a) == st(b) {
                merged.push(format!("{a} and {b} both → {}", st(a)));
            }
        }
        assert!(merged.is_empty(), "{}", merged.join("\n"));
    }

    #[test]
    fn other_scripts_and_short_words_pass_through() {
        assert_eq!(stem("дети"), "дети");
        assert_eq!(stem("de"), "de");
        assert_eq!(stem("2011"), "2011");
        assert_eq!(stem(""), "");
    }

    #[test]
    fn the_rules_serialise_for_the_script() {
        let j = rules_json();
        let v: serde_json::Value = serde_json::from_str(&j).expect("valid JSON");
        assert_eq!(v["layers"].as_array().map(Vec::len), Some(LAYERS.len()));
    }
}

#[cfg(test)]
mod content_words {
    use super::stem;
    use crate::search::fold::for_each_token;
    use std::collections::BTreeMap;
    use std::path::Path;

    /// Every word of content/**/*.az.md, folded, with how often it occurs.
    fn site_words() -> BTreeMap<String, usize> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut words = BTreeMap::new();
        for e in walkdir::WalkDir::new(root)
            .into_iter()
            .filter_map(Result::ok)
        {
            let p = e.path();
            if !p.to_string_lossy().ends_with(".az.md") {
                continue;
            }
            let text = std::fs::read_to_string(p).unwrap_or_default();
            for_each_token(&text, |_, _, w| {
                if w.chars().count() >= 2 && w.bytes().all(|c| c.is_ascii_lowercase()) {
                    *words.entry(w.to_string()).or_insert(0) += 1;
                }
            });
        }
        words
    }

    /// The stems of our own Azerbaijani content, reviewed by hand: `form stem`
    /// per line for every form whose stem is shared with another form.
    const REVIEWED: &str = include_str!("az_content_stems.txt");

    #[test]
    fn the_site_words_stem_as_reviewed() {
        let mut wrong = Vec::new();
        let mut n = 0;
        for line in REVIEWED
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let mut it = line.split_whitespace();
            let (Some(form), Some(want)) = (it.next(), it.next()) else {
                continue;
            };
            n += 1;
            if stem(form) != want {
                wrong.push(format!("{form}: got {}, reviewed {want}", stem(form)));
            }
        }
        assert!(n >= 100, "only {n} reviewed forms");
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    /// Prints the groups of the current content (run with --ignored --nocapture to review).
    #[test]
    #[ignore]
    fn print_site_groups() {
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for w in site_words().keys() {
            groups.entry(stem(w)).or_default().push(w.clone());
        }
        for (s, forms) in groups.iter().filter(|(_, f)| f.len() > 1) {
            println!("{s}: {}", forms.join(" "));
        }
        println!("{} words, {} stems", site_words().len(), groups.len());
    }
}
