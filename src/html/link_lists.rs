//! Lists of links that are the article's own content. Inside the article region, a run
//! of link lines is usually a list of links set into the text (related stories, a tag
//! list) and goes as navigation; but a list that the article introduces, under its own
//! heading or right after a paragraph of its text, is what the article is about: a
//! reading list, the references of a survey, the products a guide compares, the table
//! of contents of a long tutorial. Such a list's link items are kept when none of them
//! is printed elsewhere on the page (a menu repeated in the region is still chrome) and
//! its introduction is not one a phrase family names ("Related articles", "Read more"),
//! and the article goes on with text after it (a list that closes the region, recent
//! posts or the site's other pages, is what follows an article).

use std::collections::HashMap;

use super::dom::{Page, Tag};
use super::links::print_counts;
use crate::block::{fold, BlockKind};

/// Fewest words of a paragraph after a list that shows the article goes on past it.
const TEXT_MIN_WORDS: usize = 12;
/// Link density under which such a paragraph is text.
const TEXT_MAX_LINK_DENSITY: f32 = 0.5;

/// Per block, whether it is a link line (`candidates`) that is an item of a list the
/// article region (`inside`) introduces (see the module documentation).
pub fn introduced_items(page: &Page, inside: &[bool], candidates: &[bool]) -> Vec<bool> {
    let mut kept = vec![false; page.blocks.len()];
    if !candidates.contains(&true) {
        return kept;
    }
    let lists: Vec<Option<usize>> = page
        .blocks
        .iter()
        .map(|b| list_of(page, b.element))
        .collect();
    let printed = print_counts(page);
    let mut start = 0;
    while start < page.blocks.len() {
        let Some(list) = lists[start] else {
            start += 1;
            continue;
        };
        let end = (start..page.blocks.len())
            .find(|&j| lists[j] != Some(list) && !holds(page, list, j))
            .unwrap_or(page.blocks.len());
        if introduced(page, inside, candidates, start, end, &printed) {
            (start..end).for_each(|j| kept[j] = candidates[j]);
        }
        start = end;
    }
    kept
}

/// The list around an element: the parent of its nearest list item (`li`, `dd`, `dt`).
fn list_of(page: &Page, element: usize) -> Option<usize> {
    page.ancestors(element)
        .find(|&e| page.elements[e].tag == Tag::ListItem)
        .and_then(|item| page.elements[item].parent)
}

/// Whether block `j` lies inside element `list`.
fn holds(page: &Page, list: usize, j: usize) -> bool {
    page.ancestors(page.blocks[j].element).any(|e| e == list)
}

/// Whether the list of blocks `start..end` is introduced by the article: all of it in
/// the region, at least two link items, none of them printed elsewhere, and the block
/// before it a heading, or a paragraph ending in a colon, of the region that no phrase
/// family names. (A paragraph that does not announce the list is often followed by the
/// site's related stories set into the text.)
fn introduced(
    page: &Page,
    inside: &[bool],
    candidates: &[bool],
    start: usize,
    end: usize,
    printed: &HashMap<String, usize>,
) -> bool {
    let Some(before) = start.checked_sub(1) else {
        return false;
    };
    let items = start..end;
    let links = items.clone().filter(|&j| candidates[j]).count();
    let all_inside = items.clone().all(|j| inside[j]);
    let once = items
        .filter(|&j| candidates[j])
        .all(|j| printed.get(&fold(&page.blocks[j].block.text)) == Some(&1));
    let lead = &page.blocks[before].block;
    let leads = inside[before]
        && !candidates[before]
        && (lead.kind == BlockKind::Heading
            || (lead.kind == BlockKind::Paragraph && lead.text.trim_end().ends_with(':')))
        && crate::noise::phrases::classify(&lead.text).is_none();
    links >= 2 && all_inside && once && leads && text_follows(page, inside, candidates, end)
}

/// Whether the region goes on with text right after the list (block `end`, or the one
/// after a heading there): a paragraph of at least [`TEXT_MIN_WORDS`] words, mostly
/// unlinked. A list that closes the region
/// (recent posts, sources, the site's other pages) is what comes after an article; a
/// list the article goes on from is part of it.
fn text_follows(page: &Page, inside: &[bool], candidates: &[bool], end: usize) -> bool {
    let text = |j: usize| {
        let block = &page.blocks[j].block;
        inside[j]
            && !candidates[j]
            && block.kind == BlockKind::Paragraph
            && block.link_density < TEXT_MAX_LINK_DENSITY
            && block.words_upto(TEXT_MIN_WORDS) >= TEXT_MIN_WORDS
    };
    let heading =
        |j: usize| inside[j] && !candidates[j] && page.blocks[j].block.kind == BlockKind::Heading;
    let n = page.blocks.len();
    (end < n && text(end)) || (end + 1 < n && heading(end) && text(end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::page_blocks;
    use scraper::Html;

    /// The texts of the link items kept in a page whose every block is in the region.
    fn kept(html: &str) -> Vec<String> {
        let page = page_blocks(&Html::parse_document(html));
        let inside = vec![true; page.blocks.len()];
        let candidates: Vec<bool> = page
            .blocks
            .iter()
            .map(|b| b.block.link_density > 0.6)
            .collect();
        let kept = introduced_items(&page, &inside, &candidates);
        page.blocks
            .iter()
            .zip(kept)
            .filter(|(_, k)| *k)
            .map(|(b, _)| b.block.text.clone())
            .collect()
    }

    const LIST: &str = "<ul><li><a href=a>The harbour survey of 1921</a></li>\
        <li><a href=b>Tide tables and their errors</a></li></ul>";

    const MORE: &str =
        "Both were written before the new breakwater changed the currents at the mouth.";

    #[test]
    fn a_list_under_the_articles_heading_is_kept() {
        let html = format!("<body><h2>The papers behind it</h2>{LIST}<p>{MORE}</p></body>");
        assert_eq!(kept(&html).len(), 2);
        let html =
            format!("<body><p>These two papers started the debate:</p>{LIST}<p>{MORE}</p></body>");
        assert_eq!(kept(&html).len(), 2);
    }

    #[test]
    fn a_list_closing_the_region_is_not_kept() {
        let html = format!("<body><p>{MORE}</p><h2>The papers behind it</h2>{LIST}</body>");
        assert!(kept(&html).is_empty());
    }

    #[test]
    fn a_list_under_a_related_heading_or_repeated_elsewhere_is_not() {
        let html = format!("<body><h2>Related articles</h2>{LIST}<p>{MORE}</p></body>");
        assert!(kept(&html).is_empty());
        let html = format!(
            "<body><ul><li><a href=a>The harbour survey of 1921</a></li></ul>\
             <h2>The papers behind it</h2>{LIST}<p>{MORE}</p></body>"
        );
        assert!(kept(&html).is_empty());
        assert!(kept(&format!("<body>{LIST}</body>")).is_empty());
    }
}
