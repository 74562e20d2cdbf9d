//! `type = "note"`: a note (※ …), optionally followed by a list.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::BlockKind;
use super::kit::change::{Differ, Target};
use super::kit::lint::Linter;
use super::kit::problems::Checker;
use super::kit::view::{ListView, ViewCx};
use super::list::list_text;
use crate::values::{FieldPath, Item, Marker};

/// A note, shown with a mark (default `※`), optionally followed by a list.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteBlock {
    /// The mark shown before the note.
    #[serde(default = "default_note_mark")]
    pub mark: String,
    /// The note's text (Markdown, inline).
    pub text: String,
    /// How the items are marked.
    #[serde(default)]
    pub marker: Marker,
    /// The number of the first item (numbered markers only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<u32>,
    /// Items of a list that belongs to the note.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Item>,
    /// The statutory items this note fulfils (see docs/check.md).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

fn default_note_mark() -> String {
    "※".to_owned()
}

/// What the templates see.
#[derive(Serialize)]
pub(crate) struct View {
    mark: String,
    html: String,
    list: Option<ListView>,
}

impl BlockKind for NoteBlock {
    type View = View;

    fn label(&self) -> &'static str {
        "注記"
    }

    fn validate(&self, v: &mut Checker<'_>, at: &FieldPath) {
        v.nonempty(&at.key("mark"), &self.mark);
        v.nonempty(&at.key("text"), &self.text);
        v.markdown(&at.key("text"), &self.text);
        v.start(&at.key("start"), &self.marker, self.start);
        v.items(&at.key("items"), &self.items, false);
    }

    fn lint(&self, l: &mut Linter, at: &FieldPath) {
        l.items(&at.key("items"), &self.marker, &self.items);
    }

    fn view(&self, cx: &ViewCx<'_>) -> View {
        View {
            mark: self.mark.clone(),
            html: cx.markdown(&self.text, true),
            list: (!self.items.is_empty()).then(|| cx.list(&self.marker, self.start, &self.items)),
        }
    }

    fn text(&self) -> String {
        let head = format!("{}{}", self.mark, self.text);
        if self.items.is_empty() {
            head
        } else {
            format!(
                "{head}\n{}",
                list_text(&self.marker, self.start, &self.items)
            )
        }
    }

    fn covers(&self) -> &[String] {
        &self.covers
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
        d.items(
            at,
            (&self.marker, self.start, &self.items),
            (&new.marker, new.start, &new.items),
        );
    }
}
