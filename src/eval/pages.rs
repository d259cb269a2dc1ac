//! Turning pages into texts, in parallel: the naive baseline and what each front end
//! under test makes of the page (article text and metadata).
//!
//! The code under test may still panic (parts of the cleaner are work in progress); a
//! panic on one page is caught and the page scores as a failure, like an unreadable one.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use rayon::prelude::*;

use super::corpus::read_page;
use super::kinds::{ExtractorTexts, InputKind};
use super::metadata::MetaValues;
use super::FrontEnd;
use crate::html::visible_text;

/// What one front end made of a page: the article text and the metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extraction {
    /// The article text scored: the standfirst the page shows, then the body.
    pub text: String,
    /// The record's title, byline and date.
    pub meta: MetaValues,
    /// The record's removed pieces, in page order: reason and text.
    pub removed: Vec<(crate::Reason, String)>,
}

/// What became of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTexts {
    /// The naive visible text; `None` when the page could not be read.
    pub naive: Option<String>,
    /// One entry per front end asked for, in that order; `None` when the page could not
    /// be read or that front end failed on it.
    pub cleaned: Vec<Option<Extraction>>,
    /// One entry per input kind asked for (`--kinds`), in that order; `None` when the
    /// page could not be read or cleaning that input failed.
    pub kinds: Vec<Option<KindTexts>>,
    /// Why the page (or a front end) failed, first failure only.
    pub error: Option<String>,
}

/// One input kind of a page: the raw input and the text front end's article text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KindTexts {
    /// The input as made from the page.
    pub raw: String,
    /// The article text the text front end made of it.
    pub cleaned: String,
}

/// The input kinds to make of each page, with the extractor's output when it ran.
#[derive(Debug, Clone, Copy, Default)]
pub struct KindInputs<'a> {
    /// The kinds, in report order.
    pub kinds: &'a [InputKind],
    /// The extractor's output per page path (for [`InputKind::Extractor`]).
    pub extracted: Option<&'a ExtractorTexts>,
}

/// Read every page once and clean it with each of `front_ends`, in parallel; the result
/// is in the order of `paths`.
///
/// Panic messages are silenced while this runs (they are kept in [`PageTexts::error`]).
pub fn extract_all(
    paths: &[PathBuf],
    front_ends: &[FrontEnd],
    kinds: KindInputs<'_>,
) -> Vec<PageTexts> {
    quietly(|| {
        paths
            .par_iter()
            .map(|path| extract(path, front_ends, kinds))
            .collect()
    })
}

/// Read one page, make its naive text, and clean it with each front end and each
/// input kind.
fn extract(path: &std::path::Path, front_ends: &[FrontEnd], kinds: KindInputs<'_>) -> PageTexts {
    let failed = |error| failed(error, front_ends.len(), kinds.kinds.len());
    let page = match guarded(|| read_page(path)) {
        Ok(Ok(page)) => page,
        Ok(Err(error)) | Err(error) => return failed(error),
    };
    let naive = match guarded(|| visible_text(&page)) {
        Ok(naive) => naive,
        Err(error) => return failed(format!("visible_text: {error}")),
    };
    let mut error = None;
    let cleaned = front_ends
        .iter()
        .map(
            |front_end| match guarded(|| front_end.extract(&page, &naive)) {
                Ok(extraction) => Some(extraction),
                Err(message) => {
                    let name = front_end.name();
                    error.get_or_insert(format!("cleaner ({name} front end): {message}"));
                    None
                }
            },
        )
        .collect();
    let extracted = kinds
        .extracted
        .and_then(|texts| texts.get(path))
        .and_then(Option::as_deref);
    let kinds = kinds
        .kinds
        .iter()
        .map(|kind| guarded(|| kind_texts(*kind, &page, &naive, extracted)).ok())
        .collect();
    PageTexts {
        naive: Some(naive),
        cleaned,
        kinds,
        error,
    }
}

/// The input of one kind made from a page, and what the text front end makes of it.
fn kind_texts(kind: InputKind, page: &str, naive: &str, extracted: Option<&str>) -> KindTexts {
    let raw = kind.input(page, naive, extracted);
    let cleaned = FrontEnd::Text.extract(page, &raw).text;
    KindTexts { raw, cleaned }
}

/// A page that gave no text at all (`front_ends` failed extractions, `kinds` failed
/// input kinds).
fn failed(error: String, front_ends: usize, kinds: usize) -> PageTexts {
    PageTexts {
        naive: None,
        cleaned: vec![None; front_ends],
        kinds: vec![None; kinds],
        error: Some(error),
    }
}

/// Run `f`, turning a panic into its message.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_message(payload.as_ref()))
}

/// The message of a panic payload.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown cause".to_owned());
    format!("panicked: {message}")
}

/// Run `f` with a silent panic hook, then put the previous hook back.
fn quietly<T>(f: impl FnOnce() -> T) -> T {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = f();
    panic::set_hook(previous);
    result
}
