//! What every end-to-end test does: a fresh data folder, the app started on it, the sample
//! opened, the preview's pages waited for.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use serde_json::json;

use super::webdriver::{driver_path, Display, Driver, Session, DRIVER};

/// One app at a time: the app is a single-instance app, and two windows on one Xvfb would
/// fight for the focus that typing needs.
pub static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

pub const APP: &str = env!("CARGO_BIN_EXE_baocao-app");
pub const LONG: Duration = Duration::from_secs(60);

pub struct Env {
    _tmp: TempDir,
    pub data: PathBuf,
    pub export: PathBuf,
    pub display: Display,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A fresh data folder and a display for test `name`; `None` (the test skipped, saying why)
/// when the WebDriver (WebKitWebDriver; on Windows tauri-driver and msedgedriver) is not
/// installed, except under CI, where that fails the test.
pub fn setup(name: &str) -> Option<Env> {
    if driver_path().is_none() {
        let (driver, install) = DRIVER;
        return super::tools::missing(&format!("{driver} for {name}"), install);
    }
    let root = std::env::temp_dir().join(format!(
        "baocao-e2e-{name}-{}-{}",
        std::process::id(),
        chrono::Local::now()
            .timestamp_nanos_opt()
            .unwrap_or_default()
    ));
    // A Vietnamese folder name with spaces, as on a real user's PC.
    let data = root.join("Dữ liệu Báo cáo");
    let export = root.join("Xuất");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::create_dir_all(&export).unwrap();
    Some(Env {
        _tmp: TempDir(root),
        data,
        export,
        display: Display::get(),
    })
}

impl Env {
    pub fn driver(&self) -> Driver {
        self.driver_with(&[])
    }

    /// A driver whose app also gets the variables `extra` (test seams).
    pub fn driver_with(&self, extra: &[(&str, &Path)]) -> Driver {
        let mut env = vec![
            ("BAOCAO_DATA_DIR", self.data.as_path()),
            ("BAOCAO_EXPORT_DIR", self.export.as_path()),
        ];
        env.extend_from_slice(extra);
        Driver::start(&self.display, &env)
    }

    /// A driver whose app opens on `display` (e.g. a small screen) instead.
    pub fn driver_on(&self, display: &Display, extra: &[(&str, &Path)]) -> Driver {
        let mut env = vec![
            ("BAOCAO_DATA_DIR", self.data.as_path()),
            ("BAOCAO_EXPORT_DIR", self.export.as_path()),
        ];
        env.extend_from_slice(extra);
        Driver::start(display, &env)
    }

    /// The folder holding the data and export folders, for a test's own files.
    pub fn root(&self) -> &Path {
        &self._tmp.0
    }
}

/// What the user's close button makes the app do (app/mod.rs): the window is asked to close.
pub fn request_close(s: &Session<'_>) {
    s.exec(
        "window.__TAURI_INTERNALS__.invoke('plugin:event|emit', {event: 'dong-cua-so', payload: null});",
        serde_json::json!([]),
    );
}

/// Waits up to `secs` seconds for the window to close itself.
pub fn wait_closed(s: &Session<'_>, what: &str, secs: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    while s.window_open() {
        assert!(std::time::Instant::now() < deadline, "{what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The save note's text ("Đã lưu lúc 10:42", "Chưa lưu được – đang thử lại").
pub fn save_note(s: &Session<'_>) -> String {
    s.exec(
        "return document.getElementById('save-status').textContent",
        serde_json::json!([]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// The save note saying the last change is not on disk yet and is being retried.
pub const NOT_SAVED: &str = "Chưa lưu được – đang thử lại";

pub fn start(d: &Driver) -> Session<'_> {
    let s = d.session(Path::new(APP));
    s.wait_for(
        "the start screen",
        "return document.querySelectorAll('#draft-table tbody tr').length",
        LONG,
    );
    s
}

/// Opens the draft named `title` from the start screen and waits for its pages.
pub fn open_draft(s: &Session<'_>, title: &str) {
    s.exec(
        "const a = [...document.querySelectorAll('.draft-link')].find(a => a.textContent === arguments[0]);\
         if (!a) throw new Error('no draft ' + arguments[0]); a.click();",
        json!([title]),
    );
    wait_for_pages(s);
}

pub fn wait_for_pages(s: &Session<'_>) -> u64 {
    s.wait_for(
        "the preview's pages",
        "return document.body.dataset.view === 'editor' && Number(document.getElementById('page-count').dataset.pages || 0)",
        LONG,
    )
    .as_u64()
    .unwrap_or(0)
}

pub fn preview_text(s: &Session<'_>) -> String {
    s.exec(
        "return document.getElementById('pages').textContent",
        json!([]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Selects the first section of the outline (adding one if the report has none) and returns
/// the CSS selector of its first text box.
pub fn first_section(s: &Session<'_>) -> &'static str {
    let has = s.exec(
        "return document.querySelectorAll('.ol-item[data-kind=section]').length",
        json!([]),
    );
    if has == json!(0) {
        s.click("#outline-tools button[data-op=after]");
    }
    s.click(".ol-item[data-kind=section]");
    s.wait_for(
        "the section form",
        "return !!document.querySelector('#form textarea.para')",
        LONG,
    );
    "#form textarea.para"
}

/// A word that can be neither hyphenated nor broken, to find in the pages.
pub const TYPED: &str = "Phườngđãhoànthànhkiểmtrađộtxuất";

/// Waits until the pages show `text` (`what` names it in a timeout message).
pub fn preview_has(s: &Session<'_>, what: &str, text: &str) {
    s.wait_for(
        what,
        &format!(
            "return document.getElementById('pages').textContent.includes({})",
            json!(text)
        ),
        LONG,
    );
}

/// Waits until the pages no longer show `text`.
pub fn preview_lacks(s: &Session<'_>, what: &str, text: &str) {
    s.wait_for(
        what,
        &format!(
            "return !document.getElementById('pages').textContent.includes({})",
            json!(text)
        ),
        LONG,
    );
}

/// Waits for a text box to be focused with a selection (the form's answer to a click in the
/// preview or the checks panel) and returns the selected text.
pub fn selected_text(s: &Session<'_>) -> String {
    s.wait_for(
        "the paragraph selected in its field",
        "const t = document.activeElement;\
         return t && t.tagName === 'TEXTAREA' && t.value.slice(t.selectionStart, t.selectionEnd)",
        LONG,
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Waits until no edit is waiting to be sent (the save note no longer says "Đang lưu…").
pub fn idle(s: &Session<'_>) {
    s.wait_for(
        "no edit waiting to be sent",
        "return !document.getElementById('save-status').textContent.startsWith('Đang')",
        LONG,
    );
}

/// Types [`TYPED`] at the end of the first section's text, as a user would, and waits for the
/// preview to show it. Returns the CSS selector of the text box.
pub fn type_in_first_section(s: &Session<'_>) -> &'static str {
    let field = first_section(s);
    s.type_into(field, &format!(" {TYPED}"));
    preview_has(s, "the typed word in the preview", TYPED);
    field
}
