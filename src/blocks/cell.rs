//! A cell of a `table` block — a text, points, or a cell written as a table `{ … }` that spans
//! rows or columns or holds blocks (a sub-heading followed by a list) — and where the cells of
//! a table sit on its grid.

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
            TableCell::Plain(c) => super::kit::change::cell_text(c),
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

/// At most this many places (columns × rows) in one table: a mistyped span or a table pasted
/// many times over is an error, not a gigabyte of memory.
pub const MAX_PLACES: usize = 4_000_000;

/// Where the cells of a table are: for every row (the column headers first), the grid column
/// each of its cells starts at.
pub(super) struct Grid {
    pub width: usize,
    pub starts: Vec<Vec<usize>>,
}

/// A cell that does not fit: the row (0 = `columns`, then `rows` from 1), the cell, and why.
pub(super) struct Misfit {
    pub row: usize,
    pub cell: Option<usize>,
    pub message: String,
    pub fix: &'static str,
}

impl Grid {
    /// Places every cell of `rows` (the column headers first) on a grid `width` columns wide:
    /// a row takes the places left free by the cells above that span down.
    pub(super) fn of(rows: Vec<&[TableCell]>, width: usize) -> Result<Grid, Vec<Misfit>> {
        let height = rows.len();
        if width.saturating_mul(height) > MAX_PLACES {
            return Err(vec![Misfit {
                row: 0,
                cell: None,
                message: format!(
                    "the table has {width} columns and {height} rows: more places than kohyo draws in one table ({MAX_PLACES})"
                ),
                fix: "split the table into several",
            }]);
        }
        let mut taken = vec![vec![false; width]; height];
        let mut starts = Vec::with_capacity(height);
        let mut misfits = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            starts.push(place_row(row, r, &mut taken, &mut misfits));
            let free = taken[r].iter().filter(|t| !**t).count();
            if free > 0 && misfits.iter().all(|m| m.row != r) {
                misfits.push(Misfit {
                    row: r,
                    cell: None,
                    message: format!(
                        "this row leaves {free} of the table's {width} columns without a cell"
                    ),
                    fix: "give every row one cell per column (an empty cell is \"\"), less the places of cells above that span down (rowspan)",
                });
            }
        }
        if misfits.is_empty() {
            Ok(Grid { width, starts })
        } else {
            Err(misfits)
        }
    }
}

/// Places the cells of row `r`, marking the places they take (below too, for a rowspan);
/// where each starts.
fn place_row(
    row: &[TableCell],
    r: usize,
    taken: &mut [Vec<bool>],
    misfits: &mut Vec<Misfit>,
) -> Vec<usize> {
    let (width, height) = (taken[r].len(), taken.len());
    let mut at = 0;
    let mut starts = Vec::with_capacity(row.len());
    for (c, cell) in row.iter().enumerate() {
        while at < width && taken[r][at] {
            at += 1;
        }
        let (cols, rows) = (cell.colspan(), cell.rowspan());
        if at + cols > width {
            misfits.push(Misfit {
                row: r,
                cell: Some(c),
                message: format!(
                    "this cell goes past the table's last column (the table has {width} columns)"
                ),
                fix: "remove a cell from this row or make its colspan smaller; a cell above that spans down (rowspan) already takes its place in this row",
            });
            break;
        }
        if r + rows > height {
            misfits.push(Misfit {
                row: r,
                cell: Some(c),
                message: format!("this cell spans {rows} rows, past the table's last row"),
                fix: "make its rowspan smaller, or add the rows it spans",
            });
        }
        for taken_row in taken.iter_mut().skip(r).take(rows) {
            for place in taken_row.iter_mut().skip(at).take(cols) {
                *place = true;
            }
        }
        starts.push(at);
        at += cols;
    }
    starts
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
