//! Autosave and versions.
//!
//! The app calls [`Store::save_draft`] within a second of the user pausing; a save is one small
//! transaction (only chunks that changed are written, see `chunks.rs`) and is on disk when it
//! returns. Versions are kept without asking, but coalesced: at most one automatic version per
//! [`AUTO_VERSION_EVERY_MS`] of editing, plus one when a draft is opened or closed with changes,
//! so an hour of typing is a handful of versions. Named versions ("Bản trình lần 1") are taken by
//! hand. Restoring a version makes a new version; nothing is ever overwritten.

use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

use super::chunks::{Reader, Writer};
use super::{no_draft, now_ms, storage_err, Store};
use crate::error::{Error, Result};
use crate::model::Report;
use crate::text::nfc;

/// At most one automatic version per this many milliseconds of editing (10 minutes).
pub const AUTO_VERSION_EVERY_MS: i64 = 10 * 60 * 1000;
const MAX_LABEL_CHARS: usize = 200;

/// Why a version was kept. Stored as a code, shown in Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VersionKind {
    /// The draft was created.
    Created,
    /// Kept automatically while editing.
    Auto,
    /// The state found when the draft was opened.
    Opened,
    /// The state left when the draft was closed.
    Closed,
    /// Named by the user.
    Named,
    /// An earlier version brought back.
    Restored,
    /// Brought in from a file.
    Imported,
}

impl VersionKind {
    pub fn code(self) -> &'static str {
        match self {
            VersionKind::Created => "created",
            VersionKind::Auto => "auto",
            VersionKind::Opened => "opened",
            VersionKind::Closed => "closed",
            VersionKind::Named => "named",
            VersionKind::Restored => "restored",
            VersionKind::Imported => "imported",
        }
    }
    pub fn from_code(code: &str) -> VersionKind {
        match code {
            "created" => VersionKind::Created,
            "opened" => VersionKind::Opened,
            "closed" => VersionKind::Closed,
            "named" => VersionKind::Named,
            "restored" => VersionKind::Restored,
            "imported" => VersionKind::Imported,
            _ => VersionKind::Auto,
        }
    }
    /// As the user reads it in the version list.
    pub fn label(self) -> &'static str {
        match self {
            VersionKind::Created => "tạo mới",
            VersionKind::Auto => "tự động lưu",
            VersionKind::Opened => "khi mở",
            VersionKind::Closed => "khi đóng",
            VersionKind::Named => "đặt tên",
            VersionKind::Restored => "khôi phục",
            VersionKind::Imported => "nhập từ tệp",
        }
    }
}

/// One version in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionInfo {
    pub id: i64,
    pub draft_id: String,
    /// Milliseconds since the Unix epoch (UTC).
    pub created: i64,
    pub kind: VersionKind,
    /// The user's name for it ("Bản trình lần 1"), or what it was restored from.
    pub label: Option<String>,
}

pub(crate) fn insert_version(
    tx: &Transaction,
    draft_id: &str,
    root: i64,
    created: i64,
    kind: VersionKind,
    label: Option<&str>,
) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO versions(draft_id, root, created, kind, label) VALUES(?1, ?2, ?3, ?4, ?5)",
    )
    .and_then(|mut s| s.execute(params![draft_id, root, created, kind.code(), label]))
    .map_err(|e| storage_err("lưu phiên bản", &e))?;
    Ok(tx.last_insert_rowid())
}

/// (root, created) of the latest version of a draft.
fn last_version(tx: &Transaction, draft_id: &str) -> Result<Option<(i64, i64)>> {
    tx.prepare_cached(
        "SELECT root, created FROM versions WHERE draft_id = ?1 ORDER BY id DESC LIMIT 1",
    )
    .and_then(|mut s| {
        s.query_row([draft_id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()
    })
    .map_err(|e| storage_err("đọc phiên bản", &e))
}

fn clean_label(label: &str) -> Result<String> {
    let l: String = nfc(label.trim()).chars().take(MAX_LABEL_CHARS).collect();
    if l.is_empty() {
        return Err(Error::input(
            "Tên phiên bản đang để trống. Hãy đặt tên, ví dụ “Bản trình lần 1”.",
        ));
    }
    Ok(l)
}

impl Store {
    /// Autosave: stores `report` as the current state of draft `id`. Durable when it returns.
    ///
    /// Returns whether anything changed. An automatic version is kept when the last version of
    /// the draft is older than [`AUTO_VERSION_EVERY_MS`].
    pub fn save_draft(&mut self, id: &str, report: &Report) -> Result<bool> {
        self.save_draft_at(id, report, now_ms())
    }

    /// [`Store::save_draft`] at a given time; for tests of the coalescing, which cannot wait ten
    /// minutes.
    #[doc(hidden)]
    pub fn save_draft_at(&mut self, id: &str, report: &Report, now: i64) -> Result<bool> {
        self.apply_write_fault()?;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("lưu bản nháp", &e))?;
        let current: Option<i64> = tx
            .prepare_cached("SELECT root FROM drafts WHERE id = ?1 AND deleted_at IS NULL")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| storage_err("lưu bản nháp", &e))?;
        let Some(current) = current else {
            return Err(no_draft(id));
        };
        let mut w = Writer::new(&tx, &self.chunk_ids);
        let root = w.put_report(report)?;
        let added = std::mem::take(&mut w.added);
        if root == current {
            drop(tx);
            self.remember_chunks(added);
            return Ok(false);
        }
        tx.prepare_cached("UPDATE drafts SET root = ?1, modified = ?2 WHERE id = ?3")
            .and_then(|mut s| s.execute(params![root, now, id]))
            .map_err(|e| storage_err("lưu bản nháp", &e))?;
        let due = match last_version(&tx, id)? {
            Some((_, created)) => now - created >= AUTO_VERSION_EVERY_MS,
            None => true,
        };
        if due {
            insert_version(&tx, id, root, now, VersionKind::Auto, None)?;
        }
        tx.commit().map_err(|e| storage_err("lưu bản nháp", &e))?;
        self.remember_chunks(added);
        Ok(true)
    }

    /// Keeps the current state as a version of `kind` if it differs from the latest version.
    fn checkpoint(&mut self, id: &str, kind: VersionKind) -> Result<()> {
        self.apply_write_fault()?;
        let root = self.root_of(id)?;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("lưu phiên bản", &e))?;
        let differs = last_version(&tx, id)?.is_none_or(|(r, _)| r != root);
        if differs {
            insert_version(&tx, id, root, now_ms(), kind, None)?;
        }
        tx.commit().map_err(|e| storage_err("lưu phiên bản", &e))
    }

    /// What the editor calls to open draft `id`: its report, after keeping the state found as a
    /// version if it was never kept (e.g. after a crash between two automatic versions).
    pub fn open_draft(&mut self, id: &str) -> Result<Report> {
        self.checkpoint(id, VersionKind::Opened)?;
        self.load_draft(id)
    }

    /// What the editor calls when it closes draft `id` (after its last save): keeps the state
    /// left as a version if it changed since the last one.
    pub fn close_draft(&mut self, id: &str) -> Result<()> {
        self.checkpoint(id, VersionKind::Closed)
    }

    /// Keeps the current state of draft `id` as a named version ("Bản trình lần 1").
    pub fn save_version(&mut self, id: &str, label: &str) -> Result<VersionInfo> {
        let label = clean_label(label)?;
        let root = self.root_of(id)?;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("lưu phiên bản", &e))?;
        let vid = insert_version(&tx, id, root, now_ms(), VersionKind::Named, Some(&label))?;
        tx.commit().map_err(|e| storage_err("lưu phiên bản", &e))?;
        self.version_info(vid)
    }

    /// The versions of draft `id`, newest first.
    pub fn list_versions(&self, id: &str) -> Result<Vec<VersionInfo>> {
        self.root_of(id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT id, draft_id, created, kind, label FROM versions
                 WHERE draft_id = ?1 ORDER BY id DESC",
            )
            .map_err(|e| storage_err("đọc phiên bản", &e))?;
        let rows = stmt
            .query_map([id], version_from_row)
            .map_err(|e| storage_err("đọc phiên bản", &e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| storage_err("đọc phiên bản", &e))
    }

    pub fn version_info(&self, version_id: i64) -> Result<VersionInfo> {
        self.conn
            .query_row(
                "SELECT id, draft_id, created, kind, label FROM versions WHERE id = ?1",
                [version_id],
                version_from_row,
            )
            .optional()
            .map_err(|e| storage_err("đọc phiên bản", &e))?
            .ok_or_else(|| no_version(version_id))
    }

    /// The report of a version, to show read-only. Nothing is written.
    pub fn load_version(&self, version_id: i64) -> Result<Report> {
        let root: i64 = self
            .conn
            .query_row(
                "SELECT root FROM versions WHERE id = ?1",
                [version_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| storage_err("đọc phiên bản", &e))?
            .ok_or_else(|| no_version(version_id))?;
        Reader::new(&self.conn).report(root)
    }

    /// Makes version `version_id` the current state of its draft, as a new version; the state it
    /// replaces is kept as a version first if it was not one already. Returns the new version.
    pub fn restore_version(&mut self, version_id: i64) -> Result<VersionInfo> {
        let v = self.version_info(version_id)?;
        let root: i64 = self
            .conn
            .query_row(
                "SELECT root FROM versions WHERE id = ?1",
                [version_id],
                |r| r.get(0),
            )
            .map_err(|e| storage_err("đọc phiên bản", &e))?;
        let current = self.root_of(&v.draft_id)?;
        let now = now_ms();
        let label = match &v.label {
            Some(l) => format!("Khôi phục “{l}” ({})", super::format_time(v.created)),
            None => format!("Khôi phục bản lúc {}", super::format_time(v.created)),
        };
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("khôi phục phiên bản", &e))?;
        if last_version(&tx, &v.draft_id)?.is_none_or(|(r, _)| r != current) {
            insert_version(&tx, &v.draft_id, current, now, VersionKind::Auto, None)?;
        }
        tx.execute(
            "UPDATE drafts SET root = ?1, modified = ?2 WHERE id = ?3",
            params![root, now, v.draft_id],
        )
        .map_err(|e| storage_err("khôi phục phiên bản", &e))?;
        let vid = insert_version(
            &tx,
            &v.draft_id,
            root,
            now,
            VersionKind::Restored,
            Some(&label),
        )?;
        tx.commit()
            .map_err(|e| storage_err("khôi phục phiên bản", &e))?;
        self.version_info(vid)
    }
}

fn version_from_row(r: &rusqlite::Row) -> rusqlite::Result<VersionInfo> {
    let kind: String = r.get(3)?;
    Ok(VersionInfo {
        id: r.get(0)?,
        draft_id: r.get(1)?,
        created: r.get(2)?,
        kind: VersionKind::from_code(&kind),
        label: r.get(4)?,
    })
}

fn no_version(id: i64) -> Error {
    Error::input(format!(
        "Không có phiên bản số {id}. Hãy chọn lại trong danh sách phiên bản của bản nháp."
    ))
}
