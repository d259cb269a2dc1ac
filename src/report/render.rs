//! The report's HTML, piece by piece. Every string taken from an input goes through
//! [`escape_into`]; the markup itself holds no script and loads nothing.

use std::fmt::Write as _;

use super::content::{in_order, Piece};
use super::escape::escape_into;
use super::legend::{meaning, reason_rules};
use super::style::CSS;
use super::tally::{percent, ByReason, Totals};
use crate::block::BlockKind;
use crate::record::{Article, ErrorRecord};
use crate::Reason;

/// The Content-Security-Policy of the report: nothing may load or run; only the inline
/// style sheet and data: images are allowed.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// What the table of contents says about one document.
#[derive(Debug, Clone)]
pub struct TocEntry {
    /// The document's record id.
    pub id: String,
    /// Its title, if any.
    pub title: Option<String>,
    /// Body blocks kept.
    pub kept: usize,
    /// Pieces removed.
    pub removed: usize,
    /// The error kind, for an input that failed.
    pub error: Option<String>,
}

impl TocEntry {
    /// The entry of `record`.
    pub fn of(record: &Result<Article, ErrorRecord>) -> Self {
        match record {
            Ok(article) => TocEntry {
                id: article.id.clone(),
                title: article.title.clone(),
                kept: article.blocks.len(),
                removed: article.removed.len(),
                error: None,
            },
            Err(error) => TocEntry {
                id: error.id.clone(),
                title: None,
                kept: 0,
                removed: 0,
                error: Some(error.error.kind.clone()),
            },
        }
    }
}

/// Append escaped `text` to `out`.
fn text(out: &mut String, value: &str) {
    escape_into(out, value);
}

/// The start of the report, up to and including the opening of `<main>`: the document
/// head with its policy and style sheet.
pub fn head(out: &mut String, title: &str) {
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    let _ = writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">"
    );
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str("<title>");
    text(out, title);
    out.push_str("</title>\n<style>");
    out.push_str(CSS);
    out.push_str(&reason_rules());
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
}

/// The end of the report.
pub fn tail(out: &mut String) {
    out.push_str("</main>\n</body>\n</html>\n");
}

/// The report's header: its title, what it covers, and the total figures.
pub fn header(out: &mut String, title: &str, inputs: &str, totals: &Totals) {
    out.push_str("<header>\n<h1>");
    text(out, title);
    out.push_str("</h1>\n<p class=\"sub\">");
    text(out, inputs);
    let _ = writeln!(out, " · deboil {}</p>", env!("CARGO_PKG_VERSION"));
    out.push_str("<div class=\"card figures\">\n");
    let removed_share = format!("{:.1}%", totals.removed_percent());
    let figures = [
        (grouped(totals.documents()), "documents"),
        (grouped(totals.errors), "errors"),
        (grouped(totals.kept_blocks), "blocks kept"),
        (grouped(totals.removed_pieces()), "pieces removed"),
        (grouped(totals.kept_chars), "characters kept"),
        (grouped(totals.removed_chars), "characters removed"),
        (removed_share, "of the text removed"),
    ];
    for (value, label) in figures {
        let _ = writeln!(out, "<div><b>{value}</b><span>{label}</span></div>");
    }
    out.push_str("</div>\n</header>\n");
}

/// The legend: each reason code found, with its colour, meaning and totals, then the
/// codes not found (their meaning on hover).
pub fn legend(out: &mut String, totals: &Totals) {
    out.push_str("<section class=\"card legend\" id=\"legend\">\n<h2>Reasons</h2>\n");
    let (found, unused): (Vec<Reason>, Vec<Reason>) = Reason::ALL
        .iter()
        .partition(|reason| totals.reasons.contains_key(reason));
    if found.is_empty() {
        out.push_str("<p>Nothing was removed.</p>\n");
    } else {
        legend_table(out, totals, &found);
    }
    if !unused.is_empty() {
        out.push_str("<p class=\"unused\">Not found here: ");
        for reason in unused {
            let _ = write!(
                out,
                "<span class=\"tag r-{0}\" title=\"{1}\">{0}</span> ",
                reason.code(),
                meaning(reason)
            );
        }
        out.push_str("</p>\n");
    }
    out.push_str("</section>\n");
}

/// The legend's table of the reasons found.
fn legend_table(out: &mut String, totals: &Totals, found: &[Reason]) {
    out.push_str("<table>\n<tr><th>code</th><th>meaning</th><th class=\"num\">pieces</th><th class=\"num\">characters</th><th class=\"num\">documents</th></tr>\n");
    for &reason in found {
        let count = totals.reasons.get(&reason).copied().unwrap_or_default();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            tag(reason),
            meaning(reason),
            grouped(count.pieces),
            grouped(count.chars),
            grouped(count.documents)
        );
    }
    out.push_str("</table>\n");
}

/// The table of contents: one row per document, linking to its section.
pub fn toc(out: &mut String, entries: &[TocEntry]) {
    out.push_str("<nav class=\"card toc\" id=\"contents\">\n<h2>Documents</h2>\n<table>\n");
    out.push_str("<tr><th class=\"num\">#</th><th>document</th><th>title</th><th class=\"num\">kept</th><th class=\"num\">removed</th></tr>\n");
    for (index, entry) in entries.iter().enumerate() {
        let number = index + 1;
        let _ = write!(
            out,
            "<tr><td class=\"num\">{number}</td><td class=\"id\"><a href=\"#d{number}\">"
        );
        text(out, &entry.id);
        out.push_str("</a></td><td>");
        match (&entry.error, &entry.title) {
            (Some(kind), _) => {
                out.push_str("<span class=\"bad\">error: ");
                text(out, kind);
                out.push_str("</span>");
            }
            (None, Some(title)) => text(out, title),
            (None, None) => out.push_str("<span class=\"untitled\">no title</span>"),
        }
        let _ = writeln!(
            out,
            "</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            grouped(entry.kept),
            grouped(entry.removed)
        );
    }
    out.push_str("</table>\n</nav>\n");
}

/// One document's section (number `number`, from 1), open or folded.
pub fn document(
    out: &mut String,
    number: usize,
    record: &Result<Article, ErrorRecord>,
    counts: &ByReason,
    open: bool,
) {
    let class = if record.is_ok() { "doc" } else { "doc err" };
    let open = if open { " open" } else { "" };
    let _ = write!(
        out,
        "<section class=\"{class}\" id=\"d{number}\"><details{open}>\n<summary><span class=\"n\">{number}</span><h2>"
    );
    match record {
        Ok(article) => article_section(out, article, counts),
        Err(error) => error_section(out, error),
    }
    out.push_str("</div></details></section>\n");
}

/// The summary line and body of a cleaned document (after `<h2>`).
fn article_section(out: &mut String, article: &Article, counts: &ByReason) {
    match &article.title {
        Some(title) => text(out, title),
        None => out.push_str("<span class=\"untitled\">no title</span>"),
    }
    out.push_str("<small>");
    text(out, &article.id);
    out.push_str("</small>");
    let _ = writeln!(
        out,
        "</h2><span class=\"sum\">{} kept · {} removed</span></summary>\n<div class=\"body\">",
        grouped(article.blocks.len()),
        grouped(article.removed.len())
    );
    metadata(out, article);
    chips(out, counts);
    out.push_str("<div class=\"rows\">\n");
    for piece in in_order(article) {
        row(out, piece);
    }
    out.push_str("</div>\n");
}

/// The summary line and body of an input that failed (after `<h2>`).
fn error_section(out: &mut String, error: &ErrorRecord) {
    text(out, &error.id);
    out.push_str("</h2><span class=\"sum\">error: ");
    text(out, &error.error.kind);
    out.push_str("</span></summary>\n<div class=\"body\">\n<dl class=\"meta\">");
    field(out, "source", &error.source);
    field(out, "error", &error.error.kind);
    field(out, "message", &error.error.message);
    out.push_str("</dl>\n");
}

/// The record's metadata as a definition list (absent fields left out).
fn metadata(out: &mut String, article: &Article) {
    out.push_str("<dl class=\"meta\">");
    field(out, "source", &article.source);
    let input = match article.input {
        crate::InputKind::Text => "text",
        crate::InputKind::Html => "html",
    };
    field(out, "input", input);
    let optional = [
        ("standfirst", &article.standfirst),
        ("published", &article.published),
        ("byline", &article.byline),
        ("site", &article.site),
        ("lang", &article.lang),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            field(out, name, value);
        }
    }
    for (name, url) in [("url", &article.url), ("canonical", &article.canonical)] {
        if let Some(url) = url {
            url_field(out, name, url);
        }
    }
    let stats = &article.stats;
    let size = format!(
        "{} bytes read · {} characters kept · {} removed ({:.1}%)",
        grouped(stats.input_bytes),
        grouped(stats.kept_chars),
        grouped(stats.removed_chars),
        percent(stats.removed_chars, stats.kept_chars + stats.removed_chars)
    );
    field(out, "size", &size);
    for warning in &article.warnings {
        field(out, "warning", warning);
    }
    out.push_str("</dl>\n");
}

/// One `<dt>name</dt><dd>value</dd>` pair.
fn field(out: &mut String, name: &str, value: &str) {
    out.push_str("<dt>");
    text(out, name);
    out.push_str("</dt><dd>");
    text(out, value);
    out.push_str("</dd>");
}

/// A URL field: a link when it is an http(s) URL, plain text otherwise.
fn url_field(out: &mut String, name: &str, url: &str) {
    let lower = url.trim_start().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return field(out, name, url);
    }
    out.push_str("<dt>");
    text(out, name);
    out.push_str("</dt><dd><a rel=\"noreferrer noopener\" href=\"");
    text(out, url.trim_start());
    out.push_str("\">");
    text(out, url);
    out.push_str("</a></dd>");
}

/// The document's removals by reason, as labelled chips.
fn chips(out: &mut String, counts: &ByReason) {
    if counts.is_empty() {
        return;
    }
    out.push_str("<div class=\"chips\">");
    for (reason, count) in counts {
        let code = reason.code();
        let _ = write!(
            out,
            "<span class=\"tag r-{code}\">{code} {}</span>",
            grouped(count.pieces)
        );
    }
    out.push_str("</div>\n");
}

/// One row of content: a kept block plain, a removed piece struck through under its
/// reason's label and colour.
fn row(out: &mut String, piece: Piece<'_>) {
    match piece {
        Piece::Kept(block) => match (block.kind, &block.structure.rows) {
            (BlockKind::Code, _) => {
                let _ = write!(out, "<div class=\"k c\"><i>{}</i><pre>", block.line);
                text(out, &block.text);
                out.push_str("</pre></div>\n");
            }
            (BlockKind::Table, Some(rows)) => {
                let _ = write!(out, "<div class=\"k t\"><i>{}</i>", block.line);
                cells(out, rows);
                out.push_str("</div>\n");
            }
            _ => {
                let _ = write!(
                    out,
                    "<p class=\"k{}\"><i>{}</i><span>",
                    kind_class(block.kind),
                    block.line
                );
                text(out, &block.text);
                out.push_str("</span></p>\n");
            }
        },
        Piece::Removed(removal) => {
            let code = removal.reason.code();
            let _ = write!(
                out,
                "<p class=\"x r-{code}\"><i>{}</i><b>{code}</b><del>",
                removal.line
            );
            text(out, &removal.text);
            out.push_str("</del></p>\n");
        }
    }
}

/// A kept table's rows as an HTML table, the first row as its header.
fn cells(out: &mut String, rows: &[Vec<String>]) {
    out.push_str("<table>");
    for (index, row) in rows.iter().enumerate() {
        let cell = if index == 0 { "th" } else { "td" };
        out.push_str("<tr>");
        for value in row {
            let _ = write!(out, "<{cell}>");
            text(out, value);
            let _ = write!(out, "</{cell}>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
}

/// The extra class of a kept block of `kind` (with its leading space).
fn kind_class(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Paragraph => "",
        BlockKind::Heading => " h",
        BlockKind::ListItem => " li",
        BlockKind::Quote => " q",
        BlockKind::Table => " t",
        BlockKind::Code => " c",
    }
}

/// The label of a reason, in its colours.
fn tag(reason: Reason) -> String {
    format!("<span class=\"tag r-{0}\">{0}</span>", reason.code())
}

/// `n` with thin groups of three digits (`12,345`).
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hostile_article() -> Article {
        let text = "A <script>alert(1)</script> headline\n\nThe first paragraph quotes <img src=x onerror=alert(2)> and \"quotes\" at length for the story.\n2 min read\n";
        let mut article = crate::clean_text(text, &crate::Options::default());
        article.id = "<b>id</b>\".txt".to_string();
        article.source = "dir/'quoted'.txt".to_string();
        article.url = Some("javascript:alert(3)".to_string());
        article
    }

    #[test]
    fn input_text_never_becomes_markup() {
        let article = hostile_article();
        let mut out = String::new();
        let record = Ok(article.clone());
        document(
            &mut out,
            1,
            &record,
            &super::super::tally::by_reason(&article),
            true,
        );
        toc(&mut out, &[TocEntry::of(&record)]);
        assert!(!out.contains("<script"), "{out}");
        assert!(!out.contains("<img"), "{out}");
        assert!(!out.contains("<b>id"), "{out}");
        assert!(!out.contains("href=\"javascript"), "{out}");
        assert!(
            out.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{out}"
        );
        assert!(out.contains("&quot;quotes&quot;"), "{out}");
    }

    #[test]
    fn http_urls_become_links() {
        let mut article = hostile_article();
        article.url = Some("https://example.org/a?b=1&c=\"2\"".to_string());
        let mut out = String::new();
        metadata(&mut out, &article);
        assert!(
            out.contains("href=\"https://example.org/a?b=1&amp;c=&quot;2&quot;\""),
            "{out}"
        );
    }

    #[test]
    fn removed_pieces_carry_their_reason_label() {
        let article = hostile_article();
        let mut out = String::new();
        for piece in in_order(&article) {
            row(&mut out, piece);
        }
        assert_eq!(out.matches("<del>").count(), article.removed.len());
        for removal in &article.removed {
            let code = removal.reason.code();
            assert!(out.contains(&format!("<b>{code}</b>")), "{out}");
        }
    }

    #[test]
    fn code_keeps_its_lines_in_pre_and_tables_are_tables() {
        let mut article = hostile_article();
        let mut code = crate::BodyBlock::new(BlockKind::Code, "a < b\n    c".into(), 90);
        code.structure.lang = Some("c".into());
        let mut table = crate::BodyBlock::new(BlockKind::Table, "k\tv\n<i>\t2".into(), 91);
        table.structure.rows = Some(vec![
            vec!["k".into(), "v".into()],
            vec!["<i>".into(), "2".into()],
        ]);
        article.blocks = vec![code, table];
        article.removed.clear();
        let mut out = String::new();
        for piece in in_order(&article) {
            row(&mut out, piece);
        }
        assert!(out.contains("<pre>a &lt; b\n    c</pre>"), "{out}");
        assert!(
            out.contains(
                "<table><tr><th>k</th><th>v</th></tr><tr><td>&lt;i&gt;</td><td>2</td></tr></table>"
            ),
            "{out}"
        );
    }

    #[test]
    fn error_records_show_kind_and_message() {
        let error = ErrorRecord {
            id: "broken.txt.gz".into(),
            source: "in/broken.txt.gz".into(),
            error: crate::ErrorInfo {
                kind: "gzip".into(),
                message: "corrupt <gzip> data".into(),
            },
            warc: None,
        };
        let mut out = String::new();
        document(&mut out, 2, &Err(error), &ByReason::new(), false);
        assert!(out.contains("class=\"doc err\" id=\"d2\""), "{out}");
        assert!(
            out.contains("error: gzip") && out.contains("corrupt &lt;gzip&gt; data"),
            "{out}"
        );
    }

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}
