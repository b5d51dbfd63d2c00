//! A PDF incremental update written by hand (ISO 32000-1, 7.5.6): the earlier bytes are kept
//! exactly as they were, new and changed objects follow them with their own cross-reference
//! section and a trailer pointing back (`/Prev`). That is what keeps an earlier signature valid:
//! its byte ranges still hash to the same value.

use std::io::Write;

use lopdf::{Dictionary, Object, ObjectId, StringFormat};

use crate::error::{Error, Result};

/// Serialises `o` in PDF syntax.
pub fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend(b"null"),
        Object::Boolean(b) => out.extend(if *b { &b"true"[..] } else { &b"false"[..] }),
        Object::Integer(i) => out.extend(i.to_string().as_bytes()),
        Object::Real(r) => {
            // The shortest form that reads back as the same number: an object copied into the
            // update compares equal to its earlier version.
            let s = if r.is_finite() {
                format!("{r}")
            } else {
                "0".into()
            };
            out.extend(s.as_bytes())
        }
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in s {
                let _ = write!(out, "{b:02X}");
            }
            out.push(b'>');
        }
        Object::String(s, StringFormat::Literal) => {
            out.push(b'(');
            for &b in s {
                match b {
                    b'(' | b')' | b'\\' => out.extend([b'\\', b]),
                    b'\r' => out.extend(b"\\r"),
                    b'\n' => out.extend(b"\\n"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(a) => {
            out.push(b'[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, x);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dict(out, d),
        Object::Stream(s) => {
            let mut d = s.dict.clone();
            d.set("Length", s.content.len() as i64);
            write_dict(out, &d);
            out.extend(b"\nstream\n");
            out.extend(&s.content);
            out.extend(b"\nendstream");
        }
        Object::Reference((n, g)) => {
            let _ = write!(out, "{n} {g} R");
        }
    }
}

fn write_name(out: &mut Vec<u8>, n: &[u8]) {
    out.push(b'/');
    for &b in n {
        let regular = b.is_ascii_graphic() && !b"()<>[]{}/%#".contains(&b);
        if regular {
            out.push(b);
        } else {
            let _ = write!(out, "#{b:02X}");
        }
    }
}

pub fn write_dict(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        write_object(out, v);
    }
    out.extend(b">>");
}

/// The byte offset of the last `startxref` of `pdf`: the previous cross-reference section.
pub fn previous_xref(pdf: &[u8]) -> Result<u64> {
    let tail_start = pdf.len().saturating_sub(2048);
    let tail = &pdf[tail_start..];
    let pos = tail
        .windows(9)
        .rposition(|w| w == b"startxref")
        .ok_or_else(not_a_pdf)?;
    let rest = std::str::from_utf8(&tail[pos + 9..]).map_err(|_| not_a_pdf())?;
    rest.split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .ok_or_else(not_a_pdf)
}

pub fn not_a_pdf() -> Error {
    Error::input(
        "Tệp không phải PDF hợp lệ (không tìm thấy bảng tham chiếu). Hãy chọn tệp PDF do Báo cáo xuất ra.",
    )
}

/// An incremental update being written after `base`.
pub struct Update {
    pub bytes: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

impl Update {
    pub fn new(base: &[u8]) -> Update {
        let mut bytes = base.to_vec();
        if !bytes.ends_with(b"\n") {
            bytes.push(b'\n');
        }
        Update {
            bytes,
            offsets: Vec::new(),
        }
    }

    /// Appends object `id` (new, or a new version of an earlier one).
    pub fn object(&mut self, id: ObjectId, o: &Object) {
        self.offsets.push((id.0, self.bytes.len()));
        let _ = writeln!(self.bytes, "{} {} obj", id.0, id.1);
        write_object(&mut self.bytes, o);
        self.bytes.extend(b"\nendobj\n");
    }

    /// Appends the cross-reference section and the trailer (`trailer` with `/Prev` and `/Size`
    /// set), and returns the bytes.
    pub fn finish(mut self, mut trailer: Dictionary, prev: u64, size: u32) -> Vec<u8> {
        let xref_at = self.bytes.len();
        self.offsets.sort();
        self.bytes.extend(b"xref\n");
        let mut i = 0;
        while i < self.offsets.len() {
            let mut j = i + 1;
            while j < self.offsets.len() && self.offsets[j].0 == self.offsets[j - 1].0 + 1 {
                j += 1;
            }
            let _ = writeln!(self.bytes, "{} {}", self.offsets[i].0, j - i);
            for (_, off) in &self.offsets[i..j] {
                let _ = write!(self.bytes, "{off:010} 00000 n\r\n");
            }
            i = j;
        }
        trailer.set("Size", size as i64);
        trailer.set("Prev", prev as i64);
        trailer.remove(b"XRefStm");
        self.bytes.extend(b"trailer\n");
        write_dict(&mut self.bytes, &trailer);
        let _ = write!(self.bytes, "\nstartxref\n{xref_at}\n%%EOF\n");
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::dictionary;

    #[test]
    fn objects_read_back_the_same() {
        let d = dictionary! {
            "Type" => "Sig",
            "Name" => Object::string_literal("Nguyễn (A)\\"),
            "Odd Name" => vec![1.into(), Object::Real(2.5), Object::Reference((3, 0))],
        };
        let mut out = b"%PDF-1.7\n1 0 obj\n".to_vec();
        write_object(&mut out, &Object::Dictionary(d.clone()));
        out.extend(b"\nendobj\n");
        let parsed = lopdf::Document::load_mem(&pdf_around(&d)).unwrap();
        assert_eq!(parsed.get_object((1, 0)).unwrap().as_dict().unwrap(), &d);
    }

    fn pdf_around(d: &Dictionary) -> Vec<u8> {
        let mut u = Update::new(b"%PDF-1.7\n");
        u.object((1, 0), &Object::Dictionary(d.clone()));
        u.object(
            (2, 0),
            &Object::Dictionary(dictionary! {"Type" => "Catalog"}),
        );
        let mut t = Dictionary::new();
        t.set("Root", Object::Reference((2, 0)));
        let mut b = u.finish(t, 0, 3);
        // A first section has no Prev.
        let s = String::from_utf8_lossy(&b).replace("/Prev 0", "");
        b = s.into_bytes();
        b
    }
}
