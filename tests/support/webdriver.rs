//! A small WebDriver client for the end-to-end tests: the real `baocao-app` in its real webview.
//! On Linux a WebKitGTK window driven by Debian's `WebKitWebDriver`, under Xvfb when there is no
//! display. On Windows a WebView2 window driven by Edge's `msedgedriver` through `tauri-driver`
//! (`cargo install tauri-driver --locked`), which turns the `tauri:options` capability into
//! msedgedriver's WebView2 options; the desktop is the runner's own, no Xvfb. The Windows path
//! runs only in the GitHub workflow (.github/workflows/windows.yml): Wine runs no WebView2.
//!
//! Written over `std::net::TcpStream` and serde_json on purpose: fantoccini or thirtyfour would
//! pull a second async HTTP stack and rebuild much of the GTK dependency tree for a handful of
//! HTTP calls.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// What a missing driver is called, and how to install it, for the skip (or CI failure)
/// message.
#[cfg(not(windows))]
pub const DRIVER: (&str, &str) = ("WebKitWebDriver", "apt install webkit2gtk-driver xvfb");
#[cfg(windows)]
pub const DRIVER: (&str, &str) = (
    "tauri-driver and Edge's msedgedriver",
    "cargo install tauri-driver --locked; msedgedriver.exe of the WebView2 runtime's version in \
     BAOCAO_EDGE_DRIVER, in %EDGEWEBDRIVER% or on the PATH",
);

/// The driver binary, if installed.
#[cfg(not(windows))]
pub fn driver_path() -> Option<PathBuf> {
    ["/usr/bin/WebKitWebDriver", "/usr/local/bin/WebKitWebDriver"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists())
}

/// The driver binary, if installed: `tauri-driver` on the PATH (Cargo's bin folder), and only
/// when the msedgedriver it wraps is there too.
#[cfg(windows)]
pub fn driver_path() -> Option<PathBuf> {
    native_driver_path()?;
    super::tools::find("tauri-driver")
}

/// Edge's WebDriver, which drives WebView2: `BAOCAO_EDGE_DRIVER` when set (the workflow's
/// msedgedriver.exe of the WebView2 runtime's own version: a driver of another major version
/// refuses the session), else the one of GitHub's Windows images (the folder `EDGEWEBDRIVER`
/// names), else `msedgedriver.exe` on the PATH.
#[cfg(windows)]
pub fn native_driver_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("BAOCAO_EDGE_DRIVER").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(p)).filter(|p| p.is_file());
    }
    std::env::var_os("EDGEWEBDRIVER")
        .filter(|v| !v.is_empty())
        .map(|d| PathBuf::from(d).join("msedgedriver.exe"))
        .filter(|p| p.is_file())
        .or_else(|| super::tools::find("msedgedriver.exe"))
}

/// An X display for the app: the one we have, or an Xvfb started for the test.
pub struct Display {
    pub name: String,
    xvfb: Option<Child>,
}

impl Display {
    /// Windows: the runner's own desktop (an interactive session on GitHub's images).
    #[cfg(windows)]
    pub fn get() -> Display {
        Display {
            name: String::new(),
            xvfb: None,
        }
    }

    /// Windows has no Xvfb: a test that needs a screen of its own size runs on Linux only.
    #[cfg(windows)]
    pub fn xvfb(width: u32, height: u32) -> Display {
        panic!("a {width}×{height} screen of its own needs Xvfb, which runs on Linux only")
    }

    #[cfg(not(windows))]
    pub fn get() -> Display {
        if let Some(d) = std::env::var_os("DISPLAY").filter(|d| !d.is_empty()) {
            return Display {
                name: d.to_string_lossy().to_string(),
                xvfb: None,
            };
        }
        Display::xvfb(1400, 900)
    }

    /// A new Xvfb screen of `width`×`height` pixels, whatever display there is.
    #[cfg(not(windows))]
    pub fn xvfb(width: u32, height: u32) -> Display {
        let screen = format!("{width}x{height}x24");
        for n in 90..140 {
            let lock = format!("/tmp/.X{n}-lock");
            let socket = format!("/tmp/.X11-unix/X{n}");
            if let Ok(pid) = std::fs::read_to_string(&lock) {
                // A lock left by a server that is gone (killed before it could clean up) is
                // taken over; a live one is left alone.
                if Path::new(&format!("/proc/{}", pid.trim())).exists() {
                    continue;
                }
                let _ = std::fs::remove_file(&lock);
                let _ = std::fs::remove_file(&socket);
            } else if Path::new(&socket).exists() {
                continue;
            }
            let child = Command::new("Xvfb")
                .arg(format!(":{n}"))
                .args(["-screen", "0", &screen, "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("Xvfb is installed (apt install xvfb)");
            let mut child = child;
            let deadline = Instant::now() + Duration::from_secs(10);
            while Instant::now() < deadline {
                if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                    return Display {
                        name: format!(":{n}"),
                        xvfb: Some(child),
                    };
                }
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        panic!("could not start Xvfb on any display from :90 to :139");
    }
}

impl Drop for Display {
    fn drop(&mut self) {
        if let Some(c) = &mut self.xvfb {
            // SIGTERM, so that Xvfb removes its lock file and socket.
            let _ = Command::new("kill")
                .args(["-TERM", &c.id().to_string()])
                .status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = c.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// One running WebDriver (`WebKitWebDriver`; on Windows `tauri-driver` and the msedgedriver it
/// starts), with the environment the app will inherit.
pub struct Driver {
    port: u16,
    display: String,
    child: Child,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// `WebKitWebDriver` on `port`, on `display`; no second port to wait for.
#[cfg(not(windows))]
fn driver_command(port: u16, display: &Display) -> (Command, Option<u16>) {
    let mut cmd = Command::new(driver_path().expect("WebKitWebDriver"));
    cmd.arg(format!("--port={port}"))
        .arg("--host=127.0.0.1")
        .env("DISPLAY", &display.name)
        .env("TAURI_WEBVIEW_AUTOMATION", "true")
        .env("GDK_BACKEND", "x11")
        .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
        .stderr(Stdio::null());
    (cmd, None)
}

/// `tauri-driver` on `port`, starting msedgedriver on a second free port (returned: both must
/// listen before a session is asked for). Its messages and msedgedriver's go to the test's
/// output, the only account of a failed run on a GitHub runner.
#[cfg(windows)]
fn driver_command(port: u16, _display: &Display) -> (Command, Option<u16>) {
    let native_port = loop {
        let p = free_port();
        if p != port {
            break p;
        }
    };
    let mut cmd = Command::new(driver_path().expect("tauri-driver"));
    cmd.arg("--port")
        .arg(port.to_string())
        .arg("--native-port")
        .arg(native_port.to_string())
        .arg("--native-driver")
        .arg(native_driver_path().expect("msedgedriver"))
        .stderr(Stdio::inherit());
    (cmd, Some(native_port))
}

/// The capabilities that start `binary` as the session's browser.
#[cfg(not(windows))]
fn capabilities(binary: &Path) -> Value {
    json!({"webkitgtk:browserOptions": {"binary": binary.to_string_lossy(), "args": []}})
}

/// tauri-driver's own capability: it becomes msedgedriver's `ms:edgeOptions` with the app as
/// the WebView2 host (`browserName: webview2`).
#[cfg(windows)]
fn capabilities(binary: &Path) -> Value {
    json!({"tauri:options": {"application": binary.to_string_lossy(), "args": []}})
}

impl Driver {
    pub fn start(display: &Display, env: &[(&str, &Path)]) -> Driver {
        let port = free_port();
        let (mut cmd, native_port) = driver_command(port, display);
        cmd.env("BAOCAO_BUNDLED_FONTS", "1").stdout(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("the WebDriver starts");
        let deadline = Instant::now() + Duration::from_secs(30);
        for p in std::iter::once(port).chain(native_port) {
            while TcpStream::connect(("127.0.0.1", p)).is_err() {
                assert!(
                    Instant::now() < deadline,
                    "the WebDriver did not listen on port {p}"
                );
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        Driver {
            port,
            display: display.name.clone(),
            child,
        }
    }

    fn http(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).expect("driver reachable");
        s.set_read_timeout(Some(Duration::from_secs(120))).ok();
        let req = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        );
        s.write_all(req.as_bytes()).expect("request written");
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).expect("response read");
        let text = String::from_utf8_lossy(&raw);
        let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let payload = if head
            .to_ascii_lowercase()
            .contains("transfer-encoding: chunked")
        {
            dechunk(rest)
        } else {
            rest.to_string()
        };
        serde_json::from_str(&payload).unwrap_or(Value::Null)
    }

    /// Starts the app (`binary`) and returns its session.
    pub fn session(&self, binary: &Path) -> Session<'_> {
        let caps = json!({"capabilities": {"alwaysMatch": capabilities(binary)}});
        let v = self.http("POST", "/session", Some(&caps));
        let id = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {v}"))
            .to_string();
        Session { driver: self, id }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn dechunk(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some((len, tail)) = rest.split_once("\r\n") {
        let n = usize::from_str_radix(len.trim(), 16).unwrap_or(0);
        if n == 0 {
            break;
        }
        out.push_str(&tail[..n.min(tail.len())]);
        rest = tail.get(n + 2..).unwrap_or("");
    }
    out
}

pub struct Session<'d> {
    driver: &'d Driver,
    pub id: String,
}

impl Session<'_> {
    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let v = self.driver.http(
            method,
            &format!("/session/{}{path}", self.id),
            body.as_ref(),
        );
        if let Some(err) = v["value"]["error"].as_str() {
            panic!(
                "WebDriver {method} {path}: {err}: {}",
                v["value"]["message"]
            );
        }
        v["value"].clone()
    }

    /// Runs `script` (a function body; `arguments` are `args`) in the window and returns its
    /// value. A returned promise is awaited.
    pub fn exec(&self, script: &str, args: Value) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({"script": format!(
                "const done = arguments[arguments.length - 1];\
                 Promise.resolve((async () => {{ {script} }})(...Array.from(arguments).slice(0, -1)))\
                 .then(v => done({{ok: v === undefined ? null : v}}), e => done({{err: String(e && e.message || e)}}));"
            ), "args": args})),
        )
        .as_object()
        .map(|o| {
            if let Some(e) = o.get("err") {
                panic!("script failed: {e}");
            }
            o.get("ok").cloned().unwrap_or(Value::Null)
        })
        .unwrap_or(Value::Null)
    }

    /// Waits until `script` returns something truthy, and returns it.
    pub fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Value {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.exec(script, json!([]));
            let truthy =
                !matches!(&v, Value::Null | Value::Bool(false)) && v != json!(0) && v != json!("");
            if truthy {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("no element {css}"))
            .to_string()
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), Some(json!({})));
    }

    /// Presses the mouse's left button at `from`, moves to `to` in a few steps and releases it,
    /// as a hand does (viewport CSS pixels; WebDriver's pointer actions, real pointer events).
    pub fn mouse_drag(&self, from: (f64, f64), to: (f64, f64)) {
        let at = |x: f64, y: f64, ms: u64| {
            json!({"type": "pointerMove", "duration": ms, "origin": "viewport",
                   "x": x.round() as i64, "y": y.round() as i64})
        };
        let mut steps = vec![
            at(from.0, from.1, 0),
            json!({"type": "pointerDown", "button": 0}),
        ];
        for i in 1..=6 {
            let t = i as f64 / 6.0;
            steps.push(at(
                from.0 + (to.0 - from.0) * t,
                from.1 + (to.1 - from.1) * t,
                40,
            ));
        }
        steps.push(json!({"type": "pointerUp", "button": 0}));
        self.cmd(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "pointer", "id": "mouse",
                "parameters": {"pointerType": "mouse"}, "actions": steps}]})),
        );
        self.cmd("DELETE", "/actions", None);
    }

    /// Empties a text field, as selecting all and deleting would.
    pub fn clear(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/clear"), Some(json!({})));
    }

    /// Types `text` into the element as key presses (the way a user's keyboard does).
    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            Some(json!({"text": text})),
        );
    }

    /// Windows: no screenshots (the Linux ones are taken from the X server).
    #[cfg(windows)]
    pub fn screenshot(&self) -> Vec<u8> {
        panic!("screenshots are taken with ImageMagick's import from Xvfb, on Linux only")
    }

    /// A PNG of the window, after two animation frames so that the last change is painted.
    #[cfg(not(windows))]
    pub fn screenshot(&self) -> Vec<u8> {
        self.exec(
            "await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));",
            json!([]),
        );
        // WebKitWebDriver's own screenshot endpoint hangs on a Tauri window here; the X server's
        // picture of the screen is the same pixels.
        let out = Command::new("import")
            .args(["-window", "root", "png:-"])
            .env("DISPLAY", &self.driver.display)
            .output()
            .expect("ImageMagick's import is installed");
        assert!(out.status.success(), "import failed");
        out.stdout
    }

    /// Moves and resizes the app's window, as a user dragging it would.
    pub fn set_window_rect(&self, x: i32, y: i32, width: u32, height: u32) {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({"x": x, "y": y, "width": width, "height": height})),
        );
    }

    /// Whether the app's window is still there.
    pub fn window_open(&self) -> bool {
        let v = self
            .driver
            .http("GET", &format!("/session/{}/window", self.id), None);
        v["value"]["error"].is_null() && !v.is_null()
    }

    /// Closes the app.
    pub fn close(self) {
        let _ = self
            .driver
            .http("DELETE", &format!("/session/{}", self.id), None);
    }
}
