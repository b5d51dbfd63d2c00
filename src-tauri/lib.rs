//! Báo cáo: the document engine, the store and the figures, with no Tauri in them.
//!
//! The flow is one way:
//!
//! ```text
//! model (serde) ─► layout (Nghị định 30 rules, fonts) ─► page::Document ─► paint::pdf | paint::svg
//! ```
//!
//! The desktop app (`src-tauri/main.rs`) and the command-line tool (`src-tauri/cli/`) are thin
//! layers over this library.

pub mod checks;
pub mod consolidate;
pub mod diff;
pub mod docx;
pub mod error;
pub mod figures;
pub mod files;
pub mod finding;
pub mod import;
pub mod layout;
pub mod log;
pub mod model;
pub mod page;
pub mod paint;
pub mod period;
pub mod print;
pub mod sign;
pub mod store;
pub mod text;

pub use error::{Error, ErrorKind, Result};
