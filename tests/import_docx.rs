//! Word files imported as a user hands them over: made by LibreOffice and python-docx (see
//! `tests/fixtures/docx/make.py`, which made every file read here, and makes the sample again
//! with LibreOffice at test time), checked against what the user will see: the same report and
//! the same pages as the Markdown import, numbers, tables, text boxes, old code pages, an
//! appendix after the signature, and the files that are refused.

#[path = "support/poppler.rs"]
mod poppler;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use baocao::import::{import_file, Imported};
use baocao::layout::layout;
use baocao::model::numbering::outline;
use baocao::model::{Authority, Block, DocDate, Report, Run, Section};
use baocao::text::{FontSet, Measurer};

const SAMPLE_MD: &str =
    include_str!("../assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/docx")
        .join(name)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = fixture_path(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn import(name: &str) -> Imported {
    import_file(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {}", e.message))
}

fn text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

/// Every piece of text of a list of blocks, in order.
fn block_texts(blocks: &[Block], out: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph { runs } => out.push(text(runs)),
            Block::List { items } => out.extend(items.iter().map(|i| text(i))),
            Block::Table(t) => {
                for row in &t.rows {
                    out.extend(row.iter().map(|c| text(c)));
                }
            }
        }
    }
}

fn section_texts(sections: &[Section], out: &mut Vec<String>) {
    for s in sections {
        out.push(s.title.clone());
        block_texts(&s.blocks, out);
        section_texts(&s.children, out);
    }
}

/// Every word of the body (intro, headings, paragraphs, lists, tables), in order.
fn body_words(r: &Report) -> Vec<String> {
    let mut texts = Vec::new();
    block_texts(&r.intro, &mut texts);
    section_texts(&r.body, &mut texts);
    texts
        .iter()
        .flat_map(|t| t.split_whitespace().map(str::to_string))
        .collect()
}

/// (depth, printed number, title) of every section.
fn shape(r: &Report) -> Vec<(usize, String, String)> {
    outline(&r.body, r.parts)
        .into_iter()
        .map(|n| {
            (
                n.depth,
                n.number.unwrap_or_default(),
                n.section.title.clone(),
            )
        })
        .collect()
}

#[test]
fn the_sample_saved_as_docx_imports_as_the_markdown_does() {
    same_as_the_markdown(import("mau-bao-cao.docx"));
}

/// The sample as LibreOffice saves it now, from the sample as it is now (the committed
/// fixture could lag behind an edited sample): made by `make.py --sample-to`, which needs
/// LibreOffice, pandoc and python3-docx (scripts/setup.sh installs them).
#[test]
fn the_sample_saved_by_libreoffice_today_imports_as_the_markdown_does() {
    let Some(python) = word_processors("the sample saved by LibreOffice") else {
        return;
    };
    let dir = folder("libreoffice");
    let o = Command::new(python)
        .arg(fixture_path("make.py"))
        .arg("--sample-to")
        .arg(&dir)
        .output()
        .expect("python3 runs");
    assert!(
        o.status.success(),
        "make.py --sample-to: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let bytes = std::fs::read(dir.join("mau-bao-cao.docx")).expect("LibreOffice wrote the .docx");
    let _ = std::fs::remove_dir_all(&dir);
    same_as_the_markdown(import_file(&bytes).unwrap_or_else(|e| panic!("{}", e.message)));
}

/// The Python that runs `make.py` when LibreOffice, pandoc and python3-docx are all here.
/// Without them the test is skipped on a developer's machine, and fails under CI (`CI` set),
/// where scripts/setup.sh has installed them.
fn word_processors(what: &str) -> Option<&'static str> {
    const PYTHON: &str = "/usr/bin/python3";
    let runs = |cmd: &str, args: &[&str]| {
        Command::new(cmd)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    let missing: Vec<&str> = [
        ("LibreOffice (soffice)", runs("soffice", &["--version"])),
        ("pandoc", runs("pandoc", &["--version"])),
        ("python3-docx", runs(PYTHON, &["-c", "import docx"])),
    ]
    .into_iter()
    .filter(|(_, ok)| !ok)
    .map(|(name, _)| name)
    .collect();
    if missing.is_empty() {
        return Some(PYTHON);
    }
    let msg = format!(
        "{what}: thiếu {} (chạy scripts/setup.sh)",
        missing.join(", ")
    );
    if std::env::var_os("CI").is_some() {
        panic!("{msg}");
    }
    eprintln!("BỎ QUA {msg}");
    None
}

/// Asserts that `imported` is the report the Markdown import of the sample gives: header,
/// outline, closing, every word, every style, and so the very same pages.
fn same_as_the_markdown(imported: Imported) {
    let md = baocao::import::import_text(SAMPLE_MD).unwrap();
    let Imported {
        report: docx,
        summary,
    } = imported;
    // The header, from its borderless table.
    assert_eq!(docx.issuer, md.issuer);
    assert_eq!(
        docx.issuer.name_lines,
        ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]
    );
    assert_eq!((docx.number, &docx.place), (md.number, &md.place));
    assert_eq!(docx.date, md.date);
    assert_eq!(docx.doc_type, md.doc_type);
    assert_eq!(docx.trich_yeu, md.trich_yeu);
    assert_eq!(docx.kinh_gui, md.kinh_gui);
    // The outline, the closing and every word.
    assert_eq!(shape(&docx), shape(&md));
    assert!(shape(&md).len() > 30);
    assert_eq!(docx.closing, md.closing);
    assert_eq!(docx.noi_nhan, md.noi_nhan);
    assert_eq!(docx.signer, md.signer);
    assert_eq!(docx.signer.authority, Some(Authority::TM));
    let (dw, mw) = (body_words(&docx), body_words(&md));
    if let Some(i) = (0..dw.len().min(mw.len())).find(|&i| dw[i] != mw[i]) {
        panic!(
            "word {i}: .docx “{}” / Markdown “{}” (near “{}”)",
            dw[i],
            mw[i],
            mw[i.saturating_sub(6)..(i + 6).min(mw.len())].join(" ")
        );
    }
    assert_eq!(dw.len(), mw.len());
    // Bold, italics and superscripts too: the whole report is the same, so it lays out the same.
    same_report(&docx, &md);
    let m = Measurer::new(FontSet::get());
    let (pages, want) = (layout(&docx, &m), layout(&md, &m));
    assert!(pages.pages.len() > 10, "{} pages", pages.pages.len());
    assert!(pages == want, "the two imports lay out differently");
    assert!(summary.header && summary.signer && summary.noi_nhan);
    assert_eq!(summary.sections, shape(&md).len());
    assert!(summary.conversions.is_empty());
}

/// Panics at the first line where the two reports' files differ, with the lines around it.
fn same_report(got: &Report, want: &Report) {
    let (a, b) = (
        baocao::model::file::to_json(got),
        baocao::model::file::to_json(want),
    );
    let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
    if let Some(i) = (0..a.len().max(b.len())).find(|&i| a.get(i) != b.get(i)) {
        let around = |v: &[&str]| v[i.saturating_sub(8)..(i + 3).min(v.len())].join("\n");
        panic!(
            "the reports differ at line {i}:\n--- .docx\n{}\n--- Markdown\n{}",
            around(&a),
            around(&b)
        );
    }
}

#[test]
fn automatic_numbering_gives_the_outline_and_bullets_a_list() {
    let Imported { report: r, .. } = import("danh-so-tu-dong.docx");
    let want: Vec<(usize, String, String)> = [
        (0, "I.", "KẾT QUẢ THỰC HIỆN"),
        (1, "1.", "Công tác tài chính"),
        (2, "1.1.", "Thu ngân sách"),
        (3, "a)", "Thu thuế"),
        (3, "b)", "Thu phí"),
        (1, "2.", "Các khoản thu khác gồm:"),
        (0, "II.", "NHIỆM VỤ"),
        (1, "1.", "Công tác cải cách hành chính"),
    ]
    .iter()
    .map(|(d, n, t)| (*d, n.to_string(), t.to_string()))
    .collect();
    assert_eq!(shape(&r), want);
    let mut intro = Vec::new();
    block_texts(&r.intro, &mut intro);
    assert_eq!(intro, ["Mở đầu báo cáo, không đánh số."]);
    let other = &r.body[0].children[1];
    assert_eq!(
        other.blocks,
        vec![Block::List {
            items: vec![
                vec![Run::plain("tiền thuê đất;")],
                vec![Run::plain("tiền phạt vi phạm hành chính.")]
            ]
        }]
    );
    // The table under II.1 keeps its grid: a cell merged across, one merged down.
    let Some(Block::Table(t)) = r.body[1].children[0].blocks.last() else {
        panic!("{:?}", r.body[1]);
    };
    let cells: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|row| row.iter().map(|c| text(c)).collect())
        .collect();
    assert_eq!(
        cells,
        [
            ["Chỉ tiêu", "", "Kết quả"],
            ["Thu", "Thuế", "101%"],
            ["", "Phí", "98%"]
        ]
    );
    assert_eq!(t.widths.len(), 3);
}

#[test]
fn a_header_drawn_in_text_boxes_is_read_once() {
    let Imported { report: r, summary } = import("hop-van-ban.docx");
    assert_eq!(r.issuer.name_lines, ["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]);
    assert_eq!(r.issuer.parent, None);
    assert_eq!((r.number, r.issuer.symbol.as_str()), (Some(12), "BC-UBND"));
    assert_eq!(r.place, "Bạch Mai");
    assert_eq!(r.date, DocDate::from_ymd(2026, 7, 5));
    assert_eq!(r.doc_type, "BÁO CÁO");
    assert_eq!(r.trich_yeu, "Kết quả công tác tháng 6 năm 2026");
    assert_eq!(shape(&r), [(0, "I.".into(), "KẾT QUẢ".into())]);
    // LibreOffice wrote each box twice (DrawingML and VML): nothing of them is in the body.
    let json = baocao::model::file::to_json(&r);
    assert_eq!(json.matches("PHƯỜNG BẠCH MAI").count(), 1, "{json}");
    assert!(summary.header);
}

#[test]
fn an_appendix_after_the_signature_stays_an_appendix() {
    let Imported { report: r, summary } = import("phu-luc.docx");
    assert_eq!(r.issuer.name_lines, ["ỦY BAN NHÂN DÂN", "XÃ TÂN LẬP"]);
    assert_eq!(
        shape(&r),
        [
            (0, "I.".into(), "TÌNH HÌNH THU NGÂN SÁCH".into()),
            (0, "II.".into(), "TÌNH HÌNH CHI NGÂN SÁCH".into())
        ]
    );
    assert_eq!(r.closing, "Ủy ban nhân dân xã trân trọng báo cáo./.");
    assert_eq!(r.noi_nhan.recipients, ["UBND tỉnh", "Phòng Tài chính"]);
    assert_eq!(r.noi_nhan.archive.units, ["KT"]);
    assert_eq!(r.signer.authority, Some(Authority::TM));
    assert_eq!(r.signer.titles, ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
    assert_eq!(r.signer.name, "Lê Văn Cường");
    assert_eq!(r.appendices.len(), 1);
    let a = &r.appendices[0];
    assert_eq!(a.title, "KẾT QUẢ THU NGÂN SÁCH 6 THÁNG ĐẦU NĂM 2026");
    let Some(Block::Table(t)) = a.intro.first() else {
        panic!("{a:?}");
    };
    assert_eq!((t.rows.len(), t.rows[0].len(), t.header_rows), (4, 8, 1));
    assert_eq!(text(&t.rows[3][7]), "Tiền thuê đất");
    assert!(a.landscape, "eight columns do not fit a portrait page");
    let mut rest = Vec::new();
    block_texts(&a.intro[1..], &mut rest);
    assert_eq!(rest, ["Đơn vị tính: triệu đồng"]);
    assert_eq!((summary.appendices, summary.tables), (1, 1));
}

#[test]
fn tcvn3_and_vni_runs_become_unicode() {
    let Imported { report: r, summary } = import("tcvn3-vni.docx");
    let mut texts = Vec::new();
    block_texts(&r.intro, &mut texts);
    assert_eq!(
        texts,
        [
            "ỦY BAN NHÂN DÂN",
            "PHƯỜNG BẠCH MAI",
            "Báo cáo tình hình kinh tế - xã hội, quốc phòng - an ninh năm 2026",
            "Thu ngân sách đạt một trăm lẻ một phần trăm dự toán.",
            "Ủy ban nhân dân phường Bạch Mai báo cáo tình hình kinh tế xã hội.",
            "Văn bản này gõ bằng Unicode trong kiểu chữ .VnTime của mẫu cũ.",
        ]
    );
    // Styles stay on the words they were on.
    let Block::Paragraph { runs } = &r.intro[3] else {
        panic!()
    };
    assert_eq!(
        runs.iter()
            .filter(|r| r.bold)
            .map(|r| r.text.as_str())
            .collect::<String>(),
        "một trăm lẻ một phần trăm"
    );
    assert_eq!(
        summary.conversions,
        [
            "Đã chuyển từ bảng mã TCVN3 – hãy soát lại chữ in hoa",
            "Đã chuyển từ bảng mã VNI – hãy soát lại chữ in hoa"
        ]
    );
}

#[test]
fn old_word_encrypted_and_foreign_files_are_refused_with_what_to_do() {
    let cases: [(&str, Vec<u8>, &str); 3] = [
        (
            ".doc",
            fixture("bao-cao-cu.doc"),
            "Lưu thành → Word Document (.docx)",
        ),
        ("encrypted", fixture("co-mat-khau.docx"), "mật khẩu"),
        ("zip bomb", zip_bomb(), "lớn bất thường"),
    ];
    for (what, bytes, want) in cases {
        let e = import_file(&bytes).expect_err(what);
        assert!(e.message.contains(want), "{what}: {}", e.message);
        assert!(
            e.message.contains("Hãy") || e.message.contains("Mở tệp"),
            "{}",
            e.message
        );
    }
}

/// A `.docx` whose document part inflates to 200 MB from a few hundred kilobytes.
pub fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let good = fixture("hop-van-ban.docx");
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(&good)).unwrap();
    let mut out = Vec::new();
    {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..src.len() {
            let f = src.by_index(i).unwrap();
            let name = f.name().to_string();
            if name == "word/document.xml" {
                w.start_file(name, opts).unwrap();
                let chunk = vec![b' '; 1 << 20];
                for _ in 0..200 {
                    w.write_all(&chunk).unwrap();
                }
            } else {
                w.raw_copy_file(f).unwrap();
            }
        }
        w.finish().unwrap();
    }
    assert!(out.len() < 2 << 20, "{} bytes", out.len());
    out
}

// ---------------------------------------------------------------------------------------------
// Through the `baocao` binary, as a user runs it.

fn baocao(args: &[&str], data: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_baocao"))
        .args(args)
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .env("BAOCAO_DATA_DIR", data)
        .output()
        .expect("the baocao binary runs")
}

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("baocao-docx-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A word as compared with the PDF's: trailing punctuation aside (the layout writes the archive
/// line the decree's way), heading numbers left out (the layout derives its own).
fn key(w: &str) -> Option<String> {
    let k = baocao::text::nfc(w.trim_end_matches(['.', ',', ';', ':', '/']));
    let heading_number = match w.strip_suffix('.') {
        Some(stem) => {
            (!stem.is_empty() && stem.chars().all(|c| "IVXLC".contains(c)))
                || stem
                    .split('.')
                    .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        }
        // "a)", and "5.3" typed without its final dot.
        None => {
            (w.chars().count() == 2 && w.ends_with(')'))
                || (w.contains('.')
                    && w.split('.').all(|p| {
                        !p.is_empty() && p.len() <= 2 && p.chars().all(|c| c.is_ascii_digit())
                    }))
        }
    };
    (!k.is_empty() && k != "-" && !heading_number).then_some(k)
}

/// The words of a .docx's document part, read straight from its XML (not through the
/// importer), from the title "BÁO CÁO" on: the header table's two columns may be read in
/// either order from the PDF.
fn docx_words(bytes: &[u8]) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let mut text = String::new();
    let mut rest = xml.as_str();
    while let Some(lt) = rest.find('<') {
        let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g);
        let tag = &rest[lt + 1..gt];
        let name = tag.split([' ', '/']).next().unwrap_or("");
        if name == "w:t" && !tag.ends_with('/') {
            let end = rest[gt..].find("</w:t>").map_or(rest.len(), |e| gt + e);
            text.push_str(&rest[gt + 1..end]);
            rest = &rest[end..];
            continue;
        }
        if matches!(name, "w:p" | "w:br" | "w:tab" | "w:tc") {
            text.push(' ');
        }
        rest = &rest[gt + 1..];
    }
    let text = text.replace("&amp;", "&").replace("&quot;", "\"");
    let start = text.find("BÁO CÁO").expect("the title");
    text[start..].split_whitespace().filter_map(key).collect()
}

#[test]
fn render_of_the_docx_prints_every_word_as_the_markdown_render_does() {
    let dir = folder("render");
    let data = dir.join("du-lieu");
    let json = dir.join("bao-cao.json");
    let docx = fixture_path("mau-bao-cao.docx");
    let o = baocao(&["import", s(&docx), "-o", s(&json)], &data);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("Đã nhận ra: phần đầu văn bản"), "{out}");
    assert!(out.contains("người ký"), "{out}");

    let pdf = dir.join("tu-word.pdf");
    let o = baocao(&["render", s(&docx), "-o", s(&pdf)], &data);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md");
    let from_md = dir.join("tu-md.pdf");
    assert!(baocao(&["render", s(&md), "-o", s(&from_md)], &data)
        .status
        .success());
    let text = poppler::pdftotext(&pdf);
    assert_eq!(text, poppler::pdftotext(&from_md), "the two renders differ");

    let found: Vec<String> = poppler::words(&text)
        .iter()
        .filter_map(|w| key(w))
        .collect();
    let expected = docx_words(&fixture("mau-bao-cao.docx"));
    assert!(expected.len() > 3000, "{} words", expected.len());
    if let Some((i, w)) = poppler::missing_in_order(&expected, &found) {
        let around = expected[i.saturating_sub(5)..(i + 5).min(expected.len())].join(" ");
        panic!("word {i} “{w}” missing or out of order (near “{around}”)");
    }
}

#[test]
fn refused_files_leave_nothing_written() {
    let dir = folder("refused");
    let data = dir.join("du-lieu");
    let bomb = dir.join("bom.docx");
    std::fs::write(&bomb, zip_bomb()).unwrap();
    let cases = [
        (fixture_path("bao-cao-cu.doc"), ".doc"),
        (fixture_path("co-mat-khau.docx"), "mật khẩu"),
        (bomb.clone(), "lớn bất thường"),
    ];
    for (file, want) in &cases {
        let json = dir.join("ra.json");
        let o = baocao(&["import", s(file), "-o", s(&json)], &data);
        assert_eq!(o.status.code(), Some(2), "{o:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.starts_with("Lỗi: ") && err.contains(want), "{err}");
        assert_eq!(err.trim_end().lines().count(), 1, "{err}");
        assert!(!json.exists());
        let o = baocao(&["drafts", "import", s(file)], &data);
        assert_eq!(o.status.code(), Some(2), "{o:?}");
    }
    assert_eq!(listing(&dir), ["bom.docx", "du-lieu"]);
    let o = baocao(&["drafts", "list"], &data);
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), "", "no draft was made");
}

/// The words of every page of `r`'s layout, one string per page.
fn page_words(r: &Report) -> Vec<String> {
    layout(r, &Measurer::new(FontSet::get()))
        .pages
        .iter()
        .map(|p| {
            p.texts()
                .iter()
                .map(|t| t.text.trim())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[test]
fn the_appendix_names_the_agency_as_the_header_does_whatever_its_capitals() {
    // The header in a borderless table: "ỦY BAN NHÂN DÂN" upright over a bold
    // "PHƯỜNG KINH BẮC"; the appendix's own line says "của Phường kinh bắc".
    let Imported { report: r, .. } = import("kinh-bac.docx");
    assert_eq!(r.appendices.len(), 1);
    let pages = page_words(&r);
    let annex = pages
        .iter()
        .find(|p| p.contains("(Kèm theo"))
        .unwrap_or_else(|| panic!("no (Kèm theo …) line: {pages:?}"));
    assert!(
        annex.contains("215/BC-UBND") && annex.contains("của Ủy ban nhân dân phường Kinh Bắc)"),
        "{annex}"
    );
    assert!(!annex.contains("kinh bắc"), "{annex}");
}
