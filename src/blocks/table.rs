//! `type = "table"`: a table of any number of columns whose cells are text or lists.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::align::{Paired, align_pairing};
use super::kit::change::{
    ChangeKind, Differ, REWORD_THRESHOLD, Target, cell_text, kind_of, similarity, with,
};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::{CellView, ViewCx};
use crate::values::{Cell, FieldPath, Marker};

/// A table of any number of columns whose cells are text or lists.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableBlock {
    /// The table's caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Column headers.
    pub columns: Vec<String>,
    /// Whether the first cell of each row is that row's header.
    #[serde(default = "default_true")]
    pub row_headers: bool,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<Cell>>,
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

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    caption: Option<String>,
    columns: Vec<String>,
    row_headers: bool,
    rows: Vec<Vec<CellView>>,
}

impl TableBlock {
    fn row_text(row: &[Cell]) -> String {
        row.iter().map(cell_text).collect::<Vec<_>>().join(" | ")
    }

    fn row_label(&self, i: usize) -> String {
        match (self.row_headers, self.rows[i].first()) {
            (true, Some(c)) => cell_text(c),
            _ => format!("{}行目", i + 1),
        }
    }

    /// The cells of a reworded row, column by column.
    fn diff_row(&self, new: &TableBlock, i: usize, j: usize, d: &mut Differ, at: &[String]) {
        let rp = with(at, new.row_label(j));
        let n = self.rows[i].len().max(new.rows[j].len());
        for c in 0..n {
            let o = self.rows[i].get(c).map(cell_text);
            let nw = new.rows[j].get(c).map(cell_text);
            if o != nw {
                let col = new
                    .columns
                    .get(c)
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
        if self.columns.iter().all(|c| c.trim().is_empty()) && !self.columns.is_empty() {
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
        for (r, row) in self.rows.iter().enumerate() {
            let rp = at.key("rows").index(r);
            if row.len() != self.columns.len() {
                v.error(
                    &rp,
                    format!(
                        "this row has {} cells but the table has {} columns",
                        row.len(),
                        self.columns.len()
                    ),
                    "give every row one cell per column (an empty cell is \"\")",
                );
            }
            for (c, cell) in row.iter().enumerate() {
                v.cell(&rp.index(c), cell);
            }
        }
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        for (c, col) in self.columns.iter().enumerate() {
            l.trimmed(&at.key("columns").index(c), col);
        }
        for (r, row) in self.rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                l.cell(&at.key("rows").index(r).index(c), cell);
            }
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            caption: self.caption.clone(),
            columns: self.columns.clone(),
            row_headers: self.row_headers,
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(|c| cx.cell(c, self.marker.as_ref())).collect())
                .collect(),
        }
    }

    fn text(&self) -> String {
        std::iter::once(self.columns.join(" | "))
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
            &self.columns,
            &new.columns,
            |i| format!("{}列目", i + 1),
        );
        let ka: Vec<String> = self.rows.iter().map(|r| Self::row_text(r)).collect();
        let kb: Vec<String> = new.rows.iter().map(|r| Self::row_text(r)).collect();
        let same_row = |i: usize, j: usize| {
            (self.row_headers && self.rows[i].first() == new.rows[j].first())
                || similarity(&ka[i], &kb[j]) >= REWORD_THRESHOLD
        };
        for step in align_pairing(&ka, &kb, same_row) {
            match step {
                Paired::Same(..) => {}
                Paired::Changed(i, j) => self.diff_row(new, i, j, d, at),
                Paired::Removed(i) => {
                    d.removed(&with(at, self.row_label(i)), Target::TableRow, &ka[i])
                }
                Paired::Added(j) => d.added(&with(at, new.row_label(j)), Target::TableRow, &kb[j]),
            }
        }
    }
}
