//! The property tests' settings: the same cases on every run, CI included, unless
//! `PROPTEST_RNG_SEED` asks for others; failures found are kept in the file given,
//! under `proptest-regressions/`, and run first from then on.

use proptest::test_runner::{Config, FileFailurePersistence, RngSeed};

/// The settings of a property test whose failures are kept in `regressions`.
pub(crate) fn fixed(regressions: &'static str) -> Config {
    Config {
        rng_seed: match std::env::var("PROPTEST_RNG_SEED") {
            Ok(_) => Config::default().rng_seed,
            Err(_) => RngSeed::Fixed(20261128),
        },
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..Config::default()
    }
}
