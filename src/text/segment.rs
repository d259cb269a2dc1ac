//! Plain text into blocks: one block per line, white space normalised, hard-wrapped
//! prose re-joined, list and table lines typed.

use crate::block::{Block, BlockKind};
use crate::reason::Reason;

/// A line of input with its 1-based number.
struct Line<'a> {
    number: usize,
    raw: &'a str,
}

/// Split text into blocks. Blank lines carry no meaning, except in hard-wrapped text
/// where they separate paragraphs (a line printed twice is never one wrapped
/// paragraph); a line of only white space (no-break spaces, for example) becomes an
/// `empty` removal so that the audit trail accounts for it.
pub fn segment(text: &str) -> Vec<Block> {
    let logical;
    let lines: Vec<Line> = if super::markdown::is_markdown(text) {
        logical = super::markdown::logical_lines(text);
        let lines = logical.iter().map(|(number, raw)| Line {
            number: *number,
            raw,
        });
        return segment_lines(&lines.collect::<Vec<_>>(), None);
    } else {
        text.lines()
            .enumerate()
            .map(|(i, raw)| Line { number: i + 1, raw })
            .collect()
    };
    let (lines, wrap) = if is_run_together(&lines) {
        (sentence_lines(&lines), None)
    } else {
        let wrap = wrap_width(&lines);
        (lines, wrap)
    };
    segment_lines(&lines, wrap)
}

/// Blocks of `lines`, hard-wrapped lines joined when the text is wrapped at `wrap`.
fn segment_lines(lines: &[Line], wrap: Option<usize>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut joinable = false;
    for line in lines {
        if line.raw.is_empty() {
            joinable = false;
            continue;
        }
        let normalised = normalise(line.raw);
        if normalised.is_empty() {
            let mut block = Block::new(String::new(), line.number);
            block.remove(Reason::Empty);
            blocks.push(block);
            joinable = false;
            continue;
        }
        let continues = joinable
            && wrap.is_some()
            && !starts_new_item(&normalised)
            && blocks
                .last()
                .is_none_or(|previous| previous.text != normalised);
        match blocks.last_mut() {
            Some(previous) if continues => {
                previous.text.push(' ');
                previous.text.push_str(&normalised);
            }
            previous => {
                let block = typed_block(line, normalised);
                match previous {
                    Some(table) if is_next_row(table, &block, line.number) => add_row(table, block),
                    _ => blocks.push(block),
                }
            }
        }
        joinable = wrap.is_some_and(|width| reaches_wrap(line.raw, width));
    }
    blocks
}

/// Fewest characters of a line that holds a whole page run together.
const RUN_TOGETHER_CHARS: usize = 1200;
/// Share of the text's characters that its run-together lines hold, at least.
const RUN_TOGETHER_SHARE: f64 = 0.5;
/// Mean line length (bytes) of a page run together, at least.
const RUN_TOGETHER_MEAN: usize = 800;
/// Largest text cut into sentences (bytes): a web page run together is far smaller; a
/// larger line is left whole, so that cutting cannot run into the block limit.
const RUN_TOGETHER_MAX_BYTES: usize = 2_000_000;

/// Whether the text is a page run together on few lines (scrapers and CSV or JSON
/// exports that collapse newlines): lines of at least [`RUN_TOGETHER_CHARS`] hold most
/// of it. Hard-wrapped or paragraph-per-line text has no such line, or only a few
/// long paragraphs among many lines.
fn is_run_together(lines: &[Line]) -> bool {
    let total: usize = lines.iter().map(|l| l.raw.len()).sum();
    let long: usize = lines
        .iter()
        .map(|l| l.raw.len())
        .filter(|&n| n >= RUN_TOGETHER_CHARS)
        .sum();
    long > 0
        && total <= RUN_TOGETHER_MAX_BYTES
        && long as f64 >= RUN_TOGETHER_SHARE * total as f64
        && lines.len() * RUN_TOGETHER_MEAN < total
}

/// The lines cut at sentence boundaries (Unicode sentence segmentation, UAX #29), each
/// sentence keeping its line's number, and cut again before the cues scrapers leave
/// between blocks (see [`scraper_cuts`]).
fn sentence_lines<'a>(lines: &[Line<'a>]) -> Vec<Line<'a>> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut out = Vec::new();
    for line in lines {
        for sentence in line.raw.split_sentence_bounds() {
            let pieces = scraper_cuts(sentence)
                .into_iter()
                .flat_map(label_prefix_cut);
            for piece in pieces {
                if !piece.trim().is_empty() {
                    out.push(Line {
                        number: line.number,
                        raw: piece.trim(),
                    });
                }
            }
        }
    }
    out
}

/// Separators that scrapers leave between blocks run together on one line: a bar,
/// a middle dot or a bullet between spaces.
const CUT_SEPARATORS: &[&str] = &[" | ", " · ", " • ", " ▪ ", " » "];

/// A sentence cut at separators between spaces (` | `, ` · `, ` • `, ...).
fn scraper_cuts(sentence: &str) -> Vec<&str> {
    let mut pieces = vec![sentence];
    for separator in CUT_SEPARATORS {
        pieces = pieces
            .into_iter()
            .flat_map(|p| p.split(separator))
            .collect();
    }
    pieces
}

/// Fewest capitalised words in a row before lower-case words that make a run of labels
/// (a menu or a list of headlines run together with the sentence after it).
const LABEL_RUN_WORDS: usize = 4;

/// A piece cut before the last of the capitalised words that open it, when at least
/// [`LABEL_RUN_WORDS`] of them stand before a lower-case word: "Home News Sport The
/// council said" is a menu run together with a sentence, and the sentence starts at its
/// last capitalised word ("The council said"). A piece without such a run is left whole.
fn label_prefix_cut(piece: &str) -> Vec<&str> {
    let mut starts = Vec::new();
    let mut previous_space = true;
    for (i, c) in piece.char_indices() {
        if !c.is_whitespace() && previous_space {
            starts.push(i);
        }
        previous_space = c.is_whitespace();
    }
    let opens_capitalised = |start: &usize| {
        piece[*start..]
            .chars()
            .find(|c| c.is_alphanumeric())
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
    };
    let capitalised = starts.iter().take_while(|s| opens_capitalised(s)).count();
    let lower_follows = starts
        .get(capitalised)
        .is_some_and(|&s| piece[s..].chars().next().is_some_and(|c| c.is_lowercase()));
    if capitalised >= LABEL_RUN_WORDS && lower_follows {
        let cut = starts[capitalised - 1];
        vec![&piece[..cut], &piece[cut..]]
    } else {
        vec![piece]
    }
}

/// Fold every run of white space (including no-break and other Unicode spaces) into
/// one space, drop characters that render as nothing, trim, and compose (Unicode NFC).
pub fn normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut space = false;
    for c in raw.chars() {
        if renders_as_nothing(c) {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    composed(out)
}

/// The text in Unicode normal form C (canonical composition), the form text corpora and
/// annotations use: the same letters written with combining marks or precomposed
/// characters come out alike. Text already composed (nearly all) is returned as is.
pub fn composed(text: String) -> String {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        text.nfc().collect()
    }
}

/// Characters that render as nothing and are dropped from text: the soft hyphen (a
/// hyphenation hint inside a word), zero-width space and word joiner (break hints),
/// the byte order mark and NUL. Zero-width joiners and non-joiners stay: they change
/// how the letters around them are written.
pub fn renders_as_nothing(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\0')
}

/// Whether `row`, a table line at input line `number`, continues the table `previous`
/// (a table block ending on the line just before it).
fn is_next_row(previous: &Block, row: &Block, number: usize) -> bool {
    let rows = previous.structure.rows.as_ref().map_or(0, Vec::len);
    previous.kind == BlockKind::Table
        && row.kind == BlockKind::Table
        && previous.is_body()
        && previous.line + rows == number
}

/// Add the one row of the table line `row` to the table block `table`.
fn add_row(table: &mut Block, row: Block) {
    table.text.push('\n');
    table.text.push_str(&row.text);
    let rows = table.structure.rows.get_or_insert_with(Vec::new);
    rows.extend(row.structure.rows.unwrap_or_default());
}

/// A block for one line, typed as table (a row of tab-separated cells), list item or
/// quote when its shape says so. (`#` lines are not read as Markdown headings: in the
/// visible text of pages they are as often comments of shell code.)
fn typed_block(line: &Line, normalised: String) -> Block {
    let mut block = Block::new(normalised, line.number);
    if line.raw.matches('\t').count() >= 2 {
        let cells: Vec<String> = line.raw.split('\t').map(normalise).collect();
        block.kind = BlockKind::Table;
        block.text = cells.join("\t");
        block.structure.rows = Some(vec![cells]);
    } else if let Some(rest) = strip_bullet(&block.text) {
        block.kind = BlockKind::ListItem;
        block.text = rest.to_owned();
    } else if let Some(rest) = block.text.strip_prefix("> ") {
        block.kind = BlockKind::Quote;
        block.text = rest.to_owned();
    } else if starts_numbered_item(&block.text) {
        block.kind = BlockKind::ListItem;
    }
    block
}

/// The text after a bullet marker (`•`, `-`, `*`, `–`, `·`, `▪`, `◦`, `‣`), if the line
/// starts with one followed by a space.
pub fn strip_bullet(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    if !matches!(
        first,
        '•' | '-' | '*' | '–' | '·' | '▪' | '◦' | '‣' | '●' | '■'
    ) {
        return None;
    }
    let rest = chars.as_str();
    let trimmed = rest.strip_prefix(' ')?;
    (!trimmed.is_empty()).then_some(trimmed)
}

/// Whether the line starts like `1.` or `2)` followed by a space.
fn starts_numbered_item(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return false;
    }
    let rest = &text[digits..];
    (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2
}

/// Whether a line starts a new item even inside hard-wrapped text.
fn starts_new_item(text: &str) -> bool {
    strip_bullet(text).is_some() || starts_numbered_item(text) || text.starts_with("> ")
}

/// The wrap column if the text is hard-wrapped: most long lines end close to one width.
///
/// Hard-wrapped text has many lines of nearly the same length (within 12 characters of
/// the longest common length), none much longer. Text with one paragraph per line has
/// widely varying line lengths.
fn wrap_width(lines: &[Line]) -> Option<usize> {
    let lengths: Vec<usize> = lines
        .iter()
        .map(|l| l.raw.trim_end().chars().count())
        .filter(|&n| n >= 30)
        .collect();
    if lengths.len() < 6 {
        return None;
    }
    let longest = *lengths.iter().max()?;
    if longest > 120 {
        return None;
    }
    let near_width = lengths.iter().filter(|&&n| n + 12 >= longest).count();
    (near_width * 10 >= lengths.len() * 6).then_some(longest)
}

/// Whether a line runs close enough to the wrap column to have been broken by the wrap.
fn reaches_wrap(raw: &str, width: usize) -> bool {
    raw.trim_end().chars().count() + 15 >= width
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_comes_out_composed() {
        // A Bengali letter that composition spells as two code points, and an "é"
        // written with a combining accent.
        assert_eq!(
            normalise("\u{09DF} cafe\u{0301}"),
            "\u{09AF}\u{09BC} caf\u{00E9}"
        );
        assert_eq!(normalise("plain text"), "plain text");
    }

    use super::*;
    use crate::block::Role;

    #[test]
    fn one_block_per_line_and_blank_lines_ignored() {
        let blocks = segment("First line.\n\n\nSecond line.\nThird line.\n");
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["First line.", "Second line.", "Third line."]);
        assert_eq!(blocks[1].line, 4);
    }

    #[test]
    fn no_break_space_line_is_an_empty_removal() {
        let blocks = segment("Text.\n\u{a0}\nMore.");
        assert_eq!(blocks[1].role, Role::Removed(Reason::Empty));
        assert_eq!(blocks[1].line, 2);
    }

    #[test]
    fn white_space_is_folded() {
        assert_eq!(normalise("  a\u{a0}\u{a0}b \t c\u{200b} "), "a b c");
    }

    #[test]
    fn hard_wrapped_paragraphs_are_joined() {
        let para = "The council met on Tuesday evening to discuss the new budget for the\n\
                    coming year, which includes higher spending on roads and schools and\n\
                    a modest cut to the parks department that drew loud protest from the\n\
                    residents who had packed the public gallery since the afternoon.\n";
        let text = format!("{para}\n{para}");
        let blocks = segment(&text);
        assert_eq!(blocks.len(), 2, "{blocks:?}");
        assert!(blocks[0].text.ends_with("since the afternoon."));
        assert!(blocks[0].text.contains("for the coming year"));
    }

    #[test]
    fn paragraph_per_line_text_is_not_joined() {
        let text = "A short title\nA paragraph that is fairly long and goes on for a while, ending here.\nAnother paragraph that has a different length entirely, and ends.\nThird.\nFourth paragraph is here with some words.\nFifth one is a longer paragraph that keeps going and going and going on.\nSixth and last line of the test text.\n";
        assert_eq!(segment(text).len(), 7);
    }

    #[test]
    fn bullets_and_numbers_become_list_items() {
        let blocks = segment("• first item\n- second item\n2. third item\n-5 degrees");
        assert_eq!(blocks[0].kind, BlockKind::ListItem);
        assert_eq!(blocks[0].text, "first item");
        assert_eq!(blocks[1].text, "second item");
        assert_eq!(blocks[2].kind, BlockKind::ListItem);
        assert_eq!(blocks[2].text, "2. third item");
        assert_eq!(blocks[3].kind, BlockKind::Paragraph);
    }

    #[test]
    fn tab_separated_lines_are_tables() {
        let blocks = segment("Team\tWon\tLost");
        assert_eq!(blocks[0].kind, BlockKind::Table);
        assert_eq!(blocks[0].text, "Team\tWon\tLost");
    }

    #[test]
    fn consecutive_table_lines_are_one_table() {
        let blocks =
            segment("Team\tWon\tLost\nAcorns\t3\t1\nBirches\t2\t2\n\nOther\ta\tb\nProse line.");
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        assert_eq!(
            blocks[0].text,
            "Team\tWon\tLost\nAcorns\t3\t1\nBirches\t2\t2"
        );
        let rows = blocks[0].structure.rows.as_ref().unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2], ["Birches", "2", "2"]);
        assert_eq!(blocks[1].structure.rows.as_ref().unwrap().len(), 1);
        assert_eq!(blocks[2].kind, BlockKind::Paragraph);
    }

    #[test]
    fn a_line_printed_twice_is_not_joined_as_wrapped_prose() {
        let headline = "Storm damage repaired along the whole harbour wall";
        let wrapped = "The harbour wall was rebuilt in stone after the winter storms\n\
                       had broken it in two places, and the quay was closed to boats\n\
                       for a week while the engineers checked every metre of it.";
        let text = format!("{headline}\n{headline}\n\n{wrapped}\n\n{wrapped}\n");
        let blocks = segment(&text);
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[..2], [headline, headline]);
        assert_eq!(texts.len(), 4, "{texts:?}");
        assert!(texts[2].ends_with("every metre of it."));
    }

    #[test]
    fn a_page_run_together_on_one_line_is_cut_into_sentences() {
        let story = "The harbour wall was rebuilt in stone after the winter storms broke it. \
                     Fishing boats stayed in port for a week while engineers checked the quay. "
            .repeat(12);
        let text = format!("Home | News | Sport | Weather {story}Share this page | Contact us");
        let blocks = segment(&text);
        let texts: Vec<_> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts[..3], ["Home", "News", "Sport"]);
        assert!(texts.contains(&"Share this page"), "{texts:?}");
        assert!(texts.contains(
            &"Fishing boats stayed in port for a week while engineers checked the quay."
        ));
        assert!(blocks.iter().all(|b| b.line == 1));
    }

    #[test]
    fn a_menu_run_together_with_a_sentence_is_cut_before_the_sentence() {
        assert_eq!(
            label_prefix_cut("Home News Sport Weather The council met on Tuesday."),
            ["Home News Sport Weather ", "The council met on Tuesday."]
        );
        assert_eq!(
            label_prefix_cut("The New York office said it would close."),
            ["The New York office said it would close."]
        );
        assert_eq!(label_prefix_cut("Home News Sport"), ["Home News Sport"]);
    }

    #[test]
    fn long_paragraphs_on_many_lines_are_not_cut() {
        let para =
            "A paragraph that runs on and on with many clauses, and then some more. ".repeat(25);
        let text = format!("Title line\n{para}\nSecond paragraph.\n");
        assert_eq!(segment(&text).len(), 3);
    }

    #[test]
    fn invisible_characters_are_dropped_not_turned_into_spaces() {
        assert_eq!(
            normalise("Mit\u{00AD}tel\u{00AD}alter  und\u{200B}so"),
            "Mittelalter undso"
        );
        assert_eq!(normalise("a\u{200C}b"), "a\u{200C}b");
    }
}
