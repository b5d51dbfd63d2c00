//! Dòng tổng cộng: the figures of a table's total row, summed exactly from the rows above it.
//!
//! A table marked `total_row` keeps its last row computed here, on every change (the app and the
//! CLI call [`apply_all`] through `figures::apply` before layout), so the "Tổng cộng" the
//! leader reads is never one the clerk forgot to update. The same sums let the checks find a
//! "Tổng cộng" row typed by hand that disagrees with its rows ([`column_totals`]).
//!
//! What a column's total is, from its cells in the rows summed:
//! - every filled cell a number (as people type them, see [`format::parse`]; "-" is zero): their
//!   sum, written with as many decimals as the most precise cell;
//! - a percentage column ("%" in its header or its cells, or a header starting "Tỷ lệ"): not a
//!   sum. When two other columns of numbers give every row's percentage (tử số ÷ mẫu số × 100,
//!   within the rounding typed, as the consolidation recognises ratios), the total's is
//!   Σ tử số ÷ Σ mẫu số × 100; otherwise it is left as typed;
//! - the STT column, a column of words, a column with nothing in it: left as typed.

use rust_decimal::Decimal;

use super::format;
use crate::model::{is_ordinal_header, Block, Report, Run, Section, Table};

/// Written in the label cell of a new total row left blank.
pub const LABEL: &str = "Tổng cộng";

/// What the rows above give for one column of the total row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnTotal {
    /// Not computed: a percentage whose parts are unknown, a sum too large to hold.
    Left,
    /// No figures to add: words, STT, nothing in the column.
    Words,
    /// The sum of the column's numbers, written with `decimals` places.
    Sum { value: Decimal, decimals: u32 },
    /// A percentage column: Σ `numerator` ÷ Σ `denominator` × 100 (`None` when Σ mẫu số is 0),
    /// written with `decimals` places and a "%" when the cells have one.
    Ratio {
        value: Option<Decimal>,
        decimals: u32,
        sign: bool,
        numerator: usize,
        denominator: usize,
    },
}

impl ColumnTotal {
    /// The text of the total's cell; `None` for a column left as typed.
    pub fn text(&self) -> Option<String> {
        match self {
            ColumnTotal::Left | ColumnTotal::Words => None,
            ColumnTotal::Sum { value, decimals } => Some(format::number(*value, *decimals)),
            ColumnTotal::Ratio {
                value,
                decimals,
                sign,
                ..
            } => Some(match value {
                Some(v) if *sign => format::percent(*v, *decimals),
                Some(v) => format::number(*v, *decimals),
                None => String::new(),
            }),
        }
    }
}

fn cell_text(cell: &[Run]) -> String {
    cell.iter().map(|r| r.text.as_str()).collect()
}

/// A filled cell read as a number; `Err(())` for a cell that is not one, `Ok(None)` for a blank.
fn read(text: &str) -> Result<Option<Decimal>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if matches!(t, "-" | "–" | "—") {
        return Ok(Some(Decimal::ZERO));
    }
    format::parse(t).map(|p| Some(p.value)).map_err(|_| ())
}

/// The header of column `c`: the texts of its header rows, a merged header cell's text read in
/// every column it covers ("Kết quả giải quyết Đúng hạn").
pub fn header_of(t: &Table, c: usize) -> String {
    let mut parts: Vec<String> = Vec::new();
    for r in 0..(t.header_rows as usize).min(t.rows.len()) {
        let (r0, c0) = t
            .span_at(r, c)
            .map_or((r, c), |s| (s.row as usize, s.col as usize));
        let text = t
            .rows
            .get(r0)
            .and_then(|row| row.get(c0))
            .map(|cell| cell_text(cell))
            .unwrap_or_default();
        let text = text.trim().to_string();
        if !text.is_empty() && parts.last() != Some(&text) {
            parts.push(text);
        }
    }
    parts.join(" ")
}

fn is_ratio_header(header: &str) -> bool {
    let k = header.trim().to_lowercase();
    k.starts_with("tỷ lệ") || k.starts_with("tỉ lệ") || header.contains('%')
}

/// A column's numbers in the rows summed.
struct Numbers {
    /// (row, value) of each filled cell.
    values: Vec<(usize, Decimal)>,
    decimals: u32,
    percent: bool,
}

fn numbers(t: &Table, rows: &[usize], c: usize) -> Option<Numbers> {
    let mut values = Vec::new();
    let mut decimals = 0;
    let mut percent = false;
    for &r in rows {
        let text = t
            .rows
            .get(r)
            .and_then(|row| row.get(c))
            .map(|cell| cell_text(cell))
            .unwrap_or_default();
        match read(&text) {
            Ok(Some(v)) => {
                decimals = decimals.max(v.scale());
                percent |= text.trim_end().ends_with('%');
                values.push((r, v));
            }
            Ok(None) => {}
            Err(()) => return None,
        }
    }
    (!values.is_empty()).then_some(Numbers {
        values,
        decimals,
        percent,
    })
}

fn sum(values: &[(usize, Decimal)]) -> Option<Decimal> {
    values
        .iter()
        .try_fold(Decimal::ZERO, |acc, (_, v)| acc.checked_add(*v))
}

/// How many cells the search for percentages' parts may compare in one table: real tables need a
/// few thousand; a crafted one with thousands of percentage columns must not stall the window on
/// every keystroke (what is left unsearched is left as typed).
const RATIO_BUDGET: usize = 1_000_000;
/// The columns nearest a percentage column that may be its parts.
const RATIO_NEIGHBOURS: usize = 12;

/// `n` ÷ `d` × 100 gives every row's value of the percentage column `p`, within the rounding its
/// cells show; how many rows were checked (none checked: `None`). Rows are in increasing order.
fn ratio_fits(p: &Numbers, n: &Numbers, d: &Numbers, budget: &mut usize) -> Option<usize> {
    let value_at = |x: &Numbers, r: usize| {
        x.values
            .binary_search_by_key(&r, |v| v.0)
            .ok()
            .map(|i| x.values[i].1)
    };
    let mut checked = 0;
    for &(r, pv) in &p.values {
        *budget = budget.checked_sub(1)?;
        let (Some(nv), Some(dv)) = (value_at(n, r), value_at(d, r)) else {
            continue;
        };
        if dv.is_zero() {
            continue;
        }
        let exact = nv
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(dv))?;
        let tol = Decimal::new(1, pv.scale().min(10));
        if (exact - pv).abs() > tol {
            return None;
        }
        checked += 1;
    }
    (checked > 0).then_some(checked)
}

/// What each column of `t` totals to over the rows `rows` (indices into `t.rows`, increasing).
pub fn column_totals(t: &Table, rows: &[usize]) -> Vec<ColumnTotal> {
    let mut budget = RATIO_BUDGET;
    let cols = t.column_count();
    let headers: Vec<String> = (0..cols).map(|c| header_of(t, c)).collect();
    let nums: Vec<Option<Numbers>> = (0..cols)
        .map(|c| {
            if is_ordinal_header(&headers[c]) {
                None
            } else {
                numbers(t, rows, c)
            }
        })
        .collect();
    let is_pct = |c: usize| {
        nums[c]
            .as_ref()
            .is_some_and(|n| n.percent || is_ratio_header(&headers[c]))
    };
    let mut out = Vec::with_capacity(cols);
    for c in 0..cols {
        let Some(col) = &nums[c] else {
            out.push(ColumnTotal::Words);
            continue;
        };
        if !is_pct(c) {
            out.push(
                sum(&col.values).map_or(ColumnTotal::Left, |value| ColumnTotal::Sum {
                    value,
                    decimals: col.decimals,
                }),
            );
            continue;
        }
        // The pair of number columns that gives this percentage on the most rows.
        let mut parts: Vec<usize> = (0..cols)
            .filter(|&o| o != c && nums[o].is_some() && !is_pct(o))
            .collect();
        parts.sort_by_key(|&o| o.abs_diff(c));
        parts.truncate(RATIO_NEIGHBOURS);
        let mut best: Option<(usize, usize, usize)> = None;
        for &n in &parts {
            for &d in &parts {
                if n == d {
                    continue;
                }
                let (Some(nn), Some(dd)) = (&nums[n], &nums[d]) else {
                    continue;
                };
                if let Some(k) = ratio_fits(col, nn, dd, &mut budget) {
                    if best.is_none_or(|(b, _, _)| k > b) {
                        best = Some((k, n, d));
                    }
                }
            }
        }
        let total = best.and_then(|(_, n, d)| {
            let sn = sum(&nums[n].as_ref()?.values)?;
            let sd = sum(&nums[d].as_ref()?.values)?;
            let value = if sd.is_zero() {
                None
            } else {
                sn.checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(sd))
            };
            Some(ColumnTotal::Ratio {
                value,
                decimals: col.decimals,
                sign: col.percent,
                numerator: n,
                denominator: d,
            })
        });
        out.push(total.unwrap_or(ColumnTotal::Left));
    }
    out
}

/// Brings the total row of `t` (its last row, when `t.total_row`) up to date with the body rows
/// above it. Which cells were computed comes back (one flag per column), for the form to show
/// them read-only; nothing when the table has no total row.
pub fn apply(t: &mut Table) -> Vec<bool> {
    let header = t.header_rows as usize;
    if !t.total_row || t.rows.len() <= header {
        return Vec::new();
    }
    let last = t.rows.len() - 1;
    // A merged cell reaching into the total row from above would hide its figures: it ends
    // above it.
    t.spans.retain_mut(|s| {
        let r0 = s.row as usize;
        if r0 < last && r0 + s.rows as usize > last {
            s.rows = (last - r0) as u32;
        }
        s.rows > 1 || s.cols > 1
    });
    let cols = t.column_count();
    let body: Vec<usize> = (header..last).collect();
    let totals = column_totals(t, &body);
    let covered = |t: &Table, c: usize| {
        t.span_at(last, c)
            .is_some_and(|s| s.col as usize != c || s.row as usize != last)
    };
    let mut computed = vec![false; cols];
    let row_len = t.rows[last].len();
    if row_len < cols {
        t.rows[last].extend((row_len..cols).map(|_| vec![Run::default()]));
    }
    for (c, total) in totals.iter().enumerate() {
        if covered(t, c) {
            continue;
        }
        if let Some(text) = total.text() {
            computed[c] = true;
            if cell_text(&t.rows[last][c]) != text {
                t.rows[last][c] = vec![Run::plain(text)];
            }
        } else if *total == ColumnTotal::Words
            && read(&cell_text(&t.rows[last][c])).is_ok_and(|v| v.is_some())
        {
            // A sum left from when the column had figures (they were deleted or turned into
            // words) would print a total of nothing.
            t.rows[last][c] = vec![Run::default()];
        }
    }
    // A new total row says what it is, in its first cell for words (or a merged one).
    let blank = (0..cols).all(|c| computed[c] || cell_text(&t.rows[last][c]).trim().is_empty());
    if blank {
        let label = (0..cols).find(|&c| {
            let wide = t
                .span_at(last, c)
                .is_some_and(|s| s.col as usize == c && s.cols > 1);
            !computed[c] && !covered(t, c) && (wide || !is_ordinal_header(&header_of(t, c)))
        });
        if let Some(c) = label {
            t.rows[last][c] = vec![Run::plain(LABEL)];
        }
    }
    computed
}

/// [`apply`] on every table of the report.
pub fn apply_all(report: &mut Report) {
    fn blocks(bs: &mut [Block]) {
        for b in bs {
            if let Block::Table(t) = b {
                apply(t);
            }
        }
    }
    fn sections(ss: &mut [Section]) {
        for s in ss {
            blocks(&mut s.blocks);
            sections(&mut s.children);
        }
    }
    blocks(&mut report.intro);
    sections(&mut report.body);
    for a in &mut report.appendices {
        blocks(&mut a.intro);
        sections(&mut a.body);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CellSpan;

    fn row(cells: &[&str]) -> Vec<Vec<Run>> {
        cells.iter().map(|c| vec![Run::plain(*c)]).collect()
    }

    fn texts(t: &Table, r: usize) -> Vec<String> {
        t.rows[r].iter().map(|c| cell_text(c)).collect()
    }

    fn table(rows: &[&[&str]], header_rows: u32) -> Table {
        Table {
            header_rows,
            rows: rows.iter().map(|r| row(r)).collect(),
            total_row: true,
            ..Table::default()
        }
    }

    #[test]
    fn figures_are_summed_exactly_in_the_vietnamese_way() {
        let mut t = table(
            &[
                &[
                    "STT",
                    "Lĩnh vực",
                    "Số hồ sơ",
                    "Kinh phí (triệu đồng)",
                    "Ghi chú",
                ],
                &["1", "Hộ tịch", "1.234", "0,1", "x"],
                &["2", "Đất đai", "8.766", "0,2", ""],
                &["3", "Xây dựng", "-", "1.000,25", "đạt"],
                &["", "", "", "", ""],
            ],
            1,
        );
        let flags = apply(&mut t);
        assert_eq!(
            texts(&t, 4),
            ["", "Tổng cộng", "10.000", "1.000,55", ""],
            "0,1 + 0,2 is 0,3 exactly; STT and words are left"
        );
        assert_eq!(flags, [false, false, true, true, false]);
        // A value above changes: the total follows; the label typed stays.
        t.rows[2][2] = vec![Run::plain("8.767")];
        t.rows[4][1] = vec![Run::plain("Cộng")];
        apply(&mut t);
        assert_eq!(texts(&t, 4)[1..3], ["Cộng", "10.001"]);
        // The figures of a column deleted: its old sum goes with them; words typed stay.
        for r in 1..4 {
            t.rows[r][3] = vec![Run::plain("")];
        }
        t.rows[4][4] = vec![Run::plain("còn 2 hồ sơ")];
        apply(&mut t);
        assert_eq!(texts(&t, 4)[3..], ["", "còn 2 hồ sơ"]);
    }

    #[test]
    fn a_percentage_column_is_the_ratio_of_the_sums_when_its_parts_are_known() {
        let mut t = table(
            &[
                &[
                    "Lĩnh vực",
                    "Đã giải quyết",
                    "Đúng hạn",
                    "Tỷ lệ đúng hạn (%)",
                ],
                &["Hộ tịch", "200", "190", "95,0"],
                &["Đất đai", "100", "70", "70,0"],
                &["Tổng cộng", "", "", ""],
            ],
            1,
        );
        apply(&mut t);
        // 260 / 300 = 86,666…: not 95 + 70, not their mean (82,5).
        assert_eq!(texts(&t, 3), ["Tổng cộng", "300", "260", "86,7"]);
        // With "%" in the cells, the total has it too.
        t.rows[1][3] = vec![Run::plain("95%")];
        t.rows[2][3] = vec![Run::plain("70%")];
        apply(&mut t);
        assert_eq!(texts(&t, 3)[3], "87%");
        // A percentage whose parts the table does not hold is left as typed.
        let mut t = table(
            &[
                &["Chỉ tiêu", "Số lượng", "Tỷ lệ"],
                &["A", "10", "12,5%"],
                &["B", "30", "40,0%"],
                &["Tổng cộng", "", "tự ghi"],
            ],
            1,
        );
        let flags = apply(&mut t);
        assert_eq!(texts(&t, 3), ["Tổng cộng", "40", "tự ghi"]);
        assert_eq!(flags, [false, true, false]);
    }

    #[test]
    fn a_total_of_a_ratio_over_zero_is_left_blank_not_a_panic() {
        let mut t = table(
            &[
                &["Mục", "Tử", "Mẫu", "Tỷ lệ %"],
                &["A", "1", "2", "50"],
                &["B", "-1", "-2", "50"],
                &["", "", "", "x"],
            ],
            1,
        );
        apply(&mut t);
        assert_eq!(texts(&t, 3), ["Tổng cộng", "0", "0", ""]);
    }

    #[test]
    fn merged_headers_name_their_columns_and_merged_cells_stop_above_the_total() {
        // "Kết quả" merged across two columns; "STT" and "Lĩnh vực" merged down.
        let mut t = Table {
            header_rows: 2,
            rows: vec![
                row(&["STT", "Lĩnh vực", "Kết quả", ""]),
                row(&["", "", "Đúng hạn", "Tỷ lệ (%)"]),
                row(&["1", "Hộ tịch", "9", "90"]),
                row(&["2", "", "1", "100"]),
                row(&["", "", "", ""]),
            ],
            spans: vec![
                CellSpan::new(0, 0, 2, 1),
                CellSpan::new(0, 1, 2, 1),
                CellSpan::new(0, 2, 1, 2),
                // "Hộ tịch" merged down into the total row by mistake.
                CellSpan::new(2, 1, 3, 1),
                // The total's label across STT and Lĩnh vực.
                CellSpan::new(4, 0, 1, 2),
            ],
            total_row: true,
            ..Table::default()
        };
        assert_eq!(header_of(&t, 2), "Kết quả Đúng hạn");
        assert_eq!(header_of(&t, 3), "Kết quả Tỷ lệ (%)");
        assert_eq!(header_of(&t, 0), "STT");
        apply(&mut t);
        assert!(t.spans.contains(&CellSpan::new(2, 1, 2, 1)));
        // No pair of columns gives the percentages: left; the label in the merged cell.
        assert_eq!(texts(&t, 4), ["Tổng cộng", "", "10", ""]);
    }

    #[test]
    fn tables_without_a_total_row_or_without_numbers_are_left_alone() {
        let mut t = table(&[&["A", "B"], &["x", "y"]], 1);
        t.total_row = false;
        let before = t.clone();
        assert!(apply(&mut t).is_empty());
        assert_eq!(t, before);
        // Only header rows: nothing to sum into.
        let mut t = table(&[&["A", "B"]], 1);
        assert!(apply(&mut t).is_empty());
        // A short total row is padded to the grid.
        let mut t = table(&[&["A", "B"], &["x", "1"], &[]], 1);
        apply(&mut t);
        assert_eq!(texts(&t, 2), ["Tổng cộng", "1"]);
    }

    #[test]
    fn a_crafted_table_of_percentages_is_searched_within_a_budget() {
        // 400 columns of percentages beside 400 of numbers, 50 rows: the pairs' search stops at
        // its budget instead of comparing billions of cells.
        let n = 400;
        let header: Vec<String> = (0..2 * n)
            .map(|c| {
                if c % 2 == 0 {
                    format!("Số {c}")
                } else {
                    format!("Tỷ lệ {c} (%)")
                }
            })
            .collect();
        let mut rows = vec![header
            .iter()
            .map(|h| vec![Run::plain(h.as_str())])
            .collect()];
        for r in 0..50 {
            rows.push(
                (0..2 * n)
                    .map(|c| {
                        vec![Run::plain(if c % 2 == 0 {
                            format!("{}", r + 1)
                        } else {
                            "50".into()
                        })]
                    })
                    .collect(),
            );
        }
        rows.push(Vec::new());
        let mut t = Table {
            header_rows: 1,
            rows,
            total_row: true,
            ..Table::default()
        };
        let started = std::time::Instant::now();
        let flags = apply(&mut t);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
        assert!(flags[0], "the numbers are still summed");
        assert_eq!(cell_text(&t.rows[51][0]), "1.275");
    }

    #[test]
    fn spans_of_a_damaged_file_do_not_overflow() {
        let mut t = table(&[&["A", "B"], &["x", "1"], &["", ""]], 1);
        t.spans = vec![
            CellSpan::new(u32::MAX, 0, u32::MAX, 2),
            CellSpan::new(1, 0, 0, 0),
        ];
        apply(&mut t);
        assert_eq!(texts(&t, 2)[1], "1");
    }

    #[test]
    fn huge_values_do_not_overflow_into_a_panic() {
        let max = Decimal::MAX.to_string();
        let mut t = table(&[&["A", "B"], &["x", &max], &["y", &max], &[]], 1);
        let flags = apply(&mut t);
        assert_eq!(flags, [false, false]);
    }
}
