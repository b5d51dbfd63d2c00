//! The Word package (`.docx`): a zip of XML parts tied together by relationships.
//!
//! One small module shared by the `.docx` importer (`crate::import`) and the `.docx` painter
//! (`crate::paint`), so that the package rules (which part is the document, how parts are named
//! and typed, which namespaces mean what) are written once:
//!
//! - [`read`]: open a package with size caps, find the main document through `_rels/.rels`, read
//!   a part's relationships;
//! - [`xml`]: a part's XML as a small tree with names resolved to namespaces;
//! - [`write`]: assemble parts with their content types and relationships into a zip.
//!
//! Elements are matched by namespace URI, never by prefix: files from other writers use other
//! prefixes, and Strict OOXML uses other URIs for the same elements (see [`ns`]).

pub mod read;
pub mod write;
pub mod xml;

/// Namespace URIs and relationship types, Transitional first, then Strict.
pub mod ns {
    /// WordprocessingML main namespace (`w:`).
    pub const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    pub const W_STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    /// Relationships inside a part (`r:id`, `r:embed`).
    pub const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    pub const R_STRICT: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    /// Markup compatibility (`mc:AlternateContent`).
    pub const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";
    /// The package's relationship parts (`_rels/*.rels`).
    pub const PACKAGE_RELS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    /// `[Content_Types].xml`.
    pub const CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";

    /// Relationship type of the main document, from `_rels/.rels`.
    pub const REL_OFFICE_DOCUMENT: &str =
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
    pub const REL_OFFICE_DOCUMENT_STRICT: &str =
        "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

    /// Is `uri` the WordprocessingML namespace, Transitional or Strict?
    pub fn is_w(uri: &[u8]) -> bool {
        uri == W.as_bytes() || uri == W_STRICT.as_bytes()
    }

    /// Is `uri` the relationships namespace of attributes such as `r:id`?
    pub fn is_r(uri: &[u8]) -> bool {
        uri == R.as_bytes() || uri == R_STRICT.as_bytes()
    }

    /// Does the relationship type `ty` name `name` (e.g. "styles", "numbering", "header"), in
    /// either flavour? Types are URIs ending in the relationship's name.
    pub fn rel_is(ty: &str, name: &str) -> bool {
        ty.rsplit('/').next() == Some(name)
            && (ty.starts_with(
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/",
            ) || ty.starts_with("http://purl.oclc.org/ooxml/officeDocument/relationships/"))
    }
}
