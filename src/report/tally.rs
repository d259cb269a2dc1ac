//! The counts a report shows: per document and over the whole report, by reason.

use std::collections::BTreeMap;

use crate::record::{Article, ErrorRecord};
use crate::Reason;

/// Removed pieces of one reason: how many, and their characters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Count {
    /// Removed pieces.
    pub pieces: usize,
    /// Characters of those pieces.
    pub chars: usize,
    /// Documents with at least one such piece (totals only; 1 or 0 for one document).
    pub documents: usize,
}

/// Removals of one document, or of the whole report, by reason.
pub type ByReason = BTreeMap<Reason, Count>;

/// The removals of `article` by reason.
pub fn by_reason(article: &Article) -> ByReason {
    let mut counts = ByReason::new();
    for removal in &article.removed {
        let count = counts.entry(removal.reason).or_default();
        count.pieces += 1;
        count.chars += removal.text.chars().count();
        count.documents = 1;
    }
    counts
}

/// The whole report's totals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Inputs cleaned into an article.
    pub cleaned: usize,
    /// Inputs that gave an error record.
    pub errors: usize,
    /// Body blocks kept.
    pub kept_blocks: usize,
    /// Characters kept (title, standfirst, body).
    pub kept_chars: usize,
    /// Characters removed.
    pub removed_chars: usize,
    /// Removals by reason.
    pub reasons: ByReason,
}

impl Totals {
    /// Count one record, whose removals by reason are `counts`.
    pub fn add(&mut self, record: &Result<Article, ErrorRecord>, counts: &ByReason) {
        let Ok(article) = record else {
            self.errors += 1;
            return;
        };
        self.cleaned += 1;
        self.kept_blocks += article.blocks.len();
        self.kept_chars += article.stats.kept_chars;
        self.removed_chars += article.stats.removed_chars;
        for (reason, count) in counts {
            let total = self.reasons.entry(*reason).or_default();
            total.pieces += count.pieces;
            total.chars += count.chars;
            total.documents += count.documents;
        }
    }

    /// Documents in the report (cleaned or failed).
    pub fn documents(&self) -> usize {
        self.cleaned + self.errors
    }

    /// Removed pieces over all reasons.
    pub fn removed_pieces(&self) -> usize {
        self.reasons.values().map(|c| c.pieces).sum()
    }

    /// Share of the text removed, in percent (0 when there was no text).
    pub fn removed_percent(&self) -> f64 {
        percent(self.removed_chars, self.kept_chars + self.removed_chars)
    }
}

/// `part` of `whole` in percent; 0 for an empty whole.
pub fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_add_documents_and_reasons() {
        let text = "A headline\n\nThe first paragraph of the story, long enough to read as prose.\n2 min read\nShare this article\n";
        let article = crate::clean_text(text, &crate::Options::default());
        let counts = by_reason(&article);
        assert_eq!(
            counts.values().map(|c| c.pieces).sum::<usize>(),
            article.removed.len()
        );
        let mut totals = Totals::default();
        totals.add(&Ok(article.clone()), &counts);
        totals.add(&Ok(article.clone()), &counts);
        let error = ErrorRecord {
            id: "bad".into(),
            source: "bad".into(),
            error: crate::ErrorInfo {
                kind: "binary".into(),
                message: "binary".into(),
            },
            warc: None,
        };
        totals.add(&Err(error), &ByReason::new());
        assert_eq!(
            (totals.cleaned, totals.errors, totals.documents()),
            (2, 1, 3)
        );
        assert_eq!(totals.removed_pieces(), 2 * article.removed.len());
        let reading = totals.reasons[&Reason::ReadingTime];
        assert_eq!((reading.pieces, reading.documents), (2, 2));
        assert_eq!(totals.kept_blocks, 2 * article.blocks.len());
    }

    #[test]
    fn percent_of_nothing_is_zero() {
        assert_eq!(percent(0, 0), 0.0);
        assert_eq!(percent(1, 4), 25.0);
    }
}
