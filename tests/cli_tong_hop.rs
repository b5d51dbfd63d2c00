//! `baocao tong-hop` through the real binary: exit status 1 with the reasons on stderr when a
//! unit is missing (the summary written all the same), 0 when all are in; the bảng kê CSV;
//! the summary as JSON, PDF (read back with pdftotext) and Word.

#[path = "support/tools.rs"]
mod tools;
#[path = "support/units.rs"]
mod units;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use units::*;

fn baocao(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("tong-hop")
        .args(args)
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .output()
        .expect("the baocao binary runs")
}

fn folder(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("baocao-cli-tonghop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The template and units 1..=5 in `dir`, a roster of `roster` units.
fn setup(dir: &Path, roster: usize) -> (PathBuf, Vec<PathBuf>, PathBuf) {
    let mau = dir.join("mau.json");
    write_json(&mau, &report(None, 4));
    let mut files = Vec::new();
    for u in 1..=5 {
        let p = dir.join(format!("to-{u}.json"));
        write_json(&p, &report(Some(u), 4));
        files.push(p);
    }
    let list = dir.join("don-vi.txt");
    let names: Vec<String> = (1..=roster).map(unit_name).collect();
    std::fs::write(&list, names.join("\n")).unwrap();
    (mau, files, list)
}

fn args<'a>(mau: &'a Path, files: &'a [PathBuf], rest: &[&'a Path]) -> Vec<&'a Path> {
    let mut v = vec![mau];
    v.extend(files.iter().map(PathBuf::as_path));
    v.extend_from_slice(rest);
    v
}

#[test]
fn a_missing_unit_exits_1_with_its_name_and_the_summary_is_written_all_the_same() {
    let dir = folder("missing");
    let (mau, files, list) = setup(&dir, 6);
    let out = dir.join("tong-hop.json");
    let ke = dir.join("bang-ke.csv");
    let o = baocao(&args(
        &mau,
        &files,
        &[
            Path::new("-o"),
            &out,
            Path::new("--bang-ke"),
            &ke,
            Path::new("--danh-sach"),
            &list,
        ],
    ));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("lỗi\tChưa có báo cáo của “Tổ dân phố số 6”."),
        "{stderr}"
    );
    assert!(
        stdout.contains("Tổng hợp từ 5/6 đơn vị (chưa có báo cáo của: Tổ dân phố số 6)."),
        "{stdout}"
    );
    let summary = baocao::model::file::from_json(&std::fs::read(&out).unwrap()).unwrap();
    assert!(baocao::model::walk::block_text(&summary.intro[0]).starts_with("Tổng hợp từ 5/6"));

    // The bảng kê: BOM, header, one line per summed cell, plain decimals, "đơn vị=giá trị; …".
    let csv = String::from_utf8(std::fs::read(&ke).unwrap()).unwrap();
    assert!(csv.starts_with("\u{feff}bảng,hàng,cột,tổng,số đơn vị,chi tiết\r\n"));
    let p: i64 = (1..=5).map(|u| plan(u, 0)).sum();
    let detail: Vec<String> = (1..=5)
        .map(|u| format!("{}={}", unit_name(u), plan(u, 0)))
        .collect();
    let line = format!(
        "Bảng 1 (Kết quả thực hiện các chỉ tiêu),Hòa giải thành,Kế hoạch,{p},5,{}\r\n",
        detail.join("; ")
    );
    assert!(csv.contains(&line), "{line}\n{csv}");
    let money_total: i64 = (1..=5).map(|u| money(u, 0, 0)).sum();
    assert!(
        csv.contains(&format!(",Thu ngân sách,Dự toán (đồng),{money_total},5,")),
        "{csv}"
    );
    // The recognised ratio and the roster are kept beside the template for next time.
    let side = std::fs::read(dir.join("mau.tonghop.json")).unwrap();
    let marks = baocao::consolidate::Marks::from_json(&side).unwrap();
    assert_eq!(marks.roster.len(), 6);
    assert_eq!(marks.ratios.len(), 1);
}

#[test]
fn all_units_in_exit_0_and_the_summary_renders_to_pdf_and_word() {
    let dir = folder("complete");
    let (mau, files, list) = setup(&dir, 5);
    let pdf = dir.join("tong-hop.pdf");
    let o = baocao(&args(
        &mau,
        &files,
        &[Path::new("-o"), &pdf, Path::new("--danh-sach"), &list],
    ));
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    if let Some(pdftotext) = tools::require("pdftotext", "poppler-utils") {
        let t = Command::new(pdftotext).arg(&pdf).arg("-").output().unwrap();
        let text = String::from_utf8_lossy(&t.stdout);
        assert!(text.contains("Tổng hợp từ 5/5 đơn vị."), "{text}");
        let d: i64 = (1..=5).map(|u| done(u, 1)).sum();
        assert!(text.contains(&vn(d)), "{text}");
    }
    let docx = dir.join("tong-hop.docx");
    let o = baocao(&args(&mau, &files, &[Path::new("-o"), &docx]));
    assert_eq!(o.status.code(), Some(0));
    let back = baocao::import::import_docx(&std::fs::read(&docx).unwrap()).unwrap();
    assert_eq!(back.report.trich_yeu, report(None, 4).trich_yeu);
}

#[test]
fn bad_input_is_refused_with_nothing_written() {
    let dir = folder("bad");
    let (mau, files, _) = setup(&dir, 5);
    let out = dir.join("x.txt");
    let o = baocao(&args(&mau, &files, &[Path::new("-o"), &out]));
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains(".json (báo cáo), .pdf hoặc .docx"));
    assert!(!out.exists());
    let o = baocao(&[&mau]);
    assert_eq!(o.status.code(), Some(2));
    // An unreadable unit file is a missing report: named, exit 1.
    let junk = dir.join("hong.docx");
    std::fs::write(&junk, b"not a word file").unwrap();
    let out = dir.join("t.json");
    let mut v = args(&mau, &files, &[Path::new("-o"), &out]);
    v.insert(1, &junk);
    let o = baocao(&v);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("Không đọc được tệp"));
    assert!(out.exists());
}

/// A unit's workbook that claims a cell at XFD1048576 (Excel's last), or a part that inflates
/// to gigabytes: refused with a message that says what to do, the other units summed, no
/// abort. (Read whole, such a sheet is a dense range of 17 billion cells.)
#[test]
fn a_hostile_workbook_is_refused_and_the_others_are_summed() {
    let dir = folder("hostile-xlsx");
    let (mau, files, _) = setup(&dir, 5);
    let far = dir.join("to-6.xlsx");
    std::fs::write(
        &far,
        xlsx_sheet(
            r#"<row r="1"><c r="A1" t="inlineStr"><is><t>STT</t></is></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>"#,
        ),
    )
    .unwrap();
    // 300 MB of the same byte: a few hundred KB once deflated.
    let big = dir.join("to-7.xlsx");
    {
        use std::io::Write;
        // A real workbook's parts, and a shared strings part of 300 MB.
        let good = xlsx_sheet(r#"<row r="1"><c r="A1"><v>1</v></c></row>"#);
        let mut src = zip::ZipArchive::new(std::io::Cursor::new(good)).unwrap();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..src.len() {
            zip.raw_copy_file(src.by_index(i).unwrap()).unwrap();
        }
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        zip.start_file("xl/sharedStrings.xml", opts).unwrap();
        let chunk = vec![b' '; 1 << 20];
        for _ in 0..300 {
            zip.write_all(&chunk).unwrap();
        }
        std::fs::write(&big, zip.finish().unwrap().into_inner()).unwrap();
    }
    let out = dir.join("tong-hop.json");
    let mut a = args(&mau, &files, &[]);
    a.extend([far.as_path(), big.as_path(), Path::new("-o"), out.as_path()]);
    let o = baocao(&a);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("to-6.xlsx") && stderr.contains("hàng 1048576, cột 16384"),
        "{stderr}"
    );
    assert!(
        stderr.contains("to-7.xlsx") && stderr.contains("rất lớn khi giải nén"),
        "{stderr}"
    );
    assert!(stderr.contains("Hãy chép riêng trang số liệu"), "{stderr}");
    let summary = std::fs::read_to_string(&out).expect("the summary is written all the same");
    assert!(
        summary.contains("Tổng hợp từ 5/"),
        "{}",
        &summary[..summary.len().min(400)]
    );
}

/// The marks kept beside the template cannot be written (here the file is read-only, as on a
/// share the clerk may only read): a warning, and the summary written all the same.
#[test]
fn marks_that_cannot_be_kept_beside_the_template_do_not_cost_the_summary() {
    let dir = folder("marks-blocked");
    let (mau, files, _) = setup(&dir, 5);
    let side = dir.join("mau.tonghop.json");
    let names: Vec<String> = (1..=5).map(unit_name).collect();
    std::fs::write(
        &side,
        serde_json::json!({"format": "baocao-tong-hop", "version": 1, "marks": {"roster": names}})
            .to_string(),
    )
    .unwrap();
    let before = std::fs::read(&side).unwrap();
    let mut perm = std::fs::metadata(&side).unwrap().permissions();
    perm.set_readonly(true);
    std::fs::set_permissions(&side, perm).unwrap();
    let out = dir.join("tong-hop.json");
    let o = baocao(&args(&mau, &files, &[Path::new("-o"), &out]));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("Không lưu được danh sách đơn vị") && stderr.contains("vẫn được ghi"),
        "{stderr}"
    );
    assert!(out.exists(), "the summary is written");
    assert_eq!(
        std::fs::read(&side).unwrap(),
        before,
        "the marks file untouched"
    );
}
