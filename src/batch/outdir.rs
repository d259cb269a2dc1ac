//! `--out-dir`: one output file per input, mirroring the input tree, each written
//! under a temporary name and renamed when complete.
//!
//! The rules, decided once for the whole batch by [`OutDir::plan`]:
//!
//! - a file found under a directory argument keeps its path relative to that
//!   directory (`a/b/page.html` → `OUT/a/b/page.json`); with several directory
//!   arguments, each tree goes under the directory's own name
//!   (`OUT/<name>/a/b/page.json`);
//! - a file argument's output goes to `OUT/<file name>`;
//! - the picked extension (`.html`, `.txt.gz`, ...) is replaced by the format's
//!   (`.json`, `.txt`, `.md`), or by `.error.json` for an error record; when two
//!   inputs of one directory would share an output name (`page.html`, `page.txt`), or
//!   a name already ends in `.error`, the whole file name is kept and the extension
//!   appended (`page.html.json`, `page.txt.json`);
//! - inputs that still share an output, standard input, two directory arguments of
//!   the same name, and an output directory that is, holds, or lies inside an input
//!   directory are refused before anything is read.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::batch::walk::picked_extension;
use crate::output::{file_extension, render_single, Format, OutputFile};
use crate::pipeline::{Input, Origin, Source};
use crate::record::{Article, ErrorRecord};

/// Why a batch cannot be written to an output directory (a usage error).
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// Standard input is among the inputs.
    #[error(
        "standard input cannot be cleaned into an output directory; name files or directories"
    )]
    Stdin,
    /// The output directory is, holds, or lies inside an input directory.
    #[error(
        "the output directory {out} may not be, hold, or lie inside the input directory {input}"
    )]
    Overlap {
        /// The output directory.
        out: PathBuf,
        /// The input directory.
        input: PathBuf,
    },
    /// Two directory arguments have the same last component.
    #[error("the directory arguments {first} and {second} would both be mirrored under {name}/")]
    SameName {
        /// The first directory.
        first: PathBuf,
        /// The second directory.
        second: PathBuf,
        /// Their shared name.
        name: String,
    },
    /// Two inputs would be written to the same output file.
    #[error("{first} and {second} would both be written to {target}")]
    Collision {
        /// The first input.
        first: String,
        /// The second input.
        second: String,
        /// Their shared output.
        target: PathBuf,
    },
    /// A file argument's output would overwrite it.
    #[error("the output for {0} would overwrite it")]
    OverInput(PathBuf),
    /// A path could not be resolved.
    #[error("cannot resolve {path}: {source}")]
    Resolve {
        /// The path.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// An output file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {path}: {source}")]
pub struct WriteError {
    /// The output file.
    pub path: PathBuf,
    /// Why.
    pub source: io::Error,
}

/// Where each source of a batch is written under an output directory.
#[derive(Debug)]
pub struct OutDir {
    root: PathBuf,
    format: Format,
    /// Per source (by index): the output path relative to `root`, without extension.
    stems: Vec<PathBuf>,
}

impl OutDir {
    /// Decide every source's output under `root` (see the module documentation),
    /// given the path arguments the sources were collected from.
    pub fn plan(
        root: &Path,
        format: Format,
        args: &[PathBuf],
        sources: &[Source],
    ) -> Result<Self, PlanError> {
        if sources.iter().any(|s| matches!(s.input, Input::Stdin)) {
            return Err(PlanError::Stdin);
        }
        let dirs: Vec<&PathBuf> = args.iter().filter(|arg| arg.is_dir()).collect();
        refuse_overlap(root, &dirs)?;
        let prefixes = prefixes(&dirs)?;
        let names: Vec<Naming> = sources.iter().map(|s| naming(s, &prefixes)).collect();
        let plan = OutDir {
            root: root.to_path_buf(),
            format,
            stems: resolve_collisions(sources, &names)?,
        };
        plan.refuse_over_inputs(sources)?;
        Ok(plan)
    }

    /// The output file of source `index`: its record's, or its error record's.
    pub fn output_path(&self, index: usize, failed: bool) -> PathBuf {
        let stem = self.root.join(&self.stems[index]);
        let mut name = stem.file_name().unwrap_or_default().to_os_string();
        name.push(".");
        name.push(file_extension(self.format, failed));
        stem.with_file_name(name)
    }

    /// The output file of the WARC source `index`: all its records, gzip-compressed
    /// (`crawl.warc.gz` → `crawl.jsonl.gz`; `.json.gz`, `.txt.gz`, `.md.gz` in the other
    /// formats).
    pub fn archive_path(&self, index: usize) -> PathBuf {
        let stem = self.root.join(&self.stems[index]);
        let mut name = stem.file_name().unwrap_or_default().to_os_string();
        name.push(match self.format {
            Format::Jsonl => ".jsonl.gz",
            Format::Json => ".json.gz",
            Format::Text => ".txt.gz",
            Format::Markdown => ".md.gz",
        });
        stem.with_file_name(name)
    }

    /// Whether source `index` already has an output (a record or an error record).
    pub fn exists(&self, index: usize) -> bool {
        self.output_path(index, false).exists() || self.output_path(index, true).exists()
    }

    /// Write source `index`'s record to its file (creating directories as needed,
    /// under a temporary name renamed when complete), and remove an output of the
    /// other kind left by an earlier run, so each input has exactly one output.
    pub fn write(
        &self,
        index: usize,
        record: &Result<Article, ErrorRecord>,
    ) -> Result<(), WriteError> {
        let failed = record.is_err();
        let path = self.output_path(index, failed);
        let written = render_single(record, self.format).and_then(|b| write_atomically(&path, &b));
        written.map_err(|source| WriteError { path, source })?;
        let stale = self.output_path(index, !failed);
        remove_if_present(&stale).map_err(|source| WriteError {
            path: stale,
            source,
        })
    }

    /// Refuse a file argument whose output would be the file itself.
    fn refuse_over_inputs(&self, sources: &[Source]) -> Result<(), PlanError> {
        for (index, source) in sources.iter().enumerate() {
            let (Origin::Argument, Input::File(path)) = (&source.origin, &source.input) else {
                continue;
            };
            let Ok(input) = path.canonicalize() else {
                continue;
            };
            for failed in [false, true] {
                if resolve(&self.output_path(index, failed))? == input {
                    return Err(PlanError::OverInput(path.clone()));
                }
            }
        }
        Ok(())
    }
}

/// Write `bytes` to `path` under a temporary name, renamed when complete (through a
/// symbolic link to the file it leads to; see [`OutputFile`]).
fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut file = OutputFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// Remove `path` if it is a regular file or a symbolic link (only the link); any other
/// kind of file (a FIFO, a device) is left as it is.
fn remove_if_present(path: &Path) -> io::Result<()> {
    let kind = match fs::symlink_metadata(path) {
        Ok(meta) => meta.file_type(),
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(error),
    };
    if !(kind.is_file() || kind.is_symlink()) {
        return Ok(());
    }
    match fs::remove_file(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

/// `path` made absolute with symbolic links resolved, for a path that may not exist
/// yet: its nearest existing ancestor is resolved and the rest appended.
fn resolve(path: &Path) -> Result<PathBuf, PlanError> {
    let absolute = std::path::absolute(path).map_err(|source| PlanError::Resolve {
        path: path.to_path_buf(),
        source,
    })?;
    let mut rest = Vec::new();
    let mut existing = absolute.as_path();
    loop {
        if let Ok(real) = existing.canonicalize() {
            return Ok(rest.iter().rev().fold(real, |acc, part| acc.join(part)));
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => return Ok(absolute),
        }
    }
}

/// Refuse an output directory that is, holds, or lies inside one of `dirs`.
fn refuse_overlap(out: &Path, dirs: &[&PathBuf]) -> Result<(), PlanError> {
    let out_real = resolve(out)?;
    for dir in dirs {
        let dir_real = resolve(dir)?;
        if out_real.starts_with(&dir_real) || dir_real.starts_with(&out_real) {
            return Err(PlanError::Overlap {
                out: out.to_path_buf(),
                input: dir.to_path_buf(),
            });
        }
    }
    Ok(())
}

/// The folder each directory argument's tree goes under: none for a single
/// directory, the directory's own name for several.
fn prefixes(dirs: &[&PathBuf]) -> Result<HashMap<PathBuf, PathBuf>, PlanError> {
    if dirs.len() < 2 {
        return Ok(dirs
            .iter()
            .map(|d| (d.to_path_buf(), PathBuf::new()))
            .collect());
    }
    let mut by_name: HashMap<OsString, &PathBuf> = HashMap::new();
    let mut prefixes = HashMap::new();
    for dir in dirs {
        let name = dir_name(dir)?;
        if let Some(first) = by_name.insert(name.clone(), dir) {
            return Err(PlanError::SameName {
                first: first.to_path_buf(),
                second: dir.to_path_buf(),
                name: name.to_string_lossy().into_owned(),
            });
        }
        prefixes.insert(dir.to_path_buf(), PathBuf::from(name));
    }
    Ok(prefixes)
}

/// A directory's own name (`.` and `..` resolved); `root` for the file-system root.
fn dir_name(dir: &Path) -> Result<OsString, PlanError> {
    let real = resolve(dir)?;
    Ok(real
        .file_name()
        .map_or_else(|| OsString::from("root"), OsStr::to_os_string))
}

/// The two candidate output names of one source: the folder it goes in (relative
/// to the output directory), its file name without the picked extension, and its
/// whole file name.
#[derive(Debug, Clone)]
struct Naming {
    folder: PathBuf,
    short: OsString,
    full: OsString,
}

impl Naming {
    /// The output stem with the short (`true`) or the whole file name.
    fn stem(&self, short: bool) -> PathBuf {
        self.folder
            .join(if short { &self.short } else { &self.full })
    }
}

/// The candidate names of a source.
fn naming(source: &Source, prefixes: &HashMap<PathBuf, PathBuf>) -> Naming {
    let (folder, full) = match &source.origin {
        Origin::Walked { root, relative } => {
            let prefix = prefixes.get(root.as_ref()).cloned().unwrap_or_default();
            let parent = relative.parent().unwrap_or(Path::new(""));
            let name = relative.file_name().unwrap_or(relative.as_os_str());
            (prefix.join(parent), name.to_os_string())
        }
        Origin::Argument | Origin::Stdin | Origin::Memory => {
            (PathBuf::new(), argument_name(source))
        }
    };
    Naming {
        folder,
        short: short_name(&full),
        full,
    }
}

/// The file name of a file argument (`input` when it has none, as `..`).
fn argument_name(source: &Source) -> OsString {
    let path = match &source.input {
        Input::File(path) => path.as_path(),
        _ => Path::new(&source.source),
    };
    path.file_name()
        .map_or_else(|| OsString::from("input"), OsStr::to_os_string)
}

/// A file name without its picked extension; the whole name when it has none, when
/// nothing would be left, or when what is left ends in `.error` (which would clash
/// with error-record outputs).
fn short_name(full: &OsStr) -> OsString {
    let Some(text) = full.to_str() else {
        return full.to_os_string();
    };
    let Some(extension) = picked_extension(text) else {
        return full.to_os_string();
    };
    let short = &text[..text.len() - extension.len()];
    if short.is_empty() || short.to_ascii_lowercase().ends_with(".error") {
        return full.to_os_string();
    }
    OsString::from(short)
}

/// Every source's output stem: the short name, unless several sources share it, in
/// which case each of them keeps its whole file name. Sources that still share one
/// are refused.
fn resolve_collisions(sources: &[Source], names: &[Naming]) -> Result<Vec<PathBuf>, PlanError> {
    let mut short_count: HashMap<PathBuf, usize> = HashMap::new();
    for name in names {
        *short_count.entry(name.stem(true)).or_default() += 1;
    }
    let stems: Vec<PathBuf> = names
        .iter()
        .map(|name| name.stem(short_count[&name.stem(true)] == 1))
        .collect();
    refuse_shared(sources, &stems)?;
    Ok(stems)
}

/// Refuse two sources with the same output stem.
fn refuse_shared(sources: &[Source], stems: &[PathBuf]) -> Result<(), PlanError> {
    let mut seen: HashMap<&PathBuf, usize> = HashMap::with_capacity(stems.len());
    for (index, stem) in stems.iter().enumerate() {
        if let Some(first) = seen.insert(stem, index) {
            return Err(PlanError::Collision {
                first: sources[first].source.clone(),
                second: sources[index].source.clone(),
                target: stem.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::walk::collect_sources;
    use crate::pipeline::clean_source;
    use crate::Options;

    fn corpus(names: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for name in names {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(
                path,
                "A headline\n\nA paragraph of the story, long enough.\n",
            )
            .unwrap();
        }
        dir
    }

    fn outputs(plan: &OutDir, out: &Path, count: usize) -> Vec<String> {
        (0..count)
            .map(|i| {
                let path = plan.output_path(i, false);
                path.strip_prefix(out).unwrap().display().to_string()
            })
            .collect()
    }

    #[test]
    fn one_directory_is_mirrored_with_extensions_replaced() {
        let input = corpus(&[
            "a/b/page.html",
            "c.txt.gz",
            "x.error.html",
            "y.html",
            "y.txt",
        ]);
        let out = tempfile::tempdir().unwrap();
        let args = [input.path().to_path_buf()];
        let sources = collect_sources(&args).sources;
        let plan = OutDir::plan(out.path(), Format::Jsonl, &args, &sources).unwrap();
        assert_eq!(
            outputs(&plan, out.path(), sources.len()),
            [
                "a/b/page.json",
                "c.json",
                "x.error.html.json",
                "y.html.json",
                "y.txt.json"
            ]
        );
        assert_eq!(
            plan.output_path(0, true),
            out.path().join("a/b/page.error.json")
        );
        let markdown = OutDir::plan(out.path(), Format::Markdown, &args, &sources).unwrap();
        assert_eq!(
            markdown.output_path(0, false),
            out.path().join("a/b/page.md")
        );
    }

    #[test]
    fn several_directories_go_under_their_names_and_files_at_the_top() {
        let first = corpus(&["one/a.txt"]);
        let second = corpus(&["two/a.txt", "loose.htm"]);
        let out = tempfile::tempdir().unwrap();
        let args = [
            first.path().join("one"),
            second.path().join("two"),
            second.path().join("loose.htm"),
        ];
        let sources = collect_sources(&args).sources;
        let plan = OutDir::plan(out.path(), Format::Text, &args, &sources).unwrap();
        assert_eq!(
            outputs(&plan, out.path(), 3),
            ["one/a.txt", "two/a.txt", "loose.txt"]
        );
    }

    #[test]
    fn refused_plans() {
        let input = corpus(&["a.txt", "one/b.txt"]);
        let args = [input.path().to_path_buf()];
        let sources = collect_sources(&args).sources;
        for out in [input.path().to_path_buf(), input.path().join("one/new")] {
            let refused = OutDir::plan(&out, Format::Jsonl, &args, &sources);
            assert!(
                matches!(refused, Err(PlanError::Overlap { .. })),
                "{refused:?}"
            );
        }
        let inner = [input.path().join("one")];
        let sources = collect_sources(&inner).sources;
        let refused = OutDir::plan(input.path(), Format::Jsonl, &inner, &sources);
        assert!(
            matches!(refused, Err(PlanError::Overlap { .. })),
            "{refused:?}"
        );
        let stdin = collect_sources(&[]).sources;
        let refused = OutDir::plan(input.path(), Format::Jsonl, &[], &stdin);
        assert!(matches!(refused, Err(PlanError::Stdin)));
        let other = corpus(&["one/c.txt"]);
        let same_name = [input.path().join("one"), other.path().join("one")];
        let sources = collect_sources(&same_name).sources;
        let out = tempfile::tempdir().unwrap();
        let refused = OutDir::plan(out.path(), Format::Jsonl, &same_name, &sources);
        assert!(
            matches!(refused, Err(PlanError::SameName { .. })),
            "{refused:?}"
        );
        let files = [
            input.path().join("a.txt"),
            other.path().join("one/c.txt"),
            input.path().join("a.txt"),
        ];
        let sources = collect_sources(&files).sources;
        let refused = OutDir::plan(out.path(), Format::Jsonl, &files, &sources);
        assert!(
            matches!(refused, Err(PlanError::Collision { .. })),
            "{refused:?}"
        );
        let over = [input.path().join("a.txt")];
        let sources = collect_sources(&over).sources;
        let refused = OutDir::plan(input.path(), Format::Text, &over, &sources);
        assert!(
            matches!(refused, Err(PlanError::OverInput(_))),
            "{refused:?}"
        );
    }

    #[test]
    fn writing_replaces_the_other_kind_of_output() {
        let input = corpus(&["a.txt"]);
        let out = tempfile::tempdir().unwrap();
        let args = [input.path().to_path_buf()];
        let sources = collect_sources(&args).sources;
        let plan = OutDir::plan(&out.path().join("new"), Format::Jsonl, &args, &sources).unwrap();
        assert!(!plan.exists(0));
        let failed = Err(ErrorRecord {
            id: "a.txt".into(),
            source: "a.txt".into(),
            error: crate::record::ErrorInfo {
                kind: "io".into(),
                message: "gone".into(),
            },
            warc: None,
        });
        plan.write(0, &failed).unwrap();
        assert!(plan.exists(0) && plan.output_path(0, true).exists());
        plan.write(0, &clean_source(&sources[0], &Options::default()))
            .unwrap();
        assert!(plan.output_path(0, false).exists());
        assert!(!plan.output_path(0, true).exists());
        let names: Vec<_> = fs::read_dir(out.path().join("new")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }
}
