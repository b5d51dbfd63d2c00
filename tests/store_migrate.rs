//! Migrations on real files: from nothing, from the first schema written by hand, and a database
//! from a newer Báo cáo refused.

mod common;

use baocao::store::schema::{SCHEMA_VERSION, V1};
use baocao::store::{Query, Store};
use rusqlite::Connection;

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn an_empty_folder_gets_the_current_schema_in_wal_mode() {
    let (_tmp, dir) = common::data_dir();
    let store = Store::open(&dir).unwrap();
    let path = store.db_path();
    drop(store);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    let conn = Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn a_version_1_database_is_upgraded_and_its_drafts_found_without_accents() {
    let (_tmp, dir) = common::data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("baocao.db");
    {
        // A database as the first release wrote it, with one draft and an empty report.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch(
            r#"INSERT INTO chunks(id, hash, data) VALUES
                 (1, x'01', CAST('{"doc_type":"BÁO CÁO","trich_yeu":"Tình hình quý I"}' AS BLOB)),
                 (2, x'02', CAST('{"h":1,"i":[],"b":[],"a":[]}' AS BLOB));
               INSERT INTO drafts(id, title, period, status, created, modified, root)
                 VALUES('abc234', 'Báo cáo Quý I', 'Quý I/2026', 'da_trinh', 1, 1, 2);
               INSERT INTO versions(draft_id, root, created, kind) VALUES('abc234', 2, 1, 'created');
               PRAGMA user_version = 1;"#,
        )
        .unwrap();
    }
    let store = Store::open(&dir).unwrap();
    let found = store
        .list_drafts(&Query {
            search: "bao cao quy".into(),
            ..Query::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "abc234");
    assert_eq!(found[0].status.label(), "đã trình");
    assert_eq!(
        store.load_draft("abc234").unwrap().trich_yeu,
        "Tình hình quý I"
    );
    drop(store);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
}

#[test]
fn a_database_from_a_newer_release_is_refused_untouched() {
    let (_tmp, dir) = common::data_dir();
    let path = {
        let store = Store::open(&dir).unwrap();
        store.db_path()
    };
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let err = Store::open(&dir).err().expect("refused");
    assert!(err.message.contains("mới hơn"), "{}", err.message);
    assert_eq!(user_version(&path), 99);
}

#[test]
fn a_version_4_database_gains_the_signature_images_and_keeps_its_presets() {
    use baocao::store::schema::{V3, V4};
    let (_tmp, dir) = common::data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("baocao.db");
    {
        // A database as the release before "Ký số" wrote it, with the chairman as a signer preset.
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(V1).unwrap();
        conn.execute_batch("ALTER TABLE drafts ADD COLUMN title_key TEXT NOT NULL DEFAULT ''")
            .unwrap();
        conn.execute_batch(V3).unwrap();
        conn.execute_batch(V4).unwrap();
        conn.execute_batch(
            r#"INSERT INTO presets(kind, name, data, is_default) VALUES('signer', 'Chủ tịch',
                 '{"kind":"signer","data":{"titles":["CHỦ TỊCH"],"name":"Nguyễn Văn An"}}', 1);
               PRAGMA user_version = 4;"#,
        )
        .unwrap();
    }
    let mut store = Store::open(&dir).unwrap();
    let presets = store.list_presets(None).unwrap();
    assert_eq!(presets.len(), 1, "{presets:?}");
    let mut report = baocao::model::Report::default();
    report.signer.name = "Nguyễn Văn An".into();
    let kept = store
        .keep_sign_image(&report, baocao::sign::Role::CaNhan, b"png")
        .unwrap();
    assert_eq!(kept.preset_id, presets[0].id);
    assert_eq!(kept.preset_name, "Chủ tịch");
    drop(store);
    assert_eq!(user_version(&path), SCHEMA_VERSION);
    let store = Store::open(&dir).unwrap();
    assert_eq!(
        store
            .sign_image(&report, baocao::sign::Role::CaNhan)
            .unwrap()
            .unwrap()
            .png,
        b"png"
    );
}
