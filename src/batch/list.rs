//! `--files-from`: the list of inputs, one path a line.
//!
//! Each line is one path, taken exactly as written (relative paths are relative to
//! the current directory, not to the list), except that a final carriage return is
//! dropped. Empty lines, lines of white space only and lines starting with `#` are
//! skipped (a file whose name starts with `#` can be listed as `./#name`). A line
//! holding only `-` is refused: standard input cannot be one of the listed inputs.

use std::io::{self, BufRead};
use std::path::PathBuf;

use thiserror::Error;

/// Why a list of inputs cannot be used.
#[derive(Debug, Error)]
pub enum ListError {
    /// The list could not be read.
    #[error("cannot read the list {name}: {error}")]
    Read {
        /// The list's name (its path, or `stdin`).
        name: String,
        /// What went wrong.
        error: io::Error,
    },
    /// A line names standard input.
    #[error("{name}:{line}: `-` (standard input) cannot be listed; name files or directories")]
    Stdin {
        /// The list's name.
        name: String,
        /// The line number, from 1.
        line: usize,
    },
}

/// The paths listed by `reader` (named `name` in errors), in order.
pub fn read_list(reader: impl BufRead, name: &str) -> Result<Vec<PathBuf>, ListError> {
    let mut paths = Vec::new();
    for (index, line) in reader.split(b'\n').enumerate() {
        let line = line.map_err(|error| ListError::Read {
            name: name.to_string(),
            error,
        })?;
        let line = line.strip_suffix(b"\r").unwrap_or(&line);
        if skipped(line) {
            continue;
        }
        if line == b"-" {
            return Err(ListError::Stdin {
                name: name.to_string(),
                line: index + 1,
            });
        }
        paths.push(path_of(line));
    }
    Ok(paths)
}

/// Whether a line lists nothing: empty, white space only, or a `#` comment.
fn skipped(line: &[u8]) -> bool {
    line.first() == Some(&b'#') || line.iter().all(u8::is_ascii_whitespace)
}

/// The path a line's bytes name (on Unix any bytes; elsewhere decoded as UTF-8).
#[cfg(unix)]
fn path_of(line: &[u8]) -> PathBuf {
    use std::os::unix::ffi::OsStrExt;
    PathBuf::from(std::ffi::OsStr::from_bytes(line))
}

/// The path a line's bytes name (on Unix any bytes; elsewhere decoded as UTF-8).
#[cfg(not(unix))]
fn path_of(line: &[u8]) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(line).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(text: &[u8]) -> Result<Vec<PathBuf>, ListError> {
        read_list(text, "list")
    }

    #[test]
    fn one_path_a_line_as_written() {
        let paths = list(b"a.html\r\n dir/with space \n/abs/b.warc.gz").unwrap();
        let expected = ["a.html", " dir/with space ", "/abs/b.warc.gz"];
        assert_eq!(paths, expected.map(PathBuf::from));
    }

    #[test]
    fn blank_lines_and_comments_are_skipped() {
        let paths = list(b"\n# the crawl\n  \t\na\n\r\n./#b\n").unwrap();
        assert_eq!(paths, ["a", "./#b"].map(PathBuf::from));
        assert!(list(b"").unwrap().is_empty());
    }

    #[test]
    fn standard_input_cannot_be_listed() {
        let error = list(b"a\n-\n").unwrap_err();
        assert!(matches!(error, ListError::Stdin { line: 2, .. }), "{error}");
        assert_eq!(list(b"./-\n").unwrap(), [PathBuf::from("./-")]);
    }

    #[cfg(unix)]
    #[test]
    fn paths_that_are_not_utf8_are_kept() {
        use std::os::unix::ffi::OsStrExt;
        let paths = list(b"caf\xe9.html\n").unwrap();
        assert_eq!(paths[0].as_os_str().as_bytes(), b"caf\xe9.html");
    }
}
