//! The article record: what deboil writes for every input (serde types).

use serde::{Deserialize, Serialize};

use crate::block::{BlockKind, Structure};
use crate::error::CleanError;
use crate::reason::Reason;
use crate::warc::WarcInfo;

/// Which front end read the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InputKind {
    /// Plain text, usually the output of an earlier extractor.
    Text,
    /// A raw HTML page.
    Html,
}

/// One clean article: the record deboil emits per input document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: the file path relative to the argument it was found under, or `stdin`.
    pub id: String,
    /// The path as it was given (or `-` for standard input).
    pub source: String,
    /// Which front end read the input.
    pub input: InputKind,
    /// The headline, without site-name decoration; `null` when the input has none.
    pub title: Option<String>,
    /// The summary the page prints under the headline, set apart from the body (a deck,
    /// a standfirst); `null` when the page prints none. Never repeated as the first body
    /// block.
    pub standfirst: Option<String>,
    /// The page's own summary from its metadata (HTML: `og:description`, `<meta
    /// name=description>`, `twitter:description`, JSON-LD `description`), whether or not
    /// the page prints it; `null` for text input and pages without one.
    #[serde(default)]
    pub description: Option<String>,
    /// Publication date, in one of two ISO 8601 shapes: `YYYY-MM-DD`, or
    /// `YYYY-MM-DDTHH:MM:SS±HH:MM` when the source gives a time with its offset from UTC
    /// (UTC written `+00:00`). A time without an offset gives the date alone.
    pub published: Option<String>,
    /// The byline: the author names of [`Article::authors`] as one of the page's author
    /// values prints them together ("Jane Doe and John Roe"), else joined by ", ", without "By",
    /// roles or dates; when a page names no person but credits an organisation, that
    /// organisation (which is not in `authors`).
    pub byline: Option<String>,
    /// The people named as authors, one name each, credentials kept with the name
    /// ("Jane Doe, MD, PhD" is one person); always present, empty when none is named.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Name of the publishing site.
    pub site: Option<String>,
    /// The address the input was fetched from, as the caller gave it (`--url`, a JSON
    /// Lines `url`, [`crate::Input::with_url`]); `null` when none was given.
    pub url: Option<String>,
    /// The page's own canonical URL (`<link rel=canonical>`, else `og:url` or the
    /// JSON-LD `url`), resolved against `url` when relative.
    pub canonical: Option<String>,
    /// ISO 639-1 language code of the body.
    pub lang: Option<String>,
    /// The clean body: block texts joined by a blank line (headings included, no title, no standfirst).
    pub text: String,
    /// The body as typed blocks, in input order.
    pub blocks: Vec<BodyBlock>,
    /// Every piece taken out, in input order, with the reason. Empty unless explaining.
    pub removed: Vec<Removal>,
    /// Notes about how the input was read (for example a lossy decoding).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// Size accounting.
    pub stats: Stats,
    /// Where the record came from in a WARC file (`file`, `offset`, `record_id`,
    /// `date`); written only for records read from a WARC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc: Option<WarcInfo>,
}

/// A block of the clean body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BodyBlock {
    /// What the block is.
    pub kind: BlockKind,
    /// Its normalised text.
    pub text: String,
    /// The 1-based input line where it starts (text) or its block position (HTML), on
    /// the same scale as [`Removal::line`], so kept and removed pieces can be shown in
    /// input order.
    #[serde(default)]
    pub line: usize,
    /// Heading `level`, table `rows`, code `lang`, list item `depth` and `number`,
    /// each written only when present.
    #[serde(flatten)]
    pub structure: Structure,
}

impl BodyBlock {
    /// A block of `kind` with no structure beyond its text.
    pub fn new(kind: BlockKind, text: String, line: usize) -> Self {
        BodyBlock {
            kind,
            text,
            line,
            structure: Structure::default(),
        }
    }
}

/// A piece of the input that was removed, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Why it went (a code from the closed list in [`Reason`]).
    pub reason: Reason,
    /// The removed text, normalised.
    pub text: String,
    /// The 1-based input line where it starts (text input) or its block position (HTML input).
    pub line: usize,
}

/// Size accounting for one record.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Bytes of input read (after decompression).
    pub input_bytes: usize,
    /// Characters kept in title, standfirst and body.
    pub kept_chars: usize,
    /// Characters of all removed pieces.
    pub removed_chars: usize,
}

/// The record written for an input that could not be cleaned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorRecord {
    /// Same identifier scheme as [`Article::id`].
    pub id: String,
    /// The path as given.
    pub source: String,
    /// What went wrong.
    pub error: ErrorInfo,
    /// Where the record came from in a WARC file, as [`Article::warc`]; written only
    /// for records read from a WARC (boxed: error records stay small).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc: Option<Box<WarcInfo>>,
}

/// The kind and message of a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorInfo {
    /// A short machine-readable kind (`io`, `binary`, `too_large`, `gzip`, ...).
    pub kind: String,
    /// A human-readable explanation.
    pub message: String,
}

impl From<&CleanError> for ErrorInfo {
    /// The kind and message written in an error record for `error`; an I/O error's
    /// message leaves out the path, which the record carries already.
    fn from(error: &CleanError) -> Self {
        let message = match error {
            CleanError::Io { source, .. } => source.to_string(),
            other => other.to_string(),
        };
        ErrorInfo {
            kind: error.kind().to_string(),
            message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_info_has_the_kind_and_an_io_message_without_the_path() {
        let io = CleanError::Io {
            path: "secret/dir/page.html".into(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "gone"),
        };
        let info = ErrorInfo::from(&io);
        assert_eq!((info.kind.as_str(), info.message.as_str()), ("io", "gone"));
        let info = ErrorInfo::from(&CleanError::TooLarge { limit: 10 });
        assert_eq!(info.kind, "too_large");
        assert!(info.message.contains("10 bytes"), "{}", info.message);
    }
}
