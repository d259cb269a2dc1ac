//! `--shard I/N`: one of N disjoint parts of a batch's inputs.
//!
//! The inputs (after `--files-from` and the directory walk) are sorted by their path
//! as given, bytewise; shard I takes those whose position in that order is I modulo
//! N. N machines running the same command over the same inputs with shards 0 to N-1
//! together clean every input exactly once. Within a shard, inputs keep their walk
//! order, so `--shard 0/1` is the whole run.

use std::fmt;
use std::str::FromStr;

use thiserror::Error;

use crate::pipeline::{Input, Source};

/// Shard `index` of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which part, from 0.
    pub index: usize,
    /// How many parts.
    pub count: usize,
}

/// Why a `--shard` value is not `I/N` with 0 <= I < N.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ShardError {
    /// Not two whole numbers separated by `/`.
    #[error("`{0}` is not I/N (two whole numbers, as in 0/8)")]
    Malformed(String),
    /// N is 0.
    #[error("`{0}`: the number of shards must be at least 1")]
    NoShards(String),
    /// I is not below N.
    #[error("`{0}`: the shard number must be below the number of shards (0 to N-1)")]
    OutOfRange(String),
}

impl FromStr for Shard {
    type Err = ShardError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let malformed = || ShardError::Malformed(text.to_string());
        let (index, count) = text.split_once('/').ok_or_else(malformed)?;
        let number = |part: &str| -> Result<usize, ShardError> {
            match part.bytes().all(|b| b.is_ascii_digit()) {
                true => part.parse().map_err(|_| malformed()),
                false => Err(malformed()),
            }
        };
        let (index, count) = (number(index)?, number(count)?);
        if count == 0 {
            return Err(ShardError::NoShards(text.to_string()));
        }
        if index >= count {
            return Err(ShardError::OutOfRange(text.to_string()));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

impl Shard {
    /// The indices into `sources` this shard takes, in `sources` order.
    pub fn positions(self, sources: &[Source]) -> Vec<usize> {
        let mut sorted: Vec<usize> = (0..sources.len()).collect();
        sorted.sort_by(|&a, &b| sort_key(&sources[a]).cmp(sort_key(&sources[b])));
        let mut taken: Vec<usize> = sorted
            .into_iter()
            .enumerate()
            .filter(|(position, _)| position % self.count == self.index)
            .map(|(_, index)| index)
            .collect();
        taken.sort_unstable();
        taken
    }

    /// Keep only this shard's sources, in order; returns them with the index each had
    /// in `sources`.
    pub fn take(self, sources: Vec<Source>) -> (Vec<Source>, Vec<usize>) {
        let positions = self.positions(&sources);
        let mut wanted = positions.iter().copied().peekable();
        let kept = sources
            .into_iter()
            .enumerate()
            .filter_map(|(index, source)| wanted.next_if_eq(&index).map(|_| source))
            .collect();
        (kept, positions)
    }
}

/// The bytes a source sorts by: its path as given or found (`-` for standard input).
fn sort_key(source: &Source) -> &[u8] {
    match &source.input {
        Input::File(path) => path_bytes(path),
        _ => source.source.as_bytes(),
    }
}

/// A path's bytes (on Unix the raw bytes; elsewhere its UTF-8 text).
#[cfg(unix)]
fn path_bytes(path: &std::path::Path) -> &[u8] {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes()
}

/// A path's bytes (on Unix the raw bytes; elsewhere its UTF-8 text).
#[cfg(not(unix))]
fn path_bytes(path: &std::path::Path) -> &[u8] {
    path.to_str().unwrap_or_default().as_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn shard(text: &str) -> Result<Shard, ShardError> {
        text.parse()
    }

    fn sources(paths: &[&str]) -> Vec<Source> {
        paths.iter().map(|p| Source::file(Path::new(p))).collect()
    }

    #[test]
    fn shards_parse_as_i_over_n() {
        assert_eq!(shard("0/1"), Ok(Shard { index: 0, count: 1 }));
        assert_eq!(shard("3/8"), Ok(Shard { index: 3, count: 8 }));
        assert_eq!(shard("3/8").unwrap().to_string(), "3/8");
        for bad in [
            "", "3", "3/", "/8", "a/8", "3/8/1", "-1/8", "+1/8", " 1/8", "1.0/8",
        ] {
            assert!(matches!(shard(bad), Err(ShardError::Malformed(_))), "{bad}");
        }
        assert!(matches!(shard("0/0"), Err(ShardError::NoShards(_))));
        assert!(matches!(shard("8/8"), Err(ShardError::OutOfRange(_))));
        assert!(matches!(shard("9/8"), Err(ShardError::OutOfRange(_))));
        let huge = "99999999999999999999999/1";
        assert!(matches!(shard(huge), Err(ShardError::Malformed(_))));
    }

    #[test]
    fn positions_count_in_bytewise_path_order_and_keep_walk_order() {
        // Sorted: A.html(3) a.html(1) b.html(0) c.html(2) → positions 0,1,2,3.
        let all = sources(&["b.html", "a.html", "c.html", "A.html"]);
        let half = |i| Shard { index: i, count: 2 }.positions(&all);
        assert_eq!(half(0), [0, 3]); // A.html and b.html, in walk order
        assert_eq!(half(1), [1, 2]);
    }

    #[test]
    fn shards_are_disjoint_and_cover_everything() {
        let names: Vec<String> = (0..23).map(|i| format!("d/{:x}.html", i * 7919)).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let all = sources(&refs);
        for count in 1..6 {
            let mut seen: Vec<usize> = (0..count)
                .flat_map(|index| Shard { index, count }.positions(&all))
                .collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..all.len()).collect::<Vec<_>>(), "{count}");
        }
        let whole = Shard { index: 0, count: 1 }.positions(&all);
        assert_eq!(whole, (0..all.len()).collect::<Vec<_>>());
    }

    #[test]
    fn take_keeps_the_shard_sources_with_their_old_indices() {
        let all = sources(&["b", "a", "c"]);
        let (kept, indices) = Shard { index: 1, count: 2 }.take(all);
        assert_eq!(indices, [0]);
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].source, "b");
        let (empty, none) = Shard { index: 4, count: 5 }.take(sources(&["x"]));
        assert!(empty.is_empty() && none.is_empty());
    }
}
