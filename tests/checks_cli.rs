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

/// The hand-written report with its slips (`{t:ddaauf|đầu}`) as typed, and as `--sua` should
/// leave it: every slip fixed but the dropped letters (`r`), whose suggestions are the user's to
/// choose; with the dropped-letter slips.
fn slips_report() -> (String, String, Vec<String>) {
    let mut rest = include_str!("data/bao-cao-go-nham.md");
    let (mut typed, mut fixed, mut dropped) = (String::new(), String::new(), Vec::new());
    while let Some(open) = rest.find('{') {
        typed.push_str(&rest[..open]);
        fixed.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').unwrap();
        let (kind, pair) = rest[open + 1..close].split_once(':').unwrap();
        let (slip, fix) = pair.split_once('|').unwrap();
        typed.push_str(slip);
        if kind == "r" {
            fixed.push_str(slip);
            dropped.push(slip.to_string());
        } else {
            fixed.push_str(fix);
        }
        rest = &rest[close + 1..];
    }
    typed.push_str(rest);
    fixed.push_str(rest);
    (typed, fixed, dropped)
}

fn texts(r: &baocao::model::Report) -> Vec<String> {
    let mut out = Vec::new();
    baocao::checks::for_each_text(r, &mut |_, t| out.push(t.to_string()));
    out
}

#[test]
fn sua_writes_the_report_with_every_sure_fix_and_lists_what_is_left() {
    let (typed, fixed, dropped) = slips_report();
    let dir = std::env::temp_dir().join(format!("baocao-check-sua-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("gõ nhầm.md");
    std::fs::write(&input, &typed).unwrap();
    let out_path = dir.join("đã sửa.json");
    let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("check")
        .arg(&input)
        .args(["--ngay", "20/10/2026", "--sua"])
        .arg(&out_path)
        .env("BAOCAO_DATA_DIR", dir.join("du-lieu"))
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    let written = std::fs::read(&out_path);
    // A name that is no .json, and the input itself, are refused before anything is written.
    let refused: Vec<_> = [dir.join("ra.md"), input.clone()]
        .iter()
        .map(|bad| {
            Command::new(env!("CARGO_BIN_EXE_baocao"))
                .arg("check")
                .arg(&input)
                .arg("--sua")
                .arg(bad)
                .output()
                .unwrap()
        })
        .collect();
    let md_written = dir.join("ra.md").exists();
    let input_after = std::fs::read_to_string(&input).unwrap();
    std::fs::remove_dir_all(&dir).ok();

    let written = written.unwrap_or_else(|e| panic!("{e}\n{stdout}{stderr}"));
    let got = baocao::model::file::from_json(&written).unwrap();
    let want = baocao::import::import_text(&fixed).unwrap();
    assert_eq!(texts(&got), texts(&want), "{stderr}");
    assert!(stderr.contains("Đã sửa"), "{stderr}");
    // Left: the dropped letters, each a warning with its suggestion; no lỗi of spelling.
    for w in &dropped {
        assert!(
            stdout
                .lines()
                .any(|l| l.starts_with("cảnh báo\t") && l.contains(&format!("“{w}”"))),
            "{w} not listed:\n{stdout}"
        );
    }
    assert!(
        !stdout.contains("gõ nhầm")
            && !stdout.contains("Dấu thanh")
            && !stdout.contains("hai kiểu"),
        "{stdout}"
    );
    for o in &refused {
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("--sua"));
    }
    assert!(!md_written);
    assert_eq!(input_after, typed);
}
