//! Painters: they draw laid-out pages and never lay anything out.

pub mod pdf;
pub mod svg;
pub mod preview;
