//! What an element's `class` and `id` say about its content: the vocabulary sites use
//! for article bodies on one side and for comments, share bars, related links, ads and
//! the like on the other. The vocabulary is data; matching is on whole tokens.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;
use std::thread::LocalKey;

use rustc_hash::FxHashMap;
use scraper::ElementRef;

use super::slug::{is_heading_slug, own_heading};

use crate::reason::Reason;

/// Tokens naming the article body.
#[rustfmt::skip]
const POSITIVE: &[&str] = &[
    "article", "articlebody", "story", "storybody", "post", "postbody", "entry", "content",
    "main", "body", "text", "blog", "prose", "richtext", "chapter", "page", "single",
];

/// Tokens naming noise, with the reason their content is removed for.
#[rustfmt::skip]
const NEGATIVE: &[(Reason, &[&str])] = &[
    (Reason::Comments, &["comment", "comments", "disqus", "respond", "replies", "discussion", "commentlist"]),
    (Reason::Share, &["share", "sharing", "social", "sociable", "addthis", "sharethis", "sharebar", "shares"]),
    (Reason::Related, &["related", "recommended", "recommendations", "recirculation", "recirc", "outbrain", "taboola", "trending", "mostread", "mostpopular", "popular", "readmore", "morestories", "teaser", "teasers", "upnext", "moreon"]),
    (Reason::Newsletter, &["newsletter", "newsletters", "subscribe", "signup", "optin", "mailinglist"]),
    (Reason::Cookie, &["cookie", "cookies", "consent", "gdpr"]),
    (Reason::Paywall, &["paywall", "regwall", "piano", "meter", "premium-wall", "subscriptionwall"]),
    (Reason::Advertising, &["ad", "ads", "advert", "adverts", "advertisement", "advertising", "sponsor", "sponsored", "dfp", "adslot", "adunit", "promo", "promotion", "banner"]),
    (Reason::Caption, &["caption", "figcaption", "credit", "credits", "photocredit", "imagecredit"]),
    (Reason::Byline, &["byline", "author", "authors", "bio", "authorbox", "contributor", "signature", "postprofile", "userinfo", "userdetails", "memberinfo", "posterinfo", "userstats"]),
    (Reason::Breadcrumb, &["breadcrumb", "breadcrumbs", "crumbs", "crumb"]),
    (Reason::Navigation, &["nav", "navbar", "navigation", "menu", "sidebar", "footer", "masthead", "toolbar", "pagination", "pager", "skiplink", "widget", "widgets", "tags", "taglist", "tagcloud", "topics", "keywords", "sitemap"]),
];

/// Noise tokens that page builders also use for every building block
/// (`elementor-widget-container`, `elementor-widget-theme-post-content`): inside a
/// compound token they name noise only as its first part (`widget-area`, `widget_text`).
const LEADING_ONLY: &[&str] = &["widget", "widgets"];

/// Parts that make a compound token describe the page's layout (`c-fixed-sidebar-layout`,
/// `two-column-sidebar-grid`): in such a token, parts naming a place on the page
/// (sidebar, footer, nav) say nothing about what the element holds; parts naming a
/// kind of content (`related-grid`, `share-grid`) still do.
const LAYOUT_PARTS: &[&str] = &["layout", "grid", "cols", "columns"];

/// Beginnings of tokens naming noise of one kind whatever follows (`cookiebanner`,
/// `consentlayer`, `cookienotice`).
#[rustfmt::skip]
const PREFIXES: &[(Reason, &[&str])] = &[
    (Reason::Cookie, &["cookie", "consent"]),
];

/// What the class/id of an element says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hint {
    /// Nothing known.
    #[default]
    None,
    /// Names an article body.
    Positive,
    /// Names noise of this kind.
    Negative(Reason),
}

/// Read the hint of an element from its `class` and `id` attribute values.
///
/// Each value is split into tokens on white space; each token is also read with its
/// separators (`-`, `_`) removed (`most-read` → `mostread`) and split into its parts
/// (`article-body` → `article`, `body`). A negative part wins over a positive one,
/// except that a token that reads as a whole positive name (`article-body`) is positive.
pub fn hint(class: Option<&str>, id: Option<&str>) -> Hint {
    let mut found = Hint::None;
    // Class values repeat across elements and are remembered whole; an id is unique to
    // its element, so remembering it whole would only push class values out.
    let class_hint = class.map(remembered_value_hint);
    for verdict in class_hint.into_iter().chain(id.map(value_hint)) {
        match verdict {
            Hint::Negative(reason) => return Hint::Negative(reason),
            Hint::Positive => found = Hint::Positive,
            Hint::None => {}
        }
    }
    found
}

/// What one attribute value says, token by token: the first negative token's verdict,
/// else positive when a token is.
fn value_hint(value: &str) -> Hint {
    let mut found = Hint::None;
    for token in value.split_whitespace() {
        match remembered_verdict(token) {
            Hint::Negative(reason) => return Hint::Negative(reason),
            Hint::Positive => found = Hint::Positive,
            Hint::None => {}
        }
    }
    found
}

/// Read the hint of an element as [`hint`] does, except that an `id` that is a heading
/// slug ([`is_heading_slug`]) is not read: documentation generators and many CMSs make
/// each section's `id` from its heading (`related-work`, `sharing-with-a-team`), and the
/// words of a heading say nothing about noise.
///
/// A box named as related links or navigation that holds the article's own prose
/// ([`holds_prose`]) has no hint either: news sites put the rest of a story in a
/// container a "Read more" button expands (`read-more`, `readmore-content`), and what
/// it holds, long unlinked paragraphs, is the article whatever its name says. Nor has
/// a single paragraph named as a teaser (`<p class="teaser">`): that is how listings
/// mark each entry's summary, and a box of related teasers carries its own name. A box
/// named as a promotion or banner that holds such prose has no hint either: service and
/// product pages name their main sections so (`promo-section`, `hero-banner`), and an
/// advertisement is not two long unlinked paragraphs side by side. Nor has a box named
/// as navigation that holds such prose: page builders name every building block a
/// `widget`, sections get ids from their headings (`menu-planning-for-events`), and a
/// menu, sidebar or pager is links and labels, not paragraphs of text.
pub fn element_hint(element: ElementRef<'_>, class: Option<&str>, id: Option<&str>) -> Hint {
    let slug = |id: &&str| {
        matches!(hint(None, Some(id)), Hint::Negative(_))
            && is_heading_slug(id, || own_heading(element))
    };
    let found = hint(class, id.filter(|id| !slug(id)));
    match found {
        Hint::Negative(Reason::Related) if is_paragraph(element) || holds_prose(element) => {
            Hint::None
        }
        Hint::Negative(Reason::Advertising | Reason::Navigation) if holds_prose(element) => {
            Hint::None
        }
        _ => found,
    }
}

/// Whether the element is one paragraph (`p`): a paragraph named as a teaser is an
/// entry's summary, and the box of teasers around it carries the box's own name.
fn is_paragraph(element: ElementRef<'_>) -> bool {
    element.value().name() == "p"
}

/// Whether an element's `class` or `id` names customer reviews: a token, or a part of
/// one, that is `reviews` (`product-reviews`, `reviews-section`, `customerReviews` is
/// read as one word and not named). Only a product's page treats such an element as
/// comments (see `html::mark_reviews`): elsewhere reviews are a service's testimonials
/// or a review site's articles.
pub fn names_reviews(class: Option<&str>, id: Option<&str>) -> bool {
    class
        .into_iter()
        .chain(id)
        // A value without a `ws` (any case) cannot hold the word: most skip the split.
        .filter(|value| may_hold_ws(value))
        .flat_map(str::split_whitespace)
        .flat_map(|token| token.split(|c: char| !c.is_ascii_alphanumeric()))
        .any(|part| part.eq_ignore_ascii_case("reviews"))
}

/// Whether `value` has a `w` followed by an `s`, in any case (a vectorised search for
/// the `w`).
fn may_hold_ws(value: &str) -> bool {
    let bytes = value.as_bytes();
    memchr::memchr2_iter(b'w', b'W', bytes).any(|at| matches!(bytes.get(at + 1), Some(b's' | b'S')))
}

/// Words a paragraph needs to count as prose in [`holds_prose`]: more than a teaser's
/// summary line.
const PROSE_WORDS: usize = 40;

/// Prose paragraphs that make a box the article's text.
const PROSE_PARAGRAPHS: usize = 2;

/// Elements of a box that [`holds_prose`] looks at before giving up.
const PROSE_SCAN: usize = 4000;

/// Whether the element holds at least [`PROSE_PARAGRAPHS`] paragraphs (`p`) of at least
/// [`PROSE_WORDS`] words each, at most a tenth of them in links, side by side in one
/// parent: an article's continuation, not a list of teasers (each card a linked
/// headline and a summary of its own).
fn holds_prose(element: ElementRef<'_>) -> bool {
    let mut found = 0;
    let mut parent = None;
    for node in element.descendants().take(PROSE_SCAN) {
        let Some(paragraph) = ElementRef::wrap(node).filter(|e| e.value().name() == "p") else {
            continue;
        };
        let words = words_in(paragraph.text());
        if words < PROSE_WORDS {
            continue;
        }
        let linked: usize = paragraph
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "a")
            .map(|a| words_in(a.text()))
            .sum();
        if linked * 10 > words {
            continue;
        }
        let own_parent = paragraph.parent().map(|p| p.id());
        if own_parent != parent {
            parent = own_parent;
            found = 0;
        }
        found += 1;
        if found >= PROSE_PARAGRAPHS {
            return true;
        }
    }
    false
}

/// The number of white-space separated words in pieces of text.
fn words_in<'a>(pieces: impl Iterator<Item = &'a str>) -> usize {
    pieces.map(|t| t.split_whitespace().count()).sum()
}

/// Entries the per-thread memo of token verdicts holds before it starts afresh.
const MEMO_CAPACITY: usize = 8192;

thread_local! {
    /// Verdicts of recent class and id tokens: pages repeat a few hundred tokens on
    /// thousands of elements, and sites repeat them across pages.
    static VERDICTS: RefCell<FxHashMap<Box<str>, Hint>> = RefCell::new(FxHashMap::default());
}

thread_local! {
    /// Hints of recent whole `class` values: elements of a page repeat the same value,
    /// so most values are read once.
    static VALUE_HINTS: RefCell<FxHashMap<Box<str>, Hint>> = RefCell::new(FxHashMap::default());
}

/// [`value_hint`], remembered per thread.
fn remembered_value_hint(value: &str) -> Hint {
    remembered(&VALUE_HINTS, value, value_hint)
}

/// [`token_verdict`], remembered per thread.
fn remembered_verdict(token: &str) -> Hint {
    remembered(&VERDICTS, token, token_verdict)
}

/// `judge(key)`, looked up in the per-thread `memo` first and stored there after (the
/// memo starts afresh once it holds [`MEMO_CAPACITY`] entries).
fn remembered(
    memo: &'static LocalKey<RefCell<FxHashMap<Box<str>, Hint>>>,
    key: &str,
    judge: fn(&str) -> Hint,
) -> Hint {
    memo.with(|memo| {
        if let Some(known) = memo.borrow().get(key) {
            return *known;
        }
        let hint = judge(key);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_CAPACITY {
            memo.clear();
        }
        memo.insert(key.into(), hint);
        hint
    })
}

/// What one class or id token says: negative when the token, or one of its parts,
/// names noise (a [`LEADING_ONLY`] part only at the start; a navigation part not in a
/// token with a [`LAYOUT_PARTS`] part); positive when it, or a part, names an article body.
fn token_verdict(token: &str) -> Hint {
    let lower = token.to_ascii_lowercase();
    if is_state_modifier(&lower) {
        return Hint::None;
    }
    let compound = lower.contains(|c: char| !c.is_ascii_alphanumeric());
    let joined: String = if compound {
        lower.chars().filter(char::is_ascii_alphanumeric).collect()
    } else {
        lower.clone()
    };
    if let Some(reason) = negative(&joined) {
        return Hint::Negative(reason);
    }
    if POSITIVE.contains(&joined.as_str()) {
        return Hint::Positive;
    }
    if !compound {
        return Hint::None;
    }
    let layout = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .any(|part| LAYOUT_PARTS.contains(&part));
    let placement = |reason: &Reason| layout && *reason == Reason::Navigation;
    let mut found = Hint::None;
    for (i, part) in lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .enumerate()
    {
        let generic = i > 0 && LEADING_ONLY.contains(&part);
        if let Some(reason) = negative(part).filter(|r| !generic && !placement(r)) {
            return Hint::Negative(reason);
        }
        if POSITIVE.contains(&part) {
            found = Hint::Positive;
        }
    }
    found
}

/// Tokens that describe the state or layout of an element rather than its content
/// (`has-sidebar`, `no-comments`, `with-ads`, `is-sticky`).
fn is_state_modifier(token: &str) -> bool {
    [
        "has-", "has_", "no-", "no_", "with-", "with_", "is-", "is_", "show-", "hide-",
    ]
    .iter()
    .any(|prefix| token.starts_with(prefix))
}

/// The reason a single token names, if it names noise: a token of the vocabulary, or
/// one beginning with a prefix of [`PREFIXES`].
fn negative(token: &str) -> Option<Reason> {
    named(token).or_else(|| {
        PREFIXES
            .iter()
            .find(|(_, prefixes)| prefixes.iter().any(|p| token.starts_with(p)))
            .map(|(reason, _)| *reason)
    })
}

/// The reason a token of the vocabulary names.
fn named(token: &str) -> Option<Reason> {
    static INDEX: OnceLock<HashMap<&'static str, Reason>> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            NEGATIVE
                .iter()
                .rev()
                .flat_map(|(reason, tokens)| tokens.iter().map(move |t| (*t, *reason)))
                .collect()
        })
        .get(token)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hint [`element_hint`] gives the first element matching `css` in `html`.
    fn hint_of(html: &str, css: &str) -> Hint {
        let page = scraper::Html::parse_document(html);
        let selector = scraper::Selector::parse(css).unwrap();
        let element = page.select(&selector).next().unwrap();
        let value = element.value();
        element_hint(element, value.attr("class"), value.attr("id"))
    }

    #[test]
    fn a_promotion_box_of_prose_is_content_and_a_short_one_is_advertising() {
        let sentence = "Our engineers visit every site before the work begins and write down \
            what they find, so that the plan we send you covers the walls, the wiring and \
            the roof as they are and not as a drawing from years ago says they should be.";
        let prose = format!(
            r#"<section class="promo-section"><div><p>{sentence}</p><p>{sentence}</p></div></section>"#
        );
        assert_eq!(hint_of(&prose, "section"), Hint::None);
        let advert =
            r#"<section class="promo-section"><p>Half price this week only.</p></section>"#;
        assert_eq!(
            hint_of(advert, "section"),
            Hint::Negative(Reason::Advertising)
        );
    }

    #[test]
    fn a_navigation_named_box_of_prose_is_content_and_a_menu_stays_navigation() {
        let sentence = "The orchard keeps eleven kinds of apple, and each is picked by hand \
            in the week it ripens, stored in the cool barn behind the press and sold at the \
            gate until the spring, when the last of the late keepers are pressed for juice.";
        let prose = format!(
            r#"<div class="widget-span"><div><p>{sentence}</p><p>{sentence}</p></div></div>"#
        );
        assert_eq!(hint_of(&prose, "div"), Hint::None);
        let menu = r#"<div class="widget-span"><ul><li><a href="/a">Apples</a></li>
            <li><a href="/b">Pears</a></li></ul><p>Open daily.</p></div>"#;
        assert_eq!(hint_of(menu, "div"), Hint::Negative(Reason::Navigation));
    }

    #[test]
    fn a_teaser_paragraph_is_a_summary_and_a_teaser_box_is_related() {
        let html = r#"<div class="teaser"><h3><a href="/a">A headline</a></h3>
            <p class="teaser">A one-sentence summary of the story.</p></div>"#;
        assert_eq!(hint_of(html, "p"), Hint::None);
        assert_eq!(hint_of(html, "div"), Hint::Negative(Reason::Related));
        let other = r#"<p class="share-links">Share this</p>"#;
        assert_eq!(hint_of(other, "p"), Hint::Negative(Reason::Share));
    }

    #[test]
    fn reads_common_names() {
        assert_eq!(hint(Some("article-body"), None), Hint::Positive);
        assert_eq!(hint(Some("entry-content clearfix"), None), Hint::Positive);
        assert_eq!(
            hint(Some("comments-area"), None),
            Hint::Negative(Reason::Comments)
        );
        assert_eq!(
            hint(None, Some("most-read")),
            Hint::Negative(Reason::Related)
        );
        assert_eq!(
            hint(Some("social-share"), None),
            Hint::Negative(Reason::Share)
        );
        assert_eq!(
            hint(Some("wp-caption-text"), None),
            Hint::Negative(Reason::Caption)
        );
        assert_eq!(
            hint(Some("breadcrumbs"), None),
            Hint::Negative(Reason::Breadcrumb)
        );
        assert_eq!(
            hint(Some("header-ad"), None),
            Hint::Negative(Reason::Advertising)
        );
    }

    #[test]
    fn cookie_prefixes_name_consent_boxes() {
        assert_eq!(
            hint(Some("cmplz-cookiebanner banner-1"), None),
            Hint::Negative(Reason::Cookie)
        );
        assert_eq!(
            hint(None, Some("consentLayer")),
            Hint::Negative(Reason::Cookie)
        );
        assert_eq!(hint(Some("cookbook-entry"), None), Hint::Positive);
    }

    #[test]
    fn remembered_verdicts_match_fresh_ones() {
        for tokens in ["article-body", "comments-area", "has-sidebar", "Main", "x"] {
            let fresh = token_verdict(tokens);
            assert_eq!(remembered_verdict(tokens), fresh, "{tokens}");
            assert_eq!(remembered_verdict(tokens), fresh, "{tokens} (again)");
        }
    }

    #[test]
    fn substrings_do_not_count() {
        assert_eq!(hint(Some("shadow heading"), None), Hint::None);
        assert_eq!(hint(Some("download-link"), None), Hint::None);
        assert_eq!(hint(Some("site-content has-sidebar"), None), Hint::Positive);
    }

    #[test]
    fn component_prefixes_are_not_consent_boxes() {
        // `cmp-` names components in common page builders, not consent managers.
        assert_eq!(hint(Some("cmp-text"), None), Hint::Positive);
        assert_eq!(hint(Some("cmp-container"), None), Hint::None);
    }

    #[test]
    fn page_builder_widgets_are_not_sidebars() {
        assert_eq!(hint(Some("elementor-widget-container"), None), Hint::None);
        assert_eq!(
            hint(
                Some("elementor-widget elementor-widget-theme-post-content"),
                None
            ),
            Hint::Positive
        );
        assert_eq!(
            hint(Some("widget widget_recent_entries"), None),
            Hint::Negative(Reason::Navigation)
        );
        assert_eq!(
            hint(Some("widget-area"), None),
            Hint::Negative(Reason::Navigation)
        );
    }

    #[test]
    fn layout_classes_say_nothing_about_content() {
        assert_eq!(
            hint(Some("o-row c-fixed-sidebar-layout--140--left@lg"), None),
            Hint::None
        );
        assert_eq!(hint(Some("content-grid"), None), Hint::Positive);
        assert_eq!(
            hint(Some("related-grid"), None),
            Hint::Negative(Reason::Related)
        );
        assert_eq!(
            hint(Some("sidebar"), None),
            Hint::Negative(Reason::Navigation)
        );
    }
}
