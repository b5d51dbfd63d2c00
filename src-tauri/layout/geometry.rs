//! The page box and the measures every element shares.
//!
//! Nghị định 30/2020, Phụ lục I: A4 paper (210 × 297 mm), portrait, landscape allowed for pages of
//! wide tables; margins top 20–25 mm, bottom 20–25 mm, left 30–35 mm, right 15–20 mm. The user's
//! margins come from `LayoutSettings`, already clamped to those ranges.

use crate::model::LayoutSettings;
use crate::page::{mm, Item, A4_HEIGHT, A4_WIDTH};
use crate::text::{Face, Measurer};

/// Thickness of every solid rule the decree asks for (under the agency name, the Tiêu ngữ, the
/// trích yếu and the appendix heading): a thin line, as Word draws its default shape line.
pub const RULE_PT: f32 = 0.6;

/// Thickness of table borders and mark boxes.
pub const BORDER_PT: f32 = 0.5;

/// Tolerance when comparing widths, so that a line that fits to the thousandth of a point is not
/// pushed to the next line by rounding.
pub const FIT_EPS: f32 = 0.01;

/// The page and its text box, in points from the top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    /// x of the left margin (where text starts).
    pub left: f32,
    /// x of the right margin (where justified lines end).
    pub right: f32,
    /// y of the top margin (the top of the first line box).
    pub top: f32,
    /// y of the bottom margin (no line box goes below it).
    pub bottom: f32,
}

impl Geometry {
    /// A4 portrait with the user's margins.
    pub fn portrait(s: &LayoutSettings) -> Geometry {
        Self::sized(A4_WIDTH, A4_HEIGHT, s)
    }

    /// A4 landscape (appendices with wide tables), same margins on the same sides.
    pub fn landscape(s: &LayoutSettings) -> Geometry {
        Self::sized(A4_HEIGHT, A4_WIDTH, s)
    }

    fn sized(width: f32, height: f32, s: &LayoutSettings) -> Geometry {
        Geometry {
            width,
            height,
            left: mm(s.margin_left_mm),
            right: width - mm(s.margin_right_mm),
            top: mm(s.margin_top_mm),
            bottom: height - mm(s.margin_bottom_mm),
        }
    }

    pub fn text_width(&self) -> f32 {
        self.right - self.left
    }
}

/// What every element needs: the fonts, the clamped settings and the page box.
pub struct Ctx<'a> {
    pub m: &'a Measurer,
    pub s: LayoutSettings,
    pub geo: Geometry,
}

impl Ctx<'_> {
    /// "Single" line height at `size`: ascender + descender + line gap of the hhea table, which is
    /// what Word calls single spacing (≈ 1.149 em for Times New Roman / Liberation Serif).
    pub fn single_line(&self, size: f32) -> f32 {
        let f = self.m.fonts().face(Face::Regular);
        size * (f.ascender + f.descender + f.line_gap)
    }

    /// Line height of body text: single line × the user's line spacing (1 to 1.5 lines).
    pub fn body_line(&self, size: f32) -> f32 {
        self.single_line(size) * self.s.line_spacing
    }

    /// Where the baseline sits in a line box of height `line` for text of `size`: the extra
    /// height (line gap, 1.5 spacing) goes above the text, as in Word.
    pub fn baseline_in(&self, line: f32, size: f32) -> f32 {
        line - size * self.m.fonts().face(Face::Regular).descender
    }

    /// Descent of text of `size` below its baseline.
    pub fn descent(&self, size: f32) -> f32 {
        size * self.m.fonts().face(Face::Regular).descender
    }

    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        self.m.width(face, text, size)
    }
}

/// A horizontal rule from `x1` to `x2` at height `y`.
pub fn hrule(x1: f32, x2: f32, y: f32) -> Item {
    Item::Rule {
        x1,
        y1: y,
        x2,
        y2: y,
        width: RULE_PT,
    }
}

/// Moves an item by (dx, dy).
pub fn shift(item: &mut Item, dx: f32, dy: f32) {
    match item {
        Item::Text(t) => {
            t.x += dx;
            t.y += dy;
        }
        Item::Rule { x1, y1, x2, y2, .. } => {
            *x1 += dx;
            *x2 += dx;
            *y1 += dy;
            *y2 += dy;
        }
        Item::Rect { x, y, .. } => {
            *x += dx;
            *y += dy;
        }
    }
}
