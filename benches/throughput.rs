//! Release-mode throughput benchmark of deboil on a corpus of HTML pages.
//!
//! ```text
//! cargo bench --bench throughput -- [--corpus DIR] [--min-kb K] [--repeat N] [--threads 1,2] [--json FILE]
//! ```
//!
//! Every page of `DIR/pages/*.html.gz` is decompressed into memory before anything is
//! timed; with `--min-kb K` only the pages over K kilobytes (10^3 bytes) decompressed
//! are kept (the big-page subset: `--min-kb 100`). Then, single-threaded, over the same
//! in-memory pages:
//!
//! * **whole HTML path**: [`deboil::clean_bytes`] (decode, parse, extract, clean, build
//!   the record) plus `serde_json::to_string` of the record;
//! * **bare parse floor**: [`deboil::internals::decode`], `scraper::Html::parse_document`
//!   and a walk collecting every text node into a `String`, the floor any
//!   scraper-based extractor stands on;
//! * **text front end alone**: [`deboil::clean_text`] on the naive visible text of each
//!   page ([`deboil::internals::visible_text`], computed before timing).
//!
//! Then the whole HTML path again under rayon pools of the requested sizes, and the
//! **whole command** as a user runs it: the release `deboil` binary, started once per
//! pool size as `deboil clean -q -j N --files-from LIST` on the same pages' `.html.gz`
//! files (gzip reading, start-up, JSON output to `/dev/null` included), with its ratio
//! to the bare parse floor (the floor's time is of the same pages, read from memory,
//! so the ratio counts everything a user pays beyond a bare parse). Each timed
//! stage is preceded by one untimed warm-up pass over the first pages. MB are 10^6 bytes
//! of decompressed input (for the text front end: of the visible text it is given).

use std::fs;
use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;
use rayon::prelude::*;
use serde_json::{json, Value};

/// How many pages the untimed warm-up pass of each stage covers.
const WARMUP_PAGES: usize = 50;
/// Bytes per reported megabyte.
const MB: f64 = 1e6;

/// Command-line arguments (after `cargo bench --bench throughput --`).
#[derive(Debug, Parser)]
#[command(about = "Throughput of deboil's HTML path against a bare scraper parse")]
struct Args {
    /// Corpus directory; its pages are `DIR/pages/*.html.gz`.
    #[arg(long, default_value = "../shared/corpus/wcxb-dev")]
    corpus: PathBuf,
    /// Keep only the pages over this many kilobytes (10^3 bytes) decompressed.
    #[arg(long, default_value_t = 0)]
    min_kb: usize,
    /// The deboil binary timed as a whole command (default: the one cargo built).
    #[arg(long, default_value = env!("CARGO_BIN_EXE_deboil"))]
    binary: PathBuf,
    /// Timed passes over the corpus per stage.
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    repeat: u32,
    /// Rayon pool sizes for the parallel whole-path runs (comma-separated).
    #[arg(long, value_delimiter = ',', default_values_t = [1usize, 2])]
    threads: Vec<usize>,
    /// Also write every figure as JSON to this file.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Passed by `cargo bench` to every bench binary; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

/// One timed stage: how much input it went through and how long that took.
#[derive(Debug, Clone)]
struct Measurement {
    /// Short name of the stage.
    name: String,
    /// Pages processed (pages × passes).
    pages: usize,
    /// Input bytes processed (bytes × passes).
    bytes: usize,
    /// Wall-clock seconds of all timed passes.
    seconds: f64,
    /// CPU seconds (user + system, all threads) of the timed passes, where known. On a
    /// busy machine this stays close to the unloaded time of a single-threaded stage.
    cpu_seconds: Option<f64>,
}

impl Measurement {
    /// Pages per second.
    fn pages_per_sec(&self) -> f64 {
        self.pages as f64 / self.seconds
    }

    /// Input megabytes per second.
    fn mb_per_sec(&self) -> f64 {
        self.bytes as f64 / MB / self.seconds
    }

    /// The figures as a JSON object.
    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "pages": self.pages,
            "input_mb": self.bytes as f64 / MB,
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "pages_per_sec": self.pages_per_sec(),
            "mb_per_sec": self.mb_per_sec(),
        })
    }
}

/// The in-memory corpus.
struct Corpus {
    /// The `.html.gz` file of each page, in file-name order.
    paths: Vec<PathBuf>,
    /// Decompressed page bytes, in file-name order.
    pages: Vec<Vec<u8>>,
    /// The naive visible text of each page (empty when the page does not decode).
    visible: Vec<String>,
    /// Pages that [`deboil::internals::decode`] rejects (an error record on the whole path).
    undecodable: usize,
}

impl Corpus {
    /// Total decompressed bytes of the pages.
    fn page_bytes(&self) -> usize {
        self.pages.iter().map(Vec::len).sum()
    }

    /// Total bytes of the visible texts.
    fn visible_bytes(&self) -> usize {
        self.visible.iter().map(String::len).sum()
    }
}

fn main() -> Result<()> {
    let args = Args::parse();
    let corpus = load_corpus(&args.corpus, args.min_kb)?;
    let rss_loaded = rss_kib("VmRSS");
    println!(
        "corpus {} (pages over {} kB): {} pages ({} undecodable), {:.1} MB decompressed HTML, {:.1} MB visible text",
        args.corpus.display(),
        args.min_kb,
        corpus.pages.len(),
        corpus.undecodable,
        corpus.page_bytes() as f64 / MB,
        corpus.visible_bytes() as f64 / MB,
    );
    let serial = run_serial(&corpus, args.repeat);
    let parallel = run_parallel(&corpus, args.repeat, &args.threads)?;
    let memory = json!({ "rss_after_load_kib": rss_loaded, "peak_rss_kib": rss_kib("VmHWM") });
    let command = run_commands(&args, &corpus)?;
    print_report(&serial, &parallel, &memory);
    print_commands(&command, &serial);
    if let Some(path) = &args.json {
        let runs = Runs {
            serial: &serial,
            parallel: &parallel,
            command: &command,
        };
        write_json(path, &args, &corpus, &runs, memory)?;
    }
    Ok(())
}

/// Read and gunzip every `DIR/pages/*.html.gz`, keep those over `min_kb` kilobytes,
/// then compute each page's visible text.
fn load_corpus(dir: &Path, min_kb: usize) -> Result<Corpus> {
    let pages_dir = dir.join("pages");
    let mut paths: Vec<PathBuf> = fs::read_dir(&pages_dir)
        .with_context(|| format!("reading {}", pages_dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    paths.retain(|p| p.to_string_lossy().ends_with(".html.gz"));
    paths.sort();
    if paths.is_empty() {
        bail!("no *.html.gz pages in {}", pages_dir.display());
    }
    let all = paths
        .iter()
        .map(|p| gunzip(p))
        .collect::<Result<Vec<_>>>()?;
    let (paths, pages): (Vec<PathBuf>, Vec<Vec<u8>>) = paths
        .into_iter()
        .zip(all)
        .filter(|(_, bytes)| bytes.len() > min_kb * 1000)
        .unzip();
    if pages.is_empty() {
        bail!("no page over {min_kb} kB in {}", pages_dir.display());
    }
    let decoded: Vec<Option<String>> = pages.iter().map(|bytes| visible_text(bytes)).collect();
    let undecodable = decoded.iter().filter(|v| v.is_none()).count();
    let visible = decoded.into_iter().map(Option::unwrap_or_default).collect();
    Ok(Corpus {
        paths,
        pages,
        visible,
        undecodable,
    })
}

/// Decompress one gzip file into memory.
fn gunzip(path: &Path) -> Result<Vec<u8>> {
    let file = fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .with_context(|| format!("decompressing {}", path.display()))?;
    Ok(bytes)
}

/// The naive visible text of a page, or `None` when it does not decode.
fn visible_text(bytes: &[u8]) -> Option<String> {
    let decoded = deboil::internals::decode(bytes, deboil::DEFAULT_MAX_BYTES, None).ok()?;
    Some(deboil::internals::visible_text(&decoded.text))
}

/// The whole HTML path on one page: clean it and serialize the record. Returns the
/// length of the JSON (zero for an error).
fn whole_path(bytes: &[u8]) -> usize {
    let options = deboil::Options::default();
    match deboil::clean_bytes(bytes, Some("page.html"), &options) {
        Ok(article) => serde_json::to_string(&article).map_or(0, |json| json.len()),
        Err(error) => {
            black_box(error);
            0
        }
    }
}

/// The bare parse floor on one page: decode, parse with scraper, and collect every text
/// node into one string. Returns the length of that string.
fn bare_parse(bytes: &[u8]) -> usize {
    let Ok(decoded) = deboil::internals::decode(bytes, deboil::DEFAULT_MAX_BYTES, None) else {
        return 0;
    };
    let document = scraper::Html::parse_document(&decoded.text);
    let mut text = String::new();
    for node in document.tree.root().descendants() {
        if let Some(chunk) = node.value().as_text() {
            text.push_str(chunk);
        }
    }
    black_box(&document);
    text.len()
}

/// The text front end alone on one visible text. Returns the length of the clean text.
fn text_front_end(text: &str) -> usize {
    let article = deboil::clean_text(text, &deboil::Options::default());
    black_box(&article).text.len()
}

/// Run `work` once, untimed, over the first [`WARMUP_PAGES`] inputs.
fn warm_up<T>(inputs: &[T], work: impl Fn(&T) -> usize) {
    for input in inputs.iter().take(WARMUP_PAGES) {
        black_box(work(black_box(input)));
    }
}

/// Warm up, then time `repeat` single-threaded passes of `work` over `inputs`.
fn time_serial<T>(
    name: &str,
    inputs: &[T],
    size: impl Fn(&T) -> usize,
    repeat: u32,
    work: impl Fn(&T) -> usize,
) -> Measurement {
    warm_up(inputs, &work);
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    for _ in 0..repeat {
        for input in inputs {
            black_box(work(black_box(input)));
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_since(cpu_start);
    let bytes: usize = inputs.iter().map(size).sum();
    Measurement {
        name: name.to_string(),
        pages: inputs.len() * repeat as usize,
        bytes: bytes * repeat as usize,
        seconds,
        cpu_seconds: cpu,
    }
}

/// The three single-threaded stages, in order: whole path, bare parse, text front end.
fn run_serial(corpus: &Corpus, repeat: u32) -> Vec<Measurement> {
    let pages = corpus.pages.as_slice();
    let visible = corpus.visible.as_slice();
    vec![
        time_serial("whole HTML path", pages, Vec::len, repeat, |p| {
            whole_path(p)
        }),
        time_serial("bare parse floor", pages, Vec::len, repeat, |p| {
            bare_parse(p)
        }),
        time_serial("text front end", visible, String::len, repeat, |t| {
            text_front_end(t)
        }),
    ]
}

/// The whole HTML path under a rayon pool of each requested size.
fn run_parallel(corpus: &Corpus, repeat: u32, threads: &[usize]) -> Result<Vec<Measurement>> {
    threads
        .iter()
        .map(|&n| time_parallel(corpus, repeat, n))
        .collect()
}

/// Warm up, then time `repeat` passes of the whole HTML path with `par_iter` on a pool
/// of `threads` threads.
fn time_parallel(corpus: &Corpus, repeat: u32, threads: usize) -> Result<Measurement> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .with_context(|| format!("building a pool of {threads} threads"))?;
    let pages = corpus.pages.as_slice();
    let warm = &pages[..pages.len().min(WARMUP_PAGES)];
    pool.install(|| {
        warm.par_iter().for_each(|p| {
            black_box(whole_path(p));
        })
    });
    let (start, cpu_start) = (Instant::now(), cpu_seconds());
    pool.install(|| {
        for _ in 0..repeat {
            pages.par_iter().for_each(|p| {
                black_box(whole_path(black_box(p)));
            });
        }
    });
    let seconds = start.elapsed().as_secs_f64();
    let cpu = cpu_since(cpu_start);
    Ok(Measurement {
        name: format!("whole HTML path, rayon {threads}T"),
        pages: pages.len() * repeat as usize,
        bytes: corpus.page_bytes() * repeat as usize,
        seconds,
        cpu_seconds: cpu,
    })
}

/// Seconds of the whole path over seconds of the bare parse floor.
fn whole_over_bare(serial: &[Measurement]) -> f64 {
    serial[0].seconds / serial[1].seconds
}

/// CPU seconds of the whole path over CPU seconds of the bare parse floor, where known.
fn whole_over_bare_cpu(serial: &[Measurement]) -> Option<f64> {
    Some(serial[0].cpu_seconds? / serial[1].cpu_seconds?)
}

/// Speed-up of each parallel run over the first one (normally 1 thread).
fn speed_ups(parallel: &[Measurement]) -> Vec<f64> {
    let base = parallel.first().map_or(f64::NAN, |m| m.pages_per_sec());
    parallel.iter().map(|m| m.pages_per_sec() / base).collect()
}

/// Print the table of figures.
fn print_report(serial: &[Measurement], parallel: &[Measurement], memory: &Value) {
    println!();
    println!(
        "{:<28} {:>7} {:>9} {:>9} {:>9} {:>9} {:>8}",
        "stage", "pages", "input MB", "seconds", "CPU s", "pages/s", "MB/s"
    );
    for m in serial.iter().chain(parallel) {
        print_row(m);
    }
    println!();
    println!("whole / bare (time ratio): {:.2}", whole_over_bare(serial));
    if let Some(ratio) = whole_over_bare_cpu(serial) {
        println!("whole / bare (CPU-time ratio): {ratio:.2}");
    }
    for (m, s) in parallel.iter().zip(speed_ups(parallel)).skip(1) {
        println!(
            "speed-up of {} over {}: {:.2}x",
            m.name, parallel[0].name, s
        );
    }
    println!(
        "RSS after load: {} KiB; peak RSS: {} KiB",
        memory["rss_after_load_kib"], memory["peak_rss_kib"]
    );
}

/// Every timed run, for the JSON report.
struct Runs<'a> {
    /// The single-threaded stages ([`run_serial`]).
    serial: &'a [Measurement],
    /// The whole HTML path under rayon pools.
    parallel: &'a [Measurement],
    /// The whole command, one per pool size.
    command: &'a [Measurement],
}

/// Time the whole command once per requested pool size.
fn run_commands(args: &Args, corpus: &Corpus) -> Result<Vec<Measurement>> {
    let list = std::env::temp_dir().join(format!("deboil-throughput-{}.list", std::process::id()));
    let names: Vec<String> = corpus
        .paths
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    fs::write(&list, names.join("\n") + "\n")
        .with_context(|| format!("writing {}", list.display()))?;
    let runs = args
        .threads
        .iter()
        .map(|&n| time_command(&args.binary, &list, n, args.repeat, corpus))
        .collect();
    let _ = fs::remove_file(&list);
    runs
}

/// Run `BINARY clean -q -j THREADS --files-from LIST` once untimed (warm file cache),
/// then `repeat` times timed, its output to `/dev/null`.
fn time_command(
    binary: &Path,
    list: &Path,
    threads: usize,
    repeat: u32,
    corpus: &Corpus,
) -> Result<Measurement> {
    let run = || -> Result<()> {
        let status = std::process::Command::new(binary)
            .args(["clean", "-q", "-j", &threads.to_string(), "--files-from"])
            .arg(list)
            .stdout(std::process::Stdio::null())
            .status()
            .with_context(|| format!("running {}", binary.display()))?;
        if !status.success() {
            bail!("{} exited with {status}", binary.display());
        }
        Ok(())
    };
    run()?;
    let (start, cpu_start) = (Instant::now(), children_cpu_seconds());
    for _ in 0..repeat {
        run()?;
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = children_cpu_seconds()
        .zip(cpu_start)
        .map(|(end, begin)| end - begin);
    Ok(Measurement {
        name: format!("whole command, -j {threads}"),
        pages: corpus.pages.len() * repeat as usize,
        bytes: corpus.page_bytes() * repeat as usize,
        seconds,
        cpu_seconds: cpu,
    })
}

/// Print one measurement as a row of the stage table.
fn print_row(m: &Measurement) {
    println!(
        "{:<28} {:>7} {:>9.1} {:>9.2} {:>9} {:>9.1} {:>8.2}",
        m.name,
        m.pages,
        m.bytes as f64 / MB,
        m.seconds,
        m.cpu_seconds.map_or("-".to_string(), |c| format!("{c:.2}")),
        m.pages_per_sec(),
        m.mb_per_sec()
    );
}

/// Print the whole-command runs and their ratios to the bare parse floor.
fn print_commands(command: &[Measurement], serial: &[Measurement]) {
    for m in command {
        print_row(m);
    }
    for m in command {
        print!(
            "{} / bare (time ratio): {:.2}",
            m.name,
            m.seconds / serial[1].seconds
        );
        match (m.cpu_seconds, serial[1].cpu_seconds) {
            (Some(c), Some(b)) => println!("; CPU-time ratio: {:.2}", c / b),
            _ => println!(),
        }
    }
    for (m, s) in command.iter().zip(speed_ups(command)).skip(1) {
        println!("speed-up of {} over {}: {:.2}x", m.name, command[0].name, s);
    }
}

/// Write every figure as one pretty JSON object.
fn write_json(path: &Path, args: &Args, corpus: &Corpus, runs: &Runs, memory: Value) -> Result<()> {
    let (serial, parallel) = (runs.serial, runs.parallel);
    let report = json!({
        "corpus": args.corpus.display().to_string(),
        "min_kb": args.min_kb,
        "pages": corpus.pages.len(),
        "undecodable_pages": corpus.undecodable,
        "html_mb": corpus.page_bytes() as f64 / MB,
        "visible_text_mb": corpus.visible_bytes() as f64 / MB,
        "repeat": args.repeat,
        "serial": serial.iter().map(Measurement::to_json).collect::<Vec<_>>(),
        "whole_over_bare": whole_over_bare(serial),
        "whole_over_bare_cpu": whole_over_bare_cpu(serial),
        "parallel": parallel.iter().map(Measurement::to_json).collect::<Vec<_>>(),
        "speed_up_over_first_pool": speed_ups(parallel),
        "whole_command": runs.command.iter().map(Measurement::to_json).collect::<Vec<_>>(),
        "whole_command_over_bare": runs.command.iter().map(|m| m.seconds / serial[1].seconds).collect::<Vec<_>>(),
        "whole_command_speed_up": speed_ups(runs.command),
        "memory": memory,
    });
    let text = serde_json::to_string_pretty(&report)?;
    fs::write(path, text + "\n").with_context(|| format!("writing {}", path.display()))
}

/// A memory figure of this process from `/proc/self/status` in KiB (`VmRSS`, `VmHWM`),
/// or `None` where that file does not exist.
fn rss_kib(field: &str) -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU seconds (user + system) used so far by this process, from `/proc/self/stat`, or
/// `None` where that file does not exist. Assumes the usual 100 clock ticks a second.
fn cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name start at field 3 (state); utime and
    // stime are fields 14 and 15.
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some((utime + stime) as f64 / 100.0)
}

/// CPU seconds (user + system) of this process's finished, waited-for children, from
/// `/proc/self/stat` (fields 16 and 17), or `None` where that file does not exist.
fn children_cpu_seconds() -> Option<f64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    let mut fields = stat.rsplit_once(')')?.1.split_whitespace().skip(13);
    let cutime: u64 = fields.next()?.parse().ok()?;
    let cstime: u64 = fields.next()?.parse().ok()?;
    Some((cutime + cstime) as f64 / 100.0)
}

/// CPU seconds used since `start` (a reading of [`cpu_seconds`]).
fn cpu_since(start: Option<f64>) -> Option<f64> {
    Some(cpu_seconds()? - start?)
}
