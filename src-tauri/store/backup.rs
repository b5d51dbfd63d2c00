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

/// The backups of the store in data folder `dir`, newest first. A free function because it is
/// what the app offers when the database could not be opened at all.
pub fn list_backups_in(dir: &Path) -> Vec<BackupInfo> {
    let Ok(entries) = std::fs::read_dir(dir.join(BACKUP_DIR)) else {
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

fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".tam");
    path.with_file_name(name)
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

impl Store {
    /// Copies the live database to `dest` with the online backup API, atomically.
    fn backup_to_file(&self, dest: &Path) -> Result<()> {
        let tmp = tmp_path(dest);
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
        std::fs::rename(&tmp, dest).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::from_io("ghi bản sao lưu", dest, &e)
        })
    }

    fn backup_dir(&self) -> Result<PathBuf> {
        let d = self.dir.join(BACKUP_DIR);
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
        prune(&self.dir, BackupKind::Auto, AUTO_BACKUPS_KEPT);
        Ok(Some(path))
    }

    /// "Sao lưu ngay": backs up to `dest`, a file, or a folder (the file is then named with the
    /// time). Returns the file written.
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

    /// The backups in the data folder, newest first.
    pub fn list_backups(&self) -> Vec<BackupInfo> {
        list_backups_in(&self.dir)
    }

    /// Replaces the database by backup `path`: the backup is checked first (integrity, that it is
    /// a Báo cáo database this build reads), then the current database is backed up (kind
    /// "trước khi khôi phục"), then SQLite's backup API copies the backup in, and migrations bring
    /// an older backup up to date. Returns the backup taken of the current database.
    pub fn restore_backup(&mut self, path: &Path) -> Result<PathBuf> {
        check_backup(path)?;
        let before = self
            .backup_dir()?
            .join(format!("{BEFORE_RESTORE_PREFIX}{}.db", stamp(now_ms())));
        self.backup_to_file(&before)?;
        prune(&self.dir, BackupKind::BeforeRestore, AUTO_BACKUPS_KEPT);
        self.chunk_ids.clear();
        self.conn
            .restore(
                rusqlite::MAIN_DB,
                path,
                None::<fn(rusqlite::backup::Progress)>,
            )
            .map_err(|e| storage_err("khôi phục bản sao lưu", &e))?;
        super::schema::configure(&self.conn)?;
        super::schema::migrate(&mut self.conn)?;
        self.load_builtin_templates()?;
        Ok(before)
    }
}

/// Deletes the oldest backups of `kind` beyond `keep`.
fn prune(dir: &Path, kind: BackupKind, keep: usize) {
    for old in list_backups_in(dir)
        .into_iter()
        .filter(|b| b.kind == kind)
        .skip(keep)
    {
        let _ = std::fs::remove_file(old.path);
    }
}
