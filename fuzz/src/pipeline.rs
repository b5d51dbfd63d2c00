//! The way a user's file goes through Báo cáo, from its bytes to painted pages: one function per
//! kind of file that comes from outside (a report file, a draft file, a text or Markdown report,
//! a backup database).
//!
//! The fuzz targets (`fuzz/fuzz_targets/`) call these on every input the fuzzer makes, and
//! `tests/fuzz_corpus.rs` replays the committed corpus through the very same functions under
//! plain `cargo test`. A file may be refused (an `Err` with a message for the user); what must
//! never happen is a panic, a hang, an allocation of gigabytes, or pages with coordinates that are
//! not numbers.
//!
//! This file is included with `#[path]` by both, so it uses only the `baocao` library and crates
//! the library already depends on.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use baocao::model::Report;
use baocao::page::{Document, Item};
use baocao::store::{Query, Store};
use baocao::text::{FontSet, Measurer};
use baocao::Error;

/// What the app does to every report before it lays it out (`app/engine.rs` `prepare`): texts
/// NFC-normalised, numbers that size something clamped, figures written out.
pub fn prepare(report: &mut Report) {
    report.normalize();
    baocao::figures::apply(report);
}

/// Layout and every painter (the PDF, the SVG preview), then the checks of the Kiểm tra panel:
/// what the app does with a report it shows. Panics on pages a painter must never see.
pub fn render(report: &Report) {
    let fonts = FontSet::get();
    // A measurer per report: its word cache would otherwise grow with every word a fuzzer makes.
    let m = Measurer::new(fonts);
    let doc = baocao::layout::layout(report, &m);
    check_pages(&doc);
    let created = chrono::NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a valid date");
    match baocao::paint::pdf::write_pdf(&doc, fonts, created) {
        Ok(pdf) => assert!(pdf.starts_with(b"%PDF-"), "not a PDF"),
        Err(e) => panic!("the PDF painter failed on laid-out pages: {}", e.message),
    }
    for page in &doc.pages {
        let svg = baocao::paint::svg::page_svg(page, fonts);
        assert!(svg.starts_with("<svg"), "not an SVG");
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 15).expect("a valid date");
    let _ = baocao::checks::check(report, today);
}

/// Every page has pages' size and every item finite coordinates.
fn check_pages(doc: &Document) {
    assert!(!doc.pages.is_empty(), "a document without a page");
    for (k, p) in doc.pages.iter().enumerate() {
        assert!(
            p.width.is_finite() && p.height.is_finite() && p.width > 0.0 && p.height > 0.0,
            "page {k} is {} × {}",
            p.width,
            p.height
        );
        for it in &p.items {
            let nums: Vec<f32> = match it {
                Item::Text(t) => vec![t.x, t.y, t.size, t.width],
                Item::Rule {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                } => vec![*x1, *y1, *x2, *y2, *width],
                Item::Rect { x, y, w, h, width } => vec![*x, *y, *w, *h, *width],
            };
            assert!(
                nums.iter().all(|v| v.is_finite()),
                "page {k}: an item at a coordinate that is not a number: {it:?}"
            );
        }
    }
}

/// A refusal the user reads: one line of Vietnamese that is not empty.
fn refused(e: &Error) {
    assert!(
        !e.message.trim().is_empty() && !e.message.contains('\n'),
        "an error message the user cannot read: {:?}",
        e.message
    );
}

/// A report file (`.json`) opened or imported: read, prepared, laid out, painted.
pub fn report_file(bytes: &[u8]) {
    match baocao::model::file::from_json(bytes) {
        Ok(mut r) => {
            prepare(&mut r);
            render(&r);
            // Saved again and read back: what the app writes, it reads.
            let again = baocao::model::file::to_json(&r);
            if let Err(e) = baocao::model::file::from_json(again.as_bytes()) {
                panic!("a report written by the app is refused: {}", e.message);
            }
        }
        Err(e) => refused(&e),
    }
}

/// A text or Markdown report imported: decoded, read, prepared, laid out, painted.
pub fn text_import(bytes: &[u8]) {
    match baocao::import::import_bytes(bytes) {
        Ok(mut r) => {
            prepare(&mut r);
            render(&r);
        }
        Err(e) => refused(&e),
    }
}

/// Fuzzed XML as `word/document.xml` of a valid Word package: a mutated zip fails its checksum
/// before any XML is read, so this is how the .docx reader's XML (tables claiming billions of
/// cells, elements nested or repeated without end) is reached. Imported, prepared, laid out,
/// painted like a text.
pub fn docx_xml(xml: &[u8]) {
    match baocao::import::import_bytes(&docx_of(xml)) {
        Ok(mut r) => {
            prepare(&mut r);
            render(&r);
        }
        Err(e) => refused(&e),
    }
}

/// A Word package holding `document` as its main part, stored (not deflated): cheap per input.
pub fn docx_of(document: &[u8]) -> Vec<u8> {
    use std::io::Write;
    const TYPES: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;
    const RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let mut out = Vec::new();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
    let o =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in [
        ("[Content_Types].xml", TYPES),
        ("_rels/.rels", RELS),
        ("word/document.xml", document),
    ] {
        z.start_file(name, o).expect("a zip entry in memory");
        z.write_all(bytes).expect("a zip entry in memory");
    }
    z.finish().expect("a zip in memory");
    out
}

/// Most drafts, and versions of each, opened per input: enough to reach every path, few enough
/// that one input stays fast.
const MAX_OPENED: usize = 3;

/// Opens every draft of `store` as the app does, and the first versions of each, then their
/// comparison, the templates and presets, and the day's garbage collection.
fn open_everything(store: &mut Store) {
    let drafts = match store.list_drafts(&Query::default()) {
        Ok(d) => d,
        Err(e) => return refused(&e),
    };
    for d in drafts.iter().take(MAX_OPENED) {
        let current = match store.open_draft(&d.id) {
            Ok(mut r) => {
                prepare(&mut r);
                render(&r);
                r
            }
            Err(e) => {
                refused(&e);
                continue;
            }
        };
        match store.list_versions(&d.id) {
            Ok(vs) => {
                for v in vs.iter().take(MAX_OPENED) {
                    match store.load_version(v.id) {
                        Ok(mut r) => {
                            prepare(&mut r);
                            render(&r);
                            let _ = baocao::diff::compare(&r, &current);
                        }
                        Err(e) => refused(&e),
                    }
                }
            }
            Err(e) => refused(&e),
        }
        match store.review_items(&d.id) {
            Ok(_) => {}
            Err(e) => refused(&e),
        }
        if let Err(e) = store.close_draft(&d.id) {
            refused(&e);
        }
    }
    if let Err(e) = store.list_trash() {
        refused(&e);
    }
    match store.templates() {
        Ok(ts) => {
            for t in ts.iter().filter(|t| !t.builtin).take(MAX_OPENED) {
                match store.template_report(t.id) {
                    Ok(mut r) => {
                        if let Err(e) = store.apply_defaults(&mut r) {
                            refused(&e);
                        }
                        prepare(&mut r);
                        render(&r);
                    }
                    Err(e) => refused(&e),
                }
            }
        }
        Err(e) => refused(&e),
    }
    if let Err(e) = store.list_presets(None) {
        refused(&e);
    }
    if let Err(e) = store.collect_garbage() {
        refused(&e);
    }
}

/// A draft file ("Xuất bản nháp" from another PC) imported into `store`, then opened with its
/// versions; the draft is deleted afterwards so that the store stays small across inputs.
pub fn draft_file(store: &mut Store, bytes: &[u8]) {
    match store.import_draft(bytes) {
        Ok(info) => {
            open_everything(store);
            if let Err(e) = store.export_draft(&info.id, true) {
                refused(&e);
            }
            store
                .trash(&info.id)
                .expect("an imported draft goes to the trash");
            store
                .delete_forever(&info.id)
                .expect("an imported draft can be deleted");
        }
        Err(e) => refused(&e),
    }
}

/// Builds, in `dir`, the valid backup every backup input starts from: a store holding a small
/// report with every kind of element (parts, sections, a list, a table, figures in the text, an
/// appendix in landscape, marks), a few versions, a template of the user's, presets and review
/// items; backed up with the app's own "Sao lưu ngay". Returns the backup file.
pub fn make_base_backup(dir: &Path) -> PathBuf {
    let data = dir.join("goc");
    let mut store = Store::open(&data).expect("a new store opens");
    let report = base_report();
    let info = store
        .create_draft_from_report("Báo cáo thử", "tháng 7 năm 2026", &report)
        .expect("a draft is made");
    let mut changed = report.clone();
    changed.trich_yeu.push_str(" (sửa)");
    store.save_draft(&info.id, &changed).expect("a save");
    store
        .save_version(&info.id, "Bản trình lần 1")
        .expect("a version");
    store
        .create_draft_from_report("Bản thứ hai", "", &baocao::model::Report::default())
        .expect("a second draft");
    store
        .save_as_template(&info.id, "Mẫu của phường", "")
        .expect("a template");
    store
        .add_preset(
            "Chủ tịch ký",
            &baocao::store::Preset::Signer(report.signer.clone()),
        )
        .expect("a preset");
    let findings = baocao::checks::check(
        &report,
        chrono::NaiveDate::from_ymd_opt(2026, 7, 15).expect("a date"),
    );
    store
        .add_review_items(&info.id, &findings)
        .expect("review items");
    let file = dir.join("goc.db");
    store.backup_now(&file).expect("a backup");
    // Only the smallest shipped template stays: every other row costs time on every input
    // without reaching any other code.
    let conn = rusqlite::Connection::open(&file).expect("the backup opens");
    conn.execute(
        "DELETE FROM templates WHERE builtin = 1 AND key <> 'bao-cao-thang'",
        [],
    )
    .expect("templates trimmed");
    conn.execute_batch("VACUUM").expect("vacuum");
    file
}

/// The report of the base backup: small, with one of everything.
pub fn base_report() -> Report {
    use baocao::model::{
        Appendix, Archive, Authority, Block, DocDate, Figure, FigureRef, Issuer, Label, NoiNhan,
        Run, Section, Signer, Table,
    };
    let para = |t: &str| Block::Paragraph {
        runs: vec![Run::plain(t)],
    };
    let cell = |t: &str| vec![Run::plain(t)];
    let figure_runs: Vec<Run> = ["value", "percent_of_plan", "change_pct_previous"]
        .iter()
        .flat_map(|show| {
            [
                Run {
                    text: "?".into(),
                    figure: Some(FigureRef {
                        id: "hs".into(),
                        show: (*show).into(),
                    }),
                    ..Run::default()
                },
                Run::plain("; "),
            ]
        })
        .collect();
    let khoan = Section {
        id: "thu".into(),
        title: "Thu ngân sách".into(),
        blocks: vec![
            para("Thu ngân sách đạt 101% dự toán, tăng 4,1% so với cùng kỳ."),
            Block::Paragraph { runs: figure_runs },
            Block::List {
                items: vec![
                    vec![Run::plain("Thu thuế;")],
                    vec![Run {
                        text: "Thu phí".into(),
                        bold: true,
                        ..Run::default()
                    }],
                ],
            },
            Block::Table(Table {
                header_rows: 1,
                widths: vec![3.0, 1.0],
                rows: vec![
                    vec![cell("Chỉ tiêu"), cell("Kết quả")],
                    vec![cell("Hồ sơ"), cell("12.473")],
                ],
                ..Default::default()
            }),
        ],
        children: vec![Section {
            id: "thue".into(),
            title: "Thu thuế".into(),
            blocks: vec![para("Diện tích 2,95 km"), para("Đạt kế hoạch.")],
            ..Section::default()
        }],
        figures: vec![Figure {
            id: "hs".into(),
            label: "Hồ sơ".into(),
            unit: "hồ sơ".into(),
            value: Some(12473.into()),
            plan: Some(12000.into()),
            same_period_last_year: Some(11000.into()),
            previous_period: Some(0.into()),
        }],
        ..Section::default()
    };
    let figure_table = baocao::figures::table(&khoan, &Default::default());
    Report {
        issuer: Issuer {
            parent: Some("UBND THÀNH PHỐ HÀ NỘI".into()),
            name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
            symbol: "BC-UBND".into(),
        },
        number: Some(5),
        place: "Bạch Mai".into(),
        date: DocDate::from_ymd(2026, 7, 5),
        doc_type: "BÁO CÁO".into(),
        trich_yeu: "Kết quả công tác tháng 6 năm 2026".into(),
        kinh_gui: vec!["Ủy ban nhân dân Thành phố Hà Nội".into()],
        intro: vec![para(
            "Thực hiện chỉ đạo của Thành phố, UBND phường báo cáo như sau:",
        )],
        body: vec![
            Section {
                id: "p1".into(),
                title: "KẾT QUẢ".into(),
                children: vec![Section {
                    id: "m1".into(),
                    title: "KẾT QUẢ".into(),
                    children: vec![khoan],
                    ..Section::default()
                }],
                ..Section::default()
            },
            Section {
                id: "p2".into(),
                label: Label::Custom("Phần kết".into()),
                title: "NHIỆM VỤ".into(),
                blocks: vec![para("Tiếp tục thu.")],
                ..Section::default()
            },
        ],
        parts: true,
        closing: "Ủy ban nhân dân phường trân trọng báo cáo./.".into(),
        noi_nhan: NoiNhan {
            recipients: vec!["UBND Thành phố".into()],
            archive: Archive {
                units: vec!["VP".into()],
                copies: Some(2),
            },
        },
        signer: Signer {
            authority: Some(Authority::KT),
            collective: "ỦY BAN NHÂN DÂN".into(),
            titles: vec!["CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
            name: "Nguyễn Văn A".into(),
        },
        marks: baocao::model::Marks {
            draft: Some("DỰ THẢO".into()),
            urgency: Some("KHẨN".into()),
            circulation: None,
        },
        appendices: vec![Appendix {
            id: "pl1".into(),
            title: "Biểu số liệu".into(),
            intro: vec![figure_table],
            body: Vec::new(),
            landscape: true,
        }],
        ..Report::default()
    }
}

/// One change to a row of the backup, read from the fuzzer's bytes.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.u8()?, self.u8()?]))
    }
    fn i64(&mut self) -> Option<i64> {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.u8()?;
        }
        Some(i64::from_le_bytes(b))
    }
    fn take(&mut self, n: usize) -> &[u8] {
        let n = n.min(self.0.len());
        let (a, b) = self.0.split_at(n);
        self.0 = b;
        a
    }
}

/// Columns holding JSON or text that the store parses, changed by splicing their bytes.
const TEXT_COLUMNS: [(&str, &str); 10] = [
    ("chunks", "data"),
    ("templates", "report"),
    ("presets", "data"),
    ("review_items", "finding"),
    ("drafts", "title"),
    ("drafts", "status"),
    ("versions", "kind"),
    ("versions", "label"),
    ("meta", "value"),
    ("presets", "kind"),
];

/// Columns holding numbers: ids that point elsewhere, times, flags.
const INT_COLUMNS: [(&str, &str); 12] = [
    ("drafts", "root"),
    ("versions", "root"),
    ("chunks", "id"),
    ("drafts", "created"),
    ("drafts", "modified"),
    ("drafts", "deleted_at"),
    ("versions", "created"),
    ("versions", "id"),
    ("presets", "is_default"),
    ("templates", "builtin"),
    ("review_items", "created"),
    ("templates", "id"),
];

const TABLES: [&str; 7] = [
    "chunks",
    "drafts",
    "versions",
    "presets",
    "templates",
    "meta",
    "review_items",
];

/// Keys of a chunk that list other chunks by id.
const ID_KEYS: [&str; 8] = ["b", "i", "a", "h", "children", "blocks", "body", "intro"];

/// The rowid of row `k` (modulo the row count) of `table`.
fn rowid(conn: &rusqlite::Connection, table: &str, k: u16) -> Option<i64> {
    let n: i64 = conn
        .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .ok()?;
    if n == 0 {
        return None;
    }
    conn.query_row(
        &format!("SELECT rowid FROM {table} ORDER BY rowid LIMIT 1 OFFSET ?1"),
        [i64::from(k) % n],
        |r| r.get(0),
    )
    .ok()
}

/// Applies the changes `ops` describes to the database `file`, through SQL: the file stays a sound
/// SQLite database (random bytes would never pass its header), only its rows are hostile. A change
/// SQLite refuses (a constraint) is skipped.
///
/// Each change starts with a byte that says which:
/// - 0: splice a text/JSON column (`TEXT_COLUMNS`): row u16, at u16, cut u8, len u8, bytes;
/// - 1: set a number column (`INT_COLUMNS`): which u8, row u16, value i64;
/// - 2: point a chunk's list of ids (`ID_KEYS`) at chunks: row u16, key u8, count u8, then each
///   chunk as a row u16 (so that cycles and shared sub-sections are one change away);
/// - 3: delete a row of a table (`TABLES`): which u8, row u16;
/// - 4: set `PRAGMA user_version` (older schemas migrate on restore): value u8.
pub fn mutate(file: &Path, ops: &[u8]) {
    let conn = rusqlite::Connection::open(file).expect("the work copy opens");
    let mut b = Bytes(ops);
    while let Some(op) = b.u8() {
        match op % 5 {
            0 => {
                let (Some(which), Some(row), Some(at), Some(cut), Some(len)) =
                    (b.u8(), b.u16(), b.u16(), b.u8(), b.u8())
                else {
                    break;
                };
                let insert = b.take(usize::from(len)).to_vec();
                let (table, column) = TEXT_COLUMNS[usize::from(which) % TEXT_COLUMNS.len()];
                let Some(id) = rowid(&conn, table, row) else {
                    continue;
                };
                let old: Vec<u8> = conn
                    .query_row(
                        &format!("SELECT CAST({column} AS BLOB) FROM {table} WHERE rowid = ?1"),
                        [id],
                        |r| r.get::<_, Option<Vec<u8>>>(0),
                    )
                    .ok()
                    .flatten()
                    .unwrap_or_default();
                let at = usize::from(at) % (old.len() + 1);
                let end = (at + usize::from(cut)).min(old.len());
                let mut new = old[..at].to_vec();
                new.extend_from_slice(&insert);
                new.extend_from_slice(&old[end..]);
                // Text columns stay text (rusqlite reads them as String); invalid UTF-8 is part
                // of what a damaged file may hold.
                let sql = if table == "chunks" {
                    format!("UPDATE {table} SET {column} = ?1 WHERE rowid = ?2")
                } else {
                    format!("UPDATE {table} SET {column} = CAST(?1 AS TEXT) WHERE rowid = ?2")
                };
                let _ = conn.execute(&sql, rusqlite::params![new, id]);
            }
            1 => {
                let (Some(which), Some(row), Some(value)) = (b.u8(), b.u16(), b.i64()) else {
                    break;
                };
                let (table, column) = INT_COLUMNS[usize::from(which) % INT_COLUMNS.len()];
                // Small values point at existing rows; large ones test the rest.
                let value = if (-2..=64).contains(&(value % 1000)) {
                    value % 1000
                } else {
                    value
                };
                if let Some(id) = rowid(&conn, table, row) {
                    let _ = conn.execute(
                        &format!("UPDATE {table} SET {column} = ?1 WHERE rowid = ?2"),
                        rusqlite::params![value, id],
                    );
                }
            }
            2 => {
                let (Some(row), Some(key), Some(count)) = (b.u16(), b.u8(), b.u8()) else {
                    break;
                };
                let mut ids = Vec::new();
                for _ in 0..count {
                    let Some(r) = b.u16() else { break };
                    ids.push(rowid(&conn, "chunks", r).unwrap_or(i64::from(r)));
                }
                let Some(id) = rowid(&conn, "chunks", row) else {
                    continue;
                };
                let data: Option<Vec<u8>> = conn
                    .query_row("SELECT data FROM chunks WHERE id = ?1", [id], |r| r.get(0))
                    .ok();
                let mut v: serde_json::Value = data
                    .and_then(|d| serde_json::from_slice(&d).ok())
                    .unwrap_or(serde_json::Value::Null);
                let key = ID_KEYS[usize::from(key) % ID_KEYS.len()];
                if let Some(o) = v.as_object_mut() {
                    let list = if key == "h" {
                        ids.first()
                            .copied()
                            .map_or(serde_json::Value::Null, Into::into)
                    } else {
                        ids.into_iter().map(serde_json::Value::from).collect()
                    };
                    o.insert(key.to_string(), list);
                    let bytes = serde_json::to_vec(&v).unwrap_or_default();
                    let _ = conn.execute(
                        "UPDATE chunks SET data = ?1 WHERE id = ?2",
                        rusqlite::params![bytes, id],
                    );
                }
            }
            3 => {
                let (Some(which), Some(row)) = (b.u8(), b.u16()) else {
                    break;
                };
                let table = TABLES[usize::from(which) % TABLES.len()];
                if let Some(id) = rowid(&conn, table, row) {
                    let _ = conn.execute(&format!("DELETE FROM {table} WHERE rowid = ?1"), [id]);
                }
            }
            _ => {
                let Some(v) = b.u8() else { break };
                let _ = conn.pragma_update(None, "user_version", i64::from(v % 8));
            }
        }
    }
}

/// A backup restored into `store` ("Khôi phục từ bản sao lưu…"), then every draft opened: the base
/// backup `base` is copied to `work`, changed as `ops` says (see [`mutate`]), and restored.
pub fn backup(store: &mut Store, base: &Path, work: &Path, ops: &[u8]) {
    std::fs::copy(base, work).expect("the base backup is copied");
    mutate(work, ops);
    match store.restore_backup(work) {
        Ok(_) => open_everything(store),
        Err(e) => refused(&e),
    }
}
