//! Per-post chrome of a discussion page: what a forum or question-and-answer site
//! prints around every post (the poster's rank and counters, join date, reputation and
//! badges, vote counts, "Last edited", reply and quote buttons). On a page declaring
//! itself a discussion these short lines are not the thread's text.

use std::sync::OnceLock;

use regex::Regex;

use crate::block::{Block, BlockKind};
use crate::reason::Reason;

/// Most words a line of post chrome has; longer lines are someone's writing.
const CHROME_MAX_WORDS: usize = 10;

/// Remove the per-post chrome among the body blocks of a discussion page: a poster's
/// panel (rank, join date, counters, badges) as `byline`, vote counts, edit notes and
/// post buttons as `navigation`.
pub fn remove_post_chrome(blocks: &mut [Block]) {
    for block in blocks.iter_mut().filter(|b| b.is_body()) {
        if let Some(reason) = post_chrome(&block.text) {
            block.remove(reason);
        }
    }
}

/// Least body text (characters) before a comments cue for the run after it to be the
/// comments under an article rather than the page.
const ARTICLE_BEFORE_CUE_MIN: usize = 500;
/// Fewest post signatures ("Posted by NAME on DATE", "NAME wrote:") after a cue that
/// make the run after it a comment thread.
const MIN_SIGNATURES: usize = 2;

/// Remove, on a page that is not a discussion, a run of reader comments the region
/// took in after the article: it starts at a comments cue ("Your comments", "Have your
/// say", "Reader views (3)", "Comments are now closed") that follows at least
/// [`ARTICLE_BEFORE_CUE_MIN`] characters of body text, holds at least
/// [`MIN_SIGNATURES`] post signatures, and runs to the next heading or the end. The cue
/// and the posts go as `comments`.
pub fn remove_comment_run(blocks: &mut [Block]) {
    let mut before = 0;
    for start in 0..blocks.len() {
        if !blocks[start].is_body() {
            continue;
        }
        let cue = before >= ARTICLE_BEFORE_CUE_MIN && is_comments_cue(&blocks[start]);
        before += blocks[start].char_count();
        if !cue {
            continue;
        }
        let end = (start + 1..blocks.len())
            .find(|&i| blocks[i].is_body() && blocks[i].kind == BlockKind::Heading)
            .unwrap_or(blocks.len());
        let run = &blocks[start + 1..end];
        let signatures = run
            .iter()
            .filter(|b| b.is_body() && is_post_signature(&b.text))
            .count();
        if signatures >= MIN_SIGNATURES {
            blocks[start..end]
                .iter_mut()
                .for_each(|b| b.remove(Reason::Comments));
            return;
        }
    }
}

/// Whether a block is a short line that the comments phrases know.
fn is_comments_cue(block: &Block) -> bool {
    block.words_upto(CUE_MAX_WORDS) <= CUE_MAX_WORDS
        && crate::noise::phrases::classify(&block.text) == Some(Reason::Comments)
}

/// Most words of a comments cue.
const CUE_MAX_WORDS: usize = 6;

/// Whether a line signs a post: "Posted by NAME on DATE", "Submitted by NAME",
/// "NAME wrote:", "NAME said:".
fn is_post_signature(text: &str) -> bool {
    static SIGNATURE: OnceLock<Regex> = OnceLock::new();
    let signature = SIGNATURE.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:(?:posted|submitted|written|commented)\s+by\s+\S.{0,80}|\S.{0,40}\s(?:wrote|said|says|writes)\s?:.{0,300})$",
        )
        .expect("the post signature pattern compiles")
    });
    crate::block::word_count_upto(text, 60) <= 60 && signature.is_match(text)
}

/// What a line of per-post chrome is removed for, if it is one.
fn post_chrome(text: &str) -> Option<Reason> {
    if crate::block::word_count_upto(text, CHROME_MAX_WORDS) > CHROME_MAX_WORDS {
        return None;
    }
    if poster_panel().is_match(text) {
        return Some(Reason::Byline);
    }
    post_controls().is_match(text).then_some(Reason::Navigation)
}

/// A line of a poster's panel: a rank ("Full Member", "Discussion starter"), a years
/// badge ("7+ Year Member"), a counter or date with its label ("Joined: Mar 2019",
/// "Messages 1,204", "2,994 posts · Joined 2021"), reputation badges.
fn poster_panel() -> &'static Regex {
    static PANEL: OnceLock<Regex> = OnceLock::new();
    PANEL.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
              (?:(?:full|new|senior|junior|active|well[-\ ]known|valued|premium|registered|established|veteran|distinguished|notable|legendary|gold|platinum|silver|bronze|elite|honorary|retired|trusted)\s+)?(?:member|user|poster|contributor)
            | discussion\ starter | thread\ starter | original\ poster | topic\ starter | staff\ member
            | (?:super\ )?moderator | administrator | banned | guest
            | \d+\+?\s+years?\ member
            | (?:joined|join\ date|registered|member\ since|messages|posts|reaction\ score|reactions|points|trophy\ points|reputation|likes\ received|solutions)\b\s*:?\s*[\w\ ,./-]{0,24}
            | [\d.,]+\s*[km]?\s+(?:posts|messages|points|reputation|likes|solutions)\b.{0,40}
            | .*\d[\d.,]*\s*(?:gold|silver|bronze)\ badges?\b.*
            )$",
        )
        .expect("the poster panel pattern compiles")
    })
}

/// A post's controls and counters: a bare vote count, "Reply", "Quote", "Report",
/// "Share", "Last edited by NAME", "Edited 2 hours ago", "Add a comment".
fn post_controls() -> &'static Regex {
    static CONTROLS: OnceLock<Regex> = OnceLock::new();
    CONTROLS.get_or_init(|| {
        Regex::new(
            r"(?ix)^(?:
              [-+]?\d[\d.,]*\s*[km]?
            | reply | quote | report | multi-?quote | reply\ with\ quote | like | share | permalink | flag
            | follow | cite | upvote | downvote | add\ a\ comment | show\ \d+\ more\ comments?
            | improve\ this\ (?:answer|question|post)
            | (?:last\ )?edited(?:\ by)?\b.{0,60}
            )$",
        )
        .expect("the post controls pattern compiles")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poster_panels_and_post_controls_are_chrome() {
        for line in [
            "Full Member",
            "Discussion starter",
            "7+ Year Member",
            "Joined: Mar 12, 2019",
            "Messages 1,204",
            "2,994 posts · Joined 2021",
            "135k4 gold badges175 silver badges322 bronze badges",
        ] {
            assert_eq!(post_chrome(line), Some(Reason::Byline), "{line}");
        }
        for line in [
            "14",
            "Reply",
            "Quote",
            "Last edited by Ann: Jul 25, 2024",
            "Add a comment",
        ] {
            assert_eq!(post_chrome(line), Some(Reason::Navigation), "{line}");
        }
    }

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| Block::new((*l).to_owned(), i + 1))
            .collect()
    }

    const STORY: &str = "The council met on Tuesday evening to discuss the new budget for the coming year, which includes higher spending on roads and schools, and a long debate on the library.";

    #[test]
    fn a_signed_run_of_comments_after_a_cue_goes() {
        let mut got = blocks(&[
            STORY,
            STORY,
            STORY,
            STORY,
            "Have your say",
            "Posted by Ann on 3 May 2011",
            "About time the roads were fixed.",
            "Bob wrote: The library should open on Sundays too.",
        ]);
        remove_comment_run(&mut got);
        assert!(got[..4].iter().all(Block::is_body));
        assert!(got[4..]
            .iter()
            .all(|b| b.role == crate::block::Role::Removed(Reason::Comments)));
    }

    #[test]
    fn a_cue_without_signed_posts_or_before_the_article_leaves_the_text() {
        let mut unsigned = blocks(&[STORY, STORY, STORY, STORY, "Your comments", STORY]);
        remove_comment_run(&mut unsigned);
        assert!(unsigned.iter().all(Block::is_body));
        let mut early = blocks(&[
            "Have your say",
            "Posted by Ann on 3 May 2011",
            "Bob wrote: The library should open on Sundays too.",
            STORY,
        ]);
        remove_comment_run(&mut early);
        assert!(early.iter().all(Block::is_body));
    }

    #[test]
    fn what_posters_write_is_not_chrome() {
        for line in [
            "Thanks, that fixed it.",
            "Members of the committee joined us later in the week to talk about the budget.",
            "2 cups of flour",
            "Posts like this one make the forum worth reading.",
            "I edited the config file and restarted the service, which fixed the crash for good.",
        ] {
            assert_eq!(post_chrome(line), None, "{line}");
        }
    }
}
