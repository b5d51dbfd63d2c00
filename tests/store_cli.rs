//! The store from the command line: `baocao drafts list|import|export`, `baocao backup`,
//! `baocao restore`, all in the folder named by `BAOCAO_DATA_DIR`.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn baocao(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env("BAOCAO_DATA_DIR", dir)
        .output()
        .expect("run baocao")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn drafts_go_in_and_out_through_the_command_line() {
    let (tmp, dir) = common::data_dir();
    let files = tmp.path().join("tệp của tôi");
    std::fs::create_dir_all(&files).unwrap();

    // A Markdown report, a report file and, later, an exported draft.
    let md = files.join("báo cáo.md");
    std::fs::write(&md, common::SAMPLE_MD).unwrap();
    let id_md = ok(&baocao(&dir, &["drafts", "import", md.to_str().unwrap()]))
        .trim()
        .to_string();
    assert_eq!(id_md.len(), 6);

    let json = files.join("báo cáo.json");
    std::fs::write(
        &json,
        baocao::model::file::to_json(&common::sample_report()),
    )
    .unwrap();
    let id_json = ok(&baocao(&dir, &["drafts", "import", json.to_str().unwrap()]))
        .trim()
        .to_string();

    let list = ok(&baocao(&dir, &["drafts", "list"]));
    let ids: Vec<&str> = list
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids, [id_json.as_str(), id_md.as_str()]);
    assert!(list.contains("đang soạn"));
    assert!(list.contains("Tình hình hoạt động chỉ đạo"));

    let exported = files.join("xuất.json");
    ok(&baocao(
        &dir,
        &[
            "drafts",
            "export",
            &id_json,
            "-o",
            exported.to_str().unwrap(),
        ],
    ));
    let id_back = ok(&baocao(
        &dir,
        &["drafts", "import", exported.to_str().unwrap()],
    ))
    .trim()
    .to_string();
    assert_ne!(id_back, id_json);
    let store = baocao::store::Store::open(&dir).unwrap();
    assert_eq!(store.load_draft(&id_back).unwrap(), common::sample_report());
    drop(store);

    // Back up, delete a draft, restore.
    let backup = ok(&baocao(&dir, &["backup", "-o", files.to_str().unwrap()]));
    let backup = backup.trim();
    assert!(Path::new(backup).is_file());
    let mut store = baocao::store::Store::open(&dir).unwrap();
    store.trash(&id_md).unwrap();
    store.purge_trash(i64::MAX / 2).unwrap();
    drop(store);
    assert!(!ok(&baocao(&dir, &["drafts", "list"])).contains(&id_md));
    let said = ok(&baocao(&dir, &["restore", backup]));
    assert!(said.starts_with("Đã khôi phục"), "{said}");
    assert!(ok(&baocao(&dir, &["drafts", "list"])).contains(&id_md));
}

#[test]
fn bad_input_is_one_line_of_vietnamese_and_a_non_zero_status() {
    let (tmp, dir) = common::data_dir();
    let junk = tmp.path().join("rác.json");
    std::fs::write(&junk, "{ không phải json").unwrap();
    for args in [
        vec!["drafts", "import", junk.to_str().unwrap()],
        vec!["drafts", "export", "zzzzzz", "-o", "x.json"],
        vec!["drafts", "export", "zzzzzz"],
        vec!["restore", junk.to_str().unwrap()],
        vec!["drafts", "remove"],
    ] {
        let out = baocao(&dir, &args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.starts_with("Lỗi: "), "{args:?}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    }
    assert!(!Path::new("x.json").exists());
}
