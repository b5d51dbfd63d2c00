//! "In", Ctrl+P and "Trang in thử": one command that prints the pages the window has put in its
//! print area (ui/print.js: the engine's own SVG pages, each on its own A4 sheet, landscape
//! pages turned onto portrait sheets) through the webview's own print API, with the settings
//! the decree's page needs and no browser dialog in the way: A4, no margins added, 100 %, no
//! header or footer (no address, no date), backgrounds on. The rules and messages are the
//! library's (`baocao::print`); the system's part is in print_gtk.rs (Linux: WebKitGTK) and
//! print_windows.rs (Windows: WebView2).

use serde::Serialize;
use tauri::{AppHandle, State, WebviewWindow};

use baocao::print::{PrintJob, PrintRequest};
use baocao::Error;

use super::commands::CmdResult;
use super::engine;
use super::state::AppState;

#[cfg(target_os = "linux")]
#[path = "print_gtk.rs"]
mod platform;
#[cfg(windows)]
#[path = "print_windows.rs"]
mod platform;
/// Other systems (the app is made for Windows and built on Linux): the system's dialog only.
#[cfg(not(any(target_os = "linux", windows)))]
mod platform {
    pub const SYSTEM_DIALOG_LABEL: &str = "In bằng hộp thoại của hệ thống…";
    pub fn printers(_: &tauri::WebviewWindow) -> (Vec<String>, Option<String>) {
        (Vec::new(), None)
    }
    pub fn print(
        _: &tauri::WebviewWindow,
        _: &baocao::print::PrintJob,
        _: Option<&std::path::Path>,
    ) -> baocao::Result<super::Outcome> {
        Err(super::failed("hệ điều hành này chưa được hỗ trợ"))
    }
}

/// The printers the app's dialog offers.
#[derive(Debug, Serialize, Default)]
pub struct Printers {
    pub printers: Vec<String>,
    /// The system's default printer, preselected.
    pub default: Option<String>,
    /// The second choice's label: "In bằng hộp thoại của Windows…" on Windows.
    pub system_dialog_label: &'static str,
}

/// How a job ended, as the window tells it.
#[derive(Debug, Serialize)]
pub struct Printed {
    /// False when the user cancelled the system's dialog.
    pub printed: bool,
    pub message: String,
}

/// The printers of the system, the default one first.
#[tauri::command(async)]
pub fn list_printers(window: WebviewWindow) -> Printers {
    let (mut printers, default) = platform::printers(&window);
    if let Some(d) = &default {
        printers.retain(|p| p != d);
        printers.insert(0, d.clone());
    }
    Printers {
        printers,
        default,
        system_dialog_label: platform::SYSTEM_DIALOG_LABEL,
    }
}

/// The open draft's pages as they print: the engine's SVG of each page, every run of text held
/// to the layout's width (the window puts them in its print area, one sheet each).
#[tauri::command(async)]
pub fn pages_for_print(state: State<'_, AppState>) -> CmdResult<Vec<String>> {
    let inner = state.lock();
    let report = &inner.open.as_ref().ok_or_else(no_draft)?.report;
    Ok(engine::print_svgs(&engine::layout(report, &inner.measurer)))
}

/// "Trang in thử": the layout's test page for the open report's margins (the decree's defaults
/// when no report is open), as the preview shows it and as it prints.
#[derive(Debug, Serialize)]
pub struct TestPage {
    pub preview: String,
    pub print: String,
}

fn test_page_doc(state: &AppState) -> baocao::page::Document {
    let inner = state.lock();
    let settings = inner
        .open
        .as_ref()
        .map(|o| o.report.settings)
        .unwrap_or_default();
    baocao::page::Document {
        pages: vec![baocao::layout::test_page::test_page(
            &settings,
            &inner.measurer,
        )],
        info: baocao::page::DocInfo {
            title: "Trang in thử".into(),
            ..Default::default()
        },
    }
}

#[tauri::command(async)]
pub fn test_page(state: State<'_, AppState>) -> TestPage {
    let doc = test_page_doc(&state);
    TestPage {
        preview: engine::page_svgs(&doc).remove(0),
        print: engine::print_svgs(&doc).remove(0),
    }
}

/// "Xuất PDF" of the test page: the same page through the engine's PDF painter, written whole
/// where the user says. Returns the file written, or `None` when the user cancelled.
#[tauri::command(async)]
pub fn export_test_page(app: AppHandle, state: State<'_, AppState>) -> CmdResult<Option<String>> {
    let bytes = engine::pdf(&test_page_doc(&state))?;
    let Some(path) = super::commands::save_path(
        &app,
        "Xuất trang in thử ra PDF",
        "Trang in thử.pdf",
        ("Tệp PDF", "pdf"),
    ) else {
        return Ok(None);
    };
    baocao::files::write_atomically(&path, &bytes)?;
    state.remember_written(&path);
    Ok(Some(path.to_string_lossy().to_string()))
}

fn no_draft() -> Error {
    Error::input("Hãy mở một báo cáo để in.")
}

/// Prints the window's print area (`page_count` sheets) as `request` says. Waits for the
/// system to take the job (or the user to close its dialog) and says what happened.
#[tauri::command(async)]
pub fn print_pages(
    window: WebviewWindow,
    request: PrintRequest,
    page_count: u32,
) -> CmdResult<Printed> {
    let job = request.job(page_count)?;
    let to_file = super::seams::path(super::seams::PRINT_TO_FILE);
    let outcome = platform::print(&window, &job, to_file.as_deref())?;
    Ok(match outcome {
        Outcome::Sent => Printed {
            printed: true,
            message: job.sent_message(page_count),
        },
        Outcome::Cancelled => Printed {
            printed: false,
            message: "Đã hủy lệnh in.".into(),
        },
        Outcome::InSystemDialog => Printed {
            printed: true,
            message: "Đã mở hộp thoại in của Windows: máy in, số bản và việc in do hộp thoại đó quyết định (Báo cáo không biết kết quả). Nếu giấy không ra, hãy in lại bằng nút “In”.".into(),
        },
    })
}

/// What the system said of a job.
pub enum Outcome {
    Sent,
    /// The user closed the system's dialog (WebView2's reports no outcome: never there).
    #[cfg_attr(windows, allow(dead_code))]
    Cancelled,
    /// Handed to Windows' own dialog, which tells nothing back (`ShowPrintUI`): not claimed as
    /// sent.
    #[cfg_attr(not(windows), allow(dead_code))]
    InSystemDialog,
}

/// The Vietnamese message of a job the system refused, with its reason for the expert.
fn failed(reason: &str) -> Error {
    Error::io(format!(
        "Không in được: {reason}. Hãy kiểm tra máy in (đã bật, đã cắm, còn giấy) rồi thử lại, hoặc chọn “{}”.",
        platform::SYSTEM_DIALOG_LABEL
    ))
}

/// How long a job may take to be handed to the system before the window is told it failed
/// (the system's dialog waits for the user: no limit there but a long one).
fn patience(job: &PrintJob) -> std::time::Duration {
    std::time::Duration::from_secs(if job.system_dialog { 3600 } else { 180 })
}
