//! Repeated and near-duplicate paragraphs: the body keeps one full copy.
//!
//! Runs after the layout pass, on body blocks only, so that a standfirst repeated as the
//! first paragraph keeps its place as standfirst and the body keeps the paragraph.

use std::collections::{HashMap, HashSet};

use super::similarity::{near_duplicate, shingles};
use crate::block::Block;
use crate::reason::Reason;

/// Paragraphs shorter than this (in words) are never judged duplicates: short lines
/// repeat legitimately ("Yes.", list items).
const MIN_WORDS: usize = 6;

/// Remove the extra copies of repeated paragraphs. Of two near-duplicates the shorter
/// goes (the body keeps the fuller copy); of two equal ones the later goes. Every
/// earlier twin of a block is judged, not only the first, so no two near-duplicates
/// are left in the body and a second run removes nothing.
pub fn remove(blocks: &mut [Block]) {
    let candidates: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].is_body() && blocks[i].words_upto(MIN_WORDS) >= MIN_WORDS)
        .collect();
    let sets: HashMap<usize, HashSet<u64>> = candidates
        .iter()
        .map(|&i| (i, shingles(&blocks[i].text)))
        .collect();
    let mut by_shingle: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in &candidates {
        for j in earlier_sharing(&sets[&i], &by_shingle) {
            if !blocks[j].is_body() || !near_duplicate(&sets[&i], &sets[&j]) {
                continue;
            }
            if blocks[i].char_count() > blocks[j].char_count() {
                blocks[j].remove(Reason::Duplicate);
            } else {
                blocks[i].remove(Reason::Duplicate);
                break;
            }
        }
        // A removed block is nobody's twin: only kept blocks are indexed, so a line
        // repeated ten thousand times is compared with its one kept copy, not with
        // every earlier copy.
        if blocks[i].is_body() {
            for s in &sets[&i] {
                by_shingle.entry(*s).or_default().push(i);
            }
        }
    }
}

/// Earlier blocks that share at least one shingle with `set`, in input order.
fn earlier_sharing(set: &HashSet<u64>, by_shingle: &HashMap<u64, Vec<usize>>) -> Vec<usize> {
    let mut found: Vec<usize> = set
        .iter()
        .filter_map(|s| by_shingle.get(s))
        .flatten()
        .copied()
        .collect();
    found.sort_unstable();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Role;
    use crate::text::segment;

    #[test]
    fn keeps_one_full_copy() {
        let text = "The bridge will close for repairs from Monday, the council said.\n\
                    Drivers should use the ring road instead.\n\
                    LONDON: The bridge will close for repairs from Monday, the council said.\n\
                    Drivers should use the ring road instead.\n";
        let mut blocks = segment(text);
        remove(&mut blocks);
        let roles: Vec<_> = blocks.iter().map(|b| b.role).collect();
        assert_eq!(
            roles,
            [
                Role::Removed(Reason::Duplicate),
                Role::Body,
                Role::Body,
                Role::Removed(Reason::Duplicate)
            ]
        );
    }

    #[test]
    fn every_earlier_twin_is_judged() {
        let x = "The harbour wall was rebuilt in stone after the winter storms had broken it.";
        let y = "Fishing boats stayed in port for a week while the engineers checked the quay.";
        let z = "The mayor said the town would pay for the repairs out of its reserve fund.";
        let text = format!("{x} {y}\n{y} {z}\n{x} {y} {z}\n");
        let mut blocks = segment(&text);
        remove(&mut blocks);
        let roles: Vec<_> = blocks.iter().map(|b| b.role).collect();
        let gone = Role::Removed(Reason::Duplicate);
        assert_eq!(roles, [gone, gone, Role::Body]);
        let before = roles.clone();
        remove(&mut blocks);
        assert_eq!(blocks.iter().map(|b| b.role).collect::<Vec<_>>(), before);
    }
}
