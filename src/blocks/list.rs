//! `type = "list"`: a list whose numbering is part of the text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::check::lint::Linter;
use crate::content::validate::Checker;
use crate::diff::{Differ, Target, item_label};
use crate::model::{FieldPath, Marker, Notice};
use crate::render::view::{ItemView, ViewCx};

/// A list whose numbering is part of the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListBlock {
    /// How the items are numbered.
    #[serde(default)]
    pub marker: Marker,
    /// The items (Markdown, inline).
    pub items: Vec<String>,
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    ordered: bool,
    items: Vec<ItemView>,
}

impl Kind for ListBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "箇条書き"
    }

    fn validate(&self, v: &mut Checker<'_, Notice>, at: &FieldPath) {
        v.items(&at.key("items"), &self.items, true);
    }

    fn lint(&self, l: &mut Linter<'_>, at: &FieldPath) {
        for (i, item) in self.items.iter().enumerate() {
            l.trimmed(&at.key("items").index(i), item);
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            ordered: self.marker.is_ordered(),
            items: cx.items(self.marker, &self.items),
        }
    }

    fn text(&self) -> String {
        self.items
            .iter()
            .enumerate()
            .map(|(i, t)| format!("{}{t}", self.marker.label(i + 1).unwrap_or_default()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        let marker = new.marker;
        d.texts(at, Target::Item, &self.items, &new.items, |i| {
            item_label(marker, i)
        });
    }
}
