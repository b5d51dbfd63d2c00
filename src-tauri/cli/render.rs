//! `baocao import` and `baocao render`.
//!
//! Both write their output the same careful way: into a temporary file beside the target, then
//! renamed over it, so that a failure half way (a full disk, a bad input found late) never leaves
//! a truncated report or PDF where the user expects a good one.

use std::path::{Path, PathBuf};

use baocao::text::{FontSet, Measurer};
use baocao::Error;

use crate::input::load_report;

/// `baocao import INPUT -o report.json`: a Word, text or Markdown report turned into a report
/// file; prints what was recognised.
pub fn import(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["-o"])?;
    let input = Path::new(a.one("tệp đầu vào")?);
    let out = output_path(&a, "tệp báo cáo (.json)")?;
    if !input.is_file() {
        return Err(Error::input(format!(
            "Không tìm thấy tệp “{}”. Hãy kiểm tra đường dẫn tệp Word, văn bản hoặc Markdown cần nhập.",
            input.display()
        )));
    }
    refuse_overwriting_input(input, &out)?;
    let bytes = baocao::import::read_file(input)?;
    let (report, summary) = crate::report_file::read(&bytes)?;
    let json = baocao::model::file::to_json(&report);
    write_atomically(&out, json.as_bytes())?;
    println!("Đã nhập “{}” vào “{}”.", input.display(), out.display());
    for line in summary.map(|s| s.lines()).unwrap_or_default() {
        println!("{line}");
    }
    Ok(())
}

/// What `render` writes, chosen by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Docx,
}

impl Format {
    /// The format of `path` by its extension (any case), or a message saying which ones exist:
    /// a name like "x.doc" or "x" must not silently get a PDF inside.
    fn of(path: &Path) -> Result<Format, Error> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "pdf" => Ok(Format::Pdf),
            "docx" => Ok(Format::Docx),
            "" => Err(Error::input(format!(
                "Tên tệp ra “{}” không có đuôi. Hãy đặt tên kết thúc bằng .pdf (PDF) hoặc .docx (Word).",
                path.display()
            ))),
            other => Err(Error::input(format!(
                "Báo cáo không ghi được định dạng “.{other}”. Hãy đặt tên tệp ra kết thúc bằng .pdf (PDF) hoặc .docx (Word)."
            ))),
        }
    }
}

/// `baocao render INPUT -o OUT.pdf|OUT.docx [--svg DIR]`: the report laid out and painted, as
/// a PDF or as a Word file by the output's extension.
pub fn render(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["-o", "--svg", "--phu-luc-rieng"])?;
    let input = a.one("tệp đầu vào")?;
    let sign_ready = a.flag("--ky-so");
    let appendix_out = a.opt("--phu-luc-rieng").map(PathBuf::from);
    let out = output_path(&a, "tệp PDF hoặc Word")?;
    let format = Format::of(&out)?;
    refuse_overwriting_input(Path::new(input), &out)?;
    let svg_dir = a.opt("--svg").map(PathBuf::from);
    if let Some(dir) = &svg_dir {
        check_folder_exists(dir.parent().unwrap_or(Path::new("")), dir)?;
    }

    if let Some(p) = &appendix_out {
        if Format::of(p)? != Format::Pdf || format != Format::Pdf {
            return Err(Error::input(
                "Phụ lục riêng chỉ xuất được thành PDF: hãy đặt tên kết thúc bằng .pdf cho cả “-o” và “--phu-luc-rieng”.",
            ));
        }
        refuse_overwriting_input(Path::new(input), p)?;
        check_folder_exists(p.parent().unwrap_or(Path::new("")), p)?;
    }

    let report = load_report(input)?;
    let fonts = FontSet::get();
    let measurer = Measurer::new(fonts);
    // An appendix issued as its own file: the document is laid out without it, the appendices
    // are the pages the whole report has after the document's.
    let (doc, appendix) = match &appendix_out {
        Some(_) => match baocao::layout::appendices_apart(&report, &measurer) {
            Some((doc, appendix)) => (doc, Some(appendix)),
            None => {
                return Err(Error::input(
                    "Báo cáo không có phụ lục để xuất riêng. Hãy bỏ “--phu-luc-rieng”.",
                ))
            }
        },
        None => (baocao::layout::layout(&report, &measurer), None),
    };
    if doc.pages.is_empty() {
        return Err(Error::input(
            "Báo cáo không có trang nào để xuất. Hãy kiểm tra lại nội dung báo cáo.",
        ));
    }
    match format {
        Format::Pdf => {
            use baocao::paint::pdf;
            let created = chrono::Local::now().naive_local();
            // A copy to sign with the number or the date still blank: said, not refused (the
            // office's document system may fill them at the organisation's signature).
            if sign_ready || appendix_out.is_some() {
                if let Some(blanks) = baocao::sign::flow::blanks_before_signing(&report) {
                    eprintln!("Lưu ý: {blanks}");
                }
            }
            // --ky-so: the two empty signature fields at the closing's places.
            let fields = if sign_ready {
                pdf::signature_fields(&doc, fonts)
            } else {
                Vec::new()
            };
            let bytes = pdf::write_pdf_with_fields(&doc, fonts, created, &fields)?;
            let appendix_bytes = match (&appendix, &appendix_out) {
                (Some(a), Some(_)) => {
                    let fields = pdf::stamp_field(&report, a);
                    Some(pdf::write_pdf_with_fields(a, fonts, created, &fields)?)
                }
                _ => None,
            };
            write_atomically(&out, &bytes)?;
            let pages = doc.pages.len();
            println!("Đã xuất {pages} trang vào “{}”.", out.display());
            if let (Some(b), Some(p), Some(a)) = (appendix_bytes, &appendix_out, &appendix) {
                write_atomically(p, &b)?;
                println!(
                    "Đã xuất {} trang phụ lục vào “{}” (để cơ quan ký số, dấu thời gian ở góc trên bên phải trang đầu).",
                    a.pages.len(),
                    p.display()
                );
            }
        }
        Format::Docx => {
            let docx = baocao::paint::docx::write_docx(&report, &measurer, chrono::Utc::now())?;
            write_atomically(&out, &docx)?;
            println!("Đã xuất tệp Word vào “{}”.", out.display());
        }
    }
    if let Some(dir) = svg_dir {
        let files = baocao::paint::svg::write_svg_dir(&doc, fonts, &dir)?;
        println!("Đã ghi {} tệp SVG vào “{}”.", files.len(), dir.display());
    }
    Ok(())
}

/// The `-o` path, checked before any work: given, and in a folder that exists.
fn output_path(a: &crate::Args, what: &str) -> Result<PathBuf, Error> {
    let out = a.opt("-o").ok_or_else(|| {
        Error::input(format!(
            "Thiếu “-o” và tên {what} cần ghi ra. Gõ “baocao --help” để xem cách dùng."
        ))
    })?;
    let out = PathBuf::from(out);
    if out.is_dir() {
        return Err(Error::input(format!(
            "“{}” là một thư mục. Hãy ghi tên {what} sau “-o”.",
            out.display()
        )));
    }
    check_folder_exists(out.parent().unwrap_or(Path::new("")), &out)?;
    Ok(out)
}

/// Refuses `path` whose folder `parent` does not exist: creating folders the user did not ask
/// for hides a typing mistake in the path.
fn check_folder_exists(parent: &Path, path: &Path) -> Result<(), Error> {
    if parent.as_os_str().is_empty() || parent.is_dir() {
        return Ok(());
    }
    Err(Error::input(format!(
        "Không có thư mục “{}” để ghi “{}”. Hãy tạo thư mục đó trước hoặc chọn thư mục khác.",
        parent.display(),
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    )))
}

/// The input is never overwritten, whatever name the user gives the output.
pub(crate) fn refuse_overwriting_input(input: &Path, out: &Path) -> Result<(), Error> {
    let same = match (input.canonicalize(), out.canonicalize()) {
        (Ok(i), Ok(o)) => i == o,
        _ => false,
    };
    if same {
        return Err(Error::input(format!(
            "Tệp ra “{}” trùng với tệp đầu vào. Hãy chọn tên khác sau “-o”.",
            out.display()
        )));
    }
    Ok(())
}

/// Writes `bytes` to `path` whole or not at all (see `baocao::files`).
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    baocao::files::write_atomically(path, bytes)
}
