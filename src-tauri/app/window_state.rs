//! The window's size, position and maximized state, remembered in `cua-so.json` in the data
//! folder. Written whole or not at all (through a temporary file renamed over it, as every
//! file of the user's): Tauri's window-state plugin wrote it in place, so a crash, a full disk
//! or a file held by another program mid-write left half a file. A file that cannot be read is
//! ignored (the window opens at its default place); a failed write is logged, never shown.
//! The format is the plugin's (`{"main": {"width", "height", "x", "y", "maximized", …}}`), so
//! the place an earlier build remembered is kept.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tauri::{PhysicalPosition, PhysicalSize, WebviewWindow};

/// One window's place: its page's size and its frame's position, in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub width: u32,
    pub height: u32,
    pub x: i32,
    pub y: i32,
    #[serde(default)]
    pub maximized: bool,
}

type Places = BTreeMap<String, Place>;

/// The places in `file`; empty when it is missing or not readable as a whole.
pub fn load(file: &Path) -> Places {
    std::fs::read(file)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default()
}

/// `place` for window `label` written into `file` whole, the other windows' places kept.
pub fn save(file: &Path, label: &str, place: Place) -> baocao::Result<()> {
    let mut places = load(file);
    let place = match (place.maximized, places.get(label)) {
        // A maximized window keeps the place it returns to when restored.
        (true, Some(before)) => Place {
            maximized: true,
            ..*before
        },
        _ => place,
    };
    places.insert(label.to_string(), place);
    let bytes = serde_json::to_vec_pretty(&places)
        .map_err(|e| baocao::Error::internal(format!("Không ghi được vị trí cửa sổ ({e}).")))?;
    baocao::files::write_atomically(file, &bytes)
}

/// The window's place now, when it has one worth keeping (not minimized).
pub fn current(w: &WebviewWindow) -> Option<Place> {
    if w.is_minimized().unwrap_or(false) {
        return None;
    }
    let size = w.inner_size().ok()?;
    let pos = w.outer_position().ok()?;
    Some(Place {
        width: size.width,
        height: size.height,
        x: pos.x,
        y: pos.y,
        maximized: w.is_maximized().unwrap_or(false),
    })
}

/// Puts window `w` where `file` says it was (the caller then fits it to its screen).
pub fn restore(w: &WebviewWindow, file: &Path) {
    let Some(p) = load(file).get(w.label()).copied() else {
        return;
    };
    if p.width > 0 && p.height > 0 {
        let _ = w.set_size(PhysicalSize::new(p.width, p.height));
    }
    let _ = w.set_position(PhysicalPosition::new(p.x, p.y));
    if p.maximized {
        let _ = w.maximize();
    }
}

/// Remembers where window `w` is, into `file`; a failure goes to the log (`nhat-ky.txt`).
pub fn remember(w: &WebviewWindow, file: &Path) {
    let Some(place) = current(w) else {
        return;
    };
    if let Err(e) = save(file, w.label(), place) {
        if let Some(dir) = file.parent() {
            baocao::log::append(dir, &format!("Không ghi được vị trí cửa sổ: {}", e.message));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLACE: Place = Place {
        width: 1000,
        height: 640,
        x: 120,
        y: 80,
        maximized: false,
    };

    #[test]
    fn a_place_is_kept_and_read_back_with_the_plugins_format() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("cua-so.json");
        // What the window-state plugin of earlier builds wrote.
        std::fs::write(
            &file,
            r#"{"main": {"width": 900, "height": 600, "x": 10, "y": 20, "prev_x": 10,
                "prev_y": 20, "maximized": false, "visible": true, "decorated": true,
                "fullscreen": false}, "other": {"width": 1, "height": 2, "x": 3, "y": 4}}"#,
        )
        .unwrap();
        assert_eq!(load(&file)["main"].width, 900);
        save(&file, "main", PLACE).unwrap();
        let places = load(&file);
        assert_eq!(places["main"], PLACE);
        assert_eq!(
            places["other"].height, 2,
            "the other windows' places are kept"
        );
        // Maximized: the place to come back to stays.
        save(
            &file,
            "main",
            Place {
                maximized: true,
                width: 3000,
                ..PLACE
            },
        )
        .unwrap();
        assert_eq!(
            load(&file)["main"],
            Place {
                maximized: true,
                ..PLACE
            }
        );
    }

    #[test]
    fn a_half_written_file_is_ignored_and_a_failed_write_leaves_the_old_one_whole() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("cua-so.json");
        std::fs::write(&file, br#"{"main": {"width": 90"#).unwrap();
        assert!(load(&file).is_empty(), "half a file is no place");

        save(&file, "main", PLACE).unwrap();
        // The folder refuses new files (a read-only or held folder): the write fails, the file
        // is the one before, whole, and no temporary file is left.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let whole = std::fs::read(&file).unwrap();
            let dir = tmp.path();
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o500)).unwrap();
            let probe = dir.join("probe");
            let blocked = std::fs::write(&probe, b"x").is_err();
            let result = save(&file, "main", Place { width: 1, ..PLACE });
            std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700)).unwrap();
            let _ = std::fs::remove_file(&probe);
            // Root ignores the folder's mode: the write then simply succeeds whole.
            if blocked {
                assert!(result.is_err());
                assert_eq!(std::fs::read(&file).unwrap(), whole);
            } else {
                assert_eq!(load(&file)["main"].width, 1);
            }
            let left: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .flatten()
                .map(|e| e.file_name())
                .collect();
            assert_eq!(left.len(), 1, "{left:?}");
        }
        // A directory in the file's place (another program's): refused, nothing else written.
        let tmp2 = tempfile::tempdir().unwrap();
        let held = tmp2.path().join("cua-so.json");
        std::fs::create_dir(&held).unwrap();
        std::fs::write(held.join("x"), b"x").unwrap();
        assert!(save(&held, "main", PLACE).is_err());
        assert!(held.is_dir());
        assert_eq!(std::fs::read_dir(tmp2.path()).unwrap().count(), 1);
    }
}
