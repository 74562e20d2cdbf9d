//! The view toolkit: what the templates see of the parts blocks share — lists with their
//! markers, cells, Markdown made safe HTML with links resolved for the page — and the
//! [`ViewCx`] that says where the page is.

use serde::Serialize;

use crate::markdown::{Links, to_html};
use crate::values::{Cell, DateStyle, Item, Marker};

/// A list: its items, each with its marker text; numbered lists are `<ol>`.
#[derive(Serialize)]
pub(crate) struct ListView {
    ordered: bool,
    /// No marker at all (`marker = "none"`).
    plain: bool,
    items: Vec<ItemView>,
}

/// A list item with its marker text, its body and its own sub-list.
#[derive(Serialize)]
pub(crate) struct ItemView {
    marker: Option<String>,
    html: String,
    body_html: Option<String>,
    id: Option<String>,
    list: Option<ListView>,
}

/// A cell: one text, or points (marked as a list when the table or record has a marker).
#[derive(Serialize)]
pub(crate) struct CellView {
    points: bool,
    items: Vec<String>,
    list: Option<ListView>,
}

/// What building a view needs besides the block: where the page is, how dates are written.
pub(crate) struct ViewCx<'a> {
    /// The relative path from the page to the site root (`""`, `"../../"`).
    pub root: &'a str,
    /// Put before every section anchor, so that several notices fit on one page.
    pub anchor_prefix: &'a str,
    /// How dates are written.
    pub date_style: DateStyle,
    /// The relative path from the page to the version's folder, where its attachments are.
    pub version_folder: &'a str,
    /// The names of the version's attachments.
    pub attachments: &'a [String],
}

impl ViewCx<'_> {
    /// Markdown as safe HTML; `inline` for one paragraph without `<p>`.
    pub(crate) fn markdown(&self, text: &str, inline: bool) -> String {
        to_html(
            text,
            &Links {
                root: self.root,
                anchor_prefix: self.anchor_prefix,
                files: self.version_folder,
                attachments: self.attachments,
            },
            inline,
        )
    }

    /// A list with its markers, numbered from `start`, its items' bodies and sub-lists.
    pub(crate) fn list(&self, marker: &Marker, start: Option<u32>, items: &[Item]) -> ListView {
        let start = start.unwrap_or(1) as usize;
        ListView {
            ordered: marker.is_ordered(),
            plain: *marker == Marker::None,
            items: items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let table = item.table();
                    ItemView {
                        marker: marker.label(start + i),
                        html: self.markdown(item.text(), true),
                        body_html: table
                            .and_then(|t| t.body.as_deref())
                            .map(|b| self.markdown(b, false)),
                        id: table
                            .and_then(|t| t.id.as_ref())
                            .map(|id| format!("{}{id}", self.anchor_prefix)),
                        list: table.filter(|t| !t.items.is_empty()).map(|t| {
                            self.list(&t.marker.clone().unwrap_or_default(), t.start, &t.items)
                        }),
                    }
                })
                .collect(),
        }
    }

    /// A table cell or field value; its points are marked with `marker` when there is one.
    pub(crate) fn cell(&self, c: &Cell, marker: Option<&Marker>) -> CellView {
        let list = match (c, marker) {
            (Cell::Points(points), Some(m)) => {
                let items: Vec<Item> = points.iter().map(|p| Item::Text(p.clone())).collect();
                Some(self.list(m, None, &items))
            }
            _ => None,
        };
        CellView {
            points: matches!(c, Cell::Points(_)),
            items: c.texts().iter().map(|t| self.markdown(t, true)).collect(),
            list,
        }
    }
}
