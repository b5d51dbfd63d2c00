//! The units against the roster: names put in the roster's spelling, duplicates resolved (one
//! kept, the user told which), missing units named.

use std::collections::HashMap;

use super::{label, Finding, Unit, UnitInfo};

/// Whether a unit's name `name` (key) is the roster's `entry` (key): the same, or one holds the
/// other as whole words ("ỦY BAN NHÂN DÂN PHƯỜNG BẠCH MAI" is "Phường Bạch Mai").
fn same_unit(name: &str, entry: &str) -> bool {
    if name == entry {
        return true;
    }
    let (long, short) = if name.len() >= entry.len() {
        (name, entry)
    } else {
        (entry, name)
    };
    !short.is_empty()
        && (long.ends_with(&format!(" {short}")) || long.starts_with(&format!("{short} ")))
}

/// Splits `units` into the ones summed and the list of every unit as counted; adds the findings
/// of the roster (missing, not on it) and of duplicates.
pub(super) fn sort_out(
    mut units: Vec<Unit>,
    roster: &[String],
    findings: &mut Vec<Finding>,
) -> (Vec<Unit>, Vec<UnitInfo>) {
    let roster_keys: Vec<String> = roster.iter().map(|r| label::key(r)).collect();
    let mut on_roster = vec![false; units.len()];
    let mut seen = vec![false; roster.len()];
    for (i, u) in units.iter_mut().enumerate() {
        let k = label::key(&u.name);
        let hit = roster_keys
            .iter()
            .position(|r| *r == k)
            .or_else(|| roster_keys.iter().position(|r| same_unit(&k, r)));
        if let Some(r) = hit {
            u.name = roster[r].clone();
            on_roster[i] = true;
            seen[r] = true;
        }
    }
    // Duplicates: the last file given is kept (a unit that resends corrects its first report).
    let mut last: HashMap<String, usize> = HashMap::new();
    for (i, u) in units.iter().enumerate() {
        last.insert(label::key(&u.name), i);
    }
    let mut infos = Vec::with_capacity(units.len());
    let mut used_flags = vec![true; units.len()];
    for (i, u) in units.iter().enumerate() {
        let keep = last[&label::key(&u.name)];
        if keep != i {
            used_flags[i] = false;
            let kept = &units[keep];
            let differ = serde_json::to_string(&u.report.body).ok()
                != serde_json::to_string(&kept.report.body).ok();
            findings.push(Finding::Duplicate {
                unit: u.name.clone(),
                kept: kept.file.clone(),
                dropped: u.file.clone(),
                differ,
            });
        }
        if !roster.is_empty() && !on_roster[i] && keep == i {
            findings.push(Finding::NotOnRoster {
                unit: u.name.clone(),
                file: u.file.clone(),
            });
        }
        infos.push(UnitInfo {
            name: u.name.clone(),
            file: u.file.clone(),
            used: used_flags[i],
            on_roster: on_roster[i],
        });
    }
    for (r, s) in roster.iter().zip(&seen) {
        if !s {
            findings.insert(0, Finding::Missing { unit: r.clone() });
        }
    }
    // Missing units first, in roster order.
    let missing = findings
        .iter()
        .take_while(|f| matches!(f, Finding::Missing { .. }))
        .count();
    findings[..missing].reverse();
    let used = units
        .into_iter()
        .zip(used_flags)
        .filter_map(|(u, keep)| keep.then_some(u))
        .collect();
    (used, infos)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_name_matches_the_roster_entry_inside_it() {
        assert!(same_unit(
            &label::key("ỦY BAN NHÂN DÂN PHƯỜNG BẠCH MAI"),
            &label::key("Phường Bạch Mai")
        ));
        assert!(!same_unit(
            &label::key("Tổ dân phố số 11"),
            &label::key("Tổ dân phố số 1")
        ));
    }
}
