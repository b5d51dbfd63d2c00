//! `baocao`: the command-line tool over the engine and the store. Needs no display.
//!
//! Every failure is one line of Vietnamese on stderr saying what is wrong and what to do, with a
//! non-zero exit status; no command leaves a partial output file behind.

mod check;
mod drafts;
mod input;
mod ky;
mod render;
mod report_file;
mod tong_hop;

use baocao::Error;

const USAGE: &str = "Cách dùng:
  baocao import ĐẦU_VÀO -o báo_cáo.json        nhập tệp Word (.docx), văn bản/Markdown thành tệp báo cáo
  baocao render ĐẦU_VÀO -o RA.pdf|RA.docx [--svg THƯ_MỤC]   xuất PDF hoặc Word (và SVG từng trang)
         [--ky-so] [--phu-luc-rieng PHỤ_LỤC.pdf]  --ky-so: PDF để ký số (chừa ô chữ ký và con dấu);
                                                 --phu-luc-rieng: phụ lục thành tệp riêng để ký số
  baocao check ĐẦU_VÀO [--ngay DD/MM/YYYY] [--sua RA.json]   kiểm tra báo cáo (mã thoát 1 khi có lỗi),
                                                 --sua: ghi bản đã sửa mọi lỗi có cách sửa chắc chắn
  baocao drafts list | import TỆP | export MÃ -o TỆP
  baocao backup -o TỆP | restore TỆP
  baocao tong-hop MẪU ĐƠN_VỊ… -o RA.json|RA.pdf|RA.docx [--bang-ke BẢNG_KÊ.csv] [--danh-sach ĐƠN_VỊ.txt]
                                                 tổng hợp báo cáo của các đơn vị (.json, .docx, .xlsx) theo mẫu;
                                                 mã thoát 1 khi thiếu đơn vị hoặc số liệu mâu thuẫn
  baocao ky VÀO.pdf -o RA.pdf --module THƯ_VIỆN --nhan TÊN --vai ca-nhan|co-quan [--anh ẢNH.png]
                                                 ký số bằng thiết bị (PKCS#11); mã PIN lấy từ biến
                                                 BAOCAO_PIN hoặc được hỏi trên màn hình
  baocao ky --kiem-tra TỆP.pdf [--tin-cay GỐC.pem]   kiểm tra các chữ ký số của tệp
  baocao ky --danh-sach --module THƯ_VIỆN         liệt kê chứng thư trong thiết bị ký số
  baocao ky VÀO.pdf -o RA.pdf --kho-windows --nhan DẤU_VÂN_TAY|TÊN --vai ca-nhan|co-quan [--anh ẢNH.png]
                                                 trên Windows: ký bằng chứng thư trong kho của Windows
                                                 (Windows tự hỏi mã PIN của thiết bị)
  baocao ky --danh-sach --kho-windows             liệt kê chứng thư có khóa trong kho của Windows
ĐẦU_VÀO là tệp báo cáo .json, tệp Word (.docx), tệp văn bản/Markdown, hoặc mã một bản nháp.";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = run(&args);
    match result {
        Ok(()) => {}
        Err(e) => {
            eprintln!("Lỗi: {}", e.message);
            std::process::exit(match e.kind {
                baocao::ErrorKind::Input => 2,
                _ => 1,
            });
        }
    }
}

fn run(args: &[String]) -> Result<(), Error> {
    let Some(cmd) = args.first() else {
        println!("{USAGE}");
        return Ok(());
    };
    let rest = &args[1..];
    match cmd.as_str() {
        "import" => render::import(rest),
        "render" => render::render(rest),
        "check" => check::check(rest),
        "drafts" => drafts::drafts(rest),
        "backup" => drafts::backup(rest),
        "restore" => drafts::restore(rest),
        "tong-hop" => tong_hop::tong_hop(rest),
        "ky" => ky::ky(rest),
        drafts::CRASH_SAVER => drafts::crash_saver(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        other => Err(Error::input(format!(
            "Không có lệnh “{other}”. Gõ “baocao --help” để xem các lệnh."
        ))),
    }
}

/// Small argument reader shared by the subcommands: positional arguments and `-o FILE` style
/// options.
pub struct Args {
    pub positional: Vec<String>,
    pub options: Vec<(String, String)>,
    pub flags: Vec<String>,
}

impl Args {
    /// `with_value` lists the options that take a value (e.g. `["-o", "--svg"]`).
    pub fn parse(args: &[String], with_value: &[&str]) -> Result<Args, Error> {
        let mut a = Args {
            positional: Vec::new(),
            options: Vec::new(),
            flags: Vec::new(),
        };
        let mut it = args.iter();
        while let Some(s) = it.next() {
            if with_value.contains(&s.as_str()) {
                let v = it.next().ok_or_else(|| {
                    Error::input(format!(
                        "Thiếu giá trị sau “{s}”. Gõ “baocao --help” để xem cách dùng."
                    ))
                })?;
                a.options.push((s.clone(), v.clone()));
            } else if s.starts_with('-') && s.len() > 1 {
                a.flags.push(s.clone());
            } else {
                a.positional.push(s.clone());
            }
        }
        Ok(a)
    }
    pub fn opt(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn flag(&self, name: &str) -> bool {
        self.flags.iter().any(|f| f == name)
    }
    /// The one positional argument, or a Vietnamese message naming what is missing.
    pub fn one(&self, what: &str) -> Result<&str, Error> {
        match self.positional.as_slice() {
            [one] => Ok(one),
            [] => Err(Error::input(format!(
                "Thiếu {what}. Gõ “baocao --help” để xem cách dùng."
            ))),
            _ => Err(Error::input(format!(
                "Chỉ nhận một {what}. Gõ “baocao --help” để xem cách dùng."
            ))),
        }
    }
}
