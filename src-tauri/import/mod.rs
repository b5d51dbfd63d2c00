//! Import of an existing report: a Word file (`.docx`), Markdown from converters, or plain text
//! pasted from Word.
//!
//! Office workers start from last period's report. The importer turns it into the model, reading
//! structure from what the text says rather than from how it was marked up:
//!
//! - [`decode`]: bytes → text (UTF-8, UTF-16), clear refusals for PDF, old Word, binary files;
//! - [`docx`]: a Word package → the same groups the text reader makes (styles, numbering,
//!   tables, text boxes resolved);
//! - [`legacy`]: text typed in the old TCVN3/VNI code pages, converted;
//! - [`html`]: what Word puts on the clipboard, for a paste that keeps its styles;
//! - [`blocks`]: text → paragraphs, list items and tables with inline styles; paragraphs cut at a
//!   page end are rejoined;
//! - [`numbering`]: the numbering words headings start with;
//! - [`header`]: agency, Quốc hiệu, "Số", place and date, document type, trích yếu, Kính gửi;
//! - [`closing`]: closing sentence, Nơi nhận with the archive line, signer;
//! - [`outline`]: the body, nested by the headings' own numbering words;
//! - [`appendix`]: the appendices after the signature, read on their own.
//!
//! Nothing is dropped: a line the importer cannot place stays in the body as a paragraph. The only
//! text not carried over is what the layout prints by itself: the Quốc hiệu and Tiêu ngữ, the typed
//! heading numbers (derived from the outline instead), "VT" and "Như trên" in the Nơi nhận list
//! (printed by the decree's rule), and a final full stop of the trích yếu.

mod appendix;
mod blocks;
mod closing;
mod decode;
mod docx;
mod header;
mod html;
mod legacy;
mod numbering;
mod outline;
#[cfg(test)]
mod testing;

use crate::error::{Error, Result};
use crate::model::{Block, Report, Section};
use crate::text::nfc;

/// Larger texts are refused before they are read: the sample report of 19 pages is 65 KB, so this
/// is well over a thousand pages, and a file this big is a wrong pick (a log, a data dump) whose
/// import would only keep the app busy. Report files (`model::file::MAX_FILE_BYTES`) and draft
/// files (`store::MAX_IMPORT_BYTES`) have their own limits.
pub const MAX_TEXT_BYTES: usize = 5 * 1024 * 1024;

fn too_large() -> Error {
    Error::input(format!(
        "Văn bản quá lớn để nhập thành một báo cáo (trên {} MB, trong khi một báo cáo 20 trang chỉ khoảng 70 KB). Hãy kiểm tra đã chọn đúng tệp, hoặc chia văn bản thành nhiều báo cáo.",
        MAX_TEXT_BYTES >> 20
    ))
}

/// Files opened for import or rendering (Word documents with their pictures, report files,
/// texts) larger than this are refused before they are read whole: a report's .docx with photos
/// is a few MB, and a file this size would only fill memory.
pub const MAX_FILE_BYTES: u64 = 100 * 1024 * 1024;

/// Reads the file at `path` whole, after checking its size against [`MAX_FILE_BYTES`].
pub fn read_file(path: &std::path::Path) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::from_io("đọc", path, &e))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(Error::input(format!(
            "Tệp “{}” quá lớn ({} MB, giới hạn {} MB) nên không mở được; một báo cáo, kể cả có ảnh, chỉ vài MB. Hãy kiểm tra đã chọn đúng tệp; nếu là tệp Word có nhiều ảnh lớn, hãy nén ảnh trong Word (Định dạng ảnh → Nén ảnh) rồi lưu lại.",
            path.display(),
            len >> 20,
            MAX_FILE_BYTES >> 20
        )));
    }
    std::fs::read(path).map_err(|e| Error::from_io("đọc", path, &e))
}

/// A report read from a file, with what the importer recognised in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub report: Report,
    pub summary: Summary,
}

/// What an import recognised, for the short summary shown afterwards.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The header was found (agency, number, date, document type or trích yếu).
    pub header: bool,
    /// Sections of the body, all levels.
    pub sections: usize,
    pub tables: usize,
    pub signer: bool,
    pub noi_nhan: bool,
    pub appendices: usize,
    /// Lines of the closing region that are none of its parts, kept as body text.
    pub kept_as_text: usize,
    /// "Đã chuyển từ bảng mã TCVN3 – hãy soát lại chữ in hoa", one per code page converted.
    pub conversions: Vec<String>,
}

impl Summary {
    /// The summary in a few Vietnamese lines.
    pub fn lines(&self) -> Vec<String> {
        let mut found: Vec<String> = Vec::new();
        if self.header {
            found.push("phần đầu văn bản".to_string());
        }
        found.push(format!("{} đề mục", self.sections));
        if self.tables > 0 {
            found.push(format!("{} bảng", self.tables));
        }
        if self.noi_nhan {
            found.push("nơi nhận".to_string());
        }
        if self.signer {
            found.push("người ký".to_string());
        }
        if self.appendices > 0 {
            found.push(format!("{} phụ lục", self.appendices));
        }
        let mut out = vec![format!("Đã nhận ra: {}.", found.join(", "))];
        let mut missing: Vec<&str> = Vec::new();
        if !self.header {
            missing.push("phần đầu văn bản");
        }
        if !self.signer {
            missing.push("người ký");
        }
        if !missing.is_empty() {
            out.push(format!(
                "Chưa nhận ra {}: hãy điền trong biểu mẫu.",
                missing.join(", ")
            ));
        }
        if self.kept_as_text > 0 {
            out.push(format!(
                "{} dòng ở cuối văn bản được giữ làm đoạn văn thường: hãy xem lại.",
                self.kept_as_text
            ));
        }
        out.extend(self.conversions.iter().map(|c| format!("{c}.")));
        out
    }
}

/// Imports a report from the bytes of a text or Markdown file (UTF-8 with or without BOM, or
/// UTF-16 with BOM) or a Word file (`.docx`, `.docm`, `.dotx`). Refuses PDF, old Word (`.doc`),
/// encrypted, binary and empty files, and texts over [`MAX_TEXT_BYTES`], with a message that says
/// what to do.
pub fn import_bytes(bytes: &[u8]) -> Result<Report> {
    import_file(bytes).map(|i| i.report)
}

/// [`import_bytes`] with the summary of what was recognised.
pub fn import_file(bytes: &[u8]) -> Result<Imported> {
    if crate::docx::read::is_zip(bytes) {
        return import_docx(bytes);
    }
    if bytes.len() > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let text = decode::decode(bytes)?;
    import_text_detailed(&text)
}

/// Imports a Word document.
pub fn import_docx(bytes: &[u8]) -> Result<Imported> {
    let d = docx::read(bytes)?;
    let groups: Vec<blocks::Group> = d
        .groups
        .into_iter()
        .map(|mut g| {
            for r in &mut g.runs {
                r.text = clean(&nfc(&r.text));
            }
            if let blocks::Kind::Table { rows, .. } = &mut g.kind {
                for cell in rows.iter_mut().flatten() {
                    for r in cell {
                        r.text = clean(&nfc(&r.text));
                    }
                }
            }
            g
        })
        .collect();
    let full_text = groups
        .iter()
        .map(blocks::Group::plain)
        .collect::<Vec<_>>()
        .join("\n");
    if full_text.trim().is_empty() {
        return Err(Error::input(
            "Tệp Word không có chữ nào để nhập. Hãy kiểm tra lại tệp (báo cáo có thể nằm trong ảnh chụp, cần gõ lại).",
        ));
    }
    let groups = blocks::rejoin_split_paragraphs(groups, true);
    Ok(from_groups(&groups, &full_text, true, d.legacy))
}

/// Imports a report from text or Markdown (at most [`MAX_TEXT_BYTES`]). Anything that cannot be
/// placed is kept as body text.
pub fn import_text(text: &str) -> Result<Report> {
    import_text_detailed(text).map(|i| i.report)
}

/// [`import_text`] with the summary of what was recognised.
pub fn import_text_detailed(text: &str) -> Result<Imported> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let mut legacy = legacy::Legacy::default();
    let text = legacy.text_lines(text);
    let text = clean(&nfc(&text));
    if text.trim().is_empty() {
        return Err(Error::input(
            "Không có nội dung để nhập. Hãy dán hoặc chọn văn bản báo cáo có nội dung.",
        ));
    }
    let markdown = blocks::is_markdown(&text);
    let groups = blocks::rejoin_split_paragraphs(blocks::groups(&text, markdown), markdown);
    Ok(from_groups(&groups, &text, markdown, legacy))
}

/// What a paste into a paragraph box becomes.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Pasted {
    /// Paragraphs and lists; a table's rows come as paragraphs, a box holds no tables.
    pub blocks: Vec<Block>,
    /// One notice per old code page converted.
    pub conversions: Vec<String>,
}

/// The HTML Word (or a browser) put on the clipboard, as blocks with their bold, italics and
/// superscripts, one paragraph per paragraph; old code pages converted.
pub fn paste_html(html: &str) -> Pasted {
    let (groups, legacy) = html::read(html);
    let mut blocks: Vec<Block> = Vec::new();
    let push_para = |blocks: &mut Vec<Block>, runs: Vec<crate::model::Run>| {
        let runs = blocks::paragraph_runs(&runs);
        if !runs.is_empty() {
            blocks.push(Block::Paragraph { runs });
        }
    };
    for g in groups {
        let g = blocks::Group {
            runs: g
                .runs
                .into_iter()
                .map(|mut r| {
                    r.text = clean(&nfc(&r.text));
                    r
                })
                .collect(),
            ..g
        };
        match g.kind {
            blocks::Kind::Para => push_para(&mut blocks, g.runs),
            blocks::Kind::Item => {
                let runs = blocks::paragraph_runs(&g.runs);
                if runs.is_empty() {
                    continue;
                }
                match blocks.last_mut() {
                    Some(Block::List { items }) => items.push(runs),
                    _ => blocks.push(Block::List { items: vec![runs] }),
                }
            }
            blocks::Kind::Table { rows, .. } => {
                for row in rows {
                    let mut runs: Vec<crate::model::Run> = Vec::new();
                    for cell in row
                        .into_iter()
                        .filter(|c| !blocks::runs_text(c).trim().is_empty())
                    {
                        if !runs.is_empty() {
                            runs.push(crate::model::Run::plain(" – "));
                        }
                        runs.extend(cell.into_iter().map(|mut r| {
                            r.text = clean(&nfc(&r.text));
                            r
                        }));
                    }
                    push_para(&mut blocks, runs);
                }
            }
        }
    }
    Pasted {
        blocks,
        conversions: legacy.notices(),
    }
}

/// Plain text pasted, converted where it was typed in an old code page: one paragraph a line.
/// `None` when nothing was converted (the window then lets the paste happen as usual).
pub fn paste_text(text: &str) -> Option<Pasted> {
    let mut legacy = legacy::Legacy::default();
    let converted = legacy.text_lines(&text.replace("\r\n", "\n"));
    if legacy.converted.is_empty() {
        return None;
    }
    let blocks = clean(&nfc(&converted))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Paragraph {
            runs: vec![crate::model::Run::plain(l)],
        })
        .collect();
    Some(Pasted {
        blocks,
        conversions: legacy.notices(),
    })
}

/// The report from the groups of any source. `marked`: the source marks headings and styles
/// (Markdown, Word), so a heading must be marked to count as one.
fn from_groups(
    groups: &[blocks::Group],
    full_text: &str,
    marked: bool,
    legacy: legacy::Legacy,
) -> Imported {
    let mut report = Report::default();
    let used = header::parse(groups, full_text, &mut report);
    let mut rest = &groups[used..];
    if let Some(a) = appendix::start(rest) {
        report.appendices = appendix::read(&rest[a..], marked);
        rest = &rest[..a];
    }
    let closing = closing::parse(rest);

    let mut body: Vec<blocks::Group> = rest[..closing.body_end].to_vec();
    let kept_as_text = closing.leftovers.len();
    body.extend(closing.leftovers);
    let outline = outline::build(&body, marked);
    report.intro = outline.intro;
    report.body = outline.body;
    report.parts = outline.parts;

    report.closing = closing.sentence;
    report.noi_nhan.recipients = closing.recipients;
    if closing.nhu_tren && !report.prints_nhu_tren() {
        // The layout prints "Như trên" itself when Kính gửi is set; otherwise it stays as the
        // user wrote it.
        report.noi_nhan.recipients.insert(0, "Như trên".to_string());
    }
    let noi_nhan = closing.archive.is_some() || !report.noi_nhan.recipients.is_empty();
    if let Some(a) = closing.archive {
        report.noi_nhan.archive = a;
    }
    let signer = closing.signer.is_some();
    if let Some(s) = closing.signer {
        report.signer = s;
    }
    let mut n = 0;
    assign_ids(&mut report.body, &mut n);
    for a in &mut report.appendices {
        assign_ids(&mut a.body, &mut n);
    }
    let summary = Summary {
        header: used > 0,
        sections: count_sections(&report.body),
        tables: count_tables(&report),
        signer,
        noi_nhan,
        appendices: report.appendices.len(),
        kept_as_text,
        conversions: legacy.notices(),
    };
    Imported { report, summary }
}

fn count_sections(sections: &[Section]) -> usize {
    sections
        .iter()
        .map(|s| 1 + count_sections(&s.children))
        .sum()
}

fn count_tables(report: &Report) -> usize {
    fn in_blocks(b: &[Block]) -> usize {
        b.iter().filter(|b| matches!(b, Block::Table(_))).count()
    }
    fn in_sections(s: &[Section]) -> usize {
        s.iter()
            .map(|s| in_blocks(&s.blocks) + in_sections(&s.children))
            .sum()
    }
    in_blocks(&report.intro)
        + in_sections(&report.body)
        + report
            .appendices
            .iter()
            .map(|a| in_blocks(&a.intro) + in_sections(&a.body))
            .sum::<usize>()
}

/// One newline convention, no zero-width characters, non-breaking spaces as spaces.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}'))
        .map(|c| if c == '\u{00A0}' { ' ' } else { c })
        .collect()
}

/// "s1", "s2", … in reading order.
fn assign_ids(sections: &mut [Section], n: &mut usize) {
    for s in sections {
        *n += 1;
        s.id = format!("s{n}");
        assign_ids(&mut s.children, n);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Archive, Authority, Block, DocDate, Label, Run};

    /// A report copied out of Word as plain text: the two header tables and the closing table come
    /// out as tab-separated rows.
    const FROM_WORD: &str = "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\r\n\
PHƯỜNG BẠCH MAI\tĐộc lập - Tự do - Hạnh phúc\r\n\
Số: 05/BC-UBND\tBạch Mai, ngày 05 tháng 01 năm 2026\r\n\
BÁO CÁO\r\n\
Kết quả công tác tháng 12 năm 2025\r\n\
Kính gửi: Ủy ban nhân dân Thành phố Hà Nội.\r\n\
\tThực hiện chỉ đạo của Thành phố, UBND phường báo cáo như sau:\r\n\
I. KẾT QUẢ\r\n\
1. Thu ngân sách\r\n\
a) Thu thuế: đạt 101% dự toán.\r\n\
II. NHIỆM VỤ\r\n\
Tiếp tục thu.\r\n\
Ủy ban nhân dân phường trân trọng báo cáo./.\r\n\
Nơi nhận:\tTM. ỦY BAN NHÂN DÂN\r\n\
- Như trên;\tKT. CHỦ TỊCH\r\n\
- Lưu: VT, VP (02).\tPHÓ CHỦ TỊCH\r\n\
\t(Đã ký)\r\n\
\tTrần Văn Bình\r\n";

    /// The same report as a converter writes it with its tables kept.
    const WITH_TABLES: &str = "| **ỦY BAN NHÂN DÂN**<br>**PHƯỜNG BẠCH MAI** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**<br>**Độc lập - Tự do - Hạnh phúc** |
|---|---|
| Số: 05/BC-UBND | *Bạch Mai, ngày 05 tháng 01 năm 2026* |

**BÁO CÁO**

**Kết quả công tác tháng 12 năm 2025**

Kính gửi: Ủy ban nhân dân Thành phố Hà Nội.

Thực hiện chỉ đạo của Thành phố, UBND phường báo cáo như sau:

## **I. KẾT QUẢ**

**1. Thu ngân sách**

**a) Thu thuế:** đạt 101% dự toán.

## **II. NHIỆM VỤ**

Tiếp tục thu.

Ủy ban nhân dân phường trân trọng báo cáo./.

| ***Nơi nhận:***<br>- Như trên;<br>- Lưu: VT, VP (02). | **TM. ỦY BAN NHÂN DÂN**<br>**KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>(Đã ký)<br><br>**Trần Văn Bình** |
";

    fn check(r: &Report) {
        assert_eq!(
            r.issuer.name_lines,
            vec!["ỦY BAN NHÂN DÂN", "PHƯỜNG BẠCH MAI"]
        );
        assert_eq!((r.number, r.issuer.symbol.as_str()), (Some(5), "BC-UBND"));
        assert_eq!(r.place, "Bạch Mai");
        assert_eq!(r.date, DocDate::from_ymd(2026, 1, 5));
        assert_eq!(r.doc_type, "BÁO CÁO");
        assert_eq!(r.trich_yeu, "Kết quả công tác tháng 12 năm 2025");
        assert_eq!(r.kinh_gui, vec!["Ủy ban nhân dân Thành phố Hà Nội"]);
        assert_eq!(r.intro.len(), 1);
        assert!(!r.parts);
        let shape: Vec<(usize, Option<String>, String)> =
            crate::model::numbering::outline(&r.body, false)
                .into_iter()
                .map(|n| (n.depth, n.number, n.section.title.clone()))
                .collect();
        let want: Vec<(usize, Option<String>, String)> = [
            (0, "I.", "KẾT QUẢ"),
            (1, "1.", "Thu ngân sách"),
            // "a)" right under a khoản stays a điểm, as typed (its level is kept on the section).
            (2, "a)", "Thu thuế:"),
            (0, "II.", "NHIỆM VỤ"),
        ]
        .iter()
        .map(|(d, n, t)| (*d, Some(n.to_string()), t.to_string()))
        .collect();
        assert_eq!(shape, want);
        assert_eq!(r.closing, "Ủy ban nhân dân phường trân trọng báo cáo./.");
        // "Như trên" is printed by the layout because Kính gửi is set.
        assert!(r.noi_nhan.recipients.is_empty(), "{:?}", r.noi_nhan);
        assert_eq!(
            r.noi_nhan.archive,
            Archive {
                units: vec!["VP".into()],
                copies: Some(2)
            }
        );
        assert_eq!(r.signer.authority, Some(Authority::TM));
        assert_eq!(r.signer.collective, "ỦY BAN NHÂN DÂN");
        assert_eq!(r.signer.titles, vec!["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]);
        assert_eq!(r.signer.name, "Trần Văn Bình");
        // Nothing of the header or the closing is left in the body.
        let texts: Vec<String> = r
            .body
            .iter()
            .flat_map(|s| {
                s.blocks
                    .iter()
                    .chain(s.children.iter().flat_map(|c| &c.blocks))
            })
            .map(|b| format!("{b:?}"))
            .collect();
        assert!(!texts
            .iter()
            .any(|t| t.contains("CỘNG HÒA") || t.contains("Đã ký")));
    }

    #[test]
    fn a_full_header_and_closing_table_from_word_plain_text() {
        let r = import_text(FROM_WORD).unwrap();
        check(&r);
        let Block::Paragraph { runs } = &r.body[0].children[0].children[0].blocks[0] else {
            panic!("{:?}", r.body[0]);
        };
        assert_eq!(runs[0].text, "đạt 101% dự toán.");
    }

    #[test]
    fn a_full_header_and_closing_table_from_a_converter() {
        let r = import_text(WITH_TABLES).unwrap();
        check(&r);
        assert_eq!(r.body[0].children[0].children[0].label, Label::Auto);
    }

    #[test]
    fn a_paragraph_cut_at_fifty_thousand_page_ends_imports_whole() {
        // Text copied out of a PDF, each line cut where the page ended: one paragraph.
        let text: String = (0..50_000)
            .map(|i| format!("đoạn thứ {i} còn tiếp\n"))
            .collect();
        let r = import_text(&text).unwrap();
        assert_eq!(r.intro.len(), 1);
        let Block::Paragraph { runs } = &r.intro[0] else {
            panic!("{:?}", r.intro[0]);
        };
        let words = runs
            .iter()
            .map(|r| r.text.split(' ').count())
            .sum::<usize>();
        assert_eq!(words, 50_000 * 5);
    }

    #[test]
    fn old_code_pages_are_converted_and_said_so() {
        // Typed in .VnTime (TCVN3, which has no toned capitals) and in VNI-Times, then read as
        // Word and the clipboard show the bytes.
        let tcvn3 = "ñy ban nh©n d©n ph\u{AD}êng B¹ch Mai b¸o c¸o t×nh h×nh kinh tÕ x· héi";
        let vni = "UÛy ban nhaân daân phöôøng Baïch Mai baùo caùo tình hình kinh teá xaõ hoäi";
        let cases = [
            (
                tcvn3,
                "ủy ban nhân dân phường Bạch Mai báo cáo tình hình kinh tế xã hội",
                "TCVN3",
            ),
            (
                vni,
                "Ủy ban nhân dân phường Bạch Mai báo cáo tình hình kinh tế xã hội",
                "VNI",
            ),
        ];
        for (text, want, name) in cases {
            let one_byte: Vec<u8> = text.chars().map(|c| c as u32 as u8).collect();
            for bytes in [text.as_bytes().to_vec(), one_byte] {
                let i = import_file(&bytes).unwrap();
                let Block::Paragraph { runs } = &i.report.intro[0] else {
                    panic!("{:?}", i.report.intro);
                };
                assert_eq!(runs[0].text, want);
                assert_eq!(
                    i.summary.conversions,
                    [format!(
                        "Đã chuyển từ bảng mã {name} – hãy soát lại chữ in hoa"
                    )]
                );
            }
        }
        // Unicode Vietnamese with a few Latin-1 signs is left alone.
        let ok = "Diện tích 2,95 km², nhiệt độ 30° — “đạt” 98,2% kế hoạch; café";
        let i = import_text_detailed(ok).unwrap();
        assert!(i.summary.conversions.is_empty());
    }

    #[test]
    fn a_paste_from_word_keeps_its_styles_and_paragraphs() {
        let html = include_str!("../../tests/fixtures/clipboard/word-2016.html");
        let p = paste_html(html);
        let shown: Vec<String> = p
            .blocks
            .iter()
            .map(|b| match b {
                Block::Paragraph { runs } => runs
                    .iter()
                    .map(|r| match (r.bold, r.italic, r.sup) {
                        (_, _, true) => format!("^{}^", r.text),
                        (true, _, _) => format!("**{}**", r.text),
                        (_, true, _) => format!("*{}*", r.text),
                        _ => r.text.clone(),
                    })
                    .collect(),
                Block::List { items } => format!("- {}", items[0][0].text),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            shown,
            [
                "**Về thu ngân sách:** tổng thu trên địa bàn đạt *1.845 tỷ đồng*, diện tích rà soát 2,95 km^2^.",
                "Chủ đề năm 2026 “*Kỷ cương, chuyên nghiệp*” được quán triệt đến từng tổ dân phố.",
                "- Hoàn thành 79/79 nhiệm vụ;",
                "Đoạn cuối cùng.",
            ]
        );
        assert!(p.conversions.is_empty());
        // Plain Unicode text is not the importer's business: the window pastes it as it is.
        assert_eq!(paste_text("Phường Bạch Mai\r\nbáo cáo"), None);
        // Text copied out of an old .VnTime document is converted, line by line.
        let p = paste_text("B¸o c¸o t×nh h×nh\r\nkinh tÕ x· héi").unwrap();
        assert_eq!(
            p.blocks,
            [
                Block::Paragraph {
                    runs: vec![Run::plain("Báo cáo tình hình")]
                },
                Block::Paragraph {
                    runs: vec![Run::plain("kinh tế xã hội")]
                }
            ]
        );
        assert_eq!(p.conversions.len(), 1);
    }

    #[test]
    fn text_the_importer_cannot_place_stays_in_the_body() {
        let r =
            import_text("Một dòng lạ\n\nĐoạn thứ hai không có tiêu đề.\n\nGHI CHÚ CUỐI").unwrap();
        let texts: Vec<String> = r
            .intro
            .iter()
            .map(|b| match b {
                Block::Paragraph { runs } => runs.iter().map(|r| r.text.as_str()).collect(),
                other => format!("{other:?}"),
            })
            .collect();
        assert_eq!(
            texts,
            vec![
                "Một dòng lạ",
                "Đoạn thứ hai không có tiêu đề.",
                "GHI CHÚ CUỐI"
            ]
        );
    }
}
