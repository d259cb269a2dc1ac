//! Raw-text elements left open. The tokenizer reads everything after `<title>` or
//! `<textarea>` as text until the matching end tag; a page whose crawl was cut, or
//! whose markup forgot that tag, has the rest of the page swallowed into the element:
//! a title of many kilobytes holding the page's markup as text, and no body at all.
//!
//! [`RawGuard`] sits in the token filter in front of the tree builder. In the first
//! reading ([`RawGuard::watch`]) it counts the text of each such element and notes
//! whether it holds markup (`<` before a letter, `/` or `!`). An element *swallows
//! the page* when it holds markup and is never closed, or, for a `title` (which never
//! legitimately holds tags), when it holds markup and at least [`LONG_TITLE_CHARS`]
//! characters. A `textarea` closed in the end is left alone: pages print code to copy
//! in one. The page is then read again ([`RawGuard::close`]) with that element, found
//! by its position among the raw-text elements, read as ordinary markup and closed
//! before its first tag: its text up to there stays its text, and the rest of the page
//! is parsed as the page it is.

use std::cell::{Cell, RefCell};

use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSinkResult};
use html5ever::{local_name, LocalName};

/// Fewest characters of a closed `title` holding markup for it to be taken as
/// swallowing the page (a title is a line; this is a page's worth of markup).
pub const LONG_TITLE_CHARS: usize = 1000;

/// A raw-text element that swallowed the page, found in the first reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Swallowed {
    /// The element's name (`title` or `textarea`).
    pub name: String,
    /// Its position among the page's `title` and `textarea` elements (0-based).
    pub ordinal: usize,
    /// How many characters of text it held.
    pub chars: usize,
}

/// The element being watched in the first reading.
#[derive(Debug)]
struct Watching {
    name: LocalName,
    ordinal: usize,
    chars: usize,
    markup: bool,
    /// Whether the last character seen was `<` (markup may start in the next token).
    after_lt: bool,
}

/// What the guard does in this reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// First reading: watch every `title` and `textarea`.
    Watch,
    /// Second reading: read the element at this ordinal as markup and close it before
    /// its first tag.
    Close(usize),
}

/// Watches `title` and `textarea` elements for a swallowed page, or closes the one that
/// swallowed it (see the module documentation).
#[derive(Debug)]
pub struct RawGuard {
    mode: Mode,
    /// `title` and `textarea` elements opened so far.
    opened: Cell<usize>,
    watching: RefCell<Option<Watching>>,
    /// In [`Mode::Close`]: the element opened as markup and not closed yet.
    closing: RefCell<Option<LocalName>>,
    swallowed: RefCell<Option<Swallowed>>,
}

impl RawGuard {
    /// A guard for the first reading.
    pub fn watch() -> Self {
        Self::new(Mode::Watch)
    }

    /// A guard for a second reading that closes the element `swallowed` names.
    pub fn close(swallowed: &Swallowed) -> Self {
        Self::new(Mode::Close(swallowed.ordinal))
    }

    fn new(mode: Mode) -> Self {
        RawGuard {
            mode,
            opened: Cell::new(0),
            watching: RefCell::new(None),
            closing: RefCell::new(None),
            swallowed: RefCell::new(None),
        }
    }

    /// The element that swallowed the page, once the first reading is over.
    pub fn swallowed(&self) -> Option<Swallowed> {
        self.swallowed.borrow().clone()
    }

    /// Before `token` reaches the tree builder: in the second reading, the end tag that
    /// closes the element read as markup, when `token` is its first token other than
    /// text. In the first reading, `token` is looked at.
    pub fn before(&self, token: &Token) -> Option<Token> {
        match self.mode {
            Mode::Watch => {
                self.look(token);
                None
            }
            Mode::Close(_) => {
                if matches!(token, Token::CharacterTokens(_) | Token::ParseError(_)) {
                    return None;
                }
                let name = self.closing.borrow_mut().take()?;
                Some(Token::TagToken(Tag {
                    kind: TagKind::EndTag,
                    name,
                    self_closing: false,
                    attrs: Vec::new(),
                    had_duplicate_attributes: false,
                }))
            }
        }
    }

    /// The name of a `title` or `textarea` start tag, to hand to [`RawGuard::after`].
    pub fn opening(token: &Token) -> Option<LocalName> {
        match token {
            Token::TagToken(tag)
                if tag.kind == TagKind::StartTag
                    && matches!(tag.name, local_name!("title") | local_name!("textarea")) =>
            {
                Some(tag.name.clone())
            }
            _ => None,
        }
    }

    /// The tree builder's answer to a token, after the guard has seen it: when the
    /// token opened a `title` or `textarea` as raw text (`opened`), the first reading
    /// starts watching it, and the second reading keeps the element it closes out of
    /// the raw-text state.
    pub fn after<H>(
        &self,
        opened: Option<LocalName>,
        result: TokenSinkResult<H>,
    ) -> TokenSinkResult<H> {
        let Some(name) = opened else {
            return result;
        };
        if !matches!(result, TokenSinkResult::RawData(RawKind::Rcdata)) {
            return result;
        }
        let ordinal = self.opened.get();
        self.opened.set(ordinal + 1);
        match self.mode {
            Mode::Close(at) if at == ordinal => {
                *self.closing.borrow_mut() = Some(name);
                TokenSinkResult::Continue
            }
            Mode::Close(_) => result,
            Mode::Watch => {
                *self.watching.borrow_mut() = Some(Watching {
                    name,
                    ordinal,
                    chars: 0,
                    markup: false,
                    after_lt: false,
                });
                result
            }
        }
    }

    /// First reading: count the watched element's text, and judge it at its end tag or
    /// at the end of the page.
    fn look(&self, token: &Token) {
        let mut watching = self.watching.borrow_mut();
        let Some(watched) = watching.as_mut() else {
            return;
        };
        match token {
            Token::CharacterTokens(text) => watched.read(text),
            Token::TagToken(tag) if tag.kind == TagKind::EndTag => {
                let long_title =
                    watched.name == local_name!("title") && watched.chars >= LONG_TITLE_CHARS;
                if watched.markup && long_title {
                    self.found(watched);
                }
                *watching = None;
            }
            Token::EOFToken => {
                if watched.markup {
                    self.found(watched);
                }
                *watching = None;
            }
            _ => {}
        }
    }

    /// Record the watched element as the one that swallowed the page.
    fn found(&self, watched: &Watching) {
        *self.swallowed.borrow_mut() = Some(Swallowed {
            name: watched.name.to_string(),
            ordinal: watched.ordinal,
            chars: watched.chars,
        });
    }
}

impl Watching {
    /// Count a run of the element's text and look for markup in it.
    fn read(&mut self, text: &str) {
        for c in text.chars() {
            self.chars += 1;
            if self.after_lt && (c.is_ascii_alphabetic() || c == '/' || c == '!') {
                self.markup = true;
            }
            self.after_lt = c == '<';
        }
    }
}

/// The warning recorded for a page read again with a swallowing element closed.
pub fn closed_warning(swallowed: &Swallowed) -> String {
    format!(
        "a <{}> element held {} characters of the page's markup as text (never closed, or \
         closed far too late); the page was read again with it closed before its first tag",
        swallowed.name, swallowed.chars
    )
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse_document;
    use scraper::Selector;

    const PROSE: &str =
        "The council met on Tuesday evening to discuss the new budget for the coming year.";

    fn title_and_paragraphs(page: &str) -> (String, usize, Option<String>) {
        let parsed = parse_document(page, 512);
        let title = Selector::parse("title").expect("selector");
        let p = Selector::parse("body p").expect("selector");
        let title_text = parsed
            .document
            .select(&title)
            .next()
            .map(|t| t.text().collect::<String>())
            .unwrap_or_default();
        let paragraphs = parsed.document.select(&p).count();
        (title_text, paragraphs, parsed.closed.map(|s| s.name))
    }

    #[test]
    fn an_unclosed_title_is_closed_before_its_first_tag() {
        let page = format!(
            "<html><head><title>Budget agreed &amp; signed\n<meta charset=utf-8></head><body><p>{PROSE}</p><p>{PROSE}</p></body></html>"
        );
        let (title, paragraphs, closed) = title_and_paragraphs(&page);
        assert_eq!(title.trim(), "Budget agreed & signed");
        assert_eq!(paragraphs, 2);
        assert_eq!(closed.as_deref(), Some("title"));
    }

    #[test]
    fn a_title_closed_at_the_end_of_a_long_page_is_closed_early() {
        let body = format!("<p>{PROSE}</p>").repeat(20);
        let page = format!("<title>Budget agreed<body>{body}</title></body>");
        let (title, paragraphs, closed) = title_and_paragraphs(&page);
        assert_eq!(title, "Budget agreed");
        assert_eq!(paragraphs, 20);
        assert_eq!(closed.as_deref(), Some("title"));
    }

    #[test]
    fn ordinary_titles_and_textareas_are_left_alone() {
        let embed = format!("<p>{PROSE}</p>").repeat(30);
        let pages = [
            format!("<title>A &lt;b&gt; tag explained</title><p>{PROSE}</p>"),
            format!("<title>Short <b> title</title><p>{PROSE}</p>"),
            format!("<title>Budget</title><textarea>{embed}</textarea><p>{PROSE}</p>"),
            format!("<p>{PROSE}</p><title>Truncated at the very end"),
            "<svg><title>Icon <b>x</b>".to_owned(),
        ];
        for page in pages {
            let parsed = parse_document(&page, 512);
            assert_eq!(parsed.closed, None, "{page}");
            assert_eq!(
                parsed.document,
                scraper::Html::parse_document(&page),
                "{page}"
            );
        }
    }

    #[test]
    fn an_unclosed_textarea_gives_the_page_back() {
        let page = format!("<body><form><textarea name=c>Your comment<p>{PROSE}</p><p>{PROSE}</p>");
        let (_, paragraphs, closed) = title_and_paragraphs(&page);
        assert_eq!(paragraphs, 2);
        assert_eq!(closed.as_deref(), Some("textarea"));
    }

    #[test]
    fn only_the_swallowing_element_is_closed() {
        let code = "<div class=embed>copy me</div>";
        let page = format!(
            "<title>Budget</title><textarea>{code}</textarea><p>{PROSE}</p><textarea>Reply<p>{PROSE}</p>"
        );
        let parsed = parse_document(&page, 512);
        let textarea = Selector::parse("textarea").expect("selector");
        let first = parsed
            .document
            .select(&textarea)
            .next()
            .expect("a textarea");
        assert_eq!(first.text().collect::<String>(), code);
        let p = Selector::parse("p").expect("selector");
        assert_eq!(parsed.document.select(&p).count(), 2);
    }
}
