//! What every fuzz target checks on a record: besides not panicking, the record is
//! self-consistent (its `text` is its blocks joined) and serialises to JSON.

use deboil::{Article, CleanError, InputMode, Options};

/// Options for a fuzz run: the given front end, the audit trail kept.
pub fn options(input: InputMode) -> Options {
    Options::default().with_input(input)
}

/// Check the invariants of a cleaning result. Errors are values and fine.
pub fn check(result: Result<Article, CleanError>) {
    let Ok(article) = result else { return };
    let texts: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    let joined = texts.join("\n\n");
    assert_eq!(article.text, joined, "text is not the blocks joined");
    assert!(
        serde_json::to_string(&article).is_ok(),
        "record does not serialise"
    );
}
