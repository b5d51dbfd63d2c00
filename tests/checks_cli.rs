//! `baocao check` from the command line: one finding per line, exit 1 on errors.

#[path = "checks_support.rs"]
mod support;

use std::process::Command;

fn run(report: &baocao::model::Report, name: &str) -> (i32, String, String) {
    let dir = std::env::temp_dir().join(format!("baocao-check-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bao-cao.json");
    std::fs::write(&path, baocao::model::file::to_json(report)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["check", path.to_str().unwrap(), "--ngay", "20/06/2026"])
        // A data folder with no store: no agency dictionary of this machine's user counts.
        .env("BAOCAO_DATA_DIR", dir.join("du-lieu"))
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_sample_s_errors_are_printed_one_per_line_and_fail_the_command() {
    let (code, out, err) = run(&support::sample(), "sample");
    assert_eq!(code, 1, "{out}{err}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines.len(), 4, "{out}");
    assert!(
        lines.iter().all(|l| l.len() == 3 && !l[1].is_empty()),
        "{out}"
    );
    assert_eq!(lines[0][0], "lỗi");
    assert!(lines[0][1].starts_with("Mục II."), "{out}");
    assert!(
        lines
            .iter()
            .any(|l| l[0] == "cảnh báo" && l[2].contains("4,1%")),
        "{out}"
    );
    assert!(err.contains("2 lỗi, 2 cảnh báo, 0 gợi ý"), "{err}");
}

#[test]
fn warnings_alone_do_not_fail_the_command() {
    let mut r = support::clean();
    r.noi_nhan.archive.units.clear();
    let (code, out, _) = run(&r, "hint");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out.lines().count(), 1);
    assert!(out.starts_with("gợi ý\tDòng lưu\t"), "{out}");
    let (code, out, err) = run(&support::clean(), "clean");
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(err.contains("Không thấy"), "{err}");
}

#[test]
fn spelling_slips_are_printed_with_their_fix() {
    let mut r = support::clean();
    r.intro = vec![support::para(
        "Kết quả ddaauf tiên: ngừơi dân đọc tin vie65t nam; công tác trườg học.",
    )];
    let (code, out, err) = run(&r, "spelling");
    assert_eq!(code, 1, "{out}{err}");
    for line in [
        "lỗi\tMở đầu, đoạn 1\tCó thể gõ nhầm: “ddaauf” → “đầu”",
        "lỗi\tMở đầu, đoạn 1\tCó thể gõ nhầm: “vie65t” → “việt”",
        "lỗi\tMở đầu, đoạn 1\tDấu thanh đặt sai chỗ: “ngừơi” → “người”",
        "cảnh báo\tMở đầu, đoạn 1\t“trườg” không phải là chữ tiếng Việt",
    ] {
        assert!(out.lines().any(|l| l.starts_with(line)), "{line}\n{out}");
    }
    assert_eq!(out.lines().count(), 4, "{out}");
    assert!(err.contains("3 lỗi, 1 cảnh báo, 0 gợi ý"), "{err}");
}

#[test]
fn a_wrong_date_option_is_said_in_vietnamese() {
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(["check", "khong-co.json", "--ngay", "2026-06-20"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--ngay"));
}
