//! Heading numbers derived from the outline: "Phần thứ nhất", "I.", "1.", "1.1.", "a)".
//!
//! Nghị định 30/2020 structures a long text as phần / mục / khoản / điểm. Nothing here is typed by
//! the user: a section's number follows from its place among its siblings, so moving or deleting
//! a section renumbers everything after it. Sections labelled [`Label::None`] or
//! [`Label::Custom`] are skipped by the count ("Phần mở đầu" does not make the next part
//! "Phần thứ hai").

use serde::{Deserialize, Serialize};

use super::{Label, Section};

/// The level of a heading, which decides its number style and its typography.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// "Phần thứ nhất" on its own line, the title on the next; both centred, bold.
    Part,
    /// "I. TITLE": Roman numeral, upper case, bold.
    Muc,
    /// "1. Title": bold.
    Khoan,
    /// "1.1. Title": bold italic.
    SubKhoan,
    /// "a) Title": upright.
    Diem,
    /// "- Title": anything deeper.
    Dash,
}

impl Level {
    /// The level of the headings inside a heading of this level.
    pub fn child(self) -> Level {
        match self {
            Level::Part => Level::Muc,
            Level::Muc => Level::Khoan,
            Level::Khoan => Level::SubKhoan,
            Level::SubKhoan => Level::Diem,
            Level::Diem | Level::Dash => Level::Dash,
        }
    }

    /// The level of a body's top headings.
    pub fn top(parts: bool) -> Level {
        if parts {
            Level::Part
        } else {
            Level::Muc
        }
    }
}

/// A section in reading order, with its derived level and number.
#[derive(Debug, Clone)]
pub struct Numbered<'a> {
    pub section: &'a Section,
    pub depth: usize,
    pub level: Level,
    /// The printed label: "Phần thứ nhất", "I.", "1.1.", "a)", "-", a custom label, or `None`.
    pub number: Option<String>,
}

/// All sections of `body`, depth first, each with its level and derived number.
pub fn outline(body: &[Section], parts: bool) -> Vec<Numbered<'_>> {
    let mut out = Vec::new();
    walk(body, 0, Level::top(parts), "", &mut out);
    out
}

/// Numbers `sections`, whose level is `placed` unless a section says otherwise; siblings of
/// different levels each keep their own count.
fn walk<'a>(
    sections: &'a [Section],
    depth: usize,
    placed: Level,
    parent_no: &str,
    out: &mut Vec<Numbered<'a>>,
) {
    let mut counts: std::collections::HashMap<Level, usize> = Default::default();
    for s in sections {
        let level = s.level.unwrap_or(placed);
        let (number, plain) = match &s.label {
            Label::Auto => {
                let n = counts.entry(level).or_default();
                *n += 1;
                let n = *n;
                (Some(format_number(level, n, parent_no)), n.to_string())
            }
            Label::None => (None, String::new()),
            Label::Custom(t) => (Some(t.clone()), String::new()),
        };
        out.push(Numbered {
            section: s,
            depth,
            level,
            number,
        });
        // "1.1." is built from the khoản's own number; other levels restart on their own.
        let carry = if level == Level::Khoan || level == Level::SubKhoan {
            if plain.is_empty() {
                String::new()
            } else if parent_no.is_empty() || level == Level::Khoan {
                plain
            } else {
                format!("{parent_no}.{plain}")
            }
        } else {
            String::new()
        };
        walk(&s.children, depth + 1, level.child(), &carry, out);
    }
}

/// Clears the levels that say no more than the sections' places do, so that only the exceptions
/// stay fixed and a moved section takes the level of its new place. The importer calls it after
/// giving every heading the level its numbering word names.
pub fn drop_implied_levels(body: &mut [Section], parts: bool) {
    fn go(sections: &mut [Section], placed: Level) {
        for s in sections {
            let level = s.level.unwrap_or(placed);
            if s.level == Some(placed) {
                s.level = None;
            }
            go(&mut s.children, level.child());
        }
    }
    go(body, Level::top(parts));
}

fn format_number(level: Level, n: usize, parent_no: &str) -> String {
    match level {
        Level::Part => format!("Phần thứ {}", part_ordinal(n)),
        Level::Muc => format!("{}.", roman(n)),
        Level::Khoan => format!("{n}."),
        Level::SubKhoan if parent_no.is_empty() => format!("{n}."),
        Level::SubKhoan => format!("{parent_no}.{n}."),
        Level::Diem => format!("{})", letter(n)),
        Level::Dash => "-".to_string(),
    }
}

/// "nhất", "hai", … as in "Phần thứ nhất".
pub fn part_ordinal(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "nhất", "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười",
    ];
    WORDS
        .get(n.wrapping_sub(1))
        .map(|w| w.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// Upper-case Roman numeral (1 → "I"). Zero and numbers from 4000 on, which Roman numerals do
/// not write (and which a crafted `.docx` may ask for), stay in digits.
pub fn roman(mut n: usize) -> String {
    if n == 0 || n >= 4000 {
        return n.to_string();
    }
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut s = String::new();
    for (v, r) in TABLE {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

/// The letters of điểm: a, b, c, d, đ, e, … (Vietnamese alphabet order, as the decree's texts use).
pub fn letter(n: usize) -> String {
    const LETTERS: [&str; 23] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s",
        "t", "u", "v", "x", "y",
    ];
    LETTERS
        .get(n.wrapping_sub(1))
        .map(|s| s.to_string())
        .unwrap_or_else(|| n.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(level: Level, title: &str, children: Vec<Section>) -> Section {
        Section {
            level: Some(level),
            ..sec(title, Label::Auto, children)
        }
    }

    fn numbers(body: &[Section], parts: bool) -> Vec<(String, Option<String>)> {
        outline(body, parts)
            .into_iter()
            .map(|n| (n.section.title.clone(), n.number))
            .collect()
    }

    fn pairs(want: &[(&str, &str)]) -> Vec<(String, Option<String>)> {
        want.iter()
            .map(|(t, n)| (t.to_string(), Some(n.to_string())))
            .collect()
    }

    #[test]
    fn a_level_set_on_a_section_wins_over_its_place() {
        // A short report numbered "1.", "2." at the top, with "a)" right under a khoản.
        let body = vec![
            at(
                Level::Khoan,
                "thu",
                vec![
                    at(Level::Diem, "thuế", vec![]),
                    at(Level::Diem, "phí", vec![]),
                ],
            ),
            at(
                Level::Khoan,
                "chi",
                vec![sec("chi thường xuyên", Label::Auto, vec![])],
            ),
        ];
        assert_eq!(
            numbers(&body, false),
            pairs(&[
                ("thu", "1."),
                ("thuế", "a)"),
                ("phí", "b)"),
                ("chi", "2."),
                ("chi thường xuyên", "2.1."),
            ])
        );
    }

    #[test]
    fn implied_levels_are_dropped_and_exceptions_kept() {
        let mut body = vec![at(
            Level::Muc,
            "mục",
            vec![at(
                Level::Khoan,
                "khoản",
                vec![at(Level::Diem, "điểm", vec![])],
            )],
        )];
        drop_implied_levels(&mut body, false);
        assert_eq!(body[0].level, None);
        assert_eq!(body[0].children[0].level, None);
        assert_eq!(body[0].children[0].children[0].level, Some(Level::Diem));
        // Moved to the top, a section without a level of its own becomes a mục.
        let moved = body[0].children.remove(0);
        body.push(moved);
        assert_eq!(
            numbers(&body, false),
            pairs(&[("mục", "I."), ("khoản", "II."), ("điểm", "a)")])
        );
    }

    fn sec(title: &str, label: Label, children: Vec<Section>) -> Section {
        Section {
            id: title.to_string(),
            label,
            title: title.to_string(),
            children,
            ..Section::default()
        }
    }

    #[test]
    fn numbers_follow_the_outline_and_skip_custom_labels() {
        let body = vec![
            sec("mở đầu", Label::Custom("Phần mở đầu".into()), vec![]),
            sec(
                "đánh giá",
                Label::Auto,
                vec![
                    sec(
                        "chỉ đạo",
                        Label::Auto,
                        vec![
                            sec("k1", Label::Auto, vec![]),
                            sec(
                                "k2",
                                Label::Auto,
                                vec![sec("k21", Label::Auto, vec![sec("d", Label::Auto, vec![])])],
                            ),
                        ],
                    ),
                    sec("nổi bật", Label::Auto, vec![]),
                    sec("nguyên nhân", Label::None, vec![]),
                    sec("nhiệm vụ", Label::Auto, vec![]),
                ],
            ),
        ];
        let got: Vec<(String, Option<String>)> = outline(&body, true)
            .into_iter()
            .map(|n| (n.section.title.clone(), n.number))
            .collect();
        let want = [
            ("mở đầu", Some("Phần mở đầu")),
            ("đánh giá", Some("Phần thứ nhất")),
            ("chỉ đạo", Some("I.")),
            ("k1", Some("1.")),
            ("k2", Some("2.")),
            ("k21", Some("2.1.")),
            ("d", Some("a)")),
            ("nổi bật", Some("II.")),
            ("nguyên nhân", None),
            ("nhiệm vụ", Some("III.")),
        ];
        let want: Vec<(String, Option<String>)> = want
            .iter()
            .map(|(t, n)| (t.to_string(), n.map(str::to_string)))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn roman_and_letters() {
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(letter(5), "đ");
        assert_eq!(part_ordinal(4), "tư");
    }
}
