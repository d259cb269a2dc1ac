//! Scoring systems' predictions against the annotations.

use std::collections::BTreeMap;

use super::corpus::{SnippetPage, WcxbPage};
use super::metadata::MetaFigures;
use super::metrics::{mean_prf, word_prf, Prf, SnippetCounts};
use super::report::{PageScore, TypeScore, WordFigures};

/// Snippet counts of one system's texts, summed over pages.
pub fn score_snippets(pages: &[(String, SnippetPage)], texts: &[Option<&str>]) -> SnippetCounts {
    pages
        .iter()
        .zip(texts)
        .map(|((_, page), text)| SnippetCounts::page(*text, &page.with, &page.without))
        .fold(SnippetCounts::default(), |sum, page| sum + page)
}

/// The word metric of one system's texts, per page, in page order.
pub fn score_words(pages: &[(String, WcxbPage)], texts: &[Option<&str>]) -> Vec<Prf> {
    pages
        .iter()
        .zip(texts)
        .map(|((_, page), text)| word_prf(*text, &page.main_content))
        .collect()
}

/// Mean figures over all pages and per page type, of one system's per-page scores.
pub fn word_figures(pages: &[(String, WcxbPage)], scores: &[Prf]) -> WordFigures {
    let mut by_type: BTreeMap<String, Vec<Prf>> = BTreeMap::new();
    for ((_, page), score) in pages.iter().zip(scores) {
        by_type
            .entry(page.page_type.clone())
            .or_default()
            .push(*score);
    }
    WordFigures {
        all: type_score(scores),
        by_type: by_type
            .into_iter()
            .map(|(page_type, prfs)| (page_type, type_score(&prfs)))
            .collect(),
    }
}

/// Page count and mean figures of a group of pages.
fn type_score(prfs: &[Prf]) -> TypeScore {
    TypeScore {
        n: prfs.len(),
        prf: mean_prf(prfs),
    }
}

/// Metadata accuracy of one system on the article pages (`meta` aligned with `pages`).
pub fn score_metadata(
    pages: &[(String, WcxbPage)],
    meta: &[Option<&super::metadata::MetaValues>],
) -> MetaFigures {
    let references: Vec<_> = pages
        .iter()
        .map(|(_, page)| page.reference_meta())
        .collect();
    let pairs = pages
        .iter()
        .zip(meta)
        .zip(&references)
        .filter(|(((_, page), _), _)| page.is_article())
        .map(|((_, predicted), reference)| (*predicted, reference));
    MetaFigures::score(pairs)
}

/// The `n` pages with the lowest F1 in `scores` (ties by id), lowest first, each with
/// the naive baseline's figures beside.
pub fn worst_pages(
    pages: &[(String, WcxbPage)],
    naive: &[Prf],
    scores: &[Prf],
    n: usize,
) -> Vec<PageScore> {
    let mut all: Vec<PageScore> = pages
        .iter()
        .zip(naive.iter().zip(scores))
        .map(|((id, page), (naive, cleaned))| PageScore {
            id: id.clone(),
            page_type: page.page_type.clone(),
            naive: *naive,
            cleaned: *cleaned,
        })
        .collect();
    all.sort_by(|a, b| {
        a.cleaned
            .f1
            .total_cmp(&b.cleaned.f1)
            .then_with(|| a.id.cmp(&b.id))
    });
    all.truncate(n);
    all
}
