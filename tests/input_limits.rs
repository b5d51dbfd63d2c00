//! Files too large to be what they claim are refused before they are read, each with its own
//! limit named once (`import::MAX_TEXT_BYTES`, `model::file::MAX_FILE_BYTES`,
//! `store::MAX_IMPORT_BYTES`) and said in the message; a file whose numbers size something
//! absurd goes through the whole way (prepare, layout, PDF) at its normal cost.

use baocao::import::MAX_TEXT_BYTES;

#[test]
fn a_text_over_the_limit_is_refused_with_the_limit_in_the_message() {
    // One long paragraph: cheap to import, so only the limit can refuse it.
    let text = "a".repeat(MAX_TEXT_BYTES + 1);
    for err in [
        baocao::import::import_text(&text).unwrap_err(),
        baocao::import::import_bytes(text.as_bytes()).unwrap_err(),
    ] {
        assert_eq!(err.kind, baocao::ErrorKind::Input);
        assert!(err.message.contains("quá lớn"), "{}", err.message);
        assert!(err.message.contains("5 MB"), "{}", err.message);
    }
}

#[test]
fn report_and_draft_files_over_their_limits_say_their_own_limit() {
    let huge = vec![b' '; baocao::model::file::MAX_FILE_BYTES + 1];
    let err = baocao::model::file::from_json(&huge).unwrap_err();
    assert!(err.message.contains("trên 20 MB"), "{}", err.message);
    let dir = tempfile::tempdir().unwrap();
    let mut store = baocao::store::Store::open(dir.path()).unwrap();
    let huge = vec![b' '; baocao::store::MAX_IMPORT_BYTES + 1];
    let err = store.import_draft(&huge).unwrap_err();
    assert!(err.message.contains("trên 100 MB"), "{}", err.message);
}

#[test]
fn four_billion_decimals_are_laid_out_and_printed_like_three() {
    // A percentage figure in the text with a number format asking for 4,000,000,000 decimals:
    // before the clamp, every open built a 4 GB string.
    let json = r#"{"format":"baocao-report","version":1,"report":{
        "number_format":{"percent_decimals":4000000000,"decimals":4000000000,"money":"mixed",
                         "money_decimals":4000000000},
        "body":[{"id":"s1","title":"Tiếp dân","figures":[
            {"id":"a","label":"Đạt","unit":"%","value":"98.1234567"},
            {"id":"b","label":"Diện tích","unit":"ha","value":"2.123456789"},
            {"id":"c","label":"Thu","unit":"đồng","value":"490512345"}],
          "blocks":[{"type":"paragraph","runs":[
            {"text":"?","figure":{"id":"a","show":"value"}},{"text":" "},
            {"text":"?","figure":{"id":"b","show":"value"}},{"text":" "},
            {"text":"?","figure":{"id":"c","show":"value"}}]}]}]}}"#;
    let mut r = baocao::model::file::from_json(json.as_bytes()).unwrap();
    r.normalize();
    baocao::figures::apply(&mut r);
    let m = baocao::text::Measurer::new(baocao::text::FontSet::get());
    let doc = baocao::layout::layout(&r, &m);
    let text = doc.plain_text();
    assert!(text.contains("98,123%"), "{text}");
    assert!(text.contains("2,1235"), "{text}");
    assert!(text.contains("490,512 triệu đồng"), "{text}");
    let created = chrono::NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap();
    let pdf = baocao::paint::pdf::write_pdf(&doc, baocao::text::FontSet::get(), created).unwrap();
    assert!(pdf.len() < 1_000_000, "{} bytes", pdf.len());
}
