//! The figures of a run: their types, the printed table, the JSON file and the dumps.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::corpus::CorpusName;
use super::metrics::{Prf, SnippetCounts};
use super::pages::PageTexts;
use super::{EvalError, Mode};

/// How many page failures are listed in the report.
const FAILURES_SHOWN: usize = 5;

/// All figures of one `deboil eval` run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The front end under test.
    pub mode: Mode,
    /// The corpus root directory.
    pub corpus: String,
    /// The page limit per corpus, if any.
    pub limit: Option<usize>,
    /// `trafilatura-eval/` figures, unless skipped.
    pub trafilatura: Option<SnippetReport>,
    /// `wcxb-dev/` figures, unless skipped.
    pub wcxb: Option<WordReport>,
}

/// Counts and speed of the extraction over one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct RunStats {
    /// Pages processed.
    pub pages: usize,
    /// Pages that could not be read (no naive text either).
    pub unreadable: usize,
    /// Pages whose cleaning failed (scored as extracting nothing).
    pub clean_failures: usize,
    /// Wall-clock seconds for reading, naive extraction and cleaning.
    pub seconds: f64,
    /// Pages per second.
    pub pages_per_second: f64,
    /// The first few failures: page id and message.
    pub failures: Vec<(String, String)>,
}

impl RunStats {
    /// Tally the outcome of extracting `pages` into `texts` in `elapsed` time.
    pub fn new<T>(pages: &[(String, T)], texts: &[PageTexts], elapsed: Duration) -> Self {
        let seconds = elapsed.as_secs_f64();
        let failures = pages
            .iter()
            .zip(texts)
            .filter_map(|((id, _), t)| Some((id.clone(), t.error.clone()?)))
            .take(FAILURES_SHOWN)
            .collect();
        RunStats {
            pages: texts.len(),
            unreadable: texts.iter().filter(|t| t.naive.is_none()).count(),
            clean_failures: texts.iter().filter(|t| t.cleaned.is_none()).count(),
            seconds,
            pages_per_second: if seconds > 0.0 {
                texts.len() as f64 / seconds
            } else {
                0.0
            },
            failures,
        }
    }
}

/// Snippet-metric figures of `trafilatura-eval/`.
#[derive(Debug, Clone, Serialize)]
pub struct SnippetReport {
    /// Extraction counts and speed.
    pub run: RunStats,
    /// The naive visible text (baseline).
    pub naive: SnippetFigures,
    /// The cleaned text.
    pub cleaned: SnippetFigures,
}

/// Micro-averaged snippet precision, recall and F1 with the underlying counts.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct SnippetFigures {
    /// Precision, recall, F1.
    #[serde(flatten)]
    pub prf: Prf,
    /// The summed segment counts.
    #[serde(flatten)]
    pub counts: SnippetCounts,
}

impl From<SnippetCounts> for SnippetFigures {
    fn from(counts: SnippetCounts) -> Self {
        SnippetFigures {
            prf: counts.prf(),
            counts,
        }
    }
}

/// Word-metric figures of `wcxb-dev/`.
#[derive(Debug, Clone, Serialize)]
pub struct WordReport {
    /// Extraction counts and speed.
    pub run: RunStats,
    /// The naive visible text (baseline).
    pub naive: WordFigures,
    /// The cleaned text.
    pub cleaned: WordFigures,
    /// The pages with the lowest cleaned F1 (as many as `--worst` asked for).
    pub worst: Vec<PageScore>,
}

/// Mean word-metric figures, overall and per page type.
#[derive(Debug, Clone, Serialize)]
pub struct WordFigures {
    /// All pages.
    pub all: TypeScore,
    /// Per page type, by name.
    pub by_type: BTreeMap<String, TypeScore>,
}

/// Mean figures over a group of pages.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct TypeScore {
    /// Pages in the group.
    pub n: usize,
    /// Mean precision, recall, F1.
    #[serde(flatten)]
    pub prf: Prf,
}

/// The word metric of one page.
#[derive(Debug, Clone, Serialize)]
pub struct PageScore {
    /// Page id.
    pub id: String,
    /// Page type.
    pub page_type: String,
    /// Figures of the naive text.
    pub naive: Prf,
    /// Figures of the cleaned text.
    pub cleaned: Prf,
}

/// The report as the aligned text table `deboil eval` prints.
pub fn render(report: &Report) -> String {
    let mut out = format!(
        "deboil eval: mode {}, corpus {}{}\n",
        report.mode.name(),
        report.corpus,
        report
            .limit
            .map(|n| format!(", first {n} pages"))
            .unwrap_or_default()
    );
    if let Some(snippets) = &report.trafilatura {
        render_snippets(&mut out, snippets);
    }
    if let Some(words) = &report.wcxb {
        render_words(&mut out, words);
        render_worst(&mut out, &words.worst);
    }
    out
}

/// The `trafilatura-eval/` table.
fn render_snippets(out: &mut String, report: &SnippetReport) {
    let _ = writeln!(
        out,
        "\ntrafilatura-eval: snippet metric (micro over segments)"
    );
    render_run(out, &report.run);
    let _ = writeln!(
        out,
        "  {:<8} {:>9} {:>7} {:>7} {:>6} {:>6} {:>6}",
        "text", "precision", "recall", "f1", "tp", "fp", "fn"
    );
    for (label, figures) in [("naive", &report.naive), ("cleaned", &report.cleaned)] {
        let (prf, c) = (figures.prf, figures.counts);
        let _ = writeln!(
            out,
            "  {label:<8} {:>9.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}",
            prf.precision, prf.recall, prf.f1, c.tp, c.fp, c.fn_
        );
    }
}

/// The `wcxb-dev/` table: naive and cleaned side by side, overall and per type.
fn render_words(out: &mut String, report: &WordReport) {
    let _ = writeln!(out, "\nwcxb-dev: word metric (mean over pages)");
    render_run(out, &report.run);
    let _ = writeln!(out, "  {:<14} {:>5}   {:^25}   cleaned", "", "", "naive");
    let _ = writeln!(
        out,
        "  {:<14} {:>5}   {:>9} {:>7} {:>7}   {:>9} {:>7} {:>7}",
        "page type", "n", "precision", "recall", "f1", "precision", "recall", "f1"
    );
    let rows = std::iter::once(("all", &report.naive.all, &report.cleaned.all)).chain(
        report.naive.by_type.iter().filter_map(|(name, naive)| {
            Some((name.as_str(), naive, report.cleaned.by_type.get(name)?))
        }),
    );
    for (name, naive, cleaned) in rows {
        let _ = writeln!(
            out,
            "  {name:<14} {:>5}   {:>9.4} {:>7.4} {:>7.4}   {:>9.4} {:>7.4} {:>7.4}",
            naive.n,
            naive.prf.precision,
            naive.prf.recall,
            naive.prf.f1,
            cleaned.prf.precision,
            cleaned.prf.recall,
            cleaned.prf.f1
        );
    }
}

/// The per-page diagnostics of `--worst`.
fn render_worst(out: &mut String, worst: &[PageScore]) {
    if worst.is_empty() {
        return;
    }
    let _ = writeln!(out, "\nwcxb-dev: {} lowest cleaned F1", worst.len());
    let _ = writeln!(
        out,
        "  {:<6} {:<14} {:>9} {:>7} {:>7}   {:>8}",
        "id", "page type", "precision", "recall", "f1", "naive f1"
    );
    for page in worst {
        let c = page.cleaned;
        let _ = writeln!(
            out,
            "  {:<6} {:<14} {:>9.4} {:>7.4} {:>7.4}   {:>8.4}",
            page.id, page.page_type, c.precision, c.recall, c.f1, page.naive.f1
        );
    }
}

/// Page counts, failures and speed of one corpus.
fn render_run(out: &mut String, run: &RunStats) {
    let _ = writeln!(
        out,
        "  {} pages, {} unreadable, {} not cleaned, {:.1} s, {:.1} pages/s",
        run.pages, run.unreadable, run.clean_failures, run.seconds, run.pages_per_second
    );
    for (id, message) in &run.failures {
        let _ = writeln!(out, "  failed {id}: {message}");
    }
}

/// Write the report as pretty JSON.
pub fn write_json(path: &Path, report: &Report) -> Result<(), EvalError> {
    write_pretty(path, report)
}

/// Write `DIR/<corpus>-naive.json` and `DIR/<corpus>-cleaned.json`: page id -> text,
/// `null` for a page that failed (the reference scorers' predictions format).
pub fn write_dumps<T>(
    dir: &Path,
    name: CorpusName,
    pages: &[(String, T)],
    texts: &[PageTexts],
) -> Result<(), EvalError> {
    std::fs::create_dir_all(dir).map_err(|source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let map = |pick: fn(&PageTexts) -> Option<&str>| -> BTreeMap<&str, Option<&str>> {
        pages
            .iter()
            .zip(texts)
            .map(|((id, _), t)| (id.as_str(), pick(t)))
            .collect()
    };
    let naive = map(|t| t.naive.as_deref());
    let cleaned = map(|t| t.cleaned.as_deref());
    write_pretty(&dir.join(format!("{}-naive.json", name.name())), &naive)?;
    write_pretty(&dir.join(format!("{}-cleaned.json", name.name())), &cleaned)
}

/// Serialise `value` as pretty JSON into `path`.
fn write_pretty<T: Serialize>(path: &Path, value: &T) -> Result<(), EvalError> {
    let json = serde_json::to_vec_pretty(value).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    std::fs::write(path, json).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}
