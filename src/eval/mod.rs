//! `deboil eval`: scores deboil on the annotated corpora.
//!
//! For every page of `trafilatura-eval/` and `wcxb-dev/` (see `shared/corpus/README.md`)
//! the page is gunzipped and decoded, reduced to the text a naive scraper gives
//! ([`crate::html::visible_text`]), and cleaned by the front end chosen with [`Mode`].
//! Both texts are scored with the corpus metric ([`metrics`]), so the baseline sits next
//! to the cleaned figures. The metrics agree with the reference scorers in
//! `shared/tools/`; `scripts/crosscheck_eval.sh` checks that on whole corpora.

mod corpus;
pub mod metrics;
mod pages;
mod report;
mod score;

use std::path::PathBuf;
use std::time::Instant;

use serde::Serialize;

pub use corpus::{read_page, Corpus, CorpusName, SnippetPage, WcxbPage};
pub use metrics::{
    is_python_space, mean_prf, multiset_overlap, normalize_space, word_prf, word_tokens, Prf,
    SnippetCounts,
};
pub use pages::{extract_all, PageTexts};
pub use report::{
    render, PageScore, Report, RunStats, SnippetFigures, SnippetReport, TypeScore, WordFigures,
    WordReport,
};
pub use score::{score_snippets, score_words, word_figures, worst_pages};

use crate::Options;

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
    /// Write `DIR/<corpus>-cleaned.json` and `DIR/<corpus>-naive.json` (page id -> text),
    /// the predictions format of the reference scorers.
    #[arg(long, value_name = "DIR")]
    pub dump: Option<PathBuf>,
    /// Write all figures as JSON to FILE.
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,
    /// Front end that turns a page into clean text.
    #[arg(long, value_enum, default_value_t = Mode::Text)]
    pub mode: Mode,
    /// Print the N wcxb pages with the lowest cleaned F1.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub worst: usize,
}

/// How a page becomes clean text (the front end under test).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// The page's naive visible text, cleaned by the text front end (`clean_text`).
    #[default]
    Text,
    /// The page cleaned by the HTML front end (`clean_html`).
    Html,
}

impl Mode {
    /// The clean body text of a page, given the page and its naive visible text.
    pub fn clean(self, page: &str, naive: &str) -> String {
        let options = Options::default();
        match self {
            Mode::Text => crate::clean_text(naive, &options).text,
            Mode::Html => crate::clean_html(page, &options).text,
        }
    }

    /// The mode's name, as given on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Text => "text",
            Mode::Html => "html",
        }
    }
}

/// Why the evaluation could not run (a single page failing is not an error: it scores
/// as a page that extracted nothing).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A JSON file could not be parsed or written.
    #[error("{path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
}

/// Run the evaluation, print the figures, and write the dumps and JSON asked for.
pub fn run(args: &EvalArgs) -> Result<(), EvalError> {
    let report = evaluate(args)?;
    print!("{}", render(&report));
    if let Some(path) = &args.json {
        report::write_json(path, &report)?;
    }
    Ok(())
}

/// Score the selected corpora (writing dumps when asked) and gather the figures.
pub fn evaluate(args: &EvalArgs) -> Result<Report, EvalError> {
    let wanted = |name| args.only.is_none_or(|only| only == name);
    let trafilatura = if wanted(CorpusName::Trafilatura) {
        Some(evaluate_trafilatura(args)?)
    } else {
        None
    };
    let wcxb = if wanted(CorpusName::Wcxb) {
        Some(evaluate_wcxb(args)?)
    } else {
        None
    };
    Ok(Report {
        mode: args.mode,
        corpus: args.corpus.display().to_string(),
        limit: args.limit,
        trafilatura,
        wcxb,
    })
}

/// Extract every page of a corpus, dumping the texts when asked.
fn extract_corpus<T>(
    args: &EvalArgs,
    name: CorpusName,
    corpus: &Corpus<T>,
    file: fn(&T) -> &str,
) -> Result<(Vec<PageTexts>, RunStats), EvalError> {
    let paths: Vec<PathBuf> = corpus
        .pages
        .iter()
        .map(|(_, page)| corpus.dir.join(file(page)))
        .collect();
    let start = Instant::now();
    let texts = extract_all(&paths, args.mode);
    let stats = RunStats::new(&corpus.pages, &texts, start.elapsed());
    if let Some(dir) = &args.dump {
        report::write_dumps(dir, name, &corpus.pages, &texts)?;
    }
    Ok((texts, stats))
}

/// Load, extract and score `trafilatura-eval/`.
fn evaluate_trafilatura(args: &EvalArgs) -> Result<SnippetReport, EvalError> {
    let name = CorpusName::Trafilatura;
    let corpus: Corpus<SnippetPage> = Corpus::load(&args.corpus, name, args.limit)?;
    let (texts, run) = extract_corpus(args, name, &corpus, |p| &p.file)?;
    let (naive, cleaned) = score_snippets(&corpus.pages, &texts);
    Ok(SnippetReport {
        run,
        naive: SnippetFigures::from(naive),
        cleaned: SnippetFigures::from(cleaned),
    })
}

/// Load, extract and score `wcxb-dev/`.
fn evaluate_wcxb(args: &EvalArgs) -> Result<WordReport, EvalError> {
    let name = CorpusName::Wcxb;
    let corpus: Corpus<WcxbPage> = Corpus::load(&args.corpus, name, args.limit)?;
    let (texts, run) = extract_corpus(args, name, &corpus, |p| &p.file)?;
    let scores = score_words(&corpus.pages, &texts);
    Ok(WordReport {
        run,
        naive: word_figures(&scores, |s| s.naive),
        cleaned: word_figures(&scores, |s| s.cleaned),
        worst: worst_pages(&scores, args.worst),
    })
}
