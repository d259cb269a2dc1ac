//! Page metadata from HTML: JSON-LD, OpenGraph and Twitter cards, `<meta>` tags,
//! `<time datetime>`, microdata, the document's language.
//!
//! Each field is taken from the strongest source that has a usable value: JSON-LD
//! first, then `<meta>` tags, then markup (`<time>`, microdata, `rel=author`, byline
//! elements). Values are normalised on the way: titles lose the site name, bylines
//! keep names only, dates become ISO 8601, languages ISO 639-1.

mod byline;
mod jsonld;
mod markup;
mod published;
mod scan;
mod tags;
#[cfg(test)]
mod tests;
mod text;
mod title;

use scraper::Html;

pub use byline::is_credential;
pub use jsonld::{DISCUSSION_TYPES, PRODUCT_TYPES};

use jsonld::LdMeta;
use scan::Candidates;
use tags::MetaTags;
use text::{domain_name, is_url, key};

/// Metadata read from a page's markup, strongest source first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// The headline, without the site-name suffix.
    pub title: Option<String>,
    /// The description or deck.
    pub description: Option<String>,
    /// The byline: the author names joined by ", ", or, when the page names no person,
    /// the organisation it credits.
    pub byline: Option<String>,
    /// The people named as authors, one name each (credentials kept with the name);
    /// empty when the page names none (an organisation is not a person).
    pub authors: Vec<String>,
    /// Publication date (ISO 8601 date or date-time).
    pub published: Option<String>,
    /// The site's name.
    pub site: Option<String>,
    /// The canonical URL.
    pub url: Option<String>,
    /// The declared language (ISO 639-1).
    pub lang: Option<String>,
    /// JSON-LD `articleBody`, when the page carries one.
    pub article_body: Option<String>,
    /// Whether the page's JSON-LD declares it a discussion (a forum thread, a question
    /// and its answers): its posts are its content.
    pub discussion: bool,
    /// Whether the page's JSON-LD declares a product: its reviews are comments.
    pub product: bool,
}

/// `<meta>` keys naming authors, strongest first.
const AUTHOR_KEYS: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
    "og:article:author",
    "article:author_name",
];

/// Author `<meta>` keys that hold one author per tag, often surname first ("Kaufman,
/// Jeff T."): Highwire Press (Google Scholar) and Dublin Core.
const ONE_AUTHOR_KEYS: &[&str] = &["citation_author", "dc.creator", "dcterms.creator"];

/// `<meta>` keys holding the publication date, strongest first.
const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article:published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publish-date",
    "publish_date",
    "published-date",
    "published_time",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
];

/// `<meta>` keys holding the modification date (the weakest date source).
const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
];

/// Everything the page offers, read once.
struct Sources {
    ld: LdMeta,
    tags: MetaTags,
    title_tag: Option<String>,
    h1s: Vec<String>,
    canonical: Option<String>,
    html_lang: Option<String>,
    micro: markup::Microdata,
    short_texts: Vec<markup::ShortText>,
}

impl Sources {
    /// Read every source of the page from its candidates.
    fn read(document: &Html, found: &mut Candidates<'_>) -> Sources {
        Sources {
            ld: jsonld::read(found),
            tags: MetaTags::read(found),
            title_tag: markup::title_tag(found),
            h1s: markup::h1_texts(found),
            canonical: markup::canonical(found),
            html_lang: markup::html_lang(document),
            micro: markup::microdata(found),
            short_texts: std::mem::take(&mut found.short_texts),
        }
    }
}

/// Read the metadata of a parsed page; `base` (the address the page was fetched
/// from) resolves relative canonical URLs.
pub fn extract(document: &Html, base: Option<&url::Url>) -> PageMeta {
    let mut found = Candidates::collect(document);
    let sources = Sources::read(document, &mut found);
    let site = site(&sources);
    let url = canonical(&sources, base);
    let mut site_names: Vec<String> = site.iter().chain(&sources.ld.site).cloned().collect();
    site_names.extend(url.as_deref().and_then(domain_name));
    let credits = credits(&found, &sources, &site_names);
    PageMeta {
        title: headline(&sources, &site_names),
        description: description(&sources),
        byline: credits.byline(),
        authors: credits.people,
        published: publication_date(&found, &sources),
        lang: language(&sources),
        article_body: sources.ld.body.clone(),
        discussion: sources.ld.discussion,
        product: sources.ld.product,
        site,
        url,
    }
}

/// The site name: `og:site_name`, JSON-LD publisher, `application-name`.
fn site(sources: &Sources) -> Option<String> {
    sources
        .tags
        .first(&["og:site_name"])
        .or_else(|| sources.ld.site.clone())
        .or_else(|| sources.tags.first(&["application-name"]))
}

/// The canonical URL: `<link rel=canonical>`, `og:url`, JSON-LD `url`, the first that
/// is an absolute `http(s)` URL or, given a `base`, a relative one resolved against it.
fn canonical(sources: &Sources, base: Option<&url::Url>) -> Option<String> {
    let resolve = |u: Option<String>| u.and_then(|u| crate::address::resolve(&u, base));
    resolve(sources.canonical.clone())
        .or_else(|| resolve(sources.tags.first(&["og:url"])))
        .or_else(|| resolve(sources.ld.url.clone()))
}

/// The page's own URL as declared, for the date in its path: an absolute
/// `<link rel=canonical>` or `og:url`, else the JSON-LD `url` even when relative.
fn declared_url(sources: &Sources) -> Option<String> {
    let absolute = |u: &String| u.starts_with("http://") || u.starts_with("https://");
    sources
        .canonical
        .clone()
        .filter(absolute)
        .or_else(|| sources.tags.first(&["og:url"]).filter(absolute))
        .or_else(|| sources.ld.url.clone())
}

/// The description: `og:description`, `description`, `twitter:description`, JSON-LD.
fn description(sources: &Sources) -> Option<String> {
    sources
        .tags
        .first(&["og:description", "description", "twitter:description"])
        .or_else(|| sources.ld.description.clone())
}

/// The headline. The page's `<h1>` is the cleanest form of it: the `<h1>` that matches
/// one of the metadata titles, else the first `<h1>` that reads as a headline, else the
/// strongest metadata title without the site name. An `<h1>` printing an affix of a
/// title ("Headline | Site" with the `<h1>` "Site") names the site; when the page's
/// first `<h1>` is the site's name (a masthead), the metadata title comes before the other
/// `<h1>`s.
fn headline(sources: &Sources, site_names: &[String]) -> Option<String> {
    let candidates = title_candidates(sources);
    let strip = |site_names: &[String]| -> Vec<(String, String)> {
        candidates
            .iter()
            .map(|(raw, guess)| (title::strip_site(raw, site_names, *guess), raw.clone()))
            .collect()
    };
    let stripped = strip(site_names);
    let matching = stripped
        .iter()
        .find_map(|(clean, raw)| title::matching_h1(clean, raw, &sources.h1s));
    if matching.is_some() {
        return matching;
    }
    // No <h1> prints a title: one that prints a part of it prints the site's name.
    let raw: Vec<String> = candidates.iter().map(|(t, _)| t.clone()).collect();
    let mut site_names = site_names.to_vec();
    site_names.extend(title::affix_h1s(&raw, &sources.h1s));
    let stripped = strip(&site_names);
    let masthead = sources
        .h1s
        .first()
        .is_some_and(|h1| title::site_keys(&site_names).contains(&key(h1)));
    let first_title = || stripped.first().map(|(clean, _)| clean.clone());
    let any_h1 = || title::headline_h1(&sources.h1s, &site_names).cloned();
    if masthead {
        // The page sets its name as the first `<h1>`: its other `<h1>`s are section
        // headings as often as the headline, and the metadata title is the headline.
        return first_title().or_else(any_h1);
    }
    match (any_h1(), first_title()) {
        (Some(h1), Some(title)) if title::unrelated_label(&h1, &title) => Some(title),
        (h1, title) => h1.or(title),
    }
}

/// The metadata titles, strongest first, each with whether an unnamed short tail may
/// be guessed to be the site's name.
fn title_candidates(sources: &Sources) -> Vec<(String, bool)> {
    [
        (sources.ld.title.clone(), false),
        (sources.tags.first(&["og:title"]), true),
        (sources.tags.first(&["twitter:title"]), true),
        (sources.micro.headline.clone(), false),
        (sources.title_tag.clone(), true),
        (sources.ld.page_title.clone(), true),
    ]
    .into_iter()
    .filter_map(|(text, guess)| text.map(|t| (t, guess)))
    .collect()
}

/// Who the page credits: the people it names as authors, else an organisation.
#[derive(Debug, Default)]
struct Credits {
    /// Person names.
    people: Vec<String>,
    /// The organisation credited when no person is named.
    organisation: Option<String>,
    /// The people as one of the page's author values prints them together ("A and B").
    printed: Option<String>,
}

impl Credits {
    /// The byline: the people as the page prints them together, else joined by ", ",
    /// else the organisation.
    fn byline(&self) -> Option<String> {
        if self.people.is_empty() {
            return self.organisation.clone();
        }
        Some(
            self.printed
                .clone()
                .unwrap_or_else(|| self.people.join(", ")),
        )
    }
}

/// The credits: person names from the strongest source that has any, else the first
/// of the organisations named as authors (JSON-LD organisations, author values naming
/// the site) and the names made from author page URLs (which name people).
fn credits(found: &Candidates<'_>, sources: &Sources, site_names: &[String]) -> Credits {
    let is_site = |name: &String| site_names.iter().any(|s| key(s) == key(name));
    let mut organisations: Vec<String> = sources.ld.organisations.clone();
    let person_sources: [Box<dyn Fn() -> Vec<String> + '_>; 7] = [
        Box::new(|| sources.ld.people.clone()),
        Box::new(|| meta_authors(&sources.tags, &is_site)),
        Box::new(|| names_of(&sources.micro.authors)),
        Box::new(|| names_of(&markup::rel_authors(found))),
        Box::new(|| text_names(&markup::author_links(found))),
        Box::new(|| text_names(&markup::byline_lines(&sources.short_texts))),
        Box::new(|| text_names(&markup::byline_texts(found))),
    ];
    for source in &person_sources {
        let (sites, people): (Vec<String>, Vec<String>) = source().into_iter().partition(is_site);
        if !people.is_empty() {
            let printed = raw_author_values(found, sources)
                .iter()
                .find_map(|raw| byline::as_printed(raw, &people));
            return Credits {
                people,
                organisation: None,
                printed,
            };
        }
        organisations.extend(sites);
    }
    if let Some(organisation) = organisations.into_iter().next() {
        return Credits {
            people: Vec::new(),
            organisation: Some(organisation),
            printed: None,
        };
    }
    let slugs = sources.ld.slug_names.iter().cloned();
    Credits {
        people: slugs
            .chain(url_author_slugs(&sources.tags))
            .take(1)
            .collect(),
        organisation: None,
        printed: None,
    }
}

/// Every author value the page gives as text, for printing several names as the page
/// prints them: author `<meta>` tags, microdata and `rel="author"` names, author links
/// and byline texts.
fn raw_author_values(found: &Candidates<'_>, sources: &Sources) -> Vec<String> {
    let mut values: Vec<String> = AUTHOR_KEYS
        .iter()
        .flat_map(|key| sources.tags.all(key))
        .collect();
    values.extend(sources.micro.authors.iter().cloned());
    values.extend(markup::rel_authors(found));
    values.extend(markup::author_links(found));
    values.extend(markup::byline_lines(&sources.short_texts));
    values.extend(markup::byline_texts(found));
    values
}

/// Names from the author `<meta>` tags of the first key that gives any name other than
/// the site's (the site's names come last, for the organisation fallback).
fn meta_authors(tags: &MetaTags, is_site: &dyn Fn(&String) -> bool) -> Vec<String> {
    let per_key: Vec<Vec<String>> = AUTHOR_KEYS
        .iter()
        .map(|key| {
            let values = tags.all(key);
            if ONE_AUTHOR_KEYS.contains(key) {
                one_name_each(&values)
            } else {
                names_of(&values)
            }
        })
        .collect();
    let people = per_key
        .iter()
        .find(|names| names.iter().any(|n| !is_site(n)))
        .cloned();
    people.unwrap_or_else(|| per_key.into_iter().flatten().collect())
}

/// Names from several raw author values that hold one author each, deduplicated.
fn one_name_each(values: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for name in values.iter().flat_map(|v| byline::name_of_one(v)) {
        byline::push_unique(&mut found, name);
    }
    found
}

/// Names from several raw author values, deduplicated.
fn names_of(values: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for name in values.iter().flat_map(|v| byline::names(v)) {
        byline::push_unique(&mut found, name);
    }
    found
}

/// Names from the first text of the page that gives names that read as names.
fn text_names(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| byline::names(v))
        .find(|names| !names.is_empty() && names.iter().all(|n| byline::reads_as_name(n)))
        .unwrap_or_default()
}

/// Names made from author URLs in `<meta>` tags.
fn url_author_slugs(tags: &MetaTags) -> Vec<String> {
    AUTHOR_KEYS
        .iter()
        .flat_map(|key| tags.all(key))
        .filter(|v| is_url(v))
        .filter_map(|v| byline::slug_name(&v))
        .collect()
}

/// The publication date: declared in metadata (JSON-LD, `<meta>` tags, microdata,
/// `<time>`), else shown in the page's text, else in the page's URL, else the
/// modification date. Where a page declares both a publication and a modification date,
/// readers and annotators take the publication date about nine times in ten (wcxb-dev),
/// so a shown "Updated" date never overrides the declared publication date.
fn publication_date(found: &Candidates<'_>, sources: &Sources) -> Option<String> {
    declared_date(found, sources)
        .or_else(|| shown_date(sources))
        .or_else(|| date_in_short_text(sources))
        .or_else(|| declared_url(sources).and_then(|u| published::from_url(&u)))
        .or_else(|| modified_date(sources))
}

/// The publication date declared in metadata: JSON-LD, `<meta>` tags, microdata,
/// `<time>`.
fn declared_date(found: &Candidates<'_>, sources: &Sources) -> Option<String> {
    let normalised = |value: Option<String>| value.and_then(|v| published::normalise(&v));
    let meta_dates = || {
        PUBLISHED_KEYS
            .iter()
            .find_map(|key| normalised(sources.tags.first(&[key])))
    };
    sources
        .ld
        .published
        .clone()
        .or_else(meta_dates)
        .or_else(|| normalised(sources.micro.published.clone()))
        .or_else(|| normalised(markup::time_date(found)))
}

/// The modification date declared in metadata.
fn modified_date(sources: &Sources) -> Option<String> {
    sources.ld.modified.clone().or_else(|| {
        sources
            .tags
            .first(MODIFIED_KEYS)
            .and_then(|v| published::normalise(&v))
    })
}

/// The date shown in the page's text: the first date line after the `<h1>`, else the
/// first one.
fn shown_date(sources: &Sources) -> Option<String> {
    let shown = markup::shown_dates(&sources.short_texts);
    shown
        .iter()
        .find(|d| d.after_h1)
        .or_else(|| shown.first())
        .map(|d| d.iso.clone())
}

/// A date written inside a short line after the headline ("By Jane Doe on 3 May 2024"),
/// for pages that neither declare nor show a date on a line of its own.
fn date_in_short_text(sources: &Sources) -> Option<String> {
    sources
        .short_texts
        .iter()
        .filter(|t| t.after_h1)
        .find_map(|t| crate::meta::date::date_within(&t.text))
}

/// The declared language: `<html lang>`, `og:locale`, `content-language`, JSON-LD.
fn language(sources: &Sources) -> Option<String> {
    [
        sources.html_lang.clone(),
        sources.tags.first(&["og:locale"]),
        sources
            .tags
            .first(&["content-language", "language", "dc.language"]),
        sources.ld.lang.clone(),
    ]
    .into_iter()
    .flatten()
    .find_map(|code| primary_subtag(&code))
}

/// The lower-case primary subtag of a language tag: `en-GB`, `en_US` → `en`.
fn primary_subtag(code: &str) -> Option<String> {
    let primary = code
        .trim()
        .split(['-', '_', ',', ';'])
        .next()?
        .to_ascii_lowercase();
    let letters = primary.chars().all(|c| c.is_ascii_alphabetic());
    (letters && primary.len() == 2).then_some(primary)
}
