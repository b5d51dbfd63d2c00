//! End-to-end tests of what a ward keeps besides its drafts, in the real app: presets typed once
//! in the settings and picked in the forms, the trash, the user's own templates, and moving a
//! section inside another by dragging it in the outline.

#[path = "support/app.rs"]
mod app;
#[path = "support/tools.rs"]
mod tools;
#[path = "support/webdriver.rs"]
mod webdriver;

use app::{open_draft, preview_text, setup, start, wait_for_pages, LONG, ONE_AT_A_TIME};
use serde_json::json;
use webdriver::Session;

/// Sets a field's value as typing would (one input event), for fields whose exact key presses do
/// not matter to the test.
fn fill(s: &Session<'_>, css: &str, value: &str) {
    s.exec(
        "const e = document.querySelector(arguments[0]);\
         if (!e) throw new Error('no field ' + arguments[0]);\
         e.focus(); e.value = arguments[1];\
         e.dispatchEvent(new Event('input', {bubbles: true}));\
         e.dispatchEvent(new Event('change', {bubbles: true}));",
        json!([css, value]),
    );
}

fn open_settings(s: &Session<'_>) {
    s.click("#btn-settings");
    s.wait_for(
        "the settings",
        "return document.body.dataset.view === 'settings' && document.querySelectorAll('.preset-section').length === 6",
        LONG,
    );
}

fn no_error(s: &Session<'_>) {
    let err = s.exec(
        "const b = document.getElementById('error-bar'); return b.hidden ? '' : b.textContent",
        json!([]),
    );
    assert_eq!(err, json!(""), "the window shows an error");
}

/// The names of the presets of `kind` listed in the settings.
fn preset_names(s: &Session<'_>, kind: &str) -> serde_json::Value {
    s.exec(
        "return [...document.querySelectorAll(`.preset-section[data-kind=${arguments[0]}] [data-preset] strong`)].map(e => e.textContent)",
        json!([kind]),
    )
}

#[test]
fn presets_typed_once_in_the_settings_fill_every_new_report() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("presets") else { return };
    let d = env.driver();
    {
        let s = start(&d);
        open_settings(&s);
        // The agency profile, typed as a user types it.
        s.click("[data-add=agency]");
        s.type_into("[data-field='preset.name']", "Phường Hoa Sen");
        s.type_into(
            "[data-field='agency.parent']",
            "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI",
        );
        s.type_into(
            "[data-field='agency.name_lines']",
            "ỦY BAN NHÂN DÂN\nPHƯỜNG HOA SEN",
        );
        s.type_into("[data-field='agency.symbol_suffix']", "UBND");
        s.type_into("[data-field='agency.place']", "Hoa Sen");
        s.click("[data-save=agency]");
        s.wait_for(
            "the agency listed",
            "return document.querySelectorAll('.preset-section[data-kind=agency] [data-preset]').length === 1",
            LONG,
        );
        // The signer.
        s.click("[data-add=signer]");
        s.type_into("[data-field='preset.name']", "Chủ tịch ký");
        fill(&s, "[data-field='signer.authority']", "TM");
        s.type_into("[data-field='signer.collective']", "ỦY BAN NHÂN DÂN");
        s.type_into("[data-field='signer.titles']", "CHỦ TỊCH");
        s.type_into("[data-field='signer.name']", "Trần Thị Hoa");
        s.click("[data-save=signer]");
        s.wait_for(
            "the signer listed",
            "return document.querySelectorAll('.preset-section[data-kind=signer] [data-preset]').length === 1",
            LONG,
        );
        no_error(&s);
        // The first preset of a kind is its default: a blank report takes both.
        s.click("#settings-close");
        s.wait_for(
            "the start screen",
            "return document.body.dataset.view === 'start'",
            LONG,
        );
        s.click("#btn-blank");
        wait_for_pages(&s);
        // Words are compared without spaces: the pages place each word on its own.
        let squash = |t: &str| t.split_whitespace().collect::<String>();
        let text = squash(&preview_text(&s));
        for want in [
            "PHƯỜNG HOA SEN",
            "Hoa Sen, ngày",
            "TM. ỦY BAN NHÂN DÂN",
            "Trần Thị Hoa",
        ] {
            assert!(
                text.contains(&squash(want)),
                "the new report lacks “{want}”: {text}"
            );
        }
        s.close();
    }
    // The next day the presets are still there.
    let s = start(&d);
    open_settings(&s);
    assert_eq!(preset_names(&s, "agency"), json!(["Phường Hoa Sen"]));
    assert_eq!(preset_names(&s, "signer"), json!(["Chủ tịch ký"]));
    s.close();
}

#[test]
fn a_form_saves_its_signer_as_a_preset_and_fills_from_it_again() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("preset-form") else {
        return;
    };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    s.click(".ol-item[data-kind=closing]");
    let name_field = "#form input[data-field='signer.name']";
    let sample_name = s
        .exec(
            "return document.querySelector(arguments[0]).value",
            json!([name_field]),
        )
        .as_str()
        .unwrap_or("")
        .to_string();
    assert!(!sample_name.is_empty(), "the sample has a signer");
    // "Lưu thành mẫu" asks for a name, proposing one.
    s.click("#form [data-save-preset=signer]");
    s.wait_for(
        "the name dialog",
        "const d = document.querySelector('dialog.ask'); return d && d.open && d.querySelector('input').value",
        LONG,
    );
    s.click("dialog.ask button.primary");
    s.wait_for(
        "the preset saved",
        "return document.getElementById('notice-text').textContent.startsWith('Đã lưu mẫu')",
        LONG,
    );
    // Another signer typed in…
    s.clear(name_field);
    s.type_into(name_field, "Người Khác Ký");
    s.wait_for(
        "the new name in the preview",
        "return document.getElementById('pages').textContent.replace(/\\s+/g, '').includes('NgườiKhácKý')",
        LONG,
    );
    // …and the preset puts the saved one back, in the form and on the page.
    s.wait_for(
        "the preset in the picker",
        "return document.querySelectorAll('#form select[data-presets=signer] option').length === 2",
        LONG,
    );
    let preset = s.exec(
        "return document.querySelectorAll('#form select[data-presets=signer] option')[1].value",
        json!([]),
    );
    fill(
        &s,
        "#form select[data-presets=signer]",
        preset.as_str().unwrap_or(""),
    );
    s.wait_for(
        "the saved signer back on the page",
        &format!(
            "const t = document.getElementById('pages').textContent.replace(/\\s+/g, '');\
             return t.includes({n}) && !t.includes('NgườiKhácKý') && document.querySelector(\"{name_field}\").value === {v}",
            n = json!(sample_name.split_whitespace().collect::<String>()),
            v = json!(sample_name)
        ),
        LONG,
    );
    no_error(&s);
    s.close();
}

#[test]
fn a_deleted_draft_waits_in_the_trash_and_comes_back() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("trash") else { return };
    let d = env.driver();
    let drafts = "return [...document.querySelectorAll('.draft-link')].map(a => a.textContent)";
    {
        let s = start(&d);
        s.exec(
            "[...document.querySelectorAll('#draft-table tbody tr')][0].querySelector('td.actions button:last-child').click()",
            json!([]),
        );
        s.wait_for(
            "the draft in the trash",
            "return document.querySelectorAll('.draft-link').length === 0 && !document.getElementById('trash').hidden",
            LONG,
        );
        assert!(s
            .exec(
                "return document.getElementById('notice-text').textContent",
                json!([])
            )
            .as_str()
            .unwrap_or("")
            .contains("thùng rác"));
        s.close();
    }
    // After a restart it is still in the trash, not lost and not back in the list.
    let s = d.session(std::path::Path::new(app::APP));
    s.wait_for(
        "the trash",
        "return document.querySelectorAll('#trash-list li').length === 1",
        LONG,
    );
    assert_eq!(s.exec(drafts, json!([])), json!([]));
    s.exec(
        "document.getElementById('trash').open = true; document.querySelector('#trash-list li button').click()",
        json!([]),
    );
    s.wait_for(
        "the draft back in the list",
        "return document.querySelectorAll('.draft-link').length === 1 && document.getElementById('trash').hidden",
        LONG,
    );
    assert_eq!(s.exec(drafts, json!([])), json!(["Báo cáo mẫu"]));
    open_draft(&s, "Báo cáo mẫu");
    assert!(preview_text(&s).contains("trọng"));
    s.close();
}

#[test]
fn a_draft_saved_as_a_template_starts_the_next_report_with_its_headings() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("own-template") else {
        return;
    };
    let d = env.driver();
    let s = start(&d);
    let builtin = s.exec(
        "return document.querySelectorAll('#template-list [data-template]').length",
        json!([]),
    );
    s.exec(
        "[...document.querySelectorAll('#draft-table td.actions button')].find(b => b.textContent === 'Lưu thành mẫu').click()",
        json!([]),
    );
    s.wait_for(
        "the name dialog",
        "const d = document.querySelector('dialog.ask'); return d && d.open",
        LONG,
    );
    s.clear("dialog.ask input");
    s.type_into("dialog.ask input", "Mẫu báo cáo 6 tháng của phường");
    s.click("dialog.ask button.primary");
    s.wait_for(
        "the new template on the start screen",
        "return [...document.querySelectorAll('#template-list [data-template]')].some(b => b.textContent === 'Mẫu báo cáo 6 tháng của phường')",
        LONG,
    );
    assert_eq!(
        s.exec(
            "return document.querySelectorAll('#template-list [data-template]').length",
            json!([])
        ),
        json!(builtin.as_u64().unwrap_or(0) + 1)
    );
    // The sample's headings, in order, to compare with the new report's.
    open_draft(&s, "Báo cáo mẫu");
    let titles = "return [...document.querySelectorAll('.ol-item[data-kind=section]')].map(e => e.textContent)";
    let sample_titles = s.exec(titles, json!([]));
    s.click("#btn-home");
    s.wait_for(
        "the start screen",
        "return document.body.dataset.view === 'start'",
        LONG,
    );
    s.exec(
        "[...document.querySelectorAll('#template-list [data-template]')].find(b => b.textContent === 'Mẫu báo cáo 6 tháng của phường').click()",
        json!([]),
    );
    wait_for_pages(&s);
    assert_eq!(s.exec(titles, json!([])), sample_titles);
    // The headings without the sample's sentences: no section holds text of its own.
    let blocks = s.exec(
        "let n = 0; const walk = (l) => l.forEach(x => { n += x.blocks.length; walk(x.children); });\
         walk(window.__baocao.editor.report.body); return n;",
        json!([]),
    );
    assert_eq!(
        blocks,
        json!(0),
        "the template kept the sample's paragraphs"
    );
    no_error(&s);
    s.close();
}

/// Issue 16, item 7: the outline reorders with the mouse through pointer events (on Windows,
/// Tauri's file drop turns the webview's HTML5 drag events off) and with the keyboard.
#[test]
fn a_section_dropped_on_the_middle_of_another_goes_inside_it() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("drop") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    // Two sections side by side: the second is dragged with the mouse onto the middle of the
    // first.
    let picked = s.exec(
        "const ed = window.__baocao.editor;\
         let pair = null;\
         const walk = (l) => l.forEach((x, i) => { if (!pair && i > 0) pair = [l[i - 1].id, x.id, l.length]; walk(x.children); });\
         walk(ed.report.body);\
         const li = (id) => document.querySelector(`.ol-item[data-sec=\"${id}\"]`);\
         li(pair[0]).scrollIntoView({block: 'center'});\
         const a = li(pair[0]).getBoundingClientRect(), b = li(pair[1]).getBoundingClientRect();\
         return [pair[0], pair[1], pair[2], parseInt(li(pair[1]).style.paddingLeft),\
                 li(pair[1]).querySelector('.ol-num').textContent.trim(),\
                 b.left + 30, b.top + b.height / 2, a.left + 30, a.top + a.height / 2];",
        json!([]),
    );
    let p = picked.as_array().cloned().unwrap_or_default();
    let f = |i: usize| p[i].as_f64().unwrap_or(0.0);
    let (to, from) = (&p[0], &p[1]);
    s.mouse_drag((f(5), f(6)), (f(7), f(8)));
    let inside = s.wait_for(
        "the dragged section inside the other",
        &"const find = (l) => { for (const x of l) { if (x.id === arguments[1]) return x; const y = find(x.children); if (y) return y; } };\
         const t = find(window.__baocao.editor.report.body);\
         return !!t && t.children.length > 0 && t.children[t.children.length - 1].id === arguments[0];"
            .replace("arguments[0]", &from.to_string())
            .replace("arguments[1]", &to.to_string()),
        LONG,
    );
    assert_eq!(inside, json!(true));
    s.wait_for(
        "the moved section saved and laid out",
        "return document.getElementById('save-status').textContent.startsWith('Đã lưu')",
        LONG,
    );
    let line = s.exec(
        "const li = document.querySelector(`.ol-item[data-sec=\"${arguments[0]}\"]`);\
         return [parseInt(li.style.paddingLeft), li.querySelector('.ol-num').textContent.trim()];",
        json!([from]),
    );
    assert!(
        line[0].as_u64().unwrap_or(0) > p[3].as_u64().unwrap_or(0) && line[1] != p[4],
        "the outline does not show it one level deeper, renumbered: before {picked}, after {line}"
    );
    // The keyboard: Alt+← takes it out again, right after the section it was in.
    let back = s.exec(
        "const li = document.querySelector(`.ol-item[data-sec=\"${arguments[0]}\"]`);\
         li.focus();\
         li.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft', altKey: true, bubbles: true, cancelable: true}));\
         const find = (l) => { for (const [i, x] of l.entries()) { if (x.id === arguments[1]) return l[i + 1]; const y = find(x.children); if (y) return y; } };\
         const next = find(window.__baocao.editor.report.body);\
         return !!next && next.id === arguments[0] && document.activeElement.dataset.sec === arguments[0];",
        json!([from, to]),
    );
    assert_eq!(back, json!(true), "Alt+← did not take the section out");
    no_error(&s);
    s.close();
}

#[test]
fn a_section_set_to_diem_is_numbered_a_where_it_stands() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("level") else { return };
    let d = env.driver();
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");
    // The first khoản of the sample ("1.") made a điểm: it prints "a)" where it stands.
    let id = s.exec(
        "const li = [...document.querySelectorAll('.ol-item[data-kind=section]')]\
           .find(li => li.querySelector('.ol-num')?.textContent.trim() === '1.');\
         li.click(); return li.dataset.sec;",
        json!([]),
    );
    let number_is = |n: &str| {
        format!(
            "const e = document.querySelector(`.ol-item[data-sec=\"${{{id}}}\"] .ol-num`);\
             return !!e && e.textContent.trim() === {n};",
            n = json!(n)
        )
    };
    fill(&s, "#form select[data-field=level]", "diem");
    s.wait_for("the section numbered a)", &number_is("a)"), LONG);
    // Back to the level of its place, and it is "1." again.
    fill(&s, "#form select[data-field=level]", "");
    s.wait_for("the section numbered 1. again", &number_is("1."), LONG);
    no_error(&s);
    s.close();
}
