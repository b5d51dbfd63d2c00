//! Reading a report from what the user names on the command line: a report file (.json), a
//! Word document or a text/Markdown report to import on the fly, or the id of a draft in the
//! store.

use std::path::Path;

use baocao::model::Report;
use baocao::Error;

/// Loads the report named by `arg`, with the text of every figure in the narrative refreshed
/// from its values (`figures::apply`), so that what is rendered or checked shows today's figures.
pub fn load_report(arg: &str) -> Result<Report, Error> {
    let mut report = find_report(arg)?;
    baocao::figures::apply(&mut report);
    Ok(report)
}

fn find_report(arg: &str) -> Result<Report, Error> {
    let path = Path::new(arg);
    if path.is_file() {
        let bytes = baocao::import::read_file(path)?;
        return crate::report_file::report_from_bytes(&bytes);
    }
    if path.is_dir() {
        return Err(Error::input(format!(
            "“{arg}” là một thư mục. Hãy chỉ ra tệp báo cáo (.json, .md, .txt) hoặc mã bản nháp."
        )));
    }
    if let Some(report) = load_draft(arg)? {
        return Ok(report);
    }
    Err(Error::input(format!(
        "Không tìm thấy tệp hay bản nháp “{arg}”. Hãy kiểm tra đường dẫn, hoặc xem mã bản nháp bằng “baocao drafts list”."
    )))
}

/// The report of the draft with id `arg`, if there is one.
fn load_draft(arg: &str) -> Result<Option<Report>, Error> {
    crate::drafts::load_draft_report(arg)
}
