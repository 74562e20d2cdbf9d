//! A table cell or a field's value: one text, or several points.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A table cell or field value: one text, or several points shown as a list (Markdown, inline).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Cell {
    /// One text.
    Text(String),
    /// Several points.
    Points(Vec<String>),
}

impl Cell {
    /// The cell's texts: one for a text, one per point for a list.
    pub fn texts(&self) -> &[String] {
        match self {
            Cell::Text(t) => std::slice::from_ref(t),
            Cell::Points(p) => p,
        }
    }
}
