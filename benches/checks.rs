//! All checks on the real sample report, as the user types: the median must stay under 20 ms, and
//! the spelling checks alone under 5 ms.
//!
//! `cargo bench --no-default-features --bench checks` prints the medians and fails when the checks
//! take longer than their budgets.

#[path = "../tests/checks_support.rs"]
mod support;

use std::time::{Duration, Instant};

const BUDGET: Duration = Duration::from_millis(20);
const SPELLING_BUDGET: Duration = Duration::from_millis(5);

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
    let mut flagged = 0;
    let spelling = median(
        || {
            let mut out = Vec::new();
            baocao::checks::spelling::check(&report, &[], &mut out);
            flagged = std::hint::black_box(out).len();
        },
        101,
    );
    let mut words = 0;
    baocao::checks::for_each_text(&report, &mut |_, t| words += t.split_whitespace().count());
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
    println!(
        "spelling (sample, {words} words, {flagged} findings): median {:.2} ms (budget {} ms)",
        ms(spelling),
        SPELLING_BUDGET.as_millis()
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
    if spelling > SPELLING_BUDGET {
        eprintln!("Kiểm tra chính tả chậm hơn 5 ms trên báo cáo mẫu.");
        std::process::exit(1);
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
