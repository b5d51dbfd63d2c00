//! The desktop shell: the one place that knows Tauri. It opens the window, holds the managed
//! state and answers the window's commands; everything else is the library's.

mod backup_choice;
mod commands;
pub mod crash;
mod drafts;
mod engine;
mod import;
mod library;
mod prefs;
mod print;
mod review;
pub mod seams;
mod sign;
mod startup;
mod state;
mod tong_hop;
mod window;
mod window_state;

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
            // Never fails: when the store cannot be opened, the window opens on the error view
            // (app/startup.rs) instead of Tauri panicking on a failed setup.
            app.manage(sign::SignState::default());
            let startup = startup::open(app.handle());
            app.manage(startup);
            if let Some(w) = app.get_webview_window("main") {
                if let Some(file) = window_state_file() {
                    window_state::restore(&w, &file);
                }
                let _ = window::fit_to_monitor(&w);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if let WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) = event {
                import::dropped(window.app_handle(), paths);
            }
            if let WindowEvent::CloseRequested { api, .. } = event {
                // Its place now, while it is still there to be measured.
                remember_place(window);
                // The window closes itself (`close_window`) once everything typed is on disk, or
                // after asking the user when it cannot be saved (ui/main.js). Only a window that
                // does not even answer the request within three seconds is closed from here: its
                // page is dead and holds nothing that could still be saved.
                let Some(state) = window.try_state::<state::AppState>() else {
                    return;
                };
                api.prevent_close();
                let request = state.ask_close();
                let _ = window.emit("dong-cua-so", ());
                let w = window.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(3));
                    let answered = w
                        .try_state::<state::AppState>()
                        .is_none_or(|s| s.close_was_answered(request));
                    if !answered {
                        let _ = w.destroy();
                    }
                });
            }
        })
        .invoke_handler(tauri::generate_handler![
            tong_hop::tong_hop_chon_mau,
            tong_hop::tong_hop_chon_don_vi,
            tong_hop::tong_hop_chay,
            tong_hop::tong_hop_ban_mo,
            tong_hop::tong_hop_nguon,
            startup::startup_status,
            startup::startup_retry,
            startup::startup_restore,
            startup::open_data_folder,
            window::window_ready,
            commands::start_screen,
            commands::font_family,
            commands::font,
            commands::create_draft,
            commands::open_draft,
            commands::save_report,
            commands::update_section,
            commands::preview_report,
            commands::table_totals,
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
            commands::close_answered,
            commands::save_draft_file,
            commands::list_backups,
            commands::backup_now,
            commands::restore_backup,
            commands::backup_to_file,
            commands::backup_folder,
            commands::set_backup_folder,
            import::import_report_file,
            import::drop_files_for_test,
            import::paste_html,
            import::paste_text,
            library::layout_fields,
            library::layout_choices,
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
            print::list_printers,
            print::print_pages,
            print::pages_for_print,
            print::test_page,
            print::export_test_page,
            review::check_report,
            review::apply_fix,
            review::ignore_word,
            review::add_to_dictionary,
            review::dismiss_review,
            review::parse_number,
            review::figures_table,
            review::next_periods_of_open,
            review::roll_forward,
            review::compare_versions,
            review::dismiss_all_review,
            sign::ky_so_mo,
            sign::ky_so_chon_thu_vien,
            sign::ky_so_chon_hinh,
            sign::ky_so_chon_pdf,
            sign::ky_so_nguon,
            sign::ky_so_ky,
            sign::kiem_tra_chu_ky,
            sign::kiem_tra_lai,
            sign::goc_tin_cay,
            sign::them_goc_tin_cay,
        ])
        .run(tauri::generate_context!())
}

/// Writes where `window` is into the data folder's `cua-so.json` (window_state.rs).
pub(crate) fn remember_place(window: &tauri::Window) {
    if let (Some(w), Some(file)) = (
        window.app_handle().get_webview_window(window.label()),
        window_state_file(),
    ) {
        window_state::remember(&w, &file);
    }
}

/// Where the window's place is remembered: `cua-so.json` in the data folder (one per data
/// folder, so that tests do not share it).
fn window_state_file() -> Option<std::path::PathBuf> {
    drafts::data_dir().ok().map(|d| d.join(window::STATE_FILE))
}
