//! End-to-end tests of the real app in a real WebKitGTK window (under Xvfb when there is no
//! display), driven through WebDriver as a user would use it.
//!
//! They skip, saying why, only when `WebKitWebDriver` is not installed
//! (`apt install webkit2gtk-driver xvfb`), and fail instead under CI (`CI` set).

#[path = "support/app.rs"]
mod app;
#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/tools.rs"]
mod tools;
#[path = "support/webdriver.rs"]
mod webdriver;

use std::path::PathBuf;
use std::time::Duration;

use app::{
    first_section, idle, open_draft, preview_has, preview_lacks, preview_text, selected_text,
    setup, start, type_in_first_section, wait_for_pages, LONG, ONE_AT_A_TIME, TYPED,
};
use serde_json::json;

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
    s.close();
}

#[test]
fn typing_in_a_section_shows_in_the_preview_and_is_there_after_a_restart() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("typing") else { return };
    let d = env.driver();
    {
        let s = start(&d);
        open_draft(&s, "Báo cáo mẫu");
        type_in_first_section(&s);
        s.wait_for(
            "the quiet autosave note",
            "return /^Đã lưu lúc \\d\\d:\\d\\d$/.test(document.getElementById('save-status').textContent)",
            LONG,
        );
        s.close();
    }
    // The next day: a new start of the app finds the text where it was typed.
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    assert!(
        preview_text(&s).contains(TYPED),
        "the preview lost the text"
    );
    let field = first_section(&s);
    let value = s.exec(
        "return document.querySelector(arguments[0]).value",
        json!([field]),
    );
    assert!(
        value.as_str().unwrap_or("").contains(TYPED),
        "the form lost the text: {value}"
    );
    s.close();
}

#[test]
fn the_exported_pdf_holds_the_text_and_as_many_pages_as_the_preview() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("export") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    type_in_first_section(&s);
    let preview_pages = wait_for_pages(&s);
    s.click("#btn-export");
    s.wait_for(
        "the export notice",
        "return document.getElementById('notice-text').textContent.startsWith('Đã xuất PDF')",
        LONG,
    );
    let pdfs: Vec<PathBuf> = std::fs::read_dir(&env.export)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "one PDF in the export folder: {pdfs:?}");
    let text = poppler::pdftotext(&pdfs[0]);
    assert!(text.contains(TYPED), "the PDF lacks the typed text");
    let pages = poppler::pdfinfo(&pdfs[0]).pages as u64;
    assert_eq!(pages, preview_pages, "preview and PDF page counts differ");
    s.close();
}

/// "Xuất Word" beside "Xuất PDF": the same export folder, a `.docx` that opens (LibreOffice
/// reads it back to the typed text when it is installed) and the same notice.
#[test]
fn the_exported_word_file_opens_and_holds_the_typed_text() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("export-word") else {
        return;
    };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    type_in_first_section(&s);
    wait_for_pages(&s);
    s.click("#btn-export-word");
    s.wait_for(
        "the Word export notice",
        "return document.getElementById('notice-text').textContent.startsWith('Đã xuất Word')",
        LONG,
    );
    let files: Vec<PathBuf> = std::fs::read_dir(&env.export)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "one file, no temporary left: {files:?}");
    assert_eq!(
        files[0].extension().and_then(|x| x.to_str()),
        Some("docx"),
        "{files:?}"
    );
    let bytes = std::fs::read(&files[0]).unwrap();
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let mut doc = String::new();
    std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut doc).unwrap();
    assert!(doc.contains(TYPED), "the .docx lacks the typed text");
    s.close();
    // Opens: LibreOffice converts it, and the typed text is in what it reads.
    let lo = ["soffice", "libreoffice"].into_iter().find(|c| {
        std::process::Command::new(c)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    let Some(lo) = lo else {
        assert!(
            std::env::var_os("CI").is_none(),
            "LibreOffice is needed under CI: apt install libreoffice-writer-nogui"
        );
        return;
    };
    let out = env.export.join("lo");
    let o = std::process::Command::new(lo)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            out.join("profile").to_string_lossy()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(&files[0])
        .output()
        .expect("soffice runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = out.join(files[0].with_extension("pdf").file_name().unwrap());
    assert!(
        poppler::pdftotext(&pdf).contains(TYPED),
        "LibreOffice reads the typed text"
    );
}

#[test]
fn a_report_made_from_a_template_is_laid_out_as_it_is_written() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("template") else { return };
    let d = env.driver();
    let s = start(&d);
    s.click("#template-list [data-template]");
    wait_for_pages(&s);
    s.click(".ol-item[data-kind=header]");
    let trich_yeu = "#form textarea[data-field=trich_yeu]";
    s.clear(trich_yeu);
    s.type_into(trich_yeu, &format!("Kết quả {TYPED} quý III năm 2026"));
    preview_has(&s, "the new trích yếu in the preview", TYPED);
    // The preview does not wait for the disk: the save comes within a second.
    idle(&s);
    s.close();
    let s = start(&d);
    let titles = s.exec(
        "return [...document.querySelectorAll('.draft-link')].map(a => a.textContent)",
        json!([]),
    );
    assert!(
        titles
            .as_array()
            .is_some_and(|t| t.iter().any(|t| t.as_str().unwrap_or("").contains(TYPED))),
        "the start screen lists the new report by its trích yếu: {titles}"
    );
    s.close();
}

/// What Unikey/EVKey do through an input method: the letters of a word are composed, the field
/// changes several times, then the composition ends. Nothing may be sent while composing (the
/// answer would race the keyboard), and the word must arrive once, whole.
#[test]
fn nothing_is_sent_while_a_vietnamese_word_is_being_composed() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("ime") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    let field = first_section(&s);
    // Let the section's creation reach the engine first.
    idle(&s);
    let during = s.exec(
        "const t = document.querySelector(arguments[0]);\
         const calls = window.__baocao.calls;\
         window.__sent = () => ['update_section', 'preview_report', 'save_report']\
           .reduce((n, c) => n + (calls[c] || 0), 0);\
         const before = window.__sent();\
         window.__before = before;\
         t.focus();\
         const start = t.value + ' ZZ';\
         t.dispatchEvent(new CompositionEvent('compositionstart', {data: ''}));\
         for (const v of ['d', 'dd', 'đ', 'đu', 'đuw', 'đư', 'đươ', 'đươc', 'đươcj', 'được']) {\
           t.value = start + v;\
           t.dispatchEvent(new InputEvent('input', {data: v, isComposing: true, bubbles: true}));\
           await new Promise(r => setTimeout(r, 60));\
         }\
         await new Promise(r => setTimeout(r, 600));\
         const during = window.__sent() - before;\
         t.dispatchEvent(new CompositionEvent('compositionend', {data: 'được'}));\
         return during;",
        json!([field]),
    );
    assert_eq!(during, json!(0), "an update was sent while composing");
    s.wait_for(
        "the composed word in the preview",
        "return document.getElementById('pages').textContent.includes('ZZđược')",
        LONG,
    );
    // The counter does count: the word went out once the composition ended.
    assert!(
        s.exec("return window.__sent() - window.__before", json!([]))
            .as_u64()
            .unwrap_or(0)
            >= 1
    );
    let text = preview_text(&s);
    assert!(
        !text.contains("ZZđđ") && !text.contains("ZZdd") && !text.contains("ZZđươcj"),
        "letters duplicated or left over: {text}"
    );
    s.close();
}

/// Unikey and EVKey on Windows do not compose: they take back what was typed with Backspace and
/// type the accented letter (a second "e" after "Zxvie" becomes Backspace, "ê"). Each of those
/// keystrokes goes to the engine as it comes (there is no composition to wait for), only the
/// section typed in is sent, and the window never writes to the field while the user types in
/// it.
#[test]
fn typing_as_unikey_does_sends_the_section_alone_and_never_rewrites_the_field() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("unikey") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    let field = first_section(&s);
    idle(&s);
    // Every write to the field's value counted; the caret at the end of its text.
    s.exec(
        "const f = document.querySelector(arguments[0]);\
         const d = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');\
         window.__writes = 0;\
         Object.defineProperty(f, 'value', {\
           get() { return d.get.call(this); },\
           set(v) { window.__writes++; d.set.call(this, v); },\
           configurable: true,\
         });\
         window.__before = { ...window.__baocao.calls };\
         f.focus(); f.setSelectionRange(f.value.length, f.value.length);",
        json!([field]),
    );
    // What Unikey sends, through the editing commands a keyboard's keys go through (each one an
    // `input` event, deleteContentBackward for the Backspace): the letters as they are typed;
    // the second "e" is kept by Unikey, which sends a Backspace and "ê" in quick succession.
    s.exec(
        "const f = document.querySelector(arguments[0]);\
         const key = async (cmd, text) => {\
           document.execCommand(cmd, false, text);\
           await new Promise(r => setTimeout(r, 2));\
         };\
         for (const c of ' Zxvie') await key('insertText', c);\
         await key('delete');\
         await key('insertText', 'ê');\
         await key('insertText', 't');",
        json!([field]),
    );
    preview_has(&s, "the word as Unikey left it", "Zxviêt");
    let text = preview_text(&s);
    assert!(
        !text.contains("Zxvieê"),
        "a keystroke taken back stayed: {text}"
    );
    let value = s.exec(
        "return document.querySelector(arguments[0]).value",
        json!([field]),
    );
    assert!(
        value.as_str().unwrap_or("").ends_with(" Zxviêt"),
        "the field: {value}"
    );
    assert_eq!(
        s.exec("return window.__writes", json!([])),
        json!(0),
        "the window wrote to the field the user types in"
    );
    let sent = s.exec(
        "const c = window.__baocao.calls, b = window.__before;\
         return [(c.update_section || 0) - (b.update_section || 0), (c.preview_report || 0) - (b.preview_report || 0)]",
        json!([]),
    );
    assert!(
        sent[0].as_u64().unwrap_or(0) >= 1 && sent[1] == json!(0),
        "typing in a section sends that section alone (update_section, preview_report): {sent}"
    );
    s.close();
}

/// Typing without a pause is saved within a second of its first unsaved keystroke, however long
/// the user goes on: at most a second of typing is ever only in the window.
#[test]
fn typing_without_a_pause_is_saved_every_second() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("nonstop") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    let field = first_section(&s);
    idle(&s);
    // A letter every 80 ms for 3.5 s: never the pause a debounced save would wait for.
    let saves = s.exec(
        "const f = document.querySelector(arguments[0]); f.focus();\
         const c = window.__baocao.calls, before = c.save_report || 0;\
         const t0 = performance.now();\
         while (performance.now() - t0 < 3500) {\
           f.setRangeText('x', f.value.length, f.value.length, 'end');\
           f.dispatchEvent(new InputEvent('input', {data: 'x', inputType: 'insertText', bubbles: true}));\
           await new Promise(r => setTimeout(r, 80));\
         }\
         return (c.save_report || 0) - before;",
        json!([field]),
    );
    assert!(
        saves.as_u64().unwrap_or(0) >= 2,
        "saves while typing for 3.5 s without a pause: {saves}"
    );
    s.close();
}

#[test]
fn the_preview_and_the_form_lead_to_each_other() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("links") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    type_in_first_section(&s);
    // Clicking the date on the page opens the header form at the date.
    s.click("#pages [data-field='header.date']");
    s.wait_for(
        "the date field focused",
        "return document.activeElement && document.activeElement.dataset.field === 'date'",
        LONG,
    );
    // Clicking the paragraph on the page opens its section with the paragraph's line selected.
    s.exec(
        "const t = [...document.querySelectorAll('#pages [data-block]')]\
           .find(e => e.textContent.includes(arguments[0]));\
         t.dispatchEvent(new MouseEvent('click', {bubbles: true}));",
        json!([TYPED]),
    );
    let selected = selected_text(&s);
    assert!(
        selected.contains(TYPED),
        "wrong paragraph selected: {selected}"
    );
    s.close();
}

#[test]
fn a_deleted_section_comes_back_with_undo() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("undo") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    type_in_first_section(&s);
    let count = "return document.querySelectorAll('.ol-item[data-kind=section]').length";
    let before = s.exec(count, json!([]));
    s.click(".ol-item[data-kind=section]");
    s.click("#outline-tools button[data-op=delete]");
    preview_lacks(&s, "the text gone from the preview", TYPED);
    assert_ne!(s.exec(count, json!([])), before);
    // "Hoàn tác" in the notice, as Ctrl+Z outside a text field would.
    s.exec(
        "[...document.querySelectorAll('#notice-actions button')].find(b => b.textContent === 'Hoàn tác').click()",
        json!([]),
    );
    preview_has(&s, "the text back in the preview", TYPED);
    assert_eq!(s.exec(count, json!([])), before);
    // Printing puts exactly the document's pages, and nothing else, in the print container.
    let printed = s.exec(
        "window.print = () => {};\
         document.getElementById('btn-print').click();\
         await new Promise(r => setTimeout(r, 500));\
         const area = document.getElementById('print-area');\
         return [area.querySelectorAll('.print-page').length, area.querySelectorAll('.print-page > svg').length,\
                 Number(document.getElementById('page-count').dataset.pages)];",
        json!([]),
    );
    let p = printed.as_array().cloned().unwrap_or_default();
    assert!(
        p.len() == 3 && p[0] == p[2] && p[1] == p[2] && p[0] != json!(0),
        "{printed}"
    );
    s.close();
}

#[test]
fn closing_right_after_typing_loses_nothing() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("close") else { return };
    let d = env.driver();
    {
        let s = start(&d);
        open_draft(&s, "Báo cáo mẫu");
        let field = first_section(&s);
        idle(&s);
        s.type_into(field, &format!(" {TYPED}"));
        // No waiting for the autosave: the window is closed at once. This is the event the app
        // sends its window when the user clicks the close button (see app/mod.rs); the window
        // must send its last edits and close itself.
        s.exec(
            "window.__TAURI_INTERNALS__.invoke('plugin:event|emit', {event: 'dong-cua-so', payload: null});",
            json!([]),
        );
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while s.window_open() {
            assert!(
                std::time::Instant::now() < deadline,
                "the window did not close itself"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        s.close();
    }
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    assert!(preview_text(&s).contains(TYPED), "the last words were lost");
    s.close();
}

#[test]
fn ctrl_s_keeps_a_named_version_that_can_be_brought_back() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("versions") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    let field = type_in_first_section(&s);
    // Ctrl+S opens the version dialog with a proposed name; Enter keeps it.
    s.exec(
        "document.dispatchEvent(new KeyboardEvent('keydown', {key: 's', ctrlKey: true, bubbles: true}));",
        json!([]),
    );
    s.wait_for(
        "the version dialog",
        "return document.getElementById('dlg-version').open && document.getElementById('version-name').value",
        LONG,
    );
    s.click("#version-ok");
    s.wait_for(
        "the version saved",
        "return window.__baocao.calls.save_version === 1 && document.getElementById('error-bar').hidden",
        LONG,
    );
    // The text goes away from the draft…
    s.clear(field);
    preview_lacks(&s, "the text gone from the preview", TYPED);
    // …and comes back from the version.
    s.click("#btn-versions");
    s.wait_for(
        "the versions list",
        "return document.querySelectorAll('#version-list button').length",
        LONG,
    );
    let listed = s.exec(
        "return document.getElementById('version-list').textContent",
        json!([]),
    );
    assert!(
        listed.as_str().unwrap_or("").contains("Bản trình lần 1"),
        "{listed}"
    );
    s.click("#version-list button");
    s.wait_for(
        "the old version's pages",
        &format!("return !document.getElementById('version-banner').hidden && document.getElementById('pages').textContent.includes('{TYPED}')"),
        LONG,
    );
    s.click("#version-restore");
    s.wait_for(
        "the restored text in the form",
        &format!("return document.getElementById('version-banner').hidden && [...document.querySelectorAll('#form textarea')].some(t => t.value.includes('{TYPED}'))"),
        LONG,
    );
    preview_has(&s, "the restored text in the preview", TYPED);
    s.close();
}

/// The screenshots of the README (`BAOCAO_SCREENSHOTS=1 cargo test --test e2e_app screenshots`).
#[test]
fn screenshots() {
    if std::env::var_os("BAOCAO_SCREENSHOTS").is_none() {
        return;
    }
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("screenshots") else {
        return;
    };
    let d = env.driver();
    let s = start(&d);
    std::fs::write("docs/app-bat-dau.png", s.screenshot()).unwrap();
    open_draft(&s, "Báo cáo mẫu");
    s.exec(
        "document.querySelectorAll('.ol-item[data-kind=section]')[3].click();",
        json!([]),
    );
    std::thread::sleep(Duration::from_secs(2));
    std::fs::write("docs/app-soan-thao.png", s.screenshot()).unwrap();
    s.click("#btn-settings");
    s.wait_for(
        "the settings",
        "return document.querySelectorAll('#layout-settings input').length",
        LONG,
    );
    // Presets started from the open report, as a user makes them the first time.
    for (kind, name) in [("agency", "Phường Bạch Mai"), ("signer", "Chủ tịch ký")] {
        s.click(&format!("[data-add={kind}]"));
        s.type_into("[data-field='preset.name']", name);
        s.click(&format!("[data-save={kind}]"));
        s.wait_for(
            "the preset listed",
            &format!("return document.querySelectorAll('.preset-section[data-kind={kind}] [data-preset]').length"),
            LONG,
        );
    }
    s.exec(
        "document.getElementById('preset-sections').parentElement.scrollIntoView()",
        json!([]),
    );
    std::fs::write("docs/app-cai-dat.png", s.screenshot()).unwrap();
    s.close();
}
