//! WARC inputs in a batch: a WARC file among the sources is replaced by the sources of
//! its records, read on a thread of their own (the WARC reader is not `Send`) and
//! handed over through a bounded channel, so memory stays bounded whatever the file's
//! size. Records that hold no page give no source and are counted by kind.

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

use crate::pipeline::{Input, Origin, Source};
use crate::record::ErrorInfo;
use crate::warc::{has_warc_name, is_warc_file, WarcItem, WarcReader};

/// Sources out at once (read and not yet written) when a run reads WARC files: a WARC
/// record's bytes are held in memory until it is cleaned, so the window is smaller than
/// for files (whose bytes are read by the worker that cleans them).
pub const WINDOW: usize = 64;
/// Records read ahead of the run's window, per WARC file, so that a worker that comes
/// free finds the next record already read.
const READ_AHEAD: usize = 16;

/// WARC records without a page, per kind; shared between the readers and the run.
#[derive(Debug, Clone, Default)]
pub struct SkipCounts(Arc<Mutex<BTreeMap<String, u64>>>);

impl SkipCounts {
    /// Count one skipped record of `kind`.
    pub fn add(&self, kind: &str) {
        if let Ok(mut map) = self.0.lock() {
            *map.entry(kind.to_string()).or_default() += 1;
        }
    }

    /// The counts so far.
    pub fn snapshot(&self) -> BTreeMap<String, u64> {
        self.0.lock().map(|m| m.clone()).unwrap_or_default()
    }
}

/// Whether a source is a WARC file: named `*.warc` or `*.warc.gz`, or a file whose
/// content starts as a WARC does (plain or gzip).
pub fn is_warc_source(source: &Source) -> bool {
    match &source.input {
        Input::File(path) => has_warc_name(path) || is_warc_file(path),
        _ => false,
    }
}

/// A source of the expanded stream: one of the given sources, or a WARC record's.
// The large variant is the common one with WARC inputs.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Expanded<'a> {
    /// A source as given.
    Given(&'a Source),
    /// A source made from a WARC record.
    Record(Source),
}

impl Borrow<Source> for Expanded<'_> {
    fn borrow(&self) -> &Source {
        match self {
            Expanded::Given(source) => source,
            Expanded::Record(source) => source,
        }
    }
}

/// The sources with every WARC file replaced by its records' sources, in order.
pub struct Expand<'a, I> {
    sources: I,
    records: Option<Receiver<Source>>,
    max_bytes: usize,
    skipped: SkipCounts,
    _given: std::marker::PhantomData<&'a Source>,
}

/// Expand `sources` (see [`Expand`]); documents over `max_bytes` give `too_large` error
/// records, skipped WARC records are counted in `skipped`.
pub fn expand<'a, I>(sources: I, max_bytes: usize, skipped: SkipCounts) -> Expand<'a, I::IntoIter>
where
    I: IntoIterator<Item = &'a Source>,
{
    Expand {
        sources: sources.into_iter(),
        records: None,
        max_bytes,
        skipped,
        _given: std::marker::PhantomData,
    }
}

impl<'a, I: Iterator<Item = &'a Source>> Iterator for Expand<'a, I> {
    type Item = Expanded<'a>;

    fn next(&mut self) -> Option<Expanded<'a>> {
        loop {
            if let Some(records) = &self.records {
                match records.recv() {
                    Ok(source) => return Some(Expanded::Record(source)),
                    Err(_) => self.records = None,
                }
            }
            let source = self.sources.next()?;
            if !is_warc_source(source) {
                return Some(Expanded::Given(source));
            }
            self.records = Some(read_records(source, self.max_bytes, self.skipped.clone()));
        }
    }
}

/// Start reading the records of the WARC `source` on a thread; their sources come
/// through the returned channel, in file order.
pub fn read_records(source: &Source, max_bytes: usize, skipped: SkipCounts) -> Receiver<Source> {
    let (sender, receiver) = sync_channel(READ_AHEAD);
    let Input::File(path) = &source.input else {
        return receiver;
    };
    let (path, name) = (path.clone(), source.source.clone());
    std::thread::spawn(move || {
        let reader = match WarcReader::open_named(&path, name.clone(), max_bytes) {
            Ok(reader) => reader,
            Err(error) => {
                let info = ErrorInfo {
                    kind: "io".to_string(),
                    message: error.to_string(),
                };
                let _ = sender.send(Source::invalid(name.clone(), name, info));
                return;
            }
        };
        for item in reader {
            let Some(source) = record_source(item, &skipped) else {
                continue;
            };
            if sender.send(source).is_err() {
                return;
            }
        }
    });
    receiver
}

/// The source of one WARC record; `None` (counted) for a record without a page.
pub fn record_source(item: WarcItem, skipped: &SkipCounts) -> Option<Source> {
    let (input, info) = match item {
        WarcItem::Document { input, info } => (Input::Once(Mutex::new(Some(input))), info),
        WarcItem::Failed { error, info } => (Input::Invalid(error), info),
        WarcItem::Skipped { kind, .. } => {
            skipped.add(&kind);
            return None;
        }
    };
    let id = info
        .record_id
        .clone()
        .unwrap_or_else(|| format!("{}@{}", info.file, info.offset));
    Some(Source {
        id,
        source: info.file.clone(),
        input,
        origin: Origin::Memory,
        url: None,
        warc: Some(info),
    })
}
