//! The page as blocks: one walk over the DOM turns every run of text between
//! block-level boundaries into a block, and records for each block the element it sits
//! in, so that regions of the page can be scored. The walk uses an explicit stack, so
//! nesting depth is bounded by memory, not by the call stack.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use super::hints::{element_hint, names_reviews, Hint};
use super::visible::{is_invisible_unless_revealed, WalkAttrs, BLOCKS};
use crate::block::{Block, BlockKind, Structure};
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
    /// `td`, or `th` (`head`).
    Cell {
        /// Whether it is a header cell (`th`).
        head: bool,
    },
    /// `tr`.
    Row,
    /// `thead`.
    TableHead,
    /// `table`.
    Table,
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
    /// Hash of its tag name and first `class` word without digits: the cards of a
    /// listing share it even when each names its own post or category in its class.
    pub family: u64,
    /// Whether its class/id name customer reviews ([`super::hints::names_reviews`]): on
    /// a product's page they are comments.
    pub reviews: bool,
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
    /// How many links (`a` elements) the block's text opens.
    pub links: usize,
}

/// The page as elements and blocks.
#[derive(Debug, Default)]
pub struct Page {
    /// Every tracked element, parents before children.
    pub elements: Vec<Element>,
    /// Every block, in document order.
    pub blocks: Vec<PageBlock>,
    /// Whether an element's microdata `itemtype` declares the page a discussion (a
    /// forum thread, a question and its answers).
    pub discussion: bool,
    /// Whether an element's microdata `itemtype` declares a product.
    pub product: bool,
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
        family: 0,
        reviews: false,
    });
    walk.open.push(Open {
        element: 0,
        block: true,
        link: false,
        pre: false,
        code_line: false,
        list: None,
        item: None,
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
    /// A `pre` element: its text is code, kept as written.
    pre: bool,
    /// A block-level element inside `pre`: its text is a line of its own.
    code_line: bool,
    /// A list (`ol`, `ul`, `menu`) and how it numbers its items.
    list: Option<List>,
    /// A list item (`li`) and its place in its list.
    item: Option<Item>,
}

/// How a list numbers its items.
#[derive(Debug, Clone, Copy)]
struct List {
    /// `ol`: items are numbered.
    ordered: bool,
    /// The number of the next item without a `value`.
    next: i64,
    /// +1, or -1 in a `reversed` list.
    step: i64,
}

/// A list item's place.
#[derive(Debug, Clone, Copy)]
struct Item {
    /// How many lists hold its list.
    depth: u8,
    /// Its ordinal, in an ordered list.
    number: Option<u32>,
    /// A block of the item has been made already (later ones carry no number).
    started: bool,
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
    /// Links opened in the block being filled.
    links: usize,
    /// How many `pre` elements are open.
    pre_depth: usize,
    /// The language of the open `pre` (from its class or its `code` element's).
    code_lang: Option<String>,
    reveal_hidden: bool,
}

impl Walk {
    fn enter<'a>(&mut self, node: NodeRef<'a, Node>, stack: &mut Vec<Step<'a>>) {
        match node.value() {
            Node::Text(text) if self.pre_depth > 0 => self.push_code(text),
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
        let in_code = self.pre_depth > 0;
        let block = !in_code && (BLOCKS.contains(&name) || name == "td" || name == "th");
        if block {
            self.flush();
        }
        if in_code {
            self.break_code_line(name);
        }
        if name == "a" {
            self.links += 1;
        }
        let pre = name == "pre";
        if pre || (in_code && self.code_lang.is_none()) {
            self.code_lang = self.code_lang.take().or_else(|| code_language(attrs.class));
        }
        if pre {
            self.pre_depth += 1;
        }
        let list = list_of(element);
        let item = (name == "li").then(|| self.next_item(element));
        self.page.discussion |= attrs.itemtype.is_some_and(declares_discussion);
        self.page.product |= attrs.itemtype.is_some_and(declares_product);
        let parent = self.open.last().map_or(0, |o| o.element);
        let index = if self.open.len() < MAX_TRACKED_DEPTH {
            self.page.elements.push(Element {
                parent: Some(parent),
                tag: tag_of(name, attrs.itemprop),
                hint: element_hint(element, attrs.class, attrs.id),
                shape: shape_of(name, attrs.class),
                family: shape_of(name, family_class(attrs.class)),
                reviews: names_reviews(attrs.class, attrs.id),
            });
            self.page.elements.len() - 1
        } else {
            parent
        };
        self.open.push(Open {
            element: index,
            block: block || (pre && !in_code),
            link: name == "a",
            pre,
            code_line: in_code && BLOCKS.contains(&name),
            list,
            item,
        });
    }

    fn leave(&mut self) {
        if self.open.last().is_some_and(|o| o.block) {
            self.flush();
        }
        let left = self.open.pop();
        if left.is_some_and(|o| o.code_line) {
            self.end_code_line();
        }
        if left.is_some_and(|o| o.pre) {
            self.pre_depth = self.pre_depth.saturating_sub(1);
            if self.pre_depth == 0 {
                self.code_lang = None;
            }
        }
    }

    /// The place of a list item opening now: its depth among the open lists and, in an
    /// ordered list, its number (`value`, else the list's count), which the list then
    /// counts on from.
    fn next_item(&mut self, element: ElementRef<'_>) -> Item {
        let lists = self.open.iter().filter(|o| o.list.is_some()).count();
        let depth = u8::try_from(lists.saturating_sub(1)).unwrap_or(u8::MAX);
        let list = self.open.iter_mut().rev().find_map(|o| o.list.as_mut());
        let number = match list {
            Some(list) if list.ordered => {
                let value = element.value().attr("value").and_then(parse_ordinal);
                let number = value.unwrap_or(list.next);
                list.next = number.saturating_add(list.step);
                Some(u32::try_from(number.max(0)).unwrap_or(u32::MAX))
            }
            _ => None,
        };
        Item {
            depth,
            number,
            started: false,
        }
    }

    /// Inside `pre`, a line break (`br`) ends the line being written, and a block-level
    /// element starts on a line of its own.
    fn break_code_line(&mut self, name: &str) {
        if name == "br" {
            self.text.push('\n');
        } else if BLOCKS.contains(&name) {
            self.end_code_line();
        }
    }

    /// Inside `pre`, end the line being written unless it is empty.
    fn end_code_line(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
    }

    /// Text inside `pre`, kept as written (line breaks, indentation), without the
    /// characters that render as nothing.
    fn push_code(&mut self, text: &str) {
        let in_link = self.in_link();
        for c in text.chars() {
            if crate::text::renders_as_nothing(c) || c == '\r' {
                continue;
            }
            self.text.push(c);
            if !c.is_whitespace() {
                self.chars += 1;
                if in_link {
                    self.link_chars += 1;
                }
            }
        }
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
        let code = self.pre_depth > 0;
        let text = std::mem::take(&mut self.text);
        let text = if code { code_text(&text) } else { text };
        if !text.is_empty() {
            let element = self
                .open
                .iter()
                .rev()
                .find(|o| o.block)
                .map_or(0, |o| o.element);
            let tag = self.page.elements[element].tag;
            let text = crate::text::composed(text);
            let mut block = Block::new(text, self.page.blocks.len() + 1);
            block.link_density = self.link_chars as f32 / self.chars.max(1) as f32;
            block.kind = match tag {
                _ if code => BlockKind::Code,
                Tag::Heading(_) => BlockKind::Heading,
                Tag::ListItem => BlockKind::ListItem,
                Tag::Quote => BlockKind::Quote,
                _ => BlockKind::Paragraph,
            };
            let heading_level = match tag {
                Tag::Heading(level) => Some(level),
                _ => None,
            };
            block.structure = self.structure(block.kind, heading_level);
            self.page.blocks.push(PageBlock {
                block,
                element,
                heading_level,
                links: self.links,
            });
        }
        self.text.clear();
        self.space = false;
        self.link_chars = 0;
        self.links = 0;
        self.chars = 0;
    }
}

impl Walk {
    /// The structure of a block of `kind` made now: a heading's level, a code block's
    /// language, or the place of the list item holding a paragraph (the first block of
    /// an item carries its number, later ones only the depth).
    fn structure(&mut self, kind: BlockKind, level: Option<u8>) -> Structure {
        let mut structure = Structure {
            level,
            ..Structure::default()
        };
        match kind {
            BlockKind::Code => structure.lang = self.code_lang.clone(),
            BlockKind::Paragraph | BlockKind::ListItem => {
                let elements = &self.page.elements;
                let holder = self.open.iter_mut().rev().find(|o| {
                    matches!(elements[o.element].tag, Tag::ListItem | Tag::Quote)
                        || o.item.is_some()
                });
                if let Some(item) = holder.and_then(|o| o.item.as_mut()) {
                    structure.depth = item.depth;
                    structure.number = (!item.started).then_some(item.number).flatten();
                    item.started = true;
                }
            }
            _ => {}
        }
        structure
    }
}

/// The text of a code block: as written, without the blank lines before and after it
/// (and the trailing white space of its last line).
fn code_text(raw: &str) -> String {
    let mut start = 0;
    for line in raw.split_inclusive('\n') {
        if !line.trim().is_empty() {
            break;
        }
        start += line.len();
    }
    raw[start..].trim_end().to_string()
}

/// The language a `class` value names for code: the rest of a `language-*` or `lang-*`
/// token (`language-rust` gives `rust`).
fn code_language(class: Option<&str>) -> Option<String> {
    class?.split_whitespace().find_map(|token| {
        let lower = token.to_ascii_lowercase();
        let rest = lower
            .strip_prefix("language-")
            .or_else(|| lower.strip_prefix("lang-"))?;
        let valid = !rest.is_empty()
            && rest.len() <= 40
            && rest
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "+#-_.".contains(c));
        valid.then(|| rest.to_string())
    })
}

/// The numbering of a list element (`ol`, `ul`, `menu`), `None` for other elements.
/// An `ol` counts from its `start` (1 by default) up, or down when `reversed` (from
/// its number of items by default).
fn list_of(element: ElementRef<'_>) -> Option<List> {
    let value = element.value();
    let name = value.name();
    if !matches!(name, "ol" | "ul" | "menu") {
        return None;
    }
    let ordered = name == "ol";
    let reversed = ordered && value.attr("reversed").is_some();
    let items = || {
        let count = element
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "li")
            .count();
        i64::try_from(count).unwrap_or(i64::MAX)
    };
    let start = value.attr("start").and_then(parse_ordinal);
    Some(List {
        ordered,
        next: start.unwrap_or_else(|| if reversed { items() } else { 1 }),
        step: if reversed { -1 } else { 1 },
    })
}

/// An ordinal attribute (`start`, `value`): a whole number, spaces around allowed.
fn parse_ordinal(value: &str) -> Option<i64> {
    value
        .trim()
        .parse::<i64>()
        .ok()
        .map(|n| n.clamp(-1_000_000_000, 1_000_000_000))
}

/// Schedule the children of `node` in document order.
fn push_children<'a>(node: NodeRef<'a, Node>, stack: &mut Vec<Step<'a>>) {
    let first = stack.len();
    stack.extend(node.children().map(Step::Enter));
    stack[first..].reverse();
}

/// FNV-1a hash of an element's name and class value.
/// The first word of a `class` value that holds no digit (`post` of `post-118 post
/// category-news`), naming an element's family rather than the element.
fn family_class(class: Option<&str>) -> Option<&str> {
    class?
        .split_whitespace()
        .find(|w| !w.bytes().any(|b| b.is_ascii_digit()))
}

fn shape_of(name: &str, class: Option<&str>) -> u64 {
    let bytes = name
        .bytes()
        .chain([b' '])
        .chain(class.unwrap_or("").bytes());
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Whether a microdata `itemtype` (one or more type URLs) names a discussion type
/// (`https://schema.org/DiscussionForumPosting`, `.../QAPage`).
fn declares_discussion(itemtype: &str) -> bool {
    declares_one_of(itemtype, crate::meta::page::DISCUSSION_TYPES)
}

/// Whether a microdata `itemtype` names a product type (`https://schema.org/Product`).
fn declares_product(itemtype: &str) -> bool {
    declares_one_of(itemtype, crate::meta::page::PRODUCT_TYPES)
}

/// Whether a microdata `itemtype` (one or more type URLs) names one of `types`
/// (lower-case schema.org names).
fn declares_one_of(itemtype: &str, types: &[&str]) -> bool {
    itemtype.split_whitespace().any(|url| {
        let name = url
            .trim_end_matches('/')
            .rsplit(['/', ':', '#'])
            .next()
            .unwrap_or(url);
        types.iter().any(|t| name.eq_ignore_ascii_case(t))
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
        "td" => Tag::Cell { head: false },
        "th" => Tag::Cell { head: true },
        "tr" => Tag::Row,
        "thead" => Tag::TableHead,
        "table" => Tag::Table,
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

    fn page_of(html: &str) -> Vec<Block> {
        page_blocks(&Html::parse_document(html))
            .blocks
            .into_iter()
            .map(|b| b.block)
            .collect()
    }

    #[test]
    fn pre_keeps_lines_and_indentation_and_names_its_language() {
        let html = "<p>Before</p><pre class=x><code class=\"hljs language-Rust\">\n\nfn main() {\n    let a = 1;  <span>// one</span>\n}\n\n</code></pre><p>After   text</p>";
        let got = page_of(html);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].kind, BlockKind::Code);
        assert_eq!(got[1].text, "fn main() {\n    let a = 1;  // one\n}");
        assert_eq!(got[1].structure.lang.as_deref(), Some("rust"));
        assert_eq!(got[2].text, "After text");
        let composed = page_of("<pre>cafe\u{0301}\n\u{00AD}  x</pre>");
        assert_eq!(composed[0].text, "caf\u{00E9}\n  x");
    }

    #[test]
    fn lines_inside_pre_stay_one_block() {
        let html = "<pre class=lang-sh><div>$ make</div><div>done</div>one<br>two</pre>";
        let got = page_of(html);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].text, "$ make\ndone\none\ntwo");
        assert_eq!(got[0].structure.lang.as_deref(), Some("sh"));
        assert_eq!(code_language(Some("highlight language-")), None);
        assert_eq!(code_language(Some("a lang-c++")), Some("c++".into()));
    }

    #[test]
    fn headings_carry_their_level() {
        let got = page_of("<h2>Two</h2><h3>Three</h3><p>Text</p>");
        let levels: Vec<_> = got.iter().map(|b| b.structure.level).collect();
        assert_eq!(levels, [Some(2), Some(3), None]);
    }

    #[test]
    fn list_items_carry_depth_and_number() {
        let html = "<ol start=3><li>three<ol><li>one</li><li value=7>seven</li><li>eight</li></ol></li>\
                    <li><p>four</p><p>more of four</p></li></ol><ul><li>dot<ol reversed><li>two</li><li>one</li></ol></li></ul>";
        let got: Vec<_> = page_of(html)
            .into_iter()
            .map(|b| (b.text, b.structure.depth, b.structure.number))
            .collect();
        let want = [
            ("three", 0, Some(3)),
            ("one", 1, Some(1)),
            ("seven", 1, Some(7)),
            ("eight", 1, Some(8)),
            ("four", 0, Some(4)),
            ("more of four", 0, None),
            ("dot", 0, None),
            ("two", 1, Some(2)),
            ("one", 1, Some(1)),
        ];
        let want: Vec<_> = want
            .iter()
            .map(|&(t, d, n)| (t.to_string(), d, n))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn bad_ordinals_are_ignored() {
        let got = page_of("<ol start=x><li value=-4>a</li><li>b</li></ol>");
        assert_eq!(got[0].structure.number, Some(0));
        assert_eq!(got[1].structure.number, Some(0));
        let got = page_of("<ol start=\" 99999999999 \"><li>a</li></ol>");
        assert_eq!(got[0].structure.number, Some(1_000_000_000));
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
