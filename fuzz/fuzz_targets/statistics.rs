//! `content/statistics.yaml` as an editor could write it: parsed and checked,
//! then every table shown as a `stats` block and as `{{stat …}}` figures.
//!
//! Besides "never panics", it checks the disclosure promise on what was
//! parsed, independently of `stats::disclosure` (see `common`): no figure
//! from 1 to N−1 published, published totals add up, and no suppressed figure
//! can be worked out from the published ones by linear equations. In the
//! rendered HTML every printed count (marked by the test's `StatsText`) must
//! be the value of a published figure of that table, and never 1..N−1.
#![no_main]

mod common;

use common::{check_pattern, printed_numbers, MarkedText};
use libfuzzer_sys::fuzz_target;
use ocaq::stats::{FigureStatus, Statistics};
use std::collections::HashSet;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The test's number marks must not come from the file itself.
    if text.contains(['⟦', '⟧']) {
        return;
    }
    let langs = ["az".to_string(), "en".to_string()];
    let stats = match ocaq::stats::parse(Path::new("content/statistics.yaml"), text, &langs) {
        Ok(s) => s,
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in &diags {
                let _ = d.to_string();
            }
            return;
        }
    };
    assert!(
        stats.suppress_below >= 5,
        "suppress_below {} accepted",
        stats.suppress_below
    );
    for table in &stats.tables {
        check_pattern(&table.pattern, stats.suppress_below, None);
    }
    let _ = stats.suppression_report();
    render_all(&stats);
});

fn render_all(stats: &Statistics) {
    let text = MarkedText;
    let n = stats.suppress_below;
    let mut index = 0;
    let check = |html: &str, table_id: Option<&str>| {
        let allowed: HashSet<u64> = stats
            .tables
            .iter()
            .filter(|t| table_id.is_none_or(|id| t.id == id))
            .flat_map(|t| t.pattern.figures())
            .filter_map(|(_, s)| match s {
                FigureStatus::Published(v) => Some(v),
                _ => None,
            })
            .collect();
        for v in printed_numbers(html) {
            assert!(v == 0 || v >= n, "printed {v}, under {n}:\n{html}");
            assert!(
                allowed.contains(&v),
                "printed {v}, not a published figure:\n{html}"
            );
        }
    };
    let mut bodies: Vec<(String, Option<String>)> = vec![
        (String::new(), None),
        ("table:".into(), None),
        ("table: no-such-table\n".into(), None),
        ("- table\n".into(), None),
        ("table: [a, b]\nby: {x: 1}\n".into(), None),
        ("by: city\n".into(), None),
    ];
    for t in stats.tables.iter().take(8) {
        bodies.push((format!("table: {}\n", t.id), Some(t.id.clone())));
        bodies.push((format!("table: {}\nby:\n", t.id), Some(t.id.clone())));
        bodies.push((format!("table: {}\nextra: 1\n", t.id), Some(t.id.clone())));
        for d in &t.dimensions {
            bodies.push((
                format!("table: \"{}\"\nby: \"{}\"\n", t.id, d.id),
                Some(t.id.clone()),
            ));
        }
    }
    for (body, table) in &bodies {
        index += 1;
        for lang in ["az", "en", "ru"] {
            if let Ok(html) = stats.render_block(body, lang, &text, index) {
                check(&html, table.as_deref());
            }
        }
    }
    // Inline figures: every table alone, and every value of every dimension.
    let mut specs: Vec<(String, Option<String>)> =
        vec![(String::new(), None), ("no-such-table".into(), None)];
    for t in stats.tables.iter().take(8) {
        specs.push((t.id.clone(), Some(t.id.clone())));
        specs.push((format!("{} nodim=x", t.id), Some(t.id.clone())));
        specs.push((format!("{} justaword", t.id), Some(t.id.clone())));
        let mut all = t.id.clone();
        for d in &t.dimensions {
            for v in d.values.iter().take(16) {
                specs.push((format!("{} {}={}", t.id, d.id, v.id), Some(t.id.clone())));
                specs.push((
                    format!("{} {}={} {}={}", t.id, d.id, v.id, d.id, v.id),
                    Some(t.id.clone()),
                ));
            }
            if let Some(v) = d.values.first() {
                all.push_str(&format!(" {}={}", d.id, v.id));
            }
            specs.push((format!("{} {}=nope", t.id, d.id), Some(t.id.clone())));
        }
        specs.push((all, Some(t.id.clone())));
    }
    for (spec, table) in &specs {
        if let Ok(html) = stats.render_inline(spec, "en", &text) {
            check(&html, table.as_deref());
            assert_eq!(printed_numbers(&html).len() <= 1, true);
        }
    }
}
