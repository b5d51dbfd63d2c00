//! Old Vietnamese code pages (TCVN3, VNI) in what is imported: converted to Unicode, and said so.
//!
//! The tables and the syllable rules are the text layer's ([`crate::text::viet`]); this module
//! decides where to apply them:
//!
//! - in a `.docx`, by font: runs in `.VnTime`-like fonts are TCVN3 (`…H` fonts print their whole
//!   run in capitals), `VNI-…` fonts are VNI. Neighbouring runs of one font are decoded together
//!   (a VNI tone mark can land in the next run) and converted only when the result has more valid
//!   Vietnamese syllables than the text as it is: old templates keep `.VnTime` as the Normal style
//!   over Unicode text;
//! - in text files and pasted text, where no font says anything, paragraph by paragraph, when
//!   the text layer's detection finds one code page clearly better.
//!
//! Each conversion is remembered for the notice shown after the import.

use crate::model::Run;
use crate::text::viet::legacy::{self, Encoding};
use crate::text::viet::syllable;

/// A run with the font it is set in.
#[derive(Debug, Clone)]
pub(crate) struct FontRun {
    pub run: Run,
    pub font: Option<String>,
}

/// The conversions made during one import.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Legacy {
    /// The code pages converted, in the order first met.
    pub converted: Vec<Encoding>,
}

impl Legacy {
    fn note(&mut self, enc: Encoding) {
        if !self.converted.contains(&enc) {
            self.converted.push(enc);
        }
    }

    /// A paragraph's runs with their fonts → runs, the ones in old fonts decoded.
    pub fn runs(&mut self, runs: Vec<FontRun>) -> Vec<Run> {
        let mut out: Vec<Run> = Vec::with_capacity(runs.len());
        let mut i = 0;
        while i < runs.len() {
            let code = runs[i].font.as_deref().and_then(legacy::from_font);
            let Some((enc, capitals)) = code else {
                out.push(runs[i].run.clone());
                i += 1;
                continue;
            };
            // The neighbouring runs of the same font.
            let font = runs[i].font.clone();
            let mut j = i + 1;
            while j < runs.len() && runs[j].font == font {
                j += 1;
            }
            let mut seq: Vec<Run> = runs[i..j].iter().map(|r| r.run.clone()).collect();
            if self.convert_sequence(&mut seq, enc, capitals) {
                self.note(enc);
            }
            out.extend(seq);
            i = j;
        }
        out
    }

    /// Decodes runs of one old font in place when that reads better; `true` when it did.
    fn convert_sequence(&mut self, seq: &mut [Run], enc: Encoding, capitals: bool) -> bool {
        let joined: String = seq.iter().map(|r| r.text.as_str()).collect();
        let decoded = legacy::decode(&joined, enc, capitals);
        if decoded == joined || !reads_better(&joined, &decoded) {
            return false;
        }
        // A mark that belongs to the last letter of a run but was typed into the next one moves
        // back to it: the fewest leading characters of the next run whose move makes the runs
        // decode as the whole does.
        for k in 1..seq.len() {
            let (a, b) = seq.split_at_mut(k);
            let (a, b) = (&mut a[k - 1], &mut b[0]);
            let whole = legacy::decode(&format!("{}{}", a.text, b.text), enc, capitals);
            for n in 0..=b.text.chars().count().min(2) {
                let cut = b.text.char_indices().nth(n).map_or(b.text.len(), |x| x.0);
                let left = legacy::decode(&format!("{}{}", a.text, &b.text[..cut]), enc, capitals);
                let right = legacy::decode(&b.text[cut..], enc, capitals);
                if format!("{left}{right}") == whole {
                    let moved: String = b.text.drain(..cut).collect();
                    a.text.push_str(&moved);
                    break;
                }
            }
        }
        for r in seq.iter_mut() {
            r.text = legacy::decode(&r.text, enc, capitals);
        }
        true
    }

    /// A paragraph of text (a line of a text file, a pasted paragraph) decoded when the text
    /// layer finds it typed in an old code page.
    pub fn text(&mut self, paragraph: &str) -> Option<String> {
        let enc = legacy::detect(paragraph)?;
        let decoded = legacy::decode(paragraph, enc, false);
        if decoded == paragraph {
            return None;
        }
        self.note(enc);
        Some(decoded)
    }

    /// Every paragraph of `text` (lines; a blank line separates Markdown paragraphs, but one
    /// line is enough to judge) decoded where it was typed in an old code page.
    pub fn text_lines(&mut self, text: &str) -> String {
        if text.is_ascii() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            match self.text(line) {
                Some(d) => out.push_str(&d),
                None => out.push_str(line),
            }
        }
        out
    }

    /// The notices to show after the import, one per code page converted.
    pub fn notices(&self) -> Vec<String> {
        self.converted.iter().map(|&e| notice(e)).collect()
    }
}

/// "Đã chuyển từ bảng mã TCVN3 – hãy soát lại chữ in hoa": capitals are where the old code
/// pages lose most (TCVN3 has no toned capitals; its capital fonts print lower-case bytes).
pub(crate) fn notice(enc: Encoding) -> String {
    let name = match enc {
        Encoding::Tcvn3 => "TCVN3",
        Encoding::Vni => "VNI",
    };
    format!("Đã chuyển từ bảng mã {name} – hãy soát lại chữ in hoa")
}

/// Does `decoded` hold more valid Vietnamese syllables than `original`?
fn reads_better(original: &str, decoded: &str) -> bool {
    valid_syllables(decoded) > valid_syllables(original)
}

/// Words (between spaces, without the punctuation around them) that are valid syllables. The
/// old code pages put letters on punctuation-like characters ("B¸o"), so words are not cut at
/// them.
fn valid_syllables(text: &str) -> usize {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| c.is_ascii_punctuation() || "“”‘’…–—".contains(c)))
        .filter(|w| !w.is_empty() && syllable::is_valid(w))
        .count()
}
