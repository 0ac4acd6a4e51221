//! Disclosure control against an attacker written here, apart from the code
//! that decides what to hide.
//!
//! The attacker knows every published figure of every table of a population,
//! that each hidden count is whole, at least 1, at most N−1 when marked
//! "fewer than N" and at least N when marked "not shown". It searches, by its
//! own constraint propagation and depth-first search over whole-number
//! tables (ranges narrowed from every sum, then split in halves), for tables
//! that agree with all of that and move a hidden figure up or down; the
//! distance it finds is
//! what the rule must keep at least P (or, where the marks alone leave less
//! even with every non-zero figure hidden, at least that, and never 0).
//!
//! Nothing here calls the protection code except to get the pattern.
//!
//! Runs are reproducible: the seed is fixed (see `seed`) unless
//! `PROPTEST_RNG_SEED` names another, and failures found are kept in
//! `proptest-regressions/disclosure_props.txt` and run first. More cases, and
//! new ones, while changing the rule:
//! `PROPTEST_RNG_SEED=$RANDOM PROPTEST_CASES=2000 cargo test --release --test disclosure_props`.

use ocaq::stats::disclosure::{protect_linked, FigureStatus, Pattern, ProtectError, Rule};
use ocaq::stats::TableInput;
use proptest::prelude::*;
use proptest::test_runner::{FileFailurePersistence, RngSeed};
use std::collections::BTreeMap;

/// One table as the test builds it.
#[derive(Debug, Clone)]
struct Spec {
    dims: Vec<String>,
    sizes: Vec<usize>,
    cells: Vec<u64>,
}

impl Spec {
    fn new(dims: &[&str], sizes: &[usize], cells: &[u64]) -> Spec {
        Spec {
            dims: dims.iter().map(|d| d.to_string()).collect(),
            sizes: sizes.to_vec(),
            cells: cells.to_vec(),
        }
    }

    fn input(&self) -> TableInput {
        TableInput {
            dims: self.dims.clone(),
            sizes: self.sizes.clone(),
            cells: self.cells.clone(),
        }
    }
}

/// Every figure of a table: per dimension a value or `None` for "all".
fn all_coords(sizes: &[usize]) -> Vec<Vec<Option<usize>>> {
    let mut out: Vec<Vec<Option<usize>>> = vec![vec![]];
    for &n in sizes {
        out = out
            .iter()
            .flat_map(|prefix| {
                (0..n).map(Some).chain([None]).map(move |c| {
                    let mut p = prefix.clone();
                    p.push(c);
                    p
                })
            })
            .collect();
    }
    out
}

/// Row-major index of each cell a figure adds up.
fn cells_of(sizes: &[usize], coord: &[Option<usize>]) -> Vec<usize> {
    let mut out = vec![0usize];
    for (&n, c) in sizes.iter().zip(coord) {
        let choices: Vec<usize> = match c {
            Some(v) => vec![*v],
            None => (0..n).collect(),
        };
        out = out
            .iter()
            .flat_map(|&p| choices.iter().map(move |&v| p * n + v))
            .collect();
    }
    out
}

/// A figure of the population: the dimension values it fixes.
fn key(dims: &[String], coord: &[Option<usize>]) -> Vec<(String, usize)> {
    let mut k: Vec<(String, usize)> = dims
        .iter()
        .zip(coord)
        .filter_map(|(d, c)| c.map(|v| (d.clone(), v)))
        .collect();
    k.sort();
    k
}

/// What the reader knows of one figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Known {
    Value(i64),
    /// "fewer than N"
    Small,
    /// "not shown" (only ever a figure of N or more)
    NotShown,
}

/// The attacker's view of a population: unknown cells of every table and,
/// per figure, what is known and which cells add up to it in each table.
#[derive(Debug, Clone)]
struct Reader {
    n: i64,
    /// True value of each unknown (cells of all tables, table after table).
    truth: Vec<i64>,
    known: Vec<Known>,
    sets: Vec<Vec<Vec<usize>>>,
    value: Vec<i64>,
}

impl Reader {
    /// Builds the view; `status(t, coord)` is what table t shows of a figure.
    fn new(specs: &[Spec], n: u64, status: impl Fn(usize, &[Option<usize>]) -> Known) -> Reader {
        let mut truth = Vec::new();
        let mut by_key: BTreeMap<Vec<(String, usize)>, usize> = BTreeMap::new();
        let (mut known, mut sets, mut value) = (Vec::new(), Vec::new(), Vec::new());
        for (t, spec) in specs.iter().enumerate() {
            let offset = truth.len();
            truth.extend(spec.cells.iter().map(|&c| c as i64));
            for coord in all_coords(&spec.sizes) {
                let vars: Vec<usize> = cells_of(&spec.sizes, &coord)
                    .iter()
                    .map(|c| offset + c)
                    .collect();
                let v: i64 = vars.iter().map(|&i| truth[i]).sum();
                let k = status(t, &coord);
                let g = *by_key.entry(key(&spec.dims, &coord)).or_insert_with(|| {
                    known.push(k);
                    sets.push(Vec::new());
                    value.push(v);
                    known.len() - 1
                });
                assert_eq!(
                    value[g],
                    v,
                    "two tables disagree on {:?}",
                    key(&spec.dims, &coord)
                );
                assert_eq!(
                    known[g],
                    k,
                    "{:?} is shown differently by two tables",
                    key(&spec.dims, &coord)
                );
                sets[g].push(vars);
            }
        }
        Reader {
            n: n as i64,
            truth,
            known,
            sets,
            value,
        }
    }

    fn bounds(&self, g: usize) -> (i64, i64) {
        match self.known[g] {
            Known::Value(v) => (v, v),
            Known::Small => (1, self.n - 1),
            Known::NotShown => (self.n, i64::MAX),
        }
    }

    /// How far figure g can move up and down (each capped at `cap`): the
    /// largest shift in each direction for which a whole-number table
    /// exists. `None` if the search ran out of steps.
    fn reach(&self, g: usize, cap: i64) -> Option<(i64, i64)> {
        let x = self.value[g];
        let mut up = 0;
        while up < cap {
            match self.exists(g, x + up + 1, i64::MAX)? {
                true => up += 1,
                false => break,
            }
        }
        let mut down = 0;
        while down < cap {
            match self.exists(g, i64::MIN, x - down - 1)? {
                true => down += 1,
                false => break,
            }
        }
        Some((up, down))
    }

    /// Is there a table with figure g within lo..=hi?
    fn exists(&self, g: usize, lo: i64, hi: i64) -> Option<bool> {
        let cp = Cp {
            r: self,
            target: (g, lo, hi),
        };
        // Each unknown from 0 to far above its true value (the search splits
        // ranges in halves, so a wide range costs little).
        let domains = self.truth.iter().map(|&t| (0, t + 1000)).collect();
        let mut steps = 0;
        cp.search(domains, &mut steps)
    }
}

/// Constraint propagation and search: every figure's sum, in every table
/// that has it, lies within what the reader knows of it; ranges of unknowns
/// are narrowed from the sums until nothing changes, then split in halves.
struct Cp<'a> {
    r: &'a Reader,
    target: (usize, i64, i64),
}

const STEPS: u64 = 200_000;

impl Cp<'_> {
    fn limits(&self, g: usize) -> (i64, i64) {
        let (lo, hi) = self.r.bounds(g);
        if g == self.target.0 {
            (lo.max(self.target.1), hi.min(self.target.2))
        } else {
            (lo, hi)
        }
    }

    /// Narrows the ranges; false if some figure can no longer be met.
    fn propagate(&self, dom: &mut [(i64, i64)]) -> bool {
        let range = |dom: &[(i64, i64)], vars: &[usize]| {
            vars.iter().fold((0i64, 0i64), |(a, b), &v| {
                (a.saturating_add(dom[v].0), b.saturating_add(dom[v].1))
            })
        };
        loop {
            let mut changed = false;
            for (g, sets) in self.r.sets.iter().enumerate() {
                let (mut lo, mut hi) = self.limits(g);
                for vars in sets {
                    let (a, b) = range(dom, vars);
                    lo = lo.max(a);
                    hi = hi.min(b);
                }
                if lo > hi {
                    return false;
                }
                for vars in sets {
                    let (a, b) = range(dom, vars);
                    for &v in vars {
                        let (vl, vh) = dom[v];
                        let new_lo = vl.max(lo.saturating_sub(b.saturating_sub(vh)));
                        let new_hi = vh.min(hi.saturating_sub(a.saturating_sub(vl)));
                        if new_lo > new_hi {
                            return false;
                        }
                        if (new_lo, new_hi) != (vl, vh) {
                            dom[v] = (new_lo, new_hi);
                            changed = true;
                        }
                    }
                }
            }
            if !changed {
                return true;
            }
        }
    }

    fn search(&self, mut dom: Vec<(i64, i64)>, steps: &mut u64) -> Option<bool> {
        *steps += 1;
        if *steps > STEPS {
            return None;
        }
        if !self.propagate(&mut dom) {
            return Some(false);
        }
        // All fixed and every sum met (propagation checked each one).
        let Some(v) = (0..dom.len())
            .filter(|&v| dom[v].0 < dom[v].1)
            .min_by_key(|&v| dom[v].1 - dom[v].0)
        else {
            return Some(true);
        };
        let (lo, hi) = dom[v];
        let mid = lo + (hi - lo) / 2;
        for half in [(lo, mid), (mid + 1, hi)] {
            let mut d = dom.clone();
            d[v] = half;
            if self.search(d, steps)? {
                return Some(true);
            }
        }
        Some(false)
    }
}

/// What table t shows of a figure, in the reader's terms.
fn shown(p: &Pattern, coord: &[Option<usize>]) -> Known {
    match p.status(coord) {
        Some(FigureStatus::Published(v)) => Known::Value(v as i64),
        Some(FigureStatus::Primary) => Known::Small,
        Some(FigureStatus::Secondary) => Known::NotShown,
        None => panic!("no status for {coord:?}"),
    }
}

/// What the reader would know if every non-zero figure were hidden.
fn all_hidden(spec: &Spec, coord: &[Option<usize>], n: u64) -> Known {
    let v: u64 = cells_of(&spec.sizes, coord)
        .iter()
        .map(|&c| spec.cells[c])
        .sum();
    match v {
        0 => Known::Value(0),
        v if v < n => Known::Small,
        _ => Known::NotShown,
    }
}

/// The outcome of checking one population against the attacker.
#[derive(Debug)]
enum Verdict {
    Safe,
    /// The search ran out of steps: the case says nothing.
    Unknown,
}

/// Checks every promise of the rule for these tables; panics with the
/// figure and both widths on a failure.
fn check(specs: &[Spec], rule: Rule) -> Verdict {
    let inputs: Vec<TableInput> = specs.iter().map(Spec::input).collect();
    let n = rule.threshold;
    let p = i64::try_from(rule.protection).unwrap_or(i64::MAX);
    let before = Reader::new(specs, n, |t, c| all_hidden(&specs[t], c, n));
    let patterns = match protect_linked(&inputs, rule) {
        Ok(p) => p,
        Err(ProtectError::MarksGiveAway { .. }) => {
            // Then some figure must be pinned even with everything hidden.
            for g in 0..before.known.len() {
                if before.known[g] == Known::Value(before.value[g]) {
                    continue;
                }
                match before.reach(g, 1) {
                    Some((0, 0)) => return Verdict::Safe,
                    Some(_) => {}
                    None => return Verdict::Unknown,
                }
            }
            panic!("refused as given away by the marks, but the attacker moves every figure: {specs:?}");
        }
        Err(e) => panic!("{e:?} for {specs:?}"),
    };
    let again = protect_linked(&inputs, rule).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(again, patterns, "the pattern is not deterministic");
    for (t, (spec, pattern)) in specs.iter().zip(&patterns).enumerate() {
        for coord in all_coords(&spec.sizes) {
            let truth: u64 = cells_of(&spec.sizes, &coord)
                .iter()
                .map(|&c| spec.cells[c])
                .sum();
            match pattern.status(&coord) {
                Some(FigureStatus::Published(v)) => {
                    assert_eq!(
                        v, truth,
                        "table {t}: {coord:?} published with a wrong value"
                    );
                    assert!(
                        v == 0 || v >= n,
                        "table {t}: {coord:?} = {v} published, under {n}"
                    );
                }
                Some(FigureStatus::Primary) => {
                    assert!(truth > 0 && truth < n, "{coord:?} = {truth} marked primary")
                }
                Some(FigureStatus::Secondary) => {
                    assert!(truth >= n, "{coord:?} = {truth} marked secondary")
                }
                None => panic!("no status for {coord:?}"),
            }
        }
    }
    let after = Reader::new(specs, n, |t, c| shown(&patterns[t], c));
    for g in 0..after.known.len() {
        if matches!(after.known[g], Known::Value(_)) {
            continue;
        }
        let (Some((up, down)), Some((up0, down0))) = (after.reach(g, p), before.reach(g, p)) else {
            return Verdict::Unknown;
        };
        let need = p.min(up0 + down0).max(1);
        assert!(
            up + down >= need,
            "hidden figure {g} (value {}) moves only {down} down and {up} up, needs {need} (hiding all: {down0} down, {up0} up)\ntables: {specs:?}\nN {n}, P {p}\npatterns: {patterns:?}",
            after.value[g]
        );
    }
    Verdict::Safe
}

fn assert_safe(specs: &[Spec], rule: Rule) {
    match check(specs, rule) {
        Verdict::Safe => {}
        Verdict::Unknown => panic!("the attacker ran out of steps on a fixed case"),
    }
}

fn hidden(p: &Pattern) -> Vec<Vec<Option<usize>>> {
    p.figures()
        .filter(|(_, s)| s.is_suppressed())
        .map(|(c, _)| c)
        .collect()
}

fn one(sizes: &[usize], cells: &[u64], rule: Rule) -> Pattern {
    let spec = Spec::new(&["a", "b", "c", "d"][..sizes.len()], sizes, cells);
    assert_safe(std::slice::from_ref(&spec), rule);
    protect_linked(&[spec.input()], rule)
        .unwrap_or_else(|e| panic!("{e:?}"))
        .remove(0)
}

#[test]
fn two_ones_beside_baku_are_no_longer_given_away_by_the_total() {
    // Baku 41, Ganja 1, Sumgait 1, total 43: both 1s were exactly recoverable.
    let p = one(&[3], &[41, 1, 1], Rule::new(10));
    assert_eq!(p.status(&[Some(1)]), Some(FigureStatus::Primary));
    assert_eq!(p.status(&[Some(2)]), Some(FigureStatus::Primary));
    assert!(
        p.status(&[Some(0)])
            .is_some_and(FigureStatus::is_suppressed)
            || p.status(&[None]).is_some_and(FigureStatus::is_suppressed),
        "{p:?}"
    );
}

#[test]
fn two_nines_under_a_published_eighteen_are_no_longer_pinned() {
    let p = one(&[2], &[9, 9], Rule::new(10));
    assert_eq!(hidden(&p).len(), 3, "{p:?}");
    let p = one(&[3], &[9, 9, 40], Rule::new(10));
    assert!(hidden(&p).len() >= 3, "{p:?}");
}

#[test]
fn the_reviewers_cases_hold() {
    // [1,1,10] published 10 and 12 before: a = b = 1.
    one(&[3], &[1, 1, 10], Rule::new(10));
    // [1,10,40] published 40 and 51 before: a = 1.
    one(&[3], &[1, 10, 40], Rule::new(10));
}

#[test]
fn a_cell_is_not_pinned_to_two_values_by_its_row_column_and_a_neighbour() {
    // Row and column totals and a bounded neighbour used to pin cells to [3, 4].
    one(&[2, 3], &[3, 5, 40, 12, 30, 70], Rule::new(10));
    one(&[3, 3], &[3, 5, 40, 6, 30, 2, 50, 11, 20], Rule::new(10));
}

#[test]
fn a_higher_protection_level_hides_at_least_as_much() {
    let cells = [3, 14, 40, 12, 30, 70];
    let low = one(&[2, 3], &cells, Rule::new(10));
    let high = one(
        &[2, 3],
        &cells,
        Rule {
            threshold: 10,
            protection: 8,
        },
    );
    assert!(hidden(&high).len() >= hidden(&low).len());
}

#[test]
fn five_ones_under_a_small_total_keep_what_the_marks_leave() {
    // Each city is 1..5 from the marks alone (total under 10): width 4 < 5.
    one(&[5], &[1, 1, 1, 1, 1], Rule::new(10));
}

#[test]
fn nine_ones_under_a_total_of_nine_are_refused() {
    let spec = Spec::new(&["a", "b"], &[3, 3], &[1; 9]);
    let e = protect_linked(&[spec.input()], Rule::new(10)).err();
    assert!(
        matches!(e, Some(ProtectError::MarksGiveAway { .. })),
        "{e:?}"
    );
}

#[test]
fn linked_tables_hide_what_each_alone_would_give_away() {
    // By city, and by programme × city (the linked fixture): alone, the
    // cross table hides its Ganja total but shows short-term care there (10)
    // while the by-city table shows Ganja (13): 13 − 10 = 3.
    let by_city = Spec::new(&["city"], &[3], &[130, 13, 58]);
    let cross = Spec::new(&["programme", "city"], &[2, 3], &[100, 3, 40, 30, 10, 18]);
    assert_safe(&[by_city, cross], Rule::new(10));
}

#[test]
fn crossings_that_share_only_a_dimension_are_protected_together() {
    let a = Spec::new(&["programme", "city"], &[2, 2], &[30, 4, 20, 15]);
    let b = Spec::new(&["city", "age"], &[2, 2], &[25, 25, 2, 17]);
    assert_safe(&[a, b], Rule::new(10));
}

/// Counts with many small ones.
fn count() -> impl Strategy<Value = u64> {
    prop_oneof![4 => 0u64..10, 3 => 10u64..45]
}

fn rule() -> impl Strategy<Value = Rule> {
    (5u64..=12).prop_flat_map(|n| {
        let least = n.div_ceil(2);
        (least..=n - 2).prop_map(move |p| Rule {
            threshold: n,
            protection: p,
        })
    })
}

fn single() -> impl Strategy<Value = Vec<Spec>> {
    let sizes = prop_oneof![
        (2usize..=5).prop_map(|n| vec![n]),
        (2usize..=3, 2usize..=3).prop_map(|(a, b)| vec![a, b]),
        Just(vec![2usize, 2, 2]),
    ];
    sizes.prop_flat_map(|sizes| {
        let n: usize = sizes.iter().product();
        prop::collection::vec(count(), n)
            .prop_map(move |cells| vec![Spec::new(&["a", "b", "c"][..sizes.len()], &sizes, &cells)])
    })
}

/// By city, plus programme × city (the first is the second's city totals).
fn nested() -> impl Strategy<Value = Vec<Spec>> {
    (2usize..=3, 2usize..=3).prop_flat_map(|(p, c)| {
        prop::collection::vec(count(), p * c).prop_map(move |cells| {
            let by_city: Vec<u64> = (0..c)
                .map(|j| (0..p).map(|i| cells[i * c + j]).sum())
                .collect();
            vec![
                Spec::new(&["city"], &[c], &by_city),
                Spec::new(&["programme", "city"], &[p, c], &cells),
            ]
        })
    })
}

/// Programme × city and city × age with the same city totals.
fn overlapping() -> impl Strategy<Value = Vec<Spec>> {
    (
        prop::collection::vec(count(), 4),
        prop::collection::vec(0u64..=255, 2),
    )
        .prop_map(|(cells, w)| {
            let city: Vec<u64> = (0..2).map(|j| cells[j] + cells[2 + j]).collect();
            let ages: Vec<u64> = (0..2)
                .flat_map(|j| {
                    let young = city[j] * w[j] / 255;
                    [young, city[j] - young]
                })
                .collect();
            vec![
                Spec::new(&["programme", "city"], &[2, 2], &cells),
                Spec::new(&["city", "age"], &[2, 2], &ages),
            ]
        })
}

/// The same cases on every run (CI included) unless `PROPTEST_RNG_SEED`
/// asks for others, as proptest itself reads it.
fn seed() -> RngSeed {
    match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => ProptestConfig::default().rng_seed,
        Err(_) => RngSeed::Fixed(20261128),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        max_global_rejects: 4096,
        rng_seed: seed(),
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(
            "proptest-regressions/disclosure_props.txt",
        ))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_hidden_figure_of_a_table_is_narrowed_below_the_rule(specs in single(), rule in rule()) {
        let verdict = check(&specs, rule);
        prop_assume!(matches!(verdict, Verdict::Safe));
    }

    #[test]
    fn no_hidden_figure_of_linked_tables_is_narrowed_below_the_rule(specs in prop_oneof![nested(), overlapping()], rule in rule()) {
        let verdict = check(&specs, rule);
        prop_assume!(matches!(verdict, Verdict::Safe));
    }
}

#[test]
fn the_attacker_here_sees_what_a_published_total_gives_away() {
    // Publish the total 43 and Baku 41: both 1s are pinned, each width 0.
    let spec = Spec::new(&["city"], &[3], &[41, 1, 1]);
    let r = Reader::new(std::slice::from_ref(&spec), 10, |_, c| match c {
        [Some(1)] | [Some(2)] => Known::Small,
        [Some(0)] => Known::Value(41),
        _ => Known::Value(43),
    });
    assert_eq!(r.reach(1, 8), Some((0, 0)));
    // Hide Baku too (not shown: 10 or more): Ganja ranges 1..9 again.
    let r = Reader::new(std::slice::from_ref(&spec), 10, |_, c| match c {
        [Some(1)] | [Some(2)] => Known::Small,
        [Some(0)] => Known::NotShown,
        _ => Known::Value(43),
    });
    assert_eq!(r.reach(1, 8), Some((8, 0)));
    // Linked: the by-city table publishes Ganja 33; the cross table hides
    // family care 3 and short-term 30 there. 30 is "not shown" (10 or more),
    // so the 3 is 1..9 only through the link: 1..23 within the bounds.
    let by_city = Spec::new(&["city"], &[2], &[50, 33]);
    let cross = Spec::new(&["programme", "city"], &[2, 2], &[20, 3, 30, 30]);
    let r = Reader::new(&[by_city, cross], 10, |t, c| match (t, c) {
        (1, [Some(0), Some(1)]) => Known::Small,
        (1, [Some(1), Some(1)]) => Known::NotShown,
        (1, [Some(0), None]) | (1, [Some(1), None]) => Known::NotShown,
        (0, [Some(1)]) | (1, [None, Some(1)]) => Known::Value(33),
        (0, [Some(0)]) | (1, [None, Some(0)]) => Known::Value(50),
        (_, [Some(0), Some(0)]) => Known::Value(20),
        (_, [Some(1), Some(0)]) => Known::Value(30),
        _ => Known::Value(83),
    });
    let ganja_family = r.known.iter().position(|k| *k == Known::Small).unwrap_or(0);
    assert_eq!(r.reach(ganja_family, 8), Some((6, 2)));
}

#[test]
fn a_three_way_table_with_small_counts_everywhere_is_protected() {
    for p in 5..=8 {
        one(
            &[2, 2, 2],
            &[0, 14, 4, 1, 17, 10, 2, 3],
            Rule {
                threshold: 10,
                protection: p,
            },
        );
    }
}
