//! The table offices make most, shared by the table tests, the LibreOffice test and the
//! engine benchmark: one section holding a 9-column table under a header of two rows.
#![allow(dead_code)]

use baocao::model::{Block, CellSpan, Report, Run, Section, Table};

pub fn cell(t: &str) -> Vec<Run> {
    vec![Run::plain(t)]
}

fn cells<S: AsRef<str>>(texts: &[S]) -> Vec<Vec<Run>> {
    texts.iter().map(|t| cell(t.as_ref())).collect()
}

/// A report whose one section holds `t` (clamped, as the store and the importers leave it).
pub fn report_with(t: Table) -> Report {
    let mut t = t;
    t.clamp();
    Report {
        body: vec![Section {
            id: "s1".into(),
            title: "Kết quả giải quyết thủ tục hành chính".into(),
            blocks: vec![Block::Table(t)],
            ..Section::default()
        }],
        ..Report::default()
    }
}

/// A 9-column table with a header of two rows: "STT", "Lĩnh vực", "Tổng số hồ sơ" and "Ghi
/// chú" merged down, "Hình thức tiếp nhận" across three columns, "Kết quả giải quyết" across
/// two; `rows` body rows whose second cell wraps.
pub fn nine_columns(rows: usize) -> Table {
    let mut t = Table {
        header_rows: 2,
        rows: vec![
            cells(&[
                "STT",
                "Lĩnh vực",
                "Tổng số hồ sơ",
                "Hình thức tiếp nhận",
                "",
                "",
                "Kết quả giải quyết",
                "",
                "Ghi chú",
            ]),
            cells(&[
                "",
                "",
                "",
                "Trực tuyến toàn trình",
                "Trực tuyến một phần",
                "Trực tiếp",
                "Đúng hạn",
                "Quá hạn",
                "",
            ]),
        ],
        spans: vec![
            CellSpan::new(0, 0, 2, 1),
            CellSpan::new(0, 1, 2, 1),
            CellSpan::new(0, 2, 2, 1),
            CellSpan::new(0, 3, 1, 3),
            CellSpan::new(0, 6, 1, 2),
            CellSpan::new(0, 8, 2, 1),
        ],
        ..Default::default()
    };
    for i in 1..=rows {
        t.rows.push(cells(&[
            i.to_string(),
            format!("Lĩnh vực hành chính số {i} của phường được tiếp nhận"),
            format!("{}", 1000 + i * 7),
            format!("{}", 500 + i),
            format!("{}", 300 + i),
            format!("{}", 200 + i * 6),
            format!("{}", 990 + i * 7),
            "10".to_string(),
            String::new(),
        ]));
    }
    t
}
