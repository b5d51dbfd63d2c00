//! Page numbers (Nghị định 30/2020, Phụ lục I, "Số trang văn bản"): Arabic digits, 13–14 pt,
//! upright, centred in the top margin, not on the first page.
//!
//! An appendix's pages are numbered on their own (the decree: "số trang của phụ lục được đánh số
//! riêng theo từng phụ lục"); its first page, which carries the appendix's heading as page 1 of
//! the report carries the header, is left unnumbered like page 1, and the next is page 2.

use super::geometry::Ctx;
use crate::page::{Item, Page, TextItem};
use crate::text::Face;

/// Top of the page number's line box: the line box centred in the top margin.
pub fn line_top(ctx: &Ctx) -> f32 {
    (ctx.geo.top - ctx.single_line(ctx.s.page_number_pt)) / 2.0
}

/// Numbers `pages` (one run: the report or one appendix) from 1, printing the number from page 2.
pub fn number_pages(ctx: &Ctx, pages: &mut [Page]) {
    let size = ctx.s.page_number_pt;
    let line = ctx.single_line(size);
    let top = line_top(ctx);
    let base = top + ctx.baseline_in(line, size);
    for (k, page) in pages.iter_mut().enumerate().skip(1) {
        let no = k as u32 + 1;
        let text = no.to_string();
        let width = ctx.width(Face::Regular, &text, size);
        page.number = Some(no);
        page.items.insert(
            0,
            Item::Text(TextItem {
                x: ctx.geo.left + (ctx.geo.text_width() - width) / 2.0,
                y: base,
                size,
                face: Face::Regular,
                text,
                width,
                source: None,
            }),
        );
    }
}
