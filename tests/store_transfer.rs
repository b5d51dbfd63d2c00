//! One draft to a file and back, and files that must be refused in Vietnamese.

mod common;

use baocao::store::{Status, Store, VersionKind};

#[test]
fn a_draft_travels_with_its_versions_and_always_arrives_as_a_new_draft() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let mut report = common::sample_report();
    let d = store
        .create_draft_from_report("Báo cáo 6 tháng", "6 tháng đầu năm 2026", &report)
        .unwrap();
    store.save_version(&d.id, "Bản trình lần 1").unwrap();
    common::paragraphs_mut(&mut report)[2][0].text = "Đoạn đã sửa.".into();
    store.save_draft(&d.id, &report).unwrap();
    store.set_status(&d.id, Status::DaTrinh).unwrap();

    let file = dir.join("bản nháp xuất.json");
    store.export_draft_to(&d.id, &file, true).unwrap();

    // Another PC.
    let (_tmp2, dir2) = common::data_dir();
    let mut other = Store::open(&dir2).unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let a = other.import_draft(&bytes).unwrap();
    assert_eq!(a.title, "Báo cáo 6 tháng");
    assert_eq!(a.period, "6 tháng đầu năm 2026");
    assert_eq!(a.status, Status::DaTrinh);
    assert_eq!(other.load_draft(&a.id).unwrap(), report);
    let versions = other.list_versions(&a.id).unwrap();
    assert_eq!(versions[0].kind, VersionKind::Imported);
    let named = versions
        .iter()
        .find(|v| v.label.as_deref() == Some("Bản trình lần 1"))
        .expect("named version travels");
    assert_eq!(
        other.load_version(named.id).unwrap(),
        common::sample_report()
    );

    // Importing the same file again never overwrites: a second, separate draft.
    let b = other.import_draft(&bytes).unwrap();
    assert_ne!(a.id, b.id);
    // And into the store it came from, too.
    let c = store.import_draft(&bytes).unwrap();
    assert_ne!(c.id, d.id);

    // Without versions.
    let light = store.export_draft(&d.id, false).unwrap();
    let e = other.import_draft(&light).unwrap();
    assert_eq!(other.list_versions(&e.id).unwrap().len(), 1);
}

#[test]
fn imported_text_is_normalised_to_nfc() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    // "Hòa" and "Báo cáo" typed with combining accents (NFD).
    let file = r#"{"format":"baocao-draft","version":1,
        "draft":{"title":"Ba\u0301o ca\u0301o","period":"","status":"dang_soan","created":0,"modified":0},
        "report":{"trich_yeu":"Ho\u0300a"}}"#;
    let d = store.import_draft(file.as_bytes()).unwrap();
    assert_eq!(d.title, "Báo cáo");
    assert_eq!(store.load_draft(&d.id).unwrap().trich_yeu, "H\u{00f2}a");
}

#[test]
fn foreign_corrupt_and_newer_files_are_refused_in_vietnamese() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let d = store.create_draft("Báo cáo", "").unwrap();
    let good = String::from_utf8(store.export_draft(&d.id, true).unwrap()).unwrap();

    let cases: Vec<(Vec<u8>, &str)> = vec![
        (b"\x00\x01\x02 not json".to_vec(), "không phải là bản nháp"),
        (
            br#"{"format":"something-else","version":1}"#.to_vec(),
            "không phải là bản nháp",
        ),
        (
            good.replace(
                &format!("\"version\": {}", baocao::store::DRAFT_FORMAT_VERSION),
                "\"version\": 7",
            )
            .into_bytes(),
            "mới hơn",
        ),
        (
            good.as_bytes()[..good.len() / 2].to_vec(),
            "không phải là bản nháp",
        ),
        (
            good.replace("\"doc_type\": \"BÁO CÁO\"", "\"doc_type\": 42")
                .into_bytes(),
            "không hợp lệ",
        ),
    ];
    for (bytes, expected) in cases {
        let err = store.import_draft(&bytes).unwrap_err();
        assert!(err.message.contains(expected), "{}", err.message);
    }
    // Too large: refused before parsing.
    let huge = vec![b' '; baocao::store::MAX_IMPORT_BYTES + 1];
    assert!(store
        .import_draft(&huge)
        .unwrap_err()
        .message
        .contains("quá lớn"));
    // Nothing was created by the refused files.
    assert_eq!(store.list_drafts(&Default::default()).unwrap().len(), 1);
}
