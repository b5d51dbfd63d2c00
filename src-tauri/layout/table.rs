//! Tables: a simple grid with borders, across the text width.
//!
//! The decree says nothing of tables beyond allowing landscape pages for wide ones; offices use a
//! plain grid. Cells wrap their text; header rows are bold and centred; a row is never split
//! across pages (it moves whole to the next page if it fits one), the header rows stay with
//! the first row under them and are repeated at the top of every page the table continues on.

use super::body::{lines, tag, Align, ParaStyle, Span};
use super::geometry::{shift, Ctx, BORDER_PT};
use super::{Chunk, Repeat};
use crate::model::Table;
use crate::page::{Item, Source};
use std::rc::Rc;

/// Text size in cells: a table is denser than the body (the decree's body range is 13–14 pt;
/// tables in reports are commonly set smaller to fit their columns).
pub const CELL_PT: f32 = 12.0;
/// Padding inside a cell, left/right and top/bottom.
pub const CELL_PAD_X_PT: f32 = 3.0;
pub const CELL_PAD_Y_PT: f32 = 2.0;

/// The widths of `t`'s columns across `width` points: the table's own relative widths when it
/// has one per column, equal shares otherwise. Every painter takes a table's columns from here
/// (the pages through [`lay_out`], the Word file directly). Empty for a table with no cells.
pub fn column_widths(t: &Table, width: f32) -> Vec<f32> {
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    let weights: Vec<f32> =
        if t.widths.len() == cols && t.widths.iter().all(|w| w.is_finite() && *w > 0.0) {
            t.widths.clone()
        } else {
            vec![1.0; cols]
        };
    let total: f32 = weights.iter().sum();
    weights.iter().map(|w| width * w / total).collect()
}

pub fn lay_out(ctx: &Ctx, t: &Table, source: &Source, out: &mut Vec<Chunk>) {
    let cols = t.rows.iter().map(Vec::len).max().unwrap_or(0);
    if cols == 0 {
        return;
    }
    let geo = ctx.geo;
    let widths = column_widths(t, geo.text_width());
    let line = ctx.single_line(CELL_PT);
    let base = ctx.baseline_in(line, CELL_PT);
    // The header rows, gathered as they are laid out, are repeated above every row that starts
    // a page (see `Chunk::repeat_above`).
    let mut head = Repeat::default();
    let mut repeat: Option<Rc<Repeat>> = None;
    for (r, row) in t.rows.iter().enumerate() {
        let header = (r as u32) < t.header_rows;
        let mut items = Vec::new();
        let mut cell_lines = Vec::with_capacity(cols);
        let mut x = geo.left;
        let mut height = 0.0f32;
        for (c, w) in widths.iter().enumerate() {
            let st = ParaStyle {
                size: CELL_PT,
                bold: header,
                italic: false,
                align: if header { Align::Center } else { Align::Left },
                x: x + CELL_PAD_X_PT,
                width: (w - 2.0 * CELL_PAD_X_PT).max(0.0),
                first_indent: 0.0,
                rest_indent: 0.0,
            };
            let ls = match row.get(c) {
                Some(runs) => {
                    let spans: Vec<Span> = runs.iter().map(Span::of).collect();
                    let mut ls = lines(ctx, &spans, &st);
                    tag(&mut ls, source);
                    ls
                }
                None => Vec::new(),
            };
            height = height.max(ls.len().max(1) as f32 * line + 2.0 * CELL_PAD_Y_PT);
            cell_lines.push(ls);
            x += w;
        }
        let mut x = geo.left;
        for (ls, w) in cell_lines.into_iter().zip(&widths) {
            items.push(Item::Rect {
                x,
                y: 0.0,
                w: *w,
                h: height,
                width: BORDER_PT,
            });
            for (k, l) in ls.into_iter().enumerate() {
                for mut it in l.items {
                    shift(&mut it, 0.0, CELL_PAD_Y_PT + k as f32 * line + base);
                    items.push(it);
                }
            }
            x += w;
        }
        if header {
            for it in &items {
                let mut it = it.clone();
                shift(&mut it, 0.0, head.height);
                head.items.push(it);
            }
            head.height += height;
            if (r as u32) + 1 == t.header_rows {
                repeat = Some(Rc::new(std::mem::take(&mut head)));
            }
        }
        out.push(Chunk {
            height,
            space_before: if r == 0 {
                ctx.s.paragraph_spacing_pt
            } else {
                0.0
            },
            break_before: true,
            keep_with_next: header,
            repeat_above: if (r as u32) > t.header_rows {
                repeat.clone()
            } else {
                None
            },
            items,
        });
    }
}
