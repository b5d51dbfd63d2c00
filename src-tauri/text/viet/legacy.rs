//! TCVN3 (ABC) and VNI: the code pages Vietnamese was typed in before Unicode.
//!
//! Seam for the importer (to be filled in): `Encoding`, `decode`, `detect`, `from_font`.

/// A legacy Vietnamese code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// TCVN 5712:1993, VN3 subset ("ABC"), fonts `.VnTime`, `.VnArial`, …
    Tcvn3,
    /// VNI, fonts `VNI-Times`, `VNI-Helve`, …
    Vni,
}

/// The code page a font name implies, and whether it is a capitals font (`.VnTimeH`: every
/// letter of the run prints as a capital). `None` for Unicode fonts.
pub fn from_font(_font: &str) -> Option<(Encoding, bool)> {
    None
}

/// Decodes text whose characters are the Windows-1252 renderings of `enc` bytes (as Word and the
/// clipboard hand them over) to NFC Unicode; `capitals` upper-cases it as a capitals font prints.
pub fn decode(text: &str, _enc: Encoding, _capitals: bool) -> String {
    text.to_string()
}

/// The code page `text` was typed in, when decoding it gives clearly more valid Vietnamese
/// syllables than reading it as it is; `None` for Unicode text.
pub fn detect(_text: &str) -> Option<Encoding> {
    None
}
