//! The figures of the text front end per input kind (`--kinds`): the raw input and
//! deboil's output of it, side by side, on both corpora.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use super::corpus::{SnippetPage, WcxbPage};
use super::pages::PageTexts;
use super::report::{SnippetFigures, WordFigures};
use super::score::{score_snippets, score_words, word_figures};

/// The name of the usual input kind, the naive visible text.
pub const VISIBLE: &str = "visible";

/// The raw and cleaned figures of one input kind.
#[derive(Debug, Clone, Serialize)]
pub struct KindFigures<T> {
    /// The kind's name (`visible`, `one-line`, `markdown`, `extractor`).
    pub kind: String,
    /// The raw input's figures.
    pub raw: T,
    /// The text front end's figures on that input.
    pub cleaned: T,
}

/// Every input kind's figures, and notes on kinds that could not be made.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindsReport {
    /// Why a kind asked for is missing (an extractor not installed, for example).
    pub notes: Vec<String>,
    /// `trafilatura-eval/` per kind.
    pub trafilatura: Vec<KindFigures<SnippetFigures>>,
    /// `wcxb-dev/` per kind.
    pub wcxb: Vec<KindFigures<WordFigures>>,
}

/// The raw and cleaned texts of kind number `k` (`None` for the visible text, read from
/// the naive text and the text front end at `text_index`).
fn kind_texts(
    texts: &[PageTexts],
    k: Option<usize>,
    text_index: usize,
) -> (Vec<Option<&str>>, Vec<Option<&str>>) {
    texts
        .iter()
        .map(|t| match k {
            None => (
                t.naive.as_deref(),
                t.cleaned
                    .get(text_index)
                    .and_then(Option::as_ref)
                    .map(|e| e.text.as_str()),
            ),
            Some(k) => {
                let kind = t.kinds.get(k).and_then(Option::as_ref);
                (
                    kind.map(|kt| kt.raw.as_str()),
                    kind.map(|kt| kt.cleaned.as_str()),
                )
            }
        })
        .unzip()
}

/// The kinds scored: the visible text when the text front end ran (at `text_index`),
/// then each kind of `names`, by its index in [`PageTexts::kinds`].
fn scored_kinds<'a>(
    names: &'a [&'static str],
    text_index: Option<usize>,
) -> impl Iterator<Item = (&'static str, Option<usize>)> + 'a {
    let visible = text_index.map(|_| (VISIBLE, None));
    visible
        .into_iter()
        .chain(names.iter().enumerate().map(|(k, n)| (*n, Some(k))))
}

/// Snippet figures of every kind on `trafilatura-eval/`.
pub fn snippet_kinds(
    pages: &[(String, SnippetPage)],
    texts: &[PageTexts],
    names: &[&'static str],
    text_index: Option<usize>,
) -> Vec<KindFigures<SnippetFigures>> {
    scored_kinds(names, text_index)
        .map(|(name, k)| {
            let (raw, cleaned) = kind_texts(texts, k, text_index.unwrap_or(0));
            KindFigures {
                kind: name.to_owned(),
                raw: score_snippets(pages, &raw).into(),
                cleaned: score_snippets(pages, &cleaned).into(),
            }
        })
        .collect()
}

/// Word figures of every kind on `wcxb-dev/`.
pub fn word_kinds(
    pages: &[(String, WcxbPage)],
    texts: &[PageTexts],
    names: &[&'static str],
    text_index: Option<usize>,
) -> Vec<KindFigures<WordFigures>> {
    scored_kinds(names, text_index)
        .map(|(name, k)| {
            let (raw, cleaned) = kind_texts(texts, k, text_index.unwrap_or(0));
            KindFigures {
                kind: name.to_owned(),
                raw: word_figures(pages, &score_words(pages, &raw)),
                cleaned: word_figures(pages, &score_words(pages, &cleaned)),
            }
        })
        .collect()
}

impl KindsReport {
    /// The named figures: `raw-<kind>.<corpus>.<group>.f1` and `text-<kind>....`.
    pub fn insert_figures(&self, figures: &mut BTreeMap<String, f64>) {
        for k in &self.trafilatura {
            for (side, f) in [("raw", &k.raw), ("text", &k.cleaned)] {
                let id = format!("{side}-{}.trafilatura-eval.all.f1", k.kind);
                figures.insert(id, f.prf.f1);
            }
        }
        for k in &self.wcxb {
            for (side, f) in [("raw", &k.raw), ("text", &k.cleaned)] {
                let groups = std::iter::once(("all", f.all))
                    .chain(f.by_type.iter().map(|(t, s)| (t.as_str(), *s)));
                for (group, score) in groups {
                    let id = format!("{side}-{}.wcxb-dev.{group}.f1", k.kind);
                    figures.insert(id, score.prf.f1);
                }
            }
        }
    }

    /// The printed tables: F1 of the raw input and of deboil's output, per kind.
    pub fn render(&self, out: &mut String) {
        if self.trafilatura.is_empty() && self.wcxb.is_empty() && self.notes.is_empty() {
            return;
        }
        let _ = writeln!(
            out,
            "\ntext front end by input kind: f1 of the raw input, then deboil's"
        );
        for note in &self.notes {
            let _ = writeln!(out, "  note: {note}");
        }
        let kinds: Vec<&str> = if self.wcxb.is_empty() {
            self.trafilatura.iter().map(|k| k.kind.as_str()).collect()
        } else {
            self.wcxb.iter().map(|k| k.kind.as_str()).collect()
        };
        let mut header = format!("  {:<24}", "corpus / page type");
        for kind in &kinds {
            let _ = write!(header, "   {kind:^15}");
        }
        let _ = writeln!(out, "{header}");
        if !self.trafilatura.is_empty() {
            let _ = write!(out, "  {:<24}", "trafilatura-eval");
            for k in &self.trafilatura {
                let _ = write!(out, "   {:>6.4} {:>8.4}", k.raw.prf.f1, k.cleaned.prf.f1);
            }
            out.push('\n');
        }
        self.render_wcxb(out);
    }

    /// The wcxb-dev rows: all pages, then each page type.
    fn render_wcxb(&self, out: &mut String) {
        let Some(first) = self.wcxb.first() else {
            return;
        };
        let groups = std::iter::once("all").chain(first.raw.by_type.keys().map(String::as_str));
        for group in groups {
            let score = |f: &WordFigures| match group {
                "all" => Some(f.all),
                _ => f.by_type.get(group).copied(),
            };
            let _ = write!(out, "  {:<24}", format!("wcxb-dev {group}"));
            for k in &self.wcxb {
                let raw = score(&k.raw).map_or(0.0, |s| s.prf.f1);
                let cleaned = score(&k.cleaned).map_or(0.0, |s| s.prf.f1);
                let _ = write!(out, "   {raw:>6.4} {cleaned:>8.4}");
            }
            out.push('\n');
        }
    }
}
