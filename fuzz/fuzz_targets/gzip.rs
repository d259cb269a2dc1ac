//! The gzip path of `deboil::clean_bytes`. The first byte picks the shape of the input:
//! the rest gzip-compressed whole (the decompressor then the cleaner run on it), the
//! same stream truncated or with one byte flipped (corrupt and short streams), two
//! members concatenated, or the raw rest behind the gzip magic number (arbitrary
//! headers and deflate data).
#![no_main]

use std::io::Write;

use flate2::write::GzEncoder;
use flate2::Compression;
use libfuzzer_sys::fuzz_target;

mod common;

/// Gzip-compress `data` as one member.
fn gzip(data: &[u8]) -> Vec<u8> {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(data);
    encoder.finish().unwrap_or_default()
}

/// Build the input from the selector byte and the fuzz data.
fn input(selector: u8, rest: &[u8]) -> Vec<u8> {
    match selector % 5 {
        0 => gzip(rest),
        1 => {
            let mut bytes = gzip(rest);
            let cut = usize::from(selector) % bytes.len().max(1);
            bytes.truncate(bytes.len().saturating_sub(cut + 1));
            bytes
        }
        2 => {
            let mut bytes = gzip(rest);
            let at = usize::from(selector).wrapping_mul(31) % bytes.len().max(1);
            if let Some(byte) = bytes.get_mut(at) {
                *byte ^= selector | 1;
            }
            bytes
        }
        3 => {
            let half = rest.len() / 2;
            let mut bytes = gzip(&rest[..half]);
            bytes.extend(gzip(&rest[half..]));
            bytes
        }
        _ => {
            let mut bytes = vec![0x1f, 0x8b];
            bytes.extend_from_slice(rest);
            bytes
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let bytes = input(selector, rest);
    let mode = match selector / 5 % 3 {
        0 => deboil::InputMode::Auto,
        1 => deboil::InputMode::Html,
        _ => deboil::InputMode::Text,
    };
    common::check(deboil::clean_bytes(
        &bytes,
        Some("page.html.gz"),
        &common::options(mode),
    ));
});
