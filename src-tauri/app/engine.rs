//! The engine as the app sees it: one small function per piece of the library, so that the app
//! never depends on how the library spells things and a change there is a change here only.

use baocao::model::Report;
use baocao::page::Document;
use baocao::text::{FontSet, Measurer};
use baocao::Result;

/// The sample report (a real 6-month report of a Hanoi ward) that a new user finds on the very
/// first start, so that they see what the app makes before typing anything.
pub const SAMPLE_MD: &str =
    include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

pub fn fonts() -> &'static FontSet {
    FontSet::get()
}

pub fn measurer() -> Measurer {
    Measurer::new(fonts())
}

pub fn layout(report: &Report, m: &Measurer) -> Document {
    baocao::layout::layout(report, m)
}

/// One SVG document per page, in the order of the pages.
pub fn page_svgs(doc: &Document) -> Vec<String> {
    doc.pages
        .iter()
        .map(|p| interim::page_svg(p, fonts()))
        .collect()
}

pub fn pdf(doc: &Document) -> Result<Vec<u8>> {
    interim::write_pdf(doc, fonts(), chrono::Local::now().naive_local())
}

pub fn import_text(text: &str) -> Result<Report> {
    baocao::import::import_text(text)
}

pub fn import_bytes(bytes: &[u8]) -> Result<Report> {
    baocao::import::import_bytes(bytes)
}

/// Heading numbers of every section by id ("I.", "1.", "a)"), for the outline pane.
pub fn numbers(report: &Report) -> Vec<(String, String)> {
    baocao::model::numbering::outline(&report.body, report.parts)
        .into_iter()
        .map(|n| (n.section.id.clone(), n.number.unwrap_or_default()))
        .collect()
}

/// Stand-ins for the painters until they land on `main`; each is replaced by the library's
/// function of the same name (one line above).
mod interim {
    use baocao::page::Document;
    use baocao::page::{Item, Page};
    use baocao::text::FontSet;
    use baocao::{Error, Result};

    fn esc(s: &str) -> String {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    }

    pub fn page_svg(page: &Page, _fonts: &FontSet) -> String {
        use std::fmt::Write;
        let mut s = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}pt" height="{h}pt" viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="white"/>"#,
            w = page.width,
            h = page.height
        );
        for it in &page.items {
            match it {
                Item::Text(t) => {
                    let (sec, block) = match &t.source {
                        Some(baocao::page::Source::Section { id, block }) => {
                            (id.clone(), block.map(|b| b.to_string()).unwrap_or_default())
                        }
                        _ => (String::new(), String::new()),
                    };
                    let _ = write!(
                        s,
                        r#"<text x="{}" y="{}" font-size="{}" font-family="'Times New Roman','Liberation Serif',serif" font-weight="{}" font-style="{}" xml:space="preserve" data-sec="{}" data-block="{}">{}</text>"#,
                        t.x,
                        t.y,
                        t.size,
                        if t.face.is_bold() { "bold" } else { "normal" },
                        if t.face.is_italic() {
                            "italic"
                        } else {
                            "normal"
                        },
                        esc(&sec),
                        block,
                        esc(&t.text)
                    );
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    let _ = write!(
                        s,
                        r#"<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="black" stroke-width="{width}"/>"#
                    );
                }
                Item::Rect { x, y, w, h, width } => {
                    let _ = write!(
                        s,
                        r#"<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="black" stroke-width="{width}"/>"#
                    );
                }
            }
        }
        s.push_str("</svg>");
        s
    }

    pub fn write_pdf(
        _doc: &Document,
        _fonts: &FontSet,
        _created: chrono::NaiveDateTime,
    ) -> Result<Vec<u8>> {
        Err(Error::internal(
            "Chức năng xuất PDF chưa sẵn sàng trong bản này. Hãy cập nhật Báo cáo.",
        ))
    }
}
