//! The script against the Rust side: the same fold table, the same folding and
//! stems on the shared cases, the same results on the same index.
//!
//! The checks that need node run it on `static/search.js`; without node they
//! print a loud SKIPPED line (CI has node: the browser audit needs it anyway).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::fold::{fold, js_table, tests::CASES};
use super::query::Session;
use super::stem_az::{stem, tests::FORMS};
use super::{build_index, Document};

fn script_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/static/search.js")
}

fn script() -> String {
    std::fs::read_to_string(script_path()).unwrap_or_default()
}

#[test]
fn the_script_carries_the_fold_table_of_the_rust_side() {
    let s = script();
    let start = s
        .find("// fold-table-start\n")
        .map(|i| i + "// fold-table-start\n".len());
    let end = s.find("// fold-table-end");
    let (Some(start), Some(end)) = (start, end) else {
        panic!("search.js has no fold-table markers");
    };
    assert_eq!(
        s[start..end].trim_end(),
        js_table(),
        "search.js's fold table differs from src/search/fold.rs: put this line between the markers"
    );
}

/// Runs `code` with node, the script loaded as `s`; None when node is missing.
fn node(code: &str, dir: &Path) -> Option<String> {
    let full = format!(
        "const s = require({:?});\n{code}",
        script_path().to_string_lossy()
    );
    let file = dir.join("run.js");
    std::fs::write(&file, full).ok()?;
    let out = match Command::new("node").arg(&file).output() {
        Ok(o) => o,
        Err(_) => {
            eprintln!(
                "\n*** SKIPPED: node not found, search.js not run against the Rust side ***\n"
            );
            return None;
        }
    };
    assert!(
        out.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn the_script_folds_and_stems_as_the_rust_side() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut words: Vec<&str> = CASES.iter().map(|(a, _)| *a).collect();
    words.extend(FORMS.iter().map(|(a, _)| *a));
    words.extend([
        "ailələrimizdən",
        "kəndindəkilər",
        "ƏLİ",
        "Ağdaş",
        "Ёж",
        "",
        "1999-cu",
    ]);
    let rules = super::stem_az::rules_json();
    let input = serde_json::to_string(&words).unwrap_or_default();
    let code = format!(
        "const rules = {rules};\nconst out = {input}.map(w => [s.fold(w), s.stem(s.fold(w), rules)]);\nconsole.log(JSON.stringify(out));"
    );
    let Some(out) = node(&code, dir.path()) else {
        return;
    };
    let got: Vec<(String, String)> = serde_json::from_str(out.trim()).expect("node output");
    for (w, (f, st)) in words.iter().zip(got) {
        assert_eq!(f, fold(w), "fold({w:?})");
        assert_eq!(st, stem(&fold(w)), "stem({w:?})");
    }
}

fn doc(url: &str, title: &str, text: &str) -> Document {
    Document {
        url: url.into(),
        title: title.into(),
        text: text.into(),
    }
}

#[test]
fn the_script_ranks_as_the_rust_mirror() {
    let mut docs = vec![
        doc(
            "/",
            "SOS Uşaq Kəndləri",
            "Valideyn himayəsindən məhrum olmuş uşaqlara ailə əsaslı qayğı.",
        ),
        doc(
            "/gence/",
            "Gəncədə qısa müddətli qayğı",
            "Gəncə şəhərində uşaqların qısa müddətli qayğısı.",
        ),
        doc(
            "/gencler/",
            "Gənclər evi",
            "Gənclər evində yeniyetmələr müstəqil həyata hazırlaşır.",
        ),
        doc(
            "/kend/",
            "Uşaq kəndləri",
            "Kəndində hər ailənin öz evi var.",
        ),
    ];
    // Enough pages for several chunks.
    for i in 0..300 {
        docs.push(doc(
            &format!("/p{i}/"),
            &format!("Səhifə {i}"),
            &format!(
                "Söz{i} uşaq{} kənd ailə proqram{i} layihə{} gənc",
                i % 7,
                i % 13
            ),
        ));
    }
    let index = build_index("az", &docs);
    let dir = tempfile::tempdir().expect("temp dir");
    for (p, b) in &index.files {
        let dst = dir.path().join(p);
        std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
        std::fs::write(&dst, b).expect("write");
    }
    let files: HashMap<String, Vec<u8>> = index.files.into_iter().collect();
    let queries = [
        "gence",
        "qisa muddetli",
        "uşaqların",
        "kəndlərimizdə",
        "genc",
        "ail",
        "proqram1",
        "soz2 usaq",
    ];
    let mut want = Vec::new();
    for q in queries {
        let mut s = Session::open(&files, "az").expect("index");
        let hits: Vec<u32> = s.search(q).iter().map(|h| h.page).collect();
        // The entries of the first and last results: page lists at both ends of the site.
        let ends: Vec<[String; 2]> = [hits.first(), hits.last()]
            .into_iter()
            .flatten()
            .filter_map(|&p| s.entry(p))
            .map(|e| [e.url, e.title])
            .collect();
        want.push((hits, ends));
    }
    let root = dir.path().join("search/az/index.json");
    let code = format!(
        r#"const fs = require("fs");
const fetchBytes = async (u) => {{ const b = fs.readFileSync(new URL(u)); return b.buffer.slice(b.byteOffset, b.byteOffset + b.length); }};
(async () => {{
  const idx = await new s.Index(require("url").pathToFileURL({root:?}).href, fetchBytes).open();
  const out = [];
  for (const q of {queries}) {{
    const hits = (await idx.search(q)).hits.map(h => h.page), ends = [];
    for (const p of hits.length ? [hits[0], hits[hits.length - 1]] : []) {{
      const e = await idx.entry(p);
      ends.push([e.u, e.t]);
    }}
    out.push([hits, ends]);
  }}
  console.log(JSON.stringify(out));
}})().catch(e => {{ console.error(e); process.exit(1); }});"#,
        root = root.to_string_lossy(),
        queries = serde_json::to_string(&queries).unwrap_or_default()
    );
    let Some(out) = node(&code, dir.path()) else {
        return;
    };
    let got: Vec<(Vec<u32>, Vec<[String; 2]>)> =
        serde_json::from_str(out.trim()).expect("node output");
    for ((q, w), g) in queries.iter().zip(&want).zip(&got) {
        assert!(w.1.len() == 2, "{q}: no results in Rust");
        assert_eq!(g, w, "{q}: script and Rust mirror differ");
    }
}
