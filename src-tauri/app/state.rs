//! The one managed state of the app: the measurer (kept warm so a relayout costs milliseconds),
//! the drafts, and the draft being edited with the pages last sent to the window.

use std::sync::atomic::AtomicBool;
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
    /// Set when the user closed the window once: the window was asked to send its last edits,
    /// and the next close request goes through.
    pub closing: AtomicBool,
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
#[derive(Serialize)]
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
            closing: AtomicBool::new(false),
        }
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
