//! Accounting of a batch with `--out-dir`: every input gives exactly one output (a
//! record or an error record), the summary's counts match the outputs, and
//! `--resume` writes only what is missing.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const STORY: &str = "A headline for the story\n\n\
The first paragraph of the story, long enough to read as prose and to be kept.\n\
2 min read\n\n\
The second paragraph carries on with the story in the same plain way.\n";

const PAGE: &str = "<html><head><title>A page</title></head><body><nav><a href='/'>Home</a></nav>\
<article><h1>A page</h1><p>The body text of the page, long enough to read as prose.</p></article></body></html>";

/// The modification time given to every output before a resumed run, so a rewrite
/// shows whatever the file system's timestamp resolution.
const OLD: Duration = Duration::from_secs(1_000_000);

/// What one output file must hold: a record, or an error record of this kind.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expected {
    Record,
    Error(&'static str),
}

fn write(root: &Path, name: &str, bytes: &[u8]) {
    let path = root.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The mixed corpus under `root/corpus`; returns each input's id and expected output
/// (relative to the output directory). Hidden, excluded and non-picked files are
/// there too, and must give nothing.
fn build_corpus(root: &Path) -> Vec<(&'static str, &'static str, Expected)> {
    let corpus = root.join("corpus");
    write(&corpus, "a.txt", STORY.as_bytes());
    write(&corpus, "b.html", PAGE.as_bytes());
    write(&corpus, "sub/deep/c.txt", STORY.as_bytes());
    write(&corpus, "empty.txt", b"");
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend_from_slice(&[0u8; 200]);
    write(&corpus, "photo.html", &png);
    let story = gzip(STORY.repeat(50).as_bytes());
    write(&corpus, "cut.txt.gz", &story[..story.len() / 2]);
    write(&corpus, "bomb.txt.gz", &gzip(&vec![b'a'; 4 << 20]));
    write(&corpus, ".hidden.txt", STORY.as_bytes());
    write(&corpus, "drafts/skip.txt", STORY.as_bytes());
    write(&corpus, "notes.md", STORY.as_bytes());
    std::os::unix::fs::symlink("nowhere.txt", corpus.join("gone.txt")).unwrap();
    std::os::unix::fs::symlink(&corpus, corpus.join("sub/loop")).unwrap();
    vec![
        ("a.txt", "a.json", Expected::Record),
        ("b.html", "b.json", Expected::Record),
        (
            "bomb.txt.gz",
            "bomb.error.json",
            Expected::Error("too_large"),
        ),
        ("cut.txt.gz", "cut.error.json", Expected::Error("gzip")),
        ("empty.txt", "empty.json", Expected::Record),
        ("gone.txt", "gone.error.json", Expected::Error("io")),
        ("photo.html", "photo.error.json", Expected::Error("binary")),
        ("sub/deep/c.txt", "sub/deep/c.json", Expected::Record),
        ("sub/loop", "sub/loop.error.json", Expected::Error("io")),
    ]
}

/// Run `deboil clean corpus --out-dir out ...` in `root`; returns the exit code, the
/// stats JSON and standard error.
fn run_batch(root: &Path, extra: &[&str]) -> (i32, Value, String) {
    let output = Command::cargo_bin("deboil")
        .unwrap()
        .current_dir(root)
        .args([
            "clean",
            "corpus",
            "--out-dir",
            "out",
            "--stats-json",
            "stats.json",
        ])
        .args([
            "--max-bytes",
            "64K",
            "--exclude",
            "drafts",
            "--follow-links",
        ])
        .args(["--format", "jsonl", "-j", "3"])
        .args(extra)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(output.stdout.is_empty(), "records go to files only");
    let stats = serde_json::from_slice(&fs::read(root.join("stats.json")).unwrap()).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), stats, stderr)
}

/// Every file under `dir`, relative, with its contents.
fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(dir).unwrap();
            files.insert(
                relative.display().to_string(),
                fs::read(entry.path()).unwrap(),
            );
        }
    }
    files
}

fn mtime(path: &Path) -> SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

/// Set every output's modification time to [`OLD`].
fn age_outputs(out: &Path) {
    for name in files_under(out).keys() {
        let file = fs::File::options()
            .write(true)
            .open(out.join(name))
            .unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + OLD).unwrap();
    }
}

/// The outputs whose modification time is no longer [`OLD`].
fn rewritten(out: &Path) -> Vec<String> {
    files_under(out)
        .keys()
        .filter(|name| mtime(&out.join(name)) != SystemTime::UNIX_EPOCH + OLD)
        .cloned()
        .collect()
}

fn counts(stats: &Value) -> (u64, u64, u64, u64) {
    let get = |key: &str| stats[key].as_u64().unwrap();
    (get("inputs"), get("cleaned"), get("errors"), get("skipped"))
}

/// Check that the output directory holds exactly one output per input, of the
/// expected kind and for the right id, and that the stats add up.
fn check_outputs(out: &Path, expected: &[(&str, &str, Expected)], stats: &Value) {
    let outputs = files_under(out);
    let names: Vec<&str> = outputs.keys().map(String::as_str).collect();
    let mut wanted: Vec<&str> = expected.iter().map(|e| e.1).collect();
    wanted.sort_unstable();
    assert_eq!(
        names, wanted,
        "exactly one output per input, no temporary files"
    );
    let mut input_bytes = 0;
    let mut error_kinds: BTreeMap<String, u64> = BTreeMap::new();
    for (id, name, kind) in expected {
        let record: Value = serde_json::from_slice(&outputs[*name]).unwrap();
        assert_eq!(record["id"], *id, "{name}: {record}");
        match kind {
            Expected::Record => {
                assert!(record["error"].is_null(), "{name}: {record}");
                input_bytes += record["stats"]["input_bytes"].as_u64().unwrap();
            }
            Expected::Error(kind) => {
                assert_eq!(record["error"]["kind"], *kind, "{name}: {record}");
                *error_kinds.entry(kind.to_string()).or_default() += 1;
            }
        }
    }
    let records = expected.iter().filter(|e| e.2 == Expected::Record).count() as u64;
    let total = expected.len() as u64;
    assert_eq!(
        counts(stats),
        (total, records, total - records, 0),
        "{stats}"
    );
    assert_eq!(stats["input_bytes"], input_bytes, "{stats}");
    assert_eq!(
        stats["error_kinds"],
        serde_json::to_value(&error_kinds).unwrap()
    );
    assert!(
        stats["reasons"]["reading_time"].as_u64().unwrap() >= 2,
        "{stats}"
    );
    let share = stats["removed_share"].as_f64().unwrap();
    assert!(share > 0.0 && share < 1.0, "{stats}");
}

#[test]
fn every_input_gives_one_output_and_resume_writes_only_what_is_missing() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    let expected = build_corpus(root);
    let before = files_under(&root.join("corpus"));
    let out = root.join("out");

    let (code, stats, stderr) = run_batch(root, &[]);
    assert_eq!(code, 1, "failed inputs make the exit status 1: {stderr}");
    check_outputs(&out, &expected, &stats);
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("deboil: 4 cleaned, 5 errors, 0 skipped"),
        "{stderr}"
    );
    assert!(summary.contains("errors: io 2"), "{summary}");
    assert_eq!(
        files_under(&root.join("corpus")),
        before,
        "inputs are never modified"
    );

    age_outputs(&out);
    let (code, stats, stderr) = run_batch(root, &[]);
    assert_eq!(code, 1, "without --resume every input is cleaned again");
    assert_eq!(rewritten(&out).len(), expected.len(), "{stderr}");

    age_outputs(&out);
    let (code, stats_resumed, stderr) = run_batch(root, &["--resume"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(counts(&stats_resumed), (9, 0, 0, 9), "{stats_resumed}");
    assert_eq!(stderr, "deboil: 0 cleaned, 0 errors, 9 skipped, 0.0 MB read, 0.0 documents/s, 0.0% of text removed\n");
    assert!(rewritten(&out).is_empty(), "nothing is written again");
    check_outputs(&out, &expected, &stats);

    fs::remove_file(out.join("a.json")).unwrap();
    fs::remove_file(out.join("photo.error.json")).unwrap();
    let (code, stats, stderr) = run_batch(root, &["--skip-existing", "--quiet"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stderr.lines().count(),
        1,
        "only the binary file's message: {stderr}"
    );
    assert_eq!(counts(&stats), (9, 1, 1, 7), "{stats}");
    assert_eq!(stats["error_kinds"]["binary"], 1);
    assert_eq!(rewritten(&out), ["a.json", "photo.error.json"]);
    assert_eq!(files_under(&out).len(), expected.len());
    assert_eq!(
        files_under(&root.join("corpus")),
        before,
        "inputs are never modified"
    );
}

#[test]
fn several_directories_are_mirrored_under_their_names_in_every_format() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "one/a.txt", STORY.as_bytes());
    write(root, "two/a.txt", STORY.as_bytes());
    write(root, "two/a.html", PAGE.as_bytes());
    for (format, extension) in [("text", "txt"), ("markdown", "md"), ("json", "json")] {
        let out = PathBuf::from(format!("out-{format}"));
        Command::cargo_bin("deboil")
            .unwrap()
            .current_dir(root)
            .args([
                "clean",
                "one",
                "two",
                "--quiet",
                "--format",
                format,
                "--out-dir",
            ])
            .arg(&out)
            .assert()
            .success()
            .stdout("")
            .stderr("");
        let names: Vec<String> = files_under(&root.join(&out)).into_keys().collect();
        let wanted = [
            format!("one/a.{extension}"),
            format!("two/a.html.{extension}"),
            format!("two/a.txt.{extension}"),
        ];
        assert_eq!(names, wanted);
    }
    let markdown = fs::read_to_string(root.join("out-markdown/one/a.md")).unwrap();
    assert!(
        markdown.starts_with("# A headline for the story\n"),
        "{markdown}"
    );
    let json: Value =
        serde_json::from_slice(&fs::read(root.join("out-json/one/a.json")).unwrap()).unwrap();
    assert_eq!(json["id"], "a.txt");
}
