//! `baocao tong-hop MAU UNIT… -o OUT.(json|pdf|docx) [--bang-ke KE.csv] [--danh-sach UNITS.txt]`:
//! one summary from many units' reports (see `baocao::consolidate`).
//!
//! The summary is written whatever the findings (atomically, like every output): a clerk with
//! 28 of 30 reports still needs the draft. Each finding goes to stderr, one a line
//! (`lỗi|cảnh báo<TAB>message`), and the exit status is 1 when a unit is missing or a cell
//! conflicts, so that a script notices.

use std::path::{Path, PathBuf};

use baocao::consolidate::{self, Marks};
use baocao::text::{FontSet, Measurer};
use baocao::Error;

pub fn tong_hop(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["-o", "--bang-ke", "--danh-sach"])?;
    let Some((template, units)) = a.positional.split_first() else {
        return Err(Error::input(
            "Thiếu tệp mẫu (đề cương đã gửi các đơn vị) và báo cáo của các đơn vị. Gõ “baocao --help” để xem cách dùng.",
        ));
    };
    if units.is_empty() {
        return Err(Error::input(
            "Chưa có báo cáo nào của đơn vị. Hãy ghi sau tệp mẫu các tệp báo cáo của đơn vị (.json, .docx, .xlsx).",
        ));
    }
    let out = PathBuf::from(a.opt("-o").ok_or_else(|| {
        Error::input("Thiếu “-o” và tên tệp tổng hợp cần ghi ra (.json, .pdf hoặc .docx).")
    })?);
    let ext = out
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if !matches!(ext.as_str(), "json" | "pdf" | "docx") {
        return Err(Error::input(format!(
            "Không ghi được tệp tổng hợp “{}”: hãy đặt tên kết thúc bằng .json (báo cáo), .pdf hoặc .docx (Word).",
            out.display()
        )));
    }
    let mut outputs = vec![out.clone()];
    outputs.extend(a.opt("--bang-ke").map(PathBuf::from));
    for p in &outputs {
        let parent = p.parent().unwrap_or(Path::new(""));
        if !parent.as_os_str().is_empty() && !parent.is_dir() {
            return Err(Error::input(format!(
                "Không có thư mục “{}” để ghi “{}”. Hãy tạo thư mục đó trước.",
                parent.display(),
                p.display()
            )));
        }
    }
    let template_path = Path::new(template);
    if !template_path.is_file() {
        return Err(Error::input(format!(
            "Không tìm thấy tệp mẫu “{template}”. Hãy kiểm tra đường dẫn."
        )));
    }
    let tpl = consolidate::read::template_file(template_path)?;
    let mut marks = Marks::load_beside(template_path)?;
    if let Some(list) = a.opt("--danh-sach") {
        let p = Path::new(list);
        let text = std::fs::read(p).map_err(|e| Error::from_io("đọc", p, &e))?;
        marks.roster = Marks::roster_from_text(&String::from_utf8_lossy(&text));
    }
    let paths: Vec<PathBuf> = units.iter().map(PathBuf::from).collect();
    let (us, bad) = consolidate::read::units(&paths);
    let c = consolidate::consolidate(&tpl, &marks, us, bad);

    let bytes = match ext.as_str() {
        "json" => baocao::model::file::to_json(&c.summary).into_bytes(),
        "docx" => {
            let m = Measurer::new(FontSet::get());
            baocao::paint::docx::write_docx(&c.summary, &m, chrono::Utc::now())?
        }
        _ => {
            let fonts = FontSet::get();
            let m = Measurer::new(fonts);
            let doc = baocao::layout::layout(&c.summary, &m);
            baocao::paint::pdf::write_pdf(&doc, fonts, chrono::Local::now().naive_local())?
        }
    };
    baocao::files::write_atomically(&out, &bytes)?;
    println!("{}", c.coverage());
    println!("Đã ghi bản tổng hợp vào “{}”.", out.display());
    if let Some(ke) = a.opt("--bang-ke") {
        baocao::files::write_atomically(Path::new(ke), &consolidate::bang_ke::csv(&c.cells))?;
        println!("Đã ghi bảng kê {} ô vào “{ke}”.", c.cells.len());
    }
    if c.marks != marks {
        // The marks are a convenience for the next run: a template in a folder that cannot be
        // written (a read-only share, a CD) must not cost the summary already written.
        let side = Marks::sidecar_path(template_path);
        match baocao::files::write_atomically(&side, c.marks.to_json().as_bytes()) {
            Ok(()) => println!(
                "Đã lưu danh sách đơn vị và các cột tỷ lệ của mẫu vào “{}”.",
                side.display()
            ),
            Err(e) => eprintln!(
                "cảnh báo\tKhông lưu được danh sách đơn vị và các cột tỷ lệ của mẫu vào “{}” ({}). Bản tổng hợp vẫn được ghi; lần sau hãy ghi lại --danh-sach.",
                side.display(),
                e.message
            ),
        }
    }
    let mut blocking = 0;
    for f in &c.findings {
        let kind = if f.is_blocking() {
            blocking += 1;
            "lỗi"
        } else {
            "cảnh báo"
        };
        eprintln!("{kind}\t{}", f.message());
    }
    if blocking > 0 {
        eprintln!(
            "Bản tổng hợp chưa đủ: {blocking} lỗi (đơn vị còn thiếu hoặc số liệu mâu thuẫn). Bản tổng hợp vẫn được ghi để soát tiếp."
        );
        std::process::exit(1);
    }
    Ok(())
}
