//! The text fixtures (fixtures/text): every record checked against the expectations
//! written with the fixtures (fixtures/text/expectations.json, described in
//! EXPECTATIONS.md there) — title, standfirst, date, byline, every body block in order,
//! and every removed line with an accepted reason.

mod common;

use std::collections::HashMap;

use serde_json::Value;

/// Records of `deboil clean fixtures/text`, by file name.
fn records() -> HashMap<String, Value> {
    common::records_of("fixtures/text")
}

fn expectations() -> Vec<Value> {
    let raw = std::fs::read_to_string("fixtures/text/expectations.json").expect("expectations");
    serde_json::from_str::<Value>(&raw)
        .expect("valid JSON")
        .as_array()
        .expect("a list")
        .clone()
}

/// (kind, text) of each body block.
fn blocks(value: &Value) -> Vec<(String, String)> {
    value
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| {
            (
                b["kind"].as_str().unwrap().to_owned(),
                b["text"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Problems with one record, as readable lines (empty when it meets its expectations).
fn check(expected: &Value, record: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for field in ["title", "published", "byline"] {
        if expected[field] != record[field] {
            problems.push(format!(
                "{field}: want {} got {}",
                expected[field], record[field]
            ));
        }
    }
    problems.extend(check_standfirst_and_body(expected, record));
    problems.extend(check_removed(expected, record));
    problems
}

/// The standfirst and body: exact, or for a lenient standfirst the accepted alternative
/// (the standfirst line kept as the first body paragraph instead, or the reverse).
fn check_standfirst_and_body(expected: &Value, record: &Value) -> Vec<String> {
    let want_body = blocks(&expected["blocks"]);
    let got_body = blocks(&record["blocks"]);
    let exact = expected["standfirst"] == record["standfirst"] && want_body == got_body;
    if exact {
        return Vec::new();
    }
    let lenient = expected["standfirst_strict"] == Value::Bool(false);
    if lenient {
        let mut moved_down = want_body.clone();
        if let Some(s) = expected["standfirst"].as_str() {
            moved_down.insert(0, ("paragraph".to_owned(), s.to_owned()));
        }
        let promoted = want_body.first().map(|(_, t)| t.as_str());
        let alternative_a = record["standfirst"].is_null() && got_body == moved_down;
        let alternative_b = expected["standfirst"].is_null()
            && record["standfirst"].as_str() == promoted
            && got_body.as_slice() == &want_body[1..];
        if alternative_a || alternative_b {
            return Vec::new();
        }
    }
    let mut problems = Vec::new();
    if expected["standfirst"] != record["standfirst"] {
        problems.push(format!(
            "standfirst: want {} got {}",
            expected["standfirst"], record["standfirst"]
        ));
    }
    for want in want_body.iter().filter(|b| !got_body.contains(b)) {
        problems.push(format!("body lost or changed: {want:?}"));
    }
    for got in got_body.iter().filter(|b| !want_body.contains(b)) {
        problems.push(format!("body has unexpected: {got:?}"));
    }
    if problems.is_empty() {
        problems.push("body blocks out of order".to_owned());
    }
    problems
}

/// Every expected removal present with an accepted reason, and nothing else removed.
fn check_removed(expected: &Value, record: &Value) -> Vec<String> {
    let got: HashMap<u64, &str> = record["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .map(|r| (r["line"].as_u64().unwrap(), r["reason"].as_str().unwrap()))
        .collect();
    let mut problems = Vec::new();
    let want = expected["removed"].as_array().expect("removed");
    for removal in want {
        let line = removal["line"].as_u64().unwrap();
        let mut accepted = vec![removal["reason"].as_str().unwrap()];
        accepted.extend(
            removal["also_accepted"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap()),
        );
        match got.get(&line) {
            Some(reason) if accepted.contains(reason) => {}
            Some(reason) => problems.push(format!(
                "line {line}: reason {reason}, want one of {accepted:?}"
            )),
            None => problems.push(format!("line {line} not removed: {}", removal["text"])),
        }
    }
    for (line, reason) in &got {
        if !want.iter().any(|r| r["line"].as_u64() == Some(*line)) {
            problems.push(format!("line {line} removed ({reason}) but is not noise"));
        }
    }
    problems
}

#[test]
fn every_text_fixture_meets_its_expectations() {
    let records = records();
    let expectations = expectations();
    assert!(expectations.len() >= 15);
    let mut failures = Vec::new();
    for expected in &expectations {
        let file = expected["file"].as_str().unwrap();
        let Some(record) = records.get(file) else {
            failures.push(format!("{file}: no record"));
            continue;
        };
        for problem in check(expected, record) {
            failures.push(format!("{file}: {problem}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
