//! A document's content in input order: kept body blocks and removed pieces merged by
//! their input line.

use crate::record::{Article, BodyBlock, Removal};

/// One piece of a document's content, kept or removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A block of the clean body.
    Kept(&'a BodyBlock),
    /// A piece that was taken out, with its reason.
    Removed(&'a Removal),
}

impl Piece<'_> {
    /// The input line (text) or block position (HTML) the piece starts at.
    pub fn line(&self) -> usize {
        match self {
            Piece::Kept(block) => block.line,
            Piece::Removed(removal) => removal.line,
        }
    }
}

/// The article's body blocks and removed pieces in input order. Both lists carry their
/// line on one scale (see [`BodyBlock::line`]); the sort is stable, so pieces of one
/// line keep their order within their list, kept ones first.
pub fn in_order(article: &Article) -> Vec<Piece<'_>> {
    let kept = article.blocks.iter().map(Piece::Kept);
    let removed = article.removed.iter().map(Piece::Removed);
    let mut pieces: Vec<Piece<'_>> = kept.chain(removed).collect();
    pieces.sort_by_key(Piece::line);
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::BlockKind;
    use crate::Reason;

    fn kept(text: &str, line: usize) -> BodyBlock {
        BodyBlock::new(BlockKind::Paragraph, text.to_string(), line)
    }

    fn removed(text: &str, line: usize) -> Removal {
        Removal {
            reason: Reason::Caption,
            text: text.to_string(),
            line,
        }
    }

    fn texts(article: &Article) -> Vec<String> {
        in_order(article)
            .iter()
            .map(|piece| match piece {
                Piece::Kept(b) => format!("+{}", b.text),
                Piece::Removed(r) => format!("-{}", r.text),
            })
            .collect()
    }

    #[test]
    fn kept_and_removed_interleave_by_line() {
        let mut article = crate::clean_text("", &crate::Options::default());
        article.blocks = vec![kept("a", 2), kept("c", 5), kept("e", 9)];
        article.removed = vec![
            removed("z", 1),
            removed("b", 3),
            removed("d", 7),
            removed("f", 12),
        ];
        assert_eq!(texts(&article), ["-z", "+a", "-b", "+c", "-d", "+e", "-f"]);
    }

    #[test]
    fn unsorted_lists_still_come_out_in_line_order() {
        let mut article = crate::clean_text("", &crate::Options::default());
        article.blocks = vec![kept("c", 5), kept("a", 2)];
        article.removed = vec![removed("d", 7), removed("b", 3), removed("b2", 3)];
        assert_eq!(texts(&article), ["+a", "-b", "-b2", "+c", "-d"]);
    }

    #[test]
    fn a_cleaned_text_reads_back_in_input_order() {
        let text = "A headline\n\nFirst paragraph of the story, long enough to read as prose here.\n2 min read\nSecond paragraph of the story, also long enough to read as prose.\nShare this article\nThird paragraph, which closes the story with one more sentence.\n";
        let article = crate::clean_text(text, &crate::Options::default());
        let pieces = in_order(&article);
        assert_eq!(pieces.len(), article.blocks.len() + article.removed.len());
        assert!(
            article.removed.len() >= 2 && article.blocks.len() >= 2,
            "{article:?}"
        );
        let offsets: Vec<usize> = pieces
            .iter()
            .map(|piece| match piece {
                Piece::Kept(b) => text.find(&b.text),
                Piece::Removed(r) => text.find(&r.text),
            })
            .map(|found| found.expect("each piece is a line of the input"))
            .collect();
        assert!(offsets.windows(2).all(|w| w[0] < w[1]), "{offsets:?}");
    }
}
