//! Phrase families: the data that drives the phrase detectors.
//!
//! Each family lives in `phrases/<reason>.txt`: one case-insensitive regular expression
//! per line, grouped under `[lang]` headers (all languages apply to every document, since
//! pages often mix languages), `#` comments, and a `!max_words N` directive: a block longer
//! than that is prose, never matched by the family. Patterns are anchored at the start of
//! the block, so a phrase inside a sentence of an article does not count.

use std::cell::RefCell;
use std::sync::OnceLock;

use regex::{Regex, RegexBuilder};
use rustc_hash::FxHashMap;

use crate::reason::Reason;

mod prefix;

use prefix::{Candidates, PrefixIndex};

/// One family of phrases that all lead to the same reason.
#[derive(Debug)]
pub struct PhraseFamily {
    /// The reason a matching block is removed for.
    pub reason: Reason,
    /// Blocks with more words than this are never matched.
    pub max_words: usize,
    patterns: Vec<Pattern>,
}

/// One pattern of a family, compiled the first time a block could match it.
#[derive(Debug)]
struct Pattern {
    /// Its position among the patterns of all families (its index in the prefix index).
    index: usize,
    source: String,
    compiled: OnceLock<Regex>,
}

impl Pattern {
    /// The compiled pattern. The files are part of the crate and every pattern is
    /// compiled by the test `every_family_compiles`, so a malformed one is a programming
    /// error.
    fn regex(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            build(&self.source)
                .unwrap_or_else(|e| panic!("phrase pattern {} does not compile: {e}", self.source))
        })
    }
}

impl PhraseFamily {
    /// Whether the family matches `text` (a normalised block of `words` words), trying
    /// every pattern: the reference the prefix-filtered path is tested against.
    #[cfg(test)]
    pub fn matches(&self, text: &str, words: usize) -> bool {
        words <= self.max_words && self.patterns.iter().any(|p| p.regex().is_match(text))
    }

    /// Whether one of the `candidates` among the family's patterns matches `text` or its
    /// `undecorated` form (the same text or a prefix of it).
    fn matches_candidates(
        &self,
        text: &str,
        undecorated: &str,
        words: usize,
        candidates: &Candidates,
    ) -> bool {
        words <= self.max_words
            && self
                .patterns
                .iter()
                .filter(|pattern| candidates.contains(pattern.index))
                .any(|pattern| {
                    let regex = pattern.regex();
                    regex.is_match(text)
                        || (undecorated.len() < text.len() && regex.is_match(undecorated))
                })
    }
}

/// The families and the prefix index of their patterns.
#[derive(Debug)]
struct Phrases {
    families: Vec<PhraseFamily>,
    index: PrefixIndex,
}

/// The family sources, in priority order: when several match, the first wins.
const SOURCES: [(Reason, &str); 15] = [
    (
        Reason::RegistrationWall,
        include_str!("phrases/registration_wall.txt"),
    ),
    (Reason::Paywall, include_str!("phrases/paywall.txt")),
    (
        Reason::FormMessage,
        include_str!("phrases/form_message.txt"),
    ),
    (Reason::Login, include_str!("phrases/login.txt")),
    (Reason::Legal, include_str!("phrases/legal.txt")),
    (Reason::Cookie, include_str!("phrases/cookie.txt")),
    (Reason::Newsletter, include_str!("phrases/newsletter.txt")),
    (
        Reason::ReadingTime,
        include_str!("phrases/reading_time.txt"),
    ),
    (Reason::Share, include_str!("phrases/share.txt")),
    (Reason::Comments, include_str!("phrases/comments.txt")),
    (Reason::Related, include_str!("phrases/related.txt")),
    (Reason::Advertising, include_str!("phrases/advertising.txt")),
    (Reason::Credit, include_str!("phrases/credit.txt")),
    (
        Reason::SectionFooter,
        include_str!("phrases/section_footer.txt"),
    ),
    (Reason::Navigation, include_str!("phrases/navigation.txt")),
];

/// No family matches blocks longer than this, in words (the largest `!max_words`).
const MAX_FAMILY_WORDS: usize = 60;
/// Words a block may have when a family file sets no `!max_words`.
const DEFAULT_MAX_WORDS: usize = 40;
/// Entries the per-thread memo of [`classify`] holds before it starts afresh.
const MEMO_CAPACITY: usize = 4096;

/// All phrase families, read once. A pattern is compiled the first time a block could
/// match it (see [`first_family`]); the tests try them all.
#[cfg(test)]
pub fn families() -> &'static [PhraseFamily] {
    &phrases().families
}

/// The families and their prefix index, read once (reading the files and the patterns'
/// syntax is cheap; compiling is left to each pattern).
fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut next_index = 0;
        let families: Vec<PhraseFamily> = SOURCES
            .iter()
            .map(|(reason, source)| read_family(*reason, source, &mut next_index))
            .collect();
        let index = PrefixIndex::from_raw(
            families
                .iter()
                .flat_map(|family| &family.patterns)
                .map(|pattern| known_prefixes(&pattern.source))
                .collect(),
        );
        Phrases { families, index }
    })
}

/// The raw prefixes of the phrase files' patterns, written by the build script.
mod built {
    include!(concat!(env!("OUT_DIR"), "/phrase_prefixes.rs"));
}

/// [`prefix::raw_prefixes`] of `pattern`, from the table the build script wrote when it
/// holds the pattern (parsing every pattern was most of a one-page run), else walked
/// here.
fn known_prefixes(pattern: &str) -> Option<Vec<String>> {
    match built::RAW_PREFIXES.binary_search_by(|(known, _)| (*known).cmp(pattern)) {
        Ok(at) => built::RAW_PREFIXES[at]
            .1
            .map(|set| set.iter().map(|p| (*p).to_owned()).collect()),
        Err(_) => prefix::raw_prefixes(pattern),
    }
}

/// Compile patterns case-insensitively. Word boundaries are ASCII ones: the lazy DFA
/// cannot run Unicode boundaries on non-ASCII text, and every boundary in the phrase
/// files sits next to ASCII letters or digits, or next to white space.
fn build(pattern: &str) -> Result<Regex, regex::Error> {
    let ascii_boundaries = pattern.replace(r"\b", r"(?-u:\b)");
    RegexBuilder::new(&ascii_boundaries)
        .case_insensitive(true)
        .build()
}

/// The reason of the first family that matches a block, if any.
///
/// The detectors ask about the same block several times (walls, stand-alone lines, the
/// HTML region scorer), so answers are remembered per thread, keyed by the exact text.
pub fn classify(text: &str) -> Option<Reason> {
    let words = crate::block::word_count_upto(text, MAX_FAMILY_WORDS);
    if words > MAX_FAMILY_WORDS {
        return None;
    }
    MEMO.with(|memo| {
        if let Some(known) = memo.borrow().get(text) {
            return *known;
        }
        let found = first_family(text, words);
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_CAPACITY {
            memo.clear();
        }
        memo.insert(text.into(), found);
        found
    })
}

thread_local! {
    /// Answers of [`classify`] for recent short texts.
    static MEMO: RefCell<FxHashMap<Box<str>, Option<Reason>>> = RefCell::new(FxHashMap::default());
}

/// The reason of the first family that matches `text` of `words` words. Only the
/// patterns whose literal prefixes the text starts with are tried (and compiled).
fn first_family(text: &str, words: usize) -> Option<Reason> {
    let phrases = phrases();
    let candidates = phrases.index.candidates(text);
    let undecorated = without_trailing_decoration(text);
    phrases
        .families
        .iter()
        .find(|family| family.matches_candidates(text, undecorated, words, &candidates))
        .map(|family| family.reason)
}

/// The text without the ellipsis (`…` or `...`), arrows or colon a label often ends
/// with (`You may also like …`, `Read more »`, `Comments ↓`); a full stop stays.
fn without_trailing_decoration(text: &str) -> &str {
    let decoration =
        |c: char| c.is_whitespace() || matches!(c, '…' | ':' | '»' | '›' | '→' | '↓' | '>');
    let trimmed = text.trim_end_matches(decoration);
    trimmed
        .strip_suffix("...")
        .map_or(trimmed, |t| t.trim_end_matches(decoration))
}

/// Read one family file; its patterns are numbered on from `next_index`.
fn read_family(reason: Reason, source: &str, next_index: &mut usize) -> PhraseFamily {
    let mut max_words = DEFAULT_MAX_WORDS;
    let mut patterns = Vec::new();
    for line in source.lines().map(str::trim) {
        if let Some(n) = line.strip_prefix("!max_words ") {
            max_words = n.trim().parse().unwrap_or(DEFAULT_MAX_WORDS);
        } else if !(line.is_empty() || line.starts_with('#') || line.starts_with('[')) {
            patterns.push(Pattern {
                index: *next_index,
                source: line.to_owned(),
                compiled: OnceLock::new(),
            });
            *next_index += 1;
        }
    }
    PhraseFamily {
        reason,
        max_words,
        patterns,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_ending_in_an_ellipsis_or_arrow_is_still_known() {
        assert_eq!(
            classify("You may also like …"),
            classify("You may also like")
        );
        assert!(classify("You may also like …").is_some());
        assert!(classify("Read more »").is_some());
        assert_eq!(classify("The river rose …"), None);
    }

    #[test]
    fn every_family_compiles() {
        assert_eq!(families().len(), SOURCES.len());
        for family in families() {
            for pattern in &family.patterns {
                pattern.regex();
            }
        }
    }

    /// The prefix index never leaves out a pattern that matches: every line of the
    /// examples below that some pattern matches has that pattern among its candidates.
    #[test]
    fn the_prefix_index_keeps_every_matching_pattern() {
        let phrases = phrases();
        let mut matched = 0;
        for text in EXAMPLES.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let candidates = phrases.index.candidates(text);
            for family in &phrases.families {
                for pattern in &family.patterns {
                    if pattern.regex().is_match(text) {
                        matched += 1;
                        assert!(
                            candidates.contains(pattern.index),
                            "{text:?} matches {} but is not a candidate",
                            pattern.source
                        );
                    }
                }
            }
        }
        assert!(matched >= 60, "only {matched} matches among the examples");
    }

    /// The build script's table holds every pattern, each with the prefixes the walk
    /// gives it here.
    #[test]
    fn the_built_prefix_table_is_current() {
        for family in families() {
            for pattern in &family.patterns {
                let at = built::RAW_PREFIXES
                    .binary_search_by(|(known, _)| (*known).cmp(pattern.source.as_str()));
                assert!(at.is_ok(), "{} is not in the table", pattern.source);
                assert_eq!(
                    known_prefixes(&pattern.source),
                    prefix::raw_prefixes(&pattern.source),
                    "{}",
                    pattern.source
                );
            }
        }
    }

    /// Most patterns open with literal words, so few are tried on every block.
    #[test]
    fn few_patterns_lack_a_prefix() {
        let total: usize = families().iter().map(|f| f.patterns.len()).sum();
        let always = phrases().index.always_tried();
        assert!(
            always * 20 < total,
            "{always} of {total} patterns have no prefix"
        );
    }

    /// Lines of every family, in several languages and cases, with decoration, digits
    /// and white space of other kinds.
    const EXAMPLES: &str = "
        Subscribe to continue reading
        SUBSCRIBE NOW TO CONTINUE READING
        Already a subscriber?
        \u{bf}Ya eres suscriptor?
        Jetzt kostenlos registrieren und weiterlesen
        Registrieren Sie sich jetzt kostenlos
        Cet article est r\u{e9}serv\u{e9} aux abonn\u{e9}s
        \u{c9}ste art\u{ed}culo es exclusivo para suscriptores
        Only $1 a week for the first year
        \u{20ac}\u{a0}4,99 pro Monat
        Cancel anytime.
        Tiempo de lectura: 3 min
        4 min read
        \u{663} min read
        Lesezeit: 4 Minuten
        Please enter a valid email
        Your email address will not be published. Required fields are marked *
        Deine E-Mail-Adresse wird nicht ver\u{f6}ffentlicht.
        Bitte geben Sie eine g\u{fc}ltige E-Mail-Adresse ein
        Already have an account? Sign in
        We use cookies to improve your experience
        Utilizamos cookies propias y de terceros
        Alle Cookies akzeptieren
        Sign up for our morning newsletter
        Get the best stories delivered to your inbox every morning
        Share this article
        Share on Facebook
        Compartir en Facebook
        Follow us on Instagram
        12 comments
        12\u{a0}Kommentare
        Leave a comment
        Lire aussi : Le budget adopt\u{e9}
        Lesen Sie auch: Neue Regeln
        You may also like
        Advertisement
        Anzeige
        With Agency Inputs
        (Reporting by Jane Roe; Editing by John Doe)
        \u{2014} Jane Roe
        Latest Business News
        More from Sport
        More on Climate change
        M\u{e1}s de Deportes
        By clicking Sign up, you agree to our terms
        Terms and conditions apply
        About us
        Contact
        Back to top
        Read more
        Related articles
        Sort by:
        Was this article helpful?
        Print this page
        Reuters
        (AFP)
        Photo: Reuters
        Sponsored content
        Skip to main content
        Copyright 2024 All rights reserved
        \u{a9} 2024 Example Media
        Privacy policy
        Log in
        Create an account
        Sign in to continue reading
        The river rose by two metres overnight.
        Share prices fell sharply on Monday.
    ";

    #[test]
    fn every_pattern_is_anchored() {
        for (reason, source) in SOURCES {
            for line in source.lines().map(str::trim) {
                let is_pattern = !(line.is_empty()
                    || line.starts_with('#')
                    || line.starts_with('[')
                    || line.starts_with('!'));
                assert!(
                    !is_pattern || line.starts_with('^'),
                    "{reason}: pattern not anchored: {line}"
                );
            }
        }
    }

    #[test]
    fn classifies_across_languages() {
        let cases = [
            ("Subscribe to continue reading", Reason::Paywall),
            (
                "Jetzt kostenlos registrieren und weiterlesen",
                Reason::RegistrationWall,
            ),
            ("Cet article est réservé aux abonnés", Reason::Paywall),
            ("Tiempo de lectura: 3 min", Reason::ReadingTime),
            ("4 min read", Reason::ReadingTime),
            ("Lesezeit: 4 Minuten", Reason::ReadingTime),
            ("Please enter a valid email", Reason::FormMessage),
            (
                "Your email address will not be published. Required fields are marked *",
                Reason::FormMessage,
            ),
            (
                "Deine E-Mail-Adresse wird nicht veröffentlicht.",
                Reason::FormMessage,
            ),
            (
                "Bitte geben Sie eine gültige E-Mail-Adresse ein",
                Reason::FormMessage,
            ),
            ("Already have an account? Sign in", Reason::Login),
            ("We use cookies to improve your experience", Reason::Cookie),
            ("Utilizamos cookies propias y de terceros", Reason::Cookie),
            ("Sign up for our morning newsletter", Reason::Newsletter),
            ("Share this article", Reason::Share),
            ("Compartir en Facebook", Reason::Share),
            ("12 comments", Reason::Comments),
            ("Lire aussi : Le budget adopté", Reason::Related),
            ("Lesen Sie auch: Neue Regeln", Reason::Related),
            ("Advertisement", Reason::Advertising),
            ("Anzeige", Reason::Advertising),
            ("With Agency Inputs", Reason::Credit),
            ("Latest Business News", Reason::SectionFooter),
            ("More from Sport", Reason::SectionFooter),
        ];
        for (text, want) in cases {
            assert_eq!(classify(text), Some(want), "{text}");
        }
    }

    /// The memo gives the same answer as trying each eligible family in order, also when
    /// asked twice.
    #[test]
    fn memo_agrees_with_families_one_by_one() {
        let samples = [
            "Subscribe to continue reading",
            "Share this article",
            "12 comments",
            "Advertisement",
            "Lire aussi : Le budget adopté",
            "Please enter a valid email",
            "We use cookies to improve your experience. By continuing you accept our cookie policy and the terms of use of this site.",
            "Sign up for our newsletter and share it with friends: 12 comments",
            "More from Sport",
            "Latest Business News",
            "Share prices fell sharply on Monday after the announcement.",
            "",
        ];
        for text in samples {
            let words = crate::block::word_count_upto(text, MAX_FAMILY_WORDS);
            let expected = families()
                .iter()
                .find(|family| family.matches(text, words))
                .map(|family| family.reason);
            assert_eq!(classify(text), expected, "{text}");
            assert_eq!(classify(text), expected, "{text} (again)");
        }
    }

    #[test]
    fn prose_is_not_classified() {
        let prose = [
            "Share prices fell sharply on Monday after the announcement.",
            "The bakery sells cookies and bread to more than 300 customers a day.",
            "By the end of the year, the company had doubled its subscribers.",
            "Subscribers to the streaming service complained about the price rise.",
            "More than 300 people attended the meeting.",
            "Back to school season is busy for retailers, who expect record sales.",
            "Comments made by the minister drew criticism from the opposition.",
        ];
        for text in prose {
            assert_eq!(classify(text), None, "{text}");
        }
    }
}
