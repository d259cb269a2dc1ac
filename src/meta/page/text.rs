//! Small text helpers shared by the metadata readers: whitespace normalisation,
//! entity decoding, URL recognition, and comparison keys.

use scraper::Html;

/// Decode HTML entities (and drop stray tags), then collapse runs of whitespace to one
/// space and trim. Returns `None` when nothing visible is left.
pub fn clean(raw: &str) -> Option<String> {
    let decoded = if raw.contains('&') || raw.contains('<') {
        decode_markup(raw)
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

/// The text of `raw` read as an HTML fragment: entities decoded, tags dropped.
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
