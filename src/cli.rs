//! `deboil clean`: arguments and the batch loop (walk, clean in parallel, write in order).

use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use deboil::output::{AtomicFile, Format, RecordWriter};
use deboil::pipeline::{clean_source, collect_sources, Input, Source};
use deboil::{Article, ErrorRecord, InputMode, Options};

/// How many inputs are cleaned in parallel before their records are written; bounds
/// the memory held at once while keeping the output in walk order.
const CHUNK: usize = 256;

/// Exit code when every input was cleaned.
const EXIT_OK: u8 = 0;
/// Exit code when at least one input failed (its error record was written).
const EXIT_FAILED: u8 = 1;
/// Exit code for a usage error (the same as clap's).
const EXIT_USAGE: u8 = 2;

/// Which front end reads the inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputArg {
    /// Decide per input from its content; the file extension breaks ties.
    Auto,
    /// Read every input as plain text.
    Text,
    /// Read every input as an HTML page.
    Html,
}

impl From<InputArg> for InputMode {
    fn from(arg: InputArg) -> Self {
        match arg {
            InputArg::Auto => InputMode::Auto,
            InputArg::Text => InputMode::Text,
            InputArg::Html => InputMode::Html,
        }
    }
}

/// Arguments of `deboil clean`.
#[derive(Debug, clap::Args)]
#[command(after_help = CLEAN_AFTER_HELP)]
pub struct CleanArgs {
    /// Files or directories to clean. A directory is walked recursively, in file-name
    /// order, picking *.txt, *.html, *.htm and the same with .gz (hidden files and
    /// directories are skipped). `-`, or no path at all, reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Write the records to FILE instead of standard output. The file is written under
    /// a temporary name in the same directory and renamed when complete; FILE may not
    /// be one of the inputs.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Which front end reads the inputs.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = InputArg::Auto)]
    pub input: InputArg,

    /// Output format of the records (each value is described below).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Jsonl)]
    pub format: Format,

    /// List every removed piece with its reason in each record's `removed` (default).
    #[arg(long, overrides_with = "no_explain")]
    pub explain: bool,

    /// Leave `removed` empty in every record (smaller output).
    #[arg(long, overrides_with = "explain")]
    pub no_explain: bool,

    /// Largest input accepted, in bytes after gzip decompression; larger inputs get an
    /// error record of kind `too_large`. Accepts K, M and G suffixes (powers of 1024).
    #[arg(long, value_name = "N", value_parser = parse_size, default_value_t = deboil::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,

    /// Number of worker threads; 0 uses one per CPU. Output order does not depend on it.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
}

/// Text shown after the options of `deboil clean --help`.
const CLEAN_AFTER_HELP: &str = "\
Each input gives one record, in walk order. An input that cannot be cleaned (missing, \
unreadable, a dangling link or FIFO met in a directory, binary, too large, corrupt gzip) \
gives an error record {\"id\", \"source\", \
\"error\": {\"kind\", \"message\"}} in the same stream and a message on standard error; \
the batch goes on. A directory holding no file to pick gives a message on standard \
error and no record.

Exit status: 0 when every input was cleaned, 1 when any input failed or a directory held \
nothing to clean, 2 on a usage error.";

impl CleanArgs {
    /// The library options these arguments select.
    pub fn options(&self) -> Options {
        Options {
            input: self.input.into(),
            explain: !self.no_explain,
            max_bytes: self.max_bytes,
        }
    }
}

/// Parse a byte count: a number with an optional K, M or G suffix (powers of 1024,
/// an optional trailing `B` or `iB` accepted).
pub fn parse_size(text: &str) -> Result<usize, String> {
    let lower = text.trim().to_ascii_lowercase();
    let unit = lower.trim_end_matches("ib").trim_end_matches('b');
    let (digits, shift) = match unit.chars().last() {
        Some('k') => (&unit[..unit.len() - 1], 10),
        Some('m') => (&unit[..unit.len() - 1], 20),
        Some('g') => (&unit[..unit.len() - 1], 30),
        _ => (unit, 0),
    };
    let number: usize = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a byte count (examples: 1000, 512K, 64M)"))?;
    number
        .checked_mul(1usize << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// Run `deboil clean`; returns the exit code.
pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    let options = args.options();
    let collected = collect_sources(&args.paths);
    report_empty_dirs(&collected.empty_dirs);
    let no_files = !collected.empty_dirs.is_empty();
    let sources = collected.sources;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads)
        .build()
        .context("cannot start the worker threads")?;
    let target = args.output.as_deref().filter(|p| p.as_os_str() != "-");
    let Some(target) = target else {
        let stdout = BufWriter::new(io::stdout().lock());
        let result = clean_all(&pool, &sources, &options, stdout, args.format);
        return finish_stream(result.map(|(failed, out)| (failed || no_files, out)));
    };
    if let Some(input) = output_among_inputs(target, &sources) {
        eprintln!(
            "deboil: refusing to write the output over the input {}",
            input.source
        );
        return Ok(ExitCode::from(EXIT_USAGE));
    }
    let file = AtomicFile::create(target)
        .with_context(|| format!("cannot create the output next to {}", target.display()))?;
    let (any_failed, file) = clean_all(&pool, &sources, &options, file, args.format)?;
    file.commit()
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(exit_code(any_failed || no_files))
}

/// Tell standard error about directory arguments with nothing to clean; each counts
/// as a failed argument (exit status 1) but gives no record, since no input was read.
fn report_empty_dirs(dirs: &[PathBuf]) {
    for dir in dirs {
        eprintln!(
            "deboil: {}: no .txt/.html/.htm(.gz) files found",
            dir.display()
        );
    }
}

/// The exit code after writing to standard output; a closed pipe (`deboil clean | head`)
/// ends the run quietly.
fn finish_stream<W>(result: io::Result<(bool, W)>) -> anyhow::Result<ExitCode> {
    match result {
        Ok((any_failed, _)) => Ok(exit_code(any_failed)),
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::from(EXIT_OK)),
        Err(error) => Err(error).context("cannot write to standard output"),
    }
}

/// 0 when all inputs were cleaned, 1 otherwise.
fn exit_code(any_failed: bool) -> ExitCode {
    ExitCode::from(if any_failed { EXIT_FAILED } else { EXIT_OK })
}

/// The input source that is the same file as `output`, if any.
fn output_among_inputs<'a>(output: &Path, sources: &'a [Source]) -> Option<&'a Source> {
    let output = output.canonicalize().ok()?;
    sources.iter().find(|source| match &source.input {
        Input::File(path) => path.canonicalize().is_ok_and(|p| p == output),
        _ => false,
    })
}

/// Clean every source on `pool`, a chunk at a time, and write the records in order.
/// Returns whether any input failed, and the writer's output.
fn clean_all<W: Write>(
    pool: &rayon::ThreadPool,
    sources: &[Source],
    options: &Options,
    out: W,
    format: Format,
) -> io::Result<(bool, W)> {
    let mut writer = RecordWriter::new(out, format);
    let mut any_failed = false;
    for chunk in sources.chunks(CHUNK) {
        let records: Vec<Result<Article, ErrorRecord>> =
            pool.install(|| chunk.par_iter().map(|s| clean_source(s, options)).collect());
        for record in &records {
            if let Err(error) = record {
                report(error);
                any_failed = true;
            }
            writer.write(record)?;
        }
    }
    Ok((any_failed, writer.finish()?))
}

/// Tell standard error about an input that failed: `deboil: PATH: message`.
fn report(error: &ErrorRecord) {
    let path = if error.source == "-" {
        "stdin"
    } else {
        &error.source
    };
    eprintln!("deboil: {path}: {}", error.error.message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("512K"), Ok(512 * 1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("2mb"), Ok(2 << 20));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("-5").is_err());
        assert!(parse_size("99999999999999999999G").is_err());
    }
}
