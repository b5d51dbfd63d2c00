//! Files too large to be what they claim are refused before they are read, each with its own
//! limit named once (`import::MAX_TEXT_BYTES`, `model::file::MAX_FILE_BYTES`,
//! `store::MAX_IMPORT_BYTES`) and said in the message; a file whose numbers size something
//! absurd goes through the whole way (prepare, layout, PDF) at its normal cost. A Word file of a
//! few KB whose table claims billions of cells is refused by `baocao render` in Vietnamese, and
//! any file over `import::MAX_FILE_BYTES` is refused before it is read.

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

/// A .docx whose one table has `cols` cells in its first row and `rows` rows of one cell: with
/// empty cells, a few KB that claim `cols × rows` cells, as repeated XML deflates to almost
/// nothing.
fn hostile_docx(cols: usize, rows: usize, cell: &str) -> Vec<u8> {
    use std::io::Write;
    let w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let mut doc =
        format!(r#"<?xml version="1.0"?><w:document xmlns:w="{w}"><w:body><w:tbl><w:tr>"#);
    doc.push_str(&cell.repeat(cols));
    doc.push_str("</w:tr>");
    doc.push_str(&format!("<w:tr>{cell}</w:tr>").repeat(rows));
    doc.push_str("</w:tbl></w:body></w:document>");
    let mut out = Vec::new();
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
    let o = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    z.start_file("[Content_Types].xml", o).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#).unwrap();
    z.start_file("_rels/.rels", o).unwrap();
    z.write_all(br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#).unwrap();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(doc.as_bytes()).unwrap();
    z.finish().unwrap();
    out
}

#[test]
fn a_word_table_of_200000_columns_by_50000_rows_is_refused_by_render() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("bang-gia.docx");
    let bytes = hostile_docx(200_000, 50_000, "<w:tc/>");
    assert!(
        bytes.len() < 16 * 1024,
        "a small file: {} bytes",
        bytes.len()
    );
    std::fs::write(&docx, &bytes).unwrap();
    let pdf = dir.path().join("ra.pdf");
    let started = std::time::Instant::now();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("render")
        .arg(&docx)
        .arg("-o")
        .arg(&pdf)
        .output()
        .unwrap();
    let took = started.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "refused: {err}");
    assert_eq!(
        out.status.code(),
        Some(2),
        "refused as a wrong input (exit 2), not an abort: {err}"
    );
    assert!(
        !err.contains("panicked") && !err.contains("memory allocation"),
        "{err}"
    );
    assert!(
        err.contains("bảng lớn bất thường") && err.contains("Hãy mở tệp bằng Word"),
        "a Vietnamese message that says what to do: {err}"
    );
    assert!(!pdf.exists(), "no PDF written");
    assert!(took.as_secs() < 10, "quickly: {took:?}");
    // A table within the caps still renders.
    let small = dir.path().join("bang-nho.docx");
    std::fs::write(
        &small,
        hostile_docx(9, 60, "<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc>"),
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_baocao"))
        .arg("render")
        .arg(&small)
        .arg("-o")
        .arg(&pdf)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("qua-lon.docx");
    // A sparse file: its size is what the check reads, nothing is written to disk.
    let f = std::fs::File::create(&big).unwrap();
    f.set_len(baocao::import::MAX_FILE_BYTES + 1).unwrap();
    drop(f);
    let err = baocao::import::read_file(&big).unwrap_err();
    assert_eq!(err.kind, baocao::ErrorKind::Input);
    assert!(
        err.message.contains("quá lớn") && err.message.contains("giới hạn 100 MB"),
        "{}",
        err.message
    );
}
