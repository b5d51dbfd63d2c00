//! Tên loại, trích yếu and kính gửi (Nghị định 30/2020, Phụ lục I, "Tên loại và trích yếu nội
//! dung văn bản", "Nơi nhận" for a report sent up).
//!
//! "BÁO CÁO": UPPER CASE, 13–14 pt, bold, centred. The trích yếu right under it: 13–14 pt, bold,
//! centred, may wrap; under it a solid rule 1/3 to 1/2 of the line length, centred. "Kính gửi:"
//! 14 pt upright: one recipient on the same line; several each on their own line starting with
//! "-", ending ";", the last ".", the dashes aligned under the colon.

use super::geometry::{hrule, Ctx};
use super::lines::{line_chunks, lines, tag, Align, Line, ParaStyle, Span};
use super::{keep_together, Chunk};
use crate::model::settings::KinhGuiOne;
use crate::model::Report;
use crate::page::Source;
use crate::text::Face;

/// Tên loại: 13–14 pt bold.
pub const DOC_TYPE_PT: f32 = 14.0;
/// Trích yếu: 13–14 pt bold.
pub const TRICH_YEU_PT: f32 = 14.0;
/// The rule under the trích yếu: 1/3 to 1/2 of the line; 0.4 sits inside.
pub const TRICH_YEU_RULE_SHARE: f32 = 0.4;
/// Space between the header (Số / date line) and "BÁO CÁO".
pub const TITLE_SPACE_BEFORE_PT: f32 = 18.0;
/// Gap between the trích yếu's last line box and its rule.
pub const RULE_GAP_PT: f32 = 1.0;
/// Space after the rule (before kính gửi or the body).
pub const AFTER_RULE_PT: f32 = 12.0;
/// Kính gửi: 14 pt upright.
pub const KINH_GUI_PT: f32 = 14.0;
/// Space after the kính gửi block.
pub const AFTER_KINH_GUI_PT: f32 = 6.0;

const KINH_GUI: &str = "Kính gửi:";

fn src(field: &str) -> Source {
    Source::Header {
        field: field.to_string(),
    }
}

fn keep(mut chunks: Vec<Chunk>) -> Vec<Chunk> {
    keep_together(&mut chunks);
    chunks
}

/// What the title block prints, decided once here for every painter: the pages (through
/// [`lay_out`]) and the Word file, which writes the same lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The tên loại, upper case ("BÁO CÁO"); empty when the report has none.
    pub doc_type: String,
    /// The trích yếu's lines, as broken for the text width.
    pub trich_yeu: Vec<String>,
    /// Length of the rule under the trích yếu (0 without a trích yếu).
    pub trich_yeu_rule: f32,
    pub kinh_gui: KinhGui,
}

/// The "Kính gửi" block.
#[derive(Debug, Clone, PartialEq)]
pub enum KinhGui {
    None,
    /// One recipient on the label's line: "Kính gửi: X", centred.
    One(String),
    /// "Kính gửi:" from `label_x`, then one line per recipient ("- A;" … "- Z.") from
    /// `dash_x`, the dashes under the colon, a wrapped line going on after the dash (`hang`).
    /// Positions from the left margin, in points. Also one recipient, when the report's
    /// settings ask for the list form.
    Many {
        label_x: f32,
        dash_x: f32,
        hang: f32,
        recipients: Vec<String>,
    },
}

/// The title block's decisions for `r`.
pub fn plan(ctx: &Ctx, r: &Report) -> Plan {
    let ty = trich_yeu_lines(ctx, r);
    Plan {
        doc_type: r.doc_type.trim().to_uppercase(),
        trich_yeu: ty.iter().map(Line::text).collect(),
        trich_yeu_rule: trich_yeu_rule(&ty),
        kinh_gui: kinh_gui_plan(ctx, r),
    }
}

/// The trích yếu's lines, centred across the text width in balanced lines, baselines at 0.
fn trich_yeu_lines(ctx: &Ctx, r: &Report) -> Vec<Line> {
    let ty = r.trich_yeu.trim();
    if ty.is_empty() {
        return Vec::new();
    }
    let geo = ctx.geo;
    let spans = [Span::plain(ty)];
    lines(
        ctx,
        &spans,
        &ParaStyle::centred(geo.left, geo.text_width(), TRICH_YEU_PT, true, false),
    )
}

/// The rule under the trích yếu: a share of its longest line.
fn trich_yeu_rule(ls: &[Line]) -> f32 {
    ls.iter().map(|l| l.width).fold(0.0f32, f32::max) * TRICH_YEU_RULE_SHARE
}

/// Where the kính gửi lines go: one centred line, or the label and the recipients' lines with
/// the dashes aligned under the colon, the block centred.
fn kinh_gui_plan(ctx: &Ctx, r: &Report) -> KinhGui {
    let list: Vec<&str> = r
        .kinh_gui
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    match list.as_slice() {
        [] => KinhGui::None,
        [one] if ctx.s.kinh_gui_one == KinhGuiOne::SameLine => {
            KinhGui::One(format!("{KINH_GUI} {one}"))
        }
        many => {
            let tw = ctx.geo.text_width();
            let recipients: Vec<String> = many
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let r = r.trim_end_matches([';', '.', ',']);
                    let end = if i + 1 == many.len() { '.' } else { ';' };
                    format!("- {r}{end}")
                })
                .collect();
            // The colon's left edge: the dashes start there.
            let colon_x = ctx.width(Face::Regular, "Kính gửi", KINH_GUI_PT);
            let widest = recipients
                .iter()
                .map(|t| ctx.width(Face::Regular, t, KINH_GUI_PT))
                .fold(0.0f32, f32::max);
            let block_w = (colon_x + widest).min(tw);
            let label_x = (tw - block_w) / 2.0;
            KinhGui::Many {
                label_x,
                dash_x: label_x + colon_x,
                hang: ctx.width(Face::Regular, "- ", KINH_GUI_PT),
                recipients,
            }
        }
    }
}

pub fn lay_out(ctx: &Ctx, r: &Report, out: &mut Vec<Chunk>) {
    let geo = ctx.geo;
    let tw = geo.text_width();
    let doc_type = r.doc_type.trim().to_uppercase();
    if !doc_type.is_empty() {
        let spans = [Span::plain(doc_type)];
        let mut ls = lines(
            ctx,
            &spans,
            &ParaStyle::centred(geo.left, tw, DOC_TYPE_PT, true, false),
        );
        tag(&mut ls, &src("doc_type"));
        let line = ctx.single_line(DOC_TYPE_PT);
        out.extend(keep(line_chunks(
            ctx,
            ls,
            DOC_TYPE_PT,
            line,
            TITLE_SPACE_BEFORE_PT,
        )));
    }
    let mut ls = trich_yeu_lines(ctx, r);
    if !ls.is_empty() {
        tag(&mut ls, &src("trich_yeu"));
        let len = trich_yeu_rule(&ls);
        let line = ctx.single_line(TRICH_YEU_PT);
        let space = if doc_type_empty(r) {
            TITLE_SPACE_BEFORE_PT
        } else {
            0.0
        };
        out.extend(keep(line_chunks(ctx, ls, TRICH_YEU_PT, line, space)));
        let x1 = geo.left + (tw - len) / 2.0;
        out.push(Chunk {
            height: RULE_GAP_PT + AFTER_RULE_PT,
            space_before: 0.0,
            break_before: false,
            keep_with_next: true,
            repeat_above: None,
            close_below: Vec::new(),
            items: vec![hrule(x1, x1 + len, RULE_GAP_PT)],
        });
    }
    kinh_gui(ctx, r, out);
}

fn doc_type_empty(r: &Report) -> bool {
    r.doc_type.trim().is_empty()
}

/// "Kính gửi: X" centred for one recipient (or as a list of one when the report's settings say
/// so); for several, "Kính gửi:" then one line each, "- A;" … "- Z.", the dashes aligned under
/// the colon, the block centred (see [`kinh_gui_plan`]).
fn kinh_gui(ctx: &Ctx, r: &Report, out: &mut Vec<Chunk>) {
    let geo = ctx.geo;
    let tw = geo.text_width();
    let line = ctx.single_line(KINH_GUI_PT);
    let source = src("kinh_gui");
    let mut chunks = Vec::new();
    match kinh_gui_plan(ctx, r) {
        KinhGui::None => return,
        KinhGui::One(text) => {
            let spans = [Span::plain(text)];
            let mut ls = lines(
                ctx,
                &spans,
                &ParaStyle::centred(geo.left, tw, KINH_GUI_PT, false, false),
            );
            tag(&mut ls, &source);
            chunks.extend(line_chunks(ctx, ls, KINH_GUI_PT, line, 0.0));
        }
        KinhGui::Many {
            label_x,
            dash_x,
            hang,
            recipients,
        } => {
            let x0 = geo.left + label_x;
            let label = [Span::plain(KINH_GUI)];
            let mut ls = lines(
                ctx,
                &label,
                &ParaStyle {
                    align: Align::Left,
                    ..ParaStyle::centred(x0, tw, KINH_GUI_PT, false, false)
                },
            );
            tag(&mut ls, &source);
            chunks.extend(line_chunks(ctx, ls, KINH_GUI_PT, line, 0.0));
            let dx = geo.left + dash_x;
            for t in &recipients {
                let spans = [Span::plain(t.as_str())];
                let st = ParaStyle {
                    align: Align::Left,
                    rest_indent: hang,
                    ..ParaStyle::centred(dx, geo.right - dx, KINH_GUI_PT, false, false)
                };
                let mut ls = lines(ctx, &spans, &st);
                tag(&mut ls, &source);
                chunks.extend(line_chunks(ctx, ls, KINH_GUI_PT, line, 0.0));
            }
        }
    }
    let mut chunks = keep(chunks);
    if let Some(last) = chunks.last_mut() {
        last.height += AFTER_KINH_GUI_PT;
    }
    out.extend(chunks);
}
