//! The system-font path, run on Linux: on Windows the document takes Times New Roman from the
//! Windows fonts folder. Here the folder is a stand-in made at test time (copies of the bundled
//! Liberation Serif 2 under Windows' file names `times.ttf`, `timesbd.ttf`, `timesi.ttf`,
//! `timesbi.ttf`), so that choosing, loading, subsetting into the PDF and text extraction of the
//! "system" faces run in CI, read back with poppler.

#[path = "support/poppler.rs"]
mod poppler;

use std::path::{Path, PathBuf};
use std::process::Command;

use baocao::text::fonts::{FontSet, SYSTEM_FONTS_DIR_ENV, TIMES_FILES};
use baocao::text::{Face, Measurer};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/samples/bao-cao-6-thang-dau-nam-2026-phuong-bach-mai.md"
);

/// The bundled file of each face, in the order of `Face::ALL` and `TIMES_FILES`.
const BUNDLED: [&str; 4] = [
    "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic.ttf",
];

fn bundled(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/fonts")
        .join(name)
}

/// A stand-in Windows fonts folder: `sources[i]` (a bundled file) copied as `TIMES_FILES[i]`.
fn fonts_folder(sources: [&str; 4]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (src, name) in sources.iter().zip(TIMES_FILES) {
        std::fs::copy(bundled(src), dir.path().join(name)).expect("font copied");
    }
    dir
}

#[test]
fn a_complete_folder_is_chosen_and_anything_less_falls_back_to_the_bundled_faces() {
    let dir = fonts_folder(BUNDLED);
    let set = FontSet::choose(false, Some(dir.path()));
    assert_eq!(set.family, "Times New Roman");
    for (face, name) in Face::ALL.iter().zip(TIMES_FILES) {
        let on_disk = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(set.face(*face).bytes, &on_disk[..], "{name}");
    }
    assert_eq!(
        FontSet::choose(true, Some(dir.path())).family,
        "Liberation Serif",
        "BAOCAO_BUNDLED_FONTS wins"
    );
    assert_eq!(FontSet::choose(false, None).family, "Liberation Serif");

    // A face missing, a face that is not a font, a truncated face: the bundled set, never a panic.
    let missing = fonts_folder(BUNDLED);
    std::fs::remove_file(missing.path().join("timesbi.ttf")).unwrap();
    let broken = fonts_folder(BUNDLED);
    std::fs::write(broken.path().join("timesbd.ttf"), b"not a font at all").unwrap();
    let truncated = fonts_folder(BUNDLED);
    let whole = std::fs::read(truncated.path().join("timesi.ttf")).unwrap();
    std::fs::write(
        truncated.path().join("timesi.ttf"),
        &whole[..whole.len() / 3],
    )
    .unwrap();
    for bad in [&missing, &broken, &truncated] {
        assert!(FontSet::times_from(bad.path()).is_none());
        assert_eq!(
            FontSet::choose(false, Some(bad.path())).family,
            "Liberation Serif"
        );
    }
}

#[test]
fn system_faces_are_subset_into_the_pdf_and_their_words_extract() {
    let dir = fonts_folder(BUNDLED);
    let set: &'static FontSet = Box::leak(Box::new(
        FontSet::times_from(dir.path()).expect("the stand-in set loads"),
    ));
    let mut report = baocao::import::import_bytes(&std::fs::read(SAMPLE).unwrap()).unwrap();
    report.normalize();
    baocao::figures::apply(&mut report);
    let doc = baocao::layout::layout(&report, &Measurer::new(set));
    let created = chrono::NaiveDate::from_ymd_opt(2026, 7, 15)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap();
    let pdf = baocao::paint::pdf::write_pdf(&doc, set, created).unwrap();
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("he-thong.pdf");
    std::fs::write(&path, pdf).unwrap();

    let rows = poppler::pdffonts(&path);
    assert_eq!(rows.len(), 4, "the four faces are used: {rows:?}");
    for r in &rows {
        assert!(
            r.embedded && r.subset && r.unicode && r.has_subset_tag(),
            "{r:?}"
        );
    }
    let mut names: Vec<&str> = rows.iter().map(|r| r.base_name()).collect();
    names.sort_unstable();
    let mut expected: Vec<&str> = Face::ALL
        .iter()
        .map(|f| set.face(*f).postscript_name.as_str())
        .collect();
    expected.sort_unstable();
    assert_eq!(names, expected);

    // Every word laid out is read back. The header's two columns come out in another order than
    // the display list's, and pieces the layout sets side by side ("km" and a superscript "2",
    // a quotation mark) come out glued, so each word is looked for in the text without spaces.
    let found = poppler::words(&poppler::pdftotext(&path));
    let glued = found.concat();
    let laid_out = poppler::words(&doc.plain_text());
    let missing: Vec<&String> = laid_out
        .iter()
        .filter(|w| !glued.contains(w.as_str()))
        .collect();
    assert!(missing.is_empty(), "words not read back: {missing:?}");
    let text = found.join(" ");
    assert!(text.contains("phường Bạch Mai"), "{}", &text[..300]);
}

/// `baocao render` on a machine whose fonts folder holds Times New Roman. The stand-in's regular
/// face is a copy of the bold one, so that the PDF shows whose faces it embedded: the regular
/// face's subset (tag `BCAORG`) is "LiberationSerif-Bold" only when it came from the folder.
#[test]
fn the_cli_takes_the_faces_from_the_fonts_folder() {
    let render = |fonts: &Path, out: &Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_baocao"))
            .args(["render", SAMPLE, "-o"])
            .arg(out)
            .env(SYSTEM_FONTS_DIR_ENV, fonts)
            .env_remove("BAOCAO_BUNDLED_FONTS")
            .output()
            .expect("the baocao binary runs");
        assert!(o.status.success(), "{o:?}");
        poppler::pdffonts(out)
            .into_iter()
            .find(|r| r.name.starts_with("BCAORG+"))
            .expect("the regular face is embedded")
            .base_name()
            .to_string()
    };
    let out = tempfile::tempdir().unwrap();
    let marked = fonts_folder([BUNDLED[1], BUNDLED[1], BUNDLED[2], BUNDLED[3]]);
    assert_eq!(
        render(marked.path(), &out.path().join("he-thong.pdf")),
        "LiberationSerif-Bold"
    );
    std::fs::remove_file(marked.path().join("timesi.ttf")).unwrap();
    assert_eq!(
        render(marked.path(), &out.path().join("kem-theo.pdf")),
        "LiberationSerif",
        "an incomplete folder: the bundled faces"
    );
}
