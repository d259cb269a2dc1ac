//! Series of entries: the body of a listing page (a course catalogue, a blog index, a
//! recipe category, search results) is a run of same-shape siblings, each an entry of a
//! few lines (a linked title, a one-line summary, a date or price). When the best
//! scoring element of such a page is a short introduction above the entries, the
//! entries are the page's content all the same.
//!
//! A series is found by shape alone: at least [`MIN_ENTRIES`] children of one element
//! share a tag and the first class word without digits, most of them
//! ([`MIN_ENTRY_SHARE`]) hold at least [`ENTRY_MIN_LINES`] lines outside noise hints,
//! one of a few words at least, and none is long (an entry is a card, not a section of
//! an article).

use super::dom::Page;
use crate::noise::phrases::classify;
use crate::reason::Reason;

/// Fewest entries that make a series.
const MIN_ENTRIES: usize = 4;
/// Share of the same-shape siblings that must read as entries.
const MIN_ENTRY_SHARE: f32 = 0.75;
/// Fewest lines that make a sibling an entry (a title and a summary, a date or a
/// rating; a menu item has one)...
const ENTRY_MIN_LINES: usize = 2;
/// ... of which this many have [`LINE_MIN_WORDS`] words at least.
const ENTRY_MIN_WORDY_LINES: usize = 1;
/// Fewest words of an entry's line.
const LINE_MIN_WORDS: usize = 4;
/// Most characters of an entry: longer siblings are sections of a text.
const ENTRY_MAX_CHARS: usize = 1500;

/// The page's largest series of entries (by the characters of their lines) with every
/// other series whose entries are of the same family (tag and first class word), as
/// the entry elements, if together they hold at least `min_chars`: a listing split into
/// sections ("Top rated", "Newest", "All recipes") prints the same cards in each.
pub fn largest(page: &Page, noise: &[Option<Reason>], min_chars: usize) -> Option<Vec<usize>> {
    let (lines, wordy, chars) = entry_sums(page, noise);
    let mut groups: std::collections::HashMap<(usize, u64), Vec<usize>> =
        std::collections::HashMap::new();
    for (e, element) in page.elements.iter().enumerate() {
        if let Some(parent) = element.parent {
            groups.entry((parent, element.family)).or_default().push(e);
        }
    }
    let first_blocks = first_blocks(page);
    let series: Vec<(usize, Vec<usize>)> = groups
        .into_values()
        .filter(|members| members.len() >= MIN_ENTRIES)
        .filter(|members| !under_related_label(page, &first_blocks, members[0]))
        .filter_map(|members| {
            let entries: Vec<usize> = members
                .iter()
                .copied()
                .filter(|&e| {
                    lines[e] >= ENTRY_MIN_LINES
                        && wordy[e] >= ENTRY_MIN_WORDY_LINES
                        && chars[e] <= ENTRY_MAX_CHARS
                })
                .collect();
            let share = entries.len() as f32 / members.len() as f32;
            let total: usize = entries.iter().map(|&e| chars[e]).sum();
            (entries.len() >= MIN_ENTRIES && share >= MIN_ENTRY_SHARE).then_some((total, entries))
        })
        .collect();
    let (_, best) = series
        .iter()
        .max_by_key(|(total, entries)| (*total, std::cmp::Reverse(entries[0])))?;
    let family = page.elements[best[0]].family;
    let alike = series
        .iter()
        .filter(|(_, entries)| page.elements[entries[0]].family == family);
    let total: usize = alike.clone().map(|(total, _)| total).sum();
    if total < min_chars {
        return None;
    }
    let mut all: Vec<usize> = alike
        .flat_map(|(_, entries)| entries.iter().copied())
        .collect();
    all.sort_unstable();
    Some(all)
}

/// Fewest elements of one family, named as noise of one kind, that make a series of
/// named entries.
const NAMED_MIN_ENTRIES: usize = 3;

/// Most of a series' prose that one named entry may hold: a menu holding nearly all
/// of it with two small siblings is a menu, not a series of entries.
const NAMED_MAX_ENTRY_SHARE: f32 = 0.5;

/// Per element, whether its noise name is the name of the page's entries rather than
/// noise: at least [`NAMED_MIN_ENTRIES`] elements of one family (tag and first class
/// word), each named as noise of one kind other than comments (`hints` per element),
/// together hold at least `share` of the page's prose (`prose` per element, `total`
/// for the page). A listing whose cards are named `teaser` or `widget` prints its
/// content in them; a rail of teasers beside an article holds less prose than the
/// article. No entry holds more than [`NAMED_MAX_ENTRY_SHARE`] of the series' prose.
/// Only the outermost named element of a family counts, so nested names
/// are not counted twice; names of the same kind inside a named entry are the names
/// of its parts (`widget-content__header`), and go with it.
pub fn named_entries(
    page: &Page,
    hints: &[Option<Reason>],
    prose: &[f32],
    total: f32,
    share: f32,
) -> Vec<bool> {
    let mut groups: std::collections::HashMap<(u64, Reason), Vec<usize>> =
        std::collections::HashMap::new();
    for (e, hint) in hints.iter().enumerate() {
        let Some(reason) = hint.filter(|&r| r != Reason::Comments) else {
            continue;
        };
        let family = page.elements[e].family;
        let nested = page
            .ancestors(e)
            .skip(1)
            .any(|a| hints[a] == Some(reason) && page.elements[a].family == family);
        if !nested {
            groups.entry((family, reason)).or_default().push(e);
        }
    }
    let mut named = vec![false; page.elements.len()];
    let holding = groups.into_values().filter(|members| {
        let held: f32 = members.iter().map(|&e| prose[e]).sum();
        let largest = members.iter().map(|&e| prose[e]).fold(0.0, f32::max);
        members.len() >= NAMED_MIN_ENTRIES
            && total > 0.0
            && held >= share * total
            && largest <= NAMED_MAX_ENTRY_SHARE * held
    });
    holding.flatten().for_each(|e| named[e] = true);
    for e in 0..named.len() {
        let Some(reason) = hints[e] else { continue };
        named[e] |= page
            .ancestors(e)
            .skip(1)
            .any(|a| named[a] && hints[a] == Some(reason));
    }
    named
}

/// Whether the block right before the first block of `entry` is a label that a phrase
/// family names related content ("Related articles", "You may also like"): the entries
/// under it are teasers of other pages, not the page's own list.
/// `first_blocks` is [`first_blocks`] of the page.
fn under_related_label(page: &Page, first_blocks: &[Option<usize>], entry: usize) -> bool {
    first_blocks[entry]
        .and_then(|f| f.checked_sub(1))
        .and_then(|l| classify(&page.blocks[l].block.text))
        .is_some_and(|reason| matches!(reason, Reason::Related | Reason::SectionFooter))
}

/// Per element, the index of the first block inside it, if any, in one pass: a block's
/// ancestors are climbed only up to the first that an earlier block already reached
/// (that one's ancestors were all reached too).
fn first_blocks(page: &Page) -> Vec<Option<usize>> {
    let mut first = vec![None; page.elements.len()];
    for (i, b) in page.blocks.iter().enumerate() {
        for e in page.ancestors(b.element) {
            if first[e].is_some() {
                break;
            }
            first[e] = Some(i);
        }
    }
    first
}

/// Per element, how many blocks outside noise hints it holds, how many of those have
/// [`LINE_MIN_WORDS`] words, and their characters.
fn entry_sums(page: &Page, noise: &[Option<Reason>]) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let mut lines = vec![0; page.elements.len()];
    let mut wordy = vec![0; page.elements.len()];
    let mut chars = vec![0; page.elements.len()];
    for (b, n) in page.blocks.iter().zip(noise) {
        if n.is_some() {
            continue;
        }
        let line = b.block.words_upto(LINE_MIN_WORDS) >= LINE_MIN_WORDS;
        let count = b.block.char_count();
        for e in page.ancestors(b.element) {
            lines[e] += 1;
            wordy[e] += usize::from(line);
            chars[e] += count;
        }
    }
    (lines, wordy, chars)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::page_blocks;
    use scraper::Html;

    fn series_of(html: &str) -> Option<usize> {
        let page = page_blocks(&Html::parse_document(html));
        largest(&page, &vec![None; page.blocks.len()], 0).map(|s| s.len())
    }

    #[test]
    fn cards_of_a_title_and_a_summary_are_a_series() {
        let card = |i: usize| {
            format!("<div class=card><h3><a href=c{i}>Course number {i} on data</a></h3><p>Learn the basics of data work in eight weeks.</p></div>")
        };
        let cards: String = (0..6).map(card).collect();
        let html = format!("<body><p>Intro text.</p><div class=grid>{cards}</div></body>");
        assert_eq!(series_of(&html), Some(6));
    }

    #[test]
    fn sections_of_the_same_cards_are_one_series() {
        let card = |i: usize| {
            format!("<div class=card><h3><a href=c{i}>Recipe number {i} for dinner</a></h3><p>Ready in twenty minutes with what you have.</p></div>")
        };
        let section = |n: usize| {
            let cards: String = (0..n).map(card).collect();
            format!("<section><h2>Section</h2><div class=grid>{cards}</div></section>")
        };
        let html = format!("<body>{}{}</body>", section(4), section(6));
        assert_eq!(series_of(&html), Some(10));
    }

    /// Per block, whether an element named as noise around it keeps its name.
    fn named_noise(html: &str) -> Vec<bool> {
        let page = page_blocks(&Html::parse_document(html));
        let hints: Vec<Option<Reason>> = page
            .elements
            .iter()
            .map(|e| match e.hint {
                crate::html::hints::Hint::Negative(reason) => Some(reason),
                _ => None,
            })
            .collect();
        let prose: Vec<f32> = page
            .blocks
            .iter()
            .map(|b| b.block.char_count() as f32)
            .collect();
        let mut held = vec![0.0; page.elements.len()];
        for (b, p) in page.blocks.iter().zip(&prose) {
            page.ancestors(b.element).for_each(|e| held[e] += p);
        }
        let named = named_entries(&page, &hints, &held, prose.iter().sum(), 0.7);
        page.blocks
            .iter()
            .map(|b| {
                page.ancestors(b.element)
                    .any(|e| hints[e].is_some() && !named[e])
            })
            .collect()
    }

    const SUMMARY: &str = "Six evenings of careful practice with a tutor, in a small group, from the very first step.";

    #[test]
    fn cards_named_as_teasers_that_hold_the_page_are_its_entries() {
        let card = |i: usize| {
            format!("<article class=\"card teaser\"><h3><a href=c{i}>Course {i}</a></h3><p>{SUMMARY}</p></article>")
        };
        let cards: String = (0..4).map(card).collect();
        let html = format!(
            "<body><ul class=menu><li><a href=h>Home</a></li></ul><div>{cards}</div></body>"
        );
        let named = named_noise(&html);
        assert!(named[0], "the menu keeps its name");
        assert!(named[1..].iter().all(|&n| !n), "{named:?}");
    }

    #[test]
    fn teasers_beside_a_longer_article_or_one_big_menu_keep_their_names() {
        let card = |i: usize| {
            format!("<div class=\"card teaser\"><h3><a href=c{i}>Course {i}</a></h3><p>{SUMMARY}</p></div>")
        };
        let cards: String = (0..3).map(card).collect();
        let story = format!("<p>{SUMMARY} {SUMMARY} {SUMMARY}</p>").repeat(4);
        let html = format!("<body><div class=story>{story}</div><div>{cards}</div></body>");
        assert!(named_noise(&html).iter().skip(4).all(|&n| n));
        let menu = format!(
            "<div class=nav>{}</div>",
            format!("<p>{SUMMARY}</p>").repeat(12)
        );
        let small = "<div class=nav><a href=a>Home</a></div>".repeat(2);
        let page = format!("<body>{menu}{small}<p>{SUMMARY}</p></body>");
        assert!(named_noise(&page).iter().take(12).all(|&n| n));
    }

    #[test]
    fn a_menu_of_single_links_is_not_a_series() {
        let item = |i: usize| format!("<li><a href=m{i}>Section number {i} of the site</a></li>");
        let items: String = (0..8).map(item).collect();
        assert_eq!(series_of(&format!("<body><ul>{items}</ul></body>")), None);
    }
}
