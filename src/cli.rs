//! `deboil clean`: arguments, and the batch run on top of [`deboil::pipeline::Pipeline`]:
//! records to one stream (standard output or `--output`) or one file per input
//! (`--out-dir`), with a progress bar and a summary.

use std::borrow::Borrow;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use deboil::batch::args::WalkArgs;
use deboil::batch::jsonl::{self, JsonLines};
use deboil::batch::list::{read_list, ListError};
use deboil::batch::outdir::{OutDir, WriteError};
use deboil::batch::shard::Shard;
use deboil::batch::stats::{megabytes, Summary};
use deboil::batch::warc::{self as warc_input, SkipCounts};
use deboil::boilerplate::{Learned, SiteCounts, Thresholds};
use deboil::output::{Format, GzipOutput, NamedOutput, OutputFile, RecordWriter, ShowRemoved};
use deboil::pipeline::{
    clean_source, collect_sources_with, Input, Outcome, Pipeline, PipelineError, Progress, Source,
    WalkOptions,
};
use deboil::{Article, ErrorRecord, InputMode, Options};

/// Exit code when every input was cleaned.
const EXIT_OK: u8 = 0;
/// Exit code when at least one input failed (its error record was written).
const EXIT_FAILED: u8 = 1;
/// Exit code for a usage error (the same as clap's).
const EXIT_USAGE: u8 = 2;
/// Sources out at once (read and not yet written) when a run reads WARC files.
const WARC_WINDOW: usize = warc_input::WINDOW;

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

/// When removed pieces shown in place are coloured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorArg {
    /// On a terminal, unless `NO_COLOR` is set.
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

/// Arguments of `deboil clean`.
#[derive(Debug, clap::Args)]
#[command(after_help = CLEAN_AFTER_HELP)]
pub struct CleanArgs {
    /// Files or directories to clean. A directory is walked recursively, in file-name
    /// order, picking *.txt, *.html, *.htm and the same with .gz, and *.warc, *.warc.gz
    /// (hidden files and directories are skipped unless --hidden). `-`, or no path at
    /// all, reads standard input. A WARC file (by its name, or by its content whatever
    /// its name) is streamed a record at a time: each page it holds (2xx HTML
    /// responses, HTML resources, WET text conversions) gives a record with a `warc`
    /// object, the other records are counted by kind in the summary.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Read the paths to clean from FILE (`-`: standard input) instead of arguments,
    /// one a line, each taken as a PATH argument (a directory is walked). A line is the
    /// path exactly as written, relative to the current directory, less a final
    /// carriage return; empty and blank lines and lines starting with # are skipped
    /// (list a file named #x as ./#x); a line `-` is refused. A list naming no path
    /// cleans nothing and exits with status 1. Not with PATH arguments.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["paths", "from_jsonl"])]
    pub files_from: Option<PathBuf>,

    /// Clean only shard I of N (0 <= I < N): the inputs (after --files-from and the
    /// directory walk) are sorted by their path as given, bytewise, and this run takes
    /// those whose position in that order is I modulo N, in walk order. N machines
    /// running the same command with shards 0/N to N-1/N over the same inputs clean
    /// each exactly once. The summary and --stats-json count the shard's inputs only;
    /// --out-dir names outputs as the whole run would; --learn-boilerplate learns from
    /// the shard alone.
    #[arg(long, value_name = "I/N", conflicts_with = "from_jsonl")]
    pub shard: Option<Shard>,

    /// Read the documents from a JSON Lines FILE (`-`: standard input) instead of
    /// paths: one JSON object per line with an `html` or a `text` field (which picks
    /// the front end unless --input says otherwise), and optionally `id` (a string or
    /// number; default FILE:LINE, `stdin:LINE` for standard input) and `url` (the
    /// record's `url`, resolving relative canonical links). Lines are cleaned as they
    /// are read, in order; a line that is not such an object gives an error record of
    /// kind `jsonl` and the run goes on; blank lines are skipped; other fields are
    /// ignored. Not with paths, --out-dir, --learn-boilerplate or --url.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["paths", "out_dir", "learn_boilerplate", "url"]
    )]
    pub from_jsonl: Option<PathBuf>,

    /// Write the records to FILE instead of standard output (`-`: standard output). A
    /// regular file, or the file a symbolic link leads to (the link kept), is written
    /// under a temporary name in its directory and renamed when complete; a FIFO or
    /// device is written in place, never replaced. FILE may not be one of the inputs.
    /// A FILE whose name ends in .gz (records.jsonl.gz) is written gzip-compressed, in
    /// any --format (a FIFO too).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Write one file per input under DIR instead of one stream, mirroring the input
    /// tree: DIR/a/b/page.json for a/b/page.html under a directory argument
    /// (one JSON object per file: on one line with jsonl, pretty with json; .txt with
    /// --format text, .md with --format markdown; an input that failed gets
    /// page.error.json). With several directory arguments, each tree goes under
    /// DIR/<directory name>/; a file argument goes to DIR/<file name>. When two inputs
    /// of one directory would share a name (page.html, page.txt) both keep their whole
    /// name (page.html.json, page.txt.json). Each file is written under a temporary
    /// name and renamed when complete (an existing output that is a symbolic link is
    /// followed and the file it leads to replaced). DIR may not be, hold, or lie inside an input
    /// directory; standard input cannot be cleaned into it. A WARC input gives one
    /// gzip file of all its records, DIR/<name>.jsonl.gz for crawl.warc.gz (.json.gz,
    /// .txt.gz, .md.gz in the other formats).
    #[arg(long, value_name = "DIR", conflicts_with = "output")]
    pub out_dir: Option<PathBuf>,

    /// With --out-dir: skip every input whose output file (record or error) already
    /// exists, so a stopped batch restarts where it stopped. Skipped inputs are
    /// counted in the summary.
    #[arg(long, visible_alias = "skip-existing", requires = "out_dir")]
    pub resume: bool,

    /// The directory-walk flags.
    #[command(flatten)]
    pub walk: WalkArgs,

    /// The address the one input was fetched from (an absolute http or https URL): it
    /// becomes the record's `url`, a relative canonical link of the page is resolved
    /// against it, and its host names the site when the page does not. Only with
    /// exactly one input (a file or standard input).
    #[arg(long, value_name = "URL", value_parser = parse_url)]
    pub url: Option<String>,

    /// Which front end reads the inputs.
    #[arg(long, value_enum, value_name = "MODE", default_value_t = InputArg::Auto)]
    pub input: InputArg,

    /// Output format of the records (each value is described below).
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = Format::Jsonl)]
    pub format: Format,

    /// List every removed piece with its reason in each record's `removed` (default
    /// for the JSON formats). Given explicitly with --format text or markdown, the
    /// stream (standard output or --output, not --out-dir files) shows each removed
    /// piece in place among the body blocks, in input order (title and standfirst
    /// first), as `[- reason] text`: dimmed and coloured on a terminal (see --color),
    /// plain otherwise. Without it those formats print the clean text only.
    #[arg(long, overrides_with = "no_explain")]
    pub explain: bool,

    /// When --explain colours removed pieces in text and Markdown: `auto` on a
    /// terminal unless NO_COLOR is set (to anything but an empty value), `always`,
    /// or `never`.
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorArg::Auto)]
    pub color: ColorArg,

    /// Leave `removed` empty in every record (smaller output; the summary then counts
    /// no removals per reason).
    #[arg(long, overrides_with = "explain")]
    pub no_explain: bool,

    /// Largest input accepted, in bytes after gzip decompression; larger inputs get an
    /// error record of kind `too_large`. Accepts K, M and G suffixes (powers of 1024).
    #[arg(long, value_name = "N", value_parser = parse_size, default_value_t = deboil::DEFAULT_MAX_BYTES)]
    pub max_bytes: usize,

    /// Deepest HTML element nesting kept as structure. Deeper elements are flattened:
    /// their tags are ignored and their text kept in the element at this depth, and the
    /// record gets a warning. Bounds parse time on hostile pages (real pages rarely
    /// nest deeper than 100).
    #[arg(long, value_name = "N", default_value_t = deboil::DEFAULT_MAX_DEPTH)]
    pub max_depth: usize,

    /// Most blocks (paragraphs, lines, table cells) a document may have; a document
    /// with more gets an error record of kind `too_many_blocks`.
    #[arg(long, value_name = "N", default_value_t = deboil::DEFAULT_MAX_BLOCKS)]
    pub max_blocks: usize,

    /// Number of worker threads; 0 uses one per CPU. Output order does not depend on it.
    #[arg(short = 'j', long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// No progress bar and no summary line (messages about failed inputs remain).
    #[arg(short, long)]
    pub quiet: bool,

    /// Write the batch summary to FILE as JSON (fields below), also with --quiet. FILE
    /// is written as --output's file is (a FIFO or device in place).
    #[arg(long, value_name = "FILE")]
    pub stats_json: Option<PathBuf>,

    /// Learn site boilerplate from the batch, then remove it: a first pass counts, per
    /// site (the record's URL host, else the input's directory), the documents each body
    /// block occurs in; the second pass removes blocks that recur in at least
    /// --boilerplate-min-docs documents and --boilerplate-min-share of the site's
    /// documents, with reason `site_boilerplate`. Off by default: it cleans every input
    /// twice, and it makes a document's record depend on the rest of the batch.
    #[arg(long)]
    pub learn_boilerplate: bool,

    /// With --learn-boilerplate: fewest documents of a site a block must occur in.
    #[arg(long, value_name = "N", value_parser = parse_min_docs, default_value_t = Thresholds::default().min_docs)]
    pub boilerplate_min_docs: usize,

    /// With --learn-boilerplate: smallest share (0 to 1) of a site's documents a block
    /// must occur in.
    #[arg(long, value_name = "SHARE", value_parser = parse_share, default_value_t = Thresholds::default().min_share)]
    pub boilerplate_min_share: f32,
}

/// Text shown after the options of `deboil clean --help`.
const CLEAN_AFTER_HELP: &str = "\
Each input gives one record, in walk order. An input that cannot be cleaned (missing, \
unreadable, a dangling link, link loop or FIFO met in a directory, binary, corrupt \
gzip, over --max-bytes or --max-blocks) gives an error record {\"id\", \"source\", \
\"error\": {\"kind\", \"message\"}} in the same stream (or its own .error.json file) and \
a message on standard error; the batch goes on. A directory holding no file to pick \
gives a message on standard error and no record.

Progress and summary: while a batch runs with standard error on a terminal, a progress \
bar shows files done / total, MB, documents/s, errors and the time left. A batch (a \
directory argument or --out-dir) ends with one summary line on standard error: \
documents cleaned, errors, skipped, MB read, documents/s, the share of text removed, \
removals per reason code and errors per kind. --quiet turns both off.

--stats-json FILE holds one JSON object: inputs (cleaned + errors + skipped), cleaned, \
errors, skipped, input_bytes (bytes of the cleaned inputs after decompression), seconds, \
documents_per_second ((cleaned + errors) / seconds), kept_chars, removed_chars, \
removed_share (removed_chars / (kept_chars + removed_chars)), reasons (removed pieces \
per reason code), error_kinds (error records per kind) and warc_skipped (WARC records \
that hold no page, per kind: the record type for request, metadata, warcinfo, revisit, \
continuation; status_NNN for a non-2xx response; non_html for a response or resource \
that is not HTML; non_text for a conversion that is not text/plain).

Exit status: 0 when every input was cleaned (or skipped), 1 when any input failed or a \
directory held nothing to clean, 2 on a usage error.";

impl CleanArgs {
    /// The library options these arguments select.
    pub fn options(&self) -> Options {
        Options::default()
            .with_input(self.input.into())
            .with_explain(!self.no_explain)
            .with_max_bytes(self.max_bytes)
            .with_max_depth(self.max_depth)
            .with_max_blocks(self.max_blocks)
    }

    /// How these arguments walk directories.
    pub fn walk_options(&self) -> anyhow::Result<WalkOptions> {
        self.walk
            .walk_options()
            .context("cannot compile the --include/--exclude globs")
    }

    /// Whether this is a batch that ends with a summary line: a directory argument or
    /// an output directory, and no --quiet.
    fn shows_summary(&self) -> bool {
        let batch = self.files_from.is_some() || self.shard.is_some();
        !self.quiet && (batch || self.out_dir.is_some() || self.paths.iter().any(|p| p.is_dir()))
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

/// `--url`: an absolute http or https URL, kept as given.
fn parse_url(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text.trim()).map_err(|e| format!("`{text}` is not a URL: {e}"))?;
    match url.scheme() {
        "http" | "https" => Ok(text.trim().to_string()),
        other => Err(format!("`{text}` is a {other} URL, not http or https")),
    }
}

/// How a run ended before its summary: with a summary, or with an exit code alone.
enum Ended {
    /// Every source went through; the run's totals.
    Ran(Summary),
    /// The run ended early (usage error, closed standard output) with this code.
    Exit(ExitCode),
}

/// Run `deboil clean`; returns the exit code.
pub fn run(args: &CleanArgs) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.from_jsonl {
        return run_jsonl(args, path);
    }
    let walk = args.walk_options()?;
    let paths = match input_paths(args) {
        Ok(paths) => paths,
        Err(error) => return Ok(usage_error(&error.to_string())),
    };
    if paths.is_empty() {
        if let Some(list) = &args.files_from {
            eprintln!("deboil: {}: lists no path to clean", list_name(list));
            return Ok(exit_code(true));
        }
    }
    let mut collected = collect_sources_with(&paths, &walk);
    report_empty_dirs(&collected.empty_dirs, &walk);
    if let Some(url) = &args.url {
        let single = collected.sources.len() == 1 && !paths.iter().any(|p| p.is_dir());
        if !single {
            let message =
                "--url gives the address of one input: name exactly one file (or standard input)";
            return Ok(usage_error(message));
        }
        collected.sources[0].url = Some(url.clone());
    }
    let plan = match &args.out_dir {
        Some(dir) => match OutDir::plan(dir, args.format, &paths, &collected.sources) {
            Ok(plan) => Some(plan),
            Err(error) => return Ok(usage_error(&error.to_string())),
        },
        None => None,
    };
    let (sources, indices) = take_shard(args.shard, std::mem::take(&mut collected.sources));
    let sources = &sources;
    let bar = progress_bar(
        Some(sources.len()),
        !args.quiet && io::stderr().is_terminal(),
    );
    if args.learn_boilerplate && sources.iter().any(|s| matches!(s.input, Input::Stdin)) {
        let message = "--learn-boilerplate reads every input twice and cannot take standard input";
        return Ok(usage_error(message));
    }
    let target = output_file(args);
    if let Some(input) = target.and_then(|t| output_among_inputs(t, sources)) {
        let message = format!(
            "refusing to write the output over the input {}",
            input.source
        );
        return Ok(usage_error(&message));
    }
    let any_warc = sources.iter().any(warc_input::is_warc_source);
    let learned = match args.learn_boilerplate {
        true => Some(learn(args, sources, &bar)?),
        false => None,
    };
    let learned = learned.as_ref();
    let skipped = SkipCounts::default();
    let ended = match &plan {
        Some(plan) => run_out_dir(args, plan, sources, &indices, learned, &skipped, &bar)?,
        None => {
            // A WARC's records are counted as they are read: the total is unknown.
            let total = (!any_warc).then_some(sources.len());
            let expanded = warc_input::expand(sources, args.max_bytes, skipped.clone());
            let window = if any_warc {
                WARC_WINDOW
            } else {
                Pipeline::DEFAULT_WINDOW
            };
            run_stream(args, expanded, total, learned, window, &bar)?
        }
    };
    bar.finish_and_clear();
    let mut summary = match ended {
        Ended::Ran(summary) => summary,
        Ended::Exit(code) => return Ok(code),
    };
    summary.warc_skipped = skipped.snapshot();
    finish(args, &summary, any_warc)?;
    let failed = summary.errors > 0 || !collected.empty_dirs.is_empty();
    Ok(exit_code(failed))
}

/// `deboil clean --from-jsonl PATH`: clean the documents of a JSON Lines file (`-`:
/// standard input) as they are read, into one stream.
fn run_jsonl(args: &CleanArgs, path: &Path) -> anyhow::Result<ExitCode> {
    let max_line = jsonl::max_line_for(args.max_bytes);
    let bar = progress_bar(None, !args.quiet && io::stderr().is_terminal());
    let ended = if path.as_os_str() == "-" {
        let lines = JsonLines::new(io::BufReader::new(io::stdin()), "stdin", max_line);
        run_stream(args, lines, None, None, Pipeline::DEFAULT_WINDOW, &bar)?
    } else {
        let same = output_file(args).is_some_and(|target| same_file(target, path));
        if same {
            let message = format!(
                "refusing to write the output over the input {}",
                path.display()
            );
            return Ok(usage_error(&message));
        }
        let file = File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.display().to_string();
        let lines = JsonLines::new(io::BufReader::new(file), name, max_line);
        run_stream(args, lines, None, None, Pipeline::DEFAULT_WINDOW, &bar)?
    };
    bar.finish_and_clear();
    let summary = match ended {
        Ended::Ran(summary) => summary,
        Ended::Exit(code) => return Ok(code),
    };
    if !args.quiet {
        eprintln!("deboil: {}", summary.line());
    }
    if let Some(path) = &args.stats_json {
        write_stats(path, &summary).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(exit_code(summary.errors > 0))
}

/// `--boilerplate-min-docs`: a whole number of at least 1.
fn parse_min_docs(value: &str) -> Result<usize, String> {
    match value.parse::<usize>() {
        Ok(n) if n >= 1 => Ok(n),
        _ => Err(format!("{value:?} is not a whole number of at least 1")),
    }
}

/// `--boilerplate-min-share`: a share from 0 to 1.
fn parse_share(value: &str) -> Result<f32, String> {
    match value.parse::<f32>() {
        Ok(share) if (0.0..=1.0).contains(&share) => Ok(share),
        _ => Err(format!("{value:?} is not a share from 0 to 1")),
    }
}

/// The first pass of `--learn-boilerplate`: clean every source and count its body
/// blocks per site; returns what recurs enough to be boilerplate.
fn learn(args: &CleanArgs, sources: &[Source], bar: &ProgressBar) -> anyhow::Result<Learned> {
    let mut counts = SiteCounts::default();
    let expanded = warc_input::expand(sources, args.max_bytes, SkipCounts::default());
    let clean = |_: usize, source: &Source, options: &Options| {
        Ok(Outcome::Record(clean_source(source, options)))
    };
    let any_warc = sources.iter().any(warc_input::is_warc_source);
    let window = if any_warc {
        WARC_WINDOW
    } else {
        Pipeline::DEFAULT_WINDOW
    };
    pipeline(args, bar)
        .window(window)
        .run_stream(expanded, None, clean, |_, outcome| {
            if let Outcome::Record(Ok(article)) = outcome {
                counts.observe(&article);
            }
            Ok::<(), io::Error>(())
        })
        .context("learning site boilerplate")?;
    bar.set_position(0);
    let learned = counts.learn(Thresholds {
        min_docs: args.boilerplate_min_docs,
        min_share: args.boilerplate_min_share,
    });
    if !args.quiet {
        bar.suspend(|| eprintln!("deboil: learned {} site boilerplate blocks", learned.len()));
    }
    Ok(learned)
}

/// Clean one source, then remove what the batch taught as site boilerplate.
fn clean_learned(
    source: &Source,
    options: &Options,
    learned: Option<&Learned>,
) -> Result<Article, ErrorRecord> {
    let mut record = clean_source(source, options);
    if let (Some(learned), Ok(article)) = (learned, &mut record) {
        learned.apply(article, options.explain);
    }
    record
}

/// Print the summary line and write `--stats-json`, as asked.
fn finish(args: &CleanArgs, summary: &Summary, any_warc: bool) -> anyhow::Result<()> {
    if args.shows_summary() || (any_warc && !args.quiet) {
        eprintln!("deboil: {}", summary.line());
    }
    if let Some(path) = &args.stats_json {
        write_stats(path, summary).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// Write the summary as pretty JSON to `path` (see [`OutputFile`]).
fn write_stats(path: &Path, summary: &Summary) -> io::Result<()> {
    let mut file = OutputFile::create(path)?;
    serde_json::to_writer_pretty(&mut file, summary)?;
    file.write_all(b"\n")?;
    file.commit()
}

/// The `--output` file, unless it is absent or `-` (standard output).
fn output_file(args: &CleanArgs) -> Option<&Path> {
    args.output.as_deref().filter(|p| p.as_os_str() != "-")
}

/// Clean into one stream: standard output, or the `--output` file. `total` is the
/// number of sources when known (for the progress bar).
fn run_stream<I>(
    args: &CleanArgs,
    sources: I,
    total: Option<usize>,
    learned: Option<&Learned>,
    window: usize,
    bar: &ProgressBar,
) -> anyhow::Result<Ended>
where
    I: IntoIterator,
    I::IntoIter: Send,
    I::Item: Borrow<Source> + Send,
{
    let Some(target) = output_file(args) else {
        let stdout = BufWriter::new(io::stdout().lock());
        let writer = RecordWriter::new(stdout, args.format).showing_removed(show_removed(args));
        return match stream_to(args, sources, total, learned, window, writer, bar) {
            Ok((summary, _)) => Ok(Ended::Ran(summary)),
            Err(PipelineError::Stopped(error)) if error.kind() == io::ErrorKind::BrokenPipe => {
                Ok(Ended::Exit(ExitCode::from(EXIT_OK)))
            }
            Err(error) => Err(error).context("cannot write to standard output"),
        };
    };
    let file = NamedOutput::create(target)
        .with_context(|| format!("cannot open the output {}", target.display()))?;
    let writer = RecordWriter::new(file, args.format).showing_removed(show_removed(args));
    let (summary, file) = stream_to(args, sources, total, learned, window, writer, bar)
        .with_context(|| format!("cannot write {}", target.display()))?;
    file.commit()
        .with_context(|| format!("cannot write {}", target.display()))?;
    Ok(Ended::Ran(summary))
}

/// How the stream shows removed pieces in the text and Markdown formats: only when
/// `--explain` was given; coloured with `--color always`, or `auto` when standard
/// output (not an `--output` file) is a terminal and `NO_COLOR` is unset or empty.
fn show_removed(args: &CleanArgs) -> ShowRemoved {
    if !args.explain || args.no_explain {
        return ShowRemoved::No;
    }
    let to_stdout = args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let coloured = match args.color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => to_stdout && !no_color && io::stdout().is_terminal(),
    };
    if coloured {
        ShowRemoved::Coloured
    } else {
        ShowRemoved::Plain
    }
}

/// Clean every source and write the records with `writer` in order; returns the
/// summary and the writer's output.
fn stream_to<W, I>(
    args: &CleanArgs,
    sources: I,
    total: Option<usize>,
    learned: Option<&Learned>,
    window: usize,
    mut writer: RecordWriter<W>,
    bar: &ProgressBar,
) -> Result<(Summary, W), PipelineError<io::Error>>
where
    W: Write,
    I: IntoIterator,
    I::IntoIter: Send,
    I::Item: Borrow<Source> + Send,
{
    let work = |_: usize, source: &Source, options: &Options| {
        Ok(Outcome::Record(clean_learned(source, options, learned)))
    };
    let summary =
        pipeline(args, bar)
            .window(window)
            .run_stream(sources, total, work, |_, outcome| {
                let Outcome::Record(record) = outcome else {
                    return Ok(());
                };
                if let Err(error) = &record {
                    bar.suspend(|| report(error));
                }
                writer.write(&record)
            })?;
    let out = writer.finish().map_err(PipelineError::Stopped)?;
    Ok((summary, out))
}

/// Clean into one file per input under `dir` (`--out-dir`), skipping inputs that
/// already have an output with `--resume`.
/// `plan` covers every input of the run; `indices` gives each of `sources` (the
/// shard's) its index in the plan.
fn run_out_dir(
    args: &CleanArgs,
    plan: &OutDir,
    sources: &[Source],
    indices: &[usize],
    learned: Option<&Learned>,
    skipped: &SkipCounts,
    bar: &ProgressBar,
) -> anyhow::Result<Ended> {
    // Pages first (in parallel, one file each), then each WARC into its own archive.
    let (archives, pages): (Vec<usize>, Vec<usize>) =
        (0..sources.len()).partition(|&i| warc_input::is_warc_source(&sources[i]));
    let work = |k: usize, source: &Source, options: &Options| -> Result<_, WriteError> {
        let index = indices[pages[k]];
        if args.resume && plan.exists(index) {
            return Ok(Outcome::Skipped);
        }
        let record = clean_learned(source, options, learned);
        plan.write(index, &record)?;
        Ok(Outcome::Record(record))
    };
    let sink = |_: &Source, outcome: Outcome| {
        if let Outcome::Record(Err(error)) = &outcome {
            bar.suspend(|| report(error));
        }
        Ok(())
    };
    let total = archives.is_empty().then_some(pages.len());
    let page_sources = pages.iter().map(|&i| &sources[i]);
    let mut summary = pipeline(args, bar).run_stream(page_sources, total, work, sink)?;
    for local in archives {
        let path = plan.archive_path(indices[local]);
        if args.resume && path.exists() {
            summary.inputs += 1;
            summary.skipped += 1;
            continue;
        }
        let part = clean_archive(args, &path, &sources[local], learned, skipped, bar)
            .with_context(|| format!("cannot write {}", path.display()))?;
        summary.absorb(&part);
    }
    Ok(Ended::Ran(summary))
}

/// Clean the records of the WARC `source` into one gzip-compressed file at `path`,
/// written under a temporary name and renamed when complete.
fn clean_archive(
    args: &CleanArgs,
    path: &Path,
    source: &Source,
    learned: Option<&Learned>,
    skipped: &SkipCounts,
    bar: &ProgressBar,
) -> anyhow::Result<Summary> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    // Always gzip, and never the explain view: these are data files for machines.
    let writer = RecordWriter::new(GzipOutput::create(path)?, args.format);
    let records = warc_input::read_records(source, args.max_bytes, skipped.clone());
    let (summary, file) = stream_to(args, records, None, learned, WARC_WINDOW, writer, bar)?;
    file.commit()?;
    Ok(summary)
}

/// The path arguments: those given, or those the `--files-from` list names.
fn input_paths(args: &CleanArgs) -> Result<Vec<PathBuf>, ListError> {
    let Some(list) = &args.files_from else {
        return Ok(args.paths.clone());
    };
    let name = list_name(list);
    if list.as_os_str() == "-" {
        return read_list(io::stdin().lock(), &name);
    }
    match File::open(list) {
        Ok(file) => read_list(io::BufReader::new(file), &name),
        Err(error) => Err(ListError::Read { name, error }),
    }
}

/// How messages name a `--files-from` list: its path, or `stdin` for `-`.
fn list_name(list: &Path) -> String {
    match list.as_os_str() == "-" {
        true => "stdin".to_string(),
        false => list.display().to_string(),
    }
}

/// The sources `shard` takes (all of them without one), each with its index in
/// `sources`.
fn take_shard(shard: Option<Shard>, sources: Vec<Source>) -> (Vec<Source>, Vec<usize>) {
    match shard {
        Some(shard) => shard.take(sources),
        None => {
            let indices = (0..sources.len()).collect();
            (sources, indices)
        }
    }
}

/// The pipeline these arguments ask for, updating `bar` as it goes.
fn pipeline<'p>(args: &CleanArgs, bar: &'p ProgressBar) -> Pipeline<'p> {
    Pipeline::new(args.options())
        .threads(args.threads)
        .on_progress(move |progress| update_bar(bar, progress))
}

/// A progress bar on standard error over `total` inputs (a counter when the total is
/// not known), or a hidden one.
fn progress_bar(total: Option<usize>, shown: bool) -> ProgressBar {
    if !shown {
        return ProgressBar::hidden();
    }
    let total = total.map(|t| u64::try_from(t).unwrap_or(u64::MAX));
    let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr());
    let template = match total {
        Some(_) => "{bar:30} {pos}/{len} files  {msg}  ETA {eta}",
        None => "{spinner} {pos} documents  {msg}",
    };
    let style = match total {
        Some(_) => {
            ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar())
        }
        None => ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    };
    bar.set_style(style);
    bar
}

/// Show where the run stands on `bar`.
fn update_bar(bar: &ProgressBar, progress: &Progress<'_>) {
    bar.set_position(u64::try_from(progress.done).unwrap_or(u64::MAX));
    let tally = progress.tally;
    bar.set_message(format!(
        "{:.1} MB  {:.0} docs/s  {} errors",
        megabytes(tally.input_bytes),
        tally.rate(progress.elapsed),
        tally.errors
    ));
}

/// Tell standard error about directory arguments with nothing to clean; each counts
/// as a failed argument (exit status 1) but gives no record, since no input was read.
fn report_empty_dirs(dirs: &[PathBuf], walk: &WalkOptions) {
    let what = match (walk.include.is_some(), walk.exclude.is_some()) {
        (true, true) => "no files matching --include and passing --exclude",
        (true, false) => "no files matching --include",
        (false, true) => "no .txt/.html/.htm(.gz) files passing --exclude",
        (false, false) => "no .txt/.html/.htm(.gz) files",
    };
    for dir in dirs {
        eprintln!("deboil: {}: {what} found", dir.display());
    }
}

/// Tell standard error about a usage error; returns its exit code.
fn usage_error(message: &str) -> ExitCode {
    eprintln!("deboil: {message}");
    ExitCode::from(EXIT_USAGE)
}

/// 0 when all inputs were cleaned, 1 otherwise.
fn exit_code(any_failed: bool) -> ExitCode {
    ExitCode::from(if any_failed { EXIT_FAILED } else { EXIT_OK })
}

/// The input source that is the same file as `output`, if any.
fn output_among_inputs<'a>(output: &Path, sources: &'a [Source]) -> Option<&'a Source> {
    sources.iter().find(|source| match &source.input {
        Input::File(path) => same_file(output, path),
        _ => false,
    })
}

/// Whether two paths name one existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
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
