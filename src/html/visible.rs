//! The page's visible text, one block per line (what a naive scraper gives).
//!
//! [`visible_text`] is what a naive scraper gives: every piece of visible text on the page,
//! navigation, menus and footers included, one line per block-level element. It is the
//! input of the text front end when deboil is scored on HTML pages, and the baseline the
//! cleaner is measured against.

use ego_tree::NodeRef;
use scraper::{ElementRef, Html, Node};

/// Elements whose content is never shown (or not shown as text) and is skipped whole.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object",
];

/// Elements that start and end a line of their own (block-level elements).
pub(crate) const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// All visible text of a page, one block-level element per line, with scripts, styles
/// and other invisible elements dropped (what a naive scraper gives).
///
/// White space inside a line is folded to single spaces, empty lines are dropped, and
/// the text of `pre` elements keeps its line breaks. Elements with a `hidden` attribute,
/// `aria-hidden="true"` or an inline `display: none` are dropped with their content.
/// The document is walked with an explicit stack, so nesting depth is not limited by
/// the call stack.
///
/// ```
/// let page = "<html><head><title>T</title></head><body><p>One <b>two</b></p><div>three</div></body></html>";
/// assert_eq!(deboil::internals::visible_text(page), "One two\nthree");
/// ```
pub fn visible_text(page: &str) -> String {
    let document = Html::parse_document(page);
    let mut lines = Lines::default();
    let mut stack = vec![Step::Enter(document.tree.root())];
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => enter(node, &mut stack, &mut lines),
            Step::Leave { block, pre } => {
                if pre {
                    lines.pre_depth = lines.pre_depth.saturating_sub(1);
                }
                if block {
                    lines.break_line();
                }
            }
        }
    }
    lines.finish()
}

/// One unit of work of the document walk.
enum Step<'a> {
    /// Visit a node (and schedule its children).
    Enter(NodeRef<'a, Node>),
    /// All children of an element are done.
    Leave {
        /// The element was block-level: end the line.
        block: bool,
        /// The element was a `pre`: leave preformatted mode.
        pre: bool,
    },
}

/// Visit one node: emit its text, or schedule its children between line breaks.
fn enter<'a>(node: NodeRef<'a, Node>, stack: &mut Vec<Step<'a>>, lines: &mut Lines) {
    match node.value() {
        Node::Text(text) => lines.push_text(text),
        Node::Document | Node::Fragment => push_children(node, stack),
        Node::Element(_) => {
            let Some(element) = ElementRef::wrap(node) else {
                return;
            };
            let name = element.value().name();
            if is_invisible(name, &WalkAttrs::of(element.value())) {
                return;
            }
            let block = BLOCKS.contains(&name);
            let pre = name == "pre";
            if block {
                lines.break_line();
            }
            if pre {
                lines.pre_depth += 1;
            }
            stack.push(Step::Leave { block, pre });
            push_children(node, stack);
        }
        _ => {}
    }
}

/// Schedule the children of `node` so that they are visited in document order.
fn push_children<'a>(node: NodeRef<'a, Node>, stack: &mut Vec<Step<'a>>) {
    let first = stack.len();
    stack.extend(node.children().map(Step::Enter));
    stack[first..].reverse();
}

/// The attributes the walks read, gathered in one pass over an element's attributes
/// (looking each up by name would intern the name again on every call).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WalkAttrs<'a> {
    /// `class`.
    pub class: Option<&'a str>,
    /// `id`.
    pub id: Option<&'a str>,
    /// `itemprop`.
    pub itemprop: Option<&'a str>,
    /// `itemtype`.
    pub itemtype: Option<&'a str>,
    /// Whether `hidden` is present.
    pub hidden: bool,
    /// `aria-hidden`.
    pub aria_hidden: Option<&'a str>,
    /// `style`.
    pub style: Option<&'a str>,
}

impl<'a> WalkAttrs<'a> {
    /// The attributes of `element` (the first of each name, as `attr` gives).
    pub(crate) fn of(element: &'a scraper::node::Element) -> Self {
        let mut attrs = WalkAttrs::default();
        for (name, value) in element.attrs() {
            let slot = match name {
                "class" => &mut attrs.class,
                "id" => &mut attrs.id,
                "itemprop" => &mut attrs.itemprop,
                "itemtype" => &mut attrs.itemtype,
                "aria-hidden" => &mut attrs.aria_hidden,
                "style" => &mut attrs.style,
                "hidden" => {
                    attrs.hidden = true;
                    continue;
                }
                _ => continue,
            };
            slot.get_or_insert(value);
        }
        attrs
    }
}

/// Whether an element (named `name`, with `attrs`) and its content are not shown.
pub(crate) fn is_invisible(name: &str, attrs: &WalkAttrs<'_>) -> bool {
    is_invisible_unless_revealed(name, attrs, false)
}

/// Whether an element and its content are not shown, elements with the `hidden`
/// attribute counted as shown when `reveal_hidden` (content that scripts reveal).
pub(super) fn is_invisible_unless_revealed(
    name: &str,
    attrs: &WalkAttrs<'_>,
    reveal_hidden: bool,
) -> bool {
    if SKIPPED.contains(&name) || (attrs.hidden && !reveal_hidden) {
        return true;
    }
    let aria_hidden = attrs
        .aria_hidden
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    aria_hidden || attrs.style.is_some_and(style_hides)
}

/// Whether an inline `style` attribute sets `display: none`.
fn style_hides(style: &str) -> bool {
    style.split(';').any(|declaration| {
        let Some((property, value)) = declaration.split_once(':') else {
            return false;
        };
        let value = value.trim().to_ascii_lowercase();
        let value = value.trim_end_matches("!important").trim_end();
        property.trim().eq_ignore_ascii_case("display") && value == "none"
    })
}

/// Accumulates output lines with folded white space.
#[derive(Default)]
struct Lines {
    /// Finished, non-empty lines.
    done: Vec<String>,
    /// The line being built.
    current: String,
    /// White space was seen since the last character of `current`.
    space: bool,
    /// How many `pre` elements enclose the current position.
    pre_depth: usize,
}

impl Lines {
    /// Append text, folding white space (and breaking lines at newlines inside `pre`).
    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' && self.pre_depth > 0 {
                self.break_line();
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.current.is_empty() {
                    self.current.push(' ');
                }
                self.space = false;
                self.current.push(c);
            }
        }
    }

    /// End the current line, if it has any text.
    fn break_line(&mut self) {
        if !self.current.is_empty() {
            self.done.push(std::mem::take(&mut self.current));
        }
        self.space = false;
    }

    /// All lines joined by newlines.
    fn finish(mut self) -> String {
        self.break_line();
        self.done.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_lines_and_inline_stays() {
        let page =
            "<body><h1>Title <em>here</em></h1><p>A <a href=x>link</a>, <span>and</span> more</p>\
                    <ul><li>one</li><li>two</li></ul></body>";
        assert_eq!(visible_text(page), "Title here\nA link, and more\none\ntwo");
    }

    #[test]
    fn white_space_is_folded_and_empty_lines_dropped() {
        let page = "<div>\n   a \t  b\u{a0} c  </div><div>   </div><p></p><div>d</div>";
        assert_eq!(visible_text(page), "a b c\nd");
    }

    #[test]
    fn br_and_table_cells_break_lines() {
        let page =
            "<p>one<br>two</p><table><tr><td>a</td><td>b</td></tr><tr><th>c</th></tr></table>";
        assert_eq!(visible_text(page), "one\ntwo\na\nb\nc");
    }

    #[test]
    fn invisible_elements_are_dropped() {
        let page = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <script>var x = 1;</script><noscript>enable js</noscript>\
                    <template><p>tpl</p></template><svg><text>svg</text></svg>\
                    <iframe>frame</iframe><object>obj</object><p>kept</p></body></html>";
        assert_eq!(visible_text(page), "kept");
    }

    #[test]
    fn hidden_elements_are_dropped() {
        let page = "<div hidden>a</div><div aria-hidden=\"true\">b</div>\
                    <div aria-hidden=\"false\">c</div><div style=\"color:red; DISPLAY : None !important\">d</div>\
                    <div style=\"display:block\">e</div>";
        assert_eq!(visible_text(page), "c\ne");
    }

    #[test]
    fn navigation_and_footer_are_kept() {
        let page = "<nav><a>Home</a> <a>News</a></nav><article><p>Story</p></article><footer>© 2024</footer>";
        assert_eq!(visible_text(page), "Home News\nStory\n© 2024");
    }

    #[test]
    fn pre_keeps_its_line_breaks() {
        let page = "<pre>fn main() {\n    run();\n}\n</pre><p>after</p>";
        assert_eq!(visible_text(page), "fn main() {\nrun();\n}\nafter");
    }

    #[test]
    fn empty_and_text_only_inputs() {
        assert_eq!(visible_text(""), "");
        assert_eq!(visible_text("just text"), "just text");
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let depth = 200_000;
        let mut page = String::with_capacity(depth * 14 + 16);
        page.push_str(&"<span>".repeat(depth));
        page.push_str("deep");
        page.push_str(&"</span>".repeat(depth));
        assert_eq!(visible_text(&page), "deep");
    }
}
