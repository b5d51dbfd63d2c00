//! What a print job of the document is, whatever prints it (WebKitGTK on Linux, WebView2 on
//! Windows; app/print.rs): A4 sheets at 100 %, no margins added, no header or footer, the
//! printer, copies and pages the user chose in the app's own dialog. Kept here, free of any
//! webview, so that the rules and the Vietnamese messages are tested once for both systems.

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The sheet in inches, as WebView2 takes a custom media size (WebView2Feedback #3717: a
/// named A4 is ignored).
pub const A4_WIDTH_IN: f64 = 210.0 / 25.4;
pub const A4_HEIGHT_IN: f64 = 297.0 / 25.4;

/// The most copies the dialog lets one job ask for.
pub const MAX_COPIES: u32 = 99;

/// What the user chose in the app's print dialog (ui/print.js).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(default)]
pub struct PrintRequest {
    /// The printer's name as the system lists it; empty for the system's default printer.
    pub printer: String,
    pub copies: u32,
    /// The pages to print as the user typed them ("1-3, 5"); empty for every page.
    pub pages: String,
    /// The system's own print dialog instead ("In bằng hộp thoại của Windows…").
    pub system_dialog: bool,
}

/// A job checked against the document: what a printer is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    pub printer: Option<String>,
    pub copies: u32,
    /// Inclusive ranges of page numbers counted from 1; empty for every page.
    pub ranges: Vec<(u32, u32)>,
    pub system_dialog: bool,
}

impl PrintRequest {
    /// The request checked against a document of `page_count` pages (each page its own sheet),
    /// or a Vietnamese message saying what to change in the dialog.
    pub fn job(&self, page_count: u32) -> Result<PrintJob> {
        if page_count == 0 {
            return Err(Error::input(
                "Báo cáo chưa có trang nào để in. Hãy nhập nội dung rồi in lại.",
            ));
        }
        if self.copies == 0 || self.copies > MAX_COPIES {
            return Err(Error::input(format!(
                "Số bản in phải từ 1 đến {MAX_COPIES}. Hãy sửa ô “Số bản”."
            )));
        }
        let printer = self.printer.trim();
        Ok(PrintJob {
            printer: (!printer.is_empty()).then(|| printer.to_string()),
            copies: self.copies,
            ranges: parse_pages(&self.pages, page_count)?,
            system_dialog: self.system_dialog,
        })
    }
}

impl PrintJob {
    /// The ranges as WebView2's `PageRanges` takes them: "1-3,5" (empty for every page).
    pub fn ranges_text(&self) -> String {
        self.ranges
            .iter()
            .map(|&(a, b)| {
                if a == b {
                    a.to_string()
                } else {
                    format!("{a}-{b}")
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }

    /// How many sheets one copy takes.
    pub fn sheets(&self, page_count: u32) -> u32 {
        if self.ranges.is_empty() {
            return page_count;
        }
        self.ranges.iter().map(|&(a, b)| b - a + 1).sum()
    }

    /// The Vietnamese sentence telling the user the job went to the printer.
    pub fn sent_message(&self, page_count: u32) -> String {
        let printer = self
            .printer
            .as_deref()
            .map(|p| format!("máy in “{p}”"))
            .unwrap_or_else(|| "máy in mặc định".to_string());
        let copies = if self.copies > 1 {
            format!(", {} bản", self.copies)
        } else {
            String::new()
        };
        format!(
            "Đã gửi {} trang A4 đến {printer}{copies}. Nếu giấy không ra, hãy xem máy in đã bật và còn giấy.",
            self.sheets(page_count)
        )
    }
}

/// "1-3, 5" → [(1, 3), (5, 5)], each within 1..=page_count, in the order typed. Empty text is
/// every page. Spaces, ";" and the dashes a keyboard or Word may give ("–") are accepted.
pub fn parse_pages(text: &str, page_count: u32) -> Result<Vec<(u32, u32)>> {
    let bad = || {
        Error::input(format!(
            "Không hiểu ô “Trang” (“{}”). Hãy ghi số trang như 1-3, 5; để trống là in cả {page_count} trang.",
            text.trim()
        ))
    };
    let mut out = Vec::new();
    for part in text.split([',', ';']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (a, b) = match part.split_once(['-', '–', '—']) {
            Some((a, b)) => (a.trim(), b.trim()),
            None => (part, part),
        };
        let a: u32 = a.parse().map_err(|_| bad())?;
        let b: u32 = b.parse().map_err(|_| bad())?;
        if a == 0 || b < a {
            return Err(bad());
        }
        if b > page_count {
            return Err(Error::input(format!(
                "Báo cáo chỉ có {page_count} trang; ô “Trang” ghi tới trang {b}. Hãy sửa lại."
            )));
        }
        out.push((a, b));
    }
    if out.is_empty() && !text.trim().is_empty() {
        return Err(bad());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(pages: &str, copies: u32) -> PrintRequest {
        PrintRequest {
            printer: " Canon LBP2900 ".into(),
            copies,
            pages: pages.into(),
            system_dialog: false,
        }
    }

    #[test]
    fn page_ranges_as_typed_are_understood() {
        assert_eq!(parse_pages("", 19).unwrap(), vec![]);
        assert_eq!(parse_pages(" 1-3, 5 ", 19).unwrap(), vec![(1, 3), (5, 5)]);
        assert_eq!(
            parse_pages("2 – 4; 19", 19).unwrap(),
            vec![(2, 4), (19, 19)]
        );
        let j = req("1-3,5", 2).job(19).unwrap();
        assert_eq!(j.ranges_text(), "1-3,5");
        assert_eq!(j.sheets(19), 4);
        assert_eq!(j.printer.as_deref(), Some("Canon LBP2900"));
        assert_eq!(req("", 1).job(19).unwrap().sheets(19), 19);
    }

    #[test]
    fn wrong_pages_and_copies_are_refused_in_vietnamese() {
        for bad in ["a", "0", "3-1", "1-", ",", "1-2-3"] {
            let e = parse_pages(bad, 19).unwrap_err();
            assert!(
                e.message.contains("Hãy ghi số trang như 1-3, 5"),
                "{bad}: {e:?}"
            );
        }
        let e = parse_pages("18-20", 19).unwrap_err();
        assert!(e.message.contains("chỉ có 19 trang"), "{e:?}");
        assert!(req("", 0).job(19).unwrap_err().message.contains("Số bản"));
        assert!(req("", 100).job(19).is_err());
        assert!(req("", 1)
            .job(0)
            .unwrap_err()
            .message
            .contains("chưa có trang"));
    }

    #[test]
    fn the_outcome_names_the_printer_and_the_sheets() {
        let mut j = req("1-2", 3).job(19).unwrap();
        assert_eq!(
            j.sent_message(19),
            "Đã gửi 2 trang A4 đến máy in “Canon LBP2900”, 3 bản. Nếu giấy không ra, hãy xem máy in đã bật và còn giấy."
        );
        j.printer = None;
        assert!(j.sent_message(19).contains("máy in mặc định"));
    }
}
