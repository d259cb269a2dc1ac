//! Output paths keep their kind: `-o`, `--stats-json`, `report -o` and `--out-dir`
//! write a FIFO in place, follow a symbolic link and replace the file it leads to (the
//! link kept), and replace a regular file atomically, leaving no temporary file.
//! Everything happens in temporary directories; no test names a real device.
#![cfg(unix)]

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{symlink, FileTypeExt};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::thread::JoinHandle;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;

const STORY: &str = "A headline for the story\n\n\
The first paragraph of the story, long enough to read as prose and to be kept.\n\
2 min read\n\n\
The second paragraph carries on with the story in the same plain way.\n";

/// Longest a run may take, so a run stuck on a FIFO fails instead of hanging.
const TIMEOUT: Duration = Duration::from_secs(120);

/// Run `deboil ARGS` in `dir`.
fn deboil(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("deboil")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .unwrap()
}

/// A temporary directory holding `story.txt`.
fn with_story() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.txt"), STORY).unwrap();
    dir
}

/// Make a FIFO at `path`.
fn mkfifo(path: &Path) {
    let name = CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

/// A thread reading `fifo` to its end. Tests check that the FIFO is still one before
/// joining it: were it replaced, the thread would wait for a writer forever (and end
/// with the test process).
fn read_in_background(fifo: &Path) -> JoinHandle<Vec<u8>> {
    let fifo = fifo.to_path_buf();
    std::thread::spawn(move || fs::read(fifo).unwrap())
}

/// Whether `path` itself is a FIFO / a symbolic link.
fn is_fifo(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_fifo()
}
fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The one JSON Lines record in `bytes`.
fn one_record(bytes: &[u8]) -> Value {
    let text = std::str::from_utf8(bytes).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1, "{text}");
    serde_json::from_str(lines[0]).unwrap()
}

/// A symbolic link `dir/link` to `dir/real/<name>` holding "old"; returns the target.
fn link_to_old_file(dir: &Path, name: &str) -> PathBuf {
    fs::create_dir(dir.join("real")).unwrap();
    let real = dir.join("real").join(name);
    fs::write(&real, "old").unwrap();
    symlink(format!("real/{name}"), dir.join("link")).unwrap();
    real
}

#[test]
fn output_onto_a_fifo_writes_through_it() {
    let dir = with_story();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = read_in_background(&fifo);
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "pipe"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_fifo(&fifo));
    let record = one_record(&reader.join().unwrap());
    assert_eq!(record["title"], "A headline for the story");
    assert_eq!(names(dir.path()), ["pipe", "story.txt"]);
}

#[test]
fn output_onto_a_link_replaces_its_target_and_keeps_the_link() {
    let dir = with_story();
    let real = link_to_old_file(dir.path(), "out.jsonl");
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "link"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_link(&dir.path().join("link")));
    let record = one_record(&fs::read(&real).unwrap());
    assert_eq!(record["title"], "A headline for the story");
    assert_eq!(names(&dir.path().join("real")), ["out.jsonl"]);
}

#[test]
fn output_onto_a_dangling_link_creates_the_file_it_names() {
    let dir = with_story();
    fs::create_dir(dir.path().join("real")).unwrap();
    symlink("real/new.jsonl", dir.path().join("link")).unwrap();
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "link"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_link(&dir.path().join("link")));
    one_record(&fs::read(dir.path().join("real/new.jsonl")).unwrap());
}

#[test]
fn output_onto_a_link_loop_fails_cleanly() {
    let dir = with_story();
    symlink("b", dir.path().join("a")).unwrap();
    symlink("a", dir.path().join("b")).unwrap();
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "a"]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("symbolic links"), "{stderr}");
    assert_eq!(names(dir.path()), ["a", "b", "story.txt"]);
}

#[test]
fn output_over_a_regular_file_is_replaced_whole() {
    let dir = with_story();
    fs::write(dir.path().join("out.jsonl"), "old contents\n".repeat(100)).unwrap();
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "out.jsonl"]);
    assert!(output.status.success(), "{output:?}");
    one_record(&fs::read(dir.path().join("out.jsonl")).unwrap());
    assert_eq!(names(dir.path()), ["out.jsonl", "story.txt"]);
}

#[test]
fn a_link_to_an_input_is_refused_as_output() {
    let dir = with_story();
    symlink("story.txt", dir.path().join("link")).unwrap();
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "link"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        STORY
    );
    let output = deboil(dir.path(), &["report", "story.txt", "-o", "link"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        STORY
    );
}

#[test]
fn output_dash_is_standard_output() {
    let dir = with_story();
    let output = deboil(dir.path(), &["clean", "story.txt", "-o", "-"]);
    assert!(output.status.success(), "{output:?}");
    one_record(&output.stdout);
    assert_eq!(names(dir.path()), ["story.txt"]);
}

#[test]
fn stats_json_follows_a_link() {
    let dir = with_story();
    let real = link_to_old_file(dir.path(), "stats.json");
    let output = deboil(
        dir.path(),
        &["clean", "story.txt", "--stats-json", "link", "-q"],
    );
    assert!(output.status.success(), "{output:?}");
    assert!(is_link(&dir.path().join("link")));
    let stats: Value = serde_json::from_slice(&fs::read(&real).unwrap()).unwrap();
    assert_eq!(stats["inputs"], 1, "{stats}");
    assert_eq!(names(&dir.path().join("real")), ["stats.json"]);
}

#[test]
fn stats_json_onto_a_fifo_writes_through_it() {
    let dir = with_story();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = read_in_background(&fifo);
    let output = deboil(
        dir.path(),
        &["clean", "story.txt", "--stats-json", "pipe", "-q"],
    );
    assert!(output.status.success(), "{output:?}");
    one_record(&output.stdout);
    assert!(is_fifo(&fifo));
    let stats: Value = serde_json::from_slice(&reader.join().unwrap()).unwrap();
    assert_eq!(stats["inputs"], 1, "{stats}");
    assert_eq!(names(dir.path()), ["pipe", "story.txt"]);
}

#[test]
fn report_onto_a_link_replaces_its_target() {
    let dir = with_story();
    let real = link_to_old_file(dir.path(), "report.html");
    let output = deboil(dir.path(), &["report", "story.txt", "-o", "link"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_link(&dir.path().join("link")));
    let html = fs::read_to_string(&real).unwrap();
    assert!(html.contains("A headline for the story"), "{html}");
    assert_eq!(names(&dir.path().join("real")), ["report.html"]);
}

#[test]
fn report_onto_a_fifo_writes_through_it() {
    let dir = with_story();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = read_in_background(&fifo);
    let output = deboil(dir.path(), &["report", "story.txt", "-o", "pipe"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_fifo(&fifo));
    let html = String::from_utf8(reader.join().unwrap()).unwrap();
    assert!(html.trim_end().ends_with("</html>"), "{html}");
}

#[test]
fn out_dir_follows_an_existing_output_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/story.txt"), STORY).unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    fs::create_dir(dir.path().join("kept")).unwrap();
    fs::write(dir.path().join("kept/story.json"), "old").unwrap();
    symlink("../kept/story.json", dir.path().join("out/story.json")).unwrap();
    let output = deboil(dir.path(), &["clean", "in", "--out-dir", "out", "-q"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_link(&dir.path().join("out/story.json")));
    let record: Value =
        serde_json::from_slice(&fs::read(dir.path().join("kept/story.json")).unwrap()).unwrap();
    assert_eq!(record["title"], "A headline for the story");
    assert_eq!(names(&dir.path().join("out")), ["story.json"]);
    assert_eq!(names(&dir.path().join("kept")), ["story.json"]);
}

#[test]
fn out_dir_leaves_a_fifo_of_the_other_kind_in_place() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/story.txt"), STORY).unwrap();
    fs::create_dir(dir.path().join("out")).unwrap();
    let fifo = dir.path().join("out/story.error.json");
    mkfifo(&fifo);
    let output = deboil(dir.path(), &["clean", "in", "--out-dir", "out", "-q"]);
    assert!(output.status.success(), "{output:?}");
    assert!(is_fifo(&fifo));
    assert_eq!(
        names(&dir.path().join("out")),
        ["story.error.json", "story.json"]
    );
}
