//! Title and standfirst of an HTML page's blocks: the headline is the page's title (from
//! its metadata) or its first `h1`; the block that prints it is the title and further
//! copies go as `duplicate_headline`; a short section path glued before it goes as
//! `breadcrumb`. A block that repeats the page's description right under the headline
//! is the standfirst when the page prints it set apart: in the article's head between
//! the title and the body (often outside the scored region), or near the top of the
//! body when the next block is held by another parent; the body's own first paragraph,
//! which many sites reuse as the description, stays body. A byline line of the
//! article's head between deck and body (the next block left after the detectors) also
//! sets the deck apart.
//!
//! The head of the article holds more furniture than a text has: a short line naming the
//! author known from the metadata (with a date, a role or a reading time: `Jane Roe ·
//! 3 May 2026`) before the first paragraph of prose goes as `byline`, and a label of a
//! few words printed right above the headline (a kicker: a section or place name) goes
//! as `breadcrumb`.

use crate::block::{Block, Role};
use crate::meta::page::PageMeta;
use crate::meta::Found;
use crate::noise::walls::ends_sentence;
use crate::reason::Reason;

/// Most words a section path glued before the headline may have.
const BREADCRUMB_MAX_WORDS: usize = 5;
/// How many body blocks from the top the standfirst may stand.
const STANDFIRST_WINDOW: usize = 3;
/// How many blocks before the body a deck left out of the region may stand when no
/// title stands before the body.
const HEAD_WINDOW: usize = 8;
/// Most words of a line in the article's head that names the author.
const BYLINE_LINE_MAX_WORDS: usize = 16;
/// Fewest words of the first paragraph of prose: the head ends there.
const PROSE_MIN_WORDS: usize = 20;
/// Most words of a kicker printed right above the headline.
const KICKER_MAX_WORDS: usize = 3;

/// Place title and standfirst; returns them.
pub fn layout(
    blocks: &mut [Block],
    apart: &[bool],
    meta: &PageMeta,
    first_h1: Option<String>,
) -> Found {
    let headline = meta.title.clone().or(first_h1);
    if let Some(headline) = &headline {
        mark_headline(blocks, headline);
    }
    mark_kicker(blocks);
    mark_byline_lines(blocks, &credited(meta), meta.description.as_deref());
    let standfirst = meta
        .description
        .as_deref()
        .and_then(|d| mark_standfirst(blocks, apart, d));
    Found {
        title: headline,
        standfirst,
        ..Found::default()
    }
}

/// The first block printing the headline becomes the title; other copies and glued
/// breadcrumbs go.
fn mark_headline(blocks: &mut [Block], headline: &str) {
    let wanted = fold(headline);
    let mut titled = false;
    for block in blocks.iter_mut() {
        let text = fold(&block.text);
        if text == wanted {
            if !titled && (block.is_body() || block.role == Role::Removed(Reason::Navigation)) {
                block.role = Role::Title;
                titled = true;
            } else {
                block.remove(Reason::DuplicateHeadline);
            }
        } else if is_glued_breadcrumb(&text, &wanted) {
            block.remove(Reason::Breadcrumb);
        }
    }
}

/// Lower-cased text with white space folded, for comparisons.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `text` is a short section path followed by the headline.
fn is_glued_breadcrumb(text: &str, headline: &str) -> bool {
    text.strip_suffix(headline).is_some_and(|prefix| {
        let words = prefix.split_whitespace().count();
        prefix.ends_with(' ') && (1..=BREADCRUMB_MAX_WORDS).contains(&words)
    })
}

/// A label of a few words right above the title (a section or place name printed as a
/// kicker) goes as a breadcrumb.
fn mark_kicker(blocks: &mut [Block]) {
    let Some(title) = blocks.iter().position(|b| b.role == Role::Title) else {
        return;
    };
    let Some(above) = blocks[..title].iter().rposition(|b| !b.is_removed()) else {
        return;
    };
    let block = &mut blocks[above];
    let label = block.is_body()
        && block.words_upto(KICKER_MAX_WORDS + 1) <= KICKER_MAX_WORDS
        && !ends_sentence(&block.text);
    if label {
        block.remove(Reason::Breadcrumb);
    }
}

/// The names the metadata credits, folded, without credentials: the authors, else the
/// organisation of the byline; only names of two words or more (one word is found in
/// too many lines).
fn credited(meta: &PageMeta) -> Vec<String> {
    let names: Vec<&str> = if meta.authors.is_empty() {
        meta.byline.iter().map(String::as_str).collect()
    } else {
        meta.authors.iter().map(String::as_str).collect()
    };
    names
        .into_iter()
        .filter_map(|n| n.split(", ").next())
        .map(fold)
        .filter(|n| n.split(' ').count() >= 2)
        .collect()
}

/// Short lines before the first paragraph of prose that name an author credited by
/// the metadata go as bylines: `Jane Roe, Reporter · 3 May 2026`. The deck (the block
/// printing the description) does not end the head.
fn mark_byline_lines(blocks: &mut [Block], names: &[String], description: Option<&str>) {
    let deck = description.map(fold);
    if names.is_empty() {
        return;
    }
    for block in blocks.iter_mut() {
        if !block.is_body() {
            continue;
        }
        let text = fold(&block.text);
        if is_prose(block) && deck.as_deref() != Some(text.as_str()) {
            break;
        }
        let short = block.words_upto(BYLINE_LINE_MAX_WORDS + 1) <= BYLINE_LINE_MAX_WORDS;
        if short && names.iter().any(|n| text.contains(n.as_str())) {
            block.remove(Reason::Byline);
        }
    }
}

/// A paragraph of prose: long, or a sentence of some length.
fn is_prose(block: &Block) -> bool {
    let words = block.words_upto(PROSE_MIN_WORDS);
    words >= PROSE_MIN_WORDS || (words >= 10 && ends_sentence(&block.text))
}

/// Whether the block at `at` stands apart from the body: its parent differs from the
/// next block's, or the next block left after the detectors was a byline, date or
/// reading-time line (the head of the article between deck and body).
fn stands_apart(blocks: &[Block], apart: &[bool], at: usize) -> bool {
    if apart.get(at).copied().unwrap_or(true) {
        return true;
    }
    blocks.get(at + 1).is_some_and(|next| {
        matches!(
            next.role,
            Role::Removed(Reason::Byline | Reason::DateLine | Reason::ReadingTime)
        )
    })
}

/// The standfirst: the block that prints the page's description as a deck, either in
/// the article's head (before the first body block, where the region left it out) or
/// among the first body blocks, set apart from the body. A description the page does
/// not print this way is no standfirst (it is the record's `description`).
fn mark_standfirst(blocks: &mut [Block], apart: &[bool], description: &str) -> Option<String> {
    let wanted = deck_key(description);
    let at = deck_in_head(blocks, &wanted).or_else(|| deck_in_body(blocks, apart, &wanted))?;
    blocks[at].role = Role::Standfirst;
    Some(blocks[at].text.clone())
}

/// The text of a deck for comparison: folded, without a trailing ellipsis (`…`, `...`,
/// `[…]`) or stop.
fn deck_key(text: &str) -> String {
    fold(text)
        .trim_end_matches(['…', '.', ' ', '[', ']'])
        .to_owned()
}

/// Fewest words shared for a deck and a description to match by one starting the
/// other (a description cut short, or one that runs on into the body).
const DECK_PREFIX_MIN_WORDS: usize = 12;

/// Whether a block of the article's head prints the description (both as
/// [`deck_key`]s): the same text, or one the start of the other from
/// [`DECK_PREFIX_MIN_WORDS`] words (a description cut short with an ellipsis, or one
/// that runs on past the deck).
fn prints_description(block: &str, wanted: &str) -> bool {
    if block == wanted {
        return true;
    }
    let (short, long) = if block.len() <= wanted.len() {
        (block, wanted)
    } else {
        (wanted, block)
    };
    long.starts_with(short)
        && long[short.len()..].starts_with([' ', ',', ';', '.', ':'])
        && crate::block::word_count_upto(short, DECK_PREFIX_MIN_WORDS) >= DECK_PREFIX_MIN_WORDS
}

/// A block of the article's head that prints the description: before the first body
/// block, after the title when the title stands there (else among the
/// [`HEAD_WINDOW`] blocks before the body), left out of the region as navigation or
/// taken for a teaser (`related`).
fn deck_in_head(blocks: &[Block], wanted: &str) -> Option<usize> {
    let first_body = blocks
        .iter()
        .position(Block::is_body)
        .unwrap_or(blocks.len());
    let title = blocks[..first_body]
        .iter()
        .rposition(|b| b.role == Role::Title);
    let start = title.map_or(first_body.saturating_sub(HEAD_WINDOW), |t| t + 1);
    (start..first_body).find(|&i| {
        matches!(
            blocks[i].role,
            Role::Removed(Reason::Navigation | Reason::Related)
        ) && prints_description(&deck_key(&blocks[i].text), wanted)
    })
}

/// A body block near the top that prints the description and stands apart from the
/// body (never the only body block).
fn deck_in_body(blocks: &[Block], apart: &[bool], wanted: &str) -> Option<usize> {
    let body: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].is_body()).collect();
    if body.len() < 2 {
        return None;
    }
    body.into_iter()
        .take(STANDFIRST_WINDOW)
        .find(|&i| deck_key(&blocks[i].text) == wanted)
        .filter(|&i| stands_apart(blocks, apart, i))
}
