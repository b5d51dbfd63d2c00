//! Shared by the store tests and the store benchmark: the real sample report as a `Report`.
#![allow(dead_code)]

use baocao::model::{Block, Label, Report, Run, Section};

pub const SAMPLE_MD: &str =
    include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

/// The sample report: through the importer once it reads Markdown; until then (the importer is
/// written in parallel) a plain reading of the same file, headings as sections and every other
/// line as a paragraph, so that sizes and timings are those of the real text.
pub fn sample_report() -> Report {
    if let Ok(r) = baocao::import::import_text(SAMPLE_MD) {
        if !r.body.is_empty() {
            return r;
        }
    }
    let mut report = Report {
        doc_type: "BÁO CÁO".into(),
        trich_yeu: "Tình hình hoạt động chỉ đạo, điều hành 06 tháng đầu năm và nhiệm vụ trọng tâm 06 tháng cuối năm 2026".into(),
        place: "Bạch Mai".into(),
        ..Report::default()
    };
    report.issuer.name_lines = vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()];
    report.issuer.symbol = "BC-UBND".into();
    let mut n = 0;
    for line in SAMPLE_MD.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if let Some(h) = line.strip_prefix('#') {
            n += 1;
            report.body.push(Section {
                id: format!("s{n}"),
                label: Label::None,
                title: h
                    .trim_matches(|c| c == '#' || c == '*' || c == ' ')
                    .to_string(),
                ..Section::default()
            });
        } else {
            let block = Block::Paragraph {
                runs: vec![Run::plain(line)],
            };
            match report.body.last_mut() {
                Some(s) => s.blocks.push(block),
                None => report.intro.push(block),
            }
        }
    }
    report
}

/// Every paragraph of the report, in order, for tests that edit "one paragraph".
pub fn paragraphs_mut(r: &mut Report) -> Vec<&mut Vec<Run>> {
    fn walk<'a>(s: &'a mut [Section], out: &mut Vec<&'a mut Vec<Run>>) {
        for sec in s {
            for b in &mut sec.blocks {
                if let Block::Paragraph { runs } = b {
                    out.push(runs);
                }
            }
            walk(&mut sec.children, out);
        }
    }
    let mut out = Vec::new();
    for b in &mut r.intro {
        if let Block::Paragraph { runs } = b {
            out.push(runs);
        }
    }
    walk(&mut r.body, &mut out);
    out
}

/// A temporary data folder whose path has Vietnamese letters and spaces, as a user's would.
pub fn data_dir() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("Dữ liệu Báo cáo của tôi");
    (tmp, dir)
}
