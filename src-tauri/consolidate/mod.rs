//! Tổng hợp: one report from many units' reports on the same template, every total traceable
//! to the units it came from.
//!
//! A ward gathers its units' reports (tổ dân phố, school, health station), a province department
//! the wards'; all are written on one đề cương with one biểu mẫu. [`consolidate`] takes the
//! template and the units' reports (read by [`read`] from report files, drafts, Word and Excel)
//! and gives back:
//!
//! - the summary, a [`Report`] in the template's outline with every table cell and figure summed
//!   (exactly, rust_decimal), percentages recomputed as Σ tử số ÷ Σ mẫu số, and an appendix of
//!   one row per unit (see [`summary`]);
//! - every summed cell with its sources ([`Summed`]), for the bảng kê ([`bang_ke`]) and for the
//!   form that lists them when a total is clicked;
//! - what the clerk must know ([`Finding`]): missing units against the roster, a unit sent twice,
//!   rows the template lacks, money units converted or doubtful, columns not summed.
//!
//! Nothing is silent: a blank cell is "not reported" (the unit is not counted for it), never a
//! zero; text where a number belongs is a conflict, never skipped quietly.

pub mod bang_ke;
pub mod cell;
pub mod label;
pub mod marks;
pub mod read;
pub mod summary;
mod tables;
pub mod trace;
mod xlsx;

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::Report;
pub use marks::{Indicator, Marks, RatioMark};
pub use tables::{choices, TableChoice};

/// One unit's report, as read.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The unit's name: the roster's spelling when it is on the roster, else from its header
    /// (the issuing agency) or its file name. The user may correct it.
    pub name: String,
    /// The file it came from (its name, for the bảng kê and the sources list).
    pub file: String,
    pub report: Report,
}

/// One unit's value in a summed cell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub unit: String,
    pub file: String,
    /// The value added, in the template's unit (after a money conversion).
    pub value: Decimal,
    /// What the unit typed.
    pub typed: String,
}

/// Where a summed value sits in the summary.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Place {
    /// Table `table` (counted in reading order over the whole report), row and column of it.
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    /// A figure's field: "value", "plan", "same_period_last_year", "previous_period".
    Figure { id: String, field: String },
}

/// A summed cell or figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summed {
    pub place: Place,
    /// For the bảng kê: the table ("Bảng 1 – Kết quả hòa giải"), the row's label, the column's
    /// header.
    pub table: String,
    pub row: String,
    pub column: String,
    /// `None` when no unit reported it.
    pub total: Option<Decimal>,
    /// The units that reported it, in the order the units were given.
    pub sources: Vec<Source>,
    /// Set for a percentage recomputed from two summed columns: their headers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ratio_of: Option<(String, String)>,
}

/// What the clerk must know about the consolidation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// On the roster, no report received.
    Missing { unit: String },
    /// A file that could not be read; it counts as no report.
    Unreadable { file: String, reason: String },
    /// The same unit twice: `kept` is summed, `dropped` is not; `differ` when their figures differ.
    Duplicate {
        unit: String,
        kept: String,
        dropped: String,
        differ: bool,
    },
    /// A unit not on the roster (summed all the same).
    NotOnRoster { unit: String, file: String },
    /// A table of the template not found in a unit's report.
    TableNotFound { unit: String, table: String },
    /// A figure of the template not found in a unit's report (not counted for it), e.g. a
    /// Word file, whose figures are plain text.
    FigureNotFound { unit: String, figure: String },
    /// A row the unit has that the template lacks: listed, not dropped, not summed.
    ExtraRow {
        unit: String,
        table: String,
        row: String,
        values: String,
    },
    /// A row of the template the unit's table lacks (possibly renamed: see `ExtraRow`).
    RowNotFound {
        unit: String,
        table: String,
        row: String,
    },
    /// Text where a number belongs: not added.
    NotANumber {
        unit: String,
        table: String,
        row: String,
        column: String,
        typed: String,
    },
    /// Values converted from the money unit the unit's header states.
    MoneyConverted {
        unit: String,
        table: String,
        column: String,
        from: String,
        to: String,
    },
    /// Values that look like another money unit, with no header saying so: summed as typed.
    MoneyDoubtful {
        unit: String,
        table: String,
        column: String,
        why: String,
    },
    /// A percentage column recognised as the ratio of two others (the template did not say).
    RatioDetected {
        table: String,
        column: String,
        numerator: String,
        denominator: String,
    },
    /// A column that is not summed (a text, a rank, a percentage of unknown parts): each unit's
    /// values.
    NotSummed {
        table: String,
        column: String,
        why: String,
        values: Vec<(String, String)>,
    },
}

impl Finding {
    /// Whether this finding makes the consolidation incomplete or uncertain: a unit missing (or
    /// unreadable), a cell whose sources conflict. The CLI exits with 1 on one.
    pub fn is_blocking(&self) -> bool {
        match self {
            Finding::Missing { .. } | Finding::Unreadable { .. } | Finding::NotANumber { .. } => {
                true
            }
            Finding::Duplicate { differ, .. } => *differ,
            _ => false,
        }
    }

    /// The finding in one Vietnamese sentence.
    pub fn message(&self) -> String {
        match self {
            Finding::Missing { unit } => format!("Chưa có báo cáo của “{unit}”."),
            Finding::Unreadable { file, reason } => {
                format!("Không đọc được tệp “{file}”: {reason}")
            }
            Finding::Duplicate {
                unit,
                kept,
                dropped,
                differ,
            } => format!(
                "“{unit}” gửi hai báo cáo: đã dùng “{kept}”, bỏ “{dropped}”{}.",
                if *differ {
                    " (hai bản có số liệu khác nhau, hãy kiểm tra bản nào đúng)"
                } else {
                    " (hai bản giống nhau)"
                }
            ),
            Finding::NotOnRoster { unit, file } => format!(
                "“{unit}” (tệp “{file}”) không có trong danh sách đơn vị; vẫn được cộng vào tổng."
            ),
            Finding::TableNotFound { unit, table } => {
                format!("Báo cáo của “{unit}” không có {table}.")
            }
            Finding::FigureNotFound { unit, figure } => format!(
                "Báo cáo của “{unit}” không có số liệu “{figure}”: chưa được cộng vào tổng. Hãy nhập số liệu này của đơn vị vào bản tổng hợp, hoặc đề nghị đơn vị gửi lại bản nháp của ứng dụng."
            ),
            Finding::ExtraRow {
                unit,
                table,
                row,
                values,
            } => format!(
                "{table}: “{unit}” có thêm hàng “{row}” ({values}) mà mẫu không có; hàng này không được cộng."
            ),
            Finding::RowNotFound { unit, table, row } => {
                format!("{table}: báo cáo của “{unit}” không có hàng “{row}”.")
            }
            Finding::NotANumber {
                unit,
                table,
                row,
                column,
                typed,
            } => format!(
                "{table}, hàng “{row}”, cột “{column}”: “{unit}” ghi “{typed}”, không phải là số; chưa cộng."
            ),
            Finding::MoneyConverted {
                unit,
                table,
                column,
                from,
                to,
            } => format!(
                "{table}, cột “{column}”: “{unit}” ghi theo {from}, đã quy đổi sang {to}."
            ),
            Finding::MoneyDoubtful {
                unit,
                table,
                column,
                why,
            } => format!("{table}, cột “{column}”: số của “{unit}” {why}; chưa quy đổi, hãy kiểm tra."),
            Finding::RatioDetected {
                table,
                column,
                numerator,
                denominator,
            } => format!(
                "{table}: cột “{column}” được tính lại bằng tổng “{numerator}” chia tổng “{denominator}” (nhận ra từ số liệu của mọi đơn vị), không lấy trung bình."
            ),
            Finding::NotSummed {
                table,
                column,
                why,
                values,
            } => format!(
                "{table}: cột “{column}” không cộng được ({why}); số liệu từng đơn vị: {}.",
                values
                    .iter()
                    .map(|(u, v)| format!("{u}: {v}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        }
    }
}

/// Each unit's text for a narrative section, to copy from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionTexts {
    pub section_id: String,
    pub title: String,
    /// (unit, its text of that section).
    pub texts: Vec<(String, String)>,
}

/// A unit as it was counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UnitInfo {
    pub name: String,
    pub file: String,
    /// Summed (false for the dropped copy of a duplicate).
    pub used: bool,
    pub on_roster: bool,
}

/// The result of [`consolidate`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Consolidation {
    pub summary: Report,
    pub cells: Vec<Summed>,
    pub findings: Vec<Finding>,
    pub units: Vec<UnitInfo>,
    /// Units expected (the roster's length, or the units used when there is no roster).
    pub expected: usize,
    /// Units used.
    pub received: usize,
    pub texts: Vec<SectionTexts>,
    /// The marks the consolidation used, with the ratios it recognised added: kept with the
    /// template so that the next consolidation needs no guessing.
    pub marks: Marks,
}

impl Consolidation {
    /// "Tổng hợp từ 28/30 đơn vị (chưa có báo cáo của: A, B)."
    pub fn coverage(&self) -> String {
        let missing: Vec<&str> = self
            .findings
            .iter()
            .filter_map(|f| match f {
                Finding::Missing { unit } => Some(unit.as_str()),
                _ => None,
            })
            .collect();
        let mut s = format!("Tổng hợp từ {}/{} đơn vị", self.received, self.expected);
        if !missing.is_empty() {
            s.push_str(&format!(" (chưa có báo cáo của: {})", missing.join(", ")));
        }
        s.push('.');
        s
    }

    /// The findings that make the CLI exit with 1.
    pub fn blocking(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.is_blocking())
    }

    /// The summed cell at `place`, for the sources list.
    pub fn at(&self, place: &Place) -> Option<&Summed> {
        self.cells.iter().find(|c| &c.place == place)
    }
}

/// Consolidates `units` on `template` with `marks` (roster, ratio columns, appendix indicators).
/// `unreadable` are the files that could not be read (file, reason), reported as findings.
pub fn consolidate(
    template: &Report,
    marks: &Marks,
    units: Vec<Unit>,
    unreadable: Vec<(String, String)>,
) -> Consolidation {
    let mut findings: Vec<Finding> = unreadable
        .into_iter()
        .map(|(file, reason)| Finding::Unreadable { file, reason })
        .collect();
    let (used, infos) = roster::sort_out(units, &marks.roster, &mut findings);
    let expected = if marks.roster.is_empty() {
        used.len()
    } else {
        marks.roster.len() + infos.iter().filter(|u| u.used && !u.on_roster).count()
    };
    let received = used.len();
    let mut marks_out = marks.clone();
    let mut summary = template.clone();
    let mut cells =
        tables::sum_tables(&mut summary, template, &used, &mut marks_out, &mut findings);
    cells.extend(figures::sum_figures(&mut summary, &used, &mut findings));
    let texts = texts_of(template, &used);
    let mut c = Consolidation {
        summary,
        cells,
        findings,
        units: infos,
        expected,
        received,
        texts,
        marks: marks_out,
    };
    summary::finish(&mut c, template, &used);
    c
}

/// Each unit's text of each section of the template that has no table and no figure: the
/// narrative the clerk writes, with the units' own words beside it.
fn texts_of(template: &Report, units: &[Unit]) -> Vec<SectionTexts> {
    let mut by_unit: Vec<HashMap<String, String>> = Vec::with_capacity(units.len());
    for u in units {
        let mut m = HashMap::new();
        u.report.for_each_section(|s, _| {
            let text: Vec<String> = s
                .blocks
                .iter()
                .filter(|b| !matches!(b, crate::model::Block::Table(_)))
                .map(crate::model::walk::block_text)
                .filter(|t| !t.trim().is_empty())
                .collect();
            if !text.is_empty() {
                m.entry(label::key(&s.title)).or_insert(text.join("\n"));
            }
        });
        by_unit.push(m);
    }
    let mut out = Vec::new();
    template.for_each_section(|s, _| {
        let has_numbers = !s.figures.is_empty()
            || s.blocks
                .iter()
                .any(|b| matches!(b, crate::model::Block::Table(_)));
        if has_numbers || s.id.is_empty() {
            return;
        }
        let k = label::key(&s.title);
        let texts: Vec<(String, String)> = units
            .iter()
            .zip(&by_unit)
            .filter_map(|(u, m)| m.get(&k).map(|t| (u.name.clone(), t.clone())))
            .collect();
        if !texts.is_empty() {
            out.push(SectionTexts {
                section_id: s.id.clone(),
                title: s.title.clone(),
                texts,
            });
        }
    });
    out
}

mod figures;
mod roster;
