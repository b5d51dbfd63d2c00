//! The drawn rules of a PDF: the path operators of every page read back with lopdf, so that a
//! test can measure the short rules under the agency name, the Tiêu ngữ and the trích yếu the
//! way a clerk with a ruler would, on our own PDF and on LibreOffice's PDF of our `.docx` alike.
//!
//! Include it with `#[path = "support/pdf_rules.rs"] mod pdf_rules;`. Positions are in points
//! from the top-left corner of the page (y downward), as in the engine's display list and in
//! `pdftotext -bbox`.
//!
//! The text operators are read too, for what poppler's word boxes do not say exactly: where each
//! piece of text starts, on which baseline and at which size ([`TextRun`]). Word boxes depend on
//! the ascent and descent a writer declares for its fonts (LibreOffice declares none, and poppler
//! then takes the font's bounding box), baselines and sizes do not.
//!
//! A rule may be drawn as a stroked line (`m … l … S`, what our PDF does) or as a thin filled
//! rectangle (`re f`, what some writers do for paragraph borders); both are returned as
//! [`HRule`]s. Stroked rectangles (table cells, the boxes of the marks) are kept apart as
//! [`Rect`]s. Form XObjects are followed; curves are ignored.

#![allow(dead_code)]

use std::path::Path;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A straight stroked segment, `width` points thick.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Segment {
    pub x1: f32,
    pub y1: f32,
    pub x2: f32,
    pub y2: f32,
    pub width: f32,
}

/// An axis-aligned rectangle, filled or stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub filled: bool,
}

/// A horizontal rule: from `x1` to `x2` (x1 < x2) at height `y` (its centre line).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct HRule {
    pub x1: f32,
    pub x2: f32,
    pub y: f32,
    pub thickness: f32,
}

impl HRule {
    pub fn len(&self) -> f32 {
        self.x2 - self.x1
    }
    pub fn mid(&self) -> f32 {
        (self.x1 + self.x2) / 2.0
    }
}

/// Where a text-showing operator starts: its baseline and its size (the font size scaled by the
/// text and graphics matrices), points from the top-left corner.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextRun {
    pub x: f32,
    pub y: f32,
    pub size: f32,
}

/// What is drawn on one page.
#[derive(Debug, Clone, Default)]
pub struct PageDrawing {
    pub width: f32,
    pub height: f32,
    pub segments: Vec<Segment>,
    pub rects: Vec<Rect>,
    pub texts: Vec<TextRun>,
}

/// A filled rectangle at most this thick is a rule, not a box.
const BAR_MAX_PT: f32 = 2.0;

impl PageDrawing {
    /// The horizontal rules of the page, top to bottom: stroked horizontal segments longer than
    /// a point, and filled bars at most [`BAR_MAX_PT`] thick and three times as long.
    pub fn hrules(&self) -> Vec<HRule> {
        let mut out: Vec<HRule> = self
            .segments
            .iter()
            .filter(|s| (s.y1 - s.y2).abs() < 0.1 && (s.x1 - s.x2).abs() > 1.0)
            .map(|s| HRule {
                x1: s.x1.min(s.x2),
                x2: s.x1.max(s.x2),
                y: (s.y1 + s.y2) / 2.0,
                thickness: s.width,
            })
            .chain(
                self.rects
                    .iter()
                    .filter(|r| r.filled && r.h <= BAR_MAX_PT && r.w > 3.0 * r.h)
                    .map(|r| HRule {
                        x1: r.x,
                        x2: r.x + r.w,
                        y: r.y + r.h / 2.0,
                        thickness: r.h,
                    }),
            )
            .collect();
        out.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x1.total_cmp(&b.x1)));
        out
    }

    /// Stroked rectangles (boxes, table cells).
    pub fn boxes(&self) -> Vec<Rect> {
        self.rects.iter().filter(|r| !r.filled).copied().collect()
    }
}

/// Every page's drawing, in page order.
pub fn drawings(file: &Path) -> Vec<PageDrawing> {
    let doc = Document::load(file)
        .unwrap_or_else(|e| panic!("lopdf cannot read {}: {e}", file.display()));
    doc.get_pages()
        .values()
        .map(|&id| page_drawing(&doc, id))
        .collect()
}

/// A 2-D affine matrix [a b c d e f] as PDF writes them.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m` applied after `ctm` (PDF's `cm`: the new CTM is m × CTM).
fn concat(m: &Matrix, ctm: &Matrix) -> Matrix {
    [
        m[0] * ctm[0] + m[1] * ctm[2],
        m[0] * ctm[1] + m[1] * ctm[3],
        m[2] * ctm[0] + m[3] * ctm[2],
        m[2] * ctm[1] + m[3] * ctm[3],
        m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
        m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

/// How much the matrix scales a length (for line widths).
fn scale(m: &Matrix) -> f32 {
    (m[0] * m[3] - m[1] * m[2]).abs().sqrt()
}

/// A dictionary entry of the page or, failing that, of its ancestors (MediaBox, Resources).
fn inherited<'a>(doc: &'a Document, page: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut dict = page;
    for _ in 0..32 {
        if let Ok(v) = dict.get(key) {
            return Some(v);
        }
        dict = dict
            .get(b"Parent")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_dictionary(id))
            .ok()?;
    }
    None
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn page_drawing(doc: &Document, id: ObjectId) -> PageDrawing {
    let page = doc.get_dictionary(id).expect("a page dictionary");
    let media: Vec<f32> = inherited(doc, page, b"MediaBox")
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| {
            a.iter()
                .filter_map(|v| deref(doc, v).as_float().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![0.0, 0.0, 595.28, 841.89]);
    let (x0, y0, x1, y1) = (media[0], media[1], media[2], media[3]);
    let mut out = PageDrawing {
        width: x1 - x0,
        height: y1 - y0,
        ..PageDrawing::default()
    };
    let content = doc.get_page_content(id);
    let resources = inherited(doc, page, b"Resources")
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    // Page space with the origin at the top-left corner, y downward.
    let flip: Matrix = [1.0, 0.0, 0.0, -1.0, -x0, y1];
    walk(doc, &content, resources, flip, &mut out, 0);
    out
}

#[derive(Clone, Copy)]
struct State {
    ctm: Matrix,
    line_width: f32,
    font_size: f32,
    leading: f32,
    rise: f32,
}

/// The text object's matrices: the current text matrix and the start of the current line.
#[derive(Clone, Copy)]
struct TextPos {
    tm: Matrix,
    line: Matrix,
}

impl TextPos {
    const START: TextPos = TextPos {
        tm: IDENTITY,
        line: IDENTITY,
    };
    /// Moves to the next line, offset (tx, ty) from the start of the current one.
    fn next_line(&mut self, tx: f32, ty: f32) {
        self.line = concat(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.line);
        self.tm = self.line;
    }
}

/// Interprets the path operators of one content stream (and the forms it draws).
fn walk(
    doc: &Document,
    content: &[u8],
    resources: Option<&Dictionary>,
    base: Matrix,
    out: &mut PageDrawing,
    depth: u32,
) {
    let Ok(content) = Content::decode(content) else {
        return;
    };
    let mut stack: Vec<State> = Vec::new();
    let mut st = State {
        ctm: base,
        line_width: 1.0,
        font_size: 0.0,
        leading: 0.0,
        rise: 0.0,
    };
    let mut text = TextPos::START;
    // The current path: straight segments and rectangles, in user space.
    let mut segs: Vec<(f32, f32, f32, f32)> = Vec::new();
    let mut rects: Vec<(f32, f32, f32, f32)> = Vec::new();
    let mut start = (0.0f32, 0.0f32);
    let mut cur = (0.0f32, 0.0f32);
    let mut subpath: Vec<(f32, f32)> = Vec::new();
    let mut polys: Vec<Vec<(f32, f32)>> = Vec::new();
    for op in &content.operations {
        let n: Vec<f32> = op
            .operands
            .iter()
            .filter_map(|o| o.as_float().ok())
            .collect();
        match op.operator.as_str() {
            "q" => stack.push(st),
            "Q" => st = stack.pop().unwrap_or(st),
            "cm" if n.len() == 6 => {
                st.ctm = concat(&[n[0], n[1], n[2], n[3], n[4], n[5]], &st.ctm);
            }
            "w" if !n.is_empty() => st.line_width = n[0],
            "BT" => text = TextPos::START,
            "Tf" if !n.is_empty() => st.font_size = n[n.len() - 1],
            "TL" if !n.is_empty() => st.leading = n[0],
            "Ts" if !n.is_empty() => st.rise = n[0],
            "Tm" if n.len() == 6 => {
                text.line = [n[0], n[1], n[2], n[3], n[4], n[5]];
                text.tm = text.line;
            }
            "Td" if n.len() == 2 => text.next_line(n[0], n[1]),
            "TD" if n.len() == 2 => {
                st.leading = -n[1];
                text.next_line(n[0], n[1]);
            }
            "T*" => text.next_line(0.0, -st.leading),
            "Tj" | "TJ" | "'" | "\"" => {
                if matches!(op.operator.as_str(), "'" | "\"") {
                    text.next_line(0.0, -st.leading);
                }
                let m = concat(&text.tm, &st.ctm);
                let (x, y) = apply(&m, 0.0, st.rise);
                // The size on the page: the font size scaled by the matrices' vertical scale.
                let (_, y1) = apply(&m, 0.0, st.rise + st.font_size);
                out.texts.push(TextRun {
                    x,
                    y,
                    size: (y1 - y).abs(),
                });
            }
            "m" if n.len() == 2 => {
                if subpath.len() > 1 {
                    polys.push(std::mem::take(&mut subpath));
                }
                subpath.clear();
                start = (n[0], n[1]);
                cur = start;
                subpath.push(cur);
            }
            "l" if n.len() == 2 => {
                segs.push((cur.0, cur.1, n[0], n[1]));
                cur = (n[0], n[1]);
                subpath.push(cur);
            }
            "c" if n.len() == 6 => {
                cur = (n[4], n[5]);
                subpath.clear();
            }
            "v" | "y" if n.len() == 4 => {
                cur = (n[2], n[3]);
                subpath.clear();
            }
            "h" => {
                if cur != start {
                    segs.push((cur.0, cur.1, start.0, start.1));
                }
                cur = start;
            }
            "re" if n.len() == 4 => {
                rects.push((n[0], n[1], n[2], n[3]));
                cur = (n[0], n[1]);
                start = cur;
            }
            "S" | "s" | "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" | "n" => {
                let stroke = matches!(op.operator.as_str(), "S" | "s" | "B" | "B*" | "b" | "b*");
                let fill = matches!(
                    op.operator.as_str(),
                    "f" | "F" | "f*" | "B" | "B*" | "b" | "b*"
                );
                if subpath.len() > 1 {
                    polys.push(std::mem::take(&mut subpath));
                }
                let m = st.ctm;
                for &(x, y, w, h) in &rects {
                    let (ax, ay) = apply(&m, x, y);
                    let (bx, by) = apply(&m, x + w, y + h);
                    if stroke || fill {
                        out.rects.push(Rect {
                            x: ax.min(bx),
                            y: ay.min(by),
                            w: (bx - ax).abs(),
                            h: (by - ay).abs(),
                            filled: fill,
                        });
                    }
                }
                if stroke {
                    let width = st.line_width * scale(&m);
                    for &(x1, y1, x2, y2) in &segs {
                        let (ax, ay) = apply(&m, x1, y1);
                        let (bx, by) = apply(&m, x2, y2);
                        out.segments.push(Segment {
                            x1: ax,
                            y1: ay,
                            x2: bx,
                            y2: by,
                            width,
                        });
                    }
                } else if fill {
                    // A filled polygon that is an axis-aligned rectangle (four corners drawn
                    // with m/l) is a bar like one drawn with `re`.
                    for p in &polys {
                        let pts: Vec<(f32, f32)> =
                            p.iter().map(|&(x, y)| apply(&m, x, y)).collect();
                        let (minx, maxx) = pts
                            .iter()
                            .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
                        let (miny, maxy) = pts
                            .iter()
                            .fold((f32::MAX, f32::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
                        let axis = pts.iter().all(|p| {
                            ((p.0 - minx).abs() < 0.05 || (p.0 - maxx).abs() < 0.05)
                                && ((p.1 - miny).abs() < 0.05 || (p.1 - maxy).abs() < 0.05)
                        });
                        if axis && pts.len() >= 4 {
                            out.rects.push(Rect {
                                x: minx,
                                y: miny,
                                w: maxx - minx,
                                h: maxy - miny,
                                filled: true,
                            });
                        }
                    }
                }
                segs.clear();
                rects.clear();
                polys.clear();
                subpath.clear();
            }
            "Do" if depth < 8 => {
                let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) else {
                    continue;
                };
                let Some(xobj) = resources
                    .and_then(|r| r.get(b"XObject").ok())
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(name).ok())
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_stream().ok())
                else {
                    continue;
                };
                if xobj.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form") {
                    continue;
                }
                let matrix: Matrix = xobj
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .map(|a| {
                        a.iter()
                            .filter_map(|v| v.as_float().ok())
                            .collect::<Vec<_>>()
                    })
                    .filter(|v| v.len() == 6)
                    .map(|v| [v[0], v[1], v[2], v[3], v[4], v[5]])
                    .unwrap_or(IDENTITY);
                let inner_res = xobj
                    .dict
                    .get(b"Resources")
                    .ok()
                    .map(|o| deref(doc, o))
                    .and_then(|o| o.as_dict().ok())
                    .or(resources);
                let data = xobj
                    .decompressed_content()
                    .unwrap_or_else(|_| xobj.content.clone());
                walk(
                    doc,
                    &data,
                    inner_res,
                    concat(&matrix, &st.ctm),
                    out,
                    depth + 1,
                );
            }
            _ => {}
        }
    }
}
