//! The search `static/search.js` runs, in Rust: the tests and the benchmark use
//! it to check what a reader finds and to count the bytes a query downloads.
//!
//! Keep the two in step: the same steps, in the same order, as `search()` in
//! the script (tests/search_js.rs runs both on the same index and queries).
//! 1. Fold the query and split it into words of two characters or more.
//! 2. For each word, the keys it matches: the word itself and, where the
//!    manifest has stemming rules, every form its stripping passes through,
//!    the stem last (factor 1); every key that starts
//!    with it (factor 0.5) if it is the last word or three characters or more.
//! 3. Fetch only the chunks those keys can be in (the manifest lists each
//!    chunk's first key).
//! 4. A page's score for a word is the best over its matched groups of
//!    `factor × ln(1 + pages / df) × w / (w + 1)`, `w` the page's weight byte.
//! 5. Pages that match every word, by total score, then page order.

use std::collections::{BTreeMap, HashMap};
use std::io::Read;

use super::fold::for_each_token;
use super::index::{cmp_utf16, indexable};

/// Reads a LEB128 varint at `pos`, moving `pos` past it.
pub(crate) fn get_varint(bytes: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// Undoes the gzip of an index file (a file that is not gzip'd is returned as is).
pub(crate) fn gunzip(bytes: &[u8]) -> Option<Vec<u8>> {
    if bytes.len() < 2 || bytes[0] != 0x1f || bytes[1] != 0x8b {
        return Some(bytes.to_vec());
    }
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .ok()?;
    Some(out)
}

/// One decoded term chunk: keys with their group, and each group's postings.
pub(crate) struct Chunk {
    /// (key, chunk-local group).
    pub keys: Vec<(String, usize)>,
    /// Per group: (page, weight), pages ascending.
    pub groups: Vec<Vec<(u32, u8)>>,
}

/// Decodes a term chunk (already gunzipped).
pub(crate) fn decode_chunk(bytes: &[u8]) -> Option<Chunk> {
    let mut pos = 0;
    let n = get_varint(bytes, &mut pos)? as usize;
    let mut keys = Vec::with_capacity(n.min(1 << 16));
    let mut prev: Vec<u8> = Vec::new();
    for _ in 0..n {
        let shared = get_varint(bytes, &mut pos)? as usize;
        let len = get_varint(bytes, &mut pos)? as usize;
        let mut k = prev.get(..shared)?.to_vec();
        k.extend_from_slice(bytes.get(pos..pos + len)?);
        pos += len;
        let g = get_varint(bytes, &mut pos)? as usize;
        keys.push((String::from_utf8(k.clone()).ok()?, g));
        prev = k;
    }
    let ng = get_varint(bytes, &mut pos)? as usize;
    let mut groups = Vec::with_capacity(ng.min(1 << 16));
    for _ in 0..ng {
        groups.push(decode_postings(bytes, &mut pos)?);
    }
    Some(Chunk { keys, groups })
}

/// Decodes one group's postings at `pos`: the number of pages, then each page as the
/// gap from the one before (the first from 0) and its weight byte.
pub(crate) fn decode_postings(bytes: &[u8], pos: &mut usize) -> Option<Vec<(u32, u8)>> {
    let df = get_varint(bytes, pos)? as usize;
    let mut list = Vec::with_capacity(df.min(1 << 20));
    let mut page = 0u32;
    for _ in 0..df {
        page = page.checked_add(get_varint(bytes, pos)? as u32)?;
        list.push((page, *bytes.get(*pos)?));
        *pos += 1;
    }
    Some(list)
}

/// A reader over the written files that counts what a browser would download.
pub struct Session<'a> {
    files: &'a HashMap<String, Vec<u8>>,
    lang: String,
    manifest: serde_json::Value,
    chunks: HashMap<usize, Chunk>,
    lists: HashMap<usize, Vec<[String; 2]>>,
    /// Paths fetched so far, each once (a browser caches them).
    pub fetched: BTreeMap<String, usize>,
}

/// One result: the page and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Page number in the index (the order the pages were given).
    pub page: u32,
    /// Total score over the query words.
    pub score: f64,
}

/// A result as the page lists give it; the script fetches the page itself for the excerpt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// URL of the page.
    pub url: String,
    /// Title of the page.
    pub title: String,
}

impl<'a> Session<'a> {
    /// Opens the index of `lang` among `files` (path → bytes, as [`super::build_index`] returns them).
    pub fn open(files: &'a HashMap<String, Vec<u8>>, lang: &str) -> Option<Session<'a>> {
        let mut s = Session {
            files,
            lang: lang.to_string(),
            manifest: serde_json::Value::Null,
            chunks: HashMap::new(),
            lists: HashMap::new(),
            fetched: BTreeMap::new(),
        };
        let m = s.fetch(&super::manifest_path(lang))?;
        s.manifest = serde_json::from_slice(&m).ok()?;
        Some(s)
    }

    fn fetch(&mut self, path: &str) -> Option<Vec<u8>> {
        let b = self.files.get(path)?;
        self.fetched.insert(path.to_string(), b.len());
        gunzip(b)
    }

    /// The folder of the chunks and page lists, as a path under the output folder: the
    /// manifest's `dir` taken relative to the manifest's folder, as the script does.
    fn dir(&self) -> String {
        let mut parts: Vec<&str> = vec!["search", &self.lang];
        for seg in self.manifest["dir"].as_str().unwrap_or("").split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." | "" => {}
                s => parts.push(s),
            }
        }
        parts.join("/")
    }

    fn firsts(&self) -> Vec<String> {
        self.manifest["chunks"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Bytes fetched so far.
    pub fn bytes(&self) -> usize {
        self.fetched.values().sum()
    }

    /// The chunk that would hold `key`: the last whose first key is not after it.
    fn chunk_of(firsts: &[String], key: &str) -> usize {
        let mut lo = 0;
        for (i, f) in firsts.iter().enumerate() {
            if cmp_utf16(f, key) != std::cmp::Ordering::Greater {
                lo = i;
            } else {
                break;
            }
        }
        lo
    }

    fn chunk(&mut self, i: usize) -> Option<&Chunk> {
        if !self.chunks.contains_key(&i) {
            let path = format!("{}/t{i}.bin", self.dir());
            let c = decode_chunk(&self.fetch(&path)?)?;
            self.chunks.insert(i, c);
        }
        self.chunks.get(&i)
    }

    /// The query's words: folded, two characters or more.
    pub fn words(query: &str) -> Vec<String> {
        let mut out = Vec::new();
        for_each_token(query, |_, _, w| {
            if indexable(w) {
                out.push(w.to_string())
            }
        });
        out
    }

    /// Searches: pages matching every word, best first.
    pub fn search(&mut self, query: &str) -> Vec<Hit> {
        let words = Self::words(query);
        if words.is_empty() {
            return Vec::new();
        }
        let pages = self.manifest["pages"].as_u64().unwrap_or(0) as f64;
        let stems = !self.manifest["stem"].is_null();
        let firsts = self.firsts();
        let mut total: Option<HashMap<u32, f64>> = None;
        for (i, w) in words.iter().enumerate() {
            let mut exact = vec![w.clone()];
            if stems {
                exact.extend(super::stem_az::steps(w));
            }
            let prefix = i + 1 == words.len() || w.chars().count() >= 3;
            let mut wanted: Vec<usize> = exact.iter().map(|k| Self::chunk_of(&firsts, k)).collect();
            if prefix {
                let mut j = Self::chunk_of(&firsts, w);
                wanted.push(j);
                while j + 1 < firsts.len() && firsts[j + 1].starts_with(w.as_str()) {
                    j += 1;
                    wanted.push(j);
                }
            }
            wanted.sort_unstable();
            wanted.dedup();
            let mut scores: HashMap<u32, f64> = HashMap::new();
            for c in wanted {
                let Some(chunk) = self.chunk(c) else { continue };
                let mut factor: BTreeMap<usize, f64> = BTreeMap::new();
                for (k, g) in &chunk.keys {
                    let f = if exact.iter().any(|e| e == k) {
                        1.0
                    } else if prefix && k.starts_with(w.as_str()) {
                        0.5
                    } else {
                        continue;
                    };
                    let e = factor.entry(*g).or_insert(0.0);
                    if f > *e {
                        *e = f;
                    }
                }
                for (g, f) in factor {
                    let Some(list) = chunk.groups.get(g) else {
                        continue;
                    };
                    let idf = (1.0 + pages / list.len().max(1) as f64).ln();
                    for (page, wt) in list {
                        let wt = f64::from(*wt);
                        let s = f * idf * wt / (wt + 1.0);
                        let e = scores.entry(*page).or_insert(0.0);
                        if s > *e {
                            *e = s;
                        }
                    }
                }
            }
            total = Some(match total {
                None => scores,
                Some(prev) => prev
                    .into_iter()
                    .filter_map(|(p, s)| scores.get(&p).map(|t| (p, s + t)))
                    .collect(),
            });
        }
        let mut hits: Vec<Hit> = total
            .unwrap_or_default()
            .into_iter()
            .map(|(page, score)| Hit { page, score })
            .collect();
        hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.page.cmp(&b.page)));
        hits
    }

    /// The entry of a page in the page lists (fetching its list once).
    pub fn entry(&mut self, page: u32) -> Option<Entry> {
        let per = self.manifest["per"].as_u64().filter(|&n| n > 0)? as usize;
        let i = page as usize / per;
        if !self.lists.contains_key(&i) {
            let path = format!("{}/p{i}.bin", self.dir());
            let list: Vec<[String; 2]> = serde_json::from_slice(&self.fetch(&path)?).ok()?;
            self.lists.insert(i, list);
        }
        let [url, title] = self.lists.get(&i)?.get(page as usize % per)?.clone();
        Some(Entry { url, title })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{build_index, Document};

    fn doc(url: &str, title: &str, text: &str) -> Document {
        Document {
            url: url.into(),
            title: title.into(),
            text: text.into(),
        }
    }

    fn files(lang: &str, docs: &[Document]) -> HashMap<String, Vec<u8>> {
        build_index(lang, docs).files.into_iter().collect()
    }

    fn first(files: &HashMap<String, Vec<u8>>, lang: &str, q: &str) -> Option<String> {
        let mut s = Session::open(files, lang)?;
        let hit = s.search(q).first()?.clone();
        Some(s.entry(hit.page)?.url)
    }

    fn az_site() -> Vec<Document> {
        vec![
            doc(
                "/",
                "SOS Uşaq Kəndləri",
                "Valideyn himayəsindən məhrum olmuş uşaqlara ailə əsaslı qayğı.",
            ),
            doc(
                "/xeberler/gencede/",
                "Gəncədə qısa müddətli qayğıya başlanıldı",
                "2011-ci ildə assosiasiya Gəncədə Qısa Müddətli Qayğı layihəsinə başladı.",
            ),
            doc(
                "/gencler-evi/",
                "Gənclər evi",
                "Gənclər evində yeniyetmələr müstəqil həyata hazırlaşır.",
            ),
            doc(
                "/kendler/",
                "Uşaq kəndləri",
                "Kəndində hər ailənin öz evi var. Kənd uşaqların evidir.",
            ),
        ]
    }

    #[test]
    fn a_query_without_the_letters_finds_the_page() {
        let f = files("az", &az_site());
        assert_eq!(
            first(&f, "az", "gence").as_deref(),
            Some("/xeberler/gencede/")
        );
        assert_eq!(
            first(&f, "az", "qisa muddetli").as_deref(),
            Some("/xeberler/gencede/")
        );
        assert_eq!(
            first(&f, "az", "QISA MÜDDƏTLİ").as_deref(),
            Some("/xeberler/gencede/")
        );
        assert_eq!(first(&f, "az", "gencler").as_deref(), Some("/gencler-evi/"));
    }

    #[test]
    fn inflected_forms_find_each_other() {
        let f = files("az", &az_site());
        // Forms absent from the text: found through the stem.
        assert_eq!(
            first(&f, "az", "kəndlərimizdə").as_deref(),
            Some("/kendler/")
        );
        assert_eq!(first(&f, "az", "kendinden").as_deref(), Some("/kendler/"));
        assert!(first(&f, "az", "uşaqlarımızın").is_some());
    }

    #[test]
    fn every_word_must_match() {
        let f = files("az", &az_site());
        let mut s = Session::open(&f, "az").expect("index");
        assert!(s.search("gence kend").is_empty());
        assert!(s.search("").is_empty());
        assert!(s.search("a").is_empty());
    }

    #[test]
    fn english_words_meet_through_porter2() {
        let docs = vec![
            doc("/en/", "Home", "We support families."),
            doc(
                "/en/volunteering/",
                "Volunteers",
                "Volunteering with children in villages.",
            ),
            doc("/en/family/", "Family", "Every child needs a family."),
        ];
        let f = files("en", &docs);
        assert_eq!(
            first(&f, "en", "volunteer").as_deref(),
            Some("/en/volunteering/")
        );
        assert_eq!(
            first(&f, "en", "village").as_deref(),
            Some("/en/volunteering/")
        );
        // `family` and `families` share the stem `famili`: one finds both.
        let mut s = Session::open(&f, "en").expect("index");
        assert_eq!(s.search("family").len(), 2);
        assert_eq!(s.search("families").len(), 2);
        // The script does not stem English: a form that is nowhere in the
        // text is found only as the prefix of one that is.
        assert_eq!(s.search("volunteered").len(), 0);
    }

    #[test]
    fn russian_works_by_folding_alone() {
        let docs = vec![
            doc("/ru/", "Главная", "Мы помогаем семьям."),
            doc(
                "/ru/kratkosrochnyj-uhod/",
                "Краткосрочный уход",
                "Ещё одна программа для детей.",
            ),
        ];
        let f = files("ru", &docs);
        assert_eq!(
            first(&f, "ru", "еще").as_deref(),
            Some("/ru/kratkosrochnyj-uhod/")
        );
        assert_eq!(
            first(&f, "ru", "КРАТКОСРОЧ").as_deref(),
            Some("/ru/kratkosrochnyj-uhod/")
        );
    }

    #[test]
    fn a_query_fetches_only_the_chunks_it_needs() {
        let f = files("az", &az_site());
        let mut s = Session::open(&f, "az").expect("index");
        s.search("gence");
        let chunks = s.fetched.keys().filter(|p| p.contains("/t")).count();
        assert_eq!(chunks, 1, "{:?}", s.fetched);
    }

    #[test]
    fn every_result_has_its_address_and_title_from_one_small_list() {
        let per = crate::search::index::PAGES_PER_LIST;
        let docs: Vec<Document> = (0..per + 8)
            .map(|i| doc(&format!("/s{i}/"), &format!("Səhifə {i}"), "uşaq"))
            .collect();
        let f = files("az", &docs);
        let mut s = Session::open(&f, "az").expect("index");
        let lists = |s: &Session| s.fetched.keys().filter(|p| p.contains("/p")).count();
        let want = |i: usize| Entry {
            url: format!("/s{i}/"),
            title: format!("Səhifə {i}"),
        };
        assert_eq!(s.entry(3), Some(want(3)));
        assert_eq!(s.entry(per as u32 - 1), Some(want(per - 1)));
        assert_eq!(lists(&s), 1, "one list holds the first {per} pages");
        assert_eq!(s.entry(per as u32 + 7), Some(want(per + 7)));
        assert_eq!(lists(&s), 2);
        assert_eq!(s.entry(per as u32 + 8), None, "no page past the last");
    }

    #[test]
    fn the_output_is_byte_identical_for_the_same_input() {
        let a = build_index("az", &az_site()).files;
        let b = build_index("az", &az_site()).files;
        assert_eq!(a, b);
    }
}
