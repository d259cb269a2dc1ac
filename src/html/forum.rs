//! Posts of a thread that the page does not declare: a forum thread of two posts (a
//! question and its one answer), or one whose posts alternate classes (`post odd`,
//! `post even`), is a run of siblings of one family, each a post with a header naming
//! when it was written ("2025-11-01 15:14:37", "Posted March 19, 2024", "3 hours ago")
//! and a text of a few paragraphs. A single alike sibling is otherwise too weak a sign
//! of a series (twin columns look the same); the dated headers and the short texts make
//! the run a thread.

use super::dom::Page;
use crate::meta::date::{date_within, parse_date_line};

/// Most words of a post's header line holding its date.
const HEADER_MAX_WORDS: usize = 12;
/// How many of a post's first blocks its header is looked for in.
const HEADER_WITHIN: usize = 6;
/// Most prose (characters outside noise hints) of a post: longer texts are articles,
/// and two dated articles side by side are not a thread.
const POST_MAX_PROSE: f32 = 2500.0;

/// Per element, whether it reads as a post: one of its first [`HEADER_WITHIN`] blocks
/// is a short line holding a date.
pub fn dated(page: &Page) -> Vec<bool> {
    let mut seen = vec![0usize; page.elements.len()];
    let mut dated = vec![false; page.elements.len()];
    for b in &page.blocks {
        let header = is_date_header(&b.block.text);
        for e in page.ancestors(b.element) {
            if seen[e] < HEADER_WITHIN && header {
                dated[e] = true;
            }
            seen[e] += 1;
        }
    }
    dated
}

/// Whether siblings of one family (`elements`) are the posts of a thread: all dated
/// ([`dated`]), none holding more than [`POST_MAX_PROSE`] of prose (`prose` per
/// element), and some holding prose.
pub fn are_posts(dated: &[bool], prose: &[f32], elements: &[usize]) -> bool {
    elements
        .iter()
        .all(|&e| dated[e] && prose[e] <= POST_MAX_PROSE)
        && elements.iter().any(|&e| prose[e] > 0.0)
}

/// Whether a line is a short header holding a date.
fn is_date_header(text: &str) -> bool {
    crate::block::word_count_upto(text, HEADER_MAX_WORDS + 1) <= HEADER_MAX_WORDS
        && (date_within(text).is_some() || parse_date_line(text).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_headers_hold_a_date() {
        for line in [
            "#1 2025-11-01 15:14:37",
            "Posted March 19, 2024",
            "pelex, May 26, 2025",
            "3 hours ago",
        ] {
            assert!(is_date_header(line), "{line}");
        }
        assert!(!is_date_header("Thanks, that fixed it."));
    }
}
