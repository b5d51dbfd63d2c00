//! Reading a `.docx` package: the zip, size caps, `_rels/.rels`, part relationships.
//!
//! A Word file is a zip of parts. The main document is the part `_rels/.rels` names with the
//! officeDocument relationship (usually, not always, `word/document.xml`); the parts it uses
//! (styles, numbering) are named by its own relationships (`word/_rels/document.xml.rels`).
//! `.docm` (macros) and `.dotx`/`.dotm` (templates) are the same package with another content
//! type for the main part; they are read alike, and macros are never run nor even read.
//!
//! What users hand us is not always a Word file: an old `.doc` or a password-protected `.docx`
//! (both OLE compound files, told apart by their streams), an OpenDocument text, an Excel file, a
//! zip bomb. Each gets a Vietnamese message that says what to do. Only the parts the importer
//! asks for are decompressed, each through a cap, so that no crafted file can make us allocate
//! more than [`MAX_PART`] per part and [`MAX_TOTAL`] in all.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::ns;
use super::xml::{self, Element, Ns};
use crate::error::{Error, Result};

/// The most one part may hold once decompressed. A long report's `document.xml` is a few
/// megabytes.
pub const MAX_PART: u64 = 64 * 1024 * 1024;
/// The most all the parts read from one package may hold once decompressed.
pub const MAX_TOTAL: u64 = 160 * 1024 * 1024;
/// The most entries a package may have. Word writes a few dozen; images add one each.
pub const MAX_PARTS: usize = 10_000;

/// The first bytes of an OLE compound file (`.doc`, `.xls`, an encrypted `.docx`).
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Is `bytes` a zip (a package), by its first bytes?
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

/// Is `bytes` an OLE compound file?
pub fn is_ole(bytes: &[u8]) -> bool {
    bytes.starts_with(&OLE_MAGIC[..4])
}

/// The message for an OLE file: an encrypted `.docx` (its streams are `EncryptionInfo` and
/// `EncryptedPackage`) or an old Office file (`WordDocument`, `Workbook`, …).
pub fn ole_refusal(bytes: &[u8]) -> Error {
    if ole_has_stream(bytes, "EncryptedPackage") {
        return Error::input(
            "Tệp Word này được đặt mật khẩu nên không đọc được. Hãy mở tệp bằng Word, gõ mật khẩu, vào Tệp → Thông tin → Bảo vệ tài liệu → Mã hóa bằng mật khẩu, xóa mật khẩu, lưu lại rồi nhập lại tệp.",
        );
    }
    if ole_has_stream(bytes, "Workbook") || ole_has_stream(bytes, "Book") {
        return Error::input(
            "Đây là tệp Excel cũ (.xls), không phải báo cáo Word. Hãy chọn tệp Word (.docx) hoặc văn bản (.txt, .md).",
        );
    }
    if ole_has_stream(bytes, "PowerPoint Document") {
        return Error::input(
            "Đây là tệp PowerPoint cũ (.ppt), không phải báo cáo Word. Hãy chọn tệp Word (.docx) hoặc văn bản (.txt, .md).",
        );
    }
    Error::input(
        "Tệp Word cũ (.doc) chưa nhập trực tiếp được. Hãy mở tệp bằng Word → Lưu thành → Word Document (.docx), rồi nhập lại tệp .docx.",
    )
}

/// Whether the OLE file's directory has a stream called `name`. Directory entries are 128-byte
/// records at 128-byte offsets of the file (sectors are 512 or 4096 bytes and the header takes
/// the first one), starting with the name in UTF-16LE and holding its byte length, terminator
/// included, at offset 64. Matching the whole record shape, not the bare string, keeps the text
/// of a document from passing for a stream name.
fn ole_has_stream(bytes: &[u8], name: &str) -> bool {
    let mut want: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    want.extend_from_slice(&[0, 0]);
    let len = want.len() as u16;
    bytes
        .chunks_exact(128)
        .skip(4) // the 512-byte header
        .any(|entry| entry.starts_with(&want) && entry[64..66] == len.to_le_bytes())
}

/// A relationship of a part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    pub id: String,
    /// The type URI (see [`ns::rel_is`]).
    pub ty: String,
    /// The target part's name, resolved against the source part (no leading '/'), or the raw
    /// target when `external`.
    pub target: String,
    pub external: bool,
}

/// An open package. Parts are decompressed when asked for, through the caps.
pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names by their lower-case form: part names are case-insensitive (OPC).
    names: HashMap<String, String>,
    /// Bytes decompressed so far.
    read: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip of a Word file. OLE files (`.doc`, encrypted `.docx`) and anything that is
    /// not a zip get their own message.
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>> {
        if is_ole(bytes) {
            return Err(ole_refusal(bytes));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| damaged())?;
        if zip.len() > MAX_PARTS {
            return Err(too_big());
        }
        let names = zip
            .file_names()
            .map(|n| (n.to_lowercase(), n.to_string()))
            .collect();
        Ok(Package {
            zip,
            names,
            read: 0,
        })
    }

    /// The name of the main document part, after checking that the package is a Word document
    /// (not an OpenDocument, Excel or PowerPoint file).
    pub fn main_document(&mut self) -> Result<String> {
        if let Some(kind) = self.foreign_kind()? {
            return Err(kind);
        }
        let rels = self.rels_of("")?;
        let main = rels.iter().find(|r| {
            !r.external
                && (r.ty == ns::REL_OFFICE_DOCUMENT || r.ty == ns::REL_OFFICE_DOCUMENT_STRICT)
        });
        match main {
            Some(r) if self.has(&r.target) => Ok(r.target.clone()),
            _ => Err(damaged()),
        }
    }

    /// What the package is when it is not a Word document, as the message to show.
    fn foreign_kind(&mut self) -> Result<Option<Error>> {
        if let Some(m) = self.part("mimetype")? {
            if m.starts_with(b"application/vnd.oasis.opendocument") {
                return Ok(Some(Error::input(
                    "Đây là tệp OpenDocument (.odt), chưa nhập trực tiếp được. Hãy mở tệp bằng LibreOffice hoặc Word, chọn Lưu thành → Word Document (.docx), rồi nhập lại tệp .docx.",
                )));
            }
        }
        let kind = if self.has("xl/workbook.xml") {
            "Excel (.xlsx)"
        } else if self.has("ppt/presentation.xml") {
            "PowerPoint (.pptx)"
        } else if !self.has("_rels/.rels") {
            // A plain zip archive.
            return Ok(Some(Error::input(
                "Đây là tệp nén (.zip), không phải tệp Word. Hãy giải nén rồi chọn tệp Word (.docx) hoặc văn bản (.txt, .md) bên trong.",
            )));
        } else {
            return Ok(None);
        };
        Ok(Some(Error::input(format!(
            "Đây là tệp {kind}, không phải báo cáo Word. Hãy chọn tệp Word (.docx) hoặc văn bản (.txt, .md)."
        ))))
    }

    /// Does the package have a part of that name?
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_lowercase())
    }

    /// The bytes of a part, `None` when there is no such part. A part that decompresses past
    /// the caps is refused as a whole (a zip bomb, or a file too large to be a report).
    pub fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>> {
        let Some(real) = self.names.get(&name.to_lowercase()).cloned() else {
            return Ok(None);
        };
        let mut file = self.zip.by_name(&real).map_err(|_| damaged())?;
        // The declared size is only a hint (a crafted entry can lie); the read below is capped
        // whatever it says.
        let budget = MAX_PART.min(MAX_TOTAL.saturating_sub(self.read));
        if file.size() > budget {
            return Err(too_big());
        }
        let mut out = Vec::with_capacity(file.size().min(budget) as usize);
        (&mut file)
            .take(budget + 1)
            .read_to_end(&mut out)
            .map_err(|_| damaged())?;
        if out.len() as u64 > budget {
            return Err(too_big());
        }
        self.read += out.len() as u64;
        Ok(Some(out))
    }

    /// A part parsed as XML, `None` when there is no such part.
    pub fn xml(&mut self, name: &str) -> Result<Option<Element>> {
        match self.part(name)? {
            None => Ok(None),
            Some(bytes) => xml::parse(&bytes).map(Some).map_err(|e| {
                if e == xml::TOO_MUCH {
                    too_much()
                } else {
                    damaged()
                }
            }),
        }
    }

    /// The relationships of part `source` ("" for the package itself): `_rels/.rels`, or
    /// `word/_rels/document.xml.rels` for `word/document.xml`. No relationship part means none.
    pub fn rels_of(&mut self, source: &str) -> Result<Vec<Rel>> {
        let (dir, file) = match source.rfind('/') {
            Some(i) => (&source[..i + 1], &source[i + 1..]),
            None => ("", source),
        };
        let rels_name = format!("{dir}_rels/{file}.rels");
        let Some(root) = self.xml(&rels_name)? else {
            return Ok(Vec::new());
        };
        Ok(parse_rels(&root, dir))
    }
}

/// The `Relationship` elements of a relationships part, targets resolved against `base_dir`
/// (the source part's folder, with its trailing '/').
pub fn parse_rels(root: &Element, base_dir: &str) -> Vec<Rel> {
    root.elements()
        .filter(|e| e.ns == Ns::PackageRels && e.name == "Relationship")
        .filter_map(|e| {
            let id = e.attr(Ns::None, "Id")?.to_string();
            let ty = e.attr(Ns::None, "Type")?.to_string();
            let target = e.attr(Ns::None, "Target")?;
            let external = e
                .attr(Ns::None, "TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = if external {
                target.to_string()
            } else {
                resolve_target(base_dir, target)
            };
            Some(Rel {
                id,
                ty,
                target,
                external,
            })
        })
        .collect()
}

/// A relationship target resolved to a part name: absolute ("/word/x.xml") from the package
/// root, relative ("media/x.png", "../customXml/item1.xml") from `base_dir`; percent-escapes
/// decoded, no leading '/'.
pub fn resolve_target(base_dir: &str, target: &str) -> String {
    let target = percent_decode(target);
    let joined = match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => format!("{base_dir}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            if let Some(v) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn damaged() -> Error {
    Error::input(
        "Tệp Word bị hỏng hoặc không đúng định dạng .docx nên không đọc được. Hãy mở tệp bằng Word; nếu Word mở được, chọn Lưu thành → Word Document (.docx) rồi nhập lại tệp mới.",
    )
}

fn too_big() -> Error {
    Error::input(format!(
        "Tệp Word có phần nội dung lớn bất thường (hơn {} MB khi giải nén) nên không nhập được; tệp có thể bị hỏng hoặc bị làm giả. Hãy mở tệp bằng Word, lưu thành tệp mới rồi nhập lại.",
        MAX_PART / (1024 * 1024)
    ))
}

fn too_much() -> Error {
    Error::input(
        "Tệp Word có quá nhiều phần tử hoặc quá nhiều chữ so với một văn bản thật nên không nhập được; tệp có thể bị hỏng hoặc bị làm giả. Hãy mở tệp bằng Word, lưu thành tệp mới rồi nhập lại; nếu văn bản thật sự dài như vậy, hãy chia thành nhiều báo cáo.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A zip of (name, bytes) entries, deflated.
    pub(crate) fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut w = zip::ZipWriter::new(Cursor::new(&mut out));
            let opts = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            for (name, bytes) in entries {
                w.start_file(*name, opts).unwrap();
                w.write_all(bytes).unwrap();
            }
            w.finish().unwrap();
        }
        out
    }

    const ROOT_RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/Word/Doc%20Main.xml"/></Relationships>"#;

    #[test]
    fn the_main_part_is_found_through_the_package_relationships() {
        let bytes = zip_of(&[
            ("_rels/.rels", ROOT_RELS),
            ("word/Doc Main.xml", b"<x/>"),
            (
                "word/_rels/Doc Main.xml.rels",
                br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId2" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" Target="../word/styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="https://example.org/a%20b" TargetMode="External"/></Relationships>"#,
            ),
        ]);
        let mut p = Package::open(&bytes).unwrap();
        let main = p.main_document().unwrap();
        assert_eq!(main, "Word/Doc Main.xml");
        let rels = p.rels_of(&main).unwrap();
        assert_eq!(rels[0].target, "word/styles.xml");
        assert!(ns::rel_is(&rels[0].ty, "styles"));
        assert!(rels[1].external);
        assert_eq!(resolve_target("word/", "/customXml/../x.xml"), "x.xml");
    }

    #[test]
    fn a_part_past_the_cap_is_refused_without_reading_it_all() {
        // 80 MB of zeros deflate to about 80 KB: a small zip bomb.
        let zeros = vec![0u8; (MAX_PART + 16 * 1024 * 1024) as usize];
        let bytes = zip_of(&[("_rels/.rels", ROOT_RELS), ("word/Doc Main.xml", &zeros)]);
        assert!(bytes.len() < 1024 * 1024);
        let mut p = Package::open(&bytes).unwrap();
        let e = p.part("word/doc main.xml").unwrap_err();
        assert!(e.message.contains("lớn bất thường"), "{}", e.message);
    }

    #[test]
    fn foreign_packages_and_ole_files_are_named() {
        let odt = zip_of(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        let e = Package::open(&odt).unwrap().main_document().unwrap_err();
        assert!(e.message.contains(".odt"), "{}", e.message);
        let xlsx = zip_of(&[("_rels/.rels", ROOT_RELS), ("xl/workbook.xml", b"<x/>")]);
        let e = Package::open(&xlsx).unwrap().main_document().unwrap_err();
        assert!(e.message.contains("Excel"), "{}", e.message);
        let plain = zip_of(&[("a.txt", b"x")]);
        let e = Package::open(&plain).unwrap().main_document().unwrap_err();
        assert!(e.message.contains(".zip"), "{}", e.message);
        assert!(Package::open(b"PK\x03\x04 broken").is_err());

        // An OLE directory with one entry named like an encrypted package's stream.
        let mut ole = vec![0u8; 1024];
        ole[..8].copy_from_slice(&OLE_MAGIC);
        let mut entry = vec![0u8; 128];
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        entry[..name.len()].copy_from_slice(&name);
        entry[64..66].copy_from_slice(&((name.len() + 2) as u16).to_le_bytes());
        ole[512..640].copy_from_slice(&entry);
        assert!(ole_refusal(&ole).message.contains("mật khẩu"));
        ole[512..640].fill(0);
        assert!(ole_refusal(&ole).message.contains("(.doc)"));
        // The stream name as mere text (not a directory record) does not count.
        ole[700..700 + name.len()].copy_from_slice(&name);
        assert!(ole_refusal(&ole).message.contains("(.doc)"));
    }
}
