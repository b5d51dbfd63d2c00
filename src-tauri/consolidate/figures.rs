//! The template's figures (số liệu) summed from the units' figures: by id, else by label.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::cell;
use super::{label, Finding, Place, Source, Summed, Unit};

/// A unit's figures by id and by label key.
type Lookup<'a> = (HashMap<&'a str, &'a Figure>, HashMap<String, &'a Figure>);
use crate::model::{Figure, Report, Section};

/// The fields of a figure that are summed, with their names in the bảng kê.
const FIELDS: &[(&str, &str)] = &[
    ("value", "Giá trị"),
    ("plan", "Kế hoạch"),
    ("same_period_last_year", "Cùng kỳ năm trước"),
    ("previous_period", "Kỳ trước"),
];

fn field(f: &Figure, name: &str) -> Option<Decimal> {
    match name {
        "value" => f.value,
        "plan" => f.plan,
        "same_period_last_year" => f.same_period_last_year,
        _ => f.previous_period,
    }
}

fn field_mut<'a>(f: &'a mut Figure, name: &str) -> &'a mut Option<Decimal> {
    match name {
        "value" => &mut f.value,
        "plan" => &mut f.plan,
        "same_period_last_year" => &mut f.same_period_last_year,
        _ => &mut f.previous_period,
    }
}

/// A percentage is not summed: its parts are not known.
fn is_percent(unit: &str) -> bool {
    let u = unit.trim();
    u == "%" || u.to_lowercase().starts_with("phần trăm")
}

fn figures_mut(r: &mut Report) -> Vec<&mut Figure> {
    fn walk<'a>(ss: &'a mut [Section], out: &mut Vec<&'a mut Figure>) {
        for s in ss {
            out.extend(s.figures.iter_mut());
            walk(&mut s.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&mut r.body, &mut out);
    for a in &mut r.appendices {
        walk(&mut a.body, &mut out);
    }
    out
}

/// Sums each figure of `template` into `summary`'s copy of it.
/// A unit that lacks a figure is named in `findings` (its value is not counted).
pub(super) fn sum_figures(
    summary: &mut Report,
    units: &[Unit],
    findings: &mut Vec<Finding>,
) -> Vec<Summed> {
    // Each unit's figures by id and by label key.
    let lookups: Vec<Lookup<'_>> = units
        .iter()
        .map(|u| {
            let mut by_id = HashMap::new();
            let mut by_label = HashMap::new();
            u.report.for_each_section(|s, _| {
                for f in &s.figures {
                    by_id.entry(f.id.as_str()).or_insert(f);
                    by_label.entry(label::key(&f.label)).or_insert(f);
                }
            });
            (by_id, by_label)
        })
        .collect();
    let mut out = Vec::new();
    for f in figures_mut(summary) {
        if is_percent(&f.unit) {
            continue;
        }
        let want = cell::money_named(&f.unit);
        let key = label::key(&f.label);
        let found: Vec<(usize, &Figure)> = lookups
            .iter()
            .enumerate()
            .filter_map(|(i, (by_id, by_label))| {
                let uf = by_id
                    .get(f.id.as_str())
                    .filter(|uf| label::key(&uf.label) == key || key.is_empty())
                    .or_else(|| by_label.get(&key))
                    .or_else(|| by_id.get(f.id.as_str()))?;
                Some((i, *uf))
            })
            .collect();
        for (i, u) in units.iter().enumerate() {
            if !found.iter().any(|(j, _)| *j == i) {
                findings.push(Finding::FigureNotFound {
                    unit: u.name.clone(),
                    figure: if f.label.trim().is_empty() {
                        f.id.clone()
                    } else {
                        f.label.clone()
                    },
                });
            }
        }
        for (name, shown) in FIELDS {
            let mut sources = Vec::new();
            let mut total = Decimal::ZERO;
            for (i, uf) in &found {
                let Some(mut v) = field(uf, name) else {
                    continue;
                };
                let typed = crate::figures::format::number_trimmed(v, 6);
                if let (Some(w), Some(h)) = (want, cell::money_named(&uf.unit)) {
                    if w != h {
                        v *= h.factor_to(w);
                    }
                }
                total += v;
                sources.push(Source {
                    unit: units[*i].name.clone(),
                    file: units[*i].file.clone(),
                    value: v,
                    typed: if uf.unit.trim().is_empty() {
                        typed
                    } else {
                        format!("{typed} {}", uf.unit.trim())
                    },
                });
            }
            if sources.is_empty() && field(f, name).is_none() {
                continue;
            }
            let total = (!sources.is_empty()).then_some(total);
            *field_mut(f, name) = total;
            out.push(Summed {
                place: Place::Figure {
                    id: f.id.clone(),
                    field: name.to_string(),
                },
                table: "Số liệu".to_string(),
                row: f.label.clone(),
                column: if f.unit.trim().is_empty() {
                    shown.to_string()
                } else {
                    format!("{shown} ({})", f.unit.trim())
                },
                total,
                sources,
                ratio_of: None,
            });
        }
    }
    out
}
