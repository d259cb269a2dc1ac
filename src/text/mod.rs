//! The text front end: plain text into blocks ([`segment()`]), and the layout pass
//! ([`layout()`]) that finds the body's extent, title, standfirst and headings.

mod layout;
mod markdown;
mod segment;
mod shape;

pub use layout::layout;
pub use segment::{composed, normalise, renders_as_nothing, segment};
pub use shape::{is_heading_shaped, is_prose};
