//! The Vietnamese language rules, in one place.
//!
//! - [`letters`]: a vowel taken apart into its letter, hat and tone, and put back together;
//! - [`syllable`]: what a Vietnamese syllable is (onset, medial, nucleus, final, tone and their
//!   rules), written from the language's structure, not from a word list; where the tone mark
//!   goes, and the two habits of "hòa" and "hoà";
//! - [`keys`]: a word read as Telex or VNI keystrokes, for the leftovers of a keyboard switched
//!   off ("ddaauf" → "đầu");
//! - [`legacy`]: the old one-byte code pages TCVN3 (ABC) and VNI, decoded to Unicode, and the
//!   test of whether a text reads better decoded.
//!
//! The importer converts old text with them; the spelling checks judge words with them. One copy
//! of the language's rules serves both.

pub mod keys;
pub mod legacy;
pub mod letters;
pub mod syllable;
