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
    let bytes = baocao::import::read_file(path)?;
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
        let report = baocao::model::file::from_json(&bytes)?;
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

#[cfg(all(test, unix))]
mod tests {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::time::Duration;

    use super::super::drafts::Drafts;
    use super::*;

    /// Issue 9, point 10: every other command (each keystroke's save among them) waits on the
    /// store's lock, so a long import must not hold it while it reads and parses the file. The
    /// file is a named pipe, so the test knows when the import has its bytes; a text of a few MB
    /// then takes the import a second or more to parse, and the lock must be free meanwhile.
    #[test]
    fn a_file_is_read_and_parsed_without_holding_the_store() {
        let tmp = tempfile::tempdir().unwrap();
        let state = AppState::new(Drafts::open(tmp.path().join("du-lieu")).unwrap());
        let fifo = tmp.path().join("bao-cao-lon.md");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
        let sample =
            include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");
        let (head, body) = sample.split_once('\n').unwrap();
        let text = format!("{head}\n{}", body.repeat(40));
        assert!(text.len() < baocao::import::MAX_TEXT_BYTES);

        let done = AtomicBool::new(false);
        std::thread::scope(|s| {
            let import = s.spawn(|| {
                let r = import_path(&state, &fifo);
                done.store(true, Ordering::SeqCst);
                r
            });
            // Returns once the import has read (nearly) all of it.
            std::fs::write(&fifo, text.as_bytes()).unwrap();
            std::thread::sleep(Duration::from_millis(100));
            let free = state.is_free();
            let parsing = !done.load(Ordering::SeqCst);
            assert!(
                parsing,
                "the import ended before it could be watched: make the text longer"
            );
            assert!(free, "the store was locked while the file was being parsed");
            let imported = import.join().unwrap().unwrap();
            let report = state.lock().drafts.load(&imported.id).unwrap();
            assert!(report.body.len() > 40, "{}", report.body.len());
        });
    }
}
