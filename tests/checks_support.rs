//! The sample report as a `Report` (through the real importer) and a small clean report, for the
//! checks, the roll-forward and the benchmark. Included by them with `#[path]`; as a test target
//! of its own it only checks that the sample was read.
#![allow(dead_code)]

use baocao::model::{Archive, Block, NoiNhan, Report, Run, Section};

pub const SAMPLE: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

/// The sample report, through the real importer.
pub fn sample() -> Report {
    baocao::import::import_text(SAMPLE).expect("the sample report imports")
}

/// Findings one per line, as `baocao check` lists them, for an assertion's message.
pub fn show(r: &Report, fs: &[baocao::checks::Finding]) -> String {
    fs.iter()
        .map(|f| {
            format!(
                "{}\t{}\t{}",
                f.severity.label(),
                baocao::checks::place(r, &f.location),
                f.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A paragraph block of one plain run.
pub fn para(text: &str) -> Block {
    Block::Paragraph {
        runs: vec![Run::plain(text)],
    }
}

/// A clean, complete small report: the form checks have nothing to say about it.
pub fn clean() -> Report {
    let mut r = sample();
    r.intro = vec![para(
        "Thực hiện Quy chế làm việc của UBND Thành phố, UBND phường báo cáo như sau:",
    )];
    r.body = vec![Section {
        id: "a".into(),
        title: "KẾT QUẢ".into(),
        blocks: vec![para(
            "Đã giải quyết 12.473 hồ sơ trên tổng số 12.707 hồ sơ, đạt tỷ lệ 98,2%.",
        )],
        ..Section::default()
    }];
    r.noi_nhan = NoiNhan {
        recipients: vec!["UBND thành phố".into()],
        archive: Archive {
            units: vec!["VP".into()],
            copies: None,
        },
    };
    r
}

#[test]
fn the_sample_is_read_with_its_outline() {
    let r = sample();
    assert!(
        r.trich_yeu.starts_with("Tình hình hoạt động"),
        "{}",
        r.trich_yeu
    );
    assert!(r.body.len() >= 2, "{}", r.body.len());
    assert_eq!(r.noi_nhan.recipients.len(), 7);
    assert_eq!(r.noi_nhan.archive.units, vec!["VP".to_string()]);
    assert!(r.closing.ends_with("./."));
}
