//! Text similarity for near-duplicate detection: word shingles and containment.

use rustc_hash::FxHashSet;

/// A set of word shingle hashes. The keys are hashes already, so the set hashes them
/// with the cheap Fx hash instead of the default SipHash.
pub type Shingles = FxHashSet<u64>;

/// Words per shingle.
const SHINGLE: usize = 3;

/// The set of hashed word 3-grams of a text (lower-cased, punctuation trimmed).
pub fn shingles(text: &str) -> Shingles {
    let words = word_hashes(text);
    if words.len() < SHINGLE {
        return words.into_iter().collect();
    }
    words.windows(SHINGLE).map(shingle_hash).collect()
}

/// The first of a text's word 3-grams, as [`shingles`] hashes it; `None` for a text of
/// fewer than three words.
pub fn first_shingle(text: &str) -> Option<u64> {
    let words: Vec<u64> = word_hashes(text).into_iter().take(SHINGLE).collect();
    (words.len() == SHINGLE).then(|| shingle_hash(&words))
}

/// The hashes of a text's words (lower-cased, punctuation trimmed, empty words left out).
fn word_hashes(text: &str) -> Vec<u64> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .map(word_hash)
        .collect()
}

/// The hash of one shingle from its words' hashes.
fn shingle_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0u64, |h, &x| h.rotate_left(21) ^ x.wrapping_mul(MIX))
}

/// Odd 64-bit constant for mixing hashes.
const MIX: u64 = 0x9E37_79B9_7F4A_7C15;

/// FNV-1a hash of a word, lower-cased on the fly, with typographic apostrophes read as
/// the typewriter one (a copy retyped or reformatted often changes only those).
fn word_hash(word: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let folded = word.chars().map(|c| match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        c => c,
    });
    for c in folded.flat_map(char::to_lowercase) {
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

/// Whether two texts are one text printed twice: of similar size (the smaller at least
/// 80% of the larger) and each missing few of the other's shingles, or the smaller
/// printed whole inside a text at most twice its size (a pull quote, a teaser's lead).
/// Stricter than [`near_duplicate`]: two paragraphs that share much of their wording
/// (a paraphrase, a restated paragraph, two variants of a clause, recipe steps) are
/// different texts.
pub fn repeated(a: &Shingles, b: &Shingles) -> bool {
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() || small.len() * 2 < large.len() {
        return false;
    }
    let shared = small.intersection(large).count();
    if !few_missing(small.len(), shared) {
        return false;
    }
    small.len() * 5 < large.len() * 4 || few_missing(large.len(), shared)
}

/// Whether a copy with `len` shingles, `shared` of them in the other copy, misses few:
/// at most one shingle in twenty (one at least is forgiven) and at most 15%.
fn few_missing(len: usize, shared: usize) -> bool {
    let missing = len - shared;
    missing <= (len / 20).max(3) && missing * 100 <= len * 15
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

    #[test]
    fn a_text_printed_twice_repeats() {
        let a = shingles("The ferry to the islands will run twice a day from the first of June until the end of September.");
        let b = shingles("The ferry to the islands will run twice a day from the first of June until the end of September!");
        assert!(repeated(&a, &b));
        let lead =
            shingles("The ferry to the islands will run twice a day from the first of June.");
        let whole = shingles("The ferry to the islands will run twice a day from the first of June. Tickets go on sale in May.");
        assert!(repeated(&lead, &whole));
    }

    #[test]
    fn apostrophes_are_one_letter() {
        let curly =
            shingles("The farmer\u{2019}s tea bushes have gone weeks without rain this season.");
        let straight =
            shingles("The farmer's tea bushes have gone weeks without rain this season.");
        assert!(repeated(&curly, &straight));
    }

    #[test]
    fn shared_wording_is_not_a_repeat() {
        let a = shingles("Stir the flour into the melted butter and cook the mixture for two minutes over a low heat.");
        let b = shingles("Stir the sugar into the melted butter and cook the mixture for five minutes over a low heat.");
        assert!(!repeated(&a, &b));
        let short = shingles("The ferry to the islands will run twice a day.");
        let long = shingles("The ferry to the islands will run twice a day from the first of June until the end of September, the harbour office said on Friday after a long meeting.");
        assert!(!repeated(&short, &long));
    }
}
