//! The agency's dictionary ("Thêm vào từ điển của cơ quan"): kept in the store's presets, read by
//! the checks of every draft and by `baocao check`, carried by an exported draft to another PC.

mod common;

use std::process::Command;

use baocao::checks::{self, Fix};
use baocao::store::{self, Preset, PresetKind, Store};

fn flagged(report: &baocao::model::Report, words: &[String]) -> Vec<String> {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 6, 20).unwrap();
    checks::check_with(report, day, words)
        .into_iter()
        .filter_map(|f| match f.fix {
            Some(Fix::Spelling { word, .. }) => Some(word),
            _ => None,
        })
        .collect()
}

fn with_local_words() -> baocao::model::Report {
    let mut r = common::sample_report();
    // Its own paragraph: the sample's paragraphs go on in further runs.
    *common::paragraphs_mut(&mut r)[2] = vec![baocao::model::Run::plain(
        "Thôn bản giáp ranh có khu đồi pơkôô và suối đắkrông.",
    )];
    r
}

#[test]
fn words_added_once_silence_them_in_every_draft_and_travel_with_an_export() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let report = with_local_words();
    assert_eq!(flagged(&report, &[]), ["pơkôô", "đắkrông"]);

    store.add_agency_words(&["pơkôô".into()]).unwrap();
    // Made on first use, as the default dictionary; the same word twice is kept once.
    store
        .add_agency_words(&["Pơkôô".into(), "đắkrông".into()])
        .unwrap();
    let words = store.agency_words().unwrap();
    assert_eq!(words, ["pơkôô", "đắkrông"]);
    let presets = store.list_presets(Some(PresetKind::Dictionary)).unwrap();
    assert_eq!(presets.len(), 1);
    assert_eq!(presets[0].name, store::DICTIONARY_NAME);
    assert!(presets[0].is_default);
    assert!(flagged(&report, &words).is_empty());
    // A dictionary is no setting of a report.
    let mut r = report.clone();
    Preset::Dictionary(words.clone()).apply_to(&mut r);
    assert_eq!(r, report);
    // What is not a word is refused in Vietnamese and nothing is added.
    let e = store.add_agency_words(&["hai chữ".into()]).unwrap_err();
    assert!(e.message.contains("không có dấu cách"), "{}", e.message);
    assert_eq!(store.agency_words().unwrap(), words);

    // Another PC: the draft's words come with it.
    let d = store
        .create_draft_from_report("Báo cáo", "", &report)
        .unwrap();
    let bytes = store.export_draft(&d.id, false).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(v["dictionary"], serde_json::json!(["pơkôô", "đắkrông"]));
    assert_eq!(v["version"], baocao::store::DRAFT_FORMAT_VERSION);
    let (_tmp2, dir2) = common::data_dir();
    let mut other = Store::open(&dir2).unwrap();
    other.add_agency_words(&["bạch".into()]).unwrap();
    let a = other.import_draft(&bytes).unwrap();
    assert_eq!(other.agency_words().unwrap(), ["bạch", "pơkôô", "đắkrông"]);
    assert!(flagged(
        &other.load_draft(&a.id).unwrap(),
        &other.agency_words().unwrap()
    )
    .is_empty());

    // A draft exported before there were dictionaries still imports.
    let mut old: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    old.as_object_mut().unwrap().remove("dictionary");
    let (_tmp3, dir3) = common::data_dir();
    let mut third = Store::open(&dir3).unwrap();
    third
        .import_draft(&serde_json::to_vec(&old).unwrap())
        .unwrap();
    assert!(third.agency_words().unwrap().is_empty());
}

#[test]
fn a_full_dictionary_says_so_and_an_import_still_comes_in() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let many: Vec<String> = (0..store::MAX_DICTIONARY_WORDS)
        .map(|i| format!("chữ{i}"))
        .collect();
    store.add_agency_words(&many).unwrap();
    // Words already there are no new words.
    store.add_agency_words(&many[..3]).unwrap();
    let e = store.add_agency_words(&["pơkôô".into()]).unwrap_err();
    assert!(e.message.contains("tối đa"), "{}", e.message);
    assert_eq!(
        store.agency_words().unwrap().len(),
        store::MAX_DICTIONARY_WORDS
    );
    // A draft bringing words into a full dictionary is imported; its words are left out.
    let (_tmp2, dir2) = common::data_dir();
    let mut other = Store::open(&dir2).unwrap();
    other.add_agency_words(&["pơkôô".into()]).unwrap();
    let d = other
        .create_draft_from_report("Báo cáo", "", &common::sample_report())
        .unwrap();
    let bytes = other.export_draft(&d.id, false).unwrap();
    let a = store.import_draft(&bytes).unwrap();
    assert!(store.load_draft(&a.id).is_ok());
    assert!(!store.agency_words().unwrap().contains(&"pơkôô".to_string()));
}

#[test]
fn baocao_check_reads_the_dictionary_without_touching_the_store() {
    let (_tmp, dir) = common::data_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let report = with_local_words();
    let file = dir.join("bao-cao.json");
    std::fs::write(&file, baocao::model::file::to_json(&report)).unwrap();
    let run = |data: &std::path::Path| {
        let out = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(["check", file.to_str().unwrap(), "--ngay", "20/06/2026"])
            .env("BAOCAO_DATA_DIR", data)
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    // No store there: the words are flagged, and no store is made.
    let empty = dir.join("chưa có");
    let out = run(&empty);
    assert!(
        out.contains("“pơkôô”") && out.contains("“đắkrông”"),
        "{out}"
    );
    assert!(!empty.join(store::DB_FILE).exists());
    // With the agency's dictionary.
    let data = dir.join("dữ liệu");
    Store::open(&data)
        .unwrap()
        .add_agency_words(&["pơkôô".into(), "đắkrông".into()])
        .unwrap();
    // Besides SQLite's own -wal/-shm files, nothing is made (no backup, no upkeep).
    let files = || -> Vec<String> {
        let mut v: Vec<String> = walk(&data)
            .into_iter()
            .filter(|n| !n.contains(".db-"))
            .collect();
        v.sort();
        v
    };
    let before = files();
    let out = run(&data);
    assert!(!out.contains("pơkôô") && !out.contains("đắkrông"), "{out}");
    assert_eq!(files(), before);
}

/// Every file under `dir`, by path.
fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}
