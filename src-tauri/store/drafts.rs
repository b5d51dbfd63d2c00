//! Drafts: a report with its title, period, status and times; listing with search, rename,
//! duplicate, and a trash kept [`TRASH_DAYS`] days.

use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::chunks::{Reader, Writer};
use super::versions::VersionKind;
use super::{no_draft, now_ms, storage_err, Store};
use crate::error::{Error, Result};
use crate::model::Report;
use crate::text::nfc;

/// Days a deleted draft stays in the trash before it is purged at open.
pub const TRASH_DAYS: i64 = 30;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
/// Longest title kept; a longer one is a paste gone wrong, not a title.
const MAX_TITLE_CHARS: usize = 500;
/// Printable id alphabet: no 0/o, 1/l/i, so an id read aloud or copied by hand stays right.
const ID_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
const ID_LEN: usize = 6;

/// Where a draft is in its life. Stored as a code, shown in Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Đang soạn.
    #[default]
    DangSoan,
    /// Đã trình (sent up for signature).
    DaTrinh,
    /// Đã ký.
    DaKy,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::DangSoan => "dang_soan",
            Status::DaTrinh => "da_trinh",
            Status::DaKy => "da_ky",
        }
    }
    pub fn from_code(code: &str) -> Option<Status> {
        match code {
            "dang_soan" => Some(Status::DangSoan),
            "da_trinh" => Some(Status::DaTrinh),
            "da_ky" => Some(Status::DaKy),
            _ => None,
        }
    }
    /// As the user reads it.
    pub fn label(self) -> &'static str {
        match self {
            Status::DangSoan => "đang soạn",
            Status::DaTrinh => "đã trình",
            Status::DaKy => "đã ký",
        }
    }
}

/// What the list shows of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DraftInfo {
    /// Short printable id, e.g. "k7m2qx".
    pub id: String,
    pub title: String,
    /// Kỳ báo cáo as the user wrote it, e.g. "6 tháng đầu năm 2026".
    pub period: String,
    pub status: Status,
    /// Milliseconds since the Unix epoch (UTC); see [`super::format_time`].
    pub created: i64,
    pub modified: i64,
    /// When it went to the trash.
    pub deleted_at: Option<i64>,
}

/// Order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sort {
    /// Most recently changed first: what the user worked on last is on top.
    #[default]
    ModifiedDesc,
    ModifiedAsc,
    CreatedDesc,
    CreatedAsc,
}

/// A list request.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    /// Words to find in the title, ignoring case and accents ("bao cao" finds "Báo cáo").
    pub search: String,
    pub sort: Sort,
    /// At most this many drafts (all when `None`).
    pub limit: Option<usize>,
}

/// The key titles are searched by: NFD, accents dropped, "đ" → "d", lower case.
///
/// Why: users type without accents (or with a different keyboard) and expect "bao cao" to find
/// "Báo cáo" and "DANG" to find "Đảng", as in every search box they know.
pub fn fold_for_search(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

const COLUMNS: &str = "id, title, period, status, created, modified, deleted_at";

fn info_from_row(r: &Row) -> rusqlite::Result<DraftInfo> {
    let status: String = r.get(3)?;
    Ok(DraftInfo {
        id: r.get(0)?,
        title: r.get(1)?,
        period: r.get(2)?,
        status: Status::from_code(&status).unwrap_or_default(),
        created: r.get(4)?,
        modified: r.get(5)?,
        deleted_at: r.get(6)?,
    })
}

/// A title as stored: NFC, one line, trimmed, bounded; never empty.
pub(crate) fn clean_title(title: &str) -> String {
    let t: String = nfc(title)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_TITLE_CHARS)
        .collect();
    if t.is_empty() {
        "Báo cáo chưa đặt tên".to_string()
    } else {
        t
    }
}

fn new_id(seed: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = Sha256::new();
    h.update(seed);
    h.update(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default()
            .to_le_bytes(),
    );
    h.update(std::process::id().to_le_bytes());
    h.update(COUNTER.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.finalize()
        .iter()
        .take(ID_LEN)
        .map(|b| ID_ALPHABET[*b as usize % ID_ALPHABET.len()] as char)
        .collect()
}

impl Store {
    /// A new draft from `report` as given (an import, a copy, the sample): no presets applied.
    pub fn create_draft_from_report(
        &mut self,
        title: &str,
        period: &str,
        report: &Report,
    ) -> Result<DraftInfo> {
        self.insert_draft(
            title,
            period,
            Status::DangSoan,
            report,
            VersionKind::Created,
            None,
        )
    }

    /// A new, empty report, taking the default presets (agency, signer, recipients, archive,
    /// layout settings).
    pub fn create_draft(&mut self, title: &str, period: &str) -> Result<DraftInfo> {
        let mut report = Report {
            doc_type: "BÁO CÁO".to_string(),
            trich_yeu: nfc(title.trim()),
            ..Report::default()
        };
        self.apply_defaults(&mut report)?;
        self.create_draft_from_report(title, period, &report)
    }

    /// Inserts a draft and its first version in one transaction.
    pub(crate) fn insert_draft(
        &mut self,
        title: &str,
        period: &str,
        status: Status,
        report: &Report,
        kind: VersionKind,
        label: Option<&str>,
    ) -> Result<DraftInfo> {
        let title = clean_title(title);
        let period = nfc(period.trim());
        let now = now_ms();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("tạo bản nháp", &e))?;
        let mut w = Writer::new(&tx, &mut self.chunk_ids);
        let root = w.put_report(report)?;
        let added = std::mem::take(&mut w.added);
        let mut id = new_id(title.as_bytes());
        loop {
            let taken: bool = tx
                .query_row("SELECT 1 FROM drafts WHERE id = ?1", [&id], |_| Ok(true))
                .optional()
                .map_err(|e| storage_err("tạo bản nháp", &e))?
                .unwrap_or(false);
            if !taken {
                break;
            }
            id = new_id(id.as_bytes());
        }
        tx.execute(
            "INSERT INTO drafts(id, title, title_key, period, status, created, modified, root)
             VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            params![
                id,
                title,
                fold_for_search(&title),
                period,
                status.code(),
                now,
                root
            ],
        )
        .map_err(|e| storage_err("tạo bản nháp", &e))?;
        super::versions::insert_version(&tx, &id, root, now, kind, label)?;
        tx.commit().map_err(|e| storage_err("tạo bản nháp", &e))?;
        self.remember_chunks(added);
        self.draft_info(&id)
    }

    /// What the list shows of draft `id` (also of a draft in the trash).
    pub fn draft_info(&self, id: &str) -> Result<DraftInfo> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM drafts WHERE id = ?1"),
                [id],
                info_from_row,
            )
            .optional()
            .map_err(|e| storage_err("đọc bản nháp", &e))?
            .ok_or_else(|| no_draft(id))
    }

    /// The current report of draft `id`. Reading writes nothing: see [`Store::open_draft`] for
    /// what the editor calls.
    pub fn load_draft(&self, id: &str) -> Result<Report> {
        let root = self.root_of(id)?;
        Reader::new(&self.conn).report(root)
    }

    pub(crate) fn root_of(&self, id: &str) -> Result<i64> {
        self.conn
            .prepare_cached("SELECT root FROM drafts WHERE id = ?1")
            .and_then(|mut s| s.query_row([id], |r| r.get(0)).optional())
            .map_err(|e| storage_err("đọc bản nháp", &e))?
            .ok_or_else(|| no_draft(id))
    }

    /// Drafts not in the trash, filtered and sorted as `q` asks.
    pub fn list_drafts(&self, q: &Query) -> Result<Vec<DraftInfo>> {
        self.list(q, false)
    }

    /// Drafts in the trash, most recently deleted first.
    pub fn list_trash(&self) -> Result<Vec<DraftInfo>> {
        self.list(&Query::default(), true)
    }

    fn list(&self, q: &Query, trash: bool) -> Result<Vec<DraftInfo>> {
        let order = match (trash, q.sort) {
            (true, _) => "deleted_at DESC, rowid DESC",
            (false, Sort::ModifiedDesc) => "modified DESC, rowid DESC",
            (false, Sort::ModifiedAsc) => "modified ASC, rowid ASC",
            (false, Sort::CreatedDesc) => "created DESC, rowid DESC",
            // Drafts made within the same millisecond keep the order they were made in.
            (false, Sort::CreatedAsc) => "created ASC, rowid ASC",
        };
        let in_trash = if trash {
            "deleted_at IS NOT NULL"
        } else {
            "deleted_at IS NULL"
        };
        // Every word must appear, in any order: "mai bao cao" finds "Báo cáo … Bạch Mai".
        let words: Vec<String> = fold_for_search(&q.search)
            .split_whitespace()
            .map(|w| {
                let escaped = w
                    .replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_");
                format!("%{escaped}%")
            })
            .collect();
        let mut sql = format!("SELECT {COLUMNS} FROM drafts WHERE {in_trash}");
        for i in 0..words.len() {
            sql.push_str(&format!(" AND title_key LIKE ?{} ESCAPE '\\'", i + 1));
        }
        sql.push_str(&format!(" ORDER BY {order}, id"));
        if let Some(n) = q.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut stmt = self
            .conn
            .prepare_cached(&sql)
            .map_err(|e| storage_err("đọc danh sách bản nháp", &e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(words.iter()), info_from_row)
            .map_err(|e| storage_err("đọc danh sách bản nháp", &e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| storage_err("đọc danh sách bản nháp", &e))
    }

    fn update_one(&self, id: &str, sql: &str, p: impl rusqlite::Params) -> Result<()> {
        let n = self
            .conn
            .execute(sql, p)
            .map_err(|e| storage_err("lưu bản nháp", &e))?;
        if n == 0 {
            return Err(no_draft(id));
        }
        Ok(())
    }

    /// Renames draft `id`.
    pub fn rename(&mut self, id: &str, title: &str) -> Result<DraftInfo> {
        let title = clean_title(title);
        self.update_one(
            id,
            "UPDATE drafts SET title = ?1, title_key = ?2, modified = ?3 WHERE id = ?4",
            params![title, fold_for_search(&title), now_ms(), id],
        )?;
        self.draft_info(id)
    }

    /// Sets the report period shown in the list.
    pub fn set_period(&mut self, id: &str, period: &str) -> Result<DraftInfo> {
        self.update_one(
            id,
            "UPDATE drafts SET period = ?1, modified = ?2 WHERE id = ?3",
            params![nfc(period.trim()), now_ms(), id],
        )?;
        self.draft_info(id)
    }

    /// Marks draft `id` đang soạn / đã trình / đã ký.
    pub fn set_status(&mut self, id: &str, status: Status) -> Result<DraftInfo> {
        self.update_one(
            id,
            "UPDATE drafts SET status = ?1, modified = ?2 WHERE id = ?3",
            params![status.code(), now_ms(), id],
        )?;
        self.draft_info(id)
    }

    /// A new draft with the same report, titled "… (bản sao)"; its history starts afresh.
    /// This is also "new draft as a copy of an earlier report".
    pub fn duplicate(&mut self, id: &str) -> Result<DraftInfo> {
        let info = self.draft_info(id)?;
        let report = self.load_draft(id)?;
        self.insert_draft(
            &format!("{} (bản sao)", info.title),
            &info.period,
            Status::DangSoan,
            &report,
            VersionKind::Created,
            None,
        )
    }

    /// Moves draft `id` to the trash, where it stays [`TRASH_DAYS`] days.
    pub fn trash(&mut self, id: &str) -> Result<()> {
        self.update_one(
            id,
            "UPDATE drafts SET deleted_at = ?1 WHERE id = ?2 AND deleted_at IS NULL",
            params![now_ms(), id],
        )
    }

    /// Brings draft `id` back from the trash.
    pub fn restore_from_trash(&mut self, id: &str) -> Result<DraftInfo> {
        self.update_one(
            id,
            "UPDATE drafts SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id],
        )?;
        self.draft_info(id)
    }

    /// Deletes for good the drafts that went to the trash more than [`TRASH_DAYS`] days before
    /// `now` (with their versions); returns how many.
    pub fn purge_trash(&mut self, now: i64) -> Result<usize> {
        let n = self
            .conn
            .execute(
                "DELETE FROM drafts WHERE deleted_at IS NOT NULL AND deleted_at < ?1",
                [now - TRASH_DAYS * DAY_MS],
            )
            .map_err(|e| storage_err("dọn thùng rác", &e))?;
        if n > 0 {
            self.collect_garbage()?;
        }
        Ok(n)
    }

    /// Deletes draft `id` for good, only from the trash (the user emptied it by hand).
    pub fn delete_forever(&mut self, id: &str) -> Result<()> {
        let n = self
            .conn
            .execute(
                "DELETE FROM drafts WHERE id = ?1 AND deleted_at IS NOT NULL",
                [id],
            )
            .map_err(|e| storage_err("xóa bản nháp", &e))?;
        if n == 0 {
            return Err(Error::input(format!(
                "Bản nháp “{id}” không có trong thùng rác. Hãy xóa nó vào thùng rác trước."
            )));
        }
        self.collect_garbage()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_key_ignores_accents_and_case() {
        assert_eq!(fold_for_search("Báo cáo ĐẢNG ủy"), "bao cao dang uy");
        // Decomposed input folds the same as composed.
        assert_eq!(fold_for_search("Ho\u{0300}a"), fold_for_search("Hòa"));
    }

    #[test]
    fn ids_are_short_and_printable() {
        let id = new_id(b"x");
        assert_eq!(id.len(), ID_LEN);
        assert!(id.bytes().all(|b| ID_ALPHABET.contains(&b)));
        assert_ne!(new_id(b"x"), new_id(b"x"));
    }
}
