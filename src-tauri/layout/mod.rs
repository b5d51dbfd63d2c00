//! The layout: Nghị định 30/2020 rules applied to a report, giving pages (see `crate::page`).
//!
//! Each element of the decree is laid out in its own module, named after what it lays out:
//! [`header`] (the two columns at the top of page 1), [`marks`] (draft, urgency, circulation),
//! [`title`] (tên loại, trích yếu, kính gửi), [`headings`] (phần, mục, khoản, điểm), [`body`]
//! (paragraphs and lists), [`table`], [`closing`] (closing sentence, Nơi nhận, signer),
//! [`appendix`] and [`page_number`]. Sizes and distances are named constants in those modules or
//! in [`geometry`], or come from the user's settings.
//!
//! Elements produce a flow of [`Chunk`]s (a line, a table row, the header, the closing table);
//! [`flow`] cuts the flow into pages, breaking only where the elements allow it.

// Crate-visible so that the Word painter (`paint::docx`) takes its sizes, shares and line
// decisions from the module that owns each rule instead of restating them.
pub(crate) mod appendix;
pub mod balance;
pub(crate) mod body;
pub mod closing;
pub(crate) mod geometry;
pub mod header;
pub(crate) mod headings;
mod lines;
pub(crate) mod marks;
pub(crate) mod page_number;
pub mod table;
pub mod test_page;
pub(crate) mod title;

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use crate::model::numbering::outline;
use crate::model::{Block, Report, Run, Section};
use crate::page::{DocInfo, Document, Item, Page, Source};
use crate::text::Measurer;

pub use appendix::Plan as AppendixPlan;
pub use geometry::{Geometry, RULE_PT};
pub use title::{KinhGui, Plan as TitlePlan};

use geometry::{shift, Ctx, FIT_EPS};

/// The portrait page of `report` with its clamped settings: what every element is laid out in.
pub(crate) fn portrait_ctx<'a>(report: &Report, m: &'a Measurer) -> Ctx<'a> {
    let s = report.settings.clamped();
    Ctx {
        m,
        s,
        geo: Geometry::portrait(&s),
    }
}

/// The title block's decisions (the trích yếu's lines, its rule, the kính gửi block).
pub fn title_plan(report: &Report, m: &Measurer) -> TitlePlan {
    title::plan(&portrait_ctx(report, m), report)
}

/// An unbreakable piece of the flow: a line, a table row, the header, the closing table.
/// Its items have their final x on the page and a y measured from the chunk's top; the page flow
/// adds the chunk's place on the page.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    pub height: f32,
    /// Space above the chunk, dropped when the chunk starts a page.
    pub space_before: f32,
    /// May a page break before this chunk? (Widow/orphan control, unbreakable blocks.)
    pub break_before: bool,
    /// Must this chunk stay on the page of the next one? (Headings, the title block.)
    pub keep_with_next: bool,
    pub items: Vec<Item>,
    /// Drawn above this chunk when it starts a page: a table's header rows, so that a reader of
    /// page 2 still knows what each column holds.
    pub repeat_above: Option<std::sync::Arc<Repeat>>,
    /// Drawn under this chunk (y from the chunk's top) when a page ends after it: the rule that
    /// closes the boxes of a table row cut by the page (see `table::lay_out`).
    pub close_below: Vec<Item>,
}

/// Makes a run of chunks one block that stays with what follows it: no break inside, none
/// before the next chunk (a heading and its first lines, the title block).
pub fn keep_together(chunks: &mut [Chunk]) {
    for (j, c) in chunks.iter_mut().enumerate() {
        c.keep_with_next = true;
        if j > 0 {
            c.break_before = false;
        }
    }
}

/// Items repeated at the top of a page, with their height (see [`Chunk::repeat_above`]).
#[derive(Debug, Clone, Default)]
pub struct Repeat {
    pub height: f32,
    pub items: Vec<Item>,
}

/// The chunks of each section of the last layout, by a hash of everything they were made from
/// (the section's number, level, title and blocks, the settings and the page), so that the next
/// layout sets again only the sections that changed: typing in one section relays out that
/// section's lines and reuses every other's. The page flow and the header, title and closing,
/// which cost little, are done again each time.
#[derive(Default)]
pub struct Cache {
    sections: HashMap<u64, Vec<Chunk>>,
    /// Filled during a layout with the entries it used; becomes `sections` at its end, so that
    /// entries of sections edited away do not pile up.
    used: HashMap<u64, Vec<Chunk>>,
    /// Sections set again by the last layout (the others came from the cache).
    pub misses: usize,
}

impl Cache {
    /// The chunks of the section whose inputs hash to `key`: cached, or made by `make`.
    fn chunks(&mut self, key: u64, out: &mut Vec<Chunk>, make: impl FnOnce(&mut Vec<Chunk>)) {
        let cs = match self.sections.remove(&key) {
            Some(cs) => cs,
            None => {
                self.misses += 1;
                let mut cs = Vec::new();
                make(&mut cs);
                cs
            }
        };
        out.extend(cs.iter().cloned());
        self.used.insert(key, cs);
    }
}

/// Lays `report` out into pages. Pure: the same report and fonts give the same pages.
/// A report whose appendices are issued as a file of their own (signed by the organisation
/// alone, with the number and time stamped at the top right of its first page; Nghị định
/// 30/2020, Phụ lục I): the document laid out without them, and the appendices' pages as the
/// whole report numbers them. `None` when the report has no appendix.
pub fn appendices_apart(report: &Report, m: &Measurer) -> Option<(Document, Document)> {
    if report.appendices.is_empty() {
        return None;
    }
    let whole = layout(report, m);
    let mut alone = report.clone();
    alone.appendices.clear();
    let doc = layout(&alone, m);
    let appendix = Document {
        pages: whole.pages[doc.pages.len().min(whole.pages.len())..].to_vec(),
        info: whole.info.clone(),
    };
    Some((doc, appendix))
}

pub fn layout(report: &Report, m: &Measurer) -> Document {
    layout_with(report, m, &mut Cache::default())
}

/// [`layout`], reusing the sections `cache` holds from the previous layout of the same report
/// with the same measurer. Gives exactly the pages [`layout`] gives.
pub fn layout_with(report: &Report, m: &Measurer, cache: &mut Cache) -> Document {
    cache.misses = 0;
    cache.used.clear();
    let doc = layout_cached(report, m, cache);
    cache.sections = std::mem::take(&mut cache.used);
    doc
}

fn layout_cached(report: &Report, m: &Measurer, cache: &mut Cache) -> Document {
    let ctx = portrait_ctx(report, m);
    let s = ctx.s;
    let mut chunks = Vec::new();
    marks::draft(&ctx, report, &mut chunks);
    header::lay_out(&ctx, report, &mut chunks);
    title::lay_out(&ctx, report, &mut chunks);
    body::blocks(
        &ctx,
        &report.intro,
        |block| Source::Intro { block },
        &mut chunks,
    );
    sections(&ctx, &report.body, report.parts, cache, &mut chunks);
    closing::lay_out(&ctx, report, &mut chunks);
    let mut pages = flow(chunks, &ctx.geo);
    page_number::number_pages(&ctx, &mut pages);

    let count = report.appendices.len();
    for (k, a) in report.appendices.iter().enumerate() {
        let geo = if table::appendix_landscape(m, &s, a) {
            Geometry::landscape(&s)
        } else {
            Geometry::portrait(&s)
        };
        let actx = Ctx { m, s, geo };
        let mut chunks = Vec::new();
        appendix::heading(&actx, report, a, k, count, &mut chunks);
        body::blocks(
            &actx,
            &a.intro,
            |_| Source::Appendix { id: a.id.clone() },
            &mut chunks,
        );
        sections(&actx, &a.body, false, cache, &mut chunks);
        let mut apages = flow(chunks, &actx.geo);
        page_number::number_pages(&actx, &mut apages);
        pages.extend(apages);
    }

    Document {
        pages,
        info: info(report),
    }
}

/// The headings and blocks of an outline, in reading order.
fn sections(ctx: &Ctx, body: &[Section], parts: bool, cache: &mut Cache, out: &mut Vec<Chunk>) {
    let base = ctx_hash(ctx);
    for n in outline(body, parts) {
        let mut h = DefaultHasher::new();
        base.hash(&mut h);
        n.number.hash(&mut h);
        n.level.hash(&mut h);
        n.section.id.hash(&mut h);
        n.section.title.hash(&mut h);
        hash_blocks(&n.section.blocks, &mut h);
        cache.chunks(h.finish(), out, |out| {
            headings::lay_out(ctx, &n, out);
            let id = &n.section.id;
            body::blocks(
                ctx,
                &n.section.blocks,
                |i| Source::Section {
                    id: id.clone(),
                    block: Some(i),
                },
                out,
            );
        });
    }
}

/// A hash of what every element's chunks depend on besides its own content: the settings and
/// the page.
fn ctx_hash(ctx: &Ctx) -> u64 {
    let s = &ctx.s;
    let mut h = DefaultHasher::new();
    for v in [
        s.margin_top_mm,
        s.margin_bottom_mm,
        s.margin_left_mm,
        s.margin_right_mm,
        s.body_pt,
        s.first_line_indent_mm,
        s.paragraph_spacing_pt,
        s.line_spacing,
        s.page_number_pt,
        ctx.geo.width,
        ctx.geo.height,
    ] {
        v.to_bits().hash(&mut h);
    }
    (s.kinh_gui_one, s.muc_indent, s.khoan_indent, s.diem_indent).hash(&mut h);
    h.finish()
}

fn hash_runs(runs: &[Run], h: &mut impl Hasher) {
    runs.len().hash(h);
    for r in runs {
        (&r.text, r.bold, r.italic, r.sup).hash(h);
    }
}

fn hash_blocks(blocks: &[Block], h: &mut impl Hasher) {
    blocks.len().hash(h);
    for b in blocks {
        match b {
            Block::Paragraph { runs } => {
                0u8.hash(h);
                hash_runs(runs, h);
            }
            Block::List { items } => {
                1u8.hash(h);
                items.len().hash(h);
                for i in items {
                    hash_runs(i, h);
                }
            }
            Block::Table(t) => {
                2u8.hash(h);
                t.header_rows.hash(h);
                for w in &t.widths {
                    w.to_bits().hash(h);
                }
                t.rows.len().hash(h);
                for row in &t.rows {
                    row.len().hash(h);
                    for c in row {
                        hash_runs(c, h);
                    }
                }
            }
        }
    }
}

/// The PDF's document information: title = trích yếu, author = the issuing body,
/// subject = tên loại + trích yếu.
pub fn info(r: &Report) -> DocInfo {
    DocInfo {
        title: r.trich_yeu.trim().to_string(),
        author: r.issuer.name_lines.join(" "),
        subject: format!("{} {}", r.doc_type.trim(), r.trich_yeu.trim())
            .trim()
            .to_string(),
    }
}

/// Cuts the flow into pages of `geo`.
///
/// Chunks are stacked from the top margin; when one does not fit above the bottom margin the
/// page ends at the last place a break is allowed (so a heading goes with the first two lines
/// after it, a paragraph keeps two lines each side, the closing carries the body's last lines).
/// If nothing on the page allows a break (a single block taller than a page), it breaks where
/// the page is full rather than never ending.
fn flow(mut chunks: Vec<Chunk>, geo: &Geometry) -> Vec<Page> {
    let mut keep = false;
    for c in &mut chunks {
        if keep {
            c.break_before = false;
        }
        keep = c.keep_with_next;
    }
    let mut pages = Vec::new();
    let n = chunks.len();
    let mut start = 0;
    while start < n {
        let repeat = chunks[start].repeat_above.clone();
        let top = geo.top + repeat.as_ref().map_or(0.0, |r| r.height);
        let mut y = top;
        let mut end = n;
        for (j, c) in chunks.iter().enumerate().skip(start) {
            let sb = if j == start { 0.0 } else { c.space_before };
            if j > start && y + sb + c.height > geo.bottom + FIT_EPS {
                end = (start + 1..=j)
                    .rev()
                    .find(|&b| chunks[b].break_before)
                    .unwrap_or(j);
                break;
            }
            y += sb + c.height;
        }
        let mut items = Vec::with_capacity(chunks[start..end].iter().map(|c| c.items.len()).sum());
        if let Some(r) = &repeat {
            for it in &r.items {
                let mut it = it.clone();
                shift(&mut it, 0.0, geo.top);
                items.push(it);
            }
        }
        let mut y = top;
        let last = end - start - 1;
        for (j, c) in chunks[start..end].iter_mut().enumerate() {
            if j > 0 {
                y += c.space_before;
            }
            let closing = if j == last {
                std::mem::take(&mut c.close_below)
            } else {
                Vec::new()
            };
            for mut it in c.items.drain(..).chain(closing) {
                shift(&mut it, 0.0, y);
                items.push(it);
            }
            y += c.height;
        }
        pages.push(Page {
            width: geo.width,
            height: geo.height,
            number: None,
            items,
        });
        start = end;
    }
    if pages.is_empty() {
        pages.push(Page {
            width: geo.width,
            height: geo.height,
            number: None,
            items: Vec::new(),
        });
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::TextItem;
    use crate::text::Face;

    /// A line chunk whose text says which line it is.
    fn line(label: &str, break_before: bool, keep_with_next: bool) -> Chunk {
        Chunk {
            height: 10.0,
            space_before: 0.0,
            break_before,
            keep_with_next,
            repeat_above: None,
            close_below: Vec::new(),
            items: vec![Item::Text(TextItem {
                x: 0.0,
                y: 8.0,
                size: 10.0,
                face: Face::Regular,
                text: label.to_string(),
                width: 1.0,
                source: None,
            })],
        }
    }

    /// A page 45 pt high: four 10 pt lines fit.
    fn geo() -> Geometry {
        Geometry {
            width: 100.0,
            height: 65.0,
            left: 0.0,
            right: 100.0,
            top: 10.0,
            bottom: 55.0,
        }
    }

    fn labels(pages: &[Page]) -> Vec<Vec<String>> {
        pages
            .iter()
            .map(|p| {
                p.items
                    .iter()
                    .filter_map(|i| match i {
                        Item::Text(t) => Some(t.text.clone()),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_page_ends_at_the_last_allowed_break() {
        // A heading kept with a 4-line paragraph (breaks allowed only before line 0 and 2),
        // after a 2-line paragraph: the heading may not stay alone at the bottom, and the
        // paragraph leaves two lines for the next page rather than one.
        let chunks = vec![
            line("a0", true, false),
            line("a1", false, false),
            line("h", true, true),
            line("b0", true, false),
            line("b1", false, false),
            line("b2", true, false),
            line("b3", false, false),
        ];
        let pages = flow(chunks, &geo());
        assert_eq!(
            labels(&pages),
            [vec!["a0", "a1"], vec!["h", "b0", "b1"], vec!["b2", "b3"]]
                .map(|v| v.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        );
    }

    #[test]
    fn a_block_taller_than_a_page_still_ends() {
        let chunks: Vec<Chunk> = (0..9)
            .map(|i| line(&i.to_string(), i == 0, false))
            .collect();
        let pages = flow(chunks, &geo());
        assert_eq!(pages.len(), 3);
        assert_eq!(labels(&pages).concat().len(), 9);
    }
}
