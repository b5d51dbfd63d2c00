//! Nothing typed is lost when the disk refuses it (issue 9): the real app under Xvfb, its
//! database locked by a second connection or its writes failing through the store's seam
//! (`BAOCAO_TEST_WRITE_FAULT`; tests run as root, for whom a read-only folder blocks nothing).
//!
//! They skip, saying why, only when `WebKitWebDriver` is not installed, and fail instead under
//! CI (`CI` set).

#[path = "support/app.rs"]
mod app;
#[path = "support/tools.rs"]
mod tools;
#[path = "support/webdriver.rs"]
mod webdriver;

use std::time::Duration;

use app::{
    first_section, idle, open_draft, preview_text, request_close, save_note, setup, start,
    type_in_first_section, wait_closed, LONG, NOT_SAVED, ONE_AT_A_TIME, TYPED,
};
use serde_json::json;

fn wait_not_saved(s: &webdriver::Session<'_>) {
    s.wait_for(
        "the note that the change is not saved yet",
        &format!(
            "return document.getElementById('save-status').textContent === {}",
            json!(NOT_SAVED)
        ),
        LONG,
    );
}

fn unsaved_dialog_open(s: &webdriver::Session<'_>) -> bool {
    s.exec(
        "const d = document.getElementById('dlg-unsaved'); return !!(d && d.open)",
        json!([]),
    ) == json!(true)
}

/// Reopens the app on the same data and returns the first section's text.
fn text_after_restart(d: &webdriver::Driver) -> String {
    let s = start(d);
    open_draft(&s, "Báo cáo mẫu");
    let preview = preview_text(&s);
    let field = first_section(&s);
    let value = s
        .exec(
            "return document.querySelector(arguments[0]).value",
            json!([field]),
        )
        .as_str()
        .unwrap_or("")
        .to_string();
    s.close();
    assert_eq!(
        preview.contains(TYPED),
        value.contains(TYPED),
        "the preview and the form disagree"
    );
    value
}

#[test]
fn a_save_blocked_by_a_locked_database_is_retried_and_closing_waits_for_it() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("locked") else { return };
    let d = env.driver();
    {
        let s = start(&d);
        open_draft(&s, "Báo cáo mẫu");
        let field = first_section(&s);
        idle(&s);
        // Another program (an antivirus, a second process) holds the write lock for longer
        // than the store's busy timeout (5 s).
        let other = rusqlite::Connection::open(env.data.join("baocao.db")).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        s.type_into(field, &format!(" {TYPED}"));
        wait_not_saved(&s);
        request_close(&s);
        // Longer than one more blocked attempt: the window must wait, not close over the text.
        std::thread::sleep(Duration::from_secs(7));
        assert!(s.window_open(), "the window closed with the change unsaved");
        assert!(
            unsaved_dialog_open(&s),
            "the user is told why the window does not close"
        );
        other.execute_batch("ROLLBACK").unwrap();
        drop(other);
        wait_closed(
            &s,
            "the window did not close once the save went through",
            30,
        );
        s.close();
    }
    assert!(
        text_after_restart(&d).contains(TYPED),
        "the text typed while the database was locked was lost"
    );
}

#[test]
fn a_failing_save_keeps_the_change_and_closing_asks_until_the_disk_recovers() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("fault") else { return };
    let fault = env.root().join("ghi-hong");
    let d = env.driver_with(&[("BAOCAO_TEST_WRITE_FAULT", fault.as_path())]);
    {
        let s = start(&d);
        open_draft(&s, "Báo cáo mẫu");
        let field = first_section(&s);
        idle(&s);
        std::fs::write(&fault, b"").unwrap();
        s.type_into(field, &format!(" {TYPED}"));
        wait_not_saved(&s);
        let bar = s.exec(
            "return document.getElementById('error-bar').hidden ? '' : document.getElementById('error-text').textContent",
            json!([]),
        );
        assert!(
            bar.as_str()
                .unwrap_or("")
                .starts_with("Chưa lưu được bản nháp"),
            "the reason is shown: {bar}"
        );
        // Leaving the draft asks too; "Ở lại" keeps the editor and the change.
        s.click("#btn-home");
        s.wait_for(
            "the question before leaving",
            "const d = document.getElementById('dlg-unsaved'); return !!(d && d.open)",
            LONG,
        );
        s.exec(
            "[...document.querySelectorAll('#dlg-unsaved button')].find(b => b.textContent === 'Ở lại').click()",
            json!([]),
        );
        assert_eq!(
            s.exec("return document.body.dataset.view", json!([])),
            json!("editor")
        );
        assert_eq!(save_note(&s), NOT_SAVED);
        // Closing asks, and waits.
        request_close(&s);
        s.wait_for(
            "the question before closing",
            "const d = document.getElementById('dlg-unsaved'); return !!(d && d.open)",
            LONG,
        );
        std::thread::sleep(Duration::from_secs(2));
        assert!(s.window_open(), "the window closed with the change unsaved");
        // The disk takes writes again: the retry saves and the window closes by itself.
        std::fs::remove_file(&fault).unwrap();
        wait_closed(
            &s,
            "the window did not close once the save went through",
            30,
        );
        s.close();
    }
    assert!(
        text_after_restart(&d).contains(TYPED),
        "the text typed while writes failed was lost"
    );
}

#[test]
fn when_the_disk_never_recovers_the_draft_can_be_saved_to_a_file_before_closing() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("to-file") else { return };
    let fault = env.root().join("ghi-hong");
    let d = env.driver_with(&[("BAOCAO_TEST_WRITE_FAULT", fault.as_path())]);
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    let field = first_section(&s);
    idle(&s);
    std::fs::write(&fault, b"").unwrap();
    s.type_into(field, &format!(" {TYPED}"));
    wait_not_saved(&s);
    request_close(&s);
    s.wait_for(
        "the question before closing",
        "const d = document.getElementById('dlg-unsaved'); return !!(d && d.open)",
        LONG,
    );
    s.click("#unsaved-to-file");
    wait_closed(&s, "the window did not close after saving to a file", 30);
    s.close();
    let files: Vec<_> = std::fs::read_dir(&env.export)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_string_lossy().to_string();
    assert!(
        name.starts_with("Bản nháp ") && name.ends_with(".json"),
        "{name}"
    );
    // The file is a draft file that brings the text back in any store.
    let bytes = std::fs::read(&files[0]).unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let mut store = baocao::store::Store::open(tmp.path()).unwrap();
    let info = store.import_any(&bytes).unwrap();
    let report = store.load_draft(&info.id).unwrap();
    assert!(
        serde_json::to_string(&report).unwrap().contains(TYPED),
        "the file lacks the text"
    );
}

/// Issue 9, point 1: "Sao lưu ngay" on the first day, then a second start.
#[test]
fn backing_up_now_on_the_first_day_does_not_stop_the_next_start() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("backup-first-day") else {
        return;
    };
    let d = env.driver();
    {
        let s = start(&d);
        s.click("#btn-settings");
        s.wait_for(
            "the settings",
            "return !document.getElementById('view-settings').hidden",
            LONG,
        );
        s.click("#btn-backup");
        s.wait_for(
            "the backup notice",
            "return document.getElementById('notice-text').textContent.startsWith('Đã sao lưu')",
            LONG,
        );
        s.close();
    }
    assert!(
        env.data.join("sao-luu").is_dir(),
        "the backups have a folder"
    );
    let s = start(&d);
    let titles = s.exec(
        "return [...document.querySelectorAll('.draft-link')].map(a => a.textContent)",
        json!([]),
    );
    assert_eq!(titles, json!(["Báo cáo mẫu"]));
    s.close();
}

/// A data folder whose database was made by the library: drafts, a backup, then `spoil`.
fn prepared_data(data: &std::path::Path, spoil: impl FnOnce(&std::path::Path)) {
    let mut store = baocao::store::Store::open(data).unwrap();
    store.create_draft("Báo cáo giữ lại", "").unwrap();
    store.backup_now_here().unwrap();
    drop(store);
    spoil(&data.join("baocao.db"));
}

/// Starts the app and waits for the error view.
fn start_broken(d: &webdriver::Driver) -> webdriver::Session<'_> {
    let s = d.session(std::path::Path::new(app::APP));
    s.wait_for(
        "the error view",
        "return !document.getElementById('view-broken').hidden",
        LONG,
    );
    s
}

fn text_of(s: &webdriver::Session<'_>, id: &str) -> String {
    s.exec(
        "return document.getElementById(arguments[0]).textContent",
        json!([id]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Issue 9, point 4: the window opens on an error view that says what happened, lists the
/// backups and brings one back.
#[test]
fn a_damaged_database_opens_the_window_on_the_error_view_and_a_backup_brings_the_drafts_back() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("damaged") else { return };
    prepared_data(&env.data, |db| {
        let _ = std::fs::remove_file(db.with_extension("db-wal"));
        let _ = std::fs::remove_file(db.with_extension("db-shm"));
        std::fs::write(db, "đây không phải cơ sở dữ liệu ".repeat(2000)).unwrap();
    });
    let d = env.driver();
    let s = start_broken(&d);
    let why = text_of(&s, "broken-text");
    assert!(why.contains("bị hỏng"), "{why}");
    assert!(
        text_of(&s, "broken-dir").contains("Dữ liệu Báo cáo"),
        "the data folder is named"
    );
    let listed = s.exec(
        "return document.querySelectorAll('#broken-backups li[data-id] button').length",
        json!([]),
    );
    assert_eq!(listed, json!(1), "the backup is offered");
    s.click("#broken-backups li[data-id] button");
    s.wait_for(
        "the drafts list after the restore",
        "return [...document.querySelectorAll('.draft-link')].some(a => a.textContent === 'Báo cáo giữ lại')",
        LONG,
    );
    s.close();
}

/// Issue 16, item 7: "Thử lại" after a damaged database does not open an empty one as if the
/// drafts were gone: it says where they are and offers the backups first; starting empty is a
/// choice of its own, after which the start screen says where the old drafts are, and their
/// backup is still there.
#[test]
fn thu_lai_after_a_damaged_database_says_where_the_drafts_are_and_offers_the_backups_first() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("damaged-retry") else {
        return;
    };
    prepared_data(&env.data, |db| {
        let _ = std::fs::remove_file(db.with_extension("db-wal"));
        let _ = std::fs::remove_file(db.with_extension("db-shm"));
        std::fs::write(db, "đây không phải cơ sở dữ liệu ".repeat(2000)).unwrap();
    });
    let backups = baocao::store::list_backups_in(&env.data);
    assert_eq!(backups.len(), 1);
    let d = env.driver();
    let s = start_broken(&d);
    s.click("#broken-retry");
    s.wait_for(
        "the error view saying where the drafts are",
        "return document.getElementById('broken-text').textContent.includes('Các bản nháp chưa mất')",
        LONG,
    );
    let why = text_of(&s, "broken-text");
    assert!(
        why.contains("1 bản sao lưu") && why.contains("baocao.db.hong-"),
        "{why}"
    );
    assert_eq!(
        s.exec(
            "return [!document.getElementById('view-broken').hidden, !document.getElementById('broken-fresh').hidden,\
                     document.querySelectorAll('#broken-backups li[data-id] button').length]",
            json!([]),
        ),
        json!([true, true, 1]),
        "still the error view, the backup offered, starting empty a choice of its own"
    );
    assert!(!env.data.join("baocao.db").exists(), "nothing opened yet");
    s.click("#broken-fresh");
    s.wait_for(
        "the start screen saying where the old drafts are",
        "return document.body.dataset.view === 'start' && document.getElementById('notice-text').textContent.includes('vẫn còn')",
        LONG,
    );
    assert!(
        backups[0].path.is_file(),
        "the backup from before the damage is kept"
    );
    s.close();
}

#[test]
fn a_database_of_a_newer_version_is_explained_in_the_window() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("newer") else { return };
    prepared_data(&env.data, |db| {
        rusqlite::Connection::open(db)
            .unwrap()
            .execute_batch("PRAGMA user_version = 99")
            .unwrap();
    });
    let d = env.driver();
    let s = start_broken(&d);
    let why = text_of(&s, "broken-text");
    assert!(why.contains("phiên bản Báo cáo mới hơn"), "{why}");
    // Nothing was moved aside: the newer data is left for the newer Báo cáo.
    assert!(env.data.join("baocao.db").is_file());
    s.close();
}

/// Issue 9, point 4, the last resort: a panic before any window exists (as when the window
/// cannot be made) shows a native message box and is written to the log.
#[test]
fn a_panic_at_start_shows_a_message_box_and_is_logged() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("panic") else { return };
    let Some(xwininfo) = tools::require("xwininfo", "apt install x11-utils") else {
        return;
    };
    let mut app = std::process::Command::new(app::APP)
        .env("DISPLAY", &env.display.name)
        .env("GDK_BACKEND", "x11")
        .env("BAOCAO_DATA_DIR", &env.data)
        .env("BAOCAO_TEST_PANIC_AT_START", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + LONG;
    let shown = loop {
        let tree = std::process::Command::new(&xwininfo)
            .args(["-root", "-tree", "-display", &env.display.name])
            .output()
            .unwrap();
        if String::from_utf8_lossy(&tree.stdout).contains("\"Báo cáo\"") {
            break true;
        }
        if std::time::Instant::now() > deadline || app.try_wait().unwrap().is_some() {
            break false;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    let still_running = app.try_wait().unwrap().is_none();
    let _ = app.kill();
    let _ = app.wait();
    assert!(shown, "no message box titled “Báo cáo” appeared");
    assert!(still_running, "the app waits for the user to read the box");
    let log = std::fs::read_to_string(env.data.join(baocao::log::LOG_FILE)).unwrap_or_default();
    assert!(
        log.contains("Lỗi nghiêm trọng"),
        "the panic is logged: {log}"
    );
}

/// What the page's handlers do with the browser's keys and menu: `[F5, Ctrl+R, Ctrl+Shift+R,
/// the page's menu, a text field's menu]`, true where the default is prevented.
fn browser_defaults_prevented(s: &webdriver::Session<'_>) -> serde_json::Value {
    s.exec(
        "const key = (key, o = {}) => { const e = new KeyboardEvent('keydown', {key, bubbles: true, cancelable: true, ...o});\
           document.body.dispatchEvent(e); return e.defaultPrevented; };\
         const menu = (t) => { const e = new MouseEvent('contextmenu', {bubbles: true, cancelable: true});\
           t.dispatchEvent(e); return e.defaultPrevented; };\
         return [key('F5'), key('r', {ctrlKey: true}), key('R', {ctrlKey: true, shiftKey: true}),\
                 menu(document.querySelector('#draft-table')), menu(document.getElementById('draft-search'))];",
        json!([]),
    )
}

/// Issue 9, point 12: on a 1366×768 laptop at 125 % (1093×614 logical pixels) the window fits;
/// reload and the page's menu are off; printing from anywhere prints the pages.
#[test]
fn the_window_fits_a_small_screen_and_behaves_like_an_app() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("small-screen") else {
        return;
    };
    let small = webdriver::Display::xvfb(1093, 614);
    let d = env.driver_on(&small, &[]);
    let s = start(&d);
    let fits = s.exec(
        "return [window.outerWidth, window.outerHeight, window.screenX, window.screenY, screen.width, screen.height]",
        json!([]),
    );
    let v: Vec<i64> = fits
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_i64().unwrap_or(-1))
        .collect();
    assert!(
        v[0] <= v[4] && v[1] <= v[5] && v[2] >= 0 && v[3] >= 0 && v[2] + v[0] <= v[4],
        "the window does not fit the 1093×614 screen: {fits}"
    );
    assert_eq!(
        browser_defaults_prevented(&s),
        json!([true, true, true, true, false])
    );
    // Printing from the browser's own path (not the "In" button) prints the document's pages.
    open_draft(&s, "Báo cáo mẫu");
    let printed = s.exec(
        "document.getElementById('print-area').replaceChildren();\
         window.dispatchEvent(new Event('beforeprint'));\
         return [document.querySelectorAll('#print-area .print-page > svg').length,\
                 Number(document.getElementById('page-count').dataset.pages)]",
        json!([]),
    );
    let p = printed.as_array().cloned().unwrap_or_default();
    assert!(
        p.len() == 2 && p[0] == p[1] && p[0] != json!(0),
        "{printed}"
    );
    s.close();
    drop(d);

    // The switch is at run time: a developer's start keeps the browser's keys.
    let d = env.driver_with(&[("BAOCAO_BROWSER_KEYS", std::path::Path::new("1"))]);
    let s = start(&d);
    assert_eq!(
        browser_defaults_prevented(&s),
        json!([false, false, false, false, false])
    );
    s.close();
}

/// The window's place on the screen: `[x, y, width, height]` of its outer frame.
fn window_rect(s: &webdriver::Session<'_>) -> Vec<i64> {
    s.exec(
        "return [window.screenX, window.screenY, window.outerWidth, window.outerHeight]",
        json!([]),
    )
    .as_array()
    .unwrap()
    .iter()
    .map(|x| x.as_i64().unwrap_or(-1))
    .collect()
}

/// Issue 9, point 12: the window comes back where the user left it, and a place saved on a
/// monitor that is gone (or larger than the screen) is brought back into view.
#[test]
fn the_window_remembers_its_place_and_is_clamped_to_the_screen() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("window-place") else {
        return;
    };
    let screen = webdriver::Display::xvfb(1400, 900);
    let d = env.driver_on(&screen, &[]);
    {
        let s = start(&d);
        s.set_window_rect(120, 80, 1000, 640);
        s.wait_for(
            "the window's new size",
            "return window.outerWidth === 1000 && window.screenX === 120",
            LONG,
        );
        request_close(&s);
        wait_closed(&s, "the window closes", 20);
        s.close();
    }
    let state = env.data.join("cua-so.json");
    assert!(state.is_file(), "the place is kept in the data folder");
    {
        let s = start(&d);
        assert_eq!(window_rect(&s), vec![120, 80, 1000, 640]);
        s.close();
    }
    drop(d);

    // A place saved on a second monitor since unplugged, larger than this screen.
    std::fs::write(
        &state,
        json!({"main": {"width": 1900, "height": 1000, "x": 2500, "y": 300, "prev_x": 2500,
            "prev_y": 300, "maximized": false, "visible": true, "decorated": true,
            "fullscreen": false}})
        .to_string(),
    )
    .unwrap();
    let d = env.driver_on(&screen, &[]);
    let s = start(&d);
    let r = window_rect(&s);
    assert!(
        r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= 1400 && r[1] + r[3] <= 900,
        "the window is not within the 1400×900 screen: {r:?}"
    );
    s.close();
}

/// The error the app's command `cmd` answers with `args`, or "" when it succeeded.
fn command_error(s: &webdriver::Session<'_>, cmd: &str, args: serde_json::Value) -> String {
    s.exec(
        "try { await window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]); return ''; }\
         catch (e) { return String(e && e.message || e); }",
        json!([cmd, args]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// Clicks `button` and waits for a notice starting with `start`.
fn click_for_notice(s: &webdriver::Session<'_>, button: &str, start: &str) {
    s.exec(
        "document.getElementById('notice-text').textContent = ''",
        json!([]),
    );
    s.click(button);
    s.wait_for(
        "the notice",
        &format!(
            "return document.getElementById('notice-text').textContent.startsWith({})",
            json!(start)
        ),
        LONG,
    );
}

/// Issue 9, points 7 and 9: a PDF exported over an earlier one replaces it whole (whoever holds
/// the old file, here a second name of it, keeps the old pages), and the window's commands open
/// and restore only what the app itself wrote or listed.
#[test]
fn an_export_replaces_the_old_pdf_whole_and_the_page_cannot_name_other_files() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("export-whole") else {
        return;
    };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    click_for_notice(&s, "#btn-export", "Đã xuất PDF");
    let pdf = std::fs::read_dir(&env.export)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "pdf"))
        .expect("a PDF in the export folder");
    let first = std::fs::read(&pdf).unwrap();
    // A PDF reader holding the old file: a second name of the same file.
    let held = env.root().join("đang mở trong trình đọc.pdf");
    std::fs::hard_link(&pdf, &held).unwrap();

    type_in_first_section(&s);
    idle(&s);
    click_for_notice(&s, "#btn-export", "Đã xuất PDF");
    let second = std::fs::read(&pdf).unwrap();
    assert!(second != first, "the second export has the typed text");
    assert!(second.starts_with(b"%PDF"), "a PDF");
    assert!(
        std::fs::read(&held).unwrap() == first,
        "the old PDF was rewritten in place"
    );
    let names: Vec<_> = std::fs::read_dir(&env.export)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");

    // The page may open what the app wrote, never a path of its own choosing.
    for path in [
        held.to_string_lossy().to_string(),
        "/etc/passwd".to_string(),
    ] {
        for cmd in ["open_path", "reveal_path"] {
            let e = command_error(&s, cmd, json!({ "path": path }));
            assert!(
                e.contains("chỉ mở được tệp do chính nó vừa ghi ra"),
                "{cmd} {path}: {e}"
            );
        }
    }
    // A backup is named by its place in the list, never by a path.
    let e = command_error(
        &s,
        "restore_backup",
        json!({"choice": {"kind": "listed", "id": held.to_string_lossy()}}),
    );
    assert!(e.contains("không còn trong danh sách"), "{e}");
    let e = command_error(
        &s,
        "restore_backup",
        json!({"path": held.to_string_lossy()}),
    );
    assert!(!e.is_empty(), "a path string restored something");
    assert!(
        std::fs::read(&held).unwrap() == first,
        "nothing touched the file"
    );
    s.close();
}

/// Issue 9, point 5: a backup folder on a USB stick gets "Sao lưu ngay" too, and a backup file
/// picked in the system's dialog (answered here by `BAOCAO_RESTORE_FILE`) is restored.
#[test]
fn a_chosen_backup_folder_gets_the_backups_and_a_picked_file_is_restored() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("backup-usb") else {
        return;
    };
    let usb = env.root().join("USB");
    std::fs::create_dir(&usb).unwrap();
    let picked = env.root().join("bản sao lưu trên USB.db");
    let d = env.driver_with(&[
        ("BAOCAO_BACKUP_FOLDER", usb.as_path()),
        ("BAOCAO_RESTORE_FILE", picked.as_path()),
    ]);
    let s = start(&d);
    s.click("#btn-settings");
    s.wait_for(
        "the settings",
        "return !document.getElementById('view-settings').hidden",
        LONG,
    );
    s.click("#btn-backup-folder");
    s.wait_for(
        "the chosen folder shown",
        "return document.getElementById('backup-folder').textContent.endsWith('USB')",
        LONG,
    );
    click_for_notice(&s, "#btn-backup", "Đã sao lưu");
    let on_usb: Vec<_> = std::fs::read_dir(usb.join(baocao::store::CHOSEN_SUBDIR))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(on_usb.len(), 1, "the backup is on the stick: {on_usb:?}");
    std::fs::copy(&on_usb[0], &picked).unwrap();

    // A draft made after the backup; restoring the file picked on the stick takes it away.
    s.click("#settings-close");
    s.wait_for(
        "the start screen",
        "return document.body.dataset.view === 'start'",
        LONG,
    );
    s.click("#btn-blank");
    s.wait_for(
        "the new draft",
        "return document.body.dataset.view === 'editor'",
        LONG,
    );
    idle(&s);
    s.click("#btn-settings");
    s.wait_for(
        "the settings",
        "return !document.getElementById('view-settings').hidden",
        LONG,
    );
    s.click("#btn-restore-file");
    s.wait_for(
        "the confirmation",
        "return !!document.querySelector('dialog.ask[open]')",
        LONG,
    );
    s.click("dialog.ask[open] button.primary");
    s.wait_for(
        "the restore notice",
        "return document.getElementById('notice-text').textContent.startsWith('Đã khôi phục')",
        LONG,
    );
    s.close();
    drop(d);
    let d = env.driver();
    let s = start(&d);
    let titles = s.exec(
        "return [...document.querySelectorAll('.draft-link')].map(a => a.textContent)",
        json!([]),
    );
    assert_eq!(titles, json!(["Báo cáo mẫu"]));
    s.close();
}

/// Issue 16, item 7: the day's backup onto a slow USB stick runs off the window's thread: the
/// start screen shows and the window answers a command while the backup has not even started
/// (`BAOCAO_TEST_SLOW_BACKUP_MS`), and the backup lands on the stick afterwards.
#[test]
fn a_slow_backup_at_start_leaves_the_window_answering() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("backup-slow") else {
        return;
    };
    let usb = env.root().join("USB chậm");
    std::fs::create_dir(&usb).unwrap();
    {
        let mut store = baocao::store::Store::open(&env.data).unwrap();
        store.create_draft("Báo cáo đang soạn", "").unwrap();
        store.set_chosen_backup_folder(Some(&usb)).unwrap();
    }
    let on_stick = || {
        std::fs::read_dir(usb.join(baocao::store::CHOSEN_SUBDIR))
            .map(|d| d.flatten().count())
            .unwrap_or(0)
    };
    let slow = std::path::PathBuf::from("8000");
    let d = env.driver_with(&[("BAOCAO_TEST_SLOW_BACKUP_MS", slow.as_path())]);
    let asked = std::time::Instant::now();
    let s = start(&d);
    let drafts = s.exec(
        "const r = await window.__TAURI_INTERNALS__.invoke('start_screen', {query: ''});\
         return r.drafts.map(d => d.title)",
        json!([]),
    );
    assert!(drafts.to_string().contains("Báo cáo đang soạn"), "{drafts}");
    assert!(
        asked.elapsed() < Duration::from_secs(8) && on_stick() == 0,
        "the window answered before the backup ({:?})",
        asked.elapsed()
    );
    let deadline = std::time::Instant::now() + LONG;
    while on_stick() == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "no backup on the stick"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    s.close();
}

/// Issue 9, point 6: a data folder on a network share is refused with what to do, in the
/// window (here through `BAOCAO_DATA_DIR`; on Windows a UNC path or a mapped drive).
#[test]
fn a_data_folder_on_a_network_share_opens_the_error_view() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("network") else { return };
    let d = env.driver_with(&[(
        "BAOCAO_DATA_DIR",
        std::path::Path::new("//may-chu/chia-se/BaoCao"),
    )]);
    let s = start_broken(&d);
    let why = text_of(&s, "broken-text");
    assert!(why.contains("nằm trên ổ mạng"), "{why}");
    s.close();
}
