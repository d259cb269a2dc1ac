//! The HTML fixtures (fixtures/html): every page's record checked against the
//! expectations written with the pages (fixtures/html/expectations.json, described in
//! README.md there):
//!
//! - the metadata fields the page defines (`title`, `standfirst`, `description`,
//!   `byline`, `authors`, `published`, `lang`, `site`, `url`), exactly; a field left out of an expectation is not checked,
//!   a `null` one must be `null`;
//! - every `keep` snippet (each paragraph's opening, list items, headings, table rows,
//!   quotes) in a body block of the given kind, in the order given;
//! - every `go` snippet absent from the text, and, when reasons are given, removed with
//!   one of them;
//! - the headline never printed again at the start of the text (nor as a body block), the
//!   standfirst never repeated as a body block nor opening the first one (the lead is
//!   printed once);
//! - `max_text_chars`, for pages with no article.
//!
//! An expectation listed under `known_gaps` (by what it checks: a field name,
//! `keep:<snippet>`, `go:<snippet>`, `headline`, `standfirst_repeated`,
//! `max_text_chars`) is reported on standard error while it fails, not counted as a
//! failure.

mod common;

use std::collections::HashMap;

use serde_json::Value;

/// Fields of the record compared with the expectation when it names them.
const FIELDS: &[&str] = &[
    "title",
    "standfirst",
    "description",
    "byline",
    "authors",
    "published",
    "lang",
    "site",
    "canonical",
];

/// One failed check: what it checks (the key `known_gaps` names) and what went wrong.
struct Problem {
    what: String,
    message: String,
}

impl Problem {
    fn new(what: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            what: what.into(),
            message: message.into(),
        }
    }
}

fn expectations() -> Vec<Value> {
    let raw = std::fs::read_to_string("fixtures/html/expectations.json").expect("expectations");
    let value: Value = serde_json::from_str(&raw).expect("valid JSON");
    value.as_array().expect("a list").clone()
}

/// White space folded, for comparisons.
fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text of a JSON string value, folded (empty for anything else).
fn folded(value: &Value) -> String {
    fold(value.as_str().unwrap_or(""))
}

/// (kind, folded text) of each body block.
fn blocks(record: &Value) -> Vec<(String, String)> {
    record["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap_or("").to_owned(),
                folded(&b["text"]),
            )
        })
        .collect()
}

fn check(expected: &Value, record: &Value) -> Vec<Problem> {
    let mut problems = check_fields(expected, record);
    problems.extend(check_keep(expected, record));
    problems.extend(check_go(expected, record));
    problems.extend(check_head(record));
    if let Some(max) = expected["max_text_chars"].as_u64() {
        let chars = record["text"].as_str().unwrap_or("").chars().count() as u64;
        if chars > max {
            problems.push(Problem::new(
                "max_text_chars",
                format!(
                    "text has {chars} characters, want at most {max}: {}",
                    record["text"]
                ),
            ));
        }
    }
    problems
}

fn check_fields(expected: &Value, record: &Value) -> Vec<Problem> {
    let object = expected.as_object().expect("an object");
    FIELDS
        .iter()
        .filter(|field| object.contains_key(**field))
        .filter(|field| expected[**field] != record[**field])
        .map(|field| {
            Problem::new(
                *field,
                format!("want {} got {}", expected[*field], record[*field]),
            )
        })
        .collect()
}

/// Every keep snippet in a block of its kind, in order.
fn check_keep(expected: &Value, record: &Value) -> Vec<Problem> {
    let body = blocks(record);
    let mut problems = Vec::new();
    let mut at = 0;
    for keep in expected["keep"].as_array().expect("keep") {
        let snippet = folded(&keep["text"]);
        let kind = keep["kind"].as_str().unwrap_or("paragraph");
        let what = format!("keep:{}", keep["text"].as_str().unwrap_or(""));
        let found = body.iter().position(|(_, t)| t.contains(&snippet));
        let of_kind = body
            .iter()
            .enumerate()
            .skip(at)
            .find(|(_, (k, t))| k == kind && t.contains(&snippet));
        match (found, of_kind) {
            (None, _) => problems.push(Problem::new(what, "not in the body")),
            (Some(i), None) if body[i].0 != kind => problems.push(Problem::new(
                what,
                format!("kept as {}, want {kind}", body[i].0),
            )),
            (Some(_), None) => problems.push(Problem::new(what, "out of order")),
            (Some(_), Some((i, _))) => {
                at = i;
                problems.extend(check_structure(keep, &record["blocks"][i], &what));
            }
        }
    }
    problems
}

/// The structure fields a keep entry gives (`level`, `lang`, `depth`, `number`, `rows`)
/// equal in the block it matched (a field left out is not checked).
fn check_structure(keep: &Value, block: &Value, what: &str) -> Vec<Problem> {
    ["level", "lang", "depth", "number", "rows"]
        .into_iter()
        .filter(|field| !keep[*field].is_null())
        .filter(|field| {
            // A depth of 0 is left out of the record.
            let got = match (&block[*field], *field) {
                (Value::Null, "depth") => &Value::from(0),
                (got, _) => got,
            };
            got != &keep[*field]
        })
        .map(|field| {
            Problem::new(
                format!("{what}:{field}"),
                format!("want {} got {}", keep[field], block[field]),
            )
        })
        .collect()
}

/// Every go snippet absent from the text and removed with an accepted reason.
fn check_go(expected: &Value, record: &Value) -> Vec<Problem> {
    let text = folded(&record["text"]);
    let removed: Vec<(String, String)> = record["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| {
            (
                r["reason"].as_str().unwrap_or("").to_owned(),
                folded(&r["text"]),
            )
        })
        .collect();
    let mut problems = Vec::new();
    for go in expected["go"].as_array().expect("go") {
        let snippet = folded(&go["text"]);
        let what = format!("go:{}", go["text"].as_str().unwrap_or(""));
        if text.contains(&snippet) {
            problems.push(Problem::new(what, "still in the text"));
            continue;
        }
        let reasons: Vec<&str> = go["reasons"]
            .as_array()
            .expect("reasons")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        if reasons.is_empty() {
            continue;
        }
        let got: Vec<&str> = removed
            .iter()
            .filter(|(_, t)| t.contains(&snippet))
            .map(|(r, _)| r.as_str())
            .collect();
        if !got.iter().any(|r| reasons.contains(r)) {
            problems.push(Problem::new(
                what,
                format!("removed as {got:?}, want one of {reasons:?}"),
            ));
        }
    }
    problems
}

/// The headline is not printed again at the start of the text (nor as a body block);
/// the standfirst is not repeated as a body block, nor opens the first one.
fn check_head(record: &Value) -> Vec<Problem> {
    let body = blocks(record);
    let text = folded(&record["text"]);
    let mut problems = Vec::new();
    let title = folded(&record["title"]);
    if !title.is_empty() && (text.starts_with(&title) || body.iter().any(|(_, t)| *t == title)) {
        problems.push(Problem::new(
            "headline",
            "the headline is printed in the body",
        ));
    }
    let standfirst = folded(&record["standfirst"]);
    let opens_body = body
        .first()
        .is_some_and(|(_, t)| t.starts_with(&standfirst));
    if !standfirst.is_empty() && (opens_body || body.iter().any(|(_, t)| *t == standfirst)) {
        problems.push(Problem::new(
            "standfirst_repeated",
            "the standfirst is repeated in the body",
        ));
    }
    problems
}

/// The `what` keys of an expectation's known gaps.
fn known_gaps(expected: &Value) -> Vec<String> {
    expected["known_gaps"]
        .as_array()
        .map(|gaps| {
            gaps.iter()
                .filter_map(|g| g["what"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_html_fixture_meets_its_expectations() {
    let records: HashMap<String, Value> = common::records_of("fixtures/html");
    let expectations = expectations();
    assert!(expectations.len() >= 16, "at least 16 pages");
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for expected in &expectations {
        let file = expected["file"].as_str().expect("file");
        let Some(record) = records.get(file) else {
            failures.push(format!("{file}: no record"));
            continue;
        };
        assert_eq!(record["input"], "html", "{file}: read as HTML");
        let known = known_gaps(expected);
        for problem in check(expected, record) {
            let line = format!("{file}: {}: {}", problem.what, problem.message);
            if known.contains(&problem.what) {
                gaps.push(line);
            } else {
                failures.push(line);
            }
        }
    }
    if !gaps.is_empty() {
        eprintln!("{} known gaps:\n{}", gaps.len(), gaps.join("\n"));
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_html_fixture_has_an_expectation() {
    let expectations = expectations();
    let listed: Vec<&str> = expectations
        .iter()
        .filter_map(|e| e["file"].as_str())
        .collect();
    let pages: Vec<String> = std::fs::read_dir("fixtures/html")
        .expect("fixtures/html")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 16);
    for page in &pages {
        assert!(listed.contains(&page.as_str()), "{page} has no expectation");
    }
}
