//! The one managed state of the app, in two parts under two locks: the store with the draft
//! being edited as it is on disk ([`Inner`]), and the preview of that draft as the window last
//! sent it ([`Live`]). Apart so that a keystroke's relayout never waits for a save (a save
//! waiting on a locked database takes seconds) and a save never waits for a layout.
//!
//! Lock order: [`AppState::lock`] before [`AppState::live`] when a command needs both (opening
//! a draft); the preview's commands take only `live`, the store's only `lock`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;

use baocao::model::{Report, Section};
use baocao::paint::preview::{Patch, Preview};
use baocao::text::Measurer;
use baocao::{Error, Result};

use super::drafts::Drafts;
use super::engine;

pub struct AppState {
    inner: Mutex<Inner>,
    live: Mutex<Live>,
    /// The close requests made (the window's close button) and the last one the window
    /// answered: a window that answers is saving its last edits and closes itself when they are
    /// on disk (or the user chose otherwise); one that does not answer (a hung page) is closed.
    close_asked: AtomicU64,
    close_answered: AtomicU64,
    /// The files the app wrote for the user in this session (PDFs, draft files, backups): the
    /// only ones the window may ask to open or show in their folder.
    written: Mutex<HashSet<PathBuf>>,
    /// The files the user picked for "Tổng hợp" (template and units): the only ones the window
    /// may then ask to consolidate.
    picked: Mutex<HashSet<PathBuf>>,
}

pub struct Inner {
    /// For the layouts made from the store (export, an earlier version): its word cache makes
    /// a layout cost a few milliseconds instead of a few hundred.
    pub measurer: Measurer,
    pub drafts: Drafts,
    pub open: Option<OpenDraft>,
}

/// The draft in the editor, as it is on disk.
pub struct OpenDraft {
    pub id: String,
    pub report: Report,
    /// A summary draft's summed cells and their sources, read from the store once when the
    /// window asks (`tong_hop_ban_mo`): a click on a number must not parse them again.
    pub summed: Option<std::sync::Arc<Vec<baocao::consolidate::Summed>>>,
}

/// The preview of the draft in the editor: what the window typed, laid out, whether or not it
/// is saved yet (the window's save queue brings the disk up to it within a second).
pub struct Live {
    /// The preview's own measurer, kept warm for the life of the app.
    measurer: Measurer,
    shown: Option<Shown>,
}

struct Shown {
    id: String,
    report: Report,
    /// The pages as last sent to the window: the layout's section cache and the display list,
    /// to lay out again only the sections that changed and paint only the pages that did.
    preview: Preview,
}

/// What the window needs to draw the preview after a change.
#[derive(Debug, Serialize)]
pub struct Pages {
    pub page_count: usize,
    /// (page index, SVG) of the pages to draw whole (new ones, or all of them).
    pub changed: Vec<(usize, String)>,
    /// The lines that changed on the other pages (see [`Patch`]).
    pub patches: Vec<Patch>,
    /// (section id, heading number) in outline order.
    pub numbers: Vec<(String, String)>,
}

impl AppState {
    /// Is the store's lock free right now? For the tests that prove long work runs without it
    /// (the one there is reads from a FIFO, which only Unix has).
    #[cfg(all(test, unix))]
    pub fn is_free(&self) -> bool {
        self.inner.try_lock().is_ok()
    }

    pub fn new(drafts: Drafts) -> AppState {
        AppState {
            inner: Mutex::new(Inner {
                measurer: engine::measurer(),
                drafts,
                open: None,
            }),
            live: Mutex::new(Live {
                measurer: engine::measurer(),
                shown: None,
            }),
            close_asked: AtomicU64::new(0),
            close_answered: AtomicU64::new(0),
            written: Mutex::new(HashSet::new()),
            picked: Mutex::new(HashSet::new()),
        }
    }

    /// Notes that the app wrote `path` for the user.
    pub fn remember_written(&self, path: &Path) {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf());
    }

    /// Whether the app wrote `path` in this session.
    pub fn remember_picked(&self, path: &Path) {
        self.picked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf());
    }

    /// Whether the user picked `path` for "Tổng hợp" in this session.
    pub fn was_picked(&self, path: &Path) -> bool {
        self.picked
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path)
    }

    pub fn was_written(&self, path: &Path) -> bool {
        self.written
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(path)
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

    /// The store and the open draft, even when an earlier command panicked while holding them:
    /// the data in it stays usable, and a window that stops answering is worse than one stale
    /// page.
    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The preview (see [`Live`]); after [`AppState::lock`] when both are needed.
    pub fn live(&self) -> MutexGuard<'_, Live> {
        self.live.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn nothing_open() -> Error {
    Error::input("Chưa mở bản nháp nào. Hãy chọn một báo cáo ở màn hình đầu.")
}

/// An edit of a draft the window has left since: never saved nor shown in another draft.
fn left_since() -> Error {
    Error::input(
        "Bản nháp này đã được đóng nên thay đổi không được lưu vào đó. Hãy mở lại bản nháp.",
    )
}

impl Inner {
    pub fn open_draft(&mut self) -> Result<&mut OpenDraft> {
        self.open.as_mut().ok_or_else(nothing_open)
    }

    /// The window's report of draft `id` after an edit (already through [`engine::prepare`]),
    /// saved; only once it is on disk does it become the open draft's report. Returns the time
    /// of the save ("10:42").
    ///
    /// Why in this order: when the save fails (a locked or full disk), the draft in memory must
    /// still be the one on disk, so that nothing (the title that follows the trích yếu, an
    /// export, the next save) builds on a change that was never kept. The window keeps the
    /// change and sends it again (ui/save.js); the error says why it could not be saved.
    pub fn save(&mut self, id: &str, report: Report) -> Result<String> {
        let open = self.open_draft()?;
        if open.id != id {
            return Err(left_since());
        }
        let (id, before) = (open.id.clone(), open.report.clone());
        self.drafts.save(&id, &before, &report)?;
        self.open_draft()?.report = report;
        Ok(chrono::Local::now().format("%H:%M").to_string())
    }
}

impl Live {
    /// Starts showing draft `id` as `report`: every page is painted.
    pub fn show(&mut self, id: &str, report: Report) -> Pages {
        let mut shown = Shown {
            id: id.to_string(),
            report,
            preview: Preview::default(),
        };
        let pages = shown.relayout(&self.measurer, true);
        self.shown = Some(shown);
        pages
    }

    /// Shows nothing (the draft was closed, trashed or replaced by a backup).
    pub fn close(&mut self) {
        self.shown = None;
    }

    /// The shown draft, when it is draft `id`, and the measurer to lay it out with.
    fn shown(&mut self, id: &str) -> Result<(&mut Shown, &Measurer)> {
        let shown = self.shown.as_mut().ok_or_else(nothing_open)?;
        if shown.id != id {
            return Err(left_since());
        }
        Ok((shown, &self.measurer))
    }

    /// The window's whole report of draft `id` after an edit (already through
    /// [`engine::prepare`]): laid out, what changed returned (every page whole with `all`, for
    /// a window whose pages are not the ones the engine last sent).
    pub fn put_report(&mut self, id: &str, report: Report, all: bool) -> Result<Pages> {
        let (shown, m) = self.shown(id)?;
        shown.report = report;
        Ok(shown.relayout(m, all))
    }

    /// One section of draft `id` as the user types in it (its own content, without its
    /// subsections): put in place of the shown one, laid out (only that section is set again,
    /// the others come from the layout's cache), the pages that changed returned.
    pub fn put_section(&mut self, id: &str, section: Section) -> Result<Pages> {
        let (shown, m) = self.shown(id)?;
        if !engine::put_section(&mut shown.report, section) {
            return Err(Error::input(
                "Không tìm thấy đề mục đang sửa trong bản xem trước. Hãy thử lại.",
            ));
        }
        Ok(shown.relayout(m, false))
    }
}

impl Shown {
    fn relayout(&mut self, m: &Measurer, all: bool) -> Pages {
        let update = self.preview.update(&self.report, m, all);
        Pages {
            page_count: update.page_count,
            changed: update.changed,
            patches: update.patches,
            numbers: engine::numbers(&self.report),
        }
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

    /// What `open_draft` does: the first draft opened in the store and in the preview.
    fn open_first(state: &AppState) -> (String, Pages) {
        let mut inner = state.lock();
        let id = inner.drafts.list("").unwrap()[0].id.clone();
        let report = inner.drafts.load(&id).unwrap();
        inner.open = Some(OpenDraft {
            id: id.clone(),
            report: report.clone(),
            summed: None,
        });
        let pages = state.live().show(&id, report);
        (id, pages)
    }

    #[test]
    fn a_failed_save_leaves_the_draft_in_memory_as_it_is_on_disk() {
        let (_tmp, state) = state("fail");
        let (id, _) = open_first(&state);
        let mut inner = state.lock();
        let stored = inner.open_draft().unwrap().report.clone();
        let mut edited = stored.clone();
        edited.trich_yeu = "Kết quả công tác quý III năm 2026".into();

        inner.drafts.set_write_fault(true).unwrap();
        let e = inner.save(&id, edited.clone()).unwrap_err();
        assert_eq!(e.kind, baocao::ErrorKind::Storage, "{}", e.message);
        assert_eq!(inner.open_draft().unwrap().report, stored);
        assert_eq!(inner.drafts.load(&id).unwrap(), stored);

        // The window sends the change again once the disk takes writes.
        inner.drafts.set_write_fault(false).unwrap();
        let at = inner.save(&id, edited.clone()).unwrap();
        assert_eq!(at.len(), 5, "{at}");
        assert_eq!(inner.open_draft().unwrap().report, edited);
        assert_eq!(inner.drafts.load(&id).unwrap(), edited);
        // The title followed the trích yếu from the state that was on disk.
        assert_eq!(inner.drafts.info(&id).unwrap().period, "quý III năm 2026");
    }

    #[test]
    fn an_edit_of_a_draft_left_since_is_not_saved_into_the_open_one() {
        let (_tmp, state) = state("left");
        let (id, _) = open_first(&state);
        let mut inner = state.lock();
        let stored = inner.drafts.load(&id).unwrap();
        let e = inner.save("khac12", Report::default()).unwrap_err();
        assert!(e.message.contains("đã được đóng"), "{}", e.message);
        assert_eq!(inner.drafts.load(&id).unwrap(), stored);
        let e = state
            .live()
            .put_report("khac12", Report::default(), false)
            .unwrap_err();
        assert!(e.message.contains("đã được đóng"), "{}", e.message);
    }

    /// The keystroke path: the preview follows a section sent alone, while the store is locked
    /// by a save that cannot get through, and only the page showing the edit is painted again.
    #[test]
    fn the_preview_follows_a_section_while_the_store_is_busy() {
        let (_tmp, state) = state("live");
        let (id, first) = open_first(&state);
        assert_eq!(first.changed.len(), first.page_count);
        let stored = state.lock().open_draft().unwrap().report.clone();
        let mut section = stored.body[0].clone();
        let child_ids: Vec<_> = section.children.iter().map(|c| c.id.clone()).collect();
        section.children.clear();
        // Typed with a combining accent (NFD), as some keyboards send it.
        section.title = format!("{} Kie\u{0302}\u{0309}m tra", section.title);

        let busy = state.lock(); // a save holding the store (a locked database) meanwhile
        let pages = state.live().put_section(&id, section).unwrap();
        drop(busy);
        assert_eq!(pages.page_count, first.page_count);
        assert!(pages.changed.is_empty());
        assert_eq!(pages.patches.len(), 1, "only the edited page is painted");
        let svg = &pages.patches[0].insert;
        assert!(
            svg.to_lowercase().contains("kiểm"),
            "normalised and shown: {svg}"
        );
        let shown = state.live().shown.as_ref().unwrap().report.clone();
        assert!(shown.body[0].title.ends_with("Kiểm tra"));
        let kept: Vec<_> = shown.body[0]
            .children
            .iter()
            .map(|c| c.id.clone())
            .collect();
        assert_eq!(kept, child_ids, "the subsections stay");
        // The store still has what was saved: the preview is not the disk.
        assert_eq!(state.lock().open_draft().unwrap().report, stored);
        let unknown = Section {
            id: "khong-co".into(),
            ..Section::default()
        };
        assert!(state.live().put_section(&id, unknown).is_err());
    }
}
