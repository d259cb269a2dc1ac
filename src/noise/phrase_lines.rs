//! Stand-alone noise lines known by their phrases: cookie notices, newsletter and share
//! prompts, comment counters, related links, advertising labels, credits, section
//! footers, reading time, form and login lines. The phrases are data ([`super::phrases`]).

use super::phrases::classify;
use crate::block::Block;

/// Remove every body block that a phrase family recognises.
pub fn remove(blocks: &mut [Block]) {
    for block in blocks.iter_mut().filter(|b| b.is_body()) {
        if let Some(reason) = classify(&block.text) {
            block.remove(reason);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block::Role;
    use crate::reason::Reason;
    use crate::text::segment;

    #[test]
    fn removes_known_lines_and_keeps_prose() {
        let mut blocks = segment(
            "3 min read\nThe river rose by two metres overnight, flooding the lower town.\nShare on Facebook\nLatest Business News\n",
        );
        remove(&mut blocks);
        let roles: Vec<_> = blocks.iter().map(|b| b.role).collect();
        assert_eq!(
            roles,
            [
                Role::Removed(Reason::ReadingTime),
                Role::Body,
                Role::Removed(Reason::Share),
                Role::Removed(Reason::SectionFooter)
            ]
        );
    }
}
