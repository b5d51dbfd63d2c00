//! A unit's workbook (.xlsx) read into a report, through `calamine`.
//!
//! Units that keep their figures in Excel send the biểu mẫu as a workbook: a sheet holds a
//! title line or two, "Đơn vị: Tổ dân phố số 5", "Đơn vị tính: triệu đồng", then the table.
//! Each sheet becomes a section titled by the sheet's name; within it, each run of non-empty
//! rows becomes a table, its leading rows with no number being the header, and a row with one
//! cell before it a caption (a paragraph, where the money unit is found as in a Word report).

use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx};
use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::figures::format;
use crate::model::{Block, Report, Run, Section, Table};

/// A workbook read: the report and the unit's name when a caption states it.
pub struct Workbook {
    pub report: Report,
    pub unit: Option<String>,
}

fn text(d: &DataRef<'_>) -> (String, bool) {
    match d {
        DataRef::Int(i) => (format::number(Decimal::from(*i), 0), true),
        DataRef::Float(f) => match Decimal::from_str_exact(&f.to_string())
            .ok()
            .or_else(|| Decimal::from_f64_retain(*f))
        {
            Some(v) => (format::number_trimmed(v, 10), true),
            None => (String::new(), false),
        },
        DataRef::String(s) => (crate::text::nfc(s.trim()), false),
        DataRef::SharedString(s) => (crate::text::nfc(s.trim()), false),
        DataRef::Bool(b) => ((if *b { "x" } else { "" }).to_string(), false),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => (s.clone(), false),
        DataRef::DateTime(d) => (d.to_string(), false),
        DataRef::Error(_) | DataRef::Empty => (String::new(), false),
    }
}

/// What a unit's biểu mẫu may hold: far beyond any real one, small enough that a hostile file
/// (a cell at XFD1048576, a sheet of millions of cells, a part that inflates to gigabytes)
/// is refused before it is built. Calamine's own ranges are dense (rows × columns), so the
/// cells are read one by one and only those kept are placed.
const MAX_ROWS: u32 = 5_000;
const MAX_COLS: u32 = 200;
const MAX_CELLS: usize = 200_000;
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
const MAX_UNZIPPED_BYTES: u64 = 256 * 1024 * 1024;

fn too_big(what: &str) -> Error {
    Error::input(format!(
        "Tệp Excel {what}, quá lớn đối với một biểu mẫu số liệu. Hãy chép riêng trang số liệu cần tổng hợp sang một tệp mới rồi gửi lại."
    ))
}

/// Refuses a workbook whose parts would inflate beyond what a biểu mẫu holds, from the sizes
/// its zip directory states, before anything is unpacked.
fn check_sizes(bytes: &[u8]) -> Result<()> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(()); // calamine says what is wrong with it
    };
    let mut total = 0u64;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        if f.size() > MAX_PART_BYTES {
            return Err(too_big("có một phần dữ liệu rất lớn khi giải nén"));
        }
        total = total.saturating_add(f.size());
    }
    if total > MAX_UNZIPPED_BYTES {
        return Err(too_big("rất lớn khi giải nén"));
    }
    Ok(())
}

pub fn read(bytes: &[u8]) -> Result<Workbook> {
    check_sizes(bytes)?;
    let damaged = || {
        Error::input("Tệp Excel bị hỏng hoặc không phải tệp .xlsx. Hãy mở tệp bằng Excel và lưu lại dạng “Excel Workbook (.xlsx)”.")
    };
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| damaged())?;
    let mut report = Report::default();
    let mut unit = None;
    let mut cells_kept = 0usize;
    for name in wb.sheet_names() {
        let mut blocks = Vec::new();
        let mut run: Vec<Vec<(String, bool)>> = Vec::new();
        let mut sparse: Vec<(u32, u32, String, bool)> = Vec::new();
        {
            let mut reader = wb.worksheet_cells_reader(&name).map_err(|_| damaged())?;
            while let Some(cell) = reader.next_cell().map_err(|_| damaged())? {
                let (t, number) = text(cell.get_value());
                if t.is_empty() {
                    continue;
                }
                let (r, c) = cell.get_position();
                if r >= MAX_ROWS || c >= MAX_COLS {
                    return Err(too_big(&format!(
                        "có số liệu ở hàng {}, cột {} của trang “{name}”",
                        r as u64 + 1,
                        c as u64 + 1
                    )));
                }
                cells_kept += 1;
                if cells_kept > MAX_CELLS {
                    return Err(too_big("có quá nhiều ô có dữ liệu"));
                }
                sparse.push((r, c, t, number));
            }
        }
        let height = sparse.iter().map(|x| x.0 + 1).max().unwrap_or(0) as usize;
        let mut rows: Vec<Vec<(String, bool)>> = vec![Vec::new(); height];
        for (r, c, t, number) in sparse {
            let row = &mut rows[r as usize];
            if row.len() <= c as usize {
                row.resize(c as usize + 1, (String::new(), false));
            }
            row[c as usize] = (t, number);
        }
        rows.push(Vec::new());
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
