//! Per-post chrome of a discussion page: what a forum or question-and-answer site
//! prints around every post (the poster's rank and counters, join date, reputation and
//! badges, vote counts, "Last edited", reply and quote buttons). On a page declaring
//! itself a discussion these short lines are not the thread's text.

use std::sync::OnceLock;

use regex::Regex;

use crate::block::Block;
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
