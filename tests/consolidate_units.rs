//! "Tổng hợp" on thirty generated units of one template: two missing, one sent twice, one in
//! "triệu đồng", one with a renamed row, one typed another way (STT in labels, upper case,
//! "hoà", columns swapped), one workbook (.xlsx) and one Word file (.docx); every total checked
//! against a sum the test makes itself from the generator's numbers, and the summary's round
//! trip through Word.

#[path = "support/units.rs"]
mod units;

use std::path::{Path, PathBuf};

use baocao::consolidate::{self, Finding, Marks, Place};
use baocao::model::{Block, Report};
use baocao::text::{FontSet, Measurer};
use rust_decimal::Decimal;
use units::*;

const ROWS: usize = 6;
const UNITS: usize = 30;
const MISSING: [usize; 2] = [29, 30];
const DUPLICATE: usize = 5;
const TRIEU: usize = 7;
const RENAMED: usize = 9;
const RENAMED_ROW: usize = 2;
const XLSX: usize = 11;
const DOCX: usize = 13;
const TYPED: usize = 3;

fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-tonghop-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes the units' files; returns them in the order given to the consolidation.
pub fn write_units(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for u in 1..=UNITS {
        if MISSING.contains(&u) {
            continue;
        }
        let mut r = report(Some(u), ROWS);
        match u {
            TRIEU => in_trieu_dong(&mut r, u),
            RENAMED => rename_row(&mut r, RENAMED_ROW, "Trẻ em tiêm đủ mũi"),
            TYPED => typed_otherwise(&mut r),
            _ => {}
        }
        let path = match u {
            XLSX => {
                let p = dir.join(format!("to-{u}.xlsx"));
                write_xlsx(&p, u, ROWS);
                p
            }
            DOCX => {
                let p = dir.join(format!("to-{u}.docx"));
                let m = Measurer::new(FontSet::get());
                let bytes = baocao::paint::docx::write_docx(&r, &m, chrono::Utc::now()).unwrap();
                std::fs::write(&p, bytes).unwrap();
                p
            }
            _ => {
                let p = dir.join(format!("to-{u}.json"));
                write_json(&p, &r);
                p
            }
        };
        files.push(path);
        if u == DUPLICATE {
            let p = dir.join(format!("to-{u}-gui-lai.json"));
            write_json(&p, &r);
            files.push(p);
        }
    }
    files
}

pub fn roster() -> Vec<String> {
    (1..=UNITS).map(unit_name).collect()
}

fn present() -> impl Iterator<Item = usize> {
    (1..=UNITS).filter(|u| !MISSING.contains(u))
}

fn cell_text(r: &Report, table: usize, row: usize, col: usize) -> String {
    let mut tables = Vec::new();
    r.for_each_section(|s, _| {
        for b in &s.blocks {
            if let Block::Table(t) = b {
                tables.push(t.clone());
            }
        }
    });
    tables[table].rows[row][col]
        .iter()
        .map(|r| r.text.as_str())
        .collect()
}

fn run(name: &str) -> (consolidate::Consolidation, Vec<PathBuf>) {
    let dir = folder(name);
    let files = write_units(&dir);
    let (us, bad) = consolidate::read::units(&files);
    assert!(bad.is_empty(), "{bad:?}");
    let marks = Marks {
        roster: roster(),
        ..Default::default()
    };
    let template = report(None, ROWS);
    (consolidate::consolidate(&template, &marks, us, bad), files)
}

#[test]
fn totals_are_the_independent_sums_and_nothing_is_silent() {
    let (c, _) = run("totals");
    let messages: Vec<String> = c.findings.iter().map(Finding::message).collect();
    let all = messages.join("\n");

    assert_eq!(
        c.coverage(),
        "Tổng hợp từ 28/30 đơn vị (chưa có báo cáo của: Tổ dân phố số 29, Tổ dân phố số 30)."
    );
    assert_eq!((c.received, c.expected), (28, 30));
    // Every unit named in the roster's spelling, whatever its header or file said.
    for u in &c.units {
        assert!(
            u.on_roster,
            "{} ({}) not matched to the roster",
            u.name, u.file
        );
    }
    assert!(c
        .units
        .iter()
        .any(|u| u.file == format!("to-{XLSX}.xlsx") && u.name == unit_name(XLSX)));

    // Table 1: plan and result summed row by row; the renamed row lacks its unit.
    for r in 0..ROWS {
        let units_in_row: Vec<usize> = present()
            .filter(|u| !(*u == RENAMED && r == RENAMED_ROW))
            .collect();
        let p: i64 = units_in_row.iter().map(|u| plan(*u, r)).sum();
        let d: i64 = units_in_row.iter().map(|u| done(*u, r)).sum();
        assert_eq!(cell_text(&c.summary, 0, r + 1, 3), vn(p), "plan row {r}");
        assert_eq!(cell_text(&c.summary, 0, r + 1, 4), vn(d), "done row {r}");
        // The percentage is Σ result ÷ Σ plan, never the mean of the units' percentages.
        assert_eq!(
            cell_text(&c.summary, 0, r + 1, 5),
            pct(d, p),
            "ratio row {r}"
        );
        let s = c
            .at(&Place::Cell {
                table: 0,
                row: r + 1,
                col: 3,
            })
            .expect("summed cell");
        assert_eq!(s.sources.len(), units_in_row.len());
        assert_eq!(s.total, Some(Decimal::from(p)));
        assert_eq!(
            s.sources.iter().map(|x| x.value).sum::<Decimal>(),
            Decimal::from(p)
        );
    }
    // Table 2: money in đồng; the unit in triệu đồng converted exactly.
    for r in 0..BUDGET.len() {
        for col in 0..2 {
            let t: i64 = present().map(|u| money(u, r, col)).sum();
            assert_eq!(
                cell_text(&c.summary, 1, r + 1, 2 + col),
                vn(t),
                "budget {r} {col}"
            );
        }
    }
    let trieu = c
        .at(&Place::Cell {
            table: 1,
            row: 1,
            col: 2,
        })
        .unwrap()
        .sources
        .iter()
        .find(|s| s.unit == unit_name(TRIEU))
        .unwrap()
        .clone();
    assert_eq!(trieu.value, Decimal::from(money(TRIEU, 0, 0)));
    assert!(
        trieu.typed.contains(','),
        "typed in triệu đồng: {}",
        trieu.typed
    );

    // Figures: by id; the workbook has none, nor has the Word file (a figure is text in Word).
    let households_total: i64 = present()
        .filter(|u| *u != XLSX && *u != DOCX)
        .map(households)
        .sum();
    let f = c
        .at(&Place::Figure {
            id: "so_ho".into(),
            field: "value".into(),
        })
        .unwrap();
    assert_eq!(f.total, Some(Decimal::from(households_total)));
    assert_eq!(f.sources.len(), 26);

    // What the clerk is told.
    for expected in [
        "Chưa có báo cáo của “Tổ dân phố số 29”.".to_string(),
        format!("“{}” gửi hai báo cáo: đã dùng “to-5-gui-lai.json”, bỏ “to-5.json” (hai bản giống nhau).", unit_name(DUPLICATE)),
        format!("“{}” ghi theo triệu đồng, đã quy đổi sang đồng.", unit_name(TRIEU)),
        format!("“{}” có thêm hàng “Trẻ em tiêm đủ mũi”", unit_name(RENAMED)),
        "cột “Tỷ lệ (%)” được tính lại bằng tổng “Thực hiện” chia tổng “Kế hoạch”".to_string(),
        "cột “Xếp loại” không cộng được".to_string(),
    ] {
        assert!(all.contains(&expected), "missing finding: {expected}\n{all}");
    }
    // Nothing about the unit typed otherwise: its rows and columns all matched.
    assert!(
        !c.findings.iter().any(|f| matches!(f, Finding::RowNotFound { unit, .. } | Finding::ExtraRow { unit, .. } if *unit == unit_name(TYPED))),
        "{all}"
    );
    let blocking: Vec<String> = c.blocking().map(Finding::message).collect();
    assert_eq!(
        blocking.len(),
        2,
        "only the two missing units block: {blocking:?}"
    );
    // The recognised ratio is kept in the marks for next time.
    assert_eq!(c.marks.ratios.len(), 1);
    assert_eq!(
        (c.marks.ratios[0].numerator, c.marks.ratios[0].denominator),
        (4, 3)
    );
}

#[test]
fn a_cell_that_is_no_number_is_a_conflict_and_a_duplicate_that_differs_too() {
    let dir = folder("conflict");
    let mut a = report(Some(1), ROWS);
    if let Block::Table(t) = &mut a.body[0].blocks[0] {
        t.rows[1][3] = vec![baocao::model::Run::plain("chưa có")];
    }
    let b = report(Some(2), ROWS);
    let mut b2 = report(Some(2), ROWS);
    b2.body[0].figures[0].value = Some(Decimal::from(7));
    for (name, r) in [("a.json", &a), ("b.json", &b), ("b2.json", &b2)] {
        write_json(&dir.join(name), r);
    }
    let files: Vec<PathBuf> = ["a.json", "b.json", "b2.json"]
        .iter()
        .map(|n| dir.join(n))
        .collect();
    let (us, bad) = consolidate::read::units(&files);
    let c = consolidate::consolidate(&report(None, ROWS), &Marks::default(), us, bad);
    let blocking: Vec<String> = c.blocking().map(Finding::message).collect();
    assert_eq!(blocking.len(), 2, "{blocking:?}");
    assert!(
        blocking[0].contains("hai bản có số liệu khác nhau"),
        "{blocking:?}"
    );
    assert!(
        blocking[1].contains("ghi “chưa có”, không phải là số"),
        "{blocking:?}"
    );
    assert_eq!(c.coverage(), "Tổng hợp từ 2/2 đơn vị.");
    // The unit's blank is not a zero: the cell counts one unit.
    let s = c
        .at(&Place::Cell {
            table: 0,
            row: 1,
            col: 3,
        })
        .unwrap();
    assert_eq!(s.sources.len(), 1);
}

#[test]
fn the_summary_goes_through_word_and_back() {
    let (c, _) = run("word");
    let m = Measurer::new(FontSet::get());
    let doc = baocao::layout::layout(&c.summary, &m);
    assert!(!doc.pages.is_empty());
    let docx = baocao::paint::docx::write_docx(&c.summary, &m, chrono::Utc::now()).unwrap();
    let back = baocao::import::import_docx(&docx).unwrap().report;
    for (t, rows, cols) in [(0usize, ROWS + 1, 6usize), (1, BUDGET.len() + 1, 4)] {
        for r in 0..rows {
            for col in 0..cols {
                assert_eq!(
                    cell_text(&back, t, r, col),
                    cell_text(&c.summary, t, r, col),
                    "table {t} row {r} col {col}"
                );
            }
        }
    }
    // The appendix of one row per unit: 28 units and the total.
    let appendix = back
        .appendices
        .iter()
        .find(|a| a.title.to_lowercase().contains("từng đơn vị"))
        .expect("the appendix comes back");
    let table = appendix
        .intro
        .iter()
        .chain(appendix.body.iter().flat_map(|s| s.blocks.iter()))
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the appendix's table");
    assert_eq!(table.rows.len(), 1 + 28 + 1);
}

#[test]
fn the_summary_is_a_draft_that_keeps_its_sources_and_the_template_its_marks() {
    let (c, _) = run("store");
    let dir = folder("store-db");
    let template = report(None, ROWS);
    {
        let mut store = baocao::store::Store::open(&dir).unwrap();
        let info = store.save_consolidation(&template, &c).unwrap();
        assert_eq!(store.load_draft(&info.id).unwrap(), c.summary);
    }
    // A real SQLite file, opened again.
    let store = baocao::store::Store::open(&dir).unwrap();
    let drafts = store.list_drafts(&Default::default()).unwrap();
    assert_eq!(drafts.len(), 1);
    let kept = store
        .consolidation_of(&drafts[0].id)
        .unwrap()
        .expect("kept");
    assert_eq!(kept.cells, c.cells);
    assert!(kept.coverage.starts_with("Tổng hợp từ 28/30"));
    let marks = store.marks_for(&template).unwrap();
    assert_eq!(marks.roster, roster());
    assert_eq!(marks.ratios.len(), 1);
}

/// A summary carried to another PC as a draft file ("Xuất bản nháp") keeps what it was summed
/// from: on the other PC, a click on a total still lists each unit's value and file.
#[test]
fn a_summary_exported_and_imported_on_another_pc_keeps_its_sources() {
    let (c, _) = run("chuyen");
    let template = report(None, ROWS);
    let here = folder("chuyen-may-nay");
    let mut store = baocao::store::Store::open(&here).unwrap();
    let info = store.save_consolidation(&template, &c).unwrap();
    let file = here.join("ban-tong-hop.json");
    store.export_draft_to(&info.id, &file, true).unwrap();
    drop(store);

    let there = folder("chuyen-may-khac");
    let mut other = baocao::store::Store::open(&there).unwrap();
    let imported = other.import_draft(&std::fs::read(&file).unwrap()).unwrap();
    assert_ne!(imported.id, info.id);
    let kept = other
        .consolidation_of(&imported.id)
        .unwrap()
        .expect("the sources came with the draft");
    assert_eq!(kept.cells, c.cells);
    assert_eq!(kept.units, c.units);
    assert!(
        kept.coverage.starts_with("Tổng hợp từ 28/30"),
        "{}",
        kept.coverage
    );
    let summary = other.load_draft(&imported.id).unwrap();
    let at = consolidate::trace::FieldAt::Cell {
        section: Some("ngan-sach".into()),
        ordinal: 0,
        row: 2,
        col: 3,
    };
    let t = consolidate::trace::trace(&summary, &kept.cells, &at).expect("traced there too");
    assert_eq!(t.summed.sources.len(), present().count());

    // A file whose sources were tampered with still imports the draft, without them.
    let mut v: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    v["tong_hop"]["data"]["cells"] = serde_json::json!("không phải danh sách");
    let broken = other
        .import_draft(&serde_json::to_vec(&v).unwrap())
        .unwrap();
    assert_eq!(other.load_draft(&broken.id).unwrap(), summary);
    assert!(other.consolidation_of(&broken.id).unwrap().is_none());
    // An ordinary draft's file carries no sources.
    let plain = other.import_report(&template).unwrap();
    let bytes = other.export_draft(&plain.id, false).unwrap();
    assert!(!String::from_utf8_lossy(&bytes).contains("tong_hop"));
}

/// What the form shows when the clerk clicks a summed number: each unit's value and file, the
/// total they make, and whether the cell was changed by hand since.
#[test]
fn a_summed_cell_and_figure_know_their_units_and_files() {
    use consolidate::trace::{trace, FieldAt};
    let (c, _) = run("trace");
    let mut summary = c.summary.clone();
    // Budget table (section "ngan-sach", its first table), row 2 ("Chi thường xuyên"), Thực hiện.
    let at = FieldAt::Cell {
        section: Some("ngan-sach".into()),
        ordinal: 0,
        row: 2,
        col: 3,
    };
    let t = trace(&summary, &c.cells, &at).expect("the budget cell was summed");
    assert_eq!(t.summed.row, "Chi thường xuyên");
    assert!(!t.edited, "{t:?}");
    let units: Vec<&str> = t.summed.sources.iter().map(|s| s.unit.as_str()).collect();
    assert_eq!(units.len(), present().count(), "{units:?}");
    assert!(units.contains(&unit_name(1).as_str()), "{units:?}");
    let xlsx = t
        .summed
        .sources
        .iter()
        .find(|s| s.file.ends_with(&format!("to-{XLSX}.xlsx")))
        .expect("the workbook unit is a source");
    assert_eq!(xlsx.value, Decimal::from(money(XLSX, 1, 1)));
    let trieu = t
        .summed
        .sources
        .iter()
        .find(|s| s.unit == unit_name(TRIEU))
        .expect("the unit in triệu đồng is a source");
    assert_eq!(
        trieu.value,
        Decimal::from(money(TRIEU, 1, 1)),
        "converted to đồng"
    );
    let sum: Decimal = t.summed.sources.iter().map(|s| s.value).sum();
    assert_eq!(Some(sum), t.summed.total);

    // A label cell and a text column have no sources.
    for col in [1, 6] {
        let at = FieldAt::Cell {
            section: Some("ket-qua".into()),
            ordinal: 0,
            row: 1,
            col,
        };
        assert!(trace(&summary, &c.cells, &at).is_none(), "column {col}");
    }

    // The clerk types another number into the cell: still traced, said to be edited.
    let Block::Table(tb) = &mut summary.body[1].blocks[0] else {
        panic!("the budget table")
    };
    tb.rows[2][3] = vec![baocao::model::Run::plain("1")];
    let t = trace(&summary, &c.cells, &at_budget()).unwrap();
    assert!(t.edited && t.now == "1", "{t:?}");
    // A row inserted above it: the cell now holds another row, so no sources are shown for it.
    let Block::Table(tb) = &mut summary.body[1].blocks[0] else {
        panic!("the budget table")
    };
    tb.rows.insert(1, tb.rows[1].clone());
    tb.rows[1][1] = vec![baocao::model::Run::plain("Thu khác")];
    assert!(trace(&summary, &c.cells, &at_budget()).is_none());

    // A figure: the households of every unit present.
    let f = trace(
        &c.summary,
        &c.cells,
        &FieldAt::Figure {
            id: "so_ho".into(),
            field: "value".into(),
        },
    )
    .expect("the figure was summed");
    // (The workbook and the Word file carry no figures: their units are not among the sources.)
    let with_figures = || present().filter(|u| ![XLSX, DOCX].contains(u));
    let want: i64 = with_figures().map(households).sum();
    assert_eq!(f.summed.total, Some(Decimal::from(want)));
    assert_eq!(f.summed.sources.len(), with_figures().count());
    // …and the summary says so, unit by unit, rather than counting them silently as nothing.
    for u in [XLSX, DOCX] {
        let name = unit_name(u);
        assert!(
            c.findings.iter().any(|x| matches!(x,
                Finding::FigureNotFound { unit, figure } if unit == &name && figure == "Số hộ dân")),
            "{name}: {:?}",
            c.findings
        );
    }
    assert!(!c
        .findings
        .iter()
        .any(|x| matches!(x, Finding::FigureNotFound { unit, .. } if unit == &unit_name(1))));
    assert!(!f.edited);
}

fn at_budget() -> consolidate::trace::FieldAt {
    consolidate::trace::FieldAt::Cell {
        section: Some("ngan-sach".into()),
        ordinal: 0,
        row: 2,
        col: 3,
    }
}

/// A two-row header whose groups repeat their sub-headers ("Kỳ này: Số vụ | Số người",
/// "Cùng kỳ: Số vụ | Số người"), merged across as offices make them: a unit that put the groups
/// the other way round is still summed column by column, by the merged header above each.
#[test]
fn columns_under_merged_headers_are_matched_with_their_group() {
    use baocao::model::{CellSpan, Run, Section, Table};
    let table = |groups: [&str; 2], values: Option<[[i64; 2]; 2]>| {
        let c = |t: &str| vec![Run::plain(t)];
        let mut rows = vec![
            vec![c("Nội dung"), c(groups[0]), c(""), c(groups[1]), c("")],
            vec![c(""), c("Số vụ"), c("Số người"), c("Số vụ"), c("Số người")],
        ];
        let v = |x: Option<i64>| c(&x.map(|x| x.to_string()).unwrap_or_default());
        rows.push(vec![
            c("Tai nạn giao thông"),
            v(values.map(|a| a[0][0])),
            v(values.map(|a| a[0][1])),
            v(values.map(|a| a[1][0])),
            v(values.map(|a| a[1][1])),
        ]);
        #[allow(clippy::needless_update)]
        Table {
            header_rows: 2,
            rows,
            spans: vec![
                CellSpan::new(0, 0, 2, 1),
                CellSpan::new(0, 1, 1, 2),
                CellSpan::new(0, 3, 1, 2),
            ],
            ..Default::default()
        }
    };
    let report = |t: Table| Report {
        trich_yeu: "Tình hình trật tự an toàn giao thông".into(),
        body: vec![Section {
            id: "tnqt".into(),
            title: "Tai nạn giao thông".into(),
            blocks: vec![Block::Table(t)],
            ..Default::default()
        }],
        ..Default::default()
    };
    let template = report(table(["Kỳ này", "Cùng kỳ"], None));
    let unit = |name: &str, r: Report| consolidate::Unit {
        name: name.into(),
        file: format!("{name}.json"),
        report: r,
    };
    let units = vec![
        unit(
            "A",
            report(table(["Kỳ này", "Cùng kỳ"], Some([[3, 1], [5, 2]]))),
        ),
        // The groups the other way round: (cùng kỳ, kỳ này).
        unit(
            "B",
            report(table(["Cùng kỳ", "Kỳ này"], Some([[7, 4], [2, 6]]))),
        ),
    ];
    let c = consolidate::consolidate(&template, &Marks::default(), units, Vec::new());
    let total = |col: usize| {
        c.cells
            .iter()
            .find(|s| {
                s.place
                    == Place::Cell {
                        table: 0,
                        row: 2,
                        col,
                    }
            })
            .and_then(|s| s.total)
    };
    // Kỳ này: A (3, 1) + B (2, 6); cùng kỳ: A (5, 2) + B (7, 4).
    assert_eq!(total(1), Some(Decimal::from(5)), "{:?}", c.findings);
    assert_eq!(total(2), Some(Decimal::from(7)));
    assert_eq!(total(3), Some(Decimal::from(12)));
    assert_eq!(total(4), Some(Decimal::from(6)));
}
