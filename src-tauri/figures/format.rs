//! Vietnamese number writing and reading, as ward offices write numbers.
//!
//! Thousands are grouped with dots and decimals follow a comma ("12.707", "98,2"), percentages
//! stick to their number ("98,2%"), and money is written either in the mixed form the reports
//! use ("1.845 tỷ 127 triệu đồng", "490,5 triệu đồng") or in full ("1.845.127.000.000 đồng").
//! Rounding is half-up (away from zero at .5), as taught in school and as Excel rounds, so that
//! the figure in the report matches the one on the department's spreadsheet.

use rust_decimal::prelude::*;

use crate::error::{Error, Result};
pub use crate::model::number_format::{MoneyStyle, NumberFormat};

/// The most decimals a `Decimal` can hold. Asking [`number`] for more would only pad zeros, and a
/// count from a damaged file (four billion) would make a string of that many bytes.
const MAX_SCALE: u32 = 28;

/// Rounds half-up (2,45 → 2,5; -2,45 → -2,5) to `decimals` places.
pub fn round(d: Decimal, decimals: u32) -> Decimal {
    d.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
}

/// "12707" → "12.707": dots between groups of three digits.
fn group(int_digits: &str) -> String {
    let n = int_digits.len();
    let mut s = String::with_capacity(n + n / 3);
    for (i, c) in int_digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            s.push('.');
        }
        s.push(c);
    }
    s
}

/// Writes `d` rounded half-up to exactly `decimals` places: 12707 → "12.707", 98.16 (1) → "98,2",
/// 4.03 (1) → "4,0".
pub fn number(d: Decimal, decimals: u32) -> String {
    let decimals = decimals.min(MAX_SCALE);
    let r = round(d, decimals);
    let mut s = String::new();
    if r.is_sign_negative() && !r.is_zero() {
        s.push('-');
    }
    // Not `format!("{:.N}")`: rust_decimal writes that into a 32-character buffer and panics
    // when the digits and the decimals asked for do not fit (29 digits with 3 decimals). Its
    // plain form always fits; rounding left at most `decimals` places, the rest are zeros.
    let text = r.abs().to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, f),
        None => (text.as_str(), ""),
    };
    s.push_str(&group(int));
    if decimals > 0 {
        s.push(',');
        s.push_str(frac);
        for _ in frac.len()..decimals as usize {
            s.push('0');
        }
    }
    s
}

/// Writes `d` with at most `max_decimals` places and no trailing zeros: 2.950 → "2,95",
/// 12707 → "12.707", 490.50 → "490,5".
pub fn number_trimmed(d: Decimal, max_decimals: u32) -> String {
    let r = round(d, max_decimals).normalize();
    number(r, r.scale())
}

/// "98,2%" (the percent sign sticks to the number, as in the reports).
pub fn percent(d: Decimal, decimals: u32) -> String {
    format!("{}%", number(d, decimals))
}

const TY: i64 = 1_000_000_000;
const TRIEU: i64 = 1_000_000;

/// Money in đồng, in the report's chosen style.
///
/// Mixed: whole tỷ then whole triệu ("1.845 tỷ 127 triệu đồng"); below one tỷ, triệu with up to
/// `money_decimals` places ("490,5 triệu đồng"); below one triệu, in full ("500.000 đồng").
pub fn money(d: Decimal, fmt: &NumberFormat) -> String {
    if fmt.money == MoneyStyle::Full {
        return format!("{} đồng", number(d, 0));
    }
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    let a = d.abs();
    let ty = Decimal::from(TY);
    let trieu = Decimal::from(TRIEU);
    if a >= ty {
        // Whole triệu, half-up, then split; 999,6 triệu carries into the next tỷ.
        let total_trieu = round(a / trieu, 0);
        let thousand = Decimal::from(1000);
        let whole_ty = (total_trieu / thousand).trunc();
        let rest = total_trieu - whole_ty * thousand;
        if rest.is_zero() {
            format!("{sign}{} tỷ đồng", number(whole_ty, 0))
        } else {
            format!(
                "{sign}{} tỷ {} triệu đồng",
                number(whole_ty, 0),
                number(rest, 0)
            )
        }
    } else if a >= trieu {
        let m = round(a / trieu, fmt.money_decimals);
        if m >= Decimal::from(1000) {
            return format!("{sign}1 tỷ đồng");
        }
        format!("{sign}{} triệu đồng", number_trimmed(m, fmt.money_decimals))
    } else {
        format!("{sign}{} đồng", number(a, 0))
    }
}

/// True when a unit names money in đồng (the mixed form applies).
pub fn is_money_unit(unit: &str) -> bool {
    let u = unit.trim().to_lowercase();
    u == "đồng" || u == "vnđ" || u == "vnd" || u == "đ"
}

/// A number read from what the user typed, with a note when the reading was a guess.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    pub value: Decimal,
    /// Vietnamese, shown beside the field: how an ambiguous input was read and how to type it
    /// unambiguously.
    pub note: Option<String>,
}

/// Reads a number as people type it.
///
/// Rules, in order:
/// - spaces (also non-breaking) between digit groups and a trailing "%" are ignored;
/// - with both "." and ",", the one that comes last is the decimal mark and the other must group
///   thousands ("1.845,5", "1,845.5");
/// - several dots or several commas group thousands ("1.845.127.000.000", "1,845,127");
/// - one dot followed by exactly three digits ("1.845") is read the Vietnamese way, as thousands
///   (1845), with a note; with any other number of digits ("98.2") it is a decimal point;
/// - one comma is the Vietnamese decimal mark ("98,2"); before exactly three digits ("1,845")
///   it is read as a decimal too, with a note.
pub fn parse(input: &str) -> Result<Parsed> {
    let shown = input.trim();
    let s: String = shown
        .trim_end_matches('%')
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if s.is_empty() {
        return Err(Error::input(
            "Chưa nhập số. Hãy gõ một số, ví dụ 12.707 hoặc 98,2.",
        ));
    }
    let (neg, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(&s)),
    };
    if body.is_empty()
        || !body
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return Err(Error::input(format!(
            "“{shown}” không phải là một số. Chỉ gõ chữ số, dấu chấm ngăn hàng nghìn và dấu phẩy thập phân, ví dụ 1.845.127 hoặc 98,2."
        )));
    }
    let dots = body.matches('.').count();
    let commas = body.matches(',').count();
    let mut note = None;
    let (int_part, frac_part, sep): (String, String, Option<char>) = if dots > 0 && commas > 0 {
        let last_dot = body.rfind('.').unwrap_or(0);
        let last_comma = body.rfind(',').unwrap_or(0);
        let (dec, thou) = if last_comma > last_dot {
            (',', '.')
        } else {
            ('.', ',')
        };
        if body.matches(dec).count() > 1 {
            return Err(bad_grouping(shown));
        }
        let (i, f) = body.split_once(dec).unwrap_or((body, ""));
        (check_groups(i, thou, shown)?, f.to_string(), Some(dec))
    } else if dots > 1 || commas > 1 {
        let thou = if dots > 1 { '.' } else { ',' };
        (check_groups(body, thou, shown)?, String::new(), None)
    } else if dots == 1 {
        let (i, f) = body.split_once('.').unwrap_or((body, ""));
        if f.len() == 3 && !i.is_empty() && i != "0" {
            note = Some(format!(
                "Đã hiểu “{shown}” là {} (dấu chấm ngăn cách hàng nghìn). Nếu là số thập phân, hãy gõ dấu phẩy: {i},{f}.",
                group(format!("{i}{f}").trim_start_matches('0'))
            ));
            (format!("{i}{f}"), String::new(), None)
        } else {
            (i.to_string(), f.to_string(), Some('.'))
        }
    } else if commas == 1 {
        let (i, f) = body.split_once(',').unwrap_or((body, ""));
        if f.len() == 3 && !i.is_empty() && i != "0" {
            note = Some(format!(
                "Đã hiểu “{shown}” là số thập phân {i},{f} (dấu phẩy là dấu thập phân). Nếu là {}, hãy gõ dấu chấm: {i}.{f}.",
                group(&format!("{i}{f}"))
            ));
        }
        (i.to_string(), f.to_string(), Some(','))
    } else {
        (body.to_string(), String::new(), None)
    };
    if int_part.is_empty() || (sep.is_some() && frac_part.is_empty()) {
        return Err(Error::input(format!(
            "“{shown}” thiếu chữ số trước hoặc sau dấu thập phân. Hãy gõ đủ, ví dụ 0,5 hoặc 98,2."
        )));
    }
    let text = if frac_part.is_empty() {
        int_part
    } else {
        format!("{int_part}.{frac_part}")
    };
    let value = Decimal::from_str(&text).map_err(|_| {
        Error::input(format!(
            "“{shown}” quá lớn hoặc có quá nhiều chữ số thập phân. Hãy kiểm tra lại số."
        ))
    })?;
    Ok(Parsed {
        value: if neg { -value } else { value },
        note,
    })
}

fn bad_grouping(shown: &str) -> Error {
    Error::input(format!(
        "“{shown}” có dấu ngăn cách không đúng chỗ. Hãy gõ dấu chấm sau mỗi ba chữ số tính từ phải sang (1.845.127) và dấu phẩy trước phần thập phân (98,2), hoặc gõ liền không dấu."
    ))
}

/// "1.845.127" with `sep` = '.' → "1845127"; groups after the first must have three digits.
fn check_groups(s: &str, sep: char, shown: &str) -> Result<String> {
    let mut parts = s.split(sep);
    let first = parts.next().unwrap_or("");
    if first.is_empty() || first.len() > 3 {
        return Err(bad_grouping(shown));
    }
    let mut out = first.to_string();
    for p in parts {
        if p.len() != 3 {
            return Err(bad_grouping(shown));
        }
        out.push_str(p);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_are_written_with_dots_and_a_decimal_comma() {
        let cases = [
            ("12707", 0, "12.707"),
            ("1845127000000", 0, "1.845.127.000.000"),
            ("125716", 0, "125.716"),
            ("999", 0, "999"),
            ("1000", 0, "1.000"),
            ("0", 0, "0"),
            ("98.16", 1, "98,2"),
            ("4.03", 1, "4,0"),
            ("2.45", 1, "2,5"),
            ("2.449", 1, "2,4"),
            ("-2.45", 1, "-2,5"),
            ("-0.04", 1, "0,0"),
            ("1234.5", 2, "1.234,50"),
            ("0.5", 0, "1"),
            ("1999.95", 1, "2.000,0"),
        ];
        for (v, dec, want) in cases {
            assert_eq!(number(d(v), dec), want, "{v} with {dec} decimals");
        }
    }

    #[test]
    fn a_huge_count_of_decimals_stops_at_what_a_decimal_holds() {
        // Any caller, not only the report's clamped format (the window sends its own): four
        // billion decimals must not build a 4 GB string.
        assert_eq!(
            number(d("1.5"), 4_000_000_000),
            format!("1,5{}", "0".repeat(27))
        );
        assert_eq!(percent(d("98.2"), u32::MAX).len(), "98,".len() + 28 + 1);
    }

    #[test]
    fn the_largest_values_are_written_with_their_decimals() {
        // Found by fuzzing the report file: a 29-digit value as a percentage panicked inside
        // rust_decimal's own formatting.
        assert_eq!(
            percent(Decimal::MAX, 3),
            "79.228.162.514.264.337.593.543.950.335,000%"
        );
        assert_eq!(
            number(Decimal::MIN, 1),
            "-79.228.162.514.264.337.593.543.950.335,0"
        );
        assert_eq!(number(d("0.0000000000000000000000000001"), 28).len(), 30);
    }

    #[test]
    fn trimmed_numbers_drop_trailing_zeros() {
        let cases = [
            ("2.950", 2, "2,95"),
            ("490.50", 1, "490,5"),
            ("12707.00", 2, "12.707"),
            ("0.125", 2, "0,13"),
        ];
        for (v, dec, want) in cases {
            assert_eq!(number_trimmed(d(v), dec), want);
        }
    }

    #[test]
    fn percentages() {
        assert_eq!(percent(d("98.158"), 1), "98,2%");
        assert_eq!(percent(d("4.0293"), 1), "4,0%");
        assert_eq!(percent(d("59.81"), 0), "60%");
        assert_eq!(percent(d("100"), 1), "100,0%");
    }

    #[test]
    fn money_in_mixed_and_full_form() {
        let mixed = NumberFormat::default();
        let full = NumberFormat {
            money: MoneyStyle::Full,
            ..NumberFormat::default()
        };
        let cases = [
            (
                "1845127000000",
                "1.845 tỷ 127 triệu đồng",
                "1.845.127.000.000 đồng",
            ),
            (
                "400214000000",
                "400 tỷ 214 triệu đồng",
                "400.214.000.000 đồng",
            ),
            ("490500000", "490,5 triệu đồng", "490.500.000 đồng"),
            ("490000000", "490 triệu đồng", "490.000.000 đồng"),
            ("2000000000", "2 tỷ đồng", "2.000.000.000 đồng"),
            // 127,6 triệu rounds half-up to 128 triệu; 999,5 triệu carries into the next tỷ.
            (
                "1845127600000",
                "1.845 tỷ 128 triệu đồng",
                "1.845.127.600.000 đồng",
            ),
            ("1999500000", "2 tỷ đồng", "1.999.500.000 đồng"),
            ("999960000", "1 tỷ đồng", "999.960.000 đồng"),
            ("500000", "500.000 đồng", "500.000 đồng"),
            ("-490500000", "-490,5 triệu đồng", "-490.500.000 đồng"),
        ];
        for (v, m, f) in cases {
            assert_eq!(money(d(v), &mixed), m, "mixed {v}");
            assert_eq!(money(d(v), &full), f, "full {v}");
        }
    }

    #[test]
    fn parsing_what_people_type() {
        let ok = [
            ("1.845.127.000.000", "1845127000000", false),
            ("1845127000000", "1845127000000", false),
            ("98,2", "98.2", false),
            ("98.2", "98.2", false),
            ("98,2%", "98.2", false),
            (" 12 707 ", "12707", false),
            ("1.845,5", "1845.5", false),
            ("1,845.5", "1845.5", false),
            ("1,845,127", "1845127", false),
            ("-3,5", "-3.5", false),
            ("0.125", "0.125", false),
            ("1.845", "1845", true),
            ("1,845", "1.845", true),
        ];
        for (input, want, noted) in ok {
            let p = parse(input).unwrap_or_else(|e| panic!("{input}: {}", e.message));
            assert_eq!(p.value, d(want), "{input}");
            assert_eq!(p.note.is_some(), noted, "{input}: {:?}", p.note);
        }
        let n = parse("1.845").unwrap().note.unwrap();
        assert!(n.contains("1.845") && n.contains("1,845"), "{n}");
    }

    #[test]
    fn wrong_inputs_are_refused_in_vietnamese() {
        let bad = [
            ("", "Chưa nhập số"),
            ("abc", "không phải là một số"),
            ("12 hồ sơ", "không phải là một số"),
            ("1.84.5", "dấu ngăn cách không đúng chỗ"),
            ("1.845.12", "dấu ngăn cách không đúng chỗ"),
            ("1.845,5,2", "dấu ngăn cách không đúng chỗ"),
            ("12345.678.901", "dấu ngăn cách không đúng chỗ"),
            ("98,", "thiếu chữ số"),
            ("-", "không phải là một số"),
        ];
        for (input, msg) in bad {
            let e = parse(input).expect_err(input);
            assert!(e.message.contains(msg), "{input}: {}", e.message);
        }
    }
}
