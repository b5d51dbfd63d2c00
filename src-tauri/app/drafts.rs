//! The drafts as the app sees them: list, create, load, autosave, versions, templates.
//!
//! This is the app's one door to the store. Until `baocao::store` lands, a small interim store
//! keeps each draft as a report file in the data folder; the app's commands call only the
//! functions here, so switching to the SQLite store changes this file and nothing else.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use baocao::model::{self, Report, Section};
use baocao::{Error, Result};

/// What the start screen shows of a draft.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftInfo {
    pub id: String,
    pub title: String,
    /// The period the report covers, e.g. "06 tháng đầu năm 2026" (from the trích yếu for now).
    pub period: String,
    /// "dang_soan" | "da_trinh" | "da_ky".
    pub status: String,
    /// Last change, local time "2026-11-27 10:42".
    pub modified: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VersionInfo {
    pub id: String,
    pub name: String,
    pub created: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TemplateInfo {
    pub id: String,
    pub name: String,
}

/// The data folder: `BAOCAO_DATA_DIR` when set (tests, portable installs), else the user's
/// application data folder under the app's identifier.
pub fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("BAOCAO_DATA_DIR") {
        return PathBuf::from(d);
    }
    dirs::data_dir()
        .unwrap_or_else(std::env::temp_dir)
        .join("vn.gov.baocao")
}

pub struct Drafts {
    dir: PathBuf,
}

fn now() -> String {
    chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| Error::from_io("đọc", path, &e))
}

/// Writes through a temporary file and a rename, so that a power cut leaves the old file or the
/// new one, never half of one.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::from_io("tạo thư mục", parent, &e))?;
    }
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).map_err(|e| Error::from_io("ghi", &tmp, &e))?;
    std::fs::rename(&tmp, path).map_err(|e| Error::from_io("ghi", path, &e))
}

fn title_of(r: &Report) -> String {
    let t = r.trich_yeu.trim();
    if t.is_empty() {
        "Báo cáo chưa có trích yếu".to_string()
    } else {
        t.trim_end_matches('.').to_string()
    }
}

#[derive(Serialize, Deserialize)]
struct Meta {
    title: String,
    status: String,
    modified: String,
    #[serde(default)]
    versions: Vec<VersionInfo>,
}

impl Drafts {
    pub fn open(dir: PathBuf) -> Result<Drafts> {
        let d = Drafts { dir };
        let drafts = d.drafts_dir();
        std::fs::create_dir_all(&drafts).map_err(|e| Error::from_io("tạo thư mục", &drafts, &e))?;
        Ok(d)
    }

    fn drafts_dir(&self) -> PathBuf {
        self.dir.join("ban-nhap")
    }

    fn draft_dir(&self, id: &str) -> Result<PathBuf> {
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(Error::input(
                "Mã bản nháp không hợp lệ. Hãy chọn lại bản nháp trong danh sách.",
            ));
        }
        Ok(self.drafts_dir().join(id))
    }

    fn meta(&self, id: &str) -> Result<Meta> {
        let p = self.draft_dir(id)?.join("meta.json");
        serde_json::from_slice(&read(&p)?).map_err(|_| {
            Error::storage("Thông tin bản nháp bị hỏng. Hãy khôi phục từ bản sao lưu.")
        })
    }

    fn write_meta(&self, id: &str, m: &Meta) -> Result<()> {
        let p = self.draft_dir(id)?.join("meta.json");
        let json = serde_json::to_vec_pretty(m)
            .map_err(|e| Error::internal(format!("Không ghi được thông tin bản nháp ({e}).")))?;
        write_atomic(&p, &json)
    }

    /// On the very first start (no draft at all), the sample report as "Báo cáo mẫu".
    pub fn seed_sample_if_empty(&self) -> Result<()> {
        if !self.list("")?.is_empty() {
            return Ok(());
        }
        let report = super::engine::import_text(super::engine::SAMPLE_MD)?;
        let id = self.create(&report)?;
        let mut m = self.meta(&id)?;
        m.title = "Báo cáo mẫu".to_string();
        self.write_meta(&id, &m)
    }

    /// Drafts whose title contains `query` (case-insensitive), newest change first.
    pub fn list(&self, query: &str) -> Result<Vec<DraftInfo>> {
        let dir = self.drafts_dir();
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::from_io("đọc", &dir, &e))?;
        let q = query.trim().to_lowercase();
        let mut out = Vec::new();
        for e in entries.flatten() {
            let id = e.file_name().to_string_lossy().to_string();
            let Ok(m) = self.meta(&id) else { continue };
            if !q.is_empty() && !m.title.to_lowercase().contains(&q) {
                continue;
            }
            out.push(DraftInfo {
                id,
                period: String::new(),
                title: m.title,
                status: m.status,
                modified: m.modified,
            });
        }
        out.sort_by(|a, b| b.modified.cmp(&a.modified));
        Ok(out)
    }

    pub fn create(&self, report: &Report) -> Result<String> {
        let id = format!(
            "{:x}",
            chrono::Local::now()
                .timestamp_nanos_opt()
                .unwrap_or_default()
        );
        let id = id[id.len().saturating_sub(8)..].to_string();
        let m = Meta {
            title: title_of(report),
            status: "dang_soan".to_string(),
            modified: now(),
            versions: Vec::new(),
        };
        self.write_meta(&id, &m)?;
        self.save(&id, report)?;
        Ok(id)
    }

    pub fn load(&self, id: &str) -> Result<Report> {
        model::file::from_json(&read(&self.draft_dir(id)?.join("bao-cao.json"))?)
    }

    pub fn title(&self, id: &str) -> Result<String> {
        Ok(self.meta(id)?.title)
    }

    /// Autosave: durable when it returns.
    pub fn save(&self, id: &str, report: &Report) -> Result<()> {
        let p = self.draft_dir(id)?.join("bao-cao.json");
        write_atomic(&p, model::file::to_json(report).as_bytes())?;
        let mut m = self.meta(id)?;
        if m.title != "Báo cáo mẫu" {
            m.title = title_of(report);
        }
        m.modified = now();
        self.write_meta(id, &m)
    }

    pub fn set_status(&self, id: &str, status: &str) -> Result<()> {
        if !["dang_soan", "da_trinh", "da_ky"].contains(&status) {
            return Err(Error::input(
                "Trạng thái không hợp lệ. Hãy chọn: đang soạn, đã trình, đã ký.",
            ));
        }
        let mut m = self.meta(id)?;
        m.status = status.to_string();
        self.write_meta(id, &m)
    }

    pub fn save_version(&self, id: &str, name: &str, report: &Report) -> Result<VersionInfo> {
        let mut m = self.meta(id)?;
        let v = VersionInfo {
            id: (m.versions.len() + 1).to_string(),
            name: name.trim().to_string(),
            created: now(),
        };
        let p = self
            .draft_dir(id)?
            .join("phien-ban")
            .join(format!("{}.json", v.id));
        write_atomic(&p, model::file::to_json(report).as_bytes())?;
        m.versions.push(v.clone());
        self.write_meta(id, &m)?;
        Ok(v)
    }

    pub fn versions(&self, id: &str) -> Result<Vec<VersionInfo>> {
        let mut v = self.meta(id)?.versions;
        v.reverse();
        Ok(v)
    }

    pub fn load_version(&self, id: &str, version: &str) -> Result<Report> {
        if !version.chars().all(|c| c.is_ascii_digit()) {
            return Err(Error::input(
                "Phiên bản không hợp lệ. Hãy chọn lại trong danh sách.",
            ));
        }
        let p = self
            .draft_dir(id)?
            .join("phien-ban")
            .join(format!("{version}.json"));
        model::file::from_json(&read(&p)?)
    }

    pub fn templates(&self) -> Vec<TemplateInfo> {
        vec![TemplateInfo {
            id: "6-thang".to_string(),
            name: "Báo cáo 6 tháng (theo mẫu của phường)".to_string(),
        }]
    }

    /// A new report from template `id`: the outline of the sample with its headings and no text.
    pub fn from_template(&self, id: &str) -> Result<Report> {
        if id != "6-thang" {
            return Err(Error::input(
                "Không có mẫu này. Hãy chọn một mẫu trong danh sách.",
            ));
        }
        let mut r = super::engine::import_text(super::engine::SAMPLE_MD)?;
        fn strip(s: &mut [Section]) {
            for sec in s {
                sec.blocks.clear();
                strip(&mut sec.children);
            }
        }
        strip(&mut r.body);
        r.intro.clear();
        r.number = None;
        r.date.day = None;
        r.date.month = None;
        Ok(r)
    }
}
