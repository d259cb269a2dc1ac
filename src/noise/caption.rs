//! Photo and video captions: a descriptive line that ends in a credit ("... [AFP]",
//! "... (Photo: Jane Roe/Reuters)", "... Photograph: X/Getty Images"), and a caption
//! printed twice in a row (alt text and figure caption), of which both copies go.

use std::sync::OnceLock;

use regex::Regex;

use super::walls::ends_sentence;
use crate::block::{Block, Role};
use crate::reason::Reason;
use crate::text::is_prose;

/// Longest caption, in words.
const MAX_WORDS: usize = 60;

/// Remove captions.
pub fn remove(blocks: &mut [Block]) {
    for block in blocks.iter_mut().filter(|b| b.is_body()) {
        if block.words_upto(MAX_WORDS) <= MAX_WORDS && ends_with_credit(&block.text) {
            block.remove(Reason::Caption);
        }
    }
    remove_doubled_captions(blocks);
    relabel_described_credits(blocks);
    remove_captions_before_credits(blocks);
}

/// Longest caption standing above its own credit line, in words.
const CAPTIONED_MAX_WORDS: usize = 40;
/// Words after a "Photo:" label from which the line describes a picture (a caption)
/// rather than naming who took it (a credit).
const DESCRIPTION_MIN_WORDS: usize = 6;

/// "Image: Evacuees wait for a ferry on Monday." is a caption, not a credit.
fn relabel_described_credits(blocks: &mut [Block]) {
    for block in blocks.iter_mut() {
        if block.role == Role::Removed(Reason::Credit) {
            let described = photo_label_rest(&block.text)
                .is_some_and(|rest| rest.split_whitespace().count() >= DESCRIPTION_MIN_WORDS);
            if described {
                block.role = Role::Removed(Reason::Caption);
            }
        }
    }
}

/// A short line directly above a stand-alone photo credit ("Foto: dpa") is the caption
/// of that photo.
fn remove_captions_before_credits(blocks: &mut [Block]) {
    for i in 1..blocks.len() {
        let credit = &blocks[i];
        let is_photo_credit = credit.role == Role::Removed(Reason::Credit)
            && photo_label_rest(&credit.text).is_some();
        let above = &mut blocks[i - 1];
        if is_photo_credit
            && above.is_body()
            && above.words_upto(CAPTIONED_MAX_WORDS) <= CAPTIONED_MAX_WORDS
        {
            above.remove(Reason::Caption);
        }
    }
}

/// The text after a photo label ("Photo:", "Photograph:", "Image:", "Foto:", "Bild:"...).
fn photo_label_rest(text: &str) -> Option<&str> {
    let (label, rest) = text.split_once(':')?;
    let label = label.trim().to_lowercase();
    const LABELS: [&str; 12] = [
        "photo",
        "photos",
        "photograph",
        "image",
        "picture",
        "pic",
        "foto",
        "fotos",
        "bild",
        "fotografía",
        "imagen",
        "photo credit",
    ];
    LABELS.contains(&label.as_str()).then_some(rest.trim())
}

/// Two identical lines in a row that are not sentences, after the first paragraph of
/// prose: both copies are the caption. (A repeated full sentence is a duplicate paragraph
/// instead, of which one copy stays; a line doubled before any prose, or a long line
/// doubled as the first prose, is a headline or a standfirst repeated by the body.)
/// Removed blocks between the copies do not count: the clean text shows the copies in a
/// row, so cleaning it again must find what this pass finds.
pub fn remove_doubled_captions(blocks: &mut [Block]) {
    let first_prose = blocks.iter().position(is_prose).unwrap_or(blocks.len());
    let mut previous: Option<usize> = None;
    for i in first_prose + 1..blocks.len() {
        if !blocks[i].is_body() {
            continue;
        }
        if let Some(p) = previous.filter(|&p| is_doubled_caption(&blocks[p], &blocks[i])) {
            blocks[p].remove(Reason::Caption);
            blocks[i].remove(Reason::Caption);
        }
        previous = Some(i);
    }
}

/// Whether two body blocks are the same short line that is not a sentence.
fn is_doubled_caption(first: &Block, second: &Block) -> bool {
    first.text == second.text
        && (4..=MAX_WORDS).contains(&first.words_upto(MAX_WORDS))
        && !ends_sentence(&first.text)
}

/// Whether the text ends in a photo or agency credit: a bracketed credit (`[AFP]`,
/// `(Reuters)`, `(Photo: Jane Roe/Reuters)`, `(File photo)`) or a labelled one
/// (`Photograph: X/Y`, `Foto: dpa`, `Image credit: ...`) at its end.
///
/// Each kind is its own pattern, compiled the first time a text could hold it: a
/// bracketed credit ends in `)` or `]` before trailing white space (and the third kind
/// holds a `/`), a labelled one holds a `:`. Together they match what the single
/// alternation of all four matched.
pub fn ends_with_credit(text: &str) -> bool {
    let trimmed = text.trim_end();
    let bracketed = trimmed.ends_with([')', ']']);
    let labelled = trimmed.contains(':');
    let has_slash = text.contains('/');
    let could_match = [bracketed, bracketed, bracketed && has_slash, labelled];
    (0..CREDIT_KINDS).any(|kind| could_match[kind] && credit_pattern(kind).is_match(text))
}

/// How many kinds of credit [`ends_with_credit`] knows.
const CREDIT_KINDS: usize = 4;

/// The inside of a bracketed credit, per kind: a photo word and what follows it; an
/// agency among other words; two names around a slash.
const BRACKETED_CREDITS: [&str; 3] = [
    r"(photo|photograph|image|picture|pic|foto|bild|video|credit|crédit|crédito|fotografía|imagen|illustration|file|archive|archiv|handout)s?\b[^()\[\]]{0,60}",
    r"[^()\[\]]{0,40}\b(afp|ap|reuters|dpa|epa|efe|ansa|xinhua|anadolu|getty|shutterstock|istock|alamy|apa|sipa|pa|aap|ap photo|ap images|bloomberg|nurphoto|zuma|imago|picture alliance|keystone|belga|tass|kyodo|yonhap|ians|pti|ani)\b[^()\[\]]{0,40}",
    r"[^()\[\]/]{1,40}/[^()\[\]/]{1,40}",
];

/// A trailing labelled credit.
const LABELLED_CREDIT: &str = r"\b(photo|photograph|image|picture|foto|bild|credit|crédit|crédito|fotografía|imagen|photo credit|image credit)\s?:\s?[^.:]{1,60}";

/// The source of credit kind `kind` (0 to 2 bracketed, 3 labelled), anchored at the
/// end of the text.
fn credit_source(kind: usize) -> String {
    match BRACKETED_CREDITS.get(kind) {
        Some(inside) => format!(r"(?i)[\(\[]\s*({inside})\s*[\)\]]\s*$"),
        None => format!(r"(?i){LABELLED_CREDIT}\s*$"),
    }
}

/// Credit kind `kind`, compiled once, with ASCII word boundaries.
fn credit_pattern(kind: usize) -> &'static Regex {
    static COMPILED: [OnceLock<Regex>; CREDIT_KINDS] = [const { OnceLock::new() }; CREDIT_KINDS];
    COMPILED[kind].get_or_init(|| {
        Regex::new(&credit_source(kind).replace(r"\b", r"(?-u:\b)"))
            .expect("caption credit pattern compiles")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::segment;

    /// The kinds, each tried only when its quick test passes, match exactly what the
    /// single alternation of all of them matches.
    #[test]
    fn the_kinds_together_match_the_whole_alternation() {
        let whole = Regex::new(
            &format!(
                r"(?i)([\(\[]\s*({}|{}|{})\s*[\)\]]|{})\s*$",
                BRACKETED_CREDITS[0], BRACKETED_CREDITS[1], BRACKETED_CREDITS[2], LABELLED_CREDIT
            )
            .replace(r"\b", r"(?-u:\b)"),
        )
        .expect("the whole alternation compiles");
        let texts = [
            "A man walks past the station (Reuters)",
            "The harbour at dawn [AFP] \u{2003}",
            "Der Bahnhof am Morgen Foto: dpa",
            "Crowds gather (Photo: Jane Roe/Reuters)\n",
            "Crowds gather (Jane Roe/Example Agency)",
            "Image credit : Getty",
            "Photograph: Jane Roe/The Example Times",
            "Shares rose 3% (to 120p) on Monday.",
            "The minister (left) and her deputy",
            "The minister (left)",
            "Ratio 3/4 [note]",
            "FOTO: REUTERS",
            "Reuters",
            "(",
            "",
        ];
        let mut credits = 0;
        for text in texts {
            assert_eq!(ends_with_credit(text), whole.is_match(text), "{text:?}");
            credits += usize::from(whole.is_match(text));
        }
        assert!(credits >= 6, "only {credits} credits among the samples");
    }

    #[test]
    fn credited_lines_are_captions() {
        assert!(ends_with_credit(
            "Troops launched an offensive this month [AFP]"
        ));
        assert!(ends_with_credit(
            "Protesters in the square. (Photo: Jane Roe/Reuters)"
        ));
        assert!(ends_with_credit(
            "The harbour at dawn. Photograph: Max Field/AFP via Getty Images"
        ));
        assert!(ends_with_credit("Der Bahnhof am Morgen Foto: dpa"));
        assert!(!ends_with_credit(
            "The minister said the plan (which costs £3bn) would go ahead."
        ));
        assert!(!ends_with_credit("Shares rose 3% (to 120p) on Monday."));
    }

    #[test]
    fn caption_printed_twice_goes_whole() {
        let line = "A fisherman mends his nets at dawn in the old harbour";
        let lead = "The old harbour is busy again this spring, after years of decline.";
        let text =
            format!("{lead}\n{line}\n{line}\nThe harbour has been used for five hundred years.");
        let mut blocks = segment(&text);
        remove(&mut blocks);
        assert_eq!(blocks[0].role, Role::Body);
        assert_eq!(blocks[1].role, Role::Removed(Reason::Caption));
        assert_eq!(blocks[2].role, Role::Removed(Reason::Caption));
        assert_eq!(blocks[3].role, Role::Body);
    }

    #[test]
    fn repeated_sentence_is_left_to_the_duplicate_detector() {
        let line = "The harbour has been used for five hundred years.";
        let mut blocks = segment(&format!("{line}\n{line}"));
        remove(&mut blocks);
        assert!(blocks.iter().all(|b| b.role == Role::Body));
    }
}
