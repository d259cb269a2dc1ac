//! The HTML front end: a page becomes blocks with the features detectors need
//! ([`dom`]), the article region is found by scoring ([`select`]), the shared noise
//! detectors clean it, and page metadata fills the record.

mod dom;
mod forum;
mod hints;
mod layout;
mod link_lists;
mod links;
pub mod parse;
mod raw_text;
mod select;
mod series;
mod slug;
mod thread;
pub(crate) mod visible;

pub use visible::visible_text;

use crate::block::{Block, BlockKind, Role};
use crate::error::CleanError;
use crate::meta::page::PageMeta;
use crate::noise::similarity::{containment, shingles};
use crate::reason::Reason;
use crate::record::{Article, InputKind};
use crate::Options;
use dom::{Page, PageBlock, Tag};

/// A region with less body text than this is not trusted: the page is cleaned from its
/// visible text by the text front end instead. A page giving less text than this is
/// also cleaned again with its `noscript` content, and that result must give this much
/// more to be kept.
const MIN_REGION_CHARS: usize = 200;
/// Inside the region, a line with this much linked text and fewer words than
/// [`LINK_LINE_MAX_WORDS`] is a link, not text.
const LINK_LINE_DENSITY: f32 = 0.6;
/// See [`LINK_LINE_DENSITY`].
const LINK_LINE_MAX_WORDS: usize = 30;

/// Most blocks a cell of a data table holds (lines split by `<br>`, a short list); a
/// cell holding more is a column of a layout table.
const MAX_CELL_BLOCKS: usize = 3;

/// A declared article body shorter than this (bytes) is a summary, not a signal.
const ARTICLE_BODY_MIN_CHARS: usize = 500;
/// Fewest words of a block matched against the declared article body (shorter ones
/// match by chance).
const ARTICLE_BODY_MIN_WORDS: usize = 6;
/// Share of a block's word shingles the declared article body must hold for the block
/// to count as printing it (markup and entity differences leave some out).
const ARTICLE_BODY_CONTAINMENT: f32 = 0.6;

/// Clean an HTML page; fails only over the block limit (`options.max_blocks`).
///
/// Content a page keeps out of sight is not page text, except on a page that shows
/// almost nothing else. When the page gives less than 200 characters of text
/// (`MIN_REGION_CHARS`), it is read a second time in two ways, and a second reading is
/// kept when it gives at least 200 characters more (not a "please enable JavaScript"
/// line):
///
/// - with its `noscript` elements read as ordinary containers: pages built by scripts
///   often print the whole article there for readers and crawlers without scripts
///   (forums, single-page apps);
/// - with the content of elements carrying the `hidden` attribute read as shown:
///   streaming server rendering sends the real content in hidden containers (`<div
///   hidden id="S:0">`) that a script moves into place, after a placeholder.
///
/// `base`, the address the page was fetched from, resolves a relative canonical URL.
pub fn clean(
    page: &str,
    options: &Options,
    base: Option<&url::Url>,
) -> Result<Article, CleanError> {
    let mut best = clean_page(page, Reading::Shown, options, base)?;
    for reading in [Reading::Noscript, Reading::Hidden] {
        if best.text.chars().count() >= MIN_REGION_CHARS {
            break;
        }
        let Some(retry) = second_reading(page, reading, options, base) else {
            continue;
        };
        let gained = retry.text.chars().count() >= best.text.chars().count() + MIN_REGION_CHARS;
        if gained {
            best = retry;
        }
    }
    Ok(best)
}

/// How a page is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// What the page shows.
    Shown,
    /// `noscript` content read as markup.
    Noscript,
    /// The content of `hidden` elements read as shown.
    Hidden,
}

/// The record of a second reading of the page, when the page has what it opens (a
/// `noscript` element, a `hidden` attribute) and the reading does not fail.
fn second_reading(
    page: &str,
    reading: Reading,
    options: &Options,
    base: Option<&url::Url>,
) -> Option<Article> {
    let mut article = match reading {
        Reading::Shown => return None,
        Reading::Noscript => clean_page(&noscript_opened(page)?, reading, options, base).ok()?,
        Reading::Hidden if has_hidden_attribute(page) => {
            clean_page(page, reading, options, base).ok()?
        }
        Reading::Hidden => return None,
    };
    article.stats.input_bytes = page.len();
    Some(article)
}

/// Whether the page may have an element with a `hidden` attribute (a cheap test: the
/// word inside a tag).
fn has_hidden_attribute(page: &str) -> bool {
    static HIDDEN: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let hidden = HIDDEN.get_or_init(|| {
        regex::Regex::new(r"(?i)<[a-z][^<>]*\shidden(?:[\s=/>]|$)")
            .expect("the hidden pattern compiles")
    });
    hidden.is_match(page)
}

/// The page with every `noscript` tag renamed to a `div`, so that its content parses as
/// markup; `None` when the page has no `noscript`.
fn noscript_opened(page: &str) -> Option<String> {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let tag = TAG.get_or_init(|| {
        regex::Regex::new(r"(?i)<(/?)noscript\b").expect("the noscript pattern compiles")
    });
    tag.is_match(page)
        .then(|| tag.replace_all(page, "<${1}div").into_owned())
}

/// On a product's page, elements named as customer reviews that no other name marks
/// are comments: the reviews are what buyers say about the product, not its page.
fn mark_reviews(page: &mut Page) {
    for element in page.elements.iter_mut().filter(|e| e.reviews) {
        if element.hint == hints::Hint::None {
            element.hint = hints::Hint::Negative(Reason::Comments);
        }
    }
}

/// Clean an HTML page as parsed, `noscript` content left out, `hidden` content read
/// only in the [`Reading::Hidden`] reading.
fn clean_page(
    page: &str,
    reading: Reading,
    options: &Options,
    base: Option<&url::Url>,
) -> Result<Article, CleanError> {
    let parse::Parsed {
        document,
        flattened,
        closed,
    } = parse::parse_document(page, options.max_depth);
    let meta = crate::meta::page::extract(&document, base);
    let reveal_hidden = reading == Reading::Hidden;
    let parsed = dom::page_blocks_reading(&document, options.max_blocks, reveal_hidden)?;
    drop(document);
    let mut parsed = tables(inherit_kinds(parsed));
    parsed.discussion |= meta.discussion;
    parsed.product |= meta.product;
    if parsed.product {
        mark_reviews(&mut parsed);
    }
    let first_h1 = first_h1(&parsed);
    let apart = set_apart(&parsed);
    let in_body = in_article_body(&parsed, meta.article_body.as_deref());
    let discussion = parsed.discussion;
    let mut blocks = judged_blocks(parsed, &in_body);
    if discussion {
        thread::remove_post_chrome(&mut blocks);
    }
    let found = outside_code(&mut blocks, crate::noise::detect);
    if !discussion {
        thread::remove_comment_run(&mut blocks);
    }
    if options.explain {
        name_navigation(&mut blocks);
    }
    let placed = layout::layout(&mut blocks, &apart, &meta, first_h1);
    outside_code(&mut blocks, crate::noise::remove_repeats);
    let mut article = if body_chars(&blocks) < MIN_REGION_CHARS {
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
    if flattened > 0 {
        let warning = parse::flattened_warning(flattened, options.max_depth);
        article.warnings.push(warning);
    }
    if let Some(swallowed) = closed {
        article.warnings.push(raw_text::closed_warning(&swallowed));
    }
    Ok(article)
}

/// Run noise detectors (`detect`) over every block but code: a code block is text as
/// its author typed it (program output, a command, a response printed again for each
/// call of an API), and lines there that read like a share row or a byline, or a
/// snippet printed twice, are part of it. Code blocks are held out of the detectors'
/// sight (as if already placed) and put back in the body afterwards.
fn outside_code<T>(blocks: &mut [Block], detect: impl FnOnce(&mut [Block]) -> T) -> T {
    let code: Vec<usize> = (0..blocks.len())
        .filter(|&i| blocks[i].kind == BlockKind::Code && blocks[i].is_body())
        .collect();
    for &i in &code {
        blocks[i].role = Role::Standfirst;
    }
    let found = detect(blocks);
    for &i in &code {
        if blocks[i].role == Role::Standfirst {
            blocks[i].role = Role::Body;
        }
    }
    found
}

/// Characters of the blocks still in the body.
fn body_chars(blocks: &[Block]) -> usize {
    blocks
        .iter()
        .filter(|b| b.is_body())
        .map(Block::char_count)
        .sum()
}

/// Blocks removed as navigation (outside the region, or link lines) that a phrase
/// family knows are removed for that family's reason instead (a "Read more:" link, a
/// cookie notice or a share row outside the article): the audit trail says what they are.
fn name_navigation(blocks: &mut [Block]) {
    let navigation = Role::Removed(Reason::Navigation);
    for block in blocks.iter_mut().filter(|b| b.role == navigation) {
        if let Some(reason) = crate::noise::phrases::classify(&block.text) {
            block.role = Role::Removed(reason);
        }
    }
}

/// Paragraphs held by a list item or a block quote (`<li><p>`, `<blockquote><p>`) are
/// of that kind.
fn inherit_kinds(mut page: Page) -> Page {
    for i in 0..page.blocks.len() {
        if page.blocks[i].block.kind != BlockKind::Paragraph {
            continue;
        }
        let inherited =
            page.ancestors(page.blocks[i].element)
                .find_map(|e| match page.elements[e].tag {
                    Tag::Quote => Some(BlockKind::Quote),
                    Tag::ListItem => Some(BlockKind::ListItem),
                    _ => None,
                });
        if let Some(kind) = inherited {
            page.blocks[i].block.kind = kind;
        }
    }
    page
}

/// A data table becomes one `table` block: its rows of cells kept (the header row
/// first: a row in `thead` or of `th` cells, else the first row), its text the cells
/// joined by tabs and the rows by new lines (as the text front end reads tab-separated
/// lines). A table is data when each of its cells holds at most [`MAX_CELL_BLOCKS`]
/// blocks (a line break in a cell, a short list), no table is nested in it, and a row
/// has two cells or more; the blocks of other (layout) tables
/// stay as they are.
fn tables(mut page: Page) -> Page {
    let blocks = std::mem::take(&mut page.blocks);
    let mut merged = Vec::with_capacity(blocks.len());
    // Tables already looked at from their first block: a layout table's other blocks
    // need no second look (such a table can hold the whole page).
    let mut seen = std::collections::HashSet::new();
    let mut i = 0;
    while i < blocks.len() {
        match data_table(&page, &blocks, i, &mut seen) {
            Some((end, block)) => {
                merged.push(block);
                i = end;
            }
            None => {
                merged.push(blocks[i].clone());
                i += 1;
            }
        }
    }
    page.blocks = merged;
    page
}

/// The cell holding `element` (itself or an ancestor) and the table holding that cell,
/// when no table comes between them.
fn cell_and_table(page: &Page, element: usize) -> Option<(usize, usize)> {
    let mut cell = None;
    for e in page.ancestors(element) {
        match (page.elements[e].tag, cell) {
            (Tag::Cell { .. }, None) => cell = Some(e),
            (Tag::Table, Some(c)) => return Some((c, e)),
            (Tag::Table, None) => return None,
            _ => {}
        }
    }
    None
}

/// If the block at `start` opens a data table (see [`tables`]), the end (exclusive) of
/// the table's blocks and the one block that replaces them. A table is looked at once,
/// from its first block in a cell; `seen` holds the tables looked at.
fn data_table(
    page: &Page,
    blocks: &[PageBlock],
    start: usize,
    seen: &mut std::collections::HashSet<usize>,
) -> Option<(usize, PageBlock)> {
    let (_, table) = cell_and_table(page, blocks[start].element)?;
    if !seen.insert(table) {
        return None;
    }
    let inside = |b: &PageBlock| page.ancestors(b.element).any(|e| e == table);
    // Per cell: its element, its first block and how many blocks it holds.
    let mut cells: Vec<(usize, usize, usize)> = Vec::new();
    let mut end = start;
    while end < blocks.len() && inside(&blocks[end]) {
        let (cell, holder) = cell_and_table(page, blocks[end].element)?;
        if holder != table {
            return None;
        }
        match cells.last_mut() {
            Some((c, _, count)) if *c == cell => {
                *count += 1;
                if *count > MAX_CELL_BLOCKS {
                    return None;
                }
            }
            _ => cells.push((cell, end, 1)),
        }
        end += 1;
    }
    let rows = table_rows(page, table, &cells, blocks)?;
    Some((end, table_block(table, rows, &blocks[start..end])))
}

/// The rows of `table` (header first, rows without text left out), each cell's text
/// from the blocks `cells` maps it to, joined by a space (empty cells kept, so that
/// columns line up); `None` when a table is nested in it or no row has two cells.
fn table_rows(
    page: &Page,
    table: usize,
    cells: &[(usize, usize, usize)],
    blocks: &[PageBlock],
) -> Option<Vec<Vec<String>>> {
    // Per row: whether it sits in `thead`, whether all its cells are `th`, its cells.
    let mut rows: Vec<(bool, bool, Vec<String>)> = Vec::new();
    let mut row_of: Option<usize> = None;
    // Each cell's blocks, looked up by the cell's element (a table may have 100,000s).
    let blocks_of: std::collections::HashMap<usize, (usize, usize)> = cells
        .iter()
        .map(|&(cell, first, count)| (cell, (first, count)))
        .collect();
    let mut descendant = vec![table];
    for (e, element) in page.elements.iter().enumerate().skip(table + 1) {
        let Some(parent) = element.parent.filter(|p| descendant.contains(p)) else {
            break;
        };
        while descendant.last().is_some_and(|&d| d != parent) {
            descendant.pop();
        }
        descendant.push(e);
        match element.tag {
            Tag::Table => return None,
            Tag::Row => {
                let head = page
                    .ancestors(e)
                    .take_while(|&a| a != table)
                    .any(|a| page.elements[a].tag == Tag::TableHead);
                rows.push((head, true, Vec::new()));
                row_of = Some(e);
            }
            Tag::Cell { head } => {
                if element.parent != row_of || rows.is_empty() {
                    rows.push((false, true, Vec::new()));
                    row_of = None;
                }
                let text = blocks_of
                    .get(&e)
                    .map_or_else(String::new, |&(first, count)| {
                        let texts = blocks[first..first + count]
                            .iter()
                            .map(|b| b.block.text.as_str());
                        one_line(&texts.collect::<Vec<_>>().join(" "))
                    });
                let (_, all_head, row) = rows.last_mut()?;
                *all_head &= head;
                row.push(text);
            }
            _ => {}
        }
    }
    rows.retain(|(_, _, row)| row.iter().any(|c| !c.is_empty()));
    if !rows.iter().any(|(_, _, row)| row.len() >= 2) {
        return None;
    }
    if let Some(header) = rows.iter().position(|(thead, th, _)| *thead || *th) {
        let row = rows.remove(header);
        rows.insert(0, row);
    }
    Some(rows.into_iter().map(|(_, _, row)| row).collect())
}

/// Text folded onto one line (a table cell holds no line breaks).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One `table` block holding `rows`, in place of the table's `cells` blocks.
fn table_block(table: usize, rows: Vec<Vec<String>>, cells: &[PageBlock]) -> PageBlock {
    let text = rows
        .iter()
        .map(|row| row.join("\t"))
        .collect::<Vec<_>>()
        .join("\n");
    let chars: usize = cells.iter().map(|c| c.block.char_count()).sum();
    let linked: f32 = cells
        .iter()
        .map(|c| c.block.link_density * c.block.char_count() as f32)
        .sum();
    let mut block = Block::new(text, cells[0].block.line);
    block.kind = BlockKind::Table;
    block.link_density = linked / chars.max(1) as f32;
    block.structure.rows = Some(rows);
    PageBlock {
        block,
        element: table,
        heading_level: None,
        links: cells.iter().map(|c| c.links).sum(),
    }
}

/// The page's blocks with the region's verdicts: outside the region (unless they print
/// the declared article body) or under a noise hint they are removed; figures are
/// captions; short link lines are navigation, except a listing's entries and the link
/// lines of the article that [`links::kept_in_region`] keeps.
fn judged_blocks(page: Page, in_body: &[bool]) -> Vec<Block> {
    let selection = select::select(&page, in_body);
    let kept_links = links::kept_in_region(
        &page,
        &selection.inside,
        selection.series,
        &selection.entries,
        is_link_line,
    );
    page.blocks
        .into_iter()
        .enumerate()
        .map(|(i, pb)| {
            let mut block = pb.block;
            let reason = match (selection.inside[i], selection.noise[i]) {
                (_, Some(reason)) => Some(reason),
                (false, None) if !in_body[i] => Some(Reason::Navigation),
                (_, None) if selection.figure[i] => Some(Reason::Caption),
                (_, None)
                    if is_link_line(&block)
                        && !kept_links[i]
                        && !(selection.listing && select::is_entry(&block)) =>
                {
                    Some(Reason::Navigation)
                }
                (_, None) => None,
            };
            if let Some(reason) = reason {
                block.role = Role::Removed(reason);
            }
            block
        })
        .collect()
}

/// Per block, whether its text is (mostly) found in the page's declared article body
/// (JSON-LD `articleBody`); all false when the page declares none or a short one.
fn in_article_body(page: &Page, article_body: Option<&str>) -> Vec<bool> {
    let body = article_body.filter(|b| b.len() >= ARTICLE_BODY_MIN_CHARS);
    let Some(body) = body else {
        return vec![false; page.blocks.len()];
    };
    let body = shingles(body);
    page.blocks
        .iter()
        .map(|b| {
            b.block.words_upto(ARTICLE_BODY_MIN_WORDS) >= ARTICLE_BODY_MIN_WORDS
                && containment(&shingles(&b.block.text), &body) >= ARTICLE_BODY_CONTAINMENT
        })
        .collect()
}

/// Per block, whether it stands apart from the block after it: the two do not share the
/// parent of their elements (a lead in a box of its own, not the body's first paragraph).
fn set_apart(page: &Page) -> Vec<bool> {
    let parent = |i: usize| page.elements[page.blocks[i].element].parent;
    (0..page.blocks.len())
        .map(|i| i + 1 == page.blocks.len() || parent(i) != parent(i + 1))
        .collect()
}

/// The text of the page's first `h1` of at least two words.
fn first_h1(page: &Page) -> Option<String> {
    page.blocks
        .iter()
        .find(|b| b.heading_level == Some(1) && b.block.word_count() >= 2)
        .map(|b| b.block.text.clone())
}

/// A short line that is mostly a link; a table of such lines (short rows, mostly
/// links) is a link table.
fn is_link_line(block: &Block) -> bool {
    let rows = block.structure.rows.as_ref().map_or(1, |r| r.len().max(1));
    let cap = LINK_LINE_MAX_WORDS.saturating_mul(rows);
    block.link_density >= LINK_LINE_DENSITY && block.words_upto(cap) < cap
}

/// Clean the page's text, one block per line, with the text front end (for pages whose
/// structure gives no trustworthy region).
fn from_page_text(blocks: &[Block], options: &Options) -> Article {
    let lines: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let mut article = crate::clean_page_text(&lines.join("\n"), options);
    article.input = InputKind::Html;
    article
}

/// Metadata from the markup wins over what the text gave. The standfirst is only what
/// the page prints as one (found by the layout pass); the metadata's summary is the
/// record's `description`.
fn fill_metadata(article: &mut Article, meta: PageMeta) {
    article.title = meta.title.or(article.title.take());
    article.description = meta.description;
    if meta.byline.is_some() {
        article.byline = meta.byline;
        article.authors = meta.authors;
    }
    article.published = meta.published.or(article.published.take());
    article.site = meta.site;
    article.canonical = meta.url;
    // Detection only when the page declares no language (the text front end, on the
    // fallback path, has detected one already).
    article.lang = meta
        .lang
        .or_else(|| article.lang.take())
        .or_else(|| crate::meta::detect_language(&article.text));
    let chars = |text: &Option<String>| text.as_deref().map_or(0, |t| t.chars().count());
    article.stats.kept_chars =
        article.text.chars().count() + chars(&article.title) + chars(&article.standfirst);
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROSE: &str = "The council met on Tuesday evening to discuss the new budget for the coming year, which includes higher spending on roads and schools.";

    fn text_of(page: &str) -> String {
        clean(page, &Options::default(), None).unwrap().text
    }

    /// A shop page: a product's description, then a section of customer reviews;
    /// `declaration` goes in the head.
    fn shop_page(declaration: &str) -> String {
        let description = "This stoneware teapot holds a litre and keeps its heat for an hour; \
            the glaze is fired twice, the lid sits on a deep collar so it never slips, and \
            the spout is cut to pour without a drip, whatever the angle of the hand.";
        let review = "I bought this for my mother and she uses it every morning now, the \
            tea stays warm through the whole of the crossword and the lid has not \
            chipped once, which is more than I can say for the one it replaced.";
        format!(
            "<html><head><title>Teapot</title>{declaration}</head><body><main>\
             <h1>Stoneware teapot</h1><div class=\"description\"><p>{description}</p>\
             <p>{description}</p></div><section class=\"product-reviews\"><h2>What \
             buyers say</h2><div><p>{review}</p><p>{review}</p></div></section>\
             </main></body></html>"
        )
    }

    #[test]
    fn reviews_are_comments_only_on_a_declared_product_page() {
        let product = r#"<script type="application/ld+json">{"@type":"Product","name":"Stoneware teapot"}</script>"#;
        let declared = text_of(&shop_page(product));
        assert!(
            declared.contains("stoneware teapot holds a litre"),
            "{declared}"
        );
        assert!(
            !declared.contains("bought this for my mother"),
            "{declared}"
        );
        let undeclared = text_of(&shop_page(""));
        assert!(
            undeclared.contains("bought this for my mother"),
            "{undeclared}"
        );
    }

    #[test]
    fn a_page_printed_only_inside_noscript_is_read_from_it() {
        let replies = [
            "Did you try restarting the service from the services manager after the update? It worked for me on two machines.",
            "Thanks, that helped. The agent now stays up, although the logs still show a warning every few minutes.",
        ];
        let posts: String = std::iter::once(PROSE)
            .chain(replies)
            .map(|p| format!("<div class=post><p>{p}</p></div>"))
            .collect();
        let page = format!(
            "<html><body><div id=app>Loading…</div><noscript data-path=/t/1>{posts}</noscript></body></html>"
        );
        let text = text_of(&page);
        assert!(text.contains(PROSE), "{text:?}");
        assert!(text.contains("The agent now stays up"), "{text:?}");
    }

    /// A script-built page whose shown text is a long menu and one short line: the
    /// menu is not kept as the page's text (a small span of the visible text is
    /// trusted), so the page is read again from its `noscript` posts.
    #[test]
    fn a_menu_shown_beside_noscript_posts_is_not_the_page() {
        let menu: String = (1..=30)
            .map(|n| format!("<li><a href=/c/{n}>Category number {n}</a></li>"))
            .collect();
        let reply = "Restarting the agent after the update fixed it here too, on both of the machines that had shown the same warning all week.";
        let posts =
            format!("<div class=post><p>{PROSE}</p></div><div class=post><p>{reply}</p></div>");
        let page = format!(
            "<html><body><ul>{menu}</ul><p>Share and learn with the community here.</p>\
             <noscript>{posts}</noscript></body></html>"
        );
        let text = text_of(&page);
        assert!(text.contains(PROSE), "{text:?}");
        assert!(!text.contains("Category number 7"), "{text:?}");
    }

    #[test]
    fn noscript_beside_an_article_is_not_text() {
        let article = format!("<article><p>{PROSE}</p></article>");
        let page = format!(
            "<html><body>{article}<noscript><p>Please enable JavaScript to view the comments powered by a service.</p></noscript></body></html>"
        );
        let text = text_of(&page);
        assert!(text.contains(PROSE));
        assert!(!text.contains("enable JavaScript"), "{text:?}");
    }

    fn blocks_of(html: &str) -> Vec<Block> {
        let page = dom::page_blocks(&scraper::Html::parse_document(html));
        tables(inherit_kinds(page))
            .blocks
            .into_iter()
            .map(|b| b.block)
            .collect()
    }

    fn rows(block: &Block) -> Vec<Vec<&str>> {
        let rows = block.structure.rows.as_ref().expect("a table has rows");
        rows.iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn a_data_table_is_one_block_with_its_header_first() {
        let html = "<p>Before</p><table><caption>Prices</caption><tbody><tr><td>Apples</td><td>2</td></tr>\
                    <tr><td>Pears</td><td></td></tr></tbody><thead><tr><th>Fruit</th><th>Price</th></tr></thead></table><p>After</p>";
        let got = blocks_of(html);
        let kinds: Vec<_> = got.iter().map(|b| b.kind).collect();
        use BlockKind::{Paragraph, Table};
        assert_eq!(kinds, [Paragraph, Paragraph, Table, Paragraph], "{got:?}");
        assert_eq!(
            rows(&got[2]),
            [
                vec!["Fruit", "Price"],
                vec!["Apples", "2"],
                vec!["Pears", ""]
            ]
        );
        assert_eq!(got[2].text, "Fruit\tPrice\nApples\t2\nPears\t");
    }

    #[test]
    fn a_row_of_th_cells_is_the_header_else_the_first_row() {
        let got = blocks_of(
            "<table><tr><td>a</td><td>b</td></tr><tr><th>H1</th><th>H2</th></tr></table>",
        );
        assert_eq!(rows(&got[0]), [vec!["H1", "H2"], vec!["a", "b"]]);
        let got =
            blocks_of("<table><tr><td>a</td><td>b</td></tr><tr><th>k</th><td>v</td></tr></table>");
        assert_eq!(rows(&got[0]), [vec!["a", "b"], vec!["k", "v"]]);
    }

    #[test]
    fn layout_tables_keep_their_blocks() {
        let got = blocks_of(
            "<table><tr><td><p>One</p><p>Two</p><p>Three</p><p>Four</p></td><td>Side</td></tr></table>\
             <table><tr><td>Solo</td></tr><tr><td>Alone</td></tr></table>",
        );
        assert!(
            got.iter().all(|b| b.kind == BlockKind::Paragraph),
            "{got:?}"
        );
        assert_eq!(got.len(), 7);
    }

    #[test]
    fn lines_of_a_cell_are_joined_and_link_tables_are_navigation() {
        let got = blocks_of("<table><tr><th>Warranty</th><td>Parts<br>Labour</td></tr><tr><td>Size</td><td>40 cm</td></tr></table>");
        assert_eq!(
            rows(&got[0]),
            [vec!["Warranty", "Parts Labour"], vec!["Size", "40 cm"]]
        );
        let links: String = (0..12)
            .map(|i| format!("<tr><td><a href=/a{i}>Hire a consultant number {i}</a></td><td><a href=/b{i}>Hire a designer {i}</a></td></tr>"))
            .collect();
        let got = blocks_of(&format!("<table>{links}</table>"));
        assert_eq!(got.len(), 1);
        assert!(got[0].words_upto(30) >= 30, "more words than one link line");
        assert!(is_link_line(&got[0]));
    }

    #[test]
    fn a_table_inside_a_layout_cell_is_merged_alone() {
        let html = "<table><tr><td><p>Intro</p><table><tr><td>x</td><td>y</td></tr></table></td><td>Side</td></tr></table>";
        let got = blocks_of(html);
        let texts: Vec<_> = got.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (BlockKind::Paragraph, "Intro"),
                (BlockKind::Table, "x\ty"),
                (BlockKind::Paragraph, "Side")
            ]
        );
    }

    #[test]
    fn code_lines_are_not_judged_as_page_furniture() {
        const OTHER: &str = "Deploying by hand takes a few minutes longer than the pipeline, but every step can be watched, and a failed step stops the run before the live site is touched at all.";
        let code = "$ deploy\nShare this\nBy the way\n2 min read";
        let page = format!(
            "<html><body><article><h1>Deploying the site by hand</h1><p>{PROSE}</p><p>{OTHER}</p><pre>{code}</pre><p>The last step checks the home page and the feed, and mails the volunteers a short note saying which version is now live.</p></article></body></html>"
        );
        let article = clean(&page, &Options::default(), None).unwrap();
        let code_block = article.blocks.iter().find(|b| b.kind == BlockKind::Code);
        assert_eq!(
            code_block.map(|b| b.text.as_str()),
            Some(code),
            "{article:?}"
        );
        let lone = format!(
            "<html><body><article><h1>Deploying the site by hand</h1><p>{PROSE}</p><p>{OTHER}</p><pre>Share on Twitter</pre><p>The last step checks the home page and the feed, and mails the volunteers a short note saying which version is now live.</p></article></body></html>"
        );
        let article = clean(&lone, &Options::default(), None).unwrap();
        assert!(
            article.blocks.iter().any(|b| b.text == "Share on Twitter"),
            "{article:?}"
        );
    }

    /// A page with `head` in its `<head>`, an `h1` headline, `deck` between headline and
    /// article, and the article's paragraphs.
    fn page_with(head: &str, deck: &str, paragraphs: &[&str]) -> String {
        let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>")).collect();
        format!(
            "<html><head>{head}</head><body><header><h1>Council agrees a budget for roads</h1>{deck}</header><article>{body}</article></body></html>"
        )
    }

    const SECOND: &str = "Residents asked about bus routes and the library hours, and officers promised answers within a month of the meeting at the town hall.";

    #[test]
    fn a_description_only_in_the_metadata_is_no_standfirst() {
        let page = page_with(
            r#"<meta name="description" content="Roads and schools get more money next year.">"#,
            "",
            &[PROSE, SECOND],
        );
        let article = clean(&page, &Options::default(), None).unwrap();
        assert_eq!(article.standfirst, None);
        assert_eq!(
            article.description.as_deref(),
            Some("Roads and schools get more money next year.")
        );
    }

    #[test]
    fn a_description_repeating_the_first_paragraph_stays_body() {
        let head = format!(r#"<meta name="description" content="{PROSE}">"#);
        let page = page_with(&head, "", &[PROSE, SECOND]);
        let article = clean(&page, &Options::default(), None).unwrap();
        assert_eq!(article.standfirst, None);
        assert_eq!(article.description.as_deref(), Some(PROSE));
        assert!(article.text.starts_with(PROSE), "{:?}", article.text);
        assert_eq!(article.text.matches(PROSE).count(), 1);
    }

    #[test]
    fn a_deck_printed_in_the_head_is_the_standfirst() {
        let deck = "Roads and schools get more money next year, and the library keeps its Sunday hours after a long campaign.";
        let head = format!(r#"<meta name="description" content="{deck}…">"#);
        let page = page_with(
            &head,
            &format!("<p class=deck>{deck}</p>"),
            &[PROSE, SECOND],
        );
        let article = clean(&page, &Options::default(), None).unwrap();
        assert_eq!(article.standfirst.as_deref(), Some(deck));
        assert!(article.text.starts_with(PROSE), "{:?}", article.text);
        assert!(!article.removed.iter().any(|r| r.text == deck));
    }

    #[test]
    fn content_streamed_into_a_hidden_container_is_read_from_it() {
        let paragraphs: String = [PROSE, SECOND]
            .iter()
            .map(|p| format!("<p>{p}</p>"))
            .collect();
        let page = format!(
            "<html><body><main><template id=\"B:0\"></template><p>Loading…</p></main>\
             <div hidden id=\"S:0\"><article>{paragraphs}</article></div>\
             <script>$RC(\"B:0\",\"S:0\")</script></body></html>"
        );
        let article = clean(&page, &Options::default(), None).unwrap();
        assert!(article.text.starts_with(PROSE), "{:?}", article.text);
        assert!(article.text.contains(SECOND));
        assert!(!article.text.contains("Loading"));
    }

    #[test]
    fn hidden_content_beside_a_shown_article_is_not_read() {
        let page = page_with(
            "",
            "",
            &[PROSE, SECOND, "<span hidden>A hidden sign-in dialog asks you to register for a free account to save articles and comment on them.</span>"],
        );
        let text = text_of(&page);
        assert!(text.contains(PROSE));
        assert!(!text.contains("sign-in dialog"), "{text:?}");
    }

    #[test]
    fn the_hidden_attribute_is_found_in_tags_only() {
        assert!(has_hidden_attribute("<div hidden id=S:0>"));
        assert!(has_hidden_attribute("<DIV class=x HIDDEN>"));
        assert!(has_hidden_attribute("<p hidden=\"\">"));
        assert!(!has_hidden_attribute("<p>a hidden gem</p>"));
        assert!(!has_hidden_attribute("<input type=hidden>"));
    }

    #[test]
    fn noscript_tags_are_renamed_whatever_their_case() {
        let opened = noscript_opened("<NoScript a=1><p>x</p></NOSCRIPT>").unwrap();
        assert_eq!(opened, "<div a=1><p>x</p></div>");
        assert!(noscript_opened("<p>no such tag</p>").is_none());
    }
}
