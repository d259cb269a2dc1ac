//! Recognising stand-alone date lines ("24 March, 2016", "Updated 14:32 GMT, 3 June
//! 2021", "12 de marzo de 2023", "Veröffentlicht am 3. Mai 2022") and turning their date
//! into ISO 8601. Month names and the words a date line may carry are data, per language.

use std::sync::OnceLock;

use regex::Regex;

/// Month names and abbreviations (English, German, French, Spanish, Italian,
/// Portuguese, Dutch, Polish and Russian, the last two in the genitive dates use as
/// well as the nominative), with their month number.
#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    ("january", 1), ("jan", 1), ("januar", 1), ("jänner", 1), ("janvier", 1), ("janv", 1), ("enero", 1), ("ene", 1), ("gennaio", 1), ("janeiro", 1), ("januari", 1),
    ("february", 2), ("feb", 2), ("februar", 2), ("feber", 2), ("février", 2), ("fevrier", 2), ("févr", 2), ("fév", 2), ("febrero", 2), ("febbraio", 2), ("fevereiro", 2), ("februari", 2),
    ("march", 3), ("mar", 3), ("märz", 3), ("maerz", 3), ("mrz", 3), ("mars", 3), ("marzo", 3), ("março", 3), ("maart", 3),
    ("april", 4), ("apr", 4), ("avril", 4), ("avr", 4), ("abril", 4), ("abr", 4), ("aprile", 4),
    ("may", 5), ("mai", 5), ("mayo", 5), ("maggio", 5), ("maio", 5), ("mei", 5),
    ("june", 6), ("jun", 6), ("juni", 6), ("juin", 6), ("junio", 6), ("giugno", 6), ("junho", 6),
    ("july", 7), ("jul", 7), ("juli", 7), ("juillet", 7), ("juil", 7), ("julio", 7), ("luglio", 7), ("julho", 7),
    ("august", 8), ("aug", 8), ("août", 8), ("aout", 8), ("agosto", 8), ("ago", 8), ("augustus", 8),
    ("september", 9), ("sep", 9), ("sept", 9), ("septembre", 9), ("septiembre", 9), ("setiembre", 9), ("settembre", 9), ("setembro", 9), ("set", 9),
    ("october", 10), ("oct", 10), ("oktober", 10), ("okt", 10), ("octobre", 10), ("octubre", 10), ("ottobre", 10), ("outubro", 10), ("out", 10),
    ("november", 11), ("nov", 11), ("novembre", 11), ("noviembre", 11), ("novembro", 11),
    ("december", 12), ("dec", 12), ("dezember", 12), ("dez", 12), ("décembre", 12), ("decembre", 12), ("déc", 12), ("diciembre", 12), ("dic", 12), ("dicembre", 12), ("dezembro", 12),
    ("stycznia", 1), ("styczeń", 1), ("lutego", 2), ("luty", 2), ("marca", 3), ("marzec", 3), ("kwietnia", 4), ("kwiecień", 4),
    ("maja", 5), ("maj", 5), ("czerwca", 6), ("czerwiec", 6), ("lipca", 7), ("lipiec", 7), ("sierpnia", 8), ("sierpień", 8),
    ("września", 9), ("wrzesień", 9), ("października", 10), ("październik", 10), ("listopada", 11), ("listopad", 11), ("grudnia", 12), ("grudzień", 12),
    ("января", 1), ("январь", 1), ("янв", 1), ("февраля", 2), ("февраль", 2), ("фев", 2), ("марта", 3), ("март", 3), ("мар", 3),
    ("апреля", 4), ("апрель", 4), ("апр", 4), ("мая", 5), ("май", 5), ("июня", 6), ("июнь", 6), ("июн", 6),
    ("июля", 7), ("июль", 7), ("июл", 7), ("августа", 8), ("август", 8), ("авг", 8), ("сентября", 9), ("сентябрь", 9), ("сен", 9), ("сент", 9),
    ("октября", 10), ("октябрь", 10), ("окт", 10), ("ноября", 11), ("ноябрь", 11), ("ноя", 11), ("декабря", 12), ("декабрь", 12), ("дек", 12),
];

/// Words that may stand beside a date on a date line: labels, prepositions, weekdays,
/// time-of-day and time-zone words.
#[rustfmt::skip]
const DATE_LINE_WORDS: &[&str] = &[
    // labels
    "published", "updated", "posted", "last", "modified", "first", "created", "date", "on", "at", "the", "of", "and",
    "veröffentlicht", "aktualisiert", "zuletzt", "erstellt", "stand", "am", "um", "vom", "uhr", "datum",
    "publié", "publie", "mis", "à", "a", "jour", "modifié", "le", "par", "h", "mise",
    "publicado", "actualizado", "modificado", "el", "de", "del", "a", "las", "la", "hs", "horas",
    "pubblicato", "aggiornato", "il", "alle", "ore", "em", "às", "gepubliceerd", "bijgewerkt", "op", "om",
    "opublikowano", "zaktualizowano", "aktualizacja", "dnia", "godz", "r",
    "опубликовано", "обновлено", "изменено", "дата", "г", "года", "в",
    // weekdays
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "sonnabend",
    "mo", "di", "mi", "do", "fr", "sa", "so",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    "lunes", "martes", "miércoles", "miercoles", "jueves", "viernes", "sábado", "sabado", "domingo",
    "lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica",
    // time of day and zones
    "am", "pm", "a.m", "p.m", "gmt", "utc", "bst", "cet", "cest", "mez", "mesz", "est", "edt", "cst", "cdt",
    "mst", "mdt", "pst", "pdt", "et", "pt", "ct", "ist", "aest", "aedt", "jst", "kst", "hkt", "sgt", "wib", "eat", "cat", "wat", "sast",
];

/// A recognised date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLine {
    /// The date as ISO 8601 (`YYYY-MM-DD`), when it is unambiguous.
    pub iso: Option<String>,
}

/// If `text` is a stand-alone date line, what date it gives.
pub fn parse_date_line(text: &str) -> Option<DateLine> {
    let words = crate::block::word_count_upto(text, 14);
    if words == 0 || words > 14 || text.len() > 120 {
        return None;
    }
    let has_digit = text.bytes().any(|b| b.is_ascii_digit());
    if !has_digit && !text.to_ascii_lowercase().contains("ago") {
        return None;
    }
    if is_relative_date(text) {
        return Some(DateLine { iso: None });
    }
    let found = find_date(text)?;
    let rest = format!("{} {}", &text[..found.start], &text[found.end..]);
    only_date_words(&rest).then_some(DateLine { iso: found.iso })
}

/// The first unambiguous calendar date written anywhere inside `text` ("Posted by Jane
/// on March 3, 2024"), as ISO 8601.
pub fn date_within(text: &str) -> Option<String> {
    find_date(text)?.iso
}

/// A date found inside a string: where it is and its ISO form.
struct DateMatch {
    start: usize,
    end: usize,
    iso: Option<String>,
}

/// A cheap test on a text.
type TextTest = fn(&str) -> bool;

/// Patterns for dates, each with named groups `d`, `m` (number or name) and `y`, and a
/// cheap test a text must pass to be able to match (a character every match holds).
const DATE_PATTERNS: [(&str, TextTest); 5] = [
    // 2016-03-24, 2016-03-24T14:32:00Z
    (
        r"\b(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b",
        |text| text.contains('-') && has_digit_run(text, 4),
    ),
    // 24 March, 2016 / 24. März 2016 / 24 de marzo de 2016 / 1er mars 2016
    (
        r"(?i)\b(?P<d>\d{1,2})(?:\.|º|er|st|nd|rd|th)?\s+(?:de\s+)?(?P<m>\p{L}{3,12})\.?,?\s+(?:de\s+|del\s+)?(?P<y>\d{4})\b",
        |text| has_digit_run(text, 4),
    ),
    // March 24, 2016 / Mar. 24 2016
    (
        r"(?i)\b(?P<m>\p{L}{3,12})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b",
        |text| has_digit_run(text, 4),
    ),
    // 24.03.2016
    (
        r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})\b",
        |text| text.contains('.'),
    ),
    // 24/03/2016 (day or month first: decided by the values)
    (r"\b(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})\b", |text| {
        text.contains('/') && has_digit_run(text, 4)
    }),
];

/// The classes of the date patterns restricted to Latin-1 (U+0000 to U+00FF): letters,
/// decimal digits and white space.
const LATIN1_CLASSES: [(&str, &str); 3] = [
    (r"\p{L}", r"[A-Za-zªµºÀ-ÖØ-öø-ÿ]"),
    (r"\d", r"[0-9]"),
    (r"\s", r"[\t\n\x0B\x0C\r \x{85}\x{A0}]"),
];

/// One date pattern, compiled when a text could match it: in full, or with its classes
/// restricted to Latin-1 for a text on which both give the same matches (see
/// [`latin1_suffices`]); the restricted one compiles ten times faster, the full one is
/// big (Unicode digits and letters in bounded repetitions).
struct DatePattern {
    source: &'static str,
    could_match: TextTest,
    full: OnceLock<Regex>,
    latin1: OnceLock<Regex>,
}

impl DatePattern {
    /// The compiled pattern to search `text` with, or `None` when `text` cannot match.
    fn for_text(&self, text: &str) -> Option<&Regex> {
        if !(self.could_match)(text) {
            None
        } else if latin1_suffices(text) {
            Some(
                self.latin1
                    .get_or_init(|| compile_date(&latin1(self.source))),
            )
        } else {
            Some(self.full.get_or_init(|| compile_date(self.source)))
        }
    }
}

/// The date patterns, read once; each compiles on first use.
fn date_patterns() -> &'static [DatePattern] {
    static PATTERNS: OnceLock<Vec<DatePattern>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        DATE_PATTERNS
            .iter()
            .map(|&(source, could_match)| DatePattern {
                source,
                could_match,
                full: OnceLock::new(),
                latin1: OnceLock::new(),
            })
            .collect()
    })
}

/// Compile a date pattern, with ASCII word boundaries. The patterns are constants
/// covered by tests.
fn compile_date(pattern: &str) -> Regex {
    Regex::new(&pattern.replace(r"\b", r"(?-u:\b)")).expect("date pattern compiles")
}

/// The pattern with its letter, digit and space classes restricted to Latin-1.
fn latin1(pattern: &str) -> String {
    LATIN1_CLASSES
        .iter()
        .fold(pattern.to_owned(), |p, (class, latin1)| {
            p.replace(class, latin1)
        })
}

/// Whether the Latin-1 form of a date pattern finds exactly what the full one finds in
/// `text`: when every character above U+00FF is neither a letter nor a digit nor white
/// space (nor alphabetic or numeric at all), no class of either form can take it, and on
/// Latin-1 characters the two forms agree (case folding included: a Latin-1 letter's
/// other cases outside Latin-1 are letters, so absent from such a text).
fn latin1_suffices(text: &str) -> bool {
    text.chars()
        .all(|c| u32::from(c) <= 0xFF || !(c.is_alphanumeric() || c.is_whitespace()))
}

/// Whether `text` holds `n` numeric characters in a row (any `\d{n}` needs them).
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    text.chars().any(|c| {
        run = if c.is_numeric() { run + 1 } else { 0 };
        run >= n
    })
}

/// The first date in `text` that any pattern finds and that is a valid calendar date.
fn find_date(text: &str) -> Option<DateMatch> {
    date_patterns().iter().find_map(|pattern| {
        pattern
            .for_text(text)?
            .captures_iter(text)
            .find_map(|caps| {
                let whole = caps.get(0)?;
                let year = parse_year(caps.name("y")?.as_str())?;
                let iso = match (caps.name("a"), caps.name("b")) {
                    (Some(a), Some(b)) => slash_date(a.as_str(), b.as_str(), year)?,
                    _ => {
                        let month = month_number(caps.name("m")?.as_str())?;
                        let day: u32 = caps.name("d")?.as_str().parse().ok()?;
                        Some(iso_date(year, month, day)?)
                    }
                };
                Some(DateMatch {
                    start: whole.start(),
                    end: whole.end(),
                    iso,
                })
            })
    })
}

/// A slashed date: day-first or month-first when the values decide it; a valid but
/// ambiguous date gives `Some(None)` (it is a date, but which one is not known).
fn slash_date(a: &str, b: &str, year: i32) -> Option<Option<String>> {
    let a: u32 = a.parse().ok()?;
    let b: u32 = b.parse().ok()?;
    match (a > 12, b > 12) {
        (true, false) => Some(Some(iso_date(year, b, a)?)),
        (false, true) => Some(Some(iso_date(year, a, b)?)),
        (false, false) if a == b => Some(Some(iso_date(year, a, b)?)),
        (false, false) => {
            iso_date(year, a, b)?;
            Some(None)
        }
        (true, true) => None,
    }
}

/// A four-digit year, or a two-digit one read as 20xx.
fn parse_year(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    let year = if text.len() == 2 { 2000 + year } else { year };
    (1900..=2100).contains(&year).then_some(year)
}

/// The month number of a month given as a number or as a name.
fn month_number(text: &str) -> Option<u32> {
    if let Ok(n) = text.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    let lower = text.to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|(_, n)| *n)
}

/// `YYYY-MM-DD` if the date exists in the calendar.
pub fn iso_date(year: i32, month: u32, day: u32) -> Option<String> {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// Whether what is left beside the date is only labels, weekdays, times and zones.
fn only_date_words(rest: &str) -> bool {
    rest.split(|c: char| c.is_whitespace() || ",|·•–—-:()/".contains(c))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .all(|w| is_time(w) || DATE_LINE_WORDS.contains(&w.to_lowercase().as_str()))
}

/// A clock time: `14`, `14h30`, `2pm`, `14.32` and the parts of `14:32` once split.
fn is_time(word: &str) -> bool {
    static TIME: OnceLock<Regex> = OnceLock::new();
    TIME.get_or_init(|| {
        Regex::new(r"(?i)^\d{1,2}([h.]\d{2})?(am|pm|h|uhr)?$").expect("time pattern compiles")
    })
    .is_match(word)
}

/// "3 hours ago", "Updated 5 mins ago", "vor 2 Stunden", "il y a 3 heures", "hace 2 horas".
fn is_relative_date(text: &str) -> bool {
    static RELATIVE: OnceLock<Regex> = OnceLock::new();
    RELATIVE
        .get_or_init(|| {
            Regex::new(
                r"(?i)^((published|updated|posted|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado)\s*:?\s*)?(\d+|an?|one)\s+(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?)\s+ago$|^vor\s+\d+\s+(sekunden|minuten|stunden|tagen|wochen)$|^il y a\s+\d+\s+(secondes?|minutes?|heures?|jours?|semaines?)$|^hace\s+\d+\s+(segundos?|minutos?|horas?|días?|semanas?)$",
            )
            .expect("relative date pattern compiles")
        })
        .is_match(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each Latin-1 class is exactly the full class's characters up to U+00FF, also
    /// case-insensitively.
    #[test]
    fn latin1_classes_are_the_full_classes_cut_at_latin1() {
        use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};
        let class = |pattern: &str| -> ClassUnicode {
            let hir = regex_syntax::Parser::new()
                .parse(pattern)
                .expect("class parses");
            match hir.kind() {
                HirKind::Class(Class::Unicode(class)) => class.clone(),
                other => panic!("{pattern}: not a class: {other:?}"),
            }
        };
        let latin1_range = ClassUnicode::new([ClassUnicodeRange::new('\0', '\u{ff}')]);
        for (full, latin1) in LATIN1_CLASSES {
            for flags in ["", "(?i)"] {
                let mut cut = class(&format!("{flags}{full}"));
                cut.intersect(&latin1_range);
                let mut restricted = class(&format!("{flags}{latin1}"));
                restricted.intersect(&latin1_range);
                assert_eq!(cut, restricted, "{flags}{full}");
            }
        }
    }

    /// On texts that pass [`latin1_suffices`] both forms of every pattern find the same
    /// matches with the same groups; texts that do not pass use the full form.
    #[test]
    fn both_forms_find_the_same_dates() {
        let texts = [
            "Published 24 March, 2016 · 14:32",
            "März 24, 2016 — Straßenbahn",
            "Überraschungsmärz 3, 2016 ×",
            "1er mars 2016 | 2016-03-24T14:32:00Z | 24.03.16 | 24/03/2016",
            "12\u{a0}de\u{a0}marzo\u{a0}de\u{a0}2023",
            "«24 März 2016» ‹3 June 2021›",
            "Ævar 2. Ýmir 2020 ÿ 3 ßtraße 2019",
        ];
        for text in texts {
            assert!(latin1_suffices(text), "{text}");
            for (source, _) in DATE_PATTERNS {
                let full = compile_date(source);
                let small = compile_date(&latin1(source));
                let groups = |re: &Regex| -> Vec<Vec<Option<(usize, usize)>>> {
                    re.captures_iter(text)
                        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
                        .collect()
                };
                assert_eq!(groups(&full), groups(&small), "{source} on {text}");
            }
        }
        for text in [
            "24 марта 2016",
            "٢٤ March 2016",
            "3\u{2003}June 2021",
            "Mar 3, 2016 ſt",
        ] {
            assert!(!latin1_suffices(text), "{text}");
        }
    }

    #[test]
    fn digit_runs_and_cheap_tests() {
        assert!(has_digit_run("in 2016", 4));
        assert!(has_digit_run("٢٠١٦", 4));
        assert!(!has_digit_run("20 16", 4));
        assert!(!has_digit_run("", 1));
        assert_eq!(find_date("no date here").map(|d| d.start), None);
    }

    fn iso(text: &str) -> Option<String> {
        parse_date_line(text).and_then(|d| d.iso)
    }

    #[test]
    fn reads_date_lines_in_many_forms() {
        assert_eq!(iso("24 March, 2016").as_deref(), Some("2016-03-24"));
        assert_eq!(iso("March 24, 2016").as_deref(), Some("2016-03-24"));
        assert_eq!(
            iso("Updated 14:32 GMT, 3 June 2021").as_deref(),
            Some("2021-06-03")
        );
        assert_eq!(iso("12 de marzo de 2023").as_deref(), Some("2023-03-12"));
        assert_eq!(
            iso("Veröffentlicht am 3. Mai 2022, 10:15 Uhr").as_deref(),
            Some("2022-05-03")
        );
        assert_eq!(
            iso("Publié le 1er mars 2020 à 18h05").as_deref(),
            Some("2020-03-01")
        );
        assert_eq!(
            iso("Thursday 24 March 2016 14:02 GMT").as_deref(),
            Some("2016-03-24")
        );
        assert_eq!(iso("2016-03-24T10:00:00Z").as_deref(), Some("2016-03-24"));
        assert_eq!(iso("24.03.2016").as_deref(), Some("2016-03-24"));
        assert_eq!(iso("03/24/2016").as_deref(), Some("2016-03-24"));
    }

    #[test]
    fn reads_polish_and_russian_dates() {
        assert_eq!(iso("15 maja 2020 r.").as_deref(), Some("2020-05-15"));
        assert_eq!(
            iso("Opublikowano: 3 października 2021").as_deref(),
            Some("2021-10-03")
        );
        assert_eq!(iso("18 мая 2026").as_deref(), Some("2026-05-18"));
        assert_eq!(
            iso("Опубликовано 2 декабря 2025 г.").as_deref(),
            Some("2025-12-02")
        );
    }

    #[test]
    fn ambiguous_and_relative_dates_are_lines_without_a_date() {
        assert_eq!(parse_date_line("03/04/2016"), Some(DateLine { iso: None }));
        assert_eq!(parse_date_line("3 hours ago"), Some(DateLine { iso: None }));
    }

    #[test]
    fn dates_within_lines() {
        assert_eq!(
            date_within("Posted by Jane on March 3, 2024").as_deref(),
            Some("2024-03-03")
        );
        assert_eq!(date_within("No date here"), None);
    }

    #[test]
    fn sentences_with_dates_are_not_date_lines() {
        assert_eq!(
            parse_date_line("The law took effect on 24 March 2016."),
            None
        );
        assert_eq!(parse_date_line("Elections 24 March 2016"), None);
        assert_eq!(parse_date_line("31 February 2016"), None);
    }
}
