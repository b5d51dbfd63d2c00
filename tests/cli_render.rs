//! `baocao import` and `baocao render` through the real binary, the way a user runs them, and
//! their output read back with poppler.

#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/sample_words.rs"]
mod sample_words;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use sample_words::{key, sample_words};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
);

fn baocao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .output()
        .expect("the baocao binary runs")
}

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The folder's file names, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("readable folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A failed command: non-zero status, one line of Vietnamese on stderr beginning "Lỗi: ".
fn assert_refused(o: &Output) -> String {
    assert!(!o.status.success(), "should fail: {o:?}");
    let err = stderr(o);
    assert!(err.starts_with("Lỗi: "), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(!err.contains("panicked"), "{err}");
    err
}

#[test]
fn render_writes_an_a4_pdf_with_embedded_subset_fonts_and_vietnamese_lang() {
    let dir = folder("render");
    let pdf = dir.join("bao-cao.pdf");
    let o = baocao(&["render", SAMPLE, "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let info = poppler::pdfinfo(&pdf);
    assert_eq!(info.page_size, "595.28 x 841.89 pts (A4)");
    assert!(info.version_number() >= 1.4);
    assert!(!info.get("Title").is_empty(), "{info:?}");
    let fonts = poppler::pdffonts(&pdf);
    assert!(!fonts.is_empty());
    for f in &fonts {
        assert!(
            f.embedded && f.subset && f.unicode && f.has_subset_tag(),
            "{f:?}"
        );
        assert!(f.base_name().starts_with("LiberationSerif"), "{f:?}");
    }
    let bytes = std::fs::read(&pdf).expect("pdf");
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let lang = doc
        .catalog()
        .ok()
        .and_then(|c| c.get(b"Lang").ok())
        .and_then(|l| l.as_str().ok())
        .map(<[u8]>::to_vec);
    assert_eq!(lang.as_deref(), Some(&b"vi"[..]));
    assert!(bytes.len() <= 160 * 1024, "{} KB", bytes.len() / 1024);
    // Nothing but the PDF: no temporary file left beside it.
    assert_eq!(listing(&dir), vec!["bao-cao.pdf"]);
}

#[test]
fn every_word_of_the_sample_is_in_the_pdf_in_order() {
    let dir = folder("words");
    let pdf = dir.join("s.pdf");
    let o = baocao(&["render", SAMPLE, "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let found: Vec<String> = poppler::words(&poppler::pdftotext(&pdf))
        .iter()
        .map(|w| key(w))
        .collect();
    let expected = sample_words(&std::fs::read_to_string(SAMPLE).expect("sample"));
    assert!(expected.len() > 3000, "{} words", expected.len());
    if let Some((i, w)) = poppler::missing_in_order(&expected, &found) {
        let around = expected[i.saturating_sub(5)..(i + 5).min(expected.len())].join(" ");
        panic!("word {i} “{w}” missing or out of order (near “{around}”)");
    }
}

#[test]
fn svg_pages_match_the_pdf_page_count() {
    let dir = folder("svg");
    let pdf = dir.join("s.pdf");
    let svg = dir.join("trang");
    let o = baocao(&["render", SAMPLE, "-o", s(&pdf), "--svg", s(&svg)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pages = poppler::pdfinfo(&pdf).pages;
    assert!(pages >= 2, "{pages}");
    let files = listing(&svg);
    assert_eq!(files.len(), pages, "{files:?}");
    assert_eq!(files[0], "trang-001.svg");
    let first = std::fs::read_to_string(svg.join("trang-001.svg")).expect("svg");
    assert!(first.contains("width=\"210mm\" height=\"297mm\""));
    assert!(first.contains("CỘNG"), "the national motto is on page 1");
}

#[test]
fn import_then_render_the_report_file() {
    let dir = folder("import");
    let json = dir.join("bao-cao.json");
    let o = baocao(&["import", SAMPLE, "-o", s(&json)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(&json).expect("report file");
    assert!(
        text.contains("\"format\": \"baocao-report\""),
        "{text:.200}"
    );
    assert!(text.contains("Bạch Mai"));
    let pdf = dir.join("bao-cao.pdf");
    let o = baocao(&["render", s(&json), "-o", s(&pdf)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let from_md = dir.join("tu-md.pdf");
    assert!(baocao(&["render", SAMPLE, "-o", s(&from_md)])
        .status
        .success());
    // The same report either way: the same text on the same pages.
    assert_eq!(
        poppler::pdftotext(&pdf),
        poppler::pdftotext(&from_md),
        "render from the report file differs from render of the Markdown"
    );
}

#[test]
fn a_pdf_given_as_input_is_refused_without_output() {
    let dir = folder("pdf-in");
    let input = dir.join("cu.pdf");
    std::fs::write(
        &input,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n\xff\xfe\x00\x01",
    )
    .expect("input");
    let out = dir.join("ra.pdf");
    let err = assert_refused(&baocao(&["render", s(&input), "-o", s(&out)]));
    assert!(!out.exists(), "{err}");
    let json = dir.join("ra.json");
    assert_refused(&baocao(&["import", s(&input), "-o", s(&json)]));
    assert_eq!(listing(&dir), vec!["cu.pdf"]);
}

#[test]
fn random_binary_input_is_refused_without_output() {
    let dir = folder("binary");
    let input = dir.join("du-lieu.md");
    // Bytes of no text encoding (a fixed pseudo-random sequence).
    let mut x: u32 = 2_463_534_242;
    let bytes: Vec<u8> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect();
    std::fs::write(&input, bytes).expect("input");
    let out = dir.join("ra.pdf");
    assert_refused(&baocao(&["render", s(&input), "-o", s(&out)]));
    assert_refused(&baocao(&[
        "import",
        s(&input),
        "-o",
        s(&dir.join("ra.json")),
    ]));
    assert_eq!(listing(&dir), vec!["du-lieu.md"]);
}

#[test]
fn a_broken_report_file_is_refused_without_output() {
    let dir = folder("broken-json");
    let input = dir.join("hong.json");
    std::fs::write(
        &input,
        "{\"format\": \"baocao-report\", \"version\": 1, \"report\": {",
    )
    .expect("input");
    let out = dir.join("ra.pdf");
    assert_refused(&baocao(&["render", s(&input), "-o", s(&out)]));
    assert_eq!(listing(&dir), vec!["hong.json"]);
}

#[test]
fn an_output_in_a_missing_folder_is_refused_clearly() {
    let dir = folder("missing");
    let out = dir.join("khong-co").join("ra.pdf");
    let err = assert_refused(&baocao(&["render", SAMPLE, "-o", s(&out)]));
    assert!(err.contains("khong-co") && err.contains("thư mục"), "{err}");
    assert!(!dir.join("khong-co").exists());
}

#[test]
fn the_input_is_never_overwritten() {
    let dir = folder("same");
    let input = dir.join("bao-cao.md");
    std::fs::copy(SAMPLE, &input).expect("copy");
    let before = std::fs::read(&input).expect("read");
    assert_refused(&baocao(&["render", s(&input), "-o", s(&input)]));
    assert_refused(&baocao(&["import", s(&input), "-o", s(&input)]));
    assert_eq!(std::fs::read(&input).expect("read"), before);
    assert_eq!(listing(&dir), vec!["bao-cao.md"]);
}

#[test]
fn a_failed_render_keeps_the_previous_output_whole() {
    let dir = folder("keep");
    let out = dir.join("ra.pdf");
    std::fs::write(&out, b"previous").expect("previous output");
    let bad = dir.join("rong.bin");
    std::fs::write(&bad, [0u8, 159, 146, 150, 255]).expect("input");
    assert_refused(&baocao(&["render", s(&bad), "-o", s(&out)]));
    assert_eq!(std::fs::read(&out).expect("kept"), b"previous");
    assert_eq!(listing(&dir), vec!["ra.pdf", "rong.bin"]);
}

#[test]
fn missing_arguments_are_explained() {
    let err = assert_refused(&baocao(&["render", SAMPLE]));
    assert!(err.contains("-o"), "{err}");
    let err = assert_refused(&baocao(&["import"]));
    assert!(err.contains("Thiếu"), "{err}");
    let err = assert_refused(&baocao(&["render", "/khong/co/tep.md", "-o", "/tmp/x.pdf"]));
    assert!(err.contains("Không tìm thấy"), "{err}");
}

#[test]
fn render_writes_a_word_file_when_the_output_ends_in_docx() {
    let dir = folder("docx");
    let out = dir.join("Báo cáo 6 tháng.docx");
    let o = baocao(&["render", SAMPLE, "-o", s(&out)]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&out).expect("the .docx");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip, not a PDF");
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).expect("a zip");
    let mut doc = String::new();
    std::io::Read::read_to_string(
        &mut z.by_name("word/document.xml").expect("the document part"),
        &mut doc,
    )
    .expect("UTF-8");
    assert!(doc.contains("Nguyễn Thị Thu Hiền"));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Word"));
    // The extension is read in any case; nothing else is left in the folder.
    let upper = dir.join("HOA.DOCX");
    let o = baocao(&["render", SAMPLE, "-o", s(&upper)]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&upper).expect("written").starts_with(b"PK"));
    assert_eq!(listing(&dir), vec!["Báo cáo 6 tháng.docx", "HOA.DOCX"]);
}

#[test]
fn an_output_format_it_does_not_write_is_refused_with_nothing_written() {
    let dir = folder("format");
    for name in ["ra.doc", "ra.txt", "ra.odt", "ra"] {
        let out = dir.join(name);
        let err = assert_refused(&baocao(&["render", SAMPLE, "-o", s(&out)]));
        assert!(
            err.contains(".pdf") && err.contains(".docx"),
            "{name}: the message names what it writes: {err}"
        );
    }
    assert!(listing(&dir).is_empty(), "{:?}", listing(&dir));
}
