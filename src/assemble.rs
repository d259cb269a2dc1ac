//! Building the [`Article`] record from judged blocks and found metadata.

use crate::block::{Block, Role};
use crate::meta::Found;
use crate::noise::similarity::{containment, shingles};
use crate::reason::Reason;
use crate::record::{Article, BodyBlock, InputKind, Removal, Stats};

/// Fewest words of a standfirst compared with the first body block by shingles (shorter
/// ones are compared as text only).
const REPEAT_MIN_WORDS: usize = 6;
/// Share of the shorter copy's word shingles the longer must hold for the standfirst
/// and the first body block to be one lead printed twice.
const REPEAT_CONTAINMENT: f32 = 0.85;

/// Build the record. `id`, `source` and `lang` are left empty for the caller to fill
/// (the HTML front end detects a language only when the page declares none).
///
/// A record never holds its lead twice: a standfirst that the first body block after
/// it repeats (see [`repeats_lead`]) is resolved first, the shorter copy removed as
/// `duplicate`, so no output format prints the same lead twice.
pub fn article(
    input: InputKind,
    mut blocks: Vec<Block>,
    mut found: Found,
    explain: bool,
) -> Article {
    if !drop_repeated_lead(&mut blocks) {
        found.standfirst = None;
    }
    let warnings: Vec<String> = short_body_warning(&blocks).into_iter().collect();
    let mut body = Vec::new();
    let mut removed = Vec::new();
    let mut removed_chars = 0;
    for block in blocks {
        match block.role {
            Role::Body => body.push(BodyBlock {
                kind: block.kind,
                text: block.text,
                line: block.line,
                structure: block.structure,
            }),
            Role::Removed(reason) => {
                removed_chars += block.text.chars().count();
                removed.push(Removal {
                    reason,
                    text: block.text,
                    line: block.line,
                });
            }
            Role::Title | Role::Standfirst => {}
        }
    }
    let text = body_text(&body);
    let kept_chars = text.chars().count()
        + found.title.as_deref().map_or(0, |t| t.chars().count())
        + found.standfirst.as_deref().map_or(0, |t| t.chars().count());
    Article {
        id: String::new(),
        source: String::new(),
        input,
        title: found.title,
        standfirst: found.standfirst,
        description: None,
        published: found.published,
        byline: (!found.authors.is_empty()).then(|| found.authors.join(", ")),
        authors: found.authors,
        site: None,
        url: None,
        canonical: None,
        lang: None,
        text,
        blocks: body,
        removed: if explain { removed } else { Vec::new() },
        warnings,
        stats: Stats {
            input_bytes: 0,
            kept_chars,
            removed_chars,
        },
        warc: None,
    }
}

/// The clean body text: block texts joined by a blank line.
pub fn body_text(blocks: &[BodyBlock]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A body under this many characters is short (see [`short_body_warning`]).
pub const SHORT_BODY_CHARS: usize = 200;
/// Fewest characters the page must show for a short body to be worth a warning: five
/// times the longest short body, so the page always shows at least five times the body.
pub const SHORT_BODY_PAGE_MIN_CHARS: usize = 5 * SHORT_BODY_CHARS;

/// When the body is short (under [`SHORT_BODY_CHARS`] characters) while the page shows
/// much more text (at least [`SHORT_BODY_PAGE_MIN_CHARS`]), a warning that says where the text went, so that the record is
/// never silent about it: `body has 0 characters while the page shows 5,432: removed
/// navigation 3,100, comments 1,900, related 400; kept as title 32`. The page's text is
/// every block the front end read (kept, placed or removed); reasons are listed by the
/// characters they took, most first.
pub fn short_body_warning(blocks: &[Block]) -> Option<String> {
    let chars = |role: &dyn Fn(Role) -> bool| -> usize {
        blocks
            .iter()
            .filter(|b| role(b.role))
            .map(Block::char_count)
            .sum()
    };
    let body = chars(&|r| r == Role::Body);
    let page = chars(&|_| true);
    let short = body < SHORT_BODY_CHARS && page >= SHORT_BODY_PAGE_MIN_CHARS;
    if !short {
        return None;
    }
    let mut by_reason: Vec<(Reason, usize)> = Vec::new();
    for block in blocks {
        if let Role::Removed(reason) = block.role {
            match by_reason.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, total)) => *total += block.char_count(),
                None => by_reason.push((reason, block.char_count())),
            }
        }
    }
    by_reason.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    let removed: Vec<String> = by_reason
        .iter()
        .map(|(reason, n)| format!("{} {}", reason.code(), thousands(*n)))
        .collect();
    let mut warning = format!(
        "body has {} characters while the page shows {}",
        thousands(body),
        thousands(page)
    );
    if !removed.is_empty() {
        warning.push_str(&format!(": removed {}", removed.join(", ")));
    }
    let placed: Vec<String> = [(Role::Title, "title"), (Role::Standfirst, "standfirst")]
        .iter()
        .map(|&(role, name)| (name, chars(&|r| r == role)))
        .filter(|&(_, n)| n > 0)
        .map(|(name, n)| format!("{name} {}", thousands(n)))
        .collect();
    if !placed.is_empty() {
        warning.push_str(&format!("; kept as {}", placed.join(", ")));
    }
    Some(warning)
}

/// A count with a comma between thousands: `5,432`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// Resolve a standfirst that the first body block after it repeats: the shorter copy
/// goes as `duplicate` (the body keeps the fuller copy, as for repeated paragraphs).
/// Returns whether a standfirst block is left.
pub(crate) fn drop_repeated_lead(blocks: &mut [Block]) -> bool {
    let Some(at) = blocks.iter().position(|b| b.role == Role::Standfirst) else {
        return false;
    };
    let Some(next) = (at + 1..blocks.len()).find(|&i| blocks[i].is_body()) else {
        return true;
    };
    if !repeats_lead(&blocks[at].text, &blocks[next].text) {
        return true;
    }
    if blocks[at].char_count() <= blocks[next].char_count() {
        blocks[at].role = Role::Removed(Reason::Duplicate);
        false
    } else {
        blocks[next].remove(Reason::Duplicate);
        true
    }
}

/// Whether `standfirst` and `paragraph` print one lead: equal or one the start of the
/// other after folding case, white space and a trailing ellipsis, or (from six words)
/// 85% of the shorter's word shingles in the longer.
pub fn repeats_lead(standfirst: &str, paragraph: &str) -> bool {
    let (a, b) = (fold(standfirst), fold(paragraph));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a.starts_with(&b) || b.starts_with(&a) {
        return true;
    }
    let words = |t: &str| crate::block::word_count_upto(t, REPEAT_MIN_WORDS);
    words(standfirst).min(words(paragraph)) >= REPEAT_MIN_WORDS
        && containment(&shingles(standfirst), &shingles(paragraph)) >= REPEAT_CONTAINMENT
}

/// Lower-cased text with white space folded and a trailing ellipsis dropped.
fn fold(text: &str) -> String {
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    folded.trim_end_matches(['…', '.', ' ']).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(text: &str, role: Role) -> Block {
        let mut block = Block::new(text.to_owned(), 1);
        block.role = role;
        block
    }

    const LEAD: &str =
        "The council will close the footbridge for a year while engineers replace every cable.";

    #[test]
    fn a_lead_is_repeated_when_equal_truncated_or_nearly_the_same() {
        assert!(repeats_lead(LEAD, LEAD));
        assert!(repeats_lead(
            "The council will close the footbridge for a year…",
            LEAD
        ));
        assert!(repeats_lead(
            LEAD,
            &format!("{LEAD} Work starts in January and ends next winter.")
        ));
        let reworded = LEAD.replace("The council", "the council,");
        assert!(repeats_lead(&reworded, LEAD));
        assert!(!repeats_lead(
            LEAD,
            "Engineers opened three sections of cable wrapping in the spring and found rust."
        ));
        assert!(!repeats_lead("", LEAD));
    }

    #[test]
    fn a_standfirst_the_body_repeats_goes_as_duplicate() {
        let blocks = vec![
            block("Headline", Role::Title),
            block(LEAD, Role::Standfirst),
            block(&format!("{LEAD} Work starts in January."), Role::Body),
        ];
        let found = Found {
            standfirst: Some(LEAD.to_owned()),
            ..Found::default()
        };
        let article = article(InputKind::Html, blocks, found, true);
        assert_eq!(article.standfirst, None);
        assert_eq!(article.removed.len(), 1);
        assert_eq!(article.removed[0].reason, Reason::Duplicate);
        assert_eq!(article.removed[0].text, LEAD);
        assert!(article.text.starts_with(LEAD));
    }

    #[test]
    fn a_shorter_first_paragraph_inside_the_standfirst_goes() {
        let short = "The council will close the footbridge for a year.";
        let blocks = vec![
            block(LEAD, Role::Standfirst),
            block(short, Role::Body),
            block("Engineers found rust in three places.", Role::Body),
        ];
        let found = Found {
            standfirst: Some(LEAD.to_owned()),
            ..Found::default()
        };
        let article = article(InputKind::Text, blocks, found, true);
        assert_eq!(article.standfirst.as_deref(), Some(LEAD));
        assert_eq!(article.text, "Engineers found rust in three places.");
        assert_eq!(article.removed[0].text, short);
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(5432), "5,432");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    fn removed(text_chars: usize, reason: Reason) -> Block {
        block(&"x".repeat(text_chars), Role::Removed(reason))
    }

    #[test]
    fn a_short_body_on_a_long_page_says_where_the_text_went() {
        let blocks = vec![
            block("A headline of thirty characters", Role::Title),
            removed(3_100, Reason::Navigation),
            removed(400, Reason::Related),
            removed(1_000, Reason::Comments),
            removed(900, Reason::Comments),
            block("Short body.", Role::Body),
        ];
        let article = article(InputKind::Html, blocks, Found::default(), false);
        assert_eq!(
            article.warnings,
            ["body has 11 characters while the page shows 5,442: removed navigation 3,100, comments 1,900, related 400; kept as title 31"]
        );
    }

    #[test]
    fn no_warning_for_a_long_body_or_a_short_page() {
        let long_body = vec![
            removed(5_000, Reason::Navigation),
            block(&"y".repeat(200), Role::Body),
        ];
        assert_eq!(short_body_warning(&long_body), None);
        let short_page = vec![
            removed(800, Reason::Navigation),
            block("Short body.", Role::Body),
        ];
        assert_eq!(short_body_warning(&short_page), None);
        let empty = vec![removed(1_000, Reason::Paywall)];
        assert_eq!(
            short_body_warning(&empty).as_deref(),
            Some("body has 0 characters while the page shows 1,000: removed paywall 1,000")
        );
    }

    #[test]
    fn a_standfirst_set_apart_from_a_different_body_stays() {
        let body =
            "Engineers opened three sections of cable wrapping in the spring and found rust.";
        let blocks = vec![block(LEAD, Role::Standfirst), block(body, Role::Body)];
        let found = Found {
            standfirst: Some(LEAD.to_owned()),
            ..Found::default()
        };
        let article = article(InputKind::Text, blocks, found, true);
        assert_eq!(article.standfirst.as_deref(), Some(LEAD));
        assert_eq!(article.text, body);
        assert!(article.removed.is_empty());
    }
}
