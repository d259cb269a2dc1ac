//! Normalising the date strings found in page metadata to one of two ISO 8601 shapes:
//!
//! - `YYYY-MM-DD`, a calendar date;
//! - `YYYY-MM-DDTHH:MM:SS±HH:MM`, a date-time with its offset from UTC, UTC itself
//!   written `+00:00` (never `Z`), seconds always present, fractions dropped.
//!
//! ISO forms, RFC 2822 and Unix timestamps (UTC) give the date-time when they carry a
//! time and a valid offset; a time without an offset (its instant is unknown) or with
//! a malformed one gives the date alone, the day as the source wrote it. Written-out
//! dates ("March 24, 2016", "24.03.2016") give the date.

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
        "{date}T{:02}:{:02}:{:02}{UTC}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    ))
}

/// How the offset of a UTC date-time is written.
const UTC: &str = "+00:00";

/// Largest offset from UTC in use, in hours (UTC+14:00); a larger one is malformed.
const MAX_OFFSET_HOURS: u32 = 14;

/// `date` with the time and offset, or `date` alone when the offset is missing or
/// malformed (the instant is unknown) or the time is out of range.
fn date_time(date: String, (hour, minute, second): (u32, u32, u32), offset: &str) -> String {
    if hour > 23 || minute > 59 || second > 60 {
        return date;
    }
    let Some(offset) = offset_form(offset) else {
        return date;
    };
    // A leap second is kept as the last second of its minute (one shape, no :60).
    let second = second.min(59);
    format!("{date}T{hour:02}:{minute:02}:{second:02}{offset}")
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
    let offset = caps.get(7).map_or("", |m| m.as_str());
    Some(date_time(date, (hour, minute, second), offset))
}

/// An offset as `±HH:MM` (UTC as `+00:00`), or `None` when none was given or it is not
/// a real offset (`+5`, `+2500`, `+14:30`).
fn offset_form(offset: &str) -> Option<String> {
    let upper = offset.trim().to_ascii_uppercase();
    if matches!(upper.as_str(), "Z" | "UTC" | "GMT") {
        return Some(UTC.to_owned());
    }
    let sign = upper.chars().next().filter(|c| matches!(c, '+' | '-'))?;
    let digits: String = upper[1..].chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        2 => (digits.parse::<u32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    let real =
        (hours < MAX_OFFSET_HOURS && minutes <= 59) || (hours == MAX_OFFSET_HOURS && minutes == 0);
    if !real {
        return None;
    }
    if hours == 0 && minutes == 0 {
        return Some(UTC.to_owned());
    }
    Some(format!("{sign}{hours:02}:{minutes:02}"))
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
    let offset = caps.get(7).map_or("", |m| m.as_str());
    Some(date_time(date, (hour, minute, second), offset))
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
        assert_eq!(n("2016-03-24 10:00").as_deref(), Some("2016-03-24"));
        assert_eq!(n("2016/03/24").as_deref(), Some("2016-03-24"));
        assert_eq!(n("20160324").as_deref(), Some("2016-03-24"));
        assert_eq!(
            n("2016-03-24T10:00:00Z").as_deref(),
            Some("2016-03-24T10:00:00+00:00")
        );
    }

    #[test]
    fn utc_is_written_one_way() {
        for utc in ["Z", "z", " UTC", "GMT", "+00:00", "-0000", "+00"] {
            let text = format!("2016-03-24T10:00:00{utc}");
            assert_eq!(
                n(&text).as_deref(),
                Some("2016-03-24T10:00:00+00:00"),
                "{text}"
            );
        }
        assert_eq!(
            n("2016-03-24T10:00:00+05").as_deref(),
            Some("2016-03-24T10:00:00+05:00")
        );
        assert_eq!(
            n("2016-03-24T10:00:00+05:45").as_deref(),
            Some("2016-03-24T10:00:00+05:45")
        );
    }

    #[test]
    fn a_time_without_a_valid_offset_gives_the_date() {
        for text in [
            "2016-03-24T10:00:00",
            "2016-03-24T10:00",
            "2016-03-24 23:30:00",
            "2016-03-24T10:00:00+25:00",
            "2016-03-24T10:00:00+05:75",
            "2016-03-24T10:00:00+14:30",
            "Thu, 24 Mar 2016 10:00:00",
        ] {
            assert_eq!(n(text).as_deref(), Some("2016-03-24"), "{text}");
        }
    }

    #[test]
    fn every_result_has_one_of_the_two_shapes() {
        let date_time =
            Regex::new(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$").unwrap();
        for text in [
            "2016-03-24T10:00:00.123456Z",
            "2016-03-24T10:00:60Z",
            "2016-03-24T10:00:00.5-03:30",
            "1458813600",
            "Thu, 24 Mar 2016 10:00:00 GMT",
            "Thu, 24 Mar 2016 10:00 -0500",
            "March 24, 2016",
            "2016-03-24T10:00:00 +0100",
        ] {
            let got = n(text).unwrap_or_else(|| panic!("{text}: no date"));
            assert!(date_time.is_match(&got), "{text} -> {got}");
        }
    }

    #[test]
    fn converts_rfc2822_and_timestamps() {
        assert_eq!(
            n("Thu, 24 Mar 2016 10:00:00 +0000").as_deref(),
            Some("2016-03-24T10:00:00+00:00")
        );
        assert_eq!(
            n("1458813600").as_deref(),
            Some("2016-03-24T10:00:00+00:00")
        );
        assert_eq!(
            n("1458813600000").as_deref(),
            Some("2016-03-24T10:00:00+00:00")
        );
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
