//! The engine's speed on the real sample report: import (Markdown, and the same report saved as
//! `.docx` by LibreOffice), layout (warm caches), PDF, Word, SVG, and the peak memory of the
//! whole run.
//!
//! Also a table of 60 rows and 9 columns under a header of two rows with merged cells, laid
//! out alone (issue 17: ≤ 2 ms warm).
//!
//! `cargo bench --no-default-features --bench engine` (no webview needed). Prints a table of
//! medians with the targets: `.docx` import ≤ 20 ms, layout ≤ 5 ms, the table ≤ 2 ms, PDF
//! ≤ 60 ms and ≤ 160 KB, `.docx` written ≤ 20 ms and ≤ 60 KB. Exits non-zero when a target is
//! missed, so CI notices a slowdown. `cargo bench … --bench engine -- dan-trang` runs only the
//! steps whose key holds the word given: `nhap` (imports), `dan-trang` (the sample's layout and
//! the table's), `bang` (the table alone), `pdf`, `docx`, `svg`.

#[path = "../tests/support/tables.rs"]
mod tables;

use std::hint::black_box;
use std::time::{Duration, Instant};

use baocao::text::{FontSet, Measurer};
use chrono::NaiveDate;

const SAMPLE: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");
/// The sample saved as `.docx` by LibreOffice (tests/fixtures/docx/make.py).
const SAMPLE_DOCX: &[u8] = include_bytes!("../tests/fixtures/docx/mau-bao-cao.docx");

/// Runs of each measured step (the median is reported).
const RUNS: usize = 101;
/// Fewer runs for the slow steps, still enough for a stable median.
const SLOW_RUNS: usize = 31;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort_unstable();
    v[v.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    // One run first to warm caches and the allocator.
    black_box(f());
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                black_box(f());
                t.elapsed()
            })
            .collect(),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Peak resident memory of this process (VmHWM), in MB, where /proc exists.
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() {
    // `cargo bench` passes `--bench`; a word that is not a flag picks the steps to run.
    let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let want = |key: &str| filter.as_deref().is_none_or(|f| key.contains(f));
    let skipped = Duration::ZERO;
    let fonts = FontSet::get();
    let created = NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(8, 30, 0))
        .unwrap_or_default();

    let import = if want("nhap") {
        time(RUNS, || baocao::import::import_text(SAMPLE))
    } else {
        skipped
    };
    let import_docx = if want("nhap-docx") {
        time(RUNS, || baocao::import::import_file(SAMPLE_DOCX))
    } else {
        skipped
    };
    let report = match baocao::import::import_text(SAMPLE) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("Lỗi: {}", e.message);
            std::process::exit(1);
        }
    };

    // Cold: a fresh measurer, every word shaped once.
    let cold = if want("dan-trang-mau") {
        time(SLOW_RUNS, || {
            let m = Measurer::new(fonts);
            baocao::layout::layout(&report, &m)
        })
    } else {
        skipped
    };
    // Warm: the measurer of a running app, which has seen these words before.
    let measurer = Measurer::new(fonts);
    let warm = if want("dan-trang-mau") {
        time(RUNS, || baocao::layout::layout(&report, &measurer))
    } else {
        skipped
    };
    let doc = baocao::layout::layout(&report, &measurer);
    // The table alone, warm: the whole layout of a report holding only it.
    let table = tables::report_with(tables::nine_columns(60));
    let table_pages = baocao::layout::layout(&table, &measurer).pages.len();
    let table_time = if want("dan-trang-bang") {
        time(RUNS, || baocao::layout::layout(&table, &measurer))
    } else {
        skipped
    };

    let pdf_time = if want("pdf") {
        time(SLOW_RUNS, || {
            baocao::paint::pdf::write_pdf(&doc, fonts, created)
        })
    } else {
        skipped
    };
    let pdf_kb = match baocao::paint::pdf::write_pdf(&doc, fonts, created) {
        Ok(b) => b.len() as f64 / 1024.0,
        Err(e) => {
            eprintln!("Lỗi: {}", e.message);
            std::process::exit(1);
        }
    };
    let created_utc = created.and_utc();
    let docx_time = if want("docx") {
        time(RUNS, || {
            baocao::paint::docx::write_docx(&report, &measurer, created_utc)
        })
    } else {
        skipped
    };
    let docx_kb = match baocao::paint::docx::write_docx(&report, &measurer, created_utc) {
        Ok(b) => b.len() as f64 / 1024.0,
        Err(e) => {
            eprintln!("Lỗi: {}", e.message);
            std::process::exit(1);
        }
    };
    let svg_time = if want("svg") {
        time(RUNS, || {
            doc.pages
                .iter()
                .map(|p| baocao::paint::svg::page_svg(p, fonts).len())
                .sum::<usize>()
        })
    } else {
        skipped
    };
    let svg_kb = doc
        .pages
        .iter()
        .map(|p| baocao::paint::svg::page_svg(p, fonts).len())
        .sum::<usize>() as f64
        / 1024.0;

    let mut ok = true;
    let mut row = |what: &str, value: String, target: &str, pass: bool| {
        if value == "0.00 ms" {
            // A step the filter left out.
            return;
        }
        ok &= pass;
        let mark = if target.is_empty() {
            ""
        } else if pass {
            "đạt"
        } else {
            "KHÔNG ĐẠT"
        };
        println!("| {what:<34} | {value:>12} | {target:>10} | {mark:<9} |");
    };
    println!(
        "Mẫu: {} trang, {} từ đã đo, {RUNS} lần chạy (trung vị)",
        doc.pages.len(),
        measurer.cached()
    );
    println!(
        "| {:<34} | {:>12} | {:>10} | {:<9} |",
        "bước", "kết quả", "mục tiêu", ""
    );
    println!("|{:-<36}|{:-<14}|{:-<12}|{:-<11}|", "", "", "", "");
    row("nhập Markdown", format!("{:.2} ms", ms(import)), "", true);
    row(
        "nhập tệp Word (.docx)",
        format!("{:.2} ms", ms(import_docx)),
        "≤ 20 ms",
        ms(import_docx) <= 20.0,
    );
    row(
        "dàn trang, bộ nhớ đệm trống",
        format!("{:.2} ms", ms(cold)),
        "",
        true,
    );
    row(
        "dàn trang, bộ nhớ đệm sẵn",
        format!("{:.2} ms", ms(warm)),
        "≤ 5 ms",
        ms(warm) <= 5.0,
    );
    row(
        &format!("dàn trang bảng 60 × 9 cột ({table_pages} tr.)"),
        format!("{:.2} ms", ms(table_time)),
        "≤ 2 ms",
        ms(table_time) <= 2.0,
    );
    row(
        "ghi PDF",
        format!("{:.2} ms", ms(pdf_time)),
        "≤ 60 ms",
        ms(pdf_time) <= 60.0,
    );
    row(
        "cỡ PDF",
        format!("{pdf_kb:.0} KB"),
        "≤ 160 KB",
        pdf_kb <= 160.0,
    );
    row(
        "ghi Word (.docx)",
        format!("{:.2} ms", ms(docx_time)),
        "≤ 20 ms",
        ms(docx_time) <= 20.0,
    );
    row(
        "cỡ Word (.docx)",
        format!("{docx_kb:.0} KB"),
        "≤ 60 KB",
        docx_kb <= 60.0,
    );
    row("SVG mọi trang", format!("{:.2} ms", ms(svg_time)), "", true);
    row("cỡ SVG mọi trang", format!("{svg_kb:.0} KB"), "", true);
    match peak_mb() {
        Some(mb) => row("bộ nhớ cao nhất (VmHWM)", format!("{mb:.1} MB"), "", true),
        None => row("bộ nhớ cao nhất (VmHWM)", "không đo được".into(), "", true),
    }
    if !ok {
        std::process::exit(1);
    }
}
