//! The "Tổng hợp" screen's commands: pick the template and the units' files (the system's
//! dialogs, or the test seams), then consolidate them into a new draft (see
//! `baocao::consolidate`). The window may only name files the user picked here.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use baocao::consolidate::{self, Indicator, Marks, RatioMark};
use baocao::Error;

use super::commands::CmdResult;
use super::seams;
use super::state::AppState;

/// A picked file and the unit's name read from it (or why it cannot be read).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Picked {
    pub path: String,
    pub name: String,
    #[serde(default)]
    pub error: Option<String>,
}

/// The template picked, with the marks kept for it (roster, ratio columns, the appendix's
/// indicators) and what may be marked.
#[derive(Debug, Serialize)]
pub struct Template {
    pub path: String,
    pub title: String,
    pub roster: Vec<String>,
    pub ratios: Vec<RatioMark>,
    pub indicators: Vec<Indicator>,
    pub tables: Vec<consolidate::TableChoice>,
    /// (id, label) of the template's figures.
    pub figures: Vec<(String, String)>,
}

/// A finding for the window: blocking ones go to the checks panel as lỗi.
#[derive(Debug, Serialize)]
pub struct Said {
    pub blocking: bool,
    pub message: String,
}

#[derive(Debug, Serialize)]
pub struct Done {
    pub id: String,
    pub coverage: String,
    pub findings: Vec<Said>,
}

const REPORT_EXTS: &[&str] = &["json", "docx", "docm", "xlsx", "xlsm", "txt", "md"];

#[tauri::command]
pub async fn tong_hop_chon_mau(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<Template>> {
    let path = match seams::path(seams::CHON_MAU) {
        Some(p) => Some(p),
        None => app
            .dialog()
            .file()
            .set_title("Chọn mẫu (đề cương đã gửi các đơn vị)")
            .add_filter(
                "Báo cáo, bản nháp, Word",
                &["json", "docx", "docm", "txt", "md"],
            )
            .blocking_pick_file()
            .and_then(|p| p.into_path().ok()),
    };
    let Some(path) = path else { return Ok(None) };
    let report = consolidate::read::template_file(&path)?;
    let marks = state.lock().drafts.marks_for(&report)?;
    state.remember_picked(&path);
    let mut figures = Vec::new();
    report.for_each_section(|s, _| {
        figures.extend(s.figures.iter().map(|f| (f.id.clone(), f.label.clone())));
    });
    Ok(Some(Template {
        path: path.to_string_lossy().into_owned(),
        title: report.trich_yeu.clone(),
        roster: marks.roster,
        ratios: marks.ratios,
        indicators: marks.indicators,
        tables: consolidate::choices(&report),
        figures,
    }))
}

#[tauri::command]
pub async fn tong_hop_chon_don_vi(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Vec<Picked>> {
    let paths: Vec<PathBuf> = match seams::value(seams::CHON_DON_VI) {
        Some(v) => std::env::split_paths(&v).collect(),
        None => app
            .dialog()
            .file()
            .set_title("Chọn báo cáo của các đơn vị")
            .add_filter("Báo cáo (bản nháp, Word, Excel)", REPORT_EXTS)
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|p| p.into_path().ok())
            .collect(),
    };
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        state.remember_picked(&p);
        let path = p.to_string_lossy().into_owned();
        out.push(match consolidate::read::unit_file(&p) {
            Ok(u) => Picked {
                path,
                name: u.name,
                error: None,
            },
            Err(e) => Picked {
                name: p
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                path,
                error: Some(e.message),
            },
        });
    }
    Ok(out)
}

/// Consolidates the picked files: `units` with the names the user corrected, `roster` as the
/// user edited it; `ratios` and `indicators`, when the user marked them, replace those kept
/// (all kept with the template for the next time).
#[tauri::command]
pub async fn tong_hop_chay(
    state: State<'_, AppState>,
    mau: String,
    units: Vec<Picked>,
    roster: Vec<String>,
    ratios: Option<Vec<RatioMark>>,
    indicators: Option<Vec<Indicator>>,
) -> CmdResult<Done> {
    let refuse =
        || Error::input("Chỉ tổng hợp được các tệp đã chọn bằng nút “Chọn…”. Hãy chọn lại tệp.");
    let mau = PathBuf::from(mau);
    if !state.was_picked(&mau) {
        return Err(refuse().into());
    }
    let template = consolidate::read::template_file(&mau)?;
    let mut read = Vec::new();
    let mut bad = Vec::new();
    for p in &units {
        let path = Path::new(&p.path);
        if !state.was_picked(path) {
            return Err(refuse().into());
        }
        match consolidate::read::unit_file(path) {
            Ok(mut u) => {
                let name = p.name.trim();
                if !name.is_empty() {
                    u.name = baocao::text::nfc(name);
                }
                read.push(u);
            }
            Err(e) => bad.push((p.path.clone(), e.message)),
        }
    }
    let mut marks = state.lock().drafts.marks_for(&template)?;
    marks.roster = roster
        .iter()
        .map(|r| baocao::text::nfc(r.trim()))
        .filter(|r| !r.is_empty())
        .collect();
    if let Some(r) = ratios {
        marks.ratios = r;
    }
    if let Some(i) = indicators {
        marks.indicators = i;
    }
    // The long part without the lock: the window stays answerable.
    let c = consolidate::consolidate(&template, &Marks { ..marks }, read, bad);
    let id = state.lock().drafts.save_consolidation(&template, &c)?;
    Ok(Done {
        id,
        coverage: c.coverage(),
        findings: said(&c.findings),
    })
}

/// The findings as the window shows them.
fn said(findings: &[consolidate::Finding]) -> Vec<Said> {
    findings
        .iter()
        .map(|f| Said {
            blocking: f.is_blocking(),
            message: f.message(),
        })
        .collect()
}

/// What the window keeps beside a summary draft while it is open: the coverage sentence and the
/// findings (shown in the Kiểm tra panel), and each unit's text of each narrative section
/// (offered beside the section's form).
#[derive(Debug, Serialize)]
pub struct Beside {
    pub coverage: String,
    pub findings: Vec<Said>,
    pub texts: Vec<consolidate::SectionTexts>,
}

/// For the open draft: what it was summed from, or `None` when it is not a summary. Its summed
/// cells are kept with the open draft for the clicks that follow.
#[tauri::command(async)]
pub fn tong_hop_ban_mo(state: State<'_, AppState>) -> CmdResult<Option<Beside>> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    let Some(c) = inner.drafts.consolidation_of(&id)? else {
        return Ok(None);
    };
    inner.open_draft()?.summed = Some(Arc::new(c.cells));
    Ok(Some(Beside {
        coverage: c.coverage,
        findings: said(&c.findings),
        texts: c.texts,
    }))
}

/// A clicked field of the open summary draft: each unit's value and file, or `None` when the
/// field was not summed.
#[tauri::command(async)]
pub fn tong_hop_nguon(
    state: State<'_, AppState>,
    at: consolidate::trace::FieldAt,
) -> CmdResult<Option<consolidate::trace::Trace>> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    let cells = match inner.open_draft()?.summed.clone() {
        Some(cells) => cells,
        None => {
            let Some(c) = inner.drafts.consolidation_of(&id)? else {
                return Ok(None);
            };
            let cells = Arc::new(c.cells);
            inner.open_draft()?.summed = Some(cells.clone());
            cells
        }
    };
    let report = &inner.open_draft()?.report;
    Ok(consolidate::trace::trace(report, &cells, &at))
}
