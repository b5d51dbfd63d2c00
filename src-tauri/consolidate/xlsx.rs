//! A unit's workbook (.xlsx) read into a report, through `calamine`.
//!
//! Units that keep their figures in Excel send the biểu mẫu as a workbook: a sheet holds a
//! title line or two, "Đơn vị: Tổ dân phố số 5", "Đơn vị tính: triệu đồng", then the table.
//! Each sheet becomes a section titled by the sheet's name; within it, each run of non-empty
//! rows becomes a table, its leading rows with no number being the header, and a row with one
//! cell before it a caption (a paragraph, where the money unit is found as in a Word report).

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::figures::format;
use crate::model::{Block, Report, Run, Section, Table};

/// A workbook read: the report and the unit's name when a caption states it.
pub struct Workbook {
    pub report: Report,
    pub unit: Option<String>,
}

fn text(d: &Data) -> (String, bool) {
    match d {
        Data::Int(i) => (format::number(Decimal::from(*i), 0), true),
        Data::Float(f) => match Decimal::from_str_exact(&f.to_string())
            .ok()
            .or_else(|| Decimal::from_f64_retain(*f))
        {
            Some(v) => (format::number_trimmed(v, 10), true),
            None => (String::new(), false),
        },
        Data::String(s) => (crate::text::nfc(s.trim()), false),
        Data::Bool(b) => ((if *b { "x" } else { "" }).to_string(), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.clone(), false),
        Data::DateTime(d) => (d.to_string(), false),
        Data::Error(_) | Data::Empty => (String::new(), false),
    }
}

pub fn read(bytes: &[u8]) -> Result<Workbook> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| {
        Error::input("Tệp Excel bị hỏng hoặc không phải tệp .xlsx. Hãy mở tệp bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)”.")
    })?;
    let mut report = Report::default();
    let mut unit = None;
    for (name, range) in wb.worksheets() {
        let mut blocks = Vec::new();
        let mut run: Vec<Vec<(String, bool)>> = Vec::new();
        let rows: Vec<Vec<(String, bool)>> = range
            .rows()
            .map(|r| r.iter().map(text).collect())
            .chain(std::iter::once(Vec::new()))
            .collect();
        for row in rows {
            let filled = row.iter().filter(|(t, _)| !t.is_empty()).count();
            if filled == 0 {
                flush(&mut run, &mut blocks, &mut unit);
                continue;
            }
            run.push(row);
        }
        if !blocks.is_empty() {
            report.body.push(Section {
                id: format!("sheet-{}", report.body.len() + 1),
                title: crate::text::nfc(&name),
                blocks,
                ..Default::default()
            });
        }
    }
    if report.body.is_empty() {
        return Err(Error::input(
            "Tệp Excel không có bảng số liệu nào. Hãy kiểm tra lại tệp đơn vị gửi.",
        ));
    }
    Ok(Workbook { report, unit })
}

/// Turns a run of non-empty rows into captions and a table.
fn flush(run: &mut Vec<Vec<(String, bool)>>, blocks: &mut Vec<Block>, unit: &mut Option<String>) {
    let rows = std::mem::take(run);
    let mut at = 0;
    // Caption rows: one filled cell.
    while at < rows.len() && rows[at].iter().filter(|(t, _)| !t.is_empty()).count() == 1 {
        let caption = rows[at]
            .iter()
            .find(|(t, _)| !t.is_empty())
            .map(|(t, _)| t.clone())
            .unwrap_or_default();
        let lower = caption.to_lowercase();
        for marker in ["đơn vị báo cáo:", "đơn vị:", "tên đơn vị:"] {
            if let Some(rest) = lower.strip_prefix(marker) {
                if crate::consolidate::cell::money_named(rest).is_none() && unit.is_none() {
                    let start = caption.len() - rest.len();
                    *unit = Some(caption[start..].trim().to_string());
                }
            }
        }
        blocks.push(Block::Paragraph {
            runs: vec![Run::plain(caption)],
        });
        at += 1;
    }
    let body = &rows[at..];
    if body.is_empty() {
        return;
    }
    let width = body
        .iter()
        .map(|r| {
            r.iter()
                .rposition(|(t, _)| !t.is_empty())
                .map_or(0, |p| p + 1)
        })
        .max()
        .unwrap_or(0);
    let header_rows = body
        .iter()
        .take_while(|r| !r.iter().any(|(_, number)| *number))
        .count()
        .clamp(1, Table::MAX_HEADER_ROWS as usize)
        .min(body.len());
    let rows = body
        .iter()
        .map(|r| {
            (0..width)
                .map(|c| {
                    let t = r.get(c).map(|(t, _)| t.clone()).unwrap_or_default();
                    vec![Run::plain(t)]
                })
                .collect()
        })
        .collect();
    #[allow(clippy::needless_update)] // tables gain fields (merged cells) left empty here
    blocks.push(Block::Table(Table {
        header_rows: header_rows as u32,
        rows,
        ..Default::default()
    }));
}
