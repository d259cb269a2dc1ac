//! Small text helpers shared by the metadata readers: whitespace normalisation,
//! entity decoding, URL recognition, and comparison keys.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;

/// Decode HTML entities and drop the tags metadata values sometimes carry (`<p>`,
/// `<b>`, `<a href>`), then collapse runs of whitespace to one space and trim. A `<…>`
/// that is not markup stays text: a description about `<script>` tags keeps the word.
/// Returns `None` when nothing visible is left.
pub fn clean(raw: &str) -> Option<String> {
    let decoded = if raw.contains('&') || raw.contains('<') {
        decode_markup(&mark_tags(raw))
    } else {
        raw.to_owned()
    };
    let normalised = crate::text::composed(normalise_space(&decoded));
    (!normalised.is_empty()).then_some(normalised)
}

/// Collapse runs of whitespace (including no-break spaces) to one space and trim.
pub fn normalise_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Elements whose tags end a line of text: a space goes before each, so that
/// `<p>One.</p><p>Two.</p>` reads "One. Two.".
const BREAKING: &[&str] = &[
    "p",
    "br",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "table",
    "section",
    "article",
    "blockquote",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "hr",
];

/// Elements that have no end tag.
const VOID: &[&str] = &["br", "hr", "img", "wbr", "source", "meta", "link", "input"];

/// Other elements metadata values carry.
const INLINE: &[&str] = &[
    "a", "b", "i", "em", "strong", "span", "small", "sup", "sub", "u", "s", "mark", "abbr", "cite",
    "q", "time", "code", "pre", "font", "script", "style", "noscript", "iframe",
];

/// `raw` with each tag read as markup or as text: a tag is markup when it names an
/// element and is void or closed somewhere in the value (`<p>…</p>`); any other `<`
/// is written as `&lt;`, so that decoding keeps it as text. Markup tags that end a line
/// get a space before them.
fn mark_tags(raw: &str) -> Cow<'_, str> {
    static TAG: OnceLock<Regex> = OnceLock::new();
    let tag = TAG.get_or_init(|| {
        Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?/?>|<").expect("tag pattern compiles")
    });
    let lower = raw.to_ascii_lowercase();
    let mut closed_names: HashMap<String, bool> = HashMap::new();
    tag.replace_all(raw, |caps: &regex::Captures<'_>| {
        let whole = &caps[0];
        let Some(name) = caps.get(2).map(|m| m.as_str().to_ascii_lowercase()) else {
            return "&lt;".to_owned();
        };
        let known = BREAKING.contains(&name.as_str()) || INLINE.contains(&name.as_str());
        let closed = VOID.contains(&name.as_str())
            || *closed_names
                .entry(name.clone())
                .or_insert_with(|| lower.contains(&format!("</{name}")));
        if !(known && closed) {
            return format!("&lt;{}", &whole[1..]);
        }
        if BREAKING.contains(&name.as_str()) {
            format!(" {whole}")
        } else {
            whole.to_owned()
        }
    })
}

/// The text of `raw` read as an HTML fragment: entities decoded. The fragment is a
/// stranger's markup like the page, so it is parsed with the same depth limit.
fn decode_markup(raw: &str) -> String {
    let fragment = crate::html::parse::parse_fragment(raw, crate::DEFAULT_MAX_DEPTH).document;
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
    fn deeply_nested_markup_in_a_value_keeps_its_text() {
        let depth = 100_000;
        // Closed elements: markup, parsed with the depth limit.
        let value = format!(
            "{}deep &amp; text{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        assert_eq!(clean(&value).as_deref(), Some("deep & text"));
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
