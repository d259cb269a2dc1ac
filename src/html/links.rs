//! Links inside the article region. A short line that is mostly a link is navigation
//! outside the article, but inside it may be the article's own: a linked subhead, a bare
//! URL, a source citation or a price line ("Source: <link>", "Get it for $X at <link>"),
//! and in a region that is a series of entries (a blog index, search results) each
//! entry's linked title. Such a line is kept unless it repeats the site's chrome (its
//! text is printed elsewhere on the page too: a menu item, a "View on map" button in
//! every card) or it sits in a link-dense group (a list of links, a share row or a menu
//! inside the region, or a run of link lines in an article). A line of the article that is wholly a link and none of those
//! (a "Find out more about ..." promo between paragraphs), or a label and a linked
//! headline ("See also: `<headline>`"), is a teaser and stays navigation.

use std::collections::HashMap;

use super::dom::Page;
use crate::block::{fold, Block, BlockKind};

/// Characters the group around a link line must hold before its link density is judged:
/// the nearest element around the line holding this much is its group (a list, a box,
/// the article body).
const GROUP_MIN_CHARS: usize = 200;
/// Link density from which a group reads as a list of links rather than text.
const GROUP_LINK_DENSITY: f32 = 0.5;
/// Link density under which a line has text of its own beside its link (a citation's
/// "Source:", a price).
const PARTLY_LINKED: f32 = 0.95;
/// Most words of a label before a colon that introduces a linked headline.
const LABEL_MAX_WORDS: usize = 4;
/// Fewest words after such a label that make the rest a headline (a teaser), not a
/// source's name.
const TEASER_MIN_WORDS: usize = 5;
/// Characters the parent of a linked heading must hold for the heading to be a subhead
/// of a long text rather than the title of a teaser card.
const SUBHEAD_MIN_CONTEXT: usize = 600;
/// Fewest teaser cards that make a region a listing of cards.
const MIN_CARDS: usize = 3;
/// Fewest words of an entry's title in a series.
const ENTRY_MIN_WORDS: usize = 4;
/// Most characters of an entry card (a title, a summary of a few sentences, a date).
const CARD_MAX_CHARS: usize = 1000;
/// Link share under which a card holds text of its own beside its title.
const CARD_LINK_DENSITY: f32 = 0.5;

/// Per block, whether it is a link line (`is_link_line`) inside the region (`inside`)
/// that is kept as article text (see the module documentation). `series`: the region is
/// a repeated series of entries; `entries`: per block, inside an entry of a listing
/// that joined the region, where every link line printed once is the entry's own (a
/// card that is one link: its title, its rating).
pub fn kept_in_region(
    page: &Page,
    inside: &[bool],
    series: bool,
    entries: &[bool],
    is_link_line: impl Fn(&Block) -> bool,
) -> Vec<bool> {
    let candidates: Vec<bool> = page
        .blocks
        .iter()
        .zip(inside)
        .map(|(b, &inside)| inside && is_link_line(&b.block))
        .collect();
    if !candidates.contains(&true) {
        return candidates;
    }
    let printed = print_counts(page);
    let sums = Sums::of(page);
    let dense = link_dense_groups(page, &sums);
    let cards_are_entries = region_of_cards(page, inside, &candidates, &sums);
    let titles = entry_titles(page, inside, &candidates, &sums);
    let introduced = super::link_lists::introduced_items(page, inside, &candidates);
    page.blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let block = &b.block;
            if !candidates[i] || printed.get(&fold(&block.text)).copied().unwrap_or(0) > 1 {
                return false;
            }
            let entry = entries[i] || (titles[i] && !dense[i]);
            let own = || {
                !dense[i]
                    && !in_run(page, &candidates, i)
                    && if series {
                        block.words_upto(ENTRY_MIN_WORDS) >= ENTRY_MIN_WORDS
                    } else {
                        is_article_link(block, b.links, || {
                            cards_are_entries || in_long_text(page, &sums, b.element)
                        })
                    }
            };
            entry || introduced[i] || own()
        })
        .collect()
}

/// Whether the link line `i` has a link line of the region right before or after it in
/// the same element or a sibling: in an article, a run of link lines is a list of links,
/// not text.
fn in_run(page: &Page, candidates: &[bool], i: usize) -> bool {
    let element = page.blocks[i].element;
    let parent = page.elements[element].parent;
    let together = |j: usize| {
        let other = page.blocks[j].element;
        candidates[j] && (other == element || page.elements[other].parent == parent)
    };
    (i > 0 && together(i - 1)) || (i + 1 < candidates.len() && together(i + 1))
}

/// Whether a link line reads as part of an article: a linked subhead (a heading whose
/// parent holds a long text, `in_long_text`: a teaser card's heading has only its
/// summary beside it), a bare URL, or a line with text of its own beside its one link (a
/// row of several links behind a label is a share or tag row); never
/// a label before a headline, nor a line a phrase family names (a share row, "Read
/// more: ...").
fn is_article_link(block: &Block, links: usize, in_long_text: impl FnOnce() -> bool) -> bool {
    if is_labelled_headline(&block.text) || crate::noise::phrases::classify(&block.text).is_some() {
        return false;
    }
    is_bare_url(&block.text)
        || (block.kind != BlockKind::Heading && links <= 1 && block.link_density < PARTLY_LINKED)
        || (block.kind == BlockKind::Heading && in_long_text())
}

/// Whether the region is mostly teaser cards (a blog index, a section front): at least
/// [`MIN_CARDS`] linked headings (`candidates` of kind heading) in short parents of
/// their own, and those parents hold at least half the region's characters. Then the
/// cards are the page's entries and their headings are content.
fn region_of_cards(page: &Page, inside: &[bool], candidates: &[bool], sums: &Sums) -> bool {
    let region_chars: usize = page
        .blocks
        .iter()
        .zip(inside)
        .filter(|(_, &inside)| inside)
        .map(|(b, _)| b.block.char_count())
        .sum();
    let mut cards = std::collections::HashSet::new();
    for (b, &candidate) in page.blocks.iter().zip(candidates) {
        let parent = page.elements[b.element].parent;
        if let Some(parent) = parent.filter(|&p| {
            candidate && b.block.kind == BlockKind::Heading && sums.chars[p] < SUBHEAD_MIN_CONTEXT
        }) {
            cards.insert(parent);
        }
    }
    let card_chars: usize = cards.iter().map(|&c| sums.chars[c]).sum();
    cards.len() >= MIN_CARDS && card_chars * 2 >= region_chars
}

/// Per block, whether it is the linked title leading an entry card of a region made of
/// such cards (a blog index, search results, a section front): the card is the nearest
/// element around the title that holds more than it, led by it ([`leads`]), short (at most
/// [`CARD_MAX_CHARS`]) and mostly unlinked text (a summary, a date); at least
/// [`MIN_CARDS`] cards of one family (tag and first class word) lead with such a title,
/// and together they hold at least half the region's characters. All false otherwise.
fn entry_titles(page: &Page, inside: &[bool], candidates: &[bool], sums: &Sums) -> Vec<bool> {
    let none = vec![false; page.blocks.len()];
    let region_chars: usize = page
        .blocks
        .iter()
        .zip(inside)
        .filter(|(_, &inside)| inside)
        .map(|(b, _)| b.block.char_count())
        .sum();
    let mut cards: HashMap<u64, Vec<(usize, usize)>> = HashMap::new();
    for (i, b) in page.blocks.iter().enumerate() {
        if !candidates[i] || b.block.words_upto(ENTRY_MIN_WORDS) < ENTRY_MIN_WORDS {
            continue;
        }
        let own = b.block.char_count();
        let Some(card) = page.ancestors(b.element).find(|&e| sums.chars[e] > own) else {
            continue;
        };
        let chars = sums.chars[card];
        let short = chars <= CARD_MAX_CHARS && sums.linked[card] < CARD_LINK_DENSITY * chars as f32;
        if short && leads(page, card, i) {
            cards
                .entry(page.elements[card].family)
                .or_default()
                .push((card, i));
        }
    }
    let mut titles = none;
    for members in cards.values() {
        let mut distinct: Vec<usize> = members.iter().map(|&(card, _)| card).collect();
        distinct.dedup();
        let card_chars: usize = distinct.iter().map(|&c| sums.chars[c]).sum();
        if distinct.len() >= MIN_CARDS && card_chars * 2 >= region_chars {
            members.iter().for_each(|&(_, i)| titles[i] = true);
        }
    }
    titles
}

/// Whether block `title` leads the `card`: no block of the card before it has
/// [`ENTRY_MIN_WORDS`] words (a date or a category label may come first, a paragraph
/// may not: a "Read the full review" link closing a section leads nothing).
fn leads(page: &Page, card: usize, title: usize) -> bool {
    !page.blocks[..title]
        .iter()
        .rev()
        .take_while(|b| page.ancestors(b.element).any(|e| e == card))
        .any(|b| b.block.words_upto(ENTRY_MIN_WORDS) >= ENTRY_MIN_WORDS)
}

/// Whether the parent of `element` holds at least [`SUBHEAD_MIN_CONTEXT`] characters.
fn in_long_text(page: &Page, sums: &Sums, element: usize) -> bool {
    page.elements[element]
        .parent
        .is_some_and(|p| sums.chars[p] >= SUBHEAD_MIN_CONTEXT)
}

/// Per element, the characters of the blocks it holds and how many of them are linked.
struct Sums {
    chars: Vec<usize>,
    linked: Vec<f32>,
}

impl Sums {
    /// The sums over every block of the page.
    fn of(page: &Page) -> Self {
        let mut chars = vec![0usize; page.elements.len()];
        let mut linked = vec![0f32; page.elements.len()];
        for b in &page.blocks {
            let count = b.block.char_count();
            for e in page.ancestors(b.element) {
                chars[e] += count;
                linked[e] += count as f32 * b.block.link_density;
            }
        }
        Sums { chars, linked }
    }
}

/// A web address printed as text: one token with a scheme or a `www.` start, or a host
/// and a path.
fn is_bare_url(text: &str) -> bool {
    let token = text.trim();
    if token.is_empty() || token.contains(char::is_whitespace) {
        return false;
    }
    let lower = token.to_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || lower
            .split_once('/')
            .is_some_and(|(host, _)| host.contains('.') && !host.starts_with('.'))
}

/// A short label, a colon and a headline after it ("See also: The town that ...").
fn is_labelled_headline(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    let label_words = label.split_whitespace().count();
    (1..=LABEL_MAX_WORDS).contains(&label_words)
        && rest.split_whitespace().count() >= TEASER_MIN_WORDS
}

/// How many blocks of the page print each folded text ([`fold`]).
pub(super) fn print_counts(page: &Page) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for b in &page.blocks {
        *counts.entry(fold(&b.block.text)).or_insert(0) += 1;
    }
    counts
}

/// Per block, whether its group (the nearest element around it holding at least
/// [`GROUP_MIN_CHARS`] characters, else the whole page) is mostly links.
fn link_dense_groups(page: &Page, sums: &Sums) -> Vec<bool> {
    let Sums { chars, linked } = sums;
    page.blocks
        .iter()
        .map(|b| {
            let group = page
                .ancestors(b.element)
                .find(|&e| chars[e] >= GROUP_MIN_CHARS)
                .unwrap_or(0);
            chars[group] > 0 && linked[group] >= GROUP_LINK_DENSITY * chars[group] as f32
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::page_blocks;
    use scraper::Html;

    const PROSE: &str = "The council met on Tuesday evening to discuss the new budget for the coming year, which includes higher spending on roads and schools.";

    /// The texts of the link lines kept, with every block counted as in the region
    /// except those under `nav`.
    fn kept(html: &str) -> Vec<String> {
        let page = page_blocks(&Html::parse_document(html));
        let inside: Vec<bool> = page
            .blocks
            .iter()
            .map(|b| {
                !page
                    .ancestors(b.element)
                    .any(|e| page.elements[e].tag == crate::html::dom::Tag::Nav)
            })
            .collect();
        let none = vec![false; page.blocks.len()];
        let keep = kept_in_region(&page, &inside, false, &none, |b| b.link_density >= 0.6);
        page.blocks
            .iter()
            .zip(keep)
            .filter(|(_, k)| *k)
            .map(|(b, _)| b.block.text.clone())
            .collect()
    }

    #[test]
    fn a_citation_and_a_linked_subhead_in_prose_are_kept() {
        let html = format!(
            "<body><nav><a href=/>Home</a></nav><article><p>{PROSE}</p>\
             <h2><a href=/s>How the money is spent</a></h2><p>{PROSE}</p>\
             <p><a href=https://example.org/report.pdf>https://example.org/report.pdf</a></p>\
             <p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article></body>"
        );
        assert_eq!(
            kept(&html),
            ["How the money is spent", "https://example.org/report.pdf"]
        );
    }

    #[test]
    fn a_price_line_stays_and_promos_and_labelled_teasers_go() {
        let html = format!(
            "<body><article><p>{PROSE}</p><p>Get it for £12 at <a href=/r>Harbour Books and Maps of Garsby</a></p><p>{PROSE}</p>\
             <p><a href=/x>Find out how the county spends its road budget each year</a></p>\
             <p>See also: <a href=/y>The bridge that closed for a whole year last spring</a></p>\
             <p>{PROSE}</p></article></body>"
        );
        assert_eq!(
            kept(&html),
            ["Get it for £12 at Harbour Books and Maps of Garsby"]
        );
    }

    #[test]
    fn a_linked_heading_of_a_teaser_card_goes() {
        let card = format!(
            "<div class=card><h3><a href=/c>Ferry timetable changes for the winter</a></h3><p>{PROSE}</p></div>"
        );
        let html = format!(
            "<body><article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p>{card}</article></body>"
        );
        assert!(kept(&html).is_empty());
    }

    #[test]
    fn a_region_of_cards_keeps_their_headings() {
        let card = |i: usize| {
            format!("<div class=card><h3><a href=/c{i}>Ferry timetable changes, part {i}</a></h3><p>{PROSE}</p></div>")
        };
        let cards: String = (0..4).map(card).collect();
        let html = format!("<body><main><p>{PROSE}</p>{cards}</main></body>");
        assert_eq!(kept(&html).len(), 4);
    }

    #[test]
    fn titles_leading_short_cards_are_entries() {
        let card = |i: usize| {
            format!("<div class=post><div class=body><div>May {i}</div><a href=/p{i}><h4>Ferry timetable changes for winter, part {i}</h4></a><div>The harbour office moves the first sailing back by half an hour.</div></div></div>")
        };
        let cards: String = (0..4).map(card).collect();
        let html = format!("<body><main><p>Notes from the harbour.</p>{cards}</main></body>");
        assert_eq!(kept(&html).len(), 4);
    }

    #[test]
    fn a_link_closing_each_section_leads_no_card() {
        let section = |i: usize| {
            format!("<div class=item><p>{PROSE}</p><p><a href=/r{i}>Read the whole review of model {i}</a></p></div>")
        };
        let sections: String = (0..4).map(section).collect();
        let html = format!("<body><main>{sections}</main></body>");
        assert!(kept(&html).is_empty());
    }

    #[test]
    fn a_labelled_row_of_links_goes() {
        let html = format!(
            "<body><article><p>{PROSE}</p><p>{PROSE}</p><div>Pass it on <a href=/a>Facebook</a> <a href=/b>Mastodon</a> <a href=/c>E-mail</a></div></article></body>"
        );
        assert!(kept(&html).is_empty());
    }

    #[test]
    fn a_line_repeating_the_menu_goes() {
        let html = format!(
            "<body><nav><ul><li><a href=/>Home</a></li><li><a href=/n>Local news</a></li></ul></nav>\
             <article><p>{PROSE}</p><p><a href=/n>Local news</a></p><p>{PROSE}</p></article></body>"
        );
        assert!(kept(&html).is_empty());
    }

    #[test]
    fn a_list_of_links_in_the_region_goes() {
        let items: String = (0..12)
            .map(|i| format!("<li><a href=/t{i}>Topic page number {i}</a></li>"))
            .collect();
        let html =
            format!("<body><article><p>{PROSE}</p><ul>{items}</ul><p>{PROSE}</p></article></body>");
        assert!(kept(&html).is_empty());
    }
}
