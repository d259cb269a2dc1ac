//! Metadata accuracy: a record's title, byline and date against the `title`, `author`
//! and `published` of a wcxb-dev annotation.
//!
//! Only article pages whose reference has a value (not null, not blank) count. Title and
//! byline hit when they are equal after white-space normalisation ([`normalize_space`]);
//! case and punctuation must match. Dates are compared as calendar days: the reference's
//! ISO prefix must start the predicted value, so `2025-09-04` matches a prediction of
//! `2025-09-04` or `2025-09-04T18:30:00+02:00`. wcxb-dev gives 657 article dates as
//! `YYYY-MM-DD` and two as `YYYY-MM` (month precision); those two are compared at the
//! month (a prediction in that month hits), and a bare year would be compared at the
//! year. A reference that is not ISO at all cannot be compared as a day: it is skipped
//! and counted in [`Tally::skipped`] (wcxb-dev has none). `scripts/trafilatura_eval.py`
//! applies exactly the same rules to trafilatura's metadata.

use serde::{Deserialize, Serialize};

use super::metrics::normalize_space;

/// The metadata values of one extraction (a record's, or trafilatura's).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MetaValues {
    /// The headline.
    #[serde(default)]
    pub title: Option<String>,
    /// The author names.
    #[serde(default)]
    pub byline: Option<String>,
    /// The publication date, ISO 8601 when known.
    #[serde(default)]
    pub published: Option<String>,
}

impl MetaValues {
    /// The value of one field.
    pub fn get(&self, field: MetaField) -> Option<&str> {
        match field {
            MetaField::Title => self.title.as_deref(),
            MetaField::Byline => self.byline.as_deref(),
            MetaField::Published => self.published.as_deref(),
        }
    }
}

/// One of the compared metadata fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The title, against the reference `title`.
    Title,
    /// The byline, against the reference `author`.
    Byline,
    /// The date, against the reference `published` (as calendar days).
    Published,
}

impl MetaField {
    /// Every field, in report order.
    pub const ALL: [MetaField; 3] = [MetaField::Title, MetaField::Byline, MetaField::Published];

    /// The field's name in records, reports and figure ids.
    pub fn name(self) -> &'static str {
        match self {
            MetaField::Title => "title",
            MetaField::Byline => "byline",
            MetaField::Published => "published",
        }
    }
}

/// Whether `predicted` matches `reference` for `field`; `None` when the reference gives
/// no comparable value (blank, or a date that is not ISO), so the page does not count.
pub fn field_hit(field: MetaField, predicted: Option<&str>, reference: &str) -> Option<bool> {
    let reference = normalize_space(reference);
    if reference.is_empty() {
        return None;
    }
    match field {
        MetaField::Title | MetaField::Byline => {
            Some(predicted.is_some_and(|p| normalize_space(p) == reference))
        }
        MetaField::Published => {
            let key = date_key(&reference)?;
            Some(predicted.is_some_and(|p| p.trim().starts_with(key)))
        }
    }
}

/// The ISO prefix of a reference date that a prediction must start with: `YYYY-MM-DD`
/// (the first 10 characters of a full date or date-time), or the whole value when it is
/// `YYYY-MM` or `YYYY`; `None` for anything else.
pub fn date_key(reference: &str) -> Option<&str> {
    let value = reference.trim();
    if let Some(day) = value.get(..10).filter(|d| iso_shape(d)) {
        return Some(day);
    }
    (matches!(value.len(), 4 | 7) && iso_shape(value)).then_some(value)
}

/// Whether `value` is `YYYY`, `YYYY-MM` or `YYYY-MM-DD` digit for digit.
fn iso_shape(value: &str) -> bool {
    const PATTERN: &[u8] = b"dddd-dd-dd";
    value.len() <= PATTERN.len()
        && value.bytes().zip(PATTERN).all(|(byte, &want)| match want {
            b'd' => byte.is_ascii_digit(),
            _ => byte == want,
        })
}

/// Hits over the pages that count, for one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Tally {
    /// Pages whose reference has a comparable value.
    pub count: usize,
    /// Pages whose prediction matches it.
    pub hits: usize,
    /// Pages skipped because the reference value is not comparable (non-ISO dates).
    pub skipped: usize,
    /// hits / count (0 when count is 0).
    pub accuracy: f64,
}

impl Tally {
    /// Add one page's outcome (`None`: reference not comparable).
    pub fn add(&mut self, hit: Option<bool>) {
        match hit {
            Some(hit) => {
                self.count += 1;
                self.hits += usize::from(hit);
            }
            None => self.skipped += 1,
        }
        self.accuracy = if self.count == 0 {
            0.0
        } else {
            self.hits as f64 / self.count as f64
        };
    }
}

/// Metadata accuracy of one system: a tally per field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct MetaFigures {
    /// Title against `title`.
    pub title: Tally,
    /// Byline against `author`.
    pub byline: Tally,
    /// Date against `published`.
    pub published: Tally,
}

impl MetaFigures {
    /// The tally of one field.
    pub fn get(&self, field: MetaField) -> &Tally {
        match field {
            MetaField::Title => &self.title,
            MetaField::Byline => &self.byline,
            MetaField::Published => &self.published,
        }
    }

    /// The tally of one field, to update.
    fn get_mut(&mut self, field: MetaField) -> &mut Tally {
        match field {
            MetaField::Title => &mut self.title,
            MetaField::Byline => &mut self.byline,
            MetaField::Published => &mut self.published,
        }
    }

    /// Score pairs of (prediction, reference). Pages without a reference value for a
    /// field do not count for it; a missing prediction (failed page) is a miss.
    pub fn score<'a>(
        pairs: impl IntoIterator<Item = (Option<&'a MetaValues>, &'a MetaValues)>,
    ) -> Self {
        let mut figures = MetaFigures::default();
        for (predicted, reference) in pairs {
            for field in MetaField::ALL {
                let Some(reference) = reference.get(field) else {
                    continue;
                };
                if normalize_space(reference).is_empty() {
                    continue;
                }
                let predicted = predicted.and_then(|p| p.get(field));
                figures
                    .get_mut(field)
                    .add(field_hit(field, predicted, reference));
            }
        }
        figures
    }
}
