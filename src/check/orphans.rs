//! Orphaned expected records: `*.expected.json` files under a fixtures directory that
//! no checked input owns (the input was deleted or renamed, or is not a file the walk
//! picks), found with the same hidden-entry and glob rules as the inputs.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::expected;
use crate::pipeline::WalkOptions;

/// The expected records under `dir` that are not in `owned`, in file-name order. Only
/// records whose input path (relative to `dir`) the walk options would look at count:
/// with `--include news/**`, a stale record elsewhere is out of scope.
pub fn find(dir: &Path, walk: &WalkOptions, owned: &HashSet<PathBuf>) -> Vec<PathBuf> {
    WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || walk.hidden || !is_hidden(entry.path()))
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .filter(|path| !owned.contains(path) && in_scope(dir, path, walk))
        .collect()
}

/// Whether `path` is an expected record whose input the walk options leave in scope.
fn in_scope(dir: &Path, path: &Path, walk: &WalkOptions) -> bool {
    let Some(input) = expected::input_of(path) else {
        return false;
    };
    let relative = input.strip_prefix(dir).unwrap_or(&input);
    let included = walk
        .include
        .as_ref()
        .is_none_or(|set| set.is_match(relative));
    let excluded = walk.exclude.as_ref().is_some_and(|set| {
        relative
            .ancestors()
            .filter(|part| !part.as_os_str().is_empty())
            .any(|part| set.is_match(part))
    });
    included && !excluded
}

/// Whether a path's last component starts with a dot.
fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|name| name.to_string_lossy().starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use globset::Glob;
    use std::fs;

    #[test]
    fn records_without_an_owner_are_orphans_within_the_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("news")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        for name in [
            "kept.txt.expected.json",
            "news/gone.html.expected.json",
            "gone.txt.expected.json",
            ".hidden/x.txt.expected.json",
            "notes.json",
        ] {
            fs::write(root.join(name), "{}").unwrap();
        }
        let owned: HashSet<PathBuf> = [root.join("kept.txt.expected.json")].into();
        let all = find(root, &WalkOptions::default(), &owned);
        assert_eq!(
            all,
            vec![
                root.join("gone.txt.expected.json"),
                root.join("news/gone.html.expected.json")
            ]
        );
        let news = WalkOptions::default()
            .with_include(&[Glob::new("news/**").unwrap()])
            .unwrap();
        assert_eq!(
            find(root, &news, &owned),
            vec![root.join("news/gone.html.expected.json")]
        );
        let no_news = WalkOptions::default()
            .with_exclude(&[Glob::new("news").unwrap()])
            .unwrap();
        assert_eq!(
            find(root, &no_news, &owned),
            vec![root.join("gone.txt.expected.json")]
        );
    }
}
