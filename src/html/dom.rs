//! The page as blocks: one walk over the DOM turns every run of text between
//! block-level boundaries into a block, and records for each block the element it sits
//! in, so that regions of the page can be scored. The walk uses an explicit stack, so
//! nesting depth is bounded by memory, not by the call stack.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::hints::{hint, Hint};
use super::visible::{is_invisible_unless_revealed, WalkAttrs, BLOCKS};
use crate::block::{Block, BlockKind};
use crate::error::CleanError;

/// Form controls and other elements whose text is never article content.
const CONTROLS: &[&str] = &["button", "input", "select", "option", "textarea", "label"];

/// Ruby annotations (pronunciation printed above the base text, and the fallback
/// brackets around it): the base text is the content, the reading would double it.
const RUBY_ANNOTATIONS: &[&str] = &["rt", "rp"];

/// Deepest element nesting that is tracked as structure; deeper elements still give
/// their text, attributed to the element at this depth (content is flattened, not lost).
const MAX_TRACKED_DEPTH: usize = 512;

/// Semantic role of an element, from its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    /// `article`, or any element with `itemprop="articleBody"`.
    Article,
    /// `main`.
    Main,
    /// `nav`.
    Nav,
    /// `aside`.
    Aside,
    /// `footer`.
    Footer,
    /// `header`.
    Header,
    /// `form`.
    Form,
    /// `figure` and `figcaption`.
    Figure,
    /// `h1` to `h6`, with the level.
    Heading(u8),
    /// `li`, `dd`, `dt`.
    ListItem,
    /// `blockquote`.
    Quote,
    /// `td`, `th`.
    Cell,
    /// `a`.
    Link,
    /// Anything else.
    Other,
}

/// One element of the page, as far as scoring needs it.
#[derive(Debug, Clone)]
pub struct Element {
    /// The enclosing element, if any.
    pub parent: Option<usize>,
    /// Its semantic role.
    pub tag: Tag,
    /// What its class/id say.
    pub hint: Hint,
    /// Hash of its tag name and `class` value: siblings with equal shapes (posts of a
    /// thread, entries of a list) share it.
    pub shape: u64,
}

/// A block of the page with the element it belongs to.
#[derive(Debug, Clone)]
pub struct PageBlock {
    /// The block (text, kind, position, link density).
    pub block: Block,
    /// The innermost block-level element holding the text.
    pub element: usize,
    /// Heading level (1 to 6) when the block is a heading.
    pub heading_level: Option<u8>,
}

/// The page as elements and blocks.
#[derive(Debug, Default)]
pub struct Page {
    /// Every tracked element, parents before children.
    pub elements: Vec<Element>,
    /// Every block, in document order.
    pub blocks: Vec<PageBlock>,
}

impl Page {
    /// The element and all its ancestors, innermost first.
    pub fn ancestors(&self, element: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(Some(element), |&e| self.elements[e].parent)
    }
}

/// Build the blocks of a parsed page, however many (for tests).
#[cfg(test)]
pub fn page_blocks(document: &Html) -> Page {
    page_blocks_reading(document, usize::MAX, false).unwrap_or_default()
}

/// Build the blocks of a parsed page, giving up with [`CleanError::TooManyBlocks`] as
/// soon as there are more than `max_blocks`. The content of elements with the `hidden`
/// attribute is read as shown when `reveal_hidden` (see [`super::clean`]).
pub fn page_blocks_reading(
    document: &Html,
    max_blocks: usize,
    reveal_hidden: bool,
) -> Result<Page, CleanError> {
    let mut walk = Walk {
        reveal_hidden,
        ..Walk::default()
    };
    walk.page.elements.push(Element {
        parent: None,
        tag: Tag::Other,
        hint: Hint::None,
        shape: 0,
    });
    walk.open.push(Open {
        element: 0,
        block: true,
        link: false,
    });
    let mut stack = vec![Step::Enter(document.tree.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => walk.enter(node, &mut stack),
            Step::Leave => walk.leave(),
        }
        if walk.page.blocks.len() > max_blocks {
            return Err(CleanError::TooManyBlocks { limit: max_blocks });
        }
    }
    walk.flush();
    if walk.page.blocks.len() > max_blocks {
        return Err(CleanError::TooManyBlocks { limit: max_blocks });
    }
    Ok(walk.page)
}

/// One unit of work of the walk.
enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Leave,
}

/// An element that the walk is inside of.
#[derive(Debug, Clone, Copy)]
struct Open {
    element: usize,
    block: bool,
    link: bool,
}

/// The walk's state: open elements and the block being filled.
#[derive(Default)]
struct Walk {
    page: Page,
    open: Vec<Open>,
    text: String,
    space: bool,
    link_chars: usize,
    chars: usize,
    reveal_hidden: bool,
}

impl Walk {
    fn enter<'a>(&mut self, node: NodeRef<'a, Node>, stack: &mut Vec<Step<'a>>) {
        match node.value() {
            Node::Text(text) => self.push_text(text),
            Node::Document | Node::Fragment => push_children(node, stack),
            Node::Element(_) => {
                let Some(element) = ElementRef::wrap(node) else {
                    return;
                };
                let name = element.value().name();
                let attrs = WalkAttrs::of(element.value());
                if is_invisible_unless_revealed(name, &attrs, self.reveal_hidden)
                    || CONTROLS.contains(&name)
                    || RUBY_ANNOTATIONS.contains(&name)
                {
                    return;
                }
                self.open_element(element, &attrs);
                stack.push(Step::Leave);
                push_children(node, stack);
            }
            _ => {}
        }
    }

    fn open_element(&mut self, element: ElementRef<'_>, attrs: &WalkAttrs<'_>) {
        let value = element.value();
        let name = value.name();
        let block = BLOCKS.contains(&name) || name == "td" || name == "th";
        if block {
            self.flush();
        }
        let parent = self.open.last().map_or(0, |o| o.element);
        let index = if self.open.len() < MAX_TRACKED_DEPTH {
            self.page.elements.push(Element {
                parent: Some(parent),
                tag: tag_of(name, attrs.itemprop),
                hint: hint(attrs.class, attrs.id),
                shape: shape_of(name, attrs.class),
            });
            self.page.elements.len() - 1
        } else {
            parent
        };
        self.open.push(Open {
            element: index,
            block,
            link: name == "a",
        });
    }

    fn leave(&mut self) {
        if self.open.last().is_some_and(|o| o.block) {
            self.flush();
        }
        self.open.pop();
    }

    fn in_link(&self) -> bool {
        self.open.iter().rev().any(|o| o.link)
    }

    fn push_text(&mut self, text: &str) {
        let in_link = self.in_link();
        for c in text.chars() {
            if crate::text::renders_as_nothing(c) {
                continue;
            }
            if c.is_whitespace() {
                self.space = true;
                continue;
            }
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push(c);
            self.chars += 1;
            if in_link {
                self.link_chars += 1;
            }
        }
    }

    /// End the current block, if it holds any text.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            let element = self
                .open
                .iter()
                .rev()
                .find(|o| o.block)
                .map_or(0, |o| o.element);
            let tag = self.page.elements[element].tag;
            let text = crate::text::composed(std::mem::take(&mut self.text));
            let mut block = Block::new(text, self.page.blocks.len() + 1);
            block.link_density = self.link_chars as f32 / self.chars.max(1) as f32;
            block.kind = match tag {
                Tag::Heading(_) => BlockKind::Heading,
                Tag::ListItem => BlockKind::ListItem,
                Tag::Quote => BlockKind::Quote,
                _ => BlockKind::Paragraph,
            };
            let heading_level = match tag {
                Tag::Heading(level) => Some(level),
                _ => None,
            };
            self.page.blocks.push(PageBlock {
                block,
                element,
                heading_level,
            });
        }
        self.text.clear();
        self.space = false;
        self.link_chars = 0;
        self.chars = 0;
    }
}

/// Schedule the children of `node` in document order.
fn push_children<'a>(node: NodeRef<'a, Node>, stack: &mut Vec<Step<'a>>) {
    let first = stack.len();
    stack.extend(node.children().map(Step::Enter));
    stack[first..].reverse();
}

/// FNV-1a hash of an element's name and class value.
fn shape_of(name: &str, class: Option<&str>) -> u64 {
    let bytes = name
        .bytes()
        .chain([b' '])
        .chain(class.unwrap_or("").bytes());
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The semantic role of an element from its name and `itemprop`.
fn tag_of(name: &str, itemprop: Option<&str>) -> Tag {
    if itemprop.is_some_and(|p| {
        p.split_whitespace()
            .any(|p| p.eq_ignore_ascii_case("articleBody"))
    }) {
        return Tag::Article;
    }
    match name {
        "article" => Tag::Article,
        "main" => Tag::Main,
        "nav" => Tag::Nav,
        "aside" => Tag::Aside,
        "footer" => Tag::Footer,
        "header" => Tag::Header,
        "form" => Tag::Form,
        "figure" | "figcaption" => Tag::Figure,
        "h1" => Tag::Heading(1),
        "h2" => Tag::Heading(2),
        "h3" => Tag::Heading(3),
        "h4" => Tag::Heading(4),
        "h5" => Tag::Heading(5),
        "h6" => Tag::Heading(6),
        "li" | "dd" | "dt" => Tag::ListItem,
        "blockquote" => Tag::Quote,
        "td" | "th" => Tag::Cell,
        "a" => Tag::Link,
        _ => Tag::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(html: &str) -> Vec<(String, BlockKind, f32)> {
        let page = page_blocks(&Html::parse_document(html));
        page.blocks
            .into_iter()
            .map(|b| (b.block.text, b.block.kind, b.block.link_density))
            .collect()
    }

    #[test]
    fn blocks_with_kinds_and_link_density() {
        let got = blocks(
            "<body><h2>Title</h2><p>Some <a href=x>linked</a> text</p><ul><li><a href=y>Home</a></li></ul><script>x()</script><button>Share</button></body>",
        );
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].1, BlockKind::Heading);
        assert_eq!(got[1].0, "Some linked text");
        assert!((got[1].2 - 6.0 / 14.0).abs() < 0.01);
        assert_eq!(got[2].1, BlockKind::ListItem);
        assert_eq!(got[2].2, 1.0);
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_text() {
        let depth = 200_000;
        let html = format!(
            "{}deep text{}",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let page = page_blocks(&Html::parse_document(&html));
        assert_eq!(page.blocks.len(), 1);
        assert_eq!(page.blocks[0].block.text, "deep text");
        assert!(page.elements.len() <= MAX_TRACKED_DEPTH + 1);
    }

    #[test]
    fn soft_hyphens_and_ruby_readings_are_not_text() {
        let html = "<p>Mit\u{00AD}tel\u{00AD}al\u{00AD}ter zero\u{200B}width \
                    <ruby>\u{6F22}<rp>(</rp><rt>kan</rt><rp>)</rp></ruby>x</p>";
        let got = blocks(html);
        assert_eq!(got[0].0, "Mittelalter zerowidth \u{6F22}x");
    }
}
