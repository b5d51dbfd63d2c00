//! `baocao import` and `baocao render`.

use baocao::Error;

use crate::input::load_report;

pub fn import(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["-o"])?;
    let _report =
        crate::input::report_from_bytes(&std::fs::read(a.one("tệp đầu vào")?).unwrap_or_default())?;
    Err(Error::internal("Lệnh import chưa làm xong."))
}

pub fn render(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &["-o", "--svg"])?;
    let _report = load_report(a.one("tệp đầu vào")?)?;
    Err(Error::internal("Lệnh render chưa làm xong."))
}
