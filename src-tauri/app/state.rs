//! The one managed state of the app: the measurer (kept warm so a relayout costs milliseconds),
//! the drafts, and the draft being edited with the pages last sent to the window.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use baocao::model::Report;
use baocao::paint::preview::Preview;
use baocao::text::Measurer;
use baocao::{Error, Result};

use super::drafts::Drafts;
use super::engine;

pub struct AppState {
    inner: Mutex<Inner>,
    /// The close requests made (the window's close button) and the last one the window
    /// answered: a window that answers is saving its last edits and closes itself when they are
    /// on disk (or the user chose otherwise); one that does not answer (a hung page) is closed.
    close_asked: AtomicU64,
    close_answered: AtomicU64,
}

pub struct Inner {
    /// One measurer for the life of the app: its word cache makes a relayout of the sample cost
    /// a few milliseconds instead of a few hundred.
    pub measurer: Measurer,
    pub drafts: Drafts,
    pub open: Option<OpenDraft>,
}

/// The draft in the editor.
pub struct OpenDraft {
    pub id: String,
    pub report: Report,
    /// The pages as last sent to the window: the layout's section cache and the display list,
    /// to lay out again only the sections that changed and paint only the pages that did.
    pub preview: Preview,
}

/// What the window needs to draw the editor after a change.
#[derive(Debug, Serialize)]
pub struct Pages {
    pub page_count: usize,
    /// (page index, SVG) of the pages that differ from what the window has.
    pub changed: Vec<(usize, String)>,
    /// (section id, heading number) in outline order.
    pub numbers: Vec<(String, String)>,
    /// "10:42" when the draft was saved by this change.
    pub saved_at: Option<String>,
}

impl AppState {
    pub fn new(drafts: Drafts) -> AppState {
        AppState {
            inner: Mutex::new(Inner {
                measurer: engine::measurer(),
                drafts,
                open: None,
            }),
            close_asked: AtomicU64::new(0),
            close_answered: AtomicU64::new(0),
        }
    }

    /// A close request: returns its number, for [`AppState::close_was_answered`].
    pub fn ask_close(&self) -> u64 {
        self.close_asked.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// The window's answer to the close requests made so far.
    pub fn answer_close(&self) {
        let asked = self.close_asked.load(Ordering::SeqCst);
        self.close_answered.fetch_max(asked, Ordering::SeqCst);
    }

    pub fn close_was_answered(&self, request: u64) -> bool {
        self.close_answered.load(Ordering::SeqCst) >= request
    }

    /// The state, even when an earlier command panicked while holding it: the data in it stays
    /// usable, and a window that stops answering is worse than one stale page.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Inner {
    pub fn open_draft(&mut self) -> Result<&mut OpenDraft> {
        self.open.as_mut().ok_or_else(|| {
            Error::input("Chưa mở bản nháp nào. Hãy chọn một báo cáo ở màn hình đầu.")
        })
    }

    /// The window's report of draft `id` after an edit (already through [`engine::prepare`]):
    /// saved first, and only once it is on disk does it become the open draft's report and get
    /// laid out.
    ///
    /// Why in this order: when the save fails (a locked or full disk), the draft in memory must
    /// still be the one on disk, so that nothing (the title that follows the trích yếu, an
    /// export, the next save) builds on a change that was never kept. The window keeps the
    /// change and sends it again (ui/save.js); the error says why it could not be saved.
    pub fn update(&mut self, id: &str, report: Report) -> Result<Pages> {
        let open = self.open_draft()?;
        if open.id != id {
            // An edit of a draft the window has left since: never saved into another draft.
            return Err(Error::input(
                "Bản nháp này đã được đóng nên thay đổi không được lưu vào đó. Hãy mở lại bản nháp.",
            ));
        }
        let (id, before) = (open.id.clone(), open.report.clone());
        self.drafts.save(&id, &before, &report)?;
        let mut pages = self.relayout(report, false)?;
        pages.saved_at = Some(chrono::Local::now().format("%H:%M").to_string());
        Ok(pages)
    }

    /// Lays out `report`, replaces the open draft's report with it and returns the pages that
    /// changed since the last call (all of them when `all` is set).
    pub fn relayout(&mut self, report: Report, all: bool) -> Result<Pages> {
        let numbers = engine::numbers(&report);
        let inner = &mut *self;
        let open = inner.open.as_mut().ok_or_else(|| {
            Error::input("Chưa mở bản nháp nào. Hãy chọn một báo cáo ở màn hình đầu.")
        })?;
        let update = open.preview.update(&report, &inner.measurer, all);
        open.report = report;
        Ok(Pages {
            page_count: update.page_count,
            changed: update.changed,
            numbers,
            saved_at: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(name: &str) -> (tempfile::TempDir, AppState) {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join(name);
        let mut drafts = Drafts::open(dir).unwrap();
        drafts.seed_sample_if_empty().unwrap();
        (tmp, AppState::new(drafts))
    }

    fn open_first(inner: &mut Inner) -> String {
        let id = inner.drafts.list("").unwrap()[0].id.clone();
        let report = inner.drafts.load(&id).unwrap();
        inner.open = Some(OpenDraft {
            id: id.clone(),
            report: report.clone(),
            preview: Default::default(),
        });
        inner.relayout(report, true).unwrap();
        id
    }

    #[test]
    fn a_failed_save_leaves_the_draft_in_memory_as_it_is_on_disk() {
        let (_tmp, state) = state("fail");
        let mut inner = state.lock();
        let id = open_first(&mut inner);
        let stored = inner.open_draft().unwrap().report.clone();
        let mut edited = stored.clone();
        edited.trich_yeu = "Kết quả công tác quý III năm 2026".into();

        inner.drafts.set_write_fault(true).unwrap();
        let e = inner.update(&id, edited.clone()).unwrap_err();
        assert_eq!(e.kind, baocao::ErrorKind::Storage, "{}", e.message);
        assert_eq!(inner.open_draft().unwrap().report, stored);
        assert_eq!(inner.drafts.load(&id).unwrap(), stored);

        // The window sends the change again once the disk takes writes.
        inner.drafts.set_write_fault(false).unwrap();
        let pages = inner.update(&id, edited.clone()).unwrap();
        assert!(pages.saved_at.is_some());
        assert_eq!(inner.open_draft().unwrap().report, edited);
        assert_eq!(inner.drafts.load(&id).unwrap(), edited);
        // The title followed the trích yếu from the state that was on disk.
        assert_eq!(inner.drafts.info(&id).unwrap().period, "quý III năm 2026");
    }

    #[test]
    fn an_edit_of_a_draft_left_since_is_not_saved_into_the_open_one() {
        let (_tmp, state) = state("left");
        let mut inner = state.lock();
        let id = open_first(&mut inner);
        let stored = inner.drafts.load(&id).unwrap();
        let e = inner.update("khac12", Report::default()).unwrap_err();
        assert!(e.message.contains("đã được đóng"), "{}", e.message);
        assert_eq!(inner.drafts.load(&id).unwrap(), stored);
    }
}
