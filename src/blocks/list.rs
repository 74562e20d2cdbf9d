//! `type = "list"`: a list whose marker is part of the text (1. → (1) → ① → ア), whose items
//! may hold a paragraph and a sub-list of their own.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::Differ;
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::{ListView, ViewCx};
use crate::values::{FieldPath, Item, Marker};

/// A list whose numbering is part of the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListBlock {
    /// How the items are marked.
    #[serde(default)]
    pub marker: Marker,
    /// The number of the first item (numbered markers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// The items: texts (Markdown, inline), or tables with a body and a sub-list.
    pub items: Vec<Item>,
    /// The statutory items this list fulfils (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    list: ListView,
}

impl BlockKind for ListBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "箇条書き"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        v.start(&at.key("start"), &self.marker, self.start);
        v.items(&at.key("items"), &self.items, true);
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        l.items(&at.key("items"), &self.marker, &self.items);
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            list: cx.list(&self.marker, self.start, &self.items),
        }
    }

    fn text(&self) -> String {
        list_text(&self.marker, self.start, &self.items)
    }

    fn covers(&self) -> &[String] {
        &self.covers
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        d.items(
            at,
            (&self.marker, self.start, &self.items),
            (&new.marker, new.start, &new.items),
        );
    }
}

/// The whole text of a list: each item with its marker, sub-lists under their items.
pub(crate) fn list_text(marker: &Marker, start: Option<u32>, items: &[Item]) -> String {
    let start = start.unwrap_or(1) as usize;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| item.full_text(marker.label(start + i)))
        .collect::<Vec<_>>()
        .join("\n")
}
