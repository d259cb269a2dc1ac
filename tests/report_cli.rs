//! `deboil report` on the command line: failed inputs are in the report, the output
//! never replaces an input, standard output works, nothing is left behind.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

const STORY: &str = "A headline for the story\n\nThe first paragraph of the story, long enough to read as prose in any report.\n2 min read\nThe second paragraph closes the story with one more full sentence of text.\n";

fn deboil(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("deboil runs")
}

/// A folder with one good story, one binary file and one corrupt gzip file.
fn mixed_inputs(dir: &Path) {
    let inputs = dir.join("in");
    fs::create_dir(&inputs).unwrap();
    fs::write(inputs.join("a-story.txt"), STORY).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend_from_slice(&[0u8; 64]);
    fs::write(inputs.join("b-picture.txt"), png).unwrap();
    fs::write(
        inputs.join("c-broken.txt.gz"),
        b"\x1f\x8b\x08\x00not gzip at all",
    )
    .unwrap();
}

#[test]
fn failed_inputs_appear_with_their_error() {
    let dir = tempfile::tempdir().unwrap();
    mixed_inputs(dir.path());
    let output = deboil(&["report", "in", "-o", "report.html"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let html = fs::read_to_string(dir.path().join("report.html")).unwrap();
    assert_eq!(html.matches("<section class=\"doc").count(), 3);
    assert_eq!(html.matches("<section class=\"doc err\"").count(), 2);
    for id in ["a-story.txt", "b-picture.txt", "c-broken.txt.gz"] {
        assert!(html.contains(id), "{id} missing");
    }
    for kind in ["error: binary", "error: gzip"] {
        assert!(html.contains(kind), "{kind} missing");
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("b-picture.txt") && stderr.contains("(2 errors)"),
        "{stderr}"
    );
    let left: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "only in/ and report.html: {left:?}");
}

#[test]
fn the_report_never_replaces_an_input() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.txt"), STORY).unwrap();
    let output = deboil(&["report", "story.txt", "-o", "story.txt"], dir.path());
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert_eq!(
        fs::read_to_string(dir.path().join("story.txt")).unwrap(),
        STORY
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("refusing"));
}

#[test]
fn a_report_goes_to_standard_output_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("story.txt"), STORY).unwrap();
    let output = deboil(&["report", "story.txt", "-o", "-", "-q"], dir.path());
    assert!(output.status.success(), "{output:?}");
    let html = String::from_utf8(output.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("<b>reading_time</b><del>2 min read</del>"));
    assert!(
        !html.contains("id=\"contents\""),
        "no contents for one document"
    );
    assert!(output.stderr.is_empty());
}

#[test]
fn the_output_is_required() {
    let dir = tempfile::tempdir().unwrap();
    let output = deboil(&["report", "."], dir.path());
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}
