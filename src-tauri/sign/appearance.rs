//! What a signature looks like on the page (Nghị định 30, Phụ lục I, II.7.d): the person's
//! handwritten signature image (blue, transparent PNG) in its field at ô 7c, the agency's seal
//! image (red, transparent PNG) in its field over the left third of the person's.
//!
//! The image is drawn into the field's rectangle keeping its proportions, centred. It becomes an
//! image XObject (RGB, deflated) with its transparency as a soft mask, so the text under a seal
//! shows through as on paper.

use std::io::Write;

use lopdf::{dictionary, Object, Stream};

use crate::error::{Error, Result};

/// A decoded PNG ready for the PDF.
pub struct Picture {
    pub width: u32,
    pub height: u32,
    /// RGB, 8 bits a sample.
    pub rgb: Vec<u8>,
    /// Alpha, 8 bits, when the image has transparency.
    pub alpha: Option<Vec<u8>>,
}

/// The biggest image accepted (a scanned seal at 600 dpi is under 1000 × 1000).
const MAX_SIDE: u32 = 4000;

fn bad_png(e: impl std::fmt::Display) -> Error {
    Error::input(format!(
        "Ảnh chữ ký hoặc con dấu không đọc được ({e}). Hãy chọn ảnh PNG có nền trong suốt."
    ))
}

/// Decodes `bytes` (PNG of any colour type) into 8-bit RGB and alpha.
pub fn decode_png(bytes: &[u8]) -> Result<Picture> {
    let mut dec = png::Decoder::new(std::io::Cursor::new(bytes));
    dec.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = dec.read_info().map_err(bad_png)?;
    let (w, h) = (reader.info().width, reader.info().height);
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(Error::input(format!(
            "Ảnh chữ ký hoặc con dấu có kích thước {w} × {h} điểm ảnh; hãy dùng ảnh PNG không quá {MAX_SIDE} điểm ảnh mỗi chiều."
        )));
    }
    let size = reader
        .output_buffer_size()
        .ok_or_else(|| bad_png("quá lớn"))?;
    let mut buf = vec![0; size];
    let out = reader.next_frame(&mut buf).map_err(bad_png)?;
    let buf = &buf[..out.buffer_size()];
    let px = (w * h) as usize;
    let (mut rgb, mut alpha) = (Vec::with_capacity(px * 3), Vec::with_capacity(px));
    let ch = match out.color_type {
        png::ColorType::Grayscale => 1,
        png::ColorType::GrayscaleAlpha => 2,
        png::ColorType::Rgb => 3,
        png::ColorType::Rgba => 4,
        png::ColorType::Indexed => return Err(bad_png("bảng màu")),
    };
    for p in buf.chunks_exact(ch).take(px) {
        match ch {
            1 | 2 => rgb.extend([p[0], p[0], p[0]]),
            _ => rgb.extend(&p[..3]),
        }
        if ch == 2 || ch == 4 {
            alpha.push(p[ch - 1]);
        }
    }
    Ok(Picture {
        width: w,
        height: h,
        rgb,
        alpha: (!alpha.is_empty() && alpha.iter().any(|a| *a != 255)).then_some(alpha),
    })
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    let _ = z.write_all(data);
    z.finish().unwrap_or_default()
}

/// The image XObject of `pic` and, when it has transparency, its soft mask (given the
/// object number the mask will take).
pub fn image_objects(pic: &Picture, mask_id: Option<(u32, u16)>) -> (Stream, Option<Stream>) {
    let mut d = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Image",
        "Width" => pic.width as i64,
        "Height" => pic.height as i64,
        "ColorSpace" => "DeviceRGB",
        "BitsPerComponent" => 8,
        "Filter" => "FlateDecode",
    };
    let mask = match (&pic.alpha, mask_id) {
        (Some(a), Some(id)) => {
            d.set("SMask", Object::Reference(id));
            Some(Stream::new(
                dictionary! {
                    "Type" => "XObject",
                    "Subtype" => "Image",
                    "Width" => pic.width as i64,
                    "Height" => pic.height as i64,
                    "ColorSpace" => "DeviceGray",
                    "BitsPerComponent" => 8,
                    "Filter" => "FlateDecode",
                },
                deflate(a),
            ))
        }
        _ => None,
    };
    (Stream::new(d, deflate(&pic.rgb)), mask)
}

/// The appearance (a form XObject of the field's size) that draws image `image_id` of
/// `pic`'s proportions fitted and centred in a `w` × `h` box.
pub fn form(pic: &Picture, image_id: (u32, u16), w: f32, h: f32) -> Stream {
    let ratio = pic.width as f32 / pic.height as f32;
    let (iw, ih) = if w / h > ratio {
        (h * ratio, h)
    } else {
        (w, w / ratio)
    };
    let (x, y) = ((w - iw) / 2.0, (h - ih) / 2.0);
    let content = format!("q {iw:.3} 0 0 {ih:.3} {x:.3} {y:.3} cm /Im0 Do Q");
    Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
            "Resources" => dictionary! {
                "XObject" => dictionary! { "Im0" => Object::Reference(image_id) },
            },
        },
        content.into_bytes(),
    )
}

/// An object copied into the signed file, with its new number.
pub type Copied = ((u32, u16), Object);

/// The stamp of an appendix signed by the organisation (Phụ lục I, II.8): `lines` in the
/// document's regular face (Times New Roman, or Liberation Serif with the same widths), 10 pt,
/// black, right-aligned in a `w` × `h` box. Drawn by the PDF painter itself on a page of the
/// box's size, whose content and font objects become the form; `new_id` numbers the objects
/// copied, returned with the form.
pub fn stamp_form(
    lines: &[String],
    w: f32,
    h: f32,
    new_id: &mut dyn FnMut() -> (u32, u16),
) -> Result<(Stream, Vec<Copied>)> {
    use crate::page::{Document, Face, Item, Page, TextItem};
    use crate::text::{FontSet, Measurer};
    let fonts = FontSet::get();
    let m = Measurer::new(fonts);
    let size = crate::layout::closing::STAMP_PT;
    let items = lines
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let width = m.width(Face::Regular, t, size);
            Item::Text(TextItem {
                x: w - width - 1.0,
                y: 2.0 + size + i as f32 * size * 1.25,
                size,
                face: Face::Regular,
                text: t.clone(),
                width,
                source: None,
            })
        })
        .collect();
    let doc = Document {
        pages: vec![Page {
            width: w,
            height: h,
            number: None,
            items,
        }],
        info: Default::default(),
    };
    let created = chrono::NaiveDateTime::default();
    let pdf = crate::paint::pdf::write_pdf(&doc, fonts, created)?;
    let lo = lopdf::Document::load_mem(&pdf)
        .map_err(|e| Error::internal(format!("Không tạo được dấu thời gian ký ({e}).")))?;
    let page_id = *lo
        .get_pages()
        .get(&1)
        .ok_or_else(|| Error::internal("Không tạo được dấu thời gian ký."))?;
    let page = lo
        .get_object(page_id)
        .and_then(|p| p.as_dict())
        .map_err(|e| Error::internal(format!("Không tạo được dấu thời gian ký ({e}).")))?;
    let content = lo.get_page_content(page_id);
    let resources = match page.get(b"Resources") {
        Ok(Object::Reference(id)) => lo.get_object(*id).cloned().unwrap_or(Object::Null),
        Ok(o) => o.clone(),
        Err(_) => Object::Null,
    };
    // Every object the resources reach, renumbered into the signed file's numbering.
    let mut map = std::collections::HashMap::new();
    let mut order = Vec::new();
    let mut todo = Vec::new();
    collect_refs(&resources, &mut todo);
    while let Some(id) = todo.pop() {
        if map.contains_key(&id) {
            continue;
        }
        map.insert(id, new_id());
        order.push(id);
        if let Ok(o) = lo.get_object(id) {
            collect_refs(o, &mut todo);
        }
    }
    let copied = order
        .iter()
        .filter_map(|id| {
            let o = lo.get_object(*id).ok()?.clone();
            Some((map[id], renumber(o, &map)))
        })
        .collect();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)],
            "Resources" => renumber(resources, &map),
        },
        content,
    );
    Ok((form, copied))
}

fn collect_refs(o: &Object, out: &mut Vec<(u32, u16)>) {
    match o {
        Object::Reference(id) => out.push(*id),
        Object::Array(a) => a.iter().for_each(|x| collect_refs(x, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, x)| collect_refs(x, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, x)| collect_refs(x, out)),
        _ => {}
    }
}

fn renumber(o: Object, map: &std::collections::HashMap<(u32, u16), (u32, u16)>) -> Object {
    match o {
        Object::Reference(id) => Object::Reference(*map.get(&id).unwrap_or(&id)),
        Object::Array(a) => Object::Array(a.into_iter().map(|x| renumber(x, map)).collect()),
        Object::Dictionary(d) => {
            let mut n = lopdf::Dictionary::new();
            for (k, v) in d.into_iter() {
                n.set(k, renumber(v, map));
            }
            Object::Dictionary(n)
        }
        Object::Stream(mut s) => {
            let mut n = lopdf::Dictionary::new();
            for (k, v) in s.dict.clone().into_iter() {
                n.set(k, renumber(v, map));
            }
            s.dict = n;
            Object::Stream(s)
        }
        o => o,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32, color: png::ColorType, data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut e = png::Encoder::new(&mut out, w, h);
        e.set_color(color);
        e.set_depth(png::BitDepth::Eight);
        e.write_header().unwrap().write_image_data(data).unwrap();
        out
    }

    #[test]
    fn a_transparent_png_keeps_its_alpha_and_an_opaque_one_has_none() {
        let rgba = png(2, 1, png::ColorType::Rgba, &[0, 0, 255, 0, 0, 0, 255, 255]);
        let p = decode_png(&rgba).unwrap();
        assert_eq!(p.rgb, [0, 0, 255, 0, 0, 255]);
        assert_eq!(p.alpha.as_deref(), Some(&[0u8, 255][..]));
        let rgb = png(1, 1, png::ColorType::Rgb, &[1, 2, 3]);
        assert!(decode_png(&rgb).unwrap().alpha.is_none());
        let e = decode_png(b"not a png").err().unwrap();
        assert!(e.message.contains("PNG"), "{}", e.message);
    }
}
