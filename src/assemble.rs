//! Building the [`Article`] record from judged blocks and found metadata.

use crate::block::{Block, Role};
use crate::meta::Found;
use crate::record::{Article, BodyBlock, InputKind, Removal, Stats};

/// Build the record. `id`, `source` and `lang` are left empty for the caller to fill
/// (the HTML front end detects a language only when the page declares none).
pub fn article(input: InputKind, blocks: Vec<Block>, found: Found, explain: bool) -> Article {
    let mut body = Vec::new();
    let mut removed = Vec::new();
    let mut removed_chars = 0;
    for block in blocks {
        match block.role {
            Role::Body => body.push(BodyBlock {
                kind: block.kind,
                text: block.text,
                line: block.line,
                structure: block.structure,
            }),
            Role::Removed(reason) => {
                removed_chars += block.text.chars().count();
                removed.push(Removal {
                    reason,
                    text: block.text,
                    line: block.line,
                });
            }
            Role::Title | Role::Standfirst => {}
        }
    }
    let text = body_text(&body);
    let kept_chars = text.chars().count()
        + found.title.as_deref().map_or(0, |t| t.chars().count())
        + found.standfirst.as_deref().map_or(0, |t| t.chars().count());
    Article {
        id: String::new(),
        source: String::new(),
        input,
        title: found.title,
        standfirst: found.standfirst,
        published: found.published,
        byline: found.byline,
        site: None,
        url: None,
        canonical: None,
        lang: None,
        text,
        blocks: body,
        removed: if explain { removed } else { Vec::new() },
        warnings: Vec::new(),
        stats: Stats {
            input_bytes: 0,
            kept_chars,
            removed_chars,
        },
    }
}

/// The clean body text: block texts joined by a blank line.
pub fn body_text(blocks: &[BodyBlock]) -> String {
    blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}
