//! Body paragraphs, lists and the tables among them (Nghị định 30/2020, Phụ lục I: the body is
//! 13–14 pt, upright, justified on both sides, with a first-line indent of 1 cm or 1.27 cm, at
//! least 6 pt between paragraphs and line spacing from single to 1.5 lines).
//!
//! The words are set into lines by [`super::lines`]; this module says which paragraphs there are
//! and how far apart.

use super::geometry::Ctx;
use super::lines::{line_chunks, lines, tag, ParaStyle, Span};
use super::table;
use super::Chunk;
use crate::model::Block;
use crate::page::Source;

/// A list item starts with this mark, as the decree's bullets do.
pub const LIST_MARK: &str = "- ";

/// A body paragraph of `runs`, justified with the first-line indent, tagged with `source`.
pub fn paragraph(ctx: &Ctx, spans: &[Span], st: &ParaStyle, source: &Source) -> Vec<Chunk> {
    let mut ls = lines(ctx, spans, st);
    tag(&mut ls, source);
    let line = ctx.body_line(st.size);
    line_chunks(ctx, ls, st.size, line, ctx.s.paragraph_spacing_pt)
}

/// Content blocks (paragraphs, lists, tables), each tagged by `source(i)`.
pub fn blocks(ctx: &Ctx, blocks: &[Block], source: impl Fn(usize) -> Source, out: &mut Vec<Chunk>) {
    let st = ParaStyle::body(ctx);
    for (i, b) in blocks.iter().enumerate() {
        let src = source(i);
        match b {
            Block::Paragraph { runs } => {
                let spans: Vec<Span> = runs.iter().map(Span::of).collect();
                out.extend(paragraph(ctx, &spans, &st, &src));
            }
            Block::List { items } => {
                for item in items {
                    let mut spans = Vec::with_capacity(item.len() + 1);
                    spans.push(Span::plain(LIST_MARK));
                    spans.extend(item.iter().map(Span::of));
                    out.extend(paragraph(ctx, &spans, &st, &src));
                }
            }
            Block::Table(t) => table::lay_out(ctx, t, &src, out),
        }
    }
}
