//! The commands of the Kiểm tra panel, the figures of the section form, "Tạo báo cáo kỳ sau" and
//! "So sánh hai phiên bản". Thin: the logic is the library's (`checks`, `figures`, `period`,
//! `diff`); what is here shapes its answers for the window.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;

use baocao::checks::{self, Finding, Fix, Severity};
use baocao::diff::{self, SectionDiff};
use baocao::figures::{self, Figures, NumberFormat};
use baocao::model::{Block, FigureRef, Report, Section};
use baocao::page::Source;
use baocao::period::{self, Period, PeriodKind};
use baocao::store::ReviewItem;
use baocao::{Error, Result};

use super::commands::CmdResult;
use super::engine;
use super::state::AppState;

/// One finding as the panel shows it.
#[derive(Debug, Serialize)]
pub struct FindingView {
    pub severity: Severity,
    /// "lỗi", "cảnh báo", "gợi ý".
    pub label: &'static str,
    /// "Mục II.1, đoạn 3", "Trích yếu".
    pub place: String,
    pub location: Source,
    pub message: String,
    pub fix: Option<Fix>,
    /// The review item's id (items kept from "Tạo báo cáo kỳ sau"), for "Đã xem".
    pub item: Option<String>,
}

/// What the window shows beside the form after each change.
#[derive(Debug, Serialize)]
pub struct Extras {
    pub findings: Vec<FindingView>,
    /// Items left from the previous period, to review.
    pub review: Vec<FindingView>,
    /// "id:show" → the text the reference shows, for every figure's usual values and every
    /// reference used in the text.
    pub values: BTreeMap<String, String>,
}

/// The values offered by the picker, in its order.
pub const SHOWS: [&str; 9] = [
    "value",
    "plan",
    "percent_of_plan",
    "same_period_last_year",
    "change_same_period",
    "change_pct_same_period",
    "previous_period",
    "change_previous",
    "change_pct_previous",
];

fn view(
    names: &std::collections::HashMap<String, String>,
    f: Finding,
    item: Option<i64>,
) -> FindingView {
    FindingView {
        severity: f.severity,
        label: f.severity.label(),
        place: checks::place_with(names, &f.location),
        location: f.location,
        message: f.message,
        fix: f.fix,
        item: item.map(|i| i.to_string()),
    }
}

/// The findings of `report` on `today`, its review items and its figures' texts.
pub fn extras(report: &Report, review: Vec<ReviewItem>, today: NaiveDate) -> Extras {
    let names = checks::places(report);
    let findings = checks::check(report, today)
        .into_iter()
        .map(|f| view(&names, f, None))
        .collect();
    let review = review
        .into_iter()
        .map(|i| view(&names, i.finding, Some(i.id)))
        .collect();
    let figs = Figures::of(report);
    let fmt = report.number_format;
    let mut values = BTreeMap::new();
    let mut add = |r: &FigureRef| {
        values
            .entry(format!("{}:{}", r.id, r.show))
            .or_insert_with(|| figs.render(r, &fmt));
    };
    report.for_each_section(|s, _| {
        for f in &s.figures {
            for show in SHOWS {
                add(&FigureRef {
                    id: f.id.clone(),
                    show: show.to_string(),
                });
            }
        }
    });
    figures::visit_runs(report, &mut |run| {
        if let Some(r) = &run.figure {
            add(r);
        }
    });
    Extras {
        findings,
        review,
        values,
    }
}

/// A number as typed, read the Vietnamese way.
#[derive(Debug, Serialize, PartialEq)]
pub struct ParsedView {
    /// The exact decimal, as the model stores it ("1845127000000", "98.2").
    pub value: String,
    /// How an ambiguous input was read, in Vietnamese.
    pub note: Option<String>,
}

pub fn parse(input: &str) -> Result<ParsedView> {
    let p = figures::format::parse(input)?;
    Ok(ParsedView {
        value: p.value.normalize().to_string(),
        note: p.note,
    })
}

/// A period the dialog offers, with its words ("06 tháng cuối năm 2026").
#[derive(Debug, Serialize)]
pub struct PeriodView {
    pub period: Period,
    pub words: String,
}

#[derive(Debug, Serialize)]
pub struct NextPeriods {
    /// The report's own period, when its trích yếu names one.
    pub current: Option<PeriodView>,
    pub suggestions: Vec<PeriodView>,
}

fn period_view(p: Period) -> PeriodView {
    PeriodView {
        period: p,
        words: p.words(),
    }
}

pub fn next_periods(report: &Report) -> NextPeriods {
    let current = period::detect(report);
    let suggestions = match current {
        Some(p) => p.suggestions(),
        None => vec![Period::new(PeriodKind::Year, report.date.year)],
    };
    NextPeriods {
        current: current.map(period_view),
        suggestions: suggestions.into_iter().map(period_view).collect(),
    }
}

/// A period typed in the dialog, checked before anything is made of it.
pub fn valid_period(p: Period) -> Result<Period> {
    let ok_kind = match p.kind {
        PeriodKind::Month(m) => (1..=12).contains(&m),
        PeriodKind::Quarter(q) => (1..=4).contains(&q),
        PeriodKind::Half(h) => (1..=2).contains(&h),
        PeriodKind::Year => true,
    };
    if !ok_kind || !(2000..=2100).contains(&p.year) {
        return Err(Error::input(
            "Kỳ báo cáo không hợp lệ. Hãy chọn tháng 1–12, quý I–IV, 6 tháng đầu hoặc cuối năm, hoặc cả năm, và một năm từ 2000 đến 2100.",
        ));
    }
    Ok(p)
}

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

// ---------- commands ----------

/// The Kiểm tra panel's content for the open draft, as it stands after the last update.
#[tauri::command(async)]
pub fn check_report(state: State<'_, AppState>) -> CmdResult<Extras> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    let review = inner.drafts.review_items(&id)?;
    let report = &inner.open_draft()?.report;
    Ok(extras(report, review, today()))
}

/// "Sửa": applies a finding's fix to the open draft and saves it; the window then reloads the
/// draft (`open_draft`).
#[tauri::command(async)]
pub fn apply_fix(state: State<'_, AppState>, fix: Fix) -> CmdResult<()> {
    let mut inner = state.lock();
    let open = inner.open_draft()?;
    let id = open.id.clone();
    let before = open.report.clone();
    let mut report = before.clone();
    checks::apply_fix(&mut report, &fix);
    engine::prepare(&mut report);
    // Saved first: the draft in memory is never ahead of the draft on disk.
    inner.drafts.save(&id, &before, &report)?;
    inner.open_draft()?.report = report;
    Ok(())
}

/// "Đã xem" on a review item of the open draft.
#[tauri::command(async)]
pub fn dismiss_review(state: State<'_, AppState>, item: String) -> CmdResult<()> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    Ok(inner.drafts.dismiss_review(&id, &item)?)
}

/// "Đã xem tất cả" on the open draft's review items.
#[tauri::command(async)]
pub fn dismiss_all_review(state: State<'_, AppState>) -> CmdResult<()> {
    let mut inner = state.lock();
    let id = inner.open_draft()?.id.clone();
    Ok(inner.drafts.dismiss_all_review(&id)?)
}

/// Reads a number typed in a figure's field; the error or note says how it was read.
#[tauri::command]
pub fn parse_number(input: String) -> CmdResult<ParsedView> {
    Ok(parse(&input)?)
}

/// "Hiện thành bảng": the table of a section's figures, each cell following its figure.
#[tauri::command]
pub fn figures_table(section: Section, format: NumberFormat) -> Block {
    figures::table(&section, &format)
}

#[tauri::command(async)]
pub fn next_periods_of_open(state: State<'_, AppState>) -> CmdResult<NextPeriods> {
    let mut inner = state.lock();
    Ok(next_periods(&inner.open_draft()?.report))
}

/// "Tạo báo cáo kỳ sau": a new draft of the open report for `period`, with the dates and period
/// words left in its text kept for review. Returns the new draft's id.
#[tauri::command(async)]
pub fn roll_forward(state: State<'_, AppState>, period: Period) -> CmdResult<String> {
    let period = valid_period(period)?;
    let mut inner = state.lock();
    let report = inner.open_draft()?.report.clone();
    let (mut next, review) = period::roll_forward(&report, period);
    engine::prepare(&mut next);
    Ok(inner.drafts.create_next(&next, &review)?)
}

/// "So sánh": `a` and `b` are version ids, or "current" for the draft as it stands.
#[tauri::command(async)]
pub fn compare_versions(
    state: State<'_, AppState>,
    a: String,
    b: String,
) -> CmdResult<Vec<SectionDiff>> {
    let mut inner = state.lock();
    let current = inner.open_draft()?.report.clone();
    let load = |v: &str| -> Result<Report> {
        if v == "current" {
            Ok(current.clone())
        } else {
            inner.drafts.load_version(v)
        }
    };
    let (ra, rb) = (load(&a)?, load(&b)?);
    Ok(diff::compare(&ra, &rb))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        let text =
            include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");
        baocao::import::import_text(text).expect("the sample imports")
    }

    #[test]
    fn the_panel_lists_the_sample_s_four_findings_with_their_places() {
        let r = sample();
        let x = extras(
            &r,
            Vec::new(),
            NaiveDate::from_ymd_opt(2026, 6, 20).unwrap(),
        );
        assert_eq!(x.findings.len(), 4, "{:?}", x.findings);
        assert!(x
            .findings
            .iter()
            .all(|f| !f.place.is_empty() && f.item.is_none()));
        assert!(x.findings.iter().any(|f| f.fix.is_some()));
        assert!(x.review.is_empty());
        let json = serde_json::to_value(&x.findings[0]).unwrap();
        assert!(json["location"]["part"].is_string(), "{json}");
    }

    #[test]
    fn figures_texts_follow_the_report_s_format() {
        let mut r = sample();
        r.body[0].figures.push(baocao::model::Figure {
            id: "thu".into(),
            label: "Thu ngân sách".into(),
            unit: "đồng".into(),
            value: Some("1845127000000".parse().unwrap()),
            plan: Some("0".parse().unwrap()),
            ..Default::default()
        });
        let x = extras(
            &r,
            Vec::new(),
            NaiveDate::from_ymd_opt(2026, 6, 20).unwrap(),
        );
        assert_eq!(x.values["thu:value"], "1.845 tỷ 127 triệu đồng");
        assert_eq!(x.values["thu:percent_of_plan"], figures::NOT_COMPUTABLE);
        assert_eq!(x.values["thu:previous_period"], figures::MISSING);
    }

    #[test]
    fn numbers_are_read_the_vietnamese_way() {
        assert_eq!(parse("1.845.127").unwrap().value, "1845127");
        assert_eq!(parse("98,2").unwrap().value, "98.2");
        assert!(parse("1.845").unwrap().note.is_some());
        let e = parse("12a").unwrap_err();
        assert!(e.message.contains("không phải là một số"), "{}", e.message);
    }

    #[test]
    fn the_sample_rolls_to_the_second_half_or_the_year_and_bad_periods_are_refused() {
        let n = next_periods(&sample());
        assert_eq!(
            n.current.as_ref().map(|p| p.period),
            Some(Period::new(PeriodKind::Half(1), 2026))
        );
        let s: Vec<_> = n.suggestions.iter().map(|p| p.period).collect();
        assert!(s.contains(&Period::new(PeriodKind::Half(2), 2026)), "{s:?}");
        assert!(s.contains(&Period::new(PeriodKind::Year, 2026)), "{s:?}");
        assert!(valid_period(Period::new(PeriodKind::Month(13), 2026)).is_err());
        assert!(valid_period(Period::new(PeriodKind::Quarter(2), 1900)).is_err());
        assert!(valid_period(Period::new(PeriodKind::Year, 2027)).is_ok());
    }
}
