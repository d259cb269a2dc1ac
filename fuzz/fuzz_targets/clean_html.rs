//! Bytes in as Html mode through `deboil::clean_bytes`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let options = common::options(deboil::InputMode::Html);
    common::check(deboil::clean_bytes(data, None, &options));
});
