//! Writing the user's files whole or not at all.
//!
//! Every file the app or the CLI writes for the user (a PDF, an exported draft, an SVG page, a
//! backup) goes to a temporary file in the target's folder, is flushed to disk, and only then
//! takes the target's name by a rename. A failure half way (a full USB stick, a power cut, a
//! reader holding the old file open) leaves the old file as it was, never a truncated one.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The temporary name beside `path`: hidden, and named after the process so that two writers
/// never share one.
pub fn temp_path(path: &Path) -> PathBuf {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    path.with_file_name(format!(".{name}.{}.tam", std::process::id()))
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk, then
/// renamed over `path`. On failure the temporary file is removed and `path` is untouched.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_path(path);
    let written = (|| -> std::io::Result<()> {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::from_io("ghi", path, &e));
    }
    rename_into_place(&tmp, path)
}

/// How many times, and how far apart, a rename over a file held by another program is tried
/// again: an antivirus or a backup tool lets go within a second; a PDF reader does not, and
/// then the user is told to close it.
const IN_USE_RETRIES: u32 = 10;
const IN_USE_PAUSE: std::time::Duration = std::time::Duration::from_millis(100);

/// Renames a complete temporary file `tmp` over `path`; removes `tmp` when that fails, so
/// `path` keeps its old content.
pub fn rename_into_place(tmp: &Path, path: &Path) -> Result<()> {
    // A target marked read-only (Windows' attribute, Unix's missing write bits) is refused on
    // every system: Windows refuses the rename ("access denied", which otherwise means a reader
    // holds the file), Linux would replace it silently; someone marked it so it stays.
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.permissions().readonly()) {
        let _ = std::fs::remove_file(tmp);
        return Err(Error::read_only_file("ghi", path));
    }
    let mut tries = 0;
    loop {
        match std::fs::rename(tmp, path) {
            Ok(()) => return Ok(()),
            Err(e) => {
                let in_use =
                    crate::error::io_cause(&e, path.exists()) == crate::error::IoCause::InUse;
                if in_use && tries < IN_USE_RETRIES {
                    tries += 1;
                    std::thread::sleep(IN_USE_PAUSE);
                    continue;
                }
                let _ = std::fs::remove_file(tmp);
                return Err(Error::from_io_replacing("ghi", path, &e));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_whole_file_and_leaves_no_temporary_file() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("Báo cáo.pdf");
        std::fs::write(&path, b"old old old old").unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn a_write_replaces_a_link_instead_of_writing_through_it() {
        // A file written in place would change whatever the old name pointed to; a renamed
        // temporary file replaces the name only.
        let tmp = tempfile::tempdir().unwrap();
        let elsewhere = tmp.path().join("tệp khác.pdf");
        std::fs::write(&elsewhere, b"keep me").unwrap();
        let path = tmp.path().join("Báo cáo.pdf");
        std::os::unix::fs::symlink(&elsewhere, &path).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read(&elsewhere).unwrap(), b"keep me");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn a_read_only_target_is_kept_and_the_message_says_so() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("Báo cáo đã ký.pdf");
        std::fs::write(&path, b"signed").unwrap();
        let mut p = std::fs::metadata(&path).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&path, p).unwrap();
        let e = write_atomically(&path, b"new").unwrap_err();
        assert!(e.message.contains("chỉ đọc"), "{}", e.message);
        assert_eq!(std::fs::read(&path).unwrap(), b"signed");
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_keeps_the_old_file() {
        let tmp = tempfile::tempdir().unwrap();
        // The target is a folder: the rename over it fails after the bytes were written.
        let path = tmp.path().join("thư mục");
        std::fs::create_dir(&path).unwrap();
        std::fs::write(path.join("x"), b"x").unwrap();
        let e = write_atomically(&path, b"new").unwrap_err();
        assert_eq!(e.kind, crate::ErrorKind::Io);
        assert!(path.is_dir());
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
