//! The window behaves like an app's, not a web page's: it fits the screen it opens on (a
//! 1366×768 laptop at 125 % is 1093×614 logical pixels), it remembers its size, position and
//! monitor (window_state.rs, in `cua-so.json` in the data folder, written whole), clamped to what is
//! visible, and the browser's own keys (F5, Ctrl+R) and page menu are off (ui/main.js) unless
//! [`BROWSER_KEYS_ENV`] is set: a run-time switch, so that the end-to-end tests of a debug build
//! see what users see.

use tauri::{PhysicalPosition, PhysicalSize, WebviewWindow};

/// Set to 1 to keep the webview's own keys and context menu (for developers; debug builds only,
/// read through app/seams.rs).
pub const BROWSER_KEYS_ENV: &str = "BAOCAO_BROWSER_KEYS";
/// The window's place (window_state.rs), in the data folder (not in the config folder named after
/// the bundle identifier, and one per data folder, so that tests do not share it).
pub const STATE_FILE: &str = "cua-so.json";

/// A rectangle in physical pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: u32,
    pub h: u32,
}

/// `win` made to lie within `work` (the monitor's work area): no larger, then moved inside.
pub fn fit(win: Rect, work: Rect) -> Rect {
    let w = win.w.min(work.w);
    let h = win.h.min(work.h);
    let x = win.x.clamp(work.x, work.x + (work.w - w) as i32);
    let y = win.y.clamp(work.y, work.y + (work.h - h) as i32);
    Rect { x, y, w, h }
}

/// Makes `w` fit the work area of the monitor it is on (or the primary one, when it is on none:
/// a monitor unplugged since the last time; or the first one, when the system names no primary
/// monitor, as X servers without a configured primary output do).
pub fn fit_to_monitor(w: &WebviewWindow) -> tauri::Result<()> {
    let monitor = match w.current_monitor()? {
        Some(m) => Some(m),
        None => match w.primary_monitor()? {
            Some(m) => Some(m),
            None => w.available_monitors()?.into_iter().next(),
        },
    };
    let Some(m) = monitor else {
        return Ok(());
    };
    let area = m.work_area();
    let work = Rect {
        x: area.position.x,
        y: area.position.y,
        w: area.size.width,
        h: area.size.height,
    };
    let (pos, outer, inner) = (w.outer_position()?, w.outer_size()?, w.inner_size()?);
    // Before the window is first shown, some systems (GTK) know no frame yet and report an
    // outer size of zero: the page's own size is then the best guess.
    let outer = if outer.width < inner.width || outer.height < inner.height {
        inner
    } else {
        outer
    };
    let now = Rect {
        x: pos.x,
        y: pos.y,
        w: outer.width,
        h: outer.height,
    };
    let fitted = fit(now, work);
    if fitted == now {
        return Ok(());
    }
    // The frame around the page (title bar, borders) keeps its size.
    let (frame_w, frame_h) = (
        outer.width.saturating_sub(inner.width),
        outer.height.saturating_sub(inner.height),
    );
    w.set_size(PhysicalSize::new(
        fitted.w.saturating_sub(frame_w),
        fitted.h.saturating_sub(frame_h),
    ))?;
    w.set_position(PhysicalPosition::new(fitted.x, fitted.y))
}

/// What the window needs to know of its own behaviour.
#[derive(Debug, serde::Serialize)]
pub struct WindowOptions {
    /// Keep the browser's own keys and context menu.
    pub browser_keys: bool,
}

/// The page's first call once it is loaded: the window is fitted to its screen again, now that
/// it is shown (before that, GTK knows neither its frame nor the size restored from
/// `cua-so.json`), and the page learns how to behave.
#[tauri::command]
pub fn window_ready(window: WebviewWindow) -> WindowOptions {
    let _ = fit_to_monitor(&window);
    WindowOptions {
        browser_keys: super::seams::value(BROWSER_KEYS_ENV).is_some_and(|v| v == "1"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LAPTOP_125: Rect = Rect {
        x: 0,
        y: 0,
        w: 1366,
        h: 728,
    };

    #[test]
    fn a_window_larger_than_the_screen_is_shrunk_to_it() {
        let win = Rect {
            x: 100,
            y: 50,
            w: 1750,
            h: 1125,
        };
        assert_eq!(fit(win, LAPTOP_125), LAPTOP_125);
    }

    #[test]
    fn a_window_partly_off_screen_is_moved_back() {
        let win = Rect {
            x: 900,
            y: -40,
            w: 1000,
            h: 700,
        };
        assert_eq!(
            fit(win, LAPTOP_125),
            Rect {
                x: 366,
                y: 0,
                w: 1000,
                h: 700
            }
        );
    }

    #[test]
    fn a_window_on_a_second_monitor_stays_there_when_it_fits() {
        let right = Rect {
            x: 1920,
            y: 0,
            w: 1920,
            h: 1040,
        };
        let win = Rect {
            x: 2000,
            y: 100,
            w: 1400,
            h: 900,
        };
        assert_eq!(fit(win, right), win);
    }
}
