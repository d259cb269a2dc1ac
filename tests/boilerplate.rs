//! Site boilerplate learned from a batch, end to end on the invented site of
//! fixtures/site (its README lists the boilerplate lines and the pages holding them).

use serde_json::Value;

const SITE: &str = "fixtures/site/harrowmere-courier";
const KICKER: &str = "Part of our series on life along the Sallow estuary";
const TRUST: &str = "The Harrowmere Courier has been owned by a readers' trust since 1921";
const TIPS: &str = "Seen something on the waterfront we should know about?";
const QUOTED: &str = "The crew reached the yacht eleven minutes after the pager sounded";
const SHARED: &str = "The existing embankment at Quarry Reach was raised in 1958";

/// Records of `deboil clean EXTRA... SITE`, in walk order.
fn records(extra: &[&str]) -> Vec<Value> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", "--quiet"])
        .args(extra)
        .arg(SITE)
        .output()
        .expect("deboil runs");
    assert!(output.status.success(), "deboil failed: {output:?}");
    String::from_utf8(output.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON record"))
        .collect()
}

/// Texts removed as site boilerplate from a record.
fn learned_removals(record: &Value) -> Vec<String> {
    record["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .filter(|r| r["reason"] == "site_boilerplate")
        .map(|r| r["text"].as_str().expect("text").to_owned())
        .collect()
}

#[test]
fn learned_lines_go_from_exactly_the_pages_that_print_them() {
    let records = records(&["--learn-boilerplate"]);
    assert_eq!(records.len(), 10);
    let kicker_pages = [1, 2, 4, 5, 7, 9];
    for (i, record) in records.iter().enumerate() {
        let page = i + 1;
        let mut want = Vec::new();
        if kicker_pages.contains(&page) {
            want.push(KICKER);
        }
        if page <= 8 {
            want.extend([TRUST, TIPS]);
        }
        let got = learned_removals(record);
        assert_eq!(got.len(), want.len(), "page {page}: {got:?}");
        for (g, w) in got.iter().zip(&want) {
            assert!(g.starts_with(w), "page {page}: {g} is not {w}");
        }
        let text = record["text"].as_str().expect("text");
        assert!(!text.contains(TRUST) && !text.contains(TIPS) && !text.contains(KICKER));
    }
}

#[test]
fn quotes_and_paragraphs_on_few_pages_survive_learning() {
    let records = records(&["--learn-boilerplate"]);
    let holding = |needle: &str| {
        records
            .iter()
            .filter(|r| r["text"].as_str().is_some_and(|t| t.contains(needle)))
            .count()
    };
    assert_eq!(
        holding(QUOTED),
        2,
        "the quoted sentence stays on both pages"
    );
    assert_eq!(
        holding(SHARED),
        2,
        "the shared background paragraph stays on both pages"
    );
}

#[test]
fn nothing_is_learned_unless_asked() {
    for record in records(&[]) {
        assert!(learned_removals(&record).is_empty());
    }
    let strict = records(&["--learn-boilerplate", "--boilerplate-min-docs", "9"]);
    assert!(strict.iter().all(|r| learned_removals(r).is_empty()));
}

#[test]
fn learning_refuses_standard_input_and_bad_thresholds() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_deboil"))
            .args(args)
            .stdin(std::process::Stdio::null())
            .output()
            .expect("deboil runs")
            .status
            .code()
    };
    assert_eq!(run(&["clean", "--learn-boilerplate", "-"]), Some(2));
    assert_eq!(
        run(&[
            "clean",
            "--learn-boilerplate",
            "--boilerplate-min-docs",
            "0",
            SITE
        ]),
        Some(2)
    );
    assert_eq!(
        run(&[
            "clean",
            "--learn-boilerplate",
            "--boilerplate-min-share",
            "1.5",
            SITE
        ]),
        Some(2)
    );
}
