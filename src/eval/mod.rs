//! `deboil eval`: scores deboil on the annotated corpora.
//!
//! For every page of `trafilatura-eval/` and `wcxb-dev/` (see `shared/corpus/README.md`)
//! the page is gunzipped and decoded once, reduced to the text a naive scraper gives
//! ([`crate::html::visible_text`]), and cleaned by each front end of [`Mode`] (by default
//! both: the text front end on the naive text, the HTML front end on the page). Every
//! system (the naive baseline, each front end, and with `--compare` trafilatura's dumped
//! output) is scored with the corpus metric ([`metrics`]) and printed side by side; on
//! wcxb-dev articles the records' title, byline and date are scored too ([`metadata`]).
//! `--floors` checks the named figures ([`Report::figures`]) against a floors file
//! (`floors`). The metrics agree with the reference scorers in `shared/tools/`;
//! `scripts/crosscheck_eval.sh` checks that on whole corpora.

mod corpus;
mod floors;
mod kind_report;
mod kinds;
mod markdown;
pub mod metadata;
pub mod metrics;
mod pages;
mod recall_cost;
mod report;
mod score;
mod systems;

use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

pub use corpus::{read_page, Corpus, CorpusName, SnippetPage, WcxbPage};
pub use floors::{check_floors, load_floors, render_floors, verdict, FloorCheck};
pub use kind_report::{KindFigures, KindsReport, VISIBLE};
pub use kinds::{one_line, run_extractor, tools_python, ExtractorTexts, InputKind};
pub use markdown::{markdown, WRAP_COLUMNS};
pub use metadata::{date_key, field_hit, MetaField, MetaFigures, MetaValues, Tally};
pub use metrics::{
    is_python_space, mean_prf, multiset_overlap, normalize_space, word_prf, word_tokens, Prf,
    SnippetCounts,
};
pub use pages::{extract_all, Extraction, KindInputs, KindTexts, PageTexts};
pub use recall_cost::{RecallCost, UNATTRIBUTED};
pub use report::{
    render, PageScore, Report, RunStats, SnippetFigures, SnippetReport, TypeScore, WordFigures,
    WordReport,
};
pub use score::{score_metadata, score_snippets, score_words, word_figures, worst_pages};
pub use systems::{deboil_systems, Dumps, System, COMPARED, NAIVE};

use crate::{Article, Options};

/// Arguments of `deboil eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Directory holding `trafilatura-eval/` and `wcxb-dev/`.
    #[arg(long, value_name = "DIR", default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    /// Score only this corpus.
    #[arg(long, value_enum, value_name = "CORPUS")]
    pub only: Option<CorpusName>,
    /// Score only the first N pages (by id) of each corpus, for quick runs.
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Write `DIR/<corpus>-<system>.json` (page id -> text; systems `naive` and each front
    /// end), the predictions format of the reference scorers, and
    /// `DIR/<corpus>-<front end>-meta.json` (page id -> title, byline, published).
    #[arg(long, value_name = "DIR")]
    pub dump: Option<PathBuf>,
    /// Write all figures as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Front ends under test: both side by side, or one of them.
    #[arg(long, value_enum, default_value_t = Mode::Both)]
    pub mode: Mode,
    /// Also score the dumps of scripts/trafilatura_eval.py in DIR
    /// (`<corpus>-trafilatura.json`, `wcxb-trafilatura-meta.json`), side by side.
    #[arg(long, value_name = "DIR")]
    pub compare: Option<PathBuf>,
    /// Check the figures against the floors in FILE (e.g. quality-floors.json); exit
    /// with status 1, listing every figure below its floor, when any is.
    #[arg(long, value_name = "FILE")]
    pub floors: Option<PathBuf>,
    /// Print, per front end, the N wcxb pages with its lowest F1.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub worst: usize,
    /// Also feed the text front end these input kinds made from each page (comma
    /// separated), and print each kind's raw and cleaned F1 next to the visible text's.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND,...")]
    pub kinds: Vec<InputKind>,
    /// The virtual environment of scripts/install-eval-tools.sh, whose Python runs the
    /// extractor of `--kinds extractor` (skipped, with a note, when it is not there).
    #[arg(long, value_name = "DIR", default_value = "target/eval-tools")]
    pub tools: PathBuf,
}

/// Which front ends are scored (the value of `--mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Both front ends in one run, side by side.
    #[default]
    Both,
    /// The page's naive visible text, cleaned by the text front end (`clean_text`).
    Text,
    /// The page cleaned by the HTML front end (`clean_html`).
    Html,
}

impl Mode {
    /// The front ends this mode scores, in column order.
    pub fn front_ends(self) -> &'static [FrontEnd] {
        match self {
            Mode::Both => &[FrontEnd::Text, FrontEnd::Html],
            Mode::Text => &[FrontEnd::Text],
            Mode::Html => &[FrontEnd::Html],
        }
    }

    /// The mode's name, as given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Both => "both",
            Mode::Text => "text",
            Mode::Html => "html",
        }
    }
}

/// A deboil front end under test: how a page becomes a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    /// The page's naive visible text, cleaned by `clean_text`.
    Text,
    /// The page cleaned by `clean_html`.
    Html,
}

impl FrontEnd {
    /// The record of a page, given the page and its naive visible text.
    pub fn clean(self, page: &str, naive: &str) -> Article {
        let options = Options::default();
        match self {
            FrontEnd::Text => crate::clean_text(naive, &options),
            FrontEnd::Html => crate::clean_html(page, &options),
        }
    }

    /// The record's article text and metadata. The article text is what `--format
    /// text` prints as the article under the headline: the standfirst (a lead the page
    /// prints set apart; a description found only in the page's metadata is the
    /// record's `description`, not article text), then the body. The headline is
    /// scored as metadata.
    pub fn extract(self, page: &str, naive: &str) -> Extraction {
        let article = self.clean(page, naive);
        let text = printed_article_text(article.standfirst.as_deref(), &article.text);
        let removed = article
            .removed
            .into_iter()
            .map(|r| (r.reason, r.text))
            .collect();
        Extraction {
            removed,
            meta: MetaValues {
                title: article.title,
                byline: article.byline,
                published: article.published,
            },
            text,
        }
    }

    /// The front end's name (`text`, `html`), also its system name in reports.
    pub fn name(self) -> &'static str {
        match self {
            FrontEnd::Text => "text",
            FrontEnd::Html => "html",
        }
    }
}

/// Why the evaluation could not run, or failed its floors (a single page failing is not
/// an error: it scores as a page that extracted nothing).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read or written.
    #[error("{path}: {cause}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error (not a `source`, so that `{:#}` does not repeat it).
        cause: std::io::Error,
    },
    /// A JSON file could not be parsed or written.
    #[error("{path}: {cause}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error (not a `source`, so that `{:#}` does not repeat it).
        cause: serde_json::Error,
    },
    /// A floors file holds a value that cannot be a floor.
    #[error("{path}: {message}")]
    BadFloor {
        /// The floors file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// Figures are below their floors (or were not measured).
    #[error("quality floors broken ({}):\n  {}", broken.len(), broken.join("\n  "))]
    FloorsBroken {
        /// One line per broken floor.
        broken: Vec<String>,
    },
}

/// Run the evaluation, print the figures, write the dumps and JSON asked for, and check
/// the floors when given (the floors file is read first, so a bad one fails fast).
pub fn run(args: &EvalArgs) -> Result<(), EvalError> {
    let floors = args.floors.as_deref().map(load_floors).transpose()?;
    let report = evaluate(args)?;
    print!("{}", render(&report));
    if let Some(path) = &args.json {
        report::write_json(path, &report)?;
    }
    match floors {
        Some(floors) => {
            let checks = check_floors(&floors, &report.figures());
            print!("{}", render_floors(&checks));
            verdict(&checks)
        }
        None => Ok(()),
    }
}

/// Score the selected corpora (writing dumps when asked) and gather the figures.
pub fn evaluate(args: &EvalArgs) -> Result<Report, EvalError> {
    let wanted = |name| args.only.is_none_or(|only| only == name);
    let mut kinds = KindsReport::default();
    let trafilatura = if wanted(CorpusName::Trafilatura) {
        Some(evaluate_trafilatura(args, &mut kinds)?)
    } else {
        None
    };
    let wcxb = if wanted(CorpusName::Wcxb) {
        Some(evaluate_wcxb(args, &mut kinds)?)
    } else {
        None
    };
    let front_ends = args.mode.front_ends().iter().map(|f| f.name());
    let compared = args.compare.as_ref().map(|_| COMPARED);
    Ok(Report {
        mode: args.mode,
        corpus: args.corpus.display().to_string(),
        limit: args.limit,
        systems: std::iter::once(NAIVE)
            .chain(front_ends)
            .chain(compared)
            .map(str::to_owned)
            .collect(),
        trafilatura,
        wcxb,
        kinds,
    })
}

/// Extract every page of a corpus with the front ends of `--mode`.
fn extract_corpus<T>(
    args: &EvalArgs,
    corpus: &Corpus<T>,
    file: fn(&T) -> &str,
    kinds: &mut CorpusKinds,
) -> (Vec<PageTexts>, RunStats) {
    let paths: Vec<PathBuf> = corpus
        .pages
        .iter()
        .map(|(_, page)| corpus.dir.join(file(page)))
        .collect();
    let extracted = extractor_output(args, &paths, kinds);
    let start = Instant::now();
    let inputs = KindInputs {
        kinds: &kinds.kinds,
        extracted: extracted.as_ref(),
    };
    let texts = extract_all(&paths, args.mode.front_ends(), inputs);
    let stats = RunStats::new(&corpus.pages, &texts, start.elapsed());
    (texts, stats)
}

/// The input kinds made for one corpus, and notes on the kinds left out.
#[derive(Debug, Default)]
struct CorpusKinds {
    /// The kinds made, in report order (`--kinds` less those that could not be made).
    kinds: Vec<InputKind>,
    /// Why a kind was left out.
    notes: Vec<String>,
}

impl CorpusKinds {
    /// The kinds of `--kinds`, in the text front end only (`--mode html` has none).
    fn of(args: &EvalArgs) -> Self {
        let kinds = if args.mode.front_ends().contains(&FrontEnd::Text) {
            args.kinds.clone()
        } else {
            Vec::new()
        };
        CorpusKinds {
            kinds,
            notes: Vec::new(),
        }
    }

    /// The names of the kinds made.
    fn names(&self) -> Vec<&'static str> {
        self.kinds.iter().map(|k| k.name()).collect()
    }
}

/// The extractor's output for `paths` when the extractor kind is asked for; when it
/// cannot run, the kind is dropped with a note saying why.
fn extractor_output(
    args: &EvalArgs,
    paths: &[PathBuf],
    kinds: &mut CorpusKinds,
) -> Option<ExtractorTexts> {
    if !kinds.kinds.contains(&InputKind::Extractor) {
        return None;
    }
    match run_extractor(&args.tools, paths) {
        Ok(texts) => Some(texts),
        Err(why) => {
            kinds.kinds.retain(|k| *k != InputKind::Extractor);
            kinds.notes.push(format!("extractor kind skipped: {why}"));
            None
        }
    }
}

/// The index of the text front end among the front ends of `--mode`.
fn text_index(args: &EvalArgs) -> Option<usize> {
    args.mode
        .front_ends()
        .iter()
        .position(|f| *f == FrontEnd::Text)
}

/// Add notes not yet in the report.
fn add_notes(report: &mut KindsReport, notes: Vec<String>) {
    for note in notes {
        if !report.notes.contains(&note) {
            report.notes.push(note);
        }
    }
}

/// deboil's systems for a corpus, dumped when asked, plus the compared dumps if any.
fn all_systems<'a, T>(
    args: &EvalArgs,
    name: CorpusName,
    corpus: &Corpus<T>,
    texts: &'a [PageTexts],
    dumps: Option<&'a Dumps>,
) -> Result<Vec<System<'a>>, EvalError> {
    let mut systems = deboil_systems(texts, args.mode.front_ends());
    if let Some(dir) = &args.dump {
        report::write_dumps(dir, name, &corpus.pages, &systems)?;
    }
    systems.extend(dumps.map(|d| d.system(&corpus.pages)));
    Ok(systems)
}

/// The `--compare` dumps of a corpus, when asked for.
fn compared(args: &EvalArgs, name: CorpusName) -> Result<Option<Dumps>, EvalError> {
    let with_meta = name == CorpusName::Wcxb;
    args.compare
        .as_deref()
        .map(|dir| Dumps::load(dir, name, with_meta))
        .transpose()
}

/// Load, extract and score `trafilatura-eval/`.
fn evaluate_trafilatura(
    args: &EvalArgs,
    report: &mut KindsReport,
) -> Result<SnippetReport, EvalError> {
    let name = CorpusName::Trafilatura;
    let corpus: Corpus<SnippetPage> = Corpus::load(&args.corpus, name, args.limit)?;
    let dumps = compared(args, name)?;
    let mut kinds = CorpusKinds::of(args);
    let (texts, run) = extract_corpus(args, &corpus, |p| &p.file, &mut kinds);
    if !args.kinds.is_empty() {
        let names = kinds.names();
        report.trafilatura =
            kind_report::snippet_kinds(&corpus.pages, &texts, &names, text_index(args));
    }
    add_notes(report, kinds.notes);
    let systems = all_systems(args, name, &corpus, &texts, dumps.as_ref())?;
    let figures = systems
        .iter()
        .map(|s| {
            let counts = score_snippets(&corpus.pages, &s.texts);
            (s.name.to_owned(), SnippetFigures::from(counts))
        })
        .collect();
    let recall_cost = recall_costs(
        args,
        &texts,
        corpus.pages.iter().map(|(_, p)| p.with.join("\n")),
    );
    Ok(SnippetReport {
        run,
        systems: figures,
        recall_cost,
    })
}

/// Load, extract and score `wcxb-dev/`: word metric, metadata, worst pages.
fn evaluate_wcxb(args: &EvalArgs, report: &mut KindsReport) -> Result<WordReport, EvalError> {
    let name = CorpusName::Wcxb;
    let corpus: Corpus<WcxbPage> = Corpus::load(&args.corpus, name, args.limit)?;
    let dumps = compared(args, name)?;
    let mut kinds = CorpusKinds::of(args);
    let (texts, run) = extract_corpus(args, &corpus, |p| &p.file, &mut kinds);
    if !args.kinds.is_empty() {
        let names = kinds.names();
        report.wcxb = kind_report::word_kinds(&corpus.pages, &texts, &names, text_index(args));
    }
    add_notes(report, kinds.notes);
    let systems = all_systems(args, name, &corpus, &texts, dumps.as_ref())?;
    let pages = &corpus.pages;
    let scores: Vec<Vec<Prf>> = systems
        .iter()
        .map(|s| score_words(pages, &s.texts))
        .collect();
    let mut words = WordReport {
        run,
        systems: Default::default(),
        metadata: Default::default(),
        worst: Default::default(),
        recall_cost: recall_costs(
            args,
            &texts,
            pages.iter().map(|(_, p)| p.main_content.clone()),
        ),
    };
    for (system, prfs) in systems.iter().zip(&scores) {
        let key = system.name.to_owned();
        words.systems.insert(key.clone(), word_figures(pages, prfs));
        if let Some(meta) = &system.meta {
            words
                .metadata
                .insert(key.clone(), score_metadata(pages, meta));
        }
        if system.ours && system.name != NAIVE && args.worst > 0 {
            let worst = worst_pages(pages, &scores[0], prfs, args.worst);
            words.worst.insert(key, worst);
        }
    }
    Ok(words)
}

/// The recall cost of each front end of `--mode` (by name), given each page's reference
/// text in page order.
fn recall_costs(
    args: &EvalArgs,
    texts: &[PageTexts],
    references: impl Iterator<Item = String>,
) -> std::collections::BTreeMap<String, RecallCost> {
    let front_ends = args.mode.front_ends();
    let mut costs = vec![RecallCost::default(); front_ends.len()];
    for (page, reference) in texts.iter().zip(references) {
        for (i, cost) in costs.iter_mut().enumerate() {
            let extraction = page.cleaned.get(i).and_then(Option::as_ref);
            let kept = extraction.map(|e| (e.text.as_str(), e.removed.as_slice()));
            cost.add_page(&reference, kept);
        }
    }
    front_ends
        .iter()
        .map(|f| f.name().to_owned())
        .zip(costs)
        .collect()
}

/// The standfirst and the body, separated by a blank line, as `--format text` prints
/// them under the headline.
fn printed_article_text(standfirst: Option<&str>, body: &str) -> String {
    match standfirst {
        Some(standfirst) if body.is_empty() => standfirst.to_owned(),
        Some(standfirst) => format!("{standfirst}\n\n{body}"),
        None => body.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::printed_article_text;

    #[test]
    fn the_standfirst_comes_before_the_body() {
        let text = printed_article_text(Some("The lead, set apart."), "The body.");
        assert_eq!(text, "The lead, set apart.\n\nThe body.");
        assert_eq!(printed_article_text(Some("The lead."), ""), "The lead.");
        assert_eq!(printed_article_text(None, "The body."), "The body.");
    }

    #[test]
    fn a_page_description_is_not_article_text() {
        let page = r#"<html><head><meta name="description" content="A summary for search engines only."></head>
            <body><h1>A headline for the test page</h1><article><p>The council met on Tuesday evening to discuss the new budget for the coming year, which includes higher spending on roads and schools. Residents asked about bus routes and the library hours, and officers promised answers within a month of the meeting.</p></article></body></html>"#;
        let extraction = super::FrontEnd::Html.extract(page, "");
        assert!(
            !extraction.text.contains("search engines"),
            "{}",
            extraction.text
        );
        assert!(extraction.text.starts_with("The council met"));
    }
}
