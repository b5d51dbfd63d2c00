//! Fuzz target: see fuzz/README.md and `pipeline::backup`. The input is a list of changes to the
//! rows of a valid backup (`pipeline::mutate`).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

fn base() -> &'static PathBuf {
    static BASE: OnceLock<PathBuf> = OnceLock::new();
    BASE.get_or_init(|| {
        let dir = baocao_fuzz::work_dir().join("goc");
        baocao_fuzz::pipeline::make_base_backup(&dir)
    })
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let base = base();
    let work = baocao_fuzz::work_dir().join("khoi-phuc.db");
    let mut store = baocao_fuzz::store()
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    baocao_fuzz::pipeline::backup(&mut store, base, &work, data);
});
