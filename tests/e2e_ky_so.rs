//! "Ký số…" and "Kiểm tra chữ ký số…" in the real app (issue 19) with a real PKCS#11 module
//! (SoftHSM2) and a test CA: the token's module picked (through the dialogs' test seams), its
//! two signing certificates listed in Vietnamese (the CA's left out), the images kept with the
//! presets; a wrong PIN writes nothing and says so; the sample signed by the person, then the
//! file just signed by the organisation; the result verified in the app, before and after the
//! test CA is added as a trusted root.
//!
//! Skips, saying why, only when WebKitWebDriver or SoftHSM2's tools are missing, and fails
//! instead under CI (`CI` set).

#[path = "support/app.rs"]
mod app;
#[path = "support/softhsm.rs"]
mod softhsm;
#[path = "support/tools.rs"]
mod tools;
#[path = "support/webdriver.rs"]
mod webdriver;

use std::path::{Path, PathBuf};
use std::process::Command;

use app::{open_draft, setup, start, LONG, ONE_AT_A_TIME};
use serde_json::json;
use webdriver::Session;

/// A wrong PIN no file of the data folder may hold afterwards.
const WRONG_PIN: &str = "8642097531";

/// Every file under `dir` that holds `needle`.
fn files_holding(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_holding(&p, needle));
        } else if std::fs::read(&p)
            .unwrap_or_default()
            .windows(needle.len())
            .any(|w| w == needle)
        {
            out.push(p);
        }
    }
    out
}

fn pdfs_in(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    v.sort();
    v
}

fn text_of(s: &Session<'_>, css: &str) -> String {
    s.exec(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : ''",
        json!([css]),
    )
    .as_str()
    .unwrap_or("")
    .to_string()
}

/// The notice after a signature, waited for: the dialog closed and "Đã ký số (…)" shown.
fn wait_signed(s: &Session<'_>, who: &str) -> String {
    let n = s.wait_for(
        "the signed notice",
        &format!(
            "const b = document.getElementById('notice-bar'); const l = document.getElementById('ks-loi');\
             if (l && !l.hidden) return 'LỖI: ' + l.textContent;\
             return !document.getElementById('dlg-ky-so') && !b.hidden\
               && document.getElementById('notice-text').textContent.startsWith('Đã ký số ({who})')\
               && document.getElementById('notice-text').textContent"
        ),
        LONG,
    );
    let n = n.as_str().unwrap_or("").to_string();
    assert!(!n.starts_with("LỖI"), "{n}");
    n
}

#[test]
fn the_sample_is_signed_by_the_person_then_the_organisation_and_verified_in_the_app() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("ky-so") else { return };
    let Some(token) = softhsm::make(&env.root().join("hsm")) else {
        return;
    };
    let root = env.root().to_path_buf();
    let (chu_ky, con_dau) = (root.join("chu-ky.png"), root.join("con-dau.png"));
    std::fs::write(&chu_ky, softhsm::png(240, 120, [0, 0, 200])).unwrap();
    std::fs::write(&con_dau, softhsm::png(300, 300, [220, 0, 0])).unwrap();
    // The file the user picks to verify (copied there once signed).
    let to_check = root.join("van-ban-nhan-duoc.pdf");
    let d = env.driver_with(&[
        ("SOFTHSM2_CONF", &token.conf),
        ("BAOCAO_TEST_CHON_THU_VIEN", &token.module),
        ("BAOCAO_TEST_CHON_HINH_CHU_KY", &chu_ky),
        ("BAOCAO_TEST_CHON_HINH_CON_DAU", &con_dau),
        ("BAOCAO_TEST_CHON_PDF", &to_check),
        ("BAOCAO_TEST_CHON_GOC", &token.ca_pem),
    ]);
    let s = start(&d);
    open_draft(&s, "Báo cáo mẫu");

    // The dialog: no module yet; picked, checked, its certificates listed.
    s.click("#btn-ky-so");
    s.wait_for(
        "the signing dialog",
        "return document.getElementById('ks-thu-vien')",
        LONG,
    );
    assert!(text_of(&s, "#ks-thu-vien").starts_with("Chưa chọn"));
    // The sample leaves the number and the date to the văn thư's pen: said before signing it.
    assert!(
        text_of(&s, "#ks-con-trong").starts_with("Báo cáo đang soạn chưa có số và ngày tháng"),
        "{}",
        text_of(&s, "#ks-con-trong")
    );
    s.click("#ks-chon-thu-vien");
    let listed = s.wait_for(
        "the token's certificates",
        "const c = document.querySelectorAll('#ks-chung-thu .ks-cert'); return c.length === 2 && document.getElementById('ks-chung-thu').textContent",
        LONG,
    );
    let listed = listed.as_str().unwrap();
    for want in [
        format!("{} (cá nhân)", softhsm::PERSON),
        format!("{} (cơ quan)", softhsm::AGENCY),
        format!("Cấp bởi: {} — hiệu lực đến", softhsm::CA_NAME),
    ] {
        assert!(listed.contains(&want), "{want} in {listed}");
    }
    assert_eq!(
        text_of(&s, "#ks-thu-vien"),
        token.module.to_string_lossy(),
        "the module shown"
    );
    if std::env::var_os("BAOCAO_SCREENSHOTS").is_some() {
        // The README's picture (`BAOCAO_SCREENSHOTS=1 cargo test --test e2e_ky_so`).
        std::fs::write(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/app-ky-so.png"),
            s.screenshot(),
        )
        .unwrap();
    }
    // The person's certificate is preselected, and with it the person's role.
    assert_eq!(
        s.exec(
            "return [document.querySelector('input[name=ks-cert]:checked').value, document.getElementById('ks-vai').value]",
            json!([])
        ),
        json!(["canhan", "ca-nhan"])
    );
    // Signing without a signature image is refused, saying what to do.
    s.type_into("#ks-pin", softhsm::PIN);
    s.click("#ks-ky");
    let said = s.wait_for(
        "no signature image",
        "const l = document.getElementById('ks-loi'); return !l.hidden && l.textContent",
        LONG,
    );
    assert!(
        said.as_str().unwrap().contains("Chọn hình chữ ký"),
        "{said}"
    );
    s.click("#ks-chon-hinh-chu-ky");
    s.click("#ks-chon-hinh-con-dau");
    s.wait_for(
        "the images kept",
        "return document.getElementById('ks-hinh-chu-ky').textContent.startsWith('Đã có hình chữ ký (240 × 120')\
         && document.getElementById('ks-hinh-con-dau').textContent.startsWith('Đã có hình con dấu (300 × 300')",
        LONG,
    );

    // A wrong PIN: the token says so, nothing is written, the field is empty again.
    s.type_into("#ks-pin", WRONG_PIN);
    s.click("#ks-ky");
    let said = s.wait_for(
        "the wrong PIN",
        "const l = document.getElementById('ks-loi'); return !l.hidden && l.textContent.includes('PIN') && l.textContent",
        LONG,
    );
    assert!(
        said.as_str().unwrap().starts_with("Mã PIN không đúng"),
        "{said}"
    );
    assert!(pdfs_in(&env.export).is_empty(), "nothing written");
    assert_eq!(
        s.exec("return document.getElementById('ks-pin').value", json!([])),
        json!("")
    );

    // The person signs the open draft.
    s.type_into("#ks-pin", softhsm::PIN);
    s.click("#ks-ky");
    let n = wait_signed(&s, "người có thẩm quyền");
    let one = pdfs_in(&env.export);
    assert_eq!(one.len(), 1, "{one:?}");
    let one = one[0].clone();
    assert!(
        one.to_string_lossy().ends_with(" - đã ký.pdf") && n.contains(&*one.to_string_lossy()),
        "{n}"
    );

    // The organisation signs the file just signed (offered first, with its certificate). A
    // double click on "Ký số…" while the module loads opens one dialog, not two stacked ones
    // listing every certificate twice.
    s.exec(
        "const b = document.getElementById('btn-ky-so'); b.click(); b.click();",
        json!([]),
    );
    s.wait_for(
        "the dialog again, with the token's certificates",
        "return document.querySelectorAll('#ks-chung-thu .ks-cert').length === 2",
        LONG,
    );
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(
        s.exec(
            "return [document.querySelectorAll('#dlg-ky-so').length, document.querySelectorAll('.ks-cert').length]",
            json!([])
        ),
        json!([1, 2])
    );
    assert_eq!(
        s.exec(
            "return [document.getElementById('ks-nguon').value, document.querySelector('input[name=ks-cert]:checked').value, document.getElementById('ks-vai').value]",
            json!([])
        ),
        json!([one.to_string_lossy(), "coquan", "co-quan"])
    );
    // A file already signed is not the draft: its blanks are not said again.
    assert_eq!(
        s.exec(
            "return document.getElementById('ks-con-trong').hidden",
            json!([])
        ),
        json!(true)
    );
    s.type_into("#ks-pin", softhsm::PIN);
    s.click("#ks-ky");
    wait_signed(&s, "cơ quan");
    let both: Vec<PathBuf> = pdfs_in(&env.export)
        .into_iter()
        .filter(|p| p != &one)
        .collect();
    assert_eq!(both.len(), 1, "{both:?}");
    let both = both[0].clone();
    assert!(both.to_string_lossy().ends_with(" - đã ký, đóng dấu.pdf"));
    let (b1, b2) = (std::fs::read(&one).unwrap(), std::fs::read(&both).unwrap());
    assert!(
        b2.starts_with(&b1),
        "the organisation's signature only adds bytes"
    );

    // The module is kept in the prefs; the PIN nowhere in them.
    let prefs = std::fs::read_to_string(env.data.join("giao-dien.json")).unwrap();
    assert!(prefs.contains("libsofthsm2"), "{prefs}");
    assert!(!prefs.contains(softhsm::PIN), "{prefs}");
    let holding = files_holding(&env.data, WRONG_PIN.as_bytes());
    assert!(holding.is_empty(), "the PIN was written to {holding:?}");

    // An independent validator agrees (when poppler is there).
    if tools::find("pdfsig").is_some() {
        let o = Command::new("pdfsig").arg(&both).output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.matches("Signature is Valid").count(), 2, "{out}");
    }

    // Verification in the app: the received file, no trusted root yet.
    std::fs::copy(&both, &to_check).unwrap();
    s.click("#btn-kiem-tra-ky");
    let summary = s.wait_for(
        "the verification",
        "return document.getElementById('kt-tom-tat') && document.getElementById('kt-tom-tat').textContent",
        LONG,
    );
    let summary = summary.as_str().unwrap().to_string();
    assert!(
        summary.starts_with("Tệp có 2 chữ ký số hợp lệ")
            && summary.contains("chưa đến gốc tin cậy"),
        "{summary}"
    );
    let blocks = s.exec(
        "return [...document.querySelectorAll('#kt-chu-ky .kt-chu-ky')].map(b => b.textContent)",
        json!([]),
    );
    let blocks: Vec<String> = serde_json::from_value(blocks).unwrap();
    assert_eq!(blocks.len(), 2, "{blocks:?}");
    assert!(
        blocks[0].starts_with(&format!(
            "Chữ ký 1 — người có thẩm quyền: {}",
            softhsm::PERSON
        )),
        "{blocks:?}"
    );
    assert!(
        blocks[1].starts_with(&format!("Chữ ký 2 — cơ quan: {}", softhsm::AGENCY)),
        "{blocks:?}"
    );
    for b in &blocks {
        assert!(b.contains("chữ ký hợp lệ, nội dung đúng như lúc ký"), "{b}");
        assert!(b.contains("(giờ Việt Nam UTC+07:00)"), "{b}");
    }
    assert!(blocks[0].contains("chỉ thêm chữ ký sau, nội dung không thay đổi"));
    assert!(
        blocks[1].contains("Sau khi kýtài liệu không thay đổi"),
        "{}",
        blocks[1]
    );

    // The test CA added as a trusted root: both chains reach it.
    s.click("#kt-them-goc");
    let summary = s.wait_for(
        "the verification with the root",
        "const t = document.getElementById('kt-tom-tat').textContent; return t.includes('tất cả hợp lệ') && t",
        LONG,
    );
    assert!(
        summary
            .as_str()
            .unwrap()
            .contains("chứng thư đến gốc tin cậy"),
        "{summary}"
    );
    let all = text_of(&s, "#dlg-kiem-tra");
    assert_eq!(
        all.matches(&format!("đến gốc tin cậy “{}”", softhsm::CA_NAME))
            .count(),
        2,
        "{all}"
    );
    assert!(text_of(&s, "#kt-goc").contains(softhsm::CA_NAME));
    let prefs = std::fs::read_to_string(env.data.join("giao-dien.json")).unwrap();
    assert!(prefs.contains("BEGIN CERTIFICATE"), "{prefs}");

    // One flipped byte inside the signed range: the app says the signature is broken.
    let mut bad = b2.clone();
    let at = bad.len() / 3;
    bad[at] ^= 0x01;
    std::fs::write(&to_check, &bad).unwrap();
    s.click("#kt-chon-tep");
    // Either the signature is found broken, or the file no longer reads as a PDF: never valid.
    let said = s.wait_for(
        "the verification of the damaged file",
        "const t = document.getElementById('kt-tom-tat').textContent; const l = document.getElementById('kt-loi');\
         return (t.startsWith('CẢNH BÁO') && t) || (!l.hidden && l.textContent)",
        LONG,
    );
    let said = said.as_str().unwrap();
    assert!(
        said.contains("không hợp lệ") || said.starts_with("Không đọc được tệp PDF"),
        "{said}"
    );
    s.click("#kt-dong");

    // The token pulled out (its store emptied): the dialog says so and nothing is written.
    std::fs::remove_dir_all(token.dir.join("tokens")).unwrap();
    std::fs::create_dir_all(token.dir.join("tokens")).unwrap();
    s.wait_for(
        "the verification closed",
        "return !document.getElementById('dlg-kiem-tra')",
        LONG,
    );
    s.click("#btn-ky-so");
    s.wait_for(
        "the dialog once more",
        "return document.getElementById('ks-thu-vien')",
        LONG,
    );
    let listed = s.exec(
        "return document.querySelectorAll('#ks-chung-thu input[name=ks-cert]:checked').length",
        json!([]),
    );
    if listed == json!(1) {
        s.type_into("#ks-pin", softhsm::PIN);
        s.click("#ks-ky");
    }
    let said = s.wait_for(
        "the token missing",
        "for (const id of ['ks-thu-vien-loi', 'ks-loi']) { const l = document.getElementById(id);\
           if (l && !l.hidden && l.textContent) return l.textContent; } return null",
        LONG,
    );
    let said = said.as_str().unwrap();
    assert!(
        said.contains("thiết bị ký số") || said.contains("thiết bị"),
        "{said}"
    );
    assert!(said.contains("cắm"), "says to plug it in: {said}");
    assert!(
        !said.contains("horrible"),
        "no English sentence of the module: {said}"
    );
    assert_eq!(pdfs_in(&env.export).len(), 2, "nothing more written");
}

/// A report whose appendix is issued as a file of its own: the organisation signs the appendix
/// alone from the same dialog ("Phụ lục … (tệp riêng, cơ quan ký số)"), with no seal image and
/// no personal signature; the person's role is refused for it; the signed file holds the
/// appendix's pages only and one valid signature.
#[test]
fn the_appendix_is_signed_apart_by_the_organisation() {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(env) = setup("ky-so-phu-luc") else {
        return;
    };
    let Some(token) = softhsm::make(&env.root().join("hsm")) else {
        return;
    };
    // A report with an appendix, dropped on the window as a user drops a file.
    let report = baocao::model::Report {
        trich_yeu: "Kết quả công tác hòa giải ở cơ sở năm 2026".into(),
        body: vec![baocao::model::Section {
            id: "ket-qua".into(),
            title: "Kết quả".into(),
            blocks: vec![baocao::model::Block::Paragraph {
                runs: vec![baocao::model::Run::plain("Nội dung chính của báo cáo.")],
            }],
            ..Default::default()
        }],
        appendices: vec![baocao::model::Appendix {
            id: "pl1".into(),
            title: "Danh sách tổ hòa giải".into(),
            intro: vec![baocao::model::Block::Paragraph {
                runs: vec![baocao::model::Run::plain(
                    "Tổ hòa giải số một đến số mười hai.",
                )],
            }],
            ..Default::default()
        }],
        closing: "Trân trọng báo cáo./.".into(),
        ..Default::default()
    };
    let file = env.root().join("bao-cao-hoa-giai.json");
    std::fs::write(&file, baocao::model::file::to_json(&report)).unwrap();
    let d = env.driver_with(&[
        ("SOFTHSM2_CONF", &token.conf),
        ("BAOCAO_TEST_CHON_THU_VIEN", &token.module),
    ]);
    let s = start(&d);
    s.exec(
        "window.__TAURI_INTERNALS__.invoke('drop_files_for_test', { paths: [arguments[0]] })",
        json!([file.to_string_lossy()]),
    );
    app::wait_for_pages(&s);

    s.click("#btn-ky-so");
    s.wait_for(
        "the signing dialog",
        "return document.getElementById('ks-thu-vien')",
        LONG,
    );
    s.click("#ks-chon-thu-vien");
    s.wait_for(
        "the token's certificates",
        "return document.querySelectorAll('#ks-chung-thu .ks-cert').length === 2",
        LONG,
    );
    // The appendix is offered; picked, the organisation's certificate and role follow.
    let chosen = s.exec(
        "const n = document.getElementById('ks-nguon');\
         const o = [...n.options].find(o => o.text.startsWith('Phụ lục'));\
         if (!o) return null;\
         n.value = o.value; n.dispatchEvent(new Event('change'));\
         return [document.querySelector('input[name=ks-cert]:checked').value, document.getElementById('ks-vai').value]",
        json!([]),
    );
    assert_eq!(chosen, json!(["coquan", "co-quan"]));
    // The person's role is refused for an appendix apart.
    s.exec(
        "document.getElementById('ks-vai').value = 'ca-nhan'",
        json!([]),
    );
    s.type_into("#ks-pin", softhsm::PIN);
    s.click("#ks-ky");
    let said = s.wait_for(
        "the person's role refused",
        "const l = document.getElementById('ks-loi'); return !l.hidden && l.textContent",
        LONG,
    );
    assert!(
        said.as_str().unwrap_or("").contains("chỉ do cơ quan ký số"),
        "{said}"
    );
    assert!(pdfs_in(&env.export).is_empty(), "nothing written");
    s.exec(
        "document.getElementById('ks-vai').value = 'co-quan'",
        json!([]),
    );
    s.type_into("#ks-pin", softhsm::PIN);
    s.click("#ks-ky");
    wait_signed(&s, "cơ quan");
    let signed = pdfs_in(&env.export);
    assert_eq!(signed.len(), 1, "{signed:?}");
    let name = signed[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.ends_with(" - Phụ lục - đã ký, đóng dấu.pdf"), "{name}");
    if let Some(pdftotext) = tools::require("pdftotext", "apt install poppler-utils") {
        let o = Command::new(pdftotext)
            .arg(&signed[0])
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("DANH SÁCH TỔ HÒA GIẢI"), "{text}");
        assert!(!text.contains("Nội dung chính của báo cáo"), "{text}");
    }
    if let Some(pdfsig) = tools::require("pdfsig", "apt install poppler-utils") {
        let o = Command::new(pdfsig).arg(&signed[0]).output().unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(out.matches("Signature is Valid").count(), 1, "{out}");
    }
}
