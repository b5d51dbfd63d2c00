//! The PDF painter, read back as a reader would: poppler's pdfinfo, pdffonts, pdftotext and
//! pdftoppm, and lopdf for what poppler does not print (the catalog's /Lang).
//!
//! The documents here are made by hand (words of the real sample set on lines by a crude
//! filler), so that the painter is tested on its own; `cli_render.rs` tests the whole chain.

#[path = "support/poppler.rs"]
mod poppler;

use std::path::{Path, PathBuf};

use baocao::page::{DocInfo, Document, Item, Page, TextItem, A4_HEIGHT, A4_WIDTH};
use baocao::paint::pdf::write_pdf;
use baocao::text::{Face, FontSet, Measurer};
use chrono::NaiveDate;

const SAMPLE: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

fn created() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(8, 30, 5))
        .expect("valid date")
}

/// A scratch file path unique to this test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-pdf-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn write(doc: &Document, name: &str) -> PathBuf {
    let bytes = write_pdf(doc, FontSet::get(), created()).expect("PDF written");
    let path = scratch(name);
    std::fs::write(&path, bytes).expect("PDF saved");
    path
}

/// The sample's words without Markdown markers: what a reader must find in the PDF.
fn sample_words() -> Vec<String> {
    let text = SAMPLE
        .replace("<sup>", "")
        .replace("</sup>", "")
        .replace(['*', '#'], "");
    text.split_whitespace()
        .filter(|w| *w != "-" && *w != "|")
        .map(baocao::text::nfc)
        .collect()
}

/// Sets `words` on A4 pages, left to right and top to bottom, one text item per word with its
/// trailing space (as the layout does), alternating faces every few lines.
fn filled(words: &[String]) -> Document {
    let m = Measurer::new(FontSet::get());
    let (left, right, top, bottom, size, lead) = (85.0, 56.7, 57.0, 57.0, 14.0, 20.0);
    let mut pages = Vec::new();
    let mut items = Vec::new();
    let (mut x, mut y, mut line) = (left, top + size, 0usize);
    for w in words {
        let face = Face::ALL[(line / 7) % 4];
        let text = format!("{w} ");
        let width = m.width(face, &text, size);
        if x + width > A4_WIDTH - right && x > left {
            x = left;
            y += lead;
            line += 1;
            if y > A4_HEIGHT - bottom {
                pages.push(page(std::mem::take(&mut items)));
                y = top + size;
            }
        }
        items.push(Item::Text(TextItem {
            x,
            y,
            size,
            face,
            text,
            width,
            source: None,
        }));
        x += width;
    }
    pages.push(page(items));
    Document {
        pages,
        info: DocInfo {
            title: "Tình hình hoạt động chỉ đạo, điều hành 06 tháng đầu năm".into(),
            author: "Ủy ban nhân dân phường Bạch Mai".into(),
            subject: "Báo cáo 6 tháng đầu năm 2026".into(),
        },
    }
}

fn page(items: Vec<Item>) -> Page {
    Page {
        width: A4_WIDTH,
        height: A4_HEIGHT,
        number: None,
        items,
    }
}

#[test]
fn pages_are_a4_and_the_version_is_at_least_1_4() {
    let path = write(&filled(&sample_words()), "a4.pdf");
    let info = poppler::pdfinfo(&path);
    assert!(info.pages > 5, "{info:?}");
    assert_eq!(info.page_size, "595.28 x 841.89 pts (A4)");
    assert!(info.version_number() >= 1.4, "{info:?}");
}

#[test]
fn every_font_is_embedded_subset_and_tagged_with_its_postscript_name() {
    let path = write(&filled(&sample_words()), "fonts.pdf");
    let rows = poppler::pdffonts(&path);
    assert_eq!(rows.len(), 4, "the four faces are used: {rows:?}");
    for r in &rows {
        assert!(r.embedded && r.subset && r.unicode, "{r:?}");
        assert!(r.has_subset_tag(), "{r:?}");
    }
    let mut names: Vec<&str> = rows.iter().map(|r| r.base_name()).collect();
    names.sort_unstable();
    let fonts = FontSet::get();
    let mut expected: Vec<&str> = Face::ALL
        .iter()
        .map(|f| fonts.face(*f).postscript_name.as_str())
        .collect();
    expected.sort_unstable();
    assert_eq!(names, expected);
}

#[test]
fn unused_faces_are_not_embedded() {
    let mut doc = filled(&sample_words()[..40]);
    for p in &mut doc.pages {
        for it in &mut p.items {
            if let Item::Text(t) = it {
                t.face = Face::Regular;
            }
        }
    }
    let rows = poppler::pdffonts(&write(&doc, "one-face.pdf"));
    assert_eq!(rows.len(), 1, "{rows:?}");
}

#[test]
fn every_word_is_extracted_in_order_with_its_spaces() {
    let words = sample_words();
    let path = write(&filled(&words), "words.pdf");
    let text = poppler::pdftotext(&path);
    let found = poppler::words(&text);
    // Nothing missing and nothing glued together: the same words, one for one.
    if let Some((i, w)) = poppler::missing_in_order(&words, &found) {
        panic!("word {i} “{w}” missing or out of order");
    }
    assert_eq!(found.len(), words.len());
    // Searchable as typed: the extracted text is NFC, with the precomposed letters.
    assert_eq!(baocao::text::nfc(&text), text);
    assert!(text.contains("phường Bạch Mai"), "{}", &text[..300]);
}

#[test]
fn lang_is_vietnamese() {
    let path = write(&filled(&sample_words()[..30]), "lang.pdf");
    let doc = lopdf::Document::load(&path).expect("lopdf reads it back");
    let catalog = doc.catalog().expect("catalog");
    let lang = catalog
        .get(b"Lang")
        .and_then(|o| o.as_str())
        .expect("/Lang");
    assert_eq!(lang, b"vi");
}

#[test]
fn document_information_is_set() {
    let path = write(&filled(&sample_words()[..30]), "info.pdf");
    let info = poppler::pdfinfo(&path);
    assert_eq!(
        info.get("Title"),
        "Tình hình hoạt động chỉ đạo, điều hành 06 tháng đầu năm"
    );
    assert_eq!(info.get("Author"), "Ủy ban nhân dân phường Bạch Mai");
    assert_eq!(info.get("Subject"), "Báo cáo 6 tháng đầu năm 2026");
    assert!(
        info.get("CreationDate").starts_with("2026-07-15T08:30:05"),
        "{info:?}"
    );
}

#[test]
fn the_same_document_gives_the_same_bytes() {
    let doc = filled(&sample_words()[..200]);
    let a = write_pdf(&doc, FontSet::get(), created()).expect("first");
    let b = write_pdf(&doc, FontSet::get(), created()).expect("second");
    assert!(a == b, "two renders of one document differ");
}

#[test]
fn landscape_pages_keep_their_size() {
    let mut doc = filled(&sample_words()[..30]);
    doc.pages.push(Page {
        width: A4_HEIGHT,
        height: A4_WIDTH,
        number: Some(1),
        items: Vec::new(),
    });
    let path = write(&doc, "landscape.pdf");
    let info = poppler::pdfinfo_all_pages(&path, 2);
    assert_eq!(info.get("Page    1 size"), "595.28 x 841.89 pts (A4)");
    assert!(
        info.get("Page    2 size")
            .starts_with("841.89 x 595.28 pts"),
        "{info:?}"
    );
}

/// Rules and boxes are drawn black where the display list puts them (top-left, y down): the
/// page is rendered by poppler and the pixels are looked at.
#[test]
fn rules_and_boxes_are_drawn_where_they_belong() {
    let doc = Document {
        pages: vec![page(vec![
            // A rule 1/3 down the page, from x = 100 to 300 pt.
            Item::Rule {
                x1: 100.0,
                y1: 280.0,
                x2: 300.0,
                y2: 280.0,
                width: 1.0,
            },
            // A box near the top right.
            Item::Rect {
                x: 400.0,
                y: 50.0,
                w: 120.0,
                h: 40.0,
                width: 1.0,
            },
        ])],
        info: DocInfo::default(),
    };
    let path = write(&doc, "rules.pdf");
    let img = render_gray(&path, 72);
    let dark = |x: usize, y: usize| img.at(x, y) < 128;
    // Along the rule (1 px = 1 pt at 72 dpi), and nothing just above or below it.
    assert!(dark(200, 280) || dark(200, 279), "rule missing");
    assert!(
        !dark(200, 270) && !dark(200, 290),
        "rule too thick or misplaced"
    );
    assert!(!dark(50, 280) && !dark(350, 280), "rule too long");
    // The box's four sides, and an empty inside (stroked, not filled).
    assert!(dark(460, 50) || dark(460, 49), "box top");
    assert!(dark(460, 90) || dark(460, 89), "box bottom");
    assert!(dark(400, 70) || dark(399, 70), "box left");
    assert!(dark(520, 70) || dark(519, 70), "box right");
    assert!(!dark(460, 70), "box is filled");
}

struct Gray {
    width: usize,
    pixels: Vec<u8>,
}

impl Gray {
    fn at(&self, x: usize, y: usize) -> u8 {
        self.pixels[y * self.width + x]
    }
}

/// Page 1 rendered by `pdftoppm -gray` at `dpi`, read from its binary PGM.
fn render_gray(pdf: &Path, dpi: u32) -> Gray {
    let out = std::process::Command::new("pdftoppm")
        .args(["-gray", "-r", &dpi.to_string(), "-f", "1", "-l", "1"])
        .arg(pdf)
        .output()
        .expect("pdftoppm runs");
    assert!(out.status.success());
    let data = out.stdout;
    // "P5\n<w> <h>\n255\n" then the pixels.
    let mut fields = Vec::new();
    let mut i = 0;
    while fields.len() < 4 {
        while data[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        while !data[i].is_ascii_whitespace() {
            i += 1;
        }
        fields.push(String::from_utf8_lossy(&data[start..i]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let width: usize = fields[1].parse().expect("width");
    Gray {
        width,
        pixels: data[i + 1..].to_vec(),
    }
}
