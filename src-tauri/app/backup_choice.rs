//! Which backup the user chose to restore: one of the list by its id, or a file picked in the
//! system's dialog on the Rust side (the page never names a path). Shared by the start's error
//! view (startup.rs) and Cài đặt's "Khôi phục" (commands.rs), so that neither reaches into the
//! other.

use std::path::PathBuf;

use serde::Deserialize;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

use baocao::store::BackupInfo;
use baocao::{Error, Result};

use super::drafts;

/// A backup to restore: one of the list (by its file name), or a file the user picks in the
/// system's dialog (on the Rust side: the page never names a path).
#[derive(Debug, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BackupChoice {
    Listed { id: String },
    File,
}

/// The backup `choice` names: one of `list`, or one picked in the dialog. `None` when the user
/// cancelled the dialog.
pub fn chosen_backup(
    app: &AppHandle,
    list: &[BackupInfo],
    choice: &BackupChoice,
) -> Result<Option<PathBuf>> {
    match choice {
        BackupChoice::Listed { id } => listed_backup(list, id).map(Some),
        BackupChoice::File => Ok(pick_backup_file(app)),
    }
}

/// The backup of `list` whose id (see [`drafts::backup_id`]) is `id`: nothing outside the
/// list is ever restored.
pub fn listed_backup(list: &[BackupInfo], id: &str) -> Result<PathBuf> {
    list.iter()
        .find(|b| drafts::backup_id(&b.path) == id)
        .map(|b| b.path.clone())
        .ok_or_else(|| {
            Error::input("Bản sao lưu này không còn trong danh sách. Hãy chọn lại trong danh sách hoặc chọn tệp.")
        })
}

/// The system's open dialog for a backup file (`BAOCAO_RESTORE_FILE` answers it in tests).
fn pick_backup_file(app: &AppHandle) -> Option<PathBuf> {
    if let Some(f) = super::seams::path(super::seams::RESTORE_FILE) {
        return Some(f);
    }
    app.dialog()
        .file()
        .set_title("Chọn bản sao lưu để khôi phục")
        .add_filter("Bản sao lưu Báo cáo", &["db"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}
