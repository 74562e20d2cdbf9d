//! A cell of a `table` block: a text, points, or a cell written as a table `{ … }` that spans
//! rows or columns or holds blocks (a sub-heading followed by a list).

use std::fmt;

use schemars::JsonSchema;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::Block;
use crate::values::Cell;

/// A table's cell. A text or a list of texts is written as before (`"…"`, `["…", "…"]`);
/// anything more is a table: `{ text = "手数料", colspan = 2 }`, `{ blocks = [ … ] }`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TableCell {
    /// A text or points.
    Plain(Cell),
    /// A cell written as a table: spanning rows or columns, or holding blocks.
    Full(FullCell),
}

/// A cell written as a table. It holds one of `text`, `points` or `blocks`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FullCell {
    /// The cell's text (Markdown, one paragraph).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The cell's points, shown as a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<String>>,
    /// Blocks in the cell, in order, e.g. a text block with a sub-heading and a list block.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
    /// How many columns the cell spans (default 1).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub colspan: usize,
    /// How many rows the cell spans (default 1); the rows below leave its place out.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub rowspan: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

/// At most this many rows or columns for one cell: a mistyped 1000 is caught, not drawn.
pub const MAX_SPAN: usize = 100;

impl TableCell {
    /// The columns the cell spans.
    pub fn colspan(&self) -> usize {
        match self {
            TableCell::Full(f) => f.colspan.clamp(1, MAX_SPAN),
            TableCell::Plain(_) => 1,
        }
    }

    /// The rows the cell spans.
    pub fn rowspan(&self) -> usize {
        match self {
            TableCell::Full(f) => f.rowspan.clamp(1, MAX_SPAN),
            TableCell::Plain(_) => 1,
        }
    }

    /// The cell's text: its points on separate lines, its blocks' texts one after another.
    pub fn text(&self) -> String {
        match self {
            TableCell::Plain(c) => c.texts().join("\n"),
            TableCell::Full(f) => {
                let mut parts: Vec<String> = f.text.iter().cloned().collect();
                parts.extend(f.points.iter().flatten().cloned());
                parts.extend(f.blocks.iter().map(Block::text));
                parts.join("\n")
            }
        }
    }

    /// The text or points of the cell, as a plain cell (empty for a cell of blocks).
    pub fn plain(&self) -> Cell {
        match self {
            TableCell::Plain(c) => c.clone(),
            TableCell::Full(f) => match (&f.text, &f.points) {
                (_, Some(points)) => Cell::Points(points.clone()),
                (Some(t), None) => Cell::Text(t.clone()),
                (None, None) => Cell::Text(String::new()),
            },
        }
    }

    /// The blocks in the cell, to change them.
    pub fn blocks_mut(&mut self) -> &mut [Block] {
        match self {
            TableCell::Full(f) => &mut f.blocks,
            TableCell::Plain(_) => &mut [],
        }
    }

    /// The blocks in the cell.
    pub fn blocks(&self) -> &[Block] {
        match self {
            TableCell::Full(f) => &f.blocks,
            TableCell::Plain(_) => &[],
        }
    }
}

impl<'de> Deserialize<'de> for TableCell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct CellVisitor;
        impl<'de> Visitor<'de> for CellVisitor {
            type Value = TableCell;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a text, a list of texts or a cell written { text = \"…\", colspan = 2 }",
                )
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<TableCell, E> {
                Ok(TableCell::Plain(Cell::Text(s.to_owned())))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<TableCell, E> {
                Ok(TableCell::Plain(Cell::Text(s)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<TableCell, A::Error> {
                Vec::<String>::deserialize(SeqAccessDeserializer::new(seq))
                    .map(|points| TableCell::Plain(Cell::Points(points)))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<TableCell, A::Error> {
                FullCell::deserialize(MapAccessDeserializer::new(map)).map(TableCell::Full)
            }
        }
        d.deserialize_any(CellVisitor)
    }
}
