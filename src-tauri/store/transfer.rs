//! One draft to a single file and back, to carry a report between PCs.
//!
//! ```json
//! { "format": "baocao-draft", "version": 3,
//!   "draft": { "title": …, "period": …, "status": "dang_soan", "created": …, "modified": … },
//!   "report": { … },
//!   "versions": [ { "created": …, "kind": "named", "label": "Bản trình lần 1", "report": { … } } ],
//!   "dictionary": [ "bạch", … ],
//!   "tong_hop": { "template_key": …, "data": { "coverage": …, "cells": [ … ], … } } }
//! ```
//! `dictionary` (optional) carries the agency's dictionary, so the draft's spelling checks read
//! the same on the other PC; an import adds its words to the dictionary there. `tong_hop`
//! (optional, a summary draft only) carries what the summary was summed from, so that a click on
//! a total still lists each unit's value and file on the other PC; an import that cannot read it
//! keeps the draft without it. Both are additions an older reader of version 3 skips.
//! Import trusts nothing: size first, then the format name and version, then every report
//! through the model's own checks (NFC, settings within the decree's ranges). It always creates a
//! new draft with a new id, so an import can never overwrite a draft.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::chunks::Writer;
use super::drafts::clean_title;
use super::versions::{insert_version, VersionKind};
use super::{now_ms, storage_err, DraftInfo, Status, Store};
use crate::error::{Error, Result};
use crate::model::Report;
use crate::text::nfc;

pub const DRAFT_FORMAT: &str = "baocao-draft";
/// The version this app writes; it reads every version up to it.
///
/// - 1: the first format.
/// - 2: `dictionary` (the agency's words) and reports of the report file's version 2
///   (`model::file::VERSION`). A version 1 file reads as it was written.
/// - 3: reports of the report file's version 3 (merged cells, total rows in tables).
pub const DRAFT_FORMAT_VERSION: u32 = 3;
/// Larger files are refused before parsing: a draft with its versions is a few MB.
pub const MAX_IMPORT_BYTES: usize = 100 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct DraftMeta {
    title: String,
    #[serde(default)]
    period: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    created: i64,
    #[serde(default)]
    modified: i64,
}

#[derive(Serialize, Deserialize)]
struct VersionOut {
    created: i64,
    kind: String,
    #[serde(default)]
    label: Option<String>,
    report: serde_json::Value,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    format: String,
    version: u32,
    draft: DraftMeta,
    report: serde_json::Value,
    #[serde(default)]
    versions: Vec<VersionOut>,
    /// The agency's dictionary (words the spelling checks accept); absent in older files.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    dictionary: Vec<String>,
    /// What a summary draft was summed from; absent for other drafts and in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tong_hop: Option<TongHopOut>,
}

#[derive(Serialize, Deserialize)]
struct TongHopOut {
    template_key: String,
    data: serde_json::Value,
}

/// Every string inside `v` in NFC, as every text that enters.
fn nfc_json(v: &mut serde_json::Value) {
    use serde_json::Value;
    match v {
        Value::String(s) => *s = nfc(s),
        Value::Array(a) => a.iter_mut().for_each(nfc_json),
        Value::Object(o) => o.values_mut().for_each(nfc_json),
        _ => {}
    }
}

/// The summary's sources of an import, checked as the store reads them back; `None` (the draft
/// imported without them) when they do not read.
fn sources_from(t: TongHopOut) -> Option<(String, String)> {
    let mut data = t.data;
    nfc_json(&mut data);
    serde_json::from_value::<super::consolidations::StoredConsolidation>(data.clone()).ok()?;
    let key = nfc(t.template_key.trim());
    if key.is_empty() || key.len() > 1024 {
        return None;
    }
    Some((key, serde_json::to_string(&data).ok()?))
}

fn not_a_draft() -> Error {
    Error::input(
        "Tệp không phải là bản nháp xuất từ Báo cáo hoặc đã bị hỏng. Hãy chọn tệp do lệnh “Xuất bản nháp” tạo ra.",
    )
}

fn report_from(value: serde_json::Value) -> Result<Report> {
    let mut r: Report = serde_json::from_value(value).map_err(|e| {
        Error::input(format!(
            "Bản nháp trong tệp có nội dung không hợp lệ ({e}). Hãy xuất lại bản nháp từ máy gốc."
        ))
    })?;
    r.normalize();
    Ok(r)
}

/// Whether `bytes` look like an exported draft (rather than a report file or a text).
pub fn is_draft_file(bytes: &[u8]) -> bool {
    let head: Vec<u8> = bytes
        .iter()
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .take(200)
        .collect();
    head.starts_with(b"{")
        && head
            .windows(DRAFT_FORMAT.len() + 2)
            .any(|w| w == format!("\"{DRAFT_FORMAT}\"").as_bytes())
}

impl Store {
    /// The export file of draft `id`, with its versions when `with_versions`.
    pub fn export_draft(&self, id: &str, with_versions: bool) -> Result<Vec<u8>> {
        let info = self.draft_info(id)?;
        let report = self.load_draft(id)?;
        let mut versions = Vec::new();
        if with_versions {
            // Oldest first, as they will be inserted again.
            for v in self.list_versions(id)?.into_iter().rev() {
                let r = self.load_version(v.id)?;
                versions.push(VersionOut {
                    created: v.created,
                    kind: v.kind.code().to_string(),
                    label: v.label,
                    report: serde_json::to_value(&r).unwrap_or_default(),
                });
            }
        }
        let env = Envelope {
            format: DRAFT_FORMAT.to_string(),
            version: DRAFT_FORMAT_VERSION,
            draft: DraftMeta {
                title: info.title,
                period: info.period,
                status: info.status.code().to_string(),
                created: info.created,
                modified: info.modified,
            },
            report: serde_json::to_value(&report).unwrap_or_default(),
            versions,
            dictionary: self.agency_words()?,
            tong_hop: self
                .consolidation_row(id)?
                .and_then(|(template_key, data)| {
                    Some(TongHopOut {
                        template_key,
                        data: serde_json::from_str(&data).ok()?,
                    })
                }),
        };
        serde_json::to_vec_pretty(&env)
            .map_err(|e| Error::internal(format!("Không xuất được bản nháp ({e}).")))
    }

    /// The export file of draft `id` with `report` as its content instead of the stored one,
    /// and no versions: "Lưu bản nháp ra tệp…", the way out when the database refuses to save
    /// what the window holds. Reads nothing but the draft's title and times, and falls back to
    /// the trích yếu when even that cannot be read.
    pub fn export_unsaved(&self, id: &str, report: &Report) -> Result<Vec<u8>> {
        let now = now_ms();
        let draft = match self.draft_info(id) {
            Ok(info) => DraftMeta {
                title: info.title,
                period: info.period,
                status: info.status.code().to_string(),
                created: info.created,
                modified: now,
            },
            Err(_) => DraftMeta {
                title: clean_title(&report.trich_yeu),
                period: String::new(),
                status: Status::DangSoan.code().to_string(),
                created: now,
                modified: now,
            },
        };
        let env = Envelope {
            format: DRAFT_FORMAT.to_string(),
            version: DRAFT_FORMAT_VERSION,
            draft,
            report: serde_json::to_value(report).unwrap_or_default(),
            versions: Vec::new(),
            // The way out when the database fails: a dictionary it cannot read is left out
            // rather than losing the text.
            dictionary: self.agency_words().unwrap_or_default(),
            // Nor the sources of a summary: the text is what this way out saves.
            tong_hop: None,
        };
        serde_json::to_vec_pretty(&env)
            .map_err(|e| Error::internal(format!("Không xuất được bản nháp ({e}).")))
    }

    /// Writes the export of draft `id` to `path`, through a temporary file renamed into place so
    /// that a failure leaves no half-written file.
    pub fn export_draft_to(&self, id: &str, path: &Path, with_versions: bool) -> Result<()> {
        let bytes = self.export_draft(id, with_versions)?;
        crate::files::write_atomically(path, &bytes)
    }

    /// Imports an exported draft as a NEW draft (new id), with the versions the file carries.
    pub fn import_draft(&mut self, bytes: &[u8]) -> Result<DraftInfo> {
        if bytes.len() > MAX_IMPORT_BYTES {
            return Err(Error::input(format!(
                "Tệp quá lớn để là một bản nháp (trên {} MB). Hãy chọn đúng tệp bản nháp đã xuất.",
                MAX_IMPORT_BYTES >> 20
            )));
        }
        let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| not_a_draft())?;
        let format = value.get("format").and_then(|v| v.as_str()).unwrap_or("");
        if format != DRAFT_FORMAT {
            return Err(not_a_draft());
        }
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
        if version == 0 {
            return Err(not_a_draft());
        }
        if version > DRAFT_FORMAT_VERSION as u64 {
            return Err(Error::input(format!(
                "Bản nháp được xuất bằng phiên bản Báo cáo mới hơn (định dạng {version}). Hãy cập nhật Báo cáo rồi nhập lại."
            )));
        }
        let env: Envelope = serde_json::from_value(value).map_err(|_| not_a_draft())?;
        let report = report_from(env.report)?;
        let sources = env.tong_hop.and_then(sources_from);
        let mut versions = Vec::new();
        for v in env.versions {
            let kind = VersionKind::from_code(&v.kind);
            let label = v.label.map(|l| nfc(l.trim())).filter(|l| !l.is_empty());
            versions.push((v.created, kind, label, report_from(v.report)?));
        }
        // Words that do not fit the dictionary are left out rather than refusing the draft, and
        // a dictionary already full takes no more: the draft is what the user imports.
        let words: Vec<String> = env
            .dictionary
            .iter()
            .filter(|w| super::is_dictionary_word(w))
            .take(super::MAX_DICTIONARY_WORDS)
            .cloned()
            .collect();
        match self.add_agency_words(&words) {
            Err(e) if e.kind == crate::error::ErrorKind::Input => {}
            r => r?,
        }
        let status = Status::from_code(&env.draft.status).unwrap_or_default();
        let title = clean_title(&env.draft.title);
        let period = nfc(env.draft.period.trim());

        let info = self.insert_draft(
            &title,
            &period,
            status,
            &report,
            VersionKind::Imported,
            Some("Nhập từ tệp"),
        )?;
        if let Some((key, data)) = &sources {
            self.keep_consolidation(&info.id, key, data)?;
        }
        if versions.is_empty() {
            return Ok(info);
        }
        // The imported history goes before the "imported" version, in one transaction.
        let tx = self
            .conn
            .transaction()
            .map_err(|e| storage_err("nhập bản nháp", &e))?;
        let mut w = Writer::new(&tx, &mut self.chunk_ids);
        let mut roots = Vec::new();
        for (_, _, _, r) in &versions {
            roots.push(w.put_report(r)?);
        }
        let added = std::mem::take(&mut w.added);
        let now = now_ms();
        tx.execute("DELETE FROM versions WHERE draft_id = ?1", [&info.id])
            .map_err(|e| storage_err("nhập bản nháp", &e))?;
        for ((created, kind, label, _), root) in versions.iter().zip(roots) {
            let created = if (1..=now).contains(created) {
                *created
            } else {
                now
            };
            insert_version(&tx, &info.id, root, created, *kind, label.as_deref())?;
        }
        let current = root_in(&tx, &info.id)?;
        insert_version(
            &tx,
            &info.id,
            current,
            now,
            VersionKind::Imported,
            Some("Nhập từ tệp"),
        )?;
        tx.commit().map_err(|e| storage_err("nhập bản nháp", &e))?;
        self.remember_chunks(added);
        Ok(info)
    }

    /// Imports an exported draft, a report file (.json), a Word document or a text/Markdown
    /// report: always a new draft. The report file and the imported paths take their title from
    /// the trích yếu.
    pub fn import_any(&mut self, bytes: &[u8]) -> Result<DraftInfo> {
        if is_draft_file(bytes) {
            return self.import_draft(bytes);
        }
        let report = read_report_file(bytes)?;
        self.import_report(&report)
    }

    /// A report read by [`read_report_file`] as a new draft, titled by its trích yếu.
    pub fn import_report(&mut self, report: &Report) -> Result<DraftInfo> {
        let title = if report.trich_yeu.trim().is_empty() {
            "Báo cáo nhập từ tệp".to_string()
        } else {
            report.trich_yeu.clone()
        };
        self.insert_draft(
            &title,
            "",
            Status::DangSoan,
            report,
            VersionKind::Imported,
            Some("Nhập từ tệp"),
        )
    }
}

/// The current report of an exported draft file, read without a store: "Tổng hợp" takes units'
/// drafts as they were sent, and never files them among the user's own drafts.
pub fn read_draft_file(bytes: &[u8]) -> Result<Report> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(not_a_draft());
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| not_a_draft())?;
    if value.get("format").and_then(|v| v.as_str()) != Some(DRAFT_FORMAT) {
        return Err(not_a_draft());
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version == 0 || version > DRAFT_FORMAT_VERSION as u64 {
        return Err(Error::input(
            "Bản nháp này được xuất bằng phiên bản Báo cáo khác nên không đọc được. Hãy cập nhật Báo cáo, hoặc xuất lại thành tệp báo cáo (.json).",
        ));
    }
    report_from(value.get("report").cloned().unwrap_or_default())
}

/// A report file (.json) or a text/Markdown report read into a report: the half of
/// [`Store::import_any`] that needs no store, so that the app runs it (the long part, for a big
/// file) without holding the store every other command waits on.
pub fn read_report_file(bytes: &[u8]) -> Result<Report> {
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    if first == Some(b'{') {
        crate::model::file::from_json(bytes)
    } else {
        crate::import::import_bytes(bytes)
    }
}

fn root_in(tx: &rusqlite::Transaction, id: &str) -> Result<i64> {
    tx.query_row("SELECT root FROM drafts WHERE id = ?1", [id], |r| r.get(0))
        .map_err(|e| storage_err("nhập bản nháp", &e))
}
