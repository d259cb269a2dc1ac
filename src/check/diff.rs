//! A readable diff between an expected record and the record a fixture gives now: a
//! unified diff of the clean text, then of the removed pieces (`reason: text`), then of
//! the body blocks (`kind: text`), then every other changed value as
//! `path: old -> new` (objects and lists entered: `blocks[3].level: 2 -> 3`,
//! `warnings[0]: (none) -> "..."`).
//!
//! The diff is total: every value that differs is either in a section or listed by
//! its path. The sections say which fields of their items they show; a changed value
//! a section does not show is listed.

use std::fmt::Write;
use std::ops::Range;

use serde_json::{Map, Value};
use similar::{capture_diff_slices, Algorithm, DiffTag, TextDiff};

/// Lines of context around each change in the unified diffs.
const CONTEXT: usize = 2;

/// The fields of a top-level list's items that its section shows.
#[derive(Debug, Default)]
struct Shown {
    /// The list.
    list: &'static str,
    /// The fields of its items whose every change the section shows.
    keys: Vec<&'static str>,
}

/// What the sections showed: whether the text diff was printed, and per list section
/// the fields of its items it showed.
#[derive(Debug, Default)]
struct Covered {
    text: bool,
    lists: Vec<Shown>,
}

impl Covered {
    /// Whether a change of the value at `path` is shown by a section already.
    fn covers(&self, path: &[Step]) -> bool {
        match path {
            [Step::Key(key)] => key == "text" && self.text,
            [Step::Key(list), Step::Index(_), Step::Key(field)] => self
                .lists
                .iter()
                .any(|shown| shown.list == list && shown.keys.contains(&field.as_str())),
            _ => false,
        }
    }
}

/// One step of a path into a record.
#[derive(Debug, Clone)]
enum Step {
    /// A field of an object.
    Key(String),
    /// An item of a list.
    Index(usize),
}

/// A path written as `blocks[3].level` (`(record)` for the whole record).
fn path_name(path: &[Step]) -> String {
    let mut name = String::new();
    for step in path {
        match step {
            Step::Key(key) if name.is_empty() => name.push_str(key),
            Step::Key(key) => {
                let _ = write!(name, ".{key}");
            }
            Step::Index(index) => {
                let _ = write!(name, "[{index}]");
            }
        }
    }
    if name.is_empty() {
        name.push_str("(record)");
    }
    name
}

/// The diff of `expected` (the stored record) against `actual` (the record now), both
/// without volatile fields. Empty when they are equal.
pub fn render(expected: &Value, actual: &Value) -> String {
    let mut out = String::new();
    let text = |v: &Value| with_final_newline(v.get("text").and_then(Value::as_str));
    let mut covered = Covered {
        text: section(&mut out, "text", &text(expected), &text(actual)),
        lists: Vec::new(),
    };
    covered.lists.push(removed_section(
        &mut out,
        expected.get("removed"),
        actual.get("removed"),
    ));
    covered
        .lists
        .push(blocks_section(&mut out, (expected, actual), covered.text));
    let mut path = Vec::new();
    values(&mut out, &covered, &mut path, Some(expected), Some(actual));
    out
}

/// A unified diff of `old` and `new` under the name `name`, when they differ; returns
/// whether it was written.
fn section(out: &mut String, name: &str, old: &str, new: &str) -> bool {
    if old == new {
        return false;
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
    true
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
fn removed_section(out: &mut String, old: Option<&Value>, new: Option<&Value>) -> Shown {
    list_section(out, "removed", "reason", (old, new), false)
}

/// The body blocks as `kind: text` lines, or with their input lines when only those
/// changed. A block whose text alone changed is left to the text diff when that diff
/// shows it (its old text is in the old clean text, its new text in the new one).
fn blocks_section(out: &mut String, records: (&Value, &Value), text_shown: bool) -> Shown {
    let (old, new) = (records.0.get("blocks"), records.1.get("blocks"));
    let in_text = text_shown && texts_in_clean_text(records);
    list_section(out, "blocks", "kind", (old, new), in_text)
}

/// Whether the blocks differ only in texts that the clean texts hold: same kinds, and
/// each changed block's old text within the old clean text and its new one within the
/// new.
fn texts_in_clean_text((old, new): (&Value, &Value)) -> bool {
    let (old_blocks, new_blocks) = (items(old.get("blocks")), items(new.get("blocks")));
    let (old_clean, new_clean) = (clean_text(old), clean_text(new));
    let text = |block: &Value| {
        block
            .get("text")
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    old_blocks.len() == new_blocks.len()
        && old_blocks.iter().zip(new_blocks).all(|(a, b)| {
            a.get("kind") == b.get("kind")
                && match (text(a), text(b)) {
                    (Some(x), Some(y)) if x != y => {
                        old_clean.contains(&x) && new_clean.contains(&y)
                    }
                    (x, y) => x == y,
                }
        })
}

/// A record's clean text (empty when it has none).
fn clean_text(record: &Value) -> &str {
    record.get("text").and_then(Value::as_str).unwrap_or("")
}

/// The section of the list `name`: its items as `label: text` lines when those differ
/// (unless `text_elsewhere` says the clean-text diff shows them), or with their input
/// lines when only those differ. Returns the fields it showed.
fn list_section(
    out: &mut String,
    name: &'static str,
    label: &'static str,
    (old, new): (Option<&Value>, Option<&Value>),
    text_elsewhere: bool,
) -> Shown {
    let mut shown = Shown {
        list: name,
        keys: Vec::new(),
    };
    if old == new {
        return shown;
    }
    let plain = |v| item_lines(v, &[label], false);
    let (old_lines, new_lines) = (plain(old), plain(new));
    if old_lines != new_lines {
        if text_elsewhere || section(out, name, &old_lines, &new_lines) {
            shown.keys = vec![label, "text"];
        }
        return shown;
    }
    let numbered = |v| item_lines(v, &[label], true);
    if section(out, name, &numbered(old), &numbered(new)) {
        shown.keys = vec![label, "text", "line"];
    }
    shown
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
        let text = item
            .get("text")
            .map_or_else(String::new, |t| scalar(Some(t)));
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

/// Every changed value under `path` that no section showed, as `path: old -> new`
/// (compact JSON, `(none)` when absent). Objects are entered field by field, so a
/// record turning into an error record lists `error.kind: (none) -> "io"`; lists are
/// aligned item by item, so one inserted block lists that block, not every later one.
fn values(
    out: &mut String,
    covered: &Covered,
    path: &mut Vec<Step>,
    old: Option<&Value>,
    new: Option<&Value>,
) {
    if old == new || covered.covers(path) {
        return;
    }
    match (old, new) {
        (Some(Value::Array(a)), Some(Value::Array(b))) => lists(out, covered, path, a, b),
        _ if is_object(old) && is_object(new) => objects(out, covered, path, old, new),
        _ => {
            let _ = writeln!(out, "{}: {} -> {}", path_name(path), shown(old), shown(new));
        }
    }
}

/// The changed fields of two objects (either may be absent), in key order.
fn objects(
    out: &mut String,
    covered: &Covered,
    path: &mut Vec<Step>,
    old: Option<&Value>,
    new: Option<&Value>,
) {
    let empty = Map::new();
    let old_map = old.and_then(Value::as_object).unwrap_or(&empty);
    let new_map = new.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = old_map.keys().chain(new_map.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        path.push(Step::Key(key.clone()));
        values(out, covered, path, old_map.get(key), new_map.get(key));
        path.pop();
    }
}

/// The changed items of two lists. Items are aligned by a diff of their identities
/// (see [`identity`]): an item found in both lists is entered field by field (named by
/// its index now); within a run of changed items, items are paired in order, and an
/// item without a partner is shown whole (named by its index in its own list).
fn lists(out: &mut String, covered: &Covered, path: &mut Vec<Step>, old: &[Value], new: &[Value]) {
    let ids = |items: &[Value]| items.iter().map(identity).collect::<Vec<_>>();
    for pair in alignment(&ids(old), &ids(new)) {
        let (before, after) = (pair.0.map(|i| &old[i]), pair.1.map(|j| &new[j]));
        let index = pair.1.or(pair.0).unwrap_or_default();
        path.push(Step::Index(index));
        match (before, after) {
            (Some(_), Some(_)) => values(out, covered, path, before, after),
            _ if shown_whole(covered, path, before.or(after)) => {}
            _ => {
                let _ = writeln!(
                    out,
                    "{}: {} -> {}",
                    path_name(path),
                    shown(before),
                    shown(after)
                );
            }
        }
        path.pop();
    }
}

/// Whether a section already shows every field of an item that was added or removed
/// whole (a removed piece the removed-pieces diff lists), so it is not listed again.
fn shown_whole(covered: &Covered, path: &mut Vec<Step>, item: Option<&Value>) -> bool {
    let Some(map) = item.and_then(Value::as_object) else {
        return false;
    };
    map.keys().all(|key| {
        path.push(Step::Key(key.clone()));
        let shown = covered.covers(path);
        path.pop();
        shown
    })
}

/// What names a list item across versions: for an object, its `kind`, `reason` and
/// `text` fields when it has any (so a block whose line or level changed is the same
/// block); otherwise the whole item.
fn identity(item: &Value) -> String {
    let Some(map) = item.as_object() else {
        return item.to_string();
    };
    let named: Map<String, Value> = ["kind", "reason", "text"]
        .iter()
        .filter_map(|key| map.get(*key).map(|v| (key.to_string(), v.clone())))
        .collect();
    match named.is_empty() {
        true => item.to_string(),
        false => Value::Object(named).to_string(),
    }
}

/// The items of two lists side by side, by a diff of their keys: equal items paired,
/// and in each run of changed items the old and new ones paired in order, the rest
/// alone.
fn alignment(old: &[String], new: &[String]) -> Vec<(Option<usize>, Option<usize>)> {
    let mut pairs = Vec::new();
    let mut run: (Range<usize>, Range<usize>) = (0..0, 0..0);
    let flush = |run: &mut (Range<usize>, Range<usize>), pairs: &mut Vec<_>| {
        let (a, b) = (run.0.clone(), run.1.clone());
        for k in 0..a.len().max(b.len()) {
            let i = (k < a.len()).then_some(a.start + k);
            let j = (k < b.len()).then_some(b.start + k);
            pairs.push((i, j));
        }
        *run = (a.end..a.end, b.end..b.end);
    };
    for op in capture_diff_slices(Algorithm::Myers, old, new) {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag == DiffTag::Equal {
            flush(&mut run, &mut pairs);
            pairs.extend(old_range.zip(new_range).map(|(i, j)| (Some(i), Some(j))));
            continue;
        }
        if run.0.is_empty() && run.1.is_empty() {
            run = (
                old_range.start..old_range.start,
                new_range.start..new_range.start,
            );
        }
        run.0.end = old_range.end.max(run.0.end);
        run.1.end = new_range.end.max(run.1.end);
    }
    flush(&mut run, &mut pairs);
    pairs
}

/// Whether a value is an object, or absent (so that a record turning into an error
/// record lists `error.kind: (none) -> "io"`).
fn is_object(value: Option<&Value>) -> bool {
    value.is_none_or(Value::is_object)
}

/// A value as compact JSON, `(none)` when absent.
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

    /// A record with every kind of field the records have or are getting: nested
    /// objects, lists of objects, lists of lists, numbers, booleans, null.
    fn rich() -> Value {
        json!({
            "title": "Title",
            "byline": "Ann Author, PhD",
            "authors": ["Ann Author"],
            "published": "2026-11-30",
            "description": "A summary.",
            "standfirst": null,
            "canonical": "https://example.org/a",
            "lang": "en",
            "text": "Section\n\nOne.\n\nfn main() {}\n\nfirst\n\na\tb",
            "blocks": [
                {"kind": "heading", "text": "Section", "line": 1, "level": 2},
                {"kind": "paragraph", "text": "One.", "line": 3},
                {"kind": "code", "text": "fn main() {}", "line": 5, "language": "rust"},
                {"kind": "list_item", "text": "first", "line": 7, "depth": 1, "ordered": true},
                {"kind": "table", "text": "a\tb", "line": 9, "rows": [["a", "b"], ["1", "2"]]},
            ],
            "removed": [
                {"reason": "share", "text": "Share this", "line": 2},
                {"reason": "newsletter", "text": "Sign up", "line": 4},
            ],
            "warnings": ["short body"],
            "stats": {"kept_chars": 40, "input_bytes": 100, "reasons": {"share": 1}},
        })
    }

    /// Every leaf of `value` (a scalar, an empty list or an empty object) with its
    /// JSON pointer and its name as the diff writes it.
    fn leaves(value: &Value, pointer: String, name: String, out: &mut Vec<(String, String)>) {
        let child = |key: &str| match name.as_str() {
            "" => key.to_string(),
            _ => format!("{name}.{key}"),
        };
        match value {
            Value::Object(map) if !map.is_empty() => {
                for (key, item) in map {
                    leaves(item, format!("{pointer}/{key}"), child(key), out);
                }
            }
            Value::Array(list) if !list.is_empty() => {
                for (index, item) in list.iter().enumerate() {
                    let name = format!("{name}[{index}]");
                    leaves(item, format!("{pointer}/{index}"), name, out);
                }
            }
            _ => out.push((pointer, name)),
        }
    }

    /// A value that differs from `value`, and text the diff must then hold.
    fn mutated(value: &Value) -> (Value, String) {
        match value {
            Value::String(text) => (json!(format!("{text} MUTATED")), "MUTATED".into()),
            Value::Number(n) => {
                let changed = n.as_f64().unwrap_or(0.0) as i64 + 1000;
                (json!(changed), changed.to_string())
            }
            Value::Bool(b) => (json!(!b), (!b).to_string()),
            Value::Null => (json!("MUTATED"), "MUTATED".into()),
            Value::Array(_) => (json!(["MUTATED"]), "MUTATED".into()),
            Value::Object(_) => (json!({"added": "MUTATED"}), "MUTATED".into()),
        }
    }

    #[test]
    fn every_changed_leaf_is_shown() {
        let old = rich();
        let mut all = Vec::new();
        leaves(&old, String::new(), String::new(), &mut all);
        assert!(all.len() > 30, "{all:?}");
        for (pointer, name) in all {
            let mut new = old.clone();
            let leaf = new.pointer_mut(&pointer).unwrap();
            let (value, mark) = mutated(leaf);
            *leaf = value;
            let diff = render(&old, &new);
            assert!(
                diff.contains(&format!("{name}:")) || diff.contains(&mark),
                "changing {name} is not shown:\n{diff}"
            );
        }
    }

    #[test]
    fn every_removed_or_added_field_is_shown() {
        let old = rich();
        let mut all = Vec::new();
        leaves(&old, String::new(), String::new(), &mut all);
        for (pointer, name) in all {
            let (parent, last) = pointer.rsplit_once('/').unwrap();
            let mut new = old.clone();
            let removed = match new.pointer_mut(parent).unwrap() {
                Value::Object(map) => map.remove(last),
                Value::Array(list) => Some(list.remove(last.parse().unwrap())),
                _ => None,
            };
            let removed = removed.unwrap();
            let diff = render(&old, &new);
            assert!(!diff.is_empty(), "removing {name} is not shown");
            let old_text = scalar(Some(&removed));
            assert!(
                diff.contains(&name)
                    || diff
                        .lines()
                        .any(|l| l.starts_with('-') && l.contains(&old_text)),
                "removing {name} is not shown:\n{diff}"
            );
            if let Value::Object(map) = old.pointer(parent).unwrap() {
                let mut added = old.clone();
                let mut map = map.clone();
                map.insert("zz_new".into(), json!(7));
                *added.pointer_mut(parent).unwrap() = Value::Object(map);
                let diff = render(&old, &added);
                assert!(
                    diff.contains("zz_new: (none) -> 7"),
                    "adding under {parent}:\n{diff}"
                );
            }
        }
    }

    #[test]
    fn block_fields_other_than_kind_and_text_are_listed_by_path() {
        let old = rich();
        let mut new = old.clone();
        new["blocks"][0]["level"] = json!(3);
        new["blocks"][4]["rows"][1][0] = json!("9");
        new["warnings"][0] = json!("empty body");
        let diff = render(&old, &new);
        assert!(diff.contains("blocks[0].level: 2 -> 3\n"), "{diff}");
        assert!(
            diff.contains("blocks[4].rows[1][0]: \"1\" -> \"9\"\n"),
            "{diff}"
        );
        assert!(
            diff.contains("warnings[0]: \"short body\" -> \"empty body\"\n"),
            "{diff}"
        );
        assert!(!diff.contains("(expected)"), "{diff}");
    }

    #[test]
    fn a_block_whose_text_alone_changed_is_shown_when_the_clean_text_is_not() {
        let old = rich();
        let mut new = old.clone();
        new["blocks"][1]["text"] = json!("Won.");
        let diff = render(&old, &new);
        assert!(
            diff.contains("-paragraph: One.\n+paragraph: Won.\n"),
            "{diff}"
        );
    }

    #[test]
    fn an_inserted_block_lists_that_block_only() {
        let old = rich();
        let mut new = old.clone();
        let inserted = json!({"kind": "paragraph", "text": "New.", "line": 2, "level": 1});
        new["blocks"].as_array_mut().unwrap().insert(1, inserted);
        let diff = render(&old, &new);
        assert!(diff.contains("+paragraph: New.\n"), "{diff}");
        let whole = "blocks[1]: (none) -> {\"kind\":\"paragraph\",\"level\":1,\"line\":2,\"text\":\"New.\"}\n";
        assert!(diff.contains(whole), "{diff}");
        assert!(!diff.contains("blocks[2]"), "{diff}");
    }

    #[test]
    fn a_removed_block_is_not_paired_with_a_kept_one() {
        let old = rich();
        let mut new = old.clone();
        new["blocks"].as_array_mut().unwrap().remove(0);
        new["blocks"][0]["line"] = json!(30);
        let diff = render(&old, &new);
        assert!(diff.contains("-heading: Section\n"), "{diff}");
        assert!(diff.contains("blocks[0]: {\"kind\":\"heading\""), "{diff}");
        assert!(diff.contains("blocks[0].line: 3 -> 30\n"), "{diff}");
        assert!(!diff.contains("blocks[0].level"), "{diff}");
    }

    #[test]
    fn moved_lines_are_listed_when_the_section_shows_other_changes() {
        let old = rich();
        let mut new = old.clone();
        new["removed"][0]["reason"] = json!("social");
        new["removed"][1]["line"] = json!(6);
        let diff = render(&old, &new);
        assert!(diff.contains("+social: Share this\n"), "{diff}");
        assert!(diff.contains("removed[1].line: 4 -> 6\n"), "{diff}");
    }
}
