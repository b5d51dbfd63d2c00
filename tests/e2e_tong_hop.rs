//! "Tổng hợp" in the real app: the template and three units' files picked (through the
//! dialogs' test seams), a unit's name corrected in the dialog, the roster of four typed; the
//! summary opens as a draft whose preview shows the summed figures, and the notice names the
//! missing unit. Then, in the summary draft: the Kiểm tra panel tells the coverage and names the
//! missing unit; a click on a summed cell lists each unit's value and file; a narrative section
//! offers each unit's text, and "Chép vào mục này" puts it in the report.

#[path = "support/app.rs"]
mod app;
#[path = "support/tools.rs"]
mod tools;
#[path = "support/units.rs"]
mod units;
#[path = "support/webdriver.rs"]
mod webdriver;

use std::time::Duration;

use app::{preview_text, setup, start, wait_for_pages, LONG, ONE_AT_A_TIME};
use serde_json::json;
use units::*;

#[test]
fn units_reports_are_summed_into_a_new_draft_and_the_missing_unit_is_named() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("tong-hop") else { return };
    let dir = env.root().join("Báo cáo đơn vị");
    std::fs::create_dir_all(&dir).unwrap();
    let mau = dir.join("mau.json");
    write_json(&mau, &report(None, 3));
    let mut files = Vec::new();
    for u in 1..=3 {
        let mut r = report(Some(u), 3);
        let name = if u == 3 {
            // No header: named from its file, and corrected by the user.
            r.issuer.name_lines.clear();
            "bao-cao-thang-6.json".to_string()
        } else {
            format!("to-{u}.json")
        };
        let p = dir.join(name);
        write_json(&p, &r);
        files.push(p);
    }
    let joined = std::env::join_paths(&files).unwrap();
    let d = env.driver_with(&[
        ("BAOCAO_TEST_CHON_MAU", &mau),
        ("BAOCAO_TEST_CHON_DON_VI", std::path::Path::new(&joined)),
    ]);
    let s = start(&d);

    s.click("#btn-tong-hop");
    s.click("#th-chon-mau");
    s.wait_for(
        "the template picked",
        "return document.getElementById('th-mau').textContent.includes('Kết quả thực hiện')",
        LONG,
    );
    s.click("#th-chon-don-vi");
    let names = s.wait_for(
        "the units' names",
        "const l = [...document.querySelectorAll('#th-don-vi input')].map(i => i.value); return l.length === 3 && l",
        LONG,
    );
    assert_eq!(names[2], json!("bao cao thang 6"), "{names}");
    s.exec(
        "const i = document.querySelectorAll('#th-don-vi input')[2];\
         i.value = 'Tổ dân phố số 3'; i.dispatchEvent(new Event('input'));\
         document.getElementById('th-danh-sach').value = arguments[0];",
        json!([(1..=4).map(unit_name).collect::<Vec<_>>().join("\n")]),
    );
    // The template's marks: the percentage column's parts chosen, one indicator for the appendix.
    let picked = s.exec(
        "const d = document.getElementById('th-danh-dau'); d.open = true;\
         const sel = (part) => d.querySelector(`select[data-part=${part}]`);\
         const pick = (s, text) => { const o = [...s.options].find(o => o.text === text); s.value = o.value; };\
         const before = [sel('numerator').value, sel('denominator').value];\
         pick(sel('numerator'), 'Thực hiện'); pick(sel('denominator'), 'Kế hoạch');\
         const box = [...d.querySelectorAll('.th-indicators label')]\
           .find(l => l.textContent.trim() === 'Trẻ em được tiêm chủng – Thực hiện');\
         box.querySelector('input').checked = true;\
         return before;",
        json!([]),
    );
    assert_eq!(picked, json!(["", ""]), "nothing kept yet: recognised");
    s.click("#th-chay");
    wait_for_pages(&s);
    let notice = s.wait_for(
        "the notice",
        "const b = document.getElementById('notice-bar'); return !b.hidden && document.getElementById('notice-text').textContent",
        LONG,
    );
    let notice = notice.as_str().unwrap_or("").to_string();
    assert!(
        notice.starts_with("Tổng hợp từ 3/4 đơn vị (chưa có báo cáo của: Tổ dân phố số 4)."),
        "{notice}"
    );
    assert!(notice.contains("1 lỗi"), "{notice}");
    // The summed plan of the first indicator, in the preview's pages.
    let plan_total: i64 = (1..=3).map(|u| plan(u, 0)).sum();
    let want = vn(plan_total);
    let shown = s.wait_for(
        "the summed figure in the preview",
        &format!("return document.getElementById('pages').textContent.includes('{want}')"),
        Duration::from_secs(20),
    );
    assert_eq!(shown, json!(true), "{}", preview_text(&s));
    // The appendix has the one indicator picked, not the figures it takes by default.
    // (The header cell wraps: its lines are separate texts in the page.)
    app::preview_has(
        &s,
        "the picked indicator in the appendix",
        "chủng – Thực hiện",
    );
    let done_total: i64 = (1..=3).map(|u| done(u, 2)).sum();
    app::preview_has(
        &s,
        "the appendix's total of the picked indicator",
        &format!("Tổng cộng{}", vn(done_total)),
    );
    let text = preview_text(&s);
    assert!(!text.contains("Số hộ dân –"), "{text}");

    // The Kiểm tra panel: coverage and the missing unit, beside the report's own findings.
    s.click("#btn-checks");
    let coverage = s.wait_for(
        "the summary's coverage in the checks panel",
        "const p = document.getElementById('summary-coverage'); return p && p.textContent",
        LONG,
    );
    assert!(
        coverage
            .as_str()
            .unwrap_or("")
            .starts_with("Tổng hợp từ 3/4 đơn vị"),
        "{coverage}"
    );
    let listed = s.exec(
        "return document.getElementById('summary-list').textContent",
        json!([]),
    );
    assert!(
        listed
            .as_str()
            .unwrap_or("")
            .contains("Chưa có báo cáo của “Tổ dân phố số 4”"),
        "{listed}"
    );

    // A click on the first indicator's summed plan: its three units, values and files.
    open_section(&s, "Kết quả thực hiện các chỉ tiêu");
    s.click("#form .table-editor tr:nth-child(2) td:nth-child(4) input");
    let shown_box = s.wait_for(
        "the sources of the clicked cell",
        "const b = document.getElementById('sources'); return b && b.textContent",
        LONG,
    );
    let shown_box = shown_box.as_str().unwrap_or("").to_string();
    assert!(
        shown_box.contains(&format!("tổng {want} từ 3 đơn vị")),
        "{shown_box}"
    );
    for u in 1..=2 {
        assert!(shown_box.contains(&format!("to-{u}.json")), "{shown_box}");
        assert!(shown_box.contains(&vn(plan(u, 0))), "{shown_box}");
    }
    assert!(
        shown_box.contains("Tổ dân phố số 3") && shown_box.contains("bao-cao-thang-6.json"),
        "{shown_box}"
    );
    if std::env::var_os("BAOCAO_SCREENSHOTS").is_some() {
        // The README's picture (`BAOCAO_SCREENSHOTS=1 cargo test --test e2e_tong_hop`).
        std::fs::write(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/app-tong-hop.png"),
            s.screenshot(),
        )
        .unwrap();
    }
    // A label cell has no sources: the box goes.
    s.click("#form .table-editor tr:nth-child(2) td:nth-child(2) input");
    s.wait_for(
        "no sources for a label",
        "return !document.getElementById('sources')",
        LONG,
    );

    // The narrative section: each unit's text, one copied into the report.
    open_section(&s, "Phương hướng, nhiệm vụ 6 tháng cuối năm");
    let n = s.wait_for(
        "the units' texts of the section",
        "return document.querySelectorAll('#unit-texts li').length",
        LONG,
    );
    assert_eq!(n, json!(3));
    s.exec(
        "document.getElementById('unit-texts').open = true",
        json!([]),
    );
    s.click("#unit-texts li:first-child button");
    app::preview_has(
        &s,
        "the copied unit text in the preview",
        "tiếp tục vận động nhân dân giữ gìn vệ sinh",
    );

    // The next consolidation of the same template finds the marks kept.
    s.click("#btn-home");
    s.wait_for(
        "the start screen",
        "return document.body.dataset.view === 'start'",
        LONG,
    );
    s.click("#btn-tong-hop");
    s.click("#th-chon-mau");
    let kept = s.wait_for(
        "the marks kept with the template",
        "const d = document.getElementById('th-danh-dau');\
         const n = d && d.querySelector('select[data-part=numerator]');\
         const c = d && [...d.querySelectorAll('.th-indicators label')].filter(l => l.querySelector('input').checked);\
         return n && n.value !== '' && [n.options[n.selectedIndex].text, c.map(l => l.textContent.trim())]",
        LONG,
    );
    assert_eq!(
        kept,
        json!(["Thực hiện", ["Trẻ em được tiêm chủng – Thực hiện"]]),
        "{kept}"
    );
}

/// Clicks the outline's section titled `title`.
fn open_section(s: &webdriver::Session<'_>, title: &str) {
    s.exec(
        "const li = [...document.querySelectorAll('.ol-item[data-kind=section]')]\
           .find(l => l.textContent.includes(arguments[0]));\
         document.querySelectorAll('#pick-me').forEach(e => e.removeAttribute('id'));\
         if (li) li.id = 'pick-me';",
        json!([title]),
    );
    s.click("#pick-me");
    s.wait_for(
        "the section's form",
        &format!(
            "const i = document.querySelector('#form input[data-sec]'); return !!i && i.value === {}",
            json!(title)
        ),
        LONG,
    );
}
