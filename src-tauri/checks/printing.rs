//! What will not print as it was typed: characters no bundled font has ("ký tự không có trong
//! phông"), and tables too wide for a portrait page.
//!
//! The layout draws a character that neither the document's typeface nor the bundled symbol
//! font has as a box (see `text::symbols`), the same in the preview and the PDF; such characters
//! usually come from a file decoded in the wrong encoding (CJK in place of Vietnamese letters)
//! and must be typed again. A table whose longest words alone are wider than a portrait page is
//! squeezed in the body (its words cut inside cells), while in an appendix it gets a landscape
//! page: the check offers that move.

use super::{for_each_block, for_each_text, Finding, Severity};
use crate::layout::table::wants_landscape;
use crate::model::{Block, Report};
use crate::page::Source;
use crate::text::{symbols, FontSet, Measurer};

pub fn check(r: &Report, out: &mut Vec<Finding>) {
    glyphs(r, out);
    wide_tables(r, out);
}

/// Every text a reader sees, with its place: the checks' own list, plus the header and the
/// signature block, which it leaves out.
fn each_printed(r: &Report, f: &mut impl FnMut(&Source, &str)) {
    let at = |field: &str| Source::Header {
        field: field.into(),
    };
    let closing = |field: &str| Source::Closing {
        field: field.into(),
    };
    for l in r.issuer.parent.iter().chain(&r.issuer.name_lines) {
        f(&at("issuer"), l);
    }
    f(&at("date"), &r.place);
    f(&at("doc_type"), &r.doc_type);
    for k in &r.kinh_gui {
        f(&at("kinh_gui"), k);
    }
    for_each_text(r, f);
    for n in &r.noi_nhan.recipients {
        f(&closing("noi_nhan"), n);
    }
    let s = &r.signer;
    for t in std::iter::once(&s.collective)
        .chain(&s.titles)
        .chain(std::iter::once(&s.name))
    {
        f(&closing("signer"), t);
    }
    for a in &r.appendices {
        f(&Source::Appendix { id: a.id.clone() }, &a.title);
    }
}

fn glyphs(r: &Report, out: &mut Vec<Finding>) {
    let fonts = FontSet::get();
    each_printed(r, &mut |loc, text| {
        let missing = symbols::missing(fonts, text);
        if missing.is_empty() {
            return;
        }
        let shown: Vec<String> = missing
            .iter()
            .take(5)
            .map(|c| format!("“{c}” (U+{:04X})", u32::from(*c)))
            .collect();
        let more = if missing.len() > 5 { ", …" } else { "" };
        out.push(Finding {
            severity: Severity::CanhBao,
            location: loc.clone(),
            message: format!(
                "Ký tự không có trong phông: {}{more} sẽ in thành ô trống {}. Thường do tệp nhập bị sai bảng mã; hãy gõ lại hoặc xóa các ký tự này.",
                shown.join(", "),
                symbols::TOFU
            ),
            fix: None,
        });
    });
}

fn wide_tables(r: &Report, out: &mut Vec<Finding>) {
    let m = Measurer::new(FontSet::get());
    for_each_block(r, &mut |loc, b| {
        if matches!(loc, Source::Appendix { .. }) {
            return;
        }
        let Block::Table(t) = b else { return };
        if wants_landscape(&m, &r.settings, t) {
            out.push(Finding {
                severity: Severity::GoiY,
                location: loc.clone(),
                message: "Bảng quá rộng cho trang dọc nên các cột bị ép, chữ bị cắt. Hãy chuyển bảng sang một phụ lục: phụ lục có bảng rộng được in trên trang ngang.".into(),
                fix: None,
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Run, Section, Table};

    #[test]
    fn characters_no_font_has_are_reported_where_they_are() {
        let r = Report {
            trich_yeu: "Kết quả ✓ công tác".into(),
            body: vec![Section {
                id: "s1".into(),
                title: "Tình hình".into(),
                blocks: vec![Block::Paragraph {
                    runs: vec![Run::plain("Thu ngân sách đạt 漢字 \u{F0B7} kế hoạch")],
                }],
                ..Section::default()
            }],
            ..Report::default()
        };
        let mut out = Vec::new();
        check(&r, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(
            out[0].location,
            Source::Section {
                id: "s1".into(),
                block: Some(0)
            }
        );
        assert!(
            out[0]
                .message
                .starts_with("Ký tự không có trong phông: “漢” (U+6F22), “字” (U+5B57)"),
            "{}",
            out[0].message
        );
    }

    #[test]
    fn a_wide_table_in_the_body_is_offered_an_appendix() {
        let row = |f: &dyn Fn(usize) -> String| -> Vec<Vec<Run>> {
            (0..10).map(|i| vec![Run::plain(f(i))]).collect()
        };
        let t = Table {
            header_rows: 1,
            widths: Vec::new(),
            rows: vec![
                row(&|i| format!("Tháng{i}")),
                row(&|i| format!("{i}.234.567")),
            ],
            ..Default::default()
        };
        let mut r = Report {
            intro: vec![Block::Table(t.clone())],
            ..Report::default()
        };
        let mut out = Vec::new();
        check(&r, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].location, Source::Intro { block: 0 });
        r.intro.clear();
        r.appendices.push(crate::model::Appendix {
            id: "a".into(),
            intro: vec![Block::Table(t)],
            ..Default::default()
        });
        out.clear();
        check(&r, &mut out);
        assert!(out.is_empty(), "in an appendix it is turned, not reported");
    }
}
