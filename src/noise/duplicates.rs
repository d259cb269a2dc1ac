//! Repeated and near-duplicate paragraphs: the body keeps one full copy.
//!
//! Runs after the layout pass, on body blocks only, so that a standfirst repeated as the
//! first paragraph keeps its place as standfirst and the body keeps the paragraph.

use rustc_hash::FxHashMap;

use super::similarity::{near_duplicate, shingles, Shingles};
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
    let sets: Vec<Shingles> = candidates
        .iter()
        .map(|&i| shingles(&blocks[i].text))
        .collect();
    let mut index = ShingleIndex::new(candidates.len());
    for (at, &i) in candidates.iter().enumerate() {
        for earlier in index.likely_twins(&sets, at) {
            let j = candidates[earlier];
            if !blocks[j].is_body() || !near_duplicate(&sets[at], &sets[earlier]) {
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
            index.add(at, &sets[at]);
        }
    }
}

/// Candidates indexed under one shingle at most. A shingle that many paragraphs share
/// ("one of the", "said on Monday") tells nothing about which of them is a twin, and
/// following every holder of it made the pass quadratic on long documents; twins share
/// most of their shingles, rare ones among them, so they still meet.
const MAX_HOLDERS: usize = 32;

/// Share of the smaller block's shingles a candidate must share through the index,
/// in percent: well below the 85% a near-duplicate needs, since shingles too common to
/// index are not counted.
const MIN_SHARED_PERCENT: usize = 25;

/// The kept candidates (by position in the candidate list) under each of their
/// shingles, with a reusable tally of shared shingles.
struct ShingleIndex {
    holders: FxHashMap<u64, Vec<usize>>,
    shared: Vec<usize>,
    touched: Vec<usize>,
}

impl ShingleIndex {
    /// An empty index for `candidates` candidates.
    fn new(candidates: usize) -> Self {
        ShingleIndex {
            holders: FxHashMap::default(),
            shared: vec![0; candidates],
            touched: Vec::new(),
        }
    }

    /// Index candidate `at` under each of its shingles that is not already common.
    fn add(&mut self, at: usize, set: &Shingles) {
        for shingle in set {
            let holders = self.holders.entry(*shingle).or_default();
            if holders.len() < MAX_HOLDERS {
                holders.push(at);
            }
        }
    }

    /// Earlier candidates that may be near-duplicates of candidate `at`, in input
    /// order: those sharing enough indexed shingles with it.
    fn likely_twins(&mut self, sets: &[Shingles], at: usize) -> Vec<usize> {
        for shingle in &sets[at] {
            for &earlier in self.holders.get(shingle).into_iter().flatten() {
                if self.shared[earlier] == 0 {
                    self.touched.push(earlier);
                }
                self.shared[earlier] += 1;
            }
        }
        let mut found = Vec::new();
        for earlier in self.touched.drain(..) {
            let smaller = sets[at].len().min(sets[earlier].len());
            if self.shared[earlier] * 100 >= smaller * MIN_SHARED_PERCENT {
                found.push(earlier);
            }
            self.shared[earlier] = 0;
        }
        found.sort_unstable();
        found
    }
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
