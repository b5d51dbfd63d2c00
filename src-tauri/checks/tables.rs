//! A "Tổng cộng" row typed by hand that does not add up.
//!
//! A table's total row the app keeps summed (`Table::total_row`) is right by construction; a row
//! the clerk labelled "Tổng cộng", "Tổng số" or "Cộng" and filled in himself is checked against
//! the rows above it with the same sums (`figures::totals`). Tables group their rows in ways a
//! check cannot know, so a typed total is taken as right when it is the sum of any one reading
//! of "the rows above": those since the previous total row (a subtotal of a group), all the
//! plain rows above (the grand total), or the subtotals above. Only columns whose cells are all
//! numbers are judged, and only a total cell that is a number: the check stays silent on what it
//! does not understand.

use rust_decimal::Decimal;

use super::{block_mut, Finding, Fix, Severity};
use crate::figures::format as vi;
use crate::figures::totals::{column_totals, header_of, ColumnTotal};
use crate::layout::table::is_total_row;
use crate::model::walk::for_each_block;
use crate::model::{Block, Report, Run, Table};
use crate::page::Source;

/// Total rows judged in one table: real tables have a few subtotals; a crafted one with
/// thousands would make every keystroke sum the table thousands of times.
const MAX_JUDGED: usize = 50;

pub fn check(r: &Report, out: &mut Vec<Finding>) {
    for_each_block(r, &mut |loc: &Source, b: &Block| {
        if let Block::Table(t) = b {
            table(t, loc, out);
        }
    });
}

fn cell_text(cell: &[Run]) -> String {
    cell.iter().map(|r| r.text.as_str()).collect()
}

fn table(t: &Table, loc: &Source, out: &mut Vec<Finding>) {
    let header = (t.header_rows as usize).min(t.rows.len());
    let kept = if t.total_row {
        t.rows.len().checked_sub(1)
    } else {
        None
    };
    let mut judged = 0;
    let mut plain: Vec<usize> = Vec::new();
    let mut subtotals: Vec<usize> = Vec::new();
    let mut group: Vec<usize> = Vec::new();
    for r in header..t.rows.len() {
        if !is_total_row(&t.rows[r]) {
            plain.push(r);
            group.push(r);
            continue;
        }
        if Some(r) != kept && !plain.is_empty() && judged < MAX_JUDGED {
            judged += 1;
            let mut readings = vec![column_totals(t, &group), column_totals(t, &plain)];
            if !subtotals.is_empty() {
                readings.push(column_totals(t, &subtotals));
            }
            judge(t, r, &readings, loc, out);
        }
        subtotals.push(r);
        group.clear();
    }
}

/// The typed value of cell (r, c) and the decimals it shows, when it is a number.
fn typed(t: &Table, r: usize, c: usize) -> Option<(String, Decimal)> {
    let text = t.rows.get(r)?.get(c).map(|cell| cell_text(cell))?;
    let text = text.trim().to_string();
    let value = match text.as_str() {
        "" => return None,
        "-" | "–" | "—" => Decimal::ZERO,
        s => vi::parse(s).ok()?.value,
    };
    Some((text, value))
}

/// Does `typed` say `exact`, as rounded (or cut) to the places typed?
fn agrees(typed: Decimal, exact: Decimal) -> bool {
    let d = typed.scale();
    vi::round(exact, d) == typed || exact.trunc_with_scale(d) == typed
}

fn judge(t: &Table, r: usize, readings: &[Vec<ColumnTotal>], loc: &Source, out: &mut Vec<Finding>) {
    let label = t.rows[r]
        .iter()
        .map(|c| cell_text(c))
        .find(|s| !s.trim().is_empty())
        .unwrap_or_default();
    let label = label.trim().trim_end_matches([':', '.']).trim();
    for c in 0..t.column_count() {
        if t.span_at(r, c).is_some_and(|s| s.col as usize != c) {
            continue;
        }
        let Some((text, value)) = typed(t, r, c) else {
            continue;
        };
        // The first reading (the rows right above) names what the total should be.
        let mut wanted: Option<(String, &str)> = None;
        let mut any = false;
        let mut ok = false;
        for reading in readings {
            let exact = match reading.get(c) {
                Some(ColumnTotal::Sum { value, .. }) => *value,
                Some(ColumnTotal::Ratio {
                    value: Some(v),
                    decimals,
                    sign,
                    ..
                }) => {
                    any = true;
                    ok |= agrees(value, *v);
                    if wanted.is_none() {
                        let d = (*decimals).max(value.scale());
                        let shown = if *sign || text.ends_with('%') {
                            vi::percent(*v, d)
                        } else {
                            vi::number(*v, d)
                        };
                        wanted = Some((shown, "tính từ các hàng trên là"));
                    }
                    continue;
                }
                _ => continue,
            };
            any = true;
            ok |= agrees(value, exact);
            if wanted.is_none() {
                wanted = Some((vi::number_trimmed(exact, 28), "các hàng trên cộng lại là"));
            }
        }
        if !any || ok {
            continue;
        }
        let column = header_of(t, c);
        let column = if column.is_empty() {
            format!("cột {}", c + 1)
        } else {
            format!("cột “{column}”")
        };
        let Some((right, how)) = wanted else { continue };
        // "Sửa" writes the right figure in the cell (an appendix's intro has no block index to
        // find it by again).
        let fix =
            matches!(loc, Source::Intro { .. } | Source::Section { .. }).then(|| Fix::SetCell {
                location: loc.clone(),
                row: r as u32,
                col: c as u32,
                was: cell_text(&t.rows[r][c]),
                text: right.clone(),
            });
        out.push(Finding {
            severity: Severity::CanhBao,
            location: loc.clone(),
            message: format!(
                "Dòng “{label}” của bảng ghi {text} ở {column} nhưng {how} {right}. Hãy sửa số tổng hoặc kiểm tra lại các hàng; nút “Thêm hàng tổng cộng” của bảng sẽ tự cộng và giữ đúng tổng."
            ),
            fix,
        });
    }
}

/// Applies [`Fix::SetCell`]: the cell gets `text` if it still reads `was`.
pub(super) fn set_cell(
    r: &mut Report,
    loc: &Source,
    (row, col): (usize, usize),
    was: &str,
    text: &str,
) {
    let Some(Block::Table(t)) = block_mut(r, loc) else {
        return;
    };
    if let Some(cell) = t.rows.get_mut(row).and_then(|cells| cells.get_mut(col)) {
        if cell_text(cell) == was && cell.iter().all(|run| run.figure.is_none()) {
            let bold = cell.first().is_some_and(|run| run.bold);
            *cell = vec![Run {
                bold,
                ..Run::plain(text)
            }];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Vec<Run>> {
        cells.iter().map(|c| vec![Run::plain(*c)]).collect()
    }

    fn findings(rows: &[&[&str]], total_row: bool) -> Vec<String> {
        let t = Table {
            header_rows: 1,
            rows: rows.iter().map(|r| row(r)).collect(),
            total_row,
            ..Table::default()
        };
        let mut out = Vec::new();
        table(&t, &Source::Intro { block: 0 }, &mut out);
        out.into_iter().map(|f| f.message).collect()
    }

    #[test]
    fn a_typed_total_that_does_not_add_up_is_found_in_vietnamese() {
        let f = findings(
            &[
                &["Lĩnh vực", "Số hồ sơ", "Ghi chú"],
                &["Hộ tịch", "1.234", "x"],
                &["Đất đai", "8.766", ""],
                &["Tổng cộng", "10.100", "y"],
            ],
            false,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(
            f[0].starts_with(
                "Dòng “Tổng cộng” của bảng ghi 10.100 ở cột “Số hồ sơ” nhưng các hàng trên cộng lại là 10.000."
            ),
            "{}",
            f[0]
        );
    }

    #[test]
    fn right_totals_subtotals_and_rounded_totals_are_silent() {
        assert!(findings(
            &[
                &["Lĩnh vực", "Số hồ sơ", "Kinh phí"],
                &["Hộ tịch", "1.234", "0,14"],
                &["Đất đai", "8.766", "0,2"],
                &["Cộng:", "10.000", "0,3"],
            ],
            false
        )
        .is_empty());
        // Two groups with their subtotals, then the grand total.
        assert!(findings(
            &[
                &["Nội dung", "Số lượng"],
                &["A1", "1"],
                &["A2", "2"],
                &["Cộng", "3"],
                &["B1", "4"],
                &["Cộng", "4"],
                &["Tổng cộng", "7"],
            ],
            false
        )
        .is_empty());
        // A "Tổng số" row above its parts is not judged; nor words, nor a blank total.
        assert!(findings(
            &[
                &["Nội dung", "Số lượng", "Ghi chú"],
                &["Tổng số", "9", ""],
                &["A", "1", "đạt"],
                &["Tổng cộng", "", "xong"],
            ],
            false
        )
        .is_empty());
    }

    #[test]
    fn a_wrong_percentage_in_a_typed_total_is_found() {
        let f = findings(
            &[
                &["Lĩnh vực", "Đã giải quyết", "Đúng hạn", "Tỷ lệ"],
                &["Hộ tịch", "200", "190", "95,0%"],
                &["Đất đai", "100", "70", "70,0%"],
                &["Tổng cộng", "300", "260", "82,5%"],
            ],
            false,
        );
        assert_eq!(f.len(), 1, "{f:?}");
        assert!(f[0].contains("ghi 82,5% ở cột “Tỷ lệ”"), "{}", f[0]);
        assert!(f[0].contains("tính từ các hàng trên là 86,7%"), "{}", f[0]);
    }

    #[test]
    fn an_empty_table_marked_with_a_total_row_says_nothing() {
        assert!(findings(&[], true).is_empty());
        assert!(findings(&[&["Tổng cộng", "1"]], true).is_empty());
    }

    #[test]
    fn the_total_row_the_app_keeps_is_not_judged() {
        // Kept by `figures::totals` on every change; a stale copy in a file is not the user's.
        assert!(findings(&[&["Mục", "Số"], &["A", "1"], &["Tổng cộng", "5"]], true).is_empty());
    }
}
