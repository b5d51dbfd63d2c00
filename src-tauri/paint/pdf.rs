//! PDF painter (printpdf).
