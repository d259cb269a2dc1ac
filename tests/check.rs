//! `deboil check`: the project's own fixtures match their expected records, and the
//! command's behaviour on a scratch fixtures directory (diffs, new fixtures, orphans,
//! `--bless`).

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

const STORY: &str = "A headline for the story\n\n\
The first paragraph of the story, long enough to read as prose and to be kept.\n\
2 min read\n\n\
The second paragraph carries on with the story in the same plain way.\n\n\
A third paragraph follows, and it too is long enough to stay in the body.\n\n\
The fourth and last paragraph closes the story with one more sentence.\n\n\
Share this article\n";

const OTHER: &str = "Another headline entirely\n\n\
A different story begins here, with a paragraph that reads like ordinary prose.\n\n\
It ends with a second paragraph, also long enough to be kept as body text.\n";

/// Run `deboil check ARGS` in `dir`: exit code and standard output.
fn check_in(dir: &Path, args: &[&str]) -> (i32, String) {
    let output = Command::cargo_bin("deboil")
        .unwrap()
        .current_dir(dir)
        .arg("check")
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let code = output.status.code().expect("an exit code");
    (code, stdout)
}

/// A fixtures directory `fx` holding `a.txt` and `b.txt`, blessed.
fn blessed_dir() -> TempDir {
    let dir = TempDir::new().unwrap();
    let fx = dir.path().join("fx");
    fs::create_dir(&fx).unwrap();
    fs::write(fx.join("a.txt"), STORY).unwrap();
    fs::write(fx.join("b.txt"), OTHER).unwrap();
    let (code, _) = check_in(dir.path(), &["--bless", "fx"]);
    assert_eq!(code, 0);
    dir
}

fn expected_path(dir: &TempDir, name: &str) -> PathBuf {
    dir.path().join("fx").join(format!("{name}.expected.json"))
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

fn write_json(path: &Path, value: &Value) {
    fs::write(path, serde_json::to_string_pretty(value).unwrap()).unwrap();
}

#[test]
fn project_fixtures_match_their_expected_records() {
    let (code, stdout) = check_in(Path::new("."), &["fixtures"]);
    assert_eq!(
        code, 0,
        "fixtures differ from their expected records (after a deliberate change, run \
         `deboil check --bless fixtures` and review `git diff`):\n{stdout}"
    );
    assert!(stdout.contains(" 0 differ, 0 new, 0 orphaned"), "{stdout}");
}

#[test]
fn matching_fixtures_pass_and_volatile_fields_are_not_stored() {
    let dir = blessed_dir();
    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("2 fixtures, 2 match"), "{stdout}");
    let text = fs::read_to_string(expected_path(&dir, "a.txt")).unwrap();
    assert!(text.ends_with("}\n"));
    let record: Value = serde_json::from_str(&text).unwrap();
    assert!(record.get("source").is_none() && record.get("id").is_none());
    assert!(record["text"].as_str().unwrap().contains("third paragraph"));
    // Run from inside the directory (another `id` and `source`): still a match.
    let (code, stdout) = check_in(&dir.path().join("fx"), &["."]);
    assert_eq!(code, 0, "{stdout}");
}

#[test]
fn an_edited_expected_text_shows_as_a_line_diff() {
    let dir = blessed_dir();
    let path = expected_path(&dir, "a.txt");
    let mut record = read_json(&path);
    let text = record["text"].as_str().unwrap().to_string();
    let first = text.lines().next().unwrap().to_string();
    let edited = format!("{first} (an older wording)");
    record["text"] = Value::String(text.replacen(&first, &edited, 1));
    write_json(&path, &record);
    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("differs: fx/a.txt"), "{stdout}");
    assert!(
        stdout.contains(&format!("\n-{edited}\n+{first}\n")),
        "{stdout}"
    );
    assert!(stdout.contains("1 match, 1 differs, 0 new"), "{stdout}");
}

#[test]
fn a_changed_removal_shows_its_reason_and_metadata_shows_old_and_new() {
    let dir = blessed_dir();
    let path = expected_path(&dir, "a.txt");
    let mut record = read_json(&path);
    let removal = record["removed"][0].clone();
    let reason = removal["reason"].as_str().unwrap().to_string();
    let piece = removal["text"].as_str().unwrap().to_string();
    let other = if reason == "paywall" {
        "cookie"
    } else {
        "paywall"
    };
    record["removed"][0]["reason"] = Value::from(other);
    let title = record["title"].as_str().unwrap().to_string();
    record["title"] = Value::from("An older headline");
    write_json(&path, &record);
    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains(&format!("\n-{other}: {piece}\n+{reason}: {piece}\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("title: \"An older headline\" -> \"{title}\"\n")),
        "{stdout}"
    );
    assert!(
        !stdout.contains("--- text"),
        "the text did not change:\n{stdout}"
    );
}

#[test]
fn a_record_differing_only_in_its_blocks_shows_every_difference() {
    let dir = blessed_dir();
    let path = expected_path(&dir, "a.txt");
    let mut record = read_json(&path);
    let line = record["blocks"][1]["line"].clone();
    record["blocks"][1]["line"] = Value::from(999);
    record["blocks"][1]["level"] = Value::from(4);
    record["blocks"][2]["text"] = Value::from("A paragraph that is in no clean text.");
    write_json(&path, &record);
    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("differs: "), "{stdout}");
    assert!(
        stdout.contains(&format!("blocks[1].line: 999 -> {line}\n")),
        "{stdout}"
    );
    assert!(
        stdout.contains("blocks[1].level: 4 -> (none)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("-paragraph: A paragraph that is in no clean text.\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("--- text"), "{stdout}");
}

#[test]
fn a_fixture_without_expected_record_is_new() {
    let dir = blessed_dir();
    fs::write(
        dir.path().join("fx/c.txt"),
        OTHER.replace("different", "third"),
    )
    .unwrap();
    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("new: fx/c.txt\n"), "{stdout}");
    assert!(
        stdout.contains("3 fixtures, 2 match, 0 differ, 1 new"),
        "{stdout}"
    );
    assert!(
        !expected_path(&dir, "c.txt").exists(),
        "check alone writes nothing"
    );
}

#[test]
fn bless_writes_only_new_and_differing_records() {
    let dir = blessed_dir();
    let (a, b, c) = (
        expected_path(&dir, "a.txt"),
        expected_path(&dir, "b.txt"),
        expected_path(&dir, "c.txt"),
    );
    let original_a = fs::read_to_string(&a).unwrap();
    let mut record = read_json(&a);
    record["lang"] = Value::from("xx");
    write_json(&a, &record);
    fs::write(dir.path().join("fx/c.txt"), STORY.replace("story", "tale")).unwrap();
    let b_before = (
        fs::read(&b).unwrap(),
        fs::metadata(&b).unwrap().modified().unwrap(),
    );
    std::thread::sleep(std::time::Duration::from_millis(20));

    let (code, stdout) = check_in(dir.path(), &["--bless", "fx"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("blessed: fx/a.txt.expected.json (updated)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("blessed: fx/c.txt.expected.json (new)"),
        "{stdout}"
    );
    assert!(!stdout.contains("b.txt"), "{stdout}");
    assert_eq!(fs::read_to_string(&a).unwrap(), original_a);
    assert!(c.exists());
    let b_after = (
        fs::read(&b).unwrap(),
        fs::metadata(&b).unwrap().modified().unwrap(),
    );
    assert_eq!(b_before, b_after, "a matching record is not rewritten");
    let leftovers: Vec<_> = fs::read_dir(dir.path().join("fx"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.contains("3 fixtures, 3 match"), "{stdout}");
}

#[test]
fn orphaned_records_fail_the_check_and_bless_removes_them() {
    let dir = blessed_dir();
    fs::remove_file(dir.path().join("fx/b.txt")).unwrap();
    let (code, stdout) = check_in(dir.path(), &["fx"]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stdout.contains("orphan: fx/b.txt.expected.json"),
        "{stdout}"
    );
    assert!(
        stdout.contains("1 fixture, 1 match, 0 differ, 0 new, 1 orphaned"),
        "{stdout}"
    );
    // Out of the globs' scope, an orphan is not reported.
    let (code, stdout) = check_in(dir.path(), &["--include", "a.*", "fx"]);
    assert_eq!(code, 0, "{stdout}");

    let (code, stdout) = check_in(dir.path(), &["--bless", "fx"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("removed: fx/b.txt.expected.json (orphan)"),
        "{stdout}"
    );
    assert!(!expected_path(&dir, "b.txt").exists());
    assert!(expected_path(&dir, "a.txt").exists());
    assert_eq!(check_in(dir.path(), &["fx"]).0, 0);
}

#[test]
fn inputs_sharing_a_stem_and_failed_inputs_get_their_own_records() {
    let dir = TempDir::new().unwrap();
    let fx = dir.path().join("fx");
    fs::create_dir(&fx).unwrap();
    fs::write(fx.join("page.txt"), STORY).unwrap();
    fs::write(
        fx.join("page.html"),
        format!("<html><body><article><h1>A headline</h1><p>{OTHER}</p></article></body></html>"),
    )
    .unwrap();
    fs::write(fx.join("broken.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let (code, stdout) = check_in(dir.path(), &["--bless", "fx"]);
    assert_eq!(code, 0, "{stdout}");
    let html = read_json(&fx.join("page.html.expected.json"));
    let text = read_json(&fx.join("page.txt.expected.json"));
    assert_eq!(
        (html["input"].as_str(), text["input"].as_str()),
        (Some("html"), Some("text"))
    );
    let broken = read_json(&fx.join("broken.txt.expected.json"));
    assert_eq!(broken["error"]["kind"], "binary");
    assert_eq!(check_in(dir.path(), &["fx"]).0, 0);
}

#[test]
fn a_missing_directory_is_a_usage_error_and_an_empty_one_fails() {
    let dir = TempDir::new().unwrap();
    assert_eq!(check_in(dir.path(), &["nowhere"]).0, 2);
    fs::write(dir.path().join("file.txt"), STORY).unwrap();
    assert_eq!(check_in(dir.path(), &["file.txt"]).0, 2);
    assert_eq!(check_in(dir.path(), &[]).0, 2);
    fs::create_dir(dir.path().join("empty")).unwrap();
    let (code, stdout) = check_in(dir.path(), &["empty"]);
    assert_eq!(code, 1, "no fixture found is a failure: {stdout}");
}
