//! The two columns at the top of page 1 (Nghị định 30/2020, Phụ lục I, "Quốc hiệu và Tiêu ngữ",
//! "Tên cơ quan ban hành", "Số, ký hiệu", "Địa danh và thời gian").
//!
//! Left column (≈ 40 % of the text width), each line centred: the chủ quản (UPPER, 12–13 pt, not
//! bold), the agency name (UPPER, 12–13 pt, bold, may take several lines) with a solid rule 1/3 to
//! 1/2 as long as the text line under it, then "Số: 05/BC-UBND" (13 pt upright).
//! Right column (≈ 60 %), each line centred: Quốc hiệu (UPPER, 12–13 pt, bold, on one line), Tiêu
//! ngữ (13–14 pt, bold) with a rule exactly as long as its text, then the place and date (13–14 pt,
//! italic) on the same baseline as the "Số:" line.

use super::balance;
use super::geometry::{hrule, shift, Ctx, Geometry, FIT_EPS};
use super::lines::{lines, tag, Line, ParaStyle, Span};
use super::marks;
use super::Chunk;
use crate::model::date::DATE_BLANK;
use crate::model::Report;
use crate::page::{mm, Item, Source, TextItem};
use crate::text::{Face, Measurer};

/// Share of the text width taken by the left column (practice: about 40 %).
pub const LEFT_COLUMN_SHARE: f32 = 0.4;
/// Tên cơ quan chủ quản: 12–13 pt, regular; the largest that fits (see [`agency_lines`]).
pub const PARENT_PT: [f32; 3] = [13.0, 12.5, 12.0];
/// Tên cơ quan ban hành: 12–13 pt, bold; the largest that fits (see [`agency_lines`]).
pub const AGENCY_PT: [f32; 3] = [13.0, 12.5, 12.0];
/// The rule under the agency name: between 1/3 and 1/2 of the text line; 0.4 sits inside.
pub const AGENCY_RULE_SHARE: f32 = 0.4;
/// "Số: …": 13 pt.
pub const NUMBER_PT: f32 = 13.0;
pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Quốc hiệu: 12–13 pt bold, the largest size at which it fits the column on one line.
pub const QUOC_HIEU_PT: [f32; 3] = [13.0, 12.5, 12.0];
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// Tiêu ngữ: 13–14 pt bold.
pub const TIEU_NGU_PT: f32 = 14.0;
/// Địa danh và ngày tháng: 13–14 pt italic; 13 pt when a long place name would not fit at 14.
pub const DATE_PT: [f32; 2] = [14.0, 13.0];
/// Gap between the bottom of a line box and the rule drawn under it.
pub const RULE_GAP_PT: f32 = 2.0;
/// Gap between the lower of the two rules and the line box of "Số" / date.
pub const NUMBER_LINE_GAP_PT: f32 = 6.0;
/// The least room between the printed text of the two columns, whatever the text: with less,
/// the agency name and the Quốc hiệu read as one line.
pub const GUTTER_MM: f32 = 4.0;

/// Words before which an agency name breaks, as a clerk breaks it: the administrative unit
/// ("ỦY BAN NHÂN DÂN" / "PHƯỜNG THƯỢNG THANH") or the office ("SỞ NỘI VỤ", "PHÒNG KINH TẾ").
const UNIT_WORDS: &[&str] = &[
    "PHƯỜNG",
    "XÃ",
    "THỊ TRẤN",
    "THỊ XÃ",
    "QUẬN",
    "HUYỆN",
    "TỈNH",
    "THÀNH PHỐ",
    "ĐẶC KHU",
    "SỞ",
    "PHÒNG",
    "BAN",
    "VĂN PHÒNG",
    "TRUNG TÂM",
    "TRƯỜNG",
    "CÔNG AN",
];

/// A unit word that is not a unit here: "ỦY BAN", "XÃ HỘI", "PHÒNG CHỐNG", "THỊ XÃ".
fn is_unit_at(words: &[&str], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| words[p]);
    let next = words.get(i + 1).copied();
    UNIT_WORDS.iter().any(|u| {
        let uw: Vec<&str> = u.split(' ').collect();
        words[i..].starts_with(&uw)
    }) && !matches!(
        (prev, words[i], next),
        (Some("ỦY"), "BAN", _)
            | (_, "XÃ", Some("HỘI"))
            | (Some("THỊ"), "XÃ", _)
            | (_, "PHÒNG", Some("CHỐNG" | "NGỪA"))
            | (_, "BAN", Some("HÀNH"))
    )
}

/// The lines of an agency name (or a chủ quản line) as printed, and their size: each entry the
/// user typed is one line when it fits `max_w`; one that does not is broken before a unit word
/// (see [`UNIT_WORDS`]); the size goes down within the decree's 12–13 pt (`sizes`, largest
/// first) before a word group is broken; at the smallest size a group still too wide is broken
/// into lines of balanced length. Used by the layout and by the `.docx` painter.
pub fn agency_lines(
    m: &Measurer,
    entries: &[String],
    face: Face,
    sizes: &[f32],
    max_w: f32,
) -> (f32, Vec<String>) {
    let entries: Vec<String> = entries
        .iter()
        .map(|e| {
            e.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_uppercase()
        })
        .filter(|e| !e.is_empty())
        .collect();
    let fits = |t: &str, size: f32| m.width(face, t, size) <= max_w + FIT_EPS;
    for &size in sizes {
        let mut out = Vec::new();
        let mut ok = true;
        for e in &entries {
            if fits(e, size) {
                out.push(e.clone());
            } else if let Some(parts) = unit_split(e, |t| fits(t, size)) {
                out.extend(parts);
            } else {
                ok = false;
                break;
            }
        }
        if ok {
            return (size, out);
        }
    }
    let size = sizes.last().copied().unwrap_or(12.0);
    let mut out = Vec::new();
    for e in &entries {
        let parts = unit_split(e, |_| true).unwrap_or_else(|| vec![e.clone()]);
        for p in parts {
            if fits(&p, size) {
                out.push(p);
            } else {
                out.extend(balance::balance_text(m, &p, face, size, max_w));
            }
        }
    }
    (size, out)
}

/// `text` broken before unit words into the fewest pieces that all `fit`, the widest piece as
/// narrow as can be among those; `None` when no choice of unit breaks fits. With `fit` always
/// true, the break that balances best at one unit boundary (or every boundary when needed).
fn unit_split(text: &str, fit: impl Fn(&str) -> bool) -> Option<Vec<String>> {
    let words: Vec<&str> = text.split(' ').collect();
    let bounds: Vec<usize> = (1..words.len())
        .filter(|&i| is_unit_at(&words, i))
        .collect();
    if bounds.is_empty() || bounds.len() > 12 {
        return None;
    }
    let mut best: Option<(usize, usize, Vec<String>)> = None;
    for mask in 1u32..(1 << bounds.len()) {
        let mut cuts: Vec<usize> = bounds
            .iter()
            .enumerate()
            .filter(|(k, _)| mask & (1 << k) != 0)
            .map(|(_, &b)| b)
            .collect();
        cuts.push(words.len());
        let mut parts = Vec::with_capacity(cuts.len());
        let mut a = 0;
        for &b in &cuts {
            parts.push(words[a..b].join(" "));
            a = b;
        }
        if !parts.iter().all(|p| fit(p)) {
            continue;
        }
        let widest = parts.iter().map(|p| p.chars().count()).max().unwrap_or(0);
        let better = match &best {
            None => true,
            Some((n, w, _)) => parts.len() < *n || (parts.len() == *n && widest < *w),
        };
        if better {
            best = Some((parts.len(), widest, parts));
        }
    }
    best.map(|(_, _, p)| p)
}

/// Every decision of the header's two columns: where the columns are, the sizes, and the lines
/// of the chủ quản and agency name. The layout draws from it and the `.docx` painter writes its
/// header table from it, so both print the same lines at the same sizes.
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPlan {
    /// Left edge and width of the left column (its text centred in it), points from the page's
    /// left edge.
    pub left_x: f32,
    pub left_w: f32,
    /// Left edge and width of the right column.
    pub right_x: f32,
    pub right_w: f32,
    /// The widest the left column's text may be: [`GUTTER_MM`] stays between it and the right
    /// column's text.
    pub left_text_max: f32,
    /// The chủ quản's size and lines (empty when there is none).
    pub parent_pt: f32,
    pub parent_lines: Vec<String>,
    /// The agency name's size and lines.
    pub agency_pt: f32,
    pub agency_lines: Vec<String>,
    pub quoc_hieu_pt: f32,
    /// The date line's size and its lines (one unless a very long place name must wrap).
    pub date_pt: f32,
    pub date_lines: Vec<String>,
    /// "Số: 05/BC-UBND".
    pub number: String,
    /// Length of the rule under the agency name (0 without one): a share of its widest line.
    pub agency_rule: f32,
    /// Length of the rule under the Tiêu ngữ: exactly its text.
    pub tieu_ngu_rule: f32,
}

/// The header's plan for `r` on a portrait page with the report's margins.
pub fn plan(m: &Measurer, r: &Report) -> HeaderPlan {
    plan_on(m, r, &Geometry::portrait(&r.settings.clamped()))
}

fn plan_on(m: &Measurer, r: &Report, geo: &Geometry) -> HeaderPlan {
    let tw = geo.text_width();
    let gutter = mm(GUTTER_MM);
    // Quốc hiệu never wraps: take the largest decree size that fits 60 % of the width; should
    // even 12 pt not fit (narrow margins), the right column grows and the left one gives way.
    let qh_sizes = QUOC_HIEU_PT.map(|s| (s, m.width(Face::Bold, QUOC_HIEU, s)));
    let right_share_w = tw * (1.0 - LEFT_COLUMN_SHARE);
    let (qh_pt, qh_w) = qh_sizes
        .iter()
        .copied()
        .find(|&(_, w)| w <= right_share_w + FIT_EPS)
        .unwrap_or(qh_sizes[qh_sizes.len() - 1]);
    let right_w = right_share_w.max(qh_w);
    let left_w = tw - right_w;
    let lx = geo.left;
    let rx = geo.left + left_w;
    let cl = lx + left_w / 2.0;
    let cr = rx + right_w / 2.0;

    // The right column's text starts here (the Quốc hiệu or the Tiêu ngữ, whichever is wider);
    // the left column's text, centred on `cl`, keeps the gutter from it.
    let tn_w = m.width(Face::Bold, TIEU_NGU, TIEU_NGU_PT);
    let right_text_left = cr - qh_w.max(tn_w) / 2.0;
    let left_text_max = left_w.min(2.0 * (right_text_left - gutter - cl)).max(1.0);

    let parent: Vec<String> = r
        .issuer
        .parent
        .iter()
        .filter(|p| !p.trim().is_empty())
        .cloned()
        .collect();
    let (parent_pt, parent_lines) =
        agency_lines(m, &parent, Face::Regular, &PARENT_PT, left_text_max);
    let (agency_pt, agency_lines) = agency_lines(
        m,
        &r.issuer.name_lines,
        Face::Bold,
        &AGENCY_PT,
        left_text_max,
    );

    // "Số" and the date share a baseline: the date keeps the gutter from the Số line, going
    // down to 13 pt and, for a place name too long even then, onto a second line.
    let number = number_line(r.number, &r.issuer.symbol);
    let number_right = cl + m.width(Face::Regular, &number, NUMBER_PT) / 2.0;
    let date_max = right_w
        .min(2.0 * (cr - number_right - gutter))
        .min(2.0 * (geo.right - cr))
        .max(1.0);
    let date_text = r.date.line(&r.place);
    let (date_pt, date_lines) = match DATE_PT
        .iter()
        .find(|&&s| m.width(Face::Italic, &date_text, s) <= date_max + FIT_EPS)
    {
        Some(&s) => (s, vec![date_text]),
        None => {
            let s = DATE_PT[DATE_PT.len() - 1];
            (
                s,
                balance::balance_text(m, &date_text, Face::Italic, s, date_max),
            )
        }
    };
    let agency_rule = agency_lines
        .iter()
        .map(|l| m.width(Face::Bold, l, agency_pt))
        .fold(0.0f32, f32::max)
        * AGENCY_RULE_SHARE;
    HeaderPlan {
        left_x: lx,
        left_w,
        right_x: rx,
        right_w,
        left_text_max,
        parent_pt,
        parent_lines,
        agency_pt,
        agency_lines,
        quoc_hieu_pt: qh_pt,
        date_pt,
        date_lines,
        number,
        agency_rule,
        tieu_ngu_rule: tn_w,
    }
}

fn header_source(field: &str) -> Source {
    Source::Header {
        field: field.to_string(),
    }
}

/// Lines of a column stacked from `top` at single spacing; returns the bottom of the last line box.
fn stack(ctx: &Ctx, ls: Vec<Line>, size: f32, top: f32, out: &mut Vec<Item>) -> f32 {
    let line = ctx.single_line(size);
    let mut y = top;
    for l in ls {
        let base = y + ctx.baseline_in(line, size);
        for mut it in l.items {
            shift(&mut it, 0.0, base);
            out.push(it);
        }
        y += line;
    }
    y
}

/// "Số: 05/BC-UBND"; a number under 10 takes a leading zero; no number leaves the blank the văn
/// thư fills in by hand: "Số:      /BC-UBND".
pub fn number_line(number: Option<u32>, symbol: &str) -> String {
    let no = match number {
        Some(n) => format!("{n:02}"),
        None => DATE_BLANK.to_string(),
    };
    let symbol = symbol.trim();
    if symbol.is_empty() {
        format!("Số: {no}")
    } else {
        format!("Số: {no}/{symbol}")
    }
}

/// A single text item centred in the column [x, x + w].
fn centred_item(
    ctx: &Ctx,
    (x, w): (f32, f32),
    y: f32,
    face: Face,
    size: f32,
    text: String,
    source: Option<Source>,
) -> Item {
    let width = ctx.width(face, &text, size);
    Item::Text(TextItem {
        x: x + (w - width) / 2.0,
        y,
        size,
        face,
        text,
        width,
        source,
    })
}

/// Planned lines, each one printed line centred in the column (the plan already broke them).
fn planned(
    ctx: &Ctx,
    texts: &[String],
    (x, w): (f32, f32),
    size: f32,
    bold: bool,
    italic: bool,
    source: &Source,
) -> Vec<Line> {
    let mut out = Vec::new();
    for t in texts {
        let spans = [Span::plain(t.as_str())];
        // Wide enough for the planned line: it is never broken again here.
        let width = w.max(ctx.width(Face::new(bold, italic), t, size) + 1.0);
        let x = x + (w - width) / 2.0;
        let mut ls = lines(
            ctx,
            &spans,
            &ParaStyle::centred(x, width, size, bold, italic),
        );
        tag(&mut ls, source);
        out.extend(ls);
    }
    out
}

pub fn lay_out(ctx: &Ctx, r: &Report, out: &mut Vec<Chunk>) {
    let p = plan_on(ctx.m, r, &ctx.geo);
    let (lx, left_w, rx, right_w) = (p.left_x, p.left_w, p.right_x, p.right_w);

    let mut items = Vec::new();

    // Left column: chủ quản, agency name lines, rule.
    let issuer = header_source("issuer");
    let ls = planned(
        ctx,
        &p.parent_lines,
        (lx, left_w),
        p.parent_pt,
        false,
        false,
        &issuer,
    );
    let mut y = stack(ctx, ls, p.parent_pt, 0.0, &mut items);
    let ls = planned(
        ctx,
        &p.agency_lines,
        (lx, left_w),
        p.agency_pt,
        true,
        false,
        &issuer,
    );
    y = stack(ctx, ls, p.agency_pt, y, &mut items);
    let left_rule = if p.agency_rule > 0.0 {
        y + RULE_GAP_PT
    } else {
        y
    };
    if p.agency_rule > 0.0 {
        let len = p.agency_rule;
        let x1 = lx + (left_w - len) / 2.0;
        items.push(hrule(x1, x1 + len, left_rule));
    }

    // Right column: Quốc hiệu, Tiêu ngữ and its rule.
    let qh_pt = p.quoc_hieu_pt;
    let qh_line = ctx.single_line(qh_pt);
    items.push(centred_item(
        ctx,
        (rx, right_w),
        ctx.baseline_in(qh_line, qh_pt),
        Face::Bold,
        qh_pt,
        QUOC_HIEU.to_string(),
        None,
    ));
    let tn_line = ctx.single_line(TIEU_NGU_PT);
    let tn_base = qh_line + ctx.baseline_in(tn_line, TIEU_NGU_PT);
    let tn = centred_item(
        ctx,
        (rx, right_w),
        tn_base,
        Face::Bold,
        TIEU_NGU_PT,
        TIEU_NGU.to_string(),
        None,
    );
    let right_rule = qh_line + tn_line + RULE_GAP_PT;
    if let Item::Text(t) = &tn {
        items.push(hrule(t.x, t.x + t.width, right_rule));
    }
    items.push(tn);

    // "Số" and the date on one baseline, under the lower of the two rules.
    let date_pt = p.date_pt;
    let line = ctx.single_line(date_pt.max(NUMBER_PT));
    let top = left_rule.max(right_rule) + NUMBER_LINE_GAP_PT;
    let base = top + ctx.baseline_in(line, date_pt.max(NUMBER_PT));
    items.push(centred_item(
        ctx,
        (lx, left_w),
        base,
        Face::Regular,
        NUMBER_PT,
        p.number.clone(),
        Some(header_source("number")),
    ));
    let date_source = header_source("date");
    let date_line = ctx.single_line(date_pt);
    for (k, text) in p.date_lines.iter().enumerate() {
        // One item per line: the blanks of "ngày      tháng" stay whole for the văn thư.
        items.push(centred_item(
            ctx,
            (rx, right_w),
            base + k as f32 * date_line,
            Face::Italic,
            date_pt,
            text.clone(),
            Some(date_source.clone()),
        ));
    }
    let extra_date_lines = p.date_lines.len().saturating_sub(1) as f32 * date_line;
    let mut bottom = top + line + extra_date_lines;

    // Urgency and circulation marks, boxed, under the "Số" line in the left column.
    bottom = marks::under_number(ctx, r, lx, left_w, top + line, &mut items).max(bottom);

    out.push(Chunk {
        height: bottom,
        space_before: 0.0,
        break_before: true,
        keep_with_next: true,
        repeat_above: None,
        close_below: Vec::new(),
        items,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_takes_a_leading_zero_or_keeps_the_blank() {
        assert_eq!(number_line(Some(5), "BC-UBND"), "Số: 05/BC-UBND");
        assert_eq!(number_line(Some(123), "BC-UBND"), "Số: 123/BC-UBND");
        assert_eq!(number_line(None, "BC-UBND"), "Số:      /BC-UBND");
        assert_eq!(number_line(Some(7), " "), "Số: 07");
    }

    fn m() -> Measurer {
        Measurer::new(crate::text::FontSet::get())
    }

    fn lines_of(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn agency_names_break_before_the_unit_and_shrink_before_a_group_breaks() {
        let m = m();
        let w = m.width(Face::Bold, "PHƯỜNG THƯỢNG THANH", 13.0) + 2.0;
        let (pt, ls) = agency_lines(
            &m,
            &lines_of(&["Ủy ban nhân dân phường Thượng Thanh"]),
            Face::Bold,
            &AGENCY_PT,
            w,
        );
        assert_eq!(
            (pt, ls),
            (13.0, lines_of(&["ỦY BAN NHÂN DÂN", "PHƯỜNG THƯỢNG THANH"]))
        );
        // A group 5 % too wide at 13 pt is set at 12.5 or 12 pt, whole.
        let w = m.width(Face::Bold, "PHƯỜNG THƯỢNG THANH", 13.0) * 0.95;
        let (pt, ls) = agency_lines(
            &m,
            &lines_of(&["ỦY BAN NHÂN DÂN", "PHƯỜNG THƯỢNG THANH"]),
            Face::Bold,
            &AGENCY_PT,
            w,
        );
        assert!((12.0..13.0).contains(&pt), "{pt}");
        assert_eq!(ls, lines_of(&["ỦY BAN NHÂN DÂN", "PHƯỜNG THƯỢNG THANH"]));
    }

    #[test]
    fn unit_words_that_are_not_units_do_not_break() {
        let split = |t: &str| unit_split(t, |p| p.chars().count() <= 22);
        assert_eq!(
            split("ỦY BAN NHÂN DÂN QUẬN HAI BÀ TRƯNG"),
            Some(lines_of(&["ỦY BAN NHÂN DÂN", "QUẬN HAI BÀ TRƯNG"]))
        );
        assert_eq!(
            split("BẢO HIỂM XÃ HỘI THỊ XÃ SƠN TÂY"),
            Some(lines_of(&["BẢO HIỂM XÃ HỘI", "THỊ XÃ SƠN TÂY"]))
        );
        assert_eq!(split("BAN CHỈ ĐẠO PHÒNG CHỐNG THIÊN TAI"), None);
    }
}
