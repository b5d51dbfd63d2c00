//! Painters: they draw laid-out pages and never lay anything out.

pub mod pdf;
pub mod preview;
pub mod svg;
