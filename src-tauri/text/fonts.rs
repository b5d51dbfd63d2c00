//! The four faces of the document's typeface, loaded once per process.
//!
//! Nghị định 30/2020 asks for Times New Roman. The system's copy is used when all four faces are
//! in the system's fonts folder, load, and have the Vietnamese letters; everywhere else (and as
//! the fallback) the bundled Liberation Serif 2, which has the same advance widths, so the layout
//! is the same to the point on every machine.
//!
//! The system's copy is found by a plain lookup in a folder ([`FontSet::times_from`]): on Windows
//! `%WINDIR%\Fonts`, and wherever [`SYSTEM_FONTS_DIR_ENV`] points, so that tests on Linux run the
//! very code that chooses, loads, subsets and extracts the "system" fonts, on a stand-in set.

use std::path::{Path, PathBuf};
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

/// Windows' file names of the four Times New Roman faces, in the order of [`Face::ALL`].
pub const TIMES_FILES: [&str; 4] = ["times.ttf", "timesbd.ttf", "timesi.ttf", "timesbi.ttf"];
/// Forces the bundled faces when set (tests, and the same pages on every machine).
pub const BUNDLED_FONTS_ENV: &str = "BAOCAO_BUNDLED_FONTS";
/// The system's fonts folder when set: how tests point the lookup at a stand-in set.
pub const SYSTEM_FONTS_DIR_ENV: &str = "BAOCAO_SYSTEM_FONTS_DIR";
/// A font file larger than this is not a face of Times New Roman (about 1 MB each).
const MAX_FONT_BYTES: u64 = 32 * 1024 * 1024;
/// Letters a face must have to print Vietnamese: one of each kind of mark, đ, ơ and ư.
const VIETNAMESE_PROBE: &str = "ăâđêôơưÁàảãạệỮ";

/// The folder where the system keeps its fonts: [`SYSTEM_FONTS_DIR_ENV`] when set, else
/// `%WINDIR%\Fonts` on Windows; none elsewhere.
pub fn system_fonts_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os(SYSTEM_FONTS_DIR_ENV).filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(d));
    }
    if cfg!(windows) {
        return std::env::var_os("WINDIR").map(|w| PathBuf::from(w).join("Fonts"));
    }
    None
}

impl FontSet {
    /// The process-wide font set: [`FontSet::choose`] with the system's fonts folder, unless
    /// [`BUNDLED_FONTS_ENV`] forces the bundled faces.
    pub fn get() -> &'static FontSet {
        static SET: OnceLock<FontSet> = OnceLock::new();
        SET.get_or_init(|| {
            let bundled_only = std::env::var_os(BUNDLED_FONTS_ENV).is_some();
            Self::choose(bundled_only, system_fonts_dir().as_deref())
        })
    }

    /// Times New Roman from `system_dir` when all four faces are there and usable (see
    /// [`FontSet::times_from`]), else the bundled Liberation Serif 2.
    pub fn choose(bundled_only: bool, system_dir: Option<&Path>) -> FontSet {
        if !bundled_only {
            if let Some(set) = system_dir.and_then(Self::times_from) {
                return set;
            }
        }
        Self::bundled()
    }

    /// The bundled Liberation Serif 2, always available.
    pub fn bundled() -> FontSet {
        let faces = BUNDLED.map(|b| load(b).expect("bundled Liberation Serif font is valid"));
        FontSet {
            family: "Liberation Serif".to_string(),
            faces,
        }
    }

    /// Times New Roman from the four files of [`TIMES_FILES`] in `dir`, when every one is there,
    /// loads, and has the Vietnamese letters (an old Times New Roman without them would print
    /// boxes); `None` otherwise, and the caller falls back to the bundled faces.
    ///
    /// The bytes are kept for the life of the process (the shaper borrows them): call this once
    /// per process, as [`FontSet::get`] does.
    pub fn times_from(dir: &Path) -> Option<FontSet> {
        let mut files = Vec::with_capacity(TIMES_FILES.len());
        for name in TIMES_FILES {
            let path = dir.join(name);
            if std::fs::metadata(&path).ok()?.len() > MAX_FONT_BYTES {
                return None;
            }
            files.push(std::fs::read(path).ok()?);
        }
        // Checked on a borrow first, so that nothing is kept of a set that will not be used.
        // Each probe letter must map to a glyph with an advance and an outline: a truncated file
        // still parses (its tables are read lazily) but cannot be drawn or embedded.
        let usable = |bytes: &[u8]| {
            rustybuzz::Face::from_slice(bytes, 0).is_some_and(|f| {
                VIETNAMESE_PROBE.chars().all(|c| {
                    f.glyph_index(c).is_some_and(|g| {
                        f.glyph_hor_advance(g).is_some() && f.glyph_bounding_box(g).is_some()
                    })
                })
            })
        };
        if !files.iter().all(|b| usable(b)) {
            return None;
        }
        let loaded: Vec<FontData> = files
            .into_iter()
            .map(|b| load(Box::leak(b.into_boxed_slice())))
            .collect::<Option<_>>()?;
        let faces: [FontData; 4] = loaded.try_into().ok()?;
        Some(FontSet {
            family: "Times New Roman".to_string(),
            faces,
        })
    }

    pub fn face(&self, face: Face) -> &FontData {
        match face {
            Face::Regular => &self.faces[0],
            Face::Bold => &self.faces[1],
            Face::Italic => &self.faces[2],
            Face::BoldItalic => &self.faces[3],
            Face::Symbol => symbol_font(),
        }
    }
}

/// The family name under which the preview registers the symbol font (see `paint::svg`).
pub const SYMBOL_FAMILY: &str = "Noto Sans Symbols2";

/// The bundled symbol font ([`Face::Symbol`]: what the document's typeface lacks, see
/// `text::symbols`), loaded once. Here with the other faces, so that the font set needs nothing
/// of the rules that choose between them.
pub fn symbol_font() -> &'static FontData {
    const BUNDLED: &[u8] = include_bytes!("../../assets/fonts/NotoSansSymbols2-Regular-subset.ttf");
    static FONT: OnceLock<FontData> = OnceLock::new();
    FONT.get_or_init(|| load(BUNDLED).expect("bundled symbol font is valid"))
}

fn load(bytes: &'static [u8]) -> Option<FontData> {
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
