//! The bảng kê: one CSV line per summed cell, `bảng,hàng,cột,tổng,số đơn vị,chi tiết`, for the
//! clerk who checks a total in Excel. `tổng` is a plain decimal with a point (what a spreadsheet
//! reads in any locale when imported as text); `chi tiết` lists `đơn vị=giá trị` joined by "; ".
//! The file starts with a UTF-8 BOM, without which Excel reads the Vietnamese as Latin-1.

use super::Summed;

pub const HEADER: &str = "bảng,hàng,cột,tổng,số đơn vị,chi tiết";

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The bảng kê of `cells`, BOM first, lines ended by CRLF (Excel's own).
pub fn csv(cells: &[Summed]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for c in cells {
        let detail = c
            .sources
            .iter()
            .map(|s| format!("{}={}", s.unit, s.value.normalize()))
            .collect::<Vec<_>>()
            .join("; ");
        let line = [
            field(&c.table),
            field(&c.row),
            field(&c.column),
            c.total
                .map(|t| t.normalize().to_string())
                .unwrap_or_default(),
            c.sources.len().to_string(),
            field(&detail),
        ]
        .join(",");
        out.push_str(&line);
        out.push_str("\r\n");
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::consolidate::{Place, Source};
    use rust_decimal::Decimal;

    #[test]
    fn a_line_per_cell_with_its_sources() {
        let src = |u: &str, v: i64| Source {
            unit: u.into(),
            file: format!("{u}.json"),
            value: Decimal::new(v, 1),
            typed: String::new(),
        };
        let cells = vec![Summed {
            place: Place::Cell {
                table: 0,
                row: 1,
                col: 2,
            },
            table: "Bảng 1 (Kết quả)".into(),
            row: "Hòa giải, thành".into(),
            column: "Số vụ".into(),
            total: Some(Decimal::new(12345, 1)),
            sources: vec![src("Tổ 1", 12000), src("Tổ 2", 345)],
            ratio_of: None,
        }];
        let text = String::from_utf8(csv(&cells)).unwrap();
        assert!(text.starts_with("\u{feff}bảng,hàng,cột,tổng,số đơn vị,chi tiết\r\n"));
        assert!(
            text.contains(
                "Bảng 1 (Kết quả),\"Hòa giải, thành\",Số vụ,1234.5,2,Tổ 1=1200; Tổ 2=34.5\r\n"
            ),
            "{text}"
        );
    }
}
