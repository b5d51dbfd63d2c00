//! The summary as a draft: the template's outline with the sums in place, a sentence saying how
//! many units it covers, and an appendix of one row per unit for the chosen indicators.

use std::collections::HashMap;

use super::{Consolidation, Indicator, Place, Summed, Unit};
use crate::figures::format;
use crate::model::{Appendix, Block, Run, Table};

/// Columns beyond which the appendix is laid out in landscape.
const PORTRAIT_COLUMNS: usize = 7;
/// Indicators the appendix takes when the user chose none.
const DEFAULT_INDICATORS: usize = 10;
/// Id of the appendix, so that a later consolidation replaces it rather than adding another.
pub const APPENDIX_ID: &str = "tong-hop-tung-don-vi";

/// Puts the coverage sentence and the appendix into `c.summary`, and refreshes the narrative's
/// figures from the summed values.
pub(super) fn finish(c: &mut Consolidation, _template: &crate::model::Report, units: &[Unit]) {
    let coverage = c.coverage();
    c.summary.intro.insert(
        0,
        Block::Paragraph {
            runs: vec![Run::plain(coverage)],
        },
    );
    c.summary.appendices.retain(|a| a.id != APPENDIX_ID);
    if let Some(a) = appendix(c, units) {
        c.summary.appendices.push(a);
    }
    crate::figures::apply(&mut c.summary);
}

/// The indicators of the appendix: the user's, else every figure's value, else the first
/// summed column of the first table, row by row.
fn indicators(c: &Consolidation) -> Vec<Indicator> {
    if !c.marks.indicators.is_empty() {
        return c.marks.indicators.clone();
    }
    let figures: Vec<Indicator> = c
        .cells
        .iter()
        .filter_map(|s| match &s.place {
            Place::Figure { id, field } if field == "value" => {
                Some(Indicator::Figure { id: id.clone() })
            }
            _ => None,
        })
        .take(DEFAULT_INDICATORS)
        .collect();
    if !figures.is_empty() {
        return figures;
    }
    let first = c.cells.iter().find_map(|s| match s.place {
        Place::Cell { table, col, .. } if s.ratio_of.is_none() => Some((table, col)),
        _ => None,
    });
    let Some((t, k)) = first else {
        return Vec::new();
    };
    c.cells
        .iter()
        .filter_map(|s| match s.place {
            Place::Cell { table, row, col } if table == t && col == k => {
                Some(Indicator::Cell { table, row, col })
            }
            _ => None,
        })
        .take(DEFAULT_INDICATORS)
        .collect()
}

fn place_of(i: &Indicator) -> Place {
    match i {
        Indicator::Cell { table, row, col } => Place::Cell {
            table: *table,
            row: *row,
            col: *col,
        },
        Indicator::Figure { id } => Place::Figure {
            id: id.clone(),
            field: "value".to_string(),
        },
    }
}

fn appendix(c: &Consolidation, units: &[Unit]) -> Option<Appendix> {
    let by_place: HashMap<Place, &Summed> = c.cells.iter().map(|s| (s.place.clone(), s)).collect();
    let chosen: Vec<&Summed> = indicators(c)
        .iter()
        .filter_map(|i| by_place.get(&place_of(i)).copied())
        .collect();
    if chosen.is_empty() || units.is_empty() {
        return None;
    }
    let bold = |t: String| Run {
        text: t,
        bold: true,
        ..Run::default()
    };
    let mut header = vec![vec![bold("STT".into())], vec![bold("Đơn vị".into())]];
    for s in &chosen {
        let name = if matches!(s.place, Place::Figure { .. }) {
            format!("{} – {}", s.row, s.column)
        } else if s.row.trim().is_empty() {
            s.column.clone()
        } else {
            format!("{} – {}", s.row, s.column)
        };
        header.push(vec![bold(name)]);
    }
    let mut rows = vec![header];
    for (n, u) in units.iter().enumerate() {
        let mut row = vec![
            vec![Run::plain((n + 1).to_string())],
            vec![Run::plain(u.name.clone())],
        ];
        for s in &chosen {
            let v = s
                .sources
                .iter()
                .find(|src| src.unit == u.name)
                .map(|src| format::number_trimmed(src.value, 3))
                .unwrap_or_default();
            row.push(vec![Run::plain(v)]);
        }
        rows.push(row);
    }
    let mut total = vec![
        vec![Run::plain(String::new())],
        vec![bold("Tổng cộng".into())],
    ];
    for s in &chosen {
        total.push(vec![bold(
            s.total
                .map(|t| format::number_trimmed(t, 3))
                .unwrap_or_default(),
        )]);
    }
    rows.push(total);
    let columns = chosen.len() + 2;
    let mut widths = vec![0.6, 2.6];
    widths.extend(std::iter::repeat_n(1.4, chosen.len()));
    // `..Default::default()`: tables gain fields (merged cells) that this one leaves empty.
    #[allow(clippy::needless_update)]
    let table = Table {
        header_rows: 1,
        widths,
        rows,
        ..Default::default()
    };
    Some(Appendix {
        id: APPENDIX_ID.to_string(),
        title: "Số liệu của từng đơn vị".to_string(),
        intro: vec![
            Block::Paragraph {
                runs: vec![Run::plain(c.coverage())],
            },
            Block::Table(table),
        ],
        body: Vec::new(),
        landscape: columns > PORTRAIT_COLUMNS,
    })
}
