//! The checks on the real sample report: its real mistakes are found, nothing else is.

#[path = "checks_support.rs"]
mod support;

use baocao::checks::{self, Severity};
use chrono::NaiveDate;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn print_findings() {
    let r = support::sample();
    let names = checks::places(&r);
    for f in checks::check(&r, day(2026, 6, 20)) {
        println!(
            "{}\t{}\t{}",
            f.severity.label(),
            checks::place_with(&names, &f.location),
            f.message
        );
    }
    let _ = Severity::Loi;
}
