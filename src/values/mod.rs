//! The values a notice is written in, below every stage: dates (with the one table of Japanese
//! eras) and version ids, field paths, list markers and items, cells, numbers as staff type
//! them, web addresses. Plain types with their parsing and printing; no I/O.

pub mod cell;
pub mod colour;
pub mod date;
pub mod item;
pub mod marker;
pub mod number;
pub mod path;
pub mod statutory;
pub mod web;

pub use cell::Cell;
pub use date::{Date, DateStyle, VersionId};
pub use item::{Item, ItemTable};
pub use marker::Marker;
pub use path::FieldPath;
