//! Drafts, presets and templates on a real database file in a folder whose name has Vietnamese
//! letters and spaces.

mod common;

use baocao::model::{Archive, Signer};
use baocao::store::{AgencyProfile, Preset, PresetKind, Query, Sort, Status, Store, TRASH_DAYS};

#[test]
fn drafts_are_kept_listed_searched_renamed_and_duplicated() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    assert!(dir.join("baocao.db").is_file());

    let a = store
        .create_draft("Báo cáo 6 tháng đầu năm 2026", "6 tháng đầu năm 2026")
        .unwrap();
    let b = store.create_draft("Kế hoạch tuyên truyền", "").unwrap();
    let sample = common::sample_report();
    let c = store
        .create_draft_from_report("Báo cáo quý III", "Quý III/2026", &sample)
        .unwrap();
    assert_eq!(a.id.len(), 6);
    assert_eq!(a.status, Status::DangSoan);

    // Most recently changed first.
    let all = store.list_drafts(&Query::default()).unwrap();
    assert_eq!(
        all.iter().map(|d| d.id.as_str()).collect::<Vec<_>>(),
        [c.id.as_str(), b.id.as_str(), a.id.as_str()]
    );
    let oldest_first = store
        .list_drafts(&Query {
            sort: Sort::CreatedAsc,
            ..Query::default()
        })
        .unwrap();
    assert_eq!(oldest_first[0].id, a.id);

    // Without accents, any case, words in any order.
    let found = |store: &Store, s: &str| -> Vec<String> {
        store
            .list_drafts(&Query {
                search: s.into(),
                ..Query::default()
            })
            .unwrap()
            .into_iter()
            .map(|d| d.id)
            .collect()
    };
    assert_eq!(found(&store, "bao cao").len(), 2);
    assert_eq!(found(&store, "QUY bao"), vec![c.id.clone()]);
    assert_eq!(found(&store, "tuyên"), vec![b.id.clone()]);
    assert!(found(&store, "100%").is_empty());

    // The report comes back as it went in.
    assert_eq!(store.load_draft(&c.id).unwrap(), sample);

    let renamed = store
        .rename(&b.id, "  Kế hoạch   tuyên truyền 2026 ")
        .unwrap();
    assert_eq!(renamed.title, "Kế hoạch tuyên truyền 2026");
    assert_eq!(found(&store, "ke hoach 2026"), vec![b.id.clone()]);

    let signed = store.set_status(&a.id, Status::DaKy).unwrap();
    assert_eq!(signed.status.label(), "đã ký");

    let copy = store.duplicate(&c.id).unwrap();
    assert_ne!(copy.id, c.id);
    assert_eq!(copy.title, "Báo cáo quý III (bản sao)");
    assert_eq!(store.load_draft(&copy.id).unwrap(), sample);

    let err = store.load_draft("khong-co").unwrap_err();
    assert!(err.message.contains("Không có bản nháp"), "{}", err.message);

    // Everything is still there after reopening the file.
    drop(store);
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 4);
    assert_eq!(store.draft_info(&a.id).unwrap().status, Status::DaKy);
}

#[test]
fn trash_keeps_drafts_thirty_days_and_gives_them_back() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let keep = store.create_draft("Giữ lại", "").unwrap();
    let gone = store.create_draft("Xóa đi", "").unwrap();
    store.trash(&keep.id).unwrap();
    store.trash(&gone.id).unwrap();
    assert!(store.list_drafts(&Query::default()).unwrap().is_empty());
    assert_eq!(store.list_trash().unwrap().len(), 2);
    // A draft in the trash cannot be autosaved into by mistake.
    assert!(store.save_draft(&keep.id, &Default::default()).is_err());

    store.restore_from_trash(&keep.id).unwrap();
    assert_eq!(store.list_drafts(&Query::default()).unwrap()[0].id, keep.id);

    let day = 24 * 60 * 60 * 1000;
    let deleted = store.draft_info(&gone.id).unwrap().deleted_at.unwrap();
    assert_eq!(
        store.purge_trash(deleted + (TRASH_DAYS - 1) * day).unwrap(),
        0
    );
    assert_eq!(
        store.purge_trash(deleted + (TRASH_DAYS + 1) * day).unwrap(),
        1
    );
    assert!(store.list_trash().unwrap().is_empty());
    assert!(store.load_draft(&gone.id).is_err());
    assert!(store.load_draft(&keep.id).is_ok());
}

#[test]
fn a_new_draft_takes_the_default_presets() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let agency = AgencyProfile {
        parent: Some("UBND THÀNH PHỐ HÀ NỘI".into()),
        name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
        symbol_suffix: "UBND".into(),
        place: "Bạch Mai".into(),
    };
    store
        .add_preset("Phường Bạch Mai", &Preset::Agency(agency))
        .unwrap();
    let chu_tich = Signer {
        authority: Some(baocao::model::Authority::TM),
        collective: "ỦY BAN NHÂN DÂN".into(),
        titles: vec!["CHỦ TỊCH".into()],
        name: "Nguyễn Thị Thu Hiền".into(),
    };
    let pho = Signer {
        titles: vec!["KT. CHỦ TỊCH".into(), "PHÓ CHỦ TỊCH".into()],
        name: "Trần Văn An".into(),
        ..chu_tich.clone()
    };
    store
        .add_preset("Chủ tịch ký", &Preset::Signer(chu_tich.clone()))
        .unwrap();
    let pho_id = store
        .add_preset("Phó Chủ tịch ký", &Preset::Signer(pho.clone()))
        .unwrap();
    store
        .add_preset(
            "Gửi Thành phố",
            &Preset::Recipients(vec!["UBND thành phố".into(), "TT Đảng ủy phường".into()]),
        )
        .unwrap();
    store
        .add_preset(
            "Lưu VP",
            &Preset::Archive(Archive {
                units: vec!["VP".into()],
                copies: Some(2),
            }),
        )
        .unwrap();
    // Out-of-range settings are brought back into the decree's range.
    let settings = baocao::model::LayoutSettings {
        body_pt: 30.0,
        ..Default::default()
    };
    store
        .add_preset("Cỡ 13", &Preset::Layout(settings))
        .unwrap();
    assert_eq!(
        store.list_presets(Some(PresetKind::Signer)).unwrap().len(),
        2
    );

    let d = store
        .create_draft("Báo cáo tháng 11", "Tháng 11/2026")
        .unwrap();
    let r = store.load_draft(&d.id).unwrap();
    assert_eq!(r.issuer.parent.as_deref(), Some("UBND THÀNH PHỐ HÀ NỘI"));
    assert_eq!(r.issuer.name_lines[1], "PHƯỜNG BẠCH MAI");
    assert_eq!(r.issuer.symbol, "BC-UBND");
    assert_eq!(r.place, "Bạch Mai");
    assert_eq!(r.signer, chu_tich, "the first signer added is the default");
    assert_eq!(r.noi_nhan.recipients.len(), 2);
    assert_eq!(r.noi_nhan.archive.copies, Some(2));
    assert!(r.settings.body_pt <= 14.0);

    store.set_default_preset(pho_id).unwrap();
    let d2 = store.create_draft("Báo cáo tháng 12", "").unwrap();
    assert_eq!(store.load_draft(&d2.id).unwrap().signer, pho);
    // Changing presets later does not touch drafts already made.
    assert_eq!(store.load_draft(&d.id).unwrap().signer, chu_tich);
}

#[test]
fn templates_are_shipped_and_drafts_become_templates() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let templates = store.templates().unwrap();
    let names: Vec<&str> = templates.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Báo cáo 6 tháng",
            "Báo cáo năm",
            "Báo cáo quý",
            "Báo cáo tháng"
        ]
    );
    let six = store.template_report(templates[0].id).unwrap();
    let mut headings = 0;
    let mut hints = 0;
    let mut text = 0;
    six.for_each_section(|s, _| {
        headings += 1;
        hints += usize::from(!s.hint.is_empty());
        text += s.blocks.len();
    });
    assert!(
        headings >= 40,
        "the sample's outline has {headings} headings"
    );
    assert!(hints >= 30);
    assert_eq!(text, 0, "a template carries no body text");

    store
        .add_preset(
            "Phường",
            &Preset::Agency(AgencyProfile {
                name_lines: vec!["ỦY BAN NHÂN DÂN".into(), "PHƯỜNG BẠCH MAI".into()],
                ..AgencyProfile::default()
            }),
        )
        .unwrap();
    let d = store
        .new_from_template(
            templates[0].id,
            "Báo cáo 6 tháng đầu năm 2027",
            "6 tháng đầu năm 2027",
        )
        .unwrap();
    let r = store.load_draft(&d.id).unwrap();
    assert_eq!(r.body, six.body);
    assert_eq!(r.issuer.name_lines[1], "PHƯỜNG BẠCH MAI");

    // Save as template: headings kept, text dropped.
    let sample = common::sample_report();
    let src = store.create_draft_from_report("Mẫu", "", &sample).unwrap();
    let tid = store
        .save_as_template(&src.id, "Mẫu của phường", "")
        .unwrap();
    let t = store.template_report(tid).unwrap();
    assert_eq!(t.body.len(), sample.body.len());
    assert_eq!(
        t.body.last().map(|s| &s.title),
        sample.body.last().map(|s| &s.title)
    );
    assert_eq!(t.body[1].children.len(), sample.body[1].children.len());
    let mut all_empty = true;
    t.for_each_section(|s, _| all_empty &= s.blocks.is_empty());
    assert!(all_empty, "a template keeps headings, not text");
    assert!(!store.templates().unwrap().last().unwrap().builtin);

    // A template the user deleted does not come back at the next start.
    store.delete_template(templates[3].id).unwrap();
    drop(store);
    let store = Store::open(&dir).unwrap();
    assert_eq!(store.templates().unwrap().len(), 4);
}

#[test]
fn the_first_start_seeds_the_sample_draft_once() {
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let seeded = store
        .seed_sample()
        .unwrap()
        .expect("an empty store is seeded");
    assert_eq!(seeded.title, "Báo cáo mẫu");
    assert!(store.seed_sample().unwrap().is_none());
    assert_eq!(store.list_drafts(&Query::default()).unwrap().len(), 1);
}

/// Appendices are stored piece by piece like the body: a report with a table appendix and a
/// sectioned appendix comes back whole, from the draft and from a version kept across a
/// garbage collection.
#[test]
fn appendices_survive_saving_versions_and_garbage_collection() {
    use baocao::model::{Appendix, Block, Run, Section, Table};
    let (_tmp, dir) = common::data_dir();
    let mut store = Store::open(&dir).unwrap();
    let mut r = common::sample_report();
    let cell = |t: &str| vec![Run::plain(t)];
    r.appendices = vec![
        Appendix {
            id: "pl1".into(),
            title: "Bảng số liệu thu ngân sách".into(),
            intro: vec![Block::Table(Table {
                header_rows: 1,
                widths: vec![],
                rows: vec![
                    vec![cell("Chỉ tiêu"), cell("Kết quả")],
                    vec![cell("Thu ngân sách"), cell("1.845 tỷ đồng")],
                ],
                ..Default::default()
            })],
            landscape: true,
            ..Appendix::default()
        },
        Appendix {
            id: "pl2".into(),
            title: "Danh mục nhiệm vụ".into(),
            body: vec![Section {
                id: "pl2-1".into(),
                title: "Nhiệm vụ trọng tâm".into(),
                blocks: vec![Block::Paragraph {
                    runs: vec![Run::plain("Hoàn thành chuyển đổi số.")],
                }],
                children: vec![Section {
                    id: "pl2-1-1".into(),
                    title: "Chi tiết".into(),
                    ..Section::default()
                }],
                ..Section::default()
            }],
            ..Appendix::default()
        },
    ];
    let d = store
        .create_draft_from_report("Báo cáo có phụ lục", "", &r)
        .unwrap();
    let v = store.save_version(&d.id, "Bản có phụ lục").unwrap();
    // Later edits drop the appendices from the draft; the version must keep them.
    let mut later = r.clone();
    later.appendices.clear();
    store.save_draft(&d.id, &later).unwrap();
    store.collect_garbage().unwrap();
    assert_eq!(store.load_draft(&d.id).unwrap(), later);
    assert_eq!(store.load_version(v.id).unwrap(), r);
}
