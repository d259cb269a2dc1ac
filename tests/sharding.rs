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

/// A page with its own title and paragraphs, so every record differs.
fn page(n: usize) -> String {
    format!(
        "<html><head><title>Story number {n}</title></head><body><article>\
         <h1>Story number {n}</h1>\
         <p>The council met on day {n} to discuss the bridge, and the debate ran late into the evening.</p>\
         <p>Residents said the {n} proposals deserved a longer hearing before any vote was taken.</p>\
         </article></body></html>"
    )
}

/// A directory of pages: `site/a/*.html`, `site/b/*.html`, and in `site/a` a
/// `page.html` and a `page.txt` whose --out-dir names collide.
fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (n, name) in [
        "a/one.html",
        "a/two.html",
        "b/three.html",
        "b/four.html",
        "b/five.htm",
    ]
    .iter()
    .enumerate()
    {
        let path = dir.path().join("site").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, page(n)).unwrap();
    }
    fs::write(dir.path().join("site/a/page.html"), page(10)).unwrap();
    let text =
        "A plain story\n\nIts only paragraph is long enough to be kept as the body of a record.\n";
    fs::write(dir.path().join("site/a/page.txt"), text).unwrap();
    fs::write(dir.path().join("loose.html"), page(20)).unwrap();
    dir
}

/// Run deboil in `dir` and return its standard output; it must exit with `code`.
fn run_in(dir: &Path, args: &[&str], code: i32) -> Vec<u8> {
    let output = deboil_in(dir, args);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {output:?}");
    output.stdout
}

/// Records keyed by id, each a canonical JSON text.
fn by_id(records: &[Value]) -> Vec<(String, String)> {
    let mut keyed: Vec<(String, String)> = records
        .iter()
        .map(|r| (r["id"].as_str().unwrap().to_string(), r.to_string()))
        .collect();
    keyed.sort();
    keyed
}

#[test]
fn files_from_lists_paths_like_arguments() {
    let dir = site();
    let expected = run_in(dir.path(), &["clean", "site/b", "loose.html"], 0);
    assert_eq!(records(&expected).len(), 4);
    fs::create_dir(dir.path().join("lists")).unwrap();
    let list = "# this crawl\n\nsite/b\r\n   \nloose.html\n";
    fs::write(dir.path().join("lists/list.txt"), list).unwrap();
    let from_file = run_in(dir.path(), &["clean", "--files-from", "lists/list.txt"], 0);
    assert_eq!(
        from_file, expected,
        "paths are relative to the current directory"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .current_dir(dir.path())
        .args(["clean", "--files-from", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    let from_stdin = child.wait_with_output().unwrap();
    assert!(from_stdin.status.success());
    assert_eq!(from_stdin.stdout, expected);
}

#[test]
fn files_from_refuses_misuse() {
    let dir = site();
    fs::write(dir.path().join("list"), "loose.html\n").unwrap();
    run_in(
        dir.path(),
        &["clean", "--files-from", "list", "loose.html"],
        2,
    );
    run_in(dir.path(), &["clean", "--files-from", "missing-list"], 2);
    fs::write(dir.path().join("dash"), "loose.html\n-\n").unwrap();
    run_in(dir.path(), &["clean", "--files-from", "dash"], 2);
    fs::write(dir.path().join("empty"), "# nothing yet\n\n").unwrap();
    let out = run_in(dir.path(), &["clean", "--files-from", "empty"], 1);
    assert!(
        out.is_empty(),
        "an empty list never falls back to standard input"
    );
    let listed = run_in(
        dir.path(),
        &["clean", "-q", "--files-from", "list", "--shard", "0/1"],
        0,
    );
    assert_eq!(records(&listed).len(), 1);
    fs::write(dir.path().join("gone"), "no-such-file.html\n").unwrap();
    let gone = run_in(dir.path(), &["clean", "-q", "--files-from", "gone"], 1);
    assert!(records(&gone)[0]["error"].is_object());
}

#[test]
fn shard_values_must_be_i_over_n_with_i_below_n() {
    let dir = site();
    for bad in ["1", "2/2", "0/0", "x/3", "1/-3"] {
        run_in(dir.path(), &["clean", "site", "--shard", bad], 2);
    }
}

#[test]
fn shards_are_disjoint_and_together_are_the_whole_run() {
    let dir = site();
    let whole = run_in(dir.path(), &["clean", "-q", "site", "loose.html"], 0);
    let whole = records(&whole);
    assert_eq!(whole.len(), 8);
    let one = run_in(
        dir.path(),
        &["clean", "-q", "site", "loose.html", "--shard", "0/1"],
        0,
    );
    assert_eq!(
        records(&one),
        whole,
        "one shard is the whole run, in the same order"
    );
    for count in [2, 3, 5, 11] {
        let mut union = Vec::new();
        for index in 0..count {
            let shard = format!("{index}/{count}");
            let args = ["clean", "-q", "site", "loose.html", "--shard", &shard];
            let part = records(&run_in(dir.path(), &args, 0));
            assert!(
                part.len() <= whole.len().div_ceil(count),
                "{shard}: {}",
                part.len()
            );
            union.extend(part);
        }
        assert_eq!(by_id(&union), by_id(&whole), "{count} shards");
    }
}

#[test]
fn shard_summaries_count_the_shard_only() {
    let dir = site();
    let mut inputs = 0;
    for index in 0..3 {
        let stats = dir.path().join(format!("stats-{index}.json"));
        let shard = format!("{index}/3");
        let args = ["clean", "-q", "site", "--shard", &shard, "--stats-json"];
        let out = run_in(
            dir.path(),
            &[&args[..], &[stats.to_str().unwrap()]].concat(),
            0,
        );
        let stats: Value = serde_json::from_slice(&fs::read(&stats).unwrap()).unwrap();
        assert_eq!(stats["inputs"].as_u64(), Some(records(&out).len() as u64));
        inputs += stats["inputs"].as_u64().unwrap();
    }
    assert_eq!(inputs, 7);
}

/// Every file under `dir`, relative, with its content.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let name = path.strip_prefix(dir).unwrap().display().to_string();
                files.push((name, fs::read(&path).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn sharded_out_dir_runs_write_the_files_of_the_whole_run() {
    let dir = site();
    run_in(
        dir.path(),
        &["clean", "-q", "site", "--out-dir", "whole"],
        0,
    );
    let whole = tree(&dir.path().join("whole"));
    assert!(whole
        .iter()
        .any(|(name, _)| name.ends_with("page.html.json")));
    for index in 0..2 {
        let shard = format!("{index}/2");
        let args = [
            "clean",
            "-q",
            "site",
            "--out-dir",
            "parts",
            "--shard",
            &shard,
        ];
        run_in(dir.path(), &args, 0);
    }
    assert_eq!(tree(&dir.path().join("parts")), whole);
}

#[test]
fn an_empty_shard_cleans_nothing_and_succeeds() {
    let dir = site();
    let out = run_in(
        dir.path(),
        &["clean", "-q", "loose.html", "--shard", "1/2"],
        0,
    );
    assert!(out.is_empty());
}
