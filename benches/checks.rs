//! All checks on the real sample report, as the user types: the median must stay under 20 ms.
//!
//! `cargo bench --no-default-features --bench checks` prints the medians and fails when the checks
//! take longer than the budget.

#[path = "../tests/checks_support.rs"]
mod support;

use std::time::{Duration, Instant};

const BUDGET: Duration = Duration::from_millis(20);

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn main() {
    let report = support::sample();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap_or_default();
    let mut found = 0;
    let checks = median(
        || found = std::hint::black_box(baocao::checks::check(&report, today)).len(),
        51,
    );
    let roll = median(
        || {
            std::hint::black_box(baocao::period::roll_forward(
                &report,
                baocao::period::Period::new(baocao::period::PeriodKind::Year, 2026),
            ));
        },
        21,
    );
    let mut other = report.clone();
    other.body.reverse();
    let compare = median(
        || {
            std::hint::black_box(baocao::diff::compare(&report, &other));
        },
        21,
    );
    println!(
        "checks (sample, {found} findings): median {:.2} ms (budget {} ms)",
        ms(checks),
        BUDGET.as_millis()
    );
    println!("roll_forward (sample → annual): median {:.2} ms", ms(roll));
    println!(
        "compare (sample, sections reordered): median {:.2} ms",
        ms(compare)
    );
    if checks > BUDGET {
        eprintln!("Kiểm tra chậm hơn 20 ms trên báo cáo mẫu.");
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
