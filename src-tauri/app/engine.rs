//! The engine as the app sees it: one small function per piece of the library, so that the app
//! never depends on how the library spells things and a change there is a change here only.

use baocao::model::{Report, Section, Table};
use baocao::page::Document;
use baocao::text::{FontSet, Measurer};
use baocao::Result;

pub fn fonts() -> &'static FontSet {
    FontSet::get()
}

pub fn measurer() -> Measurer {
    Measurer::new(fonts())
}

/// Every report that comes from the window or from a fix goes through here before it is laid
/// out or saved: its texts NFC-normalised, its derived parts (figures written out in words and
/// numbers) brought up to date.
pub fn prepare(report: &mut Report) {
    report.normalize();
    baocao::figures::apply(report);
}

/// [`prepare`] for an edit of one section: `section` normalised, put in place of the one with
/// its id in `report` (its subsections kept), and the figures brought up to date (a figure typed
/// in one section may be written out in another). `false` when `report` has no such section.
pub fn put_section(report: &mut Report, mut section: Section) -> bool {
    section.normalize();
    if !report.replace_section(section) {
        return false;
    }
    baocao::figures::apply(report);
    true
}

/// A table of the form brought into range and its total row summed (see
/// `figures::totals::apply`): which columns were computed.
pub fn table_totals(table: &mut Table) -> Vec<bool> {
    table.clamp();
    baocao::figures::totals::apply(table)
}

pub fn layout(report: &Report, m: &Measurer) -> Document {
    baocao::layout::layout(report, m)
}

/// One SVG document per page, in the order of the pages.
pub fn page_svgs(doc: &Document) -> Vec<String> {
    doc.pages
        .iter()
        .map(|p| baocao::paint::svg::page_svg(p, fonts()))
        .collect()
}

/// One SVG document per page for printing: runs held to the layout's widths.
pub fn print_svgs(doc: &Document) -> Vec<String> {
    doc.pages
        .iter()
        .map(|p| baocao::paint::svg::page_svg_for_print(p, fonts()))
        .collect()
}

pub fn pdf(doc: &Document) -> Result<Vec<u8>> {
    baocao::paint::pdf::write_pdf(doc, fonts(), chrono::Local::now().naive_local())
}

/// The PDF to sign: the same pages with the two empty signature fields at the closing's places
/// (the person's at ô 7c, the seal's over its left third), as `baocao render --ky-so` writes.
pub fn pdf_to_sign(doc: &Document) -> Result<Vec<u8>> {
    use baocao::paint::pdf;
    let fields = pdf::signature_fields(doc, fonts());
    pdf::write_pdf_with_fields(doc, fonts(), chrono::Local::now().naive_local(), &fields)
}

/// The report's appendices alone, as the file the organisation signs apart: the number and
/// the signing time go in the field at the top right of its first page. `None` when the report
/// has no appendix.
pub fn appendix_pdf_to_sign(report: &Report, m: &Measurer) -> Result<Option<Vec<u8>>> {
    use baocao::paint::pdf;
    let Some((_, appendix)) = baocao::layout::appendices_apart(report, m) else {
        return Ok(None);
    };
    let fields = pdf::stamp_field(report, &appendix);
    pdf::write_pdf_with_fields(
        &appendix,
        fonts(),
        chrono::Local::now().naive_local(),
        &fields,
    )
    .map(Some)
}

/// The report as an editable Word file, laid out with the same measurer as the pages.
pub fn docx(report: &Report, m: &Measurer) -> Result<Vec<u8>> {
    baocao::paint::docx::write_docx(report, m, chrono::Utc::now())
}

/// Heading numbers of every section by id ("I.", "1.", "a)"), for the outline pane.
pub fn numbers(report: &Report) -> Vec<(String, String)> {
    baocao::model::numbering::outline(&report.body, report.parts)
        .into_iter()
        .map(|n| (n.section.id.clone(), n.number.unwrap_or_default()))
        .collect()
}
