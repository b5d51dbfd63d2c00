//! Autosave and versions on a real database file, and the size a thousand versions take.

mod common;

use baocao::model::Run;
use baocao::store::{Store, VersionKind, AUTO_VERSION_EVERY_MS};

#[test]
fn autosave_coalesces_versions_and_restore_destroys_nothing() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let mut report = common::sample_report();
    let d = store
        .create_draft_from_report("Báo cáo 6 tháng", "", &report)
        .unwrap();
    let t0 = d.created;

    // An hour of typing, a save every 5 seconds: one automatic version per ten minutes.
    let mut t = t0;
    for i in 0..720 {
        t += 5_000;
        common::paragraphs_mut(&mut report)[i % 20][0]
            .text
            .push('x');
        assert!(store.save_draft_at(&d.id, &report, t).unwrap());
    }
    // Saving the same content again changes nothing.
    assert!(!store.save_draft_at(&d.id, &report, t + 1).unwrap());
    let versions = store.list_versions(&d.id).unwrap();
    let auto = versions
        .iter()
        .filter(|v| v.kind == VersionKind::Auto)
        .count();
    assert_eq!(auto as i64, 3600_000 / AUTO_VERSION_EVERY_MS);
    assert_eq!(versions.last().unwrap().kind, VersionKind::Created);
    assert_eq!(store.load_draft(&d.id).unwrap(), report);

    // A named version, then more editing.
    let named = store.save_version(&d.id, "Bản trình lần 1").unwrap();
    assert_eq!(named.label.as_deref(), Some("Bản trình lần 1"));
    let at_named = report.clone();
    common::paragraphs_mut(&mut report)[0][0] = Run::plain("Lãnh đạo đã sửa đoạn này.");
    store.save_draft(&d.id, &report).unwrap();

    // Opening a version reads it and writes nothing.
    let before = store.list_versions(&d.id).unwrap().len();
    assert_eq!(store.load_version(named.id).unwrap(), at_named);
    assert_eq!(store.list_versions(&d.id).unwrap().len(), before);

    // Restoring makes a new version; the edited state is kept as a version first.
    let restored = store.restore_version(named.id).unwrap();
    assert_eq!(restored.kind, VersionKind::Restored);
    assert!(restored.label.unwrap().contains("Bản trình lần 1"));
    assert_eq!(store.load_draft(&d.id).unwrap(), at_named);
    let versions = store.list_versions(&d.id).unwrap();
    assert_eq!(versions.len(), before + 2);
    assert_eq!(store.load_version(versions[1].id).unwrap(), report);

    // Closing keeps the state left only if it is not a version already.
    store.close_draft(&d.id).unwrap();
    assert_eq!(store.list_versions(&d.id).unwrap().len(), before + 2);
    store.save_draft(&d.id, &report).unwrap();
    store.close_draft(&d.id).unwrap();
    let versions = store.list_versions(&d.id).unwrap();
    assert_eq!(versions[0].kind, VersionKind::Closed);
    assert_eq!(store.open_draft(&d.id).unwrap(), report);
    assert_eq!(store.list_versions(&d.id).unwrap().len(), versions.len());

    assert!(store.save_version(&d.id, "   ").is_err());
    assert!(store
        .load_version(999_999)
        .unwrap_err()
        .message
        .contains("phiên bản"));
}

#[test]
fn garbage_from_autosaves_is_swept_but_versions_stay_whole() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let mut report = common::sample_report();
    let d = store
        .create_draft_from_report("Báo cáo", "", &report)
        .unwrap();
    let first = store.list_versions(&d.id).unwrap()[0].id;
    let original = report.clone();
    for i in 0..50 {
        common::paragraphs_mut(&mut report)[3][0].text = format!("Bản gõ thứ {i}.");
        store.save_draft(&d.id, &report).unwrap();
    }
    assert!(store.collect_garbage().unwrap() >= 40);
    assert_eq!(store.load_draft(&d.id).unwrap(), report);
    assert_eq!(store.load_version(first).unwrap(), original);
    store.integrity_check().unwrap();
}

/// Issue 3: 1,000 versions of the sample, each with one paragraph edited, stay under 5 MB.
#[test]
fn a_thousand_versions_of_the_sample_stay_under_5_mb() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let mut report = common::sample_report();
    let d = store
        .create_draft_from_report("Báo cáo 6 tháng", "", &report)
        .unwrap();
    let n = common::paragraphs_mut(&mut report).len();
    for i in 0..1000 {
        let mut paras = common::paragraphs_mut(&mut report);
        paras[(i * 37) % n][0]
            .text
            .push_str(&format!(" (sửa lần {i})"));
        store.save_draft(&d.id, &report).unwrap();
        store.save_version(&d.id, &format!("Bản {i}")).unwrap();
    }
    assert_eq!(store.list_versions(&d.id).unwrap().len(), 1001);
    let some = store.list_versions(&d.id).unwrap()[500].id;
    assert!(store.load_version(some).is_ok());
    let path = store.db_path();
    drop(store); // the last connection checkpoints the WAL into the file
    let mut bytes = std::fs::metadata(&path).unwrap().len();
    if let Ok(wal) = std::fs::metadata(path.with_extension("db-wal")) {
        bytes += wal.len();
    }
    let sample_json = baocao::model::file::to_json(&common::sample_report()).len();
    println!(
        "1000 versions: {:.2} MB (one full copy of the sample is {:.1} kB)",
        bytes as f64 / 1e6,
        sample_json as f64 / 1e3
    );
    assert!(bytes < 5_000_000, "{bytes} bytes");
}
