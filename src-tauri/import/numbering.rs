//! The numbering words headings start with: "Phần thứ nhất", "I.", "1.", "1.1.", "a)", "*".
//!
//! Read by the outline (a heading's level comes from its numbering word), by the header and
//! closing readers (a numbered line is neither) and by the rejoin of split paragraphs (a
//! numbered line starts a paragraph of its own), so it sits below all of them.

/// The numbering word a heading starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Numbering {
    /// "Phần thứ nhất", "Phần I"; `opening` for "Phần mở đầu".
    Part { opening: bool },
    /// "I.", "II." (mục).
    Muc,
    /// "1." (khoản).
    Khoan,
    /// "1.1.", "5.3": the number of components (2 for "1.1.").
    Sub(usize),
    /// "a)" (điểm).
    Diem,
    /// "* Nguyên nhân khách quan:": an unnumbered heading marked with a star.
    Star,
}

const ORDINALS: [&str; 11] = [
    "nhất", "hai", "ba", "tư", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười",
];

/// The numbering word at the start of `text` and the title after it, or `None` when the text does
/// not start with one. The title must start with a capital (or a digit) for the numbered levels:
/// "2.95 km" or "1.845 tỷ" are figures, not headings.
pub(crate) fn numbering(text: &str) -> Option<(Numbering, &str)> {
    let t = text.trim_start();
    if let Some(found) = part(t) {
        return Some(found);
    }
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let first = chars.first()?.1;
    let capital_title = |rest: &str| {
        rest.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };

    // Star heading.
    if first == '*' {
        let rest = t[1..].trim_start();
        if capital_title(rest) {
            return Some((Numbering::Star, rest));
        }
        return None;
    }
    // Mục: Roman numeral, then "." or ")".
    let romans = chars
        .iter()
        .take_while(|(_, c)| "IVXL".contains(*c))
        .count();
    if romans > 0 && romans < chars.len() && matches!(chars[romans].1, '.' | ')') {
        let rest = t[chars[romans].0 + 1..].trim_start();
        if capital_title(rest) {
            return Some((Numbering::Muc, rest));
        }
        return None;
    }
    // Điểm: one lower-case letter, then ")".
    if (first.is_ascii_lowercase() || first == 'đ') && chars.get(1).map(|x| x.1) == Some(')') {
        let rest = t[chars[1].0 + 1..].trim_start();
        if !rest.is_empty() && chars.get(2).is_some_and(|x| x.1.is_whitespace()) {
            return Some((Numbering::Diem, rest));
        }
        return None;
    }
    // Khoản and sub-khoản: "1.", "1)", "1.1.", "1.1", components of one or two digits.
    let mut parts = 0usize;
    let mut i = 0usize;
    loop {
        let digits = chars[i..]
            .iter()
            .take_while(|(_, c)| c.is_ascii_digit())
            .count();
        if digits == 0 || digits > 2 {
            return None;
        }
        parts += 1;
        i += digits;
        let next = chars.get(i).map(|x| x.1);
        let after = chars.get(i + 1).map(|x| x.1);
        match (next, after) {
            (Some('.'), Some(c)) if c.is_ascii_digit() => i += 1,
            (Some('.') | Some(')'), None) => return None,
            (Some('.') | Some(')'), Some(c)) if c.is_whitespace() => {
                i += 1;
                break;
            }
            (Some(c), _) if c.is_whitespace() && parts >= 2 => break,
            _ => return None,
        }
    }
    let rest = t[chars.get(i).map_or(t.len(), |x| x.0)..].trim_start();
    if !capital_title(rest) {
        return None;
    }
    let n = if parts == 1 {
        Numbering::Khoan
    } else {
        Numbering::Sub(parts)
    };
    Some((n, rest))
}

/// "Phần thứ nhất", "PHẦN THỨ HAI:", "Phần I", "Phần mở đầu".
fn part(t: &str) -> Option<(Numbering, &str)> {
    let words: Vec<&str> = t.split_whitespace().take(3).collect();
    if words.first()?.to_lowercase() != "phần" {
        return None;
    }
    let clean = |w: &str| w.trim_end_matches([':', '.', ',', '-']).to_lowercase();
    let w1 = clean(words.get(1)?);
    let (n, used) = if w1 == "thứ" {
        let w2 = clean(words.get(2)?);
        if !ORDINALS.contains(&w2.as_str()) && !w2.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        (Numbering::Part { opening: false }, 3)
    } else if w1 == "mở" && words.get(2).map(|w| clean(w)) == Some("đầu".to_string()) {
        (Numbering::Part { opening: true }, 3)
    } else if !w1.is_empty()
        && (w1.chars().all(|c| c.is_ascii_digit()) || w1.chars().all(|c| "ivxl".contains(c)))
    {
        (Numbering::Part { opening: false }, 2)
    } else {
        return None;
    };
    let rest = after_words(t, used).trim_start_matches([':', '.', '-', '–', ' ']);
    Some((n, rest.trim()))
}

/// What follows the first `n` words of `t`.
fn after_words(t: &str, n: usize) -> &str {
    let mut rest = t.trim_start();
    for _ in 0..n {
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest
}

/// Every letter is a capital (and there is at least one).
pub(crate) fn is_upper(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_words() {
        let cases: [(&str, Option<(Numbering, &str)>); 16] = [
            (
                "Phần thứ nhất",
                Some((Numbering::Part { opening: false }, "")),
            ),
            (
                "PHẦN THỨ HAI: NHIỆM VỤ",
                Some((Numbering::Part { opening: false }, "NHIỆM VỤ")),
            ),
            ("Phần mở đầu", Some((Numbering::Part { opening: true }, ""))),
            ("Phần II", Some((Numbering::Part { opening: false }, ""))),
            ("I. HOẠT ĐỘNG", Some((Numbering::Muc, "HOẠT ĐỘNG"))),
            ("III.NHIỆM VỤ", Some((Numbering::Muc, "NHIỆM VỤ"))),
            ("10. Công tác", Some((Numbering::Khoan, "Công tác"))),
            ("1.1. Điều hành", Some((Numbering::Sub(2), "Điều hành"))),
            (
                "5.3 Lĩnh vực Y tế",
                Some((Numbering::Sub(2), "Lĩnh vực Y tế")),
            ),
            ("a) Về thu", Some((Numbering::Diem, "Về thu"))),
            ("* Nguyên nhân:", Some((Numbering::Star, "Nguyên nhân:"))),
            ("1.845 tỷ đồng", None),
            ("2.95 km", None),
            ("22/01/2026 triển khai", None),
            ("Việc chấp hành", None),
            ("Phần lớn hộ dân", None),
        ];
        for (text, want) in cases {
            assert_eq!(numbering(text), want, "{text}");
        }
    }
}
