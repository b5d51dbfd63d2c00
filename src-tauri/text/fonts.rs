//! The four faces of the document's typeface, loaded once per process.
//!
//! Nghị định 30/2020 asks for Times New Roman. On Windows the system's copy is used when all four
//! faces are there; everywhere else (and as the fallback) the bundled Liberation Serif 2, which has
//! the same advance widths, so the layout is the same to the point on every machine.

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A face of the typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Face {
    Regular,
    Bold,
    Italic,
    BoldItalic,
    /// The bundled symbol font, for the characters the four faces lack (see `text::symbols`).
    /// Never chosen by a style: the layout sets a character in it only when the document's face
    /// has no glyph for it.
    Symbol,
}

impl Face {
    /// The four faces of the document's typeface.
    pub const ALL: [Face; 4] = [Face::Regular, Face::Bold, Face::Italic, Face::BoldItalic];
    /// Every face text may be drawn in: the four and the symbol font.
    pub const EVERY: [Face; 5] = [
        Face::Regular,
        Face::Bold,
        Face::Italic,
        Face::BoldItalic,
        Face::Symbol,
    ];

    pub fn new(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::Regular,
            (true, false) => Face::Bold,
            (false, true) => Face::Italic,
            (true, true) => Face::BoldItalic,
        }
    }
    pub fn is_bold(self) -> bool {
        matches!(self, Face::Bold | Face::BoldItalic)
    }
    pub fn is_italic(self) -> bool {
        matches!(self, Face::Italic | Face::BoldItalic)
    }
}

/// One loaded font file.
pub struct FontData {
    /// The whole font file (for embedding; the PDF painter subsets it).
    pub bytes: &'static [u8],
    /// The shaper's view of the same bytes, for measuring.
    pub shaper: rustybuzz::Face<'static>,
    pub units_per_em: f32,
    /// Ascender and descender (positive, below the baseline) in em, from the hhea table.
    pub ascender: f32,
    pub descender: f32,
    /// Line gap in em, from the hhea table: with ascender and descender it makes the "single"
    /// line height Word uses (≈ 1.149 em for Times New Roman / Liberation Serif).
    pub line_gap: f32,
    /// PostScript name, e.g. "LiberationSerif-Bold".
    pub postscript_name: String,
}

pub struct FontSet {
    /// "Liberation Serif" or "Times New Roman".
    pub family: String,
    faces: [FontData; 4],
}

const BUNDLED: [&[u8]; 4] = [
    include_bytes!("../../assets/fonts/LiberationSerif-Regular.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Bold.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-Italic.ttf"),
    include_bytes!("../../assets/fonts/LiberationSerif-BoldItalic.ttf"),
];

impl FontSet {
    /// The process-wide font set: the system's Times New Roman on Windows when complete, else the
    /// bundled Liberation Serif 2. Set `BAOCAO_BUNDLED_FONTS=1` to force the bundled faces.
    pub fn get() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            if std::env::var_os("BAOCAO_BUNDLED_FONTS").is_none() {
                if let Some(set) = Self::system_times() {
                    return set;
                }
            }
            Self::bundled()
        })
    }

    /// The bundled Liberation Serif 2, always available.
    pub fn bundled() -> FontSet {
        let faces = BUNDLED.map(|b| load(b).expect("bundled Liberation Serif font is valid"));
        FontSet {
            family: "Liberation Serif".to_string(),
            faces,
        }
    }

    #[cfg(windows)]
    fn system_times() -> Option<FontSet> {
        let dir = std::env::var_os("WINDIR")
            .map(std::path::PathBuf::from)?
            .join("Fonts");
        let names = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];
        let mut loaded = Vec::new();
        for n in names {
            let bytes: &'static [u8] =
                Box::leak(std::fs::read(dir.join(n)).ok()?.into_boxed_slice());
            loaded.push(load(bytes)?);
        }
        let faces: [FontData; 4] = loaded.try_into().ok()?;
        Some(FontSet {
            family: "Times New Roman".to_string(),
            faces,
        })
    }

    #[cfg(not(windows))]
    fn system_times() -> Option<FontSet> {
        None
    }

    pub fn face(&self, face: Face) -> &FontData {
        match face {
            Face::Regular => &self.faces[0],
            Face::Bold => &self.faces[1],
            Face::Italic => &self.faces[2],
            Face::BoldItalic => &self.faces[3],
            Face::Symbol => super::symbols::font(),
        }
    }
}

pub(crate) fn load(bytes: &'static [u8]) -> Option<FontData> {
    let shaper = rustybuzz::Face::from_slice(bytes, 0)?;
    let upem = shaper.units_per_em() as f32;
    let ascender = shaper.ascender() as f32 / upem;
    let descender = -(shaper.descender() as f32) / upem;
    let line_gap = shaper.line_gap() as f32 / upem;
    let postscript_name = shaper
        .names()
        .into_iter()
        .find(|n| n.name_id == rustybuzz::ttf_parser::name_id::POST_SCRIPT_NAME && n.is_unicode())
        .and_then(|n| n.to_string())
        .unwrap_or_else(|| "LiberationSerif".to_string());
    Some(FontData {
        bytes,
        shaper,
        units_per_em: upem,
        ascender,
        descender,
        line_gap,
        postscript_name,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_faces_load_with_their_names() {
        let set = FontSet::bundled();
        assert_eq!(set.face(Face::Regular).postscript_name, "LiberationSerif");
        assert_eq!(
            set.face(Face::BoldItalic).postscript_name,
            "LiberationSerif-BoldItalic"
        );
        assert_eq!(set.face(Face::Bold).units_per_em, 2048.0);
    }
}
