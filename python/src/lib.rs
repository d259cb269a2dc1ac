//! `deboil._deboil`: the Rust half of the Python package `deboil`.
//!
//! It only converts types and releases the GIL: every record is built by the `deboil`
//! crate and serialised by the same serde code as the command line's output, then
//! handed to Python as JSON text (the pure-Python half, `deboil/__init__.py`, parses it
//! with `json.loads`, so the dict has the same keys and values as the printed record).

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Mutex;

use deboil::warc::{clean_warc, CleanedRecords, CHUNK};
use deboil::{Article, CleanError, ErrorInfo, ErrorRecord, Input, InputMode, Options};
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};
use rayon::prelude::*;

/// `id` and `source` of a record cleaned from memory without a name: what the command
/// line writes for standard input.
const STDIN_ID: &str = "stdin";
/// See [`STDIN_ID`].
const STDIN_SOURCE: &str = "-";
/// The content type given to `str` data: already decoded, so no charset the page
/// declares applies; the media type is left out so the front end is still chosen by
/// the `input` setting or the content.
const DECODED: &str = "; charset=utf-8";

/// The cleaning settings as Python passes them: `(input, explain, max_bytes,
/// max_depth, max_blocks)`.
type Settings = (String, bool, usize, usize, usize);

/// The library's options from the Python settings; a bad `input` is a `ValueError`.
fn options(settings: Settings) -> PyResult<Options> {
    let (input, explain, max_bytes, max_depth, max_blocks) = settings;
    let mode = match input.as_str() {
        "auto" => InputMode::Auto,
        "html" => InputMode::Html,
        "text" => InputMode::Text,
        other => {
            return Err(PyValueError::new_err(format!(
                "input must be \"auto\", \"html\" or \"text\", not {other:?}"
            )))
        }
    };
    Ok(Options::default()
        .with_input(mode)
        .with_explain(explain)
        .with_max_bytes(max_bytes)
        .with_max_depth(max_depth)
        .with_max_blocks(max_blocks))
}

/// One document for the cleaner, or why a `clean_many` item is not one.
type Item<'a> = Result<Input<'a>, String>;

/// The document of `data`, with its address and name: `bytes` borrowed (Python bytes
/// are immutable, and the caller holds them while the GIL is released), `str` copied as
/// decoded UTF-8 text; a message for any other type.
fn input_of<'a>(data: &'a Bound<'_, PyAny>, url: Option<String>, name: Option<String>) -> Item<'a> {
    let input = if let Ok(bytes) = data.cast::<PyBytes>() {
        Input::new(bytes.as_bytes())
    } else if let Ok(text) = data.cast::<PyString>() {
        let text = text.to_cow().map_err(|e| e.to_string())?;
        Input::new(text.into_owned().into_bytes()).with_content_type(DECODED)
    } else {
        let kind = data
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default();
        return Err(format!("data must be bytes or str, not {kind}"));
    };
    Ok(with_details(input, url, name))
}

/// `input` with its address and name hint, when given.
fn with_details<'a>(mut input: Input<'a>, url: Option<String>, name: Option<String>) -> Input<'a> {
    if let Some(url) = url {
        input = input.with_url(url);
    }
    if let Some(name) = name {
        input = input.with_name(name);
    }
    input
}

/// The record of one in-memory document: the article, or the error record, with
/// `id` and `source` as the command line writes them (the name, else standard input's).
/// A panic inside the cleaner becomes an error record of kind `internal`, as in the
/// command line's batches.
fn record(input: &Input<'_>, options: &Options) -> Result<Article, ErrorRecord> {
    let cleaned = catch_unwind(AssertUnwindSafe(|| deboil::clean(input, options)))
        .unwrap_or_else(|payload| Err(CleanError::Internal(panic_message(payload.as_ref()))));
    identified(cleaned, input.name())
}

/// The message carried by a panic payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

/// A cleaning result as a record named `name` (standard input's `id` and `source`
/// when there is none).
fn identified(
    cleaned: Result<Article, CleanError>,
    name: Option<&str>,
) -> Result<Article, ErrorRecord> {
    let (id, source) = match name {
        Some(name) => (name.to_string(), name.to_string()),
        None => (STDIN_ID.to_string(), STDIN_SOURCE.to_string()),
    };
    match cleaned {
        Ok(mut article) => {
            article.id = id;
            article.source = source;
            Ok(article)
        }
        Err(error) => Err(ErrorRecord {
            id,
            source,
            error: ErrorInfo::from(&error),
            warc: None,
        }),
    }
}

/// A record as the command line prints it (one JSON object).
fn json(record: &Result<Article, ErrorRecord>) -> String {
    let written = match record {
        Ok(article) => serde_json::to_string(article),
        Err(error) => serde_json::to_string(error),
    };
    // Records are plain data (strings, numbers, lists): serialising them cannot fail.
    written.unwrap_or_else(|e| {
        format!(
            "{{\"error\":{{\"kind\":\"internal\",\"message\":{:?}}}}}",
            e.to_string()
        )
    })
}

/// Clean one document; returns `(cleaned, json)`: the article's JSON when `cleaned`,
/// else the error record's. The GIL is released while cleaning.
#[pyfunction]
#[pyo3(signature = (data, url, name, settings))]
fn clean_one(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    url: Option<String>,
    name: Option<String>,
    settings: Settings,
) -> PyResult<(bool, String)> {
    let options = options(settings)?;
    match input_of(data, url, name) {
        Ok(input) => Ok(py.detach(move || {
            let result = record(&input, &options);
            (result.is_ok(), json(&result))
        })),
        Err(message) => Err(PyTypeError::new_err(message)),
    }
}

/// Clean many documents on a pool of `threads` threads (0: one per CPU), the GIL
/// released; `items` are `(data, url)` pairs. Returns one JSON array of the records,
/// in input order (an item that is not bytes or str gives an error record of kind
/// `type` in its place).
#[pyfunction]
#[pyo3(signature = (items, threads, settings))]
fn clean_list(
    py: Python<'_>,
    items: Vec<(Bound<'_, PyAny>, Option<String>)>,
    threads: usize,
    settings: Settings,
) -> PyResult<String> {
    let options = options(settings)?;
    let inputs: Vec<Item<'_>> = items
        .iter()
        .map(|(data, url)| input_of(data, url.clone(), None))
        .collect();
    Ok(py.detach(move || records_in_order(inputs, &options, threads)))
}

/// The records of `items` cleaned on `threads` threads, in order, as one JSON array.
///
/// Every item is cleaned and serialised on the pool (work-stealing over the whole list,
/// so one slow page does not hold the others up); only the joining is serial. If the
/// pool cannot be started, the items are cleaned on the calling thread.
fn records_in_order(items: Vec<Item<'_>>, options: &Options, threads: usize) -> String {
    let clean = |item: &Item<'_>| match item {
        Ok(input) => json(&record(input, options)),
        Err(message) => json(&bad_item(message.clone())),
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .ok();
    let records: Vec<String> = match pool {
        Some(pool) => pool.install(|| items.par_iter().map(clean).collect()),
        None => items.iter().map(clean).collect(),
    };
    format!("[{}]", records.join(","))
}

/// The error record of a `clean_many` item that is not a document.
fn bad_item(message: String) -> Result<Article, ErrorRecord> {
    Err(ErrorRecord {
        id: STDIN_ID.to_string(),
        source: STDIN_SOURCE.to_string(),
        error: ErrorInfo {
            kind: "type".to_string(),
            message,
        },
        warc: None,
    })
}

/// The records of a WARC file, cleaned on a thread pool in file order, handed to
/// Python a chunk at a time (see `deboil.iter_warc`).
#[pyclass(module = "deboil._deboil")]
struct WarcRecords {
    /// The library's iterator; locked only by the thread taking the next chunk.
    records: Mutex<CleanedRecords>,
}

#[pymethods]
impl WarcRecords {
    /// Open the WARC file at `path` (named in records as written) to clean it on
    /// `threads` threads (0: one per CPU); an `OSError` when it cannot be opened.
    #[new]
    #[pyo3(signature = (path, threads, settings))]
    fn new(py: Python<'_>, path: String, threads: usize, settings: Settings) -> PyResult<Self> {
        let options = options(settings)?;
        let records = py
            .detach(|| clean_warc(&path, &options, threads))
            .map_err(|e| PyOSError::new_err(format!("cannot open {path}: {e}")))?;
        Ok(WarcRecords {
            records: Mutex::new(records),
        })
    }

    /// The next records, up to one chunk, as one JSON array; `[]` at the end of the
    /// file. The GIL is released while they are read and cleaned.
    fn next_chunk(&self, py: Python<'_>) -> String {
        py.detach(|| {
            let Ok(mut records) = self.records.lock() else {
                return "[]".to_string();
            };
            let chunk: Vec<String> = records.by_ref().take(CHUNK).map(|r| json(&r)).collect();
            format!("[{}]", chunk.join(","))
        })
    }

    /// The records without a page seen so far, counted by kind.
    fn skipped(&self) -> BTreeMap<String, u64> {
        self.records
            .lock()
            .map(|r| r.skipped().clone())
            .unwrap_or_default()
    }
}

/// The Rust half of the `deboil` package.
#[pymodule]
fn _deboil(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_function(wrap_pyfunction!(clean_one, module)?)?;
    module.add_function(wrap_pyfunction!(clean_list, module)?)?;
    module.add_class::<WarcRecords>()?;
    module.add("DEFAULT_MAX_BYTES", deboil::DEFAULT_MAX_BYTES)?;
    module.add("DEFAULT_MAX_DEPTH", deboil::DEFAULT_MAX_DEPTH)?;
    module.add("DEFAULT_MAX_BLOCKS", deboil::DEFAULT_MAX_BLOCKS)?;
    module.add("WARC_CHUNK", CHUNK)?;
    module.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
