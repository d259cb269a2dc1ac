//! Writes the literal prefixes of the phrase patterns (src/noise/phrases/*.txt) to
//! `$OUT_DIR/phrase_prefixes.rs`, so that a process does not parse every pattern at
//! start-up (see src/noise/phrases/prefix.rs, whose walk this script runs).
//!
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

#[path = "src/noise/phrases/prefix.rs"]
#[allow(dead_code)]
mod prefix;

use prerequisites::{is_ci, Prerequisites};

/// The cfg set when the browser test cannot run here.
const CFG: &str = "deboil_browser_missing";

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    write_phrase_prefixes(&root);
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

/// Write `$OUT_DIR/phrase_prefixes.rs`: every pattern line of the phrase files with its
/// raw prefixes (`None` when the walk cannot read it), sorted by pattern for a binary
/// search. The table is a cache: a pattern missing from it is walked at run time.
fn write_phrase_prefixes(root: &Path) {
    let dir = root.join("src/noise/phrases");
    println!("cargo::rerun-if-changed=src/noise/phrases");
    println!("cargo::rerun-if-changed=src/noise/phrases/prefix.rs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|path| path.extension().is_some_and(|ext| ext == "txt"));
    files.sort();
    let mut patterns: Vec<String> = Vec::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let text = std::fs::read_to_string(file).unwrap_or_default();
        patterns.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| is_pattern(l))
                .map(String::from),
        );
    }
    patterns.sort();
    patterns.dedup();
    let mut out = String::from("/// Phrase patterns and their raw prefixes, sorted by pattern.\n");
    out.push_str("pub(super) static RAW_PREFIXES: &[(&str, Option<&[&str]>)] = &[\n");
    for pattern in &patterns {
        let prefixes = match prefix::raw_prefixes(pattern) {
            Some(set) => format!("Some(&{set:?})"),
            None => "None".to_owned(),
        };
        out.push_str(&format!("    ({pattern:?}, {prefixes}),\n"));
    }
    out.push_str("];\n");
    let target = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    std::fs::write(target.join("phrase_prefixes.rs"), out).expect("OUT_DIR is writable");
}

/// Whether a trimmed line of a phrase file is a pattern (not blank, a comment, a
/// `[lang]` header or a `!` directive).
fn is_pattern(line: &str) -> bool {
    !(line.is_empty() || line.starts_with('#') || line.starts_with('[') || line.starts_with('!'))
}
