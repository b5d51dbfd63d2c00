//! Backups and recovery on real files: the daily backup, back up now, restore, and a damaged
//! database moved aside with the latest backup offered.

mod common;

use std::time::{Duration, SystemTime};

use baocao::store::{list_backups_in, BackupKind, Query, Store, AUTO_BACKUPS_KEPT};

#[test]
fn the_first_open_of_the_day_backs_up_and_fourteen_are_kept() {
    let (_tmp, dir) = common::data_dir();
    let backups = dir.join("sao-luu");
    std::fs::create_dir_all(&backups).unwrap();
    // Fifteen old daily backups from earlier days.
    for i in 0..15u64 {
        let f = backups.join(format!("tu-dong-2026-01-{:02}_080000.000.db", i + 1));
        std::fs::write(&f, b"old").unwrap();
        let t = SystemTime::now() - Duration::from_secs(86_400 * (30 - i));
        std::fs::File::options()
            .write(true)
            .open(&f)
            .unwrap()
            .set_modified(t)
            .unwrap();
    }
    let mut store = Store::open(&dir).unwrap();
    // Nothing to back up in an empty store.
    assert_eq!(list_backups_in(&dir).len(), 15);
    store.create_draft("Báo cáo tháng", "").unwrap();
    drop(store);
    let store = Store::open(&dir).unwrap();
    let list = store.list_backups();
    assert_eq!(list.len(), AUTO_BACKUPS_KEPT);
    assert!(list.iter().all(|b| b.kind == BackupKind::Auto));
    assert!(!backups.join("tu-dong-2026-01-01_080000.000.db").exists());
    assert!(!backups.join("tu-dong-2026-01-02_080000.000.db").exists());
    // The new one is a real database holding the draft.
    let newest = &list[0].path;
    let conn = rusqlite::Connection::open(newest).unwrap();
    let n: i64 = conn
        .query_row("SELECT COUNT(*) FROM drafts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 1);
    drop(store);
    // Once a day only.
    let _store = Store::open(&dir).unwrap();
    assert_eq!(list_backups_in(&dir).len(), AUTO_BACKUPS_KEPT);
}

#[test]
fn restore_checks_the_backup_and_backs_up_what_it_replaces() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let a = store
        .create_draft_from_report("Báo cáo 6 tháng", "", &common::sample_report())
        .unwrap();
    let outside = dir.parent().unwrap().join("Ổ USB sao lưu");
    std::fs::create_dir_all(&outside).unwrap();
    let file = store.backup_now(&outside).unwrap();
    assert!(file.starts_with(&outside));

    store.rename(&a.id, "Tên mới").unwrap();
    let b = store.create_draft("Bản nháp sau sao lưu", "").unwrap();

    // A file that is not a backup is refused and nothing changes.
    let junk = outside.join("không phải.db");
    std::fs::write(&junk, "xin chào").unwrap();
    let err = store.restore_backup(&junk).unwrap_err();
    assert!(
        err.message.contains("không dùng để khôi phục được"),
        "{}",
        err.message
    );
    let other = outside.join("khác.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES(1);")
        .unwrap();
    assert!(store
        .restore_backup(&other)
        .unwrap_err()
        .message
        .contains("không phải dữ liệu"));
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 2);

    let before = store.restore_backup(&file).unwrap();
    let drafts = store.list_drafts(&Query::default()).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].title, "Báo cáo 6 tháng");
    assert_eq!(store.load_draft(&a.id).unwrap(), common::sample_report());
    assert!(store.load_draft(&b.id).is_err());
    store.integrity_check().unwrap();
    // Saving keeps working on the restored database.
    store.save_draft(&a.id, &Default::default()).unwrap();

    // The replaced state was backed up first, and can itself be restored.
    assert!(store
        .list_backups()
        .iter()
        .any(|x| x.path == before && x.kind == BackupKind::BeforeRestore));
    store.restore_backup(&before).unwrap();
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 2);
}

fn damage_and_recover(damage: impl Fn(&std::path::Path)) {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    for i in 0..20 {
        store
            .create_draft_from_report(&format!("Báo cáo số {i}"), "", &common::sample_report())
            .unwrap();
    }
    drop(store);
    drop(Store::open(&dir).unwrap()); // takes the day's backup
    let db = dir.join("baocao.db");
    damage(&db);

    let err = Store::open(&dir)
        .err()
        .expect("a damaged database is reported");
    assert_eq!(err.kind, baocao::ErrorKind::Storage);
    assert!(err.message.contains("bị hỏng"), "{}", err.message);
    assert!(
        err.message.contains("khôi phục bản sao lưu gần nhất"),
        "{}",
        err.message
    );
    let aside: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("baocao.db.hong-")
        })
        .collect();
    assert!(!aside.is_empty(), "the damaged file is kept aside");

    // The app then opens a fresh store and restores the backup offered.
    let mut store = Store::open(&dir).unwrap();
    assert!(store.list_drafts(&Query::default()).unwrap().is_empty());
    let latest = baocao::store::list_backups_in(&dir)[0].path.clone();
    store.restore_backup(&latest).unwrap();
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 20);
}

#[test]
fn a_file_that_is_not_a_database_is_moved_aside_and_the_backup_offered() {
    damage_and_recover(|db| {
        let _ = std::fs::remove_file(db.with_extension("db-wal"));
        let _ = std::fs::remove_file(db.with_extension("db-shm"));
        std::fs::write(db, "đây không phải cơ sở dữ liệu ".repeat(2000)).unwrap();
    });
}

#[test]
fn damaged_pages_are_found_at_open() {
    damage_and_recover(|db| {
        use std::io::{Seek, SeekFrom, Write};
        let mut f = std::fs::File::options().write(true).open(db).unwrap();
        f.seek(SeekFrom::Start(4096)).unwrap();
        f.write_all(&[0x55; 4096 * 6]).unwrap();
    });
}
