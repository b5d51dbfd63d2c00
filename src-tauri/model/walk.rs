//! The texts of a report a reader reads, each with its place ([`Source`], the link the preview and
//! the Kiểm tra panel share): trích yếu, headings, the narrative's blocks, the closing sentence.
//!
//! The checks, "Tạo báo cáo kỳ sau" and the comparison of versions all walk the report the same
//! way; it lives here, under the model, so none of them has to import another for it.

use super::{Block, Report, Section};
use crate::page::Source;

/// The text of a block as the reader reads it: list items and table rows on their own lines.
pub fn block_text(b: &Block) -> String {
    let runs = |rs: &[super::Run]| rs.iter().map(|r| r.text.as_str()).collect::<String>();
    match b {
        Block::Paragraph { runs: rs } => runs(rs),
        Block::List { items } => items.iter().map(|i| runs(i)).collect::<Vec<_>>().join("\n"),
        Block::Table(t) => t
            .rows
            .iter()
            .map(|row| row.iter().map(|c| runs(c)).collect::<Vec<_>>().join(" | "))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Calls `f` on every block of the narrative with its place.
pub fn for_each_block(r: &Report, f: &mut impl FnMut(&Source, &Block)) {
    for (i, b) in r.intro.iter().enumerate() {
        f(&Source::Intro { block: i }, b);
    }
    fn walk(ss: &[Section], f: &mut impl FnMut(&Source, &Block)) {
        for s in ss {
            for (i, b) in s.blocks.iter().enumerate() {
                f(
                    &Source::Section {
                        id: s.id.clone(),
                        block: Some(i),
                    },
                    b,
                );
            }
            walk(&s.children, f);
        }
    }
    walk(&r.body, f);
    for a in &r.appendices {
        for b in &a.intro {
            f(&Source::Appendix { id: a.id.clone() }, b);
        }
        walk(&a.body, f);
    }
}

/// Calls `f` on every text a reader reads, with its place: trích yếu, headings, blocks, closing.
pub fn for_each_text(r: &Report, f: &mut impl FnMut(&Source, &str)) {
    f(
        &Source::Header {
            field: "trich_yeu".into(),
        },
        &r.trich_yeu,
    );
    let mut titles = Vec::new();
    r.for_each_section(|s, _| titles.push(s));
    for s in titles {
        f(
            &Source::Section {
                id: s.id.clone(),
                block: None,
            },
            &s.title,
        );
    }
    for_each_block(r, &mut |loc, b| f(loc, &block_text(b)));
    f(
        &Source::Closing {
            field: "closing".into(),
        },
        &r.closing,
    );
}
