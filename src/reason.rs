//! The closed list of reasons a piece of input can be removed for.

use serde::{Deserialize, Serialize};

/// Why a piece of the input was removed. The list is closed and documented in the README;
/// every removal in a record carries exactly one of these codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A registration wall ("register for free to continue reading") and its form.
    RegistrationWall,
    /// A subscription or paywall prompt.
    Paywall,
    /// Form labels and validation messages ("please enter a valid email", password rules).
    FormMessage,
    /// Login prompts and notices ("already have an account? sign in").
    Login,
    /// Consent, privacy and terms boilerplate (reCAPTCHA notices, "by clicking ... you agree").
    Legal,
    /// A further copy of the headline.
    DuplicateHeadline,
    /// A line that is one phrase printed twice in a row (alt text, media titles).
    DoubledLine,
    /// A repeated or near-duplicate paragraph; one full copy stays in the body.
    Duplicate,
    /// A photo or video caption.
    Caption,
    /// A photo, agency or contribution credit ("With agency inputs", "Photo: Reuters").
    Credit,
    /// A reading-time widget ("2 min read").
    ReadingTime,
    /// A stand-alone date line (its date fills `published`).
    DateLine,
    /// A stand-alone byline (its names fill `byline`).
    Byline,
    /// A section breadcrumb ("News > World"), also when glued to the headline.
    Breadcrumb,
    /// Share and follow prompts.
    Share,
    /// Newsletter sign-up prompts.
    Newsletter,
    /// Cookie notices.
    Cookie,
    /// Comment counters, comment-forum teasers and prompts.
    Comments,
    /// "Related", "read more", "see also" links and teasers.
    Related,
    /// A section footer ("Latest World News", "More from Sport").
    SectionFooter,
    /// Advertising labels.
    Advertising,
    /// Short lines outside the article's body (menus, labels, footer links).
    Navigation,
    /// A line with no visible text (only white space, including no-break spaces).
    Empty,
    /// A block that the same site prints on many of its pages (learned from a batch).
    SiteBoilerplate,
}

impl Reason {
    /// Every reason, in documentation order.
    pub const ALL: [Reason; 24] = [
        Reason::RegistrationWall,
        Reason::Paywall,
        Reason::FormMessage,
        Reason::Login,
        Reason::Legal,
        Reason::DuplicateHeadline,
        Reason::DoubledLine,
        Reason::Duplicate,
        Reason::Caption,
        Reason::Credit,
        Reason::ReadingTime,
        Reason::DateLine,
        Reason::Byline,
        Reason::Breadcrumb,
        Reason::Share,
        Reason::Newsletter,
        Reason::Cookie,
        Reason::Comments,
        Reason::Related,
        Reason::SectionFooter,
        Reason::Advertising,
        Reason::Navigation,
        Reason::Empty,
        Reason::SiteBoilerplate,
    ];

    /// The code as it appears in records (`registration_wall`, ...).
    pub fn code(self) -> &'static str {
        match self {
            Reason::RegistrationWall => "registration_wall",
            Reason::Paywall => "paywall",
            Reason::FormMessage => "form_message",
            Reason::Login => "login",
            Reason::Legal => "legal",
            Reason::DuplicateHeadline => "duplicate_headline",
            Reason::DoubledLine => "doubled_line",
            Reason::Duplicate => "duplicate",
            Reason::Caption => "caption",
            Reason::Credit => "credit",
            Reason::ReadingTime => "reading_time",
            Reason::DateLine => "date_line",
            Reason::Byline => "byline",
            Reason::Breadcrumb => "breadcrumb",
            Reason::Share => "share",
            Reason::Newsletter => "newsletter",
            Reason::Cookie => "cookie",
            Reason::Comments => "comments",
            Reason::Related => "related",
            Reason::SectionFooter => "section_footer",
            Reason::Advertising => "advertising",
            Reason::Navigation => "navigation",
            Reason::Empty => "empty",
            Reason::SiteBoilerplate => "site_boilerplate",
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_serde_names() {
        for reason in Reason::ALL {
            let json = serde_json::to_string(&reason).unwrap();
            assert_eq!(json, format!("\"{}\"", reason.code()));
        }
    }
}
