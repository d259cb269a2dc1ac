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
/// pass has placed title and standfirst (see [`duplicates::remove`]).
pub fn detect(blocks: &mut [Block]) -> Found {
    walls::remove(blocks);
    phrase_lines::remove(blocks);
    teasers::remove(blocks);
    let published = dateline::remove(blocks);
    let byline = byline::remove(blocks);
    caption::remove(blocks);
    doubled::remove(blocks);
    Found {
        published,
        byline,
        ..Found::default()
    }
}
