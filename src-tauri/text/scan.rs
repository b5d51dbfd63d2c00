//! Reading numbers and dates out of the narrative as offices write them: "12.707 hồ sơ",
//! "98,2%", "78/79 nhiệm vụ", "ngày 14/5/2026", "ngày 09 tháng 4 năm 2026", "số 105/KH-UBND".

use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a number in the text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumKind {
    /// A count or amount, with the word after it ("hồ sơ" → "hồ").
    Quantity { unit: String },
    /// "98,2%": the value and its number of decimals as written.
    Percent { decimals: u32 },
    /// "78/79": part of a whole.
    Fraction {
        part: Decimal,
        whole: Decimal,
        unit: String,
    },
    /// A date, a year, a document number, a range: never part of the arithmetic.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Num {
    pub start: usize,
    pub end: usize,
    pub value: Decimal,
    pub kind: NumKind,
}

/// The word (lower case) that ends `text` before byte `at`, skipping spaces.
pub fn word_before(text: &str, at: usize) -> String {
    let head = text[..at].trim_end();
    let start = head
        .char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    head[start..].to_lowercase()
}

/// The word (lower case) that starts `text` at byte `at`, skipping spaces.
pub fn word_after(text: &str, at: usize) -> String {
    let tail = text[at..].trim_start();
    let end = tail
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    tail[..end].to_lowercase()
}

/// Vietnamese reading of a digit run: dots group thousands, a comma marks decimals.
fn vi_value(s: &str) -> Option<Decimal> {
    let (int, frac) = s.split_once(',').unwrap_or((s, ""));
    let mut groups = int.split('.');
    let first = groups.next()?;
    let mut digits = first.to_string();
    let mut grouped = false;
    for g in groups {
        if g.len() != 3 || first.len() > 3 {
            return None;
        }
        grouped = true;
        digits.push_str(g);
    }
    if frac.contains(',') || frac.contains('.') || (grouped && first.is_empty()) {
        return None;
    }
    let text = if frac.is_empty() {
        digits
    } else {
        format!("{digits}.{frac}")
    };
    Decimal::from_str(&text).ok()
}

/// `text` in lower case with every character at the same byte offset: a character whose lower
/// case has another length (rare outside Vietnamese, e.g. "İ") is kept as it is, so that offsets
/// found in the lower case cut the original text on character boundaries.
pub fn lower_aligned(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(lc), None) if lc.len_utf8() == c.len_utf8() => s.push(lc),
            _ => s.push(c),
        }
    }
    s
}

/// Every number of `text`, classified.
pub fn numbers(text: &str) -> Vec<Num> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && prev_is_word(text, i)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut slashes = Vec::new();
        while i < b.len() {
            let c = b[i];
            let next_digit = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if c.is_ascii_digit() || ((c == b'.' || c == b',') && next_digit) {
                i += 1;
            } else if c == b'/' && next_digit {
                slashes.push(i);
                i += 1;
            } else {
                break;
            }
        }
        let end = i;
        let s = &text[start..end];
        let after = &text[end..];
        let before = word_before(text, start);
        // A document number ("105/KH-UBND", "57-NQ/TW"), a range ("2026-2031") or a code.
        let code = after.starts_with('/')
            || after.starts_with('-')
            || after.starts_with(|c: char| c.is_alphanumeric())
            || text[..start].ends_with('-')
            || text[..start].ends_with('/');
        let kind_value = if code || before == "khóa" {
            None
        } else if !slashes.is_empty() {
            fraction(text, s, end, &before)
        } else {
            vi_value(s).map(|v| {
                let pct = after.trim_start_matches([' ', '\u{a0}']).starts_with('%');
                let year_like = s.len() == 4 && (before == "năm" || before == "đến");
                if pct {
                    let decimals = s.split_once(',').map_or(0, |(_, f)| f.len() as u32);
                    (v, NumKind::Percent { decimals })
                } else if year_like {
                    (v, NumKind::Other)
                } else {
                    (
                        v,
                        NumKind::Quantity {
                            unit: word_after(text, end),
                        },
                    )
                }
            })
        };
        let (value, kind) = kind_value.unwrap_or((Decimal::ZERO, NumKind::Other));
        out.push(Num {
            start,
            end,
            value,
            kind,
        });
    }
    out
}

fn prev_is_word(text: &str, i: usize) -> bool {
    text[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric())
}

/// "78/79 nhiệm vụ" is a fraction; "14/5" after "ngày", "từ", "đến" is a date.
fn fraction(text: &str, s: &str, end: usize, before: &str) -> Option<(Decimal, NumKind)> {
    let parts: Vec<&str> = s.split('/').collect();
    if parts.len() != 2 || matches!(before, "ngày" | "từ" | "đến" | "và" | "tháng") {
        return None;
    }
    let part = vi_value(parts[0])?;
    let whole = vi_value(parts[1])?;
    let unit = word_after(text, end);
    if unit.is_empty() || part > whole || parts[1].len() == 4 {
        return None;
    }
    Some((part, NumKind::Fraction { part, whole, unit }))
}

/// A date written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    /// As written.
    pub text: String,
    /// `None` when the day does not exist (31/4/2026).
    pub date: Option<NaiveDate>,
}

/// Dates with a year: "14/5/2026", "14-5-2026", "ngày 09 tháng 4 năm 2026".
pub fn dates(text: &str) -> Vec<DateMention> {
    if ["tháng", "Tháng", "THÁNG"].iter().any(|t| text.contains(t)) {
        dates_in(text, &lower_aligned(text))
    } else {
        dates_in(text, "")
    }
}

/// [`dates`] with the text's lower case at hand (`""` when it has no spelled-out date).
pub fn dates_in(text: &str, lower: &str) -> Vec<DateMention> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && prev_is_word(text, i)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut fields = Vec::new();
        let mut sep = None;
        loop {
            let f0 = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            fields.push(&text[f0..i]);
            let s = b.get(i).copied();
            let more = b.get(i + 1).is_some_and(u8::is_ascii_digit);
            if fields.len() < 3
                && more
                && (s == Some(b'/') || s == Some(b'-') || s == Some(b'.'))
                && (sep.is_none() || sep == s)
            {
                sep = s;
                i += 1;
            } else {
                break;
            }
        }
        if fields.len() == 3
            && fields[0].len() <= 2
            && fields[1].len() <= 2
            && fields[2].len() == 4
            && sep != Some(b'.')
            && !b.get(i).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            let p = |s: &str| s.parse::<u32>().unwrap_or(0);
            let y = fields[2].parse::<i32>().unwrap_or(0);
            out.push(DateMention {
                start,
                end: i,
                text: text[start..i].to_string(),
                date: NaiveDate::from_ymd_opt(y, p(fields[1]), p(fields[0])),
            });
            continue;
        }
        if i == start {
            i += 1;
        }
    }
    // "ngày 09 tháng 4 năm 2026"
    if lower.len() == text.len() {
        let mut from = 0;
        while let Some(k) = lower[from..].find("ngày ") {
            let at = from + k;
            from = at + "ngày ".len();
            let rest = &lower[from..];
            let toks: Vec<&str> = rest.splitn(6, ' ').take(5).collect();
            if toks.len() < 5 || toks[1] != "tháng" || toks[3] != "năm" {
                continue;
            }
            let digits =
                |s: &str| -> String { s.chars().take_while(char::is_ascii_digit).collect() };
            let (dd, mm, yy) = (digits(toks[0]), digits(toks[2]), digits(toks[4]));
            if dd.is_empty() || dd.len() != toks[0].len() || mm.is_empty() || yy.len() != 4 {
                continue;
            }
            let end =
                from + toks[0].len() + toks[1].len() + toks[2].len() + toks[3].len() + yy.len() + 4;
            let (Ok(d), Ok(m), Ok(yv)) = (dd.parse::<u32>(), mm.parse::<u32>(), yy.parse::<i32>())
            else {
                continue;
            };
            out.push(DateMention {
                start: at,
                end,
                text: text[at..end].to_string(),
                date: NaiveDate::from_ymd_opt(yv, m, d),
            });
        }
    }
    out.sort_by_key(|d| d.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn numbers_are_read_the_vietnamese_way_and_codes_are_left_out() {
        let t = "Tổng 12.707 hồ sơ, đạt tỷ lệ 98,2%; đúng hạn 78/79 nhiệm vụ; Kế hoạch số 105/KH-UBND ngày 09/4/2026; năm 2026; nhiệm kỳ 2026-2031; Nghị quyết số 57-NQ/TW; 2,95 km";
        let ns = numbers(t);
        let q: Vec<(Decimal, NumKind)> = ns
            .iter()
            .filter(|n| n.kind != NumKind::Other)
            .map(|n| (n.value, n.kind.clone()))
            .collect();
        assert_eq!(
            q,
            vec![
                (
                    dec("12707"),
                    NumKind::Quantity {
                        unit: "hồ".into()
                    }
                ),
                (dec("98.2"), NumKind::Percent { decimals: 1 }),
                (
                    dec("78"),
                    NumKind::Fraction {
                        part: dec("78"),
                        whole: dec("79"),
                        unit: "nhiệm".into()
                    }
                ),
                (dec("2.95"), NumKind::Quantity { unit: "km".into() }),
            ]
        );
    }

    #[test]
    fn dates_in_both_forms() {
        let t = "Kế hoạch số 105/KH-UBND ngày 09/4/2026; từ ngày 07/4 đến 13/4; ban hành ngày 05 tháng 01 năm 2026; ngày 31/4/2026; 2026-2031";
        let ds = dates(t);
        let got: Vec<(&str, Option<NaiveDate>)> =
            ds.iter().map(|d| (d.text.as_str(), d.date)).collect();
        assert_eq!(
            got,
            vec![
                ("09/4/2026", NaiveDate::from_ymd_opt(2026, 4, 9)),
                (
                    "ngày 05 tháng 01 năm 2026",
                    NaiveDate::from_ymd_opt(2026, 1, 5)
                ),
                ("31/4/2026", None),
            ]
        );
    }
}
