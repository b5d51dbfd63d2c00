//! The app's log: one line per thing that went wrong and was handled (an upkeep step that
//! failed, a panic), in `nhat-ky.txt` in the data folder, so that whoever helps the user later
//! can read what happened. Windows release builds have no console; this is where `eprintln!`
//! would have gone.
//!
//! Writing the log never fails the caller: a log that cannot be written is skipped.

use std::io::Write;
use std::path::Path;

/// The log file in the data folder.
pub const LOG_FILE: &str = "nhat-ky.txt";
/// Past this size the log starts again, the previous one kept as `nhat-ky.1.txt`.
const MAX_BYTES: u64 = 512 * 1024;

/// Appends `line` with the local time to the log of data folder `dir`.
pub fn append(dir: &Path, line: &str) {
    let path = dir.join(LOG_FILE);
    if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_BYTES) {
        let _ = std::fs::rename(&path, dir.join("nhat-ky.1.txt"));
    }
    let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    else {
        return;
    };
    let now = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    let one_line = line.replace(['\r', '\n'], " ");
    let _ = writeln!(f, "{now}\t{one_line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_appended_one_per_event_and_the_log_stays_bounded() {
        let tmp = tempfile::tempdir().unwrap();
        append(tmp.path(), "một\nhai");
        append(tmp.path(), "ba");
        let text = std::fs::read_to_string(tmp.path().join(LOG_FILE)).unwrap();
        let lines: Vec<_> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].ends_with("\tmột hai"), "{}", lines[0]);
        let big = "x".repeat(1024);
        for _ in 0..600 {
            append(tmp.path(), &big);
        }
        let size = std::fs::metadata(tmp.path().join(LOG_FILE)).unwrap().len();
        assert!(size <= MAX_BYTES + 2048, "{size}");
        assert!(tmp.path().join("nhat-ky.1.txt").exists());
    }

    #[test]
    fn a_log_that_cannot_be_written_is_skipped() {
        append(Path::new("/nonexistent/folder/for/baocao"), "x");
    }
}
