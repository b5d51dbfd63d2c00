//! The engine's own PDF of the sample measured as a finished document (words through poppler,
//! drawn rules through lopdf) against the decree's rules: the same checks
//! `tests/docx_libreoffice.rs` runs on LibreOffice's PDF of our `.docx`
//! (`tests/support/nd30_pdf.rs`).

#[path = "support/nd30_pdf.rs"]
mod nd30_pdf;
#[path = "support/pdf_rules.rs"]
mod pdf_rules;
#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/sample_words.rs"]
mod sample_words;

use std::path::PathBuf;
use std::sync::OnceLock;

use baocao::page::{Document, Item, Page};
use baocao::text::{FontSet, Measurer};
use nd30_pdf::{Expect, Measured};

fn created() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(8, 30, 0))
        .expect("a date")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-pdf-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// The sample's PDF as `baocao render` writes it, measured once for every test here.
fn sample() -> &'static (PathBuf, Measured, Expect) {
    static PDF: OnceLock<(PathBuf, Measured, Expect)> = OnceLock::new();
    PDF.get_or_init(|| {
        let e = Expect::sample();
        let m = Measurer::new(FontSet::get());
        let doc = baocao::layout::layout(&e.report, &m);
        let bytes = baocao::paint::pdf::write_pdf(&doc, FontSet::get(), created()).expect("a PDF");
        let path = scratch("mau.pdf");
        std::fs::write(&path, bytes).expect("written");
        let measured = nd30_pdf::measure(&path);
        (path, measured, e)
    })
}

#[test]
fn pages_are_a4() {
    let (_, m, _) = sample();
    nd30_pdf::pages_are_a4(m);
}

#[test]
fn text_stays_in_the_margins() {
    let (_, m, e) = sample();
    nd30_pdf::text_stays_in_the_margins(m, e);
}

#[test]
fn header_columns() {
    let (_, m, e) = sample();
    nd30_pdf::header_columns(m, e);
}

#[test]
fn header_rules() {
    let (_, m, e) = sample();
    nd30_pdf::header_rules(m, e);
}

#[test]
fn so_and_date_on_one_baseline() {
    let (_, m, e) = sample();
    nd30_pdf::so_and_date_on_one_baseline(m, e);
}

#[test]
fn title_and_its_rule() {
    let (_, m, e) = sample();
    nd30_pdf::title_and_its_rule(m, e);
}

#[test]
fn page_numbers_from_page_two() {
    let (_, m, e) = sample();
    nd30_pdf::page_numbers_from_page_two(m, e);
}

#[test]
fn body_justified_with_indent() {
    let (_, m, e) = sample();
    nd30_pdf::body_justified_with_indent(m, e);
}

#[test]
fn closing_sizes_and_baseline() {
    let (_, m, e) = sample();
    nd30_pdf::closing_sizes_and_baseline(m, e);
}

#[test]
fn every_word_in_order() {
    let (pdf, _, _) = sample();
    nd30_pdf::every_word_in_order(pdf);
}

/// The rule reader itself: a rule and a box drawn at known places are found where they were
/// drawn, the box's edges not taken for rules.
#[test]
fn the_rule_reader_finds_what_was_drawn() {
    let page = Page {
        width: baocao::page::A4_WIDTH,
        height: baocao::page::A4_HEIGHT,
        number: None,
        items: vec![
            Item::Rule {
                x1: 100.0,
                y1: 200.5,
                x2: 180.25,
                y2: 200.5,
                width: 0.6,
            },
            Item::Rect {
                x: 50.0,
                y: 300.0,
                w: 120.0,
                h: 24.0,
                width: 0.5,
            },
        ],
    };
    let doc = Document {
        pages: vec![page],
        info: Default::default(),
    };
    let bytes = baocao::paint::pdf::write_pdf(&doc, FontSet::get(), created()).expect("a PDF");
    let path = scratch("rules.pdf");
    std::fs::write(&path, bytes).expect("written");
    let d = pdf_rules::drawings(&path);
    assert_eq!(d.len(), 1);
    let rules = d[0].hrules();
    assert_eq!(rules.len(), 1, "{rules:?}");
    let r = rules[0];
    assert!(
        (r.x1 - 100.0).abs() < 0.01 && (r.x2 - 180.25).abs() < 0.01,
        "{r:?}"
    );
    assert!(
        (r.y - 200.5).abs() < 0.01 && (r.thickness - 0.6).abs() < 0.01,
        "{r:?}"
    );
    let boxes = d[0].boxes();
    assert_eq!(boxes.len(), 1, "{boxes:?}");
    let b = boxes[0];
    assert!(
        (b.x - 50.0).abs() < 0.01
            && (b.y - 300.0).abs() < 0.01
            && (b.w - 120.0).abs() < 0.01
            && (b.h - 24.0).abs() < 0.01,
        "{b:?}"
    );
}
