//! Replays the fuzzing corpus (`fuzz/corpus/<target>/`, minimised inputs that reach the code the
//! fuzzers reached, and every input that once crashed) through the same pipeline functions the
//! fuzz targets call: parse → prepare → layout → paint (PDF and SVG) → checks. A panic, a NaN on a
//! page or an unreadable error message fails the test. How the corpus is made: fuzz/README.md.

#[path = "../fuzz/src/pipeline.rs"]
mod pipeline;

use std::path::{Path, PathBuf};

/// The inputs of one target, in name order.
fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "{}: only {} inputs; the corpus is committed with the fuzz targets",
        dir.display(),
        files.len()
    );
    files
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).expect("a corpus file");
            (p, bytes)
        })
        .collect()
}

/// Runs `f` on every input of `target`, naming the input that fails.
fn replay(target: &str, mut f: impl FnMut(&[u8])) {
    for (path, bytes) in corpus(target) {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&bytes)));
        if r.is_err() {
            panic!("{} fails the pipeline", path.display());
        }
    }
}

#[test]
fn report_files() {
    replay("report_file", pipeline::report_file);
}

#[test]
fn text_imports() {
    replay("text_import", pipeline::text_import);
}

#[test]
fn docx_xmls() {
    replay("docx_xml", pipeline::docx_xml);
}

#[test]
fn draft_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = baocao::store::Store::open(&dir.path().join("du-lieu")).unwrap();
    replay("draft_file", |b| pipeline::draft_file(&mut store, b));
}

#[test]
fn backups() {
    let dir = tempfile::tempdir().unwrap();
    let base = pipeline::make_base_backup(&dir.path().join("goc"));
    let work = dir.path().join("khoi-phuc.db");
    let mut store = baocao::store::Store::open(&dir.path().join("du-lieu")).unwrap();
    replay("backup", |ops| {
        pipeline::backup(&mut store, &base, &work, ops)
    });
}
