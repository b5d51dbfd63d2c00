//! Reports coming in from outside: a file picked in the dialog or dropped on the window (one
//! handler for both), and text pasted from Word into a paragraph box.
//!
//! The import itself (reading a `.docx`, converting old code pages) runs without the state lock:
//! only the insertion of the new draft takes it, so the window stays answerable meanwhile.

use std::path::{Path, PathBuf};

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_dialog::DialogExt;

use baocao::import::Pasted;
use baocao::{Error, Result};

use super::commands::CmdResult;
use super::state::AppState;

/// The event a dropped file's import ends with: `{ id, summary }` or `{ error }`.
pub const DROPPED: &str = "tep-da-tha";

/// A draft made from a file, and the short summary of what the import recognised.
#[derive(Debug, Clone, Serialize)]
pub struct ImportDone {
    pub id: String,
    pub summary: Vec<String>,
}

/// What the window is told after a drop.
#[derive(Serialize, Clone)]
struct DropOutcome {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    summary: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Imports the file at `path` into a new draft. Exported drafts and report files are taken as
/// they are; Word, text and Markdown files go through the importer, outside the state lock.
pub fn import_path(state: &AppState, path: &Path) -> Result<ImportDone> {
    let bytes = std::fs::read(path).map_err(|e| Error::from_io("đọc", path, &e))?;
    if baocao::store::is_draft_file(&bytes) {
        let id = state.lock().drafts.import(&bytes)?;
        return Ok(ImportDone {
            id,
            summary: Vec::new(),
        });
    }
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    if first == Some(b'{') {
        // A report file, read without the state like every other import.
        let report = baocao::store::read_report_file(&bytes)?;
        let id = state.lock().drafts.import_report(&report)?;
        return Ok(ImportDone {
            id,
            summary: Vec::new(),
        });
    }
    let imported = baocao::import::import_file(&bytes)?;
    let id = state.lock().drafts.import_report(&imported.report)?;
    Ok(ImportDone {
        id,
        summary: imported.summary.lines(),
    })
}

/// "Nhập từ tệp…": one dialog for Word, text and Markdown. `None` when the user cancelled.
#[tauri::command]
pub async fn import_report_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<ImportDone>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Chọn báo cáo để nhập (Word, văn bản, Markdown, bản nháp)")
        .add_filter(
            "Báo cáo (Word, văn bản, Markdown, bản nháp)",
            &[
                "docx", "docm", "dotx", "doc", "txt", "md", "markdown", "json",
            ],
        )
        .add_filter("Tệp Word", &["docx", "docm", "dotx", "doc"])
        .add_filter("Văn bản, Markdown", &["txt", "md", "markdown"])
        .add_filter("Bản nháp đã xuất", &["json"])
        .blocking_pick_file();
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    Ok(Some(import_path(&state, &path)?))
}

/// Files dropped on the window: the first one is imported (a report is one file), on a thread
/// of its own, and the window is told the outcome by the event [`DROPPED`].
pub fn dropped(app: &AppHandle, paths: &[PathBuf]) {
    let Some(path) = paths.first().cloned() else {
        return;
    };
    let app = app.clone();
    std::thread::spawn(move || {
        let state = app.state::<AppState>();
        let outcome = match import_path(&state, &path) {
            Ok(done) => DropOutcome {
                id: Some(done.id),
                summary: done.summary,
                error: None,
            },
            Err(e) => DropOutcome {
                id: None,
                summary: Vec::new(),
                error: Some(e.message),
            },
        };
        let _ = app.emit(DROPPED, outcome);
    });
}

/// The end-to-end tests' stand-in for a drop from the desktop, which WebDriver cannot do: the
/// same handler as a real drop. Only in builds with debug assertions (the tests' debug build).
#[tauri::command]
pub fn drop_files_for_test(app: AppHandle, paths: Vec<PathBuf>) -> CmdResult<()> {
    if !cfg!(debug_assertions) {
        return Err(Error::input("Lệnh này chỉ dùng khi kiểm thử.").into());
    }
    dropped(&app, &paths);
    Ok(())
}

/// HTML from the clipboard (a copy in Word) → paragraphs with their bold, italics and
/// superscripts.
#[tauri::command]
pub fn paste_html(html: String) -> Pasted {
    baocao::import::paste_html(&html)
}

/// Plain text from the clipboard typed in an old code page → Unicode; `None` when it is not.
#[tauri::command]
pub fn paste_text(text: String) -> Option<Pasted> {
    baocao::import::paste_text(&text)
}
