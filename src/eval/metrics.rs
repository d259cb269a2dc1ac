//! The two corpus metrics, exactly as the reference scorers in `shared/tools/` compute
//! them (`snippet_score.py` and `word_score.py`).
//!
//! Python's `re` module with `str` patterns decides white space and word characters
//! by its own Unicode rules, which differ slightly from Rust's: `\s` also matches the
//! information separators U+001C..U+001F, and `\w` is exactly the general categories
//! `L*` and `N*` plus `_` (no combining marks). Both are reproduced here.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

/// Python's `\w+` for `str` patterns: letters, numbers and the underscore.
static WORD: LazyLock<Regex> = LazyLock::new(|| {
    // A constant pattern, compiled (and covered by tests) the first time it is used.
    Regex::new(r"[\p{L}\p{N}_]+").expect("the word pattern is a valid constant")
});

/// Whether Python's `\s` (and `str.strip`) treats `c` as white space.
pub fn is_python_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Runs of white space become one space; leading and trailing white space is removed
/// (Python's `re.sub(r"\s+", " ", t).strip()`).
pub fn normalize_space(text: &str) -> String {
    text.split(is_python_space)
        .filter(|piece| !piece.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Segment counts of the snippet metric, for one page or summed over many.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SnippetCounts {
    /// `with` segments found in the text.
    pub tp: usize,
    /// `without` segments found in the text.
    pub fp: usize,
    /// `with` segments missing from the text.
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// `without` segments missing from the text.
    pub tn: usize,
}

impl SnippetCounts {
    /// Count the segments of one page. `None` is a failed page: it extracted nothing,
    /// so every `with` segment is missed and every `without` segment avoided.
    pub fn page(text: Option<&str>, with: &[String], without: &[String]) -> Self {
        let text = text.map(normalize_space);
        let found = |segment: &String| {
            text.as_deref()
                .is_some_and(|t| t.contains(&normalize_space(segment)))
        };
        let with_found = with.iter().filter(|s| found(s)).count();
        let without_found = without.iter().filter(|s| found(s)).count();
        SnippetCounts {
            tp: with_found,
            fn_: with.len() - with_found,
            fp: without_found,
            tn: without.len() - without_found,
        }
    }

    /// tp / (tp + fp), or 0 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), or 0 without `with` segments.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// 2tp / (2tp + fp + fn), or 0 when tp is 0.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }

    /// Precision, recall and F1 together.
    pub fn prf(&self) -> Prf {
        Prf {
            precision: self.precision(),
            recall: self.recall(),
            f1: self.f1(),
        }
    }
}

impl std::ops::Add for SnippetCounts {
    type Output = Self;

    /// The sum of two counts.
    fn add(self, other: Self) -> Self {
        SnippetCounts {
            tp: self.tp + other.tp,
            fp: self.fp + other.fp,
            fn_: self.fn_ + other.fn_,
            tn: self.tn + other.tn,
        }
    }
}

/// `part / whole` as a float, 0 when `part` or `whole` is 0.
fn ratio(part: usize, whole: usize) -> f64 {
    if part == 0 || whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Precision, recall and F1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1, the harmonic mean of precision and recall.
    pub f1: f64,
}

impl Prf {
    /// All three figures equal to `value`.
    fn all(value: f64) -> Self {
        Prf {
            precision: value,
            recall: value,
            f1: value,
        }
    }
}

/// The word tokens of the metric: the text lowercased, split into `\w+` runs.
pub fn word_tokens(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    WORD.find_iter(&lower)
        .map(|m| m.as_str().to_owned())
        .collect()
}

/// The number of tokens the two lists share, counted as multisets.
pub fn multiset_overlap(predicted: &[String], reference: &[String]) -> usize {
    let mut left: HashMap<&str, usize> = HashMap::new();
    for token in reference {
        *left.entry(token.as_str()).or_default() += 1;
    }
    predicted
        .iter()
        .filter(|token| match left.get_mut(token.as_str()) {
            Some(count) if *count > 0 => {
                *count -= 1;
                true
            }
            _ => false,
        })
        .count()
}

/// The word metric of one page. `None` (a failed page) counts as an empty text. An
/// empty reference scores 1 for an empty prediction and 0 otherwise.
pub fn word_prf(prediction: Option<&str>, reference: &str) -> Prf {
    let predicted = word_tokens(prediction.unwrap_or(""));
    let reference = word_tokens(reference);
    if reference.is_empty() {
        return Prf::all(if predicted.is_empty() { 1.0 } else { 0.0 });
    }
    if predicted.is_empty() {
        return Prf::all(0.0);
    }
    let overlap = multiset_overlap(&predicted, &reference) as f64;
    let precision = overlap / predicted.len() as f64;
    let recall = overlap / reference.len() as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Prf {
        precision,
        recall,
        f1,
    }
}

/// The mean of each figure over pages, summed in the given order (0 for no pages).
pub fn mean_prf(scores: &[Prf]) -> Prf {
    if scores.is_empty() {
        return Prf::default();
    }
    let n = scores.len() as f64;
    let sum = |figure: fn(&Prf) -> f64| scores.iter().map(figure).sum::<f64>() / n;
    Prf {
        precision: sum(|s| s.precision),
        recall: sum(|s| s.recall),
        f1: sum(|s| s.f1),
    }
}
