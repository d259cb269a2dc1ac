//! What the report says about each reason code: its colour and a one-line meaning.

use crate::Reason;

/// The colours of a reason in the report: a strong one (label text, border, strike
/// line) and a light tint (row background).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colours {
    /// Label text, label border, left border and strike line.
    pub strong: &'static str,
    /// Background of the removed piece and of its label.
    pub tint: &'static str,
}

/// The fixed colours of `reason`; related reasons share a family of hues (walls red,
/// repetitions blue-violet, media amber, metadata teal, page furniture green and grey).
pub fn colours(reason: Reason) -> Colours {
    let (strong, tint) = match reason {
        Reason::RegistrationWall => ("#b42318", "#fef3f2"),
        Reason::Paywall => ("#c01048", "#fff1f3"),
        Reason::FormMessage => ("#c4320a", "#fff6ed"),
        Reason::Login => ("#9f1ab1", "#fdf4ff"),
        Reason::Legal => ("#6941c6", "#f4f3ff"),
        Reason::DuplicateHeadline => ("#3538cd", "#eef4ff"),
        Reason::DoubledLine => ("#4e5ba6", "#f3f4fb"),
        Reason::Duplicate => ("#155eef", "#eff4ff"),
        Reason::Caption => ("#b54708", "#fffaeb"),
        Reason::Credit => ("#93370d", "#fef6ee"),
        Reason::ReadingTime => ("#0e7090", "#ecfdff"),
        Reason::DateLine => ("#026aa2", "#f0f9ff"),
        Reason::Byline => ("#107569", "#f0fdf9"),
        Reason::Breadcrumb => ("#3e4784", "#f8f9fc"),
        Reason::Share => ("#067647", "#ecfdf3"),
        Reason::Newsletter => ("#4f7a21", "#f5fbee"),
        Reason::Cookie => ("#854a0e", "#fefbe8"),
        Reason::Comments => ("#c11574", "#fdf2fa"),
        Reason::Related => ("#0086c9", "#f0f9ff"),
        Reason::SectionFooter => ("#475467", "#f2f4f7"),
        Reason::Advertising => ("#e62e05", "#fff4ed"),
        Reason::Navigation => ("#5d6b82", "#f5f6f8"),
        Reason::Empty => ("#7d8799", "#fafafa"),
        Reason::SiteBoilerplate => ("#344054", "#eef0f3"),
    };
    Colours { strong, tint }
}

/// What `reason` means, in a few words, for the legend.
pub fn meaning(reason: Reason) -> &'static str {
    match reason {
        Reason::RegistrationWall => "Registration wall and its form",
        Reason::Paywall => "Subscription or paywall prompt",
        Reason::FormMessage => "Form labels and validation messages",
        Reason::Login => "Login prompts and notices",
        Reason::Legal => "Consent, privacy and terms boilerplate",
        Reason::DuplicateHeadline => "A further copy of the headline",
        Reason::DoubledLine => "One phrase printed twice in a row",
        Reason::Duplicate => "Repeated paragraph (one copy stays)",
        Reason::Caption => "Photo or video caption",
        Reason::Credit => "Photo, agency or contribution credit",
        Reason::ReadingTime => "Reading-time widget",
        Reason::DateLine => "Stand-alone date line (fills the date)",
        Reason::Byline => "Stand-alone byline (fills the byline)",
        Reason::Breadcrumb => "Section breadcrumb",
        Reason::Share => "Share and follow prompts",
        Reason::Newsletter => "Newsletter sign-up prompt",
        Reason::Cookie => "Cookie notice",
        Reason::Comments => "Comment counters, teasers and prompts",
        Reason::Related => "Related, read-more and see-also links",
        Reason::SectionFooter => "Section footer",
        Reason::Advertising => "Advertising label",
        Reason::Navigation => "Menus, labels and links outside the article",
        Reason::Empty => "Line with no visible text",
        Reason::SiteBoilerplate => "Block the site prints on many pages",
    }
}

/// The CSS rules giving every reason its colours: `.r-CODE { --rc: STRONG; --rt: TINT }`.
pub fn reason_rules() -> String {
    Reason::ALL
        .iter()
        .map(|&reason| {
            let Colours { strong, tint } = colours(reason);
            format!(".r-{}{{--rc:{strong};--rt:{tint}}}\n", reason.code())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_reason_has_its_own_colour_and_a_meaning() {
        let strong: HashSet<_> = Reason::ALL.iter().map(|&r| colours(r).strong).collect();
        assert_eq!(strong.len(), Reason::ALL.len());
        assert!(Reason::ALL.iter().all(|&r| !meaning(r).is_empty()));
    }

    #[test]
    fn rules_name_every_code() {
        let rules = reason_rules();
        for reason in Reason::ALL {
            assert!(
                rules.contains(&format!(".r-{}{{", reason.code())),
                "{reason}"
            );
        }
    }
}
