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
