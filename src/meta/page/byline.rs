//! Turning raw author values into names: prefixes ("By", "Von", "Par", "Por"), dates,
//! roles, e-mail addresses and URLs are removed; several authors are split apart so
//! that they can be deduplicated, then printed as the page prints them together ("A and
//! B", [`as_printed`]) or joined by ", ". One name is one person:
//!
//! - academic and professional credentials written after a name stay with it, as
//!   written ("Jane Doe, MD, PhD" is one person, not three);
//! - roles are dropped, whether they follow the name ("John Smith, Senior Reporter",
//!   "Name | Title") or stand as the one word after a full name ("Tracy Parker,
//!   Dietitian": a full name and a single word is a name and its title, not two people);
//! - "A and B", "A, B and C", "A; B" are several people;
//! - in a value that holds one author each (`citation_author`, `dc.creator`), a
//!   surname first ("Kaufman, Jeff T.") is one person, kept as written.

use std::sync::OnceLock;

use regex::Regex;

use super::text::{clean, is_url, key};

/// Words that make a byline part a role or job title rather than a name.
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "writer", "editor", "editors", "reporter", "correspondent", "contributor", "columnist",
    "journalist", "staff", "senior", "associate", "contributing", "freelance", "producer",
    "photographer", "analyst", "redakteur", "redakteurin", "redaktion", "korrespondent",
    "korrespondentin", "rédacteur", "rédactrice", "journaliste", "envoyé", "envoyée",
    "spécial", "redactor", "redactora", "corresponsal", "periodista", "expert",
    "editorial", "desk", "newsroom", "updated", "published", "posted", "reviewed",
    "medically", "fact", "checked", "read", "min", "minutes", "comments", "sponsored",
    "director", "coordinator", "consultant", "manager", "marketing", "former", "founder",
    "ceo", "specialist", "strategist", "officer", "president", "chief", "content",
];

/// Values that say nobody in particular wrote the piece.
const ANONYMOUS: &[&str] = &[
    "admin",
    "administrator",
    "unknown",
    "anonymous",
    "guest",
    "author",
];

/// Lower-case words that may stand inside a person's name.
const NAME_PARTICLES: &[&str] = &[
    "van", "der", "den", "de", "la", "le", "von", "zu", "di", "da", "du", "del", "dos", "das",
    "bin", "ibn", "al", "el", "y", "e", "ter", "ten", "st.",
];

/// Month names and weekdays (English), which end a name in "Jane Doe March 3, 2020".
#[rustfmt::skip]
const CALENDAR_WORDS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "last", "on", "at", "in", "published", "updated",
];

/// Separators between the names of several authors.
const NAME_SEPARATORS: &[&str] = &[" and ", " & ", " und ", " et ", ";", " / "];

/// The author names in a raw author value (empty when it holds none).
pub fn names(raw: &str) -> Vec<String> {
    let Some(text) = clean(raw) else {
        return Vec::new();
    };
    if is_url(&text) {
        return Vec::new();
    }
    let text = strip_contacts(&text);
    let text = strip_prefix(&text);
    let text = first_segment(&text);
    let mut found = Vec::new();
    for part in split_names(&text) {
        for name in with_credentials(&part) {
            push_unique(&mut found, name);
        }
    }
    found
}

/// What a page prints between the names of several authors, longest first so that
/// ", and " is read before ", ".
const PRINTED_CONNECTORS: &[&str] = &[
    ", and ", ", & ", " and ", " & ", ", ", "; ", " und ", " et ", " y ", " e ", " og ", " en ",
];

/// `names` as the raw author value `raw` prints them, with its own connectors ("Jane
/// Doe and John Roe", "A, B, and C"), when, once its prefix, contacts and trailing date
/// are gone, the value is exactly those names in that order with connectors between
/// them; `None` for fewer than two names or a value that says anything else.
pub fn as_printed(raw: &str, names: &[String]) -> Option<String> {
    if names.len() < 2 {
        return None;
    }
    let text = first_segment(&strip_prefix(&strip_contacts(&clean(raw)?)));
    let mut rest = text.trim();
    let mut printed = String::with_capacity(rest.len());
    for (index, name) in names.iter().enumerate() {
        if index > 0 {
            let connector = leading_connector(rest)?;
            printed.push_str(&rest[..connector]);
            rest = &rest[connector..];
        }
        rest = rest.strip_prefix(name.as_str())?;
        printed.push_str(name);
    }
    rest.trim().is_empty().then_some(printed)
}

/// The length of the connector `text` starts with, if it starts with one.
fn leading_connector(text: &str) -> Option<usize> {
    PRINTED_CONNECTORS
        .iter()
        .find(|c| {
            text.get(..c.len())
                .is_some_and(|head| head.eq_ignore_ascii_case(c))
        })
        .map(|c| c.len())
}

/// The author named by a value that holds one author (the `citation_author` and Dublin
/// Core creator tags): a surname written first ("Kaufman, Jeff T.") is one person, kept
/// as written; any other value is read as [`names`] reads it.
pub fn name_of_one(raw: &str) -> Vec<String> {
    let Some(text) = clean(raw) else {
        return Vec::new();
    };
    match inverted_name(&text) {
        Some(name) => vec![name],
        None => names(&text),
    }
}

/// `Surname, Given Names` (one comma, a surname of one or two words, given names or
/// initials after it, no credential or role), as written.
fn inverted_name(text: &str) -> Option<String> {
    let (surname, given) = text.split_once(',')?;
    let (surname, given) = (surname.trim(), given.trim());
    let words = |t: &str| t.split_whitespace().count();
    let plain = (1..=2).contains(&words(surname))
        && (1..=3).contains(&words(given))
        && !given.contains(',')
        && !is_credential(given)
        && reads_as_name(surname)
        && reads_as_name(given)
        && split_names(text).len() == 1
        && name_part(given).is_some_and(|n| n == given);
    plain.then(|| format!("{surname}, {given}"))
}

/// Add `name` unless a name with the same words is already there.
pub fn push_unique(names: &mut Vec<String>, name: String) {
    if !names.iter().any(|n| key(n) == key(&name)) {
        names.push(name);
    }
}

/// A name made from the last path segment of an author URL:
/// `https://site/author/jane-doe/` → `Jane Doe`.
pub fn slug_name(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let slug = path.trim_end_matches('/').rsplit('/').next()?;
    let words: Vec<&str> = slug
        .split(['-', '_', '+'])
        .filter(|w| !w.is_empty())
        .collect();
    let plain = |w: &&str| w.chars().all(|c| c.is_alphabetic());
    if !(2..=4).contains(&words.len()) || !words.iter().all(plain) {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| capitalise(w))
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A word with its first letter upper-cased.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// Remove e-mail addresses, URLs and "@handles".
fn strip_contacts(text: &str) -> String {
    static CONTACT: OnceLock<Regex> = OnceLock::new();
    let pattern = CONTACT.get_or_init(|| {
        Regex::new(r"(?i)\(?(?:\S+@\S+\.\S+|https?://\S+|www\.\S+|@\w+)\)?")
            .expect("contact pattern compiles")
    });
    pattern.replace_all(text, " ").into_owned()
}

/// Remove a leading "By", "Written by", "Von", "Par", "Por", "Author:" and the like.
fn strip_prefix(text: &str) -> String {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    let pattern = PREFIX.get_or_init(|| {
        Regex::new(
            r"(?i)^\s*(?:(?:written|posted|reported|words|text|story|article|published|reviewed|edited|compiled|created|geschrieben|écrit|escrito|publicado)\s+)?(?:by|von|par|por|door)\b\s*:?\s*|^\s*(?:authors?|autor(?:in|en|ka|zy)?|auteur|autore|автор(?:ы)?|byline|writer|posted)\b\s*:?\s*",
        )
        .expect("prefix pattern compiles")
    });
    let mut text = text.trim().to_owned();
    while let Some(found) = pattern.find(&text).filter(|m| !m.is_empty()) {
        text = text[found.end()..].trim().to_owned();
    }
    text
}

/// The part of a byline before separators, dates and reading times: the names. A date
/// printed first ("Dec. 19, 2025 · Jane Doe") is passed over.
fn first_segment(text: &str) -> String {
    let text = after_leading_date(text);
    static CUT: OnceLock<Regex> = OnceLock::new();
    let pattern = CUT.get_or_init(|| {
        Regex::new(
            r"\s*(?:[|•·—–]|\s-\s|\n|\d|\b(?:on|am|le|el|il|updated|published|posted)\s+\S*\d)",
        )
        .expect("cut pattern compiles")
    });
    let text = text.trim_start_matches(|c: char| "|•·—–-:, ".contains(c));
    let end = pattern.find(text).map_or(text.len(), |m| m.start());
    let mut words: Vec<&str> = text[..end].split_whitespace().collect();
    while words.len() > 1 && is_calendar_word(words[words.len() - 1]) {
        words.pop();
    }
    words
        .join(" ")
        .trim_end_matches(|c: char| ",;:-–—(".contains(c) || c.is_whitespace())
        .to_owned()
}

/// `text` after a date printed before the names and set off by a separator ("Dec. 19,
/// 2025 · Jane Doe", "2025-12-19 | Jane Doe"): a first segment holding a digit and
/// otherwise only calendar words and punctuation. Any other text is returned whole.
fn after_leading_date(text: &str) -> &str {
    let Some(at) = text.find(['|', '•', '·', '—', '–']) else {
        return text;
    };
    let head = &text[..at];
    let is_date = head.chars().any(|c| c.is_ascii_digit())
        && head.split_whitespace().all(|word| {
            let word = word.trim_matches(|c: char| c.is_ascii_punctuation());
            word.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
                || is_calendar_word(word)
        });
    if !is_date {
        return text;
    }
    let rest = &text[at..];
    let sep_len = rest.chars().next().map_or(0, char::len_utf8);
    rest[sep_len..].trim_start()
}

/// Whether a word is a month name, a weekday or a date preposition.
fn is_calendar_word(word: &str) -> bool {
    let word = word.trim_end_matches([',', '.']).to_lowercase();
    CALENDAR_WORDS.contains(&word.as_str())
}

/// Whether a name found in page text reads as a person's or team's name: one to six
/// words, each capitalised or a name particle.
pub fn reads_as_name(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(", ")
        .next()
        .unwrap_or(name)
        .split_whitespace()
        .collect();
    (1..=6).contains(&words.len())
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric())
                || NAME_PARTICLES.contains(&w.to_lowercase().as_str())
        })
}

/// Split a byline holding several authors at "and", "&", ";" and their kin.
fn split_names(text: &str) -> Vec<String> {
    let mut parts = vec![text.to_owned()];
    for separator in NAME_SEPARATORS {
        parts = parts
            .iter()
            .flat_map(|p| split_ignore_case(p, separator))
            .collect();
    }
    parts
        .into_iter()
        .map(|p| p.trim_start_matches(", ").trim().to_owned())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Split `text` at every case-insensitive occurrence of `separator`.
fn split_ignore_case(text: &str, separator: &str) -> Vec<String> {
    // ASCII lower-casing keeps every byte offset (and so every character boundary) of
    // `text`; the separators are ASCII words.
    let lower = text.to_ascii_lowercase();
    let mut parts = Vec::new();
    let mut start = 0;
    for (index, _) in lower.match_indices(separator) {
        parts.push(text[start..index].to_owned());
        start = index + separator.len();
    }
    parts.push(text[start..].to_owned());
    parts
}

/// Split a comma list into names, keeping credentials ("MD", "Ph.D.") with the name
/// before them and dropping roles ("Staff Writer", or the one word after a full name in
/// "Tracy Parker, Dietitian").
fn with_credentials(text: &str) -> Vec<String> {
    let parts: Vec<&str> = text
        .split(',')
        .map(|p| p.trim().trim_end_matches(FOOTNOTE_MARKS).trim_end())
        .filter(|p| !p.is_empty())
        .collect();
    let mut names: Vec<String> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        if is_credential(part) {
            if let Some(last) = names.last_mut() {
                last.push_str(", ");
                last.push_str(part);
            }
        } else if i > 0 && is_title_after_name(&parts) {
            continue;
        } else if let Some(name) = name_part(part) {
            names.push(name);
        }
    }
    names
}

/// Whether a comma list is a full name and the one word of its title: `Full Name,
/// Word` (the word not a credential), as in "Tracy Parker, Dietitian". A list of single
/// names ("Maria, Katerina") or of full names ("Jane Doe, John Roe") is several people.
fn is_title_after_name(parts: &[&str]) -> bool {
    let [name, title] = parts else {
        return false;
    };
    name.split_whitespace().count() >= 2
        && title.split_whitespace().count() == 1
        && !is_credential(title)
}

/// Footnote marks after a name or credential ("MD*"), dropped.
const FOOTNOTE_MARKS: &[char] = &['*', '†', '‡'];

/// Degrees and suffixes written in mixed case ("PhD", "MSc", "Jr."), lower-cased.
#[rustfmt::skip]
const MIXED_CASE_CREDENTIALS: &[&str] = &[
    "phd", "ph.d.", "ph.d", "dphil", "mphil", "msc", "bsc", "pharmd", "drph", "psyd",
    "edd", "msed", "jr.", "jr", "sr.", "sr", "ii", "iii", "iv", "esq.", "esq",
];

/// Longest upper-case abbreviation read as a credential ("FACEP").
const CREDENTIAL_MAX_CHARS: usize = 6;
/// Longest upper-case abbreviation with stops or a hyphen read as a credential
/// ("F.A.C.C.", "APRN-BC"); a longer word, or a plain one of this length, is a name.
const DOTTED_CREDENTIAL_MAX_CHARS: usize = 8;

/// A credential after a name: every word (at most four) a known degree or suffix, or
/// an upper-case abbreviation ("MD", "RD", "F.A.C.C.", "APRN-BC", "CEPF®").
pub fn is_credential(part: &str) -> bool {
    part.split_whitespace().count() <= 4
        && part.split_whitespace().all(|w| {
            MIXED_CASE_CREDENTIALS.contains(&w.to_lowercase().as_str()) || is_abbreviation(w)
        })
}

/// An upper-case abbreviation: capitals, stops, hyphens, digits, brackets or a
/// registered sign, short (see [`CREDENTIAL_MAX_CHARS`]).
fn is_abbreviation(word: &str) -> bool {
    let chars = word.chars().count();
    let dotted = word.contains(['.', '-']);
    let short = chars <= CREDENTIAL_MAX_CHARS || (dotted && chars <= DOTTED_CREDENTIAL_MAX_CHARS);
    short
        && word.chars().any(char::is_uppercase)
        && word
            .chars()
            .all(|c| c.is_uppercase() || ".-®()0-9".contains(c))
}

/// A name with trailing role words removed, or `None` when nothing name-like is left.
fn name_part(part: &str) -> Option<String> {
    let words: Vec<&str> = part.split_whitespace().collect();
    let is_role = |w: &&str| ROLE_WORDS.contains(&key(w).as_str());
    if words.iter().any(is_role) {
        let kept: Vec<&str> = words.iter().take_while(|w| !is_role(w)).copied().collect();
        return (kept.len() >= 2)
            .then(|| kept.join(" "))
            .and_then(valid_name);
    }
    valid_name(words.join(" "))
}

/// The name, when it reads as one: letters, at most seven words, not "admin".
fn valid_name(name: String) -> Option<String> {
    let name = name
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
        .to_owned();
    let words = name.split_whitespace().count();
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let anonymous = ANONYMOUS.contains(&key(&name).as_str());
    let calendar = name.split_whitespace().all(is_calendar_word);
    let plausible = words <= 7 && letters >= 2 && name.chars().count() <= 80;
    (plausible && !anonymous && !calendar).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_prefixes_in_several_languages() {
        assert_eq!(names("By Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Von Hans Müller"), ["Hans Müller"]);
        assert_eq!(names("Par Marie Dupont"), ["Marie Dupont"]);
        assert_eq!(names("Por Juan Pérez"), ["Juan Pérez"]);
        assert_eq!(names("Written by: Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("Автор: Ирина Колосова"), ["Ирина Колосова"]);
    }

    #[test]
    fn strips_dates_roles_emails_and_urls() {
        assert_eq!(names("By Jane Doe | March 24, 2016"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe on 24 March 2016"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, Staff Writer"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Senior Correspondent"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe Former Marketing Director"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe (jane@example.com)"), ["Jane Doe"]);
        assert!(names("https://example.com/author/jane-doe").is_empty());
    }

    #[test]
    fn several_names_are_printed_with_the_pages_own_connectors() {
        let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let two = names(&["Jane Doe", "John Roe"]);
        assert_eq!(
            as_printed("By Jane Doe and John Roe", &two).as_deref(),
            Some("Jane Doe and John Roe")
        );
        assert_eq!(
            as_printed("Jane Doe & John Roe | May 3, 2024", &two).as_deref(),
            Some("Jane Doe & John Roe")
        );
        let three = names(&["Jane Doe", "John Roe", "Ann Poe"]);
        assert_eq!(
            as_printed("Jane Doe, John Roe, and Ann Poe", &three).as_deref(),
            Some("Jane Doe, John Roe, and Ann Poe")
        );
        // Anything else in the value, another order, or one name: not printed this way.
        assert_eq!(as_printed("Jane Doe and John Roe, photos", &two), None);
        assert_eq!(as_printed("John Roe and Jane Doe", &two), None);
        assert_eq!(as_printed("Jane Doe", &names(&["Jane Doe"])), None);
    }

    #[test]
    fn a_date_printed_before_the_name_is_passed_over() {
        assert_eq!(names("Dec. 19, 2025 · Jane Doe"), ["Jane Doe"]);
        assert_eq!(names("2025-12-19 | Jane Doe"), ["Jane Doe"]);
        // A segment with other words before the separator is the name part.
        assert_eq!(names("Jane Doe | 3 min read"), ["Jane Doe"]);
        assert!(names("Section 5 | Jane Doe")
            .iter()
            .all(|n| n != "Jane Doe"));
    }

    #[test]
    fn splits_and_dedupes_several_authors() {
        assert_eq!(names("Jane Doe and John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(
            names("Jane Doe, John Roe & Ann Poe"),
            ["Jane Doe", "John Roe", "Ann Poe"]
        );
        assert_eq!(names("Jane Doe; jane doe"), ["Jane Doe"]);
    }

    #[test]
    fn keeps_credentials_with_the_name() {
        assert_eq!(names("Jane Doe, MD"), ["Jane Doe, MD"]);
        assert_eq!(names("Jane Doe, Ph.D."), ["Jane Doe, Ph.D."]);
        assert_eq!(names("Jane Doe, MS, RD"), ["Jane Doe, MS, RD"]);
        assert_eq!(names("Jane Doe, MD, PhD"), ["Jane Doe, MD, PhD"]);
        assert_eq!(
            names("Jane Doe, MSc, F.A.C.C."),
            ["Jane Doe, MSc, F.A.C.C."]
        );
        assert_eq!(names("Jane Doe, DNP, APRN-BC"), ["Jane Doe, DNP, APRN-BC"]);
        assert_eq!(names("Jane Doe, MD*"), ["Jane Doe, MD"]);
    }

    #[test]
    fn one_person_with_a_title_is_one_person() {
        assert_eq!(names("John Smith, Senior Reporter"), ["John Smith"]);
        assert_eq!(names("Tracy Parker, Dietitian"), ["Tracy Parker"]);
        assert_eq!(names("Jane Doe | Health Editor"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe, MD, Staff Writer"), ["Jane Doe, MD"]);
    }

    #[test]
    fn lists_of_people_stay_several() {
        assert_eq!(names("Maria, Katerina"), ["Maria", "Katerina"]);
        assert_eq!(names("Jane Doe, John Roe"), ["Jane Doe", "John Roe"]);
        assert_eq!(
            names("Jane Doe, MD, and John Roe, PhD"),
            ["Jane Doe, MD", "John Roe, PhD"]
        );
        assert_eq!(names("Ann Poe, Bo, Cy"), ["Ann Poe", "Bo", "Cy"]);
    }

    #[test]
    fn a_surname_first_is_one_person_where_a_value_holds_one() {
        assert_eq!(name_of_one("Kaufman, Jeff T."), ["Kaufman, Jeff T."]);
        assert_eq!(name_of_one("Roy, Aniruddha"), ["Roy, Aniruddha"]);
        assert_eq!(name_of_one("Jane Doe, MD"), ["Jane Doe, MD"]);
        assert_eq!(name_of_one("Jane Doe"), ["Jane Doe"]);
        assert_eq!(name_of_one("Doe, Staff Writer"), ["Doe"]);
        assert_eq!(names("Kaufman, Jeff T."), ["Kaufman", "Jeff T."]);
    }

    #[test]
    fn drops_trailing_calendar_words() {
        assert_eq!(names("Jane Doe December"), ["Jane Doe"]);
        assert_eq!(names("Jane Doe on Friday December 5, 2025"), ["Jane Doe"]);
        assert_eq!(names("Author Jane Doe"), ["Jane Doe"]);
    }

    #[test]
    fn tells_names_from_phrases() {
        assert!(reads_as_name("Jane Doe"));
        assert!(reads_as_name("Marna van der Merwe"));
        assert!(reads_as_name("Jane Doe, MD"));
        assert!(!reads_as_name("clicking you agree"));
        assert!(!reads_as_name("One Two Three Four Five Six Seven"));
    }

    #[test]
    fn rejects_placeholders() {
        assert!(names("admin").is_empty());
        assert!(names("  ").is_empty());
        assert!(names("12345").is_empty());
        assert!(names("Dec.").is_empty());
        assert!(names("Sat").is_empty());
    }

    #[test]
    fn slugs_become_names() {
        assert_eq!(
            slug_name("https://example.com/author/jane-doe/").as_deref(),
            Some("Jane Doe")
        );
        assert_eq!(slug_name("https://example.com/author/12345"), None);
    }
}
