//! "Tổng hợp" of a province department: 168 wards' reports of 60 indicators each (table of
//! plan, result, percentage and rank; a budget table; figures), read from report files and
//! consolidated. Target: ≤ 2 s (issue 18). Exits non-zero when missed.

#[path = "../tests/support/units.rs"]
mod units;

use std::time::{Duration, Instant};

use baocao::consolidate::{self, Marks};

const UNITS: usize = 168;
const INDICATORS: usize = 60;
const TARGET: Duration = Duration::from_secs(2);

fn main() {
    let dir = std::env::temp_dir().join(format!("baocao-bench-tonghop-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let files: Vec<_> = (1..=UNITS)
        .map(|u| {
            let p = dir.join(format!("don-vi-{u}.json"));
            units::write_json(&p, &units::report(Some(u), INDICATORS));
            p
        })
        .collect();
    let template = units::report(None, INDICATORS);
    let marks = Marks {
        roster: (1..=UNITS).map(units::unit_name).collect(),
        ..Default::default()
    };
    let mut times = Vec::new();
    let mut cells = 0;
    for _ in 0..5 {
        let t = Instant::now();
        let (us, bad) = consolidate::read::units(&files);
        let c = consolidate::consolidate(&template, &marks, us, bad);
        times.push(t.elapsed());
        assert_eq!(c.received, UNITS);
        cells = c.cells.len();
    }
    times.sort();
    let median = times[times.len() / 2];
    let _ = std::fs::remove_dir_all(&dir);
    println!("| what | measured | target |");
    println!("|---|---|---|");
    println!(
        "| consolidate {UNITS} units × {INDICATORS} indicators from report files ({cells} summed cells) | {:.0} ms | ≤ {} ms |",
        median.as_secs_f64() * 1000.0,
        TARGET.as_millis()
    );
    if median > TARGET {
        eprintln!("target missed");
        std::process::exit(1);
    }
}
