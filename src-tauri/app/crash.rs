//! The last resort: a panic on the main thread (Tauri panics when it cannot make the window)
//! is written to the log and shown in a native message box before the app exits. On Windows a
//! release build has no console, so without this the user double-clicks and nothing happens.
//!
//! `rfd` shows the box: the dialog plugin needs an app handle, which may not exist yet.

use std::path::PathBuf;

/// Installs the panic hook. `log_dir` is the data folder, when known.
pub fn install(log_dir: Option<PathBuf>) {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let what = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "lỗi không rõ".to_string()),
        };
        let place = info
            .location()
            .map(|l| format!(" ({}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current();
        let name = thread.name().unwrap_or("?");
        if let Some(dir) = &log_dir {
            baocao::log::append(dir, &format!("Lỗi nghiêm trọng [{name}]: {what}{place}"));
        }
        default(info);
        // A command's panic (a worker thread) is caught and reported in the window; only the
        // main thread's panic ends the app.
        if name == "main" {
            show_fatal(&format!("{what}{place}"), log_dir.as_deref());
        }
    }));
}

/// The message box the user sees when the app cannot go on.
pub fn show_fatal(detail: &str, log_dir: Option<&std::path::Path>) {
    let log = log_dir
        .map(|d| {
            format!(
                " Hãy đưa người hỗ trợ xem tệp nhật ký “{}”.",
                d.join(baocao::log::LOG_FILE).display()
            )
        })
        .unwrap_or_default();
    let text = format!(
        "Báo cáo gặp lỗi và phải đóng lại. Các bản nháp đã lưu không bị mất.\n\nHãy mở lại Báo cáo. Nếu vẫn lỗi, hãy khởi động lại máy, hoặc cài lại Báo cáo (cài cả WebView2 nếu được hỏi).{log}\n\nChi tiết: {detail}"
    );
    let _ = rfd::MessageDialog::new()
        .set_title("Báo cáo")
        .set_level(rfd::MessageLevel::Error)
        .set_description(text)
        .set_buttons(rfd::MessageButtons::Ok)
        .show();
}
