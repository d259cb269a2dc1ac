//! Text that an HTML-to-text converter printed as Markdown, often hard-wrapped: the
//! markup is read as structure (paragraphs run until a blank line, list items and their
//! indented continuation lines, `#` headings, table rows) and the inline markup
//! (`[text](url)` links, `**strong**`, `_emphasis_`, images) is reduced to its text.

use super::segment::strip_bullet;

/// Fewest link or image markups (`](`) that make text read as Markdown.
const MIN_LINKS: usize = 3;

/// Whether the text reads as Markdown from a converter: several `[text](target)`
/// links, or Markdown headings together with at least one link.
pub fn is_markdown(text: &str) -> bool {
    let links = text.matches("](").take(MIN_LINKS).count();
    let headings = text
        .lines()
        .filter(|l| heading_text(l).is_some())
        .take(2)
        .count();
    links >= MIN_LINKS || (links >= 1 && headings >= 2)
}

/// The text after a Markdown heading marker (`#` to `######` and a space).
fn heading_text(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    if !(1..=6).contains(&hashes) {
        return None;
    }
    line[hashes..].strip_prefix(' ')
}

/// What a Markdown line starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// A heading: a block of its own.
    Heading,
    /// A list item: a block that indented lines continue.
    Item,
    /// A table row: a line of its own.
    Row,
    /// A line of a paragraph, or the continuation of an item.
    Text,
}

/// Classify one Markdown line.
fn start_of(line: &str) -> Start {
    let trimmed = line.trim_start();
    if heading_text(trimmed).is_some() {
        Start::Heading
    } else if is_item_start(trimmed) {
        Start::Item
    } else if trimmed.contains(" | ") || trimmed.starts_with('|') {
        Start::Row
    } else {
        Start::Text
    }
}

/// Whether a line starts a list item (`*`, `-`, `+` or `1.` and a space).
fn is_item_start(trimmed: &str) -> bool {
    if strip_bullet(trimmed).is_some() || trimmed.starts_with("+ ") {
        return true;
    }
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    (1..=3).contains(&digits) && trimmed[digits..].starts_with(". ")
}

/// The logical lines of Markdown text, each with the number of its first line: wrapped
/// lines joined into their paragraph or list item, heading markers dropped, inline
/// markup reduced to text. Blank lines end paragraphs and are kept (as empty lines).
pub fn logical_lines(text: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut open: Option<Start> = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            out.push((i + 1, String::new()));
            open = None;
            continue;
        }
        let start = start_of(line);
        let continues = start == Start::Text && matches!(open, Some(Start::Text))
            || (start == Start::Text && open == Some(Start::Item) && line.starts_with(' '));
        match out.last_mut() {
            Some((_, previous)) if continues => {
                previous.push(' ');
                previous.push_str(line.trim());
            }
            _ => {
                let trimmed = line.trim();
                let content = heading_text(trimmed).unwrap_or(trimmed);
                out.push((i + 1, content.to_owned()));
            }
        }
        open = match start {
            Start::Heading | Start::Row => None,
            Start::Item => Some(Start::Item),
            Start::Text => open.or(Some(Start::Text)),
        };
    }
    out.into_iter()
        .map(|(number, line)| (number, inline_text(&line)))
        .collect()
}

/// A line with its inline markup reduced to text: `[text](target)` and `![alt](src)`
/// to `text` and `alt`, `**`, `__` and `_`/`*` around words dropped.
pub fn inline_text(line: &str) -> String {
    let without_links = strip_links(line);
    strip_emphasis(&without_links)
}

/// `[text](target)` to `text` (images `![alt](src)` to `alt`); a `[` without its
/// `](...)` stays as it is.
fn strip_links(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let Some((text, after)) = link_at(&rest[open..]) else {
            out.push_str(&rest[..=open]);
            rest = &rest[open + 1..];
            continue;
        };
        let before = &rest[..open];
        out.push_str(before.strip_suffix('!').unwrap_or(before));
        out.push_str(&strip_links(text));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// At a `[`: the link text and what follows the link's `(target)`, when it is one.
fn link_at(s: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    let mut close = None;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close?;
    let after = s[close + 1..].strip_prefix('(')?;
    let end = after.find(')')?;
    if after[..end].contains(' ') && !after[..end].contains('"') {
        return None;
    }
    Some((&s[1..close], &after[end + 1..]))
}

/// Emphasis markers dropped: `**` and `__` anywhere, a `_` or `*` that opens or closes
/// a word (inside a word, as in `snake_case`, it stays).
fn strip_emphasis(line: &str) -> String {
    let line = line.replace("**", "").replace("__", "");
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '_' || c == '*' {
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(i + 1).copied();
            let inside = before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric);
            let alone =
                before.is_none_or(char::is_whitespace) && after.is_none_or(char::is_whitespace);
            if !inside && !alone {
                continue;
            }
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_images_and_emphasis_become_text() {
        assert_eq!(
            inline_text("See [the **new** plan](https://example.org/p) and ![a map](m.png)."),
            "See the new plan and a map."
        );
        assert_eq!(
            inline_text("_Light_ words in snake_case [x] stay"),
            "Light words in snake_case [x] stay"
        );
    }

    #[test]
    fn wrapped_paragraphs_and_items_are_joined() {
        let text = "# The plan\n\nThe council met on Tuesday to discuss the\nnew budget for the year.\n\n  * [Holiday\n    Schedules](/h)\n  * Menus\n";
        let lines: Vec<String> = logical_lines(text)
            .into_iter()
            .map(|(_, l)| l)
            .filter(|l| !l.is_empty())
            .collect();
        assert_eq!(
            lines,
            [
                "The plan",
                "The council met on Tuesday to discuss the new budget for the year.",
                "* Holiday Schedules",
                "* Menus"
            ]
        );
    }

    #[test]
    fn plain_text_is_not_markdown() {
        assert!(!is_markdown("# a shell comment\nls -l\n# another\n"));
        assert!(is_markdown("[a](/a) [b](/b)\n[c](/c)"));
    }
}
