//! A page as hard-wrapped Markdown, the way HTML-to-text converters print it by default:
//! `#` headings, `[text](url)` links, `**strong**` and `_emphasis_`, `*` and `1.` list
//! markers, table rows as cells joined by ` | `, preformatted text as is, and every
//! paragraph wrapped at [`WRAP_COLUMNS`] columns with a blank line between paragraphs.
//!
//! It is one of the input kinds of `deboil eval` (see [`super::kinds`]): deboil's text
//! front end must cope with what such converters print.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

use crate::html::visible::{is_invisible, WalkAttrs, BLOCKS};

/// The wrap column.
pub const WRAP_COLUMNS: usize = 78;
/// Deeper than this, an element's text is taken without markup (no recursion limit hit).
const MAX_DEPTH: usize = 256;

/// What starts a Markdown block.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Lead {
    /// A paragraph.
    Paragraph,
    /// A heading of this level (1-6).
    Heading(usize),
    /// A list item with this marker (`*` or `3.`).
    Item(String),
    /// A table row or preformatted text: printed as is, never wrapped.
    Verbatim,
}

/// One block of output before wrapping.
struct MdBlock {
    lead: Lead,
    text: String,
}

/// The converter's state: finished blocks and the block being built.
struct Writer {
    blocks: Vec<MdBlock>,
    lead: Lead,
    text: String,
    /// For each open list: `None` for bullets, the next number for ordered lists.
    lists: Vec<Option<usize>>,
    pre: usize,
}

/// The page as hard-wrapped Markdown.
///
/// ```
/// let page = "<h1>Hello</h1><p>See <a href='/x'>this page</a>.</p><ul><li>one</li></ul>";
/// let text = deboil::eval::markdown(page);
/// assert_eq!(text, "# Hello\n\nSee [this page](/x).\n\n  * one\n");
/// ```
pub fn markdown(page: &str) -> String {
    let document = Html::parse_document(page);
    let mut writer = Writer {
        blocks: Vec::new(),
        lead: Lead::Paragraph,
        text: String::new(),
        lists: Vec::new(),
        pre: 0,
    };
    walk(document.tree.root(), &mut writer, 0);
    writer.finish_block();
    render(&writer.blocks)
}

/// Convert a node and its content.
fn walk(node: NodeRef<'_, Node>, writer: &mut Writer, depth: usize) {
    match node.value() {
        Node::Text(text) => writer.push_text(text),
        Node::Document | Node::Fragment => children(node, writer, depth),
        Node::Element(_) => {
            if let Some(element) = ElementRef::wrap(node) {
                element_markdown(element, writer, depth);
            }
        }
        _ => {}
    }
}

/// Convert the children of a node.
fn children(node: NodeRef<'_, Node>, writer: &mut Writer, depth: usize) {
    if depth > MAX_DEPTH {
        let text: String = ElementRef::wrap(node)
            .map(|e| e.text().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        writer.push_text(&text);
        return;
    }
    for child in node.children() {
        walk(child, writer, depth + 1);
    }
}

/// Convert one element by its name.
fn element_markdown(element: ElementRef<'_>, writer: &mut Writer, depth: usize) {
    let name = element.value().name();
    if is_invisible(name, &WalkAttrs::of(element.value())) {
        return;
    }
    let node = *element;
    match name {
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            let level = usize::from(name.as_bytes()[1] - b'0');
            writer.block(Lead::Heading(level), |w| children(node, w, depth));
        }
        "ul" | "ol" => {
            writer.finish_block();
            writer.lists.push((name == "ol").then_some(1));
            children(node, writer, depth);
            writer.lists.pop();
            writer.finish_block();
        }
        "li" => {
            let marker = writer.next_marker();
            writer.block(Lead::Item(marker), |w| children(node, w, depth));
        }
        "tr" => writer.block(Lead::Verbatim, |w| row(node, w, depth)),
        "pre" => {
            writer.finish_block();
            writer.pre += 1;
            writer.lead = Lead::Verbatim;
            children(node, writer, depth);
            writer.pre -= 1;
            writer.finish_block();
        }
        "br" => writer.line_break(),
        "a" => link(element, writer, depth),
        "strong" | "b" | "em" | "i" if holds_blocks(element) => children(node, writer, depth),
        "strong" | "b" => writer.wrapped("**", |w| children(node, w, depth)),
        "em" | "i" => writer.wrapped("_", |w| children(node, w, depth)),
        "img" => {}
        _ if BLOCKS.contains(&name) => writer.block(Lead::Paragraph, |w| children(node, w, depth)),
        _ => children(node, writer, depth),
    }
}

/// A table row: its cells joined by ` | `.
fn row(node: NodeRef<'_, Node>, writer: &mut Writer, depth: usize) {
    let mut first = true;
    for cell in node.children() {
        let is_cell = cell
            .value()
            .as_element()
            .is_some_and(|e| matches!(e.name(), "td" | "th"));
        if !is_cell {
            continue;
        }
        if !first {
            writer.text.push_str(" | ");
        }
        first = false;
        children(cell, writer, depth + 1);
    }
}

/// Whether an inline element holds block-level elements (then it gets no inline
/// markup: its blocks are blocks of their own).
fn holds_blocks(element: ElementRef<'_>) -> bool {
    element.descendants().skip(1).any(|node| {
        node.value()
            .as_element()
            .is_some_and(|e| BLOCKS.contains(&e.name()))
    })
}

/// A link: `[text](href)` when it has both, its text otherwise.
fn link(element: ElementRef<'_>, writer: &mut Writer, depth: usize) {
    let href = element.value().attr("href").map(str::trim).unwrap_or("");
    let usable = !href.is_empty()
        && !href.starts_with("javascript:")
        && writer.pre == 0
        && !holds_blocks(element);
    if !usable {
        children(*element, writer, depth);
        return;
    }
    let opened = writer.text.len();
    writer.text.push('[');
    children(*element, writer, depth);
    let start = writer.hoist_space(opened + 1);
    let opened = start - 1;
    if writer.text.get(start..).unwrap_or("").trim().is_empty() {
        writer.text.truncate(opened);
        return;
    }
    let href: String = href.split_whitespace().collect::<Vec<_>>().join("%20");
    writer.text.push_str("](");
    writer.text.push_str(&href);
    writer.text.push(')');
}

impl Writer {
    /// Run `content` as a block of its own with `lead`.
    fn block(&mut self, lead: Lead, content: impl FnOnce(&mut Self)) {
        self.finish_block();
        self.lead = lead;
        content(self);
        self.finish_block();
    }

    /// Run `content` between two copies of `mark` (emphasis), when it gave any text.
    fn wrapped(&mut self, mark: &str, content: impl FnOnce(&mut Self)) {
        let opened = self.text.len();
        self.text.push_str(mark);
        content(self);
        let start = self.hoist_space(opened + mark.len());
        let opened = start - mark.len();
        let inner = self.text.get(start..).unwrap_or("").trim_end().len();
        if inner == 0 {
            self.text.truncate(opened);
            return;
        }
        self.text.truncate(opened + mark.len() + inner);
        self.text.push_str(mark);
    }

    /// The marker of the next item of the innermost list.
    fn next_marker(&mut self) -> String {
        match self.lists.last_mut() {
            Some(Some(n)) => {
                let marker = format!("{n}.");
                *n += 1;
                marker
            }
            _ => "*".to_owned(),
        }
    }

    /// Move a space that opens the markup's content at `start` to before the markup;
    /// returns where the content starts now.
    fn hoist_space(&mut self, start: usize) -> usize {
        if start <= self.text.len() && self.text[start..].starts_with(' ') {
            self.text.remove(start);
            let mark = start - 1;
            let before = self.text[..mark].trim_end_matches(['*', '_', '[']);
            let at = before.len();
            if at > 0 && !before.ends_with(' ') {
                self.text.insert(at, ' ');
                return start + 1;
            }
        }
        start
    }

    /// Append text, folding white space (kept as is inside `pre`).
    fn push_text(&mut self, text: &str) {
        if self.pre > 0 {
            self.text.push_str(text);
            return;
        }
        for c in text.chars() {
            if c.is_whitespace() {
                if !self.text.is_empty() && !self.text.ends_with([' ', '\n']) {
                    self.text.push(' ');
                }
            } else {
                self.text.push(c);
            }
        }
    }

    /// A forced line break inside the block.
    fn line_break(&mut self) {
        let trimmed = self.text.trim_end_matches(' ').len();
        self.text.truncate(trimmed);
        if !self.text.is_empty() {
            self.text.push('\n');
        }
    }

    /// End the block being built, if it has any text.
    fn finish_block(&mut self) {
        let text = std::mem::take(&mut self.text);
        let lead = std::mem::replace(&mut self.lead, Lead::Paragraph);
        let text = if lead == Lead::Verbatim {
            text.trim_matches('\n').to_owned()
        } else {
            text.trim().to_owned()
        };
        if !text.is_empty() {
            self.blocks.push(MdBlock { lead, text });
        }
    }
}

/// The blocks printed: headings and paragraphs set apart by blank lines, consecutive
/// list items on consecutive lines.
fn render(blocks: &[MdBlock]) -> String {
    let mut out = String::new();
    let mut previous: Option<&Lead> = None;
    for block in blocks {
        let together = matches!(
            (previous, &block.lead),
            (Some(Lead::Item(_)), Lead::Item(_)) | (Some(Lead::Verbatim), Lead::Verbatim)
        );
        if previous.is_some() && !together {
            out.push('\n');
        }
        render_block(&mut out, block);
        previous = Some(&block.lead);
    }
    out
}

/// One block, wrapped (all but verbatim blocks), each line ending in a newline.
fn render_block(out: &mut String, block: &MdBlock) {
    let (first, rest) = match &block.lead {
        Lead::Verbatim => {
            out.push_str(&block.text);
            out.push('\n');
            return;
        }
        Lead::Paragraph => (String::new(), String::new()),
        Lead::Heading(level) => (format!("{} ", "#".repeat(*level)), String::new()),
        Lead::Item(marker) => (format!("  {marker} "), " ".repeat(marker.len() + 3)),
    };
    for (i, line) in block.text.split('\n').enumerate() {
        let lead = if i == 0 { &first } else { &rest };
        for wrapped in wrap(line, WRAP_COLUMNS.saturating_sub(lead.chars().count())) {
            out.push_str(if wrapped.is_first { lead } else { &rest });
            out.push_str(&wrapped.text);
            out.push('\n');
        }
    }
}

/// One wrapped line.
struct Wrapped {
    text: String,
    is_first: bool,
}

/// Greedy word wrap of `line` at `width` columns (a longer word stands alone).
fn wrap(line: &str, width: usize) -> Vec<Wrapped> {
    let mut lines: Vec<Wrapped> = Vec::new();
    let mut current = String::new();
    for word in line.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= width.max(1);
        if !current.is_empty() && !fits {
            let is_first = lines.is_empty();
            lines.push(Wrapped {
                text: std::mem::take(&mut current),
                is_first,
            });
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() || lines.is_empty() {
        let is_first = lines.is_empty();
        lines.push(Wrapped {
            text: current,
            is_first,
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_lists_links_and_emphasis() {
        let page = "<html><body><nav><ul><li><a href='/a'>Home</a></li><li>News</li></ul></nav>\
            <h2>Section</h2><p>Some <b>bold</b> and <em>light</em> words.</p>\
            <ol><li>first</li><li>second</li></ol><script>var x;</script></body></html>";
        let text = markdown(page);
        assert_eq!(
            text,
            "  * [Home](/a)\n  * News\n\n## Section\n\nSome **bold** and _light_ words.\n\n  1. first\n  2. second\n"
        );
    }

    #[test]
    fn long_paragraphs_wrap_at_78_columns() {
        let sentence = "The council met on Tuesday evening to discuss the budget. ".repeat(6);
        let text = markdown(&format!("<p>{sentence}</p>"));
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() >= 5, "{text}");
        assert!(lines.iter().all(|l| l.chars().count() <= WRAP_COLUMNS));
        assert_eq!(lines.join(" ").split_whitespace().count(), 60);
    }

    #[test]
    fn table_rows_and_breaks() {
        let text = markdown("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><p>x<br>y</p>");
        assert_eq!(text, "a | b\nc | d\n\nx\ny\n");
    }
}
