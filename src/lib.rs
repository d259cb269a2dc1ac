//! deboil strips boilerplate and page noise from scraped articles and emits clean
//! article records.
//!
//! The pipeline: bytes are decoded (gzip, charset), a front end turns the document into
//! blocks (lines for plain text, the article region's blocks for HTML pages),
//! independent noise detectors judge the blocks, the layout pass finds title,
//! standfirst and headings, and the [`Article`] record is built with every removed
//! piece and its [`Reason`].
//!
//! The entry points: [`clean`] for one [`Input`] (bytes with an optional name, URL and
//! HTTP content type), [`clean_all`] for many on a thread pool, [`clean_text`],
//! [`clean_html`] and [`clean_bytes`] for the simple cases; all take [`Options`].
//!
//! ```
//! let article = deboil::clean_text("A headline\n\nThe first paragraph of the story, long enough to read as prose.\n2 min read\n", &deboil::Options::default());
//! assert_eq!(article.title.as_deref(), Some("A headline"));
//! assert!(article.removed.iter().any(|r| r.reason == deboil::Reason::ReadingTime));
//! ```
//!
//! The `cli` feature (on by default) adds the `deboil` command line and the modules it
//! is built from; they are not part of the library's API. Build with
//! `default-features = false` for the cleaner alone.

mod address;
mod assemble;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod batch;
mod block;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod boilerplate;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod check;
mod clean_all;
mod document;
mod error;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod eval;
mod html;
mod input;
mod meta;
mod noise;
mod ordered;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod output;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod pipeline;
mod reason;
mod record;
#[cfg(feature = "cli")]
#[doc(hidden)]
pub mod report;
mod text;
pub mod warc;

pub use block::BlockKind;
pub use clean_all::{clean_all, CleanAll};
pub use error::CleanError;
pub use input::Input;
pub use reason::Reason;
pub use record::{Article, BodyBlock, ErrorInfo, ErrorRecord, InputKind, Removal, Stats};

/// Internal stages, exposed only for the project's own benchmarks (the bare-parse
/// floor) and property tests: not part of the API, and may change in any release.
#[doc(hidden)]
pub mod internals {
    pub use crate::block::{Block, Role};
    pub use crate::document::{decode, Decoded};
    pub use crate::html::visible_text;
    pub use crate::noise::duplicates::remove as remove_duplicates;
    pub use crate::text::{normalise, segment};
}

/// Default cap on input size after decompression: 64 MiB.
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;
/// Default deepest HTML element nesting kept as structure; deeper elements are
/// flattened into the element at this depth, their text kept.
pub const DEFAULT_MAX_DEPTH: usize = 512;
/// Default cap on the blocks (paragraphs, lines, cells) of one document: thirty times
/// the most of any page of the project corpora (6,569 blocks of 2,487 pages).
pub const DEFAULT_MAX_BLOCKS: usize = 200_000;

/// Which front end to use for an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputMode {
    /// Sniff the content (and fall back to the file extension when the content is unclear).
    #[default]
    Auto,
    /// Treat the input as plain text.
    Text,
    /// Treat the input as an HTML page.
    Html,
}

/// Settings for cleaning: [`Options::default`], changed with the `with_` methods.
///
/// ```
/// use deboil::{InputMode, Options};
///
/// let options = Options::default()
///     .with_input(InputMode::Html)
///     .with_explain(false)
///     .with_max_bytes(8 << 20);
/// assert!(!options.explain);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Options {
    /// Which front end to use.
    pub input: InputMode,
    /// Keep the list of removed pieces in the record (`removed`); when false it stays empty.
    pub explain: bool,
    /// Largest input accepted, in bytes after decompression.
    pub max_bytes: usize,
    /// Deepest HTML element nesting kept as structure: elements deeper than this are
    /// flattened (their tags ignored, their text kept) and the record gets a warning.
    pub max_depth: usize,
    /// Most blocks a document may have; [`clean_bytes`] gives
    /// [`CleanError::TooManyBlocks`] for more.
    pub max_blocks: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            input: InputMode::Auto,
            explain: true,
            max_bytes: DEFAULT_MAX_BYTES,
            max_depth: DEFAULT_MAX_DEPTH,
            max_blocks: DEFAULT_MAX_BLOCKS,
        }
    }
}

impl Options {
    /// Use this front end ([`InputMode::Auto`] by default).
    pub fn with_input(mut self, input: InputMode) -> Self {
        self.input = input;
        self
    }

    /// Keep the removed pieces in the record's `removed` (true by default).
    pub fn with_explain(mut self, explain: bool) -> Self {
        self.explain = explain;
        self
    }

    /// Refuse inputs larger than this many bytes after decompression
    /// ([`DEFAULT_MAX_BYTES`] by default).
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Self {
        self.max_bytes = max_bytes;
        self
    }

    /// Flatten HTML nested deeper than this ([`DEFAULT_MAX_DEPTH`] by default).
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Refuse documents of more blocks than this ([`DEFAULT_MAX_BLOCKS`] by default).
    pub fn with_max_blocks(mut self, max_blocks: usize) -> Self {
        self.max_blocks = max_blocks;
        self
    }
}

/// Clean plain text (the text front end). Never fails: any string gives a record
/// (the block limit applies in [`clean_bytes`] only).
pub fn clean_text(text: &str, options: &Options) -> Article {
    text_article(
        text,
        text::segment(text),
        options,
        text::SmallSpan::LeaveWhole,
    )
}

/// Clean the visible text of an HTML page whose markup gave no region with the text
/// front end: a small body span among the page's menus is trusted
/// ([`text::SmallSpan::Trust`]).
pub(crate) fn clean_page_text(text: &str, options: &Options) -> Article {
    text_article(text, text::segment(text), options, text::SmallSpan::Trust)
}

/// Clean plain text, refusing text of more than `options.max_blocks` blocks.
fn clean_text_checked(text: &str, options: &Options) -> Result<Article, CleanError> {
    let blocks = text::segment(text);
    if blocks.len() > options.max_blocks {
        return Err(CleanError::TooManyBlocks {
            limit: options.max_blocks,
        });
    }
    Ok(text_article(
        text,
        blocks,
        options,
        text::SmallSpan::LeaveWhole,
    ))
}

/// The record of plain text cut into `blocks`.
fn text_article(
    text: &str,
    mut blocks: Vec<block::Block>,
    options: &Options,
    small: text::SmallSpan,
) -> Article {
    let found = noise::detect(&mut blocks);
    let layout = text::layout_with(&mut blocks, small);
    let mut article = assemble::article(
        InputKind::Text,
        blocks,
        found.merge(layout),
        options.explain,
    );
    article.lang = meta::detect_language(&article.text);
    article.stats.input_bytes = text.len();
    article
}

/// Clean an HTML page given as a string (the HTML front end): the article region is
/// found by scoring the page's blocks, the noise detectors clean it, and the page's
/// metadata (JSON-LD, OpenGraph, `<meta>`) fills the record. Never fails: the block
/// limit applies in [`clean_bytes`] only.
pub fn clean_html(page: &str, options: &Options) -> Article {
    let unlimited = Options {
        max_blocks: usize::MAX,
        ..options.clone()
    };
    let mut article =
        html::clean(page, &unlimited, None).unwrap_or_else(|_| clean_text("", options));
    address::fill_site(&mut article);
    article
}

/// Clean raw bytes: decompress gzip, decode the charset, choose the front end, clean.
///
/// `name_hint` (a file name) helps the choice of front end when the content is unclear.
/// The hard limits of `options` apply: an input over `max_bytes` (after decompression)
/// or with more than `max_blocks` blocks is an error; HTML nested deeper than
/// `max_depth` is flattened, with a warning in the record. [`clean`] does the same for
/// an [`Input`], which can also carry the page's address and HTTP content type.
pub fn clean_bytes(
    bytes: &[u8],
    name_hint: Option<&str>,
    options: &Options,
) -> Result<Article, CleanError> {
    let mut input = Input::new(bytes);
    if let Some(name) = name_hint {
        input = input.with_name(name);
    }
    clean(&input, options)
}

/// Clean one document: decompress gzip, decode the charset, choose the front end, clean,
/// and fill the record's addresses.
///
/// The charset comes from a byte order mark, else the input's HTTP content type, else
/// the page (see [`Input::with_content_type`]). With [`InputMode::Auto`] the content
/// type's media type picks the front end (`text/html` and `application/xhtml+xml`:
/// HTML, `text/plain`: text); for other or no media types the content is sniffed, the
/// input's name breaking ties. The record's `url` is the input's address as given;
/// `canonical` is the page's canonical URL, resolved against that address when
/// relative; `site` falls back to the host of `url`, else of `canonical`. The hard
/// limits of `options` apply as in [`clean_bytes`]; the record's `id` and `source` are
/// left empty for the caller.
pub fn clean(input: &Input<'_>, options: &Options) -> Result<Article, CleanError> {
    let decoded = document::decode(input.bytes(), options.max_bytes, input.charset())?;
    let kind = match options.input {
        InputMode::Text => InputKind::Text,
        InputMode::Html => InputKind::Html,
        InputMode::Auto => input
            .media_kind()
            .unwrap_or_else(|| document::sniff(&decoded.text, input.name())),
    };
    let base = input.url().and_then(address::absolute);
    let mut article = match kind {
        InputKind::Text => clean_text_checked(&decoded.text, options)?,
        InputKind::Html => html::clean(&decoded.text, options, base.as_ref())?,
    };
    article.stats.input_bytes = decoded.input_bytes;
    article.warnings.extend(decoded.warnings);
    article.url = input.url().map(str::to_owned);
    address::fill_site(&mut article);
    Ok(article)
}
