//! Noise detectors: each judges blocks independently and removes noise with a reason.

use crate::block::Block;
use crate::meta::Found;

/// Run every detector over the blocks, in order; returns metadata found on the way.
pub fn detect(blocks: &mut [Block]) -> Found {
    let _ = blocks;
    todo!()
}
