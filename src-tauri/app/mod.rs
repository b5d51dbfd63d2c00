//! The desktop shell: the one place that knows Tauri. It opens the window, holds the managed
//! state and answers the window's commands; everything else is the library's.

mod commands;
mod drafts;
mod engine;
mod import;
mod library;
mod prefs;
mod review;
mod state;

use std::sync::atomic::Ordering;

use tauri::{Emitter, Manager, WindowEvent};

/// Builds and runs the app until its last window closes.
pub fn run() -> tauri::Result<()> {
    tauri::Builder::default()
        // First plugin, as the plugin asks: a second launch focuses the first window instead of
        // opening a second writer on the same drafts.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(w) = app.get_webview_window("main") {
                let _ = w.unminimize();
                let _ = w.show();
                let _ = w.set_focus();
            }
        }))
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let mut drafts = drafts::Drafts::open(drafts::data_dir())?;
            // A failed seed leaves an empty list, never a closed app; the window says why.
            if let Err(e) = drafts.seed_sample_if_empty() {
                eprintln!("Lỗi: {e}");
            }
            app.manage(state::AppState::new(drafts));
            if let Some(w) = app.get_webview_window("main") {
                restore_window(&w);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                import::dropped(window.app_handle(), paths);
            }
            if let WindowEvent::CloseRequested { api, .. } = event {
                remember_window(window);
                // The window may hold edits of the last 200 ms that it has not sent yet: it is
                // asked to send them and then closes itself (`close_window`). Should it not
                // answer within three seconds, the window closes anyway.
                let state = window.state::<state::AppState>();
                if !state.closing.swap(true, Ordering::SeqCst) {
                    api.prevent_close();
                    let _ = window.emit("dong-cua-so", ());
                    let w = window.clone();
                    std::thread::spawn(move || {
                        std::thread::sleep(std::time::Duration::from_secs(3));
                        let _ = w.destroy();
                    });
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::start_screen,
            commands::font_family,
            commands::font,
            commands::create_draft,
            commands::open_draft,
            commands::update_report,
            commands::save_version,
            commands::list_versions,
            commands::view_version,
            commands::restore_version,
            commands::set_status,
            commands::export_pdf,
            commands::export_docx,
            commands::open_path,
            commands::reveal_path,
            commands::get_prefs,
            commands::set_prefs,
            commands::close_window,
            commands::list_backups,
            commands::backup_now,
            commands::restore_backup,
            import::import_report_file,
            import::drop_files_for_test,
            import::paste_html,
            import::paste_text,
            library::layout_fields,
            library::list_presets,
            library::save_preset,
            library::apply_preset,
            library::delete_preset,
            library::set_default_preset,
            library::save_as_template,
            library::delete_template,
            library::trash_draft,
            library::restore_draft,
            library::list_trash,
            library::delete_forever,
            review::check_report,
            review::apply_fix,
            review::dismiss_review,
            review::parse_number,
            review::figures_table,
            review::next_periods_of_open,
            review::roll_forward,
            review::compare_versions,
            review::dismiss_all_review,
        ])
        .run(tauri::generate_context!())
}

/// Gives the window the size it had when the user last closed it.
fn restore_window(w: &tauri::WebviewWindow) {
    let p = prefs::load();
    let win = &p["window"];
    if let (Some(width), Some(height)) = (win["width"].as_f64(), win["height"].as_f64()) {
        if width >= 900.0 && height >= 600.0 {
            let _ = w.set_size(tauri::LogicalSize::new(width, height));
        }
    }
    if win["maximized"].as_bool() == Some(true) {
        let _ = w.maximize();
    }
}

fn remember_window(window: &tauri::Window) {
    let (Ok(size), Ok(scale)) = (window.inner_size(), window.scale_factor()) else {
        return;
    };
    let size = size.to_logical::<f64>(scale);
    let mut p = prefs::load();
    p["window"] = serde_json::json!({
        "width": size.width,
        "height": size.height,
        "maximized": window.is_maximized().unwrap_or(false),
    });
    let _ = prefs::save(&p);
}
