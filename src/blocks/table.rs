//! `type = "table"`: a table of any number of columns whose cells are text, lists, or blocks,
//! and may span several rows or columns (a fee table's 「手数料」 over two columns, a row label
//! over several rows).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cell::{Grid, Misfit, TableCell};
use super::kit::align::{Paired, align_pairing};
use super::kit::change::{ChangeKind, Differ, REWORD_THRESHOLD, Target, kind_of, similarity, with};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::{CellView, ViewCx};
use super::{Block, BlockKind, BlockView};
use crate::values::{FieldPath, Marker};

/// A table of any number of columns whose cells are text or lists.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableBlock {
    /// The table's caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Column headers; `{ text = "手数料", colspan = 2 }` spans two columns,
    /// `{ text = "区分", rowspan = 2 }` reaches into the first of `rows` (see `header_rows`).
    pub columns: Vec<TableCell>,
    /// How many of the first `rows` are header rows too (a second row of column headers).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub header_rows: usize,
    /// Whether the first cell of each row is that row's header.
    #[serde(default = "default_true")]
    pub row_headers: bool,
    /// The rows; each has one cell per column, less the places taken by cells above that
    /// span down (`rowspan`) and counting a cell that spans columns (`colspan`) as that many.
    pub rows: Vec<Vec<TableCell>>,
    /// How the entries of cells that are lists are marked (as printed: 「・」).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    /// The statutory items this table fulfils (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

fn default_true() -> bool {
    true
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// What the templates see: the header rows and the body rows, each cell with its tag, scope
/// and spans decided.
#[derive(Serialize)]
pub(crate) struct View {
    caption: Option<String>,
    head: Vec<Vec<CellOut>>,
    rows: Vec<Vec<CellOut>>,
}

/// One cell as the template writes it.
#[derive(Serialize)]
struct CellOut {
    /// `th` or `td`.
    tag: &'static str,
    /// `col`, `row`, or none.
    scope: Option<&'static str>,
    colspan: usize,
    rowspan: usize,
    /// The plain text, for a header cell (column headers are not Markdown).
    text: String,
    #[serde(flatten)]
    content: CellView,
    /// Blocks in the cell (a sub-heading and a list).
    blocks: Vec<BlockView>,
}

impl TableBlock {
    fn row_text(row: &[TableCell]) -> String {
        row.iter()
            .map(TableCell::text)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    /// How the cells of a row are merged, in words: 「2列目: 2列×1行」 for each cell that spans.
    fn spans_text(row: &[TableCell]) -> String {
        let spans: Vec<String> = row
            .iter()
            .enumerate()
            .filter(|(_, c)| c.colspan() > 1 || c.rowspan() > 1)
            .map(|(i, c)| format!("{}番目のセル: {}列×{}行", i + 1, c.colspan(), c.rowspan()))
            .collect();
        if spans.is_empty() {
            "結合なし".to_owned()
        } else {
            spans.join("、")
        }
    }

    /// A row's text with its merged cells, to pair rows: a row whose merging changed is not
    /// the same row.
    fn row_key(row: &[TableCell]) -> String {
        format!("{}\u{0}{}", Self::row_text(row), Self::spans_text(row))
    }

    /// Every body cell with its row and its index in the row.
    pub fn cells(&self) -> impl Iterator<Item = (usize, usize, &TableCell)> {
        self.rows
            .iter()
            .enumerate()
            .flat_map(|(r, row)| row.iter().enumerate().map(move |(c, cell)| (r, c, cell)))
    }

    /// Every body cell, to change it, with its row and its index in the row.
    pub fn cells_mut(&mut self) -> impl Iterator<Item = (usize, usize, &mut TableCell)> {
        self.rows.iter_mut().enumerate().flat_map(|(r, row)| {
            row.iter_mut()
                .enumerate()
                .map(move |(c, cell)| (r, c, cell))
        })
    }

    /// The rows of the grid: the column headers, then `rows`.
    fn grid_rows(&self) -> impl Iterator<Item = &[TableCell]> {
        std::iter::once(self.columns.as_slice()).chain(self.rows.iter().map(Vec::as_slice))
    }

    /// Places every cell on the grid (see [`Grid`]).
    fn grid(&self) -> Result<Grid, Vec<Misfit>> {
        Grid::of(
            self.grid_rows().collect(),
            self.columns.iter().map(TableCell::colspan).sum(),
        )
    }

    /// Each grid column's header (the texts of the header cells over it) and the texts of the
    /// body cells that start in it, with the index of its first header cell in `columns`. One
    /// pass over the places of the grid.
    pub fn by_column(&self) -> Vec<(usize, String, Vec<String>)> {
        self.grid()
            .map(|grid| self.columns_on(&grid))
            .unwrap_or_default()
    }

    /// [`TableBlock::by_column`] on the grid already placed.
    fn columns_on(&self, grid: &Grid) -> Vec<(usize, String, Vec<String>)> {
        let head = 1 + self.header_rows.min(self.rows.len());
        let mut columns: Vec<(Option<usize>, Vec<String>, Vec<String>)> =
            vec![(None, Vec::new(), Vec::new()); grid.width];
        for (r, row) in self.grid_rows().enumerate() {
            for (i, (cell, start)) in row.iter().zip(&grid.starts[r]).enumerate() {
                if r >= head {
                    columns[*start].2.push(cell.text());
                    continue;
                }
                let text = cell.text();
                for column in columns.iter_mut().skip(*start).take(cell.colspan()) {
                    if r == 0 {
                        column.0 = Some(i);
                    }
                    column.1.push(text.clone());
                }
            }
        }
        columns
            .into_iter()
            .filter_map(|(first, header, body)| Some((first?, header.join(" "), body)))
            .collect()
    }

    /// The header over each body cell's column, row by row (`N列目` where it has none).
    fn column_labels(&self) -> Vec<Vec<String>> {
        let Ok(grid) = self.grid() else {
            return Vec::new();
        };
        let headers: Vec<String> = self
            .columns_on(&grid)
            .into_iter()
            .map(|(_, h, _)| h)
            .collect();
        grid.starts
            .iter()
            .skip(1)
            .map(|starts| {
                starts
                    .iter()
                    .map(|&col| {
                        headers
                            .get(col)
                            .filter(|h| !h.trim().is_empty())
                            .cloned()
                            .unwrap_or_else(|| format!("{}列目", col + 1))
                    })
                    .collect()
            })
            .collect()
    }

    /// Each body row that has its own header cell (the first column), with its index in
    /// `rows`, its label and the texts of its other cells.
    pub fn by_row(&self) -> Vec<(usize, String, Vec<String>)> {
        let Ok(grid) = self.grid() else {
            return Vec::new();
        };
        if !self.row_headers {
            return Vec::new();
        }
        self.rows
            .iter()
            .enumerate()
            .skip(self.header_rows)
            .filter(|(r, _)| grid.starts[r + 1].first() == Some(&0))
            .filter_map(|(r, row)| {
                let (first, rest) = row.split_first()?;
                Some((r, first.text(), rest.iter().map(TableCell::text).collect()))
            })
            .collect()
    }

    /// Every cell has its place: rows as wide as the table, spans inside it.
    fn validate_places(&self, v: &mut Checker<'_>, at: &FieldPath) {
        let spans = self
            .grid_rows()
            .flatten()
            .any(|c| c.colspan() > 1 || c.rowspan() > 1);
        if !spans && self.header_rows == 0 {
            for (r, row) in self.rows.iter().enumerate() {
                if row.len() != self.columns.len() {
                    v.error(
                        &at.key("rows").index(r),
                        format!(
                            "this row has {} cells but the table has {} columns",
                            row.len(),
                            self.columns.len()
                        ),
                        "give every row one cell per column (an empty cell is \"\")",
                    );
                }
            }
            return;
        }
        if let Err(misfits) = self.grid() {
            for m in misfits {
                let row = match m.row {
                    0 => at.key("columns"),
                    r => at.key("rows").index(r - 1),
                };
                let path = m.cell.map_or(row.clone(), |c| row.index(c));
                v.error(&path, m.message, m.fix);
            }
        }
    }

    /// A cell holds one thing (a text, points or blocks), spans at least one place and at most
    /// [`MAX_SPAN`](super::cell::MAX_SPAN), and holds no table.
    fn validate_cell(&self, v: &mut Checker<'_>, path: &FieldPath, cell: &TableCell) {
        let TableCell::Full(f) = cell else {
            v.cell(path, &cell.plain());
            return;
        };
        let held = usize::from(f.text.is_some())
            + usize::from(f.points.is_some())
            + usize::from(!f.blocks.is_empty());
        if held > 1 {
            v.error(
                path,
                "this cell has more than one of `text`, `points` and `blocks`",
                "keep one: `text` for a text, `points` for a list, `blocks` for a sub-heading and a list",
            );
        }
        for (key, n) in [("colspan", f.colspan), ("rowspan", f.rowspan)] {
            if n == 0 || n > super::cell::MAX_SPAN {
                v.error(
                    &path.key(key),
                    format!("{key} is {n}; a cell spans from 1 to 100 places"),
                    "write how many columns (colspan) or rows (rowspan) the cell takes, e.g. 2",
                );
            }
        }
        if f.blocks.is_empty() {
            v.cell(path, &cell.plain());
        }
        // The blocks themselves are validated as every block is (`Notice::blocks` reaches
        // into cells); a table among them is refused here.
        for (b, block) in f.blocks.iter().enumerate() {
            if matches!(block, Block::Table(_)) {
                v.error(
                    &path.key("blocks").index(b),
                    "a table cannot be put inside a table's cell",
                    "write the inner table after this one, or its rows as a list",
                );
            }
        }
    }

    fn row_label(&self, i: usize) -> String {
        match (self.row_headers, self.rows[i].first()) {
            (true, Some(c)) => c.text(),
            _ => format!("{}行目", i + 1),
        }
    }

    /// The cells of a reworded row, column by column.
    fn diff_row(
        &self,
        new: &TableBlock,
        (i, j): (usize, usize),
        labels: &[Vec<String>],
        d: &mut Differ,
        at: &[String],
    ) {
        let rp = with(at, new.row_label(j));
        let (sa, sb) = (
            Self::spans_text(&self.rows[i]),
            Self::spans_text(&new.rows[j]),
        );
        if sa != sb {
            d.whole(&with(&rp, "セルの結合"), Target::Cell, &sa, &sb);
        }
        let n = self.rows[i].len().max(new.rows[j].len());
        for c in 0..n {
            let o = self.rows[i].get(c).map(TableCell::text);
            let nw = new.rows[j].get(c).map(TableCell::text);
            if o != nw {
                let col = labels
                    .get(j)
                    .and_then(|row| row.get(c))
                    .cloned()
                    .unwrap_or_else(|| format!("{}列目", c + 1));
                let k = match (&o, &nw) {
                    (None, _) => ChangeKind::Added,
                    (_, None) => ChangeKind::Removed,
                    _ => ChangeKind::Modified,
                };
                d.push(with(&rp, col), Target::Cell, k, o.as_deref(), nw.as_deref());
            }
        }
    }
}

impl BlockKind for TableBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "表"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        if let Some(caption) = &self.caption {
            v.nonempty(&at.key("caption"), caption);
        }
        if self.columns.is_empty() {
            v.error(
                &at.key("columns"),
                "the table has no columns",
                "list the column headers: columns = [\"…\", \"…\"]",
            );
        }
        if self.columns.iter().all(|c| c.text().trim().is_empty()) && !self.columns.is_empty() {
            v.error(
                &at.key("columns"),
                "every column header is empty",
                "name at least one column; an empty header (\"\") is fine for a column of row headers",
            );
        }
        if self.rows.is_empty() {
            v.error(
                &at.key("rows"),
                "the table has no rows",
                "add rows = [[\"…\", \"…\"]]",
            );
        }
        if self.header_rows >= self.rows.len() && self.header_rows > 0 {
            v.error(
                &at.key("header_rows"),
                format!(
                    "header_rows is {} but the table has {} rows: no row would be left for the body",
                    self.header_rows,
                    self.rows.len()
                ),
                "header_rows counts the first of `rows` that are column headers too, usually 1",
            );
        }
        self.validate_places(v, at);
        for (c, cell) in self.columns.iter().enumerate() {
            self.validate_cell(v, &at.key("columns").index(c), cell);
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                self.validate_cell(v, &at.key("rows").index(r).index(c), cell);
            }
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        for (c, col) in self.columns.iter().enumerate() {
            l.trimmed(&at.key("columns").index(c), &col.text());
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let path = at.key("rows").index(r).index(c);
                // An empty cell of a header row is the corner over the row headers.
                let corner = r < self.header_rows && cell.text().trim().is_empty();
                // A cell's blocks are linted as every block is (`Notice::blocks`).
                if cell.blocks().is_empty() && !corner {
                    l.cell(&path, &cell.plain());
                }
            }
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        let starts = self.grid().map(|g| g.starts).unwrap_or_default();
        let head_rows = 1 + self.header_rows.min(self.rows.len());
        let mut rows: Vec<Vec<CellOut>> = self
            .grid_rows()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, cell)| {
                        let first = starts.get(r).and_then(|s| s.get(c)) == Some(&0);
                        let (tag, scope) = if r < head_rows {
                            if cell.text().is_empty() && cell.blocks().is_empty() {
                                ("td", None)
                            } else {
                                ("th", Some("col"))
                            }
                        } else if first && self.row_headers {
                            ("th", Some("row"))
                        } else {
                            ("td", None)
                        };
                        CellOut {
                            tag,
                            scope,
                            colspan: cell.colspan(),
                            rowspan: cell.rowspan(),
                            text: cell.text(),
                            content: cx.cell(&cell.plain(), self.marker.as_ref()),
                            blocks: cell.blocks().iter().map(|b| b.view(cx)).collect(),
                        }
                    })
                    .collect()
            })
            .collect();
        let body = rows.split_off(head_rows.min(rows.len()));
        View {
            caption: self.caption.clone(),
            head: rows,
            rows: body,
        }
    }

    fn text(&self) -> String {
        std::iter::once(Self::row_text(&self.columns))
            .chain(self.rows.iter().map(|r| Self::row_text(r)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn covers(&self) -> &[String] {
        &self.covers
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        if self.caption != new.caption {
            let (o, n) = (
                self.caption.clone().unwrap_or_default(),
                new.caption.clone().unwrap_or_default(),
            );
            d.push(
                with(at, "表題"),
                Target::Field,
                kind_of(&o, &n),
                Some(o.as_str()).filter(|s| !s.is_empty()),
                Some(n.as_str()).filter(|s| !s.is_empty()),
            );
        }
        d.texts(
            &with(at, "列見出し"),
            Target::Field,
            &self.columns.iter().map(TableCell::text).collect::<Vec<_>>(),
            &new.columns.iter().map(TableCell::text).collect::<Vec<_>>(),
            |i| format!("{}列目", i + 1),
        );
        let (sa, sb) = (
            Self::spans_text(&self.columns),
            Self::spans_text(&new.columns),
        );
        if sa != sb || self.header_rows != new.header_rows {
            let shape =
                |t: &TableBlock, s: String| format!("{s}（見出しの行 {}）", 1 + t.header_rows);
            d.whole(
                &with(at, "列見出しの結合"),
                Target::Field,
                &shape(self, sa),
                &shape(new, sb),
            );
        }
        let ka: Vec<String> = self.rows.iter().map(|r| Self::row_key(r)).collect();
        let kb: Vec<String> = new.rows.iter().map(|r| Self::row_key(r)).collect();
        let same_row = |i: usize, j: usize| {
            (self.row_headers && self.rows[i].first() == new.rows[j].first())
                || similarity(&ka[i], &kb[j]) >= REWORD_THRESHOLD
        };
        let labels = new.column_labels();
        for step in align_pairing(&ka, &kb, same_row) {
            match step {
                Paired::Same(..) => {}
                Paired::Changed(i, j) => self.diff_row(new, (i, j), &labels, d, at),
                Paired::Removed(i) => {
                    d.removed(&with(at, self.row_label(i)), Target::TableRow, &ka[i])
                }
                Paired::Added(j) => d.added(&with(at, new.row_label(j)), Target::TableRow, &kb[j]),
            }
        }
    }
}
