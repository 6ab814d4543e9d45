//! `block` and the scans built on it, natively (plain loops); `tests/wasm.rs` runs the
//! same checks in the wasm (SIMD).

mod block_check;

#[test]
fn each_test_marks_exactly_its_bytes() {
    block_check::each_test_marks_exactly_its_bytes();
}

#[test]
fn json_strings_read_at_every_length() {
    block_check::json_strings_read_at_every_length();
}

#[test]
fn plain_text_cleans_at_every_length() {
    block_check::plain_text_cleans_at_every_length();
}

#[test]
fn utf8_is_checked_at_every_length() {
    block_check::utf8_is_checked_at_every_length();
}
