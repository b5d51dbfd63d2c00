//! The app's door to the store, on a real SQLite file in a temporary folder.

use super::*;
use baocao::store::{AgencyProfile, Preset};

struct Tmp(PathBuf);
impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn drafts(name: &str) -> (Tmp, Drafts) {
    let dir = std::env::temp_dir().join(format!(
        "baocao-app-drafts-{name}-{}-{}",
        std::process::id(),
        store::now_ms()
    ));
    let d = Drafts::open(dir.clone()).expect("store opens");
    (Tmp(dir), d)
}

#[test]
fn a_blank_report_takes_the_default_presets() {
    let (_t, mut d) = drafts("blank");
    let agency = Preset::Agency(AgencyProfile {
        parent: Some("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI".into()),
        name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG HOA SEN".into()],
        symbol_suffix: "UBND".into(),
        place: "Hoa Sen".into(),
    });
    d.save_preset(None, "Phường Hoa Sen", &agency).unwrap();
    let id = d.create_blank().unwrap();
    let r = d.load(&id).unwrap();
    assert_eq!(r.issuer.name_lines[1], "PHƯỜNG HOA SEN");
    assert_eq!(r.issuer.symbol, "BC-UBND");
    assert_eq!(r.place, "Hoa Sen");
}

#[test]
fn a_preset_without_a_name_is_refused_in_vietnamese() {
    let (_t, mut d) = drafts("noname");
    let e = d
        .save_preset(
            None,
            "  ",
            &Preset::Recipients(vec!["UBND Thành phố".into()]),
        )
        .unwrap_err();
    assert!(e.message.contains("Tên mẫu thiết lập"), "{}", e.message);
    assert!(d.presets().unwrap().is_empty());
}

#[test]
fn a_preset_fills_a_report_and_a_missing_one_says_so() {
    let (_t, mut d) = drafts("apply");
    let id = d
        .save_preset(
            None,
            "Gửi Thành phố",
            &Preset::Recipients(vec!["UBND Thành phố".into(), "Lưu: VT".into()]),
        )
        .unwrap();
    let mut r = Report::default();
    d.apply_preset(id, &mut r).unwrap();
    assert_eq!(r.noi_nhan.recipients[0], "UBND Thành phố");
    d.delete_preset(id).unwrap();
    let e = d.apply_preset(id, &mut r).unwrap_err();
    assert!(e.message.contains("không còn"), "{}", e.message);
}

#[test]
fn shipped_templates_cannot_be_deleted_but_the_users_own_can() {
    let (_t, mut d) = drafts("templates");
    let builtin = d.templates().unwrap();
    assert!(builtin.iter().all(|t| t.builtin) && !builtin.is_empty());
    let e = d.delete_template(&builtin[0].id).unwrap_err();
    assert!(e.message.contains("không xóa được"), "{}", e.message);
    d.seed_sample_if_empty().unwrap();
    let sample = d.list("").unwrap().remove(0);
    let own = d.save_as_template(&sample.id, "Mẫu của phường").unwrap();
    assert_eq!(d.templates().unwrap().len(), builtin.len() + 1);
    d.delete_template(&own).unwrap();
    assert_eq!(d.templates().unwrap().len(), builtin.len());
}

#[test]
fn a_trashed_draft_leaves_the_list_and_comes_back() {
    let (_t, mut d) = drafts("trash");
    d.seed_sample_if_empty().unwrap();
    let id = d.list("").unwrap()[0].id.clone();
    d.trash(&id).unwrap();
    assert!(d.list("").unwrap().is_empty());
    assert_eq!(d.trash_list().unwrap()[0].id, id);
    d.restore_from_trash(&id).unwrap();
    assert_eq!(d.list("").unwrap()[0].id, id);
    assert!(d.trash_list().unwrap().is_empty());
}

#[test]
fn the_list_shows_the_period_the_trich_yeu_names() {
    let (_t, mut d) = drafts("period");
    let id = d.create_blank().unwrap();
    let before = d.load(&id).unwrap();
    let mut r = before.clone();
    r.trich_yeu = "Kết quả công tác quý III năm 2026".into();
    d.save(&id, &before, &r).unwrap();
    assert_eq!(d.info(&id).unwrap().period, "quý III năm 2026");
}

#[test]
fn a_version_of_another_draft_is_refused() {
    let (_t, mut d) = drafts("versions");
    let a = d.create_blank().unwrap();
    let b = d.create_blank().unwrap();
    d.save_version(&b, "Bản của B").unwrap();
    let of_b = d.versions(&b).unwrap()[0].id.clone();
    assert!(d.load_version(&b, &of_b).is_ok());
    let e = d.load_version(&a, &of_b).unwrap_err();
    assert!(
        e.message.contains("không thuộc bản nháp đang mở"),
        "{}",
        e.message
    );
    assert!(d.restore_version(&a, &of_b).is_err());
    assert!(d.load_version(&a, "khong-phai-so").is_err());
}

#[test]
fn only_a_listed_backup_is_restored_by_its_id() {
    let (_t, mut d) = drafts("backups");
    d.create_blank().unwrap();
    let written = d.backup_now().unwrap();
    assert_eq!(written.len(), 1);
    let list = d.backups();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, backup_id(std::path::Path::new(&written[0])));
    let raw = d.backups_raw();
    let found = super::super::backup_choice::listed_backup(&raw, &list[0].id).unwrap();
    assert_eq!(found.to_string_lossy(), written[0]);
    // A path, or anything not an id of the list, names nothing.
    for id in [written[0].as_str(), "/etc/passwd", "", "0000000000000000"] {
        assert!(
            super::super::backup_choice::listed_backup(&raw, id).is_err(),
            "{id}"
        );
    }
}
