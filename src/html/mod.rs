//! The HTML front end: a page becomes blocks with the features detectors need
//! ([`dom`]), the article region is found by scoring ([`select`]), the shared noise
//! detectors clean it, and page metadata fills the record.

mod dom;
mod hints;
mod layout;
mod select;
mod visible;

pub use hints::{hint, Hint};
pub use visible::visible_text;

use scraper::Html;

use crate::block::{Block, Role};
use crate::meta::page::PageMeta;
use crate::reason::Reason;
use crate::record::{Article, InputKind};
use crate::Options;
use dom::{Page, Tag};

/// A region with less body text than this is not trusted: the page is cleaned from its
/// visible text by the text front end instead.
const MIN_REGION_CHARS: usize = 200;
/// Inside the region, a line with this much linked text and fewer words than
/// [`LINK_LINE_MAX_WORDS`] is a link, not text.
const LINK_LINE_DENSITY: f32 = 0.6;
/// See [`LINK_LINE_DENSITY`].
const LINK_LINE_MAX_WORDS: usize = 30;

/// Clean an HTML page.
pub fn clean(page: &str, options: &Options) -> Article {
    let document = Html::parse_document(page);
    let meta = crate::meta::page::extract(&document);
    let parsed = dom::page_blocks(&document);
    drop(document);
    let first_h1 = first_h1(&parsed);
    let mut blocks = judged_blocks(parsed);
    let found = crate::noise::detect(&mut blocks);
    let placed = layout::layout(&mut blocks, &meta, first_h1);
    crate::noise::duplicates::remove(&mut blocks);
    let body_chars: usize = blocks
        .iter()
        .filter(|b| b.is_body())
        .map(Block::char_count)
        .sum();
    let mut article = if body_chars < MIN_REGION_CHARS {
        from_page_text(&blocks, options)
    } else {
        crate::assemble::article(
            InputKind::Html,
            blocks,
            placed.merge(found),
            options.explain,
        )
    };
    fill_metadata(&mut article, meta);
    article.stats.input_bytes = page.len();
    article
}

/// The page's blocks with the region's verdicts: outside the region or under a noise
/// hint they are removed; figures are captions; short link lines are navigation.
fn judged_blocks(page: Page) -> Vec<Block> {
    let selection = select::select(&page);
    let figures: Vec<bool> = page
        .blocks
        .iter()
        .map(|pb| in_figure(&page, pb.element))
        .collect();
    page.blocks
        .into_iter()
        .enumerate()
        .map(|(i, pb)| {
            let mut block = pb.block;
            let reason = match (selection.inside[i], selection.noise[i]) {
                (_, Some(reason)) => Some(reason),
                (false, None) => Some(Reason::Navigation),
                (true, None) if figures[i] => Some(Reason::Caption),
                (true, None) if is_link_line(&block) => Some(Reason::Navigation),
                (true, None) => None,
            };
            if let Some(reason) = reason {
                block.role = Role::Removed(reason);
            }
            block
        })
        .collect()
}

/// The text of the page's first `h1` of at least two words.
fn first_h1(page: &Page) -> Option<String> {
    page.blocks
        .iter()
        .find(|b| b.heading_level == Some(1) && b.block.word_count() >= 2)
        .map(|b| b.block.text.clone())
}

/// Whether the element lies inside a `figure` or `figcaption`.
fn in_figure(page: &Page, element: usize) -> bool {
    page.ancestors(element)
        .any(|e| page.elements[e].tag == Tag::Figure)
}

/// A short line that is mostly a link.
fn is_link_line(block: &Block) -> bool {
    block.link_density >= LINK_LINE_DENSITY
        && block.words_upto(LINK_LINE_MAX_WORDS) < LINK_LINE_MAX_WORDS
}

/// Clean the page's text, one block per line, with the text front end (for pages whose
/// structure gives no trustworthy region).
fn from_page_text(blocks: &[Block], options: &Options) -> Article {
    let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let mut article = crate::clean_text(&lines.join("\n"), options);
    article.input = InputKind::Html;
    article
}

/// Metadata from the markup wins over what the text gave.
fn fill_metadata(article: &mut Article, meta: PageMeta) {
    article.title = meta.title.or(article.title.take());
    article.standfirst = article.standfirst.take().or(meta.description);
    article.byline = meta.byline.or(article.byline.take());
    article.published = meta.published.or(article.published.take());
    article.site = meta.site;
    article.url = meta.url;
    article.lang = meta.lang.or(article.lang.take());
}
