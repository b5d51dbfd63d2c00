//! End-to-end tests of reports coming in from Word, in the real app: a `.docx` dropped on the
//! window opens as a draft with the import's summary, a refused file says why, and a paste of
//! what Word puts on the clipboard keeps its bold, italics and paragraphs while a plain paste is
//! left to the browser (and to Unikey).
//!
//! WebDriver can neither drop a file from the desktop nor reach Word's clipboard, so the drop
//! goes through the app's own drop handler by its test hook (`drop_files_for_test`, the handler
//! a real drop calls), and the paste is a paste event carrying the HTML Word puts on the
//! clipboard (tests/fixtures/clipboard/word-2016.html).

#[path = "support/app.rs"]
mod app;
#[path = "support/webdriver.rs"]
mod webdriver;

use std::path::Path;

use app::{
    first_section, open_draft, preview_has, setup, start, wait_for_pages, LONG, ONE_AT_A_TIME,
};
use serde_json::json;
use webdriver::Session;

fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// Drops `path` on the window through the app's drop handler.
fn drop_file(s: &Session<'_>, path: &str) {
    s.exec(
        "window.__TAURI_INTERNALS__.invoke('drop_files_for_test', { paths: [arguments[0]] })\
           .catch(e => { window.__dropError = e; });",
        json!([path]),
    );
}

#[test]
fn a_docx_dropped_on_the_window_opens_with_what_was_recognised() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("drop") else { return };
    let d = env.driver();
    let s = start(&d);

    // An old .doc is refused with the way out, and nothing opens.
    drop_file(&s, &fixture("docx/bao-cao-cu.doc"));
    let err = s.wait_for(
        "the refusal",
        "const b = document.getElementById('error-bar'); return !b.hidden && b.textContent",
        LONG,
    );
    assert!(
        err.as_str()
            .unwrap_or("")
            .contains("Lưu thành → Word Document (.docx)"),
        "{err}"
    );
    assert_eq!(
        s.exec("return document.body.dataset.view", json!([])),
        json!("start")
    );
    s.click("#error-close");

    drop_file(&s, &fixture("docx/hop-van-ban.docx"));
    wait_for_pages(&s);
    assert_eq!(
        s.exec("return window.__dropError || null", json!([])),
        json!(null)
    );
    // The header drawn in text boxes is the report's header, shown in the pages.
    preview_has(&s, "the agency from the text boxes", "PHƯỜNG BẠCH MAI");
    preview_has(&s, "the number", "12/BC-UBND");
    let title = s.exec(
        "return document.getElementById('doc-title').textContent",
        json!([]),
    );
    assert_eq!(title, json!("Kết quả công tác tháng 6 năm 2026"));
    let notice = s.wait_for(
        "the import's summary",
        "const b = document.getElementById('notice-bar'); return !b.hidden && b.textContent",
        LONG,
    );
    let notice = notice.as_str().unwrap_or("");
    assert!(
        notice.contains("Đã nhận ra: phần đầu văn bản, 1 đề mục"),
        "{notice}"
    );
    assert!(notice.contains("Chưa nhận ra người ký"), "{notice}");
    s.close();
}

/// Fires a paste on the focused text box with the given clipboard contents, as Ctrl+V would;
/// returns whether the page took the paste over (the default paste was prevented).
fn paste(s: &Session<'_>, field: &str, html: Option<&str>, text: &str) -> bool {
    s.exec(
        "const ta = document.querySelector(arguments[0]);\
         ta.focus(); ta.setSelectionRange(ta.value.length, ta.value.length);\
         const dt = new DataTransfer();\
         if (arguments[1] !== null) dt.setData('text/html', arguments[1]);\
         dt.setData('text/plain', arguments[2]);\
         const ev = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });\
         ta.dispatchEvent(ev);\
         return ev.defaultPrevented;",
        json!([field, html, text]),
    )
    .as_bool()
    .unwrap_or(false)
}

#[test]
fn a_paste_from_word_keeps_bold_italics_and_paragraphs() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("paste") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    let field = first_section(&s);
    let before = s
        .exec(
            "return document.querySelector(arguments[0]).value",
            json!([field]),
        )
        .as_str()
        .unwrap_or("")
        .to_string();

    // Plain text (what Unikey and any editor put on the clipboard) is the browser's to paste.
    assert!(!paste(&s, field, None, "Dòng gõ bằng Unikey"));
    // The paste goes on a new line after the section's text, where a user starts a paragraph.
    s.exec(
        "const ta = document.querySelector(arguments[0]); ta.value += '\\n';\
         ta.dispatchEvent(new Event('input', { bubbles: true }));",
        json!([field]),
    );

    let html = std::fs::read_to_string(fixture("clipboard/word-2016.html")).unwrap();
    let plain = "Về thu ngân sách: tổng thu …";
    assert!(paste(&s, field, Some(&html), plain));
    let want = "**Về thu ngân sách:** tổng thu trên địa bàn đạt *1.845 tỷ đồng*, diện tích rà soát 2,95 km^2^.\n\
Chủ đề năm 2026 “*Kỷ cương, chuyên nghiệp*” được quán triệt đến từng tổ dân phố.\n\
- Hoàn thành 79/79 nhiệm vụ;\n\
Đoạn cuối cùng.";
    let value = s.wait_for(
        "the pasted paragraphs in the box",
        &format!(
            "const v = document.querySelector({}).value; return v.endsWith('Đoạn cuối cùng.') && v",
            json!(field)
        ),
        LONG,
    );
    let value = value.as_str().unwrap_or("").to_string();
    assert_eq!(value, format!("{before}\n{want}"));
    // The hidden note of the author was not pasted, and the pages show the pasted text in bold.
    assert!(!value.contains("Ghi chú ẩn"));
    preview_has(&s, "the pasted paragraph in the pages", "Đoạn cuối cùng.");
    let bold = s.exec(
        "return [...document.querySelectorAll('#pages text, #pages tspan')]\
           .some(t => t.textContent.includes('sách:') && t.getAttribute('font-weight') === 'bold')",
        json!([]),
    );
    assert_eq!(bold, json!(true), "the bold run is bold in the pages");
    s.close();
}
