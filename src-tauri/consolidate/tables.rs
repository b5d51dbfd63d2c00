//! The template's tables summed from the units' tables.
//!
//! A table is found in a unit's report by its header (the share of the template's column
//! headers the unit's table has), its place (the section it is in, its rank there) breaking
//! ties; a row by its label's key, a column by its header's key (see `label`). The unit's
//! table may have its columns in another order, rows added or left out: each is matched, never
//! taken by position alone unless the headers say nothing.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cell::{self, Cell, Money};
use super::{label, Finding, Marks, Place, RatioMark, Source, Summed, Unit};
use crate::figures::format;
use crate::model::{Block, Report, Run, Section, Table};

/// A table with where it stands.
struct TableAt<'a> {
    table: &'a Table,
    /// Key of the title of the section holding it ("" for the intro).
    section: String,
    /// Its rank among the tables of that section.
    ordinal: usize,
    /// The money unit a paragraph before it states ("Đơn vị tính: triệu đồng").
    money: Option<Money>,
    /// For messages: "Bảng 2 (Kết quả hòa giải)".
    name: String,
}

/// The tables of `r` in reading order (intro, body depth first, appendices).
fn tables_in(r: &Report) -> Vec<TableAt<'_>> {
    fn blocks<'a>(bs: &'a [Block], title: &str, out: &mut Vec<TableAt<'a>>) {
        let mut money = None;
        let mut ordinal = 0;
        for b in bs {
            match b {
                Block::Table(t) => {
                    let n = out.len() + 1;
                    out.push(TableAt {
                        table: t,
                        section: label::key(title),
                        ordinal,
                        money,
                        name: if title.trim().is_empty() {
                            format!("Bảng {n}")
                        } else {
                            format!("Bảng {n} ({})", title.trim())
                        },
                    });
                    ordinal += 1;
                    money = None;
                }
                other => {
                    let text = crate::model::walk::block_text(other);
                    if let Some(m) = cell::money_stated(&text) {
                        money = Some(m);
                    }
                }
            }
        }
    }
    fn sections<'a>(ss: &'a [Section], out: &mut Vec<TableAt<'a>>) {
        for s in ss {
            blocks(&s.blocks, &s.title, out);
            sections(&s.children, out);
        }
    }
    let mut out = Vec::new();
    blocks(&r.intro, "", &mut out);
    sections(&r.body, &mut out);
    for a in &r.appendices {
        blocks(&a.intro, &a.title, &mut out);
        sections(&a.body, &mut out);
    }
    out
}

/// The tables of `r`, mutable, in the order of [`tables_in`].
pub(super) fn tables_mut(r: &mut Report) -> Vec<&mut Table> {
    fn blocks<'a>(bs: &'a mut [Block], out: &mut Vec<&'a mut Table>) {
        for b in bs {
            if let Block::Table(t) = b {
                out.push(t);
            }
        }
    }
    fn sections<'a>(ss: &'a mut [Section], out: &mut Vec<&'a mut Table>) {
        for s in ss {
            blocks(&mut s.blocks, out);
            sections(&mut s.children, out);
        }
    }
    let mut out = Vec::new();
    blocks(&mut r.intro, &mut out);
    sections(&mut r.body, &mut out);
    for a in &mut r.appendices {
        blocks(&mut a.intro, &mut out);
        sections(&mut a.body, &mut out);
    }
    out
}

/// A table of the template as the "Tổng hợp" dialog offers it for marking: its summable
/// columns (numbers and percentages) and its body rows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct TableChoice {
    /// Its rank in reading order, as [`RatioMark::table`] and `Indicator::Cell` count it.
    pub table: usize,
    /// "Bảng 2 (Kết quả hòa giải)".
    pub name: String,
    /// (column, header) of the columns that are summed or may be a ratio.
    pub columns: Vec<(usize, String)>,
    /// The columns whose header says percentage ("Tỷ lệ…", "(%)").
    pub percent: Vec<usize>,
    /// (row, label) of the body rows.
    pub rows: Vec<(usize, String)>,
}

/// The template's tables for the dialog that marks ratio columns and picks the appendix's
/// indicators.
pub fn choices(template: &Report) -> Vec<TableChoice> {
    tables_in(template)
        .iter()
        .enumerate()
        .filter_map(|(ti, tat)| {
            let s = Shape::of(tat.table);
            if s.rows.is_empty() {
                return None;
            }
            let columns: Vec<(usize, String)> = s
                .cols
                .iter()
                .enumerate()
                .filter(|(_, c)| matches!(c.role, Role::Number | Role::Ratio { .. }))
                .map(|(i, c)| (i, c.header.clone()))
                .collect();
            if columns.is_empty() {
                return None;
            }
            let percent = s
                .cols
                .iter()
                .enumerate()
                .filter(|(_, c)| is_ratio_header(&c.header, &c.key))
                .map(|(i, _)| i)
                .collect();
            let rows = s
                .rows
                .iter()
                .map(|(_, r)| (*r, row_label(&s, tat.table, *r)))
                .collect();
            Some(TableChoice {
                table: ti,
                name: tat.name.clone(),
                columns,
                percent,
                rows,
            })
        })
        .collect()
}

/// The `n`-th table of `r` in the order of [`tables_in`].
pub(super) fn nth_table(r: &Report, n: usize) -> Option<&Table> {
    tables_in(r).get(n).map(|t| t.table)
}

/// The rank, in the order of [`tables_in`], of the `ordinal`-th table of the section whose id
/// is `section` (`None`: the report's intro), as the form counts them.
pub(super) fn table_index(r: &Report, section: Option<&str>, ordinal: usize) -> Option<usize> {
    fn count(bs: &[Block]) -> usize {
        bs.iter().filter(|b| matches!(b, Block::Table(_))).count()
    }
    /// Adds the tables of `ss` before section `id` to `seen`; `Some` once it is found.
    fn sections(ss: &[Section], id: &str, seen: &mut usize) -> Option<usize> {
        for s in ss {
            if s.id == id {
                return Some(*seen);
            }
            *seen += count(&s.blocks);
            if let Some(at) = sections(&s.children, id, seen) {
                return Some(at);
            }
        }
        None
    }
    let (base, within) = match section {
        None => (0, count(&r.intro)),
        Some(id) => {
            let mut seen = count(&r.intro);
            let base = sections(&r.body, id, &mut seen).or_else(|| {
                r.appendices.iter().find_map(|a| {
                    seen += count(&a.intro);
                    sections(&a.body, id, &mut seen)
                })
            })?;
            let mut within = None;
            r.for_each_section(|s, _| {
                if s.id == id && within.is_none() {
                    within = Some(count(&s.blocks));
                }
            });
            (base, within?)
        }
    };
    (ordinal < within).then_some(base + ordinal)
}

pub(super) fn text_of(cell: &[Run]) -> String {
    let mut s = String::new();
    for r in cell {
        s.push_str(&r.text);
    }
    s.trim().to_string()
}

#[derive(Debug, Clone, PartialEq)]
enum Role {
    Stt,
    Label,
    /// "Đơn vị tính": a row's unit, which may be a money unit.
    Measure,
    Number,
    /// Not summed, with why.
    Text(&'static str),
    Ratio {
        numerator: usize,
        denominator: usize,
    },
}

struct Col {
    header: String,
    key: String,
    money: Option<Money>,
    role: Role,
}

/// A table read: its header rows, columns and rows by label key.
struct Shape {
    header_rows: usize,
    cols: Vec<Col>,
    label: Option<usize>,
    measure: Option<usize>,
    /// Body rows: (key with its rank among rows of that key, row index).
    rows: Vec<(String, usize)>,
}

const TEXT_HEADERS: &[&str] = &[
    "ghi chú",
    "xếp hạng",
    "xếp loại",
    "thứ hạng",
    "đánh giá",
    "nhận xét",
    "thứ tự xếp",
];

fn is_ratio_header(header: &str, key: &str) -> bool {
    key.starts_with("tỷ lệ") || key.starts_with("tỉ lệ") || header.contains('%')
}

impl Shape {
    fn of(t: &Table) -> Shape {
        let n_cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
        let header_rows = (t.header_rows.max(1) as usize).min(t.rows.len());
        let mut cols = Vec::with_capacity(n_cols);
        for c in 0..n_cols {
            let mut parts: Vec<String> = Vec::new();
            for (r, row) in t.rows[..header_rows].iter().enumerate() {
                // A cell under a merged header (the form's "Gộp ô", Word's gridSpan/vMerge)
                // takes the merged cell's text: "Kết quả giải quyết Đúng hạn".
                let at = t
                    .span_at(r, c)
                    .map_or((r, c), |sp| (sp.row as usize, sp.col as usize));
                let text = t
                    .rows
                    .get(at.0)
                    .and_then(|row| row.get(at.1))
                    .or_else(|| row.get(c))
                    .map(|cell| text_of(cell))
                    .unwrap_or_default();
                if !text.is_empty() && parts.last() != Some(&text) {
                    parts.push(text);
                }
            }
            let header = parts.join(" ");
            let key = label::header_key(&header);
            let role = if crate::model::is_ordinal_header(&key) {
                Role::Stt
            } else if key.starts_with("đơn vị tính") || key == "đvt" {
                Role::Measure
            } else if TEXT_HEADERS.iter().any(|h| key.starts_with(h)) {
                Role::Text("cột chữ hoặc xếp hạng")
            } else {
                Role::Number
            };
            cols.push(Col {
                money: cell::money_stated(&header),
                header,
                key,
                role,
            });
        }
        let body = &t.rows[header_rows..];
        // The label column: the first column (not STT, not ĐVT) whose cells are mostly words.
        let label = (0..n_cols).find(|&c| {
            if matches!(cols[c].role, Role::Stt | Role::Measure) {
                return false;
            }
            let (mut words, mut filled) = (0, 0);
            for row in body {
                let text = row.get(c).map(|cell| text_of(cell)).unwrap_or_default();
                match cell::read(&text) {
                    Cell::Blank => {}
                    Cell::Number(_) => filled += 1,
                    Cell::Text(_) => {
                        filled += 1;
                        words += 1;
                    }
                }
            }
            filled > 0 && words * 2 >= filled
        });
        if let Some(l) = label {
            cols[l].role = Role::Label;
        }
        let measure = cols.iter().position(|c| c.role == Role::Measure);
        let mut seen: HashMap<String, usize> = HashMap::new();
        let rows = body
            .iter()
            .enumerate()
            .map(|(i, row)| {
                let mut k = label
                    .and_then(|l| row.get(l))
                    .map(|cell| label::key(&text_of(cell)))
                    .unwrap_or_default();
                if k.is_empty() {
                    k = format!("#{}", i + 1);
                }
                let rank = seen.entry(k.clone()).or_insert(0);
                *rank += 1;
                (format!("{k}\u{1}{rank}"), header_rows + i)
            })
            .collect();
        Shape {
            header_rows,
            cols,
            label,
            measure,
            rows,
        }
    }

    /// The share of this (template) table's headers found in `other`.
    fn likeness(&self, other: &Shape) -> f32 {
        let keys: Vec<&str> = self
            .cols
            .iter()
            .filter(|c| !c.key.is_empty())
            .map(|c| c.key.as_str())
            .collect();
        if keys.is_empty() {
            return if self.cols.len() == other.cols.len() {
                0.5
            } else {
                0.0
            };
        }
        let found = keys
            .iter()
            .filter(|k| other.cols.iter().any(|c| c.key == **k))
            .count();
        found as f32 / keys.len() as f32
    }

    /// The column of `other` (a unit's table) for this table's column `c`.
    fn column_in(&self, c: usize, other: &Shape) -> Option<usize> {
        let k = &self.cols[c].key;
        if !k.is_empty() {
            if let Some(o) = other.cols.iter().position(|oc| &oc.key == k) {
                return Some(o);
            }
        }
        (self.cols.len() == other.cols.len() && (k.is_empty() || other.cols[c].key.is_empty()))
            .then_some(c)
    }
}

/// The money unit of cell (row, col) of a table: its column's, else its row's "Đơn vị tính",
/// else the table's caption.
fn money_at(
    s: &Shape,
    t: &Table,
    row: usize,
    col: usize,
    table_money: Option<Money>,
) -> Option<Money> {
    s.cols[col]
        .money
        .or_else(|| {
            s.measure
                .and_then(|m| t.rows.get(row).and_then(|r| r.get(m)))
                .and_then(|cell| cell::money_named(&text_of(cell)))
        })
        .or(table_money)
}

/// One unit's view of one template table.
struct Matched<'a> {
    unit: usize,
    at: &'a TableAt<'a>,
    shape: Shape,
    /// Template column → unit column.
    cols: Vec<Option<usize>>,
    /// Template body row → unit row.
    rows: HashMap<usize, usize>,
}

/// Sums every table of `template` into the same table of `summary` (a copy of the template).
pub(super) fn sum_tables(
    summary: &mut Report,
    template: &Report,
    units: &[Unit],
    marks: &mut Marks,
    findings: &mut Vec<Finding>,
) -> Vec<Summed> {
    let tables = tables_in(template);
    let unit_tables: Vec<Vec<TableAt<'_>>> = units.iter().map(|u| tables_in(&u.report)).collect();
    let mut unit_shapes: Vec<Vec<Option<Shape>>> = unit_tables
        .iter()
        .map(|ts| ts.iter().map(|t| Some(Shape::of(t.table))).collect())
        .collect();
    let mut out_tables = tables_mut(summary);
    let mut cells = Vec::new();
    for (ti, tat) in tables.iter().enumerate() {
        let shape = Shape::of(tat.table);
        if shape.rows.is_empty() {
            continue;
        }
        // Each unit's table for this one.
        let mut matched: Vec<Matched<'_>> = Vec::new();
        for (ui, uts) in unit_tables.iter().enumerate() {
            let mut best: Option<(f32, usize)> = None;
            for (j, ut) in uts.iter().enumerate() {
                let Some(us) = &unit_shapes[ui][j] else {
                    continue;
                };
                let mut score = shape.likeness(us);
                if score < 0.5 {
                    continue;
                }
                if ut.section == tat.section {
                    score += 0.5;
                    if ut.ordinal == tat.ordinal {
                        score += 0.25;
                    }
                }
                if best.is_none_or(|(b, _)| score > b) {
                    best = Some((score, j));
                }
            }
            let Some((_, j)) = best else {
                findings.push(Finding::TableNotFound {
                    unit: units[ui].name.clone(),
                    table: tat.name.clone(),
                });
                continue;
            };
            let Some(us) = unit_shapes[ui][j].take() else {
                continue;
            };
            let cols = (0..shape.cols.len())
                .map(|c| shape.column_in(c, &us))
                .collect();
            let mut by_key: HashMap<&str, usize> = HashMap::new();
            for (k, r) in &us.rows {
                by_key.insert(k.as_str(), *r);
            }
            let mut rows = HashMap::new();
            for (k, r) in &shape.rows {
                if let Some(ur) = by_key.remove(k.as_str()) {
                    rows.insert(*r, ur);
                } else if !k.starts_with('#') {
                    findings.push(Finding::RowNotFound {
                        unit: units[ui].name.clone(),
                        table: tat.name.clone(),
                        row: row_label(&shape, tat.table, *r),
                    });
                }
            }
            // Rows the unit added: listed with their values, never dropped silently.
            let mut extra: Vec<usize> = by_key
                .into_iter()
                .filter(|(k, _)| !k.starts_with('#'))
                .map(|(_, r)| r)
                .collect();
            extra.sort_unstable();
            for r in extra {
                let ut = uts[j].table;
                let values: Vec<String> = us
                    .cols
                    .iter()
                    .enumerate()
                    .filter(|(c, col)| Some(*c) != us.label && col.role != Role::Stt)
                    .filter_map(|(c, col)| {
                        let v = ut.rows[r].get(c).map(|cell| text_of(cell))?;
                        (!v.is_empty()).then(|| format!("{}: {v}", col.header))
                    })
                    .collect();
                findings.push(Finding::ExtraRow {
                    unit: units[ui].name.clone(),
                    table: tat.name.clone(),
                    row: row_label(&us, ut, r),
                    values: values.join(", "),
                });
            }
            matched.push(Matched {
                unit: ui,
                at: &unit_tables[ui][j],
                shape: us,
                cols,
                rows,
            });
        }
        let mut roles: Vec<Role> = shape.cols.iter().map(|c| c.role.clone()).collect();
        settle_ratios(ti, tat, &shape, &mut roles, &matched, marks, findings);
        let out = &mut out_tables[ti];
        for (c, role) in roles.iter().enumerate() {
            match role {
                Role::Number => cells.extend(sum_column(
                    ti, tat, &shape, c, &matched, units, findings, out,
                )),
                Role::Text(why) => {
                    let values = column_values(&shape, tat.table, c, &matched, units);
                    if !values.is_empty() {
                        findings.push(Finding::NotSummed {
                            table: tat.name.clone(),
                            column: shape.cols[c].header.clone(),
                            why: why.to_string(),
                            values,
                        });
                    }
                }
                _ => {}
            }
        }
        for (c, role) in roles.iter().enumerate() {
            if let Role::Ratio {
                numerator,
                denominator,
            } = role
            {
                cells.extend(ratio_column(
                    ti,
                    tat,
                    &shape,
                    c,
                    (*numerator, *denominator),
                    &matched,
                    units,
                    &cells,
                    out,
                ));
            }
        }
    }
    cells
}

fn row_label(s: &Shape, t: &Table, row: usize) -> String {
    let text = s
        .label
        .and_then(|l| t.rows.get(row).and_then(|r| r.get(l)))
        .map(|cell| text_of(cell))
        .unwrap_or_default();
    if text.is_empty() {
        format!("hàng {}", row + 1 - s.header_rows)
    } else {
        text
    }
}

/// Each unit's values of a column not summed, "row: value; …" per unit.
fn column_values(
    s: &Shape,
    t: &Table,
    c: usize,
    matched: &[Matched<'_>],
    units: &[Unit],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for m in matched {
        let Some(uc) = m.cols[c] else { continue };
        let mut parts = Vec::new();
        for (_, r) in &s.rows {
            let Some(&ur) = m.rows.get(r) else { continue };
            let v = m.at.table.rows[ur]
                .get(uc)
                .map(|cell| text_of(cell))
                .unwrap_or_default();
            if !v.is_empty() {
                parts.push(format!("{}: {v}", row_label(s, t, *r)));
            }
        }
        if !parts.is_empty() {
            out.push((units[m.unit].name.clone(), parts.join(", ")));
        }
    }
    out
}

/// The typed value of template cell (r, c) in unit `m`, if its table has that cell.
fn typed<'a>(m: &'a Matched<'_>, r: usize, c: usize) -> Option<&'a [Run]> {
    let ur = *m.rows.get(&r)?;
    let uc = m.cols[c]?;
    m.at.table.rows.get(ur)?.get(uc).map(Vec::as_slice)
}

#[allow(clippy::too_many_arguments)]
fn sum_column(
    ti: usize,
    tat: &TableAt<'_>,
    s: &Shape,
    c: usize,
    matched: &[Matched<'_>],
    units: &[Unit],
    findings: &mut Vec<Finding>,
    out: &mut Table,
) -> Vec<Summed> {
    let mut cells = Vec::with_capacity(s.rows.len());
    let mut converted: Vec<(usize, Money, Money)> = Vec::new();
    // Each unit's total of the column, for the test of a money unit typed wrong.
    let mut unit_sums: Vec<(usize, Decimal)> = Vec::new();
    let mut money_column = false;
    for m in matched {
        let mut total = Decimal::ZERO;
        let mut any = false;
        for (_, r) in &s.rows {
            let Some(cell_runs) = typed(m, *r, c) else {
                continue;
            };
            if let Cell::Number(v) = cell::read(&text_of(cell_runs)) {
                total += v.abs();
                any = true;
            }
        }
        if any {
            unit_sums.push((m.unit, total));
        }
    }
    for (_, r) in &s.rows {
        let want = money_at(s, tat.table, *r, c, tat.money);
        money_column |= want.is_some();
        let mut sources = Vec::new();
        let mut total = Decimal::ZERO;
        let mut scale = 0u32;
        for m in matched {
            let Some(cell_runs) = typed(m, *r, c) else {
                continue;
            };
            let text = text_of(cell_runs);
            match cell::read(&text) {
                Cell::Blank => {}
                Cell::Text(t) => findings.push(Finding::NotANumber {
                    unit: units[m.unit].name.clone(),
                    table: tat.name.clone(),
                    row: row_label(s, tat.table, *r),
                    column: s.cols[c].header.clone(),
                    typed: t,
                }),
                Cell::Number(mut v) => {
                    let ur = m.rows[r];
                    let uc = m.cols[c].unwrap_or(c);
                    let have = money_at(&m.shape, m.at.table, ur, uc, m.at.money);
                    if let (Some(want), Some(have)) = (want, have) {
                        if want != have {
                            v *= have.factor_to(want);
                            if !converted.iter().any(|(u, _, _)| *u == m.unit) {
                                converted.push((m.unit, have, want));
                            }
                        }
                    }
                    scale = scale.max(v.normalize().scale());
                    total += v;
                    sources.push(Source {
                        unit: units[m.unit].name.clone(),
                        file: units[m.unit].file.clone(),
                        value: v,
                        typed: text,
                    });
                }
            }
        }
        let total = (!sources.is_empty()).then_some(total);
        if let Some(row) = out.rows.get_mut(*r) {
            if let Some(cell_runs) = row.get_mut(c) {
                let shown = total
                    .map(|t| format::number_trimmed(t, scale.min(3)))
                    .unwrap_or_default();
                set_text(cell_runs, shown);
            }
        }
        cells.push(Summed {
            place: Place::Cell {
                table: ti,
                row: *r,
                col: c,
            },
            table: tat.name.clone(),
            row: row_label(s, tat.table, *r),
            column: s.cols[c].header.clone(),
            total,
            sources,
            ratio_of: None,
        });
    }
    for (u, from, to) in converted {
        findings.push(Finding::MoneyConverted {
            unit: units[u].name.clone(),
            table: tat.name.clone(),
            column: s.cols[c].header.clone(),
            from: from.name().to_string(),
            to: to.name().to_string(),
        });
    }
    if money_column && unit_sums.len() >= 3 {
        let mut sorted: Vec<Decimal> = unit_sums.iter().map(|(_, v)| *v).collect();
        sorted.sort();
        let median = sorted[sorted.len() / 2];
        let far = Decimal::from(500);
        if !median.is_zero() {
            for (u, v) in &unit_sums {
                let r = *v / median;
                let why = if r >= far {
                    Some(format!("lớn gấp khoảng {} lần các đơn vị khác, có thể ghi theo đơn vị tiền nhỏ hơn", format::number(r, 0)))
                } else if !v.is_zero() && r * far <= Decimal::ONE {
                    Some("nhỏ hơn hàng trăm lần các đơn vị khác, có thể ghi theo đơn vị tiền lớn hơn".to_string())
                } else {
                    None
                };
                if let Some(why) = why {
                    findings.push(Finding::MoneyDoubtful {
                        unit: units[*u].name.clone(),
                        table: tat.name.clone(),
                        column: s.cols[c].header.clone(),
                        why,
                    });
                }
            }
        }
    }
    cells
}

/// Decides, for each percentage column, whether it is summed as a ratio: marked in the
/// template, or recognised from the units' values; else it is not summed at all (a mean of
/// percentages would be wrong, and a sum absurd).
fn settle_ratios(
    ti: usize,
    tat: &TableAt<'_>,
    s: &Shape,
    roles: &mut [Role],
    matched: &[Matched<'_>],
    marks: &mut Marks,
    findings: &mut Vec<Finding>,
) {
    for mark in marks.ratios.iter().filter(|m| m.table == ti) {
        let fits = |i: usize| i < roles.len() && roles[i] == Role::Number;
        if mark.column < roles.len() && fits(mark.numerator) && fits(mark.denominator) {
            roles[mark.column] = Role::Ratio {
                numerator: mark.numerator,
                denominator: mark.denominator,
            };
        }
    }
    for c in 0..roles.len() {
        if roles[c] != Role::Number || !is_ratio_header(&s.cols[c].header, &s.cols[c].key) {
            continue;
        }
        let candidates: Vec<usize> = (0..roles.len())
            .filter(|&o| {
                o != c
                    && roles[o] == Role::Number
                    && !is_ratio_header(&s.cols[o].header, &s.cols[o].key)
            })
            .collect();
        let mut best: Option<(usize, usize, usize)> = None;
        for &n in &candidates {
            for &d in &candidates {
                if n == d {
                    continue;
                }
                if let Some(checked) = ratio_fits(s, c, n, d, matched) {
                    if best.is_none_or(|(b, _, _)| checked > b) {
                        best = Some((checked, n, d));
                    }
                }
            }
        }
        if let Some((_, n, d)) = best {
            roles[c] = Role::Ratio {
                numerator: n,
                denominator: d,
            };
            marks.ratios.push(RatioMark {
                table: ti,
                column: c,
                numerator: n,
                denominator: d,
            });
            findings.push(Finding::RatioDetected {
                table: tat.name.clone(),
                column: s.cols[c].header.clone(),
                numerator: s.cols[n].header.clone(),
                denominator: s.cols[d].header.clone(),
            });
        } else {
            roles[c] = Role::Text(
                "tỷ lệ phần trăm không cộng được, và không nhận ra được cột tử số và mẫu số của nó; hãy đánh dấu hai cột đó trong mẫu",
            );
        }
    }
}

/// How many (unit, row) values of column `c` were checked to be `n` ÷ `d` × 100 within the
/// rounding the unit typed; `None` when one is not, or none could be checked.
fn ratio_fits(s: &Shape, c: usize, n: usize, d: usize, matched: &[Matched<'_>]) -> Option<usize> {
    let mut checked = 0;
    let hundred = Decimal::ONE_HUNDRED;
    for m in matched {
        for (_, r) in &s.rows {
            let get = |col: usize| typed(m, *r, col).map(text_of);
            let (Some(pc), Some(nc), Some(dc)) = (get(c), get(n), get(d)) else {
                continue;
            };
            let (Cell::Number(p), Cell::Number(nv), Cell::Number(dv)) =
                (cell::read(&pc), cell::read(&nc), cell::read(&dc))
            else {
                continue;
            };
            if dv.is_zero() {
                continue;
            }
            let exact = nv * hundred / dv;
            let tol = Decimal::new(1, cell::decimals_typed(&pc).min(10));
            if (exact - p).abs() > tol {
                return None;
            }
            checked += 1;
        }
    }
    (checked > 0).then_some(checked)
}

#[allow(clippy::too_many_arguments)]
fn ratio_column(
    ti: usize,
    tat: &TableAt<'_>,
    s: &Shape,
    c: usize,
    (n, d): (usize, usize),
    matched: &[Matched<'_>],
    units: &[Unit],
    summed: &[Summed],
    out: &mut Table,
) -> Vec<Summed> {
    let total_of = |row: usize, col: usize| {
        summed
            .iter()
            .rev()
            .find(|x| {
                x.place
                    == Place::Cell {
                        table: ti,
                        row,
                        col,
                    }
            })
            .and_then(|x| x.total)
    };
    let mut cells = Vec::new();
    for (_, r) in &s.rows {
        let mut sources = Vec::new();
        let mut decimals = 0;
        for m in matched {
            let Some(runs) = typed(m, *r, c) else {
                continue;
            };
            let text = text_of(runs);
            if let Cell::Number(v) = cell::read(&text) {
                decimals = decimals.max(cell::decimals_typed(&text));
                sources.push(Source {
                    unit: units[m.unit].name.clone(),
                    file: units[m.unit].file.clone(),
                    value: v,
                    typed: text,
                });
            }
        }
        let total = match (total_of(*r, n), total_of(*r, d)) {
            (Some(nv), Some(dv)) if !dv.is_zero() => Some(format::round(
                nv * Decimal::ONE_HUNDRED / dv,
                decimals.clamp(1, 4),
            )),
            _ => None,
        };
        if let Some(cell_runs) = out.rows.get_mut(*r).and_then(|row| row.get_mut(c)) {
            let shown = total
                .map(|t| format::number(t, decimals.clamp(1, 4)))
                .unwrap_or_default();
            set_text(cell_runs, shown);
        }
        cells.push(Summed {
            place: Place::Cell {
                table: ti,
                row: *r,
                col: c,
            },
            table: tat.name.clone(),
            row: row_label(s, tat.table, *r),
            column: s.cols[c].header.clone(),
            total,
            sources,
            ratio_of: Some((s.cols[n].header.clone(), s.cols[d].header.clone())),
        });
    }
    cells
}

/// Puts `text` in a cell, keeping the style of its first run.
fn set_text(cell: &mut Vec<Run>, text: String) {
    let mut run = cell.first().cloned().unwrap_or_default();
    run.text = text;
    run.figure = None;
    *cell = vec![run];
}
