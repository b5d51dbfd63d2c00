//! Figures typed once, shown the same everywhere: in sentences, in a table, after a save and a
//! reload, and in the report's one number format.

use std::str::FromStr;

use baocao::figures::{self, MoneyStyle, NumberFormat};
use baocao::model::{file, Block, Figure, FigureRef, Report, Run, Section};
use rust_decimal::Decimal;

fn dec(s: &str) -> Option<Decimal> {
    Some(Decimal::from_str(s).unwrap())
}

fn fig(id: &str, label: &str, unit: &str, value: &str) -> Figure {
    Figure {
        id: id.into(),
        label: label.into(),
        unit: unit.into(),
        value: dec(value),
        ..Figure::default()
    }
}

fn r(id: &str, show: &str) -> Run {
    Run {
        figure: Some(FigureRef {
            id: id.into(),
            show: show.into(),
        }),
        ..Run::default()
    }
}

/// "Tổng đơn … 107 đơn; đã giải quyết 64 đơn, đạt tỷ lệ 59,8%" and the budget sentence of the
/// sample, written from figures.
fn report() -> Report {
    let mut thu = fig("thu", "Tổng thu ngân sách", "đồng", "1845127000000");
    thu.plan = dec("1826858000000");
    Report {
        body: vec![Section {
            id: "tiep-dan".into(),
            title: "Công tác tiếp dân".into(),
            figures: vec![
                fig("don", "Tổng đơn tiếp nhận", "đơn", "107"),
                fig("gq", "Đơn đã giải quyết", "đơn", "64"),
                thu,
            ],
            blocks: vec![
                Block::Paragraph {
                    runs: vec![
                        Run::plain("Tổng đơn tiếp nhận trong kỳ là "),
                        r("don", "value"),
                        Run::plain(" đơn; đã giải quyết "),
                        r("gq", "value"),
                        Run::plain(" đơn, đạt tỷ lệ "),
                        r("gq", "share_of:don"),
                        Run::plain("."),
                    ],
                },
                Block::List {
                    items: vec![vec![
                        Run::plain("Tổng thu ngân sách là "),
                        r("thu", "value"),
                        Run::plain(", đạt "),
                        r("thu", "percent_of_plan"),
                        Run::plain(" dự toán."),
                    ]],
                },
            ],
            ..Section::default()
        }],
        ..Report::default()
    }
}

fn texts(r: &Report) -> Vec<String> {
    r.body[0]
        .blocks
        .iter()
        .map(baocao::checks::block_text)
        .collect()
}

#[test]
fn sentences_show_the_figures_the_vietnamese_way() {
    let mut rep = report();
    figures::apply(&mut rep);
    assert_eq!(
        texts(&rep),
        vec![
            "Tổng đơn tiếp nhận trong kỳ là 107 đơn; đã giải quyết 64 đơn, đạt tỷ lệ 59,8%.",
            "Tổng thu ngân sách là 1.845 tỷ 127 triệu đồng, đạt 101,0% dự toán.",
        ]
    );
    // The checks agree with what the figures wrote.
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    assert!(!baocao::checks::check(&rep, day)
        .iter()
        .any(|f| f.message.contains("Tỷ lệ")));
}

#[test]
fn one_number_format_for_the_whole_report() {
    let mut rep = report();
    rep.number_format = NumberFormat {
        percent_decimals: 0,
        money: MoneyStyle::Full,
        ..NumberFormat::default()
    };
    figures::apply(&mut rep);
    assert_eq!(
        texts(&rep),
        vec![
            "Tổng đơn tiếp nhận trong kỳ là 107 đơn; đã giải quyết 64 đơn, đạt tỷ lệ 60%.",
            "Tổng thu ngân sách là 1.845.127.000.000 đồng, đạt 101% dự toán.",
        ]
    );
}

#[test]
fn a_changed_value_changes_every_sentence_and_the_table() {
    let mut rep = report();
    rep.body[0].figures[1].value = dec("70");
    let table = figures::table(&rep.body[0], &rep.number_format);
    rep.body[0].blocks.push(table);
    figures::apply(&mut rep);
    let t = texts(&rep);
    assert!(
        t[0].ends_with("đã giải quyết 70 đơn, đạt tỷ lệ 65,4%."),
        "{}",
        t[0]
    );
    assert!(t[2].contains("Đơn đã giải quyết | đơn | 70"), "{}", t[2]);
    assert!(t[2].contains("Tổng thu ngân sách | đồng | 1.845 tỷ 127 triệu đồng | 1.826 tỷ 858 triệu đồng | 101,0%"), "{}", t[2]);
}

#[test]
fn the_number_format_is_saved_and_older_files_get_the_default() {
    let mut rep = report();
    rep.number_format.money = MoneyStyle::Full;
    let back = file::from_json(file::to_json(&rep).as_bytes()).unwrap();
    assert_eq!(back.number_format.money, MoneyStyle::Full);
    let old = r#"{"format":"baocao-report","version":1,"report":{"trich_yeu":"Kết quả"}}"#;
    assert_eq!(
        file::from_json(old.as_bytes()).unwrap().number_format,
        NumberFormat::default()
    );
}
