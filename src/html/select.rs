//! Finding the article region of a page by scoring, not by site rules.
//!
//! Every block is valued: prose with few links counts for the region that holds it by
//! its length (less its linked share); link lists, short labels and anything inside an
//! element whose class/id or tag names noise (comments, share bars, related links,
//! navigation, asides, footers, forms) count against it. Each element's score is the sum
//! over the blocks it holds, raised for `article`, `main`, `itemprop=articleBody` and
//! body-like class names. The article region is the best-scoring element, with those of
//! its siblings that hold a good share of prose of their own (an article split across
//! sibling containers). On a page with prose, the best element must hold at least half
//! of the prose outside noise hints, so that a long run of short plain lines cannot outscore the article.
//!
//! When the best element (or one of its nearest ancestors) has two or more siblings of
//! the same shape (tag and class) that hold content too, the region is that series: the
//! posts of a thread, the answers to a question, the entries of a list.
//!
//! A page with little prose anywhere is read as a listing (a collection, a product
//! grid, a job board): there every block of a few words outside noise hints is an
//! entry and counts for the region, linked or not.
//!
//! A section headed by a comments heading (`4 Responses`, `Kommentare (2)`, `12
//! commentaires`) is named by it, as a class would: what follows the heading in the
//! same element is comments, whatever its class names say.
//!
//! A class/id hint is not trusted on an element that holds the element marked as the
//! article, nor on an element that holds most of the page's prose or of the article
//! it lies in: a wrapper named `sidebar-layout` around the whole page says nothing
//! about its content.

use super::dom::{Page, Tag};
use super::hints::Hint;
use crate::noise::phrases::classify;
use crate::noise::walls::ends_sentence;
use crate::reason::Reason;

/// How much a short or link-heavy line counts against a region, per character.
const NOISE_WEIGHT: f32 = 1.0;
/// Smallest charge of a noise line, so that menus of one-word links weigh.
const NOISE_MIN_CHARGE: f32 = 20.0;
/// Link density from which a block reads as links rather than text.
const LINKY: f32 = 0.5;
/// A noise hint is not trusted on an element holding at least this share of the page's
/// prose: it names the page's layout (`sidebar-layout`), not noise.
const HINT_TRUST_SHARE: f32 = 0.7;
/// Link density under which a short line is plain text (a list entry, a table cell).
const PLAIN_TEXT_DENSITY: f32 = 0.2;
/// What a short plain-text line is worth per character, against prose's 1.0.
const PLAIN_TEXT_WEIGHT: f32 = 0.3;
/// Score factor for elements marked as the article (`article`, `itemprop=articleBody`).
const ARTICLE_BOOST: f32 = 1.25;
/// Score factor for `main` and body-like class names.
const POSITIVE_BOOST: f32 = 1.1;
/// Prose (characters) an `article` or `main` element needs to count as the page's
/// marked article when a noise hint beside it is judged.
const MARKED_ARTICLE_MIN_PROSE: f32 = 500.0;
/// Prose (characters) outside a comments section that makes it the comments under an
/// article, even when the section holds most of the page's text: a news article's
/// length. A forum's opening post with the page's sidebars holds less (the replies of
/// an undeclared thread, named comments, stay its content).
const ARTICLE_BESIDE_COMMENTS_MIN: f32 = 3000.0;
/// A sibling joins the region when it scores at least this share of the best element.
const SIBLING_SHARE: f32 = 0.25;
/// How many levels above the best element (itself included) a repeated structure is
/// looked for: posts and entries sit a few wrappers above their text, not at the root.
const REPEAT_MAX_LEVELS: usize = 6;
/// Fewest siblings of the same shape, scoring positive, that make a level repeat (one
/// alike sibling is often a twin column, two or more a series).
const REPEAT_MIN_SIBLINGS: usize = 2;

/// How many levels above a series of replies (its container included) the opening post
/// of a discussion is looked for.
const OPENING_MAX_LEVELS: usize = 3;
/// Least prose (characters outside noise hints, less linked text) of an opening post.
const OPENING_MIN_PROSE: f32 = 100.0;

/// On a page with at least this much prose outside noise hints (characters, less
/// linked text)...
const REGION_GUARD_MIN_PROSE: f32 = 500.0;
/// ... the best element must hold at least this share of it: a block of many short
/// plain lines (a news ticker, a teaser grid, a date list) can outscore a short article
/// on the page, but it is not where the page's prose is.
const REGION_MIN_PROSE_SHARE: f32 = 0.5;

/// What a block printing the declared article body (JSON-LD `articleBody`) is worth per
/// character, against plain prose's 1.0: the page says it is the article.
const DECLARED_BODY_BOOST: f32 = 2.0;

/// A page with less prose than this (characters, less linked text) in all may be a
/// listing, collection or product grid rather than an article...
const LISTING_MAX_PROSE: f32 = 1000.0;
/// ... when, besides, no element scores more than this on prose: then its entries
/// count as content.
const LISTING_MAX_TOP: f32 = 300.0;
/// Fewest words of a listing's entry (shorter lines are menu items and labels).
const ENTRY_MIN_WORDS: usize = 4;
/// What an entry of a listing is worth per character: enough that a list of linked
/// titles and summaries outweighs the menus and link rows around it.
const ENTRY_WEIGHT: f32 = 3.0;

/// Most prose (characters outside noise hints, less linked text) of a region that a
/// series of entries elsewhere on the page can join: a listing's introduction, not an
/// article.
const SERIES_MAX_REGION_PROSE: f32 = 1500.0;
/// How many times the region's prose a series of entries must hold to join it (1.0:
/// more text than the introduction; 2.0 measured 0.005 lower on wcxb-dev services).
const SERIES_OVER_REGION: f32 = 1.0;
/// Fewest characters of a series of entries that joins the region.
const SERIES_MIN_CHARS: f32 = 500.0;

/// The outcome of selection: for every block, whether it is in the article region and,
/// if a noise hint or tag covers it, the reason that hint names.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Per block: inside the article region.
    pub inside: Vec<bool>,
    /// Per block: the reason named by the innermost trusted noise hint around it.
    pub noise: Vec<Option<Reason>>,
    /// Whether the page reads as a listing (little prose anywhere): its entries, linked
    /// titles included, are content.
    pub listing: bool,
    /// Per block: inside a `figure` or `figcaption`.
    pub figure: Vec<bool>,
    /// Whether the region is a repeated series of same-shape siblings (the posts of a
    /// thread, the entries of a list): each sibling's linked title is part of its entry.
    pub series: bool,
    /// Per block: inside an entry of a listing's series that joined the region below its
    /// introduction ([`super::series::largest`]): its linked lines (the entry's title,
    /// its rating) are the entry's text.
    pub entries: Vec<bool>,
}

/// Select the article region of a page.
///
/// `in_body` marks, per block, text found in the page's declared article body: such a
/// block counts as prose whatever its shape, and [`DECLARED_BODY_BOOST`] times over.
pub fn select(page: &Page, in_body: &[bool]) -> Selection {
    let prose: Vec<f32> = page
        .blocks
        .iter()
        .zip(in_body)
        .map(|(b, &declared)| {
            if declared {
                b.block.char_count() as f32 * DECLARED_BODY_BOOST
            } else {
                prose_value(&b.block)
            }
        })
        .collect();
    let raw = subtree_sums(page, &prose);
    let total = raw.first().copied().unwrap_or(0.0);
    let holds_article = holds_article(page);
    let marked: Vec<usize> = (0..page.elements.len())
        .filter(|&e| is_marked_article(page, e) && raw[e] >= MARKED_ARTICLE_MIN_PROSE)
        .collect();
    let mut is_marked = vec![false; page.elements.len()];
    marked.iter().for_each(|&m| is_marked[m] = true);
    let marked_below = marked_below(page, &is_marked);
    let headed = headed_sections(page);
    let trusted: Vec<Option<Reason>> = (0..page.elements.len())
        .map(|e| {
            let reason = noise_reason(page, e).or(headed[e])?;
            let wraps_page = raw[e] >= HINT_TRUST_SHARE * total
                && !article_beside(page, (&is_marked, &marked_below, marked.len()), e)
                && !comments_beside_prose(page, reason, total - raw[e]);
            let wraps_article = reason != Reason::Comments
                && page
                    .ancestors(e)
                    .skip(1)
                    .find(|&a| is_marked[a])
                    .is_some_and(|a| raw[e] >= HINT_TRUST_SHARE * raw[a]);
            (!holds_article[e] && !wraps_page && !wraps_article).then_some(reason)
        })
        .collect();
    let named = super::series::named_entries(page, &trusted, &raw, total, HINT_TRUST_SHARE);
    let trusted: Vec<Option<Reason>> = trusted
        .into_iter()
        .zip(named)
        .map(|(hint, named)| hint.filter(|_| !named))
        .collect();
    let mut noise: Vec<Option<Reason>> = page
        .blocks
        .iter()
        .map(|b| page.ancestors(b.element).find_map(|e| trusted[e]))
        .collect();
    if page.discussion && comments_are_posts(&prose, &noise) {
        for reason in noise.iter_mut() {
            if *reason == Some(Reason::Comments) {
                *reason = None;
            }
        }
    }
    let figure: Vec<bool> = page
        .blocks
        .iter()
        .map(|b| in_figure(page, b.element))
        .collect();
    let mut scores = scored(page, &prose, &noise, &figure, false);
    let top = scores.iter().copied().fold(0.0, f32::max);
    let listing = total < LISTING_MAX_PROSE && top < LISTING_MAX_TOP;
    if listing {
        scores = scored(page, &prose, &noise, &figure, true);
    }
    let outside_noise: Vec<f32> = prose
        .iter()
        .zip(&noise)
        .map(|(&p, n)| if n.is_some() { 0.0 } else { p })
        .collect();
    let clean = subtree_sums(page, &outside_noise);
    let clean_total = clean.first().copied().unwrap_or(0.0);
    let guarded = !listing && clean_total >= REGION_GUARD_MIN_PROSE;
    let min_prose = if guarded {
        clean_total * REGION_MIN_PROSE_SHARE
    } else {
        0.0
    };
    let (mut inside, mut series) = region(page, &scores, &clean, min_prose);
    let mut entries = vec![false; page.blocks.len()];
    if !listing && !series && !page.discussion {
        (entries, series) = take_in_entries(page, &noise, &outside_noise, &mut inside);
    }
    Selection {
        inside,
        noise,
        listing,
        figure,
        series,
        entries,
    }
}

/// Every element's score; on a listing page entries count as content. What a figure
/// holds (captions, "download" links) never counts against its region.
fn scored(
    page: &Page,
    prose: &[f32],
    noise: &[Option<Reason>],
    figure: &[bool],
    listing: bool,
) -> Vec<f32> {
    let values: Vec<f32> = page
        .blocks
        .iter()
        .zip(prose)
        .zip(noise)
        .zip(figure)
        .map(|(((b, &p), n), &in_figure)| {
            if listing && n.is_none() && is_entry(&b.block) {
                b.block.char_count() as f32 * ENTRY_WEIGHT
            } else if n.is_none() && in_figure {
                block_value(&b.block, p, false).max(0.0)
            } else {
                block_value(&b.block, p, n.is_some())
            }
        })
        .collect();
    boosted(page, subtree_sums(page, &values))
}

/// On a page whose region holds little prose (an introduction), the page's largest
/// series of entries ([`super::series::largest`]) when it holds more text than the
/// region by [`SERIES_OVER_REGION`]: the entries of a listing below its introduction
/// join the region (or lie in it already). Returns, per block, whether it lies in one
/// of those entries (all false when there are none), and whether any joined.
fn take_in_entries(
    page: &Page,
    noise: &[Option<Reason>],
    prose: &[f32],
    inside: &mut [bool],
) -> (Vec<bool>, bool) {
    let none = (vec![false; page.blocks.len()], false);
    let region_prose: f32 = prose
        .iter()
        .zip(inside.iter())
        .filter(|(_, &i)| i)
        .map(|(&p, _)| p)
        .sum();
    if region_prose >= SERIES_MAX_REGION_PROSE {
        return none;
    }
    let min_chars = (region_prose * SERIES_OVER_REGION).max(SERIES_MIN_CHARS) as usize;
    let Some(entries) = super::series::largest(page, noise, min_chars) else {
        return none;
    };
    let mut chosen = vec![false; page.elements.len()];
    let main = main_of(page, inside);
    entries
        .into_iter()
        .filter(|&e| main.is_none_or(|m| page.ancestors(e).any(|a| a == m)))
        .for_each(|e| chosen[e] = true);
    let in_entry: Vec<bool> = page
        .blocks
        .iter()
        .map(|b| page.ancestors(b.element).any(|e| chosen[e]))
        .collect();
    let added = in_entry.iter().zip(inside.iter()).any(|(&e, &i)| e && !i);
    for (inside, &entry) in inside.iter_mut().zip(&in_entry) {
        *inside |= entry;
    }
    (in_entry, added)
}

/// The `main` element around the region's first block, if any: a listing's entries lie
/// in the page's main content beside their introduction, not in a menu or a footer.
fn main_of(page: &Page, inside: &[bool]) -> Option<usize> {
    let first = inside.iter().position(|&i| i)?;
    page.ancestors(page.blocks[first].element)
        .find(|&e| page.elements[e].tag == Tag::Main)
}

/// Whether, on a page declaring itself a discussion, what comment hints name is the
/// thread itself: they hold more prose than the page has outside noise hints (the
/// replies of a forum thread, the answers to a question, when the markup calls each
/// post a comment). Comments under the posts of a question-and-answer page hold less
/// than the posts and stay comments.
fn comments_are_posts(prose: &[f32], noise: &[Option<Reason>]) -> bool {
    let (mut comments, mut outside) = (0.0, 0.0);
    for (&p, n) in prose.iter().zip(noise) {
        match n {
            Some(Reason::Comments) => comments += p,
            None => outside += p,
            Some(_) => {}
        }
    }
    comments > outside
}

/// Whether the element is marked as the article or the main content (`article`, `main`),
/// and neither it nor an element around it names noise (a comment is often an
/// `article` too).
fn is_marked_article(page: &Page, element: usize) -> bool {
    matches!(page.elements[element].tag, Tag::Article | Tag::Main)
        && !page
            .ancestors(element)
            .any(|e| matches!(page.elements[e].hint, Hint::Negative(_)))
}

/// Whether one of the marked article elements (`total` of them, `is_marked` per element)
/// stands beside `element` (neither inside it nor around it): then a noise hint on `element` names a section next to the
/// article (the comments under it), however much of the page's prose it holds.
///
/// Counted, not searched: `marked_below` ([`marked_below`]) gives the marked elements
/// inside `element` (itself included), its ancestors give those around it, and any
/// other marked element stands beside it.
fn article_beside(
    page: &Page,
    (is_marked, marked_below, total): (&[bool], &[usize], usize),
    element: usize,
) -> bool {
    let around = page.ancestors(element).filter(|&a| is_marked[a]).count();
    let itself = usize::from(is_marked[element]);
    total > around + marked_below[element] - itself
}

/// Per element, how many marked elements it holds, itself included (elements come
/// parents first, so one backward pass adds each to its parent).
fn marked_below(page: &Page, is_marked: &[bool]) -> Vec<usize> {
    let mut below: Vec<usize> = is_marked.iter().map(|&m| usize::from(m)).collect();
    for e in (1..page.elements.len()).rev() {
        if let Some(parent) = page.elements[e].parent {
            below[parent] += below[e];
        }
    }
    below
}

/// Whether a comments hint names a thread beside an article however much more text the
/// thread holds: on a page that does not declare itself a discussion, the prose
/// outside the hinted element (`outside`, characters) is an article of its own (at
/// least [`ARTICLE_BESIDE_COMMENTS_MIN`]), so the comments under it are not the page.
fn comments_beside_prose(page: &Page, reason: Reason, outside: f32) -> bool {
    reason == Reason::Comments && !page.discussion && outside >= ARTICLE_BESIDE_COMMENTS_MIN
}

/// Whether the element lies inside a `figure` or `figcaption` as its caption or credit:
/// a table or a quotation that a `figure` holds (a data table with its caption, a quote
/// with its source) is content, and only the caption around it is a caption.
fn in_figure(page: &Page, element: usize) -> bool {
    page.ancestors(element)
        .map(|e| page.elements[e].tag)
        .find(|tag| {
            matches!(
                tag,
                Tag::Figure | Tag::Table | Tag::Row | Tag::Cell { .. } | Tag::Quote
            )
        })
        .is_some_and(|tag| tag == Tag::Figure)
}

/// Whether a block can be an entry of a listing (a title, a summary, a post): a few
/// words at least, linked or not.
pub fn is_entry(block: &crate::block::Block) -> bool {
    block.words_upto(ENTRY_MIN_WORDS) >= ENTRY_MIN_WORDS
}

/// Per element, whether it holds an element marked as the article or main content.
fn holds_article(page: &Page) -> Vec<bool> {
    let mut holds = vec![false; page.elements.len()];
    for (e, element) in page.elements.iter().enumerate() {
        if matches!(element.tag, Tag::Article | Tag::Main) {
            for ancestor in page.ancestors(e).skip(1) {
                if holds[ancestor] {
                    break;
                }
                holds[ancestor] = true;
            }
        }
    }
    holds
}

/// What a block's prose is worth: its characters, less the linked share, if it reads as
/// prose; else nothing.
fn prose_value(block: &crate::block::Block) -> f32 {
    // A table is not prose, however many words its cells hold together: it counts as
    // the short plain lines its rows are.
    if block.kind == crate::block::BlockKind::Table {
        return 0.0;
    }
    let words = block.words_upto(20);
    let sentence = words >= 10 && ends_sentence(&block.text);
    if block.link_density >= LINKY || !(sentence || words >= 20) {
        return 0.0;
    }
    block.char_count() as f32 * (1.0 - block.link_density)
}

/// A block's value for the region holding it: prose counts for, noise against.
fn block_value(block: &crate::block::Block, prose: f32, in_noise: bool) -> f32 {
    let chars = block.char_count() as f32;
    if in_noise {
        return -(chars.max(NOISE_MIN_CHARGE)) * NOISE_WEIGHT;
    }
    if prose > 0.0 {
        return prose;
    }
    if block.link_density < PLAIN_TEXT_DENSITY && block.words_upto(3) >= 3 {
        return chars * PLAIN_TEXT_WEIGHT;
    }
    let headingish = block.kind == crate::block::BlockKind::Heading;
    if headingish || (block.link_density < LINKY && block.words_upto(4) >= 4) {
        return 0.0;
    }
    -chars.clamp(NOISE_MIN_CHARGE, 200.0) * NOISE_WEIGHT * block.link_density.max(0.5)
}

/// Per element, the reason its heading names: the section a comments heading opens
/// holds comments. That section is the lowest element around the heading that holds
/// more than it, when the heading is its first block (a heading is often wrapped in a
/// title bar of its own before the section's other content).
fn headed_sections(page: &Page) -> Vec<Option<Reason>> {
    let mut headed = vec![None; page.elements.len()];
    let mut first_block = vec![usize::MAX; page.elements.len()];
    let mut block_count = vec![0usize; page.elements.len()];
    for (i, b) in page.blocks.iter().enumerate() {
        for e in page.ancestors(b.element) {
            first_block[e] = first_block[e].min(i);
            block_count[e] += 1;
        }
    }
    for (i, b) in page.blocks.iter().enumerate() {
        let is_heading = b.heading_level.is_some();
        if !is_heading || classify(&b.block.text) != Some(Reason::Comments) {
            continue;
        }
        let section = page
            .ancestors(b.element)
            .skip(1)
            .find(|&e| block_count[e] > 1)
            .filter(|&e| first_block[e] == i);
        if let Some(section) = section {
            headed[section] = Some(Reason::Comments);
        }
    }
    headed
}

/// The reason an element's tag or class/id names, if it names noise.
fn noise_reason(page: &Page, element: usize) -> Option<Reason> {
    let el = &page.elements[element];
    match (el.tag, el.hint) {
        (Tag::Article | Tag::Main, _) => None,
        (_, Hint::Negative(reason)) => Some(reason),
        (Tag::Nav | Tag::Aside | Tag::Footer | Tag::Form, _) => Some(Reason::Navigation),
        _ => None,
    }
}

/// For every element, the sum of `values` over the blocks it holds.
fn subtree_sums(page: &Page, values: &[f32]) -> Vec<f32> {
    let mut sums = vec![0.0; page.elements.len()];
    for (block, value) in page.blocks.iter().zip(values) {
        for e in page.ancestors(block.element) {
            sums[e] += value;
        }
    }
    sums
}

/// Raise the scores of elements marked as article or body.
fn boosted(page: &Page, mut scores: Vec<f32>) -> Vec<f32> {
    for (e, score) in scores.iter_mut().enumerate() {
        if *score <= 0.0 {
            continue;
        }
        let el = &page.elements[e];
        if el.tag == Tag::Article {
            *score *= ARTICLE_BOOST;
        } else if el.tag == Tag::Main || el.hint == Hint::Positive {
            *score *= POSITIVE_BOOST;
        }
    }
    scores
}

/// The best element's nearest ancestor (or itself, up to [`REPEAT_MAX_LEVELS`]) that
/// repeats: at least [`REPEAT_MIN_SIBLINGS`] siblings of the same shape hold content too
/// (the posts of a thread, the answers to a question), or siblings of its family (tag
/// and first class word: `post odd`, `post even`) do and all of them are `posts` (a
/// question and its one answer, a thread whose rows alternate classes,
/// [`super::forum::are_posts`]). Returns it with those siblings.
fn repeated(
    page: &Page,
    scores: &[f32],
    best: usize,
    posts: impl Fn(&[usize]) -> bool,
) -> Option<Vec<usize>> {
    let path: Vec<usize> = page.ancestors(best).take(REPEAT_MAX_LEVELS).collect();
    let parents: Vec<Option<usize>> = path.iter().map(|&e| page.elements[e].parent).collect();
    let mut same: Vec<Vec<usize>> = vec![Vec::new(); path.len()];
    let mut kin: Vec<Vec<usize>> = vec![Vec::new(); path.len()];
    for (e, element) in page.elements.iter().enumerate() {
        let Some(level) = element
            .parent
            .and_then(|p| parents.iter().position(|&q| q == Some(p)))
        else {
            continue;
        };
        let on_path = &page.elements[path[level]];
        if e == path[level] || scores[e] <= 0.0 {
            continue;
        }
        if element.shape == on_path.shape {
            same[level].push(e);
        }
        if element.family == on_path.family {
            kin[level].push(e);
        }
    }
    (0..path.len()).find_map(|l| {
        let alike = same[l].len() >= REPEAT_MIN_SIBLINGS;
        let mut found = std::mem::take(if alike { &mut same[l] } else { &mut kin[l] });
        found.push(path[l]);
        (alike || (found.len() > 1 && posts(&found))).then_some(found)
    })
}

/// On a discussion page, the posts before the replies (their `container`) that open
/// the thread: the question above its answers, the first post set apart from the
/// replies. They are the elements before the container, or before one of its nearest
/// [`OPENING_MAX_LEVELS`] ancestors, on the same level, that hold at least
/// [`OPENING_MIN_PROSE`] of prose outside noise hints, however much per-post chrome
/// (votes, user cards, tags) weighs against them; the first level that has any gives
/// them.
fn opening_post(page: &Page, prose: &[f32], container: usize) -> Vec<usize> {
    for level in page.ancestors(container).take(OPENING_MAX_LEVELS) {
        let Some(parent) = page.elements[level].parent else {
            break;
        };
        let opening: Vec<usize> = (parent + 1..level)
            .filter(|&e| page.elements[e].parent == Some(parent))
            .filter(|&e| prose[e] >= OPENING_MIN_PROSE)
            .collect();
        if !opening.is_empty() {
            return opening;
        }
    }
    Vec::new()
}

/// Per block, whether it lies in the region: the repeated series around the best
/// element if there is one, else the best element and its siblings that score well.
/// The best element is the best-scoring one holding at least `min_prose` of prose
/// (`prose` per element). When none scores above zero, the region is the whole page and
/// the detectors and layout judge it block by block (falling back to the best element
/// regardless of prose instead measured 0.004 lower on wcxb-dev). Also says whether the
/// region is a repeated series.
fn region(page: &Page, scores: &[f32], prose: &[f32], min_prose: f32) -> (Vec<bool>, bool) {
    let best = (0..scores.len())
        .filter(|&e| scores[e] > 0.0 && prose[e] >= min_prose)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]));
    let Some(best) = best else {
        return (vec![true; page.blocks.len()], false);
    };
    let dated = super::forum::dated(page);
    let posts = |found: &[usize]| super::forum::are_posts(&dated, prose, found);
    if let Some(repeats) = repeated(page, scores, best, posts) {
        let mut chosen = vec![false; page.elements.len()];
        let container = page.elements[repeats[0]].parent;
        if let Some(container) = container.filter(|_| page.discussion) {
            opening_post(page, prose, container)
                .into_iter()
                .for_each(|e| chosen[e] = true);
        }
        repeats.into_iter().for_each(|e| chosen[e] = true);
        let inside = page
            .blocks
            .iter()
            .map(|b| page.ancestors(b.element).any(|e| chosen[e]))
            .collect();
        return (inside, true);
    }
    let parent = page.elements[best].parent;
    let joins = |e: usize| {
        e == best
            || (parent.is_some()
                && page.elements[e].parent == parent
                && scores[e] >= SIBLING_SHARE * scores[best])
    };
    let opening = if page.discussion {
        opening_post(page, prose, best)
    } else {
        Vec::new()
    };
    let inside = page
        .blocks
        .iter()
        .map(|b| {
            page.ancestors(b.element)
                .any(|e| joins(e) || opening.contains(&e))
        })
        .collect();
    (inside, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::dom::page_blocks;
    use scraper::Html;

    fn kept(html: &str) -> Vec<String> {
        let page = page_blocks(&Html::parse_document(html));
        let selection = select(&page, &vec![false; page.blocks.len()]);
        page.blocks
            .iter()
            .zip(&selection.inside)
            .filter(|(_, &inside)| inside)
            .map(|(b, _)| b.block.text.clone())
            .collect()
    }

    const PROSE: &str = "This is a sentence of real prose that goes on for a while and ends well.";

    /// How many blocks of the page a noise hint or heading names `reason` for.
    fn blocks_named(html: &str, reason: Reason) -> usize {
        let page = page_blocks(&Html::parse_document(html));
        let selection = select(&page, &vec![false; page.blocks.len()]);
        selection
            .noise
            .iter()
            .filter(|n| **n == Some(reason))
            .count()
    }

    #[test]
    fn a_repeated_series_of_posts_is_the_region() {
        let post = |name: &str, text: &str| {
            format!("<div class=post><div class=who><a href=u>{name}</a></div><p>{text}</p></div>")
        };
        let long = format!("{PROSE} {PROSE} {PROSE}");
        let html = format!(
            "<body><ul><li><a href=a>Home</a></li><li><a href=b>Forum</a></li></ul><div>{}{}{}</div></body>",
            post("ann", &long),
            post("bob", PROSE),
            post("cy", PROSE)
        );
        let got = kept(&html);
        assert!(got.iter().filter(|t| t.starts_with("This is")).count() == 3);
        assert!(!got.contains(&"Home".to_string()));
    }

    #[test]
    fn a_section_under_a_comments_heading_is_comments() {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        let html = format!(
            "<body><div><div class=story><p>{long}</p><p>{long}</p></div>\
             <div class=feedback><h2>3 Comments</h2><div class=item><p>{PROSE}</p></div>\
             <div class=item><p>{PROSE}</p></div><div class=item><p>{PROSE}</p></div></div></div></body>"
        );
        assert_eq!(blocks_named(&html, Reason::Comments), 4);
        assert_eq!(kept(&html).len(), 2);
    }

    #[test]
    fn a_comments_heading_in_a_title_bar_names_the_section_after_it() {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        let comment = format!("<li><p>{PROSE}</p></li>");
        let html = format!(
            "<body><div><div class=story><p>{long}</p></div>\
             <div class=sect><div class=head><h2><span>Reader comments</span></h2></div>\
             <ul>{}</ul></div></div></body>",
            comment.repeat(3)
        );
        assert_eq!(blocks_named(&html, Reason::Comments), 4);
        assert_eq!(kept(&html), vec![long]);
    }

    #[test]
    fn a_long_ticker_of_short_lines_does_not_outscore_the_article() {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        let line = |i: usize| format!("<div>{i}/11 Council votes on the new bridge plan</div>");
        let ticker: String = (0..120).map(line).collect();
        let menu = "<li><a href=s>Sport</a></li>".repeat(80);
        let html = format!(
            "<body><div><ul>{menu}</ul><div class=story>{}</div></div>\
             <div class=feed>{ticker}</div></body>",
            format!("<p>{long}</p>").repeat(4)
        );
        assert_eq!(kept(&html), vec![long; 4]);
    }

    #[test]
    fn a_noise_hint_wrapping_most_of_the_article_is_not_trusted() {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        let other = "Another text entirely, about the weather and the harbour, which goes on for a good while too.";
        let html = format!(
            "<body><article><div class=sidebar-left>{}</div><p>{PROSE}</p></article>\
             <div class=more>{}</div></body>",
            format!("<p>{long}</p>").repeat(3),
            format!("<p>{other} {other} {other}</p>").repeat(3)
        );
        let page = page_blocks(&Html::parse_document(&html));
        let selection = select(&page, &vec![false; page.blocks.len()]);
        assert!(selection.noise.iter().all(Option::is_none));
        assert!(kept(&html).contains(&long));
    }

    #[test]
    fn a_listing_keeps_its_linked_entries() {
        let entry =
            |i: usize| format!("<li><a href=j{i}>Company {i} is hiring engineers in town</a></li>");
        let entries: String = (0..8).map(entry).collect();
        let html = format!(
            "<body><div><a href=h>Home</a> <a href=l>Login</a></div><ol>{entries}</ol></body>"
        );
        let page = page_blocks(&Html::parse_document(&html));
        let selection = select(&page, &vec![false; page.blocks.len()]);
        assert!(selection.listing);
        assert_eq!(kept(&html).len(), 8);
    }

    /// A thread page whose every post is marked as a comment, under a `head`.
    fn thread_of_comments(head: &str) -> String {
        let long = format!("{PROSE} {PROSE} {PROSE}");
        let post = |who: &str, text: &str| {
            format!("<article class=post><div class=user>{who}</div><div id=comment-{who}><p>{text}</p></div></article>")
        };
        format!(
            "<html><head>{head}</head><body><nav><a href=a>Forums</a></nav><h1>Which drill to buy?</h1><div>{}{}{}</div></body></html>",
            post("ann", &long),
            post("bob", PROSE),
            post("cy", &long)
        )
    }

    #[test]
    fn on_a_declared_discussion_posts_named_comments_are_the_content() {
        let declared = thread_of_comments("");
        let declared = declared.replace(
            "<body>",
            "<body itemscope itemtype=\"https://schema.org/DiscussionForumPosting\">",
        );
        let got = kept(&declared);
        assert_eq!(
            got.iter().filter(|t| t.starts_with("This is")).count(),
            3,
            "{got:?}"
        );
        assert_eq!(blocks_named(&declared, Reason::Comments), 0);
        let undeclared = thread_of_comments("");
        assert_eq!(blocks_named(&undeclared, Reason::Comments), 3);
    }

    #[test]
    fn comments_under_the_posts_of_a_question_page_stay_comments() {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        let post = |text: &str| {
            format!("<div class=answer><p>{text}</p><p>{text}</p><div class=comments><p>{PROSE}</p></div></div>")
        };
        let html = format!(
            "<body itemscope itemtype=\"https://schema.org/QAPage\"><div class=question><p>{long}</p></div>{}{}</body>",
            post(&long),
            post(&long)
        );
        assert_eq!(blocks_named(&html, Reason::Comments), 2);
    }

    /// A page without `article` or `main`: `story` paragraphs, then a comments section
    /// of `replies` posts.
    fn story_and_comments(story: usize, replies: usize) -> String {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        format!(
            "<body><div class=page><div class=text>{}</div><div class=comments>{}</div></div></body>",
            format!("<p>{long}</p>").repeat(story),
            format!("<div class=item><p>{long}</p></div>").repeat(replies)
        )
    }

    #[test]
    fn comments_holding_more_text_than_a_full_article_are_comments() {
        // 12 paragraphs of about 290 characters: an article of its own.
        let html = story_and_comments(12, 40);
        assert_eq!(blocks_named(&html, Reason::Comments), 40);
        assert_eq!(kept(&html).len(), 12);
        // Two paragraphs: an opening post, its replies the page's content.
        let thread = story_and_comments(2, 40);
        assert_eq!(blocks_named(&thread, Reason::Comments), 0);
    }

    #[test]
    fn comments_beside_the_article_go_however_long() {
        let long = format!("{PROSE} {PROSE} {PROSE} {PROSE}");
        let comment = format!("<div class=item><p>{long}</p></div>");
        let html = format!(
            "<body><div><article><p>{long}</p><p>{long}</p></article>\
             <div class=comments>{}</div></div></body>",
            comment.repeat(12)
        );
        assert_eq!(kept(&html).len(), 2);
    }
}
