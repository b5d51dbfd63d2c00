//! `baocao check`.

use baocao::Error;

pub fn check(args: &[String]) -> Result<(), Error> {
    let a = crate::Args::parse(args, &[])?;
    let _report = crate::input::load_report(a.one("tệp đầu vào")?)?;
    Err(Error::internal("Lệnh check chưa làm xong."))
}
