//! Setting text into lines: words, line breaking, placing the words of each line.
//!
//! Every element that sets running text (body paragraphs, headings, the title, the header's
//! columns, table cells, the closing) goes through here, so that a word is measured, broken and
//! placed one way everywhere. Justified and left-aligned text is broken greedily, word by word,
//! as Word does (that is what the user compares the preview with); centred text is broken into
//! lines of balanced length (see [`super::balance`]).
//!
//! Each word is its own text item, keeping its trailing space ("word ") so that text copied out of
//! the PDF keeps its spaces, while its position comes from the justification.

use std::borrow::Cow;

use super::balance;
use super::geometry::{Ctx, FIT_EPS};
use super::Chunk;
use crate::model::Run;
use crate::page::{mm, Item, Source, TextItem};
use crate::text::{symbols, Face};

/// A superscript ("km²") is set at this share of the surrounding size…
pub const SUP_SCALE: f32 = 0.65;
/// …and its baseline raised by this share of the surrounding size.
pub const SUP_RISE: f32 = 0.33;

/// A piece of text with one style, borrowed from the report where it can be.
#[derive(Debug, Clone)]
pub struct Span<'a> {
    pub text: Cow<'a, str>,
    pub bold: bool,
    pub italic: bool,
    pub sup: bool,
}

impl<'a> Span<'a> {
    pub fn of(run: &'a Run) -> Span<'a> {
        Span {
            text: Cow::Borrowed(run.text.as_str()),
            bold: run.bold,
            italic: run.italic,
            sup: run.sup,
        }
    }

    pub fn plain(text: impl Into<Cow<'a, str>>) -> Span<'a> {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
            sup: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Both edges straight, the last line flush left (the decree's body).
    Justify,
    Left,
    Center,
    /// Flush right (numbers in a table's column).
    Right,
}

/// How to set one paragraph.
#[derive(Debug, Clone, Copy)]
pub struct ParaStyle {
    pub size: f32,
    /// Face of the whole paragraph, combined with each run's own bold/italic.
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    /// Left edge of the paragraph's box and its width.
    pub x: f32,
    pub width: f32,
    /// Indent of the first line and of the following lines, from `x`.
    pub first_indent: f32,
    pub rest_indent: f32,
}

impl ParaStyle {
    /// The body paragraph of the decree: justified, first-line indent, across the text width.
    pub fn body(ctx: &Ctx) -> ParaStyle {
        ParaStyle {
            size: ctx.s.body_pt,
            bold: false,
            italic: false,
            align: Align::Justify,
            x: ctx.geo.left,
            width: ctx.geo.text_width(),
            first_indent: mm(ctx.s.first_line_indent_mm),
            rest_indent: 0.0,
        }
    }

    /// Centred lines in a column (header, title, signer).
    pub fn centred(x: f32, width: f32, size: f32, bold: bool, italic: bool) -> ParaStyle {
        ParaStyle {
            size,
            bold,
            italic,
            align: Align::Center,
            x,
            width,
            first_indent: 0.0,
            rest_indent: 0.0,
        }
    }
}

/// One laid-out line: items positioned with the baseline at y = 0.
#[derive(Debug, Clone)]
pub struct Line {
    pub items: Vec<Item>,
    /// Natural width of the words and spaces (before justification).
    pub width: f32,
}

impl Line {
    /// The line's text as printed, without the space after its last word: what a painter that
    /// flows text itself (Word) writes to keep this line break.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for it in &self.items {
            if let Item::Text(t) = it {
                s.push_str(&t.text);
            }
        }
        s.truncate(s.trim_end().len());
        s
    }
}

struct Piece<'a> {
    text: Cow<'a, str>,
    face: Face,
    size: f32,
    rise: f32,
    width: f32,
}

struct Word {
    /// Range in the pieces.
    start: usize,
    end: usize,
    width: f32,
    /// Width of the space that follows (0 when nothing follows).
    space: f32,
}

/// Separators between words. A no-break space is not one: blanks left for the văn thư are made of
/// them so that they survive line breaking.
fn is_break_space(c: char) -> bool {
    c.is_whitespace() && c != '\u{a0}'
}

/// A word's text in the faces that draw it: the word itself when `face` has every glyph (the
/// usual case, answered by the measurer's cache), else cut where the face changes (see
/// `text::symbols`).
fn faced<'a>(ctx: &Ctx, face: Face, text: &'a str) -> Vec<(Face, Cow<'a, str>)> {
    if ctx.m.covers(face, text) {
        vec![(face, Cow::Borrowed(text))]
    } else {
        symbols::split(ctx.m.fonts(), face, text)
    }
}

fn words<'a>(ctx: &Ctx, spans: &'a [Span<'a>], st: &ParaStyle) -> (Vec<Piece<'a>>, Vec<Word>) {
    let mut pieces: Vec<Piece<'a>> = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    // True when the next text starts a new word (start, or after a space).
    let mut fresh = true;
    // Width of a space in each face at the paragraph's size, measured once.
    let mut spaces = [f32::NAN; 5];
    let max_w = (st.width - st.first_indent.max(st.rest_indent)).max(1.0);
    for span in spans {
        let face = Face::new(st.bold || span.bold, st.italic || span.italic);
        let (size, rise) = if span.sup {
            (st.size * SUP_SCALE, st.size * SUP_RISE)
        } else {
            (st.size, 0.0)
        };
        let text: &'a str = span.text.as_ref();
        let mut rest = text;
        while !rest.is_empty() {
            let ws = rest
                .find(|c: char| !is_break_space(c))
                .unwrap_or(rest.len());
            if ws > 0 {
                if let Some(w) = words.last_mut() {
                    if !fresh {
                        let sp = &mut spaces[face as usize];
                        if sp.is_nan() {
                            *sp = ctx.width(face, " ", st.size);
                        }
                        w.space = *sp;
                    }
                }
                fresh = true;
                rest = &rest[ws..];
                continue;
            }
            let end = rest.find(is_break_space).unwrap_or(rest.len());
            for (face, piece) in faced(ctx, face, &rest[..end]) {
                let width = ctx.width(face, &piece, size);
                // A word longer than a line (a link, a long code) is cut where the line is full
                // rather than running into the margin; its parts follow each other with no space.
                let parts = if width > max_w {
                    split_to_fit(ctx, piece, face, size, max_w)
                } else {
                    vec![(piece, width)]
                };
                let split = parts.len() > 1;
                for (k, (text, width)) in parts.into_iter().enumerate() {
                    if fresh || words.is_empty() || (split && k > 0) {
                        words.push(Word {
                            start: pieces.len(),
                            end: pieces.len(),
                            width: 0.0,
                            space: 0.0,
                        });
                        fresh = false;
                    }
                    pieces.push(Piece {
                        text,
                        face,
                        size,
                        rise,
                        width,
                    });
                    if let Some(w) = words.last_mut() {
                        w.end = pieces.len();
                        w.width += width;
                    }
                }
            }
            rest = &rest[end..];
        }
    }
    (pieces, words)
}

/// Cuts `text` into parts no wider than `max_w` (at least one character each).
fn split_to_fit<'a>(
    ctx: &Ctx,
    text: Cow<'a, str>,
    face: Face,
    size: f32,
    max_w: f32,
) -> Vec<(Cow<'a, str>, f32)> {
    let cut = |a: usize, b: usize| -> Cow<'a, str> {
        match &text {
            Cow::Borrowed(t) => {
                let t: &'a str = t;
                Cow::Borrowed(&t[a..b])
            }
            Cow::Owned(t) => Cow::Owned(t[a..b].to_string()),
        }
    };
    let mut parts = Vec::new();
    let mut start = 0;
    let mut last_fit = (start, 0.0f32);
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let w = ctx.width(face, &text[start..end], size);
        if w > max_w && last_fit.0 > start {
            parts.push((cut(start, last_fit.0), last_fit.1));
            start = last_fit.0;
            last_fit = (end, ctx.width(face, &text[start..end], size));
        } else {
            last_fit = (end, w);
        }
    }
    if start < text.len() {
        parts.push((cut(start, text.len()), last_fit.1));
    }
    parts
}

/// The text of a word as a reader reads it (its pieces joined).
fn word_text<'a>(pieces: &'a [Piece], w: &Word) -> Cow<'a, str> {
    match &pieces[w.start..w.end] {
        [one] => Cow::Borrowed(one.text.as_ref()),
        many => Cow::Owned(many.iter().map(|p| p.text.as_ref()).collect()),
    }
}

/// Where each line starts: greedy filling, as Word does, for justified and flush text; lines of
/// balanced length for centred text (see [`balance`]).
fn line_starts(words: &[Word], pieces: &[Piece], st: &ParaStyle) -> Vec<usize> {
    if st.align == Align::Center && words.len() > 1 {
        let widths: Vec<f32> = words.iter().map(|w| w.width).collect();
        let spaces: Vec<f32> = words.iter().map(|w| w.space).collect();
        let texts: Vec<Cow<str>> = words.iter().map(|w| word_text(pieces, w)).collect();
        let joins: Vec<balance::Join> = texts
            .windows(2)
            .enumerate()
            .map(|(i, p)| balance::join(&p[0], &p[1], i == 0))
            .collect();
        let first = st.width - st.first_indent;
        let rest = st.width - st.rest_indent;
        if let Some(starts) = balance::breaks(&widths, &spaces, &joins, first, rest) {
            return starts;
        }
    }
    let mut starts = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let avail = st.width
            - if starts.is_empty() {
                st.first_indent
            } else {
                st.rest_indent
            };
        starts.push(i);
        let mut j = i;
        let mut natural = 0.0f32;
        while j < words.len() {
            let add = if j == i {
                words[j].width
            } else {
                words[j - 1].space + words[j].width
            };
            if j > i && natural + add > avail + FIT_EPS {
                break;
            }
            natural += add;
            j += 1;
        }
        i = j;
    }
    starts
}

/// Breaks `spans` into lines and places the words of each line.
pub fn lines(ctx: &Ctx, spans: &[Span], st: &ParaStyle) -> Vec<Line> {
    let (pieces, words) = words(ctx, spans, st);
    let starts = line_starts(&words, &pieces, st);
    let mut out = Vec::with_capacity(starts.len());
    for (k, &i) in starts.iter().enumerate() {
        let j = starts.get(k + 1).copied().unwrap_or(words.len());
        let indent = if k == 0 {
            st.first_indent
        } else {
            st.rest_indent
        };
        let avail = st.width - indent;
        let on_line = &words[i..j];
        let natural = on_line.iter().map(|w| w.width).sum::<f32>()
            + on_line[..on_line.len() - 1]
                .iter()
                .map(|w| w.space)
                .sum::<f32>();
        let last = j == words.len();
        let gaps = (j - i - 1) as f32;
        let extra = if st.align == Align::Justify && !last && gaps > 0.0 {
            (avail - natural) / gaps
        } else {
            0.0
        };
        let mut x = st.x
            + indent
            + match st.align {
                Align::Center => (avail - natural) / 2.0,
                Align::Right => avail - natural,
                Align::Justify | Align::Left => 0.0,
            };
        let mut items = Vec::with_capacity(j - i);
        for (k, w) in on_line.iter().enumerate() {
            let not_last = k + 1 < on_line.len();
            let spaced = not_last && w.space > 0.0;
            let word_pieces = &pieces[w.start..w.end];
            for (q, pc) in word_pieces.iter().enumerate() {
                let trailing = spaced && q + 1 == word_pieces.len();
                let (text, width) = if trailing {
                    let mut s = String::with_capacity(pc.text.len() + 1);
                    s.push_str(&pc.text);
                    s.push(' ');
                    (s, pc.width + w.space)
                } else {
                    (pc.text.to_string(), pc.width)
                };
                items.push(Item::Text(TextItem {
                    x,
                    y: -pc.rise,
                    size: pc.size,
                    face: pc.face,
                    text,
                    width,
                    source: None,
                }));
                x += pc.width;
            }
            if not_last {
                x += w.space + extra;
            }
        }
        out.push(Line {
            items,
            width: natural,
        });
    }
    out
}

/// Sets every item's source.
pub fn tag(lines: &mut [Line], source: &Source) {
    for l in lines {
        for it in &mut l.items {
            if let Item::Text(t) = it {
                t.source = Some(source.clone());
            }
        }
    }
}

/// One chunk per line, each `line` high with the baseline placed in it, the first with
/// `space_before`.
///
/// Widow and orphan control lives here: a page may break before line `j` of an `n`-line
/// paragraph only when at least two lines stay on each side (`2 ≤ j ≤ n − 2`), so that no single
/// line of a paragraph is left alone at the top or the bottom of a page.
pub fn line_chunks(
    ctx: &Ctx,
    lines: Vec<Line>,
    size: f32,
    line: f32,
    space_before: f32,
) -> Vec<Chunk> {
    let n = lines.len();
    let base = ctx.baseline_in(line, size);
    lines
        .into_iter()
        .enumerate()
        .map(|(j, l)| {
            let mut items = l.items;
            for it in &mut items {
                super::geometry::shift(it, 0.0, base);
            }
            Chunk {
                height: line,
                space_before: if j == 0 { space_before } else { 0.0 },
                break_before: j == 0 || (j >= 2 && n - j >= 2),
                keep_with_next: false,
                repeat_above: None,
                close_below: Vec::new(),
                items,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LayoutSettings;
    use crate::text::{FontSet, Measurer};

    fn ctx(m: &Measurer) -> Ctx<'_> {
        let s = LayoutSettings::default();
        Ctx {
            m,
            s,
            geo: super::super::Geometry::portrait(&s),
        }
    }

    #[test]
    fn greedy_lines_fill_the_measure_and_never_pass_it() {
        let m = Measurer::new(FontSet::get());
        let c = ctx(&m);
        let st = ParaStyle::body(&c);
        let text = "Thực hiện Quy chế làm việc của UBND thành phố Hà Nội, văn bản số 2069/UBND-TH ngày 14/5/2026 của UBND Thành phố về kiểm điểm công tác chỉ đạo, điều hành 06 tháng đầu năm.";
        let spans = [Span::plain(text)];
        let ls = lines(&c, &spans, &st);
        assert!(ls.len() >= 2);
        let space = m.width(Face::Regular, " ", st.size);
        for (i, l) in ls.iter().enumerate() {
            let avail = st.width - if i == 0 { st.first_indent } else { 0.0 };
            assert!(l.width <= avail + FIT_EPS);
            if let Some(next) = ls.get(i + 1) {
                // Greedy: the next line's first word would not have fitted.
                let Item::Text(t) = &next.items[0] else {
                    panic!()
                };
                assert!(l.width + space + m.width(t.face, t.text.trim_end(), t.size) > avail);
            }
        }
        let joined: String = ls
            .iter()
            .map(|l| {
                l.items
                    .iter()
                    .map(|i| match i {
                        Item::Text(t) => t.text.as_str(),
                        _ => "",
                    })
                    .collect::<String>()
            })
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, text);
    }

    #[test]
    fn no_break_spaces_hold_a_blank_together() {
        let m = Measurer::new(FontSet::get());
        let c = ctx(&m);
        let st = ParaStyle::body(&c);
        let spans = [Span::plain("số \u{a0}\u{a0}\u{a0}/BC-UBND ngày")];
        let ls = lines(&c, &spans, &st);
        let texts: Vec<&str> = ls[0]
            .items
            .iter()
            .map(|i| match i {
                Item::Text(t) => t.text.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(texts, ["số ", "\u{a0}\u{a0}\u{a0}/BC-UBND ", "ngày"]);
    }
}
