//! The sample's words as a reader finds them in a PDF, for the tests that check every word of
//! the sample is printed, in order (`cli_render.rs`, and through `nd30_pdf.rs` the engine's PDF
//! and LibreOffice's of our `.docx`).

#![allow(dead_code)]

/// A heading number typed in the sample ("III.", "1.", "6.2.", "a)"): the layout derives its
/// own (the sample numbers two sections "III."), so these are not compared.
pub fn is_heading_number(w: &str) -> bool {
    let Some(stem) = w.strip_suffix('.') else {
        return w.chars().count() == 2 && w.ends_with(')');
    };
    let roman = !stem.is_empty() && stem.chars().all(|c| "IVXLC".contains(c));
    let arabic = stem
        .split('.')
        .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    roman || arabic
}

/// A word as compared: trailing punctuation aside, since the importer drops the final period of
/// the trích yếu and the layout writes the archive line the decree's way.
pub fn key(w: &str) -> String {
    baocao::text::nfc(w.trim_end_matches(['.', ',', ';', ':', '/']))
}

/// The words of the Markdown `sample` as a reader finds them in the PDF: Markdown marks removed,
/// heading numbers and the archive line ("- Lưu VT, VP./.", printed "- Lưu: VT, VP.") left out.
pub fn sample_words(sample: &str) -> Vec<String> {
    let mut words = Vec::new();
    for line in sample.lines() {
        if line.trim_start().starts_with("- Lưu") {
            continue;
        }
        let clean = line
            .replace("<sup>", "")
            .replace("</sup>", "")
            .replace(['*', '\\'], "");
        for w in clean.split_whitespace() {
            let w = w.trim_start_matches('#');
            if w.is_empty() || w == "|" || w == "-" || is_heading_number(w) {
                continue;
            }
            let k = key(w);
            if !k.is_empty() {
                words.push(k);
            }
        }
    }
    words
}
