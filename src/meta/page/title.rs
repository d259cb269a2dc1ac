//! The headline from a page title: the site-name prefix or suffix is dropped
//! ("Headline | Site", "Site - Headline"), and an `<h1>` that matches the title is
//! preferred as the cleanest form of the headline.

use super::text::{key, normalise_space};

/// Separators between a headline and the site name.
const SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // ", " • ",
];

/// Fewest words the first part must have for an unnamed trailing part to be dropped.
const MIN_HEADLINE_WORDS: usize = 3;

/// Most words an unnamed trailing part may have to be taken for a site name.
const MAX_SITE_WORDS: usize = 4;

/// The headline in `title`, without the part naming the site. `sites` are the known
/// site names (site name metadata, the URL's domain name). With `guess_tail`, a short
/// trailing part after a long enough headline is dropped even when no site name matches.
pub fn strip_site(title: &str, sites: &[String], guess_tail: bool) -> String {
    let parts = split_parts(title);
    let site_keys: Vec<String> = sites
        .iter()
        .map(|s| key(s))
        .filter(|k| k.len() >= 2)
        .collect();
    if let Some(kept) = drop_named_ends(&parts, &site_keys) {
        return kept;
    }
    if let Some(kept) = drop_named_prefix(title, &site_keys) {
        return kept;
    }
    if parts.len() < 2 {
        return title.to_owned();
    }
    guess_tail
        .then(|| drop_unnamed_tail(&parts))
        .flatten()
        .unwrap_or_else(|| title.to_owned())
}

/// Split a title at every separator, keeping the separators (even indices are parts).
fn split_parts(title: &str) -> Vec<String> {
    let mut pieces = vec![title.to_owned()];
    for separator in SEPARATORS {
        pieces = pieces
            .into_iter()
            .enumerate()
            .flat_map(|(index, piece)| {
                if index % 2 == 1 {
                    return vec![piece];
                }
                let mut out = Vec::new();
                for (i, part) in piece.split(separator).enumerate() {
                    if i > 0 {
                        out.push((*separator).to_owned());
                    }
                    out.push(part.to_owned());
                }
                out
            })
            .collect();
    }
    pieces
}

/// The comparison keys of site names (two characters or more).
pub fn site_keys(sites: &[String]) -> Vec<String> {
    sites
        .iter()
        .map(|s| key(s))
        .filter(|k| k.len() >= 2)
        .collect()
}

/// Whether a title part (or an `<h1>`) names the site.
fn names_site(part: &str, site_keys: &[String]) -> bool {
    let part_key = key(part);
    !part_key.is_empty()
        && site_keys.iter().any(|site| {
            part_key.contains(site.as_str()) || (part_key.len() >= 4 && site.contains(&part_key))
        })
}

/// The title without a leading `Site Name: ` that names the site, when it does and a
/// headline follows.
fn drop_named_prefix(title: &str, site_keys: &[String]) -> Option<String> {
    let (name, rest) = title.split_once(": ")?;
    let rest = normalise_space(rest);
    (!rest.is_empty() && site_keys.iter().any(|site| key(name) == *site)).then_some(rest)
}

/// The title without its leading and trailing parts that name the site, when any does.
fn drop_named_ends(parts: &[String], site_keys: &[String]) -> Option<String> {
    let (mut start, mut end) = (0, parts.len());
    while end - start > 1 && names_site(&parts[end - 1], site_keys) {
        end = end.saturating_sub(2);
    }
    while end - start > 1 && names_site(&parts[start], site_keys) {
        start += 2;
    }
    if (start, end) == (0, parts.len()) || start >= end {
        return None;
    }
    Some(normalise_space(&parts[start..end].concat()))
}

/// The title without a short trailing part when the first part is a long enough
/// headline and no site name is known to match.
fn drop_unnamed_tail(parts: &[String]) -> Option<String> {
    let first_words = parts[0].split_whitespace().count();
    let last = parts.last()?;
    let last_words = last.split_whitespace().count();
    (first_words >= MIN_HEADLINE_WORDS && last_words <= MAX_SITE_WORDS && last_words < first_words)
        .then(|| normalise_space(&parts[..parts.len() - 2].concat()))
}

/// The headline form of the `<h1>` that matches `title` (equal words, contained in the
/// raw title and, when short, overlapping the headline part of it, or the full form of
/// a truncated title), when there is one: a short `<h1>` printing only the site part of
/// the raw title (a masthead) does not match. An all-capitals `<h1>` (styled as a
/// shout) gives way to the title's own capitalisation, and an `<h1>` that differs from
/// the title only in its quote marks (typographic in the body, plain in the title, or
/// the reverse) to the title's spelling: the title is the form the page gives for use
/// elsewhere (browser tabs, feeds, shared links).
pub fn matching_h1(title: &str, raw_title: &str, h1s: &[String]) -> Option<String> {
    let (title_key, raw_key) = (key(title), key(raw_title));
    let h1 = h1s.iter().find(|h1| {
        let h1_key = key(h1);
        // A short <h1> found only in the raw title's site part is a masthead.
        let overlaps = title_key.contains(&h1_key)
            || h1_key.contains(&title_key)
            || h1.split_whitespace().count() > MAX_SITE_WORDS;
        h1_key.len() >= 8
            && (h1_key == title_key
                || (raw_key.contains(&h1_key) && overlaps && h1_key.len() * 2 >= title_key.len())
                || (title_key.len() >= 40 && h1_key.starts_with(&title_key)))
    })?;
    let shouted = is_all_caps(h1) && !is_all_caps(title) && key(h1) == title_key;
    let requoted = plain_quotes(h1) == plain_quotes(title);
    Some(if shouted || requoted { title } else { h1 }.to_owned())
}

/// `text` with typographic quotes, apostrophes and primes made plain (`'` and `"`).
fn plain_quotes(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
            other => other,
        })
        .collect()
}

/// Whether the text has letters and none of them is lower-case.
fn is_all_caps(text: &str) -> bool {
    text.chars().any(char::is_alphabetic) && !text.chars().any(char::is_lowercase)
}

/// Fewest words an `<h1>` needs to be taken for the headline without a matching title.
const MIN_H1_WORDS: usize = 2;

/// The `<h1>`s that print an affix of a page title: one of its parts after the first,
/// split at the separators ("Headline | Site"), or the name before a first `: ` ("Site
/// Name: Headline"), while the title has more than that part, and of at most
/// [`MAX_SITE_WORDS`] words. (A first part is as
/// often the headline, "Short headline | Long site name", as the site.) Such an `<h1>` is the site's name set as a masthead,
/// and names the site as `og:site_name` does.
pub fn affix_h1s(titles: &[String], h1s: &[String]) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    for title in titles {
        let split = split_parts(title);
        if split.len() > 1 {
            parts.extend(split.iter().step_by(2).skip(1).map(|p| key(p)));
        }
        if let Some((name, rest)) = title.split_once(": ") {
            if !rest.trim().is_empty() {
                parts.push(key(name));
            }
        }
    }
    h1s.iter()
        .filter(|h1| {
            let h1_key = key(h1);
            let short = h1.split_whitespace().count() <= MAX_SITE_WORDS;
            short && h1_key.len() >= 2 && parts.contains(&h1_key)
        })
        .cloned()
        .collect()
}

/// The first `<h1>` that reads as a headline: a few words, not the site's name.
pub fn headline_h1<'a>(h1s: &'a [String], sites: &[String]) -> Option<&'a String> {
    let site_keys: Vec<String> = sites
        .iter()
        .map(|s| key(s))
        .filter(|k| k.len() >= 2)
        .collect();
    h1s.iter()
        .find(|h1| h1.split_whitespace().count() >= MIN_H1_WORDS && !names_site(h1, &site_keys))
}

/// Fewest words a metadata title needs to win over an unrelated `<h1>`.
const MIN_TITLE_WORDS_OVER_LABEL: usize = 3;

/// Most words of an `<h1>` that may be a label rather than a headline.
const MAX_LABEL_WORDS: usize = 5;

/// Whether an `<h1>` that matches no metadata title is a label unrelated to the page's
/// title (a section name, "Contact Us", "Our Blog", a menu button): a few words sharing
/// no word of three letters or more with a metadata title of a few words. Such an
/// `<h1>` is page furniture, and the metadata title is the headline; a longer `<h1>`
/// reads as a headline the metadata does not repeat.
pub fn unrelated_label(h1: &str, title: &str) -> bool {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3)
            .map(str::to_lowercase)
            .collect()
    };
    let title_words = words(title);
    h1.split_whitespace().count() <= MAX_LABEL_WORDS
        && title.split_whitespace().count() >= MIN_TITLE_WORDS_OVER_LABEL
        && !words(h1).iter().any(|w| title_words.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn an_h1_differing_only_in_quote_marks_takes_the_titles_spelling() {
        let h1s = sites(&["Why the old bridge won\u{2019}t reopen this year"]);
        let title = "Why the old bridge won't reopen this year";
        assert_eq!(matching_h1(title, title, &h1s).as_deref(), Some(title));
        // Other differences (capitals, punctuation) leave the <h1> as printed.
        let h1s = sites(&["Why The Old Bridge Won't Reopen This Year"]);
        assert_eq!(matching_h1(title, title, &h1s), Some(h1s[0].clone()));
    }

    #[test]
    fn drops_a_named_suffix_or_prefix() {
        let s = sites(&["The Daily"]);
        assert_eq!(
            strip_site("Big news today | The Daily", &s, true),
            "Big news today"
        );
        assert_eq!(
            strip_site("The Daily - Big news today", &s, true),
            "Big news today"
        );
        assert_eq!(
            strip_site(
                "Big news – today's part two | World | The Daily",
                &sites(&["thedaily"]),
                true
            ),
            "Big news – today's part two | World"
        );
        assert_eq!(strip_site("Plain headline", &s, true), "Plain headline");
    }

    #[test]
    fn without_a_site_name_drops_a_short_tail_after_a_long_headline() {
        assert_eq!(
            strip_site("A long enough headline - Site", &[], true),
            "A long enough headline"
        );
        assert_eq!(
            strip_site("Short - Also short", &[], true),
            "Short - Also short"
        );
    }

    #[test]
    fn keeps_a_title_when_a_known_site_is_not_in_it() {
        let s = sites(&["Other"]);
        assert_eq!(
            strip_site("How it works – 10 benefits and uses", &s, true),
            "How it works – 10 benefits and uses"
        );
    }

    #[test]
    fn an_h1_printing_a_short_later_part_or_a_colon_prefix_is_an_affix() {
        let titles = sites(&[
            "Pruning apple trees | Orchard Notes",
            "Garden Diary: Sowing beans in March",
        ]);
        let h1s = sites(&[
            "Orchard Notes",
            "Garden Diary",
            "Pruning apple trees",
            "Sowing beans in March",
        ]);
        assert_eq!(
            affix_h1s(&titles, &h1s),
            sites(&["Orchard Notes", "Garden Diary"])
        );
        let long = sites(&["Office - News - Storm closes the harbour road for a week"]);
        let h1 = sites(&["Storm closes the harbour road for a week"]);
        assert!(affix_h1s(&long, &h1).is_empty());
    }

    #[test]
    fn a_masthead_h1_does_not_match_the_title_it_ends() {
        let h1s = sites(&["Orchard Notes"]);
        let raw = "Pruning old apple trees in winter • Orchard Notes";
        assert_eq!(
            matching_h1("Pruning old apple trees in winter", raw, &h1s),
            None
        );
    }

    #[test]
    fn finds_the_matching_h1() {
        let h1s = sites(&["Menu", "Big News Today!"]);
        assert_eq!(
            matching_h1("Big news today", "Big news today | The Daily", &h1s).as_deref(),
            Some("Big News Today!")
        );
        let shouting = sites(&["BIG NEWS TODAY"]);
        assert_eq!(
            matching_h1("Big news today", "Big news today", &shouting).as_deref(),
            Some("Big news today")
        );
        let full =
            sites(&["A very long headline that the metadata of the page cut short at forty"]);
        assert_eq!(
            matching_h1(
                "A very long headline that the metadata of the page cut",
                "x",
                &full
            )
            .as_deref(),
            Some(full[0].as_str())
        );
        assert_eq!(matching_h1("Other", "Other | Site", &h1s), None);
    }

    #[test]
    fn a_short_h1_sharing_no_word_with_the_title_is_a_label() {
        let title = "Addressing cyber risk around the smart home";
        assert!(unrelated_label("Contact Us", title));
        assert!(unrelated_label("Our BLOG", title));
        assert!(!unrelated_label("Smart home risks", title));
        assert!(!unrelated_label("Contact Us", "Home"));
        assert!(!unrelated_label(
            "Finding an efficient vehicle that suits you well",
            title
        ));
    }
}
