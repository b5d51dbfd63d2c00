//! The preview's pages as the window keeps them: the report laid out through the layout's
//! section cache, the SVG painted only for the pages whose display list changed since the last
//! update (pages are compared as data, not as SVG text: painting every page to compare the
//! strings cost more than the layout itself), and of those only the lines that changed sent:
//! typing a letter sends the one `<text>` of the line it is on (a few hundred bytes) instead of
//! the page (15–20 KB), and the window replaces that one element.

use serde::Serialize;

use crate::layout::{layout_with, Cache};
use crate::model::Report;
use crate::page::{Document, Page};
use crate::text::Measurer;

use super::svg::{page_parts, PageParts};

/// One report's pages as last sent to the window.
#[derive(Default)]
pub struct Preview {
    cache: Cache,
    pages: Vec<Page>,
    /// The SVG of each page as the window has it, in pieces.
    svgs: Vec<PageParts>,
}

/// What changed since the last update.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Update {
    pub page_count: usize,
    /// (page index, SVG) of the pages to draw whole: new pages, and every page when asked.
    pub changed: Vec<(usize, String)>,
    /// The pages of which only some elements changed.
    pub patches: Vec<Patch>,
    /// Sections laid out again (the others came from the cache).
    #[serde(skip)]
    pub sections_set: usize,
}

/// A change to one page's `<svg>` as the window has it: its child elements `at .. at + remove`
/// replaced by the elements of `insert`. `count`, the number of children before, lets the window
/// check that its page is the one the patch was made for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Patch {
    pub page: usize,
    pub count: usize,
    pub at: usize,
    pub remove: usize,
    pub insert: String,
}

impl Preview {
    /// Lays `report` out and paints what changed: every page whole when `all` is set (a window
    /// that has none yet), else the changed elements of the pages whose display list changed.
    pub fn update(&mut self, report: &Report, m: &Measurer, all: bool) -> Update {
        let doc = layout_with(report, m, &mut self.cache);
        let mut changed = Vec::new();
        let mut patches = Vec::new();
        self.svgs.truncate(doc.pages.len());
        for (i, page) in doc.pages.iter().enumerate() {
            if !all && self.pages.get(i) == Some(page) && i < self.svgs.len() {
                continue;
            }
            let parts = page_parts(page, m.fonts());
            match self.svgs.get_mut(i) {
                Some(old) if !all && old.head == parts.head => {
                    if let Some(p) = patch(i, old, &parts) {
                        patches.push(p);
                    }
                    *old = parts;
                }
                Some(old) => {
                    changed.push((i, parts.svg()));
                    *old = parts;
                }
                None => {
                    changed.push((i, parts.svg()));
                    self.svgs.push(parts);
                }
            }
        }
        let update = Update {
            page_count: doc.pages.len(),
            changed,
            patches,
            sections_set: self.cache.misses,
        };
        self.pages = doc.pages;
        update
    }

    /// The pages as last laid out.
    pub fn pages(&self) -> &[Page] {
        &self.pages
    }

    /// The document of the last update (for a PDF of exactly what the window shows).
    pub fn document(&self, report: &Report) -> Document {
        Document {
            pages: self.pages.clone(),
            info: crate::layout::info(report),
        }
    }
}

/// The elements of page `page` that differ between `old` and `new`: what lies between their
/// common beginning and their common end. `None` when they are the same.
fn patch(page: usize, old: &PageParts, new: &PageParts) -> Option<Patch> {
    let (a, b) = (&old.parts, &new.parts);
    let head = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if head == a.len() && head == b.len() {
        return None;
    }
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    Some(Patch {
        page,
        count: a.len(),
        at: head,
        remove: a.len() - head - tail,
        insert: b[head..b.len() - tail].concat(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, Run, Section};
    use crate::text::FontSet;

    fn report(n: usize) -> Report {
        Report {
            body: (0..n)
                .map(|i| Section {
                    id: format!("s{i}"),
                    title: format!("Đề mục số {i}"),
                    blocks: (0..6)
                        .map(|k| Block::Paragraph {
                            runs: vec![Run::plain(
                                format!("Đoạn văn {k} của đề mục {i} có nhiều chữ để chiếm vài dòng trên trang giấy. ")
                                    .repeat(4),
                            )],
                        })
                        .collect(),
                    ..Section::default()
                })
                .collect(),
            ..Report::default()
        }
    }

    #[test]
    fn only_the_pages_that_changed_are_painted() {
        let m = Measurer::new(FontSet::get());
        let mut r = report(12);
        let mut p = Preview::default();
        let first = p.update(&r, &m, true);
        assert!(first.page_count >= 4);
        assert_eq!(first.changed.len(), first.page_count);
        assert!(first.patches.is_empty());
        let mut window: Vec<Vec<String>> =
            first.changed.iter().map(|(_, svg)| children(svg)).collect();
        let again = p.update(&r, &m, false);
        assert!(again.changed.is_empty() && again.patches.is_empty());
        assert_eq!(again.sections_set, 0);
        // A word changed in the last section: only its page is painted again, and of it only
        // the line the word is on is sent.
        let last = r.body.last_mut().unwrap();
        if let Block::Paragraph { runs } = &mut last.blocks[5] {
            runs[0].text = runs[0].text.replacen("Đoạn", "Khoản", 1);
        }
        let edit = p.update(&r, &m, false);
        assert_eq!(edit.sections_set, 1);
        assert!(edit.changed.is_empty());
        assert_eq!(edit.patches.len(), 1);
        let patch = &edit.patches[0];
        assert_eq!(patch.page, edit.page_count - 1);
        assert_eq!((patch.remove, children(&patch.insert).len()), (1, 1));
        assert!(patch.insert.contains("Khoản"), "{}", patch.insert);
        // The window, patched as ui/preview.js patches it, has the page as painted whole.
        let w = &mut window[patch.page];
        assert_eq!(w.len(), patch.count);
        w.splice(patch.at..patch.at + patch.remove, children(&patch.insert));
        let laid = crate::layout::layout(&r, &m);
        assert_eq!(p.pages(), &laid.pages[..]);
        let whole = super::super::svg::page_svg(&laid.pages[patch.page], m.fonts());
        assert_eq!(*w, children(&whole));
    }

    /// The top-level elements of an SVG (or of a run of its elements), as the window's DOM has
    /// them: `<svg>` itself left out.
    fn children(svg: &str) -> Vec<String> {
        let body = match svg.find("<svg") {
            Some(at) => {
                let open = at + svg[at..].find('>').unwrap() + 1;
                &svg[open..svg.rfind("</svg>").unwrap()]
            }
            None => svg,
        };
        let mut out = Vec::new();
        let mut rest = body;
        while !rest.is_empty() {
            let end = if rest.starts_with("<text") {
                rest.find("</text>").unwrap() + "</text>".len()
            } else {
                rest.find("/>").unwrap() + 2
            };
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
        out
    }
}
