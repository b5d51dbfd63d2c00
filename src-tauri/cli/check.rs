//! `baocao check ĐẦU_VÀO [--ngay DD/MM/YYYY]`: the checks of the app's Kiểm tra panel, from the
//! command line.
//!
//! Prints one finding per line on stdout, `<lỗi|cảnh báo|gợi ý><TAB><nơi><TAB><thông báo>`, errors
//! first, and a count on stderr. Exit status: 0 when there is no lỗi (cảnh báo and gợi ý do not
//! fail the command), 1 when there is at least one lỗi, 2 when the input cannot be read.
//! `--ngay` sets "today" (dates after it are in the future); by default the computer's date.
//! The spelling checks accept the words of the agency's dictionary when the store (the app's
//! data folder, or `BAOCAO_DATA_DIR`) has one.

use baocao::checks::{self, Severity};
use baocao::store;
use baocao::Error;

pub fn check(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["--ngay"])?;
    let today = match a.opt("--ngay") {
        Some(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y").map_err(|_| {
            Error::input(format!(
                "Ngày “{s}” sau --ngay không đúng dạng. Hãy gõ ngày/tháng/năm, ví dụ 20/06/2026."
            ))
        })?,
        None => chrono::Local::now().date_naive(),
    };
    let report = crate::input::load_report(a.one("tệp đầu vào")?)?;
    let findings = checks::check_with(&report, today, &agency_words());
    let names = checks::places(&report);
    let mut counts = [0usize; 3];
    for f in &findings {
        counts[f.severity as usize] += 1;
        println!(
            "{}\t{}\t{}",
            f.severity.label(),
            checks::place_with(&names, &f.location),
            f.message
        );
    }
    if findings.is_empty() {
        eprintln!("Không thấy lỗi, cảnh báo hay gợi ý nào.");
    } else {
        eprintln!(
            "{} lỗi, {} cảnh báo, {} gợi ý.",
            counts[0], counts[1], counts[2]
        );
    }
    if findings.iter().any(|f| f.severity == Severity::Loi) {
        std::process::exit(1);
    }
    Ok(())
}

/// The agency's dictionary from the store, read without opening the store for work: checking a
/// file neither creates a store nor backs one up. A store that cannot be read is said on stderr
/// and the check goes on without the dictionary.
fn agency_words() -> Vec<String> {
    let Ok(dir) = store::default_dir() else {
        return Vec::new();
    };
    match store::agency_words_in(&dir) {
        Ok(words) => words,
        Err(e) => {
            eprintln!(
                "Không đọc được từ điển của cơ quan ({}); kiểm tra chính tả không dùng từ điển.",
                e.message
            );
            Vec::new()
        }
    }
}
