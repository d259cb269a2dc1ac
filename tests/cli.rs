//! End-to-end tests of `deboil clean`.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use tempfile::TempDir;

const STORY: &str = "A headline for the story\n\n\
The first paragraph of the story, long enough to read as prose and to be kept.\n\
2 min read\n\n\
The second paragraph carries on with the story in the same plain way.\n";

/// Longest a `deboil clean` run may take before it is killed (and the test fails),
/// so an input that blocks (a FIFO) fails the test instead of hanging it.
const TIMEOUT: Duration = Duration::from_secs(120);

fn deboil() -> Command {
    Command::cargo_bin("deboil").unwrap()
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Run `deboil clean ARGS` in `dir`; returns the exit code, the JSON Lines records and stderr.
/// A run killed by [`TIMEOUT`] has no exit code and fails the test.
fn clean_in(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let output = deboil()
        .current_dir(dir)
        .arg("clean")
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let records = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is one JSON record"))
        .collect();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), records, stderr)
}

/// The one record for a single file holding `bytes`, with the exit code.
fn single(name: &str, bytes: &[u8]) -> (i32, Value) {
    let dir = TempDir::new().unwrap();
    write(dir.path(), name, bytes);
    let (code, mut records, _) = clean_in(dir.path(), &[name]);
    assert_eq!(records.len(), 1, "{records:?}");
    (code, records.remove(0))
}

#[test]
fn help_documents_every_flag() {
    let assert = deboil().args(["clean", "--help"]).assert().success();
    let help = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
    for flag in [
        "--output",
        "--input",
        "--format",
        "--explain",
        "--no-explain",
        "--max-bytes",
        "--threads",
        "--out-dir",
        "--resume",
        "--skip-existing",
        "--include",
        "--exclude",
        "--hidden",
        "--follow-links",
        "--quiet",
        "--stats-json",
        "removed_share",
        "form feed",
        "Exit status",
    ] {
        assert!(help.contains(flag), "missing {flag} in:\n{help}");
    }
    deboil()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("clean"));
}

#[test]
fn bad_flags_are_usage_errors() {
    deboil().args(["clean", "--bogus"]).assert().code(2);
    deboil()
        .args(["clean", "--format", "yaml"])
        .assert()
        .code(2);
    deboil()
        .args(["clean", "--max-bytes", "lots"])
        .assert()
        .code(2);
    deboil()
        .args(["clean", "--include", "a[", "."])
        .assert()
        .code(2);
}

#[test]
fn resume_without_out_dir_and_out_dir_with_output_are_usage_errors() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "in/a.txt", STORY.as_bytes());
    for args in [
        &["clean", "in", "--resume"][..],
        &["clean", "in", "--skip-existing"][..],
        &["clean", "in", "--out-dir", "out", "-o", "x.jsonl"][..],
    ] {
        deboil().current_dir(dir.path()).args(args).assert().code(2);
    }
    for out in ["in", "in/sub"] {
        deboil()
            .current_dir(dir.path())
            .args(["clean", "in", "--out-dir", out])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("may not be, hold, or lie inside"));
    }
    deboil()
        .current_dir(dir.path())
        .args(["clean", "--out-dir", "out"])
        .write_stdin(STORY)
        .assert()
        .code(2);
    let names: Vec<_> = fs::read_dir(dir.path().join("in")).unwrap().collect();
    assert_eq!(names.len(), 1, "the input directory is untouched");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn single_file_runs_print_no_summary() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    let (code, _, stderr) = clean_in(dir.path(), &["a.txt"]);
    assert_eq!(code, 0);
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn good_files_exit_zero_with_ids_and_sources() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    write(dir.path(), "notes.md", STORY.as_bytes());
    let (code, records, stderr) = clean_in(dir.path(), &["a.txt", "./notes.md"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["id"], "a.txt");
    assert_eq!(records[0]["source"], "a.txt");
    assert_eq!(records[1]["id"], "./notes.md");
    assert_eq!(records[0]["title"], "A headline for the story");
    assert!(records[0]["text"]
        .as_str()
        .unwrap()
        .contains("second paragraph"));
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn missing_file_among_good_ones_exits_one_and_the_batch_goes_on() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    write(dir.path(), "c.txt", STORY.as_bytes());
    let (code, records, stderr) = clean_in(dir.path(), &["a.txt", "missing.txt", "c.txt"]);
    assert_eq!(code, 1);
    assert_eq!(records.len(), 3);
    assert_eq!(records[1]["id"], "missing.txt");
    assert_eq!(records[1]["error"]["kind"], "io");
    assert!(records[0]["error"].is_null() && records[2]["error"].is_null());
    assert!(stderr.starts_with("deboil: missing.txt: "), "{stderr}");
}

#[test]
fn stdin_is_read_without_paths_and_with_dash() {
    for args in [&["clean"][..], &["clean", "-"][..]] {
        let assert = deboil().args(args).write_stdin(STORY).assert().success();
        let line = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        let record: Value = serde_json::from_str(line.trim_end()).unwrap();
        assert_eq!(record["id"], "stdin");
        assert_eq!(record["source"], "-");
        assert_eq!(record["title"], "A headline for the story");
    }
}

#[test]
fn output_file_receives_the_records() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    deboil()
        .current_dir(dir.path())
        .args(["clean", "a.txt", "-o", "out.jsonl"])
        .assert()
        .success()
        .stdout("");
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    let record: Value = serde_json::from_str(written.trim_end()).unwrap();
    assert_eq!(record["id"], "a.txt");
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "no temporary file is left behind");
}

#[test]
fn output_over_an_input_is_refused() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    deboil()
        .current_dir(dir.path())
        .args(["clean", ".", "--output", "./a.txt"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("refusing"));
    assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), STORY);
}

#[test]
fn directory_walk_gives_relative_ids_in_sorted_order() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(
        root,
        "corpus/b/two.html",
        b"<html><body><h1>Two</h1><p>Body text of the page.</p></body></html>",
    );
    write(root, "corpus/a.txt", STORY.as_bytes());
    write(root, "corpus/c.txt.gz", &gzip(STORY.as_bytes()));
    write(root, "corpus/skip.json", b"{}");
    write(root, "corpus/.hidden.txt", STORY.as_bytes());
    write(root, "corpus/.git/d.txt", STORY.as_bytes());
    let (code, records, stderr) = clean_in(root, &["corpus"]);
    assert_eq!(code, 0, "{stderr}");
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "b/two.html", "c.txt.gz"]);
    let sources: Vec<&str> = records
        .iter()
        .map(|r| r["source"].as_str().unwrap())
        .collect();
    assert_eq!(
        sources,
        ["corpus/a.txt", "corpus/b/two.html", "corpus/c.txt.gz"]
    );
    assert_eq!(records[1]["input"], "html");
    assert_eq!(records[2]["title"], "A headline for the story");
}

#[test]
fn output_order_does_not_depend_on_threads() {
    let dir = TempDir::new().unwrap();
    for i in 0..40 {
        write(
            dir.path(),
            &format!("d/{i:03}.txt"),
            format!("Story {i}\n\n{STORY}").as_bytes(),
        );
    }
    let one = deboil()
        .current_dir(dir.path())
        .args(["clean", "d", "-j", "1"])
        .output()
        .unwrap();
    let many = deboil()
        .current_dir(dir.path())
        .args(["clean", "d", "-j", "8"])
        .output()
        .unwrap();
    assert!(one.status.success());
    assert_eq!(one.stdout, many.stdout);
    assert_eq!(String::from_utf8(one.stdout).unwrap().lines().count(), 40);
}

#[test]
fn json_format_is_one_valid_array() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    let assert = deboil()
        .current_dir(dir.path())
        .args(["clean", "--format", "json", "a.txt", "missing.txt"])
        .assert()
        .code(1);
    let array: Vec<Value> = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(array.len(), 2);
    assert_eq!(array[1]["error"]["kind"], "io");
}

#[test]
fn text_and_markdown_formats_render_records() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    write(dir.path(), "b.txt", STORY.as_bytes());
    let text = deboil()
        .current_dir(dir.path())
        .args(["clean", "--format", "text", "a.txt", "b.txt"])
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.starts_with("A headline for the story\n\n"), "{text}");
    assert_eq!(text.matches("\n\x0c\n").count(), 1, "{text:?}");
    let markdown = deboil()
        .current_dir(dir.path())
        .args(["clean", "--format", "markdown", "a.txt"])
        .output()
        .unwrap();
    let markdown = String::from_utf8(markdown.stdout).unwrap();
    assert!(
        markdown.starts_with("# A headline for the story\n\n"),
        "{markdown}"
    );
}

#[test]
fn explain_is_on_by_default_and_can_be_turned_off() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    let (_, explained, _) = clean_in(dir.path(), &["a.txt"]);
    assert!(!explained[0]["removed"].as_array().unwrap().is_empty());
    let (_, quiet, _) = clean_in(dir.path(), &["a.txt", "--no-explain"]);
    assert_eq!(quiet[0]["removed"], Value::Array(vec![]));
    let (_, last_wins, _) = clean_in(dir.path(), &["a.txt", "--no-explain", "--explain"]);
    assert!(!last_wins[0]["removed"].as_array().unwrap().is_empty());
}

#[test]
fn forced_input_mode_is_respected() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "a.txt", STORY.as_bytes());
    let (_, records, _) = clean_in(dir.path(), &["a.txt", "--input", "html"]);
    assert_eq!(records[0]["input"], "html");
}

#[test]
fn empty_and_blank_files_give_normal_records() {
    for content in ["", "  \n\t\n \u{a0}\n"] {
        let (code, record) = single("empty.txt", content.as_bytes());
        assert_eq!(code, 0, "{record}");
        assert!(record["error"].is_null());
        assert_eq!(record["text"], "");
        assert_eq!(record["id"], "empty.txt");
    }
}

#[test]
fn png_named_html_is_a_binary_error() {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend_from_slice(&[0u8; 200]);
    let (code, record) = single("photo.html", &png);
    assert_eq!(code, 1);
    assert_eq!(record["error"]["kind"], "binary");
    assert_eq!(record["id"], "photo.html");
}

#[test]
fn stray_nul_bytes_are_stripped_with_a_warning() {
    let mut bytes = STORY.as_bytes().to_vec();
    bytes.insert(10, 0);
    let (code, record) = single("nul.txt", &bytes);
    assert_eq!(code, 0, "{record}");
    assert!(!record["text"].as_str().unwrap().contains('\0'));
    let warnings = record["warnings"].to_string();
    assert!(warnings.contains("NUL"), "{record}");
}

#[test]
fn invalid_utf8_gives_a_record_with_a_warning() {
    let mut bytes = "Überschrift für die Geschichte\n\nDer erste Absatz ist lang genug, um als Fließtext zu gelten. "
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b"\xff\xfe broken \xc3 bytes.\n");
    let (code, record) = single("bad.txt", &bytes);
    assert_eq!(code, 0, "{record}");
    assert!(
        record["warnings"].to_string().contains("invalid UTF-8"),
        "{record}"
    );
}

#[test]
fn ten_megabyte_single_line_gives_a_record() {
    let line = "word ".repeat(2 * 1024 * 1024);
    let (code, record) = single("long.txt", line.as_bytes());
    assert_eq!(code, 0);
    assert!(record["error"].is_null());
    assert_eq!(record["stats"]["input_bytes"], 10 * 1024 * 1024);
}

#[test]
fn truncated_gzip_is_a_gzip_error() {
    let data = gzip(STORY.repeat(20).as_bytes());
    let (code, record) = single("cut.txt.gz", &data[..data.len() / 2]);
    assert_eq!(code, 1);
    assert_eq!(record["error"]["kind"], "gzip");
}

#[test]
fn inputs_over_max_bytes_are_too_large() {
    let (code, record) = {
        let dir = TempDir::new().unwrap();
        write(dir.path(), "a.txt", STORY.as_bytes());
        let (code, mut records, _) = clean_in(dir.path(), &["--max-bytes", "100", "a.txt"]);
        (code, records.remove(0))
    };
    assert_eq!(code, 1);
    assert_eq!(record["error"]["kind"], "too_large");
}

#[test]
fn directory_without_picked_files_is_a_failed_argument() {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "good/a.txt", STORY.as_bytes());
    write(root, "empty/notes.md", STORY.as_bytes());
    write(root, "empty/.hidden.txt", STORY.as_bytes());
    let (code, records, stderr) = clean_in(root, &["good", "empty"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(records.len(), 1, "{records:?}");
    assert_eq!(records[0]["id"], "a.txt");
    assert!(records[0]["error"].is_null());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(
        lines[0],
        "deboil: empty: no .txt/.html/.htm(.gz) files found"
    );
    assert!(
        lines[1].starts_with("deboil: 1 cleaned, 0 errors, 0 skipped"),
        "{stderr}"
    );
    assert_eq!(lines.len(), 2, "{stderr}");
}

#[test]
fn directory_with_picked_files_alone_exits_zero_without_messages() {
    let dir = TempDir::new().unwrap();
    write(dir.path(), "good/a.txt", STORY.as_bytes());
    let (code, records, stderr) = clean_in(dir.path(), &["good", "--quiet"]);
    assert_eq!((code, records.len()), (0, 1));
    assert!(stderr.is_empty(), "{stderr}");
}

/// Run `deboil clean corpus` on a directory holding two good files and `special`, a
/// picked name created by `make`; returns the exit code, records and stderr.
#[cfg(unix)]
fn walk_with_special(make: impl FnOnce(&Path)) -> (i32, Vec<Value>, String) {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    write(root, "corpus/a.txt", STORY.as_bytes());
    write(root, "corpus/c.txt", STORY.as_bytes());
    make(&root.join("corpus/b.txt"));
    clean_in(root, &["corpus"])
}

/// Assert the walk gave the two good records around exactly one `io` error for `b.txt`.
#[cfg(unix)]
fn assert_one_error_for_b(result: (i32, Vec<Value>, String), message: &str) {
    let (code, records, stderr) = result;
    assert_eq!(code, 1, "{stderr}");
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a.txt", "b.txt", "c.txt"]);
    let errors: Vec<&Value> = records.iter().filter(|r| !r["error"].is_null()).collect();
    assert_eq!(errors.len(), 1, "{records:?}");
    assert_eq!(records[1]["error"]["kind"], "io");
    let got = records[1]["error"]["message"].as_str().unwrap();
    assert!(got.starts_with(message), "{got}");
    for good in [&records[0], &records[2]] {
        assert_eq!(good["title"], "A headline for the story");
    }
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.starts_with("deboil: corpus/b.txt: "), "{stderr}");
    let summary = stderr.lines().nth(1).unwrap();
    assert!(
        summary.starts_with("deboil: 2 cleaned, 1 errors, 0 skipped"),
        "{summary}"
    );
    assert!(summary.ends_with("; errors: io 1"), "{summary}");
}

#[cfg(unix)]
#[test]
fn dangling_symlink_in_a_directory_gives_one_error_record() {
    let result = walk_with_special(|path| {
        std::os::unix::fs::symlink("nowhere.txt", path).unwrap();
    });
    assert_one_error_for_b(result, "dangling symbolic link");
}

#[cfg(unix)]
#[test]
fn fifo_in_a_directory_gives_one_error_record_without_blocking() {
    let result = walk_with_special(|path| {
        let status = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(status.success());
    });
    assert_one_error_for_b(result, "not a regular file (FIFO); skipped");
}

#[test]
fn standard_input_named_twice_is_read_once_and_the_second_is_an_error() {
    let output = deboil()
        .args(["clean", "-", "-"])
        .write_stdin("A short note read from standard input.\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["text"], "A short note read from standard input.");
    assert_eq!(lines[1]["error"]["kind"], "io");
}
