//! Fuzz target: see fuzz/README.md and `pipeline::docx_xml`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    baocao_fuzz::pipeline::docx_xml(data);
});
