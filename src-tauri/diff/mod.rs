//! Compare two versions of a report, section by section, word by word.
