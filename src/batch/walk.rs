//! Turning path arguments into [`Source`]s: directories are walked recursively in
//! file-name order, with hidden entries, symbolic links and glob filters handled as
//! [`WalkOptions`] say.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use globset::{Glob, GlobSet, GlobSetBuilder};
use walkdir::{DirEntry, WalkDir};

use crate::pipeline::{Input, Origin, Source};

/// File name endings picked when walking a directory.
pub const PICKED_EXTENSIONS: &[&str] = &[
    ".txt", ".html", ".htm", ".txt.gz", ".html.gz", ".htm.gz", ".warc", ".warc.gz",
];

/// How directory arguments are walked.
#[derive(Debug, Clone, Default)]
pub struct WalkOptions {
    /// Enter hidden directories and pick hidden files (names starting with a dot).
    pub hidden: bool,
    /// Follow symbolic links to directories; a link back to one of its ancestors
    /// becomes an error record instead of an endless walk.
    pub follow_links: bool,
    /// When set, the files picked are those whose path relative to the directory
    /// argument matches one of these globs, whatever their extension (`*.php`,
    /// extension-less mirror files); when unset, files with a picked extension.
    pub include: Option<GlobSet>,
    /// Files and directories whose path relative to the directory argument matches one
    /// of these globs are left out (a directory's whole subtree with it).
    pub exclude: Option<GlobSet>,
}

impl WalkOptions {
    /// Keep only files matching one of `globs` (no globs: every picked file).
    pub fn with_include(mut self, globs: &[Glob]) -> Result<Self, globset::Error> {
        self.include = glob_set(globs)?;
        Ok(self)
    }

    /// Leave out files and directories matching one of `globs`.
    pub fn with_exclude(mut self, globs: &[Glob]) -> Result<Self, globset::Error> {
        self.exclude = glob_set(globs)?;
        Ok(self)
    }

    /// Whether the walk goes into (or, for a file, looks at) the entry at `relative`.
    fn enters(&self, relative: &Path) -> bool {
        (self.hidden || !is_hidden(relative)) && !matches(self.exclude.as_ref(), relative)
    }

    /// Whether the file named `name` at `relative` is picked: it matches an include
    /// glob, or, without include globs, it has a picked extension.
    fn selects(&self, name: &str, relative: &Path) -> bool {
        match &self.include {
            Some(set) => set.is_match(relative),
            None => is_picked(name),
        }
    }

    /// Whether any filter beyond the default one (hidden entries skipped) is set.
    pub fn filters(&self) -> bool {
        self.include.is_some() || self.exclude.is_some()
    }
}

/// A set of globs, or `None` for no globs at all.
fn glob_set(globs: &[Glob]) -> Result<Option<GlobSet>, globset::Error> {
    if globs.is_empty() {
        return Ok(None);
    }
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(glob.clone());
    }
    builder.build().map(Some)
}

/// Whether `set` is there and matches `path`.
fn matches(set: Option<&GlobSet>, path: &Path) -> bool {
    set.is_some_and(|set| set.is_match(path))
}

/// Whether a path's last component is hidden (starts with a dot).
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

/// Whether a file name is one the directory walk picks (`.txt`, `.html`, `.htm`, and
/// those followed by `.gz`; case-insensitive).
pub fn is_picked(name: &str) -> bool {
    picked_extension(name).is_some()
}

/// The longest picked extension `name` ends with (case-insensitive), if any.
pub fn picked_extension(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    PICKED_EXTENSIONS
        .iter()
        .filter(|ext| lower.ends_with(*ext))
        .max_by_key(|ext| ext.len())
        .copied()
}

/// The sources of a batch, and the directory arguments that held nothing to clean.
#[derive(Debug, Default)]
pub struct Collected {
    /// The sources, in argument and walk order.
    pub sources: Vec<Source>,
    /// Directory arguments whose walk found no picked file (and no unreadable entry).
    pub empty_dirs: Vec<PathBuf>,
}

/// [`collect_sources_with`] with the default walk (hidden entries skipped, links to
/// directories not followed, no globs).
pub fn collect_sources(args: &[PathBuf]) -> Collected {
    collect_sources_with(args, &WalkOptions::default())
}

/// Turn path arguments into sources, in order: `-` is standard input, a directory is
/// walked recursively (sorted by file name, only picked extensions, filtered as
/// `options` say), anything else is taken as a file. No arguments means standard
/// input. Paths that do not exist become [`Input::Unavailable`] sources so the batch
/// goes on; directories that yield no source at all are listed in
/// [`Collected::empty_dirs`].
pub fn collect_sources_with(args: &[PathBuf], options: &WalkOptions) -> Collected {
    let mut collected = Collected::default();
    if args.is_empty() {
        collected.sources.push(Source::stdin());
        return collected;
    }
    let mut stdin_taken = false;
    for arg in args {
        if arg.as_os_str() == "-" && stdin_taken {
            let error = io::Error::new(
                io::ErrorKind::InvalidInput,
                "standard input was already read for an earlier `-`",
            );
            collected.sources.push(Source::unavailable(arg, error));
        } else if arg.as_os_str() == "-" {
            stdin_taken = true;
            collected.sources.push(Source::stdin());
        } else if arg.is_dir() {
            let found = walk_directory_with(arg, options);
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

/// [`walk_directory_with`] with the default walk options.
pub fn walk_directory(dir: &Path) -> Vec<Source> {
    walk_directory_with(dir, &WalkOptions::default())
}

/// The picked files under `dir`, sorted by file name at every level. Picked names
/// that cannot be cleaned — dangling symbolic links, FIFOs, sockets, devices — become
/// [`Input::Unavailable`] sources (never opened, so a FIFO cannot block the walk), as
/// do entries the walk cannot read and symbolic-link loops met with
/// [`WalkOptions::follow_links`].
pub fn walk_directory_with(dir: &Path, options: &WalkOptions) -> Vec<Source> {
    let root: Arc<Path> = Arc::from(dir);
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .follow_links(options.follow_links)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || options.enters(relative_to(dir, entry.path())));
    walker
        .filter_map(|entry| match entry {
            Ok(entry) => source_for_entry(&root, &entry, options),
            Err(error) => source_for_error(&root, &error, options),
        })
        .collect()
}

/// `path` relative to the walked directory `root`.
fn relative_to<'a>(root: &Path, path: &'a Path) -> &'a Path {
    path.strip_prefix(root).unwrap_or(path)
}

/// A walked source found at `path` under `root`.
fn walked(root: &Arc<Path>, path: &Path, input: Input) -> Source {
    let relative = relative_to(root, path).to_path_buf();
    Source {
        id: relative.to_string_lossy().replace('\\', "/"),
        source: path.display().to_string(),
        input,
        origin: Origin::Walked {
            root: Arc::clone(root),
            relative,
        },
        url: None,
        warc: None,
    }
}

/// The source for one walk entry the options select: the file (or the
/// file a link points to), or an unavailable source for a dangling link or a
/// non-regular file. Directories and entries with other names give none.
fn source_for_entry(root: &Arc<Path>, entry: &DirEntry, options: &WalkOptions) -> Option<Source> {
    let name = entry.file_name().to_string_lossy();
    if !options.selects(&name, relative_to(root, entry.path())) {
        return None;
    }
    let input = match entry_input(entry)? {
        Ok(()) => Input::File(entry.path().to_path_buf()),
        Err(error) => Input::Unavailable(error),
    };
    Some(walked(root, entry.path(), input))
}

/// The source for an entry the walk could not handle: a symbolic-link loop (whatever
/// its name), a dangling link with a selected name, or an unreadable
/// entry. Hidden and excluded entries, and dangling links with other names, give none.
fn source_for_error(
    root: &Arc<Path>,
    error: &walkdir::Error,
    options: &WalkOptions,
) -> Option<Source> {
    let path = error.path().unwrap_or(root);
    let relative = relative_to(root, path);
    if error.depth() > 0 && !options.enters(relative) {
        return None;
    }
    let problem = if let Some(ancestor) = error.loop_ancestor() {
        link_loop(ancestor)
    } else if is_symlink(path) {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if !options.selects(&name, relative) {
            return None;
        }
        dangling_link(&io_error_of(error))
    } else {
        io_error_of(error)
    };
    Some(walked(root, path, Input::Unavailable(problem)))
}

/// The I/O error behind a walk error (a loop, which has none, as a generic error).
fn io_error_of(error: &walkdir::Error) -> io::Error {
    match error.io_error() {
        Some(inner) => io::Error::new(inner.kind(), inner.to_string()),
        None => io::Error::other(error.to_string()),
    }
}

/// Whether `path` itself is a symbolic link.
fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|meta| meta.file_type().is_symlink())
}

/// The error for a symbolic link that leads back to a directory it lies in.
fn link_loop(ancestor: &Path) -> io::Error {
    io::Error::other(format!(
        "symbolic link loop: leads back to {}; not followed",
        ancestor.display()
    ))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean_source;
    use crate::Options;
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

    fn ids(sources: &[Source]) -> Vec<&str> {
        sources.iter().map(|s| s.id.as_str()).collect()
    }

    fn globs(patterns: &[&str]) -> Vec<Glob> {
        patterns.iter().map(|p| Glob::new(p).unwrap()).collect()
    }

    #[test]
    fn directory_walk_is_sorted_filtered_and_relative() {
        let dir = tree();
        let sources = collect_sources(&[dir.path().to_path_buf()]).sources;
        assert_eq!(
            ids(&sources),
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
        let Origin::Walked { root, relative } = &sources[3].origin else {
            panic!("walked source expected");
        };
        assert_eq!(
            (root.as_ref(), relative.as_path()),
            (dir.path(), Path::new("b/sub/c.htm"))
        );
    }

    #[test]
    fn hidden_entries_are_walked_on_request() {
        let dir = tree();
        let options = WalkOptions {
            hidden: true,
            ..WalkOptions::default()
        };
        let sources = walk_directory_with(dir.path(), &options);
        assert_eq!(
            ids(&sources),
            [
                ".hidden/x.txt",
                ".secret.txt",
                "a.html",
                "b/d.txt.gz",
                "b/e.HTML.gz",
                "b/sub/c.htm",
                "z.txt"
            ]
        );
    }

    #[test]
    fn include_and_exclude_globs_match_relative_paths() {
        let dir = tree();
        let options = WalkOptions::default()
            .with_include(&globs(&["b/**", "*.html"]))
            .unwrap()
            .with_exclude(&globs(&["**/sub", "*.gz"]))
            .unwrap();
        assert!(options.filters());
        let sources = walk_directory_with(dir.path(), &options);
        assert_eq!(ids(&sources), ["a.html"]);
        let only_sub = WalkOptions::default()
            .with_include(&globs(&["**/sub/*"]))
            .unwrap();
        assert_eq!(
            ids(&walk_directory_with(dir.path(), &only_sub)),
            ["b/sub/c.htm"]
        );
    }

    #[test]
    fn include_globs_pick_files_of_any_extension() {
        let dir = tree();
        fs::write(dir.path().join("b/index.php"), "x").unwrap();
        fs::write(dir.path().join("b/sub/2024-05-01"), "x").unwrap();
        let php = WalkOptions::default()
            .with_include(&globs(&["*.php"]))
            .unwrap();
        assert_eq!(ids(&walk_directory_with(dir.path(), &php)), ["b/index.php"]);
        let everything = WalkOptions::default()
            .with_include(&globs(&["b/**"]))
            .unwrap();
        assert_eq!(
            ids(&walk_directory_with(dir.path(), &everything)),
            [
                "b/d.txt.gz",
                "b/e.HTML.gz",
                "b/index.php",
                "b/sub/2024-05-01",
                "b/sub/c.htm"
            ]
        );
        let plain = ids(&walk_directory(dir.path())).join(" ");
        assert!(!plain.contains("php") && !plain.contains("2024"), "{plain}");
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
        for follow_links in [false, true] {
            let options = WalkOptions {
                follow_links,
                ..WalkOptions::default()
            };
            let sources = walk_directory_with(root, &options);
            assert_eq!(ids(&sources), ["a.txt", "b.txt", "c.txt", "d.html"]);
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
    }

    #[cfg(unix)]
    #[test]
    fn directory_links_are_followed_on_request_and_loops_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("real")).unwrap();
        fs::write(root.join("real/a.txt"), "A story.").unwrap();
        std::os::unix::fs::symlink(root.join("real"), root.join("linked")).unwrap();
        std::os::unix::fs::symlink(root, root.join("real/loop")).unwrap();
        let plain = walk_directory(root);
        assert_eq!(ids(&plain), ["real/a.txt"]);
        let options = WalkOptions {
            follow_links: true,
            ..WalkOptions::default()
        };
        let followed = walk_directory_with(root, &options);
        assert_eq!(
            ids(&followed),
            ["linked/a.txt", "linked/loop", "real/a.txt", "real/loop"]
        );
        let looped = clean_source(&followed[3], &Options::default()).unwrap_err();
        assert!(
            looped.error.message.starts_with("symbolic link loop"),
            "{looped:?}"
        );
    }

    #[test]
    fn picked_extensions() {
        assert!(is_picked("a.TXT"));
        assert!(is_picked("a.htm.gz"));
        assert!(!is_picked("a.gz"));
        assert!(!is_picked("a.json"));
        assert_eq!(picked_extension("a.HTML.gz"), Some(".html.gz"));
        assert_eq!(picked_extension("a.txt"), Some(".txt"));
    }
}
