//! Text similarity for near-duplicate detection: word shingles and containment.

use std::collections::HashSet;

/// Words per shingle.
const SHINGLE: usize = 3;

/// The set of hashed word 3-grams of a text (lower-cased, punctuation trimmed).
pub fn shingles(text: &str) -> HashSet<u64> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < SHINGLE {
        return words.iter().map(|w| hash(&[w.as_str()])).collect();
    }
    words
        .windows(SHINGLE)
        .map(|w| hash(&w.iter().map(String::as_str).collect::<Vec<_>>()))
        .collect()
}

/// Share of the smaller set that the larger set also holds (0.0 to 1.0).
pub fn containment(a: &HashSet<u64>, b: &HashSet<u64>) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    small.intersection(large).count() as f32 / small.len() as f32
}

/// Whether two texts are near-duplicates: the smaller is at least half the size of the
/// larger and at least 85% of its shingles are in the larger.
pub fn near_duplicate(a: &HashSet<u64>, b: &HashSet<u64>) -> bool {
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    small * 2 >= large && containment(a, b) >= 0.85
}

fn hash(words: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    words.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_with_dateline_is_near_duplicate_of_standfirst() {
        let a = shingles("Backed by air support, troops took the old town from the rebels today in a major victory.");
        let b = shingles("Kalam: Backed by air support, troops took the old town from the rebels today in a major victory.");
        assert!(near_duplicate(&a, &b));
    }

    #[test]
    fn different_paragraphs_are_not() {
        let a =
            shingles("The council approved the budget on Tuesday after a long debate about roads.");
        let b = shingles(
            "The council rejected the plan on Friday after a short debate about parks and schools.",
        );
        assert!(!near_duplicate(&a, &b));
    }
}
