//! Normalising the date strings found in page metadata to ISO 8601: ISO forms are kept
//! (date, or date-time with its offset), RFC 2822 and Unix timestamps are converted,
//! and written-out dates ("March 24, 2016", "24.03.2016") become `YYYY-MM-DD`.

use std::sync::OnceLock;

use regex::Regex;

use crate::meta::date::{iso_date, parse_date_line};

/// Earliest and latest plausible publication years.
const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// The ISO 8601 form of a date found in metadata, or `None` when it is not a date.
pub fn normalise(raw: &str) -> Option<String> {
    let text = raw.trim();
    if text.is_empty() || text.len() > 120 {
        return None;
    }
    timestamp(text)
        .or_else(|| iso(text))
        .or_else(|| rfc2822(text))
        .or_else(|| parse_date_line(text).and_then(|line| line.iso))
        .filter(|iso| plausible_year(iso))
}

/// The date in a URL path: `/2016/03/24/` (or `/2016-03-24`).
pub fn from_url(url: &str) -> Option<String> {
    static IN_URL: OnceLock<Regex> = OnceLock::new();
    let pattern = IN_URL.get_or_init(|| {
        Regex::new(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/-]|$)")
            .expect("URL date pattern compiles")
    });
    // The lazy DFA rules most lines out; only a match pays for the capture groups.
    if !pattern.is_match(url) {
        return None;
    }
    let caps = pattern.captures(url)?;
    let year: i32 = caps[1].parse().ok()?;
    iso_date(year, caps[2].parse().ok()?, caps[3].parse().ok()?)
}

/// Whether the year of an ISO date is a plausible publication year.
fn plausible_year(iso: &str) -> bool {
    iso.get(..4)
        .and_then(|y| y.parse::<i32>().ok())
        .is_some_and(|y| YEARS.contains(&y))
}

/// A Unix timestamp in seconds (10 digits) or milliseconds (13 digits), as UTC.
fn timestamp(text: &str) -> Option<String> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let value: i64 = text.parse().ok()?;
    let seconds = match text.len() {
        10 => value,
        13 => value / 1000,
        _ => return None,
    };
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    let date = iso_date(year, month, day)?;
    Some(format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}

/// Year, month, day of a count of days since 1970-01-01 (proleptic Gregorian).
fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    (year, month, day)
}

/// ISO forms: `2016-03-24`, `2016/03/24`, `20160324`, `2016-03-24T10:00:00.000+0100`.
fn iso(text: &str) -> Option<String> {
    static ISO: OnceLock<Regex> = OnceLock::new();
    let pattern = ISO.get_or_init(|| {
        Regex::new(
            r"(?i)^(\d{4})[-/]?(\d{2})[-/]?(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:[.,]\d+)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?\b",
        )
        .expect("ISO date pattern compiles")
    });
    // The lazy DFA rules most lines out; only a match pays for the capture groups.
    if !pattern.is_match(text) {
        return None;
    }
    let caps = pattern.captures(text)?;
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = i32::try_from(number(1)?).ok()?;
    let date = iso_date(year, number(2)?, number(3)?)?;
    let Some(hour) = number(4) else {
        return Some(date);
    };
    let (minute, second) = (number(5)?, number(6).unwrap_or(0));
    if hour > 23 || minute > 59 || second > 60 {
        return Some(date);
    }
    let offset = caps.get(7).map_or("", |m| m.as_str());
    Some(format!(
        "{date}T{hour:02}:{minute:02}:{second:02}{}",
        offset_form(offset)
    ))
}

/// An offset in ISO form: `Z`, `+01:00`; empty when none was given.
fn offset_form(offset: &str) -> String {
    let upper = offset.to_ascii_uppercase();
    if upper.is_empty() {
        return String::new();
    }
    if matches!(upper.as_str(), "Z" | "UTC" | "GMT") {
        return "Z".to_owned();
    }
    let digits: String = upper.chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = digits.split_at(2.min(digits.len()));
    let minutes = if minutes.is_empty() { "00" } else { minutes };
    format!("{}{hours}:{minutes}", &upper[..1])
}

/// RFC 2822: `Thu, 24 Mar 2016 10:00:00 +0000` → `2016-03-24T10:00:00+00:00`.
fn rfc2822(text: &str) -> Option<String> {
    static RFC: OnceLock<Regex> = OnceLock::new();
    let pattern = RFC.get_or_init(|| {
        Regex::new(
            r"(?i)^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|UTC|GMT|[+-]\d{4})?\b",
        )
        .expect("RFC 2822 pattern compiles")
    });
    // The lazy DFA rules most lines out; only a match pays for the capture groups.
    if !pattern.is_match(text) {
        return None;
    }
    let caps = pattern.captures(text)?;
    let date = parse_date_line(&format!("{} {} {}", &caps[1], &caps[2], &caps[3]))?.iso?;
    let number = |i: usize| caps.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (hour, minute, second) = (number(4)?, number(5)?, number(6).unwrap_or(0));
    if hour > 23 || minute > 59 || second > 60 {
        return Some(date);
    }
    let offset = caps.get(7).map_or("", |m| m.as_str());
    Some(format!(
        "{date}T{hour:02}:{minute:02}:{second:02}{}",
        offset_form(offset)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Option<String> {
        normalise(text)
    }

    #[test]
    fn keeps_iso_forms() {
        assert_eq!(n("2016-03-24").as_deref(), Some("2016-03-24"));
        assert_eq!(
            n("2016-03-24T10:00:00+00:00").as_deref(),
            Some("2016-03-24T10:00:00+00:00")
        );
        assert_eq!(
            n("2016-03-24T23:30:00.000-0500").as_deref(),
            Some("2016-03-24T23:30:00-05:00")
        );
        assert_eq!(
            n("2016-03-24 10:00").as_deref(),
            Some("2016-03-24T10:00:00")
        );
        assert_eq!(n("2016/03/24").as_deref(), Some("2016-03-24"));
        assert_eq!(n("20160324").as_deref(), Some("2016-03-24"));
        assert_eq!(
            n("2016-03-24T10:00:00Z").as_deref(),
            Some("2016-03-24T10:00:00Z")
        );
    }

    #[test]
    fn converts_rfc2822_and_timestamps() {
        assert_eq!(
            n("Thu, 24 Mar 2016 10:00:00 +0000").as_deref(),
            Some("2016-03-24T10:00:00+00:00")
        );
        assert_eq!(n("1458813600").as_deref(), Some("2016-03-24T10:00:00Z"));
        assert_eq!(n("1458813600000").as_deref(), Some("2016-03-24T10:00:00Z"));
    }

    #[test]
    fn reads_written_dates() {
        assert_eq!(n("March 24, 2016").as_deref(), Some("2016-03-24"));
        assert_eq!(n("24.03.2016").as_deref(), Some("2016-03-24"));
        assert_eq!(n("24 March 2016").as_deref(), Some("2016-03-24"));
    }

    #[test]
    fn reads_dates_in_urls() {
        assert_eq!(
            from_url("https://example.com/2016/03/24/story/").as_deref(),
            Some("2016-03-24")
        );
        assert_eq!(from_url("https://example.com/2016/13/24/x"), None);
        assert_eq!(from_url("https://example.com/story-2016"), None);
    }

    #[test]
    fn rejects_non_dates_without_panicking() {
        for text in [
            "",
            "yesterday",
            "2016-13-45",
            "0000-00-00",
            "99999999999999999999",
            "1800-01-01",
            "T",
            "2016-02-30T25:99",
            "ß€😀",
        ] {
            assert_eq!(n(text), None, "{text}");
        }
        assert_eq!(n("2016-03-24T25:99:00").as_deref(), Some("2016-03-24"));
    }
}
