//! WARC input end to end: WARC files built at test time in a temporary directory (plain,
//! and gzip with one member per record), cleaned with `deboil clean`.

use std::fs;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// Longest a run may take before it is killed (and the test fails).
const TIMEOUT: Duration = Duration::from_secs(120);

/// An article page long enough to be kept, with `marker` in its body.
fn page(marker: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Story {marker}</title></head><body><article>\
         <h1>Story {marker}</h1>\
         <p>The first paragraph of story {marker} is long enough to read as prose and to be kept by the cleaner.</p>\
         <p>The second paragraph of story {marker} carries on in the same plain way, with more words.</p>\
         </article></body></html>"
    )
}

/// One WARC record.
struct Record {
    kind: &'static str,
    id: String,
    url: Option<String>,
    content_type: &'static str,
    block: Vec<u8>,
}

impl Record {
    fn new(kind: &'static str, n: usize, content_type: &'static str, block: Vec<u8>) -> Self {
        Record {
            kind,
            id: format!("<urn:uuid:00000000-0000-0000-0000-{n:012}>"),
            url: Some(format!("https://news{}.example/story/{n}", n % 2)),
            content_type,
            block,
        }
    }

    /// An HTTP response record of `status` with these headers and body.
    fn http(n: usize, status: &str, headers: &str, body: &[u8]) -> Self {
        let mut block = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
        block.extend_from_slice(body);
        Self::new("response", n, "application/http; msgtype=response", block)
    }

    /// A 200 HTML response holding `page(marker)`.
    fn html(n: usize, marker: &str) -> Self {
        Self::http(
            n,
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            page(marker).as_bytes(),
        )
    }

    fn bytes(&self) -> Vec<u8> {
        let mut head = format!(
            "WARC/1.0\r\nWARC-Type: {}\r\nWARC-Record-ID: {}\r\nWARC-Date: 2026-03-01T12:00:00Z\r\n",
            self.kind, self.id
        );
        if let Some(url) = &self.url {
            head.push_str(&format!("WARC-Target-URI: {url}\r\n"));
        }
        head.push_str(&format!(
            "Content-Type: {}\r\nContent-Length: {}\r\n\r\n",
            self.content_type,
            self.block.len()
        ));
        let mut bytes = head.into_bytes();
        bytes.extend_from_slice(&self.block);
        bytes.extend_from_slice(b"\r\n\r\n");
        bytes
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The records as a WARC file: plain, or one gzip member per record. Returns the bytes
/// and each record's offset.
fn warc(records: &[Record], compressed: bool) -> (Vec<u8>, Vec<u64>) {
    let mut file = Vec::new();
    let mut offsets = Vec::new();
    for record in records {
        offsets.push(file.len() as u64);
        let bytes = record.bytes();
        file.extend(if compressed { gzip(&bytes) } else { bytes });
    }
    (file, offsets)
}

/// Run `deboil clean ARGS` in `dir`: exit code, records, standard error.
fn clean_in(dir: &Path, args: &[&str]) -> (i32, Vec<Value>, String) {
    let output = Command::cargo_bin("deboil")
        .unwrap()
        .current_dir(dir)
        .arg("clean")
        .args(args)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let code = output.status.code().expect("deboil was killed");
    (code, records, stderr)
}

fn text(record: &Value) -> &str {
    record["text"].as_str().unwrap_or_default()
}

/// A WARC holding every kind of record, and what each gives.
fn every_kind() -> Vec<Record> {
    let mut resource = Record::new("resource", 7, "text/html", page("resource").into_bytes());
    resource.url = Some("file:///local/resource.html".into());
    vec![
        Record::new(
            "warcinfo",
            0,
            "application/warc-fields",
            b"software: test\r\n".to_vec(),
        ),
        Record::new(
            "request",
            1,
            "application/http; msgtype=request",
            b"GET /story/1 HTTP/1.1\r\nHost: news1.example\r\n\r\n".to_vec(),
        ),
        Record::html(2, "alpha"),
        Record::http(
            3,
            "404 Not Found",
            "Content-Type: text/html\r\n",
            page("missing").as_bytes(),
        ),
        Record::http(
            4,
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG\r\n\x1a\nrest",
        ),
        Record::http(
            5,
            "200 OK",
            "Content-Type: application/octet-stream\r\n",
            page("sniffed").as_bytes(),
        ),
        Record::http(6, "301 Moved", "Location: /x\r\n", b""),
        resource,
        Record::new(
            "metadata",
            8,
            "application/warc-fields",
            b"fetchTimeMs: 5\r\n".to_vec(),
        ),
        Record::new(
            "revisit",
            9,
            "application/http; msgtype=response",
            b"HTTP/1.1 304 Not Modified\r\n\r\n".to_vec(),
        ),
        Record::html(10, "omega"),
    ]
}

#[test]
fn every_record_kind_gives_a_page_or_a_count() {
    for compressed in [false, true] {
        let dir = TempDir::new().unwrap();
        let (bytes, offsets) = warc(&every_kind(), compressed);
        let name = if compressed {
            "crawl.warc.gz"
        } else {
            "crawl.warc"
        };
        fs::write(dir.path().join(name), &bytes).unwrap();
        let (code, records, stderr) =
            clean_in(dir.path(), &[name, "--stats-json", "stats.json", "-j2"]);
        assert_eq!(code, 0, "{stderr}");
        let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let expected = [2, 5, 7, 10].map(|n| format!("<urn:uuid:00000000-0000-0000-0000-{n:012}>"));
        assert_eq!(ids, expected, "{name}");
        let markers = ["alpha", "sniffed", "resource", "omega"];
        for (record, marker) in records.iter().zip(markers) {
            assert!(text(record).contains(&format!("first paragraph of story {marker}")));
            assert_eq!(record["input"], "html");
            assert_eq!(record["source"], name);
            let warc = &record["warc"];
            assert_eq!(warc["file"], name);
            assert_eq!(warc["record_id"], record["id"]);
            assert_eq!(warc["date"], "2026-03-01T12:00:00Z");
        }
        assert_eq!(records[0]["url"], "https://news0.example/story/2");
        assert_eq!(records[2]["url"], "file:///local/resource.html");
        assert_eq!(records[0]["warc"]["offset"], offsets[2]);
        assert_eq!(records[3]["warc"]["offset"], offsets[10]);
        let stats: Value =
            serde_json::from_str(&fs::read_to_string(dir.path().join("stats.json")).unwrap())
                .unwrap();
        let skipped = &stats["warc_skipped"];
        for (kind, count) in [
            ("warcinfo", 1),
            ("request", 1),
            ("status_404", 1),
            ("status_301", 1),
            ("non_html", 1),
            ("metadata", 1),
            ("revisit", 1),
        ] {
            assert_eq!(skipped[kind], count, "{kind} in {skipped}");
        }
        assert_eq!(skipped.as_object().unwrap().len(), 7, "{skipped}");
        assert_eq!(stats["cleaned"], 4);
        assert!(stderr.contains("WARC records without a page"), "{stderr}");
    }
}

#[test]
fn the_offset_fetches_the_record_again_with_one_range_read() {
    let dir = TempDir::new().unwrap();
    let (bytes, _) = warc(&every_kind(), true);
    fs::write(dir.path().join("c.warc.gz"), &bytes).unwrap();
    let (_, records, _) = clean_in(dir.path(), &["c.warc.gz"]);
    for record in &records {
        let offset = record["warc"]["offset"].as_u64().unwrap() as usize;
        let mut member = String::new();
        flate2::read::GzDecoder::new(&bytes[offset..])
            .read_to_string(&mut member)
            .unwrap();
        assert!(member.starts_with("WARC/1.0\r\n"), "{member:.40}");
        let id = record["id"].as_str().unwrap();
        assert!(member.contains(&format!("WARC-Record-ID: {id}\r\n")));
    }
}

#[test]
fn chunked_and_compressed_bodies_are_decoded_and_unknown_encodings_named() {
    let body = page("encoded");
    let gz = gzip(body.as_bytes());
    let mut chunked = Vec::new();
    for piece in gz.chunks(100) {
        chunked.extend(format!("{:x}\r\n", piece.len()).into_bytes());
        chunked.extend_from_slice(piece);
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    deflated.write_all(page("deflated").as_bytes()).unwrap();
    let records = vec![
        Record::http(
            1,
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n",
            &chunked,
        ),
        Record::http(
            2,
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: deflate\r\n",
            &deflated.finish().unwrap(),
        ),
        Record::http(
            3,
            "200 OK",
            "Content-Type: text/html\r\nContent-Encoding: compress\r\n",
            b"\x1f\x9d\x90junk",
        ),
        Record::html(4, "after"),
    ];
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("e.warc.gz"), warc(&records, true).0).unwrap();
    let (code, out, stderr) = clean_in(dir.path(), &["e.warc.gz"]);
    assert_eq!(code, 1, "an undecodable record is a failed input: {stderr}");
    assert_eq!(out.len(), 4);
    assert!(
        text(&out[0]).contains("first paragraph of story encoded"),
        "{}",
        out[0]
    );
    assert!(text(&out[1]).contains("first paragraph of story deflated"));
    assert_eq!(out[2]["error"]["kind"], "http_encoding");
    assert!(out[2]["error"]["message"]
        .as_str()
        .unwrap()
        .contains("compress"));
    assert_eq!(out[2]["warc"]["record_id"], out[2]["id"]);
    assert!(text(&out[3]).contains("story after"));
}

#[test]
fn a_charset_given_only_in_the_http_header_decodes_the_page() {
    let html = "<html><head><title>Новости</title></head><body><article>\
        <p>Правительство объявило сегодня о новых мерах поддержки для малого бизнеса в регионах страны.</p>\
        <p>Эксперты считают, что эти меры помогут компаниям пережить трудный период без сокращений.</p>\
        </article></body></html>";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
    let records = vec![Record::http(
        1,
        "200 OK",
        "Content-Type: text/html; charset=windows-1251\r\n",
        &bytes,
    )];
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("ru.warc"), warc(&records, false).0).unwrap();
    let (code, out, stderr) = clean_in(dir.path(), &["ru.warc"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        text(&out[0]).contains("Правительство объявило"),
        "{}",
        out[0]
    );
}

#[test]
fn a_truncated_last_record_is_an_error_record_after_every_intact_one() {
    for compressed in [false, true] {
        let records: Vec<Record> = (0..4).map(|n| Record::html(n, &format!("s{n}"))).collect();
        let (mut bytes, offsets) = warc(&records, compressed);
        let cut = offsets[3] as usize + (bytes.len() - offsets[3] as usize) / 2;
        bytes.truncate(cut);
        let dir = TempDir::new().unwrap();
        fs::write(dir.path().join("t.warc.gz"), &bytes).unwrap();
        let (code, out, stderr) = clean_in(dir.path(), &["t.warc.gz"]);
        assert_eq!(code, 1, "{stderr}");
        assert_eq!(out.len(), 4, "compressed {compressed}: {out:?}");
        for (n, record) in out.iter().take(3).enumerate() {
            assert!(text(record).contains(&format!("story s{n}")));
        }
        assert_eq!(out[3]["error"]["kind"], "warc", "{}", out[3]);
        assert_eq!(out[3]["warc"]["offset"], offsets[3]);
    }
}

#[test]
fn a_corrupt_record_in_the_middle_loses_no_record_after_it() {
    for compressed in [false, true] {
        let records: Vec<Record> = (0..5).map(|n| Record::html(n, &format!("s{n}"))).collect();
        let (mut bytes, offsets) = warc(&records, compressed);
        let middle = offsets[2] as usize;
        if compressed {
            // Scramble the deflate data of the third member.
            for byte in &mut bytes[middle + 20..middle + 60] {
                *byte ^= 0x5a;
            }
        } else {
            // A Content-Length far too long: the parser would swallow what follows.
            let header = String::from_utf8_lossy(&bytes[middle..middle + 300]).into_owned();
            let at = middle + header.find("Content-Length: ").unwrap() + 16;
            bytes[at] = b'9';
            bytes.insert(at, b'9');
        }
        let dir = TempDir::new().unwrap();
        fs::write(dir.path().join("c.warc.gz"), &bytes).unwrap();
        let (code, out, stderr) = clean_in(dir.path(), &["c.warc.gz"]);
        assert_eq!(code, 1, "{stderr}");
        let errors: Vec<&Value> = out.iter().filter(|r| r.get("error").is_some()).collect();
        assert_eq!(errors.len(), 1, "compressed {compressed}: {out:?}");
        assert_eq!(errors[0]["error"]["kind"], "warc");
        assert_eq!(errors[0]["warc"]["offset"], offsets[2], "{}", errors[0]);
        for n in [0, 1, 3, 4] {
            let marker = format!("story s{n} ");
            assert!(
                out.iter().any(|r| text(r).contains(&marker)),
                "compressed {compressed}: story {n} lost: {out:?}"
            );
        }
    }
}

#[test]
fn a_wet_file_goes_through_the_text_front_end() {
    let story = "A headline for the story\n\n\
        The first paragraph of the story, long enough to read as prose and to be kept.\n\
        2 min read\n\n\
        The second paragraph carries on with the story in the same plain way.\n";
    let records = vec![
        Record::new(
            "warcinfo",
            0,
            "application/warc-fields",
            b"x: y\r\n".to_vec(),
        ),
        Record::new("conversion", 1, "text/plain", story.as_bytes().to_vec()),
    ];
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("c.warc.wet.gz"), warc(&records, true).0).unwrap();
    let (code, out, stderr) = clean_in(dir.path(), &["c.warc.wet.gz"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(out.len(), 1, "a WET file is found by its content: {out:?}");
    assert_eq!(out[0]["input"], "text");
    assert_eq!(out[0]["title"], "A headline for the story");
    assert!(!text(&out[0]).contains("2 min read"));
}

#[test]
fn output_is_the_same_for_one_and_two_threads_and_the_walk_picks_warcs() {
    let records: Vec<Record> = (0..40).map(|n| Record::html(n, &format!("p{n}"))).collect();
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.warc.gz"), warc(&records, true).0).unwrap();
    fs::write(dir.path().join("in/b.warc"), warc(&records[..3], false).0).unwrap();
    let run = |threads: &str| {
        let (code, out, stderr) = clean_in(dir.path(), &["in", "-j", threads, "--no-explain"]);
        assert_eq!(code, 0, "{stderr}");
        out.into_iter()
            .map(|mut r| {
                r["stats"].as_object_mut().unwrap().remove("seconds");
                r
            })
            .collect::<Vec<_>>()
    };
    let one = run("1");
    assert_eq!(one.len(), 43);
    assert_eq!(one, run("2"));
    for (n, record) in one.iter().take(40).enumerate() {
        assert!(
            text(record).contains(&format!("story p{n} ")),
            "order at {n}"
        );
    }
}

#[test]
fn out_dir_gives_one_gzip_file_per_warc_and_resume_skips_complete_ones() {
    let records: Vec<Record> = (0..5).map(|n| Record::html(n, &format!("o{n}"))).collect();
    let dir = TempDir::new().unwrap();
    fs::create_dir(dir.path().join("in")).unwrap();
    fs::write(dir.path().join("in/a.warc.gz"), warc(&records, true).0).unwrap();
    fs::write(dir.path().join("in/b.warc"), warc(&records[..2], false).0).unwrap();
    fs::write(dir.path().join("in/page.html"), page("plain")).unwrap();
    let args = ["in", "--out-dir", "out", "--stats-json", "stats.json"];
    let (code, _, stderr) = clean_in(dir.path(), &args);
    assert_eq!(code, 0, "{stderr}");
    let read = |name: &str| {
        let mut text = String::new();
        let file = fs::File::open(dir.path().join("out").join(name)).unwrap();
        flate2::read::GzDecoder::new(file)
            .read_to_string(&mut text)
            .unwrap();
        text.lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap())
            .collect::<Vec<_>>()
    };
    let a = read("a.jsonl.gz");
    assert_eq!(a.len(), 5);
    for (n, record) in a.iter().enumerate() {
        assert!(text(record).contains(&format!("story o{n} ")));
    }
    assert_eq!(read("b.jsonl.gz").len(), 2);
    assert!(dir.path().join("out/page.json").exists());
    let mut names: Vec<String> = fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["a.jsonl.gz", "b.jsonl.gz", "page.json"],
        "no temporary file left"
    );
    let stats: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("stats.json")).unwrap()).unwrap();
    assert_eq!(
        (stats["cleaned"].as_u64(), stats["inputs"].as_u64()),
        (Some(8), Some(8))
    );

    fs::remove_file(dir.path().join("out/b.jsonl.gz")).unwrap();
    let (code, _, stderr) = clean_in(dir.path(), &[&args[..], &["--resume"]].concat());
    assert_eq!(code, 0, "{stderr}");
    let stats: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("stats.json")).unwrap()).unwrap();
    assert_eq!(
        stats["skipped"], 2,
        "a.warc.gz and page.html were done: {stats}"
    );
    assert_eq!(stats["cleaned"], 2, "b.warc's two pages again");
    assert_eq!(read("b.jsonl.gz").len(), 2);
}

#[test]
fn learn_boilerplate_groups_warc_records_by_target_host() {
    // Three of host news0's four pages end with the same note; news1's pages do not:
    // 3 of 4 documents of its host (boilerplate), 3 of 8 of the file (not).
    let pitch =
        "<p>The Harbour Ledger is owned by a cooperative of fourteen coastal towns since 1921.</p>";
    let records: Vec<Record> = (0..8)
        .map(|n| {
            let body = page(&format!("h{n}")).replace(
                "</article>",
                &format!("{}</article>", if n % 2 == 0 && n < 6 { pitch } else { "" }),
            );
            Record::http(n, "200 OK", "Content-Type: text/html\r\n", body.as_bytes())
        })
        .collect();
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("s.warc.gz"), warc(&records, true).0).unwrap();
    let (code, out, stderr) = clean_in(dir.path(), &["s.warc.gz", "--learn-boilerplate"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(out.len(), 8);
    for record in out.iter().skip(1).step_by(2) {
        assert!(record["removed"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["reason"] != "site_boilerplate"));
    }
    for record in out.iter().step_by(2).take(3) {
        assert_eq!(
            record["url"].as_str().unwrap().split('/').nth(2),
            Some("news0.example")
        );
        assert!(!text(record).contains("Harbour Ledger"), "{}", text(record));
        let removed = record["removed"].as_array().unwrap();
        assert!(removed.iter().any(|r| r["reason"] == "site_boilerplate"));
    }
}

#[test]
fn records_over_the_size_limit_are_too_large_errors_and_reading_goes_on() {
    let big = page(&"padding ".repeat(4_000));
    let mut resource = Record::new("resource", 2, "text/html", big.clone().into_bytes());
    resource.url = Some("file:///local/big.html".into());
    let records = vec![
        Record::http(1, "200 OK", "Content-Type: text/html\r\n", big.as_bytes()),
        resource,
        Record::new("conversion", 3, "text/plain", big.clone().into_bytes()),
        Record::html(4, "small"),
    ];
    let dir = TempDir::new().unwrap();
    for (name, compressed) in [("big.warc", false), ("big.warc.gz", true)] {
        fs::write(dir.path().join(name), warc(&records, compressed).0).unwrap();
        let (code, out, stderr) = clean_in(dir.path(), &["--max-bytes", "10000", name]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert_eq!(out.len(), 4, "{name}: one record per page record");
        for record in &out[..3] {
            assert_eq!(record["error"]["kind"], "too_large", "{name}: {record}");
            assert!(record["warc"]["offset"].is_u64(), "{name}: {record}");
        }
        assert!(text(&out[3]).contains("story small"), "{name}: {}", out[3]);
    }
}

/// A 1 GB WARC is cleaned in well under 300 MB of peak memory (about two minutes on
/// two threads; run with
/// `cargo test --release --test warc -- --ignored --nocapture`, which prints the peak).
#[test]
#[ignore = "writes and cleans a 1 GB WARC; run on demand"]
fn a_one_gigabyte_warc_runs_in_bounded_memory() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("big.warc");
    let mut file = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    let filler = "<p>A paragraph of filler prose that makes the page as long as a real one. </p>"
        .repeat(600);
    let mut written = 0u64;
    let mut n = 0;
    while written < 1_000_000_000 {
        let body = page(&format!("{n}")).replace("</article>", &format!("{filler}</article>"));
        let bytes =
            Record::http(n, "200 OK", "Content-Type: text/html\r\n", body.as_bytes()).bytes();
        file.write_all(&bytes).unwrap();
        written += bytes.len() as u64;
        n += 1;
    }
    file.flush().unwrap();
    drop(file);
    let out = dir.path().join("out.jsonl");
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("deboil"))
        .args(["clean", "-q", "-j2", "-o"])
        .arg(&out)
        .arg(&path)
        .status()
        .unwrap();
    assert!(status.success());
    // The largest peak of the children this test process has waited for: this run's,
    // or a larger one (which can only make the check stricter).
    // SAFETY: an all-zero rusage is a valid value for getrusage to fill.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage with a valid pointer to a local.
    assert_eq!(
        unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) },
        0
    );
    let peak_mb = usage.ru_maxrss as f64 * 1024.0 / 1e6;
    let lines = fs::read_to_string(&out).unwrap().lines().count();
    assert_eq!(lines, n, "one record per page");
    println!("{written} bytes, {n} records: peak {peak_mb:.0} MB");
    assert!(peak_mb < 300.0, "peak {peak_mb:.0} MB for a 1 GB WARC");
}
