//! Writing records: JSON Lines, a JSON array, plain text or Markdown, plus an output
//! file that appears only once it is complete.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::block::BlockKind;
use crate::record::{Article, ErrorRecord};

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
    /// Markdown: `# title`, the standfirst as an *emphasised* paragraph, `##` headings,
    /// `-` list items, `>` quotes, tables as pipe tables; records are separated by a
    /// `---` line.
    Markdown,
}

/// The line written between two records in the text format: a form feed alone.
pub const TEXT_SEPARATOR: &str = "\x0c\n";
/// The lines written between two records in the Markdown format: a thematic break.
pub const MARKDOWN_SEPARATOR: &str = "\n---\n\n";

/// Writes a stream of records (articles and error records, in order) in one format.
pub struct RecordWriter<W: Write> {
    out: W,
    format: Format,
    written: usize,
}

impl<W: Write> RecordWriter<W> {
    /// A writer of `format` onto `out`.
    pub fn new(out: W, format: Format) -> Self {
        RecordWriter {
            out,
            format,
            written: 0,
        }
    }

    /// Write one record: an article, or the error record of an input that failed.
    pub fn write(&mut self, record: &Result<Article, ErrorRecord>) -> io::Result<()> {
        self.separate()?;
        match (self.format, record) {
            (Format::Jsonl, Ok(article)) => write_compact(&mut self.out, article),
            (Format::Jsonl, Err(error)) => write_compact(&mut self.out, error),
            (Format::Json, Ok(article)) => write_indented(&mut self.out, article),
            (Format::Json, Err(error)) => write_indented(&mut self.out, error),
            (Format::Text, Ok(article)) => self.out.write_all(render_text(article).as_bytes()),
            (Format::Markdown, Ok(article)) => {
                self.out.write_all(render_markdown(article).as_bytes())
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
    let parts: Vec<&str> = article
        .title
        .iter()
        .chain(article.standfirst.iter())
        .map(String::as_str)
        .chain(article.blocks.iter().map(|b| b.text.as_str()))
        .collect();
    finish_document(parts.join("\n\n"))
}

/// The Markdown rendering of an article.
pub fn render_markdown(article: &Article) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(title) = &article.title {
        parts.push(format!("# {}", one_line(title)));
    }
    if let Some(standfirst) = &article.standfirst {
        parts.push(format!("*{}*", escape_inline(&one_line(standfirst))));
    }
    let mut previous = None;
    for block in &article.blocks {
        let text = markdown_block(block.kind, &block.text);
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

/// One body block in Markdown.
fn markdown_block(kind: BlockKind, text: &str) -> String {
    match kind {
        BlockKind::Heading => format!("## {}", one_line(text)),
        BlockKind::ListItem => format!("- {}", one_line(text)),
        BlockKind::Quote => text
            .lines()
            .map(|line| format!("> {}", escape_line_start(line)))
            .collect::<Vec<_>>()
            .join("\n"),
        BlockKind::Table => markdown_table(text),
        BlockKind::Paragraph => text
            .lines()
            .map(escape_line_start)
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// A table block (cells joined by tabs, rows by new lines) as a Markdown pipe table
/// whose first row is the header.
fn markdown_table(text: &str) -> String {
    let rows: Vec<Vec<String>> = text
        .lines()
        .map(|row| {
            row.split('\t')
                .map(|c| c.trim().replace('|', "\\|"))
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

/// An output file written under a temporary name in the same directory and renamed
/// over the target on [`AtomicFile::commit`]; dropped uncommitted, it is removed.
pub struct AtomicFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Create the temporary file next to `target`.
    pub fn create(target: &Path) -> io::Result<Self> {
        let name = target
            .file_name()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "not a file path"))?;
        let temp = target.with_file_name(format!(
            ".{}.{}.tmp",
            name.to_string_lossy(),
            std::process::id()
        ));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)?;
        Ok(AtomicFile {
            target: target.to_path_buf(),
            temp,
            file: Some(BufWriter::new(file)),
        })
    }

    /// Flush, sync and rename the temporary file over the target. On failure the
    /// temporary file is removed and the target left as it was.
    pub fn commit(mut self) -> io::Result<()> {
        let writer = self
            .file
            .take()
            .ok_or_else(|| io::Error::other("output already committed"))?;
        let result = writer
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|file| file.sync_all())
            .and_then(|()| fs::rename(&self.temp, &self.target));
        if result.is_err() {
            let _ = fs::remove_file(&self.temp);
        }
        result
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("output already committed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(file) => file.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.temp);
        }
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
            lang: None,
            text: blocks.iter().map(|b| b.1).collect::<Vec<_>>().join("\n\n"),
            blocks: blocks
                .iter()
                .enumerate()
                .map(|(i, (kind, text))| BodyBlock {
                    kind: *kind,
                    text: text.to_string(),
                    line: i + 1,
                })
                .collect(),
            removed: vec![],
            warnings: vec![],
            stats: Stats::default(),
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

    #[test]
    fn atomic_file_appears_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"hello\n").unwrap();
        assert!(!target.exists());
        file.commit().unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "hello\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn failed_commit_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("taken");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("inside"), "x").unwrap();
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"data").unwrap();
        assert!(file.commit().is_err());
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn dropped_atomic_file_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out.jsonl");
        let mut file = AtomicFile::create(&target).unwrap();
        file.write_all(b"partial").unwrap();
        drop(file);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
