//! Store benchmark (issue 3): saving the sample draft (≤ 5 ms median), listing 10,000 drafts
//! (≤ 50 ms), opening the sample draft (≤ 10 ms). Runs on a real database file in a temporary
//! folder; prints a table of medians.
//!
//! `cargo bench --no-default-features --bench store`

#[path = "../tests/common/mod.rs"]
mod common;

use std::time::Instant;

use baocao::store::{Query, Store};

fn median_ms(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
}

fn time<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t = Instant::now();
    let v = f();
    (v, t.elapsed().as_secs_f64() * 1e3)
}

fn main() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).expect("open store");
    let mut report = common::sample_report();
    let d = store
        .create_draft_from_report("Báo cáo 6 tháng", "", &report)
        .expect("create");

    // Autosave: one paragraph changed per save, as when the user pauses typing.
    let n = common::paragraphs_mut(&mut report).len();
    let mut save = Vec::new();
    for i in 0..200 {
        common::paragraphs_mut(&mut report)[(i * 7) % n][0]
            .text
            .push_str(" thêm");
        let (r, ms) = time(|| store.save_draft(&d.id, &report));
        r.expect("save");
        save.push(ms);
    }

    let mut open = Vec::new();
    for _ in 0..100 {
        let (r, ms) = time(|| store.load_draft(&d.id));
        assert_eq!(r.expect("load"), report);
        open.push(ms);
    }

    // 10,000 drafts in the list.
    let small = baocao::model::Report::default();
    for i in 0..10_000 {
        store
            .create_draft_from_report(
                &format!("Báo cáo tháng {} năm {}", i % 12 + 1, 2000 + i / 12),
                "",
                &small,
            )
            .expect("create");
    }
    let mut list = Vec::new();
    let mut search = Vec::new();
    for _ in 0..30 {
        let (r, ms) = time(|| store.list_drafts(&Query::default()));
        assert_eq!(r.expect("list").len(), 10_001);
        list.push(ms);
        let (r, ms) = time(|| {
            store.list_drafts(&Query {
                search: "bao cao thang 12".into(),
                ..Query::default()
            })
        });
        assert!(!r.expect("search").is_empty());
        search.push(ms);
    }

    println!("Kho dữ liệu (trung vị, ms)        đo       giới hạn");
    let rows = [
        ("Lưu bản nháp mẫu (tự động lưu)", median_ms(save), 5.0),
        ("Mở bản nháp mẫu", median_ms(open), 10.0),
        ("Liệt kê 10.000 bản nháp", median_ms(list), 50.0),
        ("Tìm trong 10.000 bản nháp", median_ms(search), 50.0),
    ];
    for (name, ms, limit) in rows {
        let mark = if ms <= limit { "đạt" } else { "VƯỢT" };
        println!("{name:<34} {ms:>7.2}  {limit:>7.1}  {mark}");
    }
}
