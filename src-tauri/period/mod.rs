//! Reporting periods, and "Tạo báo cáo kỳ sau": roll a report forward to the next period.
//!
//! Copying last period's file and forgetting to change its dates is the first reason drafts come
//! back from the leader (users.md). Rolling forward moves the period words of the title,
//! trích yếu and headings, keeps this period's figures as the comparison values of the next one,
//! clears the number and date, and lists every date and period mention left in the narrative,
//! so nothing stale slips through unseen.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::finding::{Finding, Severity};
use crate::model::{DocDate, Report};
use crate::page::Source;

/// The kind of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "n", rename_all = "snake_case")]
pub enum PeriodKind {
    /// Tháng 1–12.
    Month(u32),
    /// Quý 1–4.
    Quarter(u32),
    /// 6 tháng đầu năm (1) or cuối năm (2).
    Half(u32),
    Year,
}

/// A reporting period: "06 tháng đầu năm 2026", "quý II năm 2026", "năm 2026", …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub year: i32,
}

/// When the data of a period is cut off. Nghị định 09/2019/NĐ-CP: a month runs from the 15th of
/// the previous month to the 14th; a half-year from 15 December (or 15 June) to 14 June (or
/// 14 December); a year from 15 December of the previous year to 14 December. A province may
/// set other dates, so this is data, not code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReportingWindows {
    /// The day of the month before the period's first month from which data counts (15 per
    /// Nghị định 09/2019); `None` counts calendar months.
    pub cutoff_day: Option<u32>,
}

impl Default for ReportingWindows {
    fn default() -> Self {
        ReportingWindows {
            cutoff_day: Some(15),
        }
    }
}

impl Period {
    pub fn new(kind: PeriodKind, year: i32) -> Period {
        Period { kind, year }
    }

    /// First and last calendar month.
    pub fn months(&self) -> (u32, u32) {
        match self.kind {
            PeriodKind::Month(m) => (m, m),
            PeriodKind::Quarter(q) => (q * 3 - 2, q * 3),
            PeriodKind::Half(1) => (1, 6),
            PeriodKind::Half(_) => (7, 12),
            PeriodKind::Year => (1, 12),
        }
    }

    /// The data window: first and last day whose events the report counts.
    pub fn window(&self, w: &ReportingWindows) -> (NaiveDate, NaiveDate) {
        let (m1, m2) = self.months();
        let fallback = NaiveDate::MIN;
        match w.cutoff_day {
            Some(day) if (2..=28).contains(&day) => {
                let (sy, sm) = if m1 == 1 {
                    (self.year - 1, 12)
                } else {
                    (self.year, m1 - 1)
                };
                let start = NaiveDate::from_ymd_opt(sy, sm, day).unwrap_or(fallback);
                let end = NaiveDate::from_ymd_opt(self.year, m2, day - 1).unwrap_or(fallback);
                (start, end)
            }
            _ => {
                let start = NaiveDate::from_ymd_opt(self.year, m1, 1).unwrap_or(fallback);
                let end = if m2 == 12 {
                    NaiveDate::from_ymd_opt(self.year, 12, 31)
                } else {
                    NaiveDate::from_ymd_opt(self.year, m2 + 1, 1).and_then(|d| d.pred_opt())
                }
                .unwrap_or(fallback);
                (start, end)
            }
        }
    }

    /// The period of the same kind that follows.
    pub fn next(&self) -> Period {
        let y = self.year;
        match self.kind {
            PeriodKind::Month(12) => Period::new(PeriodKind::Month(1), y + 1),
            PeriodKind::Month(m) => Period::new(PeriodKind::Month(m + 1), y),
            PeriodKind::Quarter(4) => Period::new(PeriodKind::Quarter(1), y + 1),
            PeriodKind::Quarter(q) => Period::new(PeriodKind::Quarter(q + 1), y),
            PeriodKind::Half(1) => Period::new(PeriodKind::Half(2), y),
            PeriodKind::Half(_) => Period::new(PeriodKind::Half(1), y + 1),
            PeriodKind::Year => Period::new(PeriodKind::Year, y + 1),
        }
    }

    /// The periods a user most likely rolls this report to, first the next of the same kind:
    /// after the first half-year comes the annual report, after June the half-year, and so on.
    pub fn suggestions(&self) -> Vec<Period> {
        let y = self.year;
        let mut v = vec![self.next()];
        let wider = match self.kind {
            PeriodKind::Month(6) | PeriodKind::Quarter(2) => Some(PeriodKind::Half(1)),
            PeriodKind::Month(12) | PeriodKind::Quarter(4) | PeriodKind::Half(_) => {
                Some(PeriodKind::Year)
            }
            PeriodKind::Month(3 | 9) => Some(PeriodKind::Quarter(self.months().0.div_ceil(3))),
            _ => None,
        };
        if let Some(k) = wider {
            let p = Period::new(k, y);
            if p != v[0] {
                v.push(p);
            }
        }
        v
    }

    /// The period's words without the year: "06 tháng đầu năm", "quý II", "tháng 5", "năm".
    pub fn words_without_year(&self) -> String {
        match self.kind {
            PeriodKind::Month(m) => format!("tháng {m}"),
            PeriodKind::Quarter(q) => format!("quý {}", crate::model::numbering::roman(q as usize)),
            PeriodKind::Half(1) => "06 tháng đầu năm".to_string(),
            PeriodKind::Half(_) => "06 tháng cuối năm".to_string(),
            PeriodKind::Year => "năm".to_string(),
        }
    }

    /// "06 tháng đầu năm 2026", "quý II năm 2026", "tháng 5 năm 2026", "năm 2026".
    pub fn words(&self) -> String {
        format!("{} {}", self.words_with_year_word(), self.year)
    }

    fn words_with_year_word(&self) -> String {
        match self.kind {
            PeriodKind::Month(_) | PeriodKind::Quarter(_) => {
                format!("{} năm", self.words_without_year())
            }
            _ => self.words_without_year(),
        }
    }
}

/// A period named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the phrase in the text.
    pub start: usize,
    pub end: usize,
    pub period: Period,
    /// The phrase carries its own year; otherwise the year was taken from the next phrase that
    /// has one ("06 tháng đầu năm và … 06 tháng cuối năm 2026") or from the report.
    pub explicit_year: bool,
}

struct Word<'a> {
    start: usize,
    end: usize,
    /// The word if it is one of [`KEYS`] in any case, else "": comparing without allocating
    /// keeps the checks fast enough to run as the user types.
    lower: &'static str,
    raw: &'a str,
}

const KEYS: [&str; 16] = [
    "6", "06", "sáu", "tháng", "đầu", "cuối", "năm", "quý", "i", "ii", "iii", "iv", "1", "2", "3",
    "4",
];

fn key_of(raw: &str) -> &'static str {
    KEYS.iter()
        .find(|k| k.len() == raw.len() && raw.chars().flat_map(char::to_lowercase).eq(k.chars()))
        .copied()
        .unwrap_or("")
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            out.push(Word {
                start: s,
                end: i,
                lower: key_of(&text[s..i]),
                raw: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            start: s,
            end: text.len(),
            lower: key_of(&text[s..]),
            raw: &text[s..],
        });
    }
    out
}

fn year_of(w: &Word) -> Option<i32> {
    if w.raw.len() != 4 || !w.raw.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    w.raw
        .parse::<i32>()
        .ok()
        .filter(|y| (1900..=2200).contains(y))
}

/// Only spaces (or "/" between month and year) separate two words of a phrase.
fn joined(text: &str, a: &Word, b: &Word, allow_slash: bool) -> bool {
    text[a.end..b.start]
        .chars()
        .all(|c| c == ' ' || c == '\u{a0}' || (allow_slash && c == '/'))
}

/// Every period phrase in `text`. `default_year` is used for a phrase that has no year and
/// none after it.
pub fn mentions(text: &str, default_year: i32) -> Vec<Mention> {
    if !["năm", "Năm", "NĂM", "quý", "Quý", "QUÝ"]
        .iter()
        .any(|k| text.contains(k))
    {
        return Vec::new();
    }
    let ws = words(text);
    let mut out: Vec<Mention> = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let w = &ws[i];
        let next = |k: usize| {
            ws.get(i + k)
                .filter(|n| joined(text, &ws[i + k - 1], n, false))
        };
        // [6|06|sáu] tháng đầu|cuối năm [YYYY]
        if matches!(w.lower, "6" | "06" | "sáu") {
            if let (Some(t), Some(h), Some(n)) = (next(1), next(2), next(3)) {
                let half = match h.lower {
                    "đầu" => Some(1),
                    "cuối" => Some(2),
                    _ => None,
                };
                if t.lower == "tháng" && n.lower == "năm" {
                    if let Some(h) = half {
                        let (year, end) = match next(4).and_then(|y| year_of(y).map(|v| (v, y.end)))
                        {
                            Some((v, e)) => (Some(v), e),
                            None => (None, n.end),
                        };
                        out.push(mention(w.start, end, PeriodKind::Half(h), year));
                        i += if year.is_some() { 5 } else { 4 };
                        continue;
                    }
                }
            }
        }
        // quý I..IV [năm] [YYYY]
        if w.lower == "quý" {
            let q = next(1).and_then(|q| match q.lower {
                "i" | "1" => Some(1),
                "ii" | "2" => Some(2),
                "iii" | "3" => Some(3),
                "iv" | "4" => Some(4),
                _ => None,
            });
            if let Some(q) = q {
                let mut k = 2;
                let mut end = ws[i + 1].end;
                let mut year = None;
                if let Some(y) = ws
                    .get(i + 2)
                    .filter(|n| joined(text, &ws[i + 1], n, true))
                    .and_then(year_of)
                {
                    year = Some(y);
                    end = ws[i + 2].end;
                    k = 3;
                } else if next(2).is_some_and(|n| n.lower == "năm") {
                    if let Some(y) = next(3).and_then(year_of) {
                        year = Some(y);
                        end = ws[i + 3].end;
                        k = 4;
                    }
                }
                out.push(mention(w.start, end, PeriodKind::Quarter(q), year));
                i += k;
                continue;
            }
        }
        // tháng M năm YYYY | tháng M/YYYY (a month needs its year, or it is just a date)
        if w.lower == "tháng" {
            let m = next(1)
                .and_then(|m| m.raw.parse::<u32>().ok())
                .filter(|m| (1..=12).contains(m));
            if let Some(m) = m {
                let slash = ws
                    .get(i + 2)
                    .filter(|n| {
                        joined(text, &ws[i + 1], n, true)
                            && text[ws[i + 1].end..n.start].contains('/')
                    })
                    .and_then(year_of);
                let spelled = next(2)
                    .filter(|n| n.lower == "năm")
                    .and(next(3))
                    .and_then(year_of);
                if let Some(y) = slash {
                    out.push(mention(
                        w.start,
                        ws[i + 2].end,
                        PeriodKind::Month(m),
                        Some(y),
                    ));
                    i += 3;
                    continue;
                }
                if let Some(y) = spelled {
                    out.push(mention(
                        w.start,
                        ws[i + 3].end,
                        PeriodKind::Month(m),
                        Some(y),
                    ));
                    i += 4;
                    continue;
                }
            }
        }
        // năm YYYY
        if w.lower == "năm" {
            if let Some(y) = next(1).and_then(year_of) {
                out.push(mention(w.start, ws[i + 1].end, PeriodKind::Year, Some(y)));
                i += 2;
                continue;
            }
        }
        i += 1;
    }
    // A phrase without a year takes the year of the next phrase that has one.
    let mut next_year = default_year;
    for m in out.iter_mut().rev() {
        if m.explicit_year {
            next_year = m.period.year;
        } else {
            m.period.year = next_year;
        }
    }
    out
}

fn mention(start: usize, end: usize, kind: PeriodKind, year: Option<i32>) -> Mention {
    Mention {
        start,
        end,
        period: Period::new(kind, year.unwrap_or(0)),
        explicit_year: year.is_some(),
    }
}

/// The report's own period, read from its trích yếu (the first period phrase there), else from
/// its title lines; the year defaults to the report's year.
pub fn detect(report: &Report) -> Option<Period> {
    let year = report.date.year;
    mentions(&report.trich_yeu, year)
        .first()
        .or(mentions(&report.doc_type, year).first())
        .map(|m| m.period)
}

/// Rewrites the period phrases of `text`: `map` gives each phrase's new period (or `None` to keep
/// it). A phrase keeps the case of the original (upper case in headings).
pub fn rewrite(text: &str, default_year: i32, map: impl Fn(Period) -> Option<Period>) -> String {
    let ms = mentions(text, default_year);
    if ms.is_empty() {
        return text.to_string();
    }
    let new: Vec<Period> = ms
        .iter()
        .map(|m| map(m.period).unwrap_or(m.period))
        .collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut last = 0;
    for (k, m) in ms.iter().enumerate() {
        if map(m.period).is_none() {
            continue;
        }
        let p = new[k];
        // A phrase that borrowed its year keeps borrowing only if the lender's new year matches.
        let lender_year = ms[k + 1..]
            .iter()
            .position(|n| n.explicit_year)
            .map(|j| new[k + 1 + j].year);
        let with_year = m.explicit_year || lender_year != Some(p.year);
        let words = if with_year {
            p.words()
        } else {
            p.words_with_year_word()
        };
        out.push_str(&text[last..m.start]);
        out.push_str(&match_case(&text[m.start..m.end], &words));
        last = m.end;
    }
    out.push_str(&text[last..]);
    out
}

fn match_case(original: &str, new: &str) -> String {
    let has_lower = original.chars().any(char::is_lowercase);
    let has_upper = original.chars().any(char::is_uppercase);
    if has_upper && !has_lower {
        new.to_uppercase()
    } else if original.chars().next().is_some_and(char::is_uppercase) {
        let mut c = new.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    } else {
        new.to_string()
    }
}

/// Tạo báo cáo kỳ sau, with the reporting windows of Nghị định 09/2019.
pub fn roll_forward(report: &Report, to: Period) -> (Report, Vec<Finding>) {
    roll_forward_with(report, to, &ReportingWindows::default())
}

/// Tạo báo cáo kỳ sau: a new draft of `report` for the period `to`, and what the user must review.
pub fn roll_forward_with(
    report: &Report,
    to: Period,
    windows: &ReportingWindows,
) -> (Report, Vec<Finding>) {
    let mut new = report.clone();
    let mut findings = Vec::new();
    let from = detect(report);
    let issued_year = to.window(windows).1.year();
    match from {
        Some(from) => {
            let map = |p: Period| {
                if p == from {
                    Some(to)
                } else if p == from.next() {
                    Some(to.next())
                } else {
                    None
                }
            };
            let y = report.date.year;
            new.trich_yeu = rewrite(&report.trich_yeu, y, map);
            fn headings(ss: &mut [crate::model::Section], y: i32, map: &impl Fn(Period) -> Option<Period>) {
                for s in ss {
                    s.title = rewrite(&s.title, y, map);
                    headings(&mut s.children, y, map);
                }
            }
            headings(&mut new.body, y, &map);
            for a in &mut new.appendices {
                a.title = rewrite(&a.title, y, map);
                headings(&mut a.body, y, &map);
            }
        }
        None => findings.push(Finding {
            severity: Severity::CanhBao,
            location: Source::Header {
                field: "trich_yeu".into(),
            },
            message: "Không nhận ra kỳ báo cáo trong trích yếu (ví dụ “06 tháng đầu năm 2026”), nên chưa đổi được kỳ trong tên báo cáo và các đề mục. Hãy sửa tay cho kỳ mới.".into(),
            fix: None,
        }),
    }
    new.number = None;
    new.date = DocDate {
        year: issued_year,
        month: None,
        day: None,
    };
    let a_year_later = from.is_some_and(|f| f.kind == to.kind && f.year + 1 == to.year);
    let roll = |s: &mut crate::model::Section| {
        for f in &mut s.figures {
            f.previous_period = f.value;
            f.same_period_last_year = if a_year_later { f.value } else { None };
            f.value = None;
        }
    };
    fn each_section(ss: &mut [crate::model::Section], f: &impl Fn(&mut crate::model::Section)) {
        for s in ss {
            f(s);
            each_section(&mut s.children, f);
        }
    }
    each_section(&mut new.body, &roll);
    for a in &mut new.appendices {
        each_section(&mut a.body, &roll);
    }
    crate::figures::apply(&mut new);
    stale_mentions(&new, from, windows, &mut findings);
    (new, findings)
}

/// Every date and period phrase left in the narrative, for review in the checks panel.
fn stale_mentions(
    report: &Report,
    from: Option<Period>,
    windows: &ReportingWindows,
    out: &mut Vec<Finding>,
) {
    let old_window = from.map(|p| p.window(windows));
    crate::model::walk::for_each_text(report, &mut |loc: &Source, text: &str| {
        if matches!(loc, Source::Header { .. }) {
            return;
        }
        for m in mentions(text, report.date.year) {
            let phrase = &text[m.start..m.end];
            let old = from.is_some_and(|f| f == m.period);
            out.push(Finding {
                severity: if old {
                    Severity::CanhBao
                } else {
                    Severity::GoiY
                },
                location: loc.clone(),
                message: if old {
                    format!("Còn “{phrase}” của kỳ cũ: hãy sửa cho kỳ mới hoặc xóa câu này.")
                } else {
                    format!("Có “{phrase}”: hãy kiểm tra còn đúng với kỳ mới không.")
                },
                fix: None,
            });
        }
        for d in crate::text::scan::dates(text) {
            let in_old = match (d.date, old_window) {
                (Some(day), Some((a, b))) => day >= a && day <= b,
                _ => false,
            };
            out.push(Finding {
                severity: if in_old {
                    Severity::CanhBao
                } else {
                    Severity::GoiY
                },
                location: loc.clone(),
                message: if in_old {
                    format!(
                        "Ngày “{}” thuộc kỳ cũ: hãy sửa cho kỳ mới hoặc xóa nếu không còn đúng.",
                        d.text
                    )
                } else {
                    format!(
                        "Có ngày “{}” chép từ báo cáo kỳ trước: hãy kiểm tra còn đúng không.",
                        d.text
                    )
                },
                fix: None,
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h1(y: i32) -> Period {
        Period::new(PeriodKind::Half(1), y)
    }

    #[test]
    fn phrases_are_found_with_their_years() {
        let t = "điều hành 06 tháng đầu năm và nhiệm vụ trọng tâm 06 tháng cuối năm 2026.";
        let ms = mentions(t, 2000);
        assert_eq!(ms.len(), 2);
        assert_eq!(ms[0].period, h1(2026));
        assert!(!ms[0].explicit_year);
        assert_eq!(ms[1].period, Period::new(PeriodKind::Half(2), 2026));
        let ms = mentions(
            "quý II năm 2026; tháng 5/2026; tháng 12 năm 2025; năm 2024; QUÝ IV/2026",
            2000,
        );
        let kinds: Vec<Period> = ms.iter().map(|m| m.period).collect();
        assert_eq!(
            kinds,
            vec![
                Period::new(PeriodKind::Quarter(2), 2026),
                Period::new(PeriodKind::Month(5), 2026),
                Period::new(PeriodKind::Month(12), 2025),
                Period::new(PeriodKind::Year, 2024),
                Period::new(PeriodKind::Quarter(4), 2026),
            ]
        );
        assert!(mentions("ngày 14 tháng 5, nhiệm kỳ 2026-2031, năm học", 2026).is_empty());
    }

    #[test]
    fn suggested_next_periods() {
        assert_eq!(
            h1(2026).suggestions(),
            vec![
                Period::new(PeriodKind::Half(2), 2026),
                Period::new(PeriodKind::Year, 2026)
            ]
        );
        assert_eq!(
            Period::new(PeriodKind::Month(3), 2026).suggestions(),
            vec![
                Period::new(PeriodKind::Month(4), 2026),
                Period::new(PeriodKind::Quarter(1), 2026)
            ]
        );
        assert_eq!(
            Period::new(PeriodKind::Year, 2026).suggestions(),
            vec![Period::new(PeriodKind::Year, 2027)]
        );
    }

    #[test]
    fn nd09_windows_and_calendar_windows() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let nd09 = ReportingWindows::default();
        assert_eq!(h1(2026).window(&nd09), (d(2025, 12, 15), d(2026, 6, 14)));
        assert_eq!(
            Period::new(PeriodKind::Half(2), 2026).window(&nd09),
            (d(2026, 6, 15), d(2026, 12, 14))
        );
        assert_eq!(
            Period::new(PeriodKind::Year, 2026).window(&nd09),
            (d(2025, 12, 15), d(2026, 12, 14))
        );
        assert_eq!(
            Period::new(PeriodKind::Month(3), 2026).window(&nd09),
            (d(2026, 2, 15), d(2026, 3, 14))
        );
        let cal = ReportingWindows { cutoff_day: None };
        assert_eq!(
            Period::new(PeriodKind::Quarter(1), 2026).window(&cal),
            (d(2026, 1, 1), d(2026, 3, 31))
        );
    }

    #[test]
    fn rewriting_keeps_case_and_adds_a_year_when_the_years_part() {
        let year = Period::new(PeriodKind::Year, 2026);
        let map = |p: Period| {
            if p == h1(2026) {
                Some(year)
            } else if p == h1(2026).next() {
                Some(year.next())
            } else {
                None
            }
        };
        assert_eq!(
            rewrite(
                "Tình hình hoạt động chỉ đạo, điều hành 06 tháng đầu năm và nhiệm vụ trọng tâm 06 tháng cuối năm 2026.",
                2026,
                map
            ),
            "Tình hình hoạt động chỉ đạo, điều hành năm 2026 và nhiệm vụ trọng tâm năm 2027."
        );
        assert_eq!(
            rewrite("KẾT QUẢ ĐIỀU HÀNH 06 THÁNG ĐẦU NĂM 2026", 2026, map),
            "KẾT QUẢ ĐIỀU HÀNH NĂM 2026"
        );
        assert_eq!(
            rewrite("Chương trình công tác năm 2026", 2026, map),
            "Chương trình công tác năm 2026"
        );
    }
}
