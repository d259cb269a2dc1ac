//! Web archives (WARC files, plain or gzip-compressed one record per member, as Common
//! Crawl publishes them), read one record at a time.
//!
//! [`WarcReader`] opens a file and yields one [`WarcItem`] per record, in file order:
//! a [`WarcItem::Document`] to clean ([`Input`] with the record's target URI and HTTP
//! content type, and its [`WarcInfo`]), a [`WarcItem::Skipped`] record that holds no
//! page, or a [`WarcItem::Failed`] record (damaged, undecodable, too large). Memory
//! stays bounded whatever the file's size: only the current record's payload is held,
//! and a payload over the size limit is refused without being kept.
//!
//! Records are parsed by the `fastwarc` crate; this module picks the records that hold
//! pages, undoes HTTP transfer and content encodings, and resynchronises after damage:
//! a record that cannot be read gives a [`WarcItem::Failed`] of kind `warc` with its
//! offset, and reading goes on at the next gzip member (compressed files) or the next
//! line starting `WARC/1.` (plain files).
//!
//! ```no_run
//! use deboil::warc::{WarcItem, WarcReader};
//!
//! for item in WarcReader::open("crawl.warc.gz", deboil::DEFAULT_MAX_BYTES).unwrap() {
//!     if let WarcItem::Document { input, info } = item {
//!         let article = deboil::clean(&input, &deboil::Options::default());
//!         println!("{} {:?}", info.offset, article.map(|a| a.title));
//!     }
//! }
//! ```

use std::fs::File;
use std::io::{self, BufRead, BufReader, Cursor, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use fastwarc::stream_io::gzip::GzipReader;
use fastwarc::stream_io::traits::{IntoWarcReader, WarcRead};
use fastwarc::warc::header::{HeaderEncoding, HeaderMap, WarcHeader};
use fastwarc::warc::iter::{ArchiveIterator, ArchiveIteratorOptions};
use fastwarc::warc::record::{AutoDecode, WarcRecord, WarcRecordType};
use serde::{Deserialize, Serialize};

use crate::record::ErrorInfo;
use crate::Input;

mod records;
pub use records::{clean_warc, record_of, CleanedRecords, CHUNK};

/// The error kind of a record that could not be read (damage in the file).
pub const KIND_DAMAGED: &str = "warc";
/// The error kind of an HTTP payload whose transfer or content encoding cannot be undone.
pub const KIND_ENCODING: &str = "http_encoding";

/// Longest WARC or HTTP header block accepted.
const MAX_HEADER: usize = 64 << 10;
/// Bytes of the file read at a time while looking for the next record after damage.
const SCAN_BLOCK: usize = 64 << 10;
/// Leading bytes of a payload looked at to tell whether it is an HTML page.
const SNIFF: usize = 1024;

/// Where a record came from: written as the `warc` object of its article or error
/// record, so that the record can be fetched again with one range read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarcInfo {
    /// The WARC file, as it was named.
    pub file: String,
    /// Byte offset of the record in the file; for a gzip-compressed file, the offset of
    /// the gzip member that holds it.
    pub offset: u64,
    /// The record's `WARC-Record-ID`, when it has one.
    pub record_id: Option<String>,
    /// The record's `WARC-Date`, as written.
    pub date: Option<String>,
}

/// One record of a WARC file, as [`WarcReader`] yields it.
#[derive(Debug)]
// The large variant is the common one: boxing it would add an allocation per record.
#[allow(clippy::large_enum_variant)]
pub enum WarcItem {
    /// A page to clean: a `response` (2xx, HTML) or `resource` (HTML) record through the
    /// HTML front end, or a WET `conversion` record (text/plain) through the text one.
    /// The input carries the target URI and the content type (with the HTTP charset).
    Document {
        /// The payload, decoded from its transfer and content encodings.
        input: Input<'static>,
        /// Where it came from.
        info: WarcInfo,
    },
    /// A record that holds no page, with why (see [`WarcItem::Skipped::kind`]).
    Skipped {
        /// Why: the record type for `request`, `metadata`, `warcinfo`, `revisit`,
        /// `continuation` and `unknown`; `status_NNN` for a response with a non-2xx HTTP
        /// status (`status_unknown` when it has none); `non_html` for a response or
        /// resource whose payload is not HTML; `non_text` for a conversion record that is
        /// not text/plain.
        kind: String,
        /// Where it came from.
        info: WarcInfo,
    },
    /// A record that could not be read: kind `warc` for damage in the file (reading
    /// goes on at the next intact record), `http_encoding` for a payload encoding that
    /// cannot be undone, `too_large` for a payload over the size limit.
    Failed {
        /// What went wrong.
        error: ErrorInfo,
        /// Where it came from (for damage, the offset where the unreadable data starts).
        info: WarcInfo,
    },
}

impl WarcItem {
    /// Where the record came from.
    pub fn info(&self) -> &WarcInfo {
        match self {
            WarcItem::Document { info, .. }
            | WarcItem::Skipped { info, .. }
            | WarcItem::Failed { info, .. } => info,
        }
    }
}

/// Whether a file is a WARC: a regular file (never a FIFO or device, which reading
/// would drain) of plain text starting `WARC/1.`, or a gzip stream whose content does.
/// Reads a few bytes; any read error counts as "not a WARC".
pub fn is_warc_file(path: &Path) -> bool {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return false;
    }
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut head = [0u8; 8];
    let mut reader = BufReader::new(file);
    let Ok(read) = read_up_to(&mut reader, &mut head) else {
        return false;
    };
    if head[..read].starts_with(b"WARC/1.") {
        return true;
    }
    if !head[..read].starts_with(&[0x1f, 0x8b]) {
        return false;
    }
    let Ok(mut file) = File::open(path) else {
        return false;
    };
    if file.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    let mut decoder = flate2::read::GzDecoder::new(BufReader::new(file));
    matches!(read_up_to(&mut decoder, &mut head), Ok(n) if head[..n].starts_with(b"WARC/1."))
}

/// Whether a file name says WARC: `*.warc` or `*.warc.gz` (any case).
pub fn has_warc_name(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}

/// Fill `buffer` as far as the reader goes; returns the bytes read.
fn read_up_to(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// Reads a WARC file one record at a time (see the [module documentation](self)).
pub struct WarcReader {
    /// The file.
    path: PathBuf,
    /// The file as named in [`WarcInfo::file`].
    name: String,
    /// Whether the file is gzip-compressed.
    gzip: bool,
    /// Largest payload accepted, after decoding.
    max_bytes: usize,
    /// The record iterator, from `start`; `None` between a failure and the resync.
    records: Option<ArchiveIterator>,
    /// Offset where the current iterator started.
    start: u64,
    /// Offset of the last record the current iterator gave.
    last: Option<u64>,
    /// After damage, until a record is read again: further failures are part of the
    /// same damage and give no second error.
    recovering: bool,
    /// Set when the file has been read to its end.
    done: bool,
}

impl std::fmt::Debug for WarcReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WarcReader")
            .field("path", &self.path)
            .field("gzip", &self.gzip)
            .field("start", &self.start)
            .field("last", &self.last)
            .finish_non_exhaustive()
    }
}

impl WarcReader {
    /// Open a WARC file (plain, or gzip by its magic bytes), refusing payloads over
    /// `max_bytes` after decoding; [`WarcInfo::file`] is the path as given.
    pub fn open(path: impl AsRef<Path>, max_bytes: usize) -> io::Result<Self> {
        let path = path.as_ref();
        let name = path.display().to_string();
        Self::open_named(path, name, max_bytes)
    }

    /// [`WarcReader::open`], naming the file `name` in [`WarcInfo::file`].
    pub fn open_named(path: &Path, name: String, max_bytes: usize) -> io::Result<Self> {
        let mut magic = [0u8; 2];
        let read = read_up_to(&mut File::open(path)?, &mut magic)?;
        let mut reader = WarcReader {
            path: path.to_path_buf(),
            name,
            gzip: magic[..read] == [0x1f, 0x8b],
            max_bytes,
            records: None,
            start: 0,
            last: None,
            recovering: false,
            done: false,
        };
        reader.records = Some(reader.iterator_at(0)?);
        Ok(reader)
    }

    /// A record iterator over the file from byte `offset`.
    fn iterator_at(&self, offset: u64) -> io::Result<ArchiveIterator> {
        let mut file = File::open(&self.path)?;
        file.seek(SeekFrom::Start(offset))?;
        let buffered = BufReader::with_capacity(1 << 20, file);
        let reader: Box<dyn WarcRead> = match self.gzip {
            true => GzipReader::new(buffered).into_warc_reader(),
            false => buffered.into_warc_reader(),
        };
        let options = ArchiveIteratorOptions {
            stream_detect: false,
            parse_http: false,
            decode_http_payload: AutoDecode::None,
            verify_digests: false,
            quirks_mode: true,
            max_header_len: MAX_HEADER,
            inplace: false,
        };
        Ok(ArchiveIterator::with_options(reader, options))
    }

    /// A record at `offset` with nothing else known about it.
    fn bare_info(&self, offset: u64) -> WarcInfo {
        WarcInfo {
            file: self.name.clone(),
            offset,
            record_id: None,
            date: None,
        }
    }

    /// The offset of the first place after `from` where a record may start: a gzip
    /// member's magic bytes, or a line starting `WARC/1.`; `None` when there is none.
    fn next_start(&self, from: u64) -> io::Result<Option<u64>> {
        let pattern: &[u8] = match self.gzip {
            true => &[0x1f, 0x8b, 0x08],
            false => b"\nWARC/1.",
        };
        let mut file = BufReader::with_capacity(SCAN_BLOCK, File::open(&self.path)?);
        // A plain record starts after a line end: look from one byte earlier for it.
        let back = u64::from(!self.gzip);
        let begin = from.saturating_sub(back);
        file.seek(SeekFrom::Start(begin))?;
        let found = find(&mut file, pattern)?;
        Ok(found.map(|at| begin + at + back).filter(|at| *at >= from))
    }

    /// After a failure: the error for the damage (unless already recovering) and the
    /// iterator moved to the next place a record may start.
    fn damaged(&mut self, message: String) -> Option<WarcItem> {
        self.records = None;
        let from = match self.last {
            Some(last) => last + 1,
            None => self.start,
        };
        let at = match self.last {
            Some(_) => self.next_start(from).ok().flatten().unwrap_or(from),
            None => self.start,
        };
        let report = !self.recovering;
        self.recovering = true;
        self.resume_after(at);
        report.then(|| WarcItem::Failed {
            error: ErrorInfo {
                kind: KIND_DAMAGED.to_string(),
                message: format!("damaged WARC record at byte {at}: {message}"),
            },
            info: self.bare_info(at),
        })
    }

    /// Start reading again at the first possible record start after `at`.
    fn resume_after(&mut self, at: u64) {
        self.last = None;
        match self.next_start(at + 1) {
            Ok(Some(next)) => match self.iterator_at(next) {
                Ok(records) => {
                    self.records = Some(records);
                    self.start = next;
                }
                Err(_) => self.done = true,
            },
            _ => self.done = true,
        }
    }

    /// The item of one record read from the file.
    fn item(&mut self, record: &mut WarcRecord) -> Result<WarcItem, String> {
        let offset = record.stream_pos();
        let headers = record.headers();
        let info = WarcInfo {
            file: self.name.clone(),
            offset,
            record_id: headers
                .get(WarcHeader::WarcRecordId.as_str())
                .map(Into::into),
            date: headers.get(WarcHeader::WarcDate.as_str()).map(Into::into),
        };
        let url = headers
            .get(WarcHeader::WarcTargetUri.as_str())
            .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_string());
        let skip = |kind: &str, info: WarcInfo| {
            Ok(WarcItem::Skipped {
                kind: kind.to_string(),
                info,
            })
        };
        let warc_type = headers
            .get(WarcHeader::ContentType.as_str())
            .map(Into::into);
        let kind = record.record_type();
        let is_http = record.is_http();
        let block = self.body(record)?;
        let payload = match kind {
            WarcRecordType::Response if is_http => match http_payload(block)? {
                Ok(payload) => payload,
                Err(kind) => return skip(&kind, info),
            },
            WarcRecordType::Response | WarcRecordType::Resource => Payload {
                body: block,
                content_type: warc_type,
                encoding: None,
            },
            WarcRecordType::Conversion => {
                let text = warc_type
                    .as_deref()
                    .is_some_and(|t| media(t) == "text/plain");
                if !text {
                    return skip("non_text", info);
                }
                let input = Input::new(block).with_content_type(warc_type.unwrap_or_default());
                let input = with_url(input, url);
                return Ok(WarcItem::Document { input, info });
            }
            other => return skip(other.as_str(), info),
        };
        Ok(self.document(payload, url, info))
    }

    /// The item of an HTML-or-not payload: a document, a skip or a failure.
    fn document(&self, payload: Payload, url: Option<String>, info: WarcInfo) -> WarcItem {
        let body = match decode_body(payload.body, payload.encoding.as_deref(), self.max_bytes) {
            Ok(body) => body,
            Err(error) => return WarcItem::Failed { error, info },
        };
        let Some(content_type) = html_type(payload.content_type.as_deref(), &body) else {
            return WarcItem::Skipped {
                kind: "non_html".to_string(),
                info,
            };
        };
        let input = with_url(Input::new(body).with_content_type(content_type), url);
        WarcItem::Document { input, info }
    }

    /// The record's block, checked complete, read up to `max_bytes` plus room for the
    /// HTTP header and one byte more (so that [`decode_body`] sees an excess).
    fn body(&self, record: &mut WarcRecord) -> Result<Vec<u8>, String> {
        let expected = record.content_length();
        let cap = u64::try_from(self.max_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(MAX_HEADER as u64 + 1);
        let reader = record.reader_mut().ok_or("the record has no content")?;
        let mut body = Vec::new();
        reader
            .take(cap)
            .read_to_end(&mut body)
            .map_err(|e| format!("cannot read the record: {e}"))?;
        if (body.len() as u64) < expected.min(cap) {
            return Err(format!(
                "record cut short: {} of {expected} bytes",
                body.len()
            ));
        }
        Ok(body)
    }
}

/// The payload of an HTTP response block: `Ok(Err(kind))` for a response that is
/// not a 2xx, `Err` for an HTTP header that cannot be read.
fn http_payload(block: Vec<u8>) -> Result<Result<Payload, String>, String> {
    let mut http = HeaderMap::new(HeaderEncoding::Latin1);
    let mut cursor = Cursor::new(block);
    let header_len = http
        .parse_with_opts(&mut cursor, true, MAX_HEADER, true)
        .map_err(|e| format!("bad HTTP header: {e}"))?;
    match http.status_code() {
        Some(code) if (200..300).contains(&code) => {}
        Some(code) => return Ok(Err(format!("status_{code}"))),
        None => return Ok(Err("status_unknown".to_string())),
    }
    let content_type = http.get(WarcHeader::ContentType.as_str()).map(Into::into);
    let encoding = encodings(&http);
    let mut body = cursor.into_inner();
    body.drain(..header_len.min(body.len()));
    Ok(Ok(Payload {
        body,
        content_type,
        encoding,
    }))
}

/// A response's payload before decoding.
struct Payload {
    /// The bytes as stored.
    body: Vec<u8>,
    /// The content type it was served with.
    content_type: Option<String>,
    /// Its transfer and content encodings, outermost last, as `chunked, gzip`.
    encoding: Option<String>,
}

/// The encodings to undo, in the order they were applied: content first, then transfer.
fn encodings(http: &HeaderMap) -> Option<String> {
    let content = http.get("Content-Encoding").map(|c| c.to_string());
    let transfer = http.get("Transfer-Encoding").map(|t| t.to_string());
    let all: Vec<String> = [content, transfer].into_iter().flatten().collect();
    (!all.is_empty()).then(|| all.join(", "))
}

/// The input with its address, when the record names one.
fn with_url(input: Input<'static>, url: Option<String>) -> Input<'static> {
    match url {
        Some(url) if !url.is_empty() => input.with_url(url),
        _ => input,
    }
}

/// The media type of a content type, lower case.
fn media(content_type: &str) -> String {
    let media = content_type.split(';').next().unwrap_or_default();
    media.trim().to_ascii_lowercase()
}

/// The content type to clean an HTML payload with: the served one when it names HTML,
/// else `text/html` (with the served charset) when the payload looks like HTML; `None`
/// for a payload that is not HTML.
fn html_type(content_type: Option<&str>, body: &[u8]) -> Option<String> {
    let served = content_type.unwrap_or_default();
    if matches!(
        media(served).as_str(),
        "text/html" | "application/xhtml+xml"
    ) {
        return Some(served.to_string());
    }
    if !looks_like_html(body) {
        return None;
    }
    let charset = served
        .split(';')
        .skip(1)
        .find(|p| p.trim().to_ascii_lowercase().starts_with("charset="));
    Some(match charset {
        Some(charset) => format!("text/html;{charset}"),
        None => "text/html".to_string(),
    })
}

/// Whether a payload starts as an HTML page does: after a byte order mark and white
/// space, a doctype, an `<html>`, `<head>` or `<body>` tag, or a comment followed by
/// one within the first KiB.
fn looks_like_html(body: &[u8]) -> bool {
    let head = &body[..body.len().min(SNIFF)];
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let text = String::from_utf8_lossy(head).to_ascii_lowercase();
    let trimmed = text.trim_start();
    let starts = |tag: &str| trimmed.starts_with(tag);
    if starts("<!doctype html") || starts("<html") || starts("<head") || starts("<body") {
        return true;
    }
    (starts("<!--") || starts("<?xml"))
        && (text.contains("<html") || text.contains("<!doctype html"))
}

/// Undo the payload's encodings (`chunked` transfer, `gzip`/`x-gzip`, `deflate`, `br`
/// content, `identity`), the last applied first; refuse a decoded payload over
/// `max_bytes`.
fn decode_body(
    mut body: Vec<u8>,
    encoding: Option<&str>,
    max_bytes: usize,
) -> Result<Vec<u8>, ErrorInfo> {
    let too_large = || ErrorInfo {
        kind: "too_large".to_string(),
        message: format!("input exceeds the size limit (max-bytes) of {max_bytes} bytes"),
    };
    if body.len() > max_bytes {
        return Err(too_large());
    }
    let layers: Vec<String> = encoding
        .unwrap_or_default()
        .split(',')
        .map(|e| e.trim().to_ascii_lowercase())
        .filter(|e| !e.is_empty() && e != "identity")
        .collect();
    for layer in layers.iter().rev() {
        body = undo(layer, body, max_bytes)?;
        if body.len() > max_bytes {
            return Err(too_large());
        }
    }
    Ok(body)
}

/// Undo one encoding layer, reading at most `max_bytes + 1` decoded bytes.
fn undo(layer: &str, body: Vec<u8>, max_bytes: usize) -> Result<Vec<u8>, ErrorInfo> {
    let cap = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let failed = |e: io::Error| ErrorInfo {
        kind: KIND_ENCODING.to_string(),
        message: format!("cannot undo the HTTP encoding `{layer}`: {e}"),
    };
    let mut out = Vec::new();
    let read = |reader: &mut dyn Read, out: &mut Vec<u8>| reader.take(cap).read_to_end(out);
    match layer {
        "chunked" => {
            let mut reader = fastwarc::stream_io::chunked::ChunkedReader::new(Cursor::new(body));
            read(&mut reader, &mut out).map_err(failed)?;
        }
        "gzip" | "x-gzip" => {
            let mut reader = flate2::read::MultiGzDecoder::new(Cursor::new(body));
            read(&mut reader, &mut out).map_err(failed)?;
        }
        "deflate" => {
            // The standard says zlib; some servers send raw deflate.
            let zlib = read(&mut flate2::read::ZlibDecoder::new(&body[..]), &mut out);
            if zlib.is_err() {
                out.clear();
                let mut raw = flate2::read::DeflateDecoder::new(&body[..]);
                read(&mut raw, &mut out).map_err(failed)?;
            }
        }
        "br" => {
            let mut reader = fastwarc::stream_io::brotli::BrotliReader::new(Cursor::new(body));
            read(&mut reader, &mut out).map_err(failed)?;
        }
        other => {
            return Err(ErrorInfo {
                kind: KIND_ENCODING.to_string(),
                message: format!("unsupported HTTP encoding `{other}`"),
            })
        }
    }
    Ok(out)
}

/// The position of the first `pattern` in the rest of `reader`, read a block at a time.
fn find(reader: &mut impl BufRead, pattern: &[u8]) -> io::Result<Option<u64>> {
    let mut consumed = 0u64;
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let block = reader.fill_buf()?;
        if block.is_empty() {
            return Ok(None);
        }
        let mut window = std::mem::take(&mut carry);
        window.extend_from_slice(block);
        let used = block.len();
        if let Some(at) = window.windows(pattern.len()).position(|w| w == pattern) {
            let window_start = consumed - (window.len() - used) as u64;
            return Ok(Some(window_start + at as u64));
        }
        let keep = pattern.len().saturating_sub(1).min(window.len());
        carry = window[window.len() - keep..].to_vec();
        reader.consume(used);
        consumed += used as u64;
    }
}

impl Iterator for WarcReader {
    type Item = WarcItem;

    fn next(&mut self) -> Option<WarcItem> {
        loop {
            if self.done {
                return None;
            }
            let Some(records) = self.records.as_mut() else {
                self.done = true;
                return None;
            };
            let record = match records.next() {
                None => {
                    self.done = true;
                    return None;
                }
                Some(Err(error)) => match self.damaged(error.to_string()) {
                    Some(item) => return Some(item),
                    None => continue,
                },
                Some(Ok(record)) => record,
            };
            let mut record = record.borrow_mut();
            let offset = record.stream_pos();
            match self.item(&mut record) {
                Ok(item) => {
                    self.last = Some(offset);
                    self.recovering = false;
                    return Some(item);
                }
                Err(message) => {
                    drop(record);
                    self.last = None;
                    self.start = offset;
                    self.recovering = false;
                    if let Some(item) = self.damaged(message) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_sniffed_from_the_start_of_the_payload() {
        assert!(looks_like_html(b"\xef\xbb\xbf  <!DOCTYPE html><p>x"));
        assert!(looks_like_html(b"\n<HTML lang=en>"));
        assert!(looks_like_html(b"<!-- cached --><html>"));
        assert!(!looks_like_html(b"var html = '<html>';"));
        assert!(!looks_like_html(b"\x89PNG\r\n"));
        assert_eq!(
            html_type(Some("application/octet-stream; charset=koi8-r"), b"<html>"),
            Some("text/html; charset=koi8-r".to_string())
        );
        assert_eq!(html_type(Some("image/png"), b"\x89PNG"), None);
        assert_eq!(
            html_type(Some("text/html; charset=utf-8"), b""),
            Some("text/html; charset=utf-8".to_string())
        );
    }

    #[test]
    fn the_scanner_finds_a_pattern_across_block_boundaries() {
        let mut data = vec![b'x'; 10_000];
        data.extend_from_slice(b"\nWARC/1.0");
        let mut reader = std::io::BufReader::with_capacity(7, &data[..]);
        assert_eq!(find(&mut reader, b"\nWARC/1.").unwrap(), Some(10_000));
        let mut reader = std::io::BufReader::with_capacity(7, &data[..10_003]);
        assert_eq!(find(&mut reader, b"\nWARC/1.").unwrap(), None);
    }

    #[test]
    fn decoded_payloads_are_held_to_the_size_limit() {
        let big = vec![b'a'; 5000];
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &big).unwrap();
        let gz = gz.finish().unwrap();
        assert!(gz.len() < 1000);
        let error = decode_body(gz.clone(), Some("gzip"), 1000).unwrap_err();
        assert_eq!(error.kind, "too_large");
        assert_eq!(decode_body(gz, Some("identity, gzip"), 5000).unwrap(), big);
        let error = decode_body(b"x".to_vec(), Some("zz-unknown"), 10).unwrap_err();
        assert_eq!(error.kind, KIND_ENCODING);
        assert!(error.message.contains("zz-unknown"));
    }
}
