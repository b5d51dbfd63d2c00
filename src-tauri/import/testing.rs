//! What the importers' unit tests share.

use super::blocks::{Group, Kind};
use crate::model::Run;

/// A plain paragraph of `text`, as an importer reads it.
pub fn para(text: &str) -> Group {
    Group {
        kind: Kind::Para,
        heading: false,
        runs: vec![Run::plain(text)],
    }
}

/// Each run's text with its style in short: "sup", "bi" (bold italic), "b", "i" or "".
pub fn styled(runs: &[Run]) -> Vec<(String, &'static str)> {
    runs.iter()
        .map(|r| {
            let s = match (r.bold, r.italic, r.sup) {
                (_, _, true) => "sup",
                (true, true, _) => "bi",
                (true, false, _) => "b",
                (false, true, _) => "i",
                _ => "",
            };
            (r.text.clone(), s)
        })
        .collect()
}
