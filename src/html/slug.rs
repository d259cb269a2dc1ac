//! Heading slugs: `id` values that documentation generators and CMSs make from a
//! section's own heading (`related-work`, `comments-and-limitations`). They name a
//! section by its title, not a page component, so the noise words in them are no hint.

use scraper::ElementRef;

/// Words that join the content words of a phrase; a hyphenated id holding one reads as
/// a phrase (a heading), not as a component name.
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "with", "to", "for", "in", "on", "by", "from", "at",
    "into", "about", "how", "what", "why", "when", "is", "are", "vs", "versus", "your", "its",
];

/// First parts that make an id a component name whatever follows (`block-related-work`,
/// `region-sidebar-first`): page builders and CMSs prefix their component ids so.
#[rustfmt::skip]
const COMPONENT_PREFIXES: &[&str] = &[
    "block", "region", "field", "view", "views", "module", "mod", "widget", "component",
    "pane", "panel", "zone", "node", "menu", "wp", "js", "elementor", "cmp", "section",
];

/// Words that the names and headings of noise boxes are made of (`related-posts`,
/// `share-this-article`, `leave-a-comment`, `you-may-also-like`): an id of only such words
/// (besides noise words and function words) is read as a component name even when a
/// heading repeats it.
#[rustfmt::skip]
const BOX_WORDS: &[&str] = &[
    "post", "posts", "article", "articles", "story", "stories", "link", "links", "news",
    "content", "contents", "this", "these", "more", "also", "like", "our", "us", "follow",
    "leave", "reply", "recent", "latest", "other", "similar", "see", "read", "you", "may",
    "top", "box", "area", "container", "wrapper", "list", "items", "item", "title",
    "header", "heading", "inner", "outer", "left", "right", "col", "row", "bottom", "page",
    "site", "main", "primary", "secondary", "first", "last", "up", "sign", "email", "form",
    "video", "videos", "photo", "photos", "image", "images", "get", "join", "now", "today",
    "free", "all", "view", "write", "add", "section", "block", "we",
    "recommend", "might", "enjoy", "interest", "interested", "around", "web", "elsewhere",
    "friend", "friends",
];

/// The shortest id read as a heading phrase without its heading at hand.
const PHRASE_MIN_CHARS: usize = 20;

/// The fewest words of an id read as a heading phrase without its heading at hand.
const PHRASE_MIN_WORDS: usize = 3;

/// Whether `id` is a heading slug: a lowercase (or all capitals) hyphenated id, not a component name, with
/// a word that is neither a function word nor a word of noise boxes, that either is a
/// long phrase (at least [`PHRASE_MIN_CHARS`] characters, [`PHRASE_MIN_WORDS`] words, one
/// a function word) or repeats the words of the element's own heading (`heading`, asked
/// for only when needed).
pub fn is_heading_slug(id: &str, heading: impl FnOnce() -> Option<String>) -> bool {
    // Some generators (DocBook) print their slugs in capitals: `SQL-FOR-UPDATE-SHARE`.
    let lowered;
    let id = if id.bytes().any(|b| b.is_ascii_uppercase())
        && !id.bytes().any(|b| b.is_ascii_lowercase())
    {
        lowered = id.to_ascii_lowercase();
        lowered.as_str()
    } else {
        id
    };
    let Some(parts) = slug_parts(id) else {
        return false;
    };
    if parts.len() < 2
        || COMPONENT_PREFIXES.contains(&parts[0])
        || !parts.iter().any(|p| is_content_word(p))
    {
        return false;
    }
    if is_phrase(id, &parts) {
        return true;
    }
    heading().is_some_and(|h| repeats_heading(&parts, &h))
}

/// The words of a slug: lowercase ASCII letters and digits joined by single hyphens.
fn slug_parts(id: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = id.split('-').collect();
    let word = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    parts.iter().all(word).then_some(parts)
}

/// A word that carries the section's subject: not a function word, not a noise name,
/// not a word of noise boxes, not a number.
fn is_content_word(word: &str) -> bool {
    word.len() > 1
        && !word.bytes().all(|b| b.is_ascii_digit())
        && !FUNCTION_WORDS.contains(&word)
        && !BOX_WORDS.contains(&word)
        && super::hints::hint(Some(word), None) == super::hints::Hint::None
}

/// A long hyphenated phrase with a function word in it.
fn is_phrase(id: &str, parts: &[&str]) -> bool {
    id.len() >= PHRASE_MIN_CHARS
        && parts.len() >= PHRASE_MIN_WORDS
        && parts.iter().any(|p| FUNCTION_WORDS.contains(p))
}

/// Whether the slug's words are the heading's first words, in order, and at least half
/// of them (slugs of long headings are sometimes cut short).
fn repeats_heading(parts: &[&str], heading: &str) -> bool {
    let words: Vec<String> = heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    parts.len() * 2 >= words.len()
        && parts.len() <= words.len()
        && parts.iter().zip(&words).all(|(p, w)| p == w)
}

/// The text of the element's own heading: the element itself when it is a heading, else
/// a heading that is its first element child, or that child's first element child,
/// with no text before it.
pub fn own_heading(element: ElementRef<'_>) -> Option<String> {
    if is_heading(element) {
        return Some(element.text().collect());
    }
    let first = first_child_element(element)?;
    if is_heading(first) {
        return Some(first.text().collect());
    }
    let second = first_child_element(first)?;
    is_heading(second).then(|| second.text().collect())
}

/// Whether the element is `h1` to `h6`.
fn is_heading(element: ElementRef<'_>) -> bool {
    matches!(
        element.value().name(),
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
    )
}

/// The first child element, when no visible text comes before it.
fn first_child_element(element: ElementRef<'_>) -> Option<ElementRef<'_>> {
    for child in element.children() {
        if let Some(text) = child.value().as_text() {
            if !text.trim().is_empty() {
                return None;
            }
            continue;
        }
        if let Some(found) = ElementRef::wrap(child) {
            return Some(found);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_heading() -> Option<String> {
        None
    }

    fn heading(text: &str) -> impl FnOnce() -> Option<String> + '_ {
        move || Some(text.to_owned())
    }

    #[test]
    fn slugs_in_capitals_are_slugs() {
        assert!(is_heading_slug("SQL-FOR-UPDATE-SHARE", no_heading));
        assert!(!is_heading_slug(
            "SHARE-THIS-ARTICLE-WITH-FRIENDS",
            no_heading
        ));
        // Mixed case is a component name, not a generated slug.
        assert!(!is_heading_slug("SQL-for-Update-Share", no_heading));
    }

    #[test]
    fn long_phrases_are_slugs() {
        assert!(is_heading_slug(
            "sharing-with-a-single-developer",
            no_heading
        ));
        assert!(is_heading_slug("comments-and-limitations", no_heading));
        // Too short to tell without the heading.
        assert!(!is_heading_slug("related-work", no_heading));
        // Only words of noise boxes.
        assert!(!is_heading_slug(
            "you-may-also-like-these-stories",
            no_heading
        ));
        assert!(!is_heading_slug(
            "share-this-article-with-friends",
            no_heading
        ));
    }

    #[test]
    fn ids_repeating_the_heading_are_slugs() {
        assert!(is_heading_slug("related-work", heading("Related work")));
        assert!(is_heading_slug(
            "navigating-the-api",
            heading("Navigating the API")
        ));
        assert!(!is_heading_slug("related-work", heading("Further reading")));
        assert!(!is_heading_slug("related-posts", heading("Related posts")));
        assert!(!is_heading_slug(
            "leave-a-comment",
            heading("Leave a comment")
        ));
        assert!(!is_heading_slug("comments", heading("Comments")));
    }

    #[test]
    fn component_names_are_not_slugs() {
        assert!(!is_heading_slug(
            "block-views-related-content-for-the-topic",
            no_heading
        ));
        assert!(!is_heading_slug(
            "region-sidebar-first",
            heading("Sidebar first")
        ));
        assert!(!is_heading_slug("Related_Work", heading("Related work")));
    }

    #[test]
    fn the_own_heading_is_the_element_or_its_first_child() {
        let html = scraper::Html::parse_fragment(
            r#"<section id="a"> <h2>Related work</h2><p>x</p></section><div id="b">Intro <h2>Not own</h2></div>"#,
        );
        let pick = |sel: &str| {
            let selector = scraper::Selector::parse(sel).unwrap();
            html.select(&selector).next().unwrap()
        };
        assert_eq!(own_heading(pick("#a")).as_deref(), Some("Related work"));
        assert_eq!(own_heading(pick("h2")).as_deref(), Some("Related work"));
        assert_eq!(own_heading(pick("#b")), None);
    }
}
