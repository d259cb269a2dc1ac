//! Metric and visible-text tests on small hand-made inputs (no corpus needed).

use deboil::eval::{
    mean_prf, multiset_overlap, normalize_space, word_prf, word_tokens, Prf, SnippetCounts,
};
use deboil::html::visible_text;

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
