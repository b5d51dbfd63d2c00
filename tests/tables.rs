//! Tables as offices make them: headers of two and three rows with merged cells, merged cells
//! in the body, a table over several pages with its header repeated (read back from the
//! engine's pages and from its PDF with pdftotext), and a round trip through our own .docx.

#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/tables.rs"]
mod tables;

use baocao::layout::{layout, Geometry};
use baocao::model::{Block, CellSpan, Report, Section, Table};
use baocao::page::{Document, Item, Page};
use baocao::paint::pdf::write_pdf;
use baocao::text::{FontSet, Measurer};
use tables::{cell, nine_columns, report_with};

fn doc_of(r: &Report) -> Document {
    layout(r, &Measurer::new(FontSet::get()))
}

fn rects(p: &Page) -> Vec<(f32, f32, f32, f32)> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Rect { x, y, w, h, .. } => Some((*x, *y, *w, *h)),
            _ => None,
        })
        .collect()
}

fn has(p: &Page, word: &str) -> usize {
    p.texts().iter().filter(|t| t.text.trim() == word).count()
}

#[test]
fn sixty_rows_go_over_three_pages_with_the_two_row_header_on_each() {
    let r = report_with(nine_columns(60));
    let d = doc_of(&r);
    let pages: Vec<&Page> = d.pages.iter().filter(|p| has(p, "Quá") > 0).collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    for (i, p) in pages.iter().enumerate() {
        // The header once on each page, its merged boxes whole: "Hình thức tiếp nhận" one
        // box as wide as the three columns under it.
        assert_eq!(has(p, "Hình"), 1, "page {i}");
        assert_eq!(has(p, "Đúng"), 1, "page {i}");
        let rs = rects(p);
        let top = rs.iter().map(|r| r.1).fold(f32::MAX, f32::min);
        let head: Vec<_> = rs.iter().filter(|r| (r.1 - top).abs() < 0.01).collect();
        assert_eq!(
            head.len(),
            6,
            "page {i}: six boxes start the header: {head:?}"
        );
        let stt = head[0];
        let under: Vec<_> = rs
            .iter()
            .filter(|r| (r.1 - top).abs() > 0.01 && (r.1 - top) < stt.3 - 0.01)
            .collect();
        assert_eq!(
            under.len(),
            5,
            "page {i}: five boxes in the header's second row"
        );
        let across = head[3];
        let three: f32 = under[..3].iter().map(|r| r.2).sum();
        assert!((across.2 - three).abs() < 0.01, "page {i}");
    }
    // Every body row once, in the PDF as a reader reads it.
    let bytes = write_pdf(&d, FontSet::get(), chrono::NaiveDateTime::default()).expect("PDF");
    let dir = std::env::temp_dir().join(format!("baocao-tables-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("bang-60-dong.pdf");
    std::fs::write(&pdf, bytes).unwrap();
    let texts = poppler::pdftotext_pages(&pdf);
    let pages_words: Vec<Vec<String>> = texts.iter().map(|t| poppler::words(t)).collect();
    let count = |ws: &[String], w: &str| ws.iter().filter(|x| *x == w).count();
    let with_table: Vec<&Vec<String>> = pages_words
        .iter()
        .filter(|ws| count(ws, "Quá") > 0)
        .collect();
    assert!(with_table.len() >= 3, "{}", with_table.len());
    for ws in &with_table {
        for w in ["Hình", "toàn", "Quá", "Đúng", "Tổng", "STT"] {
            assert_eq!(count(ws, w), 1, "{w} once on the page: {ws:?}");
        }
    }
    let all = texts.join("\n");
    for i in 1..=60 {
        let row = format!("{}", 1000 + i * 7);
        assert!(all.contains(&row), "row {i}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_three_row_header_stays_together_and_repeats() {
    let mut t = Table {
        header_rows: 3,
        rows: vec![
            ["STT", "Hồ sơ", "", "", ""]
                .iter()
                .map(|c| cell(c))
                .collect(),
            ["", "Tiếp nhận", "", "Giải quyết", ""]
                .iter()
                .map(|c| cell(c))
                .collect(),
            ["", "Trực tuyến", "Trực tiếp", "Đúng hạn", "Quá hạn"]
                .iter()
                .map(|c| cell(c))
                .collect(),
        ],
        spans: vec![
            CellSpan::new(0, 0, 3, 1),
            CellSpan::new(0, 1, 1, 4),
            CellSpan::new(1, 1, 1, 2),
            CellSpan::new(1, 3, 1, 2),
        ],
        ..Default::default()
    };
    for i in 1..=80 {
        t.rows.push(
            [
                i.to_string(),
                "12".into(),
                "1.234".into(),
                "7".into(),
                "0".into(),
            ]
            .iter()
            .map(|c: &String| cell(c))
            .collect(),
        );
    }
    let r = report_with(t);
    let d = doc_of(&r);
    let pages: Vec<&Page> = d.pages.iter().filter(|p| has(p, "1.234") > 0).collect();
    assert!(pages.len() >= 2);
    for p in &pages {
        assert_eq!(has(p, "STT"), 1);
        assert_eq!(has(p, "Trực"), 2);
        // "STT" is centred down its three rows: below "Tiếp" of the second row's line.
        let y = |w: &str| p.texts().iter().find(|t| t.text.trim() == w).unwrap().y;
        assert!(y("STT") > y("Hồ") && y("STT") < y("Đúng") + 0.01);
    }
    assert_eq!(
        pages.iter().map(|p| has(p, "1.234")).sum::<usize>(),
        80,
        "each row once"
    );
}

#[test]
fn spans_in_the_body_are_one_box() {
    let mut t = nine_columns(4);
    // "Cộng" across the first two columns of a total row, and a note merged down two rows.
    t.rows.push(
        [
            "Cộng", "", "4.100", "2.010", "1.210", "860", "4.030", "40", "",
        ]
        .iter()
        .map(|c| cell(c))
        .collect(),
    );
    t.rows[2][8] = cell("Chuyển kỳ sau");
    t.spans.push(CellSpan::new(2, 8, 2, 1));
    t.spans.push(CellSpan::new(6, 0, 1, 2));
    let r = report_with(t);
    let d = doc_of(&r);
    let p = &d.pages[0];
    let rs = rects(p);
    // 6 + 5 header boxes, 4 rows of 9 less the one covered below the note, 8 in the total row.
    assert_eq!(rs.len(), 6 + 5 + 36 - 1 + 8, "{}", rs.len());
    let cong = p
        .texts()
        .into_iter()
        .find(|t| t.text.trim() == "Cộng")
        .unwrap();
    let bx = rs
        .iter()
        .find(|r| r.0 <= cong.x && cong.x < r.0 + r.2 && r.1 <= cong.y && cong.y < r.1 + r.3)
        .unwrap();
    let mid = bx.0 + bx.2 / 2.0;
    assert!(
        (cong.x + cong.width / 2.0 - mid).abs() < 0.5,
        "Cộng centred across two columns"
    );
}

fn tables_of(r: &Report) -> Vec<Table> {
    fn walk(ss: &[Section], out: &mut Vec<Table>) {
        for s in ss {
            for b in &s.blocks {
                if let Block::Table(t) = b {
                    out.push(t.clone());
                }
            }
            walk(&s.children, out);
        }
    }
    let mut out: Vec<Table> = r
        .intro
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    walk(&r.body, &mut out);
    out
}

fn texts_of(t: &Table) -> Vec<Vec<String>> {
    t.rows
        .iter()
        .map(|r| {
            r.iter()
                .map(|c| c.iter().map(|run| run.text.as_str()).collect::<String>())
                .collect()
        })
        .collect()
}

#[test]
fn a_round_trip_through_our_docx_gives_the_same_table() {
    let mut t = nine_columns(5);
    t.rows[3][8] = cell("Chuyển kỳ sau");
    t.spans.push(CellSpan::new(3, 8, 3, 1));
    t.rows.push(
        [
            "Cộng", "", "5.105", "2.515", "1.515", "1.090", "5.055", "50", "",
        ]
        .iter()
        .map(|c| cell(c))
        .collect(),
    );
    t.spans.push(CellSpan::new(7, 0, 1, 2));
    let r = report_with(t);
    let want = tables_of(&r).remove(0);
    let m = Measurer::new(FontSet::get());
    let bytes = baocao::paint::docx::write_docx(&r, &m, chrono::DateTime::default()).expect("docx");
    let back = baocao::import::import_docx(&bytes).expect("import").report;
    let got = tables_of(&back);
    assert_eq!(got.len(), 1, "{got:?}");
    let got = &got[0];
    assert_eq!(got.spans, want.spans);
    assert_eq!(got.header_rows, want.header_rows);
    assert_eq!(texts_of(got), texts_of(&want));
    // And it lays out into the same boxes.
    let again = report_with(Table {
        widths: Vec::new(),
        ..got.clone()
    });
    let rects_of = |r: &Report| -> Vec<Vec<(f32, f32, f32, f32)>> {
        doc_of(r).pages.iter().map(rects).collect()
    };
    assert_eq!(rects_of(&again), rects_of(&r));
}

/// `n` numbered words: "mục0001 mục0002 …", to find each once and in order in a PDF.
fn numbered_words(n: usize) -> Vec<String> {
    (1..=n).map(|i| format!("mục{i:04}")).collect()
}

/// Renders `r` to PDF and checks what a reader of the printed pages sees: no word, box or rule
/// below the bottom margin, every one of `words` once and in order.
/// Returns the pages (from 1) the words are on.
fn no_overflow_and_every_word_once(r: &Report, words: &[String], name: &str) -> Vec<usize> {
    let d = doc_of(r);
    let geo = Geometry::portrait(&r.settings.clamped());
    for (k, p) in d.pages.iter().enumerate() {
        for it in &p.items {
            let (top, bottom) = match *it {
                Item::Rect { y, h, .. } => (y, y + h),
                Item::Rule { y1, y2, .. } => (y1.min(y2), y1.max(y2)),
                Item::Text(ref t) => (t.y - t.size, t.y),
            };
            assert!(
                bottom <= geo.bottom + 0.01,
                "page {}: {it:?} below the bottom margin {} (from {top})",
                k + 1,
                geo.bottom
            );
        }
    }
    let bytes = write_pdf(&d, FontSet::get(), chrono::NaiveDateTime::default()).expect("PDF");
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join(name);
    std::fs::write(&pdf, bytes).unwrap();
    let mut found: Vec<poppler::BoxedWord> = poppler::pdftotext_bbox(&pdf)
        .into_iter()
        .filter(|w| w.text.starts_with("mục"))
        .collect();
    for w in &found {
        assert!(
            w.y_max <= geo.bottom + 0.5,
            "{} on page {} at {} – {}, bottom margin {}",
            w.text,
            w.page,
            w.y_min,
            w.y_max,
            geo.bottom
        );
    }
    found.sort_by(|a, b| {
        (a.page, a.y_min, a.x_min)
            .partial_cmp(&(b.page, b.y_min, b.x_min))
            .unwrap()
    });
    let texts: Vec<&str> = found.iter().map(|w| w.text.as_str()).collect();
    let expected: Vec<&str> = words.iter().map(String::as_str).collect();
    assert_eq!(texts, expected, "every word once, in order");
    let mut pages: Vec<usize> = found.iter().map(|w| w.page).collect();
    pages.dedup();
    pages
}

#[test]
fn a_row_taller_than_a_page_is_cut_between_lines_of_its_cells() {
    let words = numbered_words(700);
    let mut t = nine_columns(3);
    t.rows[3][1] = cell(&words.join(" "));
    let r = report_with(t);
    let pages = no_overflow_and_every_word_once(&r, &words, "dong-dai.pdf");
    assert!(pages.len() >= 3, "the row goes over pages {pages:?}");
    let d = doc_of(&r);
    let geo = Geometry::portrait(&r.settings.clamped());
    for &p in &pages[1..] {
        assert_eq!(
            has(&d.pages[p - 1], "Hình"),
            1,
            "the header repeated on page {p}"
        );
    }
    for &p in &pages[..pages.len() - 1] {
        // The piece of the row on a page it does not end on is closed: a rule across the
        // whole table under its last line.
        let page = &d.pages[p - 1];
        let last = page
            .texts()
            .iter()
            .filter(|t| t.text.starts_with("mục"))
            .map(|t| t.y)
            .fold(0.0f32, f32::max);
        let closed = page.items.iter().any(|i| match *i {
            Item::Rule { y1, y2, x1, x2, .. } => {
                (y1 - y2).abs() < 0.01 && y1 > last && (x2 - x1) > geo.text_width() - 1.0
            }
            _ => false,
        });
        assert!(closed, "page {p}: the boxes are closed under the last line");
    }
    // The rows under it follow it.
    let all: String = d
        .pages
        .iter()
        .flat_map(|p| p.texts())
        .map(|t| t.text.clone())
        .collect();
    assert!(
        all.contains(&format!("{}", 1000 + 3 * 7)),
        "the row after it"
    );
}

#[test]
fn rows_merged_down_taller_than_a_page_are_cut_too() {
    let words = numbered_words(600);
    let mut t = nine_columns(5);
    // "Lĩnh vực" of rows 2–4 merged down, its text longer than a page.
    t.rows[3][1] = cell(&words.join(" "));
    t.rows[4][1] = cell("");
    t.rows[5][1] = cell("");
    t.spans.push(CellSpan::new(3, 1, 3, 1));
    let r = report_with(t);
    let pages = no_overflow_and_every_word_once(&r, &words, "gop-doc-dai.pdf");
    assert!(pages.len() >= 2, "the merged box goes over pages {pages:?}");
    let d = doc_of(&r);
    for &p in &pages[1..] {
        assert_eq!(has(&d.pages[p - 1], "Hình"), 1, "header on page {p}");
    }
}

#[test]
fn figures_stand_flush_right_in_our_docx_as_on_the_page() {
    use std::io::Read;
    let r = report_with(nine_columns(3));
    let m = Measurer::new(FontSet::get());
    let bytes = baocao::paint::docx::write_docx(&r, &m, chrono::DateTime::default()).expect("docx");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let cell_of = |text: &str| -> String {
        xml.split("<w:tc>")
            .find(|c| c.contains(&format!("<w:t>{text}</w:t>")))
            .unwrap_or_else(|| panic!("{text} not in the document"))
            .to_string()
    };
    // Figures under "Tổng số hồ sơ" and under the merged "Kết quả giải quyết".
    for figure in ["1007", "997", "10"] {
        assert!(
            cell_of(figure).contains(r#"<w:jc w:val="right"/>"#),
            "{figure}: {}",
            cell_of(figure)
        );
    }
    let stt = xml
        .split("<w:tc>")
        .find(|c| c.contains("<w:t>2</w:t>"))
        .unwrap();
    assert!(stt.contains(r#"<w:jc w:val="center"/>"#), "{stt}");
    let name = cell_of("Lĩnh vực hành chính số 1 của phường được tiếp nhận");
    assert!(!name.contains("<w:jc "), "text stays left: {name}");
}

/// The lines of a cut row on each page it is on, from the first page to the last.
fn cut_row_lines_per_page(d: &Document) -> Vec<usize> {
    let mut out = Vec::new();
    for p in &d.pages {
        let mut ys: Vec<f32> = p
            .texts()
            .iter()
            .filter(|t| t.text.starts_with("mục"))
            .map(|t| t.y)
            .collect();
        ys.sort_by(f32::total_cmp);
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        if !ys.is_empty() {
            out.push(ys.len());
        }
    }
    out
}

/// A row cut over pages leaves no single line of it alone at the foot of a page or at the head
/// of the next (what Word's "widow/orphan control" does for a paragraph): wherever the rows
/// above leave the page's end, and however long the row's text is.
#[test]
fn a_cut_row_leaves_no_line_alone_on_a_page() {
    let mut alone = Vec::new();
    let mut cut_rows = 0;
    for rows_before in 3..=16 {
        for n in (560..=640).step_by(4) {
            let words = numbered_words(n);
            let mut t = nine_columns(rows_before);
            t.rows[rows_before][1] = cell(&words.join(" "));
            let d = doc_of(&report_with(t));
            let lines = cut_row_lines_per_page(&d);
            if lines.len() > 1 {
                cut_rows += 1;
            }
            if lines.len() > 1 && lines.iter().any(|&l| l < 2) {
                alone.push((rows_before, n, lines));
            }
        }
    }
    assert!(cut_rows > 100, "the row was cut in {cut_rows} layouts only");
    assert!(alone.is_empty(), "a line alone on a page: {alone:?}");
}
