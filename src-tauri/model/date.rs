//! Ngày tháng năm ban hành, with the blanks the văn thư fills in by hand.

use serde::{Deserialize, Serialize};

/// The date of a document. The year is always set; day and month may be left blank
/// ("ngày     tháng     năm 2026") for the records clerk to write in after signing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocDate {
    pub year: i32,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

impl Default for DocDate {
    fn default() -> Self {
        DocDate {
            year: 2026,
            month: None,
            day: None,
        }
    }
}

/// What is printed in place of a day or month left blank: wide enough to write two digits by hand.
pub const DATE_BLANK: &str = "     ";

impl DocDate {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> DocDate {
        DocDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// The date as a chrono date when day and month are both set and valid.
    pub fn to_naive(&self) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(self.year, self.month?, self.day?)
    }

    /// "ngày 05 tháng 01 năm 2026" (ND30, Phụ lục I: a day under 10 and the months 1 and 2 take a
    /// leading zero, so that nothing can be added in front of them by hand).
    pub fn words(&self) -> String {
        let day = match self.day {
            Some(d) => format!("{d:02}"),
            None => DATE_BLANK.to_string(),
        };
        let month = match self.month {
            Some(m) if m <= 2 => format!("{m:02}"),
            Some(m) => m.to_string(),
            None => DATE_BLANK.to_string(),
        };
        format!("ngày {day} tháng {month} năm {}", self.year)
    }

    /// "Bạch Mai, ngày 05 tháng 01 năm 2026".
    pub fn line(&self, place: &str) -> String {
        if place.trim().is_empty() {
            self.words()
        } else {
            format!("{}, {}", place.trim(), self.words())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zero_for_days_under_ten_and_months_one_and_two() {
        let cases = [
            ((2026, 1, 5), "ngày 05 tháng 01 năm 2026"),
            ((2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
            ((2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
            ((2026, 6, 15), "ngày 15 tháng 6 năm 2026"),
            ((2026, 12, 31), "ngày 31 tháng 12 năm 2026"),
            ((2026, 10, 1), "ngày 01 tháng 10 năm 2026"),
        ];
        for ((y, m, d), want) in cases {
            assert_eq!(DocDate::from_ymd(y, m, d).words(), want);
        }
    }

    #[test]
    fn blanks_are_kept_for_the_records_clerk() {
        let d = DocDate {
            year: 2026,
            month: None,
            day: None,
        };
        assert_eq!(
            d.line("Bạch Mai"),
            "Bạch Mai, ngày       tháng       năm 2026"
        );
        assert_eq!(
            d.words(),
            format!("ngày {DATE_BLANK} tháng {DATE_BLANK} năm 2026")
        );
    }
}
