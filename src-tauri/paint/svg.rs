//! SVG painter: one SVG per page, in millimetres.
