//! `stats::disclosure::protect` on tables built straight from the bytes, so the
//! true value of every figure is known here, then the tables rendered.
//!
//! Checks (independently of the protection code, see `common`): a figure is
//! primary-suppressed exactly when its value is 1..N−1; published figures
//! carry their true value; secondary suppression hides only non-zero
//! figures; no suppressed figure can be worked out from the published ones
//! by linear equations; on tables of up to 8 cells, the bounds-aware
//! attacker of `common::reader` (whole counts, ≥ 1, ≤ N−1 for "fewer than
//! N", ≥ N for "not shown") cannot narrow any hidden figure below the
//! protection level (or what the marks alone leave), and a refusal because
//! the marks give a count away is confirmed by it; every interval the
//! pattern reports contains the true value; and the rendered `stats` blocks
//! and `{{stat …}}` figures never print the value of a primary-suppressed
//! figure, and print only values of published figures.
//!
//! Input: byte 0 → N = 5..=20; byte 1 → 1..=4 dimensions (a fourth only
//! with sizes that keep the table small); byte 2 → the protection level,
//! from the default up to N−2; then one byte per
//! dimension size (0..=5: with 0..=7 a 7×7×7 table took 5 s per run under the
//! fuzzer's instrumentation, nearly all in `protect`); then one byte per cell (row-major): under
//! 128 a small count 0..=23 (around every threshold), 255 the largest count
//! allowed (10⁹), otherwise (b − 100) × 7. Missing bytes are zeros.
#![no_main]

mod common;

use common::reader::check_bounds;
use common::{all_coords, cells_of, check_pattern, printed_numbers, MarkedText};
use libfuzzer_sys::fuzz_target;
use ocaq::stats::disclosure::{default_protection, max_protection, ProtectError, Rule};
use ocaq::stats::{
    disclosure, Dimension, DimensionValue, FigureStatus, Localized, Statistics, Table,
};
use std::collections::{BTreeMap, HashMap, HashSet};

fuzz_target!(|data: &[u8]| {
    let mut bytes = data.iter().copied();
    let mut next = || bytes.next().unwrap_or(0);
    let threshold = 5 + u64::from(next() % 16);
    let dims = 1 + usize::from(next() % 4);
    let (least, most) = (default_protection(threshold), max_protection(threshold));
    let protection = least + u64::from(next()) % (most - least + 1);
    let rule = Rule {
        threshold,
        protection,
    };
    let largest = if dims == 4 { 3 } else { 6 };
    let sizes: Vec<usize> = (0..dims).map(|_| usize::from(next()) % largest).collect();
    let n_cells: usize = sizes.iter().product();
    let cells: Vec<u64> = (0..n_cells)
        .map(|_| match next() {
            b @ 0..=127 => u64::from(b % 24),
            255 => 1_000_000_000,
            b => u64::from(b - 100) * 7,
        })
        .collect();
    let pattern = match disclosure::protect_table(&sizes, &cells, rule) {
        Ok(p) => p,
        Err(ProtectError::MarksGiveAway { .. }) => {
            // Only if some figure is pinned with every non-zero figure hidden.
            if n_cells <= 8 {
                assert!(
                    common::reader::marks_pin_something(&sizes, &cells, threshold),
                    "refused as given away by the marks, but nothing is pinned: {sizes:?} {cells:?}"
                );
            }
            return;
        }
        Err(e) => panic!("protect refused a table of sizes {sizes:?}: {e}"),
    };

    // True value of every figure.
    let cell_value = |cell: &[usize]| -> u64 {
        let mut i = 0;
        for (&c, &n) in cell.iter().zip(&sizes) {
            i = i * n + c;
        }
        cells[i]
    };
    let mut values: HashMap<Vec<Option<usize>>, u64> = HashMap::new();
    for c in all_coords(&sizes) {
        let v = cells_of(&c, &sizes)
            .iter()
            .map(|cell| cell_value(cell))
            .sum();
        values.insert(c, v);
    }
    check_pattern(&pattern, threshold, Some(&values));
    for (c, h) in pattern.hidden_figures() {
        let v = values[&c];
        assert!(
            h.low <= v && h.high.is_none_or(|hi| v <= hi),
            "{c:?} = {v} outside its reported interval {h:?}"
        );
    }
    if n_cells <= 8 {
        check_bounds(&sizes, &cells, &pattern, rule);
    }

    // The same table as the site would show it.
    let label = |s: &str| {
        let mut m = BTreeMap::new();
        m.insert("az".to_string(), format!("{s}-az"));
        m.insert("en".to_string(), format!("{s}-en"));
        Localized(m)
    };
    let dimensions: Vec<Dimension> = sizes
        .iter()
        .enumerate()
        .map(|(d, &n)| Dimension {
            id: format!("d{d}"),
            values: (0..n)
                .map(|v| DimensionValue {
                    id: format!("v{v}"),
                    label: label(&format!("d{d}v{v}")),
                })
                .collect(),
        })
        .collect();
    let stats = Statistics {
        as_of: "2026-06-30".into(),
        source: label("source"),
        suppress_below: threshold,
        protection_level: protection,
        warnings: Vec::new(),
        tables: vec![Table {
            id: "t".into(),
            title: label("title"),
            description: Some(label("description")),
            population: None,
            dimensions,
            pattern: pattern.clone(),
        }],
    };
    let published: HashSet<u64> = pattern
        .figures()
        .filter_map(|(_, s)| match s {
            FigureStatus::Published(v) => Some(v),
            _ => None,
        })
        .collect();
    let check = |html: &str| {
        for v in printed_numbers(html) {
            assert!(
                !(1..threshold).contains(&v),
                "a primary-suppressed value {v} printed:\n{html}"
            );
            assert!(
                published.contains(&v),
                "printed {v}, not a published figure:\n{html}"
            );
        }
    };
    let text = MarkedText;
    let mut bodies = vec!["table: t\n".to_string()];
    for d in 0..dims {
        bodies.push(format!("table: t\nby: d{d}\n"));
    }
    for (i, body) in bodies.iter().enumerate() {
        match stats.render_block(body, "en", &text, i + 1) {
            Ok(html) => check(&html),
            Err(e) => assert!(i == 0 && dims >= 3, "block {body:?} refused: {}", e.message),
        }
    }
    for c in all_coords(&sizes) {
        let mut spec = "t".to_string();
        for (d, v) in c.iter().enumerate() {
            if let Some(v) = v {
                spec.push_str(&format!(" d{d}=v{v}"));
            }
        }
        let html = stats
            .render_inline(&spec, "az", &text)
            .unwrap_or_else(|e| panic!("{spec:?} refused: {}", e.message));
        let shown = printed_numbers(&html);
        match pattern.status(&c) {
            Some(FigureStatus::Published(v)) => assert_eq!(shown, vec![v], "{spec}: {html}"),
            _ => assert!(
                shown.is_empty(),
                "{spec}: suppressed figure printed: {html}"
            ),
        }
    }
});
