//! Metadata found while cleaning: publication date, byline and the like.

pub mod date;
pub mod page;

/// Metadata that detectors and the layout pass found in the blocks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// Author names, one person each.
    pub authors: Vec<String>,
    /// The headline.
    pub title: Option<String>,
    /// The summary under the headline.
    pub standfirst: Option<String>,
}

impl Found {
    /// Combine two findings; values already set in `self` win.
    pub fn merge(self, other: Found) -> Found {
        Found {
            published: self.published.or(other.published),
            authors: if self.authors.is_empty() {
                other.authors
            } else {
                self.authors
            },
            title: self.title.or(other.title),
            standfirst: self.standfirst.or(other.standfirst),
        }
    }
}

/// How much of a body the language is detected from: a few paragraphs decide it as well
/// as the whole text, at a fraction of the cost.
const LANGUAGE_SAMPLE_BYTES: usize = 4096;

/// Detect the language of a body text (ISO 639-1), or `None` when the text is too short
/// or the guess is unreliable.
pub fn detect_language(text: &str) -> Option<String> {
    if text.split_whitespace().count() < 8 {
        return None;
    }
    let info = whatlang::detect(crate::document::prefix(text, LANGUAGE_SAMPLE_BYTES))?;
    if !info.is_reliable() {
        return None;
    }
    iso_639_1(info.lang()).map(str::to_owned)
}

/// Map a whatlang language to its two-letter ISO 639-1 code (where one exists).
fn iso_639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Pol => "pl",
        Rus => "ru",
        Ukr => "uk",
        Ces => "cs",
        Slk => "sk",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Hun => "hu",
        Ron => "ro",
        Tur => "tr",
        Ell => "el",
        Bul => "bg",
        Srp => "sr",
        Hrv => "hr",
        Slv => "sl",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        Ben => "bn",
        Urd => "ur",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Epo => "eo",
        Cat => "ca",
        Bel => "be",
        Mkd => "mk",
        Aze => "az",
        Kat => "ka",
        Hye => "hy",
        Afr => "af",
        Lat => "la",
        Tgl => "tl",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Kan => "kn",
        Mal => "ml",
        Pan => "pa",
        Nep => "ne",
        Sin => "si",
        Amh => "am",
        Jav => "jv",
        Uzb => "uz",
        Yid => "yi",
        Zul => "zu",
        Sna => "sn",
        Aka => "ak",
        Ori => "or",
        Mya => "my",
        Khm => "km",
        Tuk => "tk",
        _ => return None,
    })
}
