//! `<meta>` tags (OpenGraph, Twitter cards, Dublin Core, Parse.ly, Sailthru, citation
//! and plain `name=` tags), read once into a lookup by lower-cased key.

use super::scan::Candidates;
use super::text::clean;

/// The page's `<meta>` tags as (key, value) pairs in document order; the key is the
/// lower-cased `property`, `name`, `itemprop` or `http-equiv`.
#[derive(Debug, Clone, Default)]
pub struct MetaTags {
    pairs: Vec<(String, String)>,
}

impl MetaTags {
    /// Read every `<meta>` tag with a key and a non-empty `content`.
    pub fn read(found: &Candidates<'_>) -> MetaTags {
        let pairs = found
            .metas
            .iter()
            .filter_map(|element| {
                let tag = element.value();
                let key = ["property", "name", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|attr| tag.attr(attr))?;
                let value = clean(tag.attr("content")?)?;
                Some((key.trim().to_ascii_lowercase(), value))
            })
            .collect();
        MetaTags { pairs }
    }

    /// The first value under any of `keys`, trying the keys in order.
    pub fn first(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|key| {
            self.pairs
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
        })
    }

    /// Every value under `key`, in document order.
    pub fn all(&self, key: &str) -> Vec<String> {
        self.pairs
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    #[test]
    fn reads_property_name_and_http_equiv_keys() {
        let html = Html::parse_document(
            r#"<head><meta property="og:title" content=" A  title "><meta name="Author" content="Jane">
            <meta name="author" content="John"><meta http-equiv="Content-Language" content="de">
            <meta name="empty" content=" "><meta content="no key"></head>"#,
        );
        let tags = MetaTags::read(&Candidates::collect(&html));
        assert_eq!(tags.first(&["og:title"]).as_deref(), Some("A title"));
        assert_eq!(tags.all("author"), ["Jane", "John"]);
        assert_eq!(
            tags.first(&["missing", "content-language"]).as_deref(),
            Some("de")
        );
        assert_eq!(tags.first(&["empty"]), None);
    }
}
