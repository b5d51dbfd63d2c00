//! Backups: one automatic backup at the first open of each day, the last [`AUTO_BACKUPS_KEPT`]
//! kept; "back up now" to a chosen file or folder; restore after checking the backup.
//!
//! Backups go through SQLite's online backup API, never a raw copy of the file: a copy of a live
//! WAL database can miss what is still in the WAL, or catch a page half-written. Each backup is
//! written to a temporary name and renamed when complete, so a crash never leaves a half backup
//! under a real name, and it is switched to rollback-journal mode so that it is one
//! self-contained file that opens anywhere (a USB stick, a read-only share).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::schema::SCHEMA_VERSION;
use super::{integrity, now_ms, storage_err, Store};
use crate::error::{Error, Result};

/// How many automatic daily backups are kept.
pub const AUTO_BACKUPS_KEPT: usize = 14;
/// The folder of backups inside the data folder.
pub const BACKUP_DIR: &str = "sao-luu";
const AUTO_PREFIX: &str = "tu-dong-";
const BEFORE_RESTORE_PREFIX: &str = "truoc-khoi-phuc-";
const MANUAL_PREFIX: &str = "baocao-sao-luu-";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The daily automatic backup.
    Auto,
    /// Taken just before a restore replaced the database.
    BeforeRestore,
    /// "Sao lưu ngay".
    Manual,
}

impl BackupKind {
    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Auto => "tự động hằng ngày",
            BackupKind::BeforeRestore => "trước khi khôi phục",
            BackupKind::Manual => "sao lưu thủ công",
        }
    }
}

/// A backup file in the data folder's backup folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BackupInfo {
    pub path: PathBuf,
    /// Milliseconds since the Unix epoch (from the file's time).
    pub created: i64,
    pub bytes: u64,
    pub kind: BackupKind,
}

/// The local day of `ms`, "2026-11-27": the unit of "one automatic backup per day".
pub(crate) fn local_day(ms: i64) -> String {
    use chrono::TimeZone;
    match chrono::Local.timestamp_millis_opt(ms) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.format("%Y-%m-%d").to_string()
        }
        chrono::LocalResult::None => String::new(),
    }
}

fn stamp(ms: i64) -> String {
    use chrono::TimeZone;
    match chrono::Local.timestamp_millis_opt(ms) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.format("%Y-%m-%d_%H%M%S%.3f").to_string()
        }
        chrono::LocalResult::None => ms.to_string(),
    }
}

/// The folder made inside the backup folder the user chose (a USB stick, `D:\`), so that the
/// backups do not scatter over the root of the drive.
pub const CHOSEN_SUBDIR: &str = "BaoCao-SaoLuu";
/// The `meta` key holding the backup folder the user chose.
const CHOSEN_KEY: &str = "backup_folder";

/// The backups of the store in data folder `dir`, newest first. A free function because it is
/// what the app offers when the database could not be opened at all.
pub fn list_backups_in(dir: &Path) -> Vec<BackupInfo> {
    list_backups_at(&dir.join(BACKUP_DIR))
}

/// When the last damaged database of data folder `dir` was found and moved aside (from the
/// `baocao.db.hong-<time>` name it was given then), in milliseconds since the epoch.
pub fn damaged_at(dir: &Path) -> Option<i64> {
    damaged_files(dir)
        .iter()
        .filter_map(|p| {
            let name = p.file_name()?.to_str()?;
            let stamp = name.strip_prefix(&format!("{}.hong-", super::DB_FILE))?;
            let t =
                chrono::NaiveDateTime::parse_from_str(stamp.get(..15)?, "%Y%m%d-%H%M%S").ok()?;
            let local = t.and_local_timezone(chrono::Local).earliest()?;
            Some(local.timestamp_millis())
        })
        .max()
}

/// The damaged databases kept aside in data folder `dir` (not their -wal/-shm), newest first.
pub fn damaged_files(dir: &Path) -> Vec<PathBuf> {
    let prefix = format!("{}.hong-", super::DB_FILE);
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                n.starts_with(&prefix) && !n.ends_with("-wal") && !n.ends_with("-shm")
            })
        })
        .collect();
    out.sort();
    out.reverse();
    out
}

/// The backups in folder `folder` itself, newest first.
pub fn list_backups_at(folder: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut out: Vec<BackupInfo> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            if !name.ends_with(".db") {
                return None;
            }
            let kind = if name.starts_with(AUTO_PREFIX) {
                BackupKind::Auto
            } else if name.starts_with(BEFORE_RESTORE_PREFIX) {
                BackupKind::BeforeRestore
            } else {
                BackupKind::Manual
            };
            let meta = e.metadata().ok()?;
            let created = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            Some(BackupInfo {
                path: e.path(),
                created,
                bytes: meta.len(),
                kind,
            })
        })
        .collect();
    // Names carry the time, so the name breaks ties of equal file times.
    out.sort_by(|a, b| b.created.cmp(&a.created).then(b.path.cmp(&a.path)));
    out
}

/// Checks that `path` is a sound Báo cáo database this build can read.
fn check_backup(path: &Path) -> Result<()> {
    let bad = |why: String| {
        Error::input(format!(
            "Tệp “{}” không dùng để khôi phục được: {why}. Hãy chọn một bản sao lưu khác.",
            path.display()
        ))
    };
    if !path.is_file() {
        return Err(bad("không tìm thấy tệp".to_string()));
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| bad(format!("không mở được ({e})")))?;
    integrity(&conn, "integrity_check")
        .map_err(|why| bad(format!("tệp bị hỏng hoặc không phải cơ sở dữ liệu ({why})")))?;
    let ours: bool = conn
        .query_row(
            "SELECT COUNT(*) = 2 FROM sqlite_master WHERE type = 'table' AND name IN ('drafts', 'chunks')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| bad(format!("không đọc được ({e})")))?;
    if !ours {
        return Err(bad("đây không phải dữ liệu của Báo cáo".to_string()));
    }
    let v: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| bad(format!("không đọc được ({e})")))?;
    if v > SCHEMA_VERSION {
        return Err(bad(
            "bản sao lưu do phiên bản Báo cáo mới hơn tạo ra; hãy cập nhật Báo cáo".to_string(),
        ));
    }
    Ok(())
}

/// Backup `path` (already checked by [`check_backup`]) copied into memory and migrated to this
/// build's schema.
fn staged_copy(path: &Path) -> Result<Connection> {
    let bad = |why: &str| {
        Error::input(format!(
            "Tệp “{}” không dùng để khôi phục được: {why}. Dữ liệu hiện tại không thay đổi. Hãy chọn một bản sao lưu khác.",
            path.display()
        ))
    };
    let mut staged = Connection::open_in_memory().map_err(|_| bad("không đọc được bản sao lưu"))?;
    staged
        .restore(
            rusqlite::MAIN_DB,
            path,
            None::<fn(rusqlite::backup::Progress)>,
        )
        .and_then(|()| staged.execute_batch("PRAGMA foreign_keys = ON"))
        .map_err(|_| bad("không đọc được bản sao lưu"))?;
    super::schema::migrate(&mut staged).map_err(|_| {
        bad("bản sao lưu bị hỏng (các bảng không khớp với phiên bản ghi trong tệp) nên không đưa được về phiên bản hiện tại")
    })?;
    Ok(staged)
}

impl Store {
    /// Copies the live database to `dest` with the online backup API, atomically.
    fn backup_to_file(&self, dest: &Path) -> Result<()> {
        let tmp = crate::files::temp_path(dest);
        let _ = std::fs::remove_file(&tmp);
        let result = self
            .conn
            .backup(rusqlite::MAIN_DB, &tmp, None)
            .and_then(|()| {
                let c = Connection::open(&tmp)?;
                let _: String = c.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0))?;
                Ok(())
            });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            return Err(storage_err("sao lưu", &e));
        }
        // The backup is complete on disk before it takes its real name.
        if let Ok(f) = std::fs::File::open(&tmp) {
            let _ = f.sync_all();
        }
        crate::files::rename_into_place(&tmp, dest)
    }

    /// The backup folder in the data folder, created when missing. A FILE of that name (the
    /// "Sao lưu ngay" of earlier builds wrote one on the first day, when the folder did not
    /// exist yet) is a backup: it is moved into the folder it should have gone to.
    fn backup_dir(&self) -> Result<PathBuf> {
        let d = self.dir.join(BACKUP_DIR);
        if d.is_file() {
            let stray = self
                .dir
                .join(format!("{BACKUP_DIR}.tam-{}", std::process::id()));
            std::fs::rename(&d, &stray).map_err(|e| Error::from_io("đổi tên", &d, &e))?;
            std::fs::create_dir_all(&d)
                .map_err(|e| Error::from_io("tạo thư mục sao lưu", &d, &e))?;
            let when = std::fs::metadata(&stray)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map(|t| t.as_millis() as i64)
                .unwrap_or_else(now_ms);
            let to = d.join(format!("{MANUAL_PREFIX}{}.db", stamp(when)));
            std::fs::rename(&stray, &to)
                .map_err(|e| Error::from_io("chuyển bản sao lưu", &to, &e))?;
        }
        std::fs::create_dir_all(&d).map_err(|e| Error::from_io("tạo thư mục sao lưu", &d, &e))?;
        Ok(d)
    }

    /// Takes the day's automatic backup if there is none yet, and keeps the last
    /// [`AUTO_BACKUPS_KEPT`]. An empty store is not backed up: after a damaged database was moved
    /// aside, the fresh empty one must not push the last good backup out.
    pub(crate) fn auto_backup_if_due(&mut self, now: i64) -> Result<Option<PathBuf>> {
        let any: bool = self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM drafts)", [], |r| r.get(0))
            .map_err(|e| storage_err("đọc cơ sở dữ liệu", &e))?;
        if !any {
            return Ok(None);
        }
        let today = format!("{AUTO_PREFIX}{}", local_day(now));
        let dir = self.backup_dir()?;
        let done = list_backups_in(&self.dir).iter().any(|b| {
            b.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&today))
        });
        if done {
            return Ok(None);
        }
        let path = dir.join(format!("{AUTO_PREFIX}{}.db", stamp(now)));
        self.backup_to_file(&path)?;
        prune(
            &dir,
            BackupKind::Auto,
            AUTO_BACKUPS_KEPT,
            damaged_at(&self.dir),
        );
        Ok(Some(path))
    }

    /// The day's automatic backup in the folder the user chose too, when one is set: the copy
    /// that survives the PC's disk and the uninstaller. Fails (and is reported at open, never
    /// stopping it) when the folder is not there, e.g. the USB stick is not plugged in.
    pub(crate) fn auto_backup_to_chosen_if_due(&mut self, now: i64) -> Result<Option<PathBuf>> {
        let Some(dir) = self.chosen_backup_dir()? else {
            return Ok(None);
        };
        let any: bool = self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM drafts)", [], |r| r.get(0))
            .map_err(|e| storage_err("đọc cơ sở dữ liệu", &e))?;
        let today = format!("{AUTO_PREFIX}{}", local_day(now));
        let done = list_backups_at(&dir).iter().any(|b| {
            b.path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&today))
        });
        if !any || done {
            return Ok(None);
        }
        let path = dir.join(format!("{AUTO_PREFIX}{}.db", stamp(now)));
        self.backup_to_file(&path)?;
        prune(
            &dir,
            BackupKind::Auto,
            AUTO_BACKUPS_KEPT,
            damaged_at(&self.dir),
        );
        Ok(Some(path))
    }

    /// The backup folder the user chose in the settings, if any.
    pub fn chosen_backup_folder(&self) -> Option<PathBuf> {
        self.conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [CHOSEN_KEY], |r| {
                r.get::<_, String>(0)
            })
            .ok()
            .filter(|s| !s.is_empty())
            .map(PathBuf::from)
    }

    /// Sets (or with `None` forgets) the backup folder the user chose. The folder must exist;
    /// the backups go into its subfolder [`CHOSEN_SUBDIR`].
    pub fn set_chosen_backup_folder(&mut self, folder: Option<&Path>) -> Result<()> {
        self.apply_write_fault()?;
        match folder {
            Some(f) => {
                if !f.is_dir() {
                    return Err(Error::input(format!(
                        "Không tìm thấy thư mục “{}”. Hãy cắm ổ USB hoặc chọn thư mục khác.",
                        f.display()
                    )));
                }
                if f.starts_with(&self.dir) {
                    return Err(Error::input(
                        "Thư mục sao lưu phải ở ngoài thư mục dữ liệu, tốt nhất trên ổ khác hoặc USB: bản sao lưu nằm cùng chỗ với dữ liệu thì mất cùng lúc với dữ liệu.",
                    ));
                }
                self.conn
                    .execute(
                        "INSERT OR REPLACE INTO meta(key, value) VALUES(?1, ?2)",
                        [CHOSEN_KEY, &f.to_string_lossy()],
                    )
                    .map_err(|e| storage_err("lưu cài đặt sao lưu", &e))?;
            }
            None => {
                self.conn
                    .execute("DELETE FROM meta WHERE key = ?1", [CHOSEN_KEY])
                    .map_err(|e| storage_err("lưu cài đặt sao lưu", &e))?;
            }
        }
        Ok(())
    }

    /// The folder the backups go to inside the chosen folder, created when missing; `None`
    /// when no folder was chosen; an error when the chosen folder is not there.
    pub fn chosen_backup_dir(&self) -> Result<Option<PathBuf>> {
        let Some(folder) = self.chosen_backup_folder() else {
            return Ok(None);
        };
        if !folder.is_dir() {
            return Err(Error::io(format!(
                "Không tìm thấy thư mục sao lưu đã chọn “{}” (ổ USB chưa cắm?). Hãy cắm lại hoặc chọn thư mục khác trong Cài đặt.",
                folder.display()
            )));
        }
        let d = folder.join(CHOSEN_SUBDIR);
        std::fs::create_dir_all(&d).map_err(|e| Error::from_io("tạo thư mục sao lưu", &d, &e))?;
        Ok(Some(d))
    }

    /// "Sao lưu ngay" into the data folder's backup folder (created when missing). Returns the
    /// file written.
    pub fn backup_now_here(&self) -> Result<PathBuf> {
        let dir = self.backup_dir()?;
        self.backup_into(&dir)
    }

    /// A backup named with the time in `folder`, which must exist (a USB stick, `D:\`).
    pub fn backup_into(&self, folder: &Path) -> Result<PathBuf> {
        if !folder.is_dir() {
            return Err(Error::input(format!(
                "Không tìm thấy thư mục sao lưu “{}”. Hãy cắm lại ổ USB hoặc chọn thư mục khác.",
                folder.display()
            )));
        }
        self.backup_now(&folder.join(format!("{MANUAL_PREFIX}{}.db", stamp(now_ms()))))
    }

    /// Backs up to `dest`, a file, or an existing folder (the file is then named with the
    /// time): `baocao backup -o …` and the save dialog of "Sao lưu ra tệp…". Returns the file
    /// written.
    pub fn backup_now(&self, dest: &Path) -> Result<PathBuf> {
        let file = if dest.is_dir() {
            dest.join(format!("{MANUAL_PREFIX}{}.db", stamp(now_ms())))
        } else {
            dest.to_path_buf()
        };
        if file == self.db_path() {
            return Err(Error::input(
                "Không thể sao lưu đè lên chính cơ sở dữ liệu đang dùng. Hãy chọn tệp hoặc thư mục khác.",
            ));
        }
        self.backup_to_file(&file)?;
        Ok(file)
    }

    /// The backups in the data folder, then those in the chosen folder (when it is there),
    /// each newest first.
    pub fn list_backups(&self) -> Vec<BackupInfo> {
        let mut list = list_backups_in(&self.dir);
        if let Some(f) = self.chosen_backup_folder() {
            list.extend(list_backups_at(&f.join(CHOSEN_SUBDIR)));
        }
        list
    }

    /// Replaces the database by backup `path`: the backup is checked first (integrity, that it is
    /// a Báo cáo database this build reads), then the current database is backed up (kind
    /// "trước khi khôi phục"), then SQLite's backup API copies the backup in, and migrations bring
    /// an older backup up to date. Returns the backup taken of the current database.
    pub fn restore_backup(&mut self, path: &Path) -> Result<PathBuf> {
        check_backup(path)?;
        // The backup is brought up to date in memory before anything is replaced: a backup
        // whose migration fails (damaged rows, a schema version that lies) is refused while the
        // user's data is still untouched.
        let staged = staged_copy(path)?;
        let before = self
            .backup_dir()?
            .join(format!("{BEFORE_RESTORE_PREFIX}{}.db", stamp(now_ms())));
        self.backup_to_file(&before)?;
        prune(
            &self.dir.join(BACKUP_DIR),
            BackupKind::BeforeRestore,
            AUTO_BACKUPS_KEPT,
            damaged_at(&self.dir),
        );
        self.chunk_ids.clear();
        let copied = rusqlite::backup::Backup::new(&staged, &mut self.conn)
            .and_then(|b| b.run_to_completion(256, std::time::Duration::ZERO, None))
            .map_err(|e| storage_err("khôi phục bản sao lưu", &e));
        let ready = copied
            .and_then(|()| super::schema::configure(&self.conn))
            .and_then(|()| super::schema::migrate(&mut self.conn))
            .and_then(|()| self.load_builtin_templates());
        if let Err(e) = ready {
            // Put back what was there, so that a failed restore never leaves the store holding
            // half of a backup.
            self.chunk_ids.clear();
            let back = self.conn.restore(
                rusqlite::MAIN_DB,
                &before,
                None::<fn(rusqlite::backup::Progress)>,
            );
            return Err(match back {
                Ok(()) => e,
                Err(b) => storage_err("đặt lại dữ liệu sau khi khôi phục hỏng", &b),
            });
        }
        Ok(before)
    }
}

/// The day's automatic backup into the folder the user chose, when one is set and it is due,
/// through a connection of its own: for a caller that runs it away from the store it keeps
/// open (the app, on a thread: a slow USB stick must not freeze the window). SQLite's WAL lets
/// it read while the other connection writes. Returns the backup written, if any.
pub fn backup_to_chosen_if_due(dir: &Path) -> Result<Option<PathBuf>> {
    let conn = Connection::open_with_flags(
        dir.join(super::DB_FILE),
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| storage_err("mở cơ sở dữ liệu để sao lưu", &e))?;
    conn.busy_timeout(std::time::Duration::from_secs(30))
        .map_err(|e| storage_err("mở cơ sở dữ liệu để sao lưu", &e))?;
    let mut store = Store {
        conn,
        dir: dir.to_path_buf(),
        chunk_ids: Default::default(),
        write_fault: None,
        upkeep: Vec::new(),
    };
    store.auto_backup_to_chosen_if_due(now_ms())
}

/// Deletes the oldest backups of `kind` beyond `keep`, but never one taken before
/// `protect_before` (when a damaged database was found): after a damage the user starts again
/// on a fresh database, whose daily backups would otherwise push out, after two weeks, the last
/// copies of the drafts written before it.
fn prune(folder: &Path, kind: BackupKind, keep: usize, protect_before: Option<i64>) {
    for old in list_backups_at(folder)
        .into_iter()
        .filter(|b| b.kind == kind)
        .skip(keep)
        .filter(|b| protect_before.is_none_or(|t| b.created >= t))
    {
        let _ = std::fs::remove_file(old.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` automatic backups a day apart, the newest `days_ago` days old.
    fn old_backups(folder: &Path, n: usize, days_ago: i64) {
        std::fs::create_dir_all(folder).unwrap();
        let now = now_ms();
        for i in 0..n {
            let t = now - (days_ago + i as i64) * 86_400_000;
            let path = folder.join(format!("{AUTO_PREFIX}{}.db", stamp(t)));
            let f = std::fs::File::create(&path).unwrap();
            let when = std::time::UNIX_EPOCH + std::time::Duration::from_millis(t as u64);
            f.set_modified(when).unwrap();
        }
    }

    #[test]
    fn backups_taken_before_a_damage_are_never_pruned() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let folder = dir.join(BACKUP_DIR);
        old_backups(&folder, 20, 3);
        // The database was found damaged two days ago and moved aside.
        let found = chrono::Local::now() - chrono::Duration::days(2);
        let aside = dir.join(format!(
            "{}.hong-{}",
            super::super::DB_FILE,
            found.format("%Y%m%d-%H%M%S")
        ));
        std::fs::write(&aside, b"hong").unwrap();
        std::fs::write(dir.join(format!("{}-wal", aside.display())), b"").unwrap();
        assert_eq!(damaged_files(dir), vec![aside]);
        let at = damaged_at(dir).expect("the damage's time");
        assert!((at - found.timestamp_millis()).abs() < 1000);
        // Then a fortnight of the fresh database's own backups.
        old_backups(&folder, 1, 0);
        prune(
            &folder,
            BackupKind::Auto,
            AUTO_BACKUPS_KEPT,
            damaged_at(dir),
        );
        assert_eq!(
            list_backups_at(&folder).len(),
            21,
            "nothing from before the damage went"
        );
        // Without a damage, the usual 14 are kept.
        prune(&folder, BackupKind::Auto, AUTO_BACKUPS_KEPT, None);
        assert_eq!(list_backups_at(&folder).len(), AUTO_BACKUPS_KEPT);
    }
}
