//! Helpers shared by the integration tests.

use std::collections::HashMap;

use serde_json::Value;

/// The records the built binary writes for `deboil clean PATH`, by record id.
pub fn records_of(path: &str) -> HashMap<String, Value> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", path])
        .output()
        .expect("deboil runs");
    assert!(output.status.success(), "deboil failed: {output:?}");
    String::from_utf8(output.stdout)
        .expect("utf-8 output")
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).expect("a JSON record per line");
            (record["id"].as_str().expect("id").to_owned(), record)
        })
        .collect()
}
