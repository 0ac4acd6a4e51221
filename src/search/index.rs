//! The on-disk index of one language and its writer.
//!
//! Files (see [`super::build_index`]):
//! - `search/<lang>/index.json`, the manifest (small, plain JSON, short-cached): format
//!   version, language, number of pages, the folder of this build's files,
//!   the stemming rules the script applies to a query, and the first key of
//!   every term chunk, so a query fetches only the chunks its words fall in;
//! - `assets/search/<lang>/<hash>/t<i>.bin`, term chunk `i`: a gzip'd binary list of folded word
//!   forms (front-coded, sorted by UTF-16 code units as JavaScript compares
//!   strings), each pointing to a stem group, and the postings of those groups
//!   (page id deltas and a weight byte);
//! - `assets/search/<lang>/<hash>/p<i>.bin`, page list `i`: gzip'd JSON `[[url, title], …]`
//!   of [`PAGES_PER_LIST`] pages in page order, fetched only for the results shown.
//!   There is no stored text: the script makes a result's excerpt from the page
//!   itself, fetched as a reader would open it. Records of text were 20,000 small
//!   gzip'd files on the benchmark site, most of what the index added to a build.
//!
//! `<hash>` is a hash of every file of the folder: the folder's files never
//! change under a name, so they can be cached for good.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use super::fold::for_each_token;
use super::Stemmer;

/// Format version, written into the manifest and checked by the script.
pub(crate) const VERSION: u32 = 2;
/// A chunk is closed once its encoded size (before gzip) passes this many bytes.
pub(crate) const CHUNK_TARGET: usize = 8 * 1024;
/// Pages per page list: ten results scattered over a large site fetch up to ten
/// lists, so small ones (about 0.7 KB gzip'd on the benchmark site) keep a query cheap.
pub(crate) const PAGES_PER_LIST: usize = 32;
/// Deflate level of term chunks and page lists: few files, fetched by every query
/// (9 saved 1% on them for a quarter of the indexing time, with miniz).
pub(crate) const CHUNK_LEVEL: u32 = 6;
/// Weight a word gets for each time it is in the title, against 1 in the text.
const TITLE_WEIGHT: u32 = 8;

/// What a word must be to be indexed: two characters or more (after folding).
pub(crate) fn indexable(folded: &str) -> bool {
    let mut c = folded.chars();
    c.next().is_some() && c.next().is_some()
}

/// Appends `v` as a LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Compares two strings as JavaScript's `<` does (UTF-16 code units).
pub(crate) fn cmp_utf16(a: &str, b: &str) -> std::cmp::Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// Gzip with libdeflate's fixed header (no name, no time) at `level`, so output is
/// byte-identical.
///
/// One compressor per thread and level: libdeflate compresses a whole buffer at
/// once, with none of a streaming deflater's state to clear between files.
pub(crate) fn gzip(bytes: &[u8], level: u32) -> Vec<u8> {
    use libdeflater::{CompressionLvl, Compressor};
    thread_local! {
        static DEFLATE: RefCell<Vec<(u32, Compressor)>> = const { RefCell::new(Vec::new()) };
    }
    DEFLATE.with(|d| {
        let mut d = d.borrow_mut();
        let at = match d.iter().position(|(l, _)| *l == level) {
            Some(at) => at,
            None => {
                let lvl = CompressionLvl::new(level as i32).unwrap_or_default();
                d.push((level, Compressor::new(lvl)));
                d.len() - 1
            }
        };
        let c = &mut d[at].1;
        let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
        let n = c.gzip_compress(bytes, &mut out).unwrap_or(0);
        out.truncate(n);
        out
    })
}

/// FNV-1a for the word maps: short keys, no untrusted input to defend against.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map with [`Fnv`].
type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// The longest word indexed, in bytes (after folding): a page's words are stored
/// with one length byte each, and a run of 256 letters is no word a reader types.
pub(crate) const MAX_WORD_BYTES: usize = 255;

/// The distinct words of one page, compactly: folded forms one after another in
/// the order they first appear, the length of each, and its weight in this page
/// ([`weight`]). Kept for every page until the index is merged, so one string per
/// page rather than one per word, and two bytes per word besides the letters.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageWords {
    forms: String,
    lens: Vec<u8>,
    weights: Vec<u8>,
}

impl PageWords {
    /// Each form with its weight, in the order they first appear on the page.
    fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        let mut at = 0;
        self.lens.iter().zip(&self.weights).map(move |(&len, &w)| {
            let from = at;
            at += usize::from(len);
            (self.forms.get(from..at).unwrap_or(""), w)
        })
    }
}

/// FNV-1a of a word, for the per-page word table.
fn hash_word(w: &str) -> u64 {
    let mut h = Fnv::default();
    h.write(w.as_bytes());
    h.finish()
}

/// The distinct words of a page and the weight of each (times in the title, times in
/// the text: [`weight`]).
///
/// Each new word is appended to the page's one string and found again through a
/// table of its positions, so a page allocates a handful of buffers, not a string
/// per word; the merge does not need the words sorted.
fn page_words(title: &str, text: &str) -> PageWords {
    // Sized for the words a text of this length has (about one new word in 12 bytes
    // on the benchmark site), so the table is seldom grown and rehashed.
    let guess = (title.len() + text.len()) / 12 + 8;
    let mut forms = String::with_capacity(guess * 8);
    let mut starts: Vec<u32> = Vec::with_capacity(guess);
    let mut counts: Vec<(u32, u32)> = Vec::with_capacity(guess);
    let mut table: hashbrown::HashTable<u32> = hashbrown::HashTable::with_capacity(guess);
    let mut count = |w: &str, in_title: bool| {
        if !indexable(w) || w.len() > MAX_WORD_BYTES {
            return;
        }
        let word = |forms: &str, starts: &[u32], i: u32| -> std::ops::Range<usize> {
            let i = i as usize;
            let end = starts.get(i + 1).map_or(forms.len(), |&e| e as usize);
            starts[i] as usize..end
        };
        let h = hash_word(w);
        let found = table
            .find(h, |&i| forms.get(word(&forms, &starts, i)) == Some(w))
            .copied();
        let i = match found {
            Some(i) => i as usize,
            None => {
                let i = starts.len() as u32;
                starts.push(forms.len() as u32);
                forms.push_str(w);
                counts.push((0, 0));
                table.insert_unique(h, i, |&j| {
                    hash_word(forms.get(word(&forms, &starts, j)).unwrap_or(""))
                });
                i as usize
            }
        };
        if in_title {
            counts[i].0 += 1;
        } else {
            counts[i].1 += 1;
        }
    };
    for_each_token(title, |_, _, w| count(w, true));
    for_each_token(text, |_, _, w| count(w, false));
    let mut lens = Vec::with_capacity(starts.len());
    for (i, &s) in starts.iter().enumerate() {
        let end = starts.get(i + 1).map_or(forms.len(), |&e| e as usize);
        lens.push((end - s as usize) as u8);
    }
    // Kept until the merge: no room to spare.
    forms.shrink_to_fit();
    PageWords {
        forms,
        lens,
        weights: counts.iter().map(|&(t, b)| weight(t, b)).collect(),
    }
}

/// One page's share of the index, made beside the page as it renders (in parallel):
/// its words. Its address and title are the page's own, taken from the site when the
/// page lists are made; the text is not kept.
#[derive(Debug, Clone)]
pub(crate) struct Prepared {
    words: PageWords,
}

/// Prepares a page for the index from its title and shown text.
pub(crate) fn prepare(title: &str, text: &str) -> Prepared {
    Prepared {
        words: page_words(title, text),
    }
}

/// A word's weight in a page, one byte: text hits plus title hits × 8, capped.
///
/// A group's weight in a page is its forms' weights added with the same cap: as the
/// cap is a minimum, capping each form first changes nothing.
fn weight(title: u32, body: u32) -> u8 {
    body.saturating_add(TITLE_WEIGHT.saturating_mul(title))
        .min(255) as u8
}

/// One group's postings as they are made, pages ascending: each page as the varint
/// gap from the one before and its weight byte. The last page's weight is held
/// until no other form of the group can add to it.
#[derive(Default)]
struct Postings {
    bytes: Vec<u8>,
    pages: u64,
    last: Option<(u32, u8)>,
    prev: u32,
}

impl Postings {
    /// Adds `weight` for `page`; pages come in ascending order.
    fn add(&mut self, page: u32, weight: u8) {
        match &mut self.last {
            Some((p, w)) if *p == page => *w = w.saturating_add(weight),
            _ => {
                self.flush();
                self.last = Some((page, weight));
            }
        }
    }

    fn flush(&mut self) {
        if let Some((page, weight)) = self.last.take() {
            // `prev` starts at 0, so the first page is its own gap.
            put_varint(&mut self.bytes, u64::from(page - self.prev));
            self.bytes.push(weight);
            self.prev = page;
            self.pages += 1;
        }
    }

    /// The encoded list: the number of pages, then the pages.
    fn finish(mut self) -> Vec<u8> {
        self.flush();
        let mut out = Vec::with_capacity(self.bytes.len() + 3);
        put_varint(&mut out, self.pages);
        out.extend_from_slice(&self.bytes);
        out
    }
}

/// The page lists: `[[url, title], …]` of each run of [`PAGES_PER_LIST`] pages, gzip'd.
pub(crate) fn page_lists(pages: &[[&str; 2]]) -> Vec<Vec<u8>> {
    pages
        .par_chunks(PAGES_PER_LIST)
        .map(|run| gzip(&serde_json::to_vec(run).unwrap_or_default(), CHUNK_LEVEL))
        .collect()
}

/// Everything the index of one language is made of, before it is laid out as files.
pub(crate) struct Built {
    /// The manifest text.
    pub manifest: String,
    /// Term chunks, gzip'd, in key order.
    pub chunks: Vec<Vec<u8>>,
    /// Page lists, gzip'd, in page order.
    pub lists: Vec<Vec<u8>>,
    /// Number of distinct keys (folded word forms and stems).
    pub keys: usize,
    /// Number of pages.
    pub pages: usize,
}

/// The index of one language as its pages are added, in page order: each page's
/// words are merged into the postings as they come, so a build need not hold every
/// page's words until the last page is rendered.
pub(crate) struct Builder {
    stemmer: Stemmer,
    pages: u32,
    group_of_form: FnvMap<String, u32>,
    group_of_stem: FnvMap<String, u32>,
    postings: Vec<Postings>,
}

impl Builder {
    /// An empty index that stems with `stemmer`.
    pub(crate) fn new(stemmer: Stemmer) -> Builder {
        Builder {
            stemmer,
            pages: 0,
            group_of_form: FnvMap::default(),
            group_of_stem: FnvMap::default(),
            postings: Vec::new(),
        }
    }

    /// Adds the next page. Each new form is stemmed once and given its stem's group;
    /// each (page, form) is added to the group's postings, with one lookup.
    pub(crate) fn add(&mut self, page: &Prepared) {
        let id = self.pages;
        self.pages += 1;
        for (w, weight) in page.words.iter() {
            let g = match self.group_of_form.get(w) {
                Some(&g) => g,
                None => {
                    let next = self.group_of_stem.len() as u32;
                    let g = *self
                        .group_of_stem
                        .entry(self.stemmer.stem(w))
                        .or_insert(next);
                    if g == next {
                        self.postings.push(Postings::default());
                    }
                    self.group_of_form.insert(w.to_string(), g);
                    g
                }
            };
            self.postings[g as usize].add(id, weight);
        }
    }

    /// The index of the pages added, whose addresses and titles are `listed`, in the
    /// same order.
    pub(crate) fn finish(self, lang: &str, listed: &[[&str; 2]]) -> Built {
        let encoded: Vec<Vec<u8>> = self.postings.into_iter().map(Postings::finish).collect();
        // Keys: every form, and, where the script stems queries, every stem that is
        // not itself a form (so a stemmed query word finds its group), sorted as
        // JavaScript compares strings. No two keys are the same string.
        let mut keys: Vec<(&str, u32)> = self
            .group_of_form
            .iter()
            .map(|(w, g)| (w.as_str(), *g))
            .collect();
        let rules = self.stemmer.rules();
        if rules.is_some() {
            for (s, g) in &self.group_of_stem {
                if !self.group_of_form.contains_key(s.as_str()) {
                    keys.push((s, *g));
                }
            }
        }
        keys.sort_unstable_by(|a, b| cmp_utf16(a.0, b.0));
        let (chunk_firsts, chunks) = chunks(&keys, &encoded);
        let manifest = serde_json::json!({
            "v": VERSION,
            "lang": lang,
            "pages": self.pages,
            "stem": rules,
            "chunks": chunk_firsts,
            "per": PAGES_PER_LIST,
        });
        Built {
            manifest: manifest.to_string(),
            chunks,
            lists: page_lists(listed),
            keys: keys.len(),
            pages: self.pages as usize,
        }
    }
}

/// Builds the index of one language from its pages, prepared in page order, whose
/// addresses and titles are `listed`, in the same order.
pub(crate) fn build(
    lang: &str,
    stemmer: Stemmer,
    pages: &[&Prepared],
    listed: &[[&str; 2]],
) -> Built {
    let mut builder = Builder::new(stemmer);
    for page in pages {
        builder.add(page);
    }
    builder.finish(lang, listed)
}

/// Chunks of consecutive keys, each carrying the postings of its groups, gzip'd;
/// and the first key of each (for the manifest).
fn chunks<'k>(keys: &[(&'k str, u32)], encoded: &[Vec<u8>]) -> (Vec<&'k str>, Vec<Vec<u8>>) {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < keys.len() {
        let mut size = 0;
        let mut end = start;
        let mut seen: HashMap<u32, ()> = HashMap::new();
        while end < keys.len() && (end == start || size < CHUNK_TARGET) {
            let (k, g) = keys[end];
            size += k.len() + 2;
            if seen.insert(g, ()).is_none() {
                size += encoded[g as usize].len();
            }
            end += 1;
        }
        ranges.push((start, end));
        start = end;
    }
    let chunk_firsts = ranges.iter().map(|&(s, _)| keys[s].0).collect();
    // Each chunk is compressed as soon as it is encoded: a large site's chunks were
    // all held uncompressed at once, the end of a build's largest allocation.
    let chunks = ranges
        .par_iter()
        .map(|&(s, e)| gzip(&encode_chunk(&keys[s..e], encoded), CHUNK_LEVEL))
        .collect();
    (chunk_firsts, chunks)
}

/// One chunk: keys front-coded with a chunk-local group number, then the groups' postings.
fn encode_chunk(keys: &[(&str, u32)], encoded: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut local: HashMap<u32, u32> = HashMap::new();
    let mut order: Vec<u32> = Vec::new();
    put_varint(&mut out, keys.len() as u64);
    let mut prev: &[u8] = b"";
    for (k, g) in keys {
        let kb = k.as_bytes();
        let mut shared = prev.iter().zip(kb).take_while(|(a, b)| a == b).count();
        while !k.is_char_boundary(shared) {
            shared -= 1;
        }
        put_varint(&mut out, shared as u64);
        put_varint(&mut out, (kb.len() - shared) as u64);
        out.extend_from_slice(&kb[shared..]);
        let next = order.len() as u32;
        let l = *local.entry(*g).or_insert_with(|| {
            order.push(*g);
            next
        });
        put_varint(&mut out, u64::from(l));
        prev = kb;
    }
    put_varint(&mut out, order.len() as u64);
    for g in order {
        out.extend_from_slice(&encoded[g as usize]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_through_the_reader() {
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, u32::MAX as u64] {
            let mut out = Vec::new();
            put_varint(&mut out, v);
            let mut pos = 0;
            assert_eq!(super::super::query::get_varint(&out, &mut pos), Some(v));
            assert_eq!(pos, out.len());
        }
    }

    #[test]
    fn page_words_weigh_title_and_text_apart() {
        let w = page_words("Uşaq kəndi", "Uşaq, uşaq və kənd. a");
        assert_eq!(
            w.iter().collect::<Vec<_>>(),
            vec![("usaq", 10), ("kendi", 8), ("ve", 1), ("kend", 1)]
        );
        // A word past MAX_WORD_BYTES is no word; one of exactly that length is.
        let long = "a".repeat(MAX_WORD_BYTES);
        let w = page_words("", &format!("{long} {long}b {long}"));
        assert_eq!(w.iter().collect::<Vec<_>>(), vec![(long.as_str(), 2)]);
    }

    #[test]
    fn weights_favour_titles_and_saturate() {
        assert_eq!(weight(0, 1), 1);
        assert_eq!(weight(1, 0), 8);
        assert_eq!(weight(100, 100), 255);
        assert_eq!(weight(u32::MAX, u32::MAX), 255);
    }

    /// Reads an encoded list back as the reader does: (page, weight) pairs.
    fn read_postings(bytes: &[u8]) -> Vec<(u32, u8)> {
        let mut pos = 0;
        let list = super::super::query::decode_postings(bytes, &mut pos).unwrap_or_default();
        assert_eq!(pos, bytes.len(), "the whole list is read");
        list
    }

    #[test]
    fn postings_add_up_forms_of_a_page_and_keep_pages_apart() {
        let mut p = Postings::default();
        // Page 3 has two forms of the group (usaq, usaqlar), page 200 one.
        p.add(3, 10);
        p.add(3, 8);
        p.add(200, 1);
        p.add(201, 250);
        p.add(201, 250);
        assert_eq!(read_postings(&p.finish()), [(3, 18), (200, 1), (201, 255)]);
        assert_eq!(read_postings(&Postings::default().finish()), []);
        let mut first = Postings::default();
        first.add(0, 1);
        assert_eq!(read_postings(&first.finish()), [(0, 1)]);
    }

    #[test]
    fn page_lists_hold_each_run_of_pages_in_order() {
        let pages: Vec<(String, String)> = (0..PAGES_PER_LIST + 1)
            .map(|i| (format!("/p{i}/"), format!("Səhifə {i}")))
            .collect();
        let listed: Vec<[&str; 2]> = pages.iter().map(|(u, t)| [u.as_str(), t]).collect();
        let lists = page_lists(&listed);
        assert_eq!(lists.len(), 2);
        let read = |b: &[u8]| -> Vec<[String; 2]> {
            let plain = super::super::query::gunzip(b).unwrap_or_default();
            serde_json::from_slice(&plain).unwrap_or_default()
        };
        let first = read(&lists[0]);
        assert_eq!(first.len(), PAGES_PER_LIST);
        assert_eq!(first[1], ["/p1/".to_string(), "Səhifə 1".to_string()]);
        let last = PAGES_PER_LIST.to_string();
        assert_eq!(
            read(&lists[1]),
            [[format!("/p{last}/"), format!("Səhifə {last}")]]
        );
    }

    #[test]
    fn keys_sort_as_javascript_compares() {
        // U+FB01 sorts before U+1F600 in UTF-8 order but after it in UTF-16.
        assert_eq!(
            cmp_utf16("\u{FB01}", "\u{1F600}"),
            std::cmp::Ordering::Greater
        );
        assert_eq!(cmp_utf16("a", "ab"), std::cmp::Ordering::Less);
    }

    #[test]
    fn gzip_is_deterministic() {
        for level in [1, CHUNK_LEVEL] {
            let text = "uşaq kənd ailə ".repeat(500);
            let z = gzip(text.as_bytes(), level);
            assert_eq!(z, gzip(text.as_bytes(), level));
            assert_eq!(&z[..2], &[0x1f, 0x8b]);
            assert_eq!(
                super::super::query::gunzip(&z).as_deref(),
                Some(text.as_bytes())
            );
        }
    }
}
