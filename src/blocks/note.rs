//! `type = "note"`: a note (※ …), optionally followed by a list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Kind;
use crate::check::lint::Linter;
use crate::content::validate::Checker;
use crate::diff::{Differ, Target, item_label};
use crate::model::{FieldPath, Marker, Notice};
use crate::render::view::{ItemView, ViewCx};

/// A note, shown with a mark (default `※`), optionally followed by a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBlock {
    /// The mark shown before the note.
    #[serde(default = "default_note_mark")]
    pub mark: String,
    /// The note's text (Markdown, inline).
    pub text: String,
    /// How the items are numbered.
    #[serde(default)]
    pub marker: Marker,
    /// Items of a list that belongs to the note (Markdown, inline).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

fn default_note_mark() -> String {
    "※".to_owned()
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    mark: String,
    html: String,
    ordered: bool,
    items: Vec<ItemView>,
}

impl Kind for NoteBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "注記"
    }

    fn validate(&self, v: &mut Checker<'_, Notice>, at: &FieldPath) {
        v.nonempty(&at.key("mark"), &self.mark);
        v.nonempty(&at.key("text"), &self.text);
        v.markdown(&at.key("text"), &self.text);
        v.items(&at.key("items"), &self.items, false);
    }

    fn lint(&self, l: &mut Linter<'_>, at: &FieldPath) {
        for (i, item) in self.items.iter().enumerate() {
            l.trimmed(&at.key("items").index(i), item);
        }
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            mark: self.mark.clone(),
            html: cx.markdown(&self.text, true),
            ordered: self.marker.is_ordered(),
            items: cx.items(self.marker, &self.items),
        }
    }

    fn text(&self) -> String {
        std::iter::once(format!("{}{}", self.mark, self.text))
            .chain(
                self.items
                    .iter()
                    .enumerate()
                    .map(|(i, t)| format!("{}{t}", self.marker.label(i + 1).unwrap_or_default())),
            )
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn diff(&self, new: &Self, d: &mut Differ, at: &[String]) {
        if self.mark != new.mark || self.text != new.text {
            d.modified(
                at,
                Target::Text,
                &format!("{}{}", self.mark, self.text),
                &format!("{}{}", new.mark, new.text),
            );
        }
        let marker = new.marker;
        d.texts(at, Target::Item, &self.items, &new.items, |i| {
            item_label(marker, i)
        });
    }
}
