//! The annotated corpora: annotation files and the gzip-compressed pages they point to.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;
use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::metadata::MetaValues;
use super::EvalError;
use crate::{document, DEFAULT_MAX_BYTES};

/// Which corpus (the value of `--only`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CorpusName {
    /// `trafilatura-eval/`: snippet annotations, many languages.
    Trafilatura,
    /// `wcxb-dev/`: full main text, seven page types.
    Wcxb,
}

impl CorpusName {
    /// The short name used in dumps and JSON (`trafilatura`, `wcxb`).
    pub fn name(self) -> &'static str {
        match self {
            CorpusName::Trafilatura => "trafilatura",
            CorpusName::Wcxb => "wcxb",
        }
    }

    /// The corpus directory under the corpus root.
    pub fn dir(self) -> &'static str {
        match self {
            CorpusName::Trafilatura => "trafilatura-eval",
            CorpusName::Wcxb => "wcxb-dev",
        }
    }
}

/// One page of `trafilatura-eval/annotations.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct SnippetPage {
    /// The page file, relative to the corpus directory.
    pub file: String,
    /// Segments the main text must contain.
    #[serde(default)]
    pub with: Vec<String>,
    /// Segments the main text must not contain.
    #[serde(default)]
    pub without: Vec<String>,
}

/// One page of `wcxb-dev/annotations.json` (the fields the eval uses).
#[derive(Debug, Clone, Deserialize)]
pub struct WcxbPage {
    /// The page file, relative to the corpus directory.
    pub file: String,
    /// The page type (`article`, `forum`, ...); `article` when absent.
    #[serde(default = "default_page_type")]
    pub page_type: String,
    /// The reference main text (without the headline).
    pub main_content: String,
    /// The reference title.
    #[serde(default)]
    pub title: Option<String>,
    /// The reference author names.
    #[serde(default)]
    pub author: Option<String>,
    /// The reference publication date (`YYYY-MM-DD`, a few `YYYY-MM`).
    #[serde(default)]
    pub published: Option<String>,
}

impl WcxbPage {
    /// The reference metadata, in the shape of a record's.
    pub fn reference_meta(&self) -> MetaValues {
        MetaValues {
            title: self.title.clone(),
            byline: self.author.clone(),
            published: self.published.clone(),
        }
    }

    /// Whether the page is an article (the pages metadata is scored on).
    pub fn is_article(&self) -> bool {
        self.page_type == "article"
    }
}

/// The page type the reference scorer assumes when none is given.
fn default_page_type() -> String {
    "article".to_owned()
}

/// A corpus loaded from disk: its directory and its pages, sorted by id.
#[derive(Debug, Clone)]
pub struct Corpus<T> {
    /// The corpus directory (page files are relative to it).
    pub dir: PathBuf,
    /// Page id and annotation, in id order.
    pub pages: Vec<(String, T)>,
}

impl<T: DeserializeOwned> Corpus<T> {
    /// Read `<root>/<dir>/annotations.json`, keeping the first `limit` pages by id.
    pub fn load(root: &Path, name: CorpusName, limit: Option<usize>) -> Result<Self, EvalError> {
        let dir = root.join(name.dir());
        let path = dir.join("annotations.json");
        let file = File::open(&path).map_err(|cause| EvalError::Io {
            path: path.clone(),
            cause,
        })?;
        let all: BTreeMap<String, T> = serde_json::from_reader(BufReader::new(file))
            .map_err(|cause| EvalError::Json { path, cause })?;
        let pages = all.into_iter().take(limit.unwrap_or(usize::MAX)).collect();
        Ok(Corpus { dir, pages })
    }
}

/// Read a page: gunzip the file (at most [`DEFAULT_MAX_BYTES`] plus one byte, so that
/// the decoder can report an oversized page) and decode its bytes with
/// [`document::decode`].
pub fn read_page(path: &Path) -> Result<String, String> {
    let file = File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    MultiGzDecoder::new(BufReader::new(file))
        .take(DEFAULT_MAX_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot gunzip {}: {e}", path.display()))?;
    document::decode(&bytes, DEFAULT_MAX_BYTES, None)
        .map(|decoded| decoded.text)
        .map_err(|e| format!("cannot decode {}: {e}", path.display()))
}
