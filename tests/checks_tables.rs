//! Tables of the form (issue 17 item 3) through the library as the app uses it: a kept total row
//! summed before layout and printed, kept in step when a figure changes; a "Tổng cộng" typed by
//! hand that does not add up listed by the checks at its table; merged cells, header rows and the
//! total row kept by a saved draft (a real database file) and by the draft file carried between
//! PCs.

mod common;

use baocao::checks::{self, Severity};
use baocao::model::{Block, CellSpan, Report, Run, Section, Table};
use baocao::page::Source;
use baocao::store::Store;
use baocao::text::{FontSet, Measurer};
use chrono::NaiveDate;

fn row(cells: &[&str]) -> Vec<Vec<Run>> {
    cells.iter().map(|c| vec![Run::plain(*c)]).collect()
}

/// "Lĩnh vực" and "Kết quả giải quyết" (across "Đúng hạn | Quá hạn") over two header rows.
fn table(total_row: bool, last: &[&str]) -> Table {
    Table {
        header_rows: 2,
        rows: vec![
            row(&["STT", "Lĩnh vực", "Kết quả giải quyết", ""]),
            row(&["", "", "Đúng hạn", "Quá hạn"]),
            row(&["1", "Hộ tịch", "1.234", "5"]),
            row(&["2", "Đất đai", "8.766", "-"]),
            row(last),
        ],
        spans: vec![
            CellSpan::new(0, 0, 2, 1),
            CellSpan::new(0, 1, 2, 1),
            CellSpan::new(0, 2, 1, 2),
        ],
        total_row,
        ..Table::default()
    }
}

fn report_with(t: Table) -> Report {
    let mut r = common::sample_report();
    r.body[0].blocks.push(Block::Table(t));
    r
}

fn table_of(r: &Report) -> &Table {
    match r.body[0].blocks.last() {
        Some(Block::Table(t)) => t,
        other => panic!("not a table: {other:?}"),
    }
}

fn page_text(r: &Report) -> String {
    baocao::layout::layout(r, &Measurer::new(FontSet::get())).plain_text()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 10).unwrap()
}

#[test]
fn a_kept_total_row_is_summed_before_layout_and_follows_a_changed_figure() {
    let mut r = report_with(table(true, &["", "", "", ""]));
    baocao::figures::apply(&mut r);
    let t = table_of(&r);
    let last: Vec<String> = t.rows[4]
        .iter()
        .map(|c| c.iter().map(|x| x.text.as_str()).collect())
        .collect();
    assert_eq!(last, ["", "Tổng cộng", "10.000", "5"]);
    assert!(page_text(&r).contains("10.000"));

    // The clerk corrects a figure: the next preview shows the new total.
    if let Some(Block::Table(t)) = r.body[0].blocks.last_mut() {
        t.rows[3][2] = vec![Run::plain("8.767")];
    }
    baocao::figures::apply(&mut r);
    let text = page_text(&r);
    assert!(
        text.contains("10.001") && !text.contains("10.000"),
        "{text}"
    );
    // The kept row is right by construction: no finding about it.
    let found = checks::check(&r, today());
    assert!(
        !found.iter().any(|f| f.message.contains("của bảng ghi")),
        "{found:?}"
    );
}

#[test]
fn a_total_typed_by_hand_that_does_not_add_up_is_a_finding_at_its_table() {
    let r = report_with(table(false, &["", "Tổng cộng", "10.100", "5"]));
    let found = checks::check(&r, today());
    let ours: Vec<_> = found
        .iter()
        .filter(|f| f.message.contains("của bảng ghi"))
        .collect();
    assert_eq!(ours.len(), 1, "{ours:?}");
    let f = ours[0];
    assert_eq!(f.severity, Severity::CanhBao);
    assert_eq!(
        f.message,
        "Dòng “Tổng cộng” của bảng ghi 10.100 ở cột “Kết quả giải quyết Đúng hạn” nhưng các hàng trên cộng lại là 10.000. Hãy sửa số tổng hoặc kiểm tra lại các hàng; nút “Thêm hàng tổng cộng” của bảng sẽ tự cộng và giữ đúng tổng."
    );
    let block = r.body[0].blocks.len() - 1;
    assert_eq!(
        f.location,
        Source::Section {
            id: r.body[0].id.clone(),
            block: Some(block)
        }
    );
    // "Sửa" writes the sum in the cell, and the finding is gone.
    let mut fixed = r.clone();
    checks::apply_fix(&mut fixed, f.fix.as_ref().expect("a one-click fix"));
    assert_eq!(table_of(&fixed).rows[4][2], vec![Run::plain("10.000")]);
    assert!(!checks::check(&fixed, today())
        .iter()
        .any(|f| f.message.contains("của bảng ghi")));
    // A fix whose cell changed meanwhile does nothing.
    let mut changed = report_with(table(false, &["", "Tổng cộng", "10.200", "5"]));
    let before = changed.clone();
    checks::apply_fix(&mut changed, f.fix.as_ref().unwrap());
    assert_eq!(changed, before);
    // Typed right, nothing is said; the sample itself has no such finding.
    let right = report_with(table(false, &["", "Tổng cộng", "10.000", "5"]));
    assert!(!checks::check(&right, today())
        .iter()
        .any(|f| f.message.contains("của bảng ghi")));
}

#[test]
fn merged_cells_header_rows_and_the_total_row_survive_the_store_and_the_draft_file() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let mut r = report_with(table(true, &["", "", "", ""]));
    baocao::figures::apply(&mut r);
    let d = store
        .create_draft_from_report("Bảng gộp ô", "6 tháng đầu năm 2026", &r)
        .unwrap();
    // Saved again after an edit, as the window's autosave does.
    if let Some(Block::Table(t)) = r.body[0].blocks.last_mut() {
        t.rows[2][3] = vec![Run::plain("6")];
    }
    baocao::figures::apply(&mut r);
    store.save_draft(&d.id, &r).unwrap();
    drop(store);

    let store = Store::open(&dir).unwrap();
    let back = store.load_draft(&d.id).unwrap();
    assert_eq!(back, r);
    let t = table_of(&back);
    assert_eq!(t.header_rows, 2);
    assert!(t.total_row);
    assert_eq!(t.spans.len(), 3);
    assert_eq!(t.rows[4][3], vec![Run::plain("6")]);

    // Carried to another PC in a draft file.
    let bytes = store.export_draft(&d.id, false).unwrap();
    let (_tmp2, dir2) = common::data_dir();
    let mut other = Store::open(&dir2).unwrap();
    let info = other.import_draft(&bytes).unwrap();
    assert_eq!(table_of(&other.load_draft(&info.id).unwrap()), t);
}

#[test]
fn a_table_without_figures_in_a_section_is_left_alone() {
    let mut s = Section {
        id: "s".into(),
        title: "Bảng chữ".into(),
        ..Section::default()
    };
    s.blocks.push(Block::Table(Table {
        header_rows: 1,
        rows: vec![row(&["Việc", "Người làm"]), row(&["Họp", "Tổ 1"]), row(&[])],
        total_row: true,
        ..Table::default()
    }));
    let mut r = Report {
        body: vec![s],
        ..Report::default()
    };
    baocao::figures::apply(&mut r);
    let Block::Table(t) = &r.body[0].blocks[0] else {
        panic!()
    };
    // Nothing to sum: the row says what it is and nothing more.
    assert_eq!(t.rows[2][0], vec![Run::plain("Tổng cộng")]);
    assert_eq!(t.rows[2][1], vec![Run::default()]);
}
