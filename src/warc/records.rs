//! A whole WARC file cleaned on a thread pool, its records handed back in file order:
//! the records `deboil clean FILE.warc.gz` prints, for callers of the library (the
//! Python package's `iter_warc`).

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::Mutex;

use super::{WarcInfo, WarcItem, WarcReader};
use crate::ordered::ordered_map;
use crate::record::{ErrorInfo, ErrorRecord};
use crate::{Article, Options};

/// Records read ahead of the cleaner, and cleaned records waiting for the caller (who
/// may take them this many at a time): memory stays as bounded as on the command line.
pub const CHUNK: usize = 32;

/// The record of one WARC record with a page (or a failure): the article with `id`
/// (the `WARC-Record-ID`, else `FILE@OFFSET`), `source` (the file as named) and `warc`
/// filled in, or the error record so identified. `None` for a record without a page.
///
/// ```
/// use deboil::warc::{record_of, WarcInfo, WarcItem};
///
/// let info = WarcInfo { file: "a.warc".into(), offset: 0, record_id: None, date: None };
/// let skipped = WarcItem::Skipped { kind: "request".into(), info };
/// assert!(record_of(skipped, &deboil::Options::default()).is_none());
/// ```
pub fn record_of(item: WarcItem, options: &Options) -> Option<Result<Article, ErrorRecord>> {
    let (input, info) = match item {
        WarcItem::Document { input, info } => (input, info),
        WarcItem::Failed { error, info } => return Some(Err(error_record(error, info))),
        WarcItem::Skipped { .. } => return None,
    };
    Some(match crate::clean_all::guarded(&input, options) {
        Ok(mut article) => {
            article.id = record_id(&info);
            article.source = info.file.clone();
            article.warc = Some(info);
            Ok(article)
        }
        Err(error) => Err(error_record(ErrorInfo::from(&error), info)),
    })
}

/// The id of a WARC record's output record: its `WARC-Record-ID`, else `FILE@OFFSET`.
fn record_id(info: &WarcInfo) -> String {
    info.record_id
        .clone()
        .unwrap_or_else(|| format!("{}@{}", info.file, info.offset))
}

/// The error record of a WARC record that failed.
fn error_record(error: ErrorInfo, info: WarcInfo) -> ErrorRecord {
    ErrorRecord {
        id: record_id(&info),
        source: info.file.clone(),
        error,
        warc: Some(Box::new(info)),
    }
}

/// Open the WARC file at `path` (named in records as `path` is written) and clean its
/// pages on a pool of `threads` threads (0: one per CPU), in file order: see
/// [`CleanedRecords`]. Fails only when the file cannot be opened or the threads cannot
/// be started.
///
/// ```no_run
/// let records = deboil::warc::clean_warc("crawl.warc.gz", &deboil::Options::default(), 2).unwrap();
/// for record in records {
///     match record {
///         Ok(article) => println!("{} {:?}", article.id, article.title),
///         Err(error) => println!("{} failed: {}", error.id, error.error.kind),
///     }
/// }
/// ```
pub fn clean_warc(
    path: impl AsRef<Path>,
    options: &Options,
    threads: usize,
) -> io::Result<CleanedRecords> {
    let items = read_items(path.as_ref().to_path_buf(), options.max_bytes)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(io::Error::other)?;
    let (sender, receiver) = sync_channel::<Cleaned>(CHUNK);
    let options = options.clone();
    std::thread::Builder::new()
        .name("deboil-warc-cleaner".to_string())
        .spawn(move || {
            let work = |_: usize, item: &Mutex<Option<WarcItem>>| clean_item(item, &options);
            // The run stops (Err) when the caller has dropped the records.
            let _ = ordered_map(
                &pool,
                WINDOW,
                items.into_iter().map(cell),
                work,
                |_, done| sender.send(done).map_err(|_| CallerGone),
            );
        })?;
    Ok(CleanedRecords {
        cleaned: receiver,
        skipped: BTreeMap::new(),
    })
}

/// The caller dropped the records: the cleaner stops.
struct CallerGone;

/// Records out at once in the cleaner (read and not yet handed to the caller).
const WINDOW: usize = 2 * CHUNK;

/// Start reading the WARC file at `path` on a thread of its own (the reader is not
/// `Send`); its items come through the returned channel, at most [`CHUNK`] ahead.
fn read_items(path: PathBuf, max_bytes: usize) -> io::Result<Receiver<WarcItem>> {
    let (items, receiver) = sync_channel::<WarcItem>(CHUNK);
    let (opened, was_opened) = sync_channel::<io::Result<()>>(1);
    std::thread::Builder::new()
        .name("deboil-warc-reader".to_string())
        .spawn(move || {
            let reader = match WarcReader::open(&path, max_bytes) {
                Ok(reader) => reader,
                Err(error) => {
                    let _ = opened.send(Err(error));
                    return;
                }
            };
            if opened.send(Ok(())).is_err() {
                return;
            }
            for item in reader {
                if items.send(item).is_err() {
                    return;
                }
            }
        })?;
    was_opened
        .recv()
        .map_err(|_| io::Error::other("the WARC reader stopped before opening the file"))??;
    Ok(receiver)
}

/// An item in a cell the worker that cleans it takes it out of, so its bytes are freed
/// as soon as it is cleaned, not when its record reaches the caller.
fn cell(item: WarcItem) -> Mutex<Option<WarcItem>> {
    Mutex::new(Some(item))
}

/// What became of one WARC item in the cleaner.
// The large variant is the common one: boxing it would add an allocation per record.
#[allow(clippy::large_enum_variant)]
enum Cleaned {
    /// A page or a failure: its record.
    Record(Result<Article, ErrorRecord>),
    /// A record without a page, of this kind.
    Skipped(String),
    /// Nothing to hand over (a cell found empty: each item is cleaned once, so never).
    Nothing,
}

/// Clean the item in `cell` (taking it out).
fn clean_item(cell: &Mutex<Option<WarcItem>>, options: &Options) -> Cleaned {
    let item = cell.lock().ok().and_then(|mut slot| slot.take());
    match item {
        Some(WarcItem::Skipped { kind, .. }) => Cleaned::Skipped(kind),
        Some(item) => record_of(item, options).map_or(Cleaned::Nothing, Cleaned::Record),
        None => Cleaned::Nothing,
    }
}

/// The records of a WARC file, from [`clean_warc`]: one per page (2xx HTML response,
/// HTML resource, WET text conversion) or failure, in file order, exactly as the
/// command line writes them for the file; records without a page are counted by kind
/// in [`CleanedRecords::skipped`].
///
/// Records are read on a thread of their own and cleaned on every thread of the pool,
/// each thread taking the next record as soon as it is free; at most a few dozen are
/// out at once, so memory stays bounded whatever the file's size. A panic inside the
/// cleaner becomes that record's error record of kind `internal`. Dropping the
/// iterator stops the reading and the cleaning.
pub struct CleanedRecords {
    cleaned: Receiver<Cleaned>,
    skipped: BTreeMap<String, u64>,
}

impl CleanedRecords {
    /// The records without a page seen so far, counted by kind (`request`,
    /// `status_404`, `non_html`, ...; see [`WarcItem::Skipped`]).
    pub fn skipped(&self) -> &BTreeMap<String, u64> {
        &self.skipped
    }
}

impl Iterator for CleanedRecords {
    type Item = Result<Article, ErrorRecord>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.cleaned.recv().ok()? {
                Cleaned::Record(record) => return Some(record),
                Cleaned::Skipped(kind) => *self.skipped.entry(kind).or_default() += 1,
                Cleaned::Nothing => {}
            }
        }
    }
}

impl std::fmt::Debug for CleanedRecords {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CleanedRecords")
            .field("skipped", &self.skipped)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A WARC record of `kind` with an HTTP response block `http` (or a plain block).
    fn record(kind: &str, id: usize, uri: &str, block: &[u8], content_type: &str) -> Vec<u8> {
        let mut out = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{id:08}>\r\n\
             WARC-Date: 2026-01-01T00:00:00Z\r\nWARC-Target-URI: {uri}\r\n\
             Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        out.extend_from_slice(block);
        out.extend_from_slice(b"\r\n\r\n");
        out
    }

    fn response(id: usize) -> Vec<u8> {
        let page = format!(
            "<html><head><title>Story {id}</title></head><body><article><h1>Story {id}</h1>\
             <p>The paragraph of story number {id}, long enough to read as prose in a test \
             of the WARC cleaner.</p></article></body></html>"
        );
        let block = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{page}",
            page.len()
        );
        let uri = format!("https://news.example/{id}");
        record(
            "response",
            id,
            &uri,
            block.as_bytes(),
            "application/http; msgtype=response",
        )
    }

    fn warc(count: usize) -> tempfile::NamedTempFile {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        for id in 0..count {
            let request = b"GET / HTTP/1.1\r\nHost: news.example\r\n\r\n";
            let uri = format!("https://news.example/{id}");
            file.write_all(&record(
                "request",
                100_000 + id,
                &uri,
                request,
                "application/http; msgtype=request",
            ))
            .unwrap();
            file.write_all(&response(id)).unwrap();
        }
        file.flush().unwrap();
        file
    }

    #[test]
    fn pages_come_in_file_order_with_ids_and_skips_counted() {
        let count = CHUNK * 2 + 5;
        let file = warc(count);
        for threads in [1, 2] {
            let mut records = clean_warc(file.path(), &Options::default(), threads).unwrap();
            let titles: Vec<(String, Option<String>)> = records
                .by_ref()
                .map(|r| {
                    let a = r.unwrap();
                    (a.id, a.title)
                })
                .collect();
            let expected: Vec<_> = (0..count)
                .map(|id| (format!("<urn:uuid:{id:08}>"), Some(format!("Story {id}"))))
                .collect();
            assert_eq!(titles, expected, "threads {threads}");
            assert_eq!(records.skipped().get("request"), Some(&(count as u64)));
        }
    }

    #[test]
    fn article_carries_source_url_and_warc_origin() {
        let file = warc(1);
        let article = clean_warc(file.path(), &Options::default(), 1)
            .unwrap()
            .next()
            .unwrap()
            .unwrap();
        let name = file.path().display().to_string();
        assert_eq!(article.source, name);
        assert_eq!(article.url.as_deref(), Some("https://news.example/0"));
        let warc = article.warc.unwrap();
        assert_eq!(warc.file, name);
        assert_eq!(warc.date.as_deref(), Some("2026-01-01T00:00:00Z"));
        assert!(warc.offset > 0, "the request record comes first");
    }

    #[test]
    fn an_oversized_page_is_an_error_record_in_its_place() {
        let file = warc(3);
        let options = Options::default().with_max_bytes(100);
        let records: Vec<_> = clean_warc(file.path(), &options, 2).unwrap().collect();
        assert_eq!(records.len(), 3);
        for (id, record) in records.into_iter().enumerate() {
            let error = record.unwrap_err();
            assert_eq!(error.id, format!("<urn:uuid:{id:08}>"));
            assert_eq!(error.error.kind, "too_large");
        }
    }

    #[test]
    fn a_missing_file_is_an_error_not_a_record() {
        let dir = tempfile::tempdir().unwrap();
        let error =
            clean_warc(dir.path().join("none.warc.gz"), &Options::default(), 1).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }

    #[test]
    fn an_empty_file_has_no_records() {
        let file = tempfile::NamedTempFile::new().unwrap();
        let records: Vec<_> = clean_warc(file.path(), &Options::default(), 2)
            .unwrap()
            .collect();
        assert!(records.is_empty());
    }
}
