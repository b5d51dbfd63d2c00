//! Tables: a grid with borders, set as a records clerk sets a table of figures.
//!
//! The decree says nothing of tables beyond allowing landscape pages for wide ones; offices use a
//! plain grid. Cells wrap their text; header rows are bold and centred; a row is not split
//! across pages when it fits one (it moves whole to the next page), a row taller than a page is
//! cut between lines of its cells (never leaving one line alone on a page); the header rows
//! stay with the first row under them and are repeated at the top of every page the table
//! continues on.
//!
//! As a clerk sets figures:
//! - the columns are as wide as their content asks ([`column_plan`]), not equal shares: a "TT"
//!   column stays narrow and the column of names takes the room; widths a `.docx` brought are
//!   kept (`Table::widths`);
//! - a column of numbers is set flush right, on the decimal comma when some have decimals
//!   ("1.234" over "12,5"), and a "TT"/"STT" column centred;
//! - the kept total row, and a "Tổng cộng" (or "Tổng", "Cộng") row, is bold;
//! - a table too wide for a portrait page is set on a landscape page when it is in an appendix
//!   (the decree allows it there); in the body it is squeezed, and the checks offer to move it
//!   into an appendix.
//!
//! [`column_plan`] is the one place that decides widths and the page's direction: the layout
//! and the `.docx` painter both call it.

use super::geometry::{shift, Ctx, Geometry, BORDER_PT, FIT_EPS};
use super::lines::{lines, tag, Align, ParaStyle, Span};
use super::{Chunk, Repeat};
use crate::model::{Appendix, Block, LayoutSettings, Run, Section, Table};
use crate::page::{Item, Source};
use crate::text::{Face, Measurer};
use std::sync::Arc;

/// Text size in cells: a table is denser than the body (the decree's body range is 13–14 pt;
/// tables in reports are commonly set smaller to fit their columns).
pub const CELL_PT: f32 = 12.0;
/// Padding inside a cell, left/right and top/bottom.
pub const CELL_PAD_X_PT: f32 = 3.0;
pub const CELL_PAD_Y_PT: f32 = 2.0;

/// How a table's columns are set.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnPlan {
    /// Width of each column in points; they add up to the text width of the page.
    pub widths: Vec<f32>,
    /// The table is set on a landscape page.
    pub landscape: bool,
}

/// Which way the page of a table may face.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Turn {
    /// Portrait only (the body of the report).
    Portrait,
    /// The page is landscape (an appendix the user turned).
    Landscape,
    /// Portrait, or landscape when the table does not fit portrait (an appendix).
    Either,
}

/// The column widths of `t` and the direction of its page, with the report's margins `s`.
///
/// Widths the source document gave (`Table::widths`, from a `.docx`) are kept in proportion.
/// Otherwise each column gets what its longest cell needs on one line, and the room left is
/// shared in proportion; when that is too wide, each column keeps at least its longest word and
/// the rest is shared by how much more the column would like. A table whose longest words alone
/// do not fit a portrait page wants a landscape one: it gets it when `turn` allows, and is
/// squeezed otherwise.
pub fn column_plan(m: &Measurer, s: &LayoutSettings, t: &Table, turn: Turn) -> ColumnPlan {
    let s = s.clamped();
    let cols = column_count(t);
    let portrait = Geometry::portrait(&s).text_width();
    let landscape = Geometry::landscape(&s).text_width();
    if cols == 0 {
        return ColumnPlan {
            widths: Vec::new(),
            landscape: turn == Turn::Landscape,
        };
    }
    let need = needs(m, t, cols);
    let min_sum: f32 = need.iter().map(|n| n.0).sum();
    let turned = match turn {
        Turn::Portrait => false,
        Turn::Landscape => true,
        Turn::Either => min_sum > portrait + FIT_EPS,
    };
    let tw = if turned { landscape } else { portrait };
    let given = t.widths.len() == cols && t.widths.iter().all(|w| w.is_finite() && *w > 0.0);
    let widths = if given {
        let total: f32 = t.widths.iter().sum();
        t.widths.iter().map(|w| tw * w / total).collect()
    } else {
        share(&need, tw)
    };
    ColumnPlan {
        widths,
        landscape: turned,
    }
}

/// Does `t` want a landscape page (its longest words alone are wider than a portrait page)?
pub fn wants_landscape(m: &Measurer, s: &LayoutSettings, t: &Table) -> bool {
    column_plan(m, s, t, Turn::Either).landscape
}

/// Is the appendix set on landscape pages: turned by the user, or holding a table that wants it.
pub fn appendix_landscape(m: &Measurer, s: &LayoutSettings, a: &Appendix) -> bool {
    fn tables<'a>(blocks: &'a [Block], out: &mut Vec<&'a Table>) {
        for b in blocks {
            if let Block::Table(t) = b {
                out.push(t);
            }
        }
    }
    fn walk<'a>(ss: &'a [Section], out: &mut Vec<&'a Table>) {
        for sec in ss {
            tables(&sec.blocks, out);
            walk(&sec.children, out);
        }
    }
    if a.landscape {
        return true;
    }
    let mut all = Vec::new();
    tables(&a.intro, &mut all);
    walk(&a.body, &mut all);
    all.into_iter().any(|t| wants_landscape(m, s, t))
}

fn column_count(t: &Table) -> usize {
    t.column_count()
}

fn cell_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// (least, wanted) width of each column, padding included: its longest word, its longest cell on
/// one line.
fn needs(m: &Measurer, t: &Table, cols: usize) -> Vec<(f32, f32)> {
    let mut out = vec![(2.0 * CELL_PAD_X_PT, 2.0 * CELL_PAD_X_PT); cols];
    for (r, row) in t.rows.iter().enumerate() {
        let face = if (r as u32) < t.header_rows || is_bold_total(t, r) {
            Face::Bold
        } else {
            Face::Regular
        };
        for (c, cell) in row.iter().enumerate() {
            if c >= cols || t.spans.iter().any(|s| s.cols > 1 && s.covers(r, c)) {
                // A cell merged across columns is measured below, once the columns it covers
                // know what their own cells ask.
                continue;
            }
            let (word, line) = cell_need(m, face, cell);
            out[c].0 = out[c].0.max(word);
            out[c].1 = out[c].1.max(line);
        }
    }
    // A merged cell's text shares its width over the columns it covers: what they lack of it
    // is added to each in equal parts.
    for s in t.spans.iter().filter(|s| s.cols > 1) {
        let (r, c0) = (s.row as usize, s.col as usize);
        let c1 = (c0 + s.cols as usize).min(cols);
        let Some(cell) = t.rows.get(r).and_then(|row| row.get(c0)) else {
            continue;
        };
        let face = if (r as u32) < t.header_rows {
            Face::Bold
        } else {
            Face::Regular
        };
        let (word, line) = cell_need(m, face, cell);
        let n = (c1 - c0) as f32;
        let have: (f32, f32) = out[c0..c1]
            .iter()
            .fold((0.0, 0.0), |a, o| (a.0 + o.0, a.1 + o.1));
        for o in &mut out[c0..c1] {
            o.0 += (word - have.0).max(0.0) / n;
            o.1 += (line - have.1).max(0.0) / n;
            o.1 = o.1.max(o.0);
        }
    }
    out
}

/// (longest word, whole text on one line) of a cell, padding included.
fn cell_need(m: &Measurer, face: Face, cell: &[Run]) -> (f32, f32) {
    let text = cell_text(cell);
    let space = m.width(face, " ", CELL_PT);
    let mut line = 0.0f32;
    let mut word = 0.0f32;
    for (k, w) in text.split_whitespace().enumerate() {
        let ww = m.width(face, w, CELL_PT);
        word = word.max(ww);
        line += ww + if k > 0 { space } else { 0.0 };
    }
    let pad = 2.0 * CELL_PAD_X_PT;
    (word + pad, line + pad)
}

/// Shares `tw` between columns of `need` (see [`column_plan`]).
fn share(need: &[(f32, f32)], tw: f32) -> Vec<f32> {
    let min_sum: f32 = need.iter().map(|n| n.0).sum();
    let max_sum: f32 = need.iter().map(|n| n.1).sum();
    if max_sum <= tw {
        // Every cell on one line: the room left goes to each column in proportion.
        return need.iter().map(|n| n.1 * tw / max_sum).collect();
    }
    if min_sum <= tw {
        let wish: f32 = need.iter().map(|n| n.1 - n.0).sum();
        let room = tw - min_sum;
        return need
            .iter()
            .map(|n| n.0 + room * (n.1 - n.0) / wish.max(f32::EPSILON))
            .collect();
    }
    // Squeezed: words will be cut inside cells.
    need.iter().map(|n| n.0 * tw / min_sum).collect()
}

/// Is row `r` of `t` set bold as a total: the table's kept total row (the form's "Thêm hàng tổng
/// cộng", whatever its label says, "Toàn phường" say), or a row labelled as a total. One
/// decision for the PDF and the Word file.
pub fn is_bold_total(t: &Table, r: usize) -> bool {
    (t.total_row && r + 1 == t.rows.len() && r >= t.header_rows as usize)
        || t.rows.get(r).is_some_and(|row| is_total_row(row))
}

/// A row of totals: its first non-empty cell says "Tổng cộng", "Tổng" or "Cộng".
pub fn is_total_row(row: &[Vec<Run>]) -> bool {
    let Some(first) = row
        .iter()
        .map(|c| cell_text(c))
        .find(|t| !t.trim().is_empty())
    else {
        return false;
    };
    let t = first.trim().to_lowercase();
    let t = t.trim_end_matches([':', '.']);
    t.starts_with("tổng cộng") || t == "tổng" || t == "cộng" || t == "tổng số"
}

/// A number as a table shows it: "1.234", "12,5", "-3", "98,7%", "+2,1".
fn is_number(t: &str) -> bool {
    let t = t.trim();
    let t = t.strip_prefix(['+', '-', '−']).unwrap_or(t);
    let t = t.strip_suffix('%').unwrap_or(t).trim_end();
    !t.is_empty()
        && t.starts_with(|c: char| c.is_ascii_digit())
        && t.ends_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        && t.matches(',').count() <= 1
}

/// The label of a column in the row that numbers them: "(1)", "(4)=(5)+(6)".
fn is_column_label(t: &str) -> bool {
    let t = t.trim();
    t.starts_with('(')
        && t.ends_with(')')
        && t.chars()
            .all(|c| c.is_ascii_digit() || "()=+-*/:x ".contains(c))
}

/// How a column's body cells are set.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColumnKind {
    Text,
    /// "TT", "STT", "Số thứ tự" (`model::is_ordinal_header`): centred.
    Ordinal,
    /// Numbers flush right.
    Numbers,
    /// Numbers on the decimal comma: the widest part after the comma, in points.
    Decimal(f32),
}

fn column_kinds(m: &Measurer, t: &Table, cols: usize) -> Vec<ColumnKind> {
    (0..cols)
        .map(|c| {
            let header: Vec<String> = t
                .rows
                .iter()
                .take(t.header_rows as usize)
                .filter_map(|r| r.get(c).map(|cell| cell_text(cell)))
                .collect();
            if header.iter().any(|h| crate::model::is_ordinal_header(h)) {
                return ColumnKind::Ordinal;
            }
            // A cell merged across several columns ("Không phát sinh" over the figures) is
            // centred over them and says nothing of this column; nor does the row numbering
            // the columns ("(1)", "(4)=(5)+(6)").
            let body: Vec<String> = t
                .rows
                .iter()
                .enumerate()
                .skip(t.header_rows as usize)
                .filter(|(r, _)| t.span_at(*r, c).is_none_or(|sp| sp.cols <= 1))
                .filter_map(|(_, r)| r.get(c).map(|cell| cell_text(cell)))
                .filter(|x| !matches!(x.trim(), "" | "-" | "–" | "x") && !is_column_label(x))
                .collect();
            if body.is_empty() || !body.iter().all(|x| is_number(x)) {
                return ColumnKind::Text;
            }
            let frac = body
                .iter()
                .map(|x| fraction_width(m, x.trim(), Face::Bold))
                .fold(0.0f32, f32::max);
            if body.iter().any(|x| x.contains(',')) {
                ColumnKind::Decimal(frac)
            } else {
                ColumnKind::Numbers
            }
        })
        .collect()
}

/// How the body cells of a table are aligned, as [`lay_out`] sets them: what the Word painter
/// writes as each cell's `w:jc`, so that figures stand flush right in Word too.
pub(crate) struct BodyAlign(Vec<ColumnKind>);

impl BodyAlign {
    pub(crate) fn of(m: &Measurer, t: &Table) -> BodyAlign {
        BodyAlign(column_kinds(m, t, column_count(t)))
    }

    /// `w:jc` of a body cell of column `c` holding `text` on one column: None for the left.
    pub(crate) fn jc(&self, c: usize, text: &str) -> Option<&'static str> {
        match self.0.get(c)? {
            ColumnKind::Text => None,
            ColumnKind::Ordinal => Some("center"),
            _ if !is_number(text) => Some("center"),
            ColumnKind::Numbers | ColumnKind::Decimal(_) => Some("right"),
        }
    }
}

/// Width of ",5" in "12,5" (or of "%" in "12%"): what stands right of the decimal comma.
fn fraction_width(m: &Measurer, t: &str, face: Face) -> f32 {
    match t.find(',') {
        Some(i) => m.width(face, &t[i..], CELL_PT),
        None => m.width(face, t.trim_start_matches(|c: char| c != '%'), CELL_PT),
    }
}

/// The widths of `t`'s columns on `ctx`'s page (portrait in the body; an appendix's page as
/// [`appendix_landscape`] turned it): what [`lay_out`] sets, and what the Word file writes.
pub fn column_widths(ctx: &Ctx, t: &Table) -> Vec<f32> {
    let geo = ctx.geo;
    let turn = if geo.width > geo.height {
        Turn::Landscape
    } else {
        Turn::Portrait
    };
    column_plan(ctx.m, &ctx.s, t, turn).widths
}

/// One cell to draw: the top-left cell of a merged box, or a cell of its own.
struct Cell {
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
    lines: Vec<super::lines::Line>,
    /// Centred vertically in its box (header cells, cells merged down).
    middle: bool,
}

/// Lays `t` out across the text width of `ctx`'s page (whose direction the appendix already took
/// from [`appendix_landscape`]).
///
/// Each row is one chunk. A merged cell is one box, drawn by the chunk of its first row with
/// the height of every row it covers; those rows stay on one page (no break before a row a
/// box comes down into), and when its text needs more than its rows, the last row grows.
///
/// A row, or a group of rows tied by a box merged down, taller than a page under the repeated
/// header would overflow the page: it is cut instead into bands between lines of its cells
/// ([`cut`]), starting in what is left of the page and continuing on the next under the header
/// rows, each piece closed by a rule at the page's end, as Word does with a row allowed to break
/// across pages. Rows that fit a page move whole to the next one.
pub fn lay_out(ctx: &Ctx, t: &Table, source: &Source, out: &mut Vec<Chunk>) {
    let cols = column_count(t);
    if cols == 0 {
        return;
    }
    let geo = ctx.geo;
    let widths = column_widths(ctx, t);
    let mut lefts = Vec::with_capacity(cols + 1);
    let mut x = geo.left;
    for w in &widths {
        lefts.push(x);
        x += w;
    }
    lefts.push(x);
    let kinds = column_kinds(ctx.m, t, cols);
    let line = ctx.single_line(CELL_PT);
    let base = ctx.baseline_in(line, CELL_PT);
    let header_rows = t.header_rows as usize;
    let n = t.rows.len();

    // The cells to draw, each set in the width of the columns it covers.
    let mut cells: Vec<Cell> = Vec::new();
    for (r, row) in t.rows.iter().enumerate() {
        let header = r < header_rows;
        let bold = header || is_bold_total(t, r);
        for c in 0..cols {
            let (rows, cols_n) = match t.span_at(r, c) {
                Some(sp) if sp.row as usize == r && sp.col as usize == c => {
                    (sp.rows as usize, sp.cols as usize)
                }
                Some(_) => continue,
                None => (1, 1),
            };
            let text = row.get(c).map(|cell| cell_text(cell)).unwrap_or_default();
            let x = lefts[c];
            let w = lefts[c + cols_n] - x;
            let inner = (w - 2.0 * CELL_PAD_X_PT).max(0.0);
            // Numbers right, on the comma: the cell's right edge moves left by what its part
            // after the comma lacks of the column's widest. A cell merged across columns is
            // centred across them.
            let (align, right_pad) = match (header || cols_n > 1, kinds[c]) {
                (true, _) => (Align::Center, 0.0),
                (false, ColumnKind::Text) => (Align::Left, 0.0),
                (false, ColumnKind::Ordinal) => (Align::Center, 0.0),
                (false, _) if !is_number(&text) => (Align::Center, 0.0),
                (false, ColumnKind::Numbers) => (Align::Right, 0.0),
                (false, ColumnKind::Decimal(frac)) => {
                    let face = if bold { Face::Bold } else { Face::Regular };
                    let own = fraction_width(ctx.m, text.trim(), face);
                    (Align::Right, (frac - own).max(0.0).min(inner / 2.0))
                }
            };
            let st = ParaStyle {
                size: CELL_PT,
                bold,
                italic: false,
                align,
                x: x + CELL_PAD_X_PT,
                width: inner - right_pad,
                first_indent: 0.0,
                rest_indent: 0.0,
            };
            let lines = match row.get(c) {
                Some(runs) if !runs.is_empty() => {
                    let spans: Vec<Span> = runs
                        .iter()
                        .map(|run| {
                            let mut s = Span::of(run);
                            if matches!(align, Align::Right) {
                                s.text = s.text.trim().to_string().into();
                            }
                            s
                        })
                        .collect();
                    let mut ls = lines(ctx, &spans, &st);
                    tag(&mut ls, source);
                    ls
                }
                _ => Vec::new(),
            };
            cells.push(Cell {
                row: r,
                col: c,
                rows,
                cols: cols_n,
                lines,
                middle: header || rows > 1,
            });
        }
    }
    let need = |c: &Cell| c.lines.len().max(1) as f32 * line + 2.0 * CELL_PAD_Y_PT;

    // Row heights: the cells of one row first, then each box merged down grows its last row
    // by what its rows lack.
    let mut heights = vec![line + 2.0 * CELL_PAD_Y_PT; n];
    for c in cells.iter().filter(|c| c.rows == 1) {
        heights[c.row] = heights[c.row].max(need(c));
    }
    let mut tall: Vec<&Cell> = cells.iter().filter(|c| c.rows > 1).collect();
    tall.sort_by_key(|c| c.row + c.rows);
    for c in tall {
        let have: f32 = heights[c.row..c.row + c.rows].iter().sum();
        let lack = need(c) - have;
        if lack > 0.0 {
            heights[c.row + c.rows - 1] += lack;
        }
    }
    // Rows a box comes down into from the row above: no page break before them.
    let mut joined = vec![false; n];
    for sp in &t.spans {
        for j in joined
            .iter_mut()
            .take(sp.last_row() + 1)
            .skip(sp.row as usize + 1)
        {
            *j = true;
        }
    }

    // Groups of rows that move together (a row, or rows tied by a box merged down). A body
    // group taller than a page under the repeated header is cut between lines of its cells
    // instead of overflowing the page: its cells' text is then set at the top of each box.
    let head_height: f32 = heights[..header_rows.min(n)].iter().sum();
    let room = geo.bottom - geo.top - head_height;
    let mut group_of = vec![0usize; n];
    let mut split = vec![false; n];
    let mut g0 = 0;
    for r in 0..n {
        if r > 0 && !joined[r] {
            g0 = r;
        }
        group_of[r] = g0;
    }
    for r in 0..n {
        let g = group_of[r];
        if g == r && g >= header_rows {
            let g1 = (r..n).take_while(|&k| group_of[k] == g).last().unwrap_or(r);
            if heights[g..=g1].iter().sum::<f32>() > room + FIT_EPS {
                split[g..=g1].iter_mut().for_each(|s| *s = true);
            }
        }
    }

    // Where each row starts in its group.
    let mut tops = vec![0.0f32; n];
    for r in 1..n {
        if group_of[r] != r {
            tops[r] = tops[r - 1] + heights[r - 1];
        }
    }
    let mut rows_items: Vec<Vec<Item>> = vec![Vec::new(); n];
    for c in cells {
        let h: f32 = heights[c.row..c.row + c.rows].iter().sum();
        let x = lefts[c.col];
        // A cut group's items are gathered in its first row, y from the group's top.
        let (top, at) = if split[c.row] {
            (tops[c.row], group_of[c.row])
        } else {
            (0.0, c.row)
        };
        let items = &mut rows_items[at];
        items.push(Item::Rect {
            x,
            y: top,
            w: lefts[c.col + c.cols] - x,
            h,
            width: BORDER_PT,
        });
        let dy = if c.middle && !split[c.row] {
            ((h - need(&c)) / 2.0).max(0.0)
        } else {
            0.0
        };
        for (k, l) in c.lines.into_iter().enumerate() {
            for mut it in l.items {
                shift(
                    &mut it,
                    0.0,
                    top + dy + CELL_PAD_Y_PT + k as f32 * line + base,
                );
                items.push(it);
            }
        }
    }

    // The header rows, gathered as they are laid out, are repeated above every row that starts
    // a page (see `Chunk::repeat_above`).
    let mut head = Repeat::default();
    let mut repeat: Option<Arc<Repeat>> = None;
    let across = (lefts[0], lefts[cols]);
    for (r, items) in rows_items.into_iter().enumerate() {
        let header = r < header_rows;
        if split[r] {
            if group_of[r] == r {
                let g1 = (r..n).take_while(|&k| group_of[k] == r).last().unwrap_or(r);
                let height: f32 = heights[r..=g1].iter().sum();
                let cont = Arc::new(continued(repeat.as_deref(), across));
                let bands = cut(items, height, line, base, across);
                let last = bands.len().saturating_sub(1);
                // No band alone at the foot of a page or the head of the next (Word's widow and
                // orphan control): the first band goes with the second, the last with the one
                // before it, when there are enough bands to leave room for a page between.
                let keep = |k: usize| last >= 3 && (k == 0 || k + 1 == last);
                for (k, (band, close)) in bands.into_iter().enumerate() {
                    out.push(Chunk {
                        height: band.height,
                        space_before: if r == 0 && k == 0 {
                            ctx.s.paragraph_spacing_pt
                        } else {
                            0.0
                        },
                        break_before: true,
                        keep_with_next: keep(k),
                        repeat_above: if k > 0 {
                            Some(cont.clone())
                        } else if r > header_rows {
                            repeat.clone()
                        } else {
                            None
                        },
                        close_below: if k < last { close } else { Vec::new() },
                        items: band.items,
                    });
                }
            }
            continue;
        }
        let height = heights[r];
        if header {
            for it in &items {
                let mut it = it.clone();
                shift(&mut it, 0.0, head.height);
                head.items.push(it);
            }
            head.height += height;
            if r + 1 == header_rows {
                repeat = Some(Arc::new(std::mem::take(&mut head)));
            }
        }
        out.push(Chunk {
            height,
            space_before: if r == 0 {
                ctx.s.paragraph_spacing_pt
            } else {
                0.0
            },
            break_before: !joined[r],
            keep_with_next: header || joined.get(r + 1).copied().unwrap_or(false),
            repeat_above: if r > header_rows {
                repeat.clone()
            } else {
                None
            },
            close_below: Vec::new(),
            items,
        });
    }
}

/// What is drawn above a piece of a cut row that starts a page: the header rows, and a rule
/// across the table that closes the boxes' tops (the header's own bottom rule when there is one).
fn continued(head: Option<&Repeat>, (x1, x2): (f32, f32)) -> Repeat {
    let mut r = head.cloned().unwrap_or_default();
    r.items.push(Item::Rule {
        x1,
        y1: r.height,
        x2,
        y2: r.height,
        width: BORDER_PT,
    });
    r
}

/// Cuts the items of a group of rows `height` high into bands that a page may end between: at
/// the bottom of a line of text where no other cell's line is crossed. A box cut by a band is
/// drawn as its sides within the band, with its top or bottom rule only where the box has it;
/// each band but the last comes with the rule that closes the boxes when a page ends under it.
fn cut(
    items: Vec<Item>,
    height: f32,
    line: f32,
    base: f32,
    (x1, x2): (f32, f32),
) -> Vec<(Chunk, Vec<Item>)> {
    const EPS: f32 = 0.01;
    let spans: Vec<(f32, f32)> = items
        .iter()
        .filter_map(|it| match it {
            Item::Text(t) => Some((t.y - base, t.y - base + line)),
            _ => None,
        })
        .collect();
    let mut cuts: Vec<f32> = spans.iter().map(|s| s.1).collect();
    cuts.extend(items.iter().filter_map(|it| match it {
        Item::Rect { y, h, .. } => Some(y + h),
        _ => None,
    }));
    cuts.retain(|&c| {
        c > EPS
            && c < height - CELL_PAD_Y_PT - EPS
            && !spans.iter().any(|s| s.0 < c - EPS && s.1 > c + EPS)
    });
    cuts.sort_by(f32::total_cmp);
    cuts.dedup_by(|a, b| (*a - *b).abs() < EPS);
    cuts.push(height);
    let mut bands = Vec::with_capacity(cuts.len());
    let mut a = 0.0f32;
    for &b in &cuts {
        let mut band = Vec::new();
        for it in &items {
            match *it {
                Item::Rect { x, y, w, h, width } => {
                    let (top, bottom) = (y.max(a), (y + h).min(b));
                    if bottom - top <= EPS {
                        continue;
                    }
                    if y >= a - EPS && y + h <= b + EPS {
                        band.push(Item::Rect {
                            x,
                            y: y - a,
                            w,
                            h,
                            width,
                        });
                        continue;
                    }
                    let rule = |x1: f32, y1: f32, x2: f32, y2: f32| Item::Rule {
                        x1,
                        y1: y1 - a,
                        x2,
                        y2: y2 - a,
                        width,
                    };
                    band.push(rule(x, top, x, bottom));
                    band.push(rule(x + w, top, x + w, bottom));
                    if y >= a - EPS {
                        band.push(rule(x, y, x + w, y));
                    }
                    if y + h <= b + EPS {
                        band.push(rule(x, y + h, x + w, y + h));
                    }
                }
                Item::Text(ref t) => {
                    let top = t.y - base;
                    if top >= a - EPS && top < b - EPS {
                        let mut it = it.clone();
                        shift(&mut it, 0.0, -a);
                        band.push(it);
                    }
                }
                Item::Rule { y1, .. } => {
                    if y1 >= a - EPS && y1 < b - EPS {
                        let mut it = it.clone();
                        shift(&mut it, 0.0, -a);
                        band.push(it);
                    }
                }
            }
        }
        let close = vec![Item::Rule {
            x1,
            y1: b - a,
            x2,
            y2: b - a,
            width: BORDER_PT,
        }];
        bands.push((
            Chunk {
                height: b - a,
                items: band,
                ..Default::default()
            },
            close,
        ));
        a = b;
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CellSpan;
    use crate::text::FontSet;

    fn cell(t: &str) -> Vec<Run> {
        vec![Run::plain(t)]
    }

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            header_rows: 1,
            widths: Vec::new(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|c| cell(c)).collect())
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn numbers_and_totals_are_recognised() {
        for n in ["1.234", "12,5", "-3", "98,7%", "+2,1", "125.716"] {
            assert!(is_number(n), "{n}");
        }
        for n in ["12/2026", "Đạt", "1,2,3", "", "12 tỷ"] {
            assert!(!is_number(n), "{n}");
        }
        assert!(is_total_row(&[cell(""), cell("Tổng cộng"), cell("12")]));
        assert!(is_total_row(&[cell("Cộng:")]));
        assert!(!is_total_row(&[cell("Tổng hợp ý kiến")]));
    }

    #[test]
    fn columns_take_what_their_content_asks() {
        let m = Measurer::new(FontSet::get());
        let t = table(&[
            &["TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"],
            &[
                "1",
                "Thu ngân sách nhà nước trên địa bàn phường",
                "120.000",
                "98.765",
            ],
            &[
                "2",
                "Số hộ gia đình được công nhận gia đình văn hóa",
                "40.000",
                "41.643",
            ],
        ]);
        let p = column_plan(&m, &LayoutSettings::default(), &t, Turn::Either);
        assert!(!p.landscape);
        let tw = Geometry::portrait(&LayoutSettings::default()).text_width();
        assert!((p.widths.iter().sum::<f32>() - tw).abs() < 0.01);
        assert!(
            p.widths[0] < p.widths[2] && p.widths[2] < p.widths[1],
            "{:?}",
            p.widths
        );
    }

    #[test]
    fn a_table_too_wide_for_portrait_turns_where_it_may() {
        let m = Measurer::new(FontSet::get());
        let head: Vec<String> = (0..10).map(|i| format!("Tháng{i}")).collect();
        let row: Vec<String> = (0..10).map(|i| format!("{}.234.567", i + 1)).collect();
        let t = Table {
            header_rows: 1,
            widths: Vec::new(),
            rows: vec![
                head.iter().map(|h| cell(h)).collect(),
                row.iter().map(|h| cell(h)).collect(),
            ],
            ..Default::default()
        };
        let s = LayoutSettings::default();
        assert!(column_plan(&m, &s, &t, Turn::Either).landscape);
        assert!(!column_plan(&m, &s, &t, Turn::Portrait).landscape);
        assert!(wants_landscape(&m, &s, &t));
    }

    fn rects(items: &[Item]) -> Vec<(f32, f32, f32, f32)> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Rect { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
                _ => None,
            })
            .collect()
    }

    fn text_x(items: &[Item], word: &str) -> (f32, f32, f32) {
        items
            .iter()
            .find_map(|i| match i {
                Item::Text(t) if t.text.trim() == word => Some((t.x, t.width, t.y)),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{word} not found"))
    }

    /// "STT" and "Tổng số" merged down two header rows, "Kết quả" across "Đúng hạn | Quá hạn".
    fn two_row_header() -> Table {
        let mut t = table(&[
            &["STT", "Tổng số", "Kết quả", ""],
            &["", "", "Đúng hạn", "Quá hạn"],
            &["1", "120", "100", "20"],
            &["2", "1.340", "1.300", "40"],
        ]);
        t.header_rows = 2;
        t.spans = vec![
            CellSpan::new(0, 0, 2, 1),
            CellSpan::new(0, 1, 2, 1),
            CellSpan::new(0, 2, 1, 2),
        ];
        t.clamp();
        t
    }

    fn lay(t: &Table) -> Vec<Chunk> {
        let m = Measurer::new(FontSet::get());
        let s = LayoutSettings::default();
        let ctx = Ctx {
            m: &m,
            s,
            geo: Geometry::portrait(&s),
        };
        let mut out = Vec::new();
        lay_out(&ctx, t, &Source::Intro { block: 0 }, &mut out);
        out
    }

    /// The kept total row is bold whatever the clerk named it; a plain row is not, and a row
    /// labelled "Tổng cộng" is bold without the flag.
    #[test]
    fn the_kept_total_row_is_bold_whatever_its_label() {
        let face_of = |out: &[Chunk], word: &str| {
            out.iter()
                .flat_map(|c| &c.items)
                .find_map(|i| match i {
                    Item::Text(t) if t.text.trim() == word => Some(t.face),
                    _ => None,
                })
                .unwrap_or_else(|| panic!("{word} not found"))
        };
        let mut t = table(&[
            &["Tổ", "Số hộ"],
            &["Tổ 1", "120"],
            &["Tổ 2", "80"],
            &["Toàn phường", "200"],
        ]);
        let plain = lay(&t);
        assert_eq!(face_of(&plain, "phường"), Face::Regular);
        t.total_row = true;
        let out = lay(&t);
        assert_eq!(face_of(&out, "phường"), Face::Bold);
        assert_eq!(face_of(&out, "200"), Face::Bold);
        assert_eq!(face_of(&out, "120"), Face::Regular);
        assert!(is_bold_total(&t, 3) && !is_bold_total(&t, 2));
        let labelled = table(&[&["Tổ", "Số hộ"], &["Tổ 1", "120"], &["Tổng cộng", "120"]]);
        assert!(is_bold_total(&labelled, 2));
    }

    #[test]
    fn a_merged_cell_is_one_box_with_its_text_centred() {
        let t = two_row_header();
        let out = lay(&t);
        assert_eq!(out.len(), 4);
        let (r0, r1) = (rects(&out[0].items), rects(&out[1].items));
        // Row 0: three boxes (two merged down, one across); row 1: the two under "Kết quả".
        assert_eq!(r0.len(), 3, "{r0:?}");
        assert_eq!(r1.len(), 2, "{r1:?}");
        let two_rows = out[0].height + out[1].height;
        assert!((r0[0].3 - two_rows).abs() < 0.01, "STT covers both rows");
        assert!(
            (r0[2].2 - (r1[0].2 + r1[1].2)).abs() < 0.01,
            "Kết quả over both"
        );
        // "Kết quả" centred across its two columns; "STT" centred down its two rows.
        let (x, w, _) = text_x(&out[0].items, "quả");
        let (kx, _, _) = text_x(&out[0].items, "Kết");
        let mid = r0[2].0 + r0[2].2 / 2.0;
        assert!(((kx + x + w) / 2.0 - mid).abs() < 0.5, "{kx} {x} {w} {mid}");
        let (_, _, y) = text_x(&out[0].items, "STT");
        assert!(
            y > out[0].height,
            "STT sits lower than row 0's baseline: {y}"
        );
        // No break between the header rows, and row 1 stays with the body.
        assert!(!out[1].break_before && out[0].keep_with_next && out[1].keep_with_next);
        // Numbers under the merged header are right aligned.
        let (x, w, _) = text_x(&out[3].items, "1.300");
        let right = r1[0].0 + r1[0].2 - CELL_PAD_X_PT;
        assert!((x + w - right).abs() < 0.5, "{} vs {right}", x + w);
    }

    #[test]
    fn figures_stay_right_under_a_merged_header_beside_text_merged_across_them() {
        // A row numbering the columns, then "Không phát sinh" merged across the two columns of
        // figures in one row: the other rows' figures are still set flush right.
        let mut t = two_row_header();
        t.rows
            .insert(2, vec![cell("(1)"), cell("(2)"), cell("(3)"), cell("(4)")]);
        t.rows.push(vec![
            cell("3"),
            cell("0"),
            cell("Không phát sinh"),
            cell(""),
        ]);
        t.spans.push(CellSpan::new(5, 2, 1, 2));
        t.clamp();
        let out = lay(&t);
        let boxes = rects(&out[4].items);
        for (word, col) in [("1.340", 1), ("1.300", 2), ("40", 3)] {
            let (x, w, _) = text_x(&out[4].items, word);
            let right = boxes[col].0 + boxes[col].2 - CELL_PAD_X_PT;
            assert!((x + w - right).abs() < 0.5, "{word}: {} vs {right}", x + w);
        }
    }

    #[test]
    fn a_spanning_cell_shares_its_width_over_its_columns() {
        let m = Measurer::new(FontSet::get());
        let mut t = table(&[
            &["TT", "Hình thức tiếp nhận hồ sơ thủ tục hành chính", "", ""],
            &["1", "2", "3", "4"],
        ]);
        t.spans = vec![CellSpan::new(0, 1, 1, 3)];
        t.clamp();
        let need = needs(&m, &t, 4);
        let whole = cell_need(&m, Face::Bold, &t.rows[0][1]).1;
        let got: f32 = need[1..].iter().map(|n| n.1).sum();
        assert!((got - whole).abs() < 0.5, "{got} vs {whole}");
        assert!((need[1].1 - need[3].1).abs() < 0.01, "{need:?}");
    }

    #[test]
    fn a_box_merged_down_grows_its_last_row() {
        let mut t = table(&[
            &["A", "B"],
            &["Một ô rất dài có nhiều chữ được gộp xuống hai dòng mà vẫn không đủ chỗ cho hết chữ trong ô này nên dòng thứ hai phải cao thêm", "x"],
            &["", "y"],
        ]);
        t.widths = vec![1.0, 1.0];
        t.spans = vec![CellSpan::new(1, 0, 2, 1)];
        t.clamp();
        let out = lay(&t);
        let (_, _, _, h) = rects(&out[1].items)[0];
        assert!((h - out[1].height - out[2].height).abs() < 0.01);
        assert!(
            out[2].height > out[1].height,
            "{} {}",
            out[1].height,
            out[2].height
        );
        assert!(!out[2].break_before && out[1].keep_with_next);
        assert_eq!(
            rects(&out[2].items).len(),
            1,
            "row 2 draws only its own cell"
        );
    }
}
