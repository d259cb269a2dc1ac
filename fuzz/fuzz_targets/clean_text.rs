//! Bytes in as Text mode through `deboil::clean_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let options = common::options(deboil::InputMode::Text);
    common::check(deboil::clean_bytes(data, None, &options));
});
