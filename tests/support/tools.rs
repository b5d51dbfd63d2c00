//! The outside tools a test needs (WebKitWebDriver, node, makensis, …): found on the machine, or
//! the test is skipped saying what to install, except under CI (the `CI` variable set), where a
//! missing tool fails the test: a CI run that skipped the end-to-end tests is not green.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// `name` on the `PATH` (or `name` itself when it is a path to a file). On Windows a name
/// without an extension is also looked for as `name.exe` (poppler's `pdftoppm.exe`).
pub fn find(name: &str) -> Option<PathBuf> {
    if name.contains('/') || (cfg!(windows) && name.contains('\\')) {
        return Path::new(name).is_file().then(|| PathBuf::from(name));
    }
    let names: Vec<String> = if cfg!(windows) && Path::new(name).extension().is_none() {
        vec![name.to_string(), format!("{name}.exe")]
    } else {
        vec![name.to_string()]
    };
    std::env::split_paths(&std::env::var_os("PATH")?)
        .flat_map(|d| names.iter().map(move |n| d.join(n)))
        .find(|p| p.is_file())
}

/// Whether this run is CI, where nothing may be skipped.
pub fn under_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// A missing tool: `None` and a "BỎ QUA" line on a developer's machine, a failure under CI.
pub fn missing<T>(what: &str, install: &str) -> Option<T> {
    assert!(
        !under_ci(),
        "{what} is missing and CI is set: install it ({install}) instead of skipping"
    );
    eprintln!("BỎ QUA: không có {what} ({install}).");
    None
}

/// The tool `name`, or [`missing`].
pub fn require(name: &str, install: &str) -> Option<PathBuf> {
    find(name).or_else(|| missing(name, install))
}
