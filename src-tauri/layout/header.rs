//! The two columns at the top of page 1 (Nghị định 30/2020, Phụ lục I, "Quốc hiệu và Tiêu ngữ",
//! "Tên cơ quan ban hành", "Số, ký hiệu", "Địa danh và thời gian").
//!
//! Left column (≈ 40 % of the text width), each line centred: the chủ quản (UPPER, 12–13 pt, not
//! bold), the agency name (UPPER, 12–13 pt, bold, may take several lines) with a solid rule 1/3 to
//! 1/2 as long as the text line under it, then "Số: 05/BC-UBND" (13 pt upright).
//! Right column (≈ 60 %), each line centred: Quốc hiệu (UPPER, 12–13 pt, bold, on one line), Tiêu
//! ngữ (13–14 pt, bold) with a rule exactly as long as its text, then the place and date (13–14 pt,
//! italic) on the same baseline as the "Số:" line.

use super::body::{lines, tag, Line, ParaStyle, Span};
use super::geometry::{hrule, shift, Ctx, FIT_EPS};
use super::marks;
use super::Chunk;
use crate::model::date::DATE_BLANK;
use crate::model::Report;
use crate::page::{Item, Source, TextItem};
use crate::text::{Face, Measurer};

/// Share of the text width taken by the left column (practice: about 40 %).
pub const LEFT_COLUMN_SHARE: f32 = 0.4;
/// Tên cơ quan chủ quản: 12–13 pt, regular.
pub const PARENT_PT: f32 = 13.0;
/// Tên cơ quan ban hành: 12–13 pt, bold.
pub const AGENCY_PT: f32 = 13.0;
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

/// What the header prints and at which size, decided once here for every painter: the pages
/// (through [`lay_out`]) and the Word file, which flows the same lines in a table of the same
/// columns. (Field names as on branch `layout`, whose plan has all but the two rule lengths.)
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderPlan {
    /// Widths of the left and right columns, in points; together the text width.
    pub left_w: f32,
    pub right_w: f32,
    /// The Quốc hiệu's size: the largest of the decree's sizes that keeps it on one line.
    pub quoc_hieu_pt: f32,
    /// The chủ quản's size and lines (none without one), upper case, as broken for the column.
    pub parent_pt: f32,
    pub parent_lines: Vec<String>,
    /// The agency name's size and lines.
    pub agency_pt: f32,
    pub agency_lines: Vec<String>,
    /// Length of the rule under the agency name (0 without a name) and under the Tiêu ngữ.
    pub agency_rule: f32,
    pub tieu_ngu_rule: f32,
    /// "Số: 05/BC-UBND".
    pub number: String,
    /// The place and date's size and lines.
    pub date_pt: f32,
    pub date_lines: Vec<String>,
}

/// The header's decisions for `r` on a portrait page with the report's margins.
pub fn plan(m: &Measurer, r: &Report) -> HeaderPlan {
    let ctx = super::portrait_ctx(r, m);
    let ctx = &ctx;
    let cols = columns(ctx);
    let (parent, agency) = left_lines(ctx, r, ctx.geo.left, cols.left_w);
    let date = r.date.line(&r.place);
    HeaderPlan {
        left_w: cols.left_w,
        right_w: cols.right_w,
        quoc_hieu_pt: cols.quoc_hieu_pt,
        parent_pt: PARENT_PT,
        parent_lines: parent.iter().map(Line::text).collect(),
        agency_pt: AGENCY_PT,
        agency_lines: agency.iter().map(Line::text).collect(),
        agency_rule: agency_rule(&agency),
        tieu_ngu_rule: ctx.width(Face::Bold, TIEU_NGU, TIEU_NGU_PT),
        number: number_line(r.number, &r.issuer.symbol),
        date_pt: date_size(ctx, &date, cols.right_w),
        date_lines: vec![date],
    }
}

struct Columns {
    left_w: f32,
    right_w: f32,
    quoc_hieu_pt: f32,
}

/// Quốc hiệu never wraps: take the largest decree size that fits 60 % of the width; should
/// even 12 pt not fit (narrow margins), the right column grows and the left one gives way.
fn columns(ctx: &Ctx) -> Columns {
    let tw = ctx.geo.text_width();
    let qh_sizes = QUOC_HIEU_PT.map(|s| (s, ctx.width(Face::Bold, QUOC_HIEU, s)));
    let right_share_w = tw * (1.0 - LEFT_COLUMN_SHARE);
    let (quoc_hieu_pt, qh_w) = qh_sizes
        .iter()
        .copied()
        .find(|&(_, w)| w <= right_share_w + FIT_EPS)
        .unwrap_or(qh_sizes[qh_sizes.len() - 1]);
    let right_w = right_share_w.max(qh_w);
    Columns {
        left_w: tw - right_w,
        right_w,
        quoc_hieu_pt,
    }
}

/// The chủ quản's lines and the agency name's lines, centred in the left column [x, x + w],
/// each with its baseline at 0.
fn left_lines(ctx: &Ctx, r: &Report, x: f32, w: f32) -> (Vec<Line>, Vec<Line>) {
    let mut parent_lines = Vec::new();
    if let Some(parent) = r.issuer.parent.as_deref().filter(|p| !p.trim().is_empty()) {
        let spans = [Span::plain(parent.to_uppercase())];
        parent_lines = lines(
            ctx,
            &spans,
            &ParaStyle::centred(x, w, PARENT_PT, false, false),
        );
    }
    let mut agency_lines = Vec::new();
    for name in r.issuer.name_lines.iter().filter(|n| !n.trim().is_empty()) {
        let spans = [Span::plain(name.to_uppercase())];
        agency_lines.extend(lines(
            ctx,
            &spans,
            &ParaStyle::centred(x, w, AGENCY_PT, true, false),
        ));
    }
    (parent_lines, agency_lines)
}

/// The rule under the agency name: a share of its longest line.
fn agency_rule(agency: &[Line]) -> f32 {
    agency.iter().map(|l| l.width).fold(0.0f32, f32::max) * AGENCY_RULE_SHARE
}

/// The date's size: the largest of [`DATE_PT`] at which it fits the right column.
fn date_size(ctx: &Ctx, date: &str, right_w: f32) -> f32 {
    DATE_PT
        .into_iter()
        .find(|&s| ctx.width(Face::Italic, date, s) <= right_w + FIT_EPS)
        .unwrap_or(DATE_PT[DATE_PT.len() - 1])
}

pub fn lay_out(ctx: &Ctx, r: &Report, out: &mut Vec<Chunk>) {
    let geo = ctx.geo;
    let Columns {
        left_w,
        right_w,
        quoc_hieu_pt: qh_pt,
    } = columns(ctx);
    let lx = geo.left;
    let rx = geo.left + left_w;

    let mut items = Vec::new();

    // Left column: chủ quản, agency name lines, rule.
    let mut y = 0.0;
    let issuer = header_source("issuer");
    let (mut parent_ls, mut agency_ls) = left_lines(ctx, r, lx, left_w);
    let rule = agency_rule(&agency_ls);
    if !parent_ls.is_empty() {
        tag(&mut parent_ls, &issuer);
        y = stack(ctx, parent_ls, PARENT_PT, y, &mut items);
    }
    tag(&mut agency_ls, &issuer);
    let named = !agency_ls.is_empty();
    y = stack(ctx, agency_ls, AGENCY_PT, y, &mut items);
    let left_rule = if named { y + RULE_GAP_PT } else { y };
    if named {
        let x1 = lx + (left_w - rule) / 2.0;
        items.push(hrule(x1, x1 + rule, left_rule));
    }

    // Right column: Quốc hiệu, Tiêu ngữ and its rule.
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
    let date_text = r.date.line(&r.place);
    let date_pt = date_size(ctx, &date_text, right_w);
    let line = ctx.single_line(date_pt.max(NUMBER_PT));
    let top = left_rule.max(right_rule) + NUMBER_LINE_GAP_PT;
    let base = top + ctx.baseline_in(line, date_pt.max(NUMBER_PT));
    items.push(centred_item(
        ctx,
        (lx, left_w),
        base,
        Face::Regular,
        NUMBER_PT,
        number_line(r.number, &r.issuer.symbol),
        Some(header_source("number")),
    ));
    items.push(centred_item(
        ctx,
        (rx, right_w),
        base,
        Face::Italic,
        date_pt,
        date_text,
        Some(header_source("date")),
    ));
    let mut bottom = top + line;

    // Urgency and circulation marks, boxed, under the "Số" line in the left column.
    bottom = marks::under_number(ctx, r, lx, left_w, bottom, &mut items);

    out.push(Chunk {
        height: bottom,
        space_before: 0.0,
        break_before: true,
        keep_with_next: true,
        repeat_above: None,
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
}
