//! Printing on Windows: WebView2's own print API (`ICoreWebView2_16::Print`) with
//! `ICoreWebView2PrintSettings2`, never `window.print()`, whose Edge preview lets scale,
//! margins and headers drift and prints the app's address (WebView2Feedback #3717, #2222,
//! #2523, #3691; wry #1300). Media size Custom in inches (a named A4 is ignored), margins 0,
//! scale 1, no header or footer, backgrounds on. The test seam prints with `PrintToPdf` and the
//! same settings object. Printers come from the spooler (`EnumPrintersW`).
//! Compiled in CI for x86_64-pc-windows-gnu; run only on Windows (the GitHub workflow).

use std::path::Path;
use std::sync::mpsc;

use tauri::WebviewWindow;
use webview2_com::Microsoft::Web::WebView2::Win32::*;
use webview2_com::{PrintCompletedHandler, PrintToPdfCompletedHandler};
use windows::core::{Interface, HSTRING, PWSTR};
use windows::Win32::Graphics::Printing::{
    EnumPrintersW, GetDefaultPrinterW, PRINTER_ENUM_CONNECTIONS, PRINTER_ENUM_LOCAL,
    PRINTER_INFO_4W,
};

use baocao::print::{PrintJob, A4_HEIGHT_IN, A4_WIDTH_IN};
use baocao::Result;

use super::{failed, patience, Outcome};

pub const SYSTEM_DIALOG_LABEL: &str = "In bằng hộp thoại của Windows…";

type Said = std::result::Result<Outcome, String>;

pub fn print(window: &WebviewWindow, job: &PrintJob, to_file: Option<&Path>) -> Result<Outcome> {
    let (tx, rx) = mpsc::channel::<Said>();
    let job2 = job.clone();
    let to_file = to_file.map(Path::to_path_buf);
    window
        .with_webview(move |pw| {
            let err = tx.clone();
            // SAFETY: COM calls on the webview's own (UI) thread, where with_webview runs.
            let started = unsafe { start(&pw, &job2, to_file.as_deref(), tx) };
            if let Err(e) = started {
                let _ = err.send(Err(e.message()));
            }
        })
        .map_err(|e| failed(&e.to_string()))?;
    match rx.recv_timeout(patience(job)) {
        Ok(Ok(o)) => Ok(o),
        Ok(Err(reason)) => Err(failed(&reason)),
        Err(_) => Err(failed("máy in không trả lời")),
    }
}

unsafe fn start(
    pw: &tauri::webview::PlatformWebview,
    job: &PrintJob,
    to_file: Option<&Path>,
    tx: mpsc::Sender<Said>,
) -> windows::core::Result<()> {
    let core: ICoreWebView2 = pw.controller().CoreWebView2()?;
    if job.system_dialog {
        let wv16: ICoreWebView2_16 = core.cast()?;
        wv16.ShowPrintUI(COREWEBVIEW2_PRINT_DIALOG_KIND_SYSTEM)?;
        // The system's dialog reports nothing back: the job is the user's from here.
        let _ = tx.send(Ok(Outcome::InSystemDialog));
        return Ok(());
    }
    let env6: ICoreWebView2Environment6 = pw.environment().cast()?;
    let settings = env6.CreatePrintSettings()?;
    settings.SetOrientation(COREWEBVIEW2_PRINT_ORIENTATION_PORTRAIT)?;
    settings.SetScaleFactor(1.0)?;
    settings.SetPageWidth(A4_WIDTH_IN)?;
    settings.SetPageHeight(A4_HEIGHT_IN)?;
    settings.SetMarginTop(0.0)?;
    settings.SetMarginBottom(0.0)?;
    settings.SetMarginLeft(0.0)?;
    settings.SetMarginRight(0.0)?;
    settings.SetShouldPrintBackgrounds(true)?;
    settings.SetShouldPrintHeaderAndFooter(false)?;
    settings.SetShouldPrintSelectionOnly(false)?;
    let s2: ICoreWebView2PrintSettings2 = settings.cast()?;
    s2.SetMediaSize(COREWEBVIEW2_PRINT_MEDIA_SIZE_CUSTOM)?;
    s2.SetPagesPerSide(1)?;
    s2.SetCopies(job.copies as i32)?;
    s2.SetCollation(COREWEBVIEW2_PRINT_COLLATION_COLLATED)?;
    let ranges = job.ranges_text();
    if !ranges.is_empty() {
        s2.SetPageRanges(&HSTRING::from(ranges))?;
    }
    if let Some(p) = &job.printer {
        s2.SetPrinterName(&HSTRING::from(p.as_str()))?;
    }
    if let Some(file) = to_file {
        let wv7: ICoreWebView2_7 = core.cast()?;
        let handler = PrintToPdfCompletedHandler::create(Box::new(move |hr, ok| {
            let _ = tx.send(match hr {
                Ok(()) if ok => Ok(Outcome::Sent),
                Ok(()) => Err("không ghi được tệp PDF".into()),
                Err(e) => Err(e.message()),
            });
            Ok(())
        }));
        wv7.PrintToPdf(&HSTRING::from(file.as_os_str()), &settings, &handler)?;
        return Ok(());
    }
    let wv16: ICoreWebView2_16 = core.cast()?;
    let handler = PrintCompletedHandler::create(Box::new(move |hr, status| {
        let _ = tx.send(match (hr, status) {
            (Ok(()), COREWEBVIEW2_PRINT_STATUS_SUCCEEDED) => Ok(Outcome::Sent),
            (Ok(()), COREWEBVIEW2_PRINT_STATUS_PRINTER_UNAVAILABLE) => {
                Err("máy in không sẵn sàng (chưa bật, chưa cắm, hoặc đã gỡ)".into())
            }
            (Ok(()), _) => Err("máy in báo lỗi".into()),
            (Err(e), _) => Err(e.message()),
        });
        Ok(())
    }));
    wv16.Print(&settings, &handler)?;
    Ok(())
}

/// The spooler's printers (local and connected) and the user's default one.
pub fn printers(_window: &WebviewWindow) -> (Vec<String>, Option<String>) {
    // SAFETY: the two-call pattern of EnumPrintersW: the buffer is sized by the first call and
    // holds `count` PRINTER_INFO_4W records whose strings point into the same buffer.
    unsafe {
        let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
        let (mut needed, mut count) = (0u32, 0u32);
        let _ = EnumPrintersW(flags, None, 4, None, &mut needed, &mut count);
        let mut names = Vec::new();
        if needed > 0 {
            // u64s: the records hold pointers and must be aligned for them.
            let mut buf = vec![0u64; (needed as usize).div_ceil(8)];
            let bytes =
                std::slice::from_raw_parts_mut(buf.as_mut_ptr() as *mut u8, needed as usize);
            if EnumPrintersW(flags, None, 4, Some(bytes), &mut needed, &mut count).is_ok() {
                let infos = std::slice::from_raw_parts(
                    buf.as_ptr() as *const PRINTER_INFO_4W,
                    count as usize,
                );
                for i in infos {
                    if let Ok(n) = i.pPrinterName.to_string() {
                        names.push(n);
                    }
                }
            }
        }
        let mut len = 0u32;
        let _ = GetDefaultPrinterW(None, &mut len);
        let default = (len > 0)
            .then(|| {
                let mut b = vec![0u16; len as usize];
                GetDefaultPrinterW(Some(PWSTR(b.as_mut_ptr())), &mut len)
                    .as_bool()
                    .then(|| String::from_utf16_lossy(&b[..len.saturating_sub(1) as usize]))
            })
            .flatten();
        (names, default)
    }
}
