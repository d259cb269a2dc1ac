//! Release-mode benchmark of how deboil's time grows with the size of one input.
//!
//! ```text
//! cargo bench --bench scaling -- [--sizes 1,10,50] [--only NAME] [--max-depth N]
//! ```
//!
//! For every generated input shape and size (in MB of 10^6 bytes) it times the whole
//! path of one document, [`deboil::clean_bytes`] plus `serde_json::to_string` of the
//! record, with the default options except that the size and block limits are lifted
//! (so that every size is measured). It prints seconds and MB/s per size: linear work
//! shows as a flat MB/s column. Shapes:
//!
//! * `text`: article text (paragraphs of prose), text front end;
//! * `html`: the same prose as an HTML article page, HTML front end;
//! * `deep`: `<div>` nested as deep as the size allows, text at the bottom;
//! * `cells`: one table of many small cells (100,000 cells is about 1.6 MB);
//! * `unclosed`: formatting and inline tags opened and never closed.

use std::hint::black_box;
use std::time::Instant;

use anyhow::{bail, Result};
use clap::Parser;

/// Bytes per reported megabyte.
const MB: usize = 1_000_000;

/// Command-line arguments (after `cargo bench --bench scaling --`).
#[derive(Debug, Parser)]
#[command(about = "Time of deboil's whole path on one generated input of growing size")]
struct Args {
    /// Input sizes in MB (comma-separated).
    #[arg(long, value_delimiter = ',', default_values_t = [1usize, 10, 50])]
    sizes: Vec<usize>,
    /// Run only this shape (text, html, deep, cells, unclosed).
    #[arg(long)]
    only: Option<String>,
    /// Deepest HTML nesting kept as structure (deboil's --max-depth).
    #[arg(long, default_value_t = deboil::DEFAULT_MAX_DEPTH)]
    max_depth: usize,
    /// Passed by `cargo bench` to every bench binary; ignored.
    #[arg(long, hide = true)]
    bench: bool,
}

/// One input shape: its name, the front end it needs, and its generator.
struct Shape {
    name: &'static str,
    input: deboil::InputMode,
    generate: fn(usize) -> String,
}

const SHAPES: &[Shape] = &[
    Shape {
        name: "text",
        input: deboil::InputMode::Text,
        generate: article_text,
    },
    Shape {
        name: "html",
        input: deboil::InputMode::Html,
        generate: article_html,
    },
    Shape {
        name: "deep",
        input: deboil::InputMode::Html,
        generate: deep_nesting,
    },
    Shape {
        name: "cells",
        input: deboil::InputMode::Html,
        generate: table_cells,
    },
    Shape {
        name: "unclosed",
        input: deboil::InputMode::Html,
        generate: unclosed_tags,
    },
];

fn main() -> Result<()> {
    let args = Args::parse();
    if let Some(only) = &args.only {
        if !SHAPES.iter().any(|s| s.name == only) {
            bail!("unknown shape {only}");
        }
    }
    println!(
        "{:<10} {:>8} {:>9} {:>8} {:>9} {:>10}  outcome",
        "shape", "MB", "seconds", "MB/s", "blocks", "removed"
    );
    for shape in SHAPES {
        if args.only.as_deref().is_some_and(|o| o != shape.name) {
            continue;
        }
        warm_up(shape, args.max_depth);
        for &size in &args.sizes {
            run(shape, size * MB, args.max_depth);
        }
    }
    println!("peak RSS: {} KiB", peak_rss_kib());
    Ok(())
}

/// Clean a 100 KB input of the shape, untimed, so that one-time costs (compiling the
/// detectors' regular expressions) are not counted in the first size.
fn warm_up(shape: &Shape, max_depth: usize) {
    let input = (shape.generate)(100_000);
    let options = deboil::Options::default()
        .with_input(shape.input)
        .with_max_depth(max_depth);
    black_box(deboil::clean_bytes(input.as_bytes(), None, &options).is_ok());
}

/// Generate one input of `bytes` bytes, clean it once and print the figures.
fn run(shape: &Shape, bytes: usize, max_depth: usize) {
    let input = (shape.generate)(bytes);
    let options = deboil::Options::default()
        .with_input(shape.input)
        .with_max_bytes(usize::MAX)
        .with_max_blocks(usize::MAX)
        .with_max_depth(max_depth);
    let start = Instant::now();
    let cleaned = deboil::clean_bytes(input.as_bytes(), None, &options);
    let json = match &cleaned {
        Ok(article) => serde_json::to_string(article).unwrap_or_default(),
        Err(error) => error.to_string(),
    };
    black_box(json);
    let seconds = start.elapsed().as_secs_f64();
    let mb = input.len() as f64 / MB as f64;
    let (blocks, removed, outcome) = match &cleaned {
        Ok(article) => (
            article.blocks.len(),
            article.removed.len(),
            article.warnings.join("; "),
        ),
        Err(error) => (0, 0, format!("error: {error}")),
    };
    println!(
        "{:<10} {:>8.1} {:>9.2} {:>8.2} {:>9} {:>10}  {}",
        shape.name,
        mb,
        seconds,
        mb / seconds,
        blocks,
        removed,
        if outcome.is_empty() { "ok" } else { &outcome }
    );
}

/// Words the generated prose is made of.
const WORDS: &[&str] = &[
    "the",
    "council",
    "said",
    "on",
    "Tuesday",
    "that",
    "new",
    "housing",
    "would",
    "be",
    "built",
    "near",
    "river",
    "after",
    "years",
    "of",
    "debate",
    "among",
    "residents",
    "and",
    "planners",
    "who",
    "argued",
    "over",
    "traffic",
    "schools",
    "parks",
    "costs",
    "while",
    "others",
    "welcomed",
    "plan",
    "as",
    "overdue",
    "for",
    "a",
    "growing",
    "city",
];

/// Distinct words of the generated prose: [`WORDS`] first (the most frequent), then
/// made-up ones.
const VOCABULARY: usize = 20_000;

/// The word of rank `rank`: a common word or a made-up one.
fn word(rank: usize) -> String {
    if let Some(word) = WORDS.get(rank) {
        return (*word).to_string();
    }
    let mut n = rank;
    let mut word = String::new();
    while n > 0 {
        word.push(char::from(b'a' + (n % 26) as u8));
        n /= 26;
    }
    word
}

/// A deterministic paragraph of prose, different for each `seed`: 40 to 100 words
/// drawn with a Zipf-like law (rank = VOCABULARY^u for uniform u), so a few words are
/// very frequent and most are rare, as in real text.
fn paragraph(seed: usize) -> String {
    let mut state = (seed as u64).wrapping_mul(2_654_435_761).wrapping_add(1);
    let mut words = Vec::new();
    let count = 40 + seed % 60;
    for i in 0..count {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let uniform = (state >> 11) as f64 / (1u64 << 53) as f64;
        let rank = (VOCABULARY as f64).powf(uniform) as usize - 1;
        let word = word(rank);
        words.push(if i == 0 { capitalised(&word) } else { word });
    }
    format!("{}.", words.join(" "))
}

/// `word` with an upper-case first letter.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Article text: a headline and paragraphs separated by blank lines.
fn article_text(bytes: usize) -> String {
    let mut out = String::from("A headline about the city council\n\n");
    let mut seed = 0;
    while out.len() < bytes {
        out.push_str(&paragraph(seed));
        out.push_str("\n\n");
        seed += 1;
    }
    out
}

/// An HTML article page of the same prose, with a navigation bar and a footer.
fn article_html(bytes: usize) -> String {
    let mut out = String::from(
        "<!doctype html><html><head><title>A headline about the city council</title></head>\
         <body><nav><a href=/>Home</a> <a href=/news>News</a></nav><article>\
         <h1>A headline about the city council</h1>",
    );
    let mut seed = 0;
    while out.len() < bytes {
        out.push_str("<p>");
        out.push_str(&paragraph(seed));
        out.push_str("</p>\n");
        seed += 1;
    }
    out.push_str("</article><footer>Copyright the city paper</footer></body></html>");
    out
}

/// `<div>` nested as deep as `bytes` allows, with a paragraph at the bottom.
fn deep_nesting(bytes: usize) -> String {
    let depth = bytes / "<div></div>".len();
    let mut out = String::with_capacity(bytes + 1000);
    out.push_str(&"<div>".repeat(depth));
    out.push_str(&paragraph(1));
    out.push_str(&"</div>".repeat(depth));
    out
}

/// One table of small cells, ten to a row.
fn table_cells(bytes: usize) -> String {
    let mut out = String::from("<html><body><table>");
    let mut cell = 0usize;
    while out.len() < bytes {
        out.push_str("<tr>");
        for _ in 0..10 {
            out.push_str(&format!("<td>c{cell}</td>"));
            cell += 1;
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></body></html>");
    out
}

/// Formatting and inline tags opened and never closed, each with a few words.
fn unclosed_tags(bytes: usize) -> String {
    let tags = [
        "<b>",
        "<i>",
        "<span>",
        "<font color=red>",
        "<em>",
        "<a href=x>",
    ];
    let mut out = String::from("<html><body>");
    let mut i = 0usize;
    while out.len() < bytes {
        out.push_str(tags[i % tags.len()]);
        out.push_str("some words here ");
        i += 1;
    }
    out
}

/// Peak resident set size of this process, from /proc (0 where unavailable).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}
