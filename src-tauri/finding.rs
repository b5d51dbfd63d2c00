//! What a check says: a finding, how serious it is, where it is, and its one-click fix.
//!
//! Shared by the checks of the draft (`checks`), the review items of "Tạo báo cáo kỳ sau"
//! (`period`) and the store that keeps those items; it lives below all of them.

use serde::{Deserialize, Serialize};

use crate::page::Source;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Lỗi: the document is wrong as it stands.
    Loi,
    /// Cảnh báo: very likely wrong; look at it.
    CanhBao,
    /// Gợi ý: could be better.
    GoiY,
}

impl Severity {
    /// "lỗi", "cảnh báo", "gợi ý".
    pub fn label(self) -> &'static str {
        match self {
            Severity::Loi => "lỗi",
            Severity::CanhBao => "cảnh báo",
            Severity::GoiY => "gợi ý",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    pub location: Source,
    /// Vietnamese: what is wrong and what to do.
    pub message: String,
    pub fix: Option<Fix>,
}

/// A one-click correction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    /// End the closing sentence with "./.".
    AppendClosingMark,
    /// Set the closing sentence (when there is none).
    SetClosing { text: String },
    /// Replace the ký hiệu.
    SetSymbol { symbol: String },
    /// Replace the units of the archive line.
    SetArchiveUnits { units: Vec<String> },
    /// Replace the first `find` in the text at `location` by `replace`.
    ReplaceText {
        location: Source,
        find: String,
        replace: String,
    },
    /// Put `text` in cell (`row`, `col`) of the table at `location` when the cell still reads
    /// `was` (a typed total that does not add up).
    SetCell {
        location: Source,
        row: u32,
        col: u32,
        was: String,
        text: String,
    },
    /// Chính tả: put the first of `with` in place of `word` wherever it stands as a word in the
    /// text at `location` (the panel offers each of `with`, "Bỏ qua" and "Thêm vào từ điển").
    Spelling {
        location: Source,
        word: String,
        with: Vec<String>,
    },
    /// Text typed in the TCVN3 or VNI code page into a Unicode field: convert the lines of the
    /// text at `location` that read as `encoding`.
    ConvertLegacy {
        location: Source,
        encoding: crate::text::viet::legacy::Encoding,
    },
}
