//! The checks on the real sample report: its real mistakes are found, nothing else is; each
//! planted mistake is found on a clean report; the one-click fixes fix.

#[path = "checks_support.rs"]
mod support;

use std::str::FromStr;

use baocao::checks::{self, apply_fix, Finding, Fix, Severity};
use baocao::model::{Block, Figure, FigureRef, Label, Report, Run, Section};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use support::{para, show};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn serious(fs: &[Finding]) -> Vec<&Finding> {
    fs.iter().filter(|f| f.severity != Severity::GoiY).collect()
}

/// The four real mistakes of the sample, in any order: two documents dated after the report
/// ("30/12/2026", "09/11/2026" for a report on the first half of 2026), a count started in the
/// wrong year ("Từ 01/01/2025"), and 22 of 546 written "4,1%".
#[test]
fn the_sample_s_real_mistakes_are_found_and_nothing_else() {
    let r = support::sample();
    // Drafting in June, and in November when the undated draft is looked at again.
    for today in [day(2026, 6, 20), day(2026, 11, 27)] {
        let fs = checks::check(&r, today);
        let text = show(&r, &fs);
        assert_eq!(serious(&fs).len(), 4, "{today}:\n{text}");
        assert!(fs.iter().all(|f| f.severity != Severity::GoiY), "{text}");
        let has = |sev: Severity, words: &[&str]| {
            fs.iter()
                .any(|f| f.severity == sev && words.iter().all(|w| f.message.contains(w)))
        };
        assert!(
            has(Severity::Loi, &["Kế hoạch số 160/KH-UBND", "30/12/2026"]),
            "{text}"
        );
        assert!(has(Severity::Loi, &["06/KH-UBND", "09/11/2026"]), "{text}");
        assert!(
            has(Severity::CanhBao, &["01/01/2025", "ngoài kỳ báo cáo"]),
            "{text}"
        );
        assert!(
            has(Severity::CanhBao, &["4,1%", "4,0%", "22", "546"]),
            "{text}"
        );
    }
}

/// The sample with its four mistakes corrected raises nothing at all: no false alarm on the
/// ordinary sentences of a real report (the correct "94,1%", "98,2%", "98,7%", "60%", the totals
/// 3.344, 12.707 and 107 that add up, the anniversaries, the plans of the next half-year).
#[test]
fn the_corrected_sample_is_silent() {
    let mut r = support::sample();
    let fs = checks::check(&r, day(2026, 6, 20));
    let pct = fs
        .iter()
        .find_map(|f| f.fix.clone())
        .expect("the percentage has a fix");
    apply_fix(&mut r, &pct);
    let mut fixed = 0;
    for (from, to) in [
        ("ngày 30/12/2026", "ngày 30/12/2025"),
        ("ngày 09/11/2026", "ngày 09/11/2025"),
        ("Từ 01/01/2025", "Từ 01/01/2026"),
    ] {
        let text = baocao::model::file::to_json(&r).replace(from, to);
        fixed += usize::from(text != baocao::model::file::to_json(&r));
        r = baocao::model::file::from_json(text.as_bytes()).unwrap();
    }
    assert_eq!(fixed, 3);
    let fs = checks::check(&r, day(2026, 6, 20));
    assert!(fs.is_empty(), "{}", show(&r, &fs));
}

#[test]
fn the_percentage_fix_writes_the_right_percentage() {
    let mut r = support::sample();
    let fs = checks::check(&r, day(2026, 6, 20));
    let f = fs.iter().find(|f| f.message.contains("4,1%")).unwrap();
    let Some(Fix::ReplaceText { find, replace, .. }) = &f.fix else {
        panic!("{:?}", f.fix)
    };
    assert_eq!((find.as_str(), replace.as_str()), ("4,1%", "4,0%"));
    apply_fix(&mut r, f.fix.as_ref().unwrap());
    let json = baocao::model::file::to_json(&r);
    assert!(json.contains("22 phản ánh (trong hạn) - bằng 4,0%"));
    assert!(!checks::check(&r, day(2026, 6, 20))
        .iter()
        .any(|f| f.message.contains("Tỷ lệ")));
}

fn section(title: &str, blocks: Vec<Block>) -> Section {
    Section {
        id: "x".into(),
        title: title.into(),
        blocks,
        ..Section::default()
    }
}

fn with_text(text: &str) -> Report {
    let mut r = support::clean();
    r.body.push(Section {
        id: "planted".into(),
        ..section("Kết quả khác", vec![para(text)])
    });
    r
}

#[test]
fn a_clean_report_has_no_findings() {
    let r = support::clean();
    let fs = checks::check(&r, day(2026, 6, 20));
    assert!(fs.is_empty(), "{}", show(&r, &fs));
}

/// Each planted mistake is found, with its severity and the words that tell the user what to do.
#[test]
fn each_planted_mistake_is_found() {
    type Plant = fn(&mut Report);
    let cases: Vec<(&str, Plant, Severity, &str)> = vec![
        (
            "trích yếu",
            |r| r.trich_yeu.clear(),
            Severity::Loi,
            "Thiếu trích yếu",
        ),
        (
            "signer",
            |r| r.signer.name.clear(),
            Severity::Loi,
            "Thiếu họ tên người ký",
        ),
        (
            "signer title",
            |r| r.signer.titles.clear(),
            Severity::Loi,
            "Thiếu chức vụ",
        ),
        (
            "nơi nhận",
            |r| r.noi_nhan.recipients.clear(),
            Severity::Loi,
            "Thiếu Nơi nhận",
        ),
        (
            "archive unit",
            |r| r.noi_nhan.archive.units.clear(),
            Severity::GoiY,
            "- Lưu: VT, VP.",
        ),
        (
            "archive form",
            |r| r.noi_nhan.archive.units = vec!["VT".into(), "VP./.".into()],
            Severity::CanhBao,
            "“- Lưu: VT, VP.”",
        ),
        (
            "symbol case",
            |r| r.issuer.symbol = "bc-ubnd".into(),
            Severity::CanhBao,
            "BC-UBND",
        ),
        (
            "symbol form",
            |r| r.issuer.symbol = "BC/UBND".into(),
            Severity::Loi,
            "không đúng dạng",
        ),
        (
            "symbol type",
            |r| r.issuer.symbol = "KH-UBND".into(),
            Severity::GoiY,
            "BC-",
        ),
        (
            "number 0",
            |r| r.number = Some(0),
            Severity::Loi,
            "không thể là 0",
        ),
        (
            "closing mark",
            |r| r.closing = "Ủy ban nhân dân phường trân trọng báo cáo.".into(),
            Severity::Loi,
            "./.",
        ),
        (
            "no closing",
            |r| r.closing.clear(),
            Severity::Loi,
            "Ủy ban nhân dân phường trân trọng báo cáo./.",
        ),
        (
            "empty section",
            |r| r.body.push(section("Công tác đối ngoại", vec![])),
            Severity::CanhBao,
            "chưa có nội dung",
        ),
        (
            "untitled",
            |r| r.body.push(section(" ", vec![para("Nội dung.")])),
            Severity::Loi,
            "chưa có tên",
        ),
        (
            "date in future",
            |r| r.date = baocao::model::DocDate::from_ymd(2026, 12, 1),
            Severity::CanhBao,
            "sau hôm nay",
        ),
        (
            "như trên without kính gửi",
            |r| {
                r.kinh_gui.clear();
                r.noi_nhan.recipients.insert(0, "Như trên".into());
            },
            Severity::GoiY,
            "không có Kính gửi",
        ),
    ];
    for (name, plant, sev, words) in cases {
        let mut r = support::clean();
        plant(&mut r);
        let fs = checks::check(&r, day(2026, 6, 20));
        assert!(
            fs.iter()
                .any(|f| f.severity == sev && f.message.contains(words)),
            "{name}: {}",
            show(&r, &fs)
        );
    }
}

#[test]
fn hand_written_figures_and_dates_that_contradict() {
    let cases: Vec<(&str, Severity, &str)> = vec![
        ("Tổng số 546 phản ánh, đã xử lý 22 phản ánh - bằng 4,1%.", Severity::CanhBao, "22 trên 546 là 4,0%"),
        ("Thực hiện đúng hạn 78/79 nhiệm vụ (đạt tỷ lệ 97,7%).", Severity::CanhBao, "78 trên 79 là 98,7%"),
        ("Tổng đơn là 107 đơn, bao gồm: 01 đơn tố cáo, 08 đơn khiếu nại và 99 đơn kiến nghị.", Severity::CanhBao, "cộng lại 108"),
        ("Tổng hồ sơ là 12.707 hồ sơ (trong đó: kỳ trước chuyển sang 205 hồ sơ; tiếp nhận trong kỳ 12.402 hồ sơ).", Severity::GoiY, "cộng lại 12.607"),
        ("Ban hành 300 văn bản, trong đó: 151 kế hoạch, 100 báo cáo và 60 văn bản khác.", Severity::CanhBao, "cộng lại 311"),
        ("Ban hành 320 văn bản, trong đó: 151 kế hoạch, 100 báo cáo và 60 văn bản khác.", Severity::CanhBao, "ít hơn"),
        ("Thực hiện Kế hoạch số 105/KH-UBND ngày 09/7/2026 của UBND phường.", Severity::Loi, "105/KH-UBND ngày 09/7/2026"),
        ("Thực hiện Quyết định số 12/QĐ-UBND ngày 01 tháng 7 năm 2026 của UBND phường.", Severity::Loi, "12/QĐ-UBND"),
        ("Đã tổ chức hội nghị ngày 30/6/2026 tại trụ sở.", Severity::CanhBao, "30/6/2026"),
        ("Ngày 31/4/2026 tổ chức hội nghị.", Severity::CanhBao, "không có thật"),
        ("Kết quả 06 tháng đầu năm 2025 được duy trì.", Severity::CanhBao, "06 tháng đầu năm 2025"),
        ("Từ 01/01/2025 đến nay, phường đã tiếp nhận 564 tin.", Severity::CanhBao, "ngoài kỳ báo cáo"),
    ];
    for (text, sev, words) in cases {
        let mut r = with_text(text);
        r.trich_yeu = "Kết quả công tác 06 tháng đầu năm 2026".into();
        let fs = checks::check(&r, day(2026, 6, 20));
        assert!(
            fs.iter()
                .any(|f| f.severity == sev && f.message.contains(words)),
            "{text}\n{}",
            show(&r, &fs)
        );
    }
}

#[test]
fn ordinary_sentences_stay_silent() {
    let quiet = [
        "Tin phản ánh hiện trường là: 546 phản ánh, đã xử lý 514 phản ánh - đạt 94,1%; chờ xử lý 10 phản ánh - bằng 1,8%.",
        "Tổng đơn là 107 đơn, bao gồm: 01 đơn tố cáo, 07 đơn khiếu nại và 99 đơn kiến nghị; Đã giải quyết 64 đơn, đạt tỷ lệ 60%.",
        "Đang giải quyết 234 hồ sơ, thủ tục hành chính (trong đó: 231 hồ sơ chưa đến hạn).",
        "Tổng thu ngân sách là 1.845 tỷ 127 triệu đồng, đạt 101% dự toán; tổng chi là 293 tỷ 815 triệu đồng, đạt 39% dự toán.",
        "Tổ chức kỷ niệm 79 năm Ngày Thương binh Liệt sĩ (27/7/2026).",
        "Dự kiến tổ chức hội nghị tổng kết ngày 15/12/2026.",
        "Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị; giai đoạn 2026-2030; nhiệm kỳ 2026-2031.",
        "So với cùng kỳ, 06 tháng đầu năm 2025 chỉ đạt 80 hồ sơ.",
        "Từ 01/01/2020 đến 31/12/2025, phường đã xây dựng 3 trường chuẩn.",
        "Hoàn thành 100% chỉ tiêu giao; tăng trưởng đạt 11% năm 2026.",
    ];
    for text in quiet {
        let mut r = with_text(text);
        r.trich_yeu = "Kết quả công tác 06 tháng đầu năm 2026".into();
        let fs = checks::check(&r, day(2026, 6, 20));
        assert!(fs.is_empty(), "{text}\n{}", show(&r, &fs));
    }
}

#[test]
fn figures_without_values_are_flagged() {
    let mut r = support::clean();
    r.body[0].figures.push(Figure {
        id: "hs".into(),
        label: "Hồ sơ đã giải quyết".into(),
        unit: "hồ sơ".into(),
        value: None,
        plan: Some(Decimal::from_str("0").unwrap()),
        ..Figure::default()
    });
    r.body[0].blocks.push(Block::Paragraph {
        runs: vec![
            Run {
                figure: Some(FigureRef {
                    id: "hs".into(),
                    show: "value".into(),
                }),
                ..Run::default()
            },
            Run {
                figure: Some(FigureRef {
                    id: "khong-co".into(),
                    show: "value".into(),
                }),
                ..Run::default()
            },
        ],
    });
    let fs = checks::check(&r, day(2026, 6, 20));
    assert!(fs
        .iter()
        .any(|f| f.severity == Severity::CanhBao && f.message.contains("Hồ sơ đã giải quyết")));
    assert!(fs
        .iter()
        .any(|f| f.severity == Severity::Loi && f.message.contains("khong-co")));
}

#[test]
fn fixes_fix_the_form() {
    let mut r = support::clean();
    r.issuer.symbol = " bc - ubnd ".into();
    r.closing = "Ủy ban nhân dân phường trân trọng báo cáo.".into();
    r.noi_nhan.archive.units = vec!["VT".into(), "VP;".into()];
    r.kinh_gui = vec!["UBND thành phố".into()];
    let fs = checks::check(&r, day(2026, 6, 20));
    let fixes: Vec<Fix> = fs.iter().filter_map(|f| f.fix.clone()).collect();
    // "- Như trên;" comes with Kính gửi by itself: nothing to add (`Report::prints_nhu_tren`).
    assert_eq!(fixes.len(), 3, "{}", show(&r, &fs));
    for f in &fixes {
        apply_fix(&mut r, f);
    }
    assert_eq!(r.issuer.symbol, "BC-UBND");
    assert_eq!(r.closing, "Ủy ban nhân dân phường trân trọng báo cáo./.");
    assert_eq!(r.noi_nhan.archive.units, vec!["VP".to_string()]);
    let lines = baocao::layout::closing::recipient_lines(&r);
    assert_eq!(lines[0], "- Như trên;");
    assert_eq!(lines.iter().filter(|l| l.contains("Như trên")).count(), 1);
    let fs = checks::check(&r, day(2026, 6, 20));
    assert!(fs.is_empty(), "{}", show(&r, &fs));
    // A section label keeps a heading without a title legitimate ("Phần mở đầu").
    r.body.push(Section {
        label: Label::Custom("Phần mở đầu".into()),
        ..section("", vec![para("Nội dung.")])
    });
    assert!(checks::check(&r, day(2026, 6, 20)).is_empty());
}

/// Whatever the user types, the checks answer and never panic.
#[test]
fn odd_inputs_never_panic() {
    let texts = [
        "Tổng 99999999999999999999999999999 hồ sơ, đã giải quyết 99999999999999999999999999 hồ sơ, đạt 5%.",
        "Tổng 79228162514264337593543950335 hồ sơ (trong đó: 79228162514264337593543950335 hồ sơ, 1 hồ sơ).",
        "İİİ trong đó ẞẞ 12 hồ sơ (trong đó: 5 hồ sơ İ, 9 hồ sơ) ngày 31/02/2026, 0/0 hồ sơ đạt 1%.",
        "ngày 99 tháng 99 năm 9999; quý V năm 2026; 06 tháng đầu năm; Từ ngày 01/01/1900; 1.2.3,4,5%",
        "%%% 1, 2, đạt , bằng %, trong đó:",
        "",
    ];
    for text in texts {
        let mut r = with_text(text);
        r.trich_yeu = "Kết quả 06 tháng đầu năm 2026".into();
        let fs = checks::check(&r, day(2026, 6, 20));
        for f in &fs {
            if let Some(fix) = &f.fix {
                apply_fix(&mut r, fix);
            }
        }
        let (_, _) = baocao::period::roll_forward(
            &r,
            baocao::period::Period::new(baocao::period::PeriodKind::Year, 2026),
        );
    }
    assert!(checks::check(&Report::default(), day(2026, 6, 20))
        .iter()
        .any(|f| f.severity == Severity::Loi));
}
