//! Disclosure control seen from the built pages: small counts never reach the
//! HTML, in either language, and linked tables are protected together.

mod common;

use ocaq::stats::{Reason, Suppressed};
use ocaq::{build, BuildOptions};
use std::path::Path;

fn build_pages(root: &Path) -> (String, String) {
    if let Err(e) = build(&BuildOptions {
        minify: false,
        ..BuildOptions::new(root)
    }) {
        panic!("{}", common::show(e.diagnostics()));
    }
    let out = root.join("public");
    (
        common::read(&out, "index.html"),
        common::read(&out, "en/index.html"),
    )
}

fn built_pages() -> (tempfile::TempDir, String, String) {
    let site = common::fixture("small_cells");
    let (az, en) = build_pages(site.path());
    (site, az, en)
}

/// The `<td>`s of the table row whose header is `label` (first table on the page).
fn row_cells(html: &str, label: &str) -> Vec<String> {
    let start = html
        .find(&format!("<th scope=\"row\">{label}</th>"))
        .unwrap_or_else(|| panic!("no row {label}"));
    let end = html[start..]
        .find("</tr>")
        .map_or(html.len(), |e| start + e);
    html[start..end]
        .split("<td")
        .skip(1)
        .map(|c| format!("<td{}", c.split("</td>").next().unwrap_or("")) + "</td>")
        .collect()
}

const HIDDEN_PRIMARY: &str =
    "<td class=\"suppressed\">fewer than 10<sup class=\"stats-mark\">*</sup></td>";
const HIDDEN_SECONDARY: &str =
    "<td class=\"suppressed\">not shown<sup class=\"stats-mark\">†</sup></td>";
const AZ_PRIMARY: &str = "<td class=\"suppressed\">10-dan az<sup class=\"stats-mark\">*</sup></td>";

#[test]
fn every_figure_of_the_cross_table_has_its_expected_state_in_both_languages() {
    let (_site, az, en) = built_pages();
    // Family care in Ganja is 3: hidden with the rectangle Ganja × Sumgait,
    // whose other corners (Sumgait 40, short-term Ganja 30 and Sumgait 18)
    // are hidden too; every total stays.
    assert_eq!(
        row_cells(&en, "Family-based care"),
        [
            "<td>1,112</td>",
            HIDDEN_PRIMARY,
            HIDDEN_SECONDARY,
            "<td>1,155</td>"
        ]
    );
    assert_eq!(
        row_cells(&en, "Short-term care"),
        [
            "<td>25</td>",
            HIDDEN_SECONDARY,
            HIDDEN_SECONDARY,
            "<td>73</td>"
        ]
    );
    let az_secondary = HIDDEN_SECONDARY.replace("not shown", "göstərilmir");
    assert_eq!(
        row_cells(&az, "Ailə əsaslı qayğı"),
        [
            "<td>1.112</td>",
            AZ_PRIMARY,
            az_secondary.as_str(),
            "<td>1.155</td>"
        ]
    );
    assert!(
        en.contains("<td>1,137</td><td>33</td><td>58</td><td>1,228</td>"),
        "{en}"
    );
    assert!(
        az.contains("<td>1.137</td><td>33</td><td>58</td><td>1.228</td>"),
        "{az}"
    );
    // The inline figures read the same pattern.
    assert!(
        en.contains("Ganja family care: <span class=\"stat suppressed\">fewer than 10</span>"),
        "{en}"
    );
    assert!(
        en.contains("Family care total: <span class=\"stat\">1,155</span>"),
        "{en}"
    );
    assert!(
        az.contains("Ganja family care: <span class=\"stat suppressed\">10-dan az</span>"),
        "{az}"
    );
}

#[test]
fn no_hidden_value_reaches_the_html_shifting_them_changes_nothing() {
    // Move the hidden rectangle by 2 (3→5, 40→38, 30→28, 18→20): every
    // published figure stays, so every page must be byte for byte the same.
    let (_site, az, en) = built_pages();
    let shifted = common::fixture("small_cells");
    let file = "content/statistics.yaml";
    common::edit(
        shifted.path(),
        file,
        "city: ganja, count: 3}",
        "city: ganja, count: 5}",
    );
    common::edit(
        shifted.path(),
        file,
        "city: sumgait, count: 40}",
        "city: sumgait, count: 38}",
    );
    common::edit(
        shifted.path(),
        file,
        "city: ganja, count: 30}",
        "city: ganja, count: 28}",
    );
    common::edit(
        shifted.path(),
        file,
        "city: sumgait, count: 18}",
        "city: sumgait, count: 20}",
    );
    let (az2, en2) = build_pages(shifted.path());
    assert_eq!(en, en2);
    assert_eq!(az, az2);
}

#[test]
fn numbers_are_formatted_for_each_language() {
    let (_site, az, en) = built_pages();
    assert!(en.contains("<td>1,112</td>"), "en grouping");
    assert!(az.contains("<td>1.112</td>"), "az grouping");
    assert!(
        en.contains("<time datetime=\"2026-06-30\">30 June 2026</time>"),
        "as_of in English"
    );
    assert!(
        az.contains("<time datetime=\"2026-06-30\">30 iyun 2026</time>"),
        "as_of in Azerbaijani"
    );
}

fn report(name: &str, edit: Option<(&str, &str)>) -> ocaq::check::CheckReport {
    let site = common::fixture(name);
    if let Some((from, to)) = edit {
        common::edit(site.path(), "content/statistics.yaml", from, to);
    }
    ocaq::check::check(&BuildOptions::new(site.path()))
        .unwrap_or_else(|e| panic!("{}", common::show(e.diagnostics())))
}

fn hidden(table: &str, figure: &str, kind: Reason, low: u64, high: u64) -> Suppressed {
    Suppressed {
        table: table.into(),
        figure: figure.into(),
        kind,
        low,
        high: Some(high),
        width: Some(high - low),
        exact: true,
    }
}

#[test]
fn check_lists_every_hidden_figure_with_why_and_what_a_reader_can_tell() {
    let r = report("small_cells", None);
    // One free quantity t (family care in Ganja): 1 ≤ t ≤ 9, the others follow.
    assert_eq!(
        r.suppressed,
        vec![
            hidden(
                "children",
                "Family-based care × Ganja",
                Reason::Primary,
                1,
                9
            ),
            hidden(
                "children",
                "Family-based care × Sumgait",
                Reason::Secondary,
                34,
                42
            ),
            hidden(
                "children",
                "Short-term care × Ganja",
                Reason::Secondary,
                24,
                32
            ),
            hidden(
                "children",
                "Short-term care × Sumgait",
                Reason::Secondary,
                16,
                24
            ),
        ]
    );
    assert_eq!(
        r.suppressed[1].line(),
        "children: Family-based care × Sumgait — secondary (would let a hidden count be worked out); a reader can tell only 34–42, width 8"
    );
    let json = serde_json::to_value(&r.suppressed[0]).unwrap_or_default();
    assert_eq!(
        json,
        serde_json::json!({"table": "children", "figure": "Family-based care × Ganja", "kind": "primary", "low": 1, "high": 9, "width": 8, "exact": true})
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

/// Visible numbers of the first row labelled `label` after the heading `title`.
fn row_after(html: &str, title: &str, label: &str) -> Vec<String> {
    let start = html.find(title).unwrap_or_else(|| panic!("no {title}"));
    row_cells(&html[start..], label)
}

#[test]
fn linked_tables_do_not_give_away_what_each_alone_would() {
    // Protected apart, the by-city table prints Ganja 13 and the cross table
    // prints short-term care in Ganja 10: 13 − 10 = 3.
    let unlinked = common::fixture("linked");
    for _ in 0..2 {
        common::edit(
            unlinked.path(),
            "content/statistics.yaml",
            "    population: children-in-care\n",
            "",
        );
    }
    let (_, en) = build_pages(unlinked.path());
    let cities = row_after(&en, "Children by city", "Ganja");
    assert_eq!(cities, ["<td>13</td>"], "{en}");
    let short_term = row_after(&en, "Children by programme and city", "Short-term care");
    assert_eq!(short_term[1], "<td>10</td>", "{en}");
    let family = row_after(&en, "Children by programme and city", "Family-based care");
    assert_eq!(family[1], HIDDEN_PRIMARY);
    // check warns that the two look like one population, naming both.
    let site = unlinked.path();
    let r = ocaq::check::check(&BuildOptions::new(site))
        .unwrap_or_else(|e| panic!("{:?}", e.diagnostics()));
    let warning = r
        .diagnostics
        .iter()
        .find(|d| d.message.contains("look like counts of one population"))
        .unwrap_or_else(|| panic!("{:?}", r.diagnostics));
    assert_eq!(
        warning.message,
        "the tables `by-city` (line 16) and `by-programme` (line 23) look like counts of one population (the same total, 201, and a dimension in common) but are protected apart: side by side they can give away what each hides"
    );
    assert_eq!(
        (warning.file.to_string_lossy().as_ref(), warning.line),
        ("content/statistics.yaml", 23)
    );

    // Linked: Ganja is hidden in both, so nothing subtracts to the 3.
    let linked = common::fixture("linked");
    let (az, en) = build_pages(linked.path());
    assert_eq!(
        row_after(&en, "Children by city", "Ganja"),
        [HIDDEN_SECONDARY]
    );
    let az_secondary = HIDDEN_SECONDARY.replace("not shown", "göstərilmir");
    assert_eq!(
        row_after(&az, "Şəhərlər üzrə uşaqlar", "Gəncə"),
        [az_secondary.as_str()]
    );
    let r = report("linked", None);
    assert!(
        r.diagnostics
            .iter()
            .all(|d| !d.message.contains("look like")),
        "{:?}",
        r.diagnostics
    );
    let ganja = r
        .suppressed
        .iter()
        .find(|s| s.table == "by-city" && s.figure == "Ganja")
        .unwrap_or_else(|| panic!("{:?}", r.suppressed));
    assert_eq!(ganja.kind, Reason::Linked);
}

#[test]
fn linked_tables_that_disagree_stop_the_build_naming_both() {
    let site = common::fixture("linked");
    common::edit(
        site.path(),
        "content/statistics.yaml",
        "{city: ganja, count: 13}",
        "{city: ganja, count: 14}",
    );
    let err: Vec<_> = build(&BuildOptions::new(site.path()))
        .err()
        .map(|e| e.diagnostics().to_vec())
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.file.ends_with("statistics.yaml"))
        .collect();
    assert_eq!(err.len(), 1, "{err:?}");
    assert_eq!(err[0].line, 24);
    assert_eq!(
        err[0].message,
        "the tables `by-city` (line 16) and `by-programme` (line 24) count one population but disagree on the figure for city ganja: 14 and 13"
    );
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
