//! Review items: what a draft made for the next period still carries from the old one (dates,
//! period words), listed in the checks panel until the user marks each one "Đã xem".

use rusqlite::params;
use serde::Serialize;

use super::{now_ms, storage_err, Store};
use crate::error::{Error, Result};
use crate::finding::Finding;

/// One finding to review, with its id for "Đã xem".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReviewItem {
    pub id: i64,
    pub finding: Finding,
}

impl Store {
    /// Keeps `findings` for review with draft `id`, after those already there.
    pub fn add_review_items(&mut self, id: &str, findings: &[Finding]) -> Result<()> {
        self.draft_info(id)?;
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("lưu danh sách cần xem lại", &e))?;
        let now = now_ms();
        for f in findings {
            let json = serde_json::to_string(f)
                .map_err(|e| Error::internal(format!("Không ghi được mục cần xem lại ({e}).")))?;
            tx.execute(
                "INSERT INTO review_items(draft_id, finding, created) VALUES (?1, ?2, ?3)",
                params![id, json, now],
            )
            .map_err(|e| storage_err("lưu danh sách cần xem lại", &e))?;
        }
        tx.commit()
            .map_err(|e| storage_err("lưu danh sách cần xem lại", &e))
    }

    /// The items still to review for draft `id`, in the order they were added. An item this
    /// build cannot read (written by a newer Báo cáo) is left out, not an error.
    pub fn review_items(&self, id: &str) -> Result<Vec<ReviewItem>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, finding FROM review_items WHERE draft_id = ?1 ORDER BY id")
            .map_err(|e| storage_err("đọc danh sách cần xem lại", &e))?;
        let rows = stmt
            .query_map(params![id], |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .map_err(|e| storage_err("đọc danh sách cần xem lại", &e))?;
        let mut out = Vec::new();
        for row in rows {
            let (item, json) = row.map_err(|e| storage_err("đọc danh sách cần xem lại", &e))?;
            if let Ok(finding) = serde_json::from_str(&json) {
                out.push(ReviewItem { id: item, finding });
            }
        }
        Ok(out)
    }

    /// "Đã xem tất cả": removes every item of draft `id`; returns how many there were.
    pub fn clear_review_items(&mut self, id: &str) -> Result<usize> {
        self.draft_info(id)?;
        self.conn
            .execute("DELETE FROM review_items WHERE draft_id = ?1", params![id])
            .map_err(|e| storage_err("cập nhật danh sách cần xem lại", &e))
    }

    /// "Đã xem": removes one item of draft `id`. An item already gone is not an error (the
    /// user clicked twice).
    pub fn dismiss_review_item(&mut self, id: &str, item: i64) -> Result<()> {
        let n = self
            .conn
            .execute(
                "DELETE FROM review_items WHERE draft_id = ?1 AND id = ?2",
                params![id, item],
            )
            .map_err(|e| storage_err("cập nhật danh sách cần xem lại", &e))?;
        if n == 0 {
            self.draft_info(id)?;
        }
        Ok(())
    }
}
