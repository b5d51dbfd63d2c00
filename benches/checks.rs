//! All checks on the real sample report, as the user types: the median must stay under 20 ms, and
//! the spelling checks alone under 5 ms.
//!
//! `cargo bench --no-default-features --bench checks` prints the medians and fails when the checks
//! take longer than their budgets.

#[path = "../tests/checks_support.rs"]
mod support;

#[path = "timing.rs"]
mod timing;

use std::time::Duration;

const BUDGET: Duration = Duration::from_millis(20);
const SPELLING_BUDGET: Duration = Duration::from_millis(5);

fn main() {
    let report = support::sample();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap_or_default();
    let mut found = 0;
    let checks = timing::median(
        || found = std::hint::black_box(baocao::checks::check(&report, today)).len(),
        51,
    );
    let mut flagged = 0;
    let spelling = timing::median(
        || {
            let mut out = Vec::new();
            baocao::checks::spelling::check(&report, &[], &mut out);
            flagged = std::hint::black_box(out).len();
        },
        101,
    );
    let mut words = 0;
    baocao::checks::for_each_text(&report, &mut |_, t| words += t.split_whitespace().count());
    let roll = timing::median(
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
    let compare = timing::median(
        || {
            std::hint::black_box(baocao::diff::compare(&report, &other));
        },
        21,
    );
    // Two long sections of 30,000 words: one word in a hundred changed, and every word changed
    // (the worst case of Myers' algorithm), with the growth of the peak memory.
    let old: String = (0..30_000).map(|i| format!("từ{i} ")).collect();
    let edited: String = (0..30_000)
        .map(|i| {
            if i % 100 == 50 {
                format!("sửa{i} ")
            } else {
                format!("từ{i} ")
            }
        })
        .collect();
    let other_words: String = (0..30_000).map(|i| format!("chữ{i} ")).collect();
    let peak_before = peak_kb();
    let long_edit = timing::median(
        || {
            std::hint::black_box(baocao::diff::words(&old, &edited));
        },
        5,
    );
    let long_all = timing::median(
        || {
            std::hint::black_box(baocao::diff::words(&old, &other_words));
        },
        5,
    );
    let grown = peak_kb().saturating_sub(peak_before);
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
    println!(
        "words diff, 2 × 30,000 words: 1 in 100 changed {:.1} ms, all changed {:.1} ms, peak memory +{} kB",
        ms(long_edit),
        ms(long_all),
        grown
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

/// Peak resident memory of this process in kB (`VmHWM`), 0 where /proc is not there.
fn peak_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}
