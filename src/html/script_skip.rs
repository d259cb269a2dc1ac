//! Script bodies left out before the parse. Much of a big news page sits inside
//! `<script>`, which the tokenizer reads and the tree builder copies into text nodes
//! nobody reads. A scan that follows the tokenizer's states (comments, bogus comments,
//! tags with quoted attributes, RCDATA and RAWTEXT elements, script data, foreign
//! content) finds those bodies and hands the parser the page without them, the
//! elements themselves kept. JSON-LD scripts keep their bodies (metadata reads them).
//! Style bodies are kept: a `<style>` inside a heading is part of that element's text
//! as the page's readers see it in the tree.
//!
//! The scan is conservative: at anything whose tokenizer state it does not follow
//! exactly (`<!--` inside a script, `select`, `plaintext`, `frameset`, HTML inside
//! SVG or MathML, a `title` or `textarea` holding markup, the end of the input inside a
//! construct), it stops skipping and passes the rest of the page unchanged.

/// The page with non-JSON-LD script bodies left out, or `None` when no body
/// was left out.
pub fn skip_bodies(page: &str) -> Option<String> {
    let mut scan = Scan {
        page,
        bytes: page.as_bytes(),
        pos: 0,
        copied: 0,
        out: String::new(),
        foreign: Vec::new(),
    };
    scan.run();
    if scan.copied == 0 {
        return None;
    }
    scan.out.push_str(&page[scan.copied..]);
    Some(scan.out)
}

/// HTML start tags that end foreign content (the tree builder's breakout list).
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Foreign elements inside which start tags are read as HTML (integration points).
const INTEGRATION: &[&str] = &[
    "foreignobject",
    "desc",
    "title",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// The scanner's state.
struct Scan<'p> {
    /// The page.
    page: &'p str,
    /// Its bytes.
    bytes: &'p [u8],
    /// Where the scan is.
    pos: usize,
    /// The page is copied to `out` up to here.
    copied: usize,
    /// The page without the bodies left out so far.
    out: String,
    /// Open foreign (SVG, MathML) elements, innermost last; empty in HTML content.
    foreign: Vec<String>,
}

/// A start or end tag read by the scan.
struct TagRead<'p> {
    /// Its name as written.
    name: &'p str,
    /// Whether it ends with `/>`.
    self_closing: bool,
    /// The raw value of its first `type` attribute.
    kind: Option<&'p str>,
}

/// Why the scan stops skipping.
struct Stop;

impl<'p> Scan<'p> {
    /// Scan the whole page; on a [`Stop`] the rest is left as it is.
    fn run(&mut self) {
        while let Some(at) = find(self.page, self.pos, "<") {
            self.pos = at;
            if self.markup().is_err() {
                return;
            }
        }
    }

    /// Read the construct at a `<`.
    fn markup(&mut self) -> Result<(), Stop> {
        let rest = &self.bytes[self.pos..];
        if rest.starts_with(b"<!--") {
            self.pos = comment_end(self.page, self.pos + 4).ok_or(Stop)?;
        } else if rest.starts_with(b"<![CDATA[") && !self.foreign.is_empty() {
            self.pos = find(self.page, self.pos, "]]>").ok_or(Stop)? + 3;
        } else if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            self.pos = find(self.page, self.pos, ">").ok_or(Stop)? + 1;
        } else if rest.starts_with(b"</") {
            self.end_tag()?;
        } else if rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
            self.pos += 1;
            let tag = self.tag()?;
            self.start_tag(&tag)?;
        } else {
            self.pos += 1;
        }
        Ok(())
    }

    /// An end tag (or `</>`, or a bogus comment).
    fn end_tag(&mut self) -> Result<(), Stop> {
        match self.bytes.get(self.pos + 2) {
            Some(b'>') => self.pos += 3,
            Some(c) if c.is_ascii_alphabetic() => {
                self.pos += 2;
                let tag = self.tag()?;
                if !self.foreign.is_empty() {
                    let name = tag.name.to_ascii_lowercase();
                    if name == "p" || name == "br" {
                        return Err(Stop);
                    }
                    if let Some(at) = self.foreign.iter().rposition(|n| *n == name) {
                        self.foreign.truncate(at);
                    }
                }
            }
            Some(_) => self.pos = find(self.page, self.pos, ">").ok_or(Stop)? + 1,
            None => return Err(Stop),
        }
        Ok(())
    }

    /// What a start tag does to the tokenizer.
    fn start_tag(&mut self, tag: &TagRead) -> Result<(), Stop> {
        if let Some(current) = self.foreign.last() {
            let name = tag.name.to_ascii_lowercase();
            if INTEGRATION.contains(&current.as_str()) || BREAKOUT.contains(&name.as_str()) {
                return Err(Stop);
            }
            if !tag.self_closing {
                self.foreign.push(name);
            }
            return Ok(());
        }
        if tag.name.len() > 9 {
            return Ok(());
        }
        let mut lower = [0u8; 9];
        let lower = &mut lower[..tag.name.len()];
        lower.copy_from_slice(tag.name.as_bytes());
        lower.make_ascii_lowercase();
        let name = std::str::from_utf8(lower).unwrap_or("");
        match name {
            "svg" | "math" if !tag.self_closing => self.foreign.push(name.to_string()),
            "select" | "plaintext" | "frameset" => return Err(Stop),
            "title" | "textarea" => {
                let end = raw_end(self.page, self.pos, name).ok_or(Stop)?;
                if self.page[self.pos..end].contains('<') {
                    return Err(Stop);
                }
                self.pos = end;
            }
            "xmp" | "style" | "iframe" | "noembed" | "noframes" | "noscript" => {
                self.pos = raw_end(self.page, self.pos, name).ok_or(Stop)?;
            }
            "script" => {
                let end = raw_end(self.page, self.pos, name).ok_or(Stop)?;
                if self.page[self.pos..end].contains("<!--") {
                    return Err(Stop);
                }
                let json_ld = tag.kind.is_some_and(|k| {
                    k.contains('&') || k.eq_ignore_ascii_case("application/ld+json")
                });
                if json_ld {
                    self.pos = end;
                } else {
                    self.leave_out(end);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Leave out the page from the scan position to `end` (a body); the scan goes on
    /// at `end`.
    fn leave_out(&mut self, end: usize) {
        if end > self.pos {
            if self.out.capacity() == 0 {
                self.out.reserve(self.page.len() / 2);
            }
            self.out.push_str(&self.page[self.copied..self.pos]);
            self.copied = end;
        }
        self.pos = end;
    }

    /// Read a tag from its name (just after `<` or `</`) to after its `>`.
    fn tag(&mut self) -> Result<TagRead<'p>, Stop> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
            i += 1;
        }
        let mut read = TagRead {
            name: &self.page[start..i],
            self_closing: false,
            kind: None,
        };
        loop {
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                None => return Err(Stop),
                Some(b'>') => {
                    self.pos = i + 1;
                    return Ok(read);
                }
                Some(b'/') => {
                    i += 1;
                    if bytes.get(i) == Some(&b'>') {
                        read.self_closing = true;
                    }
                    continue;
                }
                Some(_) => {}
            }
            // An attribute name (a first `=` belongs to it), then maybe a value.
            let name_start = i;
            i += 1;
            while i < bytes.len() && !is_space(bytes[i]) && !b"/>=".contains(&bytes[i]) {
                i += 1;
            }
            let attr = &bytes[name_start..i];
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            if bytes.get(i) != Some(&b'=') {
                continue;
            }
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            let (value_start, value_end) = match bytes.get(i) {
                None => return Err(Stop),
                Some(&quote) if quote == b'"' || quote == b'\'' => {
                    let end = find(self.page, i + 1, if quote == b'"' { "\"" } else { "'" })
                        .ok_or(Stop)?;
                    let span = (i + 1, end);
                    i = end + 1;
                    span
                }
                Some(_) => {
                    let from = i;
                    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'>' {
                        i += 1;
                    }
                    (from, i)
                }
            };
            if attr.eq_ignore_ascii_case(b"type") && read.kind.is_none() {
                read.kind = self.page.get(value_start..value_end);
            }
        }
    }
}

/// Whether a byte is white space between attributes (tab, line feed, form feed,
/// carriage return, space).
fn is_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | b'\x0C' | b'\r' | b' ')
}

/// The first position at or after `from` where `needle` starts. Positions are of
/// ASCII bytes (or the end), so every cut is a character boundary.
fn find(page: &str, from: usize, needle: &str) -> Option<usize> {
    let first = char::from(needle.as_bytes()[0]);
    let bytes = page.as_bytes();
    let mut at = from;
    loop {
        let hit = page.get(at..)?.find(first)? + at;
        if bytes[hit..].starts_with(needle.as_bytes()) {
            return Some(hit);
        }
        at = hit + 1;
    }
}

/// Where a comment whose text starts at `from` ends (after its `>`): `<!-->` and
/// `<!--->` end at once, others at the first `-->` or `--!>`.
fn comment_end(page: &str, from: usize) -> Option<usize> {
    let bytes = page.as_bytes();
    let rest = bytes.get(from..)?;
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = from;
    loop {
        let dashes = find(page, at, "--")?;
        match bytes.get(dashes + 2) {
            Some(b'>') => return Some(dashes + 3),
            Some(b'!') if bytes.get(dashes + 3) == Some(&b'>') => return Some(dashes + 4),
            Some(_) => at = dashes + 1,
            None => return None,
        }
    }
}

/// Where the text of a raw-text element named `name` that starts at `from` ends: at
/// the first `</name` (any case) followed by white space, `/` or `>`.
fn raw_end(page: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = page.as_bytes();
    let mut at = from;
    loop {
        let open = find(page, at, "</")?;
        let after = open + 2 + name.len();
        let matches = bytes
            .get(open + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name.as_bytes()));
        if matches
            && bytes
                .get(after)
                .is_some_and(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            return Some(open);
        }
        at = open + 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_out_script_bodies_but_json_ld() {
        let page = r#"<head><style>p{}</style><script type="application/ld+json">{"a":1}</script>
            <script src=x>var a = "</scrip" + "t>";</script ></head><p>text</p>"#;
        let out = skip_bodies(page).expect("bodies left out");
        assert_eq!(
            out,
            r#"<head><style>p{}</style><script type="application/ld+json">{"a":1}</script>
            <script src=x></script ></head><p>text</p>"#
        );
    }

    #[test]
    fn stops_where_the_tokenizer_state_is_not_followed() {
        assert_eq!(
            skip_bodies("<script><!-- x --></script><script>a</script>"),
            None
        );
        assert_eq!(skip_bodies("<select><script>a</script>"), None);
        assert_eq!(skip_bodies("<svg><foreignObject><script>a</script>"), None);
        assert_eq!(skip_bodies("<title>a <b></title><script>a</script>"), None);
        assert_eq!(skip_bodies("<script>never closed"), None);
    }

    #[test]
    fn comments_rawtext_and_foreign_content_are_passed_over() {
        let page = "<!-- <script>x</script> --><noscript><style>a</style></noscript>\
            <svg><style>b</style></svg><p title='<script>'>t</p><style>c</style><script>d</script>";
        assert_eq!(
            skip_bodies(page).as_deref(),
            Some(
                "<!-- <script>x</script> --><noscript><style>a</style></noscript>\
            <svg><style>b</style></svg><p title='<script>'>t</p><style>c</style><script></script>"
            )
        );
    }
}
