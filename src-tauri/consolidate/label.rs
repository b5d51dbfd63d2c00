//! Keys under which labels, headers and unit names are compared.
//!
//! Thirty clerks type the same row thirty ways: "1. Hòa giải thành", "hoà giải  thành",
//! "HÒA GIẢI THÀNH:". The key is what stays when the ways differ: NFC, lower case, one space,
//! no leading STT ("1.", "1.2.", "II.", "a)", "-", "+"), no trailing punctuation, and every
//! syllable written in one tone-mark style (the "hòa"/"hoà" habits, through `text::viet`).

use crate::text::nfc;
use crate::text::viet::syllable::{restyle, ToneStyle};

/// The comparison key of a label: see the module's doc.
pub fn key(s: &str) -> String {
    let s = nfc(s).to_lowercase();
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for w in words {
        if start && is_stt(w) {
            continue;
        }
        start = false;
        let w = w.trim_end_matches([':', ';', '.', ',']);
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&restyle_word(w));
    }
    out
}

/// A word in the classic tone style; punctuation around it kept ("(hoà)" → "(hòa)").
fn restyle_word(w: &str) -> String {
    let begin = w.find(char::is_alphabetic);
    let end = w.rfind(char::is_alphabetic);
    match (begin, end) {
        (Some(b), Some(e)) => {
            let e = e + w[e..].chars().next().map_or(1, char::len_utf8);
            format!(
                "{}{}{}",
                &w[..b],
                restyle(&w[b..e], ToneStyle::Classic),
                &w[e..]
            )
        }
        _ => w.to_string(),
    }
}

/// Whether `w` is a leading number of a row or heading: "1.", "1.2.", "1)", "II.", "a)", "-",
/// "+", "*", "•". A bare number ("3") is not: "3 tổ dân phố" is a label.
pub fn is_stt(w: &str) -> bool {
    if matches!(w, "-" | "+" | "*" | "•" | "–" | "—") {
        return true;
    }
    let Some(body) = w.strip_suffix(['.', ')']) else {
        return false;
    };
    if body.is_empty() {
        return false;
    }
    let arabic = body.chars().all(|c| c.is_ascii_digit() || c == '.')
        && body.starts_with(|c: char| c.is_ascii_digit());
    let roman = body.len() <= 6 && body.chars().all(|c| "ivxlc".contains(c));
    let letter =
        w.ends_with(')') && body.chars().count() == 1 && body.chars().all(char::is_alphabetic);
    arabic || roman || letter
}

/// The key of a column header: [`key`] without a stated unit in brackets ("Thu ngân sách (triệu
/// đồng)" and "Thu ngân sách (đồng)" are the same column, converted by `cell::Money`).
pub fn header_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    key(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ways_clerks_type_one_label_share_a_key() {
        let k = key("Hòa giải thành");
        for typed in [
            "1. Hoà giải thành",
            "HÒA GIẢI  THÀNH:",
            "a) hòa giải thành",
            "II. Hoà giải thành.",
            "- Hòa giải thành",
            "1.2. Hòa  giải thành",
            "Hoa\u{0300} gia\u{309}i tha\u{300}nh",
        ] {
            assert_eq!(key(typed), k, "{typed}");
        }
        assert_ne!(key("3 tổ dân phố"), key("tổ dân phố"));
        assert_eq!(key("Thủy lợi"), key("Thuỷ lợi"));
    }

    #[test]
    fn a_header_key_leaves_the_stated_unit_out() {
        assert_eq!(
            header_key("Thu ngân sách (triệu đồng)"),
            header_key("Thu ngân sách (đồng)")
        );
        assert_eq!(header_key("Tỷ lệ (%)"), "tỷ lệ");
    }
}
