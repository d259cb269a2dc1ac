//! Scoring extracted texts against the annotations.

use std::collections::BTreeMap;

use super::corpus::{SnippetPage, WcxbPage};
use super::metrics::{mean_prf, word_prf, Prf, SnippetCounts};
use super::pages::PageTexts;
use super::report::{PageScore, TypeScore, WordFigures};

/// Snippet counts summed over pages, for the naive and the cleaned texts.
pub fn score_snippets(
    pages: &[(String, SnippetPage)],
    texts: &[PageTexts],
) -> (SnippetCounts, SnippetCounts) {
    pages.iter().zip(texts).fold(
        (SnippetCounts::default(), SnippetCounts::default()),
        |(naive, cleaned), ((_, page), text)| {
            let count =
                |t: &Option<String>| SnippetCounts::page(t.as_deref(), &page.with, &page.without);
            (naive + count(&text.naive), cleaned + count(&text.cleaned))
        },
    )
}

/// The word metric of every page, naive and cleaned, in page order.
pub fn score_words(pages: &[(String, WcxbPage)], texts: &[PageTexts]) -> Vec<PageScore> {
    pages
        .iter()
        .zip(texts)
        .map(|((id, page), text)| PageScore {
            id: id.clone(),
            page_type: page.page_type.clone(),
            naive: word_prf(text.naive.as_deref(), &page.main_content),
            cleaned: word_prf(text.cleaned.as_deref(), &page.main_content),
        })
        .collect()
}

/// Mean figures over all pages and per page type, for one of the texts (`pick`).
pub fn word_figures(scores: &[PageScore], pick: fn(&PageScore) -> Prf) -> WordFigures {
    let mut by_type: BTreeMap<String, Vec<Prf>> = BTreeMap::new();
    for score in scores {
        by_type
            .entry(score.page_type.clone())
            .or_default()
            .push(pick(score));
    }
    let all: Vec<Prf> = scores.iter().map(pick).collect();
    WordFigures {
        all: type_score(&all),
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

/// The `n` pages with the lowest cleaned F1 (ties by id), lowest first.
pub fn worst_pages(scores: &[PageScore], n: usize) -> Vec<PageScore> {
    let mut sorted: Vec<&PageScore> = scores.iter().collect();
    sorted.sort_by(|a, b| {
        a.cleaned
            .f1
            .total_cmp(&b.cleaned.f1)
            .then_with(|| a.id.cmp(&b.id))
    });
    sorted.into_iter().take(n).cloned().collect()
}
