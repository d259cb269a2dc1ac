//! A readable diff between an expected record and the record a fixture gives now: a
//! unified diff of the clean text, then of the removed pieces (`reason: text`), then of
//! the body blocks when their kinds changed, then every other changed field as
//! `field: old -> new`.

use std::fmt::Write;

use serde_json::{Map, Value};
use similar::TextDiff;

/// Lines of context around each change in the unified diffs.
const CONTEXT: usize = 2;

/// Fields with a section of their own; every other field is listed as `old -> new`.
const SECTIONED: &[&str] = &["text", "removed", "blocks"];

/// The diff of `expected` (the stored record) against `actual` (the record now), both
/// without volatile fields. Empty when they are equal.
pub fn render(expected: &Value, actual: &Value) -> String {
    let mut out = String::new();
    let text = |v: &Value| with_final_newline(v.get("text").and_then(Value::as_str));
    section(&mut out, "text", &text(expected), &text(actual));
    removed_section(&mut out, expected.get("removed"), actual.get("removed"));
    blocks_section(&mut out, expected.get("blocks"), actual.get("blocks"));
    fields(&mut out, "", expected, actual);
    out
}

/// A unified diff of `old` and `new` under the name `name`, when they differ.
fn section(out: &mut String, name: &str, old: &str, new: &str) {
    if old == new {
        return;
    }
    let diff = TextDiff::from_lines(old, new);
    let unified = diff
        .unified_diff()
        .context_radius(CONTEXT)
        .header(&format!("{name} (expected)"), &format!("{name} (now)"))
        .to_string();
    out.push_str(&unified);
    if !unified.ends_with('\n') {
        out.push('\n');
    }
}

/// `text` with a final newline (none for an empty or missing text).
fn with_final_newline(text: Option<&str>) -> String {
    match text {
        Some(text) if !text.is_empty() && !text.ends_with('\n') => format!("{text}\n"),
        Some(text) => text.to_string(),
        None => String::new(),
    }
}

/// The removed pieces as `reason: text` lines; when only their input lines changed, as
/// `reason: text (line N)` lines.
fn removed_section(out: &mut String, old: Option<&Value>, new: Option<&Value>) {
    if old == new {
        return;
    }
    let plain = |v| item_lines(v, &["reason"], false);
    let (old_lines, new_lines) = (plain(old), plain(new));
    if old_lines != new_lines {
        section(out, "removed", &old_lines, &new_lines);
    } else {
        let numbered = |v| item_lines(v, &["reason"], true);
        section(out, "removed", &numbered(old), &numbered(new));
    }
}

/// The body blocks as `kind: text` lines, shown when their kinds changed (a changed
/// text alone is in the text diff already), or with their input lines when only those
/// changed.
fn blocks_section(out: &mut String, old: Option<&Value>, new: Option<&Value>) {
    if old == new {
        return;
    }
    let plain = |v| item_lines(v, &["kind"], false);
    let (old_lines, new_lines) = (plain(old), plain(new));
    if old_lines == new_lines {
        let numbered = |v| item_lines(v, &["kind"], true);
        section(out, "blocks", &numbered(old), &numbered(new));
    } else if kinds(old) != kinds(new) {
        section(out, "blocks", &old_lines, &new_lines);
    }
}

/// The `kind` of every item of a list.
fn kinds(list: Option<&Value>) -> Vec<&Value> {
    items(list)
        .iter()
        .filter_map(|item| item.get("kind"))
        .collect()
}

/// The items of a JSON list (none when it is missing or not a list).
fn items(list: Option<&Value>) -> &[Value] {
    list.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// One line per item of a list: its `labels` fields, `: `, its `text` (new lines shown
/// as `⏎`), and with `numbered` its input line.
fn item_lines(list: Option<&Value>, labels: &[&str], numbered: bool) -> String {
    let mut lines = String::new();
    for item in items(list) {
        for label in labels {
            lines.push_str(&scalar(item.get(*label)));
        }
        let text = item.get("text").and_then(Value::as_str).unwrap_or_default();
        let _ = write!(lines, ": {}", text.replace('\n', "⏎"));
        if numbered {
            let _ = write!(lines, " (line {})", scalar(item.get("line")));
        }
        lines.push('\n');
    }
    lines
}

/// A JSON value in one line: strings without quotes, absent as `(none)`.
fn scalar(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
        None => "(none)".to_string(),
    }
}

/// Every changed field outside the sections, as `path: old -> new` (JSON values; objects
/// are entered, so a changed count shows as `stats.kept_chars: 10 -> 12`).
fn fields(out: &mut String, prefix: &str, old: &Value, new: &Value) {
    let empty = Map::new();
    let old_map = old.as_object().unwrap_or(&empty);
    let new_map = new.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = old_map.keys().chain(new_map.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        if prefix.is_empty() && SECTIONED.contains(&key.as_str()) {
            continue;
        }
        let (before, after) = (old_map.get(key), new_map.get(key));
        if before == after {
            continue;
        }
        let path = format!("{prefix}{key}");
        if is_object(before) && is_object(after) {
            fields(
                out,
                &format!("{path}."),
                before.unwrap_or(&Value::Null),
                after.unwrap_or(&Value::Null),
            );
        } else {
            let _ = writeln!(out, "{path}: {} -> {}", shown(before), shown(after));
        }
    }
}

/// Whether a field is an object, or absent (so that a record turning into an error
/// record lists `error.kind: (none) -> "io"`).
fn is_object(value: Option<&Value>) -> bool {
    value.is_none_or(Value::is_object)
}

/// A field's value as compact JSON, `(none)` when absent.
fn shown(value: Option<&Value>) -> String {
    value.map_or_else(|| "(none)".to_string(), Value::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn record(text: &str, title: &str) -> Value {
        json!({
            "title": title,
            "text": text,
            "blocks": [{"kind": "paragraph", "text": text, "line": 3}],
            "removed": [{"reason": "share", "text": "Share this", "line": 1}],
            "stats": {"kept_chars": text.len(), "input_bytes": 100},
        })
    }

    #[test]
    fn equal_records_give_no_diff() {
        let a = record("One.\n\nTwo.", "T");
        assert_eq!(render(&a, &a), "");
    }

    #[test]
    fn text_change_is_a_unified_diff_with_context() {
        let old = record("One.\n\nTwo.\n\nThree.", "T");
        let new = record("One.\n\nTwo!\n\nThree.", "T");
        let diff = render(&old, &new);
        assert!(
            diff.contains("--- text (expected)\n+++ text (now)\n"),
            "{diff}"
        );
        assert!(diff.contains("\n-Two.\n+Two!\n"), "{diff}");
        assert!(diff.contains("\n One.\n"), "{diff}");
        assert!(!diff.contains("blocks (expected)"), "{diff}");
        assert!(!diff.contains("stats."), "{diff}");
    }

    #[test]
    fn removed_pieces_show_their_reason() {
        let old = record("One.", "T");
        let mut new = old.clone();
        new["removed"][0]["reason"] = json!("newsletter");
        let diff = render(&old, &new);
        assert!(
            diff.contains("-share: Share this\n+newsletter: Share this\n"),
            "{diff}"
        );
    }

    #[test]
    fn moved_lines_alone_are_shown_with_their_numbers() {
        let old = record("One.", "T");
        let mut new = old.clone();
        new["removed"][0]["line"] = json!(2);
        new["blocks"][0]["line"] = json!(4);
        let diff = render(&old, &new);
        assert!(diff.contains("+share: Share this (line 2)"), "{diff}");
        assert!(diff.contains("+paragraph: One. (line 4)"), "{diff}");
    }

    #[test]
    fn changed_kinds_show_the_blocks() {
        let old = record("One.", "T");
        let mut new = old.clone();
        new["blocks"][0]["kind"] = json!("heading");
        let diff = render(&old, &new);
        assert!(
            diff.contains("-paragraph: One.\n+heading: One.\n"),
            "{diff}"
        );
    }

    #[test]
    fn metadata_changes_show_old_and_new() {
        let old = record("One.", "Old title");
        let mut new = record("One.", "New title");
        new["stats"]["input_bytes"] = json!(120);
        new["lang"] = json!("en");
        let diff = render(&old, &new);
        assert!(
            diff.contains("title: \"Old title\" -> \"New title\"\n"),
            "{diff}"
        );
        assert!(diff.contains("stats.input_bytes: 100 -> 120\n"), "{diff}");
        assert!(diff.contains("lang: (none) -> \"en\"\n"), "{diff}");
    }

    #[test]
    fn an_article_turning_into_an_error_lists_the_error_fields() {
        let old = record("One.", "T");
        let new = json!({"error": {"kind": "io", "message": "gone"}});
        let diff = render(&old, &new);
        assert!(diff.contains("error.kind: (none) -> \"io\""), "{diff}");
        assert!(diff.contains("-One.\n"), "{diff}");
        assert!(diff.contains("title: \"T\" -> (none)"), "{diff}");
    }
}
