//! How the report writes its numbers: one setting for the whole document, kept in the report file.
//!
//! The data lives here, in the model, because the report carries it; the writing itself
//! ("12.707", "98,2%", "1.845 tỷ 127 triệu đồng") is `crate::figures::format`, which reads it.
//! Every count of decimals is a number from a file that sizes a string, so it is clamped to the
//! range the settings form offers ([`NumberFormat::clamped`]): a hand-edited file asking for four
//! billion decimals must not make the app build a 4 GB string on every open.

use serde::{Deserialize, Serialize};

/// How money is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum MoneyStyle {
    /// "1.845 tỷ 127 triệu đồng", "490,5 triệu đồng": how the reports say it.
    #[default]
    Mixed,
    /// "1.845.127.000.000 đồng".
    Full,
}

/// Most decimals of a percentage ("98,235%"); the form offers 0 to this.
pub const MAX_PERCENT_DECIMALS: u32 = 3;
/// Most decimals of a non-integer quantity (an area in ha, "0,0025").
pub const MAX_DECIMALS: u32 = 4;
/// Most decimals of the last unit of money in the mixed form ("490,125 triệu đồng").
pub const MAX_MONEY_DECIMALS: u32 = 3;

/// One number format per report, so that the whole document writes numbers the same way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NumberFormat {
    /// Decimals of a percentage ("98,2%" with 1), at most [`MAX_PERCENT_DECIMALS`].
    pub percent_decimals: u32,
    /// Decimals of a non-integer quantity (areas, rates); integers are always written without.
    /// At most [`MAX_DECIMALS`].
    pub decimals: u32,
    pub money: MoneyStyle,
    /// Decimals of the last unit in the mixed money form ("490,5 triệu đồng" with 1), at most
    /// [`MAX_MONEY_DECIMALS`].
    pub money_decimals: u32,
}

impl Default for NumberFormat {
    fn default() -> Self {
        NumberFormat {
            percent_decimals: 1,
            decimals: 2,
            money: MoneyStyle::Mixed,
            money_decimals: 1,
        }
    }
}

impl NumberFormat {
    /// Every count of decimals brought into the range the settings form offers.
    pub fn clamped(&self) -> NumberFormat {
        NumberFormat {
            percent_decimals: self.percent_decimals.min(MAX_PERCENT_DECIMALS),
            decimals: self.decimals.min(MAX_DECIMALS),
            money: self.money,
            money_decimals: self.money_decimals.min(MAX_MONEY_DECIMALS),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_in_range_and_huge_counts_are_clamped() {
        let d = NumberFormat::default();
        assert_eq!(d.clamped(), d);
        let huge = NumberFormat {
            percent_decimals: 4_000_000_000,
            decimals: u32::MAX,
            money: MoneyStyle::Full,
            money_decimals: 7,
        };
        assert_eq!(
            huge.clamped(),
            NumberFormat {
                percent_decimals: MAX_PERCENT_DECIMALS,
                decimals: MAX_DECIMALS,
                money: MoneyStyle::Full,
                money_decimals: MAX_MONEY_DECIMALS,
            }
        );
    }
}
