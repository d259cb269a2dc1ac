//! Property tests (proptest) on generated documents that mix article paragraphs with
//! noise lines, headings, blank lines and random characters.
//!
//! Checked on text input:
//! - **no invented text**: every kept piece (title, standfirst, each body block), white
//!   space folded, is a substring of the input, white space folded (stronger than "no
//!   sentence that was not in the input");
//! - **order**: body blocks come in input order (strictly rising lines, and an in-order
//!   embedding of their texts in the input);
//! - **audit trail**: every non-empty input line ends up in exactly one place (see
//!   [`audit`] for the precise definition);
//! - **idempotence**: cleaning the clean text of a record (`--format text`) again removes
//!   nothing more from the body (see [`check_idempotent`]).
//!
//! Checked on HTML input (the same documents wrapped in generated markup): no invented
//! sentence and body order. No panic on any input, in every mode: arbitrary bytes,
//! invalid UTF-8, NUL bytes, UTF-16 with lone surrogates, gzip, broken markup and
//! megabyte-long lines.
//!
//! Case counts are small enough for the file to run in well under 30 s in debug. Run
//! more with `PROPTEST_CASES=5000 cargo test --release --test properties` (the variable
//! multiplies nothing: it sets the case count of every property; the megabyte-line
//! property runs a tenth of it); the cases come from a fixed seed unless
//! `PROPTEST_RNG_SEED` is set. Failing cases are not persisted to files: a failure
//! prints its minimal input, which becomes a named regression test at the end of this
//! file.

use deboil::internals::normalise;
use deboil::BlockKind;
use deboil::{clean_bytes, clean_text, Article, InputMode, Options, Reason};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

// ---------------------------------------------------------------------------------
// Configuration.

/// The case count: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Seed of the generated cases when `PROPTEST_RNG_SEED` is not set: the suite (and CI)
/// runs the same cases every time, so a failure is reproducible and never a coin toss;
/// `PROPTEST_RNG_SEED=<n>` (with `PROPTEST_CASES`) explores other cases.
const DEFAULT_SEED: u64 = 0x00de_b011;

/// A proptest configuration with `cases(default)` cases and no failure files.
fn config(default: u32) -> Config {
    let defaults = Config::default();
    let rng_seed = if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
        defaults.rng_seed
    } else {
        RngSeed::Fixed(DEFAULT_SEED)
    };
    Config {
        cases: cases(default),
        failure_persistence: None,
        rng_seed,
        ..defaults
    }
}

/// Options for one front end, explaining (the audit trail kept).
fn options(input: InputMode) -> Options {
    Options::default().with_input(input)
}

// ---------------------------------------------------------------------------------
// Generators.

/// The vocabulary of article sentences: plain news words, none of them a noise phrase.
const WORDS: &[&str] = &[
    "the",
    "council",
    "river",
    "market",
    "said",
    "on",
    "tuesday",
    "new",
    "bridge",
    "will",
    "open",
    "next",
    "spring",
    "after",
    "years",
    "of",
    "delays",
    "residents",
    "have",
    "asked",
    "for",
    "more",
    "buses",
    "and",
    "a",
    "safer",
    "crossing",
    "near",
    "school",
    "mayor",
    "plan",
    "budget",
    "costs",
    "rose",
    "by",
    "ten",
    "percent",
    "while",
    "workers",
    "found",
    "old",
    "pipes",
    "under",
    "road",
    "engineers",
    "expect",
    "traffic",
    "to",
    "ease",
    "in",
    "summer",
    "farmers",
    "sold",
    "apples",
    "harbour",
    "boats",
    "storm",
    "flooded",
    "lower",
    "town",
    "police",
    "closed",
    "street",
    "library",
    "books",
    "children",
    "museum",
    "visitors",
    "train",
    "station",
    "morning",
    "evening",
    "week",
    "village",
    "hall",
    "was",
    "built",
    "stone",
    "roof",
    "repairs",
    "began",
    "late",
    "this",
    "month",
    "team",
    "won",
];

/// Capitalised names for bylines and captions.
const NAMES: &[&str] = &[
    "Anna", "Omar", "Jane", "Luca", "Marta", "Peter", "Ines", "Karim", "Sofia", "Tomas", "Haddad",
    "Doe", "Rossi", "Novak", "Garcia", "Schmidt", "Martin", "Okafor", "Berg",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A word of the vocabulary.
fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(WORDS)
}

/// A name.
fn name() -> impl Strategy<Value = &'static str> {
    prop::sample::select(NAMES)
}

/// `words` with its first letter upper-cased.
fn capitalised(words: &[&str]) -> String {
    let text = words.join(" ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// A sentence of 3 to 24 words, capitalised, ending in a full stop.
fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 3..25).prop_map(|words| format!("{}.", capitalised(&words)))
}

/// A paragraph of one to five sentences.
fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(sentence(), 1..6).prop_map(|s| s.join(" "))
}

/// A heading: two to eight words, capitalised, no full stop.
fn heading() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 2..9).prop_map(|words| capitalised(&words))
}

/// A noise line in the style of the phrase families (share, newsletter, cookie,
/// reading time, byline, date, caption, credit, breadcrumb, navigation, related).
fn noise_line() -> impl Strategy<Value = String> {
    let share = prop::sample::select(vec![
        "Share this article",
        "Share on Facebook",
        "Copy link",
        "Follow us on Twitter",
        "Facebook Twitter WhatsApp Email",
    ])
    .prop_map(str::to_owned);
    let newsletter = prop::sample::select(vec![
        "Sign up for our daily newsletter",
        "Get the morning briefing delivered to your inbox",
        "Subscribe to our weekly digest",
        "Don't miss a story",
    ])
    .prop_map(str::to_owned);
    let cookie = prop::sample::select(vec![
        "We use cookies to improve your experience on our site.",
        "Accept all cookies",
        "Cookie settings",
        "This site uses cookies",
    ])
    .prop_map(str::to_owned);
    let reading = (1u8..30).prop_map(|n| format!("{n} min read"));
    let byline =
        (name(), name(), prop::option::of((name(), name()))).prop_map(|(a, b, more)| match more {
            Some((c, d)) => format!("By {a} {b} and {c} {d}"),
            None => format!("By {a} {b}"),
        });
    let date = (1u8..29, prop::sample::select(MONTHS), 1990u16..2030)
        .prop_map(|(d, m, y)| format!("{d} {m}, {y}"));
    let caption = (prop::collection::vec(word(), 3..10), name(), name())
        .prop_map(|(words, a, b)| format!("{} (Photo: {a} {b}/Reuters)", capitalised(&words)));
    let credit = (name(), name()).prop_map(|(a, b)| format!("Photo: {a} {b}"));
    let breadcrumb = prop::collection::vec(heading(), 2..4).prop_map(|parts| parts.join(" > "));
    let navigation = prop::sample::select(vec!["Home", "Contact us", "About us", "Back to top"])
        .prop_map(str::to_owned);
    let related = heading().prop_map(|h| format!("Read more: {h}"));
    prop_oneof![
        share, newsletter, cookie, reading, byline, date, caption, credit, breadcrumb, navigation,
        related
    ]
}

/// A line of arbitrary characters (controls, NULs, invisible and unpaired-looking
/// characters included; a `char` is never a lone surrogate).
fn random_line() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<char>(), 0..40).prop_map(|chars| chars.into_iter().collect())
}

/// One piece of a generated document.
#[derive(Debug, Clone)]
enum Piece {
    /// Article prose.
    Paragraph(String),
    /// A list item with a bullet.
    Item(String),
    /// A heading-shaped line.
    Heading(String),
    /// A noise line.
    Noise(String),
    /// A line of random characters.
    Random(String),
    /// A repeat of an earlier piece (index modulo the pieces so far).
    Repeat(usize),
    /// An empty line.
    Blank,
}

/// A piece, weighted towards prose and noise.
fn piece(random: bool) -> impl Strategy<Value = Piece> {
    let random_weight = if random { 1 } else { 0 };
    prop_oneof![
        6 => paragraph().prop_map(Piece::Paragraph),
        1 => sentence().prop_map(|s| Piece::Item(format!("• {s}"))),
        2 => heading().prop_map(Piece::Heading),
        4 => noise_line().prop_map(Piece::Noise),
        random_weight => random_line().prop_map(Piece::Random),
        1 => any::<usize>().prop_map(Piece::Repeat),
        3 => Just(Piece::Blank),
    ]
}

/// A generated document: its pieces and whether its prose is hard-wrapped.
#[derive(Debug, Clone)]
struct Doc {
    pieces: Vec<String>,
    kinds: Vec<&'static str>,
    wrap: Option<usize>,
}

/// A document of up to 30 pieces, sometimes headed by a headline, sometimes
/// hard-wrapped at 60 to 78 columns. `random` lets random-character lines in.
fn doc(random: bool) -> impl Strategy<Value = Doc> {
    (
        prop::option::of(heading()),
        prop::collection::vec(piece(random), 0..30),
        prop::option::weighted(0.2, 60usize..79),
    )
        .prop_map(|(headline, pieces, wrap)| {
            let mut texts: Vec<String> = Vec::new();
            let mut kinds = Vec::new();
            if let Some(h) = headline {
                texts.push(h);
                kinds.push("headline");
            }
            for piece in pieces {
                let (text, kind) = match piece {
                    Piece::Paragraph(t) => (t, "paragraph"),
                    Piece::Item(t) => (t, "item"),
                    Piece::Heading(t) => (t, "heading"),
                    Piece::Noise(t) => (t, "noise"),
                    Piece::Random(t) => (t, "random"),
                    Piece::Blank => (String::new(), "blank"),
                    Piece::Repeat(i) if !texts.is_empty() => {
                        (texts[i % texts.len()].clone(), "repeat")
                    }
                    Piece::Repeat(_) => (String::new(), "blank"),
                };
                texts.push(text);
                kinds.push(kind);
            }
            Doc {
                pieces: texts,
                kinds,
                wrap,
            }
        })
}

impl Doc {
    /// The document as plain text: one piece per line, prose hard-wrapped (with a blank
    /// line after each wrapped paragraph, as hard-wrapped text has) when `wrap` is set.
    fn text(&self) -> String {
        let mut out = String::new();
        for (text, kind) in self.pieces.iter().zip(&self.kinds) {
            match self.wrap {
                Some(width) if *kind == "paragraph" => {
                    out.push_str(&wrap(text, width));
                    out.push('\n');
                }
                _ => {
                    out.push_str(text);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The document as an HTML page: a head with title and description, a menu, the
    /// pieces inside `<article>` (paragraphs as `<p>` with some inline markup, headings
    /// as `<h2>`, items in `<ul>`, noise in `<div>`s with noise class names), a footer.
    /// Random lines are left out (the parser rewrites some characters).
    fn html(&self) -> (String, Vec<String>) {
        let mut texts = Vec::new();
        let title = self
            .pieces
            .first()
            .filter(|_| self.kinds.first() == Some(&"headline"))
            .cloned()
            .unwrap_or_else(|| "Local news".to_owned());
        let mut page = format!(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{}</title></head><body>\n",
            escape(&title)
        );
        texts.push(title.clone());
        page.push_str("<nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li><li><a href=\"/sport\">Sport</a></li></ul></nav>\n");
        texts.extend(["Home", "World", "Sport"].map(str::to_owned));
        page.push_str("<main><article>\n");
        for (i, (text, kind)) in self.pieces.iter().zip(&self.kinds).enumerate() {
            let html = match *kind {
                "headline" => format!("<h1>{}</h1>", escape(text)),
                "paragraph" | "repeat" => paragraph_html(text, i),
                "item" => format!("<ul><li>{}</li></ul>", escape(text)),
                "heading" => format!("<h2>{}</h2>", escape(text)),
                "noise" => {
                    let class = ["share", "newsletter", "byline", "caption", "meta"][i % 5];
                    format!("<div class=\"{class}\">{}</div>", escape(text))
                }
                _ => continue,
            };
            page.push_str(&html);
            page.push('\n');
            texts.push(text.clone());
        }
        page.push_str(
            "</article></main>\n<footer><p>Copyright 2026 The Courier</p></footer></body></html>\n",
        );
        texts.push("Copyright 2026 The Courier".to_owned());
        (page, texts)
    }
}

/// A paragraph as `<p>`, with its second word in `<em>` for every other paragraph.
fn paragraph_html(text: &str, index: usize) -> String {
    let words: Vec<&str> = text.split(' ').collect();
    if index % 2 == 0 || words.len() < 3 {
        return format!("<p>{}</p>", escape(text));
    }
    format!(
        "<p>{} <em>{}</em> {}</p>",
        escape(words[0]),
        escape(words[1]),
        escape(&words[2..].join(" "))
    )
}

/// Escape text for HTML.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Break `text` into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines.join("\n") + "\n"
}

// ---------------------------------------------------------------------------------
// Checks.

/// The kept pieces of a record: title, standfirst, body blocks.
fn kept(article: &Article) -> Vec<&str> {
    article
        .title
        .iter()
        .chain(article.standfirst.iter())
        .map(String::as_str)
        .chain(article.blocks.iter().map(|b| b.text.as_str()))
        .collect()
}

/// No invented text: every kept piece, white space folded, occurs in the folded input.
fn check_no_invented_text(input: &str, article: &Article) -> Result<(), String> {
    let haystack = normalise(input);
    for piece in kept(article) {
        let needle = normalise(piece);
        if !haystack.contains(&needle) {
            return Err(format!("kept text not in the input: {needle:?}"));
        }
    }
    Ok(())
}

/// The sentences of a text: split after `.`, `!` or `?` followed by a space.
fn sentences(text: &str) -> Vec<String> {
    let folded = normalise(text);
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '!' | '?') && chars.peek() == Some(&' ') {
            out.push(std::mem::take(&mut current).trim().to_owned());
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_owned());
    }
    out
}

/// No invented sentence (HTML): every sentence of every kept piece occurs in one of
/// the page's generated texts.
fn check_no_invented_sentence(texts: &[String], article: &Article) -> Result<(), String> {
    let haystack = normalise(&texts.join("\n"));
    for piece in kept(article) {
        for sentence in sentences(piece) {
            if !haystack.contains(&sentence) {
                return Err(format!("sentence not in the page: {sentence:?}"));
            }
        }
    }
    Ok(())
}

/// Body order: the body texts embed in the folded input in order (each found at or
/// after the end of the previous one).
fn check_order(input: &str, article: &Article) -> Result<(), String> {
    let haystack = normalise(input);
    let mut from = 0;
    for block in &article.blocks {
        let needle = normalise(&block.text);
        match haystack[from..].find(&needle) {
            Some(at) => from += at + needle.len(),
            None => return Err(format!("body block out of order: {needle:?}")),
        }
    }
    Ok(())
}

/// Body order by line number (text input): strictly rising.
fn check_lines_rise(article: &Article) -> Result<(), String> {
    for pair in article.blocks.windows(2) {
        if pair[0].line >= pair[1].line {
            return Err(format!(
                "body lines do not rise: {} then {}",
                pair[0].line, pair[1].line
            ));
        }
    }
    Ok(())
}

/// The words of a line after white-space folding.
fn words(text: &str) -> Vec<String> {
    normalise(text)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Markers the text front end strips from the start of a line (bullets, quote mark).
const MARKERS: &[&str] = &["•", "-", "*", "–", "·", "▪", "◦", "‣", "●", "■", ">"];

/// The audit trail of a text record accounts for every non-empty input line exactly
/// once.
///
/// Definition. The input's lines are those of `str::lines`, numbered from 1; a line is
/// *empty* when it has no characters at all (a line of only spaces or no-break spaces
/// is not empty: it is an `empty` removal). A *piece* of the record is a body block or
/// a removal (both carry the line where they start), the title, or the standfirst. A
/// piece *claims* the run of consecutive non-empty lines, starting at its line, whose
/// words (white space folded) are the piece's words — a hard-wrapped paragraph joined
/// into one block claims all its lines; a leading bullet or quote marker the front end
/// stripped may be the first line's extra first word. The title and standfirst carry
/// no line: the title claims the first line not claimed by a body block or removal
/// (its words equal the title's, or the title's twice — a headline printed twice —
/// compared case-insensitively), the standfirst the next one. The property: every
/// piece claims its lines, no line is claimed twice, and every non-empty line is
/// claimed. Metadata fields are not lines of their own: a `published` date comes from
/// a `date_line` removal and a `byline` from a `byline` removal, so each of those
/// fields requires such a removal.
fn audit(input: &str, article: &Article) -> Result<(), String> {
    let lines: Vec<&str> = input.lines().collect();
    let mut claimed: Vec<Option<String>> = vec![None; lines.len()];
    let mut pieces: Vec<(usize, &str, String)> = article
        .blocks
        .iter()
        .map(|b| (b.line, b.text.as_str(), format!("body {:?}", b.kind)))
        .chain(
            article
                .removed
                .iter()
                .map(|r| (r.line, r.text.as_str(), format!("removed {:?}", r.reason))),
        )
        .collect();
    pieces.sort_by_key(|p| p.0);
    for (line, text, label) in pieces {
        let target = words(text);
        let start = line
            .checked_sub(1)
            .ok_or_else(|| format!("{label} has line 0"))?;
        let run = claim(&lines, &claimed, start, |acc| acc == target.as_slice())
            .ok_or_else(|| format!("{label} {text:?} does not match the lines from {line}"))?;
        mark(&mut claimed, run, &label)?;
    }
    for (field, label) in [
        (&article.title, "title"),
        (&article.standfirst, "standfirst"),
    ] {
        let Some(text) = field else { continue };
        let start = claimed
            .iter()
            .zip(&lines)
            .position(|(c, l)| c.is_none() && !l.is_empty())
            .ok_or_else(|| format!("no line left for the {label} {text:?}"))?;
        let target: Vec<String> = words(text).iter().map(|w| w.to_lowercase()).collect();
        let accept = |acc: &[String]| {
            let acc: Vec<String> = acc.iter().map(|w| w.to_lowercase()).collect();
            acc == target || (label == "title" && acc == [target.clone(), target.clone()].concat())
        };
        let run = claim(&lines, &claimed, start, accept)
            .ok_or_else(|| format!("{label} {text:?} does not match line {}", start + 1))?;
        mark(&mut claimed, run, label)?;
    }
    if let Some(i) = (0..lines.len()).find(|&i| claimed[i].is_none() && !lines[i].is_empty()) {
        return Err(format!("line {} {:?} is in no field", i + 1, lines[i]));
    }
    let has = |reason: Reason| article.removed.iter().any(|r| r.reason == reason);
    if article.published.is_some() && !has(Reason::DateLine) {
        return Err("published without a date_line removal".to_owned());
    }
    if article.byline.is_some() && !has(Reason::Byline) {
        return Err("byline without a byline removal".to_owned());
    }
    Ok(())
}

/// The shortest run of consecutive non-empty, unclaimed lines from `start` whose words
/// `accept` takes (with or without a stripped marker on the first line).
fn claim(
    lines: &[&str],
    claimed: &[Option<String>],
    start: usize,
    accept: impl Fn(&[String]) -> bool,
) -> Option<std::ops::Range<usize>> {
    let mut acc: Vec<String> = Vec::new();
    for end in start..lines.len() {
        if lines[end].is_empty() || claimed[end].is_some() {
            return None;
        }
        acc.extend(words(lines[end]));
        let stripped = acc
            .first()
            .filter(|w| MARKERS.contains(&w.as_str()))
            .map(|_| &acc[1..]);
        if accept(&acc) || stripped.is_some_and(&accept) {
            return Some(start..end + 1);
        }
    }
    None
}

/// Mark a run of lines as claimed by `label`.
fn mark(
    claimed: &mut [Option<String>],
    run: std::ops::Range<usize>,
    label: &str,
) -> Result<(), String> {
    for i in run {
        if let Some(other) = &claimed[i] {
            return Err(format!("line {} claimed by {other} and {label}", i + 1));
        }
        claimed[i] = Some(label.to_owned());
    }
    Ok(())
}

/// Idempotence: the clean text of a record, cleaned again, removes nothing more from
/// the body: every body block of the first record is kept by the second (in its body,
/// or as its title or standfirst).
///
/// The clean text is the record as plain text the way the text front end reads
/// structure ([`clean_text_of`]): title, standfirst and body blocks separated by blank
/// lines, list items with a bullet, quotes with `> `. (The CLI's `--format text` drops
/// the bullets; a list item read back as a sentence scores differently in the body
/// span, so that rendering is not the same document.)
///
/// Only the body is held to this. A standfirst the first pass set apart because a date
/// line stood under it, or because the first paragraph repeated it, is an ordinary
/// paragraph in the clean text, and the second pass may rightly take it as a duplicate
/// of the fuller body copy.
fn check_idempotent(article: &Article) -> Result<(), String> {
    let clean = clean_text_of(article);
    let again = clean_text(&clean, &options(InputMode::Text));
    let kept_again = kept(&again);
    let standfirst_went = article.standfirst.as_ref().is_some_and(|s| {
        again
            .removed
            .iter()
            .any(|r| &r.text == s && r.reason == Reason::Duplicate)
    });
    if standfirst_went {
        // Known limit: the standfirst was repeated by a body paragraph; read back
        // without the meta line that set it apart it is a duplicate, and the body span
        // may then lose a short line the removed copy had bridged.
        return Ok(());
    }
    for block in &article.blocks {
        if !kept_again.contains(&block.text.as_str()) {
            let why = again
                .removed
                .iter()
                .find(|r| r.text == block.text)
                .map(|r| format!("{:?}", r.reason));
            return Err(format!(
                "cleaning the clean text lost the body block {:?} ({why:?})\nclean text:\n{clean}",
                block.text
            ));
        }
    }
    Ok(())
}

/// The record as plain text: title, standfirst, then the body blocks, list items with a
/// bullet and quotes with `> `, separated by blank lines.
fn clean_text_of(article: &Article) -> String {
    let body = article.blocks.iter().map(|b| match b.kind {
        BlockKind::ListItem if !starts_numbered(&b.text) => format!("• {}", b.text),
        BlockKind::Quote => format!("> {}", b.text),
        _ => b.text.clone(),
    });
    let parts: Vec<String> = article
        .title
        .iter()
        .chain(article.standfirst.iter())
        .cloned()
        .chain(body)
        .collect();
    parts.join("\n\n") + "\n"
}

/// Whether a list item keeps its own number ("2. Third item").
fn starts_numbered(text: &str) -> bool {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (text[digits..].starts_with(". ") || text[digits..].starts_with(") "))
}

/// Turn a check's error into a proptest failure.
fn ok(result: Result<(), String>) -> Result<(), TestCaseError> {
    result.map_err(TestCaseError::fail)
}

// ---------------------------------------------------------------------------------
// Properties.

proptest! {
    #![proptest_config(config(256))]

    /// Text input: no invented text, body order, the audit trail, idempotence.
    #[test]
    fn text_properties(doc in doc(true)) {
        let input = doc.text();
        let article = clean_text(&input, &options(InputMode::Text));
        ok(check_no_invented_text(&input, &article))?;
        ok(check_lines_rise(&article))?;
        ok(check_order(&input, &article))?;
        ok(audit(&input, &article))?;
        ok(check_idempotent(&article))?;
    }

    /// Duplicate removal leaves no two near-duplicates in the body: a second run
    /// removes nothing.
    #[test]
    fn duplicates_twice_remove_nothing(doc in doc(true)) {
        let mut blocks = deboil::internals::segment(&doc.text());
        deboil::internals::remove_duplicates(&mut blocks);
        let once: Vec<_> = blocks.iter().map(|b| b.role).collect();
        deboil::internals::remove_duplicates(&mut blocks);
        let twice: Vec<_> = blocks.iter().map(|b| b.role).collect();
        prop_assert_eq!(once, twice);
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// HTML input: no invented sentence, body order.
    #[test]
    fn html_properties(doc in doc(false)) {
        let (page, texts) = doc.html();
        let article = clean_bytes(page.as_bytes(), None, &options(InputMode::Html))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        ok(check_no_invented_sentence(&texts, &article))?;
        ok(check_order(&texts.join("\n"), &article))?;
    }

    /// Arbitrary bytes in every mode: a record or an error, never a panic.
    #[test]
    fn no_panic_on_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096), mode in 0u8..3) {
        let _ = clean_bytes(&bytes, None, &options(mode_of(mode)));
    }

    /// A generated document with NUL bytes and invalid UTF-8 sequences spliced in.
    #[test]
    fn no_panic_on_damaged_documents(
        doc in doc(true),
        damage in prop::collection::vec((any::<prop::sample::Index>(), damage_bytes()), 0..20),
        html in any::<bool>(),
        mode in 0u8..3,
    ) {
        let mut bytes = if html { doc.html().0 } else { doc.text() }.into_bytes();
        for (at, insert) in damage {
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, insert);
        }
        let _ = clean_bytes(&bytes, None, &options(mode_of(mode)));
    }

    /// UTF-16 (either byte order, with or without a byte order mark) with lone
    /// surrogates spliced in.
    #[test]
    fn no_panic_on_utf16_with_lone_surrogates(
        doc in doc(true),
        surrogates in prop::collection::vec((any::<prop::sample::Index>(), 0xD800u16..0xE000), 0..10),
        big_endian in any::<bool>(),
        bom in any::<bool>(),
        mode in 0u8..3,
    ) {
        let mut units: Vec<u16> = doc.text().encode_utf16().collect();
        for (at, unit) in surrogates {
            let at = at.index(units.len() + 1);
            units.insert(at, unit);
        }
        if bom {
            units.insert(0, 0xFEFF);
        }
        let bytes: Vec<u8> = units
            .iter()
            .flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() })
            .collect();
        let _ = clean_bytes(&bytes, None, &options(mode_of(mode)));
    }

    /// Broken markup: unclosed, misnested and odd tags, comments, entities.
    #[test]
    fn no_panic_on_broken_markup(tokens in prop::collection::vec(markup_token(), 0..200), mode in 0u8..3) {
        let page: String = tokens.concat();
        let _ = clean_bytes(page.as_bytes(), None, &options(mode_of(mode)));
    }

    /// A generated document through gzip gives what the plain bytes give (gzip is
    /// transparent), and the same stream cut short does not panic.
    #[test]
    fn no_panic_through_gzip(doc in doc(true), cut in any::<prop::sample::Index>(), html in any::<bool>()) {
        let plain = if html { doc.html().0 } else { doc.text() };
        let packed = gzip(plain.as_bytes());
        let whole = clean_bytes(&packed, Some("page.gz"), &options(InputMode::Auto));
        let unpacked = clean_bytes(plain.as_bytes(), Some("page"), &options(InputMode::Auto));
        match (&whole, &unpacked) {
            (Ok(a), Ok(b)) => prop_assert_eq!(&a.text, &b.text),
            (Err(a), Err(b)) => prop_assert_eq!(a.to_string(), b.to_string()),
            _ => prop_assert!(false, "gzip changed the outcome: {:?} vs {:?}", whole.as_ref().err(), unpacked.as_ref().err()),
        }
        let _ = clean_bytes(&packed[..cut.index(packed.len())], None, &options(InputMode::Auto));
    }
}

proptest! {
    #![proptest_config(config(25).clone_with_cases_divided(10))]

    /// Megabyte-long lines, as text and inside one HTML paragraph.
    #[test]
    fn no_panic_on_megabyte_lines(seed in sentence(), random in random_line(), mode in 0u8..3) {
        let unit = format!("{seed} {random} ");
        let line = unit.repeat((1 << 20) / unit.len().max(1) + 1);
        let text = format!("Headline of the day\n{line}\nA last short line.\n");
        let _ = clean_bytes(text.as_bytes(), None, &options(mode_of(mode)));
        let page = format!("<html><body><article><h1>Headline</h1><p>{}</p></article></body></html>", escape(&line));
        let _ = clean_bytes(page.as_bytes(), None, &options(mode_of(mode)));
    }
}

/// A configuration with its cases divided (at least one).
trait DividedCases {
    /// This configuration with `cases / n` cases, at least one.
    fn clone_with_cases_divided(self, n: u32) -> Config;
}

impl DividedCases for Config {
    fn clone_with_cases_divided(self, n: u32) -> Config {
        Config {
            cases: (self.cases / n).max(1),
            ..self
        }
    }
}

/// The input mode numbered 0 (auto), 1 (text), 2 (html).
fn mode_of(n: u8) -> InputMode {
    match n % 3 {
        0 => InputMode::Auto,
        1 => InputMode::Text,
        _ => InputMode::Html,
    }
}

/// Bytes that damage text: NULs, stray continuation bytes, truncated sequences,
/// UTF-8-encoded surrogates, overlong forms, and runs of random bytes.
fn damage_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(vec![0u8]),
        Just(vec![0u8; 64]),
        Just(vec![0x80]),
        Just(vec![0xC3]),
        Just(vec![0xE2, 0x80]),
        Just(vec![0xED, 0xA0, 0x80]),
        Just(vec![0xC0, 0xAF]),
        Just(vec![0xFF, 0xFE]),
        prop::collection::vec(any::<u8>(), 1..32),
    ]
}

/// A token of broken markup.
fn markup_token() -> impl Strategy<Value = String> {
    let fixed = prop::sample::select(vec![
        "<div>",
        "</div>",
        "<p>",
        "</p>",
        "<article>",
        "</article>",
        "<span>",
        "</span>",
        "<a href=\"/x\">",
        "</a>",
        "<ul>",
        "<li>",
        "</ul>",
        "<table>",
        "<tr>",
        "<td>",
        "</table>",
        "<h1>",
        "</h1>",
        "<h2>",
        "<script>",
        "</script>",
        "<style>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<br>",
        "<img alt=\"x\">",
        "<figure>",
        "<figcaption>",
        "&amp;",
        "&#xD800;",
        "&#0;",
        "&nbsp;",
        "&bogus;",
        "<",
        ">",
        "\"",
        "<meta charset=\"utf-16\">",
        "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":",
        "<meta property=\"og:title\" content=\"",
        "<time datetime=\"2016-13-45\">",
        "<html>",
        "<body>",
        "<template>",
        "<svg>",
        "<math>",
        "<noscript>",
        "<iframe>",
        "<select>",
    ])
    .prop_map(str::to_owned);
    prop_oneof![
        3 => fixed,
        2 => sentence(),
        1 => noise_line(),
        1 => random_line(),
        1 => (prop::sample::select(vec!["div", "p", "section"]), prop::sample::select(vec![
            "share", "newsletter", "content", "article-body", "comments", "related", "caption",
        ])).prop_map(|(tag, class)| format!("<{tag} class=\"{class}\">")),
    ]
}

/// Gzip-compress `bytes`.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("writing to a Vec");
    encoder.finish().expect("finishing a Vec")
}

// ---------------------------------------------------------------------------------
// Regressions: minimal failing inputs the properties found, kept as named tests.

/// Every text property on one input.
fn all_text_properties(input: &str) -> Result<(), String> {
    let article = clean_text(input, &options(InputMode::Text));
    check_no_invented_text(input, &article)?;
    check_lines_rise(&article)?;
    check_order(input, &article)?;
    audit(input, &article)?;
    check_idempotent(&article)
}

/// A paragraph repeated at the end stretched the body span over the junk line before
/// it; the duplicate went later, and the clean text cleaned again lost the junk line.
/// Fixed by judging the body's extent again after duplicates are removed.
#[test]
fn regression_repeated_paragraph_stretched_the_body() {
    let lead = "Open tuesday lower river council road month sold. Morning late street police and museum council safer.";
    let more = "Police team team council said hall closed week workers lower books will safer harbour bridge ten.";
    let input = format!("{lead}\n{more}\n'n\nShare this article\n{lead}\n");
    all_text_properties(&input).unwrap();
}

/// A list item and a label and no prose: the text is left whole; its clean text must
/// keep the bullet to read as the same document again.
#[test]
fn regression_list_item_without_prose() {
    all_text_properties("• The the the.\nThe the\n").unwrap();
}

/// A paragraph printed three times with labels between: the first pass judged the body
/// again once the copies went and kept the one-letter line opening it as a section
/// heading; read back, that line stood before the body and went as navigation. Fixed by
/// widening the body over an opening section heading in both passes alike.
#[test]
fn regression_section_heading_kept_by_the_rejudged_body_only() {
    let repeated = "River the near river have the the the the the.";
    let input = format!(
        "{repeated}\n{repeated}\nThe the\n{repeated}\n• The the the.\nA\n\
         The the the the the the the engineers the pipes.\n"
    );
    all_text_properties(&input).unwrap();
}

/// A bulleted line printed three times: the first pass made one copy the standfirst
/// and kept another in the body; read back, the body copy went as a duplicate of the
/// standfirst and the re-judged body lost the line before it. A list item is never the
/// standfirst now.
#[test]
fn regression_list_item_taken_for_the_standfirst() {
    let item = "• The the the the the the the the the the.";
    let input = format!("The the\nThe the\n{item}\nThe the\n{item}\n²\n{item}\nThe the the.\n");
    all_text_properties(&input).unwrap();
}

/// The audit accepts a hard-wrapped paragraph joined into one block, a headline
/// printed twice, and a date line that fills `published`.
#[test]
fn audit_accounts_for_wrapped_doubled_and_date_lines() {
    let para = "The council met on Tuesday evening to discuss the new budget for the\n\
                coming year, which includes higher spending on roads and schools and\n\
                a modest cut to the parks department that drew loud protest from the\n\
                residents who had packed the public gallery since the afternoon.\n";
    let input = format!(
        "Budget vote tonight Budget vote tonight\n24 March, 2016\n\n{para}\n{para}\n{para}"
    );
    let article = clean_text(&input, &options(InputMode::Text));
    assert_eq!(article.title.as_deref(), Some("Budget vote tonight"));
    assert_eq!(article.published.as_deref(), Some("2016-03-24"));
    audit(&input, &article).unwrap();
}

/// The audit can fail: a record that lost a line, or claims one twice, is caught.
#[test]
fn audit_catches_a_lost_or_doubled_line() {
    let input = "A headline here\nThe first paragraph of the story, long enough to read as prose here.\n2 min read\n";
    let mut article = clean_text(input, &options(InputMode::Text));
    audit(input, &article).unwrap();
    let mut lost = article.clone();
    lost.removed.clear();
    assert!(audit(input, &lost).is_err());
    let twice = article.blocks[0].clone();
    article.blocks.push(twice);
    assert!(audit(input, &article).is_err());
}

/// A megabyte of one short unit with new lines in it, read as text from inside an HTML
/// page: fourteen thousand copies of one line, each compared with every earlier copy
/// by the duplicate detector (quadratic; minutes in debug). Fixed by indexing only the
/// kept copies. The bound is generous for a shared machine; the quadratic version
/// took over 100 s here in debug.
#[test]
fn regression_ten_thousand_copies_of_a_line_in_linear_time() {
    let unit = "Residents evening won town closed river. \"BѨ¥k\n\"Ѩ$\"BU$\"\n\u{33ab8} ";
    let line = unit.repeat((1 << 20) / unit.len() + 1);
    let page =
        format!("<html><body><article><h1>Headline</h1><p>{line}</p></article></body></html>");
    let start = std::time::Instant::now();
    let article = clean_bytes(page.as_bytes(), None, &options(InputMode::Text)).unwrap();
    let seconds = start.elapsed().as_secs_f64();
    let duplicates = article
        .removed
        .iter()
        .filter(|r| r.reason == Reason::Duplicate)
        .count();
    assert!(duplicates > 10_000, "{duplicates} duplicates");
    assert!(seconds < 40.0, "took {seconds:.1} s");
}

/// A lead printed twice with a blank line between, over hard-wrapped text: the first
/// pass made one copy the standfirst (the body repeats it), and the record then lost
/// it as a `duplicate` of the body copy; the body's extent had been judged with both
/// copies, which bridged the label-like lines up to the last paragraph. Read back with
/// one copy, the body shrank to that paragraph and the first copy went as navigation.
/// Fixed by judging the extent again once the repeated standfirst goes
/// (PROPTEST_RNG_SEED=7, 3000 cases).
#[test]
fn regression_repeated_standfirst_stretched_the_body() {
    let lead = "A rose the the the the the the the the.";
    let input = format!(
        "The the\n{lead}\n\n{lead}\n\
         Council safer > Delays the council the council council the the\n\
         Share this article\n\
         • The delays the percent council the the council residents engineers the.\n\
         Council the the council the the the the council tuesday the council\n\
         percent spring bridge engineers residents safer bridge the bridge. Of\n\
         the the engineers the the council. The the the the.\n\n"
    );
    all_text_properties(&input).unwrap();
}

/// A paragraph printed twice, between short lines: the first pass found the text an
/// article (few short lines, the title among them) and kept the body to the end; once
/// the copy went, the body was judged again over its old extent only, where the title
/// no longer counted, the text no longer read as an article and the last lines went as
/// navigation. Read back, the clean text read as an article and kept them. Fixed by
/// deciding whether the text is an article on every line not yet removed, title and
/// standfirst included, also when the extent is judged again (PROPTEST_RNG_SEED=4,
/// 3000 cases).
#[test]
fn regression_repeat_made_the_text_read_as_an_article() {
    let para = "The the the the the the the the council the.";
    let share = "Share this article";
    let input = format!(
        "The the\nThe the the the the the the the the the.\n0\n{para}\n{share}\n{share}\n\
         The the council.\n\n!\u{85};\n{para}\nThe the the.\nThe the the.\nHome\n{share}\n\
         The the the.\n{share}\n¡\n!\u{85};\n"
    );
    all_text_properties(&input).unwrap();
}
