//! "Tổng hợp" in the store: the summary becomes a draft like any other, and what it was summed
//! from is kept beside it (see `schema::V4`); a template's marks are kept under its key.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{now_ms, storage_err, DraftInfo, Store};
use crate::consolidate::{
    marks::template_key, Consolidation, Finding, Marks, SectionTexts, Summed, UnitInfo,
};
use crate::error::{Error, Result};
use crate::model::Report;

/// What a summary draft was summed from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredConsolidation {
    pub coverage: String,
    pub cells: Vec<Summed>,
    pub findings: Vec<Finding>,
    pub units: Vec<UnitInfo>,
    /// Each unit's text of each narrative section, offered beside the section in the form.
    /// (Summaries kept before it was stored have none.)
    #[serde(default)]
    pub texts: Vec<SectionTexts>,
}

impl Store {
    /// Files `c.summary` as a new draft, keeps its sources with it and the marks with the
    /// template, all in one transaction's worth of care (the draft first: a failure after it
    /// leaves a usable draft, never sources without one).
    pub fn save_consolidation(
        &mut self,
        template: &Report,
        c: &Consolidation,
    ) -> Result<DraftInfo> {
        let info = self.import_report(&c.summary)?;
        let key = template_key(template);
        let stored = StoredConsolidation {
            coverage: c.coverage(),
            cells: c.cells.clone(),
            findings: c.findings.clone(),
            units: c.units.clone(),
            texts: c.texts.clone(),
        };
        let data = serde_json::to_string(&stored).map_err(|e| {
            Error::internal(format!("Không ghi được nguồn số liệu tổng hợp ({e})."))
        })?;
        let marks = serde_json::to_string(&c.marks)
            .map_err(|e| Error::internal(format!("Không ghi được đánh dấu của mẫu ({e}).")))?;
        let now = now_ms();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("lưu bản tổng hợp", &e))?;
        tx.execute(
            "INSERT INTO consolidations(draft_id, template_key, data, created) VALUES (?1, ?2, ?3, ?4)",
            params![info.id, key, data, now],
        )
        .map_err(|e| storage_err("lưu bản tổng hợp", &e))?;
        tx.execute(
            "INSERT INTO consolidation_marks(template_key, data, modified) VALUES (?1, ?2, ?3)
             ON CONFLICT(template_key) DO UPDATE SET data = excluded.data, modified = excluded.modified",
            params![key, marks, now],
        )
        .map_err(|e| storage_err("lưu bản tổng hợp", &e))?;
        tx.commit()
            .map_err(|e| storage_err("lưu bản tổng hợp", &e))?;
        Ok(info)
    }

    /// What draft `id` was summed from, when it is a summary.
    pub fn consolidation_of(&self, id: &str) -> Result<Option<StoredConsolidation>> {
        let data: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM consolidations WHERE draft_id = ?1 ORDER BY id DESC LIMIT 1",
                [id],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| storage_err("đọc nguồn số liệu tổng hợp", &e))?;
        data.map(|d| {
            serde_json::from_str(&d).map_err(|_| {
                Error::storage("Nguồn số liệu của bản tổng hợp bị hỏng. Hãy tổng hợp lại từ tệp của các đơn vị.")
            })
        })
        .transpose()
    }

    /// What draft `id` was summed from, as kept (the template's key and the JSON), for the
    /// draft's export file.
    pub(super) fn consolidation_row(&self, id: &str) -> Result<Option<(String, String)>> {
        self.conn
            .query_row(
                "SELECT template_key, data FROM consolidations WHERE draft_id = ?1 ORDER BY id DESC LIMIT 1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| storage_err("đọc nguồn số liệu tổng hợp", &e))
    }

    /// Keeps `data` (a [`StoredConsolidation`] as JSON, already checked) as what draft `id` was
    /// summed from: an imported summary brings its sources with it.
    pub(super) fn keep_consolidation(&mut self, id: &str, key: &str, data: &str) -> Result<()> {
        self.conn
            .execute(
                "INSERT INTO consolidations(draft_id, template_key, data, created) VALUES (?1, ?2, ?3, ?4)",
                params![id, key, data, now_ms()],
            )
            .map_err(|e| storage_err("nhập nguồn số liệu tổng hợp", &e))?;
        Ok(())
    }

    /// The marks kept for `template` (roster, ratio columns, indicators), or none.
    pub fn marks_for(&self, template: &Report) -> Result<Marks> {
        let data: Option<String> = self
            .conn
            .query_row(
                "SELECT data FROM consolidation_marks WHERE template_key = ?1",
                [template_key(template)],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| storage_err("đọc danh sách đơn vị của mẫu", &e))?;
        Ok(data
            .and_then(|d| serde_json::from_str(&d).ok())
            .unwrap_or_default())
    }

    /// Keeps `marks` for `template` (the roster the user edited).
    pub fn set_marks(&mut self, template: &Report, marks: &Marks) -> Result<()> {
        let data = serde_json::to_string(marks)
            .map_err(|e| Error::internal(format!("Không ghi được đánh dấu của mẫu ({e}).")))?;
        self.conn
            .execute(
                "INSERT INTO consolidation_marks(template_key, data, modified) VALUES (?1, ?2, ?3)
                 ON CONFLICT(template_key) DO UPDATE SET data = excluded.data, modified = excluded.modified",
                params![template_key(template), data, now_ms()],
            )
            .map_err(|e| storage_err("lưu danh sách đơn vị của mẫu", &e))?;
        Ok(())
    }
}
