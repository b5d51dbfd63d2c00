//! The template and the units' reports read from what the clerk has: report files (.json),
//! exported drafts, Word files (.docx, through the importer every Word file goes through),
//! Excel workbooks (.xlsx), text and Markdown reports.

use std::path::Path;

use super::Unit;
use crate::error::{Error, Result};
use crate::model::Report;

/// Files larger than this are refused before reading: a unit's report is well under it.
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Whether `bytes` are an Excel workbook (a zip holding `xl/workbook.xml`).
fn is_xlsx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK")
        && bytes
            .windows(b"xl/workbook.xml".len())
            .any(|w| w == b"xl/workbook.xml")
}

/// A report from the bytes of a report file, a draft file, a Word, text or Markdown file.
pub fn report(bytes: &[u8]) -> Result<Report> {
    if crate::store::is_draft_file(bytes) {
        return crate::store::read_draft_file(bytes);
    }
    if is_xlsx(bytes) {
        return xlsx_report(bytes).map(|w| w.report);
    }
    crate::store::read_report_file(bytes)
}

fn xlsx_report(bytes: &[u8]) -> Result<super::xlsx::Workbook> {
    super::xlsx::read(bytes)
}

/// The name of file `path` without its folder and extension, dashes and underscores read as
/// spaces: "to-dan-pho-5.docx" → "to dan pho 5".
fn name_from_file(file: &str) -> String {
    let p = Path::new(file);
    let stem = p
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| file.to_string());
    crate::text::nfc(&stem.replace(['_', '-'], " "))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The unit's name from its report's header (the issuing agency's lines), if it has one, as
/// running text names it: "CÔNG AN" / "PHƯỜNG BẠCH MAI" → "Công an phường Bạch Mai", not the
/// header's capitals (the name goes into the summary's appendix and its messages).
pub fn name_from_header(r: &Report) -> Option<String> {
    let lines: Vec<String> = r
        .issuer
        .name_lines
        .iter()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect();
    (!lines.is_empty()).then(|| crate::layout::appendix::issuer_in_text(&lines))
}

/// A unit from the bytes of its file, named `file` (its name, for the sources and for the
/// unit's name when the report has no header).
pub fn unit(bytes: &[u8], file: &str) -> Result<Unit> {
    // A file named as Word or Excel that is no zip is damaged (or renamed): read as text, it
    // would count as a unit that reported nothing.
    let ext = Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if matches!(ext.as_str(), "docx" | "docm" | "xlsx" | "xlsm") && !bytes.starts_with(b"PK") {
        return Err(Error::input(format!(
            "tệp .{ext} bị hỏng hoặc không phải tệp {}. Hãy đề nghị đơn vị gửi lại.",
            if ext.starts_with('x') {
                "Excel"
            } else {
                "Word"
            }
        )));
    }
    let (report, stated) = if is_xlsx(bytes) {
        let w = xlsx_report(bytes)?;
        (w.report, w.unit)
    } else {
        (report(bytes)?, None)
    };
    let name = stated
        .or_else(|| name_from_header(&report))
        .unwrap_or_else(|| name_from_file(file));
    Ok(Unit {
        name,
        file: Path::new(file)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| file.to_string()),
        report,
    })
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::from_io("đọc", path, &e))?;
    if meta.is_dir() {
        return Err(Error::input(format!(
            "“{}” là một thư mục, không phải tệp báo cáo.",
            path.display()
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Error::input(format!(
            "Tệp “{}” quá lớn để là một báo cáo (trên {} MB).",
            path.display(),
            MAX_FILE_BYTES >> 20
        )));
    }
    std::fs::read(path).map_err(|e| Error::from_io("đọc", path, &e))
}

/// A unit read from `path`.
pub fn unit_file(path: &Path) -> Result<Unit> {
    let bytes = read_file(path)?;
    unit(&bytes, &path.to_string_lossy())
}

/// The template read from `path` (a report file, a draft, a Word or text file).
pub fn template_file(path: &Path) -> Result<Report> {
    let bytes = read_file(path)?;
    if is_xlsx(&bytes) {
        return Err(Error::input("Mẫu tổng hợp phải là báo cáo (tệp .json, bản nháp hoặc tệp Word .docx), không phải tệp Excel. Hãy chọn đề cương đã gửi cho các đơn vị."));
    }
    report(&bytes)
}

/// Reads every unit of `paths`; the files that cannot be read are returned with the reason
/// (they count as no report, and are named in the findings).
pub fn units(paths: &[std::path::PathBuf]) -> (Vec<Unit>, Vec<(String, String)>) {
    let mut units = Vec::with_capacity(paths.len());
    let mut bad = Vec::new();
    for p in paths {
        match unit_file(p) {
            Ok(u) => units.push(u),
            Err(e) => bad.push((p.to_string_lossy().into_owned(), e.message)),
        }
    }
    (units, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_without_a_header_is_named_from_its_file() {
        assert_eq!(name_from_file("/x/To_dan-pho  5.docx"), "To dan pho 5");
    }

    #[test]
    fn a_unit_is_named_from_its_header_as_running_text() {
        let named = |lines: &[&str]| {
            let mut r = Report::default();
            r.issuer.name_lines = lines.iter().map(|l| l.to_string()).collect();
            name_from_header(&r)
        };
        assert_eq!(
            named(&["CÔNG AN", "PHƯỜNG BẠCH MAI"]).as_deref(),
            Some("Công an phường Bạch Mai")
        );
        assert_eq!(
            named(&["ỦY BAN NHÂN DÂN", "PHƯỜNG KINH BẮC"]).as_deref(),
            Some("Ủy ban nhân dân phường Kinh Bắc")
        );
        assert_eq!(
            named(&["TỔ DÂN PHỐ SỐ 5"]).as_deref(),
            Some("Tổ dân phố số 5")
        );
        assert_eq!(named(&["  "]), None);
        assert_eq!(
            named(&["UBND PHƯỜNG BẠCH MAI", "TỔ DÂN PHỐ SỐ 1"]).as_deref(),
            Some("UBND phường Bạch Mai tổ dân phố số 1")
        );
    }
}
