//! The pipelines the fuzz targets drive; the same file is replayed by `tests/fuzz_corpus.rs`.

#[path = "pipeline.rs"]
pub mod pipeline;

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use baocao::store::Store;

/// A folder of this process for the stores the targets use, emptied when the process starts.
/// Point `TMPDIR` at a RAM disk (`/dev/shm`) to keep the fsyncs of SQLite cheap.
pub fn work_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("baocao-fuzz-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("the fuzz work folder is made");
        d
    })
    .clone()
}

/// The store the draft and backup targets work in, opened once per process.
pub fn store() -> &'static Mutex<Store> {
    static STORE: OnceLock<Mutex<Store>> = OnceLock::new();
    STORE.get_or_init(|| {
        // The bundled fonts, as on every machine without Times New Roman.
        std::env::set_var("BAOCAO_BUNDLED_FONTS", "1");
        Mutex::new(Store::open(&work_dir().join("du-lieu")).expect("the fuzz store opens"))
    })
}
