//! The CLI built for Windows renders the sample: `baocao.exe` (x86_64-pc-windows-gnu, built by
//! scripts/test-windows.sh, which runs before this in scripts/test.sh) started under Wine
//! (scripts/wine/run.sh) on the sample and on a Word file, and its PDF measured here, on Linux,
//! with the decree's measurements of tests/pdf_rules.rs: the same page count as the Linux
//! engine's PDF, the same words, every rule.
//!
//! Without Wine, without the .exe, or with an .exe older than the sources (`cargo test` run
//! alone after an edit), the test says "BỎ QUA" on a developer's machine and fails when `CI` is
//! set.

#[path = "support/nd30_pdf.rs"]
mod nd30_pdf;
#[path = "support/pdf_rules.rs"]
mod pdf_rules;
#[path = "support/poppler.rs"]
mod poppler;
#[path = "support/sample_words.rs"]
mod sample_words;
#[path = "support/tools.rs"]
mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use baocao::text::{FontSet, Measurer};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const DOCX: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/docx/mau-bao-cao.docx"
);

/// `baocao.exe` of this target directory: `<target>/debug/deps/windows_exe-…` → `<target>/
/// x86_64-pc-windows-gnu/debug/baocao.exe`.
fn exe() -> Option<PathBuf> {
    tools::require("wine", "apt install wine64 (scripts/setup.sh)")?;
    let me = std::env::current_exe().ok()?;
    let target = me.ancestors().nth(3)?;
    let exe = target.join("x86_64-pc-windows-gnu/debug/baocao.exe");
    if !exe.is_file() {
        return tools::missing(
            &format!("{} (baocao.exe)", exe.display()),
            "scripts/test-windows.sh builds it",
        );
    }
    // An .exe built before the sources last changed would measure yesterday's engine.
    let built = std::fs::metadata(&exe).and_then(|m| m.modified()).ok()?;
    if let Some(newer) = newest_source_after(&Path::new(ROOT).join("src-tauri"), built) {
        return tools::missing(
            &format!(
                "an up-to-date baocao.exe ({} is older than {})",
                exe.display(),
                newer.display()
            ),
            "scripts/test-windows.sh builds it",
        );
    }
    Some(exe)
}

/// A source file under `dir` changed after `built`, if any.
fn newest_source_after(dir: &Path, built: std::time::SystemTime) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            if let Some(p) = newest_source_after(&path, built) {
                return Some(p);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && meta.modified().is_ok_and(|m| m > built)
        {
            return Some(path);
        }
    }
    None
}

/// A Linux path as the Windows program sees it (Wine's Z: is the Unix root).
fn win(p: &Path) -> String {
    format!("Z:{}", p.display()).replace('/', "\\")
}

/// `baocao.exe render INPUT -o OUT.pdf` under Wine; the PDF's path.
fn render_under_wine(exe: &Path, input: &Path, dir: &Path, name: &str) -> PathBuf {
    let pdf = dir.join(name);
    let out = Command::new(Path::new(ROOT).join("scripts/wine/run.sh"))
        .arg(exe)
        .args(["render", &win(input), "-o", &win(&pdf)])
        .env("BAOCAO_BUNDLED_FONTS", "1")
        .env("BAOCAO_DATA_DIR", win(&dir.join("Dữ liệu")))
        .output()
        .expect("wine runs");
    assert!(
        out.status.success(),
        "baocao.exe render {}: {}{}",
        input.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdf.is_file());
    pdf
}

/// The Linux engine's PDF of `report`.
fn linux_pdf(report: &baocao::model::Report, path: &Path) {
    let m = Measurer::new(FontSet::get());
    let doc = baocao::layout::layout(report, &m);
    let when = chrono::NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(8, 30, 0))
        .unwrap();
    let bytes = baocao::paint::pdf::write_pdf(&doc, FontSet::get(), when).unwrap();
    std::fs::write(path, bytes).unwrap();
}

struct Rendered {
    _tmp: tempfile::TempDir,
    windows: PathBuf,
    linux: PathBuf,
}

/// The sample rendered once by baocao.exe under Wine and once by this engine.
fn sample() -> Option<&'static Rendered> {
    static R: OnceLock<Option<Rendered>> = OnceLock::new();
    R.get_or_init(|| {
        let exe = exe()?;
        let tmp = tempfile::tempdir().unwrap();
        let windows = render_under_wine(
            &exe,
            Path::new(nd30_pdf::SAMPLE_PATH),
            tmp.path(),
            "mau-windows.pdf",
        );
        let linux = tmp.path().join("mau-linux.pdf");
        linux_pdf(&nd30_pdf::Expect::sample().report, &linux);
        Some(Rendered {
            _tmp: tmp,
            windows,
            linux,
        })
    })
    .as_ref()
}

#[test]
fn the_sample_rendered_by_baocao_exe_passes_the_decree_measurements() {
    let Some(r) = sample() else {
        return;
    };
    let m = nd30_pdf::measure(&r.windows);
    let e = nd30_pdf::Expect::sample();
    nd30_pdf::pages_are_a4(&m);
    nd30_pdf::text_stays_in_the_margins(&m, &e);
    nd30_pdf::header_columns(&m, &e);
    nd30_pdf::header_rules(&m, &e);
    nd30_pdf::so_and_date_on_one_baseline(&m, &e);
    nd30_pdf::title_and_its_rule(&m, &e);
    nd30_pdf::page_numbers_from_page_two(&m, &e);
    nd30_pdf::body_justified_with_indent(&m, &e);
    nd30_pdf::closing_sizes_and_baseline(&m, &e);
    nd30_pdf::every_word_in_order(&r.windows);
}

#[test]
fn the_windows_pdf_has_the_pages_and_words_of_the_linux_one() {
    let Some(r) = sample() else {
        return;
    };
    let (w, l) = (
        poppler::pdftotext_pages(&r.windows),
        poppler::pdftotext_pages(&r.linux),
    );
    assert!(l.len() > 10, "{} pages", l.len());
    assert_eq!(w.len(), l.len(), "page count");
    for (i, (a, b)) in w.iter().zip(&l).enumerate() {
        assert_eq!(poppler::words(a), poppler::words(b), "page {}", i + 1);
    }
}

#[test]
fn baocao_exe_renders_a_word_file_like_the_linux_engine() {
    let Some(exe) = exe() else {
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let windows = render_under_wine(&exe, Path::new(DOCX), tmp.path(), "tu-word.pdf");
    let report = baocao::import::import_docx(&std::fs::read(DOCX).unwrap())
        .expect("the .docx imports")
        .report;
    let linux = tmp.path().join("tu-word-linux.pdf");
    linux_pdf(&report, &linux);
    let (w, l) = (
        poppler::pdftotext_pages(&windows),
        poppler::pdftotext_pages(&linux),
    );
    assert!(l.len() > 10, "{} pages", l.len());
    assert_eq!(w.len(), l.len(), "page count");
    assert_eq!(w, l);
}
