//! Start-up benchmark: what one small page costs in a fresh process.
//!
//! ```text
//! cargo bench --bench startup -- [--runs N] [--binary PATH] [PAGE]...
//! ```
//!
//! For each page (by default one small text seed and one small HTML fixture), runs the
//! release `deboil clean PAGE` as a fresh process `N` times (default 30), its output
//! piped back and checked, and prints the minimum, median and maximum wall time. Then,
//! in this process, cleans the same page twice with [`deboil::clean_bytes`] and prints
//! both times: the first call pays for whatever the cleaner compiles lazily, the second
//! (warm) is the cleaning alone. `--binary` starts another build (say, one of `main`)
//! for the fresh processes; the in-process times are always this build's.
//!
//! Times are wall-clock on a shared machine: compare minima and medians across builds
//! run back to back, and count instructions (`valgrind --tool=callgrind`) for exact
//! figures.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use clap::Parser;

/// Command-line arguments (after `cargo bench --bench startup --`).
#[derive(Debug, Parser)]
#[command(about = "Wall time of one small page in a fresh deboil process")]
struct Args {
    /// Fresh processes per page.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// The `deboil` binary to start (default: the one this bench was built with), to
    /// compare builds.
    #[arg(long)]
    binary: Option<PathBuf>,
    /// Pages to clean (default: a small text seed and a small HTML fixture).
    pages: Vec<PathBuf>,
    /// Accepted and ignored (`cargo bench` passes it).
    #[arg(long, hide = true)]
    bench: bool,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let pages = if args.pages.is_empty() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        vec![
            root.join("seeds/001_ef00f2ecd2e51772.txt"),
            root.join("html/18_microdata-time_blog.html"),
        ]
    } else {
        args.pages
    };
    let binary = args
        .binary
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_deboil")));
    println!("binary: {}", binary.display());
    println!(
        "{:<40} {:>7} {:>9} {:>9} {:>9} {:>11} {:>11}",
        "page", "bytes", "min ms", "median ms", "max ms", "first ms", "warm ms"
    );
    for page in &pages {
        let bytes = std::fs::read(page).with_context(|| format!("reading {}", page.display()))?;
        let mut times = fresh_process_times(&binary, page, args.runs)?;
        times.sort();
        let (first, warm) = in_process_times(&bytes, page);
        println!(
            "{:<40} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>11.2} {:>11.2}",
            page.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
            bytes.len(),
            millis(times[0]),
            millis(times[times.len() / 2]),
            millis(times[times.len() - 1]),
            millis(first),
            millis(warm),
        );
    }
    Ok(())
}

/// Wall time of `runs` fresh `deboil clean PAGE` processes, each checked to succeed and
/// to print one record.
fn fresh_process_times(binary: &Path, page: &Path, runs: u32) -> Result<Vec<Duration>> {
    (0..runs)
        .map(|_| {
            let start = Instant::now();
            let output = Command::new(binary)
                .arg("clean")
                .arg(page)
                .output()
                .with_context(|| format!("running {}", binary.display()))?;
            let elapsed = start.elapsed();
            if !output.status.success() || output.stdout.is_empty() {
                bail!(
                    "deboil clean {} failed: {}",
                    page.display(),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
            Ok(elapsed)
        })
        .collect()
}

/// Times of the first and the second in-process clean of the page.
fn in_process_times(bytes: &[u8], page: &Path) -> (Duration, Duration) {
    let name = page.to_str();
    let options = deboil::Options::default();
    let once = || {
        let start = Instant::now();
        let record = deboil::clean_bytes(bytes, name, &options);
        let elapsed = start.elapsed();
        std::hint::black_box(record.is_ok());
        elapsed
    };
    let first = once();
    (first, once())
}

/// A duration in milliseconds.
fn millis(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}
