//! "Trang in thử" (issue 16, item 6) read back from its PDF as a reader would: the centimetre
//! numbers of both rulers 100 mm apart (pdftotext -bbox), the ruler lines themselves 100 mm long
//! and the text box at the report's margins (the page's display list), on one A4 page.

#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/tools.rs"]
mod tools;

use baocao::layout::test_page::{test_page, RULER_MM};
use baocao::model::LayoutSettings;
use baocao::page::{mm, DocInfo, Document};
use baocao::paint::pdf::write_pdf;
use baocao::text::{FontSet, Measurer};

/// Points per millimetre: 100 mm is 283.46 pt.
const HUNDRED_MM_PT: f32 = 283.464_57;

#[test]
fn the_rulers_of_the_test_page_pdf_are_100_mm() {
    if tools::require("pdftotext", "apt install poppler-utils").is_none() {
        return;
    }
    let m = Measurer::new(FontSet::get());
    let settings = LayoutSettings {
        margin_left_mm: 32.0,
        ..LayoutSettings::default()
    };
    let doc = Document {
        pages: vec![test_page(&settings, &m)],
        info: DocInfo {
            title: "Trang in thử".into(),
            ..Default::default()
        },
    };
    let bytes = write_pdf(&doc, FontSet::get(), chrono::Local::now().naive_local()).unwrap();
    let dir = std::env::temp_dir().join(format!("baocao-trang-in-thu-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("Trang in thử.pdf");
    std::fs::write(&file, bytes).unwrap();
    if let Some(keep) = std::env::var_os("BAOCAO_KEEP_PRINT") {
        let _ = std::fs::copy(&file, std::path::Path::new(&keep).join("trang-in-thu.pdf"));
    }

    let info = poppler::pdfinfo(&file);
    assert_eq!(info.pages, 1);
    assert!(info.page_size.contains("(A4)"), "{}", info.page_size);
    let words = poppler::pdftotext_bbox(&file);
    let text: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    assert!(text.contains(&"THỬ"), "{text:?}");
    assert!(text.contains(&"32"), "the left margin written: {text:?}");

    // Horizontal ruler: "0" and "10" on one baseline, centred on the first and last tick.
    let on_line = |a: &poppler::BoxedWord, b: &poppler::BoxedWord| (a.y_max - b.y_max).abs() < 0.5;
    let centre = |w: &poppler::BoxedWord| (w.x_min + w.x_max) / 2.0;
    let zeros: Vec<_> = words.iter().filter(|w| w.text == "0").collect();
    let tens: Vec<_> = words.iter().filter(|w| w.text == "10").collect();
    assert_eq!((zeros.len(), tens.len()), (2, 2), "{text:?}");
    let (h0, h10) = zeros
        .iter()
        .flat_map(|z| tens.iter().map(move |t| (*z, *t)))
        .find(|(z, t)| on_line(z, t))
        .expect("the horizontal ruler's 0 and 10 on one line");
    let across = centre(h10) - centre(h0);
    assert!(
        (across - HUNDRED_MM_PT).abs() < 0.3,
        "horizontal ruler: {across} pt between 0 and 10 cm"
    );
    // Vertical ruler: the other "0" and "10", one above the other, 100 mm apart.
    let v0 = zeros.iter().find(|z| !std::ptr::eq(**z, h0)).unwrap();
    let v10 = tens.iter().find(|t| !std::ptr::eq(**t, h10)).unwrap();
    let down = v10.y_max - v0.y_max;
    assert!(
        (down - HUNDRED_MM_PT).abs() < 0.3,
        "vertical ruler: {down} pt between 0 and 10 cm"
    );
    assert!((v0.x_min - v10.x_min).abs() < 0.5);

    // The ruler lines themselves, from the display list the PDF was drawn from.
    let lines: Vec<f32> = doc.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            baocao::page::Item::Rule { x1, y1, x2, y2, .. } => {
                Some(((x2 - x1).powi(2) + (y2 - y1).powi(2)).sqrt())
            }
            _ => None,
        })
        .filter(|l| *l > mm(50.0))
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    for l in lines {
        assert!((l - mm(RULER_MM)).abs() < 0.001, "{l}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
