//! Text similarity for near-duplicate detection: word shingles and containment.

use rustc_hash::FxHashSet;

/// A set of word shingle hashes. The keys are hashes already, so the set hashes them
/// with the cheap Fx hash instead of the default SipHash.
pub type Shingles = FxHashSet<u64>;

/// Words per shingle.
const SHINGLE: usize = 3;

/// The set of hashed word 3-grams of a text (lower-cased, punctuation trimmed).
pub fn shingles(text: &str) -> Shingles {
    let words: Vec<u64> = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect();
    if words.len() < SHINGLE {
        return words.into_iter().collect();
    }
    words
        .windows(SHINGLE)
        .map(|w| {
            w.iter()
                .fold(0u64, |h, &x| h.rotate_left(21) ^ x.wrapping_mul(MIX))
        })
        .collect()
}

/// Odd 64-bit constant for mixing hashes.
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// FNV-1a hash of a word, lower-cased on the fly.
fn word_hash(word: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for c in word.chars().flat_map(char::to_lowercase) {
        let mut buf = [0u8; 4];
        for &byte in c.encode_utf8(&mut buf).as_bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    hash
}

/// Share of the smaller set that the larger set also holds (0.0 to 1.0).
pub fn containment(a: &Shingles, b: &Shingles) -> f32 {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    small.intersection(large).count() as f32 / small.len() as f32
}

/// Whether two texts are near-duplicates: the smaller is at least half the size of the
/// larger and at least 85% of its shingles are in the larger.
pub fn near_duplicate(a: &Shingles, b: &Shingles) -> bool {
    let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
    small * 2 >= large && containment(a, b) >= 0.85
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
