//! End-to-end tests of the real app in a real WebKitGTK window (under Xvfb when there is no
//! display), driven through WebDriver as a user would use it.
//!
//! They skip, saying why, only when `WebKitWebDriver` is not installed
//! (`apt install webkit2gtk-driver xvfb`).

#[path = "support/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use serde_json::json;
use webdriver::{driver_path, Display, Driver, Session};

/// One app at a time: the app is a single-instance app, and two windows on one Xvfb would
/// fight for the focus that typing needs.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const APP: &str = env!("CARGO_BIN_EXE_baocao-app");
const LONG: Duration = Duration::from_secs(60);

struct Env {
    _tmp: TempDir,
    data: PathBuf,
    export: PathBuf,
    display: Display,
}

struct TempDir(PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn setup(name: &str) -> Option<Env> {
    if driver_path().is_none() {
        eprintln!("BỎ QUA {name}: không có WebKitWebDriver (apt install webkit2gtk-driver xvfb).");
        return None;
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
    fn driver(&self) -> Driver {
        Driver::start(
            &self.display,
            &[
                ("BAOCAO_DATA_DIR", self.data.as_path()),
                ("BAOCAO_EXPORT_DIR", self.export.as_path()),
            ],
        )
    }
}

fn start(d: &Driver) -> Session<'_> {
    let s = d.session(Path::new(APP));
    s.wait_for(
        "the start screen",
        "return document.querySelectorAll('#draft-table tbody tr').length",
        LONG,
    );
    s
}

#[test]
fn the_first_start_shows_the_sample_report() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("sample") else { return };
    let d = env.driver();
    let s = start(&d);
    let titles = s.exec(
        "return [...document.querySelectorAll('.draft-link')].map(a => a.textContent)",
        json!([]),
    );
    assert_eq!(titles, json!(["Báo cáo mẫu"]));
    if std::env::var_os("BAOCAO_SCREENSHOTS").is_some() {
        std::fs::write("docs/app-bat-dau.png", s.screenshot()).unwrap();
    }
    s.close();
}
