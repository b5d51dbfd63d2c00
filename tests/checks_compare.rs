//! So sánh hai phiên bản: the draft sent to the leader and the one that came back.

#[path = "checks_support.rs"]
mod support;

use baocao::diff::{compare, Change, SpanKind};
use baocao::model::{Block, Run, Section};

#[test]
fn the_leader_s_corrections_are_found_section_by_section() {
    let sent = support::sample();
    let mut back = sent.clone();
    // The leader corrects a percentage, renames a heading, drops a section and adds one.
    let json = baocao::model::file::to_json(&back).replace("bằng 4,1%", "bằng 4,0%");
    back = baocao::model::file::from_json(json.as_bytes()).unwrap();
    back.body[1].children[0].title = "HOẠT ĐỘNG CHỈ ĐẠO, ĐIỀU HÀNH".into();
    let removed = back.body[1].children[0].children.remove(4);
    back.body[1].children[0].children.push(Section {
        id: "moi".into(),
        title: "Công tác chuyển đổi số.".into(),
        blocks: vec![Block::Paragraph {
            runs: vec![Run::plain("Triển khai nền tảng số.")],
        }],
        ..Section::default()
    });

    let diffs = compare(&sent, &back);
    let changed: Vec<_> = diffs.iter().filter(|d| d.change != Change::Same).collect();
    assert_eq!(changed.len(), 4, "{changed:#?}");

    let pct = changed
        .iter()
        .find(|d| {
            d.spans
                .iter()
                .any(|s| s.kind == SpanKind::Insert && s.text.contains("4,0%"))
        })
        .expect("the corrected percentage");
    assert_eq!(pct.change, Change::Changed);
    assert!(pct
        .spans
        .iter()
        .any(|s| s.kind == SpanKind::Delete && s.text.trim() == "4,1%;"));
    // Only the corrected word differs in that section.
    assert_eq!(
        pct.spans
            .iter()
            .filter(|s| s.kind != SpanKind::Equal)
            .count(),
        2
    );

    let renamed = changed
        .iter()
        .find(|d| d.id == back.body[1].children[0].id)
        .unwrap();
    assert_eq!(renamed.change, Change::Changed);
    assert!(renamed
        .spans
        .iter()
        .any(|s| s.kind == SpanKind::Insert && s.text.contains("ĐẠO,")));

    let gone = changed
        .iter()
        .find(|d| d.change == Change::Removed)
        .unwrap();
    assert_eq!(gone.id, removed.id);
    let new = changed.iter().find(|d| d.change == Change::Added).unwrap();
    assert_eq!(new.id, "moi");
    assert!(new.spans[0].text.contains("Triển khai nền tảng số."));

    // Every section of both versions appears once.
    let mut n = 0;
    sent.for_each_section(|_, _| n += 1);
    assert_eq!(
        diffs.len(),
        n + 1 + 3,
        "sections + the added one + header, intro, closing"
    );
}

#[test]
fn sections_are_matched_by_title_when_ids_differ() {
    let a = support::sample();
    let mut b = a.clone();
    fn renumber(ss: &mut [Section]) {
        for s in ss {
            s.id = format!("new-{}", s.id);
            renumber(&mut s.children);
        }
    }
    renumber(&mut b.body);
    assert!(compare(&a, &b).iter().all(|d| d.change == Change::Same));
}
