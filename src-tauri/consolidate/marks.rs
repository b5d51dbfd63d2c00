//! What the template says about consolidating it, beyond its text: the roster of expected
//! units, the percentage columns and what they are the ratio of, the indicators of the
//! appendix. The user marks them once; the store keeps them with the template (and the CLI in
//! a file beside it, `MAU.tonghop.json`).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::model::{Block, Report};

/// A percentage column: table `table` (reading order), column `column` = Σ`numerator` ÷
/// Σ`denominator` × 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatioMark {
    pub table: usize,
    pub column: usize,
    pub numerator: usize,
    pub denominator: usize,
}

/// An indicator of the appendix "one row per unit": a cell of a table, or a figure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Indicator {
    Cell {
        table: usize,
        row: usize,
        col: usize,
    },
    Figure {
        id: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Marks {
    /// The units expected, one name each; empty: no roster (every unit received is expected).
    pub roster: Vec<String>,
    pub ratios: Vec<RatioMark>,
    /// Empty: the summary picks (every figure, else the first column of the first table).
    pub indicators: Vec<Indicator>,
}

/// The format name of the file beside a template.
pub const SIDECAR_FORMAT: &str = "baocao-tong-hop";

#[derive(Serialize, Deserialize)]
struct Sidecar {
    format: String,
    version: u32,
    marks: Marks,
}

impl Marks {
    /// The roster from a text, one unit a line (blank lines and "#" comments left out).
    pub fn roster_from_text(text: &str) -> Vec<String> {
        text.trim_start_matches('\u{feff}')
            .lines()
            .map(|l| crate::text::nfc(l.trim()))
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    }

    /// The file kept beside template `template`: "MAU.json" → "MAU.tonghop.json".
    pub fn sidecar_path(template: &Path) -> PathBuf {
        let stem = template
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        template.with_file_name(format!("{stem}.tonghop.json"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&Sidecar {
            format: SIDECAR_FORMAT.to_string(),
            version: 1,
            marks: self.clone(),
        })
        .unwrap_or_default()
    }

    pub fn from_json(bytes: &[u8]) -> Result<Marks> {
        let s: Sidecar = serde_json::from_slice(bytes).map_err(|_| {
            Error::input("Tệp đánh dấu tổng hợp (.tonghop.json) bị hỏng. Hãy xóa tệp đó rồi chạy lại; danh sách đơn vị có thể ghi lại bằng --danh-sach.")
        })?;
        if s.format != SIDECAR_FORMAT || s.version != 1 {
            return Err(Error::input("Tệp .tonghop.json không phải tệp đánh dấu tổng hợp của Báo cáo. Hãy đổi tên hoặc xóa tệp đó."));
        }
        Ok(s.marks)
    }

    /// The marks beside `template`, or none.
    pub fn load_beside(template: &Path) -> Result<Marks> {
        let p = Self::sidecar_path(template);
        match std::fs::read(&p) {
            Ok(bytes) => Self::from_json(&bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Marks::default()),
            Err(e) => Err(Error::from_io("đọc", &p, &e)),
        }
    }
}

/// A key of the template's shape (its headings and tables' headers), under which the store
/// keeps its marks: the same đề cương sent again next quarter finds its roster and ratios.
pub fn template_key(template: &Report) -> String {
    let mut h = Sha256::new();
    template.for_each_section(|s, depth| {
        h.update(format!("{depth}:{}\n", super::label::key(&s.title)));
        for b in &s.blocks {
            if let Block::Table(t) = b {
                for row in t.rows.iter().take(t.header_rows.max(1) as usize) {
                    for c in row {
                        let text: String = c.iter().map(|r| r.text.as_str()).collect();
                        h.update(super::label::key(&text));
                        h.update("|");
                    }
                }
                h.update("\n");
            }
        }
    });
    h.finalize()
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_round_trip_and_the_roster_is_read_line_by_line() {
        let m = Marks {
            roster: Marks::roster_from_text("\u{feff}Tổ 1\n\n# ghi chú\n  Tổ 2  \n"),
            ratios: vec![RatioMark {
                table: 0,
                column: 4,
                numerator: 3,
                denominator: 2,
            }],
            indicators: vec![Indicator::Figure { id: "f1".into() }],
        };
        assert_eq!(m.roster, ["Tổ 1", "Tổ 2"]);
        assert_eq!(Marks::from_json(m.to_json().as_bytes()).unwrap(), m);
        assert_eq!(
            Marks::sidecar_path(Path::new("/a/mau.json")),
            Path::new("/a/mau.tonghop.json")
        );
    }
}
