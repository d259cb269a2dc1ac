//! `--from-jsonl`: documents given one per line of a JSON Lines stream, each an object
//! with an `html` or a `text` field and optionally `id` and `url`.
//!
//! The field holding the document picks the front end (unless the options force one);
//! JSON strings are Unicode, so no charset is involved.
//!
//! Lines are read one at a time, so a stream of any length goes through in bounded
//! memory. Every line gives one [`Source`]: an in-memory document, or, for a line that
//! is not such an object, an error record of kind `jsonl` for that line alone. Blank
//! lines are skipped.

use std::io::{BufRead, Read};

use serde::Deserialize;
use serde_json::Value;

use crate::pipeline::Source;
use crate::record::ErrorInfo;
use crate::Input;

/// The error kind of a line that is not a document.
pub const KIND: &str = "jsonl";

/// The longest line to read for documents of at most `max_bytes` bytes: room for every
/// byte to be escaped as `\uXXXX`, and a mebibyte for the other fields.
pub fn max_line_for(max_bytes: usize) -> usize {
    max_bytes.saturating_mul(6).saturating_add(1 << 20)
}

/// The fields of one line that deboil reads (others are ignored).
#[derive(Debug, Deserialize)]
struct Line {
    html: Option<String>,
    text: Option<String>,
    id: Option<Value>,
    url: Option<String>,
}

/// The documents of a JSON Lines stream, as sources in line order.
pub struct JsonLines<R> {
    reader: R,
    /// How the stream is named in ids and sources: the path as given, `stdin` for `-`.
    name: String,
    /// The number of the last line read (1-based).
    line: usize,
    /// Longest line read in full; a longer one is an error record.
    max_line: usize,
    /// Set once the stream has ended or failed.
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    /// Read `reader`, named `name` in ids and sources (`stdin` for standard input).
    /// A line longer than `max_line` bytes is skipped with an error record of kind
    /// `too_large`.
    pub fn new(reader: R, name: impl Into<String>, max_line: usize) -> Self {
        JsonLines {
            reader,
            name: name.into(),
            line: 0,
            max_line,
            done: false,
        }
    }

    /// The next line's bytes without its line end; `Ok(None)` at the end of the stream,
    /// `Err(length)` for a line over the limit (the rest of it read and dropped).
    fn next_line(&mut self) -> std::io::Result<Option<Result<Vec<u8>, usize>>> {
        let mut bytes = Vec::new();
        let limit = u64::try_from(self.max_line).unwrap_or(u64::MAX);
        let read = (&mut self.reader)
            .take(limit)
            .read_until(b'\n', &mut bytes)?;
        if read == 0 {
            return Ok(None);
        }
        self.line += 1;
        if bytes.last() == Some(&b'\n') {
            bytes.pop();
            if bytes.last() == Some(&b'\r') {
                bytes.pop();
            }
            return Ok(Some(Ok(bytes)));
        }
        if bytes.len() < self.max_line {
            return Ok(Some(Ok(bytes)));
        }
        let mut skipped = bytes.len();
        loop {
            let buffer = self.reader.fill_buf()?;
            if buffer.is_empty() {
                break;
            }
            let (used, ended) = match buffer.iter().position(|b| *b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            self.reader.consume(used);
            skipped += used - usize::from(ended);
            if ended {
                break;
            }
        }
        Ok(Some(Err(skipped)))
    }

    /// `FILE:LINE` of the current line.
    fn place(&self) -> String {
        format!("{}:{}", self.name, self.line)
    }

    /// The source for one line's bytes.
    fn source(&self, bytes: &[u8]) -> Source {
        let place = self.place();
        match document(bytes) {
            Ok((id, input)) => Source::memory(id.unwrap_or_else(|| place.clone()), place, input),
            Err(message) => Source::invalid(place.clone(), place, error(KIND, message)),
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Source;

    fn next(&mut self) -> Option<Source> {
        while !self.done {
            match self.next_line() {
                Ok(None) => self.done = true,
                Ok(Some(Ok(bytes))) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Some(Ok(bytes))) => return Some(self.source(&bytes)),
                Ok(Some(Err(length))) => {
                    let message = format!(
                        "line of {length} bytes is over the limit of {} bytes; skipped",
                        self.max_line
                    );
                    let place = self.place();
                    return Some(Source::invalid(
                        place.clone(),
                        place,
                        error("too_large", message),
                    ));
                }
                Err(failure) => {
                    self.done = true;
                    self.line += 1;
                    let place = self.place();
                    let message = format!("cannot read the stream: {failure}");
                    return Some(Source::invalid(place.clone(), place, error("io", message)));
                }
            }
        }
        None
    }
}

/// An error record's error.
fn error(kind: &str, message: String) -> ErrorInfo {
    ErrorInfo {
        kind: kind.to_string(),
        message,
    }
}

/// The document of one line and its `id`, or why the line is not one.
fn document(bytes: &[u8]) -> Result<(Option<String>, Input<'static>), String> {
    let line: Line = serde_json::from_slice(bytes).map_err(|e| match e.classify() {
        serde_json::error::Category::Data => format!("not a document object: {e}"),
        _ => format!("not valid JSON: {e}"),
    })?;
    let id = line.id.map(id_text).transpose()?;
    let (body, media) = match (line.html, line.text) {
        (Some(html), None) => (html, "text/html"),
        (None, Some(text)) => (text, "text/plain"),
        (Some(_), Some(_)) => return Err("has both `html` and `text`; give one".to_string()),
        (None, None) => return Err("has neither an `html` nor a `text` field".to_string()),
    };
    let content_type = format!("{media}; charset=utf-8");
    let mut input = Input::new(body.into_bytes()).with_content_type(content_type);
    if let Some(url) = line.url {
        input = input.with_url(url);
    }
    Ok((id, input))
}

/// A line's `id` as text: a string as it is, a number written out.
fn id_text(id: Value) -> Result<String, String> {
    match id {
        Value::String(text) if !text.is_empty() => Ok(text),
        Value::Number(number) => Ok(number.to_string()),
        other => Err(format!(
            "`id` must be a non-empty string or a number, not {other}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Input as Place;

    fn sources(text: &str, max_line: usize) -> Vec<Source> {
        JsonLines::new(text.as_bytes(), "in.jsonl", max_line).collect()
    }

    #[test]
    fn lines_become_documents_with_ids_urls_and_front_ends() {
        let text = "{\"html\":\"<p>x</p>\",\"id\":\"a\",\"url\":\"https://x.example/\"}\n\
                    \n\
                    {\"text\":\"words\",\"id\":7,\"extra\":[1]}\r\n\
                    {\"text\":\"last, no newline\"}";
        let found = sources(text, 1000);
        let ids: Vec<&str> = found.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a", "7", "in.jsonl:4"]);
        assert_eq!(found[1].source, "in.jsonl:3");
        let Place::Memory(first) = &found[0].input else {
            panic!("a document expected: {:?}", found[0].input);
        };
        assert_eq!(first.bytes(), b"<p>x</p>");
        assert_eq!(first.url(), Some("https://x.example/"));
        assert_eq!(first.content_type(), Some("text/html; charset=utf-8"));
        let Place::Memory(second) = &found[1].input else {
            panic!("a document expected");
        };
        assert_eq!(second.content_type(), Some("text/plain; charset=utf-8"));
    }

    #[test]
    fn bad_lines_are_error_records_and_reading_goes_on() {
        let text = "not json\n[1,2]\n{\"id\":\"x\"}\n{\"html\":\"a\",\"text\":\"b\"}\n\
                    {\"text\":\"t\",\"id\":\"\"}\n{\"text\":\"t\",\"id\":[1]}\n{\"text\":\"t\",\"id\":null}\n";
        let found = sources(text, 1000);
        assert_eq!(found.len(), 7);
        for (i, source) in found.iter().take(6).enumerate() {
            let Place::Invalid(error) = &source.input else {
                panic!("line {} should be invalid: {:?}", i + 1, source.input);
            };
            assert_eq!(error.kind, KIND);
            assert_eq!(source.id, format!("in.jsonl:{}", i + 1));
        }
        assert!(matches!(found[6].input, Place::Memory(_)));
        assert_eq!(found[6].id, "in.jsonl:7", "a null id is no id");
    }

    #[test]
    fn an_overlong_line_is_skipped_whole() {
        let long = format!("{{\"text\":\"{}\"}}", "a".repeat(5000));
        let text = format!("{long}\n{{\"text\":\"after\"}}\n");
        let found = sources(&text, 100);
        assert_eq!(found.len(), 2);
        let Place::Invalid(error) = &found[0].input else {
            panic!("too long");
        };
        assert_eq!(error.kind, "too_large");
        assert!(error.message.contains("5011 bytes"), "{}", error.message);
        assert_eq!(found[1].id, "in.jsonl:2");
    }
}
