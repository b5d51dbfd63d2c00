//! `baocao-app`: the desktop app. Everything that knows Tauri lives in `app/`; the engine it
//! drives is the `baocao` library.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

mod app;

fn main() {
    let log_dir = baocao::store::default_dir().ok();
    app::crash::install(log_dir.clone());
    // Test seam (debug builds only): the panic of a window that cannot be made, on demand.
    if app::seams::is_set(app::seams::PANIC_AT_START) {
        panic!("thử lỗi khi mở cửa sổ (BAOCAO_TEST_PANIC_AT_START)");
    }
    if let Err(e) = app::run() {
        // Nothing else can show it: the window never opened.
        let detail = format!("không mở được cửa sổ ({e}); hãy cài WebView2 rồi thử lại");
        eprintln!("Lỗi: {detail}");
        if let Some(dir) = &log_dir {
            baocao::log::append(dir, &format!("Lỗi nghiêm trọng: {detail}"));
        }
        app::crash::show_fatal(&detail, log_dir.as_deref());
        std::process::exit(1);
    }
}
