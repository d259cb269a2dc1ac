//! Batch plumbing: turning path arguments into a sorted list of [`Source`]s, and
//! cleaning one source into an article or an error record.

use std::fs::File;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use walkdir::{DirEntry, WalkDir};

use crate::error::CleanError;
use crate::record::{Article, ErrorInfo, ErrorRecord};
use crate::Options;

/// File name endings picked when walking a directory.
pub const PICKED_EXTENSIONS: &[&str] = &[".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz"];

/// Where the bytes of a source come from.
#[derive(Debug)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file on disk.
    File(PathBuf),
    /// A path that could not be listed (missing, unreadable directory): it becomes an
    /// error record without being read.
    Unavailable(io::Error),
}

/// One input of a batch, with the identifiers its record will carry.
#[derive(Debug)]
pub struct Source {
    /// The record's `id`: the path relative to the directory argument it was found
    /// under, the path as given for a file argument, or `stdin`.
    pub id: String,
    /// The record's `source`: the path as given or found, or `-` for standard input.
    pub source: String,
    /// Where to read it from.
    pub input: Input,
}

impl Source {
    /// The standard-input source.
    pub fn stdin() -> Self {
        Source {
            id: "stdin".to_string(),
            source: "-".to_string(),
            input: Input::Stdin,
        }
    }

    /// A file named by an argument: `id` and `source` are the path as given.
    pub fn file(path: &Path) -> Self {
        let shown = path.display().to_string();
        Source {
            id: shown.clone(),
            source: shown,
            input: Input::File(path.to_path_buf()),
        }
    }

    /// A path that cannot be read, with the reason.
    pub fn unavailable(path: &Path, error: io::Error) -> Self {
        let shown = path.display().to_string();
        Source {
            id: shown.clone(),
            source: shown,
            input: Input::Unavailable(error),
        }
    }

    /// The file name, as a hint for the choice of front end (`None` for standard input).
    pub fn name_hint(&self) -> Option<&str> {
        match &self.input {
            Input::File(path) => path.file_name().and_then(|n| n.to_str()),
            _ => None,
        }
    }
}

/// Whether a file name is one the directory walk picks (`.txt`, `.html`, `.htm`, and
/// those followed by `.gz`; case-insensitive).
pub fn is_picked(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    PICKED_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

/// Turn path arguments into sources, in order: `-` is standard input, a directory is
/// walked recursively (sorted by file name, hidden entries skipped, only picked
/// extensions), anything else is taken as a file. No arguments means standard input.
/// Paths that do not exist become [`Input::Unavailable`] sources so the batch goes on.
pub fn collect_sources(args: &[PathBuf]) -> Vec<Source> {
    if args.is_empty() {
        return vec![Source::stdin()];
    }
    let mut sources = Vec::new();
    for arg in args {
        if arg.as_os_str() == "-" {
            sources.push(Source::stdin());
        } else if arg.is_dir() {
            sources.extend(walk_directory(arg));
        } else {
            match std::fs::metadata(arg) {
                Ok(_) => sources.push(Source::file(arg)),
                Err(error) => sources.push(Source::unavailable(arg, error)),
            }
        }
    }
    sources
}

/// The picked files under `dir`, sorted by file name at every level.
pub fn walk_directory(dir: &Path) -> Vec<Source> {
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry));
    let mut sources = Vec::new();
    for entry in walker {
        match entry {
            Ok(entry) => sources.extend(source_for_entry(dir, &entry)),
            Err(error) => {
                let path = error.path().unwrap_or(dir).to_path_buf();
                sources.push(Source::unavailable(&path, error.into()));
            }
        }
    }
    sources
}

/// Whether a walk entry is hidden (its name starts with a dot).
fn is_hidden(entry: &DirEntry) -> bool {
    entry.file_name().to_string_lossy().starts_with('.')
}

/// The source for one walk entry, if it is a picked file (or a link to one).
fn source_for_entry(dir: &Path, entry: &DirEntry) -> Option<Source> {
    let is_file =
        entry.file_type().is_file() || (entry.path_is_symlink() && entry.path().is_file());
    if !is_file || !is_picked(&entry.file_name().to_string_lossy()) {
        return None;
    }
    let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
    Some(Source {
        id: relative.to_string_lossy().replace('\\', "/"),
        source: entry.path().display().to_string(),
        input: Input::File(entry.path().to_path_buf()),
    })
}

/// Read a source's bytes, refusing (without reading it all) anything over `max_bytes`.
pub fn read_source(source: &Source, max_bytes: usize) -> Result<Vec<u8>, CleanError> {
    let path = match &source.input {
        Input::Stdin => PathBuf::from("-"),
        Input::File(path) => path.clone(),
        Input::Unavailable(error) => {
            return Err(CleanError::Io {
                path: PathBuf::from(&source.source),
                source: io::Error::new(error.kind(), error.to_string()),
            })
        }
    };
    let io_error = |source| CleanError::Io {
        path: path.clone(),
        source,
    };
    let bytes = match &source.input {
        Input::Stdin => read_capped(io::stdin().lock(), max_bytes),
        _ => File::open(&path).and_then(|file| read_capped(file, max_bytes)),
    }
    .map_err(io_error)?;
    if bytes.len() > max_bytes {
        return Err(CleanError::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// Read at most `max_bytes + 1` bytes (one more than allowed, to notice an excess).
fn read_capped(reader: impl Read, max_bytes: usize) -> io::Result<Vec<u8>> {
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    reader.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Clean one source: read it, clean it with [`crate::clean_bytes`], and fill in the
/// record's `id` and `source`. Any failure — including a panic inside the cleaner,
/// reported as kind `internal` — becomes an [`ErrorRecord`], so one bad input never
/// stops a batch.
pub fn clean_source(source: &Source, options: &Options) -> Result<Article, ErrorRecord> {
    let bytes = read_source(source, options.max_bytes).map_err(|e| error_record(source, &e))?;
    let cleaned = panic::catch_unwind(AssertUnwindSafe(|| {
        crate::clean_bytes(&bytes, source.name_hint(), options)
    }));
    match cleaned {
        Ok(Ok(mut article)) => {
            article.id = source.id.clone();
            article.source = source.source.clone();
            Ok(article)
        }
        Ok(Err(error)) => Err(error_record(source, &error)),
        Err(payload) => Err(ErrorRecord {
            id: source.id.clone(),
            source: source.source.clone(),
            error: ErrorInfo {
                kind: "internal".to_string(),
                message: format!("the cleaner failed: {}", panic_message(payload.as_ref())),
            },
        }),
    }
}

/// The message carried by a panic payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// The error record for a failed source.
pub fn error_record(source: &Source, error: &CleanError) -> ErrorRecord {
    ErrorRecord {
        id: source.id.clone(),
        source: source.source.clone(),
        error: error_info(error),
    }
}

/// Kind and message of an error; an I/O error's message leaves out the path, which the
/// record already carries.
pub fn error_info(error: &CleanError) -> ErrorInfo {
    let message = match error {
        CleanError::Io { source, .. } => source.to_string(),
        other => other.to_string(),
    };
    ErrorInfo {
        kind: error.kind().to_string(),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/sub")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        for name in [
            "z.txt",
            "a.html",
            "b/sub/c.htm",
            "b/d.txt.gz",
            "b/e.HTML.gz",
            "notes.md",
            "image.png",
            ".secret.txt",
            ".hidden/x.txt",
        ] {
            fs::write(root.join(name), "x").unwrap();
        }
        dir
    }

    #[test]
    fn directory_walk_is_sorted_filtered_and_relative() {
        let dir = tree();
        let sources = collect_sources(&[dir.path().to_path_buf()]);
        let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "a.html",
                "b/d.txt.gz",
                "b/e.HTML.gz",
                "b/sub/c.htm",
                "z.txt"
            ]
        );
        let expected = dir.path().join("b/sub/c.htm").display().to_string();
        assert_eq!(sources[3].source, expected);
        assert_eq!(sources[3].name_hint(), Some("c.htm"));
    }

    #[test]
    fn file_arguments_keep_the_path_as_given_and_any_extension() {
        let dir = tree();
        let path = dir.path().join("notes.md");
        let sources = collect_sources(std::slice::from_ref(&path));
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].id, path.display().to_string());
        assert!(matches!(sources[0].input, Input::File(_)));
    }

    #[test]
    fn stdin_is_the_default_and_dash() {
        let none = collect_sources(&[]);
        assert_eq!(
            (none[0].id.as_str(), none[0].source.as_str()),
            ("stdin", "-")
        );
        let dash = collect_sources(&[PathBuf::from("-")]);
        assert!(matches!(dash[0].input, Input::Stdin));
    }

    #[test]
    fn missing_paths_become_io_error_records() {
        let sources = collect_sources(&[PathBuf::from("/no/such/file.txt")]);
        let record = clean_source(&sources[0], &Options::default()).unwrap_err();
        assert_eq!(record.id, "/no/such/file.txt");
        assert_eq!(record.error.kind, "io");
        assert!(record.error.message.contains("No such file"), "{record:?}");
    }

    #[test]
    fn binary_file_becomes_a_binary_error_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.html");
        fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let record = clean_source(&Source::file(&path), &Options::default()).unwrap_err();
        assert_eq!(record.error.kind, "binary");
    }

    #[test]
    fn oversized_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        fs::write(&path, vec![b'a'; 5000]).unwrap();
        let err = read_source(&Source::file(&path), 1000).unwrap_err();
        assert!(matches!(err, CleanError::TooLarge { limit: 1000 }));
        assert_eq!(read_source(&Source::file(&path), 5000).unwrap().len(), 5000);
    }

    #[test]
    fn picked_extensions() {
        assert!(is_picked("a.TXT"));
        assert!(is_picked("a.htm.gz"));
        assert!(!is_picked("a.gz"));
        assert!(!is_picked("a.json"));
    }
}
