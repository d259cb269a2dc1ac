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
    if parts.len() < 2 {
        return title.to_owned();
    }
    let site_keys: Vec<String> = sites
        .iter()
        .map(|s| key(s))
        .filter(|k| k.len() >= 2)
        .collect();
    if let Some(kept) = drop_named_ends(&parts, &site_keys) {
        return kept;
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

/// Whether a title part names the site.
fn names_site(part: &str, site_keys: &[String]) -> bool {
    let part_key = key(part);
    !part_key.is_empty()
        && site_keys.iter().any(|site| {
            part_key.contains(site.as_str()) || (part_key.len() >= 4 && site.contains(&part_key))
        })
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

/// The `<h1>` that is the headline of `title` (equal words, or contained in the raw
/// title), when there is one.
pub fn matching_h1<'a>(title: &str, raw_title: &str, h1s: &'a [String]) -> Option<&'a String> {
    let (title_key, raw_key) = (key(title), key(raw_title));
    h1s.iter().find(|h1| {
        let h1_key = key(h1);
        h1_key.len() >= 8
            && (h1_key == title_key
                || (raw_key.contains(&h1_key) && h1_key.len() * 2 >= title_key.len()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sites(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| (*s).to_owned()).collect()
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
    fn finds_the_matching_h1() {
        let h1s = sites(&["Menu", "Big News Today!"]);
        assert_eq!(
            matching_h1("Big news today", "Big news today | The Daily", &h1s).map(String::as_str),
            Some("Big News Today!")
        );
        assert_eq!(matching_h1("Other", "Other | Site", &h1s), None);
    }
}
