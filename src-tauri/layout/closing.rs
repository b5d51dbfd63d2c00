//! The end of the report: closing sentence, Nơi nhận and the signature block (Nghị định 30/2020,
//! Phụ lục I, "Nơi nhận", "Quyền hạn, chức vụ, họ tên và chữ ký của người có thẩm quyền").
//!
//! Two columns without borders whose first lines stand on the same baseline. Left (≈ 1/3 of the
//! text width), flush left: "Nơi nhận:" 12 pt bold italic; one recipient per line, 11 pt, "- X;";
//! "- Như trên;" first when Kính gửi was used; last the archive line "- Lưu: VT, VP (02).".
//! Right (≈ 2/3), centred, 13–14 pt bold UPPER: authority + collective ("TM. ỦY BAN NHÂN DÂN"),
//! the title lines, 25–30 mm for the signature and the seal, then the signer's name, bold.
//! The closing never splits across pages and the last lines of the body move with it.

use super::geometry::{shift, Ctx};
use super::lines::{lines, tag, Align, Line, ParaStyle, Span};
use super::Chunk;
use crate::model::{Archive, Report};
use crate::page::{mm, Item, Source};

/// Share of the text width taken by the Nơi nhận column (practice: about 1/3).
pub const NOI_NHAN_SHARE: f32 = 1.0 / 3.0;
/// "Nơi nhận:": 12 pt bold italic.
pub const NOI_NHAN_LABEL_PT: f32 = 12.0;
/// Recipients: 11 pt upright.
pub const RECIPIENT_PT: f32 = 11.0;
/// Authority, title lines: 13–14 pt bold.
pub const SIGN_TITLE_PT: f32 = 14.0;
/// The signer's name: 13–14 pt bold.
pub const SIGNER_NAME_PT: f32 = 14.0;
/// Empty room between the title lines and the name, for the signature and the seal (25–30 mm).
pub const SIGNATURE_SPACE_MM: f32 = 27.0;
/// Space between the closing sentence (or the body) and the two columns.
pub const CLOSING_TABLE_SPACE_PT: f32 = 12.0;

fn src(field: &str) -> Source {
    Source::Closing {
        field: field.to_string(),
    }
}

/// "- Lưu: VT, VP." / "- Lưu: VT, VP (02).": "Lưu" and a colon, "VT" first, a full stop at the end.
pub fn archive_line(a: &Archive) -> String {
    let mut s = String::from("- Lưu: VT");
    for u in a
        .units
        .iter()
        .map(|u| u.trim())
        .filter(|u| !u.is_empty() && *u != "VT")
    {
        s.push_str(", ");
        s.push_str(u);
    }
    if let Some(c) = a.copies {
        s.push_str(&format!(" ({c:02})"));
    }
    s.push('.');
    s
}

/// The Nơi nhận lines as printed.
pub fn recipient_lines(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    if r.prints_nhu_tren() {
        out.push("- Như trên;".to_string());
    }
    for rec in r.typed_recipients() {
        let rec = rec
            .trim()
            .trim_start_matches(['-', '+'])
            .trim_end_matches([';', '.', ','])
            .trim();
        if !rec.is_empty() {
            out.push(format!("- {rec};"));
        }
    }
    out.push(archive_line(&r.noi_nhan.archive));
    out
}

/// The signature block's lines above the signature space.
pub fn sign_title_lines(r: &Report) -> Vec<String> {
    let s = &r.signer;
    let mut out = Vec::new();
    if let Some(a) = s.authority {
        let line = format!("{} {}", a.prefix(), s.collective.trim().to_uppercase());
        out.push(line.trim().to_string());
    }
    for t in s.titles.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        out.push(t.to_uppercase());
    }
    out
}

/// Places `ls` from baseline `base` downward, one every `step`; returns the last baseline.
fn place(ls: Vec<Line>, base: f32, step: f32, items: &mut Vec<Item>) -> f32 {
    let mut b = base - step;
    for l in ls {
        b += step;
        for mut it in l.items {
            shift(&mut it, 0.0, b);
            items.push(it);
        }
    }
    b
}

pub fn lay_out(ctx: &Ctx, r: &Report, out: &mut Vec<Chunk>) {
    let geo = ctx.geo;
    let tw = geo.text_width();
    let sentence = r.closing.trim();
    if !sentence.is_empty() {
        let spans = [Span::plain(sentence)];
        let mut chunks =
            super::body::paragraph(ctx, &spans, &ParaStyle::body(ctx), &src("closing"));
        // The sentence is one block with the columns, and takes the body's last lines with it.
        for c in &mut chunks {
            c.break_before = false;
            c.keep_with_next = true;
        }
        out.extend(chunks);
    }

    let left_w = tw * NOI_NHAN_SHARE;
    let rx = geo.left + left_w;
    let right_w = tw - left_w;
    let mut items = Vec::new();
    // The shared first baseline: where a 14 pt line's baseline sits at the top of the block.
    let first_line = ctx.single_line(SIGN_TITLE_PT);
    let first_base = ctx.baseline_in(first_line, SIGN_TITLE_PT);

    // Left column.
    let label_st = ParaStyle {
        align: Align::Left,
        ..ParaStyle::centred(geo.left, left_w, NOI_NHAN_LABEL_PT, true, true)
    };
    let mut ls = lines(ctx, &[Span::plain("Nơi nhận:")], &label_st);
    tag(&mut ls, &src("noi_nhan"));
    let mut b = place(
        ls,
        first_base,
        ctx.single_line(NOI_NHAN_LABEL_PT),
        &mut items,
    );
    let rec_line = ctx.single_line(RECIPIENT_PT);
    let dash_w = ctx.width(crate::text::Face::Regular, "- ", RECIPIENT_PT);
    b += ctx.descent(NOI_NHAN_LABEL_PT) + rec_line - ctx.descent(RECIPIENT_PT);
    for t in recipient_lines(r) {
        let st = ParaStyle {
            align: Align::Left,
            rest_indent: dash_w,
            ..ParaStyle::centred(geo.left, left_w, RECIPIENT_PT, false, false)
        };
        let mut ls = lines(ctx, &[Span::plain(t)], &st);
        tag(&mut ls, &src("noi_nhan"));
        b = place(ls, b, rec_line, &mut items) + rec_line;
    }
    let left_bottom = b - rec_line + ctx.descent(RECIPIENT_PT);

    // Right column.
    let titles = sign_title_lines(r);
    let name = r.signer.name.trim();
    let mut right_bottom = 0.0;
    if !titles.is_empty() || !name.is_empty() {
        let st = ParaStyle::centred(rx, right_w, SIGN_TITLE_PT, true, false);
        let mut b = first_base - first_line;
        for t in &titles {
            let mut ls = lines(ctx, &[Span::plain(t.as_str())], &st);
            tag(&mut ls, &src("signer"));
            b = place(ls, b + first_line, first_line, &mut items);
        }
        let name_line = ctx.single_line(SIGNER_NAME_PT);
        // From the bottom of the last title line box to the top of the name's line box.
        let titles_bottom = if titles.is_empty() {
            0.0
        } else {
            b + ctx.descent(SIGN_TITLE_PT)
        };
        let name_base =
            titles_bottom + mm(SIGNATURE_SPACE_MM) + ctx.baseline_in(name_line, SIGNER_NAME_PT);
        if !name.is_empty() {
            let st = ParaStyle::centred(rx, right_w, SIGNER_NAME_PT, true, false);
            let mut ls = lines(ctx, &[Span::plain(name)], &st);
            tag(&mut ls, &src("signer"));
            b = place(ls, name_base, name_line, &mut items);
        } else {
            b = name_base;
        }
        right_bottom = b + ctx.descent(SIGNER_NAME_PT);
    }

    out.push(Chunk {
        height: left_bottom.max(right_bottom),
        space_before: CLOSING_TABLE_SPACE_PT,
        break_before: false,
        keep_with_next: false,
        repeat_above: None,
        close_below: Vec::new(),
        items,
    });
}

/// Width of the person's signature field at ô 7c, centred over the signer's name.
pub const SIGNATURE_FIELD_MM: f32 = 50.0;
/// The seal's field: a round seal of a commune-level People's Committee is about 35 mm across
/// (its image is drawn at this size).
pub const SEAL_FIELD_MM: f32 = 35.0;
/// Share of the signature field's width, on its left, that the seal covers (Phụ lục I, II.7.d:
/// "trùm lên khoảng 1/3 hình ảnh chữ ký").
pub const SEAL_OVER_SIGNATURE: f32 = 1.0 / 3.0;

/// A rectangle on a page, in the display list's units (points, y downward from the top).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub page: usize,
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// Where an electronic document's two signatures go (Nghị định 30, Phụ lục I, II.7.d).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SignaturePlaces {
    /// The person's signature image (ô 7c): the empty room between the title lines and the
    /// name, centred over the name.
    pub person: Place,
    /// The organisation's seal (ô 8): over the left third of the person's field, centred on it
    /// vertically.
    pub seal: Place,
}

/// The signature places of laid-out `doc`: found from the signer block's lines (the last
/// title line and the name) on the page that holds them, with this module's own rules for the
/// room between them. None when the report has no signer block.
pub fn signature_places(
    doc: &crate::page::Document,
    fonts: &crate::text::FontSet,
) -> Option<SignaturePlaces> {
    let signer = Source::Closing {
        field: "signer".to_string(),
    };
    let (page, items) = doc.pages.iter().enumerate().rev().find_map(|(i, p)| {
        let items: Vec<&crate::page::TextItem> = p
            .texts()
            .into_iter()
            .filter(|t| t.source.as_ref() == Some(&signer))
            .collect();
        (!items.is_empty()).then_some((i, items))
    })?;
    let descender = fonts.face(crate::text::Face::Regular).descender;
    let name_base = items.iter().map(|t| t.y).fold(f32::MIN, f32::max);
    let name: Vec<_> = items.iter().filter(|t| t.y == name_base).collect();
    let titles_base = items
        .iter()
        .map(|t| t.y)
        .filter(|y| *y < name_base)
        .fold(f32::MIN, f32::max);
    // The room the layout left: from the bottom of the last title line box, 27 mm down.
    let top = if titles_base > f32::MIN {
        titles_base + SIGN_TITLE_PT * descender
    } else {
        name_base - mm(SIGNATURE_SPACE_MM) - SIGNER_NAME_PT
    };
    let left = name.iter().map(|t| t.x).fold(f32::MAX, f32::min);
    let right = name.iter().map(|t| t.x + t.width).fold(f32::MIN, f32::max);
    let centre = (left + right) / 2.0;
    let (w, h) = (mm(SIGNATURE_FIELD_MM), mm(SIGNATURE_SPACE_MM));
    let person = Place {
        page,
        x: centre - w / 2.0,
        y: top,
        w,
        h,
    };
    let d = mm(SEAL_FIELD_MM);
    let seal = Place {
        page,
        x: person.x + person.w * SEAL_OVER_SIGNATURE - d,
        y: top + h / 2.0 - d / 2.0,
        w: d,
        h: d,
    };
    Some(SignaturePlaces { person, seal })
}

/// The stamp of a separately issued appendix signed by the organisation (Phụ lục I, II.8):
/// number and symbol, then the signing time (ISO 8601, Vietnam time), Times New Roman 10,
/// upright, black, at the top right of its first page.
pub const STAMP_PT: f32 = 10.0;
/// The stamp's box: wide enough for "2026-12-05T17:30:00+07:00" and a long symbol.
pub const STAMP_WIDTH_MM: f32 = 55.0;

/// The stamp's box on the first page of an appendix issued as its own file: right-aligned on
/// the right margin, in the top margin just above the first line (page numbers start on page 2,
/// so it is free).
pub fn stamp_place(r: &Report, first_page: &crate::page::Page) -> Place {
    let s = r.settings.clamped();
    let geo = if first_page.width > first_page.height {
        super::geometry::Geometry::landscape(&s)
    } else {
        super::geometry::Geometry::portrait(&s)
    };
    let h = 2.0 * STAMP_PT * 1.25 + 4.0;
    let w = mm(STAMP_WIDTH_MM);
    Place {
        page: 0,
        x: geo.right - w,
        y: (geo.top - h - 2.0).max(4.0),
        w,
        h,
    }
}

/// The number and symbol as the stamp prints them: "15/BC-UBND".
pub fn stamp_number(number: Option<u32>, symbol: &str) -> String {
    let line = crate::layout::header::number_line(number, symbol);
    line.trim_start_matches("Số:").trim().to_string()
}

/// The stamp's two lines: the number and symbol, then the signing time (ISO 8601).
pub fn stamp_lines_for(number: &str, time: &str) -> [String; 2] {
    [number.to_string(), time.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Authority, NoiNhan, Signer};

    #[test]
    fn archive_line_is_built_the_decree_way() {
        let a = |units: &[&str], copies| Archive {
            units: units.iter().map(|u| u.to_string()).collect(),
            copies,
        };
        assert_eq!(archive_line(&a(&["VP"], None)), "- Lưu: VT, VP.");
        assert_eq!(archive_line(&a(&["VP"], Some(2))), "- Lưu: VT, VP (02).");
        assert_eq!(archive_line(&a(&[], None)), "- Lưu: VT.");
        assert_eq!(
            archive_line(&a(&["VT", "VP", "TP"], None)),
            "- Lưu: VT, VP, TP."
        );
    }

    #[test]
    fn recipients_start_with_nhu_tren_when_kinh_gui_is_used() {
        let r = Report {
            kinh_gui: vec!["UBND quận".into()],
            noi_nhan: NoiNhan {
                recipients: vec!["UBND thành phố;".into(), "- Chủ tịch UBND phường".into()],
                archive: Archive::default(),
            },
            ..Report::default()
        };
        assert_eq!(
            recipient_lines(&r),
            [
                "- Như trên;",
                "- UBND thành phố;",
                "- Chủ tịch UBND phường;",
                "- Lưu: VT."
            ]
        );
        // A "Như trên" typed in the list is the same line: printed once.
        let mut typed = r.clone();
        typed.noi_nhan.recipients.insert(0, "- Như trên;".into());
        assert_eq!(recipient_lines(&typed), recipient_lines(&r));
        // Without Kính gửi nothing is added, and a typed one stays where it was typed.
        typed.kinh_gui.clear();
        assert_eq!(recipient_lines(&typed)[0], "- Như trên;");
        typed.noi_nhan.recipients.remove(0);
        assert_eq!(recipient_lines(&typed)[0], "- UBND thành phố;");
    }

    #[test]
    fn signer_lines_from_authority_collective_and_titles() {
        let r = Report {
            signer: Signer {
                authority: Some(Authority::TM),
                collective: "Ủy ban nhân dân".into(),
                titles: vec!["KT. CHỦ TỊCH".into(), "phó chủ tịch".into()],
                name: "Nguyễn Văn A".into(),
            },
            ..Report::default()
        };
        assert_eq!(
            sign_title_lines(&r),
            ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
        );
        let none = Report {
            signer: Signer {
                authority: None,
                titles: vec!["CHỦ TỊCH".into()],
                ..Signer::default()
            },
            ..Report::default()
        };
        assert_eq!(sign_title_lines(&none), ["CHỦ TỊCH"]);
    }
}
