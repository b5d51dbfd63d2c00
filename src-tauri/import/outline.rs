//! Headings → the outline of sections, by the headings' own numbering words.
//!
//! Converters get the `#` levels of a report wrong (the same khoản comes out as `##`, `####` or a
//! bold line), and plain text has no levels at all. What is always there is the numbering the
//! author typed: "Phần thứ nhất", "I.", "1.", "1.1.", "a)", "* Nguyên nhân …". So the level comes
//! from the numbering word alone, and the number itself is dropped: the layout derives it from the
//! outline (`crate::model::numbering`), which also mends a report that numbers two mục "III.".
//!
//! Decisions: "Phần mở đầu" is a Part labelled `Label::Custom("Phần mở đầu")` (so the next part is
//! still "Phần thứ nhất"); a star heading is `Label::Custom("*")` with the title after the star, so
//! the layout prints the star and the count skips it; titles keep their case and their final ":"
//! or "." as typed. In plain text, where nothing marks a heading, a numbered line of up to 400
//! characters is a heading, and "a) Title: text" splits at the colon into title and paragraph.

use super::blocks::{paragraph_runs, runs_text, Group, Kind};
use super::numbering::{is_upper, numbering, Numbering};
use crate::model::numbering::Level;
use crate::model::{Block, Label, Run, Section, Table};

/// The body of the report, as the model keeps it.
pub(crate) struct Outline {
    pub intro: Vec<Block>,
    pub body: Vec<Section>,
    pub parts: bool,
}

/// How deep a heading sits; a heading closes every open section at its rank or below.
fn rank(n: Numbering) -> u8 {
    match n {
        Numbering::Part { .. } => 0,
        Numbering::Muc => 1,
        Numbering::Khoan => 2,
        Numbering::Sub(k) => (1 + k).min(9) as u8,
        Numbering::Diem => 10,
        Numbering::Star => 11,
    }
}

struct Builder {
    intro: Vec<Block>,
    root: Vec<Section>,
    /// Open sections, outermost first, with their rank and whether they are a star heading.
    stack: Vec<(u8, bool, Section)>,
}

impl Builder {
    fn close_top(&mut self) {
        if let Some((_, _, s)) = self.stack.pop() {
            match self.stack.last_mut() {
                Some((_, _, parent)) => parent.children.push(s),
                None => self.root.push(s),
            }
        }
    }

    fn open(&mut self, n: Numbering, section: Section) {
        let star = n == Numbering::Star;
        // A star heading sits under the deepest numbered section; a second star is its sibling.
        let r = if star {
            match self.stack.iter().find(|(_, s, _)| *s) {
                Some((r, _, _)) => *r,
                None => self.stack.last().map_or(1, |(r, _, _)| r + 1),
            }
        } else {
            rank(n)
        };
        while self.stack.last().is_some_and(|(top, _, _)| *top >= r) {
            self.close_top();
        }
        self.stack.push((r, star, section));
    }

    fn blocks(&mut self) -> &mut Vec<Block> {
        match self.stack.last_mut() {
            Some((_, _, s)) => &mut s.blocks,
            None => &mut self.intro,
        }
    }

    fn paragraph(&mut self, runs: Vec<Run>) {
        if !runs_text(&runs).trim().is_empty() {
            self.blocks().push(Block::Paragraph { runs });
        }
    }

    fn item(&mut self, runs: Vec<Run>) {
        if runs_text(&runs).trim().is_empty() {
            return;
        }
        let blocks = self.blocks();
        if let Some(Block::List { items }) = blocks.last_mut() {
            items.push(runs);
        } else {
            blocks.push(Block::List { items: vec![runs] });
        }
    }

    fn finish(mut self) -> (Vec<Block>, Vec<Section>) {
        while !self.stack.is_empty() {
            self.close_top();
        }
        (self.intro, self.root)
    }
}

/// A heading found in a group: its numbering, its title, and text that followed the title in
/// the same paragraph ("**a) Thu ngân sách:** Tổng thu đạt …").
struct Heading {
    numbering: Numbering,
    title: String,
    rest: Option<Vec<Run>>,
}

fn heading(g: &Group, markdown: bool) -> Option<Heading> {
    if g.kind != Kind::Para {
        return None;
    }
    let plain = super::blocks::collapse_spaces(&g.plain().replace(['\n', '\t'], " "));
    if let Some((n, title)) = numbering(&plain) {
        let marked = g.heading || g.emphasised();
        let len = title.chars().count();
        let ok = match n {
            Numbering::Star => marked || (len <= 200 && title.trim_end().ends_with(':')),
            Numbering::Part { .. } => marked || title.is_empty() || is_upper(title),
            _ => marked || (!markdown && len <= 400),
        };
        if ok && !marked && !matches!(n, Numbering::Part { .. }) {
            // Plain text cannot show where a bold run-in title ends; a colon followed by more
            // text does ("a) Thu thuế: đạt 101% dự toán.").
            if let Some((head, tail)) = title.split_once(": ") {
                if !tail.trim().is_empty() {
                    return Some(Heading {
                        numbering: n,
                        title: format!("{}:", head.trim()),
                        rest: Some(vec![Run::plain(tail.trim())]),
                    });
                }
            }
        }
        if ok {
            return Some(Heading {
                numbering: n,
                title: title.trim().to_string(),
                rest: None,
            });
        }
    }
    if markdown && !g.heading {
        let lead = g
            .runs
            .iter()
            .take_while(|r| r.bold || r.italic || r.text.trim().is_empty())
            .count();
        let rest: Vec<Run> = g.runs[lead..].to_vec();
        if lead > 0 && !runs_text(&rest).trim().is_empty() {
            let lead_text =
                super::blocks::collapse_spaces(&runs_text(&g.runs[..lead]).replace('\n', " "));
            if let Some((n, title)) = numbering(&lead_text) {
                if !matches!(n, Numbering::Part { .. }) && !title.trim().is_empty() {
                    return Some(Heading {
                        numbering: n,
                        title: title.trim().to_string(),
                        rest: Some(rest),
                    });
                }
            }
        }
    }
    None
}

/// Whether a group can be the title line under "Phần thứ nhất" / "Phần mở đầu".
fn part_title(g: &Group) -> Option<String> {
    if g.kind != Kind::Para {
        return None;
    }
    let plain = super::blocks::collapse_spaces(&g.plain().replace(['\n', '\t'], " "));
    let plain = plain.trim();
    if numbering(plain).is_some() || plain.chars().count() > 300 {
        return None;
    }
    (g.heading || g.emphasised() || is_upper(plain)).then(|| plain.to_string())
}

/// Builds the outline from the body's groups. Text before the first heading is the intro.
pub(crate) fn build(groups: &[Group], markdown: bool) -> Outline {
    let tasks = tasks(groups, markdown);
    let mut b = Builder {
        intro: Vec::new(),
        root: Vec::new(),
        stack: Vec::new(),
    };
    let mut parts = false;
    let mut i = 0;
    while i < groups.len() {
        let g = &groups[i];
        i += 1;
        match &g.kind {
            Kind::Table {
                rows,
                header,
                widths,
                spans,
            } => {
                let rows: Vec<Vec<Vec<Run>>> = rows
                    .iter()
                    .map(|r| r.iter().map(|c| paragraph_runs(c)).collect())
                    .collect();
                let mut t = Table {
                    header_rows: *header,
                    widths: widths.clone(),
                    rows,
                    spans: spans.clone(),
                    ..Default::default()
                };
                t.clamp();
                b.blocks().push(Block::Table(t));
                continue;
            }
            Kind::Item => {
                b.item(paragraph_runs(&g.runs));
                continue;
            }
            Kind::Para => {}
        }
        let Some(h) = heading(g, markdown).filter(|_| !tasks[i - 1]) else {
            b.paragraph(paragraph_runs(&g.runs));
            continue;
        };
        let mut title = h.title;
        let label = match h.numbering {
            Numbering::Part { opening } => {
                parts = true;
                if title.is_empty() {
                    if let Some(t) = groups.get(i).and_then(part_title) {
                        title = t;
                        i += 1;
                    }
                }
                if opening {
                    Label::Custom("Phần mở đầu".to_string())
                } else {
                    Label::Auto
                }
            }
            Numbering::Star => Label::Custom("*".to_string()),
            _ => Label::Auto,
        };
        b.open(
            h.numbering,
            Section {
                label,
                level: level_of(h.numbering),
                title,
                ..Section::default()
            },
        );
        if let Some(rest) = h.rest {
            let mut runs = paragraph_runs(&rest);
            if let Some(first) = runs.first_mut() {
                first.text = first.text.trim_start().to_string();
            }
            b.paragraph(runs);
        }
    }
    let (intro, mut body) = b.finish();
    // Only the levels the outline would not give by itself stay: a report whose top headings
    // are khoản keeps "1.", an "a)" right under a khoản keeps "a)".
    crate::model::numbering::drop_implied_levels(&mut body, parts);
    Outline { intro, body, parts }
}

/// Which groups are tasks rather than headings: numbered lines that are whole sentences (ending
/// in "." or ";"), two or more one after the other at the same level with no body text between
/// them or after the last. A section's tasks are often typed so ("1. Tiếp tục rà soát …;",
/// "2. Hoàn thành …."); read as headings they would be khoản with nothing in them. They stay
/// body paragraphs with their typed numbers.
fn tasks(groups: &[Group], markdown: bool) -> Vec<bool> {
    let sentence = |g: &Group| -> Option<Numbering> {
        let h = heading(g, markdown)?;
        let title = h.title.trim_end();
        let ends = (title.ends_with('.') && !title.ends_with("./.")) || title.ends_with(';');
        (h.rest.is_none() && ends && !matches!(h.numbering, Numbering::Part { .. }))
            .then_some(h.numbering)
    };
    let kinds: Vec<Option<Numbering>> = groups.iter().map(sentence).collect();
    let mut out = vec![false; groups.len()];
    let mut i = 0;
    while i < groups.len() {
        let Some(n) = kinds[i] else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < groups.len() && kinds[j] == Some(n) {
            j += 1;
        }
        // After the run: the end, a heading, a list or a table; body text would be the last
        // line's content, which makes it a heading after all.
        let after_is_body = groups
            .get(j)
            .is_some_and(|g| g.kind == Kind::Para && heading(g, markdown).is_none());
        if j - i >= 2 && !after_is_body {
            out[i..j].fill(true);
        }
        i = j;
    }
    out
}

/// The level a numbering word names; a star heading takes the level of its place.
fn level_of(n: Numbering) -> Option<Level> {
    match n {
        Numbering::Part { .. } => Some(Level::Part),
        Numbering::Muc => Some(Level::Muc),
        Numbering::Khoan => Some(Level::Khoan),
        Numbering::Sub(_) => Some(Level::SubKhoan),
        Numbering::Diem => Some(Level::Diem),
        Numbering::Star => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_numbered_from_khoan_keeps_its_numbers() {
        let groups: Vec<Group> = [
            "1. Kết quả",
            "a) Thu ngân sách",
            "b) Chi ngân sách",
            "2. Nhiệm vụ",
        ]
        .iter()
        .map(|t| para(t))
        .collect();
        let o = build(&groups, false);
        let got: Vec<Option<String>> = crate::model::numbering::outline(&o.body, o.parts)
            .into_iter()
            .map(|n| n.number)
            .collect();
        let want = ["1.", "a)", "b)", "2."].map(|n| Some(n.to_string()));
        assert_eq!(got, want);
    }

    #[test]
    fn numbered_sentences_one_after_the_other_are_tasks_not_headings() {
        let groups: Vec<Group> = [
            "II. NHIỆM VỤ TRỌNG TÂM",
            "1. Tiếp tục rà soát, hoàn thiện các thủ tục hành chính;",
            "2. Hoàn thành thu ngân sách đạt 100% dự toán.",
            "III. ĐỀ XUẤT",
            "1. Kết quả.",
            "Nội dung của khoản một.",
            "2. Nguyên nhân.",
            "Nội dung của khoản hai.",
        ]
        .iter()
        .map(|t| para(t))
        .collect();
        let o = build(&groups, false);
        assert_eq!(o.body.len(), 2);
        let tasks = &o.body[0];
        assert!(tasks.children.is_empty(), "{tasks:?}");
        let texts: Vec<String> = tasks
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { runs } => runs_text(runs),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            [
                "1. Tiếp tục rà soát, hoàn thiện các thủ tục hành chính;",
                "2. Hoàn thành thu ngân sách đạt 100% dự toán."
            ]
        );
        // Numbered sentences with their own text under them are headings.
        assert_eq!(o.body[1].children.len(), 2);
    }

    use crate::import::testing::para;

    #[test]
    fn nesting_follows_the_numbering_not_the_order_of_marks() {
        let groups: Vec<Group> = [
            "Mở đầu của báo cáo.",
            "Phần thứ nhất",
            "ĐÁNH GIÁ",
            "I. CHỈ ĐẠO",
            "1. Kết quả",
            "1.1. Tài chính",
            "a) Thu",
            "Nội dung thu.",
            "2. Nguyên nhân",
            "* Khách quan:",
            "Dân cư đông.",
            "* Chủ quan:",
            "III. NHIỆM VỤ",
            "III. NHIỆM VỤ KHÁC",
        ]
        .iter()
        .map(|t| para(t))
        .collect();
        let o = build(&groups, false);
        assert!(o.parts);
        assert_eq!(o.intro.len(), 1);
        let shape: Vec<(usize, String, Option<String>)> =
            crate::model::numbering::outline(&o.body, true)
                .into_iter()
                .map(|n| (n.depth, n.section.title.clone(), n.number))
                .collect();
        let want = [
            (0, "ĐÁNH GIÁ", "Phần thứ nhất"),
            (1, "CHỈ ĐẠO", "I."),
            (2, "Kết quả", "1."),
            (3, "Tài chính", "1.1."),
            (4, "Thu", "a)"),
            (2, "Nguyên nhân", "2."),
            (3, "Khách quan:", "*"),
            (3, "Chủ quan:", "*"),
            (1, "NHIỆM VỤ", "II."),
            (1, "NHIỆM VỤ KHÁC", "III."),
        ];
        let want: Vec<(usize, String, Option<String>)> = want
            .iter()
            .map(|(d, t, n)| (*d, t.to_string(), Some(n.to_string())))
            .collect();
        assert_eq!(shape, want);
    }
}
