//! What each removal reason costs in recall: the share of the reference words that a
//! front end left out, charged to the reason of the removed piece that held them.
//!
//! Per page, the reference words (the metric's `\w+` tokens, as a multiset) less the
//! words the front end kept are the missed words. The record's removed pieces, in page
//! order, charge each missed word once, to their reason; missed words that no removed
//! piece holds (never seen as a block, or dropped with a region) are `unattributed`.
//! Summed over a corpus and divided by all its reference words, a detector that starts
//! eating content shows at once as a larger share.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use serde::Serialize;

use super::metrics::word_tokens;
use crate::Reason;

/// The name under which missed words that no removed piece holds are counted.
pub const UNATTRIBUTED: &str = "unattributed";

/// Reference words missed by one front end over a corpus, by reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecallCost {
    /// All reference words of the corpus (pages that failed included).
    pub reference_words: usize,
    /// Missed reference words per reason code, and [`UNATTRIBUTED`].
    pub missed: BTreeMap<String, usize>,
}

impl RecallCost {
    /// Add one page: its reference text, the kept text and the removed pieces in page
    /// order (`None` for a page that failed: every word is unattributed).
    pub fn add_page(&mut self, reference: &str, kept: Option<(&str, &[(Reason, String)])>) {
        let reference = word_tokens(reference);
        self.reference_words += reference.len();
        let (kept, removed) = kept.unwrap_or(("", &[]));
        let mut missed = missed_words(&reference, &word_tokens(kept));
        for (reason, text) in removed {
            let charged = charge(&mut missed, &word_tokens(text));
            if charged > 0 {
                *self.missed.entry(reason.code().to_owned()).or_default() += charged;
            }
        }
        let rest: usize = missed.values().sum();
        if rest > 0 {
            *self.missed.entry(UNATTRIBUTED.to_owned()).or_default() += rest;
        }
    }

    /// The missed words of each reason as a share of all reference words (0 to 1).
    pub fn shares(&self) -> BTreeMap<&str, f64> {
        self.missed
            .iter()
            .map(|(reason, n)| (reason.as_str(), share(*n, self.reference_words)))
            .collect()
    }

    /// The named figures `<front end>.<corpus>.recall-cost.<reason>` (shares, 0 to 1).
    pub fn insert_figures(&self, figures: &mut BTreeMap<String, f64>, prefix: &str) {
        for (reason, value) in self.shares() {
            figures.insert(format!("{prefix}.recall-cost.{reason}"), value);
        }
    }

    /// The printed rows: reasons by cost, largest first, in percent with 3 decimals.
    pub fn render(&self, out: &mut String, title: &str) {
        let _ = writeln!(
            out,
            "\n{title}: recall cost, reference words missed by reason ({} words)",
            self.reference_words
        );
        let mut rows: Vec<(&str, f64)> = self.shares().into_iter().collect();
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        if rows.is_empty() {
            let _ = writeln!(out, "  (nothing missed)");
        }
        for (reason, value) in rows {
            let _ = writeln!(out, "  {reason:<20} {:>8.3}%", value * 100.0);
        }
    }
}

/// `part / whole`, 0 for an empty whole.
fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The multiset of reference tokens less the kept tokens.
fn missed_words<'a>(reference: &'a [String], kept: &[String]) -> HashMap<&'a str, usize> {
    let mut missed: HashMap<&str, usize> = HashMap::new();
    for token in reference {
        *missed.entry(token.as_str()).or_default() += 1;
    }
    for token in kept {
        if let Some(count) = missed.get_mut(token.as_str()) {
            *count = count.saturating_sub(1);
        }
    }
    missed.retain(|_, n| *n > 0);
    missed
}

/// Take the tokens of a removed piece out of the missed words; how many were taken.
fn charge(missed: &mut HashMap<&str, usize>, tokens: &[String]) -> usize {
    let mut charged = 0;
    for token in tokens {
        if let Some(count) = missed.get_mut(token.as_str()) {
            if *count > 0 {
                *count -= 1;
                charged += 1;
            }
        }
    }
    charged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed(pieces: &[(Reason, &str)]) -> Vec<(Reason, String)> {
        pieces.iter().map(|(r, t)| (*r, (*t).to_owned())).collect()
    }

    #[test]
    fn missed_words_go_to_the_first_piece_that_holds_them() {
        let mut cost = RecallCost::default();
        let pieces = removed(&[
            (Reason::Share, "Share the river story"),
            (Reason::Duplicate, "the river flooded the town"),
        ]);
        cost.add_page(
            "The river flooded the town. Everyone left.",
            Some(("Everyone left.", &pieces)),
        );
        assert_eq!(cost.reference_words, 7);
        // "the", "river" go to share (first); the second "the", "flooded", "town" to
        // duplicate; nothing is left over.
        assert_eq!(cost.missed.get("share"), Some(&2));
        assert_eq!(cost.missed.get("duplicate"), Some(&3));
        assert_eq!(cost.missed.get(UNATTRIBUTED), None);
    }

    #[test]
    fn words_no_piece_holds_are_unattributed() {
        let mut cost = RecallCost::default();
        let pieces = removed(&[(Reason::Navigation, "Home About")]);
        cost.add_page("One two three four", Some(("one two", &pieces)));
        assert_eq!(cost.missed.get(UNATTRIBUTED), Some(&2));
        assert_eq!(cost.missed.get("navigation"), None);
        let shares = cost.shares();
        assert!((shares[UNATTRIBUTED] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn a_failed_page_misses_everything() {
        let mut cost = RecallCost::default();
        cost.add_page("alpha beta", None);
        cost.add_page("gamma", Some(("gamma", &[])));
        assert_eq!(cost.reference_words, 3);
        assert_eq!(cost.missed.get(UNATTRIBUTED), Some(&2));
    }

    #[test]
    fn figures_and_rows_name_each_reason() {
        let mut cost = RecallCost::default();
        let pieces = removed(&[(Reason::Caption, "A photo")]);
        cost.add_page("a photo of the bay", Some(("of the bay", &pieces)));
        let mut figures = BTreeMap::new();
        cost.insert_figures(&mut figures, "html.wcxb-dev");
        assert!((figures["html.wcxb-dev.recall-cost.caption"] - 0.4).abs() < 1e-12);
        let mut out = String::new();
        cost.render(&mut out, "wcxb-dev html");
        assert!(out.contains("caption"), "{out}");
        assert!(out.contains("40.000%"), "{out}");
    }
}
