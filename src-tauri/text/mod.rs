//! Text: Unicode normalisation, the fonts, and measuring text with them.

pub mod fonts;
pub mod measure;
pub mod scan;
pub mod symbols;
pub mod viet;

pub use fonts::{Face, FontSet};
pub use measure::Measurer;

use unicode_normalization::UnicodeNormalization;

/// NFC form of `s`. Every text that enters the engine goes through here: Vietnamese typed with
/// some keyboards or pasted from old files arrives decomposed ("a" + combining accents), which
/// would print right but neither search nor compare equal.
pub fn nfc(s: &str) -> String {
    if unicode_normalization::is_nfc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}
