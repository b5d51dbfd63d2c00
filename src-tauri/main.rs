//! `baocao-app`: the desktop app. Everything that knows Tauri lives in `app/`; the engine it
//! drives is the `baocao` library.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

mod app;

fn main() {
    if let Err(e) = app::run() {
        // Nothing else can show it: the window never opened.
        eprintln!(
            "Lỗi: không mở được cửa sổ Báo cáo ({e}). Hãy cài WebView2/WebKitGTK rồi thử lại."
        );
        std::process::exit(1);
    }
}
