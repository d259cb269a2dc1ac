//! The recipes of `examples/`, run for real on a few small inputs in a temporary
//! directory: `gnu-parallel.sh` with GNU parallel (skipped, saying so, when it is not
//! installed, except under CI where it fails), and `slurm-array.sh` with bash and the
//! `SLURM_ARRAY_*` variables of each array task set by hand (no Slurm here). Each must
//! clean every listed input exactly once, into the records a plain run gives.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use flate2::read::MultiGzDecoder;
use serde_json::Value;

/// The listed inputs, relative to the workspace; one path holds a space.
const INPUTS: [&str; 7] = [
    "in/a/one.html",
    "in/a/two.html",
    "in/b/three.html",
    "in/b/four.htm",
    "in/with space/five.html",
    "in/six.html",
    "in/seven.html",
];

/// A page with its own title and words.
fn page(n: usize) -> String {
    format!(
        "<html><head><title>Report {n} on the harbour</title></head><body><article>\
         <h1>Report {n} on the harbour</h1>\
         <p>Ferry crossings rose for the {n} months counted, the harbour office said on Monday.</p>\
         <p>Dock workers expect the busy season to last until the autumn storms arrive.</p>\
         </article></body></html>"
    )
}

/// A temporary directory holding the inputs and `list` (with a comment and a blank
/// line, as a hand-kept list has).
fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (n, path) in INPUTS.iter().enumerate() {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, page(n)).unwrap();
    }
    let list = format!("# the crawl\n\n{}\n", INPUTS.join("\n"));
    fs::write(dir.path().join("list"), list).unwrap();
    dir
}

/// The path of an example script.
fn script(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

/// `bash SCRIPT ARGS` in `dir` with `DEBOIL` set to the deboil under test and `env`.
fn run_script(dir: &Path, name: &str, args: &[&str], env: &[(&str, String)]) -> Output {
    Command::new("bash")
        .arg(script(name))
        .args(args)
        .current_dir(dir)
        .env("DEBOIL", env!("CARGO_BIN_EXE_deboil"))
        .envs(env.iter().map(|(k, v)| (k, v)))
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// The records of one plain run over the list: `(id, record)`, sorted.
fn whole_run(dir: &Path) -> Vec<(String, String)> {
    let output = Command::new(env!("CARGO_BIN_EXE_deboil"))
        .current_dir(dir)
        .args(["clean", "-q", "--files-from", "list"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let records = keyed(&output.stdout);
    assert_eq!(records.len(), INPUTS.len());
    records
}

/// The records of a JSON Lines text, as `(id, record)`, sorted.
fn keyed(jsonl: &[u8]) -> Vec<(String, String)> {
    let mut records: Vec<(String, String)> = String::from_utf8(jsonl.to_vec())
        .unwrap()
        .lines()
        .map(|line| {
            let record: Value = serde_json::from_str(line).unwrap();
            (
                record["id"].as_str().unwrap().to_string(),
                record.to_string(),
            )
        })
        .collect();
    records.sort();
    records
}

/// The records of every `*.jsonl.gz` in `dir`, together, and how many files held them.
fn gathered(dir: &Path) -> (Vec<(String, String)>, usize) {
    let mut all = Vec::new();
    let mut files = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().ends_with(".jsonl.gz") {
            continue;
        }
        let mut text = Vec::new();
        let bytes = fs::read(&path).unwrap();
        MultiGzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .unwrap();
        all.extend(keyed(&text));
        files += 1;
    }
    all.sort();
    (all, files)
}

/// The environment of Slurm array task `task` of an array from `first` to
/// `first + count - 1`.
fn array_task(task: usize, first: usize, count: usize) -> Vec<(&'static str, String)> {
    vec![
        ("SLURM_ARRAY_TASK_ID", task.to_string()),
        ("SLURM_ARRAY_TASK_MIN", first.to_string()),
        ("SLURM_ARRAY_TASK_MAX", (first + count - 1).to_string()),
        ("SLURM_ARRAY_TASK_COUNT", count.to_string()),
        ("SLURM_CPUS_PER_TASK", "2".to_string()),
    ]
}

#[test]
fn slurm_array_tasks_together_clean_every_input_once() {
    let dir = workspace();
    let expected = whole_run(dir.path());
    for (first, count) in [(0, 3), (1, 4), (0, 10)] {
        let out = format!("out-{first}-{count}");
        let mut inputs = 0;
        for task in first..first + count {
            let env = array_task(task, first, count);
            let output = run_script(dir.path(), "slurm-array.sh", &["list", &out], &env);
            assert!(output.status.success(), "task {task}: {output:?}");
            let stats = dir
                .path()
                .join(&out)
                .join(format!("shard-{}.stats.json", task - first));
            let stats: Value = serde_json::from_slice(&fs::read(stats).unwrap()).unwrap();
            inputs += stats["inputs"].as_u64().unwrap();
        }
        let (records, files) = gathered(&dir.path().join(&out));
        assert_eq!(files, count, "one output per array task");
        assert_eq!(records, expected, "array {first}-{}", first + count - 1);
        assert_eq!(inputs, INPUTS.len() as u64);
    }
}

#[test]
fn a_slurm_task_whose_shard_is_done_does_nothing_and_outside_slurm_it_refuses() {
    let dir = workspace();
    let env = array_task(1, 0, 2);
    let first = run_script(dir.path(), "slurm-array.sh", &["list", "out"], &env);
    assert!(first.status.success(), "{first:?}");
    let done = dir.path().join("out/shard-1.jsonl.gz");
    fs::write(&done, b"kept").unwrap();
    let again = run_script(dir.path(), "slurm-array.sh", &["list", "out"], &env);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(fs::read(&done).unwrap(), b"kept");
    let outside = run_script(dir.path(), "slurm-array.sh", &["list", "out2"], &[]);
    assert!(!outside.status.success());
    assert!(!dir.path().join("out2").exists());
}

/// Whether GNU parallel is installed (moreutils' `parallel` is another program).
fn gnu_parallel_found() -> bool {
    Command::new("parallel")
        .arg("--version")
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).contains("GNU parallel"))
}

/// Whether this is a CI run (`CI` set to anything but empty, `false` or `0`).
fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false" && value != "0")
}

/// False, telling the test output why, when GNU parallel is missing outside CI; a
/// failure under CI.
fn parallel_available() -> bool {
    if gnu_parallel_found() {
        return true;
    }
    assert!(
        !is_ci(),
        "GNU parallel is missing (apt-get install parallel; .ci/run installs it)"
    );
    // Written to the process's standard error, past the test harness's capture, so
    // `cargo test` shows the skip.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED gnu-parallel recipe test: GNU parallel not found (apt-get install parallel)"
    );
    false
}

#[test]
fn the_gnu_parallel_recipe_cleans_every_input_once() {
    if !parallel_available() {
        return;
    }
    let dir = workspace();
    let expected = whole_run(dir.path());
    let output = run_script(
        dir.path(),
        "gnu-parallel.sh",
        &["list", "out dir", "3"],
        &[],
    );
    assert!(output.status.success(), "{output:?}");
    let (records, files) = gathered(&dir.path().join("out dir"));
    assert_eq!(files, INPUTS.len(), "one output per input");
    assert_eq!(records, expected);
    assert!(dir.path().join("out dir/five.jsonl.gz").is_file());
    // Run again: the joblog says every input is done, nothing is redone.
    let marker = dir.path().join("out dir/one.jsonl.gz");
    fs::write(&marker, b"kept").unwrap();
    let again = run_script(
        dir.path(),
        "gnu-parallel.sh",
        &["list", "out dir", "3"],
        &[],
    );
    assert!(again.status.success(), "{again:?}");
    assert_eq!(fs::read(&marker).unwrap(), b"kept");
}

#[test]
fn the_gnu_parallel_recipe_refuses_inputs_sharing_an_output_name() {
    if !parallel_available() {
        return;
    }
    let dir = workspace();
    fs::write(dir.path().join("clash"), "in/a/one.html\nin/b/one.htm\n").unwrap();
    fs::write(dir.path().join("in/b/one.htm"), page(99)).unwrap();
    let output = run_script(dir.path(), "gnu-parallel.sh", &["clash", "out"], &[]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(String::from_utf8_lossy(&output.stderr).contains("one.jsonl.gz"));
    assert!(!dir.path().join("out").exists());
}
