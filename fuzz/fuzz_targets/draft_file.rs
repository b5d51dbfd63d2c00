//! Fuzz target: see fuzz/README.md and `pipeline::draft_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut store = baocao_fuzz::store()
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    baocao_fuzz::pipeline::draft_file(&mut store, data);
});
