//! The Vietnamese language rules, in one place.
//!
//! - [`syllable`]: what a Vietnamese syllable is (onset, medial, nucleus, final, tone and their
//!   rules), written from the language's structure, not from a word list;
//! - [`legacy`]: the old one-byte code pages TCVN3 (ABC) and VNI, decoded to Unicode, and the
//!   test of whether a text reads better decoded.
//!
//! The importer converts old text with them; the spelling checks judge words with them. One copy
//! of the language's rules serves both.

pub mod legacy;
pub mod syllable;
