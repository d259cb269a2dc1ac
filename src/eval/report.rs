//! The figures of a run: their types, the named figures the floors refer to, the
//! printed tables, the JSON file and the dumps.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;

use super::corpus::CorpusName;
use super::kind_report::KindsReport;
use super::metadata::{MetaField, MetaFigures};
use super::metrics::{Prf, SnippetCounts};
use super::pages::PageTexts;
use super::recall_cost::RecallCost;
use super::systems::System;
use super::{EvalError, Mode};

/// How many page failures are listed in the report.
const FAILURES_SHOWN: usize = 5;

/// All figures of one `deboil eval` run.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The front ends under test.
    pub mode: Mode,
    /// The corpus root directory.
    pub corpus: String,
    /// The page limit per corpus, if any.
    pub limit: Option<usize>,
    /// The systems scored, in column order (`naive`, the front ends, `trafilatura`).
    pub systems: Vec<String>,
    /// `trafilatura-eval/` figures, unless skipped.
    pub trafilatura: Option<SnippetReport>,
    /// `wcxb-dev/` figures, unless skipped.
    pub wcxb: Option<WordReport>,
    /// The text front end per input kind (`--kinds`; empty without it).
    pub kinds: KindsReport,
}

/// Counts and speed of the extraction over one corpus.
#[derive(Debug, Clone, Serialize)]
pub struct RunStats {
    /// Pages processed.
    pub pages: usize,
    /// Pages that could not be read (no naive text either).
    pub unreadable: usize,
    /// Pages that some front end failed to clean (scored as extracting nothing).
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
            clean_failures: texts
                .iter()
                .filter(|t| t.cleaned.iter().any(Option::is_none))
                .count(),
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
    /// Figures per system, by name.
    pub systems: BTreeMap<String, SnippetFigures>,
    /// Per deboil front end, the `with` segment words it missed, by removal reason.
    pub recall_cost: BTreeMap<String, RecallCost>,
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

/// Word-metric and metadata figures of `wcxb-dev/`.
#[derive(Debug, Clone, Serialize)]
pub struct WordReport {
    /// Extraction counts and speed.
    pub run: RunStats,
    /// Word-metric figures per system, by name.
    pub systems: BTreeMap<String, WordFigures>,
    /// Metadata accuracy on article pages per system that gives metadata, by name.
    pub metadata: BTreeMap<String, MetaFigures>,
    /// Per deboil front end, the pages with its lowest F1 (as many as `--worst` asked).
    pub worst: BTreeMap<String, Vec<PageScore>>,
    /// Per deboil front end, the reference words it missed, by removal reason.
    pub recall_cost: BTreeMap<String, RecallCost>,
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

/// The word metric of one page for one front end, with the naive baseline's.
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

impl Report {
    /// Every figure of the run by id, `<system>.<corpus>.<group>.<figure>`: for example
    /// `text.trafilatura-eval.all.f1`, `html.wcxb-dev.article.recall`,
    /// `html.wcxb-dev.article.title` (metadata accuracy). Floors refer to these ids.
    pub fn figures(&self) -> BTreeMap<String, f64> {
        let mut figures = BTreeMap::new();
        if let Some(snippets) = &self.trafilatura {
            for (system, f) in &snippets.systems {
                insert_prf(&mut figures, system, "trafilatura-eval.all", f.prf);
            }
            for (system, cost) in &snippets.recall_cost {
                cost.insert_figures(&mut figures, &format!("{system}.trafilatura-eval"));
            }
        }
        if let Some(words) = &self.wcxb {
            insert_words(&mut figures, words);
        }
        self.kinds.insert_figures(&mut figures);
        figures
    }
}

/// The `wcxb-dev` figures: word metric overall and per type, metadata accuracy.
fn insert_words(figures: &mut BTreeMap<String, f64>, words: &WordReport) {
    for (system, f) in &words.systems {
        insert_prf(figures, system, "wcxb-dev.all", f.all.prf);
        for (page_type, score) in &f.by_type {
            insert_prf(figures, system, &format!("wcxb-dev.{page_type}"), score.prf);
        }
    }
    for (system, cost) in &words.recall_cost {
        cost.insert_figures(figures, &format!("{system}.wcxb-dev"));
    }
    for (system, meta) in &words.metadata {
        for field in MetaField::ALL {
            let id = format!("{system}.wcxb-dev.article.{}", field.name());
            figures.insert(id, meta.get(field).accuracy);
        }
    }
}

/// Precision, recall and F1 of one system and group.
fn insert_prf(figures: &mut BTreeMap<String, f64>, system: &str, group: &str, prf: Prf) {
    for (figure, value) in [
        ("precision", prf.precision),
        ("recall", prf.recall),
        ("f1", prf.f1),
    ] {
        figures.insert(format!("{system}.{group}.{figure}"), value);
    }
}

/// The report as the aligned text tables `deboil eval` prints.
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
        render_snippets(&mut out, &report.systems, snippets);
        for (system, cost) in in_order(&report.systems, &snippets.recall_cost) {
            cost.render(
                &mut out,
                &format!("trafilatura-eval {system} (with segments)"),
            );
        }
    }
    if let Some(words) = &report.wcxb {
        render_words(&mut out, &report.systems, words);
        render_metadata(&mut out, &report.systems, &words.metadata);
        for (system, cost) in in_order(&report.systems, &words.recall_cost) {
            cost.render(&mut out, &format!("wcxb-dev {system}"));
        }
        for (system, worst) in in_order(&report.systems, &words.worst) {
            render_worst(&mut out, system, worst);
        }
    }
    report.kinds.render(&mut out);
    out
}

/// The `trafilatura-eval/` table: one row per system.
fn render_snippets(out: &mut String, order: &[String], report: &SnippetReport) {
    let _ = writeln!(
        out,
        "\ntrafilatura-eval: snippet metric (micro over segments)"
    );
    render_run(out, &report.run);
    let _ = writeln!(
        out,
        "  {:<12} {:>9} {:>7} {:>7} {:>6} {:>6} {:>6}",
        "system", "precision", "recall", "f1", "tp", "fp", "fn"
    );
    for (system, figures) in in_order(order, &report.systems) {
        let (prf, c) = (figures.prf, figures.counts);
        let _ = writeln!(
            out,
            "  {system:<12} {:>9.4} {:>7.4} {:>7.4} {:>6} {:>6} {:>6}",
            prf.precision, prf.recall, prf.f1, c.tp, c.fp, c.fn_
        );
    }
}

/// The `wcxb-dev/` table: the systems side by side, overall and per page type.
fn render_words(out: &mut String, order: &[String], report: &WordReport) {
    let _ = writeln!(out, "\nwcxb-dev: word metric (mean over pages)");
    render_run(out, &report.run);
    let systems = in_order(order, &report.systems);
    let mut header = format!("  {:<14} {:>5}", "", "");
    let mut columns = format!("  {:<14} {:>5}", "page type", "n");
    for (system, _) in &systems {
        let _ = write!(header, "   {system:^20}");
        let _ = write!(columns, "   {:>6} {:>6} {:>6}", "prec", "recall", "f1");
    }
    let _ = writeln!(out, "{}\n{}", header.trim_end(), columns);
    let Some((_, first)) = systems.first() else {
        return;
    };
    let groups = std::iter::once("all").chain(first.by_type.keys().map(String::as_str));
    for group in groups {
        let score = |f: &WordFigures| match group {
            "all" => Some(f.all),
            _ => f.by_type.get(group).copied(),
        };
        let n = score(first).map_or(0, |s| s.n);
        let _ = write!(out, "  {group:<14} {n:>5}");
        for (_, figures) in &systems {
            let prf = score(figures).map(|s| s.prf).unwrap_or_default();
            let _ = write!(
                out,
                "   {:>6.4} {:>6.4} {:>6.4}",
                prf.precision, prf.recall, prf.f1
            );
        }
        out.push('\n');
    }
}

/// The metadata table: per field, pages with a reference value, and each system's hits
/// and accuracy.
fn render_metadata(out: &mut String, order: &[String], metadata: &BTreeMap<String, MetaFigures>) {
    let systems = in_order(order, metadata);
    let Some((_, first)) = systems.first() else {
        return;
    };
    let _ = writeln!(
        out,
        "\nwcxb-dev: metadata on article pages with a reference value (hits, accuracy)"
    );
    let mut header = format!("  {:<10} {:>5}", "field", "count");
    for (system, _) in &systems {
        let _ = write!(header, "   {system:>14}");
    }
    let _ = writeln!(out, "{header}");
    for field in MetaField::ALL {
        let tally = first.get(field);
        let _ = write!(out, "  {:<10} {:>5}", field.name(), tally.count);
        for (_, figures) in &systems {
            let t = figures.get(field);
            let _ = write!(out, "   {:>5} {:>8.4}", t.hits, t.accuracy);
        }
        if tally.skipped > 0 {
            let _ = write!(out, "   ({} non-ISO references skipped)", tally.skipped);
        }
        out.push('\n');
    }
}

/// The entries of `map` in the order of `order` (names not in `map` are left out).
fn in_order<'a, T>(order: &'a [String], map: &'a BTreeMap<String, T>) -> Vec<(&'a str, &'a T)> {
    order
        .iter()
        .filter_map(|name| Some((name.as_str(), map.get(name)?)))
        .collect()
}

/// The per-page diagnostics of `--worst` for one front end.
fn render_worst(out: &mut String, system: &str, worst: &[PageScore]) {
    if worst.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "\nwcxb-dev: {} lowest F1 of the {system} front end",
        worst.len()
    );
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

/// Write the report, with every named figure, as pretty JSON.
pub fn write_json(path: &Path, report: &Report) -> Result<(), EvalError> {
    #[derive(Serialize)]
    struct WithFigures<'a> {
        #[serde(flatten)]
        report: &'a Report,
        figures: BTreeMap<String, f64>,
    }
    let figures = report.figures();
    write_pretty(path, &WithFigures { report, figures })
}

/// Write `DIR/<corpus>-<system>.json` (page id -> text, `null` for a page that failed:
/// the reference scorers' predictions format) for deboil's systems, and
/// `DIR/<corpus>-<system>-meta.json` (page id -> title, byline, published) for those
/// with metadata.
pub fn write_dumps<T>(
    dir: &Path,
    name: CorpusName,
    pages: &[(String, T)],
    systems: &[System<'_>],
) -> Result<(), EvalError> {
    std::fs::create_dir_all(dir).map_err(|cause| EvalError::Io {
        path: dir.to_path_buf(),
        cause,
    })?;
    let ids = || pages.iter().map(|(id, _)| id.as_str());
    for system in systems.iter().filter(|s| s.ours) {
        let stem = format!("{}-{}", name.name(), system.name);
        let texts: BTreeMap<&str, Option<&str>> = ids().zip(system.texts.clone()).collect();
        write_pretty(&dir.join(format!("{stem}.json")), &texts)?;
        if let Some(meta) = &system.meta {
            let meta: BTreeMap<&str, _> = ids().zip(meta.clone()).collect();
            write_pretty(&dir.join(format!("{stem}-meta.json")), &meta)?;
        }
    }
    Ok(())
}

/// Serialise `value` as pretty JSON into `path` (see [`crate::output::OutputFile`]).
fn write_pretty<T: Serialize>(path: &Path, value: &T) -> Result<(), EvalError> {
    let json = serde_json::to_vec_pretty(value).map_err(|cause| EvalError::Json {
        path: path.to_path_buf(),
        cause,
    })?;
    let written = crate::output::OutputFile::create(path).and_then(|mut file| {
        std::io::Write::write_all(&mut file, &json)?;
        file.commit()
    });
    written.map_err(|cause| EvalError::Io {
        path: path.to_path_buf(),
        cause,
    })
}
