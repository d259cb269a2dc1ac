//! `deboil report` rendered in a real browser: the report of the seeds and of the
//! script fixtures is opened in headless Chromium (driven by playwright-core, see
//! tests/browser/) and the rendered page is checked against the records `deboil clean`
//! writes for the same inputs: every kept block visible and not struck, every removed
//! piece visible, struck through and labelled with its reason code, in input order; the
//! registration wall of the Independent seed shown as removed; no script run, no script
//! element, nothing requested but the report itself.
//!
//! Needs `node`, `/usr/bin/chromium` (or `$CHROMIUM`) and `npm ci` in tests/browser
//! (`.ci/run` installs all three). When one is missing, build.rs marks the test
//! ignored, and `cargo test` prints the reason; under `CI` it runs and fails instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use deboil::Article;
use serde::Deserialize;

#[path = "browser/prerequisites.rs"]
mod prerequisites;

use prerequisites::{is_ci, Prerequisites};

/// What tests/browser/probe.mjs reports about the rendered page.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Facts {
    title: String,
    csp: Option<String>,
    scripts: usize,
    event_handler_attributes: usize,
    page_script_ran: bool,
    toc_links: Vec<String>,
    docs: Vec<Doc>,
    dialogs: Vec<String>,
    console: Vec<String>,
    page_errors: Vec<String>,
    requests: Vec<String>,
}

/// One document's section as rendered.
#[derive(Debug, Deserialize)]
struct Doc {
    anchor: String,
    error: bool,
    id: Option<String>,
    open: bool,
    rows: Vec<Row>,
}

/// One row of a document's content as rendered.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Row {
    removed: bool,
    line: Option<usize>,
    text: Option<String>,
    decoration: Option<String>,
    visible: bool,
    label: Option<String>,
    label_visible: bool,
    label_decoration: Option<String>,
    background: String,
}

const INPUTS: [&str; 2] = ["fixtures/seeds", "fixtures/report"];

#[test]
#[cfg_attr(
    deboil_browser_missing,
    ignore = "needs node, chromium and playwright-core, not all found: \
              apt-get install nodejs chromium (or CHROMIUM=/path/to/chromium), \
              npm ci in tests/browser; --include-ignored names what is missing; \
              under CI=true it fails instead"
)]
fn the_rendered_report_shows_every_record_faithfully_and_runs_nothing() {
    let Some(found) = browser() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.html");
    let status = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .arg("report")
        .args(INPUTS)
        .arg("-o")
        .arg(&report)
        .arg("-q")
        .status()
        .expect("deboil runs");
    assert!(status.success(), "deboil report failed: {status}");
    let facts = probe(&report, &dir.path().join("profile"), &found);
    let records = records();

    nothing_ran_or_loaded(&facts, &report);
    assert_eq!(facts.docs.len(), records.len());
    assert_eq!(facts.toc_links.len(), records.len());
    for (doc, article) in facts.docs.iter().zip(&records) {
        assert_eq!(
            doc.id.as_deref(),
            Some(article.id.as_str()),
            "{}",
            doc.anchor
        );
        assert!(doc.open && !doc.error, "{}: shown unfolded", article.id);
        shows_the_record(doc, article);
    }
    registration_wall_is_shown_removed(&facts, &records);
    script_text_is_shown_as_text(&facts);
}

/// No dialog, error, console message, script or event handler; only the report loaded.
fn nothing_ran_or_loaded(facts: &Facts, report: &Path) {
    assert!(facts.dialogs.is_empty(), "dialogs: {:?}", facts.dialogs);
    assert!(facts.page_errors.is_empty(), "{:?}", facts.page_errors);
    assert!(facts.console.is_empty(), "{:?}", facts.console);
    assert!(!facts.page_script_ran);
    assert_eq!((facts.scripts, facts.event_handler_attributes), (0, 0));
    assert_eq!(facts.title, "deboil report");
    assert_eq!(
        facts.csp.as_deref(),
        Some("default-src 'none'; style-src 'unsafe-inline'; img-src data:")
    );
    assert_eq!(facts.requests.len(), 1, "{:?}", facts.requests);
    assert!(facts.requests[0].starts_with("file://"));
    assert!(facts.requests[0].ends_with(&*report.file_name().unwrap().to_string_lossy()));
}

/// The document's rows are the record's body blocks and removed pieces, each in its
/// list's order, by non-decreasing input line: kept ones plain and visible, removed ones
/// struck through, tinted and labelled with their visible, unstruck reason code.
fn shows_the_record(doc: &Doc, article: &Article) {
    let id = &article.id;
    let kept: Vec<&Row> = doc.rows.iter().filter(|r| !r.removed).collect();
    let removed: Vec<&Row> = doc.rows.iter().filter(|r| r.removed).collect();
    let kept_texts: Vec<&str> = kept.iter().filter_map(|r| r.text.as_deref()).collect();
    let block_texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(kept_texts, block_texts, "{id}: kept blocks");
    let shown: Vec<(Option<&str>, Option<&str>)> = removed
        .iter()
        .map(|r| (r.label.as_deref(), r.text.as_deref()))
        .collect();
    let expected: Vec<(Option<&str>, Option<&str>)> = article
        .removed
        .iter()
        .map(|r| (Some(r.reason.code()), Some(r.text.as_str())))
        .collect();
    assert_eq!(shown, expected, "{id}: removed pieces");
    let lines: Vec<Option<usize>> = doc.rows.iter().map(|r| r.line).collect();
    assert!(lines.iter().all(Option::is_some), "{id}: {lines:?}");
    assert!(lines.windows(2).all(|w| w[0] <= w[1]), "{id}: {lines:?}");
    for row in kept {
        assert!(row.visible, "{id}: kept row hidden: {row:?}");
        assert_eq!(row.decoration.as_deref(), Some("none"), "{id}: {row:?}");
        assert!(row.label.is_none(), "{id}: {row:?}");
    }
    for row in removed {
        assert!(
            row.visible && row.label_visible,
            "{id}: removed row hidden: {row:?}"
        );
        assert_eq!(
            row.decoration.as_deref(),
            Some("line-through"),
            "{id}: {row:?}"
        );
        assert_eq!(
            row.label_decoration.as_deref(),
            Some("none"),
            "{id}: {row:?}"
        );
        assert_ne!(
            row.background, "rgba(0, 0, 0, 0)",
            "{id}: not coloured: {row:?}"
        );
    }
}

/// The Independent seed (004): from `Register for free to continue reading` to the end
/// every row is removed; the first of them as a registration wall; kept paragraphs
/// come before it.
fn registration_wall_is_shown_removed(facts: &Facts, records: &[Article]) {
    let index = records
        .iter()
        .position(|a| a.id.starts_with("004_"))
        .expect("seed 004 in the report");
    let rows = &facts.docs[index].rows;
    let wall = rows
        .iter()
        .position(|r| {
            r.text
                .as_deref()
                .is_some_and(|t| t.starts_with("Register for free to continue reading"))
        })
        .expect("the wall's first line is shown");
    assert_eq!(rows[wall].label.as_deref(), Some("registration_wall"));
    assert!(
        rows[wall..].iter().all(|r| r.removed),
        "{:?}",
        &rows[wall..]
    );
    assert!(rows[wall..].len() >= 10);
    let kept_before = rows[..wall].iter().filter(|r| !r.removed).count();
    assert!(
        kept_before >= 10,
        "{kept_before} kept paragraphs before the wall"
    );
}

/// Both script fixtures show `<script>alert(1)</script>` as visible, kept text.
fn script_text_is_shown_as_text(facts: &Facts) {
    let literal = "<script>alert(1)</script>";
    let shown = facts
        .docs
        .iter()
        .filter(|doc| {
            doc.rows.iter().any(|r| {
                !r.removed && r.visible && r.text.as_deref().is_some_and(|t| t.contains(literal))
            })
        })
        .count();
    assert_eq!(shown, 2, "documents showing the script text as text");
}

/// The records `deboil clean` writes for the report's inputs, in order.
fn records() -> Vec<Article> {
    let output = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .arg("clean")
        .args(INPUTS)
        .arg("-q")
        .output()
        .expect("deboil runs");
    assert!(output.status.success(), "deboil clean failed: {output:?}");
    String::from_utf8(output.stdout)
        .expect("UTF-8 records")
        .lines()
        .map(|line| serde_json::from_str(line).expect("an article record"))
        .collect()
}

/// Render `report` in the Chromium `found` with a fresh profile in `profile`; what
/// the page shows.
fn probe(report: &Path, profile: &Path, found: &Prerequisites) -> Facts {
    std::fs::create_dir_all(profile).unwrap();
    let node = found.node.as_deref().expect("node was found");
    let output = Command::new(node)
        .arg(browser_dir().join("probe.mjs"))
        .arg(report)
        .arg(profile)
        .env("CHROMIUM", &found.chromium)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "the browser probe failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("the probe prints JSON")
}

/// tests/browser.
fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser")
}

/// The programs to drive, when node, Chromium and playwright-core are all there. When
/// one is missing: a failure under CI; otherwise the test was run although ignored
/// (`--include-ignored`), or the program went missing after build.rs looked, and the
/// test passes with a notice.
fn browser() -> Option<Prerequisites> {
    let found = Prerequisites::find(Path::new(env!("CARGO_MANIFEST_DIR")));
    let missing = found.missing();
    if missing.is_empty() {
        return Some(found);
    }
    let message = format!("browser test needs {}", missing.join(", "));
    assert!(!is_ci(), "{message}: .ci/run installs them");
    // Written to the standard error itself, not through `eprintln!`, which the test
    // harness captures: the notice shows without `--nocapture`.
    let _ = writeln!(std::io::stderr(), "\nSKIPPED: {message}\n");
    None
}
