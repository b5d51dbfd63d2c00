//! Headings of the outline: phần, mục, khoản, điểm (Nghị định 30/2020, Phụ lục I, "Bố cục của
//! văn bản", and office practice for the deeper levels).
//!
//! - Phần: "Phần thứ nhất" (or a custom label) on its own line, centred, bold; the title on the next
//!   line, centred, UPPER CASE, bold.
//! - Mục: "I. HOẠT ĐỘNG CHỈ ĐẠO ĐIỀU HÀNH": UPPER CASE (whatever was typed), bold.
//! - Khoản: "1. Kết quả …": bold. "1.1. …": bold italic. "a) …": upright. Deeper: "- …".
//! - Practice: headings below Phần start at the body's first-line indent, like a paragraph; the
//!   report's settings may put each level at the left margin instead.
//!
//! Headings below Phần are justified like the body: long khoản titles in reports run over two or
//! three lines inside the body's text block, and Word users set them as body paragraphs, so their
//! right edge lines up with the text around them. A heading is never broken across pages and
//! stays on the page of the first two lines that follow it.

use super::geometry::Ctx;
use super::lines::{line_chunks, lines, tag, Line, ParaStyle, Span};
use super::{keep_together, Chunk};
use crate::model::numbering::{Level, Numbered};
use crate::model::settings::HeadingIndent;
use crate::page::Source;

/// Extra space above a Phần (on top of the paragraph spacing), to set the parts apart.
pub const PART_SPACE_BEFORE_PT: f32 = 12.0;

/// Bold and italic of a heading's level.
pub fn face_of(level: Level) -> (bool, bool) {
    match level {
        Level::Part | Level::Muc | Level::Khoan => (true, false),
        Level::SubKhoan => (true, true),
        Level::Diem | Level::Dash => (false, false),
    }
}

/// What a heading prints, before line breaking: a Phần its label and its title (upper case),
/// each on its own line; the other levels the number and the title on one line, a mục's title
/// upper case ("I. HOẠT ĐỘNG …"). Empty when there is nothing to print. The pages and the Word
/// file both print these texts.
pub fn texts(n: &Numbered) -> Vec<String> {
    let title = n.section.title.trim();
    let number = n.number.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match n.level {
        Level::Part => number
            .map(str::to_string)
            .into_iter()
            .chain((!title.is_empty()).then(|| title.to_uppercase()))
            .collect(),
        level => {
            let title = if level == Level::Muc {
                title.to_uppercase()
            } else {
                title.to_string()
            };
            let text = match number {
                Some(no) if title.is_empty() => no.to_string(),
                Some(no) => format!("{no} {title}"),
                None => title,
            };
            if text.is_empty() {
                Vec::new()
            } else {
                vec![text]
            }
        }
    }
}

/// The style of a Phần's centred lines.
fn part_style(ctx: &Ctx) -> ParaStyle {
    let geo = ctx.geo;
    let (bold, italic) = face_of(Level::Part);
    ParaStyle::centred(geo.left, geo.text_width(), ctx.s.body_pt, bold, italic)
}

/// A heading's lines for a painter that flows text itself (Word): a Phần's centred lines as the
/// page breaks them (balanced, never one word alone on the last line); the other levels flow
/// like body text, so their texts come whole.
pub fn printed_lines(ctx: &Ctx, n: &Numbered) -> Vec<String> {
    let texts = texts(n);
    if n.level != Level::Part {
        return texts;
    }
    let st = part_style(ctx);
    texts
        .into_iter()
        .flat_map(|t| {
            lines(ctx, &[Span::plain(t)], &st)
                .iter()
                .map(Line::text)
                .collect::<Vec<_>>()
        })
        .collect()
}

pub fn lay_out(ctx: &Ctx, n: &Numbered, out: &mut Vec<Chunk>) {
    let source = Source::Section {
        id: n.section.id.clone(),
        block: None,
    };
    let texts = texts(n);
    let size = ctx.s.body_pt;
    let line = ctx.body_line(size);
    let (bold, italic) = face_of(n.level);
    let mut chunks = Vec::new();
    match n.level {
        Level::Part => {
            let st = part_style(ctx);
            let space = ctx.s.paragraph_spacing_pt + PART_SPACE_BEFORE_PT;
            for text in texts {
                let spans = [Span::plain(text)];
                let mut ls = lines(ctx, &spans, &st);
                tag(&mut ls, &source);
                let sb = if chunks.is_empty() { space } else { 0.0 };
                chunks.extend(line_chunks(ctx, ls, size, line, sb));
            }
        }
        level => {
            let Some(text) = texts.into_iter().next() else {
                return;
            };
            let indent = match level {
                Level::Muc => ctx.s.muc_indent,
                Level::Khoan | Level::SubKhoan => ctx.s.khoan_indent,
                _ => ctx.s.diem_indent,
            };
            let body = ParaStyle::body(ctx);
            let st = ParaStyle {
                bold,
                italic,
                first_indent: match indent {
                    HeadingIndent::FirstLine => body.first_indent,
                    HeadingIndent::Margin => 0.0,
                },
                ..body
            };
            let spans = [Span::plain(text)];
            let mut ls = lines(ctx, &spans, &st);
            tag(&mut ls, &source);
            chunks.extend(line_chunks(ctx, ls, size, line, ctx.s.paragraph_spacing_pt));
        }
    }
    keep_together(&mut chunks);
    out.extend(chunks);
}
