//! `deboil check FIXTURES_DIR`: cleans every fixture and compares its record with the
//! expected record stored beside it, printing a readable diff for each fixture that
//! differs; `--bless` writes the expected records that differ or are new.
//!
//! Inputs are found exactly as `deboil clean DIR` finds them
//! ([`crate::pipeline::collect_sources_with`]) and cleaned with default options by the
//! [`Pipeline`]. The layout and the compared fields are in [`expected`]; the diff in
//! [`diff`].

pub mod diff;
pub mod expected;
mod orphans;

use std::collections::HashSet;
use std::convert::Infallible;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::batch::args::WalkArgs;
use serde_json::Value;

use crate::pipeline::{
    collect_sources_with, Input, Outcome, Pipeline, PipelineError, Source, WalkOptions,
};
use crate::Options;

/// Exit status when every fixture matches (or `--bless` wrote what differed).
const EXIT_OK: u8 = 0;
/// Exit status when a fixture differs, is new, or an expected record is orphaned, or
/// when no fixture was found.
const EXIT_DIFFERS: u8 = 1;
/// Exit status for a usage error (the same as clap's).
const EXIT_USAGE: u8 = 2;

/// Arguments of `deboil check`.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = CHECK_AFTER_HELP)]
pub struct CheckArgs {
    /// Directories of fixtures, walked as `deboil clean DIR` walks them (recursively,
    /// picking *.txt, *.html, *.htm and the same with .gz; hidden entries skipped).
    #[arg(value_name = "FIXTURES_DIR", required = true)]
    pub dirs: Vec<PathBuf>,

    /// Write the expected record of every fixture that differs or is new (and delete
    /// orphaned expected records), listing each; fixtures that match are not touched.
    #[arg(long)]
    pub bless: bool,

    /// The directory-walk flags, as for `deboil clean` (relative paths are relative to
    /// FIXTURES_DIR).
    #[command(flatten)]
    pub walk: WalkArgs,

    /// Number of worker threads; 0 uses one per CPU.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

/// Text shown after the options of `deboil check --help`.
const CHECK_AFTER_HELP: &str = "\
Layout: the expected record of DIR/a/page.html is DIR/a/page.html.expected.json (the \
whole input name plus .expected.json, so page.html and page.txt never share one). It \
is the record `deboil clean` writes for the input (an error record for an input that \
cannot be cleaned), as pretty JSON with sorted keys, without the fields that name the \
input or change between runs: id and source (and any timing field). Every other field \
is compared.

Output: for each fixture that differs, `differs: PATH`, a unified diff of the clean \
text, a unified diff of the removed pieces (`reason: text`), one of the body blocks \
(`kind: text`, unless only texts the clean-text diff shows changed), and every other \
changed value by its path as `path: old -> new` (`blocks[3].level: 2 -> 3`, \
`warnings[0]: (none) -> \"...\"`), so no difference goes unshown; `new: PATH` for \
a fixture without an expected record; `orphan: PATH` for an expected record whose \
input is gone; then one summary line. Exit status: 0 when every fixture matches, 1 \
when any differs, is new or orphaned (or no fixture was found), 2 on a usage error. With --bless the exit status \
is 0 once the records are written.";

/// Why a check could not run to the end (a fixture that differs is not an error).
#[derive(Debug, thiserror::Error)]
pub enum CheckError {
    /// The globs could not be combined.
    #[error("bad glob: {0}")]
    Glob(#[from] globset::Error),
    /// The worker threads could not be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// An expected record could not be written or removed.
    #[error("{path}: {cause}")]
    Write {
        /// The expected record.
        path: PathBuf,
        /// The underlying error (not a `source`, so that `{:#}` does not repeat it).
        cause: io::Error,
    },
    /// The report could not be written to standard output.
    #[error("cannot write the report: {0}")]
    Output(io::Error),
}

/// How a fixture's record compares with its expected record.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Equal, volatile fields aside.
    Match,
    /// Different: the stored record and the record now.
    Differs {
        /// The expected record (without volatile fields).
        expected: Value,
        /// The record now (without volatile fields).
        actual: Value,
    },
    /// No expected record yet.
    New {
        /// The record now (without volatile fields).
        actual: Value,
    },
    /// The expected record cannot be read or parsed.
    Unreadable {
        /// Why.
        message: String,
        /// The record now (without volatile fields).
        actual: Value,
    },
}

/// One fixture that does not match.
#[derive(Debug, Clone)]
pub struct Mismatch {
    /// The input's path, as found under its fixtures directory.
    pub input: String,
    /// Where its expected record is (or goes).
    pub expected_path: PathBuf,
    /// What the comparison found (never [`Status::Match`]).
    pub status: Status,
}

impl Mismatch {
    /// The record to write when blessing.
    fn actual(&self) -> Option<&Value> {
        match &self.status {
            Status::Match => None,
            Status::Differs { actual, .. }
            | Status::New { actual }
            | Status::Unreadable { actual, .. } => Some(actual),
        }
    }
}

/// The outcome of checking a set of fixtures.
#[derive(Debug, Default)]
pub struct Report {
    /// Fixtures checked.
    pub fixtures: usize,
    /// Fixtures whose record matches.
    pub matched: usize,
    /// Fixtures that differ, are new or have an unreadable expected record, in walk order.
    pub mismatches: Vec<Mismatch>,
    /// Expected records that no checked input owns, in walk order.
    pub orphans: Vec<PathBuf>,
}

impl Report {
    /// Fixtures that differ from their expected record (or whose record is unreadable).
    pub fn differing(&self) -> usize {
        self.mismatches.len() - self.new_fixtures()
    }

    /// Fixtures without an expected record.
    pub fn new_fixtures(&self) -> usize {
        let is_new = |m: &&Mismatch| matches!(m.status, Status::New { .. });
        self.mismatches.iter().filter(is_new).count()
    }

    /// Whether every fixture matches and no expected record is orphaned.
    pub fn passed(&self) -> bool {
        self.mismatches.is_empty() && self.orphans.is_empty()
    }

    /// The summary line: `check: 40 fixtures, 38 match, 1 differs, 1 new, 0 orphaned`.
    pub fn summary(&self) -> String {
        let differing = self.differing();
        let verb = if differing == 1 { "differs" } else { "differ" };
        let noun = if self.fixtures == 1 {
            "fixture"
        } else {
            "fixtures"
        };
        format!(
            "check: {} {noun}, {} match, {differing} {verb}, {} new, {} orphaned",
            self.fixtures,
            self.matched,
            self.new_fixtures(),
            self.orphans.len()
        )
    }
}

/// Check every fixture under `dirs` (walked with `walk`) on `threads` threads (0: one
/// per CPU) against its expected record.
pub fn check(dirs: &[PathBuf], walk: &WalkOptions, threads: usize) -> Result<Report, CheckError> {
    // An expected record is never a fixture, also when an --include glob picks it.
    let sources: Vec<Source> = collect_sources_with(dirs, walk)
        .sources
        .into_iter()
        .filter(|source| !source.source.ends_with(expected::SUFFIX))
        .collect();
    let mut report = Report {
        fixtures: sources.len(),
        ..Report::default()
    };
    let mut owned = HashSet::with_capacity(sources.len());
    let sink = |source: &Source, outcome: Outcome| {
        let expected_path = expected::path_for(&input_path(source));
        if let Outcome::Record(record) = outcome {
            let status = compare(&expected_path, expected::comparable(&record));
            if status == Status::Match {
                report.matched += 1;
            } else {
                report.mismatches.push(Mismatch {
                    input: source.source.clone(),
                    expected_path: expected_path.clone(),
                    status,
                });
            }
        }
        owned.insert(expected_path);
        Ok::<(), Infallible>(())
    };
    let run = Pipeline::new(Options::default())
        .threads(threads)
        .run(&sources, sink);
    match run {
        Ok(_) => {}
        Err(PipelineError::Threads(error)) => return Err(error.into()),
        Err(PipelineError::Stopped(never)) => match never {},
    }
    for dir in dirs {
        report.orphans.extend(orphans::find(dir, walk, &owned));
    }
    Ok(report)
}

/// The path of a source's input (the path found or given, also for one that cannot be
/// read).
fn input_path(source: &Source) -> PathBuf {
    match &source.input {
        Input::File(path) => path.clone(),
        _ => PathBuf::from(&source.source),
    }
}

/// Compare the record now (`actual`) with the expected record at `path`.
fn compare(path: &Path, actual: Value) -> Status {
    match expected::load(path) {
        Ok(Some(expected)) if expected == actual => Status::Match,
        Ok(Some(expected)) => Status::Differs { expected, actual },
        Ok(None) => Status::New { actual },
        Err(message) => Status::Unreadable { message, actual },
    }
}

/// What `--bless` did.
#[derive(Debug, Default)]
pub struct Blessed {
    /// Expected records written, with `true` for a new one.
    pub written: Vec<(PathBuf, bool)>,
    /// Orphaned expected records deleted.
    pub removed: Vec<PathBuf>,
}

/// Write the expected record of every mismatch and delete every orphan of `report`.
pub fn bless(report: &Report) -> Result<Blessed, CheckError> {
    let mut blessed = Blessed::default();
    for mismatch in &report.mismatches {
        if let Some(actual) = mismatch.actual() {
            let path = &mismatch.expected_path;
            expected::write(path, actual).map_err(|cause| write_error(path, cause))?;
            let new = matches!(mismatch.status, Status::New { .. });
            blessed.written.push((path.clone(), new));
        }
    }
    for orphan in &report.orphans {
        std::fs::remove_file(orphan).map_err(|cause| write_error(orphan, cause))?;
        blessed.removed.push(orphan.clone());
    }
    Ok(blessed)
}

/// A [`CheckError::Write`] for `path`.
fn write_error(path: &Path, cause: io::Error) -> CheckError {
    CheckError::Write {
        path: path.to_path_buf(),
        cause,
    }
}

/// Run `deboil check`: print the report (or, with `--bless`, what was written) to
/// standard output and return the exit status.
pub fn run(args: &CheckArgs) -> Result<ExitCode, CheckError> {
    if let Some(bad) = args.dirs.iter().find(|dir| !dir.is_dir()) {
        eprintln!("deboil: check: {}: not a directory", bad.display());
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let walk = args.walk.walk_options()?;
    let report = check(&args.dirs, &walk, args.threads)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let status = if args.bless {
        let blessed = bless(&report)?;
        write_blessed(&mut out, &report, &blessed).map_err(CheckError::Output)?;
        EXIT_OK
    } else {
        write_report(&mut out, &report).map_err(CheckError::Output)?;
        if report.fixtures == 0 {
            eprintln!("deboil: check: no fixture found (nothing was checked)");
        }
        if report.passed() && report.fixtures > 0 {
            EXIT_OK
        } else {
            EXIT_DIFFERS
        }
    };
    out.flush().map_err(CheckError::Output)?;
    Ok(ExitCode::from(status))
}

/// Write the diff of every mismatch, the orphans and the summary line.
pub fn write_report(out: &mut impl Write, report: &Report) -> io::Result<()> {
    for mismatch in &report.mismatches {
        match &mismatch.status {
            Status::Match => {}
            Status::New { .. } => writeln!(out, "new: {}", mismatch.input)?,
            Status::Unreadable { message, .. } => writeln!(
                out,
                "differs: {}: expected record {} unreadable: {message}",
                mismatch.input,
                mismatch.expected_path.display()
            )?,
            Status::Differs { expected, actual } => {
                writeln!(out, "differs: {}", mismatch.input)?;
                write!(out, "{}", diff::render(expected, actual))?;
            }
        }
    }
    for orphan in &report.orphans {
        writeln!(out, "orphan: {} (no input of its name)", orphan.display())?;
    }
    writeln!(out, "{}", report.summary())
}

/// Write what `--bless` wrote and removed, and the summary line.
fn write_blessed(out: &mut impl Write, report: &Report, blessed: &Blessed) -> io::Result<()> {
    for (path, new) in &blessed.written {
        let what = if *new { "new" } else { "updated" };
        writeln!(out, "blessed: {} ({what})", path.display())?;
    }
    for path in &blessed.removed {
        writeln!(out, "removed: {} (orphan)", path.display())?;
    }
    writeln!(
        out,
        "{}; blessed {}, removed {}",
        report.summary(),
        blessed.written.len(),
        blessed.removed.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn mismatch(status: Status) -> Mismatch {
        Mismatch {
            input: "fx/a.txt".to_string(),
            expected_path: PathBuf::from("fx/a.txt.expected.json"),
            status,
        }
    }

    #[test]
    fn summary_counts_each_kind_of_mismatch() {
        let mut report = Report {
            fixtures: 5,
            matched: 2,
            ..Report::default()
        };
        assert!(report.passed());
        report
            .mismatches
            .push(mismatch(Status::New { actual: json!({}) }));
        report.mismatches.push(mismatch(Status::Differs {
            expected: json!({"title": "a"}),
            actual: json!({"title": "b"}),
        }));
        report.mismatches.push(mismatch(Status::Unreadable {
            message: "not valid JSON".to_string(),
            actual: json!({}),
        }));
        report
            .orphans
            .push(PathBuf::from("fx/gone.txt.expected.json"));
        assert!(!report.passed());
        assert_eq!(
            report.summary(),
            "check: 5 fixtures, 2 match, 2 differ, 1 new, 1 orphaned"
        );
        let mut out = Vec::new();
        write_report(&mut out, &report).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("new: fx/a.txt\n"), "{out}");
        assert!(out.contains("title: \"a\" -> \"b\"\n"), "{out}");
        assert!(out.contains("unreadable: not valid JSON"), "{out}");
        assert!(out.contains("orphan: fx/gone.txt.expected.json"), "{out}");
    }
}
