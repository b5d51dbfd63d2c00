//! Hostile databases: a backup someone crafted or a disk damaged, restored and read on real
//! SQLite files; and a second process that deletes chunks behind the store's back.

mod common;

use baocao::model::{Block, Report, Run, Section};
use baocao::store::Store;
use rusqlite::Connection;

/// A report whose body is section "Cha" holding section "Con".
fn nested() -> Report {
    let para = |t: &str| Block::Paragraph {
        runs: vec![Run::plain(t)],
    };
    Report {
        trich_yeu: "Báo cáo thử".into(),
        body: vec![Section {
            id: "cha".into(),
            title: "Cha".into(),
            blocks: vec![para("Đoạn của mục cha.")],
            children: vec![Section {
                id: "con".into(),
                title: "Con".into(),
                blocks: vec![para("Đoạn của mục con.")],
                ..Section::default()
            }],
            ..Section::default()
        }],
        ..Report::default()
    }
}

/// The id of the chunk of the section titled `title`.
fn section_chunk(conn: &Connection, title: &str) -> i64 {
    let mut stmt = conn.prepare("SELECT id, data FROM chunks").unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)))
        .unwrap();
    for row in rows {
        let (id, data) = row.unwrap();
        let v: serde_json::Value = serde_json::from_slice(&data).unwrap();
        if v.get("title").and_then(|t| t.as_str()) == Some(title) && v.get("children").is_some() {
            return id;
        }
    }
    panic!("no chunk for section {title}");
}

/// Sets the sub-sections of chunk `id` to `children`.
fn set_children(conn: &Connection, id: i64, children: &[i64]) {
    let data: Vec<u8> = conn
        .query_row("SELECT data FROM chunks WHERE id = ?1", [id], |r| r.get(0))
        .unwrap();
    let mut v: serde_json::Value = serde_json::from_slice(&data).unwrap();
    v["children"] = serde_json::json!(children);
    conn.execute(
        "UPDATE chunks SET data = ?1 WHERE id = ?2",
        rusqlite::params![serde_json::to_vec(&v).unwrap(), id],
    )
    .unwrap();
}

/// Adds a chain of `n` sections, each listing the one before it `fan` times; returns the top.
fn chain(conn: &Connection, n: usize, fan: usize) -> i64 {
    let tx = conn.unchecked_transaction().unwrap();
    let mut prev: Vec<i64> = Vec::new();
    let mut top = 0;
    for k in 0..n {
        let data = serde_json::json!({
            "id": format!("m{k}"), "title": format!("Mục {k}"), "blocks": [], "children": prev,
        });
        tx.execute(
            "INSERT INTO chunks(hash, data) VALUES(randomblob(16), ?1)",
            [serde_json::to_vec(&data).unwrap()],
        )
        .unwrap();
        top = tx.last_insert_rowid();
        prev = vec![top; fan];
    }
    tx.commit().unwrap();
    top
}

/// A store holding the nested report, its backup file changed by `craft`, and a second store
/// that restores that backup. Returns the second store and the draft's id.
fn restored(craft: impl FnOnce(&Connection)) -> (tempfile::TempDir, Store, String) {
    let (tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let info = store
        .create_draft_from_report("Báo cáo thử", "", &nested())
        .unwrap();
    let file = tmp.path().join("sao-luu-cua-dong-nghiep.db");
    store.backup_now(&file).unwrap();
    drop(store);
    craft(&Connection::open(&file).unwrap());
    let mut other = Store::open(&tmp.path().join("may-khac")).unwrap();
    other.restore_backup(&file).unwrap();
    (tmp, other, info.id)
}

#[test]
fn a_section_that_lists_itself_is_a_clear_error_not_a_stack_overflow() {
    let (_tmp, mut store, id) = restored(|conn| {
        let cha = section_chunk(conn, "Cha");
        let con = section_chunk(conn, "Con");
        // Directly, and through its child.
        set_children(conn, cha, &[con, cha]);
        set_children(conn, con, &[cha]);
    });
    let err = store.load_draft(&id).unwrap_err();
    assert!(err.message.contains("chứa chính nó"), "{}", err.message);
    assert!(
        err.message.contains("sao lưu"),
        "says what to do: {}",
        err.message
    );
    // The day's garbage collection walks the same chunks and ends.
    store.collect_garbage().unwrap();
    // A shared sub-section that is not a cycle still reads: the same child twice.
    let (_tmp, store, id) = restored(|conn| {
        let cha = section_chunk(conn, "Cha");
        let con = section_chunk(conn, "Con");
        set_children(conn, cha, &[con, con]);
    });
    let r = store.load_draft(&id).unwrap();
    assert_eq!(r.body[0].children.len(), 2);
    assert_eq!(r.body[0].children[1].title, "Con");
}

#[test]
fn an_outline_deeper_than_any_report_is_refused_and_collected_without_recursion() {
    let (_tmp, mut store, id) = restored(|conn| {
        let top = chain(conn, 100_000, 1);
        let con = section_chunk(conn, "Con");
        set_children(conn, con, &[top]);
    });
    let err = store.load_draft(&id).unwrap_err();
    assert!(
        err.message.contains("lồng quá nhiều cấp"),
        "{}",
        err.message
    );
    // Every chunk of the chain is reachable, so none is deleted (and the walk does not recurse).
    assert_eq!(store.collect_garbage().unwrap(), 0);
}

#[test]
fn shared_chunks_that_multiply_without_end_are_refused() {
    // Forty sections each listing the one below twice: 2^40 sections to read.
    let (_tmp, store, id) = restored(|conn| {
        let top = chain(conn, 40, 2);
        let con = section_chunk(conn, "Con");
        set_children(conn, con, &[top]);
    });
    let started = std::time::Instant::now();
    let err = store.load_draft(&id).unwrap_err();
    assert!(err.message.contains("quá nhiều phần"), "{}", err.message);
    assert!(started.elapsed().as_secs() < 60, "{:?}", started.elapsed());
}

#[test]
fn chunks_deleted_by_another_process_are_not_trusted_from_memory() {
    let (_tmp, dir) = common::data_dir();
    let mut app = Store::open(&dir).unwrap();
    let before = dir.parent().unwrap().join("truoc.db");
    app.backup_now(&before).unwrap();
    let report = nested();
    let mut again = report.clone();
    again.trich_yeu = "Báo cáo thử, lần hai".into();

    // Another process (the `baocao` tool, a second window) deletes the app's draft for good,
    // and with it the chunks the app remembers having written.
    let first = app
        .create_draft_from_report("Bản đầu", "", &report)
        .unwrap();
    let mut tool = Store::open(&dir).unwrap();
    tool.trash(&first.id).unwrap();
    tool.delete_forever(&first.id).unwrap();
    drop(tool);
    // The app saves the same sections in a new draft under another trích yếu: only the head and
    // the root are new chunks, every section and block is one the app wrote before.
    let second = app.create_draft_from_report("Bản hai", "", &again).unwrap();
    assert_eq!(app.load_draft(&second.id).unwrap(), again);

    // Another process restores a backup taken before any of these chunks existed.
    let mut tool = Store::open(&dir).unwrap();
    tool.restore_backup(&before).unwrap();
    drop(tool);
    let third = app.create_draft_from_report("Bản ba", "", &again).unwrap();
    assert_eq!(app.load_draft(&third.id).unwrap(), again);
}

#[test]
fn a_backup_that_lies_about_its_schema_is_refused_and_the_data_stays() {
    // Found by the backup fuzz target: a backup whose schema version says 0 makes the migration
    // create tables that are already there. The restore used to copy it in first, leaving the
    // user's database unable to open, with the whole schema quoted in the message.
    let (tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    store
        .create_draft_from_report("Báo cáo thử", "", &nested())
        .unwrap();
    let file = tmp.path().join("sao-luu-noi-doi.db");
    store.backup_now(&file).unwrap();
    Connection::open(&file)
        .unwrap()
        .pragma_update(None, "user_version", 0)
        .unwrap();

    let mut other = Store::open(&tmp.path().join("may-khac")).unwrap();
    let own = other
        .create_draft_from_report("Bản nháp của máy này", "", &nested())
        .unwrap();
    let err = other.restore_backup(&file).unwrap_err();
    assert!(
        err.message.contains("Dữ liệu hiện tại không thay đổi"),
        "{}",
        err.message
    );
    assert!(!err.message.contains('\n'), "one line: {}", err.message);
    assert!(err.message.chars().count() < 400, "{}", err.message);
    // The store still holds this PC's draft, and opens again as it was.
    assert_eq!(other.load_draft(&own.id).unwrap().trich_yeu, "Báo cáo thử");
    drop(other);
    let again = Store::open(&tmp.path().join("may-khac")).unwrap();
    assert!(again.load_draft(&own.id).is_ok());
}
