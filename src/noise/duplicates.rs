//! Repeated and near-duplicate paragraphs: the body keeps one full copy.
//!
//! Runs after the layout pass, on body blocks only, so that a standfirst repeated as the
//! first paragraph keeps its place as standfirst and the body keeps the paragraph.

use rustc_hash::FxHashMap;

use super::similarity::{first_shingle, near_duplicate, repeated, shingles, Shingles};
use crate::block::{fold, Block, BlockKind};
use crate::reason::Reason;

/// Paragraphs shorter than this (in words) are never judged duplicates: short lines
/// repeat legitimately ("Yes.", list items).
const MIN_WORDS: usize = 6;

/// Remove the extra copies of repeated paragraphs. Of two copies the shorter goes (the
/// body keeps the fuller copy); of two equal ones the later goes. Every earlier twin of
/// a block is judged, not only the first, so no two copies are left in the body and a
/// second run removes nothing.
///
/// Only a text printed twice is a copy (`similarity::repeated`); the looser
/// `similarity::near_duplicate` judges a heading or the lead, which pages restate with
/// a word changed. Items of a list repeat as structure (the same clause under each
/// offer, the same step in each plan): they go only when their whole list is printed
/// again.
pub fn remove(blocks: &mut [Block]) {
    let mut copies = find_copies(blocks);
    keep_list_repeats(blocks, &mut copies);
    keep_section_repeats(blocks, &mut copies);
    for (block, copy) in blocks.iter_mut().zip(copies.copy) {
        if copy {
            block.remove(Reason::Duplicate);
        }
    }
}

/// Whether a quotation's shingles are in another text, but for a few (the "X wrote:"
/// a reply puts before the quoted words): at most two, or one in seven.
fn quoted(quote: &Shingles, other: &Shingles) -> bool {
    let missing = quote.len() - quote.intersection(other).count();
    missing <= (quote.len() / 7).max(2)
}

/// Whether two texts open differently, each with words the other never has in a row:
/// template prose that says the same of different subjects ("`retry` is an option of
/// the client. Options are ...", "`timeout` is an option of ..."). A copy with a
/// dateline or a label before it still opens with words of the other.
/// The opening is each text's first shingle, so a text always opens with words of its
/// own copy (a word of symbols only, which shingles skip, included).
fn new_subjects(a: &str, sa: &Shingles, b: &str, sb: &Shingles) -> bool {
    match (first_shingle(a), first_shingle(b)) {
        (Some(oa), Some(ob)) => !sb.contains(&oa) && !sa.contains(&ob),
        _ => false,
    }
}

/// What the pass found, by block index: which blocks are extra copies (and of which
/// block), and which are the kept copy of a text printed more than once.
struct Copies {
    copy: Vec<bool>,
    copied: Vec<bool>,
    twin: Vec<usize>,
    /// The judged blocks, in input order.
    candidates: Vec<usize>,
    /// Each block's position in `candidates` (`usize::MAX` when not judged).
    position: Vec<usize>,
}

impl Copies {
    /// Mark block `extra` as a copy of block `kept`.
    fn mark(&mut self, extra: usize, kept: usize) {
        self.copy[extra] = true;
        self.copied[kept] = true;
        self.twin[extra] = kept;
    }

    /// Whether copy `i` is part of a passage printed twice: the judged block next to
    /// it is a copy of the block next to its twin, on the same side.
    fn in_repeated_passage(&self, i: usize) -> bool {
        let (at, twin_at) = (self.position[i], self.position[self.twin[i]]);
        [
            (at.checked_sub(1), twin_at.checked_sub(1)),
            (Some(at + 1), Some(twin_at + 1)),
        ]
        .into_iter()
        .any(|(next, twin_next)| {
            let (Some(next), Some(twin_next)) = (next, twin_next) else {
                return false;
            };
            let Some(&k) = self.candidates.get(next) else {
                return false;
            };
            self.copy[k] && self.position[self.twin[k]] == twin_next
        })
    }
}

/// Which blocks are extra copies of another body block (by block index).
fn find_copies(blocks: &[Block]) -> Copies {
    let candidates: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].is_body() && blocks[i].words_upto(MIN_WORDS) >= MIN_WORDS)
        .collect();
    let lead = candidates
        .iter()
        .copied()
        .find(|&i| blocks[i].kind != BlockKind::Heading);
    let loose = |i: usize| Some(i) == lead || blocks[i].kind == BlockKind::Heading;
    let sets: Vec<Shingles> = candidates
        .iter()
        .map(|&i| shingles(&blocks[i].text))
        .collect();
    let mut copies = Copies {
        copy: vec![false; blocks.len()],
        copied: vec![false; blocks.len()],
        twin: vec![usize::MAX; blocks.len()],
        candidates: candidates.clone(),
        position: vec![usize::MAX; blocks.len()],
    };
    for (at, &i) in candidates.iter().enumerate() {
        copies.position[i] = at;
    }
    let mut index = ShingleIndex::new(candidates.len());
    for (at, &i) in candidates.iter().enumerate() {
        for earlier in index.likely_twins(&sets, at) {
            let j = candidates[earlier];
            if copies.copy[j] {
                continue;
            }
            let (a, b) = (&sets[at], &sets[earlier]);
            let quote = |k: usize| blocks[k].kind == BlockKind::Quote;
            if quote(i) != quote(j) {
                // A quotation of another block (a reply quoting a post, a pull quote)
                // goes, whatever its length: the quoted block keeps its place.
                let (q, other, qi, oi) = if quote(i) { (a, b, i, j) } else { (b, a, j, i) };
                if quoted(q, other) {
                    copies.mark(qi, oi);
                    if qi == i {
                        break;
                    }
                }
                continue;
            }
            let twins = if loose(i) || loose(j) {
                near_duplicate(a, b)
            } else {
                repeated(a, b) && !new_subjects(&blocks[i].text, a, &blocks[j].text, b)
            };
            if !twins {
                continue;
            }
            if blocks[i].char_count() > blocks[j].char_count() {
                copies.mark(j, i);
            } else {
                copies.mark(i, j);
                break;
            }
        }
        // A removed block is nobody's twin: only kept blocks are indexed, so a line
        // repeated ten thousand times is compared with its one kept copy, not with
        // every earlier copy.
        if !copies.copy[i] {
            index.add(at, &sets[at]);
        }
    }
    copies
}

/// Keep the copies in each list (a run of list items) that also holds a candidate
/// item printed once: such a list is a new list reusing items of other lists, not a
/// list printed twice. A copy whose twin is in the same run stays a copy: there the
/// list (a thread, a menu) prints its own items twice; so does a copy in a passage
/// printed twice ([`Copies::in_repeated_passage`]).
fn keep_list_repeats(blocks: &[Block], copies: &mut Copies) {
    let mut start = 0;
    while start < blocks.len() {
        if blocks[start].kind != BlockKind::ListItem {
            start += 1;
            continue;
        }
        let end = (start..blocks.len())
            .find(|&i| blocks[i].kind != BlockKind::ListItem)
            .unwrap_or(blocks.len());
        let run = start..end;
        let some_copy = run.clone().any(|i| copies.copy[i]);
        let some_new = run.clone().any(|i| {
            !copies.copy[i]
                && !copies.copied[i]
                && blocks[i].is_body()
                && blocks[i].words_upto(MIN_WORDS) >= MIN_WORDS
        });
        if some_copy && some_new {
            for i in run.clone() {
                if copies.copy[i]
                    && !run.contains(&copies.twin[i])
                    && !copies.in_repeated_passage(i)
                {
                    copies.copy[i] = false;
                }
            }
        }
        start = end;
    }
}

/// How many times a paragraph must be printed under different headings to be a part
/// of each section (a clause under every offer) rather than a restatement (a product
/// page's description answered again in its questions, printed twice).
const MIN_SECTION_PRINTS: usize = 3;

/// Keep the paragraph copies that repeat under another heading, in a section that
/// also holds text of its own, when the text is printed at least [`MIN_SECTION_PRINTS`]
/// times: the same conditions printed under each offer, the same warm-up in each
/// training plan. A page printed twice repeats its headings too, and
/// the lead restated as the first paragraph has no other heading above it; a copy in a
/// passage printed twice ([`Copies::in_repeated_passage`]) stays a copy.
fn keep_section_repeats(blocks: &[Block], copies: &mut Copies) {
    let heading_above = heading_above(blocks);
    let own_text = sections_with_own_text(blocks, copies, &heading_above);
    let mut prints = vec![1usize; blocks.len()];
    for i in (0..blocks.len()).filter(|&i| copies.copy[i]) {
        prints[copies.twin[i]] += 1;
    }
    for i in 0..blocks.len() {
        if !copies.copy[i] || !matches!(blocks[i].kind, BlockKind::Paragraph) {
            continue;
        }
        if prints[copies.twin[i]] < MIN_SECTION_PRINTS {
            continue;
        }
        let twin = copies.twin[i];
        let (Some(h), Some(t)) = (heading_above[i], heading_above[twin]) else {
            continue;
        };
        let other_heading = h != t && fold(&blocks[h].text) != fold(&blocks[t].text);
        if other_heading && own_text[h] && !copies.in_repeated_passage(i) {
            copies.copy[i] = false;
        }
    }
}

/// Per block, the nearest body heading before it.
fn heading_above(blocks: &[Block]) -> Vec<Option<usize>> {
    let mut above = None;
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let here = above;
            if b.kind == BlockKind::Heading && b.is_body() {
                above = Some(i);
            }
            here
        })
        .collect()
}

/// Per heading (by block index), whether its section holds a body paragraph or item
/// of at least [`MIN_WORDS`] words printed once on the page.
fn sections_with_own_text(
    blocks: &[Block],
    copies: &Copies,
    heading_above: &[Option<usize>],
) -> Vec<bool> {
    let mut own = vec![false; blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        let single = !copies.copy[i] && !copies.copied[i];
        let text = b.is_body() && b.kind != BlockKind::Heading;
        if let Some(h) = heading_above[i].filter(|_| single && text) {
            own[h] |= b.words_upto(MIN_WORDS) >= MIN_WORDS;
        }
    }
    own
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

    /// Blocks of the given kinds and texts, all in the body.
    fn blocks_of(items: &[(BlockKind, &str)]) -> Vec<Block> {
        items
            .iter()
            .enumerate()
            .map(|(line, (kind, text))| Block {
                kind: *kind,
                ..Block::new(text.to_string(), line + 1)
            })
            .collect()
    }

    const CLAUSE: &str =
        "Offer is valid on bookings of at least three nights at the seaside hotels.";
    const OTHER: &str = "The discount is applied to the room rate and never to meals or drinks.";
    const THIRD: &str = "Guests must show the printed voucher at the reception desk on arrival.";

    #[test]
    fn a_clause_reused_by_another_list_stays() {
        use BlockKind::{Heading, ListItem};
        let mut blocks = blocks_of(&[
            (Heading, "Spring weekend offer terms"),
            (ListItem, CLAUSE),
            (ListItem, OTHER),
            (Heading, "Summer family offer terms"),
            (ListItem, CLAUSE),
            (ListItem, THIRD),
        ]);
        remove(&mut blocks);
        assert!(blocks.iter().all(Block::is_body));
    }

    #[test]
    fn a_paragraph_repeated_under_another_heading_with_its_own_text_stays() {
        use BlockKind::{Heading, Paragraph};
        let mut blocks = blocks_of(&[
            (Heading, "Spring weekend offer"),
            (Paragraph, OTHER),
            (Paragraph, CLAUSE),
            (Heading, "Summer family offer"),
            (Paragraph, THIRD),
            (Paragraph, CLAUSE),
            (Heading, "Autumn city offer"),
            (
                Paragraph,
                "Two museum passes are included for every adult guest in the room.",
            ),
            (Paragraph, CLAUSE),
        ]);
        remove(&mut blocks);
        assert!(blocks.iter().all(Block::is_body));
        // Printed twice only, it is a restatement: the second copy goes.
        blocks.truncate(6);
        blocks
            .iter_mut()
            .for_each(|b| b.role = crate::block::Role::Body);
        remove(&mut blocks);
        assert!(blocks[5].is_removed());
        // The same section printed twice, heading and all: the second copy goes.
        let mut blocks = blocks_of(&[
            (Heading, "Spring weekend offer"),
            (Paragraph, OTHER),
            (Paragraph, CLAUSE),
            (Heading, "Spring weekend offer"),
            (Paragraph, THIRD),
            (Paragraph, CLAUSE),
        ]);
        remove(&mut blocks);
        let gone: Vec<bool> = blocks.iter().map(Block::is_removed).collect();
        assert_eq!(gone, [false, false, false, false, false, true]);
    }

    #[test]
    fn a_list_printed_twice_goes() {
        use BlockKind::{Heading, ListItem};
        let mut blocks = blocks_of(&[
            (ListItem, CLAUSE),
            (ListItem, OTHER),
            (Heading, "Terms"),
            (ListItem, CLAUSE),
            (ListItem, OTHER),
            (ListItem, THIRD),
        ]);
        remove(&mut blocks);
        let gone: Vec<bool> = blocks.iter().map(Block::is_removed).collect();
        assert_eq!(gone, [false, false, false, true, true, false]);
    }

    #[test]
    fn a_quotation_goes_and_the_quoted_paragraph_stays() {
        use BlockKind::{Paragraph, Quote};
        let quote = format!("Ana wrote:{CLAUSE}");
        let mut blocks = blocks_of(&[(Paragraph, CLAUSE), (Paragraph, OTHER), (Quote, &quote)]);
        remove(&mut blocks);
        let gone: Vec<bool> = blocks.iter().map(Block::is_removed).collect();
        assert_eq!(gone, [false, false, true]);
    }

    #[test]
    fn template_prose_about_other_subjects_is_not_a_copy() {
        let text = "The client reads its settings from a file in the home folder of its user.\n\
                    Retry is an option of the client. Options are read once when the client starts and cannot change later.\n\
                    Timeout is an option of the client. Options are read once when the client starts and cannot change later.\n";
        let mut blocks = segment(text);
        remove(&mut blocks);
        assert!(blocks.iter().all(Block::is_body));
    }

    #[test]
    fn a_paraphrase_is_not_a_copy() {
        let text = "Stir the flour into the melted butter and cook the mixture for two minutes over a low heat.\n\
                    Serve the soup at once.\n\
                    Stir the sugar into the melted butter and cook the mixture for five minutes over a low heat.\n";
        let mut blocks = segment(text);
        remove(&mut blocks);
        assert!(blocks.iter().all(Block::is_body));
    }
}
