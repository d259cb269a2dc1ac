//! The layout pass of the text front end.
//!
//! 1. The body is the run of blocks with the best balance of prose against short
//!    label-like lines (a maximum-sum span over [`body_score`]); what lies outside it
//!    (menus, footer links, teasers) goes as `navigation`. Text with no prose at all is
//!    left whole, and so is text whose best span holds only a small share of its words
//!    (a listing or directory of short entries: the span is no body of substance).
//! 2. The title is the nearest heading-shaped line before the body; further copies of it
//!    go as `duplicate_headline`, and a line that is a short section path glued before
//!    it as `breadcrumb`.
//! 3. The standfirst is the first paragraph after the title when it is set apart from
//!    the body: no closing full stop, meta lines (date, reading time, caption) between
//!    it and the body, or repeated by the first body paragraph.
//! 4. Repeated paragraphs are removed ([`remove_repeats`](crate::noise::remove_repeats)),
//!    and so is the shorter copy of a standfirst that the first body paragraph repeats;
//!    the body's extent is judged again on what is left, so that a paragraph printed
//!    twice cannot stretch the body over the lines between its copies (the clean text,
//!    read again, holds one copy and must give the same body).
//! 5. Short heading-shaped lines inside the body that introduce prose become headings.

use super::shape::{body_score, is_heading_shaped, is_prose};
use crate::block::{Block, BlockKind, Role};
use crate::meta::Found;
use crate::noise::similarity::{near_duplicate, shingles};
use crate::reason::Reason;

/// How many body lines before the body the title may stand.
const TITLE_LOOKBACK: usize = 4;
/// Most words a section path glued before the headline may have.
const BREADCRUMB_MAX_WORDS: usize = 5;
/// Fewest words of a deck printed as a heading-shaped line under the headline.
const DECK_MIN_WORDS: usize = 8;
/// Longest standfirst, in words.
const STANDFIRST_MAX_WORDS: usize = 80;
/// Shortest standfirst, in words.
const STANDFIRST_MIN_WORDS: usize = 5;
/// Longest section heading inside the body, in words.
const SECTION_HEADING_MAX_WORDS: usize = 15;

/// What the layout pass does when the best body span holds only a small share of the
/// text's words ([`MIN_BODY_SHARE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallSpan {
    /// Leave the text whole: text handed over as text, whose short entries (a listing,
    /// a directory) are its content.
    LeaveWhole,
    /// Trust the span: the visible text of an HTML page whose markup gave no region,
    /// where a small span among menus is the page's only body (and an empty result lets
    /// the page be read again with its `noscript` content).
    Trust,
}

/// Find the body's extent, title, standfirst and headings, and remove repeated
/// paragraphs; returns title and standfirst.
/// `small` says what to do when the best span holds only a small share of the text.
pub fn layout_with(blocks: &mut [Block], small: SmallSpan) -> Found {
    let Some((extent, (start, end))) = body_span_trusted(blocks, judge_extent(blocks), small)
    else {
        crate::noise::remove_repeats(blocks);
        return Found::default();
    };
    let title = find_title(blocks, start);
    let headline = title.map(|t| headline_text(&blocks[t]));
    if let (Some(t), Some(headline)) = (title, &headline) {
        mark_title_copies(blocks, t, headline, start);
    }
    let standfirst = title.and_then(|t| find_standfirst(blocks, t, start, end));
    if let Some(s) = standfirst {
        blocks[s].role = Role::Standfirst;
    }
    let start = widen_over_section_heading(blocks, start);
    remove_outside(blocks, extent.removal_start(start), end);
    let before = body_count(blocks);
    crate::noise::remove_repeats(blocks);
    let lead_went = standfirst.is_some() && !crate::assemble::drop_repeated_lead(blocks);
    let (start, end) = if body_count(blocks) < before || lead_went {
        rejudge_span(blocks, start, end, extent)
    } else {
        (start, end)
    };
    mark_headings(&mut blocks[start..=end]);
    Found {
        title: headline,
        standfirst: standfirst
            .filter(|&s| blocks[s].role == Role::Standfirst)
            .map(|s| blocks[s].text.clone()),
        ..Found::default()
    }
}

/// How many blocks are still body blocks.
fn body_count(blocks: &[Block]) -> usize {
    blocks.iter().filter(|b| b.is_body()).count()
}

/// The body's extent judged again on what is left after repeated paragraphs went (a
/// paragraph printed twice must not stretch the body over the lines between its
/// copies); what falls outside goes as navigation.
///
/// Whether the text reads as an article is decided again on the whole text after the
/// copies went (title and standfirst included), as it is when the clean text is read
/// again: judged over the old extent only, the title no longer counts and the decision
/// could differ.
fn rejudge_span(blocks: &mut [Block], start: usize, end: usize, first: Extent) -> (usize, usize) {
    let extent = if first == Extent::Whole {
        first
    } else {
        judge_extent(blocks)
    };
    let span = body_span_judged(&blocks[start..=end], extent);
    let (start, end) = span.map_or((start, end), |(first, last)| {
        (
            widen_over_section_heading(blocks, start + first),
            start + last,
        )
    });
    remove_outside(blocks, extent.removal_start(start), end);
    (start, end)
}

/// Remove the body blocks outside `start..=end` as navigation.
fn remove_outside(blocks: &mut [Block], start: usize, end: usize) {
    for (i, block) in blocks.iter_mut().enumerate() {
        if (i < start || i > end) && block.is_body() {
            block.remove(Reason::Navigation);
        }
    }
}

/// How far the body may run beyond its best span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Extent {
    /// The best span, widened over adjacent neutral lines.
    Span,
    /// From the best span to the end (text that is already an article): what follows
    /// it (comments, closing notes) goes only when a detector is sure of it.
    ToEnd,
    /// The whole text (an extractor's output, see [`is_extracted`], or text whose best
    /// span holds too little of it, see [`body_span_trusted`]): the best span
    /// runs to the end, and nothing before it goes as navigation either (the title is
    /// still looked for before it).
    Whole,
}

impl Extent {
    /// The first block that lines outside the body are removed from, given the body's
    /// first block `start`.
    fn removal_start(self, start: usize) -> usize {
        if self == Extent::Whole {
            0
        } else {
            start
        }
    }
}

/// The extent rule for the text, judged on every line not yet removed (title and
/// standfirst included), so that the clean text read again is judged alike.
fn judge_extent(blocks: &[Block]) -> Extent {
    let kept: Vec<&Block> = blocks.iter().filter(|b| !b.is_removed()).collect();
    if is_extracted(blocks, &kept) {
        Extent::Whole
    } else if is_already_article(&kept) {
        Extent::ToEnd
    } else {
        Extent::Span
    }
}

/// Least share of the words of the text that a trusted body span holds.
const MIN_BODY_SHARE: f64 = 0.12;

/// The body's span as [`body_span_judged`] finds it, with the extent it was found with;
/// when that span holds less than [`MIN_BODY_SHARE`] of the words of the lines not yet
/// removed, the search found no body of substance (a listing, a directory, an index
/// of short entries): it is not trusted and the text is left whole ([`Extent::Whole`]),
/// unless `small` says to trust it.
fn body_span_trusted(
    blocks: &[Block],
    extent: Extent,
    small: SmallSpan,
) -> Option<(Extent, (usize, usize))> {
    let span = body_span_judged(blocks, extent)?;
    if extent == Extent::Whole
        || small == SmallSpan::Trust
        || span_share(blocks, span) >= MIN_BODY_SHARE
    {
        return Some((extent, span));
    }
    Some((Extent::Whole, body_span_judged(blocks, Extent::Whole)?))
}

/// The share of the words of the lines not yet removed that the body lines of
/// `first..=last` hold.
fn span_share(blocks: &[Block], (first, last): (usize, usize)) -> f64 {
    let words = |b: &Block| if b.is_removed() { 0 } else { b.word_count() };
    let all: usize = blocks.iter().map(words).sum();
    let span: usize = blocks[first..=last].iter().map(words).sum();
    span as f64 / all.max(1) as f64
}

/// The maximum-sum span of body blocks (first and last index), widened over adjacent
/// list items and short sentences, and run to the end as the extent rule (decided by
/// the caller, [`judge_extent`]) says; `None` when no block speaks for a body.
fn body_span_judged(blocks: &[Block], extent: Extent) -> Option<(usize, usize)> {
    let body: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].is_body()).collect();
    let mut best: Option<(i64, usize, usize)> = None;
    let (mut sum, mut from) = (0i64, 0usize);
    for (k, &i) in body.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            from = k;
        }
        sum += body_score(&blocks[i]);
        if sum > 0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, from, k));
        }
    }
    let (_, mut first, mut last) = best?;
    while first > 0 && body_score(&blocks[body[first - 1]]) >= 0 {
        first -= 1;
    }
    while last + 1 < body.len() && body_score(&blocks[body[last + 1]]) >= 0 {
        last += 1;
    }
    match extent {
        Extent::Span => {}
        Extent::ToEnd | Extent::Whole => last = body.len() - 1,
    }
    Some((body[first], body[last]))
}

/// Most share of short label-like lines (of lines with text) in text that is already an
/// article.
const ARTICLE_SHORT_SHARE: f64 = 0.25;
/// Fewest lines of prose in text that is already an article.
const ARTICLE_MIN_PROSE: usize = 2;

/// Whether the text is already an article (an extractor's output): among the lines
/// not yet removed (`kept`), almost none is a short label-like line, and some are
/// prose. Such text is not cut after its best span: only what a detector is sure of
/// goes.
fn is_already_article(kept: &[&Block]) -> bool {
    mostly_prose(kept, ARTICLE_SHORT_SHARE)
}

/// Whether at most `share` of the lines `kept` are short label-like lines, and at
/// least [`ARTICLE_MIN_PROSE`] are prose.
fn mostly_prose(kept: &[&Block], share: f64) -> bool {
    let short = kept.iter().filter(|b| body_score(b) < 0).count();
    let prose = kept.iter().filter(|b| is_prose(b)).count();
    prose >= ARTICLE_MIN_PROSE && (short as f64) <= share * kept.len() as f64
}

/// Most share of short label-like lines in text read as an extractor's output.
const EXTRACTED_SHORT_SHARE: f64 = 0.7;
/// Most words of a list item that counts as a short line (a menu printed as a list).
const SHORT_ITEM_WORDS: usize = 3;

/// Removals of lines that a whole page prints around its article and an extractor's
/// output has lost: footer legal lines, cookie, login, newsletter and share prompts,
/// form messages, section footers, paywalls, breadcrumbs, advertising labels.
fn is_chrome(reason: Reason) -> bool {
    matches!(
        reason,
        Reason::Legal
            | Reason::Share
            | Reason::FormMessage
            | Reason::Login
            | Reason::Newsletter
            | Reason::SectionFooter
            | Reason::Cookie
            | Reason::Paywall
            | Reason::Breadcrumb
            | Reason::Advertising
            | Reason::RegistrationWall
    )
}

/// Whether the text reads as an extractor's output rather than a whole page: no line
/// of page chrome was found in it (a whole page has a footer and prompts), and at most
/// [`EXTRACTED_SHORT_SHARE`] of the lines not yet removed (`kept`) are short lines
/// ([`is_short_line`]: a whole page has menus). Such text is not cut by the body search at all.
///
/// The judgement looks at which lines there are, never at their order: the clean text
/// prints the title and standfirst first and has lost the chrome lines, and read again
/// it must be judged alike (text left whole is judged whole again; of text that was
/// cut, the second reading keeps at least what the first kept).
fn is_extracted(blocks: &[Block], kept: &[&Block]) -> bool {
    let chrome = blocks
        .iter()
        .any(|b| matches!(b.role, Role::Removed(r) if is_chrome(r)));
    let short = kept.iter().filter(|b| is_short_line(b)).count();
    !chrome && (short as f64) <= EXTRACTED_SHORT_SHARE * kept.len() as f64
}

/// Whether a block is a short label-like line, or a list item of a few words (a menu
/// that a converter printed as a Markdown list).
fn is_short_line(block: &Block) -> bool {
    body_score(block) < 0
        || (block.kind == BlockKind::ListItem
            && block.words_upto(SHORT_ITEM_WORDS + 1) <= SHORT_ITEM_WORDS)
}

/// The body's first index widened back over a section heading that opens it: the
/// nearest block before it that was not removed is a short heading-shaped body line, and
/// the first block is a body paragraph of prose (not the standfirst). The span's scoring leaves such a line out (it scores as a
/// label), yet it reads as the body's first heading, and the clean text read again
/// must find the same body. A title or standfirst in between stops the widening.
fn widen_over_section_heading(blocks: &[Block], first: usize) -> usize {
    let previous = (0..first).rev().find(|&i| !blocks[i].is_removed());
    match previous {
        Some(p)
            if blocks[p].is_body()
                && is_section_heading(&blocks[p])
                && blocks[first].is_body()
                && is_prose(&blocks[first]) =>
        {
            p
        }
        _ => first,
    }
}

/// Whether a block is shaped like a section heading: heading-shaped, short, not prose.
fn is_section_heading(block: &Block) -> bool {
    is_heading_shaped(block) && block.word_count() <= SECTION_HEADING_MAX_WORDS && !is_prose(block)
}

/// The nearest heading-shaped body line of at least two words before the body; when
/// it reads as a deck under an earlier, shorter heading-shaped line, that earlier line.
fn find_title(blocks: &[Block], start: usize) -> Option<usize> {
    let mut candidates = (0..start)
        .rev()
        .filter(|&i| blocks[i].is_body())
        .take(TITLE_LOOKBACK);
    let nearest =
        candidates.find(|&i| is_heading_shaped(&blocks[i]) && blocks[i].word_count() >= 2)?;
    let before = (0..nearest).rev().find(|&i| blocks[i].is_body());
    match before {
        Some(headline) if reads_as_deck(&blocks[headline], &blocks[nearest]) => Some(headline),
        _ => Some(nearest),
    }
}

/// Whether `deck` reads as the summary under `headline`: both heading-shaped, the
/// headline of at least three words, the deck longer.
fn reads_as_deck(headline: &Block, deck: &Block) -> bool {
    is_heading_shaped(headline)
        && headline.word_count() >= 3
        && deck.word_count() >= DECK_MIN_WORDS
        && deck.word_count() > headline.word_count()
}

/// The headline a title line prints: the line, or its half when it is printed twice.
fn headline_text(block: &Block) -> String {
    crate::noise::doubled::doubled_half(&block.text).unwrap_or_else(|| block.text.clone())
}

/// Make the first copy of the headline before the body the title; remove the other
/// copies anywhere (also doubled within a line), and a section path glued before one.
fn mark_title_copies(blocks: &mut [Block], title: usize, headline: &str, start: usize) {
    let headline = headline.to_lowercase();
    let first = (0..start)
        .find(|&i| blocks[i].is_body() && blocks[i].text.to_lowercase() == headline)
        .unwrap_or(title);
    blocks[first].role = Role::Title;
    for block in blocks.iter_mut().filter(|b| b.is_body()) {
        let text = block.text.to_lowercase();
        if text == headline || is_doubled(&text, &headline) {
            block.remove(Reason::DuplicateHeadline);
        } else if is_glued_breadcrumb(&text, &headline) {
            block.remove(Reason::Breadcrumb);
        }
    }
}

/// Whether `text` is the headline written twice.
fn is_doubled(text: &str, headline: &str) -> bool {
    crate::noise::doubled::doubled_half(text).is_some_and(|half| half == headline)
}

/// Whether `text` is a short section path followed by the headline.
fn is_glued_breadcrumb(text: &str, headline: &str) -> bool {
    text.strip_suffix(headline).is_some_and(|prefix| {
        let words = prefix.split_whitespace().count();
        prefix.ends_with(' ') && (1..=BREADCRUMB_MAX_WORDS).contains(&words)
    })
}

/// The standfirst: the first body block after the title, when it is set apart from the
/// body that follows it (never a list item: a bullet is not a deck).
fn find_standfirst(blocks: &[Block], title: usize, start: usize, end: usize) -> Option<usize> {
    let candidate = (title + 1..=end).find(|&i| blocks[i].is_body())?;
    let block = &blocks[candidate];
    if candidate > start
        || block.kind == BlockKind::ListItem
        || block.word_count() > STANDFIRST_MAX_WORDS
        || block.word_count() < STANDFIRST_MIN_WORDS
    {
        return None;
    }
    if candidate < start {
        return Some(candidate);
    }
    let next = (candidate + 1..=end).find(|&i| blocks[i].is_body() && is_prose(&blocks[i]))?;
    let unfinished = !crate::noise::walls::ends_sentence(&block.text);
    let set_apart = blocks[candidate + 1..next]
        .iter()
        .any(|b| matches!(b.role, Role::Removed(r) if is_meta_reason(r)));
    let repeated = {
        let own = shingles(&block.text);
        blocks[next..=end]
            .iter()
            .filter(|b| b.is_body())
            .take(3)
            .any(|b| near_duplicate(&own, &shingles(&b.text)))
    };
    (unfinished || set_apart || repeated).then_some(candidate)
}

/// Removals that typically stand between a standfirst and the body.
fn is_meta_reason(reason: Reason) -> bool {
    matches!(
        reason,
        Reason::ReadingTime
            | Reason::DateLine
            | Reason::Byline
            | Reason::Caption
            | Reason::Credit
            | Reason::DoubledLine
            | Reason::DuplicateHeadline
            | Reason::Share
    )
}

/// Short heading-shaped lines followed by prose become section headings.
fn mark_headings(span: &mut [Block]) {
    let body: Vec<usize> = (0..span.len()).filter(|&i| span[i].is_body()).collect();
    for pair in body.windows(2) {
        let (this, next) = (pair[0], pair[1]);
        let heading = is_section_heading(&span[this]) && is_prose(&span[next]);
        if heading {
            span[this].kind = BlockKind::Heading;
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_headline_printed_twice_on_one_line_is_the_title() {
        let text = "Storm hits the coast Storm hits the coast\n\
                    The storm reached the coast on Monday night, flooding the harbour and the lower town.\n\
                    Power was cut to four thousand homes until the morning, the utility said.";
        let article = crate::clean_text(text, &crate::Options::default());
        assert_eq!(article.title.as_deref(), Some("Storm hits the coast"));
        assert_eq!(article.blocks.len(), 2);
        assert!(article.removed.is_empty());
    }

    #[test]
    fn text_without_page_chrome_is_not_cut() {
        let lead = "The harbour wall was rebuilt in stone after the winter storms had broken it in two places.";
        let more = "Fishing boats stayed in port for a week while the engineers checked every metre of the quay.";
        let text = format!("{lead}\nOyster Festival Tickets\n{more}\nA quiet week ahead\n");
        let article = crate::clean_text(&text, &crate::Options::default());
        let kept: Vec<_> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            kept,
            [lead, "Oyster Festival Tickets", more, "A quiet week ahead"]
        );
        let page = format!("{text}Cookie settings\nPrivacy policy\n");
        let article = crate::clean_text(&page, &crate::Options::default());
        assert!(article
            .removed
            .iter()
            .any(|r| r.reason == crate::Reason::Navigation));
    }

    #[test]
    fn a_listing_of_short_entries_is_not_cut_to_its_one_paragraph() {
        let intro = "Our workshop stocks replacement parts for most garden machines made since the nineteen seventies.";
        let entries: Vec<String> = (1..=40)
            .map(|n| format!("Blade set {n} for rotary mowers"))
            .collect();
        let text = format!("{intro}\n{}\n", entries.join("\n"));
        let article = crate::clean_text(&text, &crate::Options::default());
        assert_eq!(article.blocks.len(), 41);
        assert!(article.removed.is_empty());
        // With fewer entries the paragraph is a body of substance: the span is trusted.
        let text = format!("{intro}\n{}\n", entries[..5].join("\n"));
        let article = crate::clean_text(&text, &crate::Options::default());
        assert_eq!(article.blocks.len(), 1);
    }

    #[test]
    fn a_repeated_paragraph_does_not_stretch_the_body() {
        let lead = "The harbour wall was rebuilt in stone after the winter storms had broken it in two places.";
        let more = "Fishing boats stayed in port for a week while the engineers checked every metre of the quay.";
        // The footer line marks a whole page, whose body the span search cuts.
        let text = format!(
            "{lead}\n{more}\nOyster Festival Tickets\n{lead}\n© 2026 Harbour Weekly. All rights reserved.\n"
        );
        let article = crate::clean_text(&text, &crate::Options::default());
        let kept: Vec<_> = article.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(kept, [lead, more]);
        let reasons: Vec<_> = article.removed.iter().map(|r| (r.line, r.reason)).collect();
        assert_eq!(
            reasons,
            [
                (3, crate::Reason::Navigation),
                (4, crate::Reason::Duplicate),
                (5, crate::Reason::Legal)
            ]
        );
    }
}
