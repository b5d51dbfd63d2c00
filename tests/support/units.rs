//! Units' reports generated from one template, for the "Tổng hợp" tests and bench: a ward's
//! biểu mẫu (indicators with plan, result and percentage, a budget table in đồng, two figures,
//! a narrative section) and each unit's report on it, with every value computed from the unit's
//! number so that a test sums them again independently of the engine.
//!
//! The odd units the tests plant are made by the functions below from an ordinary one: written
//! in "triệu đồng", a row renamed, labels typed another way (STT, case, "hoà"), a workbook
//! (.xlsx, written here as a zip of the few XML parts Excel's format needs, through the `zip`
//! crate the engine already uses).

#![allow(dead_code)]
// Tables are built with `..Default::default()`: they gain fields (merged cells) left empty here.
#![allow(clippy::needless_update)]

use std::io::Write;
use std::path::Path;

use baocao::model::{Block, DocDate, Figure, Issuer, Report, Run, Section, Table};
use rust_decimal::Decimal;

/// The indicator rows of table 1 (label, ĐVT).
pub fn indicators(n: usize) -> Vec<(String, &'static str)> {
    let base = [
        ("Hòa giải thành", "vụ"),
        ("Hộ gia đình văn hóa", "hộ"),
        ("Trẻ em được tiêm chủng", "trẻ"),
        ("Lao động có việc làm mới", "người"),
        ("Hồ sơ thủ tục hành chính giải quyết đúng hạn", "hồ sơ"),
        ("Thủy lợi nội đồng được nạo vét", "km"),
    ];
    (0..n)
        .map(|i| {
            let (l, u) = base[i % base.len()];
            if i < base.len() {
                (l.to_string(), u)
            } else {
                (format!("{l} (nhóm {})", i / base.len() + 1), u)
            }
        })
        .collect()
}

/// The budget rows of table 2.
pub const BUDGET: &[&str] = &["Thu ngân sách", "Chi thường xuyên", "Chi đầu tư phát triển"];

pub fn plan(unit: usize, row: usize) -> i64 {
    100 + ((unit * 37 + row * 11) % 200) as i64
}
pub fn done(unit: usize, row: usize) -> i64 {
    plan(unit, row) - ((unit * 13 + row * 7) % 50) as i64
}
/// Money in đồng, a multiple of 100,000 so that it is whole in "triệu đồng" to one decimal.
pub fn money(unit: usize, row: usize, col: usize) -> i64 {
    (1_000 + ((unit * 53 + row * 29 + col * 17) % 900) as i64) * 1_000_000
        + ((unit + row + col) % 10) as i64 * 100_000
}
pub fn households(unit: usize) -> i64 {
    1_200 + (unit * 41 % 500) as i64
}

pub fn unit_name(unit: usize) -> String {
    format!("Tổ dân phố số {unit}")
}

/// "1.234" (dots between thousands).
pub fn vn(v: i64) -> String {
    baocao::figures::format::number(Decimal::from(v), 0)
}
/// A percentage to one decimal, "96,5".
pub fn pct(n: i64, d: i64) -> String {
    baocao::figures::format::number(
        Decimal::from(n) * Decimal::ONE_HUNDRED / Decimal::from(d),
        1,
    )
}

fn cell(s: impl Into<String>) -> Vec<Run> {
    vec![Run::plain(s)]
}
fn bold(s: &str) -> Vec<Run> {
    vec![Run {
        text: s.to_string(),
        bold: true,
        ..Run::default()
    }]
}

/// Table 1: STT | Chỉ tiêu | Đơn vị tính | Kế hoạch | Thực hiện | Tỷ lệ (%) | Xếp loại.
fn indicator_table(unit: Option<usize>, rows: usize) -> Table {
    let mut t = vec![[
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kế hoạch",
        "Thực hiện",
        "Tỷ lệ (%)",
        "Xếp loại",
    ]
    .iter()
    .map(|h| bold(h))
    .collect::<Vec<_>>()];
    for (r, (label, dvt)) in indicators(rows).into_iter().enumerate() {
        let (p, d, x, k) = match unit {
            Some(u) => (
                vn(plan(u, r)),
                vn(done(u, r)),
                pct(done(u, r), plan(u, r)),
                ["Tốt", "Khá", "Đạt"][(u + r) % 3].to_string(),
            ),
            None => Default::default(),
        };
        t.push(vec![
            cell((r + 1).to_string()),
            cell(label),
            cell(dvt),
            cell(p),
            cell(d),
            cell(x),
            cell(k),
        ]);
    }
    Table {
        header_rows: 1,
        rows: t,
        ..Default::default()
    }
}

/// Table 2: STT | Nội dung | Dự toán (đồng) | Thực hiện (đồng).
fn budget_table(unit: Option<usize>) -> Table {
    let mut t = vec![vec![
        bold("STT"),
        bold("Nội dung"),
        bold("Dự toán (đồng)"),
        bold("Thực hiện (đồng)"),
    ]];
    for (r, label) in BUDGET.iter().enumerate() {
        let v = |c| unit.map(|u| vn(money(u, r, c))).unwrap_or_default();
        t.push(vec![
            cell((r + 1).to_string()),
            cell(*label),
            cell(v(0)),
            cell(v(1)),
        ]);
    }
    Table {
        header_rows: 1,
        rows: t,
        ..Default::default()
    }
}

/// The template (`unit` = None) or unit `unit`'s report, with `rows` indicator rows.
pub fn report(unit: Option<usize>, rows: usize) -> Report {
    let fig = |id: &str, label: &str, u: &str, v: Option<i64>| Figure {
        id: id.into(),
        label: label.into(),
        unit: u.into(),
        value: v.map(Decimal::from),
        ..Default::default()
    };
    let name_lines = match unit {
        Some(u) => vec![
            "UBND PHƯỜNG BẠCH MAI".to_string(),
            unit_name(u).to_uppercase(),
        ],
        None => vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
    };
    let narrative = match unit {
        Some(u) => vec![Block::Paragraph {
            runs: vec![Run::plain(format!(
                "Tổ dân phố số {u} tiếp tục vận động nhân dân giữ gìn vệ sinh môi trường."
            ))],
        }],
        None => Vec::new(),
    };
    Report {
        issuer: Issuer {
            parent: None,
            name_lines,
            symbol: "BC-UBND".into(),
        },
        place: "Bạch Mai".into(),
        date: DocDate::from_ymd(2026, 6, 20),
        doc_type: "BÁO CÁO".into(),
        trich_yeu: "Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2026".into(),
        body: vec![
            Section {
                id: "ket-qua".into(),
                title: "Kết quả thực hiện các chỉ tiêu".into(),
                blocks: vec![Block::Table(indicator_table(unit, rows))],
                figures: vec![
                    fig("so_ho", "Số hộ dân", "hộ", unit.map(households)),
                    fig("thu_khac", "Thu khác", "đồng", unit.map(|u| money(u, 9, 9))),
                ],
                ..Default::default()
            },
            Section {
                id: "ngan-sach".into(),
                title: "Thu, chi ngân sách".into(),
                blocks: vec![Block::Table(budget_table(unit))],
                ..Default::default()
            },
            Section {
                id: "phuong-huong".into(),
                title: "Phương hướng, nhiệm vụ 6 tháng cuối năm".into(),
                hint: "Nêu các nhiệm vụ trọng tâm".into(),
                blocks: narrative,
                ..Default::default()
            },
        ],
        closing: "Trân trọng báo cáo./.".into(),
        ..Default::default()
    }
}

fn table_mut(r: &mut Report, section: usize) -> &mut Table {
    match &mut r.body[section].blocks[0] {
        Block::Table(t) => t,
        _ => unreachable!("the generated sections start with their table"),
    }
}

/// Unit `u`'s budget written in "triệu đồng" (header says so): values ÷ 1,000,000.
pub fn in_trieu_dong(r: &mut Report, u: usize) {
    let t = table_mut(r, 1);
    t.rows[0][2] = bold("Dự toán (triệu đồng)");
    t.rows[0][3] = bold("Thực hiện (triệu đồng)");
    for (i, row) in t.rows.iter_mut().skip(1).enumerate() {
        for c in 0..2 {
            let v = Decimal::from(money(u, i, c)) / Decimal::from(1_000_000);
            row[2 + c] = cell(baocao::figures::format::number_trimmed(v, 3));
        }
    }
}

/// Unit `u`'s row `row` of table 1 renamed (not a spelling variant: another label).
pub fn rename_row(r: &mut Report, row: usize, to: &str) {
    table_mut(r, 0).rows[row + 1][1] = cell(to);
}

/// Labels typed another way: upper case, the STT in the label, "hoà" for "hòa", double spaces,
/// and the columns of table 1 in another order (Thực hiện before Kế hoạch).
pub fn typed_otherwise(r: &mut Report) {
    let t = table_mut(r, 0);
    for (i, row) in t.rows.iter_mut().skip(1).enumerate() {
        let label: String = row[1].iter().map(|r| r.text.as_str()).collect();
        let odd = format!(
            "{}.  {}",
            i + 1,
            label.replace("Hòa", "Hoà").replace("hóa", "hoá")
        );
        row[1] = cell(if i % 2 == 0 { odd.to_uppercase() } else { odd });
    }
    for row in t.rows.iter_mut() {
        row.swap(3, 4);
    }
}

/// The report file of `r`.
pub fn write_json(path: &Path, r: &Report) {
    std::fs::write(path, baocao::model::file::to_json(r)).unwrap();
}

/// Unit `u`'s tables as a workbook: sheet 1 holds a title, "Đơn vị: …", table 1, then
/// "Đơn vị tính: đồng" and table 2; figures are not in workbooks.
pub fn write_xlsx(path: &Path, u: usize, rows: usize) {
    let r = report(Some(u), rows);
    let mut sheet: Vec<Vec<String>> = vec![
        vec!["BIỂU SỐ LIỆU 6 THÁNG ĐẦU NĂM 2026".into()],
        vec![format!("Đơn vị: {}", unit_name(u))],
        vec![],
    ];
    let text = |c: &Vec<Run>| c.iter().map(|r| r.text.as_str()).collect::<String>();
    for (i, s) in [0usize, 1].iter().enumerate() {
        if i == 1 {
            sheet.push(vec![]);
            sheet.push(vec!["Đơn vị tính: đồng".into()]);
        }
        if let Block::Table(t) = &r.body[*s].blocks[0] {
            for row in &t.rows {
                sheet.push(row.iter().map(text).collect());
            }
        }
    }
    std::fs::write(path, xlsx(&sheet)).unwrap();
}

/// A one-sheet workbook: numbers typed Vietnamese-style ("1.234", "96,5") are stored as
/// numbers, as Excel stores what a user types in a Vietnamese locale; the rest as inline text.
pub fn xlsx(rows: &[Vec<String>]) -> Vec<u8> {
    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
    fn col(c: usize) -> String {
        let mut s = String::new();
        let mut n = c + 1;
        while n > 0 {
            s.insert(0, (b'A' + ((n - 1) % 26) as u8) as char);
            n = (n - 1) / 26;
        }
        s
    }
    let mut data = String::new();
    for (r, row) in rows.iter().enumerate() {
        data.push_str(&format!("<row r=\"{}\">", r + 1));
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let at = format!("{}{}", col(c), r + 1);
            let number = (v.chars().any(|c| c.is_ascii_digit())
                && v.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ','))
            .then(|| baocao::figures::format::parse(v).ok())
            .flatten();
            match number {
                Some(p) => data.push_str(&format!("<c r=\"{at}\"><v>{}</v></c>", p.value)),
                None => data.push_str(&format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t>{}</t></is></c>",
                    esc(v)
                )),
            }
        }
        data.push_str("</row>");
    }
    xlsx_sheet(&data)
}

/// A workbook of one sheet whose `<sheetData>` is `data` as given (hostile files).
pub fn xlsx_sheet(data: &str) -> Vec<u8> {
    let parts: [(&str, String); 5] = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
        ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Biểu số liệu" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
        ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
        ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{data}</sheetData></worksheet>"#)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}
