//! A page file as an editor could write it: front matter split and parsed,
//! then the body through the Markdown pass (the checks are in `src/fuzz.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ocaq::fuzz::front_matter(data));
