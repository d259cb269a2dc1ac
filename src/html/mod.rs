//! The HTML front end: a page becomes blocks with the features detectors need, the
//! article region is found by scoring, and the shared noise detectors clean it.

mod visible;

pub use visible::visible_text;
