//! Small text helpers shared by the metadata readers: whitespace normalisation,
//! entity decoding, URL recognition, and comparison keys.

use std::borrow::Cow;
use std::sync::OnceLock;

use regex::Regex;
use scraper::Html;

/// Decode HTML entities and drop the formatting tags metadata values sometimes carry
/// (`<p>`, `<b>`, `<a href>`), then collapse runs of whitespace to one space and trim.
/// Any other `<…>` is text: a description about `<script>` keeps the word. Returns
/// `None` when nothing visible is left.
pub fn clean(raw: &str) -> Option<String> {
    let decoded = if raw.contains('&') || raw.contains('<') {
        decode_markup(&literal_brackets(&without_formatting_tags(raw)))
    } else {
        raw.to_owned()
    };
    let normalised = normalise_space(&decoded);
    (!normalised.is_empty()).then_some(normalised)
}

/// Collapse runs of whitespace (including no-break spaces) to one space and trim.
pub fn normalise_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `raw` without the tags of text formatting, each replaced by a space when it breaks
/// a line or a block, else by nothing.
fn without_formatting_tags(raw: &str) -> Cow<'_, str> {
    static FORMATTING: OnceLock<Regex> = OnceLock::new();
    let formatting = FORMATTING.get_or_init(|| {
        Regex::new(
            r"(?i)<(/?)(p|br|div|li|ul|ol|h[1-6]|b|i|em|strong|a|span|small|sup|sub|u|mark|abbr|cite|q|time)(?:\s[^<>]*)?/?>",
        )
        .expect("formatting-tag pattern compiles")
    });
    formatting.replace_all(raw, |caps: &regex::Captures<'_>| {
        let name = caps[2].to_ascii_lowercase();
        let breaks = matches!(name.as_str(), "p" | "br" | "div" | "li" | "ul" | "ol")
            || name.starts_with('h');
        if breaks {
            " "
        } else {
            ""
        }
    })
}

/// `text` with every remaining `<` written as an entity, so that decoding reads it as
/// text rather than as the start of an element.
fn literal_brackets(text: &str) -> Cow<'_, str> {
    if text.contains('<') {
        Cow::Owned(text.replace('<', "&lt;"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The text of `raw` read as an HTML fragment: entities decoded.
fn decode_markup(raw: &str) -> String {
    let fragment = Html::parse_fragment(raw);
    fragment.root_element().text().collect()
}

/// Whether `text` is a URL or a bare domain path rather than words.
pub fn is_url(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("//")
        || lower.starts_with("www.")
        || (!lower.contains(' ') && lower.contains('/') && lower.contains('.'))
}

/// The registrable name of a URL's host: `https://www.example.co.uk/x` → `example`.
pub fn domain_name(url: &str) -> Option<String> {
    let rest = url.split("://").nth(1).unwrap_or(url);
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    if labels.len() < 2 {
        return None;
    }
    let generic = ["co", "com", "org", "net", "ac", "gov", "edu", "or", "ne"];
    let mut index = labels.len() - 2;
    if index > 0 && generic.contains(&labels[index]) && labels[labels.len() - 1].len() == 2 {
        index -= 1;
    }
    Some(labels[index].to_owned())
}

/// A comparison key: lower-case letters and digits only.
pub fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_entities_tags_and_space() {
        assert_eq!(
            clean("  Tom &amp; Jerry&#8217;s\u{a0} <b>show</b>\n").as_deref(),
            Some("Tom & Jerry’s show")
        );
        assert_eq!(clean(" \n "), None);
    }

    #[test]
    fn keeps_angle_brackets_that_are_not_formatting() {
        assert_eq!(
            clean("What <script> tags do, and <b>how</b> to stop them").as_deref(),
            Some("What <script> tags do, and how to stop them")
        );
        assert_eq!(
            clean("<p>First part.</p><p>Second part.</p>").as_deref(),
            Some("First part. Second part.")
        );
        assert_eq!(
            clean("1 &lt; 2 and 3 > 2").as_deref(),
            Some("1 < 2 and 3 > 2")
        );
        assert_eq!(
            clean(r#"By <a href="/a/jane">Jane Doe</a>"#).as_deref(),
            Some("By Jane Doe")
        );
    }

    #[test]
    fn recognises_urls_and_domains() {
        assert!(is_url("https://example.com/author/jane-doe"));
        assert!(is_url("example.com/author/jane"));
        assert!(!is_url("Jane Doe"));
        assert_eq!(
            domain_name("https://www.example.co.uk/a/b").as_deref(),
            Some("example")
        );
        assert_eq!(
            domain_name("https://news.example.com").as_deref(),
            Some("example")
        );
        assert_eq!(domain_name("localhost"), None);
    }
}
