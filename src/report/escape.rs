//! HTML escaping: every string taken from an input goes through [`escape_into`] before
//! it reaches the report, in text and in attribute values alike.

/// Append `text` to `out` with the five HTML-significant characters (`& < > " '`)
/// replaced by character references, and control characters that HTML does not allow
/// (C0 except tab, line feed and carriage return; DEL; C1) replaced by U+FFFD, so the
/// text can stand anywhere in the report: element content or a quoted attribute value.
pub fn escape_into(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some(at) = rest.find(needs_escape) {
        out.push_str(&rest[..at]);
        let Some(c) = rest[at..].chars().next() else {
            break;
        };
        out.push_str(replacement(c));
        rest = &rest[at + c.len_utf8()..];
    }
    out.push_str(rest);
}

/// `text` escaped as by [`escape_into`], as a new string.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    escape_into(&mut out, text);
    out
}

/// Whether `c` must be replaced.
fn needs_escape(c: char) -> bool {
    matches!(c, '&' | '<' | '>' | '"' | '\'') || is_disallowed_control(c)
}

/// A control character HTML does not allow in text.
fn is_disallowed_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// What replaces `c` (one of the characters [`needs_escape`] accepts).
fn replacement(c: char) -> &'static str {
    match c {
        '&' => "&amp;",
        '<' => "&lt;",
        '>' => "&gt;",
        '"' => "&quot;",
        '\'' => "&#39;",
        _ => "\u{FFFD}",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_become_references() {
        assert_eq!(
            escape("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            escape(r#"a "q" & 'b'"#),
            "a &quot;q&quot; &amp; &#39;b&#39;"
        );
        assert_eq!(escape("&lt;"), "&amp;lt;");
    }

    #[test]
    fn plain_and_non_ascii_text_is_unchanged() {
        for text in [
            "",
            "plain",
            "the city’s «café» — 東京 🎉",
            "tab\tand\nlines\r",
        ] {
            assert_eq!(escape(text), text);
        }
    }

    #[test]
    fn disallowed_controls_are_replaced() {
        assert_eq!(
            escape("a\u{0}b\u{7}c\u{7f}d\u{85}"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d\u{FFFD}"
        );
    }

    #[test]
    fn escaped_text_holds_no_markup_character() {
        let nasty = "\"'><img src=x onerror=alert(1)>&#x3C;</title></style>";
        let escaped = escape(nasty);
        assert!(!escaped.contains(['<', '>', '"', '\'']), "{escaped}");
        let back = [
            ("&lt;", "<"),
            ("&gt;", ">"),
            ("&quot;", "\""),
            ("&#39;", "'"),
        ]
        .iter()
        .fold(escaped.clone(), |text, (from, to)| text.replace(from, to))
        .replace("&amp;", "&");
        assert_eq!(back, nasty);
    }
}
