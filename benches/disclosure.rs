//! Disclosure control on large tables: the rule of issue 13 against the rule
//! it replaced, on the same tables.
//!
//! `cargo bench --bench disclosure` prints a Markdown table: dimensions,
//! figures, seconds and figures hidden, new and old. Tables are made from a
//! fixed seed (a few zeros, a quarter of small counts, the rest 10–200), so
//! every run sees the same ones. The old rule is run only on tables of up to
//! `LEGACY_MAX_FIGURES` figures (default 800; it took 313 s on 11×12×12 and
//! refuses more than 2,048 figures or four dimensions).

#[path = "legacy/disclosure.rs"]
mod legacy;

use ocaq::stats::disclosure::{protect_table, Rule};
use std::time::Instant;

/// A small deterministic generator (SplitMix64), so no dependency is needed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn cells(sizes: &[usize], seed: u64) -> Vec<u64> {
    let mut rng = Rng(seed);
    let n: usize = sizes.iter().product();
    (0..n)
        .map(|_| match rng.below(100) {
            0..=9 => 0,
            10..=34 => 1 + rng.below(9),
            _ => 10 + rng.below(191),
        })
        .collect()
}

fn figures(sizes: &[usize]) -> usize {
    sizes.iter().map(|n| n + 1).product()
}

fn main() {
    let legacy_max: usize = std::env::var("LEGACY_MAX_FIGURES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(800);
    let tables: &[&[usize]] = &[
        &[12],
        &[12, 12],
        &[8, 8, 8],
        &[11, 12, 12],
        &[6, 7, 8, 9],
        &[9, 9, 9, 9],
    ];
    println!("| dimensions | figures | new: time | new: hidden | old: time | old: hidden |");
    println!("|---|---:|---:|---:|---:|---:|");
    for (i, sizes) in tables.iter().enumerate() {
        let data = cells(sizes, 13 + i as u64);
        let start = Instant::now();
        let new = protect_table(sizes, &data, Rule::new(10));
        let new_time = start.elapsed().as_secs_f64();
        let new_hidden = match &new {
            Ok(p) => p
                .figures()
                .filter(|(_, s)| s.is_suppressed())
                .count()
                .to_string(),
            Err(e) => format!("refused: {e}"),
        };
        let (old_time, old_hidden) = if figures(sizes) <= legacy_max {
            let start = Instant::now();
            let old = legacy::protect(sizes, &data, 10);
            let t = start.elapsed().as_secs_f64();
            let hidden = match &old {
                Ok(p) => p
                    .figures()
                    .filter(|(_, s)| s.is_suppressed())
                    .count()
                    .to_string(),
                Err(e) => format!("refused: {e}"),
            };
            (format!("{t:.2} s"), hidden)
        } else {
            ("not run".to_string(), "–".to_string())
        };
        let dims: Vec<String> = sizes.iter().map(usize::to_string).collect();
        println!(
            "| {} | {} | {new_time:.2} s | {new_hidden} | {old_time} | {old_hidden} |",
            dims.join("×"),
            figures(sizes)
        );
    }
}
