//! Printing on Linux: WebKitGTK's print operation on the window's webview, with GTK's print
//! settings and page setup saying A4, no margins, 100 %. WebKitGTK prints no header or footer.
//! The test seam prints to a PDF file through GTK's print-to-file printer.

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use std::sync::mpsc;

use gtk::prelude::*;
use tauri::WebviewWindow;
use webkit2gtk::{PrintOperationExt, PrintOperationResponse, SettingsExt, WebViewExt};

use baocao::print::PrintJob;
use baocao::Result;

use super::{failed, patience, Outcome};

pub const SYSTEM_DIALOG_LABEL: &str = "In bằng hộp thoại của hệ thống…";

/// GTK's own name of its print-to-file printer (the C locale's: the tests run in it).
const PRINT_TO_FILE_PRINTER: &str = "Print to File";

pub fn print(window: &WebviewWindow, job: &PrintJob, to_file: Option<&Path>) -> Result<Outcome> {
    let (tx, rx) = mpsc::channel::<std::result::Result<Outcome, String>>();
    let job2 = job.clone();
    let to_file = to_file.map(Path::to_path_buf);
    window
        .with_webview(move |pw| {
            let wv = pw.inner();
            if let Some(s) = WebViewExt::settings(&wv) {
                s.set_print_backgrounds(true);
            }
            let op = webkit2gtk::PrintOperation::new(&wv);
            op.set_print_settings(&settings(&job2, to_file.as_deref()));
            op.set_page_setup(&page_setup());
            // `failed` comes before `finished`; the first word sent is the one the window hears.
            let tx = Rc::new(RefCell::new(Some(tx)));
            let t = tx.clone();
            op.connect_failed(move |_, e| {
                if let Some(tx) = t.borrow_mut().take() {
                    let _ = tx.send(Err(e.to_string()));
                }
            });
            let t = tx.clone();
            op.connect_finished(move |_| {
                if let Some(tx) = t.borrow_mut().take() {
                    let _ = tx.send(Ok(Outcome::Sent));
                }
            });
            if job2.system_dialog {
                let parent = wv.toplevel().and_then(|w| w.downcast::<gtk::Window>().ok());
                if op.run_dialog(parent.as_ref()) == PrintOperationResponse::Cancel {
                    if let Some(tx) = tx.borrow_mut().take() {
                        let _ = tx.send(Ok(Outcome::Cancelled));
                    }
                }
            } else {
                op.print();
            }
        })
        .map_err(|e| failed(&e.to_string()))?;
    match rx.recv_timeout(patience(job)) {
        Ok(Ok(o)) => Ok(o),
        Ok(Err(reason)) => Err(failed(&reason)),
        Err(_) => Err(failed("máy in không trả lời")),
    }
}

/// A4, portrait, 100 %, the job's printer, copies and pages.
fn settings(job: &PrintJob, to_file: Option<&Path>) -> gtk::PrintSettings {
    let s = gtk::PrintSettings::new();
    s.set_paper_size(&a4());
    s.set_orientation(gtk::PageOrientation::Portrait);
    s.set_scale(100.0);
    s.set_n_copies(job.copies as i32);
    s.set_collate(true);
    s.set_number_up(1);
    if job.ranges.is_empty() {
        s.set_print_pages(gtk::PrintPages::All);
    } else {
        s.set_print_pages(gtk::PrintPages::Ranges);
        let ranges: Vec<gtk::PageRange> = job
            .ranges
            .iter()
            .map(|&(a, b)| gtk::PageRange::new(a as i32 - 1, b as i32 - 1))
            .collect();
        s.set_page_ranges(&ranges);
    }
    match to_file {
        Some(file) => {
            s.set_printer(PRINT_TO_FILE_PRINTER);
            s.set(
                "output-uri",
                Some(
                    &gtk::glib::filename_to_uri(file, None)
                        .map_or_else(|_| format!("file://{}", file.display()), |u| u.to_string()),
                ),
            );
            s.set("output-file-format", Some("pdf"));
        }
        None => {
            if let Some(p) = &job.printer {
                s.set_printer(p);
            }
        }
    }
    s
}

fn a4() -> gtk::PaperSize {
    gtk::PaperSize::new(Some("iso_a4"))
}

/// A4 portrait with no margin: the pages carry the decree's margins themselves.
fn page_setup() -> gtk::PageSetup {
    let p = gtk::PageSetup::new();
    p.set_paper_size(&a4());
    p.set_orientation(gtk::PageOrientation::Portrait);
    for set in [
        gtk::PageSetup::set_top_margin,
        gtk::PageSetup::set_bottom_margin,
        gtk::PageSetup::set_left_margin,
        gtk::PageSetup::set_right_margin,
    ] {
        set(&p, 0.0, gtk::Unit::Mm);
    }
    p
}

/// The system's printers and its default one, from GTK's own list (CUPS and the virtual
/// print-to-file printer), read on the main thread as GTK requires.
pub fn printers(window: &WebviewWindow) -> (Vec<String>, Option<String>) {
    let (tx, rx) = mpsc::channel();
    let ran = window.run_on_main_thread(move || {
        let _ = tx.send(enumerate());
    });
    if ran.is_err() {
        return (Vec::new(), None);
    }
    rx.recv_timeout(std::time::Duration::from_secs(30))
        .unwrap_or_default()
}

fn enumerate() -> (Vec<String>, Option<String>) {
    use std::ffi::{c_char, c_int, c_void, CStr};
    // GTK's unix print functions live in libgtk-3 itself; gtk-rs does not bind them.
    extern "C" {
        fn gtk_enumerate_printers(
            func: unsafe extern "C" fn(*mut c_void, *mut c_void) -> c_int,
            data: *mut c_void,
            destroy: *mut c_void,
            wait: c_int,
        );
        fn gtk_printer_get_name(printer: *mut c_void) -> *const c_char;
        fn gtk_printer_is_default(printer: *mut c_void) -> c_int;
    }
    type Found = (Vec<String>, Option<String>);
    unsafe extern "C" fn each(printer: *mut c_void, data: *mut c_void) -> c_int {
        // SAFETY: `data` is the `Found` below, alive for the whole (waited) enumeration; GTK
        // passes a live printer whose name is a NUL-terminated string it owns.
        let found = unsafe { &mut *(data as *mut Found) };
        let name = unsafe { gtk_printer_get_name(printer) };
        if !name.is_null() {
            let name = unsafe { CStr::from_ptr(name) }
                .to_string_lossy()
                .into_owned();
            if unsafe { gtk_printer_is_default(printer) } != 0 {
                found.1 = Some(name.clone());
            }
            found.0.push(name);
        }
        0
    }
    let mut found: Found = (Vec::new(), None);
    // SAFETY: wait = TRUE: GTK calls `each` only until it returns, so `found` outlives every call.
    unsafe {
        gtk_enumerate_printers(
            each,
            &mut found as *mut Found as *mut c_void,
            std::ptr::null_mut(),
            1,
        )
    };
    found
}
