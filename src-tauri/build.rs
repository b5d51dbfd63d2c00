//! With the `app` feature, runs tauri-build, which reads the root `tauri.conf.json`, checks the
//! icons and writes the capability schemas under `gen/schemas/` (ignored by git). The engine and
//! the CLI need nothing from it.
fn main() {
    #[cfg(feature = "app")]
    tauri_build::build()
}
