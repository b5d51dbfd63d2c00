//! What a unit typed in a cell, read as a number, and the money unit a header states.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::figures::format;

/// A cell read for summing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Blank: the unit did not report it (not counted as zero, not counted as a unit).
    Blank,
    /// A number; "-" is zero, as the forms use it.
    Number(Decimal),
    /// Text that is no number ("x", "đạt", "chưa có"): not added, reported.
    Text(String),
}

/// Reads a cell as units type them: "1.234", "1.234,5", "1 234", "12,5%", "-" (zero), blank.
pub fn read(text: &str) -> Cell {
    let t = text.trim();
    if t.is_empty() {
        return Cell::Blank;
    }
    if matches!(t, "-" | "–" | "—" | "0") {
        return Cell::Number(Decimal::ZERO);
    }
    match format::parse(t) {
        Ok(p) => Cell::Number(p.value),
        Err(_) => Cell::Text(t.to_string()),
    }
}

/// The decimals a typed number shows ("98,25" → 2, "1.234" → 0): how finely a unit rounded its
/// percentages, which is the tolerance a recomputed ratio is checked against.
pub fn decimals_typed(text: &str) -> u32 {
    let t = text.trim().trim_end_matches('%').trim();
    match t.rsplit_once(',') {
        Some((_, f)) if f.chars().all(|c| c.is_ascii_digit()) => f.len() as u32,
        _ => match t.rsplit_once('.') {
            Some((_, f)) if f.len() != 3 && f.chars().all(|c| c.is_ascii_digit()) => f.len() as u32,
            _ => 0,
        },
    }
}

/// A money unit: how many đồng one of it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Money {
    pub dong: i64,
}

impl Money {
    /// The unit's name as forms write it.
    pub fn name(self) -> &'static str {
        match self.dong {
            1_000_000_000 => "tỷ đồng",
            1_000_000 => "triệu đồng",
            1_000 => "nghìn đồng",
            _ => "đồng",
        }
    }

    /// The factor from `self` to `to`: a value in `self` times it is the value in `to`.
    pub fn factor_to(self, to: Money) -> Decimal {
        Decimal::from(self.dong) / Decimal::from(to.dong)
    }
}

/// The money unit named by `s` alone ("triệu đồng", "Tr.đ", "VNĐ"), if it is one.
pub fn money_named(s: &str) -> Option<Money> {
    let k = s
        .trim()
        .trim_matches(|c: char| c == '(' || c == ')' || c == ':' || c == '.')
        .trim()
        .to_lowercase();
    let dong = match k.as_str() {
        "đồng" | "vnđ" | "vnd" | "đ" => 1,
        "nghìn đồng" | "ngàn đồng" | "1.000 đồng" | "nghìn đ" => 1_000,
        "triệu đồng" | "triệu" | "tr.đ" | "trđ" | "tr đồng" => 1_000_000,
        "tỷ đồng" | "tỉ đồng" | "tỷ" => 1_000_000_000,
        _ => return None,
    };
    Some(Money { dong })
}

/// The money unit a header or caption states: in brackets ("Thu ngân sách (triệu đồng)") or after
/// "Đơn vị tính:"/"ĐVT:" ("Đơn vị tính: triệu đồng").
pub fn money_stated(s: &str) -> Option<Money> {
    let lower = crate::text::nfc(s).to_lowercase();
    for marker in ["đơn vị tính:", "đvt:", "đơn vị:"] {
        if let Some(at) = lower.find(marker) {
            let rest = &lower[at + marker.len()..];
            let rest = rest.split([';', ')', '\n']).next().unwrap_or("");
            if let Some(m) = money_named(rest) {
                return Some(m);
            }
        }
    }
    let mut rest = lower.as_str();
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let close = after.find(')').unwrap_or(after.len());
        if let Some(m) = money_named(&after[..close]) {
            return Some(m);
        }
        rest = &after[close.min(after.len())..];
    }
    None
}

/// A decimal from a plain number with a point ("1234.5"), as spreadsheets store them.
pub fn plain(s: &str) -> Option<Decimal> {
    Decimal::from_str(s.trim()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> Cell {
        Cell::Number(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn cells_are_read_the_way_units_type_them() {
        assert_eq!(read("1.234"), n("1234"));
        assert_eq!(read("1.234,5"), n("1234.5"));
        assert_eq!(read("1 234"), n("1234"));
        assert_eq!(read("1\u{a0}234"), n("1234"));
        assert_eq!(read("98,5%"), n("98.5"));
        assert_eq!(read(""), Cell::Blank);
        assert_eq!(read("  "), Cell::Blank);
        assert_eq!(read("-"), n("0"));
        assert_eq!(read("x"), Cell::Text("x".into()));
        assert_eq!(decimals_typed("98,25"), 2);
        assert_eq!(decimals_typed("1.234"), 0);
        assert_eq!(decimals_typed("97.5"), 1);
    }

    #[test]
    fn money_units_are_found_in_headers_and_captions() {
        assert_eq!(
            money_stated("Thu ngân sách (triệu đồng)").map(Money::name),
            Some("triệu đồng")
        );
        assert_eq!(
            money_stated("Đơn vị tính: Đồng").map(Money::name),
            Some("đồng")
        );
        assert_eq!(money_stated("Số hộ (hộ)"), None);
        assert_eq!(money_stated("Hội đồng nhân dân"), None);
        let f = Money { dong: 1 }.factor_to(Money { dong: 1_000_000 });
        assert_eq!(
            Decimal::from(2_500_000) * f,
            Decimal::from_str("2.5").unwrap()
        );
    }
}
