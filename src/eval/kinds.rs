//! The input kinds of the text front end: the same page turned into text the ways that
//! text reaches deboil in practice, each scored raw and after cleaning.
//!
//! The naive visible text is the text front end's usual input (the `naive` and `text`
//! systems); `--kinds` adds the same text on one line (scrapers and CSV/JSON exports
//! that collapse newlines), hard-wrapped Markdown ([`super::markdown()`]) and an
//! extractor's recall-mode output (trafilatura with comments, run as a subprocess from
//! the virtual environment `scripts/install-eval-tools.sh` makes; skipped, and said so,
//! when it is not there).

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

/// The Python program that prints an extractor's recall-mode output for the pages
/// whose paths it reads (a JSON list on standard input) as a JSON object path -> text.
const EXTRACTOR_SCRIPT: &str = include_str!("../../scripts/extractor_recall.py");

/// An input kind added with `--kinds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputKind {
    /// The naive visible text with its line breaks turned into spaces.
    OneLine,
    /// The page as hard-wrapped Markdown (78 columns).
    Markdown,
    /// An extractor's recall-mode output with comments (trafilatura, when installed).
    Extractor,
}

impl InputKind {
    /// The kind's name, as given on the command line and printed.
    pub fn name(self) -> &'static str {
        match self {
            InputKind::OneLine => "one-line",
            InputKind::Markdown => "markdown",
            InputKind::Extractor => "extractor",
        }
    }

    /// The raw input of this kind for a page, given the page, its naive text and the
    /// extractor's output for it (`None` when the extractor gave nothing).
    pub fn input(self, page: &str, naive: &str, extracted: Option<&str>) -> String {
        match self {
            InputKind::OneLine => one_line(naive),
            InputKind::Markdown => super::markdown::markdown(page),
            InputKind::Extractor => extracted.unwrap_or_default().to_owned(),
        }
    }
}

/// The text with every line break turned into one space.
pub fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The extractor's output per page path, or why there is none.
pub type ExtractorTexts = HashMap<PathBuf, Option<String>>;

/// The Python of the eval tools' virtual environment under `tools`.
pub fn tools_python(tools: &Path) -> PathBuf {
    tools.join("bin").join("python")
}

/// The file under `tools` where the extractor's output is kept between runs.
fn cache_file(tools: &Path) -> PathBuf {
    tools.join("extracted.json")
}

/// The extractor's output for `paths`: what `tools` keeps from earlier runs, the rest
/// made now (and kept); `Err` says why it could not run (not installed, failed,
/// unreadable output).
pub fn run_extractor(tools: &Path, paths: &[PathBuf]) -> Result<ExtractorTexts, String> {
    let cache = cache_file(tools);
    let mut known: ExtractorTexts = std::fs::read(&cache)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default();
    let missing: Vec<PathBuf> = paths
        .iter()
        .filter(|p| !known.contains_key(*p))
        .cloned()
        .collect();
    if !missing.is_empty() {
        known.extend(extract_now(tools, &missing)?);
        let json = serde_json::to_vec(&known).map_err(|e| e.to_string())?;
        std::fs::write(&cache, json).map_err(|e| format!("{}: {e}", cache.display()))?;
    }
    Ok(paths
        .iter()
        .map(|p| (p.clone(), known.get(p).cloned().flatten()))
        .collect())
}

/// Run the extractor on `paths` with the Python of `tools`.
fn extract_now(tools: &Path, paths: &[PathBuf]) -> Result<ExtractorTexts, String> {
    let python = tools_python(tools);
    if !python.is_file() {
        return Err(format!(
            "{} not found (run scripts/install-eval-tools.sh)",
            python.display()
        ));
    }
    let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let input = serde_json::to_vec(&list).map_err(|e| e.to_string())?;
    let mut child = Command::new(&python)
        .arg("-c")
        .arg(EXTRACTOR_SCRIPT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("{}: {e}", python.display()))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&input).map_err(|e| e.to_string())?;
    }
    let output = child.wait_with_output().map_err(|e| e.to_string())?;
    if !output.status.success() {
        return Err(format!("the extractor failed ({})", output.status));
    }
    let texts: HashMap<String, Option<String>> =
        serde_json::from_slice(&output.stdout).map_err(|e| format!("extractor output: {e}"))?;
    Ok(texts
        .into_iter()
        .map(|(path, text)| (PathBuf::from(path), text))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_joins_lines_with_spaces() {
        assert_eq!(
            one_line("Menu\n\nFirst line.\n  Second line.\n"),
            "Menu First line. Second line."
        );
    }

    #[test]
    fn a_missing_extractor_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let error = run_extractor(dir.path(), &[dir.path().join("page.html")]).unwrap_err();
        assert!(error.contains("install-eval-tools.sh"), "{error}");
    }

    #[test]
    fn each_kind_makes_its_input() {
        let page = "<p>One line</p><p>Two <a href='/l'>link</a></p>";
        let naive = "One line\nTwo link";
        assert_eq!(
            InputKind::OneLine.input(page, naive, None),
            "One line Two link"
        );
        assert_eq!(
            InputKind::Markdown.input(page, naive, None),
            "One line\n\nTwo [link](/l)\n"
        );
        assert_eq!(
            InputKind::Extractor.input(page, naive, Some("Two link")),
            "Two link"
        );
        assert_eq!(InputKind::Extractor.input(page, naive, None), "");
    }
}
