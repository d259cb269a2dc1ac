//! Writing records: JSON Lines, a JSON array, plain text or Markdown, plus an output
//! file that never changes what kind of file its path is ([`OutputFile`]), gzip-compressed
//! when its name ends in `.gz` ([`NamedOutput`]).

mod gzip;
mod safe_write;

use std::io::{self, Write};

pub use gzip::{wants_gzip, GzipOutput, NamedOutput};
pub use safe_write::OutputFile;

use crate::block::BlockKind;
use crate::record::{Article, BodyBlock, ErrorRecord, Removal};

/// The output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// One compact JSON record per line (JSON Lines).
    #[default]
    Jsonl,
    /// One pretty-printed JSON array holding all records.
    Json,
    /// Plain text: per record the title, a blank line, the standfirst, a blank line, then
    /// the body blocks separated by blank lines (absent parts left out); records are
    /// separated by a line holding only a form feed (\f).
    Text,
    /// Markdown: `# title`, the standfirst as an *emphasised* paragraph, headings with
    /// as many `#` as their level (`##` when unknown), `-` or numbered list items indented
    /// by their depth, `>` quotes, tables as one pipe table each (header row first),
    /// code fenced with its language; records are separated by a `---` line.
    Markdown,
}

/// The line written between two records in the text format: a form feed alone.
pub const TEXT_SEPARATOR: &str = "\x0c\n";
/// The lines written between two records in the Markdown format: a thematic break.
pub const MARKDOWN_SEPARATOR: &str = "\n---\n\n";

/// Whether the text and Markdown formats show the removed pieces of a record in
/// place (the JSON formats always list them in `removed`, when explaining).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShowRemoved {
    /// The clean text only.
    #[default]
    No,
    /// Each removed piece in input order, as `[- reason] text`.
    Plain,
    /// As [`ShowRemoved::Plain`], dimmed, with the label in colour (ANSI codes, for a
    /// terminal).
    Coloured,
}

/// Writes a stream of records (articles and error records, in order) in one format.
pub struct RecordWriter<W: Write> {
    out: W,
    format: Format,
    written: usize,
    removed: ShowRemoved,
}

impl<W: Write> RecordWriter<W> {
    /// A writer of `format` onto `out`.
    pub fn new(out: W, format: Format) -> Self {
        RecordWriter {
            out,
            format,
            written: 0,
            removed: ShowRemoved::No,
        }
    }

    /// The same writer showing removed pieces in place in the text and Markdown formats
    /// (the JSON formats are not changed).
    pub fn showing_removed(mut self, removed: ShowRemoved) -> Self {
        self.removed = removed;
        self
    }

    /// Write one record: an article, or the error record of an input that failed.
    pub fn write(&mut self, record: &Result<Article, ErrorRecord>) -> io::Result<()> {
        self.separate()?;
        match (self.format, record) {
            (Format::Jsonl, Ok(article)) => write_compact(&mut self.out, article),
            (Format::Jsonl, Err(error)) => write_compact(&mut self.out, error),
            (Format::Json, Ok(article)) => write_indented(&mut self.out, article),
            (Format::Json, Err(error)) => write_indented(&mut self.out, error),
            (Format::Text, Ok(article)) => {
                let text = render_text_showing(article, self.removed);
                self.out.write_all(text.as_bytes())
            }
            (Format::Markdown, Ok(article)) => {
                let text = render_markdown_showing(article, self.removed);
                self.out.write_all(text.as_bytes())
            }
            (Format::Text | Format::Markdown, Err(error)) => {
                self.out.write_all(render_error(error).as_bytes())
            }
        }?;
        self.written += 1;
        Ok(())
    }

    /// Close the stream (the JSON array needs its closing bracket) and flush; returns
    /// the underlying writer.
    pub fn finish(mut self) -> io::Result<W> {
        if self.format == Format::Json {
            let end = if self.written == 0 { "[]\n" } else { "\n]\n" };
            self.out.write_all(end.as_bytes())?;
        }
        self.out.flush()?;
        Ok(self.out)
    }

    /// Write what goes before a record: the array opening or the separator.
    fn separate(&mut self) -> io::Result<()> {
        let text = match (self.format, self.written) {
            (Format::Json, 0) => "[\n",
            (Format::Json, _) => ",\n",
            (Format::Text, n) if n > 0 => TEXT_SEPARATOR,
            (Format::Markdown, n) if n > 0 => MARKDOWN_SEPARATOR,
            _ => "",
        };
        self.out.write_all(text.as_bytes())
    }
}

/// The file name ending (without the dot) of one record's own file in `format`, as
/// written by `--out-dir`: `json` for both JSON formats, `txt`, `md`. Error records
/// always go to JSON files ending in `error.json`.
pub fn file_extension(format: Format, failed: bool) -> &'static str {
    match (failed, format) {
        (true, _) => "error.json",
        (false, Format::Jsonl | Format::Json) => "json",
        (false, Format::Text) => "txt",
        (false, Format::Markdown) => "md",
    }
}

/// One record alone, as written to its own file: compact JSON and a new line
/// (`jsonl`), pretty JSON (`json`), or the text or Markdown document. An error
/// record is JSON in every format (pretty unless `jsonl`).
pub fn render_single(record: &Result<Article, ErrorRecord>, format: Format) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    match (format, record) {
        (Format::Jsonl, Ok(article)) => write_compact(&mut out, article)?,
        (Format::Jsonl, Err(error)) => write_compact(&mut out, error)?,
        (_, Err(error)) => write_pretty(&mut out, error)?,
        (Format::Json, Ok(article)) => write_pretty(&mut out, article)?,
        (Format::Text, Ok(article)) => out.extend_from_slice(render_text(article).as_bytes()),
        (Format::Markdown, Ok(article)) => {
            out.extend_from_slice(render_markdown(article).as_bytes())
        }
    }
    Ok(out)
}

/// One pretty JSON value and a new line.
fn write_pretty(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    out.write_all(b"\n")
}

/// One compact JSON value and a new line.
fn write_compact(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value)?;
    out.write_all(b"\n")
}

/// One pretty JSON value indented by two spaces, as an element of an array. Pretty
/// JSON never holds a raw new line inside a string, so indenting every line is safe.
fn write_indented(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    let pretty = serde_json::to_string_pretty(value)?;
    let indented: Vec<String> = pretty.lines().map(|line| format!("  {line}")).collect();
    out.write_all(indented.join("\n").as_bytes())
}

/// The text rendering of an article: title, standfirst and body blocks, each followed
/// by a blank line between them; absent parts are left out.
pub fn render_text(article: &Article) -> String {
    render_text_showing(article, ShowRemoved::No)
}

/// The text rendering of an article, with its removed pieces in place as `removed` says.
pub fn render_text_showing(article: &Article, removed: ShowRemoved) -> String {
    let mut parts: Vec<String> = article
        .title
        .iter()
        .chain(article.standfirst.iter())
        .cloned()
        .collect();
    for piece in pieces(article, removed) {
        parts.push(match piece {
            Piece::Kept(block) => block.text.clone(),
            Piece::Removed(removal) => removed_piece(removal, removed),
        });
    }
    finish_document(parts.join("\n\n"))
}

/// The Markdown rendering of an article.
pub fn render_markdown(article: &Article) -> String {
    render_markdown_showing(article, ShowRemoved::No)
}

/// The Markdown rendering of an article, with its removed pieces in place as `removed`
/// says (each a paragraph of its own, which ends a list it interrupts).
pub fn render_markdown_showing(article: &Article, removed: ShowRemoved) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(title) = &article.title {
        parts.push(format!("# {}", one_line(title)));
    }
    if let Some(standfirst) = &article.standfirst {
        parts.push(format!("*{}*", escape_inline(&one_line(standfirst))));
    }
    let mut previous = None;
    let mut indents = Vec::new();
    for piece in pieces(article, removed) {
        let block = match piece {
            Piece::Kept(block) => block,
            Piece::Removed(removal) => {
                parts.push(removed_piece(removal, removed));
                previous = None;
                indents.clear();
                continue;
            }
        };
        let text = match block.kind {
            BlockKind::ListItem => markdown_item(block, &mut indents),
            _ => {
                indents.clear();
                markdown_block(block)
            }
        };
        // Consecutive list items form one list, without blank lines between them.
        match (previous, block.kind, parts.last_mut()) {
            (Some(BlockKind::ListItem), BlockKind::ListItem, Some(last)) => {
                last.push('\n');
                last.push_str(&text);
            }
            _ => parts.push(text),
        }
        previous = Some(block.kind);
    }
    finish_document(parts.join("\n\n"))
}

/// A piece of an article's body: a kept block or a removed piece.
enum Piece<'a> {
    Kept(&'a BodyBlock),
    Removed(&'a Removal),
}

/// The body blocks, and the removed pieces unless `removed` is [`ShowRemoved::No`], in
/// input order (both carry their input line; at one line, kept blocks come first).
fn pieces(article: &Article, removed: ShowRemoved) -> Vec<Piece<'_>> {
    let mut pieces: Vec<(usize, Piece<'_>)> = article
        .blocks
        .iter()
        .map(|b| (b.line, Piece::Kept(b)))
        .collect();
    if removed != ShowRemoved::No {
        pieces.extend(article.removed.iter().map(|r| (r.line, Piece::Removed(r))));
        pieces.sort_by_key(|(line, _)| *line);
    }
    pieces.into_iter().map(|(_, piece)| piece).collect()
}

/// ANSI codes: dim, red, default colour, reset.
const DIM: &str = "\x1b[2m";
const RED: &str = "\x1b[31m";
const DEFAULT_COLOUR: &str = "\x1b[39m";
const RESET: &str = "\x1b[0m";

/// A removed piece as shown in place: `[- reason] text`; coloured, every line is dimmed
/// on its own (so that a pager showing part of it still resets) and the label is red.
fn removed_piece(removal: &Removal, removed: ShowRemoved) -> String {
    let label = format!("[- {}]", removal.reason.code());
    let text = if removal.text.is_empty() {
        label.clone()
    } else {
        format!("{label} {}", removal.text)
    };
    if removed != ShowRemoved::Coloured {
        return text;
    }
    let mut lines = text.lines();
    let mut out = String::with_capacity(text.len() + 32);
    if let Some(first) = lines.next() {
        let rest = &first[label.len()..];
        out.push_str(&format!("{DIM}{RED}{label}{DEFAULT_COLOUR}{rest}{RESET}"));
    }
    for line in lines {
        out.push_str(&format!("\n{DIM}{line}{RESET}"));
    }
    out
}

/// The text-format line for an input that failed.
pub fn render_error(error: &ErrorRecord) -> String {
    format!(
        "[deboil error: {}] {}: {}\n",
        error.error.kind, error.source, error.error.message
    )
}

/// A document ends with exactly one new line (an empty one is empty).
fn finish_document(mut text: String) -> String {
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// A list item in Markdown: `-`, or its number and `.`, indented to the content of
/// the item it is nested in. `indents` holds, per depth, the column where the content
/// of the last item at that depth starts.
fn markdown_item(block: &BodyBlock, indents: &mut Vec<usize>) -> String {
    let depth = usize::from(block.structure.depth);
    let column = match depth.checked_sub(1) {
        None => 0,
        Some(outer) => indents.get(outer).copied().unwrap_or_else(|| {
            // A depth skipped in the input: two columns per missing level.
            indents.last().copied().unwrap_or(0) + 2 * (depth - indents.len())
        }),
    };
    let marker = match block.structure.number {
        Some(number) => format!("{}. ", number.min(999_999_999)),
        None => "- ".to_string(),
    };
    indents.truncate(depth);
    indents.resize(depth, column);
    indents.push(column + marker.len());
    format!("{}{marker}{}", " ".repeat(column), one_line(&block.text))
}

/// One body block in Markdown.
fn markdown_block(block: &BodyBlock) -> String {
    let text = block.text.as_str();
    match block.kind {
        BlockKind::Heading => {
            let level = block.structure.level.unwrap_or(2).clamp(1, 6);
            format!("{} {}", "#".repeat(usize::from(level)), one_line(text))
        }
        BlockKind::ListItem => format!("- {}", one_line(text)),
        BlockKind::Code => markdown_code(text, block.structure.lang.as_deref()),
        BlockKind::Quote => text
            .lines()
            .map(|line| format!("> {}", escape_line_start(line)))
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::Table => match &block.structure.rows {
            Some(rows) => markdown_table(rows),
            None => markdown_table(&rows_of(text)),
        },
        BlockKind::Paragraph => text
            .lines()
            .map(escape_line_start)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A code block fenced by backticks, more of them than any run inside the code, with
/// the language (when known) after the opening fence.
fn markdown_code(text: &str, lang: Option<&str>) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest.max(2) + 1);
    let lang = lang.filter(|l| !l.contains('`')).unwrap_or("");
    format!("{fence}{lang}\n{text}\n{fence}")
}

/// The rows of a table block's text: cells joined by tabs, rows by new lines.
fn rows_of(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .map(|row| row.split('\t').map(str::to_string).collect())
        .collect()
}

/// A table as a Markdown pipe table whose first row is the header, cells on one line
/// with their `|` escaped.
fn markdown_table(rows: &[Vec<String>]) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| one_line(c).replace('|', "\\|"))
                .collect()
        })
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(0).max(1);
    let line = |cells: &[String]| {
        let padded = (0..width).map(|i| cells.get(i).map_or("", String::as_str));
        format!("| {} |", padded.collect::<Vec<_>>().join(" | "))
    };
    let mut lines = Vec::with_capacity(rows.len() + 1);
    lines.push(line(rows.first().map_or(&[][..], Vec::as_slice)));
    lines.push(format!("|{}", " --- |".repeat(width)));
    lines.extend(rows.iter().skip(1).map(|r| line(r)));
    lines.join("\n")
}

/// Text folded onto one line (headings, list items, emphasis cannot span lines).
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escape emphasis markers so the text can sit inside `*...*`.
fn escape_inline(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

/// Escape a line start that Markdown would read as block syntax (heading, quote, list,
/// rule, numbered item).
fn escape_line_start(line: &str) -> String {
    let trimmed = line.trim_start();
    let first = trimmed.chars().next();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'));
    if numbered {
        // CommonMark escapes punctuation only: the delimiter after the number.
        format!("{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else if matches!(first, Some('#' | '>' | '-' | '+' | '*' | '=' | '|')) {
        format!("\\{trimmed}")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn markdown_escapes_the_delimiter_of_numbered_lines() {
        assert_eq!(super::escape_line_start("1. Step one"), "1\\. Step one");
        assert_eq!(
            super::escape_line_start("# Not a heading"),
            "\\# Not a heading"
        );
        assert_eq!(super::escape_line_start("Plain"), "Plain");
    }

    use super::*;
    use crate::block::Structure;
    use crate::record::{BodyBlock, ErrorInfo, InputKind, Stats};

    fn article(
        title: Option<&str>,
        standfirst: Option<&str>,
        blocks: &[(BlockKind, &str)],
    ) -> Article {
        Article {
            id: "a.txt".into(),
            source: "dir/a.txt".into(),
            input: InputKind::Text,
            title: title.map(String::from),
            standfirst: standfirst.map(String::from),
            description: None,
            published: None,
            byline: None,
            authors: vec![],
            site: None,
            url: None,
            canonical: None,
            lang: None,
            text: blocks.iter().map(|b| b.1).collect::<Vec<_>>().join("\n\n"),
            blocks: blocks
                .iter()
                .enumerate()
                .map(|(i, (kind, text))| BodyBlock::new(*kind, text.to_string(), i + 1))
                .collect(),
            removed: vec![],
            warnings: vec![],
            stats: Stats::default(),
            warc: None,
        }
    }

    fn failure() -> ErrorRecord {
        ErrorRecord {
            id: "b.html".into(),
            source: "dir/b.html".into(),
            error: ErrorInfo {
                kind: "binary".into(),
                message: "binary content (PNG image), not text or HTML".into(),
            },
            warc: None,
        }
    }

    fn render(format: Format, records: &[Result<Article, ErrorRecord>]) -> String {
        let mut writer = RecordWriter::new(Vec::new(), format);
        for record in records {
            writer.write(record).unwrap();
        }
        String::from_utf8(writer.finish().unwrap()).unwrap()
    }

    #[test]
    fn jsonl_is_one_compact_record_per_line() {
        let out = render(
            Format::Jsonl,
            &[Ok(article(Some("T"), None, &[])), Err(failure())],
        );
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["title"], "T");
        let second: serde_json::Value = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second["error"]["kind"], "binary");
    }

    #[test]
    fn json_is_a_valid_array_matching_serde_pretty() {
        let records = [Ok(article(Some("T"), None, &[])), Err(failure())];
        let out = render(Format::Json, &records);
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
        assert_eq!(parsed.len(), 2);
        #[derive(serde::Serialize)]
        #[serde(untagged)]
        enum Either<'a> {
            Article(&'a Article),
            Error(&'a ErrorRecord),
        }
        let values = [
            Either::Article(records[0].as_ref().unwrap()),
            Either::Error(records[1].as_ref().unwrap_err()),
        ];
        assert_eq!(out, serde_json::to_string_pretty(&values).unwrap() + "\n");
    }

    #[test]
    fn json_without_records_is_an_empty_array() {
        assert_eq!(render(Format::Json, &[]), "[]\n");
    }

    #[test]
    fn text_separates_parts_and_records() {
        let one = article(
            Some("Title"),
            Some("Deck"),
            &[
                (BlockKind::Paragraph, "One."),
                (BlockKind::Paragraph, "Two."),
            ],
        );
        let two = article(None, None, &[(BlockKind::Paragraph, "Only.")]);
        let out = render(Format::Text, &[Ok(one), Ok(two), Err(failure())]);
        assert_eq!(
            out,
            "Title\n\nDeck\n\nOne.\n\nTwo.\n\x0c\nOnly.\n\x0c\n\
             [deboil error: binary] dir/b.html: binary content (PNG image), not text or HTML\n"
        );
    }

    #[test]
    fn markdown_marks_up_block_kinds() {
        let one = article(
            Some("Title"),
            Some("A *deck*"),
            &[
                (BlockKind::Paragraph, "# not a heading"),
                (BlockKind::Heading, "Section"),
                (BlockKind::ListItem, "first"),
                (BlockKind::ListItem, "second"),
                (BlockKind::Quote, "Said so."),
                (BlockKind::Table, "a\tb\n1\t2"),
            ],
        );
        let out = render(
            Format::Markdown,
            &[Ok(one), Ok(article(Some("Next"), None, &[]))],
        );
        assert_eq!(
            out,
            "# Title\n\n*A \\*deck\\**\n\n\\# not a heading\n\n## Section\n\n- first\n- second\n\n\
             > Said so.\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n---\n\n# Next\n"
        );
    }

    /// The Markdown of one article holding `blocks`, each with its structure.
    fn markdown_of(blocks: Vec<BodyBlock>) -> String {
        let mut one = article(None, None, &[]);
        one.blocks = blocks;
        render_markdown(&one)
    }

    fn block(kind: BlockKind, text: &str, structure: Structure) -> BodyBlock {
        BodyBlock {
            structure,
            ..BodyBlock::new(kind, text.to_string(), 1)
        }
    }

    #[test]
    fn code_is_fenced_with_its_language_and_keeps_its_lines() {
        let code = "fn main() {\n    println!(\"hi\");\n}";
        let lang = Structure {
            lang: Some("rust".into()),
            ..Structure::default()
        };
        let out = markdown_of(vec![block(BlockKind::Code, code, lang)]);
        assert_eq!(out, format!("```rust\n{code}\n```\n"));
        let plain = markdown_of(vec![block(
            BlockKind::Code,
            "# not a heading",
            Structure::default(),
        )]);
        assert_eq!(plain, "```\n# not a heading\n```\n");
    }

    #[test]
    fn code_holding_a_fence_gets_a_longer_one() {
        let code = "Markdown:\n```\nx\n```\nand ````` five";
        let out = markdown_of(vec![block(BlockKind::Code, code, Structure::default())]);
        assert!(out.starts_with("``````\nMarkdown:"), "{out}");
        assert!(out.ends_with("five\n``````\n"), "{out}");
    }

    #[test]
    fn a_table_is_one_pipe_table_with_its_pipes_escaped() {
        let rows = vec![
            vec!["Input".to_string(), "Result".to_string()],
            vec!["a|b".to_string(), "Err".to_string()],
            vec!["42".to_string()],
        ];
        let structure = Structure {
            rows: Some(rows),
            ..Structure::default()
        };
        let out = markdown_of(vec![block(
            BlockKind::Table,
            "Input\tResult\na|b\tErr\n42",
            structure,
        )]);
        assert_eq!(
            out,
            "| Input | Result |\n| --- | --- |\n| a\\|b | Err |\n| 42 |  |\n"
        );
    }

    #[test]
    fn headings_print_as_many_marks_as_their_level() {
        let level = |n| Structure {
            level: Some(n),
            ..Structure::default()
        };
        let out = markdown_of(vec![
            block(BlockKind::Heading, "Three", level(3)),
            block(BlockKind::Heading, "Unknown", Structure::default()),
            block(BlockKind::Heading, "Nine", level(9)),
        ]);
        assert_eq!(out, "### Three\n\n## Unknown\n\n###### Nine\n");
    }

    #[test]
    fn nested_ordered_lists_keep_numbers_and_indentation() {
        let item = |text: &str, depth: u8, number: Option<u32>| {
            block(
                BlockKind::ListItem,
                text,
                Structure {
                    depth,
                    number,
                    ..Structure::default()
                },
            )
        };
        let out = markdown_of(vec![
            item("Third", 0, Some(3)),
            item("Inner", 1, Some(1)),
            item("Bullet", 2, None),
            item("Inner seven", 1, Some(7)),
            item("Tenth", 0, Some(10)),
            item("Deep", 1, None),
        ]);
        assert_eq!(
            out,
            "3. Third\n   1. Inner\n      - Bullet\n   7. Inner seven\n10. Tenth\n    - Deep\n"
        );
    }

    fn explained() -> Article {
        let mut one = article(
            Some("Title"),
            None,
            &[
                (BlockKind::Paragraph, "First."),
                (BlockKind::Paragraph, "Second."),
            ],
        );
        one.blocks[0].line = 2;
        one.blocks[1].line = 5;
        one.removed = vec![
            Removal {
                reason: crate::Reason::Share,
                text: "Share this".into(),
                line: 4,
            },
            Removal {
                reason: crate::Reason::ReadingTime,
                text: "2 min read".into(),
                line: 1,
            },
        ];
        one
    }

    #[test]
    fn removed_pieces_show_in_input_order_only_when_asked() {
        let one = explained();
        assert_eq!(render_text(&one), "Title\n\nFirst.\n\nSecond.\n");
        let plain = render_text_showing(&one, ShowRemoved::Plain);
        assert_eq!(
            plain,
            "Title\n\n[- reading_time] 2 min read\n\nFirst.\n\n[- share] Share this\n\nSecond.\n"
        );
        assert!(!plain.contains('\x1b'));
        let markdown = render_markdown_showing(&one, ShowRemoved::Plain);
        assert!(
            markdown.contains("First.\n\n[- share] Share this\n\nSecond."),
            "{markdown}"
        );
    }

    #[test]
    fn coloured_removed_pieces_are_dimmed_line_by_line() {
        let mut one = explained();
        one.removed[0].text = "a\tb\nc\td".into();
        let out = render_text_showing(&one, ShowRemoved::Coloured);
        assert!(
            out.contains("\x1b[2m\x1b[31m[- share]\x1b[39m a\tb\x1b[0m\n\x1b[2mc\td\x1b[0m"),
            "{out:?}"
        );
        assert!(out.starts_with("Title\n\n\x1b[2m"), "{out:?}");
    }

    #[test]
    fn a_writer_shows_removed_pieces_in_text_formats_only() {
        let record = Ok(explained());
        let write = |format| {
            let mut writer =
                RecordWriter::new(Vec::new(), format).showing_removed(ShowRemoved::Plain);
            writer.write(&record).unwrap();
            String::from_utf8(writer.finish().unwrap()).unwrap()
        };
        assert!(write(Format::Text).contains("[- share] Share this"));
        assert!(write(Format::Markdown).contains("[- share] Share this"));
        assert!(!write(Format::Jsonl).contains("[- share]"));
    }

    #[test]
    fn single_records_render_per_format() {
        let record = Ok(article(Some("T"), None, &[(BlockKind::Paragraph, "Body.")]));
        let jsonl = String::from_utf8(render_single(&record, Format::Jsonl).unwrap()).unwrap();
        assert_eq!(jsonl.lines().count(), 1);
        let json = String::from_utf8(render_single(&record, Format::Json).unwrap()).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["title"], "T");
        assert!(json.ends_with("}\n") && json.lines().count() > 1);
        let text = render_single(&record, Format::Text).unwrap();
        assert_eq!(text, b"T\n\nBody.\n");
        let markdown = render_single(&record, Format::Markdown).unwrap();
        assert_eq!(markdown, b"# T\n\nBody.\n");
        let error = render_single(&Err(failure()), Format::Markdown).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&error).unwrap();
        assert_eq!(value["error"]["kind"], "binary");
    }

    #[test]
    fn file_extensions_follow_the_format() {
        assert_eq!(file_extension(Format::Jsonl, false), "json");
        assert_eq!(file_extension(Format::Json, false), "json");
        assert_eq!(file_extension(Format::Text, false), "txt");
        assert_eq!(file_extension(Format::Markdown, false), "md");
        assert_eq!(file_extension(Format::Text, true), "error.json");
    }
}
