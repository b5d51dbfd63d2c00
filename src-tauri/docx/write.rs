//! Writing a `.docx` package: parts, `[Content_Types].xml` and relationships, zipped.
//!
//! A package is a zip of XML parts tied together by relationship parts (`_rels/*.rels`) and
//! typed by `[Content_Types].xml`. [`Package`] collects the parts and their relationships and
//! writes all three kinds of bookkeeping itself, so that a painter cannot forget a content type
//! or point a relationship at a part that is not there. [`Xml`] is the small writer the parts
//! are written with: escaping in one place, every element closed by construction.
//!
//! Only deflate is used (the `zip` crate without its default features): every Word since 2007
//! reads it, and the zip entries carry the document's own date, so that the same report written
//! at the same moment gives the same bytes.

use std::fmt::{self, Write as _};
use std::io::Write as _;

use crate::error::{Error, Result};

use super::ns;

/// Content types of the parts a Word document is made of.
pub mod content_type {
    pub const DOCUMENT: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    pub const STYLES: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml";
    pub const SETTINGS: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml";
    pub const FONT_TABLE: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml";
    pub const HEADER: &str =
        "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml";
    pub const CORE_PROPERTIES: &str = "application/vnd.openxmlformats-package.core-properties+xml";
    pub const EXTENDED_PROPERTIES: &str =
        "application/vnd.openxmlformats-officedocument.extended-properties+xml";
    pub const RELATIONSHIPS: &str = "application/vnd.openxmlformats-package.relationships+xml";
    pub const XML: &str = "application/xml";
}

/// Relationship types (Transitional, which is what Word writes and every reader takes).
pub mod rel_type {
    pub use crate::docx::ns::REL_OFFICE_DOCUMENT as OFFICE_DOCUMENT;
    pub const STYLES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles";
    pub const SETTINGS: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings";
    pub const FONT_TABLE: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable";
    pub const HEADER: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header";
    pub const CORE_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties";
    pub const EXTENDED_PROPERTIES: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties";
}

/// A relationship from a part (or the package) to a target part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relationship {
    pub id: String,
    pub ty: &'static str,
    /// The target part's name relative to the source part's folder.
    pub target: String,
}

#[derive(Debug, Clone)]
struct Part {
    /// Full name inside the zip, without a leading slash: "word/document.xml".
    name: String,
    content_type: &'static str,
    bytes: Vec<u8>,
    rels: Vec<Relationship>,
}

/// The parts of a package and the relationships between them.
#[derive(Debug, Clone, Default)]
pub struct Package {
    parts: Vec<Part>,
    /// Relationships of the package itself (`_rels/.rels`).
    rels: Vec<Relationship>,
}

impl Package {
    pub fn new() -> Package {
        Package::default()
    }

    /// Adds the part `name` ("word/styles.xml") of `content_type`.
    pub fn add_part(&mut self, name: &str, content_type: &'static str, bytes: Vec<u8>) {
        self.parts.push(Part {
            name: name.trim_start_matches('/').to_string(),
            content_type,
            bytes,
            rels: Vec::new(),
        });
    }

    /// Replaces the bytes of the part `name` (a part written after the parts it points at,
    /// since it needs their relationship ids).
    pub fn set_part_bytes(&mut self, name: &str, bytes: Vec<u8>) {
        let name = name.trim_start_matches('/');
        match self.parts.iter_mut().find(|p| p.name == name) {
            Some(p) => p.bytes = bytes,
            None => debug_assert!(false, "no part {name}"),
        }
    }

    /// Relates `source` (a part's name, or "" for the package) to the part `target` (full
    /// name) with a relationship of type `ty`; returns the relationship's id ("rId3"), which the
    /// source part uses to point at the target (`r:id`).
    pub fn relate(&mut self, source: &str, ty: &'static str, target: &str) -> String {
        let source = source.trim_start_matches('/');
        let target = target.trim_start_matches('/');
        let folder = source.rsplit_once('/').map_or("", |(f, _)| f);
        let relative = match target.strip_prefix(folder) {
            Some(rest) if !folder.is_empty() && rest.starts_with('/') => rest[1..].to_string(),
            _ if folder.is_empty() => target.to_string(),
            // A target outside the source's folder: an absolute name is always valid.
            _ => format!("/{target}"),
        };
        let list = if source.is_empty() {
            &mut self.rels
        } else {
            match self.parts.iter_mut().find(|p| p.name == source) {
                Some(p) => &mut p.rels,
                None => {
                    debug_assert!(false, "relationship from {source}, which is not a part");
                    &mut self.rels
                }
            }
        };
        let id = format!("rId{}", list.len() + 1);
        list.push(Relationship {
            id: id.clone(),
            ty,
            target: relative,
        });
        id
    }

    /// The package as a zip: `[Content_Types].xml` first (some readers sniff it there), then
    /// the package relationships, then every part followed by its own relationships. Entries are
    /// dated `modified`.
    pub fn to_zip(&self, modified: chrono::NaiveDateTime) -> Result<Vec<u8>> {
        use chrono::{Datelike, Timelike};
        let failed = |e: &dyn fmt::Display| {
            Error::internal(format!(
                "Không ghi được tệp Word ({e}). Hãy thử lại; nếu vẫn lỗi, hãy báo cho người hỗ trợ."
            ))
        };
        // Zip dates run from 1980 to 2107; a clock outside that range gets the first day.
        let date = zip::DateTime::from_date_and_time(
            u16::try_from(modified.year()).unwrap_or(1980),
            modified.month() as u8,
            modified.day() as u8,
            modified.hour() as u8,
            modified.minute() as u8,
            modified.second().min(59) as u8,
        )
        .unwrap_or_default();
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(date);
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::with_capacity(64 * 1024)));
        let mut entry = |name: &str, bytes: &[u8]| -> Result<()> {
            zip.start_file(name, options).map_err(|e| failed(&e))?;
            zip.write_all(bytes).map_err(|e| failed(&e))
        };
        entry("[Content_Types].xml", self.content_types().as_bytes())?;
        entry("_rels/.rels", relationships_xml(&self.rels).as_bytes())?;
        for p in &self.parts {
            entry(&p.name, &p.bytes)?;
            if !p.rels.is_empty() {
                entry(&rels_name(&p.name), relationships_xml(&p.rels).as_bytes())?;
            }
        }
        let cursor = zip.finish().map_err(|e| failed(&e))?;
        Ok(cursor.into_inner())
    }

    fn content_types(&self) -> String {
        let mut x = Xml::new();
        x.el("Types").attr("xmlns", ns::CONTENT_TYPES);
        x.el("Default")
            .attr("Extension", "rels")
            .attr("ContentType", content_type::RELATIONSHIPS)
            .end();
        x.el("Default")
            .attr("Extension", "xml")
            .attr("ContentType", content_type::XML)
            .end();
        for p in &self.parts {
            x.el("Override")
                .attr("PartName", format_args!("/{}", p.name))
                .attr("ContentType", p.content_type)
                .end();
        }
        x.end();
        x.finish()
    }
}

/// "word/document.xml" → "word/_rels/document.xml.rels".
fn rels_name(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((folder, file)) => format!("{folder}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

fn relationships_xml(rels: &[Relationship]) -> String {
    let mut x = Xml::new();
    x.el("Relationships").attr("xmlns", ns::PACKAGE_RELS);
    for r in rels {
        x.el("Relationship")
            .attr("Id", &r.id)
            .attr("Type", r.ty)
            .attr("Target", &r.target)
            .end();
    }
    x.end();
    x.finish()
}

/// A small XML writer: elements opened with [`Xml::el`], given attributes with [`Xml::attr`],
/// filled with [`Xml::text`] or children, closed with [`Xml::end`]. An element closed with
/// nothing in it is written `<name/>`. Text and attribute values are escaped here and nowhere
/// else.
#[derive(Debug)]
pub struct Xml {
    buf: String,
    stack: Vec<&'static str>,
    /// The last start tag is still open (`<name a="b"` with no `>` yet).
    pending: bool,
}

impl Default for Xml {
    fn default() -> Self {
        Self::new()
    }
}

impl Xml {
    pub fn new() -> Xml {
        Self::with_capacity(1024)
    }

    pub fn with_capacity(bytes: usize) -> Xml {
        let mut buf = String::with_capacity(bytes);
        buf.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n");
        Xml {
            buf,
            stack: Vec::with_capacity(16),
            pending: false,
        }
    }

    fn close_start(&mut self) {
        if self.pending {
            self.buf.push('>');
            self.pending = false;
        }
    }

    /// Opens the element `name`.
    pub fn el(&mut self, name: &'static str) -> &mut Xml {
        self.close_start();
        self.buf.push('<');
        self.buf.push_str(name);
        self.stack.push(name);
        self.pending = true;
        self
    }

    /// An attribute of the element just opened.
    pub fn attr(&mut self, name: &str, value: impl fmt::Display) -> &mut Xml {
        debug_assert!(self.pending, "attribute {name} after the start tag");
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        let _ = write!(Escaper(&mut self.buf), "{value}");
        self.buf.push('"');
        self
    }

    /// Text content, escaped.
    pub fn text(&mut self, s: &str) -> &mut Xml {
        self.close_start();
        escape_into(&mut self.buf, s);
        self
    }

    /// Closes the innermost open element.
    pub fn end(&mut self) -> &mut Xml {
        let Some(name) = self.stack.pop() else {
            debug_assert!(false, "end() with no open element");
            return self;
        };
        if self.pending {
            self.buf.push_str("/>");
            self.pending = false;
        } else {
            self.buf.push_str("</");
            self.buf.push_str(name);
            self.buf.push('>');
        }
        self
    }

    /// An element with no attributes and no content: `<name/>`.
    pub fn leaf(&mut self, name: &'static str) -> &mut Xml {
        self.el(name).end()
    }

    /// An element whose only attribute is `w:val`: `<name w:val="…"/>`.
    pub fn val(&mut self, name: &'static str, value: impl fmt::Display) -> &mut Xml {
        self.el(name).attr("w:val", value).end()
    }

    /// The document, every element closed.
    pub fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.end();
        }
        self.buf
    }
}

/// Escapes what XML forbids in text and attribute values. Control characters other than tab,
/// line feed and carriage return are not allowed in XML 1.0 at all and are dropped.
fn escape_into(buf: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find(|c: char| {
        matches!(c, '<' | '>' | '&' | '"') || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    }) {
        buf.push_str(&rest[..i]);
        let c = rest[i..].chars().next().unwrap_or(' ');
        match c {
            '<' => buf.push_str("&lt;"),
            '>' => buf.push_str("&gt;"),
            '&' => buf.push_str("&amp;"),
            '"' => buf.push_str("&quot;"),
            _ => {}
        }
        rest = &rest[i + c.len_utf8()..];
    }
    buf.push_str(rest);
}

/// A `fmt::Write` that escapes what passes through it.
struct Escaper<'a>(&'a mut String);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        escape_into(self.0, s);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn xml_is_escaped_and_closed() {
        let mut x = Xml::new();
        x.el("a").attr("b", "1 < 2 & \"3\"");
        x.el("c").text("x<y>&z\u{1}").end();
        x.leaf("d");
        x.val("e", 5);
        let s = x.finish();
        assert!(s.ends_with(
            "<a b=\"1 &lt; 2 &amp; &quot;3&quot;\"><c>x&lt;y&gt;&amp;z</c><d/><e w:val=\"5\"/></a>"
        ));
    }

    #[test]
    fn relationships_are_relative_to_the_source_folder() {
        let mut p = Package::new();
        p.add_part(
            "word/document.xml",
            content_type::DOCUMENT,
            b"<d/>".to_vec(),
        );
        p.add_part("word/styles.xml", content_type::STYLES, b"<s/>".to_vec());
        p.add_part(
            "docProps/core.xml",
            content_type::CORE_PROPERTIES,
            b"<c/>".to_vec(),
        );
        assert_eq!(
            p.relate("", rel_type::OFFICE_DOCUMENT, "word/document.xml"),
            "rId1"
        );
        assert_eq!(
            p.relate("", rel_type::CORE_PROPERTIES, "docProps/core.xml"),
            "rId2"
        );
        assert_eq!(
            p.relate("word/document.xml", rel_type::STYLES, "word/styles.xml"),
            "rId1"
        );
        assert_eq!(p.parts[0].rels[0].target, "styles.xml");
        assert_eq!(p.rels[1].target, "docProps/core.xml");
        assert_eq!(
            rels_name("word/document.xml"),
            "word/_rels/document.xml.rels"
        );

        let date = chrono::NaiveDate::from_ymd_opt(2026, 7, 15)
            .and_then(|d| d.and_hms_opt(8, 30, 0))
            .unwrap_or_default();
        let bytes = p.to_zip(date).unwrap();
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let names: Vec<String> = z.file_names().map(str::to_string).collect();
        assert_eq!(names.len(), 6, "{names:?}");
        assert_eq!(z.by_index(0).unwrap().name(), "[Content_Types].xml");
        let mut ct = String::new();
        z.by_name("[Content_Types].xml")
            .unwrap()
            .read_to_string(&mut ct)
            .unwrap();
        for part in [
            "/word/document.xml",
            "/word/styles.xml",
            "/docProps/core.xml",
        ] {
            assert!(ct.contains(&format!("PartName=\"{part}\"")), "{ct}");
        }
        // The same package at the same moment: the same bytes.
        assert_eq!(p.to_zip(date).unwrap(), bytes);
    }
}
