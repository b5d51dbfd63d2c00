//! The display list: laid-out pages of positioned text and rules.
//!
//! This is the one thing the layout produces and the only thing the painters (PDF, SVG) read.
//! Positions are in points (1/72 inch) from the top-left corner of the page, y downward; a text
//! item is placed by the left end of its baseline. Nothing here needs a font to be understood,
//! which keeps the pages cheap to compare in tests and to send to the UI.

use serde::{Deserialize, Serialize};

pub use crate::text::Face;

/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;

pub fn mm(v: f32) -> f32 {
    v * PT_PER_MM
}

/// A4 in points.
pub const A4_WIDTH: f32 = 210.0 * PT_PER_MM;
pub const A4_HEIGHT: f32 = 297.0 * PT_PER_MM;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    pub pages: Vec<Page>,
    /// Document information for the PDF: title (the trích yếu), author (the issuing body), subject.
    pub info: DocInfo,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct DocInfo {
    pub title: String,
    pub author: String,
    pub subject: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// Page size in points (A4 portrait is 595.3 × 841.9; an appendix may be landscape).
    pub width: f32,
    pub height: f32,
    /// The number printed on the page, if any (none on page 1).
    pub number: Option<u32>,
    pub items: Vec<Item>,
}

impl Page {
    /// The page's texts that print something, in drawing order: what every painter draws as
    /// text.
    pub fn texts(&self) -> Vec<&TextItem> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if !t.text.is_empty() => Some(t),
                _ => None,
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Item {
    Text(TextItem),
    /// A straight line from (x1, y1) to (x2, y2), `width` points thick, black.
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// An unfilled rectangle (the box around "DỰ THẢO", table cells), top-left corner (x, y).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        width: f32,
    },
}

/// A run of text at one position in one face and size.
///
/// Justified lines are made of one item per word; the space after a word is part of the word's
/// text ("word "), so that text copied out of the PDF keeps its spaces, while the next word is
/// placed by its own position.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextItem {
    pub x: f32,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    pub face: Face,
    pub text: String,
    /// Width of `text` as measured by the layout, in points (painters may use it to pin the
    /// width, e.g. SVG `textLength`).
    pub width: f32,
    /// Where the text comes from in the report, for the preview's link back to the form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A place in the report model.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "part", rename_all = "snake_case")]
pub enum Source {
    /// The header fields (agency, number, date, title, trích yếu, kính gửi).
    Header { field: String },
    /// A section's heading (`block` = None) or one of its blocks.
    Section { id: String, block: Option<usize> },
    /// The intro blocks before the first heading.
    Intro { block: usize },
    /// The closing sentence, Nơi nhận or signer.
    Closing { field: String },
    /// An appendix's title or content.
    Appendix { id: String },
}

impl Document {
    /// Every text item of every page in order, joined by spaces: what a reader reads.
    pub fn plain_text(&self) -> String {
        let mut s = String::new();
        for p in &self.pages {
            for it in &p.items {
                if let Item::Text(t) = it {
                    s.push_str(&t.text);
                    if !t.text.ends_with(' ') {
                        s.push(' ');
                    }
                }
            }
        }
        s
    }
}
