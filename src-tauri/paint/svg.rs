//! SVG painter: one SVG per page, in millimetres, for the app's preview pane.
//!
//! The page is sized in millimetres so that it prints and zooms at its true size, and its
//! viewBox is in points so that every coordinate is the display list's own: a word sits exactly
//! where the PDF puts it. Each line is one `<text>` (per source, size and baseline): its words
//! are `<tspan>`s placed at the layout's own x, so a justified line is exact to the thousandth
//! of a point whatever the viewer, while words that simply follow each other (a line that is not
//! stretched, the parts of a word in two faces of one line) share one run. The preview draws with
//! the very font files the layout measured (the window loads them from the engine), with kerning
//! and ligatures off as the layout measures, so a run ends where the layout says. Each `<text>`
//! carries where it comes from (`data-sec`/`data-block`/`data-field`), so a click in the preview
//! opens the right form. A page of the sample weighs about 15 KB (one positioned element per
//! word with its own `textLength` made it 86 KB).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::page::{Document, Item, Page, Source, TextItem, PT_PER_MM};
use crate::text::{fonts::SYMBOL_FAMILY, Face, FontSet};

/// The two families a page can be laid out with: Times New Roman (what the decree names, on
/// every Windows machine) and the bundled Liberation Serif, its metric twin.
const FAMILIES: [&str; 2] = ["Times New Roman", "Liberation Serif"];

/// Two items of one line closer than this (in points) to where the previous one ends are drawn
/// as one run.
const JOIN_EPS: f32 = 0.0005;

/// The SVG of one page.
///
/// `fonts` names the family the page was laid out with; it goes first in the font list, before
/// the other of [`FAMILIES`]. The window loads the layout's own font files under that name, but
/// a family the system also has is drawn with the system's files when it comes first: with the
/// bundled faces in use on Windows, "Times New Roman" first drew (and printed) the system's
/// Times New Roman instead of the Liberation Serif the layout measured.
pub fn page_svg(page: &Page, fonts: &FontSet) -> String {
    page_parts(page, fonts).svg()
}

/// The SVG of one page for printing: [`page_svg`] with every run of text held to the layout's
/// width (`textLength`). A webview prints text with its glyph advances rounded to the printer's
/// grid (WebKitGTK's print to file drew "NHÂN" in 13 pt 2 % short), so runs placed by advance
/// drift from the PDF by up to a point along a line; held to their widths, every word starts
/// and ends where the layout put it, as in the PDF.
pub fn page_svg_for_print(page: &Page, fonts: &FontSet) -> String {
    parts(page, fonts, true).svg()
}

/// One page's SVG in pieces: the `<svg>` start tag, then each child element of it (the white
/// background, one `<text>` per line, the rules) as its own string, so that the preview can
/// replace only the lines that changed ([`crate::paint::preview`]).
#[derive(Debug, Clone, PartialEq)]
pub struct PageParts {
    pub head: String,
    pub parts: Vec<String>,
}

impl PageParts {
    /// The whole SVG document.
    pub fn svg(&self) -> String {
        let len = self.head.len() + self.parts.iter().map(String::len).sum::<usize>() + 8;
        let mut s = String::with_capacity(len);
        s.push_str(&self.head);
        for p in &self.parts {
            s.push_str(p);
        }
        s.push_str("</svg>\n");
        s
    }
}

/// [`page_svg`] in pieces (see [`PageParts`]).
pub fn page_parts(page: &Page, fonts: &FontSet) -> PageParts {
    parts(page, fonts, false)
}

fn parts(page: &Page, fonts: &FontSet, exact: bool) -> PageParts {
    let mut family = format!("'{}'", escape(&fonts.family));
    for f in FAMILIES.iter().filter(|f| **f != fonts.family) {
        let _ = write!(family, ",'{f}'");
    }
    family.push_str(",serif");
    // Writing into a String cannot fail; the results are ignored on purpose.
    let mut head = String::with_capacity(400);
    let _ = write!(
        head,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}mm\" height=\"{}mm\" viewBox=\"0 0 {} {}\" font-family=\"{family}\" xml:space=\"preserve\" style=\"font-kerning:none;font-variant-ligatures:none;text-rendering:geometricPrecision\">",
        num(page.width / PT_PER_MM),
        num(page.height / PT_PER_MM),
        num(page.width),
        num(page.height),
    );
    let mut parts = Vec::with_capacity(page.items.len() / 4 + 8);
    parts.push(format!(
        "<rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>",
        num(page.width),
        num(page.height)
    ));
    let texts = page.texts();
    let mut i = 0;
    while i < texts.len() {
        let mut j = i + 1;
        while j < texts.len() && same_line(texts[j - 1], texts[j]) {
            j += 1;
        }
        let mut s = String::with_capacity(64 + 48 * (j - i));
        if exact {
            exact_line(&mut s, &texts[i..j]);
        } else {
            line(&mut s, &texts[i..j]);
        }
        parts.push(s);
        i = j;
    }
    for item in &page.items {
        match item {
            Item::Text(_) => {}
            Item::Rule {
                x1,
                y1,
                x2,
                y2,
                width,
            } => parts.push(format!(
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#000\" stroke-width=\"{}\"/>",
                num(*x1),
                num(*y1),
                num(*x2),
                num(*y2),
                num(*width)
            )),
            Item::Rect { x, y, w, h, width } => parts.push(format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#000\" stroke-width=\"{}\"/>",
                num(*x),
                num(*y),
                num(*w),
                num(*h),
                num(*width)
            )),
        }
    }
    PageParts { head, parts }
}

/// Do `a` and `b` belong to one `<text>`: same baseline, size and source, `b` to the right?
fn same_line(a: &TextItem, b: &TextItem) -> bool {
    a.y == b.y && a.size == b.size && a.source == b.source && b.x >= a.x
}

/// The face attributes of `face` where the surrounding element has `outer`.
fn face_attrs(s: &mut String, face: Face, outer: Option<Face>) {
    if Some(face) == outer {
        return;
    }
    if face == Face::Symbol {
        let _ = write!(s, " font-family=\"'{SYMBOL_FAMILY}',sans-serif\"");
    }
    let outer_bold = outer.is_some_and(Face::is_bold);
    let outer_italic = outer.is_some_and(Face::is_italic);
    if face.is_bold() != outer_bold {
        s.push_str(if face.is_bold() {
            " font-weight=\"bold\""
        } else {
            " font-weight=\"normal\""
        });
    }
    if face.is_italic() != outer_italic {
        s.push_str(if face.is_italic() {
            " font-style=\"italic\""
        } else {
            " font-style=\"normal\""
        });
    }
}

/// One `<text>` for the items of a line that share baseline, size and source: the first run at
/// the element's x, every word that does not simply follow the previous one (a justified gap, a
/// change of face) in a `<tspan>` at its own x.
fn line(s: &mut String, items: &[&TextItem]) {
    let first = items[0];
    let _ = write!(
        s,
        "<text x=\"{}\" y=\"{}\" font-size=\"{}\"",
        num(first.x),
        num(first.y),
        num(first.size)
    );
    face_attrs(s, first.face, None);
    if let Some(src) = &first.source {
        source_attrs(s, src);
    }
    s.push('>');
    escape_into(s, &first.text);
    let mut open = false;
    let mut prev = first;
    for t in &items[1..] {
        let follows = (t.x - (prev.x + prev.width)).abs() < JOIN_EPS;
        if follows && t.face == prev.face {
            escape_into(s, &t.text);
        } else {
            if open {
                s.push_str("</tspan>");
            }
            let _ = write!(s, "<tspan x=\"{}\"", num(t.x));
            face_attrs(s, t.face, Some(first.face));
            s.push('>');
            escape_into(s, &t.text);
            open = true;
        }
        prev = t;
    }
    if open {
        s.push_str("</tspan>");
    }
    s.push_str("</text>");
}

/// [`line`] for printing: every run a `<tspan>` at its x, held to its width.
fn exact_line(s: &mut String, items: &[&TextItem]) {
    let first = items[0];
    let _ = write!(
        s,
        "<text y=\"{}\" font-size=\"{}\"",
        num(first.y),
        num(first.size)
    );
    face_attrs(s, first.face, None);
    s.push('>');
    let mut i = 0;
    while i < items.len() {
        let mut j = i + 1;
        while j < items.len()
            && items[j].face == items[i].face
            && (items[j].x - (items[j - 1].x + items[j - 1].width)).abs() < JOIN_EPS
        {
            j += 1;
        }
        let end = items[j - 1].x + items[j - 1].width;
        let _ = write!(
            s,
            "<tspan x=\"{}\" textLength=\"{}\" lengthAdjust=\"spacing\"",
            num(items[i].x),
            num(end - items[i].x)
        );
        face_attrs(s, items[i].face, Some(first.face));
        s.push('>');
        for t in &items[i..j] {
            escape_into(s, &t.text);
        }
        s.push_str("</tspan>");
        i = j;
    }
    s.push_str("</text>");
}

/// The link back to the report model, as data attributes the preview's script reads.
fn source_attrs(s: &mut String, src: &Source) {
    let _ = match src {
        Source::Header { field } => write!(s, " data-field=\"header.{}\"", escape(field)),
        Source::Closing { field } => write!(s, " data-field=\"closing.{}\"", escape(field)),
        Source::Section { id, block } => {
            let r = write!(s, " data-sec=\"{}\"", escape(id));
            match block {
                Some(b) => write!(s, " data-block=\"{b}\""),
                None => r,
            }
        }
        Source::Intro { block } => write!(s, " data-field=\"intro\" data-block=\"{block}\""),
        Source::Appendix { id } => {
            write!(s, " data-field=\"appendix\" data-sec=\"{}\"", escape(id))
        }
    };
}

/// Writes one SVG per page of `doc` into `dir` (created if missing, its parent must exist):
/// `trang-001.svg`, `trang-002.svg`, …. Stale page files from an earlier, longer render are
/// removed, so the folder always holds exactly this document's pages.
pub fn write_svg_dir(doc: &Document, fonts: &FontSet, dir: &Path) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        std::fs::create_dir(dir).map_err(|e| Error::from_io("tạo thư mục", dir, &e))?;
    }
    let mut written = Vec::with_capacity(doc.pages.len());
    for (i, page) in doc.pages.iter().enumerate() {
        let path = dir.join(page_file_name(i + 1));
        // Each page whole or not at all (issue 9, point 7).
        crate::files::write_atomically(&path, page_svg(page, fonts).as_bytes())?;
        written.push(path);
    }
    // Page files beyond the new last page belong to an older render.
    let entries = std::fs::read_dir(dir).map_err(|e| Error::from_io("đọc thư mục", dir, &e))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if is_page_file(&path) && !written.contains(&path) {
            std::fs::remove_file(&path).map_err(|e| Error::from_io("xoá", &path, &e))?;
        }
    }
    Ok(written)
}

/// `trang-001.svg` for page 1: zero-padded so that files sort in page order.
pub fn page_file_name(n: usize) -> String {
    format!("trang-{n:03}.svg")
}

fn is_page_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.strip_prefix("trang-")
        .and_then(|r| r.strip_suffix(".svg"))
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// A coordinate with at most three decimals and no trailing zeros: a thousandth of a point
/// is far below what any screen shows, and short numbers keep the preview small.
fn num(v: f32) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let mut s = format!("{r:.3}");
    while s.ends_with('0') {
        s.pop();
    }
    if s.ends_with('.') {
        s.pop();
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

/// XML escaping for text content and attribute values.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 cannot hold at all: drop them rather than write a broken file.
            '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' => {}
            _ => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{A4_HEIGHT, A4_WIDTH};
    use crate::text::Face;

    fn word(x: f32, y: f32, text: &str, source: Option<Source>) -> Item {
        Item::Text(TextItem {
            x,
            y,
            size: 14.0,
            face: Face::BoldItalic,
            text: text.to_string(),
            width: 30.5,
            source,
        })
    }

    fn page(items: Vec<Item>) -> Page {
        Page {
            width: A4_WIDTH,
            height: A4_HEIGHT,
            number: None,
            items,
        }
    }

    #[test]
    fn page_is_sized_in_millimetres_with_a_viewbox_in_points() {
        let svg = page_svg(&page(vec![]), FontSet::get());
        assert!(svg.contains("width=\"210mm\" height=\"297mm\""), "{svg}");
        assert!(svg.contains("viewBox=\"0 0 595.276 841.89\""), "{svg}");
        assert!(svg.contains("fill=\"#fff\""), "white page: {svg}");
    }

    #[test]
    fn the_family_the_page_was_laid_out_with_comes_first() {
        // The bundled faces: their family before Times New Roman, which a Windows PC has too.
        let svg = page_svg(&page(vec![]), &FontSet::bundled());
        assert!(
            svg.contains("font-family=\"'Liberation Serif','Times New Roman',serif\""),
            "{svg}"
        );
    }

    #[test]
    fn words_keep_position_width_face_and_escaped_text() {
        let src = Source::Section {
            id: "s-2".into(),
            block: Some(3),
        };
        let svg = page_svg(
            &page(vec![word(85.04, 120.5, "Tăng <5%> & \"ổn\" ", Some(src))]),
            FontSet::get(),
        );
        assert!(svg.contains(
            "<text x=\"85.04\" y=\"120.5\" font-size=\"14\" font-weight=\"bold\" font-style=\"italic\" data-sec=\"s-2\" data-block=\"3\">Tăng &lt;5%&gt; &amp; &quot;ổn&quot; </text>"
        ), "{svg}");
    }

    fn item(x: f32, text: &str, width: f32, face: Face) -> Item {
        Item::Text(TextItem {
            x,
            y: 100.0,
            size: 14.0,
            face,
            text: text.to_string(),
            width,
            source: None,
        })
    }

    #[test]
    fn a_line_is_one_text_with_words_placed_where_the_gaps_are_stretched() {
        // "Một hai ba": "Một " runs into "hai " (no stretch), "ba" after a justified gap, and a
        // symbol in its own face.
        let svg = page_svg(
            &page(vec![
                item(10.0, "Một ", 20.0, Face::Regular),
                item(30.0, "hai ", 15.0, Face::Regular),
                item(52.5, "ba", 10.0, Face::Regular),
                item(62.5, "✓", 9.0, Face::Symbol),
            ]),
            FontSet::get(),
        );
        assert_eq!(svg.matches("<text").count(), 1, "{svg}");
        assert!(
            svg.contains("<text x=\"10\" y=\"100\" font-size=\"14\">Một hai <tspan x=\"52.5\">ba</tspan><tspan x=\"62.5\" font-family=\"'Noto Sans Symbols2',sans-serif\">✓</tspan></text>"),
            "{svg}"
        );
    }

    #[test]
    fn a_printed_line_holds_every_run_to_the_layouts_width() {
        let svg = page_svg_for_print(
            &page(vec![
                item(10.0, "Một ", 20.0, Face::Regular),
                item(30.0, "hai ", 15.0, Face::Regular),
                item(52.5, "ba", 10.0, Face::Bold),
            ]),
            FontSet::get(),
        );
        assert!(
            svg.contains("<text y=\"100\" font-size=\"14\"><tspan x=\"10\" textLength=\"35\" lengthAdjust=\"spacing\">Một hai </tspan><tspan x=\"52.5\" textLength=\"10\" lengthAdjust=\"spacing\" font-weight=\"bold\">ba</tspan></text>"),
            "{svg}"
        );
    }

    #[test]
    fn header_fields_link_back_by_name() {
        let src = Source::Header {
            field: "trich_yeu".into(),
        };
        let svg = page_svg(&page(vec![word(1.0, 2.0, "Về", Some(src))]), FontSet::get());
        assert!(svg.contains("data-field=\"header.trich_yeu\""), "{svg}");
    }

    #[test]
    fn rules_and_boxes_are_black_strokes() {
        let svg = page_svg(
            &page(vec![
                Item::Rule {
                    x1: 10.0,
                    y1: 20.0,
                    x2: 110.0,
                    y2: 20.0,
                    width: 0.5,
                },
                Item::Rect {
                    x: 5.0,
                    y: 6.0,
                    w: 70.0,
                    h: 20.0,
                    width: 1.0,
                },
            ]),
            FontSet::get(),
        );
        assert!(svg.contains("<line x1=\"10\" y1=\"20\" x2=\"110\" y2=\"20\" stroke=\"#000\" stroke-width=\"0.5\"/>"), "{svg}");
        assert!(svg.contains("<rect x=\"5\" y=\"6\" width=\"70\" height=\"20\" fill=\"none\" stroke=\"#000\" stroke-width=\"1\"/>"), "{svg}");
    }

    #[test]
    fn svg_dir_holds_exactly_the_pages_of_the_last_render() {
        let dir = std::env::temp_dir().join(format!("baocao-svg-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let three = Document {
            pages: vec![page(vec![]), page(vec![]), page(vec![])],
            ..Document::default()
        };
        let files = write_svg_dir(&three, FontSet::get(), &dir).unwrap();
        assert_eq!(files.len(), 3);
        assert!(dir.join("trang-003.svg").is_file());
        let one = Document {
            pages: vec![page(vec![])],
            ..Document::default()
        };
        write_svg_dir(&one, FontSet::get(), &dir).unwrap();
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, vec!["trang-001.svg"]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_page_file_is_replaced_whole_never_rewritten_in_place() {
        // A second name of the old page file (a viewer's copy, a hard link) stands for whoever
        // still reads the old page: it keeps the old content while the new page takes the name.
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("svg");
        std::fs::create_dir(&dir).unwrap();
        let other = tmp.path().join("trang cũ.svg");
        std::fs::write(&other, "<svg>cũ</svg>").unwrap();
        std::fs::hard_link(&other, dir.join("trang-001.svg")).unwrap();
        let one = Document {
            pages: vec![page(vec![])],
            ..Document::default()
        };
        write_svg_dir(&one, FontSet::get(), &dir).unwrap();
        assert_eq!(std::fs::read_to_string(&other).unwrap(), "<svg>cũ</svg>");
        let new = std::fs::read_to_string(dir.join("trang-001.svg")).unwrap();
        assert!(new.contains("viewBox"), "{new}");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary file left"
        );
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(num(595.2756), "595.276");
        assert_eq!(num(14.0), "14");
        assert_eq!(num(-0.0001), "0");
    }
}
