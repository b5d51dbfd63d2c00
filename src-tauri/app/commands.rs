//! The commands the window calls (`invoke`). Each returns data or an [`AppError`] whose message
//! is the library's Vietnamese sentence, shown as is in the window.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use tauri_plugin_opener::OpenerExt;

use baocao::model::{CellSpan, Report, Run, Section, Table};
use baocao::text::Face;
use baocao::Error;

use super::drafts::{BackupInfo, DraftInfo, TemplateInfo, VersionInfo};
use super::engine;
use super::state::{AppState, Pages};

/// A command's error as the window receives it: `{ kind, message }`, message in Vietnamese.
#[derive(Debug, Serialize)]
pub struct AppError {
    pub kind: &'static str,
    pub message: String,
}

impl From<Error> for AppError {
    fn from(e: Error) -> AppError {
        use baocao::ErrorKind as K;
        AppError {
            kind: match e.kind {
                K::Input => "input",
                K::Io => "io",
                K::Storage => "storage",
                K::Internal => "internal",
            },
            message: e.message,
        }
    }
}

pub type CmdResult<T> = Result<T, AppError>;

fn hhmm() -> String {
    chrono::Local::now().format("%H:%M").to_string()
}

#[derive(Serialize)]
pub struct StartScreen {
    drafts: Vec<DraftInfo>,
    templates: Vec<TemplateInfo>,
}

#[tauri::command(async)]
pub fn start_screen(state: State<'_, AppState>, query: String) -> CmdResult<StartScreen> {
    let inner = state.lock();
    Ok(StartScreen {
        drafts: inner.drafts.list(&query)?,
        templates: inner.drafts.templates()?,
    })
}

/// The name under which the window must register the fonts of [`font`].
#[tauri::command]
pub fn font_family() -> String {
    engine::fonts().family.clone()
}

/// The bytes of one face of the document's font, so that the preview's SVG text is drawn with
/// the very font the PDF embeds (the webview has no other way to reach a bundled font).
#[tauri::command]
pub fn font(face: String) -> CmdResult<tauri::ipc::Response> {
    let face = match face.as_str() {
        "regular" => Face::Regular,
        "bold" => Face::Bold,
        "italic" => Face::Italic,
        "bold_italic" => Face::BoldItalic,
        "symbol" => Face::Symbol,
        _ => return Err(Error::internal("Kiểu chữ không có.").into()),
    };
    Ok(tauri::ipc::Response::new(
        engine::fonts().face(face).bytes.to_vec(),
    ))
}

/// Where a new draft comes from.
#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum NewFrom {
    Template { id: String },
    Copy { id: String },
    Blank,
}

/// Creates a draft and returns its id (files are imported by `import::import_report_file`).
#[tauri::command]
pub async fn create_draft(state: State<'_, AppState>, from: NewFrom) -> CmdResult<String> {
    let id = match from {
        NewFrom::Template { id } => state.lock().drafts.create_from_template(&id)?,
        NewFrom::Copy { id } => state.lock().drafts.copy(&id)?,
        NewFrom::Blank => state.lock().drafts.create_blank()?,
    };
    Ok(id)
}

#[derive(Serialize)]
pub struct Opened {
    id: String,
    title: String,
    status: String,
    report: Report,
    pages: Pages,
}

#[tauri::command(async)]
pub fn open_draft(state: State<'_, AppState>, id: String) -> CmdResult<Opened> {
    let mut inner = state.lock();
    if let Some(prev) = inner.open.take() {
        inner.drafts.close(&prev.id)?;
    }
    let report = inner.drafts.load(&id)?;
    let info = inner.drafts.info(&id)?;
    let (title, status) = (info.title, info.status);
    inner.open = Some(super::state::OpenDraft {
        id: id.clone(),
        report: report.clone(),
        summed: None,
    });
    let pages = state.live().show(&id, report.clone());
    Ok(Opened {
        id,
        title,
        status,
        report,
        pages,
    })
}

/// The answer to [`save_report`].
#[derive(Serialize)]
pub struct Saved {
    /// "10:42".
    saved_at: String,
}

/// Autosave: the window's report of draft `id`, saved (see
/// [`Inner::save`](super::state::Inner::save)). The window's save queue sends it within a second
/// of the first unsaved keystroke and retries it until it is on disk; the preview does not wait
/// for it ([`update_section`]). Off the main thread: a save that waits for a locked database
/// must not freeze the window.
#[tauri::command(async)]
pub fn save_report(state: State<'_, AppState>, id: String, report: Report) -> CmdResult<Saved> {
    let mut report = report;
    engine::prepare(&mut report);
    let saved_at = state.lock().save(&id, report)?;
    Ok(Saved { saved_at })
}

/// The keystroke path: the section of draft `id` the user is typing in (without its
/// subsections), laid out with the rest of the report as the window last sent it; the pages
/// that changed come back. Touches only the preview, never the store, so it never waits for a
/// save.
#[tauri::command(async)]
pub fn update_section(
    state: State<'_, AppState>,
    id: String,
    section: Section,
) -> CmdResult<Pages> {
    Ok(state.live().put_section(&id, section)?)
}

/// [`update_section`] for an edit outside one section's own content (the header, the closing,
/// the outline, the settings): the window's whole report laid out. `all`: every page comes back
/// whole (the window found its pages were not the ones the engine last sent).
#[tauri::command(async)]
pub fn preview_report(
    state: State<'_, AppState>,
    id: String,
    report: Report,
    all: bool,
) -> CmdResult<Pages> {
    let mut report = report;
    engine::prepare(&mut report);
    Ok(state.live().put_report(&id, report, all)?)
}

/// The answer to [`table_totals`].
#[derive(Serialize)]
pub struct TotalRow {
    /// The table's last row with its figures summed (and "Tổng cộng" in a blank label cell).
    row: Vec<Vec<Run>>,
    /// Per column: the cell is computed (the form shows it read-only).
    computed: Vec<bool>,
    /// The merged cells, those reaching into the total row from above ended before it.
    spans: Vec<CellSpan>,
}

/// The form's table grid asks for its total row whenever a figure above it changes: the sums
/// are the engine's (`figures::totals`, exact decimals), the same the preview and the saved
/// draft get, never the window's own arithmetic. `None` for a table without a total row.
#[tauri::command]
pub fn table_totals(table: Table) -> Option<TotalRow> {
    let mut table = table;
    let computed = engine::table_totals(&mut table);
    if computed.is_empty() {
        return None;
    }
    Some(TotalRow {
        row: table.rows.pop().unwrap_or_default(),
        computed,
        spans: table.spans,
    })
}

#[tauri::command(async)]
pub fn save_version(state: State<'_, AppState>, name: String) -> CmdResult<VersionInfo> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    let name = if name.trim().is_empty() {
        format!("Bản lưu lúc {}", hhmm())
    } else {
        name
    };
    Ok(inner.drafts.save_version(&id, &name)?)
}

#[tauri::command(async)]
pub fn list_versions(state: State<'_, AppState>) -> CmdResult<Vec<VersionInfo>> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    Ok(inner.drafts.versions(&id)?)
}

/// The pages of an earlier version, to look at without changing anything.
#[tauri::command(async)]
pub fn view_version(state: State<'_, AppState>, version: String) -> CmdResult<Vec<String>> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    let report = inner.drafts.load_version(&id, &version)?;
    let doc = engine::layout(&report, &inner.measurer);
    Ok(engine::page_svgs(&doc))
}

/// Brings an earlier version back, as a new version: restoring never destroys anything.
#[tauri::command(async)]
pub fn restore_version(state: State<'_, AppState>, version: String) -> CmdResult<Report> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    Ok(inner.drafts.restore_version(&id, &version)?)
}

#[tauri::command(async)]
pub fn set_status(state: State<'_, AppState>, status: String) -> CmdResult<()> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    Ok(inner.drafts.set_status(&id, &status)?)
}

/// What the editor exports: the PDF for signing, the Word file for the upper levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    Pdf,
    Word,
}

impl Export {
    fn extension(self) -> &'static str {
        match self {
            Export::Pdf => "pdf",
            Export::Word => "docx",
        }
    }
    /// The save dialog's title and file filter.
    fn dialog(self) -> (&'static str, &'static str) {
        match self {
            Export::Pdf => ("Xuất PDF", "Tệp PDF"),
            Export::Word => ("Xuất Word", "Tệp Word"),
        }
    }
}

/// "Báo cáo Tình hình … năm 2026 - 15-6-2026.pdf" (or ".docx"): the trích yếu and the date,
/// Vietnamese letters kept (every Windows since XP takes them), only the characters Windows
/// forbids taken out, short enough for the path limits of old Windows.
pub fn export_file_name(r: &Report, export: Export) -> String {
    let doc_type = {
        let t = r.doc_type.trim();
        let mut c = t.chars();
        match c.next() {
            Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
            None => "Báo cáo".to_string(),
        }
    };
    let mut name = format!("{doc_type} {}", r.trich_yeu.trim().trim_end_matches('.'));
    name = name
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => ' ',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if name.chars().count() > 100 {
        name = name
            .chars()
            .take(100)
            .collect::<String>()
            .trim_end()
            .to_string();
    }
    let date = match (r.date.day, r.date.month) {
        (Some(d), Some(m)) => format!("{d:02}-{m:02}-{}", r.date.year),
        _ => r.date.year.to_string(),
    };
    format!(
        "{} - {date}.{}",
        name.trim_end_matches(['.', ' ']),
        export.extension()
    )
}

/// Exports the open draft as PDF (see [`export`]).
#[tauri::command]
pub async fn export_pdf(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    export(app, state, Export::Pdf).await
}

/// Exports the open draft as a Word file (see [`export`]).
#[tauri::command]
pub async fn export_docx(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    export(app, state, Export::Word).await
}

/// Exports the open draft. Asks where with the system's save dialog, unless
/// `BAOCAO_EXPORT_DIR` is set (unattended use and the end-to-end tests), in which case the file
/// goes there under its proposed name. The file is written whole or not at all. Returns the
/// path written, or `None` if the user cancelled.
async fn export(
    app: AppHandle,
    state: State<'_, AppState>,
    export: Export,
) -> CmdResult<Option<String>> {
    let (bytes, name) = {
        let mut inner = state.lock();
        let report = inner.open_draft()?.report.clone();
        let bytes = match export {
            Export::Pdf => engine::pdf(&engine::layout(&report, &inner.measurer))?,
            Export::Word => engine::docx(&report, &inner.measurer)?,
        };
        (bytes, export_file_name(&report, export))
    };
    let (title, filter) = export.dialog();
    let Some(path) = save_path(&app, title, &name, (filter, export.extension())) else {
        return Ok(None);
    };
    baocao::files::write_atomically(&path, &bytes)?;
    state.remember_written(&path);
    Ok(Some(path.to_string_lossy().to_string()))
}

/// Refuses a path the app did not write itself in this session: the page may only open what
/// Báo cáo just wrote (an exported PDF, a draft file, a backup), never a path of its choosing.
fn written_by_us(state: &AppState, path: &str) -> CmdResult<()> {
    if state.was_written(std::path::Path::new(path)) {
        Ok(())
    } else {
        Err(Error::input(
            "Báo cáo chỉ mở được tệp do chính nó vừa ghi ra. Hãy mở tệp đó bằng File Explorer.",
        )
        .into())
    }
}

#[tauri::command]
pub fn open_path(app: AppHandle, state: State<'_, AppState>, path: String) -> CmdResult<()> {
    written_by_us(&state, &path)?;
    app.opener().open_path(&path, None::<&str>).map_err(|_| {
        AppError::from(Error::io(format!(
            "Không mở được “{path}”: máy chưa có chương trình mở loại tệp này. Hãy cài một trình đọc PDF (với tệp .pdf) hoặc Word/LibreOffice (với tệp .docx) rồi mở lại tệp."
        )))
    })
}

#[tauri::command]
pub fn reveal_path(app: AppHandle, state: State<'_, AppState>, path: String) -> CmdResult<()> {
    written_by_us(&state, &path)?;
    app.opener().reveal_item_in_dir(&path).map_err(|_| {
        AppError::from(Error::io(format!(
            "Không mở được thư mục chứa “{path}”. Hãy mở thư mục đó bằng File Explorer."
        )))
    })
}

/// Pane widths and other choices of the window, kept in the data folder.
#[tauri::command]
pub fn get_prefs() -> serde_json::Value {
    let mut p = super::prefs::load();
    p["data_dir"] = super::drafts::data_dir()
        .map(|d| d.to_string_lossy().to_string())
        .unwrap_or_default()
        .into();
    p
}

#[tauri::command]
pub fn set_prefs(ui: serde_json::Value) -> CmdResult<()> {
    let mut p = super::prefs::load();
    p["ui"] = ui;
    Ok(super::prefs::save(&p)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names_keep_vietnamese_and_drop_what_windows_forbids() {
        let r = Report {
            doc_type: "BÁO CÁO".into(),
            trich_yeu: "Tình hình 06 tháng đầu năm: kết quả/nhiệm vụ năm 2026.".into(),
            date: baocao::model::DocDate::from_ymd(2026, 6, 5),
            ..Report::default()
        };
        assert_eq!(
            export_file_name(&r, Export::Pdf),
            "Báo cáo Tình hình 06 tháng đầu năm kết quả nhiệm vụ năm 2026 - 05-06-2026.pdf"
        );
        assert_eq!(
            export_file_name(&r, Export::Word),
            "Báo cáo Tình hình 06 tháng đầu năm kết quả nhiệm vụ năm 2026 - 05-06-2026.docx"
        );
        let blank_date = Report {
            trich_yeu: "x".repeat(300),
            ..Report::default()
        };
        let n = export_file_name(&blank_date, Export::Pdf);
        assert!(n.ends_with(" - 2026.pdf") && n.chars().count() < 120, "{n}");
    }
}

/// The window's answer to a close request, once its last edits are saved.
#[tauri::command]
pub fn close_window(window: tauri::Window) -> CmdResult<()> {
    super::remember_place(&window);
    window
        .destroy()
        .map_err(|e| Error::internal(format!("Không đóng được cửa sổ ({e}).")).into())
}

/// The window heard the close request and is saving (or asking the user); see app/mod.rs.
#[tauri::command]
pub fn close_answered(state: State<'_, AppState>) {
    state.answer_close();
}

/// "Lưu bản nháp ra tệp…": the window's `report` (what the user sees, saved or not) written as
/// a draft file, the way out when the database refuses to save. Asks where with the system's
/// save dialog, unless `BAOCAO_EXPORT_DIR` is set. Returns the path written, or `None` if the
/// user cancelled.
#[tauri::command(async)]
pub fn save_draft_file(
    app: AppHandle,
    state: State<'_, AppState>,
    report: Report,
) -> CmdResult<Option<String>> {
    let mut report = report;
    engine::prepare(&mut report);
    let bytes = {
        let mut inner = state.lock();
        let id = inner.open_draft()?.id.clone();
        inner.drafts.export_unsaved(&id, &report)?
    };
    let name = draft_file_name(&report);
    let Some(path) = save_path(
        &app,
        "Lưu bản nháp ra tệp",
        &name,
        ("Bản nháp Báo cáo", "json"),
    ) else {
        return Ok(None);
    };
    baocao::files::write_atomically(&path, &bytes)?;
    state.remember_written(&path);
    Ok(Some(path.to_string_lossy().to_string()))
}

/// Where to write a file the user asked for: `BAOCAO_EXPORT_DIR/name` when that is set
/// (unattended use and the end-to-end tests), else the system's save dialog, opened in the
/// Documents folder. `None` when the user cancelled.
pub(super) fn save_path(
    app: &AppHandle,
    title: &str,
    name: &str,
    filter: (&str, &str),
) -> Option<PathBuf> {
    if let Some(dir) = super::seams::path(super::seams::EXPORT_DIR) {
        return Some(dir.join(name));
    }
    let mut dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(name)
        .add_filter(filter.0, &[filter.1]);
    if let Some(docs) = dirs::document_dir() {
        dialog = dialog.set_directory(docs);
    }
    dialog.blocking_save_file().and_then(|p| p.into_path().ok())
}

/// "Bản nháp Tình hình … năm 2026.json".
pub fn draft_file_name(r: &Report) -> String {
    let pdf = export_file_name(r, Export::Pdf);
    let stem = pdf.rsplit_once(" - ").map(|(s, _)| s).unwrap_or(&pdf);
    format!("Bản nháp {stem}.json")
}

#[tauri::command(async)]
pub fn list_backups(state: State<'_, AppState>) -> Vec<BackupInfo> {
    state.lock().drafts.backups()
}

/// "Sao lưu ngay": into the data folder, and into the folder the user chose when one is set.
/// Returns the files written.
#[tauri::command(async)]
pub fn backup_now(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    let written = state.lock().drafts.backup_now()?;
    for p in &written {
        state.remember_written(std::path::Path::new(p));
    }
    Ok(written)
}

/// "Sao lưu ra tệp…": a backup where the user says, with the system's save dialog (a USB
/// stick). Returns the file written, or `None` when the user cancelled.
#[tauri::command(async)]
pub fn backup_to_file(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    let name = format!(
        "Báo cáo - sao lưu {}.db",
        chrono::Local::now().format("%d-%m-%Y %H%M")
    );
    let Some(path) = save_path(&app, "Sao lưu ra tệp", &name, ("Bản sao lưu Báo cáo", "db"))
    else {
        return Ok(None);
    };
    let written = state.lock().drafts.backup_to(&path)?;
    state.remember_written(std::path::Path::new(&written));
    Ok(Some(written))
}

/// The backup folder the user chose, if any.
#[tauri::command(async)]
pub fn backup_folder(state: State<'_, AppState>) -> Option<String> {
    state.lock().drafts.chosen_backup_folder()
}

/// "Chọn thư mục…" for the backups (a USB stick, `D:\`): the system's folder picker on the Rust
/// side (`BAOCAO_BACKUP_FOLDER` answers it in tests); `clear` forgets the folder. Returns the
/// folder now set.
#[tauri::command(async)]
pub fn set_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    clear: bool,
) -> CmdResult<Option<String>> {
    let folder = if clear {
        None
    } else {
        let picked = match super::seams::path(super::seams::BACKUP_FOLDER) {
            Some(f) => Some(f),
            None => app
                .dialog()
                .file()
                .set_title("Chọn thư mục để lưu bản sao lưu (nên là ổ USB hoặc ổ khác)")
                .blocking_pick_folder()
                .and_then(|p| p.into_path().ok()),
        };
        match picked {
            Some(p) => Some(p),
            None => return Ok(state.lock().drafts.chosen_backup_folder()),
        }
    };
    let mut inner = state.lock();
    inner.drafts.set_chosen_backup_folder(folder.as_deref())?;
    Ok(inner.drafts.chosen_backup_folder())
}

/// Puts a backup back in place of the data (the store keeps the replaced data aside): one of
/// the list, or a file the user picks in the system's dialog on the Rust side; the page never
/// names a path. The open draft is closed first: the window goes back to the start screen.
/// Returns false when the user cancelled the dialog.
#[tauri::command(async)]
pub fn restore_backup(
    app: AppHandle,
    state: State<'_, AppState>,
    choice: super::backup_choice::BackupChoice,
) -> CmdResult<bool> {
    // The list under the lock, the dialog without it: the user may take their time.
    let listed = state.lock().drafts.backups_raw();
    let path = super::backup_choice::chosen_backup(&app, &listed, &choice)?;
    let Some(path) = path else {
        return Ok(false);
    };
    let mut inner = state.lock();
    if let Some(prev) = inner.open.take() {
        let _ = inner.drafts.close(&prev.id);
    }
    state.live().close();
    inner.drafts.restore_backup_file(&path)?;
    Ok(true)
}
