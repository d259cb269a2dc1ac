//! Blocks: the common currency of the pipeline. Both front ends turn their input into
//! blocks, and every noise detector judges blocks.

use serde::{Deserialize, Serialize};

use crate::reason::Reason;

/// What a block of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A section heading.
    Heading,
    /// A paragraph of prose (the default).
    Paragraph,
    /// An item of a list.
    ListItem,
    /// A block quotation.
    Quote,
    /// A table (its cells joined by tabs, rows by new lines).
    Table,
}

/// What the pipeline has decided a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Not judged noise: part of the body.
    Body,
    /// The article's headline.
    Title,
    /// The summary under the headline.
    Standfirst,
    /// Taken out, for this reason.
    Removed(Reason),
}

/// One block of input: a paragraph-sized piece of text with where it came from and
/// what has been decided about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// The normalised text (white space folded, trimmed).
    pub text: String,
    /// What kind of body block this is, if kept.
    pub kind: BlockKind,
    /// The 1-based input line where the block starts (text) or its position (HTML).
    pub line: usize,
    /// The decision so far; starts as [`Role::Body`].
    pub role: Role,
    /// Share of the text inside links, 0.0 to 1.0 (HTML only; 0.0 for text input).
    pub link_density: f32,
}

impl Block {
    /// A body paragraph starting at `line`.
    pub fn new(text: String, line: usize) -> Self {
        Block {
            text,
            kind: BlockKind::Paragraph,
            line,
            role: Role::Body,
            link_density: 0.0,
        }
    }

    /// Whether no decision has taken the block out of the body yet.
    pub fn is_body(&self) -> bool {
        self.role == Role::Body
    }

    /// Whether the block has been removed.
    pub fn is_removed(&self) -> bool {
        matches!(self.role, Role::Removed(_))
    }

    /// Remove the block for `reason`, unless an earlier decision already placed it.
    pub fn remove(&mut self, reason: Reason) {
        if self.is_body() {
            self.role = Role::Removed(reason);
        }
    }

    /// The number of words (runs of non-space characters).
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }

    /// The number of characters.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }
}
