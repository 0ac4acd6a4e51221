//! Disclosure control seen from the built pages: small counts never reach the HTML.

mod common;

use ocaq::{build, BuildOptions};

fn built_pages() -> (tempfile::TempDir, String, String) {
    let site = common::fixture("small_cells");
    if let Err(e) = build(&BuildOptions {
        minify: false,
        ..BuildOptions::new(site.path())
    }) {
        panic!("{}", common::show(e.diagnostics()));
    }
    let out = site.path().join("public");
    let az = common::read(&out, "index.html");
    let en = common::read(&out, "en/index.html");
    (site, az, en)
}

/// The cells of the table row whose header is `label`.
fn row_cells(html: &str, label: &str) -> Vec<String> {
    let start = html
        .find(&format!("<th scope=\"row\">{label}</th>"))
        .unwrap_or_else(|| panic!("no row {label}"));
    let row = &html[start
        ..html[start..]
            .find("</tr>")
            .map_or(html.len(), |e| start + e)];
    row.split("<td")
        .skip(1)
        .map(|c| c.split("</td>").next().unwrap_or("").to_string())
        .collect()
}

fn visible_text(cell: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in cell.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[test]
fn a_cell_of_three_is_never_printed_and_cannot_be_worked_out_from_its_row() {
    let (_site, az, en) = built_pages();
    for (html, label) in [(&en, "Family-based care"), (&az, "Ailə əsaslı qayğı")] {
        let cells = row_cells(html, label);
        assert_eq!(cells.len(), 4, "three cities and a total: {cells:?}");
        let texts: Vec<String> = cells
            .iter()
            .map(|c| visible_text(c.trim_start_matches(|ch| ch != '>').trim_start_matches('>')))
            .collect();
        assert!(!texts.iter().any(|t| t == "3"), "{texts:?}");
        // Ganja's 3 is hidden; then the other cells and the row total cannot all be shown.
        let hidden = cells.iter().filter(|c| c.contains("suppressed")).count();
        assert!(hidden >= 2, "only {hidden} hidden in {texts:?}");
    }
    // The inline figure for the small cell is the "fewer than" text, in each language.
    assert!(
        en.contains("Ganja family care: <span class=\"stat suppressed\">fewer than 10</span>"),
        "{en}"
    );
    assert!(az.contains("<span class=\"stat suppressed\">10-dan az</span>"));
    assert!(!en.contains(">3<"), "a 3 somewhere in the page");
}

#[test]
fn fewer_than_n_in_azerbaijani_takes_the_suffix_of_n_read_aloud_for_any_threshold() {
    // The last number word decides: altı, on, doqquz… → -dan; iyirmi, beş, yüz… → -dən.
    for (n, want) in [
        (6, "6-dan az"),
        (9, "9-dan az"),
        (12, "12-dən az"),
        (16, "16-dan az"),
        (20, "20-dən az"),
        (25, "25-dən az"),
        (30, "30-dan az"),
    ] {
        let site = common::fixture("small_cells");
        let file = site.path().join("content/statistics.yaml");
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&file, format!("suppress_below: {n}\n{text}"))
            .unwrap_or_else(|e| panic!("{e}"));
        if let Err(e) = build(&BuildOptions {
            minify: false,
            ..BuildOptions::new(site.path())
        }) {
            panic!("{}", common::show(e.diagnostics()));
        }
        let az = common::read(&site.path().join("public"), "index.html");
        assert!(
            az.contains(&format!("<span class=\"stat suppressed\">{want}</span>")),
            "suppress_below {n}: no “{want}” in {az}"
        );
        assert!(
            az.contains(&format!("{want}: heç bir uşaq")),
            "note for {n}"
        );
    }
}

#[test]
fn the_family_care_total_and_the_other_family_care_cells_are_never_all_published() {
    let (_site, _az, en) = built_pages();
    let family_total_published = en.contains("Family care total: <span class=\"stat\">");
    let cells = row_cells(&en, "Family-based care");
    let baku = !cells[0].contains("suppressed");
    let sumgait = !cells[2].contains("suppressed");
    assert!(
        !(family_total_published && baku && sumgait),
        "3 = total − Baku − Sumgait would be recoverable"
    );
}

#[test]
fn numbers_are_formatted_for_each_language() {
    let (_site, az, en) = built_pages();
    assert!(en.contains("1,1") || en.contains("1,2"), "en grouping");
    assert!(az.contains("1.1") || az.contains("1.2"), "az grouping");
    assert!(
        en.contains("<time datetime=\"2026-06-30\">30 June 2026</time>"),
        "as_of in English"
    );
    assert!(
        az.contains("<time datetime=\"2026-06-30\">30 iyun 2026</time>"),
        "as_of in Azerbaijani"
    );
}

#[test]
fn check_lists_what_was_suppressed() {
    let site = common::fixture("small_cells");
    let report = ocaq::check::check(&BuildOptions::new(site.path()))
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
    assert!(
        report
            .suppressed
            .iter()
            .any(|s| s.table == "children" && s.kind == "primary"),
        "{:?}",
        report.suppressed
    );
    assert!(
        report.suppressed.iter().any(|s| s.kind == "secondary"),
        "{:?}",
        report.suppressed
    );
}

#[test]
fn an_unknown_table_in_a_page_fails_with_the_line() {
    let site = common::fixture("small_cells");
    common::edit(
        site.path(),
        "content/_index.en.md",
        "table: children\nby: city",
        "table: childrn\nby: city",
    );
    let err = build(&BuildOptions::new(site.path()))
        .err()
        .map(|e| e.diagnostics().to_vec())
        .unwrap_or_default();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(
        (err[0].file.to_string_lossy().as_ref(), err[0].line),
        ("content/_index.en.md", 15),
        "{}",
        err[0]
    );
}
