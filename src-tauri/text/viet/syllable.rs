//! The Vietnamese syllable: onset, optional medial, nucleus, optional final, tone.
//!
//! Seam for the importer and the checks (to be filled in): `is_valid`.

/// Is `word` (one syllable, any case, NFC) a valid Vietnamese syllable?
pub fn is_valid(_word: &str) -> bool {
    true
}
