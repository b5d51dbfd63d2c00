//! The heading of an appendix (Nghị định 30/2020, Phụ lục I, "Phụ lục văn bản").
//!
//! Each appendix starts a new page: "Phụ lục I" centred, 14 pt bold (Roman numbers when there are
//! two or more, "Phụ lục" alone otherwise), the title UPPER CASE, 13–14 pt bold, centred, then
//! "(Kèm theo Báo cáo số …/BC-UBND ngày … tháng … năm … của …)" centred, italic, then a short rule.
//! Its pages are numbered on their own (see `page_number`); wide tables may use a landscape page.

use super::geometry::{hrule, Ctx};
use super::header::number_line;
use super::lines::{line_chunks, lines, tag, Line, ParaStyle, Span};
use super::{keep_together, Chunk};
use crate::model::date::DATE_BLANK;
use crate::model::numbering::roman;
use crate::model::{Appendix, Report};
use crate::page::Source;

/// "Phụ lục I": 14 pt bold.
pub const LABEL_PT: f32 = 14.0;
/// The appendix title: 13–14 pt bold.
pub const TITLE_PT: f32 = 14.0;
/// "(Kèm theo …)": italic, the body's size range; 14 pt.
pub const KEM_THEO_PT: f32 = 14.0;
/// The short rule under the heading: this share of its longest line.
pub const RULE_SHARE: f32 = 0.4;
pub const RULE_GAP_PT: f32 = 1.0;
pub const AFTER_RULE_PT: f32 = 12.0;

/// A blank kept for the văn thư in running text: no-break spaces, so it survives line breaking.
const NB_BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// "Phụ lục I", or "Phụ lục" when there is only one.
pub fn label(index: usize, count: usize) -> String {
    if count >= 2 {
        format!("Phụ lục {}", roman(index + 1))
    } else {
        "Phụ lục".to_string()
    }
}

/// The issuing body in running text: "ỦY BAN NHÂN DÂN" / "PHƯỜNG BẠCH MAI" →
/// "Ủy ban nhân dân phường Bạch Mai". The first line is a common noun (sentence case); on the
/// next lines the first word is the unit (lower case) and the rest a proper name (each word
/// capitalised). Wherever an administrative unit stands before a name ("PHƯỜNG KINH BẮC" alone,
/// "ỦY BAN NHÂN DÂN PHƯỜNG KINH BẮC" on one line, "Phường kinh bắc" as someone typed it), the
/// unit is lower case and the name after it capitalised, whatever the source's capitals.
/// Abbreviations (UBND, HĐND, MTTQ) stay as they are.
pub fn issuer_in_text(lines: &[String]) -> String {
    fn capitalised(lower: &str) -> String {
        let mut c = lower.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect(),
            None => String::new(),
        }
    }
    let mut words_out: Vec<String> = Vec::new();
    for (li, line) in lines.iter().enumerate() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        // Where the proper name starts on this line: after its first unit word that has a
        // name after it.
        let unit = (0..words.len()).find_map(|k| {
            UNITS.iter().find_map(|u| {
                let end = k + u.len();
                (end < words.len() && lower[k..end].iter().zip(u.iter()).all(|(a, b)| a == b))
                    .then_some((k, end))
            })
        });
        for (wi, w) in words.iter().enumerate() {
            let first = li == 0 && wi == 0;
            let capital = match unit {
                Some((_, end)) if wi >= end => true,
                Some((k, _)) if wi >= k => first,
                _ => first || (li > 0 && wi > 0),
            };
            // "số 5" after a unit is its number, not part of a name.
            let number_word = lower[wi] == "số"
                && words
                    .get(wi + 1)
                    .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            words_out.push(if is_abbreviation(w) {
                w.to_string()
            } else if capital && (first || !number_word) {
                capitalised(&lower[wi])
            } else {
                lower[wi].clone()
            });
        }
    }
    words_out.join(" ")
}

/// Administrative units, lower case: the words after one are the place's proper name. The
/// last ones are the units below a ward or commune ("TỔ DÂN PHỐ SỐ 5" of a unit's header).
const UNITS: &[&[&str]] = &[
    &["thị", "trấn"],
    &["thị", "xã"],
    &["thành", "phố"],
    &["đặc", "khu"],
    &["phường"],
    &["xã"],
    &["quận"],
    &["huyện"],
    &["tỉnh"],
    &["tổ", "dân", "phố"],
    &["khu", "phố"],
    &["thôn"],
    &["ấp"],
];

/// The lines that name the issuing body in running text: its name, after its chủ quản when
/// the chủ quản is only the kind of body and the name only the place ("ỦY BAN NHÂN DÂN" upright
/// over a bold "PHƯỜNG KINH BẮC", as some offices set the header).
fn issuer_lines(r: &Report) -> Vec<String> {
    let name = &r.issuer.name_lines;
    let bare = r.issuer.parent.as_deref().is_some_and(|p| {
        matches!(
            p.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
                .as_str(),
            "ủy ban nhân dân" | "uỷ ban nhân dân" | "hội đồng nhân dân"
        )
    });
    let place_only = name.first().is_some_and(|l| {
        let l = l.to_lowercase();
        UNITS
            .iter()
            .any(|u| l.starts_with(&format!("{} ", u.join(" "))))
    });
    if bare && place_only {
        let mut v = vec![r.issuer.parent.clone().unwrap_or_default()];
        v.extend(name.iter().cloned());
        v
    } else {
        name.clone()
    }
}

/// A word that is not one Vietnamese syllable: no vowel (HĐND), or letters after its vowels that
/// no syllable ends with (UBND, UBMTTQ).
fn is_abbreviation(w: &str) -> bool {
    const FINALS: [&str; 9] = ["", "C", "CH", "M", "N", "NG", "NH", "P", "T"];
    let Some(first) = w.find(is_vowel) else {
        return true;
    };
    let tail = &w[first..];
    let rest = tail.trim_start_matches(is_vowel);
    let rest = rest.trim_end_matches(|c: char| !c.is_alphabetic());
    !FINALS.contains(&rest.to_uppercase().as_str())
}

fn is_vowel(c: char) -> bool {
    use unicode_normalization::char::decompose_canonical;
    let mut base = c;
    decompose_canonical(c, |d| {
        if base == c {
            base = d;
        }
    });
    matches!(base.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
        || matches!(c, 'ư' | 'Ư' | 'ơ' | 'Ơ')
}

/// "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân phường Bạch Mai)",
/// with the blanks of a number or date not yet given kept.
pub fn kem_theo(r: &Report) -> String {
    let doc = {
        let t = r.doc_type.trim().to_lowercase();
        let mut c = t.chars();
        match c.next() {
            Some(f) => f.to_uppercase().chain(c).collect::<String>(),
            None => "Báo cáo".to_string(),
        }
    };
    let no = number_line(r.number, &r.issuer.symbol)
        .trim_start_matches("Số: ")
        .replace(DATE_BLANK, NB_BLANK);
    let date = r
        .date
        .words()
        .replace(&format!(" {DATE_BLANK} "), &format!(" {NB_BLANK} "));
    let by = issuer_in_text(&issuer_lines(r));
    if by.is_empty() {
        format!("(Kèm theo {doc} số {no} {date})")
    } else {
        format!("(Kèm theo {doc} số {no} {date} của {by})")
    }
}

/// What an appendix heading prints, decided once here for every painter.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// "Phụ lục I" (or "Phụ lục"), the title upper case, "(Kèm theo …)".
    pub label: String,
    pub title: String,
    pub kem_theo: String,
    /// Length of the short rule under the heading.
    pub rule: f32,
}

/// The heading's decisions for appendix `a`, the `index`-th of `count`.
pub fn plan(ctx: &Ctx, r: &Report, a: &Appendix, index: usize, count: usize) -> Plan {
    let [label, title, kem_theo] = parts(r, a, index, count);
    let rule = rule_len(&part_lines(
        ctx,
        &[label.clone(), title.clone(), kem_theo.clone()],
    ));
    Plan {
        label: label.0,
        title: title.0,
        kem_theo: kem_theo.0,
        rule,
    }
}

/// Text, size, bold, italic of each line of the heading.
type PartSpec = (String, f32, bool, bool);

fn parts(r: &Report, a: &Appendix, index: usize, count: usize) -> [PartSpec; 3] {
    [
        (label(index, count), LABEL_PT, true, false),
        (a.title.trim().to_uppercase(), TITLE_PT, true, false),
        (kem_theo(r), KEM_THEO_PT, false, true),
    ]
}

/// Each non-empty part's lines, centred across the text width in balanced lines, with its size.
fn part_lines(ctx: &Ctx, parts: &[PartSpec]) -> Vec<(Vec<Line>, f32)> {
    let geo = ctx.geo;
    parts
        .iter()
        .filter(|(text, ..)| !text.is_empty())
        .map(|(text, size, bold, italic)| {
            let st = ParaStyle::centred(geo.left, geo.text_width(), *size, *bold, *italic);
            (lines(ctx, &[Span::plain(text.as_str())], &st), *size)
        })
        .collect()
}

/// The rule under the heading: a share of its longest line.
fn rule_len(parts: &[(Vec<Line>, f32)]) -> f32 {
    parts
        .iter()
        .flat_map(|(ls, _)| ls.iter().map(|l| l.width))
        .fold(0.0f32, f32::max)
        * RULE_SHARE
}

pub fn heading(
    ctx: &Ctx,
    r: &Report,
    a: &Appendix,
    index: usize,
    count: usize,
    out: &mut Vec<Chunk>,
) {
    let geo = ctx.geo;
    let tw = geo.text_width();
    let source = Source::Appendix { id: a.id.clone() };
    let mut chunks = Vec::new();
    let parts = part_lines(ctx, &parts(r, a, index, count));
    let len = rule_len(&parts);
    for (mut ls, size) in parts {
        tag(&mut ls, &source);
        chunks.extend(line_chunks(ctx, ls, size, ctx.single_line(size), 0.0));
    }
    let x1 = geo.left + (tw - len) / 2.0;
    chunks.push(Chunk {
        height: RULE_GAP_PT + AFTER_RULE_PT,
        space_before: 0.0,
        break_before: false,
        keep_with_next: true,
        repeat_above: None,
        close_below: Vec::new(),
        items: vec![hrule(x1, x1 + len, RULE_GAP_PT)],
    });
    keep_together(&mut chunks);
    chunks[0].break_before = true;
    out.extend(chunks);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DocDate, Issuer};

    #[test]
    fn labels_are_roman_only_when_there_are_several() {
        assert_eq!(label(0, 1), "Phụ lục");
        assert_eq!(label(0, 2), "Phụ lục I");
        assert_eq!(label(3, 4), "Phụ lục IV");
    }

    #[test]
    fn issuer_reads_as_running_text() {
        let l = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            issuer_in_text(&l(&["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"])),
            "Ủy ban nhân dân phường Bạch Mai"
        );
        assert_eq!(
            issuer_in_text(&l(&["ỦY BAN NHÂN DÂN", "QUẬN HAI BÀ TRƯNG"])),
            "Ủy ban nhân dân quận Hai Bà Trưng"
        );
        assert_eq!(issuer_in_text(&l(&["UBND PHƯỜNG X"])), "UBND phường X");
        assert_eq!(issuer_in_text(&l(&["Phường kinh bắc"])), "Phường Kinh Bắc");
        assert_eq!(
            issuer_in_text(&l(&["ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI"])),
            "Ủy ban nhân dân thành phố Hà Nội"
        );
        assert_eq!(
            issuer_in_text(&l(&["ỦY BAN NHÂN DÂN", "XÃ TÂN TRIỀU"])),
            "Ủy ban nhân dân xã Tân Triều"
        );
    }

    #[test]
    fn kem_theo_keeps_blanks_and_fills_given_values() {
        let r = Report {
            issuer: Issuer {
                name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
                symbol: "BC-UBND".into(),
                ..Issuer::default()
            },
            number: Some(5),
            date: DocDate::from_ymd(2026, 1, 5),
            doc_type: "BÁO CÁO".into(),
            ..Report::default()
        };
        assert_eq!(
            kem_theo(&r),
            "(Kèm theo Báo cáo số 05/BC-UBND ngày 05 tháng 01 năm 2026 của Ủy ban nhân dân phường Bạch Mai)"
        );
        let blank = Report {
            number: None,
            date: DocDate::default(),
            ..r
        };
        let b = NB_BLANK;
        assert_eq!(
            kem_theo(&blank),
            format!("(Kèm theo Báo cáo số {b}/BC-UBND ngày {b} tháng {b} năm 2026 của Ủy ban nhân dân phường Bạch Mai)")
        );
    }
}
