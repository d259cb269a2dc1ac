//! Every fixture's full record under snapshot (insta): any change to how a fixture is
//! cleaned shows up as a reviewable diff (`cargo insta review`). The records are those
//! the built binary writes for the whole `fixtures/` tree.

use serde_json::Value;

#[test]
fn every_fixture_record_matches_its_snapshot() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_deboil"))
        .args(["clean", "fixtures"])
        .output()
        .expect("deboil runs");
    assert!(output.status.success(), "deboil failed: {output:?}");
    let stdout = String::from_utf8(output.stdout).expect("utf-8 output");
    let records: Vec<Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON record per line"))
        .collect();
    assert!(records.len() >= 20, "only {} fixtures found", records.len());
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path("snapshots");
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        for record in &records {
            let id = record["id"].as_str().expect("id");
            let name = id.trim_end_matches(".txt").replace(['/', '.'], "__");
            insta::assert_json_snapshot!(name, record);
        }
    });
}
