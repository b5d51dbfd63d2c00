//! `baocao ky`: sign a PDF with the USB token (PKCS#11) or, on Windows, with a certificate of
//! the Windows store (`--kho-windows`); check a signed PDF; list the certificates.
//!
//! The PIN comes from `BAOCAO_PIN` or is asked on the terminal without echo; it is never an
//! argument (other users see a command line), never printed, never stored. Through the Windows
//! store the PIN is Windows' own business (the token's window). The signed file is a new file
//! written whole; the input is never changed.

use std::path::Path;

use baocao::sign::{self, token::Module, Role};
use baocao::Error;
use secrecy::SecretString;

use crate::Args;

pub fn ky(args: &[String]) -> Result<(), Error> {
    let a = Args::parse(
        args,
        &[
            "-o",
            "--module",
            "--nhan",
            "--vai",
            "--anh",
            "--tin-cay",
            "--chuoi",
        ],
    )?;
    if a.flag("--kiem-tra") {
        return kiem_tra(&a);
    }
    if a.flag("--danh-sach") {
        return danh_sach(&a);
    }
    let input = Path::new(a.one("tệp PDF cần ký")?);
    let out = Path::new(a.opt("-o").ok_or_else(|| {
        Error::input("Thiếu tệp ra: thêm “-o TỆP_ĐÃ_KÝ.pdf”. Tệp đã ký luôn là một tệp mới.")
    })?);
    let vai = a.opt("--vai").ok_or_else(|| {
        Error::input("Thiếu vai trò ký: thêm “--vai ca-nhan” (người có thẩm quyền) hoặc “--vai co-quan” (cơ quan).")
    })?;
    let role = Role::parse(vai).ok_or_else(|| {
        Error::input(format!(
            "Vai trò “{vai}” không có. Hãy dùng “--vai ca-nhan” hoặc “--vai co-quan”."
        ))
    })?;
    let label = a.opt("--nhan").ok_or_else(|| {
        Error::input("Thiếu tên chứng thư: thêm “--nhan TÊN”. Gõ “baocao ky --danh-sach --module THƯ_VIỆN” (hoặc “--danh-sach --kho-windows”) để xem tên các chứng thư.")
    })?;
    let store = a.flag("--kho-windows");
    let module = if store { None } else { Some(load_module(&a)?) };
    crate::render::refuse_overwriting_input(input, out)?;
    let pdf = std::fs::read(input).map_err(|e| Error::from_io("đọc", input, &e))?;
    let image = match a.opt("--anh") {
        Some(p) => Some(std::fs::read(p).map_err(|e| Error::from_io("đọc ảnh", Path::new(p), &e))?),
        None => None,
    };
    let info = match &module {
        Some(m) => m.certificate(label)?.info,
        None => sign::cert_store::certificate(label)?.info,
    };
    let mut extra_chain = Vec::new();
    if let Some(p) = a.opt("--chuoi") {
        let bytes = std::fs::read(p).map_err(|e| Error::from_io("đọc", Path::new(p), &e))?;
        extra_chain.extend(sign::cert::read_certificates(&bytes));
    }
    let time = sign::flow::now();
    // The certificate is checked before the PIN is asked: an expired one never costs a try.
    info.check_before_signing(time)?;
    let signing = sign::flow::Signing {
        pdf: &pdf,
        label,
        role,
        image: image.as_deref(),
        extra_chain,
        time,
    };
    let signed = match &module {
        Some(m) => sign::flow::sign_with_token(m, read_pin()?, signing)?,
        None => sign::flow::sign_with_store(signing, None)?,
    };
    baocao::files::write_atomically(out, &signed)?;
    println!(
        "Đã ký “{}” ({}: {}) vào “{}”.",
        input.display(),
        role.label(),
        info.name,
        out.display()
    );
    Ok(())
}

fn load_module(a: &Args) -> Result<Module, Error> {
    let path = a.opt("--module").ok_or_else(|| {
        Error::input("Thiếu thư viện ký số: thêm “--module ĐƯỜNG_DẪN” tới tệp thư viện PKCS#11 của nhà cung cấp thiết bị.")
    })?;
    Module::load(Path::new(path))
}

/// The PIN from `BAOCAO_PIN`, or asked on the terminal.
fn read_pin() -> Result<SecretString, Error> {
    if let Ok(p) = std::env::var("BAOCAO_PIN") {
        return Ok(SecretString::from(p));
    }
    rpassword::prompt_password("Mã PIN của thiết bị ký số: ")
        .map(SecretString::from)
        .map_err(|_| {
            Error::input(
                "Không hỏi được mã PIN (không có bàn phím/terminal). Hãy đặt biến môi trường BAOCAO_PIN.",
            )
        })
}

fn danh_sach(a: &Args) -> Result<(), Error> {
    if a.flag("--kho-windows") {
        let certs = sign::cert_store::certificates()?;
        if certs.is_empty() {
            println!("Kho chứng thư của Windows không có chứng thư nào có khóa để ký. Hãy cắm thiết bị ký số.");
        }
        for c in certs {
            println!("{}\t{}", c.label, c.info.describe());
        }
        return Ok(());
    }
    let module = load_module(a)?;
    let certs = module.certificates()?;
    if certs.is_empty() {
        println!("Thiết bị không có chứng thư số nào.");
    }
    for c in certs {
        println!("{}\t{}", c.label, c.info.describe());
    }
    Ok(())
}

fn kiem_tra(a: &Args) -> Result<(), Error> {
    let input = Path::new(a.one("tệp PDF cần kiểm tra")?);
    let pdf = std::fs::read(input).map_err(|e| Error::from_io("đọc", input, &e))?;
    let mut trusted = Vec::new();
    for (k, v) in &a.options {
        if k == "--tin-cay" {
            let bytes = std::fs::read(v).map_err(|e| Error::from_io("đọc", Path::new(v), &e))?;
            trusted.extend(sign::cert::read_certificates(&bytes));
        }
    }
    let reports = sign::verify::verify_pdf(&pdf, &trusted)?;
    print!("{}", sign::verify::describe_reports(&reports));
    if reports.is_empty() || reports.iter().any(|r| !r.ok()) {
        std::process::exit(1);
    }
    Ok(())
}
