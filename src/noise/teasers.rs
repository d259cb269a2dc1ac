//! Teaser lists: the headlines that follow a "Related articles" or "More from ..." label.
//! Each is a short heading-shaped line that does not introduce prose of its own.

use crate::block::{Block, Role};
use crate::reason::Reason;
use crate::text::{is_heading_shaped, is_prose};

/// Longest label line that can head a teaser list, in words.
const LABEL_MAX_WORDS: usize = 8;

/// Remove the teaser headlines listed under related-content labels.
pub fn remove(blocks: &mut [Block]) {
    let mut i = 0;
    while i < blocks.len() {
        if is_list_label(&blocks[i]) {
            i = remove_list(blocks, i + 1);
        } else {
            i += 1;
        }
    }
}

/// A related or section-footer label standing alone ("RELATED ARTICLES", "More from Sport").
fn is_list_label(block: &Block) -> bool {
    matches!(
        block.role,
        Role::Removed(Reason::Related | Reason::SectionFooter)
    ) && block.words_upto(LABEL_MAX_WORDS) <= LABEL_MAX_WORDS
        && !block.text.contains(':')
}

/// Remove teaser lines from `start`; returns the index after the list.
fn remove_list(blocks: &mut [Block], start: usize) -> usize {
    let mut i = start;
    while i < blocks.len() && is_teaser(blocks, i) {
        blocks[i].remove(Reason::Related);
        i += 1;
    }
    i
}

/// A heading-shaped body line that is not followed by prose (which would make it a
/// section heading).
fn is_teaser(blocks: &[Block], i: usize) -> bool {
    let block = &blocks[i];
    let introduces_prose = blocks.get(i + 1).is_some_and(is_prose);
    block.is_body() && is_heading_shaped(block) && !is_prose(block) && !introduces_prose
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::noise::phrase_lines;
    use crate::text::segment;

    #[test]
    fn headlines_under_a_related_label_go() {
        let mut blocks = segment(
            "The story ends here with a last full sentence of the report.\nRELATED ARTICLES\nBus fares to rise in April\nNew library opens its doors\n",
        );
        phrase_lines::remove(&mut blocks);
        remove(&mut blocks);
        assert_eq!(blocks[0].role, Role::Body);
        assert_eq!(blocks[2].role, Role::Removed(Reason::Related));
        assert_eq!(blocks[3].role, Role::Removed(Reason::Related));
    }

    #[test]
    fn a_section_heading_after_a_label_stays() {
        let mut blocks = segment(
            "Read more\nThe aftermath\nIn the weeks that followed, the town slowly rebuilt its harbour and its school.\n",
        );
        phrase_lines::remove(&mut blocks);
        remove(&mut blocks);
        assert_eq!(blocks[1].role, Role::Body);
    }
}
