//! Tạo báo cáo kỳ sau on the real sample: the 6-month report of 2026 rolled to the annual report.

#[path = "checks_support.rs"]
mod support;

use std::str::FromStr;

use baocao::checks::{self, Severity};
use baocao::model::{Figure, Report, Section};
use baocao::period::{self, roll_forward, Period, PeriodKind};
use rust_decimal::Decimal;

fn dec(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

fn sample_with_figure() -> Report {
    let mut r = support::sample();
    r.number = Some(215);
    r.date = baocao::model::DocDate::from_ymd(2026, 6, 20);
    r.body[1].figures.push(Figure {
        id: "hs".into(),
        label: "Hồ sơ đã giải quyết".into(),
        unit: "hồ sơ".into(),
        value: dec("12473"),
        plan: dec("12000"),
        same_period_last_year: dec("11000"),
        previous_period: dec("10000"),
    });
    r
}

fn all_titles(r: &Report) -> Vec<String> {
    let mut t = Vec::new();
    r.for_each_section(|s: &Section, _| t.push(s.title.clone()));
    t
}

#[test]
fn the_six_month_report_becomes_the_annual_report() {
    let old = sample_with_figure();
    assert_eq!(
        period::detect(&old),
        Some(Period::new(PeriodKind::Half(1), 2026))
    );
    let (new, findings) = roll_forward(&old, Period::new(PeriodKind::Year, 2026));

    assert_eq!(
        new.trich_yeu,
        "Tình hình hoạt động chỉ đạo, điều hành năm 2026 và nhiệm vụ trọng tâm năm 2027"
    );
    let titles = all_titles(&new);
    assert!(titles.iter().any(|t| t == "KHÁI QUÁT ĐẶC ĐIỂM TÌNH HÌNH KINH TẾ XÃ HỘI, KẾT QUẢ NỔI BẬT TRONG CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH NĂM 2026"), "{titles:#?}");
    assert!(
        titles
            .iter()
            .any(|t| t == "ĐÁNH GIÁ TÌNH HÌNH, KẾT QUẢ THỰC HIỆN CHỈ ĐẠO, ĐIỀU HÀNH NĂM 2026"),
        "{titles:#?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("NHIỆM VỤ TRỌNG TÂM NĂM 2027")),
        "{titles:#?}"
    );
    assert!(
        !titles.iter().any(|t| t.to_lowercase().contains("6 tháng")),
        "{titles:#?}"
    );

    // Number and date cleared for the văn thư; the year is the year the annual report is issued.
    assert_eq!(new.number, None);
    assert_eq!(
        (new.date.year, new.date.month, new.date.day),
        (2026, None, None)
    );

    // This period's value is the new report's previous period; last year's value is not known.
    let f = &new.body[1].figures[0];
    assert_eq!(f.value, None);
    assert_eq!(f.previous_period, dec("12473"));
    assert_eq!(f.same_period_last_year, None);
    assert_eq!(f.plan, dec("12000"));

    // Every date and period phrase left in the narrative is listed, dates of the old window and
    // the old period's words as warnings.
    let mut expected = 0;
    checks::for_each_text(&new, &mut |loc, text| {
        if !matches!(loc, baocao::page::Source::Header { .. }) {
            expected += period::mentions(text, 2026).len() + checks::scan::dates(text).len();
        }
    });
    assert!(expected > 50, "{expected}");
    assert_eq!(findings.len(), expected);
    assert!(findings.iter().any(|f| f.severity == Severity::CanhBao
        && matches!(f.location, baocao::page::Source::Intro { .. })
        && f.message.contains("06 tháng đầu năm")));
    assert!(findings
        .iter()
        .any(|f| f.severity == Severity::CanhBao && f.message.contains("14/5/2026")));
    // The one date written after the old window (a typo for 2025) is listed, as a hint.
    assert!(findings
        .iter()
        .any(|f| f.severity == Severity::GoiY && f.message.contains("09/11/2026")));
}

#[test]
fn a_year_later_the_value_is_also_the_same_period_last_year() {
    let mut old = sample_with_figure();
    old.trich_yeu = "Kết quả công tác năm 2026 và nhiệm vụ năm 2027".into();
    let (new, _) = roll_forward(&old, Period::new(PeriodKind::Year, 2027));
    assert_eq!(
        new.trich_yeu,
        "Kết quả công tác năm 2027 và nhiệm vụ năm 2028"
    );
    let f = &new.body[1].figures[0];
    assert_eq!(
        (f.value, f.previous_period, f.same_period_last_year),
        (None, dec("12473"), dec("12473"))
    );
    assert_eq!(new.date.year, 2027);
}

#[test]
fn the_first_half_rolls_to_the_second_half() {
    let (new, _) = roll_forward(&support::sample(), Period::new(PeriodKind::Half(2), 2026));
    assert_eq!(
        new.trich_yeu,
        "Tình hình hoạt động chỉ đạo, điều hành 06 tháng cuối năm 2026 và nhiệm vụ trọng tâm 06 tháng đầu năm 2027"
    );
}

#[test]
fn an_unrecognised_period_is_said_and_the_rest_still_rolls() {
    let mut old = sample_with_figure();
    old.trich_yeu = "Kết quả công tác tiếp dân".into();
    let (new, findings) = roll_forward(&old, Period::new(PeriodKind::Quarter(3), 2026));
    assert_eq!(new.trich_yeu, old.trich_yeu);
    assert!(findings[0].message.contains("Không nhận ra kỳ báo cáo"));
    assert_eq!(new.body[1].figures[0].previous_period, dec("12473"));
    assert_eq!(new.number, None);
}
