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

/// The sources of a batch, and the directory arguments that held nothing to clean.
#[derive(Debug, Default)]
pub struct Collected {
    /// The sources, in argument and walk order.
    pub sources: Vec<Source>,
    /// Directory arguments whose walk found no picked file (and no unreadable entry).
    pub empty_dirs: Vec<PathBuf>,
}

/// Turn path arguments into sources, in order: `-` is standard input, a directory is
/// walked recursively (sorted by file name, hidden entries skipped, only picked
/// extensions), anything else is taken as a file. No arguments means standard input.
/// Paths that do not exist become [`Input::Unavailable`] sources so the batch goes on;
/// directories that yield no source at all are listed in [`Collected::empty_dirs`].
pub fn collect_sources(args: &[PathBuf]) -> Collected {
    let mut collected = Collected::default();
    if args.is_empty() {
        collected.sources.push(Source::stdin());
        return collected;
    }
    for arg in args {
        if arg.as_os_str() == "-" {
            collected.sources.push(Source::stdin());
        } else if arg.is_dir() {
            let found = walk_directory(arg);
            if found.is_empty() {
                collected.empty_dirs.push(arg.clone());
            }
            collected.sources.extend(found);
        } else {
            collected.sources.push(file_argument(arg));
        }
    }
    collected
}

/// The source for a path argument that is not a directory. Unlike walked entries,
/// a named FIFO or device is read as given (`deboil clean <(curl ...)` works).
fn file_argument(path: &Path) -> Source {
    match std::fs::metadata(path) {
        Ok(_) => Source::file(path),
        Err(error) => Source::unavailable(path, error),
    }
}

/// The picked files under `dir`, sorted by file name at every level. Picked names
/// that cannot be cleaned — dangling symbolic links, FIFOs, sockets, devices — become
/// [`Input::Unavailable`] sources (never opened, so a FIFO cannot block the walk), as
/// do entries the walk cannot read.
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

/// The source for one walk entry with a picked name: the file (or the file a link
/// points to), or an unavailable source for a dangling link or a non-regular file.
/// Directories and entries with other names give none.
fn source_for_entry(dir: &Path, entry: &DirEntry) -> Option<Source> {
    if !is_picked(&entry.file_name().to_string_lossy()) {
        return None;
    }
    let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
    let id = relative.to_string_lossy().replace('\\', "/");
    let input = match entry_input(entry)? {
        Ok(()) => Input::File(entry.path().to_path_buf()),
        Err(error) => Input::Unavailable(error),
    };
    Some(Source {
        id,
        source: entry.path().display().to_string(),
        input,
    })
}

/// Whether a walk entry can be read as a file: `Ok` for a regular file (followed
/// through links), an error for a dangling link or another kind of file, `None` for
/// a directory.
fn entry_input(entry: &DirEntry) -> Option<io::Result<()>> {
    let file_type = if entry.path_is_symlink() {
        match std::fs::metadata(entry.path()) {
            Ok(target) => target.file_type(),
            Err(error) => return Some(Err(dangling_link(&error))),
        }
    } else {
        entry.file_type()
    };
    if file_type.is_dir() {
        return None;
    }
    if file_type.is_file() {
        return Some(Ok(()));
    }
    Some(Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("not a regular file ({}); skipped", describe(file_type)),
    )))
}

/// The error for a symbolic link whose target cannot be reached.
fn dangling_link(error: &io::Error) -> io::Error {
    io::Error::new(
        error.kind(),
        format!("dangling symbolic link ({error}); skipped"),
    )
}

/// A name for a kind of file that is neither a regular file nor a directory.
fn describe(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "FIFO";
        }
        if file_type.is_socket() {
            return "socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "device";
        }
    }
    if file_type.is_symlink() {
        return "symbolic link";
    }
    "special file"
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
        let sources = collect_sources(&[dir.path().to_path_buf()]).sources;
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
        let sources = collect_sources(std::slice::from_ref(&path)).sources;
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].id, path.display().to_string());
        assert!(matches!(sources[0].input, Input::File(_)));
    }

    #[test]
    fn stdin_is_the_default_and_dash() {
        let none = collect_sources(&[]).sources;
        assert_eq!(
            (none[0].id.as_str(), none[0].source.as_str()),
            ("stdin", "-")
        );
        let dash = collect_sources(&[PathBuf::from("-")]).sources;
        assert!(matches!(dash[0].input, Input::Stdin));
    }

    #[test]
    fn missing_paths_become_io_error_records() {
        let sources = collect_sources(&[PathBuf::from("/no/such/file.txt")]).sources;
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
    fn directories_without_picked_files_are_reported_as_empty() {
        let dir = tree();
        let empty = tempfile::tempdir().unwrap();
        fs::write(empty.path().join("notes.md"), "x").unwrap();
        let args = [dir.path().to_path_buf(), empty.path().to_path_buf()];
        let collected = collect_sources(&args);
        assert_eq!(collected.sources.len(), 5);
        assert_eq!(collected.empty_dirs, vec![empty.path().to_path_buf()]);
    }

    #[cfg(unix)]
    #[test]
    fn dangling_links_and_fifos_in_a_walk_become_error_records() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("a.txt"), "A story.").unwrap();
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("b.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("c.txt")).unwrap();
        std::os::unix::fs::symlink(root.join("gone"), root.join("ignored.md")).unwrap();
        let status = std::process::Command::new("mkfifo")
            .arg(root.join("d.html"))
            .status()
            .unwrap();
        assert!(status.success());
        let sources = collect_sources(&[root.to_path_buf()]).sources;
        let ids: Vec<&str> = sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a.txt", "b.txt", "c.txt", "d.html"]);
        assert!(matches!(sources[2].input, Input::File(_)));
        let dangling = clean_source(&sources[1], &Options::default()).unwrap_err();
        assert_eq!(dangling.error.kind, "io");
        assert!(
            dangling.error.message.starts_with("dangling symbolic link"),
            "{dangling:?}"
        );
        let fifo = clean_source(&sources[3], &Options::default()).unwrap_err();
        assert_eq!(fifo.error.kind, "io");
        assert_eq!(fifo.error.message, "not a regular file (FIFO); skipped");
    }

    #[test]
    fn picked_extensions() {
        assert!(is_picked("a.TXT"));
        assert!(is_picked("a.htm.gz"));
        assert!(!is_picked("a.gz"));
        assert!(!is_picked("a.json"));
    }
}
