//! Writing an output file without changing what kind of file its path is.
//!
//! Every file deboil writes at a path the user names (`-o`, `--stats-json`,
//! `report -o`, `--out-dir`, `check --bless`, `eval --json` and `--dump`) goes through
//! [`OutputFile`]:
//!
//! - a missing path or a regular file is written under a temporary name in the
//!   target's own directory, synced, and renamed over it once complete (a replaced
//!   file keeps its permission bits);
//! - a symbolic link is followed (a chain of them, relative or absolute) and the file
//!   it leads to is replaced that way, the links kept; a dangling link creates the file
//!   it names; a loop of links is an error;
//! - an existing path that is neither a regular file nor a directory (a FIFO, a
//!   character or block device, a socket, `/dev/stdout`) is opened for writing in place:
//!   never created, truncated, renamed or removed; so is a path the kernel resolves
//!   elsewhere than its chain of links reads (a `/proc/self/fd/N` naming a pipe), a
//!   regular file found that way being emptied first (`/dev/stdout` redirected to a
//!   file is an ordinary chain, so that file is replaced);
//! - a directory is an error.
//!
//! A temporary file is never left behind: it is removed when the write fails or the
//! [`OutputFile`] is dropped before [`OutputFile::commit`].

use std::fs::{self, File, Metadata, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Symbolic links followed before a chain counts as a loop (the limit Linux uses).
const MAX_LINKS: usize = 40;

/// Temporary names tried before giving up (each taken name is skipped).
const TEMP_ATTEMPTS: u32 = 100;

/// Distinguishes the temporary files of one process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Where the bytes for a path go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// Replace (or create) this regular file through a temporary file and a rename.
    Replace(PathBuf),
    /// Open this existing file and write in place: a FIFO, device or socket, or (only
    /// when the kernel resolves a link differently than its chain reads, as for a
    /// `/proc/self/fd/N` of a deleted file) a regular file, then truncated first.
    InPlace {
        /// The path opened.
        path: PathBuf,
        /// Whether it is a regular file, emptied before writing.
        truncate: bool,
    },
}

/// An output file that never changes the kind of file at its path (see the module
/// documentation). Written through [`Write`]; nothing is final before
/// [`OutputFile::commit`] (for a FIFO or device, the bytes go out as they are written).
pub struct OutputFile {
    kind: Kind,
}

/// How an [`OutputFile`] writes.
enum Kind {
    /// A temporary file renamed over `target` on commit.
    Atomic {
        /// The file replaced.
        target: PathBuf,
        /// The temporary file, in the target's directory.
        temp: PathBuf,
        /// Open until committed or dropped.
        file: Option<BufWriter<File>>,
    },
    /// A non-regular file written in place.
    InPlace(BufWriter<File>),
    /// Committed (or failed while committing).
    Done,
}

impl OutputFile {
    /// Prepare to write `path`: resolve its links and open the temporary file (or, for
    /// a FIFO or device, the file itself; opening a FIFO waits for its reader).
    pub fn create(path: &Path) -> io::Result<Self> {
        let kind = match target(path)? {
            Target::Replace(target) => {
                let (temp, file) = create_temp(&target)?;
                Kind::Atomic {
                    target,
                    temp,
                    file: Some(BufWriter::new(file)),
                }
            }
            Target::InPlace { path, truncate } => {
                let file = OpenOptions::new()
                    .write(true)
                    .truncate(truncate)
                    .open(path)?;
                Kind::InPlace(BufWriter::new(file))
            }
        };
        Ok(OutputFile { kind })
    }

    /// Finish the write: flush; for a regular file also sync and rename the temporary
    /// file over the target (on failure the temporary file is removed and the target
    /// left as it was).
    pub fn commit(mut self) -> io::Result<()> {
        match std::mem::replace(&mut self.kind, Kind::Done) {
            Kind::Atomic { target, temp, file } => {
                let writer = file.ok_or_else(committed)?;
                let result = finish_temp(writer, &temp, &target);
                if result.is_err() {
                    let _ = fs::remove_file(&temp);
                }
                result
            }
            Kind::InPlace(mut writer) => writer.flush(),
            Kind::Done => Err(committed()),
        }
    }
}

impl Write for OutputFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.kind {
            Kind::Atomic {
                file: Some(file), ..
            } => file.write(buf),
            Kind::InPlace(file) => file.write(buf),
            _ => Err(committed()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.kind {
            Kind::Atomic {
                file: Some(file), ..
            } => file.flush(),
            Kind::InPlace(file) => file.flush(),
            _ => Ok(()),
        }
    }
}

impl Drop for OutputFile {
    fn drop(&mut self) {
        if let Kind::Atomic {
            temp,
            file: Some(_),
            ..
        } = &self.kind
        {
            let _ = fs::remove_file(temp);
        }
    }
}

/// The error of a write after the commit.
fn committed() -> io::Error {
    io::Error::other("output already committed")
}

/// Flush and sync `writer`, give it the target's permissions if the target exists,
/// and rename `temp` over `target`.
fn finish_temp(writer: BufWriter<File>, temp: &Path, target: &Path) -> io::Result<()> {
    let file = writer.into_inner().map_err(|e| e.into_error())?;
    if let Ok(existing) = fs::symlink_metadata(target) {
        if existing.is_file() {
            file.set_permissions(existing.permissions())?;
        }
    }
    file.sync_all()?;
    drop(file);
    fs::rename(temp, target)
}

/// Create a new temporary file in `target`'s directory, named after it.
fn create_temp(target: &Path) -> io::Result<(PathBuf, File)> {
    let name = target
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?
        .to_string_lossy()
        .into_owned();
    for _ in 0..TEMP_ATTEMPTS {
        let count = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = target.with_file_name(format!(".{name}.{}.{count}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        format!("no free temporary name next to {}", target.display()),
    ))
}

/// Where writing `path` must go (see the module documentation).
///
/// The chain of links is followed here, one link at a time, so that the file replaced
/// is the one the links lead to. When the kernel finds another file at `path` than the
/// end of that chain (a link in `/proc/self/fd/` naming a pipe), `path` is written in
/// place.
pub(crate) fn target(path: &Path) -> io::Result<Target> {
    let end = follow_links(path)?;
    let end_meta = metadata_if_present(&end)?;
    if let Ok(Some(seen)) = metadata_if_present(path) {
        if !same_file(end_meta.as_ref(), &seen) {
            return in_place(path, &seen);
        }
    }
    match end_meta {
        None => Ok(Target::Replace(end)),
        Some(meta) if meta.is_file() => Ok(Target::Replace(end)),
        Some(meta) => in_place(&end, &meta),
    }
}

/// Writing in place at `path` (of metadata `meta`), unless it is a directory.
fn in_place(path: &Path, meta: &Metadata) -> io::Result<Target> {
    if meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!("{} is a directory", path.display()),
        ));
    }
    Ok(Target::InPlace {
        path: path.to_path_buf(),
        truncate: meta.is_file(),
    })
}

/// Whether the end of the followed chain is `seen`, the file the kernel finds.
#[cfg(unix)]
fn same_file(end: Option<&Metadata>, seen: &Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    end.is_some_and(|end| end.dev() == seen.dev() && end.ino() == seen.ino())
}

/// Whether the end of the followed chain is `seen`, the file found at the path
/// (without inode numbers: whether both exist and are of one kind).
#[cfg(not(unix))]
fn same_file(end: Option<&Metadata>, seen: &Metadata) -> bool {
    end.is_some_and(|end| end.file_type() == seen.file_type())
}

/// The metadata of the file at `path` (links followed), `None` when there is none.
fn metadata_if_present(path: &Path) -> io::Result<Option<Metadata>> {
    match fs::metadata(path) {
        Ok(meta) => Ok(Some(meta)),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error),
    }
}

/// `path` with its last component's symbolic links followed: the path of the first
/// entry of the chain that is not a link (it may not exist). Relative links are read
/// from the directory holding them. A chain longer than [`MAX_LINKS`] is a loop.
fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..=MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(dir) => dir.join(link),
                    None => link,
                };
            }
            Ok(_) => return Ok(current),
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(error) => return Err(error),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links (a loop?)",
        path.display()
    )))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};

    /// Make a FIFO at `path`.
    fn mkfifo(path: &Path) {
        let name = CString::new(path.as_os_str().as_bytes()).unwrap();
        // SAFETY: `name` is a valid NUL-terminated path that outlives the call.
        assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    }

    /// Write `bytes` to `path` through an [`OutputFile`].
    fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut file = OutputFile::create(path)?;
        file.write_all(bytes)?;
        file.commit()
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut file = OutputFile::create(&target).unwrap();
        file.write_all(b"hello\n").unwrap();
        assert!(!target.exists());
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "hello\n");
        assert_eq!(names(dir.path()), ["out.jsonl"]);
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.json");
        fs::write(&target, "old").unwrap();
        fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
        write(&target, b"new").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        let mode = fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(names(dir.path()), ["out.json"]);
    }

    #[test]
    fn a_failed_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        fs::write(&target, "x").unwrap();
        let mut file = OutputFile::create(&target).unwrap();
        file.write_all(b"data").unwrap();
        fs::remove_file(&target).unwrap();
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "x").unwrap();
        assert!(file.commit().is_err());
        assert_eq!(names(dir.path()), ["taken"]);
    }

    #[test]
    fn a_dropped_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut file = OutputFile::create(&target).unwrap();
        file.write_all(b"partial").unwrap();
        drop(file);
        assert!(names(dir.path()).is_empty());
    }

    #[test]
    fn a_directory_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("sub");
        fs::create_dir(&target).unwrap();
        let error = OutputFile::create(&target).err().unwrap();
        assert_eq!(error.kind(), io::ErrorKind::IsADirectory);
        assert_eq!(names(dir.path()), ["sub"]);
        assert!(names(&target).is_empty());
    }

    #[test]
    fn a_chain_of_links_replaces_the_file_at_its_end() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir(root.join("real")).unwrap();
        fs::write(root.join("real/out.json"), "old").unwrap();
        symlink("real/out.json", root.join("first")).unwrap();
        symlink(root.join("first"), root.join("second")).unwrap();
        write(&root.join("second"), b"new").unwrap();
        assert_eq!(
            fs::read_to_string(root.join("real/out.json")).unwrap(),
            "new"
        );
        for link in ["first", "second"] {
            assert!(fs::symlink_metadata(root.join(link)).unwrap().is_symlink());
        }
        assert_eq!(names(root), ["first", "real", "second"]);
        assert_eq!(names(&root.join("real")), ["out.json"]);
    }

    #[test]
    fn a_relative_link_is_read_from_its_own_directory() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        symlink("../target.json", root.join("a/b/link")).unwrap();
        assert_eq!(
            target(&root.join("a/b/link")).unwrap(),
            Target::Replace(root.join("a/b/../target.json"))
        );
    }

    #[test]
    fn a_dangling_link_creates_the_file_it_names() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink("made.json", root.join("link")).unwrap();
        write(&root.join("link"), b"records").unwrap();
        assert_eq!(
            fs::read_to_string(root.join("made.json")).unwrap(),
            "records"
        );
        assert!(fs::symlink_metadata(root.join("link"))
            .unwrap()
            .is_symlink());
    }

    #[test]
    fn a_loop_of_links_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        symlink("b", root.join("a")).unwrap();
        symlink("a", root.join("b")).unwrap();
        let error = OutputFile::create(&root.join("a")).err().unwrap();
        assert!(error.to_string().contains("symbolic links"), "{error}");
        assert_eq!(names(root), ["a", "b"]);
    }

    #[test]
    fn a_fifo_is_written_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        mkfifo(&fifo);
        symlink("pipe", dir.path().join("link")).unwrap();
        assert!(matches!(
            target(&dir.path().join("link")).unwrap(),
            Target::InPlace {
                truncate: false,
                ..
            }
        ));
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(fifo).unwrap())
        };
        write(&dir.path().join("link"), b"through the pipe").unwrap();
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"through the pipe");
        assert_eq!(names(dir.path()), ["link", "pipe"]);
    }

    #[test]
    fn a_kernel_link_to_a_pipe_is_written_in_place() {
        let fds = Path::new("/proc/self/fd");
        if !fds.is_dir() {
            return;
        }
        let mut ends = [0; 2];
        // SAFETY: `ends` has room for the two descriptors `pipe` fills in.
        assert_eq!(unsafe { libc::pipe(ends.as_mut_ptr()) }, 0);
        // SAFETY: both descriptors were just opened by `pipe` and are owned here only.
        let (read_end, write_end) = unsafe {
            use std::os::fd::FromRawFd;
            (File::from_raw_fd(ends[0]), File::from_raw_fd(ends[1]))
        };
        let path = fds.join(ends[1].to_string());
        assert!(matches!(target(&path).unwrap(), Target::InPlace { .. }));
        write(&path, b"into the pipe").unwrap();
        drop(write_end);
        let mut got = Vec::new();
        io::Read::read_to_end(&mut &read_end, &mut got).unwrap();
        assert_eq!(got, b"into the pipe");
    }
}
