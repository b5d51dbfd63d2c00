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
mod consolidations;
mod drafts;
pub mod location;
mod presets;
mod review;
pub mod schema;
mod sign_images;
mod templates;
mod transfer;
mod versions;

use std::path::{Path, PathBuf};

use rusqlite::{Connection, ErrorCode, OpenFlags};

use crate::error::{Error, Result};

pub use backup::{
    backup_to_chosen_if_due, damaged_at, damaged_files, list_backups_at, list_backups_in,
    BackupInfo, BackupKind, AUTO_BACKUPS_KEPT, CHOSEN_SUBDIR,
};
pub use consolidations::StoredConsolidation;
pub use drafts::{fold_for_search, DraftInfo, Query, Sort, Status, TRASH_DAYS};
pub use presets::{
    agency_words_in, is_dictionary_word, AgencyProfile, Preset, PresetEntry, PresetKind,
    DICTIONARY_NAME, MAX_DICTIONARY_WORDS,
};
pub use review::ReviewItem;
pub use sign_images::SignImage;
pub use templates::TemplateInfo;
pub use transfer::{
    is_draft_file, read_draft_file, read_report_file, DRAFT_FORMAT, DRAFT_FORMAT_VERSION,
    MAX_IMPORT_BYTES,
};
pub use versions::{VersionInfo, VersionKind, AUTO_VERSION_EVERY_MS};

pub use location::{default_dir, DATA_DIR_ENV};

/// The database file inside the data folder.
pub const DB_FILE: &str = "baocao.db";
/// Test seam: when this names a file, every write of the store fails while that file exists
/// (the database is switched to `PRAGMA query_only`, so SQLite itself refuses the write, as a
/// full or read-only disk would). Tests run as root, for whom a read-only folder blocks nothing;
/// the end-to-end tests use this to make the app's autosave fail and recover at will.
pub const WRITE_FAULT_ENV: &str = "BAOCAO_TEST_WRITE_FAULT";

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
    /// and emptied whenever chunks may be deleted, here or by another process (see
    /// [`chunks::Cache`]), so it never names a chunk that is gone.
    chunk_ids: chunks::Cache,
    /// See [`WRITE_FAULT_ENV`].
    write_fault: Option<PathBuf>,
    /// What went wrong in the upkeep at open (see [`Store::upkeep_problems`]).
    upkeep: Vec<Error>,
}

impl Store {
    /// Opens the store in the default data folder (see [`default_dir`]), moving the store of
    /// an earlier build over first (see [`location::move_legacy_store`]). Returns the store and
    /// what to tell the user once: the move, and the upkeep that failed.
    pub fn open_default() -> Result<(Store, Vec<String>)> {
        Self::open_default_with(true)
    }

    /// [`Store::open_default`]; with `chosen_backup` false the day's backup into the folder the
    /// user chose (a USB stick: slow) is left to [`backup_to_chosen_if_due`], which the app runs
    /// on a thread of its own so that its window answers meanwhile.
    pub fn open_default_with(chosen_backup: bool) -> Result<(Store, Vec<String>)> {
        let dir = default_dir()?;
        let mut notes = Vec::new();
        if std::env::var_os(DATA_DIR_ENV).is_none_or(|v| v.is_empty()) {
            if let Some(old) = location::legacy_dir() {
                if let Some(m) = location::move_legacy_store(&old, &dir)? {
                    notes.push(format!(
                        "Dữ liệu Báo cáo đã được chuyển từ “{}” sang “{}” (thư mục trên ổ đĩa của máy này, không bị xóa khi gỡ cài đặt).",
                        m.from.display(),
                        m.to.display()
                    ));
                }
            }
        }
        let store = Store::open_with(&dir, chosen_backup)?;
        notes.extend(store.upkeep_problems().iter().map(|e| e.message.clone()));
        Ok((store, notes))
    }

    /// Opens (creating if needed) the store in `dir`.
    ///
    /// At open: the folder is checked (never a network path), then the database
    /// (`PRAGMA quick_check`). Only a damaged one (SQLite says corrupt, not a database, or the
    /// check finds faults) is moved aside as `baocao.db.hong-<time>`, with a Vietnamese error
    /// naming the latest backup to restore (the next open starts an empty database, on which
    /// [`Store::restore_backup`] brings the backup back). A database held by another program is
    /// waited for, then reported as locked, and nothing is changed. Then migrations run.
    ///
    /// Then the upkeep, which never stops the store from opening: the built-in templates, the
    /// trash older than [`TRASH_DAYS`], the day's automatic backup, the sweep of unused chunks.
    /// What fails there is logged (`nhat-ky.txt`) and kept for [`Store::upkeep_problems`].
    pub fn open(dir: &Path) -> Result<Store> {
        Self::open_with(dir, true)
    }

    /// [`Store::open`]; the backup into the chosen folder only when `chosen_backup`.
    fn open_with(dir: &Path, chosen_backup: bool) -> Result<Store> {
        location::check_data_dir(dir)?;
        std::fs::create_dir_all(dir).map_err(|e| Error::from_io("tạo thư mục dữ liệu", dir, &e))?;
        let path = dir.join(DB_FILE);
        if path.exists() {
            match check_file(&path) {
                Ok(()) => {}
                Err(Check::Damaged(why)) => return Err(damaged(dir, &path, &why)),
                Err(Check::Failed(e)) => return Err(open_err(&e)),
            }
        }
        let conn = Connection::open(&path).map_err(|e| open_err(&e))?;
        let mut store = Store {
            conn,
            dir: dir.to_path_buf(),
            chunk_ids: chunks::Cache::default(),
            // A test seam: read by debug builds only, never by the app a user installs.
            write_fault: std::env::var_os(WRITE_FAULT_ENV)
                .filter(|v| cfg!(debug_assertions) && !v.is_empty())
                .map(PathBuf::from),
            upkeep: Vec::new(),
        };
        schema::configure(&store.conn)?;
        schema::migrate(&mut store.conn)?;
        let now = now_ms();
        let templates = store.load_builtin_templates();
        store.note_upkeep("nạp mẫu báo cáo", templates);
        let purged = store.purge_trash(now).map(|_| ());
        store.note_upkeep("dọn thùng rác", purged);
        let backed_up = store.auto_backup_if_due(now).map(|_| ());
        store.note_upkeep("sao lưu tự động", backed_up);
        if chosen_backup {
            let copied = store.auto_backup_to_chosen_if_due(now).map(|_| ());
            store.note_upkeep("sao lưu tự động vào thư mục đã chọn", copied);
        }
        let swept = store.daily_sweep(now);
        store.note_upkeep("dọn cơ sở dữ liệu", swept);
        Ok(store)
    }

    /// What failed in the upkeep at open (the automatic backup, the trash, the sweep), in
    /// Vietnamese: the app shows it, the CLI prints it. Empty when all went well.
    pub fn upkeep_problems(&self) -> &[Error] {
        &self.upkeep
    }

    fn note_upkeep(&mut self, what: &str, result: Result<()>) {
        if let Err(e) = result {
            crate::log::append(&self.dir, &format!("Lỗi khi {what}: {}", e.message));
            self.upkeep.push(Error::new(
                e.kind,
                format!(
                    "Chưa {what} được: {} Dữ liệu đã lưu vẫn an toàn.",
                    e.message
                ),
            ));
        }
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

    /// Once a day: sweeping chunks nothing points to any more.
    fn daily_sweep(&mut self, now: i64) -> Result<()> {
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
            self.apply_write_fault()?;
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

/// Why an existing database cannot be used as it is.
enum Check {
    /// SQLite says it is damaged: it is moved aside.
    Damaged(String),
    /// Anything else (held by another program, no permission, a disk error): reported, and
    /// the file is left exactly as it is. A locked file is not a damaged file.
    Failed(rusqlite::Error),
}

/// How long the check waits for a database held by another program (an antivirus scanning
/// it, a second process) before saying so.
pub const LOCK_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseCorrupt) | Some(ErrorCode::NotADatabase)
    )
}

fn is_lock(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked)
    )
}

/// Checks an existing database file before the store uses it. Opened read-write so that a WAL
/// left by a crash is recovered first (recovery is part of SQLite's durability, not damage).
/// A database held by another program is waited for ([`LOCK_WAIT`], SQLite's busy handler).
fn check_file(path: &Path) -> std::result::Result<(), Check> {
    let classify = |e: rusqlite::Error| {
        if is_damage(&e) {
            Check::Damaged(e.to_string())
        } else {
            Check::Failed(e)
        }
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(classify)?;
    conn.busy_timeout(LOCK_WAIT).map_err(classify)?;
    let rows: Vec<String> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut stmt| {
            stmt.query_map([], |r| r.get::<_, String>(0))?
                .collect::<rusqlite::Result<_>>()
        })
        .map_err(classify)?;
    if rows.len() == 1 && rows[0] == "ok" {
        Ok(())
    } else {
        Err(Check::Damaged(rows.join("; ")))
    }
}

/// "Held by another program", in Vietnamese: nothing was changed, close it and try again.
fn locked() -> Error {
    Error::storage(
        "Cơ sở dữ liệu đang bị chương trình khác khóa (có thể là phần mềm diệt virus, công cụ sao lưu hoặc một cửa sổ Báo cáo khác). Dữ liệu không bị thay đổi. Hãy đợi một lát hoặc đóng chương trình đó rồi mở lại Báo cáo.",
    )
}

/// A failure to open the database: locked, or SQLite's reason.
fn open_err(e: &rusqlite::Error) -> Error {
    if is_lock(e) {
        locked()
    } else {
        storage_err("mở cơ sở dữ liệu", e)
    }
}

/// Whether data folder `dir` has never held a store before this one: no backup, no damaged
/// database kept aside.
pub(crate) fn is_first_start(dir: &Path) -> bool {
    let aside = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(&format!("{DB_FILE}.hong-"))
        })
    });
    !aside && list_backups_in(dir).is_empty()
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
            "cơ sở dữ liệu đang bị chương trình khác khóa (phần mềm diệt virus, công cụ sao lưu hoặc một cửa sổ Báo cáo khác); hãy đợi một lát hoặc đóng chương trình đó rồi thử lại"
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
    Error::storage(format!("Không {action} được: {hint} ({}).", detail(e)))
}

/// SQLite's own words, kept in the message for whoever helps the user, on one short line: some
/// errors quote a whole schema, over many lines.
fn detail(e: &rusqlite::Error) -> String {
    const MAX_CHARS: usize = 120;
    let text = e.to_string();
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= MAX_CHARS {
        line
    } else {
        let cut: String = line.chars().take(MAX_CHARS).collect();
        format!("{}…", cut.trim_end())
    }
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

    #[test]
    fn only_corrupt_and_not_a_database_count_as_damage() {
        let err = |code| rusqlite::Error::SqliteFailure(rusqlite::ffi::Error::new(code), None);
        assert!(is_damage(&err(rusqlite::ffi::SQLITE_CORRUPT)));
        assert!(is_damage(&err(rusqlite::ffi::SQLITE_NOTADB)));
        for code in [
            rusqlite::ffi::SQLITE_BUSY,
            rusqlite::ffi::SQLITE_LOCKED,
            rusqlite::ffi::SQLITE_CANTOPEN,
            rusqlite::ffi::SQLITE_IOERR,
            rusqlite::ffi::SQLITE_PERM,
        ] {
            assert!(!is_damage(&err(code)), "{code}");
        }
        assert!(is_lock(&err(rusqlite::ffi::SQLITE_BUSY)));
    }
}
