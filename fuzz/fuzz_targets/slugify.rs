//! `slugify` and the heading-id allocator on arbitrary text (the checks are in
//! `src/fuzz.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ocaq::fuzz::slugify(data));
