//! Parsing a page with a bound on element nesting.
//!
//! html5ever's tree builder does work proportional to the depth of its stack of open
//! elements for many tags (scope checks, formatting reconstruction), so a page of a
//! million nested elements takes time quadratic in its size. Here html5ever's tokenizer
//! feeds the tree builder through a filter ([`DepthFilter`]) that keeps an estimate of
//! the open-element depth and drops the start and end tags that would go deeper than
//! the limit. Their text is kept: it lands in the deepest element still open, so deep
//! content is flattened, never lost, and the tree builder's stack stays bounded.
//!
//! The estimate follows the tree builder's main rules cheaply — void and raw-text
//! elements, implied end tags (`p`, `li`, `dd`/`dt`, `option`, table parts, headings),
//! nested links, and formatting elements that are closed implicitly and reopened later
//! (at most three alike, as the tree builder does). Every search looks at the top
//! [`SCAN_WINDOW`] open elements only, so each token costs bounded work. As a safety
//! net under the estimate, the depth of the newest node of the tree is measured every
//! [`CHECK_EVERY`] tokens; a page whose tree still grows well beyond the limit (hostile
//! markup that makes the tree builder reopen formatting elements again and again) is
//! flattened from there on: its remaining tags are dropped, its text kept.
//!
//! The same filter watches `title` and `textarea` elements: one left open swallows the
//! rest of the page as its text, and the page is then read a second time with that
//! element closed (see [`super::raw_text`]).

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{create_element, TreeBuilder, TreeBuilderOpts};
use html5ever::{local_name, ns, LocalName, QualName, TokenizerResult};
use scraper::{Html, HtmlTreeSink};

use super::raw_text::{RawGuard, Swallowed};

/// How many of the innermost open elements a search for an element to close looks at.
const SCAN_WINDOW: usize = 64;

/// Alike formatting elements the tree builder reopens at most ("Noah's Ark" clause).
const MAX_ALIKE_FORMATTING: usize = 3;

/// Every this many tokens passed on, the depth of the tree builder's newest node is
/// measured, as a safety net under the estimate.
const CHECK_EVERY: usize = 32;

/// A parsed page and what the depth limit did to it.
pub struct Parsed {
    /// The document tree.
    pub document: Html,
    /// Start tags dropped because they would have gone deeper than the limit.
    pub flattened: usize,
    /// The raw-text element that swallowed the page in a first reading, closed in this
    /// one (see [`super::raw_text`]).
    pub closed: Option<Swallowed>,
}

/// A tree builder and the tokenizer options to feed it with.
type Builder = (TreeBuilder<ego_tree::NodeId, HtmlTreeSink>, TokenizerOpts);

/// Parse `page` as a document, flattening elements nested deeper than `max_depth`.
pub fn parse_document(page: &str, max_depth: usize) -> Parsed {
    let builder = || {
        let builder = TreeBuilder::new(
            HtmlTreeSink::new(Html::new_document()),
            TreeBuilderOpts::default(),
        );
        (builder, TokenizerOpts::default())
    };
    read(builder, page, max_depth)
}

/// Parse `fragment` as the content of a `<body>`, as [`Html::parse_fragment`] does,
/// flattening elements nested deeper than `max_depth`: for markup inside metadata
/// (a JSON-LD `articleBody`), which is as much a stranger's bytes as the page.
pub fn parse_fragment(fragment: &str, max_depth: usize) -> Parsed {
    let builder = || {
        let sink = HtmlTreeSink::new(Html::new_fragment());
        let body = QualName::new(None, ns!(html), local_name!("body"));
        let context = create_element(&sink, body, Vec::new());
        let builder =
            TreeBuilder::new_for_fragment(sink, context, None, TreeBuilderOpts::default());
        let tokenizer = TokenizerOpts {
            initial_state: Some(builder.tokenizer_state_for_context_elem(false)),
            ..TokenizerOpts::default()
        };
        (builder, tokenizer)
    };
    read(builder, fragment, max_depth)
}

/// Parse `text` with builders from `builder`: once, and when a raw-text element
/// swallowed the page, again with that element closed.
fn read(builder: impl Fn() -> Builder, text: &str, max_depth: usize) -> Parsed {
    let (first, swallowed) = run(builder(), text, max_depth, RawGuard::watch());
    let Some(swallowed) = swallowed else {
        return first;
    };
    drop(first);
    let (mut second, _) = run(builder(), text, max_depth, RawGuard::close(&swallowed));
    second.closed = Some(swallowed);
    second
}

/// Tokenize `text` into the builder through the depth filter, with `raw` guarding
/// raw-text elements; returns the parse and the element that swallowed the page, if any.
fn run(
    (builder, options): Builder,
    text: &str,
    max_depth: usize,
    raw: RawGuard,
) -> (Parsed, Option<Swallowed>) {
    let filter = DepthFilter {
        inner: builder,
        max_depth,
        model: RefCell::new(Model::default()),
        flattened: Cell::new(0),
        passed: Cell::new(0),
        sealed: Cell::new(false),
        raw,
    };
    let tokenizer = Tokenizer::new(filter, options);
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    tokenizer.end();
    let flattened = tokenizer.sink.flattened.get();
    let swallowed = tokenizer.sink.raw.swallowed();
    let parsed = Parsed {
        document: tokenizer.sink.inner.sink.0.into_inner(),
        flattened,
        closed: None,
    };
    (parsed, swallowed)
}

/// The warning recorded for a page whose deep elements were flattened.
pub fn flattened_warning(flattened: usize, max_depth: usize) -> String {
    format!(
        "flattened {flattened} element(s) nested deeper than the depth limit of {max_depth} \
         (max_depth); their text is kept"
    )
}

/// How a tag name affects the open-element depth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Never has content (`br`, `img`, ...).
    Void,
    /// Holds only text, switching the tokenizer's state (`script`, `title`, ...): always
    /// passed on, so the tokenizer stays in step, and never counted.
    Raw,
    /// `html`, `head`, `body`, `frameset`: opened once by the tree builder.
    Root,
    /// `p`.
    P,
    /// `div`, `address`: close an open `p`, and a list item search passes them.
    DivLike,
    /// The other elements that close an open `p` (`ul`, `section`, `blockquote`, ...).
    Block,
    /// `table`.
    Table,
    /// `li`, closing an open `li` (and `p`).
    ListItem,
    /// `dd` or `dt`, closing an open `dd`/`dt` (and `p`).
    Definition,
    /// `h1` to `h6`, closing an open heading right above (and `p`).
    Heading,
    /// `option` or `optgroup`.
    Option,
    /// `a`: an open link is closed by a new one.
    Link,
    /// `nobr`: an open one is closed by a new one.
    Nobr,
    /// Other formatting elements, reopened by the tree builder after an implied close.
    Formatting,
    /// `thead`, `tbody`, `tfoot`.
    Section,
    /// `tr`.
    Row,
    /// `td`, `th`.
    Cell,
    /// `caption`, `applet`, `object`, `marquee`, `template`: boundaries of formatting.
    Marker,
    /// `button`.
    Button,
    /// `svg`, `math`: foreign content, where `/>` closes an element.
    Foreign,
    /// Anything else.
    Other,
}

/// Number of [`Kind`]s.
const KINDS: usize = Kind::Other as usize + 1;

/// The kind of an element name.
fn kind_of(name: &str) -> Kind {
    match name {
        "div" | "span" | "a" | "p" | "li" | "td" | "tr" | "b" | "i" | "strong" | "em" => {
            common_kind(name)
        }
        "area" | "base" | "basefont" | "bgsound" | "br" | "col" | "embed" | "frame" | "hr"
        | "image" | "img" | "input" | "keygen" | "link" | "meta" | "param" | "source" | "track"
        | "wbr" => Kind::Void,
        "script" | "style" | "title" | "textarea" | "xmp" | "iframe" | "noembed" | "noframes"
        | "noscript" | "plaintext" => Kind::Raw,
        "html" | "head" | "body" | "frameset" => Kind::Root,
        "address" => Kind::DivLike,
        "article" | "aside" | "blockquote" | "center" | "details" | "dialog" | "dir" | "dl"
        | "fieldset" | "figcaption" | "figure" | "footer" | "header" | "hgroup" | "main"
        | "menu" | "nav" | "ol" | "search" | "section" | "summary" | "ul" | "pre" | "listing"
        | "form" => Kind::Block,
        "table" => Kind::Table,
        "dd" | "dt" => Kind::Definition,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "option" | "optgroup" => Kind::Option,
        "nobr" => Kind::Nobr,
        "big" | "code" | "font" | "s" | "small" | "strike" | "tt" | "u" => Kind::Formatting,
        "thead" | "tbody" | "tfoot" => Kind::Section,
        "th" => Kind::Cell,
        "caption" | "applet" | "object" | "marquee" | "template" => Kind::Marker,
        "button" => Kind::Button,
        "svg" | "math" => Kind::Foreign,
        _ => Kind::Other,
    }
}

/// The kind of the most frequent element names.
fn common_kind(name: &str) -> Kind {
    match name {
        "div" => Kind::DivLike,
        "p" => Kind::P,
        "a" => Kind::Link,
        "li" => Kind::ListItem,
        "td" => Kind::Cell,
        "tr" => Kind::Row,
        "b" | "i" | "strong" | "em" => Kind::Formatting,
        _ => Kind::Other,
    }
}

/// Whether an element of this kind ends the search for a `p` to close (the spec's
/// "button scope" boundaries).
fn bounds_p(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Cell | Kind::Marker | Kind::Foreign | Kind::Table | Kind::Button
    )
}

/// Whether an element of this kind ends the search for a `li`, `dd` or `dt` to close:
/// special elements other than `address`, `div` and `p`.
fn ends_item_search(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Block | Kind::ListItem | Kind::Definition | Kind::Heading | Kind::Section | Kind::Row
    ) || bounds_p(kind)
}

/// Whether the tree builder reopens elements of this kind after an implied close.
fn reopens(kind: Kind) -> bool {
    matches!(kind, Kind::Formatting | Kind::Link | Kind::Nobr)
}

/// One element the filter believes open.
#[derive(Debug, Clone)]
struct Open {
    name: LocalName,
    kind: Kind,
    /// For formatting elements: hash of name and attributes (alike ones share it).
    key: u64,
    /// Length of the reopen list when this element opened (restored when a marker closes).
    mark: usize,
}

/// A formatting element closed implicitly, which the tree builder will reopen.
#[derive(Debug, Clone)]
struct Lingering {
    name: LocalName,
    key: u64,
}

/// The filter's model of the tree builder's open elements.
#[derive(Debug, Default)]
struct Model {
    open: Vec<Open>,
    /// Open elements per kind.
    count: [usize; KINDS],
    lingering: Vec<Lingering>,
    /// Start tags dropped whose end tags have not been seen yet.
    excess: usize,
}

/// A token sink in front of html5ever's tree builder that drops tags nested deeper than
/// a limit (see the module documentation).
///
/// Tree building can nest deeper than the estimate says (formatting elements that the
/// tree builder reopens again and again), so every [`CHECK_EVERY`] tokens the depth of
/// the newest node is measured; once it is a quarter beyond the limit, the filter is
/// sealed: from then on every tag but those of raw-text elements is dropped, and the
/// rest of the page is text in the current element.
struct DepthFilter {
    inner: TreeBuilder<ego_tree::NodeId, HtmlTreeSink>,
    max_depth: usize,
    model: RefCell<Model>,
    /// Start tags dropped.
    flattened: Cell<usize>,
    /// Tokens passed on.
    passed: Cell<usize>,
    /// Whether every tag but raw-text ones is dropped.
    sealed: Cell<bool>,
    /// Watches `title` and `textarea` elements (see [`super::raw_text`]).
    raw: RawGuard,
}

impl DepthFilter {
    /// Whether the tag should reach the tree builder; updates the model.
    fn keep(&self, tag: &Tag) -> bool {
        if self.sealed.get() {
            let raw = kind_of(&tag.name) == Kind::Raw;
            if !raw && tag.kind == TagKind::StartTag {
                self.flattened.set(self.flattened.get() + 1);
            }
            return raw;
        }
        let mut model = self.model.borrow_mut();
        match tag.kind {
            TagKind::StartTag => {
                let kept = model.start(tag, self.max_depth);
                if !kept {
                    self.flattened.set(self.flattened.get() + 1);
                }
                kept
            }
            TagKind::EndTag => model.end(&tag.name),
        }
    }
}

impl DepthFilter {
    /// Measure the depth of the newest node now and then; seal the filter when it is
    /// well beyond the limit.
    fn check_depth(&self) {
        let passed = self.passed.get() + 1;
        self.passed.set(passed);
        if passed % CHECK_EVERY != 0 || self.sealed.get() {
            return;
        }
        let document = self.inner.sink.0.borrow();
        let newest = document.tree.nodes().next_back();
        let depth = newest.map_or(0, |node| node.ancestors().count());
        if depth > self.max_depth + self.max_depth / 4 {
            self.sealed.set(true);
        }
    }
}

impl TokenSink for DepthFilter {
    type Handle = ego_tree::NodeId;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Self::Handle> {
        if let Token::TagToken(tag) = &token {
            if !self.keep(tag) {
                return TokenSinkResult::Continue;
            }
        }
        if let Some(end) = self.raw.before(&token) {
            // The tree builder, in its text mode, takes nothing but text and an end tag.
            let _ = self.inner.process_token(end, line_number);
        }
        let opened = RawGuard::opening(&token);
        let result = self.inner.process_token(token, line_number);
        let result = self.raw.after(opened, result);
        self.check_depth();
        result
    }

    fn end(&self) {
        self.inner.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

impl Model {
    /// The estimated depth of the tree builder's current node.
    fn depth(&self) -> usize {
        self.open.len() + self.lingering.len()
    }

    /// How many elements of this kind are open.
    fn open_of(&self, kind: Kind) -> usize {
        self.count[kind as usize]
    }

    /// Handle a start tag; returns whether it is passed on.
    fn start(&mut self, tag: &Tag, max_depth: usize) -> bool {
        let kind = kind_of(&tag.name);
        if matches!(kind, Kind::Raw | Kind::Root | Kind::Void) {
            return true;
        }
        if self.depth() >= max_depth {
            self.excess += 1;
            return false;
        }
        self.implied_closes(kind);
        if !(tag.self_closing && self.open_of(Kind::Foreign) > 0) {
            self.push(tag, kind);
        }
        true
    }

    /// Open an element.
    fn push(&mut self, tag: &Tag, kind: Kind) {
        let key = match kind {
            Kind::Formatting => formatting_key(tag),
            _ => kind as u64,
        };
        self.count[kind as usize] += 1;
        self.open.push(Open {
            name: tag.name.clone(),
            kind,
            key,
            mark: self.lingering.len(),
        });
    }

    /// Close what a start tag of this kind closes implicitly.
    fn implied_closes(&mut self, kind: Kind) {
        match kind {
            Kind::P | Kind::DivLike | Kind::Block | Kind::Table => self.close_p(),
            Kind::Heading => {
                self.close_p();
                if self.top_kind() == Some(Kind::Heading) {
                    self.pop_to(self.open.len() - 1);
                }
            }
            Kind::ListItem | Kind::Definition => {
                if self.open_of(kind) > 0 {
                    if let Some(at) = self.find(|k| k == kind, ends_item_search) {
                        self.pop_to(at);
                    }
                }
                self.close_p();
            }
            Kind::Option => {
                while self.top_kind() == Some(Kind::Option) {
                    self.pop_to(self.open.len() - 1);
                }
            }
            Kind::Link | Kind::Nobr => self.close_alike(kind),
            Kind::Section | Kind::Row | Kind::Cell => self.close_table_parts(kind),
            _ => {}
        }
    }

    /// Close an open `p` unless a scope boundary comes first.
    fn close_p(&mut self) {
        if self.open_of(Kind::P) == 0 {
            return;
        }
        if let Some(at) = self.find(|k| k == Kind::P, bounds_p) {
            self.pop_to(at);
        }
    }

    /// A new `a` or `nobr` closes an open one, or forgets one waiting to be reopened.
    fn close_alike(&mut self, kind: Kind) {
        if self.open_of(kind) > 0 {
            if let Some(at) = self.find(|k| k == kind, bounds_p) {
                self.pop_to(at);
                return;
            }
        }
        if let Some(at) = self.lingering.iter().rposition(|l| l.key == kind as u64) {
            self.lingering.remove(at);
        }
    }

    /// Close open rows and cells (and sections, for a section) above the table part.
    fn close_table_parts(&mut self, kind: Kind) {
        if self.open_of(Kind::Table) == 0 {
            return;
        }
        let container = |k: Kind| match kind {
            Kind::Cell => matches!(k, Kind::Row | Kind::Table),
            Kind::Row => matches!(k, Kind::Section | Kind::Table),
            _ => k == Kind::Table,
        };
        let Some(at) = self.find(container, |_| false) else {
            return;
        };
        let inside = |k: Kind| match kind {
            Kind::Cell => k == Kind::Cell,
            Kind::Row => matches!(k, Kind::Cell | Kind::Row),
            _ => matches!(k, Kind::Cell | Kind::Row | Kind::Section),
        };
        if let Some(first) = self.open[at + 1..].iter().position(|o| inside(o.kind)) {
            self.pop_to(at + 1 + first);
        }
    }

    /// Handle an end tag; returns whether it is passed on.
    fn end(&mut self, name: &LocalName) -> bool {
        if kind_of(name) == Kind::Raw {
            return true;
        }
        if self.excess > 0 {
            self.excess -= 1;
            return false;
        }
        let floor = self.open.len().saturating_sub(SCAN_WINDOW);
        match self.open[floor..].iter().rposition(|o| o.name == *name) {
            Some(at) => self.pop_to(floor + at),
            None if !self.lingering.is_empty() => {
                if let Some(at) = self.lingering.iter().rposition(|l| l.name == *name) {
                    self.lingering.remove(at);
                }
            }
            None => {}
        }
        true
    }

    /// The kind of the innermost open element.
    fn top_kind(&self) -> Option<Kind> {
        self.open.last().map(|o| o.kind)
    }

    /// Position of the innermost open element whose kind is `wanted`, searching the top
    /// [`SCAN_WINDOW`] elements and stopping at one whose kind is `stop`.
    fn find(&self, wanted: impl Fn(Kind) -> bool, stop: impl Fn(Kind) -> bool) -> Option<usize> {
        let floor = self.open.len().saturating_sub(SCAN_WINDOW);
        for at in (floor..self.open.len()).rev() {
            let kind = self.open[at].kind;
            if wanted(kind) {
                return Some(at);
            }
            if stop(kind) {
                return None;
            }
        }
        None
    }

    /// Close the element at `at` and everything above it. Formatting elements closed on
    /// the way (not the one at `at`) are remembered as lingering: the tree builder
    /// reopens them, at most three alike; a closing marker or cell forgets those opened
    /// after it.
    fn pop_to(&mut self, at: usize) {
        while self.open.len() > at {
            let Some(open) = self.open.pop() else {
                break;
            };
            self.count[open.kind as usize] -= 1;
            if matches!(open.kind, Kind::Marker | Kind::Cell) {
                self.lingering.truncate(open.mark);
            } else if self.open.len() > at && reopens(open.kind) {
                self.linger(open);
            }
        }
    }

    /// Remember an implicitly closed formatting element, unless three alike already are.
    fn linger(&mut self, open: Open) {
        let alike = self.lingering.iter().filter(|l| l.key == open.key).count();
        if alike < MAX_ALIKE_FORMATTING {
            self.lingering.push(Lingering {
                name: open.name,
                key: open.key,
            });
        }
    }
}

/// FNV-1a hash of a tag's name and attributes (alike formatting elements share it).
fn formatting_key(tag: &Tag) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for &b in bytes.iter().chain([&0u8]) {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    };
    eat(tag.name.as_bytes());
    for attr in &tag.attrs {
        eat(attr.name.local.as_bytes());
        eat(attr.value.as_bytes());
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Depth of the deepest element of a tree.
    fn depth(document: &Html) -> usize {
        let mut deepest = 0;
        let mut stack = vec![(document.tree.root(), 0usize)];
        while let Some((node, d)) = stack.pop() {
            deepest = deepest.max(d);
            for child in node.children() {
                stack.push((child, d + usize::from(child.value().is_element())));
            }
        }
        deepest
    }

    /// All text of a tree, in document order.
    fn text(document: &Html) -> String {
        document.root_element().text().collect()
    }

    #[test]
    fn ordinary_markup_parses_as_without_the_filter() {
        let pages = [
            "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><div>x</div></div></body></html>",
            "<table><tr><td>1<td>2<tr><td>3</table><p><b>bold<p>still bold</b> plain",
            "<p><a href=x>one<a href=y>two</a><dl><dt>t<dd>d<dt>u</dl><h1>h<h2>i</h2>",
            "<select><option>a<option>b<optgroup><option>c</select><svg><path/><g/></svg>",
            "<p><b><i>x</p><p>y</i></b><font color=red>z<div>w</div></font>",
        ];
        for page in pages {
            let filtered = parse_document(page, 8);
            assert_eq!(filtered.document, Html::parse_document(page), "{page}");
            assert_eq!(filtered.flattened, 0, "{page}");
        }
    }

    #[test]
    fn nesting_beyond_the_limit_is_flattened_with_its_text() {
        let page = format!(
            "{}deep text{}<p>after</p>",
            "<div>".repeat(100),
            "</div>".repeat(100)
        );
        let parsed = parse_document(&page, 20);
        assert!(depth(&parsed.document) <= 23, "{}", depth(&parsed.document));
        assert_eq!(parsed.flattened, 100 - 20);
        assert_eq!(text(&parsed.document), "deep textafter");
        let p = scraper::Selector::parse("body > p").expect("selector");
        assert_eq!(parsed.document.select(&p).count(), 1);
    }

    #[test]
    fn reopened_formatting_counts_towards_the_depth() {
        let page: String = (0..200)
            .map(|i| format!("<p><b id=b{i}>text {i}</p>"))
            .collect();
        let parsed = parse_document(&page, 50);
        assert!(depth(&parsed.document) <= 55, "{}", depth(&parsed.document));
        assert!(text(&parsed.document).contains("text 199"));
    }

    #[test]
    fn alike_formatting_reopened_thrice_at_most_is_not_flattened() {
        let page = "<p><b>x</p>".repeat(300);
        let parsed = parse_document(&page, 50);
        assert_eq!(parsed.flattened, 0);
        assert_eq!(parsed.document, Html::parse_document(&page));
    }

    #[test]
    fn script_beyond_the_limit_stays_script() {
        let page = format!(
            "{}<script>if (a < b) x()</script><style>p {{}}</style><p>after",
            "<span>".repeat(50)
        );
        let parsed = parse_document(&page, 10);
        let script = scraper::Selector::parse("script").expect("selector");
        let found: Vec<_> = parsed.document.select(&script).collect();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].text().collect::<String>(), "if (a < b) x()");
        assert!(text(&parsed.document).ends_with("p {}after"));
    }

    #[test]
    fn fragments_parse_as_scraper_does_and_deep_ones_are_flattened() {
        for fragment in [
            "Fish &amp; chips <b>daily</b>",
            "<p>One<p>Two",
            "<td>cell</td> x",
        ] {
            let parsed = parse_fragment(fragment, 8);
            assert_eq!(
                parsed.document,
                Html::parse_fragment(fragment),
                "{fragment}"
            );
        }
        let deep = format!("{}bottom{}", "<div>".repeat(5000), "</div>".repeat(5000));
        let parsed = parse_fragment(&deep, 16);
        assert!(depth(&parsed.document) <= 20, "{}", depth(&parsed.document));
        assert_eq!(text(&parsed.document), "bottom");
    }

    #[test]
    fn formatting_reopened_without_end_stays_within_bounds() {
        let tags = [
            "<b>",
            "<i>",
            "<span>",
            "<font color=red>",
            "<em>",
            "<a href=x>",
        ];
        let page: String = (0..5000).map(|i| format!("{}w{i} ", tags[i % 6])).collect();
        let parsed = parse_document(&page, 64);
        assert!(
            depth(&parsed.document) <= 64 + 16 + 40,
            "{}",
            depth(&parsed.document)
        );
        assert!(parsed.flattened > 0);
        assert!(text(&parsed.document).contains("w4999"));
    }
}
