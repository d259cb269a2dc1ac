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
    /// Preformatted text (`<pre>`): line breaks and indentation kept.
    Code,
}

/// The structure of a block beyond its text: heading level, table rows, code language,
/// list nesting and numbering. Every part is absent (or zero) unless the input gave it,
/// and is left out of the record when absent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    /// A heading's level, 1 to 6.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// A table's rows of cells; the first row is the header.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<Vec<Vec<String>>>,
    /// A code block's language, as its markup names it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// A list item's nesting: 0 in a top-level list, 1 in a list inside an item, ...
    #[serde(default, skip_serializing_if = "is_zero")]
    pub depth: u8,
    /// A list item's ordinal in an ordered list (its `value`, or the list's `start`
    /// counted on); absent in unordered lists and on an item's later paragraphs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
}

/// Whether a depth is zero (top level, left out of the record).
fn is_zero(depth: &u8) -> bool {
    *depth == 0
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
    /// The normalised text (white space folded, trimmed; a code block keeps its line
    /// breaks and indentation, a table has its cells joined by tabs, rows by new lines).
    pub text: String,
    /// What kind of body block this is, if kept.
    pub kind: BlockKind,
    /// The 1-based input line where the block starts (text) or its position (HTML).
    pub line: usize,
    /// The decision so far; starts as [`Role::Body`].
    pub role: Role,
    /// Share of the text inside links, 0.0 to 1.0 (HTML only; 0.0 for text input).
    pub link_density: f32,
    /// Heading level, table rows, code language, list position.
    pub structure: Structure,
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
            structure: Structure::default(),
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

    /// The number of words: runs of non-space characters, where each two characters of
    /// a script written without spaces (Chinese, Japanese) count as one word.
    pub fn word_count(&self) -> usize {
        word_count(&self.text)
    }

    /// The number of words, exact up to `cap` and `cap + 1` beyond (see [`word_count_upto`]).
    pub fn words_upto(&self, cap: usize) -> usize {
        word_count_upto(&self.text, cap)
    }

    /// The number of characters.
    pub fn char_count(&self) -> usize {
        self.text.chars().count()
    }
}

/// Text folded for comparison: lower case, white space runs as one space (each word
/// lower-cased on its own).
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !folded.is_empty() {
            folded.push(' ');
        }
        if word.is_ascii() {
            folded.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // Whole-word lowercasing keeps the final-sigma rule of `str::to_lowercase`.
            folded.push_str(&word.to_lowercase());
        }
    }
    folded
}

/// The number of words in `text` as [`word_count`] counts them, but counting stops past
/// `cap`: the result is exact up to `cap` and `cap + 1` for anything longer. Length
/// rules only compare with small numbers, and long paragraphs need not be counted whole.
pub fn word_count_upto(text: &str, cap: usize) -> usize {
    let bytes = text.as_bytes();
    let (mut words, mut unspaced) = (0usize, 0usize);
    // The token being read: whether one is open and its unspaced-script characters.
    let (mut open, mut cjk) = (false, 0usize);
    let mut at = 0;
    while at <= bytes.len() {
        // One character at a time, ASCII without decoding; the end closes a token too.
        let (space, unspaced_char, len) = match bytes.get(at) {
            None => (true, false, 1),
            Some(&byte) if byte.is_ascii() => (matches!(byte, b' ' | b'\t'..=b'\r'), false, 1),
            Some(_) => {
                let c = text[at..].chars().next().unwrap_or(' ');
                (c.is_whitespace(), is_unspaced_script(c), c.len_utf8())
            }
        };
        at += len;
        if !space {
            open = true;
            cjk += usize::from(unspaced_char);
            continue;
        }
        if !open {
            continue;
        }
        if cjk == 0 {
            words += 1;
        } else {
            unspaced += cjk;
        }
        (open, cjk) = (false, 0);
        if words + unspaced.div_ceil(2) > cap {
            return cap + 1;
        }
    }
    words + unspaced.div_ceil(2)
}

/// The number of words in `text`: runs of non-space characters, where each two
/// characters of a script written without spaces (Han, Hiragana, Katakana) count as one
/// word, so that length rules treat Chinese and Japanese prose like other prose.
pub fn word_count(text: &str) -> usize {
    word_count_upto(text, usize::MAX - 1)
}

/// Whether `c` belongs to a script that does not separate words with spaces.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF     // Hiragana, Katakana
        | 0x3400..=0x4DBF   // CJK extension A
        | 0x4E00..=0x9FFF   // CJK unified ideographs
        | 0xF900..=0xFAFF   // CJK compatibility ideographs
        | 0x20000..=0x2FA1F // CJK extensions B and later
    )
}

#[cfg(test)]
mod tests {

    /// The counting rule [`word_count_upto`] implements, written with `split_whitespace`.
    fn reference_count_upto(text: &str, cap: usize) -> usize {
        let mut words = 0;
        let mut unspaced = 0;
        for token in text.split_whitespace() {
            let cjk = token.chars().filter(|&c| is_unspaced_script(c)).count();
            if cjk == 0 {
                words += 1;
            } else {
                unspaced += cjk;
            }
            if words + unspaced.div_ceil(2) > cap {
                return cap + 1;
            }
        }
        words + unspaced.div_ceil(2)
    }

    #[test]
    fn word_count_upto_agrees_with_the_split_whitespace_rule() {
        let texts = [
            "",
            "   ",
            "one",
            " one  two\tthree\nfour\r\nfive ",
            "vertical\u{0b}tab form\u{0c}feed",
            "no\u{a0}break next\u{85}line ideographic\u{3000}space",
            "日本語の文章です。 and English words",
            "混合mixed漢字 tokens 😀 emoji",
            "ends with cjk 中文",
            "中文 first then words words words words",
        ];
        for text in texts {
            for cap in [0, 1, 2, 3, 5, 100, usize::MAX - 1] {
                assert_eq!(
                    word_count_upto(text, cap),
                    reference_count_upto(text, cap),
                    "{text:?} cap {cap}"
                );
            }
        }
    }
    use super::*;

    #[test]
    fn words_of_spaced_and_unspaced_scripts() {
        assert_eq!(word_count("three short words"), 3);
        assert_eq!(word_count("一九七五年一月"), 4);
        assert_eq!(word_count("Album 《陌生人》 2003"), 4);
        assert_eq!(word_count_upto("one two three four five", 3), 4);
        assert_eq!(word_count_upto("one two", 3), 2);
    }
}
