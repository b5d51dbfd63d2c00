//! A report from the bytes of a file the user names: a report file (`.json`), a Word document
//! (`.docx`), or a text/Markdown report to import on the fly.
//!
//! Below both `input` (which also finds drafts by id) and `drafts` (which stores what it reads),
//! so that neither needs the other for it.

use baocao::import::{Imported, Summary};
use baocao::model::Report;
use baocao::Error;

/// The report in `bytes`, with the import's summary when it was imported (not a report file).
pub fn read(bytes: &[u8]) -> Result<(Report, Option<Summary>), Error> {
    let head = bytes
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take(64)
        .copied()
        .collect::<Vec<u8>>();
    if head.starts_with(b"{") {
        return baocao::model::file::from_json(bytes).map(|r| (r, None));
    }
    let Imported { report, summary } = baocao::import::import_file(bytes)?;
    Ok((report, Some(summary)))
}

/// The report in `bytes`.
pub fn report_from_bytes(bytes: &[u8]) -> Result<Report, Error> {
    read(bytes).map(|(r, _)| r)
}
