//! Stand-alone bylines ("By Jane Doe and Omar Haddad", "Von Anna Schmidt", "Par Luc
//! Martin", "Por María Gómez"): removed from the body; the names fill `byline`.

use std::sync::OnceLock;

use regex::Regex;

use crate::block::Block;
use crate::reason::Reason;

/// Longest byline line, in words.
const MAX_WORDS: usize = 16;

/// Words that describe a role, not a name ("Political Editor", "Korrespondent").
#[rustfmt::skip]
const ROLE_WORDS: &[&str] = &[
    "editor", "correspondent", "reporter", "writer", "staff", "contributor", "journalist",
    "columnist", "analyst", "producer", "team", "desk", "newsroom", "senior", "chief",
    "redakteur", "redakteurin", "korrespondent", "korrespondentin", "redaktion", "autor",
    "autorin", "rédaction", "correspondante", "envoyé", "envoyée", "spécial", "spéciale",
    "journaliste", "corresponsal", "redacción", "redactor", "redactora", "periodista",
];

/// Lower-case particles allowed inside names ("Ursula von der Leyen", "Ana de la Cruz").
#[rustfmt::skip]
const NAME_PARTICLES: &[&str] = &[
    "de", "da", "das", "do", "dos", "del", "della", "di", "du", "van", "von", "der", "den",
    "la", "le", "al", "el", "bin", "ibn", "y", "zu", "ter", "ten",
];

/// Articles that start headings ("By The Numbers"); a name never starts with one.
const LEADING_ARTICLES: &[&str] = &[
    "the", "a", "an", "der", "die", "das", "ein", "eine", "le", "la", "les", "un", "une", "el",
    "los", "las", "una",
];

/// Remove byline lines; returns the names of the first one.
pub fn remove(blocks: &mut [Block]) -> Vec<String> {
    let mut authors = Vec::new();
    for block in blocks.iter_mut().filter(|b| b.is_body()) {
        if let Some(names) = parse_byline(&block.text) {
            block.remove(Reason::Byline);
            if authors.is_empty() {
                authors = names;
            }
        }
    }
    authors
}

/// If `text` is a byline line, the author names it gives, one person each: a credential
/// after a name stays with it ("By Jane Doe, MD" names one person, "Jane Doe, MD").
pub fn parse_byline(text: &str) -> Option<Vec<String>> {
    if crate::block::word_count_upto(text, MAX_WORDS) > MAX_WORDS {
        return None;
    }
    // The lazy DFA rules most lines out; only a match pays for the capture groups.
    if !prefix_pattern().is_match(text) {
        return None;
    }
    let caps = prefix_pattern().captures(text)?;
    let rest = cut_trailing_parts(caps.name("rest")?.as_str());
    let mut names: Vec<String> = Vec::new();
    for part in split_names(rest) {
        if is_role(part) {
            continue;
        }
        if crate::meta::page::is_credential(part) {
            let last = names.last_mut()?;
            last.push_str(", ");
            last.push_str(part);
            continue;
        }
        if !is_name(part) {
            return None;
        }
        names.push(part.to_owned());
    }
    (!names.is_empty()).then_some(names)
}

/// "By", "Von", "Par", "Por" and their variants, then the rest of the line.
fn prefix_pattern() -> &'static Regex {
    static PREFIX: OnceLock<Regex> = OnceLock::new();
    PREFIX.get_or_init(|| {
        Regex::new(r"(?i)^(?:(?:written|words|story|text|reporting|report)\s+by|by|von|par|por|di|door|text|texte|autor|autora|auteur|author|de)\s*:?\s+(?P<rest>.+)$")
            .expect("byline pattern compiles")
    })
}

/// Cut what follows the names: a date, a place, a separator and what comes after it.
fn cut_trailing_parts(rest: &str) -> &str {
    let cut = [
        " | ", " · ", " • ", " - ", " – ", " — ", " / ", " on ", " am ", " le ", " el ", " in ",
    ]
    .iter()
    .filter_map(|sep| rest.find(sep))
    .min()
    .unwrap_or(rest.len());
    rest[..cut].trim().trim_end_matches(['.', ','])
}

/// Split a list of names on commas and conjunctions.
fn split_names(rest: &str) -> impl Iterator<Item = &str> {
    static SPLIT: OnceLock<Regex> = OnceLock::new();
    SPLIT
        .get_or_init(|| {
            Regex::new(
                r",\s*(?:(?:and|und|et|y|e|&|og|och|en)\s+)?|\s+(?:and|und|et|y|e|&|og|och|en)\s+",
            )
            .expect("split compiles")
        })
        .split(rest)
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// Whether a part names a role ("Political Editor", "in London" was cut before).
fn is_role(part: &str) -> bool {
    part.split_whitespace()
        .any(|w| ROLE_WORDS.contains(&w.to_lowercase().trim_matches('.')))
}

/// Whether a part reads as a person's (or agency's) name: one to five words, each
/// capitalised or a name particle, the first capitalised, no digits.
fn is_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || part.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let capitalised = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    !LEADING_ARTICLES.contains(&words[0].to_lowercase().as_str())
        && capitalised(words[0])
        && words
            .iter()
            .all(|w| capitalised(w) || NAME_PARTICLES.contains(w))
        && !part.ends_with(['!', '?'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_without_prefix_or_roles() {
        let names = |text: &str| parse_byline(text).unwrap_or_default();
        assert_eq!(
            names("By Jane Doe and Omar Haddad"),
            ["Jane Doe", "Omar Haddad"]
        );
        assert_eq!(names("By Jane Doe, Political Editor"), ["Jane Doe"]);
        assert_eq!(names("Von Anna Schmidt | 3. Mai 2022"), ["Anna Schmidt"]);
        assert_eq!(names("Por María Gómez"), ["María Gómez"]);
        assert_eq!(
            names("Par Luc Martin et Claire Dubois"),
            ["Luc Martin", "Claire Dubois"]
        );
        assert_eq!(names("By Ursula von der Leyen"), ["Ursula von der Leyen"]);
    }

    #[test]
    fn credentials_stay_with_the_name() {
        let names = |text: &str| parse_byline(text).unwrap_or_default();
        assert_eq!(names("By Jane Doe, MD, PhD"), ["Jane Doe, MD, PhD"]);
        assert_eq!(
            names("By Jane Doe, MD, and Omar Haddad"),
            ["Jane Doe, MD", "Omar Haddad"]
        );
        assert_eq!(
            names("By Jane Doe, Omar Haddad and Li Wei"),
            ["Jane Doe", "Omar Haddad", "Li Wei"]
        );
        assert_eq!(parse_byline("By MD"), None);
    }

    #[test]
    fn sentences_starting_with_by_are_not_bylines() {
        assert_eq!(
            parse_byline("By the end of the year, prices had doubled."),
            None
        );
        assert_eq!(parse_byline("By Monday, the river had risen."), None);
        assert_eq!(
            parse_byline("De nombreux habitants ont quitté la ville."),
            None
        );
        assert_eq!(parse_byline("Por la tarde llegó la lluvia."), None);
        assert_eq!(parse_byline("By The Numbers"), None);
    }
}
