//! What a block looks like: prose, a short sentence, a heading-shaped line.

use crate::block::{Block, BlockKind};
use crate::noise::walls::ends_sentence;

/// Words from which a block reads as prose whatever its punctuation.
const LONG_PROSE_WORDS: usize = 20;
/// Words from which a block that ends a sentence reads as prose.
const SENTENCE_PROSE_WORDS: usize = 10;
/// Longest heading, in words.
const HEADING_MAX_WORDS: usize = 25;

/// Whether a block reads as a paragraph of prose.
pub fn is_prose(block: &Block) -> bool {
    let words = block.words_upto(LONG_PROSE_WORDS);
    words >= LONG_PROSE_WORDS || (words >= SENTENCE_PROSE_WORDS && ends_sentence(&block.text))
}

/// Whether a block has the shape of a headline or section heading: a short line that
/// does not end like a sentence or a lead-in, and starts with a capital or a digit.
pub fn is_heading_shaped(block: &Block) -> bool {
    let text = block.text.as_str();
    let words = block.words_upto(HEADING_MAX_WORDS);
    let ends_open = text.ends_with([',', ';', ':', '-', '–', '—']);
    let starts_well = text
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric() || !c.is_alphabetic());
    block.kind == BlockKind::Paragraph
        && (1..=HEADING_MAX_WORDS).contains(&words)
        && !text.ends_with('.')
        && !ends_open
        && starts_well
}

/// How much a block speaks for being inside the article's body: prose counts by its
/// length, short sentences and list items a little, short label-like lines against.
pub fn body_score(block: &Block) -> i64 {
    let chars = block.char_count() as i64;
    match block.kind {
        BlockKind::ListItem => 0,
        BlockKind::Table => 20,
        BlockKind::Quote if block.words_upto(5) >= 5 => chars,
        _ if is_prose(block) => chars,
        _ if ends_sentence(&block.text) && block.words_upto(2) >= 2 => 10,
        _ if looks_like_code(&block.text) => 0,
        _ if block.words_upto(3) <= 3 => -25,
        _ => -15,
    }
}

/// Marks that menu and label lines do not have and lines of program code do.
const CODE_MARKS: &[&str] = &["()", " = ", "{", "}", ";", "=>", "->", "::", "[\"", "\"]"];
/// Prompts that open lines of an interactive session.
const CODE_PROMPTS: &[&str] = &[">>>", "...", "$ "];

/// Whether a short line reads as a line of program code (a session prompt, or marks
/// such as `()`, ` = `, braces or `;`): neither prose nor a label, so it neither
/// earns nor costs the body anything.
pub fn looks_like_code(text: &str) -> bool {
    CODE_PROMPTS.iter().any(|p| text.starts_with(p)) || CODE_MARKS.iter().any(|m| text.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str) -> Block {
        Block::new(text.to_owned(), 1)
    }

    #[test]
    fn prose_and_headings() {
        assert!(is_prose(&block(
            "The council met on Tuesday to discuss the new budget plan."
        )));
        assert!(!is_prose(&block("Budget plan approved")));
        assert!(is_heading_shaped(&block("Budget plan approved")));
        assert!(is_heading_shaped(&block("Will the plan work?")));
        assert!(!is_heading_shaped(&block("The plan was approved.")));
        assert!(!is_heading_shaped(&block("He said:")));
        assert!(!is_heading_shaped(&block("lower case start")));
    }

    #[test]
    fn code_lines_are_neither_prose_nor_labels() {
        assert_eq!(body_score(&block(">>> from shop import Basket")), 0);
        assert_eq!(body_score(&block("total = basket.sum()")), 0);
        assert!(body_score(&block("Home")) < 0);
        assert!(body_score(&block("Contact us")) < 0);
    }
}
