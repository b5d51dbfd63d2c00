//! Templates: report outlines (headings, each with a short hint of what goes in it, no body text),
//! shipped as data in `assets/templates/*.json` and loaded into the database on first start, so
//! that a ward can edit, add and delete them like any other data. "Save as template" turns any
//! draft into one; a new draft starts from a template, taking the default presets.

use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

use super::{now_ms, storage_err, DraftInfo, Store};
use crate::error::{Error, Result};
use crate::model::{Report, Section};
use crate::text::nfc;

/// Format name of a template file.
pub const TEMPLATE_FORMAT: &str = "baocao-template";
/// Raised when templates are added or changed in `assets/templates`, so that an existing store
/// picks up the new ones (those the user deleted are not brought back: only new keys are added).
const BUILTIN_TEMPLATES_VERSION: i64 = 1;

/// The templates shipped with the app, embedded so that the app needs no file beside it.
const BUILTIN: &[&str] = &[
    include_str!("../../assets/templates/bao-cao-6-thang.json"),
    include_str!("../../assets/templates/bao-cao-nam.json"),
    include_str!("../../assets/templates/bao-cao-quy.json"),
    include_str!("../../assets/templates/bao-cao-thang.json"),
];

#[derive(Deserialize)]
struct TemplateFile {
    format: String,
    version: u32,
    key: String,
    name: String,
    #[serde(default)]
    description: String,
    report: Report,
}

/// A template in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TemplateInfo {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Shipped with the app (rather than saved from a draft).
    pub builtin: bool,
}

/// The outline of `report`: headings and hints kept, body text and figures dropped.
fn outline_of(report: &Report) -> Report {
    fn strip(sections: &[Section]) -> Vec<Section> {
        sections
            .iter()
            .map(|s| Section {
                id: s.id.clone(),
                label: s.label.clone(),
                level: s.level,
                title: s.title.clone(),
                hint: s.hint.clone(),
                blocks: Vec::new(),
                children: strip(&s.children),
                figures: Vec::new(),
            })
            .collect()
    }
    let mut r = report.clone();
    r.intro.clear();
    r.body = strip(&report.body);
    for (a, src) in r.appendices.iter_mut().zip(&report.appendices) {
        a.intro.clear();
        a.body = strip(&src.body);
    }
    r.number = None;
    r.marks = Default::default();
    r
}

impl Store {
    /// Loads the shipped templates on first start (and new ones after an update).
    pub(crate) fn load_builtin_templates(&mut self) -> Result<()> {
        let loaded: i64 = self
            .conn
            .query_row(
                "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'builtin_templates'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| storage_err("nạp mẫu báo cáo", &e))?
            .unwrap_or(0);
        if loaded >= BUILTIN_TEMPLATES_VERSION {
            return Ok(());
        }
        let now = now_ms();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("nạp mẫu báo cáo", &e))?;
        for text in BUILTIN {
            let t: TemplateFile = serde_json::from_str(text).map_err(|e| {
                Error::internal(format!("Mẫu báo cáo kèm theo chương trình bị hỏng ({e})."))
            })?;
            if t.format != TEMPLATE_FORMAT || t.version != 1 {
                return Err(Error::internal(
                    "Mẫu báo cáo kèm theo chương trình sai định dạng.",
                ));
            }
            let mut report = t.report;
            report.normalize();
            let json = serde_json::to_string(&report)
                .map_err(|e| Error::internal(format!("Không lưu được mẫu báo cáo ({e}).")))?;
            tx.execute(
                "INSERT OR IGNORE INTO templates(key, name, description, report, builtin, created)
                 VALUES(?1, ?2, ?3, ?4, 1, ?5)",
                params![t.key, t.name, t.description, json, now],
            )
            .map_err(|e| storage_err("nạp mẫu báo cáo", &e))?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES('builtin_templates', ?1)",
            [BUILTIN_TEMPLATES_VERSION.to_string()],
        )
        .map_err(|e| storage_err("nạp mẫu báo cáo", &e))?;
        tx.commit().map_err(|e| storage_err("nạp mẫu báo cáo", &e))
    }

    /// All templates: the shipped ones first, then the user's, by name.
    pub fn templates(&self) -> Result<Vec<TemplateInfo>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, name, description, builtin FROM templates
                 ORDER BY builtin DESC, id",
            )
            .map_err(|e| storage_err("đọc mẫu báo cáo", &e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok(TemplateInfo {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    description: r.get(2)?,
                    builtin: r.get(3)?,
                })
            })
            .map_err(|e| storage_err("đọc mẫu báo cáo", &e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| storage_err("đọc mẫu báo cáo", &e))
    }

    /// The outline of template `id`.
    pub fn template_report(&self, id: i64) -> Result<Report> {
        let json: String = self
            .conn
            .query_row("SELECT report FROM templates WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| storage_err("đọc mẫu báo cáo", &e))?
            .ok_or_else(|| no_template(id))?;
        let mut report: Report = serde_json::from_str(&json).map_err(|_| {
            Error::storage(format!(
                "Mẫu báo cáo số {id} bị hỏng. Hãy xóa mẫu này và lưu lại từ một bản nháp."
            ))
        })?;
        // A template may come from a backup someone handed us.
        report.clamp_sizes();
        Ok(report)
    }

    /// "Lưu thành mẫu": the outline of draft `draft_id` (headings and hints, no body text) as a
    /// new template. Returns its id.
    pub fn save_as_template(
        &mut self,
        draft_id: &str,
        name: &str,
        description: &str,
    ) -> Result<i64> {
        let name = nfc(name.trim());
        if name.is_empty() {
            return Err(Error::input(
                "Tên mẫu đang để trống. Hãy đặt tên cho mẫu báo cáo.",
            ));
        }
        let report = outline_of(&self.load_draft(draft_id)?);
        let json = serde_json::to_string(&report)
            .map_err(|e| Error::internal(format!("Không lưu được mẫu báo cáo ({e}).")))?;
        self.conn
            .execute(
                "INSERT INTO templates(name, description, report, builtin, created)
                 VALUES(?1, ?2, ?3, 0, ?4)",
                params![name, nfc(description.trim()), json, now_ms()],
            )
            .map_err(|e| storage_err("lưu mẫu báo cáo", &e))?;
        Ok(self.conn.last_insert_rowid())
    }

    pub fn delete_template(&mut self, id: i64) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM templates WHERE id = ?1", [id])
            .map_err(|e| storage_err("xóa mẫu báo cáo", &e))?;
        if n == 0 {
            return Err(no_template(id));
        }
        Ok(())
    }

    /// A new draft from template `template_id`, taking the default presets where the template
    /// leaves the heading part blank.
    pub fn new_from_template(
        &mut self,
        template_id: i64,
        title: &str,
        period: &str,
    ) -> Result<DraftInfo> {
        let mut report = self.template_report(template_id)?;
        let from_template = report.clone();
        self.apply_defaults(&mut report)?;
        // The template's own heading part wins over the defaults where it has one.
        if !from_template.issuer.name_lines.is_empty() {
            report.issuer = from_template.issuer;
        }
        if !from_template.trich_yeu.is_empty() && title.trim().is_empty() {
            report.trich_yeu = from_template.trich_yeu;
        } else if !title.trim().is_empty() {
            report.trich_yeu = nfc(title.trim());
        }
        self.create_draft_from_report(title, period, &report)
    }

    /// On the very first start (no drafts at all), creates the draft "Báo cáo mẫu" from the
    /// sample report shipped in `assets/samples/`, so the user sees at once what the app makes.
    /// Returns the new draft, or `None` when the store already holds drafts.
    pub fn seed_sample(&mut self) -> Result<Option<DraftInfo>> {
        let any: bool = self
            .conn
            .query_row("SELECT EXISTS(SELECT 1 FROM drafts)", [], |r| r.get(0))
            .map_err(|e| storage_err("đọc bản nháp", &e))?;
        // Not on a fresh database that replaced a damaged one, nor on one whose drafts were
        // lost some other way: the sample would make it non-empty, and the daily backups of it
        // would push the last good backups out after 14 days.
        if any || !super::is_first_start(&self.dir) {
            return Ok(None);
        }
        let text =
            include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");
        let report = crate::import::import_text(text)?;
        self.create_draft_from_report("Báo cáo mẫu", "6 tháng đầu năm 2026", &report)
            .map(Some)
    }
}

fn no_template(id: i64) -> Error {
    Error::input(format!(
        "Không có mẫu báo cáo số {id}. Hãy chọn lại trong danh sách mẫu."
    ))
}
