//! Lines that are one phrase printed twice ("Storm hits coast Storm hits coast"): alt
//! text and media titles glued together by an extractor.

use crate::block::Block;
use crate::reason::Reason;
use crate::text::is_prose;

/// Remove doubled lines after the first paragraph of prose (before it, a doubled line
/// is the headline printed twice, which the layout pass places).
pub fn remove(blocks: &mut [Block]) {
    let first_prose = blocks.iter().position(is_prose).unwrap_or(blocks.len());
    for block in blocks[first_prose..].iter_mut().filter(|b| b.is_body()) {
        if doubled_half(&block.text).is_some() {
            block.remove(Reason::DoubledLine);
        }
    }
}

/// If `text` is a phrase of at least two words written twice, that phrase.
pub fn doubled_half(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = words.len();
    if n < 4 || n % 2 != 0 {
        return None;
    }
    let (first, second) = words.split_at(n / 2);
    if !first[0].eq_ignore_ascii_case(second[0])
        && first[0].to_lowercase() != second[0].to_lowercase()
    {
        return None;
    }
    let same = first
        .iter()
        .zip(second)
        .all(|(a, b)| a.to_lowercase() == b.to_lowercase());
    same.then(|| first.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_doubled_phrases_only() {
        assert_eq!(
            doubled_half("Storm hits coast Storm hits coast").as_deref(),
            Some("Storm hits coast")
        );
        assert_eq!(doubled_half("Bye bye"), None);
        assert_eq!(doubled_half("It is what it is"), None);
        assert_eq!(doubled_half("very very"), None);
    }
}
