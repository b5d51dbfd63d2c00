//! "Where does this number come from?": a field of a summary draft, as the form names it, back to
//! the summed cell or figure it holds and each unit's value in it.
//!
//! The form knows a table cell by its section, the table's rank in that section and the cell's
//! row and column; a figure by its id and field. The summed cells know their table by its rank in
//! the whole report (see `tables::tables_in`), so the section's place is counted here the same
//! way. The clerk may have edited the summary since: a cell whose text no longer reads as the
//! total is said to be edited (its sources are still shown, with the total they make), and a
//! cell whose table was reshaped (its row's label or column's header changed) has no sources.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::tables::{nth_table, table_index, text_of};
use super::{Place, Summed};
use crate::figures::format;
use crate::model::Report;

/// A field of the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldAt {
    /// Cell (`row`, `col`) of the `ordinal`-th table of section `section` (`None`: the intro).
    Cell {
        section: Option<String>,
        ordinal: usize,
        row: usize,
        col: usize,
    },
    /// Field `field` ("value", "plan", …) of figure `id`.
    Figure { id: String, field: String },
}

/// A summed field and how it stands now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    pub summed: Summed,
    /// The total as the summary shows it ("1.234,5"; blank when no unit reported it).
    pub total_text: String,
    /// Each source's value in the template's unit, as shown (parallel to `summed.sources`).
    pub values_text: Vec<String>,
    /// What the field holds now, as text.
    pub now: String,
    /// The field no longer holds the total its sources make (the clerk changed it).
    pub edited: bool,
}

/// The sources of the field at `at` of `report`, a summary whose summed cells are `cells`.
/// `None` when the field was not summed (a label, a narrative table) or its table was reshaped.
pub fn trace(report: &Report, cells: &[Summed], at: &FieldAt) -> Option<Trace> {
    match at {
        FieldAt::Cell {
            section,
            ordinal,
            row,
            col,
        } => {
            let ti = table_index(report, section.as_deref(), *ordinal)?;
            let place = Place::Cell {
                table: ti,
                row: *row,
                col: *col,
            };
            let summed = cells.iter().find(|c| c.place == place)?;
            let table = nth_table(report, ti)?;
            // The row's label and the column's header as they were summed: a table reshaped
            // since (a row inserted above) must not show another cell's sources.
            let label_now: String = table
                .rows
                .get(*row)?
                .iter()
                .map(|c| text_of(c))
                .collect::<Vec<_>>()
                .join(" ");
            if !summed.row.trim().is_empty()
                && !super::label::key(&label_now).contains(&super::label::key(&summed.row))
            {
                return None;
            }
            let now = text_of(table.rows.get(*row)?.get(*col)?);
            Some(Trace::new(summed, now.clone(), differs(&now, summed.total)))
        }
        FieldAt::Figure { id, field } => {
            let place = Place::Figure {
                id: id.clone(),
                field: field.clone(),
            };
            let summed = cells.iter().find(|c| c.place == place)?;
            let mut value = None;
            report.for_each_section(|s, _| {
                if let Some(f) = s.figures.iter().find(|f| &f.id == id) {
                    value = match field.as_str() {
                        "value" => f.value,
                        "plan" => f.plan,
                        "same_period_last_year" => f.same_period_last_year,
                        "previous_period" => f.previous_period,
                        _ => None,
                    };
                }
            });
            let now = value
                .map(|v| format::number_trimmed(v, 6))
                .unwrap_or_default();
            let edited = value.map(|v| v.normalize()) != summed.total.map(|t| t.normalize());
            Some(Trace::new(summed, now, edited))
        }
    }
}

impl Trace {
    fn new(summed: &Summed, now: String, edited: bool) -> Trace {
        let shown = |d: Decimal| format::number_trimmed(d, 6);
        Trace {
            total_text: summed.total.map(shown).unwrap_or_default(),
            values_text: summed.sources.iter().map(|s| shown(s.value)).collect(),
            summed: summed.clone(),
            now,
            edited,
        }
    }
}

/// Whether the text `now` of a cell is not the total (blank for no total).
fn differs(now: &str, total: Option<Decimal>) -> bool {
    let now = now.trim();
    match total {
        None => !now.is_empty(),
        Some(t) => match format::parse(now) {
            Ok(p) => p.value.normalize() != t.normalize(),
            // The total is shown rounded to three decimals at most: compare as shown.
            Err(_) => now != format::number_trimmed(t, 3),
        },
    }
}
