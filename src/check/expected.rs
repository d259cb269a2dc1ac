//! Expected records on disk: where the expected record of an input lives, which fields
//! of a record are compared, and reading and writing expected records.
//!
//! The expected record of `dir/page.html` is `dir/page.html.expected.json`: the whole
//! input name plus `.expected.json`, so `page.html` and `page.txt` in one directory
//! never share one. It is the input's record (article or error record) as pretty JSON
//! with sorted keys and a final newline, without its volatile fields.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::output::OutputFile;
use crate::record::{Article, ErrorRecord};

/// What an input's file name is followed by to name its expected record.
pub const SUFFIX: &str = ".expected.json";

/// Top-level record fields left out of expected records and of the comparison: they
/// name the input (as the expected record's place already does) and change with the
/// directory argument the check is run on.
pub const VOLATILE_FIELDS: &[&str] = &["id", "source"];

/// Timing-like fields, left out at any depth (the record has none today; a timing added
/// later must not make every fixture differ on every run).
pub const TIMING_FIELDS: &[&str] = &[
    "seconds",
    "elapsed",
    "elapsed_ms",
    "duration",
    "duration_ms",
    "timings",
];

/// The expected record's path for the input at `input`.
pub fn path_for(input: &Path) -> PathBuf {
    let mut name = input.as_os_str().to_os_string();
    name.push(SUFFIX);
    PathBuf::from(name)
}

/// The input an expected record belongs to, or `None` when `path` is no expected record.
pub fn input_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(SUFFIX)?;
    (!stem.is_empty()).then(|| path.with_file_name(stem))
}

/// The comparable form of a record: its JSON without volatile and timing fields.
pub fn comparable(record: &Result<Article, ErrorRecord>) -> Value {
    let value = match record {
        Ok(article) => serde_json::to_value(article),
        Err(error) => serde_json::to_value(error),
    };
    // Serializing these plain serde types cannot fail; a null would show as a difference.
    strip_volatile(value.unwrap_or(Value::Null))
}

/// `value` without the volatile top-level fields and timing fields at any depth.
pub fn strip_volatile(mut value: Value) -> Value {
    if let Value::Object(map) = &mut value {
        for field in VOLATILE_FIELDS {
            map.remove(*field);
        }
    }
    strip_timings(&mut value);
    value
}

/// Remove timing fields from every object inside `value`.
fn strip_timings(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|key, _| !TIMING_FIELDS.contains(&key.as_str()));
            map.values_mut().for_each(strip_timings);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_timings),
        _ => {}
    }
}

/// Read the expected record at `path`: `Ok(None)` when there is none, an error message
/// when it cannot be read or parsed.
pub fn load(path: &Path) -> Result<Option<Value>, String> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(error.to_string()),
    };
    serde_json::from_str(&text)
        .map(|value| Some(strip_volatile(value)))
        .map_err(|error| format!("not valid JSON: {error}"))
}

/// The text of an expected record: pretty JSON, sorted keys, a final newline.
pub fn render(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "null".to_string());
    text.push('\n');
    text
}

/// Write `value` as the expected record at `path`, under a temporary name renamed over
/// the target when complete.
pub fn write(path: &Path, value: &Value) -> io::Result<()> {
    let mut file = OutputFile::create(path)?;
    file.write_all(render(value).as_bytes())?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expected_path_keeps_the_whole_input_name() {
        let html = path_for(Path::new("a/page.html"));
        let text = path_for(Path::new("a/page.txt"));
        assert_eq!(html, Path::new("a/page.html.expected.json"));
        assert_ne!(html, text);
        assert_eq!(input_of(&html).as_deref(), Some(Path::new("a/page.html")));
        assert_eq!(input_of(Path::new("a/page.json")), None);
        assert_eq!(input_of(Path::new("a/.expected.json")), None);
    }

    #[test]
    fn volatile_and_timing_fields_are_dropped_at_any_depth() {
        let value = json!({"id": "x", "source": "/abs/x", "title": "T",
            "stats": {"seconds": 1.5, "kept_chars": 3}});
        let stripped = strip_volatile(value);
        assert_eq!(stripped, json!({"title": "T", "stats": {"kept_chars": 3}}));
    }

    #[test]
    fn records_round_trip_through_disk() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.txt.expected.json");
        assert_eq!(load(&path), Ok(None));
        let value = json!({"b": 1, "a": "é"});
        write(&path, &value).unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("{\n  \"a\": \"é\""), "{text}");
        assert!(text.ends_with("}\n"));
        assert_eq!(load(&path), Ok(Some(value)));
        fs::write(&path, "{oops").unwrap();
        assert!(load(&path).unwrap_err().contains("not valid JSON"));
    }
}
