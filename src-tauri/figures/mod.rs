//! Số liệu: figures typed once, and the values derived from them.
//!
//! A run of the narrative that carries a [`FigureRef`] shows a figure's value (or a value derived
//! from it) instead of text typed by hand; [`apply`] rewrites those runs from the current values,
//! so changing a value updates every sentence that uses it. All arithmetic is exact
//! (rust_decimal); a division by zero or a missing value gives a printed placeholder, never a
//! panic or "NaN".
//!
//! What `FigureRef.show` may say (the figure is `FigureRef.id`):
//! - `value`, `plan`, `same_period_last_year`, `previous_period`: the typed values;
//! - `percent_of_plan`: value / plan × 100, as a percentage;
//! - `change_same_period`, `change_previous`: value − comparison value, in the figure's unit;
//! - `change_pct_same_period`, `change_pct_previous`: (value − comparison) / comparison × 100;
//! - `share_of:OTHER`: value / OTHER's value × 100 (share of a total);
//! - `sum:A,B,…`: value + the values of A, B, …; `difference:OTHER`: value − OTHER's value.
//!
//! Percentages are written with a "%" sign; money figures (unit "đồng") in the report's money
//! style including the word "đồng"; other quantities as bare numbers, since the sentence
//! carries its own unit ("đã giải quyết 12.473 hồ sơ").

pub mod format;
pub mod totals;

use std::collections::HashMap;

use rust_decimal::Decimal;

use crate::model::{Block, Figure, FigureRef, Report, Run, Section, Table};
pub use format::{MoneyStyle, NumberFormat, Parsed};

/// What is printed where a value cannot be computed (a division by zero).
pub const NOT_COMPUTABLE: &str = "không tính được";
/// What is printed where a value has not been entered yet: visible in the preview, and found by
/// the checks before the report goes out.
pub const MISSING: &str = "[chưa có số liệu]";

/// The kind of a computed value, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// In the figure's own unit.
    Quantity,
    Percent,
}

/// The result of computing a reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Computed {
    Value(Decimal, Kind),
    /// A value it depends on has not been entered.
    Missing,
    /// A division by zero.
    NotComputable,
    /// The reference names no figure of the report, or an unknown `show`.
    Unknown(String),
}

/// Figures of a report by id.
pub struct Figures<'a> {
    by_id: HashMap<&'a str, &'a Figure>,
}

impl<'a> Figures<'a> {
    pub fn of(report: &'a Report) -> Figures<'a> {
        let mut by_id = HashMap::new();
        report.for_each_section(|s, _| {
            for f in &s.figures {
                by_id.entry(f.id.as_str()).or_insert(f);
            }
        });
        Figures { by_id }
    }

    pub fn get(&self, id: &str) -> Option<&'a Figure> {
        self.by_id.get(id).copied()
    }

    /// Computes what `r` refers to.
    pub fn compute(&self, r: &FigureRef) -> Computed {
        let Some(f) = self.get(&r.id) else {
            return Computed::Unknown(format!(
                "Số liệu “{}” không có trong báo cáo. Hãy chọn lại số liệu từ danh sách.",
                r.id
            ));
        };
        let show = r.show.trim();
        let (op, arg) = show.split_once(':').unwrap_or((show, ""));
        let q = |v: Option<Decimal>| {
            v.map_or(Computed::Missing, |v| Computed::Value(v, Kind::Quantity))
        };
        match op {
            "" | "value" => q(f.value),
            "plan" => q(f.plan),
            "same_period_last_year" => q(f.same_period_last_year),
            "previous_period" => q(f.previous_period),
            "percent_of_plan" => percent_of(f.value, f.plan),
            "change_same_period" => difference(f.value, f.same_period_last_year),
            "change_previous" => difference(f.value, f.previous_period),
            "change_pct_same_period" => change_pct(f.value, f.same_period_last_year),
            "change_pct_previous" => change_pct(f.value, f.previous_period),
            "share_of" => match self.get(arg.trim()) {
                Some(total) => percent_of(f.value, total.value),
                None => unknown_other(arg),
            },
            "difference" => match self.get(arg.trim()) {
                Some(o) => difference(f.value, o.value),
                None => unknown_other(arg),
            },
            "sum" => {
                let mut total = match f.value {
                    Some(v) => v,
                    None => return Computed::Missing,
                };
                for id in arg.split(',').map(str::trim).filter(|s| !s.is_empty()) {
                    match self.get(id).map(|o| o.value) {
                        Some(Some(v)) => match total.checked_add(v) {
                            Some(t) => total = t,
                            None => return Computed::NotComputable,
                        },
                        Some(None) => return Computed::Missing,
                        None => return unknown_other(id),
                    }
                }
                Computed::Value(total, Kind::Quantity)
            }
            other => Computed::Unknown(format!(
                "Không hiểu cách hiển thị “{other}” của số liệu “{}”. Hãy chọn lại từ danh sách.",
                f.label
            )),
        }
    }

    /// The text a reference shows, written per the report's number format.
    pub fn render(&self, r: &FigureRef, fmt: &NumberFormat) -> String {
        match self.compute(r) {
            Computed::Value(v, Kind::Percent) => format::percent(v, fmt.percent_decimals),
            Computed::Value(v, Kind::Quantity) => {
                let unit = self.get(&r.id).map_or("", |f| f.unit.as_str());
                write_quantity(v, unit, fmt)
            }
            Computed::Missing => MISSING.to_string(),
            Computed::NotComputable => NOT_COMPUTABLE.to_string(),
            Computed::Unknown(_) => MISSING.to_string(),
        }
    }
}

fn unknown_other(id: &str) -> Computed {
    Computed::Unknown(format!(
        "Số liệu “{}” dùng trong phép tính không có trong báo cáo. Hãy chọn lại.",
        id.trim()
    ))
}

/// A quantity in its unit's form: money in the report's money style (with "đồng"), a
/// percentage unit with "%", anything else as a bare number.
pub fn write_quantity(v: Decimal, unit: &str, fmt: &NumberFormat) -> String {
    if format::is_money_unit(unit) {
        format::money(v, fmt)
    } else if unit.trim() == "%" {
        format::percent(v, fmt.percent_decimals)
    } else {
        format::number_trimmed(v, fmt.decimals)
    }
}

/// part / whole × 100.
pub fn percent_of(part: Option<Decimal>, whole: Option<Decimal>) -> Computed {
    match (part, whole) {
        (Some(p), Some(w)) => ratio_pct(p, w),
        _ => Computed::Missing,
    }
}

/// (value − base) / base × 100.
pub fn change_pct(value: Option<Decimal>, base: Option<Decimal>) -> Computed {
    match (value, base) {
        (Some(v), Some(b)) => match v.checked_sub(b) {
            Some(diff) => ratio_pct(diff, b),
            None => Computed::NotComputable,
        },
        _ => Computed::Missing,
    }
}

/// a − b in the figure's unit.
pub fn difference(a: Option<Decimal>, b: Option<Decimal>) -> Computed {
    match (a, b) {
        (Some(a), Some(b)) => a.checked_sub(b).map_or(Computed::NotComputable, |d| {
            Computed::Value(d, Kind::Quantity)
        }),
        _ => Computed::Missing,
    }
}

fn ratio_pct(num: Decimal, den: Decimal) -> Computed {
    if den.is_zero() {
        return Computed::NotComputable;
    }
    num.checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|n| n.checked_div(den))
        .map_or(Computed::NotComputable, |v| {
            Computed::Value(v, Kind::Percent)
        })
}

/// Refreshes the text of every run that refers to a figure from the current values, then the
/// total rows of the tables (see [`totals`]) from the cells above them, figures included. The app
/// and the CLI call it before layout; the layout prints `run.text` only.
pub fn apply(report: &mut Report) {
    apply_refs(report);
    totals::apply_all(report);
}

fn apply_refs(report: &mut Report) {
    let fmt = report.number_format.clamped();
    let texts: HashMap<(String, String), String> = {
        let figs = Figures::of(report);
        let mut refs = Vec::new();
        visit_runs(report, &mut |run: &Run| {
            if let Some(r) = &run.figure {
                refs.push(r.clone());
            }
        });
        refs.into_iter()
            .map(|r| {
                let t = figs.render(&r, &fmt);
                ((r.id, r.show), t)
            })
            .collect()
    };
    if texts.is_empty() {
        return;
    }
    visit_runs_mut(report, &mut |run: &mut Run| {
        if let Some(r) = &run.figure {
            if let Some(t) = texts.get(&(r.id.clone(), r.show.clone())) {
                run.text.clone_from(t);
            }
        }
    });
}

/// Calls `f` on every run of the narrative: intro, sections, tables, appendices.
pub fn visit_runs<'a>(report: &'a Report, f: &mut impl FnMut(&'a Run)) {
    fn blocks<'a>(bs: &'a [Block], f: &mut impl FnMut(&'a Run)) {
        for b in bs {
            match b {
                Block::Paragraph { runs } => runs.iter().for_each(&mut *f),
                Block::List { items } => items.iter().flatten().for_each(&mut *f),
                Block::Table(t) => t.rows.iter().flatten().flatten().for_each(&mut *f),
            }
        }
    }
    fn sections<'a>(ss: &'a [Section], f: &mut impl FnMut(&'a Run)) {
        for s in ss {
            blocks(&s.blocks, f);
            sections(&s.children, f);
        }
    }
    blocks(&report.intro, f);
    sections(&report.body, f);
    for a in &report.appendices {
        blocks(&a.intro, f);
        sections(&a.body, f);
    }
}

fn visit_runs_mut(report: &mut Report, f: &mut impl FnMut(&mut Run)) {
    fn blocks(bs: &mut [Block], f: &mut impl FnMut(&mut Run)) {
        for b in bs {
            match b {
                Block::Paragraph { runs } => runs.iter_mut().for_each(&mut *f),
                Block::List { items } => items.iter_mut().flatten().for_each(&mut *f),
                Block::Table(t) => t.rows.iter_mut().flatten().flatten().for_each(&mut *f),
            }
        }
    }
    fn sections(ss: &mut [Section], f: &mut impl FnMut(&mut Run)) {
        for s in ss {
            blocks(&mut s.blocks, f);
            sections(&mut s.children, f);
        }
    }
    blocks(&mut report.intro, f);
    sections(&mut report.body, f);
    for a in &mut report.appendices {
        blocks(&mut a.intro, f);
        sections(&mut a.body, f);
    }
}

/// A table of a section's figures: "Chỉ tiêu | Đơn vị | Kết quả", plus "Kế hoạch | Đạt (% KH)"
/// when any figure has a plan and "Cùng kỳ | So cùng kỳ (%)" when any has last year's value.
/// Each cell is a figure reference, so the table follows the values like the narrative does.
pub fn table(section: &Section, fmt: &NumberFormat) -> Block {
    let fmt = &fmt.clamped();
    let figs = &section.figures;
    let with_plan = figs.iter().any(|f| f.plan.is_some());
    let with_same = figs.iter().any(|f| f.same_period_last_year.is_some());
    let mut header = vec!["TT", "Chỉ tiêu", "Đơn vị", "Kết quả"];
    let mut widths = vec![0.5, 3.0, 1.0, 1.5];
    let mut shows = vec!["value"];
    if with_plan {
        header.extend(["Kế hoạch", "Đạt (% KH)"]);
        widths.extend([1.5, 1.0]);
        shows.extend(["plan", "percent_of_plan"]);
    }
    if with_same {
        header.extend(["Cùng kỳ năm trước", "So cùng kỳ (%)"]);
        widths.extend([1.5, 1.0]);
        shows.extend(["same_period_last_year", "change_pct_same_period"]);
    }
    let mut rows: Vec<Vec<Vec<Run>>> = vec![header.iter().map(|h| vec![Run::plain(*h)]).collect()];
    let lookup = Figures {
        by_id: figs.iter().map(|f| (f.id.as_str(), f)).collect(),
    };
    for (i, f) in figs.iter().enumerate() {
        let mut row = vec![
            vec![Run::plain((i + 1).to_string())],
            vec![Run::plain(f.label.clone())],
            vec![Run::plain(f.unit.clone())],
        ];
        for show in &shows {
            let r = FigureRef {
                id: f.id.clone(),
                show: (*show).to_string(),
            };
            let text = lookup.render(&r, fmt);
            row.push(vec![Run {
                text,
                figure: Some(r),
                ..Run::default()
            }]);
        }
        rows.push(row);
    }
    Block::Table(Table {
        header_rows: 1,
        widths,
        rows,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    fn fig(id: &str, unit: &str, value: Option<Decimal>) -> Figure {
        Figure {
            id: id.into(),
            label: id.into(),
            unit: unit.into(),
            value,
            ..Figure::default()
        }
    }

    fn report_with(figures: Vec<Figure>, runs: Vec<Run>) -> Report {
        Report {
            body: vec![Section {
                id: "s1".into(),
                title: "Tiếp dân".into(),
                blocks: vec![Block::Paragraph { runs }],
                figures,
                ..Section::default()
            }],
            ..Report::default()
        }
    }

    fn fref(id: &str, show: &str) -> Run {
        Run {
            text: "?".into(),
            figure: Some(FigureRef {
                id: id.into(),
                show: show.into(),
            }),
            ..Run::default()
        }
    }

    #[test]
    fn derived_values_are_exact_and_written_the_vietnamese_way() {
        let mut thu = fig("thu", "đồng", d("1845127000000"));
        thu.plan = d("1826858000000");
        thu.same_period_last_year = d("1500000000000");
        thu.previous_period = d("0");
        let mut hs = fig("hs", "hồ sơ", d("12473"));
        hs.plan = d("0");
        let tong = fig("tong", "hồ sơ", d("12707"));
        let kt = fig("kytruoc", "hồ sơ", d("205"));
        let tn = fig("tiepnhan", "hồ sơ", d("12502"));
        let cases = [
            (fref("thu", "value"), "1.845 tỷ 127 triệu đồng"),
            (fref("thu", "percent_of_plan"), "101,0%"),
            (fref("thu", "change_same_period"), "345 tỷ 127 triệu đồng"),
            (fref("thu", "change_pct_same_period"), "23,0%"),
            (fref("thu", "change_pct_previous"), NOT_COMPUTABLE),
            (fref("hs", "percent_of_plan"), NOT_COMPUTABLE),
            (fref("hs", "share_of:tong"), "98,2%"),
            (fref("hs", "value"), "12.473"),
            (fref("hs", "same_period_last_year"), MISSING),
            (fref("kytruoc", "sum:tiepnhan"), "12.707"),
            (fref("tong", "difference:hs"), "234"),
            (fref("nope", "value"), MISSING),
        ];
        let runs: Vec<Run> = cases.iter().map(|(r, _)| r.clone()).collect();
        let mut r = report_with(vec![thu, hs, tong, kt, tn], runs);
        apply(&mut r);
        let Block::Paragraph { runs } = &r.body[0].blocks[0] else {
            panic!()
        };
        for ((_, want), run) in cases.iter().zip(runs) {
            assert_eq!(&run.text, want, "{:?}", run.figure);
        }
    }

    #[test]
    fn changing_a_value_updates_every_sentence_that_uses_it() {
        let mut r = report_with(
            vec![fig("hs", "hồ sơ", d("12473"))],
            vec![
                fref("hs", "value"),
                Run::plain(" hồ sơ; "),
                fref("hs", "value"),
            ],
        );
        apply(&mut r);
        r.body[0].figures[0].value = d("12500");
        apply(&mut r);
        let Block::Paragraph { runs } = &r.body[0].blocks[0] else {
            panic!()
        };
        assert_eq!(runs[0].text, "12.500");
        assert_eq!(runs[2].text, "12.500");
        assert_eq!(runs[1].text, " hồ sơ; ");
    }

    #[test]
    fn figure_table_has_comparison_columns_only_when_used() {
        let mut a = fig("a", "hồ sơ", d("12473"));
        a.plan = d("12000");
        let s = Section {
            figures: vec![a, fig("b", "người", d("1900"))],
            ..Section::default()
        };
        let Block::Table(t) = table(&s, &NumberFormat::default()) else {
            panic!()
        };
        assert_eq!(t.rows[0].len(), 6);
        let cell = |r: usize, c: usize| t.rows[r][c][0].text.clone();
        assert_eq!(cell(1, 3), "12.473");
        assert_eq!(cell(1, 5), "103,9%");
        assert_eq!(cell(2, 4), MISSING);
        assert_eq!(cell(2, 1), "b");
    }

    #[test]
    fn a_format_from_outside_is_clamped_before_writing() {
        // The window sends its own number format with "Chèn bảng số liệu": four billion decimals
        // are written as the form's most (3 for percentages), not as a 4 GB string.
        let mut a = fig("a", "hồ sơ", d("12473"));
        a.plan = d("12000");
        let s = Section {
            figures: vec![a],
            ..Section::default()
        };
        let huge = NumberFormat {
            percent_decimals: 4_000_000_000,
            ..NumberFormat::default()
        };
        let Block::Table(t) = table(&s, &huge) else {
            panic!()
        };
        assert_eq!(t.rows[1][5][0].text, "103,942%");
        let mut r = report_with(vec![fig("p", "%", d("12.5"))], vec![fref("p", "value")]);
        r.number_format.percent_decimals = u32::MAX;
        apply(&mut r);
        let Block::Paragraph { runs } = &r.body[0].blocks[0] else {
            panic!()
        };
        assert_eq!(runs[0].text, "12,500%");
    }
}
