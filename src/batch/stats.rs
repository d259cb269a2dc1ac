//! The accounting of a batch: documents cleaned, failed and skipped, bytes, removed
//! text, removals per reason and failures per kind; as one summary line or as JSON.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::Serialize;

use crate::pipeline::Outcome;
use crate::record::{Article, ErrorRecord};

/// Running totals of a batch, added to one outcome at a time.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    /// Inputs cleaned into an article.
    pub cleaned: u64,
    /// Inputs that gave an error record.
    pub errors: u64,
    /// Inputs skipped (their output already existed).
    pub skipped: u64,
    /// Sum of the cleaned records' `stats.input_bytes` (after gzip decompression).
    pub input_bytes: u64,
    /// Sum of the cleaned records' `stats.kept_chars`.
    pub kept_chars: u64,
    /// Sum of the cleaned records' `stats.removed_chars`.
    pub removed_chars: u64,
    /// Removed pieces per reason code (empty with `--no-explain`).
    pub reasons: BTreeMap<String, u64>,
    /// Error records per error kind.
    pub error_kinds: BTreeMap<String, u64>,
}

impl Tally {
    /// Count one outcome.
    pub fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Record(Ok(article)) => self.add_article(article),
            Outcome::Record(Err(error)) => self.add_error(error),
            Outcome::Skipped => self.skipped += 1,
        }
    }

    /// Count a cleaned article.
    fn add_article(&mut self, article: &Article) {
        self.cleaned += 1;
        self.input_bytes += to_u64(article.stats.input_bytes);
        self.kept_chars += to_u64(article.stats.kept_chars);
        self.removed_chars += to_u64(article.stats.removed_chars);
        for removal in &article.removed {
            *self
                .reasons
                .entry(removal.reason.code().to_string())
                .or_default() += 1;
        }
    }

    /// Count an error record.
    fn add_error(&mut self, error: &ErrorRecord) {
        self.errors += 1;
        *self
            .error_kinds
            .entry(error.error.kind.clone())
            .or_default() += 1;
    }

    /// Inputs read and cleaned or failed (not skipped).
    pub fn processed(&self) -> u64 {
        self.cleaned + self.errors
    }

    /// Processed inputs per second over `elapsed`.
    pub fn rate(&self, elapsed: Duration) -> f64 {
        let seconds = elapsed.as_secs_f64();
        if seconds > 0.0 {
            self.processed() as f64 / seconds
        } else {
            0.0
        }
    }

    /// The summary of a run over `inputs` sources that took `elapsed`.
    pub fn summary(&self, inputs: usize, elapsed: Duration) -> Summary {
        let total_chars = self.kept_chars + self.removed_chars;
        let removed_share = if total_chars > 0 {
            self.removed_chars as f64 / total_chars as f64
        } else {
            0.0
        };
        Summary {
            inputs: to_u64(inputs),
            cleaned: self.cleaned,
            errors: self.errors,
            skipped: self.skipped,
            input_bytes: self.input_bytes,
            seconds: elapsed.as_secs_f64(),
            documents_per_second: self.rate(elapsed),
            kept_chars: self.kept_chars,
            removed_chars: self.removed_chars,
            removed_share,
            reasons: self.reasons.clone(),
            error_kinds: self.error_kinds.clone(),
            warc_skipped: BTreeMap::new(),
        }
    }
}

/// A count as `u64` (saturating on the impossible overflow).
fn to_u64(count: usize) -> u64 {
    u64::try_from(count).unwrap_or(u64::MAX)
}

/// The totals of a finished batch (written by `--stats-json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Inputs in the run: `cleaned + errors + skipped`.
    pub inputs: u64,
    /// Inputs cleaned into an article.
    pub cleaned: u64,
    /// Inputs that gave an error record.
    pub errors: u64,
    /// Inputs skipped because their output already existed (`--resume`).
    pub skipped: u64,
    /// Bytes of the cleaned inputs after gzip decompression (the sum of the records'
    /// `stats.input_bytes`).
    pub input_bytes: u64,
    /// Wall-clock seconds of the run.
    pub seconds: f64,
    /// `(cleaned + errors) / seconds`.
    pub documents_per_second: f64,
    /// Characters kept, over all cleaned records.
    pub kept_chars: u64,
    /// Characters removed, over all cleaned records.
    pub removed_chars: u64,
    /// `removed_chars / (kept_chars + removed_chars)`, 0 when both are 0.
    pub removed_share: f64,
    /// Removed pieces per reason code.
    pub reasons: BTreeMap<String, u64>,
    /// Error records per error kind.
    pub error_kinds: BTreeMap<String, u64>,
    /// WARC records that hold no page and gave no record, per kind (see
    /// [`crate::warc::WarcItem::Skipped`]): `request`, `metadata`, `warcinfo`,
    /// `revisit`, `status_NNN`, `non_html`, ...; empty without WARC inputs.
    pub warc_skipped: BTreeMap<String, u64>,
}

impl Summary {
    /// Add the totals of `other`, a run that followed this one: counts, bytes, maps
    /// and seconds add up; the rate and the removed share are computed again.
    pub fn absorb(&mut self, other: &Summary) {
        self.inputs += other.inputs;
        self.cleaned += other.cleaned;
        self.errors += other.errors;
        self.skipped += other.skipped;
        self.input_bytes += other.input_bytes;
        self.seconds += other.seconds;
        self.kept_chars += other.kept_chars;
        self.removed_chars += other.removed_chars;
        for (mine, theirs) in [
            (&mut self.reasons, &other.reasons),
            (&mut self.error_kinds, &other.error_kinds),
            (&mut self.warc_skipped, &other.warc_skipped),
        ] {
            for (key, count) in theirs {
                *mine.entry(key.clone()).or_default() += count;
            }
        }
        let processed = (self.cleaned + self.errors) as f64;
        self.documents_per_second = match self.seconds > 0.0 {
            true => processed / self.seconds,
            false => 0.0,
        };
        let total = self.kept_chars + self.removed_chars;
        self.removed_share = match total {
            0 => 0.0,
            _ => self.removed_chars as f64 / total as f64,
        };
    }

    /// The summary as one line of text, for standard error.
    pub fn line(&self) -> String {
        let mut line = format!(
            "{} cleaned, {} errors, {} skipped, {:.1} MB read, {:.1} documents/s, {:.1}% of text removed",
            self.cleaned,
            self.errors,
            self.skipped,
            megabytes(self.input_bytes),
            self.documents_per_second,
            self.removed_share * 100.0,
        );
        if !self.reasons.is_empty() {
            line.push_str(&format!("; removed: {}", counts(&self.reasons)));
        }
        if !self.error_kinds.is_empty() {
            line.push_str(&format!("; errors: {}", counts(&self.error_kinds)));
        }
        if !self.warc_skipped.is_empty() {
            let skipped = counts(&self.warc_skipped);
            line.push_str(&format!("; WARC records without a page: {skipped}"));
        }
        line
    }
}

/// Bytes in megabytes (10^6).
pub fn megabytes(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// `key count, key count, ...`, largest count first (ties by name).
fn counts(map: &BTreeMap<String, u64>) -> String {
    let mut pairs: Vec<(&String, &u64)> = map.iter().collect();
    pairs.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
    pairs
        .iter()
        .map(|(key, count)| format!("{key} {count}"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{ErrorInfo, InputKind, Removal, Stats};
    use crate::Reason;

    fn article(kept: usize, removed: &[Reason]) -> Article {
        let mut article = crate::clean_text("", &crate::Options::default());
        article.input = InputKind::Text;
        article.removed = removed
            .iter()
            .map(|&reason| Removal {
                reason,
                text: "x".into(),
                line: 1,
            })
            .collect();
        article.stats = Stats {
            input_bytes: 1_000_000,
            kept_chars: kept,
            removed_chars: removed.len() * 10,
        };
        article
    }

    fn failure(kind: &str) -> ErrorRecord {
        ErrorRecord {
            id: "x".into(),
            source: "x".into(),
            error: ErrorInfo {
                kind: kind.into(),
                message: "m".into(),
            },
            warc: None,
        }
    }

    #[test]
    fn tally_counts_outcomes_reasons_and_kinds() {
        let mut tally = Tally::default();
        let share = [Reason::Share, Reason::Share, Reason::Navigation];
        tally.add(&Outcome::Record(Ok(article(70, &share))));
        tally.add(&Outcome::Record(Err(failure("gzip"))));
        tally.add(&Outcome::Record(Err(failure("io"))));
        tally.add(&Outcome::Skipped);
        let summary = tally.summary(4, Duration::from_secs(2));
        assert_eq!(
            (summary.cleaned, summary.errors, summary.skipped),
            (1, 2, 1)
        );
        assert_eq!(summary.removed_share, 0.3);
        assert_eq!(summary.documents_per_second, 1.5);
        assert_eq!(summary.reasons["share"], 2);
        assert_eq!(summary.error_kinds["gzip"], 1);
        assert_eq!(
            summary.line(),
            "1 cleaned, 2 errors, 1 skipped, 1.0 MB read, 1.5 documents/s, 30.0% of text removed; \
             removed: share 2, navigation 1; errors: gzip 1, io 1"
        );
    }

    #[test]
    fn summaries_of_consecutive_runs_add_up() {
        let mut first = Tally::default();
        first.add(&Outcome::Record(Ok(article(70, &[Reason::Share]))));
        let mut second = Tally::default();
        second.add(&Outcome::Record(Ok(article(
            80,
            &[Reason::Share, Reason::Navigation],
        ))));
        second.add(&Outcome::Record(Err(failure("warc"))));
        let mut summary = first.summary(1, Duration::from_secs(1));
        let mut other = second.summary(2, Duration::from_secs(2));
        other.warc_skipped.insert("request".into(), 3);
        summary.absorb(&other);
        assert_eq!((summary.inputs, summary.cleaned, summary.errors), (3, 2, 1));
        assert_eq!(summary.documents_per_second, 1.0);
        assert_eq!(summary.reasons["share"], 2);
        assert_eq!(summary.error_kinds["warc"], 1);
        assert_eq!(summary.warc_skipped["request"], 3);
        assert_eq!(summary.removed_share, 30.0 / 180.0);
    }

    #[test]
    fn empty_run_has_zero_rates() {
        let summary = Tally::default().summary(0, Duration::ZERO);
        assert_eq!(summary.removed_share, 0.0);
        assert_eq!(summary.documents_per_second, 0.0);
        assert_eq!(
            summary.line(),
            "0 cleaned, 0 errors, 0 skipped, 0.0 MB read, 0.0 documents/s, 0.0% of text removed"
        );
    }
}
