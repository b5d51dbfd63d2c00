//! TCVN3 (ABC) and VNI: the code pages Vietnamese was typed in before Unicode.
//!
//! Both are one byte a character, drawn by their own fonts: `.VnTime`, `.VnArial` … for TCVN3
//! (the `…H` fonts, `.VnTimeH`, draw every letter as a capital), `VNI-Times`, `VNI-Helve` … for
//! VNI. Word and the clipboard hand such text over as the Windows-1252 characters the bytes stand
//! for ("B¸o c¸o" is "Báo cáo"), so [`decode`] maps each character back to its byte first.
//!
//! The tables are written from the standards, not copied: TCVN 5712:1993 lays the VN3 subset out
//! by vowel and tone (huyền, hỏi, ngã, sắc, nặng at consecutive codes; VN3 leaves out VN1's toned
//! capitals); VNI writes a base letter followed by a mark byte, as its keyboard types it.

use super::letters::{self, Tone};
use super::syllable;

/// A legacy Vietnamese code page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    /// TCVN 5712:1993, VN3 subset ("ABC"), fonts `.VnTime`, `.VnArial`, …
    Tcvn3,
    /// VNI, fonts `VNI-Times`, `VNI-Helve`, …
    Vni,
}

impl Encoding {
    /// How the user knows it: "TCVN3 (ABC)", "VNI".
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI",
        }
    }
}

/// The code page a font name implies, and whether it is a capitals font (`.VnTimeH`: every
/// letter of the run prints as a capital). `None` for Unicode fonts.
pub fn from_font(font: &str) -> Option<(Encoding, bool)> {
    let f = font.trim();
    let lower = f.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix(".vn") {
        // ".VnTimeH", ".VnArialH", ".VnAvantH"; but ".VnTime" and ".VnArial Narrow" are not.
        let capitals = f.ends_with('H') && rest.len() > 1;
        return Some((Encoding::Tcvn3, capitals));
    }
    if lower.starts_with("vni-") || lower.starts_with("vni ") {
        return Some((Encoding::Vni, false));
    }
    None
}

/// Decodes text whose characters are the Windows-1252 renderings of `enc` bytes (as Word and the
/// clipboard hand them over) to NFC Unicode; `capitals` upper-cases it as a capitals font prints.
pub fn decode(text: &str, enc: Encoding, capitals: bool) -> String {
    let out = match enc {
        Encoding::Tcvn3 => decode_tcvn3(text),
        Encoding::Vni => decode_vni(text),
    };
    let out = crate::text::nfc(&out);
    if capitals {
        out.chars().map(letters::upper).collect()
    } else {
        out
    }
}

/// The byte a character stands for in a Windows-1252 rendering: ASCII and Latin-1 as they are,
/// the C1 controls as they are, and the 27 characters Windows-1252 puts at 0x80–0x9F.
fn byte_of(c: char) -> Option<u8> {
    let u = c as u32;
    if u <= 0xFF {
        return Some(u as u8);
    }
    Some(match c {
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '\u{2018}' => 0x91,
        '\u{2019}' => 0x92,
        '\u{201C}' => 0x93,
        '\u{201D}' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    })
}

/// Could `text` be the Windows-1252 rendering of one-byte text (every character one a byte
/// shows as)? Text with a Vietnamese letter of Unicode (ă, ơ, ạ …) cannot.
pub fn is_rendering(text: &str) -> bool {
    text.chars().all(|c| byte_of(c).is_some())
}

/// TCVN 5712:1993 VN3: the hatted letters and đ, capitals then small.
const TCVN3_LETTERS: [(u8, char); 14] = [
    (0xA1, 'Ă'),
    (0xA2, 'Â'),
    (0xA3, 'Ê'),
    (0xA4, 'Ô'),
    (0xA5, 'Ơ'),
    (0xA6, 'Ư'),
    (0xA7, 'Đ'),
    (0xA8, 'ă'),
    (0xA9, 'â'),
    (0xAA, 'ê'),
    (0xAB, 'ô'),
    (0xAC, 'ơ'),
    (0xAD, 'ư'),
    (0xAE, 'đ'),
];

/// TCVN 5712:1993 VN3: each small vowel with its five tones, in the standard's order huyền,
/// hỏi, ngã, sắc, nặng. The gaps between rows hold VN1's toned capitals, which VN3 leaves out.
const TCVN3_TONED: [(char, [u8; 5]); 12] = [
    ('a', [0xB5, 0xB6, 0xB7, 0xB8, 0xB9]),
    ('ă', [0xBB, 0xBC, 0xBD, 0xBE, 0xC6]),
    ('â', [0xC7, 0xC8, 0xC9, 0xCA, 0xCB]),
    ('e', [0xCC, 0xCE, 0xCF, 0xD0, 0xD1]),
    ('ê', [0xD2, 0xD3, 0xD4, 0xD5, 0xD6]),
    ('i', [0xD7, 0xD8, 0xDC, 0xDD, 0xDE]),
    ('o', [0xDF, 0xE1, 0xE2, 0xE3, 0xE4]),
    ('ô', [0xE5, 0xE6, 0xE7, 0xE8, 0xE9]),
    ('ơ', [0xEA, 0xEB, 0xEC, 0xED, 0xEE]),
    ('u', [0xEF, 0xF1, 0xF2, 0xF3, 0xF4]),
    ('ư', [0xF5, 0xF6, 0xF7, 0xF8, 0xF9]),
    ('y', [0xFA, 0xFB, 0xFC, 0xFD, 0xFE]),
];

/// The standard's order of the tones in a row.
const ROW_TONES: [Tone; 5] = [Tone::Huyen, Tone::Hoi, Tone::Nga, Tone::Sac, Tone::Nang];

/// TCVN 5712 also has the five tone marks alone (0xB0–0xB4), to follow a vowel.
const TCVN3_MARKS: [(u8, char); 5] = [
    (0xB0, '\u{0300}'),
    (0xB1, '\u{0309}'),
    (0xB2, '\u{0303}'),
    (0xB3, '\u{0301}'),
    (0xB4, '\u{0323}'),
];

/// The character TCVN3 byte `b` stands for; `None` for ASCII and the bytes VN3 leaves unused.
fn tcvn3_char(b: u8) -> Option<char> {
    if let Some(&(_, c)) = TCVN3_LETTERS.iter().find(|(x, _)| *x == b) {
        return Some(c);
    }
    if let Some(&(_, c)) = TCVN3_MARKS.iter().find(|(x, _)| *x == b) {
        return Some(c);
    }
    for (base, row) in &TCVN3_TONED {
        if let Some(t) = row.iter().position(|&x| x == b) {
            return Some(letters::join(*base, ROW_TONES[t]));
        }
    }
    None
}

fn decode_tcvn3(text: &str) -> String {
    text.chars()
        .map(|c| byte_of(c).and_then(tcvn3_char).unwrap_or(c))
        .collect()
}

/// A VNI byte after a vowel: the hat it adds, if any, and the tone.
#[derive(Clone, Copy)]
enum Mark {
    /// A tone alone: ù acute, ø grave, û hook, õ tilde, ï dot.
    Tone(Tone),
    /// â: a, e, o take a circumflex, with a tone (á à å ã ä).
    Circumflex(Tone),
    /// ê: a takes a breve, with a tone (é è ú ü ë).
    Breve(Tone),
}

/// VNI's mark bytes, small and capital forms (the capital forms sit above capital letters).
fn vni_mark(c: char) -> Option<Mark> {
    use Mark::{Breve, Circumflex};
    use Tone::{Hoi, Huyen, Nang, Nga, Ngang, Sac};
    Some(match letters::lower(c) {
        'ù' => Mark::Tone(Sac),
        'ø' => Mark::Tone(Huyen),
        'û' => Mark::Tone(Hoi),
        'õ' => Mark::Tone(Nga),
        'ï' => Mark::Tone(Nang),
        'â' => Circumflex(Ngang),
        'á' => Circumflex(Sac),
        'à' => Circumflex(Huyen),
        'å' => Circumflex(Hoi),
        'ã' => Circumflex(Nga),
        'ä' => Circumflex(Nang),
        'ê' => Breve(Ngang),
        'é' => Breve(Sac),
        'è' => Breve(Huyen),
        'ú' => Breve(Hoi),
        'ü' => Breve(Nga),
        'ë' => Breve(Nang),
        _ => return None,
    })
}

/// VNI's single-byte letters: ơ, ư, đ and the toned i and ỵ (a mark would clash with the dot).
fn vni_letter(c: char) -> Option<char> {
    let l = letters::lower(c);
    let v = match l {
        'ô' => 'ơ',
        'ö' => 'ư',
        'ñ' => 'đ',
        'í' => 'í',
        'ì' => 'ì',
        'æ' => 'ỉ',
        'ó' => 'ĩ',
        'ò' => 'ị',
        'î' => 'ỵ',
        _ => return None,
    };
    Some(if l != c { letters::upper(v) } else { v })
}

fn decode_vni(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        // A mark joins the vowel before it, when that vowel takes it.
        if let (Some(mark), Some(&prev)) = (vni_mark(c), out.last()) {
            let lp = letters::lower(prev);
            let cap = lp != prev;
            if let Some((base, Tone::Ngang)) = letters::split(lp) {
                let joined = match mark {
                    Mark::Tone(t) => Some(letters::join(base, t)),
                    Mark::Circumflex(t) => letters::with_hat(base, letters::Hat::Circumflex)
                        .map(|b| letters::join(b, t)),
                    Mark::Breve(t) => {
                        letters::with_hat(base, letters::Hat::Breve).map(|b| letters::join(b, t))
                    }
                };
                if let Some(j) = joined {
                    out.pop();
                    out.push(if cap { letters::upper(j) } else { j });
                    continue;
                }
            }
        }
        out.push(vni_letter(c).unwrap_or(c));
    }
    out.into_iter().collect()
}

/// The code page `text` was typed in, when decoding it gives clearly more valid Vietnamese
/// syllables than reading it as it is; `None` for Unicode text.
///
/// Unicode text is never taken for legacy: a letter no Windows-1252 rendering has (ă, ơ, ư, ạ …)
/// settles it at once, and otherwise the words must read as Vietnamese only once decoded: most
/// of the words with a non-ASCII letter must turn valid, and more than twice as many as turn
/// invalid ("Tôi là Tâm" is valid as it is, and would not be taken for TCVN3 "Tụi là Tõm").
pub fn detect(text: &str) -> Option<Encoding> {
    if text.is_ascii() || !is_rendering(text) {
        return None;
    }
    let words: Vec<&str> = text
        .split_whitespace()
        .map(|w| w.trim_matches(is_edge))
        .filter(|w| !w.is_ascii())
        .collect();
    if words.is_empty() {
        return None;
    }
    let valid_as_is: Vec<bool> = words.iter().map(|w| syllable::is_valid(w)).collect();
    let mut best: Option<(Encoding, usize)> = None;
    for enc in [Encoding::Tcvn3, Encoding::Vni] {
        let mut fixed = 0;
        let mut broken = 0;
        for (w, &was) in words.iter().zip(&valid_as_is) {
            let now = decode(w, enc, false);
            let now = syllable::is_valid(now.trim_matches(is_edge));
            match (was, now) {
                (false, true) => fixed += 1,
                (true, false) => broken += 1,
                _ => {}
            }
        }
        let clearly = fixed > 2 * broken && fixed * 2 > words.len();
        if clearly && best.is_none_or(|(_, f)| fixed > f) {
            best = Some((enc, fixed));
        }
    }
    best.map(|(e, _)| e)
}

/// Punctuation around a word, in either reading: ASCII and the typographic quotes and dashes
/// (neither code page uses their bytes for letters).
fn is_edge(c: char) -> bool {
    c.is_ascii_punctuation() || matches!(c, '“' | '”' | '‘' | '’' | '…' | '–' | '—')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes of `s` (Latin-1 characters) as a Windows-1252 rendering.
    fn rendered(bytes: &[u8]) -> String {
        bytes.iter().map(|&b| char::from(b)).collect()
    }

    #[test]
    fn tcvn3_reads_the_standard_s_letters() {
        assert_eq!(
            decode("B¸o c¸o t×nh h×nh kinh tÕ x· héi", Encoding::Tcvn3, false),
            "Báo cáo tình hình kinh tế xã hội"
        );
        assert_eq!(
            decode("Ph\u{AD}êng B¹ch Mai, §¶ng ñy", Encoding::Tcvn3, false),
            "Phường Bạch Mai, Đảng ủy"
        );
        // A capitals font prints its small letters as capitals.
        assert_eq!(
            decode("céng hoµ x· héi chñ nghÜa viÖt nam", Encoding::Tcvn3, true),
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        // The tone marks alone follow their vowel.
        assert_eq!(decode("to\u{B0}n", Encoding::Tcvn3, false), "tòn");
        // Every VN3 byte stands for a different Vietnamese letter.
        let all: Vec<char> = (0x80u8..=0xFF).filter_map(tcvn3_char).collect();
        let mut uniq = all.clone();
        uniq.sort();
        uniq.dedup();
        assert_eq!(all.len(), uniq.len());
        assert_eq!(all.len(), 14 + 5 + 60);
    }

    /// glibc's TCVN5712-1 is VN1; on the VN3 subset it must agree with the table.
    /// glibc's iconv is a Linux oracle: the Windows build of this test (under Wine)
    /// has none, and the table it checks is the same code on both systems.
    #[cfg(unix)]
    #[test]
    fn tcvn3_agrees_with_glibc_iconv_on_vn3() {
        let bytes: Vec<u8> = (0xA1u8..=0xFE)
            .filter(|&b| tcvn3_char(b).is_some())
            .collect();
        let out = std::process::Command::new("iconv")
            .args(["-f", "TCVN5712-1", "-t", "UTF-32BE"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                let input: Vec<u8> = bytes.iter().flat_map(|&b| [b, b' ']).collect();
                child.stdin.take().map(|mut s| s.write_all(&input));
                child.wait_with_output()
            });
        let out = match out {
            Ok(o) if o.status.success() => o.stdout,
            _ if std::env::var_os("CI").is_some() => panic!("iconv (glibc) is needed"),
            _ => return,
        };
        let chars: Vec<char> = out
            .chunks(4)
            .filter_map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]])))
            .filter(|&c| c != ' ')
            .collect();
        let ours: Vec<char> = bytes.iter().filter_map(|&b| tcvn3_char(b)).collect();
        assert_eq!(chars, ours);
    }

    #[test]
    fn vni_reads_base_letters_and_marks() {
        assert_eq!(
            decode(
                "UÛy ban nhaân daân phöôøng Baïch Mai baùo caùo tình hình",
                Encoding::Vni,
                false
            ),
            "Ủy ban nhân dân phường Bạch Mai báo cáo tình hình"
        );
        assert_eq!(
            decode(
                "Ñaûng, ñoàng, naêm, thaúng, Vieät Nam, ñöôïc, nghóa, kyø",
                Encoding::Vni,
                false
            ),
            "Đảng, đồng, năm, thẳng, Việt Nam, được, nghĩa, kỳ"
        );
        assert_eq!(
            decode(
                "COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM",
                Encoding::Vni,
                false
            ),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        // A mark after no vowel stays as it is.
        assert_eq!(decode("5ø", Encoding::Vni, false), "5ø");
    }

    #[test]
    fn fonts_name_their_code_page() {
        assert_eq!(from_font(".VnTime"), Some((Encoding::Tcvn3, false)));
        assert_eq!(from_font(".VnTimeH"), Some((Encoding::Tcvn3, true)));
        assert_eq!(from_font(".VnArialH"), Some((Encoding::Tcvn3, true)));
        assert_eq!(from_font(".VnArial Narrow"), Some((Encoding::Tcvn3, false)));
        assert_eq!(from_font("VNI-Times"), Some((Encoding::Vni, false)));
        assert_eq!(from_font("VNI-Helve"), Some((Encoding::Vni, false)));
        assert_eq!(from_font("Times New Roman"), None);
        assert_eq!(from_font("Arial"), None);
    }

    #[test]
    fn detection_is_by_words_that_turn_valid() {
        let tcvn3 = "ñy ban nh©n d©n ph\u{AD}êng B¹ch Mai b¸o c¸o t×nh h×nh kinh tÕ x· héi";
        let vni = "UÛy ban nhaân daân phöôøng Baïch Mai baùo caùo tình hình kinh teá xaõ hoäi";
        assert_eq!(detect(tcvn3), Some(Encoding::Tcvn3));
        assert_eq!(detect(vni), Some(Encoding::Vni));
        assert_eq!(
            detect(&rendered(&[0x42, 0xB8, 0x6F, 0x20, 0x63, 0xB8, 0x6F])),
            Some(Encoding::Tcvn3)
        );
        // Unicode Vietnamese, even with only Latin-1 letters, is never taken for legacy.
        for text in [
            "Tôi là Tâm, ở Hà Nội",
            "Tôi là Tâm",
            "Báo cáo tình hình",
            "café, résumé, naïve",
            "Diện tích 2,95 km², nhiệt độ 30° — “đạt” 98,2%",
            "UBND phường",
            "",
        ] {
            assert_eq!(detect(text), None, "{text}");
        }
    }
}
