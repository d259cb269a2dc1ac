//! Hostile inputs: a directory of everything strangers' bytes can be, built at test time
//! (nothing large is committed), cleaned by the `deboil` binary in one run that must
//! give exactly one record or error record per input, the right characters for pages in
//! legacy charsets, and finish within bounds of time and memory. Then the hard limits
//! (`--max-depth`, `--max-blocks`, `--max-bytes`) one by one, and pathological nesting
//! through the library.

#![cfg(unix)]

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

/// Wall-time bound of the hostile directory run: a debug build of deboil, dependencies
/// optimised by `[profile.dev.package."*"]`; 24 s measured on 2 busy cores.
const RUN_BOUND: Duration = Duration::from_secs(90);
/// Peak resident memory bound of the `deboil` child, in KiB: the run reads a 50 MB
/// page and inflates a gzip bomb up to the 64 MiB cap; 212 MB measured.
const RSS_BOUND_KIB: i64 = 800_000;

/// Prose for the pages, long enough for the region to be trusted.
const PROSE: &str = "The council met on Tuesday evening to discuss the new housing plan. \
    Residents spoke for and against the proposal for more than two hours, and the vote \
    was postponed until the planners had answered every question raised in the hall.";

/// What an input must give.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// A record.
    Record,
    /// A record whose text holds every one of these words.
    Words(Vec<&'static str>),
    /// An error record of this kind.
    Error(&'static str),
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).expect("write a test input");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip in memory");
    encoder.finish().expect("gzip in memory")
}

/// Deterministic pseudo-random bytes (xorshift), control bytes included.
fn random_bytes(len: usize) -> Vec<u8> {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// A small HTML article page with `body` as its paragraphs (no charset declared).
fn page(title: &str, body: &str) -> String {
    format!(
        "<html><head><title>{title}</title></head><body><article><h1>{title}</h1>\
         <p>{body}</p><p>{PROSE}</p></article></body></html>"
    )
}

/// Build the hostile directory in `dir`; returns each input's id and what it must give.
fn build(dir: &Path) -> Vec<(String, Expect)> {
    let mut inputs: Vec<(String, Expect)> = Vec::new();
    let mut add = |name: &str, bytes: &[u8], expect: Expect| {
        write(dir, name, bytes);
        inputs.push((name.to_string(), expect));
    };
    add("empty.txt", b"", Expect::Record);
    add("blank.html", b"  \n\t\r\n   \n", Expect::Record);
    add(
        "random.txt",
        &random_bytes(64 * 1024),
        Expect::Error("binary"),
    );
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    png.extend_from_slice(&random_bytes(4096));
    add("photo.html", &png, Expect::Error("binary"));
    let story = gzip(page("Truncated", PROSE).repeat(40).as_bytes());
    add(
        "truncated.html.gz",
        &story[..story.len() / 2],
        Expect::Error("gzip"),
    );
    // 80 MB of zeros compress to about 350 KB and inflate past the 64 MiB cap.
    add(
        "bomb.html.gz",
        &gzip(&vec![0u8; 80 << 20]),
        Expect::Error("too_large"),
    );
    add(
        "big.html",
        big_page().as_bytes(),
        Expect::Words(vec!["housing", "bottom"]),
    );
    add(
        "line.txt",
        single_line(10_000_000).as_bytes(),
        Expect::Words(vec!["single", "Sentence 200000 "]),
    );
    let deep = format!(
        "{}At the bottom lies the deepest paragraph. {PROSE}{}",
        "<div>".repeat(1_000_000),
        "</div>".repeat(1_000_000)
    );
    add("deep.html", deep.as_bytes(), Expect::Words(vec!["deepest"]));
    let russian = "Правительство объявило о новых мерах поддержки малого бизнеса. \
        Эксперты считают, что это поможет экономике в следующем году, а депутаты \
        обсудят закон на следующей неделе.";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    add(
        "cp1251.txt",
        &cp1251,
        Expect::Words(vec!["Правительство", "поддержки", "экономике"]),
    );
    let french = page(
        "Fête de la musique à Orléans",
        "Les élèves ont joué des mélodies très appréciées; la fête a réuni des \
         curieux, des familles et des étudiants près de la cathédrale, où l'été commence.",
    );
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&french);
    add(
        "latin1.html",
        &latin1,
        Expect::Words(vec!["élèves", "appréciées", "cathédrale"]),
    );
    let german = page(
        "Grüße aus Köln",
        "Die Straßenbahn fährt über die Brücke, während Bürger im Südpark spazieren.",
    );
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(german.encode_utf16().flat_map(u16::to_le_bytes));
    add(
        "utf16.html",
        &utf16,
        Expect::Words(vec!["Straßenbahn", "fährt", "Brücke"]),
    );
    let plain = page("A plain page", PROSE);
    add("name with spaces.html", plain.as_bytes(), Expect::Record);
    add("new\nline.html", plain.as_bytes(), Expect::Record);
    add("Ünïcödé ñame.html", plain.as_bytes(), Expect::Record);
    std::os::unix::fs::symlink(".", dir.join("loop")).expect("symlink");
    inputs.push(("loop".to_string(), Expect::Error("io")));
    inputs
}

/// Text of about `bytes` bytes on one line, no sentence repeated.
fn single_line(bytes: usize) -> String {
    let mut line = String::with_capacity(bytes + 100);
    let mut i = 0;
    while line.len() < bytes {
        line.push_str(&format!("Sentence {i} of the single long line goes on. "));
        i += 1;
    }
    line
}

/// A 50 MB page: an article and a huge inline data script, the usual reason a real
/// page is that big.
fn big_page() -> String {
    let entry = "{\"id\":12345,\"name\":\"item\",\"tags\":[\"a\",\"b\"]},";
    let data = entry.repeat(50_000_000 / entry.len());
    format!(
        "<html><head><title>Big</title><script>var data = [{data}];</script></head><body>\
         <article><h1>A big page</h1><p>{PROSE}</p><p>The text at the bottom of a big \
         page is kept like any other.</p></article></body></html>"
    )
}

/// Run `deboil` with `args`, returning its records (one JSON value per line), its
/// standard error, the wall time, and the peak resident memory of the largest child
/// waited for so far, in KiB.
fn run_deboil(args: &[&str]) -> (Vec<Value>, String, Duration, i64) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start deboil");
    let mut stderr = child.stderr.take().expect("stderr");
    let errors = std::thread::spawn(move || {
        let mut text = String::new();
        stderr.read_to_string(&mut text).map(|_| text)
    });
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .expect("stdout")
        .read_to_string(&mut stdout)
        .expect("read records");
    child.wait().expect("wait for deboil");
    let elapsed = start.elapsed();
    let stderr = errors.join().expect("stderr thread").expect("read stderr");
    let records = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record per line"))
        .collect();
    (records, stderr, elapsed, children_peak_rss_kib())
}

/// Peak resident set size of the largest waited-for child process, in KiB.
fn children_peak_rss_kib() -> i64 {
    // SAFETY: getrusage only writes into the zeroed struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let status = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    assert_eq!(status, 0, "getrusage failed");
    usage.ru_maxrss
}

#[test]
fn hostile_directory_gives_one_record_per_input_within_bounds() {
    let tmp = TempDir::new().expect("temp dir");
    let dir = tmp.path().join("hostile");
    fs::create_dir(&dir).expect("mkdir");
    let inputs = build(&dir);
    let dir_arg = dir.to_str().expect("UTF-8 temp path");
    let (records, stderr, elapsed, rss) =
        run_deboil(&["clean", "--follow-links", "--quiet", "-j", "2", dir_arg]);
    let mut by_id: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for record in &records {
        let id = record["id"].as_str().expect("every record has an id");
        by_id.entry(id.to_string()).or_default().push(record);
    }
    let expected_ids: Vec<&String> = inputs.iter().map(|(id, _)| id).collect();
    let got_ids: Vec<&String> = by_id.keys().collect();
    let mut sorted = expected_ids.clone();
    sorted.sort();
    assert_eq!(got_ids, sorted, "stderr:\n{stderr}");
    for (id, expect) in &inputs {
        let found = &by_id[id];
        assert_eq!(found.len(), 1, "{id}: {found:?}");
        check(id, found[0], expect);
    }
    assert!(elapsed < RUN_BOUND, "took {elapsed:?}");
    assert!(rss < RSS_BOUND_KIB, "peak RSS {rss} KiB");
    eprintln!("hostile directory: {elapsed:?}, peak RSS {rss} KiB");
}

/// Assert that one input's record is what it must be.
fn check(id: &str, record: &Value, expect: &Expect) {
    let error = record["error"]["kind"].as_str();
    match expect {
        Expect::Error(kind) => assert_eq!(error, Some(*kind), "{id}: {record}"),
        Expect::Record => assert_eq!(error, None, "{id}: {record}"),
        Expect::Words(words) => {
            assert_eq!(error, None, "{id}: {record}");
            let text = format!(
                "{} {}",
                record["title"].as_str().unwrap_or(""),
                record["text"].as_str().unwrap_or("")
            );
            for word in words {
                assert!(text.contains(word), "{id}: no {word:?} in {text:.300}");
            }
        }
    }
}

#[test]
fn limits_are_documented_with_their_defaults() {
    let output = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", "--help"])
        .output()
        .expect("run deboil");
    let help = String::from_utf8_lossy(&output.stdout);
    for (flag, default) in [
        ("--max-bytes", deboil::DEFAULT_MAX_BYTES),
        ("--max-depth", deboil::DEFAULT_MAX_DEPTH),
        ("--max-blocks", deboil::DEFAULT_MAX_BLOCKS),
    ] {
        assert!(help.contains(flag), "no {flag} in\n{help}");
        assert!(
            help.contains(&format!("[default: {default}]")),
            "no default {default} in\n{help}"
        );
    }
}

/// Clean one file in a fresh directory with extra flags; returns its record.
fn clean_one(name: &str, bytes: &[u8], flags: &[&str]) -> Value {
    let tmp = TempDir::new().expect("temp dir");
    write(tmp.path(), name, bytes);
    let path = tmp.path().join(name);
    let mut args = vec!["clean", "--quiet"];
    args.extend_from_slice(flags);
    args.push(path.to_str().expect("UTF-8 temp path"));
    let (records, stderr, _, _) = run_deboil(&args);
    assert_eq!(records.len(), 1, "{stderr}");
    records[0].clone()
}

#[test]
fn too_many_blocks_is_an_error_record_naming_the_limit() {
    let text = format!("{PROSE}\n\n").repeat(30);
    let record = clean_one("many.txt", text.as_bytes(), &["--max-blocks", "20"]);
    assert_eq!(record["error"]["kind"], "too_many_blocks", "{record}");
    let message = record["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("max-blocks") && message.contains("20"),
        "{message}"
    );
    let html = page("Many", &format!("{PROSE}</p><p>").repeat(30));
    let record = clean_one("many.html", html.as_bytes(), &["--max-blocks", "20"]);
    assert_eq!(record["error"]["kind"], "too_many_blocks", "{record}");
    let record = clean_one("many.html", html.as_bytes(), &["--max-blocks", "100"]);
    assert!(record["error"].is_null(), "{record}");
}

#[test]
fn too_large_is_an_error_record_naming_the_limit() {
    let record = clean_one("big.txt", PROSE.as_bytes(), &["--max-bytes", "100"]);
    assert_eq!(record["error"]["kind"], "too_large", "{record}");
    let message = record["error"]["message"].as_str().unwrap_or("");
    assert!(
        message.contains("max-bytes") && message.contains("100"),
        "{message}"
    );
}

#[test]
fn max_depth_flattens_with_a_warning_and_keeps_the_text() {
    let html = page(
        "Nested",
        &format!(
            "{}Nested words stay in the record.{}",
            "<div>".repeat(40),
            "</div>".repeat(40)
        ),
    );
    let record = clean_one("nested.html", html.as_bytes(), &["--max-depth", "10"]);
    let text = record["text"].as_str().unwrap_or("");
    assert!(
        text.contains("Nested words stay in the record."),
        "{record}"
    );
    let warnings = record["warnings"].to_string();
    assert!(warnings.contains("depth limit of 10"), "{warnings}");
    let record = clean_one("nested.html", html.as_bytes(), &[]);
    assert!(
        !record["warnings"].to_string().contains("depth"),
        "{record}"
    );
}

/// Clean `page` through the library with the default options, within `bound`; returns
/// the record's text and warnings.
fn clean_page_within(page: &str, bound: Duration) -> (String, Vec<String>) {
    let start = Instant::now();
    let article = deboil::clean_bytes(page.as_bytes(), None, &deboil::Options::default())
        .expect("a record, not an error");
    let elapsed = start.elapsed();
    assert!(elapsed < bound, "took {elapsed:?}");
    eprintln!("cleaned {} MB in {elapsed:?}", page.len() / 1_000_000);
    (article.text, article.warnings)
}

/// A page of `open` repeated `n` times around a paragraph, then `close` as often.
fn nested(open: &str, close: &str, n: usize) -> String {
    format!(
        "<html><body>{}<p>The words at the bottom are kept. {PROSE}</p>{}</body></html>",
        open.repeat(n),
        close.repeat(n)
    )
}

/// Assert that `n` of `open` (and of `close`) give a record within `bound`, with the
/// text kept and a warning. Without the depth limit, 100,000 nested `<div>` took 12 s
/// in html5ever's tree builder (release build) and a million about 20 minutes.
fn assert_flattened(open: &str, close: &str, n: usize, bound: Duration) {
    let (text, warnings) = clean_page_within(&nested(open, close, n), bound);
    assert!(
        text.contains("The words at the bottom are kept."),
        "{open}: {text:.200}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("depth limit")),
        "{open}: {warnings:?}"
    );
}

/// Each pathological shape: what opens a level, what closes it.
const SHAPES: [(&str, &str); 4] = [
    ("<div>", "</div>"),
    ("<span>", "</span>"),
    ("<table><tr><td>", ""),
    ("<b>", ""),
];

/// The bound only catches a hang or a quadratic walk (which would take hours); it is
/// generous so that a loaded machine does not fail it (about 1 s per shape in debug).
#[test]
fn a_hundred_thousand_nested_elements_give_a_record_quickly() {
    for (open, close) in SHAPES {
        assert_flattened(open, close, 100_000, Duration::from_secs(60));
    }
}

/// The same at a million levels: about 12 s per shape in a debug build (the tokenizer is
/// compiled as part of deboil there), well under a second in release:
/// `cargo test --release --test hostile -- --ignored`.
#[test]
#[ignore]
fn a_million_nested_elements_give_a_record_quickly() {
    for (open, close) in SHAPES {
        assert_flattened(open, close, 1_000_000, Duration::from_secs(30));
    }
}
