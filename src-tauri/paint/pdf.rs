//! PDF painter (printpdf): draws a laid-out `Document` and lays nothing out.
//!
//! Every text item is drawn at its own position with its own text, trailing space included: the
//! layout has already placed each word of a justified line, and the drawn space is what keeps
//! the words apart when a reader copies or searches the text (printpdf's word-spacing operator
//! has no effect with its Unicode fonts, so per-word positioning is the only way to justify).
//! The words of one line go in one `TJ`, placed by kerning numbers (see `run_items`).
//!
//! printpdf writes the content and the subset fonts; lopdf then finishes what printpdf leaves
//! out or gets wrong for an official document: `/Lang (vi)` on the catalog (screen readers and
//! search), PDF version 1.7, a clean Info dictionary with the creation date given, and a
//! file identifier derived from the content, so the same report gives the same bytes.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    FontId, Line, LinePoint, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle, PdfPage,
    PdfSaveOptions, Point, Pt, Rect, TextItem as PdfText, TextMatrix,
};

use crate::error::{Error, Result};
use crate::page::{Document, Item, Page, TextItem};
use crate::text::{Face, FontSet};

/// What the PDF says made it, in its document information.
const CREATOR: &str = "Báo cáo";

/// The PDF of `doc`, drawn with `fonts`, dated `created` (local time, as the user's clock shows
/// it; the PDF date carries no zone, so viewers show it as written).
pub fn write_pdf(doc: &Document, fonts: &FontSet, created: NaiveDateTime) -> Result<Vec<u8>> {
    write_pdf_with_fields(doc, fonts, created, &[])
}

/// An empty signature field left in a sign-ready PDF (`baocao render --ky-so`): its name, its
/// place (from the layout module that owns it), and any private entries the signer reads (the
/// appendix's number and symbol for its stamp).
#[derive(Debug, Clone)]
pub struct SignatureField {
    pub name: String,
    pub place: crate::layout::closing::Place,
    pub extra: Vec<(String, String)>,
}

/// [`write_pdf`], with the empty signature `fields` the signing tool fills later (as
/// incremental updates, so nothing drawn here changes).
pub fn write_pdf_with_fields(
    doc: &Document,
    fonts: &FontSet,
    created: NaiveDateTime,
    fields: &[SignatureField],
) -> Result<Vec<u8>> {
    let mut pdf = PdfDocument::new(&doc.info.title);
    let mut ids: HashMap<Face, FontId> = HashMap::new();
    for face in used_faces(doc) {
        let data = fonts.face(face);
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(data.bytes, 0, &mut warnings).ok_or_else(|| {
            Error::internal(format!(
                "Không đọc được phông chữ “{}” để nhúng vào PDF. Hãy cài lại Báo cáo.",
                data.postscript_name
            ))
        })?;
        // A fixed id per face: the first six letters become the subset tag (`ABCDEF+Name`),
        // and fixed tags keep the output the same from one run to the next.
        let id = FontId(subset_tag(face).to_string());
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        ids.insert(face, id);
    }

    pdf.pages = doc.pages.iter().map(|p| page_ops(p, fonts, &ids)).collect();

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    finish(&mut lo, doc, created)?;
    add_signature_fields(&mut lo, doc, fields)?;
    compress(&mut lo);
    let mut out = Vec::new();
    lo.save_to(&mut out).map_err(|e| {
        Error::internal(format!(
            "Không ghi được PDF ({e}). Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ."
        ))
    })?;
    Ok(out)
}

/// The faces that some text of `doc` uses, in a fixed order; unused faces are not embedded (the
/// symbol font only when a character fell back to it).
fn used_faces(doc: &Document) -> Vec<Face> {
    let mut used = [false; 5];
    for page in &doc.pages {
        for item in &page.items {
            if let Item::Text(t) = item {
                used[t.face as usize] = true;
            }
        }
    }
    Face::EVERY
        .iter()
        .zip(used)
        .filter(|(_, u)| *u)
        .map(|(f, _)| *f)
        .collect()
}

/// Six capital letters per face (ISO 32000-1 9.6.4 asks exactly that of a subset tag).
fn subset_tag(face: Face) -> &'static str {
    match face {
        Face::Regular => "BCAORG",
        Face::Bold => "BCAOBD",
        Face::Italic => "BCAOIT",
        Face::BoldItalic => "BCAOBI",
        Face::Symbol => "BCAOSY",
    }
}

/// One page's drawing operations. The display list is top-left/y-down; PDF is bottom-left/y-up,
/// so every y becomes `height - y`.
fn page_ops(page: &Page, fonts: &FontSet, ids: &HashMap<Face, FontId>) -> PdfPage {
    let h = page.height;
    let mut ops = Vec::with_capacity(page.items.len() * 2 + 8);

    let texts = page.texts();
    if !texts.is_empty() {
        ops.push(Op::SetFillColor {
            col: printpdf::Color::Greyscale(printpdf::Greyscale::new(0.0, None)),
        });
        ops.push(Op::StartTextSection);
        let mut current: Option<(Face, f32)> = None;
        for run in runs(&texts) {
            let first = run[0];
            let Some(id) = ids.get(&first.face) else {
                continue;
            };
            if current != Some((first.face, first.size)) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(first.size),
                });
                current = Some((first.face, first.size));
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(
                    Pt(round_to(first.x, 1000.0)),
                    Pt(round_to(h - first.y, 1000.0)),
                ),
            });
            ops.push(Op::ShowText {
                items: run_items(&run, &fonts.face(first.face).shaper),
            });
        }
        ops.push(Op::EndTextSection);
    }

    let mut stroke_width: Option<f32> = None;
    for item in &page.items {
        match *item {
            Item::Text(_) => {}
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => {
                set_stroke(&mut ops, &mut stroke_width, width);
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![point(x1, h - y1), point(x2, h - y2)],
                        is_closed: false,
                    },
                });
            }
            Item::Rect {
                x,
                y,
                w,
                h: rh,
                width,
            } => {
                set_stroke(&mut ops, &mut stroke_width, width);
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(x),
                        y: Pt(h - y - rh),
                        width: Pt(w),
                        height: Pt(rh),
                        mode: Some(PaintMode::Stroke),
                        winding_order: None,
                    },
                });
            }
        }
    }

    let (w, h) = (hundredths(page.width), hundredths(page.height));
    PdfPage {
        media_box: Rect::from_wh(Pt(w), Pt(h)),
        trim_box: Rect::from_wh(Pt(w), Pt(h)),
        crop_box: Rect::from_wh(Pt(w), Pt(h)),
        ops,
    }
}

/// The page box to a hundredth of a point: A4 is then the 595.28 × 841.89 that printers,
/// viewers and pdfinfo recognise as A4 (595.2756 is read as a custom size by some), and the
/// 0.004 pt difference is far below anything printed.
fn hundredths(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// The text items of a page cut into runs that share a baseline, a face and a size, in the
/// layout's order: each run becomes one `TJ`, its words separated by kerning numbers.
fn runs<'a>(texts: &[&'a TextItem]) -> Vec<Vec<&'a TextItem>> {
    let mut runs: Vec<Vec<&TextItem>> = Vec::new();
    for t in texts {
        match runs.last_mut() {
            Some(run)
                if run[0].y == t.y
                    && run[0].face == t.face
                    && run[0].size == t.size
                    && run.last().is_some_and(|l| l.x < t.x) =>
            {
                run.push(t)
            }
            _ => runs.push(vec![t]),
        }
    }
    runs
}

/// One run's `TJ` operands: each word's text (trailing space included, so that copied text
/// keeps its spaces), then the number that moves the pen from the end of that text to where the
/// layout put the next word.
///
/// The pen advances by the widths the PDF declares for its glyphs (printpdf writes each glyph's
/// advance in thousandths of an em, truncated), so the gap is computed from those same widths:
/// every word then starts exactly at its `x`, as a viewer draws it. One `TJ` per line instead of
/// one positioned string per word keeps the sample report well under 160 KB.
fn run_items(run: &[&TextItem], face: &rustybuzz::Face<'_>) -> Vec<PdfText> {
    let upem = face.units_per_em() as f32;
    let advance = |text: &str| -> i64 {
        text.chars()
            .map(|c| {
                let adv = face
                    .glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0);
                (f32::from(adv) * 1000.0 / upem) as i64
            })
            .sum()
    };
    let mut items = Vec::with_capacity(run.len() * 2);
    let mut pen = 0.0_f64;
    for (i, t) in run.iter().enumerate() {
        if i > 0 {
            // Thousandths of an em; a positive number moves the pen left.
            let gap = (f64::from(t.x) - f64::from(run[0].x)) * 1000.0 / f64::from(t.size) - pen;
            let kern = round_to(-gap as f32, 100.0);
            if kern != 0.0 {
                items.push(PdfText::Offset(kern));
                pen -= f64::from(kern);
            }
        }
        items.push(PdfText::Text(t.text.clone()));
        pen += advance(&t.text) as f64;
    }
    items
}

fn round_to(v: f32, per_unit: f32) -> f32 {
    (v * per_unit).round() / per_unit
}

/// Black strokes of `width` points; the colour is set with the first width.
fn set_stroke(ops: &mut Vec<Op>, current: &mut Option<f32>, width: f32) {
    if current.is_none() {
        ops.push(Op::SetOutlineColor {
            col: printpdf::Color::Greyscale(printpdf::Greyscale::new(0.0, None)),
        });
    }
    if *current != Some(width) {
        ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        *current = Some(width);
    }
}

fn point(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

/// What printpdf does not write: the language, the version, the document information.
fn finish(lo: &mut lopdf::Document, doc: &Document, created: NaiveDateTime) -> Result<()> {
    // 1.7: nothing here needs more, and subset CID fonts and /Lang need at least 1.4.
    lo.version = "1.7".to_string();
    let catalog = lo.catalog_mut().map_err(|e| {
        Error::internal(format!(
            "PDF không có mục lục gốc ({e}). Hãy báo cho người hỗ trợ."
        ))
    })?;
    catalog.set(
        "Lang",
        Object::String(b"vi".to_vec(), StringFormat::Literal),
    );

    let date = created.format("D:%Y%m%d%H%M%S").to_string();
    let mut info = Dictionary::new();
    info.set("Title", text_string(&doc.info.title));
    info.set("Author", text_string(&doc.info.author));
    info.set("Subject", text_string(&doc.info.subject));
    info.set("Creator", text_string(CREATOR));
    info.set("Producer", text_string(CREATOR));
    info.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    info.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    let info_id = lo.add_object(info);
    // printpdf's own Info dictionary becomes unreferenced and is dropped below.
    lo.trailer.set("Info", Object::Reference(info_id));

    // The same report drawn at the same time gives the same file: the identifier is a hash of
    // the pages and the information, not printpdf's random string.
    let id = file_id(doc, created);
    lo.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone(), StringFormat::Hexadecimal),
            Object::String(id, StringFormat::Hexadecimal),
        ]),
    );
    lo.prune_objects();
    Ok(())
}

/// The person's and the organisation's empty fields of a sign-ready PDF of `doc`, where the
/// closing's layout puts them (none when the report has no signer block).
pub fn signature_fields(doc: &Document, fonts: &FontSet) -> Vec<SignatureField> {
    let Some(p) = crate::layout::closing::signature_places(doc, fonts) else {
        return Vec::new();
    };
    vec![
        SignatureField {
            name: crate::sign::FIELD_CA_NHAN.to_string(),
            place: p.person,
            extra: Vec::new(),
        },
        SignatureField {
            name: crate::sign::FIELD_CO_QUAN.to_string(),
            place: p.seal,
            extra: Vec::new(),
        },
    ]
}

/// The organisation's field of an appendix issued as its own file (`appendix` laid out alone):
/// the stamp's place, with the number and symbol the stamp will print.
pub fn stamp_field(report: &crate::model::Report, appendix: &Document) -> Vec<SignatureField> {
    let Some(first) = appendix.pages.first() else {
        return Vec::new();
    };
    let number = crate::layout::closing::stamp_number(report.number, &report.issuer.symbol);
    vec![SignatureField {
        name: crate::sign::FIELD_CO_QUAN.to_string(),
        place: crate::layout::closing::stamp_place(report, first),
        extra: vec![(crate::sign::STAMP_NUMBER_KEY.to_string(), number)],
    }]
}

/// Widget annotations of the empty signature fields on their pages, and the form listing them.
fn add_signature_fields(
    lo: &mut lopdf::Document,
    doc: &Document,
    fields: &[SignatureField],
) -> Result<()> {
    if fields.is_empty() {
        return Ok(());
    }
    let pages = lo.get_pages();
    let mut refs = Vec::new();
    for f in fields {
        let (Some(page), Some(&page_id)) = (
            doc.pages.get(f.place.page),
            pages.get(&(f.place.page as u32 + 1)),
        ) else {
            continue;
        };
        let (x, y, w, h) = (
            f.place.x,
            page.height - f.place.y - f.place.h,
            f.place.w,
            f.place.h,
        );
        let mut d = Dictionary::new();
        d.set("Type", "Annot");
        d.set("Subtype", "Widget");
        d.set("FT", "Sig");
        d.set(
            "T",
            Object::String(f.name.as_bytes().to_vec(), StringFormat::Literal),
        );
        d.set("F", 4);
        d.set(
            "Rect",
            vec![
                Object::Real(x),
                Object::Real(y),
                Object::Real(x + w),
                Object::Real(y + h),
            ],
        );
        d.set("P", Object::Reference(page_id));
        for (k, v) in &f.extra {
            d.set(k.as_bytes().to_vec(), text_string(v));
        }
        let id = lo.add_object(d);
        if let Ok(Object::Dictionary(p)) = lo.get_object_mut(page_id) {
            let mut annots = match p.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                _ => Vec::new(),
            };
            annots.push(Object::Reference(id));
            p.set("Annots", annots);
        }
        refs.push(Object::Reference(id));
    }
    let mut form = Dictionary::new();
    form.set("Fields", refs);
    let form_id = lo.add_object(form);
    lo.catalog_mut()
        .map_err(|e| Error::internal(format!("PDF không có mục lục gốc ({e}).")))?
        .set("AcroForm", Object::Reference(form_id));
    Ok(())
}

/// Deflates every stream not yet compressed, at flate's default level: lopdf's own `compress`
/// uses the best (slowest) level, which costs the sample report more than half of its PDF time
/// for 2 % of its size.
fn compress(lo: &mut lopdf::Document) {
    use std::io::Write as _;
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let Ok(packed) = enc.write_all(&stream.content).and_then(|()| enc.finish()) else {
            continue;
        };
        if packed.len() + 19 < stream.content.len() {
            stream.dict.set("Filter", "FlateDecode");
            stream.set_content(packed);
        }
    }
}

/// A PDF text string: UTF-16BE with a byte order mark, the only encoding that carries
/// Vietnamese letters in the document information.
fn text_string(s: &str) -> Object {
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// 16 bytes derived from the document (FNV-1a, twice with different seeds): stable and cheap.
fn file_id(doc: &Document, created: NaiveDateTime) -> Vec<u8> {
    fn fnv(seed: u64, parts: &[&[u8]]) -> u64 {
        let mut h = seed;
        for p in parts {
            for b in *p {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x100_0000_01b3);
            }
        }
        h
    }
    let text = doc.plain_text();
    let stamp = created.to_string();
    let parts: [&[u8]; 3] = [doc.info.title.as_bytes(), text.as_bytes(), stamp.as_bytes()];
    let mut id = fnv(0xcbf2_9ce4_8422_2325, &parts).to_be_bytes().to_vec();
    id.extend_from_slice(&fnv(0x8422_2325_cbf2_9ce4, &parts).to_be_bytes());
    id
}
