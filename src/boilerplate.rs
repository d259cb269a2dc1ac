//! Site boilerplate learned from a batch: lines a site prints on many of its pages (a
//! newsletter pitch, a legal notice, a "more from" block) in words no phrase list knows.
//!
//! A first pass [`SiteCounts::observe`]s every cleaned record: per site, in how many
//! documents each normalised body block occurs (once per document). [`SiteCounts::learn`]
//! keeps the blocks that recur in at least [`Thresholds::min_docs`] documents and in at
//! least [`Thresholds::min_share`] of the site's documents; the second pass
//! [`Learned::apply`]s them, moving those blocks from the body to `removed` with the
//! reason `site_boilerplate`. Only whole blocks that are identical after normalisation
//! count, so paragraphs that merely quote one another survive.

use std::collections::{HashMap, HashSet};

use crate::reason::Reason;
use crate::record::{Article, Removal};

/// When a block counts as a site's boilerplate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Fewest documents of the site the block must occur in.
    pub min_docs: usize,
    /// Smallest share (0.0 to 1.0) of the site's documents the block must occur in.
    pub min_share: f32,
}

impl Default for Thresholds {
    /// At least 3 documents and at least half of the site's documents: a line on half a
    /// site's pages is a template line, while an article quoted by two others is not.
    fn default() -> Self {
        Thresholds {
            min_docs: 3,
            min_share: 0.5,
        }
    }
}

/// The key of a document's site: the host of its `url` (where it was fetched from),
/// else of its `canonical` URL, else the directory it was read from.
pub fn site_key(article: &Article) -> String {
    [&article.url, &article.canonical]
        .into_iter()
        .find_map(|u| u.as_deref().and_then(crate::address::host))
        .unwrap_or_else(|| parent_dir(&article.source))
}

/// The directory part of a path as given (`.` for a bare file name).
fn parent_dir(source: &str) -> String {
    match std::path::Path::new(source).parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_string_lossy().into_owned(),
        _ => ".".to_owned(),
    }
}

/// The comparison key of a block: lower-cased, white space folded, hashed.
fn block_key(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for word in text.split_whitespace() {
        word.to_lowercase().hash(&mut hasher);
    }
    hasher.finish()
}

/// Per-site document counts of body blocks (the first pass).
#[derive(Debug, Default)]
pub struct SiteCounts {
    docs: HashMap<String, usize>,
    blocks: HashMap<String, HashMap<u64, usize>>,
}

impl SiteCounts {
    /// Count one cleaned record's body blocks, once each, under its site.
    pub fn observe(&mut self, article: &Article) {
        let site = site_key(article);
        *self.docs.entry(site.clone()).or_default() += 1;
        let keys: HashSet<u64> = article.blocks.iter().map(|b| block_key(&b.text)).collect();
        let counts = self.blocks.entry(site).or_default();
        for key in keys {
            *counts.entry(key).or_default() += 1;
        }
    }

    /// The blocks that are boilerplate under `thresholds`, per site.
    pub fn learn(&self, thresholds: Thresholds) -> Learned {
        let sites = self
            .blocks
            .iter()
            .map(|(site, counts)| {
                let docs = self.docs.get(site).copied().unwrap_or(0);
                let keys = counts
                    .iter()
                    .filter(|(_, &n)| recurs(n, docs, thresholds))
                    .map(|(&key, _)| key)
                    .collect();
                (site.clone(), keys)
            })
            .collect();
        Learned { sites }
    }
}

/// Whether a block in `n` of a site's `docs` documents recurs enough.
fn recurs(n: usize, docs: usize, thresholds: Thresholds) -> bool {
    n >= thresholds.min_docs && n as f32 >= thresholds.min_share * docs as f32
}

/// The learned boilerplate of every site (the second pass applies it).
#[derive(Debug, Default)]
pub struct Learned {
    sites: HashMap<String, HashSet<u64>>,
}

impl Learned {
    /// How many distinct boilerplate blocks were learned, over all sites.
    pub fn len(&self) -> usize {
        self.sites.values().map(HashSet::len).sum()
    }

    /// Whether nothing was learned.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Move the site's boilerplate blocks of a record from its body to `removed`
    /// (reason `site_boilerplate`, in input order, when `explain`), and rebuild its text
    /// and stats.
    pub fn apply(&self, article: &mut Article, explain: bool) {
        let Some(keys) = self.sites.get(&site_key(article)) else {
            return;
        };
        let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut article.blocks)
            .into_iter()
            .partition(|b| keys.contains(&block_key(&b.text)));
        if gone.is_empty() {
            article.blocks = kept;
            return;
        }
        let moved: usize = gone.iter().map(|b| b.text.chars().count()).sum();
        if explain {
            article.removed.extend(gone.into_iter().map(|b| Removal {
                reason: Reason::SiteBoilerplate,
                text: b.text,
                line: b.line,
            }));
            article.removed.sort_by_key(|r| r.line);
        }
        article.blocks = kept;
        article.text = crate::assemble::body_text(&article.blocks);
        article.stats.kept_chars = article.stats.kept_chars.saturating_sub(moved);
        article.stats.removed_chars += moved;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::BlockKind;
    use crate::record::{BodyBlock, InputKind, Stats};

    fn article(url: &str, paragraphs: &[&str]) -> Article {
        let blocks: Vec<BodyBlock> = paragraphs
            .iter()
            .enumerate()
            .map(|(i, t)| BodyBlock::new(BlockKind::Paragraph, (*t).to_owned(), 2 * i + 1))
            .collect();
        Article {
            id: String::new(),
            source: "dir/page.html".to_owned(),
            input: InputKind::Html,
            title: None,
            standfirst: None,
            description: None,
            published: None,
            byline: None,
            authors: vec![],
            site: None,
            url: None,
            canonical: Some(url.to_owned()),
            lang: None,
            text: crate::assemble::body_text(&blocks),
            blocks,
            removed: vec![Removal {
                reason: Reason::Navigation,
                text: "Home".to_owned(),
                line: 2,
            }],
            warnings: vec![],
            stats: Stats {
                input_bytes: 0,
                kept_chars: 100,
                removed_chars: 4,
            },
            warc: None,
        }
    }

    const PITCH: &str = "Our paper is owned by its readers and answers to nobody else.";

    #[test]
    fn recurring_blocks_move_to_removed_in_order() {
        let mut counts = SiteCounts::default();
        for i in 0..4 {
            let story = format!("Story number {i} is different from the others.");
            counts.observe(&article("https://news.example/a", &[&story, PITCH]));
        }
        counts.observe(&article("https://other.example/b", &[PITCH]));
        let learned = counts.learn(Thresholds::default());
        assert_eq!(learned.len(), 1, "only the pitch, only on its own site");
        let mut page = article("https://news.example/z", &["Fresh story text.", PITCH]);
        learned.apply(&mut page, true);
        assert_eq!(page.blocks.len(), 1);
        assert_eq!(page.text, "Fresh story text.");
        let reasons: Vec<_> = page.removed.iter().map(|r| (r.reason, r.line)).collect();
        assert_eq!(
            reasons,
            [(Reason::Navigation, 2), (Reason::SiteBoilerplate, 3)]
        );
        let mut elsewhere = article("https://other.example/c", &[PITCH]);
        learned.apply(&mut elsewhere, true);
        assert_eq!(elsewhere.blocks.len(), 1, "other site learned nothing");
    }

    #[test]
    fn blocks_on_few_pages_survive() {
        let mut counts = SiteCounts::default();
        for i in 0..10 {
            let mut paragraphs = vec![format!("Story {i} has words of its own here.")];
            if i < 2 {
                paragraphs.push("A background paragraph shared by two stories.".to_owned());
            }
            let refs: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            counts.observe(&article("https://news.example/a", &refs));
        }
        assert!(counts.learn(Thresholds::default()).is_empty());
    }

    #[test]
    fn site_is_the_host_else_the_directory() {
        let mut page = article("https://www.news.example:8080/a?b", &[]);
        assert_eq!(site_key(&page), "www.news.example");
        page.url = Some("https://mirror.example/copy".to_owned());
        assert_eq!(site_key(&page), "mirror.example", "url before canonical");
        page.url = None;
        page.canonical = None;
        assert_eq!(site_key(&page), "dir");
    }
}
