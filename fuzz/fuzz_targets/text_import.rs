//! Fuzz target: see fuzz/README.md and `pipeline::text_import`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    baocao_fuzz::pipeline::text_import(data);
});
