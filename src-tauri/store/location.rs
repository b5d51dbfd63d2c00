//! Where the store lives, and the checks and the one-time move that keep it there.
//!
//! The data folder is `%LOCALAPPDATA%\BaoCao` on Windows (`~/.local/share/BaoCao` on Linux),
//! or `BAOCAO_DATA_DIR` when set. Why these choices:
//! - local, not roaming: offices often redirect the roaming `%APPDATA%` to a network share,
//!   where SQLite's WAL and locking do not work;
//! - not named after the bundle identifier `vn.gov.baocao`: the uninstaller's "delete app data"
//!   checkbox removes the folders of that name (see assets/windows/hooks.nsh);
//! - never the temporary folder: Windows' Storage Sense empties it.
//!
//! Earlier builds kept the store in `<roaming app data>\vn.gov.baocao`; [`move_legacy_store`]
//! brings it over once. Network paths are refused ([`check_data_dir`]).

use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "BAOCAO_DATA_DIR";
/// The data folder's name under the per-user local app-data folder.
pub const DATA_FOLDER: &str = "BaoCao";
/// The Tauri identifier, which named the data folder of earlier builds.
pub const APP_IDENTIFIER: &str = "vn.gov.baocao";
/// What the old database is renamed to once its content was moved.
pub const MOVED_SUFFIX: &str = ".da-chuyen";

/// The data folder: `BAOCAO_DATA_DIR` if set and not empty, else `<local app data>/BaoCao`.
pub fn default_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV) {
        if !d.is_empty() {
            return Ok(PathBuf::from(d));
        }
    }
    dirs::data_local_dir()
        .map(|d| d.join(DATA_FOLDER))
        .ok_or_else(|| {
            Error::io(format!(
                "Không tìm thấy thư mục dữ liệu của người dùng trên máy này. Hãy đặt biến môi trường {DATA_DIR_ENV} chỉ tới một thư mục trên ổ đĩa của máy để lưu dữ liệu."
            ))
        })
}

/// Where earlier builds kept the store (the roaming app-data folder named after the bundle
/// identifier), when this machine has such a folder.
pub fn legacy_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join(APP_IDENTIFIER))
}

/// What kind of drive a drive letter names, as Windows' `GetDriveTypeW` tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DriveKind {
    Local,
    Network,
    Unknown,
}

/// The kind of drive letter `letter` on this machine. Windows only asks the system; elsewhere
/// there are no drive letters.
pub fn drive_kind(letter: char) -> DriveKind {
    #[cfg(windows)]
    {
        #[link(name = "kernel32")]
        extern "system" {
            fn GetDriveTypeW(root: *const u16) -> u32;
        }
        const DRIVE_NO_ROOT_DIR: u32 = 1;
        const DRIVE_REMOTE: u32 = 4;
        let root: Vec<u16> = format!("{letter}:\\")
            .encode_utf16()
            .chain(std::iter::once(0))
            .collect();
        // SAFETY: `root` is a NUL-terminated UTF-16 string that outlives the call.
        return match unsafe { GetDriveTypeW(root.as_ptr()) } {
            DRIVE_REMOTE => DriveKind::Network,
            DRIVE_NO_ROOT_DIR => DriveKind::Unknown,
            _ => DriveKind::Local,
        };
    }
    #[allow(unreachable_code)]
    {
        let _ = letter;
        DriveKind::Unknown
    }
}

/// Refuses a data folder on a network path: a UNC path (`\\server\share\…`, `//server/…`,
/// `\\?\UNC\…`) or a drive letter that `drive` says is a mapped network drive. SQLite's WAL and
/// locking break over network file systems, and a draft saved there can be lost.
pub fn check_data_dir_with(path: &Path, drive: impl Fn(char) -> DriveKind) -> Result<()> {
    let s = path.to_string_lossy();
    let unc = {
        let lower = s.to_ascii_lowercase();
        lower.starts_with(r"\\?\unc\")
            || (!lower.starts_with(r"\\?\") && !lower.starts_with(r"\\.\") && is_doubled_slash(&s))
    };
    let letter = drive_letter(&s);
    let network = unc || letter.is_some_and(|l| drive(l) == DriveKind::Network);
    if network {
        return Err(Error::input(format!(
            "Thư mục dữ liệu “{}” nằm trên ổ mạng. Báo cáo chỉ lưu an toàn trên ổ đĩa của chính máy này: hãy chọn một thư mục trên ổ C: hoặc D: (hoặc bỏ biến môi trường {DATA_DIR_ENV}).",
            path.display()
        )));
    }
    Ok(())
}

/// [`check_data_dir_with`] asking this machine about its drives.
pub fn check_data_dir(path: &Path) -> Result<()> {
    check_data_dir_with(path, drive_kind)
}

fn is_doubled_slash(s: &str) -> bool {
    let mut c = s.chars();
    matches!((c.next(), c.next()), (Some(a), Some(b)) if (a == '\\' || a == '/') && (b == '\\' || b == '/'))
}

/// "Z" of "Z:\Báo cáo" (also of "\\?\Z:\…").
fn drive_letter(s: &str) -> Option<char> {
    let s = s.strip_prefix(r"\\?\").unwrap_or(s);
    let mut c = s.chars();
    match (c.next(), c.next()) {
        (Some(l), Some(':')) if l.is_ascii_alphabetic() => Some(l.to_ascii_uppercase()),
        _ => None,
    }
}

/// What [`move_legacy_store`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub from: PathBuf,
    pub to: PathBuf,
    /// Backup files copied along.
    pub backups: usize,
}

/// Moves the store of an earlier build from `old` to `new`, once: only when `new` holds no
/// database yet and `old` holds one. The database goes through SQLite's backup API (its WAL
/// included), the backups and the window's choices are copied, and the old database is then
/// renamed `baocao.db.da-chuyen` (kept, never deleted) with a note saying where the data went,
/// so that the move never runs twice and nothing is lost if it stops half way.
pub fn move_legacy_store(old: &Path, new: &Path) -> Result<Option<Moved>> {
    use super::{backup::BACKUP_DIR, DB_FILE};
    let (old_db, new_db) = (old.join(DB_FILE), new.join(DB_FILE));
    if new_db.exists() || !old_db.is_file() || old == new {
        return Ok(None);
    }
    std::fs::create_dir_all(new).map_err(|e| Error::from_io("tạo thư mục dữ liệu", new, &e))?;
    let tmp = crate::files::temp_path(&new_db);
    let copied = (|| -> rusqlite::Result<()> {
        let src = rusqlite::Connection::open(&old_db)?;
        src.backup(rusqlite::MAIN_DB, &tmp, None)?;
        Ok(())
    })();
    if let Err(e) = copied {
        let _ = std::fs::remove_file(&tmp);
        return Err(super::storage_err("chuyển dữ liệu sang thư mục mới", &e));
    }
    crate::files::rename_into_place(&tmp, &new_db)?;
    let mut backups = 0;
    if let Ok(entries) = std::fs::read_dir(old.join(BACKUP_DIR)) {
        let dest = new.join(BACKUP_DIR);
        std::fs::create_dir_all(&dest)
            .map_err(|e| Error::from_io("tạo thư mục sao lưu", &dest, &e))?;
        for e in entries.flatten() {
            let to = dest.join(e.file_name());
            if e.path().is_file() && !to.exists() {
                std::fs::copy(e.path(), &to)
                    .map_err(|err| Error::from_io("chép bản sao lưu", &to, &err))?;
                backups += 1;
            }
        }
    }
    // The window's choices (split widths, the last view) come along too.
    let (from, to) = (old.join("giao-dien.json"), new.join("giao-dien.json"));
    if from.is_file() && !to.exists() {
        let _ = std::fs::copy(&from, &to);
    }
    // The old database stays, under a name no build opens again.
    let aside = old.join(format!("{DB_FILE}{MOVED_SUFFIX}"));
    std::fs::rename(&old_db, &aside).map_err(|e| Error::from_io("đổi tên", &old_db, &e))?;
    for ext in ["-wal", "-shm"] {
        let side = old.join(format!("{DB_FILE}{ext}"));
        if side.exists() {
            let _ = std::fs::rename(&side, old.join(format!("{DB_FILE}{MOVED_SUFFIX}{ext}")));
        }
    }
    let _ = std::fs::write(
        old.join("DA-CHUYEN-DU-LIEU.txt"),
        format!(
            "Dữ liệu Báo cáo đã được chuyển sang thư mục:\r\n{}\r\nTệp {DB_FILE}{MOVED_SUFFIX} ở đây là bản cũ, giữ lại để phòng.\r\n",
            new.display()
        ),
    );
    Ok(Some(Moved {
        from: old.to_path_buf(),
        to: new.to_path_buf(),
        backups,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Query, Store};

    fn local(_: char) -> DriveKind {
        DriveKind::Local
    }

    #[test]
    fn unc_paths_and_mapped_network_drives_are_refused() {
        for p in [
            r"\\may-chu\chia-se\BaoCao",
            r"\\192.168.1.5\du-lieu",
            "//may-chu/chia-se",
            r"\\?\UNC\may-chu\chia-se\BaoCao",
        ] {
            let e = check_data_dir_with(Path::new(p), local).unwrap_err();
            assert!(e.message.contains("ổ mạng"), "{p}: {}", e.message);
        }
        let mapped = |l: char| {
            if l == 'Z' {
                DriveKind::Network
            } else {
                DriveKind::Local
            }
        };
        assert!(check_data_dir_with(Path::new(r"Z:\BaoCao"), mapped).is_err());
        assert!(check_data_dir_with(Path::new(r"z:\BaoCao"), mapped).is_err());
        assert!(check_data_dir_with(Path::new(r"\\?\Z:\BaoCao"), mapped).is_err());
        for p in [
            r"C:\Users\Lan\AppData\Local\BaoCao",
            r"D:\Báo cáo",
            r"\\?\C:\BaoCao",
            "/home/lan/.local/share/BaoCao",
            "Dữ liệu",
        ] {
            assert!(check_data_dir_with(Path::new(p), mapped).is_ok(), "{p}");
        }
    }

    #[test]
    fn the_data_folder_is_local_and_not_named_after_the_bundle_identifier() {
        if std::env::var_os(DATA_DIR_ENV).is_some() {
            return;
        }
        let d = default_dir().unwrap();
        assert_eq!(d.file_name().unwrap(), DATA_FOLDER);
        assert!(!d.to_string_lossy().contains(APP_IDENTIFIER));
        assert_eq!(d.parent(), dirs::data_local_dir().as_deref());
        assert!(!d.starts_with(std::env::temp_dir()));
    }

    #[test]
    fn an_old_store_is_moved_once_with_its_backups_and_the_old_file_is_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let (old, new) = (tmp.path().join("vn.gov.baocao"), tmp.path().join("BaoCao"));
        let (a, b) = {
            // The old store as a build that was killed left it: the last save still in the WAL
            // only. Copied while open: Windows refuses to rename a database SQLite holds open
            // (no FILE_SHARE_DELETE), and the app never has the old store open when it moves it.
            let live = tmp.path().join("dang-mo");
            let mut store = Store::open(&live).unwrap();
            let a = store.create_draft("Báo cáo quý III", "").unwrap();
            store.backup_now_here().unwrap();
            let b = store.create_draft("Bản nháp mới nhất", "").unwrap();
            copy_tree(&live, &old);
            assert!(old.join("baocao.db-wal").is_file());
            (a, b)
        };
        std::fs::write(old.join("giao-dien.json"), b"{}").unwrap();

        let moved = move_legacy_store(&old, &new).unwrap().expect("moved");
        assert_eq!(moved.backups, 1);
        let store = Store::open(&new).unwrap();
        let ids: Vec<_> = store
            .list_drafts(&Query::default())
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert!(ids.contains(&a.id) && ids.contains(&b.id), "{ids:?}");
        // The backup came along (the open then took the day's automatic one beside it).
        let kinds: Vec<_> = store.list_backups().into_iter().map(|b| b.kind).collect();
        assert!(
            kinds.contains(&crate::store::BackupKind::Manual),
            "{kinds:?}"
        );
        assert!(new.join("giao-dien.json").is_file());
        // The old database stays, under a name no build opens, with a note.
        assert!(!old.join("baocao.db").exists());
        assert!(old.join("baocao.db.da-chuyen").is_file());
        assert!(old.join("DA-CHUYEN-DU-LIEU.txt").is_file());
        // Once only: nothing to move any more, and a store already there is never replaced.
        assert_eq!(move_legacy_store(&old, &new).unwrap(), None);
        let other = tmp.path().join("khac");
        Store::open(&other).unwrap();
        std::fs::copy(old.join("baocao.db.da-chuyen"), old.join("baocao.db")).unwrap();
        assert_eq!(move_legacy_store(&old, &other).unwrap(), None);
    }

    fn copy_tree(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for e in std::fs::read_dir(from).unwrap().flatten() {
            if e.path().is_dir() {
                copy_tree(&e.path(), &to.join(e.file_name()));
            } else {
                std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
            }
        }
    }

    #[test]
    fn nothing_to_move_when_there_is_no_old_store() {
        let tmp = tempfile::tempdir().unwrap();
        let new = tmp.path().join("BaoCao");
        assert_eq!(
            move_legacy_store(&tmp.path().join("khong-co"), &new).unwrap(),
            None
        );
        assert!(!new.exists());
    }
}
