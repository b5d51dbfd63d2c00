//! The preview's pages as the window keeps them: the report laid out through the layout's
//! section cache, and the SVG painted only for the pages whose display list changed since the
//! last update (pages are compared as data, not as SVG text: painting every page to compare the
//! strings cost more than the layout itself).

use crate::layout::{layout_with, Cache};
use crate::model::Report;
use crate::page::{Document, Page};
use crate::text::Measurer;

use super::svg::page_svg;

/// One report's pages as last sent to the window.
#[derive(Default)]
pub struct Preview {
    cache: Cache,
    pages: Vec<Page>,
}

/// What changed since the last update.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub page_count: usize,
    /// (page index, SVG) of the pages whose display list differs from the last update.
    pub changed: Vec<(usize, String)>,
    /// Sections laid out again (the others came from the cache).
    pub sections_set: usize,
}

impl Preview {
    /// Lays `report` out and paints the pages that changed (all of them when `all` is set, as
    /// for a window that has none yet).
    pub fn update(&mut self, report: &Report, m: &Measurer, all: bool) -> Update {
        let doc = layout_with(report, m, &mut self.cache);
        let changed = doc
            .pages
            .iter()
            .enumerate()
            .filter(|(i, p)| all || self.pages.get(*i) != Some(*p))
            .map(|(i, p)| (i, page_svg(p, m.fonts())))
            .collect();
        let update = Update {
            page_count: doc.pages.len(),
            changed,
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
        let again = p.update(&r, &m, false);
        assert!(again.changed.is_empty());
        assert_eq!(again.sections_set, 0);
        // A word changed in the last section: only its page is painted again.
        let last = r.body.last_mut().unwrap();
        if let Block::Paragraph { runs } = &mut last.blocks[5] {
            runs[0].text = runs[0].text.replacen("Đoạn", "Khoản", 1);
        }
        let edit = p.update(&r, &m, false);
        assert_eq!(edit.sections_set, 1);
        assert_eq!(
            edit.changed.iter().map(|c| c.0).collect::<Vec<_>>(),
            [edit.page_count - 1]
        );
        assert_eq!(p.pages(), &crate::layout::layout(&r, &m).pages[..]);
    }
}
