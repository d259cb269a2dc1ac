//! Batch plumbing: [`Source`]s (where an input's bytes come from and the identifiers
//! its record carries), cleaning one source into an article or an error record, and
//! [`Pipeline`], which cleans many sources in parallel and hands the records back in
//! order.

use std::borrow::Borrow;
use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::batch::stats::{Summary, Tally};
use crate::error::CleanError;
use crate::ordered::ordered_map;
use crate::record::{Article, ErrorInfo, ErrorRecord};
use crate::Options;

pub use crate::batch::walk::{
    collect_sources, collect_sources_with, is_picked, walk_directory, walk_directory_with,
    Collected, WalkOptions, PICKED_EXTENSIONS,
};

/// Where the bytes of a source come from.
#[derive(Debug)]
pub enum Input {
    /// Standard input.
    Stdin,
    /// A file on disk.
    File(PathBuf),
    /// A path that could not be listed (missing, unreadable directory, dangling link,
    /// link loop): it becomes an error record without being read.
    Unavailable(io::Error),
    /// A document already in memory (a line of `--from-jsonl`), with its address and
    /// name hint.
    Memory(crate::Input<'static>),
    /// An input that could not be made into a document (a bad `--from-jsonl` line): it
    /// becomes this error record's error.
    Invalid(ErrorInfo),
    /// A document in memory that is cleaned once (a WARC record): the cleaner takes it
    /// out, so its bytes are freed as soon as it is cleaned rather than when the chunk
    /// of sources it belongs to has gone to the sink. Cleaning it again gives an
    /// error record of kind `internal`.
    Once(std::sync::Mutex<Option<crate::Input<'static>>>),
}

/// How a source was named on the command line.
#[derive(Debug, Clone)]
pub enum Origin {
    /// Standard input (`-`, or no path at all).
    Stdin,
    /// A path argument, taken as a file.
    Argument,
    /// A document handed over in memory (a line of `--from-jsonl`).
    Memory,
    /// Found walking the directory argument `root`, at `relative` under it.
    Walked {
        /// The directory argument, as given.
        root: Arc<Path>,
        /// The entry's path relative to `root`.
        relative: PathBuf,
    },
}

/// One input of a batch, with the identifiers its record will carry.
#[derive(Debug)]
pub struct Source {
    /// The record's `id`: the path relative to the directory argument it was found
    /// under, the path as given for a file argument, or `stdin`.
    pub id: String,
    /// The record's `source`: the path as given or found, or `-` for standard input.
    pub source: String,
    /// Where to read it from.
    pub input: Input,
    /// How it was named.
    pub origin: Origin,
    /// The address a file or standard input was fetched from (`--url`), for the
    /// record's `url`; a document in memory carries its own in its [`crate::Input`].
    pub url: Option<String>,
    /// Where the source came from in a WARC file, for the record's `warc` object.
    pub warc: Option<crate::warc::WarcInfo>,
}

impl Source {
    /// The standard-input source.
    pub fn stdin() -> Self {
        Source {
            id: "stdin".to_string(),
            source: "-".to_string(),
            input: Input::Stdin,
            origin: Origin::Stdin,
            url: None,
            warc: None,
        }
    }

    /// A file named by an argument: `id` and `source` are the path as given.
    pub fn file(path: &Path) -> Self {
        Self::argument(path, Input::File(path.to_path_buf()))
    }

    /// A path argument that cannot be read, with the reason.
    pub fn unavailable(path: &Path, error: io::Error) -> Self {
        Self::argument(path, Input::Unavailable(error))
    }

    /// A path argument read from `input`.
    fn argument(path: &Path, input: Input) -> Self {
        let shown = path.display().to_string();
        Source {
            id: shown.clone(),
            source: shown,
            input,
            origin: Origin::Argument,
            url: None,
            warc: None,
        }
    }

    /// A document in memory, with the identifiers its record will carry.
    pub fn memory(id: String, source: String, input: crate::Input<'static>) -> Self {
        Source {
            id,
            source,
            input: Input::Memory(input),
            origin: Origin::Memory,
            url: None,
            warc: None,
        }
    }

    /// An input that gives the error record `error` without being read.
    pub fn invalid(id: String, source: String, error: ErrorInfo) -> Self {
        Source {
            id,
            source,
            input: Input::Invalid(error),
            origin: Origin::Memory,
            url: None,
            warc: None,
        }
    }

    /// The file name, as a hint for the choice of front end (`None` for standard input).
    pub fn name_hint(&self) -> Option<&str> {
        match &self.input {
            Input::File(path) => path.file_name().and_then(|n| n.to_str()),
            Input::Memory(input) => input.name(),
            _ => None,
        }
    }
}

/// Read a source's bytes, refusing (without reading it all) anything over `max_bytes`.
pub fn read_source(source: &Source, max_bytes: usize) -> Result<Vec<u8>, CleanError> {
    let unreadable = |error: &dyn std::fmt::Display| CleanError::Io {
        path: PathBuf::from(&source.source),
        source: io::Error::other(error.to_string()),
    };
    let path = match &source.input {
        Input::Stdin => PathBuf::from("-"),
        Input::File(path) => path.clone(),
        Input::Unavailable(error) => {
            return Err(CleanError::Io {
                path: PathBuf::from(&source.source),
                source: io::Error::new(error.kind(), error.to_string()),
            })
        }
        Input::Memory(input) if input.bytes().len() > max_bytes => {
            return Err(CleanError::TooLarge { limit: max_bytes })
        }
        Input::Memory(input) => return Ok(input.bytes().to_vec()),
        Input::Once(cell) => {
            let input = take_once(cell).map_err(|e| unreadable(&e))?;
            if input.bytes().len() > max_bytes {
                return Err(CleanError::TooLarge { limit: max_bytes });
            }
            return Ok(input.bytes().to_vec());
        }
        Input::Invalid(error) => return Err(unreadable(&error.message)),
    };
    let io_error = |source| CleanError::Io {
        path: path.clone(),
        source,
    };
    let bytes = match &source.input {
        Input::Stdin => read_capped(io::stdin().lock(), max_bytes),
        _ => File::open(&path).and_then(|file| read_capped(file, max_bytes)),
    }
    .map_err(io_error)?;
    if bytes.len() > max_bytes {
        return Err(CleanError::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// Read at most `max_bytes + 1` bytes (one more than allowed, to notice an excess).
fn read_capped(reader: impl Read, max_bytes: usize) -> io::Result<Vec<u8>> {
    let limit = u64::try_from(max_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    let mut bytes = Vec::new();
    reader.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Clean one source: read it, clean it with [`crate::clean`], and fill in the
/// record's `id` and `source`. Any failure — including a panic inside the cleaner,
/// reported as kind `internal` — becomes an [`ErrorRecord`], so one bad input never
/// stops a batch.
pub fn clean_source(source: &Source, options: &Options) -> Result<Article, ErrorRecord> {
    let read;
    let input = match &source.input {
        Input::Memory(input) => input,
        Input::Once(cell) => {
            read = take_once(cell).map_err(|e| error_record(source, &CleanError::Internal(e)))?;
            &read
        }
        Input::Invalid(error) => {
            return Err(ErrorRecord {
                id: source.id.clone(),
                source: source.source.clone(),
                error: error.clone(),
                warc: source.warc.clone().map(Box::new),
            })
        }
        _ => {
            read = file_input(source, options.max_bytes).map_err(|e| error_record(source, &e))?;
            &read
        }
    };
    match crate::clean_all::guarded(input, options) {
        Ok(mut article) => {
            article.id = source.id.clone();
            article.source = source.source.clone();
            article.warc = source.warc.clone();
            Ok(article)
        }
        Err(error) => Err(error_record(source, &error)),
    }
}

/// Take the document out of an [`Input::Once`].
fn take_once(
    cell: &std::sync::Mutex<Option<crate::Input<'static>>>,
) -> Result<crate::Input<'static>, String> {
    let mut slot = cell
        .lock()
        .map_err(|_| "a cleaner failed holding this document")?;
    slot.take()
        .ok_or_else(|| "this document was already cleaned".to_string())
}

/// The document of a source read from a file or standard input, with its name hint
/// and address.
fn file_input(source: &Source, max_bytes: usize) -> Result<crate::Input<'static>, CleanError> {
    let mut input = crate::Input::new(read_source(source, max_bytes)?);
    if let Some(name) = source.name_hint() {
        input = input.with_name(name);
    }
    if let Some(url) = &source.url {
        input = input.with_url(url.clone());
    }
    Ok(input)
}

/// The error record for a failed source.
pub fn error_record(source: &Source, error: &CleanError) -> ErrorRecord {
    ErrorRecord {
        id: source.id.clone(),
        source: source.source.clone(),
        error: ErrorInfo::from(error),
        warc: source.warc.clone().map(Box::new),
    }
}

/// What became of one source in a [`Pipeline`] run.
// The large variant is the common one: boxing it would add an allocation per record.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum Outcome {
    /// It was read and cleaned: its article, or its error record.
    Record(Result<Article, ErrorRecord>),
    /// It was left alone (for example because its output already exists).
    Skipped,
}

/// Where a [`Pipeline`] run stands, given to the progress callback after each source.
#[derive(Debug)]
pub struct Progress<'a> {
    /// Sources handed to the sink so far (cleaned, failed or skipped).
    pub done: usize,
    /// Sources in the run.
    pub total: usize,
    /// The run's accounting so far.
    pub tally: &'a Tally,
    /// Time since the run started.
    pub elapsed: Duration,
}

/// Why a [`Pipeline`] run stopped before the end.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError<E> {
    /// The worker threads could not be started.
    #[error("cannot start the worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    /// The work function or the sink returned an error; the run stopped there.
    #[error(transparent)]
    Stopped(E),
}

/// The progress callback of a [`Pipeline`].
type ProgressFn<'p> = Box<dyn FnMut(&Progress<'_>) + 'p>;

/// Cleans a list of sources on worker threads and hands each result to a sink on the
/// calling thread in source order, whatever the number of threads. Each thread takes
/// the next source as soon as it is free (no thread waits for a slow one), and at most
/// a window of sources is out at once, so memory stays bounded however many sources
/// there are.
///
/// ```
/// use deboil::pipeline::{Outcome, Pipeline, Source};
///
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("story.txt");
/// std::fs::write(&path, "A headline\n\nThe first paragraph of the story, long enough to read as prose.\n").unwrap();
/// let sources = vec![Source::file(&path), Source::file(&dir.path().join("missing.txt"))];
///
/// let mut done = 0;
/// let mut ids = Vec::new();
/// let summary = Pipeline::new(deboil::Options::default())
///     .threads(2)
///     .on_progress(|progress| done = progress.done)
///     .run(&sources, |source, outcome| {
///         if let Outcome::Record(record) = outcome {
///             ids.push((source.id.clone(), record.is_ok()));
///         }
///         Ok::<(), std::io::Error>(())
///     })
///     .unwrap();
/// assert_eq!(ids.len(), 2);
/// assert!(ids[0].1 && !ids[1].1);
/// assert_eq!((summary.cleaned, summary.errors), (1, 1));
/// assert_eq!(done, 2);
/// ```
pub struct Pipeline<'p> {
    options: Options,
    threads: usize,
    window: usize,
    progress: Option<ProgressFn<'p>>,
}

impl<'p> Pipeline<'p> {
    /// How many sources may be out at once (taken and not yet handed to the sink),
    /// unless [`Pipeline::window`] says otherwise.
    pub const DEFAULT_WINDOW: usize = 256;

    /// A pipeline cleaning with `options`, one thread per CPU.
    pub fn new(options: Options) -> Self {
        Pipeline {
            options,
            threads: 0,
            window: Self::DEFAULT_WINDOW,
            progress: None,
        }
    }

    /// Use `threads` worker threads (0: one per CPU).
    pub fn threads(mut self, threads: usize) -> Self {
        self.threads = threads;
        self
    }

    /// Let at most `size` sources (at least one) be out at once: taken from the list
    /// and not yet handed to the sink. A slow source holds back the sink, and the other
    /// threads go on with the sources after it until the window is full.
    pub fn window(mut self, size: usize) -> Self {
        self.window = size.max(1);
        self
    }

    /// Call `progress` on the calling thread after each source has gone to the sink.
    pub fn on_progress(mut self, progress: impl FnMut(&Progress<'_>) + 'p) -> Self {
        self.progress = Some(Box::new(progress));
        self
    }

    /// The cleaning options.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Clean every source with [`clean_source`] and hand each result, in order, to
    /// `sink`; an error from the sink stops the run. Returns the run's summary.
    pub fn run<E, S>(&mut self, sources: &[Source], sink: S) -> Result<Summary, PipelineError<E>>
    where
        E: Send,
        S: FnMut(&Source, Outcome) -> Result<(), E>,
    {
        let clean = |_: usize, source: &Source, options: &Options| {
            Ok(Outcome::Record(clean_source(source, options)))
        };
        self.run_with(sources, clean, sink)
    }

    /// Run `work(index, source, options)` on the worker threads for every source and
    /// hand each outcome, in order, to `sink` on the calling thread. An error from
    /// either stops the run at that source. Returns the run's summary.
    pub fn run_with<E, W, S>(
        &mut self,
        sources: &[Source],
        work: W,
        sink: S,
    ) -> Result<Summary, PipelineError<E>>
    where
        E: Send,
        W: Fn(usize, &Source, &Options) -> Result<Outcome, E> + Sync,
        S: FnMut(&Source, Outcome) -> Result<(), E>,
    {
        self.run_stream(sources.iter(), Some(sources.len()), work, sink)
    }

    /// [`Pipeline::run_with`] over sources that are produced as the run goes (the lines
    /// of a stream): a source is taken from `sources` only when fewer than the window are
    /// out, so only that many sources are in memory at once. `total`, when
    /// known, is the number of sources, for the progress callback (otherwise it sees
    /// the number done so far).
    pub fn run_stream<E, I, W, S>(
        &mut self,
        sources: I,
        total: Option<usize>,
        work: W,
        mut sink: S,
    ) -> Result<Summary, PipelineError<E>>
    where
        E: Send,
        I: IntoIterator,
        I::IntoIter: Send,
        I::Item: Borrow<Source> + Send,
        W: Fn(usize, &Source, &Options) -> Result<Outcome, E> + Sync,
        S: FnMut(&Source, Outcome) -> Result<(), E>,
    {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(self.threads)
            .build()?;
        let started = Instant::now();
        let mut tally = Tally::default();
        let mut done = 0usize;
        let options = self.options.clone();
        let work = |index: usize, item: &I::Item| work(index, item.borrow(), &options);
        ordered_map(
            &pool,
            self.window,
            sources.into_iter(),
            work,
            |item, outcome| {
                let outcome = outcome?;
                tally.add(&outcome);
                sink(item.borrow(), outcome)?;
                done += 1;
                self.report(done, total.unwrap_or(done), &tally, started);
                Ok(())
            },
        )
        .map_err(PipelineError::Stopped)?;
        Ok(tally.summary(done, started.elapsed()))
    }

    /// Call the progress callback, if any.
    fn report(&mut self, done: usize, total: usize, tally: &Tally, started: Instant) {
        if let Some(progress) = &mut self.progress {
            progress(&Progress {
                done,
                total,
                tally,
                elapsed: started.elapsed(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn file_arguments_keep_the_path_as_given_and_any_extension() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.md");
        fs::write(&path, "x").unwrap();
        let sources = collect_sources(std::slice::from_ref(&path)).sources;
        assert_eq!(sources.len(), 1);
        assert_eq!(sources[0].id, path.display().to_string());
        assert!(matches!(sources[0].input, Input::File(_)));
        assert!(matches!(sources[0].origin, Origin::Argument));
    }

    #[test]
    fn stdin_is_the_default_and_dash() {
        let none = collect_sources(&[]).sources;
        assert_eq!(
            (none[0].id.as_str(), none[0].source.as_str()),
            ("stdin", "-")
        );
        let dash = collect_sources(&[PathBuf::from("-")]).sources;
        assert!(matches!(dash[0].input, Input::Stdin));
    }

    #[test]
    fn missing_paths_become_io_error_records() {
        let sources = collect_sources(&[PathBuf::from("/no/such/file.txt")]).sources;
        let record = clean_source(&sources[0], &Options::default()).unwrap_err();
        assert_eq!(record.id, "/no/such/file.txt");
        assert_eq!(record.error.kind, "io");
        assert!(record.error.message.contains("No such file"), "{record:?}");
    }

    #[test]
    fn binary_file_becomes_a_binary_error_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("photo.html");
        fs::write(&path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let record = clean_source(&Source::file(&path), &Options::default()).unwrap_err();
        assert_eq!(record.error.kind, "binary");
    }

    #[test]
    fn oversized_file_is_refused_without_reading_it_all() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        fs::write(&path, vec![b'a'; 5000]).unwrap();
        let err = read_source(&Source::file(&path), 1000).unwrap_err();
        assert!(matches!(err, CleanError::TooLarge { limit: 1000 }));
        assert_eq!(read_source(&Source::file(&path), 5000).unwrap().len(), 5000);
    }

    /// `count` story files in a temporary directory, as sources.
    fn stories(count: usize) -> (tempfile::TempDir, Vec<Source>) {
        let dir = tempfile::tempdir().unwrap();
        let sources = (0..count)
            .map(|i| {
                let path = dir.path().join(format!("{i:03}.txt"));
                let text = format!(
                    "Story {i}\n\nThe paragraph of story number {i}, long enough to be prose.\n"
                );
                fs::write(&path, text).unwrap();
                Source::file(&path)
            })
            .collect();
        (dir, sources)
    }

    #[test]
    fn pipeline_hands_results_in_order_whatever_the_threads() {
        let (_dir, sources) = stories(23);
        let mut seen = Vec::new();
        let mut last = (0, 0);
        let summary = Pipeline::new(Options::default())
            .threads(4)
            .window(5)
            .on_progress(|p| last = (p.done, p.total))
            .run(&sources, |source, outcome| {
                assert!(matches!(outcome, Outcome::Record(Ok(_))));
                seen.push(source.id.clone());
                Ok::<(), ()>(())
            })
            .unwrap();
        let expected: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
        assert_eq!(seen, expected);
        assert_eq!(last, (23, 23));
        assert_eq!(
            (summary.inputs, summary.cleaned, summary.errors),
            (23, 23, 0)
        );
    }

    #[test]
    fn streamed_sources_are_taken_a_window_at_a_time_and_kept_in_order() {
        let (_dir, sources) = stories(40);
        let taken = std::sync::atomic::AtomicUsize::new(0);
        let stream = sources.iter().inspect(|_| {
            taken.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        });
        let mut seen = Vec::new();
        let mut most_ahead = 0;
        let summary = Pipeline::new(Options::default())
            .threads(2)
            .window(4)
            .on_progress(|p| assert_eq!(p.total, p.done, "an unknown total follows the count"))
            .run_stream(
                stream,
                None,
                |_, s, o| Ok(Outcome::Record(clean_source(s, o))),
                |source, _| {
                    let ahead = taken.load(std::sync::atomic::Ordering::SeqCst) - seen.len();
                    most_ahead = most_ahead.max(ahead);
                    seen.push(source.id.clone());
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        let expected: Vec<String> = sources.iter().map(|s| s.id.clone()).collect();
        assert_eq!(seen, expected);
        assert_eq!((summary.inputs, summary.cleaned), (40, 40));
        // The window, plus the source the sink is handed.
        assert!(
            most_ahead <= 4 + 1,
            "at most the window ahead of the sink: {most_ahead}"
        );
    }

    #[test]
    fn pipeline_stops_at_the_first_error_in_order() {
        let (_dir, sources) = stories(10);
        let mut seen = 0;
        let work = |index: usize, _: &Source, _: &Options| match index {
            4 | 7 => Err(index),
            _ => Ok(Outcome::Skipped),
        };
        let result =
            Pipeline::new(Options::default())
                .window(3)
                .run_with(&sources, work, |_, _| {
                    seen += 1;
                    Ok(())
                });
        assert!(matches!(result, Err(PipelineError::Stopped(4))));
        assert_eq!(seen, 4);
    }
}
