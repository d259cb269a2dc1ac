//! One traversal of the parsed page that collects every metadata candidate: `<meta>`
//! tags, `<title>`, `<h1>`, canonical and author links, byline-marked elements,
//! `<time>`, JSON-LD scripts, microdata items and the short visible texts.
//!
//! The element lists keep the order a selector query over the whole document gives
//! (scraper's `Html::select` walks the node arena, which is creation order, not always
//! document order after the parser moved nodes), so every reader downstream sees the
//! same elements in the same order as it would with `Selector`s, without the selector
//! engine. Microdata items and short texts are in document order.

use ego_tree::iter::Edge;
use html5ever::{local_name, ns};
use scraper::node::Element;
use scraper::{ElementRef, Html, Node};

use super::markup::{ShortText, DATE_LINE_MAX_CHARS, NO_DATE_ELEMENTS};

/// The characters a `~=` attribute selector splits a value on (CSS white space).
pub(super) const SELECTOR_WHITESPACE: &[char] = &[' ', '\t', '\n', '\r', '\x0C'];

/// Every metadata candidate of a page, collected in one traversal.
#[derive(Debug, Default)]
pub struct Candidates<'a> {
    /// `meta[content]`.
    pub metas: Vec<ElementRef<'a>>,
    /// `title` (any namespace).
    pub titles: Vec<ElementRef<'a>>,
    /// `h1`.
    pub h1s: Vec<ElementRef<'a>>,
    /// `link[rel~=canonical][href]`.
    pub canonicals: Vec<ElementRef<'a>>,
    /// `time`.
    pub times: Vec<ElementRef<'a>>,
    /// `a[href]`.
    pub links: Vec<ElementRef<'a>>,
    /// `a[rel~=author]`.
    pub rel_authors: Vec<ElementRef<'a>>,
    /// `[class*=byline], [id*=byline], [class*=author], [id*=author]`.
    pub bylines: Vec<ElementRef<'a>>,
    /// `script[type="application/ld+json" i]`.
    pub ld_scripts: Vec<ElementRef<'a>>,
    /// Elements with an `itemprop` or `itemtype` attribute, in document order.
    pub items: Vec<ElementRef<'a>>,
    /// The short visible texts, in document order (see [`super::markup::short_texts`]).
    pub short_texts: Vec<ShortText>,
}

impl<'a> Candidates<'a> {
    /// Walk the document once and collect every candidate.
    pub fn collect(document: &'a Html) -> Candidates<'a> {
        let mut found = Candidates::default();
        let mut walk = ShortTextWalk::default();
        let mut visited = 0usize;
        for edge in document.tree.root().traverse() {
            match edge {
                Edge::Open(node) => {
                    visited += 1;
                    if let Some(element) = ElementRef::wrap(node) {
                        found.classify(element);
                        if is_item(element) {
                            found.items.push(element);
                        }
                    }
                    walk.open(node.value(), &mut found.short_texts);
                }
                Edge::Close(node) => walk.close(node.value()),
            }
        }
        if visited == document.tree.nodes().len() {
            found.sort_arena_lists();
        } else {
            // Nodes the parser detached are still in the arena, where a selector query
            // finds them: collect the selector lists again over the arena itself.
            found.clear_arena_lists();
            for element in document.tree.nodes().filter_map(ElementRef::wrap) {
                found.classify(element);
            }
        }
        found
    }

    /// Push an element onto every selector list it matches.
    fn classify(&mut self, element: ElementRef<'a>) {
        let tag = element.value();
        let attrs = Attrs::of(tag);
        let name = &tag.name.local;
        if *name == local_name!("meta") && attrs.content {
            self.metas.push(element);
        } else if *name == local_name!("title") {
            self.titles.push(element);
        } else if *name == local_name!("h1") {
            self.h1s.push(element);
        } else if *name == local_name!("time") {
            self.times.push(element);
        } else if *name == local_name!("link") {
            if attrs.href && rel_has(tag, attrs.rel, "canonical") {
                self.canonicals.push(element);
            }
        } else if *name == local_name!("script") {
            if is_json_ld(attrs.kind) {
                self.ld_scripts.push(element);
            }
        } else if *name == local_name!("a") {
            if attrs.href {
                self.links.push(element);
            }
            if rel_has(tag, attrs.rel, "author") {
                self.rel_authors.push(element);
            }
        }
        let marked = |value: Option<&str>| {
            value.is_some_and(|v| v.contains("byline") || v.contains("author"))
        };
        if marked(attrs.class) || marked(attrs.id) {
            self.bylines.push(element);
        }
    }

    /// The selector lists, each in arena order.
    fn arena_lists(&mut self) -> [&mut Vec<ElementRef<'a>>; 9] {
        [
            &mut self.metas,
            &mut self.titles,
            &mut self.h1s,
            &mut self.canonicals,
            &mut self.times,
            &mut self.links,
            &mut self.rel_authors,
            &mut self.bylines,
            &mut self.ld_scripts,
        ]
    }

    /// Put the selector lists, collected in document order, in arena order.
    fn sort_arena_lists(&mut self) {
        for list in self.arena_lists() {
            list.sort_by_key(|e| e.id());
        }
    }

    /// Empty the selector lists.
    fn clear_arena_lists(&mut self) {
        for list in self.arena_lists() {
            list.clear();
        }
    }
}

/// The attributes (in no namespace, as selectors and [`Element::attr`] read them) that
/// decide which lists an element joins, read in one pass over its attributes.
#[derive(Debug, Default)]
struct Attrs<'t> {
    /// Whether `content` is present.
    content: bool,
    /// Whether `href` is present.
    href: bool,
    /// `rel`.
    rel: Option<&'t str>,
    /// `type`.
    kind: Option<&'t str>,
    /// `class`.
    class: Option<&'t str>,
    /// `id`.
    id: Option<&'t str>,
}

impl<'t> Attrs<'t> {
    /// Read an element's attributes.
    fn of(tag: &'t Element) -> Attrs<'t> {
        let mut attrs = Attrs::default();
        for (key, value) in tag.attrs.iter() {
            if key.ns != ns!() {
                continue;
            }
            let local = &key.local;
            if *local == local_name!("class") {
                attrs.class = Some(value);
            } else if *local == local_name!("id") {
                attrs.id = Some(value);
            } else if *local == local_name!("href") {
                attrs.href = true;
            } else if *local == local_name!("content") {
                attrs.content = true;
            } else if *local == local_name!("rel") {
                attrs.rel = Some(value);
            } else if *local == local_name!("type") {
                attrs.kind = Some(value);
            }
        }
        attrs
    }
}

/// Whether an element carries microdata (`itemprop` or `itemtype`, any namespace).
fn is_item(element: ElementRef<'_>) -> bool {
    element.value().attrs.iter().any(|(key, _)| {
        key.local == local_name!("itemprop") || key.local == local_name!("itemtype")
    })
}

/// Whether `rel` holds `token` as CSS `[rel~=token]` matches it: ASCII case-insensitive
/// on HTML elements, exact on others.
fn rel_has(tag: &Element, rel: Option<&str>, token: &str) -> bool {
    let Some(rel) = rel else {
        return false;
    };
    let html = tag.name.ns == ns!(html);
    rel.split(SELECTOR_WHITESPACE).any(|part| {
        if html {
            part.eq_ignore_ascii_case(token)
        } else {
            part == token
        }
    })
}

/// Whether a `type` value is `application/ld+json` (ASCII case-insensitive).
fn is_json_ld(kind: Option<&str>) -> bool {
    kind.is_some_and(|k| k.eq_ignore_ascii_case("application/ld+json"))
}

/// The state of the short-text collection along the traversal.
#[derive(Debug, Default)]
struct ShortTextWalk {
    /// How many elements that never show a date are open.
    skipping: usize,
    /// Whether an `</h1>` was passed.
    after_h1: bool,
}

impl ShortTextWalk {
    /// A node opens: keep it when it is a short visible text.
    fn open(&mut self, node: &Node, texts: &mut Vec<ShortText>) {
        match node {
            Node::Element(e) if NO_DATE_ELEMENTS.contains(&e.name()) => self.skipping += 1,
            Node::Text(text)
                if self.skipping == 0
                    && text.len() <= DATE_LINE_MAX_CHARS * 4
                    && !text.trim().is_empty() =>
            {
                let text = super::text::normalise_space(text);
                if !text.is_empty() && text.chars().count() <= DATE_LINE_MAX_CHARS {
                    texts.push(ShortText {
                        text,
                        after_h1: self.after_h1,
                    });
                }
            }
            _ => {}
        }
    }

    /// A node closes.
    fn close(&mut self, node: &Node) {
        match node {
            Node::Element(e) if NO_DATE_ELEMENTS.contains(&e.name()) => {
                self.skipping = self.skipping.saturating_sub(1);
            }
            Node::Element(e) if e.name() == "h1" => self.after_h1 = true,
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Selector;

    /// The ids of the elements a selector query over the whole document finds.
    fn selected(html: &Html, css: &str) -> Vec<ego_tree::NodeId> {
        let selector = Selector::parse(css).expect("selector parses");
        html.select(&selector).map(|e| e.id()).collect()
    }

    /// The ids of a candidate list.
    fn ids(list: &[ElementRef<'_>]) -> Vec<ego_tree::NodeId> {
        list.iter().map(|e| e.id()).collect()
    }

    /// Pages where the parser moves or detaches nodes (misnested formatting elements,
    /// foster parenting, a body dropped for a frameset) and foreign content.
    const PAGES: &[&str] = &[
        r#"<title>A</title><b><h1>one<p>x</b><a href="/author/z" rel="Author">Z</a></h1>
           <table><a href="/x" class="byline">t</a><tr><td><time>1</time></td></tr></table>
           <svg><title>icon</title><a href="/y" rel="author"/></svg><h1 id="authors">two</h1>
           <link rel="CANONICAL  alternate" href="/c"><meta name=a content=b>
           <script type="Application/LD+JSON">{}</script>"#,
        r#"<html><head><title>T</title></head><a href=/q></a><meta name=x content=y><frameset>"#,
        r#"<p><i>a<div><i>b<h1>c</i>d</h1><time>e</time></div></p><meta content=z property=p>"#,
    ];

    #[test]
    fn lists_match_selector_queries_in_order() {
        for page in PAGES {
            let html = Html::parse_document(page);
            let found = Candidates::collect(&html);
            assert_eq!(
                ids(&found.metas),
                selected(&html, "meta[content]"),
                "{page}"
            );
            assert_eq!(ids(&found.titles), selected(&html, "title"), "{page}");
            assert_eq!(ids(&found.h1s), selected(&html, "h1"), "{page}");
            assert_eq!(ids(&found.times), selected(&html, "time"), "{page}");
            assert_eq!(ids(&found.links), selected(&html, "a[href]"), "{page}");
            let canonical = selected(&html, "link[rel~=canonical][href]");
            assert_eq!(ids(&found.canonicals), canonical, "{page}");
            let rel = selected(&html, "a[rel~=author]");
            assert_eq!(ids(&found.rel_authors), rel, "{page}");
            let marked = "[class*=byline], [id*=byline], [class*=author], [id*=author]";
            assert_eq!(ids(&found.bylines), selected(&html, marked), "{page}");
            let ld = selected(&html, r#"script[type="application/ld+json" i]"#);
            assert_eq!(ids(&found.ld_scripts), ld, "{page}");
        }
    }

    #[test]
    fn the_first_page_has_every_kind_of_candidate() {
        let html = Html::parse_document(PAGES[0]);
        let found = Candidates::collect(&html);
        assert_eq!(found.canonicals.len(), 1);
        assert_eq!(found.ld_scripts.len(), 1);
        assert_eq!(found.titles.len(), 2);
        assert!(!found.rel_authors.is_empty() && !found.bylines.is_empty());
    }

    #[test]
    fn detached_nodes_are_found_as_a_selector_finds_them() {
        let html = Html::parse_document(PAGES[1]);
        let found = Candidates::collect(&html);
        let detached =
            |e: &ElementRef<'_>| !e.ancestors().any(|a| a.id() == html.root_element().id());
        assert!(found.metas.iter().any(detached), "the body was not dropped");
        assert_eq!(found.links.len(), 1);
    }
}
