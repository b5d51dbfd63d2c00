//! Characters the document's typeface lacks: the symbol font they fall back to, and the few that
//! nothing draws.
//!
//! Times New Roman and Liberation Serif have no ✓, ☐, ➢ or ❖, which reports use in lists and
//! tables; a `.docx` brings Word's bullets as private-use characters of its Symbol and Wingdings
//! fonts (U+F0B7 for "•"); a file decoded in the wrong encoding brings CJK. The layout splits a
//! word at such characters and sets each part in the face that has it: the document's face, or
//! [`Face::Symbol`] (a subset of Noto Sans Symbols 2, bundled under the SIL OFL). A character no
//! bundled font has is set as [`TOFU`] in the symbol face, so the layout, the PDF and the preview
//! all draw the same box of the same width (instead of each viewer picking its own fallback), and
//! the checks report it ("ký tự không có trong phông").

use std::borrow::Cow;

use super::fonts::{symbol_font as font, Face, FontData, FontSet};

/// What is drawn for a character that no bundled font has: a white vertical rectangle, the shape
/// fonts draw for a missing glyph.
pub const TOFU: char = '\u{25AF}';

/// The Unicode character for a private-use character of Word's Symbol and Wingdings fonts, which
/// `.docx` bullets and check boxes are made of.
pub fn from_private_use(c: char) -> Option<char> {
    Some(match c {
        '\u{F0B7}' => '•',              // Symbol: bullet
        '\u{F0A7}' => '▪',              // Wingdings: small black square
        '\u{F06E}' => '■',              // Wingdings: black square
        '\u{F06F}' | '\u{F0A8}' => '☐', // Wingdings: white square, ballot box
        '\u{F0FC}' => '✓',              // Wingdings: check mark
        '\u{F0FE}' => '☑',              // Wingdings: ballot box with check
        '\u{F0FB}' => '✗',              // Wingdings: ballot x
        '\u{F0D8}' => '➢',              // Wingdings: arrowhead
        '\u{F076}' => '❖',              // Wingdings: diamond minus white X
        '\u{F0E0}' => '→',              // Wingdings: right arrow
        '\u{F02D}' => '-',              // Symbol: minus (a dash bullet)
        _ => return None,
    })
}

/// Characters that print as nothing: left out of what is drawn rather than shown as a box.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

fn has(font: &FontData, c: char) -> bool {
    font.shaper.glyph_index(c).is_some_and(|g| g.0 != 0)
}

/// The face that draws `c` for text in `face`, and the character drawn (mapped from private use,
/// or [`TOFU`]); `None` for a character that prints as nothing.
pub fn resolve(fonts: &FontSet, face: Face, c: char) -> Option<(Face, char)> {
    if is_invisible(c) {
        return None;
    }
    let c = from_private_use(c).unwrap_or(c);
    if c.is_whitespace() || has(fonts.face(face), c) {
        return Some((face, c));
    }
    if has(font(), c) {
        return Some((Face::Symbol, c));
    }
    Some((Face::Symbol, TOFU))
}

/// `text` cut into runs each drawn by one face (see [`resolve`]); borrowed when nothing needs
/// mapping and the whole text is in `face`.
pub fn split<'a>(fonts: &FontSet, face: Face, text: &'a str) -> Vec<(Face, Cow<'a, str>)> {
    let mut out: Vec<(Face, Cow<'a, str>)> = Vec::new();
    // Start of the run being borrowed from `text`, while no character needed mapping.
    let mut start = 0;
    let mut cur: Option<Face> = None;
    let mut owned: Option<String> = None;
    for (i, c) in text.char_indices() {
        let r = resolve(fonts, face, c);
        let same_char = r.is_some_and(|(_, d)| d == c);
        let f = r.map(|(f, _)| f);
        if f.is_some() && f != cur {
            // A new run starts here.
            if let Some(fc) = cur {
                out.push((fc, take(&mut owned, &text[start..i])));
            }
            cur = f;
            start = i;
            owned = None;
        }
        if !same_char && owned.is_none() {
            owned = Some(text[start..i].to_string());
        }
        if let (Some(s), Some((_, d))) = (owned.as_mut(), r) {
            s.push(d);
        }
    }
    if let Some(fc) = cur {
        out.push((fc, take(&mut owned, &text[start..])));
    }
    out
}

fn take<'a>(owned: &mut Option<String>, borrowed: &'a str) -> Cow<'a, str> {
    match owned.take() {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(borrowed),
    }
}

/// The characters of `text` that no bundled font draws (each once, in order of appearance).
pub fn missing(fonts: &FontSet, text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in text.chars() {
        if let Some((Face::Symbol, TOFU)) = resolve(fonts, Face::Regular, c) {
            if c != TOFU && !out.contains(&c) {
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(text: &str) -> Vec<(Face, String)> {
        split(FontSet::get(), Face::Bold, text)
            .into_iter()
            .map(|(f, s)| (f, s.into_owned()))
            .collect()
    }

    #[test]
    fn the_document_face_keeps_what_it_has() {
        let r = split(FontSet::get(), Face::Regular, "Việt Nam • 2,5 km²");
        assert_eq!(r.len(), 1);
        assert!(matches!(r[0], (Face::Regular, Cow::Borrowed(_))));
    }

    #[test]
    fn symbols_go_to_the_symbol_face_and_word_bullets_are_mapped() {
        assert_eq!(
            runs("✓Đạt"),
            [(Face::Symbol, "✓".into()), (Face::Bold, "Đạt".into())]
        );
        assert_eq!(runs("\u{F0B7}"), [(Face::Bold, "•".into())]);
        assert_eq!(
            runs("a☐\u{F0FC}b"),
            [
                (Face::Bold, "a".into()),
                (Face::Symbol, "☐✓".into()),
                (Face::Bold, "b".into())
            ]
        );
        assert_eq!(runs("x\u{200B}y"), [(Face::Bold, "xy".into())]);
    }

    #[test]
    fn what_no_font_has_is_a_box_and_is_reported() {
        assert_eq!(
            runs("ab漢字"),
            [(Face::Bold, "ab".into()), (Face::Symbol, "▯▯".into())]
        );
        assert_eq!(missing(FontSet::get(), "ab漢字 ✓ 漢"), ['漢', '字']);
        assert!(missing(FontSet::get(), "Ủy ban nhân dân • ☑ \u{F0B7}").is_empty());
    }
}
