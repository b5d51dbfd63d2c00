//! Review items of a draft rolled forward to the next period: kept across a reopen of the store,
//! removed one by one ("Đã xem"), gone with their draft.

mod common;

use baocao::period::{self, Period, PeriodKind};
use baocao::store::Store;

#[test]
fn review_items_survive_a_reopen_and_go_one_by_one() {
    let (_tmp, dir) = common::data_dir();
    let sample = common::sample_report();
    let (next, findings) = period::roll_forward(&sample, Period::new(PeriodKind::Year, 2026));
    assert!(!findings.is_empty(), "the sample has dates to review");
    let id = {
        let mut store = Store::open(&dir).unwrap();
        let d = store
            .create_draft_from_report("Báo cáo năm 2026", "", &next)
            .unwrap();
        store.add_review_items(&d.id, &findings).unwrap();
        d.id
    };
    // The next day: the items are still there, in order, as they were.
    let mut store = Store::open(&dir).unwrap();
    let items = store.review_items(&id).unwrap();
    assert_eq!(
        items.iter().map(|i| i.finding.clone()).collect::<Vec<_>>(),
        findings
    );
    // "Đã xem" removes exactly that one; twice is harmless.
    store.dismiss_review_item(&id, items[0].id).unwrap();
    store.dismiss_review_item(&id, items[0].id).unwrap();
    let left = store.review_items(&id).unwrap();
    assert_eq!(left.len(), items.len() - 1);
    assert_eq!(left[0], items[1]);
    // Another draft has none; an unknown draft is a clear error.
    let other = store.create_draft_from_report("Khác", "", &sample).unwrap();
    assert!(store.review_items(&other.id).unwrap().is_empty());
    let err = store.add_review_items("khong-co", &findings).unwrap_err();
    assert!(err.message.contains("Không có bản nháp"), "{}", err.message);
    // "Đã xem tất cả" empties the list of that draft only.
    store.add_review_items(&other.id, &findings[..2]).unwrap();
    assert_eq!(store.clear_review_items(&id).unwrap(), left.len());
    assert!(store.review_items(&id).unwrap().is_empty());
    assert_eq!(store.review_items(&other.id).unwrap().len(), 2);
    // Deleted for good with its draft.
    store.trash(&id).unwrap();
    store.delete_forever(&id).unwrap();
    assert!(store.review_items(&id).unwrap().is_empty());
}
