//! The store never bricks the app (issue 9, points 1–3 and 6): upkeep that fails is reported
//! and the store opens anyway, a locked database is not a damaged one, the first day's "Sao lưu
//! ngay" cannot turn the backup folder into a file, and network folders are refused.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use baocao::store::{list_backups_in, BackupKind, Query, Store, DB_FILE};

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn backing_up_now_on_the_first_day_makes_the_folder_and_the_next_open_works() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    store.create_draft("Báo cáo tháng", "").unwrap();
    assert!(
        !dir.join("sao-luu").exists(),
        "a fresh store has no backup folder yet"
    );
    let file = store.backup_now_here().unwrap();
    assert!(
        dir.join("sao-luu").is_dir(),
        "the backup folder is a folder"
    );
    assert_eq!(file.parent().unwrap(), dir.join("sao-luu"));
    drop(store);
    let store = Store::open(&dir).unwrap();
    assert!(
        store.upkeep_problems().is_empty(),
        "{:?}",
        store.upkeep_problems()
    );
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 1);
    assert!(store.list_backups().len() >= 2);
}

#[test]
fn a_backup_written_as_a_file_named_like_the_backup_folder_is_moved_into_the_folder() {
    // What earlier builds' "Sao lưu ngay" did on the first day: the backup became a FILE
    // called "sao-luu", and the next start failed on the daily backup.
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    store
        .create_draft_from_report("Báo cáo 6 tháng", "", &common::sample_report())
        .unwrap();
    store.backup_now(&dir.join("sao-luu")).unwrap();
    assert!(dir.join("sao-luu").is_file());
    drop(store);

    let mut store = Store::open(&dir).expect("the store opens");
    assert!(
        store.upkeep_problems().is_empty(),
        "{:?}",
        store.upkeep_problems()
    );
    assert!(dir.join("sao-luu").is_dir());
    let backups = store.list_backups();
    let stray = backups
        .iter()
        .find(|b| b.kind == BackupKind::Manual)
        .expect("the stray backup is listed");
    assert!(backups.iter().any(|b| b.kind == BackupKind::Auto));
    // It is a real backup: restoring it brings the draft back.
    store.create_draft("Sau sao lưu", "").unwrap();
    store.restore_backup(&stray.path.clone()).unwrap();
    let drafts = store.list_drafts(&Query::default()).unwrap();
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].title, "Báo cáo 6 tháng");
}

// Unix only: the fault is a link to nowhere, which Windows lets only administrators make. The
// chosen-folder test below has an upkeep failure that runs everywhere.
#[cfg(unix)]
#[test]
fn an_upkeep_that_fails_is_reported_and_logged_and_the_store_opens() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    store.create_draft("Báo cáo tháng", "").unwrap();
    drop(store);
    // The backup folder cannot be made: its name is taken by a link to nowhere (as a folder
    // on a drive that is gone would be).
    std::os::unix::fs::symlink(dir.join("khong-co/thu-muc"), dir.join("sao-luu")).unwrap();

    let store = Store::open(&dir).expect("upkeep never stops the store from opening");
    let problems = store.upkeep_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.starts_with("Chưa sao lưu tự động được")
            && problems[0].message.contains("Dữ liệu đã lưu vẫn an toàn"),
        "{}",
        problems[0].message
    );
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 1);
    let log = std::fs::read_to_string(dir.join(baocao::log::LOG_FILE)).unwrap();
    assert!(log.contains("sao lưu tự động"), "{log}");
}

/// A second program holds the database exclusively, as an antivirus or a second process may.
fn hold_exclusively(db: &Path) -> rusqlite::Connection {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;")
        .unwrap();
    c
}

#[test]
fn a_locked_database_is_reported_as_locked_and_nothing_is_moved_or_changed() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    for i in 0..3 {
        store.create_draft(&format!("Báo cáo số {i}"), "").unwrap();
    }
    drop(store);
    let db = dir.join(DB_FILE);
    let bytes = std::fs::read(&db).unwrap();
    let other = hold_exclusively(&db);
    // The holder's own WAL is there from now on.
    let before = names_in(&dir);
    let started = Instant::now();
    let err = Store::open(&dir)
        .err()
        .expect("a locked database is reported");
    assert!(
        started.elapsed() >= baocao::store::LOCK_WAIT - Duration::from_millis(200),
        "the open waited for the lock first"
    );
    assert!(
        err.message
            .starts_with("Cơ sở dữ liệu đang bị chương trình khác khóa"),
        "{}",
        err.message
    );
    assert_eq!(names_in(&dir), before, "nothing moved aside");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing changed");
    drop(other);

    let store = Store::open(&dir).unwrap();
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 3);
}

#[test]
fn a_lock_released_while_the_open_waits_lets_it_through() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    store.create_draft("Báo cáo tháng", "").unwrap();
    drop(store);
    let other = hold_exclusively(&dir.join(DB_FILE));
    let release = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(1000));
        drop(other);
    });
    let store = Store::open(&dir).expect("the open waits for the lock");
    release.join().unwrap();
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 1);
}

#[test]
fn a_fresh_store_after_damage_gets_no_sample_so_the_good_backups_are_not_pushed_out() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    assert!(
        store.seed_sample().unwrap().is_some(),
        "the very first start"
    );
    drop(store);
    drop(Store::open(&dir).unwrap()); // the day's backup
    let db = dir.join(DB_FILE);
    let _ = std::fs::remove_file(dir.join("baocao.db-wal"));
    let _ = std::fs::remove_file(dir.join("baocao.db-shm"));
    std::fs::write(&db, "hỏng ".repeat(5000)).unwrap();
    assert!(Store::open(&dir).is_err());

    let mut store = Store::open(&dir).unwrap();
    assert!(store.seed_sample().unwrap().is_none());
    assert!(store.list_drafts(&Query::default()).unwrap().is_empty());
    // So no daily backup of an empty store pushes the good one out.
    assert_eq!(list_backups_in(&dir).len(), 1);
}

#[test]
fn a_data_folder_on_a_network_path_is_refused_with_what_to_do() {
    for p in [r"\\may-chu\chia-se\BaoCao", "//may-chu/chia-se/BaoCao"] {
        let err = Store::open(Path::new(p)).err().expect("refused");
        assert!(err.message.contains("ổ mạng"), "{}", err.message);
        assert!(!Path::new(p).exists(), "nothing was created");
    }
}

/// Issue 9, point 5: a backup folder of the user's choosing (a USB stick, `D:\`) gets the daily
/// backup and "Sao lưu ngay" too; when it is not plugged in, the store still opens and says so.
#[test]
fn a_chosen_backup_folder_gets_the_daily_backup_and_its_absence_never_stops_the_store() {
    let (tmp, dir) = common::data_dir();
    let usb = tmp.path().join("USB của Lan");
    std::fs::create_dir(&usb).unwrap();
    let mut store = Store::open(&dir).unwrap();
    store.create_draft("Báo cáo tháng", "").unwrap();

    // Refused: a folder that is not there, and one inside the data folder itself.
    let e = store
        .set_chosen_backup_folder(Some(&tmp.path().join("khong-co")))
        .unwrap_err();
    assert!(
        e.message.contains("Không tìm thấy thư mục"),
        "{}",
        e.message
    );
    let e = store.set_chosen_backup_folder(Some(&dir)).unwrap_err();
    assert!(
        e.message.contains("ở ngoài thư mục dữ liệu"),
        "{}",
        e.message
    );
    assert_eq!(store.chosen_backup_folder(), None);

    store.set_chosen_backup_folder(Some(&usb)).unwrap();
    assert_eq!(store.chosen_backup_folder().as_deref(), Some(usb.as_path()));
    drop(store);

    // The next open writes the day's backup on the stick as well.
    let store = Store::open(&dir).unwrap();
    assert!(
        store.upkeep_problems().is_empty(),
        "{:?}",
        store.upkeep_problems()
    );
    let on_usb = baocao::store::list_backups_at(&usb.join(baocao::store::CHOSEN_SUBDIR));
    assert_eq!(on_usb.len(), 1, "{on_usb:?}");
    assert_eq!(on_usb[0].kind, BackupKind::Auto);
    assert!(store
        .list_backups()
        .iter()
        .any(|b| b.path == on_usb[0].path));
    // Once a day there too.
    drop(store);
    drop(Store::open(&dir).unwrap());
    assert_eq!(
        baocao::store::list_backups_at(&usb.join(baocao::store::CHOSEN_SUBDIR)).len(),
        1
    );

    // The stick is pulled out: the store opens, says why the copy is missing, lists what is
    // on the PC.
    let away = tmp.path().join("USB cất đi");
    std::fs::rename(&usb, &away).unwrap();
    let mut store = Store::open(&dir).expect("a missing backup folder never stops the store");
    let problems = store.upkeep_problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("ổ USB chưa cắm"),
        "{}",
        problems[0].message
    );
    assert!(!store.list_backups().is_empty());
    // And the restore from a file picked there (the stick plugged in again) works.
    store.create_draft("Sau khi rút USB", "").unwrap();
    let file = list_backups_in(&dir)
        .into_iter()
        .find(|b| b.kind == BackupKind::Auto)
        .unwrap()
        .path;
    let copy = tmp.path().join("bản sao lưu chép tay.db");
    std::fs::copy(&file, &copy).unwrap();
    store.restore_backup(&copy).unwrap();
    let titles: Vec<_> = store
        .list_drafts(&Query::default())
        .unwrap()
        .into_iter()
        .map(|d| d.title)
        .collect();
    assert_eq!(titles, vec!["Báo cáo tháng".to_string()]);
}
