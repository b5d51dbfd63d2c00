//! Kiểm tra: what the leader would send the draft back for, found while the user types.
//!
//! Each finding says in Vietnamese what is wrong and what to do, points at the field
//! ([`Source`], the same link the preview uses) and, where the fix is obvious, carries a
//! one-click [`Fix`]. The checks must stay silent on ordinary sentences: a false alarm teaches
//! users to ignore the panel, so every narrative check only fires on a pattern it understands
//! completely (a percentage next to the two numbers it comes from, a total followed by its
//! parts, a document reference with its date).

pub mod printing;
pub mod spelling;
pub mod tables;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::figures::{format as vi, Computed, Figures};
pub use crate::finding::{Finding, Fix, Severity};
pub use crate::model::walk::{block_text, for_each_block, for_each_text};
use crate::model::{Block, Label, Report, Section};
use crate::page::Source;
use crate::period::{self, Period, PeriodKind, ReportingWindows};
/// Reading numbers and dates in the narrative (it lives in the text layer, which `period` uses
/// too; re-exported where the checks' users have always found it).
pub use crate::text::scan;
use scan::NumKind;

/// All checks. `today` is the day the user works on (dates after it are in the future).
pub fn check(report: &Report, today: NaiveDate) -> Vec<Finding> {
    check_with(report, today, &[])
}

/// All checks, the spelling ones knowing the agency's dictionary (`agency_words`, kept in the
/// store's presets).
pub fn check_with(report: &Report, today: NaiveDate, agency_words: &[String]) -> Vec<Finding> {
    let mut out = Vec::new();
    form(report, today, &mut out);
    closing(report, &mut out);
    sections(report, &mut out);
    figure_refs(report, &mut out);
    narrative(report, today, &mut out);
    printing::check(report, &mut out);
    tables::check(report, &mut out);
    spelling::check(report, agency_words, &mut out);
    out.sort_by_key(|f| f.severity);
    out
}

/// Applies a one-click fix. A fix whose place no longer exists does nothing.
pub fn apply_fix(report: &mut Report, fix: &Fix) {
    match fix {
        Fix::AppendClosingMark => {
            let c = report
                .closing
                .trim_end()
                .trim_end_matches(['.', '/'])
                .to_string();
            report.closing = format!("{c}./.");
        }
        Fix::SetClosing { text } => report.closing.clone_from(text),
        Fix::SetSymbol { symbol } => report.issuer.symbol.clone_from(symbol),
        Fix::SetArchiveUnits { units } => report.noi_nhan.archive.units.clone_from(units),
        Fix::ReplaceText {
            location,
            find,
            replace,
        } => replace_text(report, location, find, replace),
        Fix::SetCell {
            location,
            row,
            col,
            was,
            text,
        } => tables::set_cell(report, location, (*row as usize, *col as usize), was, text),
        Fix::Spelling { .. } | Fix::ConvertLegacy { .. } => spelling::apply(report, fix),
    }
}

fn finding(severity: Severity, location: Source, message: impl Into<String>) -> Finding {
    Finding {
        severity,
        location,
        message: message.into(),
        fix: None,
    }
}

fn header(field: &str) -> Source {
    Source::Header {
        field: field.into(),
    }
}

fn closing_at(field: &str) -> Source {
    Source::Closing {
        field: field.into(),
    }
}

/// The decree's form: header fields, Nơi nhận, the archive line, the signer.
fn form(r: &Report, today: NaiveDate, out: &mut Vec<Finding>) {
    use Severity::*;
    if r.issuer.name_lines.iter().all(|l| l.trim().is_empty()) {
        out.push(finding(Loi, header("issuer"), "Thiếu tên cơ quan ban hành. Hãy nhập tên cơ quan, ví dụ “ỦY BAN NHÂN DÂN” / “PHƯỜNG BẠCH MAI”."));
    }
    if r.doc_type.trim().is_empty() {
        out.push(finding(
            Loi,
            header("doc_type"),
            "Thiếu tên loại văn bản. Hãy nhập, ví dụ “BÁO CÁO”.",
        ));
    }
    if r.trich_yeu.trim().is_empty() {
        out.push(finding(Loi, header("trich_yeu"), "Thiếu trích yếu nội dung. Hãy nhập một câu ngắn nói báo cáo về việc gì, ví dụ “Kết quả công tác 06 tháng đầu năm 2026”."));
    }
    symbol(r, out);
    if r.number == Some(0) {
        out.push(finding(
            Loi,
            header("number"),
            "Số văn bản không thể là 0. Hãy để trống cho văn thư điền, hoặc nhập số đúng.",
        ));
    }
    if r.date.month.is_some() || r.date.day.is_some() {
        match r.date.to_naive() {
            None => out.push(finding(Loi, header("date"), "Ngày tháng văn bản không có thật hoặc mới điền một nửa. Hãy nhập đủ ngày và tháng, hoặc để trống cả hai cho văn thư điền.")),
            Some(d) if d > today => out.push(finding(CanhBao, header("date"), format!("Ngày văn bản {} ở sau hôm nay. Nếu chưa ban hành, hãy để trống ngày và tháng cho văn thư điền.", d.format("%d/%m/%Y")))),
            _ => {}
        }
    }
    // "- Như trên;" is printed by the layout whenever Kính gửi is set
    // (`Report::prints_nhu_tren`): it is a recipient, and never asked for.
    let typed: Vec<&str> = r.typed_recipients().collect();
    if typed.is_empty() && !r.prints_nhu_tren() {
        out.push(finding(
            Loi,
            closing_at("noi_nhan"),
            "Thiếu Nơi nhận. Hãy thêm các nơi nhận, mỗi nơi một dòng, ví dụ “UBND thành phố”.",
        ));
    } else if !r.prints_nhu_tren() && typed.iter().any(|t| crate::model::is_nhu_tren(t)) {
        out.push(finding(
            GoiY,
            closing_at("noi_nhan"),
            "“Như trên” chỉ những nơi đã ghi ở “Kính gửi”, nhưng báo cáo không có Kính gửi. Hãy ghi rõ tên nơi nhận thay cho “Như trên”.",
        ));
    }
    archive(r, out);
    if r.signer.name.trim().is_empty() {
        out.push(finding(
            Loi,
            closing_at("signer"),
            "Thiếu họ tên người ký. Hãy nhập họ và tên, không kèm học hàm, học vị.",
        ));
    }
    if r.signer.titles.iter().all(|t| t.trim().is_empty()) {
        out.push(finding(
            Loi,
            closing_at("signer"),
            "Thiếu chức vụ người ký. Hãy nhập chức vụ, ví dụ “CHỦ TỊCH” hoặc “PHÓ CHỦ TỊCH”.",
        ));
    }
    if r.signer.authority == Some(crate::model::Authority::TM)
        && r.signer.collective.trim().is_empty()
    {
        out.push(finding(
            CanhBao,
            closing_at("signer"),
            "Ký “TM.” cần tên tập thể, ví dụ “TM. ỦY BAN NHÂN DÂN”. Hãy nhập tên tập thể.",
        ));
    }
}

/// Ký hiệu: type code, "-", issuing body code: "BC-UBND".
fn symbol(r: &Report, out: &mut Vec<Finding>) {
    let s = r.issuer.symbol.trim();
    let valid = |s: &str| {
        let parts: Vec<&str> = s.split('-').collect();
        parts.len() >= 2
            && parts.iter().all(|p| {
                !p.is_empty()
                    && p.chars().next().is_some_and(|c| c.is_uppercase())
                    && p.chars()
                        .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '&')
            })
    };
    if s.is_empty() {
        out.push(finding(Severity::Loi, header("symbol"), "Thiếu ký hiệu văn bản. Hãy nhập, ví dụ “BC-UBND” (chữ viết tắt tên loại văn bản, gạch nối, chữ viết tắt tên cơ quan)."));
        return;
    }
    if !valid(s) {
        let cleaned: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .replace(['_', '–', '—'], "-")
            .to_uppercase();
        let cleaned = cleaned.trim_matches(['-', '/', '.']).to_string();
        if valid(&cleaned) {
            out.push(Finding {
                severity: Severity::CanhBao,
                location: header("symbol"),
                message: format!(
                    "Ký hiệu “{s}” phải viết hoa, không có dấu cách: “{cleaned}”. Hãy sửa lại."
                ),
                fix: Some(Fix::SetSymbol { symbol: cleaned }),
            });
        } else {
            out.push(finding(Severity::Loi, header("symbol"), format!("Ký hiệu “{s}” không đúng dạng: chữ viết tắt tên loại văn bản, dấu gạch nối, chữ viết tắt tên cơ quan, ví dụ “BC-UBND”. Hãy sửa lại.")));
        }
        return;
    }
    if !starts_for_type(r, s) {
        out.push(finding(Severity::GoiY, header("symbol"), format!("Báo cáo thường có ký hiệu bắt đầu bằng “BC-” (ví dụ “BC-UBND”), nhưng đang là “{s}”. Hãy kiểm tra lại.")));
    }
}

fn starts_for_type(r: &Report, s: &str) -> bool {
    r.doc_type.trim().to_uppercase() != "BÁO CÁO" || s.starts_with("BC-")
}

/// "- Lưu: VT, <units> (<copies>)." — checked on the fields that print it.
fn archive(r: &Report, out: &mut Vec<Finding>) {
    let units = &r.noi_nhan.archive.units;
    let cleaned: Vec<String> = units
        .iter()
        .map(|u| {
            u.trim()
                .trim_start_matches("Lưu:")
                .trim_start_matches("Lưu")
                .trim_matches(|c: char| {
                    c.is_whitespace() || matches!(c, '.' | ',' | ';' | '/' | ':' | '-')
                })
                .to_string()
        })
        .filter(|u| !u.is_empty() && u.to_uppercase() != "VT")
        .collect();
    if cleaned.is_empty() {
        out.push(finding(Severity::GoiY, closing_at("archive"), "Dòng lưu mới có “- Lưu: VT.”; hãy thêm đơn vị soạn thảo sau “VT”, ví dụ “- Lưu: VT, VP.”."));
    }
    if cleaned != *units && !(cleaned.is_empty() && units.iter().all(|u| u.trim().is_empty())) {
        // The line as the layout will print it once the units are cleaned (one rule, one place).
        let shown = crate::layout::closing::archive_line(&crate::model::Archive {
            units: cleaned.clone(),
            copies: r.noi_nhan.archive.copies,
        });
        out.push(Finding {
            severity: Severity::CanhBao,
            location: closing_at("archive"),
            message: format!("Dòng lưu phải có dạng “{shown}”: “VT” luôn đứng đầu và chỉ ghi một lần, các đơn vị không kèm dấu câu. Hãy sửa lại các đơn vị lưu."),
            fix: Some(Fix::SetArchiveUnits { units: cleaned }),
        });
    }
}

/// The closing sentence and its mark "./.".
fn closing(r: &Report, out: &mut Vec<Finding>) {
    let c = r.closing.trim();
    if c.is_empty() {
        let ends_body = last_body_text(r).is_some_and(|t| t.trim_end().ends_with("./."));
        if !ends_body {
            let body = collective(r);
            out.push(Finding {
                severity: Severity::Loi,
                location: closing_at("closing"),
                message: format!("Thiếu câu kết thúc nội dung với dấu “./.”. Hãy thêm, ví dụ “{body} trân trọng báo cáo./.”."),
                fix: Some(Fix::SetClosing {
                    text: format!("{body} trân trọng báo cáo./."),
                }),
            });
        }
    } else if !c.ends_with("./.") {
        out.push(Finding {
            severity: Severity::Loi,
            location: closing_at("closing"),
            message: "Câu kết chưa có dấu kết thúc “./.”. Hãy thêm “./.” vào cuối câu.".into(),
            fix: Some(Fix::AppendClosingMark),
        });
    }
}

/// "Ủy ban nhân dân phường" from ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"].
fn collective(r: &Report) -> String {
    let first = r.issuer.name_lines.first().map_or("", |s| s.trim());
    if first.is_empty() {
        return "Cơ quan".into();
    }
    let lower = first.to_lowercase();
    let mut c = lower.chars();
    let mut s: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    if let Some(kind) = r
        .issuer
        .name_lines
        .get(1)
        .and_then(|l| l.split_whitespace().next())
    {
        if matches!(kind.to_lowercase().as_str(), "phường" | "xã" | "thị") {
            s.push(' ');
            s.push_str(&kind.to_lowercase());
        }
    }
    s
}

fn last_body_text(r: &Report) -> Option<String> {
    fn last(ss: &[Section]) -> Option<&Block> {
        let s = ss.last()?;
        last(&s.children).or(s.blocks.last())
    }
    last(&r.body).or(r.intro.last()).map(block_text)
}

/// Empty sections and headings without a title.
fn sections(r: &Report, out: &mut Vec<Finding>) {
    let names = places(r);
    r.for_each_section(|s, _| {
        let loc = Source::Section {
            id: s.id.clone(),
            block: None,
        };
        let place = names.get(&s.id).cloned().unwrap_or_default();
        if s.title.trim().is_empty() && !matches!(s.label, Label::Custom(_)) {
            out.push(finding(
                Severity::Loi,
                loc.clone(),
                format!("Đề mục {place} chưa có tên. Hãy nhập tên đề mục hoặc xóa mục này."),
            ));
        }
        let has_text = s.blocks.iter().any(|b| !block_text(b).trim().is_empty());
        if !has_text && s.children.is_empty() && s.figures.is_empty() {
            let title = if s.title.trim().is_empty() {
                place
            } else {
                format!("“{}”", short(&s.title, 60))
            };
            out.push(finding(
                Severity::CanhBao,
                loc,
                format!("Mục {title} chưa có nội dung. Hãy viết nội dung hoặc xóa mục."),
            ));
        }
    });
}

fn short(s: &str, n: usize) -> String {
    let s = s.trim();
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>().trim_end())
    }
}

/// Figure references that show nothing sensible.
fn figure_refs(r: &Report, out: &mut Vec<Finding>) {
    let figs = Figures::of(r);
    for_each_block(r, &mut |loc: &Source, b: &Block| {
        let mut runs = Vec::new();
        match b {
            Block::Paragraph { runs: rs } => runs.extend(rs),
            Block::List { items } => runs.extend(items.iter().flatten()),
            Block::Table(t) => runs.extend(t.rows.iter().flatten().flatten()),
        }
        for run in runs {
            let Some(fr) = &run.figure else { continue };
            let label = figs
                .get(&fr.id)
                .map_or(fr.id.as_str(), |f| f.label.as_str());
            match figs.compute(fr) {
                Computed::Unknown(m) => out.push(finding(Severity::Loi, loc.clone(), m)),
                Computed::Missing => out.push(finding(Severity::CanhBao, loc.clone(), format!("Số liệu “{label}” chưa có giá trị nên in ra “{}”. Hãy nhập số liệu.", crate::figures::MISSING))),
                Computed::NotComputable => out.push(finding(Severity::CanhBao, loc.clone(), format!("Không tính được giá trị từ số liệu “{label}” (chia cho 0). Hãy kiểm tra kế hoạch hoặc số liệu so sánh."))),
                Computed::Value(..) => {}
            }
        }
    });
}

/// Figures and dates written by hand in the text.
fn narrative(r: &Report, today: NaiveDate, out: &mut Vec<Finding>) {
    let windows = ReportingWindows::default();
    let period = period::detect(r);
    let limit = date_limit(r, today, period, &windows);
    let future_sections = future_section_ids(r);
    for_each_text(r, &mut |loc: &Source, text: &str| {
        if matches!(loc, Source::Header { .. }) {
            return;
        }
        let future = match loc {
            Source::Section { id, .. } => future_sections.contains(id.as_str()),
            _ => false,
        };
        // Lower-cased once per text: lower-casing is most of the time the checks take.
        let lower = scan::lower_aligned(text);
        let nums = scan::numbers(text);
        percentages(text, &nums, loc, out);
        totals(text, &lower, &nums, loc, out);
        let found = scan::dates_in(text, &lower);
        dates(text, &found, loc, &limit, future, out);
        // Only a text naming another year than the period's can contradict it.
        let other_year = period.filter(|p| {
            nums.iter().any(|n| {
                n.end - n.start == 4
                    && n.value != Decimal::from(p.year)
                    && (1900..=2200).contains(&n.value.trunc().mantissa())
            }) || found
                .iter()
                .any(|d| d.date.is_some_and(|d| d.year() != p.year))
        });
        if let Some(p) = other_year {
            period_years(text, &found, p, &windows, loc, r.date.year, out);
        }
    });
}

/// The last day a date in the text may have, and how to name it.
struct Limit {
    day: NaiveDate,
    what: String,
}

fn date_limit(r: &Report, today: NaiveDate, period: Option<Period>, w: &ReportingWindows) -> Limit {
    if let Some(d) = r.date.to_naive() {
        return Limit {
            day: d,
            what: format!("ngày báo cáo ({})", d.format("%d/%m/%Y")),
        };
    }
    // An undated draft of a periodic report is written in the weeks after its window closes:
    // a date more than a month after the window is a typo (or the report of another period).
    if let Some(p) = period {
        let end = p.window(w).1 + chrono::Days::new(31);
        if end < today {
            return Limit {
                day: end,
                what: format!(
                    "kỳ báo cáo {} (dữ liệu đến {})",
                    p.words(),
                    p.window(w).1.format("%d/%m/%Y")
                ),
            };
        }
    }
    Limit {
        day: today,
        what: format!("hôm nay ({})", today.format("%d/%m/%Y")),
    }
}

/// Sections about what is still to be done (nhiệm vụ, phương hướng): future dates belong there.
fn future_section_ids(r: &Report) -> std::collections::HashSet<&str> {
    let mut ids = std::collections::HashSet::new();
    fn walk<'a>(ss: &'a [Section], inherited: bool, ids: &mut std::collections::HashSet<&'a str>) {
        for s in ss {
            let t = s.title.to_lowercase();
            let future = inherited
                || t.contains("nhiệm vụ trọng tâm")
                || t.contains("phương hướng")
                || t.contains("nhiệm vụ, giải pháp")
                || t.contains("kế hoạch năm")
                || t.contains("đề xuất, kiến nghị")
                || t.contains("kiến nghị");
            if future {
                ids.insert(s.id.as_str());
            }
            walk(&s.children, future, ids);
        }
    }
    walk(&r.body, false, &mut ids);
    ids
}

/// Clause boundary between two byte offsets: a new list item, a ";" or a sentence end.
fn crosses_clause(text: &str, a: usize, b: usize) -> bool {
    let s = &text[a.min(b)..a.max(b)];
    s.contains('\n') || s.contains(';') || s.contains(". ")
}

/// "đạt 94,1%" right after the two numbers it comes from: the percentage must match.
fn percentages(text: &str, nums: &[scan::Num], loc: &Source, out: &mut Vec<Finding>) {
    const TRIGGERS: [&str; 9] = [
        "đạt",
        "bằng",
        "chiếm",
        "đạt tỷ lệ",
        "chiếm tỷ lệ",
        "bằng tỷ lệ",
        "đạt tỉ lệ",
        "chiếm tỉ lệ",
        "tỷ lệ",
    ];
    const PLAN_WORDS: [&str; 6] = [
        "dự toán",
        "kế hoạch",
        "chỉ tiêu",
        "so với",
        "so cùng kỳ",
        "cùng kỳ",
    ];
    for (i, p) in nums.iter().enumerate() {
        let NumKind::Percent { decimals } = p.kind else {
            continue;
        };
        let prev_end = if i == 0 { 0 } else { nums[i - 1].end };
        // The words just before the percentage ("đạt tỷ lệ"), and just after ("dự toán").
        let lead = tail_chars(&text[prev_end..p.start], 24)
            .to_lowercase()
            .trim_end_matches(|c: char| c.is_whitespace() || c == ':')
            .to_string();
        if !TRIGGERS.iter().any(|t| lead.ends_with(t)) {
            continue;
        }
        let tail = head_chars(text[p.end..].trim_start_matches([' ', '%']), 16).to_lowercase();
        if PLAN_WORDS.iter().any(|w| tail.starts_with(w)) {
            continue;
        }
        // The part: the nearest number before, in the same clause, no other percentage between.
        let Some(k) = (0..i)
            .rev()
            .find(|&k| !matches!(nums[k].kind, NumKind::Other))
        else {
            continue;
        };
        let part = &nums[k];
        if matches!(part.kind, NumKind::Percent { .. }) || crosses_clause(text, part.end, p.start) {
            continue;
        }
        let stated = p.value;
        // A number too large to compute with counts as matching: say nothing rather than panic.
        let pct = |num: Decimal, den: Decimal| {
            num.checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|n| n.checked_div(den))
        };
        let matches = |num: Decimal, den: Decimal| match pct(num, den) {
            Some(exact) => {
                vi::round(exact, decimals) == stated || exact.trunc_with_scale(decimals) == stated
            }
            None => true,
        };
        let (num, bases) = match &part.kind {
            NumKind::Fraction { part, whole, .. } => (*part, vec![*whole]),
            NumKind::Quantity { unit } => {
                if is_money_word(unit) {
                    continue;
                }
                let bases: Vec<Decimal> = nums[..k]
                    .iter()
                    .filter(|n| {
                        matches!(&n.kind, NumKind::Quantity { unit: u } if u == unit)
                            && n.value >= part.value
                            && !n.value.is_zero()
                    })
                    .map(|n| n.value)
                    .collect();
                (part.value, bases)
            }
            _ => continue,
        };
        if bases.is_empty() || bases.iter().any(|&b| matches(num, b)) {
            continue;
        }
        let base = bases[0];
        let Some(exact) = pct(num, base) else {
            continue;
        };
        let right = vi::percent(exact, decimals);
        let written = text[p.start..p.end].to_string() + "%";
        out.push(Finding {
            severity: Severity::CanhBao,
            location: loc.clone(),
            message: format!(
                "Tỷ lệ “{written}” không khớp với số liệu: {} trên {} là {right}. Hãy sửa tỷ lệ hoặc kiểm tra lại hai số.",
                vi::number_trimmed(num, 2),
                vi::number_trimmed(base, 2)
            ),
            fix: Some(Fix::ReplaceText {
                location: loc.clone(),
                find: text[p.start..].chars().take_while(|c| *c != '%').collect::<String>() + "%",
                replace: right,
            }),
        });
    }
}

/// "ngày 14/5/2026" for "14/5/2026"; a spelled-out date already says "ngày".
fn with_ngay(date: &str) -> String {
    if date.starts_with("ngày") {
        date.to_string()
    } else {
        format!("ngày {date}")
    }
}

fn tail_chars(s: &str, n: usize) -> &str {
    s.char_indices().rev().nth(n).map_or(s, |(i, _)| &s[i..])
}

fn head_chars(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(i, _)| &s[..i])
}

fn is_money_word(u: &str) -> bool {
    matches!(u, "tỷ" | "triệu" | "nghìn" | "ngàn" | "đồng" | "tr" | "đ")
}

/// "N … (trong đó: a …, b …)" or "N …, bao gồm: a …, b …": the parts must add up.
fn totals(text: &str, lower: &str, nums: &[scan::Num], loc: &Source, out: &mut Vec<Finding>) {
    if lower.len() != text.len() {
        return;
    }
    for trigger in ["trong đó", "bao gồm", "gồm có", "gồm"] {
        let mut from = 0;
        while let Some(k) = lower[from..].find(trigger) {
            let at = from + k;
            from = at + trigger.len();
            // "bao gồm" contains "gồm": count it once.
            if trigger.starts_with("gồm") && lower[..at].ends_with("bao ") {
                continue;
            }
            if !lower[..at].ends_with([' ', '(', ',']) {
                continue;
            }
            let Some(total) = nums
                .iter()
                .rev()
                .find(|n| n.end <= at && !matches!(n.kind, NumKind::Other))
            else {
                continue;
            };
            let NumKind::Quantity { unit } = &total.kind else {
                continue;
            };
            if is_money_word(unit) || crosses_clause(text, total.end, at) {
                continue;
            }
            // The parts end at the closing bracket if the trigger is inside one, else at the
            // end of the clause.
            let in_brackets = text[total.end..at].contains('(');
            let rest = &text[from..];
            let stop = if in_brackets {
                rest.find(')')
            } else {
                rest.find([';', '\n'])
                    .into_iter()
                    .chain(rest.find(". "))
                    .min()
            }
            .map_or(text.len(), |e| from + e);
            let parts: Vec<&scan::Num> = nums
                .iter()
                .filter(|n| n.start >= from && n.end <= stop)
                .filter(|n| !matches!(n.kind, NumKind::Other))
                .collect();
            if parts.is_empty()
                || parts
                    .iter()
                    .any(|n| !matches!(&n.kind, NumKind::Quantity { unit } if !is_money_word(unit)))
            {
                continue;
            }
            let Some(sum) = parts
                .iter()
                .try_fold(Decimal::ZERO, |acc, n| acc.checked_add(n.value))
            else {
                continue;
            };
            let tail = text[from..stop].to_lowercase();
            let complete =
                trigger != "trong đó" || tail.contains("khác") || tail.contains("còn lại");
            let (severity, verb) = if sum > total.value {
                (Severity::CanhBao, "nhiều hơn")
            } else if sum < total.value && parts.len() >= 2 && complete {
                (Severity::CanhBao, "ít hơn")
            } else if sum < total.value && parts.len() >= 2 {
                (Severity::GoiY, "ít hơn")
            } else {
                continue;
            };
            let unit_words = word_run_after(text, total.end);
            out.push(finding(
                severity,
                loc.clone(),
                format!(
                    "Tổng {} {unit_words} nhưng các phần “{trigger}” cộng lại {}, {verb} tổng. Hãy kiểm tra lại tổng và các phần.",
                    vi::number_trimmed(total.value, 2),
                    vi::number_trimmed(sum, 2)
                ),
            ));
        }
    }
}

/// "hồ sơ" after "12.707 hồ sơ, …": up to two words for the message.
fn word_run_after(text: &str, at: usize) -> String {
    text[at..]
        .split(|c: char| !(c.is_alphabetic() || c == ' '))
        .next()
        .unwrap_or("")
        .split_whitespace()
        .take(2)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Dates after the report, documents cited with a date after the report, days that do not exist.
fn dates(
    text: &str,
    found: &[scan::DateMention],
    loc: &Source,
    limit: &Limit,
    future: bool,
    out: &mut Vec<Finding>,
) {
    for d in found {
        let Some(day) = d.date else {
            out.push(finding(
                Severity::CanhBao,
                loc.clone(),
                format!("Ngày “{}” không có thật. Hãy sửa lại ngày tháng.", d.text),
            ));
            continue;
        };
        if day <= limit.day {
            continue;
        }
        if let Some(doc) = cited_document(text, d.start) {
            out.push(finding(
                Severity::Loi,
                loc.clone(),
                format!(
                    "“{doc} {}” mang ngày sau {}: văn bản được dẫn phải ban hành trước báo cáo. Hãy kiểm tra lại ngày, tháng, năm của văn bản này.",
                    with_ngay(&d.text),
                    limit.what
                ),
            ));
            continue;
        }
        let sentence = sentence_around(text, d.start).to_lowercase();
        let forward = [
            "kỷ niệm",
            "dự kiến",
            "sẽ ",
            "phấn đấu",
            "chuẩn bị",
            "trước ngày",
            "hạn chót",
            "thời hạn",
        ];
        if future || forward.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        out.push(finding(
            Severity::CanhBao,
            loc.clone(),
            format!(
                "“{}” ở sau {}. Nếu là việc đã làm, hãy sửa lại ngày; nếu là việc sắp làm, hãy viết rõ (ví dụ “dự kiến”).",
                with_ngay(&d.text),
                limit.what
            ),
        ));
    }
}

/// "Kế hoạch số 105/KH-UBND" when the date at `at` is the date of a cited document.
fn cited_document(text: &str, at: usize) -> Option<String> {
    let head = text[..at].trim_end();
    let spelled = head_chars(&text[at..], 4).to_lowercase() == "ngày";
    let head = match head
        .strip_suffix("ngày")
        .or_else(|| head.strip_suffix("Ngày"))
    {
        Some(h) => h,
        None if spelled => head,
        None => return None,
    };
    let head = head.trim_end().trim_end_matches(',').trim_end();
    let sym_start = head.rfind(' ').map_or(0, |i| i + 1);
    let sym = &head[sym_start..];
    let looks_like_number = sym.contains('/')
        && sym.chars().next().is_some_and(|c| c.is_ascii_digit())
        && sym.chars().any(|c| c.is_uppercase());
    if !looks_like_number {
        return None;
    }
    // Up to three words before the number name the document ("Kế hoạch số").
    let before = &head[..sym_start];
    let words: Vec<&str> = before.split_whitespace().rev().take(3).collect();
    let name: Vec<&str> = words.into_iter().rev().collect();
    let name = name.join(" ");
    let name = name
        .rsplit([',', ';', ':', '('])
        .next()
        .unwrap_or("")
        .trim();
    Some(if name.is_empty() {
        sym.to_string()
    } else {
        format!("{name} {sym}")
    })
}

fn sentence_around(text: &str, at: usize) -> &str {
    let start = text[..at]
        .rfind([';', '\n'])
        .map_or(0, |i| i + 1)
        .max(text[..at].rfind(". ").map_or(0, |i| i + 2));
    let end = text[at..]
        .find([';', '\n'])
        .map_or(text.len(), |i| at + i)
        .min(text[at..].find(". ").map_or(text.len(), |i| at + i));
    &text[start..end]
}

/// A year that does not fit the report's period where the sentence speaks of that period.
fn period_years(
    text: &str,
    found: &[scan::DateMention],
    p: Period,
    w: &ReportingWindows,
    loc: &Source,
    year: i32,
    out: &mut Vec<Finding>,
) {
    let comparing = [
        "cùng kỳ",
        "so với",
        "năm trước",
        "năm ngoái",
        "kỳ trước",
        "năm qua",
    ];
    // "06 tháng đầu năm 2025" in the report of the first half of 2026.
    for m in period::mentions(text, year) {
        if !m.explicit_year
            || m.period.year == p.year
            || std::mem::discriminant(&m.period.kind) != std::mem::discriminant(&p.kind)
        {
            continue;
        }
        if p.kind == PeriodKind::Year {
            let before = scan::word_before(text, m.start);
            if before != "trong" && before != "cả" {
                continue;
            }
        }
        let s = sentence_around(text, m.start).to_lowercase();
        if comparing.iter().any(|c| s.contains(c)) {
            continue;
        }
        out.push(finding(
            Severity::CanhBao,
            loc.clone(),
            format!(
                "“{}” không khớp kỳ báo cáo ({}). Nếu câu nói về kỳ này, hãy sửa năm; nếu là số liệu so sánh, hãy ghi rõ “cùng kỳ năm {}”.",
                &text[m.start..m.end],
                p.words(),
                m.period.year
            ),
        ));
    }
    // "Từ 01/01/2025, …" counting from long before the period began.
    let (start, _) = p.window(w);
    let early = start - chrono::Days::new(31);
    for d in found {
        let Some(day) = d.date else { continue };
        if day >= early {
            continue;
        }
        let before = scan::word_before(text, d.start);
        let lead = if before == "ngày" {
            scan::word_before(text, text[..d.start].trim_end().len() - "ngày".len())
        } else {
            before
        };
        if lead != "từ" && lead != "tính" {
            continue;
        }
        // A closed range ("từ 01/01/2020 đến 31/12/2025") is about another time on purpose.
        let s = sentence_around(text, d.start);
        if scan::dates(s).len() > 1 || s.to_lowercase().contains("giai đoạn") {
            continue;
        }
        out.push(finding(
            Severity::CanhBao,
            loc.clone(),
            format!(
                "Mốc “{}” nằm ngoài kỳ báo cáo {} (dữ liệu từ {}). Nếu câu nói về kỳ này, hãy sửa lại năm.",
                d.text,
                p.words(),
                start.format("%d/%m/%Y")
            ),
        ));
    }
}

fn find_section_mut<'a>(r: &'a mut Report, id: &str) -> Option<&'a mut Section> {
    fn find<'a>(ss: &'a mut [Section], id: &str) -> Option<&'a mut Section> {
        for s in ss {
            if s.id == id {
                return Some(s);
            }
            if let Some(x) = find(&mut s.children, id) {
                return Some(x);
            }
        }
        None
    }
    if let Some(s) = find(&mut r.body, id) {
        return Some(s);
    }
    r.appendices.iter_mut().find_map(|a| find(&mut a.body, id))
}

/// Replaces the first `find` that starts a number ("4,1%" must not match inside "94,1%").
fn replace_first(text: &mut String, find: &str, replace: &str) -> bool {
    let at = text.match_indices(find).map(|(p, _)| p).find(|&p| {
        !text[..p]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
    });
    match at {
        Some(p) => {
            text.replace_range(p..p + find.len(), replace);
            true
        }
        None => false,
    }
}

/// The block of the narrative at `loc` (an intro's or a section's), if it is still there.
fn block_mut<'a>(r: &'a mut Report, loc: &Source) -> Option<&'a mut Block> {
    match loc {
        Source::Intro { block } => r.intro.get_mut(*block),
        Source::Section { id, block: Some(i) } => {
            find_section_mut(r, id).and_then(|s| s.blocks.get_mut(*i))
        }
        _ => None,
    }
}

fn replace_text(r: &mut Report, loc: &Source, find: &str, replace: &str) {
    let block: Option<&mut Block> = match loc {
        Source::Header { field } if field == "trich_yeu" => {
            replace_first(&mut r.trich_yeu, find, replace);
            return;
        }
        Source::Closing { field } if field == "closing" => {
            replace_first(&mut r.closing, find, replace);
            return;
        }
        Source::Section { id, block: None } => {
            if let Some(s) = find_section_mut(r, id) {
                replace_first(&mut s.title, find, replace);
            }
            return;
        }
        _ => block_mut(r, loc),
    };
    let Some(b) = block else { return };
    let runs: Vec<&mut crate::model::Run> = match b {
        Block::Paragraph { runs } => runs.iter_mut().collect(),
        Block::List { items } => items.iter_mut().flatten().collect(),
        Block::Table(t) => t.rows.iter_mut().flatten().flatten().collect(),
    };
    for run in runs {
        if run.figure.is_none() && replace_first(&mut run.text, find, replace) {
            return;
        }
    }
}

/// Short Vietnamese names of the sections ("Mục II.1", "Phần thứ nhất") by section id.
pub fn places(r: &Report) -> std::collections::HashMap<String, String> {
    use crate::model::numbering::{outline, Level};
    let mut out = std::collections::HashMap::new();
    let mut roman = String::new();
    for n in outline(&r.body, r.parts) {
        let num = n.number.clone().unwrap_or_default();
        let bare = num.trim_end_matches(['.', ')']).to_string();
        let name = match n.level {
            Level::Part if !num.is_empty() => num.clone(),
            Level::Muc if !num.is_empty() => {
                roman = bare.clone();
                format!("Mục {bare}")
            }
            Level::Khoan | Level::SubKhoan if !num.is_empty() && !roman.is_empty() => {
                format!("Mục {roman}.{bare}")
            }
            Level::Khoan | Level::SubKhoan if !num.is_empty() => format!("Khoản {bare}"),
            Level::Diem if !num.is_empty() => format!("Điểm {num}"),
            _ => format!("“{}”", short(&n.section.title, 40)),
        };
        out.insert(n.section.id.clone(), name);
    }
    for a in &r.appendices {
        let mut stack = vec![&a.body];
        while let Some(ss) = stack.pop() {
            for s in ss {
                out.entry(s.id.clone())
                    .or_insert_with(|| format!("Phụ lục “{}”", short(&a.title, 30)));
                stack.push(&s.children);
            }
        }
    }
    out
}

/// "Mục II.1, đoạn 3", "Trích yếu", "Nơi nhận": where a finding is, for the CLI.
pub fn place(r: &Report, loc: &Source) -> String {
    place_with(&places(r), loc)
}

/// [`place`] with the section names computed once.
pub fn place_with(names: &std::collections::HashMap<String, String>, loc: &Source) -> String {
    match loc {
        Source::Header { field } => match field.as_str() {
            "trich_yeu" => "Trích yếu",
            "symbol" | "number" => "Số, ký hiệu",
            "date" => "Ngày tháng",
            "doc_type" => "Tên loại văn bản",
            "kinh_gui" => "Kính gửi",
            "issuer" => "Cơ quan ban hành",
            _ => "Phần đầu văn bản",
        }
        .to_string(),
        Source::Closing { field } => match field.as_str() {
            "closing" => "Câu kết",
            "noi_nhan" => "Nơi nhận",
            "archive" => "Dòng lưu",
            "signer" => "Người ký",
            _ => "Phần cuối văn bản",
        }
        .to_string(),
        Source::Intro { block } => format!("Mở đầu, đoạn {}", block + 1),
        Source::Section { id, block } => {
            let name = names.get(id).cloned().unwrap_or_else(|| "Mục".to_string());
            match block {
                Some(b) => format!("{name}, đoạn {}", b + 1),
                None => format!("{name}, đề mục"),
            }
        }
        Source::Appendix { .. } => "Phụ lục".to_string(),
    }
}
