//! Import of an existing report's text (Markdown from converters, or plain text pasted from Word).
//!
//! Office workers start from last period's report. What they can hand us is text: Markdown out of
//! a converter, or the report copied out of Word or a PDF into a `.txt`. The importer turns it into
//! the model, reading structure from what the text says rather than from how it was marked up:
//!
//! - [`decode`]: bytes → text (UTF-8, UTF-16), clear refusals for PDF, Word, binary and legacy
//!   TCVN3/VNI files;
//! - [`blocks`]: text → paragraphs, list items and tables with inline styles; paragraphs cut at a
//!   page end are rejoined;
//! - [`header`]: agency, Quốc hiệu, "Số", place and date, document type, trích yếu, Kính gửi;
//! - [`closing`]: closing sentence, Nơi nhận with the archive line, signer;
//! - [`outline`]: the body, nested by the headings' own numbering words.
//!
//! Nothing is dropped: a line the importer cannot place stays in the body as a paragraph. The only
//! text not carried over is what the layout prints by itself: the Quốc hiệu and Tiêu ngữ, the typed
//! heading numbers (derived from the outline instead), "VT" and "Như trên" in the Nơi nhận list
//! (printed by the decree's rule), and a final full stop of the trích yếu.

mod blocks;
mod closing;
mod decode;
mod header;
mod outline;

use crate::error::{Error, Result};
use crate::model::{Report, Section};
use crate::text::nfc;

/// Imports a report from the bytes of a text or Markdown file (UTF-8 with or without BOM, or
/// UTF-16 with BOM). Refuses PDF, Word, binary, empty and TCVN3/VNI files with a message that
/// says what to do.
pub fn import_bytes(bytes: &[u8]) -> Result<Report> {
    let text = decode::decode(bytes)?;
    import_text(&text)
}

/// Imports a report from text or Markdown. Anything that cannot be placed is kept as body text.
pub fn import_text(text: &str) -> Result<Report> {
    let text = clean(&nfc(text));
    if text.trim().is_empty() {
        return Err(Error::input(
            "Không có nội dung để nhập. Hãy dán hoặc chọn văn bản báo cáo có nội dung.",
        ));
    }
    decode::legacy_check(&text)?;
    let markdown = blocks::is_markdown(&text);
    let groups = blocks::rejoin_split_paragraphs(blocks::groups(&text, markdown), markdown);

    let mut report = Report::default();
    let used = header::parse(&groups, &text, &mut report);
    let rest = &groups[used..];
    let closing = closing::parse(rest);

    let mut body: Vec<blocks::Group> = rest[..closing.body_end].to_vec();
    body.extend(closing.leftovers);
    let outline = outline::build(&body, markdown);
    report.intro = outline.intro;
    report.body = outline.body;
    report.parts = outline.parts;

    report.closing = closing.sentence;
    report.noi_nhan.recipients = closing.recipients;
    if closing.nhu_tren && report.kinh_gui.is_empty() {
        // Without Kính gửi the layout does not print "Như trên"; keep it as the user wrote it.
        report.noi_nhan.recipients.insert(0, "Như trên".to_string());
    }
    if let Some(a) = closing.archive {
        report.noi_nhan.archive = a;
    }
    if let Some(s) = closing.signer {
        report.signer = s;
    }
    assign_ids(&mut report.body, &mut 0);
    Ok(report)
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
    use crate::model::{Archive, Authority, Block, DocDate, Label};

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
