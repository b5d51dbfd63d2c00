//! Opening the store when the app starts, and what the window shows when that fails.
//!
//! `setup` never fails: a Tauri `setup` that returns an error panics, and on Windows (no console)
//! the user would double-click and see nothing. When the store cannot be opened (a damaged
//! database, one written by a newer Báo cáo, one held by another program, a network folder) the
//! window opens on an error view that says what happened, lists the backups with their dates
//! and offers to restore one, to open the data folder, or to try again.

use std::path::PathBuf;
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager, State};
use tauri_plugin_opener::OpenerExt;

use baocao::store;
use baocao::{Error, Result};

use super::backup_choice::{chosen_backup, BackupChoice};
use super::commands::CmdResult;
use super::drafts::{self, Drafts};
use super::state::AppState;

/// What the start found: managed for the life of the app.
pub struct Startup(Mutex<Found>);

#[derive(Default)]
struct Found {
    dir: Option<PathBuf>,
    error: Option<Error>,
    /// Upkeep that failed at open, the move of an old store: said once in the window.
    notes: Vec<String>,
    /// The window has taken the notes: later ones are sent as an event ("thong-bao").
    notes_taken: bool,
}

/// What the window asks first (`startup_status`).
#[derive(Debug, Serialize)]
pub struct StartupView {
    pub ok: bool,
    /// Why the store could not be opened, in Vietnamese.
    pub message: String,
    pub data_dir: String,
    /// The backups the user can restore, newest first.
    pub backups: Vec<drafts::BackupInfo>,
    /// Things to tell the user once (an upkeep that failed, data moved to the new folder).
    pub notes: Vec<String>,
    /// A damaged database was moved aside: "Thử lại" would start on an empty one, so the
    /// window offers the backups first and names that choice plainly ("Bắt đầu với dữ liệu
    /// trống").
    pub damaged: bool,
}

/// Opens the store in the data folder (moving an old one over first) and gives the app its
/// state; on failure keeps the error for the window. Never fails.
pub fn open(app: &AppHandle) -> Startup {
    let mut found = Found {
        dir: drafts::data_dir().ok(),
        ..Found::default()
    };
    match open_drafts() {
        Ok((d, notes)) => {
            found.notes = notes;
            app.manage(AppState::new(d));
            if let Some(dir) = found.dir.clone() {
                backup_to_chosen_folder_later(app.clone(), dir);
            }
        }
        Err(e) => {
            if let Some(dir) = &found.dir {
                baocao::log::append(dir, &format!("Không mở được dữ liệu: {}", e.message));
            }
            found.error = Some(e);
        }
    }
    Startup(Mutex::new(found))
}

/// The day's backup into the folder the user chose (a USB stick can take minutes), on a thread
/// of its own: the window opens and answers meanwhile. A failure (the stick not plugged in) is
/// logged and told in the window like the other notes of the start.
fn backup_to_chosen_folder_later(app: AppHandle, dir: PathBuf) {
    std::thread::spawn(move || {
        if let Some(ms) = super::seams::millis(super::seams::SLOW_BACKUP_MS) {
            std::thread::sleep(std::time::Duration::from_millis(ms));
        }
        let Err(e) = store::backup_to_chosen_if_due(&dir) else {
            return;
        };
        let note = format!("Chưa sao lưu tự động vào thư mục đã chọn: {}", e.message);
        baocao::log::append(&dir, &note);
        // The state is managed right after `open` returns; wait for it briefly.
        for _ in 0..100 {
            if let Some(startup) = app.try_state::<Startup>() {
                let mut found = startup.0.lock().unwrap_or_else(|e| e.into_inner());
                if found.notes_taken {
                    drop(found);
                    let _ = app.emit("thong-bao", note);
                } else {
                    found.notes.push(note);
                }
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    });
}

fn open_drafts() -> Result<(Drafts, Vec<String>)> {
    let (mut d, notes) = Drafts::open_default()?;
    // A failed seed leaves an empty list, never a closed app.
    if let Err(e) = d.seed_sample_if_empty() {
        if let Ok(dir) = drafts::data_dir() {
            baocao::log::append(&dir, &format!("Không tạo được báo cáo mẫu: {}", e.message));
        }
    }
    Ok((d, notes))
}

impl Startup {
    /// The view; `take_notes`: the notes are handed over (the window shows them once). A view
    /// the window answers by reloading itself keeps them for the next `startup_status`.
    fn view(&self, app: &AppHandle, take_notes: bool) -> StartupView {
        let mut found = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let dir = found.dir.clone();
        let ok = found.error.is_none() && app.try_state::<AppState>().is_some();
        StartupView {
            ok,
            message: found
                .error
                .as_ref()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
            data_dir: dir
                .as_ref()
                .map(|d| d.to_string_lossy().to_string())
                .unwrap_or_default(),
            backups: dir
                .as_deref()
                .map(|d| drafts::backup_views(store::list_backups_in(d)))
                .unwrap_or_default(),
            notes: if ok && take_notes {
                found.notes_taken = true;
                std::mem::take(&mut found.notes)
            } else {
                Vec::new()
            },
            damaged: !ok
                && dir.as_deref().is_some_and(|d| {
                    !d.join(store::DB_FILE).exists() && !store::damaged_files(d).is_empty()
                }),
        }
    }

    /// Tries again to open the store (the program holding it was closed); on success the app
    /// gets its state.
    fn retry(&self, app: &AppHandle, then: impl FnOnce(&mut Drafts) -> Result<()>) -> Result<()> {
        let mut found = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if app.try_state::<AppState>().is_some() {
            found.error = None;
            return Ok(());
        }
        let opened = open_drafts().and_then(|(mut d, notes)| then(&mut d).map(|()| (d, notes)));
        match opened {
            Ok((d, notes)) => {
                found.error = None;
                found.notes.extend(notes);
                app.manage(AppState::new(d));
                Ok(())
            }
            Err(e) => {
                found.error = Some(e.clone());
                Err(e)
            }
        }
    }
}

/// The window's first question: did the store open, and if not, why and what can be restored.
#[tauri::command]
pub fn startup_status(app: AppHandle, startup: State<'_, Startup>) -> StartupView {
    startup.view(&app, true)
}

/// "Thử lại" on the error view. After a damaged database was moved aside, opening again would
/// start on an empty one, which looks as if every draft were gone: unless the user chose
/// "Bắt đầu với dữ liệu trống" (`fresh`), nothing is opened and the view says where the drafts
/// are (the backups listed, the damaged file kept) and offers the backups first. Starting
/// fresh leaves a note saying the same on the start screen.
#[tauri::command(async)]
pub fn startup_retry(
    app: AppHandle,
    startup: State<'_, Startup>,
    fresh: Option<bool>,
) -> CmdResult<StartupView> {
    let dir = startup
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .dir
        .clone();
    // Only when the database itself is gone (moved aside): a locked or newer one is opened
    // again as it is, whatever damage happened before.
    let damaged = dir
        .as_deref()
        .filter(|d| !d.join(store::DB_FILE).exists())
        .map(store::damaged_files)
        .unwrap_or_default();
    let open_already = app.try_state::<AppState>().is_some();
    if let (Some(kept), false) = (damaged.first(), open_already) {
        let where_ = where_drafts_are(dir.as_deref(), kept);
        if !fresh.unwrap_or(false) {
            let mut view = startup.view(&app, false);
            view.message = format!(
                "Các bản nháp chưa mất: {where_} Hãy khôi phục bản sao lưu gần nhất trước (nút “Khôi phục” bên dưới). Chỉ chọn “Bắt đầu với dữ liệu trống” khi không cần các bản nháp cũ."
            );
            return Ok(view);
        }
        startup.retry(&app, |_| Ok(()))?;
        let mut found = startup.0.lock().unwrap_or_else(|e| e.into_inner());
        found.notes.push(format!(
            "Đã bắt đầu với dữ liệu trống. Các bản nháp trước khi dữ liệu hỏng vẫn còn: {where_} Khôi phục trong Cài đặt → Sao lưu."
        ));
        drop(found);
        return Ok(startup.view(&app, false));
    }
    startup.retry(&app, |_| Ok(()))?;
    Ok(startup.view(&app, false))
}

/// Where the drafts of a damaged database are: its backups (never pruned, see
/// store/backup.rs) and the damaged file kept aside.
fn where_drafts_are(dir: Option<&std::path::Path>, kept: &std::path::Path) -> String {
    let backups = dir.map(store::list_backups_in).unwrap_or_default();
    let listed = match backups.len() {
        0 => "không có bản sao lưu nào trong thư mục dữ liệu (nếu đã sao lưu ra USB, hãy chọn “Khôi phục từ bản sao lưu…”)".to_string(),
        n => format!("chúng nằm trong {n} bản sao lưu (các bản này không bao giờ bị tự xóa)"),
    };
    format!(
        "{listed}; tệp dữ liệu hỏng được giữ nguyên ở “{}”.",
        kept.display()
    )
}

/// "Khôi phục" on the error view: the store is opened afresh (a damaged database was moved
/// aside) and the backup restored into it.
#[tauri::command(async)]
pub fn startup_restore(
    app: AppHandle,
    startup: State<'_, Startup>,
    choice: BackupChoice,
) -> CmdResult<Option<StartupView>> {
    let dir = {
        let found = startup.0.lock().unwrap_or_else(|e| e.into_inner());
        found.dir.clone()
    };
    let Some(dir) = dir else {
        return Err(Error::input("Không có thư mục dữ liệu để khôi phục vào.").into());
    };
    let Some(path) = chosen_backup(&app, &store::list_backups_in(&dir), &choice)? else {
        return Ok(None);
    };
    startup.retry(&app, |d| d.restore_backup_file(&path))?;
    Ok(Some(startup.view(&app, false)))
}

/// "Mở thư mục dữ liệu".
#[tauri::command]
pub fn open_data_folder(app: AppHandle, startup: State<'_, Startup>) -> CmdResult<()> {
    let dir = {
        let found = startup.0.lock().unwrap_or_else(|e| e.into_inner());
        found.dir.clone()
    };
    let Some(dir) = dir else {
        return Err(Error::input("Không có thư mục dữ liệu.").into());
    };
    app.opener()
        .open_path(dir.to_string_lossy(), None::<&str>)
        .map_err(|_| {
            Error::io(format!(
                "Không mở được thư mục “{}”. Hãy mở thư mục đó bằng File Explorer.",
                dir.display()
            ))
            .into()
        })
}
