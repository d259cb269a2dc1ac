//! Registration and subscription walls.
//!
//! A wall is a prompt ("Register for free to continue reading", "Subscribe to keep
//! reading") followed by its form: labels, validation messages, password rules, consent
//! text, login notices, comment teasers, often printed twice. The prompt starts a run;
//! the run goes on over blocks that any phrase family knows, blocks that repeat an
//! earlier block of the run, and short label-like lines, and stops at the first block
//! that reads as prose of its own.

use std::collections::HashSet;

use super::phrases::classify;
use crate::block::Block;
use crate::reason::Reason;

/// Short lines inside a wall (button labels, field names) have at most this many words.
const FILLER_MAX_WORDS: usize = 8;

/// Remove every wall and the material that belongs to it.
pub fn remove(blocks: &mut [Block]) {
    let mut i = 0;
    while i < blocks.len() {
        match trigger(&blocks[i]) {
            Some(reason) => i = remove_run(blocks, i, reason),
            None => i += 1,
        }
    }
}

/// The wall reason if the block is a wall prompt.
fn trigger(block: &Block) -> Option<Reason> {
    if !block.is_body() {
        return None;
    }
    classify(&block.text).filter(|r| matches!(r, Reason::RegistrationWall | Reason::Paywall))
}

/// Remove the run that starts at `start`; returns the index after it.
fn remove_run(blocks: &mut [Block], start: usize, wall: Reason) -> usize {
    let mut seen: HashSet<String> = HashSet::new();
    let mut i = start;
    while i < blocks.len() {
        let block = &mut blocks[i];
        if block.is_body() {
            let key = block.text.to_lowercase();
            let reason = classify(&block.text)
                .map(|found| within_wall(found, wall))
                .or_else(|| seen.contains(&key).then_some(wall))
                .or_else(|| is_filler(block).then_some(wall));
            let Some(reason) = reason else { break };
            block.remove(reason);
            seen.insert(key);
        }
        i += 1;
    }
    i
}

/// Inside a wall, a line a general family knows (a "Subscribe" button, a price) is
/// part of the wall; the families of wall material keep their own reason.
fn within_wall(found: Reason, wall: Reason) -> Reason {
    match found {
        Reason::RegistrationWall
        | Reason::Paywall
        | Reason::FormMessage
        | Reason::Login
        | Reason::Legal
        | Reason::Comments
        | Reason::Cookie => found,
        _ => wall,
    }
}

/// A short line that does not end a sentence: a label or button inside the wall.
fn is_filler(block: &Block) -> bool {
    block.words_upto(FILLER_MAX_WORDS) <= FILLER_MAX_WORDS && !ends_sentence(&block.text)
}

/// Whether text ends like a sentence.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', '”', '’', '»', ')', ']'])
        .ends_with(['.', '!', '?', '…', '。'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Role;
    use crate::text::segment;

    fn roles(text: &str) -> Vec<Role> {
        let mut blocks = segment(text);
        remove(&mut blocks);
        blocks.iter().map(|b| b.role).collect()
    }

    #[test]
    fn wall_and_its_form_go_together() {
        let text = "The last paragraph of the story ends here with a full stop.\n\
                    Subscribe to continue reading\n\
                    Get unlimited access to every story\n\
                    Please enter a valid email\n\
                    Password\n\
                    Already a subscriber? Log in\n";
        let roles = roles(text);
        assert_eq!(roles[0], Role::Body);
        assert_eq!(roles[1], Role::Removed(Reason::Paywall));
        assert!(
            roles[2..].iter().all(|r| matches!(r, Role::Removed(_))),
            "{roles:?}"
        );
    }

    #[test]
    fn run_stops_at_prose() {
        let text = "Jetzt kostenlos registrieren und weiterlesen\n\
                    Die Stadt hat am Montag beschlossen, den Bau der neuen Brücke um ein Jahr zu verschieben, wie der Bürgermeister mitteilte.\n";
        let roles = roles(text);
        assert_eq!(roles[0], Role::Removed(Reason::RegistrationWall));
        assert_eq!(roles[1], Role::Body);
    }

    #[test]
    fn article_without_wall_is_untouched() {
        let text = "Registration opened on Monday for the city marathon, which expects 20,000 runners.\nIt closes in May.\n";
        assert!(roles(text).iter().all(|r| *r == Role::Body));
    }
}
