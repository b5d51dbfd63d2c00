//! The report file: a report wrapped in a small envelope that names the format and its version.
//!
//! ```json
//! { "format": "baocao-report", "version": 3, "report": { … } }
//! ```
//! Files of a newer version are refused with a message that says to update the app; every text
//! that comes in is NFC-normalised, so that a report typed with a decomposing keyboard searches
//! and prints like any other.

use serde::{Deserialize, Serialize};

use super::Report;
use crate::error::{Error, Result};

pub const FORMAT: &str = "baocao-report";
/// The version this app writes; it reads every version up to it.
///
/// - 1: the first format.
/// - 2: the report gained `ignored_words` (the spelling findings the user set aside) and the
///   layout settings `kinh_gui_one`, `muc_indent`, `khoan_indent`, `diem_indent`; numbers that
///   size something are clamped on reading. All are optional: a version 1 file reads as it was
///   written, while an older app refuses a version 2 file rather than drop what it cannot keep.
/// - 3: tables gained merged cells (`spans`) and a kept-summed total row (`total_row`), both
///   optional; an older app would print a merged header as separate boxes, so it refuses.
pub const VERSION: u32 = 3;
/// Larger files are refused before parsing: a real report is well under 1 MB.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct Envelope<R> {
    format: String,
    version: u32,
    report: R,
}

/// The report as the JSON text of a report file.
pub fn to_json(report: &Report) -> String {
    let env = Envelope {
        format: FORMAT.to_string(),
        version: VERSION,
        report,
    };
    // Serialising plain data with string keys cannot fail.
    serde_json::to_string_pretty(&env).unwrap_or_default()
}

/// Reads a report file, checking format and version, and NFC-normalises every text in it.
pub fn from_json(bytes: &[u8]) -> Result<Report> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Error::input(format!(
            "Tệp quá lớn để là một báo cáo (trên {} MB). Hãy chọn đúng tệp báo cáo .json.",
            MAX_FILE_BYTES >> 20
        )));
    }
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|_| {
        Error::input("Tệp không phải là tệp báo cáo (.json) của Báo cáo hoặc đã bị hỏng. Hãy chọn tệp .json do Báo cáo lưu ra, hoặc tệp văn bản/Markdown để nhập.")
    })?;
    let format = value.get("format").and_then(|v| v.as_str()).unwrap_or("");
    if format != FORMAT {
        return Err(Error::input(
            "Tệp JSON này không phải là báo cáo của Báo cáo. Hãy chọn tệp .json do Báo cáo lưu ra.",
        ));
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version == 0 {
        return Err(Error::input("Tệp báo cáo thiếu số phiên bản định dạng nên không đọc được. Hãy lưu lại tệp từ Báo cáo."));
    }
    if version > VERSION as u64 {
        return Err(Error::input(format!(
            "Tệp báo cáo được lưu bằng phiên bản Báo cáo mới hơn (định dạng {version}). Hãy cập nhật Báo cáo rồi mở lại."
        )));
    }
    let report = value
        .get("report")
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    let mut report: Report = serde_json::from_value(report).map_err(|e| {
        Error::input(format!(
            "Tệp báo cáo có nội dung không hợp lệ ({e}). Hãy mở tệp bằng Báo cáo phiên bản đã lưu nó, hoặc nhập lại từ văn bản."
        ))
    })?;
    report.normalize();
    Ok(report)
}

impl Report {
    /// NFC-normalises every text of the report in place and brings every number that sizes
    /// something into range ([`Report::clamp_sizes`]).
    pub fn normalize(&mut self) {
        let json = serde_json::to_value(&*self).unwrap_or(serde_json::Value::Null);
        let json = nfc_value(json);
        if let Ok(r) = serde_json::from_value::<Report>(json) {
            *self = r;
        }
        self.clamp_sizes();
    }
}

impl super::Section {
    /// NFC-normalises every text of the section in place (what [`Report::normalize`] does, for
    /// the one section the window sends while the user types in it).
    pub fn normalize(&mut self) {
        let json = serde_json::to_value(&*self).unwrap_or(serde_json::Value::Null);
        if let Ok(s) = serde_json::from_value(nfc_value(json)) {
            *self = s;
        }
    }
}

fn nfc_value(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::String(s) => Value::String(crate::text::nfc(&s)),
        Value::Array(a) => Value::Array(a.into_iter().map(nfc_value).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, nfc_value(v))).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_nfc() {
        // "Hòa" with a combining grave accent (NFD), as some keyboards send it.
        let r = Report {
            trich_yeu: "Ho\u{0300}a".to_string(),
            ..Report::default()
        };
        let back = from_json(to_json(&r).as_bytes()).unwrap();
        assert_eq!(back.trich_yeu, "H\u{00f2}a");
    }

    #[test]
    fn foreign_and_newer_files_are_refused_in_vietnamese() {
        assert!(from_json(b"\x00\x01garbage")
            .unwrap_err()
            .message
            .starts_with("Tệp không phải"));
        assert!(from_json(br#"{"a":1}"#)
            .unwrap_err()
            .message
            .contains("không phải là báo cáo"));
        let newer = br#"{"format":"baocao-report","version":99,"report":{}}"#;
        assert!(from_json(newer).unwrap_err().message.contains("mới hơn"));
    }

    #[test]
    fn numbers_that_size_something_are_clamped_when_a_file_is_read() {
        // A crafted file: four billion decimals made the app build a 4 GB string on every open;
        // a billion header rows and a width of 1e38 sized the table.
        let json = r#"{"format":"baocao-report","version":1,"report":{
            "number_format":{"percent_decimals":4000000000,"decimals":4000000000,
                             "money":"mixed","money_decimals":4000000000},
            "settings":{"body_pt":1e30,"line_spacing":-5},
            "intro":[{"type":"table","header_rows":1000000000,"widths":[1e38,1],
                      "rows":[[[{"text":"a"}],[{"text":"b"}]],[[{"text":"c"}],[{"text":"d"}]]]}]}}"#;
        let r = from_json(json.as_bytes()).unwrap();
        let f = r.number_format;
        assert_eq!(
            (f.percent_decimals, f.decimals, f.money_decimals),
            (3, 4, 3)
        );
        assert_eq!((r.settings.body_pt, r.settings.line_spacing), (14.0, 1.0));
        let crate::model::Block::Table(t) = &r.intro[0] else {
            panic!("{:?}", r.intro)
        };
        assert_eq!(t.header_rows, 2, "no more header rows than rows");
        assert!(t.widths.is_empty(), "{:?}", t.widths);
    }

    #[test]
    fn a_version_1_file_reads_and_is_written_again_as_version_3() {
        let v1 = r#"{"format":"baocao-report","version":1,"report":{"trich_yeu":"Kết quả"}}"#;
        let r = from_json(v1.as_bytes()).unwrap();
        assert_eq!(r.trich_yeu, "Kết quả");
        assert!(r.ignored_words.is_empty());
        assert_eq!(r.settings, crate::model::LayoutSettings::default());
        let again = to_json(&r);
        assert!(again.contains("\"version\": 3"), "{again}");
        assert_eq!(from_json(again.as_bytes()).unwrap(), r);
    }

    #[test]
    fn merged_cells_round_trip_and_bad_ones_are_dropped() {
        // Version 2 file: no spans, no total row; reads as it was.
        let v2 = r#"{"format":"baocao-report","version":2,"report":{"intro":[{"type":"table",
            "header_rows":1,"rows":[[[{"text":"a"}],[{"text":"b"}]]]}]}}"#;
        let r = from_json(v2.as_bytes()).unwrap();
        let crate::model::Block::Table(t) = &r.intro[0] else {
            panic!()
        };
        assert!(t.spans.is_empty() && !t.total_row);
        assert!(
            !to_json(&r).contains("spans"),
            "empty spans are not written"
        );
        // Version 3: one good span, one out of the grid, one overlapping, one of a single
        // cell, one crossing from the header into the body, one with absurd numbers.
        let v3 = r#"{"format":"baocao-report","version":3,"report":{"intro":[{"type":"table",
            "header_rows":2,"total_row":true,
            "spans":[{"row":0,"col":0,"rows":2,"cols":1},{"row":0,"col":2,"rows":1,"cols":5},
                     {"row":1,"col":0,"rows":1,"cols":2},{"row":2,"col":1,"rows":1,"cols":1},
                     {"row":1,"col":2,"rows":2,"cols":1},
                     {"row":4294967295,"col":4294967295,"rows":4294967295,"cols":4294967295},
                     {"row":0,"col":1,"rows":1,"cols":2}],
            "rows":[[[{"text":"TT"}],[{"text":"Kết quả"}],[]],
                    [[],[{"text":"Đúng hạn"}],[{"text":"Quá hạn"}]],
                    [[{"text":"1"}],[{"text":"3"}],[{"text":"4"}]]]}]}}"#;
        let r = from_json(v3.as_bytes()).unwrap();
        let crate::model::Block::Table(t) = &r.intro[0] else {
            panic!()
        };
        use crate::model::CellSpan;
        assert_eq!(
            t.spans,
            vec![CellSpan::new(0, 0, 2, 1), CellSpan::new(0, 1, 1, 2),]
        );
        assert!(t.total_row);
        assert_eq!(from_json(to_json(&r).as_bytes()).unwrap(), r);
        assert_eq!(t.span_at(1, 0), Some(&t.spans[0]));
        assert_eq!(t.span_at(0, 2), Some(&t.spans[1]));
        assert_eq!(t.span_at(2, 2), None);
    }
}
