//! WARC input benchmark: the dev corpus pages cleaned from one WARC file against the
//! same pages as a directory of `.html` files, end to end through the `deboil` binary.
//!
//! ```text
//! cargo bench --bench warc -- [--corpus DIR] [--threads 1,2] [--runs 3] [--big-mb N]
//! ```
//!
//! In a temporary directory it writes every page of `DIR/pages/*.html.gz`, decompressed,
//! as `pages/NNNN.html`, and the same pages in the same order as `pages.warc.gz`: one
//! gzip member per record, each page an HTTP 200 `response` with `Content-Type:
//! text/html` and a request record before it (as crawlers write them). Then, for each
//! thread count, it runs `deboil clean -q -o OUT` on the directory and on the WARC,
//! `--runs` rounds interleaved, and reports the medians of the wall time, pages per
//! second, CPU time and peak resident memory of the `deboil` process (its `VmHWM`), and
//! the WARC overhead ((WARC time − directory time) / directory time, in wall and in CPU
//! time).
//!
//! `--big-mb N` also writes a plain (uncompressed) WARC of about N MB by repeating the
//! pages (a new record id and URL each time), cleans it once with two threads, and
//! reports its peak memory: the check that memory stays bounded whatever the file size.

use std::fs;
use std::io::{BufWriter, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::Parser;

/// Command-line arguments (after `cargo bench --bench warc --`).
#[derive(Debug, Parser)]
#[command(about = "deboil on a WARC file against the same pages as a directory")]
struct Args {
    /// Corpus directory; its pages are `DIR/pages/*.html.gz`.
    #[arg(long, default_value = "../shared/corpus/wcxb-dev")]
    corpus: PathBuf,
    /// Thread counts to run (comma-separated).
    #[arg(long, value_delimiter = ',', default_values_t = [1usize, 2])]
    threads: Vec<usize>,
    /// The `deboil` binary to run (another build, to compare two side by side).
    #[arg(long, default_value = env!("CARGO_BIN_EXE_deboil"))]
    binary: PathBuf,
    /// Interleaved rounds of every run; figures are the medians.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Also clean a plain WARC of about this many MB (0: not).
    #[arg(long, default_value_t = 0)]
    big_mb: u64,
    /// Passed by `cargo bench` to every bench binary; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

/// One run of the binary.
#[derive(Debug, Clone, Copy)]
struct Run {
    /// Wall-clock seconds.
    seconds: f64,
    /// CPU seconds (user + system, all threads): the cost, even on a busy machine.
    cpu_seconds: f64,
    /// Peak resident memory in MB of 10^6 bytes.
    peak_mb: f64,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let pages = read_pages(&args.corpus)?;
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let work = tempfile::tempdir()?;
    let dir = work.path().join("pages");
    fs::create_dir(&dir)?;
    for (n, page) in pages.iter().enumerate() {
        fs::write(dir.join(format!("{n:05}.html")), page)?;
    }
    let warc = work.path().join("pages.warc.gz");
    write_warc(&warc, &pages, 1, true)?;
    println!(
        "{} pages, {:.1} MB; WARC {:.1} MB (gzip per record)",
        pages.len(),
        bytes as f64 / 1e6,
        fs::metadata(&warc)?.len() as f64 / 1e6
    );
    let out = work.path().join("out.jsonl");
    // Runs are interleaved (every configuration once per round), so a slow spell of a
    // shared machine falls on all of them alike; each figure is the median of the rounds.
    let configs: Vec<(usize, &Path)> = args
        .threads
        .iter()
        .flat_map(|&t| [(t, dir.as_path()), (t, warc.as_path())])
        .collect();
    let mut runs: Vec<Vec<Run>> = vec![Vec::new(); configs.len()];
    for _ in 0..args.runs.max(1) {
        for (slot, (threads, input)) in configs.iter().enumerate() {
            runs[slot].push(run(&args.binary, input, *threads, &out)?);
        }
    }
    let medians: Vec<Run> = runs.iter().map(|r| median_run(r)).collect();
    println!("median of {} interleaved runs each", args.runs.max(1));
    println!("threads  input      seconds  pages/s  CPU s  peak MB");
    for (pair, threads) in medians.chunks(2).zip(&args.threads) {
        let (on_dir, on_warc) = (pair[0], pair[1]);
        for (name, r) in [("directory", on_dir), ("warc.gz", on_warc)] {
            println!(
                "{threads:>7}  {name:<9} {:>8.2} {:>8.1} {:>6.1} {:>8.1}",
                r.seconds,
                pages.len() as f64 / r.seconds,
                r.cpu_seconds,
                r.peak_mb
            );
        }
        let overhead = (on_warc.seconds - on_dir.seconds) / on_dir.seconds * 100.0;
        let cpu = (on_warc.cpu_seconds - on_dir.cpu_seconds) / on_dir.cpu_seconds * 100.0;
        println!("         WARC overhead {overhead:+.1}% wall, {cpu:+.1}% CPU");
    }
    let warc_of = |t: usize| {
        let at = args.threads.iter().position(|&x| x == t)?;
        Some(medians[2 * at + 1])
    };
    if let (Some(one), Some(two)) = (warc_of(1), warc_of(2)) {
        println!("WARC, 2 threads vs 1: {:.2}x", one.seconds / two.seconds);
    }
    if args.big_mb > 0 {
        big(&args.binary, &pages, args.big_mb, work.path())?;
    }
    Ok(())
}

/// The run with the median wall time, its CPU time and memory the medians of theirs.
fn median_run(runs: &[Run]) -> Run {
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Run {
        seconds: median(runs.iter().map(|r| r.seconds).collect()),
        cpu_seconds: median(runs.iter().map(|r| r.cpu_seconds).collect()),
        peak_mb: median(runs.iter().map(|r| r.peak_mb).collect()),
    }
}

/// Clean a plain WARC of about `megabytes` MB with two threads; print its peak memory.
fn big(binary: &Path, pages: &[Vec<u8>], megabytes: u64, work: &Path) -> Result<()> {
    let per_pass: u64 = pages.iter().map(|p| p.len() as u64 + 700).sum();
    let passes = (megabytes * 1_000_000).div_ceil(per_pass).max(1) as usize;
    let path = work.join("big.warc");
    write_warc(&path, pages, passes, false)?;
    let size = fs::metadata(&path)?.len() as f64 / 1e6;
    let out = work.join("big.jsonl");
    let r = run(binary, &path, 2, &out)?;
    println!(
        "big WARC: {size:.0} MB, {} pages, 2 threads: {:.1} s ({:.1} CPU s), peak {:.1} MB",
        pages.len() * passes,
        r.seconds,
        r.cpu_seconds,
        r.peak_mb
    );
    Ok(())
}

/// The corpus pages, decompressed, in file-name order.
fn read_pages(corpus: &Path) -> Result<Vec<Vec<u8>>> {
    let dir = corpus.join("pages");
    let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
        .with_context(|| format!("cannot list {} (the corpus is needed)", dir.display()))?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    paths.retain(|p| p.to_string_lossy().ends_with(".html.gz"));
    paths.sort();
    if paths.is_empty() {
        bail!("no pages in {}", dir.display());
    }
    paths
        .iter()
        .map(|path| {
            let mut page = Vec::new();
            flate2::read::GzDecoder::new(fs::File::open(path)?).read_to_end(&mut page)?;
            Ok(page)
        })
        .collect()
}

/// Write the pages `passes` times as a WARC: a request and a response record per page,
/// each its own gzip member when `compressed`.
fn write_warc(path: &Path, pages: &[Vec<u8>], passes: usize, compressed: bool) -> Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    let mut n = 0u64;
    for pass in 0..passes {
        for (i, page) in pages.iter().enumerate() {
            let url = format!("https://site{}.example/page/{i}/{pass}", i % 97);
            let request = format!("GET /page/{i}/{pass} HTTP/1.1\r\nHost: example\r\n\r\n");
            let mut response =
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nServer: bench\r\n\r\n".to_vec();
            response.extend_from_slice(page);
            for (kind, block) in [("request", request.as_bytes()), ("response", &response)] {
                n += 1;
                let record = record(kind, n, &url, block);
                if compressed {
                    let mut gz =
                        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                    gz.write_all(&record)?;
                    out.write_all(&gz.finish()?)?;
                } else {
                    out.write_all(&record)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// One WARC record's bytes.
fn record(kind: &str, n: u64, url: &str, block: &[u8]) -> Vec<u8> {
    let msgtype = if kind == "request" {
        "request"
    } else {
        "response"
    };
    let mut bytes = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012}>\r\n\
         WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: {url}\r\n\
         Content-Type: application/http; msgtype={msgtype}\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

/// Run `deboil clean -q -j THREADS -o OUT INPUT`; its wall time, CPU time and peak
/// memory. The peak is the child's `VmHWM` (its own address space's high-water mark,
/// new at `exec`), read every 10 ms until it exits; `ru_maxrss` would not do, as a
/// child starts with the parent's.
fn run(binary: &Path, input: &Path, threads: usize, out: &Path) -> Result<Run> {
    let started = Instant::now();
    let child = Command::new(binary)
        .args(["clean", "-q", "-j", &threads.to_string(), "-o"])
        .arg(out)
        .arg(input)
        .spawn()?;
    let pid = i32::try_from(child.id())?;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut peak_kib = 0u64;
    loop {
        peak_kib = peak_kib.max(high_water_kib(pid).unwrap_or(0));
        // SAFETY: wait4 on our own child with valid pointers to locals.
        let waited = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if waited == pid {
            break;
        }
        if waited < 0 {
            bail!("wait4 failed: {}", std::io::Error::last_os_error());
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let seconds = started.elapsed().as_secs_f64();
    let exit = std::process::ExitStatus::from_raw(status);
    if !exit.success() {
        bail!("deboil clean {} failed: {exit}", input.display());
    }
    let cpu = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    Ok(Run {
        seconds,
        cpu_seconds: cpu(usage.ru_utime) + cpu(usage.ru_stime),
        peak_mb: peak_kib as f64 * 1024.0 / 1e6,
    })
}

/// The `VmHWM` of process `pid` in KiB.
fn high_water_kib(pid: i32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
