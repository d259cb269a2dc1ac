//! Addresses in a record: the caller's URL as a base, the page's canonical URL
//! resolved against it, and the host that names the site when the page names none.

use url::Url;

use crate::record::Article;

/// Whether a URL is an absolute `http`/`https` one.
fn is_web(url: &Url) -> bool {
    matches!(url.scheme(), "http" | "https")
}

/// `text` as an absolute `http`/`https` URL, if it is one.
pub(crate) fn absolute(text: &str) -> Option<Url> {
    Url::parse(text.trim()).ok().filter(is_web)
}

/// A URL found in a page as an absolute `http`/`https` URL: an absolute one as written,
/// a relative one (`/news/1`, `//host/a`, `a?b`) joined to `base`; `None` when it is
/// relative and there is no base, or when it names another scheme.
pub(crate) fn resolve(candidate: &str, base: Option<&Url>) -> Option<String> {
    let candidate = candidate.trim();
    if candidate.is_empty() {
        return None;
    }
    match Url::parse(candidate) {
        Ok(url) => is_web(&url).then(|| candidate.to_owned()),
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            let joined = base?.join(candidate).ok()?;
            is_web(&joined).then(|| joined.to_string())
        }
        Err(_) => None,
    }
}

/// The host of an absolute URL (`https://www.example.org:8080/a` → `www.example.org`).
pub(crate) fn host(url: &str) -> Option<String> {
    let url = Url::parse(url.trim()).ok()?;
    url.host_str()
        .filter(|h| !h.is_empty())
        .map(str::to_ascii_lowercase)
}

/// A record without a site name gets the host of its `url`, else of its `canonical`.
pub(crate) fn fill_site(article: &mut Article) {
    if article.site.is_some() {
        return;
    }
    article.site = [&article.url, &article.canonical]
        .into_iter()
        .find_map(|u| u.as_deref().and_then(host));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_links_resolve_against_the_base_only() {
        let base = absolute("https://news.example/world/story?id=7").unwrap();
        let cases = [
            ("/world/story", Some("https://news.example/world/story")),
            ("story-2", Some("https://news.example/world/story-2")),
            ("//cdn.example/a", Some("https://cdn.example/a")),
            ("https://other.example/x", Some("https://other.example/x")),
            ("javascript:void(0)", None),
            ("  ", None),
        ];
        for (link, expected) in cases {
            assert_eq!(resolve(link, Some(&base)).as_deref(), expected, "{link}");
        }
        assert_eq!(resolve("/world/story", None), None);
        assert_eq!(
            resolve("http://a.example/b", None).as_deref(),
            Some("http://a.example/b")
        );
        assert!(absolute("news.example/a").is_none());
        assert!(absolute("ftp://news.example/a").is_none());
    }

    #[test]
    fn hosts_drop_port_user_and_case() {
        assert_eq!(
            host("https://user@WWW.News.example:8080/a?b").as_deref(),
            Some("www.news.example")
        );
        assert_eq!(host("/relative"), None);
    }
}
