//! Stand-alone date lines: removed from the body; the first one with a known date
//! fills `published`.

use crate::block::Block;
use crate::meta::date::parse_date_line;
use crate::reason::Reason;

/// Remove date lines; returns the first ISO date found.
pub fn remove(blocks: &mut [Block]) -> Option<String> {
    let mut published = None;
    for block in blocks.iter_mut().filter(|b| b.is_body()) {
        if let Some(line) = parse_date_line(&block.text) {
            block.remove(Reason::DateLine);
            published = published.or(line.iso);
        }
    }
    published
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Role;
    use crate::text::segment;

    #[test]
    fn date_line_fills_published() {
        let mut blocks =
            segment("Headline here\n24 March, 2016\nThe story starts on 25 March 2016.");
        assert_eq!(remove(&mut blocks).as_deref(), Some("2016-03-24"));
        assert_eq!(blocks[1].role, Role::Removed(Reason::DateLine));
        assert_eq!(blocks[2].role, Role::Body);
    }
}
