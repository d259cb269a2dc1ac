//! `deboil report`: one self-contained HTML file showing, for each input, its record's
//! metadata and its content in input order, kept blocks plain and removed pieces struck
//! through under their reason code, with a legend, counts by reason and a table of
//! contents.
//!
//! Inputs are walked and cleaned as `deboil clean` does ([`crate::pipeline`]); inputs
//! that fail appear in the report with their error. The file holds no script, loads
//! nothing (a Content-Security-Policy says so too) and escapes every string taken from
//! an input ([`escape`]).

pub mod content;
pub mod escape;
pub mod legend;
pub mod render;
mod style;
pub mod tally;
mod writer;

use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::batch::args::WalkArgs;
use crate::output::OutputFile;
use crate::pipeline::Collected;
use crate::pipeline::{collect_sources_with, Input, Outcome, Pipeline, PipelineError, Source};
use crate::record::ErrorRecord;
use crate::Options;
pub use tally::Totals;
pub use writer::{ReportWriter, UNFOLDED_MAX};

/// Arguments of `deboil report`.
#[derive(Debug, Clone, clap::Args)]
#[command(after_help = REPORT_AFTER_HELP)]
pub struct ReportArgs {
    /// Files or directories to report on, walked and cleaned as by `deboil clean`
    /// (*.txt, *.html, *.htm and the same with .gz, in file-name order); `-` reads
    /// standard input.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,

    /// Write the report to FILE (`-`: standard output). A regular file, or the file a
    /// symbolic link leads to (the link kept), is written under a temporary name in its
    /// directory and renamed when complete; a FIFO or device is written in place. FILE
    /// may not be one of the inputs.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    /// The report's heading and page title.
    #[arg(long, value_name = "TEXT", default_value = "deboil report")]
    pub title: String,

    /// The directory-walk flags, as for `deboil clean`.
    #[command(flatten)]
    pub walk: WalkArgs,

    /// Number of worker threads; 0 uses one per CPU.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No summary line (messages about failed inputs remain).
    #[arg(short, long)]
    pub quiet: bool,
}

/// Text shown after the options of `deboil report --help`.
const REPORT_AFTER_HELP: &str = "\
The report is one HTML file with inline CSS and no script: open it in any browser. \
Per document it shows the title, the metadata, then the content in input order: kept \
blocks plain, removed pieces struck through and coloured by reason, each labelled with \
its reason code and input line. A legend lists every reason code with its meaning and \
totals; each document lists its removals by reason; a table of contents links the \
documents when there are several. With more than 50 documents each one is folded under \
its summary line (click to unfold). An input that cannot be cleaned appears with its \
error.

Exit status: 0 when every input was cleaned, 1 when any input failed (it is in the \
report) or a directory held nothing to report on, 2 on a usage error.";

/// Why `deboil report` could not write its report.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The --include/--exclude globs do not compile together.
    #[error("cannot compile the --include/--exclude globs: {0}")]
    Globs(#[from] globset::Error),
    /// The output is one of the inputs.
    #[error("refusing to write the report over the input {0}")]
    OutputIsInput(String),
    /// The worker threads could not be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// The report could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The output, as given.
        path: PathBuf,
        /// What went wrong.
        source: io::Error,
    },
}

impl ReportError {
    /// The exit status for this error: 2 for a usage error, 1 otherwise.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            ReportError::Globs(_) | ReportError::OutputIsInput(_) => ExitCode::from(2),
            _ => ExitCode::FAILURE,
        }
    }
}

/// What a finished report covered.
#[derive(Debug, Clone)]
pub struct Reported {
    /// Its totals.
    pub totals: Totals,
    /// Directory arguments that held nothing to report on.
    pub empty_dirs: Vec<PathBuf>,
}

/// Run `deboil report`: write the report, tell standard error about failed inputs and
/// (unless `--quiet`) sum up; returns the exit status.
pub fn run(args: &ReportArgs) -> ExitCode {
    match report(args) {
        Ok(done) => {
            if !args.quiet {
                eprintln!("deboil: {}", summary_line(args, &done.totals));
            }
            let failed = done.totals.errors > 0 || !done.empty_dirs.is_empty();
            ExitCode::from(u8::from(failed))
        }
        Err(error) => {
            eprintln!("deboil: {error}");
            error.exit_code()
        }
    }
}

/// Write the report these arguments ask for.
pub fn report(args: &ReportArgs) -> Result<Reported, ReportError> {
    let walk = args.walk.walk_options()?;
    let Collected {
        sources,
        empty_dirs,
    } = collect_sources_with(&args.paths, &walk);
    for dir in &empty_dirs {
        eprintln!(
            "deboil: {}: no .txt/.html/.htm(.gz) files found",
            dir.display()
        );
    }
    let to_stdout = args.output.as_os_str() == "-";
    if !to_stdout {
        if let Some(input) = output_among_inputs(&args.output, &sources) {
            return Err(ReportError::OutputIsInput(input.source.clone()));
        }
    }
    let inputs = describe_inputs(&args.paths, sources.len());
    let mut writer = ReportWriter::new(&args.title, &inputs, sources.len());
    fill(&mut writer, &sources, args.threads).map_err(|e| write_error(args, e))?;
    let totals = writer.totals().clone();
    finish(writer, args, to_stdout)?;
    Ok(Reported { totals, empty_dirs })
}

/// Clean every source and add its record to the report, in order.
fn fill(writer: &mut ReportWriter, sources: &[Source], threads: usize) -> io::Result<()> {
    let options = Options {
        explain: true,
        ..Options::default()
    };
    let sink = |_: &Source, outcome: Outcome| {
        let Outcome::Record(record) = outcome else {
            return Ok(());
        };
        if let Err(error) = &record {
            tell_failure(error);
        }
        writer.add(&record)
    };
    match Pipeline::new(options).threads(threads).run(sources, sink) {
        Ok(_) => Ok(()),
        Err(PipelineError::Stopped(error)) => Err(error),
        Err(PipelineError::Threads(error)) => Err(io::Error::other(error)),
    }
}

/// Write the finished report to its file (see [`OutputFile`]) or to standard output.
fn finish(writer: ReportWriter, args: &ReportArgs, to_stdout: bool) -> Result<(), ReportError> {
    if to_stdout {
        let mut out = io::BufWriter::new(io::stdout().lock());
        return writer.finish(&mut out).map_err(|e| write_error(args, e));
    }
    let written = OutputFile::create(&args.output).and_then(|mut file| {
        writer.finish(&mut file)?;
        file.commit()
    });
    written.map_err(|e| write_error(args, e))
}

/// The error of a failed write of the report.
fn write_error(args: &ReportArgs, source: io::Error) -> ReportError {
    ReportError::Write {
        path: args.output.clone(),
        source,
    }
}

/// What the report covers, for its header: the arguments and the document count.
fn describe_inputs(paths: &[PathBuf], documents: usize) -> String {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let noun = if documents == 1 {
        "document"
    } else {
        "documents"
    };
    format!("{documents} {noun} from {}", names.join(", "))
}

/// The closing line on standard error.
fn summary_line(args: &ReportArgs, totals: &Totals) -> String {
    format!(
        "{}: {} documents ({} errors), {} pieces removed ({:.1}% of the text)",
        args.output.display(),
        totals.documents(),
        totals.errors,
        totals.removed_pieces(),
        totals.removed_percent()
    )
}

/// Tell standard error about an input that failed: `deboil: PATH: message`.
fn tell_failure(error: &ErrorRecord) {
    let path = if error.source == "-" {
        "stdin"
    } else {
        &error.source
    };
    eprintln!("deboil: {path}: {}", error.error.message);
}

/// The input source that is the same file as `output`, if any.
fn output_among_inputs<'a>(output: &Path, sources: &'a [Source]) -> Option<&'a Source> {
    let output = output.canonicalize().ok()?;
    sources.iter().find(|source| match &source.input {
        Input::File(path) => path.canonicalize().is_ok_and(|p| p == output),
        _ => false,
    })
}
