//! The layout measured as a records clerk with a ruler would: every rule of
//! `shared/spec/nd30-layout.md` checked on the laid-out pages of reports built by hand.

use baocao::layout::layout;
use baocao::model::{
    Appendix, Archive, Authority, Block, DocDate, Issuer, LayoutSettings, Marks, NoiNhan, Report,
    Run, Section, Signer, Table,
};
use baocao::page::{mm, Document, Item, Page, Source, TextItem};
use baocao::text::{Face, FontSet, Measurer};

const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

fn measurer() -> Measurer {
    Measurer::new(FontSet::get())
}

/// A sentence of `n` words, varied so that lines break at different places.
fn words(seed: usize, n: usize) -> String {
    const W: [&str; 12] = [
        "Ủy ban",
        "nhân dân",
        "phường",
        "triển khai",
        "thực hiện",
        "kế hoạch",
        "cải cách",
        "hành chính",
        "đạt",
        "kết quả",
        "quan trọng,",
        "năm 2026;",
    ];
    (0..n)
        .map(|i| W[(seed * 7 + i * 5 + i / 3) % W.len()])
        .collect::<Vec<_>>()
        .join(" ")
        + "."
}

fn para(text: impl Into<String>) -> Block {
    Block::Paragraph {
        runs: vec![Run::plain(text)],
    }
}

fn section(id: &str, title: &str, blocks: Vec<Block>, children: Vec<Section>) -> Section {
    Section {
        id: id.to_string(),
        title: title.to_string(),
        blocks,
        children,
        ..Section::default()
    }
}

/// A report like the ward's: header, title, parts, mục, khoản, closing; `paras` paragraphs of
/// various lengths spread over the sections.
fn report(paras: usize) -> Report {
    let mut body = Vec::new();
    let mut k = 0;
    let mut mucs = Vec::new();
    for mi in 0..3 {
        let mut khoans = Vec::new();
        for ki in 0..3 {
            let mut blocks = Vec::new();
            for _ in 0..paras.div_ceil(9) {
                if k < paras {
                    blocks.push(para(words(k, 8 + (k * 13) % 70)));
                    k += 1;
                }
            }
            khoans.push(section(
                &format!("k{mi}{ki}"),
                &format!("Kết quả thực hiện nhiệm vụ số {ki} trong lĩnh vực quản lý nhà nước"),
                blocks,
                vec![],
            ));
        }
        mucs.push(section(
            &format!("m{mi}"),
            "Hoạt động chỉ đạo điều hành",
            vec![],
            khoans,
        ));
    }
    body.push(section("p1", "Đánh giá tình hình thực hiện", vec![], mucs));
    Report {
        issuer: Issuer {
            parent: None,
            name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
            symbol: "BC-UBND".into(),
        },
        number: Some(5),
        place: "Bạch Mai".into(),
        date: DocDate::from_ymd(2026, 1, 5),
        doc_type: "BÁO CÁO".into(),
        trich_yeu: "Tình hình hoạt động chỉ đạo, điều hành 06 tháng đầu năm và nhiệm vụ trọng tâm 06 tháng cuối năm 2026".into(),
        kinh_gui: vec![],
        intro: vec![para(words(99, 40))],
        body,
        parts: true,
        closing: "Ủy ban nhân dân phường trân trọng báo cáo./.".into(),
        noi_nhan: NoiNhan {
            recipients: vec!["UBND thành phố".into(), "TT Đảng ủy, TT. HĐND phường".into()],
            archive: Archive {
                units: vec!["VP".into()],
                copies: None,
            },
        },
        signer: Signer {
            authority: Some(Authority::TM),
            collective: "Ủy ban nhân dân".into(),
            titles: vec!["CHỦ TỊCH".into()],
            name: "Nguyễn Thị Thu Hiền".into(),
        },
        marks: Marks::default(),
        appendices: vec![],
        settings: LayoutSettings::default(),
        ..Report::default()
    }
}

struct TextBox {
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
}

fn text_box(s: &LayoutSettings, page: &Page) -> TextBox {
    TextBox {
        left: mm(s.margin_left_mm),
        right: page.width - mm(s.margin_right_mm),
        top: mm(s.margin_top_mm),
        bottom: page.height - mm(s.margin_bottom_mm),
    }
}

fn texts(p: &Page) -> impl Iterator<Item = &TextItem> {
    p.items.iter().filter_map(|i| match i {
        Item::Text(t) => Some(t),
        _ => None,
    })
}

/// Text items of a page without the page number.
fn content(p: &Page) -> Vec<&TextItem> {
    texts(p).filter(|t| !is_page_number(p, t)).collect()
}

fn is_page_number(p: &Page, t: &TextItem) -> bool {
    t.source.is_none() && p.number.map(|n| n.to_string()) == Some(t.text.clone())
}

/// The text item `text`, or the first item of a run of items on one baseline that reads `text`
/// (justified and centred lines are one item per word).
fn find<'a>(d: &'a Document, text: &str) -> &'a TextItem {
    for p in &d.pages {
        let items: Vec<&TextItem> = texts(p).collect();
        for (i, t) in items.iter().enumerate() {
            let mut joined = String::new();
            for u in &items[i..] {
                if u.y != t.y {
                    break;
                }
                joined.push_str(&u.text);
                if joined.trim_end() == text {
                    return t;
                }
                if joined.len() > text.len() + 1 {
                    break;
                }
            }
        }
    }
    panic!("no text {text:?}")
}

/// Left and right ends of the line of `t` (items of its source on its baseline), by measured
/// widths without trailing spaces.
fn extent(p: &Page, t: &TextItem) -> (f32, f32) {
    let m = measurer();
    let mut l = f32::MAX;
    let mut r = f32::MIN;
    for u in texts(p).filter(|u| u.y == t.y && u.source == t.source) {
        l = l.min(u.x);
        r = r.max(u.x + m.width(u.face, u.text.trim_end(), u.size));
    }
    (l, r)
}

fn rules(p: &Page) -> Vec<(f32, f32, f32)> {
    p.items
        .iter()
        .filter_map(|i| match i {
            Item::Rule { x1, y1, x2, .. } => Some((*x1, *x2, *y1)),
            _ => None,
        })
        .collect()
}

/// Lines of a page: (baseline, items) in order, for items of `source`.
fn lines_of(p: &Page, keep: impl Fn(&TextItem) -> bool) -> Vec<(f32, Vec<&TextItem>)> {
    let mut out: Vec<(f32, Vec<&TextItem>)> = Vec::new();
    for t in content(p).into_iter().filter(|t| keep(t)) {
        match out.last_mut() {
            Some((y, v)) if (*y - t.y).abs() < 0.01 => v.push(t),
            _ => out.push((t.y, vec![t])),
        }
    }
    out
}

fn is_body_paragraph(t: &TextItem) -> bool {
    matches!(
        &t.source,
        Some(Source::Section { block: Some(_), .. }) | Some(Source::Intro { .. })
    )
}

#[test]
fn no_text_leaves_the_text_box() {
    let m = measurer();
    for n in [0, 20, 45] {
        let r = report(n);
        let d = layout(&r, &m);
        for p in &d.pages {
            let b = text_box(&r.settings, p);
            for t in content(p) {
                let w = m.width(t.face, t.text.trim_end(), t.size);
                assert!(t.x >= b.left - 0.01, "{:?} left of the margin", t.text);
                assert!(
                    t.x + w <= b.right + 0.01,
                    "{:?} right of the margin ({} > {})",
                    t.text,
                    t.x + w,
                    b.right
                );
                assert!(
                    t.y - t.size * 0.7 >= b.top - 0.01,
                    "{:?} above the top margin",
                    t.text
                );
                assert!(t.y <= b.bottom, "{:?} below the bottom margin", t.text);
            }
        }
    }
}

#[test]
fn tieu_ngu_rule_is_as_long_as_its_text_and_agency_rule_a_third_to_a_half() {
    let m = measurer();
    let d = layout(&report(3), &m);
    let p = &d.pages[0];
    let tn = find(&d, TIEU_NGU);
    let rs = rules(p);
    let tn_rule = rs
        .iter()
        .find(|(x1, _, y)| *y > tn.y && *y < tn.y + 8.0 && *x1 >= tn.x - 1.0)
        .expect("a rule under the Tiêu ngữ");
    assert!((tn_rule.1 - tn_rule.0 - tn.width).abs() <= 0.1);
    assert!((tn_rule.0 - tn.x).abs() <= 0.1);
    assert!((tn.width - m.width(Face::Bold, TIEU_NGU, tn.size)).abs() < 0.01);
    assert!((13.0..=14.0).contains(&tn.size) && tn.face == Face::Bold);

    let agency = find(&d, "PHƯỜNG BẠCH MAI");
    let line_w: f32 = texts(p)
        .filter(|t| (t.y - agency.y).abs() < 0.01 && t.x < tn.x)
        .map(|t| t.width)
        .sum();
    let a_rule = rs
        .iter()
        .find(|(_, x2, y)| *y > agency.y && *y < agency.y + 8.0 && *x2 < tn.x)
        .expect("a rule under the agency name");
    let ratio = (a_rule.1 - a_rule.0) / line_w;
    assert!(
        (1.0 / 3.0..=0.5).contains(&ratio),
        "agency rule ratio {ratio}"
    );
    // Centred under the agency name.
    let agency_left = texts(p)
        .filter(|t| (t.y - agency.y).abs() < 0.01 && t.x < tn.x)
        .map(|t| t.x)
        .fold(f32::MAX, f32::min);
    let mid_text = agency_left + line_w / 2.0;
    assert!(((a_rule.0 + a_rule.1) / 2.0 - mid_text).abs() < 0.5);
}

#[test]
fn quoc_hieu_on_one_line_and_so_and_date_on_one_baseline() {
    let m = measurer();
    for settings in [
        LayoutSettings::default(),
        LayoutSettings {
            margin_left_mm: 35.0,
            margin_right_mm: 20.0,
            ..LayoutSettings::default()
        },
    ] {
        let r = Report {
            settings,
            ..report(2)
        };
        let d = layout(&r, &m);
        let qh = find(&d, QUOC_HIEU);
        assert!((12.0..=13.0).contains(&qh.size) && qh.face == Face::Bold);
        let so = find(&d, "Số: 05/BC-UBND");
        let date = find(&d, "Bạch Mai, ngày 05 tháng 01 năm 2026");
        assert_eq!(so.y, date.y, "Số and date share a baseline");
        assert_eq!(so.size, 13.0);
        assert_eq!(date.face, Face::Italic);
        assert!(date.x > so.x + so.width);
    }
}

#[test]
fn blank_number_and_date_keep_their_blanks() {
    let m = measurer();
    let r = Report {
        number: None,
        date: DocDate {
            year: 2026,
            month: None,
            day: None,
        },
        ..report(2)
    };
    let d = layout(&r, &m);
    let so = find(&d, "Số:      /BC-UBND");
    let date = find(&d, &r.date.line("Bạch Mai"));
    assert_eq!(so.y, date.y);
    // The blank is really there on paper: the text is wider than without it.
    assert!(so.width > m.width(Face::Regular, "Số: /BC-UBND", 13.0) + 15.0);
}

#[test]
fn title_trich_yeu_and_its_rule() {
    let m = measurer();
    let r = report(2);
    let d = layout(&r, &m);
    let p = &d.pages[0];
    let b = text_box(&r.settings, p);
    let bc = find(&d, "BÁO CÁO");
    assert_eq!((bc.size, bc.face), (14.0, Face::Bold));
    let (l, r_) = extent(p, bc);
    assert!((((l + r_) / 2.0) - (b.left + b.right) / 2.0).abs() < 0.5);
    let ty = lines_of(p, |t| {
        t.source
            == Some(Source::Header {
                field: "trich_yeu".into(),
            })
    });
    assert!(ty.len() >= 2, "the long trích yếu wraps");
    let mut widest = 0.0f32;
    for (_, items) in &ty {
        let l = items[0].x;
        let last = items[items.len() - 1];
        let r_ = last.x + m.width(last.face, last.text.trim_end(), last.size);
        widest = widest.max(r_ - l);
        assert!(
            (((l + r_) / 2.0) - (b.left + b.right) / 2.0).abs() < 0.5,
            "trích yếu centred"
        );
        assert!(items.iter().all(|t| t.face == Face::Bold && t.size == 14.0));
    }
    let last_y = ty[ty.len() - 1].0;
    let rule = rules(p)
        .into_iter()
        .find(|(_, _, y)| *y > last_y && *y < last_y + 8.0)
        .expect("rule under the trích yếu");
    let ratio = (rule.1 - rule.0) / widest;
    assert!((1.0 / 3.0..=0.5).contains(&ratio));
    assert!((((rule.0 + rule.1) / 2.0) - (b.left + b.right) / 2.0).abs() < 0.5);
    assert_eq!(d.info.title, r.trich_yeu);
    assert_eq!(d.info.author, "ỦY BAN NHÂN DÂN PHƯỜNG BẠCH MAI");
}

#[test]
fn paragraphs_are_justified_with_first_line_indent_and_spacing() {
    let m = measurer();
    for settings in [
        LayoutSettings::default(),
        LayoutSettings {
            body_pt: 13.0,
            first_line_indent_mm: 10.0,
            paragraph_spacing_pt: 9.0,
            line_spacing: 1.5,
            ..LayoutSettings::default()
        },
    ] {
        let r = Report {
            settings,
            ..report(30)
        };
        let d = layout(&r, &m);
        let single = settings.body_pt * 1.149 * settings.line_spacing;
        let mut justified = 0;
        for p in &d.pages {
            let b = text_box(&settings, p);
            let ls = lines_of(p, |t| {
                matches!(&t.source, Some(Source::Section { block: Some(_), .. }))
            });
            for (k, (y, items)) in ls.iter().enumerate() {
                let src = &items[0].source;
                let first = k == 0 || ls[k - 1].1[0].source != *src;
                let last = k + 1 == ls.len() || ls[k + 1].1[0].source != *src;
                if first && k > 0 {
                    // Paragraph spacing: more than a line between baselines of two paragraphs.
                    let gap = y - ls[k - 1].0 - single;
                    assert!(gap >= settings.paragraph_spacing_pt - 0.05, "gap {gap}");
                    assert!(gap >= 6.0 - 0.05);
                }
                if first && k > 0 {
                    let indent = items[0].x - b.left;
                    assert!(
                        (indent - mm(settings.first_line_indent_mm)).abs() < 0.01,
                        "indent {indent}"
                    );
                }
                let end = items[items.len() - 1];
                let right = end.x + m.width(end.face, end.text.trim_end(), end.size);
                if !last {
                    assert!(
                        (right - b.right).abs() <= 0.2,
                        "justified line ends at {right}, margin {}",
                        b.right
                    );
                    justified += 1;
                } else {
                    assert!(right <= b.right + 0.01);
                }
                assert!(items
                    .iter()
                    .all(|t| t.size == settings.body_pt && t.face == Face::Regular));
            }
        }
        assert!(justified > 50);
    }
}

#[test]
fn words_keep_their_spaces_for_copying() {
    let m = measurer();
    let r = Report {
        intro: vec![Block::Paragraph {
            runs: vec![
                Run::plain("Với diện tích 2,95 km"),
                Run {
                    text: "2".into(),
                    sup: true,
                    ..Run::default()
                },
                Run::plain(", dân số "),
                Run {
                    text: "125.716 người".into(),
                    bold: true,
                    ..Run::default()
                },
                Run::plain(" và "),
                Run {
                    text: "6 Rõ".into(),
                    italic: true,
                    ..Run::default()
                },
                Run::plain("."),
            ],
        }],
        ..report(0)
    };
    let d = layout(&r, &m);
    // Words keep their spaces; pieces of one word in different styles are adjacent items.
    let text: String = d.pages[0]
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text(t) => Some(t.text.as_str()),
            _ => None,
        })
        .collect();
    assert!(
        text.contains("Với diện tích 2,95 km2, dân số 125.716 người và 6 Rõ."),
        "{text}"
    );
    let sup = d.pages[0]
        .items
        .iter()
        .find_map(|i| match i {
            Item::Text(t) if t.text == "2" => Some(t),
            _ => None,
        })
        .expect("superscript item");
    let km = find(&d, "km");
    assert!(
        sup.size < km.size && sup.y < km.y,
        "superscript smaller and raised"
    );
    assert!(
        (sup.x - (km.x + km.width)).abs() < 0.01,
        "no space before the superscript"
    );
    assert_eq!(find(&d, "125.716").face, Face::Bold);
    assert_eq!(find(&d, "Rõ.").face, Face::Italic);
}

#[test]
fn page_numbers_from_page_two_centred_in_the_top_margin() {
    let m = measurer();
    let r = report(45);
    let d = layout(&r, &m);
    assert!(d.pages.len() >= 4, "{} pages", d.pages.len());
    assert_eq!(d.pages[0].number, None);
    assert!(texts(&d.pages[0]).all(|t| !(t.source.is_none() && t.text == "1")));
    for (i, p) in d.pages.iter().enumerate().skip(1) {
        let b = text_box(&r.settings, p);
        assert_eq!(p.number, Some(i as u32 + 1));
        let n = texts(p)
            .find(|t| is_page_number(p, t))
            .expect("page number printed");
        assert_eq!(n.size, r.settings.page_number_pt);
        assert_eq!(n.face, Face::Regular);
        assert!(((n.x + n.width / 2.0) - (b.left + b.right) / 2.0).abs() < 0.01);
        assert!(
            n.y < b.top && n.y - n.size * 0.7 > 0.0,
            "inside the top margin"
        );
    }
}

/// The page-flow rules on reports of every length from a few paragraphs to several pages, so that
/// every element at some point falls on a page break.
#[test]
fn page_flow_keeps_headings_lines_and_closing_together() {
    let m = measurer();
    for n in 0..60 {
        let r = report(n);
        let d = layout(&r, &m);
        let last_page = d.pages.len() - 1;
        for (pi, p) in d.pages.iter().enumerate() {
            let c = content(p);
            let last = c.last().expect("no empty page");
            assert!(
                !matches!(&last.source, Some(Source::Section { block: None, .. })),
                "n={n}: heading {:?} last on page {}",
                last.text,
                pi + 1
            );
            // Widows and orphans: a paragraph cut by the page keeps two lines on each side.
            let ls = lines_of(p, is_body_paragraph);
            if let (Some(first), Some(lastl)) = (ls.first(), ls.last()) {
                for (edge, src) in [(0usize, &first.1[0].source), (1, &lastl.1[0].source)] {
                    let count = ls.iter().filter(|(_, it)| it[0].source == *src).count();
                    let other = if edge == 0 {
                        pi.checked_sub(1).map(|q| &d.pages[q])
                    } else {
                        d.pages.get(pi + 1)
                    };
                    let continues =
                        other.is_some_and(|o| content(o).iter().any(|t| t.source == *src));
                    if continues {
                        assert!(
                            count >= 2,
                            "n={n}: single line of a paragraph alone on page {}",
                            pi + 1
                        );
                    }
                }
            }
            let has = |f: &str| {
                c.iter()
                    .any(|t| t.source == Some(Source::Closing { field: f.into() }))
            };
            if has("signer") || has("noi_nhan") || has("closing") {
                assert_eq!(pi, last_page, "n={n}: closing on the last page only");
                assert!(
                    has("signer") && has("noi_nhan") && has("closing"),
                    "n={n}: closing split"
                );
            }
        }
        // The closing carries body lines with it: on its page, at least two lines before the
        // closing sentence (from the body, or the title on page 1).
        let p = &d.pages[last_page];
        let before = lines_of(p, |t| !matches!(&t.source, Some(Source::Closing { .. })));
        // Two body lines, or an (empty) last section's heading that came along with it.
        let heading = before
            .iter()
            .any(|(_, it)| matches!(&it[0].source, Some(Source::Section { block: None, .. })));
        assert!(
            before.len() >= 2 || heading,
            "n={n}: closing alone on its page"
        );
    }
}

#[test]
fn noi_nhan_and_signer_share_a_baseline_with_room_for_the_seal() {
    let m = measurer();
    let r = Report {
        kinh_gui: vec!["Ủy ban nhân dân thành phố Hà Nội".into()],
        noi_nhan: NoiNhan {
            recipients: vec![
                "UBND thành phố".into(),
                "Một nơi nhận rất dài cần xuống dòng để thử thụt lề treo".into(),
            ],
            archive: Archive {
                units: vec!["VP".into()],
                copies: Some(2),
            },
        },
        ..report(5)
    };
    let d = layout(&r, &m);
    let label = find(&d, "Nơi nhận:");
    assert_eq!((label.face, label.size), (Face::BoldItalic, 12.0));
    let tm = find(&d, "TM.");
    assert_eq!(label.y, tm.y, "first lines of both columns on one baseline");
    assert!(tm.face == Face::Bold && (13.0..=14.0).contains(&tm.size));
    let plain = d.plain_text();
    assert!(plain.contains("TM. ỦY BAN NHÂN DÂN CHỦ TỊCH"));
    assert!(
        plain.contains("Nơi nhận: - Như trên; - UBND thành phố;"),
        "{plain}"
    );
    assert!(plain.contains("- Lưu: VT, VP (02)."));
    let chu_tich = find(&d, "CHỦ TỊCH");
    let name = find(&d, "Hiền");
    let room = (name.y - name.size * 0.9) - (chu_tich.y + chu_tich.size * 0.22);
    assert!(
        (mm(25.0)..=mm(30.0)).contains(&room),
        "room for signature {} mm",
        room / mm(1.0)
    );
    assert_eq!(name.face, Face::Bold);
    // The long recipient wraps with a hanging indent inside the left third.
    let p = d.pages.last().unwrap();
    let b = text_box(&r.settings, p);
    let dash = find(&d, "-");
    for t in texts(p).filter(|t| {
        t.source
            == Some(Source::Closing {
                field: "noi_nhan".into(),
            })
    }) {
        assert!(
            t.x + t.width <= b.left + (b.right - b.left) / 3.0 + 4.0,
            "{:?}",
            t.text
        );
        assert_eq!(
            t.size,
            if t.face == Face::BoldItalic {
                12.0
            } else {
                11.0
            }
        );
    }
    let hang = find(&d, "lề");
    assert!(hang.x >= dash.x);
}

#[test]
fn kinh_gui_several_recipients_dashes_under_the_colon() {
    let m = measurer();
    let r = Report {
        kinh_gui: vec!["Ủy ban nhân dân thành phố".into(), "Sở Nội vụ".into()],
        ..report(2)
    };
    let d = layout(&r, &m);
    let p = &d.pages[0];
    let kg = lines_of(p, |t| {
        t.source
            == Some(Source::Header {
                field: "kinh_gui".into(),
            })
    });
    assert_eq!(kg.len(), 3);
    let label_x = kg[0].1[0].x;
    let colon_x = label_x + m.width(Face::Regular, "Kính gửi", 14.0);
    assert!((kg[1].1[0].x - colon_x).abs() < 0.01);
    assert!((kg[2].1[0].x - colon_x).abs() < 0.01);
    let text = d.plain_text();
    assert!(
        text.contains("Kính gửi: - Ủy ban nhân dân thành phố; - Sở Nội vụ."),
        "{text}"
    );
    let one = layout(
        &Report {
            kinh_gui: vec!["Ủy ban nhân dân quận".into()],
            ..report(2)
        },
        &m,
    );
    let kg = lines_of(&one.pages[0], |t| {
        t.source
            == Some(Source::Header {
                field: "kinh_gui".into(),
            })
    });
    assert_eq!(kg.len(), 1, "one recipient on the same line");
}

#[test]
fn headings_follow_their_level() {
    let m = measurer();
    let r = report(9);
    let d = layout(&r, &m);
    let b = text_box(&r.settings, &d.pages[0]);
    let part = find(&d, "Phần");
    assert_eq!(part.face, Face::Bold);
    let part_line: Vec<&TextItem> = texts(&d.pages[0]).filter(|t| t.y == part.y).collect();
    let l = part_line[0].x;
    let last = part_line[part_line.len() - 1];
    let r_ = last.x + last.width;
    assert!(
        (((l + r_) / 2.0) - (b.left + b.right) / 2.0).abs() < 0.5,
        "Phần centred"
    );
    assert!(d.plain_text().contains(
        "Phần thứ nhất ĐÁNH GIÁ TÌNH HÌNH THỰC HIỆN I. HOẠT ĐỘNG CHỈ ĐẠO ĐIỀU HÀNH 1. Kết quả"
    ));
    let muc = find(&d, "I.");
    assert_eq!(muc.face, Face::Bold);
    assert!(
        (muc.x - b.left - mm(12.7)).abs() < 0.01,
        "mục at the first-line indent"
    );
    let khoan = find(&d, "1.");
    assert_eq!(khoan.face, Face::Bold);

    let deep = Report {
        parts: false,
        body: vec![section(
            "m",
            "mục",
            vec![],
            vec![section(
                "k",
                "khoản",
                vec![],
                vec![section(
                    "s",
                    "tiểu khoản",
                    vec![],
                    vec![section(
                        "d",
                        "điểm",
                        vec![],
                        vec![section("x", "gạch", vec![], vec![])],
                    )],
                )],
            )],
        )],
        ..report(0)
    };
    let d = layout(&deep, &m);
    assert_eq!(find(&d, "1.1.").face, Face::BoldItalic);
    assert_eq!(find(&d, "a)").face, Face::Regular);
    assert_eq!(find(&d, "MỤC").face, Face::Bold);
    assert!(d
        .plain_text()
        .contains("I. MỤC 1. khoản 1.1. tiểu khoản a) điểm - gạch"));
}

#[test]
fn appendices_start_a_page_and_are_numbered_on_their_own() {
    let m = measurer();
    let long: Vec<Block> = (0..40).map(|i| para(words(i, 60))).collect();
    let r = Report {
        number: None,
        date: DocDate {
            year: 2026,
            month: None,
            day: None,
        },
        appendices: vec![
            Appendix {
                id: "pl1".into(),
                title: "Kết quả thu ngân sách".into(),
                intro: long.clone(),
                ..Appendix::default()
            },
            Appendix {
                id: "pl2".into(),
                title: "Bảng số liệu".into(),
                intro: vec![Block::Table(Table {
                    header_rows: 1,
                    widths: vec![1.0, 4.0, 2.0],
                    rows: (0..30)
                        .map(|i| {
                            vec![
                                vec![Run::plain(i.to_string())],
                                vec![Run::plain(words(i, 12))],
                                vec![Run::plain("12.707")],
                            ]
                        })
                        .collect(),
                    ..Default::default()
                })],
                landscape: true,
                ..Appendix::default()
            },
        ],
        ..report(10)
    };
    let d = layout(&r, &m);
    let starts: Vec<usize> = d
        .pages
        .iter()
        .enumerate()
        .filter(|(_, p)| texts(p).any(|t| t.text.starts_with("Phụ")))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(starts.len(), 2);
    for &s in &starts {
        assert_eq!(
            d.pages[s].number, None,
            "first page of an appendix unnumbered"
        );
        assert_eq!(
            d.pages[s + 1].number,
            Some(2),
            "appendix pages numbered on their own"
        );
    }
    let pl2 = &d.pages[starts[1]];
    assert!(pl2.width > pl2.height, "landscape appendix");
    let text = d.plain_text();
    assert!(text.contains("Phụ lục I KẾT QUẢ THU NGÂN SÁCH"));
    assert!(text.contains("Phụ lục II BẢNG SỐ LIỆU"));
    assert!(
        text.contains("(Kèm theo Báo cáo số \u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-UBND ngày \u{a0}\u{a0}\u{a0}\u{a0}\u{a0} tháng"),
        "blanks kept: {text}"
    );
    assert!(text.contains("của Ủy ban nhân dân phường Bạch Mai)"));
    let kem = find(&d, "(Kèm");
    assert_eq!(kem.face, Face::Italic);
    // Table rows are whole on each page: every row's border box holds its text.
    for p in &d.pages[starts[1]..] {
        let b = text_box(&r.settings, p);
        for i in &p.items {
            if let Item::Rect { y, h, .. } = i {
                assert!(
                    *y >= b.top - 0.01 && y + h <= b.bottom + 0.01,
                    "row inside the page"
                );
            }
        }
    }
}

#[test]
fn a_long_table_repeats_its_header_row_on_every_page() {
    let rows: Vec<Vec<Vec<Run>>> = std::iter::once(vec![
        vec![Run::plain("TT")],
        vec![Run::plain("Chỉtiêuđầubảng")],
        vec![Run::plain("Kếtquả")],
    ])
    .chain((1..=90).map(|i| {
        vec![
            vec![Run::plain(i.to_string())],
            vec![Run::plain(words(i, 4))],
            vec![Run::plain("12.707")],
        ]
    }))
    .collect();
    let mut r = report(0);
    r.body[0].blocks = vec![Block::Table(Table {
        header_rows: 1,
        widths: vec![1.0, 5.0, 2.0],
        rows,
        ..Default::default()
    })];
    let d = layout(&r, &measurer());
    let with_table: Vec<&Page> = d
        .pages
        .iter()
        .filter(|p| content(p).iter().any(|t| t.text == "12.707"))
        .collect();
    assert!(with_table.len() >= 2, "the table spans pages");
    for (i, p) in with_table.iter().enumerate() {
        let heads: Vec<&TextItem> = content(p)
            .into_iter()
            .filter(|t| t.text == "Chỉtiêuđầubảng")
            .collect();
        assert_eq!(heads.len(), 1, "page {i} of the table has its header once");
        assert_eq!(heads[0].face, Face::Bold);
        if i > 0 {
            // On a continued page the header is the first thing under the top margin.
            let top = content(p).iter().map(|t| t.y).fold(f32::MAX, f32::min);
            assert!(
                (heads[0].y - top).abs() < 0.01,
                "page {i}: header not on top"
            );
        }
        // Every row is whole on its page, repeated header included.
        let b = text_box(&r.settings, p);
        for it in &p.items {
            if let Item::Rect { y, h, .. } = it {
                assert!(
                    *y >= b.top - 0.01 && y + h <= b.bottom + 0.01,
                    "row outside the page"
                );
            }
        }
    }
    // Every data row is printed once.
    let numbers: usize = with_table
        .iter()
        .map(|p| content(p).iter().filter(|t| t.text == "12.707").count())
        .sum();
    assert_eq!(numbers, 90);
}

#[test]
fn marks_are_boxed() {
    let m = measurer();
    let r = Report {
        marks: Marks {
            draft: Some("DỰ THẢO".into()),
            urgency: Some("Khẩn".into()),
            circulation: None,
        },
        ..report(2)
    };
    let d = layout(&r, &m);
    let p = &d.pages[0];
    let draft = find(&d, "DỰ THẢO");
    let urgent = find(&d, "KHẨN");
    let so = find(&d, "Số: 05/BC-UBND");
    assert!(draft.y < find(&d, QUOC_HIEU).y, "draft mark at the top");
    assert!(
        urgent.y > so.y && urgent.x < find(&d, QUOC_HIEU).x,
        "urgency under Số, left"
    );
    let boxes = p
        .items
        .iter()
        .filter(|i| matches!(i, Item::Rect { .. }))
        .count();
    assert_eq!(boxes, 2);
    let without = layout(&report(2), &m);
    assert!(!without.plain_text().contains("DỰ THẢO"));
}

#[test]
fn layout_is_pure() {
    let m = measurer();
    let r = report(20);
    assert_eq!(layout(&r, &m), layout(&r, &m));
}

#[test]
#[ignore]
fn dump() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let d = layout(&report(n), &measurer());
    for (i, p) in d.pages.iter().enumerate() {
        println!("=== page {} number {:?}", i + 1, p.number);
        let mut last = f32::NAN;
        let mut line = String::new();
        for t in texts(p) {
            if t.y != last {
                if !line.is_empty() {
                    println!("{last:7.1} {line}");
                }
                line.clear();
                last = t.y;
            }
            line.push_str(&t.text);
            line.push('|');
        }
        println!("{last:7.1} {line}");
    }
}

/// Rough timing in the test profile (the release figure is in the engine benchmark).
#[test]
#[ignore]
fn timing() {
    let m = measurer();
    let r = report(150);
    let d = layout(&r, &m);
    let t = std::time::Instant::now();
    let runs = 20;
    for _ in 0..runs {
        std::hint::black_box(layout(&r, &m));
    }
    println!(
        "{} pages, {} words: {:?} per layout",
        d.pages.len(),
        d.plain_text().split_whitespace().count(),
        t.elapsed() / runs
    );
}

#[test]
fn odd_reports_lay_out_without_panic_and_inside_the_page() {
    let m = measurer();
    let d = layout(&Report::default(), &m);
    assert_eq!(d.pages.len(), 1);
    assert!(
        d.plain_text().contains("- Lưu: VT."),
        "archive line always there"
    );
    let long_word = "https://dichvucong.hanoi.gov.vn/".repeat(8);
    let r = Report {
        intro: vec![para(format!("Xem tại {long_word} để biết thêm."))],
        settings: LayoutSettings {
            margin_left_mm: f32::NAN,
            body_pt: 40.0,
            line_spacing: 0.2,
            ..LayoutSettings::default()
        },
        ..report(2)
    };
    let d = layout(&r, &m);
    let s = r.settings.clamped();
    assert_eq!(s.margin_left_mm, 30.0);
    for p in &d.pages {
        let b = text_box(&s, p);
        for t in content(p) {
            assert!(t.x >= b.left - 0.01);
            assert!(
                t.x + m.width(t.face, t.text.trim_end(), t.size) <= b.right + 0.01,
                "{:?}",
                t.text
            );
            assert!(t.size <= 14.0);
        }
    }
    let joined: String = d
        .pages
        .iter()
        .flat_map(texts)
        .map(|t| t.text.as_str())
        .collect();
    assert!(
        joined.contains(&long_word),
        "the long word is cut, not lost"
    );
}

/// Writes rough SVGs of a report's pages to $OUT (for a look; the real painter is paint::svg).
#[test]
#[ignore]
fn look() {
    let n: usize = std::env::var("N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let out = std::env::var("OUT").unwrap_or_else(|_| "/tmp/look".into());
    std::fs::create_dir_all(&out).unwrap();
    let r = Report {
        kinh_gui: vec!["Ủy ban nhân dân thành phố".into(), "Sở Nội vụ".into()],
        marks: Marks {
            draft: Some("DỰ THẢO".into()),
            urgency: Some("KHẨN".into()),
            circulation: None,
        },
        number: None,
        date: DocDate {
            year: 2026,
            month: None,
            day: None,
        },
        issuer: Issuer {
            parent: Some("UBND quận Hai Bà Trưng".into()),
            name_lines: vec!["Ban chỉ đạo phòng chống thiên tai và tìm kiếm cứu nạn".into()],
            symbol: "BC-BCĐ".into(),
        },
        appendices: vec![Appendix {
            id: "a".into(),
            title: "Bảng số liệu".into(),
            intro: vec![Block::Table(Table {
                header_rows: 1,
                widths: vec![1.0, 5.0, 2.0],
                rows: (0..12)
                    .map(|i| {
                        vec![
                            vec![Run::plain(if i == 0 {
                                "TT".to_string()
                            } else {
                                i.to_string()
                            })],
                            vec![Run::plain(words(i, 5 + i))],
                            vec![Run::plain("12.707")],
                        ]
                    })
                    .collect(),
                ..Default::default()
            })],
            landscape: true,
            ..Appendix::default()
        }],
        ..report(n)
    };
    let d = layout(&r, &measurer());
    let created = chrono::NaiveDate::from_ymd_opt(2026, 1, 5)
        .and_then(|d| d.and_hms_opt(8, 0, 0))
        .unwrap();
    let pdf = baocao::paint::pdf::write_pdf(&d, FontSet::get(), created).unwrap();
    std::fs::write(format!("{out}/look.pdf"), pdf).unwrap();
    for (i, p) in d.pages.iter().enumerate() {
        let mut s = format!(
            "<svg xmlns='http://www.w3.org/2000/svg' width='{}' height='{}'><rect width='100%' height='100%' fill='white'/>",
            p.width, p.height
        );
        for it in &p.items {
            match it {
                Item::Text(t) => {
                    let (w, st) = match t.face {
                        Face::Regular | Face::Symbol => ("normal", "normal"),
                        Face::Bold => ("bold", "normal"),
                        Face::Italic => ("normal", "italic"),
                        Face::BoldItalic => ("bold", "italic"),
                    };
                    s += &format!(
                        "<text x='{}' y='{}' font-family='Liberation Serif' font-size='{}' font-weight='{w}' font-style='{st}' xml:space='preserve'>{}</text>",
                        t.x, t.y, t.size, t.text.replace('&', "&amp;").replace('<', "&lt;")
                    );
                }
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => {
                    s += &format!("<line x1='{x1}' y1='{y1}' x2='{x2}' y2='{y2}' stroke='black' stroke-width='{width}'/>");
                }
                Item::Rect { x, y, w, h, width } => {
                    s += &format!("<rect x='{x}' y='{y}' width='{w}' height='{h}' fill='none' stroke='black' stroke-width='{width}'/>");
                }
            }
        }
        s += "</svg>";
        std::fs::write(format!("{out}/page-{}.svg", i + 1), s).unwrap();
    }
}
