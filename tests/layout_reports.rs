//! Reports of other offices (`tests/reports/`), laid out and measured as a records clerk would:
//! the faults the sample never showed (header columns that touch, a lone word under a centred
//! title, glyphs the font lacks, tables of figures, layout choices) each measured on the pages.

#[path = "common/mod.rs"]
mod common;
#[path = "support/poppler.rs"]
mod poppler;

use baocao::import::import_text;
use baocao::layout::{layout, layout_with, Cache};
use baocao::model::settings::{HeadingIndent, KinhGuiOne};
use baocao::model::{Appendix, Block, Issuer, Report, Run, Table};
use baocao::page::{mm, Document, Item, Page, Source, TextItem};
use baocao::text::{Face, FontSet, Measurer};

const THUONG_THANH: &str = include_str!("reports/thuong-thanh-quy-3-2026.md");
const BAT_TRANG: &str = include_str!("reports/bat-trang-thien-tai-2026.md");

fn m() -> Measurer {
    Measurer::new(FontSet::get())
}

fn report(md: &str) -> Report {
    let mut r = import_text(md).expect("the report imports");
    baocao::figures::apply(&mut r);
    r
}

fn texts(p: &Page) -> impl Iterator<Item = &TextItem> {
    p.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        _ => None,
    })
}

fn header(field: &str) -> Option<Source> {
    Some(Source::Header {
        field: field.into(),
    })
}

/// The printed width of an item (its trailing space does not print).
fn ink(m: &Measurer, t: &TextItem) -> f32 {
    m.width(t.face, t.text.trim_end(), t.size)
}

/// The lines of items with `source`, in order: (baseline, text of the line).
fn lines_of(d: &Document, source: &Option<Source>) -> Vec<(usize, f32, String)> {
    let mut out: Vec<(usize, f32, String)> = Vec::new();
    for (pi, p) in d.pages.iter().enumerate() {
        for t in texts(p).filter(|t| &t.source == source) {
            match out.last_mut() {
                Some((lp, y, s)) if *lp == pi && *y == t.y => s.push_str(&t.text),
                _ => out.push((pi, t.y, t.text.clone())),
            }
        }
    }
    out
}

/// Every text of page 1's header that stands in the right column (Quốc hiệu, Tiêu ngữ, date)
/// keeps 4 mm from every text of the left column on the same band of the page.
fn assert_gutter(m: &Measurer, d: &Document, what: &str) {
    let p = &d.pages[0];
    let right: Vec<&TextItem> = texts(p)
        .filter(|t| t.source.is_none() || t.source == header("date"))
        .filter(|t| t.y < 200.0 && t.x > 150.0)
        .collect();
    let left: Vec<&TextItem> = texts(p)
        .filter(|t| t.source == header("issuer") || t.source == header("number"))
        .collect();
    assert!(!right.is_empty() && !left.is_empty(), "{what}");
    for l in &left {
        for r in &right {
            let overlap = l.y - l.size < r.y + 0.3 * r.size && r.y - r.size < l.y + 0.3 * l.size;
            if overlap {
                let gap = r.x - (l.x + ink(m, l));
                assert!(
                    gap >= mm(4.0) - 0.01,
                    "{what}: {:?} and {:?} only {:.1} mm apart",
                    l.text,
                    r.text,
                    gap / mm(1.0)
                );
            }
        }
    }
}

#[test]
fn a_long_agency_name_breaks_at_the_unit_and_keeps_4_mm_from_the_quoc_hieu() {
    let m = m();
    let r = report(THUONG_THANH);
    assert_eq!(
        r.issuer.name_lines,
        ["ỦY BAN NHÂN DÂN PHƯỜNG THƯỢNG THANH"],
        "typed on one line, as a form fills it"
    );
    let d = layout(&r, &m);
    let agency: Vec<String> = lines_of(&d, &header("issuer"))
        .into_iter()
        .map(|l| l.2.trim().to_string())
        .collect();
    assert_eq!(agency, ["ỦY BAN NHÂN DÂN", "PHƯỜNG THƯỢNG THANH"]);
    let size = texts(&d.pages[0])
        .find(|t| t.source == header("issuer"))
        .map(|t| t.size);
    assert_eq!(
        size,
        Some(13.0),
        "no shrinking needed once broken at the unit"
    );
    assert_gutter(&m, &d, "Thượng Thanh");
}

#[test]
fn whatever_the_agency_text_the_columns_keep_4_mm() {
    let m = m();
    let base = report(BAT_TRANG);
    assert!(base.issuer.parent.is_some(), "the chủ quản line is read");
    assert_gutter(&m, &layout(&base, &m), "Bát Tràng");
    let names: [&[&str]; 6] = [
        &["ỦY BAN NHÂN DÂN PHƯỜNG THƯỢNG THANH"],
        &["ỦY BAN NHÂN DÂN", "PHƯỜNG NGHĨA ĐÔ"],
        &["UBND PHƯỜNG HOÀNG LIỆT"],
        &["BAN QUẢN LÝ CÁC DỰ ÁN ĐẦU TƯ XÂY DỰNG KHU VỰC PHÍA BẮC"],
        &["TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ THANH TRÌ"],
        &["HỘI ĐỒNG NHÂN DÂN", "THỊ XÃ SƠN TÂY"],
    ];
    let parents = [None, Some("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")];
    let places = ["Bạch Mai", "Thị trấn Nông trường Mộc Châu"];
    for name in names {
        for parent in parents {
            for place in places {
                let r = Report {
                    issuer: Issuer {
                        parent: parent.map(String::from),
                        name_lines: name.iter().map(|s| s.to_string()).collect(),
                        symbol: "BC-UBND-TTHCC".into(),
                    },
                    place: place.into(),
                    number: Some(1234),
                    ..base.clone()
                };
                let d = layout(&r, &m);
                assert_gutter(&m, &d, &format!("{name:?} {parent:?} {place}"));
                for t in texts(&d.pages[0]).filter(|t| t.source == header("issuer")) {
                    assert!((12.0..=13.0).contains(&t.size), "{}: {}", t.text, t.size);
                }
            }
        }
    }
}

/// Checks a centred block of `lines` (text of each line): balanced, no lone word, no split
/// common word.
fn assert_balanced(m: &Measurer, d: &Document, source: &Option<Source>, what: &str) {
    // A Phần's label ("Phần thứ nhất") is its own line above the title.
    let ls: Vec<_> = lines_of(d, source)
        .into_iter()
        .filter(|l| !l.2.starts_with("Phần thứ"))
        .collect();
    assert!(ls.len() >= 2, "{what} wraps: {ls:?}");
    let widths: Vec<f32> = ls
        .iter()
        .map(|(pi, y, _)| {
            let items: Vec<&TextItem> = texts(&d.pages[*pi])
                .filter(|t| &t.source == source && t.y == *y)
                .collect();
            let last = items[items.len() - 1];
            last.x + ink(m, last) - items[0].x
        })
        .collect();
    let lo = widths.iter().cloned().fold(f32::MAX, f32::min);
    let hi = widths.iter().cloned().fold(0.0, f32::max);
    assert!(lo >= 0.45 * hi, "{what}: lines {widths:?} {ls:?}");
    for (_, _, l) in &ls {
        assert!(
            l.split_whitespace().count() >= 2,
            "{what}: a lone word: {ls:?}"
        );
    }
    for pair in ls.windows(2) {
        let end = pair[0]
            .2
            .split_whitespace()
            .last()
            .unwrap_or("")
            .to_lowercase();
        let start = pair[1]
            .2
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let joined = format!("{end} {start}");
        for w in [
            "trọng tâm",
            "nhiệm vụ",
            "kinh tế",
            "xã hội",
            "tài nguyên",
            "môi trường",
        ] {
            assert_ne!(joined, w, "{what}: {ls:?}");
        }
    }
}

#[test]
fn centred_titles_are_broken_into_balanced_lines() {
    let m = m();
    let r = report(THUONG_THANH);
    assert!(
        r.trich_yeu.ends_with("trọng tâm năm 2027"),
        "{}",
        r.trich_yeu
    );
    let d = layout(&r, &m);
    assert_balanced(&m, &d, &header("trich_yeu"), "the trích yếu");
    let part = r.body[0].id.clone();
    assert_balanced(
        &m,
        &d,
        &Some(Source::Section {
            id: part,
            block: None,
        }),
        "the title of Phần thứ nhất",
    );
    // The signer's long title wraps into balanced lines too.
    let signer = lines_of(
        &d,
        &Some(Source::Closing {
            field: "signer".into(),
        }),
    );
    let long: Vec<&(usize, f32, String)> = signer
        .iter()
        .filter(|l| l.2.contains("PHỤ TRÁCH") || l.2.contains("MÔI TRƯỜNG"))
        .collect();
    assert!(long.len() >= 2, "{signer:?}");
    let (a, b) = (long[0].2.trim().len() as f32, long[1].2.trim().len() as f32);
    assert!(a.min(b) >= 0.45 * a.max(b), "{long:?}");
    // The sample's own trích yếu: "trọng / tâm" no more.
    let sample = report(include_str!(
        "../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
    ));
    assert_balanced(
        &m,
        &layout(&sample, &m),
        &header("trich_yeu"),
        "the sample's trích yếu",
    );
}

#[test]
fn symbols_fall_back_to_the_symbol_font_and_the_rest_is_one_box_everywhere() {
    let m = m();
    let mut r = report(THUONG_THANH);
    // Word's private-use bullet, as a .docx brings it.
    r.body[0].children[0].children[1]
        .blocks
        .push(Block::Paragraph {
            runs: vec![Run::plain("\u{F0B7} Thu thuế điện tử đạt 100% số hộ.")],
        });
    let d = layout(&r, &m);
    let all: Vec<&TextItem> = d.pages.iter().flat_map(texts).collect();
    let sym: Vec<&&TextItem> = all.iter().filter(|t| t.face == Face::Symbol).collect();
    let sym_text: String = sym.iter().map(|t| t.text.as_str()).collect();
    assert!(
        sym_text.contains('✓') && sym_text.contains('☐'),
        "{sym_text}"
    );
    assert!(sym_text.contains("▯▯"), "CJK drawn as boxes: {sym_text}");
    assert!(
        all.iter()
            .any(|t| t.text.starts_with('•') && t.face == Face::Regular),
        "U+F0B7 is the document font's own bullet"
    );
    for t in sym.iter().filter(|t| !t.text.ends_with(' ')) {
        assert!((t.width - m.width(Face::Symbol, &t.text, t.size)).abs() < 0.001);
    }
    // The PDF embeds the symbol font and draws each word where the layout put it.
    let pdf = baocao::paint::pdf::write_pdf(
        &d,
        FontSet::get(),
        chrono::NaiveDate::from_ymd_opt(2026, 10, 5)
            .and_then(|d| d.and_hms_opt(8, 0, 0))
            .unwrap(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("ky-hieu.pdf");
    std::fs::write(&file, pdf).unwrap();
    let fonts = poppler::pdffonts(&file);
    assert!(
        fonts
            .iter()
            .any(|f| f.base_name().contains("NotoSansSymbols2")),
        "{fonts:?}"
    );
    let boxes = poppler::pdftotext_bbox(&file);
    let after_check = all
        .iter()
        .position(|t| t.text.starts_with('✓'))
        .map(|i| all[i + 1])
        .expect("a word after ✓");
    let word = after_check.text.trim_end();
    let found = boxes
        .iter()
        .find(|b| b.text.ends_with(word) && (b.y_max - after_check.y).abs() < 4.0)
        .unwrap_or_else(|| panic!("{word} in the PDF"));
    let end = after_check.x + ink(&m, after_check);
    assert!((found.x_max - end).abs() < 0.5, "{found:?} ends at {end}");
    // The preview names the symbol font for those words.
    let page = d
        .pages
        .iter()
        .find(|p| texts(p).any(|t| t.face == Face::Symbol))
        .unwrap();
    let svg = baocao::paint::svg::page_svg(page, FontSet::get());
    assert!(svg.contains("font-family=\"'Noto Sans Symbols2'"), "{svg}");
    // And the checks name what nothing can draw.
    let findings = baocao::checks::check(&r, chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap());
    assert!(
        findings
            .iter()
            .any(|f| f.message.starts_with("Ký tự không có trong phông: “漢”")),
        "{findings:?}"
    );
}

/// The table of the report and its items on its page: (row baselines, items by column).
fn table_items(d: &Document) -> Vec<&TextItem> {
    d.pages
        .iter()
        .flat_map(texts)
        .filter(|t| {
            t.size == 12.0 && matches!(t.source, Some(Source::Section { block: Some(1), .. }))
        })
        .collect()
}

#[test]
fn tables_of_figures_are_set_as_a_clerk_sets_them() {
    let m = m();
    let r = report(THUONG_THANH);
    let d = layout(&r, &m);
    let items = table_items(&d);
    let find = |s: &str| -> &TextItem {
        items
            .iter()
            .copied()
            .find(|t| t.text.trim() == s)
            .unwrap_or_else(|| panic!("{s} in the table"))
    };
    // Whole numbers flush right in their column.
    let right = |t: &TextItem| t.x + ink(&m, t);
    let col: Vec<f32> = ["62.000", "35.500", "18.000", "4.500", "120.000"]
        .iter()
        .map(|s| right(find(s)))
        .collect();
    for r in &col {
        assert!((r - col[0]).abs() < 0.01, "flush right: {col:?}");
    }
    // Percentages on the decimal comma: "82,6", "84,83", "120,4" share the comma's x.
    let comma = |s: &str| {
        let t = find(s);
        t.x + m.width(t.face, &s[..s.find(',').unwrap()], t.size)
    };
    let commas: Vec<f32> = ["82,6", "84,83", "66,7", "120,4"]
        .iter()
        .map(|s| comma(s))
        .collect();
    for c in &commas {
        assert!((c - commas[0]).abs() < 0.01, "on the comma: {commas:?}");
    }
    // The totals row is bold, the others not.
    assert_eq!(find("Tổng").face, Face::Bold);
    assert_eq!(find("98.765").face, Face::Bold);
    assert_eq!(find("51.230").face, Face::Regular);
    // Widths from the content: the TT column is the narrowest, the text column the widest.
    let rects: Vec<(f32, f32)> = d
        .pages
        .iter()
        .flat_map(|p| p.items.iter())
        .filter_map(|i| match i {
            Item::Rect { x, w, h, .. } if *h > 10.0 => Some((*x, *w)),
            _ => None,
        })
        .take(5)
        .collect();
    let ws: Vec<f32> = rects.iter().map(|r| r.1).collect();
    assert!(ws[0] < ws[2] && ws[2] < ws[1], "{ws:?}");
}

#[test]
fn a_table_too_wide_for_portrait_turns_its_appendix_landscape() {
    let m = m();
    let mut r = report(BAT_TRANG);
    let cell = |s: String| vec![Run::plain(s)];
    let mut rows = vec![(0..10)
        .map(|i| cell(format!("Đợt{}", i + 1)))
        .collect::<Vec<_>>()];
    rows.push(
        (0..10)
            .map(|i| cell(format!("{}.250.000", i + 11)))
            .collect(),
    );
    r.appendices.push(Appendix {
        id: "pl1".into(),
        title: "Thiệt hại do thiên tai năm 2026 theo từng đợt".into(),
        intro: vec![Block::Table(Table {
            header_rows: 1,
            widths: Vec::new(),
            rows,
            ..Default::default()
        })],
        ..Appendix::default()
    });
    let d = layout(&r, &m);
    let last = d.pages.last().unwrap();
    assert!(last.width > last.height, "the appendix page is landscape");
    assert!(d.pages[0].width < d.pages[0].height);
    // Every number whole on one line: none was cut to fit.
    for t in texts(last).filter(|t| t.size == 12.0) {
        assert!(!t.text.trim().is_empty());
    }
    let numbers = texts(last).filter(|t| t.text.ends_with(".250.000")).count();
    assert_eq!(numbers, 10);
}

#[test]
fn layout_choices_are_settings_with_today_as_default() {
    let m = m();
    let r = report(THUONG_THANH);
    let kg = header("kinh_gui");
    let today = lines_of(&layout(&r, &m), &kg);
    assert_eq!(today.len(), 1);
    assert!(today[0].2.starts_with("Kính gửi: Ủy ban"), "{today:?}");
    let mut list = r.clone();
    list.settings.kinh_gui_one = KinhGuiOne::List;
    let ls = lines_of(&layout(&list, &m), &kg);
    assert_eq!(ls[0].2.trim(), "Kính gửi:");
    assert!(ls[1].2.starts_with("- Ủy ban nhân dân"), "{ls:?}");

    let muc = Some(Source::Section {
        id: r.body[0].children[0].id.clone(),
        block: None,
    });
    let x_of = |d: &Document| {
        d.pages
            .iter()
            .flat_map(texts)
            .find(|t| t.source == muc)
            .map(|t| t.x)
            .unwrap()
    };
    let left = mm(r.settings.margin_left_mm);
    let indented = x_of(&layout(&r, &m));
    assert!((indented - left - mm(12.7)).abs() < 0.01, "{indented}");
    let mut flush = r.clone();
    flush.settings.muc_indent = HeadingIndent::Margin;
    assert!((x_of(&layout(&flush, &m)) - left).abs() < 0.01);
}

#[test]
fn a_relayout_through_the_cache_gives_the_same_pages_and_sets_only_the_edited_section() {
    let m = m();
    let mut r = report(include_str!(
        "../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
    ));
    let mut cache = Cache::default();
    assert_eq!(layout_with(&r, &m, &mut cache), layout(&r, &m));
    let first = cache.misses;
    assert!(first > 10);
    assert_eq!(layout_with(&r, &m, &mut cache), layout(&r, &m));
    assert_eq!(cache.misses, 0);
    // Type in one section: one section set again, the pages as a full layout gives them.
    common::paragraphs_mut(&mut r)[20].push(Run::plain(" Thêm một câu vào đoạn văn này."));
    assert_eq!(layout_with(&r, &m, &mut cache), layout(&r, &m));
    assert_eq!(cache.misses, 1);
}

#[test]
fn every_page_of_the_sample_paints_under_30_kb_of_svg() {
    let m = m();
    let d = layout(&common::sample_report(), &m);
    for (i, p) in d.pages.iter().enumerate() {
        let svg = baocao::paint::svg::page_svg(p, FontSet::get());
        assert!(
            svg.len() <= 30 * 1024,
            "page {}: {} bytes",
            i + 1,
            svg.len()
        );
        // One <text> per line: far fewer elements than words.
        let words = texts(p).count();
        let elements = svg.matches("<text").count();
        assert!(
            elements * 3 < words,
            "page {}: {elements} <text> for {words} words",
            i + 1
        );
    }
}
