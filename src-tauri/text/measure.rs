//! Measuring text: advance widths from the shaper, cached per word.
//!
//! Widths are the sum of the glyph advances with kerning and ligatures off, which is exactly what
//! a PDF viewer or a printer draws for a text string: the layout and every painter agree to the
//! thousandth of a point. A report of 15 pages has a few thousand distinct words, so a cache keyed
//! by (face, word) makes a full relayout cost little more than the lookups.

use std::cell::RefCell;
use std::collections::HashMap;

use super::fonts::{Face, FontSet};

pub struct Measurer {
    fonts: &'static FontSet,
    /// Per face (indexed by `Face as usize`): text → (width in em, whether the face has a glyph
    /// for every character). One map per face so that a lookup borrows the text instead of
    /// allocating a key (the layout asks for every word).
    cache: RefCell<[HashMap<String, (f32, bool)>; 5]>,
    features: [rustybuzz::Feature; 2],
}

impl Measurer {
    pub fn new(fonts: &'static FontSet) -> Measurer {
        use rustybuzz::ttf_parser::Tag;
        Measurer {
            fonts,
            cache: RefCell::new(Default::default()),
            features: [
                rustybuzz::Feature::new(Tag::from_bytes(b"kern"), 0, ..),
                rustybuzz::Feature::new(Tag::from_bytes(b"liga"), 0, ..),
            ],
        }
    }

    pub fn fonts(&self) -> &'static FontSet {
        self.fonts
    }

    /// Width of `text` in `face` at `size` points, in points.
    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        self.width_em(face, text) * size
    }

    /// Width of `text` in em (multiply by the size in points for points).
    pub fn width_em(&self, face: Face, text: &str) -> f32 {
        self.measure_em(face, text).0
    }

    /// Does `face` have a glyph for every character of `text`? When it does not, the layout sets
    /// the text through `text::symbols` instead (answered from the same cache as the width).
    pub fn covers(&self, face: Face, text: &str) -> bool {
        self.measure_em(face, text).1
    }

    fn measure_em(&self, face: Face, text: &str) -> (f32, bool) {
        if text.is_empty() {
            return (0.0, true);
        }
        if let Some(w) = self.cache.borrow()[face as usize].get(text) {
            return *w;
        }
        let w = self.shape_em(face, text);
        self.cache.borrow_mut()[face as usize].insert(text.to_string(), w);
        w
    }

    fn shape_em(&self, face: Face, text: &str) -> (f32, bool) {
        let font = self.fonts.face(face);
        let mut buf = rustybuzz::UnicodeBuffer::new();
        buf.push_str(text);
        let glyphs = rustybuzz::shape(&font.shaper, &self.features, buf);
        let units: i32 = glyphs.glyph_positions().iter().map(|p| p.x_advance).sum();
        let covered = glyphs.glyph_infos().iter().all(|g| g.glyph_id != 0);
        (units as f32 / font.units_per_em, covered)
    }

    /// Number of cached entries (for benchmarks).
    pub fn cached(&self) -> usize {
        self.cache.borrow().iter().map(HashMap::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_times_new_roman_metrics() {
        let m = Measurer::new(FontSet::get());
        // Times New Roman / Liberation Serif: space 512/2048 em, "0" 1024/2048 em.
        assert!((m.width(Face::Regular, " ", 14.0) - 3.5).abs() < 1e-4);
        assert!((m.width(Face::Regular, "00", 14.0) - 14.0).abs() < 1e-4);
        // Precomposed Vietnamese letters are measured like their base letters' advances.
        assert!(m.width(Face::Bold, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13.0) > 200.0);
        assert_eq!(m.cached(), 3);
    }
}
