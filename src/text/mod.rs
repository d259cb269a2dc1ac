//! The text front end: plain text into blocks, and the layout pass that finds title,
//! standfirst, headings and the body's extent.

use crate::block::Block;
use crate::meta::Found;

/// Split text into blocks: one block per line, hard-wrapped prose re-joined.
pub fn segment(text: &str) -> Vec<Block> {
    let _ = text;
    todo!()
}

/// Find title, standfirst, headings and the body's extent.
pub fn layout(blocks: &mut [Block]) -> Found {
    let _ = blocks;
    todo!()
}
