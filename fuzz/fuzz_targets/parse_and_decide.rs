//! Fuzzes what the extension does with whatever status.openai.com (or storage) hands it:
//! parse → decide → events → schedule, plus reading stored records. See `../body.rs`.
#![no_main]

use libfuzzer_sys::fuzz_target;

include!("../body.rs");

fuzz_target!(|data: &[u8]| parse_and_decide(data));
