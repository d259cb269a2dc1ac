//! Marks the browser test (tests/report_browser.rs) ignored, with the reason shown by
//! `cargo test`, when node, Chromium or playwright-core is missing, except under CI,
//! where the test runs and fails instead.
//!
//! Cargo re-runs this script (and rebuilds the crate) when a watched path changes, so
//! only paths that exist are watched: a missing path would make every build a rebuild.
//! Installing a missing program changes the directory watched in its place. `PATH`
//! itself is not watched: tools that run cargo with different `PATH`s would rebuild
//! the crate at every switch.

use std::path::{Path, PathBuf};

#[path = "tests/browser/prerequisites.rs"]
mod prerequisites;

use prerequisites::{is_ci, Prerequisites};

/// The cfg set when the browser test cannot run here.
const CFG: &str = "deboil_browser_missing";

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    println!("cargo::rustc-check-cfg=cfg({CFG})");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=tests/browser/prerequisites.rs");
    println!("cargo::rerun-if-env-changed=CI");
    println!("cargo::rerun-if-env-changed=CHROMIUM");
    let found = Prerequisites::find(&root);
    for path in watched(&found, &root) {
        println!("cargo::rerun-if-changed={}", path.display());
    }
    if !is_ci() && !found.missing().is_empty() {
        println!("cargo::rustc-cfg={CFG}");
    }
}

/// The paths whose change can change what is found: each program's file when it is
/// there; else the directory it would appear in (Chromium's), the deepest existing
/// folder on the way to it (playwright-core), or every absolute `PATH` directory (node).
fn watched(found: &Prerequisites, root: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    if found.chromium.is_file() {
        paths.push(found.chromium.clone());
    } else if let Some(dir) = found.chromium.parent().filter(|dir| dir.is_dir()) {
        paths.push(dir.to_path_buf());
    }
    match &found.node {
        Some(node) => paths.push(node.clone()),
        None => paths.extend(path_dirs()),
    }
    paths.extend(deepest_existing(
        &found.playwright,
        &root.join("tests/browser"),
    ));
    paths
}

/// The absolute directories of `PATH` that exist, each once.
fn path_dirs() -> Vec<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let mut dirs: Vec<PathBuf> = std::env::split_paths(&path)
        .filter(|dir| dir.is_absolute() && dir.is_dir())
        .collect();
    dirs.sort();
    dirs.dedup();
    dirs
}

/// `path` when it exists, else its deepest existing ancestor, not above `floor`.
fn deepest_existing(path: &Path, floor: &Path) -> Option<PathBuf> {
    path.ancestors()
        .take_while(|ancestor| ancestor.starts_with(floor))
        .find(|ancestor| ancestor.exists())
        .map(Path::to_path_buf)
}
