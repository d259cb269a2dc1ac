//! Page metadata from HTML: JSON-LD, OpenGraph and Twitter cards, `<meta>` tags,
//! `<time datetime>`, microdata, the document's language.

/// Metadata read from a page's markup, strongest source first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The headline, without the site-name suffix.
    pub title: Option<String>,
    /// The description or deck.
    pub description: Option<String>,
    /// Author names, joined by ", ".
    pub byline: Option<String>,
    /// Publication date (ISO 8601 date or date-time).
    pub published: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The declared language (ISO 639-1).
    pub lang: Option<String>,
    /// JSON-LD `articleBody`, when the page carries one.
    pub article_body: Option<String>,
}

/// Read the metadata of a parsed page.
pub fn extract(document: &scraper::Html) -> PageMeta {
    let _ = document;
    PageMeta::default()
}
