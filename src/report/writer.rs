//! Assembling the report: document sections are written as records arrive (to a
//! spooled temporary file, so thousands of documents do not sit in memory), then the
//! head, totals, legend and table of contents go in front of them.

use std::io::{self, Seek, Write};

use tempfile::SpooledTempFile;

use super::render::{self, TocEntry};
use super::tally::{by_reason, Totals};
use crate::record::{Article, ErrorRecord};

/// Sections held in memory up to this size, then in a temporary file.
const SPOOL_BYTES: usize = 32 << 20;

/// Documents are shown unfolded when the report has at most this many; beyond it each
/// is folded under its summary line, so a large report opens fast.
pub const UNFOLDED_MAX: usize = 50;

/// Builds one report from records given in order.
pub struct ReportWriter {
    title: String,
    inputs: String,
    unfolded: bool,
    sections: SpooledTempFile,
    toc: Vec<TocEntry>,
    totals: Totals,
    buffer: String,
}

impl ReportWriter {
    /// A report titled `title`, describing its inputs as `inputs`, of about `expected`
    /// documents (which decides whether documents are shown unfolded).
    pub fn new(title: &str, inputs: &str, expected: usize) -> Self {
        ReportWriter {
            title: title.to_string(),
            inputs: inputs.to_string(),
            unfolded: expected <= UNFOLDED_MAX,
            sections: SpooledTempFile::new(SPOOL_BYTES),
            toc: Vec::new(),
            totals: Totals::default(),
            buffer: String::new(),
        }
    }

    /// Add the next document: an article or the error record of an input that failed.
    pub fn add(&mut self, record: &Result<Article, ErrorRecord>) -> io::Result<()> {
        let counts = match record {
            Ok(article) => by_reason(article),
            Err(_) => Default::default(),
        };
        self.totals.add(record, &counts);
        self.toc.push(TocEntry::of(record));
        self.buffer.clear();
        let number = self.toc.len();
        render::document(&mut self.buffer, number, record, &counts, self.unfolded);
        self.sections.write_all(self.buffer.as_bytes())
    }

    /// The totals so far.
    pub fn totals(&self) -> &Totals {
        &self.totals
    }

    /// Write the whole report to `out`.
    pub fn finish(mut self, out: &mut impl Write) -> io::Result<()> {
        let mut front = String::new();
        render::head(&mut front, &self.title);
        render::header(&mut front, &self.title, &self.inputs, &self.totals);
        render::legend(&mut front, &self.totals);
        if self.toc.len() > 1 {
            render::toc(&mut front, &self.toc);
        }
        out.write_all(front.as_bytes())?;
        self.sections.rewind()?;
        io::copy(&mut self.sections, out)?;
        let mut end = String::new();
        render::tail(&mut end);
        out.write_all(end.as_bytes())?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str, id: &str) -> Article {
        let mut article = crate::clean_text(text, &crate::Options::default());
        article.id = id.to_string();
        article
    }

    fn report(records: &[Result<Article, ErrorRecord>], expected: usize) -> String {
        let mut writer = ReportWriter::new("deboil report", "inputs", expected);
        for record in records {
            writer.add(record).unwrap();
        }
        let mut out = Vec::new();
        writer.finish(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn documents_follow_the_contents_in_order() {
        let text = "A headline\n\nThe first paragraph of the story, long enough to read as prose.\n2 min read\n";
        let records = [Ok(article(text, "one.txt")), Ok(article(text, "two.txt"))];
        let html = report(&records, 2);
        let contents = html.find("id=\"contents\"").unwrap();
        let first = html.find("id=\"d1\"").unwrap();
        let second = html.find("id=\"d2\"").unwrap();
        assert!(contents < first && first < second);
        assert!(html.contains("<details open>"));
        assert!(html.trim_end().ends_with("</html>"));
    }

    #[test]
    fn one_document_has_no_contents_and_many_are_folded() {
        let text =
            "A headline\n\nThe first paragraph of the story, long enough to read as prose.\n";
        let one = report(&[Ok(article(text, "one.txt"))], 1);
        assert!(!one.contains("id=\"contents\""));
        let many = report(&[Ok(article(text, "one.txt"))], UNFOLDED_MAX + 1);
        assert!(!many.contains("<details open>") && many.contains("<details>"));
    }
}
