//! The store: every draft, its versions, the presets, the templates and the backups, in one local
//! SQLite database.
//!
//! The user's worst day is losing an afternoon of drafting to a power cut, or not knowing which
//! file is the latest. So there are no files to manage: the app saves the draft into the database
//! within a second of the user pausing, and a save that returned is on disk (see [`schema`] for the
//! WAL + `synchronous = FULL` argument).
//!
//! Where the data lives: `BAOCAO_DATA_DIR` when set (tests, and users who keep their data on
//! another drive), else the per-user app-data folder named after the Tauri identifier
//! (`%APPDATA%\vn.gov.baocao` on Windows), so that the app and the `baocao` tool share one store.
//!
//! A [`Store`] owns one connection. It is `Send`: the app keeps it in a `Mutex`.
//!
//! The jobs are split by file: [`schema`] (migrations), [`chunks`] (content-addressed report
//! storage), `drafts`, `versions`, `presets`, `templates`, `transfer` (one draft to a file and
//! back), `backup`.

mod backup;
mod chunks;
mod drafts;
mod presets;
mod review;
pub mod schema;
mod templates;
mod transfer;
mod versions;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::error::{Error, Result};

pub use backup::{list_backups_in, BackupInfo, BackupKind, AUTO_BACKUPS_KEPT};
pub use drafts::{fold_for_search, DraftInfo, Query, Sort, Status, TRASH_DAYS};
pub use presets::{AgencyProfile, Preset, PresetEntry, PresetKind};
pub use review::ReviewItem;
pub use templates::TemplateInfo;
pub use transfer::{is_draft_file, DRAFT_FORMAT, DRAFT_FORMAT_VERSION, MAX_IMPORT_BYTES};
pub use versions::{VersionInfo, VersionKind, AUTO_VERSION_EVERY_MS};

/// The environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "BAOCAO_DATA_DIR";
/// The Tauri identifier, which names the folder under the per-user app-data folder.
pub const APP_IDENTIFIER: &str = "vn.gov.baocao";
/// The database file inside the data folder.
pub const DB_FILE: &str = "baocao.db";
/// Test seam: when this names a file, every write of the store fails while that file exists
/// (the database is switched to `PRAGMA query_only`, so SQLite itself refuses the write, as a
/// full or read-only disk would). Tests run as root, for whom a read-only folder blocks nothing;
/// the end-to-end tests use this to make the app's autosave fail and recover at will.
pub const WRITE_FAULT_ENV: &str = "BAOCAO_TEST_WRITE_FAULT";

/// The data folder: `BAOCAO_DATA_DIR` if set and not empty, else `<app data>/vn.gov.baocao`.
pub fn default_dir() -> Result<PathBuf> {
    if let Some(d) = std::env::var_os(DATA_DIR_ENV) {
        if !d.is_empty() {
            return Ok(PathBuf::from(d));
        }
    }
    dirs::data_dir()
        .map(|d| d.join(APP_IDENTIFIER))
        .ok_or_else(|| {
            Error::io(format!(
                "Không tìm thấy thư mục dữ liệu của người dùng trên máy này. Hãy đặt biến môi trường {DATA_DIR_ENV} chỉ tới một thư mục để lưu dữ liệu."
            ))
        })
}

/// Milliseconds since the Unix epoch, UTC: how every time is stored.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// A stored time as the user reads it, in the computer's time zone: "27/11/2026 14:05".
pub fn format_time(ms: i64) -> String {
    use chrono::TimeZone;
    match chrono::Local.timestamp_millis_opt(ms) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.format("%d/%m/%Y %H:%M").to_string()
        }
        chrono::LocalResult::None => String::new(),
    }
}

/// The local store. See the module documentation.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    /// Content hash → chunk id of chunks known to be committed, so that an autosave of a report
    /// whose blocks did not change does not even ask the database. Filled only after a commit
    /// and emptied whenever chunks may be deleted, so it never names a chunk that is gone.
    chunk_ids: HashMap<[u8; chunks::HASH_LEN], i64>,
    /// See [`WRITE_FAULT_ENV`].
    write_fault: Option<PathBuf>,
}

impl Store {
    /// Opens the store in the default data folder (see [`default_dir`]).
    pub fn open_default() -> Result<Store> {
        Store::open(&default_dir()?)
    }

    /// Opens (creating if needed) the store in `dir`.
    ///
    /// At open: the database is checked (`PRAGMA quick_check`); a damaged one is moved aside as
    /// `baocao.db.hong-<time>` and a Vietnamese error names the latest backup to restore (the
    /// next open starts an empty database, on which [`Store::restore_backup`] brings the backup
    /// back). Then migrations run, the built-in templates are loaded on first start, trash older
    /// than [`TRASH_DAYS`] is purged and the day's automatic backup is taken.
    pub fn open(dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(dir).map_err(|e| Error::from_io("tạo thư mục dữ liệu", dir, &e))?;
        let path = dir.join(DB_FILE);
        if path.exists() {
            if let Err(why) = check_file(&path) {
                return Err(damaged(dir, &path, &why));
            }
        }
        let conn = Connection::open(&path).map_err(|e| storage_err("mở cơ sở dữ liệu", &e))?;
        let mut store = Store {
            conn,
            dir: dir.to_path_buf(),
            chunk_ids: HashMap::new(),
            write_fault: std::env::var_os(WRITE_FAULT_ENV)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
        };
        schema::configure(&store.conn)?;
        schema::migrate(&mut store.conn)?;
        store.load_builtin_templates()?;
        let now = now_ms();
        store.purge_trash(now)?;
        store.daily_maintenance(now)?;
        Ok(store)
    }

    /// The data folder of this store.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The database file of this store.
    pub fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// Full `PRAGMA integrity_check` of the live database: `Ok(())` when SQLite finds nothing
    /// wrong, else its findings in a Vietnamese error.
    pub fn integrity_check(&self) -> Result<()> {
        integrity(&self.conn, "integrity_check").map_err(|why| {
            Error::storage(format!(
                "Cơ sở dữ liệu có lỗi ({why}). Hãy sao lưu ngay rồi khôi phục từ bản sao lưu gần nhất."
            ))
        })
    }

    /// The write-fault seam (see [`WRITE_FAULT_ENV`]): brings `query_only` in line with the
    /// fault file before a write. Costs one `stat` when the seam is set, nothing otherwise.
    pub(crate) fn apply_write_fault(&self) -> Result<()> {
        if let Some(flag) = &self.write_fault {
            self.conn
                .pragma_update(None, "query_only", flag.exists())
                .map_err(|e| storage_err("mở cơ sở dữ liệu", &e))?;
        }
        Ok(())
    }

    /// Test seam: makes every write fail (`true`) or work again, as [`WRITE_FAULT_ENV`] does for
    /// another process.
    #[doc(hidden)]
    pub fn set_write_fault(&mut self, on: bool) -> Result<()> {
        self.write_fault = None;
        self.conn
            .pragma_update(None, "query_only", on)
            .map_err(|e| storage_err("mở cơ sở dữ liệu", &e))
    }

    /// Once a day: the automatic backup, then sweeping chunks nothing points to any more.
    fn daily_maintenance(&mut self, now: i64) -> Result<()> {
        self.auto_backup_if_due(now)?;
        let today = backup::local_day(now);
        let last: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'last_gc_day'",
                [],
                |r| r.get(0),
            )
            .ok();
        if last.as_deref() != Some(today.as_str()) {
            self.collect_garbage()?;
            self.conn
                .execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES('last_gc_day', ?1)",
                    [&today],
                )
                .map_err(|e| storage_err("ghi cơ sở dữ liệu", &e))?;
        }
        Ok(())
    }
}

/// The result of `PRAGMA quick_check`/`integrity_check`: `Err` with SQLite's findings.
fn integrity(conn: &Connection, pragma: &str) -> std::result::Result<(), String> {
    let mut stmt = conn
        .prepare(&format!("PRAGMA {pragma}"))
        .map_err(|e| e.to_string())?;
    let rows: Vec<String> = stmt
        .query_map([], |r| r.get::<_, String>(0))
        .map_err(|e| e.to_string())?
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| e.to_string())?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(rows.join("; "))
    }
}

/// Checks an existing database file before the store uses it. Opened read-write so that a WAL
/// left by a crash is recovered first (recovery is part of SQLite's durability, not damage).
fn check_file(path: &Path) -> std::result::Result<(), String> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| e.to_string())?;
    integrity(&conn, "quick_check")
}

/// Moves a damaged database (and its WAL) aside and says what to do, in Vietnamese.
fn damaged(dir: &Path, path: &Path, why: &str) -> Error {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let aside = dir.join(format!("{DB_FILE}.hong-{stamp}"));
    let moved = std::fs::rename(path, &aside).is_ok();
    for ext in ["-wal", "-shm"] {
        let side = dir.join(format!("{DB_FILE}{ext}"));
        if side.exists() {
            let _ = std::fs::rename(&side, dir.join(format!("{DB_FILE}.hong-{stamp}{ext}")));
        }
    }
    let kept = if moved {
        format!("đã được cất sang “{}”", aside.display())
    } else {
        "chưa cất sang bên được".to_string()
    };
    let offer = match list_backups_in(dir).first() {
        Some(b) => format!(
            "Hãy khôi phục bản sao lưu gần nhất ({}, tệp “{}”).",
            format_time(b.created),
            b.path.display()
        ),
        None => "Không có bản sao lưu nào; hãy nhập lại các bản nháp từ tệp đã xuất.".to_string(),
    };
    Error::storage(format!(
        "Cơ sở dữ liệu bị hỏng ({why}); tệp hỏng {kept}. {offer}"
    ))
}

/// A database failure as a Vietnamese error that keeps SQLite's reason for the expert.
pub(crate) fn storage_err(action: &str, e: &rusqlite::Error) -> Error {
    let hint = match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
            "cơ sở dữ liệu đang bận; hãy đóng cửa sổ Báo cáo khác rồi thử lại"
        }
        Some(rusqlite::ErrorCode::DiskFull) => "ổ đĩa đã đầy; hãy giải phóng chỗ trống rồi thử lại",
        Some(rusqlite::ErrorCode::ReadOnly) | Some(rusqlite::ErrorCode::CannotOpen) => {
            "không ghi được vào thư mục dữ liệu; hãy kiểm tra quyền ghi hoặc chọn thư mục khác"
        }
        Some(rusqlite::ErrorCode::DatabaseCorrupt) | Some(rusqlite::ErrorCode::NotADatabase) => {
            "cơ sở dữ liệu bị hỏng; hãy mở lại Báo cáo để khôi phục từ bản sao lưu"
        }
        _ => "hãy thử lại; nếu vẫn lỗi, hãy sao lưu và báo cho quản trị máy",
    };
    Error::storage(format!("Không {action} được: {hint} ({e})."))
}

/// "Not found" for a draft id the user typed or clicked.
pub(crate) fn no_draft(id: &str) -> Error {
    Error::input(format!(
        "Không có bản nháp mã “{id}”. Hãy xem danh sách bản nháp (“baocao drafts list”) để lấy đúng mã."
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_is_send() {
        fn send<T: Send>() {}
        send::<Store>();
    }
}
