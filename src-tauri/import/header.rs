//! The top of the report: agency lines, Quốc hiệu and Tiêu ngữ, "Số", place and date, the
//! document type, the trích yếu and "Kính gửi".
//!
//! In the original these sit in a two-column table that converters flatten in any order (or lose),
//! so each line is recognised by what it says, not by where it is. The Quốc hiệu and Tiêu ngữ are
//! recognised and dropped: the layout prints them itself, and they must never end up in the body.

use super::blocks::{collapse_spaces, Group, Kind};
use super::numbering::{is_upper, numbering};
use crate::model::{DocDate, Marks, Report};

/// Document types (tên loại) recognised on their own line.
const DOC_TYPES: [&str; 12] = [
    "BÁO CÁO",
    "KẾ HOẠCH",
    "TỜ TRÌNH",
    "THÔNG BÁO",
    "CHƯƠNG TRÌNH",
    "ĐỀ ÁN",
    "QUYẾT ĐỊNH",
    "NGHỊ QUYẾT",
    "BIÊN BẢN",
    "HƯỚNG DẪN",
    "KẾT LUẬN",
    "CÔNG VĂN",
];

#[derive(Default)]
struct Found {
    agency: Vec<(String, bool)>,
    number: Option<u32>,
    symbol: Option<String>,
    place_date: Option<(String, DocDate)>,
    doc_type: Option<String>,
    trich_yeu: Option<String>,
    kinh_gui: Vec<String>,
    /// The boxed marks: "DỰ THẢO" above the header, urgency and circulation under "Số".
    marks: Marks,
    /// Seen something only a header has (Quốc hiệu, "Số:", the date line, the document type).
    evidence: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Stage {
    Top,
    AfterType,
    AfterTrichYeu,
}

/// Reads the header from the first groups into `report`; returns how many groups it used.
/// Uses nothing (and returns 0) when the text has no header at all, so that a body pasted alone
/// keeps its first lines.
pub(crate) fn parse(groups: &[Group], full_text: &str, report: &mut Report) -> usize {
    let mut f = Found::default();
    let mut stage = Stage::Top;
    let mut kinh_gui_open = false;
    let mut used = 0;
    for g in groups {
        if g.kind == Kind::Item {
            if kinh_gui_open {
                f.kinh_gui.push(clean_recipient(&g.plain()));
                used += 1;
                continue;
            }
            break;
        }
        let lines = g.lines();
        let joined = collapse_spaces(&lines.join(" "));
        if lines.is_empty() {
            used += 1;
            continue;
        }
        if starts_ci(&joined, "kính gửi") {
            kinh_gui(&lines, &mut f.kinh_gui);
            kinh_gui_open = true;
            used += 1;
            continue;
        }
        kinh_gui_open = false;
        if stage == Stage::AfterType {
            if numbering(&joined).is_some() {
                break;
            }
            f.trich_yeu = Some(joined);
            stage = Stage::AfterTrichYeu;
            used += 1;
            continue;
        }
        if stage == Stage::AfterTrichYeu {
            if lines.iter().all(|l| is_rule(l)) {
                used += 1;
                continue;
            }
            // A trích yếu broken over two marked lines: the second goes on in lower case.
            let goes_on = joined.chars().next().is_some_and(char::is_lowercase);
            if goes_on && (g.heading || g.emphasised()) && f.kinh_gui.is_empty() {
                if let Some(t) = &mut f.trich_yeu {
                    t.push(' ');
                    t.push_str(&joined);
                    used += 1;
                    continue;
                }
            }
            break;
        }
        let before = (f.agency.len(), f.doc_type.is_some());
        if !weighted_lines(g)
            .iter()
            .all(|(l, bold)| take_line(l, *bold, &mut f))
        {
            f.agency.truncate(before.0);
            break;
        }
        if !before.1 && f.doc_type.is_some() {
            stage = Stage::AfterType;
        }
        used += 1;
    }
    if !f.evidence {
        return 0;
    }
    apply(f, full_text, report);
    used
}

fn apply(f: Found, full_text: &str, report: &mut Report) {
    if let Some(symbol) = f.symbol {
        report.issuer.symbol = symbol;
    }
    report.number = f.number;
    if let Some((place, date)) = f.place_date {
        report.place = place;
        report.date = date;
    }
    if let Some(t) = f.doc_type {
        report.doc_type = t;
    }
    if let Some(t) = f.trich_yeu {
        report.trich_yeu = trich_yeu(&t);
    }
    report.kinh_gui = f.kinh_gui.into_iter().filter(|s| !s.is_empty()).collect();
    report.marks = f.marks;
    let mut agency = f.agency;
    // The chủ quản is printed upright above the bold agency name: the plain lines before the
    // bold ones, one line of the report even when the page broke it in two ("UBND" / "QUẬN HAI
    // BÀ TRƯNG", as the layout breaks a long one).
    let plain = agency.iter().take_while(|(_, bold)| !*bold).count();
    if plain >= 1 && plain < agency.len() {
        let parent: Vec<String> = agency.drain(..plain).map(|(l, _)| l).collect();
        report.issuer.parent = Some(parent.join(" "));
    }
    report.issuer.name_lines = agency.into_iter().map(|(l, _)| l).collect();
    if report.issuer.name_lines.is_empty() {
        report.issuer.name_lines = infer_agency(&report.issuer.symbol, &report.place, full_text);
    }
}

/// The trích yếu as the decree prints it: no full stop at the end (Phụ lục I shows it as a
/// phrase under the document type). "…" and "./." are left alone.
fn trich_yeu(t: &str) -> String {
    let t = t.trim();
    match t.strip_suffix('.') {
        Some(s) if !s.ends_with('.') && !s.ends_with('/') => s.trim_end().to_string(),
        _ => t.to_string(),
    }
}

/// The agency lines when the converter lost them (the two-column table of the header often
/// disappears): the symbol names the kind of body ("BC-UBND" → "ỦY BAN NHÂN DÂN"), and the text
/// names the unit with its place ("phường Bạch Mai" → "PHƯỜNG BẠCH MAI"). Nothing is invented
/// when either is missing.
pub(crate) fn infer_agency(symbol: &str, place: &str, full_text: &str) -> Vec<String> {
    let body = match symbol.rsplit('-').next().map(str::trim) {
        Some("UBND") => "ỦY BAN NHÂN DÂN",
        Some("HĐND") => "HỘI ĐỒNG NHÂN DÂN",
        _ => return Vec::new(),
    };
    let mut lines = vec![body.to_string()];
    if !place.trim().is_empty() {
        for unit in ["phường", "xã", "thị trấn", "đặc khu"] {
            let wanted = format!("{unit} {}", place.trim());
            if find_ci(full_text, &wanted).is_some() {
                lines.push(wanted.to_uppercase());
                break;
            }
        }
    }
    lines
}

/// The printed lines of `g`, each with whether it is bold: a paragraph's lines share its
/// weight; in a table (the header's two columns) each line has its own, so that the upright
/// chủ quản line stays apart from the bold agency name under it.
fn weighted_lines(g: &Group) -> Vec<(String, bool)> {
    let Kind::Table { rows, .. } = &g.kind else {
        let bold = g.bold();
        return g.lines().into_iter().map(|l| (l, bold)).collect();
    };
    let mut out = Vec::new();
    for cell in rows.iter().flatten() {
        // Characters of the current line, and whether one of them is not bold.
        let (mut text, mut plain) = (String::new(), false);
        let mut flush = |text: &mut String, plain: &mut bool| {
            let t = collapse_spaces(text.trim());
            if !t.is_empty() {
                out.push((t, !*plain));
            }
            text.clear();
            *plain = false;
        };
        for r in cell {
            for c in r.text.chars() {
                if c == '\n' || c == '\t' {
                    flush(&mut text, &mut plain);
                } else {
                    text.push(c);
                    plain |= !r.bold && !c.is_whitespace();
                }
            }
        }
        flush(&mut text, &mut plain);
    }
    out
}

/// Urgency marks (độ khẩn) and the circulation marks in use, as printed (upper case).
const URGENCY: [&str; 4] = ["KHẨN", "THƯỢNG KHẨN", "HỎA TỐC", "HOẢ TỐC"];
const CIRCULATION: [&str; 2] = ["LƯU HÀNH NỘI BỘ", "XEM XONG TRẢ LẠI"];

/// A boxed mark: "DỰ THẢO" (or "Dự thảo lần 2") before the header, an urgency or circulation
/// mark on a line of its own; `false` when `line` is none.
fn take_mark(line: &str, f: &mut Found) -> bool {
    let upper = collapse_spaces(&line.to_uppercase());
    if f.agency.is_empty()
        && !f.evidence
        && f.marks.draft.is_none()
        && upper.starts_with("DỰ THẢO")
        && upper.chars().count() <= 40
    {
        f.marks.draft = Some(collapse_spaces(line));
        return true;
    }
    if f.marks.urgency.is_none() && URGENCY.contains(&upper.as_str()) {
        f.marks.urgency = Some(upper);
        return true;
    }
    if f.marks.circulation.is_none() && CIRCULATION.contains(&upper.as_str()) {
        f.marks.circulation = Some(upper);
        return true;
    }
    false
}

/// Recognises one header line; `false` when it is none of the header's lines.
fn take_line(line: &str, bold: bool, f: &mut Found) -> bool {
    let line = line.trim();
    if line.is_empty() || is_rule(line) || take_mark(line, f) {
        return true;
    }
    if let Some(rest) = strip_quoc_hieu(line) {
        f.evidence = true;
        return rest.is_empty() || take_line(&rest, bold, f);
    }
    if let Some(rest) = strip_tieu_ngu(line) {
        f.evidence = true;
        return rest.is_empty() || take_line(&rest, bold, f);
    }
    if let Some(rest) = so_line(line, f) {
        f.evidence = true;
        return rest.is_empty() || take_line(&rest, bold, f);
    }
    if f.place_date.is_none() {
        if let Some(pd) = date_line(line) {
            f.place_date = Some(pd);
            f.evidence = true;
            return true;
        }
    }
    let upper = line.to_uppercase();
    if f.doc_type.is_none() && DOC_TYPES.contains(&collapse_spaces(&upper).as_str()) {
        f.doc_type = Some(collapse_spaces(&upper));
        f.evidence = true;
        return true;
    }
    if f.doc_type.is_none()
        && f.symbol.is_none()
        && is_upper(line)
        && line.chars().count() <= 100
        && numbering(line).is_none()
    {
        f.agency.push((line.to_string(), bold));
        return true;
    }
    false
}

/// A line drawn with characters ("-----", "_____").
fn is_rule(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 3 && t.chars().all(|c| "-_=*─—–".contains(c))
}

/// The line without the Quốc hiệu, when it has it.
fn strip_quoc_hieu(line: &str) -> Option<String> {
    for qh in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ] {
        let l = collapse_spaces(line);
        if let Some(at) = find_ci(&l, qh) {
            let end = at + qh.len().min(l.len() - at);
            return Some(format!("{} {}", &l[..at], &l[end..]).trim().to_string());
        }
    }
    None
}

/// The line without the Tiêu ngữ "Độc lập - Tự do - Hạnh phúc", when it has it.
fn strip_tieu_ngu(line: &str) -> Option<String> {
    let start = find_ci(line, "độc lập")?;
    let tail = &line[start..];
    find_ci(tail, "tự do")?;
    let end = find_ci(tail, "hạnh phúc")? + "hạnh phúc".len();
    Some(
        format!("{} {}", &line[..start], &tail[end.min(tail.len())..])
            .trim()
            .to_string(),
    )
}

/// "Số: 05/BC-UBND" or "Số:      /BC-UBND": fills number and symbol; returns what follows.
fn so_line(line: &str, f: &mut Found) -> Option<String> {
    let rest = line
        .strip_prefix("Số")
        .or_else(|| line.strip_prefix("SỐ"))?
        .trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let slash = rest.find('/');
    let (num_part, after) = match slash {
        Some(s) => (&rest[..s], &rest[s + 1..]),
        None => (rest, ""),
    };
    if !num_part
        .chars()
        .all(|c| c.is_ascii_digit() || " ._…\u{00A0}".contains(c))
    {
        return None;
    }
    let digits: String = num_part.chars().filter(char::is_ascii_digit).collect();
    f.number = digits.parse().ok();
    let end = after.find(char::is_whitespace).unwrap_or(after.len());
    f.symbol = Some(after[..end].trim().to_string());
    Some(after[end..].trim().to_string())
}

/// "Bạch Mai, ngày 05 tháng 01 năm 2026" or with blanks: "Bạch Mai, ngày   tháng   năm 2026".
fn date_line(line: &str) -> Option<(String, DocDate)> {
    let at = find_ci(line, "ngày")?;
    let place = line[..at].trim().trim_end_matches(',').trim().to_string();
    let after = &line[at + "ngày".len()..];
    let m = find_ci(after, "tháng")?;
    let day_part = &after[..m];
    let after = &after[m + "tháng".len()..];
    let y = find_ci(after, "năm")?;
    let month_part = &after[..y];
    let year_part = after[y + "năm".len()..].trim_start();
    let year_digits: String = year_part.chars().take_while(char::is_ascii_digit).collect();
    if year_digits.len() != 4 || place.chars().count() > 60 {
        return None;
    }
    let field = |s: &str, max: u32| -> Option<Option<u32>> {
        let s = s.trim();
        if s.chars()
            .all(|c| c.is_whitespace() || ".…_".contains(c) || c == '\u{00A0}')
        {
            return Some(None);
        }
        let n: u32 = s.parse().ok()?;
        (1..=max).contains(&n).then_some(Some(n))
    };
    let day = field(day_part, 31)?;
    let month = field(month_part, 12)?;
    let year: i32 = year_digits.parse().ok()?;
    Some((place, DocDate { year, month, day }))
}

/// "Kính gửi: Ủy ban nhân dân Thành phố." or "Kính gửi:" with the recipients as a list.
fn kinh_gui(lines: &[String], out: &mut Vec<String>) {
    for (i, line) in lines.iter().enumerate() {
        let text = if i == 0 {
            let rest = line.get("kính gửi".len()..).unwrap_or("");
            rest.trim_start().trim_start_matches(':').trim()
        } else {
            line.trim()
        };
        let r = clean_recipient(text);
        if !r.is_empty() {
            out.push(r);
        }
    }
}

/// A recipient without its "- " and its ";" or ".".
pub(crate) fn clean_recipient(s: &str) -> String {
    let s = s.trim();
    let s = s
        .strip_prefix("- ")
        .or_else(|| s.strip_prefix("+ "))
        .or_else(|| s.strip_prefix("• "))
        .unwrap_or(s)
        .trim();
    let s = s.strip_suffix("./.").unwrap_or(s);
    collapse_spaces(s.trim_end_matches([';', '.', ',']).trim())
}

fn starts_ci(s: &str, prefix: &str) -> bool {
    find_ci(s, prefix) == Some(0)
}

/// Byte offset of `needle` in `hay`, ignoring case. Case changes of Vietnamese letters keep their
/// UTF-8 length, but the comparison walks characters so that no other letter can break an offset.
pub(crate) fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let needle: Vec<char> = needle.chars().flat_map(char::to_lowercase).collect();
    if needle.is_empty() {
        return Some(0);
    }
    let hay_chars: Vec<(usize, char)> = hay.char_indices().collect();
    'outer: for start in 0..hay_chars.len() {
        let mut k = 0;
        let mut j = start;
        while k < needle.len() {
            let Some(&(_, c)) = hay_chars.get(j) else {
                continue 'outer;
            };
            for lc in c.to_lowercase() {
                if needle.get(k) != Some(&lc) {
                    continue 'outer;
                }
                k += 1;
            }
            j += 1;
        }
        return Some(hay_chars[start].0);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn so_and_date_lines_keep_the_blanks_for_the_records_clerk() {
        let mut f = Found::default();
        assert_eq!(so_line("Số: /BC-UBND", &mut f), Some(String::new()));
        assert_eq!((f.number, f.symbol.as_deref()), (None, Some("BC-UBND")));
        assert_eq!(
            so_line(
                "Số:  05/BC-UBND   Bạch Mai, ngày 05 tháng 01 năm 2026",
                &mut f
            ),
            Some("Bạch Mai, ngày 05 tháng 01 năm 2026".to_string())
        );
        assert_eq!(f.number, Some(5));
        assert_eq!(so_line("Số liệu cho thấy", &mut f), None);
        assert_eq!(
            date_line("Bạch Mai, ngày tháng năm 2026"),
            Some((
                "Bạch Mai".to_string(),
                DocDate {
                    year: 2026,
                    month: None,
                    day: None
                }
            ))
        );
        assert_eq!(
            date_line("Hà Nội, ngày 15 tháng 6 năm 2026"),
            Some(("Hà Nội".to_string(), DocDate::from_ymd(2026, 6, 15)))
        );
        assert_eq!(
            date_line("Hà Nội, ngày ... tháng ... năm 2026").map(|d| d.1.day),
            Some(None)
        );
        assert_eq!(date_line("Tính đến ngày 23/5/2026 thu ngân sách"), None);
    }

    /// The header as Word files hold it: a two-column table, the chủ quản upright above the
    /// bold agency name, the marks boxed on lines of their own.
    #[test]
    fn a_header_table_keeps_the_chu_quan_apart_and_the_marks() {
        use crate::model::Run;
        let run = |t: &str, bold: bool| Run {
            bold,
            ..Run::plain(t)
        };
        let nl = || Run::plain("\n");
        let draft = Group {
            kind: Kind::Para,
            heading: false,
            runs: vec![run("Dự thảo lần 2", true)],
        };
        let table = Group {
            kind: Kind::Table {
                rows: vec![
                    vec![
                        vec![
                            run("UBND QUẬN HAI BÀ TRƯNG", false),
                            nl(),
                            run("ỦY BAN NHÂN DÂN", true),
                            nl(),
                            run("PHƯỜNG BẠCH MAI", true),
                        ],
                        vec![
                            run("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", true),
                            nl(),
                            run("Độc lập - Tự do - Hạnh phúc", true),
                        ],
                    ],
                    vec![
                        vec![
                            run("Số: 05/BC-UBND", false),
                            nl(),
                            run("KHẨN", true),
                            nl(),
                            run("LƯU HÀNH NỘI BỘ", true),
                        ],
                        vec![run("Bạch Mai, ngày 05 tháng 7 năm 2026", false)],
                    ],
                ],
                header: 0,
                widths: Vec::new(),
                spans: Vec::new(),
            },
            heading: false,
            runs: Vec::new(),
        };
        let para = |t: &str| Group {
            kind: Kind::Para,
            heading: false,
            runs: vec![run(t, true)],
        };
        let groups = [
            draft,
            table,
            para("BÁO CÁO"),
            para("Tình hình kinh tế - xã hội"),
        ];
        let mut r = Report::default();
        assert_eq!(parse(&groups, "", &mut r), 4);
        assert_eq!(r.issuer.parent.as_deref(), Some("UBND QUẬN HAI BÀ TRƯNG"));
        assert_eq!(r.issuer.name_lines, ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]);
        assert_eq!(r.marks.draft.as_deref(), Some("Dự thảo lần 2"));
        assert_eq!(r.marks.urgency.as_deref(), Some("KHẨN"));
        assert_eq!(r.marks.circulation.as_deref(), Some("LƯU HÀNH NỘI BỘ"));
        assert_eq!((r.number, r.date.day), (Some(5), Some(5)));
        assert_eq!(r.trich_yeu, "Tình hình kinh tế - xã hội");
    }

    #[test]
    fn agency_is_inferred_from_the_symbol_and_the_text() {
        assert_eq!(
            infer_agency("BC-UBND", "Bạch Mai", "… của phường Bạch Mai như sau"),
            vec!["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]
        );
        assert_eq!(
            infer_agency("BC-UBND", "Tân Lập", "xã Tân Lập"),
            vec!["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]
        );
        assert_eq!(
            infer_agency("BC-UBND", "Hà Nội", "không có"),
            vec!["ỦY BAN NHÂN DÂN"]
        );
        assert!(infer_agency("BC-SYT", "Hà Nội", "").is_empty());
    }

    #[test]
    fn a_trich_yeu_on_two_marked_lines_is_one() {
        let text = "## BÁO CÁO\n\n### Tình hình hoạt động chỉ đạo, điều hành\n\n### và nhiệm vụ năm 2026\n\nNội dung.";
        let groups = super::super::blocks::groups(text, true);
        let mut r = Report::default();
        assert_eq!(parse(&groups, text, &mut r), 3);
        assert_eq!(
            r.trich_yeu,
            "Tình hình hoạt động chỉ đạo, điều hành và nhiệm vụ năm 2026"
        );
    }

    #[test]
    fn trich_yeu_loses_only_a_final_full_stop() {
        assert_eq!(trich_yeu("Tình hình năm 2026."), "Tình hình năm 2026");
        assert_eq!(trich_yeu("Tình hình …"), "Tình hình …");
        assert_eq!(trich_yeu("Tình hình..."), "Tình hình...");
    }

    #[test]
    fn quoc_hieu_and_tieu_ngu_are_recognised_in_any_case_and_mixed_lines() {
        assert_eq!(
            strip_quoc_hieu("ỦY BAN NHÂN DÂN  CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM").as_deref(),
            Some("ỦY BAN NHÂN DÂN")
        );
        assert_eq!(
            strip_tieu_ngu("PHƯỜNG BẠCH MAI Độc lập - Tự do - Hạnh phúc").as_deref(),
            Some("PHƯỜNG BẠCH MAI")
        );
        assert_eq!(find_ci("Kính Gửi: UBND", "kính gửi"), Some(0));
    }
}
