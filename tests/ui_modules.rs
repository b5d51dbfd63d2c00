//! The window's pure JavaScript modules (no DOM, no Tauri) run under Node's own test runner:
//! `tests/js/*.test.mjs`. Without `node` the test says so and passes, except under CI (`CI`
//! set), where a missing tool is a failure.

#[path = "support/tools.rs"]
mod tools;

use std::process::Command;
use std::time::{Duration, Instant};

#[test]
fn javascript_modules() {
    let Some(node) = tools::require("node", "apt install nodejs") else {
        return;
    };
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/js");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no tests in {}", dir.display());
    let out_file = std::env::temp_dir().join(format!("baocao-node-{}.txt", std::process::id()));
    let log = std::fs::File::create(&out_file).unwrap();
    let mut child = Command::new(node)
        .arg("--test")
        .args(&files)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("node runs");
    // A queue left retrying keeps node alive: a hang is a failure, not a stuck CI.
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let text = std::fs::read_to_string(&out_file).unwrap_or_default();
    let _ = std::fs::remove_file(&out_file);
    assert!(status.is_some_and(|s| s.success()), "{text}");
}
