//! The directory-walk flags `clean`, `check` and `report` share (`--include`,
//! `--exclude`, `--hidden`, `--follow-links`), declared once and flattened into each
//! command's arguments.

use globset::Glob;

use super::walk::WalkOptions;

/// How a command walks its directory arguments.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct WalkArgs {
    /// In directories, take the files whose path relative to the directory argument
    /// matches GLOB, whatever their extension, instead of the picked extensions
    /// (repeatable; `*` also matches `/`, `**` any number of folders: --include
    /// '*.php', --include 'news/**', --include '*' for every file). The content decides
    /// between HTML and text.
    #[arg(long, value_name = "GLOB", value_parser = parse_glob)]
    pub include: Vec<Glob>,

    /// In directories, leave out files and folders whose path relative to the directory
    /// argument matches GLOB (repeatable; a matching folder is not entered:
    /// --exclude drafts for the top-level one, --exclude '**/drafts' at any depth,
    /// --exclude '*.htm').
    #[arg(long, value_name = "GLOB", value_parser = parse_glob)]
    pub exclude: Vec<Glob>,

    /// Also walk hidden files and directories (names starting with a dot).
    #[arg(long)]
    pub hidden: bool,

    /// Follow symbolic links to directories while walking (by default they are not
    /// entered; links to files are always read). A link leading back to one of its
    /// own parent directories gives an error record, never an endless walk.
    #[arg(long)]
    pub follow_links: bool,
}

impl WalkArgs {
    /// The walk these flags ask for; fails only when the globs cannot be combined.
    pub fn walk_options(&self) -> Result<WalkOptions, globset::Error> {
        WalkOptions {
            hidden: self.hidden,
            follow_links: self.follow_links,
            ..WalkOptions::default()
        }
        .with_include(&self.include)?
        .with_exclude(&self.exclude)
    }
}

/// Parse a glob pattern for `--include` and `--exclude`.
pub fn parse_glob(text: &str) -> Result<Glob, String> {
    Glob::new(text).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_become_walk_options() {
        let args = WalkArgs {
            include: vec![parse_glob("*.html").unwrap()],
            exclude: Vec::new(),
            hidden: true,
            follow_links: false,
        };
        let options = args.walk_options().unwrap();
        assert!(options.hidden && !options.follow_links);
        assert!(options.include.is_some() && options.exclude.is_none());
        assert!(parse_glob("[").is_err());
    }
}
