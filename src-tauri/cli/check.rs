//! `baocao check ĐẦU_VÀO [--ngay DD/MM/YYYY] [--sua RA.json]`: the checks of the app's Kiểm tra
//! panel, from the command line.
//!
//! Prints one finding per line on stdout, `<lỗi|cảnh báo|gợi ý><TAB><nơi><TAB><thông báo>`, errors
//! first, and a count on stderr. Exit status: 0 when there is no lỗi (cảnh báo and gợi ý do not
//! fail the command), 1 when there is at least one lỗi, 2 when the input cannot be read.
//! `--ngay` sets "today" (dates after it are in the future); by default the computer's date.
//! The spelling checks accept the words of the agency's dictionary when the store (the app's
//! data folder, or `BAOCAO_DATA_DIR`) has one.
//!
//! `--sua RA.json` is the panel's "Sửa" on every finding that has one, but for the spelling
//! warnings (a word that is no syllable: its suggestions are guesses the user must choose from):
//! the fixed report is written to `RA.json` (whole or not at all), and what is printed, and the
//! exit status, are the findings left in it.

use std::io::Write;
use std::path::{Path, PathBuf};

use baocao::checks::{self, Finding, Fix, Severity};
use baocao::model::Report;
use baocao::store;
use baocao::Error;

pub fn check(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["--ngay", "--sua"])?;
    let today = match a.opt("--ngay") {
        Some(s) => chrono::NaiveDate::parse_from_str(s.trim(), "%d/%m/%Y").map_err(|_| {
            Error::input(format!(
                "Ngày “{s}” sau --ngay không đúng dạng. Hãy gõ ngày/tháng/năm, ví dụ 20/06/2026."
            ))
        })?,
        None => chrono::Local::now().date_naive(),
    };
    let input = a.one("tệp đầu vào")?;
    let fixed_to = a.opt("--sua").map(|out| fix_path(input, out)).transpose()?;
    let mut report = crate::input::load_report(input)?;
    let words = agency_words();
    let mut findings = checks::check_with(&report, today, &words);
    if let Some(out) = fixed_to {
        let fixed = fix_all(&mut report, &findings);
        let json = baocao::model::file::to_json(&report);
        baocao::files::write_atomically(&out, json.as_bytes())?;
        eprintln!(
            "Đã sửa {fixed} chỗ; báo cáo đã sửa được ghi vào “{}”. Còn lại:",
            out.display()
        );
        findings = checks::check_with(&report, today, &words);
    }
    let names = checks::places(&report);
    let mut counts = [0usize; 3];
    // A reader that stops early (`| head`) ends the listing, not the command with a panic.
    let mut stdout = std::io::stdout().lock();
    let mut listing = true;
    for f in &findings {
        counts[f.severity as usize] += 1;
        listing = listing
            && writeln!(
                stdout,
                "{}\t{}\t{}",
                f.severity.label(),
                checks::place_with(&names, &f.location),
                f.message
            )
            .is_ok();
    }
    drop(stdout);
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

/// Is `f` fixed by `--sua`? Every fix but the guesses for a word that is no syllable.
fn sure_fix(f: &Finding) -> Option<&Fix> {
    match &f.fix {
        Some(Fix::Spelling { .. }) if f.severity == Severity::CanhBao => None,
        fix => fix.as_ref(),
    }
}

/// Applies the sure fixes of `findings` to `report`; how many there were.
fn fix_all(report: &mut Report, findings: &[Finding]) -> usize {
    let fixes: Vec<&Fix> = findings.iter().filter_map(sure_fix).collect();
    for fix in &fixes {
        checks::apply_fix(report, fix);
    }
    fixes.len()
}

/// The file `--sua` names: a report file (.json) in a folder that exists, not the input itself.
fn fix_path(input: &str, out: &str) -> Result<PathBuf, Error> {
    let path = PathBuf::from(out);
    if !path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return Err(Error::input(format!(
            "Báo cáo đã sửa được ghi thành tệp báo cáo .json: hãy ghi tên tệp .json sau “--sua” (không phải “{out}”)."
        )));
    }
    let same = match (Path::new(input).canonicalize(), path.canonicalize()) {
        (Ok(i), Ok(o)) => i == o,
        _ => false,
    };
    if same {
        return Err(Error::input(format!(
            "Tệp “{out}” sau “--sua” trùng với tệp đầu vào. Hãy chọn tên khác để giữ bản gốc."
        )));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Error::input(format!(
            "Không có thư mục “{}” để ghi “{out}”. Hãy tạo thư mục trước hoặc chọn nơi khác.",
            dir.display()
        )));
    }
    Ok(path)
}
