//! Painters: they draw laid-out pages and never lay anything out. The Word painter is the one
//! exception in kind: Word paginates itself, so it writes the report as flowing text with the
//! layout's own sizes and line decisions (see [`docx`]).

pub mod docx;
pub mod pdf;
pub mod preview;
pub mod svg;
