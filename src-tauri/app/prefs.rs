//! The window's remembered choices (size, pane widths), in `giao-dien.json` in the data folder.
//! Losing this file loses nothing of the user's work, so it is read leniently.

use baocao::{Error, Result};

fn path() -> Result<std::path::PathBuf> {
    Ok(super::drafts::data_dir()?.join("giao-dien.json"))
}

pub fn load() -> serde_json::Value {
    path()
        .ok()
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|b| serde_json::from_slice(&b).ok())
        .filter(serde_json::Value::is_object)
        .unwrap_or_else(|| serde_json::json!({}))
}

pub fn save(v: &serde_json::Value) -> Result<()> {
    let p = path()?;
    if let Some(dir) = p.parent() {
        std::fs::create_dir_all(dir).map_err(|e| Error::from_io("tạo thư mục", dir, &e))?;
    }
    let bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    baocao::files::write_atomically(&p, &bytes)
}
