//! The systems scored side by side: the naive baseline, each deboil front end under
//! test, and (with `--compare DIR`) another extractor's dumped output.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

use serde::de::DeserializeOwned;

use super::corpus::CorpusName;
use super::metadata::MetaValues;
use super::pages::PageTexts;
use super::{EvalError, FrontEnd};

/// The name of the naive baseline system.
pub const NAIVE: &str = "naive";

/// The name of the system read with `--compare`.
pub const COMPARED: &str = "trafilatura";

/// One system's predictions over a corpus, aligned with the corpus's pages.
#[derive(Debug, Clone)]
pub struct System<'a> {
    /// The system's name (`naive`, `text`, `html`, `trafilatura`).
    pub name: &'static str,
    /// Body text per page; `None` for a page that failed (it extracted nothing).
    pub texts: Vec<Option<&'a str>>,
    /// Metadata per page, for systems that give metadata (not the naive baseline).
    pub meta: Option<Vec<Option<&'a MetaValues>>>,
    /// Whether deboil made these texts (they are dumped with `--dump`).
    pub ours: bool,
}

/// The naive baseline and one system per front end, from the extracted pages.
pub fn deboil_systems<'a>(texts: &'a [PageTexts], front_ends: &[FrontEnd]) -> Vec<System<'a>> {
    let naive = System {
        name: NAIVE,
        texts: texts.iter().map(|t| t.naive.as_deref()).collect(),
        meta: None,
        ours: true,
    };
    let cleaned = front_ends.iter().enumerate().map(|(i, front_end)| {
        let extraction = |t: &'a PageTexts| t.cleaned.get(i).and_then(Option::as_ref);
        System {
            name: front_end.name(),
            texts: texts
                .iter()
                .map(|t| extraction(t).map(|e| e.text.as_str()))
                .collect(),
            meta: Some(
                texts
                    .iter()
                    .map(|t| extraction(t).map(|e| &e.meta))
                    .collect(),
            ),
            ours: true,
        }
    });
    std::iter::once(naive).chain(cleaned).collect()
}

/// Another extractor's output for one corpus, as dumped by `scripts/trafilatura_eval.py`.
#[derive(Debug, Clone, Default)]
pub struct Dumps {
    /// `<corpus>-trafilatura.json`: page id -> body text (null for a failure).
    pub texts: BTreeMap<String, Option<String>>,
    /// `<corpus>-trafilatura-meta.json`: page id -> metadata (empty when not read).
    pub meta: BTreeMap<String, Option<MetaValues>>,
}

impl Dumps {
    /// Read the dumps of `name` from `dir`; the metadata file only when `with_meta`.
    pub fn load(dir: &Path, name: CorpusName, with_meta: bool) -> Result<Self, EvalError> {
        let stem = format!("{}-{COMPARED}", name.name());
        let texts = read_json(&dir.join(format!("{stem}.json")))?;
        let meta = if with_meta {
            read_json(&dir.join(format!("{stem}-meta.json")))?
        } else {
            BTreeMap::new()
        };
        Ok(Dumps { texts, meta })
    }

    /// The dumped predictions for `pages`, in their order; a page missing from the
    /// dumps counts as a failure, as the reference scorers count it.
    pub fn system<'a, T>(&'a self, pages: &[(String, T)]) -> System<'a> {
        System {
            name: COMPARED,
            texts: pages
                .iter()
                .map(|(id, _)| self.texts.get(id).and_then(Option::as_deref))
                .collect(),
            meta: Some(
                pages
                    .iter()
                    .map(|(id, _)| self.meta.get(id).and_then(Option::as_ref))
                    .collect(),
            ),
            ours: false,
        }
    }
}

/// Parse a JSON file.
fn read_json<T: DeserializeOwned>(path: &Path) -> Result<T, EvalError> {
    let file = File::open(path).map_err(|cause| EvalError::Io {
        path: path.to_path_buf(),
        cause,
    })?;
    serde_json::from_reader(BufReader::new(file)).map_err(|cause| EvalError::Json {
        path: path.to_path_buf(),
        cause,
    })
}
