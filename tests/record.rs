//! The record end to end, from the built binary reading standard input: the fields of
//! an honest record (`description` beside `standfirst`, `authors` beside `byline`, the
//! one shape of `published`) and the warning on a short body, for both front ends.

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

/// The record `deboil clean --input MODE` writes for `input` on standard input, as
/// written (the raw line) and parsed.
fn clean(mode: &str, input: &str) -> (String, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", "--input", mode])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("deboil runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("input written");
    let output = child.wait_with_output().expect("deboil ends");
    assert!(output.status.success(), "{output:?}");
    let line = String::from_utf8(output.stdout)
        .expect("utf-8")
        .trim()
        .to_owned();
    let record = serde_json::from_str(&line).expect("one JSON record");
    (line, record)
}

const PROSE: &str = "The council met on Tuesday evening to discuss the new budget for the coming year, which includes higher spending on roads and schools.";

/// A page with a long menu and footer around a short article.
fn menu_page(article: &str) -> String {
    let links: String = (0..120)
        .map(|i| format!("<li><a href=\"/section/{i}\">Section number {i}</a></li>"))
        .collect();
    format!(
        "<html><head><meta name=\"description\" content=\"A summary.\"></head><body>\
         <nav><ul>{links}</ul></nav><article>{article}</article><footer>About us</footer></body></html>"
    )
}

#[test]
fn fields_come_in_record_order_and_always_as_lists_or_null() {
    let (line, record) = clean("html", &menu_page(&format!("<p>{PROSE}</p>")));
    let at = |key: &str| line.find(&format!("\"{key}\":")).expect(key);
    assert!(at("standfirst") < at("description") && at("description") < at("published"));
    assert!(at("byline") < at("authors") && at("authors") < at("site"));
    assert_eq!(record["description"], "A summary.");
    assert_eq!(record["authors"], Value::Array(vec![]));
    let (_, text) = clean("text", &format!("A headline\n\n{PROSE}\n"));
    assert_eq!(text["description"], Value::Null);
    assert_eq!(text["authors"], Value::Array(vec![]));
}

#[test]
fn an_html_body_lost_to_noise_says_where_the_text_went() {
    let prompts: String = (0..80)
        .map(|i| format!("<p><a href=\"/share/{i}\">Share on Facebook</a></p>"))
        .collect();
    let page = format!(
        "<html><body><div class=share>{prompts}</div><article><p>Short.</p></article></body></html>"
    );
    let (_, record) = clean("html", &page);
    let warnings: Vec<&str> = record["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let warning = warnings
        .iter()
        .find(|w| w.starts_with("body has "))
        .unwrap_or_else(|| panic!("no short-body warning in {warnings:?}"));
    assert!(warning.contains("while the page shows 1,"), "{warning}");
    assert!(warning.contains(": removed share 1,"), "{warning}");
}

#[test]
fn a_text_body_lost_to_noise_says_where_the_text_went_too() {
    let lines: String = (0..150)
        .map(|i| format!("Share on Facebook {i}\n"))
        .collect();
    let (_, record) = clean("text", &lines);
    let warning = record["warnings"][0].as_str().unwrap_or_default();
    assert!(
        warning.starts_with("body has ") && warning.contains(": removed "),
        "{record}"
    );
}

#[test]
fn a_body_of_its_own_gets_no_warning() {
    let article: String = [
        PROSE,
        "Residents asked about bus routes and the library hours, and officers promised answers within a month.",
        "The leader of the council said the spending was the most the town could afford without raising fees.",
    ]
    .iter()
    .map(|p| format!("<p>{p}</p>"))
    .collect();
    let (_, record) = clean("html", &menu_page(&article));
    assert!(record.get("warnings").is_none(), "{record}");
}

#[test]
fn published_has_one_of_two_shapes() {
    let page = |time: &str| {
        format!(
            "<html><head><meta property=\"article:published_time\" content=\"{time}\"></head>\
             <body><article><p>{PROSE}</p></article></body></html>"
        )
    };
    let published = |time: &str| clean("html", &page(time)).1["published"].clone();
    assert_eq!(
        published("2026-03-24T10:00:00Z"),
        "2026-03-24T10:00:00+00:00"
    );
    assert_eq!(
        published("2026-03-24T10:00:00.000+0530"),
        "2026-03-24T10:00:00+05:30"
    );
    assert_eq!(published("2026-03-24T10:00:00"), "2026-03-24");
    assert_eq!(published("2026-03-24"), "2026-03-24");
}
