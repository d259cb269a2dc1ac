//! JSON-LD (`<script type="application/ld+json">`): lenient parsing, finding the
//! article node (arrays, `@graph`, nested `mainEntity`, `@type` as string or array),
//! resolving `@id` references, and reading its fields.

use std::collections::HashMap;

use serde_json::Value;

use super::byline;
use super::scan::Candidates;
use super::text::{clean, is_url};

/// Types that mark an article-like node (the strongest source).
const ARTICLE_TYPES: &[&str] = &[
    "article",
    "newsarticle",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "reviewnewsarticle",
    "askpublicnewsarticle",
    "scholarlyarticle",
    "techarticle",
    "medicalscholarlyarticle",
    "socialmediaposting",
    "liveblogposting",
    "report",
    "satiricalarticle",
    "advertisercontentarticle",
    "howto",
    "recipe",
    "review",
    "medicalwebpage",
];

/// Types of page nodes: weaker than articles, used when no article node has a value.
const PAGE_TYPES: &[&str] = &["webpage", "itempage", "aboutpage", "faqpage", "qapage"];

/// Types declaring the page a discussion: a forum thread or a question with its
/// answers, whose posts are the page's content.
pub const DISCUSSION_TYPES: &[&str] = &["discussionforumposting", "qapage"];

/// Types declaring the page a product's page: its customer reviews are comments on the
/// product, not its description.
pub const PRODUCT_TYPES: &[&str] = &["product", "productgroup", "productmodel"];

/// Types of organisations (authors of these types lose to persons).
const ORGANISATION_TYPES: &[&str] = &[
    "organization",
    "newsmediaorganization",
    "corporation",
    "localbusiness",
    "educationalorganization",
    "governmentorganization",
    "ngo",
];

/// What the JSON-LD of a page says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LdMeta {
    /// `headline` or `name` of the article node.
    pub title: Option<String>,
    /// `name` or `headline` of a page node (weaker).
    pub page_title: Option<String>,
    /// `description`.
    pub description: Option<String>,
    /// Person authors' names.
    pub people: Vec<String>,
    /// Organisation authors' names.
    pub organisations: Vec<String>,
    /// Names made from author URLs (weakest).
    pub slug_names: Vec<String>,
    /// `datePublished`, else `dateCreated`.
    pub published: Option<String>,
    /// `dateModified`.
    pub modified: Option<String>,
    /// `publisher.name`, else the `WebSite` node's name.
    pub site: Option<String>,
    /// `url` or `mainEntityOfPage`.
    pub url: Option<String>,
    /// `inLanguage`.
    pub lang: Option<String>,
    /// `articleBody`.
    pub body: Option<String>,
    /// Whether a node declares the page a discussion ([`DISCUSSION_TYPES`]).
    pub discussion: bool,
    /// Whether a node declares a product ([`PRODUCT_TYPES`]).
    pub product: bool,
}

/// Read every JSON-LD block of the page.
pub fn read(found: &Candidates<'_>) -> LdMeta {
    let values: Vec<Value> = found
        .ld_scripts
        .iter()
        .flat_map(|script| parse_lenient(&script.text().collect::<String>()))
        .collect();
    from_values(&values)
}

/// Read the metadata from parsed JSON-LD values.
pub fn from_values(values: &[Value]) -> LdMeta {
    let ids = id_index(values);
    let mut nodes = Vec::new();
    for value in values {
        collect_nodes(value, &mut nodes, 0);
    }
    let articles: Vec<&Value> = nodes
        .iter()
        .copied()
        .filter(|n| has_type(n, ARTICLE_TYPES))
        .collect();
    let pages: Vec<&Value> = nodes
        .iter()
        .copied()
        .filter(|n| has_type(n, PAGE_TYPES))
        .collect();
    let both: Vec<&Value> = articles.iter().chain(&pages).copied().collect();
    let mut meta = LdMeta {
        title: first_text(&articles, &["headline", "name"]),
        page_title: first_text(&pages, &["headline", "name"]),
        description: first_text(&both, &["description"]),
        published: first_date(&both, &["datePublished", "dateCreated", "uploadDate"]),
        modified: first_date(&both, &["dateModified"]),
        url: first_url(&articles, &ids).or_else(|| first_url(&pages, &ids)),
        lang: first_text(&both, &["inLanguage"]).or_else(|| language_object(&both)),
        body: first_text(&articles, &["articleBody", "text"]),
        site: publisher(&both, &ids).or_else(|| website_name(&nodes)),
        discussion: nodes.iter().any(|n| has_type(n, DISCUSSION_TYPES)),
        product: nodes.iter().any(|n| has_type(n, PRODUCT_TYPES)),
        ..LdMeta::default()
    };
    read_authors(&articles, &ids, &mut meta);
    if meta.people.is_empty() && meta.organisations.is_empty() {
        read_authors(&pages, &ids, &mut meta);
    }
    meta
}

/// Parse a JSON-LD block strictly, then after repairs; every value in it.
pub fn parse_lenient(raw: &str) -> Vec<Value> {
    if let Ok(value) = serde_json::from_str::<Value>(raw.trim()) {
        return vec![value];
    }
    let repaired = repair(raw);
    serde_json::Deserializer::from_str(&repaired)
        .into_iter::<Value>()
        .map_while(Result::ok)
        .collect()
}

/// Remove comment and CDATA wrappers, control characters inside strings and trailing
/// commas.
fn repair(raw: &str) -> String {
    let mut text = raw.trim();
    for wrapper in ["//<![CDATA[", "<![CDATA[", "<!--"] {
        text = text.strip_prefix(wrapper).unwrap_or(text).trim_start();
    }
    for wrapper in ["//]]>", "]]>", "-->", ";"] {
        text = text.strip_suffix(wrapper).unwrap_or(text).trim_end();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for (index, &c) in chars.iter().enumerate() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ if c.is_control() => {
                    out.push(' ');
                    continue;
                }
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if c == ',' && closes_next(&chars[index + 1..]) {
            continue;
        }
        out.push(c);
    }
    out
}

/// Whether the next non-space character closes an object or array.
fn closes_next(rest: &[char]) -> bool {
    rest.iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| *c == '}' || *c == ']')
}

/// Every object with an `@id`, by that id (the first wins), found anywhere.
fn id_index(values: &[Value]) -> HashMap<&str, &Value> {
    let mut index = HashMap::new();
    let mut stack: Vec<&Value> = values.iter().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => {
                if let Some(id) = map.get("@id").and_then(Value::as_str) {
                    if map.len() > 1 {
                        index.entry(id).or_insert(value);
                    }
                }
                stack.extend(map.values());
            }
            _ => {}
        }
    }
    index
}

/// The candidate nodes: top-level objects, array items, `@graph` members and
/// `mainEntity` / `mainEntityOfPage` objects, in document order.
fn collect_nodes<'a>(value: &'a Value, nodes: &mut Vec<&'a Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => items
            .iter()
            .for_each(|item| collect_nodes(item, nodes, depth + 1)),
        Value::Object(map) => {
            nodes.push(value);
            for key in ["@graph", "mainEntity", "mainEntityOfPage", "hasPart"] {
                if let Some(inner) = map.get(key) {
                    collect_nodes(inner, nodes, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// The node's types, lower-case, without a schema.org prefix.
fn types(node: &Value) -> Vec<String> {
    let raw = match node.get("@type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    raw.iter()
        .map(|t| {
            t.rsplit(['/', ':'])
                .next()
                .unwrap_or(t)
                .to_ascii_lowercase()
        })
        .collect()
}

/// Whether the node has one of `wanted` among its types.
fn has_type(node: &Value, wanted: &[&str]) -> bool {
    types(node).iter().any(|t| wanted.contains(&t.as_str()))
}

/// A text value: a string, the first string of an array, or an object's `name`.
fn text_of(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => clean(s),
        Value::Array(items) => items.iter().find_map(text_of),
        Value::Object(map) => map.get("name").and_then(text_of),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The first text among the nodes' `keys` (node order first, then key order).
fn first_text(nodes: &[&Value], keys: &[&str]) -> Option<String> {
    nodes
        .iter()
        .find_map(|node| keys.iter().find_map(|key| node.get(key).and_then(text_of)))
}

/// The first date among the nodes' `keys`, trying every key on all nodes before the
/// next key, normalised.
fn first_date(nodes: &[&Value], keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|key| {
        nodes.iter().find_map(|node| {
            node.get(key)
                .and_then(text_of)
                .and_then(|d| super::published::normalise(&d))
        })
    })
}

/// `inLanguage` given as an object (`{"@type": "Language", "alternateName": "en"}`).
fn language_object(nodes: &[&Value]) -> Option<String> {
    nodes.iter().find_map(|node| {
        node.get("inLanguage")?
            .get("alternateName")
            .and_then(text_of)
    })
}

/// The node's `url`, else its `mainEntityOfPage` (a URL or an object with `@id`/`url`).
fn first_url(nodes: &[&Value], ids: &HashMap<&str, &Value>) -> Option<String> {
    let url_of = |value: &Value| -> Option<String> {
        let value = resolve(value, ids);
        let text = match value {
            Value::Object(map) => map
                .get("url")
                .or_else(|| map.get("@id"))
                .and_then(Value::as_str)
                .map(str::to_owned),
            other => other.as_str().map(str::to_owned),
        }?;
        let text = text.trim().to_owned();
        (text.starts_with("http") && !text.contains('#')).then_some(text)
    };
    nodes.iter().find_map(|node| {
        node.get("url")
            .and_then(url_of)
            .or_else(|| node.get("mainEntityOfPage").and_then(url_of))
    })
}

/// An `{"@id": ...}` reference replaced by the node it names.
fn resolve<'a>(value: &'a Value, ids: &HashMap<&str, &'a Value>) -> &'a Value {
    match value {
        Value::Object(map) if map.len() == 1 => map
            .get("@id")
            .and_then(Value::as_str)
            .and_then(|id| ids.get(id).copied())
            .unwrap_or(value),
        _ => value,
    }
}

/// The name of the first node's publisher.
fn publisher(nodes: &[&Value], ids: &HashMap<&str, &Value>) -> Option<String> {
    nodes.iter().find_map(|node| {
        let publisher = node.get("publisher")?;
        let publisher = match publisher {
            Value::Array(items) => items.first()?,
            other => other,
        };
        text_of(resolve(publisher, ids))
    })
}

/// The name of a `WebSite` node.
fn website_name(nodes: &[&Value]) -> Option<String> {
    nodes
        .iter()
        .filter(|n| has_type(n, &["website"]))
        .find_map(|node| node.get("name").and_then(text_of))
}

/// Read the authors of the first node that names any.
fn read_authors(nodes: &[&Value], ids: &HashMap<&str, &Value>, meta: &mut LdMeta) {
    for node in nodes {
        let Some(author) = node.get("author").or_else(|| node.get("creator")) else {
            continue;
        };
        let items: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for item in items {
            read_author(resolve(item, ids), meta);
        }
        if !meta.people.is_empty() || !meta.organisations.is_empty() {
            return;
        }
    }
}

/// The `url` or `@id` of an author object without a name.
fn url_of_author(author: &Value) -> Option<String> {
    ["url", "@id", "sameAs"]
        .iter()
        .find_map(|key| author.get(key).and_then(text_of))
}

/// Sort one author value into persons, organisations or slug names.
fn read_author(author: &Value, meta: &mut LdMeta) {
    let Some(name) = text_of(author).or_else(|| url_of_author(author)) else {
        return;
    };
    if is_url(&name) {
        if let Some(slug) = byline::slug_name(&name) {
            byline::push_unique(&mut meta.slug_names, slug);
        }
        return;
    }
    let organisation = has_type(author, ORGANISATION_TYPES);
    for person in byline::names(&name) {
        let list = if organisation {
            &mut meta.organisations
        } else {
            &mut meta.people
        };
        byline::push_unique(list, person);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(json: &str) -> LdMeta {
        from_values(&parse_lenient(json))
    }

    #[test]
    fn reads_an_article_node() {
        let m = meta(
            r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"A &amp; B",
            "author":{"@type":"Person","name":"Jane Doe"},"datePublished":"2016-03-24T10:00:00+00:00",
            "publisher":{"@type":"Organization","name":"The Daily"},"url":"https://example.com/a",
            "inLanguage":"en-GB","articleBody":"Body text."}"#,
        );
        assert_eq!(m.title.as_deref(), Some("A & B"));
        assert_eq!(m.people, ["Jane Doe"]);
        assert_eq!(m.published.as_deref(), Some("2016-03-24T10:00:00+00:00"));
        assert_eq!(m.site.as_deref(), Some("The Daily"));
        assert_eq!(m.url.as_deref(), Some("https://example.com/a"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
        assert_eq!(m.body.as_deref(), Some("Body text."));
    }

    #[test]
    fn forum_threads_and_question_pages_are_discussions() {
        let thread = meta(r#"{"@type":"DiscussionForumPosting","headline":"Which drill?"}"#);
        assert!(thread.discussion);
        let question = meta(
            r#"{"@type":"WebPage","mainEntity":{"@type":["https://schema.org/QAPage"],"name":"Q"}}"#,
        );
        assert!(question.discussion);
        let news = meta(r#"{"@type":"NewsArticle","comment":[{"@type":"Comment","text":"x"}]}"#);
        assert!(!news.discussion);
        let faq = meta(r#"{"@type":"FAQPage","mainEntity":[{"@type":"Question","name":"Q"}]}"#);
        assert!(!faq.discussion);
    }

    #[test]
    fn product_pages_are_declared_by_a_product_node() {
        let product =
            meta(r#"{"@graph":[{"@type":"WebPage"},{"@type":"Product","name":"Kettle"}]}"#);
        assert!(product.product);
        let review = meta(r#"{"@type":"Review","itemReviewed":{"@type":"Thing","name":"Kettle"}}"#);
        assert!(!review.product);
    }

    #[test]
    fn resolves_graph_references_and_type_arrays() {
        let m = meta(
            r#"{"@graph":[{"@type":"WebSite","@id":"_:site","name":"Site Name"},
            {"@type":["Article","BlogPosting"],"headline":"Graph title","author":{"@id":"_:p1"},
             "dateCreated":"2020-01-02","dateModified":"2021-05-06"},
            {"@type":"Person","@id":"_:p1","name":"John Roe"}]}"#,
        );
        assert_eq!(m.title.as_deref(), Some("Graph title"));
        assert_eq!(m.people, ["John Roe"]);
        assert_eq!(m.published.as_deref(), Some("2020-01-02"));
        assert_eq!(m.modified.as_deref(), Some("2021-05-06"));
        assert_eq!(m.site.as_deref(), Some("Site Name"));
    }

    #[test]
    fn finds_main_entity_and_sorts_author_kinds() {
        let m = meta(
            r#"[{"@type":"WebPage","name":"Page name","mainEntity":{"@type":"BlogPosting",
            "name":"Post name","author":[{"@type":"Organization","name":"Acme"},"Ann Poe",
            {"@type":"Person","url":"https://example.com/author/bob-low"}]}}]"#,
        );
        assert_eq!(m.title.as_deref(), Some("Post name"));
        assert_eq!(m.page_title.as_deref(), Some("Page name"));
        assert_eq!(m.people, ["Ann Poe"]);
        assert_eq!(m.organisations, ["Acme"]);
    }

    #[test]
    fn repairs_broken_json() {
        let m = meta(
            "<!--\n{\"@type\":\"Article\",\"headline\":\"Line\none\",\"author\":[\"Jane Doe\",],}\n-->",
        );
        assert_eq!(m.title.as_deref(), Some("Line one"));
        assert_eq!(m.people, ["Jane Doe"]);
    }

    #[test]
    fn survives_garbage() {
        for junk in [
            "",
            "{",
            "[[[[",
            "null",
            "{\"@type\":7}",
            "\"x\"",
            "{\"@graph\":{}}",
        ] {
            assert_eq!(meta(junk), LdMeta::default(), "{junk}");
        }
    }
}
