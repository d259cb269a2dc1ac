//! The inputs users have: `--from-jsonl` (a file or standard input), `--url`, `--include`
//! over files of any name, and in-memory [`deboil::Input`]s with an HTTP content type.

use std::fs;
use std::path::Path;
use std::time::Duration;

use assert_cmd::Command;
use serde_json::{json, Value};
use tempfile::TempDir;

/// Longest one run may take before it is killed and the test fails.
const TIMEOUT: Duration = Duration::from_secs(120);

const PROSE: &str = "The council met on Tuesday evening to discuss the new budget for the \
coming year, which includes higher spending on roads, schools and the library.";

/// An HTML page whose canonical link is `canonical` (relative or absolute).
fn page(canonical: &str) -> String {
    format!(
        "<!doctype html><html><head><title>Council budget</title>\
         <link rel=\"canonical\" href=\"{canonical}\"></head><body><article>\
         <h1>Council budget</h1><p>{PROSE}</p><p>{PROSE} Again, in other words.</p>\
         </article></body></html>"
    )
}

/// Run `deboil clean ARGS` in `dir` with `stdin`; returns the exit code, the records
/// and standard error.
fn clean(dir: &Path, args: &[&str], stdin: &[u8]) -> (i32, Vec<Value>, String) {
    let output = Command::cargo_bin("deboil")
        .unwrap()
        .current_dir(dir)
        .arg("clean")
        .args(args)
        .write_stdin(stdin)
        .timeout(TIMEOUT)
        .output()
        .unwrap();
    let records = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON record per line"))
        .collect();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), records, stderr)
}

/// The JSON Lines of the mixed test stream: an HTML page with an id and a URL, a text
/// with a numeric id, a line that is not JSON, one without a document, a blank line,
/// and a text without an id.
fn stream() -> String {
    let lines = [
        json!({"id": "page-1", "url": "https://news.example/city/budget?ref=feed",
               "html": page("/city/budget"), "fetched": "2026-11-30"})
        .to_string(),
        json!({"id": 42, "text": format!("A headline here\n\n{PROSE}\n2 min read\n")}).to_string(),
        "{this is not json".to_string(),
        json!({"id": "no-body", "url": "https://news.example/x"}).to_string(),
        String::new(),
        json!({"text": PROSE}).to_string(),
    ];
    lines.join("\n") + "\n"
}

/// Check the records of [`stream`] read under the name `name`.
fn check_stream(records: &[Value], name: &str) {
    let ids: Vec<&str> = records.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let third = format!("{name}:3");
    let last = format!("{name}:6");
    assert_eq!(ids, ["page-1", "42", &third, &format!("{name}:4"), &last]);
    let html = &records[0];
    assert_eq!(html["input"], "html");
    assert_eq!(html["url"], "https://news.example/city/budget?ref=feed");
    assert_eq!(html["canonical"], "https://news.example/city/budget");
    assert_eq!(html["site"], "news.example");
    assert_eq!(html["source"], format!("{name}:1"));
    assert!(html["text"].as_str().unwrap().contains(PROSE));
    let text = &records[1];
    assert_eq!(text["input"], "text");
    assert_eq!(text["title"], "A headline here");
    assert_eq!(text["url"], Value::Null);
    assert_eq!(text["site"], Value::Null);
    for (record, words) in [(&records[2], "not valid JSON"), (&records[3], "neither")] {
        assert_eq!(record["error"]["kind"], "jsonl", "{record}");
        let message = record["error"]["message"].as_str().unwrap();
        assert!(message.contains(words), "{message}");
    }
    assert_eq!(records[4]["text"], PROSE);
}

#[test]
fn from_jsonl_reads_a_file_line_by_line() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("in.jsonl"), stream()).unwrap();
    let (code, records, stderr) = clean(dir.path(), &["--from-jsonl", "in.jsonl"], b"");
    assert_eq!(code, 1, "bad lines fail the run: {stderr}");
    check_stream(&records, "in.jsonl");
    assert!(stderr.contains("in.jsonl:3"), "{stderr}");
    assert!(stderr.contains("3 cleaned, 2 errors"), "{stderr}");
}

#[test]
fn from_jsonl_reads_standard_input() {
    let dir = TempDir::new().unwrap();
    let (code, records, _) = clean(
        dir.path(),
        &["--from-jsonl", "-", "-q", "-j", "2"],
        stream().as_bytes(),
    );
    assert_eq!(code, 1);
    check_stream(&records, "stdin");
}

#[test]
fn from_jsonl_of_good_lines_succeeds_and_writes_the_output_file() {
    let dir = TempDir::new().unwrap();
    let lines: String = (0..300)
        .map(|i| {
            json!({"id": format!("doc{i}"), "text": format!("Story {i}\n\n{PROSE}\n")}).to_string()
                + "\n"
        })
        .collect();
    fs::write(dir.path().join("in.jsonl"), lines).unwrap();
    let args = ["--from-jsonl", "in.jsonl", "-o", "out.jsonl", "-q"];
    let (code, records, stderr) = clean(dir.path(), &args, b"");
    assert_eq!((code, records.len()), (0, 0), "{stderr}");
    let written = fs::read_to_string(dir.path().join("out.jsonl")).unwrap();
    let ids: Vec<String> = written
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    let expected: Vec<String> = (0..300).map(|i| format!("doc{i}")).collect();
    assert_eq!(ids, expected, "in line order across chunks");
    let over = ["--from-jsonl", "in.jsonl", "-o", "in.jsonl"];
    assert_eq!(
        clean(dir.path(), &over, b"").0,
        2,
        "the output may not be the input"
    );
}

#[test]
fn from_jsonl_does_not_mix_with_paths() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("in.jsonl"), stream()).unwrap();
    let (code, records, _) = clean(dir.path(), &["--from-jsonl", "in.jsonl", "in.jsonl"], b"");
    assert_eq!((code, records.len()), (2, 0));
}

#[test]
fn url_resolves_a_relative_canonical_link_and_names_the_site() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("saved"), page("../budget-2027")).unwrap();
    let url = "https://www.city-news.example/council/today/";
    let (code, records, stderr) = clean(dir.path(), &["saved", "--url", url], b"");
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(records[0]["url"], url);
    assert_eq!(
        records[0]["canonical"],
        "https://www.city-news.example/council/budget-2027"
    );
    assert_eq!(records[0]["site"], "www.city-news.example");
    let (_, plain, _) = clean(dir.path(), &["saved"], b"");
    assert_eq!(plain[0]["url"], Value::Null);
    assert_eq!(
        plain[0]["canonical"],
        Value::Null,
        "a relative link without a base"
    );
    let (code, piped, _) = clean(dir.path(), &["--url", url], page("/a").as_bytes());
    assert_eq!(code, 0);
    assert_eq!(piped[0]["canonical"], "https://www.city-news.example/a");
}

#[test]
fn url_needs_exactly_one_input_and_a_web_address() {
    let dir = TempDir::new().unwrap();
    fs::write(dir.path().join("a.html"), page("/a")).unwrap();
    fs::write(dir.path().join("b.html"), page("/b")).unwrap();
    let url = "https://news.example/";
    for args in [
        vec!["a.html", "b.html", "--url", url],
        vec![".", "--url", url],
        vec!["a.html", "--url", "news.example/a"],
        vec!["a.html", "--url", "ftp://news.example/a"],
    ] {
        let (code, records, stderr) = clean(dir.path(), &args, b"");
        assert_eq!((code, records.len()), (2, 0), "{args:?}: {stderr}");
    }
}

#[test]
fn include_picks_files_of_any_name_and_the_content_decides_the_front_end() {
    let dir = TempDir::new().unwrap();
    let site = dir.path().join("mirror");
    fs::create_dir_all(site.join("news")).unwrap();
    fs::write(site.join("news/index.php"), page("/news")).unwrap();
    fs::write(site.join("news/2026-11-30"), page("/news/2026-11-30")).unwrap();
    fs::write(
        site.join("news/notes"),
        format!("A plain note\n\n{PROSE}\n"),
    )
    .unwrap();
    fs::write(site.join("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let (code, records, _) = clean(dir.path(), &["mirror", "-q"], b"");
    assert_eq!((code, records.len()), (1, 0), "nothing picked by default");
    let (code, records, stderr) = clean(dir.path(), &["mirror", "--include", "news/*", "-q"], b"");
    assert_eq!(code, 0, "{stderr}");
    let found: Vec<(&str, &str)> = records
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r["input"].as_str().unwrap()))
        .collect();
    assert_eq!(
        found,
        [
            ("news/2026-11-30", "html"),
            ("news/index.php", "html"),
            ("news/notes", "text")
        ]
    );
    let (code, records, _) = clean(dir.path(), &["mirror", "--include", "*.php", "-q"], b"");
    assert_eq!((code, records.len()), (0, 1));
    let (code, _, stderr) = clean(dir.path(), &["mirror", "--include", "*.xml"], b"");
    assert_eq!(code, 1);
    assert!(
        stderr.contains("mirror: no files matching --include found"),
        "{stderr}"
    );
}

#[test]
fn content_type_charset_decodes_bytes_that_declare_nothing() {
    let text = "Le maire a présenté hier soir le budget. Les élus ont voté à l'unanimité \
                après un débat animé sur les écoles, les crèches et la bibliothèque.";
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
    let input =
        deboil::Input::new(bytes.as_ref()).with_content_type("text/plain; charset=windows-1252");
    let article = deboil::clean(&input, &deboil::Options::default()).unwrap();
    assert_eq!(article.text, text);
    assert!(article.warnings.is_empty(), "{:?}", article.warnings);
    let page = format!("<p>{text}</p>");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let input =
        deboil::Input::new(bytes.into_owned()).with_content_type("text/html;charset=\"cp1252\"");
    let article = deboil::clean(&input, &deboil::Options::default()).unwrap();
    assert_eq!(
        article.input,
        deboil::InputKind::Html,
        "the media type picks HTML"
    );
    assert!(
        article.text.contains("présenté") && article.text.contains("crèches"),
        "{}",
        article.text
    );
}

#[test]
fn media_type_picks_the_front_end_and_the_options_still_win() {
    let markup = format!("<p>{PROSE}</p><div>x</div><span>y</span>");
    let as_text = deboil::Input::new(markup.as_bytes()).with_content_type("text/plain");
    let article = deboil::clean(&as_text, &deboil::Options::default()).unwrap();
    assert_eq!(article.input, deboil::InputKind::Text);
    let forced = deboil::Options::default().with_input(deboil::InputMode::Html);
    assert_eq!(
        deboil::clean(&as_text, &forced).unwrap().input,
        deboil::InputKind::Html
    );
    let sniffed =
        deboil::Input::new(markup.as_bytes()).with_content_type("application/octet-stream");
    let article = deboil::clean(&sniffed, &deboil::Options::default()).unwrap();
    assert_eq!(article.input, deboil::InputKind::Html);
}
