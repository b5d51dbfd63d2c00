//! The sample report as a `Report`, built by a small reader of its Markdown, so that the checks,
//! the roll-forward and the benchmark run on the real text while the importer is written in
//! parallel. Included by the tests and the benchmark with `#[path]`; as a test target of its
//! own it only checks that the sample was read.
#![allow(dead_code)]

use baocao::model::{
    Archive, Authority, Block, DocDate, Issuer, Label, NoiNhan, Report, Run, Section, Signer,
};

pub const SAMPLE: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

/// Markdown emphasis and HTML superscript removed.
fn plain(s: &str) -> String {
    s.replace("<sup>", "")
        .replace("</sup>", "")
        .replace(['*', '\\'], "")
        .trim()
        .to_string()
}

/// The depth of a heading from its typed number, and the title without it.
fn heading(text: &str) -> (usize, Label, String) {
    let t = plain(text.trim_start_matches('#').trim());
    let first = t.split_whitespace().next().unwrap_or("");
    let rest = t[first.len()..].trim().to_string();
    if t.starts_with("Phần thứ") {
        return (0, Label::Auto, String::new());
    }
    if t.starts_with("Phần") {
        return (0, Label::Custom(t.clone()), String::new());
    }
    let roman = first
        .trim_end_matches('.')
        .chars()
        .all(|c| "IVX".contains(c))
        && first.ends_with('.');
    if roman && !first.is_empty() {
        return (1, Label::Auto, rest);
    }
    let digits = first.trim_end_matches('.');
    if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit() || c == '.') {
        let depth = 1 + digits.split('.').count();
        return (depth, Label::Auto, rest);
    }
    (4, Label::None, t)
}

fn is_heading(line: &str) -> bool {
    let l = line.trim();
    if l.starts_with('#') {
        return !l.contains("Nơi nhận");
    }
    (l.starts_with("**") && l.ends_with("**") && !l.starts_with("**TM") && l.len() > 4)
        || (l.starts_with("***") && l.ends_with("***"))
}

/// Reads the sample Markdown into a report.
pub fn sample() -> Report {
    let mut r = Report {
        issuer: Issuer {
            parent: None,
            name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
            symbol: "BC-UBND".into(),
        },
        place: "Bạch Mai".into(),
        date: DocDate {
            year: 2026,
            month: None,
            day: None,
        },
        doc_type: "BÁO CÁO".into(),
        parts: true,
        signer: Signer {
            authority: Some(Authority::TM),
            collective: "ỦY BAN NHÂN DÂN".into(),
            titles: vec!["CHỦ TỊCH".into()],
            name: "Nguyễn Thị Thu Hiền".into(),
        },
        ..Report::default()
    };
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let mut i = lines
        .iter()
        .position(|l| l.contains("BÁO CÁO"))
        .unwrap_or(0)
        + 1;
    while lines[i].trim().is_empty() {
        i += 1;
    }
    r.trich_yeu = plain(lines[i].trim_start_matches('#'))
        .trim_end_matches('.')
        .to_string();
    i += 1;
    // Sections as a flat list with depths, nested at the end.
    let mut flat: Vec<(usize, Section)> = Vec::new();
    let mut intro: Vec<Block> = Vec::new();
    let mut n = 0;
    let mut in_closing = false;
    for line in &lines[i..] {
        let l = line.trim();
        if l.is_empty() {
            continue;
        }
        if l.contains("Nơi nhận") {
            in_closing = true;
            continue;
        }
        if in_closing {
            if let Some(rest) = l.strip_prefix("- ") {
                if let Some(units) = rest.strip_prefix("Lưu") {
                    let units = units.trim_start_matches(':').trim().trim_end_matches("./.");
                    r.noi_nhan.archive = Archive {
                        units: units
                            .split(',')
                            .map(str::trim)
                            .filter(|u| *u != "VT" && !u.is_empty())
                            .map(String::from)
                            .collect(),
                        copies: None,
                    };
                } else {
                    r.noi_nhan
                        .recipients
                        .push(rest.trim_end_matches(';').to_string());
                }
            }
            continue;
        }
        if l.contains("trân trọng báo cáo") {
            r.closing = plain(l);
            continue;
        }
        let target = match flat.last_mut() {
            Some((_, s)) => &mut s.blocks,
            None => &mut intro,
        };
        if is_heading(l) {
            let (depth, label, title) = heading(l);
            if let Some((0, part)) = flat.last_mut() {
                if part.title.is_empty() && part.blocks.is_empty() && label == Label::None {
                    part.title = title;
                    continue;
                }
            }
            n += 1;
            flat.push((
                depth,
                Section {
                    id: format!("s{n}"),
                    label,
                    title,
                    ..Section::default()
                },
            ));
        } else if let Some(item) = l.strip_prefix("- ") {
            let run = vec![Run::plain(plain(item))];
            match target.last_mut() {
                Some(Block::List { items }) => items.push(run),
                _ => target.push(Block::List { items: vec![run] }),
            }
        } else {
            let text = plain(l);
            // A paragraph broken at a page end continues in lower case.
            let continues = text.chars().next().is_some_and(char::is_lowercase);
            match target.last_mut() {
                Some(Block::Paragraph { runs }) if continues => {
                    runs[0].text = format!("{} {text}", runs[0].text)
                }
                _ => target.push(Block::Paragraph {
                    runs: vec![Run::plain(text)],
                }),
            }
        }
    }
    r.intro = intro;
    r.body = nest(&mut flat.into_iter().peekable(), 0);
    r
}

fn nest(
    it: &mut std::iter::Peekable<impl Iterator<Item = (usize, Section)>>,
    depth: usize,
) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    while let Some((d, _)) = it.peek() {
        if *d < depth {
            break;
        }
        let (d, mut s) = it.next().unwrap();
        s.children = nest(it, d + 1);
        out.push(s);
    }
    out
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
