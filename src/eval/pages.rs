//! Turning pages into texts, in parallel: the naive baseline and the cleaned text.
//!
//! The code under test may still panic (parts of the cleaner are work in progress); a
//! panic on one page is caught and the page scores as a failure, like an unreadable one.

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

use rayon::prelude::*;

use super::corpus::read_page;
use super::Mode;
use crate::html::visible_text;

/// What became of one page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageTexts {
    /// The naive visible text; `None` when the page could not be read.
    pub naive: Option<String>,
    /// The cleaned body text; `None` when the page could not be read or cleaned.
    pub cleaned: Option<String>,
    /// Why the page (or its cleaning) failed.
    pub error: Option<String>,
}

/// Read and extract every page, in parallel; the result is in the order of `paths`.
///
/// Panic messages are silenced while this runs (they are kept in [`PageTexts::error`]).
pub fn extract_all(paths: &[PathBuf], mode: Mode) -> Vec<PageTexts> {
    quietly(|| paths.par_iter().map(|path| extract(path, mode)).collect())
}

/// Read one page and make both texts.
fn extract(path: &std::path::Path, mode: Mode) -> PageTexts {
    let page = match guarded(|| read_page(path)) {
        Ok(Ok(page)) => page,
        Ok(Err(error)) | Err(error) => return failed(error),
    };
    let naive = match guarded(|| visible_text(&page)) {
        Ok(naive) => naive,
        Err(error) => return failed(format!("visible_text: {error}")),
    };
    match guarded(|| mode.clean(&page, &naive)) {
        Ok(cleaned) => PageTexts {
            naive: Some(naive),
            cleaned: Some(cleaned),
            error: None,
        },
        Err(error) => PageTexts {
            naive: Some(naive),
            cleaned: None,
            error: Some(format!("cleaner ({} mode): {error}", mode.name())),
        },
    }
}

/// A page that gave no text at all.
fn failed(error: String) -> PageTexts {
    PageTexts {
        error: Some(error),
        ..PageTexts::default()
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
