//! Bytes → text: which files we read, and a clear refusal for the ones we cannot.
//!
//! Office workers hand us whatever they have: a `.txt` saved by Notepad (UTF-8, with or without a
//! BOM), Word's "Unicode text" (UTF-16 with a BOM), or by mistake the PDF or `.docx` itself. The
//! others are refused with a message that says what to do, rather than imported as garbage (a
//! `.docx` never gets here: it is read as a Word package). Old one-byte files typed in the TCVN3
//! (ABC) or VNI fonts are read byte by byte as Windows shows them, for [`super::legacy`] to
//! convert.

use crate::error::{Error, Result};

/// Decodes `bytes` to text, or says in Vietnamese why the file cannot be read and what to do.
pub(crate) fn decode(bytes: &[u8]) -> Result<String> {
    refuse_foreign(bytes)?;
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        utf8(rest)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else if let Some(little_endian) = utf16_without_bom(bytes) {
        if little_endian {
            utf16(bytes, u16::from_le_bytes)?
        } else {
            utf16(bytes, u16::from_be_bytes)?
        }
    } else {
        if bytes.contains(&0) {
            return Err(Error::input(
                "Tệp này không phải văn bản (có dữ liệu nhị phân). Hãy chọn tệp .txt hoặc .md chứa nội dung báo cáo.",
            ));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                // Not UTF-8: an old one-byte file. Read as Windows shows it, it is kept when it
                // holds TCVN3/VNI text, which the importer then converts.
                let shown = windows_1252(bytes);
                if shown
                    .split('\n')
                    .any(|l| crate::text::viet::legacy::detect(l).is_some())
                {
                    return Ok(shown);
                }
                return Err(Error::input(
                    "Tệp không ở dạng Unicode. Hãy mở tệp bằng Notepad, chọn “Lưu thành” (Save As) với mã hóa UTF-8, rồi nhập lại tệp đó.",
                ));
            }
        }
    };
    let text = text.trim_start_matches('\u{FEFF}').to_string();
    if text.trim().is_empty() {
        return Err(Error::input(
            "Tệp trống, không có nội dung để nhập. Hãy chọn tệp báo cáo có nội dung.",
        ));
    }
    Ok(text)
}

/// Files that are not text at all but that users pick by habit: PDF, old Word, RTF.
fn refuse_foreign(bytes: &[u8]) -> Result<()> {
    const COPY_OUT: &str = "Hãy mở tệp, chọn toàn bộ nội dung, sao chép rồi dán vào một tệp văn bản (.txt) và nhập tệp đó.";
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::input(
            "Tệp trống, không có nội dung để nhập. Hãy chọn tệp báo cáo có nội dung.",
        ));
    }
    if crate::docx::read::is_ole(bytes) {
        return Err(crate::docx::read::ole_refusal(bytes));
    }
    let head = &bytes[..bytes.len().min(8)];
    let kind = if head.starts_with(b"%PDF") {
        Some("Tệp PDF")
    } else if head.starts_with(b"{\\rtf") {
        Some("Tệp RTF")
    } else {
        None
    };
    match kind {
        Some(kind) => Err(Error::input(format!(
            "{kind} chưa nhập trực tiếp được. {COPY_OUT}"
        ))),
        None => Ok(()),
    }
}

fn utf8(bytes: &[u8]) -> Result<String> {
    std::str::from_utf8(bytes).map(str::to_string).map_err(|_| {
        Error::input(
            "Tệp có lỗi mã hóa UTF-8. Hãy mở tệp bằng Notepad, chọn “Lưu thành” (Save As) với mã hóa UTF-8, rồi nhập lại.",
        )
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| unit([c[0], c[1]]))
        .collect();
    String::from_utf16(&units).map_err(|_| {
        Error::input(
            "Tệp Unicode (UTF-16) bị hỏng. Hãy mở tệp bằng Notepad, chọn “Lưu thành” (Save As) với mã hóa UTF-8, rồi nhập lại.",
        )
    })
}

/// UTF-16 saved without a BOM: mostly ASCII, so one byte of each pair is zero. `Some(true)` for
/// little endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let pairs = bytes.len() / 2;
    let even_zero = bytes.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = bytes.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd_zero * 2 > pairs && even_zero == 0 {
        Some(true)
    } else if even_zero * 2 > pairs && odd_zero == 0 {
        Some(false)
    } else {
        None
    }
}

/// Bytes as Windows-1252 shows them: the form in which the old code pages reach us from Word
/// and the clipboard too. The five bytes Windows-1252 leaves undefined keep their C1 code point.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf8_with_and_without_bom_and_utf16_with_bom() {
        let text = "Phường Bạch Mai báo cáo";
        assert_eq!(decode(text.as_bytes()).unwrap(), text);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom).unwrap(), text);
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        let mut bare_le = Vec::new();
        for u in text.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
            bare_le.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&le).unwrap(), text);
        assert_eq!(decode(&be).unwrap(), text);
        assert_eq!(decode(&bare_le).unwrap(), text);
    }

    #[test]
    fn refuses_foreign_files_saying_what_to_do() {
        let cases: [(&[u8], &str); 5] = [
            (b"%PDF-1.7\n...", "Tệp PDF"),
            (&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1], ".doc"),
            (b"abc\x00\x01\x02\x00\x00\x00def\x00", "nhị phân"),
            (b"", "trống"),
            (b" \n\r\n\t ", "trống"),
        ];
        for (bytes, want) in cases {
            let e = decode(bytes).unwrap_err();
            assert!(e.message.contains(want), "{} / {want}", e.message);
            assert!(!e.message.contains('\n'));
            assert!(e.message.contains("Hãy"), "{}", e.message);
        }
    }

    #[test]
    fn one_byte_files_are_kept_only_when_they_hold_an_old_code_page() {
        // "Ủy ban nhân dân phường Bạch Mai báo cáo tình hình kinh tế xã hội" in VNI-Times bytes.
        let vni = "UÛy ban nhaân daân phöôøng Baïch Mai baùo caùo tình hình kinh teá xaõ hoäi";
        let bytes: Vec<u8> = vni.chars().map(|c| c as u32 as u8).collect();
        assert_eq!(decode(&bytes).unwrap(), vni);
        // Windows-1252 text that is no Vietnamese code page: refused with the step to UTF-8.
        let e = decode(b"caf\xe9 cr\xe8me br\xfbl\xe9e").unwrap_err();
        assert!(e.message.contains("UTF-8"), "{}", e.message);
        assert_eq!(windows_1252(b"\x80\x96\x81a\xe9"), "€–\u{81}aé");
    }
}
