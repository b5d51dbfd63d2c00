//! The `.docx` of the sample as `baocao render` writes it, converted to PDF by LibreOffice
//! (headless), measured with the very checks the engine's own PDF passes
//! (`tests/support/nd30_pdf.rs`, used by `tests/pdf_rules.rs` too): a Word user opens a file
//! laid out as Nghị định 30 asks, as close to our PDF as another program's pagination allows.
//! A table with merged cells, through our `.docx` and LibreOffice, draws the same boxes: its
//! rules read back from the PDF (`tests/support/pdf_rules.rs`) have none inside a merged cell.
//!
//! Needs `soffice` (Debian `libreoffice-writer-nogui`) and Liberation Serif (`fonts-liberation2`,
//! LibreOffice's stand-in for Times New Roman); skips without them, fails under `CI`.

#[path = "support/nd30_pdf.rs"]
mod nd30_pdf;
#[path = "support/pdf_rules.rs"]
mod pdf_rules;
#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/sample_words.rs"]
mod sample_words;
#[path = "support/tables.rs"]
mod tables;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use baocao::text::{FontSet, Measurer};
use nd30_pdf::{Expect, Measured};

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-docx-lo-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `baocao render INPUT -o OUT.docx`, the way a user runs it.
fn render_docx(input: &Path, out: &Path) {
    let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("render")
        .arg(input)
        .arg("-o")
        .arg(out)
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .output()
        .expect("the baocao binary runs");
    assert!(
        o.status.success(),
        "render failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

/// LibreOffice's PDF of the sample's `.docx`, measured once for every test here; `None` when
/// LibreOffice is missing (and not under CI).
fn sample() -> Option<&'static (PathBuf, Measured, Expect)> {
    static PDF: OnceLock<Option<(PathBuf, Measured, Expect)>> = OnceLock::new();
    PDF.get_or_init(|| {
        let soffice = nd30_pdf::soffice()?;
        let dir = folder("mau");
        let docx = dir.join("bao-cao-mau.docx");
        render_docx(Path::new(nd30_pdf::SAMPLE_PATH), &docx);
        let pdf = nd30_pdf::libreoffice_pdf(soffice, &docx, &dir);
        let measured = nd30_pdf::measure(&pdf);
        Some((pdf, measured, Expect::sample()))
    })
    .as_ref()
}

#[test]
fn pages_are_a4() {
    let Some((_, m, _)) = sample() else { return };
    nd30_pdf::pages_are_a4(m);
}

#[test]
fn text_stays_in_the_margins() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::text_stays_in_the_margins(m, e);
}

#[test]
fn header_columns() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::header_columns(m, e);
}

#[test]
fn header_rules() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::header_rules(m, e);
}

#[test]
fn so_and_date_on_one_baseline() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::so_and_date_on_one_baseline(m, e);
}

#[test]
fn title_and_its_rule() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::title_and_its_rule(m, e);
}

#[test]
fn page_numbers_from_page_two() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::page_numbers_from_page_two(m, e);
}

#[test]
fn body_justified_with_indent() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::body_justified_with_indent(m, e);
}

#[test]
fn closing_sizes_and_baseline() {
    let Some((_, m, e)) = sample() else { return };
    nd30_pdf::closing_sizes_and_baseline(m, e);
}

#[test]
fn every_word_in_order() {
    let Some((pdf, _, _)) = sample() else { return };
    nd30_pdf::every_word_in_order(pdf);
}

/// Word's pagination is its own, but it must not drift far from ours: within a page.
#[test]
fn page_count_within_one_of_our_pdf() {
    let Some((_, m, e)) = sample() else { return };
    let ours = baocao::layout::layout(&e.report, &Measurer::new(FontSet::get()))
        .pages
        .len();
    let theirs = m.pages();
    assert!(
        theirs.abs_diff(ours) <= 1,
        "LibreOffice makes {theirs} pages of the .docx, the engine {ours}"
    );
}

/// A report with appendices: each appendix starts a section of its own, landscape where the
/// appendix is, numbered from 1 with no number on its first page.
#[test]
fn appendices_are_sections_numbered_on_their_own_landscape_where_asked() {
    let Some(soffice) = nd30_pdf::soffice() else {
        return;
    };
    let mut r = baocao::import::import_text(nd30_pdf::SAMPLE).expect("the sample imports");
    let long: String =
        "Tổng hợp số liệu thu, chi ngân sách của phường theo từng nội dung. ".repeat(60);
    r.appendices = vec![
        baocao::model::Appendix {
            id: "pl1".into(),
            title: "Số liệu thu chi ngân sách".into(),
            intro: vec![baocao::model::Block::Paragraph {
                runs: vec![baocao::model::Run::plain(long.trim())],
            }],
            body: Vec::new(),
            landscape: true,
        },
        baocao::model::Appendix {
            id: "pl2".into(),
            title: "Danh sách tổ dân phố".into(),
            intro: vec![baocao::model::Block::Paragraph {
                runs: vec![baocao::model::Run::plain("Gồm 108 tổ dân phố.")],
            }],
            body: Vec::new(),
            landscape: false,
        },
    ];
    let dir = folder("phu-luc");
    let json = dir.join("bao-cao.json");
    std::fs::write(&json, baocao::model::file::to_json(&r)).expect("written");
    let docx = dir.join("bao-cao.docx");
    render_docx(&json, &docx);
    let pdf = nd30_pdf::libreoffice_pdf(soffice, &docx, &dir);
    let m = nd30_pdf::measure(&pdf);
    let e = Expect::sample();
    nd30_pdf::pages_are_a4(&m);
    // Find the appendices' first pages by their labels.
    let starts: Vec<usize> = ["Phụ lục I", "Phụ lục II"]
        .iter()
        .map(|label| {
            (1..=m.pages())
                .find(|&p| {
                    m.lines(p)
                        .iter()
                        .any(|l| l.text() == *label && l.base > e.top())
                })
                .unwrap_or_else(|| panic!("no page starts {label}"))
        })
        .collect();
    let (w1, h1) = m.page_size(starts[0]);
    assert!(w1 > h1, "appendix I is landscape");
    let (w2, h2) = m.page_size(starts[1]);
    assert!(w2 < h2, "appendix II is portrait");
    assert!(
        starts[1] - starts[0] >= 2,
        "appendix I takes two pages or more"
    );
    for (k, &start) in starts.iter().enumerate() {
        let top_words = |p: usize| -> Vec<String> {
            m.words_on(p)
                .filter(|w| w.y_max < e.top() - 0.5)
                .map(|w| w.text.clone())
                .collect()
        };
        assert!(
            top_words(start).is_empty(),
            "appendix {k}: number on its first page"
        );
        if k == 0 {
            assert_eq!(top_words(start + 1), ["2"], "appendix I numbered from 1");
        }
    }
    // The body before the appendices keeps its own numbers: its last page is not renumbered.
    assert_eq!(
        m.words_on(starts[0] - 1)
            .filter(|w| w.y_max < e.top() - 0.5)
            .map(|w| w.text.clone())
            .collect::<Vec<_>>(),
        [(starts[0] - 1).to_string()]
    );
}

/// Horizontal and vertical rules of a page, stroked or drawn as thin filled bars:
/// (x1, y1, x2, y2) with x1 ≤ x2, y1 ≤ y2.
fn rules_of(p: &pdf_rules::PageDrawing) -> Vec<(f32, f32, f32, f32)> {
    let mut out: Vec<(f32, f32, f32, f32)> = p
        .segments
        .iter()
        .filter(|s| (s.y1 - s.y2).abs() < 0.1 || (s.x1 - s.x2).abs() < 0.1)
        .map(|s| {
            (
                s.x1.min(s.x2),
                s.y1.min(s.y2),
                s.x1.max(s.x2),
                s.y1.max(s.y2),
            )
        })
        .collect();
    for r in &p.rects {
        if r.filled && (r.h <= 2.0 || r.w <= 2.0) {
            out.push((r.x, r.y, r.x + r.w, r.y + r.h));
        } else if !r.filled {
            // A stroked box: its four sides.
            out.push((r.x, r.y, r.x + r.w, r.y));
            out.push((r.x, r.y + r.h, r.x + r.w, r.y + r.h));
            out.push((r.x, r.y, r.x, r.y + r.h));
            out.push((r.x + r.w, r.y, r.x + r.w, r.y + r.h));
        }
    }
    out
}

/// Is there a vertical rule at some x in (x1, x2) crossing height y?
fn vertical_between(rules: &[(f32, f32, f32, f32)], x1: f32, x2: f32, y: f32) -> bool {
    rules.iter().any(|r| {
        (r.2 - r.0) <= 2.0 && r.0 > x1 && r.2 < x2 && r.1 < y && r.3 > y && (r.3 - r.1) > 2.0
    })
}

/// Is there a horizontal rule at some y in (y1, y2) crossing x?
fn horizontal_between(rules: &[(f32, f32, f32, f32)], y1: f32, y2: f32, x: f32) -> bool {
    rules.iter().any(|r| {
        (r.3 - r.1) <= 2.0 && r.1 > y1 && r.3 < y2 && r.0 < x && r.2 > x && (r.2 - r.0) > 2.0
    })
}

/// A header of two rows ("STT" and "Lĩnh vực" merged down, "Kết quả giải quyết" across
/// "Đúng hạn | Quá hạn") written by `baocao render` as .docx and printed by LibreOffice: the
/// rules are there (LibreOffice once drew none of our tables' rules), and none crosses a
/// merged cell.
#[test]
fn merged_cells_of_our_docx_are_the_same_boxes_in_libreoffice() {
    use baocao::model::{CellSpan, Table};
    use tables::{cell, report_with};
    let Some(soffice) = nd30_pdf::soffice() else {
        return;
    };
    let row = |cs: &[&str]| cs.iter().map(|c| cell(c)).collect::<Vec<_>>();
    let t = Table {
        header_rows: 2,
        rows: vec![
            row(&["STT", "Lĩnh vực", "Kết quả giải quyết", ""]),
            row(&["", "", "Đúng hạn", "Quá hạn"]),
            row(&["1", "Hộ tịch", "1.300", "40"]),
            row(&["2", "Chứng thực", "860", "12"]),
        ],
        spans: vec![
            CellSpan::new(0, 0, 2, 1),
            CellSpan::new(0, 1, 2, 1),
            CellSpan::new(0, 2, 1, 2),
        ],
        ..Default::default()
    };
    let report = report_with(t);
    let dir = folder("gop-o");
    let json = dir.join("bang-gop-o.json");
    std::fs::write(&json, baocao::model::file::to_json(&report)).unwrap();
    let docx = dir.join("bang-gop-o.docx");
    render_docx(&json, &docx);
    let pdf = nd30_pdf::libreoffice_pdf(soffice, &docx, &dir);
    let words = poppler::pdftotext_bbox(&pdf);
    let word = |w: &str| {
        words
            .iter()
            .find(|b| b.text == w)
            .unwrap_or_else(|| panic!("{w} not in LibreOffice's PDF"))
            .clone()
    };
    let (ket, dung, qua_han, stt, ho) = (
        word("Kết"),
        word("Đúng"),
        word("Quá"),
        word("STT"),
        word("Hộ"),
    );
    let page = &pdf_rules::drawings(&pdf)[ket.page - 1];
    let rules = rules_of(page);
    // Under "Kết quả giải quyết" the two columns are split by a rule…
    let y_under = (dung.y_min + dung.y_max) / 2.0;
    assert!(
        vertical_between(&rules, dung.x_max, qua_han.x_min, y_under),
        "a rule between Đúng hạn and Quá hạn: {rules:?}"
    );
    // …but not across the merged cell above them.
    let y_head = (ket.y_min + ket.y_max) / 2.0;
    assert!(
        !vertical_between(&rules, dung.x_max, qua_han.x_min, y_head),
        "no rule inside “Kết quả giải quyết”: {rules:?}"
    );
    // The header's two rows are split by a rule under "Kết quả giải quyết"… (Word boxes of
    // LibreOffice's PDF take the font's whole height, so rows are told apart by their middles.)
    let mid = |w: &poppler::BoxedWord| (w.y_min + w.y_max) / 2.0;
    let x_ket = (dung.x_min + dung.x_max) / 2.0;
    assert!(
        horizontal_between(&rules, mid(&ket), mid(&dung), x_ket),
        "a rule between the two header lines under Kết quả: {rules:?}"
    );
    // …but "STT", merged down both, is one box: no rule across it until the body.
    let x_stt = (stt.x_min + stt.x_max) / 2.0;
    assert!(
        !horizontal_between(&rules, mid(&ket), mid(&dung), x_stt),
        "no rule inside “STT”: {rules:?}"
    );
    assert!(
        horizontal_between(&rules, mid(&dung), mid(&ho), x_stt),
        "the body starts under STT with a rule: {rules:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
