//! The commands of what a ward keeps besides its drafts: presets (agency profiles, signers,
//! recipient lists, archive units, layout defaults), its own templates, and the trash.
//! Thin: each one calls [`Drafts`](super::drafts::Drafts) and returns plain data.

use tauri::State;

use baocao::model::settings::{Choice, Field, CHOICES, FIELDS};
use baocao::model::Report;
use baocao::store::{Preset, PresetEntry};

use super::commands::CmdResult;
use super::drafts::DraftInfo;
use super::state::AppState;

/// The layout settings as the settings form lists them, with the decree's ranges.
#[tauri::command]
pub fn layout_fields() -> Vec<Field> {
    FIELDS.to_vec()
}

/// The layout choices that are not numbers ("Kính gửi" with one recipient, headings' indents),
/// each with its options and today's behaviour as the default.
#[tauri::command]
pub fn layout_choices() -> Vec<Choice> {
    CHOICES.to_vec()
}

#[tauri::command(async)]
pub fn list_presets(state: State<'_, AppState>) -> CmdResult<Vec<PresetEntry>> {
    Ok(state.lock().drafts.presets()?)
}

/// Adds (`id` null) or replaces a preset; returns its id.
#[tauri::command(async)]
pub fn save_preset(
    state: State<'_, AppState>,
    id: Option<i64>,
    name: String,
    preset: Preset,
) -> CmdResult<i64> {
    Ok(state.lock().drafts.save_preset(id, &name, &preset)?)
}

/// The form's "Chọn từ mẫu thiết lập": `report` with preset `id` put into it.
#[tauri::command(async)]
pub fn apply_preset(state: State<'_, AppState>, id: i64, report: Report) -> CmdResult<Report> {
    let mut report = report;
    state.lock().drafts.apply_preset(id, &mut report)?;
    Ok(report)
}

#[tauri::command(async)]
pub fn delete_preset(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.lock().drafts.delete_preset(id)?)
}

#[tauri::command(async)]
pub fn set_default_preset(state: State<'_, AppState>, id: i64) -> CmdResult<()> {
    Ok(state.lock().drafts.set_default_preset(id)?)
}

/// "Lưu thành mẫu": the outline of draft `id` becomes a template on the start screen.
#[tauri::command(async)]
pub fn save_as_template(state: State<'_, AppState>, id: String, name: String) -> CmdResult<String> {
    Ok(state.lock().drafts.save_as_template(&id, &name)?)
}

#[tauri::command(async)]
pub fn delete_template(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.lock().drafts.delete_template(&id)?)
}

/// Moves a draft to the trash. Should it be the draft last opened, it is closed first, so that
/// nothing writes to a draft the user threw away.
#[tauri::command(async)]
pub fn trash_draft(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    let mut inner = state.lock();
    if inner.open.as_ref().is_some_and(|o| o.id == id) {
        if let Some(prev) = inner.open.take() {
            inner.drafts.close(&prev.id)?;
        }
        state.live().close();
    }
    Ok(inner.drafts.trash(&id)?)
}

#[tauri::command(async)]
pub fn restore_draft(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.lock().drafts.restore_from_trash(&id)?)
}

#[tauri::command(async)]
pub fn list_trash(state: State<'_, AppState>) -> CmdResult<Vec<DraftInfo>> {
    Ok(state.lock().drafts.trash_list()?)
}

#[tauri::command(async)]
pub fn delete_forever(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    Ok(state.lock().drafts.delete_forever(&id)?)
}
