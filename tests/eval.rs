//! Metric, metadata-comparison, floor and visible-text tests on small hand-made inputs,
//! and the eval command end to end on a tiny synthetic corpus (no real corpus needed).

use std::collections::BTreeMap;

use deboil::eval::{
    check_floors, date_key, field_hit, load_floors, mean_prf, multiset_overlap, normalize_space,
    render_floors, verdict, word_prf, word_tokens, MetaField, MetaFigures, MetaValues, Prf,
    SnippetCounts, Tally,
};
use deboil::internals::visible_text;

/// Owned strings from string slices.
fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Whether two floats agree closely.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn normalize_space_folds_runs_and_trims_like_python() {
    assert_eq!(normalize_space("  a \t\n b\u{a0}c  "), "a b c");
    // Python's \s also covers the information separators U+001C..U+001F.
    assert_eq!(normalize_space("a\u{1c}\u{1f}b"), "a b");
    assert_eq!(normalize_space(" \n "), "");
}

#[test]
fn snippet_counts_of_one_page() {
    let text = "Home  News\nThe story\nbegins here. More text.\nFooter";
    let with = strings(&["The story begins here.", "not in the text"]);
    let without = strings(&["Home News", "Cookie banner"]);
    let counts = SnippetCounts::page(Some(text), &with, &without);
    assert_eq!(
        counts,
        SnippetCounts {
            tp: 1,
            fp: 1,
            fn_: 1,
            tn: 1
        }
    );
    assert!(close(counts.precision(), 0.5));
    assert!(close(counts.recall(), 0.5));
    assert!(close(counts.f1(), 0.5));
}

#[test]
fn failed_page_misses_every_segment() {
    let with = strings(&["a", ""]);
    let without = strings(&["b", ""]);
    let counts = SnippetCounts::page(None, &with, &without);
    assert_eq!((counts.tp, counts.fn_, counts.fp, counts.tn), (0, 2, 0, 2));
    // An empty text still "contains" the empty segment, as Python's `in` says.
    let counts = SnippetCounts::page(Some(""), &with, &without);
    assert_eq!((counts.tp, counts.fn_, counts.fp, counts.tn), (1, 1, 1, 1));
}

#[test]
fn snippet_counts_sum_micro() {
    let a = SnippetCounts {
        tp: 3,
        fp: 1,
        fn_: 0,
        tn: 2,
    };
    let b = SnippetCounts {
        tp: 1,
        fp: 0,
        fn_: 2,
        tn: 1,
    };
    let sum = a + b;
    assert!(close(sum.precision(), 4.0 / 5.0));
    assert!(close(sum.recall(), 4.0 / 6.0));
    assert!(close(sum.f1(), 8.0 / 11.0));
    assert_eq!(SnippetCounts::default().f1(), 0.0);
}

#[test]
fn word_tokens_lowercase_and_unicode() {
    assert_eq!(
        word_tokens("Héllo, WORLD! it's 42_x ½ Straße"),
        strings(&["héllo", "world", "it", "s", "42_x", "½", "straße"])
    );
    // Combining marks are not word characters for Python's \w: "e\u{301}" splits.
    assert_eq!(word_tokens("cafe\u{301}s"), strings(&["cafe", "s"]));
    assert_eq!(word_tokens("日本語 text"), strings(&["日本語", "text"]));
}

#[test]
fn multiset_overlap_counts_repeats_once_each() {
    let predicted = strings(&["a", "a", "a", "b", "c"]);
    let reference = strings(&["a", "a", "b", "d"]);
    assert_eq!(multiset_overlap(&predicted, &reference), 3);
}

#[test]
fn word_prf_known_overlap() {
    // predicted 5 tokens, reference 4, overlap 3 (a, a, b).
    let prf = word_prf(Some("a a a b c"), "A a b d");
    assert!(close(prf.precision, 3.0 / 5.0));
    assert!(close(prf.recall, 3.0 / 4.0));
    assert!(close(prf.f1, 2.0 * 0.6 * 0.75 / (0.6 + 0.75)));
}

#[test]
fn word_prf_empty_cases() {
    let one = Prf {
        precision: 1.0,
        recall: 1.0,
        f1: 1.0,
    };
    assert_eq!(word_prf(Some(""), ""), one);
    assert_eq!(word_prf(None, "  ,. "), one);
    assert_eq!(word_prf(Some("words"), ""), Prf::default());
    assert_eq!(word_prf(None, "reference words"), Prf::default());
    assert_eq!(word_prf(Some("other"), "reference"), Prf::default());
}

#[test]
fn mean_prf_averages_each_figure() {
    let scores = [
        Prf {
            precision: 1.0,
            recall: 0.5,
            f1: 0.25,
        },
        Prf {
            precision: 0.0,
            recall: 0.5,
            f1: 0.75,
        },
    ];
    let mean = mean_prf(&scores);
    assert!(close(mean.precision, 0.5) && close(mean.recall, 0.5) && close(mean.f1, 0.5));
    assert_eq!(mean_prf(&[]), Prf::default());
}

#[test]
fn visible_text_of_a_small_page() {
    let page = r##"<!doctype html>
<html><head><title>Site title</title><script>var x = "<p>no</p>";</script></head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
  <article>
    <h1>The   headline</h1>
    <p>First paragraph with <a href="#">a link</a> and <em>emphasis</em>.</p>
    <p style="display: none">Hidden text</p>
    <div aria-hidden="true">Icon</div>
    <p>Second<br>line</p>
  </article>
  <footer><p>© 2024 Example</p></footer>
  <noscript>Enable JavaScript</noscript>
</body></html>"##;
    let expected = "Home\nNews\nThe headline\nFirst paragraph with a link and emphasis.\n\
                    Second\nline\n© 2024 Example";
    assert_eq!(visible_text(page), expected);
}

/// Owned metadata values.
fn meta(title: Option<&str>, byline: Option<&str>, published: Option<&str>) -> MetaValues {
    MetaValues {
        title: title.map(str::to_owned),
        byline: byline.map(str::to_owned),
        published: published.map(str::to_owned),
    }
}

#[test]
fn title_and_byline_match_after_whitespace_normalisation_only() {
    let hit = |field, p: Option<&str>, r| field_hit(field, p, r);
    assert_eq!(
        hit(MetaField::Title, Some(" A  title\n"), "A title"),
        Some(true)
    );
    assert_eq!(
        hit(MetaField::Title, Some("A Title"), "A title"),
        Some(false)
    );
    assert_eq!(hit(MetaField::Title, None, "A title"), Some(false));
    assert_eq!(
        hit(MetaField::Byline, Some("Ann Lee"), "Ann\u{a0}Lee"),
        Some(true)
    );
    assert_eq!(
        hit(MetaField::Byline, Some("By Ann Lee"), "Ann Lee"),
        Some(false)
    );
    // A blank reference gives nothing to compare with.
    assert_eq!(hit(MetaField::Byline, Some("Ann Lee"), "  "), None);
}

#[test]
fn dates_compare_as_calendar_days_at_the_reference_precision() {
    let hit = |p: Option<&str>, r| field_hit(MetaField::Published, p, r);
    assert_eq!(hit(Some("2025-09-04"), "2025-09-04"), Some(true));
    assert_eq!(
        hit(Some("2025-09-04T23:10:00-05:00"), "2025-09-04"),
        Some(true)
    );
    assert_eq!(hit(Some("2025-09-04"), "2025-09-04T08:00:00Z"), Some(true));
    assert_eq!(hit(Some("2025-09-05"), "2025-09-04"), Some(false));
    assert_eq!(hit(Some("2025-09"), "2025-09-04"), Some(false));
    assert_eq!(hit(Some("04/09/2025"), "2025-09-04"), Some(false));
    assert_eq!(hit(None, "2025-09-04"), Some(false));
    // Month-precision references (two in wcxb-dev) compare at the month.
    assert_eq!(hit(Some("2015-11-20"), "2015-11"), Some(true));
    assert_eq!(hit(Some("2015-12-01"), "2015-11"), Some(false));
    // References that are not ISO are skipped, not scored.
    assert_eq!(hit(Some("2025-09-04"), "September 4, 2025"), None);
    assert_eq!(hit(Some("2025-09-04"), "2025-9-4"), None);
    assert_eq!(date_key("2025-09-04T08:00:00Z"), Some("2025-09-04"));
    assert_eq!(date_key("2015"), Some("2015"));
    assert_eq!(date_key("20151"), None);
}

#[test]
fn metadata_figures_count_only_references_with_a_value() {
    let references = [
        meta(Some("One"), Some("Ann Lee"), Some("2025-09-04")),
        meta(Some("Two"), None, Some("September 2025")),
        meta(Some("Three"), Some(""), None),
    ];
    let predictions = [
        Some(meta(Some("One"), Some("Bob"), Some("2025-09-04T10:00"))),
        Some(meta(Some("2"), Some("Someone"), Some("2025-09-01"))),
        None,
    ];
    let figures = MetaFigures::score(
        predictions
            .iter()
            .map(Option::as_ref)
            .zip(references.iter()),
    );
    let tally = |t: &Tally| (t.count, t.hits, t.skipped);
    assert_eq!(tally(&figures.title), (3, 1, 0));
    assert_eq!(tally(&figures.byline), (1, 0, 0));
    assert_eq!(tally(&figures.published), (1, 1, 1));
    assert!(close(figures.title.accuracy, 1.0 / 3.0));
    assert!(close(figures.published.accuracy, 1.0));
    assert_eq!(MetaFigures::default().title.accuracy, 0.0);
}

/// A map of figure ids to values.
fn figure_map(items: &[(&str, f64)]) -> BTreeMap<String, f64> {
    items.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

#[test]
fn floors_hold_at_or_above_and_break_below_or_unmeasured() {
    let floors = figure_map(&[
        ("a.f1", 0.80),
        ("b.f1", 0.90),
        ("c.f1", 0.50),
        ("d.f1", 0.1),
    ]);
    let figures = figure_map(&[("a.f1", 0.80), ("b.f1", 0.8999), ("d.f1", 0.7), ("e", 0.0)]);
    let checks = check_floors(&floors, &figures);
    let held: Vec<(&str, bool)> = checks.iter().map(|c| (c.id.as_str(), c.holds())).collect();
    assert_eq!(
        held,
        [
            ("a.f1", true),
            ("b.f1", false),
            ("c.f1", false),
            ("d.f1", true)
        ]
    );
    let rendered = render_floors(&checks);
    assert!(rendered.contains("2 of 4 floors broken"), "{rendered}");
    let Err(error) = verdict(&checks) else {
        panic!("broken floors must give an error");
    };
    let message = error.to_string();
    assert!(
        message.contains("b.f1: 0.8999 is below its floor 0.9000"),
        "{message}"
    );
    assert!(message.contains("c.f1: not measured"), "{message}");
    assert!(
        !message.contains("a.f1") && !message.contains("d.f1"),
        "{message}"
    );
}

#[test]
fn all_floors_hold_is_said_and_is_ok() {
    let floors = figure_map(&[("a.f1", 0.5)]);
    let checks = check_floors(&floors, &figure_map(&[("a.f1", 0.6)]));
    assert!(render_floors(&checks).contains("all floors hold"));
    assert!(verdict(&checks).is_ok());
}

#[test]
fn floors_file_is_read_and_checked() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let path = dir.path().join("floors.json");
    let write = |text: &str| std::fs::write(&path, text).expect("write floors");
    write(r#"{"comment": "only raised", "floors": {"text.wcxb-dev.all.f1": 0.75}}"#);
    let floors = load_floors(&path).expect("a valid floors file");
    assert_eq!(floors, figure_map(&[("text.wcxb-dev.all.f1", 0.75)]));
    write(r#"{"floors": {"text.wcxb-dev.all.f1": 75}}"#);
    assert!(load_floors(&path).is_err());
    write(r#"{"floor": {}}"#);
    assert!(load_floors(&path).is_err());
    // The repository's own floors file is valid and covers the gated figures.
    let repo = load_floors(std::path::Path::new("quality-floors.json")).expect("repo floors");
    for id in [
        "text.trafilatura-eval.all.f1",
        "html.trafilatura-eval.all.f1",
        "text.wcxb-dev.article.f1",
        "html.wcxb-dev.all.f1",
        "html.wcxb-dev.article.title",
        "html.wcxb-dev.article.byline",
        "html.wcxb-dev.article.published",
    ] {
        assert!(repo.contains_key(id), "quality-floors.json lacks {id}");
    }
}

/// Write `text` gzip-compressed to `path`.
fn write_gz(path: &std::path::Path, text: &str) {
    use std::io::Write as _;
    let file = std::fs::File::create(path).expect("create page");
    let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
    gz.write_all(text.as_bytes()).expect("write page");
    gz.finish().expect("finish page");
}

/// Write `value` as JSON to `dir/name`.
fn write_json(dir: &std::path::Path, name: &str, value: serde_json::Value) {
    std::fs::write(dir.join(name), value.to_string()).expect("write JSON");
}

const BODY: &str = "The council approved the new budget on Tuesday after a long debate \
                    about the cost of repairing the old bridge over the river.";

/// A one-page corpus of each kind, and trafilatura dumps for it; returns the corpus
/// directory and the compare directory.
fn tiny_corpus(root: &std::path::Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let page = format!(
        "<html><head><title>Bridge budget</title></head><body><nav>Home</nav>\
         <article><h1>Bridge budget</h1><p>{BODY}</p></article>\
         <footer>Subscribe to our newsletter</footer></body></html>"
    );
    let corpus = root.join("corpus");
    for dir in ["trafilatura-eval", "wcxb-dev"] {
        std::fs::create_dir_all(corpus.join(dir).join("pages")).expect("corpus dirs");
        write_gz(&corpus.join(dir).join("pages/0001.html.gz"), &page);
    }
    let file = "pages/0001.html.gz";
    write_json(
        &corpus.join("trafilatura-eval"),
        "annotations.json",
        serde_json::json!({"0001": {"url": "", "file": file, "with": [BODY],
                                    "without": ["Subscribe to our newsletter"]}}),
    );
    write_json(
        &corpus.join("wcxb-dev"),
        "annotations.json",
        serde_json::json!({"0001": {"url": "", "file": file, "page_type": "article",
            "title": "Bridge budget", "author": "Ann Lee", "published": "2025-09-04",
            "main_content": BODY}}),
    );
    let compare = root.join("compare");
    std::fs::create_dir_all(&compare).expect("compare dir");
    write_json(
        &compare,
        "trafilatura-trafilatura.json",
        serde_json::json!({"0001": BODY}),
    );
    write_json(
        &compare,
        "wcxb-trafilatura.json",
        serde_json::json!({"0001": BODY}),
    );
    write_json(
        &compare,
        "wcxb-trafilatura-meta.json",
        serde_json::json!({"0001": {"title": "Bridge  budget", "byline": "A. Lee",
                                    "published": "2025-09-04T09:00:00"}}),
    );
    (corpus, compare)
}

/// `deboil eval` on the tiny corpus with trafilatura's dumps and the given floors.
fn eval_with_floors(floors: serde_json::Value) -> assert_cmd::assert::Assert {
    let dir = tempfile::tempdir().expect("temporary directory");
    let (corpus, compare) = tiny_corpus(dir.path());
    write_json(
        dir.path(),
        "floors.json",
        serde_json::json!({ "floors": floors }),
    );
    assert_cmd::Command::cargo_bin("deboil")
        .expect("the deboil binary")
        .arg("eval")
        .arg("--corpus")
        .arg(&corpus)
        .arg("--compare")
        .arg(&compare)
        .arg("--floors")
        .arg(dir.path().join("floors.json"))
        .assert()
}

#[test]
fn eval_prints_all_systems_and_passes_floors_that_hold() {
    let assert = eval_with_floors(serde_json::json!({
        "trafilatura.trafilatura-eval.all.f1": 1.0,
        "trafilatura.wcxb-dev.article.f1": 1.0,
        "trafilatura.wcxb-dev.article.title": 1.0,
        "trafilatura.wcxb-dev.article.published": 1.0,
        "text.wcxb-dev.all.f1": 0.0,
    }))
    .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(stdout.contains("mode both"), "{stdout}");
    for system in ["naive", "text", "html", "trafilatura"] {
        assert!(stdout.contains(system), "{system} missing in:\n{stdout}");
    }
    assert!(stdout.contains("all floors hold"), "{stdout}");
}

#[test]
fn eval_fails_and_lists_every_broken_floor() {
    let assert = eval_with_floors(serde_json::json!({
        "trafilatura.wcxb-dev.article.byline": 0.5,
        "trafilatura.wcxb-dev.article.title": 1.0,
        "nosuch.wcxb-dev.all.f1": 0.1,
    }))
    .failure()
    .code(1);
    let output = assert.get_output();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("quality floors broken (2)"), "{stderr}");
    assert!(
        stderr.contains("trafilatura.wcxb-dev.article.byline: 0.0000 is below its floor 0.5000"),
        "{stderr}"
    );
    assert!(
        stderr.contains("nosuch.wcxb-dev.all.f1: not measured"),
        "{stderr}"
    );
    assert!(!stderr.contains("article.title"), "{stderr}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("2 of 3 floors broken"), "{stdout}");
}
