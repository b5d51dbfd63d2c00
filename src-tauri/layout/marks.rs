//! Optional marks (Nghị định 30/2020, Phụ lục I, "Dấu chỉ độ khẩn, mức độ mật" and practice).
//!
//! Urgency (KHẨN, THƯỢNG KHẨN, HỎA TỐC) and circulation ("LƯU HÀNH NỘI BỘ") marks: UPPER CASE,
//! 13–14 pt bold, in a single-line box, on the left under the "Số" line. The decree has no rule for
//! marking a draft; offices put a boxed "DỰ THẢO" at the top of page 1: here on its own line above
//! the header, at the right edge of the text box, where it hides nothing the decree places.

use super::geometry::{Ctx, BORDER_PT};
use super::Chunk;
use crate::model::Report;
use crate::page::{Item, Source, TextItem};
use crate::text::Face;

/// Size of the text of every mark: 13–14 pt bold.
pub const MARK_PT: f32 = 13.0;
/// Padding between a mark's text and its box.
pub const MARK_PAD_PT: f32 = 3.0;
/// Space between the "Số" line (or the previous mark) and a mark's box.
pub const MARK_GAP_PT: f32 = 6.0;
/// Space between the draft mark's box and the header under it.
pub const DRAFT_GAP_PT: f32 = 6.0;

fn mark_source() -> Source {
    Source::Header {
        field: "marks".to_string(),
    }
}

/// A boxed mark whose box's top-left corner is at (x, y). Returns its items and box size.
fn boxed(ctx: &Ctx, text: &str, x: f32, y: f32) -> (Vec<Item>, f32, f32) {
    let text = text.trim().to_string();
    let tw = ctx.width(Face::Bold, &text, MARK_PT);
    let line = ctx.single_line(MARK_PT);
    let w = tw + 2.0 * MARK_PAD_PT;
    let h = line + 2.0 * MARK_PAD_PT;
    let items = vec![
        Item::Rect {
            x,
            y,
            w,
            h,
            width: BORDER_PT,
        },
        Item::Text(TextItem {
            x: x + MARK_PAD_PT,
            y: y + MARK_PAD_PT + ctx.baseline_in(line, MARK_PT),
            size: MARK_PT,
            face: Face::Bold,
            text,
            width: tw,
            source: Some(mark_source()),
        }),
    ];
    (items, w, h)
}

/// The boxed draft mark ("DỰ THẢO", "Dự thảo lần 2", as typed) above the header of page 1, when switched on.
pub fn draft(ctx: &Ctx, r: &Report, out: &mut Vec<Chunk>) {
    let Some(text) = r.marks.draft.as_deref().filter(|t| !t.trim().is_empty()) else {
        return;
    };
    let (_, w, _) = boxed(ctx, text, 0.0, 0.0);
    let (items, _, h) = boxed(ctx, text, ctx.geo.right - w, 0.0);
    out.push(Chunk {
        height: h + DRAFT_GAP_PT,
        space_before: 0.0,
        break_before: true,
        keep_with_next: true,
        repeat_above: None,
        close_below: Vec::new(),
        items,
    });
}

/// Urgency and circulation marks, each boxed and centred in the left column [x, x + w], stacked
/// from `top`. Returns the new bottom of the column.
pub fn under_number(ctx: &Ctx, r: &Report, x: f32, w: f32, top: f32, items: &mut Vec<Item>) -> f32 {
    let mut bottom = top;
    for text in [&r.marks.urgency, &r.marks.circulation]
        .into_iter()
        .flatten()
        .filter(|t| !t.trim().is_empty())
    {
        let text = text.to_uppercase();
        let (_, bw, _) = boxed(ctx, &text, 0.0, 0.0);
        let (its, _, h) = boxed(
            ctx,
            &text,
            x + (w - bw).max(0.0) / 2.0,
            bottom + MARK_GAP_PT,
        );
        items.extend(its);
        bottom += MARK_GAP_PT + h;
    }
    bottom
}
