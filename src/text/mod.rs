//! The text front end: plain text into blocks ([`segment()`]), and the layout pass
//! ([`layout_with()`]) that finds the body's extent, title, standfirst and headings.

mod layout;
mod markdown;
mod segment;
mod shape;

pub use layout::{layout_with, SmallSpan};
pub use segment::{composed, normalise, renders_as_nothing, segment};
pub use shape::{is_heading_shaped, is_prose};
