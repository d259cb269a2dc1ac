//! `deboil clean --explain` with the text and Markdown formats: removed pieces shown in
//! place, coloured only when asked for (or on a terminal).

use std::process::{Command, Output};

/// An article with furniture above, inside and below its body.
const ARTICLE: &str = "\
Storm damage repaired along the harbour wall
2 min read
The harbour wall was rebuilt in stone after the winter storms had broken it in two places, and the quay was closed to boats for a week.
Share this article
Engineers checked every metre of it before the boats came back, and the harbour master said the new stone would outlast the old one.
";

/// Run `deboil clean` on the article (written to a temporary file) with `args`; the
/// output is piped, so it is never a terminal.
fn clean(args: &[&str]) -> String {
    let dir = tempfile::tempdir().expect("a temporary directory");
    std::fs::write(dir.path().join("harbour.txt"), ARTICLE).expect("the input is written");
    let output: Output = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .current_dir(dir.path())
        .arg("clean")
        .args(args)
        .arg("harbour.txt")
        .env_remove("NO_COLOR")
        .output()
        .expect("deboil runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

#[test]
fn piped_explain_shows_reasons_in_input_order_without_colour() {
    for format in ["text", "markdown"] {
        let out = clean(&["--format", format, "--explain"]);
        assert!(!out.contains('\x1b'), "{format}: {out:?}");
        let reading = out.find("[- reading_time] 2 min read");
        let first = out.find("The harbour wall was rebuilt");
        let share = out.find("[- share] Share this article");
        let second = out.find("Engineers checked every metre");
        assert!(reading.is_some() && share.is_some(), "{format}: {out}");
        assert!(first < share && share < second, "{format}: {out}");
    }
}

#[test]
fn without_explain_the_text_formats_stay_clean() {
    for args in [
        &["--format", "text"][..],
        &["--format", "markdown", "--color", "always"],
        &["--format", "text", "--explain", "--no-explain"],
    ] {
        let out = clean(args);
        assert!(!out.contains("[- "), "{args:?}: {out}");
        assert!(!out.contains("2 min read"), "{args:?}: {out}");
        assert!(
            out.contains("Engineers checked every metre"),
            "{args:?}: {out}"
        );
    }
}

#[test]
fn colour_always_dims_removed_pieces_and_never_does_not() {
    let out = clean(&["--format", "text", "--explain", "--color", "always"]);
    assert!(
        out.contains("\x1b[2m\x1b[31m[- share]\x1b[39m Share this article\x1b[0m"),
        "{out:?}"
    );
    assert!(!out.contains("\x1b[2mEngineers"), "{out:?}");
    let never = clean(&["--format", "markdown", "--explain", "--color", "never"]);
    assert!(
        !never.contains('\x1b') && never.contains("[- share]"),
        "{never:?}"
    );
}

#[test]
fn json_records_are_the_same_with_or_without_a_colour_choice() {
    let plain = clean(&["--explain"]);
    let coloured = clean(&["--explain", "--color", "always"]);
    assert_eq!(plain, coloured);
    assert!(!plain.contains('\x1b'));
}
