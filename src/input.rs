//! [`Input`]: one document in memory, with what the caller knows about it (a file name,
//! the address it was fetched from, the HTTP content type).

use std::borrow::Cow;

use encoding_rs::Encoding;

use crate::record::InputKind;

/// One document to clean, held in memory: its bytes (borrowed or owned) and what the
/// caller knows about it.
///
/// ```
/// use deboil::{clean, Input, Options};
///
/// let page = b"<html><head><link rel=canonical href=/news/1></head><body><article>\
///     <p>The first paragraph of the story, long enough to read as prose in a test.</p>\
///     </article></body></html>";
/// let input = Input::new(&page[..])
///     .with_url("https://news.example/news/1?utm=x")
///     .with_content_type("text/html; charset=utf-8");
/// let article = clean(&input, &Options::default()).unwrap();
/// assert_eq!(article.url.as_deref(), Some("https://news.example/news/1?utm=x"));
/// assert_eq!(article.canonical.as_deref(), Some("https://news.example/news/1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input<'a> {
    bytes: Cow<'a, [u8]>,
    name: Option<String>,
    url: Option<String>,
    content_type: Option<String>,
}

impl<'a> Input<'a> {
    /// A document of these bytes (a `&[u8]` is borrowed, a `Vec<u8>` owned), with
    /// nothing else known about it.
    pub fn new(bytes: impl Into<Cow<'a, [u8]>>) -> Self {
        Input {
            bytes: bytes.into(),
            name: None,
            url: None,
            content_type: None,
        }
    }

    /// A file name: its extension breaks a tie when the content does not clearly say
    /// whether it is HTML or text (`page.html`, `story.txt`).
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// The address the document was fetched from: it becomes the record's `url`, and
    /// relative canonical links of the page are resolved against it.
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// The HTTP `Content-Type` it was served with (`text/html; charset=windows-1252`):
    /// its charset decodes the bytes unless they start with a byte order mark, and its
    /// media type picks the front end when the options leave the choice to the content.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The document's bytes.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The file name hint, if one was given.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The address the document was fetched from, if one was given.
    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// The HTTP content type, if one was given.
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The same input owning its bytes (for sending it to another thread or keeping it).
    pub fn into_owned(self) -> Input<'static> {
        Input {
            bytes: Cow::Owned(self.bytes.into_owned()),
            name: self.name,
            url: self.url,
            content_type: self.content_type,
        }
    }

    /// The encoding named by the content type's `charset` parameter, when it names
    /// one that can decode a document (the `replacement` encoding cannot).
    pub(crate) fn charset(&self) -> Option<&'static Encoding> {
        let label = parameter(self.content_type.as_deref()?, "charset")?;
        Encoding::for_label(label.as_bytes()).filter(|e| *e != encoding_rs::REPLACEMENT)
    }

    /// The front end the content type's media type names: `text/html` and
    /// `application/xhtml+xml` are HTML, `text/plain` is text; others name none.
    pub(crate) fn media_kind(&self) -> Option<InputKind> {
        let content_type = self.content_type.as_deref()?;
        let media = content_type.split(';').next()?.trim().to_ascii_lowercase();
        match media.as_str() {
            "text/html" | "application/xhtml+xml" => Some(InputKind::Html),
            "text/plain" => Some(InputKind::Text),
            _ => None,
        }
    }
}

/// The value of parameter `name` in a `type/subtype; name=value` header, unquoted.
fn parameter<'h>(header: &'h str, name: &str) -> Option<&'h str> {
    header.split(';').skip(1).find_map(|part| {
        let (key, value) = part.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\''))
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(content_type: &str) -> Input<'static> {
        Input::new(Vec::new()).with_content_type(content_type)
    }

    #[test]
    fn charset_parameter_is_read_whatever_its_spelling() {
        let cases = [
            (
                "text/html; charset=windows-1252",
                Some(encoding_rs::WINDOWS_1252),
            ),
            (
                "text/html;CHARSET=\"ISO-8859-1\"",
                Some(encoding_rs::WINDOWS_1252),
            ),
            (
                "text/plain; format=flowed; charset='koi8-r'",
                Some(encoding_rs::KOI8_R),
            ),
            ("text/html", None),
            ("text/html; charset=", None),
            ("text/html; charset=no-such-thing", None),
            ("text/html; charset=iso-2022-kr", None),
        ];
        for (header, expected) in cases {
            assert_eq!(typed(header).charset(), expected, "{header}");
        }
    }

    #[test]
    fn media_type_names_the_front_end() {
        assert_eq!(
            typed("TEXT/HTML; charset=utf-8").media_kind(),
            Some(InputKind::Html)
        );
        assert_eq!(
            typed("application/xhtml+xml").media_kind(),
            Some(InputKind::Html)
        );
        assert_eq!(typed("text/plain").media_kind(), Some(InputKind::Text));
        assert_eq!(typed("application/octet-stream").media_kind(), None);
        assert_eq!(Input::new(&b""[..]).media_kind(), None);
    }

    #[test]
    fn borrowed_input_becomes_owned_with_its_details() {
        let bytes = b"text".to_vec();
        let input = Input::new(bytes.as_slice())
            .with_name("a.txt")
            .with_url("https://example.org/a");
        let owned = input.clone().into_owned();
        drop(bytes);
        assert_eq!(owned.bytes(), b"text");
        assert_eq!(owned.name(), Some("a.txt"));
        assert_eq!(owned.url(), Some("https://example.org/a"));
        assert_eq!(owned.content_type(), None);
    }
}
