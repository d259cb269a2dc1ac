//! Noise detectors. Each judges blocks independently and removes noise with a reason;
//! phrase-driven detectors read their phrases from [`phrases`] data files.

pub mod byline;
pub mod caption;
pub mod dateline;
pub mod doubled;
pub mod duplicates;
pub mod phrase_lines;
pub mod phrases;
pub mod similarity;
pub mod teasers;
pub mod walls;

use crate::block::Block;
use crate::meta::Found;

/// Run every block-level detector over the blocks, in order; returns the metadata that
/// date lines and bylines gave. Duplicate paragraphs are judged later, after the layout
/// pass has placed title and standfirst (see [`remove_repeats`]).
pub fn detect(blocks: &mut [Block]) -> Found {
    walls::remove(blocks);
    phrase_lines::remove(blocks);
    teasers::remove(blocks);
    let published = dateline::remove(blocks);
    let authors = byline::remove(blocks);
    caption::remove(blocks);
    doubled::remove(blocks);
    Found {
        published,
        authors,
        ..Found::default()
    }
}

/// Remove repeated paragraphs ([`duplicates::remove`]), then captions printed twice
/// that the removed copies kept apart: the clean text shows such lines in a row, so
/// reading it again must find what this pass finds. Runs after the layout pass.
pub fn remove_repeats(blocks: &mut [Block]) {
    duplicates::remove(blocks);
    caption::remove_doubled_captions(blocks);
}
