//! Title and standfirst of an HTML page's blocks: the headline is the page's title (from
//! its metadata) or its first `h1`; the block that prints it is the title and further
//! copies go as `duplicate_headline`; a short section path glued before it goes as
//! `breadcrumb`. A block that repeats the page's description right under the headline
//! is the standfirst when it stands apart from the body (the next block is held by
//! another parent); the body's own first paragraph, which many sites reuse as the
//! description, stays body.

use crate::block::{Block, Role};
use crate::meta::page::PageMeta;
use crate::meta::Found;
use crate::reason::Reason;

/// Most words a section path glued before the headline may have.
const BREADCRUMB_MAX_WORDS: usize = 5;
/// How many body blocks from the top the standfirst may stand.
const STANDFIRST_WINDOW: usize = 3;

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

/// A body block near the top that prints the description is the standfirst.
fn mark_standfirst(blocks: &mut [Block], apart: &[bool], description: &str) -> Option<String> {
    let wanted = fold(description);
    let body: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].is_body()).collect();
    if body.len() < 2 {
        return None;
    }
    let at = body
        .iter()
        .take(STANDFIRST_WINDOW)
        .find(|&&i| fold(&blocks[i].text) == wanted)
        .filter(|&&i| apart[i])?;
    blocks[*at].role = Role::Standfirst;
    Some(blocks[*at].text.clone())
}
