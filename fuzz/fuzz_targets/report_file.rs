//! Fuzz target: see fuzz/README.md and `pipeline::report_file`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    baocao_fuzz::pipeline::report_file(data);
});
