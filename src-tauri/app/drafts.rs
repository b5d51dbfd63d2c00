//! The drafts as the app sees them: list, create, load, autosave, versions, templates, backups.
//!
//! This is the app's one door to `baocao::store` (SQLite); the commands call only the functions
//! here and receive plain, serialisable views shaped for the window.

use std::path::PathBuf;

use serde::Serialize;

use baocao::checks::Finding;
use baocao::model::Report;
use baocao::store::{self, Query, Sort, Status, Store};
use baocao::{Error, Result};

#[cfg(test)]
#[path = "drafts_tests.rs"]
mod tests;

/// What the start screen shows of a draft.
#[derive(Debug, Clone, Serialize)]
pub struct DraftInfo {
    pub id: String,
    pub title: String,
    pub period: String,
    /// "dang_soan" | "da_trinh" | "da_ky".
    pub status: String,
    /// Last change, local time "2026-11-27 10:42:00".
    pub modified: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VersionInfo {
    pub id: String,
    pub name: String,
    pub created: String,
    /// Named by the user (Ctrl+S), as opposed to kept automatically.
    pub named: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
    /// Shipped with the app; only the user's own templates can be deleted.
    pub builtin: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct BackupInfo {
    /// How the window names a backup to restore (never by its path): see [`backup_id`].
    pub id: String,
    pub path: String,
    pub created: String,
    pub kind: String,
}

fn local(ms: i64) -> String {
    use chrono::TimeZone;
    match chrono::Local.timestamp_millis_opt(ms) {
        chrono::LocalResult::Single(t) | chrono::LocalResult::Ambiguous(t, _) => {
            t.format("%Y-%m-%d %H:%M:%S").to_string()
        }
        chrono::LocalResult::None => String::new(),
    }
}

fn draft_view(d: store::DraftInfo) -> DraftInfo {
    DraftInfo {
        id: d.id,
        title: d.title,
        period: d.period,
        status: d.status.code().to_string(),
        modified: local(d.modified),
    }
}

fn version_view(v: store::VersionInfo) -> VersionInfo {
    VersionInfo {
        named: v.kind == store::VersionKind::Named,
        id: v.id.to_string(),
        name: v.label.unwrap_or_else(|| v.kind.label().to_string()),
        created: local(v.created),
    }
}

/// The data folder (`BAOCAO_DATA_DIR` when set), as the store decides it. Never the temporary
/// folder (Windows' Storage Sense empties it): when there is no data folder, the error says so.
pub fn data_dir() -> Result<PathBuf> {
    store::default_dir()
}

/// How the window names a backup to restore: a hash of its path, so that the page can point at
/// an entry of the list but never name a file of its own.
pub fn backup_id(path: &std::path::Path) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(path.to_string_lossy().as_bytes())
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The backups as the window lists them.
pub fn backup_views(list: Vec<store::BackupInfo>) -> Vec<BackupInfo> {
    list.into_iter()
        .map(|b| BackupInfo {
            id: backup_id(&b.path),
            path: b.path.to_string_lossy().to_string(),
            created: local(b.created),
            kind: b.kind.label().to_string(),
        })
        .collect()
}

fn title_of(r: &Report) -> String {
    let t = r.trich_yeu.trim().trim_end_matches('.');
    if t.is_empty() {
        "Báo cáo chưa có trích yếu".to_string()
    } else {
        t.to_string()
    }
}

/// "06 tháng đầu năm 2026": the reporting period the report names, or "" when it names none.
fn period_of(r: &Report) -> String {
    baocao::period::detect(r)
        .map(|p| p.words())
        .unwrap_or_default()
}

fn version_id(s: &str) -> Result<i64> {
    s.parse()
        .map_err(|_| Error::input("Phiên bản không hợp lệ. Hãy chọn lại trong danh sách."))
}

pub struct Drafts {
    store: Store,
}

impl Drafts {
    /// The drafts of data folder `dir` (the unit tests' own folders).
    #[cfg(test)]
    pub fn open(dir: PathBuf) -> Result<Drafts> {
        Ok(Drafts {
            store: Store::open(&dir)?,
        })
    }

    /// The drafts of the default data folder (an earlier build's store moved over first), and
    /// what to tell the user once (the move, an upkeep that failed).
    pub fn open_default() -> Result<(Drafts, Vec<String>)> {
        // The backup into the chosen folder runs on its own thread (app/startup.rs).
        let (store, notes) = Store::open_default_with(false)?;
        Ok((Drafts { store }, notes))
    }

    /// Test seam: every write of the store fails while `on` (see `Store::set_write_fault`).
    #[cfg(test)]
    pub fn set_write_fault(&mut self, on: bool) -> Result<()> {
        self.store.set_write_fault(on)
    }

    /// On the very first start (no draft at all), the sample report as "Báo cáo mẫu".
    pub fn seed_sample_if_empty(&mut self) -> Result<()> {
        self.store.seed_sample().map(|_| ())
    }

    /// Drafts whose title matches `query` (accents and case ignored), newest change first.
    pub fn list(&self, query: &str) -> Result<Vec<DraftInfo>> {
        let q = Query {
            search: query.to_string(),
            sort: Sort::ModifiedDesc,
            limit: None,
        };
        Ok(self
            .store
            .list_drafts(&q)?
            .into_iter()
            .map(draft_view)
            .collect())
    }

    /// A blank draft takes the default presets (agency, signer, recipients, archive, layout), so
    /// that a ward types its name and its chairman once, in the settings.
    pub fn create_blank(&mut self) -> Result<String> {
        let mut report = Report::default();
        self.store.apply_defaults(&mut report)?;
        self.create(&report)
    }

    pub fn create(&mut self, report: &Report) -> Result<String> {
        Ok(self
            .store
            .create_draft_from_report(&title_of(report), &period_of(report), report)?
            .id)
    }

    /// The summary of a consolidation as a new draft, its sources and the template's marks kept.
    pub fn save_consolidation(
        &mut self,
        template: &Report,
        c: &baocao::consolidate::Consolidation,
    ) -> Result<String> {
        Ok(self.store.save_consolidation(template, c)?.id)
    }

    /// What draft `id` was summed from, when it is a summary.
    pub fn consolidation_of(&self, id: &str) -> Result<Option<baocao::store::StoredConsolidation>> {
        self.store.consolidation_of(id)
    }

    /// The roster and marks kept for `template`.
    /// "Ký số": the signature (person) or seal (organisation) image kept for `report`.
    pub fn sign_image(
        &self,
        report: &Report,
        role: baocao::sign::Role,
    ) -> Result<Option<baocao::store::SignImage>> {
        self.store.sign_image(report, role)
    }

    /// "Chọn hình chữ ký…" / "Chọn hình con dấu…": kept with the matching preset.
    pub fn keep_sign_image(
        &mut self,
        report: &Report,
        role: baocao::sign::Role,
        png: &[u8],
    ) -> Result<baocao::store::SignImage> {
        self.store.keep_sign_image(report, role, png)
    }

    pub fn marks_for(&self, template: &Report) -> Result<baocao::consolidate::Marks> {
        self.store.marks_for(template)
    }

    pub fn copy(&mut self, id: &str) -> Result<String> {
        Ok(self.store.duplicate(id)?.id)
    }

    pub fn import(&mut self, bytes: &[u8]) -> Result<String> {
        Ok(self.store.import_any(bytes)?.id)
    }

    /// A report already read from a file (see `store::read_report_file`) as a new draft.
    pub fn import_report(&mut self, report: &Report) -> Result<String> {
        Ok(self.store.import_report(report)?.id)
    }

    pub fn load(&mut self, id: &str) -> Result<Report> {
        self.store.open_draft(id)
    }

    pub fn info(&self, id: &str) -> Result<DraftInfo> {
        Ok(draft_view(self.store.draft_info(id)?))
    }

    /// Autosave: durable when it returns. The title follows the trích yếu while it is the
    /// trích yếu (a title the user chose, like "Báo cáo mẫu", is kept).
    pub fn save(&mut self, id: &str, before: &Report, report: &Report) -> Result<()> {
        self.store.save_draft(id, report)?;
        let info = self.store.draft_info(id)?;
        // The store's name for a draft created without one.
        const UNTITLED: &str = "Báo cáo chưa đặt tên";
        let follows = info.title == title_of(before) || info.title == UNTITLED;
        if follows && !report.trich_yeu.trim().is_empty() && info.title != title_of(report) {
            self.store.rename(id, &title_of(report))?;
        }
        // The start screen's "Kỳ báo cáo" follows the period the trích yếu names.
        let period = period_of(report);
        if !period.is_empty() && info.period != period {
            self.store.set_period(id, &period)?;
        }
        Ok(())
    }

    /// A draft file of draft `id` holding `report` (see `Store::export_unsaved`).
    pub fn export_unsaved(&self, id: &str, report: &Report) -> Result<Vec<u8>> {
        self.store.export_unsaved(id, report)
    }

    pub fn close(&mut self, id: &str) -> Result<()> {
        self.store.close_draft(id)
    }

    pub fn set_status(&mut self, id: &str, status: &str) -> Result<()> {
        let s = Status::from_code(status).ok_or_else(|| {
            Error::input("Trạng thái không hợp lệ. Hãy chọn: đang soạn, đã trình, đã ký.")
        })?;
        self.store.set_status(id, s).map(|_| ())
    }

    pub fn save_version(&mut self, id: &str, name: &str) -> Result<VersionInfo> {
        Ok(version_view(self.store.save_version(id, name.trim())?))
    }

    pub fn versions(&self, id: &str) -> Result<Vec<VersionInfo>> {
        Ok(self
            .store
            .list_versions(id)?
            .into_iter()
            .map(version_view)
            .collect())
    }

    /// Version `version` of draft `id`: the number the window sent must name a version of the
    /// draft it has open, never another draft's.
    fn version_of(&self, id: &str, version: &str) -> Result<i64> {
        let v = version_id(version)?;
        let info = self.store.version_info(v)?;
        if info.draft_id != id {
            return Err(Error::input(
                "Phiên bản này không thuộc bản nháp đang mở. Hãy chọn lại trong danh sách phiên bản.",
            ));
        }
        Ok(v)
    }

    /// The report of version `version` of draft `id`.
    pub fn load_version(&self, id: &str, version: &str) -> Result<Report> {
        self.store.load_version(self.version_of(id, version)?)
    }

    /// Restores a version of draft `id` as a new version (nothing is destroyed) and returns
    /// the report.
    pub fn restore_version(&mut self, id: &str, version: &str) -> Result<Report> {
        self.store.restore_version(self.version_of(id, version)?)?;
        self.store.load_draft(id)
    }

    pub fn templates(&self) -> Result<Vec<TemplateInfo>> {
        Ok(self
            .store
            .templates()?
            .into_iter()
            .map(|t| TemplateInfo {
                id: t.id.to_string(),
                name: t.name,
                builtin: t.builtin,
            })
            .collect())
    }

    pub fn create_from_template(&mut self, id: &str) -> Result<String> {
        let tid = id
            .parse()
            .map_err(|_| Error::input("Không có mẫu này. Hãy chọn một mẫu trong danh sách."))?;
        Ok(self.store.new_from_template(tid, "", "")?.id)
    }

    /// "Lưu thành mẫu": the outline of draft `id` as a new template named `name`.
    pub fn save_as_template(&mut self, id: &str, name: &str) -> Result<String> {
        Ok(self.store.save_as_template(id, name, "")?.to_string())
    }

    pub fn delete_template(&mut self, id: &str) -> Result<()> {
        let tid = id
            .parse()
            .map_err(|_| Error::input("Không có mẫu này. Hãy chọn một mẫu trong danh sách."))?;
        let builtin = self
            .store
            .templates()?
            .into_iter()
            .any(|t| t.id == tid && t.builtin);
        if builtin {
            return Err(Error::input(
                "Mẫu có sẵn của Báo cáo không xóa được; chỉ xóa được mẫu do bạn lưu.",
            ));
        }
        self.store.delete_template(tid)
    }

    // ---------- trash ----------

    /// Moves a draft to the trash (kept 30 days, restorable).
    pub fn trash(&mut self, id: &str) -> Result<()> {
        self.store.trash(id)
    }

    pub fn restore_from_trash(&mut self, id: &str) -> Result<()> {
        self.store.restore_from_trash(id).map(|_| ())
    }

    /// The drafts in the trash, most recently deleted first.
    pub fn trash_list(&self) -> Result<Vec<DraftInfo>> {
        Ok(self
            .store
            .list_trash()?
            .into_iter()
            .map(draft_view)
            .collect())
    }

    pub fn delete_forever(&mut self, id: &str) -> Result<()> {
        self.store.delete_forever(id)
    }

    // ---------- presets ----------

    pub fn presets(&self) -> Result<Vec<store::PresetEntry>> {
        self.store.list_presets(None)
    }

    /// Adds a preset (`id` None) or replaces preset `id`; returns its id.
    pub fn save_preset(
        &mut self,
        id: Option<i64>,
        name: &str,
        preset: &store::Preset,
    ) -> Result<i64> {
        if name.trim().is_empty() {
            return Err(Error::input(
                "Tên mẫu thiết lập đang để trống. Hãy đặt một tên dễ nhận ra, ví dụ “Chủ tịch ký”.",
            ));
        }
        match id {
            Some(id) => self.store.update_preset(id, name, preset).map(|_| id),
            None => self.store.add_preset(name, preset),
        }
    }

    /// Puts preset `id` into `report` (the form's "Chọn từ mẫu thiết lập").
    pub fn apply_preset(&self, id: i64, report: &mut Report) -> Result<()> {
        let entry = self
            .presets()?
            .into_iter()
            .find(|p| p.id == id)
            .ok_or_else(|| {
                Error::input("Mẫu thiết lập này không còn. Hãy chọn lại trong danh sách.")
            })?;
        entry.preset.apply_to(report);
        Ok(())
    }

    pub fn delete_preset(&mut self, id: i64) -> Result<()> {
        self.store.delete_preset(id)
    }

    pub fn set_default_preset(&mut self, id: i64) -> Result<()> {
        self.store.set_default_preset(id)
    }

    /// The agency's dictionary, for the spelling checks.
    pub fn agency_words(&self) -> Result<Vec<String>> {
        self.store.agency_words()
    }

    /// "Thêm vào từ điển của cơ quan".
    pub fn add_agency_word(&mut self, word: &str) -> Result<()> {
        self.store.add_agency_words(&[word.to_string()])
    }

    /// "Sao lưu ngay": into the backup folder of the data folder (created when missing), and
    /// into the folder the user chose when one is set. Returns the files written.
    pub fn backup_now(&mut self) -> Result<Vec<String>> {
        let here = self.store.backup_now_here()?;
        let mut written = vec![here.to_string_lossy().to_string()];
        let chosen = self
            .store
            .chosen_backup_dir()
            .and_then(|d| d.map(|d| self.store.backup_into(&d)).transpose());
        match chosen {
            Ok(Some(p)) => written.push(p.to_string_lossy().to_string()),
            Ok(None) => {}
            Err(e) => {
                return Err(Error::new(
                    e.kind,
                    format!(
                    "Đã sao lưu vào máy (“{}”), nhưng chưa sao lưu được vào thư mục đã chọn: {}",
                    written[0], e.message
                ),
                ))
            }
        }
        Ok(written)
    }

    /// A backup written to file `path` (the save dialog's answer).
    pub fn backup_to(&mut self, path: &std::path::Path) -> Result<String> {
        Ok(self.store.backup_now(path)?.to_string_lossy().to_string())
    }

    pub fn chosen_backup_folder(&self) -> Option<String> {
        self.store
            .chosen_backup_folder()
            .map(|p| p.to_string_lossy().to_string())
    }

    pub fn set_chosen_backup_folder(&mut self, folder: Option<&std::path::Path>) -> Result<()> {
        self.store.set_chosen_backup_folder(folder)
    }

    pub fn backups(&self) -> Vec<BackupInfo> {
        backup_views(self.store.list_backups())
    }

    /// The backups as the store lists them (data folder, then the chosen folder).
    pub fn backups_raw(&self) -> Vec<store::BackupInfo> {
        self.store.list_backups()
    }

    /// Restores backup file `path` (checked by the store first).
    pub fn restore_backup_file(&mut self, path: &std::path::Path) -> Result<()> {
        self.store.restore_backup(path).map(|_| ())
    }
}

/// The next period and its review items (Kiểm tra panel), and versions to compare.
impl Drafts {
    /// A new draft made by "Tạo báo cáo kỳ sau", with what the user must review kept beside it
    /// (it survives closing the app) until each item is marked "Đã xem".
    pub fn create_next(&mut self, report: &Report, review: &[Finding]) -> Result<String> {
        let id = self.create(report)?;
        self.store.add_review_items(&id, review)?;
        Ok(id)
    }

    pub fn review_items(&self, id: &str) -> Result<Vec<store::ReviewItem>> {
        self.store.review_items(id)
    }

    /// "Đã xem" on one review item of draft `id`.
    pub fn dismiss_review(&mut self, id: &str, item: &str) -> Result<()> {
        let item = item
            .parse()
            .map_err(|_| Error::input("Mục cần xem lại không hợp lệ. Hãy mở lại bảng Kiểm tra."))?;
        self.store.dismiss_review_item(id, item)
    }

    /// "Đã xem tất cả" on draft `id`.
    pub fn dismiss_all_review(&mut self, id: &str) -> Result<()> {
        self.store.clear_review_items(id).map(|_| ())
    }
}
