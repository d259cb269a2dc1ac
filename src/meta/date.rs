//! Recognising stand-alone date lines and turning them into ISO 8601.
