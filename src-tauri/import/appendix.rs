//! The appendices after the signature: "PHỤ LỤC", its title, "(Kèm theo Báo cáo số … ngày … của
//! …)", then tables of figures, as financial and statistical reports have them.
//!
//! Without this the closing reader, which looks at the end of the text, took the appendix for the
//! closing region: the signer lines became body text, the Nơi nhận ended up last with no signer,
//! and the appendix's tables fell apart into one paragraph per cell. So the text is cut before the
//! first "PHỤ LỤC" line that follows a signer or Nơi nhận, and each appendix is read on its own:
//! its label and "(Kèm theo …)" line are dropped (the layout prints them, numbered on their own),
//! its title kept, its content read by the outline reader.

use super::blocks::{Group, Kind};
use super::header::find_ci;
use super::numbering::{is_upper, numbering};
use crate::model::{Appendix, Block};

/// Index of the group where the appendices start: the first "PHỤ LỤC" line that has the report's
/// closing (a signer or the Nơi nhận) before it.
pub(crate) fn start(groups: &[Group]) -> Option<usize> {
    groups.iter().enumerate().find_map(|(i, g)| {
        label(g)?;
        let c = super::closing::parse(&groups[..i]);
        (c.signer.is_some() || c.archive.is_some()).then_some(i)
    })
}

/// "PHỤ LỤC", "Phụ lục I", "PHỤ LỤC 2: BIỂU TỔNG HỢP": a short line marked as a heading (in
/// capitals, bold, or a heading); what follows the number, when any, is the title.
fn label(g: &Group) -> Option<String> {
    if g.kind != Kind::Para {
        return None;
    }
    let plain = g.plain();
    let first = plain.lines().next().unwrap_or("").trim();
    if find_ci(first, "phụ lục") != Some(0) || plain.chars().count() > 200 {
        return None;
    }
    if !(is_upper(first) || g.emphasised() || g.heading) {
        return None;
    }
    let rest = first["phụ lục".len()..].trim_start();
    // The appendix's number (I, II, 1, 01), then an optional separator.
    let number_end = rest
        .find(|c: char| !(c.is_ascii_digit() || "IVXLivxl".contains(c)))
        .unwrap_or(rest.len());
    let (number, after) = rest.split_at(number_end);
    if !number.is_empty() && !after.is_empty() && !after.starts_with([' ', ':', '.', '-', '–']) {
        // "Phụ lục" followed by a word: a sentence that starts so, not a label.
        return None;
    }
    if number.is_empty() && !after.is_empty() && !after.starts_with([':', '-', '–']) {
        return None;
    }
    let mut title = after
        .trim_start_matches([':', '.', '-', '–', ' '])
        .trim()
        .to_string();
    for more in plain.lines().skip(1) {
        let more = more.trim();
        if !more.is_empty() {
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(more);
        }
    }
    Some(title)
}

/// "(Kèm theo Báo cáo số … ngày … của …)": printed by the layout from the report's own number and
/// date.
fn kem_theo(g: &Group) -> bool {
    let t = g.plain();
    let t = t.trim();
    g.kind == Kind::Para && t.starts_with('(') && find_ci(t, "kèm theo").is_some()
}

/// A line of an appendix's title: short, marked as a heading, not numbered.
fn title_line(g: &Group) -> bool {
    let t = g.plain();
    let t = t.trim();
    g.kind == Kind::Para
        && !t.starts_with('(')
        && t.chars().count() <= 300
        && numbering(t).is_none()
        && (is_upper(t) || g.emphasised() || g.heading)
}

/// A table too wide for a portrait page gets a landscape appendix. Until the layout decides this
/// from measured widths, the count of columns does: seven or more do not fit 160 mm of portrait
/// text width at a readable size.
const LANDSCAPE_COLUMNS: usize = 7;

/// The appendices read from `groups` (which start at a label line).
pub(crate) fn read(groups: &[Group], marked: bool) -> Vec<Appendix> {
    let starts: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| label(g).is_some())
        .map(|(i, _)| i)
        .collect();
    let mut out = Vec::new();
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(groups.len());
        let mut title = label(&groups[s]).unwrap_or_default();
        let mut i = s + 1;
        let mut lines = 0;
        while i < end && title_line(&groups[i]) && lines < 3 {
            let t = super::blocks::collapse_spaces(&groups[i].plain().replace('\n', " "));
            if !title.is_empty() {
                title.push(' ');
            }
            title.push_str(t.trim());
            lines += 1;
            i += 1;
        }
        while i < end && kem_theo(&groups[i]) {
            i += 1;
        }
        let outline = super::outline::build(&groups[i..end], marked);
        let landscape = outline
            .intro
            .iter()
            .chain(outline.body.iter().flat_map(section_blocks))
            .any(|b| matches!(b, Block::Table(t) if t.rows.iter().map(Vec::len).max().unwrap_or(0) >= LANDSCAPE_COLUMNS));
        out.push(Appendix {
            id: format!("pl{}", k + 1),
            title,
            intro: outline.intro,
            body: outline.body,
            landscape,
        });
    }
    out
}

fn section_blocks(s: &crate::model::Section) -> Vec<&Block> {
    let mut out: Vec<&Block> = s.blocks.iter().collect();
    for c in &s.children {
        out.extend(section_blocks(c));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::import::testing::para;

    #[test]
    fn labels() {
        assert_eq!(label(&para("PHỤ LỤC")), Some(String::new()));
        assert_eq!(label(&para("PHỤ LỤC II")), Some(String::new()));
        assert_eq!(
            label(&para("PHỤ LỤC 2: BIỂU TỔNG HỢP")),
            Some("BIỂU TỔNG HỢP".to_string())
        );
        // Not marked, or a sentence.
        assert_eq!(
            label(&para("Phụ lục kèm theo báo cáo này gồm hai biểu.")),
            None
        );
    }
}
