//! Output and input selection for runs on many machines: `-o FILE.gz` writes gzip,
//! `--files-from` reads the list of inputs, `--shard I/N` takes one part of it.

use std::ffi::CString;
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use flate2::read::MultiGzDecoder;
use serde_json::Value;

/// The fixture directory of seed articles every test cleans.
const SEEDS: &str = "fixtures/seeds";

/// Run deboil with `args` from the repository root.
fn deboil(args: &[&str]) -> Output {
    deboil_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Run deboil with `args` from `dir`.
fn deboil_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deboil"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The bytes of a gzip stream, decompressed.
fn gunzip(bytes: &[u8]) -> Vec<u8> {
    assert_eq!(&bytes[..2], &[0x1f, 0x8b], "not gzip");
    let mut out = Vec::new();
    MultiGzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// The JSON records of a JSON Lines text.
fn records(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn a_gz_output_decompresses_to_exactly_the_plain_output_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["jsonl", "json", "text", "markdown"] {
        let plain = dir.path().join(format!("out.{format}"));
        let packed = dir.path().join(format!("out.{format}.gz"));
        for target in [&plain, &packed] {
            let target = target.to_str().unwrap();
            let output = deboil(&["clean", SEEDS, "-q", "--format", format, "-o", target]);
            assert!(output.status.success(), "{output:?}");
        }
        let plain = fs::read(&plain).unwrap();
        assert!(!plain.is_empty());
        assert_ne!(&plain[..2], &[0x1f, 0x8b]);
        assert_eq!(gunzip(&fs::read(&packed).unwrap()), plain, "{format}");
    }
}

#[test]
fn stats_json_stays_plain_json_beside_a_gz_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.jsonl.gz");
    let stats = dir.path().join("stats.json");
    let output = deboil(&[
        "clean",
        SEEDS,
        "-o",
        out.to_str().unwrap(),
        "--stats-json",
        stats.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let stats: Value = serde_json::from_slice(&fs::read(&stats).unwrap()).unwrap();
    let cleaned = records(&gunzip(&fs::read(&out).unwrap())).len();
    assert_eq!(stats["cleaned"].as_u64(), Some(cleaned as u64));
}

#[test]
fn a_fifo_named_gz_gets_gzip_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.gz");
    let name = CString::new(fifo.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    let output = deboil(&["clean", SEEDS, "-q", "-o", fifo.to_str().unwrap()]);
    assert!(output.status.success(), "{output:?}");
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    let plain = deboil(&["clean", SEEDS, "-q"]);
    assert_eq!(gunzip(&reader.join().unwrap()), plain.stdout);
}
