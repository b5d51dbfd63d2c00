//! `baocao drafts …`, `baocao backup`, `baocao restore`: the store from the command line.

use baocao::model::Report;
use baocao::Error;

pub fn drafts(_args: &[String]) -> Result<(), Error> {
    Err(Error::internal("Lệnh drafts chưa làm xong."))
}

pub fn backup(_args: &[String]) -> Result<(), Error> {
    Err(Error::internal("Lệnh backup chưa làm xong."))
}

pub fn restore(_args: &[String]) -> Result<(), Error> {
    Err(Error::internal("Lệnh restore chưa làm xong."))
}

/// The report of the draft whose id is `id`, if the store has one.
pub fn load_draft_report(_id: &str) -> Result<Option<Report>, Error> {
    Ok(None)
}
