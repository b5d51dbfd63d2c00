//! Shared by the store tests and the store benchmark: the real sample report as a `Report`.
#![allow(dead_code)]

use baocao::model::{Block, Report, Run, Section};

pub const SAMPLE_MD: &str =
    include_str!("../../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

/// The sample report, through the real importer.
pub fn sample_report() -> Report {
    baocao::import::import_text(SAMPLE_MD).expect("the sample report imports")
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
