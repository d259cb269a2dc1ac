//! Metadata in the page's elements: `<html lang>`, `<title>`, `<h1>`, the canonical
//! link, `<time datetime>`, microdata, `rel=author` links and byline elements.

use std::sync::OnceLock;

use scraper::{ElementRef, Html};

use super::scan::{Candidates, SELECTOR_WHITESPACE};
use super::text::clean;
use crate::meta::date::parse_date_line;

/// Longest text (in characters) an element may have to be read as a byline.
const BYLINE_MAX_CHARS: usize = 100;

/// Longest text node (in characters) read as a date line.
pub(super) const DATE_LINE_MAX_CHARS: usize = 100;

/// Elements whose text is never a displayed publication date.
pub(super) const NO_DATE_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "aside", "select", "option",
];

/// A date shown in the page's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownDate {
    /// The date, `YYYY-MM-DD`.
    pub iso: String,
    /// Whether it comes after the first `<h1>`.
    pub after_h1: bool,
}

/// The visible text of an element, cleaned.
pub fn element_text(element: ElementRef<'_>) -> Option<String> {
    clean(&element.text().collect::<Vec<_>>().join(" "))
}

/// `<html lang>` (or `xml:lang`).
pub fn html_lang(document: &Html) -> Option<String> {
    let root = document.root_element();
    ["lang", "xml:lang"]
        .iter()
        .find_map(|attr| root.value().attr(attr))
        .and_then(clean)
}

/// The text of the document's `<title>` (not an SVG title).
pub fn title_tag(found: &Candidates<'_>) -> Option<String> {
    let in_head = found
        .titles
        .iter()
        .filter(|title| inside(**title, &["head"]));
    in_head
        .chain(&found.titles)
        .copied()
        .find(|title| !inside(*title, &["svg"]))
        .and_then(element_text)
}

/// The texts of the page's `<h1>` elements: those inside `<article>` or `<main>`
/// first, then those outside page chrome (header, navigation, sidebars, footer), then
/// the rest; document order within each group.
pub fn h1_texts(found: &Candidates<'_>) -> Vec<String> {
    let rank = |h1: ElementRef<'_>| {
        if inside(h1, &["article", "main"]) {
            0
        } else if inside(h1, &["header", "nav", "aside", "footer"]) {
            2
        } else {
            1
        }
    };
    let mut ranked: Vec<(u8, String)> = found
        .h1s
        .iter()
        .copied()
        .filter_map(|h1| Some((rank(h1), element_text(h1)?)))
        .collect();
    ranked.sort_by_key(|(rank, _)| *rank);
    ranked.into_iter().map(|(_, text)| text).collect()
}

/// `<link rel=canonical href>`.
pub fn canonical(found: &Candidates<'_>) -> Option<String> {
    found
        .canonicals
        .iter()
        .find_map(|link| clean(link.value().attr("href")?))
}

/// Whether any ancestor of `element` is one of `names`.
fn inside(element: ElementRef<'_>, names: &[&str]) -> bool {
    element
        .ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| names.contains(&a.value().name()))
}

/// Whether the element's class or id contains one of `words` (lower-cased).
fn class_or_id_has(element: ElementRef<'_>, words: &[&str]) -> bool {
    let tag = element.value();
    let marks = format!(
        "{} {}",
        tag.attr("class").unwrap_or(""),
        tag.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    words.iter().any(|w| marks.contains(w))
}

/// The date of a `<time datetime>`, preferring one marked as the publication date or
/// inside an `<article>`; its text when the attribute is missing.
pub fn time_date(found: &Candidates<'_>) -> Option<String> {
    let times = &found.times;
    let marked = |t: &&ElementRef<'_>| {
        t.value().attr("itemprop") == Some("datePublished")
            || class_or_id_has(**t, &["publish", "posted", "entry-date", "post-date"])
            || t.value().attr("pubdate").is_some()
    };
    let in_article = |t: &&ElementRef<'_>| inside(**t, &["article"]);
    let chosen = times
        .iter()
        .find(marked)
        .or_else(|| times.iter().find(in_article))
        .or_else(|| times.first())?;
    time_value(*chosen)
}

/// A date-bearing element's value: `datetime`, `content`, then its text.
fn time_value(element: ElementRef<'_>) -> Option<String> {
    let tag = element.value();
    tag.attr("datetime")
        .or_else(|| tag.attr("content"))
        .and_then(clean)
        .or_else(|| element_text(element))
}

/// A short text node of the page's visible text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShortText {
    /// The text, whitespace-normalised.
    pub text: String,
    /// Whether it comes after the first `<h1>`.
    pub after_h1: bool,
}

/// The dates shown as stand-alone date lines in the page's text (short text nodes, or
/// one of their parts between separators), in document order.
pub fn shown_dates(texts: &[ShortText]) -> Vec<ShownDate> {
    texts
        .iter()
        .filter_map(|t| {
            let iso = date_in_line(&t.text)?;
            Some(ShownDate {
                iso,
                after_h1: t.after_h1,
            })
        })
        .collect()
}

/// Byline lines in the page's text: a short text starting with "By", "Written by",
/// "Author:" and the like followed by a name, or such a label alone followed by the
/// next text. The first after the `<h1>` comes first.
pub fn byline_lines(texts: &[ShortText]) -> Vec<String> {
    let mut lines: Vec<(bool, String)> = Vec::new();
    for (index, item) in texts.iter().enumerate() {
        let Some(label) = byline_label(&item.text) else {
            continue;
        };
        let line = if label.len() == item.text.len() {
            match texts.get(index + 1) {
                Some(next) => next.text.clone(),
                None => continue,
            }
        } else {
            item.text.clone()
        };
        lines.push((!item.after_h1, line));
    }
    lines.sort_by_key(|(before_h1, _)| *before_h1);
    lines.into_iter().map(|(_, line)| line).collect()
}

/// The byline label a text starts with ("By", "Written by", "Author:", "Von", "Par",
/// "Por", "Autor:", "Автор:"), when it does.
fn byline_label(text: &str) -> Option<&str> {
    static LABEL: OnceLock<regex::Regex> = OnceLock::new();
    let pattern = LABEL.get_or_init(|| {
        regex::Regex::new(
            r"^(?:(?:(?:written|posted|reported|words|story|article|[Aa]rticle)\s+)?(?:by|By|BY)\s*:?|(?:[Aa]uthors?|AUTHORS?|Written by|Von|Par|Por)\s*:?|(?:[Aa]utor|[Aa]uteur|Автор|АВТОР)\s*:)(?:\s+|$)",
        )
        .expect("byline label pattern compiles")
    });
    pattern.find(text).map(|m| &text[..m.end()])
}

/// Texts of links to author pages (`/author/`, `/authors/`, `/writers/`, `/staff/`),
/// those inside `<article>` or `<main>` first.
pub fn author_links(found: &Candidates<'_>) -> Vec<String> {
    let mut links: Vec<(bool, String)> = found
        .links
        .iter()
        .copied()
        .filter(|a| {
            let href = a.value().attr("href").unwrap_or("").to_ascii_lowercase();
            [
                "/author/",
                "/authors/",
                "/writers/",
                "/writer/",
                "/staff/",
                "/autor/",
                "/auteur/",
            ]
            .iter()
            .any(|p| href.contains(p))
        })
        .filter(|a| !inside(*a, &["footer", "nav"]))
        .filter_map(|a| Some((!inside(a, &["article", "main"]), element_text(a)?)))
        .filter(|(_, text)| text.chars().count() <= BYLINE_MAX_CHARS)
        .collect();
    links.sort_by_key(|(outside, _)| *outside);
    links.into_iter().map(|(_, text)| text).collect()
}

/// The date of a short text that is a date line, or whose part between separators is.
fn date_in_line(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > DATE_LINE_MAX_CHARS {
        return None;
    }
    if !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    std::iter::once(text)
        .chain(text.split(['|', '•', '·', '—', '–']))
        .find_map(|part| parse_date_line(part.trim()).and_then(|line| line.iso))
}

/// What microdata inside an article `itemtype` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Microdata {
    /// `itemprop=headline` (or `name` of the article item).
    pub headline: Option<String>,
    /// `itemprop=author` values.
    pub authors: Vec<String>,
    /// `itemprop=datePublished`.
    pub published: Option<String>,
}

/// Read microdata of the first article-like `itemscope`.
pub fn microdata(found: &Candidates<'_>) -> Microdata {
    let items = &found.items;
    let article = items.iter().copied().find(|e| {
        let kind = e
            .value()
            .attr("itemtype")
            .unwrap_or("")
            .to_ascii_lowercase();
        ["article", "blogposting", "posting", "report"]
            .iter()
            .any(|t| kind.ends_with(t))
    });
    let in_scope =
        |e: &ElementRef<'_>| article.is_none_or(|a| e.ancestors().any(|n| n.id() == a.id()));
    let with_prop = |name: &'static str| {
        items
            .iter()
            .copied()
            .filter(move |e| has_token(e.value().attr("itemprop"), name))
            .filter(in_scope)
    };
    Microdata {
        headline: article
            .and(with_prop("headline").next())
            .and_then(item_value),
        authors: with_prop("author")
            .chain(with_prop("creator"))
            .filter_map(author_value)
            .collect(),
        published: with_prop("datePublished").find_map(time_value),
    }
}

/// Whether a white-space separated attribute value holds `token` (ASCII case-insensitive).
fn has_token(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split_whitespace().any(|t| t.eq_ignore_ascii_case(token)))
}

/// An item property's value: `content` attribute or text.
fn item_value(element: ElementRef<'_>) -> Option<String> {
    element
        .value()
        .attr("content")
        .and_then(clean)
        .or_else(|| element_text(element))
}

/// An `itemprop=author` element's name: its `name` property, `content`, or short text.
fn author_value(element: ElementRef<'_>) -> Option<String> {
    element
        .descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .find(|e| {
            e.value()
                .attr("itemprop")
                .is_some_and(|p| p.split(SELECTOR_WHITESPACE).any(|t| t == "name"))
        })
        .and_then(item_value)
        .or_else(|| item_value(element))
        .filter(|t| t.chars().count() <= BYLINE_MAX_CHARS)
}

/// The texts of `rel=author` links.
pub fn rel_authors(found: &Candidates<'_>) -> Vec<String> {
    found
        .rel_authors
        .iter()
        .copied()
        .filter_map(element_text)
        .filter(|t| t.chars().count() <= BYLINE_MAX_CHARS)
        .collect()
}

/// Short texts of elements whose class or id says byline or author (outside
/// comments, footers and navigation), in document order.
pub fn byline_texts(found: &Candidates<'_>) -> Vec<String> {
    found
        .bylines
        .iter()
        .copied()
        .filter(|e| {
            !matches!(
                e.value().name(),
                "meta" | "link" | "script" | "style" | "img"
            )
        })
        .filter(|e| !inside(*e, &["footer", "nav"]))
        .filter(|e| !class_or_id_has(*e, &["comment", "avatar", "bio", "description"]))
        .filter_map(element_text)
        .filter(|t| t.chars().count() <= BYLINE_MAX_CHARS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The short visible texts of a page.
    fn short_texts(html: &Html) -> Vec<ShortText> {
        Candidates::collect(html).short_texts
    }

    #[test]
    fn reads_lang_title_h1_canonical() {
        let html = Html::parse_document(
            r#"<html lang="en-GB"><head><title> Page &amp; title </title>
            <link rel="canonical" href="https://example.com/a"></head>
            <body><header><h1>Logo</h1></header><svg><title>icon</title></svg><h1>Other</h1>
            <main><h1>Head <em>line</em></h1></main></body></html>"#,
        );
        assert_eq!(html_lang(&html).as_deref(), Some("en-GB"));
        assert_eq!(
            title_tag(&Candidates::collect(&html)).as_deref(),
            Some("Page & title")
        );
        assert_eq!(
            h1_texts(&Candidates::collect(&html)),
            ["Head line", "Other", "Logo"]
        );
        assert_eq!(
            canonical(&Candidates::collect(&html)).as_deref(),
            Some("https://example.com/a")
        );
    }

    #[test]
    fn prefers_the_publication_time() {
        let html = Html::parse_document(
            r#"<body><time datetime="2020-01-01">x</time><article>
            <time datetime="2021-02-02">y</time>
            <time class="entry-published" datetime="2022-03-03">z</time></article></body>"#,
        );
        assert_eq!(
            time_date(&Candidates::collect(&html)).as_deref(),
            Some("2022-03-03")
        );
        let html = Html::parse_document(
            r#"<body><time datetime="2020-01-01">x</time><article>
            <time datetime="2021-02-02">y</time></article></body>"#,
        );
        assert_eq!(
            time_date(&Candidates::collect(&html)).as_deref(),
            Some("2021-02-02")
        );
        let html = Html::parse_document("<body><time>March 24, 2016</time></body>");
        assert_eq!(
            time_date(&Candidates::collect(&html)).as_deref(),
            Some("March 24, 2016")
        );
    }

    #[test]
    fn finds_shown_date_lines() {
        let html = Html::parse_document(
            r#"<body><nav>March 1, 2020</nav><p>Posted 2 May 2019</p><h1>Title</h1>
            <span>Jun 08, 2023 • 11 Minute Read</span>
            <div>Updated <time>January 2, 2024</time></div><script>var d = "2001-01-01";</script>
            <p>The law took effect on 24 March 2016.</p></body>"#,
        );
        let shown = shown_dates(&short_texts(&html));
        let isos: Vec<(&str, bool)> = shown.iter().map(|d| (d.iso.as_str(), d.after_h1)).collect();
        assert_eq!(
            isos,
            [
                ("2019-05-02", false),
                ("2023-06-08", true),
                ("2024-01-02", true)
            ]
        );
    }

    #[test]
    fn finds_byline_lines_and_author_links() {
        let html = Html::parse_document(
            r#"<body><p>By clicking you agree</p><h1>Title</h1><p>Written by</p><p>Jane Doe</p>
            <p>By Bob Low | May 2, 2020</p><p>Bypass the rules</p>
            <nav><a href="/author/menu-item">Menu Item</a></nav>
            <a href="/authors/john-roe">John Roe</a><article><a href="/author/ann-poe/">Ann Poe</a></article></body>"#,
        );
        let texts = short_texts(&html);
        assert_eq!(
            byline_lines(&texts),
            [
                "Jane Doe",
                "By Bob Low | May 2, 2020",
                "By clicking you agree"
            ]
        );
        assert_eq!(
            author_links(&Candidates::collect(&html)),
            ["Ann Poe", "John Roe"]
        );
    }

    #[test]
    fn reads_microdata() {
        let html = Html::parse_document(
            r#"<div itemscope itemtype="https://schema.org/NewsArticle">
            <h2 itemprop="headline">Micro headline</h2>
            <span itemprop="author" itemscope><span itemprop="name">Jane Doe</span></span>
            <meta itemprop="datePublished" content="2016-03-24"></div>"#,
        );
        let m = microdata(&Candidates::collect(&html));
        assert_eq!(m.headline.as_deref(), Some("Micro headline"));
        assert_eq!(m.authors, ["Jane Doe"]);
        assert_eq!(m.published.as_deref(), Some("2016-03-24"));
    }

    #[test]
    fn reads_author_links_and_byline_elements() {
        let html = Html::parse_document(
            r#"<body><a rel="author" href="/a/jane">Jane Doe</a>
            <div class="post-byline">By John Roe</div>
            <div class="author-bio">A very long biography</div>
            <footer><span class="author">Footer Name</span></footer></body>"#,
        );
        assert_eq!(rel_authors(&Candidates::collect(&html)), ["Jane Doe"]);
        assert_eq!(byline_texts(&Candidates::collect(&html)), ["By John Roe"]);
    }
}
