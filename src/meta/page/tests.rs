//! [`extract`] on synthetic pages (one per source and per normalisation), and an
//! ignored accuracy run over the wcxb-dev article pages:
//!
//! ```text
//! cargo test --release --lib meta::page::tests -- --ignored --nocapture
//! ```
//!
//! `PAGE_META_CORPUS` overrides the corpus directory; `PAGE_META_MISSES=title|author|
//! published` prints the pages where that field is wrong.

use std::path::{Path, PathBuf};

use super::{extract, PageMeta};
use scraper::Html;

/// Extract the metadata of an HTML string.
fn meta(html: &str) -> PageMeta {
    extract(&Html::parse_document(html), None)
}

#[test]
fn json_ld_is_the_strongest_source() {
    let m = meta(
        r#"<html lang="en-GB"><head><title>Meta title | Site</title>
        <meta property="og:title" content="OG title">
        <meta name="author" content="Meta Author">
        <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
        "headline":"LD headline","author":[{"@type":"Organization","name":"Org"},{"@type":"Person","name":"By Jane Doe"}],
        "datePublished":"2016-03-24T10:00:00+00:00","publisher":{"@type":"Organization","name":"The Daily"},
        "url":"https://example.com/a","articleBody":"Body."}</script></head><body></body></html>"#,
    );
    assert_eq!(m.title.as_deref(), Some("LD headline"));
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(m.published.as_deref(), Some("2016-03-24T10:00:00+00:00"));
    assert_eq!(m.site.as_deref(), Some("The Daily"));
    assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
    assert_eq!(m.lang.as_deref(), Some("en"));
    assert_eq!(m.article_body.as_deref(), Some("Body."));
}

#[test]
fn json_ld_graph_with_references_and_broken_json() {
    let m = meta(
        r#"<head><script type="application/ld+json"><!--
        {"@graph":[{"@type":"WebSite","@id":"https://example.com/#site","name":"Example News",},
        {"@type":["Article"],"headline":"Graph headline","author":{"@id":"https://example.com/#jd"},
         "dateModified":"2021-05-06","dateCreated":"2020-01-02"},
        {"@type":"Person","@id":"https://example.com/#jd","name":"Jane Doe"}]}
        --></script></head>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Graph headline"));
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
    assert_eq!(m.published.as_deref(), Some("2020-01-02"));
    assert_eq!(m.site.as_deref(), Some("Example News"));
}

#[test]
fn opengraph_and_meta_tags() {
    let m = meta(
        r#"<html><head><title>ignored</title>
        <meta property="og:title" content="Storm hits the coast | Example News">
        <meta property="og:site_name" content="Example News">
        <meta property="og:description" content="A deck.">
        <meta property="og:url" content="https://example.com/storm">
        <meta property="og:locale" content="fr_FR">
        <meta property="article:published_time" content="2019-07-01T08:00:00+02:00">
        <meta property="article:author" content="https://example.com/author/john-roe">
        <meta name="parsely-author" content="John Roe">
        </head><body><h1>Menu</h1></body></html>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Storm hits the coast"));
    assert_eq!(m.description.as_deref(), Some("A deck."));
    assert_eq!(m.site.as_deref(), Some("Example News"));
    assert_eq!(m.url.as_deref(), Some("https://example.com/storm"));
    assert_eq!(m.lang.as_deref(), Some("fr"));
    assert_eq!(m.published.as_deref(), Some("2019-07-01T08:00:00+02:00"));
    assert_eq!(m.byline.as_deref(), Some("John Roe"));
}

#[test]
fn canonical_link_wins_over_og_url() {
    let m = meta(
        r#"<head><link rel="canonical" href="https://example.com/c">
        <meta property="og:url" content="https://example.com/og"></head>"#,
    );
    assert_eq!(m.url.as_deref(), Some("https://example.com/c"));
}

#[test]
fn author_url_becomes_a_name_only_when_nothing_better() {
    let m = meta(
        r#"<head><meta property="article:author" content="https://example.com/author/jane-doe/"></head>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
}

#[test]
fn title_tag_loses_the_domain_name_and_h1_is_preferred() {
    let m = meta(
        r#"<head><title>Council approves the new budget - Examplepost</title>
        <link rel="canonical" href="https://www.examplepost.com/x"></head>
        <body><h1>Council Approves the New Budget</h1></body>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Council Approves the New Budget"));
    let m = meta("<head><title>A headline of some length :: Blog</title></head>");
    assert_eq!(m.title.as_deref(), Some("A headline of some length"));
}

#[test]
fn time_elements_microdata_and_byline_elements_are_fallbacks() {
    let m = meta(
        r#"<html lang="de-AT"><body><time datetime="2001-01-01">old</time>
        <article itemscope itemtype="http://schema.org/BlogPosting">
        <h1 itemprop="headline">Micro headline</h1>
        <time datetime="24.03.2016">24.03.2016</time>
        <span class="byline">Von Hans Müller | 24. März 2016</span>
        </article></body></html>"#,
    );
    assert_eq!(m.title.as_deref(), Some("Micro headline"));
    assert_eq!(m.published.as_deref(), Some("2016-03-24"));
    assert_eq!(m.byline.as_deref(), Some("Hans Müller"));
    assert_eq!(m.lang.as_deref(), Some("de"));
}

#[test]
fn microdata_author_and_rel_author() {
    let m = meta(
        r#"<body><div itemscope itemtype="https://schema.org/Article">
        <span itemprop="author" itemscope itemtype="https://schema.org/Person">
        <span itemprop="name">Ann Poe</span></span></div></body>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Ann Poe"));
    let m = meta(r#"<body><a rel="author" href="/x">By Bob Low</a></body>"#);
    assert_eq!(m.byline.as_deref(), Some("Bob Low"));
}

#[test]
fn several_authors_are_deduplicated_and_joined() {
    let m = meta(
        r#"<head><meta name="citation_author" content="Doe, Jane">
        <meta name="author" content="Jane Doe and John Roe, Staff Writers">
        <meta name="author" content="jane doe"></head>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Jane Doe, John Roe"));
    assert_eq!(m.authors, ["Jane Doe", "John Roe"]);
}

#[test]
fn one_author_with_credentials_is_one_person() {
    let m = meta(r#"<head><meta name="author" content="Jane Doe, MD, PhD"></head>"#);
    assert_eq!(m.authors, ["Jane Doe, MD, PhD"]);
    assert_eq!(m.byline.as_deref(), Some("Jane Doe, MD, PhD"));
    let m = meta(
        r#"<head><script type="application/ld+json">{"@type":"Article","author":
        {"@type":"Person","name":"John Smith, Senior Reporter"}}</script></head>"#,
    );
    assert_eq!(m.authors, ["John Smith"]);
    let m = meta(r#"<head><meta name="author" content="Ann Poe | Health Editor"></head>"#);
    assert_eq!(m.authors, ["Ann Poe"]);
}

#[test]
fn several_people_with_and_and_commas() {
    let m = meta(r#"<head><meta name="author" content="Ann Poe, Bob Low and Cy Diaz"></head>"#);
    assert_eq!(m.authors, ["Ann Poe", "Bob Low", "Cy Diaz"]);
    assert_eq!(m.byline.as_deref(), Some("Ann Poe, Bob Low and Cy Diaz"));
}

#[test]
fn a_citation_author_written_surname_first_is_one_person() {
    let m = meta(
        r#"<head><meta name="citation_author" content="Kaufman, Jeff T.">
        <meta name="citation_author" content="Roe, Ann"></head>"#,
    );
    assert_eq!(m.authors, ["Kaufman, Jeff T.", "Roe, Ann"]);
}

#[test]
fn organisation_author_only_without_a_person() {
    let m = meta(
        r#"<head><meta property="og:site_name" content="Example News">
        <meta name="author" content="Example News"></head>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Example News"));
    assert!(m.authors.is_empty(), "an organisation is not a person");
    let m = meta(
        r#"<head><meta property="og:site_name" content="Example News">
        <meta name="author" content="Example News"><meta name="byl" content="By Jane Doe"></head>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Jane Doe"));
}

#[test]
fn dates_in_other_forms() {
    let m = meta(r#"<head><meta name="date" content="March 24, 2016"></head>"#);
    assert_eq!(m.published.as_deref(), Some("2016-03-24"));
    let m = meta(r#"<head><meta name="sailthru.date" content="1458813600000"></head>"#);
    assert_eq!(m.published.as_deref(), Some("2016-03-24T10:00:00+00:00"));
    let m = meta(r#"<head><meta name="pubdate" content="Thu, 24 Mar 2016 10:00:00 +0000"></head>"#);
    assert_eq!(m.published.as_deref(), Some("2016-03-24T10:00:00+00:00"));
    let m = meta(
        r#"<head><meta name="date" content="soon"><meta property="article:modified_time" content="2017-01-01"></head>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2017-01-01"));
}

#[test]
fn declared_publication_date_wins_and_a_shown_date_fills_in() {
    let m = meta(
        r#"<head><meta property="article:published_time" content="2020-01-01T09:00:00+00:00">
        <meta property="article:modified_time" content="2021-06-15T09:00:00+00:00"></head>
        <body><h1>Headline</h1><p>Updated June 15, 2021</p><p>Body.</p></body>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2020-01-01T09:00:00+00:00"));
    let m = meta(
        r#"<head><meta property="article:published_time" content="2020-01-01"></head>
        <body><p>May 2, 2019</p><h1>Headline</h1><p>March 3, 2018</p></body>"#,
    );
    assert_eq!(m.published.as_deref(), Some("2020-01-01"));
    let m = meta(
        "<body><nav>1 May 2020</nav><p>Posted 2 May 2019</p><h1>Headline</h1><p>Published: 24.03.2016</p></body>",
    );
    assert_eq!(m.published.as_deref(), Some("2016-03-24"));
}

#[test]
fn entities_and_whitespace_in_titles() {
    let m =
        meta("<head><meta property=\"og:title\" content=\"Tom &amp;amp; Jerry\n  return\"></head>");
    assert_eq!(m.title.as_deref(), Some("Tom & Jerry return"));
}

#[test]
fn nothing_panics_on_odd_pages() {
    let odd = [
        "",
        "<html>",
        "<script type=\"application/ld+json\">{{{{</script>",
        "<script type=\"application/ld+json\">[1, \"a\", null, {\"@type\": [7, null]}]</script>",
        "<script type=\"application/ld+json\">{\"@type\":\"Article\",\"author\":{\"name\":{\"x\":1}},\"datePublished\":\"99-99-99\"}</script>",
        "<meta name=\"date\" content=\"0000-00-00T99:99\"><time datetime=\"\u{1F600}\"></time>",
        "<title> | - | </title><h1></h1>",
        "<meta name=\"author\" content=\"By | , ; and &\">",
        "<html lang=\"\u{e9}\u{e9}-\u{e9}\"></html>",
    ];
    for page in odd {
        let m = meta(page);
        assert!(m.published.is_none(), "{page}: {m:?}");
        assert!(m.byline.is_none(), "{page}: {m:?}");
        assert!(m.lang.is_none(), "{page}: {m:?}");
    }
}

/// Accuracy of one field: hits over pages with a reference value.
#[derive(Default)]
struct Score {
    hits: usize,
    total: usize,
}

impl Score {
    /// Count one page.
    fn add(&mut self, hit: bool) {
        self.hits += usize::from(hit);
        self.total += 1;
    }

    /// One line of the report.
    fn line(&self, name: &str) -> String {
        let share = self.hits as f64 / self.total.max(1) as f64;
        format!("{name:10} {:4}/{:4} = {share:.3}", self.hits, self.total)
    }
}

/// Whitespace-normalised text.
fn norm(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The calendar day at the start of a date.
fn day(text: &str) -> String {
    norm(text).chars().take(10).collect()
}

/// Author names regardless of order and joining words (", ", " and ", " & ").
fn name_set(text: &str) -> Vec<String> {
    let mut names: Vec<String> = norm(text)
        .replace(" and ", ", ")
        .replace(" & ", ", ")
        .split(", ")
        .map(|n| n.trim().to_lowercase())
        .filter(|n| !n.is_empty())
        .collect();
    names.sort();
    names
}

/// The corpus directory.
fn corpus_dir() -> PathBuf {
    std::env::var_os("PAGE_META_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/wcxb-dev"),
        PathBuf::from,
    )
}

#[test]
#[ignore = "needs the wcxb-dev corpus; run with --ignored --nocapture"]
fn wcxb_metadata_accuracy() {
    let dir = corpus_dir();
    let raw = std::fs::read_to_string(dir.join("annotations.json")).expect("annotations");
    let annotations: serde_json::Value = serde_json::from_str(&raw).expect("annotations JSON");
    let pages = annotations.as_object().expect("annotations object");
    let misses = std::env::var("PAGE_META_MISSES").unwrap_or_default();
    let mut keys: Vec<&String> = pages.keys().collect();
    keys.sort();
    let (mut title, mut author, mut author_set, mut date) = Default::default();
    for key in keys {
        let page = &pages[key];
        if page["page_type"] != "article" {
            continue;
        }
        let bytes =
            std::fs::read(dir.join(page["file"].as_str().unwrap_or_default())).expect("page file");
        let decoded =
            crate::document::decode(&bytes, crate::DEFAULT_MAX_BYTES, None).expect("decode");
        let got = extract(&Html::parse_document(&decoded.text), None);
        let reference = |field: &str| norm(page[field].as_str().unwrap_or_default());
        let check = |score: &mut Score,
                     field: &str,
                     want: String,
                     have: Option<String>,
                     same: &dyn Fn(&str, &str) -> bool| {
            if want.is_empty() {
                return;
            }
            let have = have.unwrap_or_default();
            let hit = same(&want, &have);
            score.add(hit);
            if !hit && misses == field {
                println!("{key} {field}\n   want {want:?}\n   have {have:?}");
            }
        };
        check(
            &mut title,
            "title",
            reference("title"),
            got.title,
            &|w, h| w == norm(h),
        );
        check(
            &mut author,
            "author",
            reference("author"),
            got.byline.clone(),
            &|w, h| w == norm(h),
        );
        check(
            &mut author_set,
            "author_set",
            reference("author"),
            got.byline,
            &|w, h| name_set(w) == name_set(h),
        );
        check(
            &mut date,
            "published",
            reference("published"),
            got.published,
            &|w, h| day(w) == day(h),
        );
    }
    println!("{}", title.line("title"));
    println!("{}", author.line("author"));
    println!(
        "{}  (names as a set, any joining)",
        author_set.line("author~")
    );
    println!("{}", date.line("published"));
    assert!(
        title.total > 0,
        "no article pages found in {}",
        dir.display()
    );
}

#[test]
fn a_masthead_h1_printing_the_title_affix_is_not_the_headline() {
    // The <h1> is the site's name, the title's tail: it matched the raw title before.
    let m = meta(
        "<html><head><title>Pruning old apple trees in winter • Orchard Notes</title></head>\
         <body><h1>Orchard Notes</h1><h2>Pruning old apple trees in winter</h2><p>Text.</p></body></html>",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Pruning old apple trees in winter")
    );
}

#[test]
fn with_a_masthead_h1_the_metadata_title_comes_before_other_h1s() {
    let m = meta(
        "<html><head><title>Orchard Notes: Pruning old apple trees in winter</title>\
         <meta property=\"og:title\" content=\"Pruning old apple trees in winter\"></head>\
         <body><h1>Orchard Notes</h1><h1>Before you start</h1><p>Text.</p></body></html>",
    );
    assert_eq!(
        m.title.as_deref(),
        Some("Pruning old apple trees in winter")
    );
    // Without the masthead, an <h1> that reads as a headline still wins.
    let m = meta(
        "<html><head><title>Pruning | Orchard Notes</title></head>\
         <body><h1>How we prune the old trees</h1><p>Text.</p></body></html>",
    );
    assert_eq!(m.title.as_deref(), Some("How we prune the old trees"));
}

#[test]
fn a_site_name_before_a_colon_is_dropped_from_the_title() {
    let m = meta(
        "<html><head><title>Orchard Notes: Pruning old apple trees</title>\
         <meta property=\"og:site_name\" content=\"Orchard Notes\"></head><body><p>Text.</p></body></html>",
    );
    assert_eq!(m.title.as_deref(), Some("Pruning old apple trees"));
    // A colon inside a headline stays when the part before it is no site name.
    let m = meta(
        "<html><head><title>Fix it Friday: a wobbly table</title>\
         <meta property=\"og:site_name\" content=\"Orchard Notes\"></head><body><p>Text.</p></body></html>",
    );
    assert_eq!(m.title.as_deref(), Some("Fix it Friday: a wobbly table"));
}

#[test]
fn byline_labels_with_a_colon_or_naming_the_article() {
    let m = meta(
        r#"<body><main><h1>A headline of some length</h1>
        <p>by: <!-- -->Ann Poe<!-- -->, Dec 17, 2025</p></main></body>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Ann Poe"));
    let m = meta(
        r#"<body><main><h1>A headline of some length</h1>
        <h2>Article by</h2><div>Bob Low</div></main></body>"#,
    );
    assert_eq!(m.byline.as_deref(), Some("Bob Low"));
}
