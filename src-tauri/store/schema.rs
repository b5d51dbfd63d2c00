//! The database schema and its migrations, numbered by `PRAGMA user_version`.
//!
//! Durability: the journal is WAL and `synchronous = FULL`. In WAL mode, `FULL` fsyncs the WAL at
//! every commit, so a transaction that has returned survives a power cut; `NORMAL` would only
//! survive a crash of the app and could silently lose the last seconds of typing when the power
//! goes, which is exactly the day this product exists for. The price is one fsync per autosave
//! (a few milliseconds at most), paid once per pause of the user, not per keystroke. WAL keeps
//! readers (the list, the preview) from blocking the autosave.
//!
//! Migrations only ever move forward, each in one transaction, so a power cut during an upgrade
//! leaves the previous schema intact. A database written by a newer Báo cáo is refused rather than
//! guessed at.

use rusqlite::Connection;

use super::storage_err;
use crate::error::{Error, Result};

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = 5;

/// Connection settings, applied at every open.
pub fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(std::time::Duration::from_secs(5))
        .map_err(|e| storage_err("mở cơ sở dữ liệu", &e))?;
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| storage_err("mở cơ sở dữ liệu", &e))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(Error::storage(format!(
            "Không bật được chế độ ghi an toàn (WAL) cho cơ sở dữ liệu (đang là “{mode}”). Hãy để thư mục dữ liệu trên ổ đĩa của máy, không trên ổ mạng."
        )));
    }
    conn.execute_batch(
        "PRAGMA synchronous = FULL;
         PRAGMA foreign_keys = ON;",
    )
    .map_err(|e| storage_err("mở cơ sở dữ liệu", &e))?;
    Ok(())
}

/// The schema version of the open database.
pub fn version(conn: &Connection) -> Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| storage_err("đọc cơ sở dữ liệu", &e))
}

/// Brings the database to [`SCHEMA_VERSION`].
pub fn migrate(conn: &mut Connection) -> Result<()> {
    let from = version(conn)?;
    if from > SCHEMA_VERSION {
        return Err(Error::storage(format!(
            "Dữ liệu được ghi bằng phiên bản Báo cáo mới hơn (lược đồ {from}). Hãy cập nhật Báo cáo rồi mở lại."
        )));
    }
    for v in from + 1..=SCHEMA_VERSION {
        let tx = conn
            .transaction()
            .map_err(|e| storage_err("nâng cấp cơ sở dữ liệu", &e))?;
        match v {
            1 => tx.execute_batch(V1),
            2 => v2(&tx),
            3 => tx.execute_batch(V3),
            4 => tx.execute_batch(V4),
            5 => tx.execute_batch(V5),
            _ => Ok(()),
        }
        .map_err(|e| storage_err("nâng cấp cơ sở dữ liệu", &e))?;
        tx.pragma_update(None, "user_version", v)
            .map_err(|e| storage_err("nâng cấp cơ sở dữ liệu", &e))?;
        tx.commit()
            .map_err(|e| storage_err("nâng cấp cơ sở dữ liệu", &e))?;
    }
    Ok(())
}

/// Version 1: the first schema.
///
/// Reports are stored as content-addressed chunks (see `chunks.rs`): a draft and each of its
/// versions point to a root chunk, so a version costs only what changed.
pub const V1: &str = "
CREATE TABLE chunks (
    id   INTEGER PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE,
    data BLOB NOT NULL
);
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    period     TEXT NOT NULL DEFAULT '',
    status     TEXT NOT NULL DEFAULT 'dang_soan'
               CHECK (status IN ('dang_soan', 'da_trinh', 'da_ky')),
    created    INTEGER NOT NULL,
    modified   INTEGER NOT NULL,
    root       INTEGER NOT NULL REFERENCES chunks(id),
    deleted_at INTEGER
);
CREATE INDEX drafts_by_modified ON drafts(modified);
CREATE TABLE versions (
    id       INTEGER PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    root     INTEGER NOT NULL REFERENCES chunks(id),
    created  INTEGER NOT NULL,
    kind     TEXT NOT NULL,
    label    TEXT
);
CREATE INDEX versions_by_draft ON versions(draft_id, id);
CREATE TABLE presets (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL,
    name       TEXT NOT NULL,
    data       TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE templates (
    id          INTEGER PRIMARY KEY,
    key         TEXT UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    report      TEXT NOT NULL,
    builtin     INTEGER NOT NULL DEFAULT 0,
    created     INTEGER NOT NULL
);
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
";

/// Version 2: a search key beside each title, so that "bao cao" finds "Báo cáo" (see
/// `drafts::fold_for_search`). Computed in Rust for the drafts already there, because SQLite's
/// `lower()` knows neither Vietnamese letters nor accents.
fn v2(tx: &rusqlite::Transaction) -> rusqlite::Result<()> {
    tx.execute_batch("ALTER TABLE drafts ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")?;
    let rows: Vec<(String, String)> = {
        let mut stmt = tx.prepare("SELECT id, title FROM drafts")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut upd = tx.prepare("UPDATE drafts SET title_key = ?1 WHERE id = ?2")?;
    for (id, title) in rows {
        upd.execute((super::drafts::fold_for_search(&title), id))?;
    }
    Ok(())
}

/// Version 3: what the user must review in a draft made by "Tạo báo cáo kỳ sau" (dates and period
/// words left from the old period), kept until the user marks each one "Đã xem". A finding is
/// stored as its JSON (`finding::Finding`), so a new kind of finding needs no migration.
pub const V3: &str = "
CREATE TABLE review_items (
    id       INTEGER PRIMARY KEY,
    draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    finding  TEXT NOT NULL,
    created  INTEGER NOT NULL
);
CREATE INDEX review_items_by_draft ON review_items(draft_id, id);
";

/// Version 4: "Tổng hợp". A summary draft keeps what it was summed from (each summed cell's
/// sources, the findings, the units), so that clicking a total lists each unit's value and file
/// long after the units' files are gone; a template's marks (roster, ratio columns, appendix
/// indicators) are kept under the template's key (`consolidate::marks::template_key`). Stored as
/// JSON: a new kind of finding needs no migration. `IF NOT EXISTS`, so that a database that
/// gained the tables some other way upgrades all the same.
pub const V4: &str = "
CREATE TABLE IF NOT EXISTS consolidations (
    id           INTEGER PRIMARY KEY,
    draft_id     TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    template_key TEXT NOT NULL,
    data         TEXT NOT NULL,
    created      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS consolidations_by_draft ON consolidations(draft_id, id);
CREATE TABLE IF NOT EXISTS consolidation_marks (
    template_key TEXT PRIMARY KEY,
    data         TEXT NOT NULL,
    modified     INTEGER NOT NULL
);
";

/// Version 5: "Ký số". The signature image kept with a signer preset and the seal image kept
/// with an agency preset (PNG bytes, transparent), so that the person and the văn thư pick
/// them once. A table of its own rather than a field of the preset's JSON: the images are
/// binary and a preset's JSON is read for every list; removing the preset removes its image.
pub const V5: &str = "
CREATE TABLE IF NOT EXISTS preset_images (
    preset_id INTEGER PRIMARY KEY REFERENCES presets(id) ON DELETE CASCADE,
    png       BLOB NOT NULL,
    modified  INTEGER NOT NULL
);
";
