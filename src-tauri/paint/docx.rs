//! Word painter: the report as an editable `.docx` laid out the way Nghị định 30 asks.
//!
//! Word paginates a document itself, so this painter does not draw the pages: it writes the
//! report as Word's own flowing text (paragraphs, tables, sections) with every size, share,
//! indent and spacing taken from the layout module that owns the rule, and, where the layout
//! decides a line break (the agency name's lines, the Quốc hiệu's size, the trích yếu's lines),
//! the layout's own lines. What the file holds, and why:
//!
//! - A4 sections with the report's margins, Times New Roman at the report's size, `vi-VN`, and
//!   Word 2013+ compatibility (`compatibilityMode` 15), so Word does not open it in
//!   compatibility mode.
//! - The body in the default paragraph style (justified, first-line indent, spacing and line
//!   spacing from the settings); headings in the built-in "heading 1…6" styles with their
//!   outline levels (Word's navigation pane shows the outline) and the derived numbers as text.
//! - The header as a borderless fixed two-column table in the layout's columns, "Số" and the
//!   date in one row on one baseline; each short rule a tiny empty paragraph with a top border
//!   and the indents that make it the layout's length (a floating shape or underscores move or
//!   break when the user edits).
//! - Page numbers at the top centre from page 2: every section has `titlePg`, an empty first
//!   header and a default header with a `PAGE` field. Appendices are sections of their own,
//!   numbered from 1, landscape where the appendix is.
//! - The closing as a borderless table that cannot split, after a closing sentence kept with it
//!   and with the body's last lines (`keepNext`).
//!
//! Every property element is written in the child order of ECMA-376 Part 1 (the schema's
//! sequences), through the small structs below that each write their children in that order:
//! LibreOffice repairs a misordered file silently, Word refuses to open it.
//!
//! What this painter asks the layout, besides its named sizes and spacings: `portrait_ctx`,
//! `header::plan`, `title::plan`, `appendix::plan`, `headings::{printed_lines, face_of}`,
//! `closing::{recipient_lines, sign_title_lines}`, `page_number::line_top`, `info`, and through
//! [`table_widths`] and [`appendix_geometry`] a table's columns and an appendix's page.

use chrono::{DateTime, Utc};

use crate::docx::ns;
use crate::docx::write::{content_type, rel_type, Package, Xml};
use crate::error::Result;
use crate::layout::body::LIST_MARK;
use crate::layout::geometry::{Ctx, Geometry, BORDER_PT, RULE_PT};
use crate::layout::headings::{face_of, printed_lines as heading_lines};
use crate::layout::{appendix, closing, header, marks, page_number, table, title};
use crate::model::numbering::{outline, Level};
use crate::model::{Appendix, Block, Report, Run, Section, Table};
use crate::page::mm;
use crate::text::{Face, Measurer};

/// The typeface the decree names; Word on the office PC has it, LibreOffice substitutes the
/// metric-compatible Liberation Serif.
const FONT: &str = "Times New Roman";
/// Language of every run: Vietnamese, so that Word checks the spelling in Vietnamese.
const LANG: &str = "vi-VN";
/// What the document properties say made the file.
const APPLICATION: &str = "Báo cáo";

/// Height of the paragraph that carries a short rule: the rule is its top border, the paragraph
/// itself holds nothing and must take (almost) no room.
const RULE_PARA_LINE_PT: f32 = 1.0;
/// Text size of the empty paragraphs that carry a rule or close a section (Word's smallest).
const TINY_PT: f32 = 1.0;

/// Style ids written in `styles.xml`.
const STYLE_BLOCK: &str = "Khoi";
const STYLE_APPENDIX: &str = "PhuLuc";

/// The report as a `.docx`, measured with `m` (the same fonts as the pages) and dated `created`.
pub fn write_docx(report: &Report, m: &Measurer, created: DateTime<Utc>) -> Result<Vec<u8>> {
    let ctx = crate::layout::portrait_ctx(report, m);
    let mut pkg = Package::new();
    const DOC: &str = "word/document.xml";
    pkg.add_part(DOC, content_type::DOCUMENT, Vec::new());
    pkg.relate("", rel_type::OFFICE_DOCUMENT, DOC);
    pkg.add_part(
        "docProps/core.xml",
        content_type::CORE_PROPERTIES,
        core_xml(report, created).into_bytes(),
    );
    pkg.relate("", rel_type::CORE_PROPERTIES, "docProps/core.xml");
    pkg.add_part(
        "docProps/app.xml",
        content_type::EXTENDED_PROPERTIES,
        app_xml().into_bytes(),
    );
    pkg.relate("", rel_type::EXTENDED_PROPERTIES, "docProps/app.xml");

    pkg.add_part(
        "word/styles.xml",
        content_type::STYLES,
        styles_xml(&ctx).into_bytes(),
    );
    pkg.relate(DOC, rel_type::STYLES, "word/styles.xml");
    pkg.add_part(
        "word/settings.xml",
        content_type::SETTINGS,
        settings_xml().into_bytes(),
    );
    pkg.relate(DOC, rel_type::SETTINGS, "word/settings.xml");
    pkg.add_part(
        "word/fontTable.xml",
        content_type::FONT_TABLE,
        font_table_xml().into_bytes(),
    );
    pkg.relate(DOC, rel_type::FONT_TABLE, "word/fontTable.xml");
    pkg.add_part(
        "word/header1.xml",
        content_type::HEADER,
        header_xml(None).into_bytes(),
    );
    let first = pkg.relate(DOC, rel_type::HEADER, "word/header1.xml");
    pkg.add_part(
        "word/header2.xml",
        content_type::HEADER,
        header_xml(Some(ctx.s.page_number_pt)).into_bytes(),
    );
    let default = pkg.relate(DOC, rel_type::HEADER, "word/header2.xml");

    let mut doc = DocWriter {
        x: Xml::with_capacity(256 * 1024),
        report,
        headers: Headers { first, default },
    };
    doc.document(&ctx);
    let body = doc.x.finish().into_bytes();
    pkg.set_part_bytes(DOC, body);
    pkg.to_zip(created.naive_utc())
}

/// Twentieths of a point (twips), Word's unit for distances.
fn tw(pt: f32) -> i32 {
    (pt * 20.0).round() as i32
}

/// Half-points, Word's unit for type sizes.
fn half_points(pt: f32) -> i32 {
    (pt * 2.0).round() as i32
}

/// Eighths of a point, Word's unit for border widths (at least 2, Word's thinnest).
fn eighths(pt: f32) -> i32 {
    ((pt * 8.0).round() as i32).max(2)
}

/// How much lower the baseline of a single-spaced line of `big` sits than one of `small`: the
/// space before the smaller line that puts both on one baseline ("Số" and the date, "Nơi
/// nhận:" and the signer's first line).
fn baseline_lift(ctx: &Ctx, big: f32, small: f32) -> f32 {
    let base = |s: f32| ctx.baseline_in(ctx.single_line(s), s);
    (base(big) - base(small)).max(0.0)
}

// ---------------------------------------------------------------------------------------------
// Property elements, each written in the order of its schema sequence (ECMA-376 Part 1).

/// Run properties (`w:rPr`, EG_RPrBase order: b, i, sz, szCs, bdr, vertAlign).
#[derive(Debug, Clone, Copy, Default)]
struct RPr {
    bold: bool,
    italic: bool,
    size: Option<f32>,
    /// A box around the text (the draft and urgency marks), with this padding in points.
    boxed: Option<f32>,
    sup: bool,
}

impl RPr {
    fn sized(size: f32) -> RPr {
        RPr {
            size: Some(size),
            ..RPr::default()
        }
    }

    fn face(face: Face, size: f32) -> RPr {
        RPr {
            bold: face.is_bold(),
            italic: face.is_italic(),
            size: Some(size),
            ..RPr::default()
        }
    }

    fn is_empty(&self) -> bool {
        !self.bold && !self.italic && self.size.is_none() && self.boxed.is_none() && !self.sup
    }

    fn write(&self, x: &mut Xml) {
        if self.is_empty() {
            return;
        }
        x.el("w:rPr");
        if self.bold {
            x.leaf("w:b");
        }
        if self.italic {
            x.leaf("w:i");
        }
        if let Some(size) = self.size {
            x.val("w:sz", half_points(size));
            x.val("w:szCs", half_points(size));
        }
        if let Some(pad) = self.boxed {
            x.el("w:bdr")
                .attr("w:val", "single")
                .attr("w:sz", eighths(BORDER_PT))
                .attr("w:space", pad.round() as i32)
                .attr("w:color", "000000")
                .end();
        }
        if self.sup {
            x.val("w:vertAlign", "superscript");
        }
        x.end();
    }
}

/// Paragraph spacing (`w:spacing`), in points; `line` is exact when `exact`, else auto (a
/// multiple of single spacing, 240 = single).
#[derive(Debug, Clone, Copy, Default)]
struct Spacing {
    before: Option<f32>,
    after: Option<f32>,
    /// Auto line spacing as a multiple of single spacing.
    lines: Option<f32>,
    /// Exact line height in points.
    exact: Option<f32>,
}

/// Indents (`w:ind`), in points from the paragraph's box; `hanging` for lines after the first.
#[derive(Debug, Clone, Copy, Default)]
struct Ind {
    left: f32,
    right: f32,
    first_line: f32,
    hanging: f32,
}

/// Paragraph properties (`w:pPr`, CT_PPrBase order then rPr, sectPr).
#[derive(Debug, Clone, Copy, Default)]
struct PPr<'a> {
    style: Option<&'static str>,
    keep_next: bool,
    keep_lines: bool,
    /// A short rule: the paragraph's top border.
    rule: bool,
    spacing: Option<Spacing>,
    ind: Option<Ind>,
    jc: Option<&'static str>,
    outline: Option<u8>,
    /// Properties of the paragraph mark (its height when the paragraph is empty).
    mark: Option<RPr>,
    section: Option<&'a SectPr<'a>>,
}

impl PPr<'_> {
    fn block() -> PPr<'static> {
        PPr {
            style: Some(STYLE_BLOCK),
            ..PPr::default()
        }
    }

    fn write(&self, x: &mut Xml) {
        x.el("w:pPr");
        if let Some(s) = self.style {
            x.val("w:pStyle", s);
        }
        if self.keep_next {
            x.leaf("w:keepNext");
        }
        if self.keep_lines {
            x.leaf("w:keepLines");
        }
        if self.rule {
            x.el("w:pBdr");
            x.el("w:top")
                .attr("w:val", "single")
                .attr("w:sz", eighths(RULE_PT))
                .attr("w:space", 0)
                .attr("w:color", "000000")
                .end();
            x.end();
        }
        if let Some(sp) = self.spacing {
            spacing(x, &sp);
        }
        if let Some(ind) = self.ind {
            x.el("w:ind");
            x.attr("w:left", tw(ind.left))
                .attr("w:right", tw(ind.right));
            if ind.hanging > 0.0 {
                x.attr("w:hanging", tw(ind.hanging));
            } else {
                x.attr("w:firstLine", tw(ind.first_line));
            }
            x.end();
        }
        if let Some(jc) = self.jc {
            x.val("w:jc", jc);
        }
        if let Some(level) = self.outline {
            x.val("w:outlineLvl", level);
        }
        if let Some(mark) = &self.mark {
            mark.write(x);
        }
        if let Some(sect) = self.section {
            sect.write(x);
        }
        x.end();
    }
}

fn spacing(x: &mut Xml, sp: &Spacing) {
    x.el("w:spacing");
    if let Some(b) = sp.before {
        x.attr("w:before", tw(b));
    }
    if let Some(a) = sp.after {
        x.attr("w:after", tw(a));
    }
    if let Some(h) = sp.exact {
        x.attr("w:line", tw(h)).attr("w:lineRule", "exact");
    } else if let Some(l) = sp.lines {
        x.attr("w:line", (240.0 * l).round() as i32)
            .attr("w:lineRule", "auto");
    }
    x.end();
}

/// The two page headers every section points at.
#[derive(Debug)]
struct Headers {
    /// The empty header of a section's first page (no number on page 1).
    first: String,
    /// The header with the centred page number.
    default: String,
}

/// Section properties (`w:sectPr`, CT_SectPr order: headerReference, type, pgSz, pgMar,
/// pgNumType, titlePg).
#[derive(Debug)]
struct SectPr<'a> {
    headers: &'a Headers,
    geo: Geometry,
    /// Distance from the top edge to the header (the page number's line box).
    header_pt: f32,
    /// Restart the page numbers at 1 (an appendix).
    restart: bool,
    /// Starts on a new page (every section after the first).
    new_page: bool,
}

impl SectPr<'_> {
    fn write(&self, x: &mut Xml) {
        x.el("w:sectPr");
        x.el("w:headerReference")
            .attr("w:type", "default")
            .attr("r:id", &self.headers.default)
            .end();
        x.el("w:headerReference")
            .attr("w:type", "first")
            .attr("r:id", &self.headers.first)
            .end();
        if self.new_page {
            x.val("w:type", "nextPage");
        }
        let g = &self.geo;
        x.el("w:pgSz")
            .attr("w:w", tw(g.width))
            .attr("w:h", tw(g.height));
        if g.width > g.height {
            x.attr("w:orient", "landscape");
        }
        x.end();
        x.el("w:pgMar")
            .attr("w:top", tw(g.top))
            .attr("w:right", tw(g.width - g.right))
            .attr("w:bottom", tw(g.height - g.bottom))
            .attr("w:left", tw(g.left))
            .attr("w:header", tw(self.header_pt))
            .attr("w:footer", tw(self.header_pt))
            .attr("w:gutter", 0)
            .end();
        if self.restart {
            x.el("w:pgNumType").attr("w:start", 1).end();
        }
        x.leaf("w:titlePg");
        x.end();
    }
}

/// Table borders: none (the header and the closing) or a single line of `BORDER_PT` (a table
/// of the report).
fn table_props(x: &mut Xml, widths: &[f32], bordered: bool, cell_pad: (f32, f32)) {
    x.el("w:tblPr");
    let total: i32 = widths.iter().map(|w| tw(*w)).sum();
    x.el("w:tblW")
        .attr("w:w", total)
        .attr("w:type", "dxa")
        .end();
    x.el("w:tblInd").attr("w:w", 0).attr("w:type", "dxa").end();
    x.el("w:tblBorders");
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        if bordered {
            single_border(x, side);
        } else {
            x.el(side).attr("w:val", "nil").end();
        }
    }
    x.end();
    x.el("w:tblLayout").attr("w:type", "fixed").end();
    let (pad_x, pad_y) = cell_pad;
    x.el("w:tblCellMar");
    for (side, pad) in [
        ("w:top", pad_y),
        ("w:left", pad_x),
        ("w:bottom", pad_y),
        ("w:right", pad_x),
    ] {
        x.el(side).attr("w:w", tw(pad)).attr("w:type", "dxa").end();
    }
    x.end();
    x.end();
    x.el("w:tblGrid");
    for w in widths {
        x.el("w:gridCol").attr("w:w", tw(*w)).end();
    }
    x.end();
}

/// Row properties (`w:trPr`): never split across pages; a header row repeats on every page.
fn row_props(x: &mut Xml, header: bool) {
    x.el("w:trPr");
    x.leaf("w:cantSplit");
    if header {
        x.leaf("w:tblHeader");
    }
    x.end();
}

/// Cell properties (`w:tcPr`): the cell's width.
fn cell_props(x: &mut Xml, width: f32) {
    merged_cell_props(x, width, 1, None, false, false);
}

/// Cell properties of a cell that may be merged: `cols` grid columns (`w:gridSpan`), the start
/// (`Some(true)`) or a continuation (`Some(false)`) of a merge down (`w:vMerge`), centred
/// vertically, its own borders when `bordered`; children in the order of ECMA-376 (tcW,
/// gridSpan, vMerge, tcBorders, vAlign).
///
/// A bordered table's cells carry its single line themselves (`w:tcBorders`), not only the
/// table (`w:tblBorders`): LibreOffice (7.4) draws every table of a file without rules when the
/// last table of the file (the closing, borderless) says `nil` at table level, so our tables
/// printed from LibreOffice had no grid at all. Word reads both the same way.
fn merged_cell_props(
    x: &mut Xml,
    width: f32,
    cols: u32,
    down: Option<bool>,
    middle: bool,
    bordered: bool,
) {
    x.el("w:tcPr");
    x.el("w:tcW")
        .attr("w:w", tw(width))
        .attr("w:type", "dxa")
        .end();
    if cols > 1 {
        x.el("w:gridSpan").attr("w:val", cols.to_string()).end();
    }
    match down {
        Some(true) => {
            x.el("w:vMerge").attr("w:val", "restart").end();
        }
        Some(false) => {
            x.el("w:vMerge").end();
        }
        None => {}
    }
    if bordered {
        x.el("w:tcBorders");
        for side in ["w:top", "w:left", "w:bottom", "w:right"] {
            single_border(x, side);
        }
        x.end();
    }
    if middle {
        x.el("w:vAlign").attr("w:val", "center").end();
    }
    x.end();
}

/// One side of a box: a single black line of `BORDER_PT`.
fn single_border(x: &mut Xml, side: &'static str) {
    x.el(side)
        .attr("w:val", "single")
        .attr("w:sz", eighths(BORDER_PT))
        .attr("w:space", 0)
        .attr("w:color", "000000")
        .end();
}

// ---------------------------------------------------------------------------------------------
// Text.

/// One run of text: tabs and line breaks become Word's own, spaces kept as typed (the blanks
/// left for the văn thư are runs of spaces).
fn run(x: &mut Xml, text: &str, rpr: &RPr) {
    if text.is_empty() {
        return;
    }
    x.el("w:r");
    rpr.write(x);
    for (k, line) in text.split('\n').enumerate() {
        if k > 0 {
            x.leaf("w:br");
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                x.leaf("w:tab");
            }
            if piece.is_empty() {
                continue;
            }
            x.el("w:t");
            if piece.starts_with(' ') || piece.ends_with(' ') || piece.contains("  ") {
                x.attr("xml:space", "preserve");
            }
            x.text(piece).end();
        }
    }
    x.end();
}

/// A paragraph of lines broken where the layout broke them (`w:br` between them).
fn lines_para(x: &mut Xml, ppr: &PPr, lines: &[String], rpr: &RPr) {
    x.el("w:p");
    ppr.write(x);
    x.el("w:r");
    rpr.write(x);
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            x.leaf("w:br");
        }
        x.el("w:t");
        if l.starts_with(' ') || l.ends_with(' ') || l.contains("  ") {
            x.attr("xml:space", "preserve");
        }
        x.text(l).end();
    }
    x.end();
    x.end();
}

fn text_para(x: &mut Xml, ppr: &PPr, text: &str, rpr: &RPr) {
    x.el("w:p");
    ppr.write(x);
    run(x, text, rpr);
    x.end();
}

/// The empty paragraph that draws a short rule of `len` points, centred in a box `width` wide:
/// a top border between its indents, `gap` below the line above, `after` above what follows.
fn rule_para(x: &mut Xml, width: f32, len: f32, gap: f32, after: f32, keep_next: bool) {
    let side = ((width - len) / 2.0).max(0.0);
    PPr {
        keep_next,
        rule: true,
        spacing: Some(Spacing {
            before: Some(gap),
            after: Some((after - RULE_PARA_LINE_PT).max(0.0)),
            exact: Some(RULE_PARA_LINE_PT),
            ..Spacing::default()
        }),
        ind: Some(Ind {
            left: side,
            right: side,
            ..Ind::default()
        }),
        mark: Some(RPr::sized(TINY_PT)),
        ..PPr::block()
    }
    .write_para(x);
}

impl PPr<'_> {
    /// An empty paragraph with these properties.
    fn write_para(&self, x: &mut Xml) {
        x.el("w:p");
        self.write(x);
        x.end();
    }
}

// ---------------------------------------------------------------------------------------------
// The document.

struct DocWriter<'a> {
    x: Xml,
    report: &'a Report,
    headers: Headers,
}

impl DocWriter<'_> {
    fn document(&mut self, ctx: &Ctx) {
        let x = &mut self.x;
        x.el("w:document")
            .attr("xmlns:w", ns::W)
            .attr("xmlns:r", ns::R);
        x.el("w:body");
        self.draft_mark();
        self.header(ctx);
        self.title(ctx);
        let r = self.report;
        let last = last_body_block(r);
        self.blocks(ctx, &r.intro, last);
        self.outline(ctx, &r.body, r.parts, last);
        self.closing(ctx);

        let header_pt = page_number::line_top(ctx);
        let count = r.appendices.len();
        let body_sect = SectPr {
            headers: &self.headers,
            geo: ctx.geo,
            header_pt,
            restart: false,
            new_page: false,
        };
        if count == 0 {
            section_end(&mut self.x, None);
            body_sect.write(&mut self.x);
        } else {
            section_end(&mut self.x, Some(&body_sect));
            for (k, a) in r.appendices.iter().enumerate() {
                let geo = appendix_geometry(ctx, a);
                let actx = Ctx {
                    m: ctx.m,
                    s: ctx.s,
                    geo,
                };
                self.appendix(&actx, a, k, count);
                let sect = SectPr {
                    headers: &self.headers,
                    geo,
                    header_pt,
                    restart: true,
                    new_page: true,
                };
                if k + 1 < count {
                    section_end(&mut self.x, Some(&sect));
                } else {
                    section_end(&mut self.x, None);
                    sect.write(&mut self.x);
                }
            }
        }
        self.x.end(); // body
        self.x.end(); // document
    }

    /// The boxed draft mark ("DỰ THẢO") above the header, at the right edge.
    fn draft_mark(&mut self) {
        let Some(text) = self
            .report
            .marks
            .draft
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return;
        };
        text_para(
            &mut self.x,
            &PPr {
                spacing: Some(Spacing {
                    after: Some(marks::DRAFT_GAP_PT),
                    ..Spacing::default()
                }),
                jc: Some("right"),
                ..PPr::block()
            },
            text,
            &RPr {
                boxed: Some(marks::MARK_PAD_PT),
                ..RPr::face(Face::Bold, marks::MARK_PT)
            },
        );
    }

    /// The two columns at the top of page 1, as a borderless fixed table in the layout's
    /// columns: agency and rule | Quốc hiệu, Tiêu ngữ and rule; then "Số" | date in one row.
    fn header(&mut self, ctx: &Ctx) {
        let r = self.report;
        let plan = header::plan(ctx.m, r);
        let widths = [plan.left_w, plan.right_w];
        let x = &mut self.x;
        x.el("w:tbl");
        table_props(x, &widths, false, (0.0, 0.0));

        // Row 1: the agency | Quốc hiệu and Tiêu ngữ, each with its rule.
        x.el("w:tr");
        row_props(x, false);
        x.el("w:tc");
        cell_props(x, plan.left_w);
        let centred = PPr {
            jc: Some("center"),
            ..PPr::block()
        };
        for line in &plan.parent_lines {
            text_para(x, &centred, line, &RPr::face(Face::Regular, plan.parent_pt));
        }
        for line in &plan.agency_lines {
            text_para(x, &centred, line, &RPr::face(Face::Bold, plan.agency_pt));
        }
        if plan.agency_rule > 0.0 {
            rule_para(
                x,
                plan.left_w,
                plan.agency_rule,
                header::RULE_GAP_PT,
                0.0,
                false,
            );
        } else if plan.parent_lines.is_empty() {
            // A cell holds at least one paragraph.
            centred.write_para(x);
        }
        x.end();
        x.el("w:tc");
        cell_props(x, plan.right_w);
        text_para(
            x,
            &centred,
            header::QUOC_HIEU,
            &RPr::face(Face::Bold, plan.quoc_hieu_pt),
        );
        text_para(
            x,
            &centred,
            header::TIEU_NGU,
            &RPr::face(Face::Bold, header::TIEU_NGU_PT),
        );
        rule_para(
            x,
            plan.right_w,
            plan.tieu_ngu_rule,
            header::RULE_GAP_PT,
            0.0,
            false,
        );
        x.end();
        x.end();

        // Row 2: "Số" | place and date, on one baseline.
        x.el("w:tr");
        row_props(x, false);
        let big = plan.date_pt.max(header::NUMBER_PT);
        let gap = (header::NUMBER_LINE_GAP_PT - RULE_PARA_LINE_PT).max(0.0);
        let row2 = |size: f32| PPr {
            spacing: Some(Spacing {
                before: Some(gap + baseline_lift(ctx, big, size)),
                ..Spacing::default()
            }),
            jc: Some("center"),
            ..PPr::block()
        };
        x.el("w:tc");
        cell_props(x, plan.left_w);
        text_para(
            x,
            &row2(header::NUMBER_PT),
            &plan.number,
            &RPr::face(Face::Regular, header::NUMBER_PT),
        );
        // Urgency and circulation marks, boxed, under "Số".
        for mark in [&r.marks.urgency, &r.marks.circulation]
            .into_iter()
            .flatten()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
        {
            text_para(
                x,
                &PPr {
                    spacing: Some(Spacing {
                        before: Some(marks::MARK_GAP_PT + marks::MARK_PAD_PT),
                        after: Some(marks::MARK_PAD_PT),
                        ..Spacing::default()
                    }),
                    jc: Some("center"),
                    ..PPr::block()
                },
                &mark.to_uppercase(),
                &RPr {
                    boxed: Some(marks::MARK_PAD_PT),
                    ..RPr::face(Face::Bold, marks::MARK_PT)
                },
            );
        }
        x.end();
        x.el("w:tc");
        cell_props(x, plan.right_w);
        lines_para(
            x,
            &row2(plan.date_pt),
            &plan.date_lines,
            &RPr::face(Face::Italic, plan.date_pt),
        );
        x.end();
        x.end();
        x.end(); // tbl
    }

    /// Tên loại, trích yếu (the layout's lines) and its rule, kính gửi.
    fn title(&mut self, ctx: &Ctx) {
        let plan = title::plan(ctx, self.report);
        let tw_ = ctx.geo.text_width();
        let x = &mut self.x;
        let centred = |before: f32| PPr {
            keep_next: true,
            keep_lines: true,
            spacing: Some(Spacing {
                before: Some(before),
                ..Spacing::default()
            }),
            jc: Some("center"),
            ..PPr::block()
        };
        if !plan.doc_type.is_empty() {
            text_para(
                x,
                &centred(title::TITLE_SPACE_BEFORE_PT),
                &plan.doc_type,
                &RPr::face(Face::Bold, title::DOC_TYPE_PT),
            );
        }
        if !plan.trich_yeu.is_empty() {
            let before = if plan.doc_type.is_empty() {
                title::TITLE_SPACE_BEFORE_PT
            } else {
                0.0
            };
            lines_para(
                x,
                &centred(before),
                &plan.trich_yeu,
                &RPr::face(Face::Bold, title::TRICH_YEU_PT),
            );
            rule_para(
                x,
                tw_,
                plan.trich_yeu_rule,
                title::RULE_GAP_PT,
                title::AFTER_RULE_PT,
                true,
            );
        }
        let rpr = RPr::sized(title::KINH_GUI_PT);
        let kept = |ind: Option<Ind>, jc: &'static str, after: f32| PPr {
            keep_next: true,
            keep_lines: true,
            spacing: Some(Spacing {
                after: Some(after),
                ..Spacing::default()
            }),
            ind,
            jc: Some(jc),
            ..PPr::block()
        };
        match plan.kinh_gui {
            title::KinhGui::None => {}
            title::KinhGui::One(text) => {
                text_para(
                    x,
                    &kept(None, "center", title::AFTER_KINH_GUI_PT),
                    &text,
                    &rpr,
                );
            }
            title::KinhGui::Many {
                label_x,
                dash_x,
                hang,
                recipients,
            } => {
                let label = Ind {
                    left: label_x,
                    ..Ind::default()
                };
                text_para(x, &kept(Some(label), "left", 0.0), "Kính gửi:", &rpr);
                let n = recipients.len();
                for (i, t) in recipients.iter().enumerate() {
                    let ind = Ind {
                        left: dash_x + hang,
                        hanging: hang,
                        ..Ind::default()
                    };
                    let after = if i + 1 == n {
                        title::AFTER_KINH_GUI_PT
                    } else {
                        0.0
                    };
                    text_para(x, &kept(Some(ind), "left", after), t, &rpr);
                }
            }
        }
    }

    /// The headings and blocks of an outline, in reading order.
    fn outline(&mut self, ctx: &Ctx, body: &[Section], parts: bool, last: Option<*const Block>) {
        for n in outline(body, parts) {
            let texts = heading_lines(ctx, &n);
            if !texts.is_empty() {
                let ppr = PPr {
                    style: Some(heading_style(n.level)),
                    ..PPr::default()
                };
                lines_para(&mut self.x, &ppr, &texts, &RPr::default());
            }
            self.blocks(ctx, &n.section.blocks, last);
        }
    }

    /// Paragraphs, lists and tables in the body's style; the body's last block (`last`) is
    /// kept with the closing that follows it.
    fn blocks(&mut self, ctx: &Ctx, blocks: &[Block], last: Option<*const Block>) {
        for b in blocks {
            let keep = last == Some(b as *const Block);
            let ppr = PPr {
                keep_next: keep,
                ..PPr::default()
            };
            match b {
                Block::Paragraph { runs } => self.runs_para(&ppr, None, runs),
                Block::List { items } => {
                    let n = items.len();
                    for (i, item) in items.iter().enumerate() {
                        let ppr = PPr {
                            keep_next: keep && i + 1 == n,
                            ..PPr::default()
                        };
                        self.runs_para(&ppr, Some(LIST_MARK), item);
                    }
                }
                Block::Table(t) => self.table(ctx, t, keep),
            }
        }
    }

    fn runs_para(&mut self, ppr: &PPr, lead: Option<&str>, runs: &[Run]) {
        let x = &mut self.x;
        x.el("w:p");
        if ppr.keep_next || ppr.style.is_some() {
            ppr.write(x);
        }
        if let Some(lead) = lead {
            run(x, lead, &RPr::default());
        }
        for r in runs {
            run(
                x,
                &r.text,
                &RPr {
                    bold: r.bold,
                    italic: r.italic,
                    sup: r.sup,
                    ..RPr::default()
                },
            );
        }
        x.end();
    }

    /// A table of the report: a single-line grid in the layout's column widths, header rows
    /// bold, centred and repeated on every page, no row split across pages.
    fn table(&mut self, ctx: &Ctx, t: &Table, keep_next: bool) {
        let widths = table_widths(ctx, t);
        if widths.is_empty() {
            return;
        }
        let x = &mut self.x;
        x.el("w:tbl");
        table_props(
            x,
            &widths,
            true,
            (table::CELL_PAD_X_PT, table::CELL_PAD_Y_PT),
        );
        let rows = t.rows.len();
        let align = table::BodyAlign::of(ctx.m, t);
        for (ri, row) in t.rows.iter().enumerate() {
            let header = (ri as u32) < t.header_rows;
            let total = !header && table::is_bold_total(t, ri);
            x.el("w:tr");
            row_props(x, header);
            for (c, w) in widths.iter().enumerate() {
                // A merged cell: its first cell carries the text, `gridSpan` and the start of
                // `vMerge`; the rows below it have one empty continuation cell; the columns it
                // covers to the right have none.
                let span = t.span_at(ri, c);
                let (cols, down, width, empty) = match span {
                    Some(s) if s.col as usize != c => continue,
                    Some(s) => {
                        let width: f32 = widths[c..(c + s.cols as usize).min(widths.len())]
                            .iter()
                            .sum();
                        let first = s.row as usize == ri;
                        (s.cols, (s.rows > 1).then_some(first), width, !first)
                    }
                    None => (1, None, *w, false),
                };
                x.el("w:tc");
                merged_cell_props(x, width, cols, down, header || down.is_some(), true);
                let runs = if empty {
                    &[][..]
                } else {
                    row.get(c).map(Vec::as_slice).unwrap_or_default()
                };
                // As the layout sets them: header and merged cells centred, figures flush
                // right, a "TT" column centred.
                let text: String = runs.iter().map(|r| r.text.as_str()).collect();
                let ppr = PPr {
                    keep_next: header || (keep_next && ri + 1 == rows),
                    jc: if header || cols > 1 {
                        Some("center")
                    } else {
                        align.jc(c, &text)
                    },
                    ..PPr::block()
                };
                x.el("w:p");
                ppr.write(x);
                for r in runs {
                    run(
                        x,
                        &r.text,
                        &RPr {
                            bold: header || total || r.bold,
                            italic: r.italic,
                            sup: r.sup,
                            size: Some(table::CELL_PT),
                            ..RPr::default()
                        },
                    );
                }
                x.end();
                x.end();
            }
            x.end();
        }
        x.end();
    }

    /// The closing sentence, then Nơi nhận | signer as a borderless table that does not split.
    fn closing(&mut self, ctx: &Ctx) {
        let r = self.report;
        let x = &mut self.x;
        let sentence = r.closing.trim();
        if !sentence.is_empty() {
            text_para(
                x,
                &PPr {
                    keep_next: true,
                    keep_lines: true,
                    spacing: Some(Spacing {
                        after: Some(closing::CLOSING_TABLE_SPACE_PT),
                        ..Spacing::default()
                    }),
                    ..PPr::default()
                },
                sentence,
                &RPr::default(),
            );
        }
        let tw_ = ctx.geo.text_width();
        let left_w = tw_ * closing::NOI_NHAN_SHARE;
        let widths = [left_w, tw_ - left_w];
        x.el("w:tbl");
        table_props(x, &widths, false, (0.0, 0.0));
        x.el("w:tr");
        row_props(x, false);

        // Nơi nhận, its first line on the signer's first baseline.
        x.el("w:tc");
        cell_props(x, widths[0]);
        text_para(
            x,
            &PPr {
                keep_next: true,
                spacing: Some(Spacing {
                    before: Some(baseline_lift(
                        ctx,
                        closing::SIGN_TITLE_PT,
                        closing::NOI_NHAN_LABEL_PT,
                    )),
                    ..Spacing::default()
                }),
                ..PPr::block()
            },
            "Nơi nhận:",
            &RPr::face(Face::BoldItalic, closing::NOI_NHAN_LABEL_PT),
        );
        let hang = ctx.width(Face::Regular, LIST_MARK, closing::RECIPIENT_PT);
        for line in closing::recipient_lines(r) {
            text_para(
                x,
                &PPr {
                    keep_next: true,
                    ind: Some(Ind {
                        left: hang,
                        hanging: hang,
                        ..Ind::default()
                    }),
                    ..PPr::block()
                },
                &line,
                &RPr::sized(closing::RECIPIENT_PT),
            );
        }
        x.end();

        // The signer: authority and titles, the room for signature and seal, the name.
        x.el("w:tc");
        cell_props(x, widths[1]);
        let centred = |before: f32| PPr {
            keep_next: true,
            spacing: (before > 0.0).then_some(Spacing {
                before: Some(before),
                ..Spacing::default()
            }),
            jc: Some("center"),
            ..PPr::block()
        };
        let titles = closing::sign_title_lines(r);
        for t in &titles {
            text_para(
                x,
                &centred(0.0),
                t,
                &RPr::face(Face::Bold, closing::SIGN_TITLE_PT),
            );
        }
        let name = r.signer.name.trim();
        let room = mm(closing::SIGNATURE_SPACE_MM);
        text_para(
            x,
            &PPr {
                keep_next: false,
                ..centred(room)
            },
            name,
            &RPr::face(Face::Bold, closing::SIGNER_NAME_PT),
        );
        x.end();
        x.end(); // tr
        x.end(); // tbl
    }

    /// An appendix: its heading (label and title in the appendix style, with an outline
    /// level), "(Kèm theo …)", the rule, then its content.
    fn appendix(&mut self, ctx: &Ctx, a: &Appendix, index: usize, count: usize) {
        let plan = appendix::plan(ctx, self.report, a, index, count);
        let x = &mut self.x;
        x.el("w:p");
        PPr {
            style: Some(STYLE_APPENDIX),
            ..PPr::default()
        }
        .write(x);
        run(x, &plan.label, &RPr::sized(appendix::LABEL_PT));
        if !plan.title.is_empty() {
            x.el("w:r");
            x.leaf("w:br");
            x.end();
            run(x, &plan.title, &RPr::sized(appendix::TITLE_PT));
        }
        x.end();
        text_para(
            x,
            &PPr {
                keep_next: true,
                keep_lines: true,
                jc: Some("center"),
                ..PPr::block()
            },
            &plan.kem_theo,
            &RPr::face(Face::Italic, appendix::KEM_THEO_PT),
        );
        rule_para(
            x,
            ctx.geo.text_width(),
            plan.rule,
            appendix::RULE_GAP_PT,
            appendix::AFTER_RULE_PT,
            true,
        );
        self.blocks(ctx, &a.intro, None);
        self.outline(ctx, &a.body, false, None);
    }
}

/// The page of an appendix: landscape where the appendix is.
fn appendix_geometry(ctx: &Ctx, a: &Appendix) -> Geometry {
    if table::appendix_landscape(ctx.m, &ctx.s, a) {
        Geometry::landscape(&ctx.s)
    } else {
        Geometry::portrait(&ctx.s)
    }
}

/// The columns of a table of the report, as the layout sets them on the page `ctx`.
fn table_widths(ctx: &Ctx, t: &Table) -> Vec<f32> {
    table::column_widths(ctx, t)
}

/// The paragraph that ends a section: empty and tiny, carrying the section's properties when
/// another section follows (Word keeps a section's properties in its last paragraph). It also
/// keeps Word from adding a paragraph of its own after the closing table.
fn section_end(x: &mut Xml, sect: Option<&SectPr>) {
    PPr {
        spacing: Some(Spacing {
            before: Some(0.0),
            after: Some(0.0),
            exact: Some(TINY_PT),
            ..Spacing::default()
        }),
        mark: Some(RPr::sized(TINY_PT)),
        section: sect,
        ..PPr::block()
    }
    .write_para(x);
}

/// The body's last block (before the closing), which the closing takes along to its page.
fn last_body_block(r: &Report) -> Option<*const Block> {
    let mut last = r.intro.last().map(|b| b as *const Block);
    for n in outline(&r.body, r.parts) {
        if let Some(b) = n.section.blocks.last() {
            last = Some(b as *const Block);
        }
    }
    last
}

/// The built-in heading style of each level: Word shows them in its navigation pane by their
/// outline level; the importer recognises its own files by them.
fn heading_style(level: Level) -> &'static str {
    match level {
        Level::Part => "Heading1",
        Level::Muc => "Heading2",
        Level::Khoan => "Heading3",
        Level::SubKhoan => "Heading4",
        Level::Diem => "Heading5",
        Level::Dash => "Heading6",
    }
}

const LEVELS: [Level; 6] = [
    Level::Part,
    Level::Muc,
    Level::Khoan,
    Level::SubKhoan,
    Level::Diem,
    Level::Dash,
];

// ---------------------------------------------------------------------------------------------
// The other parts.

fn w_root(x: &mut Xml, name: &'static str) {
    x.el(name).attr("xmlns:w", ns::W).attr("xmlns:r", ns::R);
}

/// Styles: the defaults (Times New Roman at the body size, Vietnamese), the body as the
/// default paragraph style, the block style of the header, title and closing, the headings.
fn styles_xml(ctx: &Ctx) -> String {
    let s = ctx.s;
    let mut x = Xml::with_capacity(8 * 1024);
    w_root(&mut x, "w:styles");
    x.el("w:docDefaults");
    x.el("w:rPrDefault");
    x.el("w:rPr");
    x.el("w:rFonts")
        .attr("w:ascii", FONT)
        .attr("w:eastAsia", FONT)
        .attr("w:hAnsi", FONT)
        .attr("w:cs", FONT)
        .end();
    x.val("w:sz", half_points(s.body_pt));
    x.val("w:szCs", half_points(s.body_pt));
    x.el("w:lang")
        .attr("w:val", LANG)
        .attr("w:eastAsia", LANG)
        .end();
    x.end();
    x.end();
    x.el("w:pPrDefault");
    x.el("w:pPr");
    x.leaf("w:widowControl");
    spacing(
        &mut x,
        &Spacing {
            before: Some(0.0),
            after: Some(0.0),
            lines: Some(1.0),
            ..Spacing::default()
        },
    );
    x.end();
    x.end();
    x.end();

    let body = PPr {
        spacing: Some(Spacing {
            before: Some(s.paragraph_spacing_pt),
            lines: Some(s.line_spacing),
            ..Spacing::default()
        }),
        ind: Some(Ind {
            first_line: mm(s.first_line_indent_mm),
            ..Ind::default()
        }),
        jc: Some("both"),
        ..PPr::default()
    };
    style(
        &mut x,
        StyleDef {
            id: "Normal",
            name: "Normal",
            default: true,
            ..StyleDef::default()
        },
        Some(&body),
        None,
    );
    x.el("w:style")
        .attr("w:type", "character")
        .attr("w:default", 1)
        .attr("w:styleId", "DefaultParagraphFont");
    x.val("w:name", "Default Paragraph Font");
    x.val("w:uiPriority", 1);
    x.leaf("w:semiHidden");
    x.leaf("w:unhideWhenUsed");
    x.end();
    x.el("w:style")
        .attr("w:type", "table")
        .attr("w:default", 1)
        .attr("w:styleId", "TableNormal");
    x.val("w:name", "Normal Table");
    x.val("w:uiPriority", 99);
    x.leaf("w:semiHidden");
    x.leaf("w:unhideWhenUsed");
    x.end();

    let block = PPr {
        spacing: Some(Spacing {
            before: Some(0.0),
            lines: Some(1.0),
            ..Spacing::default()
        }),
        ind: Some(Ind::default()),
        jc: Some("left"),
        ..PPr::default()
    };
    style(
        &mut x,
        StyleDef {
            id: STYLE_BLOCK,
            name: "Khối (không thụt lề)",
            based_on: Some("Normal"),
            ..StyleDef::default()
        },
        Some(&block),
        None,
    );

    for (i, level) in LEVELS.into_iter().enumerate() {
        let (bold, italic) = face_of(level);
        let part = level == Level::Part;
        let ppr = PPr {
            keep_next: true,
            keep_lines: true,
            spacing: part.then_some(Spacing {
                before: Some(
                    s.paragraph_spacing_pt + crate::layout::headings::PART_SPACE_BEFORE_PT,
                ),
                ..Spacing::default()
            }),
            ind: part.then_some(Ind::default()),
            jc: part.then_some("center"),
            outline: Some(i as u8),
            ..PPr::default()
        };
        let names = [
            "heading 1",
            "heading 2",
            "heading 3",
            "heading 4",
            "heading 5",
            "heading 6",
        ];
        style(
            &mut x,
            StyleDef {
                id: heading_style(level),
                name: names[i],
                based_on: Some("Normal"),
                next: Some("Normal"),
                ..StyleDef::default()
            },
            Some(&ppr),
            Some(&RPr {
                bold,
                italic,
                ..RPr::default()
            }),
        );
    }

    let appendix_ppr = PPr {
        keep_next: true,
        keep_lines: true,
        jc: Some("center"),
        outline: Some(0),
        ..PPr::default()
    };
    style(
        &mut x,
        StyleDef {
            id: STYLE_APPENDIX,
            name: "Phụ lục",
            based_on: Some(STYLE_BLOCK),
            next: Some(STYLE_BLOCK),
            ..StyleDef::default()
        },
        Some(&appendix_ppr),
        Some(&RPr {
            bold: true,
            ..RPr::default()
        }),
    );
    x.end();
    x.finish()
}

#[derive(Default)]
struct StyleDef {
    id: &'static str,
    name: &'static str,
    default: bool,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
}

/// A paragraph style (`w:style`, CT_Style order: name, basedOn, next, qFormat, pPr, rPr).
fn style(x: &mut Xml, d: StyleDef, ppr: Option<&PPr>, rpr: Option<&RPr>) {
    x.el("w:style").attr("w:type", "paragraph");
    if d.default {
        x.attr("w:default", 1);
    }
    x.attr("w:styleId", d.id);
    x.val("w:name", d.name);
    if let Some(b) = d.based_on {
        x.val("w:basedOn", b);
    }
    if let Some(n) = d.next {
        x.val("w:next", n);
    }
    x.leaf("w:qFormat");
    if let Some(p) = ppr {
        p.write(x);
    }
    if let Some(r) = rpr {
        r.write(x);
    }
    x.end();
}

/// Settings: Word 2013+ compatibility, so that the file opens in Word's current mode; the
/// language of the theme fonts; the Vietnamese decimal comma.
fn settings_xml() -> String {
    let mut x = Xml::new();
    w_root(&mut x, "w:settings");
    x.el("w:zoom").attr("w:percent", 100).end();
    x.val("w:defaultTabStop", 720);
    x.val("w:characterSpacingControl", "doNotCompress");
    x.el("w:compat");
    x.el("w:compatSetting")
        .attr("w:name", "compatibilityMode")
        .attr("w:uri", "http://schemas.microsoft.com/office/word")
        .attr("w:val", 15)
        .end();
    x.end();
    x.val("w:themeFontLang", LANG);
    x.val("w:decimalSymbol", ",");
    x.val("w:listSeparator", ";");
    x.end();
    x.finish()
}

fn font_table_xml() -> String {
    let mut x = Xml::new();
    w_root(&mut x, "w:fonts");
    x.el("w:font").attr("w:name", FONT);
    x.val("w:panose1", "02020603050405020304");
    x.val("w:charset", "00");
    x.val("w:family", "roman");
    x.val("w:pitch", "variable");
    x.end();
    x.end();
    x.finish()
}

/// A page header: the centred page number (a `PAGE` field) at `size`, or empty (page 1 of a
/// section).
fn header_xml(size: Option<f32>) -> String {
    let mut x = Xml::new();
    w_root(&mut x, "w:hdr");
    x.el("w:p");
    let Some(size) = size else {
        PPr::block().write(&mut x);
        x.end();
        x.end();
        return x.finish();
    };
    let rpr = RPr::sized(size);
    PPr {
        jc: Some("center"),
        mark: Some(rpr),
        ..PPr::block()
    }
    .write(&mut x);
    x.el("w:fldSimple").attr("w:instr", " PAGE ");
    run(&mut x, "2", &rpr);
    x.end();
    x.end();
    x.end();
    x.finish()
}

/// Document properties: title (the trích yếu), subject, author (the issuing body), created.
fn core_xml(r: &Report, created: DateTime<Utc>) -> String {
    let info = crate::layout::info(r);
    let when = created.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut x = Xml::new();
    x.el("cp:coreProperties")
        .attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    x.el("dc:title").text(&info.title).end();
    x.el("dc:subject").text(&info.subject).end();
    x.el("dc:creator").text(&info.author).end();
    x.el("dc:language").text(LANG).end();
    x.el("dcterms:created")
        .attr("xsi:type", "dcterms:W3CDTF")
        .text(&when)
        .end();
    x.el("dcterms:modified")
        .attr("xsi:type", "dcterms:W3CDTF")
        .text(&when)
        .end();
    x.end();
    x.finish()
}

fn app_xml() -> String {
    let mut x = Xml::new();
    x.el("Properties").attr(
        "xmlns",
        "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    );
    x.el("Application").text(APPLICATION).end();
    x.end();
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{A4_HEIGHT, A4_WIDTH};
    use crate::text::FontSet;

    #[test]
    fn units_are_words() {
        assert_eq!(tw(A4_WIDTH), 11906);
        assert_eq!(tw(A4_HEIGHT), 16838);
        assert_eq!(tw(mm(20.0)), 1134);
        assert_eq!(tw(mm(30.0)), 1701);
        assert_eq!(tw(mm(15.0)), 850);
        assert_eq!(tw(mm(12.7)), 720);
        assert_eq!(half_points(14.0), 28);
    }

    #[test]
    fn the_package_holds_every_part_and_the_body_the_report() {
        let m = Measurer::new(FontSet::get());
        let r = crate::import::import_text(include_str!(
            "../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
        ))
        .unwrap();
        let bytes = write_docx(&r, &m, DateTime::<Utc>::default()).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut doc = String::new();
        std::io::Read::read_to_string(&mut z.by_name("word/document.xml").unwrap(), &mut doc)
            .unwrap();
        assert!(doc.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(doc.contains("<w:titlePg/>"));
        assert!(doc.contains("Nguyễn Thị Thu Hiền"));
    }
}
