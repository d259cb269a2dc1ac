//! What the browser test (tests/report_browser.rs) needs, found the same way by the
//! build script, which marks the test ignored when something is missing, and by the
//! test itself, which drives what was found.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// Where the browser test's three programs are, or would be.
pub struct Prerequisites {
    /// The Chromium to drive: `$CHROMIUM`, else `/usr/bin/chromium`; it may not exist.
    pub chromium: PathBuf,
    /// `node` as found on `PATH`, if it is there.
    pub node: Option<PathBuf>,
    /// playwright-core's `package.json` under tests/browser; it may not exist.
    pub playwright: PathBuf,
}

impl Prerequisites {
    /// Look for the programs; `manifest_dir` is the repository's root.
    pub fn find(manifest_dir: &Path) -> Self {
        let chromium = std::env::var_os("CHROMIUM")
            .filter(|value| !value.is_empty())
            .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
        let node = std::env::var_os("PATH").and_then(|path| find_on_path(&path, "node"));
        let playwright =
            manifest_dir.join("tests/browser/node_modules/playwright-core/package.json");
        Prerequisites {
            chromium,
            node,
            playwright,
        }
    }

    /// What is missing, each with how to get it; empty when the test can run.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            (self.node.is_none(), "node on PATH (apt-get install nodejs)"),
            (
                !self.chromium.is_file(),
                "chromium (apt-get install chromium, or CHROMIUM=/path/to/chromium)",
            ),
            (
                !self.playwright.is_file(),
                "playwright-core (npm ci in tests/browser)",
            ),
        ]
        .into_iter()
        .filter_map(|(absent, what)| absent.then_some(what))
        .collect()
    }
}

/// Whether this is a CI run (`CI` set to anything but empty, `false` or `0`), where a
/// missing program fails the browser test instead of skipping it.
pub fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false" && value != "0")
}

/// The first file named `program` (with the platform's executable suffix) in the
/// directories of `path` (a `PATH` value).
fn find_on_path(path: &OsStr, program: &str) -> Option<PathBuf> {
    let name = format!("{program}{}", std::env::consts::EXE_SUFFIX);
    std::env::split_paths(path)
        .map(|dir| dir.join(&name))
        .find(|candidate| candidate.is_file())
}
